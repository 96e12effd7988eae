"""Issue 15 class 7: outputs over inputs. No output a user names ever replaces an
existing file without ``--timpa``, and none is ever written over (or into) what the same
run reads: compared by resolved path and by inode (a hard link), with real CLI runs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.pembantu import isi_bulan

runner = CliRunner()
JUNI = Periode(2022, 6)


def _sidik(berkas: Path) -> str:
    return hashlib.sha256(berkas.read_bytes()).hexdigest()


def _sidik_folder(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sidik(p) for p in folder.rglob("*") if p.is_file()}


def _jalan(ruang: RuangKerja, *argumen: str) -> tuple[int, str]:
    hasil = runner.invoke(app, [*argumen, "-R", str(ruang.akar)])
    assert hasil.exception is None or isinstance(hasil.exception, SystemExit), hasil.output
    return hasil.exit_code, hasil.output


@pytest.fixture
def masuk(ruang: RuangKerja) -> Path:
    return isi_bulan(ruang, JUNI)


def _sementara(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_laporan_tidak_pernah_menimpa_berkas_yang_dihimpun(ruang: RuangKerja, masuk: Path) -> None:
    """``himpun --laporan masuk/PM.xlsx``: refused before anything is read or recorded,
    also with --timpa; the workbook is byte-identical and the ledger is empty."""
    isian = sorted(masuk.glob("*.xlsx"))[0]
    sebelum = _sidik_folder(masuk)
    for tambahan in ((), ("--timpa",)):
        kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--laporan", str(isian), *tambahan)
        assert kode == 2, keluaran
        assert "berkas masukan tidak pernah ditimpa" in keluaran.replace("\n", " ")
        assert _sidik_folder(masuk) == sebelum
    with ruang.buka_buku_besar() as buku:
        assert buku.kiriman() == []


def test_laporan_lewat_tautan_keras_juga_ditolak(
    ruang: RuangKerja, masuk: Path, tmp_path: Path
) -> None:
    """The same inode under another name outside the inbox is still the input."""
    isian = sorted(masuk.glob("*.xlsx"))[0]
    tautan = tmp_path / "laporan.xlsx"
    os.link(isian, tautan)
    sidik = _sidik(isian)
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--laporan", str(tautan), "--timpa")
    assert kode == 2, keluaran
    assert _sidik(isian) == sidik


def test_laporan_baru_di_dalam_folder_masuk_ditolak(ruang: RuangKerja, masuk: Path) -> None:
    """A new report inside the folder being collected would be taken in next time."""
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--laporan", str(masuk / "t.xlsx"))
    assert kode == 2, keluaran
    assert not (masuk / "t.xlsx").exists()
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--umpan-balik", str(masuk / "ub"))
    assert kode == 2, keluaran
    assert not (masuk / "ub").exists()


def test_laporan_dan_umpan_balik_hanya_ditimpa_dengan_timpa(
    ruang: RuangKerja, masuk: Path, tmp_path: Path
) -> None:
    laporan = tmp_path / "temuan.xlsx"
    laporan.write_bytes(b"milik pengguna")
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--coba", "--laporan", str(laporan))
    assert kode == 1 and "--timpa" in keluaran, keluaran
    assert laporan.read_bytes() == b"milik pengguna"
    kode, keluaran = _jalan(
        ruang, "himpun", str(masuk), "--coba", "--laporan", str(laporan), "--timpa"
    )
    assert kode in (0, 1) and laporan.read_bytes()[:2] == b"PK", keluaran

    umpan = tmp_path / "umpan"
    umpan.mkdir()
    lama = umpan / "umpan-balik-PM-2022-06.xlsx"
    lama.write_bytes(b"lama")
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--umpan-balik", str(umpan))
    assert kode == 1 and "--timpa" in keluaran, keluaran
    assert lama.read_bytes() == b"lama"
    with ruang.buka_buku_besar() as buku:
        assert buku.kiriman() == []  # refused before the run: nothing recorded
    kode, keluaran = _jalan(ruang, "himpun", str(masuk), "--umpan-balik", str(umpan), "--timpa")
    assert kode in (0, 1), keluaran
    assert _sementara(umpan) == [] and _sementara(tmp_path) == []


def test_templat_koreksi_tidak_menimpa_tanpa_timpa(ruang: RuangKerja, tmp_path: Path) -> None:
    berkas = tmp_path / "koreksi.xlsx"
    berkas.write_bytes(b"berkas pengguna")
    kode, keluaran = _jalan(ruang, "koreksi", "6", "--templat", str(berkas))
    assert kode == 1 and "--timpa" in keluaran, keluaran
    assert berkas.read_bytes() == b"berkas pengguna"
    kode, keluaran = _jalan(ruang, "koreksi", "6", "--templat", str(berkas), "--timpa")
    assert kode == 0, keluaran
    assert berkas.read_bytes()[:2] == b"PK"
    # the workspace's own files are never an output, --timpa or not
    kode, keluaran = _jalan(
        ruang, "koreksi", "6", "--templat", str(ruang.berkas_konfigurasi), "--timpa"
    )
    assert kode == 2, keluaran


def test_cadangkan_tidak_menimpa_tanpa_timpa_dan_tidak_pernah_buku_besar(
    ruang: RuangKerja, tmp_path: Path
) -> None:
    tujuan = tmp_path / "cadangan.db"
    tujuan.write_bytes(b"lain")
    kode, keluaran = _jalan(ruang, "cadangkan", str(tujuan))
    assert kode == 1 and "--timpa" in keluaran, keluaran
    assert tujuan.read_bytes() == b"lain"
    kode, keluaran = _jalan(ruang, "cadangkan", str(tujuan), "--timpa")
    assert kode == 0, keluaran
    assert tujuan.read_bytes()[:15] == b"SQLite format 3"
    db = ruang.berkas_buku_besar
    sidik = _sidik(db)
    kode, keluaran = _jalan(ruang, "cadangkan", str(db), "--timpa")
    assert kode == 2, keluaran
    assert _sidik(db) == sidik


def test_impor_pk_keluaran_bukan_matriksnya(tmp_path: Path) -> None:
    matriks = tmp_path / "pk.xlsx"
    kode = runner.invoke(app, ["impor-pk", "--templat", str(matriks)]).exit_code
    assert kode == 0
    sidik = _sidik(matriks)
    hasil = runner.invoke(app, ["impor-pk", str(matriks), "--keluaran", str(matriks), "--timpa"])
    assert hasil.exit_code == 2, hasil.output
    assert _sidik(matriks) == sidik
