"""Shared fixtures: a fresh workspace made from the bundled example configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from pengumpulan_kinerja.konfigurasi import Konfigurasi
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja


@pytest.fixture
def ruang(tmp_path: Path) -> RuangKerja:
    """A new workspace (``kinerja init``) holding the example BPMP Lampung 2022 config."""
    return buat_ruang_kerja(tmp_path / "ruang")


@pytest.fixture
def konfigurasi(ruang: RuangKerja) -> Konfigurasi:
    return ruang.konfigurasi


@pytest.fixture(autouse=True, scope="session")
def _cache_sendiri(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a cache folder of the test run, not the user's."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
