"""laporan: the three outputs of ``kinerja analisis`` as a user opens them.

The example month (tests/bulan_contoh.py: January-June 2022, every team but FPP in
June, KMT late) is analysed once; its CSV is compared with a golden file, its
workbook read back with openpyxl and python-calamine, its HTML checked for the
figures in Indonesian formats and, where Chromium is installed, printed to PDF and
photographed.

Regenerate the golden CSV after an intended change with
``KINERJA_PERBARUI_EMAS=1 pytest tests/test_laporan.py``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from pengumpulan_kinerja.analisis import KOLOM_CSV, HasilAnalisis, analisis_bulan, rekaman
from pengumpulan_kinerja.angka import format_persen, format_rupiah
from pengumpulan_kinerja.buku_besar import BukuBesar
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.temuan import KOLOM_EKSPOR
from tests.bulan_contoh import JUNI, isi_bulan_contoh
from tests.libreoffice import konversi, perlu_libreoffice
from tests.pembantu import kirim_nilai

EMAS = Path(__file__).parent / "data" / "golden" / "capaian-2022-06.csv"
LEMBAR = [
    "Ringkasan",
    "Capaian",
    "Per Tim",
    "Anggaran",
    "Tren Jan..Jun",
    "Temuan",
    "Kelengkapan",
    "Rencana Tindak Lanjut",
]
CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.fixture(scope="module")
def contoh(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuangKerja, HasilAnalisis]:
    ruang = buat_ruang_kerja(tmp_path_factory.mktemp("contoh") / "ruang")
    isi_bulan_contoh(ruang)
    return ruang, analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")


def berkas(contoh: tuple[RuangKerja, HasilAnalisis], nama: str) -> Path:
    ruang, _ = contoh
    return ruang.folder_laporan(JUNI) / nama.replace("PERIODE", JUNI.kode)


def ubah(buku: BukuBesar, bulan: int, tim: str, ind: str, kolom: str, **nilai: object) -> None:
    kirim_nilai(
        buku, [(f"2022-{bulan:02d}", tim, ind, kolom, nilai.get("angka"), nilai.get("teks"))]
    )


@pytest.fixture
def berbahaya(ruang: RuangKerja) -> RuangKerja:
    """A month whose texts try HTML and formula injection."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        ubah(buku, 6, "FPD", "IKK-2.2", "realisasi", angka=190.0)
        ubah(buku, 6, "FPD", "IKK-2.2", "kendala", teks="Hujan lebat; <script>alert(1)</script>")
        ubah(buku, 6, "FPD", "IKK-2.2", "upaya", teks="@SUM(A1:A9)")
        ubah(buku, 6, "FPD", "IKK-2.2", "rtl", teks='=HYPERLINK("http://x","klik")')
    analisis_bulan(ruang, JUNI)
    return ruang


# --------------------------------------------------------------------------- CSV


def test_csv_sama_dengan_berkas_emas(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    teks = berkas(contoh, "capaian-PERIODE.csv").read_text(encoding="utf-8")
    if os.environ.get("KINERJA_PERBARUI_EMAS"):
        EMAS.write_text(teks, encoding="utf-8")
    assert teks.splitlines()[0] == (
        "periode,tim,sasaran,kode,indikator,satuan,arah,agregasi,realisasi,target_bulan,"
        "capaian_bulan,target_triwulan,capaian_triwulan,target_tahunan,capaian_tahunan,kategori"
    )
    assert teks == EMAS.read_text(encoding="utf-8")


def test_csv_untuk_mesin(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    data = berkas(contoh, "capaian-PERIODE.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    baris = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(baris) == 22 and all(tuple(b) == KOLOM_CSV for b in baris)
    assert {b["periode"] for b in baris} == {"2022-06"}
    for b in baris:
        for kolom in ("capaian_bulan", "capaian_triwulan", "capaian_tahunan"):
            assert re.fullmatch(r"\d+(\.\d{1,2})?", b[kolom]), (b["kode"], kolom, b[kolom])
        assert re.fullmatch(r"\d+(\.\d+)?", b["realisasi"]), b["realisasi"]
    per_kode = {b["kode"]: b for b in baris}
    # IKK-1.5 was set to 0.9 × its June target (90): exactly 90 → Baik, not Sangat Baik
    assert (per_kode["IKK-1.5"]["capaian_bulan"], per_kode["IKK-1.5"]["kategori"]) == ("90", "Baik")
    # IKK-1.7 jumped to 3 × its target: capped at capaian_maksimum 120
    assert (per_kode["IKK-1.7"]["realisasi"], per_kode["IKK-1.7"]["capaian_bulan"]) == ("12", "120")


def test_csv_sel_kosong_tanpa_data_dan_teks_inert(ruang: RuangKerja, tmp_path: Path) -> None:
    yaml = ruang.berkas_konfigurasi
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace(
            "uraian: Nilai SAKIP BPMP Provinsi Lampung", 'uraian: "=1+2 Nilai SAKIP"'
        ),
        encoding="utf-8",
    )
    ruang = RuangKerja(ruang.akar)
    hasil = analisis_bulan(ruang, JUNI)
    baris = {
        b["kode"]: b
        for b in csv.DictReader(
            io.StringIO((ruang.folder_laporan(JUNI) / "capaian-2022-06.csv").read_text("utf-8"))
        )
    }
    b = baris["IKK-1.1"]
    assert [
        b[k]
        for k in ("realisasi", "capaian_bulan", "capaian_triwulan", "capaian_tahunan", "kategori")
    ] == [""] * 5
    assert (b["target_bulan"], b["target_triwulan"], b["target_tahunan"]) == ("40", "40", "80")
    assert baris["IKK-3.1"]["indikator"] == "'=1+2 Nilai SAKIP"
    ws = load_workbook(hasil.berkas[0])["Capaian"]
    sel = next(c for c in ws["D"] if isinstance(c.value, str) and "Nilai SAKIP" in c.value)
    assert (sel.value, sel.data_type) == ("=1+2 Nilai SAKIP", "s")


# --------------------------------------------------------------------------- xlsx


def test_xlsx_lembar_dan_angka(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    _, hasil = contoh
    jalur = berkas(contoh, "analisis-PERIODE.xlsx")
    wb = CalamineWorkbook.from_path(str(jalur))
    assert wb.sheet_names == LEMBAR
    capaian = wb.get_sheet_by_name("Capaian").to_python()
    kepala = capaian[0]
    assert kepala[:4] == ["Kode", "Tim", "Sasaran", "Indikator"]
    per_kode = {r[0]: dict(zip(kepala, r, strict=True)) for r in capaian[1:]}
    assert len(per_kode) == 22
    ikk15 = per_kode["IKK-1.5"]
    assert (ikk15["Capaian Bulan Ini (%)"], ikk15["Kategori"]) == (90.0, "Baik")
    assert ikk15["Target Bulan Ini"] == 90.0
    assert "capaian lebih rendah dari bulan lalu" in ikk15["Catatan Analisis"]
    assert "tidak ada data bulan ini" in per_kode["IKK-2.7"]["Catatan Analisis"]
    for r in rekaman(hasil.indikator):
        assert per_kode[r["kode"]]["Capaian Bulan Ini (%)"] == (
            r["capaian_bulan"] if r["capaian_bulan"] is not None else ""
        )
    tren = wb.get_sheet_by_name("Tren Jan..Jun").to_python()
    assert tren[1][:9] == ["Kode", "Tim", "Satuan", "Jan", "Feb", "Mar", "Apr", "Mei", "Jun"]
    anggaran = {r[0]: r for r in wb.get_sheet_by_name("Anggaran").to_python()[1:] if r[0]}
    fpd = rekaman(hasil.anggaran.set_index("tim").loc[["FPD"]].reset_index())[0]
    assert anggaran["FPD"][2] == 2_150_000_000 and anggaran["FPD"][6] == fpd["realisasi_sampai"]
    assert anggaran["Jumlah"][2] == 12_075_000_000  # the seven pagu together
    lengkap = {r[0]: r for r in wb.get_sheet_by_name("Kelengkapan").to_python()[3:]}
    assert lengkap["FPP"][2] == "belum mengirim" and lengkap["KMT"][2] == "terlambat"
    assert lengkap["PM"][2] == "tepat waktu" and str(lengkap["PM"][3]).startswith("2022-07-05")
    rtl = wb.get_sheet_by_name("Rencana Tindak Lanjut").to_python()
    tanpa = [r for r in rtl[1:] if r[0] == "IKK-2.3"]
    assert tanpa and tanpa[0][5] and tanpa[0][7] == "", "kendala tanpa rencana tindak lanjut"
    ringkas = {r[0]: r[2] for r in wb.get_sheet_by_name("Ringkasan").to_python() if r[0]}
    assert ringkas["Rata-rata capaian bulan ini (%)"] == hasil.rata_rata_capaian()
    assert ringkas["Tim belum mengirim"] == "FPP" and ringkas["Tim terlambat"] == "KMT"
    assert ringkas["Pagu seluruh tim (Rp)"] == 12_075_000_000


def test_xlsx_format_angka_indonesia(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    wb = load_workbook(berkas(contoh, "analisis-PERIODE.xlsx"))
    capaian = wb["Capaian"]
    kepala = [c.value for c in capaian[1]]
    kolom = {judul: i for i, judul in enumerate(kepala)}
    _, hasil = contoh
    for baris in capaian.iter_rows(min_row=2):
        assert baris[kolom["Capaian Bulan Ini (%)"]].number_format == "#,##0.00"
        ind = hasil.konfigurasi.cari_indikator(str(baris[0].value))
        assert ind is not None
        # targets and realisations with the indicator's decimals (a count: none)
        harapan = "#,##0" + ("." + "0" * ind.angka_desimal if ind.angka_desimal else "")
        for judul in ("Realisasi s.d. Bulan Ini", "Target Bulan Ini", "Target Tahunan"):
            sel = baris[kolom[judul]]
            assert sel.number_format == harapan, (judul, sel.value)
    ikk13 = next(r for r in capaian.iter_rows(min_row=2) if r[0].value == "IKK-1.3")
    assert ikk13[kolom["Target Bulan Ini"]].number_format == "#,##0"  # satuan pendidikan
    pecahan = [
        r[kolom["Realisasi s.d. Bulan Ini"]]
        for r in capaian.iter_rows(min_row=2)
        if not float(r[kolom["Realisasi s.d. Bulan Ini"]].value).is_integer()
    ]
    assert pecahan, "contoh memuat realisasi pecahan (rasio, rata-rata)"
    anggaran = wb["Anggaran"]
    assert (
        anggaran["C2"].number_format == '"Rp" #,##0' and anggaran["H2"].number_format == "#,##0.00"
    )
    assert capaian.freeze_panes == "E2" and capaian.auto_filter.ref.startswith("A1:")
    assert capaian.page_setup.orientation == "landscape" and capaian.page_setup.paperSize == 9


def test_xlsx_grafik_asli_di_ringkasan(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    with zipfile.ZipFile(berkas(contoh, "analisis-PERIODE.xlsx")) as z:
        nama = z.namelist()
        rel_lembar = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        (gambar,) = re.findall(r'Target="/?(?:\.\./|xl/)?drawings/(drawing\d+\.xml)"', rel_lembar)
        rel_gambar = z.read(f"xl/drawings/_rels/{gambar}.rels").decode()
        grafik = re.findall(r'Target="/?(?:\.\./|xl/)?charts/(chart\d+\.xml)"', rel_gambar)
        assert len(grafik) == 2, "dua grafik Excel asli pada lembar Ringkasan"
        isi = [z.read(f"xl/charts/{g}").decode() for g in grafik]
    assert all(re.search(r"<(c:)?barChart>", x) for x in isi)
    arah = {re.search(r'<(?:c:)?barDir val="(\w+)"', x).group(1) for x in isi}  # type: ignore[union-attr]
    assert arah == {"bar", "col"}
    assert all("'Ringkasan'!$" in x for x in isi), "data grafik dari tabel Ringkasan"
    assert any("Capaian per sasaran" in x for x in isi)
    assert any("Penyerapan anggaran" in x for x in isi)
    assert not [n for n in nama if "sheet" in n and n.endswith(".rels") and "sheet1" not in n]


def test_xlsx_warna_kategori_bersyarat(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    wb = load_workbook(berkas(contoh, "analisis-PERIODE.xlsx"))
    kepala = [c.value for c in wb["Capaian"][1]]
    kat = get_column_letter(kepala.index("Kategori") + 1)  # after Realisasi Tahun Lalu
    assert kat == "Q", kepala
    for nama, rentang in (
        ("Capaian", f"{kat}2:{kat}23"),
        ("Capaian", "K2:K23"),
        ("Per Tim", "H2:H8"),
        ("Rencana Tindak Lanjut", None),
    ):
        aturan = {
            str(cf.sqref): [r.formula[0] for r in cf.rules]
            for cf in wb[nama].conditional_formatting
        }
        assert aturan, nama
        if rentang:
            assert rentang in aturan
            assert {f.split("=")[0] for f in aturan[rentang]} == {f"${kat}2"} or nama != "Capaian"
            assert [f.split("=")[1] for f in aturan[rentang]] == [
                '"Sangat Baik"',
                '"Baik"',
                '"Cukup"',
                '"Kurang"',
                '"Sangat Kurang"',
            ]
    (cf,) = [c for c in wb["Capaian"].conditional_formatting if str(c.sqref) == f"{kat}2:{kat}23"]
    assert cf.rules[0].dxf.fill.bgColor.rgb.endswith("1E8449")  # Sangat Baik: dark green


def test_xlsx_teks_tim_tetap_teks(berbahaya: RuangKerja) -> None:
    jalur = berbahaya.folder_laporan(JUNI) / "analisis-2022-06.xlsx"
    dilihat = set()
    for ws in load_workbook(jalur).worksheets:
        for baris in ws.iter_rows():
            for sel in baris:
                assert sel.data_type != "f", f"{ws.title}!{sel.coordinate} menjadi rumus"
                if isinstance(sel.value, str) and sel.value.startswith(("=HYPERLINK", "@SUM")):
                    dilihat.add(sel.value)
    assert dilihat == {'=HYPERLINK("http://x","klik")', "@SUM(A1:A9)"}
    rtl = (
        CalamineWorkbook.from_path(str(jalur))
        .get_sheet_by_name("Rencana Tindak Lanjut")
        .to_python()
    )
    assert rtl[1][5:8] == [
        "Hujan lebat; <script>alert(1)</script>",
        "@SUM(A1:A9)",
        '=HYPERLINK("http://x","klik")',
    ]


def test_xlsx_temuan_target_nol(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        ubah(buku, 2, "FPM", "IKK-2.6", "realisasi", angka=5.0)
    hasil = analisis_bulan(ruang, Periode(2022, 2))
    temuan = (
        CalamineWorkbook.from_path(str(hasil.berkas[0])).get_sheet_by_name("Temuan").to_python()
    )
    assert tuple(temuan[0]) == KOLOM_EKSPOR
    (baris,) = [dict(zip(KOLOM_EKSPOR, r, strict=True)) for r in temuan[1:]]
    assert (baris["kode"], baris["tingkat"], baris["indikator"], baris["tim"]) == (
        "target-nol",
        "peringatan",
        "IKK-2.6",
        "FPM",
    )
    assert CalamineWorkbook.from_path(str(hasil.berkas[0])).sheet_names[4] == "Tren Jan..Feb"


@perlu_libreoffice
def test_xlsx_dibuka_libreoffice(contoh: tuple[RuangKerja, HasilAnalisis], tmp_path: Path) -> None:
    """LibreOffice opens the workbook and keeps every sheet, name included, and the figures."""
    ods = konversi(berkas(contoh, "analisis-PERIODE.xlsx"), "ods", tmp_path)
    wb = CalamineWorkbook.from_path(str(ods))
    assert wb.sheet_names == LEMBAR
    kembali = {r[0]: r for r in wb.get_sheet_by_name("Capaian").to_python()[1:]}
    # column P: Realisasi Tahun Lalu (the example sets realisasi_tahun_lalu), Q: Kategori
    assert kembali["IKK-1.5"][10] == 90.0 and kembali["IKK-1.5"][15] == 91.2
    assert kembali["IKK-1.5"][16] == "Baik"


# --------------------------------------------------------------------------- HTML


def test_html_angka_indonesia(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    _, hasil = contoh
    html = berkas(contoh, "analisis-PERIODE.html").read_text(encoding="utf-8")
    judul = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert judul and judul.group(1) == "Analisis Capaian Kinerja BPMP Provinsi Lampung — Juni 2022"
    teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Belum mengirim (1 dari 7 tim): FPP (Tim Kerja Fasilitasi Peningkatan Mutu PAUD)" in teks
    assert "Kiriman (batas 7 Juli 2022)" in teks and "terlambat 1 (KMT)" in teks
    assert format_persen(hasil.rata_rata_capaian()) in teks
    for r in rekaman(hasil.indikator):
        assert f"{r['kode']} " in teks and format_persen(r["capaian_bulan"]) in teks
    # the three capaian, last year's realisation (kinerja.yaml: 91.2, one decimal), kategori
    ikk15 = re.search(r"IKK-1\.5 DTI .*? (\S+%) (\S+%) (\S+%) (\S+) (\w+)", teks)
    assert ikk15 and ikk15.groups() == ("90,00%", "90,00%", "85,26%", "91,2", "Baik")
    for r in rekaman(hasil.anggaran):
        assert format_rupiah(r["pagu"]) in teks and format_rupiah(r["realisasi_sampai"]) in teks
    assert "Rp 2.150.000.000" in teks and "Rp 12.075.000.000" in teks
    assert "belum ada" in teks, "kendala IKK-2.3 tanpa rencana tindak lanjut"


def test_html_mandiri_a4(contoh: tuple[RuangKerja, HasilAnalisis]) -> None:
    html = berkas(contoh, "analisis-PERIODE.html").read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in html
    assert html.count("<svg") == 2 and "<script" not in html and "<link" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html) and "url(" not in html
    assert "@import" not in html


def test_html_escape_teks_tim(berbahaya: RuangKerja) -> None:
    html = (berbahaya.folder_laporan(JUNI) / "analisis-2022-06.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=HYPERLINK(&#34;http://x&#34;,&#34;klik&#34;)" in html


def test_html_bulan_tanpa_data(ruang: RuangKerja) -> None:
    hasil = analisis_bulan(ruang, Periode(2022, 3))
    html = re.sub(r"\s+", " ", hasil.berkas[1].read_text(encoding="utf-8"))
    assert "Belum ada data untuk Maret 2022" in html
    assert "Belum mengirim (7 dari 7 tim)" in html and "tidak ada data" in html


# --------------------------------------------------------------------------- Chromium


def _chromium(*argumen: str) -> None:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="kinerja-chromium-") as profil:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profil}",
                *argumen,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fontconfig_dejavu(folder: Path) -> Path:
    """A fontconfig file that shows programs only the DejaVu fonts (as on a machine
    without fonts-liberation), without uninstalling anything."""
    berkas = folder / "fonts.conf"
    berkas.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return berkas


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium tidak terpasang")
@pytest.mark.parametrize("huruf", ["terpasang", "hanya-dejavu"])
def test_chromium_mencetak_a4_ringkasan_lalu_lanjutan_berjudul(
    contoh: tuple[RuangKerja, HasilAnalisis],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    huruf: str,
) -> None:
    """Whatever fonts are installed: page 1 is the summary; the indicator table and the
    follow-up plans continue on the next pages, each under the repeated heading, and
    every page says "Halaman N dari M"."""
    pypdf = pytest.importorskip("pypdf")
    if huruf == "hanya-dejavu":
        if not DEJAVU.is_dir():
            pytest.skip("fonts-dejavu tidak terpasang")
        monkeypatch.setenv("FONTCONFIG_FILE", str(_fontconfig_dejavu(tmp_path)))
    _, hasil = contoh
    url = berkas(contoh, "analisis-PERIODE.html").as_uri()
    pdf = tmp_path / "laporan.pdf"
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
    pembaca = pypdf.PdfReader(pdf)
    nama_huruf = {
        str(f.get_object().get("/BaseFont", ""))
        for h in pembaca.pages
        for f in (h["/Resources"].get_object().get("/Font") or {}).values()
    }
    if huruf == "hanya-dejavu":
        nama_huruf.discard("")  # Type3 glyphs (the SVG charts) carry no name
        assert nama_huruf and all("DejaVu" in n for n in nama_huruf), nama_huruf
    teks = [re.sub(r"\s+", " ", h.extract_text()) for h in pembaca.pages]
    jumlah = len(teks)
    assert jumlah >= 2
    for h in pembaca.pages:
        assert (round(float(h.mediabox.width)), round(float(h.mediabox.height))) == (595, 842)
    judul = "Analisis Capaian Kinerja BPMP Provinsi Lampung — Juni 2022"
    assert judul in teks[0] and "Rata-rata capaian bulan ini" in teks[0]
    assert "Anggaran per tim" in teks[0] and "(lanjutan)" not in teks[0]
    for n, t in enumerate(teks, start=1):
        assert f"Halaman {n} dari {jumlah}" in t, (n, t[-200:])
        if n > 1:
            assert f"{judul} (lanjutan)" in t, (n, t[:200])
            assert "Kode Tim" in t, "judul kolom berulang"
    lanjutan = " ".join(teks[1:])
    for r in rekaman(hasil.indikator):
        assert r["kode"] in lanjutan
    assert "Kendala, upaya dan rencana tindak lanjut" in lanjutan


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium tidak terpasang")
def test_chromium_gambar_halaman(contoh: tuple[RuangKerja, HasilAnalisis], tmp_path: Path) -> None:
    """The page renders to a real picture."""
    url = berkas(contoh, "analisis-PERIODE.html").as_uri()
    png = tmp_path / "laporan.png"
    _chromium(
        "--hide-scrollbars",
        "--force-device-scale-factor=1.5625",
        "--window-size=794,1123",
        f"--screenshot={png}",
        url,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    lebar, tinggi = struct.unpack(">II", data[16:24])
    assert (abs(lebar - 1240) <= 2, abs(tinggi - 1754) <= 2) == (True, True)
    assert len(data) > 100_000, "gambar berisi laporan, bukan halaman kosong"
