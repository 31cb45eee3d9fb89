"""Outbox: enqueue is durable and atomic; states move only as the central answers."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from offline_cache import (
    Accepted,
    InvalidStateError,
    NeedsStaff,
    NewAttachment,
    NotFoundError,
    OutboxState,
    Rejected,
    RetryLater,
    Store,
)


def _enqueue(store: Store, n: int = 0, **kw) -> str:
    return store.outbox.enqueue(
        {"applicant": {"full_name": f"Trần Văn {n}"}, "n": n},
        [
            NewAttachment(f"scan-{n}".encode() * 50, "image/jpeg", "id-front"),
            NewAttachment(b"face", "image/png", "face"),
        ],
        procedure_code="1.001",
        **kw,
    )


def test_enqueue_stores_entry_attachments_and_removes_draft(store: Store):
    store.drafts.save_step("sess-1", "review", {"x": 1})
    eid = _enqueue(store, tracking_code="K7M4QX9T2R", draft_session_id="sess-1")
    entry = store.outbox.get(eid)
    assert entry.state is OutboxState.QUEUED
    assert entry.tracking_code == "K7M4QX9T2R"
    assert [a.role for a in entry.attachments] == ["id-front", "face"]
    assert store.attachments.read(entry.attachments[1]) == b"face"
    assert entry.attachments[0].sha256 == hashlib.sha256(b"scan-0" * 50).hexdigest()
    assert store.drafts.load("sess-1") is None
    assert store.outbox.submission(eid)["n"] == 0


def test_same_entry_id_twice_is_one_entry_but_different_content_is_refused(store: Store):
    a = _enqueue(store, 1, entry_id="fixed-id")
    b = _enqueue(store, 1, entry_id="fixed-id")
    assert a == b == "fixed-id"
    assert len(store.outbox.list()) == 1
    with pytest.raises(InvalidStateError):
        _enqueue(store, 2, entry_id="fixed-id")


def test_idempotency_key_is_kept_from_the_caller(store: Store):
    eid = _enqueue(store, idempotency_key="kiosk-01:K7M4QX9T2R")
    assert store.outbox.get(eid).idempotency_key == "kiosk-01:K7M4QX9T2R"


def test_claim_marks_sending_before_the_call_and_keeps_the_key(store: Store, clock):
    eid = _enqueue(store)
    key = store.outbox.get(eid).idempotency_key
    d = store.outbox.claim_due()
    assert d is not None and d.entry_id == eid and d.idempotency_key == key and d.attempt == 1
    assert store.outbox.get(eid).state is OutboxState.SENDING
    assert d.read_attachment(d.attachments[1]) == b"face"
    assert store.outbox.claim_due() is None  # leased while the call is in flight
    # A crash now: at restart the entry is released and handed out again, same key.
    assert store.outbox.recover_interrupted() == 1
    d2 = store.outbox.claim_due()
    assert d2 is not None and d2.entry_id == eid and d2.idempotency_key == key and d2.attempt == 2


def test_results_move_states(store: Store, clock):
    ids = [_enqueue(store, i) for i in range(4)]
    results = [Accepted("REQ-1"), Rejected(("thiếu giấy tờ",)), NeedsStaff("auth"), RetryLater("timeout")]
    for eid, result in zip(ids, results, strict=True):
        d = store.outbox.claim_due()
        assert d is not None and d.entry_id == eid
        store.outbox.record_result(eid, result, next_attempt_at=clock() + 60)
    got = {e.id: e for e in store.outbox.list()}
    assert got[ids[0]].state is OutboxState.ACCEPTED and got[ids[0]].request_id == "REQ-1"
    assert got[ids[1]].state is OutboxState.REJECTED and got[ids[1]].reasons == ("thiếu giấy tờ",)
    assert got[ids[2]].state is OutboxState.NEEDS_STAFF and got[ids[2]].last_error == "auth"
    assert got[ids[3]].state is OutboxState.QUEUED and got[ids[3]].last_error == "timeout"
    assert store.outbox.claim_due() is None  # backing off
    clock.advance(61)
    assert store.outbox.claim_due().entry_id == ids[3]  # type: ignore[union-attr]


def test_token_only_answer_is_id_pending(store: Store):
    eid = _enqueue(store)
    store.outbox.claim_due()
    entry = store.outbox.record_result(eid, Accepted(token="tok-1"))
    assert entry.id_pending
    assert store.outbox.pending_tokens() == [(eid, "tok-1")]
    store.outbox.set_request_id(eid, "REQ-9")
    assert not store.outbox.get(eid).id_pending


def test_result_for_an_entry_not_sending_is_refused(store: Store):
    eid = _enqueue(store)
    with pytest.raises(InvalidStateError):
        store.outbox.record_result(eid, Accepted("X"))


def test_retry_from_needs_staff_is_audited_and_final_states_refuse(store: Store):
    eid = _enqueue(store)
    store.outbox.claim_due()
    store.outbox.record_result(eid, NeedsStaff("auth"))
    entry = store.outbox.retry(eid[:8], actor="staff:0042")
    assert entry.state is OutboxState.QUEUED
    last = store.audit.entries()[-1]
    assert last.action == "outbox.retry" and last.details == {"entry": eid, "from": "needs-staff"}
    store.outbox.claim_due()
    store.outbox.record_result(eid, Accepted("R"))
    with pytest.raises(InvalidStateError):
        store.outbox.retry(eid)


def test_unknown_and_ambiguous_ids(store: Store):
    with pytest.raises(NotFoundError):
        store.outbox.get("nope")
    _enqueue(store, 1, entry_id="abcdef-1")
    _enqueue(store, 2, entry_id="abcdef-2")
    with pytest.raises(NotFoundError, match="more than one"):
        store.outbox.get("abcdef")
    assert store.outbox.get("abcdef-2").id == "abcdef-2"


def test_undecryptable_payload_goes_to_staff_not_to_the_central(store: Store):
    eid = _enqueue(store)
    with store.write() as s:
        from offline_cache.models import OutboxRow

        row = s.get(OutboxRow, eid)
        assert row is not None
        row.payload = row.payload[:-1] + bytes([row.payload[-1] ^ 1])
    assert store.outbox.claim_due() is None
    entry = store.outbox.get(eid)
    assert entry.state is OutboxState.NEEDS_STAFF and "unreadable" in (entry.last_error or "")


def test_export_writes_clear_copy_with_checksums(store: Store, tmp_path: Path):
    eid = _enqueue(store, 3, tracking_code="K7M4QX9T2R")
    dest = store.outbox.export(eid, tmp_path / "usb", actor="staff:7")
    doc = json.loads((dest / "dossier.json").read_text())
    assert doc["submission"]["n"] == 3 and doc["tracking_code"] == "K7M4QX9T2R"
    for line in (dest / "SHA256SUMS").read_text().splitlines():
        sha, name = line.split("  ")
        assert hashlib.sha256((dest / name).read_bytes()).hexdigest() == sha
    assert store.audit.entries()[-1].action == "outbox.export"


def test_status_counts_and_oldest_age(store: Store, clock):
    _enqueue(store, 1)
    clock.advance(100)
    eid = _enqueue(store, 2)
    st = store.outbox.status()
    assert st.pending == 2 and st.counts["queued"] == 2 and st.oldest_pending_age_s == pytest.approx(100)
    store.outbox.claim_due()
    d = store.outbox.claim_due()
    assert d is not None and d.entry_id == eid
    store.outbox.record_result(eid, Accepted("R"))
    st = store.outbox.status()
    assert st.counts["accepted"] == 1 and st.counts["sending"] == 1 and st.last_success_at is not None


def test_file_removed_by_a_purge_between_write_and_commit_is_written_again(store: Store, monkeypatch):
    atts = store.attachments
    real_write = atts.write_file

    lost = []

    def write_then_lose(att):
        ref = real_write(att)
        if not lost:  # the first write is lost, as a purge's file deletion would do right now
            atts.path_for(ref.sha256).unlink()
            lost.append(ref.sha256)
        return ref

    monkeypatch.setattr(atts, "write_file", write_then_lose)
    eid = store.outbox.enqueue(
        {"n": 1}, [NewAttachment(b"scan" * 100, "image/jpeg", "scan")], procedure_code="1"
    )
    monkeypatch.setattr(atts, "write_file", real_write)
    entry = store.outbox.get(eid)
    assert lost == [entry.attachments[0].sha256]
    assert store.attachments.read(entry.attachments[0]) == b"scan" * 100
