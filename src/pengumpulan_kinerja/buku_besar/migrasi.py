"""The Python part of migration 3 (ledger v2), run inside the migration's transaction.

For a ledger written by release 0.1.0 it: gives the ledger its identity; types every
audit row's new value; computes each submission's value digest; links every existing
row into the hash chain, in the order things happened; checks that the derived current
values equal the stored copy exactly, and only then drops that copy. A difference stops
the migration (the ledger stays as it was, and its backup is in ``cadangan/``).
"""

from __future__ import annotations

import bisect
import sqlite3
import uuid
from typing import Any

from ..galat import BukuBesarError
from .jejak import awal_rantai, hash_berikut, sidik_nilai
from .rekaman import KOLOM_ANGKA
from .skema import SQL_PELINDUNG, SQL_TURUNAN, TABEL_BERANTAI, pecah_sql

NOMOR = 3

_WAKTU: dict[str, str] = {
    "kiriman": "dihimpun",
    "keputusan": "waktu",
    "peristiwa": "selesai",
    "arsip": "waktu",
    "pengiriman": "waktu",
}
_PERINGKAT = {t: n for n, t in enumerate(TABEL_BERANTAI)}


def jalankan(conn: sqlite3.Connection, waktu: str, baru: bool) -> None:
    identitas = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO identitas (id, identitas, dibuat) VALUES (1, ?, ?)", (identitas, waktu)
    )
    conn.execute(
        "INSERT INTO kepala (id, jumlah, hash) VALUES (1, 0, ?)", (awal_rantai(identitas),)
    )
    conn.execute("ALTER TABLE kiriman DROP COLUMN aktif")  # derived now: kiriman_aktif
    lama: dict[tuple[str, str, str, str], tuple[Any, Any]] = {}
    if not baru:
        _ketik_audit(conn)
        _sidik_kiriman(conn)
        _rantai(conn, identitas)
        lama = _nilai(conn, "nilai_kini")
    conn.execute("ALTER TABLE nilai_kini RENAME TO nilai_kini_lama")
    for perintah in pecah_sql(SQL_TURUNAN):
        conn.execute(perintah)
    if not baru:
        turunan = _nilai(conn, "nilai_kini")
        if turunan != lama:
            beda = sorted(set(turunan.items()) ^ set(lama.items()))[:1]
            raise BukuBesarError(
                "Migrasi buku besar ke versi 2 dihentikan: nilai kini yang diturunkan berbeda "
                f"dari yang tersimpan ({beda}); buku besar tidak diubah.",
                "Laporkan ke pengembang kinerja dengan cadangan di cadangan/; sementara itu "
                "pakai versi kinerja sebelumnya.",
            )
    conn.execute("DROP TABLE nilai_kini_lama")
    for tabel in TABEL_BERANTAI:
        conn.execute(f"CREATE UNIQUE INDEX {tabel}_jejak ON {tabel}(nomor_jejak)")
    conn.execute(
        "CREATE INDEX audit_koreksi ON audit(periode, tim, indikator, kolom) "
        "WHERE sumber = 'koreksi'"
    )
    conn.execute("CREATE INDEX kiriman_tim ON kiriman(periode, tim, diterima)")
    for perintah in pecah_sql(SQL_PELINDUNG):
        conn.execute(perintah)


def _nilai(
    conn: sqlite3.Connection, tabel: str
) -> dict[tuple[str, str, str, str], tuple[Any, Any]]:
    hasil: dict[tuple[str, str, str, str], tuple[Any, Any]] = {}
    for b in conn.execute(f"SELECT periode, tim, indikator, kolom, angka, teks FROM {tabel}"):
        angka, teks = (b[4], None) if b[3] in KOLOM_ANGKA else (None, b[5])
        if angka is None and teks is None:
            continue
        hasil[(b[0], b[1], b[2], b[3])] = (None if angka is None else float(angka), teks)
    return hasil


def _ketik_audit(conn: sqlite3.Connection) -> None:
    """The typed new value of every audit row, from its text (``repr`` of the number)."""
    ubah: list[tuple[float | None, str | None, int]] = []
    for id_, kolom, baru in conn.execute("SELECT id, kolom, baru FROM audit"):
        if baru is None or not kolom:
            continue
        if kolom in KOLOM_ANGKA:
            ubah.append((float(baru), None, id_))
        else:
            ubah.append((None, baru, id_))
    conn.executemany("UPDATE audit SET angka = ?, teks = ? WHERE id = ?", ubah)


def _sidik_kiriman(conn: sqlite3.Connection) -> None:
    per: dict[int, list[tuple[Any, ...]]] = {}
    for b in conn.execute("SELECT kiriman_id, indikator, kolom, angka, teks, sel FROM nilai"):
        per.setdefault(int(b[0]), []).append(tuple(b[1:]))
    conn.executemany(
        "UPDATE kiriman SET sidik_nilai = ? WHERE id = ?",
        [(sidik_nilai(per.get(int(k), ())), k) for (k,) in conn.execute("SELECT id FROM kiriman")],
    )


def _rantai(conn: sqlite3.Connection, identitas: str) -> None:
    """Number and hash every existing row in the order things happened: audit rows in
    their id order; a submission just before its first audit row; everything else after
    the audit rows written up to its time."""
    audit_waktu = [str(w) for (w,) in conn.execute("SELECT waktu FROM audit ORDER BY id")]
    audit_id = [int(i) for (i,) in conn.execute("SELECT id FROM audit ORDER BY id")]
    posisi = {a: n for n, a in enumerate(audit_id)}
    pertama: dict[int, int] = {
        int(k): int(i)
        for k, i in conn.execute(
            "SELECT kiriman_id, MIN(id) FROM audit WHERE kiriman_id IS NOT NULL GROUP BY kiriman_id"
        )
    }
    urutan: list[tuple[tuple[Any, ...], str, dict[str, Any]]] = []
    for tabel in TABEL_BERANTAI:
        kursor = conn.execute(f"SELECT * FROM {tabel}")
        nama = [d[0] for d in kursor.description]
        for b in kursor:
            baris = dict(zip(nama, b, strict=True))
            if tabel == "audit":
                kunci: tuple[Any, ...] = (int(baris["id"]), 1, "", 0, 0)
            else:
                waktu = str(baris[_WAKTU[tabel]])
                if tabel == "kiriman" and int(baris["id"]) in pertama:
                    jangkar = posisi[pertama[int(baris["id"])]]  # audit rows before it
                    acuan = audit_id[jangkar - 1] if jangkar > 0 else 0
                else:
                    n = bisect.bisect_right(audit_waktu, waktu)
                    acuan = audit_id[n - 1] if n > 0 else 0
                kunci = (acuan, 2, waktu, _PERINGKAT[tabel], int(baris["id"]))
            urutan.append((kunci, tabel, baris))
    urutan.sort(key=lambda x: x[0])
    sebelumnya = awal_rantai(identitas)
    for nomor, (_, tabel, baris) in enumerate(urutan, start=1):
        baris["nomor_jejak"] = nomor
        baris.pop("hash", None)
        sebelumnya = hash_berikut(sebelumnya, tabel, baris)
        conn.execute(
            f"UPDATE {tabel} SET nomor_jejak = ?, hash = ? WHERE id = ?",
            (nomor, sebelumnya, baris["id"]),
        )
    conn.execute("UPDATE kepala SET jumlah = ?, hash = ? WHERE id = 1", (len(urutan), sebelumnya))
