"""status: the eight POS steps of a month, with their mutu baku (SPEC sections 2, 10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .himpun import kelengkapan
from .periode import Periode, format_tanggal
from .pos import LANGKAH, Langkah, teks_durasi
from .ruang_kerja import RuangKerja


@dataclass(frozen=True)
class StatusLangkah:
    langkah: Langkah
    keadaan: str
    """``selesai``, ``berjalan`` or ``belum``."""
    mulai: datetime | None = None
    selesai: datetime | None = None
    oleh: str = ""
    terpenuhi: bool | None = None
    keterangan: str = ""

    @property
    def durasi(self) -> timedelta | None:
        if self.mulai is None or self.selesai is None:
            return None
        return max(self.selesai - self.mulai, timedelta(0))

    @property
    def mutu_baku(self) -> str:
        return (
            teks_durasi(self.langkah.mutu_baku) if self.langkah.mutu_baku else "batas pengumpulan"
        )

    def sebagai_dict(self) -> dict[str, Any]:
        return {
            "langkah": self.langkah.nomor,
            "uraian": self.langkah.uraian,
            "pelaksana": self.langkah.pelaksana,
            "mutu_baku": self.mutu_baku,
            "keadaan": self.keadaan,
            "mulai": self.mulai.isoformat() if self.mulai else None,
            "selesai": self.selesai.isoformat() if self.selesai else None,
            "oleh": self.oleh,
            "durasi": teks_durasi(self.durasi) if self.durasi is not None else None,
            "durasi_detik": int(self.durasi.total_seconds()) if self.durasi is not None else None,
            "terpenuhi": self.terpenuhi,
            "keterangan": self.keterangan,
        }


@dataclass(frozen=True)
class StatusBulan:
    periode: Periode
    langkah: tuple[StatusLangkah, ...]

    @property
    def berikutnya(self) -> Langkah | None:
        for s in self.langkah:
            if s.keadaan != "selesai":
                return s.langkah
        return None

    def sebagai_json(self) -> dict[str, Any]:
        lanjut = self.berikutnya
        return {
            "periode": self.periode.kode,
            "langkah": [s.sebagai_dict() for s in self.langkah],
            "berikutnya": {"langkah": lanjut.nomor, "perintah": lanjut.perintah}
            if lanjut
            else None,
        }


def _waktu(teks: str) -> datetime:
    return datetime.fromisoformat(teks)


def status_bulan(ruang: RuangKerja, periode: Periode) -> StatusBulan:
    """The eight steps of ``periode`` as the ledger records them."""
    konfigurasi = ruang.konfigurasi
    with ruang.buka_buku_besar() as buku:
        peristiwa = buku.peristiwa(periode.kode)
        kiriman = buku.query(
            "SELECT MIN(diterima) AS awal, MAX(diterima) AS akhir FROM kiriman WHERE periode = ? AND aktif = 1",
            (periode.kode,),
        )[0]
        keputusan = buku.keputusan_terakhir(periode.kode)
        lengkap = kelengkapan(ruang, periode, buku)
    per: dict[int, list[Any]] = {}
    for p in peristiwa:
        per.setdefault(int(p["langkah"]), []).append(p)
    hasil: list[StatusLangkah] = []
    for langkah in LANGKAH:
        daftar = per.get(langkah.nomor, [])
        n = langkah.nomor
        if n == 4:
            hasil.append(
                _langkah_4(langkah, hasil, kiriman, lengkap, konfigurasi.batas_tanggal, periode)
            )
            continue
        if not daftar:
            hasil.append(StatusLangkah(langkah, "belum"))
            continue
        mulai = min(_waktu(p["mulai"]) for p in daftar)
        selesai = max(_waktu(p["selesai"]) for p in daftar)
        oleh = ", ".join(dict.fromkeys(p["oleh"] for p in daftar))
        keadaan, ket = "selesai", ""
        if n == 2 and hasil[0].selesai is not None:
            mulai = hasil[0].selesai
        if n == 7:
            if keputusan is not None and keputusan["jenis"] == "setujui":
                selesai = _waktu(keputusan["waktu"])
                ket = f"disetujui oleh {keputusan['oleh']}"
            else:
                keadaan = "berjalan"
                ket = (
                    "menunggu keputusan Kasubbag Umum"
                    if keputusan is None
                    else (
                        f"ditolak: {keputusan['catatan']}"
                        if keputusan["jenis"] == "tolak"
                        else "dibuka kembali"
                    )
                )
        durasi = selesai - mulai
        terpenuhi = None
        if keadaan == "selesai" and langkah.mutu_baku is not None:
            terpenuhi = durasi <= langkah.mutu_baku
        if n == 5 and lengkap.belum:
            ket = f"belum mengirim: {', '.join(k for k, _ in lengkap.belum)}"
        hasil.append(StatusLangkah(langkah, keadaan, mulai, selesai, oleh, terpenuhi, ket))
    return StatusBulan(periode, tuple(hasil))


def _langkah_4(
    langkah: Langkah,
    sebelum: list[StatusLangkah],
    kiriman: Any,
    lengkap: Any,
    batas_tanggal: int,
    periode: Periode,
) -> StatusLangkah:
    batas = periode.batas(batas_tanggal)
    if kiriman["akhir"] is None:
        return StatusLangkah(langkah, "belum", keterangan=f"batas {format_tanggal(batas)}")
    mulai = sebelum[2].selesai or _waktu(kiriman["awal"])
    selesai = _waktu(kiriman["akhir"])
    semua = not lengkap.belum
    tepat = semua and not lengkap.terlambat
    ket = (
        f"{len(lengkap.diterima)}/{len(lengkap.diharapkan)} tim, tepat waktu {len(lengkap.tepat_waktu)}, "
        f"terlambat {len(lengkap.terlambat)}; batas {format_tanggal(batas)}"
    )
    return StatusLangkah(
        langkah,
        "selesai" if semua else "berjalan",
        mulai,
        selesai,
        "Ketua Tim Kerja",
        tepat if semua else (False if lengkap.terlambat else None),
        ket,
    )
