"""Opening the ledger: identity, migrations with a backup first, transactions, the chain.

A workspace's ledger is recognised by its identity (a random id given by ``init``) and
its head (count and hash of the chain), both also kept in ``.kinerja-jejak``. A ledger
that is missing, empty, another workspace's, or older than that head is refused before
anything is written, with what to do (restore from ``cadangan/``; ``kinerja periksa
--terima`` after a deliberate restore).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from ..galat import BukuBesarError
from . import migrasi
from .jejak import (
    NAMA_BERKAS_JEJAK,
    Kepala,
    awal_rantai,
    baca_berkas_jejak,
    hash_berikut,
    tulis_berkas_jejak,
)
from .skema import MIGRASI, pecah_sql

FOLDER_CADANGAN = "cadangan"
SQLITE_MINIMUM = (3, 35, 0)


def sekarang() -> datetime:
    """Local time without microseconds (what the ledger stores)."""
    return datetime.now().replace(microsecond=0)


def waktu_iso(waktu: datetime | None = None) -> str:
    return (waktu or sekarang()).isoformat(timespec="seconds")


def pengguna_os() -> str:
    """The OS user, used as "who" for routine steps when ``--oleh`` is not given."""
    for nama in ("KINERJA_PENGGUNA", "USER", "USERNAME"):
        if os.environ.get(nama):
            return os.environ[nama]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "tidak diketahui"


def teks_aman(teks: str) -> str:
    """Text the ledger can store: a file name with bytes that are not UTF-8 (surrogate
    escapes from the OS) keeps those bytes visibly as ``\\xNN``, never fails."""
    try:
        teks.encode("utf-8")
        return teks
    except UnicodeEncodeError:
        return teks.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _rusak(berkas: Path, exc: BaseException) -> BukuBesarError:
    return BukuBesarError(
        f"Buku besar {berkas} rusak atau tidak dapat dibaca ({exc}).",
        f"Jangan jalankan perintah lain dulu: pulihkan kinerja.db dari salinan terakhir di "
        f"{FOLDER_CADANGAN}/, lalu jalankan `kinerja periksa`.",
    )


def cadangkan_ke(sumber: sqlite3.Connection, tujuan: Path) -> Path:
    """A consistent copy with SQLite's backup API, checked with ``integrity_check``."""
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(f".{tujuan.name}.{os.getpid()}.tmp")
    try:
        salinan = sqlite3.connect(sementara)
        try:
            sumber.backup(salinan)
            hasil = salinan.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            salinan.close()
        if hasil != "ok":
            raise BukuBesarError(
                f"Cadangan {tujuan.name} tidak lolos pemeriksaan integritas ({hasil}).",
                "Buku besar mungkin rusak: jalankan `kinerja periksa` dan pulihkan dari "
                f"cadangan lama di {FOLDER_CADANGAN}/.",
            )
        os.replace(sementara, tujuan)
    except OSError as exc:
        raise BukuBesarError(
            f"Cadangan {tujuan} tidak dapat ditulis ({exc.strerror}).",
            "Periksa ruang disk dan izin folder, lalu ulangi.",
        ) from None
    finally:
        sementara.unlink(missing_ok=True)
    return tujuan


def nama_cadangan(folder: Path, alasan: str = "") -> Path:
    dasar = f"kinerja-{sekarang():%Y%m%d-%H%M%S}" + (f"-{alasan}" if alasan else "")
    calon = folder / f"{dasar}.db"
    n = 2
    while calon.exists():
        calon = folder / f"{dasar}-{n}.db"
        n += 1
    return calon


class Dasar:
    """A connection to ``kinerja.db``: checked, migrated, and the chain kept."""

    def __init__(
        self,
        berkas: Path,
        batas_tunggu: float = 30.0,
        *,
        periksa_identitas: bool = True,
    ) -> None:
        if sqlite3.sqlite_version_info < SQLITE_MINIMUM:
            raise BukuBesarError(
                f"SQLite {sqlite3.sqlite_version} terlalu lama untuk buku besar kinerja.",
                "Pasang Python 3.11 dengan SQLite 3.35 atau lebih baru.",
            )
        self.berkas = berkas
        self.folder = berkas.parent
        self._kepala: Kepala | None = None
        self._kepala_awal: Kepala | None = None
        self._id_akhir: dict[str, int] = {}
        """Last id of each chained table in the running transaction (one MAX per table)."""
        self._jejak_tertunda: Kepala | None = None
        """Inside :meth:`penulisan_besar`: the head to write to the head file at its end."""
        self._besar = False
        try:
            tercatat = baca_berkas_jejak(self.folder)
        except (ValueError, KeyError, TypeError, OSError) as exc:
            raise BukuBesarError(
                f"{self.folder / NAMA_BERKAS_JEJAK} tidak dapat dibaca ({exc}).",
                "Berkas itu ditulis oleh kinerja; pulihkan dari cadangan, atau jalankan "
                '`kinerja periksa --terima --oleh "..." --alasan "..."` bila buku besar benar.',
            ) from None
        kosong = not berkas.exists() or berkas.stat().st_size == 0
        if kosong and tercatat is not None:
            keadaan = "tidak ada" if not berkas.exists() else "kosong (0 bita)"
            raise BukuBesarError(
                f"Buku besar {berkas} {keadaan}, padahal ruang kerja ini mencatat "
                f"{tercatat.jumlah} catatan di {NAMA_BERKAS_JEJAK}; tidak ada yang diubah.",
                f"Pulihkan kinerja.db dari salinan terakhir di {FOLDER_CADANGAN}/ (lihat "
                "`ls cadangan`), lalu jalankan `kinerja periksa`.",
            )
        try:
            self.conn = sqlite3.connect(
                berkas, timeout=batas_tunggu, isolation_level=None, check_same_thread=False
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrasi(baru=kosong)
            self.identitas = self._identitas()
        except sqlite3.DatabaseError as exc:
            raise _rusak(berkas, exc) from None
        if periksa_identitas:
            self._cocokkan(baca_berkas_jejak(self.folder))

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def versi_skema(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _q(
        self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> list[sqlite3.Row]:
        try:
            return list(self.conn.execute(sql, parameter))
        except sqlite3.DatabaseError as exc:
            raise _rusak(self.berkas, exc) from None

    def _satu(
        self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> sqlite3.Row | None:
        baris = self._q(sql, parameter)
        return baris[0] if baris else None

    def _x(self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, parameter)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise _rusak(self.berkas, exc) from None

    # ------------------------------------------------------------------ schema

    def _migrasi(self, baru: bool) -> None:
        versi = self.versi_skema
        if versi > len(MIGRASI):
            raise BukuBesarError(
                f"Buku besar {self.berkas} memakai skema versi {versi}, lebih baru dari alat "
                f"ini (versi {len(MIGRASI)}).",
                "Perbarui kinerja ke versi terbaru.",
            )
        if versi == len(MIGRASI):
            return
        if versi > 0:
            # an existing ledger: a consistent copy first, so nothing can be lost
            cadangkan_ke(self.conn, nama_cadangan(self.folder / FOLDER_CADANGAN, "sebelum-migrasi"))
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for nomor in range(versi, len(MIGRASI)):
                for perintah in pecah_sql(MIGRASI[nomor]):
                    self.conn.execute(perintah)
                if nomor + 1 == migrasi.NOMOR:
                    migrasi.jalankan(self.conn, waktu_iso(), baru=versi == 0)
                self.conn.execute(f"PRAGMA user_version = {nomor + 1}")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        kepala = self._baca_kepala()
        if baru or baca_berkas_jejak(self.folder) is None:
            tulis_berkas_jejak(self.folder, kepala, waktu_iso())

    def _identitas(self) -> str:
        baris = self.conn.execute("SELECT identitas FROM identitas WHERE id = 1").fetchone()
        if baris is None:
            raise sqlite3.DatabaseError("tabel identitas kosong")
        return str(baris[0])

    def _baca_kepala(self) -> Kepala:
        baris = self.conn.execute(
            "SELECT i.identitas, k.jumlah, k.hash FROM identitas i, kepala k"
        ).fetchone()
        if baris is None:
            raise sqlite3.DatabaseError("kepala jejak tidak ada")
        return Kepala(str(baris[0]), int(baris[1]), str(baris[2]))

    def hash_mata_rantai(self, nomor: int) -> str | None:
        """The hash of link ``nomor`` (0: the start of the chain)."""
        if nomor == 0:
            return awal_rantai(self.identitas)
        from .skema import TABEL_BERANTAI

        for tabel in TABEL_BERANTAI:
            baris = self._satu(f"SELECT hash FROM {tabel} WHERE nomor_jejak = ?", (nomor,))
            if baris is not None:
                return str(baris[0])
        return None

    def keadaan_jejak(self, tercatat: Kepala | None) -> str:
        """How this ledger stands against the workspace's head: ``sama``, ``maju`` (the
        ledger has more links that extend the recorded head), ``tanpa-jejak``,
        ``identitas-lain``, ``lebih-lama`` or ``bercabang``."""
        kepala = self._baca_kepala()
        if tercatat is None:
            return "tanpa-jejak"
        if tercatat.identitas != kepala.identitas:
            return "identitas-lain"
        if kepala.jumlah < tercatat.jumlah:
            return "lebih-lama"
        if self.hash_mata_rantai(tercatat.jumlah) != tercatat.hash:
            return "bercabang"
        return "sama" if kepala.jumlah == tercatat.jumlah else "maju"

    def _cocokkan(self, tercatat: Kepala | None) -> None:
        keadaan = self.keadaan_jejak(tercatat)
        kepala = self._baca_kepala()
        if keadaan == "sama":
            return
        if keadaan == "maju":
            # the last commit's head file was not written (interrupted): catch up
            tulis_berkas_jejak(self.folder, kepala, waktu_iso())
            return
        terima = (
            "Bila buku besar ini memang dipulihkan dengan sengaja, catat dengan "
            '`kinerja periksa --terima --oleh "NAMA" --alasan "..."`; bila tidak, pulihkan '
            f"kinerja.db yang benar dari {FOLDER_CADANGAN}/."
        )
        if keadaan == "tanpa-jejak":
            if kepala.jumlah == 0:
                tulis_berkas_jejak(self.folder, kepala, waktu_iso())
                return
            raise BukuBesarError(
                f"Buku besar {self.berkas} memuat {kepala.jumlah} catatan, tetapi "
                f"{NAMA_BERKAS_JEJAK} tidak ada: buku besar ini belum dikenal ruang kerja ini.",
                terima,
            )
        assert tercatat is not None
        if keadaan == "identitas-lain":
            raise BukuBesarError(
                f"Buku besar {self.berkas} milik ruang kerja lain (identitas "
                f"{kepala.identitas[:8]}…, ruang kerja ini {tercatat.identitas[:8]}…); "
                "tidak ada yang diubah.",
                terima,
            )
        if keadaan == "lebih-lama":
            raise BukuBesarError(
                f"Buku besar {self.berkas} lebih lama dari ruang kerja ini: {kepala.jumlah} "
                f"catatan, padahal {NAMA_BERKAS_JEJAK} mencatat {tercatat.jumlah} (cadangan lama "
                "dipulihkan?); tidak ada yang diubah.",
                terima,
            )
        raise BukuBesarError(
            f"Buku besar {self.berkas} tidak melanjutkan jejak yang dicatat ruang kerja ini "
            f"(catatan ke-{tercatat.jumlah} berbeda); tidak ada yang diubah.",
            terima,
        )

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def transaksi(self) -> Iterator[None]:
        """One write transaction: everything inside commits together or not at all; the
        head file is rewritten after the commit."""
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BukuBesarError(
                f"Buku besar sedang dipakai proses lain ({exc}).",
                "Tunggu perintah kinerja yang lain selesai, lalu ulangi.",
            ) from None
        except sqlite3.DatabaseError as exc:
            raise _rusak(self.berkas, exc) from None
        try:
            self._kepala = self._kepala_awal = self._baca_kepala()
            self._id_akhir = {}
            yield
            if self._kepala != self._kepala_awal:
                self._x(
                    "UPDATE kepala SET jumlah = ?, hash = ? WHERE id = 1",
                    (self._kepala.jumlah, self._kepala.hash),
                )
        except BaseException:
            self._kepala = None
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _rusak(self.berkas, exc) from None
        kepala, self._kepala = self._kepala, None
        if kepala != self._kepala_awal and self._besar:
            self._jejak_tertunda = kepala  # written once when penulisan_besar ends
        elif kepala != self._kepala_awal:
            self._tulis_jejak(kepala)

    def _tulis_jejak(self, kepala: Kepala | None) -> None:
        if kepala is not None:
            try:
                tulis_berkas_jejak(self.folder, kepala, waktu_iso())
            except OSError as exc:
                raise BukuBesarError(
                    f"Perubahan tersimpan di buku besar, tetapi {NAMA_BERKAS_JEJAK} tidak dapat "
                    f"ditulis ({exc.strerror}).",
                    "Bebaskan ruang disk atau perbaiki izin folder; perintah berikutnya "
                    "menuliskannya lagi.",
                ) from None

    @contextmanager
    def penulisan_besar(self) -> Iterator[None]:
        """Many transactions in a row (himpun of a folder): the write-ahead log is copied
        into the database once at the end, not every thousand pages. Each transaction
        still commits on its own."""
        self._x("PRAGMA wal_autocheckpoint = 20000")
        self._besar = True
        try:
            yield
        finally:
            # the head file once, at the end (2.5 ms per file of himpun when rewritten
            # with fsync after every commit); interrupted before this, the next opening
            # finds the ledger ahead of the head file ("maju") and catches up
            self._besar = False
            kepala, self._jejak_tertunda = self._jejak_tertunda, None
            self._x("PRAGMA wal_autocheckpoint = 1000")
            self._x("PRAGMA wal_checkpoint(PASSIVE)")  # never waits for a reader
            self._tulis_jejak(kepala)

    def _sambung(self, tabel: str, baris: dict[str, Any]) -> int:
        """Insert one chained row (inside :meth:`transaksi`); returns its id."""
        if self._kepala is None:
            raise RuntimeError("penulisan buku besar harus di dalam transaksi")
        nomor = self._kepala.jumlah + 1
        akhir = self._id_akhir.get(tabel)
        if akhir is None:
            satu = self._satu(f"SELECT COALESCE(MAX(id), 0) FROM {tabel}")
            akhir = int(satu[0]) if satu is not None else 0
        if "id" not in baris or baris["id"] is None:
            baris["id"] = akhir + 1
        self._id_akhir[tabel] = max(akhir, int(baris["id"]))
        baris = {k: teks_aman(v) if isinstance(v, str) else v for k, v in baris.items()}
        baris["nomor_jejak"] = nomor
        hash_ = hash_berikut(self._kepala.hash, tabel, baris)
        kolom = [*baris, "hash"]
        self._x(
            f"INSERT INTO {tabel} ({', '.join(kolom)}) VALUES ({', '.join('?' * len(kolom))})",
            (*baris.values(), hash_),
        )
        self._kepala = Kepala(self._kepala.identitas, nomor, hash_)
        return int(baris["id"])

    def _sambung_banyak(self, tabel: str, semua: Sequence[dict[str, Any]]) -> None:
        """:meth:`_sambung` for rows with the same columns and no id of their own, linked
        in order and inserted with one statement (an audit row per value of a file)."""
        if not semua:
            return
        if self._kepala is None:
            raise RuntimeError("penulisan buku besar harus di dalam transaksi")
        kepala = self._kepala
        akhir = self._id_akhir.get(tabel)
        if akhir is None:
            satu = self._satu(f"SELECT COALESCE(MAX(id), 0) FROM {tabel}")
            akhir = int(satu[0]) if satu is not None else 0
        nomor, hash_ = kepala.jumlah, kepala.hash
        isi = []
        for baris in semua:
            akhir, nomor = akhir + 1, nomor + 1
            baris = {
                k: teks_aman(v) if isinstance(v, str) and not v.isascii() else v
                for k, v in baris.items()
            }
            baris["id"], baris["nomor_jejak"] = akhir, nomor
            hash_ = hash_berikut(hash_, tabel, baris)
            isi.append((*baris.values(), hash_))
        kolom = [*baris, "hash"]
        self.conn.executemany(
            f"INSERT INTO {tabel} ({', '.join(kolom)}) VALUES ({', '.join('?' * len(kolom))})",
            isi,
        )
        self._id_akhir[tabel] = akhir
        self._kepala = Kepala(kepala.identitas, nomor, hash_)

    @property
    def kepala(self) -> Kepala:
        """The head of the chain as committed (or as this transaction has it)."""
        return self._kepala or self._baca_kepala()

    def cadangkan(self, tujuan: Path | None = None, alasan: str = "") -> Path:
        """A consistent, checked copy (default ``cadangan/kinerja-YYYYMMDD-HHMMSS.db``)."""
        return cadangkan_ke(
            self.conn, tujuan or nama_cadangan(self.folder / FOLDER_CADANGAN, alasan)
        )


def identitas_baru() -> str:
    return uuid.uuid4().hex
