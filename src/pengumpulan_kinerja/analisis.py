"""analisis (POS step 6): capaian against the Perjanjian Kinerja targets.

Everything is computed from the ledger's current values (``nilai_kini``: corrections
applied) with the formulas of :mod:`hitung`. The ledger rows of the year up to the
month are read once, in one snapshot; monthly series, texts and budget are gathered
from them in one pass each (a few hundred rows: building a DataFrame for them cost
more than the work), the per-indicator rows are collected as records and turned into
DataFrames once, and the roll-ups are pandas group-bys.

Nothing here writes files: :func:`hitung_analisis` is pure computation,
:func:`analisis_bulan` adds the outputs (:mod:`laporan`) and the ledger records.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from . import hitung
from .buku_besar import (
    INDIKATOR_ANGGARAN,
    KOLOM_TEKS,
    BukuBesar,
    NilaiKini,
    pengguna_os,
    sekarang,
)
from .galat import BukuBesarError, PenggunaanError
from .hasil_analisis import KOLOM_ANGGARAN, KOLOM_KIRIMAN, KOLOM_RTL, _bulat, singkatan_bulan
from .hasil_analisis import KOLOM_CSV as KOLOM_CSV
from .hasil_analisis import TANDA as TANDA
from .hasil_analisis import TANDA_SINGKAT as TANDA_SINGKAT
from .hasil_analisis import HasilAnalisis as HasilAnalisis
from .hasil_analisis import rekaman as rekaman
from .kelengkapan import Kelengkapan, kelengkapan_dari
from .konfigurasi import Indikator, Konfigurasi
from .periode import Periode
from .ruang_kerja import RuangKerja
from .temuan import Temuan, dari_catatan

AMBANG_PENCILAN = 3.5
"""A month is an outlier when its modified z-score exceeds this (Iglewicz & Hoaglin)."""
BULAN_MIN_PENCILAN = 4
"""Outliers are only looked for once an indicator has this many reported months."""
PERCOBAAN = 3
"""How often :func:`analisis_bulan` recomputes when the data change while it writes."""

# --------------------------------------------------------------------------- reading


def _baca_nilai(buku: BukuBesar, konfigurasi: Konfigurasi, periode: Periode) -> list[NilaiKini]:
    """Current values of the year up to ``periode``, in the order they are applied: a
    later value of the same field wins.

    Values are matched to indicators by code: when an indicator changed team during
    the year, its earlier months (filed under the old team) still count; where two
    teams hold a value for the same code and month, the current owner's wins (its
    values come last).
    """
    pemilik = {i.kode: i.tim for i in konfigurasi.indikator}
    return sorted(
        buku.nilai_kini(sampai=periode.kode), key=lambda n: pemilik.get(n.indikator) == n.tim
    )


def _bulan(n: NilaiKini) -> int:
    return int(n.periode[5:7])


def _seri_bulanan(nilai: Sequence[NilaiKini]) -> dict[str, dict[int, float]]:
    """Indicator code → {month: realisasi}."""
    hasil: dict[str, dict[int, float]] = {}
    for n in nilai:
        if n.kolom == "realisasi" and n.angka is not None and n.indikator != "":
            hasil.setdefault(n.indikator, {})[_bulan(n)] = float(n.angka)
    return hasil


def _teks_bulan(nilai: Sequence[NilaiKini], bulan: int) -> dict[str, dict[str, str]]:
    """Indicator code → {kendala/upaya/rtl/bukti: text} of the month (blank = absent)."""
    hasil: dict[str, dict[str, str]] = {}
    for n in nilai:
        if n.kolom in KOLOM_TEKS and n.teks is not None and _bulan(n) == bulan:
            teks = str(n.teks).strip()
            if teks:
                hasil.setdefault(n.indikator, {})[n.kolom] = teks
    return hasil


def _anggaran_bulanan(nilai: Sequence[NilaiKini]) -> dict[str, dict[int, float]]:
    """Team → {month: budget realisation}."""
    hasil: dict[str, dict[int, float]] = {}
    for n in nilai:
        if n.indikator == INDIKATOR_ANGGARAN and n.kolom == "anggaran" and n.angka is not None:
            hasil.setdefault(n.tim, {})[_bulan(n)] = float(n.angka)
    return hasil


def _kiriman(
    buku: BukuBesar, konfigurasi: Konfigurasi, periode: Periode, lengkap: Kelengkapan
) -> pd.DataFrame:
    """One row per expected team: status, when received, filled in by whom."""
    aktif = {k.tim: k for k in buku.kiriman_aktif(periode.kode)}
    terlambat = set(lengkap.terlambat)
    baris = []
    for kode, nama in lengkap.diharapkan:
        k = aktif.get(kode)
        if k is None:
            status = "belum mengirim"
        else:
            status = "terlambat" if kode in terlambat else "tepat waktu"
        baris.append(
            {
                "tim": kode,
                "nama": nama,
                "status": status,
                "diterima": _waktu(k.diterima) if k is not None else None,
                "tanggal_pengisian": (k.tanggal_pengisian or None) if k is not None else None,
                "diisi_oleh": (k.diisi_oleh or None) if k is not None else None,
                "berkas": k.nama_berkas if k is not None else None,
            }
        )
    return pd.DataFrame(baris, columns=list(KOLOM_KIRIMAN))


def _waktu(teks: str | None) -> datetime | None:
    if not teks:
        return None
    try:
        return datetime.fromisoformat(teks).replace(tzinfo=None)
    except ValueError:
        return None


def _temuan_buku(buku: BukuBesar, periode: Periode) -> list[Temuan]:
    """Findings of the month's active submissions, in the order they were found."""
    return dari_catatan(buku.temuan_aktif(periode.kode))


# --------------------------------------------------------------------------- computing


def _temuan_capaian(
    ind: Indikator, periode: Periode, masalah: Mapping[str, str | None]
) -> list[Temuan]:
    """One finding per indicator and problem (``target-nol``, ``realisasi-nol``)."""
    hasil = []
    for kode in ("target-nol", "realisasi-nol"):
        target = [nama for nama, m in masalah.items() if m == kode]
        if not target:
            continue
        daftar = ", ".join(target)
        if kode == "target-nol":
            pesan = (
                f"Target {daftar} {ind.kode} bernilai 0; capaian terhadapnya tidak dihitung "
                "(bukan galat). Bila keliru, perbaiki target di kinerja.yaml."
            )
        else:
            pesan = (
                f"Realisasi {ind.kode} bernilai 0 pada rumus rasio (T/R); capaian {daftar} tidak "
                "dapat dihitung. Tetapkan capaian_maksimum di kinerja.yaml agar dibatasi."
            )
        hasil.append(Temuan(kode, pesan, tim=ind.tim, periode=periode.kode, indikator=ind.kode))
    return hasil


def _capaian_bulanan(
    ind: Indikator, nilai: Mapping[int, float], bulan: int, maks: float | None
) -> list[float | None]:
    """The month's capaian as it was at the end of each month Jan..``bulan``."""
    return [
        hitung.capaian(
            ind, hitung.realisasi_sampai(ind, nilai, m), hitung.target_bulan(ind, m), maks
        ).nilai
        for m in range(1, bulan + 1)
    ]


def _tanda(
    nilai: Mapping[int, float],
    bulan: int,
    capaian_kini: float | None,
    capaian_lalu: float | None,
    catatan: Mapping[str, str],
) -> tuple[list[str], float | None]:
    """The indicator's flags and the modified z-score of this month's value."""
    tanda: list[str] = []
    if bulan not in nilai:
        tanda.append("tanpa_data")
    if capaian_kini is not None and capaian_kini < 100:
        tanda.append("di_bawah_target")
    skor: float | None = None
    if len(nilai) >= BULAN_MIN_PENCILAN and bulan in nilai:
        urut = sorted(nilai)
        skor = hitung.skor_z_termodifikasi([nilai[m] for m in urut])[urut.index(bulan)]
        if abs(skor) > AMBANG_PENCILAN:
            tanda.append("pencilan")
    if hitung.memburuk(capaian_kini, capaian_lalu):
        tanda.append("memburuk")
    if catatan.get("kendala") and not catatan.get("rtl"):
        tanda.append("kendala_tanpa_rtl")
    return tanda, skor


def hitung_analisis(
    konfigurasi: Konfigurasi,
    buku: BukuBesar,
    periode: Periode,
    ruang: RuangKerja | None = None,
) -> HasilAnalisis:
    """Compute the month's analysis from the ledger. Writes nothing.

    ``ruang`` is accepted for callers that have one at hand; everything needed comes
    from ``konfigurasi`` and ``buku``.
    """
    del ruang
    b = periode.bulan
    maks = konfigurasi.capaian_maksimum
    with buku.potret():
        versi = buku.versi_data(periode.kode)
        nilai_tahun = _baca_nilai(buku, konfigurasi, periode)
        lengkap = kelengkapan_dari(konfigurasi, buku, periode)
        kiriman = _kiriman(buku, konfigurasi, periode, lengkap)
        temuan = _temuan_buku(buku, periode)
    bulanan = _seri_bulanan(nilai_tahun)
    teks = _teks_bulan(nilai_tahun, b)
    bulan_tren = [singkatan_bulan(m) for m in range(1, b + 1)]

    baris: list[dict[str, Any]] = []
    tren: list[dict[str, Any]] = []
    tren_capaian: list[dict[str, Any]] = []
    rtl: list[dict[str, Any]] = []
    for ind in konfigurasi.indikator:
        nilai = bulanan.get(ind.kode, {})
        realisasi = hitung.realisasi_sampai(ind, nilai, b)
        t_bulan = hitung.target_bulan(ind, b)
        t_tri = hitung.target_triwulan(ind, b)
        c_bulan = hitung.capaian(ind, realisasi, t_bulan, maks)
        c_tri = hitung.capaian(ind, realisasi, t_tri, maks)
        c_tahun = hitung.capaian(ind, realisasi, ind.target, maks)
        temuan += _temuan_capaian(
            ind,
            periode,
            {"bulan ini": c_bulan.masalah, "triwulan": c_tri.masalah, "tahunan": c_tahun.masalah}
            if realisasi is not None
            else {},
        )
        per_bulan = _capaian_bulanan(ind, nilai, b, maks)
        lalu = per_bulan[-2] if b > 1 else None
        catatan = teks.get(ind.kode, {})
        tanda, skor = _tanda(nilai, b, c_bulan.nilai, lalu, catatan)
        kategori = konfigurasi.kategori_untuk(_bulat(c_bulan.nilai))
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
                "realisasi_tahun_lalu": ind.realisasi_tahun_lalu,
                "kategori": kategori,
                "capaian_bulan_lalu": _bulat(lalu),
                "skor_z": _bulat(skor),
                "tanda": tanda,
                "kendala": catatan.get("kendala"),
                "upaya": catatan.get("upaya"),
                "rtl": catatan.get("rtl"),
                "bukti": catatan.get("bukti"),
            }
        )
        tren.append(
            {"kode": ind.kode, "tim": ind.tim, "satuan": ind.satuan}
            | {nama: nilai.get(m) for m, nama in enumerate(bulan_tren, start=1)}
        )
        tren_capaian.append(
            {"kode": ind.kode, "tim": ind.tim}
            | {nama: _bulat(c) for nama, c in zip(bulan_tren, per_bulan, strict=True)}
        )
        if any(catatan.get(k) for k in ("kendala", "upaya", "rtl")):
            rtl.append(
                {
                    "kode": ind.kode,
                    "tim": ind.tim,
                    "indikator": ind.uraian,
                    "capaian_bulan": _bulat(c_bulan.nilai),
                    "kategori": kategori,
                    "kendala": catatan.get("kendala"),
                    "upaya": catatan.get("upaya"),
                    "rtl": catatan.get("rtl"),
                }
            )
    df = pd.DataFrame(baris)
    return HasilAnalisis(
        periode=periode,
        konfigurasi=konfigurasi,
        indikator=df,
        sasaran=_rollup(
            df, konfigurasi, "sasaran", {s.kode: s.uraian for s in konfigurasi.sasaran}
        ),
        tim=_rollup(
            df, konfigurasi, "tim", {t.kode: t.nama for t in konfigurasi.tim_berindikator()}
        ),
        anggaran=_anggaran(konfigurasi, _anggaran_bulanan(nilai_tahun), periode),
        tren=pd.DataFrame(tren, columns=["kode", "tim", "satuan", *bulan_tren]).astype(
            dict.fromkeys(bulan_tren, float)
        ),
        tren_capaian=pd.DataFrame(tren_capaian, columns=["kode", "tim", *bulan_tren]).astype(
            dict.fromkeys(bulan_tren, float)
        ),
        rtl=pd.DataFrame(rtl, columns=list(KOLOM_RTL)),
        kiriman=kiriman,
        temuan=temuan,
        kelengkapan=lengkap,
        versi_data=versi,
    )


def _rollup(
    df: pd.DataFrame, konfigurasi: Konfigurasi, kolom: str, nama: Mapping[str, str]
) -> pd.DataFrame:
    """Mean capaian per ``kolom`` (sasaran or tim), in the configuration's order.

    The counts are tallied in one pass; the means are pandas' (its grouped mean sums
    with compensation, and rounds as numpy does)."""
    urutan = list(nama)
    indikator = dict.fromkeys(urutan, 0)
    berdata = dict.fromkeys(urutan, 0)
    di_bawah = dict.fromkeys(urutan, 0)
    for k, ada, tanda in zip(df[kolom], df["realisasi_bulan"].notna(), df["tanda"], strict=True):
        if k in indikator:
            indikator[k] += 1
            berdata[k] += bool(ada)
            di_bawah[k] += "di_bawah_target" in tanda
    capaian = ["capaian_bulan", "capaian_tahunan"]
    rata = df[capaian].astype(float).groupby(df[kolom], sort=False).mean().reindex(urutan).round(2)
    keluar = pd.DataFrame(
        {
            kolom: urutan,
            "uraian": [nama[k] for k in urutan],
            "indikator": list(indikator.values()),
            "berdata": list(berdata.values()),
            "di_bawah_target": list(di_bawah.values()),
            **{c: rata[c].to_numpy() for c in capaian},
        }
    )
    keluar["kategori"] = [
        konfigurasi.kategori_untuk(None if pd.isna(x) else float(x))
        for x in keluar["capaian_bulan"]
    ]
    return keluar


def _anggaran(
    konfigurasi: Konfigurasi, per_tim: Mapping[str, Mapping[int, float]], periode: Periode
) -> pd.DataFrame:
    """Budget per team: this month, to date, absorption against pagu, deviation from RPD."""
    b = periode.bulan
    baris = []
    for tim in konfigurasi.tim:
        if tim.anggaran is None:
            continue
        bulanan = {m: v for m, v in per_tim.get(tim.kode, {}).items() if m <= b}
        baris.append(
            {
                "tim": tim.kode,
                "nama": tim.nama,
                "pagu": float(tim.anggaran.pagu),
                "rpd_bulan": float(tim.anggaran.rpd[b - 1]),
                "realisasi_bulan": bulanan.get(b),
                "rpd_sampai": float(tim.anggaran.rpd_sampai(b)),
                "realisasi_sampai": math.fsum(bulanan.values()) if bulanan else None,
            }
        )
    df = pd.DataFrame(baris, columns=list(KOLOM_ANGGARAN[:7]), dtype=object)
    for c in df.columns[2:]:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    pagu = df["pagu"].where(df["pagu"] > 0)
    rpd = df["rpd_bulan"].where(df["rpd_bulan"] > 0)
    df["penyerapan"] = (df["realisasi_sampai"] / pagu * 100).round(2)
    df["rencana_penyerapan"] = (df["rpd_sampai"] / pagu * 100).round(2)
    df["deviasi_rpd"] = ((df["realisasi_bulan"] - df["rpd_bulan"]).abs() / rpd * 100).round(2)
    return df


# --------------------------------------------------------------------------- the command


def analisis_bulan(
    ruang: RuangKerja, periode: Periode, oleh: str | None = None, tulis: bool = True
) -> HasilAnalisis:
    """Compute the month, write the three outputs into ``laporan/PERIODE/``, and record
    the analysis (with the data version it saw) and POS step 6 in one transaction.

    Should a submission or correction land while the files are being written, the
    month is computed again, so the recorded analysis always matches its files.
    """
    from .laporan import tulis_laporan

    konfigurasi = ruang.konfigurasi
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. `--bulan {konfigurasi.tahun}-06`.",
        )
    mulai = sekarang()
    oleh = oleh or pengguna_os()
    with ruang.buka_buku_besar() as buku:
        for _ in range(PERCOBAAN):
            hasil = hitung_analisis(konfigurasi, buku, periode)
            if not tulis:
                return hasil
            hasil.berkas = tulis_laporan(hasil, ruang.folder_laporan(periode))
            with buku.transaksi():
                if buku.versi_data(periode.kode) != hasil.versi_data:
                    continue
                nama = [p.name for p in hasil.berkas]
                buku.catat_analisis(
                    periode=periode.kode,
                    oleh=oleh,
                    ringkasan={
                        "rata_rata_capaian": hasil.rata_rata_capaian(),
                        "kategori": hasil.kategori,
                        "indikator_berdata": hasil.jumlah_berdata,
                        "belum_mengirim": [k for k, _ in hasil.kelengkapan.belum],
                        "berkas": nama,
                    },
                )
                buku.catat_peristiwa(
                    periode=periode.kode,
                    langkah=6,
                    aksi="analisis",
                    oleh=oleh,
                    mulai=mulai,
                    selesai=sekarang(),
                    rincian={
                        "berkas": nama,
                        "rata_rata_capaian": hasil.rata_rata_capaian(),
                        "belum_mengirim": [k for k, _ in hasil.kelengkapan.belum],
                    },
                )
            return hasil
    raise BukuBesarError(
        f"Data {periode.label} terus berubah selama analisis ({PERCOBAAN} kali dicoba).",
        "Tunggu `kinerja himpun` atau `kinerja koreksi` yang sedang berjalan selesai, lalu "
        "jalankan `kinerja analisis` lagi.",
    )
