"""``kinerja disposisi``: POS steps 1 and 2."""

from __future__ import annotations

from typing import Annotated

import typer

from ..disposisi import catat_disposisi
from ._umum import OpsiRuangKerja, konsol, perintah, periode_dari, ruang_kerja


def disposisi(
    bulan: Annotated[str, typer.Option("--bulan", "-b", help="Bulan data: 6, 2022-06, Juni.")],
    langkah: Annotated[
        int,
        typer.Option("--langkah", help="1: Kepala → Kasubbag Umum; 2: Kasubbag Umum → Tim SAKIP."),
    ],
    oleh: Annotated[str, typer.Option("--oleh", help="Nama pemberi disposisi.")],
    kepada: Annotated[
        str | None, typer.Option("--kepada", help="Nama penerima (bawaan sesuai langkah).")
    ] = None,
    catatan: Annotated[str, typer.Option("--catatan", help="Catatan disposisi.")] = "",
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Mencatat disposisi POS langkah 1 atau 2 dan menulis Lembar Disposisi (HTML).

    Lembar ditulis ke laporan/PERIODE/disposisi-langkah-N-PERIODE.html, siap dicetak,
    dengan kop satuan kerja, nomor dan nama POS. Langkah 2 memerlukan langkah 1.

    Contoh:

        kinerja disposisi --bulan 6 --langkah 1 --oleh "Drs. Djohan Achmadi, M.Ed."

        kinerja disposisi --bulan 6 --langkah 2 --oleh "Hendra Saputra" --catatan "Segera"
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    hasil = catat_disposisi(ruang, periode, langkah, oleh, kepada, catatan)
    konsol.print(
        f"Disposisi langkah {langkah} {periode.label} dicatat: {hasil.dari} → {hasil.kepada}"
    )
    konsol.print(f"Lembar Disposisi: {ruang.relatif(hasil.berkas)}")


def daftar(app: typer.Typer) -> None:
    app.command("disposisi")(perintah(disposisi))
