"""What every command shares: the console, the workspace option, rendering errors."""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..galat import KELUAR_TEMUAN, KinerjaError, KonfigurasiError, PenggunaanError
from ..keluaran import teks_json
from ..periode import Periode, parse_periode
from ..ruang_kerja import RuangKerja, cari_ruang_kerja

konsol = Console(highlight=False)
konsol_galat = Console(stderr=True, highlight=False, soft_wrap=True)

OpsiRuangKerja = Annotated[
    Path | None,
    typer.Option(
        "--ruang-kerja",
        "-R",
        help="Folder ruang kerja (berisi kinerja.yaml). Bawaan: folder ini atau di atasnya.",
        envvar="KINERJA_RUANG_KERJA",
        show_default=False,
    ),
]
OpsiJson = Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON.")]
OpsiOleh = Annotated[
    str | None,
    typer.Option("--oleh", help="Nama pelaksana. Bawaan: pengguna sistem operasi."),
]


def ruang_kerja(jalur: Path | None) -> RuangKerja:
    """The workspace for a command, with its configuration checked."""
    ruang = cari_ruang_kerja(eksplisit=jalur)
    _ = ruang.konfigurasi
    return ruang


def periode_dari(ruang: RuangKerja, bulan: str) -> Periode:
    """``--bulan`` as users type it (6, 06, 2022-06, Juni), in the configured year."""
    return parse_periode(bulan, ruang.konfigurasi.tahun)


def tampilkan_galat(exc: KinerjaError) -> None:
    """The one rendering of a user-fixable error: what and where, then what to do."""
    konsol_galat.print(f"[bold red]Galat:[/] {escape(exc.pesan)}")
    if isinstance(exc, KonfigurasiError):
        for masalah in exc.masalah:
            konsol_galat.print(f"  • {escape(str(masalah))}")
    if exc.saran:
        konsol_galat.print(f"[bold]Yang perlu dilakukan:[/] {escape(exc.saran)}")


def cetak_json(data: Any) -> None:
    """JSON on standard output, UTF-8, stable key order."""
    typer.echo(teks_json(data))


P = ParamSpec("P")
R = TypeVar("R")


def perintah(fungsi: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command: a KinerjaError becomes a two-line message and its exit code.

    This is the one place where errors meet the user. Real bugs keep their traceback
    (Typer shows it without local variables, so workbook data is not dumped).
    """

    @functools.wraps(fungsi)
    def bungkus(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fungsi(*args, **kwargs)
        except KinerjaError as exc:
            tampilkan_galat(exc)
            raise typer.Exit(exc.kode_keluar) from None
        except KeyboardInterrupt:
            konsol_galat.print("[bold red]Dibatalkan.[/] Perintah dapat dijalankan ulang.")
            raise typer.Exit(KELUAR_TEMUAN) from None

    return bungkus


def _bisa_bertanya() -> bool:
    """True when a confirmation can be read without hanging: a terminal, or an
    in-memory input (a program driving the command with its answers ready)."""
    stdin = sys.stdin
    if stdin is None:
        return False
    try:
        if stdin.isatty():
            return True
        stdin.fileno()
    except io.UnsupportedOperation:
        return True
    except (OSError, ValueError, AttributeError):
        return False
    return False


def ya_atau_tidak(pertanyaan: str, tanpa_jawaban: KinerjaError) -> bool:
    """Ask ``pertanyaan`` and read y (ya) or t (tidak); ``tanpa_jawaban`` is raised when
    nobody can answer (input is not a terminal) or the input ends."""
    if not _bisa_bertanya():
        raise tanpa_jawaban
    while True:
        try:
            jawab = typer.prompt(f"{pertanyaan} Ketik y (ya) atau t (tidak)", default="t")
        except typer.Abort:
            raise tanpa_jawaban from None
        jawab = jawab.strip().lower()
        if jawab in ("y", "ya", "yes"):
            return True
        if jawab in ("t", "tidak", "n", "no", "tdk"):
            return False
        konsol.print("Jawab y (ya) atau t (tidak).")


def nama_pemutus(ruang: RuangKerja, oleh: str | None) -> str:
    """Who makes a decision: ``--oleh``, or the configured Kasubbag Umum after the user
    confirms it; never the OS user silently."""
    if oleh and oleh.strip():
        return oleh.strip()
    nama = ruang.konfigurasi.satker.kasubbag_umum.nama
    perlu = PenggunaanError(
        "Keputusan ini perlu nama yang memutuskan, dan --oleh tidak diisi.",
        f'Tambahkan --oleh "NAMA" (mis. --oleh "{nama}").',
    )
    if ya_atau_tidak(f"Catat keputusan atas nama {nama} (Kasubbag Umum di kinerja.yaml)?", perlu):
        return nama
    raise perlu
