"""Findings as workbooks: the ``--laporan`` list and one feedback workbook per team.

Both print on A4 landscape, fitted to one page wide, with the header rows repeated on
every page; long messages wrap and rows are as tall as their text.

Column headings. The field names ``berkas``, ``lembar``, ``sel``, ``tim``, ``periode``,
``indikator``, ``kode``, ``tingkat``, ``pesan`` are the data contract of SPEC 6:

- the ``--laporan`` list (read by scripts, filtered) keeps them as its one header row,
  with readable widths and wrapping, and a sheet ``Keterangan`` says in Indonesian what
  each column holds;
- a feedback workbook (read by a team leader) heads its table with Indonesian
  headings (``Berkas``, ``Kode Temuan``, ...) and keeps the field names in a small
  second header row beneath them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import cetak
from .keluaran import tulis_sel
from .konfigurasi import Konfigurasi
from .periode import parse_periode
from .ruang_kerja import periksa_keluaran, simpan_atomik, tulis_keluaran
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
_KETERANGAN = {
    "berkas": "Nama berkas kiriman yang diperiksa",
    "lembar": "Lembar (sheet) tempat temuan",
    "sel": "Sel tempat temuan, mis. J12",
    "tim": "Kode tim kerja",
    "periode": "Bulan data (TTTT-BB)",
    "indikator": "Kode indikator kinerja",
    "kode": "Kode temuan (tetap, untuk disaring)",
    "tingkat": "galat: tidak diterima; peringatan: diterima dengan catatan; info",
    "pesan": "Apa yang salah dan apa yang perlu dilakukan",
}
_LEBAR = {
    "berkas": 22,
    "lembar": 10,
    "sel": 6,
    "tim": 6,
    "periode": 9,
    "indikator": 9,
    "kode": 23,
    "tingkat": 11,
    "pesan": 58,
}
"""Column widths (characters of Arial 10): the table fits one A4 landscape page wide
at 100 %; longer text wraps."""
_TEBAL = Font(name=cetak.HURUF, size=cetak.UKURAN, bold=True)
_KEPALA = PatternFill("solid", fgColor="D9E1F2")
_KECIL = Font(name=cetak.HURUF, size=8, italic=True, color="595959")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_JUDUL = Alignment(wrap_text=True, vertical="center")


def _tabel_temuan(
    ws: Worksheet, temuan: Sequence[Temuan], baris_awal: int, ramah: bool = False
) -> int:
    """The findings table from ``baris_awal``; returns the last header row.

    Without ``ramah`` the one header row holds the field names; with it, Indonesian
    headings and, beneath them, the field names in small type."""
    kepala = [baris_awal, baris_awal + 1] if ramah else [baris_awal]
    for c, kolom in enumerate(KOLOM_EKSPOR, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _LEBAR[kolom]
        judul = [_JUDUL_KOLOM[kolom], kolom] if ramah else [kolom]
        for r, teks in zip(kepala, judul, strict=True):
            sel = ws.cell(row=r, column=c, value=teks)
            sel.font = _KECIL if (ramah and r != baris_awal) else _TEBAL
            sel.fill = _KEPALA
            sel.alignment = _JUDUL
    akhir_kepala = kepala[-1]
    lebar = {c: _LEBAR[k] for c, k in enumerate(KOLOM_EKSPOR, start=1)}
    for r, t in enumerate(temuan, start=akhir_kepala + 1):
        data = t.sebagai_baris()
        for c, kolom in enumerate(KOLOM_EKSPOR, start=1):
            sel = tulis_sel(ws, r, c, data[kolom])
            sel.alignment = _BUNGKUS
            if kolom == "tingkat":
                sel.fill = _WARNA[t.tingkat]
        cetak.atur_tinggi(ws, r, lebar)
    akhir = akhir_kepala + len(temuan)
    ws.auto_filter.ref = (
        f"A{akhir_kepala}:"
        f"{ws.cell(row=max(akhir, akhir_kepala), column=len(KOLOM_EKSPOR)).coordinate}"
    )
    ws.freeze_panes = ws.cell(row=akhir_kepala + 1, column=1).coordinate
    return akhir_kepala


def tulis_laporan_temuan(tujuan: Path, temuan: Sequence[Temuan], timpa: bool = False) -> Path:
    """One sheet ``Temuan``, one row per finding, with the export fields of SPEC 6 as
    its header row (see the module docstring), and a sheet ``Keterangan``. An existing
    ``tujuan`` is replaced only with ``timpa``."""
    periksa_keluaran(tujuan, timpa=timpa, opsi="--laporan")
    wb = Workbook()
    cetak.pakai_huruf_dasar(wb)
    ws = wb.active
    assert ws is not None
    ws.title = "Temuan"
    _tabel_temuan(ws, temuan, 1)
    cetak.siapkan_cetak(ws, baris_judul="1:1", kaki="Temuan himpun")
    ket = wb.create_sheet("Keterangan")
    for c, (judul, lebar) in enumerate((("Kolom", 12), ("Judul", 14), ("Isi", 70)), start=1):
        ket.cell(row=1, column=c, value=judul).font = _TEBAL
        ket.column_dimensions[get_column_letter(c)].width = lebar
    for r, kolom in enumerate(KOLOM_EKSPOR, start=2):
        tulis_sel(ket, r, 1, kolom)
        tulis_sel(ket, r, 2, _JUDUL_KOLOM[kolom])
        tulis_sel(ket, r, 3, _KETERANGAN[kolom]).alignment = _BUNGKUS
    cetak.siapkan_cetak(ket, baris_judul="1:1")
    return tulis_keluaran(tujuan, lambda: simpan_atomik(tujuan, wb.save))


def tulis_umpan_balik(
    folder: Path, temuan: Iterable[Temuan], konfigurasi: Konfigurasi, timpa: bool = False
) -> list[Path]:
    """One workbook per team and month listing its findings, to send back to the team;
    an existing workbook of the same name is replaced only with ``timpa``."""
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
        cetak.pakai_huruf_dasar(wb)
        ws = wb.active
        assert ws is not None
        ws.title = "Umpan Balik"
        ws["A1"] = f"Umpan balik pengisian instrumen capaian kinerja — {label}"
        ws["A1"].font = Font(name=cetak.HURUF, bold=True, size=13)
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
        akhir_kepala = _tabel_temuan(ws, daftar, 5, ramah=True)
        cetak.siapkan_cetak(
            ws,
            baris_judul=f"5:{akhir_kepala}",
            kaki=f"Umpan balik {tim.kode} · {label} · {konfigurasi.satker.nama}",
        )
        tujuan = folder / f"umpan-balik-{kode_tim}-{kode_periode or 'tanpa-periode'}.xlsx"
        periksa_keluaran(tujuan, timpa=timpa, opsi="--umpan-balik")
        hasil.append(tulis_keluaran(tujuan, functools.partial(simpan_atomik, tujuan, wb.save)))
    return hasil
