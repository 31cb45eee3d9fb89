"""The sandbox's staff console: server-rendered HTML where an officer sees incoming dossiers
and moves them along (received → in processing → more documents needed → ready for pickup →
returned, or rejected), and sees the kiosks' open help requests and closes them.

Routes: ``GET /console`` (lists), ``GET /console/dossiers/{id}`` (detail, history, allowed
moves), ``POST /console/dossiers/{id}/transition`` (form: ``to_state``, ``officer``,
``note``; 303 back to the detail page, or 400 with the page and the reason),
``GET /console/attachments/{id}/{sha256}`` (the stored file), ``POST
/console/help/{id}/close``. Plus the same move as JSON for programs:
``POST /console/api/dossiers/{id}/transition`` (header ``X-CSRF-Token``, see ``/people/me.json``).

Only signed-in officers (and supervisors, admins) of the dossier's agency: the access rule
of every route is declared here and enforced by :mod:`central.access`. The officer recorded on
a move is the signed-in person, never a form field; forms carry the session's CSRF token.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from central.access import Access, access, csrf_token, current_person
from central.catalog_state import sandbox_catalog
from central.dossiers import (
    STATE_TEXT,
    Transition,
    TransitionError,
    apply_transition,
    as_utc,
    public_json,
)
from central.errors import Open311Problem
from central.fleet_models import FleetKiosk
from central.models import STATES, TRANSITIONS, AttachmentRow, DossierRow
from central.staff_models import HelpRequestRecord
from kiosk import tracking
from kiosk.logs import get_logger, mask_id

log = get_logger(__name__)
router = APIRouter(include_in_schema=False)
e = html.escape
# SQLite INTEGER range: larger IDs are simply invalid, not a crash.
DossierId = Annotated[int, Path(ge=1, le=2**62)]


def _vi(state: str) -> str:
    return STATE_TEXT.get(state, (state, state))[0]


def _local(dt: datetime | None) -> str:
    from kiosk.vntime import VN_TZ

    d = as_utc(dt)
    return d.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if d else ""


def _page(request: Request, title: str, body: str, status: int = 200) -> HTMLResponse:
    from central.people.routes import signout_form

    person = current_person(request)
    return HTMLResponse(
        f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{e(title)}</title>
<style>body{{font-family:system-ui,"Noto Sans",sans-serif;margin:1rem;max-width:70rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}}
.err{{background:#fde;padding:.5rem;border:1px solid #c00}} form.inline{{display:inline}}
nav a{{margin-right:1rem}}</style></head><body>
<nav><a href="/console">Hồ sơ / Dossiers</a><a href="/console?state=received">Mới nhận / New</a>
<a href="/console/handover">Chờ hoàn thành / Hand-overs</a>
<span id="who">{e(person.name)} ({e(person.role)})</span> {signout_form(request)}</nav>
{body}</body></html>""",
        status_code=status,
    )


@router.get("/console", openapi_extra=access(Access.OFFICER), response_class=HTMLResponse)
def console_home(request: Request, state: str = "", agency: str = "") -> HTMLResponse:
    st = request.app.state.sandbox
    person = current_person(request)
    catalog = sandbox_catalog(st)
    q = select(DossierRow).order_by(DossierRow.id.desc()).limit(200)
    if state in STATES:
        q = q.where(DossierRow.state == state)
    if agency:
        q = q.where(DossierRow.agency_code == agency)
    if "*" not in person.agencies:  # an officer sees their own agencies' dossiers only
        q = q.where(DossierRow.agency_code.in_(person.agencies))
    with st.db() as s:
        rows = s.scalars(q).all()
        hq = select(HelpRequestRecord).where(HelpRequestRecord.status == "open")
        if "*" not in person.agencies:  # help asked at their agencies' (enrolled) kiosks only
            hq = hq.where(HelpRequestRecord.kiosk_id.in_(_kiosks_of(person.agencies)))
        helps = s.scalars(hq.order_by(HelpRequestRecord.created_at)).all()
    dossier_rows = "".join(
        f"<tr id='dossier-{r.id}'><td><a href='/console/dossiers/{r.id}'>{e(tracking.display(r.tracking_code))}</a></td>"
        f"<td>{e(r.dossier_code or '—')}</td>"
        f"<td>{e(p.name('vi') if (p := catalog.get(r.service_code)) else r.service_code)}</td>"
        f"<td>{e(r.agency_code)}</td><td>{e(_vi(r.state))}</td>"
        f"<td>{'Có hỗ trợ: ' + e(r.assisting_officer or '') if r.channel == 'assisted' else 'Tự phục vụ'}</td>"
        f"<td>{e(r.kiosk_id)}</td><td>{e(_local(r.requested_at))}</td>"
        f"<td>{r.appointment_date.strftime('%d/%m/%Y') if r.appointment_date else ''}</td></tr>"
        for r in rows
    )
    help_rows = "".join(
        f"<tr id='help-{e(h.id)}'><td>{e(h.kiosk_id)}</td><td>{e(h.screen)}</td><td>{e(_local(h.created_at))}</td>"
        f"<td><form class='inline' method='post' action='/console/help/{e(h.id)}/close'>"
        f"<input type='hidden' name='csrf' value='{e(csrf_token(request))}'>"
        f"<button>Đã hỗ trợ / Close</button></form></td></tr>"
        for h in helps
    )
    filters = " ".join(f"<a href='/console?state={s}'>{e(_vi(s))}</a>" for s in STATES)
    body = f"""<h1>Bảng điều khiển cán bộ (sandbox) / Staff console</h1>
<h2>Yêu cầu hỗ trợ đang chờ / Open help requests ({len(helps)})</h2>
<table><tr><th>Kiosk</th><th>Màn hình / Screen</th><th>Lúc / At</th><th></th></tr>{help_rows}</table>
<h2>Hồ sơ / Dossiers</h2><p>{filters}</p>
<table><tr><th>Mã theo dõi</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Cơ quan</th><th>Trạng thái</th>
<th>Kênh / Channel</th><th>Kiosk</th><th>Nhận lúc</th><th>Hẹn trả</th></tr>{dossier_rows}</table>"""
    return _page(request, "Staff console", body)


def _kiosks_of(agencies: tuple[str, ...]) -> Select[Any]:
    return select(FleetKiosk.id).where(FleetKiosk.agency.in_(agencies))


def _load(request: Request, dossier_id: int, *, handed_over: bool = False) -> DossierRow:
    """The dossier with its history and attachments; ``handed_over``: only one left to complete."""
    with request.app.state.sandbox.db() as s:
        row = s.get(
            DossierRow,
            dossier_id,
            options=[selectinload(DossierRow.events), selectinload(DossierRow.attachments)],
        )
    if (
        row is None
        or (handed_over and row.handover is None)
        or not current_person(request).works_for(row.agency_code)
    ):
        # Another agency's dossier is "not found", not "forbidden": its existence is not told.
        raise Open311Problem(404, f"no {'handed-over ' if handed_over else ''}dossier {dossier_id}")
    return row


def attachment_items(row: DossierRow, columns: Callable[[AttachmentRow], list[str]]) -> str:
    """A dossier's attachments as list items: each a link to the file, then ``columns(a)`` (the
    dossier page and the hand-over page show different facts of the same files)."""
    return "".join(
        f"<li><a href='/console/attachments/{row.id}/{a.sha256}'>{e(a.name)}</a>"
        f" ({', '.join(e(c) for c in columns(a))})</li>"
        for a in row.attachments
    )


def _detail(request: Request, row: DossierRow, error: str = "", status: int = 200) -> HTMLResponse:
    catalog = sandbox_catalog(request.app.state.sandbox)
    proc = catalog.get(row.service_code)
    applicant = json.loads(row.applicant_json or "{}")
    attributes = json.loads(row.attributes_json or "{}")
    controls = json.loads(row.control_changes_json or "[]")
    attr_names = {a.code: a.description("vi") for a in proc.attributes} if proc else {}
    attrs = "".join(
        f"<tr><th>{e(attr_names.get(k, k))}</th><td>{e(', '.join(v) if isinstance(v, list) else str(v))}</td></tr>"
        for k, v in attributes.items()
    )
    files = attachment_items(
        row, lambda a: [a.mime, f"{a.size} B", *([a.document_code] if a.document_code else [])]
    )
    history = "".join(
        f"<li>{e(_local(ev.at))} — <b>{e(_vi(ev.state))}</b> {e(ev.officer)} {e(ev.note)}</li>"
        for ev in row.events
    )
    moves = TRANSITIONS.get(row.state, ())
    options = "".join(f"<option value='{m}'>{e(_vi(m))}</option>" for m in moves)
    form = (
        f"""<form method="post" action="/console/dossiers/{row.id}/transition">
<label>Chuyển sang / Move to <select name="to_state">{options}</select></label>
<input type="hidden" name="csrf" value="{e(csrf_token(request))}">
<label>Ghi chú / Note <input name="note" size="60" maxlength="1000"></label>
<button>Cập nhật / Update</button></form>"""
        if moves
        else f"<p><a id='complete' href='/console/handover/{row.id}'>Hoàn thành hồ sơ tại quầy / Complete it</a></p>"
        if row.state == "needs_completion"
        else "<p>Hồ sơ đã kết thúc / Closed.</p>"
    )
    channel = "Tự phục vụ / self-service"
    if row.channel == "assisted":
        channel = f"Có cán bộ hỗ trợ / assisted by {e(row.assisting_officer or '')}"
    control_text = "".join(
        f"<li>{e(str(c.get('at')))} {e(str(c.get('action')))} {e(str(c.get('officer_id')))}</li>"
        for c in controls
        if isinstance(c, dict)
    )
    err = f"<p class='err' id='error'>{e(error)}</p>" if error else ""
    body = f"""<h1>Hồ sơ {e(tracking.display(row.tracking_code))}</h1>{err}
<table>
<tr><th>Mã hồ sơ / Dossier code</th><td id="dossier-code">{e(row.dossier_code or "—")}</td></tr>
<tr><th>Thủ tục</th><td>{e(proc.name("vi") if proc else row.service_code)}</td></tr>
<tr><th>Trạng thái</th><td id="state">{e(_vi(row.state))}</td></tr>
<tr><th>Cơ quan</th><td>{e(row.agency_code)}</td></tr>
<tr><th>Kênh / Channel</th><td id="channel">{channel}<ul>{control_text}</ul></td></tr>
<tr><th>Người nộp / Applicant</th><td>{e(str(applicant.get("full_name", "")))}
 — {e(mask_id(str(applicant.get("id_number", ""))))} ({e(str(applicant.get("verification", "")))})</td></tr>
<tr><th>Hẹn trả / Appointment</th><td>{row.appointment_date.strftime("%d/%m/%Y") if row.appointment_date else ""}</td></tr>
{attrs}</table>
<h2>Tài liệu / Attachments</h2><ul>{files or "<li>—</li>"}</ul>
<h2>Cập nhật / Update</h2>{form}
<h2>Lịch sử / History</h2><ol>{history}</ol>
<p><a href="/t/{row.tracking_code}">Trang tra cứu công khai / public page</a></p>"""
    return _page(request, f"Dossier {row.tracking_code}", body, status)


@router.get(
    "/console/dossiers/{dossier_id}", openapi_extra=access(Access.OFFICER), response_class=HTMLResponse
)
def dossier_page(request: Request, dossier_id: DossierId) -> HTMLResponse:
    return _detail(request, _load(request, dossier_id))


def _transition(request: Request, dossier_id: int, to_state: str, note: str) -> DossierRow:
    st = request.app.state.sandbox
    catalog = sandbox_catalog(st)
    person = current_person(request)
    t = Transition(to_state, person.name, note)  # who moved it: the session, never the form
    with st.db() as s, s.begin():
        row = s.get(DossierRow, dossier_id, with_for_update=True)
        if row is None or not person.works_for(row.agency_code):
            raise Open311Problem(404, f"no dossier {dossier_id}")
        apply_transition(s, row, t, catalog)
    log.info("sandbox_dossier_moved", id=dossier_id, to=t.to_state, officer=person.username)
    return _load(request, dossier_id)


@router.post(
    "/console/dossiers/{dossier_id}/transition", openapi_extra=access(Access.OFFICER), response_model=None
)
def transition_form(
    request: Request,
    dossier_id: DossierId,
    to_state: str = Form(..., max_length=32),
    note: str = Form("", max_length=1000),
) -> Response:
    try:
        _transition(request, dossier_id, to_state, note)
    except TransitionError as err:
        return _detail(request, _load(request, dossier_id), str(err), 400)
    return RedirectResponse(f"/console/dossiers/{dossier_id}", status_code=303)


class TransitionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")  # an "officer" field is refused, not silently taken
    to_state: str = Field(max_length=32)
    note: str = Field("", max_length=1000)


@router.post(
    "/console/api/dossiers/{dossier_id}/transition",
    openapi_extra=access(Access.OFFICER),
)
def transition_json(request: Request, dossier_id: DossierId, body: TransitionBody) -> dict[str, Any]:
    try:
        row = _transition(request, dossier_id, body.to_state, body.note)
    except TransitionError as err:
        raise Open311Problem(400, str(err)) from None
    return public_json(row, sandbox_catalog(request.app.state.sandbox))


@router.get(
    "/console/attachments/{dossier_id}/{sha256}",
    openapi_extra=access(Access.OFFICER),
)
def attachment(request: Request, dossier_id: DossierId, sha256: str) -> Response:
    _load(request, dossier_id)  # the dossier must be of the officer's agency
    state = request.app.state.sandbox
    with state.db() as s:
        meta = s.scalar(
            select(AttachmentRow).where(
                AttachmentRow.dossier_id == dossier_id, AttachmentRow.sha256 == sha256
            )
        )
    # Only a hash a dossier cites is looked up: the store is never probed with client input.
    data = state.blobs.get(meta.sha256) if meta is not None else None
    if meta is None or data is None:
        raise Open311Problem(404, "no such attachment")
    return Response(data, media_type=meta.mime)


@router.post("/console/help/{help_id}/close", openapi_extra=access(Access.OFFICER), response_model=None)
def close_help(request: Request, help_id: str) -> Response:
    person = current_person(request)
    with request.app.state.sandbox.db() as s, s.begin():
        row = s.get(HelpRequestRecord, help_id)
        if row is None or not (
            "*" in person.agencies
            or s.scalar(_kiosks_of(person.agencies).where(FleetKiosk.id == row.kiosk_id))
        ):
            raise Open311Problem(404, "no such help request")
        if row.status == "open":
            row.status = "closed"
            row.closed_by = person.username
            row.closed_at = datetime.now(UTC).replace(tzinfo=None)
    return RedirectResponse("/console", status_code=303)
