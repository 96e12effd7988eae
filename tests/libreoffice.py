"""Driving a real LibreOffice (headless) from tests; they skip cleanly without it."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

perlu_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang")


def konversi(berkas: Path, format_tujuan: str, folder_keluar: Path) -> Path:
    """Open ``berkas`` in LibreOffice Calc and save it as ``format_tujuan``
    (``xlsx``, ``ods``, ``xls``) into ``folder_keluar``; return the new file.

    Each call uses its own user profile, so tests can run side by side.
    """
    assert SOFFICE is not None
    folder_keluar.mkdir(parents=True, exist_ok=True)
    profil = Path("/tmp") / f"kinerja-lo-{uuid.uuid4().hex}"
    filter_ = {
        "xlsx": "xlsx:Calc MS Excel 2007 XML",
        "ods": "ods:calc8",
        "xls": "xls:MS Excel 97",
    }[format_tujuan]
    try:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profil}",
                "--headless",
                "--norestore",
                "--convert-to",
                filter_,
                "--outdir",
                str(folder_keluar),
                str(berkas),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profil, ignore_errors=True)
    hasil = folder_keluar / f"{berkas.stem}.{format_tujuan}"
    assert hasil.exists(), f"LibreOffice tidak menghasilkan {hasil}"
    return hasil
