"""The journey state: serialisation, jurisdiction, prefill, validation, checklist, submission."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from kiosk import tracking
from kiosk.catalog.model import load_catalog
from kiosk.jurisdiction import Outcome, Place
from kiosk.messages import text
from kiosk.submission import Submission
from kiosk.wizard.journey import (
    EXTRA_DOC,
    Behalf,
    How,
    Journey,
    Kind,
    Person,
    apply_prefill,
    build_receipt,
    build_submission,
    checklist,
    form_problems,
    missing,
    questions,
    validate,
)

CAT = load_catalog()
BIRTH = CAT.require("birth_registration")
MOTHER = Person("001203004567", "Lê Thị Hoa", "1990-04-02", "F", "Phường Bắc Giang", "chip_verified")
FATHER = Person("001088012345", "Nguyễn Văn An", "1988-03-12", "M", None, "chip_read")
TODAY = date(2026, 11, 23)


def filled() -> Journey:
    j = Journey()
    j.choose("birth_registration")
    j.answer("mother_residence", Place(here=True))
    j.identify(MOTHER)
    j.behalf = Behalf.CHILD.value
    apply_prefill(BIRTH, j)
    j.values.update(child_full_name="lê   minh an", child_birth_date="2026-11-20", child_sex="M")
    checklist(BIRTH, j)  # the ID card document is taken from the chip once read
    j.add_page("birth_notice", b"\xff\xd8jpeg-bytes-1")
    j.add_page(EXTRA_DOC, b"\xff\xd8jpeg-bytes-2")
    j.consent = True
    return j


def test_round_trip_through_json_keeps_everything_but_the_image_bytes():
    j = filled()
    back = Journey.from_dict(json.loads(json.dumps(j.to_dict(), ensure_ascii=False)))
    assert back.to_dict() == j.to_dict()
    assert back.blobs == {} and len(j.blobs) == 2
    assert "jpeg-bytes" not in json.dumps(j.to_dict())


def test_mother_living_here_is_accepted_after_one_question():
    j = Journey()
    j.choose("birth_registration")
    r = j.resolution(CAT, "DEMO")
    assert r.outcome is Outcome.NEED_ANSWER and r.question and r.question.fact == "mother_residence"
    j.answer("mother_residence", Place(here=True))
    assert j.resolution(CAT, "DEMO").outcome is Outcome.ACCEPTED_HERE


def test_both_parents_elsewhere_names_the_competent_agency(monkeypatch):
    from kiosk.catalog import agencies

    monkeypatch.setitem(agencies._samples, "shown", True)  # the demo directory's contacts
    j = Journey()
    j.choose("birth_registration")
    j.answer("mother_residence", Place(ward_code=70, province_code=1))  # Phường Hoàn Kiếm, Hà Nội
    r = j.resolution(CAT, "DEMO")
    assert r.outcome is Outcome.NEED_ANSWER and r.question.fact == "father_residence"
    j.answer("father_residence", Place(here=False))
    r = j.resolution(CAT, "DEMO")
    assert r.outcome is Outcome.ELSEWHERE
    assert r.agency is not None and r.agency.code == "UB00070" and r.agency.contact.phone


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


def test_checklist_offers_chip_camera_and_counter_where_allowed():
    j = Journey()
    j.choose("birth_registration")
    items = {i.code: i for i in checklist(BIRTH, j)}
    assert items["birth_notice"].options == (How.CAMERA, How.COUNTER)
    assert items["applicant_id"].options == (How.CAMERA,) and not items["applicant_id"].done
    j.identify(MOTHER)
    items = {i.code: i for i in checklist(BIRTH, j)}
    assert items["applicant_id"].state.how == How.CHIP.value and How.CHIP in items["applicant_id"].options
    assert not items[EXTRA_DOC].required


def test_retake_drops_the_page_and_counter_replaces_photos():
    j = filled()
    sha = j.docs["birth_notice"].pages[0]
    j.retake("birth_notice", 0)
    assert j.docs["birth_notice"].how is None and sha not in j.blobs
    assert "documents" in missing(BIRTH, j, TODAY)
    j.add_page("birth_notice", b"page")
    j.provide("birth_notice", How.COUNTER)
    assert j.docs["birth_notice"].pages == [] and j.docs["birth_notice"].how == "counter"


def test_missing_lists_each_step_and_any_change_withdraws_consent():
    j = Journey()
    j.choose("birth_registration")
    assert missing(BIRTH, j, TODAY) == ["identify", "form", "documents", "consent"]
    j = filled()
    assert missing(BIRTH, j, TODAY) == [] and form_problems(BIRTH, j, TODAY) == {}
    j.add_page("birth_notice", b"another")
    assert missing(BIRTH, j, TODAY) == ["consent"]


def test_submission_and_receipt_carry_what_the_citizen_gave():
    j = filled()
    code = tracking.new_tracking_code()
    now = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    s = build_submission(
        BIRTH, j, tracking_code=code, kiosk_id="K1", agency_code="UB07210", language="vi", now=now
    )
    assert Submission.from_json(s.to_json()) == s
    assert s.attributes == {
        "child_full_name": "Lê Minh An",
        "child_birth_date": "2026-11-20T00:00:00+07:00",
        "child_sex": "M",
        "applicant_relation": "mother",
    }
    assert {a.document_code for a in s.attachments} == {"birth_notice", EXTRA_DOC}
    assert all(a.sha256 in j.blobs for a in s.attachments)
    assert s.applicant.verification.value == "chip_verified"
    assert "applicant_id=chip" in (s.description or "")
    from kiosk.catalog import agencies

    r = build_receipt(BIRTH, j, s, agencies.agency("UB07210"), lang="vi", queued_offline=True)
    assert r.queued_offline and r.appointment >= now.date() and r.tracking_code == s.tracking_code
    assert any("Giấy chứng sinh" in d for d in r.documents) and any("thẻ căn cước" in d for d in r.documents)


def test_addresses_take_the_ward_from_the_list_and_only_the_street_typed():
    proc = CAT.require("permanent_residence_registration")
    q = next(q for q in questions(proc, Journey(procedure=proc.identifier)) if q.code == "residence_address")
    assert q.kind is Kind.ADDRESS
    assert validate(q, {"street": "Số 5 ngõ 12", "ward": None}, TODAY) == "wizard.form.address_ward"
    assert validate(q, {"street": "", "ward": 70}, TODAY) == "wizard.form.address_street"
    value = {"street": "Số 5 ngõ 12", "ward": 70}
    assert validate(q, value, TODAY) is None
    from kiosk.wizard.journey import open311_value

    assert open311_value(q, value) == "Số 5 ngõ 12, Phường Hoàn Kiếm, Thành phố Hà Nội"


def test_the_same_photo_under_two_items_is_sent_once():
    j = filled()
    j.add_page("extra_document", j.blobs[j.docs["birth_notice"].pages[0]])  # the same sheet again
    s = build_submission(
        BIRTH, j, tracking_code=tracking.new_tracking_code(), kiosk_id="K1", agency_code=None, language="vi"
    )
    shas = [a.sha256 for a in s.attachments]
    assert len(shas) == len(set(shas)) == 2
