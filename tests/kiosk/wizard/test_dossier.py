"""What still stops the submission, the Submission the kiosk sends and the receipt it prints."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk import tracking
from kiosk.submission import Submission
from kiosk.wizard.dossier import ask_where, build_receipt, build_submission, missing
from kiosk.wizard.form import form_problems
from kiosk.wizard.state import EXTRA_DOC, Journey
from tests.kiosk.wizard.sample import BIRTH, TODAY, filled


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


def test_the_same_photo_under_two_items_is_sent_once():
    j = filled()
    j.add_page("extra_document", j.blobs[j.docs["birth_notice"].pages[0]])  # the same sheet again
    s = build_submission(
        BIRTH, j, tracking_code=tracking.new_tracking_code(), kiosk_id="K1", agency_code=None, language="vi"
    )
    shas = [a.sha256 for a in s.attachments]
    assert len(shas) == len(set(shas)) == 2


@pytest.mark.parametrize(
    ("counter", "vi", "en"),
    [
        (None, "Bộ phận Một cửa", "One-stop counter"),
        ("3", "Quầy số 3, Bộ phận Một cửa", "Counter 3, One-stop counter"),
        ("B2", "Quầy số B2, Bộ phận Một cửa", "Counter B2, One-stop counter"),
    ],
)
def test_where_to_ask_names_the_configured_counter(counter, vi, en):
    assert (ask_where("vi", counter), ask_where("en", counter)) == (vi, en)
