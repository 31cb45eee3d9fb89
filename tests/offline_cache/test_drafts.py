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


JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
JPEG2 = b"\xff\xd8\xff\xe1" + bytes(range(255, -1, -1)) * 40
CARD = "001089012345"


def test_pages_are_kept_encrypted_as_they_are_taken_and_come_back(store: Store):
    store.drafts.save_step("s", "documents", {"v": 1})
    a = store.drafts.add_page("s", JPEG)
    b = store.drafts.add_page("s", JPEG2)
    assert store.drafts.pages("s") == {a: JPEG, b: JPEG2}
    # On disk only ciphertext: the clear bytes appear in no file of the store.
    for f in store.root.rglob("*"):
        if f.is_file():
            assert JPEG[:400] not in f.read_bytes()


def test_a_page_needs_its_draft(store: Store):
    import pytest

    from offline_cache.errors import NotFoundError

    with pytest.raises(NotFoundError):
        store.drafts.add_page("nobody", JPEG)


def test_the_same_card_finds_its_draft_and_no_other(store: Store, clock):
    tag = store.drafts.card_tag(CARD)
    assert tag == store.drafts.card_tag(f" {CARD.lower()} ") and CARD not in tag
    assert tag != store.drafts.card_tag("001089012346")
    store.drafts.save_step("s", "identify", {"v": 1}, card_tag=tag)
    store.drafts.save_step("s", "form", {"v": 2})  # a later step keeps the binding
    found = store.drafts.find_for_card(tag, grace_hours=2)
    assert found is not None and found.session_id == "s" and found.step == "form"
    assert store.drafts.find_for_card(store.drafts.card_tag("001089012346")) is None
    clock.advance(3 * 3600)
    assert store.drafts.find_for_card(tag, grace_hours=2) is None  # past the grace period


def _files(store: Store) -> set[str]:
    return {f.name for f in (store.root / "attachments").rglob("*") if f.is_file()}


def test_wiping_a_draft_removes_its_pages_rows_and_files(store: Store, clock):
    store.drafts.save_step("s", "documents", {})
    a = store.drafts.add_page("s", JPEG)
    store.drafts.save_step("t", "documents", {})
    shared = store.drafts.add_page("t", JPEG)  # the same paper in another draft: kept for it
    assert shared == a
    b = store.drafts.add_page("s", JPEG2)
    assert {a, b} <= _files(store)
    store.drafts.wipe("s")
    assert _files(store) == {a} and store.drafts.pages("t") == {a: JPEG}
    clock.advance(3 * 3600)
    assert store.drafts.wipe_abandoned(2) == 1
    assert _files(store) == set() and not store.attachments.exists(a)


def test_a_retaken_page_is_dropped(store: Store):
    store.drafts.save_step("s", "documents", {})
    a = store.drafts.add_page("s", JPEG)
    store.drafts.drop_page("s", a)
    assert store.drafts.pages("s") == {} and _files(store) == set()


def test_enqueueing_the_dossier_takes_the_draft_and_keeps_the_pages_it_sends(store: Store):
    from offline_cache.records import NewAttachment

    store.drafts.save_step("s", "review", {})
    sent = store.drafts.add_page("s", JPEG)
    retaken = store.drafts.add_page("s", JPEG2)  # photographed, then replaced: not sent
    store.outbox.enqueue(
        {"service_code": "1.001"},
        [NewAttachment(JPEG, "image/jpeg", "birth_notice")],
        procedure_code="1.001",
        draft_session_id="s",
    )
    assert store.drafts.load("s") is None
    assert _files(store) == {sent} and retaken not in _files(store)
