"""analisis for a large office over a whole year: 50 teams, 1,000 indicators,
12 months in the ledger.

    python bench/bench_analisis.py [--tim 50] [--indikator 20]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import ruang_sintetis
from pengumpulan_kinerja.analisis import hitung_analisis
from pengumpulan_kinerja.laporan import tulis_laporan
from pengumpulan_kinerja.periode import Periode


def main(jumlah_tim: int = 50, indikator: int = 20) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        ruang = ruang_sintetis(Path(d) / "ruang", jumlah_tim, indikator)
        k = ruang.konfigurasi
        with ruang.buka_buku_besar() as buku, buku.transaksi():
            for bulan in range(1, 13):
                for ind in k.indikator:
                    buku.ubah_nilai(
                        periode=f"2022-{bulan:02d}",
                        tim=ind.tim,
                        indikator=ind.kode,
                        kolom="realisasi",
                        angka=float(10 + (bulan * 7 + len(ind.kode)) % 5),
                        teks=None,
                        sumber="kiriman",
                        oleh="bench",
                    )
                for tim in k.tim:
                    buku.ubah_nilai(
                        periode=f"2022-{bulan:02d}",
                        tim=tim.kode,
                        indikator="",
                        kolom="anggaran",
                        angka=95e6,
                        teks=None,
                        sumber="kiriman",
                        oleh="bench",
                    )
        mulai = time.perf_counter()
        with ruang.buka_buku_besar() as buku:
            hasil = hitung_analisis(k, buku, Periode(2022, 12), ruang)
        hitung = time.perf_counter() - mulai
        mulai = time.perf_counter()
        tulis_laporan(hasil, Path(d) / "laporan")
        tulis = time.perf_counter() - mulai
    mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    keluar = {
        "indikator": len(k.indikator),
        "detik_hitung": hitung,
        "detik_tulis": tulis,
        "mib_puncak": mib,
    }
    print(
        f"analisis {jumlah_tim} tim, {len(k.indikator)} indikator, 12 bulan: hitung {hitung:.2f} s, "
        f"tulis xlsx/html/csv {tulis:.2f} s, memori puncak {mib:.0f} MiB"
    )
    return keluar


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--tim", type=int, default=50)
    p.add_argument("--indikator", type=int, default=20)
    a = p.parse_args()
    main(a.tim, a.indikator)
