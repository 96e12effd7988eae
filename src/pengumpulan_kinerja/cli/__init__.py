"""The Typer app: parse, call one core function, render, exit.

Each command lives in its own module of this package and registers itself through
``daftar(app)``, wrapping its function with :func:`._umum.perintah`: the one place
that turns a :class:`~pengumpulan_kinerja.galat.KinerjaError` into a message and an
exit code.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from .. import __version__
from ._bahasa import GrupKinerja, pasang

URUTAN_PERINTAH: tuple[str, ...] = (
    "init",
    "cek",
    "impor_pk",
    "impor_realisasi",
    "disposisi",
    "buat_instrumen",
    "kirim",
    "pengingat",
    "jadwal",
    "himpun",
    "analisis",
    "koreksi",
    "tolak",
    "setujui",
    "buka",
    "arsip",
    "status",
    "rekap",
    "tahun_baru",
    "demo",
)


_app = typer.Typer(
    name="kinerja",
    cls=GrupKinerja,
    help=(
        "Pengumpulan data kinerja bulanan menurut POS Pengumpulan Data Kinerja: "
        "instrumen per tim, penghimpunan, analisis capaian, koreksi, persetujuan dan arsip, "
        "dari satu folder tanpa server.\n\n"
        "Contoh:  kinerja demo   (menjalankan satu bulan penuh pada contoh)"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["--help", "-h"]},
)


def _versi(nilai: bool) -> None:
    if nilai:
        typer.echo(f"kinerja {__version__}")
        raise typer.Exit()


@_app.callback()
def _utama(
    versi: bool = typer.Option(
        False, "--versi", callback=_versi, is_eager=True, help="Tampilkan versi kinerja."
    ),
) -> None:
    """Pengumpulan data kinerja bulanan (POS Pengumpulan Data Kinerja)."""


def _modul_perintah() -> list[str]:
    ada = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}
    return [n for n in URUTAN_PERINTAH if n in ada] + sorted(ada - set(URUTAN_PERINTAH))


_dimuat: set[str] = set()


def _muat_perintah(hanya: str | None = None) -> typer.Typer:
    """Register the commands (each module once), or only the command ``hanya``."""
    for nama in _modul_perintah() if hanya is None else [hanya]:
        if nama not in _dimuat:
            importlib.import_module(f"{__name__}.{nama}").daftar(_app)
            _dimuat.add(nama)
    pasang(_app)
    return _app


def __getattr__(nama: str) -> typer.Typer:
    """``cli.app``: the app with every command (tests, the docs checks)."""
    if nama == "app":
        return _muat_perintah()
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


def main() -> None:
    """Entry point of the ``kinerja`` console script. A command named first on the line
    (``kinerja cek``) loads only that command's module, and through it only the parts of
    the tool it uses; anything else (``--help``, a mistyped name) loads every command."""
    pertama = sys.argv[1] if len(sys.argv) > 1 else ""
    modul = pertama.replace("-", "_")
    hanya = modul if modul in _modul_perintah() and "_" not in pertama else None
    _muat_perintah(hanya)()
