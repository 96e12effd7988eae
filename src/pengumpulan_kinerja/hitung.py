"""The formulas of SPEC section 7, as pure functions shared by every stage.

``buat-instrumen`` needs the target of the month and the realisation to last month,
``himpun`` needs them to flag a value below target or worse than last month, and
``analisis`` builds its tables on them. Percentages are in percent (80 means 80%).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .konfigurasi import Indikator

EPSILON = 1e-9


def target_bulan(indikator: Indikator, bulan: int) -> float:
    """Target of the month: ``target_bulanan`` if given; else for ``kumulatif`` linear
    between the quarterly targets (start of the year = 0); else the quarter's target."""
    if indikator.target_bulanan is not None:
        return indikator.target_bulanan[bulan - 1]
    triwulan = (bulan - 1) // 3
    if indikator.agregasi != "kumulatif":
        return indikator.target_triwulan[triwulan]
    awal = indikator.target_triwulan[triwulan - 1] if triwulan > 0 else 0.0
    akhir = indikator.target_triwulan[triwulan]
    langkah = (bulan - 1) % 3 + 1
    return awal + (akhir - awal) * langkah / 3


def target_triwulan(indikator: Indikator, bulan: int) -> float:
    """Target of the quarter that contains ``bulan``."""
    return indikator.target_triwulan[(bulan - 1) // 3]


def nilai_rasio(pembilang: float | None, penyebut: float | None) -> float | None:
    """``pembilang / penyebut × 100``; None when either is missing, the denominator is 0,
    or the ratio is not a finite float.

    Divided first, so equal huge numbers (10^308 / 10^308) give 100, not inf; a ratio
    that does overflow (10^300 / 10^-300) is None, never inf."""
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    try:
        nilai = pembilang / penyebut * 100.0
    except OverflowError:  # only for int operands; floats overflow to inf
        return None
    return nilai if math.isfinite(nilai) else None


def realisasi_sampai(
    indikator: Indikator, bulanan: Mapping[int, float], bulan: int
) -> float | None:
    """Realisation up to ``bulan`` from the monthly values reported (month → value).

    ``kumulatif``: sum from January; ``terakhir``: the latest reported value;
    ``rata-rata``: mean of the reported values. None when nothing was reported.
    """
    ada = sorted((b, v) for b, v in bulanan.items() if b <= bulan and v is not None)
    return gabung(indikator, [v for _, v in ada]) if ada else None


def gabung(indikator: Indikator, nilai: list[float]) -> float:
    """The aggregate of monthly values in month order (at least one): what
    :func:`realisasi_sampai` computes once the months are put in order.

    Never raises: ``math.fsum`` refuses a sum that overflows on the way (two months of
    1.7 × 10^308) with OverflowError; the sum is then taken of the values scaled down
    by 2^600 (exact for every float this large) and scaled back, which gives the finite
    result when there is one and ±inf when the sum itself is beyond the float range."""
    if indikator.agregasi == "terakhir":
        return nilai[-1]
    try:
        jumlah = math.fsum(nilai)
    except OverflowError:
        jumlah = math.fsum(v * _SKALA_KECIL for v in nilai)
        if indikator.agregasi != "kumulatif":
            jumlah /= len(nilai)
        return jumlah * _SKALA_BESAR  # float multiplication gives ±inf, never raises
    if indikator.agregasi == "kumulatif":
        return jumlah
    return jumlah / len(nilai)  # what statistics.fmean computes, without its overhead


_SKALA_KECIL = 2.0**-600
_SKALA_BESAR = 2.0**600


@dataclass(frozen=True)
class HasilCapaian:
    """A capaian percentage, or why there is none (``target-nol``, ``realisasi-nol``)."""

    nilai: float | None
    masalah: str | None = None


def capaian(
    indikator: Indikator,
    realisasi: float | None,
    target: float | None,
    maksimum: float | None = None,
) -> HasilCapaian:
    """Capaian in percent with the formula of the indicator's direction.

    ``naik``: R / T × 100. ``turun``/``selisih``: (2T − R) / T × 100.
    ``turun``/``rasio``: T / R × 100. Never below 0; capped at ``maksimum``.
    """
    nilai, masalah = _hitung_capaian(indikator, realisasi, target, maksimum)
    return HasilCapaian(nilai, masalah)


def nilai_capaian(
    indikator: Indikator,
    realisasi: float | None,
    target: float | None,
    maksimum: float | None = None,
) -> float | None:
    """``capaian(...).nilai``, without the reason when there is none."""
    return _hitung_capaian(indikator, realisasi, target, maksimum)[0]


def _hitung_capaian(
    indikator: Indikator,
    realisasi: float | None,
    target: float | None,
    maksimum: float | None,
) -> tuple[float | None, str | None]:
    if realisasi is None or target is None:
        return None, None
    if abs(target) < EPSILON:
        return None, "target-nol"
    # multiply before dividing and drop float noise (4.05 / 4.5 × 100 would give
    # 89.99999999999999), so a capaian of exactly 90 or 80 lands on its category boundary
    if indikator.arah == "naik":
        nilai = realisasi * 100.0 / target
    elif indikator.rumus_turun == "selisih":
        nilai = (2 * target - realisasi) * 100.0 / target
    elif abs(realisasi) < EPSILON:
        if maksimum is None:
            return None, "realisasi-nol"
        nilai = maksimum
    else:
        nilai = target * 100.0 / realisasi
    if not math.isfinite(nilai):  # a legacy value beyond the bounds now checked on intake
        return None, None
    nilai = max(round(nilai, 9), 0.0)
    if maksimum is not None:
        nilai = min(nilai, maksimum)
    return nilai, None


def memburuk(capaian_kini: float | None, capaian_lalu: float | None) -> bool:
    """True when this month's capaian is lower than last month's (direction-aware,
    since capaian already rewards the right direction)."""
    if capaian_kini is None or capaian_lalu is None:
        return False
    return capaian_kini < capaian_lalu - 1e-6


def skor_z_termodifikasi(nilai: list[float]) -> list[float]:
    """Modified z-scores (Iglewicz & Hoaglin): 0.6745 × (x − median) / MAD.

    With MAD = 0 every value equal to the median scores 0 and any other scores inf.
    """
    if not nilai:
        return []
    urut = sorted(nilai)
    tengah = _median(urut)
    mad = _median(sorted(abs(x - tengah) for x in nilai))
    if mad == 0:
        return [0.0 if abs(x - tengah) < EPSILON else math.inf for x in nilai]
    return [0.6745 * (x - tengah) / mad for x in nilai]


def _median(urut: list[float]) -> float:
    n = len(urut)
    tengah = n // 2
    return urut[tengah] if n % 2 else (urut[tengah - 1] + urut[tengah]) / 2


def penyerapan(realisasi: float | None, pagu: float | None) -> float | None:
    """Budget absorption in percent: realisation to date / pagu × 100 (as ``analisis``
    computes it per team); None without a realisation or a positive pagu."""
    if realisasi is None or pagu is None or pagu <= 0:
        return None
    return realisasi / pagu * 100
