"""What people print is readable on A4: every workbook printed by a real LibreOffice.

Each workbook is converted to PDF by LibreOffice (headless) and the PDF is read back
with pypdf: the size every piece of text is drawn at (font size × the text and page
matrices, so the print scale is in it), the text of each page, and the page count.
Skipped cleanly without LibreOffice or pypdf.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pengumpulan_kinerja import cetak, tata_letak
from pengumpulan_kinerja.instrumen import SKALA_CAPAIAN, tulis_instrumen
from pengumpulan_kinerja.konfigurasi import Konfigurasi, baca_konfigurasi
from pengumpulan_kinerja.periode import Periode
from tests.libreoffice import SOFFICE, konversi

try:
    import pypdf
except ImportError:  # pragma: no cover - the PDF tests skip
    pypdf = None

perlu_pdf = pytest.mark.skipif(
    SOFFICE is None or pypdf is None, reason="LibreOffice atau pypdf tidak terpasang"
)

JUNI = Periode(2022, 6)


@dataclass(frozen=True)
class Potongan:
    teks: str
    ukuran: float
    """Size on paper in points (font size × scale of the text and page matrices)."""


@dataclass(frozen=True)
class Halaman:
    potongan: tuple[Potongan, ...]

    @property
    def teks(self) -> str:
        return " ".join(p.teks for p in self.potongan)

    @property
    def rapat(self) -> str:
        """The page's text without spaces or line breaks (wrapped labels joined)."""
        return re.sub(r"\s+", "", self.teks)


def baca_pdf(berkas: Path) -> list[Halaman]:
    halaman: list[Halaman] = []
    for page in pypdf.PdfReader(berkas).pages:
        potongan: list[Potongan] = []

        def lihat(
            teks: str,
            cm: Any,
            tm: Any,
            _font: Any,
            ukuran: float,
            keluar: list[Potongan] = potongan,
        ) -> None:
            if teks.strip():
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                keluar.append(Potongan(teks, ukuran * math.hypot(c, d)))

        page.extract_text(visitor_text=lihat)
        halaman.append(Halaman(tuple(potongan)))
    return halaman


def ke_pdf(berkas: Path, folder: Path) -> Path:
    """LibreOffice prints ``berkas`` (every sheet, with its page setup) to PDF."""
    return konversi(berkas, "pdf", folder)


# --------------------------------------------------------------------------- instrument


@pytest.fixture(scope="module")
def satu_tim_semua_indikator(tmp_path_factory: pytest.TempPathFactory) -> Konfigurasi:
    """The example configuration with all 22 indicators given to team PM, so that its
    Capaian sheet runs over several pages."""
    teks = Path("examples/kinerja.yaml").read_text(encoding="utf-8")
    teks = re.sub(r"(?m)^(        tim: )\S+$", r"\1PM", teks)
    return baca_konfigurasi(teks)


@pytest.fixture(scope="module")
def instrumen_pdf(
    satu_tim_semua_indikator: Konfigurasi, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, list[Halaman]]]:
    folder = tmp_path_factory.mktemp("instrumen")
    xlsx = tulis_instrumen(satu_tim_semua_indikator, JUNI, "PM", folder / "PM_2022-06.xlsx")
    yield xlsx, baca_pdf(ke_pdf(xlsx, folder / "pdf"))


def _arial_terukur() -> bool:
    """Whether LibreOffice draws Arial here with Arial's widths (Arial itself, or
    Liberation Sans, which has the same metrics): the layout is measured for them."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False
    keluar = subprocess.run(
        [fc_match, "-f", "%{family}", "Arial"], capture_output=True, text=True, check=False
    ).stdout
    return "Arial" in keluar or "Liberation Sans" in keluar


def _lebih_lebar() -> float:
    """1, or what a sheet fitted to the page's width shrinks by when LibreOffice must
    draw Arial with a wider font (DejaVu Sans is about 12 % wider)."""
    return 1.0 if _arial_terukur() else 0.88


def _ukuran_utama(h: Halaman) -> float:
    """The size most of a page's letters are drawn at."""
    jumlah: dict[float, int] = {}
    for p in h.potongan:
        jumlah[round(p.ukuran, 1)] = jumlah.get(round(p.ukuran, 1), 0) + len(p.teks)
    return max(jumlah, key=lambda u: jumlah[u])


def _halaman_capaian(halaman: list[Halaman]) -> list[Halaman]:
    """Pages of the Capaian sheet: those carrying its header row (the title block is on
    the first only; the header row is repeated)."""
    return [h for h in halaman if "NoKode" in h.rapat and re.search(r"IKK-\d", h.teks)]


@perlu_pdf
def test_instrumen_capaian_a4_mendatar_skala_terbaca(
    instrumen_pdf: tuple[Path, list[Halaman]], satu_tim_semua_indikator: Konfigurasi
) -> None:
    xlsx, halaman = instrumen_pdf
    ws = load_workbook(xlsx)["Capaian"]
    skala = int(ws.page_setup.scale or 100)
    assert skala == SKALA_CAPAIAN >= 80
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9

    capaian = _halaman_capaian(halaman)
    assert len(capaian) >= 2, "22 indikator semestinya lebih dari satu halaman"
    kode = [i.kode for i in satu_tim_semua_indikator.indikator_tim("PM")]
    # every indicator row is printed, on a page that also carries the header row with
    # all eighteen labels: one page wide, header repeated on every page
    semua = " ".join(h.teks for h in capaian)
    for k in kode:
        assert re.search(rf"\b{re.escape(k)}\b", semua), k
    assert "INSTRUMENPENGUMPULANDATA" in capaian[0].rapat
    for h in capaian:
        for label in tata_letak.LABEL_CAPAIAN:
            if _arial_terukur():
                assert label.replace(" ", "") in h.rapat, (label, h.teks[:200])
            else:
                assert label.replace(" ", "") in "".join(x.rapat for x in halaman), label
    tabel = [h for h in halaman if "PETUNJUKPENGISIAN" not in h.rapat]
    if _arial_terukur():
        # no page holds only columns that did not fit (a second page across)
        for h in tabel:
            if any(k in h.teks for k in kode):
                assert "BuktiDukung" in h.rapat and "Indikator" in h.teks
    else:
        # a wider stand-in for Arial may push the last columns onto a page of their own:
        # No and Kode are repeated there, so every printed row still names its indicator
        for h in tabel:
            if any(k in h.teks for k in kode):
                assert "NoKode" in h.rapat
    # 10-pt text is drawn at 8 pt or more: the print scale is at least 80 %
    ukuran_kode = [p.ukuran for h in capaian for p in h.potongan if re.search(r"IKK-\d", p.teks)]
    assert ukuran_kode and min(ukuran_kode) >= 0.8 * cetak.UKURAN - 0.05
    for h in capaian:
        assert _ukuran_utama(h) == pytest.approx(cetak.UKURAN * skala / 100, abs=0.05)


@perlu_pdf
def test_instrumen_lembar_lain_ukuran_penuh(instrumen_pdf: tuple[Path, list[Halaman]]) -> None:
    """Petunjuk, Anggaran and Pengesahan are narrow: they print at 100 %."""
    _, halaman = instrumen_pdf
    for judul in ("PETUNJUKPENGISIAN", "REALISASIANGGARAN", "PENGESAHANPENGISIAN"):
        h = next(h for h in halaman if judul in h.rapat)
        assert _ukuran_utama(h) == pytest.approx(cetak.UKURAN, abs=0.05)


# --------------------------------------------------------------------------- analysis, findings


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from pengumpulan_kinerja.demo import jalankan_demo

    return jalankan_demo(tmp_path_factory.mktemp("demo") / "ruang")


@perlu_pdf
def test_buku_kerja_analisis_terbaca_di_a4(demo: Any, tmp_path: Path) -> None:
    """LibreOffice prints every sheet one page wide at 75 % or more, no ``###``, every
    header label whole, the header row on every page of the Capaian sheet."""
    from pengumpulan_kinerja.laporan import SKALA_MINIMUM

    halaman = baca_pdf(ke_pdf(demo.laporan_xlsx, tmp_path))
    assert not [h for h in halaman if "###" in h.teks]
    for h in halaman:
        assert _ukuran_utama(h) >= _lebih_lebar() * cetak.UKURAN * SKALA_MINIMUM / 100 - 0.05
    capaian = [h for h in halaman if "KodeTimSasaranIndikator" in h.rapat]
    assert len(capaian) >= 2
    for h in capaian:
        for label in ("Realisasi s.d. Bulan Ini", "Capaian Tahunan (%)", "Catatan Analisis"):
            assert label.replace(" ", "") in h.rapat, label
    semua = " ".join(h.teks for h in halaman)
    assert "Rp 12,075,000,000" in semua or "Rp 12.075.000.000" in semua


@perlu_pdf
def test_buku_kerja_temuan_dan_umpan_balik_di_a4(demo: Any, tmp_path: Path) -> None:
    from pengumpulan_kinerja.umpan_balik import tulis_laporan_temuan, tulis_umpan_balik

    temuan = demo.himpun.temuan
    assert temuan
    laporan = tulis_laporan_temuan(tmp_path / "temuan.xlsx", temuan)
    umpan = tulis_umpan_balik(tmp_path / "umpan", temuan, demo.ruang.konfigurasi)
    ws = load_workbook(laporan)["Temuan"]
    assert [c.value for c in ws[1]][:3] == ["berkas", "lembar", "sel"]  # data contract
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    wu = load_workbook(umpan[0])["Umpan Balik"]
    assert [c.value for c in wu[5]][:3] == ["Berkas", "Lembar", "Sel"]
    assert [c.value for c in wu[6]][:3] == ["berkas", "lembar", "sel"]
    assert wu.print_title_rows == "$5:$6"
    for berkas in (laporan, umpan[0]):
        halaman = baca_pdf(ke_pdf(berkas, tmp_path / berkas.stem))
        h = halaman[0]
        assert _ukuran_utama(h) >= _lebih_lebar() * 0.9 * cetak.UKURAN, berkas.name
        assert "pesan" in h.teks and "tingkat" in h.teks
        for t in temuan:
            if t.tim == demo.himpun.temuan[0].tim or berkas == laporan:
                assert t.kode in "".join(x.rapat for x in halaman)  # wrapped codes joined


@perlu_pdf
def test_data_capaian_terbaca_di_a4(demo: Any, tmp_path: Path) -> None:
    """``data-capaian`` (filed in the archive): one page wide at 75 % or more, header
    row on every page, long text wrapped inside its row."""
    xlsx = demo.arsip / "data-capaian-2022-06.xlsx"
    ws = load_workbook(xlsx)["Data Capaian"]
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    halaman = baca_pdf(ke_pdf(xlsx, tmp_path))
    assert not [h for h in halaman if "###" in h.teks]
    data = [h for h in halaman if "TimKodeIndikatorKolomNilai" in h.rapat]
    assert len(data) >= 2
    for h in halaman:
        assert _ukuran_utama(h) >= _lebih_lebar() * 0.75 * cetak.UKURAN - 0.05, h.teks[:120]
    for h in data:
        assert "DikoreksiOleh" in h.rapat and "NilaiSemula" in h.rapat


# --------------------------------------------------------------------------- without LibreOffice


def _lebar_terpakai(ws: Any) -> list[float]:
    from openpyxl.utils import get_column_letter

    return [
        ws.column_dimensions[get_column_letter(c)].width
        if get_column_letter(c) in ws.column_dimensions
        else 13.0
        for c in range(1, ws.max_column + 1)
    ]


def test_setiap_buku_kerja_muat_lebar_a4_pada_skalanya(demo: Any, tmp_path: Path) -> None:
    """Measured from the sheets alone (no LibreOffice needed): every printed sheet is
    A4 landscape with its header rows repeated, and its columns fit the page's width
    at its fixed scale, or at 75 % or more when it is fitted to the width."""
    from pengumpulan_kinerja.umpan_balik import tulis_laporan_temuan, tulis_umpan_balik

    instrumen = sorted((demo.ruang.akar / "instrumen" / "2022-06").glob("*.xlsx"))
    laporan = tulis_laporan_temuan(tmp_path / "temuan.xlsx", demo.himpun.temuan)
    umpan = tulis_umpan_balik(tmp_path / "umpan", demo.himpun.temuan, demo.ruang.konfigurasi)
    berkas = [*instrumen, demo.laporan_xlsx, demo.arsip / "data-capaian-2022-06.xlsx", laporan]
    berkas += umpan
    diperiksa = 0
    for b in berkas:
        wb = load_workbook(b)
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            diperiksa += 1
            tempat = f"{b.name}!{ws.title}"
            assert ws.page_setup.orientation == "landscape", tempat
            assert int(ws.page_setup.paperSize) == 9, tempat
            assert wb._fonts[0].name == cetak.HURUF, tempat  # type: ignore[attr-defined]
            lebar = cetak.lebar_cetak(_lebar_terpakai(ws))
            if ws.sheet_properties.pageSetUpPr.fitToPage:
                assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
                assert lebar * 0.75 <= cetak.lebar_halaman(), (tempat, lebar)
            else:
                skala = int(ws.page_setup.scale)
                assert skala >= 80 and lebar * skala / 100 <= cetak.lebar_halaman(), tempat
            # a sheet holding one long table repeats its header (Ringkasan holds several
            # short tables, one under the other)
            if ws.max_row > 30 and ws.title != "Ringkasan":
                assert ws.print_title_rows, f"{tempat}: judul kolom berulang"
    assert diperiksa >= 7 + 8 + 3 + 2 + len(umpan)
