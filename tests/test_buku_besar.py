"""The ledger: schema version, WAL, foreign keys, transactions, the audit guard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pengumpulan_kinerja import buku_besar
from pengumpulan_kinerja.buku_besar import MIGRASI, BukuBesar
from pengumpulan_kinerja.galat import BukuBesarError, DitolakError


def buka(tmp_path: Path) -> BukuBesar:
    return BukuBesar(tmp_path / "kinerja.db")


def ubah(buku: BukuBesar, angka: float | None, sumber: str = "kiriman", **lain: str) -> int | None:
    with buku.transaksi():
        return buku.ubah_nilai(
            periode="2022-06",
            tim="PM",
            indikator="IKK-1.3",
            kolom="realisasi",
            angka=angka,
            teks=None,
            sumber=sumber,
            oleh="uji",
            **lain,
        )


def test_skema_wal_dan_kunci_asing(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        assert buku.versi_skema == len(MIGRASI)
        assert buku.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert buku.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tabel = {r[0] for r in buku.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"kiriman", "nilai", "nilai_kini", "audit", "temuan", "keputusan"} <= tabel
        assert {"analisis", "peristiwa", "arsip"} <= tabel
        with pytest.raises(sqlite3.IntegrityError), buku.transaksi():
            buku.conn.execute(
                "INSERT INTO nilai (kiriman_id, indikator, kolom) VALUES (999, 'X', 'realisasi')"
            )
    with buka(tmp_path) as lagi:
        assert lagi.versi_skema == len(MIGRASI)


def test_migrasi_maju_dari_versi_lama(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buka(tmp_path).close()
    tambahan = "CREATE TABLE catatan_uji (id INTEGER PRIMARY KEY, isi TEXT);"
    monkeypatch.setattr(buku_besar, "MIGRASI", (*MIGRASI, tambahan))
    with buka(tmp_path) as buku:
        assert buku.versi_skema == len(MIGRASI) + 1
        buku.query("SELECT * FROM catatan_uji")


def test_skema_lebih_baru_ditolak(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.db"
    conn = sqlite3.connect(berkas)
    conn.execute(f"PRAGMA user_version = {len(MIGRASI) + 5}")
    conn.close()
    with pytest.raises(BukuBesarError) as galat:
        BukuBesar(berkas)
    assert "lebih baru" in galat.value.pesan


def test_bukan_basis_data(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.db"
    berkas.write_bytes(b"ini bukan sqlite" * 100)
    with pytest.raises(BukuBesarError):
        BukuBesar(berkas)


def test_ubah_nilai_mencatat_audit(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        pertama = ubah(buku, 120.0)
        assert pertama is not None
        assert ubah(buku, 120.0) is None, "nilai sama tidak menambah jejak audit"
        kedua = ubah(buku, 150.0, sumber="koreksi", alasan="salah ketik")
        (kini,) = buku.nilai_kini("2022-06")
        assert (kini.angka, kini.sumber) == (150.0, "koreksi")
        jejak = buku.query("SELECT lama, baru, alasan, sumber, oleh FROM audit ORDER BY id")
        assert [tuple(b) for b in jejak] == [
            (None, "120.0", "", "kiriman", "uji"),
            ("120.0", "150.0", "salah ketik", "koreksi", "uji"),
        ]
        id_terakhir = buku.query("SELECT MAX(id) AS id FROM audit")[0]["id"]
        assert kedua == id_terakhir


def test_jejak_audit_tidak_dapat_diubah_atau_dihapus(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        ubah(buku, 1.0)
        with pytest.raises(sqlite3.DatabaseError, match="tidak boleh diubah"):
            buku.conn.execute("UPDATE audit SET baru = '999'")
        with pytest.raises(sqlite3.DatabaseError, match="tidak boleh dihapus"):
            buku.conn.execute("DELETE FROM audit")
        assert buku.query("SELECT baru FROM audit")[0]["baru"] == "1.0"


def test_transaksi_gagal_tidak_meninggalkan_apa_pun(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        with pytest.raises(RuntimeError), buku.transaksi():
            buku.ubah_nilai(
                periode="2022-06",
                tim="PM",
                indikator="IKK-1.3",
                kolom="realisasi",
                angka=5.0,
                teks=None,
                sumber="kiriman",
                oleh="uji",
            )
            raise RuntimeError("putus di tengah")
        assert buku.nilai_kini() == []
        assert buku.query("SELECT COUNT(*) AS n FROM audit")[0]["n"] == 0


def test_ubah_nilai_di_luar_transaksi_ditolak(tmp_path: Path) -> None:
    with buka(tmp_path) as buku, pytest.raises(RuntimeError):
        buku.ubah_nilai(
            periode="2022-06",
            tim="PM",
            indikator="IKK-1.3",
            kolom="realisasi",
            angka=5.0,
            teks=None,
            sumber="kiriman",
            oleh="uji",
        )


def test_versi_data_dan_analisis_mutakhir(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        ubah(buku, 1.0)
        with buku.transaksi():
            buku.catat_analisis(periode="2022-06", oleh="uji")
        assert buku.analisis_mutakhir("2022-06")
        ubah(buku, 2.0, sumber="koreksi", alasan="x")
        assert not buku.analisis_mutakhir("2022-06")
        assert not buku.analisis_mutakhir("2022-07")


def test_kunci_bulan(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        assert not buku.terkunci("2022-06")
        with buku.transaksi():
            buku.conn.execute(
                "INSERT INTO keputusan (periode, jenis, oleh, waktu) VALUES "
                "('2022-06', 'setujui', 'Kasubbag', '2022-07-10T09:00:00')"
            )
        assert buku.terkunci("2022-06")
        with pytest.raises(DitolakError) as galat:
            buku.pastikan_terbuka("2022-06", "Juni 2022")
        assert "kinerja buka" in (galat.value.saran or "")
        with buku.transaksi():
            buku.conn.execute(
                "INSERT INTO keputusan (periode, jenis, oleh, waktu) VALUES "
                "('2022-06', 'buka', 'Kasubbag', '2022-07-11T09:00:00')"
            )
        assert not buku.terkunci("2022-06")


# --------------------------------------------------------------------------- submissions

_KOLOM = st.sampled_from(buku_besar.KOLOM_NILAI)
_ANGKA = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.none()
_TEKS = st.text(max_size=12) | st.none()
_ISIAN = st.dictionaries(
    st.tuples(st.sampled_from(["IKK-1.1", "IKK-1.3", "IKK-2.1", "ä-9", ""]), _KOLOM),
    st.tuples(_ANGKA, _TEKS),
    max_size=25,
)


def _kiriman(buku: BukuBesar, sha: str) -> int:
    buku.conn.execute("UPDATE kiriman SET aktif = 0")
    kursor = buku.conn.execute(
        "INSERT INTO kiriman (periode, tim, nama_berkas, berkas_asal, sha256, ukuran, salinan, "
        "diterima, dihimpun) VALUES ('2022-06', 'PM', 'pm.xlsx', 'pm.xlsx', ?, 1, 's', "
        "'2022-07-05T09:00:00', '2022-07-05T09:00:00')",
        (sha,),
    )
    return int(kursor.lastrowid or 0)


def _isi(
    isian: dict[tuple[str, str], tuple[float | None, str | None]],
) -> list[tuple[str, str, float | None, str | None, str]]:
    return [(i, k, a, t, f"J{n + 7}") for n, ((i, k), (a, t)) in enumerate(sorted(isian.items()))]


def _jejak(buku: BukuBesar) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    audit = [tuple(b) for b in buku.query("SELECT * FROM audit ORDER BY id")]
    kini = [tuple(b) for b in buku.query("SELECT * FROM nilai_kini ORDER BY indikator, kolom")]
    return audit, kini


@pytest.mark.parametrize("lewat_sql", [True, False])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pertama=_ISIAN, kedua=_ISIAN)
@example(pertama={}, kedua={("IKK-1.1", "realisasi"): (-0.0, None)})  # SQLite reads 0.0
def test_catat_nilai_kiriman_sama_dengan_ubah_nilai_satu_per_satu(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    lewat_sql: bool,
    pertama: dict[tuple[str, str], tuple[float | None, str | None]],
    kedua: dict[tuple[str, str], tuple[float | None, str | None]],
) -> None:
    """A submission recorded in bulk (the first one straight in SQL or bound from Python,
    a replacement through the general path) leaves exactly the audit rows and current
    values that changing each value with ``ubah_nilai`` leaves: same ids, same old/new
    text (``repr`` of floats)."""
    monkeypatch.setattr(buku_besar, "NILAI_LEWAT_SQL", 0 if lewat_sql else 10**9)
    folder = tmp_path_factory.mktemp("buku")
    with BukuBesar(folder / "cepat.db") as cepat, BukuBesar(folder / "satu.db") as satu:
        for urutan, isian in enumerate((pertama, kedua)):
            nilai = _isi(isian)
            with cepat.transaksi():
                kid = _kiriman(cepat, f"c{urutan}")
                cepat.catat_nilai_kiriman(
                    periode="2022-06",
                    tim="PM",
                    kiriman_id=kid,
                    nilai=nilai,
                    ganti_semua=urutan > 0,
                    oleh="uji",
                    alasan="kiriman pm.xlsx",
                    waktu="2022-07-05T09:00:00",
                )
            with satu.transaksi():
                kid = _kiriman(satu, f"c{urutan}")
                kunci = {(i, k) for i, k, *_ in nilai}
                if urutan > 0:
                    kunci |= {
                        (b["indikator"], b["kolom"]) for b in satu.query("SELECT * FROM nilai_kini")
                    }
                baru = {(i, k): (a, t) for i, k, a, t, _ in nilai}
                for i, k in sorted(kunci):
                    a, t = baru.get((i, k), (None, None))
                    numerik = k in buku_besar.KOLOM_ANGKA
                    satu.ubah_nilai(
                        periode="2022-06",
                        tim="PM",
                        indikator=i,
                        kolom=k,
                        angka=a if numerik else None,
                        teks=None if numerik else t,
                        sumber="kiriman",
                        oleh="uji",
                        alasan="kiriman pm.xlsx",
                        kiriman_id=kid,
                        waktu="2022-07-05T09:00:00",
                    )
        assert _jejak(cepat) == _jejak(satu)
        assert cepat.query("SELECT COUNT(*) FROM nilai")[0][0] == len(pertama) + len(kedua)


def test_jejak_audit_terlindung_juga_dari_koneksi_lain(tmp_path: Path) -> None:
    """The guards live in the database, not in kinerja's connection: a plain sqlite3
    connection (as the sqlite3 command line opens it) cannot rewrite the trail either."""
    with buka(tmp_path) as buku:
        ubah(buku, 1.0)
    polos = sqlite3.connect(tmp_path / "kinerja.db")
    try:
        for sql, pesan in (
            ("UPDATE audit SET baru = '9'", "tidak boleh diubah"),
            ("DELETE FROM audit", "tidak boleh dihapus"),
            (
                "INSERT OR REPLACE INTO audit (id, periode, oleh, waktu, sumber) "
                "VALUES (1, '2022-06', 'x', 'x', 'koreksi')",
                "tidak boleh ditimpa",
            ),
        ):
            with pytest.raises(sqlite3.IntegrityError, match=pesan):
                polos.execute(sql)
        assert polos.execute("SELECT baru FROM audit").fetchall() == [("1.0",)]
    finally:
        polos.close()
