"""Synthetic offices for benchmarks: N teams × M indicators, as kinerja.yaml text."""

from __future__ import annotations

from pathlib import Path

from pengumpulan_kinerja.ruang_kerja import RuangKerja


def teks_konfigurasi(jumlah_tim: int, indikator_per_tim: int, tahun: int = 2022) -> str:
    baris = [
        "versi: 1",
        "satker:",
        "  nama: Balai Uji Kecepatan",
        "  kepala: {nama: Kepala Balai}",
        "  kasubbag_umum: {nama: Kasubbag Umum}",
        f"tahun: {tahun}",
        "pengumpulan: {batas_tanggal: 7}",
        "tim:",
    ]
    for t in range(jumlah_tim):
        baris += [
            f"  - kode: T{t:03d}",
            f"    nama: Tim Kerja {t}",
            f"    ketua: {{nama: Ketua {t}}}",
            "    anggaran: {pagu: 1200000000, rpd: [100000000, 100000000, 100000000, 100000000, "
            "100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000]}",
        ]
    baris.append("sasaran:")
    baris += ["  - kode: S1", "    uraian: Sasaran uji", "    indikator:"]
    for t in range(jumlah_tim):
        for i in range(indikator_per_tim):
            jenis = i % 3
            baris += [
                f"      - kode: I{t:03d}-{i:02d}",
                f"        uraian: Indikator {i} tim {t}",
                f"        satuan: {'persen' if jenis == 1 else 'dokumen'}",
                f"        tim: T{t:03d}",
                f"        arah: {'turun' if jenis == 2 else 'naik'}",
                f"        agregasi: {'kumulatif' if jenis == 0 else 'terakhir'}",
                "        target: 120" if jenis == 0 else "        target: 80",
                "        target_triwulan: [30, 60, 90, 120]"
                if jenis == 0
                else "        target_triwulan: [80, 80, 80, 80]",
            ]
            if jenis == 1:
                baris += ["        pembilang: yang memenuhi", "        penyebut: seluruhnya"]
    return "\n".join(baris) + "\n"


def ruang_sintetis(folder: Path, jumlah_tim: int, indikator_per_tim: int) -> RuangKerja:
    from pengumpulan_kinerja.ruang_kerja import buat_ruang_kerja

    ruang = buat_ruang_kerja(folder)
    ruang.berkas_konfigurasi.write_text(
        teks_konfigurasi(jumlah_tim, indikator_per_tim), encoding="utf-8"
    )
    return RuangKerja(ruang.akar)


KODE_PUNCAK = (
    "def puncak_kib():\n"
    "    # VmHWM: peak resident memory of this process image (ru_maxrss on Linux also\n"
    "    # keeps the peak of the parent that started it, so it cannot be used here)\n"
    "    try:\n"
    "        with open('/proc/self/status') as f:\n"
    "            for baris in f:\n"
    "                if baris.startswith('VmHWM:'):\n"
    "                    return int(baris.split()[1])\n"
    "    except OSError:\n"
    "        pass\n"
    "    import resource\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)
"""Python source defining ``puncak_kib()`` for the fresh processes that measure memory."""


def biaya_buat_berkas(folder: Path, jumlah: int = 300) -> float:
    """Milliseconds to create and write one 20 KB file in ``folder`` (what ``himpun``
    pays for each copy under ``kiriman/``), measured on ``jumlah`` new files."""
    import os
    import tempfile
    import time

    data = os.urandom(20_000)
    with tempfile.TemporaryDirectory(dir=folder) as d:
        mulai = time.perf_counter()
        for i in range(jumlah):
            with open(Path(d) / f"s{i}.xlsx", "wb") as keluar:
                keluar.write(data)
        return (time.perf_counter() - mulai) * 1000 / jumlah
