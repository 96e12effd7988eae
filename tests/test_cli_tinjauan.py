"""The review loop from the command line: koreksi (with its confirmation), tolak,
setujui, buka; messages and exit codes as a user meets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.pembantu import kirim_nilai

runner = CliRunner()
JUNI = "2022-06"


@pytest.fixture
def berisi(ruang: RuangKerja) -> RuangKerja:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for tim, ind, kolom, angka in (
            ("FPD", "IKK-2.2", "realisasi", 180.0),
            ("PM", "IKK-1.1", "pembilang", 120.0),
            ("PM", "IKK-1.1", "penyebut", 300.0),
            ("PM", "IKK-1.1", "realisasi", 40.0),
            ("FPD", "", "anggaran", 150e6),
        ):
            kirim_nilai(buku, [(JUNI, tim, ind, kolom, angka, None)], oleh="himpun")
    return ruang


def jalan(
    ruang: RuangKerja, *argumen: str, masukan: str | None = None, lebar: int = 160
) -> tuple[int, str]:
    """Run a command in ``ruang`` on a terminal ``lebar`` columns wide."""
    hasil = runner.invoke(
        app, [*argumen, "-R", str(ruang.akar)], input=masukan, env={"COLUMNS": str(lebar)}
    )
    assert hasil.exception is None or isinstance(hasil.exception, SystemExit), hasil.output
    return hasil.exit_code, hasil.output


def realisasi(ruang: RuangKerja, kode: str = "IKK-2.2") -> float | None:
    with ruang.buka_buku_besar() as buku:
        baris = buku._q(
            "SELECT angka FROM nilai_kini WHERE periode=? AND indikator=? AND kolom='realisasi'",
            (JUNI, kode),
        )
    return baris[0][0] if baris else None


def jumlah_koreksi(ruang: RuangKerja) -> int:
    with ruang.buka_buku_besar() as buku:
        return int(buku._q("SELECT COUNT(*) FROM audit WHERE sumber='koreksi'")[0][0])


def catat_analisis(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.catat_analisis(periode=JUNI, oleh="Tim SAKIP")


SATU = ("koreksi", "--bulan", "6", "-i", "IKK-2.2", "--realisasi", "220", "--alasan", "rekap")


# --------------------------------------------------------------------------- confirmation


def test_jawab_tidak_tidak_mengubah_apa_pun(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(berisi, *SATU, masukan="t\n")
    assert kode == 1
    assert "IKK-2.2" in keluaran and "180" in keluaran and "220" in keluaran
    assert "Terapkan 1 perubahan ini?" in keluaran and "Dibatalkan" in keluaran
    assert realisasi(berisi) == 180.0 and jumlah_koreksi(berisi) == 0
    kode, _ = jalan(berisi, *SATU, masukan="n\n")
    assert kode == 1 and realisasi(berisi) == 180.0


@pytest.mark.parametrize("jawab", ["y\n", "ya\n", "huh\nY\n"])
def test_jawab_ya_menerapkan(berisi: RuangKerja, jawab: str) -> None:
    kode, keluaran = jalan(berisi, *SATU, "--oleh", "Ani", masukan=jawab)
    assert kode == 0, keluaran
    assert "1 perubahan diterapkan" in keluaran and "kinerja analisis --bulan 2022-06" in keluaran
    if jawab.startswith("huh"):
        assert "Jawab y (ya) atau t (tidak)" in keluaran
    assert realisasi(berisi) == 220.0 and jumlah_koreksi(berisi) == 1


def test_tanpa_jawaban_ditolak_bukan_menggantung(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(berisi, *SATU, masukan="")
    assert kode == 1 and "--ya" in keluaran and "tidak ada yang diubah" in keluaran
    kode, keluaran = jalan(berisi, *SATU, "--json")
    assert kode == 2 and "--json memerlukan --ya" in keluaran
    assert realisasi(berisi) == 180.0


def test_masukan_bukan_terminal_tanpa_ya_ditolak(berisi: RuangKerja) -> None:
    """A real process whose standard input is not a terminal (cron, a script)."""
    perintah = [sys.executable, "-c", "from pengumpulan_kinerja.cli import main; main()"]
    hasil = subprocess.run(
        [*perintah, *SATU],
        env={**os.environ, "KINERJA_RUANG_KERJA": str(berisi.akar)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 1
    assert "tambahkan --ya" in hasil.stderr.lower() or "dengan --ya" in hasil.stderr
    assert realisasi(berisi) == 180.0
    ya = subprocess.run(
        [*perintah, *SATU, "--ya"],
        env={**os.environ, "KINERJA_RUANG_KERJA": str(berisi.akar)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ya.returncode == 0, ya.stderr
    assert realisasi(berisi) == 220.0


# --------------------------------------------------------------------------- one correction


def test_ya_json_dan_rasio(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(
        berisi,
        "koreksi",
        "--bulan",
        "Juni",
        "-i",
        "IKK-1.1",
        "--pembilang",
        "150",
        "--alasan",
        "verifikasi Dapodik",
        "--ya",
        "--json",
    )
    assert kode == 0, keluaran
    data = json.loads(keluaran)
    assert [(p["kolom"], p["lama"], p["baru"], p["dihitung"]) for p in data["perubahan"]] == [
        ("pembilang", 120.0, 150.0, False),
        ("realisasi", 40.0, 50.0, True),
    ]
    assert len(data["audit"]) == 2
    assert realisasi(berisi, "IKK-1.1") == 50.0


def test_anggaran_tim(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(
        berisi,
        "koreksi",
        "--bulan",
        "6",
        "--tim",
        "FPD",
        "--anggaran",
        "Rp 160.000.000",
        "--alasan",
        "SP2D susulan",
        "--ya",
        lebar=80,
    )
    assert kode == 0, keluaran
    # a narrow terminal wraps texts, never a number
    assert "Rp 150.000.000" in keluaran and "Rp 160.000.000" in keluaran


@pytest.mark.parametrize(
    ("argumen", "kode_keluar", "pesan"),
    [
        (("-i", "IKK-2.2", "--realisasi", "5"), 1, "tanpa alasan"),
        (("-i", "IKK-2.2", "--realisasi", "5", "--alasan", " "), 1, "tanpa alasan"),
        (("-i", "IKK-2.22", "--realisasi", "5", "--alasan", "x"), 1, "IKK-2.2"),
        (("-i", "IKK-2.2", "--realisasi", "1.234", "--alasan", "x"), 1, "bisa berarti 1234"),
        (("-i", "IKK-1.1", "--realisasi", "45", "--alasan", "x"), 1, "pembilang dan penyebut"),
        (("--anggaran", "5", "--alasan", "x"), 2, "--tim"),
        (("--realisasi", "5", "--alasan", "x"), 2, "--indikator"),
        (("-i", "IKK-2.2", "--alasan", "x"), 2, "Tidak ada yang dikoreksi"),
        (("-i", "IKK-2.2", "--realisasi", "5", "--alasan", "x", "--riwayat"), 2, "bersama"),
    ],
)
def test_koreksi_salah_ditolak_dengan_kode_keluar(
    berisi: RuangKerja, argumen: tuple[str, ...], kode_keluar: int, pesan: str
) -> None:
    kode, keluaran = jalan(berisi, "koreksi", "--bulan", "6", *argumen, "--ya")
    assert kode == kode_keluar, keluaran
    assert pesan in keluaran
    assert "Traceback" not in keluaran
    assert realisasi(berisi) == 180.0 and jumlah_koreksi(berisi) == 0


def test_bulan_wajib_dan_di_luar_tahun(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(berisi, "koreksi", "-i", "IKK-2.2", "--realisasi", "5", "--alasan", "x")
    assert kode == 2 and "--bulan" in keluaran
    kode, keluaran = jalan(berisi, *SATU[:2], "2023-06", *SATU[3:], "--ya")
    assert kode == 2 and "di luar tahun" in keluaran


# --------------------------------------------------------------------------- batch


def test_templat_dan_berkas_batch(berisi: RuangKerja, tmp_path: Path) -> None:
    templat = tmp_path / "koreksi.xlsx"
    kode, keluaran = jalan(berisi, "koreksi", "--bulan", "6", "--templat", str(templat))
    assert kode == 0 and templat.exists() and "--berkas" in keluaran
    wb = load_workbook(templat)
    ws = wb["Koreksi"]
    ws.append(["IKK-2.2", "Realisasi Bulan Ini", 230, "rekap kegiatan"])
    ws.append(["IKK-1.1", "Penyebut", "400", "data Dapodik"])
    wb.save(tmp_path / "baik.xlsx")
    ws.append(["IKK-2.2", "Upaya/Solusi", "Bimtek tambahan", ""])
    wb.save(tmp_path / "salah.xlsx")

    kode, keluaran = jalan(
        berisi, "koreksi", "--bulan", "6", "--berkas", str(tmp_path / "salah.xlsx")
    )
    assert kode == 1
    assert "salah.xlsx ditolak" in keluaran and "baris 4: alasan koreksi wajib" in keluaran
    assert realisasi(berisi) == 180.0 and jumlah_koreksi(berisi) == 0

    kode, keluaran = jalan(
        berisi, "koreksi", "--bulan", "6", "--berkas", str(tmp_path / "baik.xlsx"), masukan="y\n"
    )
    assert kode == 0, keluaran
    assert "Terapkan 3 perubahan ini?" in keluaran and "3 perubahan diterapkan" in keluaran
    assert realisasi(berisi) == 230.0 and realisasi(berisi, "IKK-1.1") == 30.0

    kode, keluaran = jalan(
        berisi, "koreksi", "--bulan", "6", "--berkas", str(tmp_path / "baik.xlsx"), "--ya"
    )
    assert (
        kode == 0
        and "sama dengan nilai kini" in keluaran
        and "Tidak ada yang dikoreksi" in keluaran
    )
    assert jumlah_koreksi(berisi) == 3


def test_berkas_batch_yang_tidak_ada(berisi: RuangKerja, tmp_path: Path) -> None:
    kode, keluaran = jalan(
        berisi, "koreksi", "--bulan", "6", "--berkas", str(tmp_path / "tidak-ada.xlsx")
    )
    assert kode == 2 and "tidak ada" in keluaran


# --------------------------------------------------------------------------- audit trail


def test_riwayat_tabel_dan_json(berisi: RuangKerja) -> None:
    assert jalan(berisi, *SATU, "--oleh", "Ani", "--ya")[0] == 0
    kode, keluaran = jalan(berisi, "koreksi", "--riwayat", "--bulan", "6", "--sumber", "koreksi")
    assert kode == 0
    assert "Jejak audit Juni 2022: 1 baris" in keluaran
    assert "Juni 2022 · FPD · IKK-2.2 · Realisasi Bulan Ini" in keluaran
    assert "180 → 220" in keluaran and "koreksi oleh Ani: rekap" in keluaran
    kode, keluaran = jalan(berisi, "koreksi", "--riwayat", "-i", "IKK-2.2", "--json")
    assert kode == 0
    data = json.loads(keluaran)
    assert [(b["sumber"], b["lama"], b["baru"]) for b in data] == [
        ("kiriman", None, 180.0),
        ("koreksi", 180.0, 220.0),
    ]
    assert set(data[1]) >= {"waktu", "periode", "tim", "indikator", "kolom", "alasan", "oleh"}
    kode, keluaran = jalan(berisi, "koreksi", "--riwayat", "--bulan", "7")
    assert kode == 0 and "kosong" in keluaran
    assert jalan(berisi, "koreksi", "--riwayat", "--sumber", "email")[0] == 2


# --------------------------------------------------------------------------- decisions


def test_setujui_kunci_buka_lewat_cli(berisi: RuangKerja) -> None:
    kode, keluaran = jalan(berisi, "setujui", "--bulan", "6", "--oleh", "Hendra")
    assert kode == 1 and "kinerja analisis --bulan 2022-06` dulu" in keluaran
    catat_analisis(berisi)
    kode, keluaran = jalan(
        berisi, "tolak", "--bulan", "6", "--catatan", "IKK-2.2 belum sesuai", "--oleh", "Hendra"
    )
    assert kode == 0 and "dikembalikan" in keluaran and "kinerja analisis" in keluaran
    assert jalan(berisi, *SATU, "--ya")[0] == 0
    kode, keluaran = jalan(berisi, "setujui", "--bulan", "6", "--oleh", "Hendra")
    assert kode == 1 and "berubah setelah analisis" in keluaran

    catat_analisis(berisi)
    kode, keluaran = jalan(berisi, "setujui", "--bulan", "6", "--oleh", "Hendra")
    assert kode == 1 and "belum mengirim" in keluaran and "--tetap" in keluaran
    kode, keluaran = jalan(berisi, "setujui", "--bulan", "6", "--oleh", "Hendra", "--tetap")
    assert kode == 0 and "disetujui oleh Hendra" in keluaran and "terkunci" in keluaran
    kode, keluaran = jalan(berisi, *SATU[:-3], "999", "--alasan", "x", "--ya")
    assert kode == 1 and "bulan-terkunci" in keluaran and "kinerja buka" in keluaran
    assert realisasi(berisi) == 220.0
    assert jalan(berisi, "setujui", "--bulan", "6", "--oleh", "Hendra")[0] == 1
    assert jalan(berisi, "tolak", "--bulan", "6", "--catatan", "x", "--oleh", "Hendra")[0] == 1

    assert jalan(berisi, "buka", "--bulan", "6")[0] == 2  # --alasan wajib
    kode, keluaran = jalan(
        berisi, "buka", "--bulan", "6", "--alasan", "data susulan FPD", "--oleh", "Hendra"
    )
    assert kode == 0 and "dibuka kembali" in keluaran
    assert jalan(berisi, "buka", "--bulan", "6", "--alasan", "lagi", "--oleh", "H")[0] == 1
    assert jalan(berisi, *SATU[:-3], "225", "--alasan", "susulan", "--ya")[0] == 0
    assert realisasi(berisi) == 225.0
    kode, keluaran = jalan(berisi, "koreksi", "--riwayat", "--bulan", "6", "--sumber", "buka")
    assert "bulan dibuka kembali" in keluaran and "data susulan FPD" in keluaran


def test_tolak_memerlukan_catatan(berisi: RuangKerja) -> None:
    assert jalan(berisi, "tolak", "--bulan", "6")[0] == 2
    kode, keluaran = jalan(berisi, "tolak", "--bulan", "6", "--catatan", "  ", "--oleh", "H")
    assert kode == 2 and "catatan" in keluaran


def test_keputusan_tanpa_oleh_memakai_kasubbag_setelah_konfirmasi(berisi: RuangKerja) -> None:
    """Never the OS user silently: without --oleh the configured Kasubbag Umum is offered."""
    kode, keluaran = jalan(berisi, "tolak", "--bulan", "6", "--catatan", "x", masukan="t\n")
    assert kode == 2 and "--oleh" in keluaran
    kode, keluaran = jalan(berisi, "tolak", "--bulan", "6", "--catatan", "x", masukan="y\n")
    assert kode == 0 and "Hendra Saputra" in keluaran
    with berisi.buka_buku_besar() as buku:
        (k,) = buku.keputusan("2022-06")
    assert k.oleh == "Hendra Saputra, S.E., M.M." and k.jenis == "tolak"


@pytest.mark.parametrize("nama", ["koreksi", "setujui", "tolak", "buka"])
def test_bantuan_dengan_contoh(nama: str) -> None:
    hasil = runner.invoke(app, [nama, "--help"])
    assert hasil.exit_code == 0 and "Contoh:" in hasil.output and f"kinerja {nama}" in hasil.output
