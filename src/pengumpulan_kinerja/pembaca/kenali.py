"""Recognition: is this an instrument, whose and for which month, and where are its
header labels. File names never matter; the metadata sheet (or the document
properties) decide, failing that the header block and the column labels.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from typing import Any

from .. import tata_letak
from ..angka import bersihkan_teks
from .wadah import Wadah

_KOLOM_TEKS = ("kendala", "upaya", "rtl", "bukti")
WAJIB_KOLOM = ("kode", "realisasi", "pembilang", "penyebut", *_KOLOM_TEKS)
"""Fields whose header label must be found on the Capaian sheet."""


def norm(teks: object) -> str:
    """A label as compared: NFKC, no zero-width, lower case, no stars, single spaces."""
    return _norm_teks(str(teks))


@functools.lru_cache(maxsize=8192)
def _norm_teks(teks: str) -> str:
    return bersihkan_teks(teks).replace("*", "").strip().lower()


_LABEL_KOLOM: dict[str, str] = {norm(label): nama for _, label, nama in tata_letak.KOLOM_CAPAIAN}


@functools.lru_cache(maxsize=1024)
def huruf(kolom: int) -> str:
    """0-based column index → Excel letters."""
    hasil = ""
    kolom += 1
    while kolom:
        kolom, sisa = divmod(kolom - 1, 26)
        hasil = chr(65 + sisa) + hasil
    return hasil


def sel(baris: int, kolom: int) -> str:
    """0-based row and column → ``A1`` address."""
    return f"{huruf(kolom)}{baris + 1}"


def teks_meta(nilai: object) -> str:
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return bersihkan_teks(str(nilai)) if nilai is not None else ""


_PROPERTI_KINERJA = re.compile(
    r'<property\b[^>]*\bname="kinerja_([a-z_]+)"[^>]*>\s*<vt:[a-z0-9]+\b[^>]*>([^<]*)</vt:', re.S
)
"""One ``kinerja_*`` custom document property and its value. The value element may
carry attributes: openpyxl declares the ``vt`` namespace on it
(``<vt:lpwstr xmlns:vt="...">PM</vt:lpwstr>``), Excel on the root element."""


def baca_meta(wadah: Wadah) -> dict[str, str] | None:
    """The instrument's metadata: from its hidden sheet, else from the custom document
    properties (which survive a sheet being deleted); None when neither has a team."""
    if tata_letak.LEMBAR_META in wadah.nama_lembar:
        baris = wadah.baca_lembar(tata_letak.LEMBAR_META)
        meta = {
            teks_meta(b[0]): teks_meta(b[1])
            for b in baris[:50]
            if len(b) >= 2 and str(b[0]).strip()
        }
        if meta.get("tim") or meta.get("periode"):
            return meta
    xml = wadah.properti_khusus().decode("utf-8", "replace")
    meta = {
        m.group(1): teks_meta(html.unescape(m.group(2))) for m in _PROPERTI_KINERJA.finditer(xml)
    }
    return meta if meta.get("tim") else None


def cari_kepala(baris: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    """Row index of the header labels and field → column index, matched by label."""
    for r, isi in enumerate(baris[:40]):
        kolom: dict[str, int] = {}
        for c, nilai in enumerate(isi):
            if nilai and isinstance(nilai, str):  # most cells above the labels are ""
                nama = _LABEL_KOLOM.get(_norm_teks(nilai))
                if nama and nama not in kolom:
                    kolom[nama] = c
        if "kode" in kolom and ("realisasi" in kolom or len(kolom) >= 8):
            return r, kolom
    return None


def blok_kepala(baris: Sequence[Sequence[Any]]) -> dict[str, str]:
    """The header block above the labels (``Kode Tim``, ``Periode``, …)."""
    blok: dict[str, str] = {}
    label = {norm(x): x for x in tata_letak.BLOK_KEPALA}
    for isi in baris[:12]:
        for c, nilai in enumerate(isi[:4]):
            kunci = label.get(norm(nilai)) if isinstance(nilai, str) and nilai else None
            if kunci:
                sisa = [x for x in isi[c + 1 :] if str(x).strip()]
                if sisa:
                    blok[kunci] = teks_meta(sisa[0])
    return blok


LembarCapaian = tuple[str, list[list[Any]], tuple[int, dict[str, int]]]
"""(sheet name, its rows, (header row, field → column))."""


def lembar_capaian(wadah: Wadah) -> LembarCapaian | None:
    """The sheet carrying the header labels: ``Capaian`` first, then any other sheet
    except the metadata and the instructions (a renamed Capaian sheet is found)."""
    urutan = list(wadah.nama_lembar)
    if tata_letak.LEMBAR_CAPAIAN in urutan:
        urutan.remove(tata_letak.LEMBAR_CAPAIAN)
        urutan.insert(0, tata_letak.LEMBAR_CAPAIAN)
    lewati = (
        tata_letak.LEMBAR_META,
        tata_letak.LEMBAR_PETUNJUK,
        tata_letak.LEMBAR_ANGGARAN,
        tata_letak.LEMBAR_PENGESAHAN,
    )
    for nama in urutan:
        if nama in lewati:
            continue
        baris = wadah.baca_lembar(nama)
        kepala = cari_kepala(baris)
        if kepala is not None:
            return nama, baris, kepala
    return None
