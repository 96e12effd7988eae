"""``kinerja setujui``: the Kasubbag Umum approves the month (POS step 7 → 8)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..koreksi import setujui as _setujui
from ._umum import OpsiOleh, OpsiRuangKerja, konsol, perintah, periode_dari, ruang_kerja


def setujui(
    bulan: Annotated[str, typer.Option("--bulan", "-b", help="Bulan: 6, 2022-06, Juni.")],
    catatan: Annotated[str, typer.Option("--catatan", help="Catatan persetujuan.")] = "",
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Menyetujui data capaian satu bulan (keputusan Kasubbag Umum, POS langkah 7: ya).

    Bulan yang disetujui terkunci untuk himpun dan koreksi sampai dibuka dengan
    `kinerja buka`. Ditolak bila bulan belum dianalisis atau datanya berubah sesudah
    analisis terakhir.

    Contoh:

        kinerja setujui --bulan 6 --oleh "Hendra Saputra"
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    _setujui(ruang, periode, oleh or ruang.konfigurasi.satker.kasubbag_umum.nama, catatan)
    konsol.print(f"[bold green]{periode.label} disetujui[/] dan kini terkunci.")
    konsol.print(f"Langkah berikutnya: `kinerja arsip --bulan {periode.kode}` (POS langkah 8).")


def daftar(app: typer.Typer) -> None:
    app.command("setujui")(perintah(setujui))
