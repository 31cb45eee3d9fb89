"""Where a kiosk's help request stands: its place among the open requests the same staff
see, how many of those staff are signed in right now, and a wait estimated from how long
recent requests took to close.

Nothing here is a promise the central cannot keep: with nobody signed in there is no
estimate (the kiosk says "please go to the counter"), and with no closed request in the
last week there is a position but no minutes. "The same staff" follows the console
(:mod:`central.console`): officers see the requests of their agencies' enrolled kiosks, and
only people working for every agency ("*") see those of kiosks not enrolled (the demo's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from central.fleet_models import FleetKiosk
from central.people.models import PersonAccount, PersonSession
from central.people.sessions import ABSOLUTE, IDLE
from central.staff_models import HelpRequestRecord

HISTORY = timedelta(days=7)  # closed requests this recent set the pace
STAFF_ROLES = ("officer", "supervisor")


@dataclass(frozen=True)
class HelpStanding:
    id: str
    status: str  # open | closed | cancelled
    position: int | None  # 1 = next; None once not open
    staff_on_duty: int  # signed-in officers and supervisors of the kiosk's agency
    estimated_wait_min: int | None  # None: nobody on duty, or no history to estimate from

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status,
            "position": self.position,
            "staff_on_duty": self.staff_on_duty,
            "estimated_wait_min": self.estimated_wait_min,
        }


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as the tables keep it


def _agency_of(s: Session, kiosk_id: str) -> str | None:
    return s.scalar(select(FleetKiosk.agency).where(FleetKiosk.id == kiosk_id))


def staff_on_duty(s: Session, agency: str | None, now: datetime | None = None) -> int:
    """Officers and supervisors with a live console session who work for ``agency`` (None: a
    kiosk not enrolled, whose requests only people of every agency see)."""
    now = now or _now()
    rows = s.execute(
        select(PersonAccount.username, PersonAccount.agencies)
        .join(PersonSession, PersonSession.username == PersonAccount.username)
        .where(
            PersonAccount.status == "active",
            PersonAccount.role.in_(STAFF_ROLES),
            PersonSession.last_seen_at >= now - IDLE,
            PersonSession.created_at >= now - ABSOLUTE,
        )
    ).all()
    return len({u for u, codes in rows if "*" in codes.split(",") or (agency and agency in codes.split(","))})


def _minutes_per_request(s: Session, same_staff: ColumnElement[bool], now: datetime) -> float | None:
    done = s.execute(
        select(HelpRequestRecord.created_at, HelpRequestRecord.closed_at).where(
            HelpRequestRecord.status == "closed",
            same_staff,
            HelpRequestRecord.closed_at >= now - HISTORY,
        )
    ).all()
    spans = [(c - o).total_seconds() / 60 for o, c in done if c is not None and c >= o]
    return median(spans) if spans else None


def standing(s: Session, row: HelpRequestRecord, now: datetime | None = None) -> HelpStanding:
    now = now or _now()
    if row.status != "open":
        return HelpStanding(row.id, row.status, None, 0, None)
    agency = _agency_of(s, row.kiosk_id)
    same_staff = (
        HelpRequestRecord.kiosk_id.in_(select(FleetKiosk.id).where(FleetKiosk.agency == agency))
        if agency is not None
        else HelpRequestRecord.kiosk_id.not_in(select(FleetKiosk.id))
    )
    ahead = len(
        s.scalars(
            select(HelpRequestRecord.id).where(
                HelpRequestRecord.status == "open", same_staff, HelpRequestRecord.created_at < row.created_at
            )
        ).all()
    )
    on_duty = staff_on_duty(s, agency, now)
    wait = None
    pace = _minutes_per_request(s, same_staff, now) if on_duty else None
    if pace is not None:
        wait = max(1, math.ceil(pace * (ahead + 1) / on_duty))
    return HelpStanding(row.id, row.status, ahead + 1, on_duty, wait)
