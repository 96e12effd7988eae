"""Indonesian for everything Typer prints itself: usage errors, help headings, flags.

Why classes and not gettext: the Typer this tool depends on (0.29) carries its own copy
of Click (``typer._click``) whose messages are plain f-strings ("Missing option ...",
"No such option ...", "Got unexpected extra argument(s) ...", "Usage: "), so there is
no gettext catalogue to install for them; only Typer's rich help constants
(``typer.rich_utils``) go through gettext, and those are evaluated when that module is
imported. So the CLI uses its own command and group classes (set for every command in
one place, :func:`pasang`), which

- write the usage line as ``Penggunaan:`` with ``[OPSI]`` / ``PERINTAH [ARGUMEN]...``;
- give every parameter an Indonesian type label (``<teks>``, ``<bilangan>``), no label
  at all for a flag (``--coba`` takes no value), and an Indonesian help option;
- turn every usage error (Click's exception classes, by type and attributes, not by
  parsing their English) into :class:`GalatPemakaian` with an Indonesian message,
  exit code 2;
- print help with their own renderer (:func:`tampilkan_bantuan`: the same look as
  Typer's rich help, with plain Rich), and set the error panel texts of
  ``typer.rich_utils`` only when Typer is about to render a usage error, so
  ``kinerja --help`` does not pay for importing that module (Markdown, Syntax and
  Traceback renderers: about 45 ms).

Typer's internals change between minor versions: ``pyproject.toml`` pins the minor
version, and ``tests/test_cli_bahasa.py`` runs every mistake through the real CLI.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer import _click
from typer._click import exceptions as _galat
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from ._konversi import TanpaPydantic

if TYPE_CHECKING:
    from rich.table import Table

KELUAR_PEMAKAIAN = 2

_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A)) | {0x200E, 0x200F}
"""Bidirectional overrides: they reorder what a terminal shows (a name can look like
another); shown as escapes like the control characters."""


_SINGKATAN = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _kode_tampak(kode: int) -> str:
    if kode in _SINGKATAN:
        return _SINGKATAN[kode]
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


OPSI_METAVAR = "[OPSI]"
PERINTAH_METAVAR = "PERINTAH [ARGUMEN]..."
AWALAN_PENGGUNAAN = "Penggunaan: "
BANTUAN_OPSI = "Tampilkan bantuan ini lalu keluar."

TEKS_RICH: dict[str, str] = {
    "DEPRECATED_STRING": "(usang) ",
    "DEFAULT_STRING": "[bawaan: {}]",
    "ENVVAR_STRING": "[variabel lingkungan: {}]",
    "REQUIRED_LONG_STRING": "[wajib]",
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "OPTIONS_PANEL_TITLE": "Opsi",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "ERRORS_PANEL_TITLE": "Galat",
    "ABORTED_TEXT": "Dibatalkan.",
    "RICH_HELP": "Lihat [blue]'{command_path} {help_option}'[/] untuk bantuan.",
}
"""The fixed texts of Typer's rich help and error panels, in Indonesian."""

_JENIS: dict[Any, tuple[str, str]] = {
    str: ("teks", "teks"),
    int: ("bilangan", "bilangan bulat, mis. 1 atau 2"),
    float: ("angka", "angka, mis. 12.5"),
    Path: ("jalur", "jalur berkas atau folder"),
}
"""Type label in help, and what a value must be, by annotation."""


_SOROT_PENGGUNAAN = r"(?P<usage>Penggunaan: )"


def pasang_teks_rich() -> None:
    """Put the Indonesian texts into ``typer.rich_utils`` (imported only now: Typer
    imports it anyway at the moment it renders a usage error)."""
    from typer import rich_utils

    for nama, teks in TEKS_RICH.items():
        setattr(rich_utils, nama, teks)
    sorotan = rich_utils.highlighter  # colours "Usage: "; the same for our usage line
    if _SOROT_PENGGUNAAN not in sorotan.highlights:
        sorotan.highlights = [*sorotan.highlights, _SOROT_PENGGUNAAN]  # type: ignore[misc]


class GalatPemakaian(_galat.UsageError):
    """A usage error whose message is already Indonesian (exit code 2)."""

    exit_code = KELUAR_PEMAKAIAN

    def format_message(self) -> str:
        return self.message


def galat_pemakaian(pesan: str) -> GalatPemakaian:
    """A usage error raised from inside a command (e.g. a month given twice), tied to
    the running command so its usage line is shown."""
    pasang_teks_rich()
    ctx = _click.globals.get_current_context(silent=True)
    return GalatPemakaian(pesan, ctx)


# --------------------------------------------------------------------------- parameters


def _nama_param(param: _click.Parameter) -> str:
    """How a parameter is named in a message: its long option, or the argument's name."""
    if isinstance(param, TyperArgument):
        return f"'{param.metavar or param.name}'"
    panjang = [o for o in param.opts if o.startswith("--")]
    return f"'{(panjang or param.opts)[0]}'"


def _jenis(param: _click.Parameter) -> tuple[str, str] | None:
    deskripsi = getattr(param, "type_descriptor", None)
    return _JENIS.get(getattr(deskripsi, "annotation", None))


def _label_jenis(param: TyperOption | TyperArgument) -> str | None:
    """The type label in help, or None to fall back to Typer's."""
    jenis = _jenis(param)
    return f"<{jenis[0]}>" if jenis is not None else None


class _NilaiIndonesia(TanpaPydantic):
    """A Typer parameter converted without pydantic whose value that cannot be
    converted is a usage error in Indonesian."""

    def process_value(self, ctx: _click.Context, value: Any) -> Any:
        try:
            return super().process_value(ctx, value)
        except _galat.MissingParameter:
            raise
        except _galat.BadParameter:
            raise GalatPemakaian(_nilai_salah(self, value), ctx) from None


class _OpsiIndonesia(_NilaiIndonesia, TyperOption):
    """Typer's option with an Indonesian type label (none for a flag) and message for
    a value that cannot be converted."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.is_flag or self.is_bool_flag:
            return None  # a flag takes no value: no placeholder
        if self.metavar is not None:
            return self.metavar
        return _label_jenis(self) or super().display_type_rich(ctx)


class _ArgumenIndonesia(_NilaiIndonesia, TyperArgument):
    """Typer's argument with an Indonesian type label and conversion message."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return _label_jenis(self) or super().display_type_rich(ctx)


def _indonesiakan(param: _click.Parameter) -> None:
    """Give one of Typer's parameters the Indonesian overrides: Typer builds its
    parameters itself, so each one is given the subclass that only adds them (same
    attributes, same layout)."""
    if type(param) is TyperOption:
        param.__class__ = _OpsiIndonesia
    elif type(param) is TyperArgument:
        param.__class__ = _ArgumenIndonesia


def _nilai_salah(param: _click.Parameter, nilai: Any) -> str:
    jenis = _jenis(param)
    contoh = nilai if not isinstance(nilai, list | tuple) or len(nilai) != 1 else nilai[0]
    tampil = tanpa_kendali(repr(contoh) if isinstance(contoh, str) else str(contoh))
    if jenis is None:
        return f"Nilai {_nama_param(param)} tidak sah: {tampil}."
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    bawah, atas = getattr(info, "min", None), getattr(info, "max", None)
    if bawah is not None and atas is not None:
        return f"Nilai {_nama_param(param)} harus {jenis[0]} {bawah}–{atas}, bukan {tampil}."
    return f"Nilai {_nama_param(param)} harus {jenis[1]}, bukan {tampil}."


# --------------------------------------------------------------------------- messages

_PERLU_NILAI = re.compile(r"requires (?:an argument|(\d+) arguments)")


def terjemahkan(exc: _galat.UsageError, ctx: _click.Context | None) -> GalatPemakaian:
    """Click's usage error ``exc`` as the same error in Indonesian.

    Decided by the exception's type and attributes; the English text is read only
    where Click raises a bare class for several cases (an option's value count)."""
    pasang_teks_rich()
    if isinstance(exc, GalatPemakaian):
        return exc
    ctx = exc.ctx or ctx
    pesan: str
    if isinstance(exc, _galat.MissingParameter):
        param = exc.param
        if param is None:
            pesan = "Parameter wajib belum diisi."
        elif isinstance(param, TyperArgument):
            pesan = f"Argumen {_nama_param(param)} wajib diisi."
        else:
            pesan = f"Opsi {_nama_param(param)} wajib diisi."
    elif isinstance(exc, _galat.NoSuchOption):
        pesan = f"Opsi '{tanpa_kendali(exc.option_name)}' tidak dikenal."
        if exc.possibilities:
            pesan += f" Maksudnya {' atau '.join(sorted(exc.possibilities))}?"
    elif isinstance(exc, _galat.BadOptionUsage):
        nama = tanpa_kendali(exc.option_name)
        cocok = _PERLU_NILAI.search(exc.message)
        if cocok:
            jumlah = f"{cocok.group(1)} nilai" if cocok.group(1) else "sebuah nilai"
            pesan = f"Opsi '{nama}' memerlukan {jumlah} sesudahnya."
        else:
            pesan = f"Opsi '{nama}' tidak menerima nilai; tulis {nama.split('=')[0]} saja."
    elif isinstance(exc, _galat.BadParameter):
        pesan = (
            f"Nilai {_nama_param(exc.param)} tidak sah."
            if exc.param is not None
            else "Nilai tidak sah."
        )
    elif isinstance(exc, _galat.BadArgumentUsage):
        pesan = "Jumlah argumen tidak sesuai."
    elif exc.message.startswith("Missing command"):
        pesan = "Sebutkan perintahnya."
    else:
        pesan = f"Pemakaian tidak sah: {tanpa_kendali(exc.message)}"
    return GalatPemakaian(pesan, ctx)


def _argumen_berlebih(args: Sequence[str]) -> str:
    teks = " ".join(tanpa_kendali(str(a)) for a in args)
    return f"Argumen berlebih yang tidak dikenal: {teks}."


# --------------------------------------------------------------------------- help

_GAYA_BANTUAN = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}
"""The styles of Typer's help (``typer.rich_utils`` defaults), by highlighter name."""

_SOROT_OPSI = (
    r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
    r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
    r"(?P<types>\<[^\>]+\>)",
    _SOROT_PENGGUNAAN,
)
_SOROT_NEGATIF = (
    r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
    r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
)
_SOROT_JENIS = (r"^(?P<types_sep>(\[|<))", r"(?P<types_sep>\|)", r"(?P<types_sep>(\]|>))(\.\.\.)?$")


def _penyorot(pola: tuple[str, ...]) -> Any:
    from rich.highlighter import RegexHighlighter

    return type("Penyorot", (RegexHighlighter,), {"highlights": list(pola)})()


def _konsol_bantuan(penyorot: Any) -> Any:
    """The console Typer's help is printed on, made as ``typer.rich_utils`` makes it
    (its environment variables are read now, not at import)."""
    import os

    from rich.console import Console
    from rich.theme import Theme

    paksa: bool | None = (
        True
        if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") or os.getenv("PY_COLORS")
        else None
    )
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        paksa = False
    lebar = os.getenv("TERMINAL_WIDTH")
    return Console(
        theme=Theme(_GAYA_BANTUAN),
        highlighter=penyorot,
        color_system="auto",
        force_terminal=paksa,
        width=int(lebar) if lebar else None,
    )


def _tabel_panel(sorot: bool) -> Table:
    """The borderless table inside a help panel (as Typer draws it)."""
    from rich.table import Table

    return Table(
        highlight=sorot,
        show_header=False,
        expand=True,
        box=None,
        show_lines=False,
        leading=0,
        border_style=None,
        row_styles=None,
        pad_edge=False,
        padding=(0, 1),
    )


def tampilkan_bantuan(perintah: TyperCommand | TyperGroup, ctx: _click.Context) -> None:
    """Print the help of the group or of a command, looking exactly as Typer's rich help
    (``typer.rich_utils.rich_format_help``, markup mode "rich", one panel each for
    arguments, options and commands) with the Indonesian headings.

    Rendered here with plain Rich because ``typer.rich_utils`` imports Rich's Markdown,
    Syntax and Traceback renderers (markdown_it, pygments, attrs) when it is imported,
    about 45 ms, as long as everything else ``kinerja --help`` does."""
    import inspect

    from rich.align import Align
    from rich.columns import Columns
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    sorot = _penyorot(_SOROT_OPSI)
    sorot_negatif = _penyorot(_SOROT_NEGATIF)
    sorot_jenis = _penyorot(_SOROT_JENIS)
    konsol = _konsol_bantuan(sorot)

    def teks(isi: str, gaya: str = "") -> Text:
        hasil: Text = sorot(Text.from_markup(inspect.cleandoc(isi), style=gaya))
        return hasil

    konsol.print(Padding(sorot(perintah.get_usage(ctx)), 1), style="bold")

    if perintah.help:
        pertama, *sisa = inspect.cleandoc(perintah.help).partition("\f")[0].split("\n\n")
        if not pertama.startswith("\b"):
            pertama = pertama.replace("\n", " ")
        bagian = [teks(pertama.strip())]
        if sisa:
            bagian += [Text(""), teks("\n\n".join(sisa), "dim")]
        konsol.print(Padding(Align(Group(*bagian), pad=False), (0, 1, 1, 1)))

    def panel(judul: str, tabel: Table) -> None:
        konsol.print(Panel(tabel, border_style="dim", title=judul, title_align="left"))

    def keterangan(param: TyperOption | TyperArgument) -> Columns:
        isi: list[Text] = []
        envvar = getattr(param, "envvar", None)
        if envvar is None and (
            getattr(param, "allow_from_autoenv", None)
            and ctx.auto_envvar_prefix is not None
            and param.name
        ):
            envvar = f"{ctx.auto_envvar_prefix}_{param.name.upper()}"
        if param.help:
            alinea = [
                a.replace("\n", " ").strip()
                if not a.startswith("\b")
                else "{}\n".format(a.strip("\b\n"))
                for a in param.help.split("\n\n")
            ]
            isi.append(teks("\n".join(alinea).strip()))
        if envvar and getattr(param, "show_envvar", None):
            nama = envvar if isinstance(envvar, str) else ", ".join(str(v) for v in envvar)
            isi.append(Text(TEKS_RICH["ENVVAR_STRING"].format(nama), style="dim yellow"))
        bawaan = param._extract_default_help_str(ctx=ctx)
        bawaan_teks = isinstance(param.show_default, str)
        if bawaan_teks or (bawaan is not None and (param.show_default or ctx.show_default)):
            tampil = param._get_default_string(
                ctx=ctx, show_default_is_str=bawaan_teks, default_value=bawaan
            )
            if tampil:
                isi.append(Text(TEKS_RICH["DEFAULT_STRING"].format(tampil), style="dim"))
        if param.required:
            isi.append(Text(TEKS_RICH["REQUIRED_LONG_STRING"], style="dim red"))
        return Columns(isi)

    def panel_parameter(judul: str, daftar: list[TyperOption | TyperArgument]) -> None:
        baris: list[list[Any]] = []
        for param in daftar:
            tampil_nama = None
            if isinstance(param, TyperArgument):
                tampil_nama = param.display_name_raw
                if param.metavar is None and param.nargs != 1:
                    tampil_nama += "..."
            panjang = [o for o in param.opts if "--" in o]
            pendek = [tampil_nama or o for o in param.opts if "--" not in o]
            panjang2 = [o for o in param.secondary_opts if "--" in o]
            pendek2 = [tampil_nama or o for o in param.secondary_opts if "--" not in o]
            jenis = Text(style="bold yellow", overflow="fold")
            label = param.display_type_rich(ctx=ctx)
            if label is not None:
                jenis.append(label)
            rentang = param._get_number_range_help_str()
            if rentang:
                jenis.append(f" [{rentang}]")
            baris.append(
                [
                    Text("*", style="red") if param.required else "",
                    sorot(",".join(panjang)),
                    sorot(",".join(pendek)),
                    sorot_negatif(",".join(panjang2)),
                    sorot_negatif(",".join(pendek2)),
                    sorot_jenis(jenis),
                    keterangan(param),
                ]
            )
        if not baris:
            return
        ada_wajib = any(b[0] for b in baris)
        tabel = _tabel_panel(sorot=True)
        for b in baris:
            tabel.add_row(*(b if ada_wajib else b[1:]))
        panel(judul, tabel)

    params = [p for p in perintah.get_params(ctx) if not getattr(p, "hidden", False)]
    panel_parameter(
        TEKS_RICH["ARGUMENTS_PANEL_TITLE"], [p for p in params if isinstance(p, TyperArgument)]
    )
    panel_parameter(
        TEKS_RICH["OPTIONS_PANEL_TITLE"], [p for p in params if isinstance(p, TyperOption)]
    )

    if isinstance(perintah, TyperGroup):
        anak = [perintah.get_command(ctx, n) for n in perintah.list_commands(ctx)]
        daftar = [c for c in anak if c is not None and not c.hidden]
        tabel = _tabel_panel(sorot=False)
        tabel.add_column(
            style="bold cyan",
            no_wrap=True,
            width=max((len(c.name or "") for c in daftar), default=0),
        )
        tabel.add_column("Description", justify="left", no_wrap=False, ratio=10)
        for c in daftar:
            ringkas = inspect.cleandoc(c.short_help or c.help or "").split("\n\n")[0]
            if ringkas.startswith("\b"):
                ringkas = ringkas.replace("\b\n", "")
            tabel.add_row(Text(c.name or ""), teks(ringkas.strip()))
        if tabel.row_count:
            panel(TEKS_RICH["COMMANDS_PANEL_TITLE"], tabel)


# --------------------------------------------------------------------------- classes


def _siapkan(perintah: TyperCommand | TyperGroup) -> None:
    perintah.options_metavar = OPSI_METAVAR
    for param in perintah.params:
        _indonesiakan(param)


def _opsi_bantuan(opsi: TyperOption | None) -> TyperOption | None:
    if opsi is not None:
        opsi.help = BANTUAN_OPSI
        _indonesiakan(opsi)
    return opsi


def _urai(
    perintah: TyperCommand | TyperGroup, asli: Any, ctx: _click.Context, args: list[str]
) -> list[str]:
    """Parse as Click does, with extra arguments and usage errors in Indonesian."""
    boleh_lebih = ctx.allow_extra_args
    ctx.allow_extra_args = True
    try:
        sisa: list[str] = asli(ctx, args)
    except _galat.NoArgsIsHelpError:
        raise
    except _galat.UsageError as exc:
        raise terjemahkan(exc, ctx) from None
    finally:
        ctx.allow_extra_args = boleh_lebih
    if sisa and not boleh_lebih and not ctx.resilient_parsing:
        pasang_teks_rich()
        raise GalatPemakaian(_argumen_berlebih(sisa), ctx)
    return sisa


class _Indonesia:
    """What every command and the group share: Indonesian help option, usage line, help
    headings and usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _siapkan(self)  # type: ignore[arg-type]

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        return _opsi_bantuan(super().get_help_option(ctx))  # type: ignore[misc]

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=AWALAN_PENGGUNAAN)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        tampilkan_bantuan(self, ctx)  # type: ignore[arg-type]

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        return _urai(self, super().parse_args, ctx, args)  # type: ignore[arg-type,misc]


class PerintahKinerja(_Indonesia, TyperCommand):
    """A Typer command that speaks Indonesian (see the module docstring)."""


class GrupKinerja(_Indonesia, TyperGroup):
    """The ``kinerja`` group: Indonesian help and usage errors, for every command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = PERINTAH_METAVAR

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        nama = args[0]
        if (
            self.get_command(ctx, nama) is None
            and not ctx.resilient_parsing
            and not nama.startswith("-")
        ):
            pasang_teks_rich()
            pesan = f"Perintah '{tanpa_kendali(nama)}' tidak dikenal."
            mirip = difflib.get_close_matches(nama, list(self.commands))
            if mirip:
                pesan += f" Maksudnya {' atau '.join(repr(m) for m in mirip)}?"
            raise GalatPemakaian(pesan, ctx)
        try:
            return super().resolve_command(ctx, args)
        except _galat.UsageError as exc:
            raise terjemahkan(exc, ctx) from None

    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _galat.NoArgsIsHelpError:
            raise
        except _galat.UsageError as exc:
            raise terjemahkan(exc, ctx) from None


def pasang(app: typer.Typer) -> None:
    """Use the Indonesian classes for the group and for every registered command."""
    app.info.cls = GrupKinerja
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = PerintahKinerja
