"""temuan: one catalogue of codes, severities and templates; nothing registered at run time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pengumpulan_kinerja
from pengumpulan_kinerja.temuan import (
    KATALOG,
    KODE_TEMUAN,
    MAKS_KUTIPAN,
    Tempat,
    Temuan,
    Tingkat,
    buat,
    kutip,
)

SRC = Path(pengumpulan_kinerja.__file__).parent

KODE_SPEC = {
    "berkas-rusak": "galat",
    "bukan-instrumen": "galat",
    "versi-tidak-dikenal": "galat",
    "tim-tidak-dikenal": "galat",
    "periode-di-luar": "galat",
    "bulan-terkunci": "galat",
    "indikator-hilang": "galat",
    "bukan-angka": "galat",
    "di-luar-batas": "galat",
    "penyebut-nol": "galat",
    "pembilang-melebihi-penyebut": "galat",
    "rumus-tanpa-nilai": "galat",
    "realisasi-kosong": "peringatan",
    "kendala-wajib": "peringatan",
    "memburuk-tanpa-catatan": "peringatan",
    "bukti-kosong": "peringatan",
    "target-diubah": "peringatan",
    "baris-tak-dikenal": "peringatan",
    "terlambat": "peringatan",
    "duplikat": "info",
    "menggantikan": "info",
    "lebih-lama": "info",
}
"""SPEC sections 6 and 13: codes are a contract, with their severities."""


def test_katalog_memuat_kode_spec_dengan_tingkatnya() -> None:
    for kode, tingkat in KODE_SPEC.items():
        assert KATALOG[kode].tingkat == tingkat, kode
    assert KATALOG["angka-terlalu-besar"].tingkat is Tingkat.GALAT
    assert KATALOG["persen-salah-satuan"].tingkat is Tingkat.PERINGATAN
    assert KATALOG["pengesahan-kosong"].tingkat is Tingkat.PERINGATAN
    assert {k: j.tingkat for k, j in KATALOG.items()} == KODE_TEMUAN
    assert all(j.kode == k for k, j in KATALOG.items())


@pytest.mark.parametrize("kode", sorted(KATALOG))
def test_setiap_templat_terisi_dari_medannya_sendiri(kode: str) -> None:
    jenis = KATALOG[kode]
    isian = {nama: f"<{nama}>" for nama in jenis.medan}
    pesan = jenis.pesan(**isian)
    assert "{" not in pesan and "}" not in pesan
    assert all(f"<{nama}>" in pesan for nama in jenis.medan)
    assert jenis.bila, kode
    assert pesan[0].isupper() or pesan[0] in "<`", kode
    if jenis.medan:
        with pytest.raises(KeyError):
            jenis.pesan()


def test_buat_mengisi_templat_dari_tempat_dan_isian() -> None:
    t = buat(
        "kendala-wajib",
        Tempat("PM.xlsx", "Capaian", "O11", "PM", "2022-06", "IKK-1.1"),
        capaian="94,4%",
    )
    assert t.pesan.startswith("Capaian IKK-1.1 bulan ini 94,4%, di bawah target")
    assert (t.lokasi, t.tingkat, t.tempat.indikator) == (
        "PM.xlsx › Capaian!O11",
        Tingkat.PERINGATAN,
        "IKK-1.1",
    )
    assert t.sebagai_baris()["tingkat"] == "peringatan"


def test_kode_tak_dikenal_ditolak() -> None:
    with pytest.raises(ValueError):
        Temuan("kode-karangan", "x")
    with pytest.raises(KeyError):
        buat("kode-karangan")


def test_kutipan_pendek_dan_satu_baris() -> None:
    panjang = "x" * 32_767
    assert len(kutip(panjang)) <= MAKS_KUTIPAN + 2
    assert kutip("a\nb\tc") == "'a b c'"


_PEMBUAT = re.compile(
    r"""(?:\bbuat|Temuan|catat|tolak|_info|_temuan)\(\s*(?:kode=)?["']([a-z]+(?:-[a-z]+)+)["']"""
)


def test_tidak_ada_kode_didaftarkan_saat_impor_dan_semua_kode_di_katalog() -> None:
    dipakai: set[str] = set()
    for berkas in SRC.rglob("*.py"):
        teks = berkas.read_text(encoding="utf-8")
        assert "daftarkan_kode" not in teks, berkas
        assert "KODE_TEMUAN[" not in teks or berkas.name == "temuan.py", berkas
        dipakai.update(_PEMBUAT.findall(teks))
    assert dipakai, "pola pencarian kode tidak menemukan apa pun"
    assert dipakai <= set(KATALOG), sorted(dipakai - set(KATALOG))
