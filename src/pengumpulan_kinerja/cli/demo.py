"""``kinerja demo``: the example month, end to end."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from ._umum import aman, konsol, perintah


def demo(
    folder: Annotated[
        Path | None, typer.Argument(help="Folder baru untuk demo (bawaan: folder sementara).")
    ] = None,
) -> None:
    """Membuat ruang kerja baru, mengisi riwayat Januari–Mei, lalu menjalankan kedelapan
    langkah untuk Juni: disposisi, instrumen, isian tim (satu tim belum mengirim, satu
    terlambat, satu dengan temuan), himpun, analisis, koreksi, persetujuan, arsip dan
    status. Tidak menyentuh apa pun di luar foldernya.

    Contoh:

        kinerja demo

        kinerja demo ./coba-kinerja
    """
    mulai = time.monotonic()
    konsol.print("[bold]kinerja demo[/] — satu bulan POS Pengumpulan Data Kinerja (Juni 2022)\n")

    def lapor(judul: str, rincian: str) -> None:
        konsol.print(f"[green]✓[/] [bold]{aman(judul)}[/]  {aman(rincian)}")

    from ..demo import jalankan_demo  # loaded only when this runs

    hasil = jalankan_demo(folder, lapor)
    ruang = hasil.ruang
    lanjut = hasil.status.berikutnya
    konsol.print(
        f"\nSelesai dalam {time.monotonic() - mulai:.0f} detik. Ruang kerja: [bold]{aman(ruang.akar)}[/]"
    )
    konsol.print(
        "\n[bold]Buka lebih dulu[/] laporan analisis (A4 siap cetak, ringkasan di halaman 1):"
    )
    konsol.print(f"  {aman(hasil.laporan_html)}")
    konsol.print("Berkas lain:")
    for label, jalur in (
        ("Analisis Excel (dengan grafik)", hasil.laporan_xlsx),
        ("Capaian CSV (untuk mesin)", hasil.capaian_csv),
        ("Arsip bulanan + SHA256SUMS", hasil.arsip),
        ("Instrumen per tim", ruang.folder_instrumen(hasil.status.periode)),
        ("Surel instrumen (.eml)", hasil.surel[0].parent if hasil.surel else None),
        ("Kalender batas (.ics)", hasil.jadwal),
        ("Isian yang dihimpun", ruang.folder_masuk / hasil.status.periode.kode),
        ("Buku besar", ruang.berkas_buku_besar),
    ):
        if jalur is not None:
            konsol.print(f"  {label:<32} {aman(jalur)}")
    konsol.print(
        f"\nCoba: cd {aman(ruang.akar)} && kinerja status --bulan 6"
        + (f"   (langkah berikutnya: {lanjut.nomor})" if lanjut else "")
    )


def daftar(app: typer.Typer) -> None:
    app.command("demo")(perintah(demo))
