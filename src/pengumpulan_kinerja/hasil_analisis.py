"""The result of one month's analysis and the helpers its readers share.

:mod:`analisis` computes a :class:`HasilAnalisis`; :mod:`laporan` renders it. Both import
from here, so neither imports the other at load time (``analisis_bulan`` calls the
report writer when it runs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .buku_besar import sekarang
from .konfigurasi import Konfigurasi
from .periode import NAMA_BULAN, Periode
from .temuan import Temuan

if TYPE_CHECKING:
    from .himpun import Kelengkapan

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
"""Columns of ``capaian-PERIODE.csv`` (SPEC section 7), in order. A contract."""

TANDA: dict[str, str] = {
    "tanpa_data": "tidak ada data bulan ini",
    "di_bawah_target": "di bawah target bulan ini",
    "pencilan": "nilai tidak wajar dibanding riwayatnya (skor-z termodifikasi > 3,5)",
    "memburuk": "capaian lebih rendah dari bulan lalu",
    "kendala_tanpa_rtl": "ada kendala tanpa rencana tindak lanjut",
}
"""Flags of an indicator (column ``tanda``) and their Indonesian descriptions."""
TANDA_SINGKAT: dict[str, str] = {
    "tanpa_data": "tanpa data",
    "di_bawah_target": "< target",
    "pencilan": "pencilan",
    "memburuk": "memburuk",
    "kendala_tanpa_rtl": "kendala tanpa RTL",
}
"""Short labels of the flags (HTML chips, summary lines)."""

KOLOM_ANGGARAN: tuple[str, ...] = (
    "tim",
    "nama",
    "pagu",
    "rpd_bulan",
    "realisasi_bulan",
    "rpd_sampai",
    "realisasi_sampai",
    "penyerapan",
    "rencana_penyerapan",
    "deviasi_rpd",
)
KOLOM_RTL: tuple[str, ...] = (
    "kode",
    "tim",
    "indikator",
    "capaian_bulan",
    "kategori",
    "kendala",
    "upaya",
    "rtl",
)
KOLOM_KIRIMAN: tuple[str, ...] = (
    "tim",
    "nama",
    "status",
    "diterima",
    "tanggal_pengisian",
    "diisi_oleh",
    "berkas",
)


def singkatan_bulan(bulan: int) -> str:
    """``Jan``, ``Feb``, … (the column names of the trend tables)."""
    return NAMA_BULAN[bulan - 1][:3]


def _bulat(nilai: float | None, desimal: int = 2) -> float | None:
    if nilai is None or (isinstance(nilai, float) and not math.isfinite(nilai)):
        return None
    return round(float(nilai) + 0.0, desimal)


def _kosong(nilai: Any) -> Any:
    """NaN/NaT/None → None; numpy and pandas scalars → Python values."""
    if nilai is None or nilai is pd.NaT:
        return None
    if isinstance(nilai, pd.Timestamp):
        return nilai.to_pydatetime()
    if hasattr(nilai, "item"):
        nilai = nilai.item()
    if isinstance(nilai, float) and math.isnan(nilai):
        return None
    return nilai


def rekaman(df: pd.DataFrame, json: bool = False) -> list[dict[str, Any]]:
    """A DataFrame as plain records: None for missing values, Python numbers (and with
    ``json``, times as ISO text)."""
    if not len(df.columns):
        return [{} for _ in range(len(df))]
    # column by column: tolist() gives Python scalars at C speed (to_dict("records")
    # boxes every value in Python, then _kosong looks at it again)
    kolom = [str(k) for k in df.columns]
    isi = [[_kosong(v) for v in df[k].tolist()] for k in df.columns]
    hasil = [dict(zip(kolom, baris, strict=True)) for baris in zip(*isi, strict=True)]
    if json:
        for r in hasil:
            for k, v in r.items():
                if isinstance(v, datetime):
                    r[k] = v.isoformat(timespec="seconds")
    return hasil


@dataclass(eq=False)
class HasilAnalisis:
    """All figures of one month's analysis, as DataFrames and plain values.

    - ``indikator``: one row per indicator (the CSV columns plus ``realisasi_bulan``,
      ``realisasi_tahun_lalu`` (from kinerja.yaml, SPEC section 16; None when not set),
      ``capaian_bulan_lalu``, ``skor_z``, ``tanda`` (list of :data:`TANDA` keys),
      ``kendala``, ``upaya``, ``rtl``, ``bukti``);
    - ``sasaran`` / ``tim``: roll-ups (mean capaian of their indicators);
    - ``anggaran``: per team with a budget (:data:`KOLOM_ANGGARAN`);
    - ``tren`` / ``tren_capaian``: monthly realisation and monthly capaian, Jan..B;
    - ``rtl``: kendala, upaya and follow-up plans gathered per indicator;
    - ``kiriman``: one row per expected team (submitted on time, late, or missing);
    - ``temuan``: findings of the accepted submissions and of the analysis itself.
    """

    periode: Periode
    konfigurasi: Konfigurasi
    indikator: pd.DataFrame
    sasaran: pd.DataFrame
    tim: pd.DataFrame
    anggaran: pd.DataFrame
    tren: pd.DataFrame
    tren_capaian: pd.DataFrame
    rtl: pd.DataFrame
    kiriman: pd.DataFrame
    temuan: list[Temuan]
    kelengkapan: Kelengkapan
    versi_data: str = ""
    waktu: datetime = field(default_factory=sekarang)
    berkas: list[Path] = field(default_factory=list)

    @property
    def jumlah_berdata(self) -> int:
        """Indicators with a value reported for this very month."""
        return int(self.indikator["realisasi_bulan"].notna().sum()) if len(self.indikator) else 0

    @property
    def ada_tahun_lalu(self) -> bool:
        """True when some indicator has ``realisasi_tahun_lalu`` set in kinerja.yaml: the
        terminal table, the Capaian sheet and the HTML report then show that column."""
        return bool(len(self.indikator)) and bool(
            self.indikator["realisasi_tahun_lalu"].notna().any()
        )

    @property
    def ada_data(self) -> bool:
        """False when nothing at all was reported for the month."""
        return self.jumlah_berdata > 0

    def rata_rata_capaian(self) -> float | None:
        """Mean of the indicators' capaian of the month."""
        nilai = self.indikator["capaian_bulan"].dropna() if len(self.indikator) else None
        return _bulat(float(nilai.mean())) if nilai is not None and len(nilai) else None

    @property
    def kategori(self) -> str | None:
        return self.konfigurasi.kategori_untuk(self.rata_rata_capaian())

    def jumlah_tanda(self) -> dict[str, int]:
        """How many indicators carry each flag."""
        hitungan = dict.fromkeys(TANDA, 0)
        for tanda in self.indikator["tanda"] if len(self.indikator) else ():
            for t in tanda:
                hitungan[t] += 1
        return hitungan

    def jumlah_kategori(self) -> dict[str, int]:
        """How many indicators fall in each category (in the scale's order)."""
        hitungan = {k.label: 0 for k in self.konfigurasi.kategori}
        for kat in self.indikator["kategori"].dropna() if len(self.indikator) else ():
            hitungan[str(kat)] += 1
        return hitungan

    def anggaran_total(self) -> dict[str, float | None]:
        """Pagu, RPD and realisation to date of all teams, and the overall absorption."""
        a = self.anggaran
        if not len(a):
            return {"pagu": None, "rpd_sampai": None, "realisasi_sampai": None, "penyerapan": None}
        pagu = float(a["pagu"].sum())
        realisasi = (
            float(a["realisasi_sampai"].sum()) if a["realisasi_sampai"].notna().any() else None
        )
        return {
            "pagu": pagu,
            "rpd_sampai": float(a["rpd_sampai"].sum()),
            "realisasi_sampai": realisasi,
            "penyerapan": _bulat(realisasi / pagu * 100)
            if realisasi is not None and pagu
            else None,
        }

    def baris_csv(self) -> list[dict[str, Any]]:
        """Rows of ``capaian-PERIODE.csv``: exactly :data:`KOLOM_CSV`, None where empty."""
        return [{k: r[k] for k in KOLOM_CSV} for r in rekaman(self.indikator[list(KOLOM_CSV)])]

    def sebagai_json(self) -> dict[str, Any]:
        """The same figures as the reports, for ``--json``."""
        return {
            "periode": self.periode.kode,
            "label": self.periode.label,
            "satker": self.konfigurasi.satker.nama,
            "ada_data": self.ada_data,
            "indikator_berdata": self.jumlah_berdata,
            "rata_rata_capaian": self.rata_rata_capaian(),
            "kategori": self.kategori,
            "jumlah_kategori": self.jumlah_kategori(),
            "jumlah_tanda": self.jumlah_tanda(),
            "indikator": rekaman(self.indikator, json=True),
            "sasaran": rekaman(self.sasaran, json=True),
            "tim": rekaman(self.tim, json=True),
            "anggaran": rekaman(self.anggaran, json=True),
            "anggaran_total": self.anggaran_total(),
            "tren_realisasi": rekaman(self.tren, json=True),
            "tren_capaian": rekaman(self.tren_capaian, json=True),
            "rencana_tindak_lanjut": rekaman(self.rtl, json=True),
            "kelengkapan": self.kelengkapan.sebagai_dict(),
            "kiriman": rekaman(self.kiriman, json=True),
            "temuan": [t.sebagai_baris() for t in self.temuan],
            "berkas": [str(p) for p in self.berkas],
        }
