"""The formulas of SPEC section 7 against hand-computed cases, and their properties."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.konfigurasi import Indikator, muat_konfigurasi
from pengumpulan_kinerja.ruang_kerja import folder_sumber

K = muat_konfigurasi(folder_sumber("examples") / "kinerja.yaml")


def ind(kode: str, **ubah: object) -> Indikator:
    asli = K.cari_indikator(kode)
    assert asli is not None
    return dataclasses.replace(asli, **ubah)  # type: ignore[arg-type]


NAIK = ind("IKK-2.2")  # naik, kumulatif, [50, 200, 350, 450]
SELISIH = ind("IKK-3.4", target=7.0)  # turun, selisih
RASIO = ind("IKK-1.6")  # turun, rasio, rata-rata


def test_contoh_permenpan_rb_turun_selisih() -> None:
    hasil = hitung.capaian(SELISIH, 6.5, 7.0)
    assert hasil.nilai == pytest.approx(107.142857, abs=1e-5)
    assert round(hasil.nilai or 0, 2) == 107.14


def test_rumus_naik_dan_rasio() -> None:
    assert hitung.capaian(NAIK, 150, 200).nilai == pytest.approx(75.0)
    assert hitung.capaian(RASIO, 4.0, 3.0).nilai == pytest.approx(75.0)
    assert hitung.capaian(RASIO, 2.0, 3.0).nilai == pytest.approx(150.0)


def test_batas_atas_bawah_dan_target_nol() -> None:
    assert hitung.capaian(NAIK, 300, 200, maksimum=120).nilai == 120.0
    assert hitung.capaian(SELISIH, 20.0, 7.0).nilai == 0.0, "tidak pernah negatif"
    nol = hitung.capaian(NAIK, 5, 0)
    assert nol.nilai is None and nol.masalah == "target-nol"
    assert hitung.capaian(RASIO, 0.0, 3.0).masalah == "realisasi-nol"
    assert hitung.capaian(RASIO, 0.0, 3.0, maksimum=120).nilai == 120.0
    assert hitung.capaian(NAIK, None, 200).nilai is None


def test_agregasi_beberapa_bulan() -> None:
    bulanan = {1: 10.0, 2: 20.0, 4: 40.0}
    assert hitung.realisasi_sampai(NAIK, bulanan, 4) == 70.0
    assert hitung.realisasi_sampai(NAIK, bulanan, 3) == 30.0
    terakhir = ind("IKK-1.5")
    assert hitung.realisasi_sampai(terakhir, bulanan, 3) == 20.0
    assert hitung.realisasi_sampai(terakhir, bulanan, 4) == 40.0
    assert hitung.realisasi_sampai(RASIO, bulanan, 4) == pytest.approx(70 / 3)
    assert hitung.realisasi_sampai(NAIK, {}, 6) is None
    assert hitung.realisasi_sampai(NAIK, {7: 5.0}, 6) is None


@pytest.mark.parametrize(
    ("bulan", "harapan"),
    [
        (1, 50 / 3),
        (3, 50.0),
        (4, 100.0),
        (6, 200.0),
        (7, 250.0),
        (9, 350.0),
        (10, 350 + 100 / 3),
        (12, 450.0),
    ],
)
def test_target_bulan_kumulatif_linear(bulan: int, harapan: float) -> None:
    assert hitung.target_bulan(NAIK, bulan) == pytest.approx(harapan)


def test_target_bulan_lain_dan_bulanan() -> None:
    terakhir = ind("IKK-1.5")  # [85, 90, 92, 95]
    assert [hitung.target_bulan(terakhir, b) for b in (3, 4, 6, 7, 12)] == [85, 90, 90, 92, 95]
    bulanan = ind("IKK-1.4")
    assert [hitung.target_bulan(bulanan, b) for b in (3, 4, 6, 12)] == [0, 2, 5, 15]
    assert hitung.target_triwulan(NAIK, 6) == 200 and hitung.target_triwulan(NAIK, 7) == 350


@pytest.mark.parametrize(
    ("capaian", "kategori"),
    [
        (120, "Sangat Baik"),
        (90.01, "Sangat Baik"),
        (90, "Baik"),
        (80.5, "Baik"),
        (80, "Cukup"),
        (60, "Kurang"),
        (50.01, "Kurang"),
        (50, "Sangat Kurang"),
        (0, "Sangat Kurang"),
    ],
)
def test_batas_kategori_tepat(capaian: float, kategori: str) -> None:
    assert K.kategori_untuk(capaian) == kategori


def test_skor_z_termodifikasi() -> None:
    skor = hitung.skor_z_termodifikasi([10, 11, 10, 12, 50])
    assert skor[-1] > 3.5 and all(abs(s) < 3.5 for s in skor[:-1])
    assert hitung.skor_z_termodifikasi([5, 5, 5, 5]) == [0, 0, 0, 0]
    assert hitung.memburuk(80, 90) and not hitung.memburuk(90, 90) and not hitung.memburuk(None, 5)


positif = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
nonneg = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(nonneg, nonneg, positif)
def test_naik_tumbuh_dengan_realisasi(r1: float, r2: float, t: float) -> None:
    a, b = sorted((r1, r2))
    ca, cb = hitung.capaian(NAIK, a, t).nilai, hitung.capaian(NAIK, b, t).nilai
    assert ca is not None and cb is not None
    assert ca <= cb + 1e-9 and ca >= 0


@given(nonneg, nonneg, positif)
def test_turun_menurun_dengan_realisasi(r1: float, r2: float, t: float) -> None:
    a, b = sorted((r1, r2))
    for indikator in (SELISIH, RASIO):
        if indikator is RASIO and a < hitung.EPSILON:
            continue
        ca, cb = hitung.capaian(indikator, a, t).nilai, hitung.capaian(indikator, b, t).nilai
        assert ca is not None and cb is not None
        assert ca + 1e-9 >= cb >= 0


@given(nonneg, positif, st.floats(min_value=100, max_value=500))
def test_batas_selalu_dihormati(r: float, t: float, maks: float) -> None:
    for indikator in (NAIK, SELISIH, RASIO):
        nilai = hitung.capaian(indikator, r, t, maks).nilai
        assert nilai is None or 0 <= nilai <= maks


@given(
    st.dictionaries(st.integers(1, 12), st.floats(0, 1e4, allow_nan=False), max_size=12),
    st.integers(1, 12),
)
def test_kumulatif_adalah_jumlah(bulanan: dict[int, float], bulan: int) -> None:
    hasil = hitung.realisasi_sampai(NAIK, bulanan, bulan)
    bagian = [v for b, v in bulanan.items() if b <= bulan]
    assert (hasil is None) == (not bagian)
    if bagian:
        assert hasil == pytest.approx(sum(bagian))
