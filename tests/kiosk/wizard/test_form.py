"""The form: prefill from the cards and earlier answers, validation in plain words, addresses."""

from __future__ import annotations

import pytest

from kiosk.messages import text
from kiosk.wizard.form import Kind, apply_prefill, open311_value, questions, validate
from kiosk.wizard.state import Behalf, Journey
from tests.kiosk.wizard.sample import BIRTH, CAT, FATHER, MOTHER, TODAY


def test_relation_is_prefilled_from_on_behalf_and_the_cards_sex_and_changes_with_the_card():
    j = Journey()
    j.choose("birth_registration")
    j.identify(MOTHER)
    j.behalf = Behalf.CHILD.value
    apply_prefill(BIRTH, j)
    assert j.values["applicant_relation"] == "mother"
    j.identify(FATHER)  # another applicant: what was derived from the old card goes
    assert "applicant_relation" not in j.values
    apply_prefill(BIRTH, j)
    assert j.values["applicant_relation"] == "father"


def test_partner_is_prefilled_from_the_second_card():
    proc = CAT.require("marriage_registration")
    j = Journey()
    j.choose(proc.identifier)
    j.identify(MOTHER)
    j.add_second(FATHER)
    qs = {q.code: q for q in questions(proc, j)}
    assert qs["partner_full_name"].prefilled == "Nguyễn Văn An" and qs["partner_full_name"].source == "card"
    assert qs["partner_id_number"].kind is Kind.ID_NUMBER


@pytest.mark.parametrize(
    ("code", "value", "problem"),
    [
        ("child_full_name", "", "wizard.form.required"),
        ("child_full_name", "An", "wizard.form.name_two_words"),
        ("child_full_name", "Lê Minh 4n", "wizard.form.name_letters"),
        ("child_full_name", "lê minh an", None),
        ("child_birth_date", "2026-12-01", "wizard.form.date_future"),
        ("child_birth_date", "2026-02-30", "wizard.form.date_invalid"),
        ("child_birth_date", "2026-11-20", None),
        ("child_sex", "X", "wizard.form.choose_one"),
        ("child_sex", "F", None),
    ],
)
def test_validation_speaks_plain_words(code, value, problem):
    q = next(q for q in questions(BIRTH, Journey(procedure="birth_registration")) if q.code == code)
    assert validate(q, value, TODAY) == problem
    if problem:
        assert text(problem, "vi") != text("common.unexpected", "vi")
        assert text(problem, "en") != text(problem, "vi")


def test_addresses_take_the_ward_from_the_list_and_only_the_street_typed():
    proc = CAT.require("permanent_residence_registration")
    q = next(q for q in questions(proc, Journey(procedure=proc.identifier)) if q.code == "residence_address")
    assert q.kind is Kind.ADDRESS
    assert validate(q, {"street": "Số 5 ngõ 12", "ward": None}, TODAY) == "wizard.form.address_ward"
    assert validate(q, {"street": "", "ward": 70}, TODAY) == "wizard.form.address_street"
    value = {"street": "Số 5 ngõ 12", "ward": 70}
    assert validate(q, value, TODAY) is None
    assert open311_value(q, value) == "Số 5 ngõ 12, Phường Hoàn Kiếm, Thành phố Hà Nội"
