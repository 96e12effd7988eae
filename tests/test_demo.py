"""End to end: `kinerja demo` runs the example month; the archive's figures are
checked against values computed by hand from what the teams typed."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app

runner = CliRunner()


def test_demo_bulan_penuh_dan_angka_arsip(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    hasil = runner.invoke(app, ["demo", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    assert "Langkah 8: arsip" in hasil.output and "analisis-2022-06.html" in hasil.output
    arsip = folder / "arsip" / "2022-06"
    assert (arsip / "SHA256SUMS").exists()
    if shutil.which("sha256sum"):
        assert (
            subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=arsip).returncode == 0
        )

    # what the teams typed, straight from the submitted workbooks (not the ledger)
    def ketik(kode_tim: str, bulan: int, kode: str) -> float:
        nama = {1: "Januari", 2: "Februari", 3: "Maret", 4: "April", 5: "Mei", 6: "Juni"}[bulan]
        berkas = (
            folder / "masuk" / f"2022-{bulan:02d}" / f"Capaian Kinerja {kode_tim} {nama} 2022.xlsx"
        )
        isi = CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name("Capaian").to_python()
        (baris,) = [r for r in isi if r[1] == kode]
        return float(baris[9])

    with open(arsip / "capaian-2022-06.csv", encoding="utf-8") as f:
        capaian = {r["kode"]: r for r in csv.DictReader(f)}
    # IKK-2.2: kumulatif, target Juni = target triwulan II = 200
    jumlah = sum(ketik("FPD", b, "IKK-2.2") for b in range(1, 7))
    assert float(capaian["IKK-2.2"]["realisasi"]) == pytest.approx(jumlah)
    assert float(capaian["IKK-2.2"]["capaian_bulan"]) == pytest.approx(round(jumlah / 200 * 100, 2))
    assert float(capaian["IKK-2.2"]["capaian_tahunan"]) == pytest.approx(
        round(jumlah / 450 * 100, 2)
    )
    # IKK-1.7: DTI typed the ambiguous '1.234'; corrected to 5 → 5/4 = 125% capped at 120%
    assert capaian["IKK-1.7"]["realisasi"] == "5"
    assert capaian["IKK-1.7"]["capaian_bulan"] == "120"
    assert capaian["IKK-1.7"]["kategori"] == "Sangat Baik"
    # IKK-1.6: turun/rasio, rata-rata Jan..Jun against target triwulan II (4)
    rata = sum(ketik("DTI", b, "IKK-1.6") for b in range(1, 7)) / 6
    assert float(capaian["IKK-1.6"]["capaian_bulan"]) == pytest.approx(
        round(4 / rata * 100, 2), abs=0.01
    )
    # FPP did not submit June: its terakhir indicator shows May's value
    assert float(capaian["IKK-2.8"]["realisasi"]) == pytest.approx(
        100 * ketik_rasio(folder, "FPP", 5, "IKK-2.8")
    )

    data = (
        CalamineWorkbook.from_path(str(arsip / "data-capaian-2022-06.xlsx"))
        .get_sheet_by_name("Data Capaian")
        .to_python()
    )
    (koreksi,) = [r for r in data if r[1] == "IKK-1.7" and r[7] == "Ya"]
    assert koreksi[4] == 5.0 and "telepon" in koreksi[8]
    with open(arsip / "temuan-2022-06.csv", encoding="utf-8") as f:
        temuan = list(csv.DictReader(f))
    assert any(
        t["kode"] == "bukan-angka" and t["sel"] == "J13" and t["tim"] == "DTI" for t in temuan
    )
    assert any(t["kode"] == "terlambat" and t["tim"] == "KMT" for t in temuan)
    with open(arsip / "status-2022-06.csv", encoding="utf-8") as f:
        status = list(csv.DictReader(f))
    assert [s["keadaan"] for s in status][:7] == [
        "selesai",
        "selesai",
        "selesai",
        "selesai",  # closed by the approval, FPP named as missing
        "selesai",
        "selesai",
        "selesai",
    ]
    assert "belum mengirim 1 (FPP)" in status[3]["keterangan"]
    conn = sqlite3.connect(folder / "kinerja.db")
    assert conn.execute("SELECT COUNT(*) FROM kiriman").fetchone()[0] == 7 * 5 + 6
    conn.close()


def ketik_rasio(folder: Path, kode_tim: str, bulan: int, kode: str) -> float:
    nama = {5: "Mei"}[bulan]
    berkas = folder / "masuk" / f"2022-{bulan:02d}" / f"Capaian Kinerja {kode_tim} {nama} 2022.xlsx"
    isi = CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name("Capaian").to_python()
    (baris,) = [r for r in isi if r[1] == kode]
    return float(baris[10]) / float(baris[11])


def test_demo_menolak_folder_berisi(tmp_path: Path) -> None:
    (tmp_path / "milik-saya.txt").write_text("penting", encoding="utf-8")
    hasil = runner.invoke(app, ["demo", str(tmp_path)])
    assert hasil.exit_code == 1 and "sudah berisi" in hasil.output
    assert (tmp_path / "milik-saya.txt").read_text(encoding="utf-8") == "penting"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["milik-saya.txt"]
