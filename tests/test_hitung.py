"""The formulas of SPEC section 7 (hitung.py) against hand-computed cases, and their
properties (hypothesis)."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.konfigurasi import Indikator, muat_konfigurasi
from pengumpulan_kinerja.ruang_kerja import folder_sumber

K = muat_konfigurasi(folder_sumber("examples") / "kinerja.yaml")


def ind(kode: str, **ubah: object) -> Indikator:
    asli = K.cari_indikator(kode)
    assert asli is not None
    return dataclasses.replace(asli, **ubah)  # type: ignore[arg-type]


NAIK = ind("IKK-2.2")  # naik, kumulatif, target 450, triwulan [50, 200, 350, 450]
SELISIH = ind("IKK-3.4", target=7.0)  # turun, selisih, terakhir
RASIO = ind("IKK-1.6")  # turun, rasio, rata-rata, triwulan [5, 4, 3, 3]
TERAKHIR = ind("IKK-1.5")  # naik, terakhir, triwulan [85, 90, 92, 95]
RATA = ind("IKK-2.9")  # naik, rata-rata
BULANAN = ind("IKK-1.4")  # kumulatif with target_bulanan [0,0,0,2,3,5,6,8,10,12,14,15]


# --------------------------------------------------------------------------- capaian


def test_contoh_permenpan_rb_turun_selisih() -> None:
    """PermenPAN-RB worked example: target 7, realisation 6.5, lower is better → 107.14%."""
    hasil = hitung.capaian(SELISIH, 6.5, 7.0)
    assert hasil.masalah is None
    assert hasil.nilai == pytest.approx((2 * 7 - 6.5) / 7 * 100)
    assert round(hasil.nilai or 0, 2) == 107.14


@pytest.mark.parametrize(
    ("indikator", "realisasi", "target", "harapan"),
    [
        (NAIK, 150.0, 200.0, 75.0),  # 150 / 200
        (NAIK, 200.0, 200.0, 100.0),
        (NAIK, 230.0, 200.0, 115.0),
        (SELISIH, 7.0, 7.0, 100.0),  # (14 - 7) / 7
        (SELISIH, 8.0, 7.0, 600 / 7),  # (14 - 8) / 7 = 85.71
        (SELISIH, 3.5, 7.0, 150.0),  # (14 - 3.5) / 7
        (RASIO, 4.0, 3.0, 75.0),  # 3 / 4
        (RASIO, 5.0, 4.0, 80.0),  # 4 / 5
        (RASIO, 2.0, 3.0, 150.0),  # 3 / 2
    ],
)
def test_rumus_per_arah(
    indikator: Indikator, realisasi: float, target: float, harapan: float
) -> None:
    assert hitung.capaian(indikator, realisasi, target).nilai == pytest.approx(harapan)


def test_batas_atas() -> None:
    assert hitung.capaian(NAIK, 300, 200, maksimum=120).nilai == 120.0
    assert hitung.capaian(NAIK, 230, 200, maksimum=120).nilai == 115.0, "di bawah batas: apa adanya"
    assert hitung.capaian(SELISIH, 1.0, 7.0, maksimum=120).nilai == 120.0
    assert hitung.capaian(RASIO, 1.0, 3.0, maksimum=120).nilai == 120.0


def test_tidak_pernah_di_bawah_nol() -> None:
    assert hitung.capaian(SELISIH, 20.0, 7.0).nilai == 0.0, "(14 - 20) / 7 negatif → 0"
    assert hitung.capaian(SELISIH, 14.0, 7.0).nilai == 0.0
    assert hitung.capaian(NAIK, -5.0, 200.0).nilai == 0.0


def test_target_nol_adalah_temuan_bukan_galat() -> None:
    for indikator in (NAIK, SELISIH, RASIO):
        nol = hitung.capaian(indikator, 5.0, 0.0)
        assert (nol.nilai, nol.masalah) == (None, "target-nol")
    assert hitung.capaian(NAIK, 5.0, 0.0, maksimum=120).masalah == "target-nol"


def test_realisasi_nol_pada_rasio() -> None:
    assert hitung.capaian(RASIO, 0.0, 3.0).masalah == "realisasi-nol"
    assert hitung.capaian(RASIO, 0.0, 3.0, maksimum=120).nilai == 120.0
    assert hitung.capaian(NAIK, 0.0, 3.0).nilai == 0.0
    assert hitung.capaian(SELISIH, 0.0, 7.0).nilai == 200.0


def test_tanpa_realisasi_atau_target() -> None:
    assert hitung.capaian(NAIK, None, 200).nilai is None
    assert hitung.capaian(NAIK, None, 200).masalah is None
    assert hitung.capaian(NAIK, 10, None).nilai is None


# --------------------------------------------------------------------------- aggregation


BULANAN_DATA = {1: 10.0, 2: 20.0, 4: 40.0, 5: 25.0}


@pytest.mark.parametrize(
    ("indikator", "bulan", "harapan"),
    [
        (NAIK, 1, 10.0),
        (NAIK, 3, 30.0),  # March missing: sum of what exists
        (NAIK, 4, 70.0),
        (NAIK, 6, 95.0),
        (TERAKHIR, 2, 20.0),
        (TERAKHIR, 3, 20.0),  # nothing in March: the latest reported value
        (TERAKHIR, 5, 25.0),
        (TERAKHIR, 6, 25.0),
        (RATA, 2, 15.0),
        (RATA, 4, 70 / 3),  # mean of reported months only: (10 + 20 + 40) / 3
        (RATA, 6, 95 / 4),
    ],
)
def test_agregasi_beberapa_bulan(indikator: Indikator, bulan: int, harapan: float) -> None:
    assert hitung.realisasi_sampai(indikator, BULANAN_DATA, bulan) == pytest.approx(harapan)


def test_agregasi_tanpa_data_dan_bulan_sesudahnya() -> None:
    for indikator in (NAIK, TERAKHIR, RATA):
        assert hitung.realisasi_sampai(indikator, {}, 6) is None
        assert hitung.realisasi_sampai(indikator, {7: 5.0, 8: 9.0}, 6) is None
    assert hitung.realisasi_sampai(NAIK, {6: 5.0, 7: 100.0}, 6) == 5.0


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("bulan", "harapan"),
    [
        (1, 50 / 3),
        (2, 100 / 3),
        (3, 50.0),  # end of Q1 = Q1 target
        (4, 100.0),  # 50 + (200 - 50) / 3
        (6, 200.0),
        (7, 250.0),  # 200 + (350 - 200) / 3
        (9, 350.0),
        (10, 350 + 100 / 3),
        (12, 450.0),
    ],
)
def test_target_bulan_kumulatif_linear_antar_triwulan(bulan: int, harapan: float) -> None:
    assert hitung.target_bulan(NAIK, bulan) == pytest.approx(harapan)


@pytest.mark.parametrize(
    ("indikator", "harapan"),
    [
        (TERAKHIR, [85, 90, 90, 92, 95]),  # the quarter's target
        (RASIO, [5, 4, 4, 3, 3]),
        (BULANAN, [0, 2, 5, 6, 15]),  # target_bulanan wins
        (
            ind("IKK-2.2", target_bulanan=tuple(float(b * 10) for b in range(1, 13))),
            [30, 40, 60, 70, 120],
        ),
    ],
)
def test_target_bulan_di_batas_triwulan(indikator: Indikator, harapan: list[float]) -> None:
    assert [hitung.target_bulan(indikator, b) for b in (3, 4, 6, 7, 12)] == harapan


@pytest.mark.parametrize(
    ("bulan", "harapan"), [(1, 50), (3, 50), (4, 200), (6, 200), (7, 350), (12, 450)]
)
def test_target_triwulan(bulan: int, harapan: float) -> None:
    assert hitung.target_triwulan(NAIK, bulan) == harapan


# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("capaian", "kategori"),
    [
        (120, "Sangat Baik"),
        (90.01, "Sangat Baik"),
        (90, "Baik"),  # strictly greater than 90 for Sangat Baik
        (80.01, "Baik"),
        (80, "Cukup"),
        (60.01, "Cukup"),
        (60, "Kurang"),
        (50.01, "Kurang"),
        (50, "Sangat Kurang"),
        (0, "Sangat Kurang"),
    ],
)
def test_batas_kategori_tepat(capaian: float, kategori: str) -> None:
    assert K.kategori_untuk(capaian) == kategori


@pytest.mark.parametrize(
    ("indikator", "realisasi", "target", "capaian", "kategori"),
    [
        (NAIK, 4.05, 4.5, 90.0, "Baik"),  # 4.05 / 4.5 × 100 in floats: 89.99999999999999
        (SELISIH, 5.5, 5.0, 90.0, "Baik"),  # (10 − 5.5) / 5
        (RASIO, 6.0, 4.8, 80.0, "Cukup"),  # 4.8 / 6
        (NAIK, 0.6, 1.0, 60.0, "Kurang"),
        (SELISIH, 0.3, 0.2, 50.0, "Sangat Kurang"),  # (0.4 − 0.3) / 0.2
        (NAIK, 0.7, 0.7, 100.0, "Sangat Baik"),
    ],
)
def test_capaian_tepat_di_batas_kategori(
    indikator: Indikator, realisasi: float, target: float, capaian: float, kategori: str
) -> None:
    """Capaian that are exactly 90, 80, 60 or 50 by hand are exactly that, not 89.999…"""
    nilai = hitung.capaian(indikator, realisasi, target).nilai
    assert nilai == capaian
    assert K.kategori_untuk(nilai) == kategori


def test_kategori_tanpa_capaian() -> None:
    assert K.kategori_untuk(None) is None
    assert K.kategori_untuk(math.nan) is None


# --------------------------------------------------------------------------- flags


def test_skor_z_termodifikasi_dihitung_tangan() -> None:
    # median 3, |x - 3| = [2, 1, 0, 1, 97] → MAD 1; z(100) = 0.6745 × 97
    skor = hitung.skor_z_termodifikasi([1, 2, 3, 4, 100])
    assert skor[-1] == pytest.approx(0.6745 * 97)
    assert skor[2] == 0.0 and skor[0] == pytest.approx(-1.349)
    assert hitung.skor_z_termodifikasi([5, 5, 5, 5]) == [0, 0, 0, 0]
    assert hitung.skor_z_termodifikasi([]) == []


def test_memburuk_mengikuti_arah() -> None:
    assert hitung.memburuk(80, 90) and not hitung.memburuk(90, 90) and not hitung.memburuk(95, 90)
    assert not hitung.memburuk(None, 90) and not hitung.memburuk(80, None)
    # lower is better: realisation rising from 6.5 to 7.5 against 7 is worse
    kini = hitung.capaian(SELISIH, 7.5, 7.0).nilai
    lalu = hitung.capaian(SELISIH, 6.5, 7.0).nilai
    assert hitung.memburuk(kini, lalu)


# --------------------------------------------------------------------------- properties

positif = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
nonneg = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(nonneg, nonneg, positif)
def test_naik_tumbuh_dengan_realisasi(r1: float, r2: float, t: float) -> None:
    a, b = sorted((r1, r2))
    ca, cb = hitung.capaian(NAIK, a, t).nilai, hitung.capaian(NAIK, b, t).nilai
    assert ca is not None and cb is not None
    assert 0 <= ca <= cb + 1e-9


@given(nonneg, nonneg, positif)
def test_turun_menurun_dengan_realisasi(r1: float, r2: float, t: float) -> None:
    a, b = sorted((r1, r2))
    for indikator in (SELISIH, RASIO):
        if indikator is RASIO and a < hitung.EPSILON:
            continue
        ca, cb = hitung.capaian(indikator, a, t).nilai, hitung.capaian(indikator, b, t).nilai
        assert ca is not None and cb is not None
        assert ca + 1e-9 >= cb >= 0


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), positif)
def test_tidak_pernah_negatif(r: float, t: float) -> None:
    for indikator in (NAIK, SELISIH, RASIO):
        nilai = hitung.capaian(indikator, r, t).nilai
        assert nilai is None or nilai >= 0


@given(positif)
def test_tepat_target_selalu_100(t: float) -> None:
    for indikator in (NAIK, SELISIH, RASIO):
        assert hitung.capaian(indikator, t, t).nilai == pytest.approx(100.0)


@given(nonneg, positif, st.floats(min_value=100, max_value=500))
def test_batas_selalu_dihormati(r: float, t: float, maks: float) -> None:
    for indikator in (NAIK, SELISIH, RASIO):
        nilai = hitung.capaian(indikator, r, t, maks).nilai
        assert nilai is None or 0 <= nilai <= maks


@given(
    st.dictionaries(st.integers(1, 12), st.floats(0, 1e4, allow_nan=False), max_size=12),
    st.integers(1, 12),
)
def test_agregasi_sesuai_definisi(bulanan: dict[int, float], bulan: int) -> None:
    bagian = [bulanan[b] for b in sorted(bulanan) if b <= bulan]
    for indikator, harapan in (
        (NAIK, math.fsum(bagian) if bagian else None),
        (TERAKHIR, bagian[-1] if bagian else None),
        (RATA, math.fsum(bagian) / len(bagian) if bagian else None),
    ):
        hasil = hitung.realisasi_sampai(indikator, bulanan, bulan)
        assert (hasil is None) == (harapan is None)
        if harapan is not None:
            assert hasil == pytest.approx(harapan)


@given(st.integers(1, 12))
def test_target_kumulatif_tidak_turun_dan_tepat_di_akhir_triwulan(bulan: int) -> None:
    if bulan > 1:
        assert hitung.target_bulan(NAIK, bulan) >= hitung.target_bulan(NAIK, bulan - 1)
    if bulan % 3 == 0:
        assert hitung.target_bulan(NAIK, bulan) == pytest.approx(
            hitung.target_triwulan(NAIK, bulan)
        )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.sampled_from([1.7e308, -1.7e308, 1e308]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["kumulatif", "terakhir", "rata-rata"]),
)
@example([1.7e308, 1.7e308], "kumulatif")
@example([1.7e308, 1.7e308, -1.7e308], "kumulatif")
@example([1.7e308, 1.7e308], "rata-rata")
def test_jumlah_dan_rata_rata_tidak_pernah_meluap(nilai: list[float], agregasi: str) -> None:
    """Two months of 1.7e308 made math.fsum raise OverflowError; the aggregate is now
    the exact sum when it is a float, ±inf beyond, and the mean stays finite."""
    ind = dataclasses.replace(NAIK, agregasi=agregasi)  # type: ignore[arg-type]
    bulanan = dict(enumerate(nilai, start=1))
    hasil = hitung.realisasi_sampai(ind, bulanan, 12)
    assert hasil is not None and not math.isnan(hasil)
    if agregasi != "kumulatif":
        assert math.isfinite(hasil)
    if agregasi == "kumulatif" and nilai == [1.7e308, 1.7e308, -1.7e308]:
        assert hasil == 1.7e308
    capaian = hitung.capaian(ind, hasil, 10.0)
    assert capaian.nilai is None or math.isfinite(capaian.nilai)


def test_rasio_dibagi_dulu() -> None:
    assert hitung.nilai_rasio(1e308, 1e308) == 100.0
    assert hitung.nilai_rasio(1e300, 1e-300) is None
    assert hitung.nilai_rasio(1, 3) == pytest.approx(100 / 3)
