"""The example month of the analysis: June 2022 on the bundled BPMP Lampung config.

Realistic, deterministic values for January to June are written straight into the
ledger (the way ``himpun`` leaves them: one active submission per team and month,
monthly values, budget realisation, kendala/upaya/rencana tindak lanjut), so the
analysis tests, the golden CSV and the README screenshot all use the same month:

- every team submits January to May on time;
- in June the PAUD team (``FPP``) has not submitted, ``KMT`` is two days late;
- ``IKK-1.7`` jumps in June (an outlier against its own history), ``IKK-2.3`` has a
  kendala without a follow-up plan, ``IKK-1.5`` is worse than in May.

Run it as a script to get a workspace with the analysis written (used for the
screenshot, see docs/readme/analisis.md)::

    python -m tests.bulan_contoh /tmp/contoh-analisis
"""

from __future__ import annotations

import hashlib
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.buku_besar import INDIKATOR_ANGGARAN, KirimanBaru, NilaiBaru
from pengumpulan_kinerja.konfigurasi import Indikator, Konfigurasi
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja

JUNI = Periode(2022, 6)
TIM_ABSEN = "FPP"
TIM_TERLAMBAT = "KMT"
PENCILAN = "IKK-1.7"
KENDALA_TANPA_RTL = "IKK-2.3"
MEMBURUK = "IKK-1.5"

KENDALA = (
    "Jaringan internet di sebagian sekolah sasaran belum stabil sehingga unggah data tertunda.",
    "Jadwal kegiatan bertabrakan dengan asesmen daerah; sebagian peserta berhalangan hadir.",
    "Pencairan anggaran perjalanan dinas terlambat karena revisi DIPA.",
    "Data dari dinas pendidikan kabupaten belum lengkap.",
)
UPAYA = (
    "Koordinasi dengan dinas pendidikan kabupaten/kota dan pendampingan daring.",
    "Menjadwalkan ulang kegiatan dan menambah sesi pendampingan.",
    "Berkoordinasi dengan bagian keuangan untuk percepatan pencairan.",
)
RTL = (
    "Pendampingan lanjutan pada minggu kedua bulan berikutnya.",
    "Menyusun jadwal kunjungan ulang ke sekolah yang tertinggal.",
    "Pemantauan mingguan melalui grup koordinasi tim kerja.",
)


def _nilai(ind: Indikator, bulan: int, acak: random.Random) -> tuple[float, float]:
    """A realistic monthly value and the factor against the target that produced it."""
    faktor = acak.uniform(0.86, 1.06)
    target = hitung.target_bulan(ind, bulan)
    if ind.agregasi == "kumulatif":
        lalu = hitung.target_bulan(ind, bulan - 1) if bulan > 1 else 0.0
        nilai = float(max(0, round((target - lalu) * faktor)))
    elif ind.arah == "turun":
        nilai = round(target * (2 - faktor), 1)
    else:
        nilai = round(target * faktor, 1)
    if ind.batas is not None and ind.batas.maks is not None:
        nilai = min(nilai, ind.batas.maks)
    if ind.persen:
        nilai = min(nilai, 100.0)
    return nilai, faktor


def _kiriman(
    ruang: RuangKerja, periode: Periode, tim: str, terlambat: bool, batas: datetime
) -> KirimanBaru:
    """A submission record with a real copy under ``kiriman/`` (so ``periksa`` and
    ``arsip`` find it with the recorded SHA-256)."""
    diterima = batas + timedelta(days=2) if terlambat else batas - timedelta(days=2)
    isi = f"contoh {periode.kode} {tim}".encode()
    salinan = f"kiriman/{periode.kode}/{tim}.xlsx"
    (ruang.akar / salinan).parent.mkdir(parents=True, exist_ok=True)
    (ruang.akar / salinan).write_bytes(isi)
    return KirimanBaru(
        periode=periode.kode,
        tim=tim,
        nama_berkas=f"Capaian {tim} {periode.label}.xlsx",
        berkas_asal=f"masuk/Capaian {tim} {periode.label}.xlsx",
        sha256=hashlib.sha256(isi).hexdigest(),
        ukuran=len(isi),
        salinan=salinan,
        diterima=diterima.isoformat(timespec="seconds"),
        dihimpun=diterima.isoformat(timespec="seconds"),
        terlambat=terlambat,
        tanggal_pengisian=(diterima - timedelta(days=1)).date().isoformat(),
        diisi_oleh=f"Ketua Tim {tim}",
        instrumen_id=None,
        sidik_jari=None,
        dikenali_dari="metadata",
        oleh="contoh",
    )


def isi_bulan_contoh(ruang: RuangKerja, sampai: Periode = JUNI, seed: int = 2022) -> None:
    """Write January..``sampai`` of the example into the workspace's ledger."""
    konfigurasi: Konfigurasi = ruang.konfigurasi
    acak = random.Random(seed)
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for bulan in range(1, sampai.bulan + 1):
            periode = Periode(sampai.tahun, bulan)
            tgl = periode.batas(konfigurasi.batas_tanggal)
            batas = datetime(tgl.year, tgl.month, tgl.day, 10, 0)
            terakhir = bulan == sampai.bulan
            for tim in konfigurasi.tim_berindikator():
                if terakhir and tim.kode == TIM_ABSEN:
                    continue
                kiriman = _kiriman(
                    ruang, periode, tim.kode, terakhir and tim.kode == TIM_TERLAMBAT, batas
                )
                nilai: list[tuple[str, str, float | None, str | None]] = []
                for ind in konfigurasi.indikator_tim(tim.kode):
                    angka, faktor = _nilai(ind, bulan, acak)
                    if terakhir and ind.kode == PENCILAN:
                        angka = round(hitung.target_bulan(ind, bulan) * 3)
                    if ind.kode == MEMBURUK and bulan >= sampai.bulan - 1:
                        turun = 0.9 if terakhir else 1.02
                        angka, faktor = round(hitung.target_bulan(ind, bulan) * turun, 1), turun
                    if ind.rasio:
                        penyebut = 15.0 if "kabupaten" in (ind.penyebut or "") else 240.0
                        pembilang = float(min(penyebut, round(penyebut * angka / 100)))
                        angka = 100.0 * pembilang / penyebut
                        nilai += [
                            (ind.kode, "pembilang", pembilang, None),
                            (ind.kode, "penyebut", penyebut, None),
                        ]
                    nilai.append((ind.kode, "realisasi", angka, None))
                    if faktor < 0.93 or (terakhir and ind.kode == KENDALA_TANPA_RTL):
                        nilai.append((ind.kode, "kendala", None, acak.choice(KENDALA)))
                        nilai.append((ind.kode, "upaya", None, acak.choice(UPAYA)))
                        if not (terakhir and ind.kode == KENDALA_TANPA_RTL):
                            nilai.append((ind.kode, "rtl", None, acak.choice(RTL)))
                if tim.anggaran is not None:
                    rpd = tim.anggaran.rpd[bulan - 1]
                    nilai.append(
                        (
                            INDIKATOR_ANGGARAN,
                            "anggaran",
                            float(round(rpd * acak.uniform(0.72, 1.04), -3)),
                            None,
                        )
                    )
                buku.tambah_kiriman(kiriman, [NilaiBaru(*n) for n in nilai])


def main(argv: list[str]) -> int:
    from pengumpulan_kinerja.analisis import analisis_bulan

    if len(argv) != 1:
        print("Pakai: python -m tests.bulan_contoh FOLDER-BARU", file=sys.stderr)
        return 2
    ruang = buat_ruang_kerja(Path(argv[0]))
    isi_bulan_contoh(ruang)
    hasil = analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    for berkas in hasil.berkas:
        print(berkas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
