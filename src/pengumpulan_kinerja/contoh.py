"""Filling instruments programmatically: for the demo, the tests and the benchmarks.

``isi_instrumen`` types raw values into a generated instrument the way a person
would (numbers, or strings such as ``"1.234,5"`` and ``"85%"``); ``isian_contoh``
makes realistic, deterministic values for a whole month.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from . import hitung, tata_letak
from .keluaran import tulis_sel
from .konfigurasi import Konfigurasi
from .periode import Periode
from .ruang_kerja import simpan_atomik

KENDALA = (
    "Jaringan internet di sebagian sekolah sasaran belum stabil sehingga unggah data tertunda.",
    "Jadwal kegiatan bertabrakan dengan asesmen daerah; sebagian peserta berhalangan hadir.",
    "Pencairan anggaran perjalanan dinas terlambat karena revisi DIPA.",
    "Operator sekolah baru belum memahami aplikasi Rapor Pendidikan.",
    "Data dari dinas pendidikan kabupaten belum lengkap.",
)
UPAYA = (
    "Koordinasi dengan dinas pendidikan kabupaten/kota dan pendampingan daring.",
    "Menjadwalkan ulang kegiatan dan menambah sesi pendampingan.",
    "Berkoordinasi dengan bagian keuangan untuk percepatan pencairan.",
    "Bimbingan teknis singkat bagi operator sekolah.",
)
RTL = (
    "Pendampingan lanjutan pada minggu kedua bulan berikutnya.",
    "Menyusun jadwal kunjungan ulang ke sekolah yang tertinggal.",
    "Mengajukan percepatan revisi anggaran kepada Kasubbag Umum.",
    "Pemantauan mingguan melalui grup koordinasi tim kerja.",
)


def isi_instrumen(
    sumber: Path,
    tujuan: Path,
    isian: Mapping[str, Mapping[str, object]],
    anggaran: object = None,
    diisi_oleh: str | None = "Operator Tim",
    tanggal: date | None = None,
    jabatan: str | None = None,
) -> Path:
    """Type ``isian`` (indicator code → {field: raw value}) into a copy of ``sumber``.

    Fields are the tata_letak names ``realisasi, pembilang, penyebut, kendala, upaya,
    rtl, bukti``. ``sumber`` is never modified. Strings are typed as text (so
    ``"=1+1"`` stays text and ``"1.234,5"`` stays a string, as a person types it).
    """
    wb = load_workbook(sumber)
    ws = wb[tata_letak.LEMBAR_CAPAIAN]
    baris_kode: dict[str, int] = {}
    kolom_kode = ord(tata_letak.huruf_kolom("kode")) - 64
    for r in range(tata_letak.BARIS_DATA_PERTAMA, ws.max_row + 1):
        kode = ws.cell(row=r, column=kolom_kode).value
        if kode:
            baris_kode[str(kode)] = r
    for kode, kolom in isian.items():
        if kode not in baris_kode:
            raise KeyError(f"kode {kode} tidak ada di {sumber.name}")
        for nama, nilai in kolom.items():
            c = ord(tata_letak.huruf_kolom(nama)) - 64
            tulis_sel(ws, baris_kode[kode], c, nilai)
    if anggaran is not None and tata_letak.LEMBAR_ANGGARAN in wb.sheetnames:
        wa = wb[tata_letak.LEMBAR_ANGGARAN]
        r = next(r for r, _, n in tata_letak.BARIS_ANGGARAN if n == "anggaran")
        tulis_sel(wa, r, 3, anggaran)
    wp = wb[tata_letak.LEMBAR_PENGESAHAN]
    for r, _, nama in tata_letak.BARIS_PENGESAHAN:
        if nama == "diisi_oleh" and diisi_oleh is not None:
            tulis_sel(wp, r, 3, diisi_oleh)
        elif nama == "tanggal_pengisian" and tanggal is not None:
            wp.cell(row=r, column=3, value=tanggal)
        elif nama == "jabatan" and jabatan is not None:
            tulis_sel(wp, r, 3, jabatan)
    return simpan_atomik(tujuan, lambda jalur: wb.save(jalur))


def isian_contoh(
    konfigurasi: Konfigurasi, periode: Periode, kode_tim: str, seed: int = 0
) -> tuple[dict[str, dict[str, object]], float | None]:
    """Realistic values for one team and month: near the monthly target, some below it
    with kendala, upaya and a follow-up plan; evidence links where required.

    Returns (isian per indicator, budget realisation of the month or None).
    """
    acak = random.Random(f"{seed}-{kode_tim}-{periode.kode}")
    hasil: dict[str, dict[str, object]] = {}
    bulan = periode.bulan
    for ind in konfigurasi.indikator_tim(kode_tim):
        faktor = acak.uniform(0.82, 1.08)
        kolom: dict[str, object] = {}
        target = hitung.target_bulan(ind, bulan)
        if ind.agregasi == "kumulatif":
            lalu = hitung.target_bulan(ind, bulan - 1) if bulan > 1 else 0.0
            nilai = max(0.0, round((target - lalu) * faktor))
        elif ind.arah == "turun":
            nilai = round(target * (2 - faktor), 1)
        else:
            nilai = round(target * faktor, 1)
        if ind.batas is not None:
            if ind.batas.maks is not None:
                nilai = min(nilai, ind.batas.maks)
            if ind.batas.min is not None:
                nilai = max(nilai, ind.batas.min)
        if ind.persen:
            nilai = min(nilai, 100.0)
        if ind.rasio:
            penyebut = (
                acak.choice((120, 250, 480, 15)) if "kabupaten" not in (ind.penyebut or "") else 15
            )
            pembilang = min(penyebut, round(penyebut * nilai / 100))
            kolom["pembilang"] = pembilang
            kolom["penyebut"] = penyebut
        else:
            kolom["realisasi"] = nilai
        if faktor < 0.97:
            kolom["kendala"] = acak.choice(KENDALA)
            kolom["upaya"] = acak.choice(UPAYA)
            kolom["rtl"] = acak.choice(RTL)
        if ind.wajib_bukti or acak.random() < 0.5:
            kolom["bukti"] = f"https://drive.example.go.id/sakip/{periode.kode}/{ind.kode}.pdf"
        hasil[ind.kode] = kolom
    tim = konfigurasi.cari_tim(kode_tim)
    anggaran = None
    if tim is not None and tim.anggaran is not None:
        anggaran = float(round(tim.anggaran.rpd[bulan - 1] * acak.uniform(0.7, 1.05), -3))
    return hasil, anggaran
