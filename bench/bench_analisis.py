"""analisis for a large office over a whole year: 50 teams, 1,000 indicators,
12 months in the ledger; and its memory as months are approved and archived.

    python bench/bench_analisis.py [--tim 50] [--indikator 20] [--tanpa-arsip]

The ledger is filled directly (every indicator and team budget, January to December).
Then ``analisis`` of December is timed (computing, and writing xlsx/html/csv), and its
peak memory is measured in a fresh process three times: with no month archived, with
January-June approved and archived, and with January-November approved and archived.
The three figures should be the same: what a month's analysis holds does not grow
with the archive.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sintetis import KODE_PUNCAK, ruang_sintetis
from pengumpulan_kinerja.analisis import analisis_bulan, hitung_analisis
from pengumpulan_kinerja.arsip import arsipkan
from pengumpulan_kinerja.buku_besar import KirimanBaru, NilaiBaru, waktu_iso
from pengumpulan_kinerja.keputusan import setujui
from pengumpulan_kinerja.kiriman import catat_dengan_salinan, nama_salinan
from pengumpulan_kinerja.laporan import tulis_laporan
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja


def isi_setahun(ruang: RuangKerja) -> None:
    """Every indicator's realisation and every team's budget, January to December, each
    team-month recorded as a submission with its copy (the one write path himpun uses)."""
    k = ruang.konfigurasi
    with ruang.buka_buku_besar() as buku:
        for bulan in range(1, 13):
            periode = f"{k.tahun}-{bulan:02d}"
            for tim in k.tim:
                nilai = [
                    NilaiBaru(
                        ind.kode, "realisasi", float(10 + (bulan * 7 + len(ind.kode)) % 5), None
                    )
                    for ind in k.indikator_tim(tim.kode)
                ]
                nilai.append(NilaiBaru("", "anggaran", 95e6, None))
                data = f"bench {tim.kode} {periode}".encode()
                sha = hashlib.sha256(data).hexdigest()
                nama = f"{tim.kode}_{periode}.xlsx"
                kiriman = KirimanBaru(
                    periode=periode,
                    tim=tim.kode,
                    nama_berkas=nama,
                    berkas_asal=nama,
                    sha256=sha,
                    ukuran=len(data),
                    salinan=f"kiriman/{periode}/{nama_salinan(sha, nama)}",
                    diterima=f"{periode}-05T09:00:00",
                    dihimpun=waktu_iso(),
                    terlambat=False,
                    tanggal_pengisian=None,
                    diisi_oleh=None,
                    instrumen_id=None,
                    sidik_jari=None,
                    dikenali_dari="metadata",
                    oleh="bench",
                )
                catat_dengan_salinan(ruang, buku, kiriman, nilai, [], data=data)


def memori_analisis(ruang: RuangKerja, periode: Periode) -> float:
    """Peak RSS (MiB) of ``analisis_bulan`` (computing and writing), in a fresh process."""
    kode = KODE_PUNCAK + (
        "from pathlib import Path;"
        "from pengumpulan_kinerja.ruang_kerja import RuangKerja;"
        "from pengumpulan_kinerja.periode import Periode;"
        "from pengumpulan_kinerja.analisis import analisis_bulan;"
        f"analisis_bulan(RuangKerja(Path({str(ruang.akar)!r})), Periode({periode.tahun}, "
        f"{periode.bulan}), oleh='bench');"
        "print(puncak_kib())"
    )
    keluar = subprocess.run(
        [sys.executable, "-c", kode], capture_output=True, text=True, check=True
    )
    return int(keluar.stdout.split()[-1]) / 1024


def main(jumlah_tim: int = 50, indikator: int = 20, arsip: bool = True) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        ruang = ruang_sintetis(Path(d) / "ruang", jumlah_tim, indikator)
        k = ruang.konfigurasi
        isi_setahun(ruang)
        desember = Periode(k.tahun, 12)
        mulai = time.perf_counter()
        with ruang.buka_buku_besar() as buku:
            hasil = hitung_analisis(k, buku, desember)
        hitung = time.perf_counter() - mulai
        mulai = time.perf_counter()
        tulis_laporan(hasil, Path(d) / "laporan")
        tulis = time.perf_counter() - mulai
        keluar: dict[str, float] = {
            "indikator": len(k.indikator),
            "detik_hitung": hitung,
            "detik_tulis": tulis,
        }
        print(
            f"analisis {jumlah_tim} tim, {len(k.indikator)} indikator, 12 bulan di buku besar: "
            f"hitung {hitung:.2f} s, tulis xlsx/html/csv {tulis:.2f} s"
        )
        if arsip:
            diarsipkan = 0
            for target in (0, 6, 11):
                while diarsipkan < target:
                    diarsipkan += 1
                    periode = Periode(k.tahun, diarsipkan)
                    analisis_bulan(ruang, periode, oleh="bench")
                    setujui(ruang, periode, oleh="Kasubbag Umum", tetap=True)
                    arsipkan(ruang, periode, oleh="bench")
                mib = memori_analisis(ruang, desember)
                keluar[f"mib_arsip_{target}"] = mib
                print(
                    f"  memori puncak analisis Desember, {target:2d} bulan diarsipkan: {mib:.0f} MiB"
                )
    keluar["mib_proses_ini"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return keluar


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tim", type=int, default=50)
    p.add_argument("--indikator", type=int, default=20)
    p.add_argument("--tanpa-arsip", action="store_true", help="lewati pengukuran memori")
    a = p.parse_args()
    main(a.tim, a.indikator, not a.tanpa_arsip)
