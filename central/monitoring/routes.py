"""The monitoring routes; each declares who may call it (central/access.py).

=========================================  ==========  ===========================================
route                                      access      what
=========================================  ==========  ===========================================
POST /monitoring/v1/events.json            KIOSK       a batch of anonymous events (idempotent)
GET  /monitoring/{agency}                  PUBLIC      the agency's page, vi/en, server-side charts
GET  /monitoring/{agency}/print            PUBLIC      the same for paper (A4, no links)
GET  /monitoring/{agency}/figures.json     PUBLIC      open data, k-anonymous
GET  /monitoring/{agency}/figures.csv      PUBLIC      open data, k-anonymous
GET  /console/monitoring/{agency}          SUPERVISOR  by kiosk and procedure, weakest step marked
POST /console/monitoring/{agency}/answers  ADMIN       publish the agency's answer to a reason
=========================================  ==========  ===========================================

Query of the public routes: ``lang`` (vi|en), ``period`` (day|week|month), ``from`` and
``to`` (YYYY-MM-DD, inclusive; default the last 12 months / 12 weeks / 31 days), and for the
exports ``by`` (kiosk|procedure). Pages are cached per query: recomputed once new data has
arrived and the cached page is over 5 minutes old; an agency's new answer shows at once.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.access import Access, access, csrf_token, current_person
from central.catalog_state import sandbox_catalog
from central.errors import Open311Problem
from central.kiosk_auth import KioskIdentity, kiosk_identity
from central.models import DossierRow, StatusEventRow
from central.monitoring import pages
from central.monitoring.figures import PERIODS, By, Period, compute, default_range, public
from central.monitoring.figures import Query as FigQuery
from central.monitoring.ingest import digest, parse_batch, store_batch
from central.monitoring.models import MonAnswer, MonEvent, MonSession
from central.monitoring.texts import t
from kiosk.catalog import agencies
from kiosk.logs import get_logger
from kiosk.monitoring.schema import REASONS
from kiosk.vntime import VN_TZ

log = get_logger(__name__)
router = APIRouter(tags=["monitoring"])
MAX_RANGE = timedelta(days=3 * 366)
CACHE_SIZE = 64
FRESH_S = 300.0  # new events show on the public page within 5 minutes (answers at once)
MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
Lang = Query("vi", pattern="^(vi|en)$")
PeriodQ = Query("month", pattern="^(day|week|month)$")


@dataclass(frozen=True)
class Span:
    """Which figures a reader asked for: the period they are counted by and the ?from/?to range."""

    period: Period
    start: str | None
    end: str | None


def dates(start: str | None = Query(None, alias="from"), end: str | None = Query(None, alias="to")) -> Span:
    """?from / ?to (the staff view counts by whole months)."""
    return Span("month", start, end)


def span(period: str = PeriodQ, d: Span = Depends(dates)) -> Span:
    """?period, ?from and ?to, shared by the public pages and the exports."""
    return replace(d, period=period)  # type: ignore[arg-type]  # PeriodQ's pattern checked it


def _state(request: Request) -> Any:
    return request.app.state.sandbox


def today(request: Request) -> date:
    """Vietnam's date (tests may pin it: ``state.extra["monitoring_today"]``)."""
    pinned = _state(request).extra.get("monitoring_today")
    return pinned if isinstance(pinned, date) else datetime.now(VN_TZ).date()


def _agency_of(s: Session, state: Any, kiosk_id: str) -> str:
    from central.fleet_models import FleetKiosk

    k = s.get(FleetKiosk, kiosk_id)
    return k.agency if k is not None else state.agency_code


# --- ingestion ------------------------------------------------------------------------------


@router.post(
    "/monitoring/v1/events.json",
    status_code=201,
    summary="A kiosk's batch of anonymous journey events (Idempotency-Key required)",
    openapi_extra=access(Access.KIOSK),
)
async def ingest(request: Request, who: KioskIdentity = Depends(kiosk_identity)) -> JSONResponse:
    key = request.headers.get("idempotency-key") or ""
    if not 1 <= len(key) <= 200:
        raise Open311Problem(400, "Idempotency-Key header is required (1 to 200 characters), one per batch")
    raw = await request.body()
    state = _state(request)
    procedures = frozenset(p.identifier for p in sandbox_catalog(state).procedures)
    events = parse_batch(raw, procedures=procedures)

    def store() -> tuple[int, dict[str, Any], bool]:
        with state.db() as s:
            return store_batch(s, who.kiosk_id, _agency_of(s, state, who.kiosk_id), key, digest(raw), events)

    status, body, replayed = await run_in_threadpool(store)
    log.info(
        "monitoring_batch", kiosk=who.kiosk_id, events=len(events), new=body.get("new"), replayed=replayed
    )
    return JSONResponse(
        body, status_code=status, headers={"Idempotent-Replayed": "true"} if replayed else None
    )


# --- shared by the readers ------------------------------------------------------------------


def _range(request: Request, q: Span, lang: str) -> tuple[date, date]:
    d0, d1 = default_range(q.period, today(request))
    for name, value in (("from", q.start), ("to", q.end)):
        if value is None:
            continue
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise Open311Problem(400, t("bad_range", "en", field=name)) from None
        if name == "from":
            d0 = parsed
        else:
            d1 = parsed + timedelta(days=1)
    if d1 <= d0 or d1 - d0 > MAX_RANGE:
        raise Open311Problem(400, t("bad_range", "en", field="from"))
    return d0, d1


def _agency_name(s: Session, code: str, lang: str) -> str | None:
    info = agencies.agency(code)
    if info is not None:
        return info.name.vi if lang == "vi" else info.name.en
    has_data = s.scalar(select(MonSession.session).where(MonSession.agency == code).limit(1))
    has_dossiers = s.scalar(select(DossierRow.id).where(DossierRow.agency_code == code).limit(1))
    return code if has_data or has_dossiers else None


def _answers(s: Session, agency: str, start: date, end: date, lang: str) -> dict[str, list[tuple[str, str]]]:
    first, last = f"{start.year}-{start.month:02d}", f"{end.year}-{end.month:02d}"
    out: dict[str, list[tuple[str, str]]] = {}
    for a in s.scalars(
        select(MonAnswer)
        .where(MonAnswer.agency == agency, MonAnswer.month >= first, MonAnswer.month <= last)
        .order_by(MonAnswer.month)
    ):
        out.setdefault(a.reason, []).append((a.month, a.text_en if lang == "en" and a.text_en else a.text_vi))
    return out


def _version(s: Session) -> tuple[Any, ...]:
    """Changes whenever anything a page shows may have changed (cheap: max of primary keys)."""
    return (
        s.scalar(select(func.max(MonEvent.id))),
        s.scalar(select(func.max(DossierRow.id))),
        s.scalar(select(func.max(StatusEventRow.id))),
    )


def _answers_version(s: Session) -> tuple[Any, ...]:
    return (s.scalar(select(func.max(MonAnswer.at))), s.scalar(select(func.count(MonAnswer.id))))


def _cached(request: Request, key: tuple[Any, ...], version: tuple[Any, ...], make: Any) -> Any:
    """A page is recomputed when its data changed *and* it is older than ``FRESH_S``: a busy
    fleet sends events every second, and a year's figures need not follow each one."""
    cache: OrderedDict[tuple[Any, ...], tuple[Any, float, tuple[Any, ...]]] = _state(
        request
    ).extra.setdefault("monitoring_cache", OrderedDict())
    now = time.monotonic()
    hit = cache.get(key)
    if hit is not None and (hit[2] == version or now - hit[1] < FRESH_S):
        cache.move_to_end(key)
        return hit[0]
    value = make()
    cache[key] = (value, now, version)
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)
    return value


def _not_found(lang: str) -> HTMLResponse:
    return HTMLResponse(
        pages.document(lang, t("title", lang), f"<h1>{t('title', lang)}</h1><p>{t('no_agency', lang)}</p>"),
        status_code=404,
    )


# --- public ---------------------------------------------------------------------------------


def _public_html(request: Request, agency: str, lang: str, q: Span, print_view: bool) -> HTMLResponse:
    d0, d1 = _range(request, q, lang)
    period = q.period
    state = _state(request)
    query = {"lang": lang, "period": period}
    if q.start:
        query["from"] = q.start
    if q.end:
        query["to"] = q.end
    with state.db() as s:
        name = _agency_name(s, agency, lang)
        if name is None:
            return _not_found(lang)
        key = ("page", agency, lang, period, d0, d1, print_view, today(request), _answers_version(s))

        def make() -> str:
            total, rows = compute(s, FigQuery(agency, d0, d1, period), today=today(request))
            return pages.public_page(
                lang=lang,
                agency_code=agency,
                agency_name=name,
                start=d0,
                end=d1,
                period=period,
                total=total,
                rows=rows,
                answers=_answers(s, agency, d0, d1, lang),
                query=query,
                print_view=print_view,
            )

        html = _cached(request, key, _version(s), make)
    return HTMLResponse(html, headers={"Cache-Control": "public, max-age=300"})


@router.get(
    "/monitoring/{agency}",
    response_class=HTMLResponse,
    summary="Public service results of an agency (HTML, vi/en, charts without script)",
    openapi_extra=access(Access.PUBLIC),
)
def public_page(
    request: Request,
    agency: str,
    lang: str = Lang,
    q: Span = Depends(span),
) -> HTMLResponse:
    return _public_html(request, agency, lang, q, False)


@router.get(
    "/monitoring/{agency}/print",
    response_class=HTMLResponse,
    summary="Print view of the public service results",
    openapi_extra=access(Access.PUBLIC),
)
def print_page(
    request: Request,
    agency: str,
    lang: str = Lang,
    q: Span = Depends(span),
) -> HTMLResponse:
    return _public_html(request, agency, lang, q, True)


def _export(
    request: Request, agency: str, q: Span, by: str
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    d0, d1 = _range(request, q, "en")
    period = q.period
    with _state(request).db() as s:
        if _agency_name(s, agency, "en") is None:
            raise Open311Problem(404, "no agency has this code")
        key = ("export", agency, period, by, d0, d1, today(request))
        total, rows = _cached(
            request,
            key,
            _version(s),
            lambda: compute(s, FigQuery(agency, d0, d1, period, by), today=today(request)),  # type: ignore[arg-type]
        )
    meta = {
        "agency": agency,
        "from": d0.isoformat(),
        "to": (d1 - timedelta(days=1)).isoformat(),
        "period": period,
        "by": by or None,
        "k_anonymity": 5,
        "withheld": "null: fewer than 5 cases, or a count that would reveal one",
    }
    return meta, public(total.as_dict()), [public(r.as_dict()) for r in rows]


ByQ = Query("", pattern="^(|kiosk|procedure)$")


@router.get(
    "/monitoring/{agency}/figures.json",
    summary="Open data: the agency's figures (k-anonymous), JSON",
    openapi_extra=access(Access.PUBLIC),
)
def figures_json(
    request: Request,
    agency: str,
    q: Span = Depends(span),
    by: str = ByQ,
) -> Response:
    meta, total, rows = _export(request, agency, q, by)
    return Response(pages.json_body(meta, total, rows), media_type="application/json")


@router.get(
    "/monitoring/{agency}/figures.csv",
    summary="Open data: the agency's figures (k-anonymous), CSV",
    openapi_extra=access(Access.PUBLIC),
)
def figures_csv(
    request: Request,
    agency: str,
    q: Span = Depends(span),
    by: str = ByQ,
) -> Response:
    _, _, rows = _export(request, agency, q, by)
    return Response(
        pages.csv_body(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{agency}-figures.csv"'},
    )


# --- staff ----------------------------------------------------------------------------------


def _staff(request: Request, agency: str, q: Span, notice: str = "", error: str = "") -> HTMLResponse:
    d0, d1 = _range(request, q, "vi")
    with _state(request).db() as s:
        name = _agency_name(s, agency, "vi")
        if name is None:
            return _not_found("vi")
        now = today(request)
        total, by_kiosk = compute(s, FigQuery(agency, d0, d1, "month", "kiosk"), today=now)
        # One row per kiosk / procedure over the whole range: fold the months.
        _, by_proc = compute(s, FigQuery(agency, d0, d1, "month", "procedure"), today=now)
        html = pages.staff_page(
            agency_code=agency,
            agency_name=name,
            start=d0,
            end=d1,
            by_kiosk=_fold(by_kiosk),
            by_procedure=_fold(by_proc),
            total=total,
            answers=_answers(s, agency, d0, d1, "vi"),
            month=f"{now.year}-{now.month:02d}",
            names={"-": "(không chọn thủ tục / no procedure)"}
            | {p.identifier: p.name.vi for p in sandbox_catalog(_state(request)).procedures},
            notice=notice,
            error=error,
            csrf=_csrf(request),
            trays=_tray_notes(s, agency),
        )
    return HTMLResponse(html, status_code=400 if error else 200, headers={"Cache-Control": "no-store"})


def _tray_notes(s: Any, agency: str) -> list[tuple[str, str, str, str]]:
    """The agency's kiosks whose document tray needs attention, from their last heartbeat:
    (kiosk, level, Vietnamese, English). A pale tray fails citizen after citizen at the camera."""
    import json

    from central.fleet_models import FleetKiosk
    from central.fleet_tray import tray_alerts

    out: list[tuple[str, str, str, str]] = []
    for k in s.scalars(
        select(FleetKiosk)
        .where(FleetKiosk.agency == agency, FleetKiosk.status == "active")
        .order_by(FleetKiosk.id)
    ):
        hb = json.loads(k.last_heartbeat) if k.last_heartbeat else {}
        out += [(k.id, level, vi, en) for _code, level, vi, en in tray_alerts(hb.get("tray"), k.id)]
    return out


def _csrf(request: Request) -> str:
    """The staff page's form token: the signed-in session's (stored with the session in the
    database, so any worker accepts it); a post from another site cannot know it."""
    return csrf_token(request)


def _scoped(request: Request, agency: str) -> None:
    """Staff see and answer only for the agencies they work for (an admin of ``*``: all)."""
    if not current_person(request).works_for(agency):
        raise Open311Problem(404, "no such agency among yours")


def _fold(rows: list[Any]) -> list[Any]:
    from central.monitoring.figures import Figures

    out: dict[str, Figures] = {}
    for r in rows:
        f = out.setdefault(r.group, Figures("all", r.group))
        for name in ("sessions", "started", "submitted", "abandoned", "assisted", "help_requests", "ratings",
                     "satisfied", "dossiers_due", "on_time", "late", "dossiers_received", "more_documents"):  # fmt: skip
            setattr(f, name, getattr(f, name) + getattr(r, name))
        f.submit_times += r.submit_times
        f.help_waits += r.help_waits
        for st, n in r.abandoned_by_step.items():
            f.abandoned_by_step[st] = f.abandoned_by_step.get(st, 0) + n
        for k, n in r.reasons.items():
            f.reasons[k] = f.reasons.get(k, 0) + n
        for face, n in r.faces.items():
            f.faces[face] = f.faces.get(face, 0) + n
    return [out[k] for k in sorted(out)]


@router.get(
    "/console/monitoring/{agency}",
    response_class=HTMLResponse,
    summary="Staff view of an agency's results by kiosk and procedure (exact counts)",
    openapi_extra=access(Access.SUPERVISOR),
)
def staff_view(
    request: Request,
    agency: str,
    q: Span = Depends(dates),
    saved: int = 0,
) -> HTMLResponse:
    _scoped(request, agency)
    return _staff(request, agency, q, notice=t("answer_saved", "vi") if saved else "")


@router.post(
    "/console/monitoring/{agency}/answers",
    response_model=None,
    summary="Publish the agency's answer to a rating reason for a month",
    openapi_extra=access(Access.ADMIN),
)
def answer(
    request: Request,
    agency: str,
    reason: str = Form(...),
    month: str = Form(...),
    text_vi: str = Form(""),
    text_en: str = Form(""),
    csrf: str = Form(""),
) -> Response:
    _scoped(request, agency)
    # central.access.enforce has checked the token already; checked again here because this
    # route's form names it (a route that forgets the app-wide dependency stays safe).
    if not secrets.compare_digest(csrf, _csrf(request)):
        raise Open311Problem(
            403, "monitoring.bad_token: the page is out of date; reload the staff page and answer again"
        )
    problems = []
    if reason not in REASONS:
        problems.append(f"reason: must be one of {', '.join(REASONS)}")
    if not MONTH_RE.fullmatch(month):
        problems.append("month: must be YYYY-MM, e.g. 2026-11")
    text_vi, text_en = text_vi.strip(), text_en.strip()
    if not 1 <= len(text_vi) <= 1000:
        problems.append("text_vi: write the answer in Vietnamese (1 to 1000 characters)")
    if len(text_en) > 1000:
        problems.append("text_en: at most 1000 characters")
    if problems:
        return _staff(request, agency, Span("month", None, None), error="; ".join(problems))
    with _state(request).db() as s:
        if _agency_name(s, agency, "vi") is None:
            return _not_found("vi")
        row = s.scalar(
            select(MonAnswer).where(
                MonAnswer.agency == agency, MonAnswer.reason == reason, MonAnswer.month == month
            )
        )
        if row is None:
            row = MonAnswer(agency=agency, reason=reason, month=month)
            s.add(row)
        row.text_vi, row.text_en, row.at = text_vi, text_en, datetime.now(UTC)
        row.answered_by = current_person(request).username  # from the session, never the form
        s.commit()
    log.info("monitoring_answer", agency=agency, reason=reason, month=month)
    return RedirectResponse(f"/console/monitoring/{agency}?saved=1", status_code=303)


__all__ = ["router", "PERIODS", "By"]
