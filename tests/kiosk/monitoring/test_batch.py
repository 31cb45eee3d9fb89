"""Monitoring batches ride the outbox to the real sandbox central: once, through a network cut."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central.monitoring.models import MonEvent, MonSession
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.monitoring import enqueue_events, events_of_batch, make_event
from kiosk.outbox_sender import OutboxSender
from offline_cache import OutboxState, Store, SyncEngine
from offline_cache.records import MONITORING
from tests.peers.sandbox import sandbox  # noqa: F401 - fixture

KIOSK_ID = "mon-kiosk-1"


@pytest.fixture
def store(isolated_kiosk_env: Path) -> Iterator[Store]:
    s = Store.open(isolated_kiosk_env)
    yield s
    s.close()


def journey(session: str, n_screens: int = 3) -> list:
    day = date(2026, 11, 3).isoformat()
    events = [
        make_event(
            {
                "session": session,
                "seq": i,
                "kind": "screen",
                "day": day,
                "screen": "home",
                "duration_s": 5 * i,
            }
        )
        for i in range(n_screens)
    ]
    events.append(
        make_event(
            {
                "session": session,
                "seq": n_screens,
                "kind": "session",
                "day": day,
                "outcome": "finished",
                "duration_s": 60,
                "language": "vi",
                "text_size": 100,
                "speech": "off",
                "assisted": False,
            }
        )  # fmt: skip
    )
    return events


def drain(engine: SyncEngine, store: Store, timeout: float = 60.0) -> None:
    changed = threading.Event()
    engine._on_change = lambda _id: changed.set()
    engine.start()
    deadline = time.monotonic() + timeout
    try:
        while store.outbox.status(("monitoring",)).pending:
            assert time.monotonic() < deadline, store.outbox.status(("monitoring",))
            changed.wait(0.5)
            changed.clear()
    finally:
        assert engine.stop(30)


def client(handle, read_timeout: float = 10.0) -> CentralClient:  # type: ignore[no-untyped-def]
    return CentralClient(
        handle.url,
        auth=ApiKeyAuth(handle.api_key, KIOSK_ID),
        connect_timeout=2,
        read_timeout=read_timeout,
        retries=0,
    )


def central_counts(handle) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with handle.state.db() as s:
        return s.scalar(select(func.count(MonEvent.id))), s.scalar(
            select(func.count()).select_from(MonSession)
        )


def test_batches_are_outbox_entries_of_their_own_kind(store: Store):
    ids = enqueue_events(store, journey("a" * 32, 250))  # over BATCH_MAX: two entries
    assert len(ids) == 2
    assert store.outbox.list() == [] and store.outbox.status().pending == 0  # staff see dossiers only
    assert store.outbox.status(("monitoring",)).pending == 2
    claimed = store.outbox.claim_due()
    assert claimed is not None and claimed.kind == MONITORING
    assert [e.seq for e in events_of_batch(claimed.submission)] == list(range(200))


def test_events_reach_the_central_once_through_a_cut_connection(store: Store, sandbox):  # noqa: F811
    sessions = [f"{i:032x}" for i in range(1, 6)]
    for sid in sessions:
        enqueue_events(store, journey(sid))
    sandbox.faults.set(drop_after_commit=2)  # two batches committed, their answers lost
    with client(sandbox, read_timeout=3) as c:
        engine = SyncEngine(store, OutboxSender(c), base_delay_s=0.02, max_delay_s=0.3, interval_s=0.2)
        drain(engine, store)
    entries = store.outbox.list(kinds=("monitoring",))
    assert {e.state for e in entries} == {OutboxState.ACCEPTED}
    assert any(e.attempts > 1 for e in entries), "the cut connection should have forced a resend"
    assert central_counts(sandbox) == (5 * 4, 5)


def test_a_batch_resent_under_a_new_key_adds_nothing(sandbox):  # noqa: F811
    body = {"schema": 1, "events": [e.to_wire() for e in journey("b" * 32)]}
    with client(sandbox) as c:
        assert c.post_monitoring_events(body, "key-1") == 4
        assert c.post_monitoring_events(body, "key-2") == 4
    assert central_counts(sandbox) == (4, 1)


def test_the_central_refuses_what_the_kiosk_could_not_send(sandbox):  # noqa: F811
    import requests

    good = journey("c" * 32)[0].to_wire()
    for bad, field in (
        ({**good, "name": "Nguyễn Văn A"}, "name"),
        ({**good, "screen": "Nguyễn Văn A"}, "screen"),
        ({**good, "kind": "submitted", "procedure": "nguyen_van_a", "screen": None}, "procedure"),
        ({**good, "day": "2026-11-03T09:41"}, "day"),
    ):
        bad = {k: v for k, v in bad.items() if v is not None}
        r = requests.post(
            sandbox.url + "monitoring/v1/events.json",
            data=json.dumps({"schema": 1, "events": [bad]}),
            headers={
                "X-Api-Key": sandbox.api_key,
                "Idempotency-Key": field,
                "Content-Type": "application/json",
            },
            timeout=5,
        )
        assert r.status_code == 400 and field in r.json()[0]["description"], r.text
    r = requests.post(sandbox.url + "monitoring/v1/events.json", data="{}", timeout=5)
    assert r.status_code == 401
    assert central_counts(sandbox) == (0, 0)


def test_a_batch_the_central_refuses_is_final_not_parked_for_staff(store: Store, sandbox):  # noqa: F811
    store.outbox.enqueue({"schema": 99, "events": []}, procedure_code="monitoring", kind=MONITORING)
    with client(sandbox) as c:
        SyncEngine(store, OutboxSender(c)).run_once()
    [entry] = store.outbox.list(kinds=("monitoring",))
    assert entry.state is OutboxState.REJECTED and "400" in entry.reasons[0]
    assert central_counts(sandbox) == (0, 0)
