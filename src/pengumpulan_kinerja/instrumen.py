"""buat-instrumen (POS step 3): one protected Excel instrument per work team.

The layout is the contract in :mod:`tata_letak`; ``himpun`` reads what this writes.
Styles, validations and protections are created once per workbook and shared by
cells, so writing stays close to the cost of plain openpyxl.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__, hitung, tata_letak
from .buku_besar import INDIKATOR_ANGGARAN, BukuBesar, pengguna_os, sekarang
from .galat import DitolakError, PenggunaanError
from .keluaran import tulis_sel
from .konfigurasi import Indikator, Konfigurasi, Tim
from .periode import Periode, format_tanggal
from .ruang_kerja import RuangKerja, simpan_atomik

WARNA_ISIAN = "FFF2CC"
WARNA_KEPALA = "1F4E78"
WARNA_TERKUNCI = "EDEDED"
FORMAT_ANGKA = "#,##0.##"
FORMAT_RUPIAH = '"Rp" #,##0'
FORMAT_PERSEN = "0.00"
FORMAT_TANGGAL = "DD/MM/YYYY"

_TIPIS = Side(style="thin", color="A6A6A6")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ISIAN = PatternFill("solid", fgColor=WARNA_ISIAN)
_ABU = PatternFill("solid", fgColor=WARNA_TERKUNCI)
_KEPALA = PatternFill("solid", fgColor=WARNA_KEPALA)
_HURUF_KEPALA = Font(bold=True, color="FFFFFF")
_TEBAL = Font(bold=True)
_JUDUL = Font(bold=True, size=13)
_BUKA = Protection(locked=False)
_BUNGKUS = Alignment(wrap_text=True, vertical="top")
_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)

LEBAR_CAPAIAN: dict[str, float] = {
    "A": 5,
    "B": 11,
    "C": 28,
    "D": 42,
    "E": 12,
    "F": 11,
    "G": 11,
    "H": 11,
    "I": 13,
    "J": 13,
    "K": 12,
    "L": 12,
    "M": 13,
    "N": 11,
    "O": 32,
    "P": 32,
    "Q": 32,
    "R": 30,
}


@dataclass(frozen=True)
class RiwayatIndikator:
    """What the ledger knows of an indicator before the month: aggregated realisation
    to last month and how many months were reported."""

    realisasi_lalu: float | None = None
    jumlah_bulan: int = 0


@dataclass(frozen=True)
class HasilBuatInstrumen:
    periode: Periode
    berkas: tuple[Path, ...]
    tim: tuple[str, ...]
    batas: date
    rincian: tuple[tuple[str, int, bool], ...] = field(default=())
    """(team code, number of indicators, has budget) per file."""


# --------------------------------------------------------------------------- ledger


def riwayat_dari_buku(
    buku: BukuBesar, konfigurasi: Konfigurasi, periode: Periode, kode_tim: str
) -> tuple[dict[str, RiwayatIndikator], float | None]:
    """Realisation to last month per indicator (aggregated as configured) and the
    budget realisation to last month, from the ledger's current values."""
    indikator = konfigurasi.indikator_tim(kode_tim)
    hasil: dict[str, RiwayatIndikator] = {i.kode: RiwayatIndikator() for i in indikator}
    if periode.bulan == 1:
        return hasil, None
    baris = buku.query(
        "SELECT periode, indikator, kolom, angka FROM nilai_kini WHERE tim = ? AND periode >= ? "
        "AND periode < ? AND kolom IN ('realisasi', 'anggaran') AND angka IS NOT NULL",
        (kode_tim, f"{periode.tahun:04d}-01", periode.kode),
    )
    bulanan: dict[str, dict[int, float]] = {}
    anggaran: list[float] = []
    for b in baris:
        bulan = int(b["periode"][5:7])
        if b["kolom"] == "anggaran" and b["indikator"] == INDIKATOR_ANGGARAN:
            anggaran.append(float(b["angka"]))
        elif b["kolom"] == "realisasi":
            bulanan.setdefault(b["indikator"], {})[bulan] = float(b["angka"])
    for ind in indikator:
        nilai = bulanan.get(ind.kode, {})
        hasil[ind.kode] = RiwayatIndikator(
            hitung.realisasi_sampai(ind, nilai, periode.bulan - 1), len(nilai)
        )
    return hasil, (sum(anggaran) if anggaran else None)


# --------------------------------------------------------------------------- writer


def _rumus_realisasi_kini(ind: Indikator, baris: int, riwayat: RiwayatIndikator) -> str:
    j, i = f"J{baris}", f"I{baris}"
    if ind.agregasi == "kumulatif":
        return f'=IF(ISNUMBER({j}),N({i})+{j},IF(ISNUMBER({i}),{i},""))'
    if ind.agregasi == "terakhir":
        return f'=IF(ISNUMBER({j}),{j},IF(ISNUMBER({i}),{i},""))'
    n = riwayat.jumlah_bulan
    if n == 0 or riwayat.realisasi_lalu is None:
        return f'=IF(ISNUMBER({j}),{j},"")'
    return f"=IF(ISNUMBER({j}),({i}*{n}+{j})/{n + 1},{i})"


def _rumus_capaian(ind: Indikator, baris: int, maksimum: float | None) -> str:
    m, h = f"M{baris}", f"H{baris}"
    if ind.arah == "naik":
        inti = f"{m}/{h}*100"
    elif ind.rumus_turun == "selisih":
        inti = f"(2*{h}-{m})/{h}*100"
    else:
        inti = f"IF({m}=0,0,{h}/{m})*100"
    inti = f"MAX(0,{inti})"
    if maksimum is not None:
        inti = f"MIN({maksimum:g},{inti})"
    return f'=IF(AND(ISNUMBER({m}),N({h})<>0),{inti},"")'


def _validasi_angka(
    minimum: float | None, maksimum: float | None, judul: str, pesan: str
) -> DataValidation:
    if minimum is not None and maksimum is not None:
        dv = DataValidation(
            type="decimal", operator="between", formula1=f"{minimum:g}", formula2=f"{maksimum:g}"
        )
        aturan = f"antara {minimum:g} dan {maksimum:g}"
    elif minimum is not None:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=f"{minimum:g}")
        aturan = f"paling kecil {minimum:g}"
    elif maksimum is not None:
        dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=f"{maksimum:g}")
        aturan = f"paling besar {maksimum:g}"
    else:
        dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
        aturan = "berupa angka"
    dv.allow_blank = True
    dv.showInputMessage = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.promptTitle = judul[:32]
    dv.prompt = f"{pesan} Isi angka {aturan}."[:255]
    dv.errorTitle = "Isian tidak sah"
    dv.error = f"Isian harus angka {aturan}. Tulis angka saja, tanpa satuan atau teks."[:255]
    return dv


def _batas_isian(ind: Indikator) -> tuple[float | None, float | None]:
    minimum: float | None = 0.0
    maksimum: float | None = 100.0 if ind.persen else None
    if ind.batas is not None:
        if ind.batas.min is not None:
            minimum = ind.batas.min
        if ind.batas.maks is not None:
            maksimum = ind.batas.maks if maksimum is None else min(maksimum, ind.batas.maks)
    return minimum, maksimum


class _Validasi:
    """One DataValidation per distinct rule, shared by all cells that follow it."""

    def __init__(self, lembar: Worksheet) -> None:
        self.lembar = lembar
        self.aturan: dict[tuple[object, ...], DataValidation] = {}

    def tambah(
        self, sel: str, minimum: float | None, maksimum: float | None, judul: str, pesan: str
    ) -> None:
        kunci = (minimum, maksimum, judul, pesan)
        dv = self.aturan.get(kunci)
        if dv is None:
            dv = _validasi_angka(minimum, maksimum, judul, pesan)
            self.aturan[kunci] = dv
            self.lembar.add_data_validation(dv)
        dv.add(sel)


def _lindungi(lembar: Worksheet) -> None:
    lembar.protection.sheet = True
    lembar.protection.formatColumns = False
    lembar.protection.formatRows = False
    lembar.protection.formatCells = False


def _cetak_a4(lembar: Worksheet, baris_judul: str | None = None) -> None:
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.paperSize = lembar.PAPERSIZE_A4
    lembar.page_setup.fitToWidth = 1
    lembar.page_setup.fitToHeight = 0
    if lembar.sheet_properties.pageSetUpPr is not None:
        lembar.sheet_properties.pageSetUpPr.fitToPage = True
    lembar.print_options.horizontalCentered = True
    lembar.page_margins.left = lembar.page_margins.right = 0.4
    if baris_judul:
        lembar.print_title_rows = baris_judul


def _blok_kepala(
    lembar: Worksheet, konfigurasi: Konfigurasi, tim: Tim, periode: Periode, judul: str
) -> None:
    lembar["A1"] = judul
    lembar["A1"].font = _JUDUL
    nilai = (
        konfigurasi.satker.nama,
        tim.kode,
        tim.nama,
        tim.ketua.nama,
        periode.label,
        format_tanggal(periode.batas(konfigurasi.batas_tanggal)),
    )
    for k, (label, isi) in enumerate(zip(tata_letak.BLOK_KEPALA, nilai, strict=True)):
        baris = tata_letak.BARIS_BLOK_KEPALA + k
        sel_label = lembar[f"{tata_letak.KOLOM_LABEL_BLOK}{baris}"]
        sel_label.value = label
        sel_label.font = _TEBAL
        tulis_sel(lembar, baris, 3, isi)


def _lembar_petunjuk(
    wb: Workbook, konfigurasi: Konfigurasi, tim: Tim, periode: Periode, ada_anggaran: bool
) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = tata_letak.LEMBAR_PETUNJUK
    batas = format_tanggal(periode.batas(konfigurasi.batas_tanggal))
    kontak = konfigurasi.tim_sakip
    tanya = (
        f"{kontak.nama}{' — ' + kontak.kontak if kontak.kontak else ''}"
        if kontak
        else f"Tim SAKIP {konfigurasi.satker.nama}"
    )
    baris = [
        (f"Petunjuk Pengisian Instrumen Capaian Kinerja — {periode.label}", _JUDUL),
        (f"{konfigurasi.satker.nama} · {tim.nama} ({tim.kode})", _TEBAL),
        ("", None),
        (f"Batas pengumpulan: {batas}.", _TEBAL),
        ("1. Isi lembar Capaian: satu baris untuk setiap indikator kinerja tim Anda.", None),
        ("2. Hanya sel berwarna kuning yang dapat diisi; sel lain terkunci.", None),
        (
            "3. Realisasi Bulan Ini: untuk indikator kumulatif isi tambahan bulan ini saja; "
            "untuk indikator lain isi nilai bulan ini.",
            None,
        ),
        (
            "4. Bila tersedia kolom Pembilang dan Penyebut, isi keduanya; realisasi dihitung "
            "otomatis (100 × pembilang / penyebut).",
            None,
        ),
        ("5. Tulis angka saja, tanpa satuan (mis. 85 atau 1.234,5), bukan teks.", None),
        (
            "6. Bila capaian di bawah target, isi Kendala/Permasalahan, Upaya/Solusi dan "
            "Rencana Tindak Lanjut.",
            None,
        ),
        ("7. Isi Bukti Dukung dengan tautan atau nama dokumen pendukung.", None),
    ]
    if ada_anggaran:
        baris.append(("8. Isi lembar Anggaran: realisasi anggaran bulan ini dalam rupiah.", None))
    baris += [
        ("9. Isi lembar Pengesahan: nama pengisi dan tanggal pengisian.", None),
        (
            "10. Simpan dengan format apa pun (.xlsx, .xls, .ods) lalu kirim kembali; nama "
            "berkas boleh diubah. Jangan menghapus atau menambah baris dan kolom.",
            None,
        ),
        (
            "11. Kolom Realisasi s.d. Bulan Ini dan Capaian (%) hanya tampilan; Tim SAKIP "
            "menghitung ulang semuanya dari isian Anda.",
            None,
        ),
        ("", None),
        ("Keterangan warna:", _TEBAL),
        ("Kuning = diisi oleh tim kerja", None),
        ("Abu-abu = tidak berlaku / terkunci", None),
        ("", None),
        (f"Pertanyaan: {tanya}.", None),
    ]
    for k, (teks, huruf) in enumerate(baris, start=1):
        sel = tulis_sel(ws, k, 1, teks)
        sel.alignment = _BUNGKUS
        if huruf is not None:
            sel.font = huruf
    legenda_kuning = next(k for k, (t, _) in enumerate(baris, 1) if t.startswith("Kuning"))
    ws.cell(row=legenda_kuning, column=1).fill = _ISIAN
    ws.cell(row=legenda_kuning + 1, column=1).fill = _ABU
    ws.column_dimensions["A"].width = 110
    _cetak_a4(ws)
    _lindungi(ws)


def _lembar_capaian(
    wb: Workbook,
    konfigurasi: Konfigurasi,
    tim: Tim,
    periode: Periode,
    indikator: Sequence[Indikator],
    riwayat: Mapping[str, RiwayatIndikator],
) -> None:
    ws = wb.create_sheet(tata_letak.LEMBAR_CAPAIAN)
    _blok_kepala(ws, konfigurasi, tim, periode, tata_letak.JUDUL_CAPAIAN)
    kepala = tata_letak.BARIS_KEPALA
    for huruf, label, nama in tata_letak.KOLOM_CAPAIAN:
        sel = ws[f"{huruf}{kepala}"]
        sel.value = label
        sel.font = _HURUF_KEPALA
        sel.fill = _ISIAN if nama in tata_letak.KOLOM_ISIAN else _KEPALA
        if nama in tata_letak.KOLOM_ISIAN:
            sel.font = _TEBAL
        sel.alignment = _TENGAH
        sel.border = _BINGKAI
    ws.row_dimensions[kepala].height = 45
    validasi = _Validasi(ws)
    uraian_sasaran = {s.kode: s.uraian for s in konfigurasi.sasaran}
    for n, ind in enumerate(indikator):
        r = tata_letak.BARIS_DATA_PERTAMA + n
        lalu = riwayat.get(ind.kode, RiwayatIndikator())
        nilai: dict[str, object] = {
            "A": n + 1,
            "B": ind.kode,
            "C": f"{ind.sasaran} — {uraian_sasaran.get(ind.sasaran, '')}",
            "D": ind.uraian,
            "E": ind.satuan,
            "F": ind.target,
            "G": hitung.target_triwulan(ind, periode.bulan),
            "H": hitung.target_bulan(ind, periode.bulan),
            "I": lalu.realisasi_lalu,
        }
        for huruf, isi in nilai.items():
            sel = tulis_sel(ws, r, ord(huruf) - 64, isi)
            sel.border = _BINGKAI
            if huruf in "CD":
                sel.alignment = _BUNGKUS
            elif huruf in "FGHI":
                sel.number_format = FORMAT_ANGKA
        minimum, maksimum = _batas_isian(ind)
        if ind.rasio:
            ws[f"J{r}"] = f'=IF(AND(ISNUMBER(K{r}),ISNUMBER(L{r}),L{r}<>0),100*K{r}/L{r},"")'
            ws[f"J{r}"].number_format = FORMAT_ANGKA
            for huruf, keterangan, bawah in (
                ("K", f"Pembilang: {ind.pembilang}.", 0.0),
                ("L", f"Penyebut: {ind.penyebut}.", 0.0),
            ):
                sel = ws[f"{huruf}{r}"]
                sel.fill = _ISIAN
                sel.protection = _BUKA
                sel.number_format = FORMAT_ANGKA
                validasi.tambah(f"{huruf}{r}", bawah, None, f"{ind.kode} {huruf}", keterangan)
            ws[f"J{r}"].fill = _ABU
        else:
            sel = ws[f"J{r}"]
            sel.fill = _ISIAN
            sel.protection = _BUKA
            sel.number_format = FORMAT_ANGKA
            arti = (
                "Tambahan bulan ini saja (bukan akumulasi)."
                if ind.agregasi == "kumulatif"
                else "Nilai bulan ini."
            )
            validasi.tambah(
                f"J{r}", minimum, maksimum, f"Realisasi {ind.kode}", f"{arti} Satuan: {ind.satuan}."
            )
            ws[f"K{r}"].fill = _ABU
            ws[f"L{r}"].fill = _ABU
        ws[f"M{r}"] = _rumus_realisasi_kini(ind, r, lalu)
        ws[f"M{r}"].number_format = FORMAT_ANGKA
        ws[f"N{r}"] = _rumus_capaian(ind, r, konfigurasi.capaian_maksimum)
        ws[f"N{r}"].number_format = FORMAT_PERSEN
        for huruf in "JKLMN":
            ws[f"{huruf}{r}"].border = _BINGKAI
        for huruf in "OPQR":
            sel = ws[f"{huruf}{r}"]
            sel.fill = _ISIAN
            sel.protection = _BUKA
            sel.alignment = _BUNGKUS
            sel.border = _BINGKAI
            sel.number_format = "@"
    for huruf, lebar in LEBAR_CAPAIAN.items():
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = f"C{tata_letak.BARIS_DATA_PERTAMA}"
    _cetak_a4(ws, f"{kepala}:{kepala}")
    _lindungi(ws)


def _lembar_anggaran(
    wb: Workbook,
    konfigurasi: Konfigurasi,
    tim: Tim,
    periode: Periode,
    anggaran_lalu: float | None,
) -> None:
    assert tim.anggaran is not None
    ws = wb.create_sheet(tata_letak.LEMBAR_ANGGARAN)
    _blok_kepala(ws, konfigurasi, tim, periode, "REALISASI ANGGARAN TIM KERJA")
    baris = {nama: r for r, _, nama in tata_letak.BARIS_ANGGARAN}
    nilai: dict[str, object] = {
        "pagu": tim.anggaran.pagu,
        "rpd_kini": tim.anggaran.rpd_sampai(periode.bulan),
        "anggaran_lalu": anggaran_lalu,
        "anggaran_kini": f"=N(C{baris['anggaran_lalu']})+N(C{baris['anggaran']})",
        "penyerapan": f'=IF(N(C{baris["pagu"]})=0,"",C{baris["anggaran_kini"]}/C{baris["pagu"]}*100)',
    }
    for r, label, nama in tata_letak.BARIS_ANGGARAN:
        ws[f"A{r}"] = label
        ws[f"A{r}"].font = _TEBAL
        ws[f"A{r}"].border = _BINGKAI
        sel = ws[f"C{r}"]
        sel.border = _BINGKAI
        sel.number_format = FORMAT_PERSEN if nama == "penyerapan" else FORMAT_RUPIAH
        if nama == "anggaran":
            sel.fill = _ISIAN
            sel.protection = _BUKA
            dv = _validasi_angka(
                0.0,
                None,
                "Realisasi anggaran",
                "Realisasi anggaran bulan ini dalam rupiah, tanpa titik atau Rp.",
            )
            ws.add_data_validation(dv)
            dv.add(f"C{r}")
        elif nilai.get(nama) is not None:
            isi = nilai[nama]
            sel.value = isi
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 2
    ws.column_dimensions["C"].width = 24
    _cetak_a4(ws)
    _lindungi(ws)


def _lembar_pengesahan(wb: Workbook, tim: Tim) -> None:
    ws = wb.create_sheet(tata_letak.LEMBAR_PENGESAHAN)
    ws["A1"] = "PENGESAHAN PENGISIAN"
    ws["A1"].font = _JUDUL
    ws["A2"] = f"Ketua {tim.nama}: {tim.ketua.nama}" + (
        f" (NIP {tim.ketua.nip})" if tim.ketua.nip else ""
    )
    for r, label, nama in tata_letak.BARIS_PENGESAHAN:
        ws[f"A{r}"] = label
        ws[f"A{r}"].font = _TEBAL
        sel = ws[f"C{r}"]
        sel.fill = _ISIAN
        sel.protection = _BUKA
        sel.border = _BINGKAI
        if nama == "tanggal_pengisian":
            sel.number_format = FORMAT_TANGGAL
            dv = DataValidation(type="date", operator="between", formula1="36526", formula2="73051")
            dv.allow_blank = True
            dv.showInputMessage = dv.showErrorMessage = True
            dv.promptTitle = "Tanggal pengisian"
            dv.prompt = "Isi tanggal pengisian, mis. 5/7/2022."
            dv.errorTitle = "Tanggal tidak sah"
            dv.error = "Isi dengan tanggal yang sah (hari/bulan/tahun)."
            ws.add_data_validation(dv)
            dv.add(f"C{r}")
        else:
            sel.number_format = "@"
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["C"].width = 40
    _cetak_a4(ws)
    _lindungi(ws)


def _lembar_meta(wb: Workbook, meta: Mapping[str, str]) -> None:
    ws = wb.create_sheet(tata_letak.LEMBAR_META)
    for r, kunci in enumerate(tata_letak.META_KUNCI, start=1):
        ws.cell(row=r, column=1, value=kunci)
        tulis_sel(ws, r, 2, meta[kunci]).number_format = "@"
        properti = StringProperty(name=f"kinerja_{kunci}", value=meta[kunci])
        wb.custom_doc_props.append(properti)  # type: ignore[attr-defined]
    ws.sheet_state = "hidden"
    _lindungi(ws)


def tulis_instrumen(
    konfigurasi: Konfigurasi,
    periode: Periode,
    kode_tim: str,
    tujuan: Path,
    realisasi_lalu: Mapping[str, float | None] | None = None,
    anggaran_lalu: float | None = None,
    riwayat: Mapping[str, RiwayatIndikator] | None = None,
) -> Path:
    """Write one team's instrument to ``tujuan`` (atomically). No ledger access.

    ``realisasi_lalu`` (code → value) or the richer ``riwayat`` give the column
    ``Realisasi s.d. Bulan Lalu``; missing codes stay empty.
    """
    tim = konfigurasi.cari_tim(kode_tim)
    if tim is None:
        raise PenggunaanError(f"Tim {kode_tim!r} tidak ada di konfigurasi.")
    indikator = konfigurasi.indikator_tim(kode_tim)
    if riwayat is None:
        riwayat = {
            k: RiwayatIndikator(v, 1 if v is not None else 0)
            for k, v in (realisasi_lalu or {}).items()
        }
    wb = Workbook()
    ada_anggaran = tim.anggaran is not None
    _lembar_petunjuk(wb, konfigurasi, tim, periode, ada_anggaran)
    _lembar_capaian(wb, konfigurasi, tim, periode, indikator, riwayat)
    if ada_anggaran:
        _lembar_anggaran(wb, konfigurasi, tim, periode, anggaran_lalu)
    _lembar_pengesahan(wb, tim)
    _lembar_meta(
        wb,
        {
            "format_versi": str(tata_letak.FORMAT_VERSI),
            "instrumen_id": uuid.uuid4().hex,
            "tim": tim.kode,
            "periode": periode.kode,
            "versi_alat": __version__,
            "sidik_jari": konfigurasi.sidik_jari_tim(tim.kode),
            "dibuat": sekarang().isoformat(timespec="seconds"),
        },
    )
    wb.active = 1
    wb.properties.title = f"Instrumen capaian kinerja {tim.kode} {periode.label}"
    wb.properties.creator = f"kinerja {__version__}"
    return simpan_atomik(tujuan, lambda jalur: wb.save(jalur))


def nama_berkas(kode_tim: str, periode: Periode) -> str:
    return f"{kode_tim}_{periode.kode}.xlsx"


def buat_instrumen(
    ruang: RuangKerja,
    periode: Periode,
    tim: str | None = None,
    timpa: bool = False,
    oleh: str | None = None,
    kemajuan: object = None,
) -> HasilBuatInstrumen:
    """Write the instruments of ``periode`` for every team that owns indicators (or one
    team) and record POS step 3. Refuses to overwrite without ``timpa``."""
    konfigurasi = ruang.konfigurasi
    if periode.tahun != konfigurasi.tahun:
        raise PenggunaanError(
            f"Periode {periode.label} di luar tahun konfigurasi ({konfigurasi.tahun}).",
            f"Pilih bulan pada tahun {konfigurasi.tahun}, mis. {konfigurasi.tahun}-06.",
        )
    daftar_tim = konfigurasi.tim_berindikator()
    if tim is not None:
        pilihan = [t for t in daftar_tim if t.kode == tim]
        if not pilihan:
            dikenal = ", ".join(t.kode for t in daftar_tim)
            raise PenggunaanError(
                f"Tim {tim!r} tidak dikenal atau tidak memiliki indikator.",
                f"Pilih salah satu: {dikenal}.",
            )
        daftar_tim = tuple(pilihan)
    folder = ruang.folder_instrumen(periode)
    tujuan = {t.kode: folder / nama_berkas(t.kode, periode) for t in daftar_tim}
    sudah_ada = [p for p in tujuan.values() if p.exists()]
    if sudah_ada and not timpa:
        nama = ", ".join(p.name for p in sudah_ada)
        raise DitolakError(
            f"Instrumen sudah ada di {ruang.relatif(folder)}: {nama}.",
            "Tambahkan --timpa untuk menggantinya (berkas lama ditimpa).",
        )
    mulai = sekarang()
    ditulis: list[Path] = []
    rincian: list[tuple[str, int, bool]] = []
    with ruang.buka_buku_besar() as buku:
        for k, t in enumerate(daftar_tim):
            riwayat, anggaran_lalu = riwayat_dari_buku(buku, konfigurasi, periode, t.kode)
            ditulis.append(
                tulis_instrumen(
                    konfigurasi,
                    periode,
                    t.kode,
                    tujuan[t.kode],
                    anggaran_lalu=anggaran_lalu,
                    riwayat=riwayat,
                )
            )
            rincian.append((t.kode, len(konfigurasi.indikator_tim(t.kode)), t.anggaran is not None))
            if callable(kemajuan):
                kemajuan(k + 1, len(daftar_tim))
        with buku.transaksi():
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=3,
                aksi="buat-instrumen",
                oleh=oleh or pengguna_os(),
                mulai=mulai,
                selesai=sekarang(),
                rincian={
                    "tim": [t.kode for t in daftar_tim],
                    "berkas": [p.name for p in ditulis],
                    "timpa": bool(sudah_ada),
                },
            )
    return HasilBuatInstrumen(
        periode=periode,
        berkas=tuple(ditulis),
        tim=tuple(t.kode for t in daftar_tim),
        batas=periode.batas(konfigurasi.batas_tanggal),
        rincian=tuple(rincian),
    )
