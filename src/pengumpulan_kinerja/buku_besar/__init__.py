"""The ledger: ``kinerja.db`` (SQLite), the single trusted record (SPEC section 13).

This package is the only code that speaks SQL. Everything else receives typed records
(:mod:`.rekaman`) and passes typed values.

- :mod:`.skema`: the schema as numbered migrations, the derived views and the triggers;
- :mod:`.migrasi`: the Python part of migration 3 (ledger v2);
- :mod:`.koneksi`: opening (identity and head checks, backup before a migration),
  transactions and the one chained insert;
- :mod:`.baca` / :mod:`.tulis`: typed reads and writes;
- :mod:`.jejak`: the hash chain and ``.kinerja-jejak``;
- :mod:`.periksa`: ``kinerja periksa`` and accepting a restored ledger.
"""

from __future__ import annotations

from .baca import NilaiRinci
from .jejak import NAMA_BERKAS_JEJAK, Kepala, MasalahJejak
from .koneksi import (
    FOLDER_CADANGAN,
    disk_penuh,
    pengguna_os,
    sekarang,
    teks_aman,
    waktu_iso,
)
from .periksa import POLA_SEMENTARA, HasilPeriksa, Periksa
from .rekaman import (
    INDIKATOR_ANGGARAN,
    KOLOM_ANGKA,
    KOLOM_NILAI,
    KOLOM_TEKS,
    Analisis,
    ArsipTercatat,
    AuditBaris,
    BulanTerkunci,
    KeadaanTim,
    Keputusan,
    Kiriman,
    KirimanBaru,
    KirimanSudahAda,
    KirimanTercatat,
    NilaiBaru,
    NilaiKini,
    Pengiriman,
    Peristiwa,
    TemuanTercatat,
    sidik_impor,
    teks_nilai,
)


class BukuBesar(Periksa):
    """A connection to ``kinerja.db`` with the schema brought up to date and the
    workspace's identity checked."""


__all__ = [
    "FOLDER_CADANGAN",
    "INDIKATOR_ANGGARAN",
    "KOLOM_ANGKA",
    "KOLOM_NILAI",
    "KOLOM_TEKS",
    "NAMA_BERKAS_JEJAK",
    "POLA_SEMENTARA",
    "Analisis",
    "ArsipTercatat",
    "AuditBaris",
    "BukuBesar",
    "BulanTerkunci",
    "HasilPeriksa",
    "KeadaanTim",
    "Kepala",
    "Keputusan",
    "Kiriman",
    "KirimanBaru",
    "KirimanSudahAda",
    "KirimanTercatat",
    "MasalahJejak",
    "NilaiBaru",
    "NilaiKini",
    "NilaiRinci",
    "Pengiriman",
    "Peristiwa",
    "TemuanTercatat",
    "disk_penuh",
    "pengguna_os",
    "sekarang",
    "sidik_impor",
    "teks_aman",
    "teks_nilai",
    "waktu_iso",
]
