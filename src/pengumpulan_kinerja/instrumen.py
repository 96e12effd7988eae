"""buat-instrumen (POS step 3): one protected Excel instrument per work team.

The layout is the contract in :mod:`tata_letak`; ``himpun`` reads what this writes.
Every cell gets one of a few styles (:data:`GAYA`) built once per workbook and then
copied as a whole (one array copy per cell instead of a font, a fill, a border and a
protection looked up each), so writing stays close to the cost of plain openpyxl.

The values a team sees come from the configuration (targets, through :mod:`hitung`)
and from the ledger (``Realisasi s.d. Bulan Lalu``, budget realisation to last month).
``Realisasi s.d. Bulan Ini`` and ``Capaian (%)`` are formulas shown to the person
filling it in; ``himpun`` and ``analisis`` never trust them and recompute everything.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__, cetak, hitung, tata_letak
from .buku_besar import INDIKATOR_ANGGARAN, BukuBesar, pengguna_os, sekarang
from .galat import DitolakError, KinerjaError, PenggunaanError
from .keluaran import tulis_sel
from .konfigurasi import Indikator, Konfigurasi, Tim
from .periode import Periode, format_tanggal
from .ruang_kerja import RuangKerja, simpan_atomik

WARNA_ISIAN = "FFF2CC"
"""Light yellow: cells a team fills."""
WARNA_KEPALA = "1F4E78"
WARNA_TERKUNCI = "D9D9D9"
"""Grey: cells that do not apply to the indicator (locked, empty)."""
FORMAT_BULAT = "#,##0"
FORMAT_DESIMAL = "#,##0.00"


def format_desimal(desimal: int) -> str:
    """``#,##0`` for 0 decimals, ``#,##0.0`` for 1, ...: what an indicator's targets
    and realisations show (:attr:`Indikator.angka_desimal`); the value stays exact."""
    return FORMAT_BULAT + ("." + "0" * desimal if desimal > 0 else "")


FORMAT_PERSEN = "0.00"
FORMAT_RUPIAH = '"Rp" #,##0'
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_TEKS = "@"

LEBAR_CAPAIAN: dict[str, float] = {
    "A": 4,
    "B": 9,
    "C": 13,
    "D": 19,
    "E": 9.5,
    "F": 8,
    "G": 8,
    "H": 7,
    "I": 8.5,
    "J": 8.5,
    "K": 9.5,
    "L": 9,
    "M": 8.5,
    "N": 7,
    "O": 14,
    "P": 12,
    "Q": 12,
    "R": 9,
}
"""Column widths of the Capaian sheet, in characters of Arial 10 (:mod:`cetak`): all
eighteen columns fit one A4 landscape page at :data:`SKALA_CAPAIAN`. Text wraps in its
column; the sasaran is written once per group of indicators, in a merged cell. A
number column is widened when its values need it (a target in rupiah), and the sheet
then prints at the scale that still fits."""
SKALA_CAPAIAN = cetak.skala_muat(LEBAR_CAPAIAN.values(), cadangan=0.03)
"""Print scale of the Capaian sheet (80 % or more: 10-pt text prints at 8 pt or more)."""
UKURAN_KEPALA = 9
"""Font size of the Capaian header labels, so ``Kendala/Permasalahan`` fits its column."""
BARIS_ISIAN_MINIMUM = 3
"""Data rows are at least this many lines high, room for kendala and follow-up plans."""

_KOLOM: dict[str, int] = {
    nama: column_index_from_string(huruf) for huruf, _, nama in tata_letak.KOLOM_CAPAIAN
}
_HURUF: dict[str, str] = {nama: huruf for huruf, _, nama in tata_letak.KOLOM_CAPAIAN}
_KOLOM_TEKS_ISIAN: tuple[str, ...] = ("kendala", "upaya", "rtl", "bukti")
_EPOCH_EXCEL = date(1899, 12, 30)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RiwayatIndikator:
    """What the ledger knows of an indicator before the month: the realisation to last
    month (aggregated as configured) and in how many months a value was reported."""

    realisasi_lalu: float | None = None
    jumlah_bulan: int = 0


@dataclass(frozen=True)
class RiwayatTim:
    """A team's history before the month: per indicator, and its budget realisation."""

    indikator: Mapping[str, RiwayatIndikator]
    anggaran_lalu: float | None = None


@dataclass(frozen=True)
class InstrumenTertulis:
    """One instrument written: the team, the file, its number of indicators, and
    whether it carries the Anggaran sheet."""

    tim: str
    berkas: Path
    jumlah_indikator: int
    anggaran: bool


@dataclass(frozen=True)
class HasilBuatInstrumen:
    """What ``buat-instrumen`` did: the files written (in configuration order of the
    teams), the deadline, and which existing files were replaced."""

    periode: Periode
    batas: date
    instrumen: tuple[InstrumenTertulis, ...]
    ditimpa: tuple[str, ...] = ()

    @property
    def berkas(self) -> tuple[Path, ...]:
        return tuple(i.berkas for i in self.instrumen)

    @property
    def tim(self) -> tuple[str, ...]:
        return tuple(i.tim for i in self.instrumen)


def nama_berkas(kode_tim: str, periode: Periode) -> str:
    """``PM_2022-06.xlsx``."""
    return f"{kode_tim}_{periode.kode}.xlsx"


# --------------------------------------------------------------------------- ledger


def baca_riwayat(
    buku: BukuBesar, konfigurasi: Konfigurasi, periode: Periode, kode_tim: Iterable[str]
) -> dict[str, RiwayatTim]:
    """The history before ``periode`` of each team in ``kode_tim``, in one query.

    ``Realisasi s.d. Bulan Lalu`` is :func:`hitung.realisasi_sampai` over the current
    ``realisasi`` values of the earlier months of the same year (``himpun`` stores it
    for ratio indicators too, as 100 × p / q); the budget realisation to last month is
    the sum of the team's ``anggaran`` rows. Both are None when nothing was reported.
    """
    kode = list(dict.fromkeys(kode_tim))
    bulanan: dict[str, dict[str, dict[int, float]]] = {k: {} for k in kode}
    anggaran: dict[str, list[float]] = {k: [] for k in kode}
    if periode.bulan > 1 and kode:
        lalu = periode.sebelumnya
        assert lalu is not None
        for b in buku.nilai_kini(sampai=lalu.kode, kolom=("realisasi", "anggaran")):
            if b.tim not in bulanan or b.angka is None:
                continue
            bulan = int(b.periode[5:7])
            if b.kolom == "anggaran":
                if b.indikator == INDIKATOR_ANGGARAN:
                    anggaran[b.tim].append(float(b.angka))
            else:
                bulanan[b.tim].setdefault(b.indikator, {})[bulan] = float(b.angka)
    hasil: dict[str, RiwayatTim] = {}
    for k in kode:
        per_indikator: dict[str, RiwayatIndikator] = {}
        for ind in konfigurasi.indikator_tim(k):
            nilai = bulanan[k].get(ind.kode, {})
            per_indikator[ind.kode] = RiwayatIndikator(
                hitung.realisasi_sampai(ind, nilai, periode.bulan - 1), len(nilai)
            )
        hasil[k] = RiwayatTim(per_indikator, math.fsum(anggaran[k]) if anggaran[k] else None)
    return hasil


# --------------------------------------------------------------------------- styles

_TIPIS = Side(style="thin", color="A6A6A6")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ATAS = Alignment(vertical="top")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BUKA = Protection(locked=False)

G_JUDUL = "judul"
G_TEBAL = "tebal"
G_PARAGRAF = "paragraf"
G_KEPALA = "kepala"
G_KEPALA_ISIAN = "kepala-isian"
G_TEKS = "teks"
G_BULAT = "bulat"
G_DESIMAL = "desimal"
G_HITUNG = "hitung"
G_PERSEN = "persen"
G_ABU = "abu"
G_ISIAN_ANGKA = "isian-angka"
G_ISIAN_TEKS = "isian-teks"
G_ISIAN_RUPIAH = "isian-rupiah"
G_ISIAN_TANGGAL = "isian-tanggal"
G_LABEL = "label"
G_RUPIAH = "rupiah"
G_LEGENDA_ISIAN = "legenda-isian"


@dataclass(frozen=True)
class _Gaya:
    """A cell style: shared, never mutated style objects (None = the default)."""

    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    protection: Protection | None = None
    number_format: str | None = None


_KUNING = PatternFill("solid", fgColor=WARNA_ISIAN)
_ABU = PatternFill("solid", fgColor=WARNA_TERKUNCI)
_TEBAL = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True)
G_LABEL_BLOK = "label-blok"
G_SASARAN = "sasaran"

GAYA: dict[str, _Gaya] = {
    G_JUDUL: _Gaya(font=Font(name=cetak.HURUF, bold=True, size=13)),
    G_TEBAL: _Gaya(font=_TEBAL),
    G_LABEL_BLOK: _Gaya(font=_TEBAL, alignment=_BUNGKUS),
    G_PARAGRAF: _Gaya(alignment=_BUNGKUS),
    G_KEPALA: _Gaya(
        font=Font(name=cetak.HURUF, size=UKURAN_KEPALA, bold=True, color="FFFFFF"),
        fill=PatternFill("solid", fgColor=WARNA_KEPALA),
        border=_BINGKAI,
        alignment=_TENGAH,
    ),
    G_KEPALA_ISIAN: _Gaya(
        font=Font(name=cetak.HURUF, size=UKURAN_KEPALA, bold=True),
        fill=_KUNING,
        border=_BINGKAI,
        alignment=_TENGAH,
    ),
    G_SASARAN: _Gaya(border=_BINGKAI, alignment=_BUNGKUS),
    G_TEKS: _Gaya(border=_BINGKAI, alignment=_BUNGKUS),
    G_BULAT: _Gaya(border=_BINGKAI, alignment=_ATAS, number_format=FORMAT_BULAT),
    G_DESIMAL: _Gaya(border=_BINGKAI, alignment=_ATAS, number_format=FORMAT_DESIMAL),
    G_HITUNG: _Gaya(border=_BINGKAI, alignment=_ATAS),
    G_PERSEN: _Gaya(border=_BINGKAI, alignment=_ATAS, number_format=FORMAT_PERSEN),
    G_ABU: _Gaya(fill=_ABU, border=_BINGKAI),
    G_ISIAN_ANGKA: _Gaya(fill=_KUNING, border=_BINGKAI, alignment=_ATAS, protection=_BUKA),
    G_ISIAN_TEKS: _Gaya(
        fill=_KUNING,
        border=_BINGKAI,
        alignment=_BUNGKUS,
        protection=_BUKA,
        number_format=FORMAT_TEKS,
    ),
    G_ISIAN_RUPIAH: _Gaya(
        fill=_KUNING, border=_BINGKAI, protection=_BUKA, number_format=FORMAT_RUPIAH
    ),
    G_ISIAN_TANGGAL: _Gaya(
        fill=_KUNING,
        border=_BINGKAI,
        alignment=Alignment(horizontal="left"),
        protection=_BUKA,
        number_format=FORMAT_TANGGAL,
    ),
    G_LABEL: _Gaya(font=_TEBAL, border=_BINGKAI),
    G_RUPIAH: _Gaya(border=_BINGKAI, number_format=FORMAT_RUPIAH),
    G_LEGENDA_ISIAN: _Gaya(fill=_KUNING, border=_BINGKAI, alignment=_BUNGKUS),
    **{
        f"angka-{n}": _Gaya(border=_BINGKAI, alignment=_ATAS, number_format=format_desimal(n))
        for n in range(5)
    },
}
"""The styles of an instrument. Only the ``isian`` ones are unlocked. ``angka-N``
shows a number with N decimals (an indicator's :attr:`Indikator.angka_desimal`)."""


class _Penata:
    """Styles the cells of one workbook.

    The first cell of a style gets it attribute by attribute (each attribute is looked
    up in the workbook's style tables, which hashes the style object); every later cell
    copies that cell's style array, the way openpyxl documents copying a style. Cost
    per cell: one small array copy.
    """

    def __init__(self) -> None:
        self._contoh: dict[str, StyleArray] = {}

    def __call__(self, sel: Cell | MergedCell, nama: str) -> None:
        contoh = self._contoh.get(nama)
        if contoh is not None:
            # ``_style`` is not in the type stubs; openpyxl's docs copy styles this way
            sel._style = copy(contoh)  # type: ignore[union-attr]
            return
        g = GAYA[nama]
        if g.font is not None:
            sel.font = g.font
        if g.fill is not None:
            sel.fill = g.fill
        if g.border is not None:
            sel.border = g.border
        if g.alignment is not None:
            sel.alignment = g.alignment
        if g.protection is not None:
            sel.protection = g.protection
        if g.number_format is not None:
            sel.number_format = g.number_format
        self._contoh[nama] = copy(sel._style)  # type: ignore[union-attr]


def _gaya_angka(ind: Indikator) -> str:
    """The indicator's numbers with its decimals (display only; values stay exact)."""
    return f"angka-{min(4, ind.angka_desimal)}"


def _jumlah_baris(teks: str, lebar: float) -> int:
    return cetak.jumlah_baris(teks, lebar)


def _tinggi(baris: int) -> float:
    return cetak.tinggi_baris(baris)


# --------------------------------------------------------------------------- validation


def _teks_angka(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _validasi_angka(
    minimum: float | None, maksimum: float | None, judul: str, pesan: str
) -> DataValidation:
    """A decimal validation with an Indonesian input message and error message."""
    if minimum is not None and maksimum is not None:
        dv = DataValidation(
            type="decimal", operator="between", formula1=f"{minimum:g}", formula2=f"{maksimum:g}"
        )
        aturan = f"antara {_teks_angka(minimum)} dan {_teks_angka(maksimum)}"
    elif minimum is not None:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=f"{minimum:g}")
        aturan = f"paling kecil {_teks_angka(minimum)}"
    elif maksimum is not None:
        dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=f"{maksimum:g}")
        aturan = f"paling besar {_teks_angka(maksimum)}"
    else:
        dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
        aturan = "apa saja"
    dv.allow_blank = True
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    # Excel refuses titles over 32 and messages over 255 characters
    dv.promptTitle = judul[:32]
    dv.prompt = f"{pesan} Isi angka {aturan}."[:255]
    dv.errorTitle = "Isian harus angka"
    dv.error = (
        f"Isian harus berupa angka {aturan}. Tulis angka saja, tanpa satuan, tanda % atau teks."
    )[:255]
    return dv


def batas_isian(ind: Indikator) -> tuple[float | None, float | None]:
    """Bounds of a typed value: never negative unless ``batas.min`` says so, at most 100
    for a percentage, and within ``batas`` when configured."""
    minimum: float | None = 0.0
    maksimum: float | None = 100.0 if ind.persen else None
    if ind.batas is not None:
        if ind.batas.min is not None:
            minimum = ind.batas.min
        if ind.batas.maks is not None:
            maksimum = ind.batas.maks if maksimum is None else min(maksimum, ind.batas.maks)
    return minimum, maksimum


class _Validasi:
    """One DataValidation per distinct rule and message on a sheet, shared by the cells
    that follow it (titles and messages name no indicator, so rows share them)."""

    def __init__(self, lembar: Worksheet) -> None:
        self.lembar = lembar
        self.aturan: dict[tuple[float | None, float | None, str, str], DataValidation] = {}

    def tambah(
        self, sel: str, minimum: float | None, maksimum: float | None, judul: str, pesan: str
    ) -> None:
        kunci = (minimum, maksimum, judul, pesan)
        dv = self.aturan.get(kunci)
        if dv is None:
            dv = _validasi_angka(minimum, maksimum, judul, pesan)
            self.aturan[kunci] = dv
            self.lembar.add_data_validation(dv)
        dv.add(sel)


# --------------------------------------------------------------------------- formulas


def _rumus_realisasi_kini(ind: Indikator, baris: int, riwayat: RiwayatIndikator) -> str:
    """``Realisasi s.d. Bulan Ini`` as :func:`hitung.realisasi_sampai` computes it, and
    empty (never an error value) while nothing is known."""
    j, i = f"{_HURUF['realisasi']}{baris}", f"{_HURUF['realisasi_lalu']}{baris}"
    if ind.agregasi == "kumulatif":
        inti = f'IF(ISNUMBER({j}),N({i})+{j},IF(ISNUMBER({i}),{i},""))'
    elif ind.agregasi == "terakhir":
        inti = f'IF(ISNUMBER({j}),{j},IF(ISNUMBER({i}),{i},""))'
    elif riwayat.realisasi_lalu is None or riwayat.jumlah_bulan < 1:
        inti = f'IF(ISNUMBER({j}),{j},"")'
    else:
        n = riwayat.jumlah_bulan
        inti = f"IF(ISNUMBER({j}),({i}*{n}+{j})/{n + 1},{i})"
    return f'=IFERROR({inti},"")'


def _rumus_capaian(ind: Indikator, baris: int, maksimum: float | None) -> str:
    """``Capaian (%)`` of the month against ``Target Bulan Ini``, with the formula of the
    indicator's direction as :func:`hitung.capaian`: never below 0, capped, empty when
    the target is 0 or nothing is known."""
    m, h = f"{_HURUF['realisasi_kini']}{baris}", f"{_HURUF['target_bulan']}{baris}"

    def batasi(rumus: str) -> str:
        rumus = f"MAX(0,{rumus})"
        return f"MIN({maksimum:g},{rumus})" if maksimum is not None else rumus

    if ind.arah == "naik":
        inti = batasi(f"{m}*100/{h}")
    elif ind.rumus_turun == "selisih":
        inti = batasi(f"(2*{h}-{m})*100/{h}")
    else:
        nol = f"{maksimum:g}" if maksimum is not None else '""'
        inti = f"IF({m}=0,{nol},{batasi(f'{h}*100/{m}')})"
    return f'=IFERROR(IF(AND(ISNUMBER({m}),N({h})<>0),{inti},""),"")'


def _rumus_rasio(baris: int) -> str:
    k, ll = f"{_HURUF['pembilang']}{baris}", f"{_HURUF['penyebut']}{baris}"
    return f'=IF(AND(ISNUMBER({k}),ISNUMBER({ll}),{ll}<>0),100*{k}/{ll},"")'


# --------------------------------------------------------------------------- sheets


def _lindungi(ws: Worksheet) -> None:
    """Protect the sheet without a password; formatting rows and columns stays allowed
    (a team may need a taller row for a long kendala)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


def _cetak_a4(
    ws: Worksheet, kaki: str, baris_judul: str | None = None, skala: int | None = None
) -> None:
    """A4 landscape, page numbers, ``baris_judul`` repeated; fitted to the page's width,
    or at ``skala`` (the Capaian sheet, whose columns are made to fit at it; No and
    Kode are then repeated on the left should a program still need a second page)."""
    cetak.siapkan_cetak(
        ws,
        baris_judul=baris_judul,
        kolom_judul="A:B" if skala is not None else None,
        skala=skala,
        kaki=kaki,
    )


def _blok_kepala(ws: Worksheet, k: _Konteks, judul: str, gabung_label: bool = False) -> None:
    """Title in A1, then the header block: labels in column A, values in column C.

    With ``gabung_label`` (the Capaian sheet, whose columns A and B are narrow) each
    label is merged over A:B and wraps there; B stays empty, as readers of the block
    expect (a label's value is the next cell with text)."""
    k.sel(ws, 1, 1, judul, G_JUDUL)
    kolom_label = column_index_from_string(tata_letak.KOLOM_LABEL_BLOK)
    kolom_nilai = column_index_from_string(tata_letak.KOLOM_NILAI_BLOK)
    for n, (label, isi) in enumerate(zip(tata_letak.BLOK_KEPALA, k.blok, strict=True)):
        baris = tata_letak.BARIS_BLOK_KEPALA + n
        k.sel(ws, baris, kolom_label, label, G_LABEL_BLOK if gabung_label else G_TEBAL)
        if gabung_label and kolom_nilai - kolom_label > 1:
            ws.merge_cells(
                start_row=baris,
                start_column=kolom_label,
                end_row=baris,
                end_column=kolom_nilai - 1,
            )
        tulis_sel(ws, baris, kolom_nilai, isi)
        if gabung_label:
            lebar = sum(
                LEBAR_CAPAIAN[get_column_letter(c)] for c in range(kolom_label, kolom_nilai)
            )
            # a bold letter is about 0.9 of a column character
            if len(label) * 0.9 > lebar:
                ws.row_dimensions[baris].height = _tinggi(cetak.jumlah_baris(label, lebar))


@dataclass(frozen=True)
class _Konteks:
    """What every sheet of one instrument shares."""

    konfigurasi: Konfigurasi
    tim: Tim
    periode: Periode
    indikator: tuple[Indikator, ...]
    gaya: _Penata = field(default_factory=_Penata)

    def sel(
        self, ws: Worksheet, baris: int, kolom: int, nilai: object, gaya: str | None = None
    ) -> None:
        """Write a value (strings as inert text) and style the cell."""
        sel = tulis_sel(ws, baris, kolom, nilai) if nilai is not None else ws.cell(baris, kolom)
        if gaya is not None:
            self.gaya(sel, gaya)

    def rumus(self, ws: Worksheet, baris: int, kolom: int, rumus: str, gaya: str) -> None:
        """Write a formula (our own text, never a team's) and style the cell."""
        self.gaya(ws.cell(row=baris, column=kolom, value=rumus), gaya)

    @property
    def batas(self) -> str:
        return format_tanggal(self.periode.batas(self.konfigurasi.batas_tanggal))

    @property
    def blok(self) -> tuple[str, ...]:
        return (
            self.konfigurasi.satker.nama,
            self.tim.kode,
            self.tim.nama,
            self.tim.ketua.nama,
            self.periode.label,
            self.batas,
        )

    @property
    def kaki(self) -> str:
        return f"{self.tim.kode} · {self.periode.label} · {self.konfigurasi.satker.nama}"


def _daftar_kode(indikator: Iterable[Indikator]) -> str:
    return ", ".join(i.kode for i in indikator)


def _lembar_petunjuk(ws: Worksheet, k: _Konteks) -> None:
    ws.title = tata_letak.LEMBAR_PETUNJUK
    ws.sheet_view.showGridLines = False
    kontak = k.konfigurasi.tim_sakip
    if kontak is not None:
        tanya = kontak.nama + (f" ({kontak.kontak})" if kontak.kontak else "")
    else:
        tanya = f"Tim SAKIP {k.konfigurasi.satker.nama}"
    kumulatif = [i for i in k.indikator if i.agregasi == "kumulatif" and not i.rasio]
    rasio = [i for i in k.indikator if i.rasio]
    bukti = [i for i in k.indikator if i.wajib_bukti]
    langkah = [
        "Buka lembar Capaian. Setiap baris adalah satu indikator kinerja tim Anda; target "
        "tahunan, triwulan dan bulan ini serta realisasi s.d. bulan lalu sudah terisi.",
        "Isi hanya sel berwarna kuning. Sel lain terkunci; jangan menambah, menghapus atau "
        "memindahkan baris, kolom dan lembar.",
        "Realisasi Bulan Ini: untuk indikator kumulatif isi tambahan bulan ini saja, bukan "
        "jumlah sejak Januari; untuk indikator lain isi nilai bulan ini. Klik sel untuk "
        "melihat keterangannya."
        + (f" Indikator kumulatif tim ini: {_daftar_kode(kumulatif)}." if kumulatif else ""),
    ]
    if rasio:
        langkah.append(
            f"Untuk {_daftar_kode(rasio)} isi Pembilang dan Penyebut; Realisasi Bulan Ini "
            "dihitung otomatis (100 × Pembilang ÷ Penyebut)."
        )
    langkah += [
        "Tulis angka saja, tanpa satuan, tanda % atau teks (mis. 85 atau 12,5). Indikator "
        "persen diisi 0 sampai 100.",
        "Bila realisasi di bawah target, isi Kendala/Permasalahan, Upaya/Solusi dan Rencana "
        "Tindak Lanjut.",
        "Bukti Dukung: tautan atau nama dokumen pendukung"
        + (f"; wajib untuk {_daftar_kode(bukti)}." if bukti else "."),
    ]
    if k.tim.anggaran is not None:
        langkah.append(
            "Lembar Anggaran: isi Realisasi Bulan Ini (Rp), yaitu realisasi anggaran tim "
            "bulan ini dalam rupiah."
        )
    langkah += [
        "Lembar Pengesahan: isi nama pengisi, jabatan dan tanggal pengisian.",
        "Simpan (boleh .xlsx, .xls atau .ods; nama berkas boleh diubah), lalu kirim kembali "
        f"kepada Tim SAKIP melalui surel atau pesan paling lambat {k.batas}.",
        "Realisasi s.d. Bulan Ini dan Capaian (%) hanya bantuan tampilan; Tim SAKIP "
        "menghitung ulang semuanya dari isian Anda.",
    ]
    isi: list[tuple[str, str | None]] = [
        ("PETUNJUK PENGISIAN INSTRUMEN CAPAIAN KINERJA", G_JUDUL),
        (f"{k.konfigurasi.satker.nama} · {k.tim.nama} ({k.tim.kode}) · {k.periode.label}", G_TEBAL),
        ("", None),
        (f"Batas pengumpulan: {k.batas}.", G_TEBAL),
        ("", None),
        ("Cara mengisi:", G_TEBAL),
        *((f"{n}. {teks}", G_PARAGRAF) for n, teks in enumerate(langkah, start=1)),
        ("", None),
        ("Keterangan warna:", G_TEBAL),
        ("Kuning: diisi oleh tim kerja.", G_LEGENDA_ISIAN),
        ("Abu-abu: tidak berlaku untuk indikator itu.", G_ABU),
        (
            "Putih: terisi dari konfigurasi dan buku besar, atau dihitung otomatis.",
            G_TEKS,
        ),
        ("", None),
        (f"Pertanyaan: {tanya}.", G_PARAGRAF),
    ]
    lebar = 110.0
    ws.column_dimensions["A"].width = lebar
    for n, (teks, gaya) in enumerate(isi, start=1):
        if teks or gaya:
            k.sel(ws, n, 1, teks, gaya)
        if gaya == G_PARAGRAF and len(teks) > lebar:
            ws.row_dimensions[n].height = _tinggi(_jumlah_baris(teks, lebar))
    _cetak_a4(ws, k.kaki)
    _lindungi(ws)


def _kelompok_sasaran(indikator: Sequence[Indikator]) -> list[tuple[int, int]]:
    """(first, last) positions of each run of consecutive indicators of one sasaran."""
    kelompok: list[tuple[int, int]] = []
    for n, ind in enumerate(indikator):
        if kelompok and indikator[kelompok[-1][0]].sasaran == ind.sasaran:
            kelompok[-1] = (kelompok[-1][0], n)
        else:
            kelompok.append((n, n))
    return kelompok


def _lembar_capaian(ws: Worksheet, k: _Konteks, riwayat: Mapping[str, RiwayatIndikator]) -> None:
    """The Capaian sheet, laid out for A4 landscape at :data:`SKALA_CAPAIAN`.

    One row per indicator, matched by its ``Kode`` on reading. The sasaran's text is
    written in the first row of its indicators, the following rows name only its code,
    so the long text is printed once and narrow (readers ignore column C). No cell is
    merged: rows stay independent, as a program moving or sorting them needs."""
    _blok_kepala(ws, k, tata_letak.JUDUL_CAPAIAN, gabung_label=True)
    kepala = tata_letak.BARIS_KEPALA
    lebar_kepala = 0
    for huruf, label, nama in tata_letak.KOLOM_CAPAIAN:
        gaya = G_KEPALA_ISIAN if nama in tata_letak.KOLOM_ISIAN else G_KEPALA
        k.sel(ws, kepala, _KOLOM[nama], label, gaya)
        lebar_kepala = max(
            lebar_kepala, cetak.jumlah_baris(label, LEBAR_CAPAIAN[huruf] * 10 / 9, tebal=True)
        )
    ws.row_dimensions[kepala].height = cetak.tinggi_baris(lebar_kepala, UKURAN_KEPALA) + 4
    validasi = _Validasi(ws)
    uraian_sasaran = {s.kode: s.uraian for s in k.konfigurasi.sasaran}
    lebar_teks = {nama: LEBAR_CAPAIAN[_HURUF[nama]] for nama in ("indikator", "satuan")}
    lebar_sasaran = LEBAR_CAPAIAN[_HURUF["sasaran"]]
    maksimum = k.konfigurasi.capaian_maksimum
    bulan = k.periode.bulan
    c = _KOLOM
    garis_baris: list[int] = []
    for n, ind in enumerate(k.indikator):
        r = tata_letak.BARIS_DATA_PERTAMA + n
        lalu = riwayat.get(ind.kode, RiwayatIndikator())
        teks = {"indikator": ind.uraian, "satuan": ind.satuan}
        k.sel(ws, r, c["no"], n + 1, G_BULAT)
        k.sel(ws, r, c["kode"], ind.kode, G_TEKS)
        k.sel(ws, r, c["sasaran"], None, G_SASARAN)
        for nama, isi in teks.items():
            k.sel(ws, r, c[nama], isi, G_TEKS)
        target_triwulan = hitung.target_triwulan(ind, bulan)
        target_bulan = hitung.target_bulan(ind, bulan)
        gaya_angka = _gaya_angka(ind)
        k.sel(ws, r, c["target_tahunan"], ind.target, gaya_angka)
        k.sel(ws, r, c["target_triwulan"], target_triwulan, gaya_angka)
        k.sel(ws, r, c["target_bulan"], target_bulan, gaya_angka)
        k.sel(ws, r, c["realisasi_lalu"], lalu.realisasi_lalu, gaya_angka)
        minimum, maks_isian = batas_isian(ind)
        if ind.rasio:
            k.rumus(ws, r, c["realisasi"], _rumus_rasio(r), G_PERSEN)
            for nama, label, keterangan in (
                ("pembilang", "Pembilang", ind.pembilang),
                ("penyebut", "Penyebut", ind.penyebut),
            ):
                k.sel(ws, r, c[nama], None, G_ISIAN_ANGKA)
                validasi.tambah(
                    f"{_HURUF[nama]}{r}",
                    0.0,
                    None,
                    label,
                    f"{label}: {keterangan}.",
                )
        else:
            k.sel(ws, r, c["realisasi"], None, G_ISIAN_ANGKA)
            arti = (
                "Tambahan bulan ini saja, bukan jumlah sejak Januari."
                if ind.agregasi == "kumulatif"
                else "Nilai bulan ini."
            )
            validasi.tambah(
                f"{_HURUF['realisasi']}{r}",
                minimum,
                maks_isian,
                "Realisasi Bulan Ini",
                f"{arti} Satuan: {ind.satuan}.",
            )
            k.sel(ws, r, c["pembilang"], None, G_ABU)
            k.sel(ws, r, c["penyebut"], None, G_ABU)
        k.rumus(ws, r, c["realisasi_kini"], _rumus_realisasi_kini(ind, r, lalu), gaya_angka)
        k.rumus(ws, r, c["capaian"], _rumus_capaian(ind, r, maksimum), G_PERSEN)
        for nama in _KOLOM_TEKS_ISIAN:
            k.sel(ws, r, c[nama], None, G_ISIAN_TEKS)
        garis_baris.append(
            max(BARIS_ISIAN_MINIMUM, *(_jumlah_baris(teks[x], lebar_teks[x]) for x in lebar_teks))
        )
    for awal, akhir in _kelompok_sasaran(k.indikator):
        kode_sasaran = k.indikator[awal].sasaran
        sasaran = f"{kode_sasaran} — {uraian_sasaran.get(kode_sasaran, '')}".rstrip(" —")
        for n in range(awal, akhir + 1):
            isi = sasaran if n == awal else kode_sasaran
            k.sel(ws, tata_letak.BARIS_DATA_PERTAMA + n, c["sasaran"], isi, G_SASARAN)
            garis_baris[n] = max(garis_baris[n], _jumlah_baris(isi, lebar_sasaran))
    for n, garis in enumerate(garis_baris):
        ws.row_dimensions[tata_letak.BARIS_DATA_PERTAMA + n].height = _tinggi(garis)
    lebar_kolom = dict(LEBAR_CAPAIAN)
    for nama in ("target_tahunan", "target_triwulan", "target_bulan", "realisasi_lalu"):
        huruf = _HURUF[nama]
        for n, ind in enumerate(k.indikator):
            sel = ws[f"{huruf}{tata_letak.BARIS_DATA_PERTAMA + n}"]
            lebar_kolom[huruf] = max(
                lebar_kolom[huruf], cetak.lebar_isi(sel.value, format_desimal(ind.angka_desimal))
            )
    for huruf, lebar in lebar_kolom.items():
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = f"C{tata_letak.BARIS_DATA_PERTAMA}"
    skala = min(SKALA_CAPAIAN, cetak.skala_muat(lebar_kolom.values(), cadangan=0.03))
    _cetak_a4(ws, k.kaki, f"{kepala}:{kepala}", skala=skala)
    _lindungi(ws)


def _lembar_anggaran(ws: Worksheet, k: _Konteks, anggaran_lalu: float | None) -> None:
    anggaran = k.tim.anggaran
    assert anggaran is not None
    _blok_kepala(ws, k, "REALISASI ANGGARAN TIM KERJA")
    r = {nama: baris for baris, _, nama in tata_letak.BARIS_ANGGARAN}
    lalu, kini, pagu, total = (
        f"{tata_letak.KOLOM_NILAI_ANGGARAN}{r[x]}"
        for x in ("anggaran_lalu", "anggaran", "pagu", "anggaran_kini")
    )
    tetap: dict[str, object] = {
        "pagu": anggaran.pagu,
        "rpd_kini": anggaran.rpd_sampai(k.periode.bulan),
        "anggaran_lalu": anggaran_lalu,
        "anggaran_kini": f'=IFERROR(IF(AND({lalu}="",{kini}=""),"",N({lalu})+N({kini})),"")',
        "penyerapan": f'=IFERROR(IF(AND(ISNUMBER({total}),N({pagu})<>0),{total}*100/{pagu},""),"")',
    }
    kolom_label = column_index_from_string(tata_letak.KOLOM_LABEL_ANGGARAN)
    kolom_nilai = column_index_from_string(tata_letak.KOLOM_NILAI_ANGGARAN)
    for baris, label, nama in tata_letak.BARIS_ANGGARAN:
        k.sel(ws, baris, kolom_label, label, G_LABEL)
        if nama == "anggaran":
            k.sel(ws, baris, kolom_nilai, None, G_ISIAN_RUPIAH)
            dv = _validasi_angka(
                0.0,
                None,
                "Realisasi anggaran",
                "Realisasi anggaran tim bulan ini dalam rupiah (angka saja, tanpa Rp).",
            )
            ws.add_data_validation(dv)
            dv.add(f"{tata_letak.KOLOM_NILAI_ANGGARAN}{baris}")
        else:
            gaya = G_PERSEN if nama == "penyerapan" else G_RUPIAH
            isi = tetap[nama]
            if isinstance(isi, str):
                k.rumus(ws, baris, kolom_nilai, isi, gaya)
            else:
                k.sel(ws, baris, kolom_nilai, isi, gaya)
    akhir = max(b for b, _, _ in tata_letak.BARIS_ANGGARAN)
    k.sel(
        ws,
        akhir + 2,
        kolom_label,
        "Isi hanya sel kuning. Pagu dan RPD dari konfigurasi; realisasi s.d. bulan lalu dari "
        "data yang sudah dihimpun Tim SAKIP.",
        None,
    )
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 2
    ws.column_dimensions["C"].width = 26
    _cetak_a4(ws, k.kaki)
    _lindungi(ws)


def _lembar_pengesahan(ws: Worksheet, k: _Konteks) -> None:
    k.sel(ws, 1, 1, "PENGESAHAN PENGISIAN", G_JUDUL)
    nip = f" (NIP {k.tim.ketua.nip})" if k.tim.ketua.nip else ""
    tulis_sel(ws, 2, 1, f"Ketua {k.tim.nama}: {k.tim.ketua.nama}{nip}")
    kolom_label = column_index_from_string(tata_letak.KOLOM_LABEL_PENGESAHAN)
    kolom_nilai = column_index_from_string(tata_letak.KOLOM_NILAI_PENGESAHAN)
    huruf = tata_letak.KOLOM_NILAI_PENGESAHAN
    for baris, label, nama in tata_letak.BARIS_PENGESAHAN:
        k.sel(ws, baris, kolom_label, label, G_LABEL)
        if nama != "tanggal_pengisian":
            k.sel(ws, baris, kolom_nilai, None, G_ISIAN_TEKS)
            continue
        k.sel(ws, baris, kolom_nilai, None, G_ISIAN_TANGGAL)
        awal = date(k.periode.tahun, k.periode.bulan, 1)
        akhir = date(k.periode.tahun + 1, 12, 31)
        dv = DataValidation(
            type="date",
            operator="between",
            formula1=str((awal - _EPOCH_EXCEL).days),
            formula2=str((akhir - _EPOCH_EXCEL).days),
        )
        dv.allow_blank = True
        dv.showInputMessage = dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.promptTitle = "Tanggal pengisian"
        dv.prompt = "Tanggal instrumen ini diisi (hari/bulan/tahun), mis. 5/7/2022."
        dv.errorTitle = "Isian harus tanggal"
        dv.error = (
            f"Isi tanggal yang sah, tidak sebelum {format_tanggal(awal, hari=False)} "
            "(hari/bulan/tahun)."
        )
        ws.add_data_validation(dv)
        dv.add(f"{huruf}{baris}")
    akhir_baris = max(b for b, _, _ in tata_letak.BARIS_PENGESAHAN)
    tulis_sel(
        ws,
        akhir_baris + 2,
        kolom_label,
        "Isi sebelum instrumen dikirim kembali kepada Tim SAKIP.",
    )
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 2
    ws.column_dimensions["C"].width = 44
    _cetak_a4(ws, k.kaki)
    _lindungi(ws)


def _lembar_meta(wb: Workbook, meta: Mapping[str, str]) -> None:
    """The hidden metadata sheet (values as text) and the same keys as string custom
    document properties ``kinerja_<key>``: both survive LibreOffice."""
    ws = wb.create_sheet(tata_letak.LEMBAR_META)
    for baris, kunci in enumerate(tata_letak.META_KUNCI, start=1):
        tulis_sel(ws, baris, 1, kunci)
        tulis_sel(ws, baris, 2, meta[kunci]).number_format = FORMAT_TEKS
        properti = StringProperty(name=f"kinerja_{kunci}", value=meta[kunci])
        wb.custom_doc_props.append(properti)  # type: ignore[attr-defined]
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 36
    ws.sheet_state = "hidden"
    _lindungi(ws)


def tulis_instrumen(
    konfigurasi: Konfigurasi,
    periode: Periode,
    kode_tim: str,
    tujuan: Path,
    realisasi_lalu: Mapping[str, float | None] | None = None,
    anggaran_lalu: float | None = None,
    *,
    riwayat: Mapping[str, RiwayatIndikator] | None = None,
) -> Path:
    """Write one team's instrument to ``tujuan`` (atomically); no ledger access.

    ``realisasi_lalu`` (indicator code → value) fills ``Realisasi s.d. Bulan Lalu``;
    codes missing or None stay empty. ``riwayat`` (from :func:`baca_riwayat`) says
    the same and also how many months were reported, which the ``rata-rata`` formula
    of ``Realisasi s.d. Bulan Ini`` needs; without it one earlier month is assumed.
    """
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"Periode {periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. {konfigurasi.tahun}-06.",
        )
    tim = konfigurasi.cari_tim(kode_tim)
    if tim is None:
        raise PenggunaanError(
            f"Tim {kode_tim!r} tidak ada di konfigurasi.",
            f"Pilih salah satu: {', '.join(t.kode for t in konfigurasi.tim)}.",
        )
    indikator = konfigurasi.indikator_tim(kode_tim)
    if not indikator:
        raise PenggunaanError(
            f"Tim {kode_tim} tidak memiliki indikator; tidak ada instrumen untuknya.",
            "Tetapkan indikator untuk tim itu di kinerja.yaml (kunci `tim` pada indikator).",
        )
    if riwayat is None:
        riwayat = {
            kode: RiwayatIndikator(nilai, 0 if nilai is None else 1)
            for kode, nilai in (realisasi_lalu or {}).items()
        }
    k = _Konteks(konfigurasi, tim, periode, indikator)
    wb = Workbook()
    cetak.pakai_huruf_dasar(wb)
    pertama = wb.active
    assert pertama is not None
    _lembar_petunjuk(pertama, k)
    _lembar_capaian(wb.create_sheet(tata_letak.LEMBAR_CAPAIAN), k, riwayat)
    if tim.anggaran is not None:
        _lembar_anggaran(wb.create_sheet(tata_letak.LEMBAR_ANGGARAN), k, anggaran_lalu)
    _lembar_pengesahan(wb.create_sheet(tata_letak.LEMBAR_PENGESAHAN), k)
    _lembar_meta(
        wb,
        {
            "format_versi": str(tata_letak.FORMAT_VERSI),
            "instrumen_id": uuid.uuid4().hex,
            "tim": tim.kode,
            "periode": periode.kode,
            "versi_alat": __version__,
            "sidik_jari": konfigurasi.sidik_jari_tim(tim.kode),
            "dibuat": sekarang().isoformat(timespec="seconds"),
        },
    )
    wb.active = 1
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"Instrumen capaian kinerja {tim.kode} {periode.label}"
    wb.properties.subject = f"{konfigurasi.satker.nama} · {tim.nama}"
    wb.properties.creator = f"kinerja {__version__}"
    return simpan_atomik(tujuan, lambda jalur: wb.save(jalur))


# --------------------------------------------------------------------------- command


def _pilih_tim(konfigurasi: Konfigurasi, tim: str | None) -> tuple[Tim, ...]:
    berindikator = konfigurasi.tim_berindikator()
    if tim is None:
        return berindikator
    cocok = [t for t in berindikator if t.kode == tim] or [
        t for t in berindikator if t.kode.casefold() == tim.strip().casefold()
    ]
    if len(cocok) == 1:
        return (cocok[0],)
    dikenal = ", ".join(t.kode for t in berindikator)
    ada = konfigurasi.cari_tim(tim) is not None
    raise PenggunaanError(
        f"Tim {tim!r} tidak memiliki indikator."
        if ada
        else f"Tim {tim!r} tidak dikenal di konfigurasi.",
        f"Pilih salah satu tim yang memiliki indikator: {dikenal}.",
    )


def buat_instrumen(
    ruang: RuangKerja,
    periode: Periode,
    tim: str | None = None,
    timpa: bool = False,
    oleh: str | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
) -> HasilBuatInstrumen:
    """Write the instruments of ``periode`` for every team that owns indicators (or the
    one team ``tim``) and record POS step 3 in the ledger.

    Refuses, writing nothing, when an instrument already exists and ``timpa`` is
    false. ``kemajuan(done, total)`` is called after each file.
    """
    konfigurasi = ruang.konfigurasi
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"Periode {periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. {konfigurasi.tahun}-06.",
        )
    daftar_tim = _pilih_tim(konfigurasi, tim)
    folder = ruang.folder_instrumen(periode)
    tujuan = {t.kode: folder / nama_berkas(t.kode, periode) for t in daftar_tim}
    sudah_ada = tuple(p.name for p in tujuan.values() if p.exists())
    if sudah_ada and not timpa:
        raise DitolakError(
            f"{len(sudah_ada)} instrumen {periode.label} sudah ada di "
            f"{ruang.relatif(folder)}: {', '.join(sudah_ada)}. Tidak ada yang ditulis.",
            "Tambahkan --timpa untuk menulis ulang (berkas lama diganti), atau pilih tim "
            "lain dengan --tim KODE.",
        )
    mulai = sekarang()
    tertulis: list[InstrumenTertulis] = []
    with ruang.buka_buku_besar() as buku:
        riwayat = baca_riwayat(buku, konfigurasi, periode, tujuan)
        for n, t in enumerate(daftar_tim, start=1):
            try:
                tulis_instrumen(
                    konfigurasi,
                    periode,
                    t.kode,
                    tujuan[t.kode],
                    anggaran_lalu=riwayat[t.kode].anggaran_lalu,
                    riwayat=riwayat[t.kode].indikator,
                )
            except OSError as exc:
                raise KinerjaError(
                    f"Instrumen {ruang.relatif(tujuan[t.kode])} tidak dapat ditulis: "
                    f"{exc.strerror or exc}.",
                    "Periksa izin tulis folder instrumen dan sisa ruang disk, lalu ulangi "
                    "dengan --timpa.",
                ) from None
            tertulis.append(
                InstrumenTertulis(
                    t.kode,
                    tujuan[t.kode],
                    len(konfigurasi.indikator_tim(t.kode)),
                    t.anggaran is not None,
                )
            )
            if kemajuan is not None:
                kemajuan(n, len(daftar_tim))
        with buku.transaksi():
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=3,
                aksi="buat-instrumen",
                oleh=oleh or pengguna_os(),
                mulai=mulai,
                selesai=sekarang(),
                rincian={
                    "tim": [i.tim for i in tertulis],
                    "berkas": [i.berkas.name for i in tertulis],
                    "folder": ruang.relatif(folder),
                    "ditimpa": list(sudah_ada),
                },
            )
    return HasilBuatInstrumen(
        periode=periode,
        batas=periode.batas(konfigurasi.batas_tanggal),
        instrumen=tuple(tertulis),
        ditimpa=sudah_ada,
    )
