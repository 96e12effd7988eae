"""status: the eight POS steps of a month, with their mutu baku (SPEC sections 2, 10).

Everything comes from the ledger:

- steps 1 and 2 from the ``disposisi`` events (the first of each counts: that is
  when the assignment was made; step 2 is measured from step 1's time);
- step 4 from the submissions: it starts when step 3 ended, ends when the last
  accepted submission of an expected team was received, and its mutu baku is met
  when every expected team submitted on or before the deadline;
- steps 3, 5, 6, 7 and 8 from their own events, first start to last end; the mutu
  baku is met when that span is within the step's duration. A step still running
  already fails it once it has run longer than its duration.

Step 6 runs again when the data changed after the latest analysis; step 7 is done
only while the month's latest decision is an approval; step 8 only when that very
approval was archived (a reopened and re-approved month needs a new archive).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .buku_besar import BukuBesar, sekarang
from .kelengkapan import kelengkapan_dari
from .periode import Periode, format_tanggal, format_waktu
from .pos import LANGKAH, Langkah, teks_durasi
from .ruang_kerja import RuangKerja

SELESAI = "selesai"
BERJALAN = "berjalan"
BELUM = "belum"


@dataclass(frozen=True, eq=False)
class StatusLangkah:
    """One step of the month as the ledger records it."""

    langkah: Langkah
    keadaan: str
    """``selesai``, ``berjalan`` or ``belum``."""
    mutu_baku: str
    mulai: datetime | None = None
    selesai: datetime | None = None
    oleh: str = ""
    terpenuhi: bool | None = None
    """Whether the mutu baku was met; None while it cannot be said yet."""
    keterangan: str = ""

    @property
    def durasi(self) -> timedelta | None:
        if self.mulai is None or self.selesai is None:
            return None
        return max(self.selesai - self.mulai, timedelta(0))

    def sebagai_dict(self) -> dict[str, Any]:
        durasi = self.durasi
        return {
            "langkah": self.langkah.nomor,
            "uraian": self.langkah.uraian,
            "singkat": self.langkah.singkat,
            "pelaksana": self.langkah.pelaksana,
            "mutu_baku": self.mutu_baku,
            "output": self.langkah.output,
            "perintah": self.langkah.perintah,
            "keadaan": self.keadaan,
            "mulai": self.mulai.isoformat() if self.mulai else None,
            "selesai": self.selesai.isoformat() if self.selesai else None,
            "oleh": self.oleh,
            "durasi": teks_durasi(durasi) if durasi is not None else None,
            "durasi_detik": int(durasi.total_seconds()) if durasi is not None else None,
            "terpenuhi": self.terpenuhi,
            "keterangan": self.keterangan,
        }


@dataclass(frozen=True, eq=False)
class Berikutnya:
    """The next step to take, with the command that takes it and why."""

    langkah: Langkah
    perintah: str
    alasan: str

    @property
    def nomor(self) -> int:
        return self.langkah.nomor

    def sebagai_dict(self) -> dict[str, Any]:
        return {
            "langkah": self.nomor,
            "uraian": self.langkah.uraian,
            "perintah": self.perintah,
            "alasan": self.alasan,
        }


@dataclass(frozen=True, eq=False)
class StatusBulan:
    periode: Periode
    batas: date
    langkah: tuple[StatusLangkah, ...]
    berikutnya: Berikutnya | None
    """None when all eight steps are done for the current approval."""

    def __getitem__(self, nomor: int) -> StatusLangkah:
        return self.langkah[nomor - 1]

    def sebagai_json(self) -> dict[str, Any]:
        return {
            "periode": self.periode.kode,
            "label": self.periode.label,
            "batas": self.batas.isoformat(),
            "langkah": [s.sebagai_dict() for s in self.langkah],
            "berikutnya": self.berikutnya.sebagai_dict() if self.berikutnya else None,
        }


# --------------------------------------------------------------------------- helpers


def _waktu(teks: Any) -> datetime:
    return datetime.fromisoformat(str(teks))


def _nama(baris: Sequence[Any]) -> str:
    return ", ".join(dict.fromkeys(str(b.oleh) for b in baris if b.oleh))


def _rincian(baris: Any) -> dict[str, Any]:
    try:
        data = json.loads(baris.rincian or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _lewat(langkah: Langkah, mulai: datetime | None, kini: datetime) -> bool | None:
    """For a running step: False once it has run longer than its mutu baku."""
    if mulai is None or langkah.mutu_baku is None:
        return None
    return False if kini - mulai > langkah.mutu_baku else None


def periode_terakhir(ruang: RuangKerja) -> Periode:
    """The month ``kinerja status`` shows by default: the latest month of the configured
    year with any recorded activity; else last month (when in that year); else January."""
    tahun = ruang.konfigurasi.tahun
    with ruang.buka_buku_besar() as buku:
        kode = buku.periode_terakhir_aktif(tahun)
    if kode:
        return Periode(int(kode[:4]), int(kode[5:7]))
    hari_ini = date.today()
    lalu = Periode(hari_ini.year, hari_ini.month).sebelumnya or Periode(hari_ini.year - 1, 12)
    return lalu if lalu.tahun == tahun else Periode(tahun, 1)


# --------------------------------------------------------------------------- the steps


def status_bulan(
    ruang: RuangKerja,
    periode: Periode,
    buku: BukuBesar | None = None,
    kini: datetime | None = None,
) -> StatusBulan:
    """The eight steps of ``periode`` as the ledger records them.

    ``buku`` reuses an open ledger (e.g. inside the archive's transaction); ``kini``
    is "now" for deadlines and running steps (default: the current local time).
    """
    if buku is None:
        with ruang.buka_buku_besar() as milik:
            return status_bulan(ruang, periode, milik, kini)
    with buku.potret():  # one snapshot for every read
        return _Penilai(ruang, periode, buku, kini or sekarang()).nilai()


class _Penilai:
    """Reads the month's records once and judges each step."""

    def __init__(self, ruang: RuangKerja, periode: Periode, buku: BukuBesar, kini: datetime):
        k = ruang.konfigurasi
        self.periode = periode
        self.kini = kini
        self.batas_tanggal = k.batas_tanggal
        self.kepala = k.satker.kepala.nama
        self.kasubbag = k.satker.kasubbag_umum.nama
        self.batas = periode.batas(k.batas_tanggal)
        self.akhir_batas = datetime.combine(self.batas, time(23, 59, 59))
        kode = periode.kode
        self.per_langkah: dict[int, list[Any]] = {}
        for p in buku.peristiwa(kode):
            self.per_langkah.setdefault(p.langkah, []).append(p)
        self.lengkap = kelengkapan_dari(k, buku, periode)
        harap = {t for t, _ in self.lengkap.diharapkan}
        diterima = [k.diterima for k in buku.kiriman_aktif(kode) if k.tim in harap]
        self.terima_awal = min(diterima, default=None)
        self.terima_akhir = max(diterima, default=None)
        self.ada_kiriman = bool(buku.kiriman(kode))
        self.keputusan = buku.keputusan_terakhir(kode)
        self.terkunci = self.keputusan is not None and self.keputusan.jenis == "setujui"
        self.analisis = buku.analisis_terakhir(kode)
        self.mutakhir = buku.analisis_mutakhir(kode)
        self.arsip = buku.arsip(kode)

    # ------------------------------------------------------------------ judging

    def _baru(self, langkah: Langkah, keadaan: str, **isi: Any) -> StatusLangkah:
        return StatusLangkah(langkah, keadaan, langkah.teks_mutu_baku(self.batas_tanggal), **isi)

    def _rentang(
        self, langkah: Langkah, keadaan: str = SELESAI, keterangan: str = ""
    ) -> StatusLangkah:
        """A step from its events: first start to last end."""
        daftar = self.per_langkah.get(langkah.nomor, [])
        if not daftar:
            return self._baru(langkah, BELUM, keterangan=keterangan)
        mulai = min(_waktu(p.mulai) for p in daftar)
        if keadaan == SELESAI:
            selesai = max(_waktu(p.selesai) for p in daftar)
            assert langkah.mutu_baku is not None
            terpenuhi: bool | None = selesai - mulai <= langkah.mutu_baku
        else:
            selesai, terpenuhi = None, _lewat(langkah, mulai, self.kini)
        return self._baru(
            langkah,
            keadaan,
            mulai=mulai,
            selesai=selesai,
            oleh=_nama(daftar),
            terpenuhi=terpenuhi,
            keterangan=keterangan,
        )

    def _disposisi(self, langkah: Langkah, sebelum: StatusLangkah | None) -> StatusLangkah:
        daftar = self.per_langkah.get(langkah.nomor, [])
        if not daftar:
            return self._baru(langkah, BELUM)
        pertama = daftar[0]
        selesai = _waktu(pertama.selesai)
        mulai = sebelum.selesai if sebelum is not None and sebelum.selesai else selesai
        mulai = min(mulai, selesai)
        assert langkah.mutu_baku is not None
        rincian = _rincian(pertama)
        ket = f"kepada {rincian['kepada']}" if rincian.get("kepada") else ""
        if len(daftar) > 1:
            ket += f"{'; ' if ket else ''}dicatat {len(daftar)} kali"
        return self._baru(
            langkah,
            SELESAI,
            mulai=mulai,
            selesai=selesai,
            oleh=_nama(daftar),
            terpenuhi=selesai - mulai <= langkah.mutu_baku,
            keterangan=ket,
        )

    def _pengisian(self, langkah: Langkah, siap: StatusLangkah) -> StatusLangkah:
        """Step 4: started when the instruments were sent (``kinerja kirim``), else when
        the first filled one came in; done when every expected team has a submission
        accepted (or when the month is approved: then whoever is missing is named),
        met when none came after the deadline."""
        lk = self.lengkap
        lewat_batas = self.kini > self.akhir_batas
        batas = f"batas {format_tanggal(self.batas)}"
        kirim = self.per_langkah.get(langkah.nomor, [])
        dikirim = ""
        mulai_kirim: datetime | None = None
        if kirim:
            mulai_kirim = min(_waktu(p.mulai) for p in kirim)
            tim_dikirim = max(int(_rincian(p).get("tim", 0) or 0) for p in kirim)
            dikirim = f"instrumen dikirim {format_waktu(mulai_kirim)} ke {tim_dikirim} tim; "
        if self.terima_akhir is None:
            gagal = False if siap.keadaan == SELESAI and lewat_batas else None
            if mulai_kirim is not None:
                return self._baru(
                    langkah,
                    BERJALAN,
                    mulai=mulai_kirim,
                    oleh=_nama(kirim),
                    terpenuhi=gagal,
                    keterangan=f"{dikirim}belum ada isian masuk; {batas}",
                )
            return self._baru(
                langkah, BELUM, terpenuhi=gagal, keterangan=f"belum ada isian masuk; {batas}"
            )
        awal = _waktu(self.terima_awal)
        mulai = min(x for x in (siap.selesai, awal, mulai_kirim) if x is not None)
        bagian = [
            f"diterima {len(lk.diterima)}/{len(lk.diharapkan)} tim",
            f"tepat waktu {len(lk.tepat_waktu)}",
            f"terlambat {len(lk.terlambat)}"
            + (f" ({', '.join(lk.terlambat)})" if lk.terlambat else ""),
        ]
        if lk.belum:
            bagian.append(f"belum mengirim {len(lk.belum)} ({', '.join(k for k, _ in lk.belum)})")
        keterangan = dikirim + ", ".join(bagian) + f"; {batas}"
        oleh = f"{len(lk.diterima)} dari {len(lk.diharapkan)} tim"
        if not lk.belum or self.terkunci:
            return self._baru(
                langkah,
                SELESAI,
                mulai=mulai,
                selesai=_waktu(self.terima_akhir),
                oleh=oleh,
                terpenuhi=not lk.terlambat and not lk.belum,
                keterangan=keterangan + ("; ditutup saat bulan disetujui" if lk.belum else ""),
            )
        return self._baru(
            langkah,
            BERJALAN,
            mulai=mulai,
            oleh=oleh,
            terpenuhi=False if lk.terlambat or lewat_batas else None,
            keterangan=keterangan
            + f"; terakhir diterima {format_waktu(_waktu(self.terima_akhir))}",
        )

    def _himpun(self, langkah: Langkah) -> StatusLangkah:
        daftar = self.per_langkah.get(langkah.nomor, [])
        diterima = sum(int(_rincian(p).get("diterima", 0) or 0) for p in daftar)
        ket = f"{diterima} berkas diterima dalam {len(daftar)} kali himpun" if daftar else ""
        return self._rentang(langkah, keterangan=ket)

    def _analisis(self, langkah: Langkah) -> StatusLangkah:
        daftar = self.per_langkah.get(langkah.nomor, [])
        if not daftar:
            return self._baru(langkah, BELUM)
        waktu = format_waktu(_waktu(self.analisis.waktu)) if self.analisis is not None else "?"
        if not self.terkunci and not self.mutakhir:
            sebab = (
                "bulan dibuka kembali"
                if self.keputusan is not None and self.keputusan.jenis == "buka"
                else "data berubah"
            )
            return self._rentang(
                langkah,
                BERJALAN,
                f"{sebab} sesudah analisis terakhir ({waktu}); analisis perlu diulang",
            )
        return self._rentang(langkah, keterangan=f"{len(daftar)} kali dianalisis; terakhir {waktu}")

    def _tinjauan(self, langkah: Langkah) -> StatusLangkah:
        k = self.keputusan
        if not self.per_langkah.get(langkah.nomor):
            ket = "menunggu tinjauan Kasubbag Umum" if self.analisis is not None else ""
            return self._baru(langkah, BELUM, keterangan=ket)
        if k is not None and k.jenis == "setujui":
            ket = f"disetujui oleh {k.oleh} pada {format_waktu(_waktu(k.waktu))}"
            return self._rentang(langkah, SELESAI, ket)
        if k is None:
            ket = "koreksi dicatat; menunggu keputusan Kasubbag Umum"
        elif k.jenis == "tolak":
            ket = f"ditolak oleh {k.oleh}: {k.catatan}"
        else:
            ket = f"dibuka kembali oleh {k.oleh}: {k.catatan}"
        return self._rentang(langkah, BERJALAN, ket)

    def _dokumentasi(self, langkah: Langkah) -> StatusLangkah:
        if not self.arsip:
            return self._baru(langkah, BELUM)
        terakhir = self.arsip[-1]
        k = self.keputusan
        if self.terkunci and k is not None and terakhir.keputusan_id == k.id:
            ket = f"{terakhir.folder} (revisi {terakhir.revisi})"
            return self._rentang(langkah, SELESAI, ket)
        ket = f"{terakhir.folder} mengarsipkan persetujuan sebelumnya; " + (
            "persetujuan baru belum diarsipkan"
            if self.terkunci
            else "arsipkan lagi setelah disetujui kembali"
        )
        return self._baru(langkah, BELUM, keterangan=ket)

    def nilai(self) -> StatusBulan:
        s: list[StatusLangkah] = []
        s.append(self._disposisi(LANGKAH[0], None))
        s.append(self._disposisi(LANGKAH[1], s[0] if s[0].keadaan == SELESAI else None))
        s.append(self._rentang(LANGKAH[2]))
        s.append(self._pengisian(LANGKAH[3], s[2]))
        s.append(self._himpun(LANGKAH[4]))
        s.append(self._analisis(LANGKAH[5]))
        s.append(self._tinjauan(LANGKAH[6]))
        s.append(self._dokumentasi(LANGKAH[7]))
        return StatusBulan(self.periode, self.batas, tuple(s), self._berikutnya(s))

    def _berikutnya(self, s: list[StatusLangkah]) -> Berikutnya | None:
        p = self.periode

        def ke(nomor: int, alasan: str, perintah: str | None = None) -> Berikutnya:
            langkah = LANGKAH[nomor - 1]
            return Berikutnya(
                langkah,
                perintah or langkah.perintah_untuk(p, self.kepala, self.kasubbag),
                alasan,
            )

        k = self.keputusan
        if self.terkunci:
            if s[7].keadaan == SELESAI:
                return None
            return ke(8, "bulan sudah disetujui; arsipkan folder bulanannya")
        dianalisis_lagi = (
            self.analisis is not None
            and k is not None
            and k.analisis_id is not None
            and int(self.analisis.id) > int(k.analisis_id)
        )
        if k is not None and k.jenis == "tolak" and not dianalisis_lagi:
            return ke(
                6,
                f"ditolak Kasubbag Umum: {k.catatan}",
                f'kinerja koreksi --bulan {p.kode} ... --alasan "...", '
                f"lalu kinerja analisis --bulan {p.kode}",
            )
        if self.analisis is not None and not self.mutakhir:
            if k is not None and k.jenis == "buka":
                return ke(
                    6,
                    f"bulan dibuka kembali ({k.catatan}); koreksi bila perlu, lalu analisis "
                    "ulang sebelum disetujui lagi",
                )
            return ke(6, "data berubah sesudah analisis terakhir")
        if self.analisis is not None:
            return ke(7, "hasil analisis menunggu tinjauan Kasubbag Umum")
        if self.ada_kiriman:
            return ke(6, "isian sudah dihimpun")
        if s[2].keadaan == SELESAI:
            return ke(
                4, f"instrumen siap; isian ditunggu paling lambat {format_tanggal(self.batas)}"
            )
        if s[1].keadaan == SELESAI:
            return ke(3, "disposisi sudah sampai ke Tim SAKIP")
        if s[0].keadaan == SELESAI:
            return ke(2, "disposisi Kepala sudah dicatat")
        return ke(1, "belum ada kegiatan tercatat untuk bulan ini")
