"""``kinerja koreksi``: POS step 7, corrections (one, or a batch file) and the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..angka import format_angka, format_rupiah
from ..buku_besar import KOLOM_ANGKA
from ..galat import DitolakError, PenggunaanError
from ..koreksi import (
    KOLOM_KOREKSI,
    Nilai,
    PerubahanDiminta,
    RencanaKoreksi,
    baca_berkas_koreksi,
    rencanakan_koreksi,
    riwayat,
    terapkan_koreksi,
    tulis_templat,
)
from ..periode import Periode
from ..ruang_kerja import RuangKerja
from ._bahasa import tanpa_kendali
from ._umum import (
    ArgBulan,
    OpsiJson,
    OpsiOleh,
    OpsiRuangKerja,
    aman,
    bulan_pilihan,
    cetak_json,
    konsol,
    perintah,
    periode_dari,
    ruang_kerja,
    ya_atau_tidak,
)


def tampil_nilai(kolom: str, nilai: Nilai) -> str:
    """A value as people read it: ``1.234,5``, ``Rp 150.000.000``, text, or ``(kosong)``."""
    if nilai is None or nilai == "":
        return "(kosong)"
    if isinstance(nilai, float):
        return format_rupiah(nilai) if kolom == "anggaran" else format_angka(nilai)
    return str(nilai)


def _konfirmasi(jumlah: int) -> bool:
    return ya_atau_tidak(
        f"Terapkan {jumlah} perubahan ini?",
        DitolakError(
            "Koreksi perlu dikonfirmasi, tetapi tidak ada yang dapat menjawab (masukan bukan "
            "terminal); tidak ada yang diubah.",
            "Periksa tabel perubahan di atas, lalu jalankan lagi dengan --ya.",
        ),
    )


def koreksi(
    bulan_posisi: ArgBulan = None,
    bulan: Annotated[
        str | None,
        typer.Option("--bulan", "-b", help="Bulan yang dikoreksi: 6, 2022-06 atau Juni."),
    ] = None,
    indikator: Annotated[
        str | None,
        typer.Option("--indikator", "-i", help="Kode indikator yang dikoreksi, mis. IKK-1.1."),
    ] = None,
    tim: Annotated[
        str | None,
        typer.Option("--tim", help="Kode tim: untuk --anggaran, atau penyaring --riwayat."),
    ] = None,
    realisasi: Annotated[
        str | None,
        typer.Option("--realisasi", help="Realisasi Bulan Ini yang benar (mis. 1.234,5 atau 85%)."),
    ] = None,
    pembilang: Annotated[
        str | None,
        typer.Option("--pembilang", help="Pembilang yang benar; realisasi dihitung ulang."),
    ] = None,
    penyebut: Annotated[
        str | None,
        typer.Option("--penyebut", help="Penyebut yang benar; realisasi dihitung ulang."),
    ] = None,
    kendala: Annotated[
        str | None, typer.Option("--kendala", help="Kendala/Permasalahan yang benar.")
    ] = None,
    upaya: Annotated[str | None, typer.Option("--upaya", help="Upaya/Solusi yang benar.")] = None,
    rtl: Annotated[
        str | None, typer.Option("--rtl", help="Rencana Tindak Lanjut yang benar.")
    ] = None,
    bukti: Annotated[str | None, typer.Option("--bukti", help="Bukti Dukung yang benar.")] = None,
    anggaran: Annotated[
        str | None,
        typer.Option("--anggaran", help="Realisasi anggaran bulan ini (Rp) tim --tim."),
    ] = None,
    alasan: Annotated[
        str | None, typer.Option("--alasan", help="Alasan koreksi (wajib); masuk jejak audit.")
    ] = None,
    berkas: Annotated[
        Path | None,
        typer.Option(
            "--berkas",
            help="Koreksi massal dari .xlsx/.ods (kolom Kode, Kolom, Nilai Baru, Alasan).",
        ),
    ] = None,
    templat: Annotated[
        Path | None,
        typer.Option("--templat", help="Tulis templat koreksi massal kosong ke berkas .xlsx ini."),
    ] = None,
    lihat_riwayat: Annotated[
        bool,
        typer.Option("--riwayat", help="Tampilkan jejak audit (saring dengan --bulan, -i, --tim)."),
    ] = False,
    sumber: Annotated[
        str | None,
        typer.Option("--sumber", help="Penyaring --riwayat: kiriman, impor, koreksi atau buka."),
    ] = None,
    ya: Annotated[
        bool, typer.Option("--ya", "-y", help="Terapkan tanpa bertanya (untuk skrip).")
    ] = False,
    timpa: Annotated[
        bool, typer.Option("--timpa", help="Ganti berkas --templat yang sudah ada.")
    ] = False,
    oleh: OpsiOleh = None,
    json_: OpsiJson = False,
    ruang_kerja_: OpsiRuangKerja = None,
) -> None:
    """Setiap perubahan ditampilkan lama → baru lalu ditanyakan dulu (--ya melewati
    pertanyaan). Koreksi tanpa alasan ditolak. Koreksi massal bersifat
    semua-atau-tidak: satu baris salah menolak seluruh berkas dan menyebut barisnya.
    Bulan yang sudah disetujui terkunci sampai `kinerja buka`.

    Contoh:

        kinerja koreksi --bulan 6 --indikator IKK-2.2 --realisasi 150 --alasan "rekap kegiatan"

        kinerja koreksi --bulan 6 -i IKK-1.1 --pembilang 250 --penyebut 310 --alasan "data Dapodik"

        kinerja koreksi --bulan 6 --tim FPD --anggaran "Rp 160.000.000" --alasan "SP2D susulan"

        kinerja koreksi --bulan 6 --templat koreksi.xlsx

        kinerja koreksi --bulan 6 --berkas koreksi.xlsx

        kinerja koreksi --riwayat --bulan 6 --sumber koreksi
    """
    bulan = bulan_pilihan(bulan_posisi, bulan)
    ruang = ruang_kerja(ruang_kerja_)
    periode = periode_dari(ruang, bulan) if bulan else None
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
    opsi_nilai = [f"--{k}" for k, v in nilai.items() if v is not None]
    mode = [
        m
        for m, dipakai in (
            ("--riwayat", lihat_riwayat),
            ("--templat", templat is not None),
            ("--berkas", berkas is not None),
            (" ".join(opsi_nilai), bool(opsi_nilai)),
        )
        if dipakai
    ]
    if len(mode) > 1:
        raise PenggunaanError(
            f"{' dan '.join(mode)} tidak dapat dipakai bersama.",
            "Pilih satu: satu koreksi (--indikator ... --realisasi ...), --berkas, --templat, "
            "atau --riwayat.",
        )
    if lihat_riwayat:
        _tampilkan_riwayat(ruang, periode, indikator, tim, sumber, json_)
        return
    if sumber is not None:
        raise PenggunaanError("--sumber hanya untuk --riwayat.")
    if periode is None:
        raise PenggunaanError(
            "--bulan wajib diisi.",
            'Contoh: kinerja koreksi --bulan 6 --indikator IKK-2.2 --realisasi 150 --alasan "..."',
        )
    if templat is not None:
        tulis_templat(templat, ruang.konfigurasi, periode, timpa, ruang.berkas_sendiri)
        if json_:
            cetak_json({"templat": str(templat), "periode": periode.kode})
            return
        konsol.print(f"Templat koreksi ditulis: {aman(str(templat))}")
        konsol.print(
            "Isi lembar Koreksi (Kode, Kolom, Nilai Baru, Alasan; satu baris per perubahan), "
            f"lalu: kinerja koreksi --bulan {periode.kode} --berkas {aman(templat.name)}"
        )
        return
    if berkas is not None:
        if indikator or tim or alasan:
            raise PenggunaanError(
                "--indikator, --tim dan --alasan tidak dipakai bersama --berkas.",
                "Kode, kolom dan alasan setiap perubahan ditulis di baris berkasnya.",
            )
        diminta = baca_berkas_koreksi(berkas, ruang.konfigurasi)
    else:
        diminta = _diminta_dari_opsi(nilai, indikator, tim, alasan)
    if json_ and not ya:
        raise PenggunaanError(
            "--json memerlukan --ya (tidak ada pertanyaan di keluaran JSON).",
            "Tambahkan --ya, atau jalankan tanpa --json untuk melihat dan mengonfirmasi.",
        )
    rencana = rencanakan_koreksi(ruang, periode, diminta)
    if rencana.sama and not json_:
        konsol.print(
            f"{len(rencana.sama)} perubahan yang diminta sama dengan nilai kini dan dilewati "
            f"({aman(', '.join(rencana.sama))})."
        )
    if not rencana.perubahan:
        if json_:
            cetak_json({"periode": periode.kode, "perubahan": [], "audit": []})
            return
        konsol.print("Tidak ada yang dikoreksi.")
        return
    if not json_:
        _tabel_rencana(rencana)
    if not ya and not _konfirmasi(len(rencana.perubahan)):
        konsol.print("Dibatalkan; tidak ada yang diubah.")
        raise typer.Exit(1)
    nomor = terapkan_koreksi(ruang, rencana, oleh)
    if json_:
        cetak_json(
            {
                "periode": periode.kode,
                "perubahan": [
                    {
                        "tim": p.tim,
                        "indikator": p.indikator,
                        "kolom": p.kolom,
                        "lama": p.lama,
                        "baru": p.baru,
                        "alasan": p.alasan,
                        "dihitung": p.turunan,
                    }
                    for p in rencana.perubahan
                ],
                "audit": nomor,
            }
        )
        return
    konsol.print(
        f"[bold green]{len(nomor)} perubahan diterapkan[/] dan dicatat di jejak audit "
        f"(nomor {nomor[0]}–{nomor[-1]})."
        if len(nomor) > 1
        else f"[bold green]1 perubahan diterapkan[/] dan dicatat di jejak audit (nomor {nomor[0]})."
    )
    konsol.print(
        f"Analisis lama kini usang: jalankan `kinerja analisis --bulan {periode.kode}` lagi "
        "sebelum `kinerja setujui`."
    )


def _diminta_dari_opsi(
    nilai: dict[str, str | None], indikator: str | None, tim: str | None, alasan: str | None
) -> list[PerubahanDiminta]:
    dipakai = {k: v for k, v in nilai.items() if v is not None}
    if not dipakai:
        raise PenggunaanError(
            "Tidak ada yang dikoreksi.",
            "Sebutkan nilai barunya, mis. --indikator IKK-2.2 --realisasi 150, "
            "atau pakai --berkas / --templat / --riwayat.",
        )
    if "anggaran" in dipakai and not tim:
        raise PenggunaanError(
            "--anggaran memerlukan --tim KODE.", 'Contoh: --tim FPD --anggaran "Rp 160.000.000"'
        )
    if tim and "anggaran" not in dipakai:
        raise PenggunaanError(
            "--tim hanya dipakai bersama --anggaran (atau sebagai penyaring --riwayat).",
            "Untuk kolom indikator, sebutkan --indikator KODE.",
        )
    if set(dipakai) - {"anggaran"} and not indikator:
        raise PenggunaanError(
            "Sebutkan --indikator KODE untuk kolom yang dikoreksi.", "Contoh: --indikator IKK-2.2"
        )
    if not (alasan or "").strip():
        raise DitolakError(
            "Koreksi tanpa alasan ditolak; tidak ada yang diubah.",
            'Tambahkan --alasan "mengapa nilai ini diubah" (dicatat di jejak audit).',
        )
    return [
        PerubahanDiminta(
            kode=(tim if k == "anggaran" else indikator) or "",
            kolom=k,
            nilai=v,
            alasan=alasan or "",
            tempat=f"--{k}",
        )
        for k, v in dipakai.items()
    ]


def _ringkas(teks: str, panjang: int) -> str:
    """Long text shortened for a table cell (``--json`` gives it whole)."""
    return teks if len(teks) <= panjang else teks[: panjang - 1] + "…"


def _lebar_angka(isi: list[tuple[str, str]]) -> int:
    """Width that keeps every number of a column on one line (texts may wrap)."""
    return max((len(t) for kolom, t in isi if kolom in KOLOM_ANGKA), default=0)


def _tabel_rencana(rencana: RencanaKoreksi) -> None:
    lama = [(p.kolom, tampil_nilai(p.kolom, p.lama)) for p in rencana.perubahan]
    baru = [
        (p.kolom, tampil_nilai(p.kolom, p.baru) + (" (dihitung)" if p.turunan else ""))
        for p in rencana.perubahan
    ]
    tabel = Table(title=f"Koreksi {rencana.periode.label}: lama → baru")
    tabel.add_column("Tim")
    tabel.add_column("Indikator")
    tabel.add_column("Kolom")
    tabel.add_column("Lama", min_width=_lebar_angka(lama), overflow="fold")
    tabel.add_column("")
    tabel.add_column("Baru", min_width=_lebar_angka(baru), overflow="fold")
    tabel.add_column("Alasan", overflow="fold")
    for p, (_, teks_lama), (_, teks_baru) in zip(rencana.perubahan, lama, baru, strict=True):
        tabel.add_row(
            aman(p.tim),
            aman(p.indikator or "(anggaran)"),
            KOLOM_KOREKSI[p.kolom],
            aman(teks_lama),
            "→",
            aman(teks_baru),
            aman(p.alasan),
        )
    konsol.print(tabel)


def _tampilkan_riwayat(
    ruang: RuangKerja,
    periode: Periode | None,
    indikator: str | None,
    tim: str | None,
    sumber: str | None,
    json_: bool,
) -> None:
    if sumber is not None and sumber.strip() not in ("kiriman", "impor", "koreksi", "buka"):
        raise PenggunaanError(
            f"--sumber {sumber!r} tidak dikenal.", "Pilih kiriman, impor, koreksi atau buka."
        )
    baris = riwayat(ruang, periode, indikator, tim=tim, sumber=sumber)
    if json_:
        cetak_json([b.sebagai_dict() for b in baris])
        return
    if not baris:
        konsol.print("Jejak audit kosong untuk pilihan ini.")
        return
    if len(baris) > 1 and not (periode or indikator or tim or sumber):
        konsol.print(
            "Semua bulan dan sumber; saring dengan --bulan, -i, --tim atau --sumber koreksi.",
            style="dim",
        )
    judul = "Jejak audit" + (f" {periode.label}" if periode else "")
    konsol.print(f"[bold]{judul}[/]: {len(baris)} baris, terlama dahulu")
    for b in baris:
        tanggal, _, jam = b.waktu.partition("T")
        letak = [Periode(int(b.periode[:4]), int(b.periode[5:7])).label]
        if b.tim:
            letak.append(b.tim)
        if b.indikator:
            letak.append(b.indikator)
        if b.kolom:
            letak.append(KOLOM_KOREKSI.get(b.kolom, b.kolom))
        if b.sumber == "buka":
            perubahan = "bulan dibuka kembali"
        else:
            perubahan = (
                f"{_ringkas(tampil_nilai(b.kolom, b.lama), 60)} → "
                f"{_ringkas(tampil_nilai(b.kolom, b.baru), 60)}"
            )
        konsol.print()
        nomor = f"#{b.id}" if b.id is not None else f"K{b.kiriman_id}"
        konsol.print(f"[bold]{nomor}[/]  {tanggal} {jam[:5]}  {aman(' · '.join(letak))}")
        konsol.print(Padding(Text(tanpa_kendali(perubahan)), (0, 0, 0, 6), expand=False))
        keterangan = f"{b.sumber} oleh {b.oleh}" + (
            f": {_ringkas(b.alasan, 160)}" if b.alasan else ""
        )
        konsol.print(
            Padding(Text(tanpa_kendali(keterangan), style="dim"), (0, 0, 0, 6), expand=False)
        )


def daftar(app: typer.Typer) -> None:
    app.command("koreksi")(perintah(koreksi))
