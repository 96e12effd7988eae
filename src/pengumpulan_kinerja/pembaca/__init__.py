"""Reading one submitted workbook: recognise it, read its inputs, check them.

Pure and picklable: no ledger access, so it runs in worker processes. Every problem
becomes a :class:`~..temuan.Temuan`; nothing here raises for a bad file. Each workbook
is read once, from bytes already in memory (the same bytes are hashed and copied).

- :mod:`.wadah`: which files are opened at all; container safety and the bounds of
  every sheet read;
- :mod:`.kenali`: recognition (metadata, header block, column labels);
- :mod:`.periksa`: the cells checked through the rules of :mod:`..aturan`;
- :mod:`.hasil`: the values that cross back from a worker process.
"""

from __future__ import annotations

from ..aturan import KODE_RIWAYAT, MAKS_TEKS, masalah_batas, temuan_riwayat
from .hasil import HasilBaca, NilaiTerbaca, Riwayat
from .kenali import huruf
from .periksa import periksa_berkas
from .wadah import EKSTENSI, MAKS_BARIS, MAKS_KOLOM, MAKS_UKURAN, daftar_berkas

__all__ = [
    "EKSTENSI",
    "KODE_RIWAYAT",
    "MAKS_BARIS",
    "MAKS_KOLOM",
    "MAKS_TEKS",
    "MAKS_UKURAN",
    "HasilBaca",
    "NilaiTerbaca",
    "Riwayat",
    "daftar_berkas",
    "huruf",
    "masalah_batas",
    "periksa_berkas",
    "temuan_riwayat",
]
