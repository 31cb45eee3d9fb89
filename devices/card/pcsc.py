"""PC/SC readers through pyscard's low-level ``smartcard.scard`` API.

* ``PcscTransport``: one card connection; maps PC/SC failures to CardError codes.
* ``PcscCardReader``: the ``CardReader`` of ``base.py``. Its own thread runs a status-change
  loop with a short timeout and a stop event (not pyscard's process-wide CardMonitor, whose
  waits block for up to 60 s); reads asked with ``request_read`` run on that same thread,
  the only one that touches its PC/SC context.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Sequence
from typing import Any

from cryptography import x509
from smartcard import scard as sc

from devices.card.base import (
    AccessKey,
    CardInserted,
    CardRead,
    CardRemoved,
    EventSink,
    MonitorFailed,
    ProgressSink,
    ReaderAdded,
    ReaderRemoved,
    ReadFailed,
    ReadFinished,
    ReadProgress,
)
from devices.card.emrtd import atr_supports_extended, read_document
from devices.card.errors import (
    CardError,
    CardTimeout,
    NoCard,
    NoReader,
    PcscUnavailable,
    ReaderGone,
)
from devices.card.errors import (
    CardRemoved as CardRemovedError,
)

log = logging.getLogger(__name__)

POLL_MS = 200
READ_DEADLINE_S = 20.0  # a whole read; vpcd and some readers never time out a silent card
_NO_SERVICE = {sc.SCARD_E_NO_SERVICE, sc.SCARD_E_SERVICE_STOPPED}
_REMOVED = {sc.SCARD_W_REMOVED_CARD, sc.SCARD_E_NO_SMARTCARD, sc.SCARD_W_RESET_CARD}
_READER_GONE = {sc.SCARD_E_READER_UNAVAILABLE, sc.SCARD_E_UNKNOWN_READER, sc.SCARD_E_INVALID_HANDLE}
CONTACTLESS_HINTS = ("contactless", "picc", " cl ", "nfc", "acr122", "acr1252", "omnikey 5", "virtual pcd")


def _err(rc: int) -> str:
    return f"{sc.SCardGetErrorMessage(rc)} (0x{rc & 0xFFFFFFFF:08X})"


def _map(rc: int, what: str) -> CardError:
    if rc in _NO_SERVICE:
        return PcscUnavailable(f"{what}: {_err(rc)}")
    if rc in _REMOVED:
        return CardRemovedError(f"{what}: {_err(rc)}")
    if rc in _READER_GONE:
        return ReaderGone(f"{what}: {_err(rc)}")
    if rc == sc.SCARD_E_TIMEOUT:
        return CardTimeout(f"{what}: {_err(rc)}")
    if rc == sc.SCARD_W_UNRESPONSIVE_CARD:
        return CardError(f"{what}: {_err(rc)}", code="card.unresponsive", way_on="reinsert")
    if rc == sc.SCARD_E_SHARING_VIOLATION:
        return CardError(f"{what}: {_err(rc)}", code="card.busy", way_on="wait")
    return CardError(f"{what}: {_err(rc)}", code="card.comm_error", way_on="reinsert")


def establish() -> Any:
    try:
        rc, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
    except Exception as e:  # noqa: BLE001 - libpcsclite missing or broken
        raise PcscUnavailable(f"PC/SC library: {e}") from None
    if rc != sc.SCARD_S_SUCCESS:
        raise _map(
            rc if rc not in (sc.SCARD_F_COMM_ERROR,) else sc.SCARD_E_NO_SERVICE, "SCardEstablishContext"
        )
    return ctx


def list_readers(ctx: Any) -> list[str]:
    rc, names = sc.SCardListReaders(ctx, [])
    if rc == sc.SCARD_E_NO_READERS_AVAILABLE:
        return []
    if rc != sc.SCARD_S_SUCCESS:
        raise _map(rc, "SCardListReaders")
    return list(names)


def pick_reader(names: Sequence[str], wanted: str) -> str | None:
    """``wanted``: "auto" (first contactless-looking reader, else the first) or a name substring."""
    if not names:
        return None
    if wanted and wanted not in ("auto", "pcsc"):
        for n in names:
            if wanted.lower() in n.lower():
                return n
        return None
    for n in names:
        if any(h in f" {n.lower()} " for h in CONTACTLESS_HINTS):
            return n
    return names[0]


def matching(names: Sequence[str], wanted: str) -> list[str]:
    if wanted and wanted not in ("auto", "pcsc"):
        return [n for n in names if wanted.lower() in n.lower()]
    return list(names)


class PcscTransport:
    """A connection to the card in ``reader``; ``close()`` it (or use ``with``)."""

    def __init__(self, ctx: Any, reader: str):
        self.ctx = ctx
        self.reader = reader
        rc, self.card, self.protocol = sc.SCardConnect(
            ctx, reader, sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1
        )
        if rc == sc.SCARD_E_NO_SMARTCARD or rc == sc.SCARD_W_REMOVED_CARD:
            raise NoCard(f"no card in the reader: {_err(rc)}")
        if rc != sc.SCARD_S_SUCCESS:
            raise _map(rc, "SCardConnect")
        rc, _name, _state, _proto, atr = sc.SCardStatus(self.card)
        self.atr = bytes(atr) if rc == sc.SCARD_S_SUCCESS else b""

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        rc, response = sc.SCardTransmit(self.card, self.protocol, list(apdu))
        if rc != sc.SCARD_S_SUCCESS or len(response) < 2:
            # A card that left the field mid-APDU first shows as a failed or empty exchange;
            # pcscd notices the removal a moment later: wait for that before naming the error.
            what = _err(rc) if rc != sc.SCARD_S_SUCCESS else "response without a status word"
            if rc in _REMOVED or self._gone():
                raise CardRemovedError(f"card gone during a command ({what})")
            if rc != sc.SCARD_S_SUCCESS:
                raise _map(rc, "SCardTransmit")
            raise CardError(what, code="card.comm_error", way_on="reinsert")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]

    def _gone(self, timeout_ms: int = 2000) -> bool:
        """True when the card is (or within ``timeout_ms`` becomes) absent from the reader."""
        rc, states = sc.SCardGetStatusChange(self.ctx, 0, [(self.reader, sc.SCARD_STATE_UNAWARE)])
        if rc != sc.SCARD_S_SUCCESS:
            return rc in _READER_GONE
        state = states[0][1] & ~sc.SCARD_STATE_CHANGED
        if not state & sc.SCARD_STATE_PRESENT:
            return True
        rc, states = sc.SCardGetStatusChange(self.ctx, timeout_ms, [(self.reader, state)])
        return rc == sc.SCARD_S_SUCCESS and not states[0][1] & sc.SCARD_STATE_PRESENT

    def close(self) -> None:
        sc.SCardDisconnect(self.card, sc.SCARD_RESET_CARD)

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _extended_for(mode: str, atr: bytes) -> bool:
    return mode == "on" or (mode == "auto" and atr_supports_extended(atr))


def read_once(
    ctx: Any,
    reader: str,
    keys: Sequence[AccessKey],
    csca_store: list[x509.Certificate],
    extended: str = "auto",
    progress: ProgressSink | None = None,
) -> CardRead:
    with PcscTransport(ctx, reader) as t:
        result = read_document(
            t, keys, csca_store=csca_store, extended=_extended_for(extended, t.atr), progress=progress
        )
    return result


class PcscCardReader:
    """The real card reader (see ``base.CardReader``)."""

    def __init__(
        self,
        wanted: str = "auto",
        csca_store: list[x509.Certificate] | None = None,
        extended: str = "auto",  # auto (from the ATR) | on | off
        poll_ms: int = POLL_MS,
        deadline_s: float = READ_DEADLINE_S,
    ):
        self.wanted = wanted
        self.deadline_s = deadline_s
        self.name = wanted
        self.csca_store = csca_store or []
        self.extended = extended
        self.poll_ms = poll_ms
        self._stop = threading.Event()
        self._jobs: queue.Queue[Sequence[AccessKey]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._ctx: Any = None
        self._ctx_lock = threading.Lock()
        self._present: dict[str, bool] = {}

    # -- blocking use (CLI, tests): no monitor thread ------------------------------------------

    def read(self, keys: Sequence[AccessKey], progress: ProgressSink | None = None) -> CardRead:
        if self._thread is not None:
            raise RuntimeError("read() while the monitor runs: use request_read()")
        ctx = establish()
        try:
            reader = pick_reader(list_readers(ctx), self.wanted)
            if reader is None:
                raise NoReader(f"no reader matches {self.wanted!r}")
            self.name = reader
        finally:
            sc.SCardReleaseContext(ctx)
        return self._read_with_deadline(reader, keys, progress)

    def _read_with_deadline(
        self, reader: str, keys: Sequence[AccessKey], progress: ProgressSink | None
    ) -> CardRead:
        """Read on a helper thread with its own PC/SC context; give up after ``deadline_s``.

        A blocked SCardTransmit cannot be interrupted: on timeout the helper (a daemon) is
        abandoned and its late result dropped. Progress events are relayed to the caller's
        thread, so the sink still hears everything from the reader's own thread.
        """
        box: dict[str, Any] = {}
        done = threading.Event()
        relay: queue.Queue[ReadProgress] = queue.Queue()

        def work() -> None:
            try:
                ctx = establish()
                try:
                    box["result"] = read_once(ctx, reader, keys, self.csca_store, self.extended, relay.put)
                finally:
                    sc.SCardReleaseContext(ctx)
            except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = e
            finally:
                done.set()

        threading.Thread(target=work, name="card-read", daemon=True).start()
        deadline = time.monotonic() + self.deadline_s
        while True:
            finished = done.wait(0.05)
            while progress is not None and not relay.empty():
                progress(relay.get_nowait())
            if finished:
                break
            if self._stop.is_set():
                raise CardTimeout("reader stopped during a read")
            if time.monotonic() >= deadline:
                log.warning("card_read_deadline seconds=%.1f", self.deadline_s)
                raise CardTimeout(f"the card did not answer within {self.deadline_s:.0f} s")
        if "error" in box:
            raise box["error"]
        return box["result"]

    # -- monitored use (the app) ---------------------------------------------------------------

    def start(self, sink: EventSink) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(sink,), name="card-reader", daemon=False)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._cancel_wait()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def request_read(self, keys: Sequence[AccessKey]) -> None:
        self._jobs.put(list(keys))
        self._cancel_wait()

    def _cancel_wait(self) -> None:
        with self._ctx_lock:
            if self._ctx is not None:
                sc.SCardCancel(self._ctx)

    def _assert_own_thread(self) -> None:
        assert threading.current_thread() is self._thread, "PC/SC used off the card-reader thread"

    def _run(self, sink: EventSink) -> None:
        while not self._stop.is_set():
            try:
                ctx = establish()
            except CardError as e:
                sink(MonitorFailed(e.code, e.detail))
                self._stop.wait(2.0)  # pcscd down: try again in a while, stoppably
                continue
            with self._ctx_lock:
                self._ctx = ctx
            try:
                self._loop(ctx, sink)
            except CardError as e:
                sink(MonitorFailed(e.code, e.detail))
                for reader in [r for r in self._present]:
                    sink(ReaderRemoved(reader))
                self._present.clear()
                self._stop.wait(1.0)
            finally:
                with self._ctx_lock:
                    self._ctx = None
                sc.SCardReleaseContext(ctx)

    def _loop(self, ctx: Any, sink: EventSink) -> None:
        self._assert_own_thread()
        states: dict[str, int] = {}
        while not self._stop.is_set():
            self._refresh_readers(ctx, states, sink)
            self._run_jobs(ctx, sink)
            if not states:
                self._stop.wait(self.poll_ms / 1000)
                continue
            rc, new = sc.SCardGetStatusChange(ctx, self.poll_ms, [(r, s) for r, s in states.items()])
            if rc in (sc.SCARD_E_TIMEOUT, sc.SCARD_E_CANCELLED):
                continue
            if rc in _READER_GONE:
                continue  # the reader list is refreshed at the top of the loop
            if rc != sc.SCARD_S_SUCCESS:
                raise _map(rc, "SCardGetStatusChange")
            for reader, event, atr in new:
                states[reader] = event & ~sc.SCARD_STATE_CHANGED
                present = bool(event & sc.SCARD_STATE_PRESENT) and not event & sc.SCARD_STATE_MUTE
                if present != self._present.get(reader, False):
                    self._present[reader] = present
                    sink(CardInserted(reader, bytes(atr).hex().upper()) if present else CardRemoved(reader))

    def _refresh_readers(self, ctx: Any, states: dict[str, int], sink: EventSink) -> None:
        names = set(matching(list_readers(ctx), self.wanted))
        for gone in set(states) - names:
            del states[gone]
            if self._present.pop(gone, False):
                sink(CardRemoved(gone))
            sink(ReaderRemoved(gone))
        for added in sorted(names - set(states)):
            states[added] = sc.SCARD_STATE_UNAWARE
            self._present[added] = False
            sink(ReaderAdded(added))

    def _run_jobs(self, ctx: Any, sink: EventSink) -> None:
        while True:
            try:
                keys = self._jobs.get_nowait()
            except queue.Empty:
                return
            reader = next((r for r, p in self._present.items() if p), None)
            try:
                if reader is None:
                    raise NoCard("no card present")
                result = self._read_with_deadline(reader, keys, sink)
            except CardError as e:
                sink(ReadFailed(e.code, e.way_on, e.detail))
            except Exception as e:  # noqa: BLE001 - the monitor thread must survive anything
                log.exception("card_read_crashed")
                sink(ReadFailed("card.card_error", "ask_staff", e.__class__.__name__))
            else:
                sink(ReadFinished(result))
