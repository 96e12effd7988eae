"""``kinerja pengingat``: POS step 4, remind the teams that are late or must correct."""

from __future__ import annotations

from typing import Annotated

import typer

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
from .kirim import tabel_tim


def pengingat(
    bulan: Annotated[
        str,
        typer.Option("--bulan", "-b", help="Bulan: 6, 2022-06, Juni.", show_default=False),
    ],
    smtp: Annotated[
        bool,
        typer.Option(
            "--smtp",
            help="Kirim lewat server surel di kinerja.yaml (sandi dari KINERJA_SMTP_SANDI). "
            "Tanpa ini: tulis berkas .eml.",
        ),
    ] = False,
    coba: Annotated[
        bool,
        typer.Option("--coba", help="Hanya tampilkan siapa yang akan diingatkan; tanpa menulis."),
    ] = False,
    oleh: OpsiOleh = None,
    ruang_kerja_: OpsiRuangKerja = None,
    json_: OpsiJson = False,
) -> None:
    """Untuk setiap tim yang belum punya kiriman diterima bulan itu, atau kiriman
    aktifnya memuat temuan galat: satu pengingat yang menyebut apa yang kurang atau
    salah (temuan beserta selnya), batas pengumpulan dan sisa/lewat harinya. Ditulis
    sebagai keluar/PERIODE/pengingat/KODE-TIM_PERIODE.eml (dikirim dengan --smtp),
    dengan buku kerja umpan balik terlampir bila ada temuan, dan satu halaman
    keluar/PERIODE/pengingat-PERIODE.html berisi tautan WhatsApp per tim serta teks
    yang sama untuk disalin. Kode keluar 1 bila ada tim yang gagal atau tanpa alamat.

    Contoh:

        kinerja pengingat --bulan 6

        KINERJA_SMTP_SANDI='...' kinerja pengingat --bulan 2022-06 --smtp
    """
    ruang = ruang_kerja(ruang_kerja_)
    p = periode_dari(ruang, bulan)
    from ..pengingat import kirim_pengingat  # loaded only when this runs

    hasil = kirim_pengingat(ruang, p, smtp=smtp, coba=coba, oleh=oleh)
    if json_:
        cetak_json(hasil.sebagai_json(ruang))
        raise typer.Exit(KELUAR_TEMUAN if hasil.ada_gagal else KELUAR_SELESAI)
    from ..pengingat import teks_sisa

    konsol.print(
        f"[bold]{p.label}[/]: batas pengumpulan {format_tanggal(hasil.batas)} "
        f"({teks_sisa(hasil.batas, hasil.hari_ini)})."
    )
    if not hasil.pengingat:
        konsol.print("Semua tim sudah mengirim isian tanpa galat; tidak ada yang diingatkan.")
    else:
        judul = f"Pengingat {p.label}" + (" (coba: tidak ada yang ditulis)" if coba else "")
        konsol.print(tabel_tim(ruang, judul, hasil.tim))
        for q in hasil.pengingat:
            sebab = (
                "belum mengirim"
                if not q.galat
                else f"{len(q.galat)} galat: "
                + ", ".join(f"{t.lembar}!{t.sel}" if t.sel else t.kode for t in q.galat)
            )
            konsol.print(f"  {q.tim.kode}: {aman(sebab)}")
    if hasil.tertulis_halaman:
        konsol.print(
            f"Halaman tautan WhatsApp: {aman(ruang.relatif(hasil.halaman))} "
            "(buka di peramban, klik tautan per tim)."
        )
    raise typer.Exit(KELUAR_TEMUAN if hasil.ada_gagal else KELUAR_SELESAI)


def daftar(app: typer.Typer) -> None:
    app.command("pengingat")(perintah(pengingat))
