"""``kinerja jadwal``: the year's collection deadlines as a calendar file."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..periode import format_tanggal
from ._umum import OpsiJson, OpsiRuangKerja, aman, cetak_json, konsol, perintah, ruang_kerja


def jadwal(
    tahun: Annotated[
        int | None,
        typer.Option(
            "--tahun", help="Tahun jadwal. Bawaan: tahun di kinerja.yaml.", show_default=False
        ),
    ] = None,
    coba: Annotated[
        bool, typer.Option("--coba", help="Hanya tampilkan tanggalnya; tanpa menulis berkas.")
    ] = False,
    ruang_kerja_: OpsiRuangKerja = None,
    json_: OpsiJson = False,
) -> None:
    """Satu acara sehari penuh per bulan pelaporan pada tanggal batas pengumpulan, dengan
    pengingat dua hari sebelumnya. Impor berkasnya ke Google Calendar, Outlook atau
    Thunderbird; UID setiap acara tetap, jadi mengimpor ulang tidak menggandakan acara.

    Contoh:

        kinerja jadwal

        kinerja jadwal --tahun 2023
    """
    ruang = ruang_kerja(ruang_kerja_)
    from ..jadwal import tulis_jadwal  # icalendar: only when this runs

    hasil = tulis_jadwal(ruang, tahun, coba=coba)
    if json_:
        cetak_json(hasil.sebagai_json(ruang))
        return
    tabel = Table(title=f"Batas pengumpulan {hasil.tahun}")
    tabel.add_column("Bulan pelaporan")
    tabel.add_column("Batas pengumpulan")
    for t in hasil.tenggat:
        tabel.add_row(t.periode.label, format_tanggal(t.batas))
    konsol.print(tabel)
    if coba:
        konsol.print("Coba: kalender tidak ditulis.")
    else:
        konsol.print(
            f"Ditulis: {aman(ruang.relatif(hasil.berkas))} (12 acara, pengingat 2 hari "
            "sebelumnya). Impor ke aplikasi kalender."
        )


def daftar(app: typer.Typer) -> None:
    app.command("jadwal")(perintah(jadwal))
