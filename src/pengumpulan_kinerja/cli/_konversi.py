"""Parameter values converted by the CLI itself, without pydantic.

Typer 0.29 converts every parameter value through a pydantic ``TypeAdapter`` built on
first use; importing pydantic and building the adapter costs every command that takes a
value (``-R``, ``--bulan``, a folder) about 0.1 s, as much as starting Python with Typer
and Rich. The parameters of this CLI have six kinds of annotation (``str``, ``int``,
``float``, ``bool``, ``Path``, ``list[str]``, each possibly ``| None``),
and each is one line to convert. Typer's own path checks (``exists=``, ``dir_okay=``...)
still apply through its ``coerce_cli_path``; a range (``min=``/``max=``, ``clamp=``) is
checked here. Another annotation falls back to Typer's conversion.

A value that does not convert raises Click's ``BadParameter``, which the parameter
classes of :mod:`._bahasa` turn into the Indonesian message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor
from typer._param_types import coerce_cli_path
from typer._typing import get_args, get_origin
from typer.core import _TyperParameter
from typer.models import ParameterInfo

_BULAT = re.compile(r"\s*[+-]?[0-9]+\s*")


def _teks(nilai: Any) -> str:
    if isinstance(nilai, bytes):
        return nilai.decode("utf-8", "surrogateescape")
    return str(nilai)


def _bulat(nilai: Any) -> int:
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return nilai
    teks = _teks(nilai)
    if not _BULAT.fullmatch(teks):
        raise ValueError(teks)
    return int(teks)


def _angka(nilai: Any) -> float:
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return float(nilai)
    return float(_teks(nilai))


_BENAR = frozenset({"1", "true", "t", "yes", "y", "on", "ya"})
_SALAH = frozenset({"", "0", "false", "f", "no", "n", "off", "tidak"})


def _benar_salah(nilai: Any) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = _teks(nilai).strip().lower()
    if teks in _BENAR or teks in _SALAH:
        return teks in _BENAR
    raise ValueError(teks)


def _dalam_rentang(
    ubah: Callable[[Any], Any], info: ParameterInfo, jenis: type[Any]
) -> Callable[[Any], Any]:
    """``ubah`` with the parameter's ``min``/``max`` (or ``clamp``) applied."""
    bawah, atas = info.min, info.max
    if bawah is None and atas is None:
        return ubah

    def periksa(nilai: Any) -> Any:
        angka = ubah(nilai)
        if bawah is not None and angka < bawah:
            if not info.clamp:
                raise ValueError(angka)
            return jenis(bawah)
        if atas is not None and angka > atas:
            if not info.clamp:
                raise ValueError(angka)
            return jenis(atas)
        return angka

    return periksa


def _pengubah(anotasi: Any, info: ParameterInfo) -> Callable[[Any], Any] | None:
    if info.parser is not None:
        return None
    if anotasi is str:
        return _teks
    if anotasi is bool:
        return _benar_salah
    if anotasi is int:
        return _dalam_rentang(_bulat, info, int)
    if anotasi is float:
        return _dalam_rentang(_angka, info, float)
    return None


@dataclass(frozen=True)
class KonversiLangsung(RuntimeParam):
    """Typer's runtime conversion for one parameter, done by plain functions."""

    ubah: Callable[[Any, _TyperParameter, Context], Any]

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        try:
            return self.ubah(value, param, ctx)
        except (ValueError, TypeError):
            raise BadParameter(f"{value!r}", ctx=ctx, param=param) from None


def konversi(deskripsi: TypeDescriptor) -> RuntimeParam | None:
    """The conversion of a parameter of this CLI, or None for an annotation it does
    not know (Typer's own conversion is then used)."""
    anotasi: Any = deskripsi.annotation
    info = deskripsi.parameter_info
    if deskripsi.file_annotation is not None:
        return None
    if anotasi is Path:

        def jalur(nilai: Any, param: _TyperParameter, ctx: Context) -> Path:
            if isinstance(nilai, Path):
                hasil: Any = nilai
            else:
                hasil = coerce_cli_path(_teks(nilai), info, path_type=str, param=param, ctx=ctx)
            return Path(hasil)

        return KonversiLangsung(parameter_info=info, annotation=anotasi, ubah=jalur)
    if get_origin(anotasi) is list:
        (isi,) = get_args(anotasi)
        satu = _pengubah(isi, info)
        if satu is None:
            return None
        ubah_satu = satu

        def daftar(nilai: Any, param: _TyperParameter, ctx: Context) -> list[Any]:
            banyak = nilai if isinstance(nilai, list | tuple) else [nilai]
            return [ubah_satu(n) for n in banyak]

        return KonversiLangsung(parameter_info=info, annotation=anotasi, ubah=daftar)
    tunggal = _pengubah(anotasi, info)
    if tunggal is None:
        return None
    ubah_tunggal = tunggal
    return KonversiLangsung(
        parameter_info=info,
        annotation=anotasi,
        ubah=lambda nilai, param, ctx: ubah_tunggal(nilai),
    )


class TanpaPydantic(_TyperParameter):
    """A Typer parameter converted by :func:`konversi` where it can be."""

    def get_runtime_param(self) -> RuntimeParam:
        if self._runtime_param is None:
            self._runtime_param = konversi(self.type_descriptor)
        return self._runtime_param or super().get_runtime_param()
