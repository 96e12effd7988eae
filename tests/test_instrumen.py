"""buat-instrumen: the workbook each team receives, read back as a program would."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja import tata_letak
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import DitolakError, PenggunaanError
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

JUNI = Periode(2022, 6)
runner = CliRunner()


def baca(berkas: Path, lembar: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name(lembar).to_python()


def baris_kode(isi: list[list[object]]) -> dict[str, list[object]]:
    return {str(r[1]): r for r in isi[tata_letak.BARIS_DATA_PERTAMA - 1 :] if r[1]}


def test_satu_instrumen_per_tim_dengan_semua_lembar(ruang: RuangKerja) -> None:
    hasil = buat_instrumen(ruang, JUNI, oleh="Tim SAKIP")
    k = ruang.konfigurasi
    assert {p.name for p in hasil.berkas} == {
        f"{t.kode}_2022-06.xlsx" for t in k.tim_berindikator()
    }
    for berkas in hasil.berkas:
        wb = CalamineWorkbook.from_path(str(berkas))
        assert wb.sheet_names == ["Petunjuk", "Capaian", "Anggaran", "Pengesahan", "_kinerja"]
        terlihat = {m.name: str(m.visible) for m in wb.sheets_metadata}
        assert "Hidden" in terlihat["_kinerja"] and "Visible" in terlihat["Capaian"]


def test_label_blok_kepala_dan_target(ruang: RuangKerja) -> None:
    buat_instrumen(ruang, JUNI)
    berkas = ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx"
    isi = baca(berkas, "Capaian")
    kepala = isi[tata_letak.BARIS_KEPALA - 1]
    assert tuple(kepala[:18]) == tata_letak.LABEL_CAPAIAN
    blok = {r[0]: r[2] for r in isi[2:8]}
    assert blok == {
        "Satuan Kerja": "BPMP Provinsi Lampung",
        "Kode Tim": "PM",
        "Tim Kerja": "Tim Kerja Pemetaan Mutu Pendidikan",
        "Ketua Tim": "Dr. Rina Marlina, M.Pd.",
        "Periode": "Juni 2022",
        "Batas Pengumpulan": "Kamis, 7 Juli 2022",
    }
    baris = baris_kode(isi)
    assert list(baris) == ["IKK-1.1", "IKK-1.3", "IKK-1.4"]
    # IKK-1.3 kumulatif: [100, 300, 1000, 1200] → Juni = akhir triwulan 2 = 300
    assert baris["IKK-1.3"][5:8] == [1200.0, 300.0, 300.0]
    # IKK-1.4 memakai target_bulanan: Juni = 5
    assert baris["IKK-1.4"][5:8] == [15.0, 5.0, 5.0]
    # realisasi s.d. bulan lalu kosong (bukan nol) bila buku besar kosong
    assert baris["IKK-1.3"][8] == ""
    fpd = baris_kode(baca(ruang.folder_instrumen(JUNI) / "FPD_2022-06.xlsx", "Capaian"))
    assert fpd["IKK-2.2"][5:8] == [450.0, 200.0, 200.0]
    assert "Batas pengumpulan: Kamis, 7 Juli 2022." in [r[0] for r in baca(berkas, "Petunjuk")]


def test_metadata_dan_anggaran(ruang: RuangKerja) -> None:
    buat_instrumen(ruang, JUNI)
    berkas = ruang.folder_instrumen(JUNI) / "UMM_2022-06.xlsx"
    meta = {r[0]: r[1] for r in baca(berkas, "_kinerja")}
    assert meta["format_versi"] == "1"
    assert meta["tim"] == "UMM" and meta["periode"] == "2022-06"
    assert meta["sidik_jari"] == ruang.konfigurasi.sidik_jari_tim("UMM")
    assert len(meta["instrumen_id"]) == 32
    anggaran = {r[0]: r[2] for r in baca(berkas, "Anggaran")[9:15]}
    assert anggaran["Pagu Anggaran (Rp)"] == 3_640_000_000
    assert anggaran["RPD s.d. Bulan Ini (Rp)"] == sum(
        [73000000, 146000000, 218000000, 291000000, 328000000, 364000000]
    )
    assert anggaran["Realisasi s.d. Bulan Lalu (Rp)"] == ""


def test_hanya_sel_isian_terbuka_dan_tervalidasi(ruang: RuangKerja) -> None:
    buat_instrumen(ruang, JUNI)
    wb = load_workbook(ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx")
    ws = wb["Capaian"]
    assert ws.protection.sheet
    assert ws.freeze_panes == "C11"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$10:$10"
    # IKK-1.1 (baris 11) memakai pembilang/penyebut: J terkunci (rumus), K dan L terbuka
    assert ws["J11"].protection.locked and str(ws["J11"].value).startswith("=")
    assert not ws["K11"].protection.locked and not ws["L11"].protection.locked
    # IKK-1.3 (baris 12): J terbuka, K/L terkunci; target terkunci; teks terbuka
    assert not ws["J12"].protection.locked and ws["K12"].protection.locked
    for sel in ("B12", "F12", "G12", "H12", "I12", "M12", "N12"):
        assert ws[sel].protection.locked, sel
    for sel in ("O12", "P12", "Q12", "R12"):
        assert not ws[sel].protection.locked and ws[sel].alignment.wrap_text
    aturan = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    persen = next(dv for ref, dv in aturan.items() if "J13" not in ref and "K11" in ref)
    assert persen.type == "decimal"
    j12 = next(dv for ref, dv in aturan.items() if "J12" in ref.split())
    assert (j12.operator, j12.formula1, j12.formula2) == ("between", "0", "800")
    assert "Isian harus angka" in (j12.error or "")
    assert j12.prompt and "Tambahan bulan ini" in j12.prompt
    wa = load_workbook(ruang.folder_instrumen(JUNI) / "DTI_2022-06.xlsx")["Capaian"]
    kode_ke_baris = {wa[f"B{r}"].value: r for r in range(11, 15)}
    r15 = kode_ke_baris["IKK-1.5"]
    dv15 = next(
        dv for dv in wa.data_validations.dataValidation if f"J{r15}" in str(dv.sqref).split()
    )
    assert (dv15.formula1, dv15.formula2) == ("0", "100")


def test_realisasi_bulan_lalu_dari_buku_besar(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for bulan, nilai in ((4, 100.0), (5, 50.0)):
            for ind, tim, v in (
                ("IKK-1.3", "PM", nilai),
                ("IKK-1.1", "PM", nilai / 5),
                ("IKK-1.6", "DTI", nilai / 25),
            ):
                buku.ubah_nilai(
                    periode=f"2022-{bulan:02d}",
                    tim=tim,
                    indikator=ind,
                    kolom="realisasi",
                    angka=v,
                    teks=None,
                    sumber="kiriman",
                    oleh="uji",
                )
        buku.ubah_nilai(
            periode="2022-05",
            tim="PM",
            indikator="",
            kolom="anggaran",
            angka=12_500_000.0,
            teks=None,
            sumber="kiriman",
            oleh="uji",
        )
    buat_instrumen(ruang, JUNI)
    pm = baris_kode(baca(ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx", "Capaian"))
    assert pm["IKK-1.3"][8] == 150.0  # kumulatif: 100 + 50
    assert pm["IKK-1.1"][8] == 10.0  # terakhir: Mei
    dti = baris_kode(baca(ruang.folder_instrumen(JUNI) / "DTI_2022-06.xlsx", "Capaian"))
    assert dti["IKK-1.6"][8] == 3.0  # rata-rata (4 + 2) / 2
    assert dti["IKK-1.5"][8] == ""
    anggaran = {
        r[0]: r[2] for r in baca(ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx", "Anggaran")[9:15]
    }
    assert anggaran["Realisasi s.d. Bulan Lalu (Rp)"] == 12_500_000


def test_tidak_menimpa_tanpa_timpa_dan_peristiwa(ruang: RuangKerja) -> None:
    buat_instrumen(ruang, JUNI, oleh="Ani")
    berkas = ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx"
    sebelum = berkas.read_bytes()
    with pytest.raises(DitolakError) as galat:
        buat_instrumen(ruang, JUNI, tim="PM")
    assert "--timpa" in (galat.value.saran or "")
    assert berkas.read_bytes() == sebelum
    buat_instrumen(ruang, JUNI, tim="PM", timpa=True)
    assert berkas.read_bytes() != sebelum
    with ruang.buka_buku_besar() as buku:
        peristiwa = buku.peristiwa("2022-06")
    pertama = peristiwa[0]
    assert (pertama["langkah"], pertama["aksi"], pertama["oleh"]) == (3, "buat-instrumen", "Ani")
    assert '"PM"' in peristiwa[0]["rincian"] and len(peristiwa) == 2


def test_periode_dan_tim_salah(ruang: RuangKerja) -> None:
    with pytest.raises(PenggunaanError, match="di luar tahun"):
        buat_instrumen(ruang, Periode(2023, 1))
    with pytest.raises(PenggunaanError) as galat:
        buat_instrumen(ruang, JUNI, tim="XX")
    assert "PM" in (galat.value.saran or "")


def test_cli_buat_instrumen(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["buat-instrumen", "Juni", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "7 instrumen ditulis" in hasil.output
    assert "Kamis, 7 Juli 2022" in hasil.output
    lagi = runner.invoke(app, ["buat-instrumen", "2022-06", "-R", str(ruang.akar)])
    assert lagi.exit_code == 1
    assert "--timpa" in lagi.output and "Traceback" not in lagi.output
    salah = runner.invoke(app, ["buat-instrumen", "2023-01", "-R", str(ruang.akar)])
    assert salah.exit_code == 2 and "di luar tahun" in salah.output
