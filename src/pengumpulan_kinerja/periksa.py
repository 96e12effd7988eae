"""``kinerja periksa`` and ``kinerja cadangkan``: the ledger proves itself, and is copied
safely (SPEC section 13). The checks themselves live in the ledger package."""

from __future__ import annotations

from pathlib import Path

from .buku_besar import BukuBesar, HasilPeriksa
from .galat import PenggunaanError
from .periode import Periode
from .ruang_kerja import RuangKerja, periksa_keluaran


def periksa_ruang(ruang: RuangKerja, periode: Periode | None = None) -> HasilPeriksa:
    """Verify the workspace's ledger (and the copies of ``periode``, or of every month)."""
    with BukuBesar(ruang.berkas_buku_besar, periksa_identitas=False) as buku:
        return buku.periksa(periode.kode if periode else None)


def terima_buku_besar(ruang: RuangKerja, oleh: str, alasan: str) -> HasilPeriksa:
    """After a deliberate restore: record the present ledger as the workspace's."""
    oleh, alasan = oleh.strip(), alasan.strip()
    if not oleh or not alasan:
        raise PenggunaanError(
            "Menerima buku besar memerlukan nama dan alasan.",
            'Tambahkan --oleh "NAMA" --alasan "mengapa buku besar ini dipulihkan".',
        )
    with BukuBesar(ruang.berkas_buku_besar, periksa_identitas=False) as buku:
        return buku.terima(oleh=oleh, alasan=alasan)


def cadangkan(ruang: RuangKerja, tujuan: Path | None = None, timpa: bool = False) -> Path:
    """A consistent, checked copy of the ledger (default under ``cadangan/``); an
    existing file is replaced only with ``timpa``, the workspace's own files never."""
    if tujuan is not None:
        periksa_keluaran(tujuan, timpa=timpa, masukan=ruang.berkas_sendiri)
    with ruang.buka_buku_besar() as buku:
        return buku.cadangkan(tujuan)
