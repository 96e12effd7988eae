"""Writing the ledger: every write is one chained row (or a submission's values), inside
:meth:`~.koneksi.Dasar.transaksi`. There is one write path for values: a submission's
values are stored as they came, once; the current value is derived (``nilai_kini``);
the audit trail stores every correction and reopening, and lists the changes made by
submissions from the submissions themselves."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from .baca import Baca
from .jejak import sidik_nilai
from .koneksi import waktu_iso
from .rekaman import (
    KOLOM_ANGKA,
    KOLOM_NILAI,
    SUMBER_KIRIMAN,
    BulanTerkunci,
    KirimanBaru,
    KirimanSudahAda,
    KirimanTercatat,
    NilaiBaru,
    Pengiriman,
    dari_baris,
    nilai_kolom,
    teks_nilai,
)
from .rekaman import Kiriman as _Kiriman

_NILAI_PER_PERINTAH = 100
"""A submission's values are inserted up to this many rows per statement: one statement
with many rows costs a third less than the same rows through ``executemany`` (300 values:
0,48 against 0,71 ms per submission, measured), and 600 parameters stay under every
SQLite's limit."""


@functools.lru_cache(maxsize=_NILAI_PER_PERINTAH)
def _sisip_nilai(jumlah: int) -> str:
    baris = ",".join(["(?,?,?,?,?,?)"] * jumlah)
    return f"INSERT INTO nilai (kiriman_id, indikator, kolom, angka, teks, sel) VALUES {baris}"


class Tulis(Baca):
    def _perlu_transaksi(self) -> None:
        if self._kepala is None:
            raise RuntimeError("penulisan buku besar harus di dalam transaksi")

    # ------------------------------------------------------------------ values

    def _kini_tim(self, periode: str, tim: str) -> dict[tuple[str, str], str | None]:
        return {
            (n.indikator, n.kolom): teks_nilai(*nilai_kolom(n.kolom, n.angka, n.teks))
            for n in self.nilai_kini(periode)
            if n.tim == tim
        }

    def _ada_koreksi(self, periode: str, tim: str) -> bool:
        return (
            self._satu(
                "SELECT 1 FROM audit WHERE periode = ? AND tim = ? AND sumber = 'koreksi' LIMIT 1",
                (periode, tim),
            )
            is not None
        )

    def tambah_kiriman(self, kiriman: KirimanBaru, nilai: Sequence[NilaiBaru]) -> KirimanTercatat:
        """Record a submission and its values, once: one chained row carrying the digest
        of its values, and the values themselves. When it is received later than the
        active one (SPEC §13) it becomes active, and the current values follow from it
        (``nilai_kini``); the changes it made are listed in the audit trail from the
        submissions themselves (:meth:`~.baca.Baca.audit`), not stored a second time.
        ``berubah`` in the result counts them. Otherwise it is kept, changing nothing.
        A month that is approved takes nothing in (:class:`BulanTerkunci`)."""
        self._perlu_transaksi()
        if kiriman.sumber not in SUMBER_KIRIMAN:
            raise ValueError(f"sumber kiriman tidak dikenal: {kiriman.sumber}")
        for n in nilai:
            if n.kolom not in KOLOM_NILAI:
                raise ValueError(f"kolom tidak dikenal: {n.kolom}")
        keadaan = self.keadaan_tim(kiriman.periode, kiriman.tim)
        if keadaan.terkunci:
            raise BulanTerkunci(kiriman.periode)
        aktif = keadaan.akan_aktif(kiriman.diterima)
        berubah = 0
        if aktif and (keadaan.aktif is not None or self._ada_koreksi(kiriman.periode, kiriman.tim)):
            lama = self._kini_tim(kiriman.periode, kiriman.tim)
            baru = {
                (n.indikator, n.kolom): teks_nilai(*nilai_kolom(n.kolom, n.angka, n.teks))
                for n in nilai
            }
            berubah = sum(1 for k in set(lama) | set(baru) if lama.get(k) != baru.get(k))
        elif aktif:  # nothing current yet: every value it carries is a change
            berubah = sum(
                1 for n in nilai if (n.angka if n.kolom in KOLOM_ANGKA else n.teks) is not None
            )
        baris = {
            "periode": kiriman.periode,
            "tim": kiriman.tim,
            "nama_berkas": kiriman.nama_berkas,
            "berkas_asal": kiriman.berkas_asal,
            "sha256": kiriman.sha256,
            "ukuran": int(kiriman.ukuran),
            "salinan": kiriman.salinan,
            "diterima": kiriman.diterima,
            "dihimpun": kiriman.dihimpun,
            "terlambat": int(kiriman.terlambat),
            "tanggal_pengisian": kiriman.tanggal_pengisian,
            "diisi_oleh": kiriman.diisi_oleh,
            "instrumen_id": kiriman.instrumen_id,
            "sidik_jari": kiriman.sidik_jari,
            "dikenali_dari": kiriman.dikenali_dari,
            "menggantikan": keadaan.aktif.id if aktif and keadaan.aktif else None,
            "oleh": kiriman.oleh,
            "sumber": kiriman.sumber,
            "sidik_nilai": sidik_nilai(nilai),  # (indikator, kolom, angka, teks, sel)
        }
        try:
            kid = self._sambung("kiriman", baris)
        except sqlite3.IntegrityError:
            raise KirimanSudahAda(kiriman.sha256) from None
        for awal in range(0, len(nilai), _NILAI_PER_PERINTAH):
            bagian = nilai[awal : awal + _NILAI_PER_PERINTAH]
            # NilaiBaru: (indikator, kolom, angka, teks, sel)
            self.conn.execute(_sisip_nilai(len(bagian)), [x for n in bagian for x in (kid, *n)])
        tercatat = self._satu("SELECT * FROM kiriman WHERE id = ?", (kid,))
        return KirimanTercatat(dari_baris(_Kiriman, tercatat), aktif, berubah, keadaan.aktif)

    def tambah_temuan(
        self, kiriman_id: int | None, periode: str, tim: str, temuan: Sequence[Any], waktu: str
    ) -> None:
        """Store findings (values with ``berkas``, ``lembar``, ``sel``, ``indikator``,
        ``kode``, ``tingkat``, ``pesan``)."""
        self._perlu_transaksi()
        from .koneksi import teks_aman

        self.conn.executemany(
            "INSERT INTO temuan (kiriman_id, periode, tim, berkas, lembar, sel, indikator, "
            "kode, tingkat, pesan, waktu) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    kiriman_id,
                    periode,
                    tim,
                    teks_aman(t.berkas),
                    t.lembar,
                    t.sel,
                    t.indikator,
                    t.kode,
                    str(t.tingkat),
                    teks_aman(t.pesan),
                    waktu,
                )
                for t in temuan
            ],
        )

    def ubah_nilai(
        self,
        *,
        periode: str,
        tim: str,
        indikator: str,
        kolom: str,
        angka: float | None,
        teks: str | None,
        oleh: str,
        alasan: str,
        waktu: str | None = None,
    ) -> int | None:
        """A correction: set one current value, with its audit row. Returns the audit id,
        or None when the value is already that."""
        self._perlu_transaksi()
        if kolom not in KOLOM_NILAI:
            raise ValueError(f"kolom tidak dikenal: {kolom}")
        angka, teks = nilai_kolom(kolom, angka, teks)
        lama = self._kini_tim(periode, tim).get((indikator, kolom))
        baru = teks_nilai(angka, teks)
        if lama == baru:
            return None
        return self._audit(
            periode=periode,
            tim=tim,
            indikator=indikator,
            kolom=kolom,
            lama=lama,
            baru=baru,
            alasan=alasan,
            oleh=oleh,
            waktu=waktu or waktu_iso(),
            sumber="koreksi",
            kiriman_id=None,
            angka=angka,
            teks=teks,
        )

    def _audit(self, **isi: Any) -> int:
        return self._sambung("audit", _baris_audit(**isi))

    def catat_audit(
        self, *, periode: str, sumber: str, oleh: str, alasan: str = "", waktu: str | None = None
    ) -> int:
        """An audit row that changes no value (a reopening, accepting a restored ledger)."""
        self._perlu_transaksi()
        return self._audit(periode=periode, sumber=sumber, oleh=oleh, alasan=alasan, waktu=waktu)

    # ------------------------------------------------------------------ decisions, runs

    def catat_keputusan(
        self,
        *,
        periode: str,
        jenis: str,
        oleh: str,
        catatan: str,
        waktu: datetime,
        analisis_id: int | None = None,
    ) -> int:
        self._perlu_transaksi()
        return self._sambung(
            "keputusan",
            {
                "periode": periode,
                "jenis": jenis,
                "oleh": oleh,
                "catatan": catatan,
                "waktu": waktu_iso(waktu),
                "analisis_id": analisis_id,
            },
        )

    def catat_analisis(
        self, *, periode: str, oleh: str, ringkasan: Mapping[str, Any] | None = None
    ) -> int:
        """Record an analysis run with the data version it saw."""
        self._perlu_transaksi()
        kursor = self._x(
            "INSERT INTO analisis (periode, waktu, oleh, versi_data, ringkasan) VALUES (?,?,?,?,?)",
            (
                periode,
                waktu_iso(),
                oleh,
                self.versi_data(periode),
                json.dumps(dict(ringkasan or {}), ensure_ascii=False, default=str),
            ),
        )
        return int(kursor.lastrowid or 0)

    def catat_peristiwa(
        self,
        *,
        periode: str,
        langkah: int,
        aksi: str,
        oleh: str,
        mulai: datetime,
        selesai: datetime | None = None,
        rincian: Mapping[str, Any] | None = None,
    ) -> int:
        """Record one POS event (step 1-8)."""
        self._perlu_transaksi()
        return self._sambung(
            "peristiwa",
            {
                "periode": periode,
                "langkah": langkah,
                "aksi": aksi,
                "oleh": oleh,
                "mulai": waktu_iso(mulai),
                "selesai": waktu_iso(selesai or mulai),
                "rincian": json.dumps(dict(rincian or {}), ensure_ascii=False, default=str),
            },
        )

    def catat_arsip(
        self,
        *,
        periode: str,
        revisi: int,
        folder: str,
        oleh: str,
        menggantikan: int | None,
        keputusan_id: int | None,
        sha256sums: str,
        jejak_jumlah: int,
        jejak_hash: str,
    ) -> int:
        self._perlu_transaksi()
        return self._sambung(
            "arsip",
            {
                "periode": periode,
                "revisi": revisi,
                "folder": folder,
                "waktu": waktu_iso(),
                "oleh": oleh,
                "menggantikan": menggantikan,
                "keputusan_id": keputusan_id,
                "sha256sums": sha256sums,
                "jejak_jumlah": jejak_jumlah,
                "jejak_hash": jejak_hash,
            },
        )

    def catat_pengiriman(self, p: Pengiriman) -> int:
        """An instrument or reminder written or sent (POS step 4)."""
        self._perlu_transaksi()
        return self._sambung(
            "pengiriman",
            {
                "periode": p.periode,
                "tim": p.tim,
                "jenis": p.jenis,
                "cara": p.cara,
                "tujuan": p.tujuan,
                "message_id": p.message_id,
                "berkas": p.berkas,
                "waktu": p.waktu,
                "oleh": p.oleh,
            },
        )


def _baris_audit(**isi: Any) -> dict[str, Any]:
    """The columns of an audit row (value as number or text by its column)."""
    kolom = str(isi.get("kolom", ""))
    if "angka" not in isi:
        baru = isi.get("baru")
        if kolom in KOLOM_ANGKA and baru is not None:
            isi["angka"], isi["teks"] = float(baru), None
        elif kolom and baru is not None:
            isi["angka"], isi["teks"] = None, baru
        else:
            isi["angka"], isi["teks"] = None, None
    baris = {
        "periode": isi["periode"],
        "tim": isi.get("tim", ""),
        "indikator": isi.get("indikator", ""),
        "kolom": kolom,
        "lama": isi.get("lama"),
        "baru": isi.get("baru"),
        "alasan": isi.get("alasan", ""),
        "oleh": isi["oleh"],
        "waktu": isi.get("waktu") or waktu_iso(),
        "sumber": isi["sumber"],
        "kiriman_id": isi.get("kiriman_id"),
        "angka": isi["angka"],
        "teks": isi["teks"],
    }
    return baris
