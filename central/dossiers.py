"""The sandbox's dossier workflow: creation, officer transitions, official dossier codes,
appointment dates, and the public (personal-data-free) JSON of a dossier.

Shared by the Open311 routes, the staff console and the public tracking page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import insert
from central.models import (
    CLOSED_STATES,
    TRANSITIONS,
    DossierCounterRow,
    DossierRow,
    StatusEventRow,
)
from kiosk.catalog import agencies
from kiosk.catalog.model import Catalog
from kiosk.catalog.workdays import appointment_date
from kiosk.vntime import VN_TZ

# When, on the appointment day, the result is promised (Open311 expected_datetime).
PICKUP_TIME = time(16, 30)

STATE_TEXT = {
    "needs_completion": (
        "Nộp tại máy kiosk, chờ cán bộ hoàn thành",
        "Submitted at the kiosk, waiting for staff at the counter",
    ),
    # A history step only (the dossier is then "received"): the hand-over was completed.
    "completed": ("Cán bộ đã hoàn thành và tiếp nhận", "Completed and received by staff"),
    "received": ("Đã tiếp nhận", "Received"),
    "in_processing": ("Đang giải quyết", "In processing"),
    "more_documents_needed": ("Cần bổ sung hồ sơ", "More documents needed"),
    "ready_for_pickup": ("Có kết quả, mời đến nhận", "Ready for pickup"),
    "returned": ("Đã trả kết quả", "Result returned"),
    "rejected": ("Từ chối giải quyết", "Rejected"),
}


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(dt: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def iso(dt: datetime | None) -> str | None:
    d = as_utc(dt)
    return d.isoformat().replace("+00:00", "Z") if d else None


class TransitionError(ValueError):
    """An officer asked for a move the workflow does not allow (or forgot the note)."""


@dataclass(frozen=True)
class Transition:
    to_state: str
    officer: str
    note: str = ""


def next_dossier_code(s: Session, agency_code: str, when: datetime) -> str:
    """``<agency>-<YYMMDD>-<NNNN>``, numbered per agency and local day.

    One atomic upsert (``last = last + 1 … RETURNING``): two officers registering files at the
    same moment cannot both read the same number.
    """
    day = when.astimezone(VN_TZ).strftime("%y%m%d")
    stmt = (
        insert(s, DossierCounterRow)
        .values(agency_code=agency_code, day=day, last=1)
        .on_conflict_do_update(
            index_elements=["agency_code", "day"], set_={"last": DossierCounterRow.last + 1}
        )
        .returning(DossierCounterRow.last)
    )
    number = int(s.execute(stmt).scalar_one())
    return f"{agency_code}-{day}-{number:04d}"


def competent_agency_code(catalog: Catalog, service_code: str, site_code: str, requested: str | None) -> str:
    """The agency a dossier goes to: the kiosk's choice if it is an agency of this site's ward,
    else the site ward's agency of the procedure's kind."""
    proc = catalog.require(service_code)
    ward = agencies.site_ward(site_code)
    if requested and agencies.agency(requested) is not None:
        return requested
    if ward is None:
        return site_code
    return agencies.agency_code(proc.authority.kind, ward)


def appointment_for(catalog: Catalog, service_code: str, received_at: datetime) -> date:
    proc = catalog.get(service_code)
    return appointment_date(received_at, proc.working_days if proc else 0)


def apply_transition(s: Session, row: DossierRow, t: Transition, catalog: Catalog) -> None:
    allowed = TRANSITIONS.get(row.state, ())
    if t.to_state not in allowed:
        raise TransitionError(f"cannot move a dossier from '{row.state}' to '{t.to_state}'")
    if t.to_state in ("more_documents_needed", "rejected") and not t.note.strip():
        raise TransitionError("a note is required: tell the citizen what is missing or why")
    if not t.officer.strip():
        raise TransitionError("the officer making the change must be named")
    at = now()
    if row.dossier_code is None and t.to_state == "in_processing":
        # Registering the file: the agency's official code, and the appointment counted from now.
        row.dossier_code = next_dossier_code(s, row.agency_code, at)
        row.appointment_date = appointment_for(catalog, row.service_code, at)
    elif row.state == "more_documents_needed" and t.to_state == "in_processing":
        # The time limit runs from a complete dossier (Decree 61/2018/NĐ-CP's one-stop rules):
        # once the missing papers arrive, the appointment is counted again from now.
        row.appointment_date = appointment_for(catalog, row.service_code, at)
    row.state = t.to_state
    row.officer = t.officer.strip()[:64]
    row.status_notes = t.note.strip()
    row.updated_at = at
    s.add(
        StatusEventRow(
            dossier=row,
            state=t.to_state,
            note=row.status_notes,
            officer=row.officer,
            agency_code=row.agency_code,
            at=at,
        )
    )


def find_by_tracking(s: Session, code: str) -> DossierRow | None:
    return s.scalar(select(DossierRow).where(DossierRow.tracking_code == code))


def public_json(row: DossierRow, catalog: Catalog, lang: str = "vi") -> dict[str, Any]:
    """GeoReport v2 request fields plus our ``x_*`` extensions; no personal data at all."""
    proc = catalog.get(row.service_code)
    agency = agencies.agency(row.agency_code, samples=catalog.samples)
    expected = None
    # No promise while the citizen owes documents, nor once the file is closed.
    if row.appointment_date and row.state not in CLOSED_STATES and row.state != "more_documents_needed":
        expected = datetime.combine(row.appointment_date, PICKUP_TIME, tzinfo=VN_TZ).isoformat()
    return {
        "service_request_id": str(row.id),
        "status": "closed" if row.state in CLOSED_STATES else "open",
        "status_notes": row.status_notes or None,
        "service_name": proc.name(lang) if proc else row.service_code,
        "service_code": row.service_code,
        "description": None,
        "agency_responsible": agency.name(lang) if agency else row.agency_code,
        "service_notice": proc.processing_time(lang) if proc else None,
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
        "requested_datetime": iso(row.requested_at),
        "updated_datetime": iso(row.updated_at),
        "expected_datetime": expected,
        "x_state": row.state,
        "x_state_text": STATE_TEXT.get(row.state, (row.state, row.state))[0 if lang == "vi" else 1],
        "x_tracking_code": row.tracking_code,
        "x_dossier_code": row.dossier_code,
        "x_officer": row.officer,
        "x_channel": row.channel,
        "x_appointment_date": row.appointment_date.isoformat() if row.appointment_date else None,
        "x_agency": agency.to_json() if agency else None,
        "x_queue_number": row.handover.queue_number if row.handover is not None else None,
        "x_history": [
            {
                "state": e.state,
                "at": iso(e.at),
                "note": e.note,
                "officer": e.officer,
                "agency_code": e.agency_code,
            }
            for e in row.events
        ],
    }
