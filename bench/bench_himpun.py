"""himpun on N filled instruments, against a bare python-calamine read of the same
files and a pandas.read_excel (openpyxl) loop, measured in one run.

    python bench/bench_himpun.py [--jumlah 1000] [--indikator 5] [--putaran 3] [--memori]

Files are made fast and realistic: for each month one instrument of the first team is
generated (``tulis_instrumen``) and filled with openpyxl (``isi_instrumen`` with
``isian_contoh``); the other teams get a copy with the team and indicator codes patched
in the sheet XML (every team of the synthetic office has the same indicators and
targets), so every file has its own bytes, its own month's targets, and is accepted
without findings (every indicator carries a kendala and an RTL, the Pengesahan is filled).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import KODE_PUNCAK, biaya_buat_berkas, ruang_sintetis
from pengumpulan_kinerja.contoh import isi_instrumen, isian_contoh
from pengumpulan_kinerja.himpun import himpun
from pengumpulan_kinerja.instrumen import tulis_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja


def _tambal(data: bytes, tim: int) -> bytes:
    """Copy of a filled instrument of team T000, relabelled as team ``tim``."""
    if tim == 0:
        return data
    lama = [b"T000", b"I000-", b"Tim Kerja 0<", b"Ketua 0<"]
    baru = [f"T{tim:03d}".encode(), f"I{tim:03d}-".encode()]
    baru += [f"Tim Kerja {tim}<".encode(), f"Ketua {tim}<".encode()]
    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename.endswith(".xml"):
                for a, b in zip(lama, baru, strict=True):
                    isi = isi.replace(a, b)
            z.writestr(info, isi)
    return keluar.getvalue()


def _tepat_waktu(berkas: Path, bulan: int) -> None:
    tahun, berikut = (2023, 1) if bulan == 12 else (2022, bulan + 1)
    detik = datetime(tahun, berikut, 5, 9).timestamp()
    os.utime(berkas, (detik, detik))


def siapkan(folder: Path, jumlah: int, indikator: int) -> tuple[RuangKerja, Path]:
    """A synthetic workspace and ``jumlah`` filled instruments (teams × months)."""
    bulan = min(12, max(1, -(-jumlah // 100)))
    tim = -(-jumlah // bulan)
    ruang = ruang_sintetis(folder / "ruang", tim, indikator)
    konfigurasi = ruang.konfigurasi
    masuk = folder / "masuk"
    masuk.mkdir()
    contoh = folder / "contoh"
    contoh.mkdir()
    dibuat = 0
    for b in range(1, bulan + 1):
        periode = Periode(2022, b)
        kosong = tulis_instrumen(konfigurasi, periode, "T000", contoh / f"T000_{periode.kode}.xlsx")
        isian, anggaran = isian_contoh(konfigurasi, periode, "T000", 1)
        for nilai in isian.values():  # a month without findings (values below target
            nilai["kendala"] = "Jadwal kegiatan bergeser"  # carry their kendala and RTL)
            nilai["rtl"] = "Kegiatan dijadwalkan ulang"
        batas = periode.batas(konfigurasi.batas_tanggal)
        terisi = isi_instrumen(
            kosong,
            contoh / f"isi-{periode.kode}.xlsx",
            isian,
            anggaran,
            diisi_oleh="Ketua 0",
            tanggal=date(batas.year, batas.month, 3),
        )
        data = terisi.read_bytes()
        for t in range(tim):
            if dibuat >= jumlah:
                break
            berkas = masuk / f"Capaian Tim {t} bulan {b}.xlsx"
            berkas.write_bytes(_tambal(data, t))
            _tepat_waktu(berkas, b)
            dibuat += 1
    return ruang, masuk


def baca_polos(berkas: list[Path]) -> float:
    """Seconds for the baseline: python-calamine opens every file and reads every sheet."""
    mulai = time.perf_counter()
    for b in berkas:
        wb = CalamineWorkbook.from_path(str(b))
        for nama in wb.sheet_names:
            wb.get_sheet_by_name(nama).to_python()
    return time.perf_counter() - mulai


def baca_pandas(berkas: list[Path], contoh: int = 100) -> float:
    """Seconds for a ``pandas.read_excel`` (openpyxl) loop over every sheet of every file,
    extrapolated from the first ``contoh`` files (it is 30x slower than the rest)."""
    bagian = berkas[:contoh]
    mulai = time.perf_counter()
    for b in bagian:
        pd.read_excel(b, sheet_name=None, engine="openpyxl", header=None)
    return (time.perf_counter() - mulai) * len(berkas) / len(bagian)


def ruang_baru(asal: RuangKerja, folder: Path) -> RuangKerja:
    """An empty workspace with the same configuration (a fresh ledger for each round),
    its kinerja.yaml already checked once, as `kinerja buat-instrumen` leaves it before
    the month's `kinerja himpun` (the parsed configuration is cached beside it)."""
    from pengumpulan_kinerja.ruang_kerja import buat_ruang_kerja

    ruang = buat_ruang_kerja(folder)
    ruang.berkas_konfigurasi.write_text(
        asal.berkas_konfigurasi.read_text(encoding="utf-8"), encoding="utf-8"
    )
    RuangKerja(ruang.akar).konfigurasi  # noqa: B018 (the earlier command)
    return RuangKerja(ruang.akar)


def _putar(_: int = 0) -> float:
    """Seconds of a fixed piece of pure-Python work."""
    mulai = time.perf_counter()
    x = 0
    for i in range(5_000_000):
        x += i
    return time.perf_counter() - mulai


def kerja_paralel() -> float:
    """How much work two processes get done at once on this machine, against one (2.0 on
    two free cores; less when the cores are shared or busy). Process start-up is not
    counted: each process times its own work."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_putar, range(2)))  # start both processes first
        satu = min(pool.submit(_putar).result() for _ in range(2))
        dua = max(pool.map(_putar, range(2)))
    return 2 * satu / dua


def _daftar(detik: list[float]) -> str:
    return " ".join(f"{d:.2f}" for d in detik)


def main(jumlah: int = 1000, indikator: int = 5, putaran: int = 3) -> dict[str, float]:
    """Rounds of: bare calamine read, ``himpun --coba``, ``himpun`` into a fresh ledger.
    Each round's ratios compare runs made a moment apart; the medians are reported."""
    with tempfile.TemporaryDirectory() as d:
        mulai = time.perf_counter()
        ruang, masuk = siapkan(Path(d), jumlah, indikator)
        berkas = sorted(masuk.iterdir())
        siap = time.perf_counter() - mulai
        polos: list[float] = []
        coba: list[float] = []
        penuh: list[float] = []
        diterima = 0
        for r in range(putaran):
            polos.append(baca_polos(berkas))
            mulai = time.perf_counter()
            himpun(ruang, masuk, coba=True)  # read + check only: no ledger, no copies
            coba.append(time.perf_counter() - mulai)
            baru = ruang_baru(ruang, Path(d) / f"ruang-{r}")
            mulai = time.perf_counter()
            hasil = himpun(baru, masuk)
            penuh.append(time.perf_counter() - mulai)
            diterima = sum(1 for b in hasil.berkas if b.status == "diterima")
        pandas_detik = baca_pandas(berkas)
        paralel = kerja_paralel()
        buat_berkas = biaya_buat_berkas(Path(d))
    n = len(berkas)
    detik_polos, detik_coba, detik_himpun = (statistics.median(x) for x in (polos, coba, penuh))
    keluar = {
        "berkas": n,
        "indikator_per_berkas": indikator,
        "diterima": diterima,
        "putaran": putaran,
        "berkas_per_detik_himpun": n / detik_himpun,
        "berkas_per_detik_calamine": n / detik_polos,
        "berkas_per_detik_pandas": n / pandas_detik,
        "berkas_per_detik_coba": n / detik_coba,
        "coba_thd_calamine": statistics.median(p / c for p, c in zip(polos, coba, strict=True)),
        "himpun_thd_calamine": statistics.median(p / h for p, h in zip(polos, penuh, strict=True)),
        "himpun_thd_pandas": pandas_detik / detik_himpun,
        "kerja_paralel": paralel,
        "ms_buat_berkas": buat_berkas,
    }
    print(
        f"himpun {n} berkas × {indikator} indikator (disiapkan {siap:.0f} s, {diterima} diterima), "
        f"median {putaran} putaran: {keluar['berkas_per_detik_himpun']:.0f} berkas/s; calamine "
        f"polos {keluar['berkas_per_detik_calamine']:.0f} berkas/s; pandas+openpyxl "
        f"{keluar['berkas_per_detik_pandas']:.0f} berkas/s\n"
        f"  himpun = {keluar['himpun_thd_calamine']:.2f}× kecepatan baca calamine polos (target ≥ 0,5) dan "
        f"{keluar['himpun_thd_pandas']:.1f}× loop pandas (target ≥ 10)\n"
        f"  himpun --coba (baca + periksa saja) {keluar['berkas_per_detik_coba']:.0f} berkas/s = "
        f"{keluar['coba_thd_calamine']:.2f}× calamine polos\n"
        f"  dua proses di mesin ini mengerjakan {paralel:.2f}× kerja satu proses\n"
        f"  membuat satu berkas 20 KB di folder yang sama (yang dibayar himpun untuk setiap "
        f"salinan di kiriman/): {buat_berkas:.3f} ms\n"
        f"  per putaran (s): calamine {_daftar(polos)}; --coba {_daftar(coba)}; "
        f"himpun {_daftar(penuh)}"
    )
    return keluar


def memori(jumlah: int, indikator: int = 5) -> dict[str, float]:
    """Peak RSS (MiB) of a himpun run over ``jumlah`` files, in a fresh process."""
    with tempfile.TemporaryDirectory() as d:
        ruang, masuk = siapkan(Path(d), jumlah, indikator)
        kode = KODE_PUNCAK + (
            "import resource, sys; from pathlib import Path;"
            "from pengumpulan_kinerja.ruang_kerja import RuangKerja;"
            "from pengumpulan_kinerja.himpun import himpun;"
            f"h = himpun(RuangKerja(Path({str(ruang.akar)!r})), Path({str(masuk)!r}));"
            "s = puncak_kib();"
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
    p.add_argument("--putaran", type=int, default=3)
    p.add_argument(
        "--memori", action="store_true", help="juga ukur memori puncak 1.000 vs 4.000 berkas"
    )
    a = p.parse_args()
    print(json.dumps(main(a.jumlah, a.indikator, a.putaran)))
    if a.memori:
        memori(a.jumlah)
        memori(a.jumlah * 4)
