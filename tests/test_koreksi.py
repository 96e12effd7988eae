"""koreksi, setujui, tolak, buka: the review loop and its audit trail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pengumpulan_kinerja.analisis import analisis_bulan, hitung_analisis
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import DitolakError, PenggunaanError
from pengumpulan_kinerja.koreksi import (
    PerubahanDiminta,
    baca_berkas_koreksi,
    buka,
    rencanakan_koreksi,
    riwayat,
    setujui,
    terapkan_koreksi,
    tolak,
    tulis_templat,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

JUNI = Periode(2022, 6)
runner = CliRunner()


@pytest.fixture
def berisi(ruang: RuangKerja) -> RuangKerja:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for ind, tim, kolom, angka in (
            ("IKK-2.2", "FPD", "realisasi", 180.0),
            ("IKK-1.1", "PM", "pembilang", 120.0),
            ("IKK-1.1", "PM", "penyebut", 300.0),
            ("IKK-1.1", "PM", "realisasi", 40.0),
            ("", "FPD", "anggaran", 150e6),
        ):
            buku.ubah_nilai(
                periode="2022-06",
                tim=tim,
                indikator=ind,
                kolom=kolom,
                angka=angka,
                teks=None,
                sumber="kiriman",
                oleh="uji",
            )
    return ruang


def nilai(ruang: RuangKerja) -> dict[tuple[str, str], object]:
    with ruang.buka_buku_besar() as buku:
        return {
            (n.indikator or n.tim, n.kolom): n.angka if n.angka is not None else n.teks
            for n in buku.nilai_kini("2022-06")
        }


def koreksi(ruang: RuangKerja, *diminta: PerubahanDiminta, oleh: str = "Ani") -> list[int]:
    return terapkan_koreksi(ruang, rencanakan_koreksi(ruang, JUNI, list(diminta)), oleh)


def test_koreksi_tunggal_dicatat_di_audit(berisi: RuangKerja) -> None:
    rencana = rencanakan_koreksi(
        berisi, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", "200", "salah ketik")]
    )
    (p,) = rencana.perubahan
    assert (p.lama, p.baru) == (180.0, 200.0)
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 180.0, "rencana tidak mengubah apa pun"
    terapkan_koreksi(berisi, rencana, "Ani")
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 200.0
    (jejak,) = [r for r in riwayat(berisi, JUNI, "IKK-2.2") if r["sumber"] == "koreksi"]
    assert (jejak["lama"], jejak["baru"], jejak["alasan"], jejak["oleh"]) == (
        "180.0",
        "200.0",
        "salah ketik",
        "Ani",
    )
    assert jejak["waktu"]


def test_koreksi_mengubah_analisis_berikutnya(berisi: RuangKerja) -> None:
    with berisi.buka_buku_besar() as buku:
        sebelum = hitung_analisis(berisi.konfigurasi, buku, JUNI)
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "Realisasi Bulan Ini", 200, "data kegiatan"))
    with berisi.buka_buku_besar() as buku:
        sesudah = hitung_analisis(berisi.konfigurasi, buku, JUNI)
    ambil = lambda h: float(h.indikator.set_index("kode").loc["IKK-2.2", "capaian_bulan"])  # noqa: E731
    assert (ambil(sebelum), ambil(sesudah)) == (90.0, 100.0)


def test_pembilang_menghitung_ulang_realisasi(berisi: RuangKerja) -> None:
    koreksi(berisi, PerubahanDiminta("IKK-1.1", "pembilang", "150", "verifikasi"))
    assert nilai(berisi)[("IKK-1.1", "realisasi")] == 50.0
    jejak = [r for r in riwayat(berisi, JUNI, "IKK-1.1") if r["sumber"] == "koreksi"]
    assert [r["kolom"] for r in jejak] == ["pembilang", "realisasi"]
    with pytest.raises(DitolakError, match="pembilang dan penyebut"):
        rencanakan_koreksi(berisi, JUNI, [PerubahanDiminta("IKK-1.1", "realisasi", 60, "x")])


@pytest.mark.parametrize(
    ("diminta", "pesan"),
    [
        (
            PerubahanDiminta("IKK-9.9", "realisasi", 1, "x", "baris 3"),
            "baris 3: kode indikator 'IKK-9.9'",
        ),
        (
            PerubahanDiminta("IKK-2.2", "realisasi", "1.234", "x", "baris 4"),
            "baris 4: nilai '1.234'",
        ),
        (
            PerubahanDiminta("IKK-2.2", "realisasi", 5, "", "baris 5"),
            "baris 5: alasan koreksi wajib",
        ),
        (PerubahanDiminta("IKK-1.1", "penyebut", 0, "x", "baris 6"), "penyebut 0"),
        (
            PerubahanDiminta("IKK-1.1", "pembilang", 500, "x", "baris 7"),
            "lebih besar dari penyebut",
        ),
        (PerubahanDiminta("IKK-1.3", "realisasi", 900, "x", "baris 8"), "batas maksimum 800"),
        (PerubahanDiminta("IKK-2.2", "warna", 5, "x", "baris 9"), "kolom 'warna' tidak dikenal"),
    ],
)
def test_batch_satu_baris_salah_tidak_mengubah_apa_pun(
    berisi: RuangKerja, diminta: PerubahanDiminta, pesan: str
) -> None:
    sebelum = nilai(berisi)
    baik = PerubahanDiminta("IKK-2.2", "realisasi", 210, "benar", "baris 2")
    with pytest.raises(DitolakError) as galat:
        koreksi(berisi, baik, diminta)
    assert pesan in galat.value.pesan
    assert nilai(berisi) == sebelum


def test_berkas_templat_dan_batch(berisi: RuangKerja, tmp_path: Path) -> None:
    templat = tulis_templat(tmp_path / "templat.xlsx", berisi.konfigurasi, JUNI)
    wb = load_workbook(templat)
    ws = wb["Koreksi"]
    assert [c.value for c in ws[1]] == ["Kode", "Kolom", "Nilai Baru", "Alasan"]
    jenis = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert jenis["A2:A500"].type == "list" and jenis["B2:B500"].type == "list"
    assert "IKK-3.6" in [c.value for c in wb["Daftar"]["A"]]
    ws.append(["IKK-2.2", "Realisasi Bulan Ini", "205", "rekap kegiatan"])
    ws.append(["FPD", "Realisasi Anggaran Bulan Ini (Rp)", "Rp 160.000.000", "SP2D susulan"])
    ws.append(["IKK-2.2", "Kendala/Permasalahan", "=SUM(1)", "catatan rapat"])
    ws.cell(row=4, column=3).data_type = "s"  # diketik sebagai teks, bukan rumus
    wb.save(tmp_path / "isi.xlsx")
    diminta = baca_berkas_koreksi(tmp_path / "isi.xlsx")
    assert [d.tempat for d in diminta] == ["baris 2", "baris 3", "baris 4"]
    koreksi(berisi, *diminta)
    hasil = nilai(berisi)
    assert hasil[("IKK-2.2", "realisasi")] == 205.0
    assert hasil[("FPD", "anggaran")] == 160e6
    assert hasil[("IKK-2.2", "kendala")] == "=SUM(1)"


def test_jejak_audit_tidak_dapat_diubah_lewat_koneksi_proyek(berisi: RuangKerja) -> None:
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "x"))
    with berisi.buka_buku_besar() as buku:
        with pytest.raises(sqlite3.DatabaseError):
            buku.conn.execute("UPDATE audit SET alasan = 'dihapus'")
        with pytest.raises(sqlite3.DatabaseError):
            buku.conn.execute("DELETE FROM audit WHERE sumber = 'koreksi'")
        assert buku.query("SELECT COUNT(*) AS n FROM audit WHERE sumber='koreksi'")[0]["n"] == 1


def test_setujui_kunci_buka(berisi: RuangKerja) -> None:
    with pytest.raises(DitolakError, match="belum dianalisis"):
        setujui(berisi, JUNI, "Kasubbag")
    analisis_bulan(berisi, JUNI)
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "x"))
    with pytest.raises(DitolakError, match="berubah setelah analisis"):
        setujui(berisi, JUNI, "Kasubbag")
    analisis_bulan(berisi, JUNI)
    setujui(berisi, JUNI, "Kasubbag")
    with pytest.raises(DitolakError, match="terkunci"):
        rencanakan_koreksi(berisi, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", 1, "x")])
    with pytest.raises(DitolakError):
        tolak(berisi, JUNI, "kurang", "Kasubbag")
    with pytest.raises(PenggunaanError):
        buka(berisi, JUNI, "  ", "Kasubbag")
    buka(berisi, JUNI, "data susulan FPD", "Kasubbag")
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 201, "susulan"))
    (baris_buka,) = [r for r in riwayat(berisi, JUNI) if r["sumber"] == "buka"]
    assert baris_buka["alasan"] == "data susulan FPD" and baris_buka["oleh"] == "Kasubbag"
    with berisi.buka_buku_besar() as buku:
        aksi = [p["aksi"] for p in buku.peristiwa("2022-06") if p["langkah"] == 7]
    assert aksi == ["koreksi", "setujui", "buka", "koreksi"]


def test_cli_konfirmasi_dan_kode_keluar(berisi: RuangKerja, tmp_path: Path) -> None:
    dasar = [
        "koreksi",
        "--bulan",
        "6",
        "-i",
        "IKK-2.2",
        "--realisasi",
        "220",
        "--alasan",
        "rekap",
        "-R",
        str(berisi.akar),
    ]
    tidak = runner.invoke(app, dasar, input="n\n")
    assert tidak.exit_code == 1 and "180 → 220" not in tidak.output
    assert "180" in tidak.output and "220" in tidak.output
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 180.0
    ya = runner.invoke(app, dasar, input="y\n")
    assert ya.exit_code == 0, ya.output
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 220.0
    tanpa_alasan = runner.invoke(
        app,
        [
            "koreksi",
            "--bulan",
            "6",
            "-i",
            "IKK-2.2",
            "--realisasi",
            "5",
            "--ya",
            "-R",
            str(berisi.akar),
        ],
    )
    assert tanpa_alasan.exit_code == 1 and "alasan koreksi wajib" in tanpa_alasan.output
    riw = runner.invoke(
        app, ["koreksi", "--riwayat", "-i", "IKK-2.2", "--json", "-R", str(berisi.akar)]
    )
    assert riw.exit_code == 0 and '"sumber": "koreksi"' in riw.output
    templat = runner.invoke(
        app,
        ["koreksi", "--bulan", "6", "--templat", str(tmp_path / "t.xlsx"), "-R", str(berisi.akar)],
    )
    assert templat.exit_code == 0 and (tmp_path / "t.xlsx").exists()
    setuju = runner.invoke(app, ["setujui", "--bulan", "6", "-R", str(berisi.akar)])
    assert setuju.exit_code == 1 and "kinerja analisis" in setuju.output
    assert runner.invoke(app, ["analisis", "--bulan", "6", "-R", str(berisi.akar)]).exit_code == 0
    assert (
        runner.invoke(
            app, ["tolak", "--bulan", "6", "--catatan", "cek IKK-2.2", "-R", str(berisi.akar)]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["setujui", "--bulan", "6", "-R", str(berisi.akar)]).exit_code == 0
    terkunci = runner.invoke(app, [*dasar, "--ya"])
    assert terkunci.exit_code == 1 and "kinerja buka" in terkunci.output
    assert (
        runner.invoke(
            app, ["buka", "--bulan", "6", "--alasan", "susulan", "-R", str(berisi.akar)]
        ).exit_code
        == 0
    )
