"""Killing himpun mid-run never leaves a half-written ledger or a half-copied file."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pengumpulan_kinerja.periode import Periode
from pengumpulan_kinerja.ruang_kerja import RuangKerja
from tests.pembantu import isi_bulan

JUNI = Periode(2022, 6)


def _periksa_konsisten(ruang: RuangKerja) -> int:
    conn = sqlite3.connect(ruang.berkas_buku_besar)
    conn.row_factory = sqlite3.Row
    kiriman = conn.execute("SELECT id, salinan, sha256 FROM kiriman").fetchall()
    for k in kiriman:
        n = conn.execute("SELECT COUNT(*) FROM nilai WHERE kiriman_id = ?", (k["id"],)).fetchone()[
            0
        ]
        assert n > 0, "kiriman tanpa nilai: transaksi setengah jadi"
        salinan = ruang.akar / k["salinan"]
        assert hashlib.sha256(salinan.read_bytes()).hexdigest() == k["sha256"]
    kini = conn.execute(
        "SELECT COUNT(*) FROM nilai_kini WHERE kiriman_id NOT IN (SELECT id FROM kiriman)"
    ).fetchone()[0]
    assert kini == 0
    conn.close()
    return len(kiriman)


def test_dibunuh_di_tengah_jalan(ruang: RuangKerja, tmp_path: Path) -> None:
    masuk = tmp_path / "masuk"
    for bulan in (4, 5, 6):
        isi_bulan(ruang, Periode(2022, bulan), folder=masuk / str(bulan))
    perintah = [sys.executable, "-c", "from pengumpulan_kinerja.cli import main; main()"]
    lingkungan = {**os.environ, "KINERJA_RUANG_KERJA": str(ruang.akar)}
    for jeda in (0.6, 0.9, 1.2, 1.5):
        proses = subprocess.Popen(
            [*perintah, "himpun", str(masuk)],
            env=lingkungan,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(jeda)
        proses.send_signal(signal.SIGKILL)
        proses.wait()
        _periksa_konsisten(ruang)
    selesai = subprocess.run([*perintah, "himpun", str(masuk)], env=lingkungan, capture_output=True)
    assert selesai.returncode in (0, 1), selesai.stderr
    assert _periksa_konsisten(ruang) == 21
    assert not list((ruang.akar / "kiriman").rglob("*.tmp"))
    berkas = list((ruang.akar / "kiriman").rglob("*.xlsx"))
    assert len(berkas) == 21, "tidak ada salinan yatim setelah jalan ulang"
