"""The one way the UI runs work off the GUI thread and comes back to it.

- :func:`run_in_background` ``(owner, fn, done)``: ``fn()`` runs on a worker thread (it may wait
  on the network or a device); ``done(result, error)`` runs later on the GUI thread, and not at
  all if ``owner`` was deleted meanwhile (the session ended and its screens were thrown away).
- :class:`BackgroundCall`: the same, one call at a time, with ``succeeded``/``failed`` signals
  and :meth:`~BackgroundCall.wait` (staff sign-in, technician checks).
- :class:`StoreQueue`: writes to the encrypted, fsynced offline store, one after another in the
  order they were asked for, on one thread of their own, so the GUI never waits on a disk;
  :meth:`~StoreQueue.close` finishes what is queued (nothing the citizen entered is dropped).

Every thread started here is tracked: :func:`wait_idle` joins them (shutdown, tests), so none
outlives the window that asked for it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.logs import get_logger

log = get_logger(__name__)

Done = Callable[[Any, BaseException | None], None]

_live: set[threading.Thread] = set()
_live_lock = threading.Lock()


def _start(target: Callable[[], None], name: str) -> threading.Thread:
    def run() -> None:
        try:
            target()
        finally:
            with _live_lock:
                _live.discard(threading.current_thread())

    t = threading.Thread(target=run, name=name, daemon=True)
    with _live_lock:
        _live.add(t)
    t.start()
    return t


def wait_idle(timeout: float = 10.0) -> bool:
    """Join every worker this module started (True if all ended within ``timeout``)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        with _live_lock:
            threads = list(_live)
        if not threads:
            return True
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if time.monotonic() >= deadline:
            with _live_lock:
                return not _live


class _Relay(QObject):
    """Carries a worker's result to the GUI thread (a QObject slot: the call is queued)."""

    finished = Signal(object, object)

    def __init__(self, done: Done, parent: QObject) -> None:
        super().__init__(parent)
        self._done = done
        self.finished.connect(self._deliver)

    def _deliver(self, result: Any, error: Any) -> None:
        self.deleteLater()
        self._done(result, error)


def _emit(relay: _Relay | None, result: Any, error: BaseException | None) -> None:
    if relay is None:
        return
    try:
        relay.finished.emit(result, error)
    except RuntimeError:
        pass  # the owner is gone: nobody is waiting for this answer any more


def run_in_background(
    owner: QObject, fn: Callable[[], Any], done: Done | None = None, name: str = "ui-worker"
) -> None:
    relay = _Relay(done, owner) if done is not None else None

    def work() -> None:
        try:
            result, error = fn(), None
        except Exception as e:  # noqa: BLE001 - handed to ``done``, which says what to do next
            result, error = None, e
            if relay is None:
                log.error("background_call_failed", name=name, error_type=type(e).__name__)
        _emit(relay, result, error)

    _start(work, name)


class BackgroundCall(QObject):
    """One blocking call at a time off the GUI thread; the result comes back as a queued signal."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, fn: Callable[[], Any], name: str = "ui-call") -> bool:
        if self.busy:
            return False

        def run() -> None:
            try:
                result = fn()
            except BaseException as e:  # noqa: BLE001 - handed to the GUI thread, which decides
                self._emit(self.failed, e)
            else:
                self._emit(self.succeeded, result)

        self._thread = _start(run, name)
        return True

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the widget that asked is gone

    def wait(self, timeout: float = 15.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


class StoreQueue(QObject):
    """Offline-store writes in order, on one thread, never on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.Queue[tuple[Callable[[], Any], _Relay | None, str] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False

    def put(
        self,
        fn: Callable[[], Any],
        *,
        owner: QObject | None = None,
        done: Done | None = None,
        what: str = "store_write",
    ) -> bool:
        """Queue ``fn``; False once closed (the kiosk is stopping: nothing new is started)."""
        if self._closed:
            return False
        relay = _Relay(done, owner) if done is not None and owner is not None else None
        self._jobs.put((fn, relay, what))
        if self._thread is None:
            self._thread = _start(self._drain, "store-writer")
        return True

    def _drain(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, relay, what = job
            try:
                result, error = fn(), None
            except Exception as e:  # noqa: BLE001 - a write that failed is logged; the kiosk goes on
                result, error = None, e
                log.error("store_write_failed", what=what, error_type=type(e).__name__)
            _emit(relay, result, error)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written (tests, staff actions that read after)."""
        done = threading.Event()
        if not self.put(done.set, what="flush"):
            return True
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Finish what is queued, then stop the thread."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout)
