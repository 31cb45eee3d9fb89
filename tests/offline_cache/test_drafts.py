"""Drafts: every step durable and encrypted; resumable list without personal data; wipe."""

from __future__ import annotations

from offline_cache import Store


def test_save_load_overwrite(store: Store, clock):
    store.drafts.save_step("s1", "identity", {"id": "001203004567"}, step_index=1, procedure_code="1.001")
    clock.advance(5)
    summary = store.drafts.save_step("s1", "address", {"id": "001203004567", "addr": "Hà Nội"}, step_index=2)
    assert summary.step == "address" and summary.step_index == 2
    draft = store.drafts.load("s1")
    assert draft is not None and draft.data["addr"] == "Hà Nội"
    assert (draft.updated_at - draft.created_at).total_seconds() == 5


def test_list_is_newest_first_and_has_no_data(store: Store, clock):
    store.drafts.save_step("a", "s", {"x": 1})
    clock.advance(1)
    store.drafts.save_step("b", "s", {"x": 2})
    listed = store.drafts.list_resumable()
    assert [d.session_id for d in listed] == ["b", "a"]
    assert not hasattr(listed[0], "data")


def test_wipe_and_wipe_abandoned(store: Store, clock):
    store.drafts.save_step("a", "s", {})
    assert store.drafts.wipe("a") and not store.drafts.wipe("a")
    store.drafts.save_step("b", "s", {})
    clock.advance(3 * 3600)
    assert store.drafts.wipe_abandoned(2) == 1
    assert store.audit.entries()[-1].action == "drafts.wipe_abandoned"
