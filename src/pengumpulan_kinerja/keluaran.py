"""Writing text people typed into outputs, inertly (SPEC section 11).

Text a team typed is written back into spreadsheets as text, never as a formula:
a cell starting with ``=``, ``+``, ``-`` or ``@`` from a submission stays inert in
every output. Every writer of xlsx or CSV outputs goes through these helpers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: importing this module must not load openpyxl
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

AWALAN_RUMUS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def tulis_sel(lembar: Worksheet, baris: int, kolom: int, nilai: Any) -> Cell:
    """Write a value; strings always become text cells (openpyxl would treat ``=...``
    as a formula), numbers stay numbers."""
    sel = lembar.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        sel.value = nilai
        sel.data_type = "s"
    else:
        sel.value = nilai
    return sel  # type: ignore[return-value]


def teks_csv(nilai: Any) -> Any:
    """A CSV field that a spreadsheet program opens as text: strings that start like a
    formula get a leading apostrophe (OWASP CSV-injection advice)."""
    if isinstance(nilai, str) and nilai.startswith(AWALAN_RUMUS):
        return "'" + nilai
    return nilai
