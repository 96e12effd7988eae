"""The scripts in bench/ keep running against the code they measure (a renamed or
removed function breaks them long before anybody measures again): each runs once at a
tiny size. Their figures are not checked here (speed is never asserted in tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize(
    "argumen",
    [
        ["bench_analisis.py", "--tim", "2", "--indikator", "2", "--tanpa-arsip"],
        ["bench_instrumen.py", "--tim", "3", "--indikator", "2", "--putaran", "1"],
        ["bench_himpun.py", "--jumlah", "30", "--indikator", "2", "--putaran", "1"],
    ],
    ids=lambda a: a[0],
)
def test_skrip_bench_berjalan(argumen: list[str], tmp_path: Path) -> None:
    hasil = subprocess.run(
        [sys.executable, str(BENCH / argumen[0]), *argumen[1:]],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert hasil.returncode == 0, hasil.stderr[-3000:]
    assert "Traceback" not in hasil.stderr
