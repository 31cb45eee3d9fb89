"""Where may a dossier be filed? Asking only questions that change the answer.

The kiosk used here stands at the demo site, Phường Bắc Giang (province Bắc Ninh since 2025,
formerly Bắc Giang province).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.catalog.model import load_catalog
from kiosk.errors import KioskError
from kiosk.jurisdiction import Outcome, Place, PlaceNotFound, parse_place, resolve

CAT = load_catalog()
SITE = "DEMO"
BIRTH = CAT.require("birth_registration")


def test_lives_in_lang_son_cannot_apply_in_bac_giang():
    # The field study's question, both parents in Lạng Sơn.
    lang_son = parse_place("Lang Son")
    r = resolve(BIRTH, SITE, {"mother_residence": lang_son, "father_residence": lang_son}, CAT)
    assert r.outcome is Outcome.ELSEWHERE and r.question is None
    assert "Lạng Sơn" in r.explanation.vi and "Lang Son" in r.explanation.en


def test_one_question_at_a_time_and_none_once_the_answer_is_known():
    r = resolve(BIRTH, SITE, {}, CAT)
    assert r.outcome is Outcome.NEED_ANSWER
    assert r.question and r.question.fact == "mother_residence"
    assert "Phường Bắc Giang" in r.question.text.vi
    # Mother lives elsewhere: only the father's residence can still change the answer.
    r = resolve(BIRTH, SITE, {"mother_residence": Place(here=False)}, CAT)
    assert r.question and r.question.fact == "father_residence"
    # Mother lives here: accepted, and nothing about the father is asked.
    r = resolve(BIRTH, SITE, {"mother_residence": Place(here=True)}, CAT)
    assert r.outcome is Outcome.ACCEPTED_HERE and r.question is None
    assert r.agency and r.agency.code == "UB07210"


def test_same_province_needs_the_commune_but_another_province_does_not():
    same_province = parse_place("Bac Ninh")
    r = resolve(BIRTH, SITE, {"mother_residence": same_province, "father_residence": Place(here=False)}, CAT)
    assert r.outcome is Outcome.NEED_ANSWER and r.question and r.question.fact == "mother_residence"
    r = resolve(
        BIRTH,
        SITE,
        {"mother_residence": same_province, "father_residence": Place(here=False)},
        CAT,
        province_wide=True,
    )
    assert r.outcome is Outcome.ACCEPTED_HERE


def test_elsewhere_names_the_competent_agency_with_contacts():
    r = resolve(
        BIRTH,
        SITE,
        {"mother_residence": parse_place("Phường Hoàn Kiếm"), "father_residence": Place(here=False)},
        replace(CAT, samples=True),  # read as the demo reads it: the directory's sample contacts
    )
    assert r.outcome is Outcome.ELSEWHERE
    assert r.agency and r.agency.code == "UB00070" and r.agency.contact.phone
    assert "Hoan Kiem ward, Ha Noi city" in r.explanation.en


def test_anywhere_procedures_ask_nothing():
    for code in ("certified_copy", "signature_certification", "residence_information_confirmation"):
        r = resolve(CAT.require(code), SITE, {}, CAT)
        assert r.outcome is Outcome.ANYWHERE and r.question is None and r.agency


def test_police_procedures_go_to_the_commune_police():
    r = resolve(
        CAT.require("temporary_residence_registration"), SITE, {"temporary_residence": Place(here=True)}, CAT
    )
    assert r.agency and r.agency.code == "CA07210" and r.agency.kind == "police"


def test_parse_place():
    assert parse_place("có") == Place(here=True)
    assert parse_place("no") == Place(here=False)
    assert parse_place("Bắc Giang") == Place(province_code=24)  # the former province, now in Bắc Ninh
    assert parse_place("Phuong Bac Giang") == Place(ward_code=7210, province_code=24)
    assert parse_place("Phường Bắc Giang, Bắc Ninh") == Place(ward_code=7210, province_code=24)
    assert parse_place("7210").ward_code == 7210
    with pytest.raises(PlaceNotFound) as e:
        parse_place("Atlantis")
    assert "Atlantis" in e.value.user_text("en")


def test_unknown_site_is_a_clear_error():
    with pytest.raises(KioskError) as e:
        resolve(BIRTH, "NOWHERE", {}, CAT)
    assert e.value.code == "jurisdiction.unknown_site"
