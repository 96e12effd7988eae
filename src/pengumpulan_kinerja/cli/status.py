"""``kinerja status``: the eight POS steps of a month."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from ..periode import format_tanggal
from ..pos import NOMOR_POS, nama_pos, teks_durasi
from ..status import BELUM, BERJALAN, periode_terakhir, status_bulan
from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiRuangKerja,
    aman,
    bulan_pilihan,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
    sel,
)

_KEADAAN = {BELUM: "[dim]belum[/]", BERJALAN: "[yellow]berjalan[/]"}
_MEMENUHI = {True: "[green]ya[/]", False: "[red]tidak[/]", None: "–"}


def _waktu(waktu: datetime) -> str:
    return f"{waktu:%d/%m %H.%M}"


def _selesai(mulai: datetime, selesai: datetime) -> str:
    """The end time; its date only when it differs from the start's."""
    return f"{selesai:%H.%M}" if selesai.date() == mulai.date() else _waktu(selesai)


def status(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan",
            "-b",
            help="Bulan: 6, 2022-06, Juni. Bawaan: bulan terakhir yang punya kegiatan tercatat.",
            show_default=False,
        ),
    ] = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Langkah 1–2 dari `kinerja disposisi`; langkah 4 dari kiriman tim terhadap batas
    pengumpulan (tanggal di kinerja.yaml); langkah 3, 5, 6, 7 dan 8 dari perintahnya
    masing-masing (mulai pertama sampai selesai terakhir). Langkah yang belum
    dilakukan tampil "belum".

    Contoh:

        kinerja status --bulan 6

        kinerja status --bulan 2022-06 --json
    """
    bulan = bulan_pilihan(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan) if bulan else periode_terakhir(ruang)
    hasil = status_bulan(ruang, periode)
    if json_:
        cetak_json(hasil.sebagai_json())
        return
    satker = ruang.konfigurasi.satker.nama
    konsol.print(f"[bold]{aman(nama_pos(satker))}[/] ({NOMOR_POS})")
    konsol.print(f"[bold]{periode.label}[/] — batas pengumpulan {format_tanggal(hasil.batas)}")
    tabel = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    tabel.add_column("Langkah / pelaksana")
    tabel.add_column("Mutu baku")
    tabel.add_column("Waktu", no_wrap=True)
    tabel.add_column("Lama")
    tabel.add_column("Memenuhi")
    tabel.add_column("Oleh", min_width=14)
    for s in hasil.langkah:
        mutu = s.mutu_baku if s.langkah.mutu_baku else f"s.d. {hasil.batas:%d/%m}"
        if s.mulai is None:
            waktu = _KEADAAN.get(s.keadaan, "–")
        elif s.selesai is None:
            waktu = f"{_waktu(s.mulai)}\n{_KEADAAN.get(s.keadaan, '')}"
        else:
            waktu = f"{_waktu(s.mulai)}\ns.d. {_selesai(s.mulai, s.selesai)}"
        tabel.add_row(
            *sel(
                f"{s.langkah.nomor}. {aman(s.langkah.singkat)}\n[dim]{aman(s.langkah.pelaksana)}[/]",
                aman(mutu),
                waktu,
                teks_durasi(s.durasi) if s.durasi is not None else "–",
                _MEMENUHI[s.terpenuhi],
                aman(s.oleh) or "–",
            )
        )
    konsol.print(tabel)
    for s in hasil.langkah:
        if s.keterangan:
            konsol.print(f"  Langkah {s.langkah.nomor}: {aman(s.keterangan)}")
    lanjut = hasil.berikutnya
    if lanjut is None:
        konsol.print("[bold green]Kedelapan langkah POS selesai untuk bulan ini.[/]")
    else:
        konsol.print(
            f"[bold]Langkah berikutnya: {lanjut.nomor}. {aman(lanjut.langkah.singkat)}[/] "
            f"({aman(lanjut.alasan)})"
        )
        konsol.print(f"  {aman(lanjut.perintah)}")


def daftar(app: typer.Typer) -> None:
    app.command("status")(perintah(status))
