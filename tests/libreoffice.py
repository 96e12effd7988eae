"""Driving a real LibreOffice (headless) from tests; they skip cleanly without it."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

perlu_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang")


FILTER = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "ods": "ods:calc8",
    "xls": "xls:MS Excel 97",
    "pdf": "pdf",
}
"""LibreOffice output filters by target format (``pdf`` prints with each page setup)."""


def konversi_banyak(
    berkas: Sequence[Path], format_tujuan: str, folder_keluar: Path, *, wajib: bool = True
) -> list[Path]:
    """Open every file of ``berkas`` in LibreOffice and save it as ``format_tujuan`` into
    ``folder_keluar``, in one run (one start-up); return the new files.

    Each call uses its own user profile, so tests can run side by side. With
    ``wajib=False`` a file LibreOffice could not convert (e.g. a .docx where only Calc
    is installed) is simply missing from the folder instead of failing the test.
    """
    assert SOFFICE is not None
    folder_keluar.mkdir(parents=True, exist_ok=True)
    profil = Path("/tmp") / f"kinerja-lo-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profil}",
                "--headless",
                "--norestore",
                "--convert-to",
                FILTER[format_tujuan],
                "--outdir",
                str(folder_keluar),
                *map(str, berkas),
            ],
            check=wajib,
            capture_output=True,
            timeout=180 + 30 * len(berkas),
        )
    finally:
        shutil.rmtree(profil, ignore_errors=True)
    hasil = [folder_keluar / f"{b.stem}.{format_tujuan}" for b in berkas]
    if wajib:
        for h in hasil:
            assert h.exists(), f"LibreOffice tidak menghasilkan {h}"
    return hasil


def konversi(berkas: Path, format_tujuan: str, folder_keluar: Path) -> Path:
    """:func:`konversi_banyak` for one file."""
    return konversi_banyak([berkas], format_tujuan, folder_keluar)[0]
