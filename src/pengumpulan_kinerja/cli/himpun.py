"""``kinerja himpun``: POS step 5."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..galat import KELUAR_SELESAI, KELUAR_TEMUAN, PenggunaanError
from ..himpun import FOLDER_KELOLAAN, HasilHimpun, daftar_berkas
from ..himpun import himpun as _himpun
from ..periode import format_tanggal
from ..temuan import Tingkat
from ..umpan_balik import tulis_laporan_temuan, tulis_umpan_balik
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

_WARNA = {Tingkat.GALAT: "red", Tingkat.PERINGATAN: "yellow", Tingkat.INFO: "cyan"}
_STATUS = {
    "diterima": "[green]diterima[/]",
    "ditolak": "[red]ditolak[/]",
    "duplikat": "[cyan]duplikat[/]",
}


def himpun(
    folder: Annotated[Path, typer.Argument(help="Folder berisi berkas isian (mis. ./masuk).")],
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Hanya terima berkas bulan ini (6, 2022-06, Juni)."),
    ] = None,
    coba: Annotated[
        bool, typer.Option("--coba", help="Periksa saja; tidak menulis apa pun.")
    ] = False,
    laporan: Annotated[
        Path | None, typer.Option("--laporan", help="Tulis daftar temuan ke berkas .xlsx ini.")
    ] = None,
    umpan_balik: Annotated[
        Path | None,
        typer.Option(
            "--umpan-balik", help="Tulis satu buku kerja umpan balik per tim ke folder ini."
        ),
    ] = None,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Menghimpun berkas isian dari sebuah folder (POS langkah 5).

    Membaca .xlsx, .xlsm, .xls dan .ods (nama berkas tidak penting), mengenali tim dan
    bulan dari metadata instrumen, memeriksa setiap isian, lalu mencatat kiriman yang
    diterima ke buku besar bersama salinan persisnya di kiriman/PERIODE/. Berkas asli
    tidak pernah diubah atau dipindah.

    Keluar 0 bila semua diterima tanpa galat, 1 bila ada temuan galat, 2 bila salah pakai.

    Contoh:

        kinerja himpun ./masuk

        kinerja himpun ./masuk --bulan 6 --coba

        kinerja himpun ./masuk --laporan temuan.xlsx --umpan-balik ./umpan-balik
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan) if bulan else None
    if laporan is not None and laporan.suffix.lower() != ".xlsx":
        raise PenggunaanError("--laporan harus berakhiran .xlsx.", "Contoh: --laporan temuan.xlsx")
    kelolaan = tuple(ruang.akar / nama for nama in FOLDER_KELOLAAN)
    jumlah = len(daftar_berkas(folder, kelolaan)[0]) if folder.is_dir() else 0
    with Progress(
        TextColumn("Menghimpun"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=konsol,
        transient=True,
        disable=json_ or jumlah < 10,
    ) as kemajuan:
        tugas = kemajuan.add_task("himpun", total=jumlah)
        hasil = _himpun(
            ruang,
            folder,
            bulan=periode,
            coba=coba,
            oleh=oleh,
            kemajuan=lambda selesai, total: kemajuan.update(tugas, completed=selesai, total=total),
        )
    berkas_keluar: list[Path] = []
    if laporan is not None and not coba:
        berkas_keluar.append(tulis_laporan_temuan(laporan, hasil.temuan))
    if umpan_balik is not None and not coba:
        berkas_keluar += tulis_umpan_balik(umpan_balik, hasil.temuan, ruang.konfigurasi)
    if json_:
        data = hasil.sebagai_json()
        data["berkas_ditulis"] = [str(p) for p in berkas_keluar]
        cetak_json(data)
    else:
        _tampilkan(hasil, berkas_keluar)
    raise typer.Exit(KELUAR_TEMUAN if hasil.ada_galat else KELUAR_SELESAI)


def _tampilkan(hasil: HasilHimpun, berkas_keluar: list[Path]) -> None:
    if not hasil.berkas:
        konsol.print("Tidak ada buku kerja (.xlsx, .xlsm, .xls, .ods) di folder itu.")
    tabel = Table(
        title="Hasil penghimpunan" + (" (coba: tidak ada yang ditulis)" if hasil.coba else "")
    )
    for judul in ("Berkas", "Tim", "Bulan", "Status", "Galat", "Peringatan", "Info"):
        tabel.add_column(
            judul, justify="right" if judul in ("Galat", "Peringatan", "Info") else "left"
        )
    for b in hasil.berkas:
        tabel.add_row(
            escape(b.berkas),
            b.tim or "–",
            b.periode or "–",
            _STATUS.get(b.status, b.status) + (" [yellow](terlambat)[/]" if b.terlambat else ""),
            str(b.jumlah(Tingkat.GALAT)),
            str(b.jumlah(Tingkat.PERINGATAN)),
            str(b.jumlah(Tingkat.INFO)),
        )
    if hasil.berkas:
        konsol.print(tabel)
    for nama in hasil.dilewati:
        konsol.print(f"[dim]Dilewati (bukan buku kerja): {escape(nama)}[/]")
    temuan = hasil.temuan
    if temuan:
        konsol.print("\n[bold]Temuan[/]")
        for t in temuan:
            warna = _WARNA[t.tingkat]
            konsol.print(
                f"  [{warna}]{t.tingkat}[/] {t.kode:<28} {escape(t.lokasi)}: {escape(t.pesan)}"
            )
    for k in hasil.kelengkapan:
        belum = ", ".join(f"{kode} ({nama})" for kode, nama in k.belum) or "tidak ada"
        terlambat = ", ".join(k.terlambat) or "tidak ada"
        konsol.print(
            f"\n[bold]{k.periode.label}[/] (batas {format_tanggal(k.batas)}): diharapkan "
            f"{len(k.diharapkan)} tim, diterima {len(k.diterima)}, tepat waktu "
            f"{len(k.tepat_waktu)}, terlambat {len(k.terlambat)} ({terlambat}); belum mengirim: {belum}."
        )
    for p in berkas_keluar:
        konsol.print(f"Ditulis: {p}")


def daftar(app: typer.Typer) -> None:
    app.command("himpun")(perintah(himpun))
