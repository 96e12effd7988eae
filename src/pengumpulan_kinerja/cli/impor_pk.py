"""``kinerja impor-pk``: a PK / Rencana Aksi matrix → a commented kinerja.yaml draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..angka import format_angka
from ..galat import PenggunaanError
from ..impor_pk import HasilImporPk, impor_pk, tulis_templat_pk
from ._umum import OpsiJson, aman, cetak_json, konsol, perintah


def _json(hasil: HasilImporPk) -> dict[str, object]:
    return {
        "matriks": str(hasil.matriks),
        "keluaran": str(hasil.keluaran),
        "ditimpa": hasil.ditimpa,
        "lembar": hasil.lembar,
        "baris_kepala": list(hasil.baris_kepala),
        "tahun": hasil.tahun,
        "jumlah_sasaran": len(hasil.sasaran),
        "jumlah_indikator": hasil.jumlah_indikator,
        "kolom": [{"bidang": k.bidang, "label": k.label, "sel": k.sel} for k in hasil.kolom],
        "tim": [{"kode": t.kode, "nama": t.nama} for t in hasil.tim],
        "sasaran": [
            {
                "kode": s.kode,
                "uraian": s.uraian,
                "indikator": [
                    {
                        "kode": i.kode,
                        "uraian": i.uraian,
                        "satuan": i.satuan,
                        "tim": i.tim,
                        "arah": i.arah,
                        "agregasi": i.agregasi,
                        "target": i.target,
                        "target_triwulan": list(i.target_triwulan),
                        "sel": i.sel,
                    }
                    for i in s.indikator
                ],
            }
            for s in hasil.sasaran
        ],
        "tebakan": [
            {"kode": t.kode, "bidang": t.bidang, "pesan": t.pesan, "sel": t.sel}
            for t in hasil.tebakan
        ],
        "tak_terpetakan": [
            {"lembar": t.lembar, "sel": t.sel, "isi": t.isi, "alasan": t.alasan}
            for t in hasil.tak_terpetakan
        ],
    }


def _tampilkan(hasil: HasilImporPk) -> None:
    awal, akhir = hasil.baris_kepala
    baris = f"baris {awal}–{akhir}" if akhir != awal else f"baris {awal}"
    konsol.print(
        f"Matriks dibaca: [bold]{aman(hasil.matriks.name)}[/], lembar "
        f"{aman(repr(hasil.lembar))}, judul kolom di {baris}"
    )
    tabel = Table(title="Kolom yang dikenali", title_justify="left")
    tabel.add_column("Bidang")
    tabel.add_column("Judul di matriks")
    tabel.add_column("Sel")
    for k in hasil.kolom:
        tabel.add_row(k.nama, aman(k.label), k.sel)
    konsol.print(tabel)

    ringkas = Table(title="Indikator", title_justify="left")
    for judul in ("Kode", "Sasaran", "Tim", "Satuan", "Target", "TW I–IV", "Arah", "Agregasi"):
        ringkas.add_column(judul)
    for s in hasil.sasaran:
        for i in s.indikator:
            ringkas.add_row(
                i.kode,
                s.kode,
                i.tim,
                aman(i.satuan),
                format_angka(i.target),
                " / ".join(format_angka(v) for v in i.target_triwulan),
                i.arah,
                i.agregasi,
            )
    konsol.print(ringkas)

    if hasil.tak_terpetakan:
        tak = Table(title="Tidak dipetakan (diabaikan)", title_justify="left")
        tak.add_column("Tempat")
        tak.add_column("Isi")
        tak.add_column("Alasan")
        for t in hasil.tak_terpetakan:
            tempat = f"{t.lembar}!{t.sel}" if t.sel else t.lembar
            tak.add_row(aman(tempat), aman(t.isi), aman(t.alasan))
        konsol.print(tak)
    else:
        konsol.print("Tidak dipetakan: tidak ada; semua isi matriks terbaca.")

    if hasil.tebakan:
        konsol.print(
            f"[bold yellow]{len(hasil.tebakan)} tebakan[/] ditandai [bold]# PERIKSA:[/] di draf:"
        )
        per_kode: dict[tuple[str, str], list[str]] = {}
        for tebak in hasil.tebakan:
            per_kode.setdefault((tebak.kode, tebak.sel), []).append(tebak.pesan)
        for (kode, sel), pesan in per_kode.items():
            tempat = f" ({sel})" if sel else ""
            konsol.print(f"  {aman(kode)}{tempat}: {aman('; '.join(pesan))}")
    ganti = " (berkas lama diganti)" if hasil.ditimpa else ""
    konsol.print(f"[bold green]Draf ditulis[/]: {aman(str(hasil.keluaran))}{ganti}")
    konsol.print(
        f"  {len(hasil.sasaran)} sasaran, {hasil.jumlah_indikator} indikator, "
        f"{len(hasil.tim)} tim, tahun {hasil.tahun}"
    )
    konsol.print(
        "Langkah berikutnya: isi baris bertanda [bold]# ISI:[/] (nama satker, nama dan NIP "
        "pejabat dan ketua tim), periksa baris [bold]# PERIKSA:[/], lalu jalankan "
        "[bold]kinerja cek[/]."
    )


def impor_pk_(
    matriks: Annotated[
        Path | None,
        typer.Argument(
            help="Matriks PK / Rencana Aksi (.xlsx, .xlsm, .xls, .ods).",
            metavar="MATRIKS",
            show_default=False,
        ),
    ] = None,
    keluaran: Annotated[
        Path,
        typer.Option("--keluaran", "-o", help="Berkas draf konfigurasi yang ditulis."),
    ] = Path("kinerja.yaml"),
    timpa: Annotated[
        bool, typer.Option("--timpa", help="Ganti berkas keluaran (atau templat) yang sudah ada.")
    ] = False,
    tahun: Annotated[
        int | None,
        typer.Option(
            "--tahun",
            help="Tahun PK. Bawaan: dari judul kolom (Target 2022) atau judul matriks.",
            min=2000,
            max=2100,
            show_default=False,
        ),
    ] = None,
    templat: Annotated[
        Path | None,
        typer.Option(
            "--templat",
            help="Tulis matriks PK kosong (.xlsx) untuk diisi, lalu berhenti.",
            show_default=False,
        ),
    ] = None,
    json_: OpsiJson = False,
) -> None:
    """Kolom dikenali dari judulnya (huruf besar/kecil dan spasi tidak berpengaruh):
    Sasaran / Sasaran Strategis / Sasaran Kegiatan; Indikator / Indikator Kinerja;
    Satuan; Target / Target Tahunan / Target 2022; TW I…TW IV / Triwulan I… / TW 1… /
    Target TW I…; Tim / Tim Kerja / PJ / Penanggung Jawab; pilihan: Kode,
    Arah/Polaritas, Agregasi/Sifat. Judul boleh dua baris dan sel Sasaran boleh
    digabung. Kode yang tidak ada dibuat (SK1, IKK-1.1), tim dibuat dari nilai kolom
    Tim, dan setiap tebakan ditandai # PERIKSA: pada barisnya. Berkas yang sudah ada
    hanya diganti dengan --timpa.

    Contoh:

        kinerja impor-pk "PK 2022.xlsx"

        kinerja init sakip-2022
        kinerja impor-pk "PK 2022.xlsx" --keluaran sakip-2022/kinerja.yaml --timpa

        kinerja impor-pk --templat matriks-pk.xlsx
    """
    if templat is not None:
        if matriks is not None:
            raise PenggunaanError(
                "--templat menulis matriks kosong; jangan sertakan MATRIKS bersamanya.",
                "Jalankan `kinerja impor-pk --templat matriks-pk.xlsx` saja, isi, lalu impor.",
            )
        tulis_templat_pk(templat, timpa=timpa, tahun=tahun)
        if json_:
            cetak_json({"templat": str(templat)})
            return
        konsol.print(f"Templat matriks PK ditulis: [bold]{aman(str(templat))}[/]")
        konsol.print(
            "Isi lembar 'Matriks PK' (petunjuk dan contoh di lembar 'Petunjuk'), lalu jalankan "
            f"[bold]kinerja impor-pk {aman(str(templat))}[/]."
        )
        return
    if matriks is None:
        raise PenggunaanError(
            "Sebutkan berkas matriks PK yang dibaca.",
            "Contoh: `kinerja impor-pk PK-2022.xlsx`, atau buat templat dengan "
            "`kinerja impor-pk --templat matriks-pk.xlsx`.",
        )
    hasil = impor_pk(matriks, keluaran, timpa=timpa, tahun=tahun)
    if json_:
        cetak_json(_json(hasil))
        return
    _tampilkan(hasil)


def daftar(app: typer.Typer) -> None:
    app.command("impor-pk")(perintah(impor_pk_))
