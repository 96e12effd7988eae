"""``kinerja arsip``: POS step 8, and verification of an archive."""

from __future__ import annotations

from typing import Annotated

import typer

from ..galat import KELUAR_TEMUAN
from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_pilihan,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
    sibuk,
)


def arsip(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan",
            "-b",
            help="Bulan yang diarsipkan: 6, 2022-06, Juni. Bawaan: bulan terakhir yang disetujui.",
            show_default=False,
        ),
    ] = None,
    periksa: Annotated[
        str | None,
        typer.Option(
            "--periksa",
            help="Periksa keutuhan arsip yang sudah ada, mis. 2022-06 atau 2022-06.r2 "
            "(keluar 1 bila ada berkas yang berubah, ditambahkan atau hilang).",
            show_default=False,
        ),
    ] = None,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Hanya untuk bulan yang sudah disetujui (`kinerja setujui`). Folder dibangun di
    samping lalu dipindahkan sekaligus ke arsip/PERIODE/ dan tidak pernah ditulis
    ulang. Isinya: kiriman asli tim, data-capaian-PERIODE.xlsx (data setelah
    koreksi), hasil analisis (.xlsx, .html, .csv), temuan, jejak koreksi, status
    POS, arsip.json, README.txt dan SHA256SUMS. Setelah bulan dibuka dan disetujui
    lagi, arsip berikutnya menjadi arsip/PERIODE.r2/ (arsip lama tetap).

    Periksa keutuhan dengan `kinerja arsip --periksa PERIODE`, atau di dalam folder
    arsipnya dengan `sha256sum -c SHA256SUMS`.

    Contoh:

        kinerja arsip --bulan 6 --oleh "Tim SAKIP"

        kinerja arsip --periksa 2022-06

        kinerja arsip --periksa 2022-06.r2 --json
    """
    bulan = bulan_pilihan(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    from ..arsip import arsipkan, periksa_arsip  # openpyxl: loaded only when this runs

    if periksa is not None:
        if bulan is not None:
            konsol.print("[yellow]--bulan diabaikan bersama --periksa.[/]")
        hasil = periksa_arsip(ruang, periksa)
        nama = hasil.folder.name
        if json_:
            cetak_json(hasil.sebagai_json())
        elif hasil.utuh:
            konsol.print(
                f"[bold green]Arsip {aman(nama)} utuh[/]: {hasil.jumlah_berkas} berkas sesuai "
                "SHA256SUMS."
            )
        else:
            konsol.print(f"[bold red]Arsip {aman(nama)} tidak utuh.[/]")
            for judul, daftar_nama in (
                ("Berubah", hasil.diubah),
                ("Ditambahkan", hasil.ditambah),
                ("Hilang", hasil.hilang),
            ):
                for n in daftar_nama:
                    konsol.print(f"  {judul}: {aman(n)}")
        if not json_:
            for c in hasil.catatan:
                konsol.print(f"  Catatan: {aman(c)}")
            if not hasil.utuh:
                konsol.print(
                    "Arsip tidak boleh diubah. Pulihkan berkas aslinya dari cadangan; bila isinya "
                    "memang harus berubah, buka bulan itu, setujui lagi, lalu buat arsip revisi."
                )
        if not hasil.utuh:
            raise typer.Exit(KELUAR_TEMUAN)
        return
    periode = periode_dari(ruang, bulan) if bulan else None
    with sibuk("Membangun arsip…"):
        hasil_arsip = arsipkan(ruang, periode, oleh)
    if json_:
        cetak_json(
            {
                "folder": str(hasil_arsip.folder),
                "revisi": hasil_arsip.revisi,
                "menggantikan": hasil_arsip.menggantikan,
                "analisis_dihitung_ulang": hasil_arsip.analisis_dihitung_ulang,
                "dipulihkan": hasil_arsip.dipulihkan,
                "berkas": list(hasil_arsip.berkas),
            }
        )
        return
    lokasi = aman(ruang.relatif(hasil_arsip.folder))
    if hasil_arsip.dipulihkan:
        konsol.print(
            f"[bold green]Arsip dicatat[/]: {lokasi}/ sudah dibangun oleh perintah yang terhenti "
            "sebelum mencatatnya; isinya utuh sesuai SHA256SUMS."
        )
    else:
        konsol.print(
            f"[bold green]Arsip ditulis[/]: {lokasi}/ (revisi {hasil_arsip.revisi}, "
            f"{len(hasil_arsip.berkas)} berkas)"
        )
    if hasil_arsip.menggantikan:
        konsol.print(
            f"Menggantikan arsip/{aman(hasil_arsip.menggantikan)}/ (yang lama tetap disimpan)."
        )
    if hasil_arsip.analisis_dihitung_ulang:
        konsol.print(
            "Berkas analisis di laporan/ tidak ada atau berubah sesudah analisis terakhir; "
            "analisis di arsip dihitung ulang dari buku besar."
        )
    kiriman = [b for b in hasil_arsip.berkas if b.startswith("kiriman/")]
    for nama in hasil_arsip.berkas:
        if not nama.startswith("kiriman/"):
            konsol.print(f"  {aman(nama)}")
    konsol.print(f"  kiriman/ ({len(kiriman)} berkas isian tim)")
    konsol.print(
        f"Periksa kapan saja: `kinerja arsip --periksa {aman(hasil_arsip.folder.name)}` "
        f"atau `sha256sum -c SHA256SUMS` di dalam foldernya."
    )


def daftar(app: typer.Typer) -> None:
    app.command("arsip")(perintah(arsip))
