"""Helpers for tests: a month of filled instruments made the way teams make them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pengumpulan_kinerja.contoh import isi_instrumen, isian_contoh
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja


def atur_waktu(berkas: Path, waktu: datetime) -> None:
    """Set a file's modification time (the received time himpun uses)."""
    detik = waktu.timestamp()
    os.utime(berkas, (detik, detik))


def isi_bulan(
    ruang: RuangKerja,
    periode: Periode,
    folder: Path | None = None,
    kecuali: Iterable[str] = (),
    ubah: Callable[[str, dict[str, dict[str, object]]], None] | None = None,
    terlambat: Iterable[str] = (),
    seed: int = 7,
) -> Path:
    """Generate the month's instruments, fill them with realistic values (``ubah`` may
    edit a team's values first), save them into ``folder`` under names teams would
    use, and date them on time (or two days late for ``terlambat``)."""
    konfigurasi = ruang.konfigurasi
    folder_instrumen = ruang.folder_instrumen(periode)
    if any(
        not (folder_instrumen / f"{t.kode}_{periode.kode}.xlsx").exists()
        for t in konfigurasi.tim_berindikator()
    ):
        buat_instrumen(ruang, periode, oleh="uji", timpa=True)
    folder = folder or ruang.akar / "masuk" / periode.kode
    folder.mkdir(parents=True, exist_ok=True)
    batas = periode.batas(konfigurasi.batas_tanggal)
    lewati, telat = set(kecuali), set(terlambat)
    for tim in konfigurasi.tim_berindikator():
        if tim.kode in lewati:
            continue
        isian, anggaran = isian_contoh(konfigurasi, periode, tim.kode, seed)
        if ubah is not None:
            ubah(tim.kode, isian)
        tujuan = folder / f"Capaian {tim.nama} {periode.label}.xlsx"
        isi_instrumen(
            ruang.folder_instrumen(periode) / f"{tim.kode}_{periode.kode}.xlsx",
            tujuan,
            isian,
            anggaran,
            diisi_oleh=tim.ketua.nama,
            tanggal=date(batas.year, batas.month, 3),
        )
        hari = batas.day + 2 if tim.kode in telat else max(1, batas.day - 2)
        atur_waktu(tujuan, datetime(batas.year, batas.month, min(hari, 28), 10, 0))
    return folder


def kirim_nilai(
    buku: Any,
    nilai: Iterable[tuple[str, str, str, str, float | None, str | None]],
    oleh: str = "uji",
    *,
    tim_periode: Iterable[tuple[str, str]] = (),
    diterima: str | None = None,
    terlambat: bool = False,
    tanggal_pengisian: str | None = None,
    diisi_oleh: str | None = None,
) -> None:
    """Record (periode, tim, indikator, kolom, angka, teks) as submissions, one per team
    and month, the way himpun does (inside the caller's transaction)."""
    import uuid

    from pengumpulan_kinerja.buku_besar import KirimanBaru, NilaiBaru, waktu_iso

    per: dict[tuple[str, str], dict[tuple[str, str], NilaiBaru]] = {}
    for periode, tim in tim_periode:
        per[(periode, tim)] = {
            (n.indikator, n.kolom): NilaiBaru(n.indikator, n.kolom, n.angka, n.teks)
            for n in buku.nilai_kini(periode)
            if n.tim == tim
        }
    for periode, tim, indikator, kolom, angka, teks in nilai:
        if (periode, tim) not in per:  # a new submission carries the team's other values too
            per[(periode, tim)] = {
                (n.indikator, n.kolom): NilaiBaru(n.indikator, n.kolom, n.angka, n.teks)
                for n in buku.nilai_kini(periode)
                if n.tim == tim
            }
        per[(periode, tim)][(indikator, kolom)] = NilaiBaru(indikator, kolom, angka, teks)
    for (periode, tim), semua in per.items():
        isi = [n for n in semua.values() if n.angka is not None or n.teks is not None]
        sha = uuid.uuid4().hex
        buku.tambah_kiriman(
            KirimanBaru(
                periode=periode,
                tim=tim,
                nama_berkas=f"uji-{tim}-{periode}.xlsx",
                berkas_asal=f"uji-{tim}-{periode}.xlsx",
                sha256=sha,
                ukuran=0,
                salinan=f"kiriman/{periode}/{sha}.xlsx",
                diterima=diterima or f"{periode}-01T08:00:00",
                dihimpun=waktu_iso(),
                terlambat=terlambat,
                tanggal_pengisian=tanggal_pengisian,
                diisi_oleh=diisi_oleh,
                instrumen_id=None,
                sidik_jari=None,
                dikenali_dari="metadata",
                oleh=oleh,
            ),
            isi,
        )


def isi_nilai(
    buku: Any,
    bulan: int,
    tim: str,
    indikator: str,
    kolom: str,
    angka: float | None = None,
    teks: str | None = None,
    sumber: str = "kiriman",
    tahun: int = 2022,
) -> None:
    """One value of ``tahun``-``bulan``: as a submission (``sumber="kiriman"``, the team's
    other values carried along) or as a correction (``sumber="koreksi"``)."""
    periode = f"{tahun}-{bulan:02d}"
    if sumber == "kiriman":
        kirim_nilai(buku, [(periode, tim, indikator, kolom, angka, teks)])
        return
    buku.ubah_nilai(
        periode=periode,
        tim=tim,
        indikator=indikator,
        kolom=kolom,
        angka=angka,
        teks=teks,
        oleh="uji",
        alasan="salah ketik",
    )
