"""buat-instrumen: the workbook each team receives, read back as a program would."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja import __version__, cetak, hitung, tata_letak
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import DitolakError, KinerjaError, PenggunaanError
from pengumpulan_kinerja.instrumen import (
    WARNA_ISIAN,
    WARNA_TERKUNCI,
    HasilBuatInstrumen,
    buat_instrumen,
    tulis_instrumen,
)
from pengumpulan_kinerja.konfigurasi import Konfigurasi
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.pembantu import kirim_nilai

JUNI = Periode(2022, 6)
runner = CliRunner()
BLOK_JUNI = {
    "PM": ("Tim Kerja Pemetaan Mutu Pendidikan", "Dr. Rina Marlina, M.Pd."),
    "FPD": (
        "Tim Kerja Fasilitasi Peningkatan Mutu Pendidikan Dasar",
        "Agus Setiawan, S.Pd., M.Pd.",
    ),
    "FPM": ("Tim Kerja Fasilitasi Peningkatan Mutu Pendidikan Menengah", "Dra. Sri Wahyuni, M.Si."),
    "FPP": ("Tim Kerja Fasilitasi Peningkatan Mutu PAUD", "Nurhayati, S.Psi., M.Pd."),
    "KMT": ("Tim Kerja Kemitraan dan Layanan Pemerintah Daerah", "Muhammad Iqbal, S.Sos., M.A.P."),
    "DTI": ("Tim Kerja Data, Teknologi, dan Informasi", "Yudi Pratama, S.Kom., M.T.I."),
    "UMM": ("Tim Kerja Perencanaan, Keuangan, dan Tata Usaha", "Siti Aminah, S.E., M.Ak."),
}
KOLOM_ISIAN_TEKS = ("O", "P", "Q", "R")


def baca(berkas: Path, lembar: str) -> list[list[Any]]:
    rows: list[list[Any]] = (
        CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name(lembar).to_python()
    )
    return rows


def baris_kode(isi: list[list[Any]]) -> dict[str, list[Any]]:
    return {str(r[1]): r for r in isi[tata_letak.BARIS_DATA_PERTAMA - 1 :] if r[1]}


def nilai_kolom(baris: list[Any], nama: str) -> Any:
    return baris[ord(tata_letak.huruf_kolom(nama)) - ord("A")]


def validasi_sel(ws: Worksheet, sel: str) -> DataValidation:
    cocok = [dv for dv in ws.data_validations.dataValidation if sel in dv.sqref]
    assert len(cocok) == 1, f"{ws.title}!{sel}: {len(cocok)} validasi"
    return cocok[0]


def isi_buku_besar(ruang: RuangKerja, isian: list[tuple[str, str, str, str, float]]) -> None:
    """(periode, tim, indikator, kolom, angka) into the ledger, as himpun would."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(buku, [(*n, None) for n in isian])


@pytest.fixture
def juni(ruang: RuangKerja) -> HasilBuatInstrumen:
    return buat_instrumen(ruang, JUNI, oleh="Tim SAKIP")


# --------------------------------------------------------------------------- contents


def test_satu_instrumen_per_tim_berindikator(ruang: RuangKerja, juni: HasilBuatInstrumen) -> None:
    k = ruang.konfigurasi
    folder = ruang.akar / "instrumen" / "2022-06"
    assert juni.tim == ("PM", "FPD", "FPM", "FPP", "KMT", "DTI", "UMM")
    assert juni.berkas == tuple(folder / f"{kode}_2022-06.xlsx" for kode in juni.tim)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in juni.berkas)
    assert [(i.jumlah_indikator, i.anggaran) for i in juni.instrumen] == [
        (len(k.indikator_tim(kode)), True) for kode in juni.tim
    ]
    assert juni.batas.isoformat() == "2022-07-07" and juni.ditimpa == ()
    for berkas in juni.berkas:
        wb = CalamineWorkbook.from_path(str(berkas))
        assert wb.sheet_names == ["Petunjuk", "Capaian", "Anggaran", "Pengesahan", "_kinerja"]
        tampak = {m.name: str(m.visible) for m in wb.sheets_metadata}
        assert tampak["_kinerja"].endswith(".Hidden"), tampak
        assert all(tampak[n].endswith(".Visible") for n in wb.sheet_names[:4])


def test_blok_kepala_dan_label_persis_spec(juni: HasilBuatInstrumen) -> None:
    for info in juni.instrumen:
        nama, ketua = BLOK_JUNI[info.tim]
        harapan = {
            "Satuan Kerja": "BPMP Provinsi Lampung",
            "Kode Tim": info.tim,
            "Tim Kerja": nama,
            "Ketua Tim": ketua,
            "Periode": "Juni 2022",
            "Batas Pengumpulan": "Kamis, 7 Juli 2022",
        }
        for lembar in ("Capaian", "Anggaran"):
            isi = baca(info.berkas, lembar)
            blok = {r[0]: r[2] for r in isi[2:8]}  # labels A3:A8, values C3:C8
            assert list(blok) == list(tata_letak.BLOK_KEPALA)
            assert blok == harapan, (info.tim, lembar)
        kepala = baca(info.berkas, "Capaian")[tata_letak.BARIS_KEPALA - 1]
        assert tuple(kepala) == tata_letak.LABEL_CAPAIAN
        assert not any("*" in label for label in kepala)
        petunjuk = [r[0] for r in baca(info.berkas, "Petunjuk")]
        assert "Batas pengumpulan: Kamis, 7 Juli 2022." in petunjuk
        assert "Kuning: diisi oleh tim kerja." in petunjuk
        anggaran = baca(info.berkas, "Anggaran")
        assert [anggaran[r - 1][0] for r, _, _ in tata_letak.BARIS_ANGGARAN] == [
            label for _, label, _ in tata_letak.BARIS_ANGGARAN
        ]
        pengesahan = baca(info.berkas, "Pengesahan")
        assert [pengesahan[r - 1][0] for r, _, _ in tata_letak.BARIS_PENGESAHAN] == [
            "Diisi oleh",
            "Jabatan",
            "Tanggal Pengisian",
        ]


def test_baris_indikator_dan_target_dari_konfigurasi(
    konfigurasi: Konfigurasi, juni: HasilBuatInstrumen
) -> None:
    for info in juni.instrumen:
        isi = baca(info.berkas, "Capaian")
        data = isi[tata_letak.BARIS_DATA_PERTAMA - 1 :]
        milik = konfigurasi.indikator_tim(info.tim)
        assert [r[1] for r in data if r[1]] == [i.kode for i in milik]  # configuration order
        assert len(data) == len(milik)  # nothing below the last indicator
        sebelumnya = None
        for n, (r, ind) in enumerate(zip(data, milik, strict=True), start=1):
            assert r[0] == n
            sasaran = konfigurasi.cari_sasaran(ind.sasaran)
            assert sasaran is not None
            # the sasaran's text once, in the first row of its indicators; then its code
            harapan = (
                f"{sasaran.kode} — {sasaran.uraian}" if ind.sasaran != sebelumnya else sasaran.kode
            )
            assert r[2] == harapan
            sebelumnya = ind.sasaran
            assert (r[3], r[4]) == (ind.uraian, ind.satuan)
            assert nilai_kolom(r, "target_tahunan") == ind.target
            assert nilai_kolom(r, "target_triwulan") == hitung.target_triwulan(ind, 6)
            assert nilai_kolom(r, "target_bulan") == hitung.target_bulan(ind, 6)
    fpd = baris_kode(baca(juni.berkas[juni.tim.index("FPD")], "Capaian"))
    assert fpd["IKK-2.2"][5:8] == [450.0, 200.0, 200.0]  # kumulatif, end of quarter 2
    pm = baris_kode(baca(juni.berkas[0], "Capaian"))
    assert pm["IKK-1.4"][5:8] == [15.0, 5.0, 5.0]  # target_bulanan[5]
    assert pm["IKK-1.1"][5:8] == [80.0, 40.0, 40.0]  # terakhir: the quarter's target


def test_target_bulan_di_tengah_triwulan(ruang: RuangKerja) -> None:
    mei = buat_instrumen(ruang, Periode(2022, 5), tim="PM")
    pm = baris_kode(baca(mei.berkas[0], "Capaian"))
    # kumulatif linear between quarters: 100 + (300 - 100) × 2/3
    assert pm["IKK-1.3"][5:8] == [1200.0, 300.0, pytest.approx(233.3333333)]
    assert pm["IKK-1.4"][7] == 3.0
    ws = load_workbook(mei.berkas[0])["Capaian"]
    # shown with the indicator's decimals (a count: none; a percentage: one), kept exact
    assert ws["H12"].value == pytest.approx(233.3333333)
    assert ws["H12"].number_format == "#,##0" and ws["F12"].number_format == "#,##0"
    assert ws["H11"].number_format == "#,##0.0"


def test_desimal_dari_konfigurasi(konfigurasi: Konfigurasi, tmp_path: Path) -> None:
    """``desimal`` set on an indicator wins over the default its unit gives."""
    assert konfigurasi.cari_indikator("IKK-1.3").angka_desimal == 0  # type: ignore[union-attr]
    sasaran = konfigurasi.sasaran[0]
    ubah = replace(sasaran.indikator[2], desimal=2)  # IKK-1.3, a count
    k = replace(
        konfigurasi,
        sasaran=(
            replace(sasaran, indikator=(*sasaran.indikator[:2], ubah, *sasaran.indikator[3:])),
            *konfigurasi.sasaran[1:],
        ),
    )
    berkas = tulis_instrumen(k, Periode(2022, 5), "PM", tmp_path / "PM.xlsx")
    ws = load_workbook(berkas)["Capaian"]
    assert ws["B12"].value == "IKK-1.3"
    for huruf in "FGHI":
        assert ws[f"{huruf}12"].number_format == "#,##0.00", huruf


# --------------------------------------------------------------------------- protection


def test_hanya_sel_isian_terbuka_dan_berwarna(
    konfigurasi: Konfigurasi, juni: HasilBuatInstrumen
) -> None:
    for info in juni.instrumen:
        wb = load_workbook(info.berkas)
        assert wb.security is not None and wb.security.lockStructure
        for ws in wb.worksheets:
            assert ws.protection.sheet, ws.title
            assert not ws.protection.password, ws.title  # no password
        ws = wb["Capaian"]
        terbuka = {
            c.coordinate
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 2, max_col=20)
            for c in row
            if not c.protection.locked
        }
        harapan: set[str] = set()
        for n, ind in enumerate(konfigurasi.indikator_tim(info.tim)):
            r = tata_letak.BARIS_DATA_PERTAMA + n
            isian_angka = ("K", "L") if ind.rasio else ("J",)
            harapan |= {f"{h}{r}" for h in (*isian_angka, *KOLOM_ISIAN_TEKS)}
            for h in isian_angka:
                assert ws[f"{h}{r}"].fill.fgColor.rgb.endswith(WARNA_ISIAN)
            for h in KOLOM_ISIAN_TEKS:
                sel = ws[f"{h}{r}"]
                assert sel.fill.fgColor.rgb.endswith(WARNA_ISIAN)
                assert sel.alignment.wrap_text and sel.number_format == "@"
            if ind.rasio:
                assert str(ws[f"J{r}"].value) == (
                    f'=IF(AND(ISNUMBER(K{r}),ISNUMBER(L{r}),L{r}<>0),100*K{r}/L{r},"")'
                )
            else:
                for h in ("K", "L"):  # greyed, locked, empty
                    assert ws[f"{h}{r}"].value is None
                    assert ws[f"{h}{r}"].fill.fgColor.rgb.endswith(WARNA_TERKUNCI)
            assert str(ws[f"M{r}"].value).startswith("=")
            assert str(ws[f"N{r}"].value).startswith("=")
        assert terbuka == harapan, info.tim
        # the input columns' header is shaded like the inputs; the others are not
        for huruf, _, nama in tata_letak.KOLOM_CAPAIAN:
            warna = ws[f"{huruf}{tata_letak.BARIS_KEPALA}"].fill.fgColor.rgb
            assert warna.endswith(WARNA_ISIAN) == (nama in tata_letak.KOLOM_ISIAN), huruf
        wa, wp, wm = wb["Anggaran"], wb["Pengesahan"], wb["_kinerja"]
        for lembar, sel_terbuka in ((wa, {"C13"}), (wp, {"C4", "C5", "C6"}), (wm, set())):
            assert {
                c.coordinate for row in lembar.iter_rows() for c in row if not c.protection.locked
            } == sel_terbuka, lembar.title
        assert wa["C13"].fill.fgColor.rgb.endswith(WARNA_ISIAN)
        assert wp["C6"].number_format == "dd/mm/yyyy"
        assert wp["C4"].alignment.wrap_text and wp["C5"].alignment.wrap_text


def test_validasi_angka_dengan_pesan_indonesia(juni: HasilBuatInstrumen) -> None:
    sel_per_tim = {i.tim: load_workbook(i.berkas) for i in juni.instrumen}
    pm = sel_per_tim["PM"]["Capaian"]
    # IKK-1.1 ratio: numerator and denominator are non-negative counts
    for sel, judul in (("K11", "Pembilang"), ("L11", "Penyebut")):
        dv = validasi_sel(pm, sel)
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
        assert dv.promptTitle == judul and dv.showInputMessage and dv.showErrorMessage
    assert "seluruh satuan pendidikan binaan" in (validasi_sel(pm, "L11").prompt or "")
    # IKK-1.3 kumulatif with batas maks 800
    dv = validasi_sel(pm, "J12")
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0", "800")
    assert dv.prompt == (
        "Tambahan bulan ini saja, bukan jumlah sejak Januari. Satuan: satuan pendidikan. "
        "Isi angka antara 0 dan 800."
    )
    assert dv.promptTitle == "Realisasi Bulan Ini"
    assert dv.errorTitle == "Isian harus angka" and dv.errorStyle == "stop"
    assert dv.error == (
        "Isian harus berupa angka antara 0 dan 800. Tulis angka saja, tanpa satuan, tanda % "
        "atau teks."
    )
    # IKK-1.4: a count without bounds is only non-negative
    assert (validasi_sel(pm, "J13").operator, validasi_sel(pm, "J13").formula1) == (
        "greaterThanOrEqual",
        "0",
    )
    dti = sel_per_tim["DTI"]["Capaian"]
    kode = {dti[f"B{r}"].value: r for r in range(11, 15)}
    persen = validasi_sel(dti, f"J{kode['IKK-1.5']}")  # satuan: persen
    assert (persen.formula1, persen.formula2) == ("0", "100")
    assert persen.prompt is not None and persen.prompt.startswith("Nilai bulan ini.")
    hari = validasi_sel(dti, f"J{kode['IKK-1.6']}")  # batas {min: 0.5, maks: 30}
    assert (hari.formula1, hari.formula2) == ("0.5", "30")
    assert "antara 0,5 dan 30" in (hari.error or "")
    for wb in sel_per_tim.values():
        ws = wb["Capaian"]
        for dv in ws.data_validations.dataValidation:
            assert dv.type == "decimal" and dv.allow_blank
            assert len(dv.promptTitle or "") <= 32 and len(dv.prompt or "") <= 255
            assert len(dv.error or "") <= 255
        anggaran = validasi_sel(wb["Anggaran"], "C13")
        assert (anggaran.type, anggaran.operator, anggaran.formula1) == (
            "decimal",
            "greaterThanOrEqual",
            "0",
        )
        assert "rupiah" in (anggaran.prompt or "")
        tanggal = validasi_sel(wb["Pengesahan"], "C6")
        # 1 June 2022 to 31 December 2023, as spreadsheet serial numbers
        assert (tanggal.type, tanggal.formula1, tanggal.formula2) == ("date", "44713", "45291")
        assert tanggal.errorTitle == "Isian harus tanggal"


def test_tata_cetak_dan_tampilan(juni: HasilBuatInstrumen) -> None:
    wb = load_workbook(juni.berkas[0])
    assert wb.active is not None and wb.active.title == "Capaian"
    for ws in wb.worksheets[:4]:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr is not None
        if ws.title != "Capaian":
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage
    ws = wb["Capaian"]
    # a fixed scale of 80 % or more, at which all eighteen columns fit the page's width
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # type: ignore[union-attr]
    assert int(ws.page_setup.scale or 100) >= 80
    lebar = [ws.column_dimensions[h].width for h in "ABCDEFGHIJKLMNOPQR"]
    assert cetak.lebar_cetak(lebar) * int(ws.page_setup.scale) / 100 <= cetak.lebar_halaman()
    assert ws.freeze_panes == "C11"
    assert ws.print_title_rows == "$10:$10"
    assert ws.print_title_cols == "$A:$B"
    assert wb._fonts[0].name == "Arial"  # type: ignore[attr-defined]
    # no merged cell among the rows (a program moving rows needs them independent)
    assert not [m for m in ws.merged_cells.ranges if m.min_row >= 10]
    for r in range(11, 14):  # room for three lines at least, more for long sasaran text
        assert (ws.row_dimensions[r].height or 0) >= 3 * cetak.TINGGI_BARIS
    assert [ws[f"C{r}"].value for r in (12, 13)] == ["SK1", "SK1"]
    sasaran = ws["C11"].value
    garis = cetak.jumlah_baris(sasaran, ws.column_dimensions["C"].width)
    assert garis > 3 and (ws.row_dimensions[11].height or 0) >= garis * cetak.TINGGI_BARIS
    wa = wb["Anggaran"]
    for sel in ("C10", "C11", "C12", "C13", "C14"):
        assert "Rp" in wa[sel].number_format, sel
    assert wa["C10"].value == 1_250_000_000


def test_metadata_tersembunyi_dan_properti_dokumen(
    ruang: RuangKerja, juni: HasilBuatInstrumen
) -> None:
    ids = set()
    for info in juni.instrumen:
        isi = baca(info.berkas, "_kinerja")
        assert [r[0] for r in isi] == list(tata_letak.META_KUNCI)
        meta = {r[0]: r[1] for r in isi}
        assert all(isinstance(v, str) for v in meta.values())  # text, not numbers
        assert meta["format_versi"] == "1"
        assert meta["tim"] == info.tim and meta["periode"] == "2022-06"
        assert meta["versi_alat"] == __version__
        assert meta["sidik_jari"] == ruang.konfigurasi.sidik_jari_tim(info.tim)
        assert len(meta["instrumen_id"]) == 32 and int(meta["instrumen_id"], 16) >= 0
        assert datetime.fromisoformat(meta["dibuat"]).year >= 2022
        ids.add(meta["instrumen_id"])
        wb = load_workbook(info.berkas)
        assert wb["_kinerja"].sheet_state == "hidden"
        properti = {p.name: p.value for p in wb.custom_doc_props}
        assert properti == {f"kinerja_{k}": v for k, v in meta.items()}
    assert len(ids) == len(juni.instrumen)


# --------------------------------------------------------------------------- ledger


def test_realisasi_lalu_kosong_bila_belum_ada_laporan(juni: HasilBuatInstrumen) -> None:
    for berkas in juni.berkas:
        for r in baris_kode(baca(berkas, "Capaian")).values():
            assert nilai_kolom(r, "realisasi_lalu") == ""  # empty, not 0
        anggaran = {r[0]: r[2] for r in baca(berkas, "Anggaran")[9:15]}
        assert anggaran["Realisasi s.d. Bulan Lalu (Rp)"] == ""


def test_realisasi_lalu_dari_buku_besar(ruang: RuangKerja) -> None:
    isi_buku_besar(
        ruang,
        [
            ("2022-04", "PM", "IKK-1.3", "realisasi", 100.0),  # kumulatif
            ("2022-05", "PM", "IKK-1.3", "realisasi", 50.0),
            ("2022-04", "PM", "IKK-1.1", "realisasi", 20.0),  # terakhir
            ("2022-05", "PM", "IKK-1.1", "realisasi", 10.0),
            ("2022-05", "PM", "IKK-1.1", "pembilang", 99.0),  # not a realisation
            ("2022-04", "DTI", "IKK-1.6", "realisasi", 4.0),  # rata-rata
            ("2022-05", "DTI", "IKK-1.6", "realisasi", 2.0),
            ("2022-06", "PM", "IKK-1.3", "realisasi", 7.0),  # this month: not "lalu"
            ("2021-12", "PM", "IKK-1.3", "realisasi", 900.0),  # last year
            ("2022-04", "PM", "", "anggaran", 10_000_000.0),
            ("2022-05", "PM", "", "anggaran", 12_500_000.0),
            ("2022-05", "DTI", "", "anggaran", 3_000_000.0),
        ],
    )
    hasil = buat_instrumen(ruang, JUNI)
    pm = baris_kode(baca(hasil.berkas[0], "Capaian"))
    assert nilai_kolom(pm["IKK-1.3"], "realisasi_lalu") == 150.0  # 100 + 50
    assert nilai_kolom(pm["IKK-1.1"], "realisasi_lalu") == 10.0  # the latest: May
    assert nilai_kolom(pm["IKK-1.4"], "realisasi_lalu") == ""
    dti_berkas = hasil.berkas[hasil.tim.index("DTI")]
    dti = baris_kode(baca(dti_berkas, "Capaian"))
    assert nilai_kolom(dti["IKK-1.6"], "realisasi_lalu") == 3.0  # (4 + 2) / 2
    assert nilai_kolom(dti["IKK-1.5"], "realisasi_lalu") == ""
    for berkas, harapan in ((hasil.berkas[0], 22_500_000), (dti_berkas, 3_000_000)):
        anggaran = {r[0]: r[2] for r in baca(berkas, "Anggaran")[9:15]}
        assert anggaran["Realisasi s.d. Bulan Lalu (Rp)"] == harapan
    umm = {r[0]: r[2] for r in baca(hasil.berkas[-1], "Anggaran")[9:15]}
    assert umm["Realisasi s.d. Bulan Lalu (Rp)"] == ""
    # the rata-rata formula knows two months were reported
    ws = load_workbook(dti_berkas)["Capaian"]
    r = {ws[f"B{n}"].value: n for n in range(11, 15)}["IKK-1.6"]
    assert f"(I{r}*2+J{r})/3" in str(ws[f"M{r}"].value)


def test_januari_tanpa_bulan_lalu(ruang: RuangKerja) -> None:
    isi_buku_besar(ruang, [("2021-12", "PM", "IKK-1.3", "realisasi", 10.0)])
    hasil = buat_instrumen(ruang, Periode(2022, 1), tim="PM")
    pm = baris_kode(baca(hasil.berkas[0], "Capaian"))
    assert all(nilai_kolom(r, "realisasi_lalu") == "" for r in pm.values())
    assert pm["IKK-1.3"][5:8] == [1200.0, 100.0, pytest.approx(100 / 3)]


def test_tulis_instrumen_tanpa_buku_besar_dan_tanpa_anggaran(
    konfigurasi: Konfigurasi, tmp_path: Path
) -> None:
    keluar = tmp_path / "keluar"
    berkas = tulis_instrumen(
        konfigurasi,
        JUNI,
        "PM",
        keluar / "pm.xlsx",
        realisasi_lalu={"IKK-1.3": 120.0, "IKK-1.1": None},
        anggaran_lalu=5_000_000.0,
    )
    pm = baris_kode(baca(berkas, "Capaian"))
    assert [nilai_kolom(pm[k], "realisasi_lalu") for k in ("IKK-1.1", "IKK-1.3", "IKK-1.4")] == [
        "",
        120.0,
        "",
    ]
    assert {r[0]: r[2] for r in baca(berkas, "Anggaran")[9:15]}[
        "Realisasi s.d. Bulan Lalu (Rp)"
    ] == 5_000_000
    assert [p.name for p in keluar.iterdir()] == ["pm.xlsx"]  # no temporary left
    tanpa_pagu = dataclasses.replace(
        konfigurasi,
        tim=tuple(dataclasses.replace(t, anggaran=None) for t in konfigurasi.tim),
    )
    berkas = tulis_instrumen(tanpa_pagu, JUNI, "PM", keluar / "tanpa.xlsx")
    wb = CalamineWorkbook.from_path(str(berkas))
    assert wb.sheet_names == ["Petunjuk", "Capaian", "Pengesahan", "_kinerja"]
    assert not any("Anggaran" in str(r[0]) for r in baca(berkas, "Petunjuk"))
    with pytest.raises(PenggunaanError, match="tidak ada di konfigurasi"):
        tulis_instrumen(konfigurasi, JUNI, "XX", keluar / "x.xlsx")
    with pytest.raises(PenggunaanError, match="di luar tahun"):
        tulis_instrumen(konfigurasi, Periode(2023, 6), "PM", keluar / "x.xlsx")


def test_teks_konfigurasi_ditulis_sebagai_teks(konfigurasi: Konfigurasi, tmp_path: Path) -> None:
    (pm, *lain) = konfigurasi.tim
    aneh = dataclasses.replace(konfigurasi, tim=(dataclasses.replace(pm, nama="=1+1"), *lain))
    berkas = tulis_instrumen(aneh, JUNI, "PM", tmp_path / "pm.xlsx")
    ws = load_workbook(berkas)["Capaian"]
    assert ws["C5"].value == "=1+1" and ws["C5"].data_type == "s"


# --------------------------------------------------------------------------- command


def test_menolak_menimpa_tanpa_timpa(ruang: RuangKerja) -> None:
    awal = buat_instrumen(ruang, JUNI, tim="PM", oleh="Ani")
    berkas = awal.berkas[0]
    sebelum = berkas.read_bytes()
    with pytest.raises(DitolakError) as galat:
        buat_instrumen(ruang, JUNI)  # PM exists: nothing at all is written
    assert "PM_2022-06.xlsx" in galat.value.pesan
    assert "--timpa" in (galat.value.saran or "")
    assert sorted(p.name for p in berkas.parent.iterdir()) == ["PM_2022-06.xlsx"]
    assert berkas.read_bytes() == sebelum
    ulang = buat_instrumen(ruang, JUNI, timpa=True, oleh="Budi")
    assert ulang.ditimpa == ("PM_2022-06.xlsx",) and len(ulang.berkas) == 7
    meta_lama = {r[0]: r[1] for r in baca(berkas, "_kinerja")}
    assert berkas.read_bytes() != sebelum
    with ruang.buka_buku_besar() as buku:
        peristiwa = buku.peristiwa("2022-06")
    assert [(p.langkah, p.aksi, p.oleh) for p in peristiwa] == [
        (3, "buat-instrumen", "Ani"),
        (3, "buat-instrumen", "Budi"),
    ]
    assert json.loads(peristiwa[0].rincian)["tim"] == ["PM"]
    rincian = json.loads(peristiwa[1].rincian)
    assert rincian["tim"] == list(ulang.tim)
    assert rincian["berkas"] == [p.name for p in ulang.berkas]
    assert rincian["ditimpa"] == ["PM_2022-06.xlsx"]
    assert meta_lama["instrumen_id"]


def test_peristiwa_pos_langkah_3(ruang: RuangKerja, juni: HasilBuatInstrumen) -> None:
    with ruang.buka_buku_besar() as buku:
        (p,) = buku.peristiwa("2022-06")
    assert (p.periode, p.langkah, p.aksi, p.oleh) == (
        "2022-06",
        3,
        "buat-instrumen",
        "Tim SAKIP",
    )
    assert datetime.fromisoformat(p.mulai) <= datetime.fromisoformat(p.selesai)
    rincian = json.loads(p.rincian)
    assert rincian["tim"] == ["PM", "FPD", "FPM", "FPP", "KMT", "DTI", "UMM"]
    assert rincian["berkas"][0] == "PM_2022-06.xlsx"
    assert rincian["folder"] == "instrumen/2022-06"


def test_periode_dan_tim_salah(ruang: RuangKerja) -> None:
    with pytest.raises(PenggunaanError, match="di luar tahun konfigurasi"):
        buat_instrumen(ruang, Periode(2023, 1))
    with pytest.raises(PenggunaanError) as galat:
        buat_instrumen(ruang, JUNI, tim="XX")
    assert "XX" in galat.value.pesan
    assert "PM, FPD, FPM, FPP, KMT, DTI, UMM" in (galat.value.saran or "")
    assert not ruang.folder_instrumen(JUNI).exists()
    assert buat_instrumen(ruang, JUNI, tim="pm").tim == ("PM",)  # case does not matter


def test_folder_tidak_dapat_ditulis(ruang: RuangKerja) -> None:
    ruang.folder_instrumen(JUNI).parent.mkdir(exist_ok=True)
    ruang.folder_instrumen(JUNI).write_text("bukan folder")
    with pytest.raises(KinerjaError, match="tidak dapat ditulis"):
        buat_instrumen(ruang, JUNI, tim="PM")


def test_cli_buat_instrumen(ruang: RuangKerja) -> None:
    akar = str(ruang.akar)
    hasil = runner.invoke(app, ["buat-instrumen", "Juni", "-R", akar, "--oleh", "Ani"])
    assert hasil.exit_code == 0, hasil.output
    for teks in (
        "instrumen/2022-06/PM_2022-06.xlsx",
        "instrumen/2022-06/UMM_2022-06.xlsx",
        "7 instrumen ditulis ke instrumen/2022-06/.",
        "Batas pengumpulan: Kamis, 7 Juli 2022.",
    ):
        assert teks in hasil.output
    baris_pm = next(b for b in hasil.output.splitlines() if "PM_2022-06.xlsx" in b)
    assert baris_pm.split("│")[3].strip() == "3" and baris_pm.split("│")[4].strip() == "ya"
    lagi = runner.invoke(app, ["buat-instrumen", "2022-06", "-R", akar])
    assert lagi.exit_code == 1
    assert "sudah ada" in lagi.output and "--timpa" in lagi.output
    assert "Traceback" not in lagi.output
    timpa = runner.invoke(app, ["buat-instrumen", "6", "--tim", "PM", "--timpa", "-R", akar])
    assert timpa.exit_code == 0 and "(1 ditulis ulang)" in timpa.output
    salah = runner.invoke(app, ["buat-instrumen", "2023-01", "-R", akar])
    assert salah.exit_code == 2 and "di luar tahun konfigurasi" in salah.output
    tim = runner.invoke(app, ["buat-instrumen", "Juni", "--tim", "XX", "-R", akar])
    assert tim.exit_code == 2 and "PM, FPD, FPM" in tim.output
    bulan = runner.invoke(app, ["buat-instrumen", "Juno", "-R", akar])
    assert bulan.exit_code == 2 and "tidak dapat dibaca" in bulan.output


def test_cli_json_dan_bantuan(ruang: RuangKerja) -> None:
    hasil = runner.invoke(
        app, ["buat-instrumen", "2022-06", "--tim", "DTI", "--json", "-R", str(ruang.akar)]
    )
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert data == {
        "periode": "2022-06",
        "batas_pengumpulan": "2022-07-07",
        "folder": "instrumen/2022-06",
        "instrumen": [
            {
                "tim": "DTI",
                "berkas": "instrumen/2022-06/DTI_2022-06.xlsx",
                "indikator": 4,
                "anggaran": True,
            }
        ],
        "ditimpa": [],
    }
    bantuan = runner.invoke(app, ["buat-instrumen", "--help"])
    assert bantuan.exit_code == 0
    assert "Contoh" in bantuan.output and "--timpa" in bantuan.output


# --------------------------------------------------------------------------- desimal, kota


def _masalah(teks: str) -> list[tuple[int | None, str, str]]:
    from pengumpulan_kinerja.galat import KonfigurasiError
    from pengumpulan_kinerja.konfigurasi import baca_konfigurasi

    with pytest.raises(KonfigurasiError) as galat:
        baca_konfigurasi(teks)
    return [(m.baris, m.jalur, m.pesan) for m in galat.value.masalah]


def _baris_ke(teks: str, potongan: str) -> int:
    return teks[: teks.index(potongan)].count("\n") + 1


@pytest.mark.parametrize("nilai", ["-1", "5", "1.5", "dua", "true"])
def test_desimal_salah_disebut_barisnya(nilai: str) -> None:
    asli = Path("examples/kinerja.yaml").read_text(encoding="utf-8")
    teks = asli.replace("        desimal: 0\n", f"        desimal: {nilai}\n")
    assert teks != asli
    ((baris, jalur, pesan),) = _masalah(teks)
    assert jalur == "sasaran[0].indikator[2].desimal"
    assert baris == _baris_ke(teks, f"desimal: {nilai}")
    assert "antara 0 dan 4" in pesan or "bilangan bulat" in pesan


def test_kota_harus_teks_dan_desimal_bawaan() -> None:
    from pengumpulan_kinerja.konfigurasi import baca_konfigurasi

    asli = Path("examples/kinerja.yaml").read_text(encoding="utf-8")
    teks = asli.replace("  kota: Bandar Lampung\n", "  kota: [Bandar Lampung]\n")
    ((baris, jalur, pesan),) = _masalah(teks)
    assert (jalur, baris) == ("satker.kota", _baris_ke(teks, "kota: [Bandar"))
    assert "teks" in pesan
    k = baca_konfigurasi(asli)
    assert k.satker.kota == "Bandar Lampung"
    desimal = {i.kode: i.angka_desimal for i in k.indikator}
    # counts show no decimals, percentages one (their targets are whole), an index
    # with whole targets one; desimal: 0 as configured on IKK-1.3
    assert desimal["IKK-1.3"] == desimal["IKK-1.4"] == desimal["IKK-2.6"] == 0
    assert desimal["IKK-1.1"] == desimal["IKK-2.3"] == 1
    tanpa = baca_konfigurasi(asli.replace("        desimal: 0\n", ""))
    assert tanpa.cari_indikator("IKK-1.3").angka_desimal == 0  # type: ignore[union-attr]
    # a percentage whose targets need two decimals shows two
    dua = baca_konfigurasi(asli.replace("target: 80\n", "target: 80.25\n", 1))
    assert dua.cari_indikator("IKK-1.1").angka_desimal == 2  # type: ignore[union-attr]
