"""The error tree and exit codes (SPEC section 11).

Failures a user can fix raise a :class:`KinerjaError`. ``cli`` is the one place
that turns them into a message and an exit code. Data problems inside
submissions are not errors: they are :class:`~pengumpulan_kinerja.temuan.Temuan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

KELUAR_SELESAI = 0
"""Done."""
KELUAR_TEMUAN = 1
"""Done with galat findings, or an action was refused."""
KELUAR_PENGGUNAAN = 2
"""Wrong usage or configuration."""


class KinerjaError(Exception):
    """A failure the user can fix: what happened, and what to do about it."""

    kode_keluar: int = KELUAR_PENGGUNAAN

    def __init__(self, pesan: str, saran: str | None = None) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.saran = saran


class PenggunaanError(KinerjaError):
    """The command was called wrongly (bad option value, missing file)."""


class RuangKerjaError(KinerjaError):
    """No workspace was found, or it is not usable."""


@dataclass(frozen=True)
class MasalahKonfigurasi:
    """One mistake in ``kinerja.yaml``: where it is and what would be right."""

    jalur: str
    pesan: str
    baris: int | None = None
    kolom: int | None = None

    def __str__(self) -> str:
        tempat = []
        if self.baris is not None:
            tempat.append(f"baris {self.baris}")
            if self.kolom is not None:
                tempat[-1] += f" kolom {self.kolom}"
        if self.jalur:
            tempat.append(self.jalur)
        return ", ".join(tempat) + f": {self.pesan}" if tempat else self.pesan


class KonfigurasiError(KinerjaError):
    """``kinerja.yaml`` has one or more mistakes; all of them are listed."""

    def __init__(self, berkas: str, masalah: Sequence[MasalahKonfigurasi]) -> None:
        jumlah = len(masalah)
        super().__init__(
            f"{berkas}: ditemukan {jumlah} kesalahan konfigurasi.",
            "Perbaiki setiap baris yang disebut, lalu jalankan `kinerja cek` lagi.",
        )
        self.berkas = berkas
        self.masalah = tuple(masalah)


class DitolakError(KinerjaError):
    """The action is refused in the current state (e.g. the month is locked)."""

    kode_keluar = KELUAR_TEMUAN


class BukuBesarError(KinerjaError):
    """The ledger cannot be used (newer schema, busy, damaged)."""
