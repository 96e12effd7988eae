"""`kinerja impor-realisasi`: the months reported before the tool was used (SPEC §14).

Real workbooks are made here (the template written by the command, filled with
openpyxl; a hand-made one in another layout; one saved by LibreOffice as .ods) and taken
in through the real CLI. The key test collects January–June month by month in one
workspace and imports January–May then collects June in another: the June analysis CSV
is byte-identical and the June instruments show the same `Realisasi s.d. Bulan Lalu`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.buku_besar import sidik_impor
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.contoh import isian_contoh
from pengumpulan_kinerja.impor_realisasi import (
    kenali_kolom_bulan,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from pengumpulan_kinerja.tata_letak import BARIS_DATA_PERTAMA
from tests.libreoffice import SOFFICE, konversi
from tests.pembantu import isi_bulan

runner = CliRunner()
TAHUN = 2022
KOLOM_BULAN_PERTAMA = 6
"""Column F holds January on the template's Realisasi sheet (Kode, Tim, Indikator,
Satuan, Agregasi come first); on its Anggaran sheet January is column D."""


def jalankan(ruang: RuangKerja, *argumen: str) -> Any:
    return runner.invoke(
        app, [*argumen, "-R", str(ruang.akar)], env={"COLUMNS": "200", "KINERJA_PENGGUNA": "uji"}
    )


def templat(ruang: RuangKerja, berkas: Path) -> Path:
    hasil = jalankan(ruang, "impor-realisasi", "--templat", str(berkas))
    assert hasil.exit_code == 0, hasil.output
    return berkas


def baris_kode(ws: Any) -> dict[str, int]:
    return {
        str(ws.cell(row=r, column=1).value): r
        for r in range(1, ws.max_row + 1)
        if ws.cell(row=r, column=1).value
    }


def isi_riwayat(
    ruang: RuangKerja,
    berkas: Path,
    realisasi: dict[tuple[str, str, int], object],
    anggaran: dict[tuple[str, int], object] | None = None,
) -> Path:
    """The template, filled: (code or code/pembilang, field, month) → raw value."""
    sumber = templat(ruang, berkas.with_name("templat-" + berkas.name))
    wb = load_workbook(sumber)
    ws = wb["Realisasi"]
    baris = baris_kode(ws)
    for (kode, kolom, bulan), nilai in realisasi.items():
        r = baris[kode if kolom == "realisasi" else f"{kode}/{kolom}"]
        ws.cell(row=r, column=KOLOM_BULAN_PERTAMA + bulan - 1, value=nilai)
    wa = wb["Anggaran"]
    baris_a = baris_kode(wa)
    for (tim, bulan), nilai in (anggaran or {}).items():
        wa.cell(row=baris_a[tim], column=3 + bulan, value=nilai)
    wb.save(berkas)
    return berkas


def riwayat_contoh(ruang: RuangKerja, berkas: Path, bulan: range, seed: int = 7) -> Path:
    """The values `isi_bulan` types into each month's instruments, in one workbook."""
    k = ruang.konfigurasi
    realisasi: dict[tuple[str, str, int], object] = {}
    anggaran: dict[tuple[str, int], object] = {}
    for m in bulan:
        for tim in k.tim_berindikator():
            isian, uang = isian_contoh(k, Periode(TAHUN, m), tim.kode, seed)
            for kode, kolom in isian.items():
                for nama in ("realisasi", "pembilang", "penyebut"):
                    if nama in kolom:
                        realisasi[(kode, nama, m)] = kolom[nama]
            if uang is not None:
                anggaran[(tim.kode, m)] = uang
    return isi_riwayat(ruang, berkas, realisasi, anggaran)


def hitung_baris(ruang: RuangKerja) -> tuple[int, int]:
    with ruang.buka_buku_besar() as buku:
        return len(buku.kiriman()), len(buku.audit())


# --------------------------------------------------------------------------- labels


def test_label_bulan_dikenali() -> None:
    assert kenali_kolom_bulan("Jan") == ("realisasi", 1)
    assert kenali_kolom_bulan(" JANUARI ") == ("realisasi", 1)
    assert kenali_kolom_bulan("Agustus 2022", 2022) == ("realisasi", 8)
    assert kenali_kolom_bulan("Agustus 2021", 2022) is None
    assert kenali_kolom_bulan("Pembilang Jan") == ("pembilang", 1)
    assert kenali_kolom_bulan("penyebut  Des") == ("penyebut", 12)
    assert kenali_kolom_bulan("Nop") == ("realisasi", 11)
    assert kenali_kolom_bulan("Kode") is None
    assert kenali_kolom_bulan("Indikator") is None


# --------------------------------------------------------------------------- template


def test_templat_berisi_kode_pembilang_anggaran_dan_a4(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = templat(ruang, tmp_path / "riwayat.xlsx")
    wb = load_workbook(berkas)
    ws = wb["Realisasi"]
    k = ruang.konfigurasi
    baris = baris_kode(ws)
    kepala = [ws.cell(row=5, column=c).value for c in range(1, 18)]
    assert kepala[:5] == ["Kode", "Tim", "Indikator", "Satuan", "Agregasi"]
    assert kepala[5:] == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]  # fmt: skip
    for ind in k.indikator:
        r = baris[ind.kode]
        assert ws.cell(row=r, column=3).value == ind.uraian
        assert ws.cell(row=r, column=3).protection.locked  # read-only name
        if ind.rasio:
            assert f"{ind.kode}/pembilang" in baris and f"{ind.kode}/penyebut" in baris
            assert ws.cell(row=r, column=KOLOM_BULAN_PERTAMA).protection.locked
            sub = baris[f"{ind.kode}/pembilang"]
            assert not ws.cell(row=sub, column=KOLOM_BULAN_PERTAMA).protection.locked
        else:
            assert f"{ind.kode}/pembilang" not in baris
            assert not ws.cell(row=r, column=KOLOM_BULAN_PERTAMA).protection.locked
    assert ws.protection.sheet
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$5:$5"
    wa = wb["Anggaran"]
    tim_anggaran = {t.kode for t in k.tim_berindikator() if t.anggaran is not None}
    assert set(baris_kode(wa)) - {wa.cell(row=1, column=1).value, wa.cell(row=2, column=1).value, "Tim"} == tim_anggaran  # fmt: skip
    assert wa.page_setup.orientation == "landscape"
    assert "Petunjuk" in wb.sheetnames


def test_templat_tidak_menimpa_tanpa_timpa(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = tmp_path / "riwayat.xlsx"
    berkas.write_bytes(b"milik pengguna")
    hasil = jalankan(ruang, "impor-realisasi", "--templat", str(berkas))
    assert hasil.exit_code == 1
    assert "--timpa" in hasil.output
    assert berkas.read_bytes() == b"milik pengguna"
    hasil = jalankan(ruang, "impor-realisasi", "--templat", str(berkas), "--timpa")
    assert hasil.exit_code == 0, hasil.output
    assert "Realisasi" in load_workbook(berkas).sheetnames


def test_templat_kosong_tidak_mencatat_apa_pun(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = templat(ruang, tmp_path / "riwayat.xlsx")
    hasil = jalankan(ruang, "impor-realisasi", str(berkas))
    assert hasil.exit_code == 0, hasil.output
    assert hitung_baris(ruang) == (0, 0)


# --------------------------------------------------------------------------- values


def test_nilai_dicatat_diaudit_bersumber_impor(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = isi_riwayat(
        ruang,
        tmp_path / "riwayat.xlsx",
        {
            ("IKK-1.3", "realisasi", 1): 40,
            ("IKK-1.3", "realisasi", 2): "60",
            ("IKK-1.1", "pembilang", 2): 37,
            ("IKK-1.1", "penyebut", 2): 120,
        },
        {("PM", 1): "Rp 20.000.000"},
    )
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert [(h["periode"], h["tim"], h["status"]) for h in data["tim_bulan"]] == [
        ("2022-01", "PM", "diterima"),
        ("2022-02", "PM", "diterima"),
    ]
    with ruang.buka_buku_besar() as buku:
        kini = {(n.periode, n.indikator, n.kolom): n.angka for n in buku.nilai_kini()}
        assert kini[("2022-01", "IKK-1.3", "realisasi")] == 40
        assert kini[("2022-02", "IKK-1.3", "realisasi")] == 60
        assert kini[("2022-01", "", "anggaran")] == 20_000_000
        # a ratio's realisation is computed by the same code as himpun's
        assert kini[("2022-02", "IKK-1.1", "realisasi")] == hitung.nilai_rasio(37, 120)
        assert kini[("2022-02", "IKK-1.1", "pembilang")] == 37
        kiriman = buku.kiriman()
        assert {k.sumber for k in kiriman} == {"impor"}
        assert all(k.diterima == f"{k.periode}-01T00:00:00" and not k.terlambat for k in kiriman)
        audit = buku.audit()
        assert audit and {a.sumber for a in audit} == {"impor"}
        assert {a.alasan for a in audit} == {"impor riwayat.xlsx"}
        assert {(a.periode, a.indikator, a.kolom) for a in audit} == {
            ("2022-01", "IKK-1.3", "realisasi"),
            ("2022-01", "", "anggaran"),
            ("2022-02", "IKK-1.3", "realisasi"),
            ("2022-02", "IKK-1.1", "pembilang"),
            ("2022-02", "IKK-1.1", "penyebut"),
            ("2022-02", "IKK-1.1", "realisasi"),
        }
        # one byte-exact copy per team-month, its sha derived from the workbook's
        sha = hashlib.sha256(berkas.read_bytes()).hexdigest()
        for k in kiriman:
            assert k.sha256 == sidik_impor(sha, k.tim, k.periode)
            assert (ruang.akar / k.salinan).read_bytes() == berkas.read_bytes()
            assert k.salinan.startswith(f"kiriman/{k.periode}/")
        assert [p.aksi for p in buku.peristiwa("2022-01", 5)] == ["impor-realisasi"]


def test_persen_diketik_dengan_format_persen(ruang: RuangKerja, tmp_path: Path) -> None:
    """Excel stores `85%` typed in a cell as 0.85 with a percent format: read as 85, as
    himpun does (IKK-1.5 is a percentage)."""
    berkas = isi_riwayat(ruang, tmp_path / "riwayat.xlsx", {("IKK-1.5", "realisasi", 3): 0.85})
    wb = load_workbook(berkas)
    ws = wb["Realisasi"]
    ws.cell(row=baris_kode(ws)["IKK-1.5"], column=KOLOM_BULAN_PERTAMA + 2).number_format = "0%"
    wb.save(berkas)
    assert jalankan(ruang, "impor-realisasi", str(berkas)).exit_code == 0
    with ruang.buka_buku_besar() as buku:
        (nilai,) = [n for n in buku.nilai_kini("2022-03") if n.indikator == "IKK-1.5"]
    assert nilai.angka == 85


def test_nilai_salah_menjadi_temuan_dengan_sel(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = isi_riwayat(
        ruang,
        tmp_path / "riwayat.xlsx",
        {
            ("IKK-1.3", "realisasi", 1): "dua belas",  # bukan-angka
            ("IKK-1.3", "realisasi", 2): 900,  # di-luar-batas (batas.maks 800)
            ("IKK-1.4", "realisasi", 2): 1,  # accepted: PM February is recorded
            ("IKK-1.1", "pembilang", 3): 130,  # pembilang-melebihi-penyebut
            ("IKK-1.1", "penyebut", 3): 120,
            ("IKK-1.4", "realisasi", 4): 1e300,  # angka-terlalu-besar
            ("IKK-1.3", "realisasi", 4): 25,
        },
        {("PM", 1): -5},
    )
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    assert hasil.exit_code == 1, hasil.output
    data = json.loads(hasil.output)
    temuan = {(t["kode"], t["sel"]): t for t in data["temuan"] if t["tingkat"] == "galat"}
    ws = load_workbook(berkas)["Realisasi"]
    b = baris_kode(ws)
    harap = {
        ("bukan-angka", f"F{b['IKK-1.3']}"),
        ("di-luar-batas", f"G{b['IKK-1.3']}"),
        ("pembilang-melebihi-penyebut", f"H{b['IKK-1.1/pembilang']}"),
        ("angka-terlalu-besar", f"I{b['IKK-1.4']}"),
        ("di-luar-batas", "D5"),  # the negative budget, on the Anggaran sheet
    }
    assert set(temuan) == harap
    assert temuan[("bukan-angka", f"F{b['IKK-1.3']}")]["lembar"] == "Realisasi"
    assert temuan[("di-luar-batas", "D5")]["lembar"] == "Anggaran"
    assert all(t["berkas"] == "riwayat.xlsx" for t in temuan.values())
    assert temuan[("di-luar-batas", f"G{b['IKK-1.3']}")]["periode"] == "2022-02"
    # the printed place, as himpun prints it
    teks = jalankan(ruang, "impor-realisasi", str(berkas), "--coba").output
    assert f"riwayat.xlsx › Realisasi!F{b['IKK-1.3']}" in teks
    with ruang.buka_buku_besar() as buku:
        kini = {(n.periode, n.indikator, n.kolom): n.angka for n in buku.nilai_kini()}
        # rejected values are not recorded; the month's other values are
        assert ("2022-02", "IKK-1.3", "realisasi") not in kini
        assert kini[("2022-02", "IKK-1.4", "realisasi")] == 1
        assert kini[("2022-04", "IKK-1.3", "realisasi")] == 25
        assert ("2022-04", "IKK-1.4", "realisasi") not in kini
        assert not [n for n in buku.nilai_kini("2022-03") if n.indikator == "IKK-1.1"]
        # findings are stored with the submission, with their cells
        simpan = {(t.kode, t.sel) for t in buku.temuan("2022-02")}
        assert ("di-luar-batas", f"G{b['IKK-1.3']}") in simpan
    status = {(h["periode"], h["status"]) for h in data["tim_bulan"] if h["tim"] == "PM"}
    assert ("2022-01", "ditolak") in status  # nothing acceptable in PM's January
    assert ("2022-03", "ditolak") in status


def test_formula_tanpa_nilai(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = isi_riwayat(
        ruang,
        tmp_path / "riwayat.xlsx",
        {("IKK-1.3", "realisasi", 1): 10, ("IKK-1.4", "realisasi", 1): "=1+1"},
    )
    wb = load_workbook(berkas)  # openpyxl writes the formula as a formula (no value)
    ws = wb["Realisasi"]
    b = baris_kode(ws)
    ws.cell(row=b["IKK-1.4"], column=KOLOM_BULAN_PERTAMA).value = "=1+1"
    # a formula showing a ratio's realisation on its own row is not an input: ignored
    ws.cell(row=b["IKK-1.1"], column=KOLOM_BULAN_PERTAMA).value = f"=F{b['IKK-1.1/pembilang']}"
    ws.cell(row=b["IKK-1.1/pembilang"], column=KOLOM_BULAN_PERTAMA).value = 30
    ws.cell(row=b["IKK-1.1/penyebut"], column=KOLOM_BULAN_PERTAMA).value = 120
    wb.save(berkas)
    data = json.loads(jalankan(ruang, "impor-realisasi", str(berkas), "--json").output)
    galat = [(t["kode"], t["sel"]) for t in data["temuan"] if t["tingkat"] == "galat"]
    assert galat == [("rumus-tanpa-nilai", f"F{b['IKK-1.4']}")]
    with ruang.buka_buku_besar() as buku:
        kini = {(n.indikator, n.kolom): n.angka for n in buku.nilai_kini("2022-01")}
    assert kini[("IKK-1.1", "realisasi")] == 25
    assert ("IKK-1.4", "realisasi") not in kini


def test_bulan_terkunci_ditolak(ruang: RuangKerja, tmp_path: Path) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.catat_keputusan(
            periode="2022-02", jenis="setujui", oleh="Kasubbag", catatan="", waktu=datetime.now()
        )
    berkas = isi_riwayat(
        ruang,
        tmp_path / "riwayat.xlsx",
        {("IKK-1.3", "realisasi", 1): 10, ("IKK-1.3", "realisasi", 2): 20},
    )
    coba = json.loads(jalankan(ruang, "impor-realisasi", str(berkas), "--coba", "--json").output)
    assert [(h["periode"], h["status"]) for h in coba["tim_bulan"]] == [
        ("2022-01", "diterima"),
        ("2022-02", "ditolak"),
    ]
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    assert hasil.exit_code == 1
    data = json.loads(hasil.output)
    assert [(h["periode"], h["status"]) for h in data["tim_bulan"]] == [
        ("2022-01", "diterima"),
        ("2022-02", "ditolak"),
    ]
    assert [t["kode"] for t in data["temuan"] if t["tingkat"] == "galat"] == ["bulan-terkunci"]
    with ruang.buka_buku_besar() as buku:
        assert buku.kiriman("2022-02") == []
        assert len(buku.kiriman("2022-01")) == 1
    assert not (ruang.akar / "kiriman" / "2022-02").exists() or not any(
        (ruang.akar / "kiriman" / "2022-02").iterdir()
    )


def test_idempoten_dan_periksa_lolos(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = riwayat_contoh(ruang, tmp_path / "riwayat.xlsx", range(1, 4))
    pertama = jalankan(ruang, "impor-realisasi", str(berkas))
    assert pertama.exit_code == 0, pertama.output
    sebelum = hitung_baris(ruang)
    assert sebelum[0] == 3 * len(ruang.konfigurasi.tim_berindikator())
    salinan = sorted(p.name for p in (ruang.akar / "kiriman").rglob("*") if p.is_file())
    kedua = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    assert kedua.exit_code == 0, kedua.output
    data = json.loads(kedua.output)
    assert {h["status"] for h in data["tim_bulan"]} == {"duplikat"}
    assert {t["kode"] for t in data["temuan"]} == {"duplikat"}
    assert hitung_baris(ruang) == sebelum, "impor kedua tidak menambah kiriman maupun audit"
    assert sorted(p.name for p in (ruang.akar / "kiriman").rglob("*") if p.is_file()) == salinan
    periksa = jalankan(ruang, "periksa")
    assert periksa.exit_code == 0, periksa.output
    assert "Buku besar utuh" in periksa.output
    # a changed copy is caught (the derived sha is checked against the copy's bytes)
    with ruang.buka_buku_besar() as buku:
        satu = buku.kiriman("2022-02")[0]
    jalur = ruang.akar / satu.salinan
    jalur.chmod(0o644)
    jalur.write_bytes(jalur.read_bytes() + b"\0")
    assert jalankan(ruang, "periksa").exit_code == 1


def test_koreksi_bulan_impor(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = isi_riwayat(ruang, tmp_path / "riwayat.xlsx", {("IKK-1.3", "realisasi", 2): 60})
    assert jalankan(ruang, "impor-realisasi", str(berkas)).exit_code == 0
    hasil = jalankan(
        ruang,
        *("koreksi", "--bulan", "2", "--indikator", "IKK-1.3", "--realisasi", "65"),
        *("--alasan", "salah ketik di riwayat", "--ya"),
    )
    assert hasil.exit_code == 0, hasil.output
    with ruang.buka_buku_besar() as buku:
        (nilai,) = [n for n in buku.nilai_kini("2022-02") if n.indikator == "IKK-1.3"]
        assert (nilai.angka, nilai.sumber) == (65, "koreksi")
        jejak = [(a.sumber, a.lama, a.baru) for a in buku.audit("2022-02", indikator="IKK-1.3")]
    assert jejak == [("impor", None, "60.0"), ("koreksi", "60.0", "65.0")]
    riwayat = jalankan(ruang, "koreksi", "--riwayat", "--bulan", "2", "--sumber", "impor")
    assert riwayat.exit_code == 0, riwayat.output
    assert "impor oleh uji: impor riwayat.xlsx" in riwayat.output
    assert jalankan(ruang, "periksa").exit_code == 0


def test_coba_tidak_menulis(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = riwayat_contoh(ruang, tmp_path / "riwayat.xlsx", range(1, 3))
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--coba")
    assert hasil.exit_code == 0, hasil.output
    assert "coba" in hasil.output
    assert hitung_baris(ruang) == (0, 0)
    assert not any(p.is_file() for p in (ruang.akar / "kiriman").rglob("*"))


def test_bulan_dipilih(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = riwayat_contoh(ruang, tmp_path / "riwayat.xlsx", range(1, 5))
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--bulan", "2-3", "--json")
    assert hasil.exit_code == 0, hasil.output
    assert {h["periode"] for h in json.loads(hasil.output)["tim_bulan"]} == {"2022-02", "2022-03"}
    assert jalankan(ruang, "impor-realisasi", str(berkas), "--bulan", "13").exit_code == 2
    # the other months later: nothing twice
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    status = {(h["periode"], h["status"]) for h in json.loads(hasil.output)["tim_bulan"]}
    assert {s for p, s in status if p in ("2022-02", "2022-03")} == {"duplikat"}
    assert {s for p, s in status if p in ("2022-01", "2022-04")} == {"diterima"}


def test_tata_letak_kolom_pembilang_dan_nama_bulan_panjang(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    """An office's own sheet: a title, `KODE` in capitals, `Januari` …, the ratio's
    numerator and denominator as columns `Pembilang Jan` … on the indicator's row."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "realisasi "
    ws["A1"] = "Realisasi kinerja Januari–Februari 2022"
    kepala = [
        "No",
        "KODE",
        "Uraian",
        "Januari",
        "Februari",
        "Pembilang Januari",
        "Penyebut Januari",
    ]
    for c, v in enumerate(kepala, start=1):
        ws.cell(row=3, column=c, value=v)
    ws.append([1, "IKK-1.3", "Jumlah satuan pendidikan", 30, "45", None, None])
    ws.append([2, "IKK-1.1", "Persentase …", None, None, 18, 120])
    ws.append([3, "IKK-9.9", "tidak ada", 1, 2, None, None])
    berkas = tmp_path / "punya kantor.xlsx"
    wb.save(berkas)
    hasil = jalankan(ruang, "impor-realisasi", str(berkas), "--json")
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    (asing,) = [t for t in data["temuan"] if t["kode"] == "baris-tak-dikenal"]
    assert (asing["lembar"], asing["sel"]) == ("realisasi ", "B6")
    with ruang.buka_buku_besar() as buku:
        kini = {(n.periode, n.indikator, n.kolom): n.angka for n in buku.nilai_kini()}
    assert kini[("2022-01", "IKK-1.3", "realisasi")] == 30
    assert kini[("2022-02", "IKK-1.3", "realisasi")] == 45
    assert kini[("2022-01", "IKK-1.1", "realisasi")] == hitung.nilai_rasio(18, 120)


def test_tanpa_lembar_realisasi_atau_lembar_terlalu_besar(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws["A1"] = "Kode"
    berkas = tmp_path / "lain.xlsx"
    wb.save(berkas)
    hasil = jalankan(ruang, "impor-realisasi", str(berkas))
    assert hasil.exit_code == 1
    assert "lembar 'Realisasi' tidak ada" in hasil.output
    # a sheet reaching far beyond any history table is never handed to the reader
    ws.title = "Realisasi"
    ws["B1"] = "Jan"
    ws["A2"] = "IKK-1.3"
    ws["B2"] = 5
    ws["A9000"] = "x"
    wb.save(berkas)
    hasil = jalankan(ruang, "impor-realisasi", str(berkas))
    assert hasil.exit_code == 1
    assert "terlalu besar" in hasil.output
    assert jalankan(ruang, "impor-realisasi", str(tmp_path / "tidak-ada.xlsx")).exit_code == 2
    (tmp_path / "palsu.xlsx").write_text("Kode,Jan\nIKK-1.3,5\n")
    hasil = jalankan(ruang, "impor-realisasi", str(tmp_path / "palsu.xlsx"))
    assert hasil.exit_code == 1 and "tidak dapat dibaca" in hasil.output
    assert hitung_baris(ruang) == (0, 0)


def test_himpun_kemudian_tetap_berlaku(ruang: RuangKerja, tmp_path: Path) -> None:
    """A real submission of a month always wins over the imported one, whenever it is
    taken in; an import after it is recorded but does not replace it."""
    januari = Periode(TAHUN, 1)
    masuk = isi_bulan(ruang, januari, tmp_path / "masuk", kecuali=("KMT", "FPD", "FPM", "FPP", "DTI", "UMM"))  # fmt: skip
    berkas = isi_riwayat(ruang, tmp_path / "riwayat.xlsx", {("IKK-1.3", "realisasi", 1): 1})
    assert jalankan(ruang, "impor-realisasi", str(berkas)).exit_code == 0
    hasil = jalankan(ruang, "himpun", str(masuk))
    assert hasil.exit_code == 0, hasil.output
    with ruang.buka_buku_besar() as buku:
        (aktif,) = buku.kiriman_aktif("2022-01")
        assert aktif.sumber == "himpun"
        (n,) = [
            x
            for x in buku.nilai_kini("2022-01")
            if x.indikator == "IKK-1.3" and x.kolom == "realisasi"
        ]
        assert n.angka != 1
    # and the other way round
    berkas2 = isi_riwayat(ruang, tmp_path / "riwayat2.xlsx", {("IKK-1.3", "realisasi", 1): 2})
    data = json.loads(jalankan(ruang, "impor-realisasi", str(berkas2), "--json").output)
    (h,) = data["tim_bulan"]
    assert (h["status"], h["aktif"], h["berubah"]) == ("diterima", False, 0)
    assert [t["kode"] for t in data["temuan"] if t["tingkat"] == "info"] == ["lebih-lama"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice tidak terpasang")
@pytest.mark.parametrize("format_", ["ods", "xls"])
def test_dari_libreoffice(tmp_path: Path, format_: str) -> None:
    """The filled template saved by LibreOffice as .ods (or .xls) gives the same values."""
    xlsx_ruang = buat_ruang_kerja(tmp_path / "a")
    lain_ruang = buat_ruang_kerja(tmp_path / "b")
    berkas = riwayat_contoh(xlsx_ruang, tmp_path / "riwayat.xlsx", range(1, 3))
    lain = konversi(berkas, format_, tmp_path / format_)
    assert jalankan(xlsx_ruang, "impor-realisasi", str(berkas)).exit_code == 0
    hasil = jalankan(lain_ruang, "impor-realisasi", str(lain))
    assert hasil.exit_code == 0, hasil.output
    nilai = []
    for r in (xlsx_ruang, lain_ruang):
        with r.buka_buku_besar() as buku:
            nilai.append(
                sorted((n.periode, n.tim, n.indikator, n.kolom, n.angka) for n in buku.nilai_kini())
            )
    assert nilai[0] == nilai[1] and len(nilai[0]) > 20
    assert jalankan(lain_ruang, "periksa").exit_code == 0


def test_bulan_impor_dapat_disetujui_dan_diarsipkan(ruang: RuangKerja, tmp_path: Path) -> None:
    """The archive copies an imported month's submissions (their copies verified)."""
    berkas = riwayat_contoh(ruang, tmp_path / "riwayat.xlsx", range(2, 3))
    assert jalankan(ruang, "impor-realisasi", str(berkas)).exit_code == 0
    assert jalankan(ruang, "analisis", "--bulan", "2").exit_code == 0
    assert jalankan(ruang, "setujui", "--bulan", "2", "--oleh", "Kasubbag").exit_code == 0
    hasil = jalankan(ruang, "arsip", "--bulan", "2")
    assert hasil.exit_code == 0, hasil.output
    folder = ruang.akar / "arsip" / "2022-02" / "kiriman"
    jumlah = len(ruang.konfigurasi.tim_berindikator())
    assert len(list(folder.iterdir())) == jumlah
    assert {p.read_bytes() for p in folder.iterdir()} == {berkas.read_bytes()}
    assert jalankan(ruang, "arsip", "--periksa", "2022-02").exit_code == 0


# --------------------------------------------------------------------------- acceptance


def _instrumen_juni(ruang: RuangKerja) -> dict[tuple[str, str], object]:
    """Every team's June instrument: (code, column) → value of the columns filled from the
    ledger and the configuration (`Realisasi s.d. Bulan Lalu` and the targets), and the
    budget to last month."""
    hasil: dict[tuple[str, str], object] = {}
    for berkas in sorted(ruang.folder_instrumen(Periode(TAHUN, 6)).glob("*.xlsx")):
        wb = load_workbook(berkas)
        ws = wb["Capaian"]
        for r in range(BARIS_DATA_PERTAMA, ws.max_row + 1):
            kode = ws.cell(row=r, column=2).value
            if kode:
                for huruf in "FGHI":
                    hasil[(str(kode), huruf)] = ws[f"{huruf}{r}"].value
        if "Anggaran" in wb.sheetnames:
            for baris in wb["Anggaran"].iter_rows(values_only=True):
                if baris[0] == "Realisasi s.d. Bulan Lalu (Rp)":
                    hasil[(berkas.stem, "anggaran_lalu")] = baris[2]
    return hasil


def test_impor_januari_mei_sama_dengan_himpun_bulanan(tmp_path: Path) -> None:
    """(A) January–June collected month by month with himpun; (B) January–May imported
    from one workbook holding the same values, then June collected with himpun. The
    June analysis CSV is byte-identical, and so are the June instruments' history."""
    a = buat_ruang_kerja(tmp_path / "bulanan")
    b = buat_ruang_kerja(tmp_path / "impor")
    for m in range(1, 7):
        masuk = isi_bulan(a, Periode(TAHUN, m), tmp_path / "masuk-a" / str(m))
        hasil = jalankan(a, "himpun", str(masuk))
        assert hasil.exit_code == 0, hasil.output

    berkas = riwayat_contoh(b, tmp_path / "RIWAYAT.xlsx", range(1, 6))
    hasil = jalankan(b, "impor-realisasi", str(berkas))
    assert hasil.exit_code == 0, hasil.output
    juni = isi_bulan(b, Periode(TAHUN, 6), tmp_path / "masuk-b")
    hasil = jalankan(b, "himpun", str(juni))
    assert hasil.exit_code == 0, hasil.output

    instrumen_a, instrumen_b = _instrumen_juni(a), _instrumen_juni(b)
    assert instrumen_a == instrumen_b
    # the history is really there: IKK-1.3 (kumulatif) = January … May added up
    k = b.konfigurasi
    harap = sum(
        float(isian_contoh(k, Periode(TAHUN, m), "PM", 7)[0]["IKK-1.3"]["realisasi"])  # type: ignore[arg-type]
        for m in range(1, 6)
    )
    assert instrumen_b[("IKK-1.3", "I")] == pytest.approx(harap)
    assert all(instrumen_b[(kode, "I")] not in (None, "") for kode in (i.kode for i in k.indikator))

    for ruang in (a, b):
        hasil = jalankan(ruang, "analisis", "--bulan", "6")
        assert hasil.exit_code in (0, 1), hasil.output
    csv_a = (a.akar / "laporan" / "2022-06" / "capaian-2022-06.csv").read_bytes()
    csv_b = (b.akar / "laporan" / "2022-06" / "capaian-2022-06.csv").read_bytes()
    assert csv_a == csv_b
    assert csv_a.count(b"\n") == len(k.indikator) + 1
    assert jalankan(b, "periksa").exit_code == 0
