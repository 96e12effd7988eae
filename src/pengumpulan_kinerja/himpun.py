"""himpun (POS step 5): take in filled workbooks from a folder, check and record them.

Reading and checking happen in :mod:`pembaca` (in two worker processes when there
are many files); the ledger is written here, in the main process, one transaction
per accepted file together with its byte-exact copy under ``kiriman/PERIODE/``.
Inputs are never modified or moved; a rejected file changes nothing.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .buku_besar import KOLOM_ANGKA, BukuBesar, pengguna_os, sekarang, waktu_iso
from .galat import PenggunaanError
from .konfigurasi import Konfigurasi
from .pembaca import EKSTENSI, HasilBaca, Riwayat, periksa_berkas
from .periode import Periode, parse_periode
from .ruang_kerja import RuangKerja
from .temuan import Temuan, Tingkat

AMBANG_PARALEL = 24
UMUR_SISA_DETIK = 15 * 60
"""Leftovers under ``kiriman/`` younger than this may belong to a run still going on."""
"""From this many files on, reading and checking run in two worker processes."""


@dataclass(frozen=True)
class HasilBerkas:
    """The outcome of one file: ``diterima``, ``ditolak`` or ``duplikat``."""

    berkas: str
    jalur: str
    status: str
    tim: str = ""
    periode: str = ""
    temuan: tuple[Temuan, ...] = ()
    kiriman_id: int | None = None
    terlambat: bool = False
    diterima_pada: str = ""
    tanggal_pengisian: str = ""

    def jumlah(self, tingkat: Tingkat) -> int:
        return sum(1 for t in self.temuan if t.tingkat is tingkat)


@dataclass(frozen=True)
class Kelengkapan:
    """Completeness and timeliness of one month."""

    periode: Periode
    batas: date
    diharapkan: tuple[tuple[str, str], ...]
    diterima: tuple[str, ...]
    tepat_waktu: tuple[str, ...]
    terlambat: tuple[str, ...]
    belum: tuple[tuple[str, str], ...]

    def sebagai_dict(self) -> dict[str, object]:
        return {
            "periode": self.periode.kode,
            "batas": self.batas.isoformat(),
            "diharapkan": len(self.diharapkan),
            "diterima": len(self.diterima),
            "tepat_waktu": len(self.tepat_waktu),
            "terlambat": list(self.terlambat),
            "belum": [{"tim": k, "nama": n} for k, n in self.belum],
        }


@dataclass(frozen=True)
class HasilHimpun:
    berkas: tuple[HasilBerkas, ...]
    dilewati: tuple[str, ...]
    kelengkapan: tuple[Kelengkapan, ...]
    coba: bool = False
    kiriman_folder: str = ""

    @property
    def temuan(self) -> list[Temuan]:
        return [t for b in self.berkas for t in b.temuan]

    @property
    def ada_galat(self) -> bool:
        return any(t.galat for t in self.temuan)

    def sebagai_json(self) -> dict[str, object]:
        return {
            "coba": self.coba,
            "berkas": [
                {
                    "berkas": b.berkas,
                    "status": b.status,
                    "tim": b.tim,
                    "periode": b.periode,
                    "terlambat": b.terlambat,
                    "diterima_pada": b.diterima_pada,
                    "tanggal_pengisian": b.tanggal_pengisian,
                    "galat": b.jumlah(Tingkat.GALAT),
                    "peringatan": b.jumlah(Tingkat.PERINGATAN),
                    "info": b.jumlah(Tingkat.INFO),
                }
                for b in self.berkas
            ],
            "dilewati": list(self.dilewati),
            "temuan": [t.sebagai_baris() for t in self.temuan],
            "kelengkapan": [k.sebagai_dict() for k in self.kelengkapan],
        }


# --------------------------------------------------------------------------- files


def _berkas_kunci(nama: str) -> bool:
    """Lock files of Excel (``~$x.xlsx``) and LibreOffice (``.~lock.x.xlsx#``)."""
    return nama.startswith("~$") or nama.startswith(".~lock.")


FOLDER_KELOLAAN: tuple[str, ...] = ("instrumen", "kiriman", "laporan", "arsip")
"""Workspace folders kinerja itself writes: never taken in as submissions."""


def daftar_berkas(folder: Path, kelolaan: tuple[Path, ...] = ()) -> tuple[list[Path], list[str]]:
    """Workbooks under ``folder`` (recursively, sorted) and the other files skipped.

    Folders in ``kelolaan`` (the workspace's own instrumen/, kiriman/, laporan/, arsip/)
    are skipped and named, so `kinerja himpun .` never takes in blank instruments or
    its own copies.
    """
    berkas: list[Path] = []
    dilewati: list[str] = []
    lewati = {p.resolve() for p in kelolaan}
    for akar, folder_anak, nama_berkas in os.walk(folder):
        anak_baru = []
        for d in sorted(folder_anak):
            jalur_d = Path(akar) / d
            if d.startswith("."):
                continue
            if jalur_d.resolve() in lewati:
                dilewati.append(f"{jalur_d.relative_to(folder)}/ (folder milik kinerja)")
                continue
            anak_baru.append(d)
        folder_anak[:] = anak_baru
        for nama in sorted(nama_berkas):
            jalur = Path(akar) / nama
            if _berkas_kunci(nama):
                continue
            if nama.startswith(".") or jalur.is_symlink():
                dilewati.append(str(jalur.relative_to(folder)))
            elif jalur.suffix.lower() in EKSTENSI:
                berkas.append(jalur)
            else:
                dilewati.append(str(jalur.relative_to(folder)))
    return berkas, dilewati


_AMAN = re.compile(r"[^A-Za-z0-9._-]+")


def nama_salinan(sha256: str, nama: str) -> str:
    """File name of the copy: a hash prefix (unique) and the original name made safe."""
    jalur = Path(nama)
    akhiran = jalur.suffix.lower() if jalur.suffix.lower() in EKSTENSI else ""
    dasar = _AMAN.sub("_", jalur.stem).strip("._") or "berkas"
    return f"{sha256[:12]}_{dasar[:80]}{akhiran}"


def _salin(data: bytes, tujuan: Path) -> None:
    """Write the copy byte for byte under a temporary name, then rename it into place:
    a copy is either complete or absent, never half-written."""
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(f".{tujuan.name}.tmp")
    try:
        sementara.write_bytes(data)
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)


def bersihkan_kiriman(ruang: RuangKerja, buku: BukuBesar) -> int:
    """Remove leftovers of an interrupted run: temporary copies, and complete copies that
    no ledger row refers to (the transaction that would have referred to them never
    committed). Returns how many files were removed. Only the tool's own copies under
    ``kiriman/`` are touched."""
    akar = ruang.akar / "kiriman"
    if not akar.is_dir():
        return 0
    dikenal = {b["salinan"] for b in buku.query("SELECT salinan FROM kiriman")}
    hapus = 0
    batas = time.time() - UMUR_SISA_DETIK
    for jalur in akar.rglob("*"):
        if not jalur.is_file() or jalur.stat().st_mtime > batas:
            continue  # young files may belong to another himpun still running
        relatif = jalur.relative_to(ruang.akar).as_posix()
        if jalur.name.endswith(".tmp") or relatif not in dikenal:
            jalur.unlink(missing_ok=True)
            hapus += 1
    return hapus


# --------------------------------------------------------------------------- workers

_KONTEKS: tuple[Konfigurasi, Riwayat, Periode | None] | None = None


def _mulai_pekerja(konfigurasi: Konfigurasi, riwayat: Riwayat, bulan: Periode | None) -> None:
    global _KONTEKS
    _KONTEKS = (konfigurasi, riwayat, bulan)


def _periksa_di_pekerja(jalur: Path) -> HasilBaca:
    assert _KONTEKS is not None
    konfigurasi, riwayat, bulan = _KONTEKS
    return periksa_berkas(jalur, konfigurasi, riwayat, bulan)


def _periksa_semua(
    berkas: list[Path], konfigurasi: Konfigurasi, riwayat: Riwayat, bulan: Periode | None
) -> Iterator[HasilBaca]:
    if len(berkas) < AMBANG_PARALEL or (os.cpu_count() or 1) < 2:
        for jalur in berkas:
            yield periksa_berkas(jalur, konfigurasi, riwayat, bulan)
        return
    # one worker reads and checks while this process writes the ledger: measured on
    # 2 cores, a second worker only takes CPU from the ledger writer (bench/README.md)
    with ProcessPoolExecutor(
        max_workers=1, initializer=_mulai_pekerja, initargs=(konfigurasi, riwayat, bulan)
    ) as pool:
        yield from pool.map(_periksa_di_pekerja, berkas, chunksize=64)


# --------------------------------------------------------------------------- ledger


def riwayat_buku(buku: BukuBesar, tahun: int) -> Riwayat:
    bulanan: dict[tuple[str, str], dict[int, float]] = {}
    for b in buku.query(
        "SELECT periode, tim, indikator, angka FROM nilai_kini WHERE kolom = 'realisasi' "
        "AND angka IS NOT NULL AND periode LIKE ?",
        (f"{tahun:04d}-%",),
    ):
        bulanan.setdefault((b["tim"], b["indikator"]), {})[int(b["periode"][5:7])] = float(
            b["angka"]
        )
    terkunci = frozenset(
        b["periode"]
        for b in buku.query(
            "SELECT k.periode, k.jenis FROM keputusan k JOIN (SELECT periode, MAX(id) AS id "
            "FROM keputusan GROUP BY periode) m ON m.id = k.id"
        )
        if b["jenis"] == "setujui"
    )
    sha = frozenset(b["sha256"] for b in buku.query("SELECT sha256 FROM kiriman"))
    return Riwayat(bulanan=bulanan, terkunci=terkunci, sha_dikenal=sha)


def _waktu_terima(mtime: float) -> datetime:
    kini = sekarang()
    try:
        berkas = datetime.fromtimestamp(mtime).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):
        return kini
    return min(kini, berkas)


def _keterlambatan(konfigurasi: Konfigurasi, hasil: HasilBaca) -> tuple[datetime, Temuan | None]:
    """When the file counts as received, and the ``terlambat`` finding if it is late."""
    periode = parse_periode(hasil.periode)
    diterima = _waktu_terima(hasil.mtime)
    batas = periode.batas(konfigurasi.batas_tanggal)
    if diterima.date() <= batas:
        return diterima, None
    pengisian = f" (tanggal pengisian {hasil.tanggal_pengisian})" if hasil.tanggal_pengisian else ""
    return diterima, Temuan(
        "terlambat",
        f"Diterima {diterima:%d-%m-%Y}, melewati batas pengumpulan {batas:%d-%m-%Y}{pengisian}.",
        berkas=hasil.berkas,
        tim=hasil.tim,
        periode=hasil.periode,
    )


def _catat(
    ruang: RuangKerja,
    buku: BukuBesar,
    hasil: HasilBaca,
    oleh: str,
) -> HasilBerkas:
    """Record one accepted file: one transaction with its copy. Returns the outcome."""
    konfigurasi = ruang.konfigurasi
    periode = parse_periode(hasil.periode)
    diterima, telat = _keterlambatan(konfigurasi, hasil)
    terlambat = telat is not None
    temuan = list(hasil.temuan)

    def buat(kode: str, pesan: str) -> Temuan:
        return Temuan(kode, pesan, berkas=hasil.berkas, tim=hasil.tim, periode=hasil.periode)

    if telat is not None:
        temuan.append(telat)
    relatif = f"kiriman/{periode.kode}/{nama_salinan(hasil.sha256, hasil.berkas)}"
    tujuan = ruang.akar / relatif
    dibuat_salinan = False
    try:
        with buku.transaksi() as conn:
            # one query for the state this file meets (a duplicate is caught by the
            # UNIQUE index on sha256 and reported by the caller)
            keadaan = conn.execute(
                "SELECT (SELECT jenis FROM keputusan WHERE periode = ?1 ORDER BY id DESC LIMIT 1) "
                "AS keputusan, k.id AS id, k.nama_berkas AS nama_berkas FROM (SELECT 1) "
                "LEFT JOIN kiriman k ON k.periode = ?1 AND k.tim = ?2 AND k.aktif = 1",
                (periode.kode, hasil.tim),
            ).fetchone()
            if keadaan["keputusan"] == "setujui":
                return HasilBerkas(
                    hasil.berkas,
                    hasil.jalur,
                    "ditolak",
                    hasil.tim,
                    hasil.periode,
                    (
                        buat(
                            "bulan-terkunci",
                            f"{periode.label} sudah disetujui dan terkunci. Buka dulu dengan "
                            f'`kinerja buka --bulan {periode.kode} --alasan "..."`.',
                        ),
                    ),
                )
            lama = keadaan if keadaan["id"] is not None else None
            if lama is not None:
                temuan.append(
                    buat(
                        "menggantikan",
                        f"Menggantikan kiriman sebelumnya ({lama['nama_berkas']}); kiriman lama "
                        "tetap tersimpan di buku besar.",
                    )
                )
                conn.execute("UPDATE kiriman SET aktif = 0 WHERE id = ?", (lama["id"],))
            kursor = conn.execute(
                "INSERT INTO kiriman (periode, tim, nama_berkas, berkas_asal, sha256, ukuran, "
                "salinan, diterima, dihimpun, terlambat, tanggal_pengisian, diisi_oleh, "
                "instrumen_id, sidik_jari, dikenali_dari, menggantikan, aktif, oleh) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)",
                (
                    periode.kode,
                    hasil.tim,
                    hasil.berkas,
                    hasil.jalur,
                    hasil.sha256,
                    hasil.ukuran,
                    relatif,
                    waktu_iso(diterima),
                    waktu_iso(),
                    int(terlambat),
                    hasil.tanggal_pengisian or None,
                    hasil.diisi_oleh or None,
                    hasil.meta.get("instrumen_id"),
                    hasil.meta.get("sidik_jari"),
                    hasil.dikenali_dari,
                    lama["id"] if lama is not None else None,
                    oleh,
                ),
            )
            kiriman_id = int(kursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO nilai (kiriman_id, indikator, kolom, angka, teks, sel) VALUES (?,?,?,?,?,?)",
                [(kiriman_id, n.indikator, n.kolom, n.angka, n.teks, n.sel) for n in hasil.nilai],
            )
            baru = {(n.indikator, n.kolom): n for n in hasil.nilai}
            kunci = set(baru)
            if lama is not None:
                kunci |= {
                    (b["indikator"], b["kolom"])
                    for b in conn.execute(
                        "SELECT indikator, kolom FROM nilai_kini WHERE periode = ? AND tim = ?",
                        (periode.kode, hasil.tim),
                    )
                }
            waktu = waktu_iso()
            perubahan = []
            for indikator, kolom in sorted(kunci):
                n = baru.get((indikator, kolom))
                angka = n.angka if n is not None and kolom in KOLOM_ANGKA else None
                teks = n.teks if n is not None and kolom not in KOLOM_ANGKA else None
                perubahan.append((indikator, kolom, angka, teks))
            buku.ubah_nilai_banyak(
                periode=periode.kode,
                tim=hasil.tim,
                nilai=perubahan,
                sumber="kiriman",
                oleh=oleh,
                alasan=f"kiriman {hasil.berkas}",
                kiriman_id=kiriman_id,
                waktu=waktu,
            )
            conn.executemany(
                "INSERT INTO temuan (kiriman_id, periode, tim, berkas, lembar, sel, indikator, "
                "kode, tingkat, pesan, waktu) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        kiriman_id,
                        periode.kode,
                        hasil.tim,
                        t.berkas,
                        t.lembar,
                        t.sel,
                        t.indikator,
                        t.kode,
                        str(t.tingkat),
                        t.pesan,
                        waktu,
                    )
                    for t in temuan
                ],
            )
            _salin(hasil.data, tujuan)
            dibuat_salinan = True
    except BaseException:
        if dibuat_salinan:
            tujuan.unlink(missing_ok=True)
        raise
    return HasilBerkas(
        hasil.berkas,
        hasil.jalur,
        "diterima",
        hasil.tim,
        hasil.periode,
        tuple(temuan),
        kiriman_id,
        terlambat,
        waktu_iso(diterima),
        hasil.tanggal_pengisian,
    )


def kelengkapan_dari(konfigurasi: Konfigurasi, buku: BukuBesar, periode: Periode) -> Kelengkapan:
    """Expected, received, on time, late and missing teams of a month."""
    baris = buku.query(
        "SELECT tim, terlambat FROM kiriman WHERE periode = ? AND aktif = 1", (periode.kode,)
    )
    diharapkan = tuple((t.kode, t.nama) for t in konfigurasi.tim_berindikator())
    kode_harap = {k for k, _ in diharapkan}
    masuk = {b["tim"]: bool(b["terlambat"]) for b in baris if b["tim"] in kode_harap}
    return Kelengkapan(
        periode=periode,
        batas=periode.batas(konfigurasi.batas_tanggal),
        diharapkan=diharapkan,
        diterima=tuple(k for k, _ in diharapkan if k in masuk),
        tepat_waktu=tuple(k for k, _ in diharapkan if k in masuk and not masuk[k]),
        terlambat=tuple(k for k, _ in diharapkan if masuk.get(k)),
        belum=tuple((k, n) for k, n in diharapkan if k not in masuk),
    )


def kelengkapan(ruang: RuangKerja, periode: Periode, buku: BukuBesar | None = None) -> Kelengkapan:
    """:func:`kelengkapan_dari` for a workspace (opens the ledger when not given one)."""
    if buku is not None:
        return kelengkapan_dari(ruang.konfigurasi, buku, periode)
    with ruang.buka_buku_besar() as milik:
        return kelengkapan_dari(ruang.konfigurasi, milik, periode)


def himpun(
    ruang: RuangKerja,
    folder: Path,
    bulan: Periode | None = None,
    coba: bool = False,
    oleh: str | None = None,
    kemajuan: Callable[[int, int], None] | None = None,
) -> HasilHimpun:
    """Take in every workbook of ``folder``. With ``coba`` nothing is written."""
    konfigurasi = ruang.konfigurasi
    if not folder.is_dir():
        raise PenggunaanError(
            f"Folder {folder} tidak ada.", "Sebutkan folder berisi berkas isian, mis. ./masuk."
        )
    if bulan is not None and bulan.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"{bulan.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}.",
        )
    oleh = oleh or pengguna_os()
    kelolaan = tuple(ruang.akar / nama for nama in FOLDER_KELOLAAN)
    tujuan = folder.resolve()
    for milik in kelolaan:
        if tujuan == milik.resolve() or milik.resolve() in tujuan.parents:
            raise PenggunaanError(
                f"{folder} adalah folder milik kinerja ({milik.name}/), bukan folder berkas isian.",
                "Himpun folder tempat berkas isian dari tim disimpan, mis. `kinerja himpun masuk`.",
            )
    berkas, dilewati = daftar_berkas(folder, kelolaan)
    mulai = sekarang()
    hasil: list[HasilBerkas] = []
    with ruang.buka_buku_besar() as buku:
        if not coba:
            bersihkan_kiriman(ruang, buku)
        riwayat = riwayat_buku(buku, konfigurasi.tahun)
        sha_run: set[str] = set()
        for k, baca in enumerate(_periksa_semua(berkas, konfigurasi, riwayat, bulan)):
            hasil.append(_tangani(ruang, buku, baca, sha_run, coba, oleh))
            if kemajuan is not None:
                kemajuan(k + 1, len(berkas))
        periode_disentuh = sorted({h.periode for h in hasil if h.periode and h.status != "ditolak"})
        diterima = [h for h in hasil if h.status == "diterima"]
        if diterima and not coba:
            for kode in sorted({h.periode for h in diterima}):
                with buku.transaksi():
                    buku.catat_peristiwa(
                        periode=kode,
                        langkah=5,
                        aksi="himpun",
                        oleh=oleh,
                        mulai=mulai,
                        selesai=sekarang(),
                        rincian={
                            "folder": str(folder),
                            "diterima": sum(1 for h in diterima if h.periode == kode),
                            "tim": sorted({h.tim for h in diterima if h.periode == kode}),
                            "berkas": len(berkas),
                        },
                    )
        lengkap = tuple(
            kelengkapan(ruang, parse_periode(kode), buku)
            for kode in periode_disentuh
            if kode.startswith(f"{konfigurasi.tahun:04d}-")
        )
    return HasilHimpun(tuple(hasil), tuple(dilewati), lengkap, coba)


def _tangani(
    ruang: RuangKerja,
    buku: BukuBesar,
    baca: HasilBaca,
    sha_run: set[str],
    coba: bool,
    oleh: str,
) -> HasilBerkas:
    def info(kode: str, pesan: str) -> Temuan:
        return Temuan(kode, pesan, berkas=baca.berkas, tim=baca.tim, periode=baca.periode)

    if baca.duplikat or (baca.sha256 and baca.sha256 in sha_run):
        return HasilBerkas(
            baca.berkas,
            baca.jalur,
            "duplikat",
            baca.tim,
            baca.periode,
            (info("duplikat", "Berkas yang sama persis sudah pernah dihimpun; dilewati."),),
        )
    if baca.sha256:
        sha_run.add(baca.sha256)
    if not baca.diterima:
        return HasilBerkas(baca.berkas, baca.jalur, "ditolak", baca.tim, baca.periode, baca.temuan)
    if coba:
        diterima, telat = _keterlambatan(ruang.konfigurasi, baca)
        return HasilBerkas(
            baca.berkas,
            baca.jalur,
            "diterima",
            baca.tim,
            baca.periode,
            baca.temuan + ((telat,) if telat else ()),
            terlambat=telat is not None,
            diterima_pada=waktu_iso(diterima),
            tanggal_pengisian=baca.tanggal_pengisian,
        )
    try:
        return _catat(ruang, buku, baca, oleh)
    except sqlite3.IntegrityError:
        return HasilBerkas(
            baca.berkas,
            baca.jalur,
            "duplikat",
            baca.tim,
            baca.periode,
            (info("duplikat", "Berkas yang sama dihimpun oleh proses lain pada saat yang sama."),),
        )


def semua_temuan(hasil: Iterable[HasilBerkas]) -> list[Temuan]:
    return [t for h in hasil for t in h.temuan]


__all__ = [
    "HasilBerkas",
    "HasilHimpun",
    "Kelengkapan",
    "daftar_berkas",
    "himpun",
    "kelengkapan",
    "semua_temuan",
]
