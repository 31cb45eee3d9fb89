"""A kiosk hands a dossier over to the counter (issue 19); an officer completes it at the console.

Given a chip-identified citizen's incomplete birth registration sent with ``x_needs_completion``,
the central keeps it as ``needs_completion`` with a queue number counted per agency and day;
an officer of the agency (signed in, CSRF, same origin) sees it in the queue without the
citizen's name, opens it, adds only what is missing and registers it; tracking shows both steps.
"""

from __future__ import annotations

import io
import json
import re

import pytest
import requests
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from central.models import DossierRow
from kiosk.submission import Applicant, Attachment, Submission, Verification
from kiosk.tracking import new_tracking_code
from tests.peers.people import session_as, signed_in
from tests.peers.sandbox import TEST_KIOSK_ID

MOTHER = Applicant("079190001234", "Trần Thị Bích Ngọc", Verification.CHIP_VERIFIED, birth_date="1990-04-02")


def _jpeg(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG")
    return buf.getvalue()


def _handover(**over) -> Submission:  # type: ignore[no-untyped-def]
    values = dict(
        procedure_code="birth_registration",
        tracking_code=new_tracking_code(),
        kiosk_id=TEST_KIOSK_ID,
        applicant=MOTHER,
        attributes={"child_full_name": "Lê Minh An", "applicant_relation": "mother"},
        needs_completion=True,
    )
    values.update(over)
    return Submission(**values)  # type: ignore[arg-type]


def _row(sandbox, code: str) -> DossierRow:  # type: ignore[no-untyped-def]
    with sandbox.state.db() as s:
        q = select(DossierRow).options(selectinload(DossierRow.attachments))
        return s.scalars(q.where(DossierRow.tracking_code == code)).one()


def test_an_incomplete_dossier_is_kept_for_the_counter_with_a_queue_number(central_client, sandbox):
    photo = _jpeg("white")
    first = _handover(
        attachments=(Attachment.of_bytes(photo, "birth_notice-1.jpg", "image/jpeg", "birth_notice"),)
    )
    r1 = central_client.submit(first, read_attachment=lambda _sha: photo)
    again = central_client.submit(first, read_attachment=lambda _sha: photo)  # a resend: same key
    r2 = central_client.submit(_handover())
    assert again.replayed and again.service_request_id == r1.service_request_id
    t = central_client.track(first.tracking_code)
    assert t.state == "needs_completion" and t.queue_number == "Q-001"
    assert central_client.track(r2.tracking_code or "").queue_number == "Q-002"
    assert [e.state for e in t.history] == ["needs_completion"]
    assert t.appointment_date is None  # the time limit runs from the completion
    row = _row(sandbox, first.tracking_code)
    assert json.loads(row.applicant_json)["full_name"] == MOTHER.full_name
    assert [a.document_code for a in row.attachments] == ["birth_notice"]


def test_a_complete_dossier_is_still_refused_when_required_answers_are_missing(central_client):
    from kiosk.central.errors import CentralRejected

    with pytest.raises(CentralRejected) as err:
        central_client.submit(_handover(needs_completion=False))
    assert "child_birth_date" in str([r.description for r in err.value.reasons])


@pytest.mark.parametrize("verification", [Verification.DECLARED, Verification.QR_HINT])
def test_a_handover_needs_the_chip_identified_applicant(central_client, verification):
    from dataclasses import replace

    from kiosk.central.errors import CentralRejected

    with pytest.raises(CentralRejected) as err:
        central_client.submit(_handover(applicant=replace(MOTHER, verification=verification)))
    assert "chip" in str([r.description for r in err.value.reasons])


def test_an_officer_completes_only_what_is_missing_and_registers_it(central_client, sandbox):
    sub = _handover()
    rid = central_client.submit(sub).service_request_id
    officer = session_as(sandbox, "officer", "Nguyễn Văn Cán")
    base = sandbox.url.rstrip("/")

    queue = officer.get(f"{base}/console/handover", timeout=10)
    assert queue.status_code == 200 and f"handover-{rid}" in queue.text and "Q-001" in queue.text
    assert MOTHER.full_name not in queue.text  # the list names nobody

    console = officer.get(f"{base}/console/dossiers/{rid}", timeout=10)
    assert f"href='/console/handover/{rid}'" in console.text  # not "closed": completed at the counter
    page = officer.get(f"{base}/console/handover/{rid}", timeout=10)
    assert page.status_code == 200
    assert MOTHER.full_name in page.text and "Lê Minh An" in page.text  # read-only, as given
    assert "id='missing-child_birth_date'" in page.text and "id='missing-child_sex'" in page.text
    assert "id='given-child_full_name'" in page.text and "name='attribute[child_full_name]'" not in page.text
    assert "doc[birth_notice]" in page.text

    url = f"{base}/console/handover/{rid}/complete"
    # What the citizen gave cannot be retyped; what is missing must be there before registering.
    r = officer.post(url, data={"attribute[child_full_name]": "Khác"}, timeout=10)
    assert r.status_code == 400 and "cannot be changed" in r.text
    r = officer.post(url, data={"attribute[child_sex]": "M"}, timeout=10)
    assert r.status_code == 400 and "child_birth_date" in r.text and "birth_notice" in r.text
    assert _row(sandbox, sub.tracking_code).state == "needs_completion"  # nothing half-done

    scan = _jpeg("grey")
    r = officer.post(
        url,
        data={"attribute[child_birth_date]": "2026-12-01", "attribute[child_sex]": "M"},
        files={"doc[birth_notice]": ("giay-chung-sinh.jpg", scan, "image/jpeg")},
        timeout=10,
    )
    assert r.status_code == 200 and r.url.endswith(f"/console/dossiers/{rid}"), r.text[:500]
    row = _row(sandbox, sub.tracking_code)
    assert row.state == "received" and row.officer == "Nguyễn Văn Cán"
    assert json.loads(row.attributes_json)["child_full_name"] == "Lê Minh An"
    assert json.loads(row.attributes_json)["child_birth_date"] == "2026-12-01"
    assert [a.document_code for a in row.attachments] == ["birth_notice"]
    assert officer.post(url, data={}, timeout=10).status_code == 409  # once only

    t = central_client.track(sub.tracking_code)
    assert [(e.state, e.officer) for e in t.history] == [
        ("needs_completion", ""),
        ("completed", "Nguyễn Văn Cán"),
    ]
    assert t.appointment_date is not None
    html = requests.get(f"{base}/t/{sub.tracking_code}", timeout=10).text
    assert html.index("Nộp tại máy kiosk, chờ cán bộ hoàn thành") < html.index(
        "Cán bộ đã hoàn thành và tiếp nhận"
    )
    public = requests.get(f"{base}/t/{sub.tracking_code}.json", timeout=10).json()
    assert [h["state"] for h in public["x_history"]] == ["needs_completion", "completed"]
    assert MOTHER.full_name not in json.dumps(public, ensure_ascii=False)


def test_original_seen_at_the_counter_stands_for_a_scan(central_client, sandbox):
    sub = _handover(attributes={"child_full_name": "Lê Minh An", "applicant_relation": "mother", "child_sex": "F",
                                "child_birth_date": "2026-12-01"})  # fmt: skip
    rid = central_client.submit(sub).service_request_id
    officer = session_as(sandbox, "officer", "Nguyễn Văn Cán")
    r = officer.post(
        f"{sandbox.url}console/handover/{rid}/complete", data={"seen": "birth_notice"}, timeout=10
    )
    assert r.status_code == 200
    assert _row(sandbox, sub.tracking_code).state == "received"
    t = central_client.track(sub.tracking_code)
    assert "original seen: birth_notice" in t.history[-1].note


def test_the_handover_routes_refuse_strangers(central_client, sandbox):
    sub = _handover()
    rid = central_client.submit(sub).service_request_id
    base = sandbox.url.rstrip("/")
    paths = ["/console/handover", f"/console/handover/{rid}"]
    post = f"{base}/console/handover/{rid}/complete"
    # Unauthenticated: sent to sign in (pages) / refused (the state change).
    for p in paths:
        r = requests.get(base + p, allow_redirects=False, timeout=10)
        assert r.status_code == 401, p
        r = requests.get(base + p, allow_redirects=False, headers={"Accept": "text/html"}, timeout=10)
        assert r.status_code == 303 and r.headers["location"].startswith("/signin"), p
    assert requests.post(
        post, data={"seen": "birth_notice"}, allow_redirects=False, timeout=10
    ).status_code in (303, 401, 403)
    # Wrong role: a technician is not an officer.
    tech = signed_in(sandbox, "technician")
    for p in paths:
        assert tech.get(base + p, allow_redirects=False, timeout=10).status_code == 403, p
    # An officer of another agency does not even learn it exists.
    other = session_as(sandbox, "officer", "Người ngoài", agencies=("UB99999",))
    assert other.get(f"{base}/console/handover/{rid}", timeout=10).status_code == 404
    assert f"handover-{rid}" not in other.get(f"{base}/console/handover", timeout=10).text
    assert other.post(post, data={"seen": "birth_notice"}, timeout=10).status_code == 404
    # Cross-site, and a form without the page's CSRF token, are refused.
    officer = session_as(sandbox, "officer", "Nguyễn Văn Cán")
    r = officer.post(
        post, data={"seen": "birth_notice"}, headers={"Origin": "https://evil.example"}, timeout=10
    )
    assert r.status_code == 403
    no_csrf = requests.Session()
    no_csrf.cookies.update(officer.cookies)
    no_csrf.headers["Origin"] = base
    assert no_csrf.post(post, data={"seen": "birth_notice"}, timeout=10).status_code == 403
    assert _row(sandbox, sub.tracking_code).state == "needs_completion"
    assert re.search("Q-00\\d", officer.get(f"{base}/console/handover", timeout=10).text)
