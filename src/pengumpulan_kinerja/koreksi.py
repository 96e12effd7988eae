"""Review and correction (POS step 7): corrections, the Kasubbag's decisions, the trail.

A correction is planned first (every item validated, old → new computed, nothing
changed), then applied in one transaction through ``BukuBesar.ubah_nilai``, which
appends each change to the append-only audit trail (guarded by triggers).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from . import hitung, tata_letak
from .angka import baca_angka, bersihkan_teks, format_angka
from .buku_besar import INDIKATOR_ANGGARAN, KOLOM_ANGKA, BukuBesar, pengguna_os, sekarang
from .galat import DitolakError, PenggunaanError
from .konfigurasi import Konfigurasi
from .pembaca import masalah_batas
from .periode import Periode
from .ruang_kerja import RuangKerja, simpan_atomik

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
"""Fields a correction may change, with the labels users see."""
JUDUL_BERKAS: tuple[str, ...] = ("Kode", "Kolom", "Nilai Baru", "Alasan")


def _norm(teks: object) -> str:
    return bersihkan_teks(str(teks)).replace("*", "").strip().lower()


_NAMA_KOLOM: dict[str, str] = {}
for _nama, _label in KOLOM_KOREKSI.items():
    _NAMA_KOLOM[_nama] = _nama
    _NAMA_KOLOM[_norm(_label)] = _nama
for _, _label, _nama in tata_letak.KOLOM_CAPAIAN:
    if _nama in KOLOM_KOREKSI:
        _NAMA_KOLOM[_norm(_label)] = _nama
_NAMA_KOLOM.update({"anggaran": "anggaran", "realisasi anggaran": "anggaran", "kendala": "kendala"})


@dataclass(frozen=True)
class PerubahanDiminta:
    """One requested change: indicator code (or team code for ``anggaran``), field,
    new raw value, reason; ``tempat`` names it in messages (``baris 4``)."""

    kode: str
    kolom: str
    nilai: object
    alasan: str
    tempat: str = ""


@dataclass(frozen=True)
class Perubahan:
    periode: str
    tim: str
    indikator: str
    kolom: str
    lama: float | str | None
    baru: float | str | None
    alasan: str
    turunan: bool = False
    """True for ``realisasi`` recomputed from a corrected numerator/denominator."""


@dataclass(frozen=True)
class RencanaKoreksi:
    periode: Periode
    perubahan: tuple[Perubahan, ...]


def nama_kolom(teks: str) -> str | None:
    """Field name from a field name or a label users see (case/space-insensitive)."""
    return _NAMA_KOLOM.get(_norm(teks))


def _saran_kode(kode: str, dikenal: Sequence[str]) -> str:
    mirip = difflib.get_close_matches(kode, dikenal, n=3)
    return f" Mungkin maksudnya: {', '.join(mirip)}." if mirip else ""


def rencanakan_koreksi(
    ruang: RuangKerja, periode: Periode, diminta: Sequence[PerubahanDiminta]
) -> RencanaKoreksi:
    """Validate every requested change and compute old → new. Changes nothing.

    Raises DitolakError listing every invalid item (the whole batch is refused).
    """
    k = ruang.konfigurasi
    if periode.tahun != k.tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({k.tahun}).",
            f"Pilih bulan pada tahun {k.tahun}.",
        )
    if not diminta:
        raise PenggunaanError(
            "Tidak ada perubahan yang diminta.",
            'Sebutkan misalnya --realisasi 12 atau --kendala "...", atau --berkas koreksi.xlsx.',
        )
    with ruang.buka_buku_besar() as buku:
        buku.pastikan_terbuka(periode.kode, periode.label)
        kini: dict[tuple[str, str], float | str | None] = {
            (n.indikator, n.kolom) if n.indikator else (n.tim, n.kolom): (
                n.angka if n.kolom in KOLOM_ANGKA else n.teks
            )
            for n in buku.nilai_kini(periode.kode)
        }
    masalah: list[str] = []
    keadaan = dict(kini)
    hasil: dict[tuple[str, str], Perubahan] = {}
    kode_indikator = [i.kode for i in k.indikator]
    for d in diminta:
        tempat = f"{d.tempat}: " if d.tempat else ""
        alasan = bersihkan_teks(d.alasan or "")
        kolom = nama_kolom(d.kolom) if d.kolom else None
        kode = bersihkan_teks(d.kode or "")
        if not alasan:
            masalah.append(f"{tempat}alasan koreksi wajib diisi.")
        if kolom is None:
            masalah.append(
                f"{tempat}kolom {d.kolom!r} tidak dikenal; pilih: {', '.join(KOLOM_KOREKSI.values())}."
            )
            continue
        if kolom == "anggaran":
            tim = k.cari_tim(kode)
            if tim is None or tim.anggaran is None:
                punya = [t.kode for t in k.tim if t.anggaran is not None]
                masalah.append(
                    f"{tempat}koreksi anggaran memakai kode tim yang memiliki anggaran, bukan "
                    f"{kode!r}.{_saran_kode(kode, punya)}"
                )
                continue
            baca = baca_angka(d.nilai, uang=True)
            if baca.masalah or baca.nilai is None:
                masalah.append(f"{tempat}nilai anggaran {d.nilai!r}: {baca.masalah or 'kosong'}.")
                continue
            if baca.nilai < 0:
                masalah.append(f"{tempat}realisasi anggaran tidak boleh negatif.")
                continue
            kunci = (tim.kode, "anggaran")
            hasil[kunci] = Perubahan(
                periode.kode,
                tim.kode,
                INDIKATOR_ANGGARAN,
                "anggaran",
                kini.get(kunci),
                baca.nilai,
                alasan,
            )
            keadaan[kunci] = baca.nilai
            continue
        ind = k.cari_indikator(kode)
        if ind is None:
            masalah.append(
                f"{tempat}kode indikator {kode!r} tidak dikenal.{_saran_kode(kode, kode_indikator)}"
            )
            continue
        if kolom in ("realisasi", "pembilang", "penyebut"):
            if kolom == "realisasi" and ind.rasio:
                masalah.append(
                    f"{tempat}{ind.kode} dihitung dari pembilang dan penyebut; koreksi --pembilang "
                    "dan/atau --penyebut, bukan realisasi."
                )
                continue
            if kolom != "realisasi" and not ind.rasio:
                masalah.append(
                    f"{tempat}{ind.kode} tidak memakai pembilang/penyebut; koreksi realisasinya."
                )
                continue
            baca = baca_angka(d.nilai)
            if baca.masalah:
                masalah.append(f"{tempat}nilai {d.nilai!r} untuk {ind.kode}: {baca.masalah}.")
                continue
            baru: float | str | None = baca.nilai
            if baru is not None and kolom == "realisasi":
                alasan_batas = masalah_batas(ind, float(baru))
                if alasan_batas:
                    masalah.append(f"{tempat}{ind.kode}: {alasan_batas}.")
                    continue
            if baru is not None and float(baru) < 0:
                masalah.append(
                    f"{tempat}{ind.kode}: {KOLOM_KOREKSI[kolom].lower()} tidak boleh negatif."
                )
                continue
        else:
            teks = "" if d.nilai is None else str(d.nilai).strip()
            baru = teks or None
        kunci = (ind.kode, kolom)
        keadaan[kunci] = baru
        hasil[kunci] = Perubahan(
            periode.kode, ind.tim, ind.kode, kolom, kini.get(kunci), baru, alasan
        )
        if ind.rasio and kolom in ("pembilang", "penyebut"):
            p, q = keadaan.get((ind.kode, "pembilang")), keadaan.get((ind.kode, "penyebut"))
            pf = float(p) if isinstance(p, int | float) else None
            qf = float(q) if isinstance(q, int | float) else None
            if qf == 0:
                masalah.append(f"{tempat}{ind.kode}: penyebut 0; realisasi tidak dapat dihitung.")
                continue
            if pf is not None and qf is not None and pf > qf:
                masalah.append(
                    f"{tempat}{ind.kode}: pembilang ({format_angka(pf)}) lebih besar dari penyebut "
                    f"({format_angka(qf)})."
                )
                continue
            realisasi = hitung.nilai_rasio(pf, qf)
            if realisasi is not None:
                alasan_batas = masalah_batas(ind, realisasi)
                if alasan_batas:
                    masalah.append(f"{tempat}{ind.kode}: realisasi {alasan_batas}.")
                    continue
            kunci_r = (ind.kode, "realisasi")
            hasil[kunci_r] = Perubahan(
                periode.kode,
                ind.tim,
                ind.kode,
                "realisasi",
                kini.get(kunci_r),
                realisasi,
                alasan,
                True,
            )
            keadaan[kunci_r] = realisasi
    if masalah:
        raise DitolakError(
            f"Koreksi ditolak ({len(masalah)} masalah); tidak ada yang diubah:\n  - "
            + "\n  - ".join(masalah),
            "Perbaiki baris atau opsi yang disebut, lalu ulangi.",
        )
    berubah = tuple(p for p in hasil.values() if p.lama != p.baru)
    return RencanaKoreksi(periode, berubah)


def terapkan_koreksi(
    ruang: RuangKerja, rencana: RencanaKoreksi, oleh: str | None = None
) -> list[int]:
    """Apply a planned correction in one transaction; returns the audit row ids."""
    oleh = oleh or pengguna_os()
    mulai = sekarang()
    id_audit: list[int] = []
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.pastikan_terbuka(rencana.periode.kode, rencana.periode.label)
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
                sumber="koreksi",
                oleh=oleh,
                alasan=p.alasan
                + (" (dihitung ulang dari pembilang/penyebut)" if p.turunan else ""),
            )
            if nomor is not None:
                id_audit.append(nomor)
        if id_audit:
            buku.catat_peristiwa(
                periode=rencana.periode.kode,
                langkah=7,
                aksi="koreksi",
                oleh=oleh,
                mulai=mulai,
                selesai=sekarang(),
                rincian={
                    "perubahan": len(id_audit),
                    "indikator": sorted({p.indikator or p.tim for p in rencana.perubahan}),
                },
            )
    return id_audit


def baca_berkas_koreksi(berkas: Path) -> list[PerubahanDiminta]:
    """Read a batch file (columns Kode, Kolom, Nilai Baru, Alasan)."""
    try:
        wb = CalamineWorkbook.from_path(str(berkas))
        baris = wb.get_sheet_by_index(0).to_python()
    except FileNotFoundError:
        raise PenggunaanError(f"Berkas koreksi {berkas} tidak ada.") from None
    except Exception as exc:
        raise PenggunaanError(
            f"Berkas koreksi {berkas.name} tidak dapat dibaca ({type(exc).__name__}).",
            "Pakai templat dari `kinerja koreksi --templat FILE.xlsx`.",
        ) from None
    for r, isi in enumerate(baris[:20]):
        judul = {_norm(v): c for c, v in enumerate(isi) if isinstance(v, str) and v.strip()}
        if all(_norm(j) in judul for j in JUDUL_BERKAS):
            c = [judul[_norm(j)] for j in JUDUL_BERKAS]
            keluar = []
            for nomor, data in enumerate(baris[r + 1 :], start=r + 2):
                nilai = [data[i] if i < len(data) else "" for i in c]
                if all(v in ("", None) for v in nilai):
                    continue
                kode, kolom, baru, alasan = nilai
                keluar.append(
                    PerubahanDiminta(
                        kode=str(kode).strip(),
                        kolom=str(kolom).strip(),
                        nilai=None if baru == "" else baru,
                        alasan=str(alasan or "").strip(),
                        tempat=f"baris {nomor}",
                    )
                )
            if not keluar:
                raise PenggunaanError(f"Berkas koreksi {berkas.name} tidak berisi baris koreksi.")
            return keluar
    raise PenggunaanError(
        f"Judul kolom {', '.join(JUDUL_BERKAS)} tidak ditemukan di {berkas.name}.",
        "Pakai templat dari `kinerja koreksi --templat FILE.xlsx`.",
    )


def tulis_templat(berkas: Path, konfigurasi: Konfigurasi, periode: Periode) -> Path:
    """A blank batch file with dropdowns for Kode and Kolom."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Koreksi"
    for c, judul in enumerate(JUDUL_BERKAS, start=1):
        sel = ws.cell(row=1, column=c, value=judul)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E78")
    for huruf, lebar in zip("ABCD", (14, 30, 18, 60), strict=True):
        ws.column_dimensions[huruf].width = lebar
    daftar = wb.create_sheet("Daftar")
    kode = [i.kode for i in konfigurasi.indikator] + [
        t.kode for t in konfigurasi.tim if t.anggaran is not None
    ]
    for r, v in enumerate(kode, start=1):
        daftar.cell(row=r, column=1, value=v)
    for r, v in enumerate(KOLOM_KOREKSI.values(), start=1):
        daftar.cell(row=r, column=2, value=v)
    daftar.sheet_state = "hidden"
    dv_kode = DataValidation(type="list", formula1=f"=Daftar!$A$1:$A${len(kode)}", allow_blank=True)
    dv_kode.error = "Pilih kode indikator (atau kode tim untuk anggaran) dari daftar."
    dv_kode.showErrorMessage = True
    dv_kolom = DataValidation(
        type="list", formula1=f"=Daftar!$B$1:$B${len(KOLOM_KOREKSI)}", allow_blank=True
    )
    dv_kolom.error = "Pilih kolom dari daftar."
    dv_kolom.showErrorMessage = True
    ws.add_data_validation(dv_kode)
    ws.add_data_validation(dv_kolom)
    dv_kode.add("A2:A500")
    dv_kolom.add("B2:B500")
    ws.freeze_panes = "A2"
    wb.properties.title = f"Koreksi data capaian {periode.label}"
    return simpan_atomik(berkas, wb.save)


def riwayat(
    ruang: RuangKerja, periode: Periode | None = None, indikator: str | None = None
) -> list[dict[str, Any]]:
    """The audit trail, oldest first, optionally for one month and/or indicator."""
    syarat, parameter = [], []
    if periode is not None:
        syarat.append("periode = ?")
        parameter.append(periode.kode)
    if indikator:
        syarat.append("(indikator = ? OR tim = ?)")
        parameter += [indikator, indikator]
    sql = (
        "SELECT * FROM audit"
        + (" WHERE " + " AND ".join(syarat) if syarat else "")
        + " ORDER BY id"
    )
    with ruang.buka_buku_besar() as buku:
        return [dict(b) for b in buku.query(sql, tuple(parameter))]


# --------------------------------------------------------------------------- decisions


def _keputusan(
    buku: BukuBesar,
    periode: Periode,
    jenis: str,
    oleh: str,
    catatan: str,
    analisis_id: int | None = None,
) -> int:
    kursor = buku.conn.execute(
        "INSERT INTO keputusan (periode, jenis, oleh, catatan, waktu, analisis_id) VALUES (?,?,?,?,?,?)",
        (periode.kode, jenis, oleh, catatan, sekarang().isoformat(timespec="seconds"), analisis_id),
    )
    return int(kursor.lastrowid or 0)


def setujui(ruang: RuangKerja, periode: Periode, oleh: str | None = None, catatan: str = "") -> int:
    """The Kasubbag approves the month: it is locked for himpun and koreksi."""
    oleh = oleh or pengguna_os()
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        if buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} sudah disetujui.", "Tidak ada yang perlu dilakukan."
            )
        terakhir = buku.analisis_terakhir(periode.kode)
        if terakhir is None:
            raise DitolakError(
                f"{periode.label} belum dianalisis; persetujuan ditolak.",
                f"Jalankan `kinerja analisis --bulan {periode.kode}` dulu.",
            )
        if not buku.analisis_mutakhir(periode.kode):
            raise DitolakError(
                f"Data {periode.label} berubah setelah analisis terakhir; persetujuan ditolak.",
                f"Jalankan `kinerja analisis --bulan {periode.kode}` dulu agar laporan sesuai data.",
            )
        nomor = _keputusan(buku, periode, "setujui", oleh, catatan, int(terakhir["id"]))
        buku.catat_peristiwa(
            periode=periode.kode,
            langkah=7,
            aksi="setujui",
            oleh=oleh,
            mulai=sekarang(),
            rincian={"catatan": catatan, "analisis_id": int(terakhir["id"])},
        )
    return nomor


def tolak(ruang: RuangKerja, periode: Periode, catatan: str, oleh: str | None = None) -> int:
    """The Kasubbag sends the month back to step 6 with a note."""
    oleh = oleh or pengguna_os()
    if not catatan.strip():
        raise PenggunaanError(
            "Penolakan memerlukan catatan.", 'Tambahkan --catatan "apa yang harus diperbaiki".'
        )
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        if buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} sudah disetujui; tidak dapat ditolak.",
                f'Buka dulu dengan `kinerja buka --bulan {periode.kode} --alasan "..."`.',
            )
        nomor = _keputusan(buku, periode, "tolak", oleh, catatan.strip())
        buku.catat_peristiwa(
            periode=periode.kode,
            langkah=7,
            aksi="tolak",
            oleh=oleh,
            mulai=sekarang(),
            rincian={"catatan": catatan.strip()},
        )
    return nomor


def buka(ruang: RuangKerja, periode: Periode, alasan: str, oleh: str | None = None) -> int:
    """Reopen an approved month (audited)."""
    oleh = oleh or pengguna_os()
    if not alasan.strip():
        raise PenggunaanError("Membuka bulan memerlukan alasan.", 'Tambahkan --alasan "...".')
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        if not buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} tidak sedang disetujui/terkunci.", "Tidak ada yang perlu dibuka."
            )
        nomor = _keputusan(buku, periode, "buka", oleh, alasan.strip())
        buku.catat_audit(periode=periode.kode, sumber="buka", oleh=oleh, alasan=alasan.strip())
        buku.catat_peristiwa(
            periode=periode.kode,
            langkah=7,
            aksi="buka",
            oleh=oleh,
            mulai=sekarang(),
            rincian={"alasan": alasan.strip()},
        )
    return nomor
