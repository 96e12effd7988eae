"""Writing the analysis: ``analisis-PERIODE.xlsx``, ``.html`` and ``capaian-PERIODE.csv``.

Text a team typed goes through :mod:`keluaran` (inert in xlsx and CSV) and Jinja2's
autoescaping (HTML; the charts are SVG drawn by the template from geometry computed
here, so nothing is marked safe). Numbers in the HTML use Indonesian formats; the
xlsx keeps numbers as numbers, with format codes that Excel and LibreOffice show in
the reader's locale (``#,##0.00`` appears as ``1.234,50`` on an Indonesian system);
the CSV is for machines (dot decimals).

The three files are rendered in memory first and then each written under a
temporary name and renamed, so a failure never leaves a half-written report.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__, cetak
from .angka import format_angka, format_persen, format_rupiah
from .hasil_analisis import (
    KOLOM_CSV,
    TANDA,
    TANDA_SINGKAT,
    HasilAnalisis,
    rekaman,
    singkatan_bulan,
)
from .keluaran import teks_csv, tulis_sel
from .periode import format_tanggal, format_waktu
from .ruang_kerja import tulis_atomik
from .templat import lingkungan
from .temuan import KOLOM_EKSPOR

WARNA_KATEGORI: dict[str, str] = {
    "Sangat Baik": "1E8449",
    "Baik": "82E0AA",
    "Cukup": "F7DC6F",
    "Kurang": "F0B27A",
    "Sangat Kurang": "E74C3C",
}
"""Fill colour of each default category (RGB hex)."""
_CADANGAN = ("1E8449", "82E0AA", "F7DC6F", "F0B27A", "E74C3C", "A93226", "7B241C")
_HURUF_GELAP = {"1E8449", "E74C3C", "A93226", "7B241C"}

FORMAT_BULAT = "#,##0"
FORMAT_DESIMAL = "#,##0.00"
FORMAT_PERSEN = "#,##0.00"
FORMAT_RUPIAH = '"Rp" #,##0'
FORMAT_WAKTU = "dd-mm-yyyy hh:mm"

_TEBAL = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True)
_MERAH = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True, color="B03A2E")
_KEPALA = PatternFill("solid", fgColor="1F4E78")
_HURUF_KEPALA = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True, color="FFFFFF")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_ATAS = Alignment(vertical="top")
_ATAS_KANAN = Alignment(horizontal="right", vertical="top")
_JUDUL_KOLOM = Alignment(wrap_text=True, vertical="center")


def warna_kategori(hasil: HasilAnalisis) -> dict[str, str]:
    """Colour per category label (a configured scale gets the palette in order)."""
    return {
        kat.label: WARNA_KATEGORI.get(kat.label, _CADANGAN[min(k, len(_CADANGAN) - 1)])
        for k, kat in enumerate(hasil.konfigurasi.kategori)
    }


def nama_tren(hasil: HasilAnalisis) -> str:
    """``Tren Jan..Jun``: the trend sheet's name as SPEC section 7 writes it.

    Excel forbids only ``: \\ / ? * [ ]`` (and names over 31 characters) in sheet
    names; dots are legal, in Excel as in LibreOffice.
    """
    return f"Tren Jan..{singkatan_bulan(hasil.periode.bulan)}"


def _isi(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        return _isi(v.item())
    if isinstance(v, datetime):
        return v.replace(tzinfo=None)
    return v


# --------------------------------------------------------------------------- CSV


def _angka_csv(v: Any) -> str:
    v = _isi(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int | float):
        if float(v).is_integer():
            return str(int(v))
        return f"{float(v):.4f}".rstrip("0").rstrip(".")
    return str(v)


def teks_csv_capaian(hasil: HasilAnalisis) -> str:
    """``capaian-PERIODE.csv``: UTF-8, comma-separated, dot decimals, :data:`KOLOM_CSV`."""
    keluar = io.StringIO()
    penulis = csv.writer(keluar, lineterminator="\n")
    penulis.writerow(KOLOM_CSV)
    for baris in hasil.baris_csv():
        penulis.writerow(
            [
                teks_csv(baris[k]) if isinstance(baris[k], str) else _angka_csv(baris[k])
                for k in KOLOM_CSV
            ]
        )
    return keluar.getvalue()


# --------------------------------------------------------------------------- xlsx


@dataclass(frozen=True, eq=False)
class Kolom:
    """One column of a sheet table: its key, header, width and number format (a format
    code; ``"angka"`` for whole numbers without decimals and others with two;
    ``"indikator"`` for the decimals of the row's indicator, :attr:`angka_desimal`).

    Text longer than ``lebar`` wraps (the row is made tall enough); a number column is
    widened to its widest value, so no cell shows ``###``."""

    kunci: str
    judul: str
    lebar: float
    format: str | None = None


def _format_angka(v: Any) -> str:
    """Whole numbers without decimals, others with two."""
    return FORMAT_BULAT if isinstance(v, int | float) and float(v).is_integer() else FORMAT_DESIMAL


def _format_desimal(desimal: int) -> str:
    return FORMAT_BULAT + ("." + "0" * desimal if desimal > 0 else "")


def _desimal_indikator(hasil: HasilAnalisis) -> dict[str, str]:
    """Indicator code → the number format of its decimals (display only)."""
    return {i.kode: _format_desimal(i.angka_desimal) for i in hasil.konfigurasi.indikator}


def _judul_tabel(ws: Worksheet, baris: int, kolom: Sequence[Kolom], lebar: Sequence[float]) -> None:
    garis = 1
    for c, (k, w) in enumerate(zip(kolom, lebar, strict=True), start=1):
        sel = ws.cell(row=baris, column=c, value=k.judul)
        sel.font = _HURUF_KEPALA
        sel.fill = _KEPALA
        sel.alignment = _JUDUL_KOLOM
        garis = max(garis, cetak.jumlah_baris(k.judul, w, tebal=True))
    ws.row_dimensions[baris].height = cetak.tinggi_baris(garis)


def _tabel(
    ws: Worksheet,
    baris_awal: int,
    kolom: Sequence[Kolom],
    data: Sequence[dict[str, Any]],
    format_indikator: dict[str, str] | None = None,
) -> int:
    """A header row and the data below it; returns the last row written.

    Columns get their width (never narrower than one set earlier on the sheet),
    text wraps in it, and every row is made tall enough for its wrapped text."""
    lebar: list[float] = []
    for c, k in enumerate(kolom, start=1):
        huruf = get_column_letter(c)
        # a column set earlier on the sheet keeps its width (openpyxl says 13 for any other)
        lama = ws.column_dimensions[huruf].width if huruf in ws.column_dimensions else 0
        w = max(lama or 0, k.lebar)
        if k.format is not None:
            fmt = k.format
            for rekam in data:
                nilai = _isi(rekam.get(k.kunci))
                if k.format == "indikator":
                    fmt = (format_indikator or {}).get(str(rekam.get("kode")), FORMAT_DESIMAL)
                w = max(w, cetak.lebar_isi(nilai, _format_angka(nilai) if fmt == "angka" else fmt))
        # a header word is never broken: the column is at least as wide as its longest word
        w = max(w, *(len(kata) * 0.95 + 1.5 for kata in k.judul.split()))
        ws.column_dimensions[huruf].width = round(w, 1)
        lebar.append(w)
    _judul_tabel(ws, baris_awal, kolom, lebar)
    for r, rekam in enumerate(data, start=baris_awal + 1):
        garis = 1
        for c, k in enumerate(kolom, start=1):
            nilai = _isi(rekam.get(k.kunci))
            sel = tulis_sel(ws, r, c, nilai)
            if k.format == "angka":
                sel.number_format = _format_angka(nilai)
            elif k.format == "indikator":
                sel.number_format = (format_indikator or {}).get(
                    str(rekam.get("kode")), _format_angka(nilai)
                )
            elif k.format:
                sel.number_format = k.format
            if isinstance(nilai, str):
                sel.alignment = _BUNGKUS
                garis = max(garis, cetak.jumlah_baris(nilai, lebar[c - 1]))
            else:
                sel.alignment = _ATAS
        if garis > 1:
            ws.row_dimensions[r].height = cetak.tinggi_baris(garis)
    return baris_awal + len(data)


def gaya_kategori(warna: dict[str, str]) -> dict[str, DifferentialStyle]:
    """The conditional fill and font of each category label (made once per workbook and
    shared by every rule that colours a category)."""
    return {
        label: DifferentialStyle(
            fill=PatternFill("solid", fgColor=kode, bgColor=kode),
            font=Font(color="FFFFFF" if kode in _HURUF_GELAP else "000000"),
        )
        for label, kode in warna.items()
    }


def _warnai_kategori(
    ws: Worksheet,
    rentang: str,
    kolom_kategori: str,
    baris_awal: int,
    gaya: dict[str, DifferentialStyle],
) -> None:
    """Conditional fills on ``rentang`` from the category label in ``kolom_kategori``."""
    for label, dxf in gaya.items():
        label_aman = label.replace('"', '""')
        ws.conditional_formatting.add(
            rentang,
            Rule(
                type="expression",
                formula=[f'${kolom_kategori}{baris_awal}="{label_aman}"'],
                dxf=dxf,
            ),
        )


SKALA_MINIMUM = 75
"""Every sheet of the analysis workbook is laid out to print one A4 landscape page
wide at this scale or more (10-pt text at 7.5 pt or more)."""


def _cetak(ws: Worksheet, baris_judul: str | None = None, kaki: str | None = None) -> None:
    """A4 landscape, fitted to one page wide, ``baris_judul`` repeated on every page."""
    cetak.siapkan_cetak(ws, baris_judul=baris_judul, kaki=kaki)


def _pesan_lebar(ws: Worksheet, baris: int, sampai: int = 5) -> None:
    """A long message in ``baris``: merged over the table's width and wrapped."""
    sel = ws.cell(row=baris, column=1)
    sel.alignment = _BUNGKUS
    ws.merge_cells(start_row=baris, start_column=1, end_row=baris, end_column=sampai)
    lebar = sum(
        ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, sampai + 1)
    )
    garis = cetak.jumlah_baris(str(sel.value or ""), lebar, tebal=True)
    if garis > 1:
        ws.row_dimensions[baris].height = cetak.tinggi_baris(garis)


def _lembar_ringkasan(
    wb: Workbook, hasil: HasilAnalisis, gaya: dict[str, DifferentialStyle]
) -> None:
    k = hasil.konfigurasi
    ws = cast(Worksheet, wb.active)
    ws.title = "Ringkasan"
    for huruf, lebar in zip("ABCDE", (12, 40, 14, 16, 16), strict=True):
        ws.column_dimensions[huruf].width = lebar
    tulis_sel(
        ws, 1, 1, f"Analisis Capaian Kinerja {k.satker.nama} — {hasil.periode.label}"
    ).font = Font(name=cetak.HURUF, bold=True, size=14)
    tulis_sel(
        ws,
        2,
        1,
        f"Tahun {k.tahun} · POS Pengumpulan Data Kinerja langkah 6 · dibuat "
        f"{format_waktu(hasil.waktu)} oleh kinerja {__version__}",
    )
    r = 3
    lengkap = hasil.kelengkapan
    if not hasil.ada_data:
        tulis_sel(
            ws,
            r,
            1,
            f"Belum ada data untuk {hasil.periode.label}: belum ada kiriman yang dihimpun. "
            + (
                "Angka di bawah hanya memuat data bulan-bulan sebelumnya."
                if hasil.periode.bulan > 1
                else "Semua angka masih kosong."
            ),
        ).font = _MERAH
        _pesan_lebar(ws, r)
        r += 1
    if lengkap.belum:
        tulis_sel(
            ws,
            r,
            1,
            "Belum mengirim: "
            + ", ".join(f"{kd} ({nm})" for kd, nm in lengkap.belum)
            + ". Analisis memakai data yang ada.",
        ).font = _MERAH
        _pesan_lebar(ws, r)
        r += 1
    total = hasil.anggaran_total()
    tanda = hasil.jumlah_tanda()
    galat = sum(1 for t in hasil.temuan if t.galat)
    ringkas: list[tuple[str, Any, str | None]] = [
        ("Rata-rata capaian bulan ini (%)", hasil.rata_rata_capaian(), FORMAT_PERSEN),
        ("Kategori", hasil.kategori or "–", None),
        ("Indikator", len(hasil.indikator), FORMAT_BULAT),
        ("Indikator berdata bulan ini", hasil.jumlah_berdata, FORMAT_BULAT),
        ("Indikator di bawah target bulan ini", tanda["di_bawah_target"], FORMAT_BULAT),
        ("Indikator memburuk dari bulan lalu", tanda["memburuk"], FORMAT_BULAT),
        ("Tim diharapkan mengirim", len(lengkap.diharapkan), FORMAT_BULAT),
        ("Tim sudah mengirim", len(lengkap.diterima), FORMAT_BULAT),
        ("Tim terlambat", ", ".join(lengkap.terlambat) or "–", None),
        ("Tim belum mengirim", ", ".join(kd for kd, _ in lengkap.belum) or "–", None),
        ("Batas pengumpulan", format_tanggal(lengkap.batas), None),
        ("Pagu seluruh tim (Rp)", total["pagu"], FORMAT_RUPIAH),
        ("Realisasi anggaran s.d. bulan ini (Rp)", total["realisasi_sampai"], FORMAT_RUPIAH),
        ("Penyerapan anggaran s.d. bulan ini (%)", total["penyerapan"], FORMAT_PERSEN),
        ("Temuan pada kiriman dan analisis", f"{len(hasil.temuan)} ({galat} galat)", None),
    ]
    r += 1
    lebar_nilai = ws.column_dimensions["C"].width or 0
    for label, nilai, fmt in ringkas:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        tulis_sel(ws, r, 1, label).font = _TEBAL
        sel = tulis_sel(ws, r, 3, _isi(nilai))
        sel.alignment = Alignment(horizontal="right")
        if fmt:
            sel.number_format = fmt
        lebar_nilai = max(lebar_nilai, cetak.lebar_isi(_isi(nilai), fmt))
        if label == "Kategori":
            _warnai_kategori(ws, f"C{r}", "C", r, gaya)
        r += 1
    ws.column_dimensions["C"].width = round(lebar_nilai, 1)

    # indicators per category
    r += 1
    awal_kat = r
    akhir_kat = _tabel(
        ws,
        awal_kat,
        [Kolom("kategori", "Kategori", 12), Kolom("jumlah", "Jumlah indikator", 40, FORMAT_BULAT)],
        [{"kategori": kat, "jumlah": n} for kat, n in hasil.jumlah_kategori().items()],
    )
    _warnai_kategori(ws, f"A{awal_kat + 1}:A{akhir_kat}", "A", awal_kat + 1, gaya)

    # capaian per sasaran, and its chart
    awal_sas = akhir_kat + 2
    akhir_sas = _tabel(
        ws,
        awal_sas,
        [
            Kolom("sasaran", "Sasaran", 12),
            Kolom("uraian", "Uraian", 40),
            Kolom("indikator", "Indikator", 14, FORMAT_BULAT),
            Kolom("capaian_bulan", "Capaian Bulan Ini (%)", 16, FORMAT_PERSEN),
            Kolom("kategori", "Kategori", 16),
        ],
        rekaman(hasil.sasaran),
    )
    _warnai_kategori(ws, f"D{awal_sas + 1}:E{akhir_sas}", "E", awal_sas + 1, gaya)
    if akhir_sas > awal_sas:
        grafik = BarChart()
        grafik.type = "bar"
        grafik.style = 10
        grafik.title = f"Capaian per sasaran, {hasil.periode.label} (%)"
        grafik.y_axis.title = "Capaian (%)"
        grafik.y_axis.numFmt = "0"
        grafik.y_axis.scaling.min = 0
        grafik.legend = None
        grafik.x_axis.scaling.orientation = "maxMin"  # first sasaran on top
        grafik.y_axis.crosses = "max"
        grafik.dataLabels = DataLabelList(
            showVal=True, showSerName=False, showCatName=False, showLegendKey=False
        )
        grafik.add_data(
            Reference(ws, min_col=4, min_row=awal_sas, max_row=akhir_sas), titles_from_data=True
        )
        grafik.set_categories(Reference(ws, min_col=1, min_row=awal_sas + 1, max_row=akhir_sas))
        grafik.height, grafik.width = 7.5, 16
        grafik_di: list[tuple[BarChart, float]] = [(grafik, grafik.height)]
    else:
        grafik_di = []

    # budget per team, and its chart
    awal_ang = akhir_sas + 2
    akhir_ang = _tabel(
        ws,
        awal_ang,
        [
            Kolom("tim", "Tim", 12),
            Kolom("nama", "Nama Tim", 40),
            Kolom("penyerapan", "Penyerapan s.d. Bulan Ini (%)", 14, FORMAT_PERSEN),
            Kolom("rencana_penyerapan", "Rencana (RPD) s.d. Bulan Ini (%)", 16, FORMAT_PERSEN),
            Kolom("realisasi_sampai", "Realisasi s.d. Bulan Ini (Rp)", 16, FORMAT_RUPIAH),
        ],
        rekaman(hasil.anggaran),
    )
    if akhir_ang > awal_ang:
        grafik2 = BarChart()
        grafik2.type = "col"
        grafik2.grouping = "clustered"
        grafik2.style = 10
        grafik2.title = f"Penyerapan anggaran per tim s.d. {hasil.periode.label} (% pagu)"
        grafik2.y_axis.title = "% pagu"
        grafik2.y_axis.numFmt = "0"
        grafik2.y_axis.scaling.min = 0
        grafik2.legend.position = "b"
        grafik2.add_data(
            Reference(ws, min_col=3, max_col=4, min_row=awal_ang, max_row=akhir_ang),
            titles_from_data=True,
        )
        grafik2.set_categories(Reference(ws, min_col=1, min_row=awal_ang + 1, max_row=akhir_ang))
        grafik2.height, grafik2.width = 7.5, 16
        grafik_di.append((grafik2, grafik2.height))
    # the charts below the tables, one under the other: the page stays one table wide
    r = akhir_ang + 2
    for g, tinggi_cm in grafik_di:
        ws.add_chart(g, f"A{r}")
        r += math.ceil(tinggi_cm / 2.54 * 72 / cetak.TINGGI_BARIS) + 1
    _cetak(ws)


def _lembar_capaian(wb: Workbook, hasil: HasilAnalisis, gaya: dict[str, DifferentialStyle]) -> None:
    ws = wb.create_sheet("Capaian")
    kolom = [
        Kolom("kode", "Kode", 8),
        Kolom("tim", "Tim", 5),
        Kolom("sasaran", "Sasaran", 7),
        # narrower (the text wraps) when Realisasi Tahun Lalu takes its place on the page
        Kolom("indikator", "Indikator", 20 if hasil.ada_tahun_lalu else 24),
        Kolom("satuan", "Satuan", 9),
        Kolom("arah", "Arah", 5.5),
        Kolom("agregasi", "Agregasi", 9),
        Kolom("realisasi_bulan", "Realisasi Bulan Ini", 8, "indikator"),
        Kolom("realisasi", "Realisasi s.d. Bulan Ini", 8, "indikator"),
        Kolom("target_bulan", "Target Bulan Ini", 8, "indikator"),
        Kolom("capaian_bulan", "Capaian Bulan Ini (%)", 8, FORMAT_PERSEN),
        Kolom("target_triwulan", "Target Triwulan", 8, "indikator"),
        Kolom("capaian_triwulan", "Capaian Triwulan (%)", 8, FORMAT_PERSEN),
        Kolom("target_tahunan", "Target Tahunan", 8, "indikator"),
        Kolom("capaian_tahunan", "Capaian Tahunan (%)", 8, FORMAT_PERSEN),
        *(
            [Kolom("realisasi_tahun_lalu", "Realisasi Tahun Lalu", 8, "indikator")]
            if hasil.ada_tahun_lalu
            else []
        ),
        Kolom("kategori", "Kategori", 9),
        Kolom("capaian_bulan_lalu", "Capaian Bulan Lalu (%)", 8, FORMAT_PERSEN),
        Kolom("catatan", "Catatan Analisis", 20),
    ]
    data = []
    for r in rekaman(hasil.indikator):
        r["catatan"] = "; ".join(TANDA[t] for t in r["tanda"])
        data.append(r)
    akhir = _tabel(ws, 1, kolom, data, _desimal_indikator(hasil))
    if akhir > 1:
        huruf = {k.kunci: get_column_letter(c) for c, k in enumerate(kolom, start=1)}
        kat, cap = huruf["kategori"], huruf["capaian_bulan"]
        _warnai_kategori(ws, f"{cap}2:{cap}{akhir}", kat, 2, gaya)
        _warnai_kategori(ws, f"{kat}2:{kat}{akhir}", kat, 2, gaya)
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{max(akhir, 1)}"
    _cetak(ws, "1:1")


def _lembar_per_tim(wb: Workbook, hasil: HasilAnalisis, gaya: dict[str, DifferentialStyle]) -> None:
    ws = wb.create_sheet("Per Tim")
    akhir = _tabel(
        ws,
        1,
        [
            Kolom("tim", "Tim", 6),
            Kolom("uraian", "Nama Tim", 40),
            Kolom("indikator", "Indikator", 10, FORMAT_BULAT),
            Kolom("berdata", "Berdata Bulan Ini", 10, FORMAT_BULAT),
            Kolom("di_bawah_target", "Di Bawah Target", 10, FORMAT_BULAT),
            Kolom("capaian_bulan", "Capaian Bulan Ini (%)", 14, FORMAT_PERSEN),
            Kolom("capaian_tahunan", "Capaian Tahunan (%)", 14, FORMAT_PERSEN),
            Kolom("kategori", "Kategori", 14),
        ],
        rekaman(hasil.tim),
    )
    if akhir > 1:
        _warnai_kategori(ws, f"F2:F{akhir}", "H", 2, gaya)
        _warnai_kategori(ws, f"H2:H{akhir}", "H", 2, gaya)
    ws.freeze_panes = "C2"
    _cetak(ws, "1:1")


def _lembar_anggaran(wb: Workbook, hasil: HasilAnalisis) -> None:
    ws = wb.create_sheet("Anggaran")
    data = rekaman(hasil.anggaran)
    total = hasil.anggaran_total()
    if data:
        data.append(
            {
                "tim": "Jumlah",
                "pagu": total["pagu"],
                "rpd_bulan": float(hasil.anggaran["rpd_bulan"].sum()),
                "realisasi_bulan": _isi(hasil.anggaran["realisasi_bulan"].sum(min_count=1)),
                "rpd_sampai": total["rpd_sampai"],
                "realisasi_sampai": total["realisasi_sampai"],
                "penyerapan": total["penyerapan"],
            }
        )
    akhir = _tabel(
        ws,
        1,
        [
            Kolom("tim", "Tim", 7),
            Kolom("nama", "Nama Tim", 30),
            Kolom("pagu", "Pagu (Rp)", 14, FORMAT_RUPIAH),
            Kolom("rpd_bulan", "RPD Bulan Ini (Rp)", 18, FORMAT_RUPIAH),
            Kolom("realisasi_bulan", "Realisasi Bulan Ini (Rp)", 18, FORMAT_RUPIAH),
            Kolom("rpd_sampai", "RPD s.d. Bulan Ini (Rp)", 18, FORMAT_RUPIAH),
            Kolom("realisasi_sampai", "Realisasi s.d. Bulan Ini (Rp)", 18, FORMAT_RUPIAH),
            Kolom("penyerapan", "Penyerapan thd Pagu (%)", 14, FORMAT_PERSEN),
            Kolom("rencana_penyerapan", "Rencana (RPD) thd Pagu (%)", 14, FORMAT_PERSEN),
            Kolom("deviasi_rpd", "Deviasi RPD Bulan Ini (%)", 14, FORMAT_PERSEN),
        ],
        data,
    )
    if data:
        for c in range(1, 11):
            ws.cell(row=akhir, column=c).font = _TEBAL
    tulis_sel(
        ws,
        akhir + 2,
        1,
        "Penyerapan = realisasi s.d. bulan ini / pagu × 100. "
        "Deviasi RPD = |realisasi bulan ini − RPD bulan ini| / RPD bulan ini × 100.",
    )
    ws.freeze_panes = "C2"
    _cetak(ws, "1:1")


def _lembar_tren(wb: Workbook, hasil: HasilAnalisis) -> None:
    ws = wb.create_sheet(nama_tren(hasil))
    bulan = [singkatan_bulan(m) for m in range(1, hasil.periode.bulan + 1)]
    tulis_sel(ws, 1, 1, "Realisasi bulanan (nilai yang dilaporkan setiap bulan)").font = _TEBAL
    akhir = _tabel(
        ws,
        2,
        [
            Kolom("kode", "Kode", 10),
            Kolom("tim", "Tim", 7),
            Kolom("satuan", "Satuan", 14),
            *[Kolom(b, b, 10, "indikator") for b in bulan],
        ],
        rekaman(hasil.tren),
        _desimal_indikator(hasil),
    )
    awal = akhir + 3
    tulis_sel(ws, awal - 1, 1, "Capaian bulanan (%) terhadap target bulan itu").font = _TEBAL
    _tabel(
        ws,
        awal,
        [
            Kolom("kode", "Kode", 10),
            Kolom("tim", "Tim", 7),
            Kolom("satuan", "Satuan", 14),
            *[Kolom(b, b, 10, FORMAT_PERSEN) for b in bulan],
        ],
        [r | {"satuan": "%"} for r in rekaman(hasil.tren_capaian)],
    )
    ws.freeze_panes = "D3"
    _cetak(ws, "2:2")


LEBAR_TEMUAN: dict[str, float] = {
    "berkas": 24,
    "lembar": 10,
    "sel": 6,
    "tim": 6,
    "periode": 9,
    "indikator": 9,
    "kode": 23,
    "tingkat": 11,
    "pesan": 56,
}
"""Column widths of a findings table (text wraps): one A4 landscape page wide."""


def _lembar_temuan(wb: Workbook, hasil: HasilAnalisis) -> None:
    ws = wb.create_sheet("Temuan")
    akhir = _tabel(
        ws,
        1,
        [Kolom(k, k, LEBAR_TEMUAN.get(k, 9)) for k in KOLOM_EKSPOR],
        [t.sebagai_baris() for t in hasil.temuan],
    )
    ws.auto_filter.ref = f"A1:{get_column_letter(len(KOLOM_EKSPOR))}{max(akhir, 1)}"
    ws.freeze_panes = "A2"
    _cetak(ws, "1:1")


def _lembar_kelengkapan(wb: Workbook, hasil: HasilAnalisis) -> None:
    ws = wb.create_sheet("Kelengkapan")
    lengkap = hasil.kelengkapan
    tulis_sel(
        ws,
        1,
        1,
        f"{hasil.periode.label}: batas pengumpulan {format_tanggal(lengkap.batas)}; "
        f"diharapkan {len(lengkap.diharapkan)} tim, diterima {len(lengkap.diterima)}, "
        f"tepat waktu {len(lengkap.tepat_waktu)}, terlambat {len(lengkap.terlambat)}, "
        f"belum mengirim {len(lengkap.belum)}.",
    ).font = _TEBAL
    akhir = _tabel(
        ws,
        3,
        [
            Kolom("tim", "Tim", 6),
            Kolom("nama", "Nama Tim", 34),
            Kolom("status", "Status", 14),
            Kolom("diterima", "Diterima", 17, FORMAT_WAKTU),
            Kolom("tanggal_pengisian", "Tanggal Pengisian", 12),
            Kolom("diisi_oleh", "Diisi Oleh", 20),
            Kolom("berkas", "Berkas", 28),
        ],
        rekaman(hasil.kiriman),
    )
    _pesan_lebar(ws, 1, 7)
    if akhir > 3:
        for status, kode in (("belum mengirim", "F5B7B1"), ("terlambat", "FAD7A0")):
            ws.conditional_formatting.add(
                f"C4:C{akhir}",
                FormulaRule(  # type: ignore[no-untyped-call]
                    formula=[f'$C4="{status}"'],
                    fill=PatternFill("solid", fgColor=kode, bgColor=kode),
                ),
            )
    _cetak(ws, "3:3")


def _lembar_rtl(wb: Workbook, hasil: HasilAnalisis, gaya: dict[str, DifferentialStyle]) -> None:
    ws = wb.create_sheet("Rencana Tindak Lanjut")
    akhir = _tabel(
        ws,
        1,
        [
            Kolom("kode", "Kode", 9),
            Kolom("tim", "Tim", 6),
            Kolom("indikator", "Indikator", 28),
            Kolom("capaian_bulan", "Capaian Bulan Ini (%)", 9, FORMAT_PERSEN),
            Kolom("kategori", "Kategori", 11),
            Kolom("kendala", "Kendala/Permasalahan", 30),
            Kolom("upaya", "Upaya/Solusi", 30),
            Kolom("rtl", "Rencana Tindak Lanjut", 30),
        ],
        rekaman(hasil.rtl),
    )
    if akhir > 1:
        _warnai_kategori(ws, f"E2:E{akhir}", "E", 2, gaya)
        ws.conditional_formatting.add(
            f"H2:H{akhir}",
            FormulaRule(  # type: ignore[no-untyped-call]
                formula=['AND($F2<>"",$H2="")'],
                fill=PatternFill("solid", fgColor="F5B7B1", bgColor="F5B7B1"),
            ),
        )
    ws.freeze_panes = "C2"
    _cetak(ws, "1:1")


def xlsx_analisis(hasil: HasilAnalisis) -> bytes:
    """The analysis workbook, as bytes. Sheets: Ringkasan, Capaian, Per Tim, Anggaran,
    Tren Jan..B, Temuan, Kelengkapan, Rencana Tindak Lanjut."""
    gaya = gaya_kategori(warna_kategori(hasil))
    wb = Workbook()
    cetak.pakai_huruf_dasar(wb)
    _lembar_ringkasan(wb, hasil, gaya)
    _lembar_capaian(wb, hasil, gaya)
    _lembar_per_tim(wb, hasil, gaya)
    _lembar_anggaran(wb, hasil)
    _lembar_tren(wb, hasil)
    _lembar_temuan(wb, hasil)
    _lembar_kelengkapan(wb, hasil)
    _lembar_rtl(wb, hasil, gaya)
    wb.properties.title = f"Analisis Capaian Kinerja {hasil.periode.label}"
    wb.properties.creator = f"kinerja {__version__}"
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True, eq=False)
class BarisGrafik:
    """One row of a horizontal bar chart, in the chart's own coordinates: a label, a
    bar (absent when there is no data), an optional marker (e.g. the planned RPD)."""

    label: str
    keterangan: str
    y: float
    lebar: float | None
    warna: str
    teks: str
    penanda: float | None = None


@dataclass(frozen=True, eq=False)
class Grafik:
    """Geometry of a horizontal bar chart for the template's SVG macro."""

    lebar: int
    tinggi: int
    kiri: float
    tebal: float
    baris: tuple[BarisGrafik, ...]
    garis: tuple[tuple[float, str], ...]
    legenda: tuple[tuple[str, str, bool], ...] = ()


def grafik_batang(
    data: Sequence[tuple[str, str, float | None, str, float | None]],
    maks: float,
    garis: Sequence[float] = (),
    legenda: Sequence[tuple[str, str, bool]] = (),
    kiri: float = 40,
    lebar: int = 360,
    teks: Callable[[float, float | None], str] | None = None,
) -> Grafik:
    """Horizontal bars, per row: (label, description, percent or None, colour, marker
    percent or None).

    ``legenda`` holds (colour, text, is_marker); ``teks`` formats a row's value label.
    """
    tebal, langkah = 8.0, 11.0
    ruang = lebar - kiri - 58
    skala = max([maks, *[v for _, _, v, _, _ in data if v is not None]])
    skala = max([skala, *[p for _, _, _, _, p in data if p is not None]])
    y = 13.0 if legenda else 1.0
    baris = []
    for label, keterangan, nilai, warna, penanda in data:
        baris.append(
            BarisGrafik(
                label=label,
                keterangan=keterangan,
                y=y,
                lebar=None if nilai is None else max(0.6, ruang * max(nilai, 0.0) / skala),
                warna=warna,
                teks="tidak ada data"
                if nilai is None
                else (teks(nilai, penanda) if teks else format_persen(nilai, 1)),
                penanda=None if penanda is None else kiri + ruang * penanda / skala,
            )
        )
        y += langkah
    return Grafik(
        lebar=lebar,
        tinggi=int(y + (12 if garis else 2)),
        kiri=kiri,
        tebal=tebal,
        baris=tuple(baris),
        garis=tuple((kiri + ruang * g / skala, f"{format_angka(g)}%") for g in garis),
        legenda=tuple(legenda),
    )


def _pendek(teks: str, panjang: int) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "…"


def _lingkungan() -> Environment:
    env = lingkungan()
    env.filters["angka"] = lambda v, d=None: format_angka(_isi(v), d)
    env.filters["persen"] = lambda v, d=2: format_persen(_isi(v), d)
    env.filters["rupiah"] = lambda v: format_rupiah(_isi(v))
    env.filters["tanggal"] = lambda v: format_tanggal(v, hari=False) if v else "–"
    env.filters["waktu"] = lambda v: format_waktu(v) if isinstance(v, datetime) else "–"
    env.filters["koordinat"] = lambda v: f"{float(v):.1f}"
    return env


def render_html(hasil: HasilAnalisis) -> str:
    """``analisis-PERIODE.html``, self-contained: on A4, page 1 the summary, then the
    indicator table and the follow-up plans under a repeated heading, page numbers in
    the margin."""
    k = hasil.konfigurasi
    warna = warna_kategori(hasil)
    abu = "BBBBBB"
    baris_capaian = [
        (
            str(r["sasaran"]),
            _pendek(str(r["uraian"]), 36),
            r["capaian_bulan"],
            warna.get(r["kategori"] or "", abu),
            None,
        )
        for r in rekaman(hasil.sasaran)
    ] + [
        (
            str(r["tim"]),
            _pendek(str(r["uraian"]).removeprefix("Tim Kerja "), 36),
            r["capaian_bulan"],
            warna.get(r["kategori"] or "", abu),
            None,
        )
        for r in rekaman(hasil.tim)
    ]
    grafik_capaian = grafik_batang(
        baris_capaian, maks=k.capaian_maksimum or 120.0, garis=[100.0], kiri=168
    )
    grafik_anggaran = grafik_batang(
        [
            (str(r["tim"]), "", r["penyerapan"], "2E86C1", r["rencana_penyerapan"])
            for r in rekaman(hasil.anggaran)
        ],
        maks=50.0,
        legenda=[("2E86C1", "realisasi s.d. bulan ini", False), ("1C2833", "rencana (RPD)", True)],
        kiri=34,
        lebar=300,
        teks=lambda v, p: (
            format_persen(v, 1) + (f" (RPD {format_persen(p, 1)})" if p is not None else "")
        ),
    )
    indikator = rekaman(hasil.indikator)
    template = _lingkungan().get_template("analisis.html.j2")
    return template.render(
        hasil=hasil,
        k=k,
        periode=hasil.periode,
        rata=hasil.rata_rata_capaian(),
        kategori=hasil.kategori,
        jumlah_kategori=hasil.jumlah_kategori(),
        tanda=hasil.jumlah_tanda(),
        indikator=indikator,
        anggaran=rekaman(hasil.anggaran),
        total=hasil.anggaran_total(),
        rtl=rekaman(hasil.rtl),
        desimal={i.kode: i.angka_desimal for i in k.indikator},
        tahun_lalu=hasil.ada_tahun_lalu,
        lengkap=hasil.kelengkapan,
        batas=format_tanggal(hasil.kelengkapan.batas, hari=False),
        tanggal=format_tanggal(hasil.waktu, hari=False),
        warna=warna,
        huruf_gelap=_HURUF_GELAP,
        grafik_capaian=grafik_capaian,
        grafik_anggaran=grafik_anggaran,
        singkat_tanda=TANDA_SINGKAT,
        keterangan_tanda=TANDA,
        jumlah_galat=sum(1 for t in hasil.temuan if t.galat),
        jumlah_temuan=len(hasil.temuan),
        versi=__version__,
    )


# --------------------------------------------------------------------------- all three


def nama_berkas(hasil: HasilAnalisis) -> tuple[str, str, str]:
    """``analisis-PERIODE.xlsx``, ``analisis-PERIODE.html``, ``capaian-PERIODE.csv``."""
    kode = hasil.periode.kode
    return (f"analisis-{kode}.xlsx", f"analisis-{kode}.html", f"capaian-{kode}.csv")


def tulis_laporan(hasil: HasilAnalisis, folder: Path) -> list[Path]:
    """Render the three outputs, then write each atomically into ``folder``."""
    isi: list[bytes | str] = [xlsx_analisis(hasil), render_html(hasil), teks_csv_capaian(hasil)]
    folder.mkdir(parents=True, exist_ok=True)
    return [
        tulis_atomik(folder / nama, data)
        for nama, data in zip(nama_berkas(hasil), isi, strict=True)
    ]
