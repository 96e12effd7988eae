"""``kinerja kirim``: POS step 4, each team's instrument by e-mail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ..galat import KELUAR_SELESAI, KELUAR_TEMUAN
from ..periode import format_tanggal
from ._umum import (
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
)

if TYPE_CHECKING:
    from ..kirim import HasilTim
    from ..ruang_kerja import RuangKerja

WARNA_STATUS = {
    "ditulis": "[green]ditulis (.eml)[/]",
    "terkirim": "[green]terkirim[/]",
    "dilewati": "[dim]dilewati[/]",
    "tanpa-alamat": "[red]tanpa alamat[/]",
    "gagal": "[red]gagal[/]",
    "coba": "[cyan]coba[/]",
}


def tabel_tim(ruang: RuangKerja, judul: str, daftar: tuple[HasilTim, ...]) -> Table:
    """Teams → what happened to their message (shared with ``kinerja pengingat``)."""
    tabel = Table(title=judul)
    tabel.add_column("Tim")
    tabel.add_column("Kepada", overflow="fold")
    tabel.add_column("Status", no_wrap=True)
    tabel.add_column("Berkas / keterangan", overflow="fold")
    for t in daftar:
        rincian = [ruang.relatif(t.berkas)] if t.berkas else []
        if t.alasan:
            rincian.append(t.alasan)
        tabel.add_row(
            t.tim,
            aman(t.tujuan) or "–",
            WARNA_STATUS.get(t.status, aman(t.status)),
            aman("\n".join(rincian), baris=True) or "–",
        )
    return tabel


def kirim(
    periode: Annotated[
        str,
        typer.Argument(
            help="Bulan pelaporan: 2022-06, 6, 06 atau Juni.",
            metavar="PERIODE",
            show_default=False,
        ),
    ],
    tim: Annotated[
        str | None,
        typer.Option("--tim", help="Hanya untuk satu tim (kode tim, mis. PM).", show_default=False),
    ] = None,
    smtp: Annotated[
        bool,
        typer.Option(
            "--smtp",
            help="Kirim lewat server surel di kinerja.yaml (bagian smtp; sandi dari variabel "
            "lingkungan KINERJA_SMTP_SANDI). Tanpa ini: tulis berkas .eml.",
        ),
    ] = False,
    ulang: Annotated[
        bool, typer.Option("--ulang", help="Kirim/tulis lagi untuk tim yang sudah pernah.")
    ] = False,
    coba: Annotated[
        bool,
        typer.Option("--coba", help="Hanya tampilkan apa yang akan dilakukan; tanpa menulis."),
    ] = False,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
    json_: OpsiJson = False,
) -> None:
    """Satu surel per tim, berbahasa Indonesia, menyebut bulan, batas pengumpulan dan yang
    harus dilakukan, dengan instrumen tim terlampir utuh. Tanpa --smtp setiap surel
    ditulis sebagai keluar/PERIODE/KODE-TIM_PERIODE.eml (buka di Thunderbird atau
    Outlook, lalu tekan kirim); dengan --smtp dikirim lewat server di kinerja.yaml.
    Yang ditulis atau diterima server dicatat di buku besar sebagai mulai langkah 4;
    tim yang sudah pernah dikirimi dilewati tanpa --ulang. Tim tanpa alamat surel
    ditampilkan. Kode keluar 1 bila ada tim yang gagal atau tanpa alamat.

    Contoh:

        kinerja kirim 2022-06

        kinerja kirim Juni --tim PM --ulang

        KINERJA_SMTP_SANDI='...' kinerja kirim 2022-06 --smtp
    """
    ruang = ruang_kerja(ruang_kerja_)
    p = periode_dari(ruang, periode)
    from ..kirim import kirim_instrumen  # loaded only when this runs

    hasil = kirim_instrumen(ruang, p, tim=tim, smtp=smtp, ulang=ulang, coba=coba, oleh=oleh)
    if json_:
        cetak_json(hasil.sebagai_json(ruang))
        raise typer.Exit(KELUAR_TEMUAN if hasil.ada_gagal else KELUAR_SELESAI)
    cara = "lewat SMTP" if smtp else "sebagai .eml"
    judul = f"Instrumen {p.label} {cara}" + (" (coba: tidak ada yang ditulis)" if coba else "")
    konsol.print(tabel_tim(ruang, judul, hasil.tim))
    jumlah = hasil.jumlah("terkirim") + hasil.jumlah("ditulis")
    kata = "dikirim" if smtp else "ditulis"
    ringkas = [f"{jumlah} surel {kata}"]
    for status, label in (
        ("dilewati", "dilewati"),
        ("tanpa-alamat", "tanpa alamat"),
        ("gagal", "gagal"),
        ("coba", "akan " + kata),
    ):
        if hasil.jumlah(status):
            ringkas.append(f"{hasil.jumlah(status)} {label}")
    konsol.print(
        ", ".join(ringkas) + f". Batas pengumpulan: [bold]{format_tanggal(hasil.batas)}[/]."
    )
    if jumlah and not smtp:
        konsol.print(
            f"Buka berkas .eml di {aman(ruang.relatif(hasil.folder))}/ dengan Thunderbird "
            "atau Outlook, periksa, lalu tekan kirim."
        )
    raise typer.Exit(KELUAR_TEMUAN if hasil.ada_gagal else KELUAR_SELESAI)


def daftar(app: typer.Typer) -> None:
    app.command("kirim")(perintah(kirim))
