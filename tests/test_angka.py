"""Reading numbers the way Indonesians type them, and writing them back."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pengumpulan_kinerja.angka import (
    baca_angka,
    bersihkan_teks,
    format_angka,
    format_persen,
    format_rupiah,
)


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("85%", 85.0),
        ("85 %", 85.0),
        (" 12 ", 12.0),
        ("Rp 1.500.000", 1_500_000.0),
        ("Rp1.500.000,-", 1_500_000.0),
        ("rp. 2.500", 2500.0),
        ("12,5", 12.5),
        ("0,125", 0.125),
        ("0.75", 0.75),
        ("1.250.000.000", 1_250_000_000.0),
        ("1,250,000", 1_250_000.0),
        ("-3", -3.0),
        ("\u22123,5", -3.5),
        ("1.234.567,89", 1_234_567.89),
        ("\u00a07\u200b", 7.0),
        ("４２", 42.0),
        (42, 42.0),
        (3.25, 3.25),
    ],
)
def test_bentuk_yang_diterima(teks: object, nilai: float) -> None:
    hasil = baca_angka(teks)
    assert hasil.masalah is None
    assert hasil.nilai == pytest.approx(nilai)


@pytest.mark.parametrize("teks", ["1.234", "1,234", "12.500", "999,999"])
def test_bentuk_ambigu_dilaporkan_tidak_ditebak(teks: str) -> None:
    hasil = baca_angka(teks)
    assert hasil.nilai is None
    assert hasil.ambigu
    assert "bisa berarti" in (hasil.masalah or "")


def test_rupiah_tiga_digit_adalah_ribuan() -> None:
    assert baca_angka("1.500", uang=True).nilai == 1500.0
    assert baca_angka("Rp 12.500").nilai == 12500.0


@pytest.mark.parametrize(
    "nilai",
    ["abc", "1.2,3", "1,2.3.4", "12..5", "1e3", "Rp 5%", "5-", "1.23.456", True, date(2022, 6, 1)],
)
def test_bukan_angka_memberi_alasan(nilai: object) -> None:
    hasil = baca_angka(nilai)
    assert hasil.nilai is None
    assert hasil.masalah


def test_kosong_bukan_masalah() -> None:
    for nilai in (None, "", "   ", "\u200b"):
        assert baca_angka(nilai).kosong


def test_nan_dan_tanggal_ditolak() -> None:
    assert baca_angka(math.nan).masalah
    assert "tanggal" in (baca_angka(datetime(2022, 6, 1)).masalah or "")


def test_format_indonesia() -> None:
    assert format_angka(1234.5) == "1.234,5"
    assert format_angka(1234.5, 2) == "1.234,50"
    assert format_angka(107.142857, 2) == "107,14"
    assert format_angka(-1_000_000) == "-1.000.000"
    assert format_angka(None) == "–"
    assert format_rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert format_rupiah(-1500) == "-Rp 1.500"
    assert format_persen(107.142857) == "107,14%"
    assert format_angka(0.005, 2) == "0,01"


def _gaya_indonesia(nilai: float) -> str:
    return format_angka(nilai, 2)


def _gaya_inggris(nilai: float) -> str:
    return f"{nilai:,.2f}"


angka_wajar = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 2))


@given(angka_wajar)
def test_format_indonesia_terbaca_kembali(nilai: float) -> None:
    hasil = baca_angka(_gaya_indonesia(nilai))
    assert hasil.nilai == pytest.approx(nilai, abs=0.006)


@given(angka_wajar)
def test_format_inggris_dua_desimal_terbaca(nilai: float) -> None:
    hasil = baca_angka(_gaya_inggris(nilai))
    assert hasil.nilai == pytest.approx(nilai, abs=0.006)


@given(st.integers(min_value=0, max_value=10**12))
def test_rupiah_bulat_terbaca(nilai: int) -> None:
    assert baca_angka(format_rupiah(nilai)).nilai == nilai


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["%", " %"]))
def test_persen(nilai: int, akhiran: str) -> None:
    hasil = baca_angka(f"{nilai}{akhiran}")
    assert hasil.nilai == nilai
    assert hasil.persen


@given(st.text(max_size=30))
def test_teks_apa_pun_tidak_pernah_meledak(teks: str) -> None:
    hasil = baca_angka(teks)
    assert (hasil.nilai is None) or (hasil.masalah is None)
    if hasil.nilai is not None:
        assert math.isfinite(hasil.nilai)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_satu_pemisah_dengan_tiga_digit_selalu_ambigu(depan: int, belakang: int) -> None:
    for pemisah in ".,":
        hasil = baca_angka(f"{depan}{pemisah}{belakang:03d}")
        assert hasil.nilai is None and hasil.ambigu


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([None, 0, 2]))
def test_format_apa_pun_tidak_pernah_meledak(nilai: float, desimal: int | None) -> None:
    teks = format_angka(nilai, desimal)
    assert teks
    assert format_rupiah(nilai) and format_persen(nilai)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_bersihkan_teks_ascii_sama_dengan_jalur_unicode(teks: str) -> None:
    """ASCII text skips NFKC and the regex: the result is what the full path gives."""
    import re
    import unicodedata

    penuh = re.sub(r"[\s\u00a0\u202f\u2007]+", " ", unicodedata.normalize("NFKC", teks)).strip()
    assert bersihkan_teks(teks) == penuh
    assert bersihkan_teks(teks + "\u00a0") == penuh  # the same text, not ASCII
