"""The ledger's schema: numbered migrations, applied in order, never edited once released.

Migration 3 (ledger v2, SPEC section 13) is part SQL, part Python: it fills the typed
value of every audit row, the digest of every submission's values and the hash chain,
checks that the derived current values equal the stored copy, and only then drops that
copy (``nilai_kini`` becomes a view). Every other migration is plain SQL.
"""

from __future__ import annotations

import sqlite3

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
    # 3: ledger v2, columns and tables (the Python part runs after this, see migrasi.py)
    """
    CREATE TABLE identitas (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        identitas TEXT NOT NULL,
        dibuat TEXT NOT NULL
    );
    CREATE TABLE kepala (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        jumlah INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    DROP TRIGGER audit_tanpa_ubah;
    DROP TRIGGER audit_tanpa_hapus;
    DROP TRIGGER audit_tanpa_timpa;
    DROP INDEX kiriman_aktif;
    ALTER TABLE kiriman ADD COLUMN sumber TEXT NOT NULL DEFAULT 'himpun';
    ALTER TABLE kiriman ADD COLUMN sidik_nilai TEXT NOT NULL DEFAULT '';
    ALTER TABLE kiriman ADD COLUMN nomor_jejak INTEGER;
    ALTER TABLE kiriman ADD COLUMN hash TEXT;
    ALTER TABLE audit ADD COLUMN angka REAL;
    ALTER TABLE audit ADD COLUMN teks TEXT;
    ALTER TABLE audit ADD COLUMN nomor_jejak INTEGER;
    ALTER TABLE audit ADD COLUMN hash TEXT;
    ALTER TABLE keputusan ADD COLUMN nomor_jejak INTEGER;
    ALTER TABLE keputusan ADD COLUMN hash TEXT;
    ALTER TABLE peristiwa ADD COLUMN nomor_jejak INTEGER;
    ALTER TABLE peristiwa ADD COLUMN hash TEXT;
    ALTER TABLE arsip ADD COLUMN jejak_jumlah INTEGER;
    ALTER TABLE arsip ADD COLUMN jejak_hash TEXT;
    ALTER TABLE arsip ADD COLUMN nomor_jejak INTEGER;
    ALTER TABLE arsip ADD COLUMN hash TEXT;
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
        oleh TEXT NOT NULL,
        nomor_jejak INTEGER,
        hash TEXT
    );
    CREATE INDEX pengiriman_periode ON pengiriman(periode, tim);
    """,
)
"""Every migration, in order. ``PRAGMA user_version`` is the number applied."""

MIGRASI_PYTHON = 3
"""The migration whose Python part (chain, typed values, checks) runs after its SQL."""

TABEL_BERANTAI: tuple[str, ...] = (
    "kiriman",
    "audit",
    "keputusan",
    "peristiwa",
    "arsip",
    "pengiriman",
)
"""Tables whose every row is a link of the hash chain."""

TABEL_WAJIB: tuple[str, ...] = (
    *TABEL_BERANTAI,
    "nilai",
    "temuan",
    "analisis",
    "identitas",
    "kepala",
    "kiriman_aktif",
    "nilai_kini",
)
"""Every table and view of the current schema: a ledger missing one is unusable."""

SQL_PELINDUNG = (
    "".join(
        f"""
    CREATE TRIGGER {t}_tanpa_ubah BEFORE UPDATE ON {t}
    BEGIN SELECT RAISE(ABORT, '{t}: catatan buku besar tidak boleh diubah'); END;
    CREATE TRIGGER {t}_tanpa_hapus BEFORE DELETE ON {t}
    BEGIN SELECT RAISE(ABORT, '{t}: catatan buku besar tidak boleh dihapus'); END;
    CREATE TRIGGER {t}_tanpa_timpa BEFORE INSERT ON {t}
    WHEN EXISTS (SELECT 1 FROM {t} WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, '{t}: catatan buku besar tidak boleh ditimpa'); END;
    """
        for t in TABEL_BERANTAI
    )
    + """
    CREATE TRIGGER nilai_tanpa_ubah BEFORE UPDATE ON nilai
    BEGIN SELECT RAISE(ABORT, 'nilai: catatan buku besar tidak boleh diubah'); END;
    CREATE TRIGGER nilai_tanpa_hapus BEFORE DELETE ON nilai
    BEGIN SELECT RAISE(ABORT, 'nilai: catatan buku besar tidak boleh dihapus'); END;
"""
)
"""Triggers that refuse changing or deleting a recorded row. They stop mistakes; the hash
chain is what proves that nobody went around them (``kinerja periksa``)."""

SQL_KIRIMAN_AKTIF = """
CREATE VIEW kiriman_aktif AS
SELECT id, periode, tim, nomor_jejak FROM (
    SELECT id, periode, tim, nomor_jejak,
        row_number() OVER (PARTITION BY periode, tim ORDER BY diterima DESC, id DESC) AS urut
    FROM kiriman
) WHERE urut = 1
"""
"""The active submission of each team and month: the one received last (SPEC section 13);
of two received in the same second, the one taken in later."""

SQL_NILAI_KINI = """
CREATE VIEW nilai_kini AS
WITH koreksi AS (
    SELECT periode, tim, indikator, kolom, angka, teks, nomor_jejak FROM (
        SELECT periode, tim, indikator, kolom, angka, teks, nomor_jejak,
            row_number() OVER (PARTITION BY periode, tim, indikator, kolom
                               ORDER BY nomor_jejak DESC) AS urut
        FROM audit WHERE sumber = 'koreksi'
    ) WHERE urut = 1
),
semua AS (
    SELECT a.periode, a.tim, n.indikator, n.kolom,
        CASE WHEN n.kolom IN ('realisasi', 'pembilang', 'penyebut', 'anggaran')
            THEN n.angka END AS angka,
        CASE WHEN n.kolom IN ('realisasi', 'pembilang', 'penyebut', 'anggaran')
            THEN NULL ELSE n.teks END AS teks,
        a.id AS kiriman_id, 'kiriman' AS sumber
    FROM kiriman_aktif a JOIN nilai n ON n.kiriman_id = a.id
    WHERE NOT EXISTS (
        SELECT 1 FROM koreksi k WHERE k.periode = a.periode AND k.tim = a.tim
        AND k.indikator = n.indikator AND k.kolom = n.kolom AND k.nomor_jejak > a.nomor_jejak)
    UNION ALL
    SELECT k.periode, k.tim, k.indikator, k.kolom, k.angka, k.teks, a.id, 'koreksi'
    FROM koreksi k LEFT JOIN kiriman_aktif a ON a.periode = k.periode AND a.tim = k.tim
    WHERE a.id IS NULL OR k.nomor_jejak > a.nomor_jejak
)
SELECT periode, tim, indikator, kolom, angka, teks, kiriman_id, sumber FROM semua
WHERE angka IS NOT NULL OR teks IS NOT NULL
"""
"""The current value of every (periode, tim, indikator, kolom), derived in this one place:
the active submission's value, unless a correction made after that submission was taken in
changed it. Nothing else stores a current value."""

SQL_TURUNAN = SQL_KIRIMAN_AKTIF + ";" + SQL_NILAI_KINI + ";"
"""The views, created by migration 3 and checked by ``periksa`` (their SQL must not change)."""


def pecah_sql(skrip: str) -> list[str]:
    """Split a script into statements (triggers keep their inner semicolons)."""
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
