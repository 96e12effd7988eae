"""``kinerja buka``: reopen an approved month (audited)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..koreksi import buka as _buka
from ._umum import OpsiOleh, OpsiRuangKerja, konsol, perintah, periode_dari, ruang_kerja


def buka(
    bulan: Annotated[str, typer.Option("--bulan", "-b", help="Bulan: 6, 2022-06, Juni.")],
    alasan: Annotated[str, typer.Option("--alasan", help="Alasan membuka kembali (wajib).")],
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Membuka kembali bulan yang sudah disetujui, agar dapat dihimpun/dikoreksi lagi.

    Pembukaan dicatat di jejak audit. Setelah diperbaiki, analisis dan setujui lagi;
    arsip berikutnya menjadi revisi baru (mis. arsip/2022-06.r2/).

    Contoh:

        kinerja buka --bulan 6 --alasan "Tim FPD mengirim data susulan"
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    _buka(ruang, periode, alasan, oleh)
    konsol.print(f"{periode.label} dibuka kembali. Alasan dicatat di jejak audit.")


def daftar(app: typer.Typer) -> None:
    app.command("buka")(perintah(buka))
