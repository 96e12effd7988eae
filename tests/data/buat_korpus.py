"""The hostile-input corpus: ≥ 40 bad inputs made from a real filled instrument, each
with the outcome it must produce (status and finding code).

Made at test time (``buat_korpus``) so it always matches the bundled example
configuration; run this file to write the corpus into a folder for inspection:

    python tests/data/buat_korpus.py /tmp/korpus
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from pengumpulan_kinerja.contoh import isi_instrumen
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja

JUNI = Periode(2022, 6)
ISIAN_PM: dict[str, dict[str, object]] = {
    "IKK-1.1": {"pembilang": 120, "penyebut": 300, "kendala": "-", "rtl": "-"},
    "IKK-1.3": {"realisasi": 300, "bukti": "https://x/3"},
    "IKK-1.4": {"realisasi": 5, "bukti": "https://x/4"},
}


@dataclass(frozen=True)
class Kasus:
    nama: str
    status: str
    """``diterima`` or ``ditolak`` (``dilewati`` for files himpun does not open)."""
    kode: str | None
    """A finding code that must be produced (None: no galat at all)."""
    sel: str = ""
    lembar: str = ""
    """The sheet the finding ``kode`` must name (when given)."""


def _zip_dari(data: bytes, ubah: Callable[[str, bytes], bytes | None]) -> bytes:
    masuk = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            isi = ubah(info.filename, masuk.read(info.filename))
            if isi is not None:
                z.writestr(info.filename, isi)
    return keluar.getvalue()


def _bom(ukuran_mb: int, entri: int = 1) -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(entri):
            z.writestr(f"xl/worksheets/sheet{k}.xml", b" " * (ukuran_mb * 1024 * 1024 // entri))
    return keluar.getvalue()


def buat_korpus(ruang: RuangKerja, folder: Path) -> list[Kasus]:
    """Write every case into ``folder`` (one file each); return the expectations."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx").exists():
        buat_instrumen(ruang, JUNI, tim="PM", oleh="korpus")
    instrumen = ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx"
    dasar = folder.parent / f"_{folder.name}-dasar.xlsx"
    isi_instrumen(instrumen, dasar, ISIAN_PM, 100_000_000, "Rina", date(2022, 7, 4))
    asli = dasar.read_bytes()
    kasus: list[Kasus] = []

    def bita(
        nama: str, data: bytes, status: str, kode: str | None, sel: str = "", lembar: str = ""
    ) -> None:
        (folder / nama).write_bytes(data)
        kasus.append(Kasus(nama, status, kode, sel, lembar))

    def buku(
        nama: str,
        ubah: Callable[[Workbook], None],
        status: str,
        kode: str | None,
        sel: str = "",
        lembar: str = "",
    ) -> None:
        wb = load_workbook(dasar)
        ubah(wb)
        wb.save(folder / nama)
        kasus.append(Kasus(nama, status, kode, sel, lembar))

    def isi(
        nama: str, kolom: dict[str, dict[str, object]], status: str, kode: str | None, sel: str = ""
    ) -> None:
        isian = {k: dict(v) for k, v in ISIAN_PM.items()}
        for k, v in kolom.items():
            isian[k].update(v)
        isi_instrumen(instrumen, folder / nama, isian, 100_000_000, "Rina", date(2022, 7, 4))
        kasus.append(Kasus(nama, status, kode, sel))

    # --- the container: not a workbook, broken, hostile --------------------------------
    bita("01-kosong.xlsx", b"", "ditolak", "berkas-rusak")
    bita("02-terpotong-awal.xlsx", asli[:100], "ditolak", "berkas-rusak")
    bita("03-terpotong-tengah.xlsx", asli[: len(asli) // 2], "ditolak", "berkas-rusak")
    bita("04-zip-acak.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40, "ditolak", "berkas-rusak")
    bita("05-bom-zip.xlsx", _bom(80), "ditolak", "berkas-rusak")
    bita("06-bom-banyak-entri.xlsx", _bom(1, entri=2500), "ditolak", "berkas-rusak")
    bita("07-csv-bernama-xlsx.xlsx", b"Kode,Realisasi\nIKK-1.3,300\n", "ditolak", "berkas-rusak")
    bita(
        "08-pdf-bernama-xlsx.xlsx",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "ditolak",
        "berkas-rusak",
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    bita(
        "09-sandi.xlsx",
        ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2048,
        "ditolak",
        "berkas-rusak",
    )
    bita("10-ole-rusak.xls", ole + b"\xff" * 3000, "ditolak", "berkas-rusak")
    bita(
        "11-html-bernama-xls.xls",
        b"<html><table><tr><td>IKK-1.3</td><td>300</td></tr></table></html>",
        "ditolak",
        "berkas-rusak",
    )
    bita("12-teks-bernama-ods.ods", b"bukan spreadsheet", "ditolak", "berkas-rusak")
    bita(
        "13-xml-raksasa.xlsx",
        _zip_dari(
            asli,
            lambda n, d: d + b" " * (70 * 1024 * 1024) if n == "xl/worksheets/sheet2.xml" else d,
        ),
        "ditolak",
        "berkas-rusak",
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY rahasia SYSTEM "file:///etc/passwd">]>'

    def xxe_ubah(nama: str, isi: bytes) -> bytes:
        if nama != "xl/worksheets/sheet5.xml":
            return isi
        badan = isi.split(b"?>", 1)[-1] if isi.startswith(b"<?xml") else isi
        return xxe + badan.replace(b">PM<", b">&rahasia;<")

    bita("14-xxe.xlsx", _zip_dari(asli, xxe_ubah), "ditolak", None)
    sarang = b"<a>" * 100_000 + b"</a>" * 100_000
    bita(
        "15-xml-bersarang.xlsx",
        _zip_dari(asli, lambda n, d: sarang if n == "xl/worksheets/sheet2.xml" else d),
        "ditolak",
        None,
    )
    bita("16-bukan-zip-ods.ods", b"PK\x05\x06" + b"\0" * 18, "ditolak", "berkas-rusak")

    # --- a workbook, but not (or no longer) an instrument --------------------------------
    lain = Workbook()
    lain.active.append(["Nama", "Nilai"])  # type: ignore[union-attr]
    lain.save(folder / "17-buku-lain.xlsx")
    kasus.append(Kasus("17-buku-lain.xlsx", "ditolak", "bukan-instrumen"))
    buku(
        "18-label-diubah.xlsx",
        lambda wb: wb["Capaian"].__setitem__("J10", "Nilai Bulan Ini"),
        "ditolak",
        "bukan-instrumen",
    )
    buku("19-kolom-disisipkan.xlsx", lambda wb: wb["Capaian"].insert_cols(3), "diterima", None)
    buku(
        "20-baris-dihapus.xlsx",
        lambda wb: wb["Capaian"].delete_rows(12),
        "ditolak",
        "indikator-hilang",
    )

    def tukar(wb: Workbook) -> None:
        ws = wb["Capaian"]
        for c in range(1, 19):
            a, b = ws.cell(row=11, column=c), ws.cell(row=13, column=c)
            a.value, b.value = b.value, a.value

    buku("21-baris-ditukar.xlsx", tukar, "diterima", None)
    buku(
        "22-lembar-diganti-nama.xlsx",
        lambda wb: setattr(wb["Capaian"], "title", "Data Kinerja"),
        "diterima",
        None,
    )
    buku(
        "23-lembar-disembunyikan.xlsx",
        lambda wb: setattr(wb["Capaian"], "sheet_state", "hidden"),
        "diterima",
        None,
    )

    def meta(kunci: str, nilai: str) -> Callable[[Workbook], None]:
        def ubah(wb: Workbook) -> None:
            ws = wb["_kinerja"]
            for r in range(1, 10):
                if ws.cell(row=r, column=1).value == kunci:
                    ws.cell(row=r, column=2).value = nilai

        return ubah

    buku("24-meta-tim-lain.xlsx", meta("tim", "FPD"), "ditolak", "indikator-hilang")
    buku("25-meta-tahun-lain.xlsx", meta("periode", "2021-06"), "ditolak", "periode-di-luar")
    buku("26-meta-versi-asing.xlsx", meta("format_versi", "7"), "ditolak", "versi-tidak-dikenal")
    buku("27-meta-tim-asing.xlsx", meta("tim", "ZZZ"), "ditolak", "tim-tidak-dikenal")

    def tanpa_meta(wb: Workbook) -> None:
        del wb["_kinerja"]
        wb.custom_doc_props.props.clear()  # type: ignore[attr-defined]

    buku("28-meta-dihapus.xlsx", tanpa_meta, "diterima", "dikenali-dari-label")

    def tanpa_apa_pun(wb: Workbook) -> None:
        tanpa_meta(wb)
        for r in range(3, 9):
            wb["Capaian"].cell(row=r, column=3).value = None

    buku("29-meta-dan-blok-hilang.xlsx", tanpa_apa_pun, "ditolak", "bukan-instrumen")

    def sejuta(wb: Workbook) -> None:
        wb["Capaian"]["A1000000"] = "x"

    buku("30-sejuta-baris.xlsx", sejuta, "ditolak", "berkas-rusak")

    # --- values ------------------------------------------------------------------------
    def sel(koordinat: str, nilai: object, jenis: str | None = None) -> Callable[[Workbook], None]:
        def ubah(wb: Workbook) -> None:
            c = wb["Capaian"][koordinat]
            c.value = nilai
            if jenis:
                c.data_type = jenis

        return ubah

    buku(
        "31-tanggal-di-angka.xlsx",
        sel("J12", datetime(2022, 6, 30)),
        "diterima",
        "bukan-angka",
        "J12",
    )
    buku("32-boolean-di-angka.xlsx", sel("J12", True), "diterima", "bukan-angka", "J12")
    isi("33-angka-sebagai-teks.xlsx", {"IKK-1.3": {"realisasi": "312"}}, "diterima", None)
    buku("34-galat-div0.xlsx", sel("J12", "#DIV/0!", "e"), "diterima", "bukan-angka", "J12")
    buku(
        "35-rumus-tanpa-nilai.xlsx", sel("J12", "=SUM(1,2)"), "diterima", "rumus-tanpa-nilai", "J12"
    )

    def rumus_bernilai(nama: str, isi_xml: bytes) -> bytes:
        if nama != "xl/worksheets/sheet2.xml":
            return isi_xml
        return re.sub(
            rb'<c r="J12"([^>]*?) t="n"><v>300</v></c>',
            rb'<c r="J12"\1><f>SUM(100,200)</f><v>300</v></c>',
            isi_xml,
        )

    bita("46-rumus-dengan-nilai.xlsx", _zip_dari(asli, rumus_bernilai), "diterima", None)
    isi(
        "36-teks-sangat-panjang.xlsx",
        {"IKK-1.3": {"kendala": "Kendala panjang. " * 2000}},
        "diterima",
        "teks-terpotong",
    )
    buku("37-kode-nfd-lebar-nol.xlsx", sel("B12", "IKK\u200b-1.3"), "diterima", None)
    buku("38-kode-tanda-rtl.xlsx", sel("B12", "\u200fIKK-1.3\u200e"), "diterima", None)
    buku("39-sel-digabung.xlsx", lambda wb: wb["Capaian"].merge_cells("O12:R12"), "diterima", None)
    isi(
        "40-angka-ambigu.xlsx",
        {"IKK-1.3": {"realisasi": "1.234"}},
        "diterima",
        "bukan-angka",
        "J12",
    )
    isi("41-negatif.xlsx", {"IKK-1.3": {"realisasi": -5}}, "diterima", "di-luar-batas", "J12")
    isi(
        "42-persen-di-atas-100.xlsx",
        {"IKK-1.1": {"pembilang": 400, "penyebut": 300}},
        "diterima",
        "pembilang-melebihi-penyebut",
        "K11",
    )
    isi(
        "43-rumus-injeksi-teks.xlsx",
        {
            "IKK-1.3": {
                "kendala": '=HYPERLINK("http://x";"klik")',
                "rtl": "@SUM(A1)",
                "upaya": "+cmd|' /C calc'!A0",
            }
        },
        "diterima",
        None,
    )
    isi(
        "44-unicode-nfd-teks.xlsx",
        {"IKK-1.3": {"kendala": "Kegiatan di Pesisir Barat tertunda cuaca", "rtl": "Jadwal ulang"}},
        "diterima",
        None,
    )
    isi(
        "45-..\\..\\nama-traversal $(rm -rf).xlsx",
        {"IKK-1.3": {"realisasi": 299}},
        "diterima",
        None,
    )

    # --- sheets that would make the reader allocate without bound (issue 15, class 1) ---
    def di_lembar(berkas_xml: str, ubah: Callable[[bytes], bytes]) -> bytes:
        return _zip_dari(asli, lambda n, d: ubah(d) if n == berkas_xml else d)

    sel_jauh = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    bita(
        "47-xfd-di-pengesahan.xlsx",
        di_lembar("xl/worksheets/sheet4.xml", lambda d: d.replace(b"</sheetData>", sel_jauh)),
        "ditolak",
        "berkas-rusak",
        lembar="Pengesahan",
    )
    tanpa_r = b'<row r="4999"><c t="n"><v>1</v></c>' + b"<c/>" * 300 + b"</row></sheetData>"
    bita(
        "48-sel-tanpa-r-melebar.xlsx",
        di_lembar("xl/worksheets/sheet3.xml", lambda d: d.replace(b"</sheetData>", tanpa_r)),
        "ditolak",
        "berkas-rusak",
        lembar="Anggaran",
    )
    bita(
        "49-r-ganda.xlsx",
        di_lembar(
            "xl/worksheets/sheet2.xml", lambda d: d.replace(b'<c r="A1"', b'<c r="A1" r="XFD9"', 1)
        ),
        "ditolak",
        "berkas-rusak",
        lembar="Capaian",
    )
    ns = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    berawalan = b'<x:row r="90000"><x:c r="A90000"><x:v>1</x:v></x:c></x:row></sheetData>'
    bita(
        "50-sel-berawalan-jauh.xlsx",
        di_lembar(
            "xl/worksheets/sheet5.xml",
            lambda d: d.replace(b"<worksheet ", b"<worksheet " + ns, 1).replace(
                b"</sheetData>", berawalan
            ),
        ),
        "ditolak",
        "berkas-rusak",
        lembar="_kinerja",
    )
    bita(
        "51-ods-baris-berulang.ods",
        _ods_berulang(6000),
        "ditolak",
        "berkas-rusak",
        lembar="Capaian",
    )

    # --- numbers out of range (class 4) --------------------------------------------------
    isi(
        "52-angka-400-digit.xlsx",
        {"IKK-1.3": {"realisasi": "1" * 400}},
        "diterima",
        "angka-terlalu-besar",
        "J12",
    )
    bita(
        "53-angka-tak-hingga.xlsx",
        di_lembar(
            "xl/worksheets/sheet2.xml",
            lambda d: re.sub(rb'(<c r="J12"[^>]*>)<v>300</v>', rb"\1<v>1e400</v>", d),
        ),
        "diterima",
        "angka-terlalu-besar",
        "J12",
    )
    isi(
        "54-di-atas-1e15.xlsx",
        {"IKK-1.3": {"realisasi": 2e16}},
        "diterima",
        "angka-terlalu-besar",
        "J12",
    )
    isi(
        "55-rasio-1e308.xlsx",
        {"IKK-1.1": {"pembilang": 1e308, "penyebut": 1e308}},
        "diterima",
        None,
    )
    isi(
        "56-persen-di-satuan-lain.xlsx",
        {"IKK-1.3": {"realisasi": "85%"}},
        "diterima",
        "persen-salah-satuan",
        "J12",
    )

    # --- quiet skips and wrong codes (class 8), messages (issue 16) -----------------------
    def anggaran_rumus(wb: Workbook) -> None:
        wb["Anggaran"]["C13"] = "=SUM(1,2)"

    buku(
        "57-anggaran-rumus-tanpa-nilai.xlsx",
        anggaran_rumus,
        "diterima",
        "rumus-tanpa-nilai",
        "C13",
        "Anggaran",
    )
    isi(
        "58-sel-32767-karakter.xlsx",
        {"IKK-1.3": {"realisasi": "x" * 32_767}},
        "diterima",
        "bukan-angka",
        "J12",
    )

    def pengesahan(oleh: object, tanggal: object) -> Callable[[Workbook], None]:
        def ubah(wb: Workbook) -> None:
            wb["Pengesahan"]["C4"] = oleh
            wb["Pengesahan"]["C6"] = tanggal

        return ubah

    buku(
        "59-pengesahan-kosong.xlsx",
        pengesahan(None, None),
        "diterima",
        "pengesahan-kosong",
        "C4",
        "Pengesahan",
    )
    buku(
        "60-tanggal-tak-terbaca.xlsx",
        pengesahan("Rina", "kemarin sore"),
        "diterima",
        "pengesahan-kosong",
        "C6",
        "Pengesahan",
    )
    isi(
        "61-kendala-strip-dianggap-kosong.xlsx",
        {"IKK-1.4": {"realisasi": 1, "kendala": "nihil", "rtl": "\u2014"}},
        "diterima",
        "kendala-wajib",
        "O13",
    )
    return kasus


def _ods_berulang(baris: int) -> bytes:
    """A small ODS whose sheet ``Capaian`` repeats a row holding a value ``baris``
    times (python-calamine expands repeats when it opens the file)."""
    isi = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Capaian">'
        f'<table:table-row table:number-rows-repeated="{baris}">'
        '<table:table-cell table:number-columns-repeated="3" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
        z.writestr("content.xml", isi)
    return keluar.getvalue()


if __name__ == "__main__":
    tujuan = Path(sys.argv[1] if len(sys.argv) > 1 else "korpus")
    ruang_sementara = buat_ruang_kerja(tujuan / "_ruang")
    for k in buat_korpus(ruang_sementara, tujuan):
        print(f"{k.nama:45} {k.status:9} {k.kode or '-'} {k.lembar}!{k.sel}")
