"""What reading one file produces, and the collector of its findings.

These values cross from the worker process to the main process, so they are kept
small and cheap to pickle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import partial

from ..buku_besar.rekaman import NilaiBaru
from ..temuan import Tempat, Temuan, buat

NilaiTerbaca = NilaiBaru
"""One accepted input value of a submission: the ledger's own record of it, so what the
reader accepted goes to :meth:`~.buku_besar.BukuBesar.tambah_kiriman` as it is."""


@dataclass(frozen=True)
class Riwayat:
    """What the ledger knows when files are checked (sent once to each worker)."""

    bulanan: Mapping[tuple[str, str], Mapping[int, float]] = field(default_factory=dict)
    """(tim, indikator) → {month: realisasi} of the configured year."""
    terkunci: frozenset[str] = frozenset()
    """Approved (locked) months, as ``2022-06``."""
    sha_dikenal: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HasilBaca:
    """Everything read from one file; ``diterima`` is False on a file-level galat."""

    jalur: str
    berkas: str
    ukuran: int
    sha256: str
    mtime: float
    diterima: bool
    duplikat: bool = False
    tim: str = ""
    periode: str = ""
    dikenali_dari: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)
    nilai: tuple[NilaiTerbaca, ...] = ()
    temuan: tuple[Temuan, ...] = ()
    lembar: str = ""
    """Name of the sheet the values were read from (``Capaian``)."""
    sel_kendala: Mapping[str, str] = field(default_factory=dict)
    """Indicator → its Kendala/Permasalahan cell (where history findings point)."""
    diisi_oleh: str = ""
    tanggal_pengisian: str = ""
    data: bytes = field(default=b"", repr=False)
    """The file's bytes as read and hashed (accepted files only): the copy under
    ``kiriman/`` is written from them, so the file is never read twice."""

    def __reduce__(self) -> tuple[object, tuple[tuple[object, ...]]]:
        """Pickled with ``nilai`` as five columns of plain values: a named tuple per value
        costs a Python call to pickle and another to unpickle (±1,3 µs each; 300
        values at 60 indicators), five tuples cost one C loop each."""
        isi = [getattr(self, nama) for nama in _MEDAN_HASIL]
        isi[_MEDAN_NILAI] = tuple(zip(*self.nilai, strict=True))
        return (_hasil_dari_kolom, (tuple(isi),))


_MEDAN_HASIL = tuple(f.name for f in fields(HasilBaca))
_MEDAN_NILAI = _MEDAN_HASIL.index("nilai")
_nilai_terbaca = partial(tuple.__new__, NilaiTerbaca)


def _hasil_dari_kolom(isi: tuple[object, ...]) -> HasilBaca:
    """:class:`HasilBaca` back from :meth:`HasilBaca.__reduce__`."""
    medan = list(isi)
    kolom = medan[_MEDAN_NILAI]
    assert isinstance(kolom, tuple)
    medan[_MEDAN_NILAI] = tuple(map(_nilai_terbaca, zip(*kolom, strict=True)))
    return HasilBaca(*medan)  # type: ignore[arg-type]


_tuple_baru = tuple.__new__


class Ditolak(Exception):
    """Internal: a file-level galat was found; the finding is already recorded."""


class Pencatat:
    """Collects the findings of one file, each placed in the file, team and period."""

    def __init__(self, berkas: str) -> None:
        self.berkas = berkas
        self.temuan: list[Temuan] = []
        self.tim = ""
        self.periode = ""

    def tempat(self, lembar: str = "", sel: str = "", indikator: str = "") -> Tempat:
        # tuple.__new__: a place is made for most input cells; the named tuple's own
        # __new__ (a Python function) costs twice as much
        return _tuple_baru(Tempat, (self.berkas, lembar, sel, self.tim, self.periode, indikator))

    def catat(
        self, kode: str, lembar: str = "", sel: str = "", indikator: str = "", **isian: object
    ) -> None:
        """A finding of ``kode`` from the catalogue, its template filled with ``isian``."""
        self.temuan.append(buat(kode, self.tempat(lembar, sel, indikator), **isian))

    def tolak(self, kode: str, lembar: str = "", sel: str = "", **isian: object) -> Ditolak:
        """Record a file-level galat; the caller raises what this returns."""
        self.temuan.append(buat(kode, self.tempat(lembar, sel), **isian))
        return Ditolak()
