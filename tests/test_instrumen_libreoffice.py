"""Instruments survive a real spreadsheet program: LibreOffice Calc, headless.

Every team's instrument (and a few filled copies) goes through LibreOffice in one
batch per format: xlsx → xlsx, xlsx → ods, ods → xlsx and xlsx → xls. What a reader
needs must survive (metadata, labels, targets, the hidden state of the metadata
sheet, unlocked inputs, validations), and the display formulas, recalculated by
LibreOffice, must agree with :mod:`hitung` and never show an error value.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from pengumpulan_kinerja import hitung, tata_letak
from pengumpulan_kinerja.contoh import isi_instrumen
from pengumpulan_kinerja.instrumen import buat_instrumen, tulis_instrumen
from pengumpulan_kinerja.konfigurasi import Konfigurasi
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja, buat_ruang_kerja
from tests.libreoffice import konversi_banyak, perlu_libreoffice
from tests.pembantu import kirim_nilai

pytestmark = perlu_libreoffice

JUNI = Periode(2022, 6)

RIWAYAT: dict[tuple[str, str], dict[int, float]] = {
    ("PM", "IKK-1.3"): {4: 100.0, 5: 50.0},  # kumulatif
    ("PM", "IKK-1.1"): {4: 20.0, 5: 10.0},  # terakhir, ratio
    ("DTI", "IKK-1.6"): {4: 4.0, 5: 2.0},  # rata-rata, turun/rasio
    ("DTI", "IKK-1.5"): {5: 80.0},
    ("UMM", "IKK-3.3"): {3: 90.0, 4: 92.0, 5: 94.0},  # rata-rata over three months
}
ANGGARAN_LALU: dict[str, dict[int, float]] = {"PM": {4: 10_000_000.0, 5: 12_500_000.0}}

ISIAN: dict[str, tuple[str, dict[str, dict[str, object]], float | None]] = {
    # name of the filled copy: (team, values typed, budget realisation of the month)
    "isi_PM": (
        "PM",
        {
            "IKK-1.1": {"pembilang": 30, "penyebut": 40},  # 75 %, above target: capped
            "IKK-1.3": {"realisasi": 60},  # 150 + 60 against 300
        },  # IKK-1.4 left empty
        20_000_000.0,
    ),
    "isi_DTI": (
        "DTI",
        {
            "IKK-1.5": {"realisasi": 88},
            "IKK-1.6": {"realisasi": 2},  # (3 × 2 + 2) / 3 days against 4
            "IKK-1.7": {"realisasi": 5},
            "IKK-3.6": {"realisasi": 0},
        },
        None,
    ),
    "isi_UMM": (
        "UMM",
        {
            "IKK-3.3": {"realisasi": 96},
            "IKK-3.4": {"realisasi": 14},  # turun/selisih
            "IKK-3.5": {"realisasi": 40},  # turun/selisih far above target: floor 0
        },
        None,
    ),
}


@dataclass(frozen=True)
class Bahan:
    """The instruments, their filled copies, and what LibreOffice made of them."""

    konfigurasi: Konfigurasi
    tim: dict[str, str]
    """stem of each file → team code."""
    riwayat: dict[str, dict[tuple[str, str], dict[int, float]]]
    """stem → the ledger history its formulas were written with."""
    isian: dict[str, dict[str, dict[str, object]]]
    anggaran: dict[str, float | None]
    meta: dict[str, dict[str, str]]
    """stem → metadata as written."""
    keluaran: dict[str, Path]
    """round trip name → folder of converted files."""

    def berkas(self, jalan: str, ekstensi: str) -> Iterator[tuple[str, Path]]:
        for stem in self.tim:
            yield stem, self.keluaran[jalan] / f"{stem}.{ekstensi}"


def _konversi_semua(berkas: Sequence[Path], format_tujuan: str, folder: Path) -> Path:
    """Convert every file in one LibreOffice run (one start-up instead of one per file)."""
    konversi_banyak(berkas, format_tujuan, folder)
    return folder


def _isi_buku_besar(ruang: RuangKerja) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        baris = [(t, i, b, v) for (t, i), bulan in RIWAYAT.items() for b, v in bulan.items()]
        baris += [(t, "", b, v) for t, bulan in ANGGARAN_LALU.items() for b, v in bulan.items()]
        kirim_nilai(
            buku,
            [
                (f"2022-{b:02d}", t, i, "anggaran" if i == "" else "realisasi", v, None)
                for t, i, b, v in baris
            ],
        )


@pytest.fixture(scope="module")
def bahan(tmp_path_factory: pytest.TempPathFactory) -> Bahan:
    akar = tmp_path_factory.mktemp("lo")
    ruang = buat_ruang_kerja(akar / "ruang")
    _isi_buku_besar(ruang)
    hasil = buat_instrumen(ruang, JUNI, oleh="uji")
    konfigurasi = ruang.konfigurasi
    asli = {p.stem: p for p in hasil.berkas}
    tim = {p.stem: kode for p, kode in zip(hasil.berkas, hasil.tim, strict=True)}
    riwayat = {stem: RIWAYAT for stem in tim}
    isian: dict[str, dict[str, dict[str, object]]] = {stem: {} for stem in tim}
    anggaran: dict[str, float | None] = {stem: None for stem in tim}
    terisi = akar / "terisi"
    for stem, (kode, nilai, rupiah) in ISIAN.items():
        isi_instrumen(
            asli[f"{kode}_2022-06"],
            terisi / f"{stem}.xlsx",
            nilai,
            rupiah,
            "Ani",
            date(2022, 7, 4),
            "Ketua Tim",
        )
        tim[stem], riwayat[stem], isian[stem], anggaran[stem] = kode, RIWAYAT, nilai, rupiah
    # written without the ledger: rata-rata with no history, and turun/rasio at 0 days
    kosong = tulis_instrumen(konfigurasi, JUNI, "DTI", akar / "dti_tanpa_riwayat.xlsx")
    isi_instrumen(kosong, terisi / "isi_DTI_nol.xlsx", {"IKK-1.6": {"realisasi": 0}})
    tim["isi_DTI_nol"], riwayat["isi_DTI_nol"] = "DTI", {}
    isian["isi_DTI_nol"], anggaran["isi_DTI_nol"] = {"IKK-1.6": {"realisasi": 0}}, None
    semua = [*asli.values(), *sorted(terisi.iterdir())]
    meta = {p.stem: {str(r[0]): str(r[1]) for r in _baca(p, tata_letak.LEMBAR_META)} for p in semua}
    keluaran = akar / "keluaran"
    ods = _konversi_semua(semua, "ods", keluaran / "ods")
    return Bahan(
        konfigurasi=konfigurasi,
        tim=tim,
        riwayat=riwayat,
        isian=isian,
        anggaran=anggaran,
        meta=meta,
        keluaran={
            "xlsx": _konversi_semua(semua, "xlsx", keluaran / "xlsx"),
            "ods": ods,
            "ods-xlsx": _konversi_semua(sorted(ods.iterdir()), "xlsx", keluaran / "ods-xlsx"),
            "xls": _konversi_semua(semua, "xls", keluaran / "xls"),
        },
    )


def _baca(berkas: Path, lembar: str) -> list[list[Any]]:
    isi: list[list[Any]] = (
        CalamineWorkbook.from_path(str(berkas)).get_sheet_by_name(lembar).to_python()
    )
    return isi


def _periksa_isi(bahan: Bahan, stem: str, berkas: Path) -> None:
    """What a reader needs: metadata, its hidden sheet, labels, header block, targets."""
    wb = CalamineWorkbook.from_path(str(berkas))
    assert wb.sheet_names == ["Petunjuk", "Capaian", "Anggaran", "Pengesahan", "_kinerja"]
    tampak = {m.name: str(m.visible) for m in wb.sheets_metadata}
    assert tampak["_kinerja"].endswith(".Hidden"), (berkas, tampak)
    assert tampak["Capaian"].endswith(".Visible")
    meta = {str(r[0]): r[1] for r in wb.get_sheet_by_name("_kinerja").to_python()}
    assert meta == bahan.meta[stem], berkas  # every value still text, unchanged
    isi = wb.get_sheet_by_name("Capaian").to_python()
    assert tuple(isi[tata_letak.BARIS_KEPALA - 1][:18]) == tata_letak.LABEL_CAPAIAN
    kode_tim = bahan.tim[stem]
    blok = {r[0]: r[2] for r in isi[2:8]}
    assert blok["Kode Tim"] == kode_tim and blok["Periode"] == "Juni 2022"
    assert blok["Batas Pengumpulan"] == "Kamis, 7 Juli 2022"
    data = [r for r in isi[tata_letak.BARIS_DATA_PERTAMA - 1 :] if r[1]]
    milik = bahan.konfigurasi.indikator_tim(kode_tim)
    assert [r[1] for r in data] == [i.kode for i in milik]
    for r, ind in zip(data, milik, strict=True):
        assert r[5:8] == [
            ind.target,
            hitung.target_triwulan(ind, 6),
            pytest.approx(hitung.target_bulan(ind, 6)),
        ]
    anggaran = {r[0]: r[2] for r in wb.get_sheet_by_name("Anggaran").to_python()[9:15]}
    tim = bahan.konfigurasi.cari_tim(kode_tim)
    assert tim is not None and tim.anggaran is not None
    assert anggaran["Pagu Anggaran (Rp)"] == tim.anggaran.pagu


def _harapan_rumus(bahan: Bahan, stem: str) -> dict[str, tuple[object, object, object]]:
    """indicator → expected (Realisasi Bulan Ini, Realisasi s.d. Bulan Ini, Capaian (%))
    computed with hitung; "" where the instrument should show nothing."""
    hasil: dict[str, tuple[object, object, object]] = {}
    for ind in bahan.konfigurasi.indikator_tim(bahan.tim[stem]):
        isian = bahan.isian[stem].get(ind.kode, {})
        bulanan = dict(bahan.riwayat[stem].get((ind.tim, ind.kode), {}))
        if ind.rasio:
            ini = hitung.nilai_rasio(_angka(isian.get("pembilang")), _angka(isian.get("penyebut")))
        else:
            ini = _angka(isian.get("realisasi"))
        if ini is not None:
            bulanan[6] = ini
        kini = hitung.realisasi_sampai(ind, bulanan, 6)
        capaian = hitung.capaian(
            ind, kini, hitung.target_bulan(ind, 6), bahan.konfigurasi.capaian_maksimum
        ).nilai
        hasil[ind.kode] = (
            ("" if ini is None else pytest.approx(ini)) if ind.rasio else None,
            "" if kini is None else pytest.approx(kini),
            "" if capaian is None else pytest.approx(capaian),
        )
    return hasil


def _angka(nilai: object) -> float | None:
    return float(nilai) if isinstance(nilai, int | float) else None


def _periksa_rumus(bahan: Bahan, stem: str, berkas: Path) -> None:
    isi = _baca(berkas, "Capaian")
    harapan = _harapan_rumus(bahan, stem)
    for r in isi[tata_letak.BARIS_DATA_PERTAMA - 1 :]:
        if not r[1]:
            continue
        j, kini, capaian = harapan[str(r[1])]
        tampil = (r[9], r[12], r[13])
        if j is None:  # not a ratio: J is the typed value
            assert tampil[1:] == (kini, capaian), (stem, r[1], tampil)
        else:
            assert tampil == (j, kini, capaian), (stem, r[1], tampil)
    anggaran = {row[0]: row[2] for row in _baca(berkas, "Anggaran")[9:15]}
    kode_tim = bahan.tim[stem]
    lalu = ANGGARAN_LALU.get(kode_tim) if bahan.riwayat[stem] else None
    ini = bahan.anggaran[stem]
    tim = bahan.konfigurasi.cari_tim(kode_tim)
    assert tim is not None and tim.anggaran is not None
    if lalu is None and ini is None:
        assert anggaran["Realisasi s.d. Bulan Ini (Rp)"] == ""
        assert anggaran["Penyerapan terhadap Pagu (%)"] == ""
    else:
        total = sum((lalu or {}).values()) + (ini or 0.0)
        assert anggaran["Realisasi s.d. Bulan Ini (Rp)"] == pytest.approx(total)
        assert anggaran["Penyerapan terhadap Pagu (%)"] == pytest.approx(
            total * 100 / tim.anggaran.pagu
        )


def _periksa_perlindungan(bahan: Bahan, stem: str, berkas: Path) -> None:
    """Unlocked inputs, sheet protection and validations, as openpyxl sees them."""
    wb = load_workbook(berkas)
    ws = wb["Capaian"]
    assert ws.protection.sheet and wb["Anggaran"].protection.sheet
    terbuka = {
        c.coordinate for row in ws.iter_rows(max_col=20) for c in row if not c.protection.locked
    }
    harapan: set[str] = set()
    angka_dv = [
        dv
        for dv in ws.data_validations.dataValidation
        if dv.type == "decimal" and dv.promptTitle and dv.error
    ]
    for n, ind in enumerate(bahan.konfigurasi.indikator_tim(bahan.tim[stem])):
        r = tata_letak.BARIS_DATA_PERTAMA + n
        angka = {f"K{r}", f"L{r}"} if ind.rasio else {f"J{r}"}
        harapan |= angka | {f"{h}{r}" for h in "OPQR"}
        for sel in angka:
            assert any(sel in dv.sqref for dv in angka_dv), (stem, ind.kode, sel)
    assert terbuka == harapan, berkas
    wa, wp = wb["Anggaran"], wb["Pengesahan"]
    assert not wa["C13"].protection.locked and wa["C12"].protection.locked
    assert any("C13" in dv.sqref for dv in wa.data_validations.dataValidation)
    assert [not wp[f"C{r}"].protection.locked for r in (4, 5, 6)] == [True, True, True]
    (tanggal,) = [dv for dv in wp.data_validations.dataValidation if "C6" in dv.sqref]
    assert tanggal.type == "date"
    props = zipfile.ZipFile(berkas).read("docProps/custom.xml").decode("utf-8")
    for kunci, nilai in bahan.meta[stem].items():
        assert f'name="kinerja_{kunci}"' in props and f">{nilai}<" in props, kunci


@pytest.mark.parametrize("jalan", ["xlsx", "ods-xlsx"])
def test_pulang_pergi_xlsx_utuh(bahan: Bahan, jalan: str) -> None:
    for stem, berkas in bahan.berkas(jalan, "xlsx"):
        _periksa_isi(bahan, stem, berkas)
        _periksa_perlindungan(bahan, stem, berkas)


@pytest.mark.parametrize(("jalan", "ekstensi"), [("ods", "ods"), ("xls", "xls")])
def test_ods_dan_xls_tetap_terbaca(bahan: Bahan, jalan: str, ekstensi: str) -> None:
    for stem, berkas in bahan.berkas(jalan, ekstensi):
        _periksa_isi(bahan, stem, berkas)


@pytest.mark.parametrize(("jalan", "ekstensi"), [("xlsx", "xlsx"), ("ods", "ods")])
def test_rumus_tampilan_sesuai_hitung(bahan: Bahan, jalan: str, ekstensi: str) -> None:
    """LibreOffice computes the display formulas on opening: the same figures as
    hitung, and empty (not an error value) wherever nothing is known."""
    for stem, berkas in bahan.berkas(jalan, ekstensi):
        _periksa_rumus(bahan, stem, berkas)


def test_nilai_yang_diketik_tetap_ada(bahan: Bahan) -> None:
    for stem, berkas in bahan.berkas("ods-xlsx", "xlsx"):
        if not bahan.isian[stem]:
            continue
        baris = {str(r[1]): r for r in _baca(berkas, "Capaian")[10:] if r[1]}
        for kode, kolom in bahan.isian[stem].items():
            for nama, nilai in kolom.items():
                letak = ord(tata_letak.huruf_kolom(nama)) - ord("A")
                assert baris[kode][letak] == nilai, (stem, kode, nama)
        if stem not in ISIAN:
            continue
        pengesahan = _baca(berkas, "Pengesahan")
        assert [pengesahan[r - 1][2] for r in (4, 5)] == ["Ani", "Ketua Tim"]
        tanggal = pengesahan[5][2]
        if isinstance(tanggal, datetime):
            tanggal = tanggal.date()
        assert tanggal == date(2022, 7, 4)  # still a date, not a serial number
