"""The Kasubbag Umum's decisions (POS step 7): ``setujui``, ``tolak`` and ``buka``.

A decision always names a person: the CLI passes ``--oleh``, or the configured Kasubbag
Umum after the user confirmed it; never the OS user silently. Each returns the recorded
:class:`~.buku_besar.Keputusan`, which the CLI prints.

The gate means it (SPEC section 8): ``setujui`` refuses a month with no accepted data,
needs ``tetap`` when expected teams are missing (and names them), and after a ``tolak``
needs an analysis made after that rejection ("tidak" goes back to step 6). ``buka``
backs the ledger up first.
"""

from __future__ import annotations

from datetime import datetime

from .angka import bersihkan_teks
from .buku_besar import Analisis, BukuBesar, Keputusan, sekarang
from .galat import DitolakError, PenggunaanError
from .kelengkapan import kelengkapan_dari
from .periode import Periode
from .ruang_kerja import RuangKerja


def _pastikan_tahun(ruang: RuangKerja, periode: Periode) -> None:
    tahun = ruang.konfigurasi.tahun
    if periode.tahun != tahun:
        raise PenggunaanError(
            f"{periode.label} di luar tahun konfigurasi ({tahun}).",
            f"Pilih bulan pada tahun {tahun}, mis. `--bulan {tahun}-06`.",
        )


def _nama(oleh: str | None, aksi: str) -> str:
    nama = bersihkan_teks(oleh or "")
    if not nama:
        raise PenggunaanError(
            f"{aksi} memerlukan nama yang memutuskan.",
            'Tambahkan --oleh "Nama Kasubbag Umum" (atau setujui nama dari kinerja.yaml saat '
            "ditanya).",
        )
    return nama


def _mulai_tinjauan(analisis: Analisis | None, selesai: datetime) -> datetime:
    """When the review began: the analysis it looked at (if earlier), else now."""
    if analisis is None:
        return selesai
    try:
        waktu = datetime.fromisoformat(analisis.waktu)
    except ValueError:
        return selesai
    return min(waktu, selesai)


def _catat(
    buku: BukuBesar,
    periode: Periode,
    jenis: str,
    oleh: str,
    catatan: str,
    analisis: Analisis | None,
    rincian_lain: dict[str, object] | None = None,
) -> Keputusan:
    selesai = sekarang()
    nomor = buku.catat_keputusan(
        periode=periode.kode,
        jenis=jenis,
        oleh=oleh,
        catatan=catatan,
        waktu=selesai,
        analisis_id=analisis.id if analisis is not None else None,
    )
    buku.catat_peristiwa(
        periode=periode.kode,
        langkah=7,
        aksi=jenis,
        oleh=oleh,
        mulai=_mulai_tinjauan(analisis, selesai) if jenis != "buka" else selesai,
        selesai=selesai,
        rincian={
            "keputusan": nomor,
            "analisis": analisis.id if analisis is not None else None,
            "catatan": catatan,
            **(rincian_lain or {}),
        },
    )
    return buku.keputusan_dengan_id(nomor)


def setujui(
    ruang: RuangKerja,
    periode: Periode,
    oleh: str | None,
    catatan: str = "",
    *,
    tetap: bool = False,
) -> Keputusan:
    """The Kasubbag Umum approves the month (POS step 7: ya); it is then locked for
    ``himpun`` and ``koreksi``.

    Refused when the month is already approved, has no accepted data, has no analysis,
    its data changed after the latest analysis, it was rejected and not analysed again
    since, or expected teams are missing and ``tetap`` is not given.
    """
    _pastikan_tahun(ruang, periode)
    oleh = _nama(oleh, "Persetujuan")
    catatan = bersihkan_teks(catatan or "")
    lagi = f"jalankan `kinerja analisis --bulan {periode.kode}` dulu"
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        terakhir = buku.keputusan_terakhir(periode.kode)
        if terakhir is not None and terakhir.jenis == "setujui":
            raise DitolakError(
                f"{periode.label} sudah disetujui oleh {terakhir.oleh} pada "
                f"{terakhir.waktu.replace('T', ' ')}.",
                "Tidak ada yang perlu disetujui lagi; untuk mengubah data, "
                f'`kinerja buka --bulan {periode.kode} --alasan "..."`.',
            )
        lengkap = kelengkapan_dari(ruang.konfigurasi, buku, periode)
        if not lengkap.diterima:
            raise DitolakError(
                f"{periode.label} belum punya data yang diterima dari tim mana pun; "
                "persetujuan ditolak.",
                f"Himpun isian tim dulu (`kinerja himpun masuk`), lalu {lagi}.",
            )
        analisis = buku.analisis_terakhir(periode.kode)
        if analisis is None:
            raise DitolakError(
                f"{periode.label} belum dianalisis; persetujuan ditolak.", f"{lagi.capitalize()}."
            )
        if not buku.analisis_mutakhir(periode.kode):
            raise DitolakError(
                f"Data {periode.label} berubah setelah analisis terakhir "
                f"({analisis.waktu.replace('T', ' ')}); persetujuan ditolak.",
                f"{lagi.capitalize()}, agar yang disetujui sesuai data kini.",
            )
        if (
            terakhir is not None
            and terakhir.jenis == "tolak"
            and (terakhir.analisis_id is not None and analisis.id <= terakhir.analisis_id)
        ):
            raise DitolakError(
                f"{periode.label} ditolak pada {terakhir.waktu.replace('T', ' ')} "
                f"({terakhir.catatan}); belum ada analisis sesudah penolakan itu.",
                "POS langkah 7 'tidak' kembali ke langkah 6: koreksi bila perlu, "
                f"{lagi}, lalu setujui.",
            )
        if lengkap.belum and not tetap:
            nama = ", ".join(f"{k} ({n})" for k, n in lengkap.belum)
            raise DitolakError(
                f"{len(lengkap.belum)} tim belum mengirim isian {periode.label}: {nama}.",
                "Tunggu isian mereka, atau setujui tanpa mereka dengan --tetap (nama tim "
                "dicatat dalam keputusan).",
            )
        belum = [k for k, _ in lengkap.belum]
        if belum:
            catatan = (
                catatan + "; " if catatan else ""
            ) + f"disetujui tanpa isian: {', '.join(belum)}"
        return _catat(buku, periode, "setujui", oleh, catatan, analisis, {"tanpa_isian": belum})


def tolak(ruang: RuangKerja, periode: Periode, catatan: str, oleh: str | None) -> Keputusan:
    """The Kasubbag Umum sends the month back to step 6 (POS step 7: tidak) with a note
    of what to fix. Refused when the month is approved."""
    _pastikan_tahun(ruang, periode)
    oleh = _nama(oleh, "Penolakan")
    catatan = bersihkan_teks(catatan or "")
    if not catatan:
        raise PenggunaanError(
            "Penolakan memerlukan catatan.", 'Tambahkan --catatan "apa yang harus diperbaiki".'
        )
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        if buku.terkunci(periode.kode):
            raise DitolakError(
                f"Tidak dapat menolak (bulan-terkunci): {periode.label} sudah disetujui dan "
                "terkunci.",
                f'Buka dulu dengan `kinerja buka --bulan {periode.kode} --alasan "..."`.',
            )
        return _catat(buku, periode, "tolak", oleh, catatan, buku.analisis_terakhir(periode.kode))


def buka(ruang: RuangKerja, periode: Periode, alasan: str, oleh: str | None) -> Keputusan:
    """Reopen an approved month for ``himpun`` and ``koreksi``: the ledger is backed up
    first, then a ``buka`` decision, an audit row (sumber ``buka``) and a POS event, in
    one transaction. Refused when the month is not approved."""
    _pastikan_tahun(ruang, periode)
    oleh = _nama(oleh, "Membuka bulan")
    alasan = bersihkan_teks(alasan or "")
    if not alasan:
        raise PenggunaanError(
            "Membuka bulan memerlukan alasan.", 'Tambahkan --alasan "mengapa dibuka kembali".'
        )
    with ruang.buka_buku_besar() as buku:
        if not buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} belum disetujui, jadi tidak terkunci; tidak ada yang dibuka.",
                "`kinerja buka` hanya untuk bulan yang sudah disetujui (`kinerja setujui`).",
            )
        cadangan = buku.cadangkan(alasan=f"sebelum-buka-{periode.kode}")
        with buku.transaksi():
            if not buku.terkunci(periode.kode):  # another process reopened it meanwhile
                raise DitolakError(
                    f"{periode.label} baru saja dibuka oleh proses lain.",
                    "Tidak perlu dibuka lagi.",
                )
            audit = buku.catat_audit(periode=periode.kode, sumber="buka", oleh=oleh, alasan=alasan)
            return _catat(
                buku,
                periode,
                "buka",
                oleh,
                alasan,
                None,
                {"audit": audit, "alasan": alasan, "cadangan": cadangan.name},
            )
