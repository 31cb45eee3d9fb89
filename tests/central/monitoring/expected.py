"""The figures computed independently from the generator's truth (numpy, not central code).

Written from the definitions on the public page, not from ``central/monitoring/figures.py``:
if the two disagree, one of them misreads the definition.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import numpy as np

from tests.central.monitoring.generator import TODAY, TruthDossier, TruthSession

K = 5


def label(d: date, period: str) -> str:
    if period == "day":
        return d.strftime("%Y-%m-%d")
    if period == "week":
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return d.strftime("%Y-%m")


def r5(x: int) -> int:
    return int(5 * np.round(x / 5))


def expected(
    sessions: list[TruthSession],
    dossiers: list[TruthDossier],
    agency: str,
    start: date,
    end: date,
    period: str,
    by: str,
) -> tuple[dict[str, Any], dict[tuple[str, str], dict[str, Any]]]:
    """(total, {(period, group): figures}) with exact values (suppression is applied later)."""
    cells: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    total: dict[str, Any] = defaultdict(list)

    def put(d: date, group: str, name: str, value: Any) -> None:
        cells[(label(d, period), group if by else "")][name].append(value)
        total[name].append(value)

    for s in sessions:
        if s.agency != agency or not start <= s.day < end:
            continue
        g = {"": "", "kiosk": s.kiosk, "procedure": s.procedure or "-"}[by]
        put(s.day, g, "session", s)
        for w in s.help_waits:
            if w is not None:
                put(s.day, g, "wait", r5(w))
    for d in dossiers:
        if d.agency != agency:
            continue
        g = {"": "", "kiosk": d.kiosk, "procedure": d.service_code}[by]
        if start <= d.received.date() < end:
            put(d.received.date(), g, "received", d)
        if start <= d.appointment < end:
            dec = d.decided
            if dec is None and d.appointment >= TODAY:
                continue
            put(d.appointment, g, "due", dec is not None and dec <= d.appointment)
    return _figures(total), {k: _figures(v) for k, v in cells.items()}


def _figures(c: dict[str, list]) -> dict[str, Any]:
    ss: list[TruthSession] = c.get("session", [])
    started = [s for s in ss if s.outcome != "finished"]
    submitted = [s for s in ss if s.outcome == "submitted"]
    gave_up = [s for s in ss if s.outcome in ("abandoned", "timeout")]
    times = [r5(s.submit_s) for s in submitted]
    rated = [s for s in ss if s.face is not None]
    satisfied = [s for s in rated if s.face >= 4]
    waits = c.get("wait", [])
    due = c.get("due", [])
    received = c.get("received", [])
    steps: dict[str, int] = defaultdict(int)
    for s in gave_up:
        steps[s.last_step] += 1
    reasons: dict[str, int] = defaultdict(int)
    faces: dict[str, int] = defaultdict(int)
    for s in rated:
        faces[str(s.face)] += 1
        for r in s.reasons:
            reasons[r] += 1
    on_time = sum(1 for x in due if x)
    return {
        "sessions": len(ss),
        "started": len(started),
        "submitted": len(submitted),
        "completion_rate": len(submitted) / len(started) if started else None,
        "abandoned": len(gave_up),
        "abandoned_by_step": dict(steps),
        "submit_median_s": float(np.median(times)) if times else None,
        "submit_p90_s": float(np.percentile(times, 90, method="inverted_cdf")) if times else None,
        "assisted": sum(s.assisted for s in ss),
        "assisted_share": sum(s.assisted for s in ss) / len(ss) if ss else None,
        "help_requests": sum(len(s.help_waits) for s in ss),
        "help_answered": len(waits),
        "help_median_wait_s": float(np.median(waits)) if waits else None,
        "ratings": len(rated),
        "satisfied": len(satisfied),
        "satisfaction": len(satisfied) / len(rated) if rated else None,
        "faces": dict(faces),
        "reasons": dict(reasons),
        "dossiers_due": len(due),
        "on_time": on_time,
        "late": len(due) - on_time,
        "on_time_share": on_time / len(due) if due else None,
        "dossiers_received": len(received),
        "more_documents": sum(1 for d in received if d.more_documents),
    }


RATES = {
    "completion_rate": "started",
    "submit_median_s": "submitted",
    "submit_p90_s": "submitted",
    "assisted_share": "sessions",
    "help_median_wait_s": "help_answered",
    "satisfaction": "ratings",
    "on_time_share": "dossiers_due",
}


def k_anonymous(f: dict[str, Any]) -> dict[str, Any]:
    return with_complements(_first_pass(f), f)


def _first_pass(f: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, v in f.items():
        if isinstance(v, dict):
            out[name] = {k: (None if 0 < n < K else n) for k, n in v.items()}
        elif name in RATES:
            out[name] = None if f[RATES[name]] < K else v
        else:
            out[name] = None if isinstance(v, int) and 0 < v < K else v
    return out


def with_complements(pub: dict[str, Any], exact: dict[str, Any]) -> dict[str, Any]:
    """Second pass: where parts sum to a shown total and exactly one part is hidden, hide the
    smallest other non-zero part too (so subtraction cannot recover the hidden one)."""
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in pub.items()}

    def second(total_shown: bool, shown: dict[str, Any], exact_parts: dict[str, Any]) -> dict[str, Any]:
        hidden = {k for k, v in shown.items() if v is None}
        if not total_shown or len(hidden) != 1:
            return shown
        rest = [(n, k) for k, n in exact_parts.items() if k not in hidden and n > 0]
        if rest:
            shown[min(rest)[1]] = None
        return shown

    due = second(out["dossiers_due"] is not None, {"on_time": out["on_time"], "late": out["late"]},
                 {"on_time": exact["on_time"], "late": exact["late"]})  # fmt: skip
    out.update(due)
    if exact["started"] == exact["submitted"] + exact["abandoned"]:
        sub = second(out["started"] is not None, {"submitted": out["submitted"], "abandoned": out["abandoned"]},
                     {"submitted": exact["submitted"], "abandoned": exact["abandoned"]})  # fmt: skip
        out.update(sub)
    out["abandoned_by_step"] = second(
        out["abandoned"] is not None, out["abandoned_by_step"], exact["abandoned_by_step"]
    )
    out["faces"] = second(out["ratings"] is not None, out["faces"], exact["faces"])
    return out


def month_range() -> tuple[date, date]:
    return date(2026, 11, 1), date(2026, 11, 1) + timedelta(days=30)
