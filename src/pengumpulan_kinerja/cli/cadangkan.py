"""``kinerja cadangkan``: a consistent, checked copy of the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._umum import OpsiRuangKerja, aman, konsol, perintah, ruang_kerja


def cadangkan(
    berkas: Annotated[
        Path | None,
        typer.Argument(
            help="Berkas cadangan (bawaan: cadangan/kinerja-YYYYMMDD-HHMMSS.db).",
            show_default=False,
        ),
    ] = None,
    timpa: Annotated[
        bool,
        typer.Option("--timpa", help="Ganti berkas cadangan yang sudah ada (bukan kinerja.db)."),
    ] = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Salinan dibuat dengan API cadangan SQLite (utuh dan konsisten), diperiksa dengan
    PRAGMA integrity_check, lalu jalurnya dicetak. Berkas yang sudah ada hanya
    diganti dengan --timpa; kinerja.db sendiri tidak pernah.
    Cadangan juga dibuat otomatis sebelum migrasi skema dan sebelum `kinerja buka`.

    Contoh:

        kinerja cadangkan

        kinerja cadangkan /media/flashdisk/kinerja-juni.db
    """
    ruang = ruang_kerja(ruang_kerja_)
    from ..periksa import cadangkan as _cadangkan

    tujuan = _cadangkan(ruang, berkas, timpa)
    konsol.print(f"Cadangan dibuat dan lolos pemeriksaan integritas: [bold]{aman(str(tujuan))}[/]")


def daftar(app: typer.Typer) -> None:
    app.command("cadangkan")(perintah(cadangkan))
