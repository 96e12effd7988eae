"""pengingat (POS step 4): remind the teams that are late or must correct their data.

A reminder goes to every expected team of the month that has no submission accepted
yet, or whose active submission carries galat findings. Its text says exactly what is
missing or wrong (the findings with their cells), the deadline and how many days
remain or have passed. Each is written as ``keluar/PERIODE/pengingat/<TIM>_PERIODE.eml``
(or sent over SMTP), with the team's feedback workbook attached when it has findings;
one page ``keluar/PERIODE/pengingat-PERIODE.html`` carries a WhatsApp link per team and
the same text to copy.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from .buku_besar import pengguna_os, sekarang
from .kelengkapan import kelengkapan_dari
from .kirim import (
    COBA,
    DITULIS,
    GAGAL,
    JENIS_XLSX,
    TANPA_ALAMAT,
    TERKIRIM,
    Cara,
    HasilTim,
    Pencatat,
    SesiSmtp,
    buat_pesan,
    folder_keluar,
    pastikan_pengirim,
    periksa_smtp,
    sandi_smtp,
    serahkan,
    tanpa_alamat,
)
from .konfigurasi import Konfigurasi, Tim
from .periode import Periode, format_tanggal, format_waktu
from .ruang_kerja import RuangKerja, tulis_atomik
from .templat import lingkungan
from .temuan import Temuan, dari_catatan

BELUM_MENGIRIM = "belum-mengirim"
ADA_GALAT = "ada-galat"


@dataclass(frozen=True)
class Pengingat:
    """One team to remind, and why."""

    tim: Tim
    sebab: str
    """``belum-mengirim`` (nothing accepted) or ``ada-galat`` (the active submission has
    galat findings)."""
    temuan: tuple[Temuan, ...]
    """All findings of the active submission (what the feedback workbook lists)."""
    teks: str
    """The reminder, as plain text (the e-mail body, the WhatsApp message)."""
    tautan_wa: str | None
    """``https://wa.me/62…?text=…``; None when the leader has no phone number."""

    @property
    def galat(self) -> tuple[Temuan, ...]:
        return tuple(t for t in self.temuan if t.galat)


@dataclass(frozen=True)
class HasilPengingat:
    periode: Periode
    batas: date
    hari_ini: date
    cara: Cara
    coba: bool
    pengingat: tuple[Pengingat, ...]
    tim: tuple[HasilTim, ...]
    """What happened to each reminder e-mail, in the order of :attr:`pengingat`."""
    halaman: Path
    tertulis_halaman: bool

    @property
    def ada_gagal(self) -> bool:
        return any(t.gagal for t in self.tim)

    def sebagai_json(self, ruang: RuangKerja) -> dict[str, object]:
        return {
            "periode": self.periode.kode,
            "batas": self.batas.isoformat(),
            "sisa_hari": (self.batas - self.hari_ini).days,
            "cara": self.cara,
            "coba": self.coba,
            "halaman": ruang.relatif(self.halaman) if self.tertulis_halaman else None,
            "tim": [
                {
                    **h.sebagai_dict(ruang),
                    "sebab": p.sebab,
                    "galat": [t.sebagai_baris() for t in p.galat],
                    "whatsapp": p.tautan_wa,
                    "teks": p.teks,
                }
                for p, h in zip(self.pengingat, self.tim, strict=True)
            ],
        }


# --------------------------------------------------------------------------- the text


def teks_sisa(batas: date, hari_ini: date) -> str:
    """``3 hari lagi`` / ``hari ini`` / ``sudah lewat 2 hari``."""
    selisih = (batas - hari_ini).days
    if selisih > 0:
        return f"{selisih} hari lagi"
    if selisih == 0:
        return "hari ini batas terakhirnya"
    return f"sudah lewat {-selisih} hari"


def tautan_whatsapp(telepon: str, teks: str) -> str:
    """``https://wa.me/628123456789?text=…`` (number already normalised, text encoded)."""
    return f"https://wa.me/{telepon}?text={quote(teks, safe='')}"


def _tempat(t: Temuan) -> str:
    tempat = t.lembar
    if t.sel:
        tempat = f"{tempat}!{t.sel}" if tempat else t.sel
    if t.indikator:
        tempat = f"{tempat} ({t.indikator})" if tempat else t.indikator
    return tempat or t.berkas or "berkas"


def teks_pengingat(
    konfigurasi: Konfigurasi,
    periode: Periode,
    tim: Tim,
    temuan: tuple[Temuan, ...],
    hari_ini: date,
    berkas_aktif: str = "",
) -> str:
    """The reminder: what is missing or wrong, the deadline and the days left/passed."""
    batas = periode.batas(konfigurasi.batas_tanggal)
    pengirim = konfigurasi.pengirim
    galat = [t for t in temuan if t.galat]
    baris = [
        f"Yth. {tim.ketua.nama} (Ketua {tim.nama}),",
        "",
        f"Pengingat pengumpulan data capaian kinerja {periode.label}.",
        "",
    ]
    if not galat:
        baris += [
            f"Sampai saat ini kami belum menerima isian instrumen {periode.label} dari "
            f"{tim.nama} ({tim.kode}_{periode.kode}.xlsx).",
            "Mohon isi instrumen itu lalu kirim kembali kepada Tim SAKIP.",
        ]
    else:
        dari = f" ({berkas_aktif})" if berkas_aktif else ""
        baris += [
            f"Isian yang kami terima{dari} masih memuat {len(galat)} kesalahan sehingga "
            "nilai berikut belum dapat diterima:",
            *(f"- {_tempat(t)}: {t.pesan}" for t in galat),
            "",
            "Mohon perbaiki sel tersebut pada instrumen yang sama, lalu kirim ulang "
            "seluruh berkasnya; kiriman baru menggantikan yang lama.",
        ]
        lain = len(temuan) - len(galat)
        if lain:
            baris.append(f"Ada juga {lain} catatan lain (peringatan); lihat lampiran umpan balik.")
    baris += [
        "",
        f"Batas pengumpulan: {format_tanggal(batas)} ({teks_sisa(batas, hari_ini)}).",
        "",
        "Terima kasih.",
    ]
    if pengirim is not None:
        baris.append(f"{pengirim.nama}")
    return "\n".join(baris)


def _subjek(periode: Periode, tim: Tim, sebab: str, batas: date) -> str:
    apa = "perbaikan isian" if sebab == ADA_GALAT else "isian belum diterima"
    return (
        f"Pengingat: data capaian kinerja {periode.label} – {tim.nama} ({apa}); "
        f"batas {format_tanggal(batas)}"
    )


# --------------------------------------------------------------------------- choosing


def daftar_pengingat(
    konfigurasi: Konfigurasi,
    periode: Periode,
    buku_temuan: list[Temuan],
    belum: set[str],
    hari_ini: date,
    berkas_aktif: Mapping[str, str] | None = None,
) -> list[Pengingat]:
    """The teams to remind, in configuration order: nothing accepted, or galat findings
    in the active submission."""
    per_tim: dict[str, list[Temuan]] = {}
    for t in buku_temuan:
        per_tim.setdefault(t.tim, []).append(t)
    hasil: list[Pengingat] = []
    for tim in konfigurasi.tim_berindikator():
        temuan = tuple(per_tim.get(tim.kode, ()))
        if tim.kode in belum:
            sebab, temuan = BELUM_MENGIRIM, ()
        elif any(t.galat for t in temuan):
            sebab = ADA_GALAT
        else:
            continue
        teks = teks_pengingat(
            konfigurasi, periode, tim, temuan, hari_ini, (berkas_aktif or {}).get(tim.kode, "")
        )
        wa = tautan_whatsapp(tim.ketua.telepon, teks) if tim.ketua.telepon else None
        hasil.append(Pengingat(tim, sebab, temuan, teks, wa))
    return hasil


# --------------------------------------------------------------------------- the command


def kirim_pengingat(
    ruang: RuangKerja,
    periode: Periode,
    *,
    smtp: bool = False,
    coba: bool = False,
    oleh: str | None = None,
    kini: datetime | None = None,
    lingkungan: Mapping[str, str] | None = None,
    konteks_ssl: ssl.SSLContext | None = None,
) -> HasilPengingat:
    """Remind every team that has not had a submission accepted for ``periode`` or whose
    active submission has galat findings: one ``.eml`` each (sent with ``smtp``), the
    feedback workbook attached when there are findings, and one HTML page with WhatsApp
    links. ``coba`` writes, sends and records nothing. ``kini`` is "now" (for the days
    left)."""
    konfigurasi = ruang.konfigurasi
    pengirim = pastikan_pengirim(konfigurasi)
    server = periksa_smtp(konfigurasi, lingkungan) if smtp else None
    cara: Cara = "smtp" if smtp else "eml"
    kini = kini or sekarang()
    hari_ini = kini.date()
    batas = periode.batas(konfigurasi.batas_tanggal)
    folder = folder_keluar(ruang, periode)
    folder_pengingat = folder / "pengingat"
    halaman = folder / f"pengingat-{periode.kode}.html"
    oleh = oleh or pengguna_os()
    with ruang.buka_buku_besar() as buku:
        lengkap = kelengkapan_dari(konfigurasi, buku, periode)
        semua_temuan = dari_catatan(buku.temuan_aktif(periode.kode))
        aktif = {t.tim: t.berkas for t in semua_temuan if t.berkas and t.tim}
        daftar = daftar_pengingat(
            konfigurasi,
            periode,
            semua_temuan,
            {k for k, _ in lengkap.belum},
            hari_ini,
            aktif,
        )
        catatan = Pencatat(buku, periode, "pengingat", cara, oleh, ruang)
        hasil: list[HasilTim] = []
        with SesiSmtp(server, sandi_smtp(lingkungan), konteks_ssl) if server else _Tanpa() as sesi:
            for p in daftar:
                t = p.tim
                if not t.ketua.surel:
                    hasil.append(tanpa_alamat(konfigurasi, t))
                    continue
                lampiran: list[tuple[str, bytes, tuple[str, str]]] = []
                if p.temuan and not coba:
                    from .umpan_balik import tulis_umpan_balik  # openpyxl: only when needed

                    for jalur in tulis_umpan_balik(folder_pengingat, p.temuan, konfigurasi):
                        lampiran.append((jalur.name, jalur.read_bytes(), JENIS_XLSX))
                pesan = buat_pesan(
                    pengirim=pengirim,
                    kepada_nama=t.ketua.nama,
                    kepada_surel=t.ketua.surel,
                    subjek=_subjek(periode, t, p.sebab, batas),
                    isi=p.teks + "\n",
                    lampiran=lampiran,
                    waktu=kini,
                )
                hasil.append(
                    serahkan(
                        pesan,
                        t,
                        folder_pengingat,
                        f"{t.kode}_{periode.kode}.eml",
                        pengirim,
                        sesi if isinstance(sesi, SesiSmtp) else None,
                        catatan,
                        coba,
                    )
                )
    if not coba:
        tulis_atomik(halaman, render_halaman(konfigurasi, periode, daftar, hari_ini, kini, hasil))
    return HasilPengingat(
        periode, batas, hari_ini, cara, coba, tuple(daftar), tuple(hasil), halaman, not coba
    )


class _Tanpa:
    """No SMTP session (the messages are written as .eml)."""

    def __enter__(self) -> _Tanpa:
        return self

    def __exit__(self, *_: object) -> None:
        return None


_KATA_STATUS = {
    DITULIS: "surel ditulis (.eml)",
    TERKIRIM: "surel terkirim",
    TANPA_ALAMAT: "tanpa alamat surel",
    GAGAL: "surel gagal",
    COBA: "coba",
}


def render_halaman(
    konfigurasi: Konfigurasi,
    periode: Periode,
    daftar: list[Pengingat],
    hari_ini: date,
    kini: datetime,
    hasil: list[HasilTim],
) -> str:
    """The reminders page: one self-contained HTML file (inline style and script only)."""
    env = lingkungan()
    batas = periode.batas(konfigurasi.batas_tanggal)
    return env.get_template("pengingat.html.j2").render(
        satker=konfigurasi.satker.nama,
        periode=periode.label,
        kode=periode.kode,
        batas=format_tanggal(batas),
        sisa=teks_sisa(batas, hari_ini),
        dibuat=format_waktu(kini),
        tim=[
            {
                "kode": p.tim.kode,
                "nama": p.tim.nama,
                "ketua": p.tim.ketua.nama,
                "sebab": "belum mengirim" if p.sebab == BELUM_MENGIRIM else "isian ada galat",
                "galat": len(p.galat),
                "telepon": p.tim.ketua.telepon,
                "surel": p.tim.ketua.surel,
                "wa": p.tautan_wa,
                "teks": p.teks,
                "status": _KATA_STATUS.get(h.status, h.status),
            }
            for p, h in zip(daftar, hasil, strict=True)
        ],
    )
