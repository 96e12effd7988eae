"""arsip (POS step 8): the monthly folder, built aside and renamed into place.

``arsip/PERIODE/`` holds, for an approved month:

- ``kiriman/``: every submission of the month exactly as received (replaced ones
  too), copied from ``kiriman/PERIODE/`` after checking each copy's SHA-256 against
  the ledger; named ``NNNN_<name it was sent under>`` (NNNN = submission number);
- ``data-capaian-PERIODE.xlsx``: the corrected dataset (:mod:`.data_capaian`);
- ``analisis-PERIODE.xlsx``, ``analisis-PERIODE.html``, ``capaian-PERIODE.csv``:
  copied from ``laporan/PERIODE/`` when they are the files of the latest analysis;
  when one is missing or was changed after that analysis, all three are computed
  again from the ledger straight into the archive (``laporan/`` is not touched and
  no step-6 event is recorded: the month is approved, its analysis is not redone);
- ``temuan-PERIODE.csv``, ``koreksi-PERIODE.csv`` (the month's audit trail),
  ``status-PERIODE.csv`` (the eight POS steps, step 8 being this archive);
- ``arsip.json`` and ``README.txt``: period, revision, who approved and when, which
  archive this one supersedes, where the analysis came from;
- ``SHA256SUMS``: ``<sha256>  <path>`` for every other file, sorted, in the format
  ``sha256sum -c SHA256SUMS`` checks.

The folder is built as ``arsip/.PERIODE.tmp-XXXX`` and renamed into place (atomic);
its files are made read-only and the tool never writes into it again. A month
reopened and approved again gets ``arsip/PERIODE.r2/`` (then ``.r3``...); archiving
the same approval twice is refused. The whole run holds the ledger's write lock,
so the approval cannot be withdrawn half-way; the ``arsip`` row and the step-8
event are recorded in that same transaction, after the rename. A run killed after
the rename but before the commit leaves a complete folder that the next run
verifies and records instead of building another.

:func:`periksa_arsip` recomputes every hash and names each changed, added or
missing file (and a ``SHA256SUMS`` that differs from the one the ledger recorded).
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import shutil
import stat
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import __version__
from .buku_besar import BukuBesar, Kepala, disk_penuh, pengguna_os, sekarang, waktu_iso
from .data_capaian import tulis_data_capaian
from .galat import DitolakError, PenggunaanError
from .keluaran import teks_csv
from .periode import Periode, format_waktu, parse_periode
from .pos import LANGKAH
from .ruang_kerja import RuangKerja, galat_tulis, tanpa_sisa_penulis
from .status import BERJALAN, StatusLangkah, status_bulan
from .temuan import KOLOM_EKSPOR

NAMA_SUMS = "SHA256SUMS"
NAMA_MANIFES = "arsip.json"
NAMA_BACA = "README.txt"
FOLDER_KIRIMAN = "kiriman"
FORMAT_ARSIP = 1

_POLA_ARSIP = re.compile(r"^(\d{4}-\d{2})(?:\.r([1-9]\d*))?$")
_POLA_SEMENTARA = re.compile(r"^\.(\d{4}-\d{2})(?:\.r\d+)?\.tmp-[0-9a-f]+$")
_TAK_AMAN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_PANJANG_NAMA = 150
"""Longest name (UTF-8 bytes) kept after the number prefix; file systems allow 255."""
_TOLERANSI_WAKTU = timedelta(seconds=2)

KOLOM_KOREKSI_CSV: tuple[str, ...] = (
    "id",
    "waktu",
    "periode",
    "tim",
    "indikator",
    "kolom",
    "lama",
    "baru",
    "alasan",
    "oleh",
    "sumber",
    "kiriman_id",
)
KOLOM_STATUS_CSV: tuple[str, ...] = (
    "langkah",
    "uraian",
    "pelaksana",
    "mutu_baku",
    "keadaan",
    "mulai",
    "selesai",
    "oleh",
    "durasi",
    "terpenuhi",
    "keterangan",
)


@dataclass(frozen=True)
class HasilArsip:
    folder: Path
    revisi: int
    menggantikan: str | None
    """Folder name of the archive this one supersedes (``2022-06``), or None."""
    berkas: tuple[str, ...]
    """Every file of the archive, relative to it, ``SHA256SUMS`` last."""
    analisis_dihitung_ulang: bool = False
    dipulihkan: bool = False
    """True when a complete folder left by an interrupted run was recorded instead."""


@dataclass(frozen=True)
class HasilPeriksa:
    folder: Path
    diubah: tuple[str, ...]
    ditambah: tuple[str, ...]
    hilang: tuple[str, ...]
    catatan: tuple[str, ...] = field(default=())
    jumlah_berkas: int = 0
    """Files listed in ``SHA256SUMS``."""

    @property
    def utuh(self) -> bool:
        return not (self.diubah or self.ditambah or self.hilang)

    def sebagai_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "utuh": self.utuh,
            "jumlah_berkas": self.jumlah_berkas,
            "diubah": list(self.diubah),
            "ditambah": list(self.ditambah),
            "hilang": list(self.hilang),
            "catatan": list(self.catatan),
        }


# --------------------------------------------------------------------------- small parts


def sha256_berkas(berkas: Path) -> str:
    h = hashlib.sha256()
    with open(berkas, "rb") as f:
        while potongan := f.read(1 << 20):
            h.update(potongan)
    return h.hexdigest()


def _csv(judul: Sequence[str], baris: Iterable[Sequence[Any]]) -> str:
    """CSV text, UTF-8, comma-separated; text that looks like a formula stays inert."""
    keluar = io.StringIO()
    penulis = csv.writer(keluar, lineterminator="\n")
    penulis.writerow(judul)
    for b in baris:
        penulis.writerow(["" if v is None else teks_csv(v) for v in b])
    return keluar.getvalue()


def nama_folder(kode: str, revisi: int) -> str:
    """``2022-06`` for the first archive of a month, ``2022-06.r2`` after it."""
    return kode if revisi == 1 else f"{kode}.r{revisi}"


def daftar_arsip(folder_arsip: Path, kode: str | None = None) -> list[tuple[str, int, Path]]:
    """Archive folders (month, revision, path), optionally of one month, in order."""
    hasil: list[tuple[str, int, Path]] = []
    if folder_arsip.is_dir():
        for anak in folder_arsip.iterdir():
            cocok = _POLA_ARSIP.match(anak.name)
            if cocok and anak.is_dir() and (kode is None or cocok.group(1) == kode):
                hasil.append((cocok.group(1), int(cocok.group(2) or 1), anak))
    return sorted(hasil)


def bulan_disetujui_terakhir(buku: BukuBesar) -> str | None:
    """The latest month whose latest decision is an approval."""
    return max(buku.bulan_terkunci(), default=None)


def _nama_salinan(kiriman_id: int, nama: str) -> str:
    """``0012_<name as sent>``: unique by the submission number; characters a file name
    cannot carry on every system (or in ``SHA256SUMS``) become ``_``."""
    dasar = _TAK_AMAN.sub("_", nama).rstrip(" .") or "berkas"
    if len(dasar.encode("utf-8")) > _PANJANG_NAMA:
        akhiran = Path(dasar).suffix if len(Path(dasar).suffix) <= 8 else ""
        batang = dasar[: len(dasar) - len(akhiran)]
        while len((batang + akhiran).encode("utf-8")) > _PANJANG_NAMA:
            batang = batang[:-1]
        dasar = (batang.rstrip(" .") or "berkas") + akhiran
    return f"{kiriman_id:04d}_{dasar}"


def _baca_manifes(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / NAMA_MANIFES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _jejak_manifes(folder: Path) -> Kepala | None:
    """The chain head an archive was built from, as its manifest records it."""
    jejak = _baca_manifes(folder).get("jejak")
    try:
        return Kepala("", int(jejak["jumlah"]), str(jejak["hash"]))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None


def _pastikan_terverifikasi(buku: BukuBesar, periode: Periode) -> None:
    """``kinerja periksa`` for the month: refuse to archive data that does not verify."""
    hasil = buku.periksa(periode.kode)
    if not hasil.lolos:
        m = hasil.masalah[0]
        lagi = f" (dan {len(hasil.masalah) - 1} masalah lain)" if len(hasil.masalah) > 1 else ""
        raise DitolakError(
            f"Buku besar tidak lolos pemeriksaan untuk {periode.label}: {m.tempat}: {m.pesan}"
            f"{lagi}; arsip tidak dibuat.",
            "Jalankan `kinerja periksa` untuk rinciannya, lalu pulihkan kinerja.db atau "
            "salinan kiriman dari cadangan/.",
        )


def _hapus_paksa(folder: Path) -> None:
    """Remove a temporary folder of ours (its files may already be read-only)."""
    if not folder.exists():
        return
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            p.chmod(stat.S_IWUSR | stat.S_IRUSR)
    shutil.rmtree(folder, ignore_errors=True)


def _bersihkan_sisa(folder_arsip: Path, kode: str) -> None:
    """Temporary folders of this month left by an interrupted run (never a finished
    archive: those have no leading dot). Only called while holding the write lock."""
    if not folder_arsip.is_dir():
        return
    for anak in folder_arsip.iterdir():
        cocok = _POLA_SEMENTARA.match(anak.name)
        if cocok and cocok.group(1) == kode and anak.is_dir():
            _hapus_paksa(anak)


# --------------------------------------------------------------------------- checksums


def _baca_sums(teks: str) -> tuple[dict[str, str], list[int]]:
    """``SHA256SUMS`` as path → hash, and the numbers of lines that cannot be read.

    Accepts what ``sha256sum`` writes: text (``␣␣``) or binary (``␣*``) marker, and
    lines starting with ``\\`` whose names carry escaped ``\\`` or newlines.
    """
    catatan: dict[str, str] = {}
    rusak: list[int] = []
    for nomor, baris in enumerate(teks.splitlines(), start=1):
        baris = baris.rstrip("\r")
        if not baris.strip():
            continue
        lolos = baris.startswith("\\")
        if lolos:
            baris = baris[1:]
        cocok = re.match(r"^([0-9a-fA-F]{64}) [ *](.+)$", baris)
        if not cocok:
            rusak.append(nomor)
            continue
        nama = cocok.group(2)
        if lolos:
            nama = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), nama)
        catatan[nama.removeprefix("./")] = cocok.group(1).lower()
    return catatan, rusak


def _tulis_sums(folder: Path) -> list[str]:
    """Write ``SHA256SUMS`` for every file of ``folder``; returns the sorted paths."""
    berkas = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != NAMA_SUMS
    )
    (folder / NAMA_SUMS).write_text(
        "".join(f"{sha256_berkas(folder / b)}  {b}\n" for b in berkas), encoding="utf-8"
    )
    return berkas


def _periksa_folder(folder: Path, sidik_sums: str | None) -> HasilPeriksa:
    sums = folder / NAMA_SUMS
    ada = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.relative_to(folder).as_posix() != NAMA_SUMS
    }
    if not sums.is_file():
        return HasilPeriksa(
            folder,
            (),
            (),
            (NAMA_SUMS,),
            ("Tanpa SHA256SUMS isi folder tidak dapat diperiksa.",),
        )
    catatan: list[str] = []
    diubah: list[str] = []
    try:
        isi_sums = sums.read_bytes()
    except OSError as exc:
        return HasilPeriksa(
            folder, (NAMA_SUMS,), (), (), (f"SHA256SUMS tidak dapat dibaca ({exc.strerror}).",)
        )
    if sidik_sums is not None and hashlib.sha256(isi_sums).hexdigest() != sidik_sums:
        diubah.append(NAMA_SUMS)
        catatan.append(
            "SHA256SUMS berbeda dari yang dicatat buku besar saat arsip dibuat: "
            "daftar sidiknya ikut diubah."
        )
    tercatat, rusak = _baca_sums(isi_sums.decode("utf-8", errors="replace"))
    if rusak:
        catatan.append(f"Baris SHA256SUMS yang tidak terbaca: {', '.join(str(n) for n in rusak)}.")
    for nama in sorted(tercatat):
        if nama not in ada:
            continue
        try:
            if sha256_berkas(folder / nama) != tercatat[nama]:
                diubah.append(nama)
        except OSError as exc:
            diubah.append(nama)
            catatan.append(f"{nama} tidak dapat dibaca ({exc.strerror}).")
    hilang = tuple(sorted(n for n in tercatat if n not in ada))
    ditambah = tuple(sorted(ada - set(tercatat)))
    return HasilPeriksa(
        folder, tuple(diubah), ditambah, hilang, tuple(catatan), jumlah_berkas=len(tercatat)
    )


def periksa_arsip(ruang: RuangKerja, nama: str) -> HasilPeriksa:
    """Verify ``arsip/<nama>/`` (``2022-06``, ``2022-06.r2``; ``6`` or ``Juni`` mean the
    month's first archive) against its ``SHA256SUMS`` and the ledger."""
    nama = nama.strip().replace("\\", "/").removeprefix("./").removeprefix("arsip/").rstrip("/")
    if not _POLA_ARSIP.match(nama):
        try:
            nama = parse_periode(nama, ruang.konfigurasi.tahun).kode
        except PenggunaanError:
            raise PenggunaanError(
                f"{nama!r} bukan nama arsip.",
                "Tulis nama folder arsipnya, mis. 2022-06 atau 2022-06.r2.",
            ) from None
    folder = ruang.folder_arsip / nama
    with ruang.buka_buku_besar() as buku:
        baris = buku.arsip(folder=f"arsip/{nama}")
    tercatat = baris[-1] if baris else None
    if not folder.is_dir():
        if tercatat is not None:
            raise DitolakError(
                f"Arsip arsip/{nama} tercatat di buku besar (dibuat "
                f"{str(tercatat.waktu).replace('T', ' ')} oleh {tercatat.oleh}) tetapi "
                "foldernya tidak ada.",
                "Pulihkan folder itu dari cadangan, lalu periksa lagi.",
            )
        ada = ", ".join(p.name for _, _, p in daftar_arsip(ruang.folder_arsip))
        raise PenggunaanError(
            f"Arsip {nama} tidak ada di {ruang.relatif(ruang.folder_arsip)}/.",
            f"Arsip yang ada: {ada}." if ada else "Belum ada arsip; buat dengan `kinerja arsip`.",
        )
    return _periksa_folder(folder, str(tercatat.sha256sums) if tercatat is not None else None)


# --------------------------------------------------------------------------- building


@dataclass
class _Pembangun:
    """Writes the contents of one archive into a temporary folder."""

    ruang: RuangKerja
    buku: BukuBesar
    periode: Periode
    folder: Path
    nama: str
    revisi: int
    menggantikan: str | None
    keputusan: Any
    analisis: Any
    oleh: str
    mulai: datetime
    jejak: Kepala
    salinan: dict[int, str] = field(default_factory=dict)
    dihitung_ulang: bool = False

    @property
    def kode(self) -> str:
        return self.periode.kode

    def kiriman(self) -> None:
        (self.folder / FOLDER_KIRIMAN).mkdir()
        for b in self.buku.kiriman(self.kode):
            sumber = self.ruang.akar / b.salinan
            rusak = not sumber.is_file()
            if not rusak:
                try:
                    rusak = not b.salinan_cocok(sha256_berkas(sumber))
                except OSError:
                    rusak = True
            if rusak:
                raise DitolakError(
                    f"Salinan kiriman {b.salinan} (kiriman no. {b.id}, {b.nama_berkas}) "
                    "hilang atau berubah; arsip tidak dibuat.",
                    f"Salin kembali berkas asli yang dikirim tim ke {b.salinan} (sidik SHA-256 "
                    f"harus {b.sha256}), mis. dari surel atau cadangan, lalu ulangi.",
                )
            relatif = f"{FOLDER_KIRIMAN}/{_nama_salinan(int(b.id), str(b.nama_berkas))}"
            shutil.copyfile(sumber, self.folder / relatif)
            self.salinan[int(b.id)] = relatif

    def data_capaian(self) -> None:
        k = self.keputusan
        keterangan = (
            f"Disetujui oleh {k.oleh} pada {format_waktu(datetime.fromisoformat(k.waktu))}"
            + (f" ({k.catatan})" if k.catatan else "")
            + f"; arsip {self.nama} (revisi {self.revisi})."
        )
        tulis_data_capaian(
            self.buku,
            self.ruang.konfigurasi,
            self.periode,
            self.folder / f"data-capaian-{self.kode}.xlsx",
            self.salinan,
            keterangan,
        )

    def laporan(self) -> None:
        from .analisis import analisis_bulan
        from .laporan import nama_berkas, tulis_laporan

        nama = (
            f"analisis-{self.kode}.xlsx",
            f"analisis-{self.kode}.html",
            f"capaian-{self.kode}.csv",
        )
        folder = self.ruang.folder_laporan(self.periode)
        if all(self._dari_analisis_terakhir(folder / n) for n in nama):
            for n in nama:
                shutil.copyfile(folder / n, self.folder / n)
            return
        hasil = analisis_bulan(self.ruang, self.periode, tulis=False)
        assert tuple(nama_berkas(hasil)) == nama
        tulis_laporan(hasil, self.folder)
        self.dihitung_ulang = True

    def _dari_analisis_terakhir(self, berkas: Path) -> bool:
        """The file exists and was written by the latest analysis (not changed after it
        was recorded, not left from an earlier one)."""
        try:
            diubah = datetime.fromtimestamp(berkas.stat().st_mtime)
        except OSError:
            return False
        akhir = datetime.fromisoformat(self.analisis.waktu) + _TOLERANSI_WAKTU
        sebelum = self.buku.analisis_terakhir(self.kode, sebelum=self.analisis.id)
        awal = datetime.fromisoformat(sebelum.waktu) if sebelum is not None else None
        return diubah <= akhir and (awal is None or diubah > awal)

    def tabel(self) -> None:
        temuan = [asdict(t) for t in self.buku.temuan(self.kode)]
        (self.folder / f"temuan-{self.kode}.csv").write_text(
            _csv(
                (*KOLOM_EKSPOR, "kiriman_id", "waktu"),
                ([*(t[c] for c in KOLOM_EKSPOR), t["kiriman_id"], t["waktu"]] for t in temuan),
            ),
            encoding="utf-8",
        )
        audit = [asdict(a) for a in self.buku.audit(self.kode)]
        (self.folder / f"koreksi-{self.kode}.csv").write_text(
            _csv(KOLOM_KOREKSI_CSV, ([a[c] for c in KOLOM_KOREKSI_CSV] for a in audit)),
            encoding="utf-8",
        )
        status = status_bulan(self.ruang, self.periode, self.buku, kini=self.mulai)
        langkah = list(status.langkah)
        langkah[7] = StatusLangkah(
            LANGKAH[7],
            BERJALAN,
            langkah[7].mutu_baku,
            mulai=self.mulai,
            oleh=self.oleh,
            keterangan=f"arsip ini: arsip/{self.nama} (revisi {self.revisi})",
        )
        baris = []
        for s in langkah:
            d = s.sebagai_dict()
            d["terpenuhi"] = {True: "ya", False: "tidak", None: ""}[s.terpenuhi]
            baris.append([d[c] for c in KOLOM_STATUS_CSV])
        (self.folder / f"status-{self.kode}.csv").write_text(
            _csv(KOLOM_STATUS_CSV, baris), encoding="utf-8"
        )

    def manifes(self) -> None:
        k, a = self.keputusan, self.analisis
        konfigurasi = self.ruang.konfigurasi
        kiriman = self.buku.kiriman(self.kode)
        aktif = self.buku.id_aktif(self.kode)
        keputusan = self.buku.keputusan(self.kode)
        asal_analisis = (
            "dihitung ulang dari buku besar saat pengarsipan (berkas di laporan/ tidak ada "
            "atau berubah sesudah analisis terakhir)"
            if self.dihitung_ulang
            else f"disalin dari laporan/{self.kode}/"
        )
        data = {
            "format": FORMAT_ARSIP,
            "satker": konfigurasi.satker.nama,
            "periode": self.kode,
            "label": self.periode.label,
            "revisi": self.revisi,
            "folder": self.nama,
            "menggantikan": self.menggantikan,
            "keputusan_id": k.id,
            "disetujui_oleh": k.oleh,
            "disetujui_pada": k.waktu,
            "catatan_persetujuan": k.catatan,
            "analisis": {
                "id": a.id,
                "waktu": a.waktu,
                "oleh": a.oleh,
                "versi_data": a.versi_data,
                "berkas": asal_analisis,
            },
            "kiriman": [
                {
                    "id": b.id,
                    "tim": b.tim,
                    "nama_berkas": b.nama_berkas,
                    "berkas": self.salinan.get(int(b.id)),
                    "sha256": b.sha256,
                    "diterima": b.diterima,
                    "terlambat": bool(b.terlambat),
                    "aktif": b.id in aktif,
                }
                for b in kiriman
            ],
            "keputusan": [asdict(b) for b in keputusan],
            "jejak": {"jumlah": self.jejak.jumlah, "hash": self.jejak.hash},
            "diarsipkan_oleh": self.oleh,
            "diarsipkan_pada": waktu_iso(self.mulai),
            "versi_alat": __version__,
        }
        (self.folder / NAMA_MANIFES).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        kode = self.kode
        isi = (
            (
                f"{FOLDER_KIRIMAN}/",
                "berkas isian tim persis seperti diterima (juga yang digantikan)",
            ),
            (f"data-capaian-{kode}.xlsx", "data capaian setelah koreksi (Dokumen capaian kinerja)"),
            (f"analisis-{kode}.xlsx", f"hasil analisis dan evaluasi ({asal_analisis})"),
            (f"analisis-{kode}.html", "laporan analisis siap cetak A4 (ringkasan, lalu rincian)"),
            (f"capaian-{kode}.csv", "capaian per indikator (untuk mesin)"),
            (f"temuan-{kode}.csv", "temuan pemeriksaan kiriman"),
            (f"koreksi-{kode}.csv", "jejak audit setiap perubahan nilai bulan ini"),
            (f"status-{kode}.csv", "delapan langkah POS dan mutu bakunya"),
            (NAMA_MANIFES, "keterangan arsip ini untuk mesin"),
            (NAMA_SUMS, "sidik SHA-256 setiap berkas lain"),
        )
        baris = [
            f"Folder data capaian kinerja {self.periode.label} — {konfigurasi.satker.nama}",
            f"Dokumen capaian kinerja, POS langkah 8: {LANGKAH[7].uraian.lower()}.",
            "",
            f"Revisi {self.revisi}"
            + (
                f", menggantikan arsip/{self.menggantikan}/ (yang tetap disimpan)"
                if self.menggantikan
                else ""
            )
            + ".",
            f"Disetujui oleh {k.oleh} pada {format_waktu(datetime.fromisoformat(k.waktu))}.",
            f"Diarsipkan oleh {self.oleh} pada {format_waktu(self.mulai)}.",
            "",
            "Isi:",
            *(f"  {nama:<27} {arti}" for nama, arti in isi),
            "",
            "Periksa keutuhan di folder ini dengan:",
            f"  sha256sum -c {NAMA_SUMS}",
            "atau dari ruang kerja:",
            f"  kinerja arsip --periksa {self.nama}",
            "Folder ini tidak pernah ditulis ulang oleh kinerja; jangan mengubah isinya.",
        ]
        (self.folder / NAMA_BACA).write_text("\n".join(baris) + "\n", encoding="utf-8")


def arsipkan(
    ruang: RuangKerja, periode: Periode | None = None, oleh: str | None = None
) -> HasilArsip:
    """Archive an approved month (default: the latest approved one) into
    ``arsip/PERIODE/`` or its next revision ``arsip/PERIODE.rN/``, and record POS step 8.

    Refused (:class:`DitolakError`) when the month is not approved, when this very
    approval was already archived, when a submission's copy is missing or changed,
    or when data the approved analysis used changed after the approval.
    """
    oleh = (oleh or "").strip() or pengguna_os()
    mulai = sekarang()
    konfigurasi = ruang.konfigurasi
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        if periode is None:
            kode = bulan_disetujui_terakhir(buku)
            if kode is None:
                raise DitolakError(
                    "Belum ada bulan yang disetujui; tidak ada yang diarsipkan.",
                    "Setujui bulan dulu dengan `kinerja setujui --bulan B`.",
                )
            periode = parse_periode(kode)
        if periode.tahun != konfigurasi.tahun:
            raise PenggunaanError(
                f"{periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
                f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. `--bulan {konfigurasi.tahun}-06`.",
            )
        if not buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} belum disetujui; hanya bulan yang disetujui yang diarsipkan.",
                f'Minta Kasubbag Umum menjalankan `kinerja setujui --bulan {periode.kode} --oleh "..."`.',
            )
        keputusan = buku.keputusan_terakhir(periode.kode)
        assert keputusan is not None
        _pastikan_belum_diarsipkan(ruang, buku, periode, keputusan)
        ada = daftar_arsip(ruang.folder_arsip, periode.kode)
        for _, revisi_ada, folder_ada in ada:
            if _baca_manifes(folder_ada).get("keputusan_id") == keputusan.id:
                return _pulihkan(buku, periode, folder_ada, revisi_ada, oleh, mulai)
        analisis = _analisis_disetujui(buku, periode)
        _pastikan_terverifikasi(buku, periode)
        _bersihkan_sisa(ruang.folder_arsip, periode.kode)
        tercatat = buku.arsip(periode.kode)
        revisi_lama = [(r, p.name) for _, r, p in ada] + [
            (b.revisi, b.folder.removeprefix("arsip/")) for b in tercatat
        ]
        revisi = max((r for r, _ in revisi_lama), default=0) + 1
        menggantikan = max(revisi_lama)[1] if revisi_lama else None
        nama = nama_folder(periode.kode, revisi)
        akhir = ruang.folder_arsip / nama
        sementara = ruang.folder_arsip / f".{nama}.tmp-{uuid.uuid4().hex[:8]}"
        bangun = _Pembangun(
            ruang,
            buku,
            periode,
            sementara,
            nama,
            revisi,
            menggantikan,
            keputusan,
            analisis,
            oleh,
            mulai,
            buku.kepala,
        )
        gagal: OSError | None = None
        with tanpa_sisa_penulis():
            try:
                sementara.mkdir(parents=True)
                bangun.kiriman()
                bangun.data_capaian()
                bangun.laporan()
                bangun.tabel()
                bangun.manifes()
                berkas = _tulis_sums(sementara)
                for p in sementara.rglob("*"):
                    if p.is_file():
                        p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
                os.rename(sementara, akhir)
            except BaseException as asal:
                _hapus_paksa(sementara)
                gagal = galat_tulis(asal)
                if gagal is None:
                    raise
        if gagal is not None and gagal.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            raise disk_penuh(f"Arsip arsip/{nama}", gagal)
        if gagal is not None:
            raise DitolakError(
                f"Arsip arsip/{nama} tidak dapat ditulis ({gagal.strerror or gagal}); tidak ada "
                "yang dicatat.",
                "Periksa sisa ruang disk dan izin tulis folder arsip/ (dan bahwa arsip/"
                f"{nama} belum ada), lalu ulangi.",
            )
        _catat(buku, periode, akhir, revisi, keputusan, oleh, mulai, menggantikan, False)
    return HasilArsip(
        akhir,
        revisi,
        menggantikan,
        (*berkas, NAMA_SUMS),
        analisis_dihitung_ulang=bangun.dihitung_ulang,
    )


def _pastikan_belum_diarsipkan(
    ruang: RuangKerja, buku: BukuBesar, periode: Periode, keputusan: Any
) -> None:
    sudah = [a for a in buku.arsip(periode.kode) if a.keputusan_id == keputusan.id]
    if not sudah:
        return
    folder = sudah[-1].folder
    nama = folder.removeprefix("arsip/")
    if (ruang.akar / folder).is_dir():
        raise DitolakError(
            f"Persetujuan {periode.label} ini sudah diarsipkan di {folder}/ "
            f"({sudah[-1].waktu.replace('T', ' ')}).",
            f"Periksa dengan `kinerja arsip --periksa {nama}`. Arsip baru hanya dibuat setelah "
            f'bulan dibuka (`kinerja buka --bulan {periode.kode} --alasan "..."`) dan disetujui lagi.',
        )
    raise DitolakError(
        f"Persetujuan {periode.label} ini sudah diarsipkan di {folder}/, tetapi folder itu "
        "tidak ada lagi.",
        f"Pulihkan {folder}/ dari cadangan. Bila tidak ada cadangan, buka bulan itu "
        f'(`kinerja buka --bulan {periode.kode} --alasan "arsip hilang"`), setujui lagi, '
        "lalu arsipkan: arsip revisi berikutnya dibuat dari buku besar.",
    )


def _analisis_disetujui(buku: BukuBesar, periode: Periode) -> Any:
    analisis = buku.analisis_terakhir(periode.kode)
    if analisis is None:
        raise DitolakError(
            f"{periode.label} disetujui tanpa analisis tercatat; arsip tidak dibuat.",
            f'Buka bulan itu (`kinerja buka --bulan {periode.kode} --alasan "..."`), jalankan '
            f"`kinerja analisis --bulan {periode.kode}`, lalu setujui lagi.",
        )
    if not buku.analisis_mutakhir(periode.kode):
        raise DitolakError(
            f"Data yang dipakai analisis {periode.label} berubah sesudah persetujuan (mis. "
            "koreksi pada bulan sebelumnya); arsip akan memuat angka yang belum disetujui.",
            f'Buka bulan itu (`kinerja buka --bulan {periode.kode} --alasan "..."`), jalankan '
            f"`kinerja analisis --bulan {periode.kode}`, setujui lagi, lalu arsipkan.",
        )
    return analisis


def _catat(
    buku: BukuBesar,
    periode: Periode,
    folder: Path,
    revisi: int,
    keputusan: Any,
    oleh: str,
    mulai: datetime,
    menggantikan: str | None,
    dipulihkan: bool,
) -> None:
    """The ``arsip`` row and the POS step-8 event (inside the caller's transaction)."""
    lama = buku.arsip(folder=f"arsip/{menggantikan}") if menggantikan else []
    jejak = _jejak_manifes(folder) or buku.kepala
    buku.catat_arsip(
        periode=periode.kode,
        revisi=revisi,
        folder=f"arsip/{folder.name}",
        oleh=oleh,
        menggantikan=lama[-1].id if lama else None,
        keputusan_id=keputusan.id,
        sha256sums=sha256_berkas(folder / NAMA_SUMS),
        jejak_jumlah=jejak.jumlah,
        jejak_hash=jejak.hash,
    )
    rincian: dict[str, Any] = {
        "folder": f"arsip/{folder.name}",
        "revisi": revisi,
        "menggantikan": menggantikan,
        "keputusan": keputusan.id,
    }
    if dipulihkan:
        rincian["dipulihkan"] = True
    buku.catat_peristiwa(
        periode=periode.kode,
        langkah=8,
        aksi="arsip",
        oleh=oleh,
        mulai=mulai,
        selesai=sekarang(),
        rincian=rincian,
    )


def _pulihkan(
    buku: BukuBesar, periode: Periode, folder: Path, revisi: int, oleh: str, mulai: datetime
) -> HasilArsip:
    """A finished folder of this approval that the ledger does not know (the run that
    built it was stopped before recording it): verify it, then record it."""
    hasil = _periksa_folder(folder, None)
    if not hasil.utuh:
        salah = [*hasil.diubah, *hasil.ditambah, *hasil.hilang]
        raise DitolakError(
            f"arsip/{folder.name} untuk persetujuan ini ada tetapi belum tercatat di buku besar "
            f"dan tidak utuh ({', '.join(salah[:5])}).",
            f"Pindahkan arsip/{folder.name} ke luar folder arsip/ (simpan untuk diperiksa), "
            "lalu jalankan `kinerja arsip` lagi.",
        )
    manifes = _baca_manifes(folder)
    menggantikan = manifes.get("menggantikan")
    keputusan = buku.keputusan_terakhir(periode.kode)
    if not isinstance(menggantikan, str):
        menggantikan = None
    _catat(buku, periode, folder, revisi, keputusan, oleh, mulai, menggantikan, True)
    berkas = tuple(
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    )
    return HasilArsip(
        folder,
        revisi,
        menggantikan,
        (*(b for b in berkas if b != NAMA_SUMS), NAMA_SUMS),
        dipulihkan=True,
    )
