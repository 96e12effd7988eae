"""kirim: instrument e-mails as .eml drafts and through a real SMTP server on 127.0.0.1
(aiosmtpd), read back with the standard library's email parser; the new configuration
keys and the phone normaliser."""

from __future__ import annotations

import email
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import KonfigurasiError
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.kirim import SmtpError, kirim_instrumen
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi, normalisasi_telepon
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

JUNI = Periode(2022, 6)
TIM = ("PM", "FPD", "FPM", "FPP", "KMT", "DTI", "UMM")
SUREL_PM = "rina.marlina@kemdikbud.go.id"
runner = CliRunner()


# --------------------------------------------------------------------------- SMTP server


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Penampung:
    """An aiosmtpd handler keeping every message it accepted; it refuses ``tolak``."""

    tolak: set[str] = field(default_factory=set)
    pesan: list[tuple[list[str], bytes]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.tolak:
            return "550 5.1.1 Kotak surat tidak ada"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.pesan.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Pesan diterima"

    def surat(self) -> dict[str, EmailMessage]:
        """Accepted messages by recipient, parsed back."""
        hasil: dict[str, EmailMessage] = {}
        for penerima, data in self.pesan:
            m = email.message_from_bytes(data, policy=policy.default)
            assert isinstance(m, EmailMessage)
            hasil[penerima[0]] = m
        return hasil


@dataclass
class Server:
    penampung: Penampung
    port: int
    masuk: list[tuple[str, str]] = field(default_factory=list)


def _jalankan(penampung: Penampung, **opsi: Any) -> Iterator[Server]:
    port = port_bebas()
    server = Server(penampung, port)
    controller = Controller(penampung, hostname="127.0.0.1", port=port, **opsi)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[Server]:
    yield from _jalankan(Penampung())


@pytest.fixture
def smtp_auth() -> Iterator[Server]:
    masuk: list[tuple[str, str]] = []

    def periksa(server: Any, session: Any, envelope: Any, mekanisme: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        masuk.append((data.login.decode(), data.password.decode()))
        ok = data.login == b"sakip" and data.password == b"rahasia-123"
        return AuthResult(success=ok, handled=False)  # False: the server answers 535

    for s in _jalankan(
        Penampung(), auth_required=True, auth_require_tls=False, authenticator=periksa
    ):
        s.masuk = masuk
        yield s


def pakai_smtp(ruang: RuangKerja, port: int, pengguna: str = "") -> RuangKerja:
    tambahan = f", pengguna: {pengguna}" if pengguna else ""
    with open(ruang.berkas_konfigurasi, "a", encoding="utf-8") as f:
        f.write(f"\nsmtp: {{host: 127.0.0.1, port: {port}, keamanan: tanpa{tambahan}}}\n")
    return RuangKerja(ruang.akar)


def ganti_konfigurasi(ruang: RuangKerja, lama: str, baru: str) -> RuangKerja:
    teks = ruang.berkas_konfigurasi.read_text(encoding="utf-8")
    assert lama in teks
    ruang.berkas_konfigurasi.write_text(teks.replace(lama, baru, 1), encoding="utf-8")
    return RuangKerja(ruang.akar)


@pytest.fixture
def juni(ruang: RuangKerja) -> RuangKerja:
    buat_instrumen(ruang, JUNI, oleh="uji")
    return ruang


def jalankan(ruang: RuangKerja, *argumen: str, sandi: str | None = None) -> Any:
    env = {"KINERJA_SMTP_SANDI": sandi} if sandi is not None else {"KINERJA_SMTP_SANDI": ""}
    return runner.invoke(app, [*argumen, "-R", str(ruang.akar)], env=env)


def baca_eml(berkas: Path) -> EmailMessage:
    m = email.message_from_bytes(berkas.read_bytes(), policy=policy.default)
    assert isinstance(m, EmailMessage)
    return m


def periksa_surat(m: EmailMessage, ruang: RuangKerja, kode: str) -> None:
    """Subject and body name the month and the deadline in Indonesian, the instrument
    is attached byte for byte under its own name."""
    tim = ruang.konfigurasi.cari_tim(kode)
    assert tim is not None
    assert "Juni 2022" in m["Subject"] and "Kamis, 7 Juli 2022" in m["Subject"]
    (penerima,) = m["To"].addresses
    assert penerima.addr_spec == tim.ketua.surel
    assert penerima.display_name == tim.ketua.nama
    assert m["From"].addresses[0].addr_spec == "sakip.bpmplampung@kemdikbud.go.id"
    assert m["Message-ID"].startswith("<") and m["Message-ID"].endswith("@kemdikbud.go.id>")
    badan = m.get_body(("plain",))
    assert badan is not None
    isi = badan.get_content()
    assert "Juni 2022" in isi and "Batas pengumpulan: Kamis, 7 Juli 2022." in isi
    assert "Kirim kembali berkas itu" in isi and tim.ketua.nama in isi
    (lampiran,) = list(m.iter_attachments())
    nama = f"{kode}_2022-06.xlsx"
    assert lampiran.get_filename() == nama
    assert lampiran.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert lampiran.get_content() == (ruang.folder_instrumen(JUNI) / nama).read_bytes()


# --------------------------------------------------------------------------- .eml


def test_eml_ditulis_dibaca_kembali_dicatat_dan_tidak_diulang(juni: RuangKerja) -> None:
    hasil = jalankan(juni, "kirim", "2022-06", "--oleh", "Tim SAKIP")
    assert hasil.exit_code == 0, hasil.output
    assert "7 surel ditulis" in hasil.output
    folder = juni.akar / "keluar" / "2022-06"
    for kode in TIM:
        m = baca_eml(folder / f"{kode}_2022-06.eml")
        periksa_surat(m, juni, kode)
        assert m["X-Unsent"] == "1"
    with juni.buka_buku_besar() as buku:
        catatan = buku.pengiriman("2022-06", "instrumen")
        peristiwa = [p for p in buku.peristiwa("2022-06") if p.langkah == 4]
    assert sorted(p.tim for p in catatan) == sorted(TIM)
    pm = next(p for p in catatan if p.tim == "PM")
    assert pm.cara == "eml" and pm.tujuan == SUREL_PM and pm.oleh == "Tim SAKIP"
    assert pm.berkas == "keluar/2022-06/PM_2022-06.eml"
    assert pm.message_id == baca_eml(folder / "PM_2022-06.eml")["Message-ID"]
    assert len(peristiwa) == 1 and peristiwa[0].aksi == "kirim"
    assert json.loads(peristiwa[0].rincian) == {"tim": 7, "cara": "eml"}

    # again: nothing written, nothing recorded
    isi_lama = (folder / "PM_2022-06.eml").read_bytes()
    lagi = jalankan(juni, "kirim", "6")
    assert lagi.exit_code == 0, lagi.output
    assert "0 surel ditulis, 7 dilewati" in lagi.output and "--ulang" in lagi.output
    assert (folder / "PM_2022-06.eml").read_bytes() == isi_lama
    with juni.buka_buku_besar() as buku:
        assert len(buku.pengiriman("2022-06")) == 7
        assert sum(1 for p in buku.peristiwa("2022-06") if p.langkah == 4) == 1

    # --ulang for one team: a new message with a new Message-ID
    ulang = jalankan(juni, "kirim", "Juni", "--tim", "pm", "--ulang")
    assert ulang.exit_code == 0, ulang.output
    baru = baca_eml(folder / "PM_2022-06.eml")
    assert baru["Message-ID"] != pm.message_id
    with juni.buka_buku_besar() as buku:
        pm_semua = [p for p in buku.pengiriman("2022-06") if p.tim == "PM"]
    assert [p.message_id for p in pm_semua] == [pm.message_id, baru["Message-ID"]]


def test_nama_indonesia_di_kepala_surel_utf8(juni: RuangKerja) -> None:
    nama = "Ni Luh Putu Ayu Prādnyāni, S.Pd., M.Pd."  # non-ASCII and a comma
    ruang = ganti_konfigurasi(juni, '"Dr. Rina Marlina, M.Pd."', f'"{nama}"')
    hasil = kirim_instrumen(ruang, JUNI, tim="PM")
    assert hasil.tim[0].berkas is not None
    mentah = hasil.tim[0].berkas.read_bytes()
    assert mentah.isascii()  # RFC 2047 encoded headers, quoted-printable body
    assert b"\r\n" in mentah
    m = baca_eml(hasil.tim[0].berkas)
    assert m["To"].addresses[0].display_name == nama
    badan = m.get_body(("plain",))
    assert badan is not None and f"Yth. {nama}" in badan.get_content()


def test_tim_tanpa_alamat_ditampilkan_dan_keluar_1(juni: RuangKerja) -> None:
    ruang = ganti_konfigurasi(juni, f"surel: {SUREL_PM}, ", "")
    hasil = jalankan(ruang, "kirim", "2022-06")
    assert hasil.exit_code == 1, hasil.output
    assert "tanpa alamat" in hasil.output and "tim[0].ketua.surel" in hasil.output
    assert "6 surel ditulis" in hasil.output
    assert not (ruang.akar / "keluar" / "2022-06" / "PM_2022-06.eml").exists()
    with ruang.buka_buku_besar() as buku:
        assert "PM" not in {p.tim for p in buku.pengiriman("2022-06")}


def test_menolak_tanpa_instrumen_dan_coba_tidak_menulis(ruang: RuangKerja) -> None:
    hasil = jalankan(ruang, "kirim", "2022-06")
    assert hasil.exit_code == 1
    assert "kinerja buat-instrumen 2022-06" in hasil.output
    assert not (ruang.akar / "keluar").exists()

    buat_instrumen(ruang, JUNI, oleh="uji")
    coba = jalankan(ruang, "kirim", "2022-06", "--coba")
    assert coba.exit_code == 0, coba.output
    assert "7 akan ditulis" in coba.output
    assert not (ruang.akar / "keluar").exists()
    with ruang.buka_buku_besar() as buku:
        assert buku.pengiriman("2022-06") == []
        assert not [p for p in buku.peristiwa("2022-06") if p.langkah == 4]


def test_json(juni: RuangKerja) -> None:
    hasil = jalankan(juni, "kirim", "2022-06", "--tim", "DTI", "--json")
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert data["batas"] == "2022-07-07" and data["cara"] == "eml"
    assert data["tim"][0]["berkas"] == "keluar/2022-06/DTI_2022-06.eml"
    assert data["tim"][0]["status"] == "ditulis"


# --------------------------------------------------------------------------- SMTP


def test_smtp_terkirim_utuh_dan_tidak_diulang(juni: RuangKerja, smtp: Server) -> None:
    ruang = pakai_smtp(juni, smtp.port)
    hasil = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert hasil.exit_code == 0, hasil.output
    assert "7 surel dikirim" in hasil.output
    surat = smtp.penampung.surat()
    assert len(smtp.penampung.pesan) == 7
    for kode in TIM:
        tim = ruang.konfigurasi.cari_tim(kode)
        assert tim is not None
        m = surat[tim.ketua.surel]
        periksa_surat(m, ruang, kode)
        assert m["X-Unsent"] is None  # a sent message is not a draft
    with ruang.buka_buku_besar() as buku:
        catatan = buku.pengiriman("2022-06", "instrumen")
        rincian = [json.loads(p.rincian) for p in buku.peristiwa("2022-06")]
    assert {p.cara for p in catatan} == {"smtp"} and len(catatan) == 7
    assert {p.message_id for p in catatan} == {m["Message-ID"] for m in surat.values()}
    assert {"tim": 7, "cara": "smtp"} in rincian
    # the copy of what went out is what the ledger points to
    pm = next(p for p in catatan if p.tim == "PM")
    assert baca_eml(ruang.akar / pm.berkas)["Message-ID"] == pm.message_id

    lagi = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert lagi.exit_code == 0, lagi.output
    assert len(smtp.penampung.pesan) == 7  # nothing sent again
    assert "7 dilewati" in lagi.output

    ulang = jalankan(ruang, "kirim", "2022-06", "--smtp", "--ulang", "--tim", "FPP")
    assert ulang.exit_code == 0, ulang.output
    assert len(smtp.penampung.pesan) == 8
    assert smtp.penampung.pesan[-1][0] == ["nurhayati@kemdikbud.go.id"]


def test_smtp_satu_penerima_ditolak(juni: RuangKerja, smtp: Server) -> None:
    smtp.penampung.tolak.add(SUREL_PM)
    ruang = pakai_smtp(juni, smtp.port)
    hasil = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert hasil.exit_code == 1, hasil.output
    assert "gagal" in hasil.output and "550" in hasil.output
    assert "6 surel dikirim, 1 gagal" in hasil.output
    penerima = {r[0] for r, _ in smtp.penampung.pesan}
    assert len(penerima) == 6 and SUREL_PM not in penerima
    with ruang.buka_buku_besar() as buku:
        assert "PM" not in {p.tim for p in buku.pengiriman("2022-06")}
        assert len(buku.pengiriman("2022-06")) == 6

    # the server accepts again: only PM is sent on the next run
    smtp.penampung.tolak.clear()
    lagi = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert lagi.exit_code == 0, lagi.output
    assert [r for r, _ in smtp.penampung.pesan[6:]] == [[SUREL_PM]]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_login_sandi_dari_lingkungan(juni: RuangKerja, smtp_auth: Server) -> None:
    ruang = pakai_smtp(juni, smtp_auth.port, pengguna="sakip")
    tanpa = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert tanpa.exit_code == 2
    assert "KINERJA_SMTP_SANDI" in tanpa.output

    salah = jalankan(ruang, "kirim", "2022-06", "--smtp", sandi="keliru")
    assert salah.exit_code == 1, salah.output
    assert "menolak masuk" in salah.output and "Tidak ada yang dikirim" in salah.output
    assert smtp_auth.penampung.pesan == []

    benar = jalankan(ruang, "kirim", "2022-06", "--smtp", "--tim", "UMM", sandi="rahasia-123")
    assert benar.exit_code == 0, benar.output
    assert smtp_auth.masuk[-1] == ("sakip", "rahasia-123")
    assert [r for r, _ in smtp_auth.penampung.pesan] == [["siti.aminah@kemdikbud.go.id"]]
    with ruang.buka_buku_besar() as buku:
        assert [p.tim for p in buku.pengiriman("2022-06")] == ["UMM"]


def test_smtp_server_tidak_ada(juni: RuangKerja) -> None:
    ruang = pakai_smtp(juni, port_bebas())
    hasil = jalankan(ruang, "kirim", "2022-06", "--smtp")
    assert hasil.exit_code == 1
    assert "tidak dapat dihubungi" in hasil.output
    with ruang.buka_buku_besar() as buku:
        assert buku.pengiriman("2022-06") == []


def test_smtp_tanpa_konfigurasi(juni: RuangKerja) -> None:
    hasil = jalankan(juni, "kirim", "2022-06", "--smtp")
    assert hasil.exit_code == 2 and "bagian smtp" in hasil.output


# --------------------------------------------------------------------------- configuration


def _teks_contoh(ruang: RuangKerja) -> str:
    return ruang.berkas_konfigurasi.read_text(encoding="utf-8")


def test_konfigurasi_kunci_baru_terbaca(ruang: RuangKerja) -> None:
    k = baca_konfigurasi(
        _teks_contoh(ruang) + "smtp: {host: smtp.kemdikbud.go.id, keamanan: ssl, pengguna: sakip}\n"
    )
    pm, fpd = k.tim[0], k.tim[1]
    assert pm.ketua.surel == SUREL_PM and pm.ketua.telepon == "6281272013344"
    assert fpd.ketua.telepon == "6281367021188"  # "+62 813-6702-1188"
    assert k.pengirim is not None and k.pengirim.surel == "sakip.bpmplampung@kemdikbud.go.id"
    assert k.smtp is not None and (k.smtp.port, k.smtp.keamanan) == (465, "ssl")
    assert k.smtp.pengguna == "sakip"


def test_konfigurasi_sandi_di_yaml_ditolak_dengan_baris(ruang: RuangKerja) -> None:
    teks = _teks_contoh(ruang) + "smtp:\n  host: smtp.kemdikbud.go.id\n  sandi: rahasia\n"
    baris_sandi = teks.splitlines().index("  sandi: rahasia") + 1
    with pytest.raises(KonfigurasiError) as info:
        baca_konfigurasi(teks)
    (masalah,) = info.value.masalah
    assert masalah.jalur == "smtp.sandi" and masalah.baris == baris_sandi
    assert "KINERJA_SMTP_SANDI" in masalah.pesan


def test_konfigurasi_telepon_surel_salah_bernomor_baris(ruang: RuangKerja) -> None:
    teks = (
        _teks_contoh(ruang)
        .replace('telepon: "0812-7201-3344"', 'telepon: "0812-72O1"')
        .replace("surel: agus.setiawan@kemdikbud.go.id", "surel: agus.setiawan")
    )
    with pytest.raises(KonfigurasiError) as info:
        baca_konfigurasi(teks)
    jalur = {m.jalur: m for m in info.value.masalah}
    assert set(jalur) == {"tim[0].ketua.telepon", "tim[1].ketua.surel"}
    baris = teks.splitlines()
    assert "0812-72O1" in baris[(jalur["tim[0].ketua.telepon"].baris or 0) - 1]
    assert "agus.setiawan" in baris[(jalur["tim[1].ketua.surel"].baris or 0) - 1]


@pytest.mark.parametrize(
    ("masukan", "hasil"),
    [
        ("0812-3456-789", "628123456789"),
        ("+62 812-3456-789", "628123456789"),
        ("62812 3456 789", "628123456789"),
        (628123456789, "628123456789"),
        ("(0721) 123456", "62721123456"),
        ("+62 (0)812 3456 789", "628123456789"),
    ],
)
def test_normalisasi_telepon_contoh(masukan: str | int, hasil: str) -> None:
    assert normalisasi_telepon(masukan) == hasil


@pytest.mark.parametrize("salah", ["", "0812", "+1 202 555 0100", "0812-3456-78x", "00812345678"])
def test_normalisasi_telepon_menolak(salah: str) -> None:
    with pytest.raises(ValueError):
        normalisasi_telepon(salah)


_PEMISAH = st.sampled_from(["", " ", "-", ".", " - "])


@given(
    nasional=st.from_regex(r"8[1-9][0-9]{6,10}", fullmatch=True),
    awalan=st.sampled_from(["0", "62", "+62", "+62 ", "62 "]),
    pemisah=st.lists(_PEMISAH, min_size=12, max_size=12),
)
def test_normalisasi_telepon_semua_bentuk_sama(
    nasional: str, awalan: str, pemisah: list[str]
) -> None:
    """Whatever form and separators, the same number comes out as 62 + its digits, and
    normalising the result again changes nothing."""
    ditulis = awalan + "".join(c + p for c, p in zip(nasional, pemisah, strict=False))
    hasil = normalisasi_telepon(ditulis.strip(" -."))
    assert hasil == "62" + nasional
    assert normalisasi_telepon(hasil) == hasil


def test_demo_menulis_draf_surel_dan_kalender(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    hasil = runner.invoke(app, ["demo", str(folder)])
    assert hasil.exit_code == 0, hasil.output
    keluar = folder / "keluar" / "2022-06"
    keluaran = hasil.output.replace("\n", "")  # long paths are wrapped on narrow consoles
    assert str(keluar) in keluaran and str(folder / "keluar" / "jadwal-2022.ics") in keluaran
    ruang = RuangKerja(folder)
    for kode in TIM:
        m = baca_eml(keluar / f"{kode}_2022-06.eml")
        assert m["X-Unsent"] == "1"
        (lampiran,) = list(m.iter_attachments())
        assert (
            lampiran.get_content()
            == (ruang.folder_instrumen(JUNI) / f"{kode}_2022-06.xlsx").read_bytes()
        )
    with ruang.buka_buku_besar() as buku:
        assert len(buku.pengiriman("2022-06", "instrumen")) == 7


# --------------------------------------------------------------------------- TLS


@pytest.fixture(scope="module")
def sertifikat(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl; skipped where absent)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl tidak terpasang")
    folder = tmp_path_factory.mktemp("tls")
    sert, kunci = folder / "sert.pem", folder / "kunci.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(kunci), "-out", str(sert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return sert, kunci


def _server_tls(sertifikat: tuple[Path, Path]) -> ssl.SSLContext:
    konteks = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    konteks.load_cert_chain(*sertifikat)
    return konteks


def _ruang_tls(ruang: RuangKerja, port: int, keamanan: str) -> RuangKerja:
    with open(ruang.berkas_konfigurasi, "a", encoding="utf-8") as f:
        f.write(f"\nsmtp: {{host: 127.0.0.1, port: {port}, keamanan: {keamanan}}}\n")
    return RuangKerja(ruang.akar)


@pytest.mark.parametrize("keamanan", ["starttls", "ssl"])
def test_smtp_tls_sertifikat_diperiksa(
    juni: RuangKerja, sertifikat: tuple[Path, Path], keamanan: str
) -> None:
    penampung = Penampung()
    opsi: dict[str, Any] = (
        {"tls_context": _server_tls(sertifikat), "require_starttls": True}
        if keamanan == "starttls"
        else {"ssl_context": _server_tls(sertifikat)}
    )
    for server in _jalankan(penampung, **opsi):
        ruang = _ruang_tls(juni, server.port, keamanan)
        # the system's trust store does not know this certificate: refused, nothing sent
        with pytest.raises(SmtpError):
            kirim_instrumen(ruang, JUNI, tim="PM", smtp=True, lingkungan={})
        assert penampung.pesan == []
        percaya = ssl.create_default_context(cafile=str(sertifikat[0]))
        hasil = kirim_instrumen(
            ruang, JUNI, tim="PM", smtp=True, lingkungan={}, konteks_ssl=percaya
        )
        assert [t.status for t in hasil.tim] == ["terkirim"]
        (surat,) = penampung.surat().values()
        periksa_surat(surat, ruang, "PM")


def test_tanpa_pengirim_ditolak(juni: RuangKerja) -> None:
    teks = juni.berkas_konfigurasi.read_text(encoding="utf-8")
    baris = next(b for b in teks.splitlines() if b.strip().startswith("pengirim:"))
    ruang = ganti_konfigurasi(juni, baris + "\n", "")
    hasil = jalankan(ruang, "kirim", "2022-06")
    assert hasil.exit_code == 2
    assert "pengumpulan.pengirim" in hasil.output
    assert not (ruang.akar / "keluar").exists()
