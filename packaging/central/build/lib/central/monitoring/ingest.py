"""``POST /monitoring/v1/events.json``: a kiosk's batch of anonymous journey events.

The body is checked twice: its shape by pydantic at the edge (unknown fields refused), then
every event by the kiosk's own allow-list (``kiosk.monitoring.schema.make_event``), so the
central cannot store a field or a value the kiosk could not have sent. A batch is one
transaction: stored whole or not at all.

Exactly once: the ``Idempotency-Key`` is remembered per kiosk (same key and body: the first
answer again; same key, other body: 409), and events are unique by (kiosk, session, seq),
so even a batch resent under a new key adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import insert, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.errors import Open311Problem
from central.models import IdempotencyRow
from central.monitoring.models import MonEvent, MonSession
from kiosk.logs import get_logger
from kiosk.messages import catalog as message_catalog
from kiosk.monitoring.schema import SCHEMA_VERSION, Event, EventError, make_event

log = get_logger(__name__)

SCOPE = "monitoring"
MAX_EVENTS = 1000


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    session: str = Field(min_length=32, max_length=32)
    seq: int
    kind: str = Field(max_length=16)
    day: str = Field(min_length=10, max_length=10)
    screen: str | None = Field(default=None, max_length=32)
    duration_s: int | None = None
    wait_s: int | None = None
    procedure: str | None = Field(default=None, max_length=40)
    outcome: str | None = Field(default=None, max_length=16)
    face: int | None = None
    reasons: list[str] | None = Field(default=None, max_length=5)
    code: str | None = Field(default=None, max_length=160)
    device: str | None = Field(default=None, max_length=16)
    language: str | None = Field(default=None, max_length=2)
    text_size: int | None = None
    speech: str | None = Field(default=None, max_length=4)
    assisted: bool | None = None


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    schema_: Literal[1] = Field(alias="schema")
    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS)


def parse_batch(raw: bytes, *, procedures: frozenset[str] | None = None) -> list[Event]:
    """The batch's events, or an Open311 400 naming the event and field at fault.

    ``procedures``: the catalog's codes (a procedure outside it is refused, so no text can
    ride in that field); message codes are checked against the domain's message catalog."""
    try:
        batch = BatchIn.model_validate_json(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Open311Problem(400, f"monitoring batch: {where}: {first['msg']}") from None
    out = []
    for i, ev in enumerate(batch.events):
        try:
            out.append(make_event(ev.model_dump(exclude_none=True), procedures=procedures, codes=_codes()))
        except EventError as e:
            raise Open311Problem(400, f"monitoring batch: events.{i}: {e.detail or e}") from None
    assert SCHEMA_VERSION == 1
    return out


@cache
def _codes() -> frozenset[str]:
    return frozenset(message_catalog())


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _new_events(s: Session, kiosk_id: str, events: list[Event]) -> list[Event]:
    """Drop events already stored (a batch resent under another key) and repeats within the batch."""
    keys = {(e.session, e.seq) for e in events}
    stored: set[tuple[str, int]] = set()
    sessions = sorted({e.session for e in events})
    for i in range(0, len(sessions), 200):
        rows = s.execute(
            select(MonEvent.session, MonEvent.seq).where(
                MonEvent.kiosk_id == kiosk_id, MonEvent.session.in_(sessions[i : i + 200])
            )
        )
        stored.update((a, b) for a, b in rows if (a, b) in keys)
    seen: set[tuple[str, int]] = set()
    fresh = []
    for e in events:
        k = (e.session, e.seq)
        if k not in stored and k not in seen:
            seen.add(k)
            fresh.append(e)
    return fresh


def _summaries(s: Session, kiosk_id: str, agency: str, events: Iterable[Event]) -> None:
    """Fold new events into their sessions' summary rows."""
    by_session: dict[str, list[Event]] = {}
    for e in events:
        by_session.setdefault(e.session, []).append(e)
    ids = list(by_session)
    existing: dict[str, MonSession] = {}
    for i in range(0, len(ids), 200):
        for found in s.scalars(
            select(MonSession).where(
                tuple_(MonSession.session, MonSession.kiosk_id).in_([(x, kiosk_id) for x in ids[i : i + 200]])
            )
        ):
            existing[found.session] = found
    for sid, evs in by_session.items():
        row = existing.get(sid)
        if row is None:
            row = MonSession(
                session=sid,
                kiosk_id=kiosk_id,
                agency=agency,
                day=date.fromisoformat(evs[0].day),
                back_steps=0,
                help_requests=0,
                errors=0,
                faults=0,
                assisted=False,
            )
            s.add(row)
        for e in evs:
            _fold(row, e)


def _fold(row: MonSession, e: Event) -> None:
    if e.kind == "back":
        row.back_steps += 1
    elif e.kind == "help":
        row.help_requests += 1
    elif e.kind == "error":
        row.errors += 1
    elif e.kind == "fault":
        row.faults += 1
    elif e.kind == "submitted":
        row.submit_s = e.duration_s
        row.procedure = row.procedure or e.procedure
    elif e.kind == "rating":
        row.face = e.face
        row.reasons = ",".join(e.reasons or ()) or None
        row.procedure = row.procedure or e.procedure
    elif e.kind == "session":
        row.outcome = e.outcome
        row.last_step = e.screen
        row.duration_s = e.duration_s
        row.procedure = e.procedure or row.procedure
        row.assisted = bool(e.assisted)
        row.language, row.text_size, row.speech = e.language, e.text_size, e.speech


def store_batch(
    s: Session, kiosk_id: str, agency: str, key: str, body_sha256: str, events: list[Event]
) -> tuple[int, dict[str, Any], bool]:
    """Store the batch once; returns (status, answer, replayed). Commits."""
    prior = s.scalar(
        select(IdempotencyRow).where(
            IdempotencyRow.kiosk_id == kiosk_id, IdempotencyRow.scope == SCOPE, IdempotencyRow.key == key
        )
    )
    if prior is not None:
        if prior.body_sha256 != body_sha256:
            raise Open311Problem(
                409, "Idempotency-Key was already used with a different batch; use a new key"
            )
        return prior.status, json.loads(prior.response_json), True
    fresh = _new_events(s, kiosk_id, events)
    if fresh:
        # One executemany (Core), not an ORM object per event.
        s.execute(
            insert(MonEvent),
            [
                {
                    "kiosk_id": kiosk_id,
                    "agency": agency,
                    "session": e.session,
                    "seq": e.seq,
                    "kind": e.kind,
                    "day": date.fromisoformat(e.day),
                    "screen": e.screen,
                    "duration_s": e.duration_s,
                    "wait_s": e.wait_s,
                    "procedure": e.procedure,
                    "outcome": e.outcome,
                    "face": e.face,
                    "reasons": ",".join(e.reasons) if e.reasons else None,
                    "code": e.code,
                    "device": e.device,
                    "language": e.language,
                    "text_size": e.text_size,
                    "speech": e.speech,
                    "assisted": e.assisted,
                }
                for e in fresh
            ],
        )
    _summaries(s, kiosk_id, agency, fresh)
    answer = {"accepted": len(events), "new": len(fresh)}
    s.add(
        IdempotencyRow(
            kiosk_id=kiosk_id,
            scope=SCOPE,
            key=key,
            body_sha256=body_sha256,
            status=201,
            response_json=json.dumps(answer),
            at=datetime.now(UTC),
        )
    )
    try:
        s.commit()
    except IntegrityError:
        # The same batch raced in on another connection: its answer is ours.
        s.rollback()
        return store_batch(s, kiosk_id, agency, key, body_sha256, events)
    return 201, answer, False
