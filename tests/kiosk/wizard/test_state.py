"""The journey state: serialisation, where to apply, pages taken and retaken."""

from __future__ import annotations

import json
from dataclasses import replace

from kiosk.jurisdiction import Outcome, Place
from kiosk.wizard.dossier import missing
from kiosk.wizard.state import How, Journey
from tests.kiosk.wizard.sample import BIRTH, CAT, TODAY, filled


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


def test_both_parents_elsewhere_names_the_competent_agency():
    j = Journey()
    j.choose("birth_registration")
    j.answer("mother_residence", Place(ward_code=70, province_code=1))  # Phường Hoàn Kiếm, Hà Nội
    demo = replace(CAT, samples=True)  # read as the demo reads it: the directory's sample contacts
    r = j.resolution(demo, "DEMO")
    assert r.outcome is Outcome.NEED_ANSWER and r.question.fact == "father_residence"
    j.answer("father_residence", Place(here=False))
    r = j.resolution(demo, "DEMO")
    assert r.outcome is Outcome.ELSEWHERE
    assert r.agency is not None and r.agency.code == "UB00070" and r.agency.contact.phone


def test_retake_drops_the_page_and_counter_replaces_photos():
    j = filled()
    sha = j.docs["birth_notice"].pages[0]
    j.retake("birth_notice", 0)
    assert j.docs["birth_notice"].how is None and sha not in j.blobs
    assert "documents" in missing(BIRTH, j, TODAY)
    j.add_page("birth_notice", b"page")
    j.provide("birth_notice", How.COUNTER)
    assert j.docs["birth_notice"].pages == [] and j.docs["birth_notice"].how == "counter"
