"""Sync engine against an injected sender: backoff with full jitter, Retry-After, crash resume."""

from __future__ import annotations

import random
import threading

import pytest

from offline_cache import Accepted, NewAttachment, OutboxState, Rejected, RetryLater, Store, SyncEngine


def _enqueue(store: Store, n: int) -> str:
    return store.outbox.enqueue(
        {"n": n}, [NewAttachment(bytes([n % 256]) * 300, "image/jpeg", "scan")], procedure_code="1.001"
    )


class KeyedCentral:
    """Stores by idempotency key like a correct central; scripted failures first."""

    def __init__(self, failures: list[RetryLater | Exception] | None = None):
        self.failures = list(failures or [])
        self.by_key: dict[str, dict] = {}
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, d):
        with self.lock:
            self.calls.append(d.idempotency_key)
            if self.failures:
                f = self.failures.pop(0)
                if isinstance(f, Exception):
                    raise f
                return f
            blobs = [d.read_attachment(a) for a in d.attachments]
            self.by_key.setdefault(d.idempotency_key, {"n": d.submission["n"], "blobs": blobs})
            return Accepted(request_id=f"REQ-{d.submission['n']}")


def test_drains_the_queue_in_order(store: Store):
    ids = [_enqueue(store, i) for i in range(5)]
    central = KeyedCentral()
    engine = SyncEngine(store, central)
    assert engine.run_once() == 5
    assert [e.state for e in store.outbox.list()] == [OutboxState.ACCEPTED] * 5
    assert [store.outbox.get(i).request_id for i in ids] == [f"REQ-{i}" for i in range(5)]
    assert engine.status().queue.pending == 0


def test_transient_failure_pauses_the_queue_with_full_jitter(store: Store, clock):
    _enqueue(store, 1)
    _enqueue(store, 2)
    central = KeyedCentral([RetryLater("timeout"), RetryLater("http 503")])
    engine = SyncEngine(store, central, base_delay_s=2, max_delay_s=60, rng=random.Random(7))
    assert engine.run_once() == 0
    assert len(central.calls) == 1  # stopped at the first failure: no hammering a dead link
    st = engine.status()
    assert st.paused_until is not None
    first_pause = st.paused_until.timestamp() - clock()
    assert 0 <= first_pause <= 2
    clock.advance(first_pause + 0.001)
    assert engine.run_once() == 0
    second_pause = engine.status().paused_until.timestamp() - clock()  # type: ignore[union-attr]
    assert 0 <= second_pause <= 4
    clock.advance(second_pause + 0.001)
    assert engine.run_once() == 2
    assert central.calls[0] == central.calls[1] == central.calls[2]  # same key each time
    assert len(central.by_key) == 2


def test_backoff_ceiling_grows_and_is_capped():
    engine = SyncEngine.__new__(SyncEngine)
    engine.base_delay_s, engine.max_delay_s, engine._rng = 1.0, 30.0, random.Random(1)
    for failures, ceiling in [(1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (40, 30)]:
        samples = [engine.backoff(failures) for _ in range(300)]
        assert max(samples) <= ceiling and min(samples) >= 0
        assert max(samples) > ceiling * 0.8  # full jitter spreads over the whole range


def test_retry_after_is_a_floor(store: Store, clock):
    _enqueue(store, 1)
    engine = SyncEngine(store, KeyedCentral([RetryLater("http 429", retry_after_s=120)]), base_delay_s=1)
    engine.run_once()
    assert engine.status().paused_until.timestamp() - clock() >= 120  # type: ignore[union-attr]
    clock.advance(60)
    assert engine.run_once() == 0  # still honouring the central's wish
    clock.advance(61)
    assert engine.run_once() == 1


def test_sender_bug_does_not_lose_the_dossier(store: Store, clock):
    eid = _enqueue(store, 1)
    engine = SyncEngine(store, KeyedCentral([KeyError("boom")]), base_delay_s=0.001)
    engine.run_once()
    entry = store.outbox.get(eid)
    assert entry.state is OutboxState.QUEUED and "KeyError" in (entry.last_error or "")
    clock.advance(1)
    assert engine.run_once() == 1


def test_rejection_is_final_and_not_retried(store: Store):
    eid = _enqueue(store, 1)
    calls = []

    def sender(d):
        calls.append(d.entry_id)
        return Rejected(("Thiếu bản sao CCCD",))

    engine = SyncEngine(store, sender)
    engine.run_once()
    engine.run_once()
    assert calls == [eid]
    assert store.outbox.get(eid).reasons == ("Thiếu bản sao CCCD",)


def test_background_thread_sends_new_entries_and_stops(store: Store):
    central = KeyedCentral()
    sent = threading.Event()
    engine = SyncEngine(store, central, interval_s=30, on_change=lambda _id: sent.set())
    engine.start()
    try:
        _enqueue(store, 1)
        engine.wake()
        assert sent.wait(10)
        assert engine.status().running
    finally:
        assert engine.stop(10)
    assert not engine.running
    assert store.outbox.list()[0].state is OutboxState.ACCEPTED


def test_entry_left_sending_by_a_crash_is_resent_with_the_same_key(isolated_kiosk_env, clock):
    store = Store.open(isolated_kiosk_env, clock=clock)
    eid = _enqueue(store, 1)
    d = store.outbox.claim_due()  # "sending" committed, then the process dies
    assert d is not None
    key = d.idempotency_key
    store.close()
    store = Store.open(isolated_kiosk_env, clock=clock)
    try:
        central = KeyedCentral()
        engine = SyncEngine(store, central)
        assert engine.recover() == 1
        assert engine.run_once() == 1
        assert central.calls == [key]
        assert store.outbox.get(eid).attempts == 2
    finally:
        store.close()


@pytest.mark.parametrize("answer", [Accepted(token="T-1")])
def test_token_is_resolved_later(store: Store, clock, answer):
    eid = _enqueue(store, 1)
    resolved = {"T-1": None}
    engine = SyncEngine(store, lambda d: answer, resolver=lambda t: resolved[t], resolve_interval_s=10)
    engine.run_once()
    assert store.outbox.get(eid).id_pending
    resolved["T-1"] = "REQ-77"
    clock.advance(11)
    engine.run_once()
    assert store.outbox.get(eid).request_id == "REQ-77"


def _wait_for(predicate, timeout: float = 10.0) -> bool:
    """Poll a condition (the engine has no event for it) with a deadline; no fixed sleeps."""
    import time

    tick = threading.Event()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        tick.wait(0.01)
    return False


def test_housekeeping_runs_on_the_worker_and_store_errors_are_reported(store: Store):
    from offline_cache import DiskFullError

    space_back = threading.Event()
    runs: list[bool] = []

    def housekeeping():
        runs.append(space_back.is_set())
        if not space_back.is_set():
            raise DiskFullError("test: retention could not write")

    engine = SyncEngine(
        store,
        KeyedCentral(),
        interval_s=0.01,
        base_delay_s=0.01,
        max_delay_s=0.02,
        housekeeping=housekeeping,
        housekeeping_interval_s=0,
    )
    engine.start()
    try:
        assert _wait_for(lambda: engine.status().store_error == "offline.disk_full")
        assert engine.running  # the worker survives a storage failure
        space_back.set()
        assert _wait_for(lambda: engine.status().store_error is None)
        assert runs[0] is False and runs[-1] is True
    finally:
        assert engine.stop(10)


def test_audit_sink_for_provisioning(store: Store):
    sink = store.audit.sink("provisioning")
    sink("config.applied", {"version": 3})
    entry = store.audit.entries()[-1]
    assert (entry.actor, entry.action, entry.details) == ("provisioning", "config.applied", {"version": 3})


def test_concurrent_sends_overlap_and_each_entry_goes_once(store: Store):
    ids = [_enqueue(store, i) for i in range(12)]
    gate = threading.Barrier(3, timeout=10)  # the first three calls must be in flight together
    central = KeyedCentral()
    first = []

    def sender(d):
        with central.lock:
            first.append(d.entry_id)
            n = len(first)
        if n <= 3:
            gate.wait()
        return central(d)

    engine = SyncEngine(store, sender, concurrency=3)
    assert engine.run_once() == 12
    assert len(central.by_key) == 12 and len(central.calls) == 12
    assert {e.id for e in store.outbox.list() if e.state is OutboxState.ACCEPTED} == set(ids)


def test_a_failure_among_concurrent_sends_pauses_new_claims(store: Store, clock):
    for i in range(10):
        _enqueue(store, i)
    central = KeyedCentral([RetryLater("http 503", retry_after_s=30)])
    engine = SyncEngine(store, central, concurrency=3)
    engine.run_once()
    # The failure stopped new claims: at most the window that was in flight got through.
    assert 1 <= len(central.calls) <= 3
    assert engine.status().paused_until is not None
    assert store.outbox.status().counts["sending"] == 0
    clock.advance(31)
    engine.run_once()
    assert len(central.by_key) == 10


def test_concurrency_must_be_positive(store: Store):
    with pytest.raises(ValueError):
        SyncEngine(store, KeyedCentral(), concurrency=0)


def test_staff_retry_while_in_flight_is_not_an_error(store: Store):
    eid = _enqueue(store, 1)
    central = KeyedCentral()
    pressed = []

    def sender(d):
        if not pressed:  # staff presses retry once, while the first send is in flight
            pressed.append(d.entry_id)
            store.outbox.retry(d.entry_id, actor="staff:1")
        return central(d)

    engine = SyncEngine(store, sender)
    # The first answer is superseded (not an error); the re-queued entry goes again at once.
    assert engine.run_once() == 1
    assert store.outbox.get(eid).state is OutboxState.ACCEPTED
    assert len(central.by_key) == 1 and len(central.calls) == 2  # same key twice, stored once
