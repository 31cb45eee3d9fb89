"""Administrative units after the 2025 reorganisation: 34 provinces, two tiers, old names mapped."""

from __future__ import annotations

from kiosk.catalog import units


def test_thirty_four_provinces_and_every_ward_in_one():
    assert len(units.provinces()) == 34
    codes = {p.code for p in units.provinces()}
    assert len(units.wards()) > 3000
    assert all(w.province_code in codes for w in units.wards())  # two tiers: no district level


def test_former_provinces_point_to_their_new_province():
    f = units.former_provinces()
    bac_ninh = next(p.code for p in units.provinces() if p.name == "Bắc Ninh")
    assert f["bac giang"] == bac_ninh
    assert len(set(f.values())) == 23  # 23 merged provinces; 11 kept as they were


def test_find_places_tolerates_missing_diacritics_and_old_names():
    kinds = {(m.unit.kind, m.unit.name, m.via_former_province) for m in units.find_places("Bac Giang")}
    assert ("province", "Bắc Ninh", "Bac Giang") in kinds
    assert ("ward", "Phường Bắc Giang", "") in kinds
    assert [m.unit.name for m in units.find_places("lang son") if m.unit.kind == "province"] == ["Lạng Sơn"]
    assert units.find_places("") == []


def test_english_names():
    w = units.ward(7210)
    assert w is not None
    assert units.describe(w, "en") == "Bac Giang ward, Bac Ninh"
    assert units.describe(w, "vi") == "Phường Bắc Giang, Bắc Ninh"
