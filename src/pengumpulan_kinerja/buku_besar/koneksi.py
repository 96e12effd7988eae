"""Opening the ledger: identity, migrations with a backup first, transactions, the chain.

A workspace's ledger is recognised by its identity (a random id given by ``init``) and
its head (count and hash of the chain), both also kept in ``.kinerja-jejak``. A ledger
that is missing, empty, another workspace's, or older than that head is refused before
anything is written, with what to do (restore from ``cadangan/``; ``kinerja periksa
--terima`` after a deliberate restore).
"""

from __future__ import annotations

import errno
import getpass
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping
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
from .skema import MIGRASI, TABEL_WAJIB, pecah_sql

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


SARAN_PULIHKAN = (
    "Jangan jalankan perintah lain dulu: salin kinerja.db yang rusak ke tempat lain, pulihkan "
    f"salinan terakhir dari {FOLDER_CADANGAN}/ (lihat `ls {FOLDER_CADANGAN}`), lalu jalankan "
    "`kinerja periksa`."
)
"""What to do about a damaged ledger (the second line of every such message)."""

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


def _rusak(berkas: Path, sebab: str) -> BukuBesarError:
    return BukuBesarError(
        f"Buku besar {berkas} rusak dan tidak dapat dipakai ({sebab}); tidak ada yang diubah.",
        SARAN_PULIHKAN,
    )


def disk_penuh(apa: str, exc: OSError | None = None) -> BukuBesarError:
    """A write that failed for lack of space (ENOSPC) or a file-size limit (EFBIG)."""
    sebab = f" ({exc.strerror})" if exc is not None and exc.strerror else ""
    return BukuBesarError(
        f"{apa} tidak dapat ditulis: disk penuh atau batas ukuran berkas tercapai{sebab}; "
        "yang belum selesai tidak disimpan.",
        "Bebaskan ruang disk (atau pindahkan ruang kerja ke disk lain), jalankan "
        "`kinerja periksa`, lalu ulangi perintah ini.",
    )


def galat_sqlite(berkas: Path, exc: sqlite3.Error) -> BaseException:
    """What a failure of SQLite means for the user: the ledger is busy, the disk is full,
    the file is read-only, or the ledger is damaged (every other case). A constraint
    failure (:class:`sqlite3.IntegrityError`) is returned unchanged: callers handle it."""
    if isinstance(exc, sqlite3.IntegrityError):
        return exc
    kode = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    teks = str(exc)
    if kode in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return BukuBesarError(
            f"Buku besar sedang dipakai proses lain (SQLite: {teks}).",
            "Tunggu perintah kinerja yang lain selesai, lalu ulangi.",
        )
    if kode in (_SQLITE_FULL, _SQLITE_IOERR):
        galat = disk_penuh(f"Buku besar {berkas}")
        if kode == _SQLITE_IOERR:
            galat.pesan = (
                f"Buku besar {berkas} tidak dapat dibaca atau ditulis (SQLite: {teks}): disk "
                "penuh, batas ukuran berkas tercapai, atau disk bermasalah; perubahan yang "
                "belum selesai tidak disimpan."
            )
        return galat
    if kode in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return BukuBesarError(
            f"Buku besar {berkas} tidak dapat dibuka untuk ditulis (SQLite: {teks}).",
            "Periksa izin berkas kinerja.db dan foldernya (juga kinerja.db-wal dan "
            "kinerja.db-shm), lalu ulangi.",
        )
    if kode in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return _rusak(berkas, f"isi berkasnya rusak; SQLite: {teks}")
    if teks.startswith("no such table"):
        return _rusak(berkas, f"tabel atau view hilang; SQLite: {teks}")
    return _rusak(berkas, f"SQLite: {teks}")


class _Kursor(sqlite3.Cursor):
    """A cursor whose every SQLite failure (also while stepping through rows) becomes
    :func:`galat_sqlite`'s error: the one place the ledger package converts them."""

    berkas: Path = Path("kinerja.db")

    def _galat(self, exc: sqlite3.Error) -> BaseException:
        return galat_sqlite(self.berkas, exc)

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._galat(exc) from None

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Self:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as exc:
            raise self._galat(exc) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self._galat(exc) from None

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as exc:
            raise self._galat(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self._galat(exc) from None

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self._galat(exc) from None


class _Sambungan(sqlite3.Connection):
    """The ledger's connection: ``execute``/``executemany`` (here and in every module of
    the package that receives the connection) raise :class:`BukuBesarError`, never a raw
    :class:`sqlite3.DatabaseError`."""

    berkas: Path = Path("kinerja.db")

    def _kursor(self) -> _Kursor:
        kursor = self.cursor(_Kursor)
        kursor.berkas = self.berkas
        return kursor

    def execute(self, sql: str, parameters: Any = (), /) -> _Kursor:
        return self._kursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> _Kursor:
        return self._kursor().executemany(sql, parameters)


def cadangkan_ke(sumber: sqlite3.Connection, tujuan: Path) -> Path:
    """A consistent copy with SQLite's backup API, checked with ``integrity_check``."""
    sementara = tujuan.with_name(f".{tujuan.name}.{os.getpid()}.tmp")
    try:
        tujuan.parent.mkdir(parents=True, exist_ok=True)
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
    except sqlite3.Error as exc:
        kode = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if kode in (_SQLITE_FULL, _SQLITE_IOERR):
            raise disk_penuh(f"Cadangan {tujuan}") from None
        raise galat_sqlite(Path(getattr(sumber, "berkas", tujuan)), exc) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            raise disk_penuh(f"Cadangan {tujuan}", exc) from None
        raise BukuBesarError(
            f"Cadangan {tujuan} tidak dapat ditulis ({exc.strerror}).",
            "Periksa ruang disk dan izin folder, lalu ulangi.",
        ) from None
    finally:
        for sisa in (sementara, sementara.with_name(sementara.name + "-journal")):
            sisa.unlink(missing_ok=True)
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
        """Last id of each chained table, read once (MAX) and counted on while no other
        connection adds a chained row (the head at the start of a transaction is the one
        this connection committed last)."""
        self._kepala_akhir: Kepala | None = None
        """The head as this connection last committed it."""
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
                berkas,
                timeout=batas_tunggu,
                isolation_level=None,
                check_same_thread=False,
                factory=_Sambungan,
            )
        except sqlite3.Error as exc:
            raise galat_sqlite(berkas, exc) from None
        self.conn.berkas = berkas
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            if not kosong:
                self._periksa_utuh()
            self._migrasi(baru=kosong)
            self._periksa_struktur()
            self.identitas = self._identitas()
            if periksa_identitas:
                self._cocokkan(baca_berkas_jejak(self.folder))
        except BaseException:
            self.conn.close()
            raise

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
        return self.conn.execute(sql, parameter).fetchall()

    def _satu(
        self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> sqlite3.Row | None:
        baris = self._q(sql, parameter)
        return baris[0] if baris else None

    def _x(self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameter)

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
            self._tulis_jejak(kepala)

    def _periksa_utuh(self) -> None:
        """SQLite's own check of every page (``quick_check``, a few milliseconds for a
        year of data): a damaged ledger is refused by every command before it reads or
        writes anything, not only by the one that happens to touch the damaged page."""
        hasil = [str(b[0]) for b in self.conn.execute("PRAGMA quick_check(3)").fetchall()]
        if hasil != ["ok"]:
            temuan = " ".join("; ".join(hasil).split())  # its lines, on one line
            raise _rusak(self.berkas, f"isi berkasnya rusak; pemeriksaan SQLite: {temuan[:300]}")

    def _periksa_struktur(self) -> None:
        """Every table and view of the schema is there (one dropped from a plain
        ``sqlite3`` shell makes the ledger unusable; ``periksa`` checks the rest)."""
        ada = {
            str(b[0])
            for b in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            ).fetchall()
        }
        hilang = [nama for nama in TABEL_WAJIB if nama not in ada]
        if hilang:
            raise _rusak(
                self.berkas,
                f"tabel atau view {', '.join(hilang)} hilang, dihapus di luar kinerja",
            )

    def _tulis_jejak(self, kepala: Kepala) -> None:
        """Rewrite ``.kinerja-jejak`` (after a commit: the ledger is already right, and the
        next command writes the head again when this fails)."""
        try:
            tulis_berkas_jejak(self.folder, kepala, waktu_iso())
        except OSError as exc:
            raise BukuBesarError(
                f"Buku besar tersimpan, tetapi {NAMA_BERKAS_JEJAK} tidak dapat ditulis "
                f"({exc.strerror}).",
                "Bebaskan ruang disk atau perbaiki izin folder, lalu jalankan `kinerja periksa`; "
                "perintah berikutnya menuliskannya lagi.",
            ) from None

    def _identitas(self) -> str:
        baris = self.conn.execute("SELECT identitas FROM identitas WHERE id = 1").fetchone()
        if baris is None:
            raise _rusak(self.berkas, "tabel identitas kosong")
        return str(baris[0])

    def _baca_kepala(self) -> Kepala:
        baris = self.conn.execute(
            "SELECT i.identitas, k.jumlah, k.hash FROM identitas i, kepala k"
        ).fetchone()
        if baris is None:
            raise _rusak(self.berkas, "kepala jejak tidak ada")
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
            self._tulis_jejak(kepala)
            return
        terima = (
            "Bila buku besar ini memang dipulihkan dengan sengaja, catat dengan "
            '`kinerja periksa --terima --oleh "NAMA" --alasan "..."`; bila tidak, pulihkan '
            f"kinerja.db yang benar dari {FOLDER_CADANGAN}/."
        )
        if keadaan == "tanpa-jejak":
            if kepala.jumlah == 0:
                self._tulis_jejak(kepala)
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
        self.conn.execute("BEGIN IMMEDIATE")  # busy: galat_sqlite says so
        try:
            self._kepala = self._kepala_awal = self._baca_kepala()
            if self._kepala != self._kepala_akhir:  # another connection wrote
                self._id_akhir = {}
            yield
            if self._kepala != self._kepala_awal:
                self._x(
                    "UPDATE kepala SET jumlah = ?, hash = ? WHERE id = 1",
                    (self._kepala.jumlah, self._kepala.hash),
                )
        except BaseException:
            self._kepala = self._kepala_akhir = None
            self._id_akhir = {}
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._kepala = self._kepala_akhir = None
            self._id_akhir = {}
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        kepala, self._kepala = self._kepala, None
        self._kepala_akhir = kepala
        if kepala != self._kepala_awal and self._besar:
            self._jejak_tertunda = kepala  # written once when penulisan_besar ends
        elif kepala != self._kepala_awal:
            self._tulis_jejak(kepala)

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
            if kepala is not None:
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
