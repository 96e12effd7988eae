"""analisis: figures computed from the ledger, checked against hand computations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pengumpulan_kinerja.analisis import analisis_bulan, hitung_analisis
from pengumpulan_kinerja.buku_besar import BukuBesar
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja

JUNI = Periode(2022, 6)
GOLDEN = Path(__file__).parent / "data" / "golden" / "capaian-2022-06.csv"
runner = CliRunner()

DATA: dict[tuple[str, str], list[float]] = {
    ("FPD", "IKK-2.2"): [10, 20, 20, 50, 50, 40],
    ("UMM", "IKK-3.4"): [19, 18, 17, 16, 14, 13.5],
    ("DTI", "IKK-1.6"): [5, 5, 4, 4, 4, 2],
    ("DTI", "IKK-1.5"): [90, 91, 90, 92, 91, 20],
}
ANGGARAN_FPD = [40e6, 80e6, 100e6, 150e6, 200e6, 172e6]


def ubah(
    buku: BukuBesar,
    bulan: int,
    tim: str,
    ind: str,
    kolom: str,
    angka: float | None = None,
    teks: str | None = None,
    sumber: str = "kiriman",
) -> None:
    buku.ubah_nilai(
        periode=f"2022-{bulan:02d}",
        tim=tim,
        indikator=ind,
        kolom=kolom,
        angka=angka,
        teks=teks,
        sumber=sumber,
        oleh="uji",
        alasan="uji" if sumber == "koreksi" else "",
    )


def isi_buku(ruang: RuangKerja) -> None:
    """Deterministic months January-June (also used for the golden CSV)."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        for (tim, ind), nilai in DATA.items():
            for bulan, v in enumerate(nilai, start=1):
                ubah(buku, bulan, tim, ind, "realisasi", v)
        for bulan, v in enumerate(ANGGARAN_FPD, start=1):
            ubah(buku, bulan, "FPD", "", "anggaran", v)
        ubah(buku, 6, "FPD", "IKK-2.2", "kendala", teks="Hujan lebat; <script>alert(1)</script>")
        ubah(buku, 6, "UMM", "IKK-3.4", "kendala", teks='=HYPERLINK("http://x","klik")')
        ubah(buku, 6, "UMM", "IKK-3.4", "rtl", teks="Rapat tindak lanjut dengan auditor")
        for tim, terlambat in (("FPD", 0), ("UMM", 1), ("DTI", 0)):
            buku.conn.execute(
                "INSERT INTO kiriman (periode, tim, nama_berkas, berkas_asal, sha256, ukuran, salinan, "
                "diterima, dihimpun, terlambat) VALUES ('2022-06', ?, 'x.xlsx', 'x', ?, 1, 'k', "
                "'2022-07-05T10:00:00', '2022-07-05T10:00:00', ?)",
                (tim, f"sha-{tim}", terlambat),
            )


def baris(hasil: object, kode: str) -> dict[str, object]:
    df = hasil.indikator  # type: ignore[attr-defined]
    return dict(df[df["kode"] == kode].iloc[0])


def test_angka_per_indikator_dihitung_tangan(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    with ruang.buka_buku_besar() as buku:
        hasil = hitung_analisis(ruang.konfigurasi, buku, JUNI, ruang)
    a = baris(hasil, "IKK-2.2")  # kumulatif 190 dari target bulan 200
    assert (a["realisasi"], a["target_bulan"], a["capaian_bulan"]) == (190, 200, 95.0)
    assert a["capaian_triwulan"] == 95.0 and a["capaian_tahunan"] == pytest.approx(42.22)
    assert a["kategori"] == "Sangat Baik"
    assert "kendala_tanpa_rtl" in a["tanda"] and "di_bawah_target" in a["tanda"]
    b = baris(hasil, "IKK-3.4")  # turun/selisih, terakhir: (2*15 - 13,5)/15 = 110
    assert (b["realisasi"], b["target_bulan"], b["capaian_bulan"]) == (13.5, 15, 110.0)
    assert b["capaian_tahunan"] == 0.0, "(2*5 - 13,5)/5 negatif → 0"
    c = baris(hasil, "IKK-1.6")  # turun/rasio, rata-rata 4 terhadap target 4
    assert (c["realisasi"], c["capaian_bulan"], c["capaian_tahunan"]) == (4.0, 100.0, 75.0)
    d = baris(hasil, "IKK-1.5")  # pencilan dan memburuk
    assert d["capaian_bulan"] == pytest.approx(22.22)
    assert {"pencilan", "memburuk", "di_bawah_target"} <= set(d["tanda"])  # type: ignore[arg-type]
    assert d["capaian_bulan_lalu"] == pytest.approx(101.11)
    e = baris(hasil, "IKK-1.1")
    assert e["realisasi"] is None or e["realisasi"] != e["realisasi"]
    assert "tanpa_data" in e["tanda"]


def test_rangkuman_anggaran_dan_kelengkapan(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    with ruang.buka_buku_besar() as buku:
        hasil = hitung_analisis(ruang.konfigurasi, buku, JUNI, ruang)
    tim = hasil.tim.set_index("tim")
    assert tim.loc["FPD", "capaian_bulan"] == 95.0  # satu-satunya indikator FPD berdata
    assert tim.loc["DTI", "capaian_bulan"] == pytest.approx((22.22 + 100.0) / 2, abs=0.01)
    assert pd.isna(tim.loc["FPP", "kategori"])
    sasaran = hasil.sasaran.set_index("sasaran")
    assert sasaran.loc["SK3", "capaian_bulan"] == 110.0
    ang = hasil.anggaran.set_index("tim")
    assert ang.loc["FPD", "realisasi_sampai"] == 742e6
    assert ang.loc["FPD", "penyerapan"] == pytest.approx(34.51)
    assert ang.loc["FPD", "deviasi_rpd"] == 20.0
    k = hasil.kelengkapan
    assert k.terlambat == ("UMM",)
    assert [kd for kd, _ in k.belum] == ["PM", "FPM", "FPP", "KMT"]
    assert [r["kode"] for r in hasil.rtl.to_dict("records")] == ["IKK-2.2", "IKK-3.4"]


def test_koreksi_mengubah_analisis_berikutnya(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    with ruang.buka_buku_besar() as buku:
        with buku.transaksi():
            ubah(buku, 6, "FPD", "IKK-2.2", "realisasi", 50.0, sumber="koreksi")
        hasil = hitung_analisis(ruang.konfigurasi, buku, JUNI, ruang)
    assert baris(hasil, "IKK-2.2")["capaian_bulan"] == 100.0


def test_target_nol_adalah_temuan(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku:
        with buku.transaksi():
            ubah(buku, 2, "PM", "IKK-1.4", "realisasi", 1.0)  # target_bulanan Februari = 0
        hasil = hitung_analisis(ruang.konfigurasi, buku, Periode(2022, 2), ruang)
    assert any(t.kode == "target-nol" and t.indikator == "IKK-1.4" for t in hasil.temuan)
    assert baris(hasil, "IKK-1.4")["capaian_bulan"] is None


def test_analisis_bulan_menulis_dan_mencatat(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    hasil = analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    folder = ruang.folder_laporan(JUNI)
    assert sorted(p.name for p in hasil.berkas) == [
        "analisis-2022-06.html",
        "analisis-2022-06.xlsx",
        "capaian-2022-06.csv",
    ]
    assert all((folder / p.name).exists() for p in hasil.berkas)
    with ruang.buka_buku_besar() as buku:
        assert buku.analisis_mutakhir("2022-06")
        (peristiwa,) = [p for p in buku.peristiwa("2022-06") if p["langkah"] == 6]
        assert peristiwa["oleh"] == "Tim SAKIP"


def test_csv_sesuai_berkas_emas(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    hasil = analisis_bulan(ruang, JUNI, oleh="uji")
    csv = (ruang.folder_laporan(JUNI) / "capaian-2022-06.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[0] == (
        "periode,tim,sasaran,kode,indikator,satuan,arah,agregasi,realisasi,target_bulan,"
        "capaian_bulan,target_triwulan,capaian_triwulan,target_tahunan,capaian_tahunan,kategori"
    )
    assert csv == GOLDEN.read_text(encoding="utf-8")
    assert len(hasil.indikator) == 22


def test_xlsx_lembar_grafik_warna_dan_teks_inert(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    analisis_bulan(ruang, JUNI)
    berkas = ruang.folder_laporan(JUNI) / "analisis-2022-06.xlsx"
    wb = load_workbook(berkas)
    assert wb.sheetnames == [
        "Ringkasan",
        "Capaian",
        "Per Tim",
        "Anggaran",
        "Tren Jan..Jun",
        "Temuan",
        "Kelengkapan",
        "Rencana Tindak Lanjut",
    ]
    import zipfile

    with zipfile.ZipFile(berkas) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
    assert wb["Capaian"].conditional_formatting
    rtl = wb["Rencana Tindak Lanjut"]
    sel = next(
        c
        for row in rtl.iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    )
    assert sel.data_type == "s"
    tren = [[c.value for c in r] for r in wb["Tren Jan..Jun"].iter_rows()]
    assert tren[0][:4] == ["Kode", "Tim", "Jan", "Feb"]


def test_html_angka_indonesia_dan_escape(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    analisis_bulan(ruang, JUNI)
    html = (ruang.folder_laporan(JUNI) / "analisis-2022-06.html").read_text(encoding="utf-8")
    assert "Juni 2022" in html and "BPMP Provinsi Lampung" in html
    assert "110,00%" in html and "95,00%" in html and "Rp 742.000.000" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Belum mengirim: PM" in html and "7 Juli 2022" in html
    assert "<svg" in html and "http" not in html.split("<body>")[0]


def test_cli_analisis(ruang: RuangKerja) -> None:
    isi_buku(ruang)
    hasil = runner.invoke(app, ["analisis", "--bulan", "Juni", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    assert "IKK-2.2" in hasil.output and "95,00%" in hasil.output
    assert "Belum mengirim" in hasil.output
    js = runner.invoke(app, ["analisis", "--bulan", "2022-06", "--json", "-R", str(ruang.akar)])
    assert js.exit_code == 0
    assert '"capaian_bulan": 95.0' in js.output
    kosong = runner.invoke(app, ["analisis", "--bulan", "13", "-R", str(ruang.akar)])
    assert kosong.exit_code == 2 and "Traceback" not in kosong.output
