"""What the CLI prints by itself. Help comes from the CLI's own renderer
(``cli._bahasa.tampilkan_bantuan``): it looks exactly as Typer's rich help with the
Indonesian headings, character for character and colour for colour, and ``kinerja
--help`` does not import ``typer.rich_utils``. Names print as written: no emoji codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import PERINTAH, app
from pengumpulan_kinerja.cli._bahasa import _Indonesia, pasang_teks_rich
from pengumpulan_kinerja.ruang_kerja import buat_ruang_kerja

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


def test_kode_emoji_dicetak_apa_adanya(tmp_path: Path) -> None:
    """``:x:`` in a name is text, not an emoji (Rich would print a cross mark)."""
    ruang = buat_ruang_kerja(tmp_path / "ruang")
    yaml = ruang.berkas_konfigurasi.read_text(encoding="utf-8")
    yaml = yaml.replace("nama: BPMP Provinsi Lampung", "nama: 'BPMP :x: Lampung :smile:'", 1)
    ruang.berkas_konfigurasi.write_text(yaml, encoding="utf-8")
    for argumen in (["cek"], ["status", "6"]):
        hasil = runner.invoke(app, [*argumen, "-R", str(ruang.akar)], env={"COLUMNS": "200"})
        assert hasil.exit_code == 0, hasil.output
        assert "BPMP :x: Lampung :smile:" in hasil.output
        assert "\u274c" not in hasil.output and "\U0001f604" not in hasil.output
