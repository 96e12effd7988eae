"""``kinerja tahun-baru``: next year's workspace from this one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..angka import format_angka
from ._umum import OpsiJson, OpsiRuangKerja, aman, cetak_json, konsol, perintah, ruang_kerja


def tahun_baru(
    tahun: Annotated[int, typer.Argument(help="Tahun ruang kerja baru, mis. 2023.")],
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Folder ruang kerja baru (bawaan: ../<nama>-TAHUN di samping ruang kerja ini).",
            show_default=False,
        ),
    ] = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """kinerja.yaml disalin baris demi baris (komentar tetap): tahun menjadi TAHUN, setiap
    indikator mendapat realisasi_tahun_lalu dari realisasi akhir tahun ini (bulan yang
    disetujui, seperti `kinerja rekap --tahunan`), dan setiap target serta pagu/RPD
    ditandai `# PERBARUI` agar diisi dengan Perjanjian Kinerja baru. Buku besar baru
    dibuat seperti `kinerja init`. Ruang kerja tahun ini tidak diubah; folder yang sudah
    berisi tidak ditimpa.

    Contoh:

        kinerja tahun-baru 2023

        kinerja tahun-baru 2023 ../sakip-2023

        cd ../sakip-2023 && grep -n PERBARUI kinerja.yaml && kinerja cek
    """
    from ..tahun_baru import tahun_baru as buat

    ruang = ruang_kerja(ruang_kerja_)
    hasil = buat(ruang, tahun, folder)
    if json_:
        cetak_json(hasil.sebagai_json())
        return
    konfigurasi = ruang.konfigurasi
    tabel = Table(title=f"realisasi_tahun_lalu di ruang kerja {hasil.tahun}", title_justify="left")
    for kolom in ("Kode", "Satuan", "Agregasi", f"Realisasi {hasil.tahun_lalu}"):
        tabel.add_column(kolom, justify="right" if kolom.startswith("Realisasi") else "left")
    for ind in konfigurasi.indikator:
        tabel.add_row(
            ind.kode,
            aman(ind.satuan),
            ind.agregasi,
            format_angka(hasil.realisasi_tahun_lalu.get(ind.kode)),
        )
    konsol.print(tabel)
    konsol.print(f"Ruang kerja {hasil.tahun} dibuat di [bold]{aman(str(hasil.ruang.akar))}[/]")
    konsol.print(
        f"{hasil.ditandai} baris kinerja.yaml bertanda [bold]PERBARUI[/]: isi dengan target "
        f"dan anggaran {hasil.tahun}, lalu jalankan [bold]kinerja cek[/]."
    )
    if hasil.renstra_berakhir:
        konsol.print(
            f"[bold yellow]Tahun {hasil.tahun} di luar periode Renstra:[/] renstra dan "
            "target_renstra dikosongkan (null); isi dengan Renstra yang baru."
        )
    for catatan in hasil.catatan:
        konsol.print(f"[yellow]{aman(catatan)}[/]")


def daftar(app: typer.Typer) -> None:
    app.command("tahun-baru")(perintah(tahun_baru))
