"""``kinerja buat-instrumen``: POS step 3."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from ..instrumen import buat_instrumen as _buat
from ..periode import format_tanggal
from ._umum import OpsiOleh, OpsiRuangKerja, konsol, perintah, periode_dari, ruang_kerja


def buat_instrumen(
    periode: Annotated[str, typer.Argument(help="Bulan: 2022-06, 6, 06 atau Juni.")],
    tim: Annotated[
        str | None, typer.Option("--tim", help="Hanya untuk satu tim (kode tim).")
    ] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti instrumen yang sudah ada.")] = False,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Membuat instrumen Excel untuk setiap tim kerja (POS langkah 3).

    Menulis instrumen/PERIODE/<KODE-TIM>_PERIODE.xlsx untuk setiap tim yang memiliki
    indikator: lembar Petunjuk, Capaian, Anggaran, Pengesahan, dengan target bulan,
    triwulan dan tahun, realisasi s.d. bulan lalu dari buku besar, dan sel isian yang
    dilindungi dan divalidasi.

    Contoh:

        kinerja buat-instrumen 2022-06

        kinerja buat-instrumen Juni --tim PM --timpa
    """
    ruang = ruang_kerja(ruang_kerja_)
    p = periode_dari(ruang, periode)
    jumlah = 1 if tim else len(ruang.konfigurasi.tim_berindikator())
    with Progress(console=konsol, transient=True, disable=jumlah < 4) as kemajuan:
        tugas = kemajuan.add_task("Menulis instrumen", total=jumlah)
        hasil = _buat(
            ruang,
            p,
            tim=tim,
            timpa=timpa,
            oleh=oleh,
            kemajuan=lambda selesai, total: kemajuan.update(tugas, completed=selesai),
        )
    tabel = Table(title=f"Instrumen {p.label}")
    tabel.add_column("Tim")
    tabel.add_column("Berkas")
    tabel.add_column("Indikator", justify="right")
    tabel.add_column("Anggaran")
    for (kode, jumlah_ind, ada_anggaran), berkas in zip(hasil.rincian, hasil.berkas, strict=True):
        tabel.add_row(kode, ruang.relatif(berkas), str(jumlah_ind), "ya" if ada_anggaran else "–")
    konsol.print(tabel)
    konsol.print(
        f"{len(hasil.berkas)} instrumen ditulis. Batas pengumpulan: {format_tanggal(hasil.batas)}."
    )
    konsol.print("Kirim setiap berkas ke Ketua Tim Kerja (POS langkah 4).")


def daftar(app: typer.Typer) -> None:
    app.command("buat-instrumen")(perintah(buat_instrumen))
