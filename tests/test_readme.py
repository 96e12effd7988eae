"""The README matches the tool: every ``kinerja <command> --option`` it shows is
accepted by that command, the archive files it names exist after ``kinerja demo``, and
the prompt it shows is the one the tool prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pengumpulan_kinerja.cli import app
from pengumpulan_kinerja.ruang_kerja import RuangKerja

README = Path(__file__).resolve().parent.parent / "README.md"
runner = CliRunner()

_PEMUTUS = re.compile(r"&&|\|\||[|;#`>]")


def contoh_perintah(teks: str) -> list[tuple[str, list[str]]]:
    """Each ``kinerja COMMAND ...`` in the README (code blocks, inline code, headings),
    as its command and the long options it uses."""
    hasil: list[tuple[str, list[str]]] = []
    # as a command: at the start of a line (``$ `` prompt allowed), after ``&&`` or a
    # backtick; "kinerja" in a sentence is the Indonesian word
    pola = r"(?m)(?:^\$? *|&& |`|\.venv/bin/activate && pip install \. && )kinerja ([a-z][a-z-]*)([^\n]*)"
    for cocok in re.finditer(pola, teks):
        perintah, sisa = cocok.group(1), cocok.group(2)
        sisa = _PEMUTUS.split(sisa, maxsplit=1)[0]
        sisa = re.sub(r'"[^"]*"', " ", sisa)  # quoted values are values, not options
        hasil.append((perintah, re.findall(r"(?<![\w-])--[a-z][a-z-]*", sisa)))
    return hasil


TEKS = README.read_text(encoding="utf-8")
CONTOH = contoh_perintah(TEKS)


def test_readme_berisi_contoh() -> None:
    perintah = {p for p, _ in CONTOH}
    assert {"init", "cek", "himpun", "analisis", "koreksi", "setujui", "arsip"} <= perintah
    assert len(CONTOH) > 30


@pytest.mark.parametrize("perintah", sorted({p for p, _ in CONTOH}))
def test_perintah_dan_opsi_readme_ada(perintah: str) -> None:
    bantuan = runner.invoke(app, [perintah, "--help"], env={"COLUMNS": "300"})
    assert bantuan.exit_code == 0, f"README memakai `kinerja {perintah}`, perintah itu tidak ada"
    opsi = {o for p, daftar in CONTOH if p == perintah for o in daftar}
    for o in sorted(opsi):
        assert re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", bantuan.output), (
            f"README memakai `kinerja {perintah} {o}`, opsi itu tidak ada"
        )


def test_pertanyaan_koreksi_seperti_di_readme(ruang: RuangKerja) -> None:
    """The prompt the README shows is the one koreksi prints (run for real)."""
    from typer.testing import CliRunner

    from pengumpulan_kinerja.cli import app
    from tests.pembantu import kirim_nilai

    with ruang.buka_buku_besar() as buku, buku.transaksi():
        kirim_nilai(buku, [("2022-06", "FPD", "IKK-2.2", "realisasi", 180.0, None)])
    hasil = CliRunner().invoke(
        app,
        [
            *("koreksi", "--bulan", "6", "--indikator", "IKK-2.2", "--realisasi", "190"),
            *("--alasan", "uji", "-R", str(ruang.akar)),
        ],
        input="t\n",
    )
    assert "Terapkan 1 perubahan ini? Ketik y (ya) atau t (tidak) [t]:" in hasil.output
    assert "Terapkan 1 perubahan ini? Ketik y (ya) atau t (tidak) [t]: y" in TEKS
    assert "[y/N]" not in TEKS


def berkas_arsip_di_readme() -> set[str]:
    """File names the README gives for the monthly archive: the listing printed by
    ``kinerja arsip`` and the table of the archive section."""
    nama: set[str] = set()
    blok = TEKS[TEKS.index("$ kinerja arsip ") :]
    for baris in blok.splitlines()[1:]:
        if not baris.startswith("  "):
            break
        kata = baris.strip()
        if kata != "..." and not kata.startswith("kiriman/"):
            nama.add(kata)
    bagian = TEKS[TEKS.index("### `kinerja arsip") :]
    bagian = bagian[: bagian.index("\n### ", 5)]
    for kode in re.findall(r"`([^`\s]+)`", bagian):
        if re.fullmatch(r"[\w.-]+\.(txt|csv|json|xlsx|html)|SHA256SUMS", kode):
            nama.add(kode)
    return nama


def test_berkas_arsip_di_readme_ada_setelah_demo(tmp_path: Path) -> None:
    nama = berkas_arsip_di_readme()
    assert {"README.txt", "SHA256SUMS", "arsip.json"} <= nama, nama
    hasil = runner.invoke(app, ["demo", str(tmp_path / "demo")])
    assert hasil.exit_code == 0, hasil.output
    arsip = tmp_path / "demo" / "arsip" / "2022-06"
    ada = {p.name for p in arsip.iterdir()}
    hilang = sorted(nama - ada)
    assert not hilang, f"README menyebut {hilang}, arsip berisi {sorted(ada)}"
    assert "BACA.txt" not in TEKS
    # every output of the example month the README names, wherever it is written
    bulan = set(re.findall(r"(?<![\w.-])[A-Za-z][\w.-]*2022-06\.(?:txt|csv|json|xlsx|html)", TEKS))
    assert {"analisis-2022-06.html", "capaian-2022-06.csv", "PM_2022-06.xlsx"} <= bulan, bulan
    ditulis = {p.name for p in (tmp_path / "demo").rglob("*") if p.is_file()}
    assert not sorted(bulan - ditulis), f"README menyebut {sorted(bulan - ditulis)}"
