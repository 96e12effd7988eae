"""What every command shares: the console, the workspace option, rendering errors."""

from __future__ import annotations

import contextlib
import functools
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..galat import KELUAR_TEMUAN, KinerjaError, KonfigurasiError, PenggunaanError
from ..keluaran import teks_json
from ..periode import Periode, parse_periode
from ..ruang_kerja import RuangKerja, cari_ruang_kerja
from ._bahasa import galat_pemakaian, tanpa_kendali


def aman(teks: object, baris: bool = False) -> str:
    """Any user- or file-supplied text, ready for ``konsol.print`` and table cells:
    control characters made visible (:func:`tanpa_kendali`) and Rich markup escaped,
    so ``[/]`` or ``[bold]`` in a file name prints literally. Every text the CLI did
    not write itself goes through here.

    Rich's ``escape`` leaves two gaps, closed here: backslashes before a ``[`` that does
    not look like a tag (Rich prints ``\\[`` as ``[``, so one backslash more is
    written), and a run of several backslashes at the end (Rich doubles only a single
    one; the text is usually followed by markup such as ``[/]``, which the run would
    otherwise escape)."""
    polos = tanpa_kendali(str(teks), baris=baris)
    inti = polos.rstrip("\\")
    return _BUKAN_TAG.sub(r"\1\\\2", escape(inti)) + polos[len(inti) :] * 2


_BUKAN_TAG = re.compile(r"(\\+)(\[)(?![a-z#/@][^[]*?\])")
"""Backslashes before a ``[`` that Rich's markup does not read as a tag."""


konsol = Console(highlight=False, emoji=False)
konsol_galat = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
"""No emoji codes: a name such as ``Tim :x:`` prints as written (``aman`` escapes
markup, not colons), and Rich does not load its emoji table (±3 ms) for every
command."""

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
ArgBulan = Annotated[
    str | None,
    typer.Argument(
        metavar="BULAN",
        help="Bulan: 6, 06, 2022-06 atau Juni (boleh juga ditulis dengan --bulan).",
        show_default=False,
    ),
]
"""The month as a positional argument; every command that takes a month also has
``--bulan``, and :func:`bulan_wajib` / :func:`bulan_pilihan` take either."""
OpsiOleh = Annotated[
    str | None,
    typer.Option("--oleh", help="Nama pelaksana. Bawaan: pengguna sistem operasi."),
]


def sel(*teks: str) -> list[Text]:
    """Table cells (markup strings) as Rich text, each parsed once: a cell given as a
    string is parsed again every time Rich measures or draws it; the text is the same."""
    return [konsol.render_str(t) for t in teks]


def sibuk(pesan: str, spinner: str = "dots") -> contextlib.AbstractContextManager[object]:
    """A spinner with ``pesan`` while a long step runs, on a terminal only: to a pipe or
    a file Rich draws nothing, so there it is not started at all (Rich's live display
    costs an import and a refresh thread)."""
    if not konsol.is_terminal:
        return contextlib.nullcontext()
    return konsol.status(pesan, spinner=spinner)


def ruang_kerja(jalur: Path | None) -> RuangKerja:
    """The workspace for a command, with its configuration checked."""
    ruang = cari_ruang_kerja(eksplisit=jalur)
    _ = ruang.konfigurasi
    return ruang


def periode_dari(ruang: RuangKerja, bulan: str) -> Periode:
    """``--bulan`` as users type it (6, 06, 2022-06, Juni), in the configured year."""
    return parse_periode(bulan, ruang.konfigurasi.tahun)


def _bulan(posisi: str | None, opsi: str | None) -> str | None:
    if posisi is not None and opsi is not None:
        raise galat_pemakaian(
            f"Bulan disebut dua kali ({tanpa_kendali(posisi)!r} dan --bulan "
            f"{tanpa_kendali(opsi)!r}); tulis sekali saja: sesudah nama perintah atau dengan --bulan."
        )
    return posisi if posisi is not None else opsi


def bulan_wajib(posisi: str | None, opsi: str | None) -> str:
    """The month of a command that needs one, given as BULAN or as ``--bulan`` (a usage
    error, exit 2, when neither or both are given)."""
    bulan = _bulan(posisi, opsi)
    if bulan is None:
        raise galat_pemakaian(
            "Bulan wajib diisi: tulis sesudah nama perintah (mis. 6, 2022-06 atau Juni) "
            "atau dengan --bulan 6."
        )
    return bulan


def bulan_pilihan(posisi: str | None, opsi: str | None) -> str | None:
    """The month of a command where it is optional, as BULAN or ``--bulan`` (a usage
    error, exit 2, when both are given)."""
    return _bulan(posisi, opsi)


def tampilkan_galat(exc: KinerjaError) -> None:
    """The one rendering of a user-fixable error: what and where, then what to do."""
    konsol_galat.print(f"[bold red]Galat:[/] {aman(exc.pesan, baris=True)}")
    if isinstance(exc, KonfigurasiError):
        for masalah in exc.masalah:
            konsol_galat.print(f"  • {aman(masalah, baris=True)}")
    if exc.saran:
        konsol_galat.print(f"[bold]Yang perlu dilakukan:[/] {aman(exc.saran, baris=True)}")


_TAK_TERCETAK_JSON = re.compile("[\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
"""What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal must not get: C1
controls, DEL, bidirectional overrides, lone surrogates (C0 controls it escapes)."""


def cetak_json(data: Any) -> None:
    """Strict JSON on standard output (never NaN or Infinity), UTF-8, stable key order;
    characters that could steer a terminal (or that are not UTF-8) are written as
    ``\\uXXXX`` escapes, which JSON readers turn back into the same text."""
    teks = teks_json(data)
    typer.echo(_TAK_TERCETAK_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", teks))


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
