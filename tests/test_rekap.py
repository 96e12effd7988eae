"""rekap: quarter and year figures against hand computations, and the three outputs read
back (docx with python-docx, xlsx with openpyxl, CSV), the docx also through LibreOffice.

The office of :mod:`tests.rekap_contoh`: January-June 2022 in the ledger, January-May
approved, June analysed but not approved; ``capaian_maksimum: 120``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.galat import DitolakError, KonfigurasiError, PenggunaanError
from pengumpulan_kinerja.konfigurasi import baca_konfigurasi
from pengumpulan_kinerja.rekap import (
    JUDUL_ANGGARAN,
    JUDUL_TABEL,
    KOLOM_CSV,
    BarisRekap,
    HasilRekap,
    efisiensi,
    rekap,
)
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja

from .libreoffice import SOFFICE, konversi_banyak
from .rekap_contoh import KENDALA_A, KONFIGURASI, buat_ruang, isi_ledger

runner = CliRunner()


@pytest.fixture(scope="module")
def ruang(tmp_path_factory: pytest.TempPathFactory) -> RuangKerja:
    return buat_ruang(tmp_path_factory.mktemp("rekap") / "balai")


@pytest.fixture(scope="module")
def tw2(ruang: RuangKerja) -> HasilRekap:
    return rekap(ruang, 2)


@pytest.fixture(scope="module")
def tw2_sementara(ruang: RuangKerja) -> HasilRekap:
    return rekap(ruang, 2, sementara=True)


def baris(hasil: HasilRekap, kode: str) -> BarisRekap:
    return next(b for b in hasil.indikator if b.kode == kode)


# --------------------------------------------------------------------------- figures


def test_naik_kumulatif_tanpa_bulan_belum_disetujui(tw2: HasilRekap) -> None:
    a = baris(tw2, "A")
    # 5 + 5 + 10 (April: 99 sent, corrected to 10) + 15; June not approved: left out
    assert (a.realisasi, a.target, a.capaian, a.kategori) == (45.0, 50.0, 90.0, "Baik")
    assert a.capaian_renstra == 11.25  # 45 / 400
    assert (a.realisasi_tahun_lalu, a.perubahan) == (90.0, -45.0)
    assert a.bulan_dilaporkan == (4, 5)
    assert [c.bulan for c in a.catatan] == [4, 5]
    assert a.catatan[1].upaya == "Menjadwalkan ulang pendampingan."


def test_turun_selisih_terakhir(tw2: HasilRekap) -> None:
    b = baris(tw2, "B")
    # May's 14 against 15: (2 × 15 − 14) / 15 = 106.67; Renstra 3: (6 − 14) / 3 < 0 → 0
    assert (b.realisasi, b.target, b.capaian, b.kategori) == (14.0, 15.0, 106.67, "Sangat Baik")
    assert b.capaian_renstra == 0.0
    assert b.realisasi_tahun_lalu is None and b.perubahan is None


def test_turun_rasio_rata_rata(tw2: HasilRekap) -> None:
    c = baris(tw2, "C")
    # mean(5, 5, 4, 4, 6) = 4.8; 4 / 4.8 = 83.33; Renstra 2 / 4.8 = 41.67
    assert (c.realisasi, c.capaian, c.capaian_renstra, c.kategori) == (4.8, 83.33, 41.67, "Baik")


def test_naik_terakhir_dan_rata_rata(tw2: HasilRekap) -> None:
    d, e = baris(tw2, "D"), baris(tw2, "E")
    assert (d.realisasi, d.capaian, d.capaian_tahunan) == (35.0, 87.5, 43.75)
    assert d.target_renstra is None and d.capaian_renstra is None
    assert (e.realisasi, e.capaian) == (76.0, 89.41)  # mean(70, 70, 70, 80, 90) / 85


def test_bulan_belum_disetujui_disebut(tw2: HasilRekap) -> None:
    assert (tw2.bulan_disetujui, tw2.bulan_belum_disetujui) == ((1, 2, 3, 4, 5), (6,))
    assert not tw2.sementara
    teks = " ".join(tw2.keterangan_data())
    assert "Belum disetujui dan tidak dihitung: Juni 2022" in teks
    assert [(s.kode, s.rata_rata_capaian, s.kategori) for s in tw2.sasaran] == [
        ("S1", 88.75, "Baik"),  # mean(90, 87.5)
        ("S2", 93.14, "Sangat Baik"),  # mean(106.67, 83.33, 89.41)
    ]


def test_sementara_menyertakan_juni(tw2_sementara: HasilRekap) -> None:
    h = tw2_sementara
    assert h.sementara and h.bulan_dipakai == (1, 2, 3, 4, 5, 6)
    # A: 65 / 50 = 130, capped at 120; B: (30 − 13.5) / 15; C: 4 / (26 / 6); D: 41 / 40
    assert (baris(h, "A").realisasi, baris(h, "A").capaian) == (65.0, 120.0)
    assert baris(h, "A").capaian_renstra == 16.25
    assert baris(h, "B").capaian == 110.0
    assert (baris(h, "C").realisasi, baris(h, "C").capaian) == (4.3333, 92.31)
    assert baris(h, "D").capaian == 102.5
    assert baris(h, "A").bulan_dilaporkan == (4, 5, 6)
    assert h.keterangan_data()[0].startswith("SEMENTARA")


def test_anggaran_dan_efisiensi(tw2: HasilRekap) -> None:
    t1, t2 = tw2.anggaran
    # T1: 5 × 100.000 / 1.000.000 = 50%; capaian vs annual target mean(45, 43.75)
    assert (t1.realisasi, t1.penyerapan, t1.capaian) == (500_000.0, 50.0, 44.38)
    assert (t1.selisih, t1.efisiensi) == (-5.62, "tidak efisien")
    # T2: 25%; mean(B 0, C 3 / 4.8 = 62.5, E 89.41) = 50.64
    assert (t2.penyerapan, t2.capaian, t2.selisih, t2.efisiensi) == (25.0, 50.64, 25.64, "efisien")


@pytest.mark.parametrize(
    ("selisih", "putusan"),
    [(5.01, "efisien"), (5.0, "cukup efisien"), (-5.0, "cukup efisien"), (-5.01, "tidak efisien")],
)
def test_batas_efisiensi(selisih: float, putusan: str) -> None:
    assert efisiensi(selisih) == putusan


def test_tahunan_terhadap_target_tahunan(ruang: RuangKerja) -> None:
    h = rekap(ruang, None, tulis=False)
    assert h.periode.kode == "2022-tahunan" and h.periode.kode_csv == "2022"
    assert [(b.kode, b.target, b.capaian, b.kategori) for b in h.indikator] == [
        ("A", 100.0, 45.0, "Sangat Kurang"),
        ("D", 80.0, 43.75, "Sangat Kurang"),
        ("B", 5.0, 0.0, "Sangat Kurang"),  # (10 − 14) / 5 < 0
        ("C", 3.0, 62.5, "Cukup"),
        ("E", 85.0, 89.41, "Baik"),
    ]
    assert baris(h, "A").bulan_dilaporkan == (1, 2, 3, 4, 5)
    assert h.bulan_tanpa_data == (7, 8, 9, 10, 11, 12)


def test_triwulan_satu(ruang: RuangKerja) -> None:
    h = rekap(ruang, 1, tulis=False)
    assert (baris(h, "A").realisasi, baris(h, "A").target, baris(h, "A").capaian) == (20, 20, 100)
    assert h.bulan_belum_disetujui == ()


def test_tanpa_bulan_disetujui_ditolak(tmp_path: Path) -> None:
    ruang = buat_ruang_kerja(tmp_path / "baru")
    ruang.berkas_konfigurasi.write_text(KONFIGURASI, encoding="utf-8")
    ruang = RuangKerja(ruang.akar)
    isi_ledger(ruang, sampai=3)
    with pytest.raises(DitolakError, match="Belum ada bulan Triwulan I") as galat:
        rekap(ruang, 1)
    assert "--sementara" in (galat.value.saran or "")
    h = rekap(ruang, 1, sementara=True, tulis=False)
    assert h.sementara and baris(h, "A").realisasi == 20
    with pytest.raises(DitolakError, match="Belum ada data"):
        rekap(ruang, 3, sementara=True)
    with pytest.raises(PenggunaanError):
        rekap(ruang, 5)


# --------------------------------------------------------------------------- configuration


def test_konfigurasi_renstra_dan_tahun_lalu() -> None:
    k = baca_konfigurasi(KONFIGURASI)
    assert k.renstra is not None and (k.renstra.awal, k.renstra.akhir) == (2020, 2024)
    a = k.cari_indikator("A")
    assert a is not None and (a.target_renstra, a.realisasi_tahun_lalu) == (400.0, 90.0)


@pytest.mark.parametrize(
    ("lama", "baru", "tempat", "pesan"),
    [
        ("renstra: {awal: 2020, akhir: 2024}\n", "", "target_renstra: 400", "memerlukan periode"),
        ("{awal: 2020, akhir: 2024}", "{awal: 2023, akhir: 2027}", "renstra:", "di luar periode"),
        ("{awal: 2020, akhir: 2024}", "{awal: 2024, akhir: 2020}", "renstra:", "sebelum tahun"),
        ("target_renstra: 400", "target_renstra: banyak", "target_renstra: banyak", "angka"),
        (
            "realisasi_tahun_lalu: 90",
            "realisasi_tahun_lalu: [90]",
            "realisasi_tahun_lalu: [",
            "angka",
        ),
    ],
)
def test_konfigurasi_salah_bernomor_baris(lama: str, baru: str, tempat: str, pesan: str) -> None:
    teks = KONFIGURASI.replace(lama, baru, 1)
    with pytest.raises(KonfigurasiError) as galat:
        baca_konfigurasi(teks)
    masalah = [m for m in galat.value.masalah if pesan in m.pesan]
    assert masalah, [str(m) for m in galat.value.masalah]
    baris_ = next(i for i, t in enumerate(teks.splitlines(), start=1) if tempat in t)
    assert masalah[0].baris == baris_


# --------------------------------------------------------------------------- outputs


def test_nama_berkas(tw2: HasilRekap, tw2_sementara: HasilRekap, ruang: RuangKerja) -> None:
    folder = ruang.akar / "laporan" / "2022-TW2"
    assert [p.relative_to(folder).as_posix() for p in tw2.berkas] == [
        "rekap-kinerja-2022-TW2.docx",
        "rekap-kinerja-2022-TW2.xlsx",
        "rekap-2022-TW2.csv",
    ]
    assert [p.name for p in tw2_sementara.berkas] == [
        "rekap-kinerja-2022-TW2-sementara.docx",
        "rekap-kinerja-2022-TW2-sementara.xlsx",
        "rekap-2022-TW2-sementara.csv",
    ]
    assert not list(folder.glob(".*.tmp"))


def test_csv_kolom_spec(tw2: HasilRekap) -> None:
    teks = tw2.berkas[2].read_text(encoding="utf-8")
    baris_ = list(csv.DictReader(io.StringIO(teks)))
    assert teks.splitlines()[0].split(",") == list(KOLOM_CSV)
    assert list(KOLOM_CSV) == [
        "periode", "tim", "sasaran", "kode", "indikator", "satuan", "arah", "agregasi",
        "realisasi", "target", "capaian", "kategori", "realisasi_tahun_lalu",
        "target_renstra", "capaian_renstra", "bulan_dilaporkan",
    ]  # fmt: skip
    a = next(r for r in baris_ if r["kode"] == "A")
    assert a == {
        "periode": "2022-TW2",
        "tim": "T1",
        "sasaran": "S1",
        "kode": "A",
        "indikator": "Jumlah sekolah yang didampingi",
        "satuan": "sekolah",
        "arah": "naik",
        "agregasi": "kumulatif",
        "realisasi": "45",
        "target": "50",
        "capaian": "90",
        "kategori": "Baik",
        "realisasi_tahun_lalu": "90",
        "target_renstra": "400",
        "capaian_renstra": "11.25",
        "bulan_dilaporkan": "4;5",
    }
    b = next(r for r in baris_ if r["kode"] == "B")
    assert (b["capaian"], b["realisasi_tahun_lalu"], b["target_renstra"]) == ("106.67", "", "3")
    e = next(r for r in baris_ if r["kode"] == "E")
    assert e["indikator"] == "'=1+1 Indeks kepuasan"  # inert in a spreadsheet


def test_csv_sementara_bertanda(tw2_sementara: HasilRekap) -> None:
    berkas = tw2_sementara.berkas[2]
    assert "sementara" in berkas.name
    a = next(r for r in csv.DictReader(berkas.open(encoding="utf-8")) if r["kode"] == "A")
    assert (a["realisasi"], a["capaian"], a["bulan_dilaporkan"]) == ("65", "120", "4;5;6")


def _teks_docx(dokumen: docx.document.Document) -> str:
    bagian = [p.text for p in dokumen.paragraphs]
    for tabel in dokumen.tables:
        bagian += [sel.text for baris_ in tabel.rows for sel in baris_.cells]
    return "\n".join(bagian)


def test_docx_dibaca_ulang(tw2: HasilRekap) -> None:
    dokumen = docx.Document(str(tw2.berkas[0]))
    judul = [
        p.text
        for p in dokumen.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    assert "Rekapitulasi Capaian Kinerja Triwulan II Tahun 2022" in judul
    assert "A. Capaian Kinerja per Sasaran" in judul
    assert "Sasaran S1: Sasaran pertama" in judul and "Sasaran S2: Sasaran kedua" in judul
    assert "C. Anggaran dan Efisiensi per Tim" in judul
    s1, s2, anggaran = dokumen.tables
    for tabel in (s1, s2):
        assert [sel.text for sel in tabel.rows[0].cells] == list(JUDUL_TABEL)
    assert [sel.text for sel in anggaran.rows[0].cells] == list(JUDUL_ANGGARAN)
    assert [sel.text for sel in s1.rows[1].cells] == [
        "1", "A Jumlah sekolah yang didampingi", "sekolah", "50", "45", "90,00", "Baik",
        "90", "400", "11,25",
    ]  # fmt: skip
    d = [sel.text for sel in s1.rows[2].cells]
    assert d[4:8] == ["35", "87,50", "Baik", "1.234,5"]  # Indonesian numbers
    assert [sel.text for sel in anggaran.rows[1].cells][2:] == [
        "1.000.000", "500.000", "50,00", "44,38", "-5,62", "tidak efisien",
    ]  # fmt: skip
    teks = _teks_docx(dokumen)
    assert "Balai Uji Rekap" in teks
    assert f"Kendala: April, Mei: {KENDALA_A}" in teks  # the same text of two months once
    assert "Rencana tindak lanjut: Mei: Rapat tindak lanjut dengan auditor." in teks
    assert "Belum disetujui dan tidak dihitung: Juni 2022" in teks
    assert "SEMENTARA" not in teks


def test_docx_a4_tegak_nomor_halaman_tabel_utuh(tw2: HasilRekap) -> None:
    dokumen = docx.Document(str(tw2.berkas[0]))
    bagian = dokumen.sections[0]
    assert bagian.orientation == WD_ORIENT.PORTRAIT
    assert abs(bagian.page_width - Mm(210)) < Mm(1) and abs(bagian.page_height - Mm(297)) < Mm(1)
    kaki = bagian.footer._element.xml
    assert 'w:instr=" PAGE "' in kaki and 'w:instr=" NUMPAGES "' in kaki
    for tabel in dokumen.tables:
        baris_ = tabel._tbl.tr_lst
        assert baris_[0].trPr.xml.count("w:tblHeader") == 1  # header repeated on each page
        assert all("w:cantSplit" in tr.trPr.xml for tr in baris_)  # rows never split


def test_docx_dan_xlsx_sementara_bertanda(tw2_sementara: HasilRekap) -> None:
    dokumen = docx.Document(str(tw2_sementara.berkas[0]))
    teks = _teks_docx(dokumen)
    assert "Rekapitulasi Capaian Kinerja Triwulan II Tahun 2022 (SEMENTARA)" in teks
    assert "SEMENTARA: memuat data bulan yang belum disetujui Kasubbag Umum (Juni 2022)" in teks
    assert "SEMENTARA" in dokumen.sections[0].footer.paragraphs[0].text
    wb = openpyxl.load_workbook(tw2_sementara.berkas[1])
    for ws in wb.worksheets:
        assert "SEMENTARA" in str(ws["A2"].value), ws.title
    assert "SEMENTARA" in (wb.properties.title or "")


def test_xlsx_tabel_sama(tw2: HasilRekap) -> None:
    wb = openpyxl.load_workbook(tw2.berkas[1])
    assert wb.sheetnames == [
        "Ringkasan", "Sasaran S1", "Sasaran S2", "Catatan Indikator", "Anggaran",
    ]  # fmt: skip
    ws = wb["Sasaran S1"]
    assert [c.value for c in ws[4]] == list(JUDUL_TABEL)
    assert [c.value for c in ws[5]] == [
        1, "A Jumlah sekolah yang didampingi", "sekolah", 50, 45, 90, "Baik", 90, 400, 11.25,
    ]  # fmt: skip
    assert ws.print_title_rows == "$4:$4"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    e = wb["Sasaran S2"]["B7"]
    assert e.value == "E =1+1 Indeks kepuasan" and e.data_type == "s"
    ang = wb["Anggaran"]
    assert [c.value for c in ang[5]][2:] == [1_000_000, 500_000, 50, 44.38, -5.62, "tidak efisien"]
    catatan = wb["Catatan Indikator"]
    assert catatan["C5"].value == "4;5" and catatan["F5"].value == -45


@pytest.mark.libreoffice
@pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice atau pdftotext tidak terpasang",
)
def test_docx_ke_pdf_libreoffice(tmp_path: Path) -> None:
    """The example office's Q2 (22 indicators, three sasaran) printed by LibreOffice: A4,
    a few pages, every indicator's row present (no table cut off)."""
    from tests.bulan_contoh import isi_bulan_contoh

    from .rekap_contoh import setujui_bulan

    ruang = buat_ruang_kerja(tmp_path / "contoh")
    isi_bulan_contoh(ruang)
    setujui_bulan(ruang, range(1, 7))
    hasil = rekap(ruang, 2)
    (pdf,) = konversi_banyak([hasil.berkas[0]], "pdf", tmp_path, wajib=False)
    if not pdf.exists():
        pytest.skip("LibreOffice Writer tidak terpasang (hanya Calc)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    halaman = int(next(b for b in info.splitlines() if b.startswith("Pages:")).split()[1])
    assert 2 <= halaman <= 12
    assert "595" in info and "841" in info  # A4 portrait, in points
    teks = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    for ind in ruang.konfigurasi.indikator:
        assert teks.count(f"{ind.kode} ") >= 2, ind.kode  # its table row and its notes
    assert teks.count("Kategori") >= 3  # the header of each sasaran's table
    assert f"Halaman {halaman} dari {halaman}" in " ".join(teks.split())


# --------------------------------------------------------------------------- CLI


def test_cli_rekap(ruang: RuangKerja) -> None:
    hasil = runner.invoke(app, ["rekap", "--triwulan", "2", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "Juni 2022" in hasil.output and "tidak dihitung" in hasil.output
    assert "laporan/2022-TW2/rekap-kinerja-2022-TW2.docx" in hasil.output
    assert "tidak efisien" in hasil.output


def test_cli_json(ruang: RuangKerja) -> None:
    hasil = runner.invoke(
        app, ["rekap", "--tahunan", "--sementara", "--json", "-R", str(ruang.akar)]
    )
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert (data["periode"], data["sementara"], data["bulan_belum_disetujui"]) == (
        "2022",
        True,
        [6],
    )
    a = next(r for r in data["indikator"] if r["kode"] == "A")
    assert (a["realisasi"], a["capaian"], a["perubahan"]) == (65.0, 65.0, -25.0)
    assert data["berkas"][0].endswith("rekap-kinerja-2022-tahunan-sementara.docx")


@pytest.mark.parametrize(
    "argumen", [["rekap"], ["rekap", "--triwulan", "2", "--tahunan"], ["rekap", "-t", "5"]]
)
def test_cli_penggunaan_salah(ruang: RuangKerja, argumen: list[str]) -> None:
    hasil = runner.invoke(app, [*argumen, "-R", str(ruang.akar)])
    assert hasil.exit_code == 2
    assert "Galat" in hasil.output


def test_cli_bantuan_dan_impor_ringan() -> None:
    hasil = runner.invoke(app, ["rekap", "--help"])
    assert hasil.exit_code == 0 and "Contoh:" in hasil.output
    kode = (
        "import sys, pengumpulan_kinerja.cli; "
        "print([m for m in ('pandas', 'openpyxl', 'docx') if m in sys.modules])"
    )
    keluar = subprocess.run(
        [__import__("sys").executable, "-c", kode], capture_output=True, text=True, check=True
    )
    assert keluar.stdout.strip() == "[]"


def test_docx_adalah_zip_word(tw2: HasilRekap) -> None:
    with zipfile.ZipFile(tw2.berkas[0]) as z:
        assert "word/document.xml" in z.namelist() and "word/footer1.xml" in z.namelist()
