"""The kiosk's Open311 client against the real sandbox central over loopback.

Given a running sandbox (tests/peers/sandbox.py), when the kiosk submits, replays, loses the
connection mid-answer or meets bad input, then the central stores each dossier exactly once
and the client answers with typed results or the right domain exception.
"""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from central import open311
from central.models import DossierRow
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.central.errors import (
    CentralAuthError,
    CentralNotFound,
    CentralOffline,
    CentralRejected,
    CentralServerError,
    IdempotencyConflict,
)
from kiosk.submission import Applicant, Attachment, Channel, Submission, Verification
from kiosk.tracking import new_tracking_code
from tests.peers.people import session_as
from tests.peers.sandbox import TEST_KIOSK_ID

PDF = b"%PDF-1.4\n" + b"x" * 2000
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8


def birth(**over) -> Submission:
    values = dict(
        procedure_code="birth_registration",
        tracking_code=new_tracking_code(),
        kiosk_id=TEST_KIOSK_ID,
        applicant=Applicant("001203004567", "Nguyễn Thị Hoa", Verification.CHIP_VERIFIED),
        attributes={
            "child_full_name": "Nguyễn Văn An",
            "child_birth_date": "2026-11-01",
            "child_sex": "M",
            "applicant_relation": "mother",
        },
        attachments=(
            Attachment.of_bytes(PDF, "giay-chung-sinh.pdf", "application/pdf", "birth_notice"),
            Attachment.of_bytes(JPEG, "cccd.jpg", "image/jpeg", "applicant_id"),
        ),
    )
    values.update(over)
    return Submission(**values)


BLOBS = {hashlib.sha256(b).hexdigest(): b for b in (PDF, JPEG)}


def dossier_count(sb) -> int:
    with sb.state.db() as s:
        return int(s.scalar(select(func.count()).select_from(DossierRow)))


def test_discovery_advertises_the_extensions(central_client):
    d = central_client.discovery()
    for feature in ("attachments", "idempotency", "tracking", "catalog", "procedures", "history"):
        assert d.has(feature)
    assert d.max_attachment_bytes == open311.MAX_ATTACHMENT_BYTES
    assert d.central_public_key


def test_services_and_definitions_are_typed(central_client):
    services = central_client.services()
    assert len(services) >= 12
    assert {"birth_registration", "marriage_registration"} <= {s.service_code for s in services}
    definition = central_client.service_definition("birth_registration")
    sex = next(a for a in definition.attributes if a.code == "child_sex")
    assert sex.datatype == "singlevaluelist" and sex.required
    assert {v.key for v in sex.values} == {"M", "F"}


def test_submit_with_attachments_then_track(central_client, sandbox):
    sub = birth()
    result = central_client.submit(sub, BLOBS.__getitem__)
    assert result.service_request_id and not result.pending and not result.replayed
    assert result.tracking_code == sub.tracking_code

    req = central_client.get_request(result.service_request_id)
    assert req.status == "open" and req.state == "received"
    assert req.agency and req.agency.code == "UB07210"  # the demo site's People's Committee
    assert req.appointment_date is not None

    tracked = central_client.track(sub.tracking_code)
    assert tracked.service_request_id == result.service_request_id
    assert [e.state for e in tracked.history] == ["received"]

    # The central kept both files, byte for byte, under their hashes.
    for sha, data in BLOBS.items():
        officer = session_as(sandbox)  # attachments are for signed-in officers only
        r = officer.get(f"{sandbox.url}console/attachments/{result.service_request_id}/{sha}", timeout=5)
        assert r.status_code == 200 and r.content == data


def test_same_key_same_body_replays_the_first_answer(central_client, sandbox):
    sub = birth()
    first = central_client.submit(sub, BLOBS.__getitem__)
    again = central_client.submit(sub, BLOBS.__getitem__)
    assert again.replayed and again.service_request_id == first.service_request_id
    assert dossier_count(sandbox) == 1


def test_same_key_different_body_is_a_conflict(central_client, sandbox):
    sub = birth()
    central_client.submit(sub, BLOBS.__getitem__)
    changed = birth(tracking_code=sub.tracking_code, attributes={**sub.attributes, "child_sex": "F"})
    with pytest.raises(IdempotencyConflict) as e:
        central_client.submit(changed, BLOBS.__getitem__)
    assert e.value.status == 409 and "Idempotency-Key" in e.value.reasons[0].description
    assert dossier_count(sandbox) == 1


def test_connection_dropped_after_commit_is_retried_without_a_duplicate(central_client, sandbox):
    sandbox.faults.set(drop_after_commit=1)
    result = central_client.submit(birth(), BLOBS.__getitem__)
    assert result.replayed  # the first answer was lost; the retry got it from the idempotency record
    assert dossier_count(sandbox) == 1
    assert sandbox.faults.get("drop_after_commit") == 0


def test_dropped_connection_without_retries_is_offline_and_the_outbox_can_resend(sandbox):
    client = CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, TEST_KIOSK_ID), retries=0)
    sub = birth()
    sandbox.faults.set(drop_after_commit=1)
    with client, pytest.raises(CentralOffline):
        client.submit(sub, BLOBS.__getitem__)
    with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, TEST_KIOSK_ID)) as later:
        assert later.submit(sub, BLOBS.__getitem__).replayed
    assert dossier_count(sandbox) == 1


def test_server_errors_carry_retry_after(sandbox):
    sandbox.faults.set(error_rate=1.0)
    with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key), retries=1, backoff_s=0.01) as c:
        with pytest.raises(CentralServerError) as e:
            c.services()
    assert e.value.status == 503 and e.value.retry_after_s == 1.0 and e.value.retryable


def test_slow_central_times_out_as_offline(sandbox):
    sandbox.faults.set(latency_ms=400)
    with CentralClient(sandbox.url, read_timeout=0.1, retries=0) as c:
        with pytest.raises(CentralOffline, match="timed out"):
            c.services()


def test_token_answer_leaves_the_id_pending_until_resolved(central_client, sandbox):
    sandbox.faults.set(answer_with_token=True, token_pending_reads=1)
    result = central_client.submit(birth(), BLOBS.__getitem__)
    assert result.pending and result.token
    assert central_client.request_id_for_token(result.token) is None  # not yet: ask in a later sync
    request_id = central_client.request_id_for_token(result.token)
    assert request_id is not None
    assert central_client.get_request(request_id).state == "received"


def test_unknown_service_is_rejected_with_a_clear_reason(central_client):
    with pytest.raises(CentralRejected) as e:
        central_client.submit(birth(procedure_code="no_such_thing"), BLOBS.__getitem__)
    assert "service_code 'no_such_thing'" in e.value.reasons[0].description
    assert not e.value.retryable


def test_missing_and_malformed_attributes_are_each_named(central_client):
    sub = birth(attributes={"child_full_name": "An", "child_birth_date": "tomorrow", "child_sex": "X"})
    with pytest.raises(CentralRejected) as e:
        central_client.submit(sub, BLOBS.__getitem__)
    text = " | ".join(r.description for r in e.value.reasons)
    assert "child_birth_date" in text and "ISO 8601" in text
    assert "child_sex" in text and "['F', 'M']" in text
    assert "applicant_relation" in text and "required" in text


def test_oversized_attachment_is_refused(central_client, monkeypatch):
    monkeypatch.setattr(open311, "MAX_ATTACHMENT_BYTES", 1024)
    with pytest.raises(CentralRejected) as e:
        central_client.submit(birth(), BLOBS.__getitem__)
    assert e.value.status == 413 and "larger than" in e.value.reasons[0].description


def test_wrong_type_and_damaged_attachment_are_refused(central_client):
    exe = b"MZ\x90\x00"
    sub = birth(attachments=(Attachment.of_bytes(exe, "virus.exe", "application/x-msdownload"),))
    with pytest.raises(CentralRejected) as e:
        central_client.submit(sub, {hashlib.sha256(exe).hexdigest(): exe}.__getitem__)
    assert e.value.status == 415
    fake = b"MZ\x90\x00 not really a pdf"
    disguised = birth(attachments=(Attachment.of_bytes(fake, "scan.pdf", "application/pdf"),))
    with pytest.raises(CentralRejected) as e:
        central_client.submit(disguised, lambda _sha: fake)
    assert e.value.status == 415 and "content is not" in e.value.reasons[0].description
    damaged = birth(attachments=(Attachment.of_bytes(PDF, "a.pdf", "application/pdf"),))
    with pytest.raises(CentralRejected) as e:
        central_client.submit(damaged, lambda _sha: PDF[:-1])
    assert "SHA-256" in e.value.reasons[0].description


def test_bad_key_is_an_auth_error(sandbox):
    with CentralClient(sandbox.url, auth=ApiKeyAuth("wrong-key")) as c:
        with pytest.raises(CentralAuthError):
            c.submit(birth(), BLOBS.__getitem__)


def test_assisted_channel_reaches_the_central(central_client, sandbox):
    result = central_client.submit(birth(channel=Channel.ASSISTED, officer_id="cb-07"), BLOBS.__getitem__)
    assert central_client.get_request(result.service_request_id).channel == "assisted"


def test_tracking_unknown_and_mistyped_codes(central_client):
    with pytest.raises(CentralNotFound):
        central_client.track("0000000000")  # valid check symbol, no such dossier
    with pytest.raises(CentralRejected) as e:
        central_client.track("ABCDE-12345")
    assert e.value.code == "central.bad_tracking_code"


def test_find_requests_filters(central_client):
    a = central_client.submit(birth(), BLOBS.__getitem__)
    found = central_client.find_requests(service_request_ids=[a.service_request_id])
    assert [r.service_request_id for r in found] == [a.service_request_id]
    assert central_client.find_requests(service_code="death_registration") == []
    assert len(central_client.find_requests(status="open")) == 1


def test_refusals_are_logged_without_personal_data(central_client):
    from structlog.testing import capture_logs

    sub = birth(attributes={"child_full_name": "Nguyễn Văn An"})
    with capture_logs() as logs, pytest.raises(CentralRejected):
        central_client.submit(sub, BLOBS.__getitem__)
    refused = [e for e in logs if e["event"] == "sandbox_refused"]
    assert refused and refused[0]["status"] == 400
    text = repr(logs)
    for personal in ("001203004567", "Nguyễn Thị Hoa", "Nguyễn Văn An"):
        assert personal not in text


def test_concurrent_twins_store_one_dossier(sandbox):
    # Four copies of the same dossier race (a kiosk restarted mid-send, an impatient retry…):
    # the unique index lets one win and the others get its answer.
    import threading

    sub = birth()
    barrier = threading.Barrier(4)
    results: list[object] = []

    def send() -> None:
        with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key, TEST_KIOSK_ID), retries=0) as c:
            c.discovery()
            barrier.wait(timeout=10)
            try:
                results.append(c.submit(sub, BLOBS.__getitem__))
            except Exception as e:  # collected and asserted below
                results.append(e)

    threads = [threading.Thread(target=send, name=f"twin-{i}") for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert all(not isinstance(r, Exception) for r in results), results
    assert len({r.service_request_id for r in results}) == 1  # type: ignore[attr-defined]
    assert sum(not r.replayed for r in results) == 1  # type: ignore[attr-defined]
    assert dossier_count(sandbox) == 1
