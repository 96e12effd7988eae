"""himpun: real filled workbooks in, findings and ledger rows out."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from pengumpulan_kinerja import himpun as modul_himpun
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.contoh import isi_instrumen
from pengumpulan_kinerja.galat import PenggunaanError
from pengumpulan_kinerja.himpun import HasilHimpun, himpun, kelengkapan
from pengumpulan_kinerja.instrumen import buat_instrumen
from pengumpulan_kinerja.kiriman import bersihkan_kiriman
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from pengumpulan_kinerja.temuan import Temuan
from tests.pembantu import atur_waktu, isi_bulan, kirim_nilai

JUNI = Periode(2022, 6)
TEPAT = datetime(2022, 7, 5, 9, 0)
runner = CliRunner()

PM_BAIK: dict[str, dict[str, object]] = {
    "IKK-1.1": {"pembilang": 120, "penyebut": 300, "bukti": "https://x/1"},
    "IKK-1.3": {"realisasi": 300, "bukti": "https://x/3"},
    "IKK-1.4": {"realisasi": 5, "bukti": "https://x/4"},
}


@pytest.fixture
def juni(ruang: RuangKerja) -> RuangKerja:
    buat_instrumen(ruang, JUNI, oleh="uji")
    return ruang


def isi_pm(
    ruang: RuangKerja,
    folder: Path,
    isian: dict[str, dict[str, object]] | None = None,
    nama: str = "pm juni.xlsx",
    ubah_wb: Callable[[Workbook], None] | None = None,
    waktu: datetime = TEPAT,
    anggaran: object = 100_000_000,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tujuan = folder / nama
    isi_instrumen(
        ruang.folder_instrumen(JUNI) / "PM_2022-06.xlsx",
        tujuan,
        isian if isian is not None else PM_BAIK,
        anggaran,
        "Rina",
        date(2022, 7, 4),
    )
    if ubah_wb is not None:
        wb = load_workbook(tujuan)
        ubah_wb(wb)
        wb.save(tujuan)
    atur_waktu(tujuan, waktu)
    return tujuan


def kode_temuan(hasil: HasilHimpun) -> dict[str, list[str]]:
    keluar: dict[str, list[str]] = {}
    for t in hasil.temuan:
        keluar.setdefault(t.kode, []).append(t.sel)
    return keluar


def test_bulan_lengkap_diterima_dan_dicatat(juni: RuangKerja) -> None:
    folder = isi_bulan(juni, JUNI, kecuali=["FPP"], terlambat=["KMT"])
    hasil = himpun(juni, folder, oleh="Tim SAKIP")
    status = {b.tim: b.status for b in hasil.berkas}
    assert status == {t: "diterima" for t in ("PM", "FPD", "FPM", "KMT", "DTI", "UMM")}
    (lengkap,) = hasil.kelengkapan
    assert lengkap.terlambat == ("KMT",)
    assert [k for k, _ in lengkap.belum] == ["FPP"]
    assert len(lengkap.tepat_waktu) == 5
    assert "terlambat" in kode_temuan(hasil)
    with juni.buka_buku_besar() as buku:
        kiriman = buku._q("SELECT * FROM kiriman ORDER BY tim")
        assert len(kiriman) == 6
        for k in kiriman:
            salinan = juni.akar / k["salinan"]
            assert hashlib.sha256(salinan.read_bytes()).hexdigest() == k["sha256"]
            assert salinan.read_bytes() == Path(k["berkas_asal"]).read_bytes()
        nilai = {(n.indikator, n.kolom): n for n in buku.nilai_kini("2022-06")}
        p, q = nilai[("IKK-1.1", "pembilang")].angka, nilai[("IKK-1.1", "penyebut")].angka
        assert p is not None and q is not None
        assert nilai[("IKK-1.1", "realisasi")].angka == pytest.approx(100 * p / q)
        assert ("", "anggaran") in nilai
        peristiwa = buku.peristiwa("2022-06")
        assert [(e.langkah, e.aksi) for e in peristiwa][-1] == (5, "himpun")
        assert len(buku.audit()) == len(buku.nilai_kini("2022-06"))
        assert {a.sumber for a in buku.audit()} == {"kiriman"}
    assert all(p.exists() for p in folder.iterdir()), "berkas masukan tidak dipindah"


def test_angka_cara_indonesia(juni: RuangKerja, tmp_path: Path) -> None:
    isian = {
        "IKK-1.1": {"pembilang": " 1.200 ", "penyebut": "1.500,0"},
        "IKK-1.3": {"realisasi": "312,5", "bukti": "ada"},
        "IKK-1.4": {"realisasi": "5", "bukti": "ada"},
    }
    with pytest.MonkeyPatch.context():
        isi_pm(juni, tmp_path / "masuk", isian, anggaran="Rp 1.500.000")
    hasil = himpun(juni, tmp_path / "masuk")
    assert kode_temuan(hasil).get("bukan-angka") == ["K11"], "'1.200' ambigu tanpa Rp"
    with juni.buka_buku_besar() as buku:
        nilai = {(n.indikator, n.kolom): n.angka for n in buku.nilai_kini("2022-06")}
    assert nilai[("IKK-1.3", "realisasi")] == 312.5
    assert nilai[("", "anggaran")] == 1_500_000
    assert ("IKK-1.1", "realisasi") not in nilai, "nilai galat ditolak, bukan ditebak"


def test_setiap_temuan_nilai_menunjuk_selnya(juni: RuangKerja, tmp_path: Path) -> None:
    with juni.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(buku, [("2022-05", "PM", "IKK-1.1", "realisasi", 60.0, None)])

    def rusak(wb: Workbook) -> None:
        ws = wb["Capaian"]
        ws["J13"] = "=1+2"  # rumus tanpa nilai tersimpan
        ws["F12"] = 999  # target diubah
        ws["B15"] = "IKK-9.9"  # baris asing

    isian = {
        "IKK-1.1": {"pembilang": 10, "penyebut": 100},  # 10%: memburuk dari 60, kendala wajib
        "IKK-1.3": {"realisasi": 900},  # di atas batas maks 800
        "IKK-1.4": {},
    }
    isi_pm(juni, tmp_path / "a", isian, ubah_wb=rusak, anggaran="satu juta")
    hasil = himpun(juni, tmp_path / "a")
    (berkas,) = hasil.berkas
    assert berkas.status == "diterima", "galat nilai tidak menolak berkas"
    kode = kode_temuan(hasil)
    assert kode["di-luar-batas"] == ["J12"]
    assert kode["rumus-tanpa-nilai"] == ["J13"]
    assert kode["target-diubah"] == ["F12"]
    assert kode["baris-tak-dikenal"] == ["B15"]
    assert kode["kendala-wajib"] == ["O11"]
    assert kode["memburuk-tanpa-catatan"] == ["O11"]
    assert kode["bukti-kosong"] == ["R13"]
    assert kode["bukan-angka"] == ["C13"]
    temuan = {t.kode: t for t in hasil.temuan}
    assert temuan["di-luar-batas"].lokasi == "pm juni.xlsx › Capaian!J12"
    assert "800" in temuan["di-luar-batas"].pesan
    assert hasil.ada_galat


@pytest.mark.parametrize(
    ("isian", "kode", "sel"),
    [
        ({"pembilang": 5, "penyebut": 0}, "penyebut-nol", "L11"),
        ({"pembilang": 50, "penyebut": 20}, "pembilang-melebihi-penyebut", "K11"),
        ({"pembilang": "banyak", "penyebut": 20}, "bukan-angka", "K11"),
        ({}, "realisasi-kosong", "K11"),
        ({"pembilang": 5}, "realisasi-kosong", "L11"),
    ],
)
def test_pembilang_penyebut(
    juni: RuangKerja, tmp_path: Path, isian: dict[str, object], kode: str, sel: str
) -> None:
    isi_pm(juni, tmp_path / "b", {**PM_BAIK, "IKK-1.1": isian})
    hasil = himpun(juni, tmp_path / "b")
    assert kode_temuan(hasil)[kode] == [sel]


def test_kiriman_ulang_duplikat_dan_jejak_audit(juni: RuangKerja, tmp_path: Path) -> None:
    pertama = isi_pm(juni, tmp_path / "1")
    himpun(juni, tmp_path / "1")
    salinan_sama = tmp_path / "2" / "nama lain sama sekali.xlsx"
    salinan_sama.parent.mkdir()
    salinan_sama.write_bytes(pertama.read_bytes())
    dup = himpun(juni, tmp_path / "2")
    assert [(b.status, b.tim, b.periode) for b in dup.berkas] == [("duplikat", "PM", "2022-06")]
    assert kode_temuan(dup) == {"duplikat": [""]}
    assert "pm juni.xlsx" in dup.temuan[0].pesan, "menyebut kiriman yang sama"
    isi_pm(juni, tmp_path / "3", {**PM_BAIK, "IKK-1.3": {"realisasi": 280, "bukti": "b"}})
    ulang = himpun(juni, tmp_path / "3")
    assert "menggantikan" in kode_temuan(ulang)
    with juni.buka_buku_besar() as buku:
        kiriman = buku.kiriman()
        aktif = buku.id_aktif("2022-06")
        assert [(k.id in aktif, k.menggantikan) for k in kiriman] == [
            (False, None),
            (True, kiriman[0].id),
        ]
        jejak = [a for a in buku.audit(indikator="IKK-1.3") if a.kolom == "realisasi"]
        assert [(j.lama, j.baru) for j in jejak] == [(None, "300.0"), ("300.0", "280.0")]
        assert [j.kiriman_id for j in jejak] == [kiriman[0].id, kiriman[1].id]
        bukti = [a.baru for a in buku.audit(indikator="IKK-1.3") if a.kolom == "bukti"]
        assert bukti == ["https://x/3", "b"]


def _ubah_meta(kunci: str, nilai: str) -> Callable[[Workbook], None]:
    def ubah(wb: Workbook) -> None:
        ws = wb["_kinerja"]
        for r in range(1, 10):
            if ws.cell(row=r, column=1).value == kunci:
                ws.cell(row=r, column=2).value = nilai

    return ubah


@pytest.mark.parametrize(
    ("ubah", "kode"),
    [
        (_ubah_meta("tim", "XYZ"), "tim-tidak-dikenal"),
        (_ubah_meta("periode", "2023-06"), "periode-di-luar"),
        (_ubah_meta("format_versi", "9"), "versi-tidak-dikenal"),
        (lambda wb: wb["Capaian"].delete_rows(12), "indikator-hilang"),
        (lambda wb: wb["Capaian"].__setitem__("J10", "Nilai"), "bukan-instrumen"),
    ],
)
def test_galat_berkas_menolak_seluruh_berkas(
    juni: RuangKerja, tmp_path: Path, ubah: Callable[[Workbook], None], kode: str
) -> None:
    isi_pm(juni, tmp_path / "c", ubah_wb=ubah)
    hasil = himpun(juni, tmp_path / "c")
    assert [b.status for b in hasil.berkas] == ["ditolak"]
    assert kode in kode_temuan(hasil)
    with juni.buka_buku_besar() as buku:
        assert buku._q("SELECT COUNT(*) AS n FROM kiriman")[0]["n"] == 0
        assert buku.nilai_kini() == []
    assert not any((juni.akar / "kiriman").rglob("*.xlsx"))


def test_bulan_lain_dan_bulan_terkunci(juni: RuangKerja, tmp_path: Path) -> None:
    isi_pm(juni, tmp_path / "d")
    hasil = himpun(juni, tmp_path / "d", bulan=Periode(2022, 5))
    assert "periode-di-luar" in kode_temuan(hasil)
    with juni.buka_buku_besar() as buku, buku.transaksi():
        buku.conn.execute(
            "INSERT INTO keputusan (periode, jenis, oleh, waktu) VALUES ('2022-06','setujui','K','x')"
        )
    hasil = himpun(juni, tmp_path / "d")
    assert "bulan-terkunci" in kode_temuan(hasil)
    assert hasil.berkas[0].status == "ditolak"


def test_dikenali_dari_label_tanpa_metadata(juni: RuangKerja, tmp_path: Path) -> None:
    def buang_meta(wb: Workbook) -> None:
        del wb["_kinerja"]
        wb.custom_doc_props.props.clear()  # type: ignore[attr-defined]

    isi_pm(juni, tmp_path / "e", ubah_wb=buang_meta)
    hasil = himpun(juni, tmp_path / "e")
    assert hasil.berkas[0].status == "diterima"
    assert "dikenali-dari-label" in kode_temuan(hasil)


def _zip_bom() -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    return keluar.getvalue()


def test_berkas_rusak_dan_bukan_instrumen(juni: RuangKerja, tmp_path: Path) -> None:
    masuk = tmp_path / "f"
    masuk.mkdir()
    asli = isi_pm(juni, tmp_path / "asli")
    (masuk / "teks.xlsx").write_text("kode,nilai\nIKK-1.1,5\n", encoding="utf-8")
    (masuk / "kosong.xlsx").write_bytes(b"")
    (masuk / "potong.xlsx").write_bytes(asli.read_bytes()[:3000])
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200 + "EncryptionInfo".encode("utf-16-le")
    (masuk / "sandi.xlsx").write_bytes(ole + b"\0" * 1000)
    (masuk / "bom.xlsx").write_bytes(_zip_bom())
    lain = Workbook()
    lain.active.append(["Nama", "Nilai"])  # type: ignore[union-attr]
    lain.save(masuk / "lain.xlsx")
    (masuk / "~$pm juni.xlsx").write_bytes(b"kunci")
    (masuk / ".~lock.pm juni.xlsx#").write_bytes(b"kunci")
    (masuk / "catatan.docx").write_bytes(b"x")
    hasil = himpun(juni, masuk)
    per = {b.berkas: (b.status, [t.kode for t in b.temuan]) for b in hasil.berkas}
    for nama in ("teks.xlsx", "kosong.xlsx", "potong.xlsx", "sandi.xlsx", "bom.xlsx"):
        assert per[nama] == ("ditolak", ["berkas-rusak"]), nama
    assert per["lain.xlsx"] == ("ditolak", ["bukan-instrumen"])
    assert "terenkripsi" in next(t.pesan for t in hasil.temuan if t.berkas == "sandi.xlsx")
    assert "bom zip" in next(t.pesan for t in hasil.temuan if t.berkas == "bom.xlsx")
    assert hasil.dilewati == ("catatan.docx (bukan buku kerja .xlsx/.xlsm/.xls/.ods)",)
    assert len(hasil.berkas) == 6, "berkas kunci dilewati diam-diam"


def test_coba_tidak_menulis_apa_pun(juni: RuangKerja, tmp_path: Path) -> None:
    isi_pm(juni, tmp_path / "g")
    db = juni.berkas_buku_besar
    with juni.buka_buku_besar() as buku:
        sebelum = buku._q("SELECT COUNT(*) AS n FROM peristiwa")[0]["n"]
    hasil = himpun(juni, tmp_path / "g", coba=True)
    assert hasil.berkas[0].status == "diterima"
    with juni.buka_buku_besar() as buku:
        assert buku._q("SELECT COUNT(*) AS n FROM kiriman")[0]["n"] == 0
        assert buku._q("SELECT COUNT(*) AS n FROM peristiwa")[0]["n"] == sebelum
    assert not any((juni.akar / "kiriman").rglob("*.xlsx"))
    assert db.exists()


def test_kelengkapan_bulan_tanpa_kiriman(juni: RuangKerja) -> None:
    k = kelengkapan(juni, JUNI)
    assert len(k.belum) == 7 and not k.diterima


def test_cli_himpun_kode_keluar_laporan_umpan_balik(juni: RuangKerja, tmp_path: Path) -> None:
    isi_pm(
        juni,
        tmp_path / "h",
        {**PM_BAIK, "IKK-1.3": {"realisasi": "=HYPERLINK(1)", "kendala": "=cmd|' /C calc'!A0"}},
    )
    laporan = tmp_path / "temuan.xlsx"
    umpan = tmp_path / "umpan"
    hasil = runner.invoke(
        app,
        [
            "himpun",
            str(tmp_path / "h"),
            "-R",
            str(juni.akar),
            "--laporan",
            str(laporan),
            "--umpan-balik",
            str(umpan),
        ],
    )
    assert hasil.exit_code == 1, hasil.output
    assert "bukan-angka" in hasil.output and "Juni 2022" in hasil.output
    assert "belum mengirim" in hasil.output
    baris = CalamineWorkbook.from_path(str(laporan)).get_sheet_by_name("Temuan").to_python()
    assert baris[0] == [
        "berkas",
        "lembar",
        "sel",
        "tim",
        "periode",
        "indikator",
        "kode",
        "tingkat",
        "pesan",
    ]
    assert any(r[6] == "bukan-angka" and r[2] == "J12" for r in baris[1:])
    (umpan_pm,) = sorted(umpan.iterdir())
    assert umpan_pm.name == "umpan-balik-PM-2022-06.xlsx"
    ws = load_workbook(umpan_pm)["Umpan Balik"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row), (
        "teks dari tim tetap teks"
    )
    baik = isi_pm(juni, tmp_path / "i", nama="lagi.xlsx", anggaran=90_000_000)
    assert baik.exists()
    hasil = runner.invoke(app, ["himpun", str(tmp_path / "i"), "-R", str(juni.akar), "--json"])
    assert hasil.exit_code == 0, hasil.output
    assert '"status": "diterima"' in hasil.output
    salah = runner.invoke(app, ["himpun", str(tmp_path / "tidak-ada"), "-R", str(juni.akar)])
    assert salah.exit_code == 2 and "tidak ada" in salah.output


def test_folder_milik_kinerja_tidak_pernah_dihimpun(juni: RuangKerja, tmp_path: Path) -> None:
    isi_pm(juni, juni.akar / "masuk")
    hasil = himpun(juni, juni.akar)
    assert [b.tim for b in hasil.berkas] == ["PM"], "hanya berkas isian di masuk/"
    assert any(d.startswith("instrumen/") for d in hasil.dilewati)
    with pytest.raises(PenggunaanError, match="folder milik kinerja"):
        himpun(juni, juni.folder_instrumen(JUNI))


def test_kiriman_terbaru_menggantikan_apa_pun_namanya(juni: RuangKerja, tmp_path: Path) -> None:
    """Two files of one team and month in one run: the one received later wins, even
    when its name sorts first."""
    masuk = tmp_path / "dua"
    revisi = {**PM_BAIK, "IKK-1.3": {"realisasi": 280, "bukti": "b"}}
    isi_pm(juni, masuk, revisi, nama="pm juni revisi.xlsx", waktu=datetime(2022, 7, 5, 9))
    isi_pm(juni, masuk, nama="pm juni.xlsx", waktu=datetime(2022, 7, 3, 9))
    hasil = himpun(juni, masuk)
    assert [b.berkas for b in hasil.berkas] == ["pm juni.xlsx", "pm juni revisi.xlsx"]
    assert "menggantikan" in [t.kode for t in hasil.berkas[1].temuan]
    with juni.buka_buku_besar() as buku:
        (aktif,) = buku.kiriman_aktif()
        assert aktif.nama_berkas == "pm juni revisi.xlsx"
        nilai = {(n.indikator, n.kolom): n.angka for n in buku.nilai_kini("2022-06")}
    assert nilai[("IKK-1.3", "realisasi")] == 280


def test_beberapa_bulan_sekaligus_dibandingkan_dalam_satu_jalan(
    juni: RuangKerja, tmp_path: Path
) -> None:
    """May and June taken in by one run: June is compared with the May just taken in."""
    buat_instrumen(juni, Periode(2022, 5), tim="PM", oleh="uji")
    masuk = tmp_path / "dua-bulan"
    masuk.mkdir()
    mei = masuk / "mei.xlsx"
    isi_instrumen(
        juni.folder_instrumen(Periode(2022, 5)) / "PM_2022-05.xlsx",
        mei,
        {**PM_BAIK, "IKK-1.1": {"pembilang": 180, "penyebut": 300}},  # 60 %: 150 % of 40
        100_000_000,
    )
    atur_waktu(mei, datetime(2022, 6, 5, 9))
    isi_pm(juni, masuk, {**PM_BAIK, "IKK-1.1": {"pembilang": 90, "penyebut": 300}})  # 30 %
    hasil = himpun(juni, masuk)
    assert [b.periode for b in hasil.berkas] == ["2022-05", "2022-06"]
    juni_temuan = {(t.kode, t.sel) for t in hasil.berkas[1].temuan}
    assert ("memburuk-tanpa-catatan", "O11") in juni_temuan
    assert ("kendala-wajib", "O11") in juni_temuan
    assert [k.periode.kode for k in hasil.kelengkapan] == ["2022-05", "2022-06"]


def test_coba_melaporkan_penggantian_dan_tetap_menulis_laporan(
    juni: RuangKerja, tmp_path: Path
) -> None:
    isi_pm(juni, tmp_path / "pertama")
    himpun(juni, tmp_path / "pertama")
    isi_pm(juni, tmp_path / "kedua", {**PM_BAIK, "IKK-1.4": {"realisasi": "x", "bukti": "b"}})
    laporan = tmp_path / "temuan coba.xlsx"
    keluar = runner.invoke(
        app,
        [
            "himpun",
            str(tmp_path / "kedua"),
            "-R",
            str(juni.akar),
            "--coba",
            "--laporan",
            str(laporan),
        ],
    )
    assert keluar.exit_code == 1, keluar.output
    assert "menggantikan" in keluar.output and "coba" in keluar.output
    baris = CalamineWorkbook.from_path(str(laporan)).get_sheet_by_name("Temuan").to_python()
    assert {r[6] for r in baris[1:]} == {"bukan-angka", "menggantikan"}
    with juni.buka_buku_besar() as buku:
        assert buku._q("SELECT COUNT(*) AS n FROM kiriman")[0]["n"] == 1
    assert len(list((juni.akar / "kiriman").rglob("*.xlsx"))) == 1


def test_coba_kelengkapan_menghitung_berkas_yang_akan_diterima(
    juni: RuangKerja, tmp_path: Path
) -> None:
    folder = isi_bulan(juni, JUNI, folder=tmp_path / "m", kecuali=["FPP", "UMM"], terlambat=["DTI"])
    (lengkap,) = himpun(juni, folder, coba=True).kelengkapan
    assert lengkap.diterima == ("PM", "FPD", "FPM", "KMT", "DTI")
    assert lengkap.terlambat == ("DTI",)
    assert [k for k, _ in lengkap.belum] == ["FPP", "UMM"]
    assert not kelengkapan(juni, JUNI).diterima, "buku besar tidak berubah"


def test_proses_pekerja_menulis_salinan_sementara_lalu_menamainya(
    juni: RuangKerja, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files: a worker process reads, checks and writes the temporary copy; the
    ledger keeps only complete copies under their names."""
    monkeypatch.setattr(modul_himpun, "AMBANG_PARALEL", 2)
    folder = isi_bulan(juni, JUNI, folder=tmp_path / "banyak")
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan zip utuh")
    hasil = himpun(juni, folder)
    assert sorted(b.status for b in hasil.berkas) == ["diterima"] * 7 + ["ditolak"]
    with juni.buka_buku_besar() as buku:
        for k in buku._q("SELECT salinan, sha256 FROM kiriman"):
            data = (juni.akar / k["salinan"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == k["sha256"]
    semua = [p.name for p in (juni.akar / "kiriman").rglob("*") if p.is_file()]
    assert len(semua) == 7 and not [n for n in semua if n.endswith(".tmp")]


def test_sisa_jalan_terputus_dibersihkan(juni: RuangKerja, tmp_path: Path) -> None:
    folder = juni.akar / "kiriman" / "2022-06"
    folder.mkdir(parents=True)
    mati = subprocess.Popen(["true"])  # a writer that is gone
    mati.wait()
    hidup = subprocess.Popen(["sleep", "30"])
    try:
        (folder / f".a.xlsx.{mati.pid}.tmp").write_bytes(b"setengah")
        (folder / f".b.xlsx.{hidup.pid}.tmp").write_bytes(b"sedang ditulis")
        (folder / "muda.xlsx").write_bytes(b"salinan utuh tanpa baris buku besar")
        tua = folder / "tua.xlsx"
        tua.write_bytes(b"salinan utuh tanpa baris buku besar")
        atur_waktu(tua, datetime(2022, 1, 1))
        assert bersihkan_kiriman(juni) == 1, "hanya salinan sementara yang penulisnya mati"
        assert sorted(p.name for p in folder.iterdir()) == [
            f".b.xlsx.{hidup.pid}.tmp",
            "muda.xlsx",
            "tua.xlsx",
        ], "salinan utuh yang tidak dikenal buku besar tidak pernah dihapus"
    finally:
        hidup.kill()
        hidup.wait()


def _tiga_bulan_pm(ruang: RuangKerja, masuk: Path) -> None:
    """April 30 % (75 % of its target 40), May 60 % (150 %), June 35 % (87,5 %) for PM."""
    masuk.mkdir()
    for bulan, pembilang in ((4, 90), (5, 180)):
        periode = Periode(2022, bulan)
        buat_instrumen(ruang, periode, tim="PM", oleh="uji")
        berkas = masuk / f"pm {bulan}.xlsx"
        isi_instrumen(
            ruang.folder_instrumen(periode) / f"PM_{periode.kode}.xlsx",
            berkas,
            {**PM_BAIK, "IKK-1.1": {"pembilang": pembilang, "penyebut": 300}},
            100_000_000,
        )
        atur_waktu(berkas, datetime(2022, bulan + 1, 5, 9))
    isi_pm(ruang, masuk, {**PM_BAIK, "IKK-1.1": {"pembilang": 105, "penyebut": 300}})


def test_bulan_sebelumnya_dibandingkan_juga_lewat_proses_pekerja(
    juni: RuangKerja, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker process checks June against the May it checked a moment before in the
    same run (not the ledger's old state): the same findings as in one process."""
    masuk = tmp_path / "tiga-bulan"
    _tiga_bulan_pm(juni, masuk)
    monkeypatch.setattr(modul_himpun, "AMBANG_PARALEL", 2)
    dihitung_ulang: list[str] = []
    asli = modul_himpun.temuan_riwayat

    def hitung_ulang(*argumen: Any, **lain: Any) -> list[Temuan]:
        dihitung_ulang.append(argumen[2].kode)
        return asli(*argumen, **lain)

    # the main process's own recomputation (the worker uses pembaca's, in its process)
    monkeypatch.setattr(modul_himpun, "temuan_riwayat", hitung_ulang)
    hasil = himpun(juni, masuk)
    assert dihitung_ulang == [], "the worker already compared with the months before"
    assert [(b.periode, b.status) for b in hasil.berkas] == [
        ("2022-04", "diterima"),
        ("2022-05", "diterima"),
        ("2022-06", "diterima"),
    ]
    juni_temuan = {(t.kode, t.sel) for t in hasil.berkas[2].temuan}
    assert ("memburuk-tanpa-catatan", "O11") in juni_temuan
    pesan = next(t.pesan for t in hasil.berkas[2].temuan if t.kode == "memburuk-tanpa-catatan")
    assert "150,0% → 87,5%" in pesan


def test_dua_pekerja_temuan_sama_dengan_satu_proses(
    juni: RuangKerja, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers, one file per task: April, May and June of PM are checked by
    different workers, so a worker checking June has not seen May. The findings are
    those of a run in one process (the main process compares again with what it
    recorded)."""
    masuk = tmp_path / "tiga-bulan"
    _tiga_bulan_pm(juni, masuk)
    sendiri = himpun(juni, masuk, coba=True)
    monkeypatch.setattr(modul_himpun, "AMBANG_PARALEL", 2)
    monkeypatch.setattr(modul_himpun, "UKURAN_POTONGAN", 1)
    assert modul_himpun.JUMLAH_PEKERJA == 2
    hasil = himpun(juni, masuk)

    def ringkas(h: Any) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
        return [
            (b.periode, b.status, sorted((t.kode, t.sel, t.pesan) for t in b.temuan))
            for b in h.berkas
        ]

    tanpa_info = [(p, s, [t for t in ts if t[0] != "menggantikan"]) for p, s, ts in ringkas(hasil)]
    assert tanpa_info == ringkas(sendiri)
    pesan = [t[2] for t in tanpa_info[2][2] if t[0] == "memburuk-tanpa-catatan"]
    assert pesan and "150,0% → 87,5%" in pesan[0]


@pytest.mark.parametrize("paralel", [False, True])
def test_bulan_yang_ditolak_saat_dicatat_bukan_pembanding(
    juni: RuangKerja, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paralel: bool
) -> None:
    """May is approved (locked) after it was checked but before it is recorded: it is
    refused, and June is compared with April, the month actually recorded."""
    masuk = tmp_path / "tiga-bulan"
    _tiga_bulan_pm(juni, masuk)
    if paralel:
        monkeypatch.setattr(modul_himpun, "AMBANG_PARALEL", 2)

    def kunci_mei(selesai: int, _jumlah: int) -> None:
        if selesai == 1:
            with juni.buka_buku_besar() as buku, buku.transaksi():
                buku.catat_keputusan(
                    periode="2022-05",
                    jenis="setujui",
                    oleh="uji",
                    catatan="",
                    waktu=datetime(2022, 6, 10, 10, 0),
                )

    if paralel:
        # the worker may already have checked May when April is recorded: lock May
        # before the run, but hide it from the snapshot the worker starts with
        asli = modul_himpun.riwayat_buku

        def riwayat_tanpa_kunci(buku: object, tahun: int) -> object:
            riwayat = asli(buku, tahun)  # type: ignore[arg-type]
            kunci_mei(1, 3)
            return riwayat

        monkeypatch.setattr(modul_himpun, "riwayat_buku", riwayat_tanpa_kunci)
        hasil = himpun(juni, masuk)
    else:
        hasil = himpun(juni, masuk, kemajuan=kunci_mei)
    assert [(b.periode, b.status) for b in hasil.berkas] == [
        ("2022-04", "diterima"),
        ("2022-05", "ditolak"),
        ("2022-06", "diterima"),
    ]
    assert [t.kode for t in hasil.berkas[1].temuan] == ["bulan-terkunci"]
    juni_kode = {t.kode for t in hasil.berkas[2].temuan}
    assert "kendala-wajib" in juni_kode  # 87,5 % of this month's target
    assert "memburuk-tanpa-catatan" not in juni_kode  # better than April's 75 %


def test_setiap_berkas_dibaca_sekali_dan_buku_besar_dibuka_sekali(
    juni: RuangKerja, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code paths that keep himpun fast (bench/README.md): each workbook is read from
    disk once (its bytes are hashed, checked and copied), and the ledger is opened once
    per run, not once per file."""
    folder = isi_bulan(juni, JUNI, folder=tmp_path / "masuk")
    masukan = {p.resolve() for p in folder.iterdir()}
    assert len(masukan) == 7
    dibaca: list[Path] = []
    from pengumpulan_kinerja.pembaca import periksa as modul_periksa

    asli_baca = modul_periksa.baca_bita

    def baca(jalur: Path) -> tuple[bytes, os.stat_result]:
        if jalur.resolve() in masukan:
            dibaca.append(jalur.resolve())
        return asli_baca(jalur)

    dibuka: list[Path] = []
    asli_buka = modul_himpun.BukuBesar.__init__

    def buka(self: modul_himpun.BukuBesar, berkas: Path, batas_tunggu: float = 30.0) -> None:
        dibuka.append(berkas)
        asli_buka(self, berkas, batas_tunggu)

    monkeypatch.setattr(modul_periksa, "baca_bita", baca)
    monkeypatch.setattr(modul_himpun.BukuBesar, "__init__", buka)
    hasil = himpun(juni, folder)
    assert sorted(b.status for b in hasil.berkas) == ["diterima"] * 7
    assert sorted(dibaca) == sorted(masukan)  # each exactly once
    assert len(dibuka) == 1


def _lima_bulan_bersih(ruang: RuangKerja, dengan_temuan: str = "") -> Path:
    """January–May of every team (35 files), each indicator with its kendala and RTL
    filled, so no file has a finding; the team ``dengan_temuan`` keeps February's
    generated values (a value below target without kendala: ``kendala-wajib``)."""

    def lengkapi(tim: str, isian: dict[str, dict[str, object]], bulan: int) -> None:
        if tim == dengan_temuan and bulan == 2:
            return
        for nilai in isian.values():
            nilai["kendala"], nilai["rtl"] = "Cuaca buruk", "Kegiatan dijadwal ulang"

    for b in range(1, 6):
        isi_bulan(ruang, Periode(2022, b), ubah=lambda t, i, b=b: lengkapi(t, i, b))
    return ruang.akar / "masuk"


def _himpun_cli(
    ruang: RuangKerja, masuk: Path, monkeypatch: pytest.MonkeyPatch, *lain: str
) -> tuple[int, str]:
    from pengumpulan_kinerja.cli._umum import konsol

    monkeypatch.setattr(konsol, "width", 400)  # one line per row: fixed at import
    keluar = runner.invoke(app, ["himpun", str(masuk), "-R", str(ruang.akar), *lain])
    return keluar.exit_code, keluar.output


def test_keluaran_bawaan_tanpa_baris_per_berkas_bila_semua_bersih(
    ruang: RuangKerja, monkeypatch: pytest.MonkeyPatch
) -> None:
    """35 clean files: no table of files, one summary line per month (received of
    expected, on time, late, missing, files accepted), and a pointer to --rinci."""
    masuk = _lima_bulan_bersih(ruang)
    kode, keluaran = _himpun_cli(ruang, masuk, monkeypatch)
    assert kode == 0, keluaran
    assert "Capaian Tim" not in keluaran and "Hasil penghimpunan" not in keluaran
    for bulan in ("Januari", "Februari", "Maret", "April", "Mei"):
        baris = [b for b in keluaran.splitlines() if b.startswith(f"{bulan} 2022")]
        assert len(baris) == 1, keluaran
        assert "diterima 7/7 tim, tepat waktu 7, terlambat 0 (tidak ada)" in baris[0]
        assert "belum mengirim: tidak ada" in baris[0]
        assert baris[0].endswith("7 berkas: 7 diterima."), baris[0]
    assert "35 berkas lain (diterima tanpa temuan" in keluaran
    # run again: every file is an exact duplicate, counted per month, not listed
    kode, ulang = _himpun_cli(ruang, masuk, monkeypatch)
    assert kode == 0 and "Capaian Tim" not in ulang
    assert "7 berkas: 7 duplikat." in ulang and "Temuan" not in ulang


def test_keluaran_bawaan_menampilkan_berkas_bertemuan_dan_ditolak(
    ruang: RuangKerja, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with a finding and a rejected file are listed; the 34 clean ones are not,
    --rinci lists all 36 and --json keeps every file."""
    masuk = _lima_bulan_bersih(ruang, dengan_temuan="DTI")
    (masuk / "rusak.xlsx").write_bytes(b"bukan buku kerja")
    kode, keluaran = _himpun_cli(ruang, masuk, monkeypatch, "--coba")
    assert kode == 1, keluaran  # the broken workbook is a galat finding
    tercantum = {b for b in keluaran.splitlines() if "Capaian Tim" in b and "│" in b}
    assert len(tercantum) == 1, keluaran
    assert "Data, Teknologi, dan Informasi Februari 2022.xlsx" in tercantum.pop()
    assert "rusak.xlsx" in keluaran and "ditolak" in keluaran
    assert "kendala-wajib" in keluaran  # the findings themselves
    assert "34 berkas lain (diterima tanpa temuan" in keluaran
    assert "Bulan tidak dikenali: 1 berkas: 1 ditolak." in keluaran
    kode, rinci = _himpun_cli(ruang, masuk, monkeypatch, "--coba", "--rinci")
    assert kode == 1
    assert sum(1 for b in rinci.splitlines() if "Capaian Tim" in b and "│" in b) == 35
    assert "tidak ditampilkan" not in rinci
    kode, teks = _himpun_cli(ruang, masuk, monkeypatch, "--coba", "--json")
    assert kode == 1 and len(json.loads(teks)["berkas"]) == 36


def test_keluaran_ke_pipa_tanpa_batang_kemajuan(juni: RuangKerja, tmp_path: Path) -> None:
    """To a pipe (a script, `| less`) there is no progress bar to draw: the run does not
    even load Rich's live display, and the folder is listed once."""
    import sys

    folder = isi_bulan(juni, JUNI, folder=tmp_path / "banyak")
    for n, asal in enumerate(sorted(folder.iterdir())[:4]):
        (folder / f"salinan-{n}.xlsx").write_bytes(asal.read_bytes())
    kode = (
        "import sys\n"
        "import pengumpulan_kinerja.pembaca.wadah as w, pengumpulan_kinerja.himpun as h\n"
        "asli = w.daftar_berkas\n"
        "dihitung = []\n"
        "def daftar(*a, **k):\n"
        "    dihitung.append(1)\n"
        "    return asli(*a, **k)\n"
        "h.daftar_berkas = daftar\n"
        "from pengumpulan_kinerja.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('MODUL', 'rich.progress' in sys.modules, len(dihitung))\n"
    )
    hasil = subprocess.run(
        [sys.executable, "-c", kode, "himpun", str(folder), "-R", str(juni.akar)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "11 berkas" in hasil.stdout or "diterima" in hasil.stdout, hasil.stdout + hasil.stderr
    assert hasil.stdout.strip().splitlines()[-1] == "MODUL False 1", hasil.stdout
