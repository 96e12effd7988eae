"""disposisi (POS steps 1 and 2): record the assignment and print a Lembar Disposisi."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .buku_besar import sekarang
from .galat import DitolakError, PenggunaanError
from .periode import Periode, format_tanggal
from .pos import LANGKAH, NOMOR_POS, nama_pos
from .ruang_kerja import RuangKerja, folder_sumber, tulis_atomik

INSTRUKSI = {
    1: "Mohon segera melaporkan data capaian kinerja {satker} bulan {bulan} sesuai POS "
    "Pengumpulan Data Kinerja.",
    2: "Mohon Tim SAKIP memproses pengumpulan dan pelaporan data capaian kinerja bulan {bulan}: "
    "siapkan instrumen, himpun isian tim kerja paling lambat {batas}, analisis, dan laporkan.",
}


@dataclass(frozen=True)
class HasilDisposisi:
    berkas: Path
    dari: str
    kepada: str


def catat_disposisi(
    ruang: RuangKerja,
    periode: Periode,
    langkah: int,
    oleh: str,
    kepada: str | None = None,
    catatan: str = "",
) -> HasilDisposisi:
    """Record POS step 1 or 2 and write ``laporan/PERIODE/disposisi-langkah-N-PERIODE.html``."""
    k = ruang.konfigurasi
    if langkah not in (1, 2):
        raise PenggunaanError(
            "--langkah hanya 1 atau 2.", "Langkah 1: Kepala; langkah 2: Kasubbag Umum."
        )
    if periode.tahun != k.tahun:
        raise PenggunaanError(f"{periode.label} di luar tahun konfigurasi ({k.tahun}).")
    if not oleh.strip():
        raise PenggunaanError("--oleh wajib diisi dengan nama pemberi disposisi.")
    baku_kepada = (
        k.satker.kasubbag_umum.nama
        if langkah == 1
        else (k.tim_sakip.nama if k.tim_sakip else "Tim SAKIP")
    )
    kepada = kepada or baku_kepada
    waktu = sekarang()
    with ruang.buka_buku_besar() as buku:
        if langkah == 2 and not any(p["langkah"] == 1 for p in buku.peristiwa(periode.kode)):
            raise DitolakError(
                f"Disposisi langkah 1 (Kepala) untuk {periode.label} belum dicatat.",
                f'Catat dulu: kinerja disposisi --bulan {periode.kode} --langkah 1 --oleh "{k.satker.kepala.nama}"',
            )
        env = Environment(
            loader=FileSystemLoader(str(folder_sumber("templates"))),
            autoescape=select_autoescape(default=True),
        )
        html = env.get_template("disposisi.html.j2").render(
            k=k,
            kop=k.satker.kop or (k.satker.nama.upper(),),
            nomor_pos=NOMOR_POS,
            nama_pos=nama_pos(k.satker.nama),
            periode=periode,
            langkah=LANGKAH[langkah - 1],
            dari=oleh.strip(),
            kepada=kepada,
            instruksi=INSTRUKSI[langkah].format(
                satker=k.satker.nama,
                bulan=periode.label,
                batas=format_tanggal(periode.batas(k.batas_tanggal)),
            ),
            catatan=catatan,
            tanggal=format_tanggal(waktu),
            penanda=k.satker.kepala if langkah == 1 else k.satker.kasubbag_umum,
        )
        tujuan = tulis_atomik(
            ruang.folder_laporan(periode) / f"disposisi-langkah-{langkah}-{periode.kode}.html", html
        )
        with buku.transaksi():
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=langkah,
                aksi="disposisi",
                oleh=oleh.strip(),
                mulai=waktu,
                rincian={"kepada": kepada, "catatan": catatan, "berkas": tujuan.name},
            )
    return HasilDisposisi(tujuan, oleh.strip(), kepada)
