"""``kinerja himpun``: POS step 5."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..galat import KELUAR_SELESAI, KELUAR_TEMUAN, PenggunaanError
from ..himpun import (
    HasilBerkas,
    HasilHimpun,
    periksa_keluaran_himpun,
)
from ..himpun import himpun as _himpun
from ..periode import format_tanggal
from ..temuan import Tingkat
from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_pilihan,
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


def himpun(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder berisi berkas isian (mis. ./masuk).")
    ],
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Hanya terima berkas bulan ini (6, 2022-06, Juni)."),
    ] = None,
    coba: Annotated[
        bool,
        typer.Option(
            "--coba",
            help="Periksa saja: buku besar dan kiriman/ tidak diubah (--laporan dan "
            "--umpan-balik tetap ditulis bila diminta).",
        ),
    ] = False,
    laporan: Annotated[
        Path | None, typer.Option("--laporan", help="Tulis daftar temuan ke berkas .xlsx ini.")
    ] = None,
    umpan_balik: Annotated[
        Path | None,
        typer.Option(
            "--umpan-balik", help="Tulis satu buku kerja umpan balik per tim ke folder ini."
        ),
    ] = None,
    timpa: Annotated[
        bool,
        typer.Option(
            "--timpa", help="Ganti berkas --laporan atau buku kerja --umpan-balik yang sudah ada."
        ),
    ] = False,
    oleh: OpsiOleh = None,
    rinci: Annotated[
        bool,
        typer.Option(
            "--rinci",
            help="Tampilkan setiap berkas (bawaan: hanya berkas yang bertemuan atau tidak "
            "diterima, lalu satu baris ringkasan per bulan).",
        ),
    ] = False,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Membaca .xlsx, .xlsm, .xls dan .ods (nama berkas tidak penting), mengenali
    tim dan bulan dari metadata instrumen, memeriksa setiap isian, lalu
    mencatat kiriman yang diterima ke buku besar bersama salinan persisnya di
    kiriman/PERIODE/. Berkas asli tidak pernah diubah atau dipindah. Berkas
    yang sama persis dilewati; berkas baru dari tim dan bulan yang sama
    menggantikan yang lama (yang lama tetap tersimpan).

    Bawaan hanya berkas yang bertemuan atau ditolak yang ditampilkan satu per
    satu, lalu satu baris ringkasan per bulan; --rinci menampilkan setiap
    berkas, --json semuanya.

    Keluar 0 bila semua diterima tanpa galat, 1 bila ada temuan galat,
    2 bila salah pakai.

    Contoh:

        kinerja himpun ./masuk

        kinerja himpun ./masuk --bulan 6 --coba

        kinerja himpun ./masuk 2022-06

        kinerja himpun ./masuk --laporan temuan.xlsx --umpan-balik ./umpan-balik
    """
    bulan = bulan_pilihan(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan) if bulan else None
    if laporan is not None and laporan.suffix.lower() != ".xlsx":
        raise PenggunaanError("--laporan harus berakhiran .xlsx.", "Contoh: --laporan temuan.xlsx")
    periksa_keluaran_himpun(ruang, folder, laporan, umpan_balik, timpa)
    with _Kemajuan(tampil=not json_) as kemajuan:
        hasil = _himpun(ruang, folder, bulan=periode, coba=coba, oleh=oleh, kemajuan=kemajuan)
    # the findings list and the feedback workbooks are reports the user asked for: they
    # are written with --coba too (nothing is written to the ledger or kiriman/)
    berkas_keluar: list[Path] = []
    if laporan is not None:
        from ..umpan_balik import tulis_laporan_temuan  # openpyxl: only when asked for

        berkas_keluar.append(tulis_laporan_temuan(laporan, hasil.temuan, timpa))
    if umpan_balik is not None:
        from ..umpan_balik import tulis_umpan_balik

        berkas_keluar += tulis_umpan_balik(umpan_balik, hasil.temuan, ruang.konfigurasi, timpa)
    if json_:
        data = hasil.sebagai_json()
        data["berkas_ditulis"] = [str(p) for p in berkas_keluar]
        cetak_json(data)
    else:
        _tampilkan(hasil, berkas_keluar, rinci)
    raise typer.Exit(KELUAR_TEMUAN if hasil.ada_galat else KELUAR_SELESAI)


class _Kemajuan:
    """The progress bar of a run, on a terminal only and from ten files on: it starts
    when the run reports its first file, so the folder is listed once (by the run) and
    a run to a pipe does not import Rich's live display at all."""

    def __init__(self, tampil: bool) -> None:
        self.tampil = tampil and konsol.is_terminal
        self.batang: Any = None
        self.tugas: Any = None

    def __enter__(self) -> _Kemajuan:
        return self

    def __call__(self, selesai: int, total: int) -> None:
        if self.batang is None:
            if not self.tampil or total < 10:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.batang = Progress(
                TextColumn("Menghimpun"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=konsol,
                transient=True,
            )
            self.batang.start()
            self.tugas = self.batang.add_task("himpun", total=total)
        self.batang.update(self.tugas, completed=selesai, total=total)

    def __exit__(self, *_: object) -> None:
        if self.batang is not None:
            self.batang.stop()


def _perlu_dilihat(b: HasilBerkas) -> bool:
    """A file shown without ``--rinci``: it was rejected or has a finding. Accepted files
    without findings, and exact duplicates whose only finding says so (a folder taken in
    again), are only counted in the month's summary line."""
    return b.status == "ditolak" or any(t.kode != "duplikat" for t in b.temuan)


def _tampilkan(hasil: HasilHimpun, berkas_keluar: list[Path], rinci: bool = False) -> None:
    if not hasil.berkas:
        konsol.print("Tidak ada buku kerja (.xlsx, .xlsm, .xls, .ods) di folder itu.")
    tampil = hasil.berkas if rinci else tuple(b for b in hasil.berkas if _perlu_dilihat(b))
    if tampil:
        konsol.print(_tabel(hasil, tampil))
    for nama in hasil.dilewati:
        konsol.print(f"[dim]Dilewati: {aman(nama)}[/]")
    temuan = [t for b in tampil for t in b.temuan]
    if temuan:
        konsol.print("\n[bold]Temuan[/]")
        for t in temuan:
            warna = _WARNA[t.tingkat]
            konsol.print(
                f"  [{warna}]{t.tingkat!s:<10}[/] {t.kode:<28} {aman(t.lokasi)}: {aman(t.pesan, baris=True)}"
            )
    _ringkasan(hasil)
    tersembunyi = len(hasil.berkas) - len(tampil)
    if tersembunyi:
        konsol.print(
            f"{tersembunyi} berkas lain (diterima tanpa temuan, atau duplikat yang dilewati) "
            "tidak ditampilkan satu per satu "
            "(--rinci untuk semua berkas)."
        )
    for p in berkas_keluar:
        konsol.print(f"Ditulis: {aman(p)}")


def _tabel(hasil: HasilHimpun, berkas: Sequence[HasilBerkas]) -> Table:
    tabel = Table(
        title="Hasil penghimpunan"
        + (" (coba: buku besar dan kiriman/ tidak diubah)" if hasil.coba else "")
    )
    tabel.add_column("Berkas", min_width=10, overflow="fold")
    for judul in ("Tim", "Bulan", "Status", "Diterima", "Diisi"):
        tabel.add_column(judul)
    tabel.add_column("Temuan", no_wrap=True)
    for b in berkas:
        diterima = _tanggal(b.diterima_pada)
        tabel.add_row(
            aman(b.berkas),
            aman(b.tim or "–"),
            aman(b.periode or "–"),
            _STATUS.get(b.status, b.status),
            f"{diterima}\n[yellow]terlambat[/]" if b.terlambat else diterima,
            _tanggal(b.tanggal_pengisian),
            _jumlah_temuan(b),
        )
    return tabel


def _cacah(berkas: Iterable[HasilBerkas]) -> str:
    """``12 berkas: 10 diterima, 1 ditolak, 1 duplikat`` (statuses with none left out)."""
    jumlah = Counter(b.status for b in berkas)
    rincian = ", ".join(
        f"{jumlah[s]} {s}" for s in ("diterima", "ditolak", "duplikat") if jumlah[s]
    )
    return f"{sum(jumlah.values())} berkas: {rincian}"


def _ringkasan(hasil: HasilHimpun) -> None:
    """One line per month: teams received of expected, on time, late and missing by
    name, and how many files were accepted, rejected or duplicates."""
    per_bulan: dict[str, list[HasilBerkas]] = {}
    for b in hasil.berkas:
        per_bulan.setdefault(b.periode, []).append(b)
    if hasil.kelengkapan or per_bulan:
        konsol.print()
    for k in hasil.kelengkapan:
        belum = aman(", ".join(f"{kode} ({nama})" for kode, nama in k.belum) or "tidak ada")
        terlambat = aman(", ".join(k.terlambat) or "tidak ada")
        berkas = per_bulan.pop(k.periode.kode, [])
        cacah = f" {_cacah(berkas)}." if berkas else ""
        konsol.print(
            f"[bold]{k.periode.label}[/] (batas {format_tanggal(k.batas)}): diterima "
            f"{len(k.diterima)}/{len(k.diharapkan)} tim, tepat waktu "
            f"{len(k.tepat_waktu)}, terlambat {len(k.terlambat)} ({terlambat}); "
            f"belum mengirim: {belum}.{cacah}"
        )
    for kode, berkas in per_bulan.items():  # months outside the year, or not recognised
        konsol.print(f"[bold]{aman(kode) or 'Bulan tidak dikenali'}[/]: {_cacah(berkas)}.")


def _jumlah_temuan(b: HasilBerkas) -> str:
    """``1 galat`` / ``2 peringatan`` / ``1 info``, one per line; ``–`` when none."""
    baris = [f"[{_WARNA[t]}]{b.jumlah(t)} {t}[/]" for t in Tingkat if b.jumlah(t)]
    return "\n".join(baris) or "–"


def _tanggal(iso: str) -> str:
    """``2022-07-05T09:00:00`` → ``05-07-2022``; other text as it is."""
    try:
        return datetime.fromisoformat(iso).strftime("%d-%m-%Y")
    except ValueError:
        return aman(iso) or "–"


def daftar(app: typer.Typer) -> None:
    app.command("himpun")(perintah(himpun))
