"""``kinerja arsip``: POS step 8, and verification of an archive."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ..arsip import arsipkan, periksa_arsip
from ..galat import KELUAR_TEMUAN
from ._umum import (
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
)


def arsip(
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Bulan (bawaan: bulan terakhir yang disetujui)."),
    ] = None,
    periksa: Annotated[
        str | None,
        typer.Option("--periksa", help="Periksa keutuhan arsip, mis. 2022-06 atau 2022-06.r2."),
    ] = None,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Mengarsipkan folder data capaian kinerja bulanan (POS langkah 8).

    Hanya untuk bulan yang disetujui. Folder dibangun di samping lalu dipindahkan
    sekaligus ke arsip/PERIODE/ dan tidak pernah ditulis ulang; setelah dibuka dan
    disetujui lagi, arsip berikutnya menjadi arsip/PERIODE.r2/. SHA256SUMS dapat
    diperiksa dengan `sha256sum -c SHA256SUMS` atau `kinerja arsip --periksa`.

    Contoh:

        kinerja arsip --bulan 6

        kinerja arsip --periksa 2022-06
    """
    ruang = ruang_kerja(ruang_kerja_)
    if periksa is not None:
        hasil = periksa_arsip(ruang, periksa)
        if json_:
            cetak_json(
                {
                    "folder": str(hasil.folder),
                    "utuh": hasil.utuh,
                    "diubah": hasil.diubah,
                    "ditambah": hasil.ditambah,
                    "hilang": hasil.hilang,
                }
            )
        elif hasil.utuh:
            konsol.print(
                f"[bold green]Arsip {escape(periksa)} utuh[/]: semua berkas sesuai SHA256SUMS."
            )
        else:
            konsol.print(f"[bold red]Arsip {escape(periksa)} tidak utuh.[/]")
            for judul, daftar in (
                ("Berubah", hasil.diubah),
                ("Ditambahkan", hasil.ditambah),
                ("Hilang", hasil.hilang),
            ):
                for nama in daftar:
                    konsol.print(f"  {judul}: {escape(nama)}")
        if not hasil.utuh:
            raise typer.Exit(KELUAR_TEMUAN)
        return
    periode = periode_dari(ruang, bulan) if bulan else None
    hasil_arsip = arsipkan(ruang, periode, oleh)
    if json_:
        cetak_json(
            {
                "folder": str(hasil_arsip.folder),
                "revisi": hasil_arsip.revisi,
                "menggantikan": hasil_arsip.menggantikan,
                "berkas": hasil_arsip.berkas,
            }
        )
        return
    konsol.print(
        f"[bold green]Arsip ditulis[/]: {ruang.relatif(hasil_arsip.folder)} (revisi {hasil_arsip.revisi})"
    )
    if hasil_arsip.menggantikan:
        konsol.print(f"Menggantikan arsip/{hasil_arsip.menggantikan} (yang lama tetap disimpan).")
    for nama in hasil_arsip.berkas:
        konsol.print(f"  {escape(nama)}")


def daftar(app: typer.Typer) -> None:
    app.command("arsip")(perintah(arsip))
