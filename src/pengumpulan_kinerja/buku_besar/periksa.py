"""``kinerja periksa``: the ledger proves itself (SPEC section 13).

Checks, in this order, and names the first bad row or file: the hash chain (every row,
every submission's values); the head stored in the ledger; the derived views' SQL; that
the current values recompute from submissions and corrections; that every submission's
copy under ``kiriman/`` exists with the SHA-256 recorded; that the ledger is this
workspace's and not older than ``.kinerja-jejak``. Copies under ``kiriman/`` that the
ledger does not know are listed (never deleted).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .jejak import Kepala, MasalahJejak, baca_berkas_jejak, periksa_rantai
from .koneksi import waktu_iso
from .rekaman import KOLOM_ANGKA
from .skema import SQL_KIRIMAN_AKTIF, SQL_NILAI_KINI, SQL_PELINDUNG, pecah_sql
from .tulis import Tulis

POLA_SEMENTARA = re.compile(r"^\..*\.tmp$|.*\.tmp$")
"""Temporary files this tool writes (``.NAME.XXXX.tmp``, ``NAME.PID.tmp``)."""


@dataclass(frozen=True)
class HasilPeriksa:
    kepala: Kepala
    tercatat: Kepala | None
    keadaan: str
    masalah: tuple[MasalahJejak, ...]
    tak_dikenal: tuple[str, ...]
    jumlah_kiriman: int
    jumlah_salinan_diperiksa: int
    jumlah_nilai: int

    @property
    def lolos(self) -> bool:
        return not self.masalah


@dataclass
class _Kumpulan:
    masalah: list[MasalahJejak] = field(default_factory=list)

    def tambah(self, tempat: str, pesan: str) -> None:
        self.masalah.append(MasalahJejak(tempat, pesan))


def _sha256(jalur: Path) -> str:
    h = hashlib.sha256()
    with open(jalur, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            h.update(potong)
    return h.hexdigest()


def _normal_sql(sql: str) -> str:
    return " ".join(sql.replace(";", " ").split())


class Periksa(Tulis):
    def periksa(self, periode: str | None = None) -> HasilPeriksa:
        """Verify the ledger (the chain always whole; values and copies of ``periode``
        when given, else of every month)."""
        k = _Kumpulan()
        with self.potret():
            kepala, masalah, _ = periksa_rantai(self.conn, self.identitas)
            k.masalah += masalah
            tersimpan = self._baca_kepala()
            if (tersimpan.jumlah, tersimpan.hash) != (kepala.jumlah, kepala.hash):
                k.tambah(
                    "kepala buku besar",
                    f"mencatat {tersimpan.jumlah} catatan, rantai berisi {kepala.jumlah}",
                )
            self._periksa_skema(k)
            jumlah_nilai = self._periksa_nilai(k, periode)
            kiriman = self.kiriman(periode)
            diperiksa, tak_dikenal = self._periksa_salinan(k, periode, kiriman)
        tercatat = baca_berkas_jejak(self.folder)
        keadaan = self.keadaan_jejak(tercatat)
        pesan_keadaan = {
            "identitas-lain": "buku besar ini milik ruang kerja lain",
            "lebih-lama": "buku besar lebih lama dari kepala jejak ruang kerja (cadangan lama?)",
            "bercabang": "buku besar tidak melanjutkan kepala jejak ruang kerja",
            "tanpa-jejak": ".kinerja-jejak tidak ada",
        }
        if keadaan in pesan_keadaan and not (keadaan == "tanpa-jejak" and kepala.jumlah == 0):
            k.tambah(".kinerja-jejak", pesan_keadaan[keadaan])
        return HasilPeriksa(
            kepala=kepala,
            tercatat=tercatat,
            keadaan=keadaan,
            masalah=tuple(k.masalah),
            tak_dikenal=tuple(tak_dikenal),
            jumlah_kiriman=len(kiriman),
            jumlah_salinan_diperiksa=diperiksa,
            jumlah_nilai=jumlah_nilai,
        )

    def _periksa_skema(self, k: _Kumpulan) -> None:
        ada = {
            (str(b[0]), str(b[1])): str(b[2] or "")
            for b in self._q("SELECT type, name, sql FROM sqlite_master")
        }
        for nama, sql in (("kiriman_aktif", SQL_KIRIMAN_AKTIF), ("nilai_kini", SQL_NILAI_KINI)):
            if _normal_sql(ada.get(("view", nama), "")) != _normal_sql(sql):
                k.tambah(f"view {nama}", "definisinya diubah di luar kinerja")
        for perintah in pecah_sql(SQL_PELINDUNG):
            nama = perintah.split()[2]
            if ("trigger", nama) not in ada:
                k.tambah(f"pemicu {nama}", "dihapus di luar kinerja")

    def _periksa_nilai(self, k: _Kumpulan, periode: str | None) -> int:
        """Recompute the current values in Python, independent of the view."""
        syarat = " WHERE periode = ?" if periode else ""
        p: tuple[Any, ...] = (periode,) if periode else ()
        aktif: dict[tuple[str, str], tuple[str, int, int]] = {}
        for b in self._q(f"SELECT id, periode, tim, diterima, nomor_jejak FROM kiriman{syarat}", p):
            kunci = (str(b[1]), str(b[2]))
            calon = (str(b[3]), int(b[0]), int(b[4] or 0))
            if kunci not in aktif or calon[:2] > aktif[kunci][:2]:
                aktif[kunci] = calon
        harap: dict[tuple[str, str, str, str], tuple[Any, Any]] = {}
        id_aktif = {v[1]: kunci for kunci, v in aktif.items()}
        for b in self._q("SELECT kiriman_id, indikator, kolom, angka, teks FROM nilai"):
            milik = id_aktif.get(int(b[0]))
            if milik is None:
                continue
            harap[(*milik, str(b[1]), str(b[2]))] = _nilai(str(b[2]), b[3], b[4])
        koreksi: dict[tuple[str, str, str, str], tuple[int, Any, Any]] = {}
        for b in self._q(
            "SELECT periode, tim, indikator, kolom, angka, teks, nomor_jejak FROM audit "
            f"WHERE sumber = 'koreksi'{syarat.replace('WHERE', 'AND')}",
            p,
        ):
            kunci4 = (str(b[0]), str(b[1]), str(b[2]), str(b[3]))
            nomor = int(b[6] or 0)
            if kunci4 not in koreksi or nomor > koreksi[kunci4][0]:
                koreksi[kunci4] = (nomor, *_nilai(kunci4[3], b[4], b[5]))
        for kunci4, (nomor, angka, teks) in koreksi.items():
            a = aktif.get(kunci4[:2])
            if a is None or nomor > a[2]:
                harap[kunci4] = (angka, teks)
        harap = {kk: v for kk, v in harap.items() if v != (None, None)}
        ada = {
            (n.periode, n.tim, n.indikator, n.kolom): _nilai(n.kolom, n.angka, n.teks)
            for n in self.nilai_kini(periode)
        }
        if ada != harap:
            beda = sorted(set(ada.items()) ^ set(harap.items()), key=str)[0]
            (pr, tim, ind, kol), _ = beda
            k.tambah(
                f"nilai kini {pr} {tim} {ind or '(anggaran)'} {kol}",
                f"tidak sama dengan hitungan ulang dari kiriman dan koreksi "
                f"(tercatat {ada.get(beda[0])}, seharusnya {harap.get(beda[0])})",
            )
        return len(ada)

    def _periksa_salinan(
        self, k: _Kumpulan, periode: str | None, kiriman: list[Any]
    ) -> tuple[int, list[str]]:
        diperiksa = 0
        dikenal: set[str] = set()
        for kr in kiriman:
            dikenal.add(kr.salinan)
            jalur = self.folder / kr.salinan
            if not jalur.is_file():
                k.tambah(kr.salinan, f"salinan kiriman {kr.nama_berkas} (tim {kr.tim}) hilang")
                continue
            try:
                cocok = kr.salinan_cocok(_sha256(jalur))
            except OSError as exc:
                k.tambah(kr.salinan, f"tidak dapat dibaca ({exc.strerror})")
                continue
            diperiksa += 1
            if not cocok:
                k.tambah(kr.salinan, "isinya berubah sejak diterima (SHA-256 berbeda)")
        if periode is None:
            dikenal = {kr.salinan for kr in self.kiriman()}
        akar = self.folder / "kiriman" / (periode or "")
        tak_dikenal: list[str] = []
        if akar.is_dir():
            for jalur in sorted(akar.rglob("*")):
                if not jalur.is_file() or POLA_SEMENTARA.match(jalur.name):
                    continue
                relatif = jalur.relative_to(self.folder).as_posix()
                if relatif not in dikenal:
                    tak_dikenal.append(relatif)
        return diperiksa, tak_dikenal

    def terima(self, *, oleh: str, alasan: str) -> HasilPeriksa:
        """Record the present ledger as the workspace's (after a deliberate restore):
        one audit row with who and why; ``.kinerja-jejak`` then follows this ledger.
        Refused (nothing written) when the ledger's own chain does not verify."""
        from ..galat import DitolakError

        kepala, masalah, _ = periksa_rantai(self.conn, self.identitas)
        if masalah:
            m = masalah[0]
            raise DitolakError(
                f"Buku besar ini tidak lolos pemeriksaan jejak ({m.tempat}: {m.pesan}); "
                "tidak diterima.",
                "Pulihkan cadangan lain dari cadangan/ lalu coba lagi.",
            )
        tercatat = baca_berkas_jejak(self.folder)
        sebelum = (
            f"sebelumnya {tercatat.jumlah} catatan, identitas {tercatat.identitas[:8]}"
            if tercatat
            else "sebelumnya tanpa .kinerja-jejak"
        )
        with self.transaksi():
            self.catat_audit(
                periode="",
                sumber="terima",
                oleh=oleh,
                alasan=f"{alasan} (buku besar {kepala.jumlah} catatan diterima; {sebelum})",
                waktu=waktu_iso(),
            )
        return self.periksa()


def _nilai(kolom: str, angka: Any, teks: Any) -> tuple[Any, Any]:
    if kolom in KOLOM_ANGKA:
        return (None if angka is None else float(angka) + 0.0), None
    return None, teks
