"""``kinerja.yaml`` → a frozen, fully checked model (SPEC section 4).

The file is read with a safe YAML loader that remembers the line of every key and
item, so each mistake is reported with its line, its path
(``sasaran[0].indikator[2].target_triwulan``) and what would be right, and all
mistakes are reported at once.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from .angka import baca_angka
from .galat import KonfigurasiError, MasalahKonfigurasi
from .periode import Periode

if TYPE_CHECKING:  # PyYAML is loaded only when a file is parsed (a cached load needs none)
    import yaml

    _Simpul = yaml.ScalarNode | yaml.SequenceNode | yaml.MappingNode

Arah = Literal["naik", "turun"]
RumusTurun = Literal["selisih", "rasio"]
Agregasi = Literal["kumulatif", "terakhir", "rata-rata"]

ARAH: tuple[str, ...] = ("naik", "turun")
RUMUS_TURUN: tuple[str, ...] = ("selisih", "rasio")
AGREGASI: tuple[str, ...] = ("kumulatif", "terakhir", "rata-rata")
_KENDALI = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape sequences, bidirectional overrides) a text in the
configuration must not carry: they steer terminals and break workbooks."""
_POLA_KODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Orang:
    nama: str
    nip: str = ""
    surel: str = ""
    """E-mail address (only a team leader's, ``tim[].ketua.surel``); empty when unknown."""
    telepon: str = ""
    """Phone number normalised to ``62…`` digits (``tim[].ketua.telepon``); empty when
    unknown. See :func:`normalisasi_telepon`."""


@dataclass(frozen=True)
class Pengirim:
    """Who sends the instruments and reminders (``pengumpulan.pengirim``)."""

    nama: str
    surel: str


KEAMANAN_SMTP: tuple[str, ...] = ("starttls", "ssl", "tanpa")
PORT_BAKU_SMTP: dict[str, int] = {"starttls": 587, "ssl": 465, "tanpa": 25}
VARIABEL_SANDI_SMTP = "KINERJA_SMTP_SANDI"
"""The SMTP password is read only from this environment variable, never from YAML."""


@dataclass(frozen=True)
class Smtp:
    """The mail server ``kinerja kirim --smtp`` and ``kinerja pengingat --smtp`` use."""

    host: str
    port: int
    keamanan: Literal["starttls", "ssl", "tanpa"] = "starttls"
    pengguna: str = ""


@dataclass(frozen=True)
class Satker:
    nama: str
    kepala: Orang
    kasubbag_umum: Orang
    kop: tuple[str, ...] = ()
    alamat: str = ""
    kota: str = ""
    """Where letters are signed, e.g. ``Bandar Lampung`` (the Lembar Disposisi's
    signature line: "Bandar Lampung, 1 Juli 2022"); empty = no place."""


@dataclass(frozen=True)
class TimSakip:
    """Who answers questions about the instrument (shown on the Petunjuk sheet)."""

    nama: str
    kontak: str = ""


@dataclass(frozen=True)
class Kategori:
    label: str
    di_atas: float | None = None


KATEGORI_BAKU: tuple[Kategori, ...] = (
    Kategori("Sangat Baik", 90),
    Kategori("Baik", 80),
    Kategori("Cukup", 60),
    Kategori("Kurang", 50),
    Kategori("Sangat Kurang", None),
)
"""PMK 62/2023 as amended by PMK 107/2024: > 90, > 80, > 60, > 50, otherwise."""


@dataclass(frozen=True)
class Anggaran:
    pagu: float
    rpd: tuple[float, ...]

    def rpd_sampai(self, bulan: int) -> float:
        """Planned disbursement from January up to and including ``bulan``."""
        return sum(self.rpd[:bulan])


@dataclass(frozen=True)
class Tim:
    kode: str
    nama: str
    ketua: Orang
    anggaran: Anggaran | None = None


@dataclass(frozen=True)
class Batas:
    min: float | None = None
    maks: float | None = None


@dataclass(frozen=True)
class Indikator:
    kode: str
    uraian: str
    satuan: str
    tim: str
    arah: Arah
    agregasi: Agregasi
    target: float
    target_triwulan: tuple[float, float, float, float]
    sasaran: str
    rumus_turun: RumusTurun = "selisih"
    target_bulanan: tuple[float, ...] | None = None
    pembilang: str | None = None
    penyebut: str | None = None
    batas: Batas | None = None
    wajib_bukti: bool = False
    target_renstra: float | None = None
    """Target at the end of the Renstra period (SPEC section 16), if any."""
    realisasi_tahun_lalu: float | None = None
    """Last year's (year-end) realisation, if known (SPEC section 16)."""
    desimal: int | None = None
    """Decimals shown for this indicator's targets and realisations (display only;
    computation stays exact). None = :attr:`angka_desimal` chooses."""

    @property
    def persen(self) -> bool:
        return self.satuan.strip().lower() in ("persen", "%", "persentase")

    @property
    def angka_desimal(self) -> int:
        """Decimals to show: ``desimal`` when configured; else counts (``orang``,
        ``sekolah``, ``dokumen``, ``kegiatan``, ``lembaga`` ...) and rupiah show the
        decimals their configured targets use (usually 0: a monthly target of 533,33
        schools shows as 533), percentages 1 or 2, other units 1 or 2, as the
        configured targets need."""
        if self.desimal is not None:
            return self.desimal
        nilai = (self.target, *self.target_triwulan, *(self.target_bulanan or ()))
        perlu = max(_desimal_perlu(v) for v in nilai)
        kata = set(re.split(r"[\s/,.()-]+", self.satuan.strip().lower()))
        if kata & _SATUAN_CACAH or kata & _SATUAN_UANG:
            return perlu
        return max(1, perlu)

    @property
    def rasio(self) -> bool:
        """True when the team reports a numerator and a denominator."""
        return self.pembilang is not None and self.penyebut is not None


DESIMAL_MAKS = 4
_SATUAN_CACAH = frozenset(
    {
        "orang",
        "sekolah",
        "satuan",
        "dokumen",
        "kegiatan",
        "lembaga",
        "laporan",
        "kabupaten",
        "kota",
        "kab",
        "daerah",
        "pemda",
        "unit",
        "buah",
        "paket",
        "modul",
        "peserta",
        "guru",
        "siswa",
        "murid",
        "berkas",
        "rekomendasi",
        "layanan",
        "kali",
        "instansi",
        "mitra",
        "program",
        "produk",
        "naskah",
        "judul",
        "eksemplar",
        "set",
        "titik",
        "lokasi",
        "desa",
        "provinsi",
        "kelompok",
        "komunitas",
        "aplikasi",
        "sistem",
        "fasilitas",
        "ruang",
        "kelas",
        "pengawas",
        "penilik",
        "kepala",
        "tenaga",
        "pegawai",
        "pendidik",
        "satdik",
        "kanal",
        "inovasi",
        "sertifikat",
        "publikasi",
        "artikel",
        "video",
        "konten",
        "regulasi",
        "kebijakan",
        "perjanjian",
    }
)
"""Words of a ``satuan`` that counts whole things: shown without decimals by default."""
_SATUAN_UANG = frozenset({"rupiah", "rp", "juta", "miliar", "ribu"})


def _desimal_perlu(x: float) -> int:
    """Decimals ``x`` needs (at most 2): 80 → 0, 12.5 → 1, 33.33 → 2."""
    for n in range(3):
        if abs(round(x, n) - x) < 1e-9:
            return n
    return 2


@dataclass(frozen=True)
class Renstra:
    """The Rencana Strategis period the ``target_renstra`` values belong to."""

    awal: int
    akhir: int


@dataclass(frozen=True)
class Sasaran:
    kode: str
    uraian: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True)
class Konfigurasi:
    versi: int
    satker: Satker
    tahun: int
    batas_tanggal: int
    tim: tuple[Tim, ...]
    sasaran: tuple[Sasaran, ...]
    kategori: tuple[Kategori, ...] = KATEGORI_BAKU
    capaian_maksimum: float | None = None
    tim_sakip: TimSakip | None = None
    renstra: Renstra | None = None
    pengirim: Pengirim | None = None
    smtp: Smtp | None = None
    _indeks_indikator: dict[str, Indikator] = field(default_factory=dict, compare=False, repr=False)
    _per_tim: dict[str, tuple[Indikator, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self._indeks_indikator.update({i.kode: i for s in self.sasaran for i in s.indikator})
        kelompok: dict[str, list[Indikator]] = {}
        for s in self.sasaran:
            for i in s.indikator:
                kelompok.setdefault(i.tim, []).append(i)
        self._per_tim.update({k: tuple(v) for k, v in kelompok.items()})

    @property
    def indikator(self) -> tuple[Indikator, ...]:
        return tuple(i for s in self.sasaran for i in s.indikator)

    def cari_indikator(self, kode: str) -> Indikator | None:
        return self._indeks_indikator.get(kode)

    def cari_tim(self, kode: str) -> Tim | None:
        return next((t for t in self.tim if t.kode == kode), None)

    def cari_sasaran(self, kode: str) -> Sasaran | None:
        return next((s for s in self.sasaran if s.kode == kode), None)

    def indikator_tim(self, kode_tim: str) -> tuple[Indikator, ...]:
        return self._per_tim.get(kode_tim, ())

    def tim_berindikator(self) -> tuple[Tim, ...]:
        """Teams that own indicators: the ones expected to submit every month."""
        pemilik = {i.tim for i in self.indikator}
        return tuple(t for t in self.tim if t.kode in pemilik)

    def batas_pengumpulan(self, periode: Periode) -> Any:
        """Deadline date of ``periode``."""
        return periode.batas(self.batas_tanggal)

    def kategori_untuk(self, capaian: float | None) -> str | None:
        """Category label of a capaian percentage (``> di_atas`` of the first that fits)."""
        if capaian is None or capaian != capaian:
            return None
        for kat in self.kategori:
            if kat.di_atas is None or capaian > kat.di_atas:
                return kat.label
        return self.kategori[-1].label

    def sidik_jari_tim(self, kode_tim: str) -> str:
        """Fingerprint of a team's indicator list and targets (stored in instruments)."""
        isi = [
            {
                "kode": i.kode,
                "satuan": i.satuan,
                "arah": i.arah,
                "rumus_turun": i.rumus_turun,
                "agregasi": i.agregasi,
                "target": i.target,
                "target_triwulan": list(i.target_triwulan),
                "target_bulanan": list(i.target_bulanan) if i.target_bulanan else None,
                "rasio": i.rasio,
            }
            for i in self.indikator_tim(kode_tim)
        ]
        teks = json.dumps(isi, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(teks.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- YAML


class _Penanda:
    """Line numbers by path, filled while the YAML nodes are turned into Python."""

    def __init__(self) -> None:
        self.baris: dict[str, int] = {}
        self.masalah: list[MasalahKonfigurasi] = []


def _gabung(jalur: str, kunci: str | int) -> str:
    if isinstance(kunci, int):
        return f"{jalur}[{kunci}]"
    return f"{jalur}.{kunci}" if jalur else kunci


_TAG_TEKS = "tag:yaml.org,2002:str"


_TAG_BILANGAN = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
MAKS_KEDALAMAN = 64
"""Nesting a real kinerja.yaml never needs (it uses 6 levels)."""
MAKS_SIMPUL_ALIAS = 10_000
"""Nodes that aliases (``*nama``) may add when expanded, at least."""
KALI_SIMPUL_ALIAS = 1
"""Beyond that, aliases may add at most this many times the nodes written out in the
file so far, so expanding costs at most what reading the file itself costs. A
configuration reusing a block with ``&persen`` / ``*persen`` in every indicator adds
a fraction of it; a billion-laughs bomb of a kilobyte needs a billion nodes."""
MAKS_PANJANG_ANGKA = 100
"""Characters of a number in the YAML, checked before it is converted (a 5,000-digit
integer costs seconds, or fails, in ``int()``)."""


class _YamlJahat(Exception):
    """A YAML structure no configuration needs (alias bomb, recursive alias, absurd
    nesting or number): reported as one configuration error, nothing else is checked."""

    def __init__(self, pesan: str, baris: int) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.baris = baris


class _Jelajah:
    """State of one walk over the composed YAML graph: the nodes on the current path
    (an alias back into them is recursive), the nodes already expanded (a second visit
    is an alias) and how many nodes aliases have added so far."""

    def __init__(self) -> None:
        self.jalan: set[int] = set()
        self.dilihat: set[int] = set()
        self.simpul_alias = 0
        self.simpul_tertulis = 0
        self.dalam_alias = 0


def _ke_python(
    loader: yaml.SafeLoader,
    node: _Simpul,
    jalur: str,
    penanda: _Penanda,
    jelajah: _Jelajah | None = None,
    baris_rujukan: int | None = None,
) -> Any:
    baris = node.start_mark.line + 1
    penanda.baris.setdefault(jalur, baris)
    if node.id == "scalar" and node.tag == _TAG_TEKS:
        return node.value  # what the safe constructor makes of a string, without its dispatch
    if jelajah is None:
        jelajah = _Jelajah()
    if node.id == "scalar":
        if node.tag in _TAG_BILANGAN and len(node.value) > MAKS_PANJANG_ANGKA:
            raise _YamlJahat(
                f"{jalur or 'nilai'}: angka {len(node.value)} karakter terlalu panjang "
                f"(paling banyak {MAKS_PANJANG_ANGKA}); tulis angka yang sebenarnya",
                baris,
            )
        return loader.construct_object(node, deep=True)
    kunci_id = id(node)
    tempat = baris_rujukan or baris
    if kunci_id in jelajah.jalan:
        raise _YamlJahat(
            f"{jalur or 'nilai'}: alias (*nama) merujuk ke dirinya sendiri atau ke blok yang "
            "memuatnya (alias rekursif); tulis isinya langsung",
            tempat,
        )
    if len(jelajah.jalan) >= MAKS_KEDALAMAN:
        raise _YamlJahat(
            f"{jalur[:60] or 'nilai'}…: bersarang lebih dari {MAKS_KEDALAMAN} tingkat; "
            "kinerja.yaml tidak memerlukan sedalam itu",
            baris,
        )
    alias = kunci_id in jelajah.dilihat
    jelajah.dilihat.add(kunci_id)
    jelajah.jalan.add(kunci_id)
    jelajah.dalam_alias += alias
    try:
        if not jelajah.dalam_alias:
            jelajah.simpul_tertulis += len(node.value) + 1
        else:
            jelajah.simpul_alias += len(node.value) + 1
            batas = max(MAKS_SIMPUL_ALIAS, KALI_SIMPUL_ALIAS * jelajah.simpul_tertulis)
            if jelajah.simpul_alias > batas:
                raise _YamlJahat(
                    f"{jalur or 'nilai'}: alias (*nama) mengembang menjadi lebih dari "
                    f"{batas:,} nilai (bom alias); tulis isinya langsung".replace(",", "."),
                    tempat,
                )
        return _isi_koleksi(loader, node, jalur, penanda, jelajah)
    finally:
        jelajah.jalan.discard(kunci_id)
        jelajah.dalam_alias -= alias


def _isi_koleksi(
    loader: yaml.SafeLoader, node: _Simpul, jalur: str, penanda: _Penanda, jelajah: _Jelajah
) -> Any:
    if node.id == "mapping":
        hasil: dict[str, Any] = {}
        for kunci_node, nilai_node in node.value:
            if kunci_node.id != "scalar":
                raise _YamlJahat(
                    f"{jalur or 'akar berkas'}: kunci harus berupa teks, bukan daftar atau "
                    "pemetaan",
                    kunci_node.start_mark.line + 1,
                )
            kunci = _ke_python(loader, kunci_node, jalur, penanda, jelajah)
            kunci_teks = str(kunci)
            anak = _gabung(jalur, kunci_teks)
            baris = kunci_node.start_mark.line + 1
            if kunci_teks in hasil:
                penanda.masalah.append(
                    MasalahKonfigurasi(
                        anak,
                        f"kunci {kunci_teks!r} ditulis dua kali; hapus salah satunya",
                        baris,
                    )
                )
                continue
            penanda.baris[anak] = baris
            hasil[kunci_teks] = _ke_python(loader, nilai_node, anak, penanda, jelajah, baris)
        return hasil
    baris_daftar = node.start_mark.line + 1
    return [
        _ke_python(loader, anak, _gabung(jalur, i), penanda, jelajah, baris_daftar)
        for i, anak in enumerate(node.value)
    ]


def _baca_yaml(teks: str, penanda: _Penanda) -> Any:
    import yaml

    pemuat: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml
    loader = pemuat(teks)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _ke_python(loader, cast("_Simpul", node), "", penanda)
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- YAML errors

_SARAN_YAML = "periksa indentasi (spasi, bukan tab), titik dua dan tanda kutip"

_MASALAH_YAML: tuple[tuple[str, str], ...] = (
    ("expected ',' or ']'", "daftar dalam kurung siku [ ] tidak ditutup dengan benar"),
    ("expected ',' or '}'", "pemetaan dalam kurung kurawal { } tidak ditutup dengan benar"),
    (
        "mapping values are not allowed",
        "titik dua tidak boleh di sini: teks yang berisi ': ' harus diberi tanda kutip, "
        "atau kunci di baris ini salah indentasi",
    ),
    ("expected ':'", "titik dua (:) sesudah kunci tidak ditemukan"),
    ("tab character", "karakter tab dipakai untuk indentasi; pakai spasi"),
    (
        "cannot start any token",
        "ada karakter yang tidak boleh memulai nilai di sini (sering kali tab, @ atau `); "
        "beri tanda kutip pada teksnya",
    ),
    ("end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    ("expected '-' indicator", "baris ini tidak sejajar dengan butir daftar ('- ') di atasnya"),
    (
        "expected key",
        "indentasi tidak sesuai: kunci di baris ini tidak sejajar dengan kunci di atasnya",
    ),
    (
        "expected node content",
        "nilai yang diharapkan tidak ada (mis. tanda '-' atau ',' berlebih, atau kurung "
        "yang tidak berpasangan)",
    ),
    ("undefined alias", "alias (*nama) merujuk ke jangkar (&nama) yang tidak ada"),
    ("second occurrence", "jangkar (&nama) yang sama dipakai dua kali"),
    (
        "unknown escape character",
        "urutan garis miring terbalik tidak dikenal di dalam tanda kutip ganda; tulis \\\\ "
        "atau pakai tanda kutip tunggal",
    ),
    ("another document", "berkas berisi lebih dari satu dokumen (---); tulis satu saja"),
    (
        "entries are not allowed",
        "butir daftar ('- ') tidak boleh di sini; periksa indentasinya",
    ),
    ("constructor for the tag", "tag YAML (!...) tidak dikenal; hapus tag itu"),
    ("tag handle", "tag YAML (!...) tidak dikenal; hapus tag itu"),
    ("control character", "berkas berisi karakter kendali yang tidak terlihat; hapus karakter itu"),
    (
        "special characters are not allowed",
        "berkas berisi karakter kendali yang tidak terlihat; hapus karakter itu",
    ),
    (
        "unacceptable character",
        "berkas berisi karakter kendali yang tidak terlihat; hapus karakter itu",
    ),
)
"""PyYAML's (libyaml's) English problem texts, by a part of them, and what to say."""


def _masalah_yaml(exc: yaml.MarkedYAMLError) -> MasalahKonfigurasi:
    """A YAML syntax error as one Indonesian problem with its line and column (PyYAML's
    English is not shown)."""
    tanda = exc.problem_mark or exc.context_mark
    teks = f"{exc.problem or ''} {exc.context or ''}"
    arti = next((f": {id_}" for en, id_ in _MASALAH_YAML if en in teks), "")
    return MasalahKonfigurasi(
        "",
        f"penulisan YAML tidak sah{arti}; {_SARAN_YAML}",
        tanda.line + 1 if tanda is not None else None,
        tanda.column + 1 if tanda is not None else None,
    )


# --------------------------------------------------------------------------- checks


class _Pemeriksa:
    def __init__(self, penanda: _Penanda) -> None:
        self.penanda = penanda

    def salah(self, jalur: str, pesan: str) -> None:
        baris = self.penanda.baris.get(jalur)
        induk = jalur
        while baris is None and induk:
            induk = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", induk)
            if induk == jalur:
                break
            baris = self.penanda.baris.get(induk)
        self.penanda.masalah.append(MasalahKonfigurasi(jalur, pesan, baris))

    def peta(
        self,
        data: Any,
        jalur: str,
        wajib: Iterable[str],
        opsional: Iterable[str] = (),
    ) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.salah(jalur, f"harus berupa pemetaan (kunci: nilai), bukan {_jenis(data)}")
            return None
        wajib, opsional = tuple(wajib), tuple(opsional)
        dikenal = wajib + opsional
        for kunci in data:
            if kunci not in dikenal:
                mirip = difflib.get_close_matches(kunci, dikenal, n=1)
                saran = (
                    f"; maksudnya {mirip[0]!r}?"
                    if mirip
                    else f"; kunci yang dikenal: {', '.join(dikenal)}"
                )
                self.salah(_gabung(jalur, kunci), f"kunci {kunci!r} tidak dikenal{saran}")
        for kunci in wajib:
            if kunci not in data or data[kunci] is None:
                self.salah(_gabung(jalur, kunci), f"kunci {kunci!r} wajib diisi")
        return data

    def teks(self, data: dict[str, Any], kunci: str, jalur: str, wajib: bool = True) -> str | None:
        nilai = data.get(kunci)
        if nilai is None:
            return None
        if isinstance(nilai, bool) or not isinstance(nilai, str | int | float):
            self.salah(_gabung(jalur, kunci), f"harus berupa teks, bukan {_jenis(nilai)}")
            return None
        teks = str(nilai).strip()
        kendali = _KENDALI.search(teks)
        if kendali:
            self.salah(
                _gabung(jalur, kunci),
                f"berisi karakter kendali yang tidak terlihat ({kendali.group()!r}); "
                "hapus karakter itu",
            )
            return None
        if wajib and not teks:
            self.salah(_gabung(jalur, kunci), "tidak boleh kosong")
            return None
        return teks

    def kode(self, data: dict[str, Any], kunci: str, jalur: str) -> str | None:
        teks = self.teks(data, kunci, jalur)
        if teks is not None and not _POLA_KODE.match(teks):
            self.salah(
                _gabung(jalur, kunci),
                f"kode {teks!r} hanya boleh huruf, angka, titik, garis bawah dan tanda hubung "
                "(maks. 40 karakter, tanpa spasi), mis. IKK-1.1",
            )
            return None
        return teks

    def bulat(
        self, data: dict[str, Any], kunci: str, jalur: str, minimum: int, maksimum: int
    ) -> int | None:
        nilai = data.get(kunci)
        if nilai is None:
            return None
        if isinstance(nilai, bool) or not isinstance(nilai, int):
            self.salah(_gabung(jalur, kunci), f"harus bilangan bulat, bukan {nilai!r}")
            return None
        if not minimum <= nilai <= maksimum:
            self.salah(
                _gabung(jalur, kunci), f"harus antara {minimum} dan {maksimum}, bukan {nilai}"
            )
            return None
        return nilai

    def angka(
        self,
        nilai: Any,
        jalur: str,
        uang: bool = False,
        minimum: float | None = 0.0,
    ) -> float | None:
        if nilai is None:
            self.salah(jalur, "wajib diisi dengan angka")
            return None
        if isinstance(nilai, bool) or not isinstance(nilai, str | int | float):
            self.salah(jalur, f"harus berupa angka, bukan {_jenis(nilai)}")
            return None
        hasil = baca_angka(nilai, uang=uang)
        if hasil.nilai is None:
            alasan = hasil.masalah or "kosong"
            contoh = '"1.250.000.000" atau 1250000000' if uang else "80 atau 12,5"
            self.salah(jalur, f"harus berupa angka ({alasan}); contoh: {contoh}")
            return None
        if minimum is not None and hasil.nilai < minimum:
            self.salah(jalur, f"tidak boleh kurang dari {minimum:g}, bukan {hasil.nilai:g}")
            return None
        return hasil.nilai

    def daftar_angka(
        self, data: dict[str, Any], kunci: str, jalur: str, jumlah: int, uang: bool = False
    ) -> tuple[float, ...] | None:
        nilai = data.get(kunci)
        if nilai is None:
            return None
        tempat = _gabung(jalur, kunci)
        if not isinstance(nilai, list):
            self.salah(tempat, f"harus berupa daftar {jumlah} angka, mis. [20, 40, 60, 80]")
            return None
        if len(nilai) != jumlah:
            self.salah(tempat, f"harus berisi tepat {jumlah} angka, bukan {len(nilai)}")
            return None
        hasil = [self.angka(v, _gabung(tempat, i), uang=uang) for i, v in enumerate(nilai)]
        if any(h is None for h in hasil):
            return None
        return tuple(cast(float, h) for h in hasil)

    def pilihan(
        self, data: dict[str, Any], kunci: str, jalur: str, pilihan: tuple[str, ...]
    ) -> str | None:
        nilai = data.get(kunci)
        if nilai is None:
            return None
        if nilai not in pilihan:
            self.salah(
                _gabung(jalur, kunci),
                f"{nilai!r} tidak dikenal; pilih salah satu: {', '.join(pilihan)}",
            )
            return None
        return cast(str, nilai)

    def benar_salah(self, data: dict[str, Any], kunci: str, jalur: str) -> bool | None:
        nilai = data.get(kunci)
        if nilai is None:
            return None
        if not isinstance(nilai, bool):
            self.salah(_gabung(jalur, kunci), f"harus true atau false, bukan {nilai!r}")
            return None
        return nilai

    def daftar(self, data: dict[str, Any], kunci: str, jalur: str) -> list[Any]:
        nilai = data.get(kunci)
        if nilai is None:
            return []
        if not isinstance(nilai, list):
            self.salah(_gabung(jalur, kunci), f"harus berupa daftar (- ...), bukan {_jenis(nilai)}")
            return []
        return nilai


def _jenis(nilai: Any) -> str:
    if nilai is None:
        return "kosong"
    if isinstance(nilai, bool):
        return "benar/salah"
    if isinstance(nilai, dict):
        return "pemetaan"
    if isinstance(nilai, list):
        return "daftar"
    if isinstance(nilai, int | float):
        return f"angka {nilai!r}"
    return f"teks {str(nilai)!r}"


def _orang(p: _Pemeriksa, data: Any, jalur: str, kontak: bool = False) -> Orang | None:
    """A person; with ``kontak`` (a team leader) also ``surel`` and ``telepon``."""
    peta = p.peta(data, jalur, ("nama",), ("nip", "surel", "telepon") if kontak else ("nip",))
    if peta is None:
        return None
    nama = p.teks(peta, "nama", jalur)
    nip = p.teks(peta, "nip", jalur, wajib=False) or ""
    if nip and not re.fullmatch(r"\d{18}", nip.replace(" ", "")):
        p.salah(
            _gabung(jalur, "nip"), f"NIP harus 18 angka, bukan {nip!r} (tulis dalam tanda kutip)"
        )
    surel = telepon = ""
    if kontak:
        surel = _surel(p, peta, jalur) or ""
        mentah = p.teks(peta, "telepon", jalur, wajib=False)
        if mentah:
            try:
                telepon = normalisasi_telepon(mentah)
            except ValueError as exc:
                p.salah(_gabung(jalur, "telepon"), str(exc))
    return Orang(nama, nip, surel, telepon) if nama else None


_POLA_SUREL = re.compile(
    r"^[^@\s<>(),;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


def _surel(p: _Pemeriksa, peta: dict[str, Any], jalur: str) -> str | None:
    surel = p.teks(peta, "surel", jalur, wajib=False)
    if surel and not _POLA_SUREL.match(surel):
        p.salah(
            _gabung(jalur, "surel"),
            f"alamat surel {surel!r} tidak sah; tulis satu alamat saja, mis. nama@kemdikbud.go.id",
        )
        return None
    return surel or None


_PEMISAH_TELEPON = re.compile(r"[\s.\-()/]")


def normalisasi_telepon(teks: str | int) -> str:
    """An Indonesian phone number as ``62…`` digits (the form wa.me links need).

    Accepts ``0812…``, ``+62 812-…``, ``62812…`` and ``(0721) 123456``, with spaces,
    dots, hyphens or parentheses between the digits. Raises ValueError with an
    Indonesian message saying what is wrong and what would be right.

    Contoh: ``normalisasi_telepon("0812-3456-789") == "628123456789"``.
    """
    asli = str(teks).strip()
    angka = _PEMISAH_TELEPON.sub("", asli)
    if angka.startswith("+"):
        angka = angka[1:]
        if not angka.startswith("62"):
            raise ValueError(
                f"nomor telepon {asli!r} bukan nomor Indonesia (+62); tulis mis. 0812-3456-789"
            )
    if not angka.isdigit() or not angka.isascii():
        raise ValueError(
            f"nomor telepon {asli!r} hanya boleh berisi angka (dengan spasi atau tanda hubung "
            "sebagai pemisah), mis. 0812-3456-789 atau +62 812-3456-789"
        )
    if angka.startswith("62"):
        nasional = angka[2:]
        if nasional.startswith("0"):
            nasional = nasional[1:]  # +62 (0)812…: the trunk 0 kept after the country code
    elif angka.startswith("0"):
        nasional = angka[1:]
    else:
        raise ValueError(f"nomor telepon {asli!r} harus diawali 0, 62 atau +62, mis. 0812-3456-789")
    if not nasional or nasional[0] == "0" or not 8 <= len(nasional) <= 12:
        raise ValueError(
            f"nomor telepon {asli!r} tidak lengkap atau terlalu panjang: sesudah 0 harus ada "
            "8 sampai 12 angka, mis. 0812-3456-789"
        )
    return "62" + nasional


def _satker(p: _Pemeriksa, data: Any) -> Satker | None:
    peta = p.peta(data, "satker", ("nama", "kepala", "kasubbag_umum"), ("kop", "alamat", "kota"))
    if peta is None:
        return None
    nama = p.teks(peta, "nama", "satker")
    kepala = _orang(p, peta.get("kepala"), "satker.kepala") if "kepala" in peta else None
    kasubbag = (
        _orang(p, peta.get("kasubbag_umum"), "satker.kasubbag_umum")
        if "kasubbag_umum" in peta
        else None
    )
    kop: list[str] = []
    for i, baris in enumerate(p.daftar(peta, "kop", "satker")):
        if not isinstance(baris, str) or not baris.strip():
            p.salah(f"satker.kop[{i}]", "setiap baris kop harus berupa teks yang tidak kosong")
        elif _KENDALI.search(baris):
            p.salah(f"satker.kop[{i}]", "berisi karakter kendali yang tidak terlihat; hapus")
        else:
            kop.append(baris.strip())
    alamat = p.teks(peta, "alamat", "satker", wajib=False) or ""
    kota = p.teks(peta, "kota", "satker", wajib=False) or ""
    if nama and kepala and kasubbag:
        return Satker(nama, kepala, kasubbag, tuple(kop), alamat, kota)
    return None


def _kategori(p: _Pemeriksa, data: Any) -> tuple[Kategori, ...] | None:
    if not isinstance(data, list) or len(data) < 2:
        p.salah(
            "kategori", "harus berupa daftar minimal 2 kategori, mis. - {label: Baik, di_atas: 80}"
        )
        return None
    hasil: list[Kategori] = []
    sebelumnya: float | None = None
    label_ada: set[str] = set()
    for i, item in enumerate(data):
        jalur = f"kategori[{i}]"
        peta = p.peta(item, jalur, ("label",), ("di_atas",))
        if peta is None:
            continue
        label = p.teks(peta, "label", jalur)
        terakhir = i == len(data) - 1
        di_atas: float | None = None
        if "di_atas" in peta:
            di_atas = p.angka(peta["di_atas"], _gabung(jalur, "di_atas"), minimum=None)
            if terakhir:
                p.salah(
                    _gabung(jalur, "di_atas"),
                    "kategori terakhir tidak memakai di_atas: ia menampung semua nilai di bawahnya",
                )
        elif not terakhir:
            p.salah(
                _gabung(jalur, "di_atas"), "wajib diisi untuk setiap kategori kecuali yang terakhir"
            )
        if di_atas is not None and sebelumnya is not None and di_atas >= sebelumnya:
            p.salah(
                _gabung(jalur, "di_atas"),
                f"harus lebih kecil dari batas kategori sebelumnya ({sebelumnya:g}); "
                "urutkan kategori dari tertinggi ke terendah",
            )
        if di_atas is not None:
            sebelumnya = di_atas
        if label:
            if label in label_ada:
                p.salah(_gabung(jalur, "label"), f"label {label!r} dipakai dua kali")
            label_ada.add(label)
            hasil.append(Kategori(label, None if terakhir else di_atas))
    return tuple(hasil) if len(hasil) == len(data) else None


def _anggaran(p: _Pemeriksa, data: Any, jalur: str) -> Anggaran | None:
    peta = p.peta(data, jalur, ("pagu", "rpd"))
    if peta is None:
        return None
    pagu = p.angka(peta["pagu"], _gabung(jalur, "pagu"), uang=True) if "pagu" in peta else None
    rpd = p.daftar_angka(peta, "rpd", jalur, 12, uang=True)
    if pagu is not None and pagu <= 0:
        p.salah(_gabung(jalur, "pagu"), "pagu harus lebih dari 0")
        return None
    if pagu is not None and rpd is not None:
        if sum(rpd) > pagu + 0.5:
            p.salah(
                _gabung(jalur, "rpd"),
                f"jumlah RPD 12 bulan ({sum(rpd):,.0f}) melebihi pagu ({pagu:,.0f}); "
                "periksa kembali angka RPD".replace(",", "."),
            )
            return None
        return Anggaran(pagu, rpd)
    return None


NAMA_CADANGAN_WINDOWS = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{awal}{n}" for awal in ("COM", "LPT") for n in range(1, 10)}
)
"""File names Windows reserves for devices, with any extension (``NUL.txt`` too)."""


def _nama_berkas_windows(kode: str) -> str:
    """What Windows makes of a file name starting with ``kode``: trailing dots and
    spaces dropped, case ignored."""
    return kode.rstrip(". ").casefold()


def _masalah_kode_tim(kode: str) -> str | None:
    """Why a team code cannot be a file name on the office's Windows laptops (the
    instruments are written as ``<KODE>_2022-06.xlsx``), or None."""
    dasar = kode.split(".")[0].rstrip(" ").upper()
    if dasar in NAMA_CADANGAN_WINDOWS:
        return (
            f"kode tim {kode!r} adalah nama perangkat yang dicadangkan Windows ({dasar}); "
            f"berkas instrumennya tidak dapat dibuat di Windows. Pakai kode lain, mis. T{dasar}"
        )
    if kode != kode.rstrip(". "):
        return (
            f"kode tim {kode!r} berakhir dengan titik; Windows membuangnya dari nama berkas. "
            "Hapus titik di akhir kode"
        )
    return None


def _tim(p: _Pemeriksa, data: list[Any]) -> list[Tim]:
    hasil: list[Tim] = []
    kode_ada: dict[str, int] = {}
    kode_berkas: dict[str, tuple[int, str]] = {}
    for i, item in enumerate(data):
        jalur = f"tim[{i}]"
        peta = p.peta(item, jalur, ("kode", "nama", "ketua"), ("anggaran",))
        if peta is None:
            continue
        kode = p.kode(peta, "kode", jalur)
        nama = p.teks(peta, "nama", jalur)
        ketua = (
            _orang(p, peta.get("ketua"), f"{jalur}.ketua", kontak=True) if "ketua" in peta else None
        )
        anggaran = (
            _anggaran(p, peta["anggaran"], f"{jalur}.anggaran")
            if peta.get("anggaran") is not None
            else None
        )
        if kode is not None:
            if kode in kode_ada:
                p.salah(
                    f"{jalur}.kode",
                    f"kode tim {kode!r} sudah dipakai oleh tim[{kode_ada[kode]}]; kode tim harus unik",
                )
                continue
            kode_ada[kode] = i
            masalah = _masalah_kode_tim(kode)
            if masalah is not None:
                p.salah(f"{jalur}.kode", masalah)
                continue
            sama = kode_berkas.get(_nama_berkas_windows(kode))
            if sama is not None:
                p.salah(
                    f"{jalur}.kode",
                    f"kode tim {kode!r} hanya berbeda huruf besar/kecil dari {sama[1]!r} "
                    f"(tim[{sama[0]}]); di Windows keduanya menjadi berkas yang sama. "
                    "Pakai kode yang benar-benar berbeda",
                )
                continue
            kode_berkas[_nama_berkas_windows(kode)] = (i, kode)
        if kode and nama and ketua:
            hasil.append(Tim(kode, nama, ketua, anggaran))
    return hasil


_KUNCI_INDIKATOR_WAJIB = (
    "kode",
    "uraian",
    "satuan",
    "tim",
    "arah",
    "agregasi",
    "target",
    "target_triwulan",
)
_KUNCI_INDIKATOR_OPSIONAL = (
    "rumus_turun",
    "target_bulanan",
    "pembilang",
    "penyebut",
    "batas",
    "wajib_bukti",
    "target_renstra",
    "realisasi_tahun_lalu",
    "desimal",
)


def _tidak_turun(p: _Pemeriksa, nilai: tuple[float, ...], jalur: str) -> None:
    for k in range(1, len(nilai)):
        if nilai[k] < nilai[k - 1]:
            p.salah(
                f"{jalur}[{k}]",
                f"indikator kumulatif: target tidak boleh turun ({nilai[k - 1]:g} lalu "
                f"{nilai[k]:g}); tulis target akumulasi sampai periode itu",
            )
            return


def _batas(p: _Pemeriksa, data: Any, jalur: str) -> Batas | None:
    peta = p.peta(data, jalur, (), ("min", "maks"))
    if peta is None:
        return None
    if "min" not in peta and "maks" not in peta:
        p.salah(jalur, "isi min, maks, atau keduanya, mis. {min: 0, maks: 100}")
        return None
    bawah = p.angka(peta["min"], f"{jalur}.min", minimum=None) if "min" in peta else None
    atas = p.angka(peta["maks"], f"{jalur}.maks", minimum=None) if "maks" in peta else None
    if bawah is not None and atas is not None and bawah >= atas:
        p.salah(f"{jalur}.maks", f"maks ({atas:g}) harus lebih besar dari min ({bawah:g})")
        return None
    return Batas(bawah, atas)


def _indikator(
    p: _Pemeriksa, item: Any, jalur: str, sasaran: str, kode_tim: set[str]
) -> Indikator | None:
    peta = p.peta(item, jalur, _KUNCI_INDIKATOR_WAJIB, _KUNCI_INDIKATOR_OPSIONAL)
    if peta is None:
        return None
    kode = p.kode(peta, "kode", jalur)
    uraian = p.teks(peta, "uraian", jalur)
    satuan = p.teks(peta, "satuan", jalur)
    tim = p.teks(peta, "tim", jalur)
    if tim is not None and tim not in kode_tim:
        daftar = ", ".join(sorted(kode_tim)) or "(belum ada tim)"
        p.salah(f"{jalur}.tim", f"tim {tim!r} tidak ada di daftar tim; pilih salah satu: {daftar}")
        tim = None
    arah = p.pilihan(peta, "arah", jalur, ARAH)
    agregasi = p.pilihan(peta, "agregasi", jalur, AGREGASI)
    rumus = p.pilihan(peta, "rumus_turun", jalur, RUMUS_TURUN)
    if rumus is not None and arah == "naik":
        p.salah(
            f"{jalur}.rumus_turun", "rumus_turun hanya dipakai bersama arah: turun; hapus kunci ini"
        )
    target = p.angka(peta["target"], f"{jalur}.target") if "target" in peta else None
    triwulan = p.daftar_angka(peta, "target_triwulan", jalur, 4)
    bulanan = p.daftar_angka(peta, "target_bulanan", jalur, 12)
    if agregasi == "kumulatif":
        if triwulan is not None:
            _tidak_turun(p, triwulan, f"{jalur}.target_triwulan")
        if bulanan is not None:
            _tidak_turun(p, bulanan, f"{jalur}.target_bulanan")
    if arah == "turun" and (rumus or "selisih") == "rasio" and target == 0:
        p.salah(f"{jalur}.target", "rumus_turun rasio (T / R) memerlukan target lebih dari 0")
    pembilang = p.teks(peta, "pembilang", jalur)
    penyebut = p.teks(peta, "penyebut", jalur)
    if (pembilang is None) != (penyebut is None):
        kurang = "penyebut" if pembilang is not None else "pembilang"
        p.salah(
            f"{jalur}.{kurang}",
            "pembilang dan penyebut harus diisi keduanya, atau tidak sama sekali",
        )
    batas = _batas(p, peta["batas"], f"{jalur}.batas") if peta.get("batas") is not None else None
    wajib_bukti = p.benar_salah(peta, "wajib_bukti", jalur) or False
    target_renstra = (
        p.angka(peta["target_renstra"], f"{jalur}.target_renstra")
        if peta.get("target_renstra") is not None
        else None
    )
    tahun_lalu = (
        p.angka(peta["realisasi_tahun_lalu"], f"{jalur}.realisasi_tahun_lalu", minimum=None)
        if peta.get("realisasi_tahun_lalu") is not None
        else None
    )
    desimal = p.bulat(peta, "desimal", jalur, 0, DESIMAL_MAKS)
    if None in (kode, uraian, satuan, tim, arah, agregasi, target, triwulan):
        return None
    if (pembilang is None) != (penyebut is None):
        return None
    assert triwulan is not None and target is not None
    return Indikator(
        kode=cast(str, kode),
        uraian=cast(str, uraian),
        satuan=cast(str, satuan),
        tim=cast(str, tim),
        arah=cast(Arah, arah),
        agregasi=cast(Agregasi, agregasi),
        target=target,
        target_triwulan=(triwulan[0], triwulan[1], triwulan[2], triwulan[3]),
        sasaran=sasaran,
        rumus_turun=cast(RumusTurun, rumus or "selisih"),
        target_bulanan=bulanan,
        pembilang=pembilang,
        penyebut=penyebut,
        batas=batas,
        wajib_bukti=wajib_bukti,
        target_renstra=target_renstra,
        realisasi_tahun_lalu=tahun_lalu,
        desimal=desimal,
    )


def _sasaran(p: _Pemeriksa, data: list[Any], kode_tim: set[str]) -> list[Sasaran]:
    hasil: list[Sasaran] = []
    kode_sasaran: set[str] = set()
    kode_indikator: dict[str, str] = {}
    for i, item in enumerate(data):
        jalur = f"sasaran[{i}]"
        peta = p.peta(item, jalur, ("kode", "uraian", "indikator"))
        if peta is None:
            continue
        kode = p.kode(peta, "kode", jalur)
        uraian = p.teks(peta, "uraian", jalur)
        if kode is not None:
            if kode in kode_sasaran:
                p.salah(f"{jalur}.kode", f"kode sasaran {kode!r} sudah dipakai; kode harus unik")
            kode_sasaran.add(kode)
        daftar = p.daftar(peta, "indikator", jalur)
        if "indikator" in peta and not daftar:
            p.salah(f"{jalur}.indikator", "setiap sasaran memerlukan minimal satu indikator")
        indikator: list[Indikator] = []
        for j, isi in enumerate(daftar):
            tempat = f"{jalur}.indikator[{j}]"
            ind = _indikator(p, isi, tempat, kode or "", kode_tim)
            if ind is None:
                continue
            if ind.kode in kode_indikator:
                p.salah(
                    f"{tempat}.kode",
                    f"kode indikator {ind.kode!r} sudah dipakai di {kode_indikator[ind.kode]}; "
                    "kode indikator harus unik",
                )
                continue
            kode_indikator[ind.kode] = tempat
            indikator.append(ind)
        if kode and uraian:
            hasil.append(Sasaran(kode, uraian, tuple(indikator)))
    return hasil


_KUNCI_AKAR_WAJIB = ("versi", "satker", "tahun", "pengumpulan", "tim", "sasaran")
_KUNCI_AKAR_OPSIONAL = ("kategori", "capaian_maksimum", "tim_sakip", "renstra", "smtp")


def _renstra(p: _Pemeriksa, data: Any, tahun: int | None) -> Renstra | None:
    """``renstra: {awal: 2020, akhir: 2024}``: the Renstra period, containing ``tahun``."""
    peta = p.peta(data, "renstra", ("awal", "akhir"))
    if peta is None:
        return None
    awal = p.bulat(peta, "awal", "renstra", 2000, 2100)
    akhir = p.bulat(peta, "akhir", "renstra", 2000, 2100)
    if awal is None or akhir is None:
        return None
    if awal > akhir:
        p.salah("renstra.akhir", f"tahun akhir Renstra ({akhir}) sebelum tahun awalnya ({awal})")
        return None
    if tahun is not None and not awal <= tahun <= akhir:
        p.salah(
            "renstra",
            f"tahun {tahun} di luar periode Renstra {awal}–{akhir}; perbarui renstra dan "
            "target_renstra ke Renstra yang berlaku",
        )
        return None
    return Renstra(awal, akhir)


def _periksa_renstra(p: _Pemeriksa, data: list[Any], ada_renstra: bool) -> None:
    """``target_renstra`` needs the top-level ``renstra`` period."""
    if ada_renstra:
        return
    for i, item in enumerate(data):
        indikator = item.get("indikator") if isinstance(item, dict) else None
        for j, isi in enumerate(indikator if isinstance(indikator, list) else []):
            if isinstance(isi, dict) and isi.get("target_renstra") is not None:
                p.salah(
                    f"sasaran[{i}].indikator[{j}].target_renstra",
                    "target_renstra memerlukan periode Renstra di tingkat atas, "
                    "mis. renstra: {awal: 2020, akhir: 2024}",
                )


def _pengirim(p: _Pemeriksa, data: Any) -> Pengirim | None:
    jalur = "pengumpulan.pengirim"
    peta = p.peta(data, jalur, ("nama", "surel"))
    if peta is None:
        return None
    nama = p.teks(peta, "nama", jalur)
    surel = _surel(p, peta, jalur)
    return Pengirim(nama, surel) if nama and surel else None


def _smtp(p: _Pemeriksa, data: Any) -> Smtp | None:
    if isinstance(data, dict) and "sandi" in data:
        p.salah(
            "smtp.sandi",
            "sandi SMTP tidak boleh ditulis di kinerja.yaml (berkas ini ikut disalin, diarsipkan "
            f"dan dibaca orang lain); hapus baris ini dan isi variabel lingkungan "
            f"{VARIABEL_SANDI_SMTP} sebelum menjalankan perintah",
        )
        data = {k: v for k, v in data.items() if k != "sandi"}
    peta = p.peta(data, "smtp", ("host",), ("port", "keamanan", "pengguna"))
    if peta is None:
        return None
    host = p.teks(peta, "host", "smtp")
    if host is not None and not re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", host):
        p.salah("smtp.host", f"nama server {host!r} tidak sah; mis. smtp.kemdikbud.go.id")
        host = None
    keamanan = p.pilihan(peta, "keamanan", "smtp", KEAMANAN_SMTP) or "starttls"
    port = p.bulat(peta, "port", "smtp", 1, 65535)
    if "port" in peta and port is None:
        return None
    pengguna = p.teks(peta, "pengguna", "smtp", wajib=False) or ""
    if host is None or ("keamanan" in peta and peta["keamanan"] not in KEAMANAN_SMTP):
        return None
    return Smtp(
        host=host,
        port=port or PORT_BAKU_SMTP[keamanan],
        keamanan=cast(Literal["starttls", "ssl", "tanpa"], keamanan),
        pengguna=pengguna,
    )


def _periksa(data: Any, p: _Pemeriksa) -> Konfigurasi | None:
    akar = p.peta(data, "", _KUNCI_AKAR_WAJIB, _KUNCI_AKAR_OPSIONAL)
    if akar is None:
        return None
    versi = akar.get("versi")
    if versi is not None and versi != 1:
        p.salah("versi", f"versi {versi!r} tidak dikenal; versi yang didukung: 1")
    satker = _satker(p, akar["satker"]) if akar.get("satker") is not None else None
    tahun = p.bulat(akar, "tahun", "", 2000, 2100)
    batas_tanggal: int | None = None
    pengirim: Pengirim | None = None
    if akar.get("pengumpulan") is not None:
        pengumpulan = p.peta(akar["pengumpulan"], "pengumpulan", ("batas_tanggal",), ("pengirim",))
        if pengumpulan is not None:
            batas_tanggal = p.bulat(pengumpulan, "batas_tanggal", "pengumpulan", 1, 31)
            if pengumpulan.get("pengirim") is not None:
                pengirim = _pengirim(p, pengumpulan["pengirim"])
    smtp = _smtp(p, akar["smtp"]) if akar.get("smtp") is not None else None
    kategori = KATEGORI_BAKU
    if akar.get("kategori") is not None:
        kategori = _kategori(p, akar["kategori"]) or KATEGORI_BAKU
    maksimum: float | None = None
    if akar.get("capaian_maksimum") is not None:
        maksimum = p.angka(akar["capaian_maksimum"], "capaian_maksimum")
        if maksimum is not None and maksimum < 100:
            p.salah(
                "capaian_maksimum", f"batas atas capaian minimal 100 (persen), bukan {maksimum:g}"
            )
    tim_sakip: TimSakip | None = None
    if akar.get("tim_sakip") is not None:
        peta_sakip = p.peta(akar["tim_sakip"], "tim_sakip", ("nama",), ("kontak",))
        if peta_sakip is not None:
            nama = p.teks(peta_sakip, "nama", "tim_sakip")
            kontak = p.teks(peta_sakip, "kontak", "tim_sakip", wajib=False) or ""
            tim_sakip = TimSakip(nama, kontak) if nama else None
    daftar_tim = p.daftar(akar, "tim", "")
    if "tim" in akar and not daftar_tim:
        p.salah("tim", "isi minimal satu tim kerja")
    tim = _tim(p, daftar_tim)
    kode_tim = {t.kode for t in tim}
    for item in daftar_tim:
        if isinstance(item, dict) and isinstance(item.get("kode"), str):
            kode_tim.add(item["kode"].strip())
    daftar_sasaran = p.daftar(akar, "sasaran", "")
    if "sasaran" in akar and not daftar_sasaran:
        p.salah("sasaran", "isi minimal satu sasaran dengan indikatornya")
    sasaran = _sasaran(p, daftar_sasaran, kode_tim)
    renstra = _renstra(p, akar["renstra"], tahun) if akar.get("renstra") is not None else None
    _periksa_renstra(p, daftar_sasaran, akar.get("renstra") is not None)
    if p.penanda.masalah:
        return None
    assert satker is not None and tahun is not None and batas_tanggal is not None
    return Konfigurasi(
        versi=1,
        satker=satker,
        tahun=tahun,
        batas_tanggal=batas_tanggal,
        tim=tuple(tim),
        sasaran=tuple(sasaran),
        kategori=kategori,
        capaian_maksimum=maksimum,
        tim_sakip=tim_sakip,
        renstra=renstra,
        pengirim=pengirim,
        smtp=smtp,
    )


def baca_konfigurasi(teks: str, nama_berkas: str = "kinerja.yaml") -> Konfigurasi:
    """Check configuration text completely; raise KonfigurasiError listing every mistake."""
    return _baca_konfigurasi(teks, nama_berkas, simpan=False)[0]


def _baca_konfigurasi(teks: str, nama_berkas: str, simpan: bool) -> tuple[Konfigurasi, str | None]:
    """:func:`baca_konfigurasi`; with ``simpan`` also the YAML data it checked, as JSON
    text (None when the data is not JSON, e.g. an unquoted date)."""
    import yaml

    penanda = _Penanda()
    try:
        data = _baca_yaml(teks, penanda)
    except yaml.MarkedYAMLError as exc:
        raise KonfigurasiError(nama_berkas, [_masalah_yaml(exc)]) from None
    except yaml.YAMLError:
        raise KonfigurasiError(
            nama_berkas,
            [MasalahKonfigurasi("", "penulisan YAML tidak sah; " + _SARAN_YAML)],
        ) from None
    except _YamlJahat as exc:
        raise KonfigurasiError(
            nama_berkas, [MasalahKonfigurasi("", exc.pesan, exc.baris)]
        ) from None
    if data is None:
        raise KonfigurasiError(
            nama_berkas,
            [
                MasalahKonfigurasi(
                    "",
                    f"{nama_berkas} kosong (tidak berisi apa pun selain komentar atau spasi); "
                    "isi konfigurasi satuan kerja, tim dan indikator, atau mulai dari contoh "
                    "yang dibuat `kinerja init FOLDER_BARU`",
                )
            ],
        )
    salinan: str | None = None
    if simpan:
        try:
            salinan = json.dumps(data, ensure_ascii=False)  # before the checks touch it
        except (TypeError, ValueError):
            salinan = None  # not cacheable, checked all the same
    pemeriksa = _Pemeriksa(penanda)
    hasil = _periksa(data, pemeriksa)
    if penanda.masalah or hasil is None:
        urut = sorted(penanda.masalah, key=lambda m: (m.baris or 0, m.jalur))
        raise KonfigurasiError(nama_berkas, urut)
    return hasil, salinan


# --------------------------------------------------------------------------- cache

VERSI_CACHE = 1


def berkas_cache(berkas: Path) -> Path:
    """Where the parsed form of a checked ``kinerja.yaml`` is kept (beside it, hidden)."""
    return berkas.with_name(f".{berkas.name}.cache.json")


def _pyyaml_terpasang() -> str:
    """The installed PyYAML, without importing it (that alone costs about as much as the
    rest of a cached load): the path, size and modification time of its module file,
    which an upgrade or reinstall changes."""
    spec = importlib.util.find_spec("yaml")
    if spec is None or spec.origin is None:
        return "-"
    try:
        info = os.stat(spec.origin)
    except OSError:
        return spec.origin
    return f"{spec.origin}|{info.st_size}|{info.st_mtime_ns}"


def _kunci_cache(mentah: bytes) -> str:
    """The file's exact bytes, this tool's version and the installed PyYAML: any change
    is a miss."""
    from . import __version__

    kunci = hashlib.sha256(mentah)
    kunci.update(f"|{VERSI_CACHE}|{__version__}|{_pyyaml_terpasang()}".encode())
    return kunci.hexdigest()


def _baca_cache(berkas: Path, kunci: str) -> Any:
    """The YAML data cached for exactly these bytes, or None."""
    try:
        isi = json.loads(berkas_cache(berkas).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # a cache file someone else wrote
        return None
    if not isinstance(isi, dict) or isi.get("kunci") != kunci:
        return None
    return isi.get("data")


def _tulis_cache(berkas: Path, kunci: str, data_json: str) -> None:
    """Keep the data of a checked configuration; a folder that cannot be written only
    means no cache (the temporary file is renamed into place, never half-written)."""
    tujuan = berkas_cache(berkas)
    sementara = tujuan.with_name(f"{tujuan.name}.{os.getpid()}.tmp")
    try:
        sementara.write_text(
            f'{{"kunci": {json.dumps(kunci)}, "data": {data_json}}}', encoding="utf-8"
        )
        os.replace(sementara, tujuan)
    except OSError:
        sementara.unlink(missing_ok=True)


def muat_konfigurasi(berkas: Path, cache: bool = False) -> Konfigurasi:
    """Read and check ``kinerja.yaml`` from disk.

    Parsing YAML is most of the cost (about 1 s for 6,000 indicators; the checks take
    a fifth of that). With ``cache`` (a workspace's own configuration) the parsed data
    of a configuration that passed is kept beside it, keyed by the file's exact bytes.
    The checks run on every load all the same; a configuration with a mistake is never
    cached, and is always parsed again so that every message can name its line."""
    try:
        mentah = berkas.read_bytes()
    except OSError as exc:
        raise KonfigurasiError(
            str(berkas), [MasalahKonfigurasi("", f"tidak dapat dibaca: {exc.strerror}")]
        ) from None
    try:
        teks = mentah.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KonfigurasiError(
            str(berkas),
            [
                MasalahKonfigurasi(
                    "",
                    f"bukan teks UTF-8 (bita ke-{exc.start}); simpan ulang sebagai UTF-8",
                    mentah[: exc.start].count(b"\n") + 1,
                )
            ],
        ) from None
    if not cache:
        return baca_konfigurasi(teks, berkas.name)
    kunci = _kunci_cache(mentah)
    data = _baca_cache(berkas, kunci)
    if data is not None:
        penanda = _Penanda()
        hasil = _periksa(data, _Pemeriksa(penanda))
        if hasil is not None and not penanda.masalah:
            return hasil
    hasil, salinan = _baca_konfigurasi(teks, berkas.name, simpan=True)
    if salinan is not None:
        _tulis_cache(berkas, kunci, salinan)
    return hasil


def ringkas(konfigurasi: Konfigurasi) -> Mapping[str, Any]:
    """The summary `kinerja cek` prints (also as JSON)."""
    return {
        "satker": konfigurasi.satker.nama,
        "tahun": konfigurasi.tahun,
        "batas_tanggal": konfigurasi.batas_tanggal,
        "jumlah_sasaran": len(konfigurasi.sasaran),
        "jumlah_indikator": len(konfigurasi.indikator),
        "tim": [
            {
                "kode": t.kode,
                "nama": t.nama,
                "ketua": t.ketua.nama,
                "indikator": len(konfigurasi.indikator_tim(t.kode)),
                "pagu": t.anggaran.pagu if t.anggaran else None,
            }
            for t in konfigurasi.tim
        ],
    }


PemeriksaTambahan = Callable[[Konfigurasi], list[MasalahKonfigurasi]]
