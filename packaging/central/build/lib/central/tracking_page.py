"""The public tracking page ``GET /t/{tracking_code}`` (what the receipt's QR opens on a
phone) and its JSON twin ``GET /t/{tracking_code}.json`` (what kiosks read).

Public on purpose: it shows the procedure, status timeline, agency and officer
responsible, appointment and contacts, and nothing personal (no name, no ID number). The
receipt's signed query fields are ignored here; kiosks verify them (kiosk/receipt.py).
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import selectinload

from central.access import Access, access
from central.catalog_state import sandbox_catalog
from central.dossiers import STATE_TEXT, public_json
from central.errors import Open311Problem
from central.models import DossierRow
from kiosk import tracking
from kiosk.vntime import VN_TZ

router = APIRouter()

T = {
    "title": ("Tra cứu hồ sơ", "Dossier status"),
    "code": ("Mã theo dõi", "Tracking code"),
    "dossier_code": ("Mã hồ sơ", "Dossier code"),
    "procedure": ("Thủ tục", "Procedure"),
    "status": ("Trạng thái", "Status"),
    "agency": ("Cơ quan giải quyết", "Agency responsible"),
    "officer": ("Cán bộ phụ trách", "Officer in charge"),
    "appointment": ("Ngày hẹn trả kết quả", "Appointment date"),
    "contacts": ("Liên hệ", "Contacts"),
    "timeline": ("Quá trình xử lý", "History"),
    "none": ("chưa có", "not yet"),
    "not_found": (
        "Không tìm thấy hồ sơ với mã này. Xin kiểm tra lại mã trên biên nhận, hoặc hỏi cán bộ tại quầy.",
        "No dossier has this code. Check the code on your receipt, or ask at the counter.",
    ),
    "mistyped": (
        "Mã theo dõi không đúng (sai ký tự kiểm tra). Xin nhập lại đúng như trên biên nhận.",
        "This tracking code is not valid (its check symbol fails). Type it exactly as on the receipt.",
    ),
    "other_lang": ("English", "Tiếng Việt"),
}


def _t(key: str, lang: str) -> str:
    vi, en = T[key]
    return vi if lang == "vi" else en


def _lookup(request: Request, code: str) -> DossierRow | None:
    with request.app.state.sandbox.db() as s:
        from sqlalchemy import select

        return s.scalar(
            select(DossierRow)
            .where(DossierRow.tracking_code == code)
            .options(selectinload(DossierRow.events))
        )


def _local(iso_value: str | None) -> str:
    if not iso_value:
        return ""
    dt = datetime.fromisoformat(iso_value.replace("Z", "+00:00")).astimezone(VN_TZ)
    return dt.strftime("%d/%m/%Y %H:%M")


@router.get(
    "/t/{tracking_code}.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["extensions"],
    summary="Dossier status by tracking code (public JSON)",
    responses={400: {"description": "mistyped code"}, 404: {"description": "unknown code"}},
)
def track_json(
    request: Request, tracking_code: str, lang: str = Query("vi", pattern="^(vi|en)$")
) -> dict[str, Any]:
    code = tracking.normalize(tracking_code)
    if code is None or not tracking.is_valid(code):
        raise Open311Problem(
            400, "tracking code is not valid (check symbol fails); type it as printed on the receipt"
        )
    row = _lookup(request, code)
    if row is None:
        raise Open311Problem(404, "no dossier has this tracking code")
    return public_json(row, sandbox_catalog(request.app.state.sandbox), lang)


def _page(lang: str, title: str, body: str, status: int = 200) -> HTMLResponse:
    doc = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,"Noto Sans",sans-serif;font-size:18px;line-height:1.5;margin:0;padding:1rem;max-width:40rem;color:#111;background:#fff}}
h1{{font-size:1.5rem}} dt{{font-weight:600;margin-top:.6rem}} dd{{margin:0}}
.state{{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;background:#0b5394;color:#fff}}
ol{{padding-left:1.2rem}} li{{margin:.4rem 0}} .muted{{color:#555}} a{{color:#0b5394}}
</style></head><body>{body}</body></html>"""
    return HTMLResponse(doc, status_code=status)


@router.get(
    "/t/{tracking_code}",
    openapi_extra=access(Access.PUBLIC),
    response_class=HTMLResponse,
    tags=["extensions"],
    summary="Public tracking page (HTML, Vietnamese or English)",
)
def track_page(
    request: Request, tracking_code: str, lang: str = Query("vi", pattern="^(vi|en)$")
) -> HTMLResponse:
    other = "en" if lang == "vi" else "vi"
    switch = f'<p><a href="?lang={other}">{_t("other_lang", lang)}</a></p>'
    code = tracking.normalize(tracking_code)
    if code is None or not tracking.is_valid(code):
        return _page(
            lang, _t("title", lang), f"<h1>{_t('title', lang)}</h1><p>{_t('mistyped', lang)}</p>{switch}", 400
        )
    row = _lookup(request, code)
    if row is None:
        return _page(
            lang,
            _t("title", lang),
            f"<h1>{_t('title', lang)}</h1><p>{_t('not_found', lang)}</p>{switch}",
            404,
        )
    d = public_json(row, sandbox_catalog(request.app.state.sandbox), lang)
    e = html.escape
    agency = d["x_agency"] or {}
    contact = agency.get("contact") or {}
    appointment = d["x_appointment_date"]
    appt = datetime.fromisoformat(appointment).strftime("%d/%m/%Y") if appointment else _t("none", lang)
    events = "".join(
        f"<li><b>{e(STATE_TEXT.get(ev['state'], (ev['state'], ev['state']))[0 if lang == 'vi' else 1])}</b>"
        f" <span class='muted'>{e(_local(ev['at']))}</span>"
        + (f"<br>{e(ev['note'])}" if ev["note"] and not ev["note"].startswith("kiosk ") else "")
        + (f"<br><span class='muted'>{e(ev['officer'])}</span>" if ev["officer"] else "")
        + "</li>"
        for ev in d["x_history"]
    )
    contacts = "<br>".join(
        e(v)
        for v in (contact.get("address"), contact.get("phone"), contact.get("email"), contact.get("hours"))
        if v
    )
    body = f"""<h1>{_t("title", lang)}</h1>{switch}
<dl>
<dt>{_t("code", lang)}</dt><dd>{e(tracking.display(code))}</dd>
<dt>{_t("dossier_code", lang)}</dt><dd>{e(d["x_dossier_code"] or _t("none", lang))}</dd>
<dt>{_t("procedure", lang)}</dt><dd>{e(d["service_name"])}</dd>
<dt>{_t("status", lang)}</dt><dd><span class="state" id="state">{e(d["x_state_text"])}</span>
{("<br>" + e(d["status_notes"])) if d["status_notes"] else ""}</dd>
<dt>{_t("appointment", lang)}</dt><dd id="appointment">{e(appt)}</dd>
<dt>{_t("agency", lang)}</dt><dd>{e(d["agency_responsible"])}</dd>
<dt>{_t("officer", lang)}</dt><dd>{e(d["x_officer"] or _t("none", lang))}</dd>
<dt>{_t("contacts", lang)}</dt><dd>{contacts or _t("none", lang)}</dd>
</dl>
<h2>{_t("timeline", lang)}</h2><ol>{events}</ol>"""
    return _page(lang, f"{_t('title', lang)} {tracking.display(code)}", body)
