"""The workspace (SPEC section 3): its folders, finding it, and safe file writes."""

from __future__ import annotations

import errno
import gc
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .galat import DitolakError, KinerjaError, PenggunaanError, RuangKerjaError
from .konfigurasi import Konfigurasi, muat_konfigurasi
from .periode import Periode

if TYPE_CHECKING:  # the ledger is loaded by the commands that open it, not by `kinerja cek`
    from .buku_besar import BukuBesar

NAMA_KONFIGURASI = "kinerja.yaml"
NAMA_BUKU_BESAR = "kinerja.db"
_PAKET = Path(__file__).resolve().parent


def folder_sumber(nama: str) -> Path:
    """A folder shipped with the package (``templates``, ``examples``).

    In a wheel they live inside the package; in a source checkout, at the top of
    the repository.
    """
    for calon in (_PAKET / nama, _PAKET.parent.parent / nama):
        if calon.is_dir():
            return calon
    raise KinerjaError(
        f"Folder bawaan {nama!r} tidak ditemukan di instalasi kinerja.",
        "Pasang ulang kinerja dengan `pip install .` dari folder sumbernya.",
    )


@dataclass(frozen=True, eq=False)
class RuangKerja:
    """One office's workspace: ``kinerja.yaml``, the ledger and the monthly folders."""

    akar: Path

    @property
    def berkas_konfigurasi(self) -> Path:
        return self.akar / NAMA_KONFIGURASI

    @property
    def berkas_buku_besar(self) -> Path:
        return self.akar / NAMA_BUKU_BESAR

    @cached_property
    def konfigurasi(self) -> Konfigurasi:
        return muat_konfigurasi(self.berkas_konfigurasi, cache=True)

    def buka_buku_besar(self) -> BukuBesar:
        from .buku_besar import BukuBesar

        return BukuBesar(self.berkas_buku_besar)

    def folder_instrumen(self, periode: Periode) -> Path:
        return self.akar / "instrumen" / periode.kode

    def folder_kiriman(self, periode: Periode) -> Path:
        return self.akar / "kiriman" / periode.kode

    def folder_laporan(self, periode: Periode) -> Path:
        return self.akar / "laporan" / periode.kode

    @property
    def folder_arsip(self) -> Path:
        return self.akar / "arsip"

    @property
    def folder_masuk(self) -> Path:
        return self.akar / "masuk"

    @property
    def berkas_sendiri(self) -> tuple[Path, ...]:
        """The workspace's own files, inputs of every command: never an output."""
        db = self.berkas_buku_besar
        return (
            self.berkas_konfigurasi,
            db,
            db.with_name(db.name + "-wal"),
            db.with_name(db.name + "-shm"),
            self.akar / ".kinerja-jejak",
        )

    def relatif(self, jalur: Path) -> str:
        """A path as shown to users: relative to the workspace when inside it."""
        try:
            return str(jalur.resolve().relative_to(self.akar.resolve()))
        except ValueError:
            return str(jalur)


def cari_ruang_kerja(mulai: Path | None = None, eksplisit: Path | None = None) -> RuangKerja:
    """The workspace named by ``--ruang-kerja``, else the nearest folder upward holding
    ``kinerja.yaml``."""
    if eksplisit is not None:
        if not (eksplisit / NAMA_KONFIGURASI).is_file():
            raise RuangKerjaError(
                f"{eksplisit} bukan ruang kerja kinerja: {NAMA_KONFIGURASI} tidak ada di sana.",
                f"Buat ruang kerja dengan `kinerja init {eksplisit}`.",
            )
        return RuangKerja(eksplisit.resolve())
    folder = (mulai or Path.cwd()).resolve()
    for calon in (folder, *folder.parents):
        if (calon / NAMA_KONFIGURASI).is_file():
            return RuangKerja(calon)
    raise RuangKerjaError(
        f"Tidak ada {NAMA_KONFIGURASI} di {folder} maupun folder di atasnya.",
        "Masuk ke folder ruang kerja, pakai --ruang-kerja PATH, atau buat baru dengan "
        "`kinerja init FOLDER`.",
    )


def _umask() -> int:
    """The process's umask (read by setting it and putting it back: there is no getter)."""
    nilai = os.umask(0o022)
    os.umask(nilai)
    return nilai


def mode_berkas_baru(tujuan: Path) -> int:
    """The permissions ``tujuan`` gets: those it already has when it is replaced, else
    what ``open()`` would give a new file (0666 less the umask), so colleagues on a
    shared folder can open reports as they can open any other file there."""
    try:
        return stat.S_IMODE(tujuan.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@contextmanager
def berkas_sementara(tujuan: Path) -> Iterator[Path]:
    """A temporary path beside ``tujuan``; renamed onto it only if the block succeeds.

    The temporary file is private while it is written (``mkstemp``: 0600) and gets the
    permissions a new file would get (:func:`mode_berkas_baru`) just before the rename."""
    import tempfile  # here: a command that only reads (status, cek) does not load it

    tujuan.parent.mkdir(parents=True, exist_ok=True)
    fd, nama = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    os.close(fd)
    sementara = Path(nama)
    try:
        yield sementara
        with open(sementara, "rb+") as f:
            os.fsync(f.fileno())
            os.fchmod(f.fileno(), mode_berkas_baru(tujuan))
        os.replace(sementara, tujuan)
    finally:
        sementara.unlink(missing_ok=True)


def tulis_atomik(tujuan: Path, isi: bytes | str) -> Path:
    """Write a whole file under a temporary name, then rename it into place."""
    data = isi.encode("utf-8") if isinstance(isi, str) else isi
    with berkas_sementara(tujuan) as sementara:
        sementara.write_bytes(data)
    return tujuan


def simpan_atomik(tujuan: Path, penulis: Callable[[Path], None]) -> Path:
    """Let ``penulis`` write a temporary file (e.g. ``workbook.save``), then rename it."""
    with berkas_sementara(tujuan) as sementara:
        penulis(sementara)
    return tujuan


def _sama(a: Path, b: Path) -> bool:
    """The same file: the same resolved path, or the same inode (a hard link)."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def periksa_keluaran(
    tujuan: Path, *, timpa: bool = False, masukan: Iterable[Path] = (), opsi: str = ""
) -> bool:
    """The one rule for every file a user names as an output (``--laporan``,
    ``--templat``, ``--keluaran``, ``cadangkan FILE``, the files of ``--umpan-balik``):
    never a file read in the same run (``masukan``: files, compared by resolved path and
    by inode; folders, which no output may be written into), never a folder or special
    file, and never an existing file without ``--timpa``. Call it before anything is
    written. Returns True when an existing file will be replaced."""
    nama = f"{opsi} {tujuan}" if opsi else str(tujuan)
    masukan = sorted(masukan, key=lambda jalur: jalur.is_dir())  # files first: say which
    for masuk in masukan:
        if masuk.is_dir():
            try:
                di_dalam = tujuan.resolve().is_relative_to(masuk.resolve())
            except OSError:
                di_dalam = False
            if di_dalam:
                raise PenggunaanError(
                    f"{nama} berada di dalam folder {masuk} yang dibaca perintah ini; "
                    "keluaran tidak pernah ditulis di antara berkas masukan. Tidak ada yang ditulis.",
                    "Pilih berkas atau folder keluaran di luar folder itu.",
                )
        elif _sama(tujuan, masuk):
            raise PenggunaanError(
                f"{nama} adalah berkas masukan ({masuk}) yang dibaca perintah ini; berkas "
                "masukan tidak pernah ditimpa. Tidak ada yang ditulis.",
                "Pilih nama lain untuk berkas keluaran.",
            )
    if not os.path.lexists(tujuan):
        return False
    if tujuan.is_symlink() or not tujuan.is_file():
        raise PenggunaanError(
            f"{nama} sudah ada dan bukan berkas biasa; tidak ditimpa, tidak ada yang ditulis.",
            "Pilih nama berkas lain.",
        )
    if not timpa:
        raise DitolakError(
            f"{nama} sudah ada; tidak ditimpa, tidak ada yang ditulis.",
            "Pilih nama lain, atau tambahkan --timpa untuk menggantinya.",
        )
    return True


def galat_tulis(exc: BaseException) -> OSError | None:
    """The I/O failure behind ``exc``: an OSError, or lxml's serialisation error for a
    file it could not write (openpyxl saves through lxml: ``IO_EFBIG``, ``IO_ENOSPC``)."""
    if isinstance(exc, OSError):
        return exc
    lxml = sys.modules.get("lxml.etree")
    galat_lxml = getattr(lxml, "SerialisationError", None) if lxml is not None else None
    if galat_lxml is not None and isinstance(exc, galat_lxml):
        teks = str(exc)
        for nama in ("ENOSPC", "EFBIG", "EDQUOT"):
            if f"IO_{nama}" in teks:
                kode = getattr(errno, nama)
                return OSError(kode, os.strerror(kode))
        return OSError(errno.EIO, teks)
    return None


@contextmanager
def tanpa_sisa_penulis() -> Iterator[None]:
    """Around a write that may fail half-way: openpyxl leaves a generator whose clean-up
    raises lxml's I/O error again when it is collected ("Exception ignored in ..."); that
    repeat of an error already reported is not printed."""
    asli = sys.unraisablehook

    def kait(info: Any) -> None:
        if galat_tulis(info.exc_value) is None or isinstance(info.exc_value, OSError):
            asli(info)

    sys.unraisablehook = kait
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = asli


def tulis_keluaran(apa: Path, penulis: Callable[[], Path]) -> Path:
    """Run ``penulis`` (an atomic write of ``apa``); a full disk or a missing folder
    becomes a two-line message (the temporary file is already gone)."""
    exc: OSError | None = None
    with tanpa_sisa_penulis():
        try:
            return penulis()
        except Exception as asal:
            exc = galat_tulis(asal)
            if exc is None:
                raise
    assert exc is not None
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        from .buku_besar import disk_penuh

        raise disk_penuh(str(apa), exc)
    raise KinerjaError(
        f"{apa} tidak dapat ditulis ({exc.strerror}); tidak ada yang ditulis.",
        "Periksa bahwa foldernya ada dan dapat ditulis, lalu ulangi.",
    )


SUBFOLDER: tuple[str, ...] = ("instrumen", "masuk", "kiriman", "laporan", "arsip")


def buat_ruang_kerja(folder: Path) -> RuangKerja:
    """Create a workspace with the commented example ``kinerja.yaml``; never overwrite."""
    folder = folder.resolve()
    konfigurasi = folder / NAMA_KONFIGURASI
    if konfigurasi.exists():
        raise DitolakError(
            f"{konfigurasi} sudah ada; ruang kerja tidak ditimpa.",
            "Pakai folder lain, atau periksa konfigurasi yang ada dengan `kinerja cek`.",
        )
    if folder.exists() and not folder.is_dir():
        raise DitolakError(f"{folder} sudah ada dan bukan folder.", "Pilih nama folder lain.")
    contoh = folder_sumber("examples") / NAMA_KONFIGURASI
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for nama in SUBFOLDER:
            (folder / nama).mkdir(exist_ok=True)
        tulis_atomik(konfigurasi, contoh.read_bytes())
    except OSError as exc:
        raise RuangKerjaError(
            f"Ruang kerja {folder} tidak dapat dibuat: {exc.strerror}.",
            "Periksa izin tulis folder itu dan sisa ruang disk.",
        ) from None
    ruang = RuangKerja(folder)
    ruang.buka_buku_besar().close()
    return ruang
