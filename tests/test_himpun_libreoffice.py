"""Filled instruments re-saved by LibreOffice (xlsx, ods, xls) are taken in alike."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from pengumpulan_kinerja.himpun import himpun
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.libreoffice import konversi, perlu_libreoffice
from tests.pembantu import atur_waktu, isi_bulan

JUNI = Periode(2022, 6)


def nilai(ruang: RuangKerja) -> dict[tuple[str, str, str], object]:
    with ruang.buka_buku_besar() as buku:
        return {
            (n.tim, n.indikator, n.kolom): n.angka if n.angka is not None else n.teks
            for n in buku.nilai_kini("2022-06")
        }


@perlu_libreoffice
@pytest.mark.parametrize("format_", ["xlsx", "ods", "xls"])
def test_simpan_ulang_libreoffice(
    ruang: RuangKerja, tmp_path: Path, format_: str, request: pytest.FixtureRequest
) -> None:
    asli = isi_bulan(
        ruang, JUNI, folder=tmp_path / "asli", kecuali=["FPD", "FPM", "FPP", "KMT", "UMM"]
    )
    pembanding = ruang.akar.parent / "pembanding"
    shutil.copytree(ruang.akar, pembanding)
    himpun(RuangKerja(pembanding), asli)
    harapan = nilai(RuangKerja(pembanding))
    masuk = tmp_path / "masuk"
    for berkas in sorted(asli.iterdir()):
        baru = konversi(berkas, format_, masuk)
        atur_waktu(baru, datetime(2022, 7, 5, 9))
    hasil = himpun(ruang, masuk)
    assert {b.status for b in hasil.berkas} == {"diterima"}
    assert {b.tim for b in hasil.berkas} == {"PM", "DTI"}
    assert not [t for t in hasil.temuan if t.galat or t.kode == "dikenali-dari-label"], (
        "dikenali dari metadata, tanpa galat"
    )
    with ruang.buka_buku_besar() as buku:
        for k in buku._q("SELECT berkas_asal, salinan, tanggal_pengisian FROM kiriman"):
            assert (ruang.akar / k["salinan"]).read_bytes() == Path(k["berkas_asal"]).read_bytes()
            assert k["tanggal_pengisian"] is not None and k["tanggal_pengisian"].startswith("2022-")
    didapat = nilai(ruang)
    assert didapat.keys() == harapan.keys()
    for kunci, v in harapan.items():
        if isinstance(v, float):
            assert didapat[kunci] == pytest.approx(v), kunci
        else:
            assert didapat[kunci] == v, kunci
