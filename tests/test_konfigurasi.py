"""kinerja.yaml: the example loads, and every mistake is reported with its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pengumpulan_kinerja import konfigurasi as konfigurasi_modul
from pengumpulan_kinerja.galat import KonfigurasiError
from pengumpulan_kinerja.konfigurasi import (
    KATEGORI_BAKU,
    baca_konfigurasi,
    berkas_cache,
    muat_konfigurasi,
)
from pengumpulan_kinerja.ruang_kerja import folder_sumber

CONTOH = folder_sumber("examples") / "kinerja.yaml"


def teks_contoh() -> str:
    return CONTOH.read_text(encoding="utf-8")


def masalah(teks: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(KonfigurasiError) as galat:
        baca_konfigurasi(teks)
    return [(m.baris, m.jalur, m.pesan) for m in galat.value.masalah]


def baris_ke(teks: str, potongan: str) -> int:
    return teks[: teks.index(potongan)].count("\n") + 1


def test_contoh_memenuhi_isi_yang_diminta() -> None:
    k = muat_konfigurasi(CONTOH)
    assert k.satker.nama == "BPMP Provinsi Lampung"
    assert k.tahun == 2022
    assert len(k.tim) >= 6
    assert len(k.sasaran) >= 3
    assert len(k.indikator) >= 20
    semua = k.indikator
    assert any(i.arah == "naik" for i in semua)
    assert any(i.arah == "turun" and i.rumus_turun == "selisih" for i in semua)
    assert any(i.arah == "turun" and i.rumus_turun == "rasio" for i in semua)
    assert {i.agregasi for i in semua} == {"kumulatif", "terakhir", "rata-rata"}
    assert any(i.rasio for i in semua)
    assert any(i.batas is not None for i in semua)
    assert any(i.wajib_bukti for i in semua)
    for tim in k.tim:
        assert tim.anggaran is not None and len(tim.anggaran.rpd) == 12
    assert k.cari_tim("PM") is not None and k.cari_tim("PM").anggaran.pagu == 1_250_000_000  # type: ignore[union-attr]
    assert k.kategori == KATEGORI_BAKU
    assert k.capaian_maksimum == 120


def test_lima_kesalahan_dilaporkan_semua_dengan_barisnya() -> None:
    asli = teks_contoh()
    teks = (
        asli.replace("batas_tanggal: 7 ", "batas_tanggal: 40 ")
        .replace("        target: 450\n", "        targer: 450\n")
        .replace("target_triwulan: [20, 40, 60, 80]", "target_triwulan: [20, 40, 60]")
        .replace("target_triwulan: [50, 200, 350, 450]", "target_triwulan: [50, 200, 150, 450]")
        .replace("rpd: [15000000, 30000000,", "rpd: [30000000,")
    )
    hasil = masalah(teks)
    jalur = {j: (b, p) for b, j, p in hasil}
    assert jalur["pengumpulan.batas_tanggal"][0] == baris_ke(teks, "batas_tanggal: 40")
    assert "antara 1 dan 31" in jalur["pengumpulan.batas_tanggal"][1]
    assert jalur["sasaran[1].indikator[1].targer"][0] == baris_ke(teks, "targer: 450")
    assert "maksudnya 'target'" in jalur["sasaran[1].indikator[1].targer"][1]
    assert jalur["sasaran[0].indikator[0].target_triwulan"][0] == baris_ke(
        teks, "target_triwulan: [20, 40, 60]"
    )
    assert "tepat 4" in jalur["sasaran[0].indikator[0].target_triwulan"][1]
    assert "tidak boleh turun" in jalur["sasaran[1].indikator[1].target_triwulan[2]"][1]
    assert "tepat 12" in jalur["tim[5].anggaran.rpd"][1]
    assert jalur["tim[5].anggaran.rpd"][0] == baris_ke(teks, "rpd: [30000000,")
    assert len(hasil) >= 5
    assert [b for b, _, _ in hasil] == sorted(b or 0 for b, _, _ in hasil)


def test_aturan_keunikan_dan_rujukan_tim() -> None:
    teks = (
        teks_contoh()
        .replace("  - kode: FPP\n", "  - kode: PM\n")
        .replace("kode: IKK-1.2\n", "kode: IKK-1.1\n")
    )
    hasil = masalah(teks)
    pesan = " | ".join(p for _, _, p in hasil)
    assert "kode tim 'PM' sudah dipakai" in pesan
    assert "kode indikator 'IKK-1.1' sudah dipakai" in pesan
    assert "tim 'FPP' tidak ada" in pesan


def test_uang_cara_indonesia_dan_angka_salah() -> None:
    teks = teks_contoh().replace('pagu: "1.250.000.000"', 'pagu: "1,25 miliar"')
    ((baris, jalur, pesan),) = masalah(teks)
    assert jalur == "tim[0].anggaran.pagu"
    assert baris == baris_ke(teks, 'pagu: "1,25 miliar"')
    assert "harus berupa angka" in pesan


def test_rpd_melebihi_pagu() -> None:
    teks = teks_contoh().replace("pagu: 980000000", "pagu: 98000000")
    ((_, jalur, pesan),) = masalah(teks)
    assert jalur == "tim[3].anggaran.rpd"
    assert "melebihi pagu" in pesan


def test_kunci_ganda_dan_pilihan_salah() -> None:
    teks = teks_contoh().replace(
        "        arah: naik\n        agregasi: kumulatif\n        target: 1200\n",
        "        arah: naik\n        arah: atas\n        agregasi: total\n        target: 1200\n",
        1,
    )
    pesan = {j: p for _, j, p in masalah(teks)}
    assert "ditulis dua kali" in pesan["sasaran[0].indikator[2].arah"]
    assert (
        "pilih salah satu: kumulatif, terakhir, rata-rata"
        in pesan["sasaran[0].indikator[2].agregasi"]
    )


def test_rumus_turun_hanya_untuk_arah_turun_dan_pasangan_rasio() -> None:
    teks = teks_contoh().replace(
        "        tim: PM\n        arah: naik\n        agregasi: terakhir\n",
        "        tim: PM\n        arah: naik\n        rumus_turun: rasio\n        agregasi: terakhir\n",
        1,
    )
    teks = teks.replace("        penyebut: seluruh kabupaten/kota di Provinsi Lampung\n", "")
    pesan = {j: p for _, j, p in masalah(teks)}
    assert "hanya dipakai bersama arah: turun" in pesan["sasaran[0].indikator[0].rumus_turun"]
    assert "keduanya" in pesan["sasaran[0].indikator[1].penyebut"]


def test_kategori_harus_menurun() -> None:
    teks = teks_contoh().replace("{label: Cukup, di_atas: 60}", "{label: Cukup, di_atas: 85}")
    ((_, jalur, pesan),) = masalah(teks)
    assert jalur == "kategori[2].di_atas"
    assert "lebih kecil" in pesan


def test_kategori_batas_tepat() -> None:
    k = muat_konfigurasi(CONTOH)
    assert k.kategori_untuk(90) == "Baik"
    assert k.kategori_untuk(90.01) == "Sangat Baik"
    assert k.kategori_untuk(80) == "Cukup"
    assert k.kategori_untuk(60) == "Kurang"
    assert k.kategori_untuk(50) == "Sangat Kurang"
    assert k.kategori_untuk(0) == "Sangat Kurang"
    assert k.kategori_untuk(None) is None


def test_yaml_rusak_menunjuk_baris() -> None:
    teks = teks_contoh().replace("tahun: 2022", "tahun: [2022", 1)
    ((baris, _, pesan),) = masalah(teks)
    assert baris is not None and baris >= baris_ke(teks, "tahun: [2022")
    assert "YAML tidak sah" in pesan


def test_berkas_bukan_utf8(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.yaml"
    berkas.write_bytes(b"versi: 1\nsatker: \xff\xfe\n")
    with pytest.raises(KonfigurasiError) as galat:
        muat_konfigurasi(berkas)
    (m,) = galat.value.masalah
    assert m.baris == 2 and "UTF-8" in m.pesan


def test_berkas_kosong_dan_akar_salah() -> None:
    assert "kosong" in masalah("")[0][2]
    assert "pemetaan" in masalah("- a\n- b\n")[0][2]


def test_kunci_wajib_hilang() -> None:
    jalur = {j for _, j, _ in masalah("versi: 1\ntahun: 2022\n")}
    assert {"satker", "pengumpulan", "tim", "sasaran"} <= jalur


def test_sidik_jari_berubah_bila_target_berubah() -> None:
    asli = muat_konfigurasi(CONTOH)
    ubah = baca_konfigurasi(teks_contoh().replace("target: 1200", "target: 1300"))
    assert asli.sidik_jari_tim("PM") != ubah.sidik_jari_tim("PM")
    assert asli.sidik_jari_tim("FPD") == ubah.sidik_jari_tim("FPD")


# --------------------------------------------------------------------------- cache


def test_cache_memberi_konfigurasi_yang_sama_dan_mengikuti_isi_berkas(tmp_path: Path) -> None:
    """The parsed data is cached beside a workspace's kinerja.yaml: the next load gives
    an equal configuration without parsing YAML; any edit of the file is a miss, and a
    mistake is then reported with its line as always (never from the cache)."""
    berkas = tmp_path / "kinerja.yaml"
    berkas.write_text(teks_contoh(), encoding="utf-8")
    pertama = muat_konfigurasi(berkas, cache=True)
    cache = berkas_cache(berkas)
    assert cache.is_file()
    assert pertama == muat_konfigurasi(berkas, cache=True) == muat_konfigurasi(CONTOH)

    # a cached load does not parse YAML at all
    asli = konfigurasi_modul._baca_yaml
    konfigurasi_modul._baca_yaml = None  # type: ignore[assignment]
    try:
        assert muat_konfigurasi(berkas, cache=True) == pertama
    finally:
        konfigurasi_modul._baca_yaml = asli

    salah = teks_contoh().replace("target: 80", "target: delapan puluh", 1)
    berkas.write_text(salah, encoding="utf-8")
    with pytest.raises(KonfigurasiError) as galat:
        muat_konfigurasi(berkas, cache=True)
    (m,) = [m for m in galat.value.masalah if "delapan" in m.pesan or m.jalur.endswith("target")]
    assert m.baris == baris_ke(salah, "target: delapan puluh")


def test_cache_rusak_atau_palsu_diabaikan(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.yaml"
    berkas.write_text(teks_contoh(), encoding="utf-8")
    benar = muat_konfigurasi(berkas, cache=True)
    cache = berkas_cache(berkas)
    cache.write_text("{bukan json", encoding="utf-8")
    assert muat_konfigurasi(berkas, cache=True) == benar
    # the right key but data that fails the checks: parsed again from the YAML
    isi = json.loads(cache.read_text(encoding="utf-8"))
    isi["data"]["tahun"] = "bukan tahun"
    cache.write_text(json.dumps(isi), encoding="utf-8")
    assert muat_konfigurasi(berkas, cache=True) == benar


def test_tanpa_cache_di_luar_ruang_kerja(tmp_path: Path) -> None:
    berkas = tmp_path / "lain.yaml"
    berkas.write_text(teks_contoh(), encoding="utf-8")
    muat_konfigurasi(berkas)
    assert not berkas_cache(berkas).exists()


def test_cache_bersarang_dalam_diabaikan(tmp_path: Path) -> None:
    berkas = tmp_path / "kinerja.yaml"
    berkas.write_text(teks_contoh(), encoding="utf-8")
    benar = muat_konfigurasi(berkas, cache=True)
    berkas_cache(berkas).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert muat_konfigurasi(berkas, cache=True) == benar


@pytest.mark.parametrize(
    "kode",
    ["CON", "prn", "Aux", "NUL", "nul.txt", "COM1", "com9", "LPT1", "lpt9.xlsx", "CON.", "Com3.."],
)
def test_kode_tim_nama_cadangan_windows_ditolak(kode: str) -> None:
    teks = teks_contoh().replace("kode: PM\n", f"kode: '{kode}'\n", 1)
    hasil = masalah(teks)
    (m,) = [m for m in hasil if m[1] == "tim[0].kode"]
    assert m[0] == baris_ke(teks, f"kode: '{kode}'")
    assert "Windows" in m[2]


@pytest.mark.parametrize("kode", ["CONS", "COM10", "LPT", "NULL", "PRN-1", "AUXILIA", "COM0"])
def test_kode_tim_mirip_nama_cadangan_boleh(kode: str) -> None:
    teks = teks_contoh().replace("kode: PM\n", f"kode: '{kode}'\n", 1)
    teks = teks.replace("tim: PM\n", f"tim: '{kode}'\n")
    assert any(t.kode == kode for t in baca_konfigurasi(teks).tim)


@pytest.mark.parametrize("kode", ["pm", "Pm", "PM."])
def test_kode_tim_beda_huruf_atau_titik_ditolak(kode: str) -> None:
    teks = teks_contoh().replace("kode: FPD\n", f"kode: '{kode}'\n", 1)
    kode_masalah = {m[1]: m for m in masalah(teks)}
    assert "tim[1].kode" in kode_masalah, kode_masalah


def test_masalah_tanpa_baris_tanpa_tanda_tanya() -> None:
    from pengumpulan_kinerja.galat import MasalahKonfigurasi

    assert str(MasalahKonfigurasi("", "berkas kosong")) == "berkas kosong"
    assert str(MasalahKonfigurasi("tahun", "salah", 3, 7)) == "baris 3 kolom 7, tahun: salah"
    assert str(MasalahKonfigurasi("tahun", "salah")) == "tahun: salah"


@pytest.mark.parametrize(
    ("lama", "baru", "jalur"),
    [
        ("nama: BPMP Provinsi Lampung", 'nama: "BPMP \\e[31mLampung"', "satker.nama"),
        ("nama: Tim Kerja Pemetaan Mutu Pendidikan", 'nama: "Tim \\u202eMutu"', "tim[0].nama"),
        (
            "    - KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI",
            '    - "KEMENTERIAN \\a PENDIDIKAN"',
            "satker.kop[0]",
        ),
    ],
)
def test_teks_berkarakter_kendali_ditolak(lama: str, baru: str, jalur: str) -> None:
    """A name with an escape sequence would steer terminals and cannot be written into
    a workbook: refused by the check, at its path."""
    teks = teks_contoh().replace(lama, baru, 1)
    assert teks != teks_contoh()
    hasil = {m[1]: m for m in masalah(teks)}
    assert jalur in hasil, hasil
    assert "karakter kendali" in hasil[jalur][2]


def test_jangkar_dipakai_banyak_kali_tetap_boleh() -> None:
    """Bounds reused by 5,000 indicators through one anchor (15,000 nodes added by
    aliases): a large file, not a bomb, so it loads."""
    teks = teks_contoh().replace(
        "batas: {min: 0, maks: 100}", "batas: &persen {min: 0, maks: 100}", 1
    )
    teks += "  - kode: SKX\n    uraian: Sasaran uji\n    indikator:\n" + "".join(
        f"      - kode: X-{i}\n        uraian: Indikator uji {i}\n        satuan: persen\n"
        "        tim: PM\n        arah: naik\n        agregasi: terakhir\n"
        "        target: 80\n        target_triwulan: [80, 80, 80, 80]\n"
        "        batas: *persen\n"
        for i in range(5000)
    )
    k = baca_konfigurasi(teks)
    assert len(k.indikator) == 22 + 5000
    assert k.indikator[-1].batas is not None and k.indikator[-1].batas.maks == 100
