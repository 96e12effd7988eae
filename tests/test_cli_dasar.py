"""`kinerja init`, `kinerja cek` and the error conventions, through the real CLI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.ruang_kerja import buat_ruang_kerja, cari_ruang_kerja

runner = CliRunner()


def test_init_lalu_cek(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    hasil = runner.invoke(app, ["init", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    for nama in ("kinerja.yaml", "kinerja.db", "instrumen", "masuk", "kiriman", "laporan", "arsip"):
        assert (folder / nama).exists(), nama
    teks = (folder / "kinerja.yaml").read_text(encoding="utf-8")
    assert teks.startswith("# kinerja.yaml"), "konfigurasi contoh berkomentar"

    hasil = runner.invoke(app, ["cek", "--ruang-kerja", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    assert "BPMP Provinsi Lampung" in hasil.output
    assert "2022" in hasil.output
    assert "Kamis, 7 Juli 2022" in hasil.output
    assert "UMM" in hasil.output and "Rp 3.640.000.000" in hasil.output

    hasil = runner.invoke(app, ["cek", "--ruang-kerja", str(folder), "--json"])
    assert hasil.exit_code == 0
    assert '"jumlah_indikator": 22' in hasil.output


def test_init_tidak_menimpa(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    (folder / "kinerja.yaml").write_text("# milik pengguna\n", encoding="utf-8")
    hasil = runner.invoke(app, ["init", str(folder)])
    assert hasil.exit_code == 1, "menolak menimpa adalah penolakan (1), bukan salah pakai (2)"
    assert "sudah ada" in hasil.output
    assert (folder / "kinerja.yaml").read_text(encoding="utf-8") == "# milik pengguna\n"


def test_cek_mendaftar_semua_kesalahan(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    runner.invoke(app, ["init", str(folder)])
    berkas = folder / "kinerja.yaml"
    teks = berkas.read_text(encoding="utf-8")
    teks = (
        teks.replace("batas_tanggal: 7 ", "batas_tanggal: 0 ")
        .replace("tahun: 2022", "tahun: dua ribu")
        .replace("        target: 450\n", "        targer: 450\n")
        .replace("        tim: FPD\n", "        tim: FDP\n", 1)
        .replace("agregasi: rata-rata", "agregasi: rerata", 1)
    )
    berkas.write_text(teks, encoding="utf-8")
    hasil = runner.invoke(app, ["cek", "-R", str(folder)])
    assert hasil.exit_code == 2
    keluaran = hasil.output
    assert "Traceback" not in keluaran
    for potongan in (
        "pengumpulan.batas_tanggal",
        "tahun",
        "targer",
        "tim 'FDP' tidak ada",
        "rerata",
    ):
        assert potongan in keluaran, potongan
    assert keluaran.count("  • baris ") >= 6
    assert "kinerja cek" in keluaran


def test_tanpa_ruang_kerja(tmp_path: Path, monkeypatch: object) -> None:
    hasil = runner.invoke(app, ["cek", "-R", str(tmp_path / "tidak-ada")])
    assert hasil.exit_code == 2
    assert "bukan ruang kerja" in hasil.output
    assert "kinerja init" in hasil.output


def test_ruang_kerja_dicari_ke_atas(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    runner.invoke(app, ["init", str(folder)])
    dalam = folder / "masuk" / "juni"
    dalam.mkdir(parents=True)
    assert cari_ruang_kerja(dalam).akar == folder.resolve()


def test_bantuan_berbahasa_indonesia_dengan_contoh() -> None:
    hasil = runner.invoke(app, ["--help"])
    assert hasil.exit_code == 0
    assert "Contoh" in hasil.output
    for perintah in ("init", "cek"):
        bantuan = runner.invoke(app, [perintah, "--help"])
        assert bantuan.exit_code == 0
        assert "Contoh" in bantuan.output


def test_versi() -> None:
    hasil = runner.invoke(app, ["--versi"])
    assert hasil.exit_code == 0 and hasil.output.startswith("kinerja ")


def test_perintah_mulai_tanpa_memuat_pustaka_berat() -> None:
    """Every `kinerja` command starts by importing the CLI: it must not load pandas,
    openpyxl or jinja2 (0,8 s before the first line is printed); the commands that need
    them load them when they run."""
    kode = (
        "import sys; import pengumpulan_kinerja.cli; "
        "print(' '.join(m for m in ('pandas', 'openpyxl', 'jinja2', 'numpy') if m in sys.modules))"
    )
    keluar = subprocess.run(
        [sys.executable, "-c", kode], capture_output=True, text=True, check=True
    )
    assert keluar.stdout.strip() == ""


def test_cek_dan_status_memuat_seperlunya(tmp_path: Path) -> None:
    """Small commands load only what they use (each import is a pause before the first
    line): `kinerja cek` of a checked configuration takes it from its cache without
    PyYAML and never opens the ledger; `kinerja status` reads the ledger without pandas,
    openpyxl or jinja2."""
    buat_ruang_kerja(tmp_path / "rk")
    kode = (
        "import sys\n"
        "from pengumpulan_kinerja.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    print('KELUAR', e.code)\n"
        "print('MODUL', *(m for m in ('yaml', 'sqlite3', 'pandas', 'openpyxl', 'jinja2')"
        " if m in sys.modules))\n"
    )

    def dimuat(*argumen: str) -> tuple[str, set[str]]:
        hasil = subprocess.run(
            [sys.executable, "-c", kode, *argumen, "-R", str(tmp_path / "rk")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        *_, keluar, modul = hasil.stdout.rstrip("\n").split("\n")
        return keluar, set(modul.split()[1:])

    assert dimuat("cek") == ("KELUAR 0", {"yaml"})  # the first check parses the YAML
    assert dimuat("cek") == ("KELUAR 0", set())  # then its cache is read, without PyYAML
    keluar, modul = dimuat("status", "--bulan", "6")
    assert keluar == "KELUAR 0" and modul == {"sqlite3"}


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_berkas_keluaran_mengikuti_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """kinerja.yaml and the files written atomically (an instrument, a report) get
    the permissions any new file gets under the user's umask, not mkstemp's 0600."""
    folder = tmp_path / "ws"

    def jalankan(*argumen: str) -> None:
        subprocess.run(
            [sys.executable, "-c", "from pengumpulan_kinerja.cli import main; main()", *argumen],
            check=True,
            capture_output=True,
            timeout=120,
            preexec_fn=lambda: os.umask(umask),
        )

    jalankan("init", str(folder))
    jalankan("buat-instrumen", "6", "--tim", "PM", "-R", str(folder))
    jalankan("disposisi", "6", "--langkah", "1", "--oleh", "Kepala", "-R", str(folder))
    for berkas in (
        folder / "kinerja.yaml",
        folder / "instrumen" / "2022-06" / "PM_2022-06.xlsx",
        folder / "laporan" / "2022-06" / "disposisi-langkah-1-2022-06.html",
    ):
        assert stat.S_IMODE(berkas.stat().st_mode) == mode, berkas


def test_berkas_yang_ditimpa_mempertahankan_izinnya(tmp_path: Path) -> None:
    from pengumpulan_kinerja.ruang_kerja import tulis_atomik

    berkas = tmp_path / "laporan.txt"
    berkas.write_text("lama", encoding="utf-8")
    berkas.chmod(0o640)
    tulis_atomik(berkas, "baru")
    assert berkas.read_text(encoding="utf-8") == "baru"
    assert stat.S_IMODE(berkas.stat().st_mode) == 0o640
