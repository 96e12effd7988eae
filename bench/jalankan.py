"""All benchmarks in one run, on this machine, printed as one table of ratios.

python bench/jalankan.py [--cepat]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_analisis
import bench_himpun
import bench_instrumen


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cepat", action="store_true", help="ukuran kecil (untuk memeriksa skrip)")
    a = p.parse_args()
    n = 200 if a.cepat else 1000
    print(
        f"Mesin: {platform.processor() or platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    )
    i = bench_instrumen.main(20 if a.cepat else 100)
    h5 = bench_himpun.main(n, 5)
    h60 = bench_himpun.main(n, 60)
    an = bench_analisis.main(10 if a.cepat else 50, 20)
    m1 = bench_himpun.memori(n)
    m4 = bench_himpun.memori(n * 4)
    print("\nRingkasan")
    print(f"  buat-instrumen vs openpyxl polos       {i['rasio']:.2f}x waktu   (target ≤ 2)")
    print(
        f"  himpun 5 ind. vs calamine polos        {h5['himpun_thd_calamine']:.2f}x kecepatan (target ≥ 0,5)"
    )
    print(
        f"  himpun 5 ind. vs pandas+openpyxl       {h5['himpun_thd_pandas']:.1f}x kecepatan (target ≥ 10)"
    )
    print(f"  himpun 60 ind. vs calamine polos       {h60['himpun_thd_calamine']:.2f}x kecepatan")
    print(f"  himpun 60 ind. vs pandas+openpyxl      {h60['himpun_thd_pandas']:.1f}x kecepatan")
    print(
        f"  analisis {an['indikator']:.0f} indikator × 12 bulan      {an['detik_hitung'] + an['detik_tulis']:.1f} s"
    )
    print(
        f"  memori himpun {m1['berkas']:.0f} → {m4['berkas']:.0f} berkas   {m1['mib_utama']:.0f} → {m4['mib_utama']:.0f} MiB (utama)"
    )


if __name__ == "__main__":
    main()
