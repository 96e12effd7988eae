"""Taking one submission in (SPEC sections 6, 13, 14): its byte-exact copy under
``kiriman/`` and its one transaction, shared by ``himpun`` and ``impor-realisasi``.

Either the submission, its values, its findings and its complete copy are recorded, or
nothing is: the copy is written under a temporary name first and renamed into place
just before the commit. Clean-up removes only such temporary copies whose writer is
gone; a complete copy is never deleted.
"""

from __future__ import annotations

import errno
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .buku_besar import (
    POLA_SEMENTARA,
    BukuBesar,
    BulanTerkunci,
    KirimanBaru,
    KirimanTercatat,
    NilaiBaru,
    disk_penuh,
)
from .galat import KinerjaError
from .pembaca import EKSTENSI
from .periode import parse_periode
from .ruang_kerja import RuangKerja
from .temuan import Tempat, Temuan, buat

UMUR_SISA_DETIK = 15 * 60
"""A temporary copy without a writer's process id is left alone this long."""


_AMAN = re.compile(r"[^A-Za-z0-9._-]+")


def nama_salinan(sha256: str, nama: str) -> str:
    """File name of the copy: a hash prefix (unique) and the original name made safe."""
    jalur = Path(nama)
    akhiran = jalur.suffix.lower() if jalur.suffix.lower() in EKSTENSI else ""
    dasar = _AMAN.sub("_", jalur.stem).strip("._") or "berkas"
    return f"{sha256[:12]}_{dasar[:80]}{akhiran}"


def tulis_sementara(data: bytes, tujuan: Path) -> Path:
    """Write the copy byte for byte under a temporary name beside ``tujuan`` (the name
    carries the writer's process id); the recording transaction renames it into place,
    so a copy under its real name is always complete, never half-written."""
    sementara = tujuan.with_name(f".{tujuan.name}.{os.getpid()}.tmp")
    try:
        try:
            keluar = open(sementara, "wb")  # noqa: SIM115 (closed below)
        except FileNotFoundError:  # the month's first copy: make its folder (once)
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            keluar = open(sementara, "wb")  # noqa: SIM115
        with keluar:
            keluar.write(data)
    except BaseException:
        sementara.unlink(missing_ok=True)
        raise
    return sementara


def _pid_sementara(nama: str) -> int | None:
    """Process id in a temporary copy's name (``.x.xlsx.1234.tmp``), if any."""
    bagian = nama.rsplit(".", 2)
    if len(bagian) == 3 and bagian[2] == "tmp" and bagian[1].isdigit():
        return int(bagian[1])
    return None


def _proses_hidup(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, dead but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (not Linux): trust os.kill
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def bersihkan_kiriman(ruang: RuangKerja) -> int:
    """Remove leftovers of an interrupted run: this tool's own temporary copies (by their
    temporary name) whose writer is gone. A complete copy is never removed, even one the
    ledger does not know (``kinerja periksa`` lists those). Returns how many were removed."""
    akar = ruang.akar / "kiriman"
    if not akar.is_dir():
        return 0
    hapus = 0
    batas = time.time() - UMUR_SISA_DETIK
    for jalur in akar.rglob("*.tmp"):
        if not jalur.is_file() or not POLA_SEMENTARA.match(jalur.name):
            continue
        pid = _pid_sementara(jalur.name)
        if pid is not None and pid != os.getpid() and _proses_hidup(pid):
            continue  # another himpun is writing it right now
        if pid is None and jalur.stat().st_mtime > batas:
            continue
        jalur.unlink(missing_ok=True)
        hapus += 1
    return hapus


@dataclass(frozen=True)
class Pencatatan:
    """The outcome of :func:`catat_dengan_salinan`: the recorded submission (None when
    the month is locked) and the findings, with the one about the active submission."""

    tercatat: KirimanTercatat | None
    temuan: tuple[Temuan, ...]


def _waktu(teks: str) -> str:
    return f"{datetime.fromisoformat(teks):%d-%m-%Y %H:%M}"


def catat_dengan_salinan(
    ruang: RuangKerja,
    buku: BukuBesar,
    kiriman: KirimanBaru,
    nilai: Sequence[NilaiBaru],
    temuan: Sequence[Temuan],
    *,
    data: bytes = b"",
    sementara: str = "",
    perintah: str = "himpun",
) -> Pencatatan:
    """Record ``kiriman`` with its values and findings and its copy at ``kiriman.salinan``
    (written from ``data`` unless a worker already wrote ``sementara``), in one
    transaction. A locked month records nothing (``bulan-terkunci``); a submission
    received later than the active one replaces it (``menggantikan``), an earlier one is
    kept without replacing it (``lebih-lama``). The same bytes taken in already raise
    :class:`~.buku_besar.KirimanSudahAda`; ``perintah`` names the command to run again
    when the copy cannot be written."""
    periode = parse_periode(kiriman.periode)
    tempat = Tempat(kiriman.nama_berkas, tim=kiriman.tim, periode=kiriman.periode)
    tujuan = ruang.akar / kiriman.salinan
    semua = list(temuan)
    dipindah = False
    try:
        if not sementara:
            try:
                sementara = str(tulis_sementara(data, tujuan))
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise disk_penuh(f"Salinan {kiriman.salinan}", exc) from None
                raise KinerjaError(
                    f"Salinan {kiriman.salinan} tidak dapat ditulis ({exc.strerror}).",
                    f"Periksa ruang disk dan izin folder kiriman/, lalu jalankan {perintah} "
                    "lagi; yang sudah tercatat akan dilewati sebagai duplikat.",
                ) from None
        with buku.transaksi():
            try:
                tercatat = buku.tambah_kiriman(kiriman, nilai)
            except BulanTerkunci:
                return Pencatatan(None, (buat("bulan-terkunci", tempat, bulan=periode.label),))
            lama = tercatat.sebelumnya
            if lama is not None and tercatat.aktif:
                semua.append(
                    buat("menggantikan", tempat, kata="Menggantikan", lama=lama.nama_berkas)
                )
            elif lama is not None:
                semua.append(
                    buat(
                        "lebih-lama",
                        tempat,
                        diterima=_waktu(kiriman.diterima)
                        + (" (impor)" if kiriman.sumber == "impor" else ""),
                        aktif=lama.nama_berkas,
                        diterima_aktif=_waktu(lama.diterima),
                    )
                )
            buku.tambah_temuan(
                tercatat.kiriman.id, kiriman.periode, kiriman.tim, semua, kiriman.dihimpun
            )
            os.replace(sementara, tujuan)  # complete copy under its real name, then commit
            dipindah = True
    except BaseException:
        if dipindah:
            tujuan.unlink(missing_ok=True)
        raise
    finally:
        if sementara and not dipindah:
            Path(sementara).unlink(missing_ok=True)
    return Pencatatan(tercatat, tuple(semua))
