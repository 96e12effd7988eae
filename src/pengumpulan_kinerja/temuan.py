"""Findings: data problems as values with stable codes (SPEC section 6)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Tingkat(StrEnum):
    """Severity of a finding."""

    GALAT = "galat"
    PERINGATAN = "peringatan"
    INFO = "info"


KODE_TEMUAN: dict[str, Tingkat] = {
    "berkas-rusak": Tingkat.GALAT,
    "bukan-instrumen": Tingkat.GALAT,
    "versi-tidak-dikenal": Tingkat.GALAT,
    "tim-tidak-dikenal": Tingkat.GALAT,
    "periode-di-luar": Tingkat.GALAT,
    "bulan-terkunci": Tingkat.GALAT,
    "indikator-hilang": Tingkat.GALAT,
    "bukan-angka": Tingkat.GALAT,
    "di-luar-batas": Tingkat.GALAT,
    "penyebut-nol": Tingkat.GALAT,
    "pembilang-melebihi-penyebut": Tingkat.GALAT,
    "rumus-tanpa-nilai": Tingkat.GALAT,
    "realisasi-kosong": Tingkat.PERINGATAN,
    "kendala-wajib": Tingkat.PERINGATAN,
    "memburuk-tanpa-catatan": Tingkat.PERINGATAN,
    "bukti-kosong": Tingkat.PERINGATAN,
    "target-diubah": Tingkat.PERINGATAN,
    "baris-tak-dikenal": Tingkat.PERINGATAN,
    "terlambat": Tingkat.PERINGATAN,
    "duplikat": Tingkat.INFO,
    "menggantikan": Tingkat.INFO,
    "lebih-lama": Tingkat.INFO,
}
"""Every stable finding code and its severity. Codes are a contract: never rename."""

KOLOM_EKSPOR: tuple[str, ...] = (
    "berkas",
    "lembar",
    "sel",
    "tim",
    "periode",
    "indikator",
    "kode",
    "tingkat",
    "pesan",
)
"""Fields every export of findings carries (xlsx, CSV, JSON), in this order."""


def daftarkan_kode(kode: str, tingkat: Tingkat) -> None:
    """Register an extra finding code (used by later stages, e.g. analysis)."""
    lama = KODE_TEMUAN.get(kode)
    if lama is not None and lama != tingkat:
        raise ValueError(f"kode temuan {kode!r} sudah terdaftar dengan tingkat {lama}")
    KODE_TEMUAN[kode] = tingkat


@dataclass(frozen=True)
class Temuan:
    """One finding: a stable code, its severity, where it is, and what to do."""

    kode: str
    pesan: str
    berkas: str = ""
    lembar: str = ""
    sel: str = ""
    tim: str = ""
    periode: str = ""
    indikator: str = ""

    def __post_init__(self) -> None:
        if self.kode not in KODE_TEMUAN:
            raise ValueError(f"kode temuan tidak dikenal: {self.kode!r}")

    @property
    def tingkat(self) -> Tingkat:
        return KODE_TEMUAN[self.kode]

    @property
    def galat(self) -> bool:
        return self.tingkat is Tingkat.GALAT

    @property
    def lokasi(self) -> str:
        """Place as users read it: ``PM_2022-06.xlsx › Capaian!K7``."""
        tempat = self.lembar
        if self.sel:
            tempat = f"{tempat}!{self.sel}" if tempat else self.sel
        if self.berkas and tempat:
            return f"{self.berkas} › {tempat}"
        return self.berkas or tempat

    def sebagai_baris(self) -> dict[str, str]:
        """The export fields of SPEC section 6, in order."""
        data = asdict(self)
        data["tingkat"] = str(self.tingkat)
        return {kolom: str(data[kolom]) for kolom in KOLOM_EKSPOR}


def ada_galat(temuan: list[Temuan] | tuple[Temuan, ...]) -> bool:
    return any(t.galat for t in temuan)
