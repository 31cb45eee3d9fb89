"""The shared dossier model: round trips, and refusal of what cannot be a valid dossier."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.submission import (
    Applicant,
    Attachment,
    Channel,
    ControlAction,
    ControlChange,
    Submission,
    Verification,
)
from kiosk.tracking import display, new_tracking_code


def _submission(**over):
    values = dict(
        procedure_code="birth_registration",
        tracking_code=new_tracking_code(),
        kiosk_id="k-01",
        applicant=Applicant(
            "001203004567", "Nguyễn Thị Hoa", Verification.CHIP_VERIFIED, birth_date="1990-02-03"
        ),
        attributes={"child_full_name": "Nguyễn Văn An", "tags": ["a", "b"]},
        attachments=(
            Attachment.of_bytes(b"%PDF-1.4 x", "giấy chứng sinh.pdf", "application/pdf", "birth_notice"),
        ),
        channel=Channel.ASSISTED,
        officer_id="cb-07",
        control_changes=(
            ControlChange(datetime(2026, 11, 23, 3, 0, tzinfo=UTC), "cb-07", ControlAction.TAKE_OVER),
        ),
        created_at=datetime(2026, 11, 23, 3, 1, tzinfo=UTC),
    )
    values.update(over)
    return Submission(**values)


def test_round_trip_through_json_is_lossless():
    s = _submission()
    again = Submission.from_json(s.to_json())
    assert again == s
    assert again.attributes["tags"] == ("a", "b")
    assert again.applicant.verification is Verification.CHIP_VERIFIED


def test_tracking_code_is_normalised_and_is_the_idempotency_key():
    code = new_tracking_code()
    s = _submission(tracking_code=display(code).lower())
    assert s.tracking_code == code
    assert s.idempotency_key == f"k-01:{code}"


@pytest.mark.parametrize(
    "over, words",
    [
        ({"tracking_code": "ABCDE-12345"}, "tracking_code"),
        ({"created_at": datetime(2026, 1, 1)}, "time zone"),
        ({"channel": Channel.ASSISTED, "officer_id": None}, "officer_id"),
    ],
)
def test_invalid_dossiers_are_refused_with_the_field_named(over, words):
    with pytest.raises(ValueError, match=words):
        _submission(**over)


def test_attachment_hash_must_be_sha256_hex():
    with pytest.raises(ValueError, match="sha256"):
        Attachment("XYZ", "a.pdf", "application/pdf", 1)
    a = Attachment.of_bytes(b"abc", "a.png", "image/png")
    assert a.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert a.size == 3
