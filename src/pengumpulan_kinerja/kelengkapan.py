"""Completeness and timeliness of a month (SPEC section 6): expected teams, received,
on time, late and missing, by name. Used by himpun, analisis, status, setujui and the
reminders of step 4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .buku_besar import BukuBesar
from .konfigurasi import Konfigurasi
from .periode import Periode
from .ruang_kerja import RuangKerja


@dataclass(frozen=True, eq=False)
class Kelengkapan:
    """Completeness and timeliness of one month."""

    periode: Periode
    batas: date
    diharapkan: tuple[tuple[str, str], ...]
    diterima: tuple[str, ...]
    tepat_waktu: tuple[str, ...]
    terlambat: tuple[str, ...]
    belum: tuple[tuple[str, str], ...]

    def sebagai_dict(self) -> dict[str, object]:
        return {
            "periode": self.periode.kode,
            "batas": self.batas.isoformat(),
            "diharapkan": len(self.diharapkan),
            "diterima": len(self.diterima),
            "tepat_waktu": len(self.tepat_waktu),
            "terlambat": list(self.terlambat),
            "belum": [{"tim": k, "nama": n} for k, n in self.belum],
        }


def kelengkapan_dari(konfigurasi: Konfigurasi, buku: BukuBesar, periode: Periode) -> Kelengkapan:
    """Expected, received, on time, late and missing teams of a month."""
    baris = buku.kiriman_aktif(periode.kode)
    diharapkan = tuple((t.kode, t.nama) for t in konfigurasi.tim_berindikator())
    kode_harap = {k for k, _ in diharapkan}
    masuk = {b.tim: bool(b.terlambat) for b in baris if b.tim in kode_harap}
    return Kelengkapan(
        periode=periode,
        batas=periode.batas(konfigurasi.batas_tanggal),
        diharapkan=diharapkan,
        diterima=tuple(k for k, _ in diharapkan if k in masuk),
        tepat_waktu=tuple(k for k, _ in diharapkan if k in masuk and not masuk[k]),
        terlambat=tuple(k for k, _ in diharapkan if masuk.get(k)),
        belum=tuple((k, n) for k, n in diharapkan if k not in masuk),
    )


def kelengkapan(ruang: RuangKerja, periode: Periode, buku: BukuBesar | None = None) -> Kelengkapan:
    """:func:`kelengkapan_dari` for a workspace (opens the ledger when not given one)."""
    if buku is not None:
        return kelengkapan_dari(ruang.konfigurasi, buku, periode)
    with ruang.buka_buku_besar() as milik:
        return kelengkapan_dari(ruang.konfigurasi, milik, periode)
