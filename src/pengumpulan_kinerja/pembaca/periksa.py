"""Checking one recognised instrument: its cells through the rules of :mod:`..aturan`.

Every input cell goes through the rules; the reader only finds the cells, remembers
their addresses and collects the findings.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from python_calamine import CalamineError

from .. import aturan as atr
from .. import tata_letak
from ..angka import baca_angka, bersihkan_teks, format_angka
from ..galat import KinerjaError
from ..konfigurasi import Konfigurasi
from ..periode import Periode, parse_periode
from ..temuan import Tempat, kutip
from .hasil import Ditolak, HasilBaca, NilaiTerbaca, Pencatat, Riwayat
from .kenali import WAJIB_KOLOM, baca_meta, blok_kepala, huruf, lembar_capaian, norm, sel
from .wadah import (
    MAKS_BARIS,
    MAKS_KOLOM,
    IsiRusak,
    TakTerbaca,
    TerlaluBesar,
    Wadah,
    baca_bita,
    periksa_wadah,
    sel_kosong_palsu,
    sel_persen,
)

_KOLOM_TARGET = ("target_tahunan", "target_triwulan", "target_bulan")
_DULU = Tempat()
"""The place given to a rule first: most cells have no finding, so their place is made
(and the rule run again with it) only when the rule found something. The rules are
pure, so the second run finds the same, now pointing at the cell."""
_nilai = tuple.__new__
"""Makes a :class:`NilaiTerbaca` from its fields without the named tuple's own
``__new__`` (a Python function): one is made for most input cells."""
_INSTRUMEN_ASLI = "Pakai instrumen asli dari `kinerja buat-instrumen`."


def _sama(a: object, b: float) -> bool:
    if type(a) is float and a == b:  # the target as written (most cells)
        return math.isfinite(a)
    nilai = baca_angka(a).nilai
    return nilai is not None and math.isclose(nilai, b, rel_tol=1e-9, abs_tol=1e-6)


def _angka(
    p: Pencatat,
    mentah: object,
    lembar: str,
    sel_: str,
    kolom: str,
    aturan: atr.AturanIndikator | None,
) -> tuple[float | None, bool]:
    """The number in an input cell and whether it is empty (:func:`..aturan.baca_isian`),
    its findings recorded."""
    polos = atr.isian_polos(mentah)
    if polos is not None:
        return polos
    kode = aturan.ind.kode if aturan is not None else ""
    nilai, kosong, temuan = atr.baca_isian(mentah, p.tempat(lembar, sel_, kode), kolom, aturan)
    p.temuan += temuan
    return nilai, kosong


def _sel_kosong_palsu(p: Pencatat, jenis: str, lembar: str, sel_: str, kode: str) -> None:
    """A cell that read empty holds a formula without a value, or an error value."""
    if jenis == "rumus":
        p.catat("rumus-tanpa-nilai", lembar, sel_, kode)
    else:
        p.catat(
            "bukan-angka",
            lembar,
            sel_,
            kode,
            label="Sel",
            masalah=f"nilai galat {jenis}, bukan angka",
            saran="Perbaiki rumusnya atau ketik angkanya.",
        )


def _baris_indikator(
    p: Pencatat,
    lembar: str,
    baris: list[list[Any]],
    awal: int,
    c_kode: int,
    milik: Mapping[str, atr.AturanIndikator],
) -> dict[str, int]:
    """Row of each of the team's codes (the first, when repeated); other codes are findings."""
    temu: dict[str, int] = {}
    for r in range(awal, len(baris)):
        isi = baris[r]
        kode_mentah = isi[c_kode] if c_kode < len(isi) else ""
        kode = bersihkan_teks(str(kode_mentah)) if kode_mentah not in ("", None) else ""
        if not kode:
            continue
        if kode in milik and kode not in temu:
            temu[kode] = r
        elif kode in temu:
            p.catat(
                "baris-tak-dikenal",
                lembar,
                sel(r, c_kode),
                kode,
                kode_baris=kode,
                alasan=f"muncul lebih dari sekali; hanya baris {temu[kode] + 1} yang dipakai. "
                "Hapus baris ganda",
            )
        else:
            p.catat(
                "baris-tak-dikenal",
                lembar,
                sel(r, c_kode),
                kode_baris=kutip(kode),
                alasan=f"bukan indikator tim {p.tim}; baris ini diabaikan",
            )
    return temu


def _sel_angka_kosong(
    baris: list[list[Any]],
    temu: Mapping[str, int],
    milik: Mapping[str, atr.AturanIndikator],
    kolom: Mapping[str, int],
) -> list[str]:
    """Numeric input cells that read ``''``: Pembilang and Penyebut of a ratio
    indicator, Realisasi Bulan Ini of the others."""
    kosong: list[str] = []
    for kode, r in temu.items():
        isi = baris[r]
        for nama in ("pembilang", "penyebut") if milik[kode].rasio else ("realisasi",):
            c = kolom[nama]
            if (isi[c] if c < len(isi) else "") == "":
                kosong.append(sel(r, c))
    return kosong


def periksa_capaian(
    p: Pencatat,
    wadah: Wadah,
    konfigurasi: Konfigurasi,
    periode: Periode,
    lembar: str,
    baris: list[list[Any]],
    kepala: tuple[int, dict[str, int]],
    sel_kendala: dict[str, str],
) -> list[NilaiTerbaca]:
    """Check the Capaian rows; fills ``sel_kendala`` (indicator → its Kendala cell)."""
    r_kepala, kolom = kepala
    hilang_label = [tata_letak.label_kolom(n) for n in WAJIB_KOLOM if n not in kolom]
    if hilang_label:
        raise p.tolak(
            "bukan-instrumen",
            lembar,
            f"A{r_kepala + 1}",
            alasan=f"label kolom tidak ditemukan di baris judul: {', '.join(hilang_label)}",
            saran="Judul kolom instrumen tidak boleh diubah; pakai instrumen asli dari Tim SAKIP.",
        )
    aturan_tim = atr.aturan_tim(konfigurasi, p.tim)
    milik = aturan_tim.menurut_kode
    temu = _baris_indikator(p, lembar, baris, r_kepala + 1, kolom["kode"], milik)
    hilang = [k for k in milik if k not in temu]
    if hilang:
        raise p.tolak("indikator-hilang", lembar, daftar=", ".join(hilang))

    c_real, c_p, c_q = kolom["realisasi"], kolom["pembilang"], kolom["penyebut"]
    h_real, h_p, h_q = huruf(c_real), huruf(c_p), huruf(c_q)
    h_kendala, h_bukti = huruf(kolom["kendala"]), huruf(kolom["bukti"])
    kolom_target = [
        (i, nama, kolom[nama], huruf(kolom[nama]))
        for i, nama in enumerate(_KOLOM_TARGET)
        if nama in kolom
    ]
    kolom_teks = [(nama, kolom[nama], huruf(kolom[nama])) for nama in atr.KOLOM_TEKS]
    berumus: dict[str, str] | None = None

    def rumus() -> dict[str, str]:
        """Input cells that read empty but hold a formula or an error value; the sheet
        XML is scanned once, when the first empty input cell is met."""
        nonlocal berumus
        if berumus is None:
            berumus = sel_kosong_palsu(wadah, lembar, _sel_angka_kosong(baris, temu, milik, kolom))
        return berumus

    target = aturan_tim.target(periode.bulan)
    hasil: list[NilaiTerbaca] = []
    for kode, r in temu.items():
        aturan = milik[kode]
        harapan_ind = target[aturan.indeks]
        ind = aturan.ind
        isi = baris[r]
        lebar = len(isi)
        nomor = str(r + 1)
        for i, nama, c, h in kolom_target:
            mentah = isi[c] if c < lebar else ""
            harapan = harapan_ind[i]
            if not _sama(mentah, harapan):
                p.catat(
                    "target-diubah",
                    lembar,
                    h + nomor,
                    kode,
                    label=tata_letak.label_kolom(nama),
                    di_berkas=kutip(mentah) if isinstance(mentah, str) else str(mentah),
                    harapan=format_angka(harapan),
                )
        realisasi: float | None = None
        sel_realisasi = h_real + nomor
        if aturan.rasio:
            sel_p, sel_q = h_p + nomor, h_q + nomor
            m_p = isi[c_p] if c_p < lebar else ""
            m_q = isi[c_q] if c_q < lebar else ""
            palsu = rumus() if m_p == "" or m_q == "" else {}
            for sel_r in (sel_p, sel_q):
                if sel_r in palsu:
                    _sel_kosong_palsu(p, palsu[sel_r], lembar, sel_r, kode)
            n_p, kosong_p = _angka(p, m_p, lembar, sel_p, "pembilang", aturan)
            n_q, kosong_q = _angka(p, m_q, lembar, sel_q, "penyebut", aturan)
            if n_p is not None and n_q is not None:
                realisasi, masalah = atr.periksa_rasio(ind, n_p, n_q, _DULU, _DULU, _DULU)
                if masalah:
                    realisasi, masalah = atr.periksa_rasio(
                        ind,
                        n_p,
                        n_q,
                        p.tempat(lembar, sel_p, kode),
                        p.tempat(lembar, sel_q, kode),
                        p.tempat(lembar, sel_realisasi, kode),
                    )
                    p.temuan += masalah
                if realisasi is not None:
                    hasil.append(_nilai(NilaiTerbaca, (kode, "pembilang", n_p, None, sel_p)))
                    hasil.append(_nilai(NilaiTerbaca, (kode, "penyebut", n_q, None, sel_q)))
            elif kosong_p and kosong_q and sel_p not in palsu and sel_q not in palsu:
                p.catat(
                    "realisasi-kosong",
                    lembar,
                    sel_p,
                    kode,
                    apa=f"Pembilang dan penyebut {kode}",
                    akibat="dicatat sebagai belum mengisi.",
                )
            elif kosong_p != kosong_q:
                sel_k, nama_k, uraian = (
                    (sel_p, "Pembilang", ind.pembilang)
                    if kosong_p
                    else (sel_q, "Penyebut", ind.penyebut)
                )
                if sel_k not in palsu:
                    p.catat(
                        "realisasi-kosong",
                        lembar,
                        sel_k,
                        kode,
                        apa=f"{nama_k} {kode}",
                        akibat=f"realisasi belum dapat dihitung; isi {nama_k.lower()} ({uraian}).",
                    )
        else:
            mentah = isi[c_real] if c_real < lebar else ""
            palsu = rumus() if mentah == "" else {}
            if sel_realisasi in palsu:
                _sel_kosong_palsu(p, palsu[sel_realisasi], lembar, sel_realisasi, kode)
            else:
                nilai, kosong = _angka(p, mentah, lembar, sel_realisasi, "realisasi", aturan)
                if kosong:
                    p.catat(
                        "realisasi-kosong",
                        lembar,
                        sel_realisasi,
                        kode,
                        apa=f"Realisasi bulan ini {kode}",
                        akibat="dicatat sebagai belum mengisi.",
                    )
                elif nilai is not None:
                    if (
                        aturan.persen
                        and type(mentah) is float
                        and 0 < nilai <= 1
                        and sel_realisasi in sel_persen(wadah, lembar, [sel_realisasi])
                    ):
                        nilai = nilai * 100  # typed as 85% in Excel: the cell holds 0.85
                    masalah = atr.periksa_batas(ind, nilai, _DULU)
                    if masalah:
                        tempat = p.tempat(lembar, sel_realisasi, kode)
                        p.temuan += atr.periksa_batas(ind, nilai, tempat)
                    realisasi = None if masalah else nilai
        if realisasi is not None:
            hasil.append(_nilai(NilaiTerbaca, (kode, "realisasi", realisasi, None, sel_realisasi)))
        bukti: str | None = None
        for nama, c, h in kolom_teks:
            mentah = isi[c] if c < lebar else ""
            if mentah != "" and mentah is not None:
                sel_t = h + nomor
                teks, masalah = atr.teks_isian(mentah, _DULU)
                if masalah:
                    teks, masalah = atr.teks_isian(mentah, p.tempat(lembar, sel_t, kode))
                    p.temuan += masalah
                if teks is not None:
                    hasil.append(_nilai(NilaiTerbaca, (kode, nama, None, teks, sel_t)))
                    if nama == "bukti":
                        bukti = teks
        if ind.wajib_bukti and atr.periksa_bukti(ind, bukti, _DULU):
            p.temuan += atr.periksa_bukti(ind, bukti, p.tempat(lembar, h_bukti + nomor, kode))
        sel_kendala[kode] = h_kendala + nomor
    return hasil


_LABEL_ANGGARAN = norm(next(lbl for _, lbl, n in tata_letak.BARIS_ANGGARAN if n == "anggaran"))


def periksa_anggaran(p: Pencatat, wadah: Wadah, ada_anggaran: bool) -> list[NilaiTerbaca]:
    """The month's budget realisation from the Anggaran sheet (teams with a budget)."""
    lembar = tata_letak.LEMBAR_ANGGARAN
    if not ada_anggaran or lembar not in wadah.nama_lembar:
        return []
    baris = wadah.baca_lembar(lembar)[:60]
    for r, isi in enumerate(baris):
        for c, isian in enumerate(isi[:4]):
            if isian and isinstance(isian, str) and norm(isian) == _LABEL_ANGGARAN:
                c_nilai = c + 2 if c + 2 < len(isi) else len(isi) - 1
                mentah = isi[c_nilai] if c_nilai > c else ""
                sel_a = sel(r, c_nilai if c_nilai > c else c + 2)
                if mentah == "":
                    palsu = sel_kosong_palsu(wadah, lembar, [sel_a])
                    if sel_a in palsu:
                        _sel_kosong_palsu(p, palsu[sel_a], lembar, sel_a, "")
                        return []
                tempat = p.tempat(lembar, sel_a)
                angka, kosong, temuan = atr.baca_isian(mentah, tempat, "anggaran")
                p.temuan += temuan
                if kosong:
                    p.catat(
                        "realisasi-kosong",
                        lembar,
                        sel_a,
                        apa="Realisasi anggaran bulan ini",
                        akibat="dicatat sebagai belum mengisi.",
                    )
                    return []
                if angka is None:
                    return []
                masalah = atr.periksa_anggaran(angka, tempat)
                p.temuan += masalah
                if masalah:
                    return []
                return [NilaiTerbaca("", "anggaran", angka, None, sel_a)]
    return []


_LABEL_PENGESAHAN = {norm(lbl): n for _, lbl, n in tata_letak.BARIS_PENGESAHAN}


def _tanggal(mentah: object) -> str:
    if isinstance(mentah, datetime):
        return mentah.date().isoformat()
    if isinstance(mentah, date):
        return mentah.isoformat()
    if isinstance(mentah, float) and 20000 < mentah < 80000:
        return (date(1899, 12, 30) + timedelta(days=int(mentah))).isoformat()
    if isinstance(mentah, str) and mentah.strip():
        teks = mentah.strip()
        for pola in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(teks, pola).date().isoformat()
            except ValueError:
                continue
        return bersihkan_teks(teks)[:40]
    return ""


def periksa_pengesahan(p: Pencatat, wadah: Wadah) -> tuple[str, str]:
    """``Diisi oleh`` and ``Tanggal Pengisian`` (ISO date, or the text as typed), with
    ``pengesahan-kosong`` when either is missing or the date cannot be read."""
    lembar = tata_letak.LEMBAR_PENGESAHAN
    label = _LABEL_PENGESAHAN
    nilai: dict[str, object] = {}
    tempat: dict[str, str] = {}
    if lembar in wadah.nama_lembar:
        for r, isi in enumerate(wadah.baca_lembar(lembar)[:30]):
            for c, isian in enumerate(isi[:3]):
                nama = label.get(norm(isian)) if isian and isinstance(isian, str) else None
                if nama is None:
                    continue
                tempat.setdefault(nama, sel(r, c + 2))
                for c_isi in range(c + 1, len(isi)):
                    if isi[c_isi] not in ("", None):
                        nilai[nama] = isi[c_isi]
                        tempat[nama] = sel(r, c_isi)
                        break
    mentah_oleh = nilai.get("diisi_oleh")
    oleh = bersihkan_teks(str(mentah_oleh))[:200] if mentah_oleh else ""
    mentah_tanggal = nilai.get("tanggal_pengisian")
    tanggal = _tanggal(mentah_tanggal)
    sel_oleh = tempat.get("diisi_oleh", "C4")
    sel_tanggal = tempat.get("tanggal_pengisian", "C6")
    for temuan in atr.periksa_pengesahan(
        oleh, mentah_tanggal, tanggal, p.tempat(lembar, sel_oleh), p.tempat(lembar, sel_tanggal)
    ):
        p.temuan.append(temuan)
    return oleh, tanggal


# --------------------------------------------------------------------------- entry point


def periksa_berkas(
    jalur: Path,
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None = None,
) -> HasilBaca:
    """Read and check one file. Never raises for a bad file: findings say what is wrong."""
    nama = jalur.name
    p = Pencatat(nama)
    try:
        data, info = baca_bita(jalur)
    except TakTerbaca as exc:
        p.catat("berkas-rusak", alasan=exc.alasan, saran="Minta tim mengirim ulang berkasnya.")
        try:
            ukuran, mtime = jalur.lstat().st_size, jalur.lstat().st_mtime
        except OSError:
            ukuran, mtime = 0, 0.0
        return HasilBaca(str(jalur), nama, ukuran, "", mtime, False, temuan=tuple(p.temuan))
    dasar = {"jalur": str(jalur), "berkas": nama, "ukuran": len(data), "mtime": info.st_mtime}
    sha = hashlib.sha256(data).hexdigest()
    if sha in riwayat.sha_dikenal:
        return HasilBaca(sha256=sha, diterima=False, duplikat=True, **dasar)  # type: ignore[arg-type]
    try:
        try:
            return _periksa(data, sha, dasar, p, konfigurasi, riwayat, bulan)
        except CalamineError as exc:
            raise _rusak(p, exc) from None
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":  # pyo3: the Rust reader gave up
                raise
            raise _rusak(p, exc) from None
    except Ditolak:
        return HasilBaca(
            sha256=sha,
            diterima=False,
            tim=p.tim,
            periode=p.periode,
            temuan=tuple(p.temuan),
            **dasar,  # type: ignore[arg-type]
        )


def _rusak(p: Pencatat, exc: BaseException) -> Ditolak:
    p.temuan[:] = [t for t in p.temuan if not t.galat]
    return p.tolak(
        "berkas-rusak",
        alasan=f"buku kerja rusak ({type(exc).__name__}: {kutip(exc, 120)})",
        saran="Minta tim menyimpan ulang berkasnya lalu mengirim lagi.",
    )


def _terlalu_besar(p: Pencatat, besar: TerlaluBesar) -> Ditolak:
    if besar.baris < 0:
        alasan = (
            f"lembar {kutip(besar.lembar)} tidak dapat ditemukan di dalam berkas untuk diperiksa"
        )
    else:
        alasan = (
            f"lembar {kutip(besar.lembar)} memakai sel sampai "
            f"{huruf(max(besar.kolom - 1, 0))}{besar.baris} (batas {MAKS_BARIS:,} baris × "
            f"{MAKS_KOLOM} kolom; instrumen hanya berisi puluhan baris)"
        ).replace(",", ".")
    return p.tolak(
        "berkas-rusak",
        besar.lembar,
        alasan=alasan,
        saran="Minta tim mengirim instrumen asli tanpa data tambahan.",
    )


def _periksa(
    data: bytes,
    sha: str,
    dasar: Mapping[str, Any],
    p: Pencatat,
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None,
) -> HasilBaca:
    entri = periksa_wadah(data, p.berkas, p)
    try:
        wadah = Wadah(data, entri)
        meta = baca_meta(wadah)
        temuan_lembar = lembar_capaian(wadah)
    except TerlaluBesar as besar:
        raise _terlalu_besar(p, besar) from None
    except Ditolak:
        raise
    except Exception as exc:  # calamine raises its own error types for every bad container
        raise p.tolak(
            "berkas-rusak",
            alasan=f"buku kerja tidak terbaca ({type(exc).__name__}: {kutip(exc, 120)})",
            saran="Minta tim menyimpan ulang berkasnya lalu mengirim lagi.",
        ) from None
    dikenali = "metadata"
    blok: dict[str, str] = {}
    if meta is None and temuan_lembar is not None:
        blok = blok_kepala(temuan_lembar[1])
    if meta is None:
        if temuan_lembar is None or not blok.get("Kode Tim") or not blok.get("Periode"):
            raise p.tolak(
                "bukan-instrumen",
                alasan="lembar metadata dan label kolom instrumen tidak ditemukan",
                saran=_INSTRUMEN_ASLI,
            )
        dikenali = "label"
        meta = {"tim": blok["Kode Tim"], "periode": blok["Periode"], "format_versi": "1"}
    versi = meta.get("format_versi", "")
    if versi not in {str(v) for v in tata_letak.FORMAT_DIKENAL}:
        raise p.tolak(
            "versi-tidak-dikenal",
            tata_letak.LEMBAR_META,
            versi=kutip(versi, 20) if versi else "(kosong)",
            dikenal=", ".join(map(str, tata_letak.FORMAT_DIKENAL)),
        )
    p.tim = bersihkan_teks(meta.get("tim", ""))[:40]
    try:
        periode = parse_periode(meta.get("periode", ""), konfigurasi.tahun)
    except KinerjaError:
        raise p.tolak(
            "periode-di-luar",
            periode_berkas=kutip(meta.get("periode", ""), 40),
            alasan="tidak dapat dibaca",
            saran="Pakai instrumen asli untuk bulan yang diminta.",
        ) from None
    p.periode = periode.kode
    if dikenali == "label":
        p.catat("dikenali-dari-label", temuan_lembar[0] if temuan_lembar else "")
    tim = konfigurasi.cari_tim(p.tim)
    if tim is None or not konfigurasi.indikator_tim(p.tim):
        raise p.tolak(
            "tim-tidak-dikenal",
            kode_tim=kutip(p.tim),
            dikenal=", ".join(t.kode for t in konfigurasi.tim_berindikator()),
        )
    if periode.tahun != konfigurasi.tahun:
        raise p.tolak(
            "periode-di-luar",
            periode_berkas=periode.label,
            alasan=f"di luar tahun konfigurasi {konfigurasi.tahun}",
            saran="Pakai instrumen tahun ini.",
        )
    if bulan is not None and periode != bulan:
        raise p.tolak(
            "periode-di-luar",
            periode_berkas=periode.label,
            alasan=f"bukan {bulan.label} yang sedang dihimpun",
            saran=f"Himpun tanpa --bulan atau dengan --bulan {periode.kode}.",
        )
    if periode.kode in riwayat.terkunci:
        raise p.tolak("bulan-terkunci", bulan=periode.label)
    if temuan_lembar is None:
        raise p.tolak(
            "bukan-instrumen",
            alasan="lembar Capaian dengan label kolom instrumen tidak ditemukan",
            saran="Jangan mengganti judul kolom; pakai instrumen asli.",
        )
    lembar, baris, kepala = temuan_lembar
    sel_kendala: dict[str, str] = {}
    try:
        nilai = periksa_capaian(p, wadah, konfigurasi, periode, lembar, baris, kepala, sel_kendala)
        p.temuan += atr.temuan_riwayat(
            konfigurasi, p.tim, periode, nilai, sel_kendala, riwayat.bulanan, p.berkas, lembar
        )
        nilai += periksa_anggaran(p, wadah, tim.anggaran is not None)
        oleh, tanggal = periksa_pengesahan(p, wadah)
    except TerlaluBesar as besar:
        p.temuan[:] = [t for t in p.temuan if not t.galat]
        raise _terlalu_besar(p, besar) from None
    except IsiRusak as exc:
        raise _rusak(p, exc) from None
    return HasilBaca(
        sha256=sha,
        diterima=True,
        tim=p.tim,
        periode=p.periode,
        dikenali_dari=dikenali,
        meta=dict(meta),
        nilai=tuple(nilai),
        temuan=tuple(p.temuan),
        lembar=lembar,
        sel_kendala=sel_kendala,
        diisi_oleh=oleh,
        tanggal_pengisian=tanggal,
        data=data,
        **dasar,
    )
