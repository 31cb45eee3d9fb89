"""The central's view of its kiosks (sandbox): signed configurations, heartbeats, remote
commands, self-test reports, decommissioning, ``GET /fleet.json`` and the fleet page.

Kiosk-facing routes (``/kiosk/...``) require an RFC 9421 signature by an enrolled kiosk
(:func:`central.enrollment.signed_kiosk`). The fleet view needs a signed-in technician (or
admin) and shows the kiosks of their agencies; operator actions (commands, signed
configurations) need a signed-in admin, with the session's CSRF token: the rules are
declared on each route and enforced by :mod:`central.access`, never by the caller's address.
No route here carries personal data; kiosks report device states, counts and ages only.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import time
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from central.access import Access, access, csrf_token, current_person
from central.central_key import central_signing_key
from central.enrollment import audit, now, signed_kiosk, store_config
from central.fleet_models import (
    DiagnosticBundle,
    FleetAudit,
    FleetKiosk,
    KioskCommand,
    KioskConfigVersion,
    SelftestReport,
)
from central.fleet_tray import TrayHealth, tray_alerts
from central.trust_approval import PendingTrustChange, config_in_force
from provisioning.config import APPROVAL_KIND, approval_payload, trust_changes
from provisioning.signing import sign_document

MODELS_MODULE = "central.fleet_models"
COMMAND_KINDS = ("out_of_service", "in_service", "refresh_catalog", "collect_diagnostics")
COMMAND_TTL_S = 24 * 3600
OFFLINE_AFTER_INTERVALS = 3
DEFAULT_OUTBOX_ALERT_S = 2 * 3600

router = APIRouter(tags=["kiosk fleet"])


# ---------------------------------------------------------------- helpers usable without HTTP


def latest_version(s: Session, kiosk_id: str) -> int:
    return int(
        s.scalar(select(func.max(KioskConfigVersion.version)).where(KioskConfigVersion.kiosk_id == kiosk_id))
        or 0
    )


def sign_config(
    state: Any, kiosk_id: str, version: int, config: dict[str, Any], *, at: float | None = None
) -> dict[str, Any]:
    """Sign a configuration for one kiosk. Stored as that kiosk's current one when it is newer.

    Older versions can still be signed (a technician's tool; the kiosk refuses rollbacks).
    """
    at = time.time() if at is None else at
    with state.db() as s:
        if s.get(FleetKiosk, kiosk_id) is not None and version > latest_version(s, kiosk_id):
            doc = store_config(s, state, kiosk_id, version, config, at)
            audit(s, at, "config_signed", kiosk_id, version=version, stored=True)
            s.commit()
            return doc
        payload = {"kiosk_id": kiosk_id, "version": version, "issued_at": at, "config": config}
        audit(s, at, "config_signed", kiosk_id, version=version, stored=False)
        s.commit()
    return sign_document(central_signing_key(state.data_dir), "kiosk-config", payload)


def issue_command(
    state: Any, kiosk_id: str, kind: str, args: dict[str, Any] | None = None, *, at: float
) -> int:
    if kind not in COMMAND_KINDS:
        raise ValueError(f"unknown command {kind!r}; one of {', '.join(COMMAND_KINDS)}")
    with state.db() as s:
        kiosk = s.get(FleetKiosk, kiosk_id)
        if kiosk is None or kiosk.status != "active":
            raise LookupError(f"no active kiosk {kiosk_id!r}")
        row = KioskCommand(
            kiosk_id=kiosk_id, kind=kind, signed="", created_at=at, expires_at=at + COMMAND_TTL_S
        )
        s.add(row)
        s.flush()
        payload = {
            "command_id": row.id,
            "kiosk_id": kiosk_id,
            "kind": kind,
            "args": args or {},
            "issued_at": at,
            "expires_at": at + COMMAND_TTL_S,
        }
        row.signed = json.dumps(sign_document(central_signing_key(state.data_dir), "kiosk-command", payload))
        audit(s, at, "command_issued", kiosk_id, command_id=row.id, kind=kind)
        s.commit()
        return int(row.id)


@dataclass(frozen=True)
class Alert:
    code: str
    level: Literal["warn", "alert"]
    text_vi: str
    text_en: str


def kiosk_view(
    k: FleetKiosk, at: float, outbox_alert_s: float, pending: list[str] | None = None
) -> dict[str, Any]:
    hb: dict[str, Any] = json.loads(k.last_heartbeat) if k.last_heartbeat else {}
    silent = at - k.last_seen_at if k.last_seen_at is not None else None
    if k.status != "active":
        state = "decommissioned"
    elif silent is None:
        state = "never_seen"
    elif silent > OFFLINE_AFTER_INTERVALS * k.heartbeat_interval_s:
        state = "offline"
    elif k.out_of_service:  # set by the latest heartbeat or command result
        state = "out_of_service"
    else:
        state = "online"
    alerts: list[Alert] = []
    if state == "offline":
        alerts.append(Alert("offline", "alert", "Mất liên lạc", f"Silent for {int(silent or 0)} s"))
    paper = hb.get("paper")
    if paper == "out":
        alerts.append(Alert("paper_out", "alert", "Hết giấy in", "Printer paper out"))
    elif paper == "near_end":
        alerts.append(Alert("paper_near_end", "warn", "Giấy in sắp hết", "Printer paper near end"))
    for d in hb.get("devices", []):
        if d.get("kind") == "card_reader" and d.get("state") in ("absent", "fail"):
            alerts.append(Alert("reader_missing", "alert", "Không thấy đầu đọc thẻ", "Card reader missing"))
        elif d.get("kind") == "printer" and d.get("state") == "fail" and paper != "out":
            alerts.append(Alert("printer_fault", "alert", "Máy in lỗi", f"Printer: {d.get('detail', '')}"))
    alerts += [Alert(*a) for a in tray_alerts(hb.get("tray"), k.id)]
    oldest = (hb.get("outbox") or {}).get("oldest_age_s")
    if isinstance(oldest, int | float) and oldest > outbox_alert_s:
        alerts.append(
            Alert(
                "outbox_stuck",
                "alert",
                f"Hồ sơ chờ gửi quá {int(oldest // 60)} phút",
                f"Outbox oldest item waiting {int(oldest // 60)} min",
            )
        )
    return {
        "kiosk_id": k.id,
        "agency": k.agency,
        "state": state,
        "fingerprint": k.fingerprint,
        "enrolled_at": k.enrolled_at,
        "last_seen_at": k.last_seen_at,
        "silent_s": silent,
        "heartbeat_interval_s": k.heartbeat_interval_s,
        "software_version": hb.get("software_version"),
        "config_version": hb.get("config_version"),
        "paper": paper,
        "outbox": hb.get("outbox"),
        "disk_free_pct": hb.get("disk_free_pct"),
        "devices": hb.get("devices", []),
        "tray": hb.get("tray"),
        "alerts": [a.__dict__ for a in alerts],
        "pending_commands": pending or [],
    }


def fleet_snapshot(db: sessionmaker[Session], at: float, outbox_alert_s: float) -> list[dict[str, Any]]:
    with db() as s:
        rows = s.scalars(select(FleetKiosk).order_by(FleetKiosk.agency, FleetKiosk.id)).all()
        pending: dict[str, list[str]] = {}
        for c in s.scalars(
            select(KioskCommand)
            .where(KioskCommand.done_at.is_(None), KioskCommand.expires_at > at)
            .order_by(KioskCommand.id)
        ):
            pending.setdefault(c.kiosk_id, []).append(c.kind)
        return [kiosk_view(k, at, outbox_alert_s, pending.get(k.id)) for k in rows]


def _outbox_alert_s(request: Request) -> float:
    return float(request.app.state.sandbox.extra.get("fleet_outbox_alert_s", DEFAULT_OUTBOX_ALERT_S))


def _visible(request: Request, kiosks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    person = current_person(request)
    return [k for k in kiosks if person.works_for(str(k.get("agency", "")))]


def _operable(request: Request, kiosk_id: str) -> None:
    """An admin acts on kiosks of their own agencies only ("*": all)."""
    with request.app.state.sandbox.db() as s:
        k = s.get(FleetKiosk, kiosk_id)
    if k is None or not current_person(request).works_for(k.agency):
        raise HTTPException(404, detail=f"fleet.no_kiosk: no kiosk {kiosk_id!r}")


# ---------------------------------------------------------------- kiosk-facing routes


@router.get(
    "/kiosk/time",
    openapi_extra=access(Access.PUBLIC),
)
def server_time(request: Request) -> dict[str, Any]:
    """The central's clock, unauthenticated: kiosks measure latency and clock skew with it."""
    return {"server_time": now(request)}


@router.get(
    "/kiosk/ping",
    openapi_extra=access(Access.KIOSK),
)
def ping(request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)) -> dict[str, Any]:
    """A signed no-op: proves the kiosk's signatures are accepted."""
    return {"server_time": now(request), "kiosk_id": kiosk.id, "agency": kiosk.agency}


@router.get(
    "/kiosk/config",
    openapi_extra=access(Access.KIOSK),
)
def get_config(request: Request, have: int = 0, kiosk: FleetKiosk = Depends(signed_kiosk)) -> Response:
    with request.app.state.sandbox.db() as s:
        row = s.scalar(
            select(KioskConfigVersion)
            .where(KioskConfigVersion.kiosk_id == kiosk.id)
            .order_by(KioskConfigVersion.version.desc())
            .limit(1)
        )
    if row is None or row.version <= have:
        return Response(status_code=204)
    return Response(row.signed, media_type="application/json")


class DeviceState(BaseModel):
    model_config = ConfigDict(extra="ignore")
    kind: str = Field(max_length=32)
    name: str = Field("", max_length=120)
    state: str = Field(max_length=16)
    detail: str = Field("", max_length=300)


class OutboxState(BaseModel):
    model_config = ConfigDict(extra="ignore")
    size: int = Field(0, ge=0)
    oldest_age_s: float | None = None
    last_sync_at: float | None = None


class Heartbeat(BaseModel):
    """What a kiosk reports. Unknown keys are dropped: only these (non-personal) fields are kept."""

    model_config = ConfigDict(extra="ignore")
    software_version: str = Field("", max_length=40)
    uptime_s: float = 0
    devices: list[DeviceState] = Field(default_factory=list, max_length=16)
    paper: Literal["ok", "near_end", "out", "unknown"] = "unknown"
    outbox: OutboxState = OutboxState()
    disk_free_bytes: int | None = None
    disk_free_pct: float | None = None
    config_version: int = 0
    out_of_service: bool = False
    sent_at: float | None = None
    tray: TrayHealth | None = None


@router.post(
    "/kiosk/heartbeat",
    openapi_extra=access(Access.KIOSK),
)
def heartbeat(hb: Heartbeat, request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)) -> dict[str, Any]:
    state = request.app.state.sandbox
    at = now(request)
    with state.db() as s:
        k = s.get(FleetKiosk, kiosk.id)
        assert k is not None
        k.last_seen_at = at
        k.last_heartbeat = hb.model_dump_json()
        k.out_of_service = hb.out_of_service
        pending = s.scalars(
            select(KioskCommand)
            .where(
                KioskCommand.kiosk_id == k.id, KioskCommand.done_at.is_(None), KioskCommand.expires_at > at
            )
            .order_by(KioskCommand.id)
        ).all()
        for c in pending:
            c.delivered_at = c.delivered_at or at
        version = latest_version(s, k.id)
        interval = k.heartbeat_interval_s
        s.commit()
        commands = [json.loads(c.signed) for c in pending]
    return {
        "server_time": at,
        "heartbeat_interval_s": interval,
        "config_version": version,
        "commands": commands,
    }


class CommandResult(BaseModel):
    status: Literal["done", "refused", "failed"]
    detail: str = Field("", max_length=500)


@router.post(
    "/kiosk/commands/{command_id}/result",
    openapi_extra=access(Access.KIOSK),
)
def command_result(
    command_id: int, result: CommandResult, request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)
) -> dict[str, Any]:
    at = now(request)
    with request.app.state.sandbox.db() as s:
        c = s.get(KioskCommand, command_id)
        if c is None or c.kiosk_id != kiosk.id:
            raise HTTPException(404, detail="fleet.no_command: no such command for this kiosk")
        c.done_at = at
        c.result = result.model_dump_json()
        if result.status == "done" and c.kind in ("out_of_service", "in_service"):
            k = s.get(FleetKiosk, kiosk.id)
            if k is not None:
                k.out_of_service = c.kind == "out_of_service"
        audit(s, at, "command_result", kiosk.id, command_id=command_id, kind=c.kind, status=result.status)
        s.commit()
    return {"ok": True}


class SelftestBody(BaseModel):
    model_config = ConfigDict(extra="allow")
    overall: Literal["pass", "warn", "fail"]
    checks: list[dict[str, Any]] = Field(max_length=32)


@router.post(
    "/kiosk/selftest",
    openapi_extra=access(Access.KIOSK),
)
def selftest_report(
    body: SelftestBody, request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)
) -> dict[str, Any]:
    at = now(request)
    with request.app.state.sandbox.db() as s:
        row = SelftestReport(
            kiosk_id=kiosk.id, received_at=at, overall=body.overall, report=body.model_dump_json()
        )
        s.add(row)
        audit(s, at, "selftest_received", kiosk.id, overall=body.overall)
        s.commit()
        return {"ok": True, "report_id": row.id}


async def _capped_body(request: Request, megabytes: int, what: str) -> bytes:
    body = await request.body()
    if len(body) > megabytes * 1_000_000:
        raise HTTPException(413, detail=f"fleet.too_large: {what} over {megabytes} MB")
    return body


@router.post(
    "/kiosk/diagnostics",
    openapi_extra=access(Access.KIOSK),
)
async def diagnostics(request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)) -> dict[str, Any]:
    body = await _capped_body(request, 2, "diagnostic bundle")
    at = now(request)
    with request.app.state.sandbox.db() as s:
        row = DiagnosticBundle(kiosk_id=kiosk.id, received_at=at, bundle=body.decode("utf-8", "replace"))
        s.add(row)
        audit(s, at, "diagnostics_received", kiosk.id, bytes=len(body))
        s.commit()
        return {"ok": True, "bundle_id": row.id}


@router.post(
    "/kiosk/outbox-export",
    openapi_extra=access(Access.KIOSK),
)
async def outbox_export(request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)) -> dict[str, Any]:
    """Before a reset, the kiosk hands over what its outbox still holds (the central is the
    rightful keeper of citizens' dossiers; nothing is written to a technician's medium)."""
    body = await _capped_body(request, 50, "export")
    digest = hashlib.sha256(body).hexdigest()
    at = now(request)
    d = request.app.state.sandbox.data_dir / "fleet_exports"
    d.mkdir(parents=True, exist_ok=True)
    os.chmod(d, 0o700)
    path = d / f"{kiosk.id}-{int(at)}-{digest[:12]}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    with request.app.state.sandbox.db() as s:
        audit(s, at, "outbox_export_received", kiosk.id, bytes=len(body), sha256=digest)
        s.commit()
    return {"ok": True, "sha256": digest, "bytes": len(body)}


class DecommissionBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    reason: str = Field("", max_length=200)
    outbox_exported: int = Field(0, ge=0)
    outbox_export_sha256: str = Field("", max_length=64)
    wiped: list[str] = Field(default_factory=list, max_length=32)


@router.post(
    "/kiosk/decommission",
    openapi_extra=access(Access.KIOSK),
)
def decommission(
    body: DecommissionBody, request: Request, kiosk: FleetKiosk = Depends(signed_kiosk)
) -> dict[str, Any]:
    """The kiosk is being reset: revoke its key and keep an audit record."""
    at = now(request)
    with request.app.state.sandbox.db() as s:
        k = s.get(FleetKiosk, kiosk.id)
        assert k is not None
        k.status = "decommissioned"
        audit(s, at, "kiosk_decommissioned", k.id, **body.model_dump())
        s.commit()
    return {"ok": True, "kiosk_id": kiosk.id, "decommissioned_at": at}


# ---------------------------------------------------------------- operator routes


@router.get(
    "/fleet.json",
    openapi_extra=access(Access.TECHNICIAN),
)
def fleet_json(request: Request) -> dict[str, Any]:
    at = now(request)
    state = request.app.state.sandbox
    kiosks = _visible(request, fleet_snapshot(state.db, at, _outbox_alert_s(request)))
    return {
        "generated_at": at,
        "offline_after_intervals": OFFLINE_AFTER_INTERVALS,
        "outbox_alert_s": _outbox_alert_s(request),
        "kiosks": kiosks,
    }


class CommandBody(BaseModel):
    kind: Literal["out_of_service", "in_service", "refresh_catalog", "collect_diagnostics"]
    args: dict[str, Any] = Field(default_factory=dict)


@router.post("/fleet/kiosks/{kiosk_id}/commands", openapi_extra=access(Access.ADMIN))
def post_command(kiosk_id: str, body: CommandBody, request: Request) -> dict[str, Any]:
    _operable(request, kiosk_id)
    try:
        cid = issue_command(request.app.state.sandbox, kiosk_id, body.kind, body.args, at=now(request))
    except LookupError as e:
        raise HTTPException(404, detail=f"fleet.no_kiosk: {e}") from None
    return {"command_id": cid, "kiosk_id": kiosk_id, "kind": body.kind}


class ConfigBody(BaseModel):
    config: dict[str, Any]
    version: int | None = Field(None, ge=1)


@router.put("/fleet/kiosks/{kiosk_id}/config", openapi_extra=access(Access.ADMIN), response_model=None)
def put_config(kiosk_id: str, body: ConfigBody, request: Request) -> dict[str, Any] | JSONResponse:
    _operable(request, kiosk_id)
    state = request.app.state.sandbox
    with state.db() as s:
        if s.get(FleetKiosk, kiosk_id) is None:
            raise HTTPException(404, detail=f"fleet.no_kiosk: no kiosk {kiosk_id!r}")
        current = latest_version(s, kiosk_id)
    version = body.version or current + 1
    if version <= current:
        raise HTTPException(
            409,
            detail=f"fleet.version_not_newer: version {version} is not newer than {current}",
        )
    at = now(request)
    with state.db() as s:
        changed = trust_changes(config_in_force(s, kiosk_id), body.config)
        if changed:
            # Whom the kiosk trusts changes: kept until a second admin approves (four eyes).
            who = current_person(request).username
            s.merge(
                PendingTrustChange(
                    kiosk_id=kiosk_id,
                    version=version,
                    config_json=json.dumps(body.config, ensure_ascii=False),
                    changes=",".join(changed),
                    requested_by=who,
                    requested_at=at,
                )
            )
            audit(s, at, "trust_change_requested", kiosk_id, version=version, changes=changed, by=who)
            s.commit()
            return JSONResponse(
                {"kiosk_id": kiosk_id, "version": version, "pending_approval": True, "changes": changed},
                status_code=202,
            )
    sign_config(state, kiosk_id, version, body.config, at=at)
    return {"kiosk_id": kiosk_id, "version": version}


@router.post(
    "/fleet/kiosks/{kiosk_id}/config/{version}/approve",
    openapi_extra=access(Access.ADMIN),
)
def approve_trust_change(kiosk_id: str, version: int, request: Request) -> dict[str, Any]:
    """A second admin approves a pending change of the central URL or trust roots: it is then
    signed, with the approval attached for the kiosk to check."""
    _operable(request, kiosk_id)
    state = request.app.state.sandbox
    approver = current_person(request).username
    at = now(request)
    with state.db() as s:
        pending = s.get(PendingTrustChange, (kiosk_id, version))
        if pending is None:
            raise HTTPException(
                404, detail=f"fleet.no_pending_change: nothing waits for approval as version {version}"
            )
        if pending.requested_by == approver:
            raise HTTPException(
                403, detail="fleet.same_admin: another administrator must approve a change you asked for"
            )
        if version <= latest_version(s, kiosk_id):
            raise HTTPException(409, detail=f"fleet.version_not_newer: version {version} is already taken")
        config = json.loads(pending.config_json)
        approval = sign_document(
            central_signing_key(state.data_dir),
            APPROVAL_KIND,
            approval_payload(kiosk_id, version, config, approver),
        )
        store_config(s, state, kiosk_id, version, config, at, approval=approval)
        audit(
            s,
            at,
            "trust_change_approved",
            kiosk_id,
            version=version,
            changes=pending.changes.split(","),
            requested_by=pending.requested_by,
            approved_by=approver,
        )
        s.delete(pending)
        s.commit()
    return {"kiosk_id": kiosk_id, "version": version, "approved_by": approver}


@router.get(
    "/fleet/audit.json",
    openapi_extra=access(Access.TECHNICIAN),
)
def fleet_audit(request: Request, limit: int = Query(200, ge=1, le=1000)) -> dict[str, Any]:
    with request.app.state.sandbox.db() as s:
        rows = s.scalars(select(FleetAudit).order_by(FleetAudit.id.desc()).limit(limit)).all()
        return {
            "events": [
                {"at": r.at, "kiosk_id": r.kiosk_id, "event": r.event, "detail": json.loads(r.detail)}
                for r in rows
            ]
        }


_STATE_LABEL = {
    "online": ("Đang hoạt động", "Online"),
    "offline": ("Mất liên lạc", "Offline"),
    "out_of_service": ("Tạm ngừng phục vụ", "Out of service"),
    "never_seen": ("Chưa gửi tín hiệu", "Never seen"),
    "decommissioned": ("Đã thu hồi", "Decommissioned"),
}


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(seconds)
    if s < 120:
        return f"{s} s"
    if s < 7200:
        return f"{s // 60} min"
    return f"{s // 3600} h"


_ACTIONS = {
    "out_of_service": ("Ngừng phục vụ", "Out of service"),
    "in_service": ("Phục vụ lại", "Back in service"),
    "collect_diagnostics": ("Lấy chẩn đoán", "Diagnostics"),
    "refresh_catalog": ("Cập nhật danh mục", "Refresh catalog"),
}


def _actions(k: dict[str, Any], csrf: str) -> str:
    if k["state"] == "decommissioned":
        return ""
    e = html.escape
    kinds = [
        "in_service" if k["state"] == "out_of_service" else "out_of_service",
        "collect_diagnostics",
        "refresh_catalog",
    ]
    forms = "".join(
        f'<form method="post" action="/fleet/kiosks/{e(k["kiosk_id"])}/commands/form">'
        f'<input type="hidden" name="kind" value="{kind}"><input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<button type="submit" data-kind="{kind}">{e(_ACTIONS[kind][0])}<br><small>{e(_ACTIONS[kind][1])}</small></button>'
        "</form>"
        for kind in kinds
    )
    pending = k.get("pending_commands") or []
    waiting = f'<div class="pending">Lệnh chờ / Pending: {e(", ".join(pending))}</div>' if pending else ""
    return forms + waiting


def render_fleet_page(kiosks: list[dict[str, Any]], at: float, csrf: str | None = None) -> str:
    """The fleet table; with ``csrf`` (the central's own console) each row also gets command buttons."""
    e = html.escape
    rows = []
    for k in kiosks:
        vi, en = _STATE_LABEL.get(k["state"], (k["state"], k["state"]))
        devices = " ".join(
            f'<span class="dev dev-{e(d.get("state", ""))}" title="{e(d.get("detail", ""))}">'
            f"{e(d.get('kind', ''))}: {e(d.get('state', ''))}</span>"
            for d in k["devices"]
        )
        alerts = "".join(
            f'<li class="alert {e(a["level"])}" data-code="{e(a["code"])}">{e(a["text_vi"])} / {e(a["text_en"])}</li>'
            for a in k["alerts"]
        )
        outbox = k.get("outbox") or {}
        rows.append(
            f'<tr class="kiosk state-{e(k["state"])}" data-kiosk="{e(k["kiosk_id"])}">'
            f'<td class="id">{e(k["kiosk_id"])}</td><td>{e(k["agency"])}</td>'
            f'<td class="state"><span class="badge">{e(vi)}</span><br><small>{e(en)}</small></td>'
            f'<td class="seen">{_ago(k["silent_s"])}</td>'
            f"<td>{e(str(k.get('config_version') or '—'))}</td>"
            f"<td>{e(str(outbox.get('size', '—')))} / {_ago(outbox.get('oldest_age_s'))}</td>"
            f'<td class="devices">{devices}</td><td><ul class="alerts">{alerts}</ul></td>'
            + (f'<td class="actions">{_actions(k, csrf)}</td>' if csrf else "")
            + "</tr>"
        )
    n_alerts = sum(1 for k in kiosks if k["alerts"])
    body = "".join(rows) or '<tr><td colspan="8" class="empty">Chưa có ki-ốt nào / No kiosks yet</td></tr>'
    generated = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(at))
    actions_head = "<th>Lệnh / Commands</th>" if csrf else ""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30"><link rel="icon" href="data:,">
<title>Đội ki-ốt / Kiosk fleet</title>
<style>
body{{font-family:"Noto Sans",system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#f6f7f9}}
h1{{font-size:26px;margin:0 0 4px}} .sub{{color:#555;margin:0 0 16px}}
table{{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 3px #0002}}
th,td{{padding:10px 12px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top;font-size:15px}}
th{{background:#0b3d91;color:#fff;font-weight:600}}
.badge{{display:inline-block;padding:3px 10px;border-radius:12px;font-weight:600;background:#ddd}}
.state-online .badge{{background:#d7f5dd;color:#0a5c1a}} .state-offline .badge{{background:#fde0e0;color:#8a1010}}
.state-out_of_service .badge{{background:#fff1c7;color:#6b4d00}} .state-decommissioned .badge{{background:#e6e6e6;color:#555}}
.dev{{display:inline-block;margin:0 4px 4px 0;padding:2px 6px;border-radius:4px;background:#eef;font-size:13px}}
.dev-fail,.dev-absent{{background:#fde0e0}} .dev-warn{{background:#fff1c7}} .dev-ok{{background:#d7f5dd}}
ul.alerts{{margin:0;padding-left:18px}} li.alert.alert{{color:#8a1010;font-weight:600}} li.alert.warn{{color:#6b4d00}}
.empty{{text-align:center;color:#777}} td.id{{white-space:nowrap;font-weight:600}}
td.actions{{min-width:300px}} td.actions form{{display:inline-block;margin:0 4px 4px 0}} td.actions button{{font-size:13px;padding:4px 8px;border-radius:6px;
border:1px solid #9aa6b8;background:#eef2f8;cursor:pointer}} .pending{{font-size:13px;color:#6b4d00;margin-top:4px}}
</style></head><body>
<h1>Đội ki-ốt một cửa / One-stop kiosk fleet</h1>
<p class="sub" id="summary">{len(kiosks)} ki-ốt · {n_alerts} cần xử lý / {len(kiosks)} kiosks · {n_alerts} need attention · {e(generated)}</p>
<table id="fleet"><thead><tr><th>Ki-ốt / Kiosk</th><th>Cơ quan / Agency</th><th>Trạng thái / State</th>
<th>Liên lạc cuối / Last seen</th><th>Cấu hình / Config</th><th>Hồ sơ chờ / Outbox</th>
<th>Thiết bị / Devices</th><th>Cảnh báo / Alerts</th>{actions_head}</tr></thead><tbody>{body}</tbody></table>
</body></html>"""


@router.get("/fleet", openapi_extra=access(Access.TECHNICIAN), response_class=HTMLResponse)
def fleet_page(request: Request) -> HTMLResponse:
    at = now(request)
    kiosks = _visible(request, fleet_snapshot(request.app.state.sandbox.db, at, _outbox_alert_s(request)))
    # Command buttons only for those who may use them (admins); the token is the session's.
    csrf = csrf_token(request) if current_person(request).may("admin") else None
    from central.people.routes import signout_form

    page = render_fleet_page(kiosks, at, csrf)
    return HTMLResponse(page.replace("<body>", "<body>" + signout_form(request), 1))


@router.post("/fleet/kiosks/{kiosk_id}/commands/form", openapi_extra=access(Access.ADMIN))
async def post_command_form(kiosk_id: str, request: Request) -> Response:
    """The fleet page's buttons: a form post with the session's CSRF token (checked by
    :func:`central.access.enforce`), then back to the page."""
    form = await request.form()
    _operable(request, kiosk_id)
    kind = str(form.get("kind") or "")
    try:
        issue_command(request.app.state.sandbox, kiosk_id, kind, at=now(request))
    except ValueError as e:
        raise HTTPException(400, detail=f"fleet.bad_command: {e}") from None
    except LookupError as e:
        raise HTTPException(404, detail=f"fleet.no_kiosk: {e}") from None
    return Response(status_code=303, headers={"Location": "/fleet"})
