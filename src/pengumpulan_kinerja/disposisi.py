"""disposisi (POS steps 1 and 2): record the assignment and print a Lembar Disposisi.

Step 1: the Kepala assigns the Kasubbag Umum; step 2: the Kasubbag Umum, having
checked the disposition, assigns the Tim SAKIP. Each is one POS event (aksi
``disposisi``) and one printable A4 page,
``laporan/PERIODE/disposisi-langkah-N-PERIODE.html``, rendered from
``templates/disposisi.html.j2`` with the unit's letterhead from ``kinerja.yaml``.

Step 2 is refused until step 1 is recorded for the month: the POS has the Kasubbag
Umum check the Kepala's disposition, so there must be one to check. Recording a
step again (a disposition re-issued) adds an event and rewrites the page; the
status keeps the first one as the time of the assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .angka import bersihkan_teks
from .buku_besar import sekarang
from .galat import DitolakError, PenggunaanError
from .konfigurasi import Konfigurasi, Orang
from .periode import Periode, format_tanggal
from .pos import LANGKAH, NOMOR_POS, nama_pos
from .ruang_kerja import RuangKerja, tulis_atomik
from .templat import lingkungan

INSTRUKSI: dict[int, str] = {
    1: "Mohon Kasubbag Umum segera melaporkan data capaian kinerja {satker} bulan {bulan} "
    "sesuai {pos}.",
    2: "Mohon Tim SAKIP memproses pengumpulan dan pelaporan data capaian kinerja bulan {bulan}: "
    "menyiapkan instrumen untuk setiap Ketua Tim Kerja, menghimpun isian paling lambat "
    "{batas}, menganalisis, dan melaporkannya.",
}
"""The instruction of each step, as printed on the sheet."""


@dataclass(frozen=True)
class HasilDisposisi:
    berkas: Path
    dari: str
    kepada: str
    waktu: datetime


def _sama_orang(nama: str, orang: Orang) -> bool:
    def norm(teks: str) -> str:
        return " ".join(teks.casefold().replace(",", " ").replace(".", " ").split())

    return bool(orang.nama) and norm(nama) == norm(orang.nama)


def _jabatan(k: Konfigurasi, langkah: int) -> tuple[str, str]:
    """(giver's title, receiver's title) of a step."""
    kasubbag = f"Kasubbag Umum {k.satker.nama}"
    if langkah == 1:
        return f"Kepala {k.satker.nama}", kasubbag
    return kasubbag, "Tim SAKIP"


def render_disposisi(
    k: Konfigurasi,
    periode: Periode,
    langkah: int,
    dari: str,
    kepada: str,
    catatan: str,
    waktu: datetime,
) -> str:
    """The Lembar Disposisi as one HTML page (autoescaped: every value is text)."""
    env = lingkungan()
    pemberi = k.satker.kepala if langkah == 1 else k.satker.kasubbag_umum
    penerima = k.satker.kasubbag_umum if langkah == 1 else None
    jabatan_dari, jabatan_kepada = _jabatan(k, langkah)
    data_langkah = LANGKAH[langkah - 1]
    return env.get_template("disposisi.html.j2").render(
        kop=k.satker.kop or (k.satker.nama.upper(),),
        alamat=k.satker.alamat,
        satker=k.satker.nama,
        nomor_pos=NOMOR_POS,
        nama_pos=nama_pos(k.satker.nama),
        periode=periode.label,
        langkah=data_langkah,
        mutu_baku=data_langkah.teks_mutu_baku(k.batas_tanggal),
        dari=dari,
        jabatan_dari=jabatan_dari,
        nip_dari=pemberi.nip if _sama_orang(dari, pemberi) else "",
        kepada=kepada,
        jabatan_kepada=jabatan_kepada,
        nip_kepada=penerima.nip if penerima and _sama_orang(kepada, penerima) else "",
        instruksi=INSTRUKSI[langkah].format(
            satker=k.satker.nama,
            bulan=periode.label,
            pos=nama_pos(k.satker.nama),
            batas=format_tanggal(periode.batas(k.batas_tanggal)),
        ),
        catatan=catatan,
        tanggal=format_tanggal(waktu),
        jam=f"{waktu.hour:02d}.{waktu.minute:02d}",
        # the signature line: "Bandar Lampung, 1 Juli 2022" (the date alone without kota)
        tempat_tanggal=", ".join(
            x for x in (k.satker.kota, format_tanggal(waktu, hari=False)) if x
        ),
        # a title already in the receiver's name ("Tim SAKIP BPMP …") is not repeated
        tampil_jabatan_kepada=jabatan_kepada.casefold() not in kepada.casefold(),
    )


def nama_berkas(langkah: int, periode: Periode) -> str:
    return f"disposisi-langkah-{langkah}-{periode.kode}.html"


def catat_disposisi(
    ruang: RuangKerja,
    periode: Periode,
    langkah: int,
    oleh: str,
    kepada: str | None = None,
    catatan: str = "",
) -> HasilDisposisi:
    """Record POS step 1 or 2 and write ``laporan/PERIODE/disposisi-langkah-N-PERIODE.html``.

    ``kepada`` defaults to the Kasubbag Umum (step 1) or the Tim SAKIP (step 2) of
    the configuration.
    """
    k = ruang.konfigurasi
    if langkah not in (1, 2):
        raise PenggunaanError(
            f"--langkah {langkah} bukan langkah disposisi: hanya 1 atau 2.",
            "Langkah 1: Kepala menugaskan Kasubbag Umum; langkah 2: Kasubbag Umum menugaskan "
            "Tim SAKIP. Langkah lain dicatat oleh perintahnya sendiri (lihat `kinerja status`).",
        )
    if periode.tahun != k.tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({k.tahun}).",
            f"Pilih bulan pada tahun {k.tahun}, mis. `--bulan {k.tahun}-06`.",
        )
    dari = bersihkan_teks(oleh or "")
    if not dari:
        pemberi = k.satker.kepala if langkah == 1 else k.satker.kasubbag_umum
        raise PenggunaanError(
            "--oleh wajib diisi dengan nama pemberi disposisi.",
            f'Contoh: --oleh "{pemberi.nama}".',
        )
    baku = (
        k.satker.kasubbag_umum.nama
        if langkah == 1
        else (k.tim_sakip.nama if k.tim_sakip else "Tim SAKIP")
    )
    tujuan_nama = bersihkan_teks(kepada or "") or baku
    catatan = bersihkan_teks(catatan or "")
    waktu = sekarang()
    with ruang.buka_buku_besar() as buku:
        if langkah == 2 and not buku.peristiwa(periode.kode, langkah=1):
            raise DitolakError(
                f"Disposisi langkah 1 (Kepala) untuk {periode.label} belum dicatat; langkah 2 "
                "memeriksa disposisi itu.",
                f"Catat dulu: kinerja disposisi --bulan {periode.kode} --langkah 1 "
                f'--oleh "{k.satker.kepala.nama}"',
            )
        html = render_disposisi(k, periode, langkah, dari, tujuan_nama, catatan, waktu)
        berkas = tulis_atomik(ruang.folder_laporan(periode) / nama_berkas(langkah, periode), html)
        with buku.transaksi():
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=langkah,
                aksi="disposisi",
                oleh=dari,
                mulai=waktu,
                rincian={"kepada": tujuan_nama, "catatan": catatan, "berkas": berkas.name},
            )
    return HasilDisposisi(berkas, dari, tujuan_nama, waktu)
