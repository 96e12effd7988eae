"""pengingat: a month made with real filled instruments and `kinerja himpun`; exactly the
teams with nothing accepted or with galat findings are reminded, with their cells; the
WhatsApp page, the .eml files and SMTP delivery read back."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.pengingat import kirim_pengingat, teks_sisa
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from pengumpulan_kinerja.temuan import dari_catatan
from tests.pembantu import atur_waktu, isi_bulan
from tests.test_kirim import Penampung, Server, _jalankan, ganti_konfigurasi, pakai_smtp

JUNI = Periode(2022, 6)
SEBELUM_BATAS = datetime(2022, 7, 5, 9, 0)
runner = CliRunner()


def _salah_dti(kode: str, isian: dict[str, dict[str, object]]) -> None:
    if kode == "DTI":
        isian["IKK-1.7"]["realisasi"] = "tujuh kanal"  # bukan-angka
        isian["IKK-1.5"]["realisasi"] = 150  # di-luar-batas (maks 100)


@pytest.fixture
def bulan(ruang: RuangKerja) -> RuangKerja:
    """June: FPP sent nothing, DTI sent two wrong values, KMT was late (a warning only)."""
    folder = isi_bulan(ruang, JUNI, kecuali=["FPP"], ubah=_salah_dti, terlambat=["KMT"])
    hasil = runner.invoke(app, ["himpun", str(folder), "--bulan", "6", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1, hasil.output  # DTI's galat findings
    return ruang


def baris_indikator(ruang: RuangKerja, tim: str, kode: str) -> int:
    ws = load_workbook(ruang.folder_instrumen(JUNI) / f"{tim}_2022-06.xlsx")["Capaian"]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == kode)


def baca_eml(berkas: Path) -> EmailMessage:
    m = email.message_from_bytes(berkas.read_bytes(), policy=policy.default)
    assert isinstance(m, EmailMessage)
    return m


def isi(m: EmailMessage) -> str:
    badan = m.get_body(("plain",))
    assert badan is not None
    return str(badan.get_content()).replace("\r\n", "\n")


def test_memilih_tepat_tim_belum_mengirim_dan_bergalat(bulan: RuangKerja) -> None:
    hasil = kirim_pengingat(bulan, JUNI, kini=SEBELUM_BATAS, oleh="Tim SAKIP")
    assert [p.tim.kode for p in hasil.pengingat] == ["FPP", "DTI"]  # configuration order
    assert [p.sebab for p in hasil.pengingat] == ["belum-mengirim", "ada-galat"]
    fpp, dti = hasil.pengingat

    # DTI: both galat findings, each with its cell, as the ledger stored them
    j17 = f"Capaian!J{baris_indikator(bulan, 'DTI', 'IKK-1.7')}"
    j15 = f"Capaian!J{baris_indikator(bulan, 'DTI', 'IKK-1.5')}"
    with bulan.buka_buku_besar() as buku:
        galat_buku = [t for t in dari_catatan(buku.temuan_aktif("2022-06")) if t.galat]
    assert {(t.tim, t.lembar + "!" + t.sel) for t in galat_buku} == {("DTI", j17), ("DTI", j15)}
    assert {t.kode for t in galat_buku} == {"bukan-angka", "di-luar-batas"}
    for t in galat_buku:
        assert f"- {t.lembar}!{t.sel} ({t.indikator}): {t.pesan}" in dti.teks
    assert "masih memuat 2 kesalahan" in dti.teks
    assert "Batas pengumpulan: Kamis, 7 Juli 2022 (2 hari lagi)." in dti.teks
    assert "belum menerima isian instrumen Juni 2022" in fpp.teks
    assert "Capaian!" not in fpp.teks

    # the .eml files: FPP without attachment, DTI with its feedback workbook
    folder = bulan.akar / "keluar" / "2022-06" / "pengingat"
    m_fpp = baca_eml(folder / "FPP_2022-06.eml")
    assert m_fpp["To"].addresses[0].addr_spec == "nurhayati@kemdikbud.go.id"
    assert "Juni 2022" in m_fpp["Subject"] and "Kamis, 7 Juli 2022" in m_fpp["Subject"]
    assert isi(m_fpp).strip() == fpp.teks.strip()
    assert list(m_fpp.iter_attachments()) == []
    m_dti = baca_eml(folder / "DTI_2022-06.eml")
    assert "perbaikan isian" in m_dti["Subject"]
    (lampiran,) = list(m_dti.iter_attachments())
    assert lampiran.get_filename() == "umpan-balik-DTI-2022-06.xlsx"
    assert lampiran.get_content() == (folder / "umpan-balik-DTI-2022-06.xlsx").read_bytes()
    ws = load_workbook(folder / "umpan-balik-DTI-2022-06.xlsx")["Umpan Balik"]
    sel = {(ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(6, ws.max_row + 1)}
    assert ("Capaian", j17.split("!")[1]) in sel and ("Capaian", j15.split("!")[1]) in sel

    with bulan.buka_buku_besar() as buku:
        catatan = buku.pengiriman("2022-06", "pengingat")
    assert sorted(p.tim for p in catatan) == ["DTI", "FPP"]
    assert {p.cara for p in catatan} == {"eml"}
    assert {p.message_id for p in catatan} == {m_fpp["Message-ID"], m_dti["Message-ID"]}


def test_kiriman_pengganti_tanpa_galat_tidak_diingatkan_lagi(bulan: RuangKerja) -> None:
    folder = bulan.akar / "masuk" / "perbaikan"
    isi_bulan(bulan, JUNI, folder=folder, kecuali=["PM", "FPD", "FPM", "FPP", "KMT", "UMM"])
    (berkas,) = list(folder.iterdir())
    atur_waktu(berkas, datetime(2022, 7, 6, 8, 0))  # received after the first one
    hasil = runner.invoke(app, ["himpun", str(folder), "--bulan", "6", "-R", str(bulan.akar)])
    assert hasil.exit_code == 0, hasil.output
    pengingat = kirim_pengingat(bulan, JUNI, kini=SEBELUM_BATAS)
    assert [p.tim.kode for p in pengingat.pengingat] == ["FPP"]


def test_hari_tersisa_dan_lewat() -> None:
    batas = JUNI.batas(7)
    assert teks_sisa(batas, datetime(2022, 7, 5).date()) == "2 hari lagi"
    assert teks_sisa(batas, batas) == "hari ini batas terakhirnya"
    assert teks_sisa(batas, datetime(2022, 7, 10).date()) == "sudah lewat 3 hari"


class _Tautan(HTMLParser):
    """Every URL the page refers to, and the text areas' contents."""

    def __init__(self) -> None:
        super().__init__()
        self.url: list[tuple[str, str, str]] = []
        self.teks: dict[str, str] = {}
        self._kotak: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for nama, nilai in attrs:
            if nama in ("href", "src", "action", "data", "poster", "srcset") and nilai:
                self.url.append((tag, nama, nilai))
        if tag == "textarea":
            self._kotak = dict(attrs).get("id") or ""
            self.teks[self._kotak] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._kotak = None

    def handle_data(self, data: str) -> None:
        if self._kotak is not None:
            self.teks[self._kotak] += data


def test_halaman_whatsapp_mandiri(bulan: RuangKerja) -> None:
    ruang = ganti_konfigurasi(bulan, 'telepon: "085269014455"', 'telepon: "0852-6901-4455"')
    hasil = runner.invoke(app, ["pengingat", "--bulan", "6", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "FPP: belum mengirim" in hasil.output and "DTI: 2 galat" in hasil.output
    halaman = ruang.akar / "keluar" / "2022-06" / "pengingat-2022-06.html"
    html = halaman.read_text(encoding="utf-8")
    pengurai = _Tautan()
    pengurai.feed(html)
    # self-contained: no stylesheet, script, image or font is loaded from anywhere
    assert all(tag == "a" and nama == "href" for tag, nama, _ in pengurai.url)
    assert "url(" not in html and "@import" not in html and "<link" not in html
    assert "<script src" not in html
    tautan = {urlsplit(u).path.strip("/"): u for _, _, u in pengurai.url}
    # 0852-6901-4455 (FPP) and 0811-7233-4021 (DTI), normalised
    assert set(tautan) == {"6285269014455", "6281172334021"}
    for nomor, url in tautan.items():
        bagian = urlsplit(url)
        assert bagian.scheme == "https" and bagian.netloc == "wa.me"
        assert re.fullmatch(r"text=[A-Za-z0-9%._~-]+", bagian.query)  # fully URL-encoded
        teks = parse_qs(bagian.query)["text"][0]
        assert unquote(bagian.query[5:]) == teks
        kode = "FPP" if nomor == "6285269014455" else "DTI"
        assert pengurai.teks[f"teks-{kode}"] == teks  # the same text to copy
        assert "Kamis, 7 Juli 2022" in teks
    assert "Capaian!J" in pengurai.teks["teks-DTI"]


def test_tanpa_telepon_dan_tanpa_surel(bulan: RuangKerja) -> None:
    ruang = ganti_konfigurasi(
        bulan,
        '"198108252006042001",\n            surel: nurhayati@kemdikbud.go.id, '
        'telepon: "085269014455"}',
        '"198108252006042001"}',
    )
    hasil = runner.invoke(app, ["pengingat", "--bulan", "6", "-R", str(ruang.akar)])
    assert hasil.exit_code == 1, hasil.output
    assert "tanpa alamat" in hasil.output
    assert not (ruang.akar / "keluar" / "2022-06" / "pengingat" / "FPP_2022-06.eml").exists()
    html = (ruang.akar / "keluar" / "2022-06" / "pengingat-2022-06.html").read_text("utf-8")
    assert 'id="teks-FPP"' in html and "Nomor telepon ketua belum diisi" in html
    assert "wa.me/6285269014455" not in html


def test_coba_tidak_menulis(bulan: RuangKerja) -> None:
    hasil = runner.invoke(app, ["pengingat", "--bulan", "6", "--coba", "-R", str(bulan.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "FPP" in hasil.output and "DTI" in hasil.output
    assert not (bulan.akar / "keluar").exists()
    with bulan.buka_buku_besar() as buku:
        assert buku.pengiriman("2022-06") == []


@pytest.fixture
def smtp() -> Iterator[Server]:
    yield from _jalankan(Penampung())


def test_pengingat_lewat_smtp(bulan: RuangKerja, smtp: Server) -> None:
    ruang = pakai_smtp(bulan, smtp.port)
    hasil = runner.invoke(app, ["pengingat", "--bulan", "6", "--smtp", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    surat = smtp.penampung.surat()
    assert set(surat) == {"nurhayati@kemdikbud.go.id", "yudi.pratama@kemdikbud.go.id"}
    dti = surat["yudi.pratama@kemdikbud.go.id"]
    assert "Capaian!J" in isi(dti) and "Juni 2022" in dti["Subject"]
    (lampiran,) = list(dti.iter_attachments())
    assert lampiran.get_filename() == "umpan-balik-DTI-2022-06.xlsx"
    with ruang.buka_buku_besar() as buku:
        assert {(p.tim, p.cara) for p in buku.pengiriman("2022-06", "pengingat")} == {
            ("FPP", "smtp"),
            ("DTI", "smtp"),
        }
