"""demo: a whole month of the POS on the bundled example, in a folder of its own.

January to May are taken in and approved quickly so that June has a history
(cumulative targets, trends, outliers); June then goes through all eight steps:
dispositions, instruments, filled workbooks for every team but one (one late, one
with a finding), himpun, analisis, a correction, approval, archive and status.
With June approved, the second quarter's recap (``kinerja rekap --triwulan 2``) is written.
Nothing outside the demo folder is touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .analisis import analisis_bulan
from .arsip import arsipkan, periksa_arsip
from .contoh import isi_instrumen, isian_contoh
from .disposisi import catat_disposisi
from .galat import DitolakError
from .himpun import HasilHimpun, himpun
from .instrumen import buat_instrumen
from .jadwal import tulis_jadwal
from .keputusan import setujui
from .kirim import kirim_instrumen
from .koreksi import PerubahanDiminta, rencanakan_koreksi, terapkan_koreksi
from .pengingat import kirim_pengingat
from .periode import Periode
from .rekap import rekap
from .ruang_kerja import RuangKerja, buat_ruang_kerja
from .status import StatusBulan, status_bulan

BULAN_DEMO = Periode(2022, 6)
TIM_ABSEN = "FPP"
TIM_TERLAMBAT = "KMT"
TIM_SALAH = "DTI"
INDIKATOR_SALAH = "IKK-1.7"
NILAI_SALAH = "1.234"
NILAI_BENAR = 5.0

Lapor = Callable[[str, str], None]


@dataclass(frozen=True)
class HasilDemo:
    ruang: RuangKerja
    himpun: HasilHimpun
    laporan_html: Path
    laporan_xlsx: Path
    capaian_csv: Path
    arsip: Path
    status: StatusBulan
    rekap_docx: Path
    surel: tuple[Path, ...] = ()
    """The June instrument e-mails written as .eml drafts (no network)."""
    jadwal: Path | None = None
    """The year's deadlines as a calendar (.ics)."""


def _isi_bulan(ruang: RuangKerja, periode: Periode, masuk: Path, juni: bool) -> None:
    konfigurasi = ruang.konfigurasi
    batas = periode.batas(konfigurasi.batas_tanggal)
    for tim in konfigurasi.tim_berindikator():
        if juni and tim.kode == TIM_ABSEN:
            continue
        isian, anggaran = isian_contoh(konfigurasi, periode, tim.kode, seed=2022)
        if juni and tim.kode == TIM_SALAH:
            isian[INDIKATOR_SALAH]["realisasi"] = NILAI_SALAH
        tujuan = masuk / f"Capaian Kinerja {tim.kode} {periode.label}.xlsx"
        isi_instrumen(
            ruang.folder_instrumen(periode) / f"{tim.kode}_{periode.kode}.xlsx",
            tujuan,
            isian,
            anggaran,
            diisi_oleh=tim.ketua.nama,
            tanggal=date(batas.year, batas.month, 4),
            jabatan=f"Ketua {tim.nama}",
        )
        hari = batas.day + 2 if juni and tim.kode == TIM_TERLAMBAT else batas.day - 2
        detik = datetime(batas.year, batas.month, hari, 10, 30).timestamp()
        os.utime(tujuan, (detik, detik))


def jalankan_demo(folder: Path | None = None, lapor: Lapor | None = None) -> HasilDemo:
    """Run the example month in ``folder`` (a new temporary folder by default)."""

    def kabar(judul: str, rincian: str = "") -> None:
        if lapor is not None:
            lapor(judul, rincian)

    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="kinerja-demo-"))
    elif folder.exists() and any(folder.iterdir()):
        raise DitolakError(
            f"Folder {folder} sudah berisi berkas; demo hanya berjalan di folder baru atau kosong.",
            "Pilih folder lain, atau jalankan `kinerja demo` tanpa argumen (folder sementara).",
        )
    ruang = buat_ruang_kerja(folder)
    konfigurasi = ruang.konfigurasi
    kabar("Ruang kerja dibuat", str(ruang.akar))
    tim_sakip = "Tim SAKIP"
    kasubbag = konfigurasi.satker.kasubbag_umum.nama
    for bulan in range(1, BULAN_DEMO.bulan):
        periode = Periode(BULAN_DEMO.tahun, bulan)
        buat_instrumen(ruang, periode, oleh=tim_sakip)
        masuk = ruang.folder_masuk / periode.kode
        masuk.mkdir(parents=True, exist_ok=True)
        _isi_bulan(ruang, periode, masuk, juni=False)
        himpun(ruang, masuk, bulan=periode, oleh=tim_sakip)
        analisis_bulan(ruang, periode, oleh=tim_sakip)
        setujui(ruang, periode, kasubbag)
    kabar("Riwayat Januari–Mei 2022", "dihimpun, dianalisis dan disetujui (bahan tren)")

    juni = BULAN_DEMO
    catat_disposisi(ruang, juni, 1, konfigurasi.satker.kepala.nama)
    catat_disposisi(ruang, juni, 2, kasubbag, catatan="Segera diproses sesuai POS")
    kabar("Langkah 1–2: disposisi", f"laporan/{juni.kode}/disposisi-langkah-1-{juni.kode}.html")
    instrumen = buat_instrumen(ruang, juni, oleh=tim_sakip)
    kabar("Langkah 3: instrumen", f"{len(instrumen.berkas)} berkas di instrumen/{juni.kode}/")
    kiriman_surel = kirim_instrumen(ruang, juni, oleh=tim_sakip)
    surel = tuple(t.berkas for t in kiriman_surel.tim if t.berkas is not None)
    jadwal = tulis_jadwal(ruang).berkas
    kabar(
        "Langkah 4: instrumen dikirim",
        f"{len(surel)} surel .eml di keluar/{juni.kode}/ (tanpa jaringan); kalender batas "
        f"pengumpulan {ruang.relatif(jadwal)}",
    )
    masuk = ruang.folder_masuk / juni.kode
    masuk.mkdir(parents=True, exist_ok=True)
    _isi_bulan(ruang, juni, masuk, juni=True)
    kabar(
        "Langkah 4: tim kerja mengisi",
        f"{len(list(masuk.iterdir()))} berkas masuk; {TIM_ABSEN} belum mengirim, "
        f"{TIM_TERLAMBAT} terlambat, {TIM_SALAH} menulis {NILAI_SALAH!r} untuk {INDIKATOR_SALAH}",
    )
    hasil_himpun = himpun(ruang, masuk, bulan=juni, oleh=tim_sakip)
    galat = [t for t in hasil_himpun.temuan if t.galat]
    kabar(
        "Langkah 5: himpun",
        f"{sum(1 for b in hasil_himpun.berkas if b.status == 'diterima')} diterima, "
        f"{len(hasil_himpun.temuan)} temuan ({len(galat)} galat: "
        + ", ".join(f"{t.kode} di {t.lokasi}" for t in galat)
        + ")",
    )
    ingat = kirim_pengingat(ruang, juni, oleh=tim_sakip, kini=datetime(2022, 7, 8, 9, 0))
    kabar(
        "Langkah 4: pengingat",
        f"{len(ingat.pengingat)} tim ({', '.join(p.tim.kode for p in ingat.pengingat)}): "
        f".eml di keluar/{juni.kode}/pengingat/, tautan WhatsApp di {ruang.relatif(ingat.halaman)}",
    )
    analisis_bulan(ruang, juni, oleh=tim_sakip)
    kabar("Langkah 6: analisis", f"laporan/{juni.kode}/")
    rencana = rencanakan_koreksi(
        ruang,
        juni,
        [
            PerubahanDiminta(
                INDIKATOR_SALAH,
                "realisasi",
                NILAI_BENAR,
                f"Tim {TIM_SALAH} mengonfirmasi lewat telepon: {NILAI_BENAR:g} kanal",
            )
        ],
    )
    terapkan_koreksi(ruang, rencana, tim_sakip)
    analisis_bulan(ruang, juni, oleh=tim_sakip)
    setujui(ruang, juni, kasubbag, "Data Juni 2022 sesuai", tetap=True)
    kabar(
        "Langkah 7: koreksi dan persetujuan",
        f"{INDIKATOR_SALAH}: {NILAI_SALAH!r} → {NILAI_BENAR:g}; dianalisis ulang dan disetujui {kasubbag}",
    )
    arsip = arsipkan(ruang, juni, tim_sakip)
    utuh = periksa_arsip(ruang, arsip.folder.name).utuh
    kabar("Langkah 8: arsip", f"{ruang.relatif(arsip.folder)} ({'utuh' if utuh else 'TIDAK UTUH'})")
    triwulan = rekap(ruang, juni.triwulan)
    rekap_docx = triwulan.berkas[0]
    kabar(
        f"Rekap {triwulan.periode.label} (LKj bab III)",
        ", ".join(ruang.relatif(p) for p in triwulan.berkas),
    )
    folder_laporan = ruang.folder_laporan(juni)
    return HasilDemo(
        ruang=ruang,
        himpun=hasil_himpun,
        laporan_html=folder_laporan / f"analisis-{juni.kode}.html",
        laporan_xlsx=folder_laporan / f"analisis-{juni.kode}.xlsx",
        capaian_csv=folder_laporan / f"capaian-{juni.kode}.csv",
        arsip=arsip.folder,
        status=status_bulan(ruang, juni),
        rekap_docx=rekap_docx,
        surel=surel,
        jadwal=jadwal,
    )
