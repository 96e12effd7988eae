"""Hostile and broken ``kinerja.yaml`` (issue 15 class 5, issue 16): every case is a
configuration error through the real CLI (a subprocess with a timeout and a memory
ceiling), exit 2, the line named, in Indonesian, quickly."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from pengumpulan_kinerja.ruang_kerja import buat_ruang_kerja

BATAS_DETIK = 30  # a guard against a hang, not a timing assertion
BATAS_MEMORI = 1024 * 1024 * 1024  # 1 GiB of address space: a bomb would need far more

BOM_ALIAS = "".join(
    f"{huruf}: &{huruf} [{', '.join([f'*{sebelum}'] * 10)}]\n"
    for sebelum, huruf in zip("abcdefgh", "bcdefghi", strict=True)
)
BOM_ALIAS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + BOM_ALIAS


def _batasi_memori() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (BATAS_MEMORI, BATAS_MEMORI))


def cek(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from pengumpulan_kinerja.cli import main; main()", "cek"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=BATAS_DETIK,
        preexec_fn=_batasi_memori,
        env={"COLUMNS": "300", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def asli(tmp_path_factory: pytest.TempPathFactory) -> str:
    ruang = buat_ruang_kerja(tmp_path_factory.mktemp("asli") / "ruang")
    return ruang.berkas_konfigurasi.read_text(encoding="utf-8")


def ubah(asli: str, lama: str, baru: str) -> str:
    assert lama in asli, lama
    return asli.replace(lama, baru, 1)


def baris_ke(teks: str, potongan: str) -> int:
    return teks[: teks.index(potongan)].count("\n") + 1


KASUS: dict[str, tuple[object, str, str | None]] = {
    # name: (how to make the file from the example, expected message part, line marker)
    "bom alias": (lambda a: BOM_ALIAS + a, "bom alias", "BOM"),  # a line of the bomb
    "bom alias dengan komentar 2 MB": (
        lambda a: BOM_ALIAS + "# " + "x" * 2_000_000 + "\n" + a,
        "bom alias",
        "BOM",
    ),
    "alias rekursif": (
        lambda a: ubah(a, "tahun: 2022", "tahun: &t [1, *t]"),
        "alias rekursif",
        "tahun: &t",
    ),
    "tahun 5000 digit": (
        lambda a: ubah(a, "tahun: 2022", "tahun: " + "9" * 5000),
        "terlalu panjang",
        "tahun: 999",
    ),
    "sarang terlalu dalam": (
        lambda a: "a: " + "[" * 500 + "]" * 500 + "\n" + a,
        "bersarang lebih dari",
        "a: [[[",
    ),
    "kurung tidak ditutup": (
        lambda a: ubah(a, "tahun: 2022", "tahun: [2022"),
        "daftar dalam kurung siku",
        "tahun: [2022",
    ),
    "tab": (lambda a: ubah(a, "tahun: 2022", "tahun:\n\t- 2022"), "tab", "\t- 2022"),
    "titik dua": (
        lambda a: ubah(a, "tahun: 2022", "tahun: 2022: dua"),
        "titik dua tidak boleh di sini",
        "tahun: 2022: dua",
    ),
    "nilai hilang": (
        lambda a: ubah(a, "tahun: 2022", "tahun: [2022, , ]"),
        "penulisan YAML tidak sah",
        "tahun: [2022, , ]",
    ),
    "kosong": (lambda a: "# hanya komentar\n\n", "kinerja.yaml kosong", None),
    "kode tim CON": (
        lambda a: ubah(a, "kode: PM\n", "kode: CON\n"),
        "dicadangkan Windows",
        "kode: CON",
    ),
    "kode tim nul.txt": (
        lambda a: ubah(a, "kode: PM\n", "kode: nul.txt\n"),
        "dicadangkan Windows",
        "kode: nul.txt",
    ),
    "kode tim Com7.": (
        lambda a: ubah(a, "kode: PM\n", "kode: Com7.\n"),
        "dicadangkan Windows",
        "kode: Com7.",
    ),
    "kode tim LPT1 berspasi": (
        lambda a: ubah(a, "kode: PM\n", "kode: 'LPT1 '\n"),
        "dicadangkan Windows",
        "kode: 'LPT1 '",
    ),
    "kode tim beda huruf": (
        lambda a: ubah(a, "kode: FPD\n", "kode: pm\n"),
        "hanya berbeda huruf besar/kecil",
        "kode: pm",
    ),
    "nama tim berkarakter kendali": (
        lambda a: ubah(
            a,
            "nama: Tim Kerja Pemetaan Mutu Pendidikan",
            'nama: "Tim \\e]0;judul\\a"',
        ),
        "karakter kendali",
        'nama: "Tim',
    ),
}


@pytest.mark.parametrize("nama", list(KASUS))
def test_konfigurasi_jahat_galat_dengan_baris(nama: str, asli: str, tmp_path: Path) -> None:
    buat, pesan, penanda = KASUS[nama]
    teks = buat(asli)  # type: ignore[operator]
    (tmp_path / "kinerja.yaml").write_text(teks, encoding="utf-8")
    hasil = cek(tmp_path)
    keluaran = " ".join(hasil.stderr.split())
    assert hasil.returncode == 2, hasil.stderr + hasil.stdout
    assert "Traceback" not in hasil.stderr and "Error" not in hasil.stderr
    assert pesan in keluaran, keluaran
    disebut = [int(b) for b in re.findall(r"• baris (\d+)", keluaran)]
    if penanda == "BOM":
        assert disebut and disebut[0] <= BOM_ALIAS.count("\n"), keluaran
    elif penanda is not None:  # libyaml may notice an unclosed bracket a line or two later
        pertama = baris_ke(teks, penanda)
        assert disebut and pertama <= disebut[0] <= pertama + 2, keluaran
    else:
        assert "baris ?" not in keluaran
    for inggris in ("did not find", "expected", "found", "while ", "mapping values"):
        assert inggris not in keluaran, keluaran
    assert "\x1b" not in hasil.stderr


def test_galat_yaml_menyebut_kolom(asli: str, tmp_path: Path) -> None:
    teks = ubah(asli, "tahun: 2022", "tahun: 2022: dua")
    (tmp_path / "kinerja.yaml").write_text(teks, encoding="utf-8")
    keluaran = " ".join(cek(tmp_path).stderr.split())
    assert f"baris {baris_ke(teks, 'tahun: 2022: dua')} kolom 12" in keluaran


def test_alias_wajar_tetap_boleh(asli: str, tmp_path: Path) -> None:
    """An anchor reused a few times (the same person heads two teams) is fine."""
    teks = ubah(asli, "  kasubbag_umum: {", "  kasubbag_umum: &kasubbag {")
    teks = re.sub(r"(?m)^(    ketua: )\{[^}]*\}$", r"\1*kasubbag", teks, count=2)
    assert teks.count("*kasubbag") == 2
    (tmp_path / "kinerja.yaml").write_text(teks, encoding="utf-8")
    hasil = cek(tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    assert "Hendra Saputra" in hasil.stdout
