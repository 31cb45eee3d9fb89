"""The published figures, per agency and period (day, ISO week, month), optionally split by
kiosk or by procedure, and the k-anonymity rule for anything public.

Definitions (the page's notes say the same in words):

- sessions: citizens' sessions that ended (their summary arrived);
- started / submitted: sessions that entered a submission step / reached its receipt;
  completion rate = submitted / started; abandoned = started and not submitted (ended by the
  citizen, a timeout or an error), counted by the last submission step they were on;
- time to submit: from the first touch to the receipt; median and p90 (nearest rank);
- assisted share: sessions where staff took over / sessions;
- help requests, and the median wait until staff came (answered requests only);
- satisfaction: ratings with one of the two best faces (4, 5) / ratings; reasons counted;
- dossiers on time / late: dossiers of the agency *due* in the period (appointment date),
  decided (ready for pickup, or rejected) on or before it, or after it / still open past it;
- more documents: dossiers *received* in the period that were ever sent back for more documents.

k-anonymity: in anything public a count under ``K_MIN`` is withheld, and so is every rate,
median or share computed over fewer than ``K_MIN`` cases; where parts add up to a published
total in the same row (on time + late, submitted + abandoned, the steps, the faces), a lone
withheld part takes the smallest other part with it, so it cannot be recovered by subtraction.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.dossiers import as_utc
from central.models import DossierRow, StatusEventRow
from central.monitoring.models import MonEvent, MonSession
from kiosk.vntime import VN_TZ

K_MIN = 5
Period = Literal["day", "week", "month"]
By = Literal["", "kiosk", "procedure"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
SATISFIED_FACES = (4, 5)
ABANDONED = ("abandoned", "timeout", "error")
DECIDED = ("ready_for_pickup", "rejected", "returned")
# The submission steps in the order a citizen meets them (for charts and "weakest step").
STEPS = ("submit", "submit_where", "submit_identify", "submit_form", "submit_documents", "submit_review")
ALL = "all"


def period_of(d: date, period: Period) -> str:
    if period == "day":
        return d.isoformat()
    if period == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return f"{d.year}-{d.month:02d}"


def nearest_rank(values: list[int], q: float) -> float | None:
    """The q-quantile by nearest rank (an observed value, as the open-data note says)."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(q * len(ordered)) - 1)])


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


@dataclass
class Figures:
    period: str
    group: str = ""
    sessions: int = 0
    started: int = 0
    submitted: int = 0
    abandoned: int = 0
    abandoned_by_step: dict[str, int] = field(default_factory=dict)
    submit_times: list[int] = field(default_factory=list, repr=False)
    assisted: int = 0
    help_requests: int = 0
    help_waits: list[int] = field(default_factory=list, repr=False)
    ratings: int = 0
    satisfied: int = 0
    faces: dict[int, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    dossiers_due: int = 0
    on_time: int = 0
    late: int = 0
    dossiers_received: int = 0
    more_documents: int = 0

    # --- derived ---------------------------------------------------------------------------
    @property
    def completion_rate(self) -> float | None:
        return self.submitted / self.started if self.started else None

    @property
    def assisted_share(self) -> float | None:
        return self.assisted / self.sessions if self.sessions else None

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.ratings if self.ratings else None

    @property
    def on_time_share(self) -> float | None:
        decided = self.on_time + self.late
        return self.on_time / decided if decided else None

    @property
    def weakest_step(self) -> str | None:
        """The submission step where most citizens gave up (ties: the earlier step)."""
        if not self.abandoned_by_step:
            return None
        return max(STEPS, key=lambda st: (self.abandoned_by_step.get(st, 0), -STEPS.index(st)))

    def as_dict(self) -> dict[str, Any]:
        """Every figure, unsuppressed (staff view, tests)."""
        return {
            "period": self.period,
            "group": self.group,
            "sessions": self.sessions,
            "started": self.started,
            "submitted": self.submitted,
            "completion_rate": self.completion_rate,
            "abandoned": self.abandoned,
            "abandoned_by_step": dict(sorted(self.abandoned_by_step.items())),
            "submit_median_s": median(self.submit_times),
            "submit_p90_s": nearest_rank(self.submit_times, 0.9),
            "assisted": self.assisted,
            "assisted_share": self.assisted_share,
            "help_requests": self.help_requests,
            "help_answered": len(self.help_waits),
            "help_median_wait_s": median(self.help_waits),
            "ratings": self.ratings,
            "satisfied": self.satisfied,
            "satisfaction": self.satisfaction,
            "faces": {str(k): v for k, v in sorted(self.faces.items())},
            "reasons": dict(sorted(self.reasons.items())),
            "dossiers_due": self.dossiers_due,
            "on_time": self.on_time,
            "late": self.late,
            "on_time_share": self.on_time_share,
            "dossiers_received": self.dossiers_received,
            "more_documents": self.more_documents,
        }


# What each derived figure is computed over (its denominator's count), for suppression.
_BASES = {
    "completion_rate": "started",
    "submit_median_s": "submitted",
    "submit_p90_s": "submitted",
    "assisted_share": "sessions",
    "help_median_wait_s": "help_answered",
    "satisfaction": "ratings",
    "on_time_share": "_decided",
}
_COUNTS = (
    "sessions",
    "started",
    "submitted",
    "abandoned",
    "assisted",
    "help_requests",
    "help_answered",
    "ratings",
    "satisfied",
    "dossiers_due",
    "on_time",
    "late",
    "dossiers_received",
    "more_documents",
)


def _small(n: int | None) -> bool:
    return n is not None and 0 < n < K_MIN


def public(figures: dict[str, Any]) -> dict[str, Any]:
    """The k-anonymous version: counts of 1–4 become None ("fewer than 5"), and so does every
    figure computed over fewer than ``K_MIN`` cases. Zero is shown: it identifies nobody."""
    out = dict(figures)
    bases = dict(figures)
    bases["_decided"] = figures["on_time"] + figures["late"]
    for name, base in _BASES.items():
        if bases[base] < K_MIN:
            out[name] = None
    for name in _COUNTS:
        if _small(figures[name]):
            out[name] = None
    for name in ("abandoned_by_step", "reasons", "faces"):
        out[name] = {k: (None if _small(v) else v) for k, v in figures[name].items()}
    _complementary(out, figures)
    return out


def _complementary(out: dict[str, Any], exact: dict[str, Any]) -> None:
    """Parts that add up to a published total: one withheld part alone could be recovered by
    subtraction, so the smallest other non-zero part is withheld with it (within one row;
    across periods the rows still add up to the total, see the note)."""

    def guard(total: str, parts: dict[str, Any], exact_parts: dict[str, Any]) -> None:
        if out[total] is None:
            return
        hidden = [k for k, v in parts.items() if v is None]
        if len(hidden) != 1:
            return
        others = sorted((v, k) for k, v in exact_parts.items() if k not in hidden and v)
        if others:
            parts[others[0][1]] = None

    pairs = {"on_time": out["on_time"], "late": out["late"]}
    guard("dossiers_due", pairs, {"on_time": exact["on_time"], "late": exact["late"]})
    out.update(pairs)
    pairs = {"submitted": out["submitted"], "abandoned": out["abandoned"]}
    if exact["started"] == exact["submitted"] + exact["abandoned"]:
        guard("started", pairs, {"submitted": exact["submitted"], "abandoned": exact["abandoned"]})
        out.update(pairs)
    guard("abandoned", out["abandoned_by_step"], exact["abandoned_by_step"])
    guard("ratings", out["faces"], exact["faces"])


# --- computation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    agency: str
    start: date  # inclusive
    end: date  # exclusive
    period: Period = "month"
    by: By = ""


def _vn_date(dt: datetime | None) -> date | None:
    d = as_utc(dt)
    return d.astimezone(VN_TZ).date() if d else None


def compute(s: Session, q: Query, *, today: date) -> tuple[Figures, list[Figures]]:
    """(totals over the whole range, one row per period [and group]), periods in order."""
    rows: dict[tuple[str, str], Figures] = {}
    total = Figures(ALL)

    labels: dict[date, str] = {}

    def cells(d: date, group: str | None) -> Iterable[Figures]:
        label = labels.get(d)
        if label is None:
            label = labels[d] = period_of(d, q.period)
        key = (label, group or "" if q.by else "")
        row = rows.get(key)
        if row is None:
            row = rows[key] = Figures(*key)
        return (row, total)

    # Plain rows of the columns needed (no ORM objects: a year of an agency is ~50,000 rows).
    cols = (
        MonSession.day,
        MonSession.kiosk_id,
        MonSession.procedure,
        MonSession.outcome,
        MonSession.last_step,
        MonSession.submit_s,
        MonSession.assisted,
        MonSession.help_requests,
        MonSession.face,
        MonSession.reasons,
    )
    for r in s.execute(
        select(*cols).where(
            MonSession.agency == q.agency,
            MonSession.day >= q.start,
            MonSession.day < q.end,
            MonSession.outcome.is_not(None),
        )
    ):
        group = {"": "", "kiosk": r.kiosk_id, "procedure": r.procedure or "-"}[q.by]
        for f in cells(r.day, group):
            _add_session(f, r)
    # Help waits live on the events (a session may ask more than once).
    help_q = (
        select(MonEvent.day, MonEvent.wait_s, MonSession.kiosk_id, MonSession.procedure)
        .join(
            MonSession,
            (MonSession.session == MonEvent.session) & (MonSession.kiosk_id == MonEvent.kiosk_id),
        )
        .where(
            MonEvent.agency == q.agency,
            MonEvent.kind == "help",
            MonEvent.day >= q.start,
            MonEvent.day < q.end,
            MonEvent.wait_s.is_not(None),
            MonSession.outcome.is_not(None),
        )
    )
    for day, wait, kiosk_id, procedure in s.execute(help_q):
        group = {"": "", "kiosk": kiosk_id, "procedure": procedure or "-"}[q.by]
        for f in cells(day, group):
            f.help_waits.append(int(wait or 0))  # not None: the query selects answered requests
    _add_dossiers(s, q, today, cells)
    return total, [rows[k] for k in sorted(rows)]


def _add_session(f: Figures, r: Any) -> None:
    f.sessions += 1
    started = r.outcome != "finished"
    if started:
        f.started += 1
    if r.outcome == "submitted":
        f.submitted += 1
        if r.submit_s is not None:
            f.submit_times.append(r.submit_s)
    elif r.outcome in ABANDONED:
        f.abandoned += 1
        step = r.last_step or "submit"
        f.abandoned_by_step[step] = f.abandoned_by_step.get(step, 0) + 1
    if r.assisted:
        f.assisted += 1
    f.help_requests += r.help_requests
    if r.face is not None:
        f.ratings += 1
        f.faces[r.face] = f.faces.get(r.face, 0) + 1
        if r.face in SATISFIED_FACES:
            f.satisfied += 1
        for reason in (r.reasons or "").split(","):
            if reason:
                f.reasons[reason] = f.reasons.get(reason, 0) + 1


def _add_dossiers(
    s: Session, q: Query, today: date, cells: Callable[[date, str | None], Iterable[Figures]]
) -> None:
    # Dossiers received up to a year before the range can fall due inside it.
    horizon = datetime.combine(q.start - timedelta(days=366), datetime.min.time(), tzinfo=VN_TZ)
    decided: dict[int, datetime] = {}
    more_docs: set[int] = set()
    ev = (
        select(StatusEventRow.dossier_id, StatusEventRow.state, func.min(StatusEventRow.at))
        .join(DossierRow, DossierRow.id == StatusEventRow.dossier_id)
        .where(
            DossierRow.agency_code == q.agency,
            DossierRow.requested_at >= horizon,
            StatusEventRow.state.in_((*DECIDED, "more_documents_needed")),
        )
        .group_by(StatusEventRow.dossier_id, StatusEventRow.state)
    )
    for dossier_id, state, at in s.execute(ev):
        if state == "more_documents_needed":
            more_docs.add(dossier_id)
        else:
            prev = decided.get(dossier_id)
            decided[dossier_id] = at if prev is None or at < prev else prev
    for d_id, kiosk_id, service_code, appointment, requested_at in s.execute(
        select(
            DossierRow.id,
            DossierRow.kiosk_id,
            DossierRow.service_code,
            DossierRow.appointment_date,
            DossierRow.requested_at,
        ).where(DossierRow.agency_code == q.agency, DossierRow.requested_at >= horizon)
    ):
        group = {"": "", "kiosk": kiosk_id, "procedure": service_code}[q.by]
        received = _vn_date(requested_at)
        if received is not None and q.start <= received < q.end:
            for f in cells(received, group):
                f.dossiers_received += 1
                if d_id in more_docs:
                    f.more_documents += 1
        if appointment is None or not q.start <= appointment < q.end:
            continue
        done = _vn_date(decided.get(d_id))
        if done is None and appointment >= today:
            continue  # not due yet
        for f in cells(appointment, group):
            f.dossiers_due += 1
            if done is not None and done <= appointment:
                f.on_time += 1
            else:
                f.late += 1


def default_range(period: Period, today: date) -> tuple[date, date]:
    """Last 12 months / 12 weeks / 31 days up to today (inclusive)."""
    end = today + timedelta(days=1)
    if period == "day":
        return end - timedelta(days=31), end
    if period == "week":
        monday = today - timedelta(days=today.weekday())
        return monday - timedelta(weeks=11), end
    y, m = today.year, today.month - 11
    while m <= 0:
        y, m = y - 1, m + 12
    return date(y, m, 1), end
