"""``kinerja tolak``: the Kasubbag Umum sends the month back (POS step 7 → 6)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..koreksi import tolak as _tolak
from ._umum import OpsiOleh, OpsiRuangKerja, konsol, perintah, periode_dari, ruang_kerja


def tolak(
    bulan: Annotated[str, typer.Option("--bulan", "-b", help="Bulan: 6, 2022-06, Juni.")],
    catatan: Annotated[str, typer.Option("--catatan", help="Apa yang harus diperbaiki (wajib).")],
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Menolak hasil analisis satu bulan (POS langkah 7: tidak → kembali ke langkah 6).

    Contoh:

        kinerja tolak --bulan 6 --catatan "Realisasi IKK-2.2 belum sesuai laporan kegiatan"
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    _tolak(ruang, periode, catatan, oleh or ruang.konfigurasi.satker.kasubbag_umum.nama)
    konsol.print(f"[bold yellow]{periode.label} dikembalikan[/] ke Tim SAKIP: {catatan}")
    konsol.print("Perbaiki dengan `kinerja koreksi`, lalu `kinerja analisis` lagi.")


def daftar(app: typer.Typer) -> None:
    app.command("tolak")(perintah(tolak))
