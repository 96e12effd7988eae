"""koreksi, setujui, tolak, buka (POS step 7): the review loop and its audit trail.

Submitted values are put in the way himpun does (``tambah_kiriman``);
corrections then go through the public API and are read back from the ledger.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from pengumpulan_kinerja import hitung
from pengumpulan_kinerja.buku_besar import BukuBesar
from pengumpulan_kinerja.galat import DitolakError, PenggunaanError
from pengumpulan_kinerja.keputusan import buka, setujui, tolak
from pengumpulan_kinerja.koreksi import (
    KOLOM_KOREKSI,
    PerubahanDiminta,
    baca_berkas_koreksi,
    nama_kolom,
    rencanakan_koreksi,
    riwayat,
    terapkan_koreksi,
    tulis_templat,
)
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.libreoffice import konversi, perlu_libreoffice
from tests.pembantu import kirim_nilai

JUNI = Periode(2022, 6)
Isian = tuple[str, str, str, float | None, str | None]
KIRIMAN: tuple[Isian, ...] = (
    # (tim, indikator, kolom, angka, teks)
    ("FPD", "IKK-2.2", "realisasi", 180.0, None),
    ("FPD", "IKK-2.2", "kendala", None, "Jadwal bimtek bergeser"),
    ("PM", "IKK-1.1", "pembilang", 120.0, None),
    ("PM", "IKK-1.1", "penyebut", 300.0, None),
    ("PM", "IKK-1.1", "realisasi", 40.0, None),
    ("PM", "IKK-1.3", "realisasi", 150.0, None),
    ("FPD", "", "anggaran", 150e6, None),
)


def kirim(ruang: RuangKerja, periode: Periode = JUNI, nilai: tuple[Isian, ...] = KIRIMAN) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(buku, [(periode.kode, *n) for n in nilai], oleh="himpun")


@pytest.fixture
def berisi(ruang: RuangKerja) -> RuangKerja:
    kirim(ruang)
    return ruang


def nilai(ruang: RuangKerja, periode: Periode = JUNI) -> dict[tuple[str, str], object]:
    with ruang.buka_buku_besar() as buku:
        return {
            (n.indikator or n.tim, n.kolom): n.angka if n.angka is not None else n.teks
            for n in buku.nilai_kini(periode.kode)
        }


def jumlah_audit(ruang: RuangKerja) -> int:
    with ruang.buka_buku_besar() as buku:
        return len(buku.audit())


def koreksi(ruang: RuangKerja, *diminta: PerubahanDiminta, oleh: str = "Ani") -> list[int]:
    return terapkan_koreksi(ruang, rencanakan_koreksi(ruang, JUNI, list(diminta)), oleh)


def analisis_dicatat(ruang: RuangKerja, periode: Periode = JUNI) -> int:
    """An analysis row as ``kinerja analisis`` records it (the data version it saw)."""
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        return buku.catat_analisis(periode=periode.kode, oleh="Tim SAKIP")


def peristiwa_7(ruang: RuangKerja) -> list[tuple[str, str]]:
    with ruang.buka_buku_besar() as buku:
        return [(p.aksi, p.oleh) for p in buku.peristiwa(JUNI.kode) if p.langkah == 7]


# --------------------------------------------------------------------------- one correction


def test_koreksi_tunggal_lama_baru_dan_baris_audit(berisi: RuangKerja) -> None:
    sebelum = jumlah_audit(berisi)
    rencana = rencanakan_koreksi(
        berisi,
        JUNI,
        [PerubahanDiminta("IKK-2.2", "realisasi", "200", "salah ketik", "--realisasi")],
    )
    (p,) = rencana.perubahan
    assert (p.tim, p.indikator, p.kolom, p.lama, p.baru) == (
        "FPD",
        "IKK-2.2",
        "realisasi",
        180.0,
        200.0,
    )
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 180.0, "merencanakan tidak mengubah apa pun"
    assert jumlah_audit(berisi) == sebelum

    (nomor,) = terapkan_koreksi(berisi, rencana, "Ani Rahmawati")
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 200.0
    (baris,) = riwayat(berisi, JUNI, "IKK-2.2", sumber="koreksi")
    assert baris.id == nomor
    assert (baris.periode, baris.tim, baris.indikator, baris.kolom) == (
        "2022-06",
        "FPD",
        "IKK-2.2",
        "realisasi",
    )
    assert (baris.lama, baris.baru, baris.alasan, baris.oleh, baris.sumber) == (
        180.0,
        200.0,
        "salah ketik",
        "Ani Rahmawati",
        "koreksi",
    )
    assert baris.waktu[:2] == "20" and "T" in baris.waktu
    assert peristiwa_7(berisi) == [("koreksi", "Ani Rahmawati")]


def test_teks_dan_anggaran_dikoreksi_dengan_label_atau_nama(berisi: RuangKerja) -> None:
    koreksi(
        berisi,
        PerubahanDiminta("IKK-2.2", " kendala / permasalahan ", "Bimtek diundur ke Juli", "rapat"),
        PerubahanDiminta("IKK-2.2", "Rencana Tindak Lanjut", '=HYPERLINK("x")', "rapat"),
        PerubahanDiminta("fpd", "Realisasi Anggaran Bulan Ini (Rp)", "Rp 1.500.000", "SP2D"),
    )
    hasil = nilai(berisi)
    assert hasil[("IKK-2.2", "kendala")] == "Bimtek diundur ke Juli"
    assert hasil[("IKK-2.2", "rtl")] == '=HYPERLINK("x")'
    assert hasil[("FPD", "anggaran")] == 1_500_000.0
    jejak = {(b.indikator or b.tim, b.kolom): b for b in riwayat(berisi, JUNI, sumber="koreksi")}
    assert jejak[("IKK-2.2", "kendala")].lama == "Jadwal bimtek bergeser"
    assert jejak[("FPD", "anggaran")].lama == 150e6


@pytest.mark.parametrize(
    ("teks", "kolom"),
    [
        ("Realisasi Bulan Ini", "realisasi"),
        ("  REALISASI   bulan ini* ", "realisasi"),
        ("realisasi", "realisasi"),
        ("Kendala/Permasalahan", "kendala"),
        ("Upaya / Solusi", "upaya"),
        ("rtl", "rtl"),
        ("Rencana Tindak Lanjut", "rtl"),
        ("Bukti Dukung", "bukti"),
        ("Realisasi Bulan Ini (Rp)", "anggaran"),
        ("anggaran", "anggaran"),
        ("Pembilang", "pembilang"),
        ("penyebut", "penyebut"),
        ("Target Bulan Ini", None),
        ("Capaian (%)", None),
    ],
)
def test_nama_kolom_menerima_label_instrumen(teks: str, kolom: str | None) -> None:
    assert nama_kolom(teks) == kolom


@given(
    pilihan=st.sampled_from(sorted(KOLOM_KOREKSI.items())),
    huruf=st.lists(st.booleans(), min_size=60, max_size=60),
    spasi=st.lists(st.sampled_from(["", " ", "  ", "\t", "\u00a0"]), min_size=60, max_size=60),
)
def test_nama_kolom_tidak_peka_huruf_dan_spasi(
    pilihan: tuple[str, str], huruf: list[bool], spasi: list[str]
) -> None:
    nama, label = pilihan
    for asli in (nama, label):
        acak = "".join(
            (c.upper() if besar else c.lower()) + s
            for c, besar, s in zip(asli, huruf, spasi, strict=False)
        )
        assert nama_kolom(f" {acak} ") == nama


def test_nilai_sama_dilewati_dan_tidak_diaudit(berisi: RuangKerja) -> None:
    sebelum = jumlah_audit(berisi)
    rencana = rencanakan_koreksi(
        berisi, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", "180", "cek", "baris 2")]
    )
    assert rencana.perubahan == () and rencana.sama == ("baris 2",)
    assert terapkan_koreksi(berisi, rencana, "Ani") == []
    assert jumlah_audit(berisi) == sebelum and peristiwa_7(berisi) == []


def test_koreksi_indikator_tim_yang_belum_mengirim(berisi: RuangKerja) -> None:
    koreksi(berisi, PerubahanDiminta("IKK-1.7", "realisasi", 5, "dikonfirmasi lewat telepon"))
    assert nilai(berisi)[("IKK-1.7", "realisasi")] == 5.0
    (baris,) = riwayat(berisi, JUNI, "IKK-1.7")
    assert (baris.tim, baris.lama, baris.baru) == ("DTI", None, 5.0)


# --------------------------------------------------------------------------- ratio indicators


def test_pembilang_menghitung_ulang_realisasi_dan_diaudit(berisi: RuangKerja) -> None:
    rencana = rencanakan_koreksi(
        berisi, JUNI, [PerubahanDiminta("IKK-1.1", "Pembilang", "150", "verifikasi Dapodik")]
    )
    assert [(p.kolom, p.lama, p.baru, p.turunan) for p in rencana.perubahan] == [
        ("pembilang", 120.0, 150.0, False),
        ("realisasi", 40.0, 50.0, True),
    ]
    terapkan_koreksi(berisi, rencana, "Ani")
    assert nilai(berisi)[("IKK-1.1", "realisasi")] == 50.0
    jejak = riwayat(berisi, JUNI, "IKK-1.1", sumber="koreksi")
    assert [(b.kolom, b.lama, b.baru) for b in jejak] == [
        ("pembilang", 120.0, 150.0),
        ("realisasi", 40.0, 50.0),
    ]
    assert "dihitung ulang dari pembilang/penyebut" in jejak[1].alasan


def test_pembilang_dan_penyebut_bersama_dinilai_dengan_keduanya(berisi: RuangKerja) -> None:
    # 350 > the old denominator 300, but not > the new one: judged on the pair.
    koreksi(
        berisi,
        PerubahanDiminta("IKK-1.1", "pembilang", 350, "data Dapodik"),
        PerubahanDiminta("IKK-1.1", "penyebut", 400, "data Dapodik"),
    )
    assert nilai(berisi)[("IKK-1.1", "realisasi")] == pytest.approx(hitung.nilai_rasio(350, 400))


@pytest.mark.parametrize(
    ("diminta", "pesan"),
    [
        (
            [PerubahanDiminta("IKK-1.1", "realisasi", 60, "x", "--realisasi")],
            "--realisasi: realisasi IKK-1.1 dihitung dari pembilang dan penyebut",
        ),
        ([PerubahanDiminta("IKK-1.1", "penyebut", 0, "x", "--penyebut")], "(penyebut-nol)"),
        (
            [PerubahanDiminta("IKK-1.1", "pembilang", 500, "x", "--pembilang")],
            "(pembilang-melebihi-penyebut) Pembilang IKK-1.1 (500) lebih besar dari penyebut (300)",
        ),
        (
            [PerubahanDiminta("IKK-1.1", "penyebut", -3, "x", "--penyebut")],
            "Penyebut IKK-1.1: negatif",
        ),
        (
            [PerubahanDiminta("IKK-2.2", "pembilang", 3, "x", "--pembilang")],
            "IKK-2.2 tidak memakai pembilang/penyebut",
        ),
        (
            [PerubahanDiminta("IKK-2.3", "pembilang", 30, "x", "--pembilang")],
            "penyebut IKK-2.3 belum ada di data Juni 2022",
        ),
    ],
)
def test_rasio_yang_tidak_masuk_akal_ditolak(
    berisi: RuangKerja, diminta: list[PerubahanDiminta], pesan: str
) -> None:
    sebelum = nilai(berisi)
    with pytest.raises(DitolakError) as galat:
        rencanakan_koreksi(berisi, JUNI, diminta)
    assert pesan in galat.value.pesan
    assert nilai(berisi) == sebelum


# --------------------------------------------------------------------------- all or nothing


@pytest.mark.parametrize(
    ("salah", "pesan"),
    [
        (
            PerubahanDiminta("IKK-2.22", "realisasi", 1, "x", "baris 4"),
            "baris 4: kode indikator 'IKK-2.22' tidak dikenal. Kode yang mirip: IKK-2.2",
        ),
        (
            PerubahanDiminta("IKK-2.2", "realisasi", "1.234", "x", "baris 4"),
            "baris 4: (bukan-angka) Realisasi Bulan Ini IKK-2.2 berisi '1.234', yang bisa berarti 1234",
        ),
        (
            PerubahanDiminta("IKK-2.2", "realisasi", 5, "  ", "baris 4"),
            "baris 4: alasan koreksi wajib",
        ),
        (PerubahanDiminta("IKK-2.2", "realisasi", "", "x", "baris 4"), "baris 4: Nilai Baru"),
        (PerubahanDiminta("IKK-1.3", "realisasi", 900, "x", "baris 4"), "batas maksimum 800"),
        (
            PerubahanDiminta("IKK-1.5", "realisasi", "101%", "x", "baris 4"),
            "baris 4: (di-luar-batas)",
        ),
        (PerubahanDiminta("IKK-2.2", "realisasi", -1, "x", "baris 4"), "negatif"),
        (
            PerubahanDiminta("IKK-2.2", "warna", 5, "x", "baris 4"),
            "baris 4: kolom 'warna' tidak dikenal",
        ),
        (PerubahanDiminta("PM", "realisasi", 5, "x", "baris 4"), "Untuk anggaran, tulis kode tim"),
        (PerubahanDiminta("IKK-2.2", "anggaran", 5, "x", "baris 4"), "bukan kode tim"),
        (
            PerubahanDiminta("IKK-2.2", "Realisasi Bulan Ini", 7, "x", "baris 4"),
            "baris 4: Realisasi Bulan Ini IKK-2.2 sudah dikoreksi di baris 2",
        ),
    ],
)
def test_satu_baris_salah_menolak_semuanya(
    berisi: RuangKerja, salah: PerubahanDiminta, pesan: str
) -> None:
    sebelum, audit = nilai(berisi), jumlah_audit(berisi)
    baik = [
        PerubahanDiminta("IKK-2.2", "realisasi", 210, "rekap kegiatan", "baris 2"),
        PerubahanDiminta("IKK-1.3", "realisasi", 160, "rekap kegiatan", "baris 3"),
    ]
    with pytest.raises(DitolakError) as galat:
        koreksi(berisi, *baik, salah)
    assert pesan in galat.value.pesan
    assert "tidak ada yang diubah" in galat.value.pesan
    assert nilai(berisi) == sebelum and jumlah_audit(berisi) == audit
    assert peristiwa_7(berisi) == []


def test_semua_masalah_disebut_sekaligus(berisi: RuangKerja) -> None:
    with pytest.raises(DitolakError) as galat:
        rencanakan_koreksi(
            berisi,
            JUNI,
            [
                PerubahanDiminta("IKK-9", "realisasi", 1, "x", "baris 2"),
                PerubahanDiminta("IKK-2.2", "realisasi", "abc", "", "baris 3"),
            ],
        )
    pesan = galat.value.pesan
    assert "(3 masalah)" in pesan
    assert "baris 2: kode indikator 'IKK-9'" in pesan
    assert "baris 3: alasan" in pesan and "baris 3: (bukan-angka)" in pesan


def test_bulan_di_luar_tahun_dan_permintaan_kosong(berisi: RuangKerja) -> None:
    with pytest.raises(PenggunaanError, match="di luar tahun konfigurasi"):
        rencanakan_koreksi(
            berisi, Periode(2023, 6), [PerubahanDiminta("IKK-2.2", "realisasi", 1, "x")]
        )
    with pytest.raises(PenggunaanError, match="Tidak ada perubahan"):
        rencanakan_koreksi(berisi, JUNI, [])


def test_data_berubah_setelah_rencana_ditolak(berisi: RuangKerja) -> None:
    rencana = rencanakan_koreksi(berisi, JUNI, [PerubahanDiminta("IKK-1.1", "pembilang", 150, "x")])
    # a replacement submission lands between showing and confirming
    kirim(berisi, nilai=(("PM", "IKK-1.1", "penyebut", 320.0, None),))
    with pytest.raises(DitolakError, match="berubah sejak koreksi ditampilkan"):
        terapkan_koreksi(berisi, rencana, "Ani")
    assert nilai(berisi)[("IKK-1.1", "pembilang")] == 120.0


# --------------------------------------------------------------------------- batch file


def isi_berkas(
    tujuan: Path, konfigurasi_ruang: RuangKerja, baris: list[tuple[object, ...]]
) -> Path:
    """Fill a template the way a user does (openpyxl), under the header row."""
    templat = tulis_templat(tujuan.with_name("templat.xlsx"), konfigurasi_ruang.konfigurasi, JUNI)
    wb = load_workbook(templat)
    ws = wb["Koreksi"]
    for r, isi in enumerate(baris, start=2):
        for c, v in enumerate(isi, start=1):
            sel = ws.cell(row=r, column=c, value=v)
            if isinstance(v, str):
                sel.data_type = "s"
    wb.save(tujuan)
    return tujuan


def test_templat_punya_daftar_pilihan_kode_dan_kolom(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = tulis_templat(tmp_path / "templat.xlsx", ruang.konfigurasi, JUNI)
    wb = load_workbook(berkas)
    assert wb.sheetnames[0] == "Koreksi"
    ws = wb["Koreksi"]
    assert [c.value for c in ws[1]] == ["Kode", "Kolom", "Nilai Baru", "Alasan"]
    validasi = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(validasi) == {"A2:A1001", "B2:B1001"}
    assert all(dv.type == "list" and dv.showErrorMessage for dv in validasi.values())
    daftar = wb["Daftar"]
    assert daftar.sheet_state == "hidden"

    def isi_rentang(formula: str) -> list[object]:
        lembar, rentang = formula.lstrip("=").split("!")
        return [r[0].value for r in wb[lembar][rentang.replace("$", "")]]

    kode = isi_rentang(validasi["A2:A1001"].formula1)
    assert kode[:22] == [i.kode for i in ruang.konfigurasi.indikator]
    assert kode[22:] == [t.kode for t in ruang.konfigurasi.tim if t.anggaran is not None]
    assert isi_rentang(validasi["B2:B1001"].formula1) == list(KOLOM_KOREKSI.values())
    petunjuk = [c.value for c in wb["Petunjuk"]["A"]]
    assert "IKK-3.6" in petunjuk and "FPD" in petunjuk


def test_berkas_batch_dibaca_dan_diterapkan(berisi: RuangKerja, tmp_path: Path) -> None:
    berkas = isi_berkas(
        tmp_path / "isi.xlsx",
        berisi,
        [
            ("IKK-2.2", "Realisasi Bulan Ini", 205, "rekap kegiatan"),
            ("FPD", "Realisasi Anggaran Bulan Ini (Rp)", "Rp 160.000.000", "SP2D susulan"),
            (None, None, None, None),
            ("IKK-2.2", "Kendala/Permasalahan", "=SUM(1)", "catatan rapat"),
            ("IKK-1.1", "penyebut", "400", "verifikasi"),
            ("IKK-1.4", "Bukti Dukung", 12, "nomor dokumen"),
        ],
    )
    diminta = baca_berkas_koreksi(berkas, berisi.konfigurasi)
    assert [d.tempat for d in diminta] == ["baris 2", "baris 3", "baris 5", "baris 6", "baris 7"]
    koreksi(berisi, *diminta)
    hasil = nilai(berisi)
    assert hasil[("IKK-2.2", "realisasi")] == 205.0
    assert hasil[("FPD", "anggaran")] == 160e6
    assert hasil[("IKK-2.2", "kendala")] == "=SUM(1)"
    assert hasil[("IKK-1.1", "realisasi")] == 30.0
    assert hasil[("IKK-1.4", "bukti")] == "12"


@pytest.mark.parametrize(
    ("salah", "pesan"),
    [
        (("IKK-9.9", "Realisasi Bulan Ini", 1, "x"), "baris 4: kode indikator 'IKK-9.9'"),
        (("IKK-2.2", "Realisasi Bulan Ini", "1.234", "x"), "baris 4: (bukan-angka)"),
        (("IKK-2.2", "Realisasi Bulan Ini", 7, None), "baris 4: alasan koreksi wajib"),
        (("IKK-2.2", None, 7, "x"), "baris 4: Kolom kosong"),
    ],
)
def test_berkas_dengan_satu_baris_salah_tidak_mengubah_apa_pun(
    berisi: RuangKerja, tmp_path: Path, salah: tuple[object, ...], pesan: str
) -> None:
    berkas = isi_berkas(
        tmp_path / "isi.xlsx",
        berisi,
        [
            ("IKK-1.3", "Realisasi Bulan Ini", 160, "rekap"),
            ("IKK-2.2", "Kendala/Permasalahan", "Baru", "rapat"),
            salah,
            ("FPD", "Realisasi Anggaran Bulan Ini (Rp)", 1e6, "SP2D"),
        ],
    )
    sebelum, audit = nilai(berisi), jumlah_audit(berisi)
    with pytest.raises(DitolakError) as galat:
        baca_berkas_koreksi(berkas, berisi.konfigurasi)
    assert "isi.xlsx ditolak" in galat.value.pesan and pesan in galat.value.pesan
    assert nilai(berisi) == sebelum and jumlah_audit(berisi) == audit


def test_berkas_bukan_batch_koreksi(ruang: RuangKerja, tmp_path: Path) -> None:
    with pytest.raises(PenggunaanError, match="tidak ada"):
        baca_berkas_koreksi(tmp_path / "hilang.xlsx", ruang.konfigurasi)
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan zip")
    with pytest.raises(PenggunaanError, match="tidak dapat dibaca"):
        baca_berkas_koreksi(rusak, ruang.konfigurasi)
    kosong = tulis_templat(tmp_path / "kosong.xlsx", ruang.konfigurasi, JUNI)
    with pytest.raises(PenggunaanError, match="tidak berisi baris koreksi"):
        baca_berkas_koreksi(kosong, ruang.konfigurasi)
    wb = load_workbook(kosong)
    wb["Koreksi"]["C1"] = "Nilai"
    wb.save(tmp_path / "judul.xlsx")
    with pytest.raises(PenggunaanError, match="Judul kolom"):
        baca_berkas_koreksi(tmp_path / "judul.xlsx", ruang.konfigurasi)


def test_berkas_buatan_sendiri_dengan_judul_di_bawah(berisi: RuangKerja, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["B2"] = "Daftar koreksi Juni"
    for c, judul in enumerate(("alasan", "KODE", "nilai baru", "Kolom"), start=2):
        ws.cell(row=4, column=c, value=judul)
    ws.append([None, "salah ketik", "IKK-2.2", 190, "realisasi"])
    wb.save(tmp_path / "sendiri.xlsx")
    (d,) = baca_berkas_koreksi(tmp_path / "sendiri.xlsx", berisi.konfigurasi)
    assert (d.kode, d.kolom, d.nilai, d.alasan, d.tempat) == (
        "IKK-2.2",
        "realisasi",
        190.0,
        "salah ketik",
        "baris 5",
    )


@perlu_libreoffice
def test_berkas_batch_setelah_disimpan_libreoffice_sebagai_ods(
    berisi: RuangKerja, tmp_path: Path
) -> None:
    berkas = isi_berkas(
        tmp_path / "isi.xlsx",
        berisi,
        [("IKK-2.2", "Realisasi Bulan Ini", "1.234,5", "x"), ("IKK-1.3", "realisasi", 12, "y")],
    )
    ods = konversi(berkas, "ods", tmp_path / "ods")
    diminta = baca_berkas_koreksi(ods, berisi.konfigurasi)
    assert [d.tempat for d in diminta] == ["baris 2", "baris 3"]
    koreksi(berisi, *diminta)
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 1234.5
    assert nilai(berisi)[("IKK-1.3", "realisasi")] == 12.0


# --------------------------------------------------------------------------- audit trail


def test_jejak_audit_tidak_dapat_diubah_lewat_koneksi_proyek(berisi: RuangKerja) -> None:
    (nomor,) = koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "asli"))
    with BukuBesar(berisi.berkas_buku_besar) as buku:
        for sql, pesan in (
            ("UPDATE audit SET alasan = 'dipalsukan' WHERE id = ?", "tidak boleh diubah"),
            ("DELETE FROM audit WHERE id = ?", "tidak boleh dihapus"),
            (
                "INSERT OR REPLACE INTO audit (id, periode, oleh, waktu, sumber, alasan) "
                "VALUES (?, '2022-06', 'x', 'x', 'koreksi', 'dipalsukan')",
                "tidak boleh ditimpa",
            ),
            (
                "INSERT INTO audit (id, periode, oleh, waktu, sumber) VALUES (?, '2022-06', 'x', "
                "'x', 'koreksi') ON CONFLICT (id) DO UPDATE SET alasan = 'dipalsukan'",
                "tidak boleh",
            ),
        ):
            with pytest.raises(sqlite3.IntegrityError, match=pesan):
                buku.conn.execute(sql, (nomor,))
        with pytest.raises(sqlite3.IntegrityError, match="tidak boleh dihapus"):
            buku.conn.execute("DELETE FROM audit")
        with pytest.raises(sqlite3.IntegrityError), buku.transaksi():
            buku.conn.execute("UPDATE audit SET oleh = 'x'")
    (baris,) = riwayat(berisi, JUNI, "IKK-2.2", sumber="koreksi")
    assert (baris.id, baris.alasan, baris.oleh, baris.baru) == (nomor, "asli", "Ani", 200.0)
    assert jumlah_audit(berisi) == len(KIRIMAN) + 1


def test_riwayat_disaring_dan_berurutan(berisi: RuangKerja) -> None:
    kirim(berisi, Periode(2022, 5), (("FPD", "IKK-2.2", "realisasi", 90.0, None),))
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "a"))
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 210, "b"))
    semua = riwayat(berisi)
    koreksi_saja = [b.id for b in semua if b.sumber == "koreksi"]
    assert koreksi_saja == sorted(koreksi_saja) and None not in koreksi_saja
    assert all(b.id is None and b.kiriman_id for b in semua if b.sumber == "kiriman")
    assert [b.periode for b in semua if b.indikator == "IKK-2.2"][-3:] == [
        "2022-05",
        *[JUNI.kode] * 2,
    ]
    assert {b.periode for b in semua} == {"2022-05", "2022-06"}
    juni = riwayat(berisi, JUNI, "ikk-2.2", sumber="koreksi")
    assert [(b.lama, b.baru, b.alasan) for b in juni] == [(180.0, 200.0, "a"), (200.0, 210.0, "b")]
    assert {b.tim for b in riwayat(berisi, tim="PM")} == {"PM"}
    assert riwayat(berisi, Periode(2022, 7)) == []


# --------------------------------------------------------------------------- decisions


def test_setujui_ditolak_tanpa_analisis_atau_setelah_data_berubah(berisi: RuangKerja) -> None:
    with pytest.raises(DitolakError) as galat:
        setujui(berisi, JUNI, "Hendra", tetap=True)
    assert "belum dianalisis" in galat.value.pesan
    assert "kinerja analisis --bulan 2022-06` dulu" in (galat.value.saran or "")
    analisis_dicatat(berisi)
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "x"))
    with pytest.raises(DitolakError) as galat:
        setujui(berisi, JUNI, "Hendra", tetap=True)
    assert "berubah setelah analisis terakhir" in galat.value.pesan
    assert "kinerja analisis --bulan 2022-06` dulu" in (galat.value.saran or "")
    with berisi.buka_buku_besar() as buku:
        assert buku._q("SELECT COUNT(*) FROM keputusan")[0][0] == 0
    nomor_analisis = analisis_dicatat(berisi)
    setujui(berisi, JUNI, "Hendra", "sesuai", tetap=True)
    with berisi.buka_buku_besar() as buku:
        keputusan = buku.keputusan_terakhir(JUNI.kode)
        assert keputusan is not None and buku.terkunci(JUNI.kode)
    assert (keputusan.jenis, keputusan.oleh, keputusan.catatan) == (
        "setujui",
        "Hendra",
        "sesuai; disetujui tanpa isian: FPM, FPP, KMT, DTI, UMM",
    )
    assert keputusan.analisis_id == nomor_analisis
    with pytest.raises(DitolakError, match="sudah disetujui"):
        setujui(berisi, JUNI, "Hendra", tetap=True)


def test_data_bulan_lain_yang_lebih_awal_juga_membuat_analisis_usang(berisi: RuangKerja) -> None:
    analisis_dicatat(berisi)
    kirim(berisi, Periode(2022, 5), (("FPD", "IKK-2.2", "realisasi", 90.0, None),))
    with pytest.raises(DitolakError, match="berubah setelah analisis"):
        setujui(berisi, JUNI, "Hendra", tetap=True)


def test_kunci_tolak_buka(berisi: RuangKerja) -> None:
    analisis_dicatat(berisi)
    tolak(berisi, JUNI, "IKK-2.2 belum sesuai laporan kegiatan", "Hendra")
    assert not _terkunci(berisi)
    koreksi(
        berisi, PerubahanDiminta("IKK-2.2", "realisasi", 200, "laporan kegiatan"), oleh="Tim SAKIP"
    )
    analisis_dicatat(berisi)
    setujui(berisi, JUNI, "Hendra", tetap=True)
    assert _terkunci(berisi)

    sebelum = nilai(berisi)
    with pytest.raises(DitolakError) as galat:
        rencanakan_koreksi(berisi, JUNI, [PerubahanDiminta("IKK-2.2", "realisasi", 1, "x")])
    assert "bulan-terkunci" in galat.value.pesan and galat.value.kode_keluar == 1
    assert "kinerja buka --bulan 2022-06" in (galat.value.saran or "")
    with pytest.raises(DitolakError, match="bulan-terkunci"):
        tolak(berisi, JUNI, "terlambat", "Hendra")
    assert nilai(berisi) == sebelum

    with pytest.raises(PenggunaanError, match="alasan"):
        buka(berisi, JUNI, "  ", "Hendra")
    buka(berisi, JUNI, "data susulan FPD", "Hendra")
    assert not _terkunci(berisi)
    with pytest.raises(DitolakError, match="tidak terkunci"):
        buka(berisi, JUNI, "lagi", "Hendra")
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 201, "susulan"), oleh="Tim SAKIP")
    assert nilai(berisi)[("IKK-2.2", "realisasi")] == 201.0

    (dibuka,) = riwayat(berisi, JUNI, sumber="buka")
    assert (dibuka.alasan, dibuka.oleh, dibuka.kolom, dibuka.indikator) == (
        "data susulan FPD",
        "Hendra",
        "",
        "",
    )
    with berisi.buka_buku_besar() as buku:
        jenis = [k.jenis for k in buku.keputusan(JUNI.kode)]
    assert jenis == ["tolak", "setujui", "buka"]
    assert peristiwa_7(berisi) == [
        ("tolak", "Hendra"),
        ("koreksi", "Tim SAKIP"),
        ("setujui", "Hendra"),
        ("buka", "Hendra"),
        ("koreksi", "Tim SAKIP"),
    ]


def test_tolak_memerlukan_catatan_dan_oleh_bawaan_pengguna_os(
    berisi: RuangKerja, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINERJA_PENGGUNA", "operator-sakip")
    with pytest.raises(PenggunaanError, match="catatan"):
        tolak(berisi, JUNI, " ", "Hendra")
    with pytest.raises(PenggunaanError, match="nama"):
        tolak(berisi, JUNI, "lengkapi bukti dukung", None)
    tolak(berisi, JUNI, "lengkapi bukti dukung", "Hendra")
    koreksi(berisi, PerubahanDiminta("IKK-2.2", "realisasi", 181, "x"), oleh="")
    assert [o for _, o in peristiwa_7(berisi)] == ["Hendra", "operator-sakip"]


def _terkunci(ruang: RuangKerja) -> bool:
    with ruang.buka_buku_besar() as buku:
        return buku.terkunci(JUNI.kode)


# --------------------------------------------------------------------------- the next analysis


def test_koreksi_mengubah_analisis_berikutnya(berisi: RuangKerja) -> None:
    from pengumpulan_kinerja.analisis import hitung_analisis

    kirim(berisi, Periode(2022, 5), (("FPD", "IKK-2.2", "realisasi", 20.0, None),))

    def capaian(kode: str) -> tuple[float, float]:
        with berisi.buka_buku_besar() as buku:
            hasil = hitung_analisis(berisi.konfigurasi, buku, JUNI)
        baris = hasil.indikator.set_index("kode").loc[kode]
        return float(baris["realisasi"]), float(baris["capaian_bulan"])

    # IKK-2.2 kumulatif, target Juni 200: (20 + 180) / 200
    assert capaian("IKK-2.2") == (200.0, 100.0)
    assert capaian("IKK-1.1")[0] == 40.0
    koreksi(
        berisi,
        PerubahanDiminta("IKK-2.2", "realisasi", 130, "rekap kegiatan"),
        PerubahanDiminta("IKK-1.1", "pembilang", 150, "verifikasi"),
    )
    assert capaian("IKK-2.2") == (150.0, 75.0)
    assert capaian("IKK-1.1")[0] == 50.0
