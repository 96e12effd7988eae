"""himpun (POS step 5): take in filled workbooks from a folder, check and record them.

Reading and checking happen in :mod:`pembaca` (in two worker processes when there
are many files); the ledger is written here, in the main process, one transaction
per accepted file together with its byte-exact copy under ``kiriman/PERIODE/``.
Inputs are never modified or moved; a rejected file changes nothing.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from .buku_besar import (
    BukuBesar,
    KirimanBaru,
    KirimanSudahAda,
    pengguna_os,
    sekarang,
    waktu_iso,
)
from .galat import DitolakError, PenggunaanError
from .kelengkapan import Kelengkapan, kelengkapan
from .kiriman import bersihkan_kiriman, catat_dengan_salinan, nama_salinan, tulis_sementara
from .konfigurasi import Konfigurasi
from .pembaca import (
    KODE_RIWAYAT,
    HasilBaca,
    NilaiTerbaca,
    Riwayat,
    daftar_berkas,
    periksa_berkas,
    temuan_riwayat,
)
from .periode import Periode, parse_periode
from .ruang_kerja import RuangKerja, periksa_keluaran
from .temuan import Temuan, Tingkat

AMBANG_PARALEL = 24
"""From this many files on, reading and checking run in a worker process."""
JUMLAH_PEKERJA = 2
"""Worker processes. Reading and checking a file costs more than recording it, so both
cores read while this process writes the ledger. A worker sees only its own share of the
files: when a team's earlier month taken in during this run was checked by the other
worker, the main process compares the month again with what was recorded (see
:meth:`_Penghimpun._tangani`), so the findings are the same as with one worker."""
UKURAN_POTONGAN = 8
"""Files the worker checks per task."""


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
    aktif: bool = True
    """False for a file received earlier than the active one (``lebih-lama``)."""

    def jumlah(self, tingkat: Tingkat) -> int:
        return sum(1 for t in self.temuan if t.tingkat is tingkat)


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


FOLDER_KELOLAAN: tuple[str, ...] = ("instrumen", "kiriman", "laporan", "arsip")
"""Workspace folders kinerja itself writes: never taken in as submissions."""


# --------------------------------------------------------------------------- workers


def terapkan_realisasi(
    konfigurasi: Konfigurasi,
    bulanan: dict[tuple[str, str], dict[int, float]],
    tim: str,
    bulan: int,
    nilai: Iterable[NilaiTerbaca],
) -> None:
    """Set a recorded file's realisations into ``bulanan`` ((tim, indikator) → {month:
    value}); a value the file left empty is gone."""
    realisasi = {
        n.indikator: n.angka for n in nilai if n.kolom == "realisasi" and n.angka is not None
    }
    for ind in konfigurasi.indikator_tim(tim):
        riwayat_ind = bulanan.setdefault((tim, ind.kode), {})
        if ind.kode in realisasi:
            riwayat_ind[bulan] = realisasi[ind.kode]
        else:
            riwayat_ind.pop(bulan, None)


Dasar = tuple[str, ...]
"""The files of this run (sha256, in order) whose realisations an earlier-month check
of a file assumed: the same team, months before the file's own."""


class _PemeriksaJalan:
    """Reads and checks the files of one run in order, as the ledger will see them.

    It keeps its own copy of the monthly realisations and applies each accepted file
    to it, so a June file is compared with the May file it checked a moment before in
    the same run. With each result goes the ``Dasar`` it assumed; the main process
    recomputes the history findings only when what it actually recorded differs: a file
    refused at the last moment, or (with two workers) an earlier month of the same team
    checked by the other worker."""

    def __init__(
        self, konfigurasi: Konfigurasi, riwayat: Riwayat, bulan: Periode | None, akar: Path | None
    ) -> None:
        self.konfigurasi = konfigurasi
        self.bulan = bulan
        self.akar = akar
        self.bulanan: dict[tuple[str, str], dict[int, float]] = {
            k: dict(v) for k, v in riwayat.bulanan.items()
        }
        self.riwayat = replace(riwayat, bulanan=self.bulanan)
        self.sha_jalan: set[str] = set()
        self.diterima: dict[str, list[tuple[int, str]]] = {}
        """Team → (month, sha256) of the files of this run assumed recorded, in order."""

    def periksa(self, jalur: Path) -> tuple[HasilBaca, str, Dasar]:
        """Check one file and write its temporary copy (see :meth:`periksa_potongan`)."""
        hasil, dasar = self._periksa(jalur)
        return (*_salin(hasil, self.akar), dasar)

    def periksa_potongan(self, jalur: Sequence[Path]) -> list[tuple[HasilBaca, str, Dasar]]:
        """:meth:`periksa` for several files, in order (one task of the worker process).

        The copies are written here, in turn: a thread writing them while the next file
        is checked was measured slower (bench/README.md), the two fight for the
        interpreter lock."""
        return [self.periksa(satu) for satu in jalur]

    def _periksa(self, jalur: Path) -> tuple[HasilBaca, Dasar]:
        hasil = periksa_berkas(jalur, self.konfigurasi, self.riwayat, self.bulan)
        if not hasil.diterima or hasil.sha256 in self.sha_jalan:
            self.sha_jalan.add(hasil.sha256)
            return hasil, ()
        self.sha_jalan.add(hasil.sha256)
        bulan = parse_periode(hasil.periode).bulan
        catatan = self.diterima.setdefault(hasil.tim, [])
        dasar = tuple(sha for b, sha in catatan if b < bulan)
        catatan.append((bulan, hasil.sha256))
        terapkan_realisasi(self.konfigurasi, self.bulanan, hasil.tim, bulan, hasil.nilai)
        return hasil, dasar


_PEMERIKSA: _PemeriksaJalan | None = None


def _mulai_pekerja(
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None,
    akar: Path | None,
    induk: int,
) -> None:
    global _PEMERIKSA
    _PEMERIKSA = _PemeriksaJalan(konfigurasi, riwayat, bulan, akar)
    _mati_bersama_induk(induk)


def _mati_bersama_induk(induk: int) -> None:
    """On Linux, have the kernel end this worker when the main process dies (killed in
    the middle of a run), so no orphan keeps writing temporary copies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != induk:  # the main process died before prctl took effect
        os._exit(1)


def _salin(hasil: HasilBaca, akar: Path | None) -> tuple[HasilBaca, str]:
    """For an accepted file, its temporary copy under ``akar`` (``kiriman/``; None for a
    dry run), written from the bytes already read and hashed, so the file is read once
    and only small results travel back to the main process."""
    if not hasil.diterima or akar is None:
        return replace(hasil, data=b""), ""
    tujuan = akar / hasil.periode / nama_salinan(hasil.sha256, hasil.berkas)
    try:
        sementara = tulis_sementara(hasil.data, tujuan)
    except OSError:
        return hasil, ""  # the main process tries again and reports the failure
    return replace(hasil, data=b""), str(sementara)


def _periksa_di_pekerja(jalur: list[Path]) -> list[tuple[HasilBaca, str, Dasar]]:
    assert _PEMERIKSA is not None
    return _PEMERIKSA.periksa_potongan(jalur)


def _periksa_semua(
    berkas: list[Path],
    konfigurasi: Konfigurasi,
    riwayat: Riwayat,
    bulan: Periode | None,
    akar: Path | None,
) -> Iterator[tuple[HasilBaca, str, Dasar]]:
    if len(berkas) < AMBANG_PARALEL or (os.cpu_count() or 1) < 2:
        pemeriksa = _PemeriksaJalan(konfigurasi, riwayat, bulan, akar)
        for jalur in berkas:
            yield pemeriksa.periksa(jalur)
        return
    # the workers read, check and write temporary copies, chunk by chunk, while this
    # process writes the ledger; results come back in file order
    with ProcessPoolExecutor(
        max_workers=JUMLAH_PEKERJA,
        initializer=_mulai_pekerja,
        initargs=(konfigurasi, riwayat, bulan, akar, os.getpid()),
    ) as pool:
        potongan = [berkas[i : i + UKURAN_POTONGAN] for i in range(0, len(berkas), UKURAN_POTONGAN)]
        for hasil in pool.map(_periksa_di_pekerja, potongan):
            yield from hasil


# --------------------------------------------------------------------------- ledger


def riwayat_buku(buku: BukuBesar, tahun: int) -> Riwayat:
    bulanan: dict[tuple[str, str], dict[int, float]] = {}
    for n in buku.nilai_kini(sampai=f"{tahun:04d}-12", kolom=("realisasi",)):
        if n.angka is not None:
            bulanan.setdefault((n.tim, n.indikator), {})[int(n.periode[5:7])] = float(n.angka)
    return Riwayat(bulanan=bulanan, terkunci=buku.bulan_terkunci(), sha_dikenal=buku.sha_kiriman())


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
    pengisian = ""
    if hasil.tanggal_pengisian:
        try:
            isi = date.fromisoformat(hasil.tanggal_pengisian).strftime("%d-%m-%Y")
        except ValueError:
            isi = hasil.tanggal_pengisian
        pengisian = f" (tanggal pengisian {isi})"
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
    sementara: str = "",
) -> HasilBerkas:
    """Record one accepted file: one transaction with its copy. Returns the outcome.

    ``sementara`` is the temporary copy a worker already wrote (else it is written
    here from ``hasil.data``); it is renamed into place just before the commit and
    removed when the file is not recorded."""
    konfigurasi = ruang.konfigurasi
    periode = parse_periode(hasil.periode)
    diterima, telat = _keterlambatan(konfigurasi, hasil)
    terlambat = telat is not None
    temuan = list(hasil.temuan)
    if telat is not None:
        temuan.append(telat)
    kiriman = KirimanBaru(
        periode=periode.kode,
        tim=hasil.tim,
        nama_berkas=hasil.berkas,
        berkas_asal=hasil.jalur,
        sha256=hasil.sha256,
        ukuran=hasil.ukuran,
        salinan=f"kiriman/{periode.kode}/{nama_salinan(hasil.sha256, hasil.berkas)}",
        diterima=waktu_iso(diterima),
        dihimpun=waktu_iso(),
        terlambat=terlambat,
        tanggal_pengisian=hasil.tanggal_pengisian or None,
        diisi_oleh=hasil.diisi_oleh or None,
        instrumen_id=hasil.meta.get("instrumen_id"),
        sidik_jari=hasil.meta.get("sidik_jari"),
        dikenali_dari=hasil.dikenali_dari,
        oleh=oleh,
    )
    catat = catat_dengan_salinan(
        ruang,
        buku,
        kiriman,
        hasil.nilai,
        temuan,
        data=hasil.data,
        sementara=sementara,
    )
    if catat.tercatat is None:
        return HasilBerkas(
            hasil.berkas, hasil.jalur, "ditolak", hasil.tim, hasil.periode, catat.temuan
        )
    return HasilBerkas(
        hasil.berkas,
        hasil.jalur,
        "diterima",
        hasil.tim,
        hasil.periode,
        catat.temuan,
        catat.tercatat.kiriman.id,
        terlambat,
        kiriman.diterima,
        hasil.tanggal_pengisian,
        catat.tercatat.aktif,
    )


POLA_UMPAN_BALIK = "umpan-balik-*.xlsx"
"""The names :func:`~.umpan_balik.tulis_umpan_balik` writes into ``--umpan-balik DIR``."""


def periksa_keluaran_himpun(
    ruang: RuangKerja,
    folder: Path,
    laporan: Path | None,
    umpan_balik: Path | None,
    timpa: bool = False,
) -> None:
    """Before a run: the outputs asked for (``--laporan``, ``--umpan-balik``) are not
    inside the folder being collected, not one of its files (by path or inode), not the
    workspace's own files, and replace nothing without ``timpa``."""
    if laporan is None and umpan_balik is None:
        return
    masukan = [folder, *ruang.berkas_sendiri]
    if folder.is_dir():
        masukan += daftar_berkas(folder, tuple(ruang.akar / n for n in FOLDER_KELOLAAN))[0]
    if laporan is not None:
        periksa_keluaran(laporan, timpa=timpa, masukan=masukan, opsi="--laporan")
    if umpan_balik is not None:
        periksa_keluaran(umpan_balik / "x.xlsx", timpa=True, masukan=masukan, opsi="--umpan-balik")
        if umpan_balik.exists() and not umpan_balik.is_dir():
            raise PenggunaanError(
                f"--umpan-balik {umpan_balik} sudah ada dan bukan folder.",
                "Sebutkan folder untuk buku kerja umpan balik, mis. --umpan-balik ./umpan-balik.",
            )
        ada = sorted(umpan_balik.glob(POLA_UMPAN_BALIK)) if umpan_balik.is_dir() else []
        if ada and not timpa:
            raise DitolakError(
                f"--umpan-balik {umpan_balik} sudah berisi {len(ada)} buku kerja umpan balik "
                f"(mis. {ada[0].name}); tidak ditimpa, tidak ada yang dihimpun.",
                "Pilih folder lain, atau tambahkan --timpa untuk menggantinya.",
            )
        for lama in ada:
            periksa_keluaran(lama, timpa=True, masukan=masukan, opsi="--umpan-balik")


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
    with ruang.buka_buku_besar() as buku, buku.penulisan_besar():
        if not coba:
            bersihkan_kiriman(ruang)
        riwayat = riwayat_buku(buku, konfigurasi.tahun)
        penghimpun = _Penghimpun(ruang, buku, riwayat, coba, oleh)
        akar = None if coba else ruang.akar / "kiriman"
        for k, (baca, sementara, dasar) in enumerate(
            _periksa_semua(berkas, konfigurasi, riwayat, bulan, akar)
        ):
            hasil.append(penghimpun.tangani(baca, sementara, dasar))
            if kemajuan is not None:
                kemajuan(k + 1, len(berkas))
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
                            "berkas": len(berkas),
                            "diterima": sum(1 for h in diterima if h.periode == kode),
                            "ditolak": sum(
                                1 for h in hasil if h.periode == kode and h.status == "ditolak"
                            ),
                            "tim": sorted({h.tim for h in diterima if h.periode == kode}),
                        },
                    )
        lengkap = []
        for kode in _periode_disentuh(hasil, konfigurasi.tahun):
            satu = kelengkapan(ruang, parse_periode(kode), buku)
            if coba:
                satu = _tambah_coba(satu, [h for h in diterima if h.periode == kode])
            lengkap.append(satu)
    return HasilHimpun(tuple(hasil), tuple(dilewati), tuple(lengkap), coba)


def _periode_disentuh(hasil: Iterable[HasilBerkas], tahun: int) -> list[str]:
    """Months a run touched: of files taken in, duplicates, and files rejected for a
    reason other than their month (a team that tried shows in that month's line)."""
    kode = {
        h.periode
        for h in hasil
        if h.periode.startswith(f"{tahun:04d}-")
        and not (h.status == "ditolak" and any(t.kode == "periode-di-luar" for t in h.temuan))
    }
    return sorted(kode)


def _tambah_coba(k: Kelengkapan, diterima: list[HasilBerkas]) -> Kelengkapan:
    """Completeness as it would be if the dry run's accepted files were taken in."""
    masuk = {b: b in k.terlambat for b in k.diterima}
    for h in diterima:
        masuk[h.tim] = h.terlambat
    kode = [t for t, _ in k.diharapkan]
    return replace(
        k,
        diterima=tuple(t for t in kode if t in masuk),
        tepat_waktu=tuple(t for t in kode if t in masuk and not masuk[t]),
        terlambat=tuple(t for t in kode if masuk.get(t)),
        belum=tuple((t, n) for t, n in k.diharapkan if t not in masuk),
    )


class _Penghimpun:
    """What one run knows while it goes: files already seen, months recorded, the
    realisations taken in so far (for findings that compare with earlier months)."""

    def __init__(
        self, ruang: RuangKerja, buku: BukuBesar, riwayat: Riwayat, coba: bool, oleh: str
    ) -> None:
        self.ruang = ruang
        self.buku = buku
        self.coba = coba
        self.oleh = oleh
        self.sha_run: dict[str, tuple[str, str, str]] = {}
        """sha256 → (tim, periode, berkas) of the files seen in this run."""
        self.bulanan: dict[tuple[str, str], dict[int, float]] = {
            k: dict(v) for k, v in riwayat.bulanan.items()
        }
        self.dicatat: dict[str, list[tuple[int, str]]] = {}
        """Team → (month, sha256) of the files recorded during this run, in order."""
        self.aktif: dict[tuple[str, str], str] = {}
        if coba:
            self.aktif = {(k.periode, k.tim): k.nama_berkas for k in buku.kiriman_aktif()}

    def _info(self, baca: HasilBaca, kode: str, pesan: str) -> Temuan:
        return Temuan(kode, pesan, berkas=baca.berkas, tim=baca.tim, periode=baca.periode)

    def tangani(self, baca: HasilBaca, sementara: str, dasar: Dasar = ()) -> HasilBerkas:
        hasil: HasilBerkas | None = None
        try:
            hasil = self._tangani(baca, sementara, dasar)
            return hasil
        finally:
            if sementara and (hasil is None or hasil.status != "diterima"):
                Path(sementara).unlink(missing_ok=True)  # not renamed: not taken in

    def _tangani(self, baca: HasilBaca, sementara: str, dasar: Dasar) -> HasilBerkas:
        if baca.duplikat or (baca.sha256 and baca.sha256 in self.sha_run):
            return self._duplikat(baca)
        if baca.sha256:
            self.sha_run[baca.sha256] = (baca.tim, baca.periode, baca.berkas)
        if not baca.diterima:
            return HasilBerkas(
                baca.berkas, baca.jalur, "ditolak", baca.tim, baca.periode, baca.temuan
            )
        periode = parse_periode(baca.periode)
        dicatat = tuple(sha for b, sha in self.dicatat.get(baca.tim, ()) if b < periode.bulan)
        if dicatat != dasar:
            # the checker assumed other earlier months of this team than the ones
            # recorded (a file refused at the last moment): compare with what is recorded
            baca = replace(
                baca,
                temuan=tuple(t for t in baca.temuan if t.kode not in KODE_RIWAYAT)
                + tuple(
                    temuan_riwayat(
                        self.ruang.konfigurasi,
                        baca.tim,
                        periode,
                        baca.nilai,
                        baca.sel_kendala,
                        self.bulanan,
                        baca.berkas,
                        baca.lembar or "Capaian",
                    )
                ),
            )
        if self.coba:
            hasil = self._coba(baca)
        else:
            try:
                hasil = _catat(self.ruang, self.buku, baca, self.oleh, sementara)
            except KirimanSudahAda:  # another himpun took in the same bytes just now
                self.sha_run.pop(baca.sha256, None)
                return self._duplikat(baca)
        if hasil.status == "diterima" and hasil.aktif:
            self._ingat(baca, periode)
        return hasil

    def _duplikat(self, baca: HasilBaca) -> HasilBerkas:
        """Same bytes as a file taken in before: say which one, and for whom."""
        if baca.sha256 in self.sha_run:
            tim, periode, asal = self.sha_run[baca.sha256]
            kapan = "pada jalan ini"
        else:
            ada = self.buku.kiriman_dengan_sha(baca.sha256)
            if ada is None:
                tim, periode, asal, kapan = baca.tim, baca.periode, "", ""
            else:
                tim, periode, asal = ada.tim, ada.periode, ada.nama_berkas
                kapan = f"pada {datetime.fromisoformat(ada.dihimpun):%d-%m-%Y %H:%M}"
        sama = f" ({asal}, dihimpun {kapan})" if asal else ""
        temuan = Temuan(
            "duplikat",
            f"Berkas yang sama persis sudah pernah dihimpun{sama}; dilewati.",
            berkas=baca.berkas,
            tim=tim,
            periode=periode,
        )
        return HasilBerkas(baca.berkas, baca.jalur, "duplikat", tim, periode, (temuan,))

    def _coba(self, baca: HasilBaca) -> HasilBerkas:
        diterima, telat = _keterlambatan(self.ruang.konfigurasi, baca)
        temuan = list(baca.temuan)
        if telat is not None:
            temuan.append(telat)
        lama = self.aktif.get((baca.periode, baca.tim))
        if lama is not None:
            temuan.append(
                self._info(
                    baca,
                    "menggantikan",
                    f"Akan menggantikan kiriman sebelumnya ({lama}); kiriman lama tetap "
                    "tersimpan di buku besar.",
                )
            )
        self.aktif[(baca.periode, baca.tim)] = baca.berkas
        return HasilBerkas(
            baca.berkas,
            baca.jalur,
            "diterima",
            baca.tim,
            baca.periode,
            tuple(temuan),
            terlambat=telat is not None,
            diterima_pada=waktu_iso(diterima),
            tanggal_pengisian=baca.tanggal_pengisian,
        )

    def _ingat(self, baca: HasilBaca, periode: Periode) -> None:
        """The realisations this file set (a value it left empty is gone)."""
        terapkan_realisasi(
            self.ruang.konfigurasi, self.bulanan, baca.tim, periode.bulan, baca.nilai
        )
        self.dicatat.setdefault(baca.tim, []).append((periode.bulan, baca.sha256))


def semua_temuan(hasil: Iterable[HasilBerkas]) -> list[Temuan]:
    return [t for h in hasil for t in h.temuan]


__all__ = [
    "HasilBerkas",
    "HasilHimpun",
    "Kelengkapan",
    "daftar_berkas",
    "himpun",
    "kelengkapan",
    "periksa_keluaran_himpun",
    "semua_temuan",
]
