"""``kinerja tolak``: the Kasubbag Umum sends the month back (POS step 7: tidak → step 6)."""

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


def tolak(
    catatan: Annotated[str, typer.Option("--catatan", help="Apa yang harus diperbaiki (wajib).")],
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan", "-b", help="Bulan yang ditolak: 6, 2022-06 atau Juni.", show_default=False
        ),
    ] = None,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Bulan itu kembali ke langkah 6: Tim SAKIP memperbaiki dengan `kinerja koreksi`,
    menjalankan `kinerja analisis` lagi, lalu mengajukannya kembali. Bulan yang sudah
    disetujui tidak dapat ditolak (buka dulu dengan `kinerja buka`).

    Contoh:

        kinerja tolak --bulan 6 --catatan "Realisasi IKK-2.2 belum sesuai laporan kegiatan" --oleh "Hendra Saputra"
    """
    bulan = bulan_wajib(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    from ..keputusan import tolak as _tolak  # loaded only when this runs

    keputusan = _tolak(ruang, periode, catatan, nama_pemutus(ruang, oleh))
    konsol.print(
        f"[bold yellow]{periode.label} dikembalikan[/] ke Tim SAKIP oleh "
        f"{aman(keputusan.oleh)}: {aman(keputusan.catatan)}"
    )
    konsol.print(
        f"Perbaiki dengan `kinerja koreksi --bulan {periode.kode} ...`, lalu "
        f"`kinerja analisis --bulan {periode.kode}` lagi (POS langkah 6)."
    )


def daftar(app: typer.Typer) -> None:
    app.command("tolak")(perintah(tolak))
