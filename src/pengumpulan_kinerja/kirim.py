"""kirim (POS step 4): send every team its instrument (SPEC section 15).

One e-mail per team, in Indonesian, with the team's instrument attached byte for byte.
Without SMTP each message is written as an RFC 5322 ``.eml`` draft under
``keluar/PERIODE/`` (Thunderbird and Outlook open it; press send); with SMTP every
message goes through one connection to the configured server. Only what was written,
or what the server accepted, is recorded in the ledger; a team refused by the server
is reported and the others are still sent.

The mail machinery here (:class:`SesiSmtp`, :func:`buat_pesan`, :func:`tulis_eml`) is
shared with :mod:`pengingat`.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from types import TracebackType
from typing import Literal

from .buku_besar import (
    BukuBesar,
    Pengiriman,
    pengguna_os,
    sekarang,
    waktu_iso,
)
from .galat import KELUAR_TEMUAN, DitolakError, KinerjaError, PenggunaanError
from .konfigurasi import VARIABEL_SANDI_SMTP, Konfigurasi, Pengirim, Smtp, Tim
from .periode import Periode, format_tanggal
from .ruang_kerja import RuangKerja, tulis_atomik

Cara = Literal["eml", "smtp"]

# outcome of one team
DITULIS = "ditulis"
"""The ``.eml`` draft was written (and recorded)."""
TERKIRIM = "terkirim"
"""The server accepted the message (and it was recorded)."""
DILEWATI = "dilewati"
"""Already written/sent earlier; nothing done without ``--ulang``."""
TANPA_ALAMAT = "tanpa-alamat"
"""The team leader has no e-mail address in kinerja.yaml: nothing written or sent."""
GAGAL = "gagal"
"""The server refused the message, or the connection broke: not recorded."""
COBA = "coba"
"""Dry run: it would be written or sent."""

STATUS_GAGAL: frozenset[str] = frozenset({TANPA_ALAMAT, GAGAL})

JENIS_XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
BATAS_WAKTU_SMTP = 60.0
"""Seconds to wait for the mail server at each step."""


class SmtpError(KinerjaError):
    """The mail server cannot be reached or refuses the login: nothing was sent."""

    kode_keluar = KELUAR_TEMUAN


@dataclass(frozen=True)
class HasilTim:
    """What happened to one team's message."""

    tim: str
    nama: str
    status: str
    tujuan: str = ""
    alasan: str = ""
    berkas: Path | None = None
    message_id: str = ""

    @property
    def gagal(self) -> bool:
        return self.status in STATUS_GAGAL

    def sebagai_dict(self, ruang: RuangKerja) -> dict[str, object]:
        return {
            "tim": self.tim,
            "nama": self.nama,
            "status": self.status,
            "tujuan": self.tujuan,
            "alasan": self.alasan,
            "berkas": ruang.relatif(self.berkas) if self.berkas else None,
            "message_id": self.message_id,
        }


@dataclass(frozen=True)
class HasilKirim:
    """The outcome of ``kinerja kirim`` for a month, one entry per team."""

    periode: Periode
    batas: date
    cara: Cara
    coba: bool
    tim: tuple[HasilTim, ...]
    folder: Path

    @property
    def ada_gagal(self) -> bool:
        return any(t.gagal for t in self.tim)

    def jumlah(self, status: str) -> int:
        return sum(1 for t in self.tim if t.status == status)

    def sebagai_json(self, ruang: RuangKerja) -> dict[str, object]:
        return {
            "periode": self.periode.kode,
            "batas": self.batas.isoformat(),
            "cara": self.cara,
            "coba": self.coba,
            "folder": ruang.relatif(self.folder),
            "tim": [t.sebagai_dict(ruang) for t in self.tim],
        }


# --------------------------------------------------------------------------- messages


def folder_keluar(ruang: RuangKerja, periode: Periode) -> Path:
    """``keluar/2022-06/``: the messages of a month."""
    return ruang.akar / "keluar" / periode.kode


def alamat(nama: str, surel: str) -> Address:
    """A header address; a name with Indonesian letters or commas (``Dr. Rina, M.Pd.``)
    is encoded by the email package as RFC 2047 / quoted as needed."""
    lokal, _, domain = surel.partition("@")
    return Address(display_name=nama, username=lokal, domain=domain)


def buat_pesan(
    *,
    pengirim: Pengirim,
    kepada_nama: str,
    kepada_surel: str,
    subjek: str,
    isi: str,
    lampiran: Sequence[tuple[str, bytes, tuple[str, str]]] = (),
    waktu: datetime | None = None,
) -> EmailMessage:
    """One message (UTF-8 text body, attachments by name, Date and Message-ID)."""
    pesan = EmailMessage(policy=policy.SMTP)
    pesan["From"] = alamat(pengirim.nama, pengirim.surel)
    pesan["To"] = alamat(kepada_nama, kepada_surel)
    pesan["Subject"] = subjek
    pesan["Date"] = format_datetime((waktu or datetime.now()).astimezone())
    domain = pengirim.surel.rpartition("@")[2] or None
    pesan["Message-ID"] = make_msgid(domain=domain)
    pesan.set_content(isi, charset="utf-8")
    for nama, data, (utama, sub) in lampiran:
        pesan.add_attachment(data, maintype=utama, subtype=sub, filename=nama)
    return pesan


def tulis_eml(pesan: EmailMessage, tujuan: Path, draf: bool = True) -> Path:
    """Write a message as an ``.eml`` file (CRLF line ends), atomically. A ``draf``
    carries ``X-Unsent: 1`` so that Outlook opens it ready to send."""
    if draf and "X-Unsent" not in pesan:
        pesan["X-Unsent"] = "1"
    return tulis_atomik(tujuan, pesan.as_bytes(policy=policy.SMTP))


def sandi_smtp(lingkungan: Mapping[str, str] | None = None) -> str | None:
    """The SMTP password from ``KINERJA_SMTP_SANDI`` (never from kinerja.yaml)."""
    nilai = (os.environ if lingkungan is None else lingkungan).get(VARIABEL_SANDI_SMTP)
    return nilai or None


def periksa_smtp(konfigurasi: Konfigurasi, lingkungan: Mapping[str, str] | None = None) -> Smtp:
    """The configured server, refusing early (nothing sent) when it cannot be used."""
    smtp = konfigurasi.smtp
    if smtp is None:
        raise PenggunaanError(
            "--smtp dipakai, tetapi kinerja.yaml tidak punya bagian smtp.",
            "Tambahkan `smtp: {host: smtp.kantor.go.id, port: 587, keamanan: starttls, "
            "pengguna: ...}` di kinerja.yaml, atau jalankan tanpa --smtp untuk menulis .eml.",
        )
    if smtp.pengguna and sandi_smtp(lingkungan) is None:
        raise PenggunaanError(
            f"smtp.pengguna {smtp.pengguna!r} memerlukan sandi, tetapi variabel lingkungan "
            f"{VARIABEL_SANDI_SMTP} kosong.",
            f"Isi dulu, mis. `export {VARIABEL_SANDI_SMTP}='...'` (Windows: "
            f"`set {VARIABEL_SANDI_SMTP}=...`); sandi tidak pernah ditulis di kinerja.yaml.",
        )
    return smtp


def pastikan_pengirim(konfigurasi: Konfigurasi) -> Pengirim:
    if konfigurasi.pengirim is None:
        raise PenggunaanError(
            "kinerja.yaml belum menyebut pengirim surel (pengumpulan.pengirim).",
            "Tambahkan di bawah `pengumpulan:` baris `pengirim: {nama: Tim SAKIP ..., "
            "surel: sakip@kantor.go.id}`, lalu jalankan `kinerja cek`.",
        )
    return konfigurasi.pengirim


class SesiSmtp:
    """One connection to the mail server for a whole run, opened at the first message.

    :meth:`kirim` returns None when the server accepted the message, else the reason it
    did not (recipient or message refused, connection lost). A connection that cannot
    be opened or a login that is refused raises :class:`SmtpError` before anything is
    sent."""

    def __init__(self, smtp: Smtp, sandi: str | None, konteks: ssl.SSLContext | None = None):
        self.smtp = smtp
        self.sandi = sandi
        self.konteks = konteks or ssl.create_default_context()
        self._koneksi: smtplib.SMTP | None = None
        self._putus: str | None = None

    def __enter__(self) -> SesiSmtp:
        return self

    def __exit__(
        self,
        jenis: type[BaseException] | None,
        galat: BaseException | None,
        jejak: TracebackType | None,
    ) -> None:
        self.tutup()

    def _buka(self) -> smtplib.SMTP:
        s = self.smtp
        tempat = f"{s.host}:{s.port} ({s.keamanan})"
        try:
            koneksi: smtplib.SMTP
            if s.keamanan == "ssl":
                koneksi = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=BATAS_WAKTU_SMTP, context=self.konteks
                )
            else:
                koneksi = smtplib.SMTP(s.host, s.port, timeout=BATAS_WAKTU_SMTP)
            try:
                koneksi.ehlo()
                if s.keamanan == "starttls":
                    koneksi.starttls(context=self.konteks)
                    koneksi.ehlo()
                if s.pengguna:
                    koneksi.login(s.pengguna, self.sandi or "")
            except BaseException:
                koneksi.close()
                raise
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpError(
                f"Server surel {tempat} menolak masuk sebagai {s.pengguna!r}: "
                f"{_teks_balasan(exc.smtp_code, exc.smtp_error)}. Tidak ada yang dikirim.",
                f"Periksa smtp.pengguna di kinerja.yaml dan sandi di {VARIABEL_SANDI_SMTP}.",
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise SmtpError(
                f"Server surel {tempat} tidak mendukung yang diminta: {exc}. "
                "Tidak ada yang dikirim.",
                "Periksa smtp.keamanan (starttls, ssl atau tanpa) dan smtp.port di kinerja.yaml.",
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpError(
                f"Server surel {tempat} tidak dapat dihubungi: {exc}. Tidak ada yang dikirim.",
                "Periksa jaringan, smtp.host, smtp.port dan smtp.keamanan di kinerja.yaml; "
                "tanpa --smtp pesan ditulis sebagai .eml untuk dikirim dari program surel.",
            ) from None
        return koneksi

    def kirim(self, pesan: EmailMessage, dari: str, kepada: str) -> str | None:
        if self._putus is not None:
            return f"tidak dikirim: koneksi ke server terputus sebelumnya ({self._putus})"
        if self._koneksi is None:
            self._koneksi = self._buka()
        try:
            ditolak = self._koneksi.send_message(pesan, from_addr=dari, to_addrs=[kepada])
        except smtplib.SMTPRecipientsRefused as exc:
            kode, balasan = next(iter(exc.recipients.values()), (0, b""))
            return f"alamat {kepada} ditolak server: {_teks_balasan(kode, balasan)}"
        except smtplib.SMTPSenderRefused as exc:
            return f"pengirim {dari} ditolak server: {_teks_balasan(exc.smtp_code, exc.smtp_error)}"
        except smtplib.SMTPDataError as exc:
            return f"pesan ditolak server: {_teks_balasan(exc.smtp_code, exc.smtp_error)}"
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as exc:
            self._putus = str(exc) or type(exc).__name__
            self._koneksi = None
            return f"koneksi ke server terputus: {self._putus}; status pesan ini tidak pasti"
        except smtplib.SMTPException as exc:
            return f"server menolak: {exc}"
        if ditolak:
            kode, balasan = next(iter(ditolak.values()))
            return f"alamat {kepada} ditolak server: {_teks_balasan(kode, balasan)}"
        return None

    def tutup(self) -> None:
        if self._koneksi is not None:
            try:
                self._koneksi.quit()
            except (OSError, smtplib.SMTPException):
                self._koneksi.close()
            self._koneksi = None


def _teks_balasan(kode: int, balasan: bytes | str) -> str:
    teks = balasan.decode("utf-8", "replace") if isinstance(balasan, bytes) else str(balasan)
    return f"{kode} {teks}".strip()


# --------------------------------------------------------------------------- the text


def subjek_instrumen(periode: Periode, tim: Tim, batas: date) -> str:
    return (
        f"Instrumen capaian kinerja {periode.label} – {tim.nama} ({tim.kode}); "
        f"batas {format_tanggal(batas)}"
    )


def isi_instrumen(
    konfigurasi: Konfigurasi, periode: Periode, tim: Tim, nama_berkas: str, batas: date
) -> str:
    """The body of the instrument e-mail: the month, the deadline and what to do."""
    pengirim = pastikan_pengirim(konfigurasi)
    rasio = any(i.rasio for i in konfigurasi.indikator_tim(tim.kode))
    isian = "Realisasi Bulan Ini" + (" (atau Pembilang dan Penyebut)" if rasio else "")
    anggaran = (
        "\n   Pada lembar Anggaran isi Realisasi Bulan Ini (Rp)."
        if tim.anggaran is not None
        else ""
    )
    tanya = ""
    if konfigurasi.tim_sakip is not None:
        kontak = f" ({konfigurasi.tim_sakip.kontak})" if konfigurasi.tim_sakip.kontak else ""
        tanya = f"\nBila ada pertanyaan, hubungi {konfigurasi.tim_sakip.nama}{kontak}.\n"
    return (
        f"Yth. {tim.ketua.nama}\n"
        f"Ketua {tim.nama}\n"
        f"{konfigurasi.satker.nama}\n"
        "\n"
        "Dengan hormat,\n"
        "\n"
        "Bersama surel ini kami sampaikan instrumen pengumpulan data dan informasi capaian "
        f"kinerja bulan {periode.label} untuk {tim.nama} (berkas terlampir: {nama_berkas}), "
        "sesuai POS Pengumpulan Data Kinerja langkah 4.\n"
        "\n"
        "Yang perlu dilakukan:\n"
        "1. Simpan berkas terlampir, lalu buka dengan Excel, LibreOffice Calc atau WPS.\n"
        f"2. Pada lembar Capaian isi sel berwarna kuning: {isian}, Kendala/Permasalahan, "
        f"Upaya/Solusi, Rencana Tindak Lanjut dan Bukti Dukung.{anggaran}\n"
        "3. Pada lembar Pengesahan isi Diisi oleh dan Tanggal Pengisian, lalu simpan "
        "(nama berkas boleh diganti).\n"
        "4. Kirim kembali berkas itu dengan membalas surel ini.\n"
        "\n"
        f"Batas pengumpulan: {format_tanggal(batas)}.\n"
        "\n"
        "Petunjuk lengkap ada pada lembar Petunjuk di dalam berkas. Berkas yang diterima "
        "sesudah batas tetap diproses, tetapi tercatat terlambat.\n"
        f"{tanya}"
        "\n"
        "Atas perhatian dan kerja samanya kami ucapkan terima kasih.\n"
        "\n"
        "Hormat kami,\n"
        f"{pengirim.nama}\n"
        f"{konfigurasi.satker.nama}\n"
    )


# --------------------------------------------------------------------------- the command


def pilih_tim(konfigurasi: Konfigurasi, kode: str | None) -> tuple[Tim, ...]:
    """The expected teams (those owning indicators), or the one named by ``--tim``."""
    berindikator = konfigurasi.tim_berindikator()
    if kode is None:
        return berindikator
    cocok = [t for t in berindikator if t.kode.casefold() == kode.strip().casefold()]
    if cocok:
        return (cocok[0],)
    dikenal = ", ".join(t.kode for t in berindikator)
    raise PenggunaanError(
        f"Tim {kode!r} tidak memiliki indikator."
        if konfigurasi.cari_tim(kode) is not None
        else f"Tim {kode!r} tidak dikenal di konfigurasi.",
        f"Pilih salah satu tim yang memiliki indikator: {dikenal}.",
    )


def _jalur_ketua(konfigurasi: Konfigurasi, kode: str) -> str:
    nomor = next(i for i, t in enumerate(konfigurasi.tim) if t.kode == kode)
    return f"tim[{nomor}].ketua.surel"


def tanpa_alamat(konfigurasi: Konfigurasi, tim: Tim) -> HasilTim:
    return HasilTim(
        tim.kode,
        tim.nama,
        TANPA_ALAMAT,
        alasan=f"ketua tim ({tim.ketua.nama}) belum punya alamat surel: isi "
        f"{_jalur_ketua(konfigurasi, tim.kode)} di kinerja.yaml",
    )


@dataclass
class Pencatat:
    """Records of a run, each in its own transaction as soon as it is certain."""

    buku: BukuBesar
    periode: Periode
    jenis: str
    cara: Cara
    oleh: str
    ruang: RuangKerja
    jumlah: int = field(default=0)

    def catat(self, tim: str, tujuan: str, message_id: str, berkas: Path) -> None:
        with self.buku.transaksi():
            self.buku.catat_pengiriman(
                Pengiriman(
                    periode=self.periode.kode,
                    tim=tim,
                    jenis=self.jenis,
                    cara=self.cara,
                    tujuan=tujuan,
                    message_id=message_id,
                    berkas=self.ruang.relatif(berkas),
                    waktu=waktu_iso(),
                    oleh=self.oleh,
                ),
            )
        self.jumlah += 1


def kirim_instrumen(
    ruang: RuangKerja,
    periode: Periode,
    *,
    tim: str | None = None,
    smtp: bool = False,
    ulang: bool = False,
    coba: bool = False,
    oleh: str | None = None,
    lingkungan: Mapping[str, str] | None = None,
    konteks_ssl: ssl.SSLContext | None = None,
) -> HasilKirim:
    """Write (or with ``smtp`` send) each team's instrument e-mail for ``periode``.

    Refuses, doing nothing, when an instrument of the month is missing, when no sender is
    configured, or (with ``smtp``) when the server is not configured or its password is
    not in ``KINERJA_SMTP_SANDI``. A team already written/sent is skipped unless
    ``ulang``; ``coba`` writes, sends and records nothing. The first message written or
    sent marks the start of POS step 4 in the ledger."""
    konfigurasi = ruang.konfigurasi
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"Periode {periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. {konfigurasi.tahun}-06.",
        )
    pengirim = pastikan_pengirim(konfigurasi)
    server = periksa_smtp(konfigurasi, lingkungan) if smtp else None
    daftar_tim = pilih_tim(konfigurasi, tim)
    folder_instrumen = ruang.folder_instrumen(periode)
    berkas_instrumen = {
        t.kode: folder_instrumen / f"{t.kode}_{periode.kode}.xlsx" for t in daftar_tim
    }
    hilang = [t.kode for t in daftar_tim if not berkas_instrumen[t.kode].is_file()]
    if hilang:
        semua = len(hilang) == len(daftar_tim)
        raise DitolakError(
            (
                f"Instrumen {periode.label} belum dibuat"
                if semua
                else f"Instrumen {periode.label} untuk {', '.join(hilang)} tidak ada"
            )
            + f" di {ruang.relatif(folder_instrumen)}/. Tidak ada yang dikirim.",
            f"Buat dulu dengan `kinerja buat-instrumen {periode.kode}`"
            + ("" if semua else " --timpa")
            + ", lalu jalankan kirim lagi.",
        )
    cara: Cara = "smtp" if smtp else "eml"
    batas = periode.batas(konfigurasi.batas_tanggal)
    folder = folder_keluar(ruang, periode)
    oleh = oleh or pengguna_os()
    mulai = sekarang()
    hasil: list[HasilTim] = []
    with ruang.buka_buku_besar() as buku:
        sebelumnya: dict[str, list[Pengiriman]] = {}
        for p in buku.pengiriman(periode.kode, "instrumen"):
            sebelumnya.setdefault(p.tim, []).append(p)
        catatan = Pencatat(buku, periode, "instrumen", cara, oleh, ruang)
        sesi = SesiSmtp(server, sandi_smtp(lingkungan), konteks_ssl) if server else None
        try:
            for t in daftar_tim:
                lalu = [p for p in sebelumnya.get(t.kode, []) if cara == "eml" or p.cara == "smtp"]
                if lalu and not ulang:
                    p = lalu[-1]
                    kata = "dikirim lewat SMTP" if p.cara == "smtp" else "ditulis sebagai .eml"
                    hasil.append(
                        HasilTim(
                            t.kode,
                            t.nama,
                            DILEWATI,
                            tujuan=p.tujuan,
                            alasan=f"sudah {kata} pada {_waktu_teks(p.waktu)}; "
                            "pakai --ulang untuk mengirim lagi",
                            message_id=p.message_id,
                        )
                    )
                    continue
                if not t.ketua.surel:
                    hasil.append(tanpa_alamat(konfigurasi, t))
                    continue
                jalur = berkas_instrumen[t.kode]
                pesan = buat_pesan(
                    pengirim=pengirim,
                    kepada_nama=t.ketua.nama,
                    kepada_surel=t.ketua.surel,
                    subjek=subjek_instrumen(periode, t, batas),
                    isi=isi_instrumen(konfigurasi, periode, t, jalur.name, batas),
                    lampiran=[(jalur.name, jalur.read_bytes(), JENIS_XLSX)],
                )
                hasil.append(
                    serahkan(
                        pesan,
                        t,
                        folder,
                        f"{t.kode}_{periode.kode}.eml",
                        pengirim,
                        sesi,
                        catatan,
                        coba,
                    )
                )
        finally:
            if sesi is not None:
                sesi.tutup()
            if catatan.jumlah:
                with buku.transaksi():
                    buku.catat_peristiwa(
                        periode=periode.kode,
                        langkah=4,
                        aksi="kirim",
                        oleh=oleh,
                        mulai=mulai,
                        selesai=sekarang(),
                        rincian={"tim": catatan.jumlah, "cara": cara},
                    )
    return HasilKirim(periode, batas, cara, coba, tuple(hasil), folder)


def serahkan(
    pesan: EmailMessage,
    tim: Tim,
    folder: Path,
    nama: str,
    pengirim: Pengirim,
    sesi: SesiSmtp | None,
    catatan: Pencatat,
    coba: bool,
) -> HasilTim:
    """Write or send one message, record it when certain, and say what happened.

    Sent messages are kept as ``terkirim/NAME.eml`` (without ``X-Unsent``) beside the
    drafts, so the ledger's ``berkas`` points to exactly what went out."""
    tujuan = tim.ketua.surel
    message_id = str(pesan["Message-ID"])
    if sesi is None:
        berkas = folder / nama
        if coba:
            return HasilTim(tim.kode, tim.nama, COBA, tujuan, "akan ditulis", berkas, message_id)
        tulis_eml(pesan, berkas)
        catatan.catat(tim.kode, tujuan, message_id, berkas)
        return HasilTim(tim.kode, tim.nama, DITULIS, tujuan, "", berkas, message_id)
    berkas = folder / "terkirim" / nama
    if coba:
        return HasilTim(tim.kode, tim.nama, COBA, tujuan, "akan dikirim", berkas, message_id)
    alasan = sesi.kirim(pesan, pengirim.surel, tujuan)
    if alasan is not None:
        return HasilTim(tim.kode, tim.nama, GAGAL, tujuan, alasan, None, message_id)
    catatan.catat(tim.kode, tujuan, message_id, berkas)  # accepted: recorded first
    try:
        tulis_eml(pesan, berkas, draf=False)
    except OSError as exc:
        return HasilTim(
            tim.kode,
            tim.nama,
            TERKIRIM,
            tujuan,
            f"terkirim, tetapi salinannya tidak dapat ditulis ({exc.strerror})",
            None,
            message_id,
        )
    return HasilTim(tim.kode, tim.nama, TERKIRIM, tujuan, "", berkas, message_id)


def _waktu_teks(iso: str) -> str:
    try:
        w = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{format_tanggal(w, hari=False)} {w.hour:02d}.{w.minute:02d}"
