"""The plain, frozen records the offline cache hands out: never ORM rows.

Times are timezone-aware UTC ``datetime``s. Records meant for lists (``OutboxEntry``,
``DraftSummary``, ``SyncStatus``) hold no personal data, so the staff screen and
``kiosk outbox list`` can show them as they are; personal fields only appear in
``Draft.data`` and ``OutgoingDossier.submission``, decrypted on request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

# What the package exports (offline_cache/__init__.py); from_epoch and the state tuples are internal.
__all__ = [
    "Accepted",
    "AttachmentRef",
    "AuditEntry",
    "AuditVerification",
    "CatalogSnapshot",
    "Draft",
    "DraftSummary",
    "NeedsStaff",
    "NewAttachment",
    "OutboxEntry",
    "OutboxState",
    "OutgoingDossier",
    "PurgeReport",
    "QueueStatus",
    "Rejected",
    "RetryLater",
    "SendResult",
    "Sender",
    "SyncStatus",
    "TokenResolver",
]

# The kinds of outbox entry (a citizen's dossier, or a batch of anonymous service figures).
DOSSIER = "dossier"
MONITORING = "monitoring"
KINDS = (DOSSIER, MONITORING)


def from_epoch(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NEEDS_STAFF = "needs-staff"


PENDING_STATES = (OutboxState.QUEUED, OutboxState.SENDING)
FINAL_STATES = (OutboxState.ACCEPTED, OutboxState.REJECTED)


@dataclass(frozen=True)
class NewAttachment:
    """An attachment to store with a submission (bytes in clear, encrypted on disk)."""

    data: bytes
    media_type: str = "application/octet-stream"
    role: str = "attachment"  # e.g. "id-front", "face", "scan"; never a person's name


@dataclass(frozen=True)
class AttachmentRef:
    """A stored attachment, addressed by the SHA-256 of its clear content."""

    sha256: str
    size: int
    media_type: str
    role: str = "attachment"


@dataclass(frozen=True)
class OutboxEntry:
    id: str
    idempotency_key: str
    procedure_code: str
    tracking_code: str | None
    state: OutboxState
    created_at: datetime
    updated_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    request_id: str | None
    token: str | None
    reasons: tuple[str, ...]
    attachments: tuple[AttachmentRef, ...]

    @property
    def id_pending(self) -> bool:
        """Accepted with a token only: the central will give the request ID later."""
        return self.state is OutboxState.ACCEPTED and self.request_id is None


@dataclass(frozen=True)
class OutgoingDossier:
    """What the sender gets: the decrypted submission and a way to read each attachment."""

    entry_id: str
    idempotency_key: str
    procedure_code: str
    tracking_code: str | None
    submission: Mapping[str, Any]
    attachments: tuple[AttachmentRef, ...]
    attempt: int
    # Reads one attachment's clear bytes (verified against its hash); lazily, so memory stays flat.
    read_attachment: Callable[[AttachmentRef], bytes] = field(repr=False, compare=False)
    # "dossier", or "monitoring": a batch of anonymous events (the sender picks the route by it).
    kind: str = "dossier"


# --- what a sender answers -------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """The central has the dossier: a request ID, or a token to exchange for one later."""

    request_id: str | None = None
    token: str | None = None


@dataclass(frozen=True)
class Rejected:
    """The central refused the dossier for reasons staff must see (never retried)."""

    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RetryLater:
    """Transient failure (network, timeout, 5xx, rate limit): retry with the same key."""

    error: str  # technical, no personal data: "timeout", "http 503", …
    retry_after_s: float | None = None  # the central's Retry-After, honoured as a floor


@dataclass(frozen=True)
class NeedsStaff:
    """Neither accepted nor refused, and retrying alone will not help (auth, conflict, bug)."""

    reason: str


SendResult = Accepted | Rejected | RetryLater | NeedsStaff
Sender = Callable[[OutgoingDossier], SendResult]
# Exchanges an "ID pending" token for the central's request ID (None: not yet).
TokenResolver = Callable[[str], str | None]


# --- drafts, audit, catalog, status ----------------------------------------------------


@dataclass(frozen=True)
class DraftSummary:
    session_id: str
    procedure_code: str | None
    step: str
    step_index: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Draft:
    session_id: str
    procedure_code: str | None
    step: str
    step_index: int
    data: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    details: Mapping[str, Any]
    hash: str


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    entries: int
    problem: str | None = None  # what is wrong, in words
    seq: int | None = None  # first entry found wrong


@dataclass(frozen=True)
class CatalogSnapshot:
    version: str | None
    etag: str | None
    fetched_at: datetime
    data: Any


@dataclass(frozen=True)
class QueueStatus:
    """The outbox as the UI and staff see it."""

    counts: Mapping[str, int]  # per state value
    pending: int  # queued + sending
    oldest_pending_age_s: float | None
    next_attempt_at: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class SyncStatus:
    running: bool
    paused_until: datetime | None  # backing off after a failure, or the central's Retry-After
    queue: QueueStatus
    store_error: str | None = None  # message code of a local storage failure ("offline.disk_full")


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    cutoff: datetime
    entries: tuple[str, ...]  # outbox IDs
    attachments: int
    attachment_bytes: int
    drafts: int
