"""``kinerja buka``: reopen an approved month (audited)."""

from __future__ import annotations

from typing import Annotated

import typer

from ._umum import (
    ArgBulan,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_wajib,
    konsol,
    nama_pemutus,
    perintah,
    periode_dari,
    ruang_kerja,
)


def buka(
    alasan: Annotated[
        str, typer.Option("--alasan", help="Alasan membuka kembali (wajib); masuk jejak audit.")
    ],
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan", "-b", help="Bulan yang dibuka: 6, 2022-06 atau Juni.", show_default=False
        ),
    ] = None,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Pembukaan dicatat di jejak audit (sumber "buka") dan sebagai peristiwa POS
    langkah 7. Setelah perbaikan: `kinerja analisis`, lalu `kinerja setujui` lagi;
    arsip berikutnya menjadi revisi baru (mis. arsip/2022-06.r2/), arsip lama tetap.

    Contoh:

        kinerja buka --bulan 6 --alasan "Tim FPD mengirim data susulan" --oleh "Hendra Saputra"
    """
    bulan = bulan_wajib(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    from ..keputusan import buka as _buka  # loaded only when this runs

    keputusan = _buka(ruang, periode, alasan, nama_pemutus(ruang, oleh))
    konsol.print(
        f"[bold yellow]{periode.label} dibuka kembali[/] oleh {aman(keputusan.oleh)}; "
        "alasannya dicatat di jejak audit (buku besar dicadangkan dulu ke cadangan/)."
    )
    konsol.print(
        f"Setelah perbaikan: `kinerja analisis --bulan {periode.kode}`, lalu "
        f"`kinerja setujui --bulan {periode.kode}`."
    )


def daftar(app: typer.Typer) -> None:
    app.command("buka")(perintah(buka))
