"""rekap: the quarter and the year, as the tables of an LKj chapter III (SPEC section 16).

The monthly data exist for these reports. Everything is computed from the ledger's
current values (corrections applied) of the months the Kasubbag Umum approved, with
the formulas of :mod:`hitung` that ``analisis`` uses: realisation per aggregation up
to the period's last month (:func:`hitung.realisasi_sampai`), capaian per direction
with the cap (:func:`hitung.capaian`), the category scale of the configuration, and
budget absorption (:func:`hitung.penyerapan`). A month not approved is named and left
out; with ``sementara`` it is included and every output says so.

:func:`hitung_rekap` is pure computation; :func:`rekap` adds the three outputs under
``laporan/2022-TW2/`` (or ``laporan/2022-tahunan/``): a Word document to paste into the
LKj, a workbook with the same tables, and a CSV with the columns of SPEC section 16.
python-docx and openpyxl are imported only while writing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, hitung
from .angka import format_angka
from .buku_besar import INDIKATOR_ANGGARAN, BukuBesar, sekarang
from .galat import DitolakError, PenggunaanError
from .keluaran import teks_csv
from .konfigurasi import Indikator, Konfigurasi
from .periode import NAMA_BULAN, format_waktu
from .ruang_kerja import RuangKerja, tulis_atomik

if TYPE_CHECKING:  # types only: writing loads python-docx and openpyxl when it runs
    from docx.document import Document as Dokumen
    from docx.table import Table
    from openpyxl.worksheet.worksheet import Worksheet

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
    "target",
    "capaian",
    "kategori",
    "realisasi_tahun_lalu",
    "target_renstra",
    "capaian_renstra",
    "bulan_dilaporkan",
)
"""Columns of ``rekap-PERIODE.csv`` (SPEC section 16), in order. A contract."""

JUDUL_TABEL: tuple[str, ...] = (
    "No",
    "Indikator",
    "Satuan",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Kategori",
    "Realisasi tahun lalu",
    "Target Renstra",
    "Capaian terhadap Renstra",
)
"""Header of each sasaran's table (docx and xlsx), as an LKj chapter III lays it out."""

JUDUL_ANGGARAN: tuple[str, ...] = (
    "No",
    "Tim",
    "Pagu (Rp)",
    "Realisasi (Rp)",
    "Penyerapan (%)",
    "Capaian kinerja (%)",
    "Selisih (poin)",
    "Efisiensi",
)

AMBANG_EFISIEN = 5.0
"""Capaian minus absorption above this many points is *efisien*; within ± it is *cukup
efisien*; below minus it, *tidak efisien* (SPEC section 16)."""

ROMAWI = ("I", "II", "III", "IV")
JENIS_CATATAN: tuple[tuple[str, str], ...] = (
    ("kendala", "Kendala"),
    ("upaya", "Upaya"),
    ("rtl", "Rencana tindak lanjut"),
)


# --------------------------------------------------------------------------- the period


@dataclass(frozen=True)
class PeriodeRekap:
    """A quarter (``triwulan`` 1-4) or the whole year (``triwulan`` None)."""

    tahun: int
    triwulan: int | None = None

    def __post_init__(self) -> None:
        if self.triwulan is not None and not 1 <= self.triwulan <= 4:
            raise PenggunaanError(
                f"Triwulan {self.triwulan} tidak ada.", "Pilih triwulan 1, 2, 3 atau 4."
            )

    @property
    def kode(self) -> str:
        """``2022-TW2`` or ``2022-tahunan``: the folder and file names."""
        if self.triwulan is None:
            return f"{self.tahun}-tahunan"
        return f"{self.tahun}-TW{self.triwulan}"

    @property
    def kode_csv(self) -> str:
        """``2022-TW2`` or ``2022``: the CSV's ``periode`` column."""
        return str(self.tahun) if self.triwulan is None else self.kode

    @property
    def label(self) -> str:
        """``Triwulan II Tahun 2022`` or ``Tahun 2022``."""
        if self.triwulan is None:
            return f"Tahun {self.tahun}"
        return f"Triwulan {ROMAWI[self.triwulan - 1]} Tahun {self.tahun}"

    @property
    def bulan_akhir(self) -> int:
        return 12 if self.triwulan is None else 3 * self.triwulan

    @property
    def bulan(self) -> tuple[int, ...]:
        """The months of the period itself (the quarter's three, or all twelve)."""
        awal = 1 if self.triwulan is None else self.bulan_akhir - 2
        return tuple(range(awal, self.bulan_akhir + 1))

    @property
    def rentang(self) -> str:
        """``April–Juni 2022`` / ``Januari–Desember 2022``."""
        awal, akhir = self.bulan[0], self.bulan[-1]
        return f"{NAMA_BULAN[awal - 1]}–{NAMA_BULAN[akhir - 1]} {self.tahun}"

    def target(self, indikator: Indikator) -> float:
        """The quarter's target (``target_triwulan[N-1]``) or the annual one."""
        if self.triwulan is None:
            return indikator.target
        return indikator.target_triwulan[self.triwulan - 1]


def daftar_bulan(bulan: Iterable[int], tahun: int) -> str:
    """``April, Mei 2022`` (empty text for none)."""
    nama = [NAMA_BULAN[b - 1] for b in sorted(bulan)]
    return f"{', '.join(nama)} {tahun}" if nama else ""


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Catatan:
    """The kendala, upaya and follow-up plan an indicator's team wrote for one month."""

    bulan: int
    kendala: str | None = None
    upaya: str | None = None
    rtl: str | None = None


@dataclass(frozen=True)
class BarisRekap:
    """One indicator of the recap."""

    kode: str
    indikator: str
    tim: str
    sasaran: str
    satuan: str
    arah: str
    agregasi: str
    target: float
    realisasi: float | None
    capaian: float | None
    kategori: str | None
    realisasi_tahun_lalu: float | None
    target_renstra: float | None
    capaian_renstra: float | None
    capaian_tahunan: float | None
    bulan_dilaporkan: tuple[int, ...]
    catatan: tuple[Catatan, ...] = ()
    masalah: str | None = None

    @property
    def perubahan(self) -> float | None:
        """Realisation minus last year's (in the indicator's unit)."""
        if self.realisasi is None or self.realisasi_tahun_lalu is None:
            return None
        return _bulat(self.realisasi - self.realisasi_tahun_lalu, 4)

    @property
    def membaik(self) -> bool | None:
        """True when better than last year for the indicator's direction."""
        beda = self.perubahan
        if beda is None or beda == 0:
            return None
        return beda > 0 if self.arah == "naik" else beda < 0

    def sebagai_csv(self, periode: PeriodeRekap) -> dict[str, Any]:
        return {
            "periode": periode.kode_csv,
            "tim": self.tim,
            "sasaran": self.sasaran,
            "kode": self.kode,
            "indikator": self.indikator,
            "satuan": self.satuan,
            "arah": self.arah,
            "agregasi": self.agregasi,
            "realisasi": self.realisasi,
            "target": self.target,
            "capaian": self.capaian,
            "kategori": self.kategori,
            "realisasi_tahun_lalu": self.realisasi_tahun_lalu,
            "target_renstra": self.target_renstra,
            "capaian_renstra": self.capaian_renstra,
            "bulan_dilaporkan": ";".join(str(b) for b in self.bulan_dilaporkan),
        }


@dataclass(frozen=True)
class SasaranRekap:
    kode: str
    uraian: str
    baris: tuple[BarisRekap, ...]
    rata_rata_capaian: float | None
    kategori: str | None


@dataclass(frozen=True)
class AnggaranRekap:
    """A team's budget against its performance: ``capaian`` is the mean capaian of its
    indicators against the annual target (the year's progress, like absorption against
    the annual pagu)."""

    tim: str
    nama: str
    pagu: float
    realisasi: float | None
    penyerapan: float | None
    capaian: float | None
    selisih: float | None
    efisiensi: str | None


@dataclass
class HasilRekap:
    """All figures of a quarter's or a year's recap."""

    periode: PeriodeRekap
    konfigurasi: Konfigurasi
    sasaran: tuple[SasaranRekap, ...]
    anggaran: tuple[AnggaranRekap, ...]
    bulan_disetujui: tuple[int, ...]
    bulan_belum_disetujui: tuple[int, ...]
    """Months up to the period's end with data but no approval (left out unless
    ``sementara``)."""
    bulan_tanpa_data: tuple[int, ...]
    """Months up to the period's end with no data and no approval."""
    sementara: bool
    """True when unapproved months were included: every output says *sementara*."""
    waktu: datetime = field(default_factory=sekarang)
    berkas: list[Path] = field(default_factory=list)

    @property
    def indikator(self) -> tuple[BarisRekap, ...]:
        return tuple(b for s in self.sasaran for b in s.baris)

    @property
    def bulan_dipakai(self) -> tuple[int, ...]:
        if self.sementara:
            return tuple(sorted(self.bulan_disetujui + self.bulan_belum_disetujui))
        return self.bulan_disetujui

    @property
    def bulan_tidak_dihitung(self) -> tuple[int, ...]:
        """Months up to the period's end whose data are not in the figures."""
        lewat = () if self.sementara else self.bulan_belum_disetujui
        return tuple(sorted(lewat + self.bulan_tanpa_data))

    def rata_rata_capaian(self) -> float | None:
        return _rata([b.capaian for b in self.indikator])

    def keterangan_data(self) -> list[str]:
        """Sentences saying which months the figures are built from (for every output)."""
        tahun = self.periode.tahun
        kalimat = [
            f"Dihitung dari data bulan yang disetujui: {daftar_bulan(self.bulan_disetujui, tahun) or '–'}."
        ]
        if self.sementara:
            kalimat.insert(
                0,
                "SEMENTARA: memuat data bulan yang belum disetujui Kasubbag Umum ("
                + daftar_bulan(self.bulan_belum_disetujui, tahun)
                + "); angka dapat berubah.",
            )
        elif self.bulan_belum_disetujui:
            kalimat.append(
                "Belum disetujui dan tidak dihitung: "
                + daftar_bulan(self.bulan_belum_disetujui, tahun)
                + " (pakai --sementara untuk menyertakannya)."
            )
        if self.bulan_tanpa_data:
            kalimat.append(
                "Tanpa data dan tidak dihitung: " + daftar_bulan(self.bulan_tanpa_data, tahun) + "."
            )
        return kalimat

    def baris_csv(self) -> list[dict[str, Any]]:
        """Rows of ``rekap-PERIODE.csv``: exactly :data:`KOLOM_CSV`, None where empty."""
        return [b.sebagai_csv(self.periode) for b in self.indikator]

    def sebagai_json(self) -> dict[str, Any]:
        """The same figures as the reports, for ``--json``."""
        return {
            "periode": self.periode.kode_csv,
            "label": self.periode.label,
            "satker": self.konfigurasi.satker.nama,
            "sementara": self.sementara,
            "bulan_disetujui": list(self.bulan_disetujui),
            "bulan_belum_disetujui": list(self.bulan_belum_disetujui),
            "bulan_tanpa_data": list(self.bulan_tanpa_data),
            "bulan_dipakai": list(self.bulan_dipakai),
            "rata_rata_capaian": _bulat(self.rata_rata_capaian()),
            "indikator": [
                b.sebagai_csv(self.periode)
                | {
                    "perubahan": b.perubahan,
                    "capaian_tahunan": b.capaian_tahunan,
                    "masalah": b.masalah,
                    "catatan": [
                        {"bulan": c.bulan, "kendala": c.kendala, "upaya": c.upaya, "rtl": c.rtl}
                        for c in b.catatan
                    ],
                }
                for b in self.indikator
            ],
            "sasaran": [
                {
                    "kode": s.kode,
                    "uraian": s.uraian,
                    "rata_rata_capaian": s.rata_rata_capaian,
                    "kategori": s.kategori,
                }
                for s in self.sasaran
            ],
            "anggaran": [
                {
                    "tim": a.tim,
                    "nama": a.nama,
                    "pagu": a.pagu,
                    "realisasi": a.realisasi,
                    "penyerapan": a.penyerapan,
                    "capaian": a.capaian,
                    "selisih": a.selisih,
                    "efisiensi": a.efisiensi,
                }
                for a in self.anggaran
            ],
            "berkas": [str(p) for p in self.berkas],
        }


def _bulat(nilai: float | None, desimal: int = 2) -> float | None:
    """Rounded as ``analisis`` rounds what it shows and categorises (2 decimals)."""
    if nilai is None or not math.isfinite(nilai):
        return None
    return round(float(nilai) + 0.0, desimal)


def _rata(nilai: Iterable[float | None]) -> float | None:
    ada = [v for v in nilai if v is not None]
    return _bulat(math.fsum(ada) / len(ada)) if ada else None


def efisiensi(selisih: float | None) -> str | None:
    """``efisien`` when capaian exceeds absorption by more than 5 points, ``cukup efisien``
    within ±5, otherwise ``tidak efisien``."""
    if selisih is None:
        return None
    if selisih > AMBANG_EFISIEN:
        return "efisien"
    if selisih >= -AMBANG_EFISIEN:
        return "cukup efisien"
    return "tidak efisien"


# --------------------------------------------------------------------------- the ledger
# One small function per ledger call, so the ledger's own shape stays in one place.


def _nilai_bulan(buku: BukuBesar, periode: str) -> Sequence[Any]:
    """The month's current values (corrections applied) as typed records."""
    return buku.nilai_kini(periode)


def _disetujui(buku: BukuBesar, periode: str) -> bool:
    """True when the month's latest decision is an approval."""
    keputusan = buku.keputusan_terakhir(periode)
    return keputusan is not None and keputusan.jenis == "setujui"


@dataclass
class _DataBulanan:
    realisasi: dict[str, dict[int, float]] = field(default_factory=dict)
    teks: dict[str, dict[int, dict[str, str]]] = field(default_factory=dict)
    anggaran: dict[str, dict[int, float]] = field(default_factory=dict)


def _kumpulkan(konfigurasi: Konfigurasi, per_bulan: Mapping[int, Sequence[Any]]) -> _DataBulanan:
    """Monthly realisation and texts per indicator code, budget per team.

    Values are matched to indicators by code (an indicator that changed team keeps its
    earlier months); where two teams hold a value for the same code and month, the
    current owner's wins, as in ``analisis``."""
    pemilik = {i.kode: i.tim for i in konfigurasi.indikator}
    data = _DataBulanan()
    milik: dict[tuple[str, int, str], bool] = {}
    for bulan, nilai in per_bulan.items():
        for n in nilai:
            if n.indikator == INDIKATOR_ANGGARAN:
                if n.kolom == "anggaran" and n.angka is not None:
                    data.anggaran.setdefault(n.tim, {})[bulan] = float(n.angka)
                continue
            if n.indikator not in pemilik:
                continue
            kunci = (n.indikator, bulan, n.kolom)
            punya = pemilik[n.indikator] == n.tim
            if milik.get(kunci) and not punya:
                continue
            if n.kolom == "realisasi" and n.angka is not None:
                data.realisasi.setdefault(n.indikator, {})[bulan] = float(n.angka)
            elif n.kolom in ("kendala", "upaya", "rtl") and n.teks and str(n.teks).strip():
                data.teks.setdefault(n.indikator, {}).setdefault(bulan, {})[n.kolom] = str(
                    n.teks
                ).strip()
            else:
                continue
            milik[kunci] = punya
    return data


# --------------------------------------------------------------------------- computing


def hitung_rekap(
    konfigurasi: Konfigurasi, buku: BukuBesar, periode: PeriodeRekap, sementara: bool = False
) -> HasilRekap:
    """Compute the recap of ``periode`` from the ledger. Writes nothing.

    Refused when no month of the period itself can be counted (nothing approved, or
    with ``sementara`` nothing reported)."""
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"Rekap {periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Rekap hanya untuk tahun {konfigurasi.tahun} di ruang kerja ini.",
        )
    disetujui: list[int] = []
    belum: list[int] = []
    kosong: list[int] = []
    dipakai: dict[int, Sequence[Any]] = {}
    for bulan in range(1, periode.bulan_akhir + 1):
        kode = f"{periode.tahun:04d}-{bulan:02d}"
        nilai = _nilai_bulan(buku, kode)
        if _disetujui(buku, kode):
            disetujui.append(bulan)
            dipakai[bulan] = nilai
        elif nilai:
            belum.append(bulan)
            if sementara:
                dipakai[bulan] = nilai
        else:
            kosong.append(bulan)
    if not any(b in dipakai for b in periode.bulan):
        tahun = periode.tahun
        if belum and not sementara:
            raise DitolakError(
                f"Belum ada bulan {periode.label} yang disetujui; "
                f"belum disetujui: {daftar_bulan(belum, tahun)}.",
                "Setujui bulannya dulu (`kinerja setujui --bulan N`), atau buat rekap "
                "sementara dengan --sementara.",
            )
        raise DitolakError(
            f"Belum ada data untuk {periode.label} ({periode.rentang}).",
            "Himpun, analisis dan setujui bulan-bulannya dulu.",
        )
    data = _kumpulkan(konfigurasi, dipakai)
    maks = konfigurasi.capaian_maksimum
    sasaran: list[SasaranRekap] = []
    for s in konfigurasi.sasaran:
        baris = tuple(_baris(ind, periode, data, maks, konfigurasi) for ind in s.indikator)
        rata = _rata(b.capaian for b in baris)
        sasaran.append(
            SasaranRekap(s.kode, s.uraian, baris, rata, konfigurasi.kategori_untuk(rata))
        )
    hasil = HasilRekap(
        periode=periode,
        konfigurasi=konfigurasi,
        sasaran=tuple(sasaran),
        anggaran=(),
        bulan_disetujui=tuple(disetujui),
        bulan_belum_disetujui=tuple(belum),
        bulan_tanpa_data=tuple(kosong),
        sementara=sementara and bool(belum),
    )
    hasil.anggaran = _anggaran(konfigurasi, hasil, data)
    return hasil


def _baris(
    ind: Indikator,
    periode: PeriodeRekap,
    data: _DataBulanan,
    maks: float | None,
    konfigurasi: Konfigurasi,
) -> BarisRekap:
    seri = data.realisasi.get(ind.kode, {})
    realisasi = hitung.realisasi_sampai(ind, seri, periode.bulan_akhir)
    target = periode.target(ind)
    capaian = hitung.capaian(ind, realisasi, target, maks)
    renstra = (
        hitung.capaian(ind, realisasi, ind.target_renstra, maks).nilai
        if ind.target_renstra is not None
        else None
    )
    tahunan = hitung.capaian(ind, realisasi, ind.target, maks).nilai
    teks = data.teks.get(ind.kode, {})
    catatan = tuple(
        Catatan(b, teks[b].get("kendala"), teks[b].get("upaya"), teks[b].get("rtl"))
        for b in sorted(teks)
        if b in periode.bulan
    )
    return BarisRekap(
        kode=ind.kode,
        indikator=ind.uraian,
        tim=ind.tim,
        sasaran=ind.sasaran,
        satuan=ind.satuan,
        arah=ind.arah,
        agregasi=ind.agregasi,
        target=target,
        realisasi=_bulat(realisasi, 4),
        capaian=_bulat(capaian.nilai),
        kategori=konfigurasi.kategori_untuk(_bulat(capaian.nilai)),
        realisasi_tahun_lalu=ind.realisasi_tahun_lalu,
        target_renstra=ind.target_renstra,
        capaian_renstra=_bulat(renstra),
        capaian_tahunan=_bulat(tahunan),
        bulan_dilaporkan=tuple(b for b in sorted(seri) if b in periode.bulan),
        catatan=catatan,
        masalah=capaian.masalah,
    )


def _anggaran(
    konfigurasi: Konfigurasi, hasil: HasilRekap, data: _DataBulanan
) -> tuple[AnggaranRekap, ...]:
    """Per team with a budget: realisation to the period's end, absorption, and the
    team's capaian (against the annual target) minus absorption."""
    per_tim: dict[str, list[float | None]] = {}
    for b in hasil.indikator:
        per_tim.setdefault(b.tim, []).append(b.capaian_tahunan)
    keluar = []
    for tim in konfigurasi.tim:
        if tim.anggaran is None:
            continue
        bulanan = [
            v for m, v in data.anggaran.get(tim.kode, {}).items() if m <= hasil.periode.bulan_akhir
        ]
        realisasi = math.fsum(bulanan) if bulanan else None
        serap = _bulat(hitung.penyerapan(realisasi, tim.anggaran.pagu))
        capaian = _rata(per_tim.get(tim.kode, []))
        selisih = _bulat(capaian - serap) if capaian is not None and serap is not None else None
        keluar.append(
            AnggaranRekap(
                tim=tim.kode,
                nama=tim.nama,
                pagu=float(tim.anggaran.pagu),
                realisasi=realisasi,
                penyerapan=serap,
                capaian=capaian,
                selisih=selisih,
                efisiensi=efisiensi(selisih),
            )
        )
    return tuple(keluar)


def realisasi_akhir_tahun(konfigurasi: Konfigurasi, buku: BukuBesar) -> dict[str, float | None]:
    """Each indicator's year-end realisation over the approved months (per its
    aggregation); None for an indicator with no approved value. Raises when no month
    of the year is approved."""
    hasil = hitung_rekap(konfigurasi, buku, PeriodeRekap(konfigurasi.tahun))
    return {b.kode: b.realisasi for b in hasil.indikator}


# --------------------------------------------------------------------------- the command


def rekap(
    ruang: RuangKerja,
    triwulan: int | None = None,
    sementara: bool = False,
    tulis: bool = True,
) -> HasilRekap:
    """Compute the recap of a quarter (``triwulan``) or of the year (None), and write
    its three outputs into ``laporan/2022-TW2/`` (or ``laporan/2022-tahunan/``)."""
    konfigurasi = ruang.konfigurasi
    periode = PeriodeRekap(konfigurasi.tahun, triwulan)
    with ruang.buka_buku_besar() as buku:
        hasil = hitung_rekap(konfigurasi, buku, periode, sementara=sementara)
    if tulis:
        hasil.berkas = tulis_rekap(hasil, ruang.akar / "laporan" / periode.kode)
    return hasil


def nama_berkas(hasil: HasilRekap) -> tuple[str, str, str]:
    """``rekap-kinerja-2022-TW2.docx``, ``.xlsx`` and ``rekap-2022-TW2.csv``; a provisional
    recap adds ``-sementara`` so that it never takes the place of the final one."""
    kode = hasil.periode.kode + ("-sementara" if hasil.sementara else "")
    return (f"rekap-kinerja-{kode}.docx", f"rekap-kinerja-{kode}.xlsx", f"rekap-{kode}.csv")


def tulis_rekap(hasil: HasilRekap, folder: Path) -> list[Path]:
    """Render the three outputs in memory, then write each atomically into ``folder``."""
    isi: list[bytes | str] = [docx_rekap(hasil), xlsx_rekap(hasil), teks_csv_rekap(hasil)]
    folder.mkdir(parents=True, exist_ok=True)
    return [
        tulis_atomik(folder / nama, data)
        for nama, data in zip(nama_berkas(hasil), isi, strict=True)
    ]


# --------------------------------------------------------------------------- CSV


def _angka_csv(v: Any) -> str:
    if v is None:
        return ""
    if float(v).is_integer():
        return str(int(v))
    return f"{float(v):.4f}".rstrip("0").rstrip(".")


def teks_csv_rekap(hasil: HasilRekap) -> str:
    """``rekap-PERIODE.csv``: UTF-8, comma-separated, dot decimals, :data:`KOLOM_CSV`;
    text that starts like a formula is made inert (:func:`keluaran.teks_csv`)."""
    keluar = io.StringIO()
    penulis = csv.writer(keluar, lineterminator="\n")
    penulis.writerow(KOLOM_CSV)
    for baris in hasil.baris_csv():
        penulis.writerow(
            [
                _angka_csv(baris[k])
                if isinstance(baris[k], int | float)
                else teks_csv(baris[k] or "")
                for k in KOLOM_CSV
            ]
        )
    return keluar.getvalue()


# --------------------------------------------------------------------------- shared text


def _angka(v: float | None) -> str:
    return format_angka(v)


def _persen(v: float | None) -> str:
    return format_angka(v, 2)


def _uraian_indikator(b: BarisRekap) -> str:
    return f"{b.kode} {b.indikator}"


def _sel_tabel(no: int, b: BarisRekap) -> list[str]:
    """One row of a sasaran's table as text (Indonesian numbers)."""
    return [
        str(no),
        _uraian_indikator(b),
        b.satuan,
        _angka(b.target),
        _angka(b.realisasi),
        _persen(b.capaian),
        b.kategori or "–",
        _angka(b.realisasi_tahun_lalu),
        _angka(b.target_renstra),
        _persen(b.capaian_renstra),
    ]


def kalimat_tahun_lalu(b: BarisRekap, periode: PeriodeRekap) -> str:
    """``Dibanding tahun lalu (72,5): naik 7,5 persen, membaik.`` A cumulative indicator
    in a quarter is set against last year's whole-year total without a verdict: the
    quarter holds only part of the year."""
    if b.realisasi_tahun_lalu is None:
        return "Realisasi tahun lalu tidak tercatat di kinerja.yaml."
    lalu = _angka(b.realisasi_tahun_lalu)
    if b.realisasi is None:
        return f"Realisasi tahun lalu {lalu}; periode ini belum ada realisasi."
    if b.agregasi == "kumulatif" and periode.triwulan is not None:
        bagian = (
            f" ({_persen(b.realisasi * 100 / b.realisasi_tahun_lalu)}% darinya)"
            if b.realisasi_tahun_lalu
            else ""
        )
        return (
            f"Realisasi kumulatif s.d. triwulan {ROMAWI[periode.triwulan - 1]} "
            f"{_angka(b.realisasi)} {b.satuan}; realisasi setahun tahun lalu {lalu}{bagian}."
        )
    beda = b.perubahan or 0.0
    if beda == 0:
        return f"Sama dengan realisasi tahun lalu ({lalu})."
    arah = "naik" if beda > 0 else "turun"
    nilai = "membaik" if b.membaik else "memburuk"
    return f"Dibanding tahun lalu ({lalu}): {arah} {_angka(abs(beda))} {b.satuan}, {nilai}."


def _teks_catatan(b: BarisRekap, jenis: str) -> str | None:
    """``Juni: ...; Mei: ...`` of one kind, identical texts of several months once."""
    bagian: list[tuple[list[int], str]] = []
    for c in b.catatan:
        teks = getattr(c, jenis)
        if not teks:
            continue
        for bulan, isi in bagian:
            if isi == teks:
                bulan.append(c.bulan)
                break
        else:
            bagian.append(([c.bulan], teks))
    if not bagian:
        return None
    return "; ".join(
        f"{', '.join(NAMA_BULAN[m - 1] for m in bulan)}: {teks}" for bulan, teks in bagian
    )


def _judul(hasil: HasilRekap) -> str:
    return f"Rekapitulasi Capaian Kinerja {hasil.periode.label}" + (
        " (SEMENTARA)" if hasil.sementara else ""
    )


def _dibuat(hasil: HasilRekap) -> str:
    return f"Dibuat {format_waktu(hasil.waktu)} oleh kinerja {__version__}."


def _keterangan_anggaran(hasil: HasilRekap) -> str:
    return (
        "Capaian kinerja tim = rata-rata capaian indikator tim terhadap target tahunan; "
        "penyerapan = realisasi anggaran s.d. "
        + NAMA_BULAN[hasil.periode.bulan_akhir - 1]
        + " terhadap pagu. Selisih lebih dari 5 poin: efisien; −5 s.d. 5 poin: cukup "
        "efisien; kurang dari −5 poin: tidak efisien."
    )


def _sel_anggaran(no: int, a: AnggaranRekap) -> list[str]:
    return [
        str(no),
        f"{a.tim} {a.nama}",
        format_angka(a.pagu, 0),
        format_angka(a.realisasi, 0),
        _persen(a.penyerapan),
        _persen(a.capaian),
        _persen(a.selisih),
        a.efisiensi or "–",
    ]


# --------------------------------------------------------------------------- Word

_LEBAR_KOLOM_MM = (8, 44, 18, 13, 15, 14, 15, 15, 14, 14)
"""Column widths of a sasaran's table: 170 mm, the text width of A4 with 20 mm margins."""
_LEBAR_ANGGARAN_MM = (8, 40, 26, 26, 17, 17, 15, 21)


def _tabel_docx(
    doc: Dokumen, judul: Sequence[str], baris: Sequence[Sequence[str]], lebar: Sequence[float]
) -> Table:
    """A grid table whose header row repeats on every page and whose rows never split."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    tabel: Table = doc.add_table(rows=1 + len(baris), cols=len(judul))
    tabel.style = "Table Grid"
    tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
    tabel.autofit = False
    for c, mm in enumerate(lebar):
        tabel.columns[c].width = Mm(mm)  # the grid LibreOffice and Word lay out from
    tepi = OxmlElement("w:tblCellMar")  # narrow cell margins: ten columns on A4 portrait
    for sisi in ("left", "right"):
        ukuran = OxmlElement(f"w:{sisi}")
        ukuran.set(qn("w:w"), "57")
        ukuran.set(qn("w:type"), "dxa")
        tepi.append(ukuran)
    tabel._tbl.tblPr.append(tepi)
    for r, isi in enumerate([list(judul), *baris]):
        baris_xml = tabel.rows[r]._tr
        sifat = baris_xml.get_or_add_trPr()
        jangan_pecah = OxmlElement("w:cantSplit")
        sifat.append(jangan_pecah)
        if r == 0:
            kepala = OxmlElement("w:tblHeader")
            kepala.set(qn("w:val"), "true")
            sifat.append(kepala)
        for c, teks in enumerate(isi):
            sel = tabel.cell(r, c)
            sel.width = Mm(lebar[c])
            paragraf = sel.paragraphs[0]
            run = paragraf.add_run(teks)
            run.font.size = Pt(8)
            if r == 0:
                run.bold = True
                paragraf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif (c not in (1, 2) and teks[:1].isdigit()) or teks in ("–",):
                paragraf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return tabel


def _kaki_halaman(doc: Dokumen, teks: str) -> None:
    """Footer: the title on the left and ``Halaman N dari M`` (PAGE and NUMPAGES fields)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraf = doc.sections[0].footer.paragraphs[0]
    paragraf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraf.add_run(f"{teks} — Halaman ").font.size = Pt(8)
    for nama, akhir in (("PAGE", " dari "), ("NUMPAGES", "")):
        medan = OxmlElement("w:fldSimple")
        medan.set(qn("w:instr"), f" {nama} ")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        medan.append(run)
        paragraf._p.append(medan)
        if akhir:
            paragraf.add_run(akhir).font.size = Pt(8)


def docx_rekap(hasil: HasilRekap) -> bytes:
    """The Word document: title block, one table per sasaran, the comparison with last
    year and the kendala/upaya/RTL per indicator, the budget table. A4 portrait."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    k = hasil.konfigurasi
    doc = Document()
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.PORTRAIT
    bagian.page_width, bagian.page_height = Mm(210), Mm(297)
    bagian.left_margin = bagian.right_margin = Mm(20)
    bagian.top_margin = bagian.bottom_margin = Mm(20)
    doc.styles["Normal"].font.size = Pt(10)
    doc.styles["Normal"].font.name = "Arial"
    doc.core_properties.title = _judul(hasil)
    doc.core_properties.author = k.satker.nama
    doc.core_properties.comments = f"kinerja {__version__}"

    for kop in k.satker.kop:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.add_run(kop).bold = True
    judul = doc.add_heading(_judul(hasil), level=0)
    judul.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for teks in (
        k.satker.nama,
        f"{hasil.periode.label} ({hasil.periode.rentang})",
        "Bahan Laporan Kinerja (LKj) Bab III — Akuntabilitas Kinerja",
    ):
        p = doc.add_paragraph(teks)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kalimat in hasil.keterangan_data():
        run = doc.add_paragraph().add_run(kalimat)
        if kalimat.startswith("SEMENTARA"):
            run.bold = True
            run.font.color.rgb = RGBColor(0xB0, 0x3A, 0x2E)
    doc.add_paragraph(_dibuat(hasil)).runs[0].font.size = Pt(8)

    target = (
        "target tahunan Perjanjian Kinerja"
        if hasil.periode.triwulan is None
        else f"target triwulan {ROMAWI[hasil.periode.triwulan - 1]} Perjanjian Kinerja"
    )
    doc.add_heading("A. Capaian Kinerja per Sasaran", level=1)
    doc.add_paragraph(
        f"Target = {target}; realisasi s.d. akhir {NAMA_BULAN[hasil.periode.bulan_akhir - 1]} "
        "menurut sifat indikator (kumulatif, nilai terakhir, atau rata-rata); capaian dengan "
        "rumus arah indikator"
        + (f", dibatasi {format_angka(k.capaian_maksimum)}%" if k.capaian_maksimum else "")
        + (
            f". Target Renstra = target akhir Renstra {k.renstra.awal}–{k.renstra.akhir}."
            if k.renstra
            else "."
        )
    )
    for s in hasil.sasaran:
        h = doc.add_heading(f"Sasaran {s.kode}: {s.uraian}", level=2)
        h.paragraph_format.keep_with_next = True
        _tabel_docx(
            doc,
            JUDUL_TABEL,
            [_sel_tabel(no, b) for no, b in enumerate(s.baris, start=1)],
            _LEBAR_KOLOM_MM,
        )
        doc.add_paragraph(
            f"Rata-rata capaian sasaran {s.kode}: {_persen(s.rata_rata_capaian)}%"
            + (f" ({s.kategori})." if s.kategori else ".")
        )

    doc.add_heading("B. Perbandingan dan Catatan per Indikator", level=1)
    for b in hasil.indikator:
        p = doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_after = Pt(0)
        p.add_run(b.kode).bold = True
        p.add_run(f" {b.indikator}")
        bulan = ", ".join(NAMA_BULAN[m - 1] for m in b.bulan_dilaporkan) or "tidak ada"
        baris = [f"Bulan dilaporkan: {bulan}. {kalimat_tahun_lalu(b, hasil.periode)}"]
        for jenis, label in JENIS_CATATAN:
            isi = _teks_catatan(b, jenis)
            if isi:
                baris.append(f"{label}: {isi}")
        if len(baris) == 1:
            baris.append("Kendala, upaya dan rencana tindak lanjut: tidak ada yang dilaporkan.")
        for i, teks in enumerate(baris):
            q = doc.add_paragraph(teks)
            q.paragraph_format.left_indent = Mm(6)
            q.paragraph_format.space_after = Pt(0 if i < len(baris) - 1 else 6)
            q.paragraph_format.keep_with_next = i < len(baris) - 1
            q.paragraph_format.keep_together = True

    doc.add_heading("C. Anggaran dan Efisiensi per Tim", level=1)
    if hasil.anggaran:
        doc.add_paragraph(_keterangan_anggaran(hasil))
        _tabel_docx(
            doc,
            JUDUL_ANGGARAN,
            [_sel_anggaran(no, a) for no, a in enumerate(hasil.anggaran, start=1)],
            _LEBAR_ANGGARAN_MM,
        )
    else:
        doc.add_paragraph("Tidak ada tim dengan anggaran di kinerja.yaml.")
    _kaki_halaman(doc, f"{k.satker.nama} · {_judul(hasil)}")
    keluar = io.BytesIO()
    doc.save(keluar)
    return keluar.getvalue()


# --------------------------------------------------------------------------- xlsx


def _tabel_xlsx(
    ws: Worksheet, baris_awal: int, judul: Sequence[str], baris: Sequence[Sequence[Any]]
) -> int:
    """Header and rows from ``baris_awal``; text is inert, numbers stay numbers."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from .keluaran import tulis_sel

    for c, teks in enumerate(judul, start=1):
        sel = tulis_sel(ws, baris_awal, c, teks)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E78")
        sel.alignment = Alignment(wrap_text=True, vertical="center")
    for r, isi in enumerate(baris, start=baris_awal + 1):
        for c, nilai in enumerate(isi, start=1):
            sel = tulis_sel(ws, r, c, nilai)
            if isinstance(nilai, float | int) and not isinstance(nilai, bool):
                sel.number_format = "#,##0" if float(nilai).is_integer() else "#,##0.00"
            else:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
    return baris_awal + len(baris)


def _lebar_dari_isi(ws: Worksheet, maksimum: int = 60) -> None:
    """Column widths from the longest text of each column (headers count by word)."""
    from openpyxl.utils import get_column_letter

    lebar: dict[int, float] = {}
    for baris in ws.iter_rows():
        for sel in baris:
            if sel.value is None or sel.row <= 3:  # title lines span the sheet
                continue
            teks = format_angka(sel.value) if isinstance(sel.value, int | float) else str(sel.value)
            panjang = max((len(kata) for kata in teks.split()), default=0)
            panjang = max(panjang, min(len(teks), maksimum))
            lebar[sel.column] = max(lebar.get(sel.column, 6.0), panjang + 2.0)
    for kolom, nilai in lebar.items():
        ws.column_dimensions[get_column_letter(kolom)].width = min(nilai, maksimum)


def _cetak_xlsx(ws: Worksheet, baris_judul: int) -> None:
    """A4, fitted to the page width, the header row repeated on every printed page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{baris_judul}:{baris_judul}"
    ws.freeze_panes = f"A{baris_judul + 1}"


def _kepala_lembar(ws: Worksheet, hasil: HasilRekap, judul: str) -> None:
    from openpyxl.styles import Font

    from .keluaran import tulis_sel

    tulis_sel(ws, 1, 1, f"{judul} — {hasil.konfigurasi.satker.nama}").font = Font(
        bold=True, size=12
    )
    tulis_sel(ws, 2, 1, f"{_judul(hasil)} ({hasil.periode.rentang})").font = Font(
        bold=hasil.sementara, color="B03A2E" if hasil.sementara else None
    )


def _nama_lembar(kode: str, dipakai: set[str]) -> str:
    nama = f"Sasaran {kode}"[:31]
    n = 2
    while nama in dipakai:
        akhiran = f" ({n})"
        nama = f"Sasaran {kode}"[: 31 - len(akhiran)] + akhiran
        n += 1
    dipakai.add(nama)
    return nama


def _angka_xlsx(b: BarisRekap, no: int) -> list[Any]:
    return [
        no,
        _uraian_indikator(b),
        b.satuan,
        b.target,
        b.realisasi,
        b.capaian,
        b.kategori,
        b.realisasi_tahun_lalu,
        b.target_renstra,
        b.capaian_renstra,
    ]


def xlsx_rekap(hasil: HasilRekap) -> bytes:
    """The workbook: Ringkasan, one sheet per sasaran (the docx tables), Catatan
    Indikator, Anggaran. Numbers are numbers with format codes (the reader's locale
    shows ``1.234,5``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .keluaran import tulis_sel

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Ringkasan"
    _kepala_lembar(ws, hasil, "Rekapitulasi Capaian Kinerja")
    r = 4
    for kalimat in [*hasil.keterangan_data(), _dibuat(hasil)]:
        sel = tulis_sel(ws, r, 1, kalimat)
        if kalimat.startswith("SEMENTARA"):
            sel.font = Font(bold=True, color="B03A2E")
        r += 1
    r += 1
    akhir = _tabel_xlsx(
        ws,
        r,
        ("Sasaran", "Uraian", "Indikator", "Rata-rata capaian (%)", "Kategori"),
        [[s.kode, s.uraian, len(s.baris), s.rata_rata_capaian, s.kategori] for s in hasil.sasaran],
    )
    tulis_sel(ws, akhir + 2, 1, "Rata-rata capaian seluruh indikator (%)")
    tulis_sel(ws, akhir + 2, 4, hasil.rata_rata_capaian())
    _lebar_dari_isi(ws)
    _cetak_xlsx(ws, r)

    dipakai: set[str] = set()
    for s in hasil.sasaran:
        ws = wb.create_sheet(_nama_lembar(s.kode, dipakai))
        _kepala_lembar(ws, hasil, f"Sasaran {s.kode}: {s.uraian}")
        akhir = _tabel_xlsx(
            ws, 4, JUDUL_TABEL, [_angka_xlsx(b, no) for no, b in enumerate(s.baris, start=1)]
        )
        tulis_sel(ws, akhir + 1, 2, "Rata-rata capaian sasaran (%)")
        tulis_sel(ws, akhir + 1, 6, s.rata_rata_capaian)
        _lebar_dari_isi(ws)
        _cetak_xlsx(ws, 4)

    ws = wb.create_sheet("Catatan Indikator")
    _kepala_lembar(ws, hasil, "Perbandingan dan catatan per indikator")
    _tabel_xlsx(
        ws,
        4,
        (
            "Kode",
            "Indikator",
            "Bulan dilaporkan",
            "Realisasi",
            "Realisasi tahun lalu",
            "Perubahan",
            "Keterangan",
            "Kendala",
            "Upaya",
            "Rencana tindak lanjut",
        ),
        [
            [
                b.kode,
                b.indikator,
                ";".join(str(m) for m in b.bulan_dilaporkan),
                b.realisasi,
                b.realisasi_tahun_lalu,
                b.perubahan,
                kalimat_tahun_lalu(b, hasil.periode),
                _teks_catatan(b, "kendala"),
                _teks_catatan(b, "upaya"),
                _teks_catatan(b, "rtl"),
            ]
            for b in hasil.indikator
        ],
    )
    _lebar_dari_isi(ws, maksimum=50)
    _cetak_xlsx(ws, 4)

    ws = wb.create_sheet("Anggaran")
    _kepala_lembar(ws, hasil, "Anggaran dan efisiensi per tim")
    tulis_sel(ws, 3, 1, _keterangan_anggaran(hasil))
    _tabel_xlsx(
        ws,
        4,
        JUDUL_ANGGARAN,
        [
            [
                no,
                f"{a.tim} {a.nama}",
                a.pagu,
                a.realisasi,
                a.penyerapan,
                a.capaian,
                a.selisih,
                a.efisiensi,
            ]
            for no, a in enumerate(hasil.anggaran, start=1)
        ],
    )
    _lebar_dari_isi(ws)
    _cetak_xlsx(ws, 4)

    wb.properties.title = _judul(hasil)
    wb.properties.creator = f"kinerja {__version__}"
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()
