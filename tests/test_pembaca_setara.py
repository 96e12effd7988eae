"""The shortcuts of the checking hot path give what the general code gives.

``periksa_berkas`` reads most cells through shortcuts (a float cell needs no text
parsing, ASCII text needs no Unicode normalisation, rounding on the repr's digits
instead of Decimal, bounds as an interval, rules cached per configuration). Each is
checked here against the general code it stands for, on any input hypothesis finds.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from datetime import date, datetime, time

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.angka import (
    _SPASI,
    _TAK_TERLIHAT,
    _bulatkan,
    _bulatkan_teks,
    baca_angka,
    bersihkan_teks,
)
from pengumpulan_kinerja.aturan import aturan_indikator, aturan_tim, baca_isian, periksa_batas
from pengumpulan_kinerja.konfigurasi import Batas, Indikator, Konfigurasi, muat_konfigurasi
from pengumpulan_kinerja.pembaca import NilaiTerbaca, temuan_riwayat
from pengumpulan_kinerja.pembaca.hasil import Pencatat
from pengumpulan_kinerja.pembaca.periksa import _angka
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import folder_sumber
from pengumpulan_kinerja.temuan import Tempat

K = muat_konfigurasi(folder_sumber("examples") / "kinerja.yaml")
CONTOH = st.sampled_from(K.indikator)

teks_angka = st.text(alphabet="0123456789.,-+% Rp\u00a0\u200b\u2212abe", max_size=12)
isi_sel = st.one_of(
    st.floats(),  # nan, ±inf and -0.0 included
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.none(),
    st.just(""),
    teks_angka,
    st.text(max_size=8),
    st.sampled_from([datetime(2022, 6, 30, 8), date(2022, 1, 2), time(8, 30)]),
)


def _sama_persis(a: float | None, b: float | None) -> bool:
    """Equal, and the same float bits where it matters (-0.0 is not 0.0)."""
    return repr(a) == repr(b)


@settings(max_examples=400, deadline=None)
@given(isi_sel, st.booleans())
@example(math.inf, False)
@example(math.nan, False)
@example(-0.0, False)
@example("", True)
@example("  ", False)
@example(1, False)
@example(True, False)
def test_angka_isian_sama_dengan_baca_angka(mentah: object, uang: bool) -> None:
    """The reader's shortcut for calamine's floats and '' gives what the rule gives."""
    p = Pencatat("b.xlsx")
    kolom = "anggaran" if uang else "realisasi"
    aturan = None if uang else aturan_indikator(K.cari_indikator("IKK-1.3"))  # type: ignore[arg-type]
    nilai, kosong = _angka(p, mentah, "Capaian", "J11", kolom, aturan)
    harap, harap_kosong, temuan = baca_isian(
        mentah, Tempat("b.xlsx", "Capaian", "J11"), kolom, aturan
    )
    hasil = baca_angka(mentah, uang=uang)
    assert _sama_persis(nilai, hasil.nilai) and _sama_persis(nilai, harap)
    assert kosong == hasil.kosong == harap_kosong
    assert [t.kode for t in p.temuan] == [t.kode for t in temuan]
    if hasil.masalah:
        kode = "angka-terlalu-besar" if hasil.terlalu_besar else "bukan-angka"
        assert [t.kode for t in p.temuan] == [kode]
        assert hasil.masalah in p.temuan[0].pesan
    assert all(t.sel == "J11" for t in p.temuan)


def _bersihkan_umum(teks: str) -> str:
    """bersihkan_teks without its ASCII shortcut."""
    return _SPASI.sub(" ", unicodedata.normalize("NFKC", teks).translate(_TAK_TERLIHAT)).strip()


@settings(max_examples=400)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
@example("\x1c a\x1f\x0b b \t")
def test_bersihkan_teks_ascii_sama_dengan_jalan_umum(teks: str) -> None:
    assert bersihkan_teks(teks) == _bersihkan_umum(teks)


@settings(max_examples=600)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.floats(min_value=-1e7, max_value=1e7).map(lambda x: round(x, 3)),
        st.integers(min_value=-(10**6), max_value=10**6).map(lambda x: x / 8),
    ),
    st.integers(min_value=0, max_value=3),
)
@example(2.675, 2)
@example(0.995, 2)
@example(-0.004, 2)
@example(-0.005, 2)
@example(9.96, 1)
@example(0.5, 0)
@example(-0.0, 1)
@example(1e-05, 2)
def test_pembulatan_pada_digit_repr_sama_dengan_decimal(nilai: float, desimal: int) -> None:
    angka = _bulatkan(nilai, desimal)
    assert _bulatkan_teks(nilai, desimal) == (angka < 0, f"{abs(angka):f}")


batas_sembarang = st.one_of(
    st.none(),
    st.builds(
        Batas,
        st.one_of(st.none(), st.floats(min_value=-100, max_value=100)),
        st.one_of(st.none(), st.floats(min_value=-100, max_value=1000)),
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    CONTOH,
    batas_sembarang,
    st.sampled_from(["persen", "dokumen", " Persen "]),
    st.one_of(
        st.floats(), st.sampled_from([-0.0, 0.0, 100.0, 100.5, -1e-300, 1e16, -1e16, math.inf])
    ),
)
def test_selang_batas_hanya_meloloskan_yang_diloloskan_masalah_batas(
    asli: Indikator, batas: Batas | None, satuan: str, nilai: float
) -> None:
    ind = dataclasses.replace(asli, batas=batas, satuan=satuan)
    aturan = aturan_tim((ind,)).urutan[0]
    if aturan.bawah <= nilai <= aturan.atas:
        assert periksa_batas(ind, nilai, Tempat()) == []
    elif not math.isfinite(nilai) or abs(nilai) > 1e15:
        assert [t.kode for t in periksa_batas(ind, nilai, Tempat())] == ["angka-terlalu-besar"]


def _realisasi_sampai_asli(ind: Indikator, bulanan: dict[int, float], bulan: int) -> float | None:
    """The formula as first written: sort, then sum, take the last or take the mean."""
    ada = sorted((b, v) for b, v in bulanan.items() if b <= bulan and v is not None)
    if not ada:
        return None
    if ind.agregasi == "kumulatif":
        return math.fsum(v for _, v in ada)
    if ind.agregasi == "terakhir":
        return ada[-1][1]
    from statistics import fmean

    return fmean(v for _, v in ada)


nilai_bulanan = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6), st.sampled_from([0.0, -0.0, 1e-300, 1e15])
)


@settings(max_examples=400, deadline=None)
@given(
    CONTOH,
    st.dictionaries(st.integers(min_value=1, max_value=12), nilai_bulanan, max_size=12),
    st.integers(min_value=1, max_value=12),
    nilai_bulanan,
)
@example(K.cari_indikator("IKK-2.2"), {3: -0.0}, 3, -0.0)  # kumulatif: fsum gives 0.0
@example(K.cari_indikator("IKK-2.9"), {3: -0.0}, 4, -0.0)  # rata-rata
def test_realisasi_lalu_dan_kini_sama_dengan_realisasi_sampai(
    ind: Indikator, bulanan: dict[int, float], bulan: int, nilai: float
) -> None:
    lalu = {b: v for b, v in bulanan.items() if b < bulan}
    sebelum, kini = hitung.realisasi_lalu_dan_kini(ind, bulanan, bulan, nilai)
    harap_sebelum = _realisasi_sampai_asli(ind, lalu, bulan - 1) if bulan > 1 else None
    assert _sama_persis(sebelum, harap_sebelum)
    assert _sama_persis(kini, _realisasi_sampai_asli(ind, {**lalu, bulan: nilai}, bulan))
    for b in range(1, 13):
        assert _sama_persis(
            hitung.realisasi_sampai(ind, bulanan, b), _realisasi_sampai_asli(ind, bulanan, b)
        )


def _dengan_target_juni(k: Konfigurasi, kode: str, target: float) -> Konfigurasi:
    """A new configuration object whose indicator ``kode`` has ``target`` in Q2."""

    def ubah(i: Indikator) -> Indikator:
        if i.kode != kode:
            return i
        tw = i.target_triwulan
        return dataclasses.replace(i, target_triwulan=(tw[0], target, tw[2], tw[3]))

    sasaran = tuple(
        dataclasses.replace(s, indikator=tuple(ubah(i) for i in s.indikator)) for s in k.sasaran
    )
    return Konfigurasi(
        versi=k.versi,
        satker=k.satker,
        tahun=k.tahun,
        batas_tanggal=k.batas_tanggal,
        tim=k.tim,
        sasaran=sasaran,
        kategori=k.kategori,
        capaian_maksimum=k.capaian_maksimum,
        tim_sakip=k.tim_sakip,
    )


def test_aturan_tersimpan_mengikuti_objek_konfigurasi_bukan_kode_tim() -> None:
    """The same team in two configurations (e.g. kinerja.yaml edited between runs in
    one process) is checked against each configuration's own targets."""
    juni = Periode(2022, 6)
    nilai = [NilaiTerbaca("IKK-1.1", "realisasi", 30.0, None, "J11")]
    sel = {"IKK-1.1": "O11"}
    lama = K  # IKK-1.1: target Q2 40 → capaian 75 %, below target
    baru = _dengan_target_juni(K, "IKK-1.1", 30.0)  # → capaian 100 %

    def kode(k: Konfigurasi) -> list[str]:
        return [t.kode for t in temuan_riwayat(k, "PM", juni, nilai, sel, {})]

    assert kode(lama) == ["kendala-wajib"]
    assert kode(baru) == []
    assert kode(lama) == ["kendala-wajib"]
    assert aturan_tim(baru.indikator_tim("PM")).target(6) != aturan_tim(
        lama.indikator_tim("PM")
    ).target(6)
