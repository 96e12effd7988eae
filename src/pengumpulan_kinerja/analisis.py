"""analisis (POS step 6): capaian against the Perjanjian Kinerja targets.

Everything is computed from the ledger's current values (corrections applied) with
the formulas of :mod:`hitung`; rows are collected as tuples and turned into pandas
DataFrames once, for the roll-ups and the outputs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import hitung
from .buku_besar import INDIKATOR_ANGGARAN, BukuBesar, pengguna_os, sekarang
from .galat import PenggunaanError
from .himpun import Kelengkapan, kelengkapan_dari
from .konfigurasi import Konfigurasi
from .periode import NAMA_BULAN, Periode
from .ruang_kerja import RuangKerja
from .temuan import Temuan, Tingkat, daftarkan_kode

daftarkan_kode("target-nol", Tingkat.PERINGATAN)
daftarkan_kode("realisasi-nol", Tingkat.PERINGATAN)

AMBANG_PENCILAN = 3.5
BULAN_MIN_PENCILAN = 4

KOLOM_CSV: tuple[str, ...] = (
    "periode",
    "tim",
    "sasaran",
    "kode",
    "indikator",
    "satuan",
    "arah",
    "agregasi",
    "realisasi",
    "target_bulan",
    "capaian_bulan",
    "target_triwulan",
    "capaian_triwulan",
    "target_tahunan",
    "capaian_tahunan",
    "kategori",
)
"""Columns of ``capaian-PERIODE.csv`` (SPEC section 7), in order."""

TANDA: dict[str, str] = {
    "tanpa_data": "tidak ada data bulan ini",
    "di_bawah_target": "di bawah target bulan ini",
    "pencilan": "nilai tidak wajar dibanding riwayatnya (skor-z termodifikasi > 3,5)",
    "memburuk": "capaian lebih rendah dari bulan lalu",
    "kendala_tanpa_rtl": "ada kendala tanpa rencana tindak lanjut",
}
"""Flags of an indicator and their Indonesian descriptions."""


def _bulat(nilai: float | None, desimal: int = 2) -> float | None:
    if nilai is None or (isinstance(nilai, float) and math.isnan(nilai)):
        return None
    return round(nilai + 0.0, desimal)


@dataclass
class HasilAnalisis:
    """All figures of one month's analysis, as DataFrames and plain values."""

    periode: Periode
    konfigurasi: Konfigurasi
    indikator: pd.DataFrame
    sasaran: pd.DataFrame
    tim: pd.DataFrame
    anggaran: pd.DataFrame
    tren: pd.DataFrame
    rtl: pd.DataFrame
    temuan: list[Temuan]
    kelengkapan: Kelengkapan
    waktu: datetime = field(default_factory=sekarang)
    berkas: list[Path] = field(default_factory=list)

    @property
    def ada_data(self) -> bool:
        return bool(self.indikator["realisasi"].notna().any()) if len(self.indikator) else False

    def rata_rata_capaian(self) -> float | None:
        nilai = self.indikator["capaian_bulan"].dropna()
        return _bulat(float(nilai.mean())) if len(nilai) else None

    def baris_csv(self) -> list[dict[str, Any]]:
        baris = []
        for r in self.indikator.to_dict("records"):
            baris.append({k: _kosong(r[k]) for k in KOLOM_CSV})
        return baris

    def sebagai_json(self) -> dict[str, Any]:
        def rekaman(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): _kosong(v) for k, v in r.items()} for r in df.to_dict("records")]

        k = self.kelengkapan
        return {
            "periode": self.periode.kode,
            "label": self.periode.label,
            "satker": self.konfigurasi.satker.nama,
            "rata_rata_capaian": self.rata_rata_capaian(),
            "kategori": self.konfigurasi.kategori_untuk(self.rata_rata_capaian()),
            "indikator": rekaman(self.indikator),
            "sasaran": rekaman(self.sasaran),
            "tim": rekaman(self.tim),
            "anggaran": rekaman(self.anggaran),
            "rencana_tindak_lanjut": rekaman(self.rtl),
            "temuan": [t.sebagai_baris() for t in self.temuan],
            "kelengkapan": k.sebagai_dict(),
            "berkas": [str(p) for p in self.berkas],
        }


def _kosong(nilai: Any) -> Any:
    """NaN/None → None; numpy scalars → Python numbers."""
    if nilai is None:
        return None
    if isinstance(nilai, float) and math.isnan(nilai):
        return None
    if hasattr(nilai, "item"):
        return nilai.item()
    return nilai


def _nilai_tahun(
    buku: BukuBesar, periode: Periode
) -> tuple[
    dict[tuple[str, str], dict[int, float]], dict[str, dict[str, str]], dict[str, dict[int, float]]
]:
    """Monthly realisations per (team, indicator), this month's texts per indicator, and
    budget realisations per team and month, from the current values."""
    bulanan: dict[tuple[str, str], dict[int, float]] = {}
    teks: dict[str, dict[str, str]] = {}
    anggaran: dict[str, dict[int, float]] = {}
    for b in buku.query(
        "SELECT periode, tim, indikator, kolom, angka, teks FROM nilai_kini "
        "WHERE periode >= ? AND periode <= ?",
        (f"{periode.tahun:04d}-01", periode.kode),
    ):
        bulan = int(b["periode"][5:7])
        if b["kolom"] == "realisasi" and b["angka"] is not None:
            bulanan.setdefault((b["tim"], b["indikator"]), {})[bulan] = float(b["angka"])
        elif (
            b["kolom"] == "anggaran"
            and b["indikator"] == INDIKATOR_ANGGARAN
            and b["angka"] is not None
        ):
            anggaran.setdefault(b["tim"], {})[bulan] = float(b["angka"])
        elif b["teks"] is not None and bulan == periode.bulan:
            teks.setdefault(b["indikator"], {})[b["kolom"]] = str(b["teks"])
    return bulanan, teks, anggaran


def hitung_analisis(
    konfigurasi: Konfigurasi, buku: BukuBesar, periode: Periode, ruang: RuangKerja | None = None
) -> HasilAnalisis:
    """Compute the month's analysis from the ledger. Writes nothing."""
    bulanan, teks, anggaran = _nilai_tahun(buku, periode)
    b = periode.bulan
    maks = konfigurasi.capaian_maksimum
    baris: list[dict[str, Any]] = []
    tren: list[dict[str, Any]] = []
    rtl: list[dict[str, Any]] = []
    temuan: list[Temuan] = []
    for ind in konfigurasi.indikator:
        nilai = {k: v for k, v in bulanan.get((ind.tim, ind.kode), {}).items() if k <= b}
        realisasi = hitung.realisasi_sampai(ind, nilai, b)
        t_bulan = hitung.target_bulan(ind, b)
        t_tri = hitung.target_triwulan(ind, b)
        c_bulan = hitung.capaian(ind, realisasi, t_bulan, maks)
        c_tri = hitung.capaian(ind, realisasi, t_tri, maks)
        c_tahun = hitung.capaian(ind, realisasi, ind.target, maks)
        for hasil, nama_target in (
            (c_bulan, "bulan ini"),
            (c_tri, "triwulan"),
            (c_tahun, "tahunan"),
        ):
            if hasil.masalah and realisasi is not None:
                pesan = (
                    f"Target {nama_target} {ind.kode} bernilai 0; capaian tidak dapat dihitung. "
                    "Periksa target di kinerja.yaml."
                    if hasil.masalah == "target-nol"
                    else f"Realisasi {ind.kode} bernilai 0 pada rumus rasio (T/R); capaian tidak "
                    "dapat dihitung tanpa capaian_maksimum."
                )
                temuan.append(
                    Temuan(
                        hasil.masalah, pesan, tim=ind.tim, periode=periode.kode, indikator=ind.kode
                    )
                )
        sebelumnya = None
        if b > 1:
            r_lalu = hitung.realisasi_sampai(ind, nilai, b - 1)
            sebelumnya = hitung.capaian(ind, r_lalu, hitung.target_bulan(ind, b - 1), maks).nilai
        tanda: list[str] = []
        if b not in nilai:
            tanda.append("tanpa_data")
        if c_bulan.nilai is not None and c_bulan.nilai < 100:
            tanda.append("di_bawah_target")
        riwayat = [nilai[k] for k in sorted(nilai)]
        skor: float | None = None
        if len(riwayat) >= BULAN_MIN_PENCILAN and b in nilai:
            skor = hitung.skor_z_termodifikasi(riwayat)[sorted(nilai).index(b)]
            if abs(skor) > AMBANG_PENCILAN:
                tanda.append("pencilan")
        if hitung.memburuk(c_bulan.nilai, sebelumnya):
            tanda.append("memburuk")
        catatan = teks.get(ind.kode, {})
        if catatan.get("kendala") and not catatan.get("rtl"):
            tanda.append("kendala_tanpa_rtl")
        baris.append(
            {
                "periode": periode.kode,
                "tim": ind.tim,
                "sasaran": ind.sasaran,
                "kode": ind.kode,
                "indikator": ind.uraian,
                "satuan": ind.satuan,
                "arah": ind.arah,
                "agregasi": ind.agregasi,
                "realisasi_bulan": nilai.get(b),
                "realisasi": _bulat(realisasi, 4),
                "target_bulan": _bulat(t_bulan, 4),
                "capaian_bulan": _bulat(c_bulan.nilai),
                "target_triwulan": t_tri,
                "capaian_triwulan": _bulat(c_tri.nilai),
                "target_tahunan": ind.target,
                "capaian_tahunan": _bulat(c_tahun.nilai),
                "kategori": konfigurasi.kategori_untuk(_bulat(c_bulan.nilai)),
                "capaian_bulan_lalu": _bulat(sebelumnya),
                "skor_z": _bulat(skor) if skor is not None and math.isfinite(skor) else None,
                "tanda": tanda,
                "kendala": catatan.get("kendala"),
                "upaya": catatan.get("upaya"),
                "rtl": catatan.get("rtl"),
                "bukti": catatan.get("bukti"),
            }
        )
        tren.append(
            {
                "kode": ind.kode,
                "tim": ind.tim,
                **{NAMA_BULAN[m - 1][:3]: nilai.get(m) for m in range(1, b + 1)},
            }
        )
        if any(catatan.get(k) for k in ("kendala", "upaya", "rtl")):
            rtl.append(
                {
                    "kode": ind.kode,
                    "tim": ind.tim,
                    "indikator": ind.uraian,
                    "capaian_bulan": _bulat(c_bulan.nilai),
                    "kendala": catatan.get("kendala"),
                    "upaya": catatan.get("upaya"),
                    "rtl": catatan.get("rtl"),
                }
            )
    df = pd.DataFrame(baris)
    sasaran = _rollup(df, konfigurasi, "sasaran", {s.kode: s.uraian for s in konfigurasi.sasaran})
    tim = _rollup(df, konfigurasi, "tim", {t.kode: t.nama for t in konfigurasi.tim_berindikator()})
    df_anggaran = _anggaran(konfigurasi, anggaran, periode)
    temuan = _temuan_buku(buku, periode) + temuan
    lengkap = kelengkapan_dari(konfigurasi, buku, periode)
    return HasilAnalisis(
        periode=periode,
        konfigurasi=konfigurasi,
        indikator=df,
        sasaran=sasaran,
        tim=tim,
        anggaran=df_anggaran,
        tren=pd.DataFrame(tren),
        rtl=pd.DataFrame(
            rtl, columns=["kode", "tim", "indikator", "capaian_bulan", "kendala", "upaya", "rtl"]
        ),
        temuan=temuan,
        kelengkapan=lengkap,
    )


def _rollup(
    df: pd.DataFrame, konfigurasi: Konfigurasi, kolom: str, nama: Mapping[str, str]
) -> pd.DataFrame:
    kelompok = df.groupby(kolom, sort=False).agg(
        indikator=("kode", "count"),
        berdata=("capaian_bulan", "count"),
        capaian_bulan=("capaian_bulan", "mean"),
        capaian_tahunan=("capaian_tahunan", "mean"),
    )
    kelompok = kelompok.reindex(list(nama))
    keluar = kelompok.reset_index().rename(columns={"index": kolom})
    keluar.insert(1, "uraian", [nama[k] for k in keluar[kolom]])
    keluar["capaian_bulan"] = keluar["capaian_bulan"].map(lambda x: _bulat(x))
    keluar["capaian_tahunan"] = keluar["capaian_tahunan"].map(lambda x: _bulat(x))
    keluar["kategori"] = [konfigurasi.kategori_untuk(x) for x in keluar["capaian_bulan"]]
    keluar["indikator"] = keluar["indikator"].fillna(0).astype(int)
    keluar["berdata"] = keluar["berdata"].fillna(0).astype(int)
    return keluar


def _anggaran(
    konfigurasi: Konfigurasi, anggaran: Mapping[str, Mapping[int, float]], periode: Periode
) -> pd.DataFrame:
    b = periode.bulan
    baris = []
    for tim in konfigurasi.tim:
        if tim.anggaran is None:
            continue
        per_bulan = anggaran.get(tim.kode, {})
        bulan_ini = per_bulan.get(b)
        sampai = sum(v for m, v in per_bulan.items() if m <= b) if per_bulan else None
        rpd = tim.anggaran.rpd[b - 1]
        rpd_sampai = tim.anggaran.rpd_sampai(b)
        baris.append(
            {
                "tim": tim.kode,
                "nama": tim.nama,
                "pagu": tim.anggaran.pagu,
                "rpd_bulan": rpd,
                "realisasi_bulan": bulan_ini,
                "rpd_sampai": rpd_sampai,
                "realisasi_sampai": sampai,
                "penyerapan": _bulat(sampai / tim.anggaran.pagu * 100)
                if sampai is not None
                else None,
                "deviasi_rpd": _bulat(abs(bulan_ini - rpd) / rpd * 100)
                if bulan_ini is not None and rpd > 0
                else None,
            }
        )
    return pd.DataFrame(
        baris,
        columns=[
            "tim",
            "nama",
            "pagu",
            "rpd_bulan",
            "realisasi_bulan",
            "rpd_sampai",
            "realisasi_sampai",
            "penyerapan",
            "deviasi_rpd",
        ],
    )


def _temuan_buku(buku: BukuBesar, periode: Periode) -> list[Temuan]:
    hasil = []
    for b in buku.query(
        "SELECT t.* FROM temuan t JOIN kiriman k ON k.id = t.kiriman_id "
        "WHERE t.periode = ? AND k.aktif = 1 ORDER BY t.id",
        (periode.kode,),
    ):
        try:
            hasil.append(
                Temuan(
                    kode=b["kode"],
                    pesan=b["pesan"],
                    berkas=b["berkas"],
                    lembar=b["lembar"],
                    sel=b["sel"],
                    tim=b["tim"],
                    periode=b["periode"],
                    indikator=b["indikator"],
                )
            )
        except ValueError:
            continue
    return hasil


def analisis_bulan(
    ruang: RuangKerja, periode: Periode, oleh: str | None = None, tulis: bool = True
) -> HasilAnalisis:
    """Compute the month, write ``laporan/PERIODE/`` outputs, and record the analysis
    and POS step 6 in the ledger."""
    from .laporan import tulis_laporan

    konfigurasi = ruang.konfigurasi
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}.",
        )
    mulai = sekarang()
    oleh = oleh or pengguna_os()
    with ruang.buka_buku_besar() as buku:
        hasil = hitung_analisis(konfigurasi, buku, periode, ruang)
        if not tulis:
            return hasil
        hasil.berkas = tulis_laporan(hasil, ruang.folder_laporan(periode))
        with buku.transaksi():
            buku.catat_analisis(
                periode=periode.kode,
                oleh=oleh,
                ringkasan={
                    "rata_rata_capaian": hasil.rata_rata_capaian(),
                    "berkas": [p.name for p in hasil.berkas],
                },
            )
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=6,
                aksi="analisis",
                oleh=oleh,
                mulai=mulai,
                selesai=sekarang(),
                rincian={"berkas": [p.name for p in hasil.berkas]},
            )
    return hasil
