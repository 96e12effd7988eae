"""Reading one submitted workbook: recognise it, read its inputs, check them.

Pure and picklable: no ledger access, so it runs in worker processes. Every problem
becomes a :class:`Temuan`; nothing here raises for a bad file. Each workbook is
read once, from bytes already in memory (the same bytes are hashed and copied).
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import math
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from python_calamine import CalamineError, CalamineWorkbook

from . import hitung, tata_letak
from .angka import baca_angka, bersihkan_teks, format_angka, format_persen
from .galat import KinerjaError
from .konfigurasi import Indikator, Konfigurasi
from .periode import Periode, parse_periode
from .temuan import Temuan

EKSTENSI: frozenset[str] = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
MAKS_UKURAN = 20 * 1024 * 1024
"""Largest file taken in (bytes); real instruments are ~20 KB."""
MAKS_ISI_ZIP = 60 * 1024 * 1024
"""Largest total uncompressed size a zip container may declare (zip-bomb guard)."""
MAKS_BARIS = 5000
"""Rows of the Capaian sheet looked at; a team has tens of indicators."""
MAKS_TEKS = 4000
"""Longest text kept from a text input; longer text is cut with a warning."""

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENKRIPSI = "EncryptionInfo".encode("utf-16-le")
_KOLOM_TEKS = ("kendala", "upaya", "rtl", "bukti")


class NilaiTerbaca(NamedTuple):
    """One accepted input value of a submission.

    A named tuple, not a dataclass: a file of 60 indicators carries ~240 of them back
    from the worker process, and tuples pickle about seven times faster."""

    indikator: str
    kolom: str
    angka: float | None
    teks: str | None
    sel: str


_nilai: Callable[[tuple[str, str, float | None, str | None, str]], NilaiTerbaca] = (
    functools.partial(tuple.__new__, NilaiTerbaca)
)
"""A :class:`NilaiTerbaca` from one plain tuple, without the named tuple's Python-level
``__new__`` (checking a file of 60 indicators makes ~240 of them)."""


@dataclass(frozen=True)
class Riwayat:
    """What the ledger knows when files are checked (sent once to each worker)."""

    bulanan: Mapping[tuple[str, str], Mapping[int, float]] = field(default_factory=dict)
    """(tim, indikator) → {month: realisasi} of the configured year."""
    terkunci: frozenset[str] = frozenset()
    """Approved (locked) months, as ``2022-06``."""
    sha_dikenal: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HasilBaca:
    """Everything read from one file; ``diterima`` is False on a file-level galat."""

    jalur: str
    berkas: str
    ukuran: int
    sha256: str
    mtime: float
    diterima: bool
    duplikat: bool = False
    tim: str = ""
    periode: str = ""
    dikenali_dari: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)
    nilai: tuple[NilaiTerbaca, ...] = ()
    temuan: tuple[Temuan, ...] = ()
    lembar: str = ""
    """Name of the sheet the values were read from (``Capaian``)."""
    sel_kendala: Mapping[str, str] = field(default_factory=dict)
    """Indicator → its Kendala/Permasalahan cell (where history findings point)."""
    diisi_oleh: str = ""
    tanggal_pengisian: str = ""
    data: bytes = field(default=b"", repr=False)
    """The file's bytes as read and hashed (accepted files only): the copy under
    ``kiriman/`` is written from them, so the file is never read twice."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the values as plain tuples (what crosses from a worker process)."""
        keadaan = {f.name: getattr(self, f.name) for f in fields(self)}
        keadaan["nilai"] = tuple(tuple(n) for n in self.nilai)
        return (_hasil_baca_dari, (keadaan,))


def _hasil_baca_dari(keadaan: dict[str, Any]) -> HasilBaca:
    keadaan["nilai"] = tuple(map(_nilai, keadaan["nilai"]))
    return HasilBaca(**keadaan)


class _TerlaluBesar(Exception):
    def __init__(self, lembar: str, baris: int) -> None:
        super().__init__(lembar)
        self.lembar = lembar
        self.baris = baris


class _Ditolak(Exception):
    """Internal: a file-level galat was found; the finding is already recorded."""


def _norm(teks: object) -> str:
    """A label as compared: NFKC, no zero-width, lower case, no stars, single spaces."""
    return _norm_teks(str(teks))


@functools.lru_cache(maxsize=8192)
def _norm_teks(teks: str) -> str:
    return bersihkan_teks(teks).replace("*", "").strip().lower()


_LABEL_KOLOM: dict[str, str] = {_norm(label): nama for _, label, nama in tata_letak.KOLOM_CAPAIAN}
_WAJIB_KOLOM = ("kode", "realisasi", "pembilang", "penyebut", *_KOLOM_TEKS)


@functools.lru_cache(maxsize=1024)
def huruf(kolom: int) -> str:
    """0-based column index → Excel letters."""
    hasil = ""
    kolom += 1
    while kolom:
        kolom, sisa = divmod(kolom - 1, 26)
        hasil = chr(65 + sisa) + hasil
    return hasil


def _sel(baris: int, kolom: int) -> str:
    return f"{huruf(kolom)}{baris + 1}"


def _teks_meta(nilai: object) -> str:
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, str) and nilai.isascii():
        return " ".join(nilai.split())  # what bersihkan_teks does to ASCII text, faster
    return bersihkan_teks(str(nilai)) if nilai is not None else ""


class _Pemeriksa:
    def __init__(self, berkas: str) -> None:
        self.berkas = berkas
        self.temuan: list[Temuan] = []
        self.tim = ""
        self.periode = ""

    def catat(
        self, kode: str, pesan: str, lembar: str = "", sel: str = "", indikator: str = ""
    ) -> None:
        self.temuan.append(
            Temuan(
                kode=kode,
                pesan=pesan,
                berkas=self.berkas,
                lembar=lembar,
                sel=sel,
                tim=self.tim,
                periode=self.periode,
                indikator=indikator,
            )
        )

    def tolak(self, kode: str, pesan: str, lembar: str = "", sel: str = "") -> _Ditolak:
        self.catat(kode, pesan, lembar, sel)
        return _Ditolak()


# --------------------------------------------------------------------------- container


def _periksa_wadah(data: bytes, nama: str, p: _Pemeriksa) -> None:
    """Refuse what is not a workbook container, before any parser sees it."""
    if not data:
        raise p.tolak("berkas-rusak", "Berkas kosong (0 bita). Minta tim mengirim ulang berkasnya.")
    if data.startswith(_OLE):
        if _ENKRIPSI in data[:65536] or _ENKRIPSI in data:
            raise p.tolak(
                "berkas-rusak",
                "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. "
                "Minta tim menyimpan ulang tanpa kata sandi.",
            )
        return
    if not data.startswith(_ZIP):
        raise p.tolak(
            "berkas-rusak",
            f"{nama} bukan buku kerja Excel/ODS (isinya bukan format .xlsx/.xls/.ods; mungkin "
            "CSV, PDF atau berkas lain yang diganti namanya). Minta tim mengirim instrumen aslinya.",
        )
    ukuran = _ukuran_isi_zip(data)
    if ukuran is None:
        raise p.tolak(
            "berkas-rusak",
            "Berkas terpotong atau rusak (arsip zip tidak utuh). Minta tim mengirim ulang.",
        )
    jumlah, total = ukuran
    if jumlah > 2000 or total > MAKS_ISI_ZIP:
        raise p.tolak(
            "berkas-rusak",
            "Isi berkas terlalu besar setelah dibuka (kemungkinan bom zip); berkas tidak dibaca. "
            "Minta tim mengirim instrumen asli.",
        )


def _ukuran_isi_zip(data: bytes) -> tuple[int, int] | None:
    """(entries, total uncompressed size) from the zip central directory, without
    decompressing anything; None when the directory is missing or inconsistent."""
    akhir = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if akhir < 0 or akhir + 22 > len(data):
        return None
    jumlah, panjang, awal = struct.unpack_from("<HII", data, akhir + 10)
    if jumlah == 0xFFFF or awal == 0xFFFFFFFF or awal + panjang > akhir:
        return None  # ZIP64 or truncated: never produced by spreadsheet programs here
    total = 0
    posisi = awal
    for _ in range(jumlah):
        if data[posisi : posisi + 4] != b"PK\x01\x02":
            return None
        (ukuran,) = struct.unpack_from("<I", data, posisi + 24)
        n_nama, n_ekstra, n_komentar = struct.unpack_from("<HHH", data, posisi + 28)
        total += ukuran
        posisi += 46 + n_nama + n_ekstra + n_komentar
    return jumlah, total


def _xml_lembar(data: bytes, nama_lembar: str, juga: str = "") -> tuple[str, str]:
    """The XML of sheet ``nama_lembar`` of an xlsx (and of the part ``juga``, e.g. the
    styles), read with zipfile; empty strings when not found."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            buku = arsip.read("xl/workbook.xml").decode("utf-8", "replace")
            rel = arsip.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            cocok = re.search(
                r'<sheet\b[^>]*\bname="' + re.escape(nama_lembar) + r'"[^>]*\br:id="([^"]+)"', buku
            )
            if not cocok:
                return "", ""
            target = re.search(
                r'<Relationship\b[^>]*\bId="'
                + re.escape(cocok.group(1))
                + r'"[^>]*\bTarget="([^"]+)"',
                rel,
            ) or re.search(
                r'<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*\bId="'
                + re.escape(cocok.group(1))
                + '"',
                rel,
            )
            if not target:
                return "", ""
            jalur = target.group(1).lstrip("/")
            jalur = jalur if jalur.startswith("xl/") else f"xl/{jalur}"
            xml = arsip.read(jalur).decode("utf-8", "replace")
            lain = arsip.read(juga).decode("utf-8", "replace") if juga else ""
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return "", ""
    return xml, lain


def _rumus_kosong(data: bytes, nama_lembar: str, sel: Sequence[str]) -> dict[str, str]:
    """Cells among ``sel`` of an xlsx sheet that read empty but are not: ``rumus`` (a
    formula with no stored value) or an error value such as ``#DIV/0!``.

    Only called when some input cells read empty: python-calamine returns '' for both,
    indistinguishable from an empty cell otherwise (cheap zip scan of one sheet).
    """
    if not data.startswith(_ZIP) or not sel:
        return {}
    xml, _ = _xml_lembar(data, nama_lembar)
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


def _sel_persen(data: bytes, nama_lembar: str, sel: Sequence[str]) -> set[str]:
    """Cells among ``sel`` of an xlsx sheet shown with a percent format.

    Typing ``85%`` in Excel stores 0.85 and gives the cell a percent format, which
    calamine does not expose; only called for the rare value between 0 and 1 of a
    percentage indicator, so the cost (one sheet and the styles) is paid rarely.
    """
    if not data.startswith(_ZIP) or not sel:
        return set()
    xml, gaya = _xml_lembar(data, nama_lembar, "xl/styles.xml")
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


def _catat_sel_kosong_palsu(p: _Pemeriksa, jenis: str, lembar: str, sel: str, kode: str) -> None:
    if jenis == "rumus":
        p.catat(
            "rumus-tanpa-nilai",
            f"Sel {sel} berisi rumus tanpa nilai tersimpan. Ketik angkanya langsung, "
            "atau buka dan simpan ulang di Excel/LibreOffice.",
            lembar,
            sel,
            kode,
        )
    else:
        p.catat(
            "bukan-angka",
            f"Sel {sel} berisi nilai galat {jenis}, bukan angka. Perbaiki rumusnya atau ketik angkanya.",
            lembar,
            sel,
            kode,
        )


# --------------------------------------------------------------------------- recognition


def _baca_meta(wb: CalamineWorkbook, data: bytes) -> dict[str, str] | None:
    if tata_letak.LEMBAR_META in wb.sheet_names:
        baris = wb.get_sheet_by_name(tata_letak.LEMBAR_META).to_python()
        meta = {
            _teks_meta(b[0]): _teks_meta(b[1])
            for b in baris[:50]
            if len(b) >= 2 and str(b[0]).strip()
        }
        if meta.get("tim") or meta.get("periode"):
            return meta
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as arsip:
                xml = arsip.read("docProps/custom.xml").decode("utf-8", "replace")
        except (KeyError, zipfile.BadZipFile, OSError):
            return None
        meta = {}
        for m in _PROPERTI_KINERJA.finditer(xml):
            meta[m.group(1)] = _teks_meta(html.unescape(m.group(2)))
        if meta.get("tim"):
            return meta
    return None


_PROPERTI_KINERJA = re.compile(
    r'<property\b[^>]*\bname="kinerja_([a-z_]+)"[^>]*>\s*<vt:[a-z0-9]+\b[^>]*>([^<]*)</vt:', re.S
)
"""One ``kinerja_*`` custom document property and its value. The value element may
carry attributes: openpyxl declares the ``vt`` namespace on it
(``<vt:lpwstr xmlns:vt="...">PM</vt:lpwstr>``), Excel on the root element."""

_KEPALA_PERSIS: tuple[str, ...] = tata_letak.LABEL_CAPAIAN


def _cari_kepala(baris: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    """Row index of the header labels and field → column index, matched by label."""
    r_baku = tata_letak.BARIS_KEPALA - 1
    if len(baris) > r_baku and tuple(baris[r_baku][: len(_KEPALA_PERSIS)]) == _KEPALA_PERSIS:
        # untouched instrument: every label where the layout puts it
        return r_baku, {nama: c for c, (_, _, nama) in enumerate(tata_letak.KOLOM_CAPAIAN)}
    for r, isi in enumerate(baris[:40]):
        kolom: dict[str, int] = {}
        for c, nilai in enumerate(isi):
            if isinstance(nilai, str) and nilai:
                nama = _LABEL_KOLOM.get(_norm(nilai))
                if nama and nama not in kolom:
                    kolom[nama] = c
        if "kode" in kolom and ("realisasi" in kolom or len(kolom) >= 8):
            return r, kolom
    return None


def _blok_kepala(baris: Sequence[Sequence[Any]]) -> dict[str, str]:
    blok: dict[str, str] = {}
    label = {_norm(x): x for x in tata_letak.BLOK_KEPALA}
    for isi in baris[:12]:
        for c, nilai in enumerate(isi[:4]):
            kunci = label.get(_norm(nilai)) if isinstance(nilai, str) and nilai else None
            if kunci:
                sisa = [x for x in isi[c + 1 :] if str(x).strip()]
                if sisa:
                    blok[kunci] = _teks_meta(sisa[0])
    return blok


def _lembar_capaian(
    wb: CalamineWorkbook,
) -> tuple[str, list[list[Any]], tuple[int, dict[str, int]]] | None:
    urutan = list(wb.sheet_names)
    if tata_letak.LEMBAR_CAPAIAN in urutan:
        urutan.remove(tata_letak.LEMBAR_CAPAIAN)
        urutan.insert(0, tata_letak.LEMBAR_CAPAIAN)
    for nama in urutan:
        if nama in (tata_letak.LEMBAR_META, tata_letak.LEMBAR_PETUNJUK):
            continue
        lembar = wb.get_sheet_by_name(nama)
        if lembar.height > MAKS_BARIS:
            raise _TerlaluBesar(nama, lembar.height)
        baris: list[list[Any]] = lembar.to_python()
        kepala = _cari_kepala(baris)
        if kepala is not None:
            return nama, baris, kepala
    return None


# --------------------------------------------------------------------------- checking


class _Aturan(NamedTuple):
    """What checking one indicator needs, whatever the month."""

    indeks: int
    """Position in the team's indicator tuple (and in :meth:`_AturanTim.target`)."""
    ind: Indikator
    rasio: bool
    persen: bool
    bawah: float
    atas: float
    """A value in [bawah, atas] passes :func:`masalah_batas`; for any other value that
    function says why (or that it passes after all)."""


_Target = tuple[float, float, float]
"""The locked cells as configured: Target Tahunan, Target Triwulan, Target Bulan Ini."""
_KOLOM_TARGET = ("target_tahunan", "target_triwulan", "target_bulan")


class _AturanTim:
    """The rules of one team's indicators, worked out once per configuration rather
    than once per file; the targets of a month when a file of that month is checked."""

    def __init__(self, indikator: tuple[Indikator, ...]) -> None:
        self.indikator = indikator
        self.urutan = tuple(_aturan(i, ind) for i, ind in enumerate(indikator))
        """In the order of ``Konfigurasi.indikator_tim``."""
        self.menurut_kode = {a.ind.kode: a for a in self.urutan}
        self._target: dict[int, tuple[_Target, ...]] = {}

    def target(self, bulan: int) -> tuple[_Target, ...]:
        """The targets of every indicator in ``bulan``, in the order of ``urutan``."""
        target = self._target.get(bulan)
        if target is None:
            target = self._target[bulan] = tuple(
                (ind.target, hitung.target_triwulan(ind, bulan), hitung.target_bulan(ind, bulan))
                for ind in self.indikator
            )
        return target


_ATURAN: dict[int, _AturanTim] = {}


def _aturan_tim(indikator: tuple[Indikator, ...]) -> _AturanTim:
    """The rules of a team's indicators, cached by the identity of the tuple.

    A :class:`Konfigurasi` keeps one tuple per team for its lifetime, and hashing the
    frozen indicators would cost more than the work saved. An entry holds the tuple
    itself, so its id cannot be reused by another object while the entry lives.
    """
    aturan = _ATURAN.get(id(indikator))
    if aturan is None or aturan.indikator is not indikator:
        if len(_ATURAN) >= 256:  # teams of every configuration seen; then start again
            _ATURAN.clear()
        aturan = _ATURAN[id(indikator)] = _AturanTim(indikator)
    return aturan


def _aturan(indeks: int, ind: Indikator) -> _Aturan:
    batas = ind.batas
    persen = ind.persen
    atas = batas.maks if batas is not None and batas.maks is not None else math.inf
    return _Aturan(
        indeks,
        ind,
        ind.rasio,
        persen,
        batas.min if batas is not None and batas.min is not None else 0.0,
        min(atas, 100.0) if persen else atas,
    )


def _sama(a: object, b: float) -> bool:
    if type(a) is float and a == b:  # the value the tool wrote, untouched
        return True
    nilai = a if type(a) is float else baca_angka(a).nilai
    return nilai is not None and math.isclose(nilai, b, rel_tol=1e-9, abs_tol=1e-6)


def _angka_isian(
    p: _Pemeriksa,
    mentah: object,
    lembar: str,
    sel: str,
    ind: str,
    label: str,
    uang: bool = False,
) -> tuple[float | None, bool]:
    """The number in an input cell and whether the cell is empty, as :func:`baca_angka`
    reads it; what is not a number is a ``bukan-angka`` finding (None, not empty).

    Shortcuts for what calamine returns for most cells: a finite float, or ``''``.
    """
    if type(mentah) is float and math.isfinite(mentah):
        return mentah, False
    if mentah == "":
        return None, True
    hasil = baca_angka(mentah, uang=uang)
    if hasil.masalah:
        p.catat(
            "bukan-angka",
            f"{label} berisi {hasil.masalah}. Isi dengan angka saja, mis. 85 atau 1.234,5.",
            lembar,
            sel,
            ind,
        )
    return hasil.nilai, hasil.kosong


def masalah_batas(ind: Indikator, nilai: float) -> str | None:
    """Why ``nilai`` is implausible for ``ind`` (bounds, negative, percent over 100)."""
    bawah = ind.batas.min if ind.batas and ind.batas.min is not None else None
    atas = ind.batas.maks if ind.batas and ind.batas.maks is not None else None
    if nilai < 0 and (bawah is None or bawah >= 0):
        return f"negatif ({format_angka(nilai)}); jumlah atau persentase tidak boleh negatif"
    if bawah is not None and nilai < bawah:
        return f"{format_angka(nilai)} di bawah batas minimum {format_angka(bawah)}"
    if atas is not None and nilai > atas:
        return f"{format_angka(nilai)} di atas batas maksimum {format_angka(atas)}"
    if ind.persen and nilai > 100:
        return f"{format_angka(nilai)} persen melebihi 100"
    return None


def _cek_batas(
    p: _Pemeriksa, ind: Indikator, nilai: float, lembar: str, sel: str, label: str
) -> bool:
    """True when the value is within the indicator's plausibility bounds."""
    alasan = masalah_batas(ind, nilai)
    if alasan:
        p.catat(
            "di-luar-batas",
            f"{label} {ind.kode}: {alasan}. Periksa kembali isiannya.",
            lembar,
            sel,
            ind.kode,
        )
        return False
    return True


def _teks_isian(p: _Pemeriksa, mentah: object, lembar: str, sel: str, ind: str) -> str | None:
    if mentah is None or mentah == "":
        return None
    if type(mentah) is str:
        teks = mentah
    elif isinstance(mentah, float) and mentah.is_integer():
        teks = str(int(mentah))
    elif isinstance(mentah, datetime | date):
        teks = mentah.isoformat()
    else:
        teks = str(mentah)
    teks = unicodedata.normalize("NFC", teks).replace("\x00", "").strip()
    if not teks:
        return None
    if len(teks) > MAKS_TEKS:
        p.catat(
            "teks-terpotong",
            f"Teks di {sel} sangat panjang ({len(teks)} karakter); hanya {MAKS_TEKS} karakter "
            "pertama disimpan. Ringkas isinya.",
            lembar,
            sel,
            ind,
        )
        teks = teks[:MAKS_TEKS]
    return teks


def _baris_indikator(
    p: _Pemeriksa,
    lembar: str,
    baris: list[list[Any]],
    awal: int,
    c_kode: int,
    milik: Mapping[str, _Aturan],
) -> dict[str, int]:
    """Row of each of the team's codes (the first, when repeated); other codes are findings."""
    temu: dict[str, int] = {}
    for r in range(awal, len(baris)):
        isi = baris[r]
        kode_mentah = isi[c_kode] if c_kode < len(isi) else ""
        kode = bersihkan_teks(str(kode_mentah)) if kode_mentah not in ("", None) else ""
        if not kode:
            continue
        if kode in milik and kode not in temu:
            temu[kode] = r
        elif kode in temu:
            p.catat(
                "baris-tak-dikenal",
                f"Kode {kode} muncul lebih dari sekali; hanya baris {temu[kode] + 1} yang dipakai. "
                "Hapus baris ganda.",
                lembar,
                _sel(r, c_kode),
                kode,
            )
        else:
            p.catat(
                "baris-tak-dikenal",
                f"Baris berkode {kode!r} bukan indikator tim {p.tim}; baris ini diabaikan.",
                lembar,
                _sel(r, c_kode),
            )
    return temu


def _sel_angka_kosong(
    baris: list[list[Any]],
    temu: Mapping[str, int],
    milik: Mapping[str, _Aturan],
    kolom: Mapping[str, int],
) -> list[str]:
    """Numeric input cells that read ``''``: Pembilang and Penyebut of a ratio
    indicator, Realisasi Bulan Ini of the others."""
    kosong: list[str] = []
    for kode, r in temu.items():
        isi = baris[r]
        for nama in ("pembilang", "penyebut") if milik[kode].rasio else ("realisasi",):
            c = kolom[nama]
            if (isi[c] if c < len(isi) else "") == "":
                kosong.append(_sel(r, c))
    return kosong


def _periksa_capaian(
    p: _Pemeriksa,
    data: bytes,
    konfigurasi: Konfigurasi,
    periode: Periode,
    lembar: str,
    baris: list[list[Any]],
    kepala: tuple[int, dict[str, int]],
    sel_kendala: dict[str, str],
) -> list[NilaiTerbaca]:
    """Check the Capaian rows; fills ``sel_kendala`` (indicator → its Kendala cell).

    The hot loop of a run: the rules of each indicator come from :func:`_aturan_tim`,
    and a cell's address is built only when a value or a finding needs it.
    """
    r_kepala, kolom = kepala
    hilang_label = [tata_letak.label_kolom(n) for n in _WAJIB_KOLOM if n not in kolom]
    if hilang_label:
        raise p.tolak(
            "bukan-instrumen",
            f"Label kolom tidak ditemukan di baris judul: {', '.join(hilang_label)}. "
            "Judul kolom instrumen tidak boleh diubah; pakai instrumen asli dari Tim SAKIP.",
            lembar,
            f"A{r_kepala + 1}",
        )
    aturan_tim = _aturan_tim(konfigurasi.indikator_tim(p.tim))
    milik = aturan_tim.menurut_kode
    temu = _baris_indikator(p, lembar, baris, r_kepala + 1, kolom["kode"], milik)
    hilang = [k for k in milik if k not in temu]
    if hilang:
        raise p.tolak(
            "indikator-hilang",
            f"Baris indikator {', '.join(hilang)} tidak ada di lembar {lembar}. Jangan menghapus "
            "baris; pakai instrumen asli dan isi semua baris.",
            lembar,
        )

    c_real, c_p, c_q = kolom["realisasi"], kolom["pembilang"], kolom["penyebut"]
    h_real, h_p, h_q = huruf(c_real), huruf(c_p), huruf(c_q)
    h_kendala, h_bukti = huruf(kolom["kendala"]), huruf(kolom["bukti"])
    kolom_target = [
        (i, nama, kolom[nama], huruf(kolom[nama]))
        for i, nama in enumerate(_KOLOM_TARGET)
        if nama in kolom
    ]
    kolom_teks = [(nama, kolom[nama], huruf(kolom[nama])) for nama in _KOLOM_TEKS]
    berumus: dict[str, str] | None = None

    def rumus() -> dict[str, str]:
        """Input cells that read empty but hold a formula or an error value; the sheet
        XML is scanned once, when the first empty input cell is met."""
        nonlocal berumus
        if berumus is None:
            berumus = _rumus_kosong(data, lembar, _sel_angka_kosong(baris, temu, milik, kolom))
        return berumus

    target = aturan_tim.target(periode.bulan)
    hasil: list[NilaiTerbaca] = []
    for kode, r in temu.items():
        aturan = milik[kode]
        harapan_ind = target[aturan.indeks]
        ind = aturan.ind
        isi = baris[r]
        lebar = len(isi)
        nomor = str(r + 1)
        for i, nama, c, h in kolom_target:
            mentah = isi[c] if c < lebar else ""
            harapan = harapan_ind[i]
            if not _sama(mentah, harapan):
                p.catat(
                    "target-diubah",
                    f"{tata_letak.label_kolom(nama)} {kode} di berkas ({mentah!s}) berbeda dari "
                    f"konfigurasi ({format_angka(harapan)}); yang dipakai nilai konfigurasi.",
                    lembar,
                    h + nomor,
                    kode,
                )
        realisasi: float | None = None
        sel_realisasi = h_real + nomor
        if aturan.rasio:
            sel_p, sel_q = h_p + nomor, h_q + nomor
            m_p = isi[c_p] if c_p < lebar else ""
            m_q = isi[c_q] if c_q < lebar else ""
            palsu = rumus() if m_p == "" or m_q == "" else {}
            for sel_r in (sel_p, sel_q):
                if sel_r in palsu:
                    _catat_sel_kosong_palsu(p, palsu[sel_r], lembar, sel_r, kode)
            n_p, kosong_p = _angka_isian(p, m_p, lembar, sel_p, kode, "Pembilang")
            n_q, kosong_q = _angka_isian(p, m_q, lembar, sel_q, kode, "Penyebut")
            ok = n_p is not None and n_q is not None
            if n_p is not None and n_p < 0:
                ok = _cek_batas(p, ind, n_p, lembar, sel_p, "Pembilang") and ok
            if n_q is not None and n_q < 0:
                ok = _cek_batas(p, ind, n_q, lembar, sel_q, "Penyebut") and ok
            if ok and n_q == 0:
                p.catat(
                    "penyebut-nol",
                    f"Penyebut {kode} bernilai 0; realisasi tidak dapat dihitung. Isi penyebut "
                    f"({ind.penyebut}).",
                    lembar,
                    sel_q,
                    kode,
                )
                ok = False
            if ok and n_p is not None and n_q is not None and n_p > n_q:
                p.catat(
                    "pembilang-melebihi-penyebut",
                    f"Pembilang {kode} ({format_angka(n_p)}) lebih besar dari penyebut ({format_angka(n_q)}). "
                    "Periksa kedua angka.",
                    lembar,
                    sel_p,
                    kode,
                )
                ok = False
            if ok and n_p is not None and n_q is not None:
                realisasi = hitung.nilai_rasio(n_p, n_q)
                if realisasi is not None and not (
                    aturan.bawah <= realisasi <= aturan.atas
                    or _cek_batas(p, ind, realisasi, lembar, sel_realisasi, "Realisasi")
                ):
                    realisasi = None
                if realisasi is not None:
                    hasil.append(_nilai((kode, "pembilang", n_p, None, sel_p)))
                    hasil.append(_nilai((kode, "penyebut", n_q, None, sel_q)))
            elif kosong_p and kosong_q and sel_p not in palsu and sel_q not in palsu:
                p.catat(
                    "realisasi-kosong",
                    f"Pembilang dan penyebut {kode} belum diisi; dicatat sebagai belum mengisi.",
                    lembar,
                    sel_p,
                    kode,
                )
            elif kosong_p != kosong_q:
                sel_k, nama_k, uraian = (
                    (sel_p, "Pembilang", ind.pembilang)
                    if kosong_p
                    else (sel_q, "Penyebut", ind.penyebut)
                )
                if sel_k not in palsu:
                    p.catat(
                        "realisasi-kosong",
                        f"{nama_k} {kode} belum diisi sehingga realisasi belum dapat dihitung; "
                        f"isi {nama_k.lower()} ({uraian}).",
                        lembar,
                        sel_k,
                        kode,
                    )
        else:
            mentah = isi[c_real] if c_real < lebar else ""
            palsu = rumus() if mentah == "" else {}
            if sel_realisasi in palsu:
                _catat_sel_kosong_palsu(p, palsu[sel_realisasi], lembar, sel_realisasi, kode)
            else:
                nilai, kosong = _angka_isian(
                    p, mentah, lembar, sel_realisasi, kode, "Realisasi Bulan Ini"
                )
                if kosong:
                    p.catat(
                        "realisasi-kosong",
                        f"Realisasi bulan ini {kode} belum diisi; dicatat sebagai belum mengisi.",
                        lembar,
                        sel_realisasi,
                        kode,
                    )
                elif nilai is not None:
                    if (
                        aturan.persen
                        and type(mentah) is float
                        and 0 < nilai <= 1
                        and sel_realisasi in _sel_persen(data, lembar, [sel_realisasi])
                    ):
                        nilai = nilai * 100  # typed as 85% in Excel: the cell holds 0.85
                    if aturan.bawah <= nilai <= aturan.atas or _cek_batas(
                        p, ind, nilai, lembar, sel_realisasi, "Realisasi"
                    ):
                        realisasi = nilai
        if realisasi is not None:
            hasil.append(_nilai((kode, "realisasi", realisasi, None, sel_realisasi)))
        bukti: str | None = None
        for nama, c, h in kolom_teks:
            mentah = isi[c] if c < lebar else ""
            if mentah != "" and mentah is not None:
                sel = h + nomor
                teks = _teks_isian(p, mentah, lembar, sel, kode)
                if teks is not None:
                    hasil.append(_nilai((kode, nama, None, teks, sel)))
                    if nama == "bukti":
                        bukti = teks
        if ind.wajib_bukti and not bukti:
            p.catat(
                "bukti-kosong",
                f"Bukti dukung {kode} wajib diisi (tautan atau nama dokumen).",
                lembar,
                h_bukti + nomor,
                kode,
            )
        sel_kendala[kode] = h_kendala + nomor
    return hasil


KODE_RIWAYAT: frozenset[str] = frozenset({"kendala-wajib", "memburuk-tanpa-catatan"})
"""Findings that depend on earlier months (re-checked when a run takes in an earlier
month of the same team before this one is recorded)."""


def temuan_riwayat(
    konfigurasi: Konfigurasi,
    kode_tim: str,
    periode: Periode,
    nilai: Sequence[NilaiTerbaca],
    sel_kendala: Mapping[str, str],
    bulanan: Mapping[tuple[str, str], Mapping[int, float]],
    berkas: str = "",
    lembar: str = tata_letak.LEMBAR_CAPAIAN,
) -> list[Temuan]:
    """``kendala-wajib`` and ``memburuk-tanpa-catatan`` of one submission.

    ``bulanan`` holds the monthly realisations known so far ((tim, indikator) →
    {month: value}); months from ``periode`` on are ignored. Pure: himpun calls it
    again in the main process when the history changed during the run.
    """
    p = _Pemeriksa(berkas)
    p.tim, p.periode = kode_tim, periode.kode
    bulan = periode.bulan
    realisasi: dict[str, float] = {}
    ada_kendala: set[str] = set()
    ada_rtl: set[str] = set()
    for n in nilai:
        if n.kolom == "realisasi" and n.angka is not None:
            realisasi[n.indikator] = n.angka
        elif n.teks and n.kolom == "kendala":
            ada_kendala.add(n.indikator)
        elif n.teks and n.kolom == "rtl":
            ada_rtl.add(n.indikator)
    aturan_tim = _aturan_tim(konfigurasi.indikator_tim(kode_tim))
    target = aturan_tim.target(bulan)
    for aturan in aturan_tim.urutan:
        ind = aturan.ind
        kode = ind.kode
        if kode not in realisasi or kode not in sel_kendala:
            continue
        sebelum, kini = hitung.realisasi_lalu_dan_kini(
            ind, bulanan.get((kode_tim, kode), {}), bulan, realisasi[kode]
        )
        capaian_kini = hitung.nilai_capaian(ind, kini, target[aturan.indeks][2])
        kendala = kode in ada_kendala
        if capaian_kini is not None and capaian_kini < 100 and not kendala and kode not in ada_rtl:
            p.catat(
                "kendala-wajib",
                f"Capaian {kode} bulan ini {format_persen(capaian_kini, 1)} di bawah target; isi "
                "Kendala/Permasalahan dan Rencana Tindak Lanjut.",
                lembar,
                sel_kendala[kode],
                kode,
            )
        if bulan > 1 and sebelum is not None and not kendala:
            target_lalu = aturan_tim.target(bulan - 1)[aturan.indeks][2]
            capaian_lalu = hitung.nilai_capaian(ind, sebelum, target_lalu)
            if hitung.memburuk(capaian_kini, capaian_lalu):
                p.catat(
                    "memburuk-tanpa-catatan",
                    f"Capaian {kode} turun dari bulan lalu ({format_persen(capaian_lalu, 1)} → "
                    f"{format_persen(capaian_kini, 1)}) tanpa keterangan; isi Kendala/Permasalahan.",
                    lembar,
                    sel_kendala[kode],
                    kode,
                )
    return p.temuan


def _periksa_anggaran(
    p: _Pemeriksa, wb: CalamineWorkbook, ada_anggaran: bool
) -> list[NilaiTerbaca]:
    if not ada_anggaran or tata_letak.LEMBAR_ANGGARAN not in wb.sheet_names:
        return []
    lembar = tata_letak.LEMBAR_ANGGARAN
    baris = wb.get_sheet_by_name(lembar).to_python()[:60]
    r_baku, label_baku = next(
        (r - 1, lbl) for r, lbl, n in tata_letak.BARIS_ANGGARAN if n == "anggaran"
    )
    label = _norm(label_baku)
    urutan = list(enumerate(baris))
    if len(baris) > r_baku and baris[r_baku][:1] == [label_baku]:
        urutan.insert(0, (r_baku, baris[r_baku]))  # where the layout puts it: found at once
    for r, isi in urutan:
        for c, isian in enumerate(isi[:4]):
            if isinstance(isian, str) and _norm(isian) == label:
                c_nilai = c + 2 if c + 2 < len(isi) else len(isi) - 1
                mentah = isi[c_nilai] if c_nilai > c else ""
                sel = _sel(r, c_nilai)
                angka, kosong = _angka_isian(
                    p, mentah, lembar, sel, "", "Realisasi anggaran", uang=True
                )
                if kosong:
                    p.catat(
                        "realisasi-kosong",
                        "Realisasi anggaran bulan ini belum diisi; dicatat sebagai belum mengisi.",
                        lembar,
                        sel,
                    )
                    return []
                if angka is None:
                    return []
                if angka < 0:
                    p.catat(
                        "di-luar-batas",
                        f"Realisasi anggaran negatif ({format_angka(angka)}); isi jumlah rupiah yang benar.",
                        lembar,
                        sel,
                    )
                    return []
                return [NilaiTerbaca("", "anggaran", angka, None, sel)]
    return []


def _tanggal(mentah: object) -> str:
    if isinstance(mentah, datetime):
        return mentah.date().isoformat()
    if isinstance(mentah, date):
        return mentah.isoformat()
    if isinstance(mentah, float) and 20000 < mentah < 80000:
        return (date(1899, 12, 30) + timedelta(days=int(mentah))).isoformat()
    if isinstance(mentah, str) and mentah.strip():
        teks = mentah.strip()
        for pola in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(teks, pola).date().isoformat()
            except ValueError:
                continue
        return teks[:40]
    return ""


def _pengesahan(wb: CalamineWorkbook) -> tuple[str, str]:
    if tata_letak.LEMBAR_PENGESAHAN not in wb.sheet_names:
        return "", ""
    baris = wb.get_sheet_by_name(tata_letak.LEMBAR_PENGESAHAN).to_python()[:30]
    label = {_norm(lbl): n for _, lbl, n in tata_letak.BARIS_PENGESAHAN}
    hasil: dict[str, object] = {}
    for isi in baris:
        for c, nilai in enumerate(isi[:3]):
            if isinstance(nilai, str) and _norm(nilai) in label:
                sisa = [x for x in isi[c + 1 :] if x not in ("", None)]
                if sisa:
                    hasil[label[_norm(nilai)]] = sisa[0]
    oleh = hasil.get("diisi_oleh")
    return (bersihkan_teks(str(oleh))[:200] if oleh else ""), _tanggal(
        hasil.get("tanggal_pengisian")
    )


# --------------------------------------------------------------------------- entry point


def periksa_berkas(
    jalur: Path,
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None = None,
) -> HasilBaca:
    """Read and check one file. Never raises for a bad file: findings say what is wrong."""
    nama = jalur.name
    p = _Pemeriksa(nama)
    try:
        stat = jalur.stat()
    except OSError as exc:
        p.catat("berkas-rusak", f"Berkas tidak dapat dibaca: {exc.strerror}.")
        return HasilBaca(str(jalur), nama, 0, "", 0.0, False, temuan=tuple(p.temuan))
    dasar = {"jalur": str(jalur), "berkas": nama, "ukuran": stat.st_size, "mtime": stat.st_mtime}
    if stat.st_size > MAKS_UKURAN:
        p.catat(
            "berkas-rusak",
            f"Berkas terlalu besar ({stat.st_size // 1024 // 1024} MB; batas "
            f"{MAKS_UKURAN // 1024 // 1024} MB). Instrumen asli hanya puluhan KB; minta tim "
            "mengirim instrumen asli.",
        )
        return HasilBaca(sha256="", diterima=False, temuan=tuple(p.temuan), **dasar)  # type: ignore[arg-type]
    try:
        data = jalur.read_bytes()
    except OSError as exc:
        p.catat("berkas-rusak", f"Berkas tidak dapat dibaca: {exc.strerror}.")
        return HasilBaca(sha256="", diterima=False, temuan=tuple(p.temuan), **dasar)  # type: ignore[arg-type]
    sha = hashlib.sha256(data).hexdigest()
    dasar["ukuran"] = len(data)
    if sha in riwayat.sha_dikenal:
        return HasilBaca(sha256=sha, diterima=False, duplikat=True, **dasar)  # type: ignore[arg-type]
    try:
        try:
            return _periksa(data, sha, dasar, p, konfigurasi, riwayat, bulan)
        except CalamineError as exc:
            raise _rusak(p, exc) from None
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":  # pyo3: the Rust reader gave up
                raise
            raise _rusak(p, exc) from None
    except _Ditolak:
        return HasilBaca(
            sha256=sha,
            diterima=False,
            tim=p.tim,
            periode=p.periode,
            temuan=tuple(p.temuan),
            **dasar,  # type: ignore[arg-type]
        )


def _rusak(p: _Pemeriksa, exc: BaseException) -> _Ditolak:
    p.temuan[:] = [t for t in p.temuan if not t.galat]
    return p.tolak(
        "berkas-rusak",
        f"Buku kerja rusak dan tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}). "
        "Minta tim menyimpan ulang berkasnya lalu mengirim lagi.",
    )


def _periksa(
    data: bytes,
    sha: str,
    dasar: Mapping[str, Any],
    p: _Pemeriksa,
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None,
) -> HasilBaca:
    _periksa_wadah(data, p.berkas, p)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = _baca_meta(wb, data)
        temuan_lembar = _lembar_capaian(wb)
    except _Ditolak:
        raise
    except _TerlaluBesar as besar:
        raise p.tolak(
            "berkas-rusak",
            f"Lembar {besar.lembar} memakai {besar.baris:,} baris".replace(",", ".")
            + f" (batas {MAKS_BARIS:,}); instrumen hanya berisi puluhan baris. ".replace(",", ".")
            + "Minta tim mengirim instrumen asli tanpa data tambahan.",
            besar.lembar,
        ) from None
    except Exception as exc:  # calamine raises its own error types for every bad container
        raise p.tolak(
            "berkas-rusak",
            f"Buku kerja tidak dapat dibaca ({type(exc).__name__}: {str(exc)[:120]}). "
            "Minta tim menyimpan ulang berkasnya lalu mengirim lagi.",
        ) from None
    dikenali = "metadata"
    blok: dict[str, str] = {}
    if meta is None and temuan_lembar is not None:
        blok = _blok_kepala(temuan_lembar[1])
    if meta is None:
        if temuan_lembar is None or not blok.get("Kode Tim") or not blok.get("Periode"):
            raise p.tolak(
                "bukan-instrumen",
                "Berkas ini bukan instrumen capaian kinerja: lembar metadata dan label kolom "
                "instrumen tidak ditemukan. Pakai instrumen dari `kinerja buat-instrumen`.",
            )
        dikenali = "label"
        meta = {"tim": blok["Kode Tim"], "periode": blok["Periode"], "format_versi": "1"}
    versi = meta.get("format_versi", "")
    if versi not in {str(v) for v in tata_letak.FORMAT_DIKENAL}:
        raise p.tolak(
            "versi-tidak-dikenal",
            f"Format instrumen versi {versi or '(kosong)'} tidak dikenal oleh kinerja ini "
            f"(dikenal: {', '.join(map(str, tata_letak.FORMAT_DIKENAL))}). Pakai instrumen "
            "terbaru atau perbarui kinerja.",
            tata_letak.LEMBAR_META,
        )
    p.tim = bersihkan_teks(meta.get("tim", ""))
    try:
        periode = parse_periode(meta.get("periode", ""), konfigurasi.tahun)
    except KinerjaError:
        raise p.tolak(
            "periode-di-luar",
            f"Periode di berkas ({meta.get('periode', '')!r}) tidak dapat dibaca. Pakai "
            "instrumen asli untuk bulan yang diminta.",
        ) from None
    p.periode = periode.kode
    if dikenali == "label":
        p.catat(
            "dikenali-dari-label",
            "Lembar metadata instrumen tidak ditemukan; berkas dikenali dari blok judul dan "
            "label kolom. Untuk bulan berikutnya pakai instrumen asli.",
            temuan_lembar[0] if temuan_lembar else "",
        )
    tim = konfigurasi.cari_tim(p.tim)
    if tim is None or not konfigurasi.indikator_tim(p.tim):
        dikenal = ", ".join(t.kode for t in konfigurasi.tim_berindikator())
        raise p.tolak(
            "tim-tidak-dikenal",
            f"Tim {p.tim!r} tidak ada di konfigurasi (tim yang dikenal: {dikenal}).",
        )
    if periode.tahun != konfigurasi.tahun:
        raise p.tolak(
            "periode-di-luar",
            f"Berkas untuk {periode.label}, di luar tahun konfigurasi {konfigurasi.tahun}.",
        )
    if bulan is not None and periode != bulan:
        raise p.tolak(
            "periode-di-luar",
            f"Berkas untuk {periode.label}, bukan {bulan.label} yang sedang dihimpun. "
            f"Himpun tanpa --bulan atau dengan --bulan {periode.kode}.",
        )
    if periode.kode in riwayat.terkunci:
        raise p.tolak(
            "bulan-terkunci",
            f"{periode.label} sudah disetujui dan terkunci. Buka dulu dengan "
            f'`kinerja buka --bulan {periode.kode} --alasan "..."`.',
        )
    if temuan_lembar is None:
        raise p.tolak(
            "bukan-instrumen",
            "Lembar Capaian dengan label kolom instrumen tidak ditemukan. Jangan mengganti "
            "judul kolom; pakai instrumen asli.",
        )
    lembar, baris, kepala = temuan_lembar
    sel_kendala: dict[str, str] = {}
    nilai = _periksa_capaian(p, data, konfigurasi, periode, lembar, baris, kepala, sel_kendala)
    p.temuan += temuan_riwayat(
        konfigurasi, p.tim, periode, nilai, sel_kendala, riwayat.bulanan, p.berkas, lembar
    )
    nilai += _periksa_anggaran(p, wb, tim.anggaran is not None)
    oleh, tanggal = _pengesahan(wb)
    return HasilBaca(
        sha256=sha,
        diterima=True,
        tim=p.tim,
        periode=p.periode,
        dikenali_dari=dikenali,
        meta=dict(meta),
        nilai=tuple(nilai),
        temuan=tuple(p.temuan),
        lembar=lembar,
        sel_kendala=sel_kendala,
        diisi_oleh=oleh,
        tanggal_pengisian=tanggal,
        data=data,
        **dasar,
    )
