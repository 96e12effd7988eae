"""``kinerja analisis``: POS step 6."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from ..angka import format_angka, format_persen, format_rupiah
from ..periode import format_tanggal, parse_periode
from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_wajib,
    cetak_json,
    konsol,
    perintah,
    ruang_kerja,
    sel,
    sibuk,
)

if TYPE_CHECKING:  # pandas is loaded only when the command runs, not for every `kinerja`
    from ..analisis import HasilAnalisis

WARNA_TERMINAL: dict[str, str] = {
    "Sangat Baik": "bold green",
    "Baik": "green",
    "Cukup": "yellow",
    "Kurang": "dark_orange",
    "Sangat Kurang": "bold red",
}
"""Terminal colour of each default category (a configured label gets none)."""


def _tanda_terminal() -> dict[str, str]:
    """Flag labels in the terminal table (the legend line spells them out)."""
    from ..analisis import TANDA_SINGKAT

    return {**TANDA_SINGKAT, "di_bawah_target": "di bawah target"}


def analisis(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option(
            "--bulan",
            "-b",
            help="Bulan yang dianalisis: 6, 06, 2022-06 atau Juni.",
            show_default=False,
        ),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option("--tahun", help="Tahun (bawaan: tahun di kinerja.yaml).", show_default=False),
    ] = None,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Dari buku besar (koreksi sudah diterapkan) dihitung realisasi, target bulan,
    triwulan dan tahun, capaian dan kategori setiap indikator, rangkuman per sasaran
    dan per tim, anggaran per tim, tanda perhatian, serta kendala dan rencana tindak
    lanjut. Ditulis ke laporan/PERIODE/: analisis-PERIODE.xlsx, analisis-PERIODE.html
    (siap cetak A4: halaman 1 ringkasan, halaman berikutnya tabel per indikator dan
    rencana tindak lanjut dengan judul berulang dan nomor halaman) dan
    capaian-PERIODE.csv. Bila kinerja.yaml memuat realisasi_tahun_lalu, realisasi tahun
    lalu ikut ditampilkan. Tim yang belum mengirim disebutkan; analisis memakai data
    yang ada.

    Contoh:

        kinerja analisis --bulan 6

        kinerja analisis 6

        kinerja analisis --bulan Juni --oleh "Tim SAKIP"

        kinerja analisis --bulan 2022-06 --json > capaian.json
    """
    bulan = bulan_wajib(bulan_posisi, bulan)
    from ..analisis import analisis_bulan

    ruang = ruang_kerja(ruang_kerja_)
    periode = parse_periode(bulan, tahun or ruang.konfigurasi.tahun)
    if json_:
        cetak_json(analisis_bulan(ruang, periode, oleh=oleh).sebagai_json())
        return
    with sibuk(f"Menganalisis {periode.label}…"):
        hasil = analisis_bulan(ruang, periode, oleh=oleh)
    tampilkan(hasil, ruang.relatif)


def _kategori(nilai: Any) -> str:
    if not isinstance(nilai, str):
        return "–"
    gaya = WARNA_TERMINAL.get(nilai)
    return f"[{gaya}]{aman(nilai)}[/]" if gaya else aman(nilai)


def _warnai(teks: str, kategori: Any) -> str:
    gaya = WARNA_TERMINAL.get(kategori) if isinstance(kategori, str) else None
    return f"[{gaya}]{teks}[/]" if gaya else teks


def tampilkan(hasil: HasilAnalisis, relatif: Callable[[Path], str] = str) -> None:
    """The summary in the terminal: per indicator, roll-ups, budget, who is missing."""
    from ..analisis import TANDA, rekaman

    tanda_terminal = _tanda_terminal()
    desimal = {i.kode: i.angka_desimal for i in hasil.konfigurasi.indikator}
    tahun_lalu = hasil.ada_tahun_lalu
    tabel = Table(title=f"Capaian kinerja {hasil.periode.label}", title_justify="left")
    for judul, kanan in (
        ("Kode", False),
        ("Tim", False),
        ("Realisasi", True),
        ("Target bulan", True),
        ("Capaian", True),
        *((("Realisasi tahun lalu", True),) if tahun_lalu else ()),
        ("Kategori", False),
        ("Catatan", False),
    ):
        tabel.add_column(judul, justify="right" if kanan else "left")
    for r in rekaman(hasil.indikator):
        d = desimal.get(r["kode"])
        tabel.add_row(
            *sel(
                aman(r["kode"]),
                aman(r["tim"]),
                format_angka(_angka(r["realisasi"]), d),
                format_angka(_angka(r["target_bulan"]), d),
                _warnai(format_persen(_angka(r["capaian_bulan"])), r["kategori"]),
                *((format_angka(_angka(r["realisasi_tahun_lalu"]), d),) if tahun_lalu else ()),
                _kategori(r["kategori"]),
                aman(", ".join(tanda_terminal[t] for t in r["tanda"])),
            )
        )
    konsol.print(tabel)
    konsol.print(
        "[dim]Catatan: "
        + "; ".join(f"{tanda_terminal[k]} = {teks}" for k, teks in TANDA.items())
        + ".[/]"
    )

    per = Table(title="Rata-rata capaian per sasaran dan per tim", title_justify="left")
    for judul, kanan in (
        ("Kode", False),
        ("Uraian", False),
        ("Indikator", True),
        ("Capaian bulan ini", True),
        ("Kategori", False),
    ):
        per.add_column(judul, justify="right" if kanan else "left")
    for df, kolom in ((hasil.sasaran, "sasaran"), (hasil.tim, "tim")):
        for r in rekaman(df):
            per.add_row(
                *sel(
                    aman(r[kolom]),
                    aman(str(r["uraian"])),
                    str(r["indikator"]),
                    _warnai(format_persen(_angka(r["capaian_bulan"])), r["kategori"]),
                    _kategori(r["kategori"]),
                )
            )
        if kolom == "sasaran":
            per.add_section()
    konsol.print(per)

    if len(hasil.anggaran):
        ang = Table(
            title="Anggaran per tim: realisasi, pagu, penyerapan dan rencana (RPD) s.d. bulan ini",
            title_justify="left",
        )
        for judul in ("Tim", "Bulan ini", "S.d. bulan ini", "Pagu", "Serap", "RPD", "Deviasi RPD"):
            ang.add_column(judul, justify="left" if judul == "Tim" else "right", no_wrap=True)
        for r in rekaman(hasil.anggaran):
            ang.add_row(
                *sel(
                    aman(r["tim"]),
                    format_rupiah(_angka(r["realisasi_bulan"])),
                    format_rupiah(_angka(r["realisasi_sampai"])),
                    format_rupiah(_angka(r["pagu"])),
                    format_persen(_angka(r["penyerapan"])),
                    format_persen(_angka(r["rencana_penyerapan"])),
                    format_persen(_angka(r["deviasi_rpd"])),
                )
            )
        konsol.print(ang)

    rata = hasil.rata_rata_capaian()
    konsol.print(
        f"Rata-rata capaian bulan ini: [bold]{format_persen(rata)}[/] "
        f"({_kategori(hasil.kategori)}); {hasil.jumlah_berdata} dari {len(hasil.indikator)} "
        "indikator berdata bulan ini."
    )
    tanda = hasil.jumlah_tanda()
    perhatian = ", ".join(f"{tanda_terminal[k]} {n}" for k, n in tanda.items() if n)
    konsol.print(f"Perlu perhatian (indikator): {aman(perhatian) or 'tidak ada'}.")
    lengkap = hasil.kelengkapan
    kiriman = (
        f"Kiriman: {len(lengkap.diterima)} dari {len(lengkap.diharapkan)} tim "
        f"(tepat waktu {len(lengkap.tepat_waktu)}, terlambat {len(lengkap.terlambat)}"
        + (f": {', '.join(lengkap.terlambat)}" if lengkap.terlambat else "")
        + f"), batas {format_tanggal(lengkap.batas)}."
    )
    konsol.print(aman(kiriman))
    if lengkap.belum:
        belum = ", ".join(f"{kd} ({nm})" for kd, nm in lengkap.belum)
        konsol.print(
            f"[bold yellow]Belum mengirim ({len(lengkap.belum)} dari "
            f"{len(lengkap.diharapkan)} tim):[/] {aman(belum)}. Analisis memakai data yang ada."
        )
    if not hasil.ada_data:
        konsol.print(
            f"[bold red]Belum ada data untuk {hasil.periode.label}.[/] Himpun kiriman dulu "
            "dengan `kinerja himpun FOLDER`; laporan tetap ditulis dan menyebutkannya."
        )
    for p in hasil.berkas:
        konsol.print(f"Ditulis: {aman(relatif(p))}")


def _angka(v: object) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return None if v != v else float(v)
    return None


def daftar(app: typer.Typer) -> None:
    app.command("analisis")(perintah(analisis))
