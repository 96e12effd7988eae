"""``kinerja cek``: check the configuration and summarise it."""

from __future__ import annotations

import typer
from rich.table import Table

from ..angka import format_rupiah
from ..konfigurasi import ringkas
from ..periode import Periode, format_tanggal
from ._umum import OpsiJson, OpsiRuangKerja, aman, cetak_json, konsol, perintah, ruang_kerja, sel


def cek(ruang_kerja_: OpsiRuangKerja = None, json_: OpsiJson = False) -> None:
    """Keluar 0 bila konfigurasi benar (dan mencetak ringkasannya), 2 bila ada kesalahan.

    Contoh:

        kinerja cek

        kinerja cek --ruang-kerja ./sakip-2022 --json
    """
    ruang = ruang_kerja(ruang_kerja_)
    konfigurasi = ruang.konfigurasi
    data = dict(ringkas(konfigurasi))
    contoh = Periode(konfigurasi.tahun, 6)
    aturan = (
        f"tanggal {konfigurasi.batas_tanggal} bulan berikutnya "
        f"(mis. {contoh.label}: {format_tanggal(contoh.batas(konfigurasi.batas_tanggal))})"
    )
    if json_:
        data["aturan_batas"] = aturan
        cetak_json(data)
        return
    konsol.print(f"[bold green]Konfigurasi benar[/]: {aman(ruang.berkas_konfigurasi)}")
    konsol.print(f"Satuan kerja : {aman(konfigurasi.satker.nama)}")
    konsol.print(f"Tahun        : {konfigurasi.tahun}")
    konsol.print(
        f"Sasaran      : {len(konfigurasi.sasaran)}, indikator: {len(konfigurasi.indikator)}"
    )
    konsol.print(f"Batas kirim  : {aman(aturan)}")
    tabel = Table(title="Tim kerja", show_lines=False)
    tabel.add_column("Kode")
    tabel.add_column("Nama tim")
    tabel.add_column("Ketua")
    tabel.add_column("Indikator", justify="right")
    tabel.add_column("Pagu", justify="right")
    for tim in data["tim"]:
        tabel.add_row(
            *sel(
                aman(tim["kode"]),
                aman(tim["nama"]),
                aman(tim["ketua"]),
                str(tim["indikator"]),
                format_rupiah(tim["pagu"]) if tim["pagu"] is not None else "–",
            )
        )
    konsol.print(tabel)


def daftar(app: typer.Typer) -> None:
    app.command("cek")(perintah(cek))
