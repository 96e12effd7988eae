"""The eight steps of the POS Pengumpulan Data Kinerja, as data (SPEC section 2).

The uraian, kelengkapan, mutu baku and output are the office's own words (the POS
table in ``seed/``); ``perintah`` is the command of this tool that carries the step
out. Step 4 has no duration: its mutu baku is the collection deadline, day
``pengumpulan.batas_tanggal`` of the following month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from .periode import Periode

NOMOR_POS = "BPL-06/08/C7.14/2022"
"""Nomor POS as the office registered it."""


def nama_pos(satker: str) -> str:
    """``POS Pengumpulan Data Kinerja BPMP Provinsi Lampung`` for the unit's name."""
    return f"POS Pengumpulan Data Kinerja {satker}"


@dataclass(frozen=True, eq=False)
class Langkah:
    """One step of the POS."""

    nomor: int
    uraian: str
    pelaksana: str
    mutu_baku: timedelta | None
    """None for step 4, whose standard is the deadline (day N of the next month)."""
    kelengkapan: str
    output: str
    perintah: str
    """The command as the SPEC table names it (``kinerja himpun ./masuk``)."""
    singkat: str
    """A short name for tables (``Menghimpun isian``)."""

    def teks_mutu_baku(self, batas_tanggal: int) -> str:
        """``15 menit``, ``3 hari`` or, for step 4, ``paling lambat tanggal 7 bulan berikutnya``."""
        if self.mutu_baku is None:
            return f"paling lambat tanggal {batas_tanggal} bulan berikutnya"
        return teks_durasi(self.mutu_baku)

    def perintah_untuk(
        self, periode: Periode, kepala: str = "NAMA KEPALA", kasubbag: str = "NAMA KASUBBAG UMUM"
    ) -> str:
        """The concrete command for ``periode`` (what ``kinerja status`` suggests), with
        the names of the Kepala and the Kasubbag Umum where a step needs them."""
        bulan = periode.kode
        return {
            1: f'kinerja disposisi --bulan {bulan} --langkah 1 --oleh "{kepala}"',
            2: f'kinerja disposisi --bulan {bulan} --langkah 2 --oleh "{kasubbag}"',
            3: f"kinerja buat-instrumen {bulan}",
            4: f"kirim instrumen/{bulan}/ ke setiap Ketua Tim Kerja; "
            f"setelah berkas kembali: kinerja himpun ./masuk --bulan {bulan}",
            5: f"kinerja himpun ./masuk --bulan {bulan}",
            6: f"kinerja analisis --bulan {bulan}",
            7: f'kinerja setujui --bulan {bulan} --oleh "{kasubbag}" '
            f'(atau kinerja tolak --bulan {bulan} --catatan "...")',
            8: f"kinerja arsip --bulan {bulan}",
        }[self.nomor]


LANGKAH: tuple[Langkah, ...] = (
    Langkah(
        nomor=1,
        uraian="Menugaskan Kasubbag Umum untuk melaporkan data capaian kinerja",
        pelaksana="Kepala",
        mutu_baku=timedelta(minutes=15),
        kelengkapan="Lembar Disposisi, OTK",
        output="Disposisi",
        perintah="kinerja disposisi --langkah 1",
        singkat="Disposisi Kepala",
    ),
    Langkah(
        nomor=2,
        uraian="Memeriksa disposisi, selanjutnya menugaskan Tim SAKIP untuk memproses "
        "pelaporan data capaian kinerja",
        pelaksana="Kasubbag Umum",
        mutu_baku=timedelta(minutes=15),
        kelengkapan="Lembar Disposisi, OTK",
        output="Disposisi",
        perintah="kinerja disposisi --langkah 2",
        singkat="Disposisi Kasubbag Umum",
    ),
    Langkah(
        nomor=3,
        uraian="Menyiapkan format pengumpulan data dan informasi capaian kinerja masing-masing "
        "ketua tim kerja",
        pelaksana="Tim SAKIP",
        mutu_baku=timedelta(hours=1),
        kelengkapan="Instrumen pengumpulan data dan informasi capaian kinerja",
        output="Instrumen pengumpulan data dan informasi capaian kinerja masing-masing "
        "Ketua Tim Kerja",
        perintah="kinerja buat-instrumen",
        singkat="Menyiapkan instrumen",
    ),
    Langkah(
        nomor=4,
        uraian="Menyampaikan format pengumpulan data dan informasi capaian kinerja kepada "
        "Ketua Tim Kerja",
        pelaksana="Ketua Tim Kerja",
        mutu_baku=None,
        kelengkapan="Instrumen pengumpulan data dan informasi capaian kinerja masing-masing "
        "Tim Kerja",
        output="Instrumen pengumpulan data dan informasi capaian kinerja yang telah terisi",
        perintah="(berkas dikirim lewat surel/pesan)",
        singkat="Pengisian oleh tim kerja",
    ),
    Langkah(
        nomor=5,
        uraian="Menghimpun format data dan informasi capaian kinerja yang telah diisi dari "
        "masing-masing Ketua Tim Kerja",
        pelaksana="Tim SAKIP",
        mutu_baku=timedelta(days=1),
        kelengkapan="Instrumen pengumpulan data dan informasi capaian kinerja yang telah terisi",
        output="Kumpulan data dan informasi capaian kinerja",
        perintah="kinerja himpun ./masuk",
        singkat="Menghimpun isian",
    ),
    Langkah(
        nomor=6,
        uraian="Menganalisis dan mengevaluasi data dan informasi capaian kinerja yang telah "
        "terkumpul",
        pelaksana="Tim SAKIP",
        mutu_baku=timedelta(days=3),
        kelengkapan="Kumpulan data dan informasi capaian kinerja",
        output="Hasil analisis dan evaluasi capaian kinerja, dan rencana tindak lanjut",
        perintah="kinerja analisis",
        singkat="Analisis dan evaluasi",
    ),
    Langkah(
        nomor=7,
        uraian="Koreksi data capaian kinerja (tidak: kembali ke langkah 6; ya: ke langkah 8)",
        pelaksana="Kasubbag Umum / Tim SAKIP",
        mutu_baku=timedelta(days=1),
        kelengkapan="Kumpulan data dan informasi capaian kinerja yang telah diolah",
        output="Kumpulan data dan informasi capaian kinerja yang telah dikoreksi",
        perintah="kinerja koreksi / tolak / setujui",
        singkat="Koreksi dan keputusan",
    ),
    Langkah(
        nomor=8,
        uraian="Dokumentasi data capaian kinerja perbulan",
        pelaksana="Tim SAKIP / Kasubbag Umum",
        mutu_baku=timedelta(hours=2),
        kelengkapan="Kumpulan data dan informasi capaian kinerja yang telah dikoreksi",
        output="Dokumen capaian kinerja (folder data capaian kinerja perbulan)",
        perintah="kinerja arsip",
        singkat="Dokumentasi (arsip)",
    ),
)


def langkah(nomor: int) -> Langkah:
    """Step ``nomor`` (1-8)."""
    if not 1 <= nomor <= len(LANGKAH):
        raise ValueError(f"langkah POS harus 1-{len(LANGKAH)}, bukan {nomor}")
    return LANGKAH[nomor - 1]


def teks_durasi(durasi: timedelta) -> str:
    """A duration in Indonesian: ``< 1 menit``, ``1 jam 5 menit``, ``2 hari 3 jam``.

    Minutes are dropped once a duration reaches a day (they no longer matter
    against a mutu baku of days).
    """
    detik = int(durasi.total_seconds())
    if detik < 60:
        return "< 1 menit"
    hari, sisa = divmod(detik, 86400)
    jam, sisa = divmod(sisa, 3600)
    menit = sisa // 60
    bagian = []
    if hari:
        bagian.append(f"{hari} hari")
    if jam:
        bagian.append(f"{jam} jam")
    if menit and not hari:
        bagian.append(f"{menit} menit")
    return " ".join(bagian)
