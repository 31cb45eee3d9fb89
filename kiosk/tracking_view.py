"""\"Where is my file?\" in plain words: the central's status and history turned into what a
citizen reads on the screen (no Qt here).

:func:`lookup` asks the central for a tracking code and keeps the answer in the offline
store's tracking cache; when the central cannot be reached it returns the last status this
kiosk knew, with the time it was fetched. :func:`build_view` turns a
:class:`~kiosk.central.models.ServiceRequest` into a :class:`TrackingView`: one sentence on
where the file is, what the citizen must do now (the officer's note when documents are
missing, where to bring them, when to come back), the appointment date with its weekday, the
agency and officer responsible and their contacts, and the timeline, oldest step first.

Nothing here logs the officer's note (it may name a person or a document of the citizen's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from kiosk import tracking
from kiosk.central.errors import CentralError, CentralNotFound, CentralRejected
from kiosk.central.models import CentralBadAnswer, ServiceRequest
from kiosk.logs import get_logger
from kiosk.messages import text
from kiosk.vntime import VN_TZ, fmt_date, fmt_time

log = get_logger(__name__)

STEP_STATES = (
    "needs_completion",  # handed over at the kiosk, waiting for staff (issue 19)
    "completed",  # a history step: staff completed the hand-over and received it
    "received",
    "in_processing",
    "more_documents_needed",
    "ready_for_pickup",
    "returned",
    "rejected",
)


class TrackingStore(Protocol):
    """What :func:`lookup` needs of the offline cache (``offline_cache.tracking_cache``)."""

    def get(self, code: str) -> Any: ...  # .data (dict) and .fetched_at (epoch seconds), or None

    def put(self, code: str, data: dict[str, Any], fetched_at: float | None = None) -> None: ...


# ---------------------------------------------------------------------------------------
# the central's answer to and from the cache (Open311 shape, so ServiceRequest reads it back)


def _iso(v: datetime | date | None) -> str | None:
    return v.isoformat() if v is not None else None


def request_to_json(r: ServiceRequest) -> dict[str, Any]:
    """The request in the central's own JSON shape: ``ServiceRequest.from_json`` reads it back."""
    agency = None
    if r.agency is not None:
        c = r.agency.contact
        agency = {
            "code": r.agency.code,
            "name_vi": r.agency.name_vi,
            "name_en": r.agency.name_en,
            "contact": {"address": c.address, "phone": c.phone, "email": c.email, "hours": c.hours},
            "province_code": r.agency.province_code,
            "ward_code": r.agency.ward_code,
        }
    return {
        "service_request_id": r.service_request_id,
        "status": r.status,
        "service_code": r.service_code,
        "service_name": r.service_name,
        "status_notes": r.status_notes,
        "agency_responsible": r.agency_responsible,
        "service_notice": r.service_notice,
        "requested_datetime": _iso(r.requested_datetime),
        "updated_datetime": _iso(r.updated_datetime),
        "expected_datetime": _iso(r.expected_datetime),
        "x_state": r.state,
        "x_tracking_code": r.tracking_code,
        "x_dossier_code": r.dossier_code,
        "x_officer": r.officer,
        "x_channel": r.channel,
        "x_appointment_date": _iso(r.appointment_date),
        "x_agency": agency,
        "x_history": [
            {
                "state": e.state,
                "at": _iso(e.at),
                "note": e.note,
                "officer": e.officer,
                "agency_code": e.agency_code,
            }
            for e in r.history
        ],
    }


# ---------------------------------------------------------------------------------------
# looking a code up


@dataclass(frozen=True)
class Lookup:
    """``kind``: found | stale (offline, last known) | not_found | bad_code | unavailable."""

    kind: str
    code: str  # canonical 10 symbols ("" for bad_code)
    request: ServiceRequest | None = None
    fetched_at: float | None = None  # epoch seconds of the answer shown (stale: when it was fetched)


def check_code(typed: str) -> tuple[str | None, str | None]:
    """(canonical code, None) or (None, message code) for what a citizen typed or scanned."""
    raw = "".join(ch for ch in typed if ch not in " -_.")
    if not raw:
        return None, "track.empty_code"
    code = tracking.normalize(typed)
    if code is None and len(raw) < tracking.BODY_LEN + 1:
        return None, "track.short_code"
    if code is None or not tracking.is_valid(code):
        return None, "track.bad_code"
    return code, None


def lookup(
    code: str,
    client_factory: Callable[[], Any],
    cache: TrackingStore | None,
    now: Callable[[], float],
) -> Lookup:
    """Ask the central; remember the answer; fall back to the last known status offline.

    ``client_factory`` returns a :class:`~kiosk.central.client.CentralClient` (closed here)
    or raises when no central is known yet (treated as offline).
    """
    canonical, _problem = check_code(code)
    if canonical is None:
        return Lookup("bad_code", "")
    try:
        client = client_factory()
    except Exception as e:  # noqa: BLE001 - no central configured yet: the same as offline
        log.info("track_no_central", error=type(e).__name__)
        return _last_known(canonical, cache)
    try:
        req = client.track(canonical)
    except CentralNotFound:
        return Lookup("not_found", canonical)
    except CentralRejected as e:
        if e.code == "central.bad_tracking_code":
            return Lookup("bad_code", "")
        log.info("track_refused", error=e.code)
        return _last_known(canonical, cache)
    except CentralError as e:
        log.info("track_offline", error=e.code)
        return _last_known(canonical, cache)
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001,S110 - closing a session cannot matter here
            pass
    fetched = now()
    if cache is not None:
        try:
            cache.put(canonical, request_to_json(req), fetched)
        except Exception as e:  # noqa: BLE001 - not remembering must not hide the answer
            log.error("track_cache_put_failed", error=type(e).__name__)
    return Lookup("found", canonical, req, fetched)


def _last_known(code: str, cache: TrackingStore | None) -> Lookup:
    snap = None
    if cache is not None:
        try:
            snap = cache.get(code)
        except Exception as e:  # noqa: BLE001 - an unreadable cache is "nothing known"
            log.error("track_cache_get_failed", error=type(e).__name__)
    if snap is None:
        return Lookup("unavailable", code)
    try:
        req = ServiceRequest.from_json(snap.data)
    except CentralBadAnswer as e:
        log.error("track_cache_unusable", error=type(e).__name__)
        return Lookup("unavailable", code)
    return Lookup("stale", code, req, float(snap.fetched_at))


# ---------------------------------------------------------------------------------------
# the words on the screen


@dataclass(frozen=True)
class TimelineStep:
    when: str
    title: str
    note: str  # the officer's note, as written
    officer: str  # "Officer: …" or ""
    current: bool


@dataclass(frozen=True)
class TrackingView:
    code: str  # as printed: K7M4Q-X9T2R
    dossier_code: str  # the agency's official code once registered, else ""
    procedure: str
    state: str
    headline: str  # where the file is, in one sentence
    must_do: tuple[str, ...]  # what the citizen must do now, line by line
    quoted_note: str  # the officer's own words to show large ("" when none)
    appointment: str  # "Thứ Tư, 25/11/2026" or the "not set yet" text
    agency: str
    officer: str
    contacts: tuple[str, ...]
    steps: tuple[TimelineStep, ...]
    stale: bool
    stale_text: str  # the offline warning, "" when fresh


def age_text(seconds: float, lang: str) -> str:
    s = max(0, int(seconds))
    if s < 90:
        return text("track.age.now", lang)
    if s < 90 * 60:
        return text("track.age.minutes", lang, n=round(s / 60))
    if s < 36 * 3600:
        return text("track.age.hours", lang, n=round(s / 3600))
    return text("track.age.days", lang, n=round(s / 86400))


def _agency_name(r: ServiceRequest, lang: str) -> str:
    if r.agency is not None:
        return r.agency.name(lang)
    return r.agency_responsible


def _contacts(r: ServiceRequest, lang: str) -> tuple[str, ...]:
    if r.agency is None:
        return ()
    c = r.agency.contact
    out = []
    for key, value in (("address", c.address), ("phone", c.phone), ("hours", c.hours), ("email", c.email)):
        if value:
            out.append(text(f"track.contact.{key}", lang, value=value))
    return tuple(out)


def _state(r: ServiceRequest) -> str:
    if r.state in STEP_STATES:
        return r.state
    return "closed" if r.status == "closed" else "open"


def _latest_note(r: ServiceRequest, state: str) -> str:
    """The officer's note for the current state: status_notes, else the last such history step."""
    if r.status_notes.strip():
        return r.status_notes.strip()
    for e in reversed(r.history):
        if e.state == state and e.note.strip():
            return e.note.strip()
    return ""


def build_view(
    r: ServiceRequest,
    lang: str,
    *,
    procedure_name: str | None = None,
    stale_fetched_at: float | None = None,
    now: float | None = None,
) -> TrackingView:
    """What the screen shows for ``r`` in ``lang``; ``stale_fetched_at`` marks an offline answer."""
    state = _state(r)
    agency = _agency_name(r, lang)
    appointment = r.appointment_date or (
        r.expected_datetime.astimezone(VN_TZ).date() if r.expected_datetime else None
    )
    appt_text = fmt_date(appointment, lang) if appointment else text("track.appointment_none", lang)
    note = _latest_note(r, state)
    must: list[str] = []
    quoted = ""
    if state in ("received", "in_processing", "open"):
        if appointment:
            must.append(text("track.do.wait_until", lang, date=fmt_date(appointment, lang)))
        else:
            must.append(text("track.do.wait", lang))
    elif state == "needs_completion":
        must.append(text("track.do.counter", lang))
    elif state == "more_documents_needed":
        if note:
            must.append(text("track.do.bring", lang))
            quoted = note
        else:
            must.append(text("track.do.bring_unspecified", lang))
        if agency:
            must.append(text("track.do.bring_where", lang, agency=agency))
    elif state == "ready_for_pickup":
        must.append(text("track.do.collect", lang, agency=agency or "—"))
    elif state == "rejected":
        if note:
            must.append(text("track.do.rejected", lang))
            quoted = note
        must.append(text("track.do.rejected_ask", lang))
    else:  # returned, closed
        must.append(text("track.do.nothing", lang))
    if quoted and text("track.note_language", lang):
        must.insert(1, text("track.note_language", lang))

    steps = []
    for i, e in enumerate(r.history):
        title = text(f"track.step.{e.state}", lang) if e.state in STEP_STATES else e.state
        steps.append(
            TimelineStep(
                when=fmt_time(e.at, lang) if e.at else "",
                title=title,
                note=e.note.strip(),
                officer=text("track.step.by", lang, officer=e.officer) if e.officer else "",
                current=i == len(r.history) - 1,
            )
        )
    stale_text = ""
    if stale_fetched_at is not None:
        fetched = datetime.fromtimestamp(stale_fetched_at, VN_TZ)
        age = age_text((now if now is not None else stale_fetched_at) - stale_fetched_at, lang)
        stale_text = text("track.stale", lang, time=fetched.strftime("%d/%m/%Y %H:%M"), age=age)
    return TrackingView(
        code=tracking.display(r.tracking_code) if r.tracking_code else "",
        dossier_code=r.dossier_code,
        procedure=procedure_name or r.service_name or r.service_code,
        state=state,
        headline=text(f"track.state.{state}", lang),
        must_do=tuple(must),
        quoted_note=quoted,
        appointment=appt_text,
        agency=agency,
        officer=r.officer or text("track.officer_none", lang),
        contacts=_contacts(r, lang),
        steps=tuple(steps),
        stale=stale_fetched_at is not None,
        stale_text=stale_text,
    )
