"""The instrument's layout: the contract between ``buat-instrumen`` and ``himpun``.

SPEC section 5 fixes the sheet names and header labels. Everything a reader and a
writer of instruments must agree on lives here, and nowhere else.
"""

from __future__ import annotations

FORMAT_VERSI = 1
"""Version of the instrument format written in the metadata sheet."""
FORMAT_DIKENAL: tuple[int, ...] = (1,)

LEMBAR_PETUNJUK = "Petunjuk"
LEMBAR_CAPAIAN = "Capaian"
LEMBAR_ANGGARAN = "Anggaran"
LEMBAR_PENGESAHAN = "Pengesahan"
LEMBAR_META = "_kinerja"
"""Hidden (not veryHidden: LibreOffice turns that into hidden anyway) metadata sheet."""

# ---------------------------------------------------------------- Capaian sheet

JUDUL_CAPAIAN = "INSTRUMEN PENGUMPULAN DATA DAN INFORMASI CAPAIAN KINERJA"
BLOK_KEPALA: tuple[str, ...] = (
    "Satuan Kerja",
    "Kode Tim",
    "Tim Kerja",
    "Ketua Tim",
    "Periode",
    "Batas Pengumpulan",
)
"""Header block labels, in column A from :data:`BARIS_BLOK_KEPALA`; values in column C."""
BARIS_BLOK_KEPALA = 3
KOLOM_LABEL_BLOK = "A"
KOLOM_NILAI_BLOK = "C"

BARIS_KEPALA = 10
"""Row of the column header labels on the Capaian sheet."""
BARIS_DATA_PERTAMA = 11

KOLOM_CAPAIAN: tuple[tuple[str, str, str], ...] = (
    # (column letter, exact header label, field name)
    ("A", "No", "no"),
    ("B", "Kode", "kode"),
    ("C", "Sasaran", "sasaran"),
    ("D", "Indikator", "indikator"),
    ("E", "Satuan", "satuan"),
    ("F", "Target Tahunan", "target_tahunan"),
    ("G", "Target Triwulan", "target_triwulan"),
    ("H", "Target Bulan Ini", "target_bulan"),
    ("I", "Realisasi s.d. Bulan Lalu", "realisasi_lalu"),
    ("J", "Realisasi Bulan Ini", "realisasi"),
    ("K", "Pembilang", "pembilang"),
    ("L", "Penyebut", "penyebut"),
    ("M", "Realisasi s.d. Bulan Ini", "realisasi_kini"),
    ("N", "Capaian (%)", "capaian"),
    ("O", "Kendala/Permasalahan", "kendala"),
    ("P", "Upaya/Solusi", "upaya"),
    ("Q", "Rencana Tindak Lanjut", "rtl"),
    ("R", "Bukti Dukung", "bukti"),
)
LABEL_CAPAIAN: tuple[str, ...] = tuple(label for _, label, _ in KOLOM_CAPAIAN)
KOLOM_ISIAN: frozenset[str] = frozenset(
    {"realisasi", "pembilang", "penyebut", "kendala", "upaya", "rtl", "bukti"}
)
"""Fields a team fills (starred in SPEC). Pembilang/Penyebut only for ratio indicators;
Realisasi Bulan Ini then becomes a formula."""
KOLOM_TERKUNCI_DIPERIKSA: frozenset[str] = frozenset(
    {"target_tahunan", "target_triwulan", "target_bulan"}
)
"""Locked cells re-checked on reading (finding ``target-diubah``)."""


def huruf_kolom(nama_kolom: str) -> str:
    """Column letter of a Capaian field, e.g. ``huruf_kolom("realisasi") == "J"``."""
    for huruf, _, nama in KOLOM_CAPAIAN:
        if nama == nama_kolom:
            return huruf
    raise KeyError(nama_kolom)


def label_kolom(nama_kolom: str) -> str:
    for _, label, nama in KOLOM_CAPAIAN:
        if nama == nama_kolom:
            return label
    raise KeyError(nama_kolom)


# ---------------------------------------------------------------- Anggaran sheet

BARIS_ANGGARAN: tuple[tuple[int, str, str], ...] = (
    # (row, exact label in column A, field); value in column C
    (10, "Pagu Anggaran (Rp)", "pagu"),
    (11, "RPD s.d. Bulan Ini (Rp)", "rpd_kini"),
    (12, "Realisasi s.d. Bulan Lalu (Rp)", "anggaran_lalu"),
    (13, "Realisasi Bulan Ini (Rp)", "anggaran"),
    (14, "Realisasi s.d. Bulan Ini (Rp)", "anggaran_kini"),
    (15, "Penyerapan terhadap Pagu (%)", "penyerapan"),
)
KOLOM_LABEL_ANGGARAN = "A"
KOLOM_NILAI_ANGGARAN = "C"
"""The Anggaran sheet repeats the header block (rows 3-8) as on Capaian."""

# ---------------------------------------------------------------- Pengesahan sheet

BARIS_PENGESAHAN: tuple[tuple[int, str, str], ...] = (
    (4, "Diisi oleh", "diisi_oleh"),
    (5, "Jabatan", "jabatan"),
    (6, "Tanggal Pengisian", "tanggal_pengisian"),
)
"""Label in column A, input in column C. ``Diisi oleh`` and ``Tanggal Pengisian`` are
inputs (the latter with a date format, so readers get a date, not a serial)."""
KOLOM_LABEL_PENGESAHAN = "A"
KOLOM_NILAI_PENGESAHAN = "C"

# ---------------------------------------------------------------- metadata sheet

META_KUNCI: tuple[str, ...] = (
    "format_versi",
    "instrumen_id",
    "tim",
    "periode",
    "versi_alat",
    "sidik_jari",
    "dibuat",
)
"""Keys in column A of the metadata sheet from row 1, values (as text) in column B."""
