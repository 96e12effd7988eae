"""``kinerja buat-instrumen``: POS step 3, one instrument per work team."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from ..periode import format_tanggal
from ._umum import (
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_wajib,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
)

BATAS_TANPA_KEMAJUAN = 4
"""Fewer files than this are written without a progress bar."""


def buat_instrumen(
    periode: Annotated[
        str | None,
        typer.Argument(
            help="Bulan pelaporan: 2022-06, 6, 06 atau Juni (boleh juga dengan --bulan).",
            metavar="PERIODE",
            show_default=False,
        ),
    ] = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan", "-b", help="Bulan pelaporan, sama dengan PERIODE.", show_default=False
        ),
    ] = None,
    tim: Annotated[
        str | None,
        typer.Option("--tim", help="Hanya untuk satu tim (kode tim, mis. PM).", show_default=False),
    ] = None,
    timpa: Annotated[
        bool, typer.Option("--timpa", help="Tulis ulang instrumen yang sudah ada.")
    ] = False,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
    json_: OpsiJson = False,
) -> None:
    """Menulis instrumen/PERIODE/KODE-TIM_PERIODE.xlsx untuk setiap tim yang memiliki
    indikator: lembar Petunjuk, Capaian, Anggaran (bila tim punya pagu) dan Pengesahan.
    Target bulan, triwulan dan tahun terisi dari kinerja.yaml, realisasi s.d. bulan
    lalu dari buku besar; hanya sel isian (kuning) yang terbuka, dengan validasi.
    Instrumen yang sudah ada hanya ditulis ulang dengan --timpa.

    Contoh:

        kinerja buat-instrumen 2022-06

        kinerja buat-instrumen --bulan 6

        kinerja buat-instrumen Juni --tim PM --timpa --oleh "Tim SAKIP"
    """
    periode = bulan_wajib(periode, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    p = periode_dari(ruang, periode)
    jumlah = 1 if tim else len(ruang.konfigurasi.tim_berindikator())
    kemajuan = Progress(
        TextColumn("Menulis instrumen"),
        BarColumn(),
        MofNCompleteColumn(),
        console=konsol,
        transient=True,
        disable=json_ or jumlah < BATAS_TANPA_KEMAJUAN,
    )
    tugas = kemajuan.add_task("instrumen", total=jumlah)

    def maju(selesai: int, total: int) -> None:
        # started at the first file, so a refusal prints nothing but its message
        if not kemajuan.live.is_started:
            kemajuan.start()
        kemajuan.update(tugas, completed=selesai, total=total)

    try:
        from ..instrumen import buat_instrumen as _buat_instrumen  # openpyxl: only now

        hasil = _buat_instrumen(ruang, p, tim=tim, timpa=timpa, oleh=oleh, kemajuan=maju)
    finally:
        if kemajuan.live.is_started:
            kemajuan.stop()
    folder = ruang.relatif(ruang.folder_instrumen(p))
    if json_:
        cetak_json(
            {
                "periode": p.kode,
                "batas_pengumpulan": hasil.batas.isoformat(),
                "folder": folder,
                "instrumen": [
                    {
                        "tim": i.tim,
                        "berkas": ruang.relatif(i.berkas),
                        "indikator": i.jumlah_indikator,
                        "anggaran": i.anggaran,
                    }
                    for i in hasil.instrumen
                ],
                "ditimpa": list(hasil.ditimpa),
            }
        )
        return
    tabel = Table(title=f"Instrumen {p.label}")
    tabel.add_column("Tim")
    tabel.add_column("Berkas")
    tabel.add_column("Indikator", justify="right")
    tabel.add_column("Anggaran")
    for i in hasil.instrumen:
        tabel.add_row(
            aman(i.tim),
            aman(ruang.relatif(i.berkas)),
            str(i.jumlah_indikator),
            "ya" if i.anggaran else "tidak",
        )
    konsol.print(tabel)
    ganti = f" ({len(hasil.ditimpa)} ditulis ulang)" if hasil.ditimpa else ""
    konsol.print(f"{len(hasil.instrumen)} instrumen ditulis ke {aman(folder)}/{ganti}.")
    konsol.print(f"Batas pengumpulan: [bold]{format_tanggal(hasil.batas)}[/].")
    konsol.print(
        "Langkah berikutnya (POS langkah 4): kirim setiap berkas kepada Ketua Tim Kerja; "
        f"berkas yang kembali dihimpun dengan `kinerja himpun ./masuk --bulan {p.kode}`."
    )


def daftar(app: typer.Typer) -> None:
    app.command("buat-instrumen")(perintah(buat_instrumen))
