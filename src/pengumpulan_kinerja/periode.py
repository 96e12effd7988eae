"""Months, quarters, deadlines and Indonesian dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from .galat import PenggunaanError

NAMA_BULAN: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
NAMA_HARI: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_SINGKATAN: dict[str, int] = {}
for _i, _nama in enumerate(NAMA_BULAN, start=1):
    _SINGKATAN[_nama.lower()] = _i
    _SINGKATAN[_nama[:3].lower()] = _i
_SINGKATAN.update({"agt": 8, "agu": 8, "nop": 11, "peb": 2, "pebruari": 2, "nopember": 11})

_POLA_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_POLA_ANGKA = re.compile(r"^(\d{1,2})$")
_POLA_NAMA = re.compile(r"^([A-Za-z]+)\.?(?:\s+(\d{4}))?$")


@dataclass(frozen=True, order=True)
class Periode:
    """A reporting month, e.g. ``2022-06``."""

    tahun: int
    bulan: int

    def __post_init__(self) -> None:
        if not 1 <= self.bulan <= 12:
            raise ValueError(f"bulan harus 1-12, bukan {self.bulan}")

    def __str__(self) -> str:
        return f"{self.tahun:04d}-{self.bulan:02d}"

    @property
    def kode(self) -> str:
        """``2022-06``: used in folder and file names."""
        return str(self)

    @property
    def label(self) -> str:
        """``Juni 2022``."""
        return f"{NAMA_BULAN[self.bulan - 1]} {self.tahun}"

    @property
    def nama_bulan(self) -> str:
        return NAMA_BULAN[self.bulan - 1]

    @property
    def triwulan(self) -> int:
        """Quarter of the month, 1-4."""
        return (self.bulan - 1) // 3 + 1

    @property
    def sebelumnya(self) -> Periode | None:
        """The previous month in the same year, or None for January."""
        return Periode(self.tahun, self.bulan - 1) if self.bulan > 1 else None

    def bulan_sejak_januari(self) -> list[Periode]:
        """January up to and including this month."""
        return [Periode(self.tahun, b) for b in range(1, self.bulan + 1)]

    def batas(self, batas_tanggal: int) -> date:
        """Deadline: day ``batas_tanggal`` of the following month (clamped to its length)."""
        tahun, bulan = (self.tahun + 1, 1) if self.bulan == 12 else (self.tahun, self.bulan + 1)
        hari_terakhir = calendar.monthrange(tahun, bulan)[1]
        return date(tahun, bulan, min(batas_tanggal, hari_terakhir))


def parse_periode(teks: str | int, tahun: int | None = None) -> Periode:
    """Read a month the ways users write it.

    Accepts ``2022-06``, ``6``, ``06``, ``Juni``, ``juni 2022``, ``Jun``. Forms without
    a year take ``tahun`` (the configured year).

    Contoh: ``parse_periode("Juni", 2022) == Periode(2022, 6)``.
    """
    asli = str(teks).strip()
    cocok = _POLA_ISO.match(asli)
    if cocok:
        thn, bln = int(cocok.group(1)), int(cocok.group(2))
    else:
        cocok = _POLA_ANGKA.match(asli)
        cocok_nama = _POLA_NAMA.match(asli)
        if cocok:
            bln, thn_opt = int(cocok.group(1)), tahun
        elif cocok_nama and cocok_nama.group(1).lower() in _SINGKATAN:
            bln = _SINGKATAN[cocok_nama.group(1).lower()]
            thn_opt = int(cocok_nama.group(2)) if cocok_nama.group(2) else tahun
        else:
            raise PenggunaanError(
                f"Bulan {asli!r} tidak dapat dibaca.",
                "Tulis bulan sebagai 2022-06, 6, 06 atau Juni.",
            )
        if thn_opt is None:
            raise PenggunaanError(
                f"Tahun untuk bulan {asli!r} tidak diketahui.", "Tulis lengkap, mis. 2022-06."
            )
        thn = thn_opt
    if not 1 <= bln <= 12:
        raise PenggunaanError(
            f"Bulan {asli!r} tidak ada: bulan harus 1 sampai 12.", "Contoh yang benar: 2022-06."
        )
    return Periode(thn, bln)


def format_tanggal(tgl: date | datetime, hari: bool = True) -> str:
    """``Kamis, 7 Juli 2022`` (with ``hari``) or ``7 Juli 2022``."""
    teks = f"{tgl.day} {NAMA_BULAN[tgl.month - 1]} {tgl.year}"
    if hari:
        return f"{NAMA_HARI[tgl.weekday()]}, {teks}"
    return teks


def format_waktu(waktu: datetime) -> str:
    """``7 Juli 2022 14.05`` (Indonesian time separator)."""
    return f"{format_tanggal(waktu, hari=False)} {waktu.hour:02d}.{waktu.minute:02d}"
