"""``kinerja disposisi``: POS steps 1 and 2."""

from __future__ import annotations

from typing import Annotated

import typer

from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiRuangKerja,
    aman,
    bulan_wajib,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
)


def disposisi(
    langkah: Annotated[
        int,
        typer.Option(
            "--langkah",
            help="1: Kepala menugaskan Kasubbag Umum; 2: Kasubbag Umum menugaskan Tim SAKIP.",
            show_default=False,
        ),
    ],
    oleh: Annotated[
        str, typer.Option("--oleh", help="Nama pemberi disposisi.", show_default=False)
    ],
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Bulan data: 6, 2022-06, Juni.", show_default=False),
    ] = None,
    kepada: Annotated[
        str | None,
        typer.Option(
            "--kepada",
            help="Nama penerima. Bawaan: Kasubbag Umum (langkah 1) atau Tim SAKIP (langkah 2) "
            "dari kinerja.yaml.",
            show_default=False,
        ),
    ] = None,
    catatan: Annotated[str, typer.Option("--catatan", help="Catatan pada lembar disposisi.")] = "",
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Lembar ditulis ke laporan/PERIODE/disposisi-langkah-N-PERIODE.html, satu halaman
    A4 siap cetak dengan kop satuan kerja (satker.kop dan satker.alamat di
    kinerja.yaml), nomor dan nama POS, isi disposisi, dan blok tanda tangan dengan
    NIP. Langkah 2 ditolak sebelum langkah 1 dicatat untuk bulan itu.

    Contoh:

        kinerja disposisi --bulan 6 --langkah 1 --oleh "Drs. Djohan Achmadi, M.Ed."

        kinerja disposisi --bulan 6 --langkah 2 --oleh "Hendra Saputra, S.E., M.M." --catatan "Segera"
    """
    bulan = bulan_wajib(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan)
    from ..disposisi import catat_disposisi  # loaded only when this runs

    hasil = catat_disposisi(ruang, periode, langkah, oleh, kepada, catatan)
    if json_:
        cetak_json(
            {
                "periode": periode.kode,
                "langkah": langkah,
                "dari": hasil.dari,
                "kepada": hasil.kepada,
                "waktu": hasil.waktu.isoformat(),
                "berkas": str(hasil.berkas),
            }
        )
        return
    konsol.print(
        f"Disposisi langkah {langkah} {periode.label} dicatat: {aman(hasil.dari)} → "
        f"{aman(hasil.kepada)}"
    )
    konsol.print(f"Lembar Disposisi (siap cetak): {aman(ruang.relatif(hasil.berkas))}")
    if langkah == 1:
        kasubbag = ruang.konfigurasi.satker.kasubbag_umum.nama
        konsol.print(
            f"Langkah berikutnya (POS langkah 2): `kinerja disposisi --bulan {periode.kode} "
            f'--langkah 2 --oleh "{aman(kasubbag)}"`.'
        )
    else:
        konsol.print(
            f"Langkah berikutnya (POS langkah 3): `kinerja buat-instrumen {periode.kode}`."
        )


def daftar(app: typer.Typer) -> None:
    app.command("disposisi")(perintah(disposisi))
