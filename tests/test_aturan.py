"""aturan: the value rules, written once, used by the reader and by koreksi alike."""

from __future__ import annotations

import ast
import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pengumpulan_kinerja
from pengumpulan_kinerja import aturan
from pengumpulan_kinerja.angka import baca_angka
from pengumpulan_kinerja.konfigurasi import Batas, Indikator, Konfigurasi, muat_konfigurasi
from pengumpulan_kinerja.koreksi import PerubahanDiminta, _sahkan
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import folder_sumber
from pengumpulan_kinerja.temuan import KATALOG, MAKS_BESARAN, Tempat, Tingkat

K = muat_konfigurasi(folder_sumber("examples") / "kinerja.yaml")
SRC = Path(pengumpulan_kinerja.__file__).parent
DI = Tempat("b.xlsx", "Capaian", "J12", "PM", "2022-06", "IKK-1.3")


def ind(kode: str) -> Indikator:
    hasil = K.cari_indikator(kode)
    assert hasil is not None
    return hasil


PERSEN = next(i for i in K.indikator if i.persen and not i.rasio)
BULAT = next(i for i in K.indikator if aturan.bulat(i))
RASIO = next(i for i in K.indikator if i.rasio)

mentah = st.one_of(
    st.floats(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.text(alphabet="0123456789.,-+% Rpe\u00a0", max_size=40),
    st.text(max_size=20),
    st.integers(min_value=300, max_value=420).map(lambda n: "9" * n),
    st.booleans(),
    st.none(),
)


# --------------------------------------------------------------------------- numbers


@settings(max_examples=500, deadline=None)
@given(mentah)
@example("9" * 400)
@example(10**400)
@example(math.inf)
@example(math.nan)
def test_baca_angka_tidak_pernah_memberi_tak_hingga(nilai: object) -> None:
    hasil = baca_angka(nilai)
    if hasil.nilai is not None:
        assert math.isfinite(hasil.nilai) and hasil.masalah is None
    if hasil.terlalu_besar:
        assert hasil.nilai is None and hasil.masalah


@pytest.mark.parametrize("digit", [308, 309, 310, 400, 5000])
def test_digit_panjang_terlalu_besar_bukan_tak_hingga(digit: int) -> None:
    hasil = baca_angka("9" * digit)
    assert hasil.terlalu_besar == (digit >= 309), digit
    if not hasil.terlalu_besar:
        assert hasil.nilai is not None and math.isfinite(hasil.nilai)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["realisasi", "pembilang", "penyebut", "anggaran"]), mentah, st.data())
def test_setiap_isian_angka_sah_terhingga_dan_dalam_batas(
    kolom: str, nilai: object, data: st.DataObject
) -> None:
    pilihan = [RASIO] if kolom in ("pembilang", "penyebut") else list(K.indikator)
    i = data.draw(st.sampled_from(pilihan))
    hasil, temuan = aturan.periksa_isian(kolom, nilai, DI, i)
    assert all(t.kode in KATALOG for t in temuan)
    if any(t.galat for t in temuan):
        assert hasil is None
    if hasil is not None:
        assert isinstance(hasil, float) and math.isfinite(hasil)
        if kolom in ("realisasi", "anggaran"):
            assert abs(hasil) <= MAKS_BESARAN
    if isinstance(nilai, str) and nilai.strip() and baca_angka(nilai).terlalu_besar:
        assert [t.kode for t in temuan] == ["angka-terlalu-besar"]


@settings(max_examples=400, deadline=None)
@given(
    st.floats(allow_nan=False, min_value=-1e308, max_value=1.7e308),
    st.floats(allow_nan=False, min_value=-1e308, max_value=1.7e308),
)
@example(1e308, 1e308)
@example(1.7e308, 1.7e308)
@example(1e-300, 1e300)
@example(5.0, 0.0)
def test_rasio_tidak_pernah_meluap(p: float, q: float) -> None:
    realisasi, temuan = aturan.periksa_rasio(RASIO, p, q, DI, DI, DI)
    if realisasi is None:
        assert any(t.galat for t in temuan)
    else:
        assert not temuan and 0 <= realisasi <= 100 and math.isfinite(realisasi)
    if p == q and p > 0:
        assert realisasi == 100.0


def test_rasio_yang_sama_besar_diterima_100_persen() -> None:
    assert aturan.periksa_rasio(RASIO, 1e308, 1e308, DI, DI, DI) == (100.0, [])
    _, temuan = aturan.periksa_rasio(RASIO, 5, 0, DI, DI, DI)
    assert [t.kode for t in temuan] == ["penyebut-nol"]
    _, temuan = aturan.periksa_rasio(RASIO, 6, 5, DI, DI, DI)
    assert [t.kode for t in temuan] == ["pembilang-melebihi-penyebut"]


batas = st.one_of(
    st.none(),
    st.builds(
        Batas,
        st.one_of(st.none(), st.floats(min_value=-100, max_value=100)),
        st.one_of(st.none(), st.floats(min_value=-100, max_value=1e16)),
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(K.indikator), batas, st.floats())
@example(K.indikator[0], None, 1e16)
@example(K.indikator[0], None, -math.inf)
def test_aturan_batas(asli: Indikator, b: Batas | None, nilai: float) -> None:
    """Beyond the magnitude bound only ``angka-terlalu-besar``; within it, a finding
    exactly when masalah_batas has a reason, which names the value."""
    i = dataclasses.replace(asli, batas=b)
    temuan = aturan.periksa_batas(i, nilai, DI)
    if not math.isfinite(nilai) or abs(nilai) > MAKS_BESARAN:
        assert [t.kode for t in temuan] == ["angka-terlalu-besar"]
    else:
        alasan = aturan.masalah_batas(i, nilai)
        assert [t.kode for t in temuan] == (["di-luar-batas"] if alasan else [])
        if alasan:
            assert alasan in temuan[0].pesan


def _dengan_target_juni(kode: str, target: float) -> Konfigurasi:
    """A new configuration object whose indicator ``kode`` has ``target`` in Q2."""

    def ubah(i: Indikator) -> Indikator:
        if i.kode != kode:
            return i
        tw = i.target_triwulan
        return dataclasses.replace(i, target_triwulan=(tw[0], target, tw[2], tw[3]))

    sasaran = tuple(
        dataclasses.replace(s, indikator=tuple(ubah(i) for i in s.indikator)) for s in K.sasaran
    )
    return dataclasses.replace(K, sasaran=sasaran, _indeks_indikator={}, _per_tim={})


def test_riwayat_mengikuti_konfigurasi_yang_diberikan() -> None:
    """The same team in two configurations (kinerja.yaml edited between runs in one
    process) is checked against each configuration's own targets."""
    juni = Periode(2022, 6)
    nilai = [aturan.Isian("IKK-1.1", "realisasi", 30.0, None, "J11")]
    sel = {"IKK-1.1": "O11"}
    baru = _dengan_target_juni("IKK-1.1", 30.0)  # capaian 100 % instead of 75 %

    def kode(k: Konfigurasi) -> list[str]:
        return [t.kode for t in aturan.temuan_riwayat(k, "PM", juni, nilai, sel, {})]

    assert kode(K) == ["kendala-wajib"]
    assert kode(baru) == []
    assert kode(K) == ["kendala-wajib"]


# --------------------------------------------------------------------------- hints and messages


def test_saran_bukan_angka_sesuai_medan() -> None:
    _, temuan = aturan.periksa_isian("anggaran", "lima juta", DI)
    assert "%" not in temuan[0].pesan and "rupiah" in temuan[0].pesan
    _, temuan = aturan.periksa_isian("realisasi", "1.234", DI, BULAT)
    (t,) = temuan
    assert t.kode == "bukan-angka" and "1,2340" not in t.pesan
    assert "Tulis 1234" in t.pesan and "%" not in t.pesan
    assert t.pesan.count("Tulis") + t.pesan.count("Isi ") == 1, "satu saran saja"
    _, temuan = aturan.periksa_isian("realisasi", "85,125", DI, PERSEN)
    assert "85,13" in temuan[0].pesan
    _, temuan = aturan.periksa_isian("realisasi", "banyak", DI, PERSEN)
    assert "85" in temuan[0].pesan


def test_persen_pada_satuan_bukan_persen_diterima_dengan_peringatan() -> None:
    nilai, temuan = aturan.periksa_isian("realisasi", "85%", DI, BULAT)
    assert nilai == 85.0
    assert [(t.kode, t.tingkat) for t in temuan] == [("persen-salah-satuan", Tingkat.PERINGATAN)]
    assert BULAT.satuan in temuan[0].pesan
    assert aturan.periksa_isian("realisasi", "85%", DI, PERSEN) == (85.0, [])


def test_pesan_kendala_wajib_menyebut_capaian_lalu_di_bawah_target() -> None:
    (t,) = aturan.periksa_kendala(94.4, False, False, DI)
    assert t.pesan.startswith("Capaian IKK-1.3 bulan ini 94,4%, di bawah target")
    assert aturan.periksa_kendala(94.4, True, False, DI) == []
    assert aturan.periksa_kendala(100.0, False, False, DI) == []


@pytest.mark.parametrize("teks", ["-", "–", "—", "tidak ada", "Nihil", "N/A", " - ", "nihil."])
def test_kendala_pengganti_kosong_dihitung_kosong(teks: str) -> None:
    assert aturan.teks_isian(teks, DI) == (None, [])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=50), st.integers(min_value=0, max_value=10_000))
def test_teks_isian_tidak_pernah_meledak(teks: str, ulang: int) -> None:
    hasil, temuan = aturan.teks_isian(teks * (ulang // max(len(teks), 1) + 1), DI)
    if hasil is not None:
        assert len(hasil) <= aturan.MAKS_TEKS and "\x00" not in hasil
    assert [t.kode for t in temuan] in ([], ["teks-terpotong"])


def test_pengesahan_kosong_dan_tanggal_tak_terbaca() -> None:
    kode = [t.sel for t in aturan.periksa_pengesahan("", "", "", DI, DI._replace(sel="C6"))]
    assert kode == ["J12", "C6"]
    (t,) = aturan.periksa_pengesahan("Rina", "kemarin", "kemarin", DI, DI._replace(sel="C6"))
    assert t.kode == "pengesahan-kosong" and "'kemarin'" in t.pesan
    assert aturan.periksa_pengesahan("Rina", "x", "2022-07-04", DI, DI) == []


# --------------------------------------------------------------------------- one rule set


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([i for i in K.indikator if not i.rasio]), mentah)
@example(ind("IKK-1.3"), "9" * 400)
@example(ind("IKK-1.3"), 2e16)
def test_koreksi_menolak_tepat_yang_ditolak_aturan(i: Indikator, nilai: object) -> None:
    """koreksi refuses a new realisation exactly when the reader's rules give a galat
    (or no value at all): the same rules, not a copy of them."""
    hasil, temuan = aturan.periksa_isian("realisasi", nilai, DI, i)
    sah, masalah = _sahkan(PerubahanDiminta(i.kode, "realisasi", nilai, "uji", "--realisasi"), K)
    assert (sah is None) == (hasil is None)
    for t in temuan:
        if t.galat:
            assert any(f"({t.kode})" in m for m in masalah)


def _impor_relatif(berkas: Path) -> set[str]:
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    return {
        n.module.split(".")[0]
        for n in ast.walk(pohon)
        if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module
    }


def test_analisis_dan_laporan_tidak_saling_mengimpor() -> None:
    assert "analisis" not in _impor_relatif(SRC / "laporan.py")
    assert "laporan" not in _impor_relatif(SRC / "hasil_analisis.py")


@pytest.mark.parametrize(
    "ungkapan", ["persen melebihi 100", "tidak boleh negatif", "di bawah batas minimum"]
)
def test_aturan_nilai_hanya_ditulis_di_aturan(ungkapan: str) -> None:
    tempat = [
        str(b.relative_to(SRC)) for b in SRC.rglob("*.py") if ungkapan in b.read_text("utf-8")
    ]
    assert tempat == ["aturan.py"]


def test_teks_panjang_dikutip_pendek_di_koreksi() -> None:
    _, masalah = _sahkan(PerubahanDiminta("X" * 32_767, "realisasi", 1, "a", "baris 2"), K)
    assert masalah and all(len(m) < 400 for m in masalah)
    _, masalah = _sahkan(PerubahanDiminta("IKK-1.3", "realisasi", "y" * 32_767, "a"), K)
    assert masalah and all(len(m) < 400 for m in masalah)


def _riwayat_rujukan(
    konfigurasi: Konfigurasi,
    kode_tim: str,
    periode: Periode,
    nilai: list[aturan.Isian],
    sel_kendala: dict[str, str],
    bulanan: dict[tuple[str, str], dict[int, float]],
) -> list[str]:
    """The history findings computed the plain way: every indicator, the realisation
    to date through hitung.realisasi_sampai and capaian() (the reference for the
    precomputed version in aturan.temuan_riwayat)."""
    from pengumpulan_kinerja import hitung

    bulan = periode.bulan
    realisasi = {
        n.indikator: n.angka for n in nilai if n.kolom == "realisasi" and n.angka is not None
    }
    kendala = {n.indikator for n in nilai if n.kolom == "kendala" and n.teks}
    rtl = {n.indikator for n in nilai if n.kolom == "rtl" and n.teks}
    hasil: list[str] = []
    for ind_ in konfigurasi.indikator_tim(kode_tim):
        kode = ind_.kode
        if kode not in realisasi or kode not in sel_kendala:
            continue
        tempat = Tempat("b.xlsx", "Capaian", sel_kendala[kode], kode_tim, periode.kode, kode)
        lalu = {b: v for b, v in bulanan.get((kode_tim, kode), {}).items() if b < bulan}
        sebelum = hitung.realisasi_sampai(ind_, lalu, bulan - 1) if bulan > 1 else None
        kini = hitung.realisasi_sampai(ind_, {**lalu, bulan: realisasi[kode]}, bulan)
        capaian = hitung.capaian(ind_, kini, hitung.target_bulan(ind_, bulan)).nilai
        temuan = aturan.periksa_kendala(capaian, kode in kendala, kode in rtl, tempat)
        if bulan > 1 and sebelum is not None and kode not in kendala:
            target_lalu = hitung.target_bulan(ind_, bulan - 1)
            capaian_lalu = hitung.capaian(ind_, sebelum, target_lalu).nilai
            temuan += aturan.periksa_memburuk(capaian, capaian_lalu, kode in kendala, tempat)
        hasil += [t.pesan for t in temuan]
    return hasil


_ANGKA_RIWAYAT = st.floats(min_value=-5, max_value=2e3, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    bulan=st.integers(1, 12),
    tim=st.sampled_from([t.kode for t in K.tim_berindikator()]),
    data=st.data(),
)
def test_temuan_riwayat_sama_dengan_perhitungan_polos(
    bulan: int, tim: str, data: st.DataObject
) -> None:
    periode = Periode(K.tahun, bulan)
    nilai: list[aturan.Isian] = []
    bulanan: dict[tuple[str, str], dict[int, float]] = {}
    sel: dict[str, str] = {}
    for i, ind_ in enumerate(K.indikator_tim(tim)):
        if data.draw(st.booleans()):
            nilai.append(aturan.Isian(ind_.kode, "realisasi", data.draw(_ANGKA_RIWAYAT), None, "J"))
        for kolom in ("kendala", "rtl"):
            if data.draw(st.integers(0, 3)) == 0:
                nilai.append(aturan.Isian(ind_.kode, kolom, None, "ada", "O"))
        if data.draw(st.integers(0, 5)):
            sel[ind_.kode] = f"O{11 + i}"
        bulanan[(tim, ind_.kode)] = data.draw(
            st.dictionaries(st.integers(1, 12), _ANGKA_RIWAYAT, max_size=12)
        )
    hasil = aturan.temuan_riwayat(K, tim, periode, nilai, sel, bulanan, "b.xlsx")
    assert [t.pesan for t in hasil] == _riwayat_rujukan(K, tim, periode, nilai, sel, bulanan)
