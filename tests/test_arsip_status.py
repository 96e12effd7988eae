"""arsip, disposisi and status on a real month: generate, fill, collect, analyse,
approve, archive, verify."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja.analisis import analisis_bulan
from pengumpulan_kinerja.arsip import arsipkan, periksa_arsip
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.disposisi import catat_disposisi
from pengumpulan_kinerja.galat import DitolakError
from pengumpulan_kinerja.himpun import himpun
from pengumpulan_kinerja.keputusan import buka, setujui
from pengumpulan_kinerja.koreksi import (
    PerubahanDiminta,
    rencanakan_koreksi,
    terapkan_koreksi,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from pengumpulan_kinerja.status import status_bulan
from tests.pembantu import isi_bulan

JUNI = Periode(2022, 6)
runner = CliRunner()


def keadaan(ruang: RuangKerja) -> dict[int, str]:
    return {s.langkah.nomor: s.keadaan for s in status_bulan(ruang, JUNI).langkah}


@pytest.fixture
def disetujui(ruang: RuangKerja) -> RuangKerja:
    assert set(keadaan(ruang).values()) == {"belum"}
    catat_disposisi(ruang, JUNI, 1, "Drs. Djohan Achmadi, M.Ed.")
    catat_disposisi(ruang, JUNI, 2, "Hendra Saputra, S.E., M.M.", catatan="Segera diproses")
    assert keadaan(ruang)[2] == "selesai"
    folder = isi_bulan(ruang, JUNI, kecuali=["FPP"], terlambat=["KMT"])
    assert keadaan(ruang)[3] == "selesai" and keadaan(ruang)[4] == "belum"
    himpun(ruang, folder, oleh="Tim SAKIP")
    st = keadaan(ruang)
    assert st[4] == "berjalan" and st[5] == "selesai" and st[6] == "belum"
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    rencana = rencanakan_koreksi(
        ruang, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", "150", "rekap kegiatan")]
    )
    terapkan_koreksi(ruang, rencana, "Tim SAKIP")
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    assert keadaan(ruang)[7] == "berjalan"
    setujui(ruang, JUNI, "Hendra Saputra, S.E., M.M.", tetap=True)
    assert keadaan(ruang)[7] == "selesai"
    return ruang


def test_status_mutu_baku_dan_langkah_berikutnya(disetujui: RuangKerja) -> None:
    st = status_bulan(disetujui, JUNI)
    per = {s.langkah.nomor: s for s in st.langkah}
    assert per[1].terpenuhi and per[2].terpenuhi and per[3].terpenuhi
    assert per[4].terpenuhi is False, "KMT terlambat dan FPP belum mengirim"
    assert "tepat waktu 5" in per[4].keterangan and "terlambat 1" in per[4].keterangan
    assert per[8].keadaan == "belum"
    assert st.berikutnya is not None and st.berikutnya.nomor == 8, "disetujui, belum diarsipkan"
    hasil = runner.invoke(app, ["status", "--bulan", "6", "--json", "-R", str(disetujui.akar)])
    data = json.loads(hasil.output)
    assert [x["keadaan"] for x in data["langkah"]] == [
        "selesai",
        "selesai",
        "selesai",
        "selesai",  # step 4 closes with the approval; FPP is named as missing
        "selesai",
        "selesai",
        "selesai",
        "belum",
    ]
    assert data["langkah"][0]["mutu_baku"] == "15 menit"


def test_arsip_lengkap_dan_sha256sum(disetujui: RuangKerja) -> None:
    hasil = arsipkan(disetujui, None, "Tim SAKIP")
    folder = hasil.folder
    assert folder == disetujui.folder_arsip / "2022-06" and hasil.revisi == 1
    nama = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    for wajib in (
        "data-capaian-2022-06.xlsx",
        "analisis-2022-06.xlsx",
        "analisis-2022-06.html",
        "capaian-2022-06.csv",
        "temuan-2022-06.csv",
        "koreksi-2022-06.csv",
        "status-2022-06.csv",
        "arsip.json",
        "SHA256SUMS",
    ):
        assert wajib in nama, wajib
    assert len([n for n in nama if n.startswith("kiriman/")]) == 6
    assert not list(disetujui.folder_arsip.glob(".*")), "tidak ada sisa folder sementara"
    if shutil.which("sha256sum"):
        cek = subprocess.run(
            ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
        )
        assert cek.returncode == 0, cek.stdout + cek.stderr
    assert periksa_arsip(disetujui, "2022-06").utuh
    data = (
        CalamineWorkbook.from_path(str(folder / "data-capaian-2022-06.xlsx"))
        .get_sheet_by_name("Data Capaian")
        .to_python()
    )
    (koreksi,) = [r for r in data if r[1] == "IKK-2.2" and r[3] == "Realisasi Bulan Ini"]
    assert (koreksi[4], koreksi[5], koreksi[7], koreksi[8]) == (
        150.0,
        "koreksi",
        "Ya",
        "rekap kegiatan",
    )
    asli = [r for r in data if r[1] == "IKK-2.3" and r[3] == "Pembilang"]
    assert asli and asli[0][5] == "kiriman" and asli[0][6].endswith(".xlsx")
    with pytest.raises(DitolakError, match="sudah diarsipkan"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")


def test_periksa_menyebut_berkas_berubah_ditambah_hilang(disetujui: RuangKerja) -> None:
    folder = arsipkan(disetujui, JUNI, "x").folder
    ubah = folder / "capaian-2022-06.csv"
    ubah.chmod(stat.S_IWUSR | stat.S_IRUSR)
    ubah.write_text("diubah\n", encoding="utf-8")
    (folder / "tambahan.txt").write_text("x", encoding="utf-8")
    hapus = folder / "temuan-2022-06.csv"
    hapus.unlink()
    hasil = runner.invoke(app, ["arsip", "--periksa", "2022-06", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 1
    assert "Berubah: capaian-2022-06.csv" in hasil.output
    assert "Ditambahkan: tambahan.txt" in hasil.output
    assert "Hilang: temuan-2022-06.csv" in hasil.output


def test_revisi_kedua_setelah_buka(disetujui: RuangKerja) -> None:
    pertama = arsipkan(disetujui, JUNI, "x")
    buka(disetujui, JUNI, "data susulan", "Kasubbag")
    terapkan_koreksi(
        disetujui,
        rencanakan_koreksi(
            disetujui, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", 160, "susulan")]
        ),
        "x",
    )
    analisis_bulan(disetujui, JUNI)
    setujui(disetujui, JUNI, "Kasubbag", tetap=True)
    kedua = arsipkan(disetujui, JUNI, "x")
    assert kedua.folder.name == "2022-06.r2" and kedua.menggantikan == "2022-06"
    manifes = json.loads((kedua.folder / "arsip.json").read_text(encoding="utf-8"))
    assert manifes["menggantikan"] == "2022-06" and manifes["revisi"] == 2
    assert periksa_arsip(disetujui, "2022-06").utuh, "arsip lama tidak disentuh"
    assert pertama.folder.exists()
    with disetujui.buka_buku_besar() as buku:
        assert [p.aksi for p in buku.peristiwa("2022-06") if p.langkah == 8] == [
            "arsip",
            "arsip",
        ]


def test_arsip_bulan_belum_disetujui_ditolak(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["arsip", "--bulan", "6", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1 and "belum disetujui" in hasil.output
    hasil = runner.invoke(app, ["arsip", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1 and "Belum ada bulan yang disetujui" in hasil.output


def test_lembar_disposisi(ruang: RuangKerja) -> None:
    hasil = runner.invoke(
        app,
        ["disposisi", "--bulan", "6", "--langkah", "2", "--oleh", "Hendra", "-R", str(ruang.akar)],
    )
    assert hasil.exit_code == 1 and "langkah 1" in hasil.output
    hasil = runner.invoke(
        app,
        [
            "disposisi",
            "--bulan",
            "6",
            "--langkah",
            "1",
            "--oleh",
            "Drs. Djohan Achmadi, M.Ed.",
            "--catatan",
            "<b>segera</b>",
            "-R",
            str(ruang.akar),
        ],
    )
    assert hasil.exit_code == 0, hasil.output
    html = (ruang.folder_laporan(JUNI) / "disposisi-langkah-1-2022-06.html").read_text(
        encoding="utf-8"
    )
    assert (
        "LEMBAR DISPOSISI" in html and "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI LAMPUNG" in html
    )
    assert (
        "BPL-06/08/C7.14/2022" in html
        and "POS Pengumpulan Data Kinerja BPMP Provinsi Lampung" in html
    )
    assert "NIP 196611071995121001" in html and "Juni 2022" in html
    assert "Hendra Saputra" in html, "kepada: Kasubbag Umum dari konfigurasi"
    assert "&lt;b&gt;segera" in html
