"""Writing text people typed into outputs, inertly (SPEC section 11).

Text a team typed is written back into spreadsheets as text, never as a formula:
a cell starting with ``=``, ``+``, ``-`` or ``@`` from a submission stays inert in
every output. Every writer of xlsx or CSV outputs goes through these helpers.
"""

from __future__ import annotations

import json
import math
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


def tanpa_tak_hingga(data: Any) -> Any:
    """``data`` with every float that is not finite (NaN, ±inf) replaced by None, in
    nested dicts, lists and tuples (JSON has no such numbers)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: tanpa_tak_hingga(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [tanpa_tak_hingga(v) for v in data]
    return data


def teks_json(data: Any) -> str:
    """Strict JSON (RFC 8259): UTF-8 text, indented, never ``NaN`` or ``Infinity``
    (non-finite numbers become ``null``; ``allow_nan=False`` guards what is left)."""
    return json.dumps(
        tanpa_tak_hingga(data), ensure_ascii=False, indent=2, default=str, allow_nan=False
    )
