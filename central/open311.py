"""GeoReport v2 endpoints (JSON) and the one-stop-shop extensions of the sandbox central.

Standard: ``GET discovery.json``, ``GET services.json``, ``GET services/{code}.json``,
``POST requests.json``, ``GET tokens/{token}.json``, ``GET requests.json``,
``GET requests/{id}.json``. Extensions (advertised under ``x_onestop`` in discovery):
``x_*`` request fields (tracking code, applicant block, channel, attachments manifest),
multipart attachments, ``Idempotency-Key``, ``x_*`` answer fields (state, history, agency,
dossier code, appointment), ``procedures/{code}.json``, ``catalog.json``, ``agencies.json``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from starlette.datastructures import FormData, UploadFile

from central.access import Access, access
from central.catalog_state import catalog_bytes, sandbox_catalog, shows_samples
from central.dossiers import appointment_for, competent_agency_code, now, public_json
from central.errors import Open311Problem
from central.handover_flow import check_handover_applicant, check_slip_number, record_handover
from central.kiosk_auth import KioskIdentity, kiosk_identity
from central.models import (
    AttachmentRow,
    DossierRow,
    IdempotencyRow,
    StatusEventRow,
)
from kiosk import tracking
from kiosk.catalog import agencies
from kiosk.catalog.model import Catalog, Procedure
from kiosk.central.protocol import ATTACHMENT_TYPES, EXTENSION, EXTENSION_VERSION, FEATURES
from kiosk.logs import get_logger, mask_id

log = get_logger(__name__)
router = APIRouter()

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 20
ERRORS = {"description": "Open311 errors: [{code, description}]"}


def _catalog(request: Request) -> Catalog:
    return sandbox_catalog(request.app.state.sandbox)


# ---- discovery and services ---------------------------------------------------------------


@router.get(
    "/discovery.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["open311"],
    summary="GeoReport v2 discovery, with our extensions",
)
@router.get("/discovery", openapi_extra=access(Access.PUBLIC), include_in_schema=False)
def discovery(request: Request) -> dict[str, Any]:
    state = request.app.state.sandbox
    base = str(request.base_url)
    return {
        "changeset": sandbox_catalog(state).version,
        "contact": "sandbox central (demo and tests)",
        "key_service": "kiosk API keys are issued by the central's operators",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": sandbox_catalog(state).version,
                "type": "test",
                "formats": ["application/json"],
            }
        ],
        EXTENSION: {
            "version": EXTENSION_VERSION,
            "features": list(FEATURES),
            "documentation": base + "docs",
            "paths": {
                "procedure": "procedures/{code}.json",
                "catalog": "catalog.json",
                "agencies": "agencies.json",
                "track": "t/{code}.json",
                "track_page": "t/{code}",
            },
            "central_public_key": base64.b64encode(state.extra["central_public_key"]).decode(),
            "attachments": {
                "max_bytes": MAX_ATTACHMENT_BYTES,
                "max_count": MAX_ATTACHMENTS,
                "types": list(ATTACHMENT_TYPES),
            },
        },
    }


def _service_json(p: Procedure, lang: str) -> dict[str, Any]:
    return {
        "service_code": p.identifier,
        "service_name": p.name(lang),
        "description": p.description(lang),
        "metadata": bool(p.attributes),
        "type": "batch",
        "keywords": ", ".join(p.keywords_vi if lang == "vi" else p.keywords_en),
        "group": p.sector(lang),
    }


@router.get(
    "/services.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["open311"],
    summary="GeoReport v2: list of services (procedures)",
)
def services(request: Request, lang: str = Query("vi", pattern="^(vi|en)$")) -> list[dict[str, Any]]:
    return [_service_json(p, lang) for p in _catalog(request).procedures]


@router.get(
    "/services/{service_code}.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["open311"],
    summary="GeoReport v2: service definition (attributes)",
    responses={404: ERRORS},
)
def service_definition(
    request: Request, service_code: str, lang: str = Query("vi", pattern="^(vi|en)$")
) -> dict[str, Any]:
    p = _catalog(request).get(service_code)
    if p is None:
        raise Open311Problem(404, f"service_code '{service_code}' is not a known service; see services.json")
    return {
        "service_code": p.identifier,
        "attributes": [
            {
                "variable": True,
                "code": a.code,
                "datatype": a.datatype,
                "required": a.required,
                "datatype_description": "",
                "order": a.order,
                "description": a.description(lang),
                "values": [{"key": v.key, "name": v.name(lang)} for v in a.values],
            }
            for a in p.attributes
        ],
    }


@router.get(
    "/procedures/{service_code}.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["extensions"],
    summary="Procedure metadata (CPSV-AP)",
    responses={404: ERRORS},
)
def procedure_metadata(request: Request, service_code: str) -> dict[str, Any]:
    data = json.loads(catalog_bytes(request.app.state.sandbox)[0])
    for p in data["procedures"]:
        if p["identifier"] == service_code:
            return dict(p)
    raise Open311Problem(404, f"service_code '{service_code}' is not a known procedure")


@router.get(
    "/catalog.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["extensions"],
    summary="Whole catalog, with ETag for conditional GET",
)
def catalog(request: Request) -> Response:
    body, etag = catalog_bytes(request.app.state.sandbox)
    inm = request.headers.get("if-none-match", "")
    if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag, "Cache-Control": "no-cache"})


@router.get(
    "/agencies.json",
    openapi_extra=access(Access.PUBLIC),
    tags=["extensions"],
    summary="Agency directory with contacts",
)
def agency_list(request: Request) -> list[dict[str, Any]]:
    # The demo's made-up contacts never leave a production central.
    return [a.to_json() for a in agencies.listed(samples=shows_samples(request.app.state.sandbox))]


# ---- POST requests ------------------------------------------------------------------------


def _one(form: FormData, key: str) -> str | None:
    v = form.get(key)
    return v if isinstance(v, str) else None


def _json_field(form: FormData, key: str, default: Any) -> Any:
    raw = _one(form, key)
    if raw is None or raw == "":
        return default
    try:
        return json.loads(raw)
    except ValueError:
        raise Open311Problem(400, f"{key}: not valid JSON") from None


def _attributes(form: FormData, proc: Procedure, *, complete: bool = True) -> dict[str, str | list[str]]:
    """The attribute values given, checked; ``complete``: every required one must be there
    (a kiosk's hand-over to the counter sends what it has, the officer adds the rest)."""
    values: dict[str, str | list[str]] = {}
    problems: list[str] = []
    for a in proc.attributes:
        multi = [v for v in form.getlist(f"attribute[{a.code}][]") if isinstance(v, str)]
        single = _one(form, f"attribute[{a.code}]")
        keys = {v.key for v in a.values}
        label = f"attribute[{a.code}] ({a.description('en')})"
        if a.datatype == "multivaluelist":
            chosen = multi or ([single] if single else [])
            if a.required and complete and not chosen:
                problems.append(f"{label} is required: choose one or more of {sorted(keys)}")
            elif any(c not in keys for c in chosen):
                problems.append(f"{label}: values must be among {sorted(keys)}")
            elif chosen:
                values[a.code] = chosen
            continue
        if single is None or single.strip() == "":
            if a.required and complete:
                problems.append(f"{label} is required")
            continue
        if a.datatype == "number":
            try:
                float(single)
            except ValueError:
                problems.append(f"{label} must be a number")
                continue
        elif a.datatype == "datetime":
            try:
                datetime.fromisoformat(single.replace("Z", "+00:00"))
            except ValueError:
                problems.append(f"{label} must be an ISO 8601 date or date-time (e.g. 2026-05-01)")
                continue
        elif a.datatype == "singlevaluelist" and single not in keys:
            problems.append(f"{label} must be one of {sorted(keys)}")
            continue
        if len(single) > 2000:
            problems.append(f"{label} is too long (at most 2000 characters)")
            continue
        values[a.code] = single
    if problems:
        raise Open311Problem(400, *problems)
    return values


# The applicant block's fields (kiosk.submission.Applicant, the kiosk side of the protocol) and
# their longest accepted length; any other key a client sends is dropped, never stored.
APPLICANT_FIELDS: dict[str, int] = {
    "id_number": 20,
    "full_name": 200,
    "verification": 16,
    "birth_date": 10,
    "sex": 1,
    "address": 500,
    "residence_ward_code": 10,
    "phone": 20,
    "email": 254,
}


def _applicant(form: FormData) -> dict[str, Any]:
    raw = _json_field(form, "x_applicant", None)
    if raw is None:
        # A plain Open311 client: only the standard name fields.
        name = " ".join(x for x in (_one(form, "last_name"), _one(form, "first_name")) if x)
        return {"full_name": name, "id_number": "", "verification": "declared"}
    if not isinstance(raw, dict):
        raise Open311Problem(400, "x_applicant must be a JSON object")
    problems = []
    if not isinstance(raw.get("id_number"), str) or not raw["id_number"].strip():
        problems.append("x_applicant.id_number is required (the citizen ID number)")
    if not isinstance(raw.get("full_name"), str) or not raw["full_name"].strip():
        problems.append("x_applicant.full_name is required")
    if raw.get("verification", "declared") not in (
        "declared",
        "qr_hint",
        "chip_read",
        "chip_verified",
        "staff_checked",
    ):
        problems.append(
            "x_applicant.verification must be declared, qr_hint, chip_read, chip_verified or staff_checked"
        )
    kept: dict[str, Any] = {}
    for k, limit in APPLICANT_FIELDS.items():
        v = raw.get(k)
        if v is None:
            continue
        if not isinstance(v, str):
            problems.append(f"x_applicant.{k} must be text")
        elif len(v) > limit:
            problems.append(f"x_applicant.{k} is too long (at most {limit} characters)")
        else:
            kept[k] = v
    if problems:
        raise Open311Problem(400, *problems)
    # Only the known fields are stored: personal data nobody asked for is not kept.
    return kept


async def _attachments(form: FormData) -> list[tuple[dict[str, Any], bytes]]:
    manifest = _json_field(form, "x_attachments", [])
    files = [f for f in form.getlist("x_attachment") if isinstance(f, UploadFile)]
    if not isinstance(manifest, list) or not all(isinstance(m, dict) for m in manifest):
        raise Open311Problem(400, "x_attachments must be a JSON list of {sha256, name, mime, size}")
    if len(files) != len(manifest):
        raise Open311Problem(
            400,
            f"x_attachments lists {len(manifest)} file(s) but {len(files)} x_attachment part(s) were sent",
        )
    if len(files) > MAX_ATTACHMENTS:
        raise Open311Problem(413, f"too many attachments: at most {MAX_ATTACHMENTS}")
    out = []
    for i, (m, f) in enumerate(zip(manifest, files, strict=True)):
        mime = str(m.get("mime") or f.content_type or "")
        if mime not in ATTACHMENT_TYPES:
            raise Open311Problem(
                415, f"attachment {i + 1}: type {mime!r} not accepted; send {', '.join(ATTACHMENT_TYPES)}"
            )
        data = await f.read(MAX_ATTACHMENT_BYTES + 1)
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise Open311Problem(
                413,
                f"attachment {i + 1} is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB; scan at a lower resolution",
            )
        if not data.startswith(ATTACHMENT_TYPES[mime]):
            # The declared type must match the bytes: a renamed executable is not a scan.
            raise Open311Problem(415, f"attachment {i + 1}: the content is not a {mime} file")
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(m.get("sha256", "")).lower():
            raise Open311Problem(
                400, f"attachment {i + 1}: SHA-256 does not match x_attachments (damaged upload; resend)"
            )
        name = str(m.get("name") or f.filename or f"attachment-{i + 1}")[:255]
        doc = m.get("document_code")
        out.append(
            (
                {
                    "sha256": digest,
                    "name": name,
                    "mime": mime,
                    "size": len(data),
                    "document_code": str(doc)[:64] if doc else None,
                },
                data,
            )
        )
    return out


def _body_digest(form: FormData, attachment_hashes: list[str]) -> str:
    """Canonical digest of a POST: fields in order (minus credentials) and the files' hashes,
    so a retry with a new multipart boundary is still "the same body"."""
    fields = [(k, v) for k, v in form.multi_items() if isinstance(v, str) and k != "api_key"]
    canon = json.dumps(
        {"fields": fields, "files": attachment_hashes}, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canon.encode()).hexdigest()


def _replay(row: IdempotencyRow, digest: str) -> JSONResponse:
    if row.body_sha256 != digest:
        raise Open311Problem(
            409, "Idempotency-Key was already used with a different request body; use a new key"
        )
    return JSONResponse(
        json.loads(row.response_json), status_code=row.status, headers={"Idempotent-Replayed": "true"}
    )


@router.post(
    "/requests.json",
    tags=["open311"],
    summary="GeoReport v2: create a service request (submit a dossier)",
    status_code=201,
    responses={400: ERRORS, 401: ERRORS, 409: ERRORS, 413: ERRORS, 415: ERRORS},
    openapi_extra={
        **access(Access.KIOSK),
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "schema": {"type": "string", "maxLength": 200},
            },
        ],
        "requestBody": {
            "required": True,
            "content": {
                ct: {
                    "schema": {
                        "type": "object",
                        "required": ["service_code"],
                        "properties": {
                            "service_code": {"type": "string"},
                            "api_key": {"type": "string"},
                            "first_name": {"type": "string"},
                            "last_name": {"type": "string"},
                            "description": {"type": "string"},
                            "device_id": {"type": "string"},
                            "x_tracking_code": {"type": "string"},
                            "x_applicant": {"type": "string", "description": "JSON applicant block"},
                            "x_channel": {"type": "string", "enum": ["self_service", "assisted"]},
                            "x_officer_id": {"type": "string"},
                            "x_needs_completion": {
                                "type": "string",
                                "enum": ["true", "false"],
                                "description": "true: a hand-over to the counter, stored as needs_completion",
                            },
                            "x_slip_number": {
                                "type": "string",
                                "pattern": "^[A-Za-z0-9-]{1,40}$",
                                "description": "a hand-over's number printed by the kiosk itself (offline)",
                            },
                            "x_attachments": {
                                "type": "string",
                                "description": "JSON list of {sha256,name,mime,size}",
                            },
                        },
                        "additionalProperties": {"type": "string"},
                    }
                }
                for ct in ("application/x-www-form-urlencoded", "multipart/form-data")
            },
        },
    },
)
async def create_request(request: Request, who: KioskIdentity = Depends(kiosk_identity)) -> JSONResponse:
    # Named steps (issue 15): read, replay a known key, parse and check, store.
    form = await _read_form(request)
    state = request.app.state.sandbox
    key = _idempotency_key(request)
    attachments = await _attachments(form)
    digest = _body_digest(form, [a["sha256"] for a, _ in attachments])
    if key:
        prior = await run_in_threadpool(_find_prior, state, who.kiosk_id, key)
        if prior is not None:
            return _replay(prior, digest)
    new = _parse_dossier(form, state, attachments)
    status, body = await run_in_threadpool(_store_dossier, state, new, who, key, digest)
    if status == -1:
        return JSONResponse(body, status_code=201, headers={"Idempotent-Replayed": "true"})
    return JSONResponse(body, status_code=status)


async def _read_form(request: Request) -> FormData:
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        raise Open311Problem(
            415, "send the request as application/x-www-form-urlencoded or multipart/form-data"
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024:
        # Refuse before spooling gigabytes to disk.
        raise Open311Problem(
            413,
            f"request too large: at most {MAX_ATTACHMENTS} attachments of {MAX_ATTACHMENT_BYTES // 2**20} MB each",
        )
    try:
        return await request.form(max_files=MAX_ATTACHMENTS + 1, max_fields=500)
    except Exception:  # noqa: BLE001 - any parser failure is the client's malformed body
        raise Open311Problem(400, "the request body could not be read as a form") from None


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 200):
        raise Open311Problem(400, "Idempotency-Key must be 1 to 200 characters")
    return key


def _find_prior(state: Any, kiosk_id: str, key: str, s: Session | None = None) -> IdempotencyRow | None:
    q = select(IdempotencyRow).where(
        IdempotencyRow.kiosk_id == kiosk_id,
        IdempotencyRow.scope == "requests",
        IdempotencyRow.key == key,
    )
    if s is not None:
        return s.scalar(q)
    with state.db() as own:
        return own.scalar(q)


@dataclass(frozen=True)
class NewDossier:
    """A checked POST requests, ready to store."""

    service_code: str
    proc: Procedure
    attributes: dict[str, str | list[str]]
    applicant: dict[str, Any]
    code: str
    channel: str
    officer: str | None
    control: list[Any]
    kiosk_created: datetime | None
    agency_code: str
    language: str
    description: str
    attachments: list[tuple[dict[str, Any], bytes]]
    needs_completion: bool  # a kiosk's hand-over to the counter (central.handover)
    slip_number: str | None = None  # a hand-over's kiosk-own number, printed when offline


def _parse_dossier(form: FormData, state: Any, attachments: list[tuple[dict[str, Any], bytes]]) -> NewDossier:
    catalog = sandbox_catalog(state)
    service_code = _one(form, "service_code")
    if not service_code:
        raise Open311Problem(400, "service_code is required; see services.json")
    proc = catalog.get(service_code)
    if proc is None:
        raise Open311Problem(400, f"service_code '{service_code}' is not a known service; see services.json")
    flag = (_one(form, "x_needs_completion") or "").lower()
    if flag not in ("", "true", "false"):
        raise Open311Problem(400, "x_needs_completion must be true or false")
    incomplete = flag == "true"
    # A hand-over may lack required answers (the officer adds them); what it gives is checked.
    attributes = _attributes(form, proc, complete=not incomplete)
    applicant = _applicant(form)
    if incomplete:
        check_handover_applicant(applicant)
    slip_number = check_slip_number(_one(form, "x_slip_number"))
    code_in = _one(form, "x_tracking_code")
    if code_in is not None:
        code = tracking.normalize(code_in)
        if code is None or not tracking.is_valid(code):
            raise Open311Problem(400, "x_tracking_code is not a valid tracking code (check symbol fails)")
    else:
        code = tracking.new_tracking_code()
    channel = _one(form, "x_channel") or "self_service"
    if channel not in ("self_service", "assisted"):
        raise Open311Problem(400, "x_channel must be self_service or assisted")
    officer = _one(form, "x_officer_id")
    if channel == "assisted" and not officer:
        raise Open311Problem(400, "x_officer_id is required when x_channel is assisted")
    control = _json_field(form, "x_control_changes", [])
    if not isinstance(control, list):
        raise Open311Problem(400, "x_control_changes must be a JSON list")
    created_raw = _one(form, "x_created_at")
    kiosk_created = None
    if created_raw:
        try:
            kiosk_created = datetime.fromisoformat(created_raw.replace("Z", "+00:00"))
        except ValueError:
            raise Open311Problem(400, "x_created_at must be an ISO 8601 date-time") from None
    language = _one(form, "x_language") or "vi"
    return NewDossier(
        service_code=service_code,
        proc=proc,
        attributes=attributes,
        applicant=applicant,
        code=code,
        channel=channel,
        officer=officer,
        control=control,
        kiosk_created=kiosk_created,
        agency_code=competent_agency_code(
            catalog, service_code, state.agency_code, _one(form, "x_agency_code")
        ),
        language=language if language in ("vi", "en") else "vi",
        description=(_one(form, "description") or "")[:4000],
        attachments=attachments,
        needs_completion=incomplete,
        slip_number=slip_number if incomplete else None,
    )


def _answer(
    row: DossierRow, new: NewDossier, catalog: Catalog, queue_number: str | None
) -> list[dict[str, Any]]:
    if row.token:
        return [{"token": row.token}]
    item: dict[str, Any] = {
        "service_request_id": str(row.id),
        "service_notice": new.proc.processing_time(row.language),
        "account_id": None,
        "x_tracking_code": new.code,
        "x_expected_datetime": public_json(row, catalog)["expected_datetime"],
    }
    if queue_number is not None:
        item["x_queue_number"] = queue_number
    return [item]


def _store_dossier(
    state: Any, new: NewDossier, who: KioskIdentity, key: str | None, digest: str
) -> tuple[int, list[dict[str, Any]]]:
    """Status and answer (status -1: a twin's answer, replayed). Bytes first, rows second: a
    failed commit leaves an uncited blob, never a row citing a missing one. Content-addressed:
    the same scan in two dossiers is stored once."""
    catalog = sandbox_catalog(state)
    answer_token = bool(state.faults.get("answer_with_token"))
    for meta, data in new.attachments:
        state.blobs.put(meta["sha256"], data)
    at = now()
    first_state = "needs_completion" if new.needs_completion else "received"
    with state.db() as s:
        row = DossierRow(
            tracking_code=new.code,
            service_code=new.service_code,
            agency_code=new.agency_code,
            kiosk_id=who.kiosk_id,
            state=first_state,
            channel=new.channel,
            assisting_officer=new.officer,
            officer=None,
            status_notes="",
            description=new.description,
            language=new.language,
            applicant_json=json.dumps(new.applicant, ensure_ascii=False),
            attributes_json=json.dumps(new.attributes, ensure_ascii=False),
            control_changes_json=json.dumps(new.control, ensure_ascii=False),
            kiosk_created_at=new.kiosk_created,
            requested_at=at,
            updated_at=at,
            # A hand-over's time limit runs from its completion at the counter.
            appointment_date=None if new.needs_completion else appointment_for(catalog, new.service_code, at),
            token=hashlib.sha256(f"{new.code}:{at.isoformat()}".encode()).hexdigest()[:32]
            if answer_token
            else None,
        )
        try:
            # The dossier goes in first: its unique tracking code (and the idempotency
            # index below) decide a race between twins, inside one transaction.
            s.add(row)
            s.add(
                StatusEventRow(
                    dossier=row,
                    state=first_state,
                    note=f"kiosk {who.kiosk_id}",
                    officer=new.officer or "",
                    agency_code=new.agency_code,
                    at=at,
                )
            )
            s.flush()
            for meta, _data in new.attachments:
                s.add(AttachmentRow(dossier=row, **meta))
            queue_number = record_handover(s, row, at, new.slip_number) if new.needs_completion else None
            body = _answer(row, new, catalog, queue_number)
            if key:
                s.add(
                    IdempotencyRow(
                        kiosk_id=who.kiosk_id,
                        scope="requests",
                        key=key,
                        body_sha256=digest,
                        status=201,
                        response_json=json.dumps(body),
                        at=at,
                    )
                )
            s.commit()
        except IntegrityError:
            s.rollback()
            return _prior_answer(s, state, who, key, digest)
        log.info(
            "sandbox_request_created",
            id=row.id,
            service=new.service_code,
            kiosk=who.kiosk_id,
            applicant=mask_id(new.applicant.get("id_number")),
            attachments=len(new.attachments),
            channel=new.channel,
            needs_completion=new.needs_completion,
        )
        return 201, body


def _prior_answer(
    s: Session, state: Any, who: KioskIdentity, key: str | None, digest: str
) -> tuple[int, list[dict[str, Any]]]:
    """After losing a race on a unique index: the twin's answer, or why this is a conflict."""
    prior = _find_prior(state, who.kiosk_id, key, s) if key else None
    if prior is None:
        raise Open311Problem(409, "x_tracking_code is already used by another dossier; issue a new code")
    if prior.body_sha256 != digest:
        raise Open311Problem(
            409, "Idempotency-Key was already used with a different request body; use a new key"
        )
    return -1, json.loads(prior.response_json)


# ---- reading requests ---------------------------------------------------------------------


@router.get(
    "/tokens/{token}.json",
    openapi_extra=access(Access.KIOSK),
    tags=["open311"],
    summary="GeoReport v2: request ID for a token",
    responses={404: ERRORS},
)
def token_lookup(request: Request, token: str) -> list[dict[str, Any]]:
    state = request.app.state.sandbox
    with state.db() as s, s.begin():
        row = s.scalar(select(DossierRow).where(DossierRow.token == token))
        if row is None:
            raise Open311Problem(404, "unknown token")
        row.token_reads += 1
        if row.token_reads <= int(state.faults.get("token_pending_reads", 0)):
            return [{"token": token}]
        return [{"service_request_id": str(row.id), "token": token}]


def _parse_dt_param(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Open311Problem(400, f"{name} must be a W3C date-time, e.g. 2026-11-23T00:00:00Z") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@router.get(
    "/requests.json",
    openapi_extra=access(Access.KIOSK),
    tags=["open311"],
    summary="GeoReport v2: find service requests",
    responses={400: ERRORS},
)
def find_requests(
    request: Request,
    service_request_id: str | None = Query(None, max_length=2000),
    service_code: str | None = Query(None, max_length=64),
    start_date: str | None = Query(None, max_length=40),
    end_date: str | None = Query(None, max_length=40),
    status: str | None = Query(None, pattern="^(open|closed)(,(open|closed))?$"),
    lang: str = Query("vi", pattern="^(vi|en)$"),
) -> list[dict[str, Any]]:
    catalog = _catalog(request)
    start = _parse_dt_param(start_date, "start_date")
    end = _parse_dt_param(end_date, "end_date")
    q = select(DossierRow).options(selectinload(DossierRow.events))
    if service_request_id:
        ids = [int(x) for x in service_request_id.split(",") if x.strip().isdigit() and len(x.strip()) <= 12]
        q = q.where(DossierRow.id.in_(ids))
    else:
        if service_code:
            q = q.where(DossierRow.service_code.in_(service_code.split(",")))
        if start:
            q = q.where(DossierRow.requested_at >= start.astimezone(UTC).replace(tzinfo=None))
        if end:
            q = q.where(DossierRow.requested_at <= end.astimezone(UTC).replace(tzinfo=None))
    q = q.order_by(DossierRow.id.desc()).limit(1000)
    with request.app.state.sandbox.db() as s:
        rows = s.scalars(q).all()
        out = [public_json(r, catalog, lang) for r in rows]
    if status:
        wanted = set(status.split(","))
        out = [r for r in out if r["status"] in wanted]
    return out


@router.get(
    "/requests/{service_request_id}.json",
    openapi_extra=access(Access.KIOSK),
    tags=["open311"],
    summary="GeoReport v2: one service request",
    responses={404: ERRORS},
)
def get_request(
    request: Request, service_request_id: str, lang: str = Query("vi", pattern="^(vi|en)$")
) -> list[dict[str, Any]]:
    if not service_request_id.isdigit() or len(service_request_id) > 12:
        raise Open311Problem(404, f"no service request '{service_request_id}'")
    with request.app.state.sandbox.db() as s:
        row = s.get(DossierRow, int(service_request_id), options=[selectinload(DossierRow.events)])
        if row is None:
            raise Open311Problem(404, f"no service request '{service_request_id}'")
        return [public_json(row, _catalog(request), lang)]
