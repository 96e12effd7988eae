"""tahun-baru: next year's workspace from this one (SPEC section 16).

The new ``kinerja.yaml`` is this year's text edited line by line, so that the office's
comments and layout survive: ``tahun`` becomes the new year, each indicator gets
``realisasi_tahun_lalu`` from this year's year-end realisation over the approved months
(the same figures as ``kinerja rekap --tahunan``), and every target and budget line is
kept but marked ``# PERBARUI: target 2023``. Where the edit needs a place, it comes from
the YAML parser's marks (line and column of each key and value), never from guessing.
The result is checked like ``kinerja cek`` before anything is written; the new
workspace (folders and ledger) is made by the same function as ``kinerja init``. This
year's workspace is only read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .galat import DitolakError, KinerjaError, PenggunaanError
from .konfigurasi import Konfigurasi, baca_konfigurasi
from .rekap import PeriodeRekap, hitung_rekap
from .ruang_kerja import NAMA_KONFIGURASI, RuangKerja, buat_ruang_kerja, tulis_atomik

PENANDA = "PERBARUI"
"""The word every line to revisit carries (search for it in the new kinerja.yaml)."""


@dataclass(frozen=True)
class HasilTahunBaru:
    """What ``tahun-baru`` made."""

    ruang: RuangKerja
    tahun: int
    tahun_lalu: int
    realisasi_tahun_lalu: dict[str, float | None]
    """Indicator code → the realisation written (None: nothing approved for it)."""
    bulan_disetujui: tuple[int, ...]
    ditandai: int
    """How many lines carry ``# PERBARUI``."""
    renstra_berakhir: bool = False
    """True when the new year lies outside the Renstra period (its keys set to null)."""
    catatan: list[str] = field(default_factory=list)

    def sebagai_json(self) -> dict[str, object]:
        return {
            "folder": str(self.ruang.akar),
            "tahun": self.tahun,
            "tahun_lalu": self.tahun_lalu,
            "bulan_disetujui": list(self.bulan_disetujui),
            "realisasi_tahun_lalu": self.realisasi_tahun_lalu,
            "ditandai": self.ditandai,
            "renstra_berakhir": self.renstra_berakhir,
            "catatan": self.catatan,
        }


def folder_bawaan(ruang: RuangKerja, tahun: int, tahun_lalu: int) -> Path:
    """``../<name>-2023`` beside this workspace; a name ending in this year
    (``sakip-2022``) gets the new year in its place (``sakip-2023``)."""
    nama = re.sub(rf"[-_ ]?{tahun_lalu}$", "", ruang.akar.name) or ruang.akar.name
    return ruang.akar.parent / f"{nama}-{tahun}"


# --------------------------------------------------------------------------- YAML text


def _angka_yaml(nilai: float) -> str:
    """A number as YAML writes it: ``80``, ``47.9167`` (four decimals at most)."""
    bulat = round(nilai, 4) + 0.0
    return str(int(bulat)) if float(bulat).is_integer() else repr(bulat)


@dataclass
class _Suntingan:
    """Line edits collected from the parsed document, applied bottom-up."""

    baris: list[str]
    ganti: dict[int, str] = field(default_factory=dict)
    sisip: dict[int, list[str]] = field(default_factory=dict)
    ditandai: int = 0

    def teks(self, nomor: int) -> str:
        return self.ganti.get(nomor, self.baris[nomor])

    def ubah(self, nomor: int, teks: str) -> None:
        self.ganti[nomor] = teks

    def sisipkan_sebelum(self, nomor: int, teks: str) -> None:
        self.sisip.setdefault(nomor, []).append(teks)

    def hasil(self, akhir_baris: str) -> str:
        keluar: list[str] = []
        for nomor, asli in enumerate(self.baris):
            keluar.extend(self.sisip.get(nomor, []))
            keluar.append(self.ganti.get(nomor, asli))
        return akhir_baris.join(keluar)


def _kunci(peta: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(k.value): (k, v) for k, v in peta.value if isinstance(k, yaml.ScalarNode)}


def _akhir(nilai: yaml.Node) -> tuple[int, int]:
    """(line, column) just after a value's last character. A block collection's own end
    mark lies at the next key, so its last item's end is taken instead."""
    blok = isinstance(nilai, yaml.SequenceNode | yaml.MappingNode) and not nilai.flow_style
    if blok and nilai.value:
        akhir = nilai.value[-1]
        return _akhir(akhir[1] if isinstance(akhir, tuple) else akhir)
    return nilai.end_mark.line, nilai.end_mark.column


def _akhir_baris_bebas(s: _Suntingan, nilai: yaml.Node) -> tuple[int, int] | None:
    """(line, column) where ``nilai`` ends when only spaces or a comment follow it on
    that line (a block-style value); None inside a flow mapping."""
    baris, kolom = _akhir(nilai)
    sisa = s.teks(baris)[kolom:]
    if sisa.strip() and not sisa.lstrip().startswith("#"):
        return None
    return baris, kolom


def _tandai(s: _Suntingan, nilai: yaml.Node, pesan: str, cadangan: yaml.Node) -> None:
    """``# PERBARUI: pesan`` after a block value (an existing comment kept after it), or
    on its own line above ``cadangan`` (the item) inside a flow mapping."""
    tempat = _akhir_baris_bebas(s, nilai)
    if tempat is None:
        baris = cadangan.start_mark.line
        indentasi = re.match(r"\s*", s.baris[baris])
        komentar = f"{indentasi.group(0) if indentasi else ''}# {PENANDA}: {pesan}"
        if komentar in s.sisip.get(baris, []):  # one line per item and message
            return
        s.sisipkan_sebelum(baris, komentar)
    else:
        baris, kolom = tempat
        teks = s.teks(baris)
        lama = teks[kolom:].strip().lstrip("#").strip()
        lama = re.sub(rf"^{PENANDA}:[^·]*(· )?", "", lama).strip()
        s.ubah(baris, f"{teks[:kolom]}  # {PENANDA}: {pesan}" + (f" · {lama}" if lama else ""))
    s.ditandai += 1


def _ganti_skalar(s: _Suntingan, nilai: yaml.Node, baru: str, komentar: str | None) -> bool:
    """Replace a one-line scalar's text; with ``komentar`` also the line's comment when the
    value ends the line. False when the value is not a one-line scalar."""
    if not isinstance(nilai, yaml.ScalarNode) or nilai.start_mark.line != nilai.end_mark.line:
        return False
    baris = nilai.start_mark.line
    teks = s.teks(baris)
    awal, akhir = nilai.start_mark.column, nilai.end_mark.column
    sisa = teks[akhir:]
    if komentar is not None and (not sisa.strip() or sisa.lstrip().startswith("#")):
        sisa = f"  # {komentar}"
    s.ubah(baris, teks[:awal] + baru + sisa)
    return True


def _sisipkan_kunci(
    s: _Suntingan, peta: yaml.MappingNode, kunci: str, nilai: str, komentar: str
) -> None:
    """Add ``kunci: nilai`` to an indicator mapping: on its own line before the first key
    that starts a line (block style), else inside the braces (flow style)."""
    urut = sorted(peta.value, key=lambda kv: str(kv[0].value) != "target")  # before target
    for k, _ in urut:
        awalan = s.baris[k.start_mark.line][: k.start_mark.column]
        if not peta.flow_style and not awalan.strip():
            s.sisipkan_sebelum(k.start_mark.line, f"{awalan}{kunci}: {nilai}  # {komentar}")
            return
    baris, kolom = peta.end_mark.line, peta.end_mark.column - 1  # the closing brace
    teks = s.teks(baris)
    if not peta.flow_style or teks[kolom : kolom + 1] != "}":
        raise KinerjaError(
            f"Indikator di baris {peta.start_mark.line + 1} kinerja.yaml ditulis dengan bentuk "
            "yang tidak dapat disunting otomatis.",
            "Tulis indikator itu dalam bentuk blok (satu kunci per baris), lalu ulangi.",
        )
    s.ubah(baris, f"{teks[:kolom].rstrip()}, {kunci}: {nilai}{teks[kolom:]}")


def susun_konfigurasi(
    teks: str,
    konfigurasi: Konfigurasi,
    tahun: int,
    realisasi: Mapping[str, float | None],
    sumber: str,
) -> tuple[str, int, bool]:
    """This year's ``kinerja.yaml`` text → next year's: (text, lines marked, whether the
    Renstra keys were set to null because the new year lies outside its period)."""
    lalu = konfigurasi.tahun
    akhir_baris = "\r\n" if "\r\n" in teks else "\n"
    s = _Suntingan(teks.split(akhir_baris))
    akar = yaml.compose(teks, Loader=yaml.SafeLoader)
    if not isinstance(akar, yaml.MappingNode):  # pragma: no cover - checked by cek already
        raise KinerjaError("kinerja.yaml tidak berisi pemetaan.", "Jalankan `kinerja cek`.")
    kunci_akar = _kunci(akar)
    _ganti_skalar(s, kunci_akar["tahun"][1], str(tahun), None)

    renstra = konfigurasi.renstra
    renstra_berakhir = renstra is not None and not renstra.awal <= tahun <= renstra.akhir
    pesan_renstra = (
        f"{PENANDA}: Renstra {renstra.awal}–{renstra.akhir} berakhir; isi periode Renstra baru "
        "dan target_renstra"
        if renstra is not None
        else ""
    )
    if renstra_berakhir and "renstra" in kunci_akar:
        k, v = kunci_akar["renstra"]
        if not _ganti_skalar(s, v, "null", pesan_renstra):
            if (
                isinstance(v, yaml.MappingNode)
                and v.flow_style
                and v.start_mark.line == v.end_mark.line
            ):
                baris = s.teks(v.start_mark.line)
                s.ubah(
                    v.start_mark.line,
                    f"{baris[: v.start_mark.column]}null  # {pesan_renstra} (dulu: "
                    f"{baris[v.start_mark.column : v.end_mark.column]})",
                )
            else:
                tempat = _akhir_baris_bebas(s, v)
                akhir = tempat[0] if tempat else v.end_mark.line
                for nomor in range(v.start_mark.line, akhir + 1):
                    s.ubah(nomor, "# " + s.teks(nomor))
                s.ubah(
                    k.start_mark.line,
                    s.teks(k.start_mark.line).rstrip() + f" null  # {pesan_renstra}",
                )
        s.ditandai += 1

    for item_tim in _daftar(kunci_akar.get("tim")):
        anggaran = _kunci(item_tim).get("anggaran")
        if anggaran is not None and isinstance(anggaran[1], yaml.MappingNode):
            for nama in ("pagu", "rpd"):
                pasangan = _kunci(anggaran[1]).get(nama)
                if pasangan is not None:
                    _tandai(s, pasangan[1], f"{nama} {tahun}", item_tim)

    for item_sasaran in _daftar(kunci_akar.get("sasaran")):
        for item in _daftar(_kunci(item_sasaran).get("indikator")):
            kunci = _kunci(item)
            kode_node = kunci.get("kode")
            kode = str(kode_node[1].value).strip() if kode_node else ""
            for nama in ("target", "target_triwulan", "target_bulanan"):
                if nama in kunci:
                    _tandai(s, kunci[nama][1], f"target {tahun}", item)
            if renstra_berakhir and "target_renstra" in kunci:
                _ganti_skalar(s, kunci["target_renstra"][1], "null", pesan_renstra)
            nilai = realisasi.get(kode)
            komentar = f"realisasi akhir {lalu} (bulan yang disetujui), dari kinerja tahun-baru"
            if "realisasi_tahun_lalu" in kunci:
                baru = "null" if nilai is None else _angka_yaml(nilai)
                if nilai is None:
                    komentar = f"{PENANDA}: tidak ada realisasi {lalu} yang disetujui"
                    s.ditandai += 1
                _ganti_skalar(s, kunci["realisasi_tahun_lalu"][1], baru, komentar)
            elif nilai is not None:
                _sisipkan_kunci(s, item, "realisasi_tahun_lalu", _angka_yaml(nilai), komentar)

    kepala = [
        f"# Ruang kerja {tahun}, dibuat `kinerja tahun-baru` dari {sumber} (tahun {lalu}).",
        f"# Baris bertanda {PENANDA} perlu diisi dengan Perjanjian Kinerja dan anggaran {tahun};",
        f"# realisasi_tahun_lalu berisi realisasi akhir {lalu} dari bulan yang disetujui.",
    ]
    s.sisip.setdefault(0, [])[0:0] = kepala
    return s.hasil(akhir_baris), s.ditandai, renstra_berakhir


def _daftar(pasangan: tuple[yaml.Node, yaml.Node] | None) -> list[yaml.MappingNode]:
    if pasangan is None or not isinstance(pasangan[1], yaml.SequenceNode):
        return []
    return [n for n in pasangan[1].value if isinstance(n, yaml.MappingNode)]


def _periksa_hasil(
    teks: str, lama: Konfigurasi, tahun: int, realisasi: Mapping[str, float | None]
) -> Konfigurasi:
    """The new text passes ``kinerja cek`` and says what was meant: the new year, last
    year's realisations, this year's targets."""
    baru = baca_konfigurasi(teks, NAMA_KONFIGURASI)
    salah: list[str] = []
    if baru.tahun != tahun:
        salah.append(f"tahun {baru.tahun}")
    for ind in lama.indikator:
        b = baru.cari_indikator(ind.kode)
        if b is None:
            salah.append(f"{ind.kode} hilang")
            continue
        diharapkan = realisasi.get(ind.kode)
        if diharapkan is None and ind.realisasi_tahun_lalu is None:
            ok = b.realisasi_tahun_lalu is None
        else:
            ok = (
                diharapkan is not None
                and b.realisasi_tahun_lalu is not None
                and math.isclose(b.realisasi_tahun_lalu, diharapkan, abs_tol=1e-4)
            ) or (diharapkan is None and b.realisasi_tahun_lalu is None)
        if not ok or (b.target, b.target_triwulan) != (ind.target, ind.target_triwulan):
            salah.append(ind.kode)
    if salah:  # pragma: no cover - a defect of this module, not of the user's file
        raise KinerjaError(
            "Konfigurasi tahun baru tidak sesuai yang dimaksud (" + ", ".join(salah) + ").",
            "Laporkan ini sebagai galat kinerja; ruang kerja baru tidak dibuat.",
        )
    return baru


# --------------------------------------------------------------------------- the command


def tahun_baru(ruang: RuangKerja, tahun: int, folder: Path | None = None) -> HasilTahunBaru:
    """Make next year's workspace in ``folder`` (default :func:`folder_bawaan`).

    Refused when ``tahun`` is not the year after this one, or ``folder`` exists and is
    not empty. Everything is computed and checked before the folder is made."""
    konfigurasi = ruang.konfigurasi
    lalu = konfigurasi.tahun
    if tahun != lalu + 1:
        raise PenggunaanError(
            f"Ruang kerja ini tahun {lalu}; tahun baru harus {lalu + 1}, bukan {tahun}.",
            f"Jalankan `kinerja tahun-baru {lalu + 1}` dari ruang kerja {lalu}.",
        )
    tujuan = (folder or folder_bawaan(ruang, tahun, lalu)).resolve()
    if tujuan == ruang.akar.resolve():
        raise PenggunaanError(
            "Folder tahun baru sama dengan ruang kerja ini.", "Pilih folder lain."
        )
    if tujuan.exists() and (not tujuan.is_dir() or any(tujuan.iterdir())):
        raise DitolakError(
            f"{tujuan} sudah ada dan tidak kosong; tidak ditimpa.",
            "Pilih folder lain (argumen FOLDER) atau kosongkan folder itu.",
        )
    with ruang.buka_buku_besar() as buku:
        try:
            rekap = hitung_rekap(konfigurasi, buku, PeriodeRekap(lalu))
            realisasi = {b.kode: b.realisasi for b in rekap.indikator}
            disetujui = rekap.bulan_disetujui
        except DitolakError:  # nothing approved this year: no realisasi_tahun_lalu to give
            realisasi = dict.fromkeys((i.kode for i in konfigurasi.indikator), None)
            disetujui = ()
    teks = ruang.berkas_konfigurasi.read_bytes().decode("utf-8-sig")
    baru, ditandai, renstra_berakhir = susun_konfigurasi(
        teks, konfigurasi, tahun, realisasi, str(ruang.akar)
    )
    _periksa_hasil(baru, konfigurasi, tahun, realisasi)
    catatan = []
    if 12 not in disetujui:
        catatan.append(
            f"Desember {lalu} belum disetujui: realisasi_tahun_lalu memakai bulan terakhir "
            "yang disetujui; jalankan lagi ke folder baru setelah Desember disetujui bila perlu."
        )
    tanpa = [k for k, v in realisasi.items() if v is None]
    if tanpa:
        catatan.append(
            f"Tanpa realisasi {lalu} yang disetujui (realisasi_tahun_lalu tidak diisi): "
            + ", ".join(tanpa)
            + "."
        )
    ruang_baru = buat_ruang_kerja(tujuan)
    tulis_atomik(ruang_baru.berkas_konfigurasi, baru.encode("utf-8"))
    return HasilTahunBaru(
        ruang=RuangKerja(ruang_baru.akar),
        tahun=tahun,
        tahun_lalu=lalu,
        realisasi_tahun_lalu=realisasi,
        bulan_disetujui=disetujui,
        ditandai=ditandai,
        renstra_berakhir=renstra_berakhir,
        catatan=catatan,
    )
