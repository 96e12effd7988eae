"""Months, quarters, deadlines and Indonesian dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pengumpulan_kinerja.galat import PenggunaanError
from pengumpulan_kinerja.periode import Periode, format_tanggal, format_waktu, parse_periode


@pytest.mark.parametrize(
    "teks", ["2022-06", "6", "06", "Juni", "juni", "Jun", "Juni 2022", " 2022-6 "]
)
def test_bentuk_bulan(teks: str) -> None:
    assert parse_periode(teks, 2022) == Periode(2022, 6)


def test_bulan_tanpa_tahun_perlu_tahun_konfigurasi() -> None:
    with pytest.raises(PenggunaanError):
        parse_periode("6")


@pytest.mark.parametrize("teks", ["13", "2022-13", "0", "Juno", "", "2022/06"])
def test_bulan_salah(teks: str) -> None:
    with pytest.raises(PenggunaanError) as galat:
        parse_periode(teks, 2022)
    assert galat.value.saran


def test_label_triwulan_dan_batas() -> None:
    juni = Periode(2022, 6)
    assert str(juni) == "2022-06"
    assert juni.label == "Juni 2022"
    assert juni.triwulan == 2
    assert Periode(2022, 3).triwulan == 1
    assert Periode(2022, 4).triwulan == 2
    assert Periode(2022, 12).triwulan == 4
    assert juni.batas(7) == date(2022, 7, 7)
    assert Periode(2022, 12).batas(7) == date(2023, 1, 7)
    assert Periode(2022, 1).batas(31) == date(2022, 2, 28)
    assert juni.sebelumnya == Periode(2022, 5)
    assert Periode(2022, 1).sebelumnya is None
    assert [p.bulan for p in juni.bulan_sejak_januari()] == [1, 2, 3, 4, 5, 6]


def test_tanggal_indonesia() -> None:
    assert format_tanggal(date(2022, 7, 7)) == "Kamis, 7 Juli 2022"
    assert format_tanggal(date(2022, 7, 7), hari=False) == "7 Juli 2022"
    assert format_waktu(datetime(2022, 7, 7, 14, 5)) == "7 Juli 2022 14.05"


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
def test_kode_bolak_balik(tahun: int, bulan: int) -> None:
    periode = Periode(tahun, bulan)
    assert parse_periode(periode.kode) == periode
    assert parse_periode(periode.label) == periode
    assert periode.batas(7) > date(tahun, bulan, 28)
