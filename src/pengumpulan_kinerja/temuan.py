"""Findings: data problems as values with stable codes (SPEC sections 6 and 13).

:data:`KATALOG` declares every finding code once: its severity, an Indonesian message
template and when it is given. Nothing registers codes at run time. A finding is made
with :func:`buat` (the template filled in), or rebuilt from a stored row with
:class:`Temuan` directly (the message as it was recorded).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class Tingkat(StrEnum):
    """Severity of a finding."""

    GALAT = "galat"
    PERINGATAN = "peringatan"
    INFO = "info"


MAKS_KUTIPAN = 80
"""Longest piece of text a team typed that a message quotes (longer is cut with …)."""

MAKS_BESARAN = 1e15
"""Largest magnitude of a realisation or a budget amount: |x| ≤ 10^15 (a thousand
trillion; Rupiah amounts stay exact integers below 2^53 ≈ 9 × 10^15, and twelve months
summed stay finite). Pembilang and penyebut only need to be finite: only their ratio,
at most 100%, is used."""


@dataclass(frozen=True)
class JenisTemuan:
    """One finding code of the catalogue. ``templat`` is filled with :meth:`str.format`
    from the fields passed to :func:`buat` and the place (``berkas``, ``lembar``,
    ``sel``, ``tim``, ``periode``, ``indikator``)."""

    kode: str
    tingkat: Tingkat
    templat: str
    bila: str
    """When it is given (the SPEC's table, for documentation)."""

    @property
    def medan(self) -> frozenset[str]:
        """The names the template needs."""
        return frozenset(
            nama.split(".")[0].split("[")[0]
            for _, nama, _, _ in string.Formatter().parse(self.templat)
            if nama
        )

    def pesan(self, **isian: object) -> str:
        """The message with ``isian`` filled in (KeyError when a field is missing)."""
        return self.templat.format(**isian)


_G, _P, _I = Tingkat.GALAT, Tingkat.PERINGATAN, Tingkat.INFO

_DAFTAR: tuple[JenisTemuan, ...] = (
    # ------------------------------------------------------------------ the file
    JenisTemuan(
        "berkas-rusak",
        _G,
        "Berkas tidak dapat dibaca: {alasan}. {saran}",
        "bukan buku kerja yang terbaca: terenkripsi, terpotong, terlalu besar, lembar "
        "dengan sel di luar batas",
    ),
    JenisTemuan(
        "bukan-instrumen",
        _G,
        "Berkas ini bukan instrumen capaian kinerja: {alasan}. {saran}",
        "metadata maupun label kolom instrumen tidak ditemukan",
    ),
    JenisTemuan(
        "versi-tidak-dikenal",
        _G,
        "Format instrumen versi {versi} tidak dikenal oleh kinerja ini (dikenal: {dikenal}). "
        "Pakai instrumen terbaru atau perbarui kinerja.",
        "metadata dari versi format yang tidak dikenal",
    ),
    JenisTemuan(
        "tim-tidak-dikenal",
        _G,
        "Tim {kode_tim} tidak ada di konfigurasi (tim yang dikenal: {dikenal}).",
        "tim berkas tidak ada di konfigurasi",
    ),
    JenisTemuan(
        "periode-di-luar",
        _G,
        "Periode berkas ({periode_berkas}) {alasan}. {saran}",
        "periode tidak terbaca, di luar tahun konfigurasi, atau bukan bulan yang dihimpun",
    ),
    JenisTemuan(
        "bulan-terkunci",
        _G,
        "{bulan} sudah disetujui dan terkunci. Buka dulu dengan "
        '`kinerja buka --bulan {periode} --alasan "..."`.',
        "bulannya sudah disetujui; buka dulu",
    ),
    JenisTemuan(
        "indikator-hilang",
        _G,
        "Baris indikator {daftar} tidak ada di lembar {lembar}. Jangan menghapus baris; "
        "pakai instrumen asli dan isi semua baris.",
        "baris indikator tim tidak ada",
    ),
    JenisTemuan(
        "dikenali-dari-label",
        _P,
        "Lembar metadata instrumen tidak ditemukan; berkas dikenali dari blok judul dan "
        "label kolom. Untuk bulan berikutnya pakai instrumen asli.",
        "berkas dikenali dari blok judul dan label kolom, bukan dari metadata",
    ),
    # ------------------------------------------------------------------ a value
    JenisTemuan(
        "bukan-angka",
        _G,
        "{label} {indikator} berisi {masalah}. {saran}",
        "isian angka yang tidak dapat dibaca sebagai angka",
    ),
    JenisTemuan(
        "angka-terlalu-besar",
        _G,
        "{label} {indikator} berisi {angka}, di luar jangkauan yang diterima "
        "(paling besar 1.000.000.000.000.000 untuk realisasi dan anggaran; pembilang dan "
        "penyebut harus berupa bilangan terhingga). Periksa isiannya.",
        "angka tak hingga, atau realisasi/anggaran dengan besaran di atas 10^15",
    ),
    JenisTemuan(
        "di-luar-batas",
        _G,
        "{label} {indikator}: {alasan}. Periksa kembali isiannya.",
        "di bawah batas.min, di atas batas.maks, jumlah negatif, persentase di atas 100",
    ),
    JenisTemuan(
        "penyebut-nol",
        _G,
        "Penyebut {indikator} bernilai 0; realisasi tidak dapat dihitung. Isi penyebut ({uraian}).",
        "penyebut bernilai 0",
    ),
    JenisTemuan(
        "pembilang-melebihi-penyebut",
        _G,
        "Pembilang {indikator} ({pembilang}) lebih besar dari penyebut ({penyebut}). "
        "Periksa kedua angka.",
        "pembilang lebih besar dari penyebut",
    ),
    JenisTemuan(
        "rumus-tanpa-nilai",
        _G,
        "Sel {sel} berisi rumus tanpa nilai tersimpan. Ketik angkanya langsung, atau buka "
        "dan simpan ulang di Excel/LibreOffice.",
        "sel isian berisi rumus tanpa nilai tersimpan",
    ),
    JenisTemuan(
        "persen-salah-satuan",
        _P,
        "{label} {indikator} ditulis dengan tanda % ({teks}), padahal satuannya {satuan}; "
        "yang dicatat {angka}. Hapus tanda % bila angkanya benar.",
        "tanda % diketik pada indikator yang satuannya bukan persen",
    ),
    JenisTemuan(
        "realisasi-kosong",
        _P,
        "{apa} belum diisi; {akibat}",
        "realisasi dibiarkan kosong (dicatat sebagai belum mengisi)",
    ),
    JenisTemuan(
        "teks-terpotong",
        _P,
        "Teks di {sel} sangat panjang ({panjang} karakter); hanya {maks} karakter pertama "
        "disimpan. Ringkas isinya.",
        "teks isian lebih panjang dari batas; sisanya tidak disimpan",
    ),
    JenisTemuan(
        "target-diubah",
        _P,
        "{label} {indikator} di berkas ({di_berkas}) berbeda dari konfigurasi ({harapan}); "
        "yang dipakai nilai konfigurasi.",
        "sel terkunci (mis. target) berbeda dari konfigurasi; konfigurasi yang dipakai",
    ),
    JenisTemuan(
        "baris-tak-dikenal",
        _P,
        "Baris berkode {kode_baris} {alasan}.",
        "baris berkode yang bukan milik tim, atau kode yang muncul dua kali",
    ),
    # ------------------------------------------------------------------ notes and history
    JenisTemuan(
        "kendala-wajib",
        _P,
        "Capaian {indikator} bulan ini {capaian}, di bawah target bulan ini; isi "
        "Kendala/Permasalahan dan Rencana Tindak Lanjut.",
        "di bawah target bulan ini tanpa kendala maupun rencana tindak lanjut",
    ),
    JenisTemuan(
        "memburuk-tanpa-catatan",
        _P,
        "Capaian {indikator} turun dari bulan lalu ({capaian_lalu} → {capaian}) tanpa "
        "keterangan; isi Kendala/Permasalahan.",
        "capaian lebih rendah dari bulan lalu tanpa kendala",
    ),
    JenisTemuan(
        "bukti-kosong",
        _P,
        "Bukti dukung {indikator} wajib diisi (tautan atau nama dokumen).",
        "indikator wajib_bukti tanpa bukti dukung",
    ),
    JenisTemuan(
        "pengesahan-kosong",
        _P,
        "{alasan} di lembar Pengesahan. {saran}",
        "lembar Pengesahan tanpa nama pengisi, atau Tanggal Pengisian yang tidak terbaca",
    ),
    # ------------------------------------------------------------------ taking in
    JenisTemuan(
        "terlambat",
        _P,
        "Diterima {diterima}, melewati batas pengumpulan {batas}{pengisian}.",
        "diterima setelah batas pengumpulan",
    ),
    JenisTemuan(
        "duplikat",
        _I,
        "Berkas yang sama persis sudah pernah dihimpun{asal}; dilewati.",
        "bita yang sama sudah pernah dihimpun; dilewati",
    ),
    JenisTemuan(
        "menggantikan",
        _I,
        "{kata} kiriman sebelumnya ({lama}); kiriman lama tetap tersimpan di buku besar.",
        "kiriman yang diterima lebih akhir untuk tim dan bulan yang sama menggantikan yang "
        "sebelumnya (yang lama tetap di buku besar)",
    ),
    JenisTemuan(
        "lebih-lama",
        _I,
        "Berkas ini diterima {diterima}, lebih awal dari kiriman yang berlaku ({aktif}, "
        "diterima {diterima_aktif}); dicatat, tetapi tidak menggantikannya.",
        "kiriman yang diterima lebih awal dari kiriman yang berlaku, diambil oleh jalan "
        "himpun yang lebih akhir: dicatat, tidak menggantikan",
    ),
    # ------------------------------------------------------------------ analysis
    JenisTemuan(
        "target-nol",
        _P,
        "Target {daftar} {indikator} bernilai 0; capaian terhadapnya tidak dihitung "
        "(bukan galat). Bila keliru, perbaiki target di kinerja.yaml.",
        "target bernilai 0; capaiannya tidak dihitung",
    ),
    JenisTemuan(
        "realisasi-nol",
        _P,
        "Realisasi {indikator} bernilai 0 pada rumus rasio (T/R); capaian {daftar} tidak "
        "dapat dihitung. Tetapkan capaian_maksimum di kinerja.yaml agar dibatasi.",
        "realisasi 0 pada rumus T/R; capaiannya tidak dihitung",
    ),
)

KATALOG: dict[str, JenisTemuan] = {j.kode: j for j in _DAFTAR}
"""Every finding code, declared once. Codes are a contract: never rename one."""

KODE_TEMUAN: dict[str, Tingkat] = {j.kode: j.tingkat for j in _DAFTAR}
"""Code → severity (read-only view of :data:`KATALOG`, kept for existing readers)."""

KOLOM_EKSPOR: tuple[str, ...] = (
    "berkas",
    "lembar",
    "sel",
    "tim",
    "periode",
    "indikator",
    "kode",
    "tingkat",
    "pesan",
)
"""Fields every export of findings carries (xlsx, CSV, JSON), in this order."""


class Tempat(NamedTuple):
    """Where a value is: the file, sheet and cell, and whose it is. A value checked
    outside a workbook (a correction on the command line) leaves the file parts empty."""

    berkas: str = ""
    lembar: str = ""
    sel: str = ""
    tim: str = ""
    periode: str = ""
    indikator: str = ""


_DI_MANA_SAJA = Tempat()


@dataclass(frozen=True)
class Temuan:
    """One finding: a stable code, its severity, where it is, and what to do."""

    kode: str
    pesan: str
    berkas: str = ""
    lembar: str = ""
    sel: str = ""
    tim: str = ""
    periode: str = ""
    indikator: str = ""

    def __post_init__(self) -> None:
        if self.kode not in KATALOG:
            raise ValueError(f"kode temuan tidak dikenal: {self.kode!r}")

    @property
    def tingkat(self) -> Tingkat:
        return KATALOG[self.kode].tingkat

    @property
    def galat(self) -> bool:
        return self.tingkat is Tingkat.GALAT

    @property
    def tempat(self) -> Tempat:
        return Tempat(self.berkas, self.lembar, self.sel, self.tim, self.periode, self.indikator)

    @property
    def lokasi(self) -> str:
        """Place as users read it: ``PM_2022-06.xlsx › Capaian!K7``."""
        tempat = self.lembar
        if self.sel:
            tempat = f"{tempat}!{self.sel}" if tempat else self.sel
        if self.berkas and tempat:
            return f"{self.berkas} › {tempat}"
        return self.berkas or tempat

    def sebagai_baris(self) -> dict[str, str]:
        """The export fields of SPEC section 6, in order."""
        data = asdict(self)
        data["tingkat"] = str(self.tingkat)
        return {kolom: str(data[kolom]) for kolom in KOLOM_EKSPOR}


def buat(kode: str, tempat: Tempat = _DI_MANA_SAJA, /, **isian: object) -> Temuan:
    """A finding of ``kode`` at ``tempat``, its message the catalogue's template filled
    with ``isian`` and the place's fields."""
    pesan = KATALOG[kode].pesan(**{**tempat._asdict(), **isian})
    return Temuan(kode, pesan, *tempat)


def kutip(teks: object, maks: int = MAKS_KUTIPAN) -> str:
    """Text a team typed, quoted for a message: one line, at most ``maks`` characters
    (a 32,767-character cell is not repeated whole in every finding)."""
    satu = " ".join(str(teks).split())
    if len(satu) > maks:
        satu = satu[: maks - 1].rstrip() + "…"
    return repr(satu)


def ada_galat(temuan: list[Temuan] | tuple[Temuan, ...]) -> bool:
    return any(t.galat for t in temuan)


def dari_catatan(catatan: Iterable[Any]) -> list[Temuan]:
    """Findings as the ledger stored them (records with ``kode``, ``pesan`` and the
    place), in order; a code from a newer version of the tool is left out."""
    hasil = []
    for c in catatan:
        try:
            hasil.append(
                Temuan(
                    kode=c.kode,
                    pesan=c.pesan,
                    berkas=c.berkas,
                    lembar=c.lembar,
                    sel=c.sel,
                    tim=c.tim,
                    periode=c.periode,
                    indikator=c.indikator,
                )
            )
        except ValueError:
            continue
    return hasil
