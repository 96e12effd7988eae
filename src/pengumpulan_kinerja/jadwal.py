"""jadwal: the year's collection deadlines as a calendar file (SPEC section 15).

``keluar/jadwal-2022.ics`` (RFC 5545, written with ``icalendar``): one all-day event
per reporting month on its deadline date, with a reminder two days before. Each
event's UID is derived from the unit, the year and the month, so importing the file
again (or a regenerated one) updates the events instead of duplicating them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from .galat import PenggunaanError
from .periode import Periode, format_tanggal
from .ruang_kerja import RuangKerja, tulis_atomik

PRODID = "-//kinerja//POS Pengumpulan Data Kinerja//ID"
HARI_PENGINGAT = 2
_RUANG_NAMA = uuid.UUID("5f0c3a52-8d4e-4f0e-9a57-6b1b2d0e4c11")
"""Namespace of the event UIDs (fixed: changing it would duplicate imported events)."""


@dataclass(frozen=True)
class Tenggat:
    periode: Periode
    batas: date
    uid: str


@dataclass(frozen=True)
class HasilJadwal:
    tahun: int
    berkas: Path
    tenggat: tuple[Tenggat, ...]
    coba: bool

    def sebagai_json(self, ruang: RuangKerja) -> dict[str, object]:
        return {
            "tahun": self.tahun,
            "berkas": ruang.relatif(self.berkas),
            "coba": self.coba,
            "tenggat": [
                {"periode": t.periode.kode, "batas": t.batas.isoformat(), "uid": t.uid}
                for t in self.tenggat
            ],
        }


def uid_tenggat(satker: str, periode: Periode) -> str:
    """Stable UID of a month's deadline event: the same unit, year and month always
    give the same UID."""
    kunci = f"{satker.strip().casefold()}|{periode.kode}"
    return f"batas-{periode.kode}-{uuid.uuid5(_RUANG_NAMA, kunci)}@kinerja"


def buat_kalender(
    satker: str, tahun: int, batas_tanggal: int, dibuat: datetime | None = None
) -> tuple[Calendar, list[Tenggat]]:
    """The calendar of the twelve deadlines of ``tahun``."""
    dibuat = (dibuat or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    kal = Calendar()
    kal.add("prodid", PRODID)
    kal.add("version", "2.0")
    kal.add("calscale", "GREGORIAN")
    kal.add("method", "PUBLISH")
    kal.add("x-wr-calname", f"Batas pengumpulan data kinerja {tahun} – {satker}")
    tenggat: list[Tenggat] = []
    for bulan in range(1, 13):
        periode = Periode(tahun, bulan)
        batas = periode.batas(batas_tanggal)
        uid = uid_tenggat(satker, periode)
        acara = Event()
        acara.add("uid", uid)
        acara.add("dtstamp", dibuat)
        acara.add("dtstart", batas)
        acara.add("dtend", batas + timedelta(days=1))
        acara.add("summary", f"Batas pengumpulan data kinerja {periode.label}")
        acara.add(
            "description",
            f"Batas pengumpulan isian instrumen capaian kinerja {periode.label} "
            f"({satker}), POS Pengumpulan Data Kinerja langkah 4: {format_tanggal(batas)}. "
            "Ketua Tim Kerja mengirim instrumen yang sudah diisi kepada Tim SAKIP.",
        )
        acara.add("transp", "TRANSPARENT")
        acara.add("categories", ["Kinerja"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description",
            f"{HARI_PENGINGAT} hari lagi: batas pengumpulan data kinerja {periode.label} "
            f"({format_tanggal(batas)})",
        )
        alarm.add("trigger", timedelta(days=-HARI_PENGINGAT))
        acara.add_component(alarm)
        kal.add_component(acara)
        tenggat.append(Tenggat(periode, batas, uid))
    return kal, tenggat


def tulis_jadwal(ruang: RuangKerja, tahun: int | None = None, coba: bool = False) -> HasilJadwal:
    """Write ``keluar/jadwal-TAHUN.ics`` (the configured year by default)."""
    konfigurasi = ruang.konfigurasi
    tahun = konfigurasi.tahun if tahun is None else tahun
    if not 2000 <= tahun <= 2100:
        raise PenggunaanError(
            f"Tahun {tahun} di luar rentang yang dikenal.", "Tulis tahun empat angka, mis. 2022."
        )
    kal, tenggat = buat_kalender(konfigurasi.satker.nama, tahun, konfigurasi.batas_tanggal)
    berkas = ruang.akar / "keluar" / f"jadwal-{tahun}.ics"
    if not coba:
        tulis_atomik(berkas, kal.to_ical())
    return HasilJadwal(tahun, berkas, tuple(tenggat), coba)
