"""Retention: finished entries and their attachments go after N days, pending ones never; audited."""

from __future__ import annotations

from offline_cache import Accepted, NeedsStaff, NewAttachment, Store


def _entry(store: Store, n: int, shared: bytes = b"shared-scan" * 20) -> str:
    return store.outbox.enqueue(
        {"n": n},
        [
            NewAttachment(f"own-{n}".encode() * 20, "image/jpeg", "face"),
            NewAttachment(shared, "image/jpeg", "scan"),
        ],
        procedure_code="1.001",
    )


def _finish(store: Store, eid: str, result=None) -> None:
    d = store.outbox.claim_due()
    assert d is not None and d.entry_id == eid
    store.outbox.record_result(eid, result or Accepted("R"))


def test_purge_dry_run_then_real(store: Store, clock):
    old = _entry(store, 1)
    _finish(store, old)
    stuck = _entry(store, 2)
    _finish(store, stuck, NeedsStaff("auth"))
    clock.advance(40 * 86400)
    recent = _entry(store, 3)
    _finish(store, recent)
    pending = _entry(store, 4)

    dry = store.retention.purge(30, dry_run=True)
    assert dry.dry_run and dry.entries == (old,)
    assert dry.attachments == 1  # its own face image; the shared scan is still used
    assert len(store.outbox.list()) == 4
    audit_before = len(store.audit.entries())

    own_file = store.attachments.path_for(store.outbox.get(old).attachments[0].sha256)
    shared_sha = store.outbox.get(old).attachments[1].sha256
    report = store.retention.purge(30, actor="system")
    assert report.entries == (old,) and not report.dry_run
    assert {e.id for e in store.outbox.list()} == {stuck, recent, pending}
    assert not own_file.exists()
    assert store.attachments.read(shared_sha)  # still needed by the others
    entries = store.audit.entries()
    assert len(entries) == audit_before + 1 and entries[-1].action == "retention.purge"
    assert entries[-1].details["entries"] == 1
    assert store.audit.verify().ok


def test_abandoned_drafts_are_wiped_after_grace(store: Store, clock):
    store.drafts.save_step("old", "id", {"a": 1})
    clock.advance(25 * 3600)
    store.drafts.save_step("new", "id", {"a": 2})
    assert [d.session_id for d in store.drafts.list_resumable(grace_hours=24)] == ["new"]
    report = store.retention.purge(30, draft_grace_hours=24)
    assert report.drafts == 1
    assert store.drafts.load("old") is None and store.drafts.load("new") is not None


def test_nothing_to_purge_writes_no_audit_entry(store: Store):
    store.retention.purge(30)
    assert store.audit.entries() == []
