"""pembaca: one real workbook in, values with their cells and findings out (no ledger)."""

from __future__ import annotations

import io
import pickle
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from pengumpulan_kinerja.contoh import isi_instrumen
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.konfigurasi import Indikator, Konfigurasi
from pengumpulan_kinerja.pembaca import (
    HasilBaca,
    NilaiTerbaca,
    Riwayat,
    masalah_batas,
    periksa_berkas,
    temuan_riwayat,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.temuan import KODE_TEMUAN, Tingkat

JUNI = Periode(2022, 6)
ISIAN: dict[str, dict[str, object]] = {
    "IKK-1.1": {"pembilang": 120, "penyebut": 300, "kendala": "Sinyal", "rtl": "Kunjungan"},
    "IKK-1.3": {"realisasi": 300, "bukti": "https://x/3", "kendala": "=1+1"},
    "IKK-1.4": {"realisasi": 5, "bukti": "https://x/4"},
}


@pytest.fixture(scope="module")
def ruang_pm(tmp_path_factory: pytest.TempPathFactory) -> RuangKerja:
    ruang = buat_ruang_kerja(tmp_path_factory.mktemp("pembaca") / "ruang")
    buat_instrumen(ruang, JUNI, tim="PM", oleh="uji")
    buat_instrumen(ruang, Periode(2022, 5), tim="PM", oleh="uji")
    return ruang


def isi(
    ruang: RuangKerja,
    tujuan: Path,
    isian: dict[str, dict[str, object]] | None = None,
    ubah_wb: Callable[[Workbook], None] | None = None,
    periode: Periode = JUNI,
) -> Path:
    isi_instrumen(
        ruang.folder_instrumen(periode) / f"PM_{periode.kode}.xlsx",
        tujuan,
        ISIAN if isian is None else isian,
        "Rp 95.000.000",
        "Rina Marlina",
        date(2022, 7, 4),
    )
    if ubah_wb is not None:
        wb = load_workbook(tujuan)
        ubah_wb(wb)
        wb.save(tujuan)
    return tujuan


def baca(ruang: RuangKerja, berkas: Path, riwayat: Riwayat | None = None) -> HasilBaca:
    return periksa_berkas(berkas, ruang.konfigurasi, riwayat or Riwayat())


def nilai_dari(hasil: HasilBaca) -> dict[tuple[str, str], tuple[object, str]]:
    return {
        (n.indikator, n.kolom): (n.angka if n.angka is not None else n.teks, n.sel)
        for n in hasil.nilai
    }


def test_nilai_dengan_selnya_dan_hasil_dapat_dipickle(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    berkas = isi(ruang_pm, tmp_path / "apa saja.xlsx")
    hasil = baca(ruang_pm, berkas)
    assert hasil.diterima and hasil.tim == "PM" and hasil.periode == "2022-06"
    assert hasil.dikenali_dari == "metadata"
    nilai = nilai_dari(hasil)
    assert nilai[("IKK-1.1", "pembilang")] == (120.0, "K11")
    assert nilai[("IKK-1.1", "penyebut")] == (300.0, "L11")
    assert nilai[("IKK-1.1", "realisasi")] == (40.0, "J11"), "realisasi = 100 * p / q"
    assert nilai[("IKK-1.3", "realisasi")] == (300.0, "J12")
    assert nilai[("IKK-1.3", "kendala")] == ("=1+1", "O12"), "teks rumus tetap teks"
    assert nilai[("", "anggaran")][0] == 95_000_000
    assert (hasil.diisi_oleh, hasil.tanggal_pengisian) == ("Rina Marlina", "2022-07-04")
    assert hasil.sel_kendala == {"IKK-1.1": "O11", "IKK-1.3": "O12", "IKK-1.4": "O13"}
    assert hasil.data == berkas.read_bytes()
    kembali = pickle.loads(pickle.dumps(hasil))
    assert kembali == hasil, "dikirim balik dari proses pekerja"
    assert all(type(n) is NilaiTerbaca for n in kembali.nilai)
    assert kembali.nilai[0].sel == hasil.nilai[0].sel
    ditolak = HasilBaca("x", "x.xlsx", 0, "", 0.0, False)
    assert pickle.loads(pickle.dumps(ditolak)) == ditolak


def test_angka_sebagai_teks_dan_jenis_sel_calamine(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    def ketik(wb: Workbook) -> None:
        ws = wb["Capaian"]
        ws["J12"].value = "00300"  # number stored as text: calamine gives the string
        ws["J12"].data_type = "s"
        ws["J13"].value = date(2022, 6, 1)  # a date typed where a number belongs
        ws["J13"].number_format = "dd/mm/yyyy"

    hasil = baca(ruang_pm, isi(ruang_pm, tmp_path / "a.xlsx", ubah_wb=ketik))
    nilai = nilai_dari(hasil)
    assert nilai[("IKK-1.3", "realisasi")] == (300.0, "J12")
    (salah,) = [t for t in hasil.temuan if t.kode == "bukan-angka"]
    assert (salah.sel, salah.indikator) == ("J13", "IKK-1.4")
    assert "tanggal" in salah.pesan
    assert ("IKK-1.4", "realisasi") not in nilai


def test_baris_dicocokkan_dengan_kode_dan_kolom_dengan_label(
    ruang_pm: RuangKerja, tmp_path: Path
) -> None:
    """A user who inserts a column and sorts rows differently still gets the right
    values, and findings point at the cells where the values really are."""

    def geser(wb: Workbook) -> None:
        ws = wb["Capaian"]
        ws.insert_cols(3)  # everything from C moves one column right
        ws["C10"] = "Catatan sendiri"
        a = [c.value for c in ws[11]]
        b = [c.value for c in ws[13]]
        for k, (x, y) in enumerate(zip(a, b, strict=True), start=1):
            ws.cell(row=11, column=k).value = y
            ws.cell(row=13, column=k).value = x

    isian = {**ISIAN, "IKK-1.4": {"realisasi": "lima", "bukti": "b"}}
    hasil = baca(ruang_pm, isi(ruang_pm, tmp_path / "geser.xlsx", isian, ubah_wb=geser))
    assert hasil.diterima
    nilai = nilai_dari(hasil)
    assert nilai[("IKK-1.1", "pembilang")] == (120.0, "L13")
    assert nilai[("IKK-1.3", "realisasi")] == (300.0, "K12")
    (salah,) = [t for t in hasil.temuan if t.kode == "bukan-angka"]
    assert (salah.sel, salah.indikator) == ("K11", "IKK-1.4")


def test_metadata_dari_properti_dokumen_bila_lembar_hilang(
    ruang_pm: RuangKerja, tmp_path: Path
) -> None:
    hasil = baca(
        ruang_pm, isi(ruang_pm, tmp_path / "b.xlsx", ubah_wb=lambda wb: wb.remove(wb["_kinerja"]))
    )
    assert hasil.diterima and hasil.dikenali_dari == "metadata"
    assert hasil.meta["tim"] == "PM" and hasil.meta["periode"] == "2022-06"
    assert not [t for t in hasil.temuan if t.kode == "dikenali-dari-label"]


def test_metadata_properti_gaya_excel_dan_entitas_xml(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    """Excel declares the ``vt`` namespace on the root element (openpyxl on each value);
    both forms are read, and XML entities in a value are decoded."""
    asli = isi(ruang_pm, tmp_path / "asli.xlsx", ubah_wb=lambda wb: wb.remove(wb["_kinerja"]))
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    properti = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" '
        f'name="kinerja_{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(
            {"format_versi": "1", "tim": "PM", "periode": "2022&#45;06"}.items(), start=2
        )
    )
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="{vt}">{properti}</Properties>'
    )
    gaya_excel = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(asli) as masuk, zipfile.ZipFile(gaya_excel, "w") as keluar:
        for info in masuk.infolist():
            isi_zip = masuk.read(info.filename)
            if info.filename == "docProps/custom.xml":
                isi_zip = custom.encode()
            keluar.writestr(info, isi_zip)
    hasil = baca(ruang_pm, gaya_excel)
    assert hasil.diterima and hasil.dikenali_dari == "metadata"
    assert (hasil.meta["tim"], hasil.meta["periode"]) == ("PM", "2022-06")


def test_dikenali_dari_label_adalah_peringatan_terdaftar(
    ruang_pm: RuangKerja, tmp_path: Path
) -> None:
    def tanpa_meta(wb: Workbook) -> None:
        wb.remove(wb["_kinerja"])
        wb.custom_doc_props.props.clear()  # type: ignore[attr-defined]

    hasil = baca(ruang_pm, isi(ruang_pm, tmp_path / "c.xlsx", ubah_wb=tanpa_meta))
    assert KODE_TEMUAN["dikenali-dari-label"] is Tingkat.PERINGATAN
    assert hasil.diterima and hasil.dikenali_dari == "label"
    (t,) = [t for t in hasil.temuan if t.kode == "dikenali-dari-label"]
    assert t.lembar == "Capaian" and not t.galat


def test_berkas_lain_bulan_ditolak_dengan_bulan(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    berkas = isi(ruang_pm, tmp_path / "mei.xlsx", periode=Periode(2022, 5))
    hasil = periksa_berkas(berkas, ruang_pm.konfigurasi, Riwayat(), JUNI)
    assert not hasil.diterima and hasil.periode == "2022-05"
    assert [t.kode for t in hasil.temuan] == ["periode-di-luar"]
    assert hasil.data == b"", "berkas ditolak tidak membawa bitanya"


def test_bulan_terkunci_dan_duplikat_dari_riwayat(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    berkas = isi(ruang_pm, tmp_path / "d.xlsx")
    kunci = baca(ruang_pm, berkas, Riwayat(terkunci=frozenset({"2022-06"})))
    assert [t.kode for t in kunci.temuan] == ["bulan-terkunci"]
    import hashlib

    sha = hashlib.sha256(berkas.read_bytes()).hexdigest()
    dup = baca(ruang_pm, berkas, Riwayat(sha_dikenal=frozenset({sha})))
    assert dup.duplikat and not dup.diterima and dup.sha256 == sha


def test_bom_zip_ditolak_dari_direktori_tanpa_membuka(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    """A small zip whose directory declares a huge size is refused before any read."""
    asli = isi(ruang_pm, tmp_path / "asli.xlsx").read_bytes()
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(asli)) as masuk, zipfile.ZipFile(keluar, "w") as z:
        for info in masuk.infolist():
            z.writestr(info, masuk.read(info.filename))
    data = bytearray(keluar.getvalue())
    # declare 4 GB uncompressed for the first entry of the central directory
    pusat = data.find(b"PK\x01\x02")
    data[pusat + 24 : pusat + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    bom = tmp_path / "bom.xlsx"
    bom.write_bytes(bytes(data))
    assert len(data) < 100_000
    hasil = baca(ruang_pm, bom)
    assert [t.kode for t in hasil.temuan] == ["berkas-rusak"]
    assert "bom zip" in hasil.temuan[0].pesan


def test_ole_terenkripsi_dan_xls_rusak(ruang_pm: RuangKerja, tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    sandi = tmp_path / "sandi.xlsx"
    sandi.write_bytes(ole + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    rusak = tmp_path / "rusak.xls"
    rusak.write_bytes(ole + b"\x01" * 700)
    for berkas, kata in ((sandi, "terenkripsi"), (rusak, "tidak dapat dibaca")):
        hasil = baca(ruang_pm, berkas)
        assert [t.kode for t in hasil.temuan] == ["berkas-rusak"], berkas.name
        assert kata in hasil.temuan[0].pesan


def _ind(konfigurasi: Konfigurasi, kode: str) -> Indikator:
    return next(i for i in konfigurasi.indikator if i.kode == kode)


def test_masalah_batas(ruang_pm: RuangKerja) -> None:
    k = ruang_pm.konfigurasi
    assert masalah_batas(_ind(k, "IKK-1.3"), 800) is None
    assert "maksimum 800" in (masalah_batas(_ind(k, "IKK-1.3"), 801) or "")
    assert "negatif" in (masalah_batas(_ind(k, "IKK-1.4"), -1) or "")
    assert "100" in (masalah_batas(_ind(k, "IKK-1.1"), 100.5) or "")


def test_temuan_riwayat_membandingkan_dengan_bulan_lalu(ruang_pm: RuangKerja) -> None:
    k = ruang_pm.konfigurasi
    sel = {"IKK-1.1": "O11", "IKK-1.3": "O12", "IKK-1.4": "O13"}
    nilai = [
        NilaiTerbaca("IKK-1.1", "realisasi", 30.0, None, "J11"),  # target Q2 40 → 75 %
        NilaiTerbaca("IKK-1.4", "realisasi", 2.0, None, "J13"),  # kumulatif: 3 + 2 = target 5
    ]
    tanpa = temuan_riwayat(k, "PM", JUNI, nilai, sel, {})
    assert [(t.kode, t.indikator, t.sel) for t in tanpa] == [
        ("kendala-wajib", "IKK-1.1", "O11"),
        ("kendala-wajib", "IKK-1.4", "O13"),
    ]
    bulanan = {("PM", "IKK-1.1"): {5: 60.0}, ("PM", "IKK-1.4"): {4: 2.0, 5: 1.0, 6: 99.0}}
    dengan = temuan_riwayat(k, "PM", JUNI, nilai, sel, bulanan)
    assert [(t.kode, t.indikator) for t in dengan] == [
        ("kendala-wajib", "IKK-1.1"),
        ("memburuk-tanpa-catatan", "IKK-1.1"),
    ], "bulan ini sendiri (99) tidak ikut dari riwayat; IKK-1.4 mencapai target 5"
    kendala = [*nilai, NilaiTerbaca("IKK-1.1", "kendala", None, "Sinyal", "O11")]
    assert temuan_riwayat(k, "PM", JUNI, kendala, sel, bulanan) == []


@settings(max_examples=40, deadline=None)
@given(
    realisasi=st.floats(min_value=0, max_value=100, allow_nan=False),
    lalu=st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_kendala_terisi_tidak_pernah_memicu_temuan_riwayat(realisasi: float, lalu: float) -> None:
    from pengumpulan_kinerja.konfigurasi import muat_konfigurasi
    from pengumpulan_kinerja.ruang_kerja import folder_sumber

    k = _KONFIGURASI.get("k") or muat_konfigurasi(folder_sumber("examples") / "kinerja.yaml")
    _KONFIGURASI["k"] = k
    nilai = [
        NilaiTerbaca("IKK-1.1", "realisasi", realisasi, None, "J11"),
        NilaiTerbaca("IKK-1.1", "kendala", None, "Ada kendala", "O11"),
    ]
    hasil = temuan_riwayat(k, "PM", JUNI, nilai, {"IKK-1.1": "O11"}, {("PM", "IKK-1.1"): {5: lalu}})
    assert hasil == []


_KONFIGURASI: dict[str, Konfigurasi] = {}


def test_persen_yang_diketik_di_excel_dibaca_seperti_tampilannya(tmp_path: Path) -> None:
    """Typing ``85%`` in Excel stores 0.85 with a percent format: read as 85, as shown;
    a plain 0.5 stays 0.5."""
    ruang = buat_ruang_kerja(tmp_path / "ruang")
    buat_instrumen(ruang, JUNI, tim="UMM", oleh="uji")
    tujuan = tmp_path / "umm.xlsx"
    isi_instrumen(ruang.folder_instrumen(JUNI) / "UMM_2022-06.xlsx", tujuan, {}, 1_000_000)
    wb = load_workbook(tujuan)
    ws = wb["Capaian"]
    baris = {ws.cell(row=r, column=2).value: r for r in range(11, ws.max_row + 1)}
    ws[f"J{baris['IKK-3.2']}"] = 0.85
    ws[f"J{baris['IKK-3.2']}"].number_format = "0%"
    ws[f"J{baris['IKK-3.5']}"] = 0.125
    ws[f"J{baris['IKK-3.5']}"].number_format = '0.0" "%'
    ws[f"J{baris['IKK-3.4']}"] = 0.5
    wb.save(tujuan)
    nilai = {(n.indikator, n.kolom): n.angka for n in baca(ruang, tujuan).nilai}
    assert nilai[("IKK-3.2", "realisasi")] == pytest.approx(85)
    assert nilai[("IKK-3.5", "realisasi")] == pytest.approx(12.5)
    assert nilai[("IKK-3.4", "realisasi")] == 0.5
