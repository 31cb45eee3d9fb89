"""The journey and its photos survive a restart and come back to the same card, and only to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.wizard.drafting import DraftKeeper, offer_for_card, resume
from kiosk.wizard.journey import Journey, Person
from offline_cache import Store

MOTHER = Person(id_number="001189012345", full_name="Nguyễn Thị Hồng Nhung", birth_date="1990-01-01", sex="F")
PAGE1 = b"\xff\xd8\xff\xe0" + b"birth notice" * 300
PAGE2 = b"\xff\xd8\xff\xe0" + b"marriage certificate" * 300


def _journey_with_two_photos() -> Journey:
    j = Journey()
    j.choose("birth_registration")
    j.identify(MOTHER)
    j.values["child_full_name"] = "Lê Minh An"
    j.add_page("birth_notice", PAGE1)
    j.add_page("extra_document", PAGE2)
    j.step = "documents"
    return j


def test_a_restart_resumes_at_the_step_with_both_photos(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        keeper = DraftKeeper(store, "session-before")
        j = _journey_with_two_photos()
        keeper.save(j)
    # the kiosk restarts (power cut): a new process, a new session, the same card
    with Store.open(isolated_kiosk_env) as store:
        offer = offer_for_card(store, MOTHER.id_number, grace_hours=24)
        assert (
            offer is not None and offer.step == "documents" and offer.procedure_code == "birth_registration"
        )
        again = resume(store, offer, "session-after")
        assert again.values["child_full_name"] == "Lê Minh An" and again.step == "documents"
        assert again.applicant == MOTHER
        assert sorted(again.blobs.values()) == sorted([PAGE1, PAGE2])
        assert again.docs["birth_notice"].pages == j.docs["birth_notice"].pages
        # one citizen, one draft: the old one is gone, the new one holds the pages
        assert store.drafts.load("session-before") is None
        assert set(store.drafts.pages("session-after").values()) == {PAGE1, PAGE2}


def test_another_card_finds_nothing(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        DraftKeeper(store, "s").save(_journey_with_two_photos())
        assert offer_for_card(store, "001089099999", grace_hours=24) is None


def test_a_retake_drops_the_page_from_the_draft(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        keeper = DraftKeeper(store, "s")
        j = _journey_with_two_photos()
        keeper.save(j)
        j.retake("extra_document", 0)
        keeper.save(j)
        assert set(store.drafts.pages("s").values()) == {PAGE1}


def test_nothing_is_kept_after_submission(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        j = _journey_with_two_photos()
        j.submitted_at = "2026-12-07T01:00:00+00:00"
        DraftKeeper(store, "s").save(j)
        assert store.drafts.load("s") is None


def test_a_draft_resumed_elsewhere_is_gone(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        DraftKeeper(store, "s").save(_journey_with_two_photos())
        offer = offer_for_card(store, MOTHER.id_number, grace_hours=24)
        assert offer is not None
        resume(store, offer, "t")
        with pytest.raises(LookupError):
            resume(store, offer, "u")
