"""The value rules (SPEC sections 6 and 13, "one rule set"), each written once.

Every check of a value a team or an administrator supplies lives here as a small
function returning findings (:class:`~.temuan.Temuan` from the catalogue), given the
value and its place (:class:`~.temuan.Tempat`: file, sheet, cell, team, period,
indicator). ``himpun`` (through :mod:`pembaca`), ``koreksi`` and the importers to come
call these functions and never re-state a rule.

Entry points:

- :func:`periksa_isian`: one raw input of any field (``realisasi``, ``pembilang``,
  ``penyebut``, ``anggaran``, ``kendala``, ``upaya``, ``rtl``, ``bukti``) → its value and
  findings. What an importer needs for one cell.
- :func:`baca_isian`, :func:`periksa_batas`, :func:`periksa_besaran`,
  :func:`periksa_rasio`, :func:`periksa_anggaran`, :func:`teks_isian`,
  :func:`periksa_bukti`, :func:`periksa_kendala`, :func:`periksa_memburuk`,
  :func:`periksa_pengesahan`: the single rules.
- :func:`temuan_riwayat`: ``kendala-wajib`` and ``memburuk-tanpa-catatan`` of a
  submission, given the monthly history.

Pure: no I/O, no ledger, picklable inputs and outputs (runs in worker processes).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import NamedTuple

from . import hitung
from .angka import HasilAngka, baca_angka, format_angka, format_persen
from .konfigurasi import Indikator, Konfigurasi
from .periode import Periode
from .temuan import MAKS_BESARAN, Tempat, Temuan, buat, kutip

MAKS_TEKS = 4000
"""Longest text kept from a text input; longer text is cut with a warning."""

KOLOM_ANGKA: tuple[str, ...] = ("realisasi", "pembilang", "penyebut", "anggaran")
KOLOM_TEKS: tuple[str, ...] = ("kendala", "upaya", "rtl", "bukti")

LABEL: dict[str, str] = {
    "realisasi": "Realisasi Bulan Ini",
    "pembilang": "Pembilang",
    "penyebut": "Penyebut",
    "anggaran": "Realisasi anggaran",
    "kendala": "Kendala/Permasalahan",
    "upaya": "Upaya/Solusi",
    "rtl": "Rencana Tindak Lanjut",
    "bukti": "Bukti Dukung",
}
"""How findings name each field."""

TEKS_KOSONG: frozenset[str] = frozenset(
    {"-", "--", "---", "–", "—", "tidak ada", "tdk ada", "nihil", "n/a", "na", "nil"}
    | {"tidak ada kendala", "belum ada", "kosong", "none"}
)
"""What people type for "nothing" in a text field; such a text counts as empty
(compared lower-case, without surrounding spaces and a final full stop)."""


# --------------------------------------------------------------------------- per indicator


class AturanIndikator(NamedTuple):
    """What checking one indicator's values needs, worked out once per configuration."""

    indeks: int
    """Position in the team's indicator tuple (and in :meth:`AturanTim.target`)."""
    ind: Indikator
    rasio: bool
    persen: bool


def aturan_indikator(ind: Indikator, indeks: int = 0) -> AturanIndikator:
    return AturanIndikator(indeks, ind, ind.rasio, ind.persen)


def bulat(ind: Indikator) -> bool:
    """Counted in whole units (not a percentage or ratio, every target and bound an
    integer): number hints then suggest no decimals."""
    if ind.persen or ind.rasio:
        return False
    target = (ind.target, *ind.target_triwulan, *(ind.target_bulanan or ()))
    batas = (ind.batas.min, ind.batas.maks) if ind.batas else ()
    return all(float(t).is_integer() for t in (*target, *(b for b in batas if b is not None)))


_Target = tuple[float, float, float]
"""The locked cells as configured: Target Tahunan, Target Triwulan, Target Bulan Ini."""


class AturanTim:
    """The rules of one team's indicators, and their targets per month (computed the
    first time a month is asked for). :func:`aturan_tim` makes it once per
    configuration and team: every file of a run is checked against the same one."""

    def __init__(self, indikator: tuple[Indikator, ...]) -> None:
        self.indikator = indikator
        self.urutan = tuple(aturan_indikator(ind, i) for i, ind in enumerate(indikator))
        """In the order of ``Konfigurasi.indikator_tim``."""
        self.menurut_kode = {a.ind.kode: a for a in self.urutan}
        self._target: dict[int, tuple[_Target, ...]] = {}

    def target(self, bulan: int) -> tuple[_Target, ...]:
        """The targets of every indicator in ``bulan``, in the order of ``urutan``."""
        target = self._target.get(bulan)
        if target is None:
            target = self._target[bulan] = tuple(
                (ind.target, hitung.target_triwulan(ind, bulan), hitung.target_bulan(ind, bulan))
                for ind in self.indikator
            )
        return target


_SIMPANAN_TIM: dict[int, tuple[Konfigurasi, dict[str, AturanTim]]] = {}
"""id(configuration) → (the configuration, team → its rules). The configuration is
kept referenced, so its id is not reused while it is here; a few are kept."""


def aturan_tim(konfigurasi: Konfigurasi, kode_tim: str) -> AturanTim:
    """The rules of ``kode_tim``'s indicators under ``konfigurasi``, made the first time
    they are asked for (a configuration does not change once loaded)."""
    simpanan = _SIMPANAN_TIM.get(id(konfigurasi))
    if simpanan is None or simpanan[0] is not konfigurasi:
        if len(_SIMPANAN_TIM) >= 8:
            del _SIMPANAN_TIM[next(iter(_SIMPANAN_TIM))]
        simpanan = _SIMPANAN_TIM[id(konfigurasi)] = (konfigurasi, {})
    aturan = simpanan[1].get(kode_tim)
    if aturan is None:
        aturan = simpanan[1][kode_tim] = AturanTim(konfigurasi.indikator_tim(kode_tim))
    return aturan


# --------------------------------------------------------------------------- numbers


def _saran_angka(aturan: AturanIndikator | None, hasil: HasilAngka, uang: bool) -> str:
    """One hint that fits the field."""
    if hasil.bacaan is not None:
        utuh, pecahan = hasil.bacaan
        if uang or (aturan is not None and bulat(aturan.ind)):
            return f"Tulis {utuh}{pecahan} (tanpa titik atau koma)."
        desimal = format_angka(float(f"{utuh}.{pecahan}"), 2)
        if aturan is not None and aturan.persen:
            return f"Tulis persentasenya dengan dua desimal, mis. {desimal}."
        return f"Tulis {utuh}{pecahan} bila ribuan, atau {desimal} bila pecahan."
    if uang:
        return "Isi jumlah rupiah, mis. 1.500.000."
    if aturan is not None and aturan.persen:
        return "Isi persentase, mis. 85 atau 85,5."
    if aturan is not None and bulat(aturan.ind):
        return "Isi bilangan bulat, mis. 12 atau 1.234."
    return "Isi angka, mis. 12 atau 1.234,5."


def isian_polos(mentah: object) -> tuple[float | None, bool] | None:
    """(number, empty) of an input no rule has anything to say about: a finite number as
    stored, or an empty cell (most input cells); None when :func:`baca_isian` must read
    it. The caller need not even place such a cell."""
    if type(mentah) is float:
        return (mentah, False) if math.isfinite(mentah) else None
    if mentah is None or mentah == "":
        return None, True
    return None


def baca_isian(
    mentah: object,
    tempat: Tempat,
    kolom: str,
    aturan: AturanIndikator | None = None,
) -> tuple[float | None, bool, list[Temuan]]:
    """A numeric input as typed → (number or None, whether it is empty, findings).

    ``bukan-angka`` (with one hint that fits the field), ``angka-terlalu-besar`` for a
    number beyond any float, ``persen-salah-satuan`` for ``85%`` typed where the unit is
    not a percentage (accepted as 85). ``kolom`` is one of :data:`KOLOM_ANGKA`;
    ``anggaran`` reads Rupiah (``1.500`` is fifteen hundred).
    """
    polos = isian_polos(mentah)
    if polos is not None:
        return polos[0], polos[1], []
    uang = kolom == "anggaran"
    hasil = baca_angka(mentah, uang=uang)
    label = LABEL[kolom]
    if hasil.terlalu_besar:
        return None, False, [buat("angka-terlalu-besar", tempat, label=label, angka=hasil.masalah)]
    if hasil.masalah:
        saran = _saran_angka(aturan, hasil, uang)
        return (
            None,
            False,
            [buat("bukan-angka", tempat, label=label, masalah=hasil.masalah, saran=saran)],
        )
    temuan: list[Temuan] = []
    if hasil.persen and hasil.nilai is not None and (aturan is None or not aturan.persen):
        satuan = "rupiah" if uang or aturan is None else aturan.ind.satuan
        temuan.append(
            buat(
                "persen-salah-satuan",
                tempat,
                label=label,
                teks=kutip(mentah),
                satuan=satuan,
                angka=format_angka(hasil.nilai),
            )
        )
    return hasil.nilai, hasil.kosong, temuan


def periksa_besaran(nilai: float, tempat: Tempat, kolom: str) -> list[Temuan]:
    """``angka-terlalu-besar``: not finite, or (realisasi, anggaran) beyond
    :data:`~.temuan.MAKS_BESARAN`. Pembilang and penyebut need only be finite."""
    if math.isfinite(nilai) and (kolom in ("pembilang", "penyebut") or abs(nilai) <= MAKS_BESARAN):
        return []
    angka = format_angka(nilai) if math.isfinite(nilai) else "angka tak hingga"
    return [buat("angka-terlalu-besar", tempat, label=LABEL[kolom], angka=angka)]


def masalah_batas(ind: Indikator, nilai: float) -> str | None:
    """Why ``nilai`` is implausible for ``ind`` (bounds, negative, percent over 100)."""
    bawah = ind.batas.min if ind.batas and ind.batas.min is not None else None
    atas = ind.batas.maks if ind.batas and ind.batas.maks is not None else None
    if nilai < 0 and (bawah is None or bawah >= 0):
        return f"negatif ({format_angka(nilai)}); jumlah atau persentase tidak boleh negatif"
    if bawah is not None and nilai < bawah:
        return f"{format_angka(nilai)} di bawah batas minimum {format_angka(bawah)}"
    if atas is not None and nilai > atas:
        return f"{format_angka(nilai)} di atas batas maksimum {format_angka(atas)}"
    if ind.persen and nilai > 100:
        return f"{format_angka(nilai)} persen melebihi 100"
    return None


def periksa_batas(
    ind: Indikator, nilai: float, tempat: Tempat, kolom: str = "realisasi"
) -> list[Temuan]:
    """A realisation against the indicator: ``angka-terlalu-besar`` first, then
    ``di-luar-batas`` (below ``batas.min``, above ``batas.maks``, negative, percentage
    above 100)."""
    besar = periksa_besaran(nilai, tempat, kolom)
    if besar:
        return besar
    alasan = masalah_batas(ind, nilai)
    if alasan is None:
        return []
    return [buat("di-luar-batas", tempat, label=LABEL[kolom], alasan=alasan)]


def periksa_rasio(
    ind: Indikator,
    pembilang: float,
    penyebut: float,
    tempat_pembilang: Tempat,
    tempat_penyebut: Tempat,
    tempat_realisasi: Tempat,
) -> tuple[float | None, list[Temuan]]:
    """Numerator and denominator → the realisation (``pembilang / penyebut × 100``) or
    None, and the findings: not finite, negative, ``penyebut-nol``,
    ``pembilang-melebihi-penyebut``, then the realisation's bounds."""
    temuan: list[Temuan] = []
    for nilai, tempat, kolom in (
        (pembilang, tempat_pembilang, "pembilang"),
        (penyebut, tempat_penyebut, "penyebut"),
    ):
        masalah = periksa_besaran(nilai, tempat, kolom)
        if not masalah and nilai < 0:
            masalah = periksa_batas(ind, nilai, tempat, kolom)
        temuan += masalah
    if temuan:
        return None, temuan
    if penyebut == 0:
        return None, [buat("penyebut-nol", tempat_penyebut, uraian=ind.penyebut or "")]
    if pembilang > penyebut:
        return None, [
            buat(
                "pembilang-melebihi-penyebut",
                tempat_pembilang,
                pembilang=format_angka(pembilang),
                penyebut=format_angka(penyebut),
            )
        ]
    realisasi = hitung.nilai_rasio(pembilang, penyebut)
    if realisasi is None:  # 10^-300 / 10^300: not representable as a percentage
        return None, [
            buat("angka-terlalu-besar", tempat_realisasi, label=LABEL["realisasi"], angka="-")
        ]
    temuan = periksa_batas(ind, realisasi, tempat_realisasi)
    return (None if temuan else realisasi), temuan


def periksa_anggaran(nilai: float, tempat: Tempat) -> list[Temuan]:
    """A month's budget realisation: finite, within the bound, not negative."""
    besar = periksa_besaran(nilai, tempat, "anggaran")
    if besar:
        return besar
    if nilai < 0:
        alasan = f"negatif ({format_angka(nilai)}); isi jumlah rupiah yang benar"
        return [buat("di-luar-batas", tempat, label=LABEL["anggaran"], alasan=alasan)]
    return []


# --------------------------------------------------------------------------- texts


def teks_kosong(teks: str) -> bool:
    """True for a text that says "nothing" (``-``, ``–``, ``tidak ada``, ``nihil``, ``n/a``)."""
    baku = " ".join(teks.split()).rstrip(".").lower()
    return not baku or baku in TEKS_KOSONG


def teks_isian(mentah: object, tempat: Tempat) -> tuple[str | None, list[Temuan]]:
    """A text input → (its text or None when empty, findings).

    NFC, no NUL, trimmed; a placeholder for "nothing" (:data:`TEKS_KOSONG`) is empty;
    longer than :data:`MAKS_TEKS` is cut (``teks-terpotong``)."""
    if mentah is None or mentah == "":
        return None, []
    if type(mentah) is str:
        teks = mentah
    elif isinstance(mentah, float) and mentah.is_integer():
        teks = str(int(mentah))
    elif isinstance(mentah, datetime | date):
        teks = mentah.isoformat()
    else:
        teks = str(mentah)
    if not teks.isascii():  # ASCII is NFC already
        teks = unicodedata.normalize("NFC", teks)
    teks = teks.replace("\x00", "").strip()
    if not teks or (len(teks) <= 20 and teks_kosong(teks)):
        return None, []
    if len(teks) > MAKS_TEKS:
        masalah = buat("teks-terpotong", tempat, panjang=len(teks), maks=MAKS_TEKS)
        return teks[:MAKS_TEKS], [masalah]
    return teks, []


def periksa_bukti(ind: Indikator, bukti: str | None, tempat: Tempat) -> list[Temuan]:
    """``bukti-kosong``: an indicator that requires evidence has none."""
    return [buat("bukti-kosong", tempat)] if ind.wajib_bukti and not bukti else []


# --------------------------------------------------------------------------- one input


def periksa_isian(
    kolom: str,
    mentah: object,
    tempat: Tempat,
    ind: Indikator | None = None,
) -> tuple[float | str | None, list[Temuan]]:
    """One raw input of ``kolom`` → (its value or None, findings): every rule that
    needs only the value itself. For ``pembilang``/``penyebut`` the ratio rules need both:
    call :func:`periksa_rasio` with the two numbers then.

    ``ind`` is required for the indicator fields, unused for ``anggaran``.
    """
    if kolom in KOLOM_TEKS:
        return teks_isian(mentah, tempat)
    aturan = aturan_indikator(ind) if ind is not None else None
    nilai, _, temuan = baca_isian(mentah, tempat, kolom, aturan)
    if nilai is None:
        return None, temuan
    if kolom == "anggaran":
        masalah = periksa_anggaran(nilai, tempat)
    elif kolom == "realisasi":
        assert ind is not None
        masalah = periksa_batas(ind, nilai, tempat)
    else:
        masalah = periksa_besaran(nilai, tempat, kolom)
        if not masalah and nilai < 0:
            assert ind is not None
            masalah = periksa_batas(ind, nilai, tempat, kolom)
    temuan += masalah
    return (None if masalah else nilai), temuan


# --------------------------------------------------------------------------- notes and history


def periksa_kendala(
    capaian: float | None, ada_kendala: bool, ada_rtl: bool, tempat: Tempat
) -> list[Temuan]:
    """``kendala-wajib``: below this month's target with neither kendala nor plan."""
    if capaian is None or capaian >= 100 or ada_kendala or ada_rtl:
        return []
    return [buat("kendala-wajib", tempat, capaian=format_persen(capaian, 1))]


def periksa_memburuk(
    capaian: float | None, capaian_lalu: float | None, ada_kendala: bool, tempat: Tempat
) -> list[Temuan]:
    """``memburuk-tanpa-catatan``: worse than last month with no kendala."""
    if ada_kendala or not hitung.memburuk(capaian, capaian_lalu):
        return []
    return [
        buat(
            "memburuk-tanpa-catatan",
            tempat,
            capaian=format_persen(capaian, 1),
            capaian_lalu=format_persen(capaian_lalu, 1),
        )
    ]


KODE_RIWAYAT: frozenset[str] = frozenset({"kendala-wajib", "memburuk-tanpa-catatan"})
"""Findings that depend on earlier months (re-checked when a run takes in an earlier
month of the same team before this one is recorded)."""


class Isian(NamedTuple):
    """What :func:`temuan_riwayat` needs of one accepted value (``NilaiTerbaca`` fits)."""

    indikator: str
    kolom: str
    angka: float | None
    teks: str | None
    sel: str


def temuan_riwayat(
    konfigurasi: Konfigurasi,
    kode_tim: str,
    periode: Periode,
    nilai: Sequence[Isian] | Sequence[tuple[str, str, float | None, str | None, str]],
    sel_kendala: Mapping[str, str],
    bulanan: Mapping[tuple[str, str], Mapping[int, float]],
    berkas: str = "",
    lembar: str = "Capaian",
) -> list[Temuan]:
    """``kendala-wajib`` and ``memburuk-tanpa-catatan`` of one submission.

    ``nilai`` are the accepted values (indikator, kolom, angka, teks, sel);
    ``bulanan`` the monthly realisations known so far ((tim, indikator) → {month: value});
    months from ``periode`` on are ignored. Findings point at each indicator's
    ``sel_kendala``; indicators without one are not checked.
    """
    bulan = periode.bulan
    realisasi: dict[str, float] = {}
    ada_kendala: set[str] = set()
    ada_rtl: set[str] = set()
    for indikator, kolom, angka, teks, _ in nilai:
        if kolom == "realisasi" and angka is not None:
            realisasi[indikator] = angka
        elif teks and kolom == "kendala":
            ada_kendala.add(indikator)
        elif teks and kolom == "rtl":
            ada_rtl.add(indikator)
    aturan = aturan_tim(konfigurasi, kode_tim)
    target = aturan.target(bulan)
    kode_periode = periode.kode
    temuan: list[Temuan] = []
    for a in aturan.urutan:
        ind = a.ind
        kode = ind.kode
        if kode in ada_kendala or kode not in realisasi or kode not in sel_kendala:
            continue  # a kendala answers both findings: no history to work out
        riwayat = bulanan.get((kode_tim, kode))
        # the months before this one, in month order (what hitung.realisasi_sampai sums)
        lalu = (
            [v for b, v in sorted(riwayat.items()) if b < bulan and v is not None]
            if riwayat
            else []
        )
        lalu.append(realisasi[kode])
        capaian = hitung.nilai_capaian(ind, hitung.gabung(ind, lalu), target[a.indeks][2])
        tempat = Tempat(berkas, lembar, sel_kendala[kode], kode_tim, kode_periode, kode)
        temuan += periksa_kendala(capaian, False, kode in ada_rtl, tempat)
        if bulan > 1 and len(lalu) > 1:  # worse than last month?
            del lalu[-1]
            target_lalu = aturan.target(bulan - 1)[a.indeks][2]
            capaian_lalu = hitung.nilai_capaian(ind, hitung.gabung(ind, lalu), target_lalu)
            temuan += periksa_memburuk(capaian, capaian_lalu, False, tempat)
    return temuan


# --------------------------------------------------------------------------- sign-off


def periksa_pengesahan(
    oleh: str, tanggal_mentah: object, tanggal: str, tempat_oleh: Tempat, tempat_tanggal: Tempat
) -> list[Temuan]:
    """``pengesahan-kosong``: nobody named under ``Diisi oleh``, or a ``Tanggal
    Pengisian`` that is missing or not a date (``tanggal`` is the ISO date read, or "")."""
    temuan: list[Temuan] = []
    if not oleh:
        temuan.append(
            buat(
                "pengesahan-kosong",
                tempat_oleh,
                alasan="Nama pengisi (Diisi oleh) kosong",
                saran="Minta tim menulis nama yang mengisi instrumen.",
            )
        )
    kosong = tanggal_mentah is None or tanggal_mentah == ""
    if kosong or not _tanggal_iso(tanggal):
        alasan = (
            "Tanggal Pengisian kosong"
            if kosong
            else f"Tanggal Pengisian {kutip(tanggal_mentah)} bukan tanggal yang terbaca"
        )
        temuan.append(
            buat(
                "pengesahan-kosong",
                tempat_tanggal,
                alasan=alasan,
                saran="Tulis tanggalnya seperti 04/07/2022.",
            )
        )
    return temuan


def _tanggal_iso(teks: str) -> bool:
    try:
        date.fromisoformat(teks)
    except ValueError:
        return False
    return True
