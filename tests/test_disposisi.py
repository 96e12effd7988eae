"""kinerja disposisi: POS steps 1 and 2 recorded, and the printable Lembar Disposisi."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.buku_besar import Peristiwa
from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.disposisi import catat_disposisi
from pengumpulan_kinerja.galat import DitolakError
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from pengumpulan_kinerja.status import status_bulan

JUNI = Periode(2022, 6)
KEPALA = "Drs. Djohan Achmadi, M.Ed."
KASUBBAG = "Hendra Saputra, S.E., M.M."
runner = CliRunner()


def teks(html: str) -> str:
    """The visible text of the page, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def peristiwa(ruang: RuangKerja) -> list[Peristiwa]:
    with ruang.buka_buku_besar() as buku:
        return buku.peristiwa(JUNI.kode)


def test_langkah_2_ditolak_sebelum_langkah_1(ruang: RuangKerja) -> None:
    hasil = runner.invoke(
        app,
        ["disposisi", "--bulan", "6", "--langkah", "2", "--oleh", KASUBBAG, "-R", str(ruang.akar)],
    )
    assert hasil.exit_code == 1
    keluaran = " ".join(hasil.output.split())
    assert "langkah 1 (Kepala) untuk Juni 2022 belum dicatat" in keluaran
    assert "--langkah 1" in keluaran, "saran menyebut perintah yang benar"
    assert peristiwa(ruang) == []
    assert not (ruang.folder_laporan(JUNI) / "disposisi-langkah-2-2022-06.html").exists()


def test_lembar_disposisi_langkah_1(ruang: RuangKerja) -> None:
    hasil = runner.invoke(
        app,
        [
            "disposisi",
            "--bulan",
            "Juni",
            "--langkah",
            "1",
            "--oleh",
            KEPALA,
            "--catatan",
            "<b>segera</b> & =HYPERLINK(1)",
            "-R",
            str(ruang.akar),
        ],
    )
    assert hasil.exit_code == 0, hasil.output
    assert f"{KEPALA} → {KASUBBAG}" in " ".join(hasil.output.split())
    berkas = ruang.folder_laporan(JUNI) / "disposisi-langkah-1-2022-06.html"
    html = berkas.read_text(encoding="utf-8")
    isi = teks(html)
    # letterhead lines and address from kinerja.yaml
    assert "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI" in isi
    assert "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI LAMPUNG" in isi
    assert "Jalan Gatot Subroto No. 44A, Bandar Lampung" in isi
    assert "LEMBAR DISPOSISI" in isi
    assert "Nomor POS BPL-06/08/C7.14/2022" in isi
    assert "Nama POS POS Pengumpulan Data Kinerja BPMP Provinsi Lampung" in isi
    assert "Periode data Juni 2022" in isi
    assert "Menugaskan Kasubbag Umum untuk melaporkan data capaian kinerja" in isi
    assert "Mutu baku 15 menit" in isi
    assert f"Dari {KEPALA} Kepala BPMP Provinsi Lampung" in isi
    assert f"Kepada {KASUBBAG} Kasubbag Umum BPMP Provinsi Lampung" in isi
    # signature block of the Kepala with his NIP; the receiver's NIP in "Diterima oleh"
    assert f"Kepala BPMP Provinsi Lampung, {KEPALA} NIP 196611071995121001" in isi
    assert re.search(r"Bandar Lampung, \d{1,2} \w+ \d{4} Kepala BPMP", isi)
    assert f"Diterima oleh {KASUBBAG} NIP 197803142005011002" in isi
    # autoescape: what was typed stays text
    assert "&lt;b&gt;segera&lt;/b&gt; &amp; =HYPERLINK(1)" in html
    assert "<b>segera" not in html
    assert re.search(r"Tanggal \w+, \d{1,2} \w+ \d{4}, pukul \d\d\.\d\d", isi)
    assert "size: A4" in html
    (p,) = peristiwa(ruang)
    assert (p.langkah, p.aksi, p.oleh) == (1, "disposisi", KEPALA)
    rincian = json.loads(str(p.rincian))
    assert rincian == {
        "kepada": KASUBBAG,
        "catatan": "<b>segera</b> & =HYPERLINK(1)",
        "berkas": berkas.name,
    }
    assert not list(berkas.parent.glob(".*.tmp")), "ditulis atomik, tanpa sisa"


def test_lembar_disposisi_langkah_2_dan_status(ruang: RuangKerja) -> None:
    catat_disposisi(ruang, JUNI, 1, KEPALA)
    hasil = catat_disposisi(ruang, JUNI, 2, "Plh. Kasubbag Umum Rina", catatan="Segera diproses")
    assert hasil.kepada == "Tim SAKIP BPMP Provinsi Lampung", "bawaan: tim_sakip.nama"
    isi = teks(hasil.berkas.read_text(encoding="utf-8"))
    assert "Memeriksa disposisi, selanjutnya menugaskan Tim SAKIP" in isi
    assert "Kepada Tim SAKIP BPMP Provinsi Lampung" in isi
    # the receiver's title is not repeated under a name that already says it
    assert "Tim SAKIP BPMP Provinsi Lampung Tim SAKIP" not in isi
    # the signature line names the place from satker.kota, then the date
    assert re.search(r"Bandar Lampung, \d{1,2} \w+ \d{4} Kasubbag Umum", isi)
    assert "paling lambat Kamis, 7 Juli 2022" in isi, "isi disposisi menyebut batas pengumpulan"
    assert "Catatan Segera diproses" in isi
    # someone other than the configured Kasubbag signs: no NIP is invented
    assert "Plh. Kasubbag Umum Rina NIP ....." in isi
    assert "197803142005011002" not in isi
    st = status_bulan(ruang, JUNI)
    assert [st[1].keadaan, st[2].keadaan, st[3].keadaan] == ["selesai", "selesai", "belum"]
    assert st[2].oleh == "Plh. Kasubbag Umum Rina" and st[2].terpenuhi is True
    assert "kepada Tim SAKIP BPMP Provinsi Lampung" in st[2].keterangan
    assert st.berikutnya is not None and st.berikutnya.nomor == 3


def test_kepada_dan_kop_tanpa_konfigurasi_kop(ruang: RuangKerja) -> None:
    yaml = ruang.berkas_konfigurasi
    asli = yaml.read_text(encoding="utf-8")
    awal = asli.index("  kop:\n")
    akhir = asli.index("  alamat:")
    yaml.write_text(asli[:awal] + asli[akhir:], encoding="utf-8")
    ruang = RuangKerja(ruang.akar)
    hasil = catat_disposisi(ruang, JUNI, 1, KEPALA.upper(), kepada="Sekretaris Balai")
    isi = teks(hasil.berkas.read_text(encoding="utf-8"))
    assert "BPMP PROVINSI LAMPUNG Jalan Gatot Subroto" in isi, "kop bawaan: nama satker"
    assert "Kepada Sekretaris Balai" in isi
    assert "NIP 196611071995121001" in isi, "nama sama meski huruf besar"


def test_ulang_disposisi_mencatat_lagi_status_memakai_yang_pertama(ruang: RuangKerja) -> None:
    pertama = catat_disposisi(ruang, JUNI, 1, KEPALA)
    catat_disposisi(ruang, JUNI, 1, KEPALA, catatan="diterbitkan ulang")
    assert len(peristiwa(ruang)) == 2
    satu = status_bulan(ruang, JUNI)[1]
    assert satu.selesai == pertama.waktu
    assert "dicatat 2 kali" in satu.keterangan
    assert "diterbitkan ulang" in pertama.berkas.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argumen", "kode", "pesan"),
    [
        (["--langkah", "3", "--oleh", "X"], 2, "hanya 1 atau 2"),
        (["--langkah", "1", "--oleh", "  "], 2, "--oleh wajib diisi"),
        (["--bulan", "2023-06", "--langkah", "1", "--oleh", "X"], 2, "di luar tahun"),
    ],
)
def test_penggunaan_salah(ruang: RuangKerja, argumen: list[str], kode: int, pesan: str) -> None:
    bulan = [] if "--bulan" in argumen else ["--bulan", "6"]
    hasil = runner.invoke(app, ["disposisi", *bulan, *argumen, "-R", str(ruang.akar)])
    assert hasil.exit_code == kode, hasil.output
    assert pesan in " ".join(hasil.output.split())
    assert peristiwa(ruang) == []


def test_inti_menolak_langkah_2_tanpa_langkah_1(ruang: RuangKerja) -> None:
    with pytest.raises(DitolakError, match="belum dicatat"):
        catat_disposisi(ruang, JUNI, 2, KASUBBAG)


def test_baris_tanda_tangan_tanpa_kota(ruang: RuangKerja) -> None:
    """Without ``satker.kota`` the signature line holds the date alone."""
    yaml = ruang.akar / "kinerja.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("  kota: Bandar Lampung\n", ""), encoding="utf-8"
    )
    hasil = catat_disposisi(RuangKerja(ruang.akar), JUNI, 1, KEPALA)
    isi = teks(hasil.berkas.read_text(encoding="utf-8"))
    assert "Bandar Lampung, " not in isi
    assert re.search(r"\b\d{1,2} \w+ \d{4} Kepala BPMP Provinsi Lampung,", isi)
