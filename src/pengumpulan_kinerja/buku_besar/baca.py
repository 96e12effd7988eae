"""Reading the ledger: typed records only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .koneksi import Dasar
from .rekaman import (
    Analisis,
    ArsipTercatat,
    AuditBaris,
    KeadaanTim,
    Keputusan,
    Kiriman,
    NilaiKini,
    Pengiriman,
    Peristiwa,
    TemuanTercatat,
    dari_baris,
)

_KIRIMAN = (
    "SELECT id, periode, tim, nama_berkas, berkas_asal, sha256, ukuran, salinan, diterima, "
    "dihimpun, terlambat, tanggal_pengisian, diisi_oleh, instrumen_id, sidik_jari, "
    "dikenali_dari, menggantikan, oleh, sumber FROM kiriman"
)


@dataclass(frozen=True)
class NilaiRinci:
    """A current value with where it came from: the file, the change that set it (who,
    when, why) and, for a corrected value, what the submission said."""

    nilai: NilaiKini
    nama_berkas: str | None
    alasan: str
    oleh: str
    waktu: str
    ada_asal: bool
    asal_angka: float | None
    asal_teks: str | None


class Baca(Dasar):
    """Typed reads. Several reads that must agree run inside :meth:`potret`."""

    @contextmanager
    def potret(self) -> Iterator[None]:
        """One snapshot for every read inside (a WAL read transaction)."""
        if self.conn.in_transaction:
            yield
            return
        self._x("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ values

    def nilai_kini(
        self,
        periode: str | None = None,
        *,
        sampai: str | None = None,
        kolom: tuple[str, ...] = (),
    ) -> list[NilaiKini]:
        """Current values (corrections applied): of one month, of the months from the start
        of ``sampai``'s year up to and including it, or all; only ``kolom`` when given."""
        sql = (
            "SELECT periode, tim, indikator, kolom, angka, teks, kiriman_id, sumber "
            "FROM nilai_kini WHERE 1"
        )
        parameter: list[object] = []
        if periode is not None:
            sql += " AND periode = ?"
            parameter.append(periode)
        if sampai is not None:
            sql += " AND periode >= ? AND periode <= ?"
            parameter += [f"{sampai[:4]}-01", sampai]
        if kolom:
            sql += f" AND kolom IN ({','.join('?' * len(kolom))})"
            parameter += list(kolom)
        return [NilaiKini(*b) for b in self._q(sql, tuple(parameter))]

    def nilai_kini_rinci(self, periode: str) -> list[NilaiRinci]:
        """:meth:`nilai_kini` of a month with each value's origin (the data workbook)."""
        baris = self._q(
            """
            WITH terakhir AS (
                SELECT periode, tim, indikator, kolom, alasan, oleh, waktu FROM (
                    SELECT periode, tim, indikator, kolom, alasan, oleh, waktu,
                        row_number() OVER (PARTITION BY tim, indikator, kolom
                                           ORDER BY nomor_jejak DESC) AS urut
                    FROM audit WHERE periode = ?1 AND kolom != ''
                ) WHERE urut = 1
            )
            SELECT n.periode, n.tim, n.indikator, n.kolom, n.angka, n.teks, n.kiriman_id,
                n.sumber, k.nama_berkas, COALESCE(t.alasan, '') AS alasan,
                COALESCE(t.oleh, '') AS oleh, COALESCE(t.waktu, '') AS waktu,
                asal.angka AS asal_angka, asal.teks AS asal_teks,
                (asal.kiriman_id IS NOT NULL) AS ada_asal
            FROM nilai_kini n
            LEFT JOIN kiriman k ON k.id = n.kiriman_id
            LEFT JOIN terakhir t ON t.tim = n.tim AND t.indikator = n.indikator
                AND t.kolom = n.kolom
            LEFT JOIN nilai asal ON asal.kiriman_id = n.kiriman_id
                AND asal.indikator = n.indikator AND asal.kolom = n.kolom
            WHERE n.periode = ?1
            """,
            (periode,),
        )
        return [
            NilaiRinci(
                NilaiKini(*tuple(b)[:8]),
                b["nama_berkas"],
                b["alasan"],
                b["oleh"],
                b["waktu"],
                bool(b["ada_asal"]),
                b["asal_angka"],
                b["asal_teks"],
            )
            for b in baris
        ]

    def versi_data(self, periode: str) -> str:
        """A token that changes whenever data an analysis of ``periode`` uses changes:
        the last audit row and the last submission of the year's months up to it."""
        awal = f"{periode[:4]}-01"
        b = self._satu(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit WHERE periode >= ?1 AND periode <= ?2),"
            " (SELECT COALESCE(MAX(id), 0) FROM kiriman WHERE periode >= ?1 AND periode <= ?2)",
            (awal, periode),
        )
        assert b is not None
        return f"a{b[0]}-k{b[1]}"

    # ------------------------------------------------------------------ submissions

    def kiriman(self, periode: str | None = None) -> list[Kiriman]:
        """Every submission taken in (of a month, or all), in the order taken in."""
        if periode is None:
            return [dari_baris(Kiriman, b) for b in self._q(_KIRIMAN + " ORDER BY id")]
        return [
            dari_baris(Kiriman, b)
            for b in self._q(_KIRIMAN + " WHERE periode = ? ORDER BY id", (periode,))
        ]

    def kiriman_aktif(self, periode: str | None = None) -> list[Kiriman]:
        """The active submission of each team (of a month, or of every month)."""
        sql = _KIRIMAN + " WHERE id IN (SELECT id FROM kiriman_aktif"
        if periode is None:
            return [dari_baris(Kiriman, b) for b in self._q(sql + ") ORDER BY id")]
        return [
            dari_baris(Kiriman, b)
            for b in self._q(sql + " WHERE periode = ?) ORDER BY id", (periode,))
        ]

    def id_aktif(self, periode: str) -> frozenset[int]:
        return frozenset(
            int(b[0]) for b in self._q("SELECT id FROM kiriman_aktif WHERE periode = ?", (periode,))
        )

    def kiriman_dengan_sha(self, sha256: str) -> Kiriman | None:
        b = self._satu(_KIRIMAN + " WHERE sha256 = ?", (sha256,))
        return dari_baris(Kiriman, b) if b is not None else None

    def sha_kiriman(self) -> frozenset[str]:
        return frozenset(str(b[0]) for b in self._q("SELECT sha256 FROM kiriman"))

    def keadaan_tim(self, periode: str, tim: str) -> KeadaanTim:
        """What a new submission of ``tim`` for ``periode`` meets (inside the transaction
        that records it)."""
        aktif = self._satu(
            _KIRIMAN + " WHERE id = (SELECT id FROM kiriman_aktif WHERE periode = ? AND tim = ?)",
            (periode, tim),
        )
        return KeadaanTim(
            terkunci=self.terkunci(periode),
            aktif=dari_baris(Kiriman, aktif) if aktif is not None else None,
        )

    def temuan(self, periode: str, *, hanya_aktif: bool = False) -> list[TemuanTercatat]:
        """Findings stored for a month (of every submission, or of the active ones)."""
        sql = "SELECT * FROM temuan WHERE periode = ?"
        if hanya_aktif:
            sql += " AND kiriman_id IN (SELECT id FROM kiriman_aktif WHERE periode = ?)"
            return [
                dari_baris(TemuanTercatat, b) for b in self._q(sql + " ORDER BY id", (periode,) * 2)
            ]
        return [dari_baris(TemuanTercatat, b) for b in self._q(sql + " ORDER BY id", (periode,))]

    def temuan_aktif(self, periode: str) -> list[TemuanTercatat]:
        return self.temuan(periode, hanya_aktif=True)

    # ------------------------------------------------------------------ trail

    def audit(
        self,
        periode: str | None = None,
        *,
        tim: str | None = None,
        indikator: str | None = None,
        sumber: str | None = None,
    ) -> list[AuditBaris]:
        syarat, parameter = [], []
        for nama, nilai in (
            ("periode", periode),
            ("tim", tim),
            ("indikator", indikator),
            ("sumber", sumber),
        ):
            if nilai is not None:
                syarat.append(f"{nama} = ?")
                parameter.append(nilai)
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(syarat) if syarat else "")
        return [dari_baris(AuditBaris, b) for b in self._q(sql + " ORDER BY id", tuple(parameter))]

    # ------------------------------------------------------------------ analyses

    def analisis_terakhir(self, periode: str, sebelum: int | None = None) -> Analisis | None:
        """The latest analysis of ``periode`` (before analysis ``sebelum`` when given)."""
        if sebelum is None:
            b = self._satu(
                "SELECT * FROM analisis WHERE periode = ? ORDER BY id DESC LIMIT 1", (periode,)
            )
        else:
            b = self._satu(
                "SELECT * FROM analisis WHERE periode = ? AND id < ? ORDER BY id DESC LIMIT 1",
                (periode, sebelum),
            )
        return dari_baris(Analisis, b) if b is not None else None

    def analisis_mutakhir(self, periode: str) -> bool:
        """True when the latest analysis of ``periode`` saw the data as it is now."""
        a = self.analisis_terakhir(periode)
        return a is not None and a.versi_data == self.versi_data(periode)

    # ------------------------------------------------------------------ review state

    def keputusan(self, periode: str) -> list[Keputusan]:
        return [
            dari_baris(Keputusan, b)
            for b in self._q("SELECT * FROM keputusan WHERE periode = ? ORDER BY id", (periode,))
        ]

    def keputusan_terakhir(self, periode: str) -> Keputusan | None:
        b = self._satu(
            "SELECT * FROM keputusan WHERE periode = ? ORDER BY id DESC LIMIT 1", (periode,)
        )
        return dari_baris(Keputusan, b) if b is not None else None

    def keputusan_dengan_id(self, nomor: int) -> Keputusan:
        b = self._satu("SELECT * FROM keputusan WHERE id = ?", (nomor,))
        assert b is not None
        return dari_baris(Keputusan, b)

    def terkunci(self, periode: str) -> bool:
        """True when the month's latest decision is an approval (``setujui``)."""
        k = self.keputusan_terakhir(periode)
        return k is not None and k.jenis == "setujui"

    def bulan_terkunci(self) -> frozenset[str]:
        return frozenset(
            str(b[0])
            for b in self._q(
                "SELECT k.periode FROM keputusan k JOIN (SELECT periode, MAX(id) AS id "
                "FROM keputusan GROUP BY periode) m ON m.id = k.id WHERE k.jenis = 'setujui'"
            )
        )

    # ------------------------------------------------------------------ POS events, archives

    def peristiwa(self, periode: str, langkah: int | None = None) -> list[Peristiwa]:
        if langkah is None:
            baris = self._q(
                "SELECT * FROM peristiwa WHERE periode = ? ORDER BY mulai, id", (periode,)
            )
        else:
            baris = self._q(
                "SELECT * FROM peristiwa WHERE periode = ? AND langkah = ? ORDER BY mulai, id",
                (periode, langkah),
            )
        return [dari_baris(Peristiwa, b) for b in baris]

    def periode_terakhir_aktif(self, tahun: int) -> str | None:
        """The latest month of ``tahun`` with any event or submission."""
        b = self._satu(
            "SELECT MAX(p) FROM (SELECT periode AS p FROM peristiwa UNION ALL "
            "SELECT periode FROM kiriman) WHERE p >= ? AND p <= ?",
            (f"{tahun}-01", f"{tahun}-12"),
        )
        return str(b[0]) if b is not None and b[0] else None

    def arsip(
        self, periode: str | None = None, *, folder: str | None = None
    ) -> list[ArsipTercatat]:
        if folder is not None:
            baris = self._q("SELECT * FROM arsip WHERE folder = ? ORDER BY id", (folder,))
        elif periode is not None:
            baris = self._q("SELECT * FROM arsip WHERE periode = ? ORDER BY revisi, id", (periode,))
        else:
            baris = self._q("SELECT * FROM arsip ORDER BY id")
        return [dari_baris(ArsipTercatat, b) for b in baris]

    def pengiriman(self, periode: str, jenis: str | None = None) -> list[Pengiriman]:
        if jenis is None:
            baris = self._q("SELECT * FROM pengiriman WHERE periode = ? ORDER BY id", (periode,))
        else:
            baris = self._q(
                "SELECT * FROM pengiriman WHERE periode = ? AND jenis = ? ORDER BY id",
                (periode, jenis),
            )
        return [dari_baris(Pengiriman, b) for b in baris]
