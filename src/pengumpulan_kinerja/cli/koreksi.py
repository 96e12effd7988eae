"""``kinerja koreksi``: POS step 7, corrections and the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..angka import format_angka
from ..galat import DitolakError, PenggunaanError
from ..koreksi import (
    KOLOM_KOREKSI,
    PerubahanDiminta,
    baca_berkas_koreksi,
    rencanakan_koreksi,
    riwayat,
    terapkan_koreksi,
    tulis_templat,
)
from ._umum import (
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
)


def _tampil(v: object) -> str:
    if v is None:
        return "(kosong)"
    if isinstance(v, float):
        return format_angka(v)
    return str(v)


def koreksi(
    bulan: Annotated[
        str | None, typer.Option("--bulan", "-b", help="Bulan yang dikoreksi: 6, 2022-06, Juni.")
    ] = None,
    indikator: Annotated[
        str | None, typer.Option("--indikator", "-i", help="Kode indikator, mis. IKK-1.1.")
    ] = None,
    tim: Annotated[str | None, typer.Option("--tim", help="Kode tim (untuk --anggaran).")] = None,
    realisasi: Annotated[
        str | None, typer.Option("--realisasi", help="Realisasi bulan ini yang benar.")
    ] = None,
    pembilang: Annotated[
        str | None, typer.Option("--pembilang", help="Pembilang yang benar.")
    ] = None,
    penyebut: Annotated[str | None, typer.Option("--penyebut", help="Penyebut yang benar.")] = None,
    kendala: Annotated[str | None, typer.Option("--kendala", help="Kendala/Permasalahan.")] = None,
    upaya: Annotated[str | None, typer.Option("--upaya", help="Upaya/Solusi.")] = None,
    rtl: Annotated[str | None, typer.Option("--rtl", help="Rencana Tindak Lanjut.")] = None,
    bukti: Annotated[str | None, typer.Option("--bukti", help="Bukti Dukung.")] = None,
    anggaran: Annotated[
        str | None,
        typer.Option("--anggaran", help="Realisasi anggaran bulan ini (Rp), bersama --tim."),
    ] = None,
    alasan: Annotated[str | None, typer.Option("--alasan", help="Alasan koreksi (wajib).")] = None,
    berkas: Annotated[
        Path | None,
        typer.Option(
            "--berkas", help="Koreksi massal dari .xlsx (Kode, Kolom, Nilai Baru, Alasan)."
        ),
    ] = None,
    templat: Annotated[
        Path | None,
        typer.Option("--templat", help="Tulis templat koreksi massal kosong ke .xlsx ini."),
    ] = None,
    lihat_riwayat: Annotated[
        bool, typer.Option("--riwayat", help="Tampilkan jejak audit.")
    ] = False,
    ya: Annotated[
        bool, typer.Option("--ya", "-y", help="Jangan bertanya; langsung terapkan.")
    ] = False,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Mengoreksi data capaian satu bulan (POS langkah 7), dengan jejak audit.

    Setiap perubahan ditampilkan lama → baru dan ditanyakan dulu (--ya melewati
    pertanyaan). Koreksi tanpa alasan ditolak. Koreksi massal bersifat semua-atau-tidak:
    satu baris salah menolak seluruh berkas dan menyebut barisnya.

    Contoh:

        kinerja koreksi --bulan 6 --indikator IKK-1.3 --realisasi 312 --alasan "salah ketik"

        kinerja koreksi --bulan 6 --indikator IKK-1.1 --pembilang 250 --penyebut 300 --alasan "data Dapodik"

        kinerja koreksi --bulan 6 --templat koreksi.xlsx

        kinerja koreksi --bulan 6 --berkas koreksi.xlsx --ya

        kinerja koreksi --riwayat --bulan 6
    """
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan) if bulan else None
    if lihat_riwayat:
        _riwayat(ruang, periode, indikator, json_)
        return
    if periode is None:
        raise PenggunaanError(
            "--bulan wajib diisi.", "Contoh: kinerja koreksi --bulan 6 --indikator IKK-1.1 ..."
        )
    if templat is not None:
        tulis_templat(templat, ruang.konfigurasi, periode)
        konsol.print(f"Templat koreksi ditulis: {templat}")
        konsol.print(
            "Isi satu baris per perubahan (Kode, Kolom, Nilai Baru, Alasan), lalu jalankan --berkas."
        )
        return
    if berkas is not None:
        diminta = baca_berkas_koreksi(berkas)
    else:
        nilai = {
            "realisasi": realisasi,
            "pembilang": pembilang,
            "penyebut": penyebut,
            "kendala": kendala,
            "upaya": upaya,
            "rtl": rtl,
            "bukti": bukti,
            "anggaran": anggaran,
        }
        if anggaran is not None and not tim:
            raise PenggunaanError("--anggaran memerlukan --tim KODE.")
        if any(v is not None for k, v in nilai.items() if k != "anggaran") and not indikator:
            raise PenggunaanError("Sebutkan --indikator KODE.", "Contoh: --indikator IKK-1.1")
        diminta = [
            PerubahanDiminta(
                kode=(tim if k == "anggaran" else indikator) or "",
                kolom=k,
                nilai=v,
                alasan=alasan or "",
                tempat=f"--{k}",
            )
            for k, v in nilai.items()
            if v is not None
        ]
    rencana = rencanakan_koreksi(ruang, periode, diminta)
    if not rencana.perubahan:
        konsol.print("Tidak ada nilai yang berubah; tidak ada yang dikoreksi.")
        return
    tabel = Table(title=f"Koreksi {periode.label}")
    for judul in ("Tim", "Indikator", "Kolom", "Lama", "", "Baru", "Alasan"):
        tabel.add_column(judul)
    for p in rencana.perubahan:
        tabel.add_row(
            p.tim,
            p.indikator or "–",
            KOLOM_KOREKSI[p.kolom],
            escape(_tampil(p.lama)),
            "→",
            escape(_tampil(p.baru)) + (" (dihitung)" if p.turunan else ""),
            escape(p.alasan),
        )
    konsol.print(tabel)
    if not ya:
        try:
            setuju = typer.confirm(f"Terapkan {len(rencana.perubahan)} perubahan?", default=False)
        except typer.Abort:
            raise DitolakError(
                "Tidak ada jawaban konfirmasi (perintah tidak berjalan interaktif); tidak ada yang diubah.",
                "Tambahkan --ya untuk menerapkan tanpa pertanyaan.",
            ) from None
        if not setuju:
            konsol.print("Dibatalkan; tidak ada yang diubah.")
            raise typer.Exit(1)
    nomor = terapkan_koreksi(ruang, rencana, oleh)
    konsol.print(f"{len(nomor)} perubahan diterapkan dan dicatat di jejak audit.")
    konsol.print(f"Jalankan `kinerja analisis --bulan {periode.kode}` lagi sebelum persetujuan.")


def _riwayat(ruang: object, periode: object, indikator: str | None, json_: bool) -> None:
    baris = riwayat(ruang, periode, indikator)  # type: ignore[arg-type]
    if json_:
        cetak_json(baris)
        return
    if not baris:
        konsol.print("Jejak audit kosong untuk pilihan ini.")
        return
    tabel = Table(title="Jejak audit")
    for judul in (
        "Waktu",
        "Bulan",
        "Tim",
        "Indikator",
        "Kolom",
        "Lama",
        "Baru",
        "Alasan",
        "Oleh",
        "Sumber",
    ):
        tabel.add_column(judul)
    for b in baris:
        tabel.add_row(
            str(b["waktu"]).replace("T", " "),
            b["periode"],
            b["tim"] or "–",
            b["indikator"] or "–",
            b["kolom"] or "–",
            escape(_tampil(_angka(b["lama"]))),
            escape(_tampil(_angka(b["baru"]))),
            escape(b["alasan"] or ""),
            escape(b["oleh"]),
            b["sumber"],
        )
    konsol.print(tabel)


def _angka(v: object) -> object:
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return v
    return v


def daftar(app: typer.Typer) -> None:
    app.command("koreksi")(perintah(koreksi))
