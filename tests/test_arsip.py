"""kinerja arsip (POS step 8): the monthly folder of an approved month, its
SHA256SUMS, verification, revisions after a reopening, and what is refused.

The month is made the real way: instruments generated, filled like a team fills
them, collected (one team sends a replacement), analysed, corrected, approved.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st_
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja.analisis import analisis_bulan
from pengumpulan_kinerja.arsip import _nama_salinan, arsipkan, periksa_arsip
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.contoh import isi_instrumen, isian_contoh
from pengumpulan_kinerja.galat import DitolakError
from pengumpulan_kinerja.himpun import himpun
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.keputusan import buka, setujui
from pengumpulan_kinerja.koreksi import (
    PerubahanDiminta,
    rencanakan_koreksi,
    terapkan_koreksi,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.status import status_bulan
from tests.pembantu import atur_waktu

JUNI = Periode(2022, 6)
KASUBBAG = "Hendra Saputra, S.E., M.M."
ALASAN = "Sesuai rekap kegiatan FPD Juni"
INJEKSI = '=HYPERLINK("http://x","klik")'
NAMA_ANEH = 'Capaian UMM: "final" Juni?.xlsx'
"""A name Linux allows but Windows and SHA256SUMS lines do not like."""
runner = CliRunner()

ISI_ARSIP = {
    "README.txt",
    "SHA256SUMS",
    "analisis-2022-06.html",
    "analisis-2022-06.xlsx",
    "arsip.json",
    "capaian-2022-06.csv",
    "data-capaian-2022-06.xlsx",
    "koreksi-2022-06.csv",
    "kiriman",
    "status-2022-06.csv",
    "temuan-2022-06.csv",
}


def kirim(ruang: RuangKerja, folder: Path, tim: str, nama: str, seed: int, hari: int) -> Path:
    """Fill the team's instrument the way its leader would, and date the file."""
    k = ruang.konfigurasi
    isian, anggaran = isian_contoh(k, JUNI, tim, seed)
    tujuan = isi_instrumen(
        ruang.folder_instrumen(JUNI) / f"{tim}_{JUNI.kode}.xlsx",
        folder / nama,
        isian,
        anggaran,
        diisi_oleh=k.cari_tim(tim).ketua.nama,  # type: ignore[union-attr]
        tanggal=date(2022, 7, hari),
    )
    atur_waktu(tujuan, datetime(2022, 7, hari, 10, 0))
    return tujuan


def bulan_juni(ruang: RuangKerja) -> None:
    """The real chain up to approval: buat-instrumen → fill → himpun (PM sends twice)
    → analisis → koreksi → analisis → setujui."""
    buat_instrumen(ruang, JUNI, oleh="Tim SAKIP")
    masuk = ruang.akar / "masuk" / JUNI.kode
    masuk.mkdir(parents=True)
    for n, tim in enumerate(ruang.konfigurasi.tim_berindikator()):
        nama = NAMA_ANEH if tim.kode == "UMM" else f"Capaian {tim.kode} Juni 2022.xlsx"
        kirim(ruang, masuk, tim.kode, nama, 7, 3 + n % 4)
    himpun(ruang, masuk, oleh="Tim SAKIP")
    ganti = ruang.akar / "masuk" / "susulan"
    ganti.mkdir()
    kirim(ruang, ganti, "PM", "Capaian PM Juni 2022.xlsx", 8, 6)  # same name, new content
    himpun(ruang, ganti, oleh="Tim SAKIP")
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    rencana = rencanakan_koreksi(
        ruang,
        JUNI,
        [
            PerubahanDiminta("IKK-2.2", "realisasi", "150", ALASAN),
            PerubahanDiminta("IKK-2.3", "kendala", INJEKSI, "uji teks berawalan ="),
        ],
    )
    terapkan_koreksi(ruang, rencana, "Tim SAKIP")
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    setujui(ruang, JUNI, KASUBBAG, "Data Juni sesuai", tetap=True)


@pytest.fixture(scope="module")
def _contoh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ruang = buat_ruang_kerja(tmp_path_factory.mktemp("contoh") / "ruang")
    bulan_juni(ruang)
    return ruang.akar


@pytest.fixture
def disetujui(_contoh: Path, tmp_path: Path) -> RuangKerja:
    """A copy of the approved example month (times of files kept)."""
    akar = tmp_path / "ruang"
    shutil.copytree(_contoh, akar)
    return RuangKerja(akar)


def sha256(berkas: Path) -> str:
    return hashlib.sha256(berkas.read_bytes()).hexdigest()


def sha256sum_c(folder: Path) -> subprocess.CompletedProcess[str] | None:
    if shutil.which("sha256sum") is None:
        return None
    return subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
    )


def buku(ruang: RuangKerja) -> sqlite3.Connection:
    conn = sqlite3.connect(ruang.berkas_buku_besar)
    conn.row_factory = sqlite3.Row
    return conn


def baris_lembar(berkas: Path, lembar: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name(lembar).to_python()


# --------------------------------------------------------------------------- the chain


def test_rantai_penuh_sampai_arsip_dan_sha256sum(ruang: RuangKerja) -> None:
    bulan_juni(ruang)
    hasil = arsipkan(ruang, None, "Tim SAKIP")  # default: the latest approved month
    folder = hasil.folder
    assert folder == ruang.folder_arsip / "2022-06"
    assert (hasil.revisi, hasil.menggantikan, hasil.dipulihkan) == (1, None, False)
    assert {p.name for p in folder.iterdir()} == ISI_ARSIP
    assert not hasil.analisis_dihitung_ulang
    assert not [p for p in ruang.folder_arsip.iterdir() if p.name.startswith(".")]

    # every submission, the replaced one too, byte for byte as the ledger recorded it
    conn = buku(ruang)
    kiriman = conn.execute("SELECT * FROM kiriman WHERE periode = '2022-06' ORDER BY id").fetchall()
    aktif = {r[0] for r in conn.execute("SELECT id FROM kiriman_aktif WHERE periode = '2022-06'")}
    assert len(kiriman) == 8 and sum(k["id"] in aktif for k in kiriman) == 7
    salinan = sorted((folder / "kiriman").iterdir())
    aman = {NAMA_ANEH: "Capaian UMM_ _final_ Juni_.xlsx"}
    assert [p.name for p in salinan] == [
        f"{k['id']:04d}_{aman.get(k['nama_berkas'], k['nama_berkas'])}" for k in kiriman
    ]
    assert NAMA_ANEH in {k["nama_berkas"] for k in kiriman}
    assert [sha256(p) for p in salinan] == [k["sha256"] for k in kiriman]
    assert len({p.name for p in salinan if p.name.endswith("_Capaian PM Juni 2022.xlsx")}) == 2

    # the analysis outputs are the very files of the latest analysis
    for nama in ("analisis-2022-06.xlsx", "analisis-2022-06.html", "capaian-2022-06.csv"):
        assert (folder / nama).read_bytes() == (ruang.folder_laporan(JUNI) / nama).read_bytes()

    # SHA256SUMS: sorted, two spaces, every other file; sha256sum -c agrees
    baris = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    nama_sums = [b.split("  ", 1)[1] for b in baris]
    semua = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    )
    assert nama_sums == semua and len(semua) == 9 + 8
    assert all(len(b.split("  ", 1)[0]) == 64 for b in baris)
    cek = sha256sum_c(folder)
    if cek is not None:
        assert cek.returncode == 0, cek.stdout + cek.stderr
        assert cek.stdout.count(": OK") == len(semua)
    assert periksa_arsip(ruang, "2022-06").utuh
    assert all(not (p.stat().st_mode & stat.S_IWUSR) for p in folder.rglob("*") if p.is_file())

    manifes = json.loads((folder / "arsip.json").read_text(encoding="utf-8"))
    keputusan = conn.execute("SELECT * FROM keputusan ORDER BY id DESC LIMIT 1").fetchone()
    assert manifes["periode"] == "2022-06" and manifes["revisi"] == 1
    assert manifes["menggantikan"] is None and manifes["keputusan_id"] == keputusan["id"]
    assert (
        manifes["disetujui_oleh"] == KASUBBAG
        and manifes["catatan_persetujuan"] == "Data Juni sesuai"
    )
    assert manifes["analisis"]["berkas"] == "disalin dari laporan/2022-06/"
    assert len(manifes["kiriman"]) == 8
    baca = (folder / "README.txt").read_text(encoding="utf-8")
    assert "sha256sum -c SHA256SUMS" in baca and "Revisi 1." in baca and KASUBBAG in baca

    # recorded: the arsip row (with the hash of SHA256SUMS) and POS step 8
    (dicatat,) = conn.execute("SELECT * FROM arsip").fetchall()
    assert dicatat["folder"] == "arsip/2022-06" and dicatat["keputusan_id"] == keputusan["id"]
    assert dicatat["sha256sums"] == sha256(folder / "SHA256SUMS")
    conn.close()
    st = status_bulan(ruang, JUNI)
    assert st[8].keadaan == "selesai" and st[8].terpenuhi is True and st[8].oleh == "Tim SAKIP"
    assert st.berikutnya is None
    # and in the archived status, step 8 is this archive, under way
    with open(folder / "status-2022-06.csv", encoding="utf-8") as f:
        status = list(csv.DictReader(f))
    assert [s["keadaan"] for s in status] == ["belum"] * 2 + ["selesai"] * 5 + ["berjalan"]
    assert status[7]["keterangan"] == "arsip ini: arsip/2022-06 (revisi 1)"
    assert status[2]["terpenuhi"] == "ya" and status[3]["mutu_baku"].startswith("paling lambat")


def test_data_capaian_nilai_setelah_koreksi_dengan_asal_dan_tanda_koreksi(
    disetujui: RuangKerja,
) -> None:
    folder = arsipkan(disetujui, JUNI, "Tim SAKIP").folder
    data = baris_lembar(folder / "data-capaian-2022-06.xlsx", "Data Capaian")
    judul = data[3]
    assert judul[:12] == [
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
    ]
    assert "Disetujui oleh Hendra Saputra" in str(data[2][0])
    (dikoreksi,) = [r for r in data if r[1] == "IKK-2.2" and r[3] == "Realisasi Bulan Ini"]
    conn = buku(disetujui)
    asli = conn.execute(
        "SELECT n.angka FROM nilai n JOIN kiriman_aktif k ON k.id = n.kiriman_id WHERE 1 "
        "AND n.indikator = 'IKK-2.2' AND n.kolom = 'realisasi'"
    ).fetchone()[0]
    assert dikoreksi[4:10] == [150.0, "koreksi", dikoreksi[6], "Ya", ALASAN, "Tim SAKIP"]
    assert dikoreksi[11] == asli and asli != 150.0
    assert str(dikoreksi[6]).startswith("kiriman/") and (folder / str(dikoreksi[6])).is_file()
    # a value as sent: from the active (replacement) submission of PM
    pm = [r for r in data if r[0] == "PM" and r[5] == "kiriman"]
    assert pm and {r[7] for r in pm} == {""}
    aktif_pm = conn.execute(
        "SELECT id, nama_berkas FROM kiriman WHERE tim = 'PM' AND id IN (SELECT id FROM kiriman_aktif)"
    ).fetchone()
    assert {r[6] for r in pm} == {f"kiriman/{aktif_pm['id']:04d}_{aktif_pm['nama_berkas']}"}
    # budget rows are there
    assert [r[4] for r in data if r[0] == "PM" and r[1] == "(anggaran)"]
    # every kept value is in the sheet once
    jumlah = conn.execute("SELECT COUNT(*) FROM nilai_kini WHERE periode = '2022-06'").fetchone()[0]
    assert len(data) - 4 == jumlah

    kiriman = baris_lembar(folder / "data-capaian-2022-06.xlsx", "Kiriman")
    status_pm = [r[8] for r in kiriman[1:] if r[1] == "PM"]
    assert sorted(status_pm) == ["aktif", "digantikan"]
    keputusan = baris_lembar(folder / "data-capaian-2022-06.xlsx", "Keputusan")
    assert [r[2] for r in keputusan[1:]] == ["disetujui"]

    # text typed as a formula stays inert in the workbook and the CSVs
    wb = load_workbook(folder / "data-capaian-2022-06.xlsx")
    (sel,) = [
        c
        for baris in wb["Data Capaian"].iter_rows()
        for c in baris
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert sel.data_type == "s"
    with open(folder / "koreksi-2022-06.csv", encoding="utf-8") as f:
        audit = list(csv.DictReader(f))
    assert any(a["baru"] == "'" + INJEKSI and a["sumber"] == "koreksi" for a in audit)
    assert any(a["alasan"] == ALASAN and a["baru"] == "150.0" for a in audit)
    with open(folder / "temuan-2022-06.csv", encoding="utf-8") as f:
        temuan = list(csv.DictReader(f))
    assert list(temuan[0])[:9] == [
        "berkas",
        "lembar",
        "sel",
        "tim",
        "periode",
        "indikator",
        "kode",
        "tingkat",
        "pesan",
    ]
    assert any(t["kode"] == "menggantikan" and t["tim"] == "PM" for t in temuan)
    conn.close()


# --------------------------------------------------------------------------- verification


def test_periksa_menyebut_berkas_berubah_ditambah_hilang(disetujui: RuangKerja) -> None:
    folder = arsipkan(disetujui, JUNI, "Tim SAKIP").folder
    ubah = folder / "capaian-2022-06.csv"
    ubah.chmod(stat.S_IWUSR | stat.S_IRUSR)
    with open(ubah, "a", encoding="utf-8") as f:
        f.write("2022-06,PM,SK1,IKK-9,sisipan\n")
    (folder / "kiriman" / "tambahan.xlsx").write_bytes(b"bukan dari tim")
    hapus = folder / "temuan-2022-06.csv"
    hapus.unlink()
    akar = str(disetujui.akar)

    hasil = runner.invoke(app, ["arsip", "--periksa", "2022-06", "-R", akar])
    assert hasil.exit_code == 1, hasil.output
    assert "tidak utuh" in hasil.output
    assert "Berubah: capaian-2022-06.csv" in hasil.output
    assert "Ditambahkan: kiriman/tambahan.xlsx" in hasil.output
    assert "Hilang: temuan-2022-06.csv" in hasil.output

    hasil = runner.invoke(app, ["arsip", "--periksa", "arsip/2022-06/", "--json", "-R", akar])
    assert hasil.exit_code == 1
    data = json.loads(hasil.output)
    assert (data["utuh"], data["diubah"], data["ditambah"], data["hilang"]) == (
        False,
        ["capaian-2022-06.csv"],
        ["kiriman/tambahan.xlsx"],
        ["temuan-2022-06.csv"],
    )
    cek = sha256sum_c(folder)
    if cek is not None:
        assert cek.returncode != 0 and "capaian-2022-06.csv: FAILED" in cek.stdout


def test_periksa_arsip_utuh_keluar_0(disetujui: RuangKerja) -> None:
    arsipkan(disetujui, JUNI, "Tim SAKIP")
    hasil = runner.invoke(app, ["arsip", "--periksa", "6", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "Arsip 2022-06 utuh: 17 berkas sesuai SHA256SUMS." in " ".join(hasil.output.split())
    hasil = runner.invoke(app, ["arsip", "--periksa", "2022-07", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 2 and "Arsip yang ada: 2022-06" in " ".join(hasil.output.split())


def test_sha256sums_ditulis_ulang_tetap_ketahuan(disetujui: RuangKerja) -> None:
    """Whoever changes a file and rewrites SHA256SUMS to match still gets caught: the
    ledger keeps the hash of the SHA256SUMS it wrote."""
    folder = arsipkan(disetujui, JUNI, "Tim SAKIP").folder
    for nama in ("capaian-2022-06.csv", "SHA256SUMS"):
        (folder / nama).chmod(stat.S_IWUSR | stat.S_IRUSR)
    (folder / "capaian-2022-06.csv").write_text("periode\n2022-06\n", encoding="utf-8")
    baris = [
        f"{sha256(p)}  {p.relative_to(folder).as_posix()}"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "SHA256SUMS"
    ]
    (folder / "SHA256SUMS").write_text("\n".join(sorted(baris, key=lambda b: b[66:])) + "\n")
    cek = sha256sum_c(folder)
    if cek is not None:
        assert cek.returncode == 0, "sha256sum sendiri tertipu"
    hasil = periksa_arsip(disetujui, "2022-06")
    assert not hasil.utuh and hasil.diubah == ("SHA256SUMS",)
    assert "buku besar" in hasil.catatan[0]


# --------------------------------------------------------------------------- revisions


def test_revisi_r2_setelah_buka_dan_setujui_lagi(disetujui: RuangKerja) -> None:
    pertama = arsipkan(disetujui, JUNI, "Tim SAKIP")
    sidik_pertama = (pertama.folder / "SHA256SUMS").read_bytes()
    with pytest.raises(DitolakError, match="sudah diarsipkan di arsip/2022-06/"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")

    buka(disetujui, JUNI, "data susulan FPD", KASUBBAG)
    assert status_bulan(disetujui, JUNI)[8].keadaan == "belum"
    with pytest.raises(DitolakError, match="belum disetujui"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")
    terapkan_koreksi(
        disetujui,
        rencanakan_koreksi(
            disetujui, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", 160, "susulan")]
        ),
        "Tim SAKIP",
    )
    analisis_bulan(disetujui, JUNI, oleh="Tim SAKIP")
    setujui(disetujui, JUNI, KASUBBAG, tetap=True)

    hasil = runner.invoke(app, ["arsip", "--oleh", "Tim SAKIP", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 0, hasil.output
    keluaran = " ".join(hasil.output.split())
    assert "Arsip ditulis: arsip/2022-06.r2/ (revisi 2" in keluaran
    assert "Menggantikan arsip/2022-06/" in keluaran
    kedua = disetujui.folder_arsip / "2022-06.r2"
    manifes = json.loads((kedua / "arsip.json").read_text(encoding="utf-8"))
    assert (manifes["revisi"], manifes["menggantikan"], manifes["folder"]) == (
        2,
        "2022-06",
        "2022-06.r2",
    )
    assert "menggantikan arsip/2022-06/" in (kedua / "README.txt").read_text(encoding="utf-8")
    data = baris_lembar(kedua / "data-capaian-2022-06.xlsx", "Data Capaian")
    (r,) = [r for r in data if r[1] == "IKK-2.2" and r[3] == "Realisasi Bulan Ini"]
    assert (r[4], r[8]) == (160.0, "susulan")
    # the first archive is untouched and still verifies
    assert (pertama.folder / "SHA256SUMS").read_bytes() == sidik_pertama
    assert periksa_arsip(disetujui, "2022-06").utuh and periksa_arsip(disetujui, "2022-06.r2").utuh
    conn = buku(disetujui)
    rows = conn.execute("SELECT id, revisi, folder, menggantikan FROM arsip ORDER BY id").fetchall()
    assert [(r["revisi"], r["folder"]) for r in rows] == [
        (1, "arsip/2022-06"),
        (2, "arsip/2022-06.r2"),
    ]
    assert rows[1]["menggantikan"] == rows[0]["id"]
    langkah_8 = conn.execute("SELECT aksi FROM peristiwa WHERE langkah = 8").fetchall()
    assert [p["aksi"] for p in langkah_8] == ["arsip", "arsip"]
    conn.close()
    assert status_bulan(disetujui, JUNI)[8].keadaan == "selesai"
    hasil = runner.invoke(app, ["arsip", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 1 and "sudah diarsipkan" in hasil.output


# --------------------------------------------------------------------------- refusals


def test_arsip_bulan_belum_disetujui_ditolak(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["arsip", "--bulan", "6", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1
    assert "Juni 2022 belum disetujui" in hasil.output and "kinerja setujui" in hasil.output
    hasil = runner.invoke(app, ["arsip", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1 and "Belum ada bulan yang disetujui" in hasil.output
    assert list(ruang.folder_arsip.iterdir()) == []


def test_data_bulan_lalu_berubah_sesudah_persetujuan_ditolak(disetujui: RuangKerja) -> None:
    with disetujui.buka_buku_besar() as b, b.transaksi():
        b.ubah_nilai(
            periode="2022-05",
            tim="FPD",
            indikator="IKK-2.2",
            kolom="realisasi",
            angka=40.0,
            teks=None,
            oleh="Tim SAKIP",
            alasan="susulan Mei",
        )
    with pytest.raises(DitolakError, match="berubah sesudah persetujuan"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")
    assert list(disetujui.folder_arsip.iterdir()) == []


def test_salinan_kiriman_hilang_ditolak_tanpa_sisa(disetujui: RuangKerja) -> None:
    conn = buku(disetujui)
    salinan = conn.execute("SELECT salinan FROM kiriman ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    (disetujui.akar / salinan).unlink()
    with pytest.raises(DitolakError, match="tidak lolos pemeriksaan") as info:
        arsipkan(disetujui, JUNI, "Tim SAKIP")
    assert salinan in info.value.pesan and "hilang" in info.value.pesan
    assert "kinerja periksa" in str(info.value.saran)
    assert list(disetujui.folder_arsip.iterdir()) == [], "folder sementara dibersihkan"
    conn = buku(disetujui)
    assert conn.execute("SELECT COUNT(*) FROM arsip").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM peristiwa WHERE langkah = 8").fetchone()[0] == 0
    conn.close()


# --------------------------------------------------------------------------- robustness


def test_analisis_dihitung_ulang_bila_berkas_laporan_hilang_atau_diubah(
    disetujui: RuangKerja,
) -> None:
    laporan = disetujui.folder_laporan(JUNI)
    (laporan / "analisis-2022-06.html").unlink()
    kemudian = datetime.now().timestamp() + 60
    os.utime(laporan / "capaian-2022-06.csv", (kemudian, kemudian))  # edited after
    conn = buku(disetujui)
    jumlah_analisis = conn.execute("SELECT COUNT(*) FROM analisis").fetchone()[0]
    conn.close()
    hasil = runner.invoke(app, ["arsip", "--bulan", "6", "-R", str(disetujui.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "dihitung ulang dari buku besar" in " ".join(hasil.output.split())
    folder = disetujui.folder_arsip / "2022-06"
    assert {p.name for p in folder.iterdir()} == ISI_ARSIP
    with open(folder / "capaian-2022-06.csv", encoding="utf-8") as f:
        capaian = {r["kode"]: r for r in csv.DictReader(f)}
    assert len(capaian) == 22 and capaian["IKK-2.2"]["periode"] == "2022-06"
    assert "Juni 2022" in (folder / "analisis-2022-06.html").read_text(encoding="utf-8")
    manifes = json.loads((folder / "arsip.json").read_text(encoding="utf-8"))
    assert manifes["analisis"]["berkas"].startswith("dihitung ulang")
    assert not (laporan / "analisis-2022-06.html").exists(), "laporan/ tidak disentuh"
    conn = buku(disetujui)
    assert conn.execute("SELECT COUNT(*) FROM analisis").fetchone()[0] == jumlah_analisis
    conn.close()


def test_arsip_yang_terhenti_sebelum_dicatat_dipulihkan(disetujui: RuangKerja) -> None:
    """Killed after the rename, before the commit: the folder is complete but the ledger
    does not know it. The next run verifies and records it, and builds nothing new."""
    import pengumpulan_kinerja.arsip as modul_arsip

    asli = modul_arsip._catat

    def mati(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the rename, before recording

    modul_arsip._catat = mati  # type: ignore[assignment]
    try:
        with pytest.raises(KeyboardInterrupt):
            arsipkan(disetujui, JUNI, "Tim SAKIP")
    finally:
        modul_arsip._catat = asli
    folder = disetujui.folder_arsip / "2022-06"
    assert folder.is_dir()
    conn = buku(disetujui)
    assert conn.execute("SELECT COUNT(*) FROM arsip").fetchone()[0] == 0
    conn.close()
    hasil = arsipkan(disetujui, JUNI, "Tim SAKIP")
    assert hasil.dipulihkan and hasil.folder == folder and hasil.revisi == 1
    assert sorted(p.name for p in disetujui.folder_arsip.iterdir()) == ["2022-06"]
    conn = buku(disetujui)
    assert conn.execute("SELECT folder FROM arsip").fetchone()[0] == "arsip/2022-06"
    (rincian,) = conn.execute("SELECT rincian FROM peristiwa WHERE langkah = 8").fetchone()
    assert json.loads(rincian)["dipulihkan"] is True
    conn.close()
    with pytest.raises(DitolakError, match="sudah diarsipkan"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")


def test_sisa_folder_sementara_dibersihkan(disetujui: RuangKerja) -> None:
    sisa = disetujui.folder_arsip / ".2022-06.tmp-0badc0de"
    (sisa / "kiriman").mkdir(parents=True)
    (sisa / "kiriman" / "x.xlsx").write_bytes(b"setengah")
    (sisa / "kiriman" / "x.xlsx").chmod(stat.S_IRUSR)
    lain = disetujui.folder_arsip / "catatan-saya"
    lain.mkdir()
    arsipkan(disetujui, JUNI, "Tim SAKIP")
    assert sorted(p.name for p in disetujui.folder_arsip.iterdir()) == ["2022-06", "catatan-saya"]


def test_cli_arsip_json(disetujui: RuangKerja) -> None:
    hasil = runner.invoke(
        app,
        ["arsip", "--bulan", "2022-06", "--oleh", "Tim SAKIP", "--json", "-R", str(disetujui.akar)],
    )
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert data["revisi"] == 1 and data["menggantikan"] is None
    assert data["folder"].endswith("arsip/2022-06")
    assert data["berkas"][-1] == "SHA256SUMS" and len(data["berkas"]) == 18


def test_baris_sha256sums_rusak_disebut(disetujui: RuangKerja) -> None:
    folder = arsipkan(disetujui, JUNI, "Tim SAKIP").folder
    sums = folder / "SHA256SUMS"
    sums.chmod(stat.S_IWUSR | stat.S_IRUSR)
    baris = sums.read_text(encoding="utf-8").splitlines()
    nomor = next(n for n, b in enumerate(baris) if b.endswith("  status-2022-06.csv"))
    baris[nomor] = "bukan baris sidik status-2022-06.csv"
    sums.write_text("\n".join(baris) + "\n", encoding="utf-8")
    hasil = periksa_arsip(disetujui, "2022-06")
    assert hasil.diubah == ("SHA256SUMS",)
    assert hasil.ditambah == ("status-2022-06.csv",), "tidak lagi tercantum"
    assert any(f"tidak terbaca: {nomor + 1}" in c for c in hasil.catatan)


def test_tempat_arsip_terhalang_ditolak_tanpa_sisa(disetujui: RuangKerja) -> None:
    (disetujui.folder_arsip / "2022-06").write_text("bukan folder", encoding="utf-8")
    with pytest.raises(DitolakError, match="tidak dapat ditulis"):
        arsipkan(disetujui, JUNI, "Tim SAKIP")
    assert [p.name for p in disetujui.folder_arsip.iterdir()] == ["2022-06"]
    conn = buku(disetujui)
    assert conn.execute("SELECT COUNT(*) FROM arsip").fetchone()[0] == 0
    conn.close()


@given(st_.integers(min_value=1, max_value=99_999), st_.text(max_size=400))
def test_nama_salinan_selalu_aman(nomor: int, nama: str) -> None:
    hasil = _nama_salinan(nomor, nama + ".xlsx")
    assert hasil.startswith(f"{nomor:04d}_")
    assert not any(c in hasil for c in '/\\:*?"<>|') and all(ord(c) >= 32 for c in hasil)
    assert hasil != f"{nomor:04d}_" and len(hasil.encode("utf-8")) <= 6 + 150
    assert hasil.endswith(".xlsx"), "jenis berkas tetap terbaca"
