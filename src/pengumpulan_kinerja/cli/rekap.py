"""``kinerja rekap``: the quarter or the year, as LKj chapter III tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ..angka import format_angka, format_persen
from ..galat import PenggunaanError
from ._umum import (
    OpsiJson,
    OpsiRuangKerja,
    aman,
    cetak_json,
    konsol,
    perintah,
    ruang_kerja,
    sibuk,
)

if TYPE_CHECKING:  # the core (and with it python-docx, openpyxl) loads only when this runs
    from ..rekap import HasilRekap

WARNA: dict[str, str] = {
    "Sangat Baik": "bold green",
    "Baik": "green",
    "Cukup": "yellow",
    "Kurang": "dark_orange",
    "Sangat Kurang": "bold red",
    "efisien": "green",
    "cukup efisien": "yellow",
    "tidak efisien": "bold red",
}


def rekap(
    triwulan: Annotated[
        int | None,
        typer.Option(
            "--triwulan",
            "-t",
            help="Triwulan yang direkap (1-4): realisasi akhir triwulan terhadap target triwulan.",
            show_default=False,
        ),
    ] = None,
    tahunan: Annotated[
        bool,
        typer.Option("--tahunan", help="Rekap setahun: realisasi akhir tahun terhadap target PK."),
    ] = False,
    sementara: Annotated[
        bool,
        typer.Option(
            "--sementara",
            help="Sertakan bulan yang belum disetujui; semua keluaran lalu ditandai SEMENTARA "
            "(nama berkas berakhiran -sementara). Bila semua bulan sudah disetujui, rekapnya final.",
        ),
    ] = False,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Dari buku besar (koreksi sudah diterapkan), hanya bulan yang disetujui: bulan yang
    belum disetujui disebutkan dan tidak dihitung (kecuali dengan --sementara). Per
    sasaran dan indikator: target, realisasi, capaian, kategori, realisasi tahun lalu,
    target dan capaian terhadap Renstra, bulan yang dilaporkan, kendala/upaya/rencana
    tindak lanjut; per tim: pagu, realisasi, penyerapan dan efisiensi. Ditulis ke
    laporan/2022-TW2/ (atau laporan/2022-tahunan/): rekap-kinerja-2022-TW2.docx (Word,
    A4), rekap-kinerja-2022-TW2.xlsx dan rekap-2022-TW2.csv.

    Contoh:

        kinerja rekap --triwulan 2

        kinerja rekap --tahunan

        kinerja rekap --triwulan 3 --sementara --json > rekap.json
    """
    if (triwulan is None) == (not tahunan):
        raise PenggunaanError(
            "Pilih salah satu: --triwulan N atau --tahunan.",
            "Contoh: `kinerja rekap --triwulan 2` atau `kinerja rekap --tahunan`.",
        )
    from ..rekap import rekap as buat_rekap

    ruang = ruang_kerja(ruang_kerja_)
    if json_:
        cetak_json(buat_rekap(ruang, triwulan, sementara=sementara).sebagai_json())
        return
    with sibuk("Menyusun rekap…"):
        hasil = buat_rekap(ruang, triwulan, sementara=sementara)
    tampilkan(hasil, ruang.relatif)


def _warna(teks: str, kunci: str | None) -> str:
    gaya = WARNA.get(kunci or "")
    return f"[{gaya}]{aman(teks)}[/]" if gaya else aman(teks)


def tampilkan(hasil: HasilRekap, relatif: Callable[[Path], str] = str) -> None:
    """The summary in the terminal: per indicator, per team, which months counted."""
    judul = f"Rekap capaian kinerja {hasil.periode.label}" + (
        " — SEMENTARA" if hasil.sementara else ""
    )
    tabel = Table(title=judul, title_justify="left")
    for kolom, kanan in (
        ("Kode", False),
        ("Target", True),
        ("Real.", True),
        ("Capaian", True),
        ("Kategori", False),
        ("Th. lalu", True),
        ("vs Renstra", True),
        ("Bulan", False),
    ):
        tabel.add_column(kolom, justify="right" if kanan else "left", overflow="fold")
    for s in hasil.sasaran:
        for b in s.baris:
            tabel.add_row(
                b.kode,
                format_angka(b.target),
                format_angka(b.realisasi),
                _warna(format_persen(b.capaian), b.kategori),
                _warna(b.kategori or "–", b.kategori),
                format_angka(b.realisasi_tahun_lalu),
                format_persen(b.capaian_renstra),
                ";".join(str(m) for m in b.bulan_dilaporkan) or "–",
            )
        tabel.add_row(
            f"[bold]{aman(s.kode)}[/]",
            "",
            "",
            _warna(format_persen(s.rata_rata_capaian), s.kategori),
            _warna(s.kategori or "–", s.kategori),
            "",
            "",
            "",
            end_section=True,
        )
    konsol.print(tabel)
    if hasil.anggaran:
        ang = Table(title="Anggaran (Rp) dan efisiensi per tim", title_justify="left")
        for kolom in (
            "Tim",
            "Pagu",
            "Realisasi",
            "Serap",
            "Capaian",
            "Selisih",
            "Efisiensi",
        ):
            ang.add_column(
                kolom,
                justify="left" if kolom in ("Tim", "Efisiensi") else "right",
                overflow="fold",
            )
        for a in hasil.anggaran:
            ang.add_row(
                a.tim,
                format_angka(a.pagu, 0),
                format_angka(a.realisasi, 0),
                format_persen(a.penyerapan),
                format_persen(a.capaian),
                format_angka(a.selisih, 2),
                _warna(a.efisiensi or "–", a.efisiensi),
            )
        konsol.print(ang)
        konsol.print(
            "[dim]Capaian tim = rata-rata capaian indikatornya terhadap target tahunan; "
            "efisien bila capaian − penyerapan > 5 poin, cukup efisien bila ±5.[/]"
        )
    for kalimat in hasil.keterangan_data():
        gaya = "bold red" if kalimat.startswith("SEMENTARA") else "bold yellow"
        if kalimat.startswith("Dihitung"):
            konsol.print(aman(kalimat))
        else:
            konsol.print(f"[{gaya}]{aman(kalimat)}[/]")
    for p in hasil.berkas:
        konsol.print(f"Ditulis: {aman(relatif(p))}")


def daftar(app: typer.Typer) -> None:
    app.command("rekap")(perintah(rekap))
