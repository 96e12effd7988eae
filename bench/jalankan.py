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


def mulai_perintah(kali: int = 5) -> float:
    """Median seconds of `kinerja --help` in a new process: what every command pays
    before its first line (the CLI loads pandas, openpyxl and jinja2 only when needed)."""
    import statistics
    import subprocess
    import time

    kode = "from pengumpulan_kinerja.cli import main; main()"
    waktu = []
    for _ in range(kali):
        mulai = time.perf_counter()
        subprocess.run([sys.executable, "-c", kode, "--help"], capture_output=True, check=True)
        waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu)


def _ya(syarat: bool) -> str:
    return "terpenuhi" if syarat else "BELUM"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--cepat", action="store_true", help="ukuran kecil (untuk memeriksa skrip)")
    a = p.parse_args()
    n = 200 if a.cepat else 1000
    putaran = 1 if a.cepat else 3
    print(
        f"Mesin: {platform.processor() or platform.machine()}, {os.cpu_count()} inti, "
        f"Python {platform.python_version()}"
    )
    mulai = mulai_perintah()
    print(f"kinerja --help dalam proses baru: {mulai:.2f} s")
    i = bench_instrumen.main(20 if a.cepat else 100)
    h5 = bench_himpun.main(n, 5, putaran)
    h60 = bench_himpun.main(n, 60, putaran)
    an = bench_analisis.main(10 if a.cepat else 50, 20)
    m1 = bench_himpun.memori(n)
    m4 = bench_himpun.memori(n * 4)
    r5, p5 = h5["himpun_thd_calamine"], h5["himpun_thd_pandas"]
    r60, p60 = h60["himpun_thd_calamine"], h60["himpun_thd_pandas"]
    print("\nRingkasan")
    print(
        f"  buat-instrumen vs openpyxl polos       {i['rasio']:.2f}x waktu      "
        f"(target ≤ 2)    {_ya(i['rasio'] <= 2)}"
    )
    print(
        f"  himpun 5 ind. vs calamine polos        {r5:.2f}x kecepatan  "
        f"(target ≥ 0,5)  {_ya(r5 >= 0.5)}"
    )
    print(
        f"  himpun 5 ind. vs pandas+openpyxl       {p5:.1f}x kecepatan   "
        f"(target ≥ 10)   {_ya(p5 >= 10)}"
    )
    print(
        f"  himpun 60 ind. vs calamine polos       {r60:.2f}x kecepatan  "
        f"(target ≥ 0,5)  {_ya(r60 >= 0.5)}"
    )
    print(
        f"  himpun 60 ind. vs pandas+openpyxl      {p60:.1f}x kecepatan   "
        f"(target ≥ 10)   {_ya(p60 >= 10)}"
    )
    detik = an["detik_hitung"] + an["detik_tulis"]
    print(f"  analisis {an['indikator']:.0f} indikator × 12 bulan      {detik:.1f} s")
    if "mib_arsip_0" in an:
        print(
            f"  memori analisis, 0 → 6 → 11 bulan diarsipkan   {an['mib_arsip_0']:.0f} → "
            f"{an['mib_arsip_6']:.0f} → {an['mib_arsip_11']:.0f} MiB"
        )
    print(
        f"  memori himpun {m1['berkas']:.0f} → {m4['berkas']:.0f} berkas   "
        f"{m1['mib_utama']:.0f} → {m4['mib_utama']:.0f} MiB (utama), "
        f"{m1['mib_pekerja']:.0f} → {m4['mib_pekerja']:.0f} MiB (pekerja)"
    )
    print(f"  kinerja --help (mulainya setiap perintah)  {mulai:.2f} s")
    print(
        f"  dua proses di mesin ini mengerjakan {h5['kerja_paralel']:.2f}× / "
        f"{h60['kerja_paralel']:.2f}× kerja satu proses (saat himpun 5 / 60 indikator diukur)"
    )


if __name__ == "__main__":
    main()
