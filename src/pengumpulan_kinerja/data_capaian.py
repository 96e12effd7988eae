"""The corrected dataset of a month, ``data-capaian-PERIODE.xlsx`` (the POS's
*Dokumen capaian kinerja*, filed by ``kinerja arsip``).

Sheet ``Data Capaian``: one row per indicator and field as it stands in the ledger
(``nilai_kini``: the active submission overlaid with corrections), budget rows
included, each with the submission it came from; a corrected value is marked
(``Dikoreksi`` = ``Ya``, shaded) with the reason, who and when from its audit row,
and the value the team had sent. Sheet ``Kiriman``: every submission of the month,
replaced ones included. Sheet ``Keputusan``: the review decisions.

The columns A-K of ``Data Capaian`` are fixed: Tim, Kode, Indikator, Kolom, Nilai,
Sumber, Berkas Kiriman, Dikoreksi, Alasan Koreksi, Dikoreksi Oleh, Waktu Koreksi
(then Nilai Semula). Text a team typed goes through :func:`keluaran.tulis_sel`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import cetak
from .buku_besar import KOLOM_ANGKA, KOLOM_NILAI, BukuBesar
from .keluaran import tulis_sel
from .konfigurasi import Konfigurasi
from .koreksi import KOLOM_KOREKSI
from .periode import Periode

JUDUL_DATA: tuple[str, ...] = (
    "Tim",
    "Kode",
    "Indikator",
    "Kolom",
    "Nilai",
    "Sumber",
    "Berkas Kiriman",
    "Dikoreksi",
    "Alasan Koreksi",
    "Dikoreksi Oleh",
    "Waktu Koreksi",
    "Nilai Semula",
)
BARIS_JUDUL = 4
"""Header row of the ``Data Capaian`` sheet; data starts below it."""
KODE_ANGGARAN = "(anggaran)"
"""What the ``Kode`` column shows for a team's budget row."""

_TEBAL = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True)
_KEPALA = PatternFill("solid", fgColor="1F4E78")
_HURUF_KEPALA = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True, color="FFFFFF")
_KOREKSI = PatternFill("solid", fgColor="FFF2CC")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_ATAS = Alignment(vertical="top")
_LEBAR_DATA = (6, 10, 30, 16, 18, 9, 24, 9, 24, 14, 17, 14)
_LEBAR_KIRIMAN = (8, 6, 24, 24, 17, 9, 11, 16, 10, 13, 14, 24)
_LEBAR_KEPUTUSAN = (6, 17, 12, 26, 60, 10)
_FORMAT_ANGKA = "#,##0.##"
_FORMAT_RUPIAH = '"Rp" #,##0'


def _kepala(ws: Worksheet, baris: int, judul: tuple[str, ...], lebar: tuple[float, ...]) -> None:
    """The header row, the widths, and printing: A4 landscape, one page wide (the widths
    are chosen so that it prints at 75 % or more), the header row on every page."""
    garis = 1
    for c, (j, w) in enumerate(zip(judul, lebar, strict=True), start=1):
        sel = ws.cell(row=baris, column=c, value=j)
        sel.font = _HURUF_KEPALA
        sel.fill = _KEPALA
        sel.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = w
        garis = max(garis, cetak.jumlah_baris(j, w, tebal=True))
    ws.row_dimensions[baris].height = cetak.tinggi_baris(garis)
    ws.freeze_panes = f"A{baris + 1}"
    cetak.siapkan_cetak(ws, baris_judul=f"{baris}:{baris}")


def _baris_rapi(ws: Worksheet, baris: int, lebar: tuple[float, ...]) -> None:
    """Every cell of a data row aligned to the top, text wrapped in its column, and the
    row as tall as its longest text."""
    for c in range(1, len(lebar) + 1):
        sel = ws.cell(row=baris, column=c)
        if isinstance(sel.value, str):
            sel.alignment = _BUNGKUS
        else:
            sel.alignment = _ATAS
    cetak.atur_tinggi(ws, baris, dict(enumerate(lebar, start=1)))


def _filter(ws: Worksheet, baris: int, jumlah_kolom: int, akhir: int) -> None:
    ws.auto_filter.ref = f"A{baris}:{get_column_letter(jumlah_kolom)}{max(baris, akhir)}"


def _angka_atau_teks(kolom: str, angka: Any, teks: Any) -> Any:
    return angka if kolom in KOLOM_ANGKA else teks


def tulis_data_capaian(
    buku: BukuBesar,
    konfigurasi: Konfigurasi,
    periode: Periode,
    tujuan: Path,
    berkas_arsip: Mapping[int, str] | None = None,
    keterangan: str = "",
) -> Path:
    """Write the corrected dataset of ``periode`` to ``tujuan``.

    ``berkas_arsip`` maps a submission id to its file's path inside the archive
    (shown in ``Berkas Kiriman``; else the name it was sent under); ``keterangan``
    is printed under the title (e.g. who approved the month and when).
    """
    berkas_arsip = berkas_arsip or {}
    wb = Workbook()
    cetak.pakai_huruf_dasar(wb)
    ws = wb.active
    assert ws is not None
    ws.title = "Data Capaian"
    ws["A1"] = f"Dokumen Capaian Kinerja {konfigurasi.satker.nama} — {periode.label}"
    ws["A1"].font = Font(name=cetak.HURUF, bold=True, size=13)
    ws["A2"] = (
        "Data setelah koreksi: setiap nilai dengan kiriman asalnya; nilai yang dikoreksi "
        "ditandai (Dikoreksi = Ya) beserta alasan, pelaksana dan waktunya."
    )
    tulis_sel(ws, 3, 1, keterangan)
    _kepala(ws, BARIS_JUDUL, JUDUL_DATA, _LEBAR_DATA)
    baris = buku.nilai_kini_rinci(periode.kode)
    urutan = {i.kode: n for n, i in enumerate(konfigurasi.indikator)}
    urutan_tim = {t.kode: n for n, t in enumerate(konfigurasi.tim)}
    urutan_kolom = {k: n for n, k in enumerate(KOLOM_NILAI)}
    baris.sort(
        key=lambda b: (
            urutan.get(b.nilai.indikator, len(urutan)) if b.nilai.indikator else len(urutan) + 1,
            urutan_tim.get(b.nilai.tim, len(urutan_tim)),
            b.nilai.tim,
            b.nilai.indikator,
            urutan_kolom.get(b.nilai.kolom, len(urutan_kolom)),
        )
    )
    r = BARIS_JUDUL
    for b in baris:
        r += 1
        n = b.nilai
        kolom = n.kolom
        ind = konfigurasi.cari_indikator(n.indikator) if n.indikator else None
        if n.indikator:
            uraian = ind.uraian if ind else "(indikator tidak ada lagi di konfigurasi)"
        else:
            uraian = "Realisasi anggaran tim bulan ini"
        dikoreksi = n.sumber == "koreksi"
        if dikoreksi:
            semula = (
                _angka_atau_teks(kolom, b.asal_angka, b.asal_teks)
                if b.ada_asal
                else "(tidak ada nilai diterima)"
            )
        else:
            semula = None
        isi = (
            n.tim,
            n.indikator or KODE_ANGGARAN,
            uraian,
            KOLOM_KOREKSI.get(kolom, kolom),
            _angka_atau_teks(kolom, n.angka, n.teks),
            n.sumber,
            berkas_arsip.get(n.kiriman_id, b.nama_berkas or "") if n.kiriman_id is not None else "",
            "Ya" if dikoreksi else "",
            b.alasan if dikoreksi else "",
            b.oleh if dikoreksi else "",
            str(b.waktu).replace("T", " ") if dikoreksi else "",
            semula,
        )
        for c, v in enumerate(isi, start=1):
            sel = tulis_sel(ws, r, c, v)
            if kolom in KOLOM_ANGKA and c in (5, 12) and isinstance(v, float):
                sel.number_format = _FORMAT_RUPIAH if kolom == "anggaran" else _FORMAT_ANGKA
            if dikoreksi:
                sel.fill = _KOREKSI
        _baris_rapi(ws, r, _LEBAR_DATA)
    _filter(ws, BARIS_JUDUL, len(JUDUL_DATA), r)

    _lembar_kiriman(wb, buku, periode, berkas_arsip)
    _lembar_keputusan(wb, buku, periode)
    wb.properties.title = f"Dokumen Capaian Kinerja {periode.label}"
    wb.save(tujuan)
    return tujuan


def _lembar_kiriman(
    wb: Workbook, buku: BukuBesar, periode: Periode, berkas_arsip: Mapping[int, str]
) -> None:
    ws = wb.create_sheet("Kiriman")
    judul = (
        "No. Kiriman",
        "Tim",
        "Nama Berkas Asli",
        "Berkas di Arsip",
        "Diterima",
        "Terlambat",
        "Tanggal Pengisian",
        "Diisi Oleh",
        "Status",
        "Menggantikan No.",
        "Dihimpun Oleh",
        "SHA-256",
    )
    _kepala(ws, 1, judul, _LEBAR_KIRIMAN)
    r = 1
    aktif = buku.id_aktif(periode.kode)
    for b in buku.kiriman(periode.kode):
        r += 1
        isi = (
            b.id,
            b.tim,
            b.nama_berkas,
            berkas_arsip.get(b.id, ""),
            str(b.diterima).replace("T", " "),
            "Ya" if b.terlambat else "",
            b.tanggal_pengisian or "",
            b.diisi_oleh or "",
            "aktif" if b.id in aktif else "digantikan",
            b.menggantikan,
            b.oleh,
            b.sha256,
        )
        for c, v in enumerate(isi, start=1):
            tulis_sel(ws, r, c, v)
        _baris_rapi(ws, r, _LEBAR_KIRIMAN)
    _filter(ws, 1, len(judul), r)


def _lembar_keputusan(wb: Workbook, buku: BukuBesar, periode: Periode) -> None:
    ws = wb.create_sheet("Keputusan")
    judul = ("No.", "Waktu", "Keputusan", "Oleh", "Catatan", "Analisis No.")
    _kepala(ws, 1, judul, _LEBAR_KEPUTUSAN)
    nama = {"setujui": "disetujui", "tolak": "ditolak", "buka": "dibuka kembali"}
    r = 1
    for b in buku.keputusan(periode.kode):
        r += 1
        isi = (
            b.id,
            str(b.waktu).replace("T", " "),
            nama.get(b.jenis, b.jenis),
            b.oleh,
            b.catatan,
            b.analisis_id,
        )
        for c, v in enumerate(isi, start=1):
            tulis_sel(ws, r, c, v)
        _baris_rapi(ws, r, _LEBAR_KEPUTUSAN)
    _filter(ws, 1, len(judul), r)
