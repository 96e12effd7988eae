"""``kinerja periksa``: verify the ledger's chain, values, copies and identity."""

from __future__ import annotations

from typing import Annotated

import typer

from ..galat import KELUAR_TEMUAN
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
)


def periksa(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan",
            "-b",
            help="Periksa nilai dan salinan kiriman satu bulan saja (rantai tetap diperiksa "
            "seluruhnya).",
            show_default=False,
        ),
    ] = None,
    terima: Annotated[
        bool,
        typer.Option(
            "--terima",
            help="Catat buku besar yang ada sekarang sebagai milik ruang kerja ini (sesudah "
            "memulihkan cadangan dengan sengaja). Perlu --oleh dan --alasan.",
        ),
    ] = False,
    oleh: Annotated[
        str | None, typer.Option("--oleh", help="Nama yang menerima buku besar (dengan --terima).")
    ] = None,
    alasan: Annotated[
        str | None,
        typer.Option("--alasan", help="Mengapa buku besar dipulihkan (dengan --terima)."),
    ] = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Setiap catatan (kiriman dengan nilainya, jejak audit, keputusan, peristiwa POS,
    arsip) adalah satu mata rantai hash; mengubah angka, alasan, nama atau waktu di
    luar kinerja memutus rantai. Diperiksa juga: nilai kini dihitung ulang dari kiriman
    dan koreksi; setiap salinan di kiriman/ ada dengan SHA-256 yang tercatat; buku besar
    milik ruang kerja ini dan tidak lebih lama dari .kinerja-jejak. Keluar 1 dan
    menyebut baris atau berkas pertama yang salah bila ada yang gagal.

    Contoh:

        kinerja periksa

        kinerja periksa --bulan 6

        kinerja periksa --terima --oleh "Dewi Anggraini" --alasan "dipulihkan dari cadangan 3 Juli"
    """
    ruang = ruang_kerja(ruang_kerja_)
    from ..periksa import periksa_ruang, terima_buku_besar

    if terima:
        hasil = terima_buku_besar(ruang, oleh or "", alasan or "")
        konsol.print(
            f"[bold green]Buku besar diterima[/] sebagai milik ruang kerja ini "
            f"({hasil.kepala.jumlah} catatan); .kinerja-jejak diperbarui."
        )
    else:
        bulan = bulan_pilihan(bulan_posisi, bulan)
        periode = periode_dari(ruang, bulan) if bulan else None
        hasil = periksa_ruang(ruang, periode)
    if json_:
        cetak_json(
            {
                "lolos": hasil.lolos,
                "jumlah_catatan": hasil.kepala.jumlah,
                "hash_kepala": hasil.kepala.hash,
                "identitas": hasil.kepala.identitas,
                "masalah": [{"tempat": m.tempat, "pesan": m.pesan} for m in hasil.masalah],
                "salinan_tak_dikenal": list(hasil.tak_dikenal),
            }
        )
    else:
        konsol.print(
            f"Rantai: {hasil.kepala.jumlah} catatan, kepala {hasil.kepala.hash[:16]}…; "
            f"{hasil.jumlah_kiriman} kiriman ({hasil.jumlah_salinan_diperiksa} salinan "
            f"diperiksa), {hasil.jumlah_nilai} nilai kini dihitung ulang."
        )
        for berkas in hasil.tak_dikenal:
            konsol.print(
                f"[yellow]Tidak dikenal buku besar[/] (dibiarkan di tempatnya): {aman(berkas)}"
            )
        if hasil.lolos:
            konsol.print("[bold green]Buku besar utuh.[/]")
        else:
            pertama = hasil.masalah[0]
            konsol.print(f"[bold red]Tidak lolos:[/] {aman(pertama.tempat)}: {aman(pertama.pesan)}")
            for m in hasil.masalah[1:20]:
                konsol.print(f"  • {aman(m.tempat)}: {aman(m.pesan)}")
            konsol.print(
                "Yang perlu dilakukan: pulihkan kinerja.db (atau salinan yang disebut) dari "
                "cadangan/, lalu jalankan `kinerja periksa` lagi."
            )
    if not hasil.lolos:
        raise typer.Exit(KELUAR_TEMUAN)


def daftar(app: typer.Typer) -> None:
    app.command("periksa")(perintah(periksa))
