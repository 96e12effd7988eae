"""tahun-baru: next year's workspace passes `cek`, carries last year's approved year-end
realisation, keeps the office's comments and marks every target; this year's workspace
is left as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pengumpulan_kinerja.buku_besar import BukuBesar
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import DitolakError, PenggunaanError
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi
from pengumpulan_kinerja.rekap import rekap
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.tahun_baru import susun_konfigurasi, tahun_baru
from tests.pembantu import kirim_nilai

from .rekap_contoh import KONFIGURASI, buat_ruang, isi_ledger, setujui_bulan

runner = CliRunner()

# January-May approved (June only analysed): A kumulatif 5+5+10+10+15, D terakhir May,
# B terakhir May, C rata-rata mean(5, 5, 4, 4, 6), E rata-rata mean(70, 70, 70, 80, 90)
AKHIR_2022 = {"A": 45.0, "D": 35.0, "B": 14.0, "C": 4.8, "E": 76.0}


@pytest.fixture(scope="module")
def ruang(tmp_path_factory: pytest.TempPathFactory) -> RuangKerja:
    return buat_ruang(tmp_path_factory.mktemp("tahun") / "balai-2022")


def _nilai(akar: Path) -> list[tuple[object, ...]]:
    with BukuBesar(akar / "kinerja.db") as buku:
        return sorted(tuple(vars(n).values()) for n in buku.nilai_kini())


def _cek(akar: Path) -> None:
    hasil = runner.invoke(app, ["cek", "-R", str(akar)])
    assert hasil.exit_code == 0, hasil.output


def _komentar(teks: str) -> list[str]:
    return [b.split("#", 1)[1].strip() for b in teks.splitlines() if "#" in b]


def test_ruang_kerja_tahun_baru(ruang: RuangKerja) -> None:
    yaml_lama = ruang.berkas_konfigurasi.read_bytes()
    nilai_lama = _nilai(ruang.akar)
    hasil = tahun_baru(ruang, 2023)
    baru = hasil.ruang.akar
    assert baru == ruang.akar.parent / "balai-2023"
    assert hasil.realisasi_tahun_lalu == AKHIR_2022 and hasil.bulan_disetujui == (1, 2, 3, 4, 5)
    _cek(baru)
    k = baca_konfigurasi((baru / "kinerja.yaml").read_text(encoding="utf-8"))
    assert k.tahun == 2023
    lama = ruang.konfigurasi
    for ind in lama.indikator:
        b = k.cari_indikator(ind.kode)
        assert b is not None
        assert b.realisasi_tahun_lalu == AKHIR_2022[ind.kode], ind.kode
        assert (b.target, b.target_triwulan, b.target_renstra) == (
            ind.target,
            ind.target_triwulan,
            ind.target_renstra,
        )
    teks = (baru / "kinerja.yaml").read_text(encoding="utf-8")
    for komentar in _komentar(KONFIGURASI):  # every comment of the office survives
        assert komentar in teks, komentar
    assert "target: 100  # PERBARUI: target 2023 · target PK" in teks
    assert "target_triwulan: [20, 50, 80, 100]  # PERBARUI: target 2023" in teks
    assert "pagu: 1000000  # PERBARUI: pagu 2023 · pagu DIPA" in teks
    assert "tahun: 2023   # tahun anggaran" in teks
    # E is written in flow style: its marker goes on a line above, its value inside
    assert re.search(r"# PERBARUI: target 2023\n\s+- \{kode: E,", teks)
    assert "target_triwulan: [85, 85, 85, 85], realisasi_tahun_lalu: 76}" in teks
    # A, D, B, C: target and target_triwulan; E one line above; T1, T2: pagu and rpd
    assert hasil.ditandai == 13 and teks.count("PERBARUI") == 13 + 1  # and the header
    # the new ledger is empty; this year's workspace is untouched
    assert _nilai(baru) == []
    assert ruang.berkas_konfigurasi.read_bytes() == yaml_lama
    assert _nilai(ruang.akar) == nilai_lama
    assert (baru / "instrumen").is_dir() and (baru / "laporan").is_dir()


def test_rekap_tahun_baru_memuat_realisasi_tahun_lalu(ruang: RuangKerja, tmp_path: Path) -> None:
    hasil = tahun_baru(ruang, 2023, tmp_path / "sakip-2023")
    baru = hasil.ruang
    with baru.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(
            buku, [(f"2023-{b:02d}", "T1", "A", "realisasi", 30.0, None) for b in (1, 2, 3)]
        )
    setujui_bulan(baru, [1, 2, 3], tahun=2023)
    tw1 = rekap(baru, 1)
    a = next(b for b in tw1.indikator if b.kode == "A")
    assert (a.realisasi, a.realisasi_tahun_lalu, a.perubahan) == (90.0, 45.0, 45.0)
    csv = tw1.berkas[2].read_text(encoding="utf-8").splitlines()
    assert csv[1].startswith("2023-TW1,T1,S1,A,") and ",45,400," in csv[1]


def test_folder_berisi_ditolak_dan_tahun_salah(ruang: RuangKerja, tmp_path: Path) -> None:
    isi = tmp_path / "ada"
    isi.mkdir()
    (isi / "catatan.txt").write_text("milik kantor", encoding="utf-8")
    with pytest.raises(DitolakError, match="tidak kosong"):
        tahun_baru(ruang, 2023, isi)
    assert [p.name for p in isi.iterdir()] == ["catatan.txt"]
    with pytest.raises(PenggunaanError, match="harus 2023"):
        tahun_baru(ruang, 2024, tmp_path / "lain")
    assert not (tmp_path / "lain").exists()
    kosong = tmp_path / "kosong"
    kosong.mkdir()
    assert tahun_baru(ruang, 2023, kosong).ruang.akar == kosong.resolve()


@pytest.mark.parametrize(
    "renstra", ["{awal: 2018, akhir: 2022}", "\n  awal: 2018   # RPJMN\n  akhir: 2022"]
)
def test_renstra_berakhir_dan_daftar_blok(tmp_path: Path, renstra: str) -> None:
    teks = KONFIGURASI.replace(" {awal: 2020, akhir: 2024}", f" {renstra}").replace(
        "        target_triwulan: [20, 50, 80, 100]\n",
        "        target_triwulan:\n          - 20\n          - 50\n          - 80\n          - 100\n",
    )
    ruang = buat_ruang_kerja(tmp_path / "lama")
    ruang.berkas_konfigurasi.write_text(teks, encoding="utf-8")
    ruang = RuangKerja(ruang.akar)
    isi_ledger(ruang, sampai=1)
    setujui_bulan(ruang, [1])
    hasil = tahun_baru(ruang, 2023)
    assert hasil.renstra_berakhir
    _cek(hasil.ruang.akar)
    baru = (hasil.ruang.akar / "kinerja.yaml").read_text(encoding="utf-8")
    k = baca_konfigurasi(baru)
    assert k.renstra is None and all(i.target_renstra is None for i in k.indikator)
    assert "renstra: null  # PERBARUI: Renstra 2018–2022 berakhir" in baru
    if "RPJMN" in renstra:  # a block mapping: its lines kept, commented out
        assert "#   awal: 2018   # RPJMN\n#   akhir: 2022\n" in baru
    assert "          - 100  # PERBARUI: target 2023" in baru
    a = k.cari_indikator("A")
    assert a is not None and a.target_triwulan == (20, 50, 80, 100)
    assert a.realisasi_tahun_lalu == 5.0  # January only


def test_tanpa_bulan_disetujui_crlf(tmp_path: Path) -> None:
    ruang = buat_ruang_kerja(tmp_path / "lama")
    ruang.berkas_konfigurasi.write_bytes(KONFIGURASI.replace("\n", "\r\n").encode("utf-8"))
    ruang = RuangKerja(ruang.akar)
    isi_ledger(ruang, sampai=2)  # nothing approved
    hasil = tahun_baru(ruang, 2023)
    assert hasil.bulan_disetujui == () and set(hasil.realisasi_tahun_lalu.values()) == {None}
    _cek(hasil.ruang.akar)
    mentah = (hasil.ruang.akar / "kinerja.yaml").read_bytes()
    assert mentah.count(b"\r\n") == mentah.count(b"\n")  # the office's line endings kept
    baru = mentah.decode("utf-8")
    assert "realisasi_tahun_lalu: null  # PERBARUI: tidak ada realisasi 2022 yang disetujui" in baru
    k = baca_konfigurasi(baru)
    assert all(i.realisasi_tahun_lalu is None for i in k.indikator)  # 90 and 1234.5 dropped
    assert any("Desember 2022 belum disetujui" in c for c in hasil.catatan)


def test_cli_tahun_baru(ruang: RuangKerja, tmp_path: Path) -> None:
    hasil = runner.invoke(app, ["tahun-baru", "2023", str(tmp_path / "cli"), "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "PERBARUI" in hasil.output and "kinerja cek" in hasil.output
    assert "4,8" in hasil.output  # C's mean, Indonesian number
    lagi = runner.invoke(
        app, ["tahun-baru", "2023", str(tmp_path / "cli"), "-R", str(ruang.akar), "--json"]
    )
    assert lagi.exit_code == 1 and "tidak kosong" in lagi.output
    data = runner.invoke(
        app, ["tahun-baru", "2023", str(tmp_path / "json"), "-R", str(ruang.akar), "--json"]
    )
    assert data.exit_code == 0, data.output
    assert json.loads(data.output)["realisasi_tahun_lalu"] == AKHIR_2022
    bantuan = runner.invoke(app, ["tahun-baru", "--help"])
    assert bantuan.exit_code == 0 and "Contoh:" in bantuan.output


_ANGKA = st.one_of(
    st.none(),
    st.floats(min_value=-1e9, max_value=1e12, allow_nan=False).map(lambda x: round(x, 4)),
)


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({k: _ANGKA for k in AKHIR_2022}))
def test_susun_konfigurasi_sifat(realisasi: dict[str, float | None]) -> None:
    """Whatever the realisations, the edited text passes the checks and reads back as
    written, in block and flow indicators alike."""
    lama = baca_konfigurasi(KONFIGURASI)
    teks, ditandai, _ = susun_konfigurasi(KONFIGURASI, lama, 2023, realisasi, "uji")
    baru = baca_konfigurasi(teks)
    assert baru.tahun == 2023 and ditandai >= 13
    for kode, nilai in realisasi.items():
        ind = baru.cari_indikator(kode)
        assert ind is not None
        if nilai is None:
            assert ind.realisasi_tahun_lalu is None
        else:
            assert ind.realisasi_tahun_lalu == pytest.approx(nilai, rel=1e-12, abs=1e-4)
