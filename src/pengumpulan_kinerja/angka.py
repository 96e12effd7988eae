"""Reading numbers the way Indonesians type them, and writing them back.

Accepted: ``1.234,5`` and ``1,234.5``, ``85%``, ``85 %``, `` 12 ``, ``Rp 1.500.000``,
``-3``, ``0,75``. A form that could mean two numbers (``1.234`` is one thousand
two hundred thirty-four in Indonesian, one point two three four in English) is
reported as ambiguous, never guessed, except for Rupiah amounts, which never
have decimals of three digits.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

from .temuan import kutip

_TAK_TERLIHAT = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
)
_SPASI = re.compile(r"[\s\u00a0\u202f\u2007]+")
_RP = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_PERSEN = re.compile(r"\s*%$")
_INTI = re.compile(r"^[0-9](?:[0-9.,]*[0-9])?$")
_KELOMPOK_AWAL = re.compile(r"^[0-9]{1,3}$")
_KELOMPOK = re.compile(r"^[0-9]{3}$")


class HasilAngka(NamedTuple):
    """What was read from one cell: a number, nothing, or why it is not a number.

    A named tuple: every numeric cell of every file makes one."""

    nilai: float | None
    masalah: str | None = None
    ambigu: bool = False
    persen: bool = False
    rupiah: bool = False
    terlalu_besar: bool = False
    """Not finite: a float overflow (``inf``), or digits too many for a float."""
    bacaan: tuple[str, str] | None = None
    """For an ambiguous form, its two parts (``("1", "234")`` of ``1.234``)."""

    @property
    def kosong(self) -> bool:
        return self.nilai is None and self.masalah is None

    @property
    def sah(self) -> bool:
        return self.nilai is not None


def _gagal(pesan: str) -> HasilAngka:
    """Not a number; ``pesan`` says what the cell holds (the caller adds what to do)."""
    return HasilAngka(None, pesan)


def _terlalu_besar(pesan: str) -> HasilAngka:
    return HasilAngka(None, pesan, terlalu_besar=True)


def _ribuan_sah(bagian: list[str]) -> bool:
    return bool(_KELOMPOK_AWAL.match(bagian[0])) and all(_KELOMPOK.match(b) for b in bagian[1:])


def bersihkan_teks(teks: str) -> str:
    """NFKC, no zero-width or direction marks, single spaces, trimmed."""
    if teks.isascii():  # already NFKC, no invisible mark; str.split knows the same spaces
        return " ".join(teks.split())
    teks = unicodedata.normalize("NFKC", teks).translate(_TAK_TERLIHAT)
    return _SPASI.sub(" ", teks).strip()


def baca_angka(nilai: object, uang: bool = False) -> HasilAngka:
    """Read a cell value typed by a person.

    ``uang`` marks a Rupiah amount: a lone separator followed by three digits is then
    a thousands separator (``1.500`` is fifteen hundred Rupiah).
    """
    if nilai is None:
        return HasilAngka(None)
    if isinstance(nilai, bool):
        return _gagal("nilai benar/salah (TRUE/FALSE), bukan angka")
    if isinstance(nilai, int):  # .xls cells; a Python int may exceed any float
        try:
            return HasilAngka(float(nilai))
        except OverflowError:
            digit = int(nilai.bit_length() * math.log10(2)) + 1  # str() refuses > 4300 digits
            return _terlalu_besar(f"angka sekitar {digit} digit")
    if isinstance(nilai, float):
        if math.isnan(nilai):
            return _gagal("nilai yang bukan bilangan (NaN)")
        if math.isinf(nilai):
            return _terlalu_besar("angka tak hingga")
        return HasilAngka(nilai)
    if isinstance(nilai, datetime | date | time):
        return _gagal("tanggal atau jam, bukan angka")
    if not isinstance(nilai, str):
        return _gagal(f"nilai jenis {type(nilai).__name__}, bukan angka")
    return _baca_teks(nilai, uang)


def _baca_teks(asli: str, uang: bool) -> HasilAngka:
    teks = bersihkan_teks(asli).replace("\u2212", "-")
    if not teks:
        return HasilAngka(None)
    rupiah = False
    cocok = _RP.match(teks)
    if cocok:
        rupiah = True
        uang = True
        teks = teks[cocok.end() :]
    persen = False
    cocok = _PERSEN.search(teks)
    if cocok:
        persen = True
        teks = teks[: cocok.start()]
    if rupiah and persen:
        return _gagal(f"{kutip(asli)}, yang memakai Rp dan % sekaligus")
    tanda = 1.0
    if teks[:1] in "+-" and teks:
        tanda = -1.0 if teks[0] == "-" else 1.0
        teks = teks[1:].lstrip()
    if teks.endswith(",-"):
        teks = teks[:-2]
    if not _INTI.match(teks):
        return _gagal(f"{kutip(asli)}, bukan angka")
    ada_titik, ada_koma = "." in teks, "," in teks
    if ada_titik and ada_koma:
        desimal = "." if teks.rfind(".") > teks.rfind(",") else ","
        ribuan = "," if desimal == "." else "."
        utuh, pecahan = teks.rsplit(desimal, 1)
        if desimal in utuh or not _ribuan_sah(utuh.split(ribuan)):
            return _gagal(f"{kutip(asli)}, dengan pemisah ribuan dan desimal yang tidak teratur")
        angka = float(utuh.replace(ribuan, "") + "." + pecahan)
    elif ada_titik or ada_koma:
        pemisah = "." if ada_titik else ","
        bagian = teks.split(pemisah)
        if len(bagian) > 2:
            if not _ribuan_sah(bagian):
                return _gagal(f"{kutip(asli)}, dengan pemisah ribuan yang tidak teratur")
            angka = float("".join(bagian))
        else:
            utuh, pecahan = bagian
            bisa_ribuan = len(pecahan) == 3 and bool(_KELOMPOK_AWAL.match(utuh)) and utuh[0] != "0"
            if bisa_ribuan and uang:
                angka = float(utuh + pecahan)
            elif bisa_ribuan:
                return HasilAngka(
                    None,
                    f"{kutip(asli)}, yang bisa berarti {utuh}{pecahan} atau {utuh} koma {pecahan}",
                    ambigu=True,
                    bacaan=(utuh, pecahan),
                )
            else:
                angka = float(utuh + "." + pecahan)
    else:
        angka = float(teks)
    if not math.isfinite(angka):  # float() gives inf for ~310 digits or more
        return _terlalu_besar(f"angka {len(teks)} digit")
    return HasilAngka(tanda * angka, persen=persen, rupiah=rupiah)


_KONTEKS = Context(prec=400)


def _bulatkan(nilai: float, desimal: int) -> Decimal:
    return Decimal(repr(nilai)).quantize(
        Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP, context=_KONTEKS
    )


def format_angka(nilai: float | int | None, desimal: int | None = None) -> str:
    """``1234.5`` → ``1.234,5``. ``desimal=None`` shows up to two decimals, trimmed."""
    if nilai is None or (isinstance(nilai, float) and not math.isfinite(nilai)):
        return "–"
    angka = _bulatkan(float(nilai), 2 if desimal is None else desimal)
    negatif, teks = angka < 0, f"{abs(angka):f}"
    utuh, _, pecahan = teks.partition(".")
    if desimal is None:
        pecahan = pecahan.rstrip("0")
    kelompok: list[str] = []
    while len(utuh) > 3:
        kelompok.insert(0, utuh[-3:])
        utuh = utuh[:-3]
    kelompok.insert(0, utuh)
    hasil = ".".join(kelompok)
    if pecahan:
        hasil = f"{hasil},{pecahan}"
    if negatif and any(c not in "0.," for c in hasil):
        hasil = "-" + hasil
    return hasil


def format_rupiah(nilai: float | int | None) -> str:
    """``1250000000`` → ``Rp 1.250.000.000``."""
    if nilai is None or (isinstance(nilai, float) and not math.isfinite(nilai)):
        return "–"
    teks = format_angka(abs(nilai), 0)
    return f"-Rp {teks}" if nilai < 0 and teks != "0" else f"Rp {teks}"


def format_persen(nilai: float | int | None, desimal: int = 2) -> str:
    """``107.142857`` → ``107,14%``."""
    if nilai is None or (isinstance(nilai, float) and not math.isfinite(nilai)):
        return "–"
    return f"{format_angka(nilai, desimal)}%"
