"""A small office for the recap tests: five indicators whose figures are easy to compute
by hand, one per aggregation and direction, January to June 2022 in the ledger, January
to May approved and June analysed but not approved.

Values go into the ledger the way himpun and koreksi leave them (``ubah_nilai``), then
each month is analysed and approved through the real commands (``setujui`` needs an
analysis that saw the data as they are).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pengumpulan_kinerja.analisis import analisis_bulan
from pengumpulan_kinerja.keputusan import setujui
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from tests.pembantu import isi_nilai

KONFIGURASI = """\
# Konfigurasi uji rekap (komentar ini harus bertahan di tahun baru)
versi: 1
satker:
  nama: Balai Uji Rekap
  kepala: {nama: Kepala Balai, nip: "196611071995121001"}
  kasubbag_umum: {nama: Kasubbag Uji, nip: "197803142005011002"}
tahun: 2022   # tahun anggaran
pengumpulan:
  batas_tanggal: 7
capaian_maksimum: 120
renstra: {awal: 2020, akhir: 2024}
tim:
  - kode: T1
    nama: Tim Satu
    ketua: {nama: Ketua Satu}
    anggaran:
      pagu: 1000000   # pagu DIPA
      rpd: [100000, 100000, 100000, 100000, 100000, 100000,
            50000, 50000, 50000, 50000, 50000, 50000]
  - kode: T2
    nama: Tim Dua
    ketua: {nama: Ketua Dua}
    anggaran: {pagu: 2000000, rpd: [100000, 100000, 100000, 100000, 100000, 100000,
                                    100000, 100000, 100000, 100000, 100000, 100000]}
sasaran:
  - kode: S1
    uraian: Sasaran pertama
    indikator:
      # naik, kumulatif
      - kode: A
        uraian: Jumlah sekolah yang didampingi
        satuan: sekolah
        tim: T1
        arah: naik
        agregasi: kumulatif
        target: 100   # target PK
        target_triwulan: [20, 50, 80, 100]
        target_renstra: 400
        realisasi_tahun_lalu: 90
      - kode: D
        uraian: Persentase sekolah yang memakai rapor
        satuan: persen
        tim: T1
        arah: naik
        agregasi: terakhir
        target: 80
        target_triwulan: [20, 40, 60, 80]
        realisasi_tahun_lalu: 1234.5
  - kode: S2
    uraian: Sasaran kedua
    indikator:
      - kode: B
        uraian: Persentase temuan yang belum ditindaklanjuti
        satuan: persen
        tim: T2
        arah: turun
        rumus_turun: selisih
        agregasi: terakhir
        target: 5
        target_triwulan: [20, 15, 10, 5]
        target_renstra: 3
      - kode: C
        uraian: Rata-rata hari layanan
        satuan: hari
        tim: T2
        arah: turun
        rumus_turun: rasio
        agregasi: rata-rata
        target: 3
        target_triwulan: [5, 4, 3, 3]
        target_renstra: 2
      - {kode: E, uraian: "=1+1 Indeks kepuasan", satuan: indeks, tim: T2, arah: naik,
         agregasi: rata-rata, target: 85, target_triwulan: [85, 85, 85, 85]}
"""

REALISASI: dict[tuple[str, str], list[float]] = {
    ("T1", "A"): [5, 5, 10, 10, 15, 20],
    ("T1", "D"): [10, 15, 20, 30, 35, 41],
    ("T2", "B"): [19, 18, 17, 16, 14, 13.5],
    ("T2", "C"): [5, 5, 4, 4, 6, 2],
    ("T2", "E"): [70, 70, 70, 80, 90, 68],
}
ANGGARAN = {"T1": 100_000.0, "T2": 100_000.0}
KENDALA_A = "Jadwal sekolah bentrok dengan asesmen daerah."


def isi_ledger(ruang: RuangKerja, sampai: int = 6) -> None:
    """January..``sampai`` into the ledger: values, budget, texts, and one correction
    (A in April was sent as 99 and corrected to 10)."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for (tim, kode), nilai in REALISASI.items():
            for bulan, v in enumerate(nilai[:sampai], start=1):
                isi_nilai(
                    buku, bulan, tim, kode, "realisasi", 99.0 if (kode, bulan) == ("A", 4) else v
                )
        for tim, v in ANGGARAN.items():
            for bulan in range(1, sampai + 1):
                isi_nilai(buku, bulan, tim, "", "anggaran", v)
        if sampai >= 5:
            isi_nilai(buku, 4, "T1", "A", "kendala", teks=KENDALA_A)
            isi_nilai(buku, 5, "T1", "A", "kendala", teks=KENDALA_A)
            isi_nilai(buku, 5, "T1", "A", "upaya", teks="Menjadwalkan ulang pendampingan.")
            isi_nilai(buku, 5, "T2", "B", "rtl", teks="Rapat tindak lanjut dengan auditor.")
        if sampai >= 4:
            isi_nilai(buku, 4, "T1", "A", "realisasi", 10.0, sumber="koreksi")


def setujui_bulan(
    ruang: RuangKerja, bulan: Iterable[int], analisis: Sequence[int] = (), tahun: int = 2022
) -> None:
    """Analyse and approve each month of ``bulan``; only analyse those of ``analisis``."""
    disetujui = set(bulan)
    for b in sorted(disetujui | set(analisis)):
        periode = Periode(tahun, b)
        analisis_bulan(ruang, periode, oleh="uji")
        if b in disetujui:
            setujui(ruang, periode, "Kasubbag Uji", tetap=True)


def buat_ruang(folder: Path, sampai: int = 6, disetujui: int = 5) -> RuangKerja:
    """The office above: January..``sampai`` in the ledger, January..``disetujui``
    approved, the remaining months analysed only."""
    ruang = buat_ruang_kerja(folder)
    ruang.berkas_konfigurasi.write_text(KONFIGURASI, encoding="utf-8")
    ruang = RuangKerja(ruang.akar)
    isi_ledger(ruang, sampai)
    setujui_bulan(ruang, range(1, disetujui + 1), list(range(disetujui + 1, sampai + 1)))
    return ruang
