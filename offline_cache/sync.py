"""The sync engine: one background thread that drains the outbox through an injected sender.

The sender (``kiosk/outbox_sender.py`` in the product, a fake or the sandbox client in
tests) turns an :class:`OutgoingDossier` into one call on the central and answers with a
:class:`SendResult`. It must send the entry's idempotency key: this engine guarantees it
is the same on every attempt, across crashes, so "sent twice" can only mean "stored once".

Failures back off exponentially with full jitter (AWS architecture blog: "Exponential
Backoff And Jitter"): ``delay = uniform(0, min(max_delay, base * 2**n))``, with ``n`` the
number of consecutive failures, so a fleet of kiosks coming back online does not hammer the
central in lock-step. A failure pauses the whole queue, not just the entry, since the
network or the central is the usual cause; a ``Retry-After`` from the central is a floor
for that pause. An exception escaping the sender is treated as a transient failure
(logged without personal data) so a bug cannot lose a dossier; the entry shows the error.

Everything state-changing goes through the store, so a kill at any moment leaves a
consistent queue, and :meth:`SyncEngine.status` reads it for the UI and for staff.

One worker thread owns the queue and every write to the store; with ``concurrency > 1``
the network calls themselves run on a small pool, several in flight at once (Anki's
TaskManager split: one worker for the database, a pool for the network). That is safe
because each entry is leased while in flight and every send carries the entry's key; it
matters when a backlog drains after an outage, where round trips, not bytes, dominate.
With ``concurrency > 1`` the sender must be callable from several threads at once.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from offline_cache.errors import InvalidStateError, OfflineCacheError
from offline_cache.records import (
    KINDS,
    Accepted,
    NeedsStaff,
    OutgoingDossier,
    Rejected,
    RetryLater,
    Sender,
    SendResult,
    SyncStatus,
    TokenResolver,
    from_epoch,
)

if TYPE_CHECKING:
    from offline_cache.store import Store

log = logging.getLogger(__name__)


class SyncEngine:
    def __init__(
        self,
        store: Store,
        sender: Sender,
        *,
        interval_s: float = 5.0,
        base_delay_s: float = 1.0,
        max_delay_s: float = 900.0,
        resolver: TokenResolver | None = None,
        resolve_interval_s: float = 60.0,
        rng: random.Random | None = None,
        on_change: Callable[[str], None] | None = None,
        housekeeping: Callable[[], object] | None = None,
        housekeeping_interval_s: float = 3600.0,
        concurrency: int = 1,
    ):
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.concurrency = concurrency
        self._store = store
        self._sender = sender
        self.interval_s = interval_s
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self._resolver = resolver
        self._resolve_interval_s = resolve_interval_s
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrecy
        self._on_change = on_change
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state_lock = threading.Lock()
        self._failures = 0
        self._paused_until: float | None = None
        self._floor_until: float | None = None  # the central's Retry-After: success does not end it
        self._last_resolve = 0.0
        self._store_error: str | None = None
        self._housekeeping = housekeeping
        self._housekeeping_interval_s = housekeeping_interval_s
        self._last_housekeeping: float | None = None

    # --- control -----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self.recover()
        self._thread = threading.Thread(target=self._run, name="offline-sync", daemon=False)
        self._thread.start()

    def recover(self) -> int:
        """Release entries a crash left ``sending`` (same idempotency key); ``start`` calls it."""
        n = self._store.outbox.recover_interrupted()
        if n:
            log.info("sync_recovered_interrupted", extra={"entries": n})
        return n

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the worker to stop after the call in flight; True once it has."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def wake(self, *, force: bool = False) -> None:
        """Look at the queue now (a dossier was queued). ``force`` also ends a backoff pause
        (staff pressed retry, the network is known to be back)."""
        if force:
            with self._state_lock:
                self._paused_until = (
                    self._floor_until if (self._floor_until or 0) > self._store.now() else None
                )
        self._wake.set()

    @property
    def running(self) -> bool:
        return bool(self._thread and self._thread.is_alive())

    def status(self) -> SyncStatus:
        with self._state_lock:
            paused = self._paused_until
        now = self._store.now()
        return SyncStatus(
            running=self.running,
            paused_until=from_epoch(paused) if paused and paused > now else None,
            queue=self._store.outbox.status(),
            store_error=self._store_error,
        )

    # --- work --------------------------------------------------------------------------

    def backoff(self, failures: int) -> float:
        """Full jitter: uniform over [0, min(max, base·2^(failures-1))]."""
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** max(0, failures - 1)))
        return self._rng.uniform(0, ceiling)

    def run_once(self, max_entries: int | None = None) -> int:
        """Send every due entry now; returns how many got a final answer or went to staff.

        Up to ``concurrency`` sends are in flight at once (the sender is called from that
        many pool threads); claims and results stay on this thread, the store's one writer.
        A transient failure stops new claims (the queue pauses); sends already in flight
        finish and are recorded. Used by the worker thread, tests and the benchmark.
        """
        done = 0
        claimed = 0
        in_flight: dict[Future[SendResult], str] = {}
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="offline-send") as pool:
            try:
                while True:
                    while (
                        not self._stop.is_set()
                        and len(in_flight) < self.concurrency
                        and (max_entries is None or claimed < max_entries)
                        and not self._paused()
                    ):
                        dossier = self._store.outbox.claim_due(self._store.now())
                        if dossier is None:
                            break
                        claimed += 1
                        in_flight[pool.submit(self._send, dossier)] = dossier.entry_id
                        del dossier  # the pool thread holds the decrypted submission until sent
                    if not in_flight:
                        break
                    finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        done += self._apply(in_flight.pop(future), future.result())
            finally:
                # Even if recording failed (disk full), let the calls in flight finish and try
                # to record them; what cannot be recorded is resent later with the same key.
                for future, entry_id in list(in_flight.items()):
                    try:
                        self._apply(entry_id, future.result())
                    except OfflineCacheError:
                        log.warning("sync_result_not_recorded", extra={"entry": entry_id})
        self._resolve_tokens()
        return done

    def _paused(self) -> bool:
        with self._state_lock:
            return self._paused_until is not None and self._paused_until > self._store.now()

    def _send(self, dossier: OutgoingDossier) -> SendResult:
        try:
            return self._sender(dossier)
        except Exception as e:  # noqa: BLE001 - a sender bug must not lose the dossier
            log.warning("sync_sender_raised", extra={"entry": dossier.entry_id, "error": type(e).__name__})
            return RetryLater(f"sender failed: {type(e).__name__}")

    def _apply(self, entry_id: str, result: SendResult) -> int:
        """Record one answer (on the writer thread) and adjust the queue's pause."""
        now = self._store.now()
        if isinstance(result, RetryLater):
            with self._state_lock:
                self._failures += 1
                delay = self.backoff(self._failures)
                if result.retry_after_s is not None:
                    delay = max(delay, result.retry_after_s)
                    self._floor_until = max(self._floor_until or 0.0, now + result.retry_after_s)
                self._paused_until = max(self._paused_until or 0.0, now + delay)
                until = self._paused_until
            self._record(entry_id, result, until)
            return 0
        with self._state_lock:
            # The link works: end the backoff, but never cut short the central's Retry-After.
            self._failures = 0
            floor = self._floor_until
            self._paused_until = floor if floor is not None and floor > now else None
        if not self._record(entry_id, result, None):
            return 0
        return 1 if isinstance(result, Accepted | Rejected | NeedsStaff) else 0

    def _record(self, entry_id: str, result: SendResult, next_attempt_at: float | None) -> bool:
        try:
            self._store.outbox.record_result(entry_id, result, next_attempt_at=next_attempt_at)
        except InvalidStateError:
            # Staff re-queued the entry while it was in flight: it goes again with the same
            # key, and the central answers from its record. Nothing to store now.
            log.info("sync_result_superseded", extra={"entry": entry_id})
            return False
        self._notify(entry_id)
        return True

    def _notify(self, entry_id: str) -> None:
        if self._on_change is not None:
            try:
                self._on_change(entry_id)
            except Exception:  # noqa: BLE001 - a UI callback must not stop the queue
                log.exception("sync_on_change_failed")

    def _resolve_tokens(self) -> None:
        if self._resolver is None:
            return
        now = self._store.now()
        if now - self._last_resolve < self._resolve_interval_s:
            return
        self._last_resolve = now
        for entry_id, token in self._store.outbox.pending_tokens():
            try:
                request_id = self._resolver(token)
            except Exception as e:  # noqa: BLE001 - try again next round
                log.info("sync_token_resolve_failed", extra={"error": type(e).__name__})
                return
            if request_id:
                self._store.outbox.set_request_id(entry_id, request_id)
                self._notify(entry_id)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
                self._run_housekeeping()
                self._store_error = None
            except OfflineCacheError as e:
                # Disk full, database locked…: keep the thread alive and retry later;
                # status().store_error tells the UI and staff what is wrong.
                log.error("sync_store_error", extra={"code": e.code, "detail": e.detail})
                self._store_error = e.code
                with self._state_lock:
                    self._failures += 1
                    self._paused_until = self._store.now() + self.backoff(self._failures)
            self._wake.wait(self._next_wait())
            self._wake.clear()

    def _run_housekeeping(self) -> None:
        """Retention purge and the like, at most once per interval, on this same thread
        (one writer; never while a send is in flight)."""
        if self._housekeeping is None:
            return
        now = self._store.now()
        if (
            self._last_housekeeping is not None
            and now - self._last_housekeeping < self._housekeeping_interval_s
        ):
            return
        self._last_housekeeping = now
        self._housekeeping()

    def _next_wait(self) -> float:
        now = self._store.now()
        with self._state_lock:
            if self._paused_until is not None and self._paused_until > now:
                return max(self._paused_until - now, 0.01)
        wait = self.interval_s
        try:
            nxt = self._store.outbox.status(KINDS).next_attempt_at
        except OfflineCacheError:
            return wait
        if nxt is not None:
            wait = min(wait, max(0.0, nxt.timestamp() - now))
        return max(wait, 0.01)
