"""``kinerja analisis``: POS step 6."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..analisis import TANDA, HasilAnalisis
from ..analisis import analisis_bulan as _analisis
from ..angka import format_angka, format_persen, format_rupiah
from ..periode import parse_periode
from ._umum import OpsiJson, OpsiOleh, OpsiRuangKerja, cetak_json, konsol, perintah, ruang_kerja

WARNA_TERMINAL = {
    "Sangat Baik": "bold green",
    "Baik": "green",
    "Cukup": "yellow",
    "Kurang": "dark_orange",
    "Sangat Kurang": "red",
}


def analisis(
    bulan: Annotated[str, typer.Option("--bulan", "-b", help="Bulan: 6, 06, 2022-06 atau Juni.")],
    tahun: Annotated[
        int | None, typer.Option("--tahun", help="Tahun (bawaan: tahun di kinerja.yaml).")
    ] = None,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Menganalisis capaian kinerja satu bulan terhadap target PK (POS langkah 6).

    Menghitung realisasi, target bulan/triwulan/tahun, capaian dan kategori setiap
    indikator dari buku besar (koreksi sudah diterapkan), rangkuman per sasaran dan per
    tim, anggaran, tanda perhatian, serta rencana tindak lanjut. Menulis
    laporan/PERIODE/analisis-PERIODE.xlsx, analisis-PERIODE.html dan
    capaian-PERIODE.csv.

    Contoh:

        kinerja analisis --bulan 6

        kinerja analisis --bulan Juni --json
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = parse_periode(bulan, tahun or ruang.konfigurasi.tahun)
    hasil = _analisis(ruang, periode, oleh=oleh)
    if json_:
        cetak_json(hasil.sebagai_json())
        return
    tampilkan(hasil, ruang.relatif)


def tampilkan(hasil: HasilAnalisis, relatif: object = str) -> None:
    k = hasil.konfigurasi
    tabel = Table(title=f"Capaian kinerja {hasil.periode.label}")
    for judul in ("Kode", "Tim", "Realisasi", "Target bulan", "Capaian", "Kategori", "Catatan"):
        tabel.add_column(
            judul, justify="right" if judul in ("Realisasi", "Target bulan", "Capaian") else "left"
        )
    for r in hasil.indikator.to_dict("records"):
        kat = _kat(r["kategori"])
        gaya = WARNA_TERMINAL.get(kat, "")
        kategori = f"[{gaya}]{kat}[/]" if gaya else (kat or "–")
        tabel.add_row(
            str(r["kode"]),
            str(r["tim"]),
            format_angka(_n(r["realisasi"])),
            format_angka(_n(r["target_bulan"])),
            format_persen(_n(r["capaian_bulan"])),
            kategori,
            escape("; ".join(TANDA[t] for t in r["tanda"])),
        )
    konsol.print(tabel)
    per = Table(title="Per sasaran dan per tim")
    for judul in ("Kelompok", "Uraian", "Capaian bulan ini", "Kategori"):
        per.add_column(judul)
    for df, kolom in ((hasil.sasaran, "sasaran"), (hasil.tim, "tim")):
        for r in df.to_dict("records"):
            kat = _kat(r["kategori"])
            gaya = WARNA_TERMINAL.get(kat, "")
            per.add_row(
                str(r[kolom]),
                escape(str(r["uraian"])),
                format_persen(_n(r["capaian_bulan"])),
                f"[{gaya}]{kat}[/]" if gaya else (kat or "–"),
            )
    konsol.print(per)
    if len(hasil.anggaran):
        ang = Table(title="Anggaran")
        for judul in (
            "Tim",
            "Realisasi bulan ini",
            "Realisasi s.d. bulan ini",
            "Penyerapan",
            "Deviasi RPD",
        ):
            ang.add_column(judul, justify="left" if judul == "Tim" else "right")
        for r in hasil.anggaran.to_dict("records"):
            ang.add_row(
                str(r["tim"]),
                format_rupiah(_n(r["realisasi_bulan"])),
                format_rupiah(_n(r["realisasi_sampai"])),
                format_persen(_n(r["penyerapan"])),
                format_persen(_n(r["deviasi_rpd"])),
            )
        konsol.print(ang)
    rata = hasil.rata_rata_capaian()
    konsol.print(
        f"Rata-rata capaian bulan ini: [bold]{format_persen(rata)}[/] ({k.kategori_untuk(rata) or '–'})"
    )
    lengkap = hasil.kelengkapan
    if lengkap.belum:
        belum = ", ".join(f"{kd} ({nm})" for kd, nm in lengkap.belum)
        konsol.print(
            f"[bold yellow]Belum mengirim:[/] {escape(belum)}. Analisis memakai data yang ada."
        )
    if not hasil.ada_data:
        konsol.print(
            "[bold red]Belum ada data untuk bulan ini.[/] Himpun kiriman dulu dengan `kinerja himpun`."
        )
    for p in hasil.berkas:
        konsol.print(f"Ditulis: {relatif(p) if callable(relatif) else p}")


def _kat(v: object) -> str:
    return v if isinstance(v, str) else ""


def _n(v: object) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def daftar(app: typer.Typer) -> None:
    app.command("analisis")(perintah(analisis))
