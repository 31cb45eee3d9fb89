"""One session's events into the outbox, and back out of a claimed entry.

A batch is one outbox entry of kind ``monitoring``: it inherits the dossier path's
guarantees (durable when :func:`enqueue_events` returns, sent with the same idempotency key
after a network cut or a kill -9, stored once by the central). One session makes one
batch (chunks of ``BATCH_MAX`` if it is unusually long), so a queue of events costs a row
per citizen, not a row per tap.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kiosk.monitoring.schema import SCHEMA_VERSION, Event, make_event
from offline_cache.records import MONITORING

if TYPE_CHECKING:
    from offline_cache import Store

BATCH_MAX = 200
# Not a catalog code: the outbox's procedure column names what the entry is for staff.
PROCEDURE_LABEL = "monitoring"


def enqueue_events(store: Store, events: Sequence[Event]) -> list[str]:
    """Queue ``events`` durably (one entry per ``BATCH_MAX`` events); returns the entry IDs."""
    ids = []
    for start in range(0, len(events), BATCH_MAX):
        chunk = events[start : start + BATCH_MAX]
        body = {"schema": SCHEMA_VERSION, "events": [e.to_wire() for e in chunk]}
        key = str(uuid.uuid4())
        ids.append(
            store.outbox.enqueue(
                body,
                procedure_code=PROCEDURE_LABEL,
                entry_id="mon-" + key.replace("-", ""),
                idempotency_key=key,
                kind=MONITORING,
            )
        )
    return ids


def events_of_batch(payload: Mapping[str, Any]) -> list[Event]:
    """The events of a stored batch, validated again (a corrupted entry fails here, not at the central)."""
    if payload.get("schema") != SCHEMA_VERSION or not isinstance(payload.get("events"), list):
        raise ValueError("not a monitoring batch of a known schema")
    return [make_event(e) for e in payload["events"]]
