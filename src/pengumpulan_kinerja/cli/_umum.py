"""What every command shares: the console, the workspace option, rendering errors."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..galat import KELUAR_TEMUAN, KinerjaError, KonfigurasiError
from ..periode import Periode, parse_periode
from ..ruang_kerja import RuangKerja, cari_ruang_kerja

_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A)) | {0x200E, 0x200F}
"""Bidirectional overrides: they reorder what a terminal shows (a name can look like
another); shown as escapes like the control characters."""


def _kode_tampak(kode: int) -> str:
    if 0xDC80 <= kode <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{kode - 0xDC00:02x}"
    if kode <= 0xFF:
        return f"\\x{kode:02x}"
    return f"\\u{kode:04x}"


def tanpa_kendali(teks: str, baris: bool = False) -> str:
    """Text a terminal cannot be steered by: every C0/C1 control character (ESC, BEL,
    CR...), DEL, bidirectional override and lone surrogate (from a file name that is not
    UTF-8) is shown as its escape, e.g. ``\\x1b``. With ``baris`` newlines and tabs
    stay (a multi-line message); otherwise they are shown as ``\\n`` / ``\\t`` too (a
    name is one line)."""
    if teks.isprintable() and teks.isascii():
        return teks
    keluar: list[str] = []
    for huruf in teks:
        kode = ord(huruf)
        if baris and huruf in "\n\t":
            keluar.append(huruf)
        elif kode < 0x20 or 0x7F <= kode <= 0x9F or 0xD800 <= kode <= 0xDFFF or kode in _BIDI:
            keluar.append(_kode_tampak(kode))
        else:
            keluar.append(huruf)
    return "".join(keluar)


def aman(teks: object, baris: bool = False) -> str:
    """Any user- or file-supplied text, ready for ``konsol.print`` and table cells:
    control characters made visible (:func:`tanpa_kendali`) and Rich markup escaped,
    so ``[/]`` or ``[bold]`` in a file name prints literally. Every text the CLI did
    not write itself goes through here."""
    return escape(tanpa_kendali(str(teks), baris=baris))


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
    konsol_galat.print(f"[bold red]Galat:[/] {aman(exc.pesan, baris=True)}")
    if isinstance(exc, KonfigurasiError):
        for masalah in exc.masalah:
            konsol_galat.print(f"  • {aman(masalah, baris=True)}")
    if exc.saran:
        konsol_galat.print(f"[bold]Yang perlu dilakukan:[/] {aman(exc.saran, baris=True)}")


def cetak_json(data: Any) -> None:
    """JSON on standard output, UTF-8, stable key order."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


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
