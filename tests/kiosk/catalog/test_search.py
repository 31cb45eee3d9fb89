"""Search forgives missing diacritics, Telex keystrokes and run-together words."""

from __future__ import annotations

import pytest

from kiosk.catalog.model import load_catalog
from kiosk.catalog.search import search
from kiosk.catalog.text import fold, telex_fold

CAT = load_catalog()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("khai sinh", "birth_registration"),
        ("khaisinh", "birth_registration"),
        ("Khai Sinh", "birth_registration"),
        ("đăng ký khai sinh", "birth_registration"),
        ("dang ky ket hon", "marriage_registration"),
        ("ddawng kys keets hoon", "marriage_registration"),
        ("dangkykethon", "marriage_registration"),
        ("tạm trú", "temporary_residence_registration"),
        ("tamj truws", "temporary_residence_registration"),
        ("ho kinh doanh", "business_household_registration"),
        ("BHYT", "child_health_insurance"),
        ("nguoi cao tuoi", "elderly_social_allowance"),
        ("khai tu", "death_registration"),
        ("khia sinh", "birth_registration"),  # a typo
        ("birth certificate", "birth_registration"),
        ("marriage", "marriage_registration"),
    ],
)
def test_top_hit(query, expected):
    hits = search(CAT, query)
    assert hits, query
    assert hits[0].procedure.identifier == expected, [(h.procedure.identifier, h.score) for h in hits]


def test_nonsense_finds_nothing_and_enabled_list_is_respected():
    assert search(CAT, "xyzzy qwerty") == []
    assert search(CAT, "   ") == []
    hits = search(CAT, "khai sinh", enabled=["death_registration", "certified_copy"])
    assert all(h.procedure.identifier in ("death_registration", "certified_copy") for h in hits)


def test_focused_queries_do_not_list_everything():
    ids = [h.procedure.identifier for h in search(CAT, "dang ky ket hon")]
    assert ids == ["marriage_registration"]


def test_folding():
    assert fold("Đăng  ký — KẾT hôn!") == "dang ky ket hon"
    assert telex_fold("ddawng kys keets hoon") == "dang ky ket hon"
    assert telex_fold("chuwngs thuwcj") == "chung thuc"
