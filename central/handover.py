"""The counter's side of the hand-over (issue 19): the console pages where an officer sees the
dossiers kiosks handed over incomplete, opens one (what the chip and the citizen gave, read
only; the photos), adds only what is missing (answers, scans, or "original seen") and
registers it.

Routes (HTML, officers of the dossier's agency, rules in :mod:`central.access`):
``GET /console/handover`` (the queue: number, procedure, time, kiosk; nobody's name),
``GET /console/handover/{id}`` (one dossier), ``POST /console/handover/{id}/complete``
(multipart form: ``csrf``, ``attribute[<code>]`` for missing answers, ``doc[<code>]`` files,
``seen`` document codes; 303 to the dossier's console page, or 400 with the page and what is
still missing). The officer recorded is the signed-in person, never a form field.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import ColumnElement, false, func, or_, select
from starlette.datastructures import FormData, UploadFile

from central.access import Access, access, csrf_token, current_person
from central.catalog_state import sandbox_catalog
from central.console import DossierId, _load, _local, _page, attachment_items, e
from central.errors import Open311Problem
from central.handover_flow import missing_parts, register_completed
from central.handover_models import HandoverRow
from central.models import AttachmentRow, DossierRow
from central.open311 import MAX_ATTACHMENT_BYTES, _attributes
from kiosk import tracking
from kiosk.catalog.model import Procedure
from kiosk.central.protocol import ATTACHMENT_TYPES
from kiosk.logs import get_logger, mask_id

log = get_logger(__name__)
router = APIRouter(include_in_schema=False)


# A search is a number or a code someone reads out: no longer than a tracking code with dashes.
MAX_QUERY = 40


def _matches(q: str) -> ColumnElement[bool] | None:
    """Hand-overs ``q`` names: the central's queue number (``Q-017`` or just ``17``), the
    number the kiosk printed itself (``K-07-003``) or the tracking code (any dashes or case)."""
    text = q.strip().upper()
    if not text or len(text) > MAX_QUERY:
        return None
    queue = f"Q-{int(text):03d}" if text.isdigit() and len(text) <= 4 else text
    found: list[ColumnElement[bool]] = [
        HandoverRow.queue_number == queue,
        func.upper(HandoverRow.slip_number) == text,
    ]
    code = tracking.normalize(text)
    if code is not None and tracking.is_valid(code):
        found.append(DossierRow.tracking_code == code)
    return or_(*found)


def _numbers(h: HandoverRow) -> str:
    slip = f" <span class='slip'>(phiếu in: {e(h.slip_number)})</span>" if h.slip_number else ""
    return f"{e(h.queue_number)}{slip}"


@router.get("/console/handover", openapi_extra=access(Access.OFFICER), response_class=HTMLResponse)
def handover_queue(request: Request, q: str = "") -> HTMLResponse:
    """The queue of hand-overs waiting; with ``q``, the hand-overs (waiting or done) it names."""
    st = request.app.state.sandbox
    person = current_person(request)
    catalog = sandbox_catalog(st)
    query = select(DossierRow, HandoverRow).join(HandoverRow, HandoverRow.dossier_id == DossierRow.id)
    searched = q.strip()
    note = ""
    if searched:
        condition = _matches(searched)
        if condition is None:
            note = f"Nhập số thứ tự, số trên phiếu in hoặc mã theo dõi (tối đa {MAX_QUERY} ký tự)."
            condition = false()
        query = query.where(condition).order_by(HandoverRow.handed_over_at.desc())
    else:
        query = query.where(DossierRow.state == "needs_completion").order_by(HandoverRow.handed_over_at)
    if "*" not in person.agencies:
        query = query.where(DossierRow.agency_code.in_(person.agencies))
    with st.db() as s:
        rows = s.execute(query.limit(500)).all()
    lines = "".join(
        f"<tr id='handover-{d.id}'><td><a href='/console/handover/{d.id}'>{_numbers(h)}</a></td>"
        f"<td>{e(tracking.display(d.tracking_code))}</td>"
        f"<td>{e(p.name('vi') if (p := catalog.get(d.service_code)) else d.service_code)}</td>"
        f"<td>{e(_local(h.handed_over_at))}</td><td>{e(d.kiosk_id)}</td>"
        f"<td>{'Chờ hoàn thành' if d.state == 'needs_completion' else 'Đã tiếp nhận'}</td></tr>"
        for d, h in rows
    )
    if searched:
        title = f"Tìm / Search “{e(searched[:MAX_QUERY])}” ({len(rows)})"
        back = "<p><a href='/console/handover'>Tất cả hồ sơ chờ / All waiting</a></p>"
    else:
        title = f"Hồ sơ chờ cán bộ hoàn thành / Waiting for staff at the counter ({len(rows)})"
        back = ""
    empty = "" if rows else "<p id='handover-none'>Không có hồ sơ / None.</p>"
    err = f"<p class='err' id='search-error'>{e(note)}</p>" if note else ""
    body = f"""<h1>{title}</h1>
<form id="handover-search" method="get" action="/console/handover">
<label for="q">Số thứ tự, số trên phiếu in hoặc mã theo dõi / Queue number, slip number or tracking code</label>
<input id="q" name="q" maxlength="{MAX_QUERY}" value="{e(searched[:MAX_QUERY])}" autofocus>
<button id="search">Tìm / Search</button></form>{err}{back}
<table id="handover-queue"><tr><th>Số thứ tự / Queue</th><th>Mã theo dõi</th><th>Thủ tục</th>
<th>Nộp lúc / At</th><th>Kiosk</th><th>Trạng thái / State</th></tr>{lines}</table>{empty}"""
    return _page(request, "Hand-over queue", body)


def _input(a: Any) -> str:
    name = f"attribute[{a.code}]"
    if a.datatype in ("singlevaluelist", "multivaluelist"):
        multiple = " multiple" if a.datatype == "multivaluelist" else ""
        opts = "".join(f"<option value='{e(v.key)}'>{e(v.name('vi'))}</option>" for v in a.values)
        field = name + ("[]" if multiple else "")
        return f"<select id='in-{e(a.code)}' name='{e(field)}'{multiple}><option value=''></option>{opts}</select>"
    kind = "date" if a.datatype == "datetime" else "number" if a.datatype == "number" else "text"
    return f"<input id='in-{e(a.code)}' type='{kind}' name='{e(name)}' maxlength='2000'>"


def _shown(v: Any) -> str:
    return ", ".join(v) if isinstance(v, list) else str(v)


def _handover_page(request: Request, row: DossierRow, error: str = "", status: int = 200) -> HTMLResponse:
    proc = sandbox_catalog(request.app.state.sandbox).require(row.service_code)
    applicant = json.loads(row.applicant_json or "{}")
    given = json.loads(row.attributes_json or "{}")
    missing = missing_parts(row, proc)
    chip = "".join(
        f"<tr><th>{label}</th><td class='given'>{e(value)}</td></tr>"
        for label, value in (
            ("Họ và tên / Name", str(applicant.get("full_name", ""))),
            ("Số định danh / ID", mask_id(str(applicant.get("id_number", "")))),
            ("Ngày sinh / Born", str(applicant.get("birth_date", ""))),
            ("Nơi cư trú / Residence", str(applicant.get("address", ""))),
            ("Xác thực / Verification", str(applicant.get("verification", ""))),
        )
    )
    answers = "".join(
        f"<tr id='given-{e(a.code)}'><th>{e(a.description('vi'))}</th><td class='given'>{e(_shown(given[a.code]))}</td></tr>"
        if a.code in given
        else f"<tr id='missing-{e(a.code)}'><th>{e(a.description('vi'))}{' *' if a.required else ''}</th><td>{_input(a)}</td></tr>"
        for a in proc.attributes
    )
    photos = attachment_items(row, lambda a: [a.document_code or "", f"{a.size} B"])
    docs = "".join(
        f"<tr id='doc-{e(d.identifier)}'><th>{e(d.name.vi)} *</th><td><input type='file' name='doc[{e(d.identifier)}]'"
        f" accept='{e(','.join(ATTACHMENT_TYPES))}'> <label><input type='checkbox' name='seen' value='{e(d.identifier)}'>"
        f" Đã xem bản chính / original seen</label></td></tr>"
        for d in proc.inputs
        if d.identifier in missing.documents
    )
    history = "".join(f"<li>{e(_local(ev.at))} — {e(ev.state)} {e(ev.officer)}</li>" for ev in row.events)
    err = f"<p class='err' id='error'>{e(error)}</p>" if error else ""
    queue = row.handover.queue_number if row.handover is not None else ""
    form = (
        f"""<form id="complete" method="post" enctype="multipart/form-data" action="/console/handover/{row.id}/complete">
<input type="hidden" name="csrf" value="{e(csrf_token(request))}">
<h2>Câu trả lời / Answers</h2><table>{answers}</table>
<h2>Giấy tờ còn thiếu / Missing documents</h2><table>{docs or "<tr><td>—</td></tr>"}</table>
<button id="register">Hoàn thành và tiếp nhận / Complete and register</button></form>"""
        if row.state == "needs_completion"
        else f"<p id='done'>Đã tiếp nhận / Registered. <a href='/console/dossiers/{row.id}'>Hồ sơ / Dossier</a></p>"
    )
    slip = row.handover.slip_number if row.handover is not None else None
    printed = f" <span id='slip-number'>(phiếu in: {e(slip)})</span>" if slip else ""
    body = f"""<h1>{e(queue)}{printed} — {e(proc.name("vi"))}</h1>{err}
<p>Mã theo dõi / Tracking: <b id="tracking">{e(tracking.display(row.tracking_code))}</b></p>
<h2>Từ thẻ căn cước / From the chip card</h2><table id="chip">{chip}</table>
<h2>Ảnh giấy tờ đã chụp / Photographed at the kiosk</h2><ul id="photos">{photos or "<li>—</li>"}</ul>
{form}<h2>Lịch sử / History</h2><ol>{history}</ol>"""
    return _page(request, f"Hand-over {queue}", body, status)


@router.get(
    "/console/handover/{dossier_id}", openapi_extra=access(Access.OFFICER), response_class=HTMLResponse
)
def handover_page(request: Request, dossier_id: DossierId) -> HTMLResponse:
    return _handover_page(request, _load(request, dossier_id, handed_over=True))


async def _uploads(form: FormData, proc: Procedure) -> list[tuple[dict[str, Any], bytes]]:
    """The scans the officer added, one per missing document at most, checked like a kiosk's."""
    out = []
    for d in proc.inputs:
        f = form.get(f"doc[{d.identifier}]")
        if not isinstance(f, UploadFile) or not f.filename:
            continue
        data = await f.read(MAX_ATTACHMENT_BYTES + 1)
        if not data:
            continue
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise Open311Problem(413, f"doc[{d.identifier}]: larger than {MAX_ATTACHMENT_BYTES // 2**20} MB")
        mime = next((m for m, magic in ATTACHMENT_TYPES.items() if data.startswith(magic)), None)
        if mime is None:
            raise Open311Problem(415, f"doc[{d.identifier}]: send a JPEG, PNG or PDF scan")
        digest = hashlib.sha256(data).hexdigest()
        meta = {"sha256": digest, "name": (f.filename or d.identifier)[:255], "mime": mime, "size": len(data)}
        out.append(({**meta, "document_code": d.identifier}, data))
    return out


@router.post(
    "/console/handover/{dossier_id}/complete", openapi_extra=access(Access.OFFICER), response_model=None
)
async def complete(request: Request, dossier_id: DossierId) -> Response:
    st = request.app.state.sandbox
    person = current_person(request)
    catalog = sandbox_catalog(st)
    row = _load(request, dossier_id, handed_over=True)
    proc = catalog.require(row.service_code)
    form = await request.form(max_files=len(proc.inputs) + 1, max_fields=200)
    try:
        added = _attributes(form, proc, complete=False)
        uploads = await _uploads(form, proc)
        seen = {v for v in form.getlist("seen") if isinstance(v, str)} & {d.identifier for d in proc.inputs}
        for meta, data in uploads:
            st.blobs.put(meta["sha256"], data)  # bytes first, rows second (as central.open311)
        with st.db() as s, s.begin():
            locked = s.get(DossierRow, dossier_id, with_for_update=True)
            if locked is None:
                raise Open311Problem(404, f"no dossier {dossier_id}")
            have = {a.sha256 for a in locked.attachments}
            for meta, _data in uploads:
                if meta["sha256"] not in have:
                    s.add(AttachmentRow(dossier=locked, **meta))
            s.flush()
            register_completed(
                s,
                locked,
                catalog,
                added=added,
                seen_documents=seen,
                officer_name=person.name,
                officer_username=person.username,
            )
    except Open311Problem as problem:
        if problem.status not in (400, 413, 415):
            raise
        return _handover_page(
            request,
            _load(request, dossier_id, handed_over=True),
            " ".join(problem.descriptions),
            problem.status,
        )
    log.info("handover_completed", id=dossier_id, officer=person.username, uploads=len(uploads))
    return RedirectResponse(f"/console/dossiers/{dossier_id}", status_code=303)
