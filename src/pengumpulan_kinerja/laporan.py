"""Writing the analysis: ``analisis-PERIODE.xlsx``, ``.html`` and ``capaian-PERIODE.csv``.

Typed text goes through :mod:`keluaran` (inert in xlsx and CSV) and Jinja2's
autoescaping (HTML). Numbers in the HTML use Indonesian formats; the xlsx keeps
numbers as numbers with formats Excel localises; the CSV is for machines (dot
decimals).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__
from .analisis import KOLOM_CSV, TANDA, HasilAnalisis
from .angka import format_angka, format_persen, format_rupiah
from .keluaran import teks_csv, tulis_sel
from .periode import NAMA_BULAN, format_tanggal
from .ruang_kerja import folder_sumber, simpan_atomik, tulis_atomik
from .temuan import KOLOM_EKSPOR

WARNA_KATEGORI: dict[str, str] = {
    "Sangat Baik": "1E8449",
    "Baik": "7DCEA0",
    "Cukup": "F7DC6F",
    "Kurang": "F0B27A",
    "Sangat Kurang": "E74C3C",
}
_CADANGAN = ("1E8449", "7DCEA0", "F7DC6F", "F0B27A", "E74C3C", "A93226", "7B241C")
FORMAT_ANGKA = "#,##0.##"
FORMAT_PERSEN = "#,##0.00"
FORMAT_RUPIAH = '"Rp" #,##0'
_TEBAL = Font(bold=True)
_KEPALA = PatternFill("solid", fgColor="1F4E78")
_HURUF_KEPALA = Font(bold=True, color="FFFFFF")


def warna_kategori(hasil: HasilAnalisis) -> dict[str, str]:
    """Colour per category label (configured scales get the palette in order)."""
    warna = {}
    for k, kat in enumerate(hasil.konfigurasi.kategori):
        warna[kat.label] = WARNA_KATEGORI.get(kat.label, _CADANGAN[min(k, len(_CADANGAN) - 1)])
    return warna


def nama_tren(hasil: HasilAnalisis) -> str:
    """``Tren Jan..Jun``: a legal sheet name (dots are allowed in Excel sheet names)."""
    return f"Tren Jan..{NAMA_BULAN[hasil.periode.bulan - 1][:3]}"


def _isi(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


# --------------------------------------------------------------------------- CSV


def _angka_csv(v: Any) -> str:
    v = _isi(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | float):
        if float(v).is_integer():
            return str(int(v))
        return f"{float(v):.4f}".rstrip("0").rstrip(".")
    return str(v)


def teks_csv_capaian(hasil: HasilAnalisis) -> str:
    keluar = io.StringIO()
    penulis = csv.writer(keluar, lineterminator="\n")
    penulis.writerow(KOLOM_CSV)
    for baris in hasil.baris_csv():
        penulis.writerow(
            [
                teks_csv(baris[k]) if isinstance(baris[k], str) else _angka_csv(baris[k])
                for k in KOLOM_CSV
            ]
        )
    return keluar.getvalue()


# --------------------------------------------------------------------------- xlsx


def _tabel(
    ws: Worksheet,
    baris_awal: int,
    judul: Sequence[str],
    data: Sequence[Sequence[Any]],
    format_kolom: dict[int, str] | None = None,
    lebar: Sequence[float] | None = None,
) -> int:
    for c, teks in enumerate(judul, start=1):
        sel = ws.cell(row=baris_awal, column=c, value=teks)
        sel.font = _HURUF_KEPALA
        sel.fill = _KEPALA
        sel.alignment = Alignment(wrap_text=True, vertical="center")
    for r, baris in enumerate(data, start=baris_awal + 1):
        for c, nilai in enumerate(baris, start=1):
            sel = tulis_sel(ws, r, c, _isi(nilai))
            if format_kolom and c in format_kolom:
                sel.number_format = format_kolom[c]
            if isinstance(_isi(nilai), str) and len(str(nilai)) > 40:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
    if lebar:
        for c, w in enumerate(lebar, start=1):
            ws.column_dimensions[get_column_letter(c)].width = w
    return baris_awal + len(data)


def _warnai(ws: Worksheet, kolom: int, awal: int, akhir: int, warna: dict[str, str]) -> None:
    if akhir < awal:
        return
    huruf = get_column_letter(kolom)
    rentang = f"{huruf}{awal}:{huruf}{akhir}"
    for label, kode in warna.items():
        label_aman = label.replace('"', '""')
        ws.conditional_formatting.add(
            rentang,
            FormulaRule(  # type: ignore[no-untyped-call]
                formula=[f'${huruf}{awal}="{label_aman}"'],
                fill=PatternFill("solid", fgColor=kode, bgColor=kode),
            ),
        )


def tulis_xlsx(hasil: HasilAnalisis, tujuan: Path) -> Path:
    k = hasil.konfigurasi
    warna = warna_kategori(hasil)
    wb = Workbook()
    ws = cast(Worksheet, wb.active)
    ws.title = "Ringkasan"
    ws["A1"] = f"Analisis Capaian Kinerja {k.satker.nama} — {hasil.periode.label}"
    ws["A1"].font = Font(bold=True, size=14)
    lengkap = hasil.kelengkapan
    ringkas = [
        ("Rata-rata capaian bulan ini (%)", hasil.rata_rata_capaian()),
        ("Kategori", k.kategori_untuk(hasil.rata_rata_capaian())),
        ("Indikator", len(hasil.indikator)),
        ("Indikator berdata bulan ini", int(hasil.indikator["realisasi_bulan"].notna().sum())),
        ("Tim diharapkan mengirim", len(lengkap.diharapkan)),
        ("Tim sudah mengirim", len(lengkap.diterima)),
        ("Tim terlambat", ", ".join(lengkap.terlambat) or "-"),
        ("Tim belum mengirim", ", ".join(f"{kd} ({nm})" for kd, nm in lengkap.belum) or "-"),
        ("Dibuat", f"{hasil.waktu:%d-%m-%Y %H:%M} oleh kinerja {__version__}"),
    ]
    for r, (label, nilai) in enumerate(ringkas, start=3):
        ws.cell(row=r, column=1, value=label).font = _TEBAL
        sel = tulis_sel(ws, r, 2, nilai)
        if isinstance(nilai, float):
            sel.number_format = FORMAT_PERSEN
    awal_sasaran = 14
    akhir = _tabel(
        ws,
        awal_sasaran,
        ["Sasaran", "Uraian", "Indikator", "Capaian Bulan Ini (%)", "Kategori"],
        [
            [r["sasaran"], r["uraian"], r["indikator"], r["capaian_bulan"], r["kategori"]]
            for r in hasil.sasaran.to_dict("records")
        ],
        {4: FORMAT_PERSEN},
        [34, 60, 11, 16, 16],
    )
    _warnai(ws, 5, awal_sasaran + 1, akhir, warna)
    grafik = BarChart()
    grafik.type = "bar"
    grafik.title = "Capaian per sasaran (%)"
    grafik.y_axis.title = "%"
    grafik.add_data(
        Reference(ws, min_col=4, min_row=awal_sasaran, max_row=max(akhir, awal_sasaran + 1)),
        titles_from_data=True,
    )
    grafik.set_categories(
        Reference(ws, min_col=1, min_row=awal_sasaran + 1, max_row=max(akhir, awal_sasaran + 1))
    )
    grafik.height, grafik.width = 7, 16
    ws.add_chart(grafik, "G3")
    awal_ang = akhir + 3
    akhir_ang = _tabel(
        ws,
        awal_ang,
        ["Tim", "Nama Tim", "Pagu (Rp)", "Realisasi s.d. Bulan Ini (Rp)", "Penyerapan (%)"],
        [
            [r["tim"], r["nama"], r["pagu"], r["realisasi_sampai"], r["penyerapan"]]
            for r in hasil.anggaran.to_dict("records")
        ],
        {3: FORMAT_RUPIAH, 4: FORMAT_RUPIAH, 5: FORMAT_PERSEN},
    )
    if akhir_ang > awal_ang:
        grafik2 = BarChart()
        grafik2.type = "col"
        grafik2.title = "Penyerapan anggaran per tim (%)"
        grafik2.add_data(
            Reference(ws, min_col=5, min_row=awal_ang, max_row=akhir_ang), titles_from_data=True
        )
        grafik2.set_categories(Reference(ws, min_col=1, min_row=awal_ang + 1, max_row=akhir_ang))
        grafik2.height, grafik2.width = 7, 16
        ws.add_chart(grafik2, "G20")

    wc = wb.create_sheet("Capaian")
    kolom = [
        ("kode", "Kode", 10, None),
        ("tim", "Tim", 7, None),
        ("sasaran", "Sasaran", 8, None),
        ("indikator", "Indikator", 48, None),
        ("satuan", "Satuan", 12, None),
        ("arah", "Arah", 7, None),
        ("agregasi", "Agregasi", 11, None),
        ("realisasi_bulan", "Realisasi Bulan Ini", 12, FORMAT_ANGKA),
        ("realisasi", "Realisasi s.d. Bulan Ini", 13, FORMAT_ANGKA),
        ("target_bulan", "Target Bulan Ini", 11, FORMAT_ANGKA),
        ("capaian_bulan", "Capaian Bulan Ini (%)", 12, FORMAT_PERSEN),
        ("target_triwulan", "Target Triwulan", 11, FORMAT_ANGKA),
        ("capaian_triwulan", "Capaian Triwulan (%)", 12, FORMAT_PERSEN),
        ("target_tahunan", "Target Tahunan", 11, FORMAT_ANGKA),
        ("capaian_tahunan", "Capaian Tahunan (%)", 12, FORMAT_PERSEN),
        ("kategori", "Kategori", 14, None),
        ("tanda", "Catatan Analisis", 40, None),
    ]
    data = []
    for rekaman in hasil.indikator.to_dict("records"):
        data.append(
            [
                "; ".join(TANDA[t] for t in rekaman[c]) if c == "tanda" else rekaman[c]
                for c, _, _, _ in kolom
            ]
        )
    akhir_c = _tabel(
        wc,
        1,
        [j for _, j, _, _ in kolom],
        data,
        {i + 1: f for i, (_, _, _, f) in enumerate(kolom) if f},
        [w for _, _, w, _ in kolom],
    )
    _warnai(wc, 16, 2, akhir_c, warna)
    wc.freeze_panes = "B2"
    wc.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{max(akhir_c, 1)}"

    wt = wb.create_sheet("Per Tim")
    akhir_t = _tabel(
        wt,
        1,
        [
            "Tim",
            "Nama Tim",
            "Indikator",
            "Berdata",
            "Capaian Bulan Ini (%)",
            "Capaian Tahunan (%)",
            "Kategori",
        ],
        [
            [
                r["tim"],
                r["uraian"],
                r["indikator"],
                r["berdata"],
                r["capaian_bulan"],
                r["capaian_tahunan"],
                r["kategori"],
            ]
            for r in hasil.tim.to_dict("records")
        ],
        {5: FORMAT_PERSEN, 6: FORMAT_PERSEN},
        [8, 52, 10, 10, 14, 14, 14],
    )
    _warnai(wt, 7, 2, akhir_t, warna)

    wa = wb.create_sheet("Anggaran")
    _tabel(
        wa,
        1,
        [
            "Tim",
            "Nama Tim",
            "Pagu (Rp)",
            "RPD Bulan Ini (Rp)",
            "Realisasi Bulan Ini (Rp)",
            "RPD s.d. Bulan Ini (Rp)",
            "Realisasi s.d. Bulan Ini (Rp)",
            "Penyerapan thd Pagu (%)",
            "Deviasi RPD Bulan Ini (%)",
        ],
        [
            [
                r["tim"],
                r["nama"],
                r["pagu"],
                r["rpd_bulan"],
                r["realisasi_bulan"],
                r["rpd_sampai"],
                r["realisasi_sampai"],
                r["penyerapan"],
                r["deviasi_rpd"],
            ]
            for r in hasil.anggaran.to_dict("records")
        ],
        {
            3: FORMAT_RUPIAH,
            4: FORMAT_RUPIAH,
            5: FORMAT_RUPIAH,
            6: FORMAT_RUPIAH,
            7: FORMAT_RUPIAH,
            8: FORMAT_PERSEN,
            9: FORMAT_PERSEN,
        },
        [8, 46, 18, 18, 18, 18, 18, 14, 14],
    )

    wtr = wb.create_sheet(nama_tren(hasil))
    bulan = [NAMA_BULAN[m - 1][:3] for m in range(1, hasil.periode.bulan + 1)]
    _tabel(
        wtr,
        1,
        ["Kode", "Tim", *bulan],
        [
            [r.get("kode"), r.get("tim"), *[r.get(b) for b in bulan]]
            for r in hasil.tren.to_dict("records")
        ],
        {i: FORMAT_ANGKA for i in range(3, 3 + len(bulan))},
        [10, 7, *([11] * len(bulan))],
    )

    wtm = wb.create_sheet("Temuan")
    akhir_tm = _tabel(
        wtm,
        1,
        list(KOLOM_EKSPOR),
        [[t.sebagai_baris()[c] for c in KOLOM_EKSPOR] for t in hasil.temuan],
        None,
        [26, 12, 8, 8, 10, 11, 26, 12, 90],
    )
    wtm.auto_filter.ref = f"A1:I{max(akhir_tm, 1)}"

    wk = wb.create_sheet("Kelengkapan")
    terlambat = set(lengkap.terlambat)
    masuk = set(lengkap.diterima)
    _tabel(
        wk,
        1,
        ["Tim", "Nama Tim", "Status", "Batas"],
        [
            [
                kd,
                nm,
                ("terlambat" if kd in terlambat else "tepat waktu")
                if kd in masuk
                else "belum mengirim",
                format_tanggal(lengkap.batas),
            ]
            for kd, nm in lengkap.diharapkan
        ],
        None,
        [8, 52, 16, 24],
    )

    wr = wb.create_sheet("Rencana Tindak Lanjut")
    _tabel(
        wr,
        1,
        [
            "Kode",
            "Tim",
            "Indikator",
            "Capaian Bulan Ini (%)",
            "Kendala/Permasalahan",
            "Upaya/Solusi",
            "Rencana Tindak Lanjut",
        ],
        [
            [
                r["kode"],
                r["tim"],
                r["indikator"],
                r["capaian_bulan"],
                r["kendala"],
                r["upaya"],
                r["rtl"],
            ]
            for r in hasil.rtl.to_dict("records")
        ],
        {4: FORMAT_PERSEN},
        [10, 7, 40, 12, 40, 40, 40],
    )
    return simpan_atomik(tujuan, wb.save)


# --------------------------------------------------------------------------- HTML


def _svg_batang(
    data: Sequence[tuple[str, float | None, str]], maks: float = 120.0, garis: float | None = 100.0
) -> str:
    """Horizontal bars as inline SVG: (label, value in %, colour)."""
    tinggi_baris, kiri, lebar = 22, 150, 360
    tinggi = tinggi_baris * len(data) + 24
    skala = max([maks, *[v for _, v, _ in data if v is not None]])
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{kiri + lebar + 70}" height="{tinggi}" '
        f'role="img" font-family="sans-serif" font-size="11">'
    ]
    for i, (label, nilai, warna) in enumerate(data):
        y = 4 + i * tinggi_baris
        teks_label = (label[:22] + "…") if len(label) > 23 else label
        bagian.append(
            f'<text x="{kiri - 6}" y="{y + 14}" text-anchor="end">{_xml(teks_label)}</text>'
        )
        if nilai is None:
            bagian.append(f'<text x="{kiri + 4}" y="{y + 14}" fill="#888">tidak ada data</text>')
            continue
        w = max(1.0, lebar * nilai / skala)
        bagian.append(f'<rect x="{kiri}" y="{y + 3}" width="{w:.1f}" height="15" fill="#{warna}"/>')
        bagian.append(
            f'<text x="{kiri + w + 4:.1f}" y="{y + 14}">{_xml(format_persen(nilai, 1))}</text>'
        )
    if garis is not None:
        x = kiri + lebar * garis / skala
        bagian.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{tinggi - 18}" stroke="#333" stroke-dasharray="3,2"/>'
            f'<text x="{x:.1f}" y="{tinggi - 4}" text-anchor="middle" fill="#333">{format_angka(garis)}%</text>'
        )
    bagian.append("</svg>")
    return "".join(bagian)


def _xml(teks: str) -> str:
    return (
        teks.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def render_html(hasil: HasilAnalisis) -> str:
    k = hasil.konfigurasi
    warna = warna_kategori(hasil)
    env = Environment(
        loader=FileSystemLoader(str(folder_sumber("templates"))),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["angka"] = lambda v, d=None: format_angka(_isi(v), d)
    env.filters["persen"] = lambda v, d=2: format_persen(_isi(v), d)
    env.filters["rupiah"] = lambda v: format_rupiah(_isi(v))
    grafik_sasaran = _svg_batang(
        [
            (r["sasaran"], _isi(r["capaian_bulan"]), warna.get(r["kategori"] or "", "999999"))
            for r in hasil.sasaran.to_dict("records")
        ]
    )
    grafik_anggaran = _svg_batang(
        [(r["tim"], _isi(r["penyerapan"]), "2E86C1") for r in hasil.anggaran.to_dict("records")],
        maks=100.0,
        garis=None,
    )
    indikator = []
    for r in hasil.indikator.to_dict("records"):
        r = {c: _isi(v) if c != "tanda" else v for c, v in r.items()}
        r["catatan"] = "; ".join(TANDA[t] for t in r["tanda"])
        indikator.append(r)
    template = env.get_template("analisis.html.j2")
    return template.render(
        hasil=hasil,
        k=k,
        periode=hasil.periode,
        rata=hasil.rata_rata_capaian(),
        kategori=k.kategori_untuk(hasil.rata_rata_capaian()),
        indikator=indikator,
        sasaran=[{c: _isi(v) for c, v in r.items()} for r in hasil.sasaran.to_dict("records")],
        tim=[{c: _isi(v) for c, v in r.items()} for r in hasil.tim.to_dict("records")],
        anggaran=[{c: _isi(v) for c, v in r.items()} for r in hasil.anggaran.to_dict("records")],
        rtl=[{c: _isi(v) for c, v in r.items()} for r in hasil.rtl.to_dict("records")],
        lengkap=hasil.kelengkapan,
        batas=format_tanggal(hasil.kelengkapan.batas, hari=False),
        tanggal=format_tanggal(hasil.waktu, hari=False),
        warna=warna,
        grafik_sasaran=grafik_sasaran,
        grafik_anggaran=grafik_anggaran,
        jumlah_galat=sum(1 for t in hasil.temuan if t.galat),
        jumlah_temuan=len(hasil.temuan),
        versi=__version__,
    )


def tulis_laporan(hasil: HasilAnalisis, folder: Path) -> list[Path]:
    """Write the three outputs atomically into ``folder``; returns their paths."""
    kode = hasil.periode.kode
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = tulis_xlsx(hasil, folder / f"analisis-{kode}.xlsx")
    html = tulis_atomik(folder / f"analisis-{kode}.html", render_html(hasil))
    csv_ = tulis_atomik(folder / f"capaian-{kode}.csv", teks_csv_capaian(hasil))
    return [xlsx, html, csv_]
