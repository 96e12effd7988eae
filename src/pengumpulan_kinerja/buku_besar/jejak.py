"""The hash chain that makes the ledger prove itself (SPEC section 13).

Every row of ``kiriman`` (with the digest of the values accepted from it), ``audit``,
``keputusan``, ``peristiwa``, ``arsip`` and ``pengiriman`` is one link:
``hash = sha256(previous hash + canonical text of the row)``, numbered by
``nomor_jejak`` across all of them. The first link follows from the ledger's identity,
so a ledger cannot be swapped for another one's rows either. The head (count and hash)
is kept in the ledger and, outside it, in ``.kinerja-jejak`` beside ``kinerja.db``.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from .skema import TABEL_BERANTAI

NAMA_BERKAS_JEJAK = ".kinerja-jejak"

KOLOM_REAL: Mapping[str, frozenset[str]] = {"audit": frozenset({"angka"})}
"""REAL columns of the chained tables: a number bound as ``5`` reads back as ``5.0``."""


@dataclass(frozen=True)
class Kepala:
    """The head of the chain: how many links, the last hash, and whose ledger it is."""

    identitas: str
    jumlah: int
    hash: str


@dataclass(frozen=True)
class MasalahJejak:
    """One thing that does not verify: where, and what was found."""

    tempat: str
    pesan: str


def awal_rantai(identitas: str) -> str:
    """The "previous hash" of the first link."""
    return hashlib.sha256(f"kinerja:{identitas}".encode()).hexdigest()


def _normal(nilai: Any, real: bool) -> Any:
    if nilai is None:
        return None
    if real:
        angka = float(nilai) + 0.0
        return angka if math.isfinite(angka) else repr(angka)
    if isinstance(nilai, bool):
        return int(nilai)
    if isinstance(nilai, float):
        return nilai + 0.0 if math.isfinite(nilai) else repr(nilai)
    if isinstance(nilai, bytes):
        return nilai.hex()
    return nilai


_KANONIK = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))
"""``json.dumps(..., ensure_ascii=True, separators=(",", ":"))`` without building an
encoder for every row (same text)."""


def teks_kanonik(tabel: str, baris: Mapping[str, Any]) -> str:
    """The canonical text of a row: every column but ``hash``, sorted, numbers exact."""
    real = KOLOM_REAL.get(tabel, frozenset())
    # text and int (not bool) are their own normal form: _normal only for the rest
    isi = [
        [k, v if (type(v) is str or type(v) is int) and k not in real else _normal(v, k in real)]
        for k in sorted(baris)
        if k != "hash"
        for v in (baris[k],)
    ]
    return _KANONIK.encode([tabel, isi])


def hash_berikut(sebelumnya: str, tabel: str, baris: Mapping[str, Any]) -> str:
    return hashlib.sha256((sebelumnya + teks_kanonik(tabel, baris)).encode()).hexdigest()


def sidik_nilai(nilai: Iterable[Sequence[Any]]) -> str:
    """Digest of a submission's values: (indikator, kolom, angka, teks, sel) rows, sorted,
    as canonical JSON.

    A submission holds one value per (indikator, kolom) (the key of ``nilai``), so the
    rows are sorted by that pair alone (in C, before the rows are normalised): the same
    order, and the same text, as sorting the normalised rows whole (tested)."""
    isi = [
        [str(a), str(b), _normal(c, True), d, str(e)]
        for a, b, c, d, e in sorted(nilai, key=_INDIKATOR_KOLOM)
    ]
    return hashlib.sha256(_KANONIK.encode(isi).encode()).hexdigest()


_INDIKATOR_KOLOM = itemgetter(0, 1)


# --------------------------------------------------------------------------- the head file


def baca_berkas_jejak(folder: Path) -> Kepala | None:
    """``.kinerja-jejak`` of a workspace, or None when there is none.

    Raises ValueError when it exists but cannot be read as a head."""
    berkas = folder / NAMA_BERKAS_JEJAK
    try:
        teks = berkas.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(teks)
    if not isinstance(data, dict):
        raise ValueError("bukan objek JSON")
    return Kepala(str(data["identitas"]), int(data["jumlah"]), str(data["hash"]))


def tulis_berkas_jejak(folder: Path, kepala: Kepala, waktu: str) -> None:
    """Rewrite ``.kinerja-jejak`` atomically (temporary name, then rename)."""
    import os
    import tempfile

    isi = json.dumps(
        {
            "identitas": kepala.identitas,
            "jumlah": kepala.jumlah,
            "hash": kepala.hash,
            "waktu": waktu,
            "keterangan": "Kepala jejak buku besar kinerja.db. Jangan diubah atau dihapus; "
            "periksa dengan `kinerja periksa`.",
        },
        ensure_ascii=False,
        indent=1,
    )
    fd, nama = tempfile.mkstemp(prefix=f"{NAMA_BERKAS_JEJAK}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(isi + "\n")
            f.flush()
            os.fsync(f.fileno())
        mode = 0o666 & ~_umask()
        os.chmod(nama, mode)
        os.replace(nama, folder / NAMA_BERKAS_JEJAK)
    finally:
        Path(nama).unlink(missing_ok=True)


def _umask() -> int:
    import os

    lama = os.umask(0)
    os.umask(lama)
    return lama


# --------------------------------------------------------------------------- verifying


def _baris_berantai(conn: sqlite3.Connection) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every chained row of every table, merged in ``nomor_jejak`` order (rows without a
    number first)."""
    import heapq

    def urut(tabel: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
        kursor = conn.execute(f"SELECT * FROM {tabel} ORDER BY nomor_jejak, id")
        nama = [d[0] for d in kursor.description]
        for b in kursor:
            baris = dict(zip(nama, b, strict=True))
            nomor = baris["nomor_jejak"]
            yield (-1 if nomor is None else int(nomor), tabel, baris)

    for _, tabel, baris in heapq.merge(*(urut(t) for t in TABEL_BERANTAI), key=lambda x: x[0]):
        yield tabel, baris


def periksa_rantai(
    conn: sqlite3.Connection, identitas: str
) -> tuple[Kepala, list[MasalahJejak], dict[int, str]]:
    """Recompute every link. Returns the head found, the problems (the first bad link
    first) and the hash of every link number (to compare with an older head)."""
    masalah: list[MasalahJejak] = []
    hash_per_nomor: dict[int, str] = {}
    sebelumnya = awal_rantai(identitas)
    harap = 1
    nilai_per_kiriman = _sidik_semua_nilai(conn)
    for tabel, baris in _baris_berantai(conn):
        tempat = f"{tabel} id {baris['id']}"
        nomor = baris["nomor_jejak"]
        if nomor is None:
            masalah.append(
                MasalahJejak(tempat, "baris tanpa mata rantai (disisipkan di luar kinerja)")
            )
            continue
        if nomor != harap:
            if nomor > harap:
                masalah.append(
                    MasalahJejak(
                        f"mata rantai {harap}",
                        f"hilang (baris dihapus); berikutnya {tempat} bernomor {nomor}",
                    )
                )
            else:
                masalah.append(MasalahJejak(tempat, f"nomor mata rantai {nomor} ganda"))
            harap = int(nomor)
        if tabel == "kiriman":
            sidik = nilai_per_kiriman.get(int(baris["id"]), sidik_nilai(()))
            if sidik != baris["sidik_nilai"]:
                masalah.append(
                    MasalahJejak(
                        tempat,
                        "nilai yang diterima dari kiriman ini tidak cocok dengan sidiknya "
                        "(tabel nilai diubah)",
                    )
                )
        hitung = hash_berikut(sebelumnya, tabel, baris)
        if hitung != baris["hash"]:
            masalah.append(
                MasalahJejak(
                    f"{tempat} (mata rantai {nomor})",
                    "isi baris tidak cocok dengan hash-nya (diubah di luar kinerja)",
                )
            )
        hash_per_nomor[int(nomor)] = str(baris["hash"])
        sebelumnya = str(baris["hash"])
        harap += 1
    nilai_yatim = set(nilai_per_kiriman) - _id_kiriman(conn)
    for kid in sorted(nilai_yatim)[:5]:
        masalah.append(MasalahJejak(f"nilai kiriman_id {kid}", "nilai tanpa kiriman tercatat"))
    return Kepala(identitas, harap - 1, sebelumnya), masalah, hash_per_nomor


def _id_kiriman(conn: sqlite3.Connection) -> set[int]:
    return {int(b[0]) for b in conn.execute("SELECT id FROM kiriman")}


def _sidik_semua_nilai(conn: sqlite3.Connection) -> dict[int, str]:
    per: dict[int, list[tuple[Any, ...]]] = {}
    for b in conn.execute("SELECT kiriman_id, indikator, kolom, angka, teks, sel FROM nilai"):
        per.setdefault(int(b[0]), []).append(tuple(b[1:]))
    return {k: sidik_nilai(v) for k, v in per.items()}
