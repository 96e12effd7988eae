"""Review and correction (POS step 7): corrections, the Kasubbag's decisions, the trail.

A correction is planned first: every requested change is checked the way ``himpun``
checks a submission, old → new is computed, and nothing changes. The plan is then
applied in one transaction through :meth:`BukuBesar.ubah_nilai`, which appends each
change to the append-only audit trail (the ledger's triggers refuse UPDATE and
DELETE on it). One invalid item refuses the whole plan, naming the row or option.

The Kasubbag Umum's decisions are rows of ``keputusan``: ``tolak`` sends the month
back to step 6, ``setujui`` locks it for ``himpun`` and ``koreksi``, ``buka``
unlocks it again (and is audited). Each decision is also a POS event of step 7.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from . import aturan, tata_letak
from .angka import bersihkan_teks
from .buku_besar import (
    INDIKATOR_ANGGARAN,
    KOLOM_ANGKA,
    BukuBesar,
    pengguna_os,
    sekarang,
    waktu_iso,
)
from .galat import DitolakError, PenggunaanError
from .keluaran import tulis_sel
from .konfigurasi import Indikator, Konfigurasi, Tim
from .pembaca import MAKS_BARIS, MAKS_UKURAN
from .periode import Periode
from .ruang_kerja import RuangKerja, periksa_keluaran, simpan_atomik, tulis_keluaran
from .temuan import Tempat, Temuan, Tingkat, kutip

KOLOM_KOREKSI: dict[str, str] = {
    "realisasi": "Realisasi Bulan Ini",
    "pembilang": "Pembilang",
    "penyebut": "Penyebut",
    "kendala": "Kendala/Permasalahan",
    "upaya": "Upaya/Solusi",
    "rtl": "Rencana Tindak Lanjut",
    "bukti": "Bukti Dukung",
    "anggaran": "Realisasi Anggaran Bulan Ini (Rp)",
}
"""Fields a correction may change (ledger field → the label users see)."""
JUDUL_BERKAS: tuple[str, ...] = ("Kode", "Kolom", "Nilai Baru", "Alasan")
"""Header labels of a batch file, in this order in the template."""
LEMBAR_KOREKSI = "Koreksi"
LEMBAR_PETUNJUK = "Petunjuk"
LEMBAR_DAFTAR = "Daftar"
BARIS_TEMPLAT = 1000
"""Rows of the template's Koreksi sheet that carry the dropdowns."""
_BARIS_JUDUL_MAKS = 20
"""How far down a batch file's header row is looked for."""

Nilai = float | str | None
Kunci = tuple[str, str, str]
"""(tim, indikator, kolom) of one current value; indikator is "" for a budget row."""


def _norm(teks: object) -> str:
    """A label as compared: NFKC, lower case, no stars, no whitespace at all."""
    return re.sub(r"\s+", "", bersihkan_teks(str(teks)).replace("*", "")).lower()


_NAMA_KOLOM: dict[str, str] = {}
for _nama, _label in KOLOM_KOREKSI.items():
    _NAMA_KOLOM[_norm(_nama)] = _nama
    _NAMA_KOLOM[_norm(_label)] = _nama
for _, _label, _nama in tata_letak.KOLOM_CAPAIAN:
    if _nama in KOLOM_KOREKSI:
        _NAMA_KOLOM[_norm(_label)] = _nama
for _baris, _label, _nama in tata_letak.BARIS_ANGGARAN:
    if _nama == "anggaran":
        _NAMA_KOLOM[_norm(_label)] = _nama
for _alias, _nama in (
    ("realisasi anggaran", "anggaran"),
    ("realisasi anggaran bulan ini", "anggaran"),
    ("kendala", "kendala"),
    ("permasalahan", "kendala"),
    ("upaya", "upaya"),
    ("solusi", "upaya"),
    ("tindak lanjut", "rtl"),
    ("bukti", "bukti"),
):
    _NAMA_KOLOM[_norm(_alias)] = _nama


def nama_kolom(teks: str) -> str | None:
    """Ledger field of a field name or a label users see (case/space-insensitive).

    ``nama_kolom("Realisasi Bulan Ini") == nama_kolom("realisasi") == "realisasi"``.
    """
    return _NAMA_KOLOM.get(_norm(teks))


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PerubahanDiminta:
    """One requested change, as typed: indicator code (a team code for ``anggaran``),
    field (name or label), new raw value, reason. ``tempat`` names it in messages
    (``baris 4`` of a batch file, ``--realisasi`` on the command line)."""

    kode: str
    kolom: str
    nilai: object
    alasan: str
    tempat: str = ""


@dataclass(frozen=True)
class Perubahan:
    """One change of a current value, old → new, as it will be applied."""

    periode: str
    tim: str
    indikator: str
    kolom: str
    lama: Nilai
    baru: Nilai
    alasan: str
    turunan: bool = False
    """True for ``realisasi`` recomputed from a corrected numerator/denominator."""
    tempat: str = ""

    @property
    def label_kolom(self) -> str:
        return KOLOM_KOREKSI[self.kolom]


@dataclass(frozen=True)
class RencanaKoreksi:
    """Validated changes of one month. ``dasar`` holds every current value the plan
    relied on; :func:`terapkan_koreksi` refuses when one of them changed meanwhile."""

    periode: Periode
    perubahan: tuple[Perubahan, ...]
    dasar: tuple[tuple[Kunci, Nilai], ...] = ()
    dibuat: datetime = field(default_factory=sekarang)
    sama: tuple[str, ...] = ()
    """Places of requested changes whose new value equals the current one (left out)."""
    peringatan: tuple[str, ...] = ()
    """Warnings of the value rules (e.g. ``persen-salah-satuan``): the change is made."""


@dataclass(frozen=True)
class BarisAudit:
    """One row of the audit trail (numbers as numbers, texts as texts); ``id`` is None
    for a change made by a submission (it has no row of its own, ``kiriman_id`` says
    which submission)."""

    id: int | None
    waktu: str
    periode: str
    tim: str
    indikator: str
    kolom: str
    lama: Nilai
    baru: Nilai
    alasan: str
    oleh: str
    sumber: str
    kiriman_id: int | None

    def sebagai_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class _Sah:
    """A requested change that passed every check that needs no ledger."""

    kunci: Kunci
    baru: Nilai
    alasan: str
    tempat: str
    indikator: Indikator | None
    peringatan: tuple[str, ...] = ()


def _teks_sel(nilai: object) -> str:
    """A cell or option as text (``12.0`` from a spreadsheet → ``12``)."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, datetime | date):
        return nilai.isoformat()
    return str(nilai)


def _awalan(tempat: str) -> str:
    return f"{tempat}: " if tempat else ""


def _saran_kode(kode: str, dikenal: Sequence[str]) -> str:
    mirip = difflib.get_close_matches(kode, dikenal, n=3, cutoff=0.6)
    if not mirip:
        mirip = difflib.get_close_matches(kode.upper(), [d.upper() for d in dikenal], n=3)
        mirip = [d for d in dikenal if d.upper() in mirip]
    return f" Kode yang mirip: {', '.join(mirip)}." if mirip else ""


def _cari_indikator(konfigurasi: Konfigurasi, kode: str) -> Indikator | None:
    ind = konfigurasi.cari_indikator(kode)
    if ind is None:
        sama = [i for i in konfigurasi.indikator if i.kode.lower() == kode.lower()]
        ind = sama[0] if len(sama) == 1 else None
    return ind


def _cari_tim(konfigurasi: Konfigurasi, kode: str) -> Tim | None:
    tim = konfigurasi.cari_tim(kode)
    if tim is None:
        sama = [t for t in konfigurasi.tim if t.kode.lower() == kode.lower()]
        tim = sama[0] if len(sama) == 1 else None
    return tim


def _pesan_aturan(awal: str, temuan: Sequence[Temuan]) -> tuple[list[str], list[str]]:
    """Findings of :mod:`aturan` as (refusals, warnings). A correction is typed on
    purpose, so text the reader would cut (``teks-terpotong``) is refused instead."""
    tolak = [
        f"{awal}({t.kode}) {t.pesan}"
        for t in temuan
        if t.tingkat is Tingkat.GALAT or t.kode == "teks-terpotong"
    ]
    ingat = [
        f"{awal}({t.kode}) {t.pesan}"
        for t in temuan
        if t.tingkat is not Tingkat.GALAT and t.kode != "teks-terpotong"
    ]
    return tolak, ingat


def _sahkan(d: PerubahanDiminta, konfigurasi: Konfigurasi) -> tuple[_Sah | None, list[str]]:
    """Check one requested change without the ledger: code, field, value (through the
    rules of :mod:`aturan`, the same as ``himpun``), reason."""
    awal = _awalan(d.tempat)
    masalah: list[str] = []
    kode = bersihkan_teks(_teks_sel(d.kode))
    teks_kolom = bersihkan_teks(_teks_sel(d.kolom))
    alasan = bersihkan_teks(_teks_sel(d.alasan))
    if not alasan:
        masalah.append(f"{awal}alasan koreksi wajib diisi.")
    kolom = nama_kolom(teks_kolom) if teks_kolom else None
    if not teks_kolom:
        masalah.append(
            f"{awal}Kolom kosong; pilih salah satu: {', '.join(KOLOM_KOREKSI.values())}."
        )
    elif kolom is None:
        masalah.append(
            f"{awal}kolom {kutip(teks_kolom)} tidak dikenal; pilih salah satu: "
            f"{', '.join(KOLOM_KOREKSI.values())}."
        )
    if not kode:
        masalah.append(f"{awal}Kode kosong; tulis kode indikator (kode tim untuk anggaran).")
    if kolom is None or not kode:
        return None, masalah

    if kolom == "anggaran":
        tim = _cari_tim(konfigurasi, kode)
        punya = [t.kode for t in konfigurasi.tim if t.anggaran is not None]
        if tim is None or tim.anggaran is None:
            bukan = "kode tim tanpa anggaran" if tim is not None else "bukan kode tim"
            masalah.append(
                f"{awal}koreksi anggaran memakai kode tim yang memiliki anggaran; {kutip(kode)} "
                f"{bukan}.{_saran_kode(kode, punya)} Tim beranggaran: {', '.join(punya) or '-'}."
            )
            return None, masalah
        baru, temuan = aturan.periksa_isian("anggaran", d.nilai, Tempat(tim=tim.kode))
        tolak, ingat = _pesan_aturan(awal, temuan)
        masalah += tolak
        if baru is None and not temuan:
            masalah.append(
                f"{awal}Nilai Baru realisasi anggaran {tim.kode} kosong; isi jumlah rupiah."
            )
        if masalah:
            return None, masalah
        kunci: Kunci = (tim.kode, INDIKATOR_ANGGARAN, "anggaran")
        return _Sah(kunci, baru, alasan, d.tempat, None, tuple(ingat)), masalah

    ind = _cari_indikator(konfigurasi, kode)
    if ind is None:
        semua = [i.kode for i in konfigurasi.indikator]
        masalah.append(
            f"{awal}kode indikator {kutip(kode)} tidak dikenal.{_saran_kode(kode[:80], semua)}"
            + (
                f" Untuk anggaran, tulis kode tim dengan kolom {KOLOM_KOREKSI['anggaran']!r}."
                if _cari_tim(konfigurasi, kode) is not None
                else ""
            )
        )
        return None, masalah
    label = KOLOM_KOREKSI[kolom]
    if kolom in KOLOM_ANGKA:
        if kolom == "realisasi" and ind.rasio:
            masalah.append(
                f"{awal}realisasi {ind.kode} dihitung dari pembilang dan penyebut; koreksi "
                "Pembilang dan/atau Penyebut (--pembilang/--penyebut), bukan realisasinya."
            )
            return None, masalah
        if kolom != "realisasi" and not ind.rasio:
            masalah.append(
                f"{awal}{ind.kode} tidak memakai pembilang/penyebut; koreksi Realisasi Bulan Ini."
            )
            return None, masalah
    baru, temuan = aturan.periksa_isian(
        kolom, d.nilai, Tempat(tim=ind.tim, indikator=ind.kode), ind
    )
    tolak, ingat = _pesan_aturan(awal, temuan)
    masalah += tolak
    if kolom in KOLOM_ANGKA and baru is None and not temuan:
        masalah.append(
            f"{awal}Nilai Baru {label} {ind.kode} kosong; koreksi angka harus berisi angka."
        )
    if masalah:
        return None, masalah
    return _Sah((ind.tim, ind.kode, kolom), baru, alasan, d.tempat, ind, tuple(ingat)), masalah


def _sahkan_semua(
    diminta: Sequence[PerubahanDiminta], konfigurasi: Konfigurasi
) -> tuple[list[_Sah], list[str]]:
    """Check every item; the same field twice is refused (which one would win?)."""
    sah: list[_Sah] = []
    masalah: list[str] = []
    dilihat: dict[Kunci, str] = {}
    for d in diminta:
        s, m = _sahkan(d, konfigurasi)
        masalah += m
        if s is None:
            continue
        if s.kunci in dilihat:
            tim, ind, kolom = s.kunci
            masalah.append(
                f"{_awalan(s.tempat)}{KOLOM_KOREKSI[kolom]} {ind or tim} sudah dikoreksi di "
                f"{dilihat[s.kunci] or 'perubahan lain'}; tulis satu baris per kolom."
            )
            continue
        dilihat[s.kunci] = s.tempat
        sah.append(s)
    return sah, masalah


def _nilai_bulan(buku: BukuBesar, periode: str) -> dict[Kunci, Nilai]:
    return {
        (n.tim, n.indikator, n.kolom): (n.angka if n.kolom in KOLOM_ANGKA else n.teks)
        for n in buku.nilai_kini(periode)
    }


def _sama(a: Nilai, b: Nilai) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def _pastikan_terbuka(buku: BukuBesar, periode: Periode, aksi: str) -> None:
    if buku.terkunci(periode.kode):
        raise DitolakError(
            f"{aksi} (bulan-terkunci): {periode.label} sudah disetujui dan terkunci.",
            f'Buka dulu dengan `kinerja buka --bulan {periode.kode} --alasan "..."`.',
        )


def _pastikan_tahun(ruang: RuangKerja, periode: Periode) -> None:
    tahun = ruang.konfigurasi.tahun
    if periode.tahun != tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({tahun}).",
            f"Pilih bulan pada tahun {tahun}, mis. `--bulan {tahun}-06`.",
        )


def _ditolak(masalah: Sequence[str], judul: str) -> DitolakError:
    return DitolakError(
        f"{judul} ({len(masalah)} masalah); tidak ada yang diubah:\n  - " + "\n  - ".join(masalah),
        "Perbaiki baris atau opsi yang disebut, lalu ulangi.",
    )


# --------------------------------------------------------------------------- corrections


def rencanakan_koreksi(
    ruang: RuangKerja, periode: Periode, diminta: Sequence[PerubahanDiminta]
) -> RencanaKoreksi:
    """Validate every requested change and compute old → new. Changes nothing.

    For a ratio indicator, a corrected numerator or denominator also recomputes
    ``realisasi`` (a change of its own, marked ``turunan``). Raises DitolakError
    naming every invalid item (the whole batch is refused), or when the month is
    approved (locked). Unchanged values are left out of the plan.
    """
    _pastikan_tahun(ruang, periode)
    if not diminta:
        raise PenggunaanError(
            "Tidak ada perubahan yang diminta.",
            'Sebutkan misalnya --realisasi 12 atau --kendala "...", atau --berkas koreksi.xlsx.',
        )
    dibuat = sekarang()
    with ruang.buka_buku_besar() as buku:
        _pastikan_terbuka(buku, periode, "Koreksi ditolak")
        kini = _nilai_bulan(buku, periode.kode)
    sah, masalah = _sahkan_semua(diminta, ruang.konfigurasi)
    keadaan = dict(kini)
    for s in sah:
        keadaan[s.kunci] = s.baru
    rencana: dict[Kunci, Perubahan] = {}
    dasar: set[Kunci] = set()
    rasio: dict[str, list[_Sah]] = {}
    for s in sah:
        tim, kode, kolom = s.kunci
        rencana[s.kunci] = Perubahan(
            periode.kode, tim, kode, kolom, kini.get(s.kunci), s.baru, s.alasan, tempat=s.tempat
        )
        dasar.add(s.kunci)
        if s.indikator is not None and s.indikator.rasio and kolom in ("pembilang", "penyebut"):
            rasio.setdefault(s.indikator.kode, []).append(s)
    # recomputed realisasi, keyed by the last numerator/denominator change it follows
    turunan: dict[Kunci, Perubahan] = {}
    for daftar in rasio.values():
        ind = daftar[0].indikator
        assert ind is not None
        tempat = ", ".join(s.tempat for s in daftar if s.tempat)
        awal = _awalan(tempat)
        kp, kq, kr = ((ind.tim, ind.kode, k) for k in ("pembilang", "penyebut", "realisasi"))
        dasar.update((kp, kq, kr))
        p, q = keadaan.get(kp), keadaan.get(kq)
        if not isinstance(p, float) or not isinstance(q, float):
            kurang = "pembilang" if not isinstance(p, float) else "penyebut"
            masalah.append(
                f"{awal}{kurang} {ind.kode} belum ada di data {periode.label}; realisasi tidak "
                "dapat dihitung. Koreksi pembilang dan penyebut bersama-sama."
            )
            continue
        tempat_p = Tempat(tim=ind.tim, indikator=ind.kode)
        realisasi, temuan = aturan.periksa_rasio(ind, p, q, tempat_p, tempat_p, tempat_p)
        if realisasi is None:
            tolak, _ = _pesan_aturan(awal, temuan)
            masalah += tolak or [f"{awal}realisasi {ind.kode} tidak dapat dihitung."]
            continue
        turunan[daftar[-1].kunci] = Perubahan(
            periode.kode,
            ind.tim,
            ind.kode,
            "realisasi",
            kini.get(kr),
            realisasi,
            "; ".join(dict.fromkeys(s.alasan for s in daftar)),
            turunan=True,
            tempat=tempat,
        )
    if masalah:
        raise _ditolak(masalah, "Koreksi ditolak")
    urutan: list[Perubahan] = []
    for kunci, perubahan in rencana.items():
        urutan.append(perubahan)
        if kunci in turunan:
            urutan.append(turunan[kunci])
    return RencanaKoreksi(
        periode,
        tuple(p for p in urutan if not _sama(p.lama, p.baru)),
        tuple((k, kini.get(k)) for k in sorted(dasar)),
        dibuat,
        tuple(p.tempat for p in rencana.values() if _sama(p.lama, p.baru)),
        tuple(w for s in sah for w in s.peringatan),
    )


def terapkan_koreksi(
    ruang: RuangKerja, rencana: RencanaKoreksi, oleh: str | None = None
) -> list[int]:
    """Apply a planned correction in one transaction; returns the new audit row ids.

    Every change goes through :meth:`BukuBesar.ubah_nilai` (which appends its audit
    row) and one POS event of step 7 (``koreksi``) is recorded. Refused, with nothing
    changed, when the month was approved meanwhile or when a value the plan relied
    on changed since it was made (e.g. a new submission was taken in).
    """
    oleh = (oleh or "").strip() or pengguna_os()
    if not rencana.perubahan:
        return []
    periode = rencana.periode
    id_audit: list[int] = []
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        _pastikan_terbuka(buku, periode, "Koreksi ditolak")
        kini = _nilai_bulan(buku, periode.kode)
        berubah = [k for k, v in rencana.dasar if not _sama(kini.get(k), v)]
        if berubah:
            raise DitolakError(
                f"Data {periode.label} berubah sejak koreksi ditampilkan "
                f"({', '.join(k[1] or k[0] for k in berubah)}); tidak ada yang diubah.",
                "Jalankan perintah koreksi lagi agar nilai lama yang ditampilkan sesuai data kini.",
            )
        waktu = waktu_iso()
        for p in rencana.perubahan:
            angka = float(p.baru) if p.kolom in KOLOM_ANGKA and p.baru is not None else None
            teks = str(p.baru) if p.kolom not in KOLOM_ANGKA and p.baru is not None else None
            nomor = buku.ubah_nilai(
                periode=p.periode,
                tim=p.tim,
                indikator=p.indikator,
                kolom=p.kolom,
                angka=angka,
                teks=teks,
                oleh=oleh,
                alasan=p.alasan
                + (" (dihitung ulang dari pembilang/penyebut)" if p.turunan else ""),
                waktu=waktu,
            )
            if nomor is not None:
                id_audit.append(nomor)
        if id_audit:
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=7,
                aksi="koreksi",
                oleh=oleh,
                mulai=min(rencana.dibuat, sekarang()),
                selesai=sekarang(),
                rincian={
                    "perubahan": len(id_audit),
                    "audit": id_audit,
                    "indikator": sorted({p.indikator or p.tim for p in rencana.perubahan}),
                },
            )
    return id_audit


# --------------------------------------------------------------------------- batch file


def baca_berkas_koreksi(berkas: Path, konfigurasi: Konfigurasi) -> list[PerubahanDiminta]:
    """Read a batch file (columns Kode, Kolom, Nilai Baru, Alasan; .xlsx, .xls, .ods).

    The header row is found by its labels in the first rows of the sheet named
    ``Koreksi`` (else of any sheet). Every row is checked (code, field, number read
    the Indonesian way, reason); any problem refuses the whole batch with a
    DitolakError naming each row. Empty rows are skipped.
    """
    if not berkas.is_file():
        raise PenggunaanError(
            f"Berkas koreksi {berkas} tidak ada.",
            "Periksa jalurnya, atau buat templat dengan `kinerja koreksi --bulan B --templat FILE.xlsx`.",
        )
    if berkas.stat().st_size > MAKS_UKURAN:
        raise PenggunaanError(
            f"Berkas koreksi {berkas.name} terlalu besar ({berkas.stat().st_size:,} bita).".replace(
                ",", "."
            ),
            "Satu berkas koreksi berisi baris-baris perubahan saja; pakai templatnya.",
        )
    saran = "Pakai templat dari `kinerja koreksi --bulan B --templat FILE.xlsx`."
    try:
        wb = CalamineWorkbook.from_path(str(berkas))
        urutan = list(wb.sheet_names)
        if LEMBAR_KOREKSI in urutan:
            urutan.remove(LEMBAR_KOREKSI)
            urutan.insert(0, LEMBAR_KOREKSI)
        temu: tuple[str, list[list[Any]], int, list[int]] | None = None
        for nama in urutan:
            lembar = wb.get_sheet_by_name(nama)
            akhir = lembar.end
            if akhir is None:
                continue
            if akhir[0] + 1 > MAKS_BARIS:
                raise PenggunaanError(
                    f"Lembar {nama!r} di {berkas.name} berisi {akhir[0] + 1} baris; paling banyak "
                    f"{MAKS_BARIS}.",
                    "Bagi koreksi ke beberapa berkas.",
                )
            baris: list[list[Any]] = lembar.to_python(skip_empty_area=False)
            kepala = _cari_judul(baris)
            if kepala is not None:
                temu = (nama, baris, *kepala)
                break
    except PenggunaanError:
        raise
    except Exception as exc:  # calamine raises its own error types for every bad container
        raise PenggunaanError(
            f"Berkas koreksi {berkas.name} tidak dapat dibaca sebagai lembar kerja "
            f"({type(exc).__name__}).",
            saran,
        ) from None
    if temu is None:
        raise PenggunaanError(
            f"Judul kolom {', '.join(JUDUL_BERKAS)} tidak ditemukan di {berkas.name}.", saran
        )
    nama, baris, r_judul, kolom = temu
    diminta: list[PerubahanDiminta] = []
    for r in range(r_judul + 1, len(baris)):
        isi = baris[r]
        sel = [isi[c] if c < len(isi) else "" for c in kolom]
        if all(_teks_sel(v).strip() == "" for v in sel):
            continue
        kode, kol, nilai, alasan = sel
        diminta.append(
            PerubahanDiminta(
                kode=_teks_sel(kode).strip(),
                kolom=_teks_sel(kol).strip(),
                nilai=None if nilai == "" else nilai,
                alasan=_teks_sel(alasan).strip(),
                tempat=f"baris {r + 1}",
            )
        )
    if not diminta:
        raise PenggunaanError(
            f"Berkas koreksi {berkas.name} (lembar {nama!r}) tidak berisi baris koreksi.",
            "Isi satu baris per perubahan di bawah judul Kode, Kolom, Nilai Baru, Alasan.",
        )
    _, masalah = _sahkan_semua(diminta, konfigurasi)
    if masalah:
        raise _ditolak(masalah, f"Berkas koreksi {berkas.name} ditolak")
    return diminta


def _cari_judul(baris: Sequence[Sequence[Any]]) -> tuple[int, list[int]] | None:
    """Row index of the header and the column index of each of :data:`JUDUL_BERKAS`."""
    dicari = [_norm(j) for j in JUDUL_BERKAS]
    for r, isi in enumerate(baris[:_BARIS_JUDUL_MAKS]):
        kolom: dict[str, int] = {}
        for c, nilai in enumerate(isi):
            if isinstance(nilai, str) and nilai.strip():
                kolom.setdefault(_norm(nilai), c)
        if all(j in kolom for j in dicari):
            return r, [kolom[j] for j in dicari]
    return None


def tulis_templat(
    berkas: Path,
    konfigurasi: Konfigurasi,
    periode: Periode,
    timpa: bool = False,
    masukan: Sequence[Path] = (),
) -> Path:
    """Write a blank batch file: sheet Koreksi with dropdowns for Kode and Kolom,
    sheet Petunjuk listing every code, and the hidden list sheet the dropdowns use.
    An existing ``berkas`` is replaced only with ``timpa``; never one of ``masukan``."""
    periksa_keluaran(berkas, timpa=timpa, masukan=masukan, opsi="--templat")
    # openpyxl only here: setujui, tolak and buka import this module too
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = LEMBAR_KOREKSI
    biru = PatternFill("solid", fgColor="1F4E78")
    for c, judul in enumerate(JUDUL_BERKAS, start=1):
        sel = ws.cell(row=1, column=c, value=judul)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = biru
    for huruf, lebar in zip("ABCD", (14, 34, 20, 60), strict=True):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = "A2"

    kode = [i.kode for i in konfigurasi.indikator] + [
        t.kode for t in konfigurasi.tim if t.anggaran is not None
    ]
    label = list(KOLOM_KOREKSI.values())
    daftar = wb.create_sheet(LEMBAR_DAFTAR)
    for r, v in enumerate(kode, start=1):
        tulis_sel(daftar, r, 1, v)
    for r, v in enumerate(label, start=1):
        tulis_sel(daftar, r, 2, v)
    daftar.sheet_state = "hidden"
    akhir = BARIS_TEMPLAT + 1
    dv_kode = DataValidation(
        type="list", formula1=f"={LEMBAR_DAFTAR}!$A$1:$A${len(kode)}", allow_blank=True
    )
    dv_kode.promptTitle = "Kode"
    dv_kode.prompt = "Kode indikator (atau kode tim untuk realisasi anggaran)."
    dv_kode.errorTitle = "Kode tidak dikenal"
    dv_kode.error = "Pilih kode indikator, atau kode tim untuk anggaran, dari daftar."
    dv_kolom = DataValidation(
        type="list", formula1=f"={LEMBAR_DAFTAR}!$B$1:$B${len(label)}", allow_blank=True
    )
    dv_kolom.promptTitle = "Kolom"
    dv_kolom.prompt = "Kolom yang dikoreksi, seperti judulnya di instrumen."
    dv_kolom.errorTitle = "Kolom tidak dikenal"
    dv_kolom.error = "Pilih kolom dari daftar."
    for dv, huruf in ((dv_kode, "A"), (dv_kolom, "B")):
        dv.showErrorMessage = True
        dv.showInputMessage = True
        ws.add_data_validation(dv)
        dv.add(f"{huruf}2:{huruf}{akhir}")

    petunjuk = wb.create_sheet(LEMBAR_PETUNJUK)
    teks = (
        f"Koreksi data capaian {konfigurasi.satker.nama} — {periode.label}",
        "Isi lembar Koreksi, satu baris per perubahan:",
        "  Kode: kode indikator; untuk realisasi anggaran, kode tim.",
        "  Kolom: kolom yang dikoreksi (pilih dari daftar).",
        "  Nilai Baru: angka ditulis cara Indonesia (1.234,5); teks apa adanya; kosong = menghapus teks.",
        "  Alasan: wajib diisi; dicatat di jejak audit.",
        "Indikator berpembilang/penyebut dikoreksi lewat Pembilang/Penyebut; realisasinya dihitung ulang.",
        f"Lalu jalankan: kinerja koreksi --bulan {periode.kode} --berkas NAMA-BERKAS.xlsx",
        "Satu baris salah menolak seluruh berkas (tidak ada yang diubah) dan barisnya disebut.",
    )
    for r, baris_teks in enumerate(teks, start=1):
        tulis_sel(petunjuk, r, 1, baris_teks).font = Font(bold=r == 1)
    r0 = len(teks) + 2
    for c, judul in enumerate(("Kode", "Tim", "Indikator / uraian", "Satuan", "Kolom angka"), 1):
        sel = tulis_sel(petunjuk, r0, c, judul)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = biru
    r = r0
    for ind in konfigurasi.indikator:
        r += 1
        for c, v in enumerate(
            (
                ind.kode,
                ind.tim,
                ind.uraian,
                ind.satuan,
                "Pembilang, Penyebut" if ind.rasio else KOLOM_KOREKSI["realisasi"],
            ),
            1,
        ):
            tulis_sel(petunjuk, r, c, v)
    for tim in konfigurasi.tim:
        if tim.anggaran is None:
            continue
        r += 1
        for c, v in enumerate(
            (
                tim.kode,
                tim.kode,
                f"Realisasi anggaran {tim.nama}",
                "rupiah",
                KOLOM_KOREKSI["anggaran"],
            ),
            1,
        ):
            tulis_sel(petunjuk, r, c, v)
    for huruf, lebar in zip("ABCDE", (14, 8, 80, 18, 34), strict=True):
        petunjuk.column_dimensions[huruf].width = lebar
    wb.active = 0
    wb.properties.title = f"Koreksi data capaian {periode.label}"
    return tulis_keluaran(berkas, lambda: simpan_atomik(berkas, wb.save))


# --------------------------------------------------------------------------- audit trail


def _nilai_audit(kolom: str, teks: str | None) -> Nilai:
    if teks is None or kolom not in KOLOM_ANGKA:
        return teks
    try:
        return float(teks)
    except ValueError:
        return teks


def riwayat(
    ruang: RuangKerja,
    periode: Periode | None = None,
    indikator: str | None = None,
    *,
    tim: str | None = None,
    sumber: str | None = None,
) -> list[BarisAudit]:
    """The audit trail, oldest first, optionally of one month, indicator, team, source.

    ``sumber`` is ``kiriman`` (a submission), ``koreksi`` or ``buka`` (a reopening).
    """
    k = ruang.konfigurasi
    kode_indikator = kode_tim = None
    if indikator:
        ind = _cari_indikator(k, indikator.strip())
        kode_indikator = ind.kode if ind else indikator.strip()
    if tim:
        t = _cari_tim(k, tim.strip())
        kode_tim = t.kode if t else tim.strip()
    with ruang.buka_buku_besar() as buku:
        baris = buku.audit(
            periode.kode if periode is not None else None,
            tim=kode_tim,
            indikator=kode_indikator,
            sumber=sumber.strip() if sumber else None,
        )
    return [
        BarisAudit(
            id=b.id,
            waktu=b.waktu,
            periode=b.periode,
            tim=b.tim,
            indikator=b.indikator,
            kolom=b.kolom,
            lama=_nilai_audit(b.kolom, b.lama),
            baru=_nilai_audit(b.kolom, b.baru),
            alasan=b.alasan,
            oleh=b.oleh,
            sumber=b.sumber,
            kiriman_id=b.kiriman_id,
        )
        for b in baris
    ]
