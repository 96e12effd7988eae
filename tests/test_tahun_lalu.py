"""analisis shows last year's realisation (``realisasi_tahun_lalu``, SPEC section 16).

A workspace made by ``kinerja tahun-baru 2023`` from a year with approved months
(tests/rekap_contoh.py: January-May 2022 approved) carries each indicator's year-end
realisation; ``analisis`` of January 2023 shows it in ``--json``, the terminal table, the
Capaian sheet and the HTML report, with the indicator's decimals, and never in the CSV
(its columns are a contract). A workspace without the key shows no such column.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from pengumpulan_kinerja import cetak
from pengumpulan_kinerja.analisis import KOLOM_CSV
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.cli._umum import konsol
from pengumpulan_kinerja.laporan import SKALA_MINIMUM
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja

from .rekap_contoh import buat_ruang

runner = CliRunner()

# January-May 2022 approved: A kumulatif 5+5+10+10+15, D and B terakhir (May),
# C rata-rata mean(5, 5, 4, 4, 6), E rata-rata mean(70, 70, 70, 80, 90)
AKHIR_2022 = {"A": 45.0, "D": 35.0, "B": 14.0, "C": 4.8, "E": 76.0}
# as shown with each indicator's decimals: A counts schools (0), D and B are percentages
# and E an index with whole targets (1), C days (1)
TAMPIL_2022 = {"A": "45", "D": "35,0", "B": "14,0", "C": "4,8", "E": "76,0"}
CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.fixture(scope="module")
def baru(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kinerja tahun-baru 2023`` from the recap office, then ``analisis --bulan 1``."""
    lama = buat_ruang(tmp_path_factory.mktemp("tahun-lalu") / "balai-2022")
    akar = lama.akar.parent / "balai-2023"
    hasil = runner.invoke(app, ["tahun-baru", "2023", str(akar), "-R", str(lama.akar)])
    assert hasil.exit_code == 0, hasil.output
    cek = runner.invoke(app, ["cek", "-R", str(akar)])
    assert cek.exit_code == 0, cek.output
    return akar


def _analisis(akar: Path, *argumen: str) -> str:
    hasil = runner.invoke(app, ["analisis", "--bulan", "1", *argumen, "-R", str(akar)])
    assert hasil.exit_code == 0, hasil.output
    return hasil.output


def _baris_terminal(keluaran: str) -> tuple[list[str], dict[str, list[str]]]:
    """The indicator table of the terminal: its header and its rows by code."""
    kepala: list[str] = []
    baris: dict[str, list[str]] = {}
    for teks in keluaran.splitlines():
        if teks.startswith("┃") and not kepala:
            kepala = [s.strip() for s in teks.strip("┃").split("┃")]
        elif teks.startswith("│") and kepala:
            sel = [s.strip() for s in teks.strip("│").split("│")]
            if len(sel) == len(kepala):
                baris[sel[0]] = sel
        elif teks.startswith("└") and baris:
            break
    return kepala, baris


def _kolom_capaian(akar: Path, periode: str) -> tuple[Any, list[Any]]:
    wb = load_workbook(akar / "laporan" / periode / f"analisis-{periode}.xlsx")
    ws = wb["Capaian"]
    return ws, [c.value for c in ws[1]]


def _tabel_html(akar: Path, periode: str) -> tuple[list[str], dict[str, list[str]]]:
    """The HTML indicator table: its column headers and its rows (cell texts) by code."""
    html = (akar / "laporan" / periode / f"analisis-{periode}.html").read_text(encoding="utf-8")
    tabel = html[html.index('<table class="indikator">') :]
    tabel = tabel[: tabel.index("</table>")]
    kepala = re.findall(r"<th(?: class=\"n\")?>([^<]*)</th>", tabel)
    baris = {}
    for tr in re.findall(r"<tr>\s*(<td class=\"kode\">.*?)</tr>", tabel, flags=re.S):
        sel = [re.sub(r"<[^>]+>", "", s).strip() for s in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        baris[sel[0]] = sel
    return kepala, baris


# --------------------------------------------------------------------------- with the key


def test_json_memuat_realisasi_tahun_lalu(baru: Path) -> None:
    data = json.loads(_analisis(baru, "--json"))
    assert data["periode"] == "2023-01"
    assert {r["kode"]: r["realisasi_tahun_lalu"] for r in data["indikator"]} == AKHIR_2022


def test_tabel_terminal_kolom_tahun_lalu(baru: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(konsol, "width", 160)
    kepala, baris = _baris_terminal(_analisis(baru))
    assert kepala[:6] == [
        "Kode",
        "Tim",
        "Realisasi",
        "Target bulan",
        "Capaian",
        "Realisasi tahun lalu",
    ]
    i = 5
    for kode, teks in TAMPIL_2022.items():
        assert baris[kode][i].startswith(teks), (kode, baris[kode])
    # the month's target with the indicator's decimals: A (schools) 20/3 → 7, not 6,67
    assert baris["A"][3] == "7" and baris["C"][3] == "5,0"


def test_lembar_capaian_kolom_tahun_lalu(baru: Path) -> None:
    _analisis(baru)
    ws, kepala = _kolom_capaian(baru, "2023-01")
    c = kepala.index("Realisasi Tahun Lalu")
    assert kepala[c - 1] == "Capaian Tahunan (%)", "di samping angka tahunan"
    nilai = {r[0].value: r[c] for r in ws.iter_rows(min_row=2)}
    assert {k: s.value for k, s in nilai.items()} == AKHIR_2022
    assert nilai["A"].number_format == "#,##0"  # schools: no decimals
    assert nilai["C"].number_format == "#,##0.0"  # days: the targets' one decimal
    # the category colours follow the Kategori column, wherever it now is
    kat = get_column_letter(kepala.index("Kategori") + 1)
    rentang = {str(cf.sqref): cf for cf in ws.conditional_formatting}
    assert f"{kat}2:{kat}6" in rentang and "K2:K6" in rentang
    assert all(f"${kat}2=" in r.formula[0] for cf in rentang.values() for r in cf.rules)
    # still one A4 landscape page wide at a readable scale
    lebar = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(len(kepala))]
    assert cetak.skala_muat(lebar) >= SKALA_MINIMUM


def test_html_kolom_tahun_lalu(baru: Path) -> None:
    _analisis(baru)
    kepala, baris = _tabel_html(baru, "2023-01")
    c = kepala.index("Realisasi tahun lalu")
    assert kepala[c - 1] == "Capaian tahunan"
    for kode, teks in TAMPIL_2022.items():
        assert baris[kode][c] == teks, (kode, baris[kode])
        assert len(baris[kode]) == len(kepala)


def test_csv_tanpa_kolom_tambahan(baru: Path) -> None:
    _analisis(baru)
    teks = (baru / "laporan" / "2023-01" / "capaian-2023-01.csv").read_text(encoding="utf-8")
    kepala = next(csv.reader([teks.splitlines()[0]]))
    assert tuple(kepala) == KOLOM_CSV and "realisasi_tahun_lalu" not in teks


def test_sebagian_indikator_bertahun_lalu(baru: Path) -> None:
    """The 2022 office set realisasi_tahun_lalu for A and D only: the column is shown,
    the others read "–"."""
    lama = baru.parent / "balai-2022"
    json_lama = json.loads(
        runner.invoke(app, ["analisis", "--bulan", "6", "--json", "-R", str(lama)]).output
    )
    per_kode = {r["kode"]: r["realisasi_tahun_lalu"] for r in json_lama["indikator"]}
    assert per_kode == {"A": 90.0, "D": 1234.5, "B": None, "C": None, "E": None}
    kepala, baris = _tabel_html(lama, "2022-06")
    c = kepala.index("Realisasi tahun lalu")
    assert [baris[k][c] for k in ("A", "D", "B")] == ["90", "1.234,5", "–"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium tidak terpasang")
def test_chromium_kolom_tahun_lalu_tercetak(baru: Path, tmp_path: Path) -> None:
    """Printed to A4, the continued pages carry the column under the repeated heading."""
    pypdf = pytest.importorskip("pypdf")
    _analisis(baru)
    assert CHROMIUM is not None
    url = (baru / "laporan" / "2023-01" / "analisis-2023-01.html").as_uri()
    pdf = tmp_path / "laporan.pdf"
    with tempfile.TemporaryDirectory(prefix="kinerja-chromium-") as profil:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profil}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    halaman = [re.sub(r"\s+", " ", h.extract_text()) for h in pypdf.PdfReader(pdf).pages]
    assert len(halaman) >= 2
    lanjutan = " ".join(halaman[1:])
    assert "(lanjutan)" in lanjutan and re.search(r"Realisasi\s*tahun\s*lalu", lanjutan)
    assert "4,8" in lanjutan


# --------------------------------------------------------------------------- without


@pytest.fixture
def tanpa_kunci(tmp_path: Path) -> RuangKerja:
    """The example configuration with every realisasi_tahun_lalu removed."""
    ruang = buat_ruang_kerja(tmp_path / "ruang")
    teks = ruang.berkas_konfigurasi.read_text(encoding="utf-8")
    teks = re.sub(r"^[ \t]*realisasi_tahun_lalu:.*\n", "", teks, flags=re.M)
    ruang.berkas_konfigurasi.write_text(teks, encoding="utf-8")
    ruang = RuangKerja(ruang.akar)
    assert all(i.realisasi_tahun_lalu is None for i in ruang.konfigurasi.indikator)
    return ruang


def test_tanpa_kunci_tanpa_kolom(tanpa_kunci: RuangKerja, monkeypatch: pytest.MonkeyPatch) -> None:
    akar = tanpa_kunci.akar
    data = json.loads(_analisis(akar, "--json"))
    assert data["indikator"] and all(r["realisasi_tahun_lalu"] is None for r in data["indikator"])
    monkeypatch.setattr(konsol, "width", 160)
    kepala, _ = _baris_terminal(_analisis(akar))
    assert kepala == [
        "Kode",
        "Tim",
        "Realisasi",
        "Target bulan",
        "Capaian",
        "Kategori",
        "Catatan",
    ]
    _, kepala_xlsx = _kolom_capaian(akar, "2022-01")
    assert "Realisasi Tahun Lalu" not in kepala_xlsx
    assert kepala_xlsx[14:16] == ["Capaian Tahunan (%)", "Kategori"]
    kepala_html, baris = _tabel_html(akar, "2022-01")
    assert "Realisasi tahun lalu" not in kepala_html and len(kepala_html) == 10
    assert all(len(b) == 10 for b in baris.values())
