"""Printing workbooks on A4: the page setup, widths and row heights every sheet shares.

A spreadsheet program measures a column in *characters*: the width of a digit of the
workbook's default font (Excel: 7 pixels for Arial 10 and for Calibri 11 at 96 dpi,
so one character is about 5.25 pt on paper). Every workbook this tool writes uses
Arial 10 as its default font: Windows has it, and LibreOffice on Linux draws it with
Liberation Sans, whose letters have exactly Arial's widths, so a sheet measured here
prints the same there. (Calibri falls back to a much wider font where it is missing.)

Text is wrapped in its column and the row is made tall enough for it, estimated from
the text's length; the estimate errs on the generous side (an extra blank line is
better than a cut-off kendala).
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Iterable, Mapping
from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

HURUF = "Arial"
UKURAN = 10
HURUF_DASAR = Font(name=HURUF, size=UKURAN, family=2)
"""The default font of every workbook written (see the module docstring)."""

TITIK_PER_KARAKTER = 5.25
"""Width on paper of one column character at 100 % (7 px at 96 dpi)."""
TITIK_PER_KOLOM = 3.0
"""What LibreOffice adds to every column on paper beyond Excel's width (measured:
eighteen columns of 184.5 characters print 1,020 pt wide at 100 %)."""
TINGGI_BARIS = 12.75
"""Points per line of 10-pt text (what Excel gives a one-line row of Arial 10)."""
LEBAR_A4_MENDATAR = 841.89
LEBAR_A4_TEGAK = 595.28
MARGIN_SAMPING = 0.25
"""Left and right margins in inches."""
MARGIN_ATAS = 0.5
MARGIN_KEPALA = 0.25


def pakai_huruf_dasar(wb: Workbook, huruf: Font = HURUF_DASAR) -> None:
    """Make ``huruf`` the workbook's default font (the Normal style and every cell
    that has no font of its own). Call on a new workbook, before styling cells."""
    # openpyxl keeps the default font as entry 0 of its font table and in the Normal
    # named style; there is no public setter for either.
    wb._fonts = IndexedList([copy(huruf)])  # type: ignore[attr-defined]
    normal = wb._named_styles["Normal"]  # type: ignore[attr-defined]
    normal.font = copy(huruf)
    normal.bind(wb)


def lebar_cetak(lebar_kolom: Iterable[float]) -> float:
    """Points on paper (at 100 %) that columns of these widths take."""
    return sum(TITIK_PER_KARAKTER * w + TITIK_PER_KOLOM for w in lebar_kolom)


def lebar_halaman(mendatar: bool = True) -> float:
    """Printable width of an A4 page in points, between the margins."""
    kertas = LEBAR_A4_MENDATAR if mendatar else LEBAR_A4_TEGAK
    return kertas - 2 * 72 * MARGIN_SAMPING


def skala_muat(lebar_kolom: Iterable[float], mendatar: bool = True, cadangan: float = 0.04) -> int:
    """The largest whole print scale (at most 100 %) at which the columns fit the
    page's width, keeping ``cadangan`` of it spare for a program's rounding."""
    lebar = lebar_cetak(lebar_kolom)
    if lebar <= 0:
        return 100
    return max(10, min(100, math.floor(100 * lebar_halaman(mendatar) * (1 - cadangan) / lebar)))


@functools.lru_cache(maxsize=4096)
def jumlah_baris(teks: str, lebar: float, tebal: bool = False) -> int:
    """Lines ``teks`` takes when wrapped in a column ``lebar`` characters wide.

    A column character is a digit's width; average text is a little narrower, bold
    text a little wider. Words longer than a line are broken, as programs do.
    """
    per_baris = max(3, int(lebar * (0.98 if tebal else 1.12)) - 1)
    return sum(
        max(1, len(textwrap.wrap(bagian, per_baris, break_on_hyphens=False)))
        for bagian in str(teks).split("\n")
    )


def tinggi_baris(baris: int, ukuran: float = UKURAN) -> float:
    """Row height in points for ``baris`` lines of text of ``ukuran`` points."""
    return min(409.0, TINGGI_BARIS * ukuran / UKURAN * baris + 3)


def lebar_isi(nilai: object, format_angka: str | None = None) -> float:
    """Characters a value needs on one line (numbers as their format shows them)."""
    if nilai is None:
        return 0.0
    if isinstance(nilai, bool):
        return 5.0
    if isinstance(nilai, int | float):
        teks = f"{abs(float(nilai)):,.2f}"
        if format_angka is not None and ".0" not in format_angka and "0.0" not in format_angka:
            teks = f"{abs(float(nilai)):,.0f}"
        tambahan = 3.0 if format_angka and "Rp" in format_angka else 0.0
        return len(teks) + tambahan + (1 if float(nilai) < 0 else 0) + 1.5
    return max((len(bagian) for bagian in str(nilai).split("\n")), default=0) * 0.95 + 1.5


def atur_tinggi(ws: Worksheet, baris: int, lebar: Mapping[int, float], minimum: int = 1) -> None:
    """Make row ``baris`` tall enough for the wrapped text of its cells (column index
    → width); merged cells are measured by their first cell only."""
    garis = minimum
    for c, w in lebar.items():
        nilai = ws.cell(row=baris, column=c).value
        if isinstance(nilai, str) and nilai:
            sel = ws.cell(row=baris, column=c)
            tebal = bool(sel.font is not None and sel.font.b)
            garis = max(garis, jumlah_baris(nilai, w, tebal))
    if garis > 1:
        ws.row_dimensions[baris].height = tinggi_baris(garis)


def siapkan_cetak(
    ws: Worksheet,
    *,
    baris_judul: str | None = None,
    kolom_judul: str | None = None,
    skala: int | None = None,
    mendatar: bool = True,
    kaki: str | None = None,
) -> None:
    """A4, landscape by default, margins of :data:`MARGIN_SAMPING`, page numbers in
    the footer, ``baris_judul`` (e.g. ``"1:2"``) repeated on every page.

    With ``skala`` the sheet prints at that scale (and its columns are meant to fit
    the page's width at it, see :func:`skala_muat`); without, it is fitted to one
    page wide, as many pages tall as needed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if mendatar else "portrait"
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    if skala is None:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = skala
        ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_SAMPING
    ws.page_margins.top = ws.page_margins.bottom = MARGIN_ATAS
    ws.page_margins.header = ws.page_margins.footer = MARGIN_KEPALA
    kaki_halaman = ws.oddFooter
    assert kaki_halaman is not None
    if kaki:
        kaki_halaman.left.text = kaki.replace("&", "&&")
        kaki_halaman.left.size = 8
    kaki_halaman.right.text = "Halaman &P dari &N"
    kaki_halaman.right.size = 8
    if baris_judul:
        ws.print_title_rows = baris_judul
    if kolom_judul:
        ws.print_title_cols = kolom_judul


def lebar_dari_isi(
    ws: Worksheet,
    baris_awal: int,
    baris_akhir: int,
    minimum: dict[int, float],
    maksimum: dict[int, float],
    format_angka: dict[int, str | None] | None = None,
) -> dict[int, float]:
    """Set each column's width from its content in ``baris_awal..baris_akhir``
    (between its ``minimum`` and ``maksimum``); returns column index → width."""
    hasil: dict[int, float] = {}
    for c in minimum:
        perlu = minimum[c]
        batas = maksimum.get(c, perlu)
        for r in range(baris_awal, baris_akhir + 1):
            sel = ws.cell(row=r, column=c)
            fmt = (format_angka or {}).get(c) or sel.number_format
            perlu = max(perlu, min(batas, lebar_isi(sel.value, fmt)))
        hasil[c] = round(perlu, 1)
        ws.column_dimensions[get_column_letter(c)].width = hasil[c]
    return hasil
