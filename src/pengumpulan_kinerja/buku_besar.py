"""The ledger: ``kinerja.db`` (SQLite), the single source of truth.

Schema changes are forward migrations appended to :data:`MIGRASI`; an applied
migration is never edited. Every write happens inside :meth:`BukuBesar.transaksi`
(``BEGIN IMMEDIATE``: one writer at a time, others wait up to the busy timeout).

Tables (domain nouns as in SPEC):

- ``kiriman``: every submission taken in (byte hash, copy under ``kiriman/``,
  received time, whether late, which earlier one it replaces, whether active).
- ``nilai``: the values exactly as a submission carried them (never changed).
- ``nilai_kini``: the current value of each (periode, indikator, kolom): the active
  submission's value overlaid with corrections. Analysis reads only this.
- ``audit``: append-only trail of every change to ``nilai_kini`` and of reopenings;
  triggers refuse UPDATE and DELETE.
- ``temuan``: findings of accepted submissions (and of analysis runs).
- ``keputusan``: the Kasubbag's decisions (``setujui``, ``tolak``, ``buka``).
- ``analisis``: each analysis run and the data version it saw.
- ``peristiwa``: POS events, step 1-8, who, start and end.
- ``arsip``: monthly archives written.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .galat import BukuBesarError, DitolakError

KOLOM_ANGKA: tuple[str, ...] = ("realisasi", "pembilang", "penyebut", "anggaran")
"""Numeric fields of a value row. ``anggaran`` is a team's budget realisation of the month."""
KOLOM_TEKS: tuple[str, ...] = ("kendala", "upaya", "rtl", "bukti")
"""Text fields: Kendala/Permasalahan, Upaya/Solusi, Rencana Tindak Lanjut, Bukti Dukung."""
KOLOM_NILAI: tuple[str, ...] = KOLOM_ANGKA + KOLOM_TEKS
INDIKATOR_ANGGARAN = ""
"""``nilai.indikator`` of a team's budget row (kolom ``anggaran``): no indicator."""

MIGRASI: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE kiriman (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        tim TEXT NOT NULL,
        nama_berkas TEXT NOT NULL,
        berkas_asal TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        ukuran INTEGER NOT NULL,
        salinan TEXT NOT NULL,
        diterima TEXT NOT NULL,
        dihimpun TEXT NOT NULL,
        terlambat INTEGER NOT NULL DEFAULT 0,
        tanggal_pengisian TEXT,
        diisi_oleh TEXT,
        instrumen_id TEXT,
        sidik_jari TEXT,
        dikenali_dari TEXT NOT NULL DEFAULT 'metadata',
        menggantikan INTEGER REFERENCES kiriman(id),
        aktif INTEGER NOT NULL DEFAULT 1,
        oleh TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX kiriman_sha256 ON kiriman(sha256);
    CREATE UNIQUE INDEX kiriman_aktif ON kiriman(periode, tim) WHERE aktif = 1;
    CREATE INDEX kiriman_periode ON kiriman(periode);

    CREATE TABLE nilai (
        kiriman_id INTEGER NOT NULL REFERENCES kiriman(id),
        indikator TEXT NOT NULL,
        kolom TEXT NOT NULL,
        angka REAL,
        teks TEXT,
        sel TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (kiriman_id, indikator, kolom)
    ) WITHOUT ROWID;

    CREATE TABLE nilai_kini (
        periode TEXT NOT NULL,
        tim TEXT NOT NULL,
        indikator TEXT NOT NULL,
        kolom TEXT NOT NULL,
        angka REAL,
        teks TEXT,
        kiriman_id INTEGER REFERENCES kiriman(id),
        sumber TEXT NOT NULL CHECK (sumber IN ('kiriman', 'koreksi')),
        audit_id INTEGER REFERENCES audit(id),
        diubah TEXT NOT NULL,
        PRIMARY KEY (periode, tim, indikator, kolom)
    ) WITHOUT ROWID;

    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        tim TEXT NOT NULL DEFAULT '',
        indikator TEXT NOT NULL DEFAULT '',
        kolom TEXT NOT NULL DEFAULT '',
        lama TEXT,
        baru TEXT,
        alasan TEXT NOT NULL DEFAULT '',
        oleh TEXT NOT NULL,
        waktu TEXT NOT NULL,
        sumber TEXT NOT NULL,
        kiriman_id INTEGER REFERENCES kiriman(id)
    );
    CREATE INDEX audit_periode ON audit(periode, indikator);
    CREATE TRIGGER audit_tanpa_ubah BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'jejak audit tidak boleh diubah'); END;
    CREATE TRIGGER audit_tanpa_hapus BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'jejak audit tidak boleh dihapus'); END;

    CREATE TABLE temuan (
        id INTEGER PRIMARY KEY,
        kiriman_id INTEGER REFERENCES kiriman(id),
        periode TEXT NOT NULL,
        tim TEXT NOT NULL DEFAULT '',
        berkas TEXT NOT NULL DEFAULT '',
        lembar TEXT NOT NULL DEFAULT '',
        sel TEXT NOT NULL DEFAULT '',
        indikator TEXT NOT NULL DEFAULT '',
        kode TEXT NOT NULL,
        tingkat TEXT NOT NULL,
        pesan TEXT NOT NULL,
        waktu TEXT NOT NULL
    );
    CREATE INDEX temuan_periode ON temuan(periode);

    CREATE TABLE keputusan (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        jenis TEXT NOT NULL CHECK (jenis IN ('setujui', 'tolak', 'buka')),
        oleh TEXT NOT NULL,
        catatan TEXT NOT NULL DEFAULT '',
        waktu TEXT NOT NULL,
        analisis_id INTEGER REFERENCES analisis(id)
    );
    CREATE INDEX keputusan_periode ON keputusan(periode);

    CREATE TABLE analisis (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        waktu TEXT NOT NULL,
        oleh TEXT NOT NULL,
        versi_data TEXT NOT NULL,
        ringkasan TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX analisis_periode ON analisis(periode);

    CREATE TABLE peristiwa (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        langkah INTEGER NOT NULL CHECK (langkah BETWEEN 1 AND 8),
        aksi TEXT NOT NULL,
        oleh TEXT NOT NULL,
        mulai TEXT NOT NULL,
        selesai TEXT NOT NULL,
        rincian TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX peristiwa_periode ON peristiwa(periode, langkah);

    CREATE TABLE arsip (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        revisi INTEGER NOT NULL,
        folder TEXT NOT NULL,
        waktu TEXT NOT NULL,
        oleh TEXT NOT NULL,
        menggantikan INTEGER REFERENCES arsip(id),
        keputusan_id INTEGER REFERENCES keputusan(id),
        sha256sums TEXT NOT NULL,
        UNIQUE (periode, revisi)
    );
    """,
    # 2: INSERT OR REPLACE on an existing audit id deletes the old row without firing
    # the DELETE trigger (recursive_triggers is off): refuse reusing an id instead.
    """
    CREATE TRIGGER audit_tanpa_timpa BEFORE INSERT ON audit
    WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'jejak audit tidak boleh ditimpa'); END;
    """,
)


_SQL_NILAI_KINI = (
    "INSERT INTO nilai_kini (periode, tim, indikator, kolom, angka, teks, kiriman_id, "
    "sumber, audit_id, diubah) VALUES (?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (periode, tim, indikator, kolom) DO UPDATE SET angka=excluded.angka, "
    "teks=excluded.teks, kiriman_id=COALESCE(excluded.kiriman_id, nilai_kini.kiriman_id), "
    "sumber=excluded.sumber, audit_id=excluded.audit_id, diubah=excluded.diubah"
)
"""Set a current value (insert or replace); used by every path that changes one."""

NILAI_LEWAT_SQL = 40
"""From this many values on, a submission's first values are copied to ``audit`` and
``nilai_kini`` inside SQLite; below it binding them from Python is cheaper (the two
statements have a fixed cost of about 0.1 ms; measured: 19 values 0.34 vs 0.41 ms per
file, 237 values 3.4 vs 4.3 ms). Both give the same rows (tests/test_buku_besar.py)."""

_SQL_NILAI_AWAL = """
    SELECT indikator, kolom,
        CASE WHEN kolom IN ('realisasi', 'pembilang', 'penyebut', 'anggaran') THEN angka END AS a,
        CASE WHEN kolom IN ('realisasi', 'pembilang', 'penyebut', 'anggaran') THEN NULL
            ELSE teks END AS t
    FROM nilai WHERE kiriman_id = :kiriman_id
"""
_SQL_AUDIT_AWAL = f"""
    INSERT INTO audit (id, periode, tim, indikator, kolom, lama, baru, alasan, oleh, waktu,
        sumber, kiriman_id)
    SELECT :awal + row_number() OVER (ORDER BY indikator, kolom), :periode, :tim, indikator,
        kolom, NULL, teks_nilai(a, t), :alasan, :oleh, :waktu, 'kiriman', :kiriman_id
    FROM ({_SQL_NILAI_AWAL}) WHERE a IS NOT NULL OR t IS NOT NULL
"""
_SQL_KINI_AWAL = f"""
    INSERT INTO nilai_kini (periode, tim, indikator, kolom, angka, teks, kiriman_id, sumber,
        audit_id, diubah)
    SELECT :periode, :tim, indikator, kolom, a, t, :kiriman_id, 'kiriman',
        :awal + row_number() OVER (ORDER BY indikator, kolom), :waktu
    FROM ({_SQL_NILAI_AWAL}) WHERE a IS NOT NULL OR t IS NOT NULL
"""
"""A team's first values of a month, straight from the submission's ``nilai`` rows: one
audit row each (numbered in (indikator, kolom) order, as :meth:`BukuBesar.ubah_nilai_banyak`
numbers them) and the current value pointing to it. Done inside SQLite, it costs a
third of binding every row from Python."""


def sekarang() -> datetime:
    """Local time without microseconds (what the ledger stores)."""
    return datetime.now().replace(microsecond=0)


def waktu_iso(waktu: datetime | None = None) -> str:
    return (waktu or sekarang()).isoformat(timespec="seconds")


def pengguna_os() -> str:
    """The OS user, used as "who" when ``--oleh`` is not given."""
    for nama in ("KINERJA_PENGGUNA", "USER", "USERNAME"):
        if os.environ.get(nama):
            return os.environ[nama]
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "tidak diketahui"


@dataclass(frozen=True)
class NilaiKini:
    periode: str
    tim: str
    indikator: str
    kolom: str
    angka: float | None
    teks: str | None
    kiriman_id: int | None
    sumber: str


def _teks_nilai(angka: float | None, teks: str | None) -> str | None:
    """A value as the audit trail writes it: ``repr`` of the number, else the text.

    ``+ 0.0`` turns -0.0 into 0.0: SQLite stores an integral REAL as an integer, so a
    -0.0 reads back as 0.0, and the trail must say what the ledger holds."""
    if angka is not None:
        return repr(float(angka) + 0.0)
    return teks


class BukuBesar:
    """A connection to ``kinerja.db`` with the schema brought up to date."""

    def __init__(self, berkas: Path, batas_tunggu: float = 30.0) -> None:
        self.berkas = berkas
        try:
            self.conn = sqlite3.connect(
                berkas, timeout=batas_tunggu, isolation_level=None, check_same_thread=False
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.create_function("teks_nilai", 2, _teks_nilai, deterministic=True)
            self._migrasi()
        except sqlite3.DatabaseError as exc:
            raise BukuBesarError(
                f"Buku besar {berkas} tidak dapat dibuka: {exc}.",
                "Pastikan berkas itu kinerja.db yang benar dan tidak sedang disalin; "
                "pulihkan dari cadangan bila rusak.",
            ) from None

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> BukuBesar:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def versi_skema(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrasi(self) -> None:
        versi = self.versi_skema
        if versi > len(MIGRASI):
            raise BukuBesarError(
                f"Buku besar {self.berkas} memakai skema versi {versi}, lebih baru dari alat "
                f"ini (versi {len(MIGRASI)}).",
                "Perbarui kinerja ke versi terbaru.",
            )
        for nomor in range(versi, len(MIGRASI)):
            with self.transaksi():
                for perintah in _pecah_sql(MIGRASI[nomor]):
                    self.conn.execute(perintah)
                self.conn.execute(f"PRAGMA user_version = {nomor + 1}")

    @contextmanager
    def transaksi(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BukuBesarError(
                f"Buku besar sedang dipakai proses lain ({exc}).",
                "Tunggu perintah kinerja yang lain selesai, lalu ulangi.",
            ) from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def penulisan_besar(self) -> Iterator[None]:
        """Many transactions in a row (himpun of a folder): the write-ahead log is copied
        into the database once at the end, not every thousand pages, so the pages every
        transaction touches (index roots, the last leaf) are not copied again and again.
        Each transaction still commits on its own."""
        self.conn.execute("PRAGMA wal_autocheckpoint = 20000")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA wal_autocheckpoint = 1000")
            # passive: copies what no reader still needs, never waits for one
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def query(
        self, sql: str, parameter: tuple[Any, ...] | Mapping[str, Any] = ()
    ) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, parameter))

    # ------------------------------------------------------------------ values

    def nilai_kini(self, periode: str | None = None) -> list[NilaiKini]:
        """Current values (corrections applied), for one month or all."""
        sql = (
            "SELECT periode, tim, indikator, kolom, angka, teks, kiriman_id, sumber FROM nilai_kini"
        )
        baris = self.query(sql + " WHERE periode = ?", (periode,)) if periode else self.query(sql)
        return [NilaiKini(*b) for b in baris]

    def ubah_nilai(
        self,
        *,
        periode: str,
        tim: str,
        indikator: str,
        kolom: str,
        angka: float | None,
        teks: str | None,
        sumber: str,
        oleh: str,
        alasan: str = "",
        kiriman_id: int | None = None,
        waktu: str | None = None,
    ) -> int | None:
        """Set a current value and append the change to the audit trail.

        Returns the audit row id, or None when nothing changed. ``sumber`` is
        ``kiriman`` (a submission) or ``koreksi`` (a correction). Must run inside
        :meth:`transaksi`.
        """
        if kolom not in KOLOM_NILAI:
            raise ValueError(f"kolom tidak dikenal: {kolom}")
        if not self.conn.in_transaction:
            raise RuntimeError("ubah_nilai harus dijalankan di dalam transaksi")
        waktu = waktu or waktu_iso()
        lama_baris = self.conn.execute(
            "SELECT angka, teks FROM nilai_kini WHERE periode=? AND tim=? AND indikator=? AND kolom=?",
            (periode, tim, indikator, kolom),
        ).fetchone()
        lama = _teks_nilai(lama_baris["angka"], lama_baris["teks"]) if lama_baris else None
        baru = _teks_nilai(angka, teks)
        if lama_baris is not None and lama == baru:
            if sumber == "kiriman":
                self.conn.execute(
                    "UPDATE nilai_kini SET kiriman_id=? WHERE periode=? AND tim=? AND indikator=? "
                    "AND kolom=? AND sumber='kiriman'",
                    (kiriman_id, periode, tim, indikator, kolom),
                )
            return None
        if lama_baris is None and baru is None:
            return None
        audit_id = self.catat_audit(
            periode=periode,
            tim=tim,
            indikator=indikator,
            kolom=kolom,
            lama=lama,
            baru=baru,
            alasan=alasan,
            oleh=oleh,
            sumber=sumber,
            kiriman_id=kiriman_id,
            waktu=waktu,
        )
        self.conn.execute(
            _SQL_NILAI_KINI,
            (periode, tim, indikator, kolom, angka, teks, kiriman_id, sumber, audit_id, waktu),
        )
        return audit_id

    def ubah_nilai_banyak(
        self,
        *,
        periode: str,
        tim: str,
        nilai: Sequence[tuple[str, str, float | None, str | None]],
        sumber: str,
        oleh: str,
        alasan: str = "",
        kiriman_id: int | None = None,
        waktu: str | None = None,
    ) -> int:
        """:meth:`ubah_nilai` for many (indikator, kolom, angka, teks) of one team and
        month, reading the current values once. Returns how many changed."""
        if not self.conn.in_transaction:
            raise RuntimeError("ubah_nilai_banyak harus dijalankan di dalam transaksi")
        waktu = waktu or waktu_iso()
        kini = {
            (b["indikator"], b["kolom"]): _teks_nilai(b["angka"], b["teks"])
            for b in self.conn.execute(
                "SELECT indikator, kolom, angka, teks FROM nilai_kini WHERE periode=? AND tim=?",
                (periode, tim),
            )
        }
        sama: list[tuple[str, str]] = []
        ubah: list[tuple[str, str, float | None, str | None, str | None, str | None]] = []
        for indikator, kolom, angka, teks in nilai:
            if kolom not in KOLOM_NILAI:
                raise ValueError(f"kolom tidak dikenal: {kolom}")
            kunci = (indikator, kolom)
            baru = _teks_nilai(angka, teks)
            ada = kunci in kini
            lama = kini.get(kunci)
            if (ada and lama == baru) or (not ada and baru is None):
                if ada:
                    sama.append(kunci)
                continue
            ubah.append((indikator, kolom, angka, teks, lama, baru))
        if ubah:
            # one writer holds the transaction (BEGIN IMMEDIATE), so the new audit ids
            # are the next consecutive ones: insert them in bulk, then point to them.
            awal = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0])
            self.conn.executemany(
                "INSERT INTO audit (id, periode, tim, indikator, kolom, lama, baru, alasan, oleh, "
                "waktu, sumber, kiriman_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        awal + n,
                        periode,
                        tim,
                        i,
                        k,
                        lama,
                        baru,
                        alasan,
                        oleh,
                        waktu,
                        sumber,
                        kiriman_id,
                    )
                    for n, (i, k, _, _, lama, baru) in enumerate(ubah, start=1)
                ],
            )
            self.conn.executemany(
                _SQL_NILAI_KINI,
                [
                    (periode, tim, i, k, a, t, kiriman_id, sumber, awal + n, waktu)
                    for n, (i, k, a, t, _, _) in enumerate(ubah, start=1)
                ],
            )
        berubah = len(ubah)
        if sumber == "kiriman" and sama:
            self.conn.executemany(
                "UPDATE nilai_kini SET kiriman_id=? WHERE periode=? AND tim=? AND indikator=? "
                "AND kolom=? AND sumber='kiriman'",
                [(kiriman_id, periode, tim, i, k) for i, k in sama],
            )
        return berubah

    def catat_nilai_kiriman(
        self,
        *,
        periode: str,
        tim: str,
        kiriman_id: int,
        nilai: Sequence[tuple[str, str, float | None, str | None, str]],
        ganti_semua: bool,
        oleh: str,
        alasan: str,
        waktu: str,
    ) -> int:
        """Record the values a submission carried (indikator, kolom, angka, teks, sel) in
        ``nilai`` and make them current, with one audit row per change; returns how many
        changed. ``ganti_semua``: it replaces an earlier submission, so a current value it
        does not carry becomes empty. Must run inside :meth:`transaksi`."""
        if not self.conn.in_transaction:
            raise RuntimeError("catat_nilai_kiriman harus dijalankan di dalam transaksi")
        for n in nilai:
            if n[1] not in KOLOM_NILAI:
                raise ValueError(f"kolom tidak dikenal: {n[1]}")
        self.conn.executemany(
            "INSERT INTO nilai (kiriman_id, indikator, kolom, angka, teks, sel) "
            "VALUES (?,?,?,?,?,?)",
            [(kiriman_id, *n) for n in nilai],
        )
        ada = self.conn.execute(
            "SELECT 1 FROM nilai_kini WHERE periode = ? AND tim = ? LIMIT 1", (periode, tim)
        ).fetchone()
        if ada is None and len(nilai) >= NILAI_LEWAT_SQL:
            awal = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0])
            parameter = {
                "awal": awal,
                "periode": periode,
                "tim": tim,
                "kiriman_id": kiriman_id,
                "alasan": alasan,
                "oleh": oleh,
                "waktu": waktu,
            }
            berubah = self.conn.execute(_SQL_AUDIT_AWAL, parameter).rowcount
            self.conn.execute(
                _SQL_KINI_AWAL,
                {k: parameter[k] for k in ("awal", "periode", "tim", "kiriman_id", "waktu")},
            )
            return int(berubah)
        baru = {(n[0], n[1]): n for n in nilai}
        kunci = set(baru)
        if ganti_semua:
            kunci |= {
                (b["indikator"], b["kolom"])
                for b in self.conn.execute(
                    "SELECT indikator, kolom FROM nilai_kini WHERE periode = ? AND tim = ?",
                    (periode, tim),
                )
            }
        perubahan: list[tuple[str, str, float | None, str | None]] = []
        for indikator, kolom in sorted(kunci):
            satu = baru.get((indikator, kolom))
            angka = satu[2] if satu is not None and kolom in KOLOM_ANGKA else None
            teks = satu[3] if satu is not None and kolom not in KOLOM_ANGKA else None
            perubahan.append((indikator, kolom, angka, teks))
        return self.ubah_nilai_banyak(
            periode=periode,
            tim=tim,
            nilai=perubahan,
            sumber="kiriman",
            oleh=oleh,
            alasan=alasan,
            kiriman_id=kiriman_id,
            waktu=waktu,
        )

    def catat_audit(
        self,
        *,
        periode: str,
        sumber: str,
        oleh: str,
        alasan: str = "",
        tim: str = "",
        indikator: str = "",
        kolom: str = "",
        lama: str | None = None,
        baru: str | None = None,
        kiriman_id: int | None = None,
        waktu: str | None = None,
    ) -> int:
        """Append one row to the audit trail (e.g. a reopening)."""
        kursor = self.conn.execute(
            "INSERT INTO audit (periode, tim, indikator, kolom, lama, baru, alasan, oleh, waktu, "
            "sumber, kiriman_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                periode,
                tim,
                indikator,
                kolom,
                lama,
                baru,
                alasan,
                oleh,
                waktu or waktu_iso(),
                sumber,
                kiriman_id,
            ),
        )
        return int(kursor.lastrowid or 0)

    def versi_data(self, periode: str) -> str:
        """A token that changes whenever data that an analysis of ``periode`` uses changes.

        Covers every month of the same year up to ``periode`` (cumulative indicators
        read them all): the last audit row and the last submission among them.
        """
        tahun = periode[:4]
        audit = self.conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM audit WHERE periode >= ? AND periode <= ?",
            (f"{tahun}-01", periode),
        ).fetchone()[0]
        kiriman = self.conn.execute(
            "SELECT COALESCE(MAX(id), 0) FROM kiriman WHERE periode >= ? AND periode <= ?",
            (f"{tahun}-01", periode),
        ).fetchone()[0]
        return f"a{audit}-k{kiriman}"

    # ------------------------------------------------------------------ analyses

    def catat_analisis(
        self, *, periode: str, oleh: str, ringkasan: Mapping[str, Any] | None = None
    ) -> int:
        """Record an analysis run with the data version it saw. Inside :meth:`transaksi`."""
        kursor = self.conn.execute(
            "INSERT INTO analisis (periode, waktu, oleh, versi_data, ringkasan) VALUES (?,?,?,?,?)",
            (
                periode,
                waktu_iso(),
                oleh,
                self.versi_data(periode),
                json.dumps(dict(ringkasan or {}), ensure_ascii=False, default=str),
            ),
        )
        return int(kursor.lastrowid or 0)

    def analisis_terakhir(self, periode: str) -> sqlite3.Row | None:
        baris: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM analisis WHERE periode = ? ORDER BY id DESC LIMIT 1", (periode,)
        ).fetchone()
        return baris

    def analisis_mutakhir(self, periode: str) -> bool:
        """True when the latest analysis of ``periode`` saw the data as it is now."""
        baris = self.analisis_terakhir(periode)
        return baris is not None and baris["versi_data"] == self.versi_data(periode)

    # ------------------------------------------------------------------ review state

    def keputusan_terakhir(self, periode: str) -> sqlite3.Row | None:
        baris: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM keputusan WHERE periode = ? ORDER BY id DESC LIMIT 1", (periode,)
        ).fetchone()
        return baris

    def terkunci(self, periode: str) -> bool:
        """True when the month's latest decision is an approval (``setujui``)."""
        baris = self.keputusan_terakhir(periode)
        return baris is not None and baris["jenis"] == "setujui"

    def pastikan_terbuka(self, periode: str, label: str) -> None:
        """Raise when the month is approved (locked)."""
        if self.terkunci(periode):
            raise DitolakError(
                f"Bulan {label} sudah disetujui dan terkunci.",
                f'Buka dulu dengan `kinerja buka --bulan {periode} --alasan "..."`.',
            )

    # ------------------------------------------------------------------ POS events

    def catat_peristiwa(
        self,
        *,
        periode: str,
        langkah: int,
        aksi: str,
        oleh: str,
        mulai: datetime,
        selesai: datetime | None = None,
        rincian: Mapping[str, Any] | None = None,
    ) -> int:
        """Record one POS event (step 1-8). Must run inside :meth:`transaksi`."""
        kursor = self.conn.execute(
            "INSERT INTO peristiwa (periode, langkah, aksi, oleh, mulai, selesai, rincian) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                periode,
                langkah,
                aksi,
                oleh,
                waktu_iso(mulai),
                waktu_iso(selesai or mulai),
                json.dumps(dict(rincian or {}), ensure_ascii=False, default=str),
            ),
        )
        return int(kursor.lastrowid or 0)

    def peristiwa(self, periode: str) -> list[sqlite3.Row]:
        return self.query(
            "SELECT * FROM peristiwa WHERE periode = ? ORDER BY mulai, id", (periode,)
        )


def _pecah_sql(skrip: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    perintah: list[str] = []
    kini = ""
    for baris in skrip.splitlines(keepends=True):
        kini += baris
        if sqlite3.complete_statement(kini):
            if kini.strip():
                perintah.append(kini.strip())
            kini = ""
    if kini.strip():
        perintah.append(kini.strip())
    return perintah


# =========================================================================== pengiriman
# POS step 4 (SPEC section 15): instruments and reminders written as .eml or sent over
# SMTP. One block, to be ported as it is into the ledger package: the migration, the
# record type and three methods of BukuBesar (written as functions taking the ledger as
# ``self``: ``catat_pengiriman(buku, p)`` here is ``buku.catat_pengiriman(p)`` there).

from .temuan import KODE_TEMUAN, Temuan, Tingkat, daftarkan_kode  # noqa: E402

MIGRASI = (
    *MIGRASI,
    # 3: what step 4 sent to whom, and how
    """
    CREATE TABLE pengiriman (
        id INTEGER PRIMARY KEY,
        periode TEXT NOT NULL,
        tim TEXT NOT NULL,
        jenis TEXT NOT NULL CHECK (jenis IN ('instrumen', 'pengingat')),
        cara TEXT NOT NULL CHECK (cara IN ('eml', 'smtp')),
        tujuan TEXT NOT NULL,
        message_id TEXT NOT NULL,
        berkas TEXT NOT NULL,
        waktu TEXT NOT NULL,
        oleh TEXT NOT NULL
    );
    CREATE INDEX pengiriman_periode ON pengiriman(periode, jenis, tim);
    """,
)

JENIS_PENGIRIMAN: tuple[str, ...] = ("instrumen", "pengingat")
CARA_PENGIRIMAN: tuple[str, ...] = ("eml", "smtp")


@dataclass(frozen=True)
class Pengiriman:
    """One message of step 4: an instrument or a reminder, written as ``.eml`` (``cara``
    ``eml``) or accepted by the mail server (``smtp``). ``tujuan`` is the recipient's
    address, ``berkas`` the message file (relative to the workspace), ``waktu`` ISO."""

    periode: str
    tim: str
    jenis: str
    cara: str
    tujuan: str
    message_id: str
    berkas: str
    waktu: str
    oleh: str


def catat_pengiriman(self: BukuBesar, p: Pengiriman) -> int:
    """Record one message written or sent, in its own transaction; returns its id."""
    if p.jenis not in JENIS_PENGIRIMAN or p.cara not in CARA_PENGIRIMAN:
        raise ValueError(f"jenis/cara pengiriman tidak dikenal: {p.jenis}/{p.cara}")
    with self.transaksi() as conn:
        kursor = conn.execute(
            "INSERT INTO pengiriman (periode, tim, jenis, cara, tujuan, message_id, berkas, "
            "waktu, oleh) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                p.periode,
                p.tim,
                p.jenis,
                p.cara,
                p.tujuan,
                p.message_id,
                p.berkas,
                p.waktu,
                p.oleh,
            ),
        )
        return int(kursor.lastrowid or 0)


def pengiriman(self: BukuBesar, periode: str, jenis: str | None = None) -> list[Pengiriman]:
    """Messages of a month (of one ``jenis`` when given), oldest first."""
    sql = (
        "SELECT periode, tim, jenis, cara, tujuan, message_id, berkas, waktu, oleh "
        "FROM pengiriman WHERE periode = ?"
    )
    parameter: tuple[str, ...] = (periode,)
    if jenis is not None:
        sql += " AND jenis = ?"
        parameter += (jenis,)
    return [Pengiriman(*b) for b in self.query(sql + " ORDER BY waktu, id", parameter)]


def temuan_aktif(self: BukuBesar, periode: str) -> list[Temuan]:
    """The findings stored with each team's active submission of ``periode`` (all
    severities), in the order they were recorded. A code this process has not
    registered (e.g. one a later version wrote) keeps the severity the ledger stored."""
    baris = self.query(
        "SELECT t.berkas, t.lembar, t.sel, t.tim, t.periode, t.indikator, t.kode, t.tingkat, "
        "t.pesan FROM temuan t JOIN kiriman k ON k.id = t.kiriman_id "
        "WHERE k.periode = ? AND k.aktif = 1 ORDER BY t.id",
        (periode,),
    )
    hasil: list[Temuan] = []
    for b in baris:
        if b["kode"] not in KODE_TEMUAN:
            daftarkan_kode(b["kode"], Tingkat(b["tingkat"]))
        hasil.append(
            Temuan(
                kode=b["kode"],
                pesan=b["pesan"],
                berkas=b["berkas"],
                lembar=b["lembar"],
                sel=b["sel"],
                tim=b["tim"],
                periode=b["periode"],
                indikator=b["indikator"],
            )
        )
    return hasil


# =========================================================================== akhir pengiriman
