"""Compiled templates are kept in the user's cache folder (Jinja's bytecode cache): the
pages are the same from a fresh compile, from the cache, from a damaged cache entry and
without any usable cache folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.templat import folder_cache, lingkungan

runner = CliRunner()
JUNI = Periode(2022, 6)


def _lembar(akar: Path) -> str:
    """A Lembar Disposisi written by the real command into a new workspace; the time
    of day it shows is blanked."""
    ruang = buat_ruang_kerja(akar)
    hasil = runner.invoke(
        app,
        ["disposisi", "6", "--langkah", "1", "--oleh", "Kepala", "-R", str(ruang.akar)],
    )
    assert hasil.exit_code == 0, hasil.output
    html = (RuangKerja(akar).folder_laporan(JUNI) / "disposisi-langkah-1-2022-06.html").read_text(
        encoding="utf-8"
    )
    return re.sub(r"\d{1,2} \w+ \d{4}|pukul \d\d\.\d\d", "", html)


def test_halaman_sama_dari_cache_rusak_atau_tanpa_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pertama = _lembar(tmp_path / "a")
    simpanan = sorted(folder_cache().iterdir())
    assert simpanan and folder_cache() == tmp_path / "cache" / "kinerja" / "templat"
    assert _lembar(tmp_path / "b") == pertama, "dari cache"
    for berkas in simpanan:
        berkas.write_bytes(b"bukan bytecode")
    assert _lembar(tmp_path / "c") == pertama, "entri cache yang rusak dikompilasi ulang"
    (tmp_path / "berkas").write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "berkas"))  # not a folder
    assert _lembar(tmp_path / "d") == pertama
    # the folder is there when the environment is made, gone (a file in its place) when
    # the compiled template is stored: the page is made all the same
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "hilang"))
    env = lingkungan()
    folder = folder_cache()
    folder.rmdir()
    folder.write_text("bukan folder")
    assert env.get_template("disposisi.html.j2") is not None
