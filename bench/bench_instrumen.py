"""buat-instrumen for 100 teams against plain openpyxl writing the same cells unstyled.

The target (issue 10): ``tulis_instrumen`` for every team at most 2× the time plain
openpyxl takes to write the same cell values with no styling, validation, protection
or print setup. Rounds alternate between the two writers; medians are compared.
The whole command (``buat_instrumen``: ledger read, files, POS event) is timed too.

python bench/bench_instrumen.py [--tim 100] [--indikator 5] [--putaran 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import ruang_sintetis, teks_konfigurasi
from pengumpulan_kinerja.instrumen import buat_instrumen, tulis_instrumen
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi
from pengumpulan_kinerja.periode import Periode

Isi = list[tuple[str, list[tuple[int, int, object]]]]


def _isi_sel(berkas: Path) -> Isi:
    """Every non-empty cell of a generated instrument, per sheet (values and formulas)."""
    wb = load_workbook(berkas)
    return [
        (
            ws.title,
            [
                (c.row, c.column, c.value)
                for row in ws.iter_rows()
                for c in row
                if c.value is not None
            ],
        )
        for ws in wb.worksheets
    ]


def _polos(isi: Isi, tujuan: Path) -> None:
    """The baseline: the same cells written with plain openpyxl, nothing else."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for judul, sel in isi:
        ws = wb.create_sheet(judul)
        for r, c, v in sel:
            ws.cell(row=r, column=c, value=v)
    wb.save(tujuan)


def main(jumlah_tim: int = 100, indikator: int = 5, putaran: int = 3) -> dict[str, float]:
    """Time both writers over ``putaran`` alternating rounds; print and return the figures."""
    konfigurasi = baca_konfigurasi(teks_konfigurasi(jumlah_tim, indikator))
    periode = Periode(2022, 6)
    kode = [t.kode for t in konfigurasi.tim]
    waktu_kinerja: list[float] = []
    waktu_polos: list[float] = []
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        for k in kode:  # warm-up, and the cells the baseline writes
            tulis_instrumen(konfigurasi, periode, k, folder / f"{k}.xlsx")
        isi = {k: _isi_sel(folder / f"{k}.xlsx") for k in kode}
        jumlah_sel = sum(len(sel) for _, sel in isi[kode[0]])
        for _ in range(putaran):
            mulai = time.perf_counter()
            for k in kode:
                tulis_instrumen(konfigurasi, periode, k, folder / f"{k}.xlsx")
            waktu_kinerja.append(time.perf_counter() - mulai)
            mulai = time.perf_counter()
            for k in kode:
                _polos(isi[k], folder / f"polos-{k}.xlsx")
            waktu_polos.append(time.perf_counter() - mulai)
        ruang = ruang_sintetis(folder / "ruang", jumlah_tim, indikator)
        mulai = time.perf_counter()
        buat_instrumen(ruang, periode, oleh="bench")
        perintah = time.perf_counter() - mulai
    kinerja, polos = statistics.median(waktu_kinerja), statistics.median(waktu_polos)
    hasil = {
        "tim": float(jumlah_tim),
        "indikator_per_tim": float(indikator),
        "sel_per_berkas": float(jumlah_sel),
        "detik_kinerja": kinerja,
        "detik_openpyxl_polos": polos,
        "rasio": kinerja / polos,
        "detik_buat_instrumen": perintah,
    }
    print(
        f"buat-instrumen {jumlah_tim} tim × {indikator} indikator ({jumlah_sel} sel/berkas), "
        f"median {putaran} putaran:\n"
        f"  tulis_instrumen     {kinerja:.2f} s ({kinerja / jumlah_tim * 1000:.1f} ms/berkas)\n"
        f"  openpyxl polos      {polos:.2f} s ({polos / jumlah_tim * 1000:.1f} ms/berkas)\n"
        f"  rasio               {hasil['rasio']:.2f}x (target ≤ 2x)\n"
        f"  buat_instrumen      {perintah:.2f} s (seluruh perintah: buku besar, berkas, peristiwa)"
    )
    return hasil


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tim", type=int, default=100)
    p.add_argument("--indikator", type=int, default=5)
    p.add_argument("--putaran", type=int, default=3)
    a = p.parse_args()
    main(a.tim, a.indikator, a.putaran)
