"""buat-instrumen for 100 teams against plain openpyxl writing the same cells unstyled.

python bench/bench_instrumen.py [--tim 100] [--indikator 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import teks_konfigurasi
from pengumpulan_kinerja.instrumen import tulis_instrumen
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi
from pengumpulan_kinerja.periode import Periode


def _isi_sel(berkas: Path) -> list[tuple[str, list[tuple[int, int, object]]]]:
    """Every non-empty cell of a generated instrument (the same cells, unstyled)."""
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


def _polos(isi: list[tuple[str, list[tuple[int, int, object]]]], tujuan: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for judul, sel in isi:
        ws = wb.create_sheet(judul)
        for r, c, v in sel:
            ws.cell(row=r, column=c, value=v)
    wb.save(tujuan)


def main(jumlah_tim: int = 100, indikator: int = 5) -> dict[str, float]:
    konfigurasi = baca_konfigurasi(teks_konfigurasi(jumlah_tim, indikator))
    periode = Periode(2022, 6)
    kode = [t.kode for t in konfigurasi.tim]
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        mulai = time.perf_counter()
        for k in kode:
            tulis_instrumen(konfigurasi, periode, k, folder / f"{k}.xlsx")
        kinerja = time.perf_counter() - mulai
        isi = {k: _isi_sel(folder / f"{k}.xlsx") for k in kode}
        mulai = time.perf_counter()
        for k in kode:
            _polos(isi[k], folder / f"polos-{k}.xlsx")
        polos = time.perf_counter() - mulai
    hasil = {
        "tim": jumlah_tim,
        "detik_kinerja": kinerja,
        "detik_openpyxl_polos": polos,
        "rasio": kinerja / polos,
    }
    print(
        f"buat-instrumen {jumlah_tim} tim × {indikator} indikator: {kinerja:.2f} s "
        f"({kinerja / jumlah_tim * 1000:.0f} ms/berkas); openpyxl polos {polos:.2f} s; "
        f"rasio {hasil['rasio']:.2f}x (target ≤ 2x)"
    )
    return hasil


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--tim", type=int, default=100)
    p.add_argument("--indikator", type=int, default=5)
    a = p.parse_args()
    main(a.tim, a.indikator)
