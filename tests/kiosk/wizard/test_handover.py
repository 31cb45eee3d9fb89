"""Hand over to the counter, kiosk side (issue 19): what may be handed over, the incomplete
dossier built from the journey, its place in the outbox (the draft removed with it), the
kiosk's own queue number when offline, and the slip (its QR read back from the raster)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from devices.scanner.zbar import scan_qr
from kiosk.catalog.model import packaged_catalog_json, parse_catalog
from kiosk.outbox_sender import enqueue_submission
from kiosk.receipt import render_handover_slip, verify_receipt_qr
from kiosk.tracking import new_tracking_code
from kiosk.wizard.drafting import DraftKeeper
from kiosk.wizard.handover import build_handover, build_slip, can_hand_over, local_queue_number
from kiosk.wizard.journey import Journey, Person
from offline_cache import Store
from provisioning.keys import load_or_create_kiosk_key

MOTHER = Person(id_number="001189012345", full_name="Nguyễn Thị Hồng Nhung", birth_date="1990-01-01", sex="F")
PAGE = b"\xff\xd8\xff\xe0" + b"birth notice" * 300


def _catalog():  # type: ignore[no-untyped-def]
    import json

    raw = packaged_catalog_json()
    return parse_catalog(json.loads(raw) if isinstance(raw, str | bytes) else raw)


def _journey(verification: str = "chip_verified") -> Journey:
    j = Journey()
    j.choose("birth_registration")
    j.identify(Person(**{**MOTHER.__dict__, "verification": verification}))
    j.values["child_full_name"] = "Lê Minh An"  # the birth date and sex are not given yet
    j.add_page("birth_notice", PAGE)
    j.step = "form"
    return j


def test_offered_only_to_a_chip_identified_citizen_before_submitting():
    j = _journey()
    assert can_hand_over(j, "form") and can_hand_over(j, "documents") and can_hand_over(j, "review")
    assert not can_hand_over(j, "identify")  # not yet identified there
    assert not can_hand_over(_journey("qr_hint"), "form")  # the printed QR is only a hint
    assert not can_hand_over(Journey(), "form")
    j.submitted_at = "2026-12-07T01:00:00+00:00"
    assert not can_hand_over(j, "form")


def test_the_handover_carries_what_was_given_and_nothing_invented():
    proc = _catalog().require("birth_registration")
    sub = build_handover(
        proc, _journey(), tracking_code=new_tracking_code(), kiosk_id="K-1", agency_code=None, language="vi"
    )
    assert sub.needs_completion
    assert dict(sub.attributes) == {"child_full_name": "Lê Minh An"}
    assert [a.document_code for a in sub.attachments] == ["birth_notice"]
    assert sub.applicant.full_name == MOTHER.full_name and sub.applicant.verification == "chip_verified"
    assert type(sub).from_dict(sub.to_dict()) == sub  # the outbox's round trip keeps the flag
    with pytest.raises(ValueError):
        build_handover(proc, _journey("declared"), tracking_code=new_tracking_code(), kiosk_id="K-1",
                       agency_code=None, language="vi")  # fmt: skip


def test_queued_with_the_draft_removed_and_numbered_by_the_kiosk(isolated_kiosk_env: Path):
    proc = _catalog().require("birth_registration")
    now = datetime.now(UTC)
    with Store.open(isolated_kiosk_env) as store:
        j = _journey()
        DraftKeeper(store, "session-1").save(j)
        assert store.drafts.load("session-1") is not None
        codes = []
        for _ in range(2):
            sub = build_handover(
                proc, j, tracking_code=new_tracking_code(), kiosk_id="K-07", agency_code=None, language="vi"
            )
            codes.append(
                enqueue_submission(
                    store,
                    sub,
                    {a.sha256: j.blobs[a.sha256] for a in sub.attachments},
                    draft_session_id="session-1",
                )  # fmt: skip
            )
        assert store.drafts.load("session-1") is None  # the outbox holds it now, encrypted
        assert store.outbox.submission(codes[0])["needs_completion"] is True
        assert [local_queue_number(store, "K-07", c, now) for c in codes] == ["K-07-001", "K-07-002"]


@pytest.mark.parametrize("local", [False, True])
def test_the_slip_shows_the_number_and_its_qr_is_the_dossiers(isolated_kiosk_env: Path, local: bool):
    proc = _catalog().require("birth_registration")
    key = load_or_create_kiosk_key(isolated_kiosk_env)
    sub = build_handover(
        proc, _journey(), tracking_code=new_tracking_code(), kiosk_id="K-07", agency_code=None, language="vi"
    )
    slip = build_slip(
        proc, sub, None, queue_number="K-07-003" if local else "Q-017", local_number=local, queued_offline=local,
        where="Bộ phận Một cửa", key=key, public_base="https://central.example", lang="vi",
    )  # fmt: skip
    rendered = render_handover_slip(slip, 576)
    texts = [line.text for line in rendered.lines]
    assert ("K-07-003" if local else "Q-017") in texts
    assert "Mang phiếu này đến Bộ phận Một cửa." in " ".join(texts)
    assert ("quầy sẽ gọi số này" in " ".join(texts)) == local  # the counter calls the kiosk's number
    assert MOTHER.full_name not in " ".join(texts) and MOTHER.id_number not in " ".join(texts)
    found = scan_qr(np.array(rendered.image.convert("L")))
    assert len(found) == 1
    qr = verify_receipt_qr(found[0].data.decode("utf-8"), key.public_raw)
    assert qr.tracking_code == sub.tracking_code and qr.procedure_code == "birth_registration"
