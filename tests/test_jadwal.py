"""jadwal: the deadlines calendar, parsed back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Calendar
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.jadwal import buat_kalender, uid_tenggat
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

runner = CliRunner()


def baca(ruang: RuangKerja, tahun: int = 2022) -> Calendar:
    return Calendar.from_ical((ruang.akar / "keluar" / f"jadwal-{tahun}.ics").read_bytes())


def test_dua_belas_tenggat_sehari_penuh_dengan_alarm(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["jadwal", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "Kamis, 7 Juli 2022" in hasil.output and "keluar/jadwal-2022.ics" in hasil.output
    kal = baca(ruang)
    assert kal["VERSION"] == "2.0" and str(kal["PRODID"]).startswith("-//kinerja//")
    acara = list(kal.walk("VEVENT"))
    assert len(acara) == 12
    mulai = [a.decoded("DTSTART") for a in acara]
    assert mulai == [date(2022, b + 1, 7) for b in range(1, 12)] + [date(2023, 1, 7)]
    for a, tgl in zip(acara, mulai, strict=True):
        assert type(tgl) is date  # all-day: a DATE, not a DATE-TIME
        assert a.decoded("DTEND") == tgl + timedelta(days=1)
        assert isinstance(a.decoded("DTSTAMP"), datetime)
        assert a.decoded("DTSTAMP").utcoffset() == timedelta(0)
        (alarm,) = a.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm.get("DESCRIPTION")
        assert alarm.decoded("TRIGGER") == timedelta(days=-2)
    juni = acara[5]
    assert str(juni["SUMMARY"]) == "Batas pengumpulan data kinerja Juni 2022"
    assert "Kamis, 7 Juli 2022" in str(juni["DESCRIPTION"])
    # RFC 5545 line folding and CRLF
    mentah = (ruang.akar / "keluar" / "jadwal-2022.ics").read_bytes()
    assert mentah.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(b) <= 75 for b in mentah.split(b"\r\n"))


def test_uid_tetap_antar_jalan_dan_unik(ruang: RuangKerja) -> None:
    assert runner.invoke(app, ["jadwal", "-R", str(ruang.akar)]).exit_code == 0
    pertama = [str(a["UID"]) for a in baca(ruang).walk("VEVENT")]
    assert runner.invoke(app, ["jadwal", "-R", str(ruang.akar)]).exit_code == 0
    kedua = [str(a["UID"]) for a in baca(ruang).walk("VEVENT")]
    assert pertama == kedua and len(set(pertama)) == 12
    assert pertama[5] == uid_tenggat("BPMP Provinsi Lampung", Periode(2022, 6))
    # another unit or another year: other UIDs (no clash when both are imported)
    _, lain = buat_kalender("BPMP Provinsi Bengkulu", 2022, 7)
    _, tahun_depan = buat_kalender("BPMP Provinsi Lampung", 2023, 7)
    assert not set(pertama) & {t.uid for t in lain}
    assert not set(pertama) & {t.uid for t in tahun_depan}


def test_tahun_lain_dan_coba(ruang: RuangKerja) -> None:
    coba = runner.invoke(app, ["jadwal", "--tahun", "2023", "--coba", "-R", str(ruang.akar)])
    assert coba.exit_code == 0, coba.output
    assert not (ruang.akar / "keluar").exists()
    hasil = runner.invoke(app, ["jadwal", "--tahun", "2023", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    acara = list(baca(ruang, 2023).walk("VEVENT"))
    assert acara[1].decoded("DTSTART") == date(2023, 3, 7)  # Februari 2023 → 7 Maret


def test_batas_akhir_bulan_dipotong(ruang: RuangKerja) -> None:
    """A deadline day past the end of the next month falls on its last day."""
    _, tenggat = buat_kalender("X", 2022, 31)
    assert [t.batas for t in tenggat][:2] == [date(2022, 2, 28), date(2022, 3, 31)]
