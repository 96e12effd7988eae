"""analisis: figures computed from the ledger, checked against hand computations.

The ledger is filled the way himpun and koreksi leave it (``BukuBesar.ubah_nilai``
inside a transaction; submissions as plain ``kiriman`` rows). The example config has
``capaian_maksimum: 120`` and the default PMK category scale.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja import laporan
from pengumpulan_kinerja.analisis import HasilAnalisis, analisis_bulan, hitung_analisis
from pengumpulan_kinerja.buku_besar import BukuBesar
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.cli._umum import konsol
from pengumpulan_kinerja.galat import PenggunaanError
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.pembantu import isi_nilai, kirim_nilai

JUNI = Periode(2022, 6)
runner = CliRunner()

DATA: dict[tuple[str, str], list[float]] = {
    ("FPD", "IKK-2.2"): [10, 20, 20, 50, 50, 40],  # naik, kumulatif, [50, 200, 350, 450]
    ("UMM", "IKK-3.4"): [19, 18, 17, 16, 14, 13.5],  # turun/selisih, terakhir, [20, 15, 10, 5]
    ("DTI", "IKK-1.6"): [5, 5, 4, 4, 4, 2],  # turun/rasio, rata-rata, [5, 4, 3, 3]
    ("DTI", "IKK-1.5"): [90, 91, 90, 92, 91, 20],  # naik, terakhir, [85, 90, 92, 95]
}
ANGGARAN_FPD = [40e6, 80e6, 100e6, 150e6, 200e6, 172e6]  # pagu 2.150.000.000


def kirim(buku: BukuBesar, bulan: int, tim: str, terlambat: bool = False) -> None:
    """A submission of the team's values so far, received on time or late."""
    kirim_nilai(
        buku,
        [],
        tim_periode=[(f"2022-{bulan:02d}", tim)],
        diterima="2022-07-09T10:00:00" if terlambat else "2022-07-05T10:00:00",
        terlambat=terlambat,
        tanggal_pengisian="2022-07-04",
        diisi_oleh="Ketua",
    )


def isi_buku(ruang: RuangKerja) -> None:
    """January-June of four indicators, FPD's budget, texts, three June submissions."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for (tim, ind), nilai in DATA.items():
            for bulan, v in enumerate(nilai, start=1):
                isi_nilai(buku, bulan, tim, ind, "realisasi", v)
        for bulan, v in enumerate(ANGGARAN_FPD, start=1):
            isi_nilai(buku, bulan, "FPD", "", "anggaran", v)
        isi_nilai(
            buku, 6, "FPD", "IKK-2.2", "kendala", teks="Hujan lebat; <script>alert(1)</script>"
        )
        isi_nilai(buku, 6, "UMM", "IKK-3.4", "kendala", teks='=HYPERLINK("http://x","klik")')
        isi_nilai(buku, 6, "UMM", "IKK-3.4", "rtl", teks="Rapat tindak lanjut dengan auditor")
        kirim(buku, 6, "FPD")
        kirim(buku, 6, "UMM", terlambat=True)
        kirim(buku, 6, "DTI")


def hitung_bulan(ruang: RuangKerja, periode: Periode = JUNI) -> HasilAnalisis:
    with ruang.buka_buku_besar() as buku:
        return hitung_analisis(ruang.konfigurasi, buku, periode)


def baris(hasil: HasilAnalisis, kode: str) -> dict[str, Any]:
    df = hasil.indikator
    return {
        k: (None if isinstance(v, float) and math.isnan(v) else v)
        for k, v in df[df["kode"] == kode].iloc[0].items()
    }


@pytest.fixture
def berisi(ruang: RuangKerja) -> RuangKerja:
    isi_buku(ruang)
    return ruang


# --------------------------------------------------------------------------- per indicator


def test_naik_kumulatif_dihitung_tangan(berisi: RuangKerja) -> None:
    a = baris(hitung_bulan(berisi), "IKK-2.2")
    # 10+20+20+50+50+40 = 190 against June 200 (linear: Q2 end), Q2 200, year 450
    assert (a["realisasi_bulan"], a["realisasi"], a["target_bulan"]) == (40, 190, 200)
    assert (a["capaian_bulan"], a["capaian_triwulan"]) == (95.0, 95.0)
    assert a["capaian_tahunan"] == 42.22  # 190 / 450
    assert a["kategori"] == "Sangat Baik"
    # May: 150 against 50 + 150 × 2/3 = 150 → 100%: June is worse
    assert a["capaian_bulan_lalu"] == 100.0
    assert a["tanda"] == ["di_bawah_target", "memburuk", "kendala_tanpa_rtl"]


def test_turun_selisih_terakhir_dihitung_tangan(berisi: RuangKerja) -> None:
    b = baris(hitung_bulan(berisi), "IKK-3.4")
    # latest 13.5 against Q2 15: (2×15 − 13.5)/15 = 110; year 5: (10 − 13.5)/5 < 0 → 0
    assert (b["realisasi"], b["target_bulan"], b["capaian_bulan"]) == (13.5, 15, 110.0)
    assert b["capaian_tahunan"] == 0.0
    assert b["capaian_bulan_lalu"] == 106.67  # (30 − 14)/15
    assert b["tanda"] == []
    assert b["rtl"] == "Rapat tindak lanjut dengan auditor"


def test_turun_rasio_rata_rata_dihitung_tangan(berisi: RuangKerja) -> None:
    c = baris(hitung_bulan(berisi), "IKK-1.6")
    # mean(5,5,4,4,4,2) = 4 against Q2 4 → 4/4 = 100; year 3 → 3/4 = 75
    assert (c["realisasi"], c["capaian_bulan"], c["capaian_tahunan"]) == (4.0, 100.0, 75.0)
    assert c["capaian_bulan_lalu"] == 90.91  # May: 4 / mean(5,5,4,4,4) = 4 / 4.4
    assert c["skor_z"] == -2.7  # 0.6745 × (2 − 4) / 0.5: not an outlier
    assert c["tanda"] == []


def test_pencilan_dan_memburuk(berisi: RuangKerja) -> None:
    d = baris(hitung_bulan(berisi), "IKK-1.5")
    assert d["capaian_bulan"] == 22.22  # 20 / 90
    assert d["capaian_bulan_lalu"] == 101.11  # 91 / 90
    # median 90.5, MAD 0.5: 0.6745 × (20 − 90.5) / 0.5
    assert d["skor_z"] == pytest.approx(-95.1, abs=0.01)
    assert d["tanda"] == ["di_bawah_target", "pencilan", "memburuk"]
    assert d["kategori"] == "Sangat Kurang"


def test_tanpa_data(berisi: RuangKerja) -> None:
    e = baris(hitung_bulan(berisi), "IKK-1.1")
    assert e["realisasi"] is None and e["capaian_bulan"] is None and e["kategori"] is None
    assert e["tanda"] == ["tanpa_data"]
    assert e["target_bulan"] == 40 and e["target_tahunan"] == 80


def test_pencilan_baru_dicari_setelah_empat_bulan(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for bulan, v in ((4, 50.0), (5, 51.0), (6, 5.0)):
            isi_nilai(buku, bulan, "FPM", "IKK-2.5", "realisasi", v)
    tiga = baris(hitung_bulan(ruang), "IKK-2.5")
    assert tiga["skor_z"] is None and "pencilan" not in tiga["tanda"]
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        isi_nilai(buku, 3, "FPM", "IKK-2.5", "realisasi", 50.0)
    empat = baris(hitung_bulan(ruang), "IKK-2.5")
    assert "pencilan" in empat["tanda"] and empat["skor_z"] < -3.5


def test_kendala_tanpa_rtl_termasuk_rtl_kosong(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        isi_nilai(buku, 6, "FPM", "IKK-2.4", "realisasi", 10.0)
        isi_nilai(buku, 6, "FPM", "IKK-2.4", "kendala", teks="Narasumber berhalangan")
        isi_nilai(buku, 6, "FPM", "IKK-2.4", "rtl", teks="   ")
        isi_nilai(buku, 6, "FPM", "IKK-2.5", "realisasi", 50.0)
        isi_nilai(buku, 6, "FPM", "IKK-2.5", "kendala", teks="Cuaca")
        isi_nilai(buku, 6, "FPM", "IKK-2.5", "rtl", teks="Dijadwalkan ulang")
        isi_nilai(buku, 5, "FPM", "IKK-2.6", "kendala", teks="kendala bulan lalu")  # not June
    hasil = hitung_bulan(ruang)
    assert "kendala_tanpa_rtl" in baris(hasil, "IKK-2.4")["tanda"]
    assert baris(hasil, "IKK-2.4")["rtl"] is None
    assert "kendala_tanpa_rtl" not in baris(hasil, "IKK-2.5")["tanda"]
    assert "kendala_tanpa_rtl" not in baris(hasil, "IKK-2.6")["tanda"]
    assert list(hasil.rtl["kode"]) == ["IKK-2.4", "IKK-2.5"]


# --------------------------------------------------------------------------- months


def test_batas_triwulan_maret_dan_april(berisi: RuangKerja) -> None:
    maret = baris(hitung_bulan(berisi, Periode(2022, 3)), "IKK-2.2")
    # 10+20+20 = 50 against 50 (end of Q1) and Q1 50
    assert (maret["realisasi"], maret["target_bulan"], maret["target_triwulan"]) == (50, 50, 50)
    assert (maret["capaian_bulan"], maret["capaian_triwulan"]) == (100.0, 100.0)
    april = baris(hitung_bulan(berisi, Periode(2022, 4)), "IKK-2.2")
    # 100 against 50 + (200 − 50)/3 = 100, but the quarter is now Q2: 200
    assert (april["realisasi"], april["target_bulan"], april["target_triwulan"]) == (100, 100, 200)
    assert (april["capaian_bulan"], april["capaian_triwulan"]) == (100.0, 50.0)
    terakhir = baris(hitung_bulan(berisi, Periode(2022, 4)), "IKK-1.5")
    assert (terakhir["target_bulan"], terakhir["capaian_bulan"]) == (90, 102.22)  # 92 / 90


def test_agregasi_dengan_bulan_kosong(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for bulan, v in ((1, 80.0), (2, 84.0), (4, 90.0)):  # no March, May, June
            isi_nilai(buku, bulan, "KMT", "IKK-2.9", "realisasi", v)  # rata-rata
            isi_nilai(buku, bulan, "DTI", "IKK-1.5", "realisasi", v)  # terakhir
            isi_nilai(buku, bulan, "KMT", "IKK-2.1", "realisasi", v / 40)  # kumulatif
    hasil = hitung_bulan(ruang)
    assert baris(hasil, "IKK-2.9")["realisasi"] == pytest.approx(84.6667)  # (80+84+90)/3
    assert baris(hasil, "IKK-1.5")["realisasi"] == 90.0
    assert baris(hasil, "IKK-2.1")["realisasi"] == pytest.approx(6.35)  # 2 + 2.1 + 2.25
    assert all("tanpa_data" in baris(hasil, k)["tanda"] for k in ("IKK-2.9", "IKK-1.5", "IKK-2.1"))
    tren = hasil.tren.set_index("kode").loc["IKK-2.9"]
    assert (tren["Jan"], tren["Apr"]) == (80.0, 90.0) and math.isnan(tren["Mar"])


def test_target_nol_satu_temuan_per_indikator(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        isi_nilai(buku, 2, "FPM", "IKK-2.6", "realisasi", 5.0)  # kumulatif, Q1 target 0
        isi_nilai(buku, 2, "PM", "IKK-1.4", "realisasi", 1.0)  # target_bulanan Februari 0
    hasil = hitung_bulan(ruang, Periode(2022, 2))
    nol = [t for t in hasil.temuan if t.kode == "target-nol"]
    assert sorted(t.indikator for t in nol) == ["IKK-1.4", "IKK-2.6"]
    (t26,) = [t for t in nol if t.indikator == "IKK-2.6"]
    assert "bulan ini, triwulan" in t26.pesan and t26.tingkat == "peringatan"
    a = baris(hasil, "IKK-2.6")
    assert a["capaian_bulan"] is None and a["capaian_triwulan"] is None and a["kategori"] is None
    assert a["capaian_tahunan"] == 4.17  # 5 / 120
    assert "di_bawah_target" not in a["tanda"]


def test_bulan_tanpa_data_sama_sekali(berisi: RuangKerja) -> None:
    hasil = hitung_bulan(berisi, Periode(2022, 7))
    assert not hasil.ada_data and hasil.jumlah_berdata == 0
    assert all("tanpa_data" in t for t in hasil.indikator["tanda"])
    assert baris(hasil, "IKK-2.2")["realisasi"] == 190  # earlier months still count
    assert len(hasil.kelengkapan.belum) == 7
    assert set(hasil.kiriman["status"]) == {"belum mengirim"}


# --------------------------------------------------------------------------- roll-ups


def test_rangkuman_per_sasaran_dan_tim(berisi: RuangKerja) -> None:
    hasil = hitung_bulan(berisi)
    tim = hasil.tim.set_index("tim")
    assert list(hasil.tim["tim"]) == ["PM", "FPD", "FPM", "FPP", "KMT", "DTI", "UMM"]
    assert tim.loc["FPD", "capaian_bulan"] == 95.0  # its only indicator with data
    assert (tim.loc["FPD", "indikator"], tim.loc["FPD", "berdata"]) == (2, 1)
    assert tim.loc["DTI", "capaian_bulan"] == 61.11  # (22.22 + 100) / 2
    assert tim.loc["DTI", "kategori"] == "Cukup"
    assert tim.loc["DTI", "di_bawah_target"] == 1
    assert pd.isna(tim.loc["FPP", "capaian_bulan"]) and pd.isna(tim.loc["FPP", "kategori"])
    sasaran = hasil.sasaran.set_index("sasaran")
    assert sasaran.loc["SK3", "capaian_bulan"] == 110.0
    assert sasaran.loc["SK1", "capaian_bulan"] == 61.11
    assert sasaran.loc["SK2", "capaian_tahunan"] == 42.22
    assert hasil.rata_rata_capaian() == pytest.approx((95 + 110 + 100 + 22.22) / 4, abs=0.005)


def test_anggaran_penyerapan_dan_deviasi_rpd(berisi: RuangKerja) -> None:
    ang = hitung_bulan(berisi).anggaran.set_index("tim")
    fpd = ang.loc["FPD"]
    assert fpd["realisasi_bulan"] == 172e6 and fpd["realisasi_sampai"] == 742e6
    assert fpd["penyerapan"] == 34.51  # 742 / 2150
    assert fpd["rpd_sampai"] == 839e6  # 43 + 86 + 129 + 172 + 194 + 215
    assert fpd["rencana_penyerapan"] == 39.02  # 839 / 2150
    assert fpd["deviasi_rpd"] == 20.0  # |172 − 215| / 215
    pm = ang.loc["PM"]
    assert math.isnan(pm["realisasi_sampai"]) and math.isnan(pm["deviasi_rpd"])


def test_kelengkapan_dan_kiriman(berisi: RuangKerja) -> None:
    hasil = hitung_bulan(berisi)
    k = hasil.kelengkapan
    assert k.terlambat == ("UMM",) and k.tepat_waktu == ("FPD", "DTI")
    assert [kd for kd, _ in k.belum] == ["PM", "FPM", "FPP", "KMT"]
    status = dict(zip(hasil.kiriman["tim"], hasil.kiriman["status"], strict=True))
    assert status == {
        "PM": "belum mengirim",
        "FPD": "tepat waktu",
        "FPM": "belum mengirim",
        "FPP": "belum mengirim",
        "KMT": "belum mengirim",
        "DTI": "tepat waktu",
        "UMM": "terlambat",
    }


# --------------------------------------------------------------------------- ledger semantics


def test_koreksi_mengubah_angka(berisi: RuangKerja) -> None:
    with berisi.buka_buku_besar() as buku, buku.transaksi():
        isi_nilai(buku, 6, "FPD", "IKK-2.2", "realisasi", 50.0, sumber="koreksi")
        isi_nilai(buku, 6, "FPD", "", "anggaran", 215e6, sumber="koreksi")
    hasil = hitung_bulan(berisi)
    a = baris(hasil, "IKK-2.2")
    assert (a["realisasi"], a["capaian_bulan"]) == (200, 100.0)
    assert "di_bawah_target" not in a["tanda"]
    assert hasil.anggaran.set_index("tim").loc["FPD", "deviasi_rpd"] == 0.0


def test_nilai_dicocokkan_menurut_kode_indikator(ruang: RuangKerja) -> None:
    """An indicator that moved team keeps its earlier months; the owner's value wins."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        isi_nilai(buku, 1, "PM", "IKK-2.4", "realisasi", 10.0)  # filed under the former team
        isi_nilai(buku, 2, "PM", "IKK-2.4", "realisasi", 99.0)
        isi_nilai(buku, 2, "FPM", "IKK-2.4", "realisasi", 12.0)  # the owner's value wins
    assert baris(hitung_bulan(ruang, Periode(2022, 2)), "IKK-2.4")["realisasi"] == 22.0


def test_json_sama_dengan_tabel(berisi: RuangKerja) -> None:
    hasil = hitung_bulan(berisi)
    data = json.loads(json.dumps(hasil.sebagai_json(), allow_nan=False))
    per_kode = {r["kode"]: r for r in data["indikator"]}
    assert per_kode["IKK-2.2"]["capaian_bulan"] == 95.0
    assert per_kode["IKK-1.1"]["capaian_bulan"] is None
    assert per_kode["IKK-1.5"]["tanda"] == ["di_bawah_target", "pencilan", "memburuk"]
    assert data["kelengkapan"]["terlambat"] == ["UMM"]
    assert data["anggaran_total"]["realisasi_sampai"] == 742e6
    assert data["tren_realisasi"][0]["kode"] == "IKK-1.1"
    assert data["jumlah_tanda"]["pencilan"] == 1
    assert {r["kode"] for r in data["rencana_tindak_lanjut"]} == {"IKK-2.2", "IKK-3.4"}


# --------------------------------------------------------------------------- the command


def test_analisis_bulan_menulis_dan_mencatat(berisi: RuangKerja) -> None:
    hasil = analisis_bulan(berisi, JUNI, oleh="Tim SAKIP")
    folder = berisi.folder_laporan(JUNI)
    assert [p.name for p in hasil.berkas] == [
        "analisis-2022-06.xlsx",
        "analisis-2022-06.html",
        "capaian-2022-06.csv",
    ]
    assert all(p.parent == folder and p.stat().st_size > 0 for p in hasil.berkas)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "tidak ada sisa sementara"
    with berisi.buka_buku_besar() as buku:
        assert buku.analisis_mutakhir("2022-06")
        catatan = buku.analisis_terakhir("2022-06")
        assert catatan is not None and catatan.oleh == "Tim SAKIP"
        ringkasan = json.loads(catatan.ringkasan)
        assert ringkasan["rata_rata_capaian"] == hasil.rata_rata_capaian()
        assert ringkasan["belum_mengirim"] == ["PM", "FPM", "FPP", "KMT"]
        (peristiwa,) = [p for p in buku.peristiwa("2022-06") if p.langkah == 6]
        assert (peristiwa.aksi, peristiwa.oleh) == ("analisis", "Tim SAKIP")
        assert json.loads(peristiwa.rincian)["berkas"] == [p.name for p in hasil.berkas]
        with buku.transaksi():
            isi_nilai(buku, 6, "FPD", "IKK-2.2", "realisasi", 41.0, sumber="koreksi")
        assert not buku.analisis_mutakhir("2022-06"), "data berubah sesudah analisis"


def test_tanpa_tulis_tidak_mencatat(berisi: RuangKerja) -> None:
    hasil = analisis_bulan(berisi, JUNI, tulis=False)
    assert hasil.berkas == [] and not berisi.folder_laporan(JUNI).exists()
    with berisi.buka_buku_besar() as buku:
        assert buku.analisis_terakhir("2022-06") is None


def test_data_berubah_saat_menulis_dihitung_ulang(
    berisi: RuangKerja, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction landing while the files are written: the recorded analysis and its
    files match the data as they are afterwards."""
    asli = laporan.tulis_laporan
    panggilan: list[int] = []

    def tulis_sambil_dikoreksi(hasil: HasilAnalisis, folder: Path) -> list[Path]:
        panggilan.append(1)
        if len(panggilan) == 1:
            with berisi.buka_buku_besar() as lain, lain.transaksi():
                isi_nilai(lain, 6, "FPD", "IKK-2.2", "realisasi", 50.0, sumber="koreksi")
        return asli(hasil, folder)

    monkeypatch.setattr(laporan, "tulis_laporan", tulis_sambil_dikoreksi)
    hasil = analisis_bulan(berisi, JUNI)
    assert len(panggilan) == 2
    assert baris(hasil, "IKK-2.2")["capaian_bulan"] == 100.0
    csv = (berisi.folder_laporan(JUNI) / "capaian-2022-06.csv").read_text(encoding="utf-8")
    assert ",IKK-2.2," in csv and ",200,200,100,200,100,450,44.44,Sangat Baik" in csv
    with berisi.buka_buku_besar() as buku:
        assert buku.analisis_mutakhir("2022-06")
        assert len(buku._q("SELECT id FROM analisis WHERE periode = '2022-06'")) == 1


def test_tahun_lain_ditolak(ruang: RuangKerja) -> None:
    with pytest.raises(PenggunaanError, match="di luar tahun konfigurasi"):
        analisis_bulan(ruang, Periode(2023, 6))


def test_cli_analisis(berisi: RuangKerja, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(konsol, "width", 160)  # as in a maximised terminal window
    hasil = runner.invoke(
        app, ["analisis", "--bulan", "Juni", "--oleh", "Tim SAKIP", "-R", str(berisi.akar)]
    )
    assert hasil.exit_code == 0, hasil.output
    keluar = " ".join(hasil.output.split())
    assert "IKK-2.2" in keluar and "95,00%" in keluar and "110,00%" in keluar
    assert "Rp 742.000.000" in keluar and "34,51%" in keluar
    assert "Belum mengirim (4 dari 7 tim): PM (Tim Kerja Pemetaan Mutu Pendidikan)" in keluar
    assert "terlambat 1: UMM" in keluar
    assert "Ditulis: laporan/2022-06/capaian-2022-06.csv" in keluar
    js = runner.invoke(app, ["analisis", "--bulan", "2022-06", "--json", "-R", str(berisi.akar)])
    assert js.exit_code == 0, js.output
    data = json.loads(js.output)
    assert data["periode"] == "2022-06" and len(data["berkas"]) == 3
    assert {r["kode"]: r["capaian_bulan"] for r in data["indikator"]}["IKK-3.4"] == 110.0
    for salah in (["--bulan", "13"], ["--bulan", "6", "--tahun", "2023"], ["--bulan", "Juno"]):
        keliru = runner.invoke(app, ["analisis", *salah, "-R", str(berisi.akar)])
        assert keliru.exit_code == 2 and "Traceback" not in keliru.output, keliru.output


def test_cli_tabel_dengan_desimal_indikator(
    berisi: RuangKerja, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Targets and realisations in the terminal with each indicator's decimals: a count
    shows whole numbers (IKK-2.2's January target 50/3 is 17, not 16,67), a percentage
    with whole targets one decimal."""
    monkeypatch.setattr(konsol, "width", 160)
    hasil = runner.invoke(app, ["analisis", "--bulan", "1", "-R", str(berisi.akar)])
    assert hasil.exit_code == 0, hasil.output
    baris = {
        sel[0]: sel
        for sel in (
            [s.strip() for s in teks.strip("│").split("│")]
            for teks in hasil.output.splitlines()
            if teks.startswith("│ IKK-")
        )
    }
    kepala = next(t for t in hasil.output.splitlines() if t.startswith("┃"))
    assert [s.strip() for s in kepala.strip("┃").split("┃")][2:4] == ["Realisasi", "Target bulan"]
    assert baris["IKK-2.2"][2:4] == ["10", "17"]  # satuan pendidikan: no decimals
    assert baris["IKK-1.3"][3] == "33"  # desimal: 0 in kinerja.yaml (100/3)
    assert baris["IKK-1.5"][2:4] == ["90,0", "85,0"]  # persen, whole targets: one decimal
    assert "16,67" not in hasil.output and "33,33" not in hasil.output


def test_cli_bulan_tanpa_data(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["analisis", "--bulan", "06", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    keluar = " ".join(hasil.output.split())
    assert "Belum ada data untuk Juni 2022" in keluar
    assert (ruang.folder_laporan(JUNI) / "analisis-2022-06.html").is_file()
