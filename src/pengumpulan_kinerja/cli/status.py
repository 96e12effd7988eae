"""``kinerja status``: the eight POS steps of a month."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..periode import Periode
from ..pos import teks_durasi
from ..status import status_bulan
from ._umum import OpsiJson, OpsiRuangKerja, cetak_json, konsol, perintah, periode_dari, ruang_kerja


def status(
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Bulan (bawaan: bulan terakhir yang punya kegiatan)."),
    ] = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Menampilkan delapan langkah POS untuk satu bulan: pelaksana, mutu baku, mulai,
    selesai, oleh siapa, lama, dan apakah mutu baku terpenuhi, serta langkah berikutnya.

    Contoh:

        kinerja status --bulan 6

        kinerja status --bulan 2022-06 --json
    """
    ruang = ruang_kerja(ruang_kerja_)
    if bulan:
        periode = periode_dari(ruang, bulan)
    else:
        with ruang.buka_buku_besar() as buku:
            baris = buku.query("SELECT MAX(periode) AS p FROM peristiwa")
        kode = baris[0]["p"] if baris and baris[0]["p"] else f"{ruang.konfigurasi.tahun}-01"
        periode = Periode(int(kode[:4]), int(kode[5:7]))
    hasil = status_bulan(ruang, periode)
    if json_:
        cetak_json(hasil.sebagai_json())
        return
    tabel = Table(title=f"Status POS Pengumpulan Data Kinerja — {periode.label}")
    for judul in (
        "No",
        "Langkah",
        "Pelaksana",
        "Mutu baku",
        "Mulai",
        "Selesai",
        "Oleh",
        "Lama",
        "Memenuhi",
    ):
        tabel.add_column(judul)
    for s in hasil.langkah:
        memenuhi = {True: "[green]ya[/]", False: "[red]tidak[/]", None: "–"}[s.terpenuhi]
        keadaan = {"belum": "[dim]belum[/]", "berjalan": "[yellow]berjalan[/]"}.get(s.keadaan)
        tabel.add_row(
            str(s.langkah.nomor),
            s.langkah.singkat,
            s.langkah.pelaksana,
            s.mutu_baku,
            _jam(s.mulai) if s.mulai else (keadaan or "–"),
            _jam(s.selesai) if s.selesai and s.keadaan == "selesai" else (keadaan or "–"),
            escape(s.oleh) or "–",
            teks_durasi(s.durasi) if s.durasi is not None and s.keadaan == "selesai" else "–",
            memenuhi,
        )
    konsol.print(tabel)
    for s in hasil.langkah:
        if s.keterangan:
            konsol.print(f"  Langkah {s.langkah.nomor}: {escape(s.keterangan)}")
    lanjut = hasil.berikutnya
    if lanjut is None:
        konsol.print("[bold green]Semua langkah selesai.[/]")
    else:
        konsol.print(f"Langkah berikutnya: {lanjut.nomor}. {lanjut.uraian} — `{lanjut.perintah}`")


def _jam(waktu: datetime) -> str:
    return f"{waktu:%d-%m-%Y %H.%M}"


def daftar(app: typer.Typer) -> None:
    app.command("status")(perintah(status))
