"""arsip (POS step 8): the monthly folder, built aside and renamed into place.

An archive is never rewritten: a new approval after a reopening gets the next
revision (``arsip/2022-06.r2/``). ``SHA256SUMS`` is in the format ``sha256sum -c``
checks, and :func:`periksa_arsip` names every changed, added or missing file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import stat
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from . import __version__
from .buku_besar import KOLOM_ANGKA, BukuBesar, pengguna_os, sekarang, waktu_iso
from .galat import DitolakError, PenggunaanError
from .keluaran import teks_csv, tulis_sel
from .koreksi import KOLOM_KOREKSI
from .periode import Periode, parse_periode
from .ruang_kerja import RuangKerja
from .status import status_bulan
from .temuan import KOLOM_EKSPOR

NAMA_SUMS = "SHA256SUMS"
NAMA_MANIFES = "arsip.json"
_POLA_ARSIP = re.compile(r"^(\d{4}-\d{2})(?:\.r(\d+))?$")
_AMAN = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class HasilArsip:
    folder: Path
    revisi: int
    menggantikan: str | None
    berkas: tuple[str, ...]


@dataclass(frozen=True)
class HasilPeriksa:
    folder: Path
    diubah: tuple[str, ...]
    ditambah: tuple[str, ...]
    hilang: tuple[str, ...]

    @property
    def utuh(self) -> bool:
        return not (self.diubah or self.ditambah or self.hilang)


def _sha256(berkas: Path) -> str:
    h = hashlib.sha256()
    with open(berkas, "rb") as f:
        while potongan := f.read(1 << 20):
            h.update(potongan)
    return h.hexdigest()


def _csv(baris: Iterable[Sequence[Any]]) -> str:
    keluar = io.StringIO()
    penulis = csv.writer(keluar, lineterminator="\n")
    for b in baris:
        penulis.writerow(["" if v is None else teks_csv(v) for v in b])
    return keluar.getvalue()


def bulan_disetujui_terakhir(buku: BukuBesar) -> str | None:
    baris = buku.query(
        "SELECT k.periode FROM keputusan k JOIN (SELECT periode, MAX(id) AS id FROM keputusan "
        "GROUP BY periode) m ON m.id = k.id WHERE k.jenis = 'setujui' ORDER BY k.periode DESC LIMIT 1"
    )
    return str(baris[0]["periode"]) if baris else None


def _nama_folder(kode: str, revisi: int) -> str:
    return kode if revisi == 1 else f"{kode}.r{revisi}"


def _arsip_ada(folder_arsip: Path, kode: str) -> list[tuple[int, Path]]:
    hasil = []
    if folder_arsip.is_dir():
        for anak in folder_arsip.iterdir():
            cocok = _POLA_ARSIP.match(anak.name)
            if cocok and cocok.group(1) == kode and anak.is_dir():
                hasil.append((int(cocok.group(2) or 1), anak))
    return sorted(hasil)


# --------------------------------------------------------------------------- contents


def tulis_data_capaian(buku: BukuBesar, ruang: RuangKerja, periode: Periode, tujuan: Path) -> None:
    """The corrected dataset (Dokumen capaian kinerja): every current value with its
    source submission, and corrections marked with reason, who and when."""
    k = ruang.konfigurasi
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data Capaian"
    ws["A1"] = f"Dokumen Capaian Kinerja {k.satker.nama} — {periode.label} (data setelah koreksi)"
    ws["A1"].font = Font(bold=True, size=13)
    judul = [
        "Tim",
        "Kode",
        "Indikator",
        "Kolom",
        "Nilai",
        "Sumber",
        "Berkas Kiriman",
        "Dikoreksi",
        "Alasan Koreksi",
        "Dikoreksi Oleh",
        "Waktu Koreksi",
    ]
    for c, j in enumerate(judul, start=1):
        sel = ws.cell(row=3, column=c, value=j)
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E78")
    baris = buku.query(
        "SELECT n.*, k.nama_berkas, a.alasan, a.oleh AS a_oleh, a.waktu AS a_waktu "
        "FROM nilai_kini n LEFT JOIN kiriman k ON k.id = n.kiriman_id "
        "LEFT JOIN audit a ON a.id = n.audit_id WHERE n.periode = ?",
        (periode.kode,),
    )
    urutan = {i.kode: n for n, i in enumerate(k.indikator)}
    baris.sort(key=lambda b: (urutan.get(b["indikator"], 999), b["tim"], b["kolom"]))
    kuning = PatternFill("solid", fgColor="FFF2CC")
    for r, b in enumerate(baris, start=4):
        ind = k.cari_indikator(b["indikator"])
        nilai = b["angka"] if b["kolom"] in KOLOM_ANGKA else b["teks"]
        dikoreksi = b["sumber"] == "koreksi"
        isi = [
            b["tim"],
            b["indikator"] or "(anggaran)",
            ind.uraian if ind else "Realisasi anggaran",
            KOLOM_KOREKSI.get(b["kolom"], b["kolom"]),
            nilai,
            b["sumber"],
            b["nama_berkas"] or "",
            "Ya" if dikoreksi else "",
            b["alasan"] if dikoreksi else "",
            b["a_oleh"] if dikoreksi else "",
            b["a_waktu"] if dikoreksi else "",
        ]
        for c, v in enumerate(isi, start=1):
            sel = tulis_sel(ws, r, c, v)
            if dikoreksi:
                sel.fill = kuning
    for huruf, lebar in zip(
        "ABCDEFGHIJK", (7, 10, 50, 24, 22, 10, 36, 10, 36, 16, 20), strict=True
    ):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:K{max(3, len(baris) + 3)}"
    wk = wb.create_sheet("Kiriman")
    kolom = [
        "id",
        "tim",
        "nama_berkas",
        "sha256",
        "diterima",
        "terlambat",
        "tanggal_pengisian",
        "diisi_oleh",
        "aktif",
        "menggantikan",
    ]
    for c, j in enumerate(kolom, start=1):
        wk.cell(row=1, column=c, value=j).font = Font(bold=True)
    for r, b in enumerate(
        buku.query("SELECT * FROM kiriman WHERE periode = ? ORDER BY id", (periode.kode,)), start=2
    ):
        for c, j in enumerate(kolom, start=1):
            tulis_sel(wk, r, c, b[j])
    wb.save(tujuan)


def _salin_kiriman(buku: BukuBesar, ruang: RuangKerja, periode: Periode, folder: Path) -> list[str]:
    folder.mkdir()
    nama: list[str] = []
    for b in buku.query(
        "SELECT id, nama_berkas, salinan, sha256 FROM kiriman WHERE periode = ? ORDER BY id",
        (periode.kode,),
    ):
        sumber = ruang.akar / b["salinan"]
        if not sumber.is_file() or _sha256(sumber) != b["sha256"]:
            raise DitolakError(
                f"Salinan kiriman {b['salinan']} hilang atau berubah; arsip tidak dibuat.",
                "Pulihkan folder kiriman/ dari cadangan, atau himpun ulang berkas aslinya.",
            )
        dasar = _AMAN.sub("_", b["nama_berkas"]).strip("._") or "berkas"
        tujuan = folder / f"{b['id']:04d}_{dasar[-120:]}"
        shutil.copyfile(sumber, tujuan)
        nama.append(tujuan.name)
    return nama


def arsipkan(
    ruang: RuangKerja, periode: Periode | None = None, oleh: str | None = None
) -> HasilArsip:
    """Archive an approved month into ``arsip/PERIODE/`` (or the next ``.rN``)."""
    from .analisis import hitung_analisis
    from .laporan import tulis_laporan

    oleh = oleh or pengguna_os()
    mulai = sekarang()
    konfigurasi = ruang.konfigurasi
    with ruang.buka_buku_besar() as buku:
        if periode is None:
            kode = bulan_disetujui_terakhir(buku)
            if kode is None:
                raise DitolakError(
                    "Belum ada bulan yang disetujui; tidak ada yang diarsipkan.",
                    "Setujui bulan dulu dengan `kinerja setujui --bulan B`.",
                )
            periode = parse_periode(kode)
        if not buku.terkunci(periode.kode):
            raise DitolakError(
                f"{periode.label} belum disetujui; hanya bulan yang disetujui yang diarsipkan.",
                f"Minta Kasubbag Umum menjalankan `kinerja setujui --bulan {periode.kode}`.",
            )
        keputusan = buku.keputusan_terakhir(periode.kode)
        assert keputusan is not None
        sudah = buku.query(
            "SELECT folder FROM arsip WHERE periode = ? AND keputusan_id = ?",
            (periode.kode, keputusan["id"]),
        )
        ada = _arsip_ada(ruang.folder_arsip, periode.kode)
        for _, folder_lama in ada:
            manifes = folder_lama / NAMA_MANIFES
            try:
                data = json.loads(manifes.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if data.get("keputusan_id") == keputusan["id"]:
                sudah.append({"folder": folder_lama.name})  # type: ignore[arg-type]
        if sudah:
            raise DitolakError(
                f"Persetujuan {periode.label} ini sudah diarsipkan di arsip/{sudah[0]['folder']}.",
                f"Periksa dengan `kinerja arsip --periksa {sudah[0]['folder']}`. Arsip baru hanya "
                "dibuat setelah bulan dibuka dan disetujui lagi.",
            )
        for sisa in (
            ruang.folder_arsip.glob(f".{periode.kode}*.tmp-*")
            if ruang.folder_arsip.is_dir()
            else ()
        ):
            _hapus_paksa(sisa)  # left by an interrupted run: never a finished archive
        revisi = (ada[-1][0] + 1) if ada else 1
        menggantikan = ada[-1][1].name if ada else None
        nama = _nama_folder(periode.kode, revisi)
        akhir = ruang.folder_arsip / nama
        ruang.folder_arsip.mkdir(parents=True, exist_ok=True)
        sementara = ruang.folder_arsip / f".{nama}.tmp-{uuid.uuid4().hex[:8]}"
        sementara.mkdir()
        try:
            _salin_kiriman(buku, ruang, periode, sementara / "kiriman")
            tulis_data_capaian(
                buku, ruang, periode, sementara / f"data-capaian-{periode.kode}.xlsx"
            )
            laporan = ruang.folder_laporan(periode)
            nama_laporan = (
                f"analisis-{periode.kode}.xlsx",
                f"analisis-{periode.kode}.html",
                f"capaian-{periode.kode}.csv",
            )
            if buku.analisis_mutakhir(periode.kode) and all(
                (laporan / n).is_file() for n in nama_laporan
            ):
                for n in nama_laporan:
                    shutil.copyfile(laporan / n, sementara / n)
            else:
                tulis_laporan(hitung_analisis(konfigurasi, buku, periode, ruang), sementara)
            temuan = buku.query(
                "SELECT t.* FROM temuan t JOIN kiriman k ON k.id = t.kiriman_id WHERE t.periode = ? ORDER BY t.id",
                (periode.kode,),
            )
            kolom_t = list(KOLOM_EKSPOR)
            (sementara / f"temuan-{periode.kode}.csv").write_text(
                _csv([kolom_t, *[[t[c] for c in kolom_t] for t in temuan]]), encoding="utf-8"
            )
            audit = buku.query("SELECT * FROM audit WHERE periode = ? ORDER BY id", (periode.kode,))
            kolom_a = [
                "waktu",
                "periode",
                "tim",
                "indikator",
                "kolom",
                "lama",
                "baru",
                "alasan",
                "oleh",
                "sumber",
                "kiriman_id",
            ]
            (sementara / f"koreksi-{periode.kode}.csv").write_text(
                _csv([kolom_a, *[[a[c] for c in kolom_a] for a in audit]]), encoding="utf-8"
            )
            status = status_bulan(ruang, periode).sebagai_json()["langkah"]
            kolom_s = [
                "langkah",
                "uraian",
                "pelaksana",
                "mutu_baku",
                "keadaan",
                "mulai",
                "selesai",
                "oleh",
                "durasi",
                "terpenuhi",
                "keterangan",
            ]
            (sementara / f"status-{periode.kode}.csv").write_text(
                _csv([kolom_s, *[[s[c] for c in kolom_s] for s in status]]), encoding="utf-8"
            )
            data_manifes = {
                "satker": konfigurasi.satker.nama,
                "periode": periode.kode,
                "revisi": revisi,
                "folder": nama,
                "menggantikan": menggantikan,
                "keputusan_id": keputusan["id"],
                "disetujui_oleh": keputusan["oleh"],
                "disetujui_pada": keputusan["waktu"],
                "diarsipkan_oleh": oleh,
                "diarsipkan_pada": waktu_iso(),
                "versi_alat": __version__,
            }
            (sementara / NAMA_MANIFES).write_text(
                json.dumps(data_manifes, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            (sementara / "BACA.txt").write_text(
                f"Folder data capaian kinerja {periode.label} — {konfigurasi.satker.nama}\n"
                f"Revisi {revisi}"
                + (f", menggantikan arsip/{menggantikan}" if menggantikan else "")
                + ".\n"
                f"Disetujui oleh {keputusan['oleh']} pada {keputusan['waktu']}.\n"
                "Periksa keutuhan dengan: sha256sum -c SHA256SUMS  (atau kinerja arsip --periksa)\n",
                encoding="utf-8",
            )
            berkas = sorted(
                p.relative_to(sementara).as_posix() for p in sementara.rglob("*") if p.is_file()
            )
            (sementara / NAMA_SUMS).write_text(
                "".join(f"{_sha256(sementara / b)}  {b}\n" for b in berkas), encoding="utf-8"
            )
            for p in sementara.rglob("*"):
                if p.is_file():
                    p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.rename(sementara, akhir)
        except BaseException:
            _hapus_paksa(sementara)
            raise
        with buku.transaksi():
            lama = buku.query(
                "SELECT id FROM arsip WHERE periode = ? ORDER BY revisi DESC LIMIT 1",
                (periode.kode,),
            )
            buku.conn.execute(
                "INSERT INTO arsip (periode, revisi, folder, waktu, oleh, menggantikan, keputusan_id, sha256sums) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (
                    periode.kode,
                    revisi,
                    f"arsip/{nama}",
                    waktu_iso(),
                    oleh,
                    lama[0]["id"] if lama else None,
                    keputusan["id"],
                    _sha256(akhir / NAMA_SUMS),
                ),
            )
            buku.catat_peristiwa(
                periode=periode.kode,
                langkah=8,
                aksi="arsip",
                oleh=oleh,
                mulai=mulai,
                selesai=sekarang(),
                rincian={"folder": f"arsip/{nama}", "revisi": revisi, "menggantikan": menggantikan},
            )
    return HasilArsip(akhir, revisi, menggantikan, (*berkas, NAMA_SUMS))


def _hapus_paksa(folder: Path) -> None:
    if not folder.exists():
        return
    for p in folder.rglob("*"):
        if p.is_file():
            p.chmod(stat.S_IWUSR | stat.S_IRUSR)
    shutil.rmtree(folder, ignore_errors=True)


def periksa_arsip(ruang: RuangKerja, nama: str) -> HasilPeriksa:
    """Verify an archive folder against its ``SHA256SUMS``."""
    nama = nama.strip().removeprefix("arsip/").rstrip("/")
    if not _POLA_ARSIP.match(nama):
        raise PenggunaanError(
            f"{nama!r} bukan nama arsip.", "Tulis periode arsipnya, mis. 2022-06 atau 2022-06.r2."
        )
    folder = ruang.folder_arsip / nama
    sums = folder / NAMA_SUMS
    if not folder.is_dir():
        raise PenggunaanError(f"Arsip {nama} tidak ada di {ruang.relatif(ruang.folder_arsip)}.")
    if not sums.is_file():
        return HasilPeriksa(folder, (), (), (NAMA_SUMS,))
    tercatat: dict[str, str] = {}
    for baris in sums.read_text(encoding="utf-8", errors="replace").splitlines():
        if "  " in baris:
            h, b = baris.split("  ", 1)
            tercatat[b] = h
    ada = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {NAMA_SUMS}
    diubah = tuple(sorted(b for b in tercatat if b in ada and _sha256(folder / b) != tercatat[b]))
    hilang = tuple(sorted(b for b in tercatat if b not in ada))
    ditambah = tuple(sorted(ada - set(tercatat)))
    return HasilPeriksa(folder, diubah, ditambah, hilang)
