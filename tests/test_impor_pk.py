"""`kinerja impor-pk`: PK / Rencana Aksi matrices as offices keep them → kinerja.yaml.

Six matrices in six office styles are made here with openpyxl, then opened and saved
by LibreOffice (xlsx → ods, and ods → xlsx again); each must give the same draft.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.impor_pk import (
    JUDUL_TEMPLAT,
    baca_matriks,
    impor_pk,
    kenali_label,
    semua_label,
)
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi
from tests.libreoffice import SOFFICE, konversi_banyak

runner = CliRunner()

# --------------------------------------------------------------------------- matrices


def _tulis(ws: Worksheet, r: int, nilai: list[Any], c0: int = 1) -> None:
    for i, v in enumerate(nilai):
        if v is not None:
            ws.cell(row=r, column=c0 + i, value=v)


def gaya_bpmp(wb: Workbook) -> None:
    """Title block, two-row header (`Target` merged over TW I … TW IV), Sasaran merged
    over its indicators, `Penanggung Jawab` merged too, no Kode, a totals row."""
    ws = wb.active
    assert ws is not None
    ws.title = "PK 2022"
    ws["A1"] = "PERJANJIAN KINERJA TAHUN 2022"
    ws.merge_cells("A1:J1")
    ws["A2"] = "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI LAMPUNG"
    ws.merge_cells("A2:J2")
    _tulis(
        ws,
        4,
        [
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            "Satuan",
            "Target Tahunan",
            "Target",
            None,
            None,
            None,
            "Penanggung Jawab",
        ],
    )
    _tulis(ws, 5, [None, None, None, None, None, "TW I", "TW II", "TW III", "TW IV"])
    for kol in "ABCDEJ":
        ws.merge_cells(f"{kol}4:{kol}5")
    ws.merge_cells("F4:I4")
    baris = [
        [1, "Meningkatnya pemanfaatan data mutu pendidikan", "Persentase satuan pendidikan yang memanfaatkan Rapor Pendidikan", "persen", 80, 20, 40, 60, 80, "Tim Kerja Pemetaan Mutu Pendidikan"],
        [2, None, "Jumlah satuan pendidikan yang difasilitasi Asesmen Nasional", "satuan pendidikan", 1200, 100, 300, 1000, 1200, None],
        [3, None, "Rata-rata waktu penyelesaian layanan permintaan data", "hari", 3, 5, 4, 3, 3, "Tim Kerja Data, Teknologi, dan Informasi"],
        [4, "Meningkatnya kualitas fasilitasi peningkatan mutu", "Jumlah pemerintah daerah yang difasilitasi", "pemda", 15, 3, 7, 11, 15, "Tim Kerja Kemitraan dan Layanan Pemerintah Daerah"],
        [5, None, "Jumlah satuan pendidikan dasar yang difasilitasi Kurikulum Merdeka", "satuan pendidikan", 450, 50, 200, 350, 450, "Tim Kerja Fasilitasi Peningkatan Mutu Pendidikan Dasar"],
    ]  # fmt: skip
    for i, isi in enumerate(baris):
        _tulis(ws, 6 + i, isi)
    ws.merge_cells("B6:B8")  # sasaran 1 over its three indicators
    ws.merge_cells("J6:J7")  # the same team for two indicators
    ws.merge_cells("B9:B10")
    _tulis(ws, 11, ["Rata-rata capaian", None, None, None, None, None, None, None, None, None])
    ws.merge_cells("A11:D11")
    ws["A13"] = "Bandar Lampung, 3 Januari 2022"


HARAP_BPMP: dict[str, Any] = {
    "tahun": 2022,
    "tim": ["PMP", "DTI", "KLPD", "FPMPD"],
    "sasaran": {
        "SK1": [
            ("IKK-1.1", "persen", "PMP", 80, [20, 40, 60, 80]),
            ("IKK-1.2", "satuan pendidikan", "PMP", 1200, [100, 300, 1000, 1200]),
            ("IKK-1.3", "hari", "DTI", 3, [5, 4, 3, 3]),
        ],
        "SK2": [
            ("IKK-2.1", "pemda", "KLPD", 15, [3, 7, 11, 15]),
            ("IKK-2.2", "satuan pendidikan", "FPMPD", 450, [50, 200, 350, 450]),
        ],
    },
    "arah": {"IKK-1.3": "turun", "IKK-1.1": "naik"},
    "agregasi": {"IKK-1.1": "terakhir", "IKK-1.2": "kumulatif", "IKK-1.3": "rata-rata"},
    "periksa": ["- kode: SK1", "- kode: IKK-1.1", "- kode: PMP", "arah: turun", "tahun: 2022"],
    "tanpa_periksa": ["target_triwulan: [20, 40, 60, 80]", 'satuan: "persen"'],
}


def gaya_kode_polaritas(wb: Workbook) -> None:
    """One-row header with Kode, `Sasaran Kegiatan`, `Target 2022`, `Triwulan I`…,
    `Tim Kerja`, `Polaritas` and `Sifat`; sasaran typed once, not merged; a blank row
    between sasaran; Indonesian decimals typed as text."""
    ws = wb.active
    assert ws is not None
    ws.title = "Rencana Aksi"
    _tulis(ws, 1, ["Kode", "Sasaran Kegiatan", "Indikator", "Satuan", "Target 2022", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Tim Kerja", "Polaritas", "Sifat"])  # fmt: skip
    _tulis(ws, 2, ["IKU-01", "Terwujudnya tata kelola yang akuntabel", "Nilai SAKIP", "nilai", "80,5", "76", "76", "80", "80,5", "Tim Kerja Perencanaan", "positif", "nilai akhir"])  # fmt: skip
    _tulis(ws, 3, ["IKU-02", None, "Persentase rekomendasi pemeriksaan yang belum ditindaklanjuti", "%", 5, 20, 15, 10, 5, None, "negatif", "terakhir"])  # fmt: skip
    _tulis(ws, 4, ["IKU-03", None, "Nilai IKPA", "nilai", "95", "95", "95", "95", "95", "Tim Kerja Keuangan", "Positif", "Rata-rata"])  # fmt: skip
    _tulis(ws, 6, ["IKU-04", "Meningkatnya layanan data", "Jumlah kanal publikasi data", "kanal", "1.234,5", "100", "500", "1.000,5", "1.234,5", "Tim Kerja Data", "maximize", "kumulatif"])  # fmt: skip


HARAP_KODE: dict[str, Any] = {
    "tahun": 2022,
    "tim": ["PER", "KEU", "DATA"],
    "sasaran": {
        "SK1": [
            ("IKU-01", "nilai", "PER", 80.5, [76, 76, 80, 80.5]),
            ("IKU-02", "persen", "PER", 5, [20, 15, 10, 5]),
            ("IKU-03", "nilai", "KEU", 95, [95, 95, 95, 95]),
        ],
        "SK2": [("IKU-04", "kanal", "DATA", 1234.5, [100, 500, 1000.5, 1234.5])],
    },
    "arah": {"IKU-01": "naik", "IKU-02": "turun", "IKU-04": "naik"},
    "agregasi": {"IKU-01": "terakhir", "IKU-03": "rata-rata", "IKU-04": "kumulatif"},
    "periksa": ["- kode: SK1", "- kode: PER", "tahun: 2022", "tim: PER  # PERIKSA: sel tim"],
    "tanpa_periksa": ["- kode: IKU-01", "arah: turun", "agregasi: kumulatif"],
}


def gaya_persen_pj(wb: Workbook) -> None:
    """A title block and a header in row 6 with `TW 1`…`TW 4` and `PJ` holding short
    team codes; no Satuan column; percentages typed as `80%` and `80 %`."""
    ws = wb.active
    assert ws is not None
    ws.title = "Matriks"
    ws["A1"] = "RENCANA AKSI"
    ws["A2"] = "Tahun Anggaran 2023"
    ws["A3"] = "Unit: Subbagian Umum"
    _tulis(ws, 6, ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "TW 1", "TW 2", "TW 3", "TW 4", "PJ"])  # fmt: skip
    _tulis(ws, 7, ["1.", "1. Meningkatnya kualitas layanan", "1.1 Persentase layanan selesai tepat waktu", "90%", "90 %", "90%", "90%", "90%", "UMM"])  # fmt: skip
    _tulis(ws, 8, [None, None, "1.2 Jumlah dokumen SOP yang ditetapkan", "12", "3", "6", "9", "12", "UMM"])  # fmt: skip
    _tulis(ws, 9, [None, None, "1.3 Indeks kepuasan pengguna layanan", "3,5", "", "", "", "3,5", "HUMAS"])  # fmt: skip
    _tulis(ws, 10, ["", "JUMLAH", None, None, None, None, None, None, None])


HARAP_PERSEN: dict[str, Any] = {
    "tahun": 2023,
    "tim": ["UMM", "HUMAS"],
    "sasaran": {
        "SK1": [
            ("IKK-1.1", "persen", "UMM", 90, [90, 90, 90, 90]),
            ("IKK-1.2", "dokumen", "UMM", 12, [3, 6, 9, 12]),
            ("IKK-1.3", "indeks", "HUMAS", 3.5, [3.5, 3.5, 3.5, 3.5]),
        ],
    },
    "uraian": {"IKK-1.1": "Persentase layanan selesai tepat waktu"},
    "uraian_sasaran": {"SK1": "Meningkatnya kualitas layanan"},
    "arah": {},
    "agregasi": {"IKK-1.2": "kumulatif", "IKK-1.3": "rata-rata"},
    "periksa": [
        'satuan: "persen"',
        'satuan: "dokumen"',
        "target_triwulan: [3.5, 3.5, 3.5, 3.5]",
        'nama: "UMM"',
        "tahun: 2023",
    ],
    "tanpa_periksa": ["target_triwulan: [3, 6, 9, 12]"],
}


def gaya_sasaran_judul(wb: Workbook) -> None:
    """Sasaran as heading rows carrying their own code; indicator rows under them with
    `Target TW I`… before `Target Tahunan`; percentages stored as numbers with a percent
    format (Excel stores `80%` as 0.8); `Tim` merged; a `Jumlah` row."""
    ws = wb.active
    assert ws is not None
    ws.title = "Lampiran PK"
    ws["B1"] = "LAMPIRAN PERJANJIAN KINERJA 2022"
    _tulis(ws, 3, ["Kode", "Sasaran", "Indikator", "Target TW I", "Target TW II", "Target TW III", "Target TW IV", "Target Tahunan", "Satuan", "Tim", "Keterangan"], c0=2)  # fmt: skip
    _tulis(ws, 4, ["SS.1", "Meningkatnya mutu PAUD", None, None, None, None, None, None, None, None, None], c0=2)  # fmt: skip
    _tulis(ws, 5, ["IK 1.1", None, "Persentase lembaga PAUD terakreditasi minimal B", 0.65, 0.68, 0.72, 0.75, 0.75, "Persen", "Tim PAUD", None], c0=2)  # fmt: skip
    _tulis(ws, 6, ["IK 1.2", None, "Jumlah satuan PAUD yang difasilitasi", 25, 100, 180, 250, 250, "satuan pendidikan", None, "baru"], c0=2)  # fmt: skip
    _tulis(ws, 7, ["SS.2", "Meningkatnya mutu SMK", None, None, None, None, None, None, None, None, None], c0=2)  # fmt: skip
    _tulis(ws, 8, ["IK 2.1", None, "Persentase SMK binaan yang bermitra dengan dunia kerja", 0.4, 0.5, 0.6, 0.7, 0.7, "%", "Tim SMK", None], c0=2)  # fmt: skip
    _tulis(ws, 9, [None, "Jumlah", None, None, None, None, None, None, None, None, None], c0=2)  # fmt: skip
    for sel in ("E5", "F5", "G5", "H5", "I5", "E8", "F8", "G8", "H8", "I8"):
        ws[sel].number_format = "0%"
    ws.merge_cells("K5:K6")


HARAP_JUDUL: dict[str, Any] = {
    "tahun": 2022,
    "tim": ["PAUD", "SMK"],
    "sasaran": {
        "SS.1": [
            ("IK-1.1", "persen", "PAUD", 75, [65, 68, 72, 75]),
            ("IK-1.2", "satuan pendidikan", "PAUD", 250, [25, 100, 180, 250]),
        ],
        "SS.2": [("IK-2.1", "persen", "SMK", 70, [40, 50, 60, 70])],
    },
    "arah": {},
    "agregasi": {"IK-1.2": "kumulatif"},
    "periksa": ["- kode: IK-1.1", "- kode: PAUD"],
    "tanpa_periksa": ["- kode: SS.1", "target: 75"],
}


def gaya_dua_lembar(wb: Workbook) -> None:
    """Two sheets: `PK` (annual targets only) and `Rencana Aksi & Target` (with quarters, a
    `Realisasi` group to ignore); the richer one is read. Team names whose initials
    collide, or would be a name Windows reserves (CON)."""
    pk = wb.active
    assert pk is not None
    pk.title = "PK"
    _tulis(pk, 1, ["Sasaran", "Indikator", "Target"])
    _tulis(pk, 2, ["Meningkatnya mutu", "Indeks mutu", 80])
    ra = wb.create_sheet("Rencana Aksi & Target")
    for r in range(1, 8):
        ra.cell(row=r, column=1, value=f"Baris judul {r}" if r < 4 else None)
    ra["A2"] = "Rencana Aksi Tahun 2024"
    _tulis(ra, 8, ["Sasaran Program", "Indikator Kinerja Kegiatan (IKK)", "Satuan", "Target (2024)", "Rencana Aksi", None, None, None, "Realisasi", None, None, None, "Penanggung  Jawab", "Arah"])  # fmt: skip
    _tulis(ra, 9, [None, None, None, None, "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "TW I", "TW II", "TW III", "TW IV"])  # fmt: skip
    ra.merge_cells("E8:H8")
    ra.merge_cells("I8:L8")
    _tulis(ra, 10, ["Meningkatnya layanan", "Jumlah laporan pemetaan mutu", "laporan", 10, 1, 4, 7, 10, 1, 3, None, None, "Tim Kerja Pemetaan Mutu", "Naik"])  # fmt: skip
    _tulis(ra, 11, [None, "Jumlah laporan penjaminan mutu", "laporan", 8, 2, 4, 6, 8, 2, None, None, None, "Tim Kerja Penjaminan Mutu", "naik"])  # fmt: skip
    _tulis(ra, 12, [None, "Jumlah konten publikasi", "konten", 40, 10, 20, 30, 40, None, None, None, None, "Tim Kerja Capaian, Output, Nilai", "Minimize"])  # fmt: skip


HARAP_DUA: dict[str, Any] = {
    "tahun": 2024,
    "tim": ["PM", "PM2", "CONK"],
    "sasaran": {
        "SK1": [
            ("IKK-1.1", "laporan", "PM", 10, [1, 4, 7, 10]),
            ("IKK-1.2", "laporan", "PM2", 8, [2, 4, 6, 8]),
            ("IKK-1.3", "konten", "CONK", 40, [10, 20, 30, 40]),
        ],
    },
    "arah": {"IKK-1.1": "naik", "IKK-1.3": "turun"},
    "agregasi": {"IKK-1.1": "kumulatif"},
    "periksa": ["- kode: PM2", "- kode: CONK", "tahun: 2024"],
    "tanpa_periksa": ["arah: naik"],
}


def gaya_polos(wb: Workbook) -> None:
    """The least an office may keep: Sasaran, Indikator, Target; no Tim, no Satuan, no
    quarters; a blank row between sasaran."""
    ws = wb.active
    assert ws is not None
    _tulis(ws, 1, ["sasaran", "indikator", "target"])
    _tulis(ws, 2, ["Meningkatnya kompetensi pegawai", "Persentase pegawai yang mengikuti pelatihan", "75%"])  # fmt: skip
    _tulis(ws, 4, ["Meningkatnya kualitas perencanaan", "Jumlah dokumen perencanaan", 4])
    _tulis(ws, 5, [None, "Rata-rata keterlambatan laporan", "2,5"])


HARAP_POLOS: dict[str, Any] = {
    "tahun": None,
    "tim": ["TIM"],
    "sasaran": {
        "SK1": [("IKK-1.1", "persen", "TIM", 75, [18.75, 37.5, 56.25, 75])],
        "SK2": [
            ("IKK-2.1", "dokumen", "TIM", 4, [1, 2, 3, 4]),
            ("IKK-2.2", "unit", "TIM", 2.5, [2.5, 2.5, 2.5, 2.5]),
        ],
    },
    "arah": {"IKK-2.2": "turun"},
    "agregasi": {"IKK-2.1": "kumulatif", "IKK-2.2": "rata-rata"},
    "periksa": ["target_triwulan: [1, 2, 3, 4]", "arah: turun", "tahun:"],
    "tanpa_periksa": [],
}

GAYA: dict[str, tuple[Callable[[Workbook], None], dict[str, Any]]] = {
    "bpmp": (gaya_bpmp, HARAP_BPMP),
    "kode-polaritas": (gaya_kode_polaritas, HARAP_KODE),
    "persen-pj": (gaya_persen_pj, HARAP_PERSEN),
    "sasaran-judul": (gaya_sasaran_judul, HARAP_JUDUL),
    "dua-lembar": (gaya_dua_lembar, HARAP_DUA),
    "polos": (gaya_polos, HARAP_POLOS),
}


def _konversi_banyak(berkas: list[Path], format_tujuan: str, folder: Path) -> list[Path]:
    """Open and save several files in one LibreOffice run (one start-up)."""
    return konversi_banyak(berkas, format_tujuan, folder)


@pytest.fixture(scope="module")
def matriks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every style as saved by openpyxl, and (with LibreOffice) as .ods, as .xlsx
    again after the .ods round trip, and as .xls."""
    akar = tmp_path_factory.mktemp("matriks")
    hasil: dict[tuple[str, str], Path] = {}
    for nama, (buat, _) in GAYA.items():
        wb = Workbook()
        buat(wb)
        jalur = akar / "openpyxl" / f"{nama}.xlsx"
        jalur.parent.mkdir(exist_ok=True)
        wb.save(jalur)
        hasil[(nama, "openpyxl")] = jalur
    if SOFFICE is not None:
        asli = [hasil[(n, "openpyxl")] for n in GAYA]
        ods = _konversi_banyak(asli, "ods", akar / "ods")
        balik = _konversi_banyak(ods, "xlsx", akar / "ods-xlsx")
        xls = _konversi_banyak(asli, "xls", akar / "xls")
        for nama, o, b, x in zip(GAYA, ods, balik, xls, strict=True):
            hasil[(nama, "ods")] = o
            hasil[(nama, "ods-xlsx")] = b
            hasil[(nama, "xls")] = x
    return hasil


VARIAN = ["openpyxl", "ods", "ods-xlsx", "xls"]


def _baris_dengan(teks: str, potongan: str) -> list[str]:
    return [b for b in teks.splitlines() if potongan in b]


@pytest.mark.parametrize("varian", VARIAN)
@pytest.mark.parametrize("gaya", list(GAYA))
def test_matriks_kantor_menjadi_draf(
    matriks: dict[tuple[str, str], Path], gaya: str, varian: str, tmp_path: Path
) -> None:
    if (gaya, varian) not in matriks:
        pytest.skip("LibreOffice tidak terpasang")
    _, harap = GAYA[gaya]
    keluaran = tmp_path / "kinerja.yaml"
    hasil = impor_pk(matriks[(gaya, varian)], keluaran, tahun=None)
    teks = keluaran.read_text(encoding="utf-8")
    assert teks == hasil.yaml
    data = yaml.safe_load(teks)
    if harap["tahun"] is not None:
        assert data["tahun"] == harap["tahun"]
    # teams: codes in order of first appearance
    assert [t["kode"] for t in data["tim"]] == harap["tim"]
    # sasaran, indicators, targets and quarters
    assert [s["kode"] for s in data["sasaran"]] == list(harap["sasaran"])
    for s in data["sasaran"]:
        dapat = [
            (i["kode"], i["satuan"], i["tim"], i["target"], i["target_triwulan"])
            for i in s["indikator"]
        ]
        harap_s = harap["sasaran"][s["kode"]]
        assert [d[0] for d in dapat] == [h[0] for h in harap_s]
        for d, h in zip(dapat, harap_s, strict=True):
            assert d[1] == h[1], (d, h)
            assert d[2] == h[2], (d, h)
            assert d[3] == pytest.approx(h[3]), (d, h)
            assert d[4] == pytest.approx(h[4]), (d, h)
    indikator = {i["kode"]: i for s in data["sasaran"] for i in s["indikator"]}
    for kode, arah in harap["arah"].items():
        assert indikator[kode]["arah"] == arah, kode
    for kode, agregasi in harap["agregasi"].items():
        assert indikator[kode]["agregasi"] == agregasi, kode
    for kode, uraian in harap.get("uraian", {}).items():
        assert indikator[kode]["uraian"] == uraian
    sasaran = {s["kode"]: s for s in data["sasaran"]}
    for kode, uraian in harap.get("uraian_sasaran", {}).items():
        assert sasaran[kode]["uraian"] == uraian
    # the guesses are marked on their own lines, and only the guesses
    for potongan in harap["periksa"]:
        baris = _baris_dengan(teks, potongan)
        assert baris and any("# PERIKSA:" in b for b in baris), (potongan, baris)
    for potongan in harap["tanpa_periksa"]:
        if varian == "xls" and potongan.startswith("target:"):
            continue  # .xls hides the percent format of 0.75: reading it ×100 is a guess there
        baris = _baris_dengan(teks, potongan)
        assert baris and all("# PERIKSA:" not in b for b in baris), (potongan, baris)
    # names and NIPs are left to fill
    assert len(_baris_dengan(teks, "# ISI:")) >= 3 + len(data["tim"])
    assert hasil.jumlah_indikator == len(indikator)


@pytest.mark.parametrize("gaya", list(GAYA))
def test_libreoffice_memberi_draf_yang_sama(
    matriks: dict[tuple[str, str], Path], gaya: str, tmp_path: Path
) -> None:
    """The same matrix saved by openpyxl, as .ods, as .xlsx after the .ods round trip and
    as .xls gives the same configuration (the guesses may differ only where a format hides
    something, e.g. a percent format in .ods)."""
    if (gaya, "ods") not in matriks:
        pytest.skip("LibreOffice tidak terpasang")
    data = []
    for varian in VARIAN:
        hasil = baca_matriks(matriks[(gaya, varian)])
        data.append(yaml.safe_load(hasil.yaml))
    assert data[0] == data[1] == data[2] == data[3]


def test_matriks_bpmp_memetakan_dan_melaporkan(matriks: dict[tuple[str, str], Path]) -> None:
    hasil = baca_matriks(matriks[("bpmp", "openpyxl")])
    assert hasil.lembar == "PK 2022"
    assert hasil.baris_kepala == (4, 5)
    dipetakan = {k.bidang: k.sel for k in hasil.kolom}
    assert dipetakan == {
        "sasaran": "B5",
        "indikator": "C5",
        "satuan": "D5",
        "target": "E5",
        "tw1": "F5",
        "tw2": "G5",
        "tw3": "H5",
        "tw4": "I5",
        "tim": "J5",
    }
    tak = {(t.sel, t.alasan.split(";")[0]) for t in hasil.tak_terpetakan}
    assert ("A5", "judul kolom tidak dikenal") in tak  # No
    assert ("A11", "baris jumlah/rata-rata") in tak
    assert any(t.sel == "A13" for t in hasil.tak_terpetakan)  # the signature line
    tebakan = {(t.kode, t.bidang) for t in hasil.tebakan}
    assert ("IKK-1.1", "kode") in tebakan
    assert ("IKK-1.1", "arah") in tebakan
    assert ("PMP", "kode") in tebakan
    assert ("IKK-1.2", "tim") not in tebakan  # merged cell: the team is certain


def test_dua_lembar_memilih_rencana_aksi_dan_mengabaikan_realisasi(
    matriks: dict[tuple[str, str], Path],
) -> None:
    hasil = baca_matriks(matriks[("dua-lembar", "openpyxl")])
    assert hasil.lembar == "Rencana Aksi & Target"
    diabaikan = {t.isi for t in hasil.tak_terpetakan}
    assert "Realisasi TW I" in diabaikan
    assert {"tw1", "tw2", "tw3", "tw4", "arah", "tim"} <= {k.bidang for k in hasil.kolom}


# --------------------------------------------------------------------------- round trip


def _isi_nama(teks: str) -> str:
    """What the office does with the draft: fill every `# ISI` placeholder."""
    nip = iter(f"1980010120050110{n:02d}" for n in range(1, 99))
    hasil = []
    for baris in teks.splitlines():
        if "# ISI:" in baris and not baris.startswith("#"):
            baris = baris.replace('nama: ""', 'nama: "Nama Pejabat"', 1)
            baris = baris.replace('nip: ""', f'nip: "{next(nip)}"', 1)
            baris = baris.replace('uraian: ""', 'uraian: "Sasaran yang diisi"', 1)
            baris = re.sub(r"  # ISI:.*$", "", baris)
        hasil.append(baris)
    return "\n".join(hasil) + "\n"


@pytest.mark.parametrize("gaya", ["bpmp", "polos"])
def test_pulang_pergi_impor_cek_buat_instrumen(
    matriks: dict[tuple[str, str], Path], gaya: str, tmp_path: Path
) -> None:
    folder = tmp_path / "sakip"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    berkas = folder / "kinerja.yaml"
    contoh = berkas.read_bytes()
    sumber = matriks[(gaya, "ods" if (gaya, "ods") in matriks else "openpyxl")]

    hasil = runner.invoke(app, ["impor-pk", str(sumber), "--keluaran", str(berkas)])
    assert hasil.exit_code == 1, hasil.output
    assert "sudah ada" in hasil.output and "--timpa" in hasil.output
    assert berkas.read_bytes() == contoh  # never over an existing file without --timpa

    hasil = runner.invoke(
        app, ["impor-pk", str(sumber), "--keluaran", str(berkas), "--timpa", "--tahun", "2022"]
    )
    assert hasil.exit_code == 0, hasil.output
    assert "PERIKSA" in hasil.output and "kinerja cek" in hasil.output

    # the draft does not pass before the names are filled, and says where
    hasil = runner.invoke(app, ["cek", "-R", str(folder)])
    assert hasil.exit_code == 2
    assert "satker.nama" in hasil.output and "tidak boleh kosong" in hasil.output

    berkas.write_text(_isi_nama(berkas.read_text(encoding="utf-8")), encoding="utf-8")
    hasil = runner.invoke(app, ["cek", "-R", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    konfigurasi = baca_konfigurasi(berkas.read_text(encoding="utf-8"))

    hasil = runner.invoke(app, ["buat-instrumen", "2022-06", "-R", str(folder), "--oleh", "uji"])
    assert hasil.exit_code == 0, hasil.output
    ditulis = sorted(p.name for p in (folder / "instrumen" / "2022-06").glob("*.xlsx"))
    assert ditulis == sorted(f"{t.kode}_2022-06.xlsx" for t in konfigurasi.tim_berindikator())
    assert len(ditulis) == len(konfigurasi.tim)
    # the instrument carries the imported targets
    tim0 = konfigurasi.tim_berindikator()[0]
    wb = load_workbook(folder / "instrumen" / "2022-06" / f"{tim0.kode}_2022-06.xlsx")
    nilai = [c for row in wb["Capaian"].iter_rows(values_only=True) for c in row]
    for ind in konfigurasi.indikator_tim(tim0.kode):
        assert ind.kode in nilai
        assert ind.uraian in nilai


# --------------------------------------------------------------------------- CLI output


def test_cli_mencetak_yang_dipetakan_dan_yang_tidak(
    matriks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    keluaran = tmp_path / "draf.yaml"
    hasil = runner.invoke(
        app, ["impor-pk", str(matriks[("bpmp", "openpyxl")]), "--keluaran", str(keluaran)]
    )
    assert hasil.exit_code == 0, hasil.output
    out = hasil.output
    for potongan in (
        "PK 2022",
        "Penanggung Jawab",
        "Target TW I",
        "Tidak dipetakan",
        "A11",
        "2 sasaran, 5 indikator, 4 tim",
        str(keluaran),
    ):
        assert potongan in out, potongan
    assert "Traceback" not in out

    hasil = runner.invoke(
        app,
        ["impor-pk", str(matriks[("bpmp", "openpyxl")]), "-o", str(tmp_path / "b.yaml"), "--json"],
    )
    assert hasil.exit_code == 0, hasil.output
    import json

    data = json.loads(hasil.output)
    assert data["jumlah_indikator"] == 5
    assert {k["bidang"] for k in data["kolom"]} >= {"sasaran", "indikator", "tw4"}
    assert any(t["sel"] == "A11" for t in data["tak_terpetakan"])


def test_bantuan_berisi_contoh() -> None:
    hasil = runner.invoke(app, ["impor-pk", "--help"])
    assert hasil.exit_code == 0
    assert "Contoh" in hasil.output and "--templat" in hasil.output


# --------------------------------------------------------------------------- template


def test_templat_kosong_diisi_lalu_diimpor(tmp_path: Path) -> None:
    templat = tmp_path / "matriks-pk.xlsx"
    hasil = runner.invoke(app, ["impor-pk", "--templat", str(templat)])
    assert hasil.exit_code == 0, hasil.output
    wb = load_workbook(templat)
    assert wb.sheetnames == ["Matriks PK", "Petunjuk"]
    ws = wb["Matriks PK"]
    assert [c.value for c in ws[4]] == list(JUDUL_TEMPLAT)
    petunjuk = [c.value for row in wb["Petunjuk"].iter_rows() for c in row if c.value]
    assert any("kinerja impor-pk" in str(v) for v in petunjuk)

    # the blank template itself has no indicator: nothing to import
    hasil = runner.invoke(app, ["impor-pk", str(templat), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    assert "tidak ada baris indikator" in hasil.output
    assert not (tmp_path / "k.yaml").exists()

    # refuses to overwrite the template
    sebelum = templat.read_bytes()
    hasil = runner.invoke(app, ["impor-pk", "--templat", str(templat)])
    assert hasil.exit_code == 1 and "sudah ada" in hasil.output
    assert templat.read_bytes() == sebelum

    _tulis(ws, 5, ["IKK-9.1", "Sasaran contoh", "Jumlah dokumen", "dokumen", 4, 1, 2, 3, 4, "Tim Kerja Umum", "naik", "kumulatif"])  # fmt: skip
    diisi = tmp_path / "diisi.xlsx"
    wb.save(diisi)
    hasil = impor_pk(diisi, tmp_path / "k.yaml", tahun=2022)
    data = yaml.safe_load(hasil.yaml)
    ind = data["sasaran"][0]["indikator"][0]
    assert ind["kode"] == "IKK-9.1"
    assert ind["target_triwulan"] == [1, 2, 3, 4]
    assert ind["arah"] == "naik" and ind["agregasi"] == "kumulatif"
    assert data["tim"] == [
        {"kode": "UMUM", "nama": "Tim Kerja Umum", "ketua": {"nama": "", "nip": ""}}
    ]
    assert "# PERIKSA" not in _baris_dengan(hasil.yaml, "- kode: IKK-9.1")[0]


# --------------------------------------------------------------------------- label matcher

_LABEL = sorted(semua_label())


def _acak_tulisan(label: str, huruf_besar: list[bool], spasi: list[str]) -> str:
    keluar = []
    for i, h in enumerate(label):
        h = h.upper() if huruf_besar[i % len(huruf_besar)] else h.lower()
        keluar.append(h + spasi[i % len(spasi)])
    return "".join(keluar)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_LABEL),
    st.lists(st.booleans(), min_size=1, max_size=12),
    st.lists(
        st.sampled_from(["", "", "", " ", "  ", "\t", "\u00a0", "\n"]), min_size=1, max_size=9
    ),
    st.sampled_from(["", " ", "  ", "\u00a0"]),
)
def test_label_dikenali_apa_pun_huruf_dan_spasinya(
    pasangan: tuple[str, str], besar: list[bool], spasi: list[str], tepi: str
) -> None:
    label, bidang = pasangan
    assert kenali_label(label) == bidang
    assert kenali_label(tepi + _acak_tulisan(label, besar, spasi) + tepi) == bidang


@pytest.mark.parametrize(
    ("label", "bidang"),
    [
        ("Sasaran", "sasaran"),
        ("Sasaran Strategis", "sasaran"),
        ("Sasaran Kegiatan", "sasaran"),
        ("Indikator", "indikator"),
        ("Indikator Kinerja", "indikator"),
        ("Satuan", "satuan"),
        ("Target", "target"),
        ("Target Tahunan", "target"),
        ("Target 2022", "target"),
        ("TW I", "tw1"),
        ("TW IV", "tw4"),
        ("Triwulan III", "tw3"),
        ("TW 2", "tw2"),
        ("Target TW I", "tw1"),
        ("Target 2022 TW IV", "tw4"),
        ("Target s.d. TW III", "tw3"),
        ("Triwulan I (Maret)", "tw1"),
        ("Target\nTahunan", "target"),
        ("Target Tahun 2022 (%)", "target"),
        ("Target Renstra", None),
        ("Tim", "tim"),
        ("Tim Kerja", "tim"),
        ("PJ", "tim"),
        ("Penanggung Jawab", "tim"),
        ("Penanggung Jawab (PJ)", "tim"),
        ("Kode", "kode"),
        ("Arah", "arah"),
        ("Polaritas", "arah"),
        ("Agregasi", "agregasi"),
        ("Sifat", "agregasi"),
        ("Realisasi TW I", None),
        ("Realisasi", None),
        ("No", None),
        ("Keterangan", None),
        ("Capaian (%)", None),
    ],
)
def test_label_spesifikasi(label: str, bidang: str | None) -> None:
    assert kenali_label(label) == bidang


# --------------------------------------------------------------------------- bad input


def _dua_baris_galat(keluaran: str, nama: str) -> None:
    assert "Traceback" not in keluaran
    baris = [b for b in keluaran.strip().splitlines() if b.strip()]
    assert len(baris) == 2, keluaran
    assert baris[0].startswith("Galat:") and nama in baris[0]
    assert baris[1].startswith("Yang perlu dilakukan:")


def test_bukan_buku_kerja(tmp_path: Path) -> None:
    berkas = tmp_path / "pk.xlsx"
    berkas.write_text("Sasaran;Indikator;Target\nA;B;80\n", encoding="utf-8")
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "pk.xlsx")
    assert "bukan buku kerja" in hasil.output
    assert not (tmp_path / "k.yaml").exists()


def test_buku_kerja_kosong(tmp_path: Path) -> None:
    berkas = tmp_path / "kosong.xlsx"
    Workbook().save(berkas)
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "kosong.xlsx")
    assert "kosong" in hasil.output


def test_tanpa_judul_kolom_yang_dikenal(tmp_path: Path) -> None:
    berkas = tmp_path / "anggaran.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _tulis(ws, 1, ["Akun", "Uraian", "Pagu", "Realisasi"])
    _tulis(ws, 2, ["521211", "Belanja bahan", 1000000, 250000])
    wb.save(berkas)
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "anggaran.xlsx")
    assert "judul kolom" in hasil.output and "--templat" in hasil.output


def test_berkas_tidak_ada(tmp_path: Path) -> None:
    hasil = runner.invoke(app, ["impor-pk", str(tmp_path / "tidak-ada.xlsx")])
    assert hasil.exit_code == 2
    _dua_baris_galat(hasil.output, "tidak-ada.xlsx")


def test_berkas_terpotong(matriks: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    berkas = tmp_path / "terpotong.xlsx"
    berkas.write_bytes(matriks[("bpmp", "openpyxl")].read_bytes()[:3000])
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "terpotong.xlsx")


def test_lembar_berdimensi_raksasa_tidak_dibaca(tmp_path: Path) -> None:
    """A sheet whose cells reach XFD1048576 would make calamine allocate the whole
    rectangle (the process aborts); it is skipped before calamine sees it, and the
    matrix on the other sheet is read."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws["A1"] = "Sasaran"
    ws["XFD1048576"] = "ujung"
    gaya_polos_ws = wb.create_sheet("PK")
    _tulis(gaya_polos_ws, 1, ["Sasaran", "Indikator", "Target"])
    _tulis(gaya_polos_ws, 2, ["Meningkatnya mutu", "Jumlah dokumen", 4])
    berkas = tmp_path / "raksasa.xlsx"
    wb.save(berkas)
    kode = (
        "import sys; from pathlib import Path; "
        "from pengumpulan_kinerja.impor_pk import baca_matriks; "
        f"h = baca_matriks(Path({str(berkas)!r}), 2022); "
        "print(h.lembar, h.jumlah_indikator, [t.lembar for t in h.tak_terpetakan])"
    )
    import sys

    keluar = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True)
    assert keluar.returncode == 0, keluar.stderr[-2000:]
    assert keluar.stdout.split()[:2] == ["PK", "1"]
    assert "Data" in keluar.stdout

    # alone, it is refused with the two-line message
    del wb["PK"]
    wb.save(berkas)
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "raksasa.xlsx")
    assert "terlalu besar" in hasil.output


def test_bom_zip_ditolak(tmp_path: Path) -> None:
    berkas = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(berkas, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 1024 * 1024))
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "bom.xlsx")


def test_ods_dengan_baris_berulang_raksasa_tidak_dibaca(
    matriks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """An .ods row repeated a million times with a value in 1,000 columns would make the
    reader build the whole rectangle; it is refused from content.xml before that."""
    if ("polos", "ods") not in matriks:
        pytest.skip("LibreOffice tidak terpasang")
    asli = matriks[("polos", "ods")]
    berkas = tmp_path / "berulang.ods"
    ulang = (
        b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        b'office:value-type="float" office:value="1" table:number-columns-repeated="1000">'
        b"<text:p>1</text:p></table:table-cell></table:table-row>"
    )
    with zipfile.ZipFile(asli) as masuk, zipfile.ZipFile(berkas, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename == "content.xml":
                isi = isi.replace(b"</table:table>", ulang + b"</table:table>", 1)
            keluar.writestr(info, isi)
    hasil = runner.invoke(app, ["impor-pk", str(berkas), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "berulang.ods")
    assert "terlalu besar" in hasil.output


def test_templat_dan_matriks_bersamaan_salah_pakai(tmp_path: Path) -> None:
    hasil = runner.invoke(
        app, ["impor-pk", str(tmp_path / "pk.xlsx"), "--templat", str(tmp_path / "t.xlsx")]
    )
    assert hasil.exit_code == 2
    assert not (tmp_path / "t.xlsx").exists()


def test_indikator_tanpa_target_ditandai_isi_dan_cek_menolaknya(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _tulis(ws, 1, ["Sasaran", "Indikator", "Satuan", "Target", "PJ"])
    _tulis(ws, 2, ["Meningkatnya mutu", "Jumlah dokumen mutu", "dokumen", 4, "Tim Mutu"])
    _tulis(ws, 3, [None, "Jumlah rapat koordinasi", "kali", None, "Tim Mutu"])
    berkas = tmp_path / "pk.xlsx"
    wb.save(berkas)
    hasil = impor_pk(berkas, tmp_path / "kinerja.yaml", tahun=2022)
    teks = hasil.yaml
    assert _baris_dengan(teks, "target: null")[0].split("#")[1].startswith(" ISI:")
    assert "# ISI:" in _baris_dengan(teks, "target_triwulan: [null, null, null, null]")[0]
    diisi = _isi_nama(
        teks.replace("target: null", "target: 12").replace(
            "[null, null, null, null]", "[3, 6, 9, 12]"
        )
    )
    assert baca_konfigurasi(diisi).cari_indikator("IKK-1.2") is not None
    from pengumpulan_kinerja.galat import KonfigurasiError

    with pytest.raises(KonfigurasiError) as galat:
        baca_konfigurasi(_isi_nama(teks))
    nomor = teks.splitlines().index(_baris_dengan(teks, "target: null")[0]) + 1
    assert any(m.baris == nomor and m.jalur.endswith(".target") for m in galat.value.masalah)


@pytest.mark.parametrize(
    ("atas", "bawah"),
    [
        (["Target", None, None, None, None], ["Tahunan", "I", "II", "III", "IV"]),
        (["Target 2022", "Rencana Aksi", None, None, None], [None, "I", "II", "III", "IV"]),
        (["Target", "Target Triwulan", None, None, None], [None, "I", "II", "III", "IV"]),
        (["Target", "Triwulan", None, None, None], [None, "1", "2", "3", "4"]),
    ],
)
def test_judul_dua_baris_dengan_nomor_triwulan_saja(
    atas: list[str | None], bawah: list[str | None], tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _tulis(ws, 1, ["Sasaran", "Indikator", *atas, "Capaian", None])
    _tulis(ws, 2, [None, None, *bawah, "TW I", "TW II"])
    if atas[1] is None:
        ws.merge_cells("C1:G1")
    else:
        ws.merge_cells("D1:G1")
    ws.merge_cells("H1:I1")
    _tulis(ws, 3, ["Meningkatnya mutu", "Jumlah dokumen mutu", 12, 3, 6, 9, 12, 1, 2])
    berkas = tmp_path / "pk.xlsx"
    wb.save(berkas)
    hasil = baca_matriks(berkas, 2022)
    ind = hasil.sasaran[0].indikator[0]
    assert ind.target == 12
    assert ind.target_triwulan == (3, 6, 9, 12)
    assert {t.isi for t in hasil.tak_terpetakan} >= {"Capaian TW I", "Capaian TW II"}


def test_xls_berdimensi_raksasa_tidak_dibuka(
    matriks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    """calamine fills the rectangle of every .xls sheet when it opens the file (cells at
    A1 and IV65536: 1 GB for 6 KB); the BIFF records are read first and it is refused."""
    if ("polos", "xls") not in matriks:
        pytest.skip("LibreOffice tidak terpasang")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _tulis(ws, 1, ["Sasaran", "Indikator", "Target"])
    _tulis(ws, 2, ["Meningkatnya mutu", "Jumlah dokumen", 4])
    ws["IV65536"] = "ujung"
    asli = tmp_path / "raksasa.xlsx"
    wb.save(asli)
    (xls,) = _konversi_banyak([asli], "xls", tmp_path / "xls")
    assert xls.stat().st_size < 20_000
    hasil = runner.invoke(app, ["impor-pk", str(xls), "-o", str(tmp_path / "k.yaml")])
    assert hasil.exit_code == 1
    _dua_baris_galat(hasil.output, "raksasa.xls")
    assert "terlalu besar" in hasil.output


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_berkas_rusak_tidak_pernah_meledak(
    matriks: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """Truncated or bit-flipped matrices (xlsx, ods, xls) give a draft or a
    DitolakError, never another exception."""
    from pengumpulan_kinerja.galat import DitolakError

    kunci = data.draw(st.sampled_from(sorted(k for k in matriks if k[0] == "bpmp")))
    asli = bytearray(matriks[kunci].read_bytes())
    if data.draw(st.booleans()):
        asli = asli[: data.draw(st.integers(0, len(asli)))]
    else:
        for _ in range(data.draw(st.integers(1, 20))):
            if asli:
                i = data.draw(st.integers(0, len(asli) - 1))
                asli[i] = data.draw(st.integers(0, 255))
    berkas = tmp_path_factory.mktemp("rusak") / f"rusak{matriks[kunci].suffix}"
    berkas.write_bytes(bytes(asli))
    try:
        baca_matriks(berkas, 2022)
    except DitolakError as exc:
        assert exc.saran


def test_tanpa_matriks_dan_keluaran_sama_dengan_matriks(
    matriks: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    hasil = runner.invoke(app, ["impor-pk"])
    assert hasil.exit_code == 2
    _dua_baris_galat(hasil.output, "matriks PK")
    salinan = tmp_path / "pk.xlsx"
    salinan.write_bytes(matriks[("bpmp", "openpyxl")].read_bytes())
    sebelum = salinan.read_bytes()
    hasil = runner.invoke(app, ["impor-pk", str(salinan), "-o", str(salinan), "--timpa"])
    assert hasil.exit_code == 2
    _dua_baris_galat(hasil.output, "pk.xlsx")
    assert salinan.read_bytes() == sebelum


def test_lembar_raksasa_tersembunyi_dalam_atribut_tidak_dibaca(tmp_path: Path) -> None:
    """The far cell hidden as a second ``r`` after an attribute holding ``>`` (calamine
    skips the quoted ``>``): the sheet is measured as himpun measures it and skipped."""
    import sys

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws["A1"] = "Sasaran"
    ws["B2"] = "isi"
    pk = wb.create_sheet("PK")
    _tulis(pk, 1, ["Sasaran", "Indikator", "Target"])
    _tulis(pk, 2, ["Meningkatnya mutu", "Jumlah dokumen", 4])
    asal = tmp_path / "asal.xlsx"
    wb.save(asal)
    berkas = tmp_path / "tersembunyi.xlsx"
    with zipfile.ZipFile(asal) as masuk, zipfile.ZipFile(berkas, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                isi, n = re.subn(rb'<c r="B2"', b'<c r="B2" s=">" r="XFD1048576"', isi)
                assert n == 1
            keluar.writestr(info, isi)
    kode = (
        "from pathlib import Path; "
        "from pengumpulan_kinerja.impor_pk import baca_matriks; "
        f"h = baca_matriks(Path({str(berkas)!r}), 2022); "
        "print(h.lembar, h.jumlah_indikator, [t.lembar for t in h.tak_terpetakan])"
    )
    keluar_proses = subprocess.run(
        [sys.executable, "-c", kode], capture_output=True, text=True, timeout=120
    )
    assert keluar_proses.returncode == 0, keluar_proses.stderr[-2000:]
    assert keluar_proses.stdout.split()[:2] == ["PK", "1"]
    assert "Data" in keluar_proses.stdout
