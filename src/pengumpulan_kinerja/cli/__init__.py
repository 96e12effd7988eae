"""The Typer app: parse, call one core function, render, exit.

Each command lives in its own module of this package and registers itself through
``daftar(app)``, wrapping its function with :func:`._umum.perintah`: the one place
that turns a :class:`~pengumpulan_kinerja.galat.KinerjaError` into a message and an
exit code.

A command named first on the line (``kinerja cek``) loads only that command's module,
and through it only the parts of the tool it uses. Anything else (``kinerja --help``, a
mistyped name) needs only the names and summaries of the commands: those are in
:data:`PERINTAH`, so no command module is imported for them.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from typing import Any

import typer

from .. import __version__
from ._bahasa import GrupKinerja, pasang

PERINTAH: dict[str, str] = {
    "init": "Membuat ruang kerja baru berisi kinerja.yaml contoh yang diberi komentar.",
    "cek": "Memeriksa kinerja.yaml: semua kesalahan sekaligus, dengan nomor barisnya.",
    "impor_pk": "Membuat draf kinerja.yaml dari matriks Perjanjian Kinerja / Rencana Aksi.",
    "impor_realisasi": "Mencatat realisasi bulan-bulan yang dilaporkan sebelum memakai kinerja.",
    "disposisi": "Mencatat disposisi POS langkah 1 atau 2 dan menulis Lembar Disposisi (HTML).",
    "buat_instrumen": "Membuat instrumen Excel untuk setiap tim kerja (POS langkah 3).",
    "kirim": "Mengirim instrumen setiap tim kepada Ketua Tim Kerja lewat surel (POS langkah 4).",
    "pengingat": "Mengingatkan tim yang belum mengirim isian atau isiannya masih ada galat.",
    "jadwal": "Menulis batas pengumpulan setiap bulan sebagai kalender (keluar/jadwal-TAHUN.ics).",
    "himpun": "Menghimpun berkas isian dari sebuah folder (POS langkah 5).",
    "analisis": "Menganalisis capaian kinerja satu bulan terhadap target PK (POS langkah 6).",
    "koreksi": "Mengoreksi data capaian satu bulan (POS langkah 7), dengan jejak audit.",
    "tolak": "Menolak hasil analisis satu bulan: keputusan Kasubbag Umum (POS langkah 7: tidak).",
    "setujui": "Menyetujui data capaian satu bulan: keputusan Kasubbag Umum (POS langkah 7: ya).",
    "buka": "Membuka kembali bulan yang sudah disetujui agar dapat dihimpun atau dikoreksi lagi.",
    "arsip": "Mengarsipkan folder data capaian kinerja bulanan (POS langkah 8).",
    "status": (
        "Menampilkan delapan langkah POS untuk satu bulan: pelaksana, mutu baku, mulai, "
        "selesai, oleh siapa, lama, apakah mutu baku terpenuhi, dan langkah berikutnya."
    ),
    "rekap": "Merekap capaian kinerja satu triwulan atau setahun untuk LKj bab III.",
    "tahun_baru": "Membuat ruang kerja tahun berikutnya dari ruang kerja ini.",
    "demo": "Menjalankan satu bulan penuh POS pada contoh BPMP Provinsi Lampung (Juni 2022).",
    "cadangkan": (
        "Mencadangkan buku besar kinerja.db dengan aman, juga saat perintah lain berjalan."
    ),
    "periksa": "Memeriksa buku besar: rantai hash, nilai kini, salinan kiriman, identitas.",
}
"""Every command module, in the order of ``kinerja --help``, with its one-line summary:
the first line of ``kinerja NAMA --help`` and its line in the command list."""


def _nama(modul: str) -> str:
    return modul.replace("_", "-")


def _app_baru() -> typer.Typer:
    app = typer.Typer(
        name="kinerja",
        cls=GrupKinerja,
        help=(
            "Pengumpulan data kinerja bulanan menurut POS Pengumpulan Data Kinerja: "
            "instrumen per tim, penghimpunan, analisis capaian, koreksi, persetujuan dan "
            "arsip, dari satu folder tanpa server.\n\n"
            "Contoh:  kinerja demo   (menjalankan satu bulan penuh pada contoh)"
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["--help", "-h"]},
    )
    app.callback()(_utama)
    return app


def _versi(nilai: bool) -> None:
    if nilai:
        typer.echo(f"kinerja {__version__}")
        raise typer.Exit()


def _utama(
    versi: bool = typer.Option(
        False, "--versi", callback=_versi, is_eager=True, help="Tampilkan versi kinerja."
    ),
) -> None:
    """Pengumpulan data kinerja bulanan (POS Pengumpulan Data Kinerja)."""


def _muat(app: typer.Typer, modul: str) -> None:
    """Register the command of ``modul``: its summary first, then its docstring."""
    importlib.import_module(f"{__name__}.{modul}").daftar(app)
    info = app.registered_commands[-1]
    ringkas = PERINTAH[modul]
    info.short_help = ringkas
    info.help = f"{ringkas}\n\n{inspect.getdoc(info.callback) or ''}".rstrip()


def _app_lengkap(hanya: str | None = None) -> typer.Typer:
    """The app with every command, or only the command of module ``hanya``."""
    app = _app_baru()
    for modul in PERINTAH if hanya is None else [hanya]:
        _muat(app, modul)
    pasang(app)
    return app


def _app_ringkas() -> typer.Typer:
    """The app with every command by name and summary only, for the command list of
    ``kinerja --help`` and for "Maksudnya ...?" on a mistyped name. Should a command be
    reached through it after all (``kinerja -- cek``), the full app runs the line."""
    app = _app_baru()
    for modul, ringkas in PERINTAH.items():
        app.command(
            _nama(modul),
            help=ringkas,
            short_help=ringkas,
            add_help_option=False,
            context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        )(_jalankan_lengkap)
    pasang(app)
    return app


def _jalankan_lengkap() -> None:
    _app_lengkap()(args=sys.argv[1:], prog_name="kinerja")


_lengkap: typer.Typer | None = None


def __getattr__(nama: str) -> Any:
    """``cli.app``: the app with every command (tests, the docs checks)."""
    global _lengkap
    if nama == "app":
        if _lengkap is None:
            _lengkap = _app_lengkap()
        return _lengkap
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


def main() -> None:
    """Entry point of the ``kinerja`` console script (see the module docstring)."""
    pertama = sys.argv[1] if len(sys.argv) > 1 else ""
    modul = pertama.replace("-", "_")
    if modul in PERINTAH and "_" not in pertama:
        _app_lengkap(modul)()
    else:
        _app_ringkas()()
