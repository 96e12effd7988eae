"""Help is printed by the CLI's own renderer (``cli._bahasa.tampilkan_bantuan``): it looks
exactly as Typer's rich help with the Indonesian headings, character for character and
colour for colour, and ``kinerja --help`` does not import ``typer.rich_utils``."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import PERINTAH, app
from pengumpulan_kinerja.cli._bahasa import _Indonesia, pasang_teks_rich

runner = CliRunner()


def _bantuan_typer(self: Any, ctx: Any, formatter: Any) -> None:
    """How help was printed before: Typer's own renderer with the Indonesian texts."""
    from typer import rich_utils

    pasang_teks_rich()
    rich_utils.rich_format_help(obj=self, ctx=ctx, markup_mode="rich")


@pytest.mark.parametrize("lebar", ["60", "80", "120"])
@pytest.mark.parametrize("warna", [False, True], ids=["polos", "warna"])
def test_bantuan_sama_dengan_typer(
    lebar: str, warna: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"COLUMNS": lebar, "FORCE_COLOR": "1" if warna else None}
    baris = [[], *([nama.replace("_", "-")] for nama in PERINTAH)]
    milik_kita = [runner.invoke(app, [*b, "--help"], env=env) for b in baris]
    monkeypatch.setattr(_Indonesia, "format_help", _bantuan_typer)
    milik_typer = [runner.invoke(app, [*b, "--help"], env=env) for b in baris]
    for b, kita, typer_ in zip(baris, milik_kita, milik_typer, strict=True):
        assert kita.exit_code == typer_.exit_code == 0, kita.output
        assert ("\x1b[" in kita.output) is warna
        assert kita.output == typer_.output, b


def test_bantuan_tanpa_rich_utils() -> None:
    """``typer.rich_utils`` imports Rich's Markdown, Syntax and Traceback renderers
    (markdown_it, pygments, attrs); help needs none of them."""
    kode = (
        "import sys\n"
        "from pengumpulan_kinerja.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('typer.rich_utils', 'rich.markdown', 'pygments')"
        " if m in sys.modules))\n"
    )
    for argumen in (["--help"], ["tolak", "--help"], ["himpun", "-h"]):
        hasil = subprocess.run(
            [sys.executable, "-c", kode, *argumen],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert hasil.returncode == 0, hasil.stderr
        assert "Penggunaan: " in hasil.stdout
        assert hasil.stdout.strip().splitlines()[-1] == "[]", hasil.stdout
