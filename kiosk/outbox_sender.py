"""The bridge between the offline outbox and the central: one outbox entry → one ``POST requests``.

``offline_cache`` cannot import ``kiosk``; its sync engine takes a sender callable. This
module is that callable for the product: it rebuilds the :class:`Submission` stored in the
entry, sends it through :class:`kiosk.central.client.CentralClient` (which puts the
submission's ``Idempotency-Key`` on the POST, stable across retries and restarts), and maps
the answer or the domain exception to the engine's :data:`offline_cache.SendResult`:

=================================  ============================================================
central answer                     outbox result
=================================  ============================================================
request ID / token                 ``Accepted`` (a token is "ID pending", resolved later)
``CentralRejected`` (4xx reasons)  ``Rejected`` with the central's words, for staff
``IdempotencyConflict`` (409)      ``NeedsStaff``: same key, different dossier
``ExtensionUnavailable``           ``NeedsStaff``: this central cannot take attachments
``CentralOffline`` / 5xx / 429     ``RetryLater`` (queue pauses with backoff; Retry-After honoured)
``CentralAuthError`` (401/403)     ``RetryLater`` with a long pause: a technician fixes the
                                   credentials and the queue resumes by itself, no entry is
                                   parked one by one
stored dossier unreadable          ``NeedsStaff``
=================================  ============================================================

Also :func:`enqueue_submission`, the one way the kiosk should put a dossier in the outbox,
so the outbox's entry ID is the tracking code and its idempotency key is the submission's.
Errors carry only technical facts (codes, statuses, paths), never the citizen's data.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kiosk.central.client import CentralClient
from kiosk.central.errors import (
    CentralAuthError,
    CentralError,
    CentralOffline,
    CentralRejected,
    CentralServerError,
    ExtensionUnavailable,
    IdempotencyConflict,
)
from kiosk.config import OfflineSection
from kiosk.logs import get_logger
from kiosk.submission import Submission
from offline_cache import (
    Accepted,
    NeedsStaff,
    NewAttachment,
    OfflineCacheError,
    OutgoingDossier,
    Rejected,
    RetryLater,
    SendResult,
    Store,
    SyncEngine,
)
from offline_cache.records import MONITORING

log = get_logger(__name__)

AUTH_PAUSE_S = 300.0  # credentials rarely fix themselves within seconds; don't hammer
_MAX_ERROR = 300


def enqueue_submission(
    store: Store,
    submission: Submission,
    attachments: Mapping[str, bytes],
    *,
    draft_session_id: str | None = None,
) -> str:
    """Queue ``submission`` durably; ``attachments`` maps each listed SHA-256 to its bytes.

    Returns the entry ID (the tracking code). When this returns the dossier survives a
    crash or power cut and will reach the central once: tell the citizen it is saved.
    """
    items = []
    for a in submission.attachments:
        data = attachments.get(a.sha256)
        if data is None:
            raise ValueError(f"attachment {a.sha256[:12]}… is listed but its bytes were not given")
        items.append(NewAttachment(data, a.mime, a.document_code or "attachment"))
    return store.outbox.enqueue(
        submission.to_dict(),
        items,
        procedure_code=submission.procedure_code,
        entry_id=submission.tracking_code,
        tracking_code=submission.tracking_code,
        idempotency_key=submission.idempotency_key,
        draft_session_id=draft_session_id,
    )


def build_sync_engine(
    store: Store,
    client_factory: Callable[[], CentralClient] | CentralClient,
    offline: OfflineSection,
    *,
    on_change: Callable[[str], None] | None = None,
) -> tuple[SyncEngine, OutboxSender]:
    """The kiosk's sync worker, wired from ``[offline]``: the outbox sender (one client per
    concurrent send, from ``client_factory``), token resolution, and the hourly retention
    purge (on the worker thread: one writer). Call ``engine.start()`` once the UI is up,
    ``engine.wake()`` after each enqueue, ``engine.status()`` for the queue indicator and
    the staff screen; at shutdown ``engine.stop()`` then ``sender.close()``. Given a single
    client instead of a factory, sends go one at a time (a client serves one thread)."""
    sender = OutboxSender(client_factory)
    single = isinstance(client_factory, CentralClient)
    engine = SyncEngine(
        store,
        sender,
        concurrency=1 if single else offline.sync_concurrency,
        interval_s=offline.sync_interval_s,
        resolver=sender.resolve_token,
        on_change=on_change,
        housekeeping=lambda: store.retention.purge(
            offline.retention_days, draft_grace_hours=offline.draft_grace_hours
        ),
    )
    return engine, sender


def _why(e: BaseException) -> str:
    code = getattr(e, "code", type(e).__name__)
    detail = getattr(e, "detail", "") or ""
    text = f"{code}: {detail}" if detail else str(code)
    return text[:_MAX_ERROR]


class OutboxSender:
    """``SyncEngine(store, OutboxSender(client), resolver=sender.resolve_token)``.

    Give it one client for a sequential engine, or a client *factory* for an engine with
    ``concurrency > 1``: the client is not thread-safe, so each call borrows a client of
    its own from a small pool (created on demand, kept for reuse: connections stay warm).
    """

    def __init__(self, client: CentralClient | Callable[[], CentralClient]):
        self._factory: Callable[[], CentralClient] | None = None
        self._idle: list[CentralClient] = []
        if isinstance(client, CentralClient):
            self._idle.append(client)
        else:
            self._factory = client
        self._all = list(self._idle)
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def _client(self) -> Iterator[CentralClient]:
        with self._lock:
            client = self._idle.pop() if self._idle else None
            if client is None:
                if self._factory is None:
                    raise RuntimeError(
                        "one CentralClient cannot serve two threads: give OutboxSender a factory"
                    )
                client = self._factory()
                self._all.append(client)
        try:
            yield client
        finally:
            with self._lock:
                self._idle.append(client)

    def close(self) -> None:
        """Close the clients this sender created or was given."""
        with self._lock:
            for client in self._all:
                client.close()
            self._all.clear()
            self._idle.clear()

    def __call__(self, dossier: OutgoingDossier) -> SendResult:
        if dossier.kind == MONITORING:
            return self._send_events(dossier)
        try:
            submission = Submission.from_dict(dossier.submission)
        except (KeyError, TypeError, ValueError) as e:
            return NeedsStaff(f"stored dossier is not a valid submission ({type(e).__name__})")
        refs = {ref.sha256: ref for ref in dossier.attachments}

        def read(sha256: str) -> bytes:
            ref = refs.get(sha256)
            if ref is None:
                raise _MissingAttachment(sha256)
            return dossier.read_attachment(ref)

        try:
            with self._client() as client:
                result = client.submit(submission, read_attachment=read)
        except _MissingAttachment as e:
            return NeedsStaff(f"attachment {e.sha256[:12]}… is listed but not stored with the entry")
        except OfflineCacheError as e:
            return NeedsStaff(f"stored attachment unreadable: {e.code}")
        except IdempotencyConflict as e:
            return NeedsStaff(_why(e))
        except CentralRejected as e:
            reasons = tuple(r.description for r in e.reasons) or (e.detail or e.code,)
            return Rejected(reasons)
        except ExtensionUnavailable as e:
            return NeedsStaff(_why(e))
        except CentralError as e:
            return _retry_later(e)
        log.info(
            "outbox_sent",
            entry=dossier.entry_id,
            attempt=dossier.attempt,
            pending=result.pending,
            replayed=result.replayed,
        )
        return Accepted(request_id=result.service_request_id, token=result.token)

    def _send_events(self, entry: OutgoingDossier) -> SendResult:
        """A batch of anonymous monitoring events (kiosk/monitoring): same key on every attempt."""
        try:
            with self._client() as client:
                accepted = client.post_monitoring_events(entry.submission, entry.idempotency_key)
        except (IdempotencyConflict, CentralRejected) as e:
            # The batch itself is refused (a schema this central does not know): final, and
            # purged with the rest by retention; anonymous figures give staff nothing to fix.
            log.warning("monitoring_refused", entry=entry.entry_id, error=_why(e))
            return Rejected((_why(e),))
        except CentralError as e:
            return _retry_later(e)
        log.info("monitoring_sent", entry=entry.entry_id, attempt=entry.attempt, events=accepted)
        return Accepted(request_id=None, token=None)

    def resolve_token(self, token: str) -> str | None:
        """For the engine's ``resolver``: the request ID once the central has one."""
        with self._client() as client:
            return client.request_id_for_token(token)


def _retry_later(e: CentralError) -> RetryLater:
    """The central could not take it now: again later (after a longer pause when it refused
    the kiosk's credentials, at the pace it asked for when it was down or busy)."""
    if isinstance(e, CentralAuthError):
        return RetryLater(_why(e), retry_after_s=AUTH_PAUSE_S)
    if isinstance(e, CentralOffline | CentralServerError):
        return RetryLater(_why(e), retry_after_s=_retry_after(e))
    return RetryLater(_why(e))


class _MissingAttachment(Exception):
    def __init__(self, sha256: str):
        super().__init__(sha256)
        self.sha256 = sha256


def _retry_after(e: Any) -> float | None:
    """The central's Retry-After in seconds, if the client passed it on (429/503)."""
    value = getattr(e, "retry_after_s", None) or getattr(e, "retry_after", None)
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
