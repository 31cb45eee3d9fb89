"""The outbox sender against the real sandbox central on loopback, fault switches included.

Every test ends with the same question the issue asks: does the central hold each dossier
exactly once, with its attachments intact?
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.outbox_sender import OutboxSender, enqueue_submission
from offline_cache import OutboxState, Store, SyncEngine
from tests.offline_cache.helpers import KIOSK_ID, central_view, make_submission
from tests.peers.sandbox import sandbox  # noqa: F401 - fixture


@pytest.fixture
def store(isolated_kiosk_env: Path) -> Iterator[Store]:
    s = Store.open(isolated_kiosk_env)
    yield s
    s.close()


def _client(handle, read_timeout: float = 10.0, api_key: str | None = None) -> CentralClient:  # type: ignore[no-untyped-def]
    return CentralClient(
        handle.url,
        auth=ApiKeyAuth(api_key or handle.api_key, KIOSK_ID),
        connect_timeout=2,
        read_timeout=read_timeout,
        retries=0,  # the outbox owns retrying: make every failure visible to it
    )


def _enqueue(store: Store, n: int, seed: int = 1) -> dict[str, tuple[str, ...]]:
    expected = {}
    for i in range(n):
        sub, blobs = make_submission(seed, i)
        enqueue_submission(store, sub, blobs)
        expected[sub.tracking_code] = tuple(a.sha256 for a in sub.attachments)
    return expected


def _drain(engine: SyncEngine, store: Store, timeout: float = 60.0) -> None:
    """Run the engine's thread until nothing is pending (waiting on its change signal)."""
    changed = threading.Event()
    engine._on_change = lambda _id: changed.set()
    engine.start()
    deadline = time.monotonic() + timeout
    try:
        while store.outbox.status().pending:
            if time.monotonic() > deadline:
                raise AssertionError(f"queue not drained: {store.outbox.status()}")
            changed.wait(0.5)
            changed.clear()
    finally:
        assert engine.stop(30)


def _engine(store: Store, client: CentralClient, **kw) -> SyncEngine:
    sender = OutboxSender(client)
    return SyncEngine(
        store, sender, resolver=sender.resolve_token, base_delay_s=0.02, max_delay_s=0.3, interval_s=0.2, **kw
    )


def _exactly_once(handle, expected: dict[str, tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    view = central_view(handle)
    assert view.total_rows == len(view.dossiers), "a dossier was stored twice"
    assert view.dossiers == expected
    assert view.blobs_intact


def test_queue_reaches_the_central_once_with_request_ids(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 5)
    with _client(sandbox) as client:
        _drain(_engine(store, client), store)
    _exactly_once(sandbox, expected)
    entries = store.outbox.list()
    assert all(e.state is OutboxState.ACCEPTED and e.request_id for e in entries)
    assert store.outbox.get(entries[0].id).id == entries[0].tracking_code


def test_connection_dropped_after_commit_is_not_a_duplicate(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 4)
    # One drop: the sandbox's dropped answer takes ~10 s to fail on the client side.
    sandbox.faults.set(drop_after_commit=1)
    with _client(sandbox) as client:
        _drain(_engine(store, client), store)
    _exactly_once(sandbox, expected)
    first = store.outbox.list()[0]
    assert first.attempts == 2 and first.state is OutboxState.ACCEPTED  # committed, dropped, resent


def test_server_errors_are_retried_until_accepted(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 4)
    sandbox.faults.set(error_rate=0.4)  # 503 with Retry-After: 1, honoured each time
    with _client(sandbox) as client:
        _drain(_engine(store, client), store)
    _exactly_once(sandbox, expected)


def test_retry_after_from_the_central_pauses_the_queue(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 2)
    sandbox.faults.set(error_rate=1.0)  # every call: 503 with Retry-After: 1
    with _client(sandbox) as client:
        engine = _engine(store, client)
        before = time.time()
        engine.run_once()
        status = engine.status()
        assert status.paused_until is not None and status.paused_until.timestamp() >= before + 1.0
        assert engine.run_once() == 0  # nothing is tried while the central asked us to wait
        assert "server_error" in (status.queue.last_error or "")
        sandbox.faults.clear()
        _drain(engine, store)
    _exactly_once(sandbox, expected)


def test_timeouts_and_slow_answers(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 3)
    sandbox.faults.set(latency_ms=600)
    with _client(sandbox, read_timeout=0.3) as client:
        engine = _engine(store, client)
        engine.run_once()
        st = store.outbox.status()
        assert st.pending == 3 and "timed out" in (st.last_error or "")
        sandbox.faults.set(latency_ms=150)  # slow but within the timeout now
        _drain(engine, store)
    _exactly_once(sandbox, expected)


def test_token_answer_is_id_pending_then_resolved(store: Store, sandbox):  # noqa: F811
    expected = _enqueue(store, 1)
    sandbox.faults.set(answer_with_token=True, token_pending_reads=1)
    with _client(sandbox) as client:
        sender = OutboxSender(client)
        engine = SyncEngine(store, sender, resolver=sender.resolve_token, resolve_interval_s=0)
        engine.run_once()
        (entry,) = store.outbox.list()
        assert entry.state is OutboxState.ACCEPTED and entry.id_pending and entry.token
        for _ in range(3):
            engine.run_once()
            if not store.outbox.get(entry.id).id_pending:
                break
        assert store.outbox.get(entry.id).request_id
    _exactly_once(sandbox, expected)


def test_refused_dossier_is_rejected_with_the_centrals_reasons(store: Store, sandbox):  # noqa: F811
    sub, blobs = make_submission(2, 0)
    from dataclasses import replace

    bad = replace(sub, procedure_code="no_such_procedure")
    enqueue_submission(store, bad, blobs)
    with _client(sandbox) as client:
        assert _engine(store, client).run_once() == 1
    (entry,) = store.outbox.list()
    assert entry.state is OutboxState.REJECTED
    assert any("no_such_procedure" in r for r in entry.reasons)
    assert central_view(sandbox).total_rows == 0


def test_wrong_credentials_pause_the_queue_without_parking_entries(store: Store, sandbox):  # noqa: F811
    _enqueue(store, 3)
    with _client(sandbox, api_key="not-the-key") as client:
        engine = _engine(store, client)
        engine.run_once()
        status = engine.status()
    assert status.paused_until is not None and status.queue.pending == 3
    assert "central.auth" in (status.queue.last_error or "")
    assert all(e.state is OutboxState.QUEUED for e in store.outbox.list())


def test_concurrent_engine_with_a_client_per_send(store: Store, sandbox, isolated_kiosk_env: Path):  # noqa: F811
    from kiosk.config import OfflineSection
    from kiosk.outbox_sender import build_sync_engine

    expected = _enqueue(store, 9)
    sandbox.faults.set(error_rate=0.3)
    engine, sender = build_sync_engine(store, lambda: _client(sandbox), OfflineSection(sync_concurrency=3))
    engine.base_delay_s, engine.max_delay_s = 0.02, 0.2
    try:
        _drain(engine, store)
        created = len(sender._all)
    finally:
        sender.close()
    _exactly_once(sandbox, expected)
    assert 1 < created <= 3  # several clients were used, never more than the window


def test_missing_attachment_file_goes_to_staff(store: Store, sandbox):  # noqa: F811
    _enqueue(store, 1)
    (entry,) = store.outbox.list()
    store.attachments.path_for(entry.attachments[0].sha256).unlink()
    with _client(sandbox) as client:
        _engine(store, client).run_once()
    got = store.outbox.get(entry.id)
    assert got.state is OutboxState.NEEDS_STAFF and "offline.not_found" in (got.last_error or "")
    assert central_view(sandbox).total_rows == 0


def test_a_single_client_means_one_send_at_a_time(store: Store, sandbox):  # noqa: F811
    from kiosk.config import OfflineSection
    from kiosk.outbox_sender import build_sync_engine

    expected = _enqueue(store, 4)
    with _client(sandbox) as client:
        engine, _sender = build_sync_engine(store, client, OfflineSection(sync_concurrency=4))
        assert engine.concurrency == 1
        assert engine.run_once() == 4
    _exactly_once(sandbox, expected)
