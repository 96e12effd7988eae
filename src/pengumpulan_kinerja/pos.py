"""The eight steps of the POS Pengumpulan Data Kinerja, as data (SPEC section 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

NOMOR_POS = "BPL-06/08/C7.14/2022"


def nama_pos(satker: str) -> str:
    return f"POS Pengumpulan Data Kinerja {satker}"


@dataclass(frozen=True)
class Langkah:
    nomor: int
    uraian: str
    pelaksana: str
    mutu_baku: timedelta | None
    """None for step 4, whose standard is the deadline (day N of the next month)."""
    output: str
    perintah: str
    singkat: str = ""


LANGKAH: tuple[Langkah, ...] = (
    Langkah(
        1,
        "Menugaskan Kasubbag Umum untuk melaporkan data capaian kinerja",
        "Kepala",
        timedelta(minutes=15),
        "Disposisi",
        "kinerja disposisi --langkah 1",
        "Disposisi Kepala",
    ),
    Langkah(
        2,
        "Memeriksa disposisi, selanjutnya menugaskan Tim SAKIP untuk memproses pelaporan data capaian kinerja",
        "Kasubbag Umum",
        timedelta(minutes=15),
        "Disposisi",
        "kinerja disposisi --langkah 2",
        "Disposisi Kasubbag Umum",
    ),
    Langkah(
        3,
        "Menyiapkan format pengumpulan data dan informasi capaian kinerja masing-masing ketua tim kerja",
        "Tim SAKIP",
        timedelta(hours=1),
        "Instrumen per tim kerja",
        "kinerja buat-instrumen",
        "Menyiapkan instrumen",
    ),
    Langkah(
        4,
        "Menyampaikan format pengumpulan data kepada Ketua Tim Kerja; tim kerja mengisi",
        "Ketua Tim Kerja",
        None,
        "Instrumen yang telah terisi",
        "(berkas dikirim lewat surel/pesan)",
        "Pengisian oleh tim kerja",
    ),
    Langkah(
        5,
        "Menghimpun format data dan informasi capaian kinerja yang telah diisi",
        "Tim SAKIP",
        timedelta(days=1),
        "Kumpulan data capaian kinerja",
        "kinerja himpun",
        "Menghimpun isian",
    ),
    Langkah(
        6,
        "Menganalisis dan mengevaluasi data dan informasi capaian kinerja",
        "Tim SAKIP",
        timedelta(days=3),
        "Hasil analisis, evaluasi dan rencana tindak lanjut",
        "kinerja analisis",
        "Analisis dan evaluasi",
    ),
    Langkah(
        7,
        "Koreksi data capaian kinerja (tidak: kembali ke langkah 6; ya: langkah 8)",
        "Kasubbag Umum / Tim SAKIP",
        timedelta(days=1),
        "Data capaian kinerja yang telah dikoreksi",
        "kinerja koreksi / tolak / setujui",
        "Koreksi dan keputusan",
    ),
    Langkah(
        8,
        "Dokumentasi data capaian kinerja per bulan",
        "Tim SAKIP / Kasubbag Umum",
        timedelta(hours=2),
        "Folder data capaian kinerja per bulan",
        "kinerja arsip",
        "Dokumentasi (arsip)",
    ),
)


def teks_durasi(durasi: timedelta) -> str:
    """``1 jam 5 menit``, ``2 hari 3 jam``, ``< 1 menit``."""
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
    return " ".join(bagian) or "< 1 menit"
