"""``kinerja init``: create a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..ruang_kerja import buat_ruang_kerja
from ._umum import aman, konsol, perintah


def init(
    folder: Annotated[
        Path, typer.Argument(help="Folder ruang kerja yang dibuat (bawaan: folder ini).")
    ] = Path("."),
) -> None:
    """Konfigurasi yang sudah ada tidak pernah ditimpa.

    Contoh:

        kinerja init ./sakip-2022

        cd sakip-2022 && kinerja cek
    """
    ruang = buat_ruang_kerja(folder)
    konsol.print(f"Ruang kerja dibuat di [bold]{aman(ruang.akar)}[/]")
    konsol.print("  kinerja.yaml  konfigurasi contoh (ubah sesuai Perjanjian Kinerja Anda)")
    konsol.print("  instrumen/ masuk/ kiriman/ laporan/ arsip/  dan buku besar kinerja.db")
    konsol.print("Langkah berikutnya: sunting kinerja.yaml, lalu jalankan [bold]kinerja cek[/].")


def daftar(app: typer.Typer) -> None:
    app.command("init")(perintah(init))
