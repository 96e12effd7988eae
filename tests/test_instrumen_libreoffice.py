"""Instruments survive a real spreadsheet program: LibreOffice Calc, headless."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from pengumpulan_kinerja import tata_letak
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.libreoffice import konversi, perlu_libreoffice

JUNI = Periode(2022, 6)


def _periksa(berkas: Path, ruang: RuangKerja, kode_tim: str) -> None:
    wb = CalamineWorkbook.from_path(str(berkas))
    assert tata_letak.LEMBAR_META in wb.sheet_names
    tampak = {m.name: str(m.visible) for m in wb.sheets_metadata}
    assert tampak[tata_letak.LEMBAR_META].endswith("Hidden")
    meta = {str(r[0]): r[1] for r in wb.get_sheet_by_name(tata_letak.LEMBAR_META).to_python()}
    assert str(meta["tim"]) == kode_tim
    assert str(meta["periode"]) == "2022-06"
    assert str(meta["sidik_jari"]) == ruang.konfigurasi.sidik_jari_tim(kode_tim)
    assert str(meta["format_versi"]) in ("1", "1.0")
    isi = wb.get_sheet_by_name("Capaian").to_python()
    assert tuple(isi[tata_letak.BARIS_KEPALA - 1][:18]) == tata_letak.LABEL_CAPAIAN
    kode = [r[1] for r in isi[tata_letak.BARIS_DATA_PERTAMA - 1 :] if r[1]]
    assert kode == [i.kode for i in ruang.konfigurasi.indikator_tim(kode_tim)]


@perlu_libreoffice
def test_pulang_pergi_xlsx_ods_xls(ruang: RuangKerja, tmp_path: Path) -> None:
    hasil = buat_instrumen(ruang, JUNI, tim="PM")
    (asli,) = hasil.berkas
    xlsx = konversi(asli, "xlsx", tmp_path / "xlsx")
    _periksa(xlsx, ruang, "PM")
    ws = load_workbook(xlsx)["Capaian"]
    assert ws.protection.sheet
    assert not ws["K11"].protection.locked and ws["F11"].protection.locked
    assert len(ws.data_validations.dataValidation) >= 2
    ods = konversi(asli, "ods", tmp_path / "ods")
    _periksa(ods, ruang, "PM")
    kembali = konversi(ods, "xlsx", tmp_path / "ods-xlsx")
    _periksa(kembali, ruang, "PM")
    xls = konversi(asli, "xls", tmp_path / "xls")
    _periksa(xls, ruang, "PM")
