"""The container: which files are opened at all, and what may be read from them.

Everything here happens before a spreadsheet parser sees a byte, so that a hostile or
broken file is refused with a finding instead of hanging, exhausting memory or
aborting the process:

- :func:`daftar_berkas` lists the workbooks of a folder and every other entry skipped
  with its reason; FIFOs, devices and sockets are never opened.
- :func:`baca_bita` reads one regular file, non-blocking and bounded in size.
- :func:`periksa_wadah` refuses what is not a workbook container (empty, encrypted,
  not a zip, truncated, a zip bomb) from the zip directory alone.
- :class:`Wadah` opens the workbook and reads a sheet only after checking the extent
  of its cells: python-calamine allocates the whole rectangle from A1 to the last cell
  before returning anything, so a single value in XFD1048576 asks for 512 GiB.
"""

from __future__ import annotations

import html
import io
import os
import posixpath
import re
import stat
import struct
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from python_calamine import CalamineWorkbook

from .hasil import Pencatat

EKSTENSI: frozenset[str] = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
MAKS_UKURAN = 20 * 1024 * 1024
"""Largest file taken in (bytes); real instruments are ~20 KB."""
MAKS_ISI_ZIP = 60 * 1024 * 1024
"""Largest total uncompressed size a zip container may declare (zip-bomb guard)."""
MAKS_ENTRI_ZIP = 2000
MAKS_BARIS = 5000
"""Rows of any sheet read; a team has tens of indicators."""
MAKS_KOLOM = 256
"""Columns of any sheet read; the Capaian sheet has 18."""

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENKRIPSI = "EncryptionInfo".encode("utf-16-le")


class TerlaluBesar(Exception):
    """A sheet's cells reach beyond :data:`MAKS_BARIS` × :data:`MAKS_KOLOM` (``baris``
    and ``kolom`` -1: the sheet's XML could not be located to check it)."""

    def __init__(self, lembar: str, baris: int, kolom: int) -> None:
        super().__init__(lembar)
        self.lembar = lembar
        self.baris = baris
        self.kolom = kolom


class IsiRusak(Exception):
    """A member of the zip cannot be read: damaged, or inflating beyond its size."""


class TakTerbaca(Exception):
    """The file cannot be read as a regular file; ``alasan`` says why, in Indonesian."""

    def __init__(self, alasan: str) -> None:
        super().__init__(alasan)
        self.alasan = alasan


# --------------------------------------------------------------------------- the folder


def berkas_kunci(nama: str) -> bool:
    """Lock files of Excel (``~$x.xlsx``) and LibreOffice (``.~lock.x.xlsx#``)."""
    return nama.startswith("~$") or nama.startswith(".~lock.")


def _jenis_khusus(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (pipa bernama)"
    if stat.S_ISCHR(mode):
        return "perangkat karakter"
    if stat.S_ISBLK(mode):
        return "perangkat blok"
    if stat.S_ISSOCK(mode):
        return "soket"
    return "bukan berkas biasa"


def daftar_berkas(folder: Path, kelolaan: Sequence[Path] = ()) -> tuple[list[Path], list[str]]:
    """Workbooks under ``folder`` (recursively), and every other entry skipped, as
    ``"path (reason)"``.

    Workbooks come in the order they were received (modification time, then path): when
    a team sent two files for the same month, the later one is taken in last and so
    replaces the earlier one, whatever their names; earlier months are checked first.

    Never opens anything: FIFOs, devices and sockets (whatever their name), symbolic
    links, hidden files and workbooks inside hidden folders are listed as skipped with
    the reason; folders in ``kelolaan`` (the workspace's own instrumen/, kiriman/,
    laporan/, arsip/) are named once and not entered. Lock files of spreadsheet
    programs are left out silently.
    """
    berkas: list[tuple[float, str, Path]] = []
    dilewati: list[str] = []
    lewati = {p.resolve() for p in kelolaan}

    def relatif(jalur: Path) -> str:
        return str(jalur.relative_to(folder))

    for akar, folder_anak, nama_berkas in os.walk(folder):
        akar_p = Path(akar)
        tersembunyi = any(b.startswith(".") for b in akar_p.relative_to(folder).parts)
        anak_baru = []
        for d in sorted(folder_anak):
            jalur_d = akar_p / d
            if jalur_d.is_symlink():
                dilewati.append(f"{relatif(jalur_d)}/ (tautan simbolik ke folder; tidak diikuti)")
            elif jalur_d.resolve() in lewati:
                dilewati.append(f"{relatif(jalur_d)}/ (folder milik kinerja)")
            else:
                anak_baru.append(d)
        folder_anak[:] = anak_baru
        for nama in sorted(nama_berkas):
            if berkas_kunci(nama):
                continue
            jalur = akar_p / nama
            buku = jalur.suffix.lower() in EKSTENSI
            if tersembunyi:
                if buku:  # other files of hidden folders (.git …) are nobody's submission
                    dilewati.append(f"{relatif(jalur)} (di dalam folder tersembunyi)")
                continue
            try:
                info = jalur.lstat()
            except OSError as exc:
                dilewati.append(f"{relatif(jalur)} (tidak dapat dibaca: {exc.strerror})")
                continue
            if stat.S_ISLNK(info.st_mode):
                dilewati.append(f"{relatif(jalur)} (tautan simbolik; tidak diikuti)")
            elif not stat.S_ISREG(info.st_mode):
                dilewati.append(
                    f"{relatif(jalur)} ({_jenis_khusus(info.st_mode)}, bukan berkas; tidak dibuka)"
                )
            elif nama.startswith("."):
                dilewati.append(f"{relatif(jalur)} (berkas tersembunyi)")
            elif buku:
                berkas.append((info.st_mtime, str(jalur), jalur))
            else:
                dilewati.append(f"{relatif(jalur)} (bukan buku kerja .xlsx/.xlsm/.xls/.ods)")
    berkas.sort(key=lambda b: (b[0], b[1]))
    return [b[2] for b in berkas], dilewati


def baca_bita(jalur: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of one regular file of at most :data:`MAKS_UKURAN` bytes, and its
    status. Opened non-blocking and checked after opening, so a FIFO or device put in
    its place meanwhile is never read. Raises :class:`TakTerbaca` with the reason, or
    :class:`TerlaluBesar`-free: a file too large is :class:`TakTerbaca` as well."""
    try:
        fd = os.open(jalur, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise TakTerbaca(f"berkas tidak dapat dibuka ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TakTerbaca(f"{_jenis_khusus(info.st_mode)}, bukan berkas; tidak dibaca")
        if info.st_size > MAKS_UKURAN:
            raise TakTerbaca(_pesan_besar(info.st_size))
        bagian: list[bytes] = []
        sisa = MAKS_UKURAN + 1
        while sisa > 0:
            potong = os.read(fd, min(sisa, 1 << 20))
            if not potong:
                break
            bagian.append(potong)
            sisa -= len(potong)
        data = b"".join(bagian)
        if len(data) > MAKS_UKURAN:  # grew while being read
            raise TakTerbaca(_pesan_besar(len(data)))
        return data, info
    except OSError as exc:
        raise TakTerbaca(f"berkas tidak dapat dibaca ({exc.strerror})") from None
    finally:
        os.close(fd)


def _pesan_besar(ukuran: int) -> str:
    return (
        f"berkas terlalu besar ({ukuran // 1024 // 1024} MB; batas "
        f"{MAKS_UKURAN // 1024 // 1024} MB), padahal instrumen asli hanya puluhan KB"
    )


# --------------------------------------------------------------------------- the container


_KIRIM_ULANG = "Minta tim mengirim ulang instrumen aslinya."


def periksa_wadah(data: bytes, nama: str, p: Pencatat) -> dict[str, Entri]:
    """Refuse what is not a workbook container, before any parser sees it; the members
    of a zip container (empty for an OLE one)."""
    if not data:
        raise p.tolak("berkas-rusak", alasan="berkas kosong (0 bita)", saran=_KIRIM_ULANG)
    if data.startswith(OLE):
        if _ENKRIPSI in data[:65536] or _ENKRIPSI in data:
            raise p.tolak(
                "berkas-rusak",
                alasan="berkas dilindungi kata sandi (terenkripsi)",
                saran="Minta tim menyimpan ulang tanpa kata sandi.",
            )
        return {}
    if not data.startswith(ZIP):
        raise p.tolak(
            "berkas-rusak",
            alasan=f"isi {nama} bukan format .xlsx/.xls/.ods (mungkin CSV, PDF atau berkas "
            "lain yang diganti namanya)",
            saran=_KIRIM_ULANG,
        )
    entri = isi_zip(data)
    if entri is None:
        raise p.tolak(
            "berkas-rusak",
            alasan="berkas terpotong atau rusak (arsip zip tidak utuh)",
            saran=_KIRIM_ULANG,
        )
    if len(entri) > MAKS_ENTRI_ZIP or sum(e.ukuran for e in entri.values()) > MAKS_ISI_ZIP:
        raise p.tolak(
            "berkas-rusak",
            alasan="isinya terlalu besar setelah dibuka (kemungkinan bom zip)",
            saran=_KIRIM_ULANG,
        )
    return entri


class Entri(NamedTuple):
    """One member of a zip, from its central directory."""

    awal: int
    """Offset of its local header."""
    ukuran_mampat: int
    ukuran: int
    metode: int


_KEPALA_PUSAT = struct.Struct("<4s6xH8xIIHHH8xI")
"""A central directory header (46 bytes): signature, method, compressed and
uncompressed size, lengths of name, extra field and comment, offset of the local header."""


def isi_zip(data: bytes) -> dict[str, Entri] | None:
    """The members of a zip from its central directory, without decompressing
    anything; None when the directory is missing or inconsistent."""
    akhir = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if akhir < 0 or akhir + 22 > len(data):
        return None
    jumlah, panjang, awal = struct.unpack_from("<HII", data, akhir + 10)
    if jumlah == 0xFFFF or awal == 0xFFFFFFFF or awal + panjang > akhir:
        return None  # ZIP64 or truncated: never produced by spreadsheet programs here
    entri: dict[str, Entri] = {}
    posisi = awal
    for _ in range(jumlah):
        try:
            tanda, metode, mampat, ukuran, n_nama, n_ekstra, n_komentar, lokal = (
                _KEPALA_PUSAT.unpack_from(data, posisi)
            )
        except struct.error:
            return None
        if tanda != b"PK\x01\x02":
            return None
        nama = data[posisi + 46 : posisi + 46 + n_nama].decode("utf-8", "replace")
        entri[nama] = Entri(lokal, mampat, ukuran, metode)
        posisi += 46 + n_nama + n_ekstra + n_komentar
    return entri


def ukuran_isi_zip(data: bytes) -> tuple[int, int] | None:
    """(entries, total uncompressed size) declared by the zip central directory."""
    entri = isi_zip(data)
    if entri is None:
        return None
    return len(entri), sum(e.ukuran for e in entri.values())


def _mampat(data: bytes, entri: Entri) -> bytes:
    """One member's bytes as stored (compressed)."""
    if data[entri.awal : entri.awal + 4] != b"PK\x03\x04":
        raise ValueError("kepala lokal zip tidak ada")
    n_nama, n_ekstra = struct.unpack_from("<HH", data, entri.awal + 26)
    mulai = entri.awal + 30 + n_nama + n_ekstra
    return data[mulai : mulai + entri.ukuran_mampat]


def baca_entri(data: bytes, entri: Entri) -> bytes:
    """One member's bytes, decompressed to at most its declared size. Raises
    :class:`IsiRusak` for a damaged member or one that inflates beyond what the
    directory declares."""
    try:
        mampat = _mampat(data, entri)
        if entri.metode == 0:
            return mampat
        if entri.metode != 8:
            raise IsiRusak(f"metode kompresi zip {entri.metode} tidak dikenal")
        buka = zlib.decompressobj(-15)
        hasil = buka.decompress(mampat, entri.ukuran + 1)
    except (zlib.error, struct.error, ValueError) as exc:
        raise IsiRusak(f"bagian zip rusak ({exc})") from None
    if len(hasil) > entri.ukuran or buka.unconsumed_tail:
        raise IsiRusak("bagian zip lebih besar dari yang dinyatakan")
    return hasil


# --------------------------------------------------------------------------- extents

_ATRIBUT = rb"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))"""
_LUAR_NILAI = rb"[\x00-!#-&(-=?-qs-\xff]*+"
"""Bytes of a tag outside its values: anything but ``>``, ``"``, ``'`` and ``r``, spelt
as ranges so that the regex engine tests them against a bitmap (faster than
``[^>"'r]``)."""
_SEL_TIDAK_BIASA = re.compile(
    rb'<c(?=[\s/>])(?! r="[A-I]?[A-Z]?[0-9]{1,4}"(?:'
    + _LUAR_NILAI
    + rb'"[^"]*+")*+'
    + _LUAR_NILAI
    + rb">)"
)
"""A cell start tag not written the usual way, ``<c r="REF" s="…" t="…">`` with REF
within IZ9999 and no second ``r`` (calamine takes the last one): a cell without a place
(it follows the previous one), a large place, or any other spelling. After REF an ``r``
may only stand inside a double-quoted value (``t="inlineStr"``): a second ``r``
attribute, however spelled, has its ``r`` outside the quotes. Values are skipped quote
to quote, so a ``>`` inside one (``s=">"``) does not end the tag early; single quotes
are not usual. The literal ``<c`` lets the regex engine jump from cell to cell (±0,17
ms for the 1,100 cells of a 60-indicator Capaian sheet; an attribute-by-attribute loop
took 0,27 ms)."""
_SEL_BERAWALAN = re.compile(rb":c[\s/>]")
"""A cell element with a namespace prefix (``<x:c …>``), which calamine reads too."""
_TAG_XLSX = re.compile(rb"<(?:[\w.-]+:)?(row|c)(" + _ATRIBUT + rb"*)\s*/?>")
_SATU_ATRIBUT = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)([0-9]*)")


def lembar_kecil(xml: bytes) -> bool:
    """True when every cell of a sheet's XML is written ``<c r="REF"`` with REF within
    IZ9999 (so the sheet is at most 9,999 × 260 cells): two searches, no Python loop.
    False sends the sheet to the exact count of :func:`luas_lembar_xlsx`."""
    return _SEL_TIDAK_BIASA.search(xml) is None and _SEL_BERAWALAN.search(xml) is None


def _kolom_angka(huruf: bytes) -> int:
    nilai = 0
    for h in huruf.upper()[:8]:
        nilai = nilai * 26 + h - 64
    return nilai


def luas_lembar_xlsx(xml: bytes) -> tuple[int, int]:
    """(rows, columns) of the rectangle from A1 to the last cell of a sheet's XML, the
    way a reader places cells: by their ``r``, or after the previous cell or row when
    they have none. Attributes are tokenised (an ``r=`` inside another attribute's
    quotes is not a place); a tag with two ``r`` counts both."""
    baris = kolom = 0
    b = k = 0  # 1-based position of the last row / cell seen
    for tag, atribut in _TAG_XLSX.findall(xml):
        tempat = [
            _REF.match(dua or satu).groups()  # type: ignore[union-attr]
            for nama, dua, satu in _SATU_ATRIBUT.findall(atribut)
            if nama == b"r"
        ]
        if tag == b"row":
            nomor = [int(a[:9]) for _, a in tempat if a]
            b = max(nomor) if nomor else b + 1
            k = 0
            continue
        if not tempat:
            k += 1
        for huruf, angka in tempat:
            k = _kolom_angka(huruf) if huruf else k + 1
            if angka:
                b = int(angka[:9])
            baris, kolom = max(baris, b), max(kolom, k)
        baris, kolom = max(baris, b), max(kolom, k)
    return baris, kolom


_ODS_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])"
    rb"([^>]*?)(/?)>"
)
_ODS_ULANG = re.compile(rb"number-(?:rows|columns)-repeated\s*=\s*[\"']([0-9]+)[\"']")
_ODS_NAMA = re.compile(rb"\bname\s*=\s*[\"']([^\"']*)[\"']")


_AKHIR_RANTAI = 0xFFFFFFFA
_SEL_BIFF = frozenset({0x0006, 0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204, 0x0205, 0x00D6})
"""BIFF5/8 records holding cell values (FORMULA, NUMBER, RK, MULRK, LABELSST, LABEL,
BOOLERR, RSTRING); each starts with the cell's row and column. Blank cells are not
read by calamine and do not count."""


def _aliran_cfb(data: bytes, dicari: tuple[str, ...]) -> bytes:
    """One stream of an OLE2 compound file (the container of .xls), read directly."""
    geser, geser_mini = struct.unpack_from("<HH", data, 0x1E)
    if geser not in (9, 12) or geser_mini != 6:
        raise ValueError("bukan compound file")
    ukuran, mini = 1 << geser, 1 << geser_mini
    n_fat, dir_awal, _, batas_mini, minifat_awal, _, difat_awal, n_difat = struct.unpack_from(
        "<8I", data, 0x2C
    )
    maks = len(data) // ukuran + 1

    def sektor(i: int) -> bytes:
        awal = (i + 1) * ukuran
        if i >= maks or awal >= len(data):
            raise ValueError("sektor di luar berkas")
        return data[awal : awal + ukuran]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    s = difat_awal
    for _ in range(min(n_difat, maks)):
        if s >= _AKHIR_RANTAI:
            break
        isi = struct.unpack(f"<{ukuran // 4}I", sektor(s))
        difat.extend(isi[:-1])
        s = isi[-1]
    fat: list[int] = []
    for i in [x for x in difat if x < _AKHIR_RANTAI][: min(n_fat, maks)]:
        fat.extend(struct.unpack(f"<{ukuran // 4}I", sektor(i)))

    def rantai(awal: int, tabel: list[int]) -> Iterator[int]:
        dilihat: set[int] = set()
        while awal < _AKHIR_RANTAI:
            if awal in dilihat or awal >= len(tabel):
                raise ValueError("rantai sektor rusak")
            dilihat.add(awal)
            yield awal
            awal = tabel[awal]

    direktori = b"".join(sektor(i) for i in rantai(dir_awal, fat))
    entri = []
    for e in range(0, len(direktori) - 127, 128):
        (panjang_nama,) = struct.unpack_from("<H", direktori, e + 64)
        nama = direktori[e : e + max(0, min(panjang_nama, 64) - 2)].decode("utf-16-le", "replace")
        jenis = direktori[e + 66]
        awal, besar = struct.unpack_from("<II", direktori, e + 116)
        entri.append((nama, jenis, awal, besar))
    if not entri:
        raise ValueError("direktori kosong")
    for nama, jenis, awal, besar in entri:
        if jenis != 2 or nama not in dicari:
            continue
        if besar >= batas_mini:
            return b"".join(sektor(i) for i in rantai(awal, fat))[:besar]
        aliran_mini = b"".join(sektor(i) for i in rantai(entri[0][2], fat))
        minifat: list[int] = []
        for i in rantai(minifat_awal, fat):
            minifat.extend(struct.unpack(f"<{ukuran // 4}I", sektor(i)))
        return b"".join(aliran_mini[i * mini : (i + 1) * mini] for i in rantai(awal, minifat))[
            :besar
        ]
    raise ValueError("aliran Workbook tidak ada")


def luas_lembar_xls(data: bytes) -> tuple[int, int]:
    """(rows, columns) reached by the value cells of the sheets of an .xls, from its
    BIFF records: calamine fills the whole rectangle of every sheet when it opens one
    (a 6 KB file with cells at A1 and IV65536 takes 1 GB)."""
    aliran = _aliran_cfb(data, ("Workbook", "Book"))
    baris = kolom = 0
    pos, akhir = 0, len(aliran)
    while pos + 4 <= akhir:
        jenis, panjang = struct.unpack_from("<HH", aliran, pos)
        isi = pos + 4
        if jenis in _SEL_BIFF and panjang >= 4 and isi + panjang <= akhir:
            r, c = struct.unpack_from("<HH", aliran, isi)
            if jenis == 0x00BD and panjang >= 6:
                (c,) = struct.unpack_from("<H", aliran, isi + panjang - 2)
            baris, kolom = max(baris, r + 1), max(kolom, c + 1)
        pos = isi + panjang
    return baris, kolom


def luas_lembar_ods(content: bytes) -> dict[str, tuple[int, int]]:
    """(rows, columns) holding content, per sheet, of an ODS ``content.xml``, with
    repeated rows and cells expanded (``number-rows-repeated="1048576"`` on a row with a
    value is a million rows)."""
    hasil: dict[str, tuple[int, int]] = {}
    nama = ""
    baris = kolom = 0
    b = 0  # rows before the current one
    ulang_b = 1
    k = 0
    isi_baris = False
    for tutup, tag, atribut, kosong in _ODS_TAG.findall(content):
        ulang = _ODS_ULANG.search(atribut)
        n = int(ulang.group(1)) if ulang else 1
        if tag == b"table":
            if tutup:
                hasil[nama] = (baris, kolom)
            else:
                cocok = _ODS_NAMA.search(atribut)
                nama = cocok.group(1).decode("utf-8", "replace") if cocok else ""
                baris = kolom = b = 0
        elif tag == b"table-row":
            if tutup:
                if isi_baris:
                    baris = max(baris, b + ulang_b)
                b += ulang_b
            else:
                ulang_b, k, isi_baris = n, 0, False
                if kosong:
                    b += n
        elif not tutup:
            k += n
            if not kosong or b"value-type" in atribut:
                isi_baris = True
                kolom = max(kolom, k)
    return hasil


# --------------------------------------------------------------------------- the workbook


_PETA_BAGIAN = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


class Wadah:
    """One workbook's bytes, opened with python-calamine, whose sheets are read only
    through :meth:`baca_lembar` (extent checked first). Sheet XML of an xlsx is kept
    once decompressed, for the scans that calamine does not offer (formulas without a
    value, percent formats)."""

    def __init__(self, data: bytes, entri: dict[str, Entri] | None = None) -> None:
        self.data = data
        self._jalur: dict[str, str] | None = None
        self._xml: dict[str, bytes] = {}
        if entri is None:
            entri = (isi_zip(data) or {}) if data.startswith(ZIP) else {}
        self._entri = entri
        bagian = self._entri
        self.xlsx = "xl/workbook.xml" in bagian
        if "content.xml" in bagian:  # ODS: calamine expands every sheet when it opens
            for nama, (baris, kolom) in luas_lembar_ods(self._bagian("content.xml")).items():
                if baris > MAKS_BARIS or kolom > MAKS_KOLOM:
                    raise TerlaluBesar(nama, baris, kolom)
        self.wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.nama_lembar: list[str] = list(self.wb.sheet_names)

    def _bagian(self, nama: str) -> bytes:
        """A member of the zip (empty when there is none); :class:`ValueError` when it
        is damaged or inflates beyond its declared size."""
        entri = self._entri.get(nama)
        return baca_entri(self.data, entri) if entri is not None else b""

    def _peta_lembar(self) -> dict[str, str]:
        """Sheet name → the part holding its XML, as the workbook's relations say."""
        if self._jalur is None:
            self._jalur = self._baca_peta()
        return self._jalur

    def _baca_peta(self) -> dict[str, str]:
        """Read once per run: instruments made from one template store
        ``xl/workbook.xml`` and its relations byte for byte the same, so the map is kept
        by their stored (compressed) bytes, which are not inflated again."""
        try:
            kunci = tuple(
                (e.metode, e.ukuran, _mampat(self.data, e)) if e is not None else None
                for e in map(self._entri.get, _PETA_BAGIAN)
            )
        except (ValueError, struct.error):  # damaged: reading it says how
            return peta_lembar(self._bagian(_PETA_BAGIAN[0]), self._bagian(_PETA_BAGIAN[1]))
        peta = _PETA.get(kunci)
        if peta is None:
            if len(_PETA) >= 64:
                _PETA.clear()
            peta = peta_lembar(self._bagian(_PETA_BAGIAN[0]), self._bagian(_PETA_BAGIAN[1]))
            _PETA[kunci] = peta
        return peta

    def xml_lembar(self, nama: str) -> bytes:
        """The XML of sheet ``nama`` of an xlsx (empty when there is none)."""
        if nama not in self._xml:
            jalur = self._peta_lembar().get(nama)
            self._xml[nama] = self._bagian(jalur) if jalur else b""
        return self._xml[nama]

    def gaya(self) -> bytes:
        return self._bagian("xl/styles.xml") if self.xlsx else b""

    def properti_khusus(self) -> bytes:
        return self._bagian("docProps/custom.xml") if self.data.startswith(ZIP) else b""

    def baca_lembar(self, nama: str) -> list[list[Any]]:
        """The values of sheet ``nama``, after checking that its cells stay within
        :data:`MAKS_BARIS` × :data:`MAKS_KOLOM` (raises :class:`TerlaluBesar`)."""
        if self.xlsx:
            xml = self.xml_lembar(nama)
            if not xml:  # a sheet this scan cannot locate is one calamine might still read
                raise TerlaluBesar(nama, -1, -1)
            if not lembar_kecil(xml):
                baris, kolom = luas_lembar_xlsx(xml)
                if baris > MAKS_BARIS or kolom > MAKS_KOLOM:
                    raise TerlaluBesar(nama, baris, kolom)
        lembar = self.wb.get_sheet_by_name(nama)
        if lembar.height > MAKS_BARIS or lembar.width > MAKS_KOLOM:  # .xls: bounded by BIFF
            raise TerlaluBesar(nama, lembar.height, lembar.width)
        hasil: list[list[Any]] = lembar.to_python()
        return hasil


_PETA: dict[tuple[tuple[int, int, bytes] | None, ...], dict[str, str]] = {}
"""(method, size, stored bytes) of ``xl/workbook.xml`` and of its relations → the
sheet map read from them."""


def peta_lembar(xml_buku: bytes, xml_rel: bytes) -> dict[str, str]:
    """Sheet name → the part holding its XML, from the workbook and its relations."""
    buku = xml_buku.decode("utf-8", "replace")
    rel = xml_rel.decode("utf-8", "replace")
    target: dict[str, str] = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rel):
        i = re.search(r'\bId="([^"]+)"', m.group(0))
        t = re.search(r'\bTarget="([^"]+)"', m.group(0))
        if i and t:
            target[i.group(1)] = t.group(1)
    peta: dict[str, str] = {}
    for m in re.finditer(r"<sheet\b[^>]*>", buku):
        nama = re.search(r'\bname="([^"]*)"', m.group(0))
        rid = re.search(r'\br:id="([^"]+)"', m.group(0))
        if nama and rid and rid.group(1) in target:
            tujuan = target[rid.group(1)]
            jalur = tujuan.lstrip("/") if tujuan.startswith("/") else f"xl/{tujuan}"
            peta[_xml_teks(nama.group(1))] = posixpath.normpath(jalur)
    return peta


def _xml_teks(teks: str) -> str:
    """XML character references and the five entities of an attribute value decoded."""
    return html.unescape(teks) if "&" in teks else teks


# --------------------------------------------------------------------------- what calamine hides


def sel_kosong_palsu(wadah: Wadah, nama_lembar: str, sel: Sequence[str]) -> dict[str, str]:
    """Cells among ``sel`` of an xlsx sheet that read empty but are not: ``rumus`` (a
    formula with no stored value) or an error value such as ``#DIV/0!``.

    Only called when some input cells read empty: python-calamine returns '' for both,
    indistinguishable from an empty cell otherwise.
    """
    if not wadah.xlsx or not sel:
        return {}
    xml = wadah.xml_lembar(nama_lembar).decode("utf-8", "replace")
    dicari = set(sel)
    ada: dict[str, str] = {}
    for m in re.finditer(r"<c\b([^>]*?)(?<!/)>(.*?)</c>", xml, re.S):
        atribut, isi = m.group(1), m.group(2)
        r = re.search(r'\br="([A-Z]+[0-9]+)"', atribut)
        if r is None or r.group(1) not in dicari:
            continue
        galat = re.search(r"<v>(#[A-Z0-9/!?.]+)</v>", isi) if 't="e"' in atribut else None
        if galat is not None:
            ada[r.group(1)] = galat.group(1)
        elif "<f" in isi:
            ada[r.group(1)] = "rumus"
    return ada


_FORMAT_PERSEN_BAWAAN = frozenset({"9", "10"})
"""Built-in number formats ``0%`` and ``0.00%``."""


def sel_persen(wadah: Wadah, nama_lembar: str, sel: Sequence[str]) -> set[str]:
    """Cells among ``sel`` of an xlsx sheet shown with a percent format.

    Typing ``85%`` in Excel stores 0.85 and gives the cell a percent format, which
    calamine does not expose; only called for the rare value between 0 and 1 of a
    percentage indicator, so the cost (the styles) is paid rarely.
    """
    if not wadah.xlsx or not sel:
        return set()
    xml = wadah.xml_lembar(nama_lembar).decode("utf-8", "replace")
    gaya = wadah.gaya().decode("utf-8", "replace")
    if not xml or not gaya:
        return set()
    persen = set(_FORMAT_PERSEN_BAWAAN)
    for m in re.finditer(r"<numFmt\b[^>]*>", gaya):
        nomor = re.search(r'\bnumFmtId="([0-9]+)"', m.group(0))
        kode = re.search(r'\bformatCode="([^"]*)"', m.group(0))
        if (
            nomor
            and kode
            and "%" in re.sub(r'"[^"]*"|\\.', "", kode.group(1).replace("&quot;", '"'))
        ):
            persen.add(nomor.group(1))
    blok = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", gaya, re.S)
    format_xf: list[str | None] = []
    for xf in re.findall(r"<xf\b[^>]*>", blok.group(1) if blok else ""):
        nomor = re.search(r'\bnumFmtId="([0-9]+)"', xf)
        format_xf.append(nomor.group(1) if nomor else None)
    dicari = set(sel)
    hasil: set[str] = set()
    for m in re.finditer(r"<c\b([^>]*)>", xml):
        r = re.search(r'\br="([A-Z]+[0-9]+)"', m.group(1))
        if r is None or r.group(1) not in dicari:
            continue
        gaya_sel = re.search(r'\bs="([0-9]+)"', m.group(1))
        indeks = int(gaya_sel.group(1)) if gaya_sel else 0
        if indeks < len(format_xf) and format_xf[indeks] in persen:
            hasil.add(r.group(1))
    return hasil
