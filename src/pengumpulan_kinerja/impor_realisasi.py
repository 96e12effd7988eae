"""``kinerja impor-realisasi``: the months reported before the tool was used (SPEC §14).

A workbook (``RIWAYAT.xlsx``; xlsx, xlsm, ods or xls) holds a sheet ``Realisasi`` with one
row per indicator (``Kode``) and the month columns ``Jan`` … ``Des`` (also ``Januari`` …,
case- and space-insensitive). A ratio indicator gives its numerator and denominator,
either as rows ``KODE/pembilang`` and ``KODE/penyebut`` or as columns ``Pembilang Jan`` …
/ ``Penyebut Jan`` … on its own row; its realisation is ``100 × p / q``, computed by the
same rule as ``himpun``. An optional sheet ``Anggaran`` has one row per team (``Tim``) and
the same month columns.

Every value goes through the rules of :mod:`.aturan` and yields the same findings as in
``himpun``, placed at the file, sheet and cell. The accepted values of each team and month
are recorded as one submission of source ``impor`` (one transaction each, with a
byte-exact copy of the workbook under ``kiriman/PERIODE/``), audited, and refused for
approved (locked) months. Each team-month's ``sha256`` is derived from the workbook's
(:func:`~.buku_besar.sidik_impor`), so the same workbook imported twice adds nothing
(``duplikat``).

An imported submission counts as received on the first day of its month at 00:00: any
real submission of that month taken in by ``himpun`` (received later) is the active one,
whenever it is taken in; a corrected workbook imported again replaces the earlier import.

The workbook is opened only through the reader's bounded container
(:class:`~.pembaca.wadah.Wadah`), after the container checks, so a hostile sheet cannot
exhaust memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineError

from . import aturan as atr
from .angka import bersihkan_teks
from .buku_besar import (
    INDIKATOR_ANGGARAN,
    BukuBesar,
    KirimanBaru,
    KirimanSudahAda,
    NilaiBaru,
    pengguna_os,
    sekarang,
    sidik_impor,
    waktu_iso,
)
from .galat import DitolakError, PenggunaanError
from .kiriman import bersihkan_kiriman, catat_dengan_salinan, nama_salinan
from .konfigurasi import Indikator, Konfigurasi
from .pembaca import huruf
from .pembaca.hasil import Ditolak, Pencatat
from .pembaca.wadah import (
    MAKS_BARIS,
    MAKS_KOLOM,
    OLE,
    IsiRusak,
    TakTerbaca,
    TerlaluBesar,
    Wadah,
    baca_bita,
    luas_lembar_xls,
    periksa_wadah,
    sel_kosong_palsu,
    sel_persen,
)
from .periode import NAMA_BULAN, Periode
from .ruang_kerja import RuangKerja, simpan_atomik
from .temuan import Tempat, Temuan, Tingkat, buat, kutip

LEMBAR_REALISASI = "Realisasi"
LEMBAR_ANGGARAN = "Anggaran"
LEMBAR_PETUNJUK = "Petunjuk"
BARIS_CARI_KEPALA = 30
"""The header row (``Kode`` and the months) is looked for in the first rows."""
SINGKATAN_BULAN: tuple[str, ...] = tuple(n[:3] for n in NAMA_BULAN)
"""Column labels the template writes: ``Jan`` … ``Des``."""

_BULAN: dict[str, int] = {}
for _i, _nama in enumerate(NAMA_BULAN, start=1):
    _BULAN[_nama.lower()] = _i
    _BULAN[_nama[:3].lower()] = _i
_BULAN.update(
    {"agt": 8, "ags": 8, "agu": 8, "sept": 9, "nop": 11, "peb": 2, "pebruari": 2, "nopember": 11}
)
_BUKAN_HURUF_ANGKA = re.compile(r"[^0-9a-z]+")
_KOLOM_BULAN = re.compile(r"^(pembilang|penyebut)?([a-z]+?)((?:19|20)\d{2})?$")
_SUB_BARIS = re.compile(r"^(.+?)\s*/\s*(pembilang|penyebut)$", re.IGNORECASE)
_LABEL_KODE = frozenset({"kode", "kodeindikator"})
_LABEL_TIM = frozenset({"tim", "kodetim", "timkerja", "kode"})


def norm_label(teks: object) -> str:
    """A label as compared: lower case, letters and digits only."""
    bersih = unicodedata.normalize("NFKC", bersihkan_teks(str(teks))).lower()
    return _BUKAN_HURUF_ANGKA.sub("", bersih)


def kenali_kolom_bulan(teks: object, tahun: int | None = None) -> tuple[str, int] | None:
    """A month column label → (field, month): ``Jan`` / ``Januari`` / ``JAN 2022`` →
    ("realisasi", 1); ``Pembilang Jan`` → ("pembilang", 1); ``Penyebut Februari`` →
    ("penyebut", 2). None for anything else (a year other than ``tahun`` too)."""
    cocok = _KOLOM_BULAN.match(norm_label(teks))
    if cocok is None:
        return None
    jenis, nama, thn = cocok.groups()
    if nama not in _BULAN or (thn and tahun is not None and int(thn) != tahun):
        return None
    return (jenis or "realisasi"), _BULAN[nama]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class HasilTimBulan:
    """One team and month of the workbook: ``diterima``, ``duplikat`` or ``ditolak``."""

    tim: str
    periode: str
    status: str
    nilai: int
    """Values accepted (recorded, or that would be with ``coba``)."""
    temuan: tuple[Temuan, ...] = ()
    kiriman_id: int | None = None
    aktif: bool = True
    """False when a submission received later (a real one) stays active."""
    berubah: int = 0
    """Audit rows written (current values changed)."""

    def jumlah(self, tingkat: Tingkat) -> int:
        return sum(1 for t in self.temuan if t.tingkat is tingkat)


@dataclass(frozen=True)
class HasilImporRealisasi:
    berkas: str
    jalur: str
    sha256: str
    tim_bulan: tuple[HasilTimBulan, ...]
    temuan_lain: tuple[Temuan, ...] = ()
    """Findings that belong to no team-month (an unknown row, a column)."""
    coba: bool = False
    bulan: tuple[str, ...] = ()
    """Months imported (``--bulan``), empty for all."""

    @property
    def temuan(self) -> list[Temuan]:
        return [*self.temuan_lain, *(t for h in self.tim_bulan for t in h.temuan)]

    @property
    def ada_galat(self) -> bool:
        return any(t.galat for t in self.temuan)

    def jumlah_status(self, status: str) -> int:
        return sum(1 for h in self.tim_bulan if h.status == status)

    def sebagai_json(self) -> dict[str, object]:
        return {
            "berkas": self.berkas,
            "sha256": self.sha256,
            "coba": self.coba,
            "bulan": list(self.bulan),
            "tim_bulan": [
                {
                    "tim": h.tim,
                    "periode": h.periode,
                    "status": h.status,
                    "nilai": h.nilai,
                    "aktif": h.aktif,
                    "berubah": h.berubah,
                    "kiriman_id": h.kiriman_id,
                    "diterima_pada": diterima_impor(h.periode),
                    "galat": h.jumlah(Tingkat.GALAT),
                    "peringatan": h.jumlah(Tingkat.PERINGATAN),
                    "info": h.jumlah(Tingkat.INFO),
                }
                for h in self.tim_bulan
            ],
            "ringkasan": {s: self.jumlah_status(s) for s in ("diterima", "duplikat", "ditolak")},
            "temuan": [t.sebagai_baris() for t in self.temuan],
        }


def diterima_impor(periode: str) -> str:
    """When an imported month counts as received: the first day of the month at 00:00,
    before any real submission of that month, which therefore always stays active."""
    return f"{periode}-01T00:00:00"


# --------------------------------------------------------------------------- reading


class _Penolak(Pencatat):
    """Keeps the reason a container check gives (the import refuses with it)."""

    alasan = ""

    def tolak(self, kode: str, lembar: str = "", sel: str = "", **isian: object) -> Ditolak:
        self.alasan = str(isian.get("alasan", kode))
        return Ditolak()


_SARAN_BERKAS = (
    "Simpan ulang buku kerja itu sebagai .xlsx (Excel atau LibreOffice) lalu jalankan lagi, "
    "atau mulai dari templat: `kinerja impor-realisasi --templat riwayat.xlsx`."
)


def _tolak_berkas(nama: str, alasan: str) -> DitolakError:
    return DitolakError(f"{nama}: {alasan}.", _SARAN_BERKAS)


def _buka(berkas: Path) -> tuple[bytes, Wadah]:
    """The workbook's bytes and its bounded container; DitolakError when it cannot be
    read (nothing is recorded then)."""
    nama = berkas.name
    if not berkas.exists():
        raise PenggunaanError(
            f"Berkas {berkas} tidak ada.",
            "Periksa nama dan foldernya, atau buat templat dengan "
            "`kinerja impor-realisasi --templat riwayat.xlsx`.",
        )
    try:
        data, _ = baca_bita(berkas)
    except TakTerbaca as exc:
        raise _tolak_berkas(nama, exc.alasan) from None
    penolak = _Penolak(nama)
    try:
        entri = periksa_wadah(data, nama, penolak)
    except Ditolak:
        raise _tolak_berkas(nama, f"tidak dapat dibaca ({penolak.alasan})") from None
    if data.startswith(OLE):  # calamine fills every sheet of an .xls when it opens it
        try:
            tinggi, lebar = luas_lembar_xls(data)
        except Exception:
            raise _tolak_berkas(nama, "berkas .xls rusak atau bukan buku kerja Excel") from None
        if tinggi > MAKS_BARIS or lebar > MAKS_KOLOM:
            raise _tolak_berkas(
                nama,
                f"lembarnya terlalu besar (sel sampai baris {tinggi}, kolom {lebar}; batas "
                f"{MAKS_BARIS} baris × {MAKS_KOLOM} kolom)",
            )
    try:
        return data, Wadah(data, entri)
    except TerlaluBesar as besar:
        raise _tolak_berkas(
            nama,
            f"lembar {kutip(besar.lembar)} terlalu besar (batas {MAKS_BARIS} baris × "
            f"{MAKS_KOLOM} kolom)",
        ) from None
    except BaseException as exc:
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        raise _tolak_berkas(
            nama, f"buku kerja rusak dan tidak dapat dibaca ({type(exc).__name__})"
        ) from None


def _baca_lembar(wadah: Wadah, nama_berkas: str, lembar: str) -> list[list[Any]]:
    try:
        return wadah.baca_lembar(lembar)
    except TerlaluBesar as besar:
        raise _tolak_berkas(
            nama_berkas,
            f"lembar {kutip(besar.lembar)} terlalu besar (batas {MAKS_BARIS} baris × "
            f"{MAKS_KOLOM} kolom); tidak dibaca",
        ) from None
    except (CalamineError, IsiRusak, ValueError) as exc:
        raise _tolak_berkas(
            nama_berkas, f"lembar {kutip(lembar)} rusak ({type(exc).__name__})"
        ) from None


def _cari_lembar(wadah: Wadah, nama: str) -> str | None:
    kunci = norm_label(nama)
    return next((n for n in wadah.nama_lembar if norm_label(n) == kunci), None)


@dataclass
class _Kepala:
    baris: int
    kode: int
    bulan: dict[tuple[str, int], int]
    """(field, month) → column."""


def _cari_kepala(
    baris: list[list[Any]], label_kode: frozenset[str], tahun: int, nama_berkas: str, lembar: str
) -> _Kepala | None:
    for r, isi in enumerate(baris[:BARIS_CARI_KEPALA]):
        c_kode = next(
            (c for c, v in enumerate(isi) if isinstance(v, str) and norm_label(v) in label_kode),
            None,
        )
        if c_kode is None:
            continue
        bulan: dict[tuple[str, int], int] = {}
        for c, v in enumerate(isi):
            if c == c_kode or not isinstance(v, str):
                continue
            dikenal = kenali_kolom_bulan(v, tahun)
            if dikenal is None:
                continue
            if dikenal in bulan:
                raise DitolakError(
                    f"{nama_berkas}: kolom {kutip(v)} muncul dua kali di lembar {lembar} "
                    f"({huruf(bulan[dikenal])}{r + 1} dan {huruf(c)}{r + 1}); tidak ada yang "
                    "dicatat.",
                    "Hapus salah satu kolom, lalu jalankan lagi.",
                )
            bulan[dikenal] = c
        if bulan:
            return _Kepala(r, c_kode, bulan)
    return None


def _teks_sel(nilai: object) -> str:
    if nilai is None or nilai == "":
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return bersihkan_teks(str(nilai))


@dataclass
class _Sel:
    """One raw value and where it is."""

    mentah: object
    sel: str


@dataclass
class _Bacaan:
    """What the workbook gives, before the checks: per (indicator, field, month) and per
    (team, month) for the budget."""

    nilai: dict[tuple[str, str, int], _Sel] = field(default_factory=dict)
    baris_ada: dict[str, int] = field(default_factory=dict)
    """Indicator → its row (0-based) in Realisasi."""
    anggaran: dict[tuple[str, int], _Sel] = field(default_factory=dict)
    lembar: str = LEMBAR_REALISASI
    lembar_anggaran: str = LEMBAR_ANGGARAN
    c_bulan: dict[int, int] = field(default_factory=dict)
    """Month → column of the plain month column (for cells of empty values)."""
    kosong: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    """Month cells of indicator rows that read empty → (indicator, team, month): checked
    for a formula without a value."""
    temuan: list[Temuan] = field(default_factory=list)


def _cari_indikator(konfigurasi: Konfigurasi, kode: str) -> Indikator | None:
    ind = konfigurasi.cari_indikator(kode)
    if ind is not None:
        return ind
    kecil = kode.casefold()
    return next((i for i in konfigurasi.indikator if i.kode.casefold() == kecil), None)


def _baca_realisasi(
    wadah: Wadah,
    konfigurasi: Konfigurasi,
    nama_berkas: str,
    bulan_dipilih: frozenset[int],
) -> _Bacaan:
    lembar = _cari_lembar(wadah, LEMBAR_REALISASI)
    if lembar is None:
        raise DitolakError(
            f"{nama_berkas}: lembar 'Realisasi' tidak ada (lembar yang ada: "
            f"{', '.join(kutip(n) for n in wadah.nama_lembar[:10])}); tidak ada yang dicatat.",
            "Beri nama lembarnya Realisasi, atau mulai dari templat: "
            "`kinerja impor-realisasi --templat riwayat.xlsx`.",
        )
    baris = _baca_lembar(wadah, nama_berkas, lembar)
    kepala = _cari_kepala(baris, _LABEL_KODE, konfigurasi.tahun, nama_berkas, lembar)
    if kepala is None:
        raise DitolakError(
            f"{nama_berkas}: judul kolom Kode dan Jan … Des tidak ditemukan di "
            f"{BARIS_CARI_KEPALA} baris pertama lembar {lembar}; tidak ada yang dicatat.",
            "Tulis judul kolom Kode, Jan, Feb, … Des pada satu baris (atau pakai templat "
            "`kinerja impor-realisasi --templat riwayat.xlsx`).",
        )
    b = _Bacaan(lembar=lembar)
    b.c_bulan = {m: c for (jenis, m), c in kepala.bulan.items() if jenis == "realisasi"}

    def tempat(r: int, c: int, ind: str = "", tim: str = "") -> Tempat:
        return Tempat(nama_berkas, lembar, f"{huruf(c)}{r + 1}", tim, "", ind)

    sub_dari: dict[tuple[str, str, int], str] = {}
    for r in range(kepala.baris + 1, len(baris)):
        isi = baris[r]
        kode = _teks_sel(isi[kepala.kode] if kepala.kode < len(isi) else "")
        if not kode:
            continue
        sub = _SUB_BARIS.match(kode)
        ind = _cari_indikator(konfigurasi, sub.group(1).strip() if sub else kode)
        t = tempat(r, kepala.kode)
        if ind is None:
            b.temuan.append(
                buat(
                    "baris-tak-dikenal",
                    t,
                    kode_baris=kutip(kode),
                    alasan="bukan kode indikator di kinerja.yaml; baris ini diabaikan",
                )
            )
            continue
        t = t._replace(tim=ind.tim, indikator=ind.kode)
        jenis_baris = sub.group(2).lower() if sub else "realisasi"
        if sub and not ind.rasio:
            b.temuan.append(
                buat(
                    "baris-tak-dikenal",
                    t,
                    kode_baris=kutip(kode),
                    alasan=f"{ind.kode} tidak memakai pembilang/penyebut; baris ini diabaikan",
                )
            )
            continue
        kunci_baris = f"{ind.kode}/{jenis_baris}"
        if kunci_baris in b.baris_ada:
            b.temuan.append(
                buat(
                    "baris-tak-dikenal",
                    t,
                    kode_baris=kutip(kode),
                    alasan=f"muncul lebih dari sekali; hanya baris {b.baris_ada[kunci_baris] + 1} "
                    "yang dipakai. Hapus baris ganda",
                )
            )
            continue
        b.baris_ada[kunci_baris] = r
        for (jenis_kolom, m), c in kepala.bulan.items():
            if bulan_dipilih and m not in bulan_dipilih:
                continue
            mentah = isi[c] if c < len(isi) else ""
            if jenis_kolom == "realisasi":
                jenis = jenis_baris
            elif sub is None and ind.rasio:
                jenis = jenis_kolom
            else:
                jenis = ""
            if not jenis:
                continue
            if mentah in ("", None):
                if not (ind.rasio and jenis == "realisasi"):  # a ratio's row: not an input
                    b.kosong[f"{huruf(c)}{r + 1}"] = (ind.kode, ind.tim, m)
                continue
            kunci = (ind.kode, jenis, m)
            sel = f"{huruf(c)}{r + 1}"
            if kunci in b.nilai:
                b.temuan.append(
                    buat(
                        "baris-tak-dikenal",
                        tempat(r, c, ind.kode, ind.tim),
                        kode_baris=kutip(kode),
                        alasan=f"mengisi {jenis} {NAMA_BULAN[m - 1]} yang juga diisi di "
                        f"{sub_dari[kunci]}; yang dipakai {sub_dari[kunci]}",
                    )
                )
                continue
            b.nilai[kunci] = _Sel(mentah, sel)
            sub_dari[kunci] = sel
    _baca_anggaran(wadah, konfigurasi, nama_berkas, bulan_dipilih, b)
    return b


def _baca_anggaran(
    wadah: Wadah,
    konfigurasi: Konfigurasi,
    nama_berkas: str,
    bulan_dipilih: frozenset[int],
    b: _Bacaan,
) -> None:
    lembar = _cari_lembar(wadah, LEMBAR_ANGGARAN)
    if lembar is None:
        return
    b.lembar_anggaran = lembar
    baris = _baca_lembar(wadah, nama_berkas, lembar)
    kepala = _cari_kepala(baris, _LABEL_TIM, konfigurasi.tahun, nama_berkas, lembar)
    if kepala is None:
        return
    berindikator = {t.kode for t in konfigurasi.tim_berindikator()}
    dilihat: dict[str, int] = {}
    for r in range(kepala.baris + 1, len(baris)):
        isi = baris[r]
        kode = _teks_sel(isi[kepala.kode] if kepala.kode < len(isi) else "")
        if not kode:
            continue
        tim = konfigurasi.cari_tim(kode) or next(
            (t for t in konfigurasi.tim if t.kode.casefold() == kode.casefold()), None
        )
        t = Tempat(nama_berkas, lembar, f"{huruf(kepala.kode)}{r + 1}", tim.kode if tim else "")
        alasan = ""
        if tim is None:
            alasan = "bukan kode tim di kinerja.yaml; baris ini diabaikan"
        elif tim.anggaran is None or tim.kode not in berindikator:
            alasan = f"tim {tim.kode} tidak memiliki anggaran atau indikator; baris ini diabaikan"
        elif tim.kode in dilihat:
            alasan = (
                f"muncul lebih dari sekali; hanya baris {dilihat[tim.kode] + 1} yang dipakai. "
                "Hapus baris ganda"
            )
        if alasan or tim is None:
            b.temuan.append(buat("baris-tak-dikenal", t, kode_baris=kutip(kode), alasan=alasan))
            continue
        dilihat[tim.kode] = r
        for (jenis, m), c in kepala.bulan.items():
            if jenis != "realisasi" or (bulan_dipilih and m not in bulan_dipilih):
                continue
            mentah = isi[c] if c < len(isi) else ""
            if mentah not in ("", None):
                b.anggaran[(tim.kode, m)] = _Sel(mentah, f"{huruf(c)}{r + 1}")


# --------------------------------------------------------------------------- checking


@dataclass
class _TimBulan:
    tim: str
    bulan: int
    nilai: list[NilaiBaru] = field(default_factory=list)
    temuan: list[Temuan] = field(default_factory=list)
    ada_isian: bool = False


def _periksa(
    wadah: Wadah,
    konfigurasi: Konfigurasi,
    b: _Bacaan,
    nama_berkas: str,
    bulan_dipilih: frozenset[int],
) -> dict[tuple[str, int], _TimBulan]:
    """Every value through the rules of :mod:`.aturan`, grouped per team and month."""
    tahun = konfigurasi.tahun
    hasil: dict[tuple[str, int], _TimBulan] = {}
    bulan_semua = sorted(bulan_dipilih or range(1, 13))

    def tb(tim: str, m: int) -> _TimBulan:
        return hasil.setdefault((tim, m), _TimBulan(tim, m))

    # cells that read empty but hold a formula without a value, or an error value
    palsu = sel_kosong_palsu(wadah, b.lembar, list(b.kosong)) if b.kosong else {}
    rusak: set[tuple[str, int]] = set()
    for sel, jenis_palsu in sorted(palsu.items()):
        kode_ind, kode_tim, m = b.kosong[sel]
        satu = tb(kode_tim, m)
        satu.ada_isian = True
        rusak.add((kode_ind, m))
        t = Tempat(nama_berkas, b.lembar, sel, kode_tim, Periode(tahun, m).kode, kode_ind)
        if jenis_palsu == "rumus":
            satu.temuan.append(buat("rumus-tanpa-nilai", t))
        else:
            satu.temuan.append(
                buat(
                    "bukan-angka",
                    t,
                    label="Sel",
                    masalah=f"nilai galat {jenis_palsu}, bukan angka",
                    saran="Perbaiki rumusnya atau ketik angkanya.",
                )
            )

    for ind in konfigurasi.indikator:
        aturan = atr.aturan_indikator(ind)
        for m in bulan_semua:
            if (ind.kode, m) in rusak:
                continue
            periode = Periode(tahun, m).kode
            satu = tb(ind.tim, m)

            def tempat(sel: str, lembar: str = b.lembar) -> Tempat:
                return Tempat(nama_berkas, lembar, sel, ind.tim, periode, ind.kode)  # noqa: B023

            if ind.rasio:
                _periksa_rasio(ind, aturan, b, m, satu, tempat)
            else:
                utama = b.nilai.get((ind.kode, "realisasi", m))
                if utama is None:
                    continue
                satu.ada_isian = True
                t = tempat(utama.sel)
                nilai, _, temuan = atr.baca_isian(utama.mentah, t, "realisasi", aturan)
                satu.temuan += temuan
                if nilai is None:
                    continue
                if (
                    ind.persen
                    and type(utama.mentah) is float
                    and 0 < nilai <= 1
                    and utama.sel in sel_persen(wadah, b.lembar, [utama.sel])
                ):
                    nilai = nilai * 100  # typed as 85% in Excel: the cell holds 0.85
                masalah = atr.periksa_batas(ind, nilai, t)
                satu.temuan += masalah
                if not masalah:
                    satu.nilai.append(NilaiBaru(ind.kode, "realisasi", nilai, None, utama.sel))

    for (kode_tim, m), isian in sorted(b.anggaran.items()):
        periode = Periode(tahun, m).kode
        satu = tb(kode_tim, m)
        satu.ada_isian = True
        t = Tempat(nama_berkas, b.lembar_anggaran, isian.sel, kode_tim, periode)
        nilai_a, temuan = atr.periksa_isian("anggaran", isian.mentah, t)
        satu.temuan += temuan
        if isinstance(nilai_a, float):
            satu.nilai.append(NilaiBaru(INDIKATOR_ANGGARAN, "anggaran", nilai_a, None, isian.sel))

    # an indicator left empty in a month its team reported: as himpun, a warning
    for (kode_tim, m), satu in hasil.items():
        if not satu.ada_isian:
            continue
        periode = Periode(tahun, m).kode
        ada = {n.indikator for n in satu.nilai} | {t.indikator for t in satu.temuan}
        for ind in konfigurasi.indikator_tim(kode_tim):
            if ind.kode in ada:
                continue
            r = b.baris_ada.get(f"{ind.kode}/pembilang" if ind.rasio else f"{ind.kode}/realisasi")
            c = b.c_bulan.get(m)
            sel = f"{huruf(c)}{r + 1}" if r is not None and c is not None else ""
            t = Tempat(nama_berkas, b.lembar, sel, kode_tim, periode, ind.kode)
            apa = f"Pembilang dan penyebut {ind.kode}" if ind.rasio else f"Realisasi {ind.kode}"
            satu.temuan.append(
                buat(
                    "realisasi-kosong",
                    t,
                    apa=f"{apa} {NAMA_BULAN[m - 1]}",
                    akibat="dicatat sebagai belum mengisi."
                    if r is not None
                    else "barisnya tidak ada di lembar Realisasi; dicatat sebagai belum mengisi.",
                )
            )
    return {k: v for k, v in hasil.items() if v.ada_isian}


def _periksa_rasio(
    ind: Indikator,
    aturan: atr.AturanIndikator,
    b: _Bacaan,
    m: int,
    satu: _TimBulan,
    tempat: Any,
) -> None:
    p = b.nilai.get((ind.kode, "pembilang", m))
    q = b.nilai.get((ind.kode, "penyebut", m))
    utama = b.nilai.get((ind.kode, "realisasi", m))
    if p is None and q is None:
        if utama is not None:
            satu.ada_isian = True
            satu.temuan.append(
                buat(
                    "realisasi-kosong",
                    tempat(utama.sel),
                    apa=f"Pembilang dan penyebut {ind.kode} {NAMA_BULAN[m - 1]}",
                    akibat=f"realisasi {kutip(utama.mentah, 20)} tidak dicatat: indikator ini "
                    f"dihitung dari pembilang dan penyebut. Isi baris {ind.kode}/pembilang dan "
                    f"{ind.kode}/penyebut.",
                )
            )
        return
    satu.ada_isian = True
    if p is None or q is None:
        ada, nama, uraian = (
            (q, "Pembilang", ind.pembilang) if p is None else (p, "Penyebut", ind.penyebut)
        )
        assert ada is not None
        satu.temuan.append(
            buat(
                "realisasi-kosong",
                tempat(ada.sel),
                apa=f"{nama} {ind.kode} {NAMA_BULAN[m - 1]}",
                akibat=f"realisasi belum dapat dihitung; isi {nama.lower()} ({uraian}).",
            )
        )
        return
    t_p, t_q = tempat(p.sel), tempat(q.sel)
    n_p, _, temuan_p = atr.baca_isian(p.mentah, t_p, "pembilang", aturan)
    n_q, _, temuan_q = atr.baca_isian(q.mentah, t_q, "penyebut", aturan)
    satu.temuan += temuan_p + temuan_q
    if n_p is None or n_q is None:
        return
    sel_r = utama.sel if utama is not None else p.sel
    realisasi, masalah = atr.periksa_rasio(ind, n_p, n_q, t_p, t_q, tempat(sel_r))
    satu.temuan += masalah
    if realisasi is not None:
        satu.nilai += [
            NilaiBaru(ind.kode, "pembilang", n_p, None, p.sel),
            NilaiBaru(ind.kode, "penyebut", n_q, None, q.sel),
            NilaiBaru(ind.kode, "realisasi", realisasi, None, sel_r),
        ]


# --------------------------------------------------------------------------- recording


def _catat(
    ruang: RuangKerja,
    buku: BukuBesar,
    berkas: Path,
    data: bytes,
    sha_buku: str,
    satu: _TimBulan,
    oleh: str,
) -> HasilTimBulan:
    """One team-month: one transaction with its byte-exact copy of the workbook."""
    periode = Periode(ruang.konfigurasi.tahun, satu.bulan)
    sha = sidik_impor(sha_buku, satu.tim, periode.kode)
    kiriman = KirimanBaru(
        periode=periode.kode,
        tim=satu.tim,
        nama_berkas=berkas.name,
        berkas_asal=str(berkas),
        sha256=sha,
        ukuran=len(data),
        salinan=f"kiriman/{periode.kode}/{nama_salinan(sha, berkas.name)}",
        diterima=diterima_impor(periode.kode),
        dihimpun=waktu_iso(),
        terlambat=False,
        tanggal_pengisian=None,
        diisi_oleh=None,
        instrumen_id=None,
        sidik_jari=None,
        dikenali_dari="impor",
        oleh=oleh,
        sumber="impor",
    )
    try:
        catat = catat_dengan_salinan(
            ruang,
            buku,
            kiriman,
            satu.nilai,
            satu.temuan,
            data=data,
            perintah="impor-realisasi",
        )
    except KirimanSudahAda:
        return _duplikat(buku, berkas.name, satu, periode, sha)
    if catat.tercatat is None:
        return HasilTimBulan(satu.tim, periode.kode, "ditolak", 0, catat.temuan)
    return HasilTimBulan(
        satu.tim,
        periode.kode,
        "diterima",
        len(satu.nilai),
        catat.temuan,
        catat.tercatat.kiriman.id,
        catat.tercatat.aktif,
        catat.tercatat.berubah,
    )


def _terkunci(berkas: str, tim: str, periode: Periode) -> Temuan:
    return buat(
        "bulan-terkunci", Tempat(berkas, tim=tim, periode=periode.kode), bulan=periode.label
    )


def _info_aktif(berkas: str, tim: str, periode: Periode, lama: Any, aktif: bool) -> Temuan:
    tempat = Tempat(berkas, tim=tim, periode=periode.kode)
    if aktif:
        return buat("menggantikan", tempat, kata="Menggantikan", lama=lama.nama_berkas)
    return buat(
        "lebih-lama",
        tempat,
        diterima=f"{datetime.fromisoformat(diterima_impor(periode.kode)):%d-%m-%Y %H:%M} (impor)",
        aktif=lama.nama_berkas,
        diterima_aktif=f"{datetime.fromisoformat(lama.diterima):%d-%m-%Y %H:%M}",
    )


def _duplikat(
    buku: BukuBesar, berkas: str, satu: _TimBulan, periode: Periode, sha: str
) -> HasilTimBulan:
    ada = buku.kiriman_dengan_sha(sha)
    asal = ""
    if ada is not None:
        asal = f" ({ada.nama_berkas}, diimpor pada {datetime.fromisoformat(ada.dihimpun):%d-%m-%Y %H:%M})"
    temuan = buat("duplikat", Tempat(berkas, tim=satu.tim, periode=periode.kode), asal=asal)
    return HasilTimBulan(satu.tim, periode.kode, "duplikat", 0, (temuan,))


def impor_realisasi(
    ruang: RuangKerja,
    berkas: Path,
    bulan: Iterable[Periode] = (),
    coba: bool = False,
    oleh: str | None = None,
) -> HasilImporRealisasi:
    """Read, check and record the months of ``berkas`` (only ``bulan`` when given). With
    ``coba`` nothing is written. Raises :class:`~.galat.DitolakError` when the workbook
    cannot be read as a whole (nothing is recorded then)."""
    konfigurasi = ruang.konfigurasi
    dipilih = tuple(sorted(set(bulan)))
    for p in dipilih:
        if p.tahun != konfigurasi.tahun:
            raise PenggunaanError(
                f"{p.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
                f"Pilih bulan pada tahun {konfigurasi.tahun}.",
            )
    bulan_dipilih = frozenset(p.bulan for p in dipilih)
    data, wadah = _buka(berkas)
    sha_buku = hashlib.sha256(data).hexdigest()
    bacaan = _baca_realisasi(wadah, konfigurasi, berkas.name, bulan_dipilih)
    per_tim_bulan = _periksa(wadah, konfigurasi, bacaan, berkas.name, bulan_dipilih)
    urutan_tim = {t.kode: i for i, t in enumerate(konfigurasi.tim)}
    kunci = sorted(per_tim_bulan, key=lambda k: (k[1], urutan_tim.get(k[0], 999), k[0]))
    oleh = oleh or pengguna_os()
    hasil: list[HasilTimBulan] = []
    mulai = sekarang()
    with ruang.buka_buku_besar() as buku:
        if not coba:
            bersihkan_kiriman(ruang)
        dikenal = buku.sha_kiriman()
        for k in kunci:
            satu = per_tim_bulan[k]
            periode = Periode(konfigurasi.tahun, satu.bulan)
            sha = sidik_impor(sha_buku, satu.tim, periode.kode)
            if sha in dikenal:
                hasil.append(_duplikat(buku, berkas.name, satu, periode, sha))
            elif not satu.nilai:
                hasil.append(
                    HasilTimBulan(satu.tim, periode.kode, "ditolak", 0, tuple(satu.temuan))
                )
            elif coba:
                hasil.append(_coba(buku, berkas.name, satu, periode))
            else:
                hasil.append(_catat(ruang, buku, berkas, data, sha_buku, satu, oleh))
        if not coba:
            _catat_peristiwa(buku, hasil, berkas, oleh, mulai)
    return HasilImporRealisasi(
        berkas.name,
        str(berkas),
        sha_buku,
        tuple(hasil),
        tuple(bacaan.temuan),
        coba,
        tuple(p.kode for p in dipilih),
    )


def _coba(buku: BukuBesar, berkas: str, satu: _TimBulan, periode: Periode) -> HasilTimBulan:
    keadaan = buku.keadaan_tim(periode.kode, satu.tim)
    if keadaan.terkunci:
        return HasilTimBulan(
            satu.tim, periode.kode, "ditolak", 0, (_terkunci(berkas, satu.tim, periode),)
        )
    temuan = list(satu.temuan)
    aktif = keadaan.akan_aktif(diterima_impor(periode.kode))
    if keadaan.aktif is not None:
        temuan.append(_info_aktif(berkas, satu.tim, periode, keadaan.aktif, aktif))
    return HasilTimBulan(
        satu.tim, periode.kode, "diterima", len(satu.nilai), tuple(temuan), aktif=aktif
    )


def _catat_peristiwa(
    buku: BukuBesar, hasil: Sequence[HasilTimBulan], berkas: Path, oleh: str, mulai: datetime
) -> None:
    """POS step 5 of each month taken in: collected, by import."""
    diterima = [h for h in hasil if h.status == "diterima"]
    for kode in sorted({h.periode for h in diterima}):
        with buku.transaksi():
            buku.catat_peristiwa(
                periode=kode,
                langkah=5,
                aksi="impor-realisasi",
                oleh=oleh,
                mulai=mulai,
                selesai=sekarang(),
                rincian={
                    "berkas": str(berkas),
                    "tim": sorted(h.tim for h in diterima if h.periode == kode),
                },
            )


# --------------------------------------------------------------------------- template


_PETUNJUK: tuple[str, ...] = (
    "Riwayat realisasi kinerja untuk `kinerja impor-realisasi`",
    "",
    "Lembar Realisasi: satu baris per indikator (kolom Kode), satu kolom per bulan (Jan … Des).",
    "  Isi hanya bulan yang sudah dilaporkan sebelum memakai kinerja; bulan kosong tidak dicatat.",
    "  Indikator kumulatif: isi TAMBAHAN bulan itu (Realisasi Bulan Ini), bukan jumlah s.d. bulan itu.",
    "  Indikator terakhir / rata-rata: isi nilai bulan itu.",
    "  Indikator berpembilang/penyebut: isi baris KODE/pembilang dan KODE/penyebut;",
    "  realisasinya dihitung 100 × pembilang / penyebut (baris indikatornya dibiarkan kosong).",
    "  Angka boleh ditulis cara Indonesia: 1.234,5 atau 85%.",
    "Lembar Anggaran: realisasi anggaran (Rp) setiap tim per bulan.",
    "Kolom berwarna abu-abu hanya keterangan; yang dibaca hanya Kode dan kolom bulan.",
    "",
    "Lalu jalankan:  kinerja impor-realisasi riwayat.xlsx --coba   (periksa dulu)",
    "          lalu: kinerja impor-realisasi riwayat.xlsx",
    "Setiap nilai diperiksa dengan aturan yang sama dengan `kinerja himpun`; temuan menyebut selnya.",
    "Mengimpor berkas yang sama dua kali tidak menambah apa pun (duplikat).",
)


def tulis_templat_realisasi(konfigurasi: Konfigurasi, berkas: Path, timpa: bool = False) -> Path:
    """Write a blank history workbook prefilled with the configured codes; never over an
    existing file without ``timpa``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    from . import cetak
    from .keluaran import tulis_sel

    if berkas.suffix.lower() != ".xlsx":
        raise PenggunaanError(
            f"Templat ditulis sebagai .xlsx, bukan {berkas.suffix or '(tanpa akhiran)'}.",
            "Beri nama berkas berakhiran .xlsx, mis. riwayat.xlsx.",
        )
    if berkas.exists() and not berkas.is_file():
        raise PenggunaanError(f"{berkas} sudah ada dan bukan berkas.", "Pilih nama berkas lain.")
    if berkas.exists() and not timpa:
        raise DitolakError(
            f"{berkas} sudah ada; tidak ditimpa, tidak ada yang ditulis.",
            "Pilih nama lain, atau tambahkan --timpa untuk menggantinya.",
        )
    wb = Workbook()
    cetak.pakai_huruf_dasar(wb)
    ws = wb.active
    assert ws is not None
    ws.title = LEMBAR_REALISASI
    tebal = Font(bold=True)
    putih = Font(bold=True, color="FFFFFF")
    biru = PatternFill("solid", fgColor="1F4E78")
    abu = PatternFill("solid", fgColor="E7E6E6")
    isian = PatternFill("solid", fgColor="FFF2CC")
    bungkus = Alignment(wrap_text=True, vertical="top")
    terbuka = Protection(locked=False)
    tahun = konfigurasi.tahun
    tulis_sel(ws, 1, 1, f"RIWAYAT REALISASI KINERJA TAHUN {tahun}").font = Font(bold=True, size=12)
    tulis_sel(ws, 2, 1, konfigurasi.satker.nama)
    tulis_sel(
        ws,
        3,
        1,
        "Isi bulan yang sudah dilaporkan. Kumulatif: tambahan bulan itu. Berpembilang: isi "
        "baris /pembilang dan /penyebut. Petunjuk lengkap di lembar Petunjuk.",
    )
    kepala = ("Kode", "Tim", "Indikator", "Satuan", "Agregasi", *SINGKATAN_BULAN)
    r_kepala = 5
    sel: Any
    for c, label in enumerate(kepala, start=1):
        sel = tulis_sel(ws, r_kepala, c, label)
        sel.font, sel.fill = putih, biru
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lebar = {1: 16, 2: 7, 3: 48, 4: 12, 5: 11, **{c: 9 for c in range(6, 18)}}
    for c, w in lebar.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    r = r_kepala
    for ind in konfigurasi.indikator:
        baris: list[tuple[str, str, bool]] = [(ind.kode, ind.uraian, not ind.rasio)]
        if ind.rasio:
            baris += [
                (f"{ind.kode}/pembilang", f"Pembilang: {ind.pembilang}", True),
                (f"{ind.kode}/penyebut", f"Penyebut: {ind.penyebut}", True),
            ]
        for kode, uraian, diisi in baris:
            r += 1
            keterangan = (ind.satuan, ind.agregasi) if kode == ind.kode else ("angka", "")
            for c, v in enumerate((kode, ind.tim, uraian, *keterangan), start=1):
                sel = tulis_sel(ws, r, c, v)
                sel.fill = abu
                sel.alignment = bungkus
            ws.cell(row=r, column=1).font = tebal
            for c in range(6, 18):
                sel = ws.cell(row=r, column=c)
                if diisi:
                    sel.fill, sel.protection = isian, terbuka
                else:
                    sel.fill = abu
            cetak.atur_tinggi(ws, r, {3: lebar[3]})
    ws.freeze_panes = f"F{r_kepala + 1}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    cetak.siapkan_cetak(ws, baris_judul=f"{r_kepala}:{r_kepala}", kaki=f"Riwayat realisasi {tahun}")

    ber_anggaran = [t for t in konfigurasi.tim_berindikator() if t.anggaran is not None]
    if ber_anggaran:
        wa = wb.create_sheet(LEMBAR_ANGGARAN)
        tulis_sel(wa, 1, 1, f"RIWAYAT REALISASI ANGGARAN TAHUN {tahun} (Rp)").font = Font(
            bold=True, size=12
        )
        tulis_sel(wa, 2, 1, "Isi realisasi anggaran setiap bulan yang sudah dilaporkan.")
        kepala_a = ("Tim", "Nama Tim", "Pagu (Rp)", *SINGKATAN_BULAN)
        for c, label in enumerate(kepala_a, start=1):
            sel = tulis_sel(wa, 4, c, label)
            sel.font, sel.fill = putih, biru
            sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        lebar_a = {1: 8, 2: 40, 3: 16, **{c: 14 for c in range(4, 16)}}
        for c, w in lebar_a.items():
            wa.column_dimensions[get_column_letter(c)].width = w
        for i, tim in enumerate(ber_anggaran, start=5):
            assert tim.anggaran is not None
            for c, isi_a in enumerate((tim.kode, tim.nama, tim.anggaran.pagu), start=1):
                sel = tulis_sel(wa, i, c, isi_a)
                sel.fill, sel.alignment = abu, bungkus
            wa.cell(row=i, column=3).number_format = "#,##0"
            for c in range(4, 16):
                sel = wa.cell(row=i, column=c)
                sel.fill, sel.protection, sel.number_format = isian, terbuka, "#,##0"
            cetak.atur_tinggi(wa, i, {2: lebar_a[2]})
        wa.freeze_panes = "D5"
        wa.protection.sheet = True
        wa.protection.formatColumns = False
        wa.protection.formatRows = False
        cetak.siapkan_cetak(wa, baris_judul="4:4", kaki=f"Riwayat anggaran {tahun}")

    wp = wb.create_sheet(LEMBAR_PETUNJUK)
    for i, teks in enumerate(_PETUNJUK, start=1):
        tulis_sel(wp, i, 1, teks).font = Font(bold=i == 1)
    wp.column_dimensions["A"].width = 110
    cetak.siapkan_cetak(wp, kaki=f"Riwayat realisasi {tahun}")
    wb.active = 0
    wb.properties.title = f"Riwayat realisasi kinerja {tahun}"
    try:
        simpan_atomik(berkas, wb.save)
    except OSError as exc:
        raise PenggunaanError(
            f"{berkas} tidak dapat ditulis: {exc.strerror}.",
            "Periksa bahwa foldernya ada dan dapat ditulis.",
        ) from None
    return berkas


__all__ = [
    "HasilImporRealisasi",
    "HasilTimBulan",
    "diterima_impor",
    "impor_realisasi",
    "kenali_kolom_bulan",
    "tulis_templat_realisasi",
]
