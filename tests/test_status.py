"""kinerja status: the eight POS steps of a month, from the ledger's records, against
their mutu baku; and which step comes next."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.keputusan import buka, setujui, tolak
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.pos import LANGKAH, NOMOR_POS, nama_pos, teks_durasi
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from pengumpulan_kinerja.status import StatusBulan, status_bulan
from tests.pembantu import kirim_nilai

JUNI = Periode(2022, 6)
runner = CliRunner()
SEBELUM_BATAS = datetime(2022, 7, 5, 12, 0)
SESUDAH_BATAS = datetime(2022, 7, 20, 12, 0)


def peristiwa(
    ruang: RuangKerja,
    langkah: int,
    mulai: datetime,
    selesai: datetime | None = None,
    oleh: str = "Tim SAKIP",
    aksi: str = "uji",
    periode: Periode = JUNI,
) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.catat_peristiwa(
            periode=periode.kode,
            langkah=langkah,
            aksi=aksi,
            oleh=oleh,
            mulai=mulai,
            selesai=selesai,
        )


def kiriman(ruang: RuangKerja, tim: str, diterima: datetime, terlambat: bool = False) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(
            buku,
            [],
            tim_periode=[(JUNI.kode, tim)],
            diterima=diterima.isoformat(),
            terlambat=terlambat,
        )


def semua_tim(ruang: RuangKerja) -> list[str]:
    return [t.kode for t in ruang.konfigurasi.tim_berindikator()]


def analisis(ruang: RuangKerja, waktu: datetime) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.catat_analisis(periode=JUNI.kode, oleh="Tim SAKIP")
        buku.catat_peristiwa(
            periode=JUNI.kode, langkah=6, aksi="analisis", oleh="Tim SAKIP", mulai=waktu
        )


def ubah_nilai(ruang: RuangKerja, angka: float) -> None:
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.ubah_nilai(
            periode=JUNI.kode,
            tim="PM",
            indikator="IKK-1.2",
            kolom="realisasi",
            angka=angka,
            teks=None,
            oleh="Tim SAKIP",
            alasan="uji",
        )


def st(ruang: RuangKerja, kini: datetime = SESUDAH_BATAS) -> StatusBulan:
    return status_bulan(ruang, JUNI, kini=kini)


@pytest.mark.parametrize(
    ("durasi", "teks"),
    [
        (timedelta(seconds=0), "< 1 menit"),
        (timedelta(seconds=59), "< 1 menit"),
        (timedelta(minutes=15), "15 menit"),
        (timedelta(hours=1, minutes=5), "1 jam 5 menit"),
        (timedelta(hours=2), "2 jam"),
        (timedelta(days=1), "1 hari"),
        (timedelta(days=2, hours=3, minutes=40), "2 hari 3 jam"),
        (timedelta(days=3), "3 hari"),
    ],
)
def test_durasi_dalam_bahasa_indonesia(durasi: timedelta, teks: str) -> None:
    assert teks_durasi(durasi) == teks


def test_delapan_langkah_pos_sesuai_seed() -> None:
    assert NOMOR_POS == "BPL-06/08/C7.14/2022"
    assert nama_pos("BPMP Provinsi Lampung") == "POS Pengumpulan Data Kinerja BPMP Provinsi Lampung"
    assert [lk.nomor for lk in LANGKAH] == list(range(1, 9))
    assert [lk.pelaksana for lk in LANGKAH][:6] == [
        "Kepala",
        "Kasubbag Umum",
        "Tim SAKIP",
        "Ketua Tim Kerja",
        "Tim SAKIP",
        "Tim SAKIP",
    ]
    assert [lk.teks_mutu_baku(7) for lk in LANGKAH] == [
        "15 menit",
        "15 menit",
        "1 jam",
        "paling lambat tanggal 7 bulan berikutnya",
        "1 hari",
        "3 hari",
        "1 hari",
        "2 jam",
    ]
    assert LANGKAH[4].uraian.startswith("Menghimpun format data dan informasi capaian kinerja")


def test_bulan_tanpa_kegiatan_semua_belum(ruang: RuangKerja) -> None:
    hasil = st(ruang)
    assert [s.keadaan for s in hasil.langkah] == ["belum"] * 8
    assert all(s.terpenuhi is None and s.mulai is None for s in hasil.langkah)
    assert "Kamis, 7 Juli 2022" in hasil[4].keterangan
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 1
    assert hasil.berikutnya.perintah == (
        'kinerja disposisi --bulan 2022-06 --langkah 1 --oleh "Drs. Djohan Achmadi, M.Ed."'
    )


@pytest.mark.parametrize(("menit", "terpenuhi"), [(10, True), (15, True), (16, False)])
def test_disposisi_langkah_2_diukur_dari_langkah_1(
    ruang: RuangKerja, menit: int, terpenuhi: bool
) -> None:
    satu = datetime(2022, 7, 1, 8, 0)
    peristiwa(ruang, 1, satu, oleh="Drs. Djohan Achmadi, M.Ed.", aksi="disposisi")
    hasil = st(ruang)
    assert hasil[1].keadaan == "selesai" and hasil[1].terpenuhi is True
    assert hasil[1].oleh == "Drs. Djohan Achmadi, M.Ed."
    assert hasil[2].keadaan == "belum"
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 2
    peristiwa(ruang, 2, satu + timedelta(minutes=menit), oleh="Hendra", aksi="disposisi")
    dua = st(ruang)[2]
    assert dua.keadaan == "selesai" and dua.mulai == satu
    assert dua.durasi == timedelta(minutes=menit)
    assert dua.terpenuhi is terpenuhi
    assert st(ruang).berikutnya.nomor == 3  # type: ignore[union-attr]


def test_langkah_3_rentang_peristiwa_terhadap_satu_jam(ruang: RuangKerja) -> None:
    mulai = datetime(2022, 7, 1, 9, 0)
    peristiwa(ruang, 3, mulai, mulai + timedelta(minutes=20))
    tiga = st(ruang)[3]
    assert (tiga.keadaan, tiga.terpenuhi, teks_durasi(tiga.durasi)) == (  # type: ignore[arg-type]
        "selesai",
        True,
        "20 menit",
    )
    # instruments written again later the same morning: first start to last end
    peristiwa(ruang, 3, mulai + timedelta(minutes=50), mulai + timedelta(hours=1, minutes=5))
    hasil = st(ruang)
    assert teks_durasi(hasil[3].durasi) == "1 jam 5 menit"  # type: ignore[arg-type]
    assert hasil[3].terpenuhi is False
    # instruments ready, nothing came back: step 4 is next; after the deadline it failed
    assert hasil[4].keadaan == "belum"
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 4
    assert "kinerja himpun" in hasil.berikutnya.perintah
    assert st(ruang, SEBELUM_BATAS)[4].terpenuhi is None
    assert st(ruang, SESUDAH_BATAS)[4].terpenuhi is False


def test_langkah_4_tepat_waktu_semua_tim(ruang: RuangKerja) -> None:
    siap = datetime(2022, 7, 1, 10, 0)
    peristiwa(ruang, 3, siap - timedelta(minutes=30), siap)
    for n, tim in enumerate(semua_tim(ruang)):
        kiriman(ruang, tim, datetime(2022, 7, 2 + n % 5, 9, 0))
    empat = st(ruang)[4]
    assert empat.keadaan == "selesai" and empat.terpenuhi is True
    assert empat.mulai == siap and empat.selesai == datetime(2022, 7, 6, 9, 0)
    assert empat.oleh == "7 dari 7 tim"
    assert "diterima 7/7 tim, tepat waktu 7, terlambat 0" in empat.keterangan


def test_langkah_4_satu_tim_terlambat(ruang: RuangKerja) -> None:
    for tim in semua_tim(ruang):
        kiriman(ruang, tim, datetime(2022, 7, 5, 9, 0))
    kiriman(ruang, "KMT", datetime(2022, 7, 9, 14, 0), terlambat=True)
    empat = st(ruang)[4]
    assert empat.keadaan == "selesai" and empat.terpenuhi is False
    assert empat.selesai == datetime(2022, 7, 9, 14, 0)
    assert "tepat waktu 6, terlambat 1 (KMT)" in empat.keterangan


def test_langkah_4_tim_belum_mengirim_sebelum_dan_sesudah_batas(ruang: RuangKerja) -> None:
    for tim in semua_tim(ruang):
        if tim != "FPP":
            kiriman(ruang, tim, datetime(2022, 7, 4, 9, 0))
    sebelum = st(ruang, SEBELUM_BATAS)[4]
    assert sebelum.keadaan == "berjalan" and sebelum.terpenuhi is None
    assert "belum mengirim 1 (FPP)" in sebelum.keterangan
    assert "diterima 6/7 tim" in sebelum.keterangan
    sesudah = st(ruang, SESUDAH_BATAS)[4]
    assert sesudah.keadaan == "berjalan" and sesudah.terpenuhi is False


def test_langkah_5_sampai_8_dan_langkah_berikutnya(ruang: RuangKerja) -> None:
    himpun_mulai = datetime(2022, 7, 8, 8, 0)
    for tim in semua_tim(ruang):
        kiriman(ruang, tim, datetime(2022, 7, 5, 9, 0))
    peristiwa(ruang, 5, himpun_mulai, himpun_mulai + timedelta(days=1, hours=2), aksi="himpun")
    hasil = st(ruang)
    assert hasil[5].keadaan == "selesai" and hasil[5].terpenuhi is False, "lebih dari 1 hari"
    assert hasil[6].keadaan == "belum"
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 6
    assert hasil.berikutnya.perintah == "kinerja analisis --bulan 2022-06"

    analisis(ruang, datetime(2022, 7, 10, 9, 0))
    hasil = st(ruang)
    assert hasil[6].keadaan == "selesai" and hasil[6].terpenuhi is True
    assert hasil[7].keadaan == "belum" and "menunggu tinjauan" in hasil[7].keterangan
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 7

    ubah_nilai(ruang, 71.0)  # a correction: the analysis is out of date
    hasil = st(ruang)
    assert hasil[6].keadaan == "berjalan" and "analisis perlu diulang" in hasil[6].keterangan
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 6
    analisis(ruang, datetime(2022, 7, 11, 9, 0))
    assert st(ruang)[6].keadaan == "selesai"

    tolak(ruang, JUNI, "Realisasi IKK-1.2 belum sesuai", "Hendra Saputra")
    hasil = st(ruang)
    assert hasil[7].keadaan == "berjalan" and "ditolak oleh Hendra Saputra" in hasil[7].keterangan
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 6, "tidak: ke langkah 6"
    ubah_nilai(ruang, 72.0)
    analisis(ruang, datetime(2022, 7, 12, 9, 0))
    hasil = st(ruang)
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 7, "dianalisis ulang"

    keputusan = setujui(ruang, JUNI, "Hendra Saputra", tetap=True).id
    hasil = st(ruang)
    assert hasil[7].keadaan == "selesai" and "disetujui oleh Hendra Saputra" in hasil[7].keterangan
    assert hasil[8].keadaan == "belum"
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 8
    assert hasil.berikutnya.perintah == "kinerja arsip --bulan 2022-06"

    arsip_mulai = datetime.now().replace(microsecond=0)
    with ruang.buka_buku_besar() as buku, buku.transaksi():
        buku.catat_arsip(
            periode="2022-06",
            revisi=1,
            folder="arsip/2022-06",
            oleh="Tim SAKIP",
            menggantikan=None,
            keputusan_id=keputusan,
            sha256sums="x",
            jejak_jumlah=0,
            jejak_hash="",
        )
        buku.catat_peristiwa(
            periode="2022-06",
            langkah=8,
            aksi="arsip",
            oleh="Tim SAKIP",
            mulai=arsip_mulai,
            selesai=arsip_mulai + timedelta(minutes=3),
        )
    hasil = st(ruang)
    assert hasil[8].keadaan == "selesai" and hasil[8].terpenuhi is True
    assert "arsip/2022-06 (revisi 1)" in hasil[8].keterangan
    assert hasil.berikutnya is None

    buka(ruang, JUNI, "data susulan FPD", "Hendra Saputra")
    hasil = st(ruang)
    assert hasil[7].keadaan == "berjalan" and "dibuka kembali" in hasil[7].keterangan
    assert hasil[8].keadaan == "belum"
    assert "persetujuan sebelumnya" in hasil[8].keterangan
    assert hasil[6].keadaan == "berjalan" and "dibuka kembali" in hasil[6].keterangan
    assert hasil.berikutnya is not None and hasil.berikutnya.nomor == 6
    assert "data susulan FPD" in hasil.berikutnya.alasan
    analisis(ruang, datetime.now().replace(microsecond=0))
    assert st(ruang).berikutnya.nomor == 7  # type: ignore[union-attr]


def test_langkah_berjalan_gagal_setelah_melewati_mutu_baku(ruang: RuangKerja) -> None:
    koreksi = datetime(2022, 7, 12, 9, 0)
    peristiwa(ruang, 7, koreksi, koreksi + timedelta(minutes=5), aksi="koreksi")
    dua_jam = st(ruang, koreksi + timedelta(hours=2))[7]
    assert dua_jam.keadaan == "berjalan" and dua_jam.terpenuhi is None
    assert "menunggu keputusan" in dua_jam.keterangan
    dua_hari = st(ruang, koreksi + timedelta(days=2))[7]
    assert dua_hari.keadaan == "berjalan" and dua_hari.terpenuhi is False


def test_cli_status_tabel_json_dan_bulan_bawaan(ruang: RuangKerja) -> None:
    peristiwa(ruang, 3, datetime(2022, 6, 2, 9, 0), periode=Periode(2022, 5))
    peristiwa(ruang, 1, datetime(2022, 7, 1, 8, 0), oleh="Drs. Djohan Achmadi, M.Ed.")
    hasil = runner.invoke(app, ["status", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    teks = " ".join(hasil.output.split())
    assert "Juni 2022" in teks, "bawaan: bulan terakhir yang punya kegiatan"
    assert "BPL-06/08/C7.14/2022" in teks
    for kata in ("Disposisi", "Mutu baku", "15 menit", "01/07 08.00", "Drs. Djohan", "belum"):
        assert kata in teks, kata
    assert "Langkah berikutnya: 2." in teks
    assert "--langkah 2" in teks

    hasil = runner.invoke(app, ["status", "--bulan", "5", "--json", "-R", str(ruang.akar)])
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert data["periode"] == "2022-05" and data["batas"] == "2022-06-07"
    assert [x["keadaan"] for x in data["langkah"]][:4] == ["belum", "belum", "selesai", "belum"]
    assert data["langkah"][2]["mulai"] == "2022-06-02T09:00:00"
    assert data["langkah"][2]["durasi"] == "< 1 menit" and data["langkah"][2]["terpenuhi"] is True
    assert data["langkah"][3]["mutu_baku"] == "paling lambat tanggal 7 bulan berikutnya"
    assert data["berikutnya"]["langkah"] == 4


def test_status_mengikuti_perintah_sebulan_penuh(ruang: RuangKerja) -> None:
    """Each real command moves its step; the next step named follows the POS."""
    from pengumpulan_kinerja.analisis import analisis_bulan
    from pengumpulan_kinerja.arsip import arsipkan
    from pengumpulan_kinerja.disposisi import catat_disposisi
    from pengumpulan_kinerja.himpun import himpun
    from tests.pembantu import isi_bulan

    def keadaan() -> tuple[str, int | None]:
        hasil = status_bulan(ruang, JUNI)
        teks = "".join(
            {"selesai": "s", "berjalan": "j", "belum": "-"}[s.keadaan] for s in hasil.langkah
        )
        return teks, hasil.berikutnya.nomor if hasil.berikutnya else None

    assert keadaan() == ("--------", 1)
    catat_disposisi(ruang, JUNI, 1, "Drs. Djohan Achmadi, M.Ed.")
    catat_disposisi(ruang, JUNI, 2, "Hendra Saputra, S.E., M.M.")
    assert keadaan() == ("ss------", 3)
    folder = isi_bulan(ruang, JUNI, kecuali=["FPP"], terlambat=["KMT"])  # buat-instrumen inside
    assert keadaan() == ("sss-----", 4)
    himpun(ruang, folder, oleh="Tim SAKIP")
    st4 = status_bulan(ruang, JUNI)[4]
    assert (st4.keadaan, st4.terpenuhi) == ("berjalan", False), "FPP belum, KMT terlambat"
    assert keadaan() == ("sssjs---", 6)
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    assert keadaan() == ("sssjss--", 7)
    tolak(ruang, JUNI, "Lengkapi kendala IKK-2.3", "Hendra Saputra, S.E., M.M.")
    assert keadaan() == ("sssjssj-", 6)
    analisis_bulan(ruang, JUNI, oleh="Tim SAKIP")
    assert keadaan() == ("sssjssj-", 7)
    setujui(ruang, JUNI, "Hendra Saputra, S.E., M.M.", tetap=True)
    assert keadaan() == ("sssssss-", 8), "langkah 4 ditutup oleh persetujuan (FPP disebut)"
    arsipkan(ruang, JUNI, "Tim SAKIP")
    assert keadaan() == ("ssssssss", None)
