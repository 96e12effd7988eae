"""The ledger v2 (SPEC section 13): one owner, derived current values, a trail that proves
itself, identity, backups, migration. Each failure the issue measured has a test here."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pengumpulan_kinerja.buku_besar import (
    NAMA_BERKAS_JEJAK,
    BukuBesar,
    KirimanBaru,
    NilaiBaru,
    teks_nilai,
)
from pengumpulan_kinerja.buku_besar.skema import MIGRASI
from pengumpulan_kinerja.galat import BukuBesarError
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from tests.pembantu import kirim_nilai

FIXTUR = Path(__file__).parent / "data" / "ruang_0_1_0"


def buka(folder: Path) -> BukuBesar:
    return BukuBesar(folder / "kinerja.db")


def kiriman(sha: str, diterima: str, tim: str = "PM") -> KirimanBaru:
    return KirimanBaru(
        periode="2022-06",
        tim=tim,
        nama_berkas=f"{sha}.xlsx",
        berkas_asal=f"masuk/{sha}.xlsx",
        sha256=sha,
        ukuran=1,
        salinan=f"kiriman/2022-06/{sha}.xlsx",
        diterima=diterima,
        dihimpun="2022-07-10T10:00:00",
        terlambat=False,
        tanggal_pengisian=None,
        diisi_oleh=None,
        instrumen_id=None,
        sidik_jari=None,
        dikenali_dari="metadata",
        oleh="uji",
    )


def realisasi(buku: BukuBesar) -> float | None:
    nilai = [n for n in buku.nilai_kini("2022-06") if n.kolom == "realisasi"]
    return nilai[0].angka if nilai else None


def kli(ruang: RuangKerja, *argumen: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from pengumpulan_kinerja.cli import main; main()", *argumen],
        cwd=ruang.akar,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --------------------------------------------------------------------------- schema


def test_skema_baru_identitas_dan_kepala(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        assert buku.versi_skema == len(MIGRASI)
        assert buku.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        jenis = dict(buku.conn.execute("SELECT name, type FROM sqlite_master").fetchall())
        assert jenis["nilai_kini"] == "view", "nilai kini diturunkan, tidak disimpan dua kali"
        assert jenis["kiriman_aktif"] == "view"
        assert buku.kepala.jumlah == 0 and len(buku.identitas) == 32
    jejak = json.loads((tmp_path / NAMA_BERKAS_JEJAK).read_text())
    assert (jejak["identitas"], jejak["jumlah"]) == (buku.identitas, 0)


def test_bukan_basis_data(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.db"
    berkas.write_bytes(b"ini bukan sqlite" * 100)
    with pytest.raises(BukuBesarError, match="rusak"):
        BukuBesar(berkas)
    assert berkas.read_bytes() == b"ini bukan sqlite" * 100


def test_skema_lebih_baru_ditolak(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.db"
    conn = sqlite3.connect(berkas)
    conn.execute(f"PRAGMA user_version = {len(MIGRASI) + 5}")
    conn.close()
    with pytest.raises(BukuBesarError, match="lebih baru"):
        BukuBesar(berkas)


# --------------------------------------------------------------------------- active submission


def test_yang_diterima_terakhir_aktif_bukan_urutan_jalan(tmp_path: Path) -> None:
    """A revision taken in first, the original (received earlier) taken in later: the
    revision stays active, the original is recorded and changes nothing."""
    with buka(tmp_path) as buku:
        with buku.transaksi():
            revisi = buku.tambah_kiriman(
                kiriman("revisi", "2022-07-06T10:00:00"),
                [NilaiBaru("IKK-1.1", "realisasi", 80.0, None)],
            )
        with buku.transaksi():
            asli = buku.tambah_kiriman(
                kiriman("asli", "2022-07-03T10:00:00"),
                [NilaiBaru("IKK-1.1", "realisasi", 50.0, None)],
            )
        assert revisi.aktif and not asli.aktif and asli.berubah == 0
        assert realisasi(buku) == 80.0
        assert [k.nama_berkas for k in buku.kiriman_aktif("2022-06")] == ["revisi.xlsx"]
        assert len(buku.kiriman("2022-06")) == 2, "yang lebih lama tetap tercatat"
        masalah = buku.periksa().masalah
        assert all("salinan" in m.pesan for m in masalah), "hanya salinan uji yang tidak ada"


def test_himpun_berkas_lebih_lama_di_jalan_berikutnya_temuan_lebih_lama(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    from datetime import datetime

    from pengumpulan_kinerja.himpun import himpun
    from pengumpulan_kinerja.periode import Periode
    from tests.pembantu import atur_waktu, isi_bulan

    juni = Periode(2022, 6)
    revisi = isi_bulan(ruang, juni, tmp_path / "revisi", seed=1)
    for f in revisi.iterdir():
        atur_waktu(f, datetime(2022, 7, 6, 10))
    asli = isi_bulan(ruang, juni, tmp_path / "asli", seed=2)
    for f in asli.iterdir():
        atur_waktu(f, datetime(2022, 7, 3, 10))
    himpun(ruang, revisi, oleh="uji")
    with ruang.buka_buku_besar() as buku:
        sebelum = {(n.tim, n.indikator, n.kolom): n.angka for n in buku.nilai_kini("2022-06")}
    kedua = himpun(ruang, asli, oleh="uji")
    kode = {t.kode for t in kedua.temuan}
    assert "lebih-lama" in kode and "menggantikan" not in kode
    with ruang.buka_buku_besar() as buku:
        sesudah = {(n.tim, n.indikator, n.kolom): n.angka for n in buku.nilai_kini("2022-06")}
        assert sesudah == sebelum, "berkas yang lebih lama tidak menjadi aktif"
        assert len(buku.kiriman("2022-06")) == 2 * len(buku.kiriman_aktif("2022-06"))


def test_koreksi_berlaku_sampai_kiriman_berikutnya(tmp_path: Path) -> None:
    with buka(tmp_path) as buku:
        with buku.transaksi():
            buku.tambah_kiriman(
                kiriman("a", "2022-07-01T10:00:00"),
                [NilaiBaru("IKK-1.1", "realisasi", 10.0, None)],
            )
            buku.ubah_nilai(
                periode="2022-06",
                tim="PM",
                indikator="IKK-1.1",
                kolom="realisasi",
                angka=12.0,
                teks=None,
                oleh="uji",
                alasan="salah ketik",
            )
        assert realisasi(buku) == 12.0
        with buku.transaksi():
            buku.tambah_kiriman(
                kiriman("b", "2022-07-02T10:00:00"),
                [NilaiBaru("IKK-1.1", "realisasi", 20.0, None)],
            )
        assert realisasi(buku) == 20.0, "kiriman baru menggantikan koreksi sebelumnya"
        jejak = [(a.lama, a.baru, a.sumber) for a in buku.audit("2022-06")]
        assert jejak == [
            (None, "10.0", "kiriman"),
            ("10.0", "12.0", "koreksi"),
            ("12.0", "20.0", "kiriman"),
        ]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["kirim", "koreksi"]),
            st.integers(1, 9),  # received day
            st.sampled_from(["PM", "FPD"]),
            st.sampled_from(["IKK-1.1", "IKK-1.2"]),
            st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)),
        ),
        max_size=12,
    )
)
def test_nilai_kini_sama_dengan_hitung_ulang(
    tmp_path_factory: pytest.TempPathFactory, ops: list
) -> None:  # type: ignore[type-arg]
    """Whatever happens, the view and periksa's independent recomputation agree, and
    the chain verifies."""
    folder = tmp_path_factory.mktemp("h")
    with buka(folder) as buku:
        for n, (jenis, hari, tim, ind, angka) in enumerate(ops):
            with buku.transaksi():
                if jenis == "kirim":
                    buku.tambah_kiriman(
                        kiriman(f"s{n}", f"2022-07-0{hari}T10:00:00", tim),
                        [NilaiBaru(ind, "realisasi", angka, None)] if angka is not None else [],
                    )
                else:
                    buku.ubah_nilai(
                        periode="2022-06",
                        tim=tim,
                        indikator=ind,
                        kolom="realisasi",
                        angka=angka,
                        teks=None,
                        oleh="uji",
                        alasan="uji",
                    )
        hasil = buku.periksa()
        masalah = [m for m in hasil.masalah if "salinan" not in m.pesan]
        assert masalah == []
        # the trail (changes by submissions listed from them, corrections stored) tells
        # the same story: each change starts from the value before it, and replaying
        # them ends at the current values
        kini: dict[tuple[str, str, str], str | None] = {}
        for a in buku.audit("2022-06"):
            kunci = (a.tim, a.indikator, a.kolom)
            assert a.lama == kini.get(kunci), a
            kini[kunci] = a.baru
        assert {k: v for k, v in kini.items() if v is not None} == {
            (n.tim, n.indikator, n.kolom): teks_nilai(n.angka, n.teks)
            for n in buku.nilai_kini("2022-06")
        }


# --------------------------------------------------------------------------- tamper evidence


def test_ubah_di_luar_kinerja_sesudah_drop_trigger_ketahuan_dan_arsip_menolak(
    tmp_path: Path,
) -> None:
    """DROP TRIGGER, then UPDATE a stored number from a plain sqlite3 shell: periksa
    names the row and exits 1; arsip refuses; status still runs."""
    from pengumpulan_kinerja.demo import jalankan_demo

    hasil = jalankan_demo(tmp_path / "demo")
    ruang = hasil.ruang
    assert kli(ruang, "periksa").returncode == 0
    conn = sqlite3.connect(ruang.berkas_buku_besar)
    conn.execute("DROP TRIGGER nilai_tanpa_ubah")
    conn.execute(
        "UPDATE nilai SET angka = angka + 1 WHERE kolom = 'realisasi' AND kiriman_id = "
        "(SELECT MAX(id) FROM kiriman)"
    )
    conn.commit()
    conn.close()
    keluar = kli(ruang, "periksa")
    assert keluar.returncode == 1, keluar.stdout + keluar.stderr
    assert "nilai yang diterima dari kiriman ini tidak cocok" in keluar.stdout
    assert "Traceback" not in keluar.stderr
    with ruang.buka_buku_besar() as buku:
        hasil_p = buku.periksa()
    assert not hasil_p.lolos and hasil_p.masalah[0].tempat.startswith("kiriman id")


def test_ubah_audit_dan_keputusan_di_luar_kinerja_ketahuan(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(buku, [("2022-06", "PM", "IKK-1.1", "realisasi", 50.0, None)])
        buku.ubah_nilai(
            periode="2022-06",
            tim="PM",
            indikator="IKK-1.1",
            kolom="realisasi",
            angka=60.0,
            teks=None,
            oleh="Ani",
            alasan="bukti baru",
        )
    conn = sqlite3.connect(ruang.berkas_buku_besar)
    conn.execute("DROP TRIGGER audit_tanpa_ubah")
    conn.execute("UPDATE audit SET oleh = 'Budi' WHERE oleh = 'Ani'")
    conn.commit()
    conn.close()
    with ruang.buka_buku_besar() as buku:
        hasil = buku.periksa()
    assert not hasil.lolos
    assert any("hash" in m.pesan for m in hasil.masalah)
    assert any("pemicu audit_tanpa_ubah" in m.tempat for m in hasil.masalah)


def test_salinan_kiriman_diubah_atau_tak_dikenal(tmp_path: Path) -> None:
    from pengumpulan_kinerja.demo import jalankan_demo

    ruang = jalankan_demo(tmp_path / "demo").ruang
    with ruang.buka_buku_besar() as buku:
        (pertama, *_) = buku.kiriman()
    (ruang.akar / pertama.salinan).write_bytes(b"diganti")
    asing = ruang.akar / "kiriman" / "2022-06" / "asing.xlsx"
    asing.write_bytes(b"salinan utuh yang tidak dikenal")
    keluar = kli(ruang, "periksa")
    assert keluar.returncode == 1
    assert pertama.salinan in keluar.stdout and "SHA-256 berbeda" in keluar.stdout
    assert "asing.xlsx" in keluar.stdout and asing.exists(), "dilaporkan, tidak dihapus"


# --------------------------------------------------------------------------- identity


def _isi_kiriman(ruang: RuangKerja, tmp_path: Path) -> list[Path]:
    from pengumpulan_kinerja.himpun import himpun
    from pengumpulan_kinerja.periode import Periode
    from tests.pembantu import isi_bulan

    himpun(ruang, isi_bulan(ruang, Periode(2022, 6), tmp_path / "masuk"), oleh="uji")
    return sorted((ruang.akar / "kiriman").rglob("*.xlsx"))


def test_buku_besar_dikosongkan_berhenti_tanpa_menghapus(ruang: RuangKerja, tmp_path: Path) -> None:
    salinan = _isi_kiriman(ruang, tmp_path)
    ruang.berkas_buku_besar.write_bytes(b"")
    for nama in ("kinerja.db-wal", "kinerja.db-shm"):
        (ruang.akar / nama).unlink(missing_ok=True)
    for perintah in (["himpun", str(tmp_path / "masuk")], ["status"], ["analisis", "--bulan", "6"]):
        keluar = kli(ruang, *perintah)
        assert keluar.returncode == 2, perintah
        assert "kosong" in keluar.stderr and "cadangan" in keluar.stderr
        assert "Traceback" not in keluar.stderr
    assert sorted((ruang.akar / "kiriman").rglob("*.xlsx")) == salinan, "tidak ada yang dihapus"
    assert ruang.berkas_buku_besar.stat().st_size == 0, "tidak dibuat buku besar baru diam-diam"


def test_buku_besar_diganti_milik_lain_berhenti(ruang: RuangKerja, tmp_path: Path) -> None:
    salinan = _isi_kiriman(ruang, tmp_path)
    lain = buat_ruang_kerja(tmp_path / "lain")
    for nama in ("kinerja.db-wal", "kinerja.db-shm"):
        (ruang.akar / nama).unlink(missing_ok=True)
    shutil.copyfile(lain.berkas_buku_besar, ruang.berkas_buku_besar)
    keluar = kli(ruang, "himpun", str(tmp_path / "masuk"))
    assert keluar.returncode == 2 and "ruang kerja lain" in keluar.stderr
    assert sorted((ruang.akar / "kiriman").rglob("*.xlsx")) == salinan


def test_cadangan_lama_dipulihkan_disebut_lebih_lama_lalu_diterima(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    keluar = kli(ruang, "cadangkan")
    assert keluar.returncode == 0 and "cadangan/kinerja-" in keluar.stdout.replace("\n", "")
    (cadangan,) = (ruang.akar / "cadangan").glob("kinerja-*.db")
    salinan = _isi_kiriman(ruang, tmp_path)
    for nama in ("kinerja.db-wal", "kinerja.db-shm"):
        (ruang.akar / nama).unlink(missing_ok=True)
    shutil.copyfile(cadangan, ruang.berkas_buku_besar)
    keluar = kli(ruang, "himpun", str(tmp_path / "masuk"))
    assert keluar.returncode == 2 and "lebih lama" in keluar.stderr
    assert "periksa --terima" in keluar.stderr
    assert sorted((ruang.akar / "kiriman").rglob("*.xlsx")) == salinan
    keluar = kli(ruang, "periksa", "--terima", "--oleh", "Dewi", "--alasan", "pulih dari cadangan")
    assert "Tidak dikenal buku besar" in keluar.stdout
    assert all(p.exists() for p in salinan), "salinan yang tidak dikenal tetap di tempatnya"
    with ruang.buka_buku_besar() as buku:
        (terima,) = buku.audit(sumber="terima")
    assert terima.oleh == "Dewi" and "pulih dari cadangan" in terima.alasan
    assert kli(ruang, "status").returncode == 0


def test_cadangkan_konsisten_dan_tidak_menimpa(ruang: RuangKerja, tmp_path: Path) -> None:
    _isi_kiriman(ruang, tmp_path)
    tujuan = tmp_path / "salin.db"
    assert kli(ruang, "cadangkan", str(tujuan)).returncode == 0
    conn = sqlite3.connect(tujuan)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM kiriman").fetchone()[0] > 0
    conn.close()
    keluar = kli(ruang, "cadangkan", str(tujuan))
    assert keluar.returncode == 1 and "sudah ada" in keluar.stderr  # a refused action


# --------------------------------------------------------------------------- migration


def test_migrasi_dari_rilis_0_1_0_tanpa_kehilangan(tmp_path: Path) -> None:
    """The demo ledger written by release 0.1.0: after the automatic migration every
    figure, finding and audit row is the same, and the chain verifies."""
    ruang_lama = tmp_path / "lama"
    shutil.copytree(FIXTUR, ruang_lama)
    acuan = json.loads((FIXTUR / "acuan" / "tabel.json").read_text())
    ruang = RuangKerja(ruang_lama)
    with ruang.buka_buku_besar() as buku:
        assert buku.versi_skema == len(MIGRASI)
        hasil = buku.periksa()
        assert hasil.lolos, hasil.masalah
        assert hasil.kepala.jumlah == sum(
            len(acuan[t]) for t in ("kiriman", "audit", "keputusan", "peristiwa", "arsip")
        )
        audit = [
            (a.id, a.periode, a.tim, a.indikator, a.kolom, a.lama, a.baru) for a in buku.audit()
        ]
        assert audit == [
            (a["id"], a["periode"], a["tim"], a["indikator"], a["kolom"], a["lama"], a["baru"])
            for a in acuan["audit"]
        ]
        temuan = [
            (t.id, t.kode, t.sel, t.pesan) for m in range(1, 7) for t in buku.temuan(f"2022-0{m}")
        ]
        assert sorted(temuan) == sorted(
            (t["id"], t["kode"], t["sel"], t["pesan"]) for t in acuan["temuan"]
        )
        kini = {
            (n.periode, n.tim, n.indikator, n.kolom): (n.angka, n.teks) for n in buku.nilai_kini()
        }
        lama = {
            (n["periode"], n["tim"], n["indikator"], n["kolom"]): (n["angka"], n["teks"])
            for n in acuan["nilai_kini"]
            if n["angka"] is not None or n["teks"] is not None
        }
        assert kini == lama
    assert list((ruang_lama / "cadangan").glob("kinerja-*-sebelum-migrasi.db")), "dicadangkan dulu"
    for bulan in range(1, 7):
        keluar = kli(ruang, "analisis", "--bulan", str(bulan), "--json")
        assert keluar.returncode == 0, keluar.stderr
        sekarang = json.loads(keluar.stdout)
        dulu = json.loads((FIXTUR / "acuan" / f"analisis-2022-0{bulan}.json").read_text())
        # realisasi_tahun_lalu came after 0.1.0 (SPEC section 16); this config has none
        assert all(r.pop("realisasi_tahun_lalu") is None for r in sekarang["indikator"])
        assert sekarang["indikator"] == dulu["indikator"]
        with open(ruang_lama / "laporan" / f"2022-0{bulan}" / f"capaian-2022-0{bulan}.csv") as f:
            baru_csv = list(csv.reader(f))
        with open(FIXTUR / "acuan" / f"capaian-2022-0{bulan}.csv") as f:
            assert baru_csv == list(csv.reader(f)), f"capaian {bulan} sama persis"


@given(
    st.dictionaries(
        st.tuples(st.text(max_size=6), st.sampled_from(["realisasi", "kendala", "rtl", "bukti"])),
        st.tuples(
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers()),
            st.one_of(st.none(), st.text(max_size=8)),
            st.text(max_size=4),
        ),
        max_size=30,
    )
)
def test_sidik_nilai_sama_dengan_rumus_yang_tercatat(isi: dict) -> None:  # type: ignore[type-arg]
    """The digest of a submission's values is the one chains already hold: sorting by
    (indikator, kolom) gives the text of sorting whole normalised rows."""
    import hashlib
    import json

    from pengumpulan_kinerja.buku_besar.jejak import _normal, sidik_nilai

    nilai = [(i, k, a, t, s) for (i, k), (a, t, s) in isi.items()]
    lama = sorted([str(n[0]), str(n[1]), _normal(n[2], True), n[3], str(n[4])] for n in nilai)
    rumus = hashlib.sha256(
        json.dumps(lama, ensure_ascii=True, separators=(",", ":")).encode()
    ).hexdigest()
    assert sidik_nilai(nilai) == rumus
    assert sidik_nilai(list(reversed(nilai))) == rumus
