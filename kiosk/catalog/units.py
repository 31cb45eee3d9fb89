"""Administrative units after the 2025 reorganisation (34 provinces, two tiers: province and
commune/ward), from the maintained ``vietnam-provinces`` package, plus the names of the
former provinces so that "Bac Giang" still means something to the resolver.

The former-province table is the merger list of National Assembly Resolution
202/2025/QH15 (effective 12 June 2025): which new province each old one became part of.
It only translates old names; the units themselves always come from the package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from unidecode import unidecode
from vietnam_provinces import Province, Ward

from kiosk.catalog.model import DATA_DIR
from kiosk.catalog.text import fold


@dataclass(frozen=True)
class Unit:
    code: int
    name: str
    kind: str  # "province" | "ward"
    province_code: int


@cache
def provinces() -> tuple[Unit, ...]:
    return tuple(Unit(int(p.code), p.name, "province", int(p.code)) for p in Province.iter_all())


@cache
def wards() -> tuple[Unit, ...]:
    return tuple(Unit(int(w.code), w.name, "ward", int(w.province_code)) for w in Ward.iter_all())


@cache
def _ward_index() -> dict[int, Unit]:
    return {w.code: w for w in wards()}


@cache
def _province_index() -> dict[int, Unit]:
    return {p.code: p for p in provinces()}


def ward(code: int) -> Unit | None:
    return _ward_index().get(code)


def province(code: int) -> Unit | None:
    return _province_index().get(code)


def province_of_ward(code: int) -> Unit | None:
    w = ward(code)
    return province(w.province_code) if w else None


_PREFIXES = ("thanh pho ", "tinh ", "phuong ", "xa ", "dac khu ", "tp ", "tp. ")


def _bare(name: str) -> str:
    f = fold(name)
    for p in _PREFIXES:
        if f.startswith(p):
            return f[len(p) :]
    return f


@cache
def former_provinces() -> dict[str, int]:
    """Folded former province name -> code of the province it now belongs to."""
    data = json.loads((DATA_DIR / "former_provinces.json").read_text(encoding="utf-8"))
    by_name = {_bare(p.name): p.code for p in provinces()}
    out: dict[str, int] = {}
    for new_name, olds in data["merged_into"].items():
        code = by_name[_bare(new_name)]
        for old in olds:
            out[_bare(old)] = code
    return out


@dataclass(frozen=True)
class PlaceMatch:
    """What a typed place name can mean: a ward, a province, or a former province."""

    unit: Unit
    via_former_province: str = ""  # the old name, when matched through the merger table


def find_places(text: str) -> list[PlaceMatch]:
    """Every unit ``text`` can name, wards and provinces alike (diacritics optional).

    "Bac Giang" gives both Phường Bắc Giang and the province Bắc Ninh (former Bắc Giang
    province): the caller decides, or asks.
    """
    q = _bare(text.strip())
    if not q:
        return []
    if q.isdigit():
        code = int(q)
        found = [PlaceMatch(u) for u in (ward(code), province(code)) if u is not None]
        return found
    out: list[PlaceMatch] = []
    for p in provinces():
        if _bare(p.name) == q:
            out.append(PlaceMatch(p))
    old = former_provinces().get(q)
    if old is not None and not any(m.unit.code == old for m in out):
        unit = province(old)
        if unit is not None:
            out.append(PlaceMatch(unit, via_former_province=text.strip()))
    for w in wards():
        if _bare(w.name) == q:
            out.append(PlaceMatch(w))
    return out


_EN_KINDS = (("Phường ", "ward"), ("Xã ", "commune"), ("Đặc khu ", "special zone"), ("Thành phố ", "city"))


def english_name(unit: Unit) -> str:
    """ "Phường Bắc Giang" -> "Bac Giang ward"; "Thành phố Hà Nội" -> "Ha Noi city"; "Lạng Sơn" -> "Lang Son"."""
    for prefix, kind in _EN_KINDS:
        if unit.name.startswith(prefix):
            return f"{unidecode(unit.name[len(prefix) :])} {kind}"
    return unidecode(unit.name)


def describe(unit: Unit, lang: str = "vi") -> str:
    p = province(unit.province_code) if unit.kind == "ward" else None
    if lang == "vi":
        return f"{unit.name}, {p.name}" if p else unit.name
    return f"{english_name(unit)}, {english_name(p)}" if p else english_name(unit)
