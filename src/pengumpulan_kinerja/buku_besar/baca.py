"""Reading the ledger: typed records only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .koneksi import Dasar
from .rekaman import (
    SUMBER_AUDIT_KIRIMAN,
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
    nilai_kolom,
    teks_nilai,
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
        """The audit trail, in the order of the chain: the rows stored (corrections,
        reopenings, acceptances of a restored ledger) and, at its place in the chain, each
        change a submission made to the current values when it was taken in (``sumber``
        ``kiriman`` or ``impor``, no ``id`` of its own). Those changes follow from the
        submissions and their values, which the ledger holds once; ledgers from before
        version 2 stored them as rows, which are listed as they are."""
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
        semua = [
            (int(b["nomor_jejak"] or 0), 0, dari_baris(AuditBaris, b))
            for b in self._q(sql + " ORDER BY id", tuple(parameter))
        ]
        if sumber is None or sumber in SUMBER_AUDIT_KIRIMAN.values():
            semua += self._perubahan_kiriman(periode, tim, indikator, sumber)
        semua.sort(key=lambda x: (x[0], x[1], x[2].id or 0))
        return [baris for *_, baris in semua]

    def _perubahan_kiriman(
        self, periode: str | None, tim: str | None, indikator: str | None, sumber: str | None
    ) -> list[tuple[int, int, AuditBaris]]:
        """The changes submissions made to the current values, replayed in chain order
        per team and month exactly as ``nilai_kini`` decides: a submission received last
        replaces every current value (one it does not carry becomes empty), a correction
        changes one, an older submission changes nothing."""
        syarat = [f"{nama} = ?" for nama, n in (("periode", periode), ("tim", tim)) if n]
        p = tuple(n for n in (periode, tim) if n)
        di = " WHERE " + " AND ".join(syarat) if syarat else ""
        kiriman = self._q(
            "SELECT id, periode, tim, nama_berkas, diterima, dihimpun, oleh, sumber, "
            f"nomor_jejak FROM kiriman{di} ORDER BY nomor_jejak",
            p,
        )
        if not kiriman:
            return []
        audit = ["kiriman_id IS NOT NULL", "sumber IN ('kiriman', 'impor')", *syarat]
        tersimpan = {
            int(b[0])
            for b in self._q(
                f"SELECT DISTINCT kiriman_id FROM audit WHERE {' AND '.join(audit)}", p
            )
        }
        syarat_nilai = [f"k.{s}" for s in syarat]
        syarat_koreksi = ["sumber = 'koreksi'", *syarat]
        p_ind = p
        if indikator is not None:
            syarat_nilai.append("n.indikator = ?")
            syarat_koreksi.append("indikator = ?")
            p_ind = (*p, indikator)
        isi: dict[int, dict[tuple[str, str], str | None]] = {}
        for b in self._q(
            "SELECT n.kiriman_id, n.indikator, n.kolom, n.angka, n.teks "
            "FROM nilai n JOIN kiriman k ON k.id = n.kiriman_id"
            + (" WHERE " + " AND ".join(syarat_nilai) if syarat_nilai else ""),
            p_ind,
        ):
            isi.setdefault(int(b[0]), {})[(str(b[1]), str(b[2]))] = teks_nilai(
                *nilai_kolom(str(b[2]), b[3], b[4])
            )
        koreksi = self._q(
            "SELECT periode, tim, indikator, kolom, baru, nomor_jejak FROM audit "
            f"WHERE {' AND '.join(syarat_koreksi)}",
            p_ind,
        )
        peristiwa: dict[tuple[str, str], list[tuple[int, Any]]] = {}
        for b in kiriman:
            peristiwa.setdefault((b["periode"], b["tim"]), []).append((int(b["nomor_jejak"]), b))
        for b in koreksi:
            peristiwa.setdefault((b["periode"], b["tim"]), []).append((int(b["nomor_jejak"]), b))
        hasil: list[tuple[int, int, AuditBaris]] = []
        for (pr, tm), daftar in peristiwa.items():
            kini: dict[tuple[str, str], str | None] = {}
            terakhir = ""
            for nomor, b in sorted(daftar, key=lambda x: x[0]):
                if "baru" in b.keys():  # noqa: SIM118 (sqlite3.Row) a correction
                    kini[(b["indikator"], b["kolom"])] = b["baru"]
                    continue
                if b["diterima"] < terakhir:
                    continue  # received earlier than the active one: changes nothing
                terakhir = b["diterima"]
                baru = isi.get(int(b["id"]), {})
                nama = SUMBER_AUDIT_KIRIMAN[b["sumber"]]
                if int(b["id"]) not in tersimpan and (sumber is None or sumber == nama):
                    for urut, kunci in enumerate(sorted(set(kini) | set(baru))):
                        sebelum, sesudah = kini.get(kunci), baru.get(kunci)
                        if sebelum == sesudah:
                            continue
                        hasil.append(
                            (
                                nomor,
                                urut,
                                AuditBaris(
                                    id=None,
                                    periode=pr,
                                    tim=tm,
                                    indikator=kunci[0],
                                    kolom=kunci[1],
                                    lama=sebelum,
                                    baru=sesudah,
                                    alasan=f"{nama} {b['nama_berkas']}",
                                    oleh=b["oleh"],
                                    waktu=b["dihimpun"],
                                    sumber=nama,
                                    kiriman_id=int(b["id"]),
                                ),
                            )
                        )
                kini = dict(baru)
        return hasil

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
