"""``kinerja impor-pk``: a Perjanjian Kinerja / Rencana Aksi matrix → a ``kinerja.yaml``
draft (SPEC section 14).

Offices keep their PK in a spreadsheet of their own making: a title block, a header
that may span two rows (``Target`` over ``TW I … TW IV``), Sasaran cells merged over
their indicators, blank rows between sasaran, a totals row, numbers typed the
Indonesian way. This module finds the header by its labels, reads the rows under it,
and writes a commented draft in the schema of ``examples/kinerja.yaml``: every guess
is marked ``# PERIKSA:`` on its line, every name and NIP to fill ``# ISI:``. The
result says what was mapped, and what could not be, with its sheet and cell.

The workbook is bounded before calamine sees a sheet: a container that declares more
than it can hold, or a sheet whose cells reach too far, is refused or skipped.
"""

from __future__ import annotations

import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from python_calamine import CalamineError, CalamineWorkbook

from .angka import baca_angka, bersihkan_teks, format_angka
from .galat import DitolakError, PenggunaanError
from .pembaca import MAKS_UKURAN, huruf
from .pembaca.wadah import (
    MAKS_ISI_ZIP,
    TerlaluBesar,
    Wadah,
    luas_lembar_xls,
    luas_lembar_xlsx,
    peta_lembar,
    sel_persen,
)
from .ruang_kerja import periksa_keluaran, simpan_atomik, tulis_atomik

MAKS_BARIS = 3000
"""Rows of a sheet looked at: a PK matrix has tens, at most a few hundred, rows."""
MAKS_KOLOM = 100
"""Columns of a sheet looked at."""
BARIS_CARI_KEPALA = 30
"""The header row is looked for in the first rows (a title block may sit above it)."""

LEMBAR_TEMPLAT = "Matriks PK"
LEMBAR_PETUNJUK = "Petunjuk"
JUDUL_TEMPLAT: tuple[str, ...] = (
    "Kode",
    "Sasaran",
    "Indikator",
    "Satuan",
    "Target Tahunan",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
    "Penanggung Jawab",
    "Arah",
    "Agregasi",
)

NAMA_BIDANG: dict[str, str] = {
    "kode": "Kode indikator",
    "kode_sasaran": "Kode sasaran",
    "sasaran": "Sasaran",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "target": "Target tahunan",
    "tw1": "Target TW I",
    "tw2": "Target TW II",
    "tw3": "Target TW III",
    "tw4": "Target TW IV",
    "tim": "Tim / penanggung jawab",
    "arah": "Arah (polaritas)",
    "agregasi": "Agregasi (sifat)",
}

_LABEL_PERSIS: dict[str, str] = {
    **dict.fromkeys(("kode", "kodeindikator", "kodeik", "kodeikk", "kodeiku"), "kode"),
    **dict.fromkeys(("kodesasaran", "kodesk", "kodess"), "kode_sasaran"),
    **dict.fromkeys(
        (
            "sasaran",
            "sasaranstrategis",
            "sasarankegiatan",
            "sasaranprogram",
            "uraiansasaran",
        ),
        "sasaran",
    ),
    **dict.fromkeys(
        (
            "indikator",
            "indikatorkinerja",
            "indikatorkinerjakegiatan",
            "indikatorkinerjautama",
            "indikatorkinerjaprogram",
            "uraianindikator",
        ),
        "indikator",
    ),
    **dict.fromkeys(("satuan", "satuanindikator", "satuanukuran"), "satuan"),
    **dict.fromkeys(
        ("tim", "timkerja", "pj", "penanggungjawab", "pjindikator", "pic"),
        "tim",
    ),
    **dict.fromkeys(("arah", "polaritas", "arahindikator", "polaritasindikator"), "arah"),
    **dict.fromkeys(
        ("agregasi", "sifat", "sifatindikator", "sifatdata", "caraagregasi"), "agregasi"
    ),
}
_POLA_TARGET = re.compile(r"^target(kinerja|pk)?(tahun)?(\d{4})?(tahunan|akhirtahun)?$")
_POLA_TRIWULAN = re.compile(
    r"^(?:target)?(?:kinerja)?(?:\d{4})?(?:sd|sampaidengan)?(?:tw|trw|triwulan|tri?wulan)"
    r"(iv|iii|ii|i|[1-4])$"
)
_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_BUKAN_HURUF_ANGKA = re.compile(r"[^0-9a-z]+")
_DALAM_KURUNG = re.compile(r"\([^)]*\)")
_TAHUN = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_POLA_KODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
_JUMLAH = re.compile(
    r"^(sub)?(jumlah|total|grandtotal|ratarata|rerata)"
    r"(capaian|nilai|keseluruhan|seluruhnya|indikator|target)?$"
)
_NOMOR = re.compile(r"^\(?\d{1,3}\)?$")
_NOMOR_AWAL = re.compile(r"^(?:[A-Za-z]{1,3}[-.]?)?\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?=[A-Za-z])")
_NAMA_CADANGAN_WINDOWS = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
)
_KATA_SAMBUNG = frozenset({"dan", "di", "ke", "yang", "untuk", "serta", "pada", "dari", "&", "of"})
_AWALAN_TIM = re.compile(
    r"^(tim\s+kerja|tim|kelompok\s+kerja|pokja|subbagian|subbag|seksi|bidang|bagian)\s+",
    re.IGNORECASE,
)
_KATA_TURUN = (
    "belum",
    "terlambat",
    "keterlambatan",
    "waktu",
    "lama ",
    "temuan",
    "kesalahan",
    "pengaduan",
    "keluhan",
    "putus sekolah",
    "sisa",
)
_SATUAN_HITUNG = re.compile(r"^(jumlah|banyaknya|banyak)\s+(\S+)", re.IGNORECASE)


def norm_label(teks: object) -> str:
    """A header label as compared: lower case, letters and digits only (case-, space- and
    punctuation-insensitive: ``Target  TW-I`` and ``target tw i`` are the same)."""
    bersih = unicodedata.normalize("NFKC", bersihkan_teks(str(teks))).lower()
    return _BUKAN_HURUF_ANGKA.sub("", bersih)


def kenali_label(teks: object) -> str | None:
    """The field a header label names (``tw1``, ``target``, ``tim``…), or None."""
    for calon in (str(teks), _DALAM_KURUNG.sub(" ", str(teks))):
        kunci = norm_label(calon)
        if not kunci:
            continue
        if kunci in _LABEL_PERSIS:
            return _LABEL_PERSIS[kunci]
        cocok = _POLA_TRIWULAN.match(kunci)
        if cocok:
            return f"tw{_ROMAWI[cocok.group(1)]}"
        if _POLA_TARGET.match(kunci):
            return "target"
    return None


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class KolomDikenali:
    """One column recognised by its label."""

    bidang: str
    label: str
    sel: str

    @property
    def nama(self) -> str:
        return NAMA_BIDANG.get(self.bidang, self.bidang)


@dataclass(frozen=True)
class TakTerpetakan:
    """Something in the workbook that was not imported, with its place and why."""

    lembar: str
    sel: str
    isi: str
    alasan: str


@dataclass(frozen=True)
class Tebakan:
    """A guess written as ``# PERIKSA:`` in the draft: what (the code of a sasaran,
    indicator or team, or ``tahun``), which key, why, and the cell of its row."""

    kode: str
    bidang: str
    pesan: str
    sel: str = ""


@dataclass(frozen=True)
class IndikatorImpor:
    kode: str
    uraian: str
    satuan: str
    tim: str
    arah: str
    agregasi: str
    target: float | None
    target_triwulan: tuple[float | None, float | None, float | None, float | None]
    sel: str
    periksa: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SasaranImpor:
    kode: str
    uraian: str
    indikator: tuple[IndikatorImpor, ...]
    sel: str
    periksa: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class TimImpor:
    kode: str
    nama: str
    periksa: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class HasilImporPk:
    """What ``impor-pk`` read and wrote."""

    matriks: Path
    keluaran: Path
    lembar: str
    baris_kepala: tuple[int, int]
    """First and last header row, 1-based as spreadsheets number them."""
    tahun: int
    kolom: tuple[KolomDikenali, ...]
    sasaran: tuple[SasaranImpor, ...]
    tim: tuple[TimImpor, ...]
    tebakan: tuple[Tebakan, ...]
    tak_terpetakan: tuple[TakTerpetakan, ...]
    ditimpa: bool
    yaml: str

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)


# --------------------------------------------------------------------------- reading


@dataclass
class _Lembar:
    nama: str
    baris: list[list[Any]]
    gabungan: list[tuple[int, int, int, int]]
    """Merged ranges (first row, first column, last row, last column), 0-based."""
    persen: set[tuple[int, int]] | None = None
    """Cells holding a percentage, where the reader knows them (ods); else None."""


def _gagal_baca(matriks: Path, pesan: str) -> DitolakError:
    return DitolakError(
        f"{matriks.name}: {pesan}",
        "Simpan ulang matriks PK sebagai .xlsx (Excel atau LibreOffice) lalu jalankan lagi, "
        "atau mulai dari templat: `kinerja impor-pk --templat matriks-pk.xlsx`.",
    )


def _batas_xlsx(data: bytes) -> dict[str, tuple[int, int]]:
    """Sheet name → (rows, columns) of an xlsx's sheets, from the XML itself (calamine
    would allocate the whole rectangle), measured as ``himpun`` measures them."""
    hasil: dict[str, tuple[int, int]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        peta = peta_lembar(arsip.read("xl/workbook.xml"), arsip.read("xl/_rels/workbook.xml.rels"))
        for nama, jalur in peta.items():
            try:
                xml = arsip.read(jalur)
            except KeyError:
                continue
            hasil[nama] = luas_lembar_xlsx(xml)
    return hasil


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _batas_ods(
    data: bytes,
) -> tuple[dict[str, tuple[int, int]], dict[str, list[Any]], dict[str, set[tuple[int, int]]]]:
    """For an ods, streamed from content.xml: sheet → (rows, columns) reached by
    non-empty cells; sheet → merged ranges (calamine gives none for ods); sheet → cells
    holding a percentage (``80%`` is stored as 0.8)."""
    jangkauan: dict[str, tuple[int, int]] = {}
    gabungan: dict[str, list[Any]] = {}
    persen: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as arsip, arsip.open("content.xml") as isi:
        nama = ""
        r = c = 0
        akhir_baris = akhir_kolom = 0
        baris_berisi = False
        for peristiwa, el in iterparse(isi, events=("start", "end")):
            tag = el.tag
            if peristiwa == "start":
                if tag == f"{_ODS_TABLE}table":
                    nama = el.get(f"{_ODS_TABLE}name", "")
                    r = akhir_baris = akhir_kolom = 0
                    gabungan[nama] = []
                    persen[nama] = set()
                elif tag == f"{_ODS_TABLE}table-row":
                    c = 0
                    baris_berisi = False
                continue
            if tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                ulang = min(int(el.get(f"{_ODS_TABLE}number-columns-repeated", "1")), 1 << 20)
                berisi = el.get(f"{_ODS_OFFICE}value-type") is not None or any(
                    (anak.text or "").strip() or len(anak) for anak in el
                )
                lebar = int(el.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                tinggi = int(el.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                if (lebar > 1 or tinggi > 1) and len(gabungan[nama]) < 10_000:
                    gabungan[nama].append(((r, c), (r + tinggi - 1, c + lebar - 1)))
                jenis = el.get(f"{_ODS_OFFICE}value-type")
                if jenis == "percentage" and len(persen[nama]) < 10_000:
                    persen[nama].update((r, c + i) for i in range(min(ulang, MAKS_KOLOM)))
                if berisi:
                    akhir_kolom = max(akhir_kolom, c + ulang)
                    baris_berisi = True
                c += ulang
                el.clear()
            elif tag == f"{_ODS_TABLE}table-row":
                ulang = min(int(el.get(f"{_ODS_TABLE}number-rows-repeated", "1")), 1 << 21)
                if baris_berisi:
                    akhir_baris = r + ulang
                r += ulang
                el.clear()
            elif tag == f"{_ODS_TABLE}table":
                jangkauan[nama] = (akhir_baris, akhir_kolom)
                el.clear()
    return jangkauan, gabungan, persen


def _baca_buku(matriks: Path) -> tuple[list[_Lembar], list[TakTerpetakan], bytes]:
    """The sheets of the workbook that fit the bounds, and the ones skipped."""
    if not matriks.is_file():
        raise PenggunaanError(
            f"Berkas matriks {matriks} tidak ada.",
            "Periksa nama dan foldernya, atau buat templat dengan "
            "`kinerja impor-pk --templat matriks-pk.xlsx`.",
        )
    try:
        ukuran = matriks.stat().st_size
        if ukuran > MAKS_UKURAN:
            raise _gagal_baca(
                matriks,
                f"berkas terlalu besar ({ukuran // 1024 // 1024} MB; batas "
                f"{MAKS_UKURAN // 1024 // 1024} MB) untuk sebuah matriks PK.",
            )
        data = matriks.read_bytes()
    except OSError as exc:
        raise PenggunaanError(
            f"Berkas matriks {matriks} tidak dapat dibaca: {exc.strerror}.",
            "Periksa izin baca berkas itu, atau tutup program yang sedang menguncinya.",
        ) from None
    if not data:
        raise _gagal_baca(matriks, "berkas kosong (0 bita), bukan buku kerja.")
    jangkauan: dict[str, tuple[int, int]] | None = None
    gabungan_ods: dict[str, list[Any]] = {}
    persen_ods: dict[str, set[tuple[int, int]]] = {}
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as arsip:
                daftar = arsip.infolist()
                nama_isi = {i.filename for i in daftar}
            if len(daftar) > 2000 or sum(i.file_size for i in daftar) > MAKS_ISI_ZIP:
                raise _gagal_baca(
                    matriks, "isi berkas terlalu besar setelah dibuka (kemungkinan bom zip)."
                )
            if "content.xml" in nama_isi:
                jangkauan, gabungan_ods, persen_ods = _batas_ods(data)
                for nama, (tinggi, lebar) in jangkauan.items():
                    if tinggi > MAKS_BARIS or lebar > MAKS_KOLOM:
                        # calamine reads every sheet of an ods when it opens the file
                        raise _gagal_baca(
                            matriks,
                            f"lembar {nama!r} terlalu besar untuk matriks PK ({tinggi} baris × "
                            f"{lebar} kolom; batas {MAKS_BARIS} baris, {MAKS_KOLOM} kolom).",
                        )
            elif "xl/workbook.xml" in nama_isi:
                jangkauan = _batas_xlsx(data)
            else:
                raise _gagal_baca(
                    matriks, "arsip zip ini bukan buku kerja Excel (.xlsx) atau LibreOffice (.ods)."
                )
        except DitolakError:
            raise
        except (
            zipfile.BadZipFile,
            zlib.error,
            KeyError,
            OSError,
            ValueError,
            ParseError,
            EOFError,
            RuntimeError,
        ):
            raise _gagal_baca(matriks, "berkas rusak atau terpotong; tidak dapat dibuka.") from None
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        try:
            tinggi, lebar = luas_lembar_xls(data)
        except (ValueError, struct.error, IndexError):
            raise _gagal_baca(
                matriks, "berkas .xls rusak, terenkripsi atau bukan buku kerja Excel."
            ) from None
        if tinggi > MAKS_BARIS or lebar > MAKS_KOLOM:
            # calamine reads every sheet of an .xls when it opens the file
            raise _gagal_baca(
                matriks,
                f"lembarnya terlalu besar untuk matriks PK (sel sampai baris {tinggi}, kolom "
                f"{lebar}; batas {MAKS_BARIS} baris, {MAKS_KOLOM} kolom).",
            )
    else:
        raise _gagal_baca(
            matriks,
            "bukan buku kerja Excel/LibreOffice (.xlsx, .xlsm, .xls, .ods); mungkin CSV, PDF "
            "atau berkas lain yang diganti namanya.",
        )
    lembar: list[_Lembar] = []
    sembunyi: list[_Lembar] = []
    dilewati: list[TakTerpetakan] = []
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        tersembunyi = {
            m.name for m in wb.sheets_metadata if not str(m.visible).endswith(".Visible")
        }
        for nama in wb.sheet_names:
            if nama == LEMBAR_PETUNJUK:
                continue
            if jangkauan is not None:
                # a sheet whose cells could not be measured is not opened either
                tinggi, lebar = jangkauan.get(nama, (MAKS_BARIS + 1, MAKS_KOLOM + 1))
                if tinggi > MAKS_BARIS or lebar > MAKS_KOLOM:
                    dilewati.append(_lembar_terlalu_besar(nama, tinggi, lebar))
                    continue
            isi = wb.get_sheet_by_name(nama)
            tinggi, lebar = isi.end or (-1, -1)
            if tinggi + 1 > MAKS_BARIS or lebar + 1 > MAKS_KOLOM:
                dilewati.append(_lembar_terlalu_besar(nama, tinggi + 1, lebar + 1))
                continue
            baris = isi.to_python(skip_empty_area=False) if isi.end is not None else []
            gabung = gabungan_ods.get(nama) if jangkauan is not None and gabungan_ods else None
            if gabung is None:
                gabung = list(isi.merged_cell_ranges or [])
            (sembunyi if nama in tersembunyi else lembar).append(
                _Lembar(
                    nama,
                    baris,
                    [(a[0], a[1], b[0], b[1]) for a, b in gabung],
                    persen_ods.get(nama) if persen_ods else None,
                )
            )
        lembar += sembunyi  # hidden sheets are looked at last
    except DitolakError:
        raise
    except BaseException as exc:  # calamine raises its own error types for every bad container
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise  # KeyboardInterrupt, SystemExit; a pyo3 panic is a bad file
        raise _gagal_baca(
            matriks, f"buku kerja rusak dan tidak dapat dibaca ({type(exc).__name__})."
        ) from None
    return lembar, dilewati, data


def _lembar_terlalu_besar(nama: str, tinggi: int, lebar: int) -> TakTerpetakan:
    return TakTerpetakan(
        nama,
        "",
        f"{tinggi} baris × {lebar} kolom",
        f"lembar terlalu besar untuk matriks PK (batas {MAKS_BARIS} baris, {MAKS_KOLOM} "
        "kolom); tidak dibaca",
    )


def _teks(nilai: object) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return bersihkan_teks(str(nilai))


def _isi_gabungan(lembar: _Lembar) -> list[list[Any]]:
    """Rows with each merged range's value copied over the whole range."""
    baris = [list(r) for r in lembar.baris]
    for r0, c0, r1, c1 in lembar.gabungan:
        if r0 >= len(baris) or c0 >= len(baris[r0]):
            continue
        nilai = baris[r0][c0]
        for r in range(r0, min(r1, len(baris) - 1) + 1):
            for c in range(c0, min(c1, len(baris[r]) - 1) + 1):
                if baris[r][c] == "":
                    baris[r][c] = nilai
    return baris


# --------------------------------------------------------------------------- header


@dataclass
class _Kepala:
    baris: int
    dua_baris: bool
    kolom: dict[str, int]
    label: dict[int, str]
    tak_dikenal: list[tuple[int, str]]
    ganda: list[tuple[int, str, str]]


_KELOMPOK_LAIN = ("realisasi", "capaian", "anggaran", "pagu", "rpd", "keuangan", "serapan")
"""Upper labels of a two-row header whose columns are not targets (``Realisasi`` over
``TW I``…): their lower labels are never read alone."""


def _label_gabungan(atas: list[str], bawah: list[str]) -> list[tuple[str, str, str]]:
    """Labels of a two-row header as (shown, upper, lower): ``Target`` over ``TW I`` →
    ``Target TW I``. An upper label that stands over several lower ones without being
    merged is carried right."""
    hasil: list[tuple[str, str, str]] = []
    bawa = ""
    for c in range(max(len(atas), len(bawah))):
        a = atas[c] if c < len(atas) else ""
        b = bawah[c] if c < len(bawah) else ""
        if not b:
            bawa = ""
            hasil.append((a, a, ""))
            continue
        if a:
            bawa = a
        elif bawa:
            a = bawa
        if a == b:
            hasil.append((a, a, ""))
        else:
            hasil.append((f"{a} {b}".strip(), a, b))
    return hasil


_KELOMPOK_TRIWULAN = ("target", "triwulan", "tw", "trw", "rencanaaksi")
"""Upper labels over bare quarter numbers (``Target`` over ``I``, ``II``…)."""


def _kenali_gabungan(tampil: str, atas: str, bawah: str) -> str | None:
    bidang = kenali_label(tampil)
    if bidang is None and atas and bawah:
        kelompok = norm_label(atas)
        if not any(k in kelompok for k in _KELOMPOK_LAIN):
            bidang = kenali_label(bawah)  # e.g. "Rencana Aksi" over "Triwulan I"
            nomor = norm_label(bawah)
            if (
                bidang is None
                and nomor in _ROMAWI
                and any(k in kelompok for k in _KELOMPOK_TRIWULAN)
            ):
                bidang = f"tw{_ROMAWI[nomor]}"  # "Target" over "I", "II", "III", "IV"
    return bidang


def _petakan(
    label: list[tuple[str, str, str]],
) -> tuple[dict[str, int], list[tuple[int, str]], list[Any]]:
    kolom: dict[str, int] = {}
    tak: list[tuple[int, str]] = []
    ganda: list[tuple[int, str, str]] = []
    for c, (teks, atas, bawah) in enumerate(label):
        if not teks:
            continue
        bidang = _kenali_gabungan(teks, atas, bawah)
        if bidang is None:
            tak.append((c, teks))
        elif bidang in kolom:
            ganda.append((c, teks, bidang))
        else:
            kolom[bidang] = c
    return kolom, tak, ganda


def _sah(kolom: dict[str, int]) -> bool:
    return "indikator" in kolom and (
        "target" in kolom or any(f"tw{i}" in kolom for i in range(1, 5))
    )


def _cari_kepala(baris: list[list[Any]]) -> _Kepala | None:
    for r in range(min(BARIS_CARI_KEPALA, len(baris))):
        atas = [_teks(v) for v in baris[r]]
        if sum(1 for t in atas if t) < 2:
            continue
        satu, tak1, ganda1 = _petakan([(t, t, "") for t in atas])
        pilihan: _Kepala | None = None
        if _sah(satu):
            pilihan = _Kepala(r, False, satu, dict(enumerate(atas)), tak1, ganda1)
        if r + 1 < len(baris):
            bawah = [_teks(v) for v in baris[r + 1]]
            gabung = _label_gabungan(atas, bawah)
            dua, tak2, ganda2 = _petakan(gabung)
            c_ind = dua.get("indikator")
            bawah_kepala = c_ind is None or _nilai_sel(bawah, c_ind) in (
                "",
                _nilai_sel(atas, c_ind),
            )
            if (
                _sah(dua)
                and bawah_kepala
                and len(dua) > len(satu)
                and any(bawah[c] != atas[c] for c in range(len(bawah)) if bawah[c])
            ):
                pilihan = _Kepala(
                    r, True, dua, {c: g[0] for c, g in enumerate(gabung)}, tak2, ganda2
                )
        if pilihan is not None:
            return pilihan
    return None


# --------------------------------------------------------------------------- rows


@dataclass
class _Baris:
    r: int
    sasaran: str
    kode_sasaran: str
    kode: str
    uraian: str
    satuan: str
    tim: str
    arah: str
    agregasi: str
    target: float | None
    triwulan: list[float | None]
    tim_dari_atas: bool = False
    persen: bool = False
    """Some target was typed with ``%``."""
    catatan: list[str] = field(default_factory=list)


def _nilai_sel(isi: list[Any], c: int | None) -> Any:
    if c is None or c >= len(isi):
        return ""
    return isi[c]


def _bersihkan_uraian(teks: str) -> str:
    return _NOMOR_AWAL.sub("", teks, count=1).strip()


def _arah(teks: str) -> str | None:
    t = norm_label(teks)
    if not t:
        return None
    if t in ("naik", "positif", "maximize", "maksimal", "maks", "max", "tinggi") or t.startswith(
        ("naik", "positif", "maxim", "maksim", "semakintinggi", "makintinggi")
    ):
        return "naik"
    if t in ("turun", "negatif", "minimize", "minimal", "min", "rendah") or t.startswith(
        ("turun", "negatif", "minim", "semakinrendah", "makinrendah")
    ):
        return "turun"
    if teks.strip() in ("+", "↑"):
        return "naik"
    if teks.strip() in ("-", "↓"):
        return "turun"
    return None


def _agregasi(teks: str) -> str | None:
    t = norm_label(teks)
    if not t:
        return None
    if t in ("kumulatif", "akumulatif", "akumulasi", "sum", "jumlah", "kumulasi"):
        return "kumulatif"
    if t in ("terakhir", "nilaiakhir", "akhir", "posisiakhir", "nilaiterakhir", "last", "tetap"):
        return "terakhir"
    if t in ("ratarata", "rerata", "average", "mean", "ratarataperiode"):
        return "rata-rata"
    return None


# --------------------------------------------------------------------------- guesses


def _satuan_baku(teks: str) -> str:
    t = teks.strip()
    if t in ("%", "persen", "Persen", "PERSEN", "persentase", "Persentase"):
        return "persen"
    return t


def _tebak_satuan(uraian: str, persen: bool) -> str:
    u = uraian.lower()
    if persen or u.startswith(("persentase", "prosentase", "presentase", "%")):
        return "persen"
    if u.startswith("indeks"):
        return "indeks"
    if u.startswith("nilai"):
        return "nilai"
    cocok = _SATUAN_HITUNG.match(uraian)
    if cocok:
        return cocok.group(2).lower().strip(",.;:")
    return "unit"


def _tebak_arah(uraian: str) -> str:
    u = f" {uraian.lower()} "
    return "turun" if any(k in u for k in _KATA_TURUN) else "naik"


def _tebak_agregasi(uraian: str, satuan: str) -> str:
    u = uraian.lower()
    if "rata-rata" in u or "rerata" in u or satuan == "indeks" or u.startswith("indeks"):
        return "rata-rata"
    if satuan == "persen" or u.startswith(("persentase", "nilai", "tingkat", "rasio")):
        return "terakhir"
    if _SATUAN_HITUNG.match(uraian):
        return "kumulatif"
    return "terakhir"


def _kode_tim(nama: str, dipakai: set[str]) -> str:
    """A short team code from a team's name: the initials of its words after ``Tim
    Kerja``/``Tim``/``Pokja``…, unique, never a name Windows reserves (CON, NUL…)."""
    polos = bersihkan_teks(nama)
    if _POLA_KODE.match(polos) and polos.upper() == polos and len(polos) <= 8:
        dasar = polos
    else:
        inti = _AWALAN_TIM.sub("", polos) or polos
        kata = [
            k
            for k in re.split(r"[\s,/;()]+", inti)
            if k and k.lower() not in _KATA_SAMBUNG and re.search(r"[A-Za-z0-9]", k)
        ]
        if len(kata) >= 2:
            dasar = "".join(re.sub(r"[^A-Za-z0-9]", "", k)[:1] for k in kata)[:6].upper()
        elif kata:
            kata_saja = re.sub(r"[^A-Za-z0-9]", "", kata[0]).upper()
            dasar = kata_saja if len(kata_saja) <= 5 else kata_saja[:3]
        else:
            dasar = ""
        dasar = dasar or "TIM"
    if dasar.upper() in _NAMA_CADANGAN_WINDOWS:
        dasar = f"{dasar}K"
    kode = dasar
    n = 2
    while kode.upper() in {d.upper() for d in dipakai}:
        kode = f"{dasar}{n}"
        n += 1
    return kode


def _rapikan_kode(teks: str) -> str:
    kode = re.sub(r"\s+", "-", bersihkan_teks(teks))
    kode = re.sub(r"[^A-Za-z0-9._-]", "", kode).strip("-._")
    return kode[:40]


def _format(nilai: float | None) -> str:
    if nilai is None:
        return "null"
    if float(nilai).is_integer():
        return str(int(nilai))
    return repr(round(nilai, 6))


def _format_id(nilai: float | None) -> str:
    return format_angka(nilai) if nilai is not None else "kosong"


# --------------------------------------------------------------------------- importing


class _Impor:
    def __init__(self, lembar: _Lembar, data: bytes) -> None:
        self.lembar = lembar
        self.data = data
        self.tak: list[TakTerpetakan] = []

    def sel(self, r: int, c: int) -> str:
        return f"{huruf(c)}{r + 1}"

    def catat(self, r: int, c: int, isi: object, alasan: str) -> None:
        self.tak.append(TakTerpetakan(self.lembar.nama, self.sel(r, c), _teks(isi)[:80], alasan))

    def angka(self, isi: list[Any], r: int, c: int | None, label: str) -> tuple[float | None, bool]:
        mentah = _nilai_sel(isi, c)
        if c is None or mentah == "" or (isinstance(mentah, str) and mentah.strip() in "-–—"):
            return None, False
        hasil = baca_angka(mentah)
        if hasil.nilai is None:
            self.catat(r, c, mentah, f"{label}: {hasil.masalah or 'bukan angka'}; dianggap kosong")
            return None, False
        return hasil.nilai, hasil.persen


def _baris_data(
    imp: _Impor, baris: list[list[Any]], kepala: _Kepala
) -> tuple[list[_Baris], dict[int, str]]:
    """The indicator rows under the header; sasaran rows give their text and code."""
    k = kepala.kolom
    mulai = kepala.baris + (2 if kepala.dua_baris else 1)
    hasil: list[_Baris] = []
    sasaran_kini = ""
    kode_sasaran_kini = ""
    tim_kini = ""
    tempat_sasaran: dict[int, str] = {}
    c_ind = k["indikator"]
    for r in range(mulai, len(baris)):
        isi = baris[r]
        teks = [_teks(v) for v in isi]
        if not any(teks):
            continue
        uraian = teks[c_ind] if c_ind < len(teks) else ""
        norm = [norm_label(t) for t in teks if t]
        if all(_NOMOR.match(t) for t in teks if t):
            if uraian:
                imp.catat(r, c_ind, uraian, "baris nomor kolom (1, 2, 3 …); diabaikan")
            continue
        if (not uraian or _JUMLAH.match(norm_label(uraian))) and any(
            _JUMLAH.match(n) for n in norm
        ):
            c0 = next(c for c, t in enumerate(teks) if t)
            imp.catat(r, c0, teks[c0], "baris jumlah/rata-rata; diabaikan")
            continue

        def ambil(bidang: str, teks: list[str] = teks) -> str:
            c = k.get(bidang)
            return teks[c] if c is not None and c < len(teks) else ""

        sasaran, kode_s, kode = ambil("sasaran"), ambil("kode_sasaran"), ambil("kode")
        if sasaran and sasaran != sasaran_kini:
            sasaran_kini = sasaran
            kode_sasaran_kini = kode_s
            tim_kini = ""
            tempat_sasaran[r] = imp.sel(r, k["sasaran"])
            if not uraian and kode:
                kode_sasaran_kini = kode  # a sasaran heading row carries the sasaran's code
        elif kode_s and kode_s != kode_sasaran_kini:
            kode_sasaran_kini = kode_s
        if not uraian:
            if not sasaran:
                c0 = next(c for c, t in enumerate(teks) if t)
                imp.catat(r, c0, teks[c0], "baris tanpa indikator; diabaikan")
            continue
        target, persen_t = imp.angka(isi, r, k.get("target"), "Target")
        triwulan: list[float | None] = []
        persen = persen_t
        for i in range(1, 5):
            nilai, p = imp.angka(isi, r, k.get(f"tw{i}"), f"Target TW {'I' * i if i < 4 else 'IV'}")
            triwulan.append(nilai)
            persen = persen or p
        satuan, tim = ambil("satuan"), ambil("tim")
        if target is None and all(t is None for t in triwulan) and not (satuan or tim or kode):
            imp.catat(
                r, c_ind, uraian, "tidak ada target, satuan, tim maupun kode; bukan baris indikator"
            )
            continue
        dari_atas = False
        if tim:
            tim_kini = tim
        elif tim_kini:
            tim, dari_atas = tim_kini, True
        b = _Baris(
            r=r,
            sasaran=sasaran_kini,
            kode_sasaran=kode_sasaran_kini,
            kode=kode,
            uraian=_bersihkan_uraian(uraian),
            satuan=satuan,
            tim=tim,
            arah=ambil("arah"),
            agregasi=ambil("agregasi"),
            target=target,
            triwulan=triwulan,
            tim_dari_atas=dari_atas,
        )
        b.persen = persen
        hasil.append(b)
    return hasil, tempat_sasaran


def _pecahan_persen(imp: _Impor, b: _Baris, k: dict[str, int], satuan: str) -> str | None:
    """Excel stores ``80%`` typed in a cell as 0.8: read it back as 80. Where the
    workbook shows the cell format (xlsx, ods) it decides; in .xls it is a guess."""
    nilai = [b.target, *b.triwulan]
    angka = [v for v in nilai if v is not None]
    if satuan != "persen" or not angka or not all(0 <= v <= 1 for v in angka):
        return None
    if max(angka) == 0:
        return None
    kolom = [k.get("target"), *(k.get(f"tw{i}") for i in range(1, 5))]
    ada = [c for c, v in zip(kolom, nilai, strict=True) if c is not None and v]
    sel = [imp.sel(b.r, c) for c in ada]
    if imp.lembar.persen is not None:
        berformat = {imp.sel(b.r, c) for c in ada if (b.r, c) in imp.lembar.persen}
    else:
        try:
            berformat = _sel_persen(imp.data, imp.lembar.nama, sel) if sel else set()
        except zlib.error:  # a damaged styles part: the format is unknown
            berformat = set()
    tahu_format = imp.lembar.persen is not None or imp.data.startswith(b"PK")
    if tahu_format and not berformat:
        return None  # plain numbers in a plain format: a fraction of a percent is meant
    b.target = None if b.target is None else round(b.target * 100, 9)
    b.triwulan = [None if v is None else round(v * 100, 9) for v in b.triwulan]
    if sel and berformat == set(sel):
        return None  # shown as percent in the workbook: certain
    return (
        "angka persen tertulis sebagai pecahan (mis. 0,8); dibaca ×100 "
        f"(target {_format_id(b.target)})"
    )


def _lengkapi_target(b: _Baris, arah: str, agregasi: str) -> tuple[str | None, str | None]:
    """Fill a missing annual target (from TW IV) and missing quarterly targets; say what
    was guessed, for the ``target`` line and for the ``target_triwulan`` line."""
    pesan_target: str | None = None
    if b.target is None:
        if b.triwulan[3] is None:
            return (
                "target tahunan tidak terbaca; isi target tahunan",
                "target triwulan tidak terbaca; isi target TW I sampai TW IV",
            )
        b.target = b.triwulan[3]
        pesan_target = "target tahunan kosong; diambil dari TW IV"
    kosong = [i for i, v in enumerate(b.triwulan) if v is None]
    if not kosong:
        return pesan_target, None
    t = b.target
    if agregasi == "rata-rata" or arah == "turun":
        tebak = [t, t, t, t]
        cara = "sama dengan target tahunan"
    else:
        tebak = [round(t * q / 4, 4) for q in range(1, 5)]
        cara = "dibagi rata per triwulan"
    for i in kosong:
        b.triwulan[i] = tebak[i]
    nama = ", ".join(("TW I", "TW II", "TW III", "TW IV")[i] for i in kosong)
    return pesan_target, f"target {nama} tidak ada di matriks; ditebak {cara}"


def _pilih_lembar(lembar: list[_Lembar]) -> tuple[_Lembar, list[list[Any]], _Kepala] | None:
    terbaik: tuple[_Lembar, list[list[Any]], _Kepala] | None = None
    for lb in lembar:
        baris = _isi_gabungan(lb)
        kepala = _cari_kepala(baris)
        if kepala is None:
            continue
        if terbaik is None or len(kepala.kolom) > len(terbaik[2].kolom):
            terbaik = (lb, baris, kepala)
    return terbaik


def _tahun(
    imp: _Impor, baris: list[list[Any]], kepala: _Kepala, diminta: int | None
) -> tuple[int, str | None]:
    if diminta is not None:
        return diminta, None
    for c, label in kepala.label.items():
        if kepala.kolom.get("target") == c or any(kepala.kolom.get(f"tw{i}") == c for i in (1, 2)):
            m = _TAHUN.search(label)
            if m:
                return int(m.group(1)), f'tahun dari judul kolom "{label}"'
    for r in range(kepala.baris):
        for v in baris[r]:
            m = _TAHUN.search(_teks(v))
            if m:
                return int(
                    m.group(1)
                ), f"tahun dari judul matriks ({imp.sel(r, baris[r].index(v))})"
    tahun = date.today().year
    return tahun, "tahun tidak tertulis di matriks; diisi tahun ini"


def _judul(baris: list[list[Any]], kepala: _Kepala) -> list[str]:
    hasil: list[str] = []
    for r in range(kepala.baris):
        teks = " ".join(dict.fromkeys(t for t in (_teks(v) for v in baris[r]) if t))
        if teks and teks not in hasil:
            hasil.append(teks[:150])
    return hasil[:6]


def baca_matriks(matriks: Path, tahun: int | None = None) -> HasilImporPk:
    """Read a PK matrix into the draft (nothing is written; ``keluaran`` is unset)."""
    lembar, dilewati, data = _baca_buku(matriks)
    if not lembar and not dilewati:
        raise _gagal_baca(matriks, "buku kerja tidak berisi lembar apa pun.")
    if all(not lb.baris for lb in lembar) and not dilewati:
        raise _gagal_baca(matriks, "buku kerja kosong: tidak ada sel yang berisi.")
    pilihan = _pilih_lembar(lembar)
    if pilihan is None:
        alasan = "; ".join(f"{d.lembar}: {d.alasan}" for d in dilewati)
        raise DitolakError(
            f"{matriks.name}: judul kolom matriks PK tidak ditemukan"
            + (f" ({alasan})" if alasan else "")
            + f"; dicari kolom Indikator dan Target di {BARIS_CARI_KEPALA} baris pertama "
            "setiap lembar.",
            "Beri judul kolom seperti Sasaran, Indikator, Satuan, Target Tahunan, TW I–TW IV, "
            "Penanggung Jawab, atau salin isinya ke templat `kinerja impor-pk --templat "
            "matriks-pk.xlsx`.",
        )
    lb, baris, kepala = pilihan
    imp = _Impor(lb, data)
    imp.tak.extend(dilewati)
    r_kepala = kepala.baris + (1 if kepala.dua_baris else 0)
    for c, teks in kepala.tak_dikenal:
        imp.catat(r_kepala, c, teks, "judul kolom tidak dikenal; kolom diabaikan")
    for c, teks, bidang in kepala.ganda:
        pertama = imp.sel(r_kepala, kepala.kolom[bidang])
        imp.catat(
            r_kepala,
            c,
            teks,
            f"kolom {NAMA_BIDANG[bidang]} kedua; yang dipakai kolom pertama ({pertama})",
        )
    data_baris, tempat_sasaran = _baris_data(imp, baris, kepala)
    th, alasan_tahun = _tahun(imp, baris, kepala, tahun)
    kolom = tuple(
        KolomDikenali(b, kepala.label[c], imp.sel(r_kepala, c))
        for b, c in sorted(kepala.kolom.items(), key=lambda x: x[1])
    )
    sasaran, tim, tebakan = _susun(imp, data_baris, kepala, tempat_sasaran)
    if alasan_tahun:
        tebakan.insert(0, Tebakan("tahun", "tahun", alasan_tahun))
    teks = _tulis_yaml(
        matriks, lb.nama, kepala, th, alasan_tahun, sasaran, tim, _judul(baris, kepala)
    )
    return HasilImporPk(
        matriks=matriks,
        keluaran=Path(),
        lembar=lb.nama,
        baris_kepala=(kepala.baris + 1, r_kepala + 1),
        tahun=th,
        kolom=kolom,
        sasaran=tuple(sasaran),
        tim=tuple(tim),
        tebakan=tuple(tebakan),
        tak_terpetakan=tuple(imp.tak),
        ditimpa=False,
        yaml=teks,
    )


def _susun(
    imp: _Impor, data_baris: list[_Baris], kepala: _Kepala, tempat_sasaran: dict[int, str]
) -> tuple[list[SasaranImpor], list[TimImpor], list[Tebakan]]:
    k = kepala.kolom
    tebakan: list[Tebakan] = []

    def kosong(bidang: str, label: str) -> str:
        return f"sel {label} kosong" if bidang in k else f"tanpa kolom {label}"

    # teams, in order of first appearance
    tim_kode: dict[str, str] = {}
    tim: list[TimImpor] = []
    dipakai: set[str] = set()
    for b in data_baris:
        nama = b.tim.split("\n")[0].split(";")[0].strip()
        if len(nama) != len(b.tim):
            b.catatan.append(f"beberapa penanggung jawab ({b.tim!r}); dipakai yang pertama")
        b.tim = nama
        if not nama or nama in tim_kode:
            continue
        kode = _kode_tim(nama, dipakai)
        dipakai.add(kode)
        tim_kode[nama] = kode
        periksa_t: dict[str, str] = {}
        if kode != nama:
            periksa_t["kode"] = f"kode tim dibuat dari nama {nama!r}"
        if kode == nama:
            periksa_t["nama"] = "nama tim sama dengan kodenya; tulis nama lengkap tim kerja"
        tim.append(TimImpor(kode, nama, periksa_t))
    if any(not b.tim for b in data_baris):
        kode = _kode_tim("TIM", dipakai)
        tim.append(
            TimImpor(
                kode,
                "",
                {
                    "nama": "ada indikator tanpa tim/penanggung jawab; isi nama tim (atau pindahkan "
                    "indikatornya ke tim lain)"
                },
            )
        )
        tim_kode[""] = kode
    # sasaran and indicators
    kelompok: list[tuple[str, str, list[_Baris]]] = []
    for b in data_baris:
        if kelompok and kelompok[-1][0] == b.sasaran and kelompok[-1][1] == b.kode_sasaran:
            kelompok[-1][2].append(b)
        else:
            kelompok.append((b.sasaran, b.kode_sasaran, [b]))
    kode_sasaran_ada = {_rapikan_kode(ks) for _, ks, _ in kelompok if ks}
    kode_ind_ada = {_rapikan_kode(b.kode) for b in data_baris if b.kode}
    sasaran: list[SasaranImpor] = []
    kode_s_dipakai: set[str] = set()
    kode_i_dipakai: set[str] = set()
    for n, (uraian_s, ks, anggota) in enumerate(kelompok, start=1):
        periksa_s: dict[str, str] = {}
        kode_s = _rapikan_kode(ks) if ks else ""
        if ks and kode_s != ks:
            periksa_s["kode"] = f"kode {ks!r} dirapikan"
        if not kode_s or kode_s in kode_s_dipakai:
            dasar = f"SK{n}"
            m = n
            while dasar in kode_s_dipakai or (dasar in kode_sasaran_ada and dasar != kode_s):
                m += 1
                dasar = f"SK{m}"
            if kode_s:
                periksa_s["kode"] = f"kode sasaran {kode_s!r} dipakai dua kali; diganti {dasar}"
            else:
                periksa_s["kode"] = "kode dibuat otomatis"
            kode_s = dasar
        kode_s_dipakai.add(kode_s)
        awal_sasaran = [r for r in tempat_sasaran if r <= anggota[0].r]
        sel_s = tempat_sasaran[max(awal_sasaran)] if awal_sasaran and uraian_s else ""
        uraian_bersih = _bersihkan_uraian(uraian_s)
        if not uraian_bersih:
            periksa_s["uraian"] = "kolom Sasaran kosong atau tidak ada; tulis uraian sasaran"
        indikator: list[IndikatorImpor] = []
        for j, b in enumerate(anggota, start=1):
            periksa: dict[str, str] = {}
            sel_ind = imp.sel(b.r, k["indikator"])
            kode = _rapikan_kode(b.kode) if b.kode else ""
            if b.kode and kode != b.kode:
                periksa["kode"] = f"kode {b.kode!r} dirapikan menjadi {kode!r}"
            if not kode or kode in kode_i_dipakai:
                nomor = kode_s[2:] if re.fullmatch(r"SK\d+", kode_s) else str(n)
                dasar = f"IKK-{nomor}.{j}"
                m = j
                while dasar in kode_i_dipakai or dasar in kode_ind_ada:
                    m += 1
                    dasar = f"IKK-{nomor}.{m}"
                periksa["kode"] = (
                    f"kode {kode!r} dipakai dua kali; diganti {dasar}"
                    if kode
                    else "kode dibuat otomatis"
                )
                kode = dasar
            kode_i_dipakai.add(kode)
            satuan = _satuan_baku(b.satuan)
            if not satuan:
                satuan = _tebak_satuan(b.uraian, b.persen)
                periksa["satuan"] = (
                    "satuan ditebak dari angka bertanda %"
                    if b.persen
                    else f"{kosong('satuan', 'Satuan')}: ditebak dari uraian"
                )
            pecahan = _pecahan_persen(imp, b, k, satuan)
            arah = _arah(b.arah) if b.arah else None
            if arah is None:
                arah = _tebak_arah(b.uraian)
                periksa["arah"] = (
                    f"arah {b.arah!r} tidak dikenal; ditebak {arah}"
                    if b.arah
                    else f"{kosong('arah', 'Arah')}: ditebak {arah}"
                )
            agregasi = _agregasi(b.agregasi) if b.agregasi else None
            if agregasi is None:
                agregasi = _tebak_agregasi(b.uraian, satuan)
                periksa["agregasi"] = (
                    f"agregasi {b.agregasi!r} tidak dikenal; ditebak {agregasi}"
                    if b.agregasi
                    else f"{kosong('agregasi', 'Agregasi')}: ditebak {agregasi}"
                )
            if pecahan:
                periksa["target"] = pecahan
            pesan_target, pesan_triwulan = _lengkapi_target(b, arah, agregasi)
            if pesan_target:
                periksa["target"] = pesan_target
            if pesan_triwulan:
                periksa["target_triwulan"] = pesan_triwulan
            tw = b.triwulan
            if agregasi == "kumulatif" and all(v is not None for v in tw):
                turun = any((tw[i] or 0) < (tw[i - 1] or 0) for i in range(1, 4))
                if turun and "agregasi" in periksa:
                    agregasi = "terakhir"
                    periksa["agregasi"] = (
                        f"{kosong('agregasi', 'Agregasi')}; target triwulan turun, "
                        "jadi bukan kumulatif: ditebak terakhir"
                    )
                elif turun:
                    periksa["target_triwulan"] = (
                        "indikator kumulatif tetapi target triwulan turun; tulis target "
                        "akumulasi sampai triwulan itu"
                    )
            kode_tim = tim_kode[b.tim]
            if b.tim_dari_atas:
                periksa["tim"] = "sel tim kosong; diisi tim dari baris di atasnya"
            if b.catatan:
                periksa["tim"] = "; ".join(b.catatan)
            for bidang, pesan in periksa.items():
                tebakan.append(Tebakan(kode, bidang, pesan, sel_ind))
            indikator.append(
                IndikatorImpor(
                    kode=kode,
                    uraian=b.uraian,
                    satuan=satuan,
                    tim=kode_tim,
                    arah=arah,
                    agregasi=agregasi,
                    target=b.target,
                    target_triwulan=(tw[0], tw[1], tw[2], tw[3]),
                    sel=sel_ind,
                    periksa=periksa,
                )
            )
        for bidang, pesan in periksa_s.items():
            tebakan.append(Tebakan(kode_s, bidang, pesan, sel_s))
        sasaran.append(SasaranImpor(kode_s, uraian_bersih, tuple(indikator), sel_s, periksa_s))
    for t in tim:
        for bidang, pesan in t.periksa.items():
            tebakan.append(Tebakan(t.kode, bidang, pesan))
    return sasaran, tim, tebakan


# --------------------------------------------------------------------------- YAML


def _kutip(teks: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(teks, ensure_ascii=False)


def _komentar(teks: str) -> str:
    return " ".join(teks.split())


def _baris_yaml(isi: str, periksa: str | None = None, isi_tanda: str = "PERIKSA") -> str:
    return f"{isi}  # {isi_tanda}: {_komentar(periksa)}" if periksa else isi


def _tulis_yaml(
    matriks: Path,
    lembar: str,
    kepala: _Kepala,
    tahun: int,
    alasan_tahun: str | None,
    sasaran: Sequence[SasaranImpor],
    tim: Sequence[TimImpor],
    judul: Sequence[str],
) -> str:
    r1 = kepala.baris + 1
    r2 = r1 + (1 if kepala.dua_baris else 0)
    rentang = f"{r1}–{r2}" if r2 != r1 else str(r1)
    out: list[str] = [
        "# kinerja.yaml — DRAF dari matriks Perjanjian Kinerja",
        f"# Dibuat oleh `kinerja impor-pk` dari {_komentar(matriks.name)}, lembar "
        f"{_komentar(lembar)!r}, judul kolom di baris {rentang}, pada {date.today():%d-%m-%Y}.",
        "#",
        "# Sebelum dipakai:",
        "#   1. Isi setiap baris bertanda '# ISI:' (nama satker, nama dan NIP pejabat, ketua tim).",
        "#   2. Periksa setiap baris bertanda '# PERIKSA:' (tebakan impor-pk); hapus tandanya",
        "#      bila sudah benar.",
        "#   3. Jalankan `kinerja cek`: setiap kesalahan disebut dengan nomor barisnya.",
        "# NIP ditulis dalam tanda kutip (18 angka) agar tidak dibaca sebagai angka.",
    ]
    if judul:
        out.append("#")
        out.append("# Judul di atas tabel matriks:")
        out.extend(f"#   {_komentar(j)}" for j in judul)
    out += [
        "",
        "versi: 1",
        "",
        "satker:",
        _baris_yaml('  nama: ""', "nama satuan kerja, mis. BPMP Provinsi Lampung", "ISI"),
        _baris_yaml('  kepala: {nama: "", nip: ""}', "nama dan NIP Kepala satker", "ISI"),
        _baris_yaml('  kasubbag_umum: {nama: "", nip: ""}', "nama dan NIP Kasubbag Umum", "ISI"),
        "",
        _baris_yaml(f"tahun: {tahun}", alasan_tahun),
        "",
        "pengumpulan:",
        "  batas_tanggal: 7          # batas pengumpulan: tanggal 7 bulan berikutnya (POS langkah 4)",
        "",
        "# Skala kategori capaian bawaan (PMK 62/2023 jo. PMK 107/2024) dipakai bila tidak ditulis.",
        "",
        "tim:",
    ]
    for t in tim:
        out.append(_baris_yaml(f"  - kode: {t.kode}", t.periksa.get("kode")))
        nama_isi = t.periksa.get("nama") if not t.nama else None
        out.append(
            _baris_yaml(f"    nama: {_kutip(t.nama)}", nama_isi, "ISI")
            if nama_isi
            else _baris_yaml(f"    nama: {_kutip(t.nama)}", t.periksa.get("nama"))
        )
        out.append(
            _baris_yaml('    ketua: {nama: "", nip: ""}', "nama dan NIP Ketua Tim Kerja", "ISI")
        )
        out.append("    # anggaran: {pagu: 0, rpd: [12 angka RPD bulanan]}   # bila tim punya pagu")
    out += ["", "sasaran:"]
    for s in sasaran:
        out.append(_baris_yaml(f"  - kode: {s.kode}", s.periksa.get("kode")))
        out.append(_baris_yaml(f"    uraian: {_kutip(s.uraian)}", s.periksa.get("uraian"), "ISI"))
        out.append("    indikator:")
        for i in s.indikator:
            p = i.periksa
            out.append(_baris_yaml(f"      - kode: {i.kode}", p.get("kode")))
            out.append(f"        uraian: {_kutip(i.uraian)}")
            out.append(_baris_yaml(f"        satuan: {_kutip(i.satuan)}", p.get("satuan")))
            out.append(_baris_yaml(f"        tim: {i.tim}", p.get("tim")))
            out.append(_baris_yaml(f"        arah: {i.arah}", p.get("arah")))
            out.append(_baris_yaml(f"        agregasi: {i.agregasi}", p.get("agregasi")))
            tanda_target = "ISI" if i.target is None else "PERIKSA"
            out.append(
                _baris_yaml(f"        target: {_format(i.target)}", p.get("target"), tanda_target)
            )
            tw = ", ".join(_format(v) for v in i.target_triwulan)
            tanda_tw = "ISI" if None in i.target_triwulan else "PERIKSA"
            out.append(
                _baris_yaml(f"        target_triwulan: [{tw}]", p.get("target_triwulan"), tanda_tw)
            )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- commands


def _tolak_timpa(tujuan: Path, timpa: bool, apa: str, masukan: Sequence[Path] = ()) -> bool:
    """The shared output rule (:func:`~.ruang_kerja.periksa_keluaran`) for ``apa``."""
    return periksa_keluaran(tujuan, timpa=timpa, masukan=masukan, opsi=apa)


def impor_pk(
    matriks: Path, keluaran: Path, timpa: bool = False, tahun: int | None = None
) -> HasilImporPk:
    """Read ``matriks`` and write the commented ``kinerja.yaml`` draft to ``keluaran``.

    Refuses (DitolakError, nothing written) when ``keluaran`` exists and ``timpa`` is
    not given, when the file is not a workbook, or when no indicator could be read."""
    _tolak_timpa(keluaran, timpa, "--keluaran", (matriks,))
    hasil = baca_matriks(matriks, tahun)
    if hasil.jumlah_indikator == 0:
        raise DitolakError(
            f"{matriks.name}: judul kolom ditemukan (lembar {hasil.lembar!r}, baris "
            f"{hasil.baris_kepala[0]}) tetapi tidak ada baris indikator yang bertarget; "
            "tidak ada yang ditulis.",
            "Isi baris indikator di bawah judul kolom (Indikator, Target …), lalu jalankan lagi.",
        )
    ditimpa = _tolak_timpa(keluaran, timpa, "--keluaran", (matriks,))
    try:
        tulis_atomik(keluaran, hasil.yaml)
    except OSError as exc:
        raise PenggunaanError(
            f"{keluaran} tidak dapat ditulis: {exc.strerror}.",
            "Periksa bahwa foldernya ada dan dapat ditulis.",
        ) from None
    return replace(hasil, keluaran=keluaran, ditimpa=ditimpa)


_PETUNJUK: tuple[str, ...] = (
    "Matriks Perjanjian Kinerja (PK) dan Rencana Aksi untuk `kinerja impor-pk`",
    "",
    "Isi lembar 'Matriks PK', satu baris per indikator, mulai di bawah judul kolom:",
    "  Kode: kode indikator, mis. IKK-1.1 (boleh kosong: dibuat otomatis).",
    "  Sasaran: uraian sasaran; cukup ditulis pada baris indikator pertamanya (boleh digabung/merge).",
    "  Indikator: uraian indikator kinerja.",
    "  Satuan: persen, dokumen, satuan pendidikan, hari, indeks …",
    "  Target Tahunan: target PK; angka cara Indonesia (1.234,5) atau dengan % (80%).",
    "  TW I – TW IV: target Rencana Aksi per triwulan (untuk kumulatif: akumulasi sampai triwulan itu).",
    "  Penanggung Jawab: nama tim kerja, mis. Tim Kerja Pemetaan Mutu Pendidikan.",
    "  Arah: naik (makin tinggi makin baik) atau turun (makin rendah makin baik).",
    "  Agregasi: kumulatif (dijumlah tiap bulan), terakhir (nilai akhir), atau rata-rata.",
    "",
    "Baris judul, baris kosong dan baris Jumlah/Total boleh ada; semuanya dilewati.",
    "Lalu jalankan:  kinerja impor-pk matriks-pk.xlsx --keluaran kinerja.yaml",
    "Hasilnya draf kinerja.yaml: isi nama dan NIP (# ISI), periksa tebakan (# PERIKSA),",
    "lalu jalankan `kinerja cek`.",
    "",
    "Contoh baris (jangan disalin ke lembar Matriks PK bila bukan indikator Anda):",
)
_CONTOH: tuple[Any, ...] = (
    "IKK-1.1",
    "Meningkatnya pemanfaatan data mutu pendidikan",
    "Persentase satuan pendidikan yang memanfaatkan Rapor Pendidikan",
    "persen",
    80,
    20,
    40,
    60,
    80,
    "Tim Kerja Pemetaan Mutu Pendidikan",
    "naik",
    "terakhir",
)


def tulis_templat_pk(berkas: Path, timpa: bool = False, tahun: int | None = None) -> Path:
    """Write a blank PK matrix to fill (sheet Matriks PK, and a Petunjuk sheet with an
    example row); refuses to replace an existing file without ``timpa``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .keluaran import tulis_sel

    if berkas.suffix.lower() != ".xlsx":
        raise PenggunaanError(
            f"Templat ditulis sebagai .xlsx, bukan {berkas.suffix or '(tanpa akhiran)'}.",
            "Beri nama berkas berakhiran .xlsx, mis. matriks-pk.xlsx.",
        )
    _tolak_timpa(berkas, timpa, "--templat")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = LEMBAR_TEMPLAT
    tebal = Font(bold=True)
    biru = PatternFill("solid", fgColor="1F4E78")
    judul = "MATRIKS PERJANJIAN KINERJA DAN RENCANA AKSI"
    tulis_sel(ws, 1, 1, f"{judul} TAHUN {tahun}" if tahun else judul).font = Font(
        bold=True, size=13
    )
    tulis_sel(ws, 2, 1, "Satuan kerja: ").font = tebal
    baris_kepala = 4
    for c, label in enumerate(JUDUL_TEMPLAT, start=1):
        sel = tulis_sel(ws, baris_kepala, c, label)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = biru
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for huruf_kolom, lebar in zip(
        "ABCDEFGHIJKL", (12, 40, 50, 14, 12, 8, 8, 8, 8, 32, 10, 12), strict=True
    ):
        ws.column_dimensions[huruf_kolom].width = lebar
    ws.freeze_panes = f"A{baris_kepala + 1}"
    akhir = baris_kepala + 300
    for c in range(2, 4):
        for r in range(baris_kepala + 1, akhir + 1):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    for kolom_huruf, pilihan, judul_dv in (
        ("K", "naik,turun", "Arah"),
        ("L", "kumulatif,terakhir,rata-rata", "Agregasi"),
    ):
        dv = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
        dv.promptTitle = judul_dv
        dv.prompt = f"Pilih: {pilihan.replace(',', ', ')}."
        dv.errorTitle = f"{judul_dv} tidak dikenal"
        dv.error = f"Pilih salah satu: {pilihan.replace(',', ', ')}."
        dv.showErrorMessage = True
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        dv.add(f"{kolom_huruf}{baris_kepala + 1}:{kolom_huruf}{akhir}")
    dv_angka = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    dv_angka.promptTitle = "Target"
    dv_angka.prompt = "Angka, mis. 80 atau 12,5 (persen ditulis 80, bukan 0,8)."
    dv_angka.errorTitle = "Bukan angka"
    dv_angka.error = "Target harus berupa angka 0 atau lebih."
    dv_angka.showErrorMessage = True
    dv_angka.showInputMessage = True
    ws.add_data_validation(dv_angka)
    dv_angka.add(f"E{baris_kepala + 1}:I{akhir}")

    petunjuk = wb.create_sheet(LEMBAR_PETUNJUK)
    for r, teks in enumerate(_PETUNJUK, start=1):
        tulis_sel(petunjuk, r, 1, teks).font = Font(bold=r == 1)
    r0 = len(_PETUNJUK) + 1
    for c, label in enumerate(JUDUL_TEMPLAT, start=1):
        tulis_sel(petunjuk, r0, c, label).font = tebal
        tulis_sel(petunjuk, r0 + 1, c, _CONTOH[c - 1])
    petunjuk.column_dimensions["A"].width = 14
    try:
        simpan_atomik(berkas, lambda jalur: wb.save(jalur))
    except OSError as exc:
        raise PenggunaanError(
            f"{berkas} tidak dapat ditulis: {exc.strerror}.",
            "Periksa bahwa foldernya ada dan dapat ditulis.",
        ) from None
    return berkas


_LABEL_SPESIFIKASI: tuple[tuple[str, str], ...] = (
    ("Sasaran Strategis", "sasaran"),
    ("Sasaran Kegiatan", "sasaran"),
    ("Indikator Kinerja", "indikator"),
    ("Tim Kerja", "tim"),
    ("Penanggung Jawab", "tim"),
    ("Penanggung Jawab (PJ)", "tim"),
    ("Kode Indikator", "kode"),
    ("Kode Sasaran", "kode_sasaran"),
    ("Polaritas", "arah"),
    ("Sifat", "agregasi"),
    ("Target s.d. TW II", "tw2"),
    ("Target Triwulan III", "tw3"),
)


def semua_label() -> Iterator[tuple[str, str]]:
    """(label, field) for every label variant recognised (SPEC section 14 and the usual
    spellings), as an office would type it."""
    yield from _LABEL_PERSIS.items()
    yield from _LABEL_SPESIFIKASI
    for awal in ("", "Target ", "Target 2022 "):
        for nama in ("TW", "Triwulan", "TW-", "Trw"):
            for i, romawi in enumerate(("I", "II", "III", "IV"), start=1):
                yield f"{awal}{nama} {romawi}", f"tw{i}"
                yield f"{awal}{nama} {i}", f"tw{i}"
    for label in ("Target", "Target Tahunan", "Target 2022", "Target PK", "Target Tahun 2022"):
        yield label, "target"


def _sel_persen(data: bytes, nama_lembar: str, sel: Sequence[str]) -> set[str]:
    """Cells of ``sel`` shown with a percent format (the reader's rule, one copy)."""
    try:
        return sel_persen(Wadah(data), nama_lembar, sel)
    except (ValueError, OSError, TerlaluBesar, CalamineError):
        return set()
