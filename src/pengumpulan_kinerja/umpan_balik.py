"""Findings as workbooks: the ``--laporan`` list and one feedback workbook per team."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from .keluaran import tulis_sel
from .konfigurasi import Konfigurasi
from .periode import parse_periode
from .ruang_kerja import simpan_atomik
from .temuan import KOLOM_EKSPOR, Temuan, Tingkat

_JUDUL_KOLOM = {
    "berkas": "Berkas",
    "lembar": "Lembar",
    "sel": "Sel",
    "tim": "Tim",
    "periode": "Periode",
    "indikator": "Indikator",
    "kode": "Kode Temuan",
    "tingkat": "Tingkat",
    "pesan": "Pesan",
}
_WARNA = {
    Tingkat.GALAT: PatternFill("solid", fgColor="F8CBAD"),
    Tingkat.PERINGATAN: PatternFill("solid", fgColor="FFE699"),
    Tingkat.INFO: PatternFill("solid", fgColor="DDEBF7"),
}
_LEBAR = {
    "berkas": 28,
    "lembar": 12,
    "sel": 8,
    "tim": 8,
    "periode": 10,
    "indikator": 11,
    "kode": 26,
    "tingkat": 12,
    "pesan": 90,
}


def _tabel_temuan(ws: Worksheet, temuan: Sequence[Temuan], baris_awal: int) -> None:
    for c, kolom in enumerate(KOLOM_EKSPOR, start=1):
        sel = ws.cell(row=baris_awal, column=c, value=kolom)
        sel.font = Font(bold=True)
        ws.column_dimensions[sel.column_letter].width = _LEBAR[kolom]
    for r, t in enumerate(temuan, start=baris_awal + 1):
        data = t.sebagai_baris()
        for c, kolom in enumerate(KOLOM_EKSPOR, start=1):
            sel = tulis_sel(ws, r, c, data[kolom])
            if kolom == "tingkat":
                sel.fill = _WARNA[t.tingkat]
            if kolom == "pesan":
                sel.alignment = Alignment(wrap_text=True, vertical="top")
    akhir = baris_awal + len(temuan)
    ws.auto_filter.ref = (
        f"A{baris_awal}:{ws.cell(row=max(akhir, baris_awal), column=len(KOLOM_EKSPOR)).coordinate}"
    )
    ws.freeze_panes = ws.cell(row=baris_awal + 1, column=1).coordinate


def tulis_laporan_temuan(tujuan: Path, temuan: Sequence[Temuan]) -> Path:
    """One sheet ``Temuan``, one row per finding, with the export fields of SPEC 6."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Temuan"
    _tabel_temuan(ws, temuan, 1)
    return simpan_atomik(tujuan, wb.save)


def tulis_umpan_balik(
    folder: Path, temuan: Iterable[Temuan], konfigurasi: Konfigurasi
) -> list[Path]:
    """One workbook per team and month listing its findings, to send back to the team."""
    kelompok: dict[tuple[str, str], list[Temuan]] = {}
    for t in temuan:
        if t.tim and konfigurasi.cari_tim(t.tim) is not None:
            kelompok.setdefault((t.tim, t.periode), []).append(t)
    hasil: list[Path] = []
    for (kode_tim, kode_periode), daftar in sorted(kelompok.items()):
        tim = konfigurasi.cari_tim(kode_tim)
        assert tim is not None
        label = kode_periode
        try:
            label = parse_periode(kode_periode).label
        except Exception:
            label = kode_periode or "-"
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Umpan Balik"
        ws["A1"] = f"Umpan balik pengisian instrumen capaian kinerja — {label}"
        ws["A1"].font = Font(bold=True, size=13)
        tulis_sel(
            ws,
            2,
            1,
            f"{konfigurasi.satker.nama} · {tim.nama} ({tim.kode}) · Ketua: {tim.ketua.nama}",
        )
        galat = sum(1 for t in daftar if t.galat)
        ringkas = (
            f"{len(daftar)} temuan, {galat} di antaranya galat (nilai atau berkas tidak diterima). "
            "Perbaiki isian pada instrumen lalu kirim ulang; kiriman baru menggantikan yang lama."
            if galat
            else f"{len(daftar)} temuan tanpa galat; kiriman diterima. Mohon perhatikan catatan berikut."
        )
        tulis_sel(ws, 3, 1, ringkas)
        _tabel_temuan(ws, daftar, 5)
        nama = f"umpan-balik-{kode_tim}-{kode_periode or 'tanpa-periode'}.xlsx"
        hasil.append(simpan_atomik(folder / nama, wb.save))
    return hasil
