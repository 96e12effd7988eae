"""``kinerja impor-realisasi``: the months reported before the tool was used (SPEC §14)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..galat import KELUAR_SELESAI, KELUAR_TEMUAN, PenggunaanError
from ..impor_realisasi import (
    HasilImporRealisasi,
    HasilTimBulan,
    diterima_impor,
    impor_realisasi,
    tulis_templat_realisasi,
)
from ..periode import Periode
from ..temuan import Tingkat
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

_WARNA = {Tingkat.GALAT: "red", Tingkat.PERINGATAN: "yellow", Tingkat.INFO: "cyan"}
_STATUS = {
    "diterima": "[green]diterima[/]",
    "ditolak": "[red]ditolak[/]",
    "duplikat": "[cyan]duplikat[/]",
}


def _bulan(tahun: int, nilai: list[str], urai: Callable[[str], Periode]) -> list[Periode]:
    """``--bulan`` values: ``3``, ``Maret``, ``2022-03``, a range ``1-5`` / ``Jan-Mei``, or
    a list ``1,2,3``; the option may be repeated."""
    hasil: list[Periode] = []
    for satu in nilai:
        for bagian in (b.strip() for b in satu.split(",")):
            if not bagian:
                continue
            rentang = re.fullmatch(r"([^-]+?)\s*(?:-|–|s\.?d\.?)\s*([^-]+)", bagian)
            if rentang and not re.fullmatch(r"\d{4}-\d{1,2}", bagian):
                awal = urai(rentang.group(1))
                akhir = urai(rentang.group(2))
                if akhir < awal:
                    raise PenggunaanError(
                        f"Rentang bulan {bagian!r} terbalik.", "Tulis dari bulan awal, mis. 1-5."
                    )
                hasil += [Periode(tahun, b) for b in range(awal.bulan, akhir.bulan + 1)]
            else:
                hasil.append(urai(bagian))
    return hasil


def impor_realisasi_(
    berkas: Annotated[
        Path | None,
        typer.Argument(
            help="Buku kerja riwayat (.xlsx, .xlsm, .xls, .ods) dengan lembar Realisasi.",
            metavar="RIWAYAT",
            show_default=False,
        ),
    ] = None,
    bulan: Annotated[
        list[str] | None,
        typer.Option(
            "--bulan",
            "-b",
            metavar="BULAN",
            help="Hanya bulan ini: 3, Maret, 2022-03, rentang 1-5, atau daftar 1,2,3 "
            "(boleh diulang). Bawaan: semua bulan yang terisi.",
            show_default=False,
        ),
    ] = None,
    coba: Annotated[
        bool,
        typer.Option("--coba", help="Periksa saja: buku besar dan kiriman/ tidak diubah."),
    ] = False,
    templat: Annotated[
        Path | None,
        typer.Option(
            "--templat",
            help="Tulis buku kerja riwayat kosong (.xlsx) berisi kode indikator dan tim, "
            "lalu berhenti.",
            show_default=False,
        ),
    ] = None,
    timpa: Annotated[
        bool, typer.Option("--timpa", help="Ganti berkas templat yang sudah ada.")
    ] = False,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Buku kerja riwayat berisi lembar Realisasi: satu baris per indikator (kolom
    Kode) dan kolom bulan Jan … Des (juga Januari …; huruf besar/kecil dan spasi
    tidak berpengaruh). Indikator berpembilang/penyebut diisi pada baris
    KODE/pembilang dan KODE/penyebut (atau kolom Pembilang Jan … / Penyebut Jan …);
    realisasinya dihitung 100 × pembilang / penyebut. Lembar Anggaran (pilihan):
    satu baris per tim (kolom Tim) dengan kolom bulan yang sama. Indikator
    kumulatif diisi tambahan bulan itu, bukan jumlah s.d. bulan itu.

    Setiap nilai diperiksa dengan aturan yang sama dengan himpun; temuan menyebut
    berkas, lembar dan sel. Setiap tim dan bulan dicatat sebagai satu kiriman
    bersumber impor (dengan salinan persis buku kerjanya di kiriman/PERIODE/),
    masuk jejak audit, dan ditolak untuk bulan yang sudah disetujui. Kiriman impor
    dianggap diterima tanggal 1 bulan itu pukul 00.00, sehingga kiriman instrumen
    asli bulan itu (himpun) selalu yang berlaku. Berkas yang sama diimpor dua kali
    tidak menambah apa pun (duplikat). Keluar 0 bila tanpa galat, 1 bila ada
    temuan galat atau berkas ditolak, 2 bila salah pakai.

    Contoh:

        kinerja impor-realisasi --templat riwayat.xlsx

        kinerja impor-realisasi riwayat.xlsx --coba

        kinerja impor-realisasi riwayat.xlsx --bulan 1-5
    """
    ruang = ruang_kerja(ruang_kerja_)
    if templat is not None:
        if berkas is not None:
            raise PenggunaanError(
                "--templat menulis buku kerja kosong; jangan sertakan RIWAYAT bersamanya.",
                "Jalankan `kinerja impor-realisasi --templat riwayat.xlsx` saja, isi, lalu impor.",
            )
        tulis_templat_realisasi(ruang.konfigurasi, templat, timpa=timpa)
        if json_:
            cetak_json({"templat": str(templat)})
            return
        konsol.print(f"Templat riwayat realisasi ditulis: [bold]{aman(str(templat))}[/]")
        konsol.print(
            "Isi lembar 'Realisasi' (dan 'Anggaran'), lalu periksa dengan "
            f"[bold]kinerja impor-realisasi {aman(str(templat))} --coba[/]."
        )
        return
    if berkas is None:
        raise PenggunaanError(
            "Sebutkan buku kerja riwayat yang diimpor.",
            "Contoh: `kinerja impor-realisasi riwayat.xlsx`, atau buat templat dengan "
            "`kinerja impor-realisasi --templat riwayat.xlsx`.",
        )
    dipilih = _bulan(ruang.konfigurasi.tahun, bulan or [], lambda teks: periode_dari(ruang, teks))
    hasil = impor_realisasi(ruang, berkas, dipilih, coba=coba, oleh=oleh)
    if json_:
        cetak_json(hasil.sebagai_json())
    else:
        _tampilkan(hasil)
    raise typer.Exit(KELUAR_TEMUAN if hasil.ada_galat else KELUAR_SELESAI)


def _tampilkan(hasil: HasilImporRealisasi) -> None:
    judul = f"Impor realisasi dari {aman(hasil.berkas)}"
    if hasil.coba:
        judul += " (coba: buku besar dan kiriman/ tidak diubah)"
    if hasil.tim_bulan:
        tabel = Table(title=judul)
        for kolom in ("Bulan", "Tim", "Status", "Nilai", "Diterima", "Temuan"):
            tabel.add_column(kolom, no_wrap=kolom in ("Bulan", "Temuan"))
        for h in hasil.tim_bulan:
            tabel.add_row(
                h.periode,
                aman(h.tim),
                _STATUS.get(h.status, h.status)
                + ("" if h.aktif or h.status != "diterima" else "\n[dim](tidak berlaku)[/]"),
                str(h.nilai) if h.status == "diterima" else "–",
                f"{datetime.fromisoformat(diterima_impor(h.periode)):%d-%m-%Y}",
                _jumlah_temuan(h),
            )
        konsol.print(tabel)
    else:
        konsol.print(f"{judul}: tidak ada bulan yang terisi.")
    # the same message for many team-months (a duplicate workbook) is printed once
    sama: dict[tuple[str, str, str], int] = {}
    for t in hasil.temuan:
        kunci = (t.kode, t.lokasi, t.pesan)
        sama[kunci] = sama.get(kunci, 0) + 1
    if sama:
        konsol.print("\n[bold]Temuan[/]")
        for t in hasil.temuan:
            kunci = (t.kode, t.lokasi, t.pesan)
            if kunci not in sama:
                continue
            kali = sama.pop(kunci)
            warna = _WARNA[t.tingkat]
            ulang = f" ({kali} tim × bulan)" if kali > 1 else ""
            konsol.print(
                f"  [{warna}]{t.tingkat!s:<10}[/] {t.kode:<28} {aman(t.lokasi)}: "
                f"{aman(t.pesan, baris=True)}{ulang}"
            )
    diterima = hasil.jumlah_status("diterima")
    kata = "akan dicatat" if hasil.coba else "dicatat"
    konsol.print(
        f"\n{diterima} kiriman impor (tim × bulan) {kata}, {hasil.jumlah_status('duplikat')} "
        f"duplikat, {hasil.jumlah_status('ditolak')} ditolak."
    )
    if diterima and not hasil.coba:
        konsol.print(
            "Kiriman impor dianggap diterima tanggal 1 bulannya pukul 00.00: kiriman instrumen "
            "asli bulan itu yang dihimpun kemudian tetap yang berlaku."
        )


def _jumlah_temuan(h: HasilTimBulan) -> str:
    baris = [f"[{_WARNA[t]}]{h.jumlah(t)} {t}[/]" for t in Tingkat if h.jumlah(t)]
    return "\n".join(baris) or "–"


def daftar(app: typer.Typer) -> None:
    app.command("impor-realisasi")(perintah(impor_realisasi_))
