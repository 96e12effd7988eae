"""Typed records the ledger hands out (one per kind of row) and takes in.

Field names are the ledger's column names, which are the domain nouns of the SPEC. No
other module sees a ``sqlite3.Row`` or a column name as a string.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Any, NamedTuple, TypeVar

KOLOM_ANGKA: tuple[str, ...] = ("realisasi", "pembilang", "penyebut", "anggaran")
"""Numeric fields of a value row. ``anggaran`` is a team's budget realisation of the month."""
KOLOM_TEKS: tuple[str, ...] = ("kendala", "upaya", "rtl", "bukti")
"""Text fields: Kendala/Permasalahan, Upaya/Solusi, Rencana Tindak Lanjut, Bukti Dukung."""
KOLOM_NILAI: tuple[str, ...] = KOLOM_ANGKA + KOLOM_TEKS
INDIKATOR_ANGGARAN = ""
"""``indikator`` of a team's budget row (kolom ``anggaran``): no indicator."""

SUMBER_KIRIMAN: tuple[str, ...] = ("himpun", "impor")
"""How a submission came in: collected from a workbook, or imported history (SPEC §14)."""

SUMBER_AUDIT_KIRIMAN: dict[str, str] = {"himpun": "kiriman", "impor": "impor"}
"""The ``sumber`` of the changes a submission made, in the audit trail, by how it came in."""

R = TypeVar("R")


def sidik_impor(sha_berkas: str, tim: str, periode: str) -> str:
    """The ``sha256`` recorded for one team and month imported from a workbook (source
    ``impor``): derived from the workbook's own SHA-256, the team and the month, so each
    team-month is one unique submission and the same workbook imported twice is caught
    by the unique index; its copy under ``kiriman/`` stays byte-exact."""
    return hashlib.sha256(f"impor\n{sha_berkas}\n{tim}\n{periode}".encode()).hexdigest()


class KirimanSudahAda(Exception):
    """The same bytes were taken in already (by another run, just now)."""


class BulanTerkunci(Exception):
    """The month is approved: a submission for it is not taken in (reopen it first)."""


def dari_baris(jenis: type[R], baris: Any) -> R:
    """Build a record from a row, taking the columns the record declares."""
    nama = {f.name for f in fields(jenis)}  # type: ignore[arg-type]
    return jenis(**{k: baris[k] for k in baris.keys() if k in nama})  # noqa: SIM118 (sqlite3.Row)


def teks_nilai(angka: float | None, teks: str | None) -> str | None:
    """A value as the audit trail writes it: ``repr`` of the number, else the text.

    ``+ 0.0`` turns -0.0 into 0.0: SQLite stores an integral REAL as an integer, so a
    -0.0 reads back as 0.0, and the trail must say what the ledger holds."""
    if angka is not None:
        return repr(float(angka) + 0.0)
    return teks


def nilai_kolom(kolom: str, angka: float | None, teks: str | None) -> tuple[Any, Any]:
    """A field's value as the ledger keeps it: numbers for numeric fields, text otherwise."""
    if kolom in KOLOM_ANGKA:
        return (None if angka is None else float(angka) + 0.0), None
    return None, teks


@dataclass(frozen=True, eq=False)
class NilaiKini:
    """The current value of one field (corrections applied)."""

    periode: str
    tim: str
    indikator: str
    kolom: str
    angka: float | None
    teks: str | None
    kiriman_id: int | None
    sumber: str


class NilaiBaru(NamedTuple):
    """One value a submission carries, with the cell it came from (a named tuple: a
    submission carries up to a few hundred, made from the reader's tuples)."""

    indikator: str
    kolom: str
    angka: float | None
    teks: str | None
    sel: str = ""


@dataclass(frozen=True, eq=False)
class KirimanBaru:
    """A submission about to be taken in (before it has an id)."""

    periode: str
    tim: str
    nama_berkas: str
    berkas_asal: str
    sha256: str
    ukuran: int
    salinan: str
    diterima: str
    dihimpun: str
    terlambat: bool
    tanggal_pengisian: str | None
    diisi_oleh: str | None
    instrumen_id: str | None
    sidik_jari: str | None
    dikenali_dari: str
    oleh: str
    sumber: str = "himpun"


@dataclass(frozen=True, eq=False)
class Kiriman:
    """A submission as recorded."""

    id: int
    periode: str
    tim: str
    nama_berkas: str
    berkas_asal: str
    sha256: str
    ukuran: int
    salinan: str
    diterima: str
    dihimpun: str
    terlambat: int
    tanggal_pengisian: str | None
    diisi_oleh: str | None
    instrumen_id: str | None
    sidik_jari: str | None
    dikenali_dari: str
    menggantikan: int | None
    oleh: str
    sumber: str

    def salinan_cocok(self, sha_salinan: str) -> bool:
        """True when a copy whose SHA-256 is ``sha_salinan`` is this submission's copy
        (for an import, through :func:`sidik_impor`)."""
        if self.sumber == "impor":
            return sidik_impor(sha_salinan, self.tim, self.periode) == self.sha256
        return sha_salinan == self.sha256


@dataclass(frozen=True, eq=False)
class KeadaanTim:
    """What a new submission of a team and month meets: the lock and the active one."""

    terkunci: bool
    aktif: Kiriman | None

    def akan_aktif(self, diterima: str) -> bool:
        """True when a submission received at ``diterima`` becomes the active one: the
        one received last is active (of equal times, the one taken in later), exactly
        as the ``kiriman_aktif`` view orders them."""
        return self.aktif is None or diterima >= self.aktif.diterima


@dataclass(frozen=True, eq=False)
class KirimanTercatat:
    """The outcome of taking a submission in."""

    kiriman: Kiriman
    aktif: bool
    berubah: int
    sebelumnya: Kiriman | None = None
    """The submission that was active when this one was taken in, if any."""


@dataclass(frozen=True, eq=False)
class AuditBaris:
    """A change in the audit trail; ``id`` is None for a change made by a submission
    (listed from the submission, not stored as a row)."""

    id: int | None
    periode: str
    tim: str
    indikator: str
    kolom: str
    lama: str | None
    baru: str | None
    alasan: str
    oleh: str
    waktu: str
    sumber: str
    kiriman_id: int | None


@dataclass(frozen=True, eq=False)
class TemuanTercatat:
    """A finding as stored (of a submission, or of an analysis run)."""

    id: int
    kiriman_id: int | None
    periode: str
    tim: str
    berkas: str
    lembar: str
    sel: str
    indikator: str
    kode: str
    tingkat: str
    pesan: str
    waktu: str


@dataclass(frozen=True, eq=False)
class Keputusan:
    """A decision of the Kasubbag Umum: ``setujui``, ``tolak`` or ``buka``."""

    id: int
    periode: str
    jenis: str
    oleh: str
    catatan: str
    waktu: str
    analisis_id: int | None


@dataclass(frozen=True, eq=False)
class Analisis:
    """An analysis run and the data version it saw."""

    id: int
    periode: str
    waktu: str
    oleh: str
    versi_data: str
    ringkasan: str


@dataclass(frozen=True, eq=False)
class Peristiwa:
    """A POS event (step 1-8): who, start and end, details as JSON text."""

    id: int
    periode: str
    langkah: int
    aksi: str
    oleh: str
    mulai: str
    selesai: str
    rincian: str


@dataclass(frozen=True, eq=False)
class ArsipTercatat:
    """A monthly archive written, with the chain head it was built from."""

    id: int
    periode: str
    revisi: int
    folder: str
    waktu: str
    oleh: str
    menggantikan: int | None
    keputusan_id: int | None
    sha256sums: str
    jejak_jumlah: int | None
    jejak_hash: str | None


@dataclass(frozen=True, eq=False)
class Pengiriman:
    """An instrument or reminder written as ``.eml`` or sent by SMTP (POS step 4)."""

    periode: str
    tim: str
    jenis: str
    cara: str
    tujuan: str
    message_id: str
    berkas: str
    waktu: str
    oleh: str
