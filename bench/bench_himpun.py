"""himpun on N filled instruments, against a bare python-calamine read of the same
files and a pandas.read_excel (openpyxl) loop, measured in one run.

    python bench/bench_himpun.py [--jumlah 1000] [--indikator 5] [--memori]

Files are made fast: one instrument per team is generated and filled with openpyxl,
then copied for the other months with the month patched in its metadata (so every
file has different bytes and is accepted).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import ruang_sintetis
from pengumpulan_kinerja.contoh import isi_instrumen, isian_contoh
from pengumpulan_kinerja.himpun import himpun
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja


def _tambal(data: bytes, bulan: int) -> bytes:
    """Copy of a filled January instrument, relabelled as month ``bulan``."""
    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename.endswith(".xml"):
                isi = isi.replace(b"2022-01", f"2022-{bulan:02d}".encode())
            z.writestr(info, isi)
    return keluar.getvalue()


def _tepat_waktu(berkas: Path, bulan: int) -> None:
    tahun, berikut = (2023, 1) if bulan == 12 else (2022, bulan + 1)
    detik = datetime(tahun, berikut, 5, 9).timestamp()
    os.utime(berkas, (detik, detik))


def siapkan(folder: Path, jumlah: int, indikator: int) -> tuple[RuangKerja, Path]:
    bulan = min(12, max(1, -(-jumlah // 100)))
    tim = -(-jumlah // bulan)
    ruang = ruang_sintetis(folder / "ruang", tim, indikator)
    januari = Periode(2022, 1)
    buat_instrumen(ruang, januari)
    masuk = folder / "masuk"
    masuk.mkdir()
    dibuat = 0
    for t in ruang.konfigurasi.tim_berindikator():
        isian, anggaran = isian_contoh(ruang.konfigurasi, januari, t.kode, 1)
        contoh = masuk / f"{t.kode}-01.xlsx"
        isi_instrumen(
            ruang.folder_instrumen(januari) / f"{t.kode}_2022-01.xlsx", contoh, isian, anggaran
        )
        data = contoh.read_bytes()
        _tepat_waktu(contoh, 1)
        dibuat += 1
        for b in range(2, bulan + 1):
            if dibuat >= jumlah:
                break
            salinan = masuk / f"{t.kode}-{b:02d}.xlsx"
            salinan.write_bytes(_tambal(data, b))
            _tepat_waktu(salinan, b)
            dibuat += 1
        if dibuat >= jumlah:
            break
    return ruang, masuk


def baca_polos(berkas: list[Path]) -> float:
    mulai = time.perf_counter()
    for b in berkas:
        wb = CalamineWorkbook.from_path(str(b))
        for nama in wb.sheet_names:
            wb.get_sheet_by_name(nama).to_python()
    return time.perf_counter() - mulai


def baca_pandas(berkas: list[Path], contoh: int = 100) -> float:
    bagian = berkas[:contoh]
    mulai = time.perf_counter()
    for b in bagian:
        pd.read_excel(b, sheet_name=None, engine="openpyxl", header=None)
    return (time.perf_counter() - mulai) * len(berkas) / len(bagian)


def main(jumlah: int = 1000, indikator: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        mulai = time.perf_counter()
        ruang, masuk = siapkan(Path(d), jumlah, indikator)
        berkas = sorted(masuk.iterdir())
        siap = time.perf_counter() - mulai
        polos = baca_polos(berkas)
        mulai = time.perf_counter()
        hasil = himpun(ruang, masuk)
        detik_himpun = time.perf_counter() - mulai
        diterima = sum(1 for b in hasil.berkas if b.status == "diterima")
        pandas_detik = baca_pandas(berkas)
    n = len(berkas)
    keluar = {
        "berkas": n,
        "indikator_per_berkas": indikator,
        "diterima": diterima,
        "berkas_per_detik_himpun": n / detik_himpun,
        "berkas_per_detik_calamine": n / polos,
        "berkas_per_detik_pandas": n / pandas_detik,
        "himpun_thd_calamine": polos / detik_himpun,
        "himpun_thd_pandas": pandas_detik / detik_himpun,
    }
    print(
        f"himpun {n} berkas × {indikator} indikator (disiapkan {siap:.0f} s, {diterima} diterima): "
        f"{keluar['berkas_per_detik_himpun']:.0f} berkas/s; calamine polos "
        f"{keluar['berkas_per_detik_calamine']:.0f} berkas/s; pandas+openpyxl "
        f"{keluar['berkas_per_detik_pandas']:.0f} berkas/s\n"
        f"  himpun = {keluar['himpun_thd_calamine']:.2f}× kecepatan baca calamine polos (target ≥ 0,5) dan "
        f"{keluar['himpun_thd_pandas']:.1f}× loop pandas (target ≥ 10)"
    )
    return keluar


def memori(jumlah: int, indikator: int = 5) -> dict[str, float]:
    """Peak RSS (MiB) of a himpun run over ``jumlah`` files, in a fresh process."""
    with tempfile.TemporaryDirectory() as d:
        ruang, masuk = siapkan(Path(d), jumlah, indikator)
        kode = (
            "import resource, sys; from pathlib import Path;"
            "from pengumpulan_kinerja.ruang_kerja import RuangKerja;"
            "from pengumpulan_kinerja.himpun import himpun;"
            f"h = himpun(RuangKerja(Path({str(ruang.akar)!r})), Path({str(masuk)!r}));"
            "s = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
            "c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
            "print(s, c, len(h.berkas))"
        )
        keluaran = subprocess.run(
            [sys.executable, "-c", kode], capture_output=True, text=True, check=True
        )
        sendiri, anak, n = keluaran.stdout.split()
    hasil = {"berkas": int(n), "mib_utama": int(sendiri) / 1024, "mib_pekerja": int(anak) / 1024}
    print(
        f"memori himpun {n} berkas: proses utama {hasil['mib_utama']:.0f} MiB, pekerja {hasil['mib_pekerja']:.0f} MiB"
    )
    return hasil


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--jumlah", type=int, default=1000)
    p.add_argument("--indikator", type=int, default=5)
    p.add_argument(
        "--memori", action="store_true", help="juga ukur memori puncak 1.000 vs 4.000 berkas"
    )
    a = p.parse_args()
    print(json.dumps(main(a.jumlah, a.indikator)))
    if a.memori:
        memori(a.jumlah)
        memori(a.jumlah * 4)
    _ = resource
