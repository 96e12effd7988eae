"""``kinerja setujui``: the Kasubbag Umum approves the month (POS step 7: ya → step 8)."""

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


def setujui(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan", "-b", help="Bulan yang disetujui: 6, 2022-06 atau Juni.", show_default=False
        ),
    ] = None,
    catatan: Annotated[
        str, typer.Option("--catatan", help="Catatan persetujuan (boleh kosong).")
    ] = "",
    tetap: Annotated[
        bool,
        typer.Option(
            "--tetap", help="Setujui walaupun ada tim yang belum mengirim (namanya dicatat)."
        ),
    ] = False,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Bulan yang disetujui terkunci: `kinerja himpun` dan `kinerja koreksi` menolaknya
    sampai dibuka dengan `kinerja buka`. Persetujuan ditolak bila belum ada data yang
    diterima, bila bulan itu belum dianalisis, bila datanya berubah sesudah analisis
    terakhir, atau bila bulan itu ditolak dan belum dianalisis lagi sesudahnya (POS:
    "tidak" kembali ke langkah 6). Bila ada tim yang belum mengirim, persetujuan perlu
    --tetap. Tulis nama Kasubbag Umum di --oleh; tanpa --oleh, nama Kasubbag Umum di
    kinerja.yaml ditawarkan untuk dikonfirmasi.

    Contoh:

        kinerja setujui --bulan 6 --oleh "Hendra Saputra, S.E., M.M."

        kinerja setujui --bulan 2022-06 --oleh "Hendra Saputra" --catatan "Sesuai laporan kegiatan"
    """
    bulan = bulan_wajib(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    from ..keputusan import setujui as _setujui  # loaded only when this runs

    keputusan = _setujui(ruang, periode, nama_pemutus(ruang, oleh), catatan, tetap=tetap)
    konsol.print(
        f"[bold green]{periode.label} disetujui[/] oleh {aman(keputusan.oleh)} "
        f"({keputusan.waktu.replace('T', ' ')}); bulan ini kini terkunci untuk himpun dan koreksi."
    )
    if "disetujui tanpa isian" in keputusan.catatan:
        konsol.print(f"Catatan keputusan: {aman(keputusan.catatan)}")
    konsol.print(f"Langkah berikutnya (POS langkah 8): `kinerja arsip --bulan {periode.kode}`.")


def daftar(app: typer.Typer) -> None:
    app.command("setujui")(perintah(setujui))
