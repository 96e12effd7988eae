"""The quick extent check of a sheet's XML (``lembar_kecil``) never lets through what the
exact count (``luas_lembar_xlsx``) finds too large, and lets real instruments through."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pengumpulan_kinerja.contoh import isi_instrumen, isian_contoh
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.pembaca.wadah import Wadah, isi_zip, lembar_kecil, luas_lembar_xlsx
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

_BATAS = (9999, 260)
"""IZ9999: what ``lembar_kecil`` promises of the sheets it lets through."""


def _lembar(sel: bytes) -> bytes:
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<cols><col min="1" max="3" width="9"/></cols><sheetData><row r="1">'
        + sel
        + b"</row></sheetData></worksheet>"
    )


@pytest.mark.parametrize(
    "tag",
    [
        b'<c r="A1" r="XFD9">',
        b'<c r="A1" s="1" r="XFD9">',
        b'<c r="A1" t="str" r="XFD9">',
        b'<c r="A1" t="inlineStr" r="XFD9"/>',
        b'<c r="A1" s="1"\tr="XFD9">',
        b'<c r="A1" s="1"\nr="XFD9">',
        b'<c r="A1" s="1" r = "XFD9">',
        b"<c r=\"A1\" s='1' r='XFD9'>",
        b'<c r="A1" s="1"r="XFD9">',
        b'<c r="A1" t="str"r="XFD9">',
        b'<c r="A1" s=">" r="XFD9">',
        b'<c r="A1" s="a>b" r="XFD9">',
        b'<c r="A1" s="><" r="XFD9">',
        b"<c r=\"A1\" s='>' r='XFD9'>",
        b'<c r="A1" s=\'1\' t="n">',
        b'<c r="XFD1048576">',
        b'<c r="JA1">',
        b'<c r="A10000">',
        b'<c r="a1">',
        b'<c  r="A1">',
        b"<c r='A1'>",
        b"<c>",
        b"<c/>",
        b'<c s="1" r="A1">',
        b'<x:c r="A1">',
    ],
)
def test_tag_sel_tidak_biasa_dihitung_tepat(tag: bytes) -> None:
    assert not lembar_kecil(_lembar(tag + b"<v>1</v></c>"))


@pytest.mark.parametrize(
    "tag",
    [
        b'<c r="A1">',
        b'<c r="IZ9999" s="12">',
        b'<c r="B7" s="3" t="inlineStr">',
        b'<c r="B7" s="3" t="str">',
        b'<c r="C2" t="n"/>',
        b'<c r="D4" s="10" t="e" cm="1" vm="2" ph="1">',
    ],
)
def test_tag_sel_biasa_lolos_pemeriksaan_cepat(tag: bytes) -> None:
    assert lembar_kecil(_lembar(tag + b"<v>1</v></c>"))


_NAMA = st.sampled_from(["r", "r", "r", "s", "t", "cm", "vm", "ph", "x:r", "rr", "str", "R"])
_NILAI = st.sampled_from(
    ["A1", "B7", "IZ9999", "XFD1048576", "J1", "A10000", "str", "1", "", ">", "><", "a>b"]
)
_SPASI = st.sampled_from([" ", "  ", "\t", "\n", ""])
_KUTIP = st.sampled_from(['"', "'"])


_ATRIBUT_TERTULIS = st.sampled_from(
    [
        *(' s="1"', ' t="str"', ' t="inlineStr"', ' s=">"', " s='>'", ' s="><"', ' cm="1"'),
        *(' r="XFD1048576"', ' r="A10000"', '\tr="XFD9"', ' r = "JA1"', 'r="XFD9"', " r='XFD9'"),
    ]
)
"""Whole attributes, the usual ones and the ways a second place can be hidden."""


@st.composite
def _atribut(draw: st.DrawFn) -> str:
    kutip = draw(_KUTIP)
    return (
        draw(_SPASI)
        + draw(_NAMA)
        + draw(st.sampled_from(["=", " =", "= "]))
        + kutip
        + draw(_NILAI)
        + kutip
    )


@st.composite
def _tag(draw: st.DrawFn) -> bytes:
    teks = "<c"
    if draw(st.booleans()):  # most tags begin the usual way: the rest must then be checked
        teks += f' r="{draw(st.sampled_from(["A1", "B7", "IZ9999"]))}"'
    for _ in range(draw(st.integers(0, 4))):
        teks += draw(st.one_of(_ATRIBUT_TERTULIS, _atribut()))
    teks += draw(st.sampled_from([">", "/>", " >", " />"]))
    return teks.encode()


@settings(max_examples=400, deadline=None)
@given(st.lists(_tag(), min_size=1, max_size=5))
def test_pemeriksaan_cepat_tidak_pernah_meloloskan_lembar_besar(tag: list[bytes]) -> None:
    xml = _lembar(b"".join(t if t.endswith(b"/>") else t + b"<v>1</v></c>" for t in tag))
    baris, kolom = luas_lembar_xlsx(xml)
    if baris > _BATAS[0] or kolom > _BATAS[1]:
        assert not lembar_kecil(xml)


def test_setiap_lembar_instrumen_asli_lolos_pemeriksaan_cepat(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    """Filled instruments of every team take the quick path for each of their sheets."""
    periode = Periode(2022, 6)
    for tim in ruang.konfigurasi.tim_berindikator():
        buat_instrumen(ruang, periode, tim=tim.kode, oleh="uji")
        isian, anggaran = isian_contoh(ruang.konfigurasi, periode, tim.kode)
        jalur = isi_instrumen(
            ruang.folder_instrumen(periode) / f"{tim.kode}_{periode.kode}.xlsx",
            tmp_path / f"{tim.kode}.xlsx",
            isian,
            anggaran,
        )
        data = jalur.read_bytes()
        wadah = Wadah(data, isi_zip(data))
        assert len(wadah.nama_lembar) >= 4
        for nama in wadah.nama_lembar:
            xml = wadah.xml_lembar(nama)
            assert xml and lembar_kecil(xml), (tim.kode, nama)
