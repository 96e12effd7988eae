"""The user-visible targets in one run, on this machine, printed as one table of ratios.

python bench/jalankan.py [--putaran 7] [--lama /tmp/venv-lama/bin/python] [--semua] [--cepat]

Every command is timed as users run it (``bench_perintah``: the installed ``kinerja``
script, a new process, default output to a pipe). ``--lama``: the python of another
installation (e.g. the old main in its own venv) for the A/B of himpun. ``--semua`` also
runs the in-process benchmarks (instrument writing, analysis of a large office, memory).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_perintah


def _ya(syarat: bool) -> str:
    return "terpenuhi" if syarat else "BELUM"


def _baris(nama: str, nilai: list[float], target: str, syarat: bool) -> None:
    m = statistics.median(nilai)
    print(f"  {nama:<44} {m:6.2f} ({min(nilai):.2f}–{max(nilai):.2f})  {target:<8} {_ya(syarat)}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--putaran", type=int, default=7)
    p.add_argument("--jumlah", type=int, default=1000)
    p.add_argument("--lama", type=Path, help="python pemasangan lain untuk A/B himpun")
    p.add_argument(
        "--semua",
        action="store_true",
        help="juga bench dalam proses (instrumen, analisis besar, memori)",
    )
    p.add_argument("--cepat", action="store_true", help="ukuran kecil (untuk memeriksa skrip)")
    a = p.parse_args()
    jumlah, putaran = (100, 3) if a.cepat else (a.jumlah, a.putaran)
    print(
        f"Mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}, "
        f"{date.today().isoformat()}"
    )
    h = bench_perintah.main(putaran, jumlah, a.lama)
    pr: dict[str, list[float]] = h["perintah"]  # type: ignore[assignment]
    h5: dict[str, list[float]] = h["himpun 5"]  # type: ignore[assignment]
    h60: dict[str, list[float]] = h["himpun 60"]  # type: ignore[assignment]
    print("\nRingkasan (median (rentang) per putaran)")
    m = statistics.median
    _baris(
        f"himpun {jumlah}×5 / baca calamine polos",
        h5["thd_polos"],
        "≥ 0,5",
        m(h5["thd_polos"]) >= 0.5,
    )
    _baris(f"himpun {jumlah}×5 / loop pandas", h5["thd_pandas"], "≥ 10", m(h5["thd_pandas"]) >= 10)
    _baris(
        f"himpun {jumlah}×60 / baca calamine polos",
        h60["thd_polos"],
        "≥ 0,4",
        m(h60["thd_polos"]) >= 0.4,
    )
    if "baru_thd_lama" in h5:
        _baris(
            "himpun 5 ind.: waktu baru / lama",
            h5["baru_thd_lama"],
            "≤ 1,1",
            m(h5["baru_thd_lama"]) <= 1.1,
        )
        _baris("himpun 60 ind.: waktu baru / lama", h60["baru_thd_lama"], "—", True)
    for nama in ("--help", "cek", "status --bulan 6"):
        r = pr[f"rasio {nama}"]
        _baris(f"kinerja {nama} / impor typer+rich", r, "≤ 2", m(r) <= 2)
    r = pr["rasio analisis --bulan 6"]
    _baris("kinerja analisis --bulan 6 / impor pustakanya", r, "≤ 1,3", m(r) <= 1.3)
    if a.semua:
        import bench_analisis
        import bench_himpun
        import bench_instrumen

        bench_instrumen.main(20 if a.cepat else 100)
        bench_analisis.main(10 if a.cepat else 50, 20)
        bench_himpun.memori(jumlah)
        bench_himpun.memori(jumlah * 4)


if __name__ == "__main__":
    main()
