"""Kiosk enrollment at the central (sandbox): one-time codes, the kiosk registry, and the
check of kiosks' RFC 9421 request signatures.

* :func:`issue_code` makes a short one-time code for an agency (``kiosk sandbox enroll-code``).
* ``POST /kiosk/enroll`` takes ``{"code", "public_key"}`` signed by that very key
  (``keyid="enroll:<fingerprint>"``: proof the kiosk holds the private key), binds the
  public key to a new kiosk ID and the code's agency, and answers with the central's public
  key, which the kiosk keeps for verifying configurations and commands.
* :func:`signed_kiosk` is the FastAPI dependency for every later kiosk call: unsigned,
  wrongly signed, stale, replayed or decommissioned-kiosk requests get 401 with the reason.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from central.access import Access, access
from central.central_key import central_signing_key
from central.fleet_models import (
    EnrollmentCode,
    FleetAudit,
    FleetKiosk,
    KioskConfigVersion,
    RequestNonce,
)
from common.b64 import b64url_decode, b64url_encode
from provisioning.signing import (
    RequestRejected,
    public_fingerprint,
    sign_document,
    verify_request,
)

MODELS_MODULE = "central.fleet_models"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LEN = 8
DEFAULT_CODE_TTL_S = 24 * 3600
DEFAULT_HEARTBEAT_S = 60

router = APIRouter(tags=["kiosk fleet"])


def now(request_or_state: Any) -> float:
    """The sandbox clock; tests may set ``state.extra["fleet_clock"]`` to move time without sleeping."""
    state = getattr(getattr(request_or_state, "app", None), "state", None)
    sandbox = getattr(state, "sandbox", request_or_state)
    clock = getattr(sandbox, "extra", {}).get("fleet_clock")
    return float(clock()) if clock else time.time()


def normalise_code(code: str) -> str:
    c = code.strip().upper().replace("-", "").replace(" ", "")
    return c.replace("O", "0").replace("I", "1").replace("L", "1")


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def audit(s: Session, at: float, event: str, kiosk_id: str | None = None, **detail: Any) -> None:
    s.add(FleetAudit(at=at, kiosk_id=kiosk_id, event=event, detail=json.dumps(detail, ensure_ascii=False)))


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown as XXXX-XXXX
    agency: str
    expires_at: float

    def qr_text(self, central_url: str, central_key_fingerprint: str | None = None) -> str:
        """The QR a technician scans; with the central key's fingerprint after ``#`` the kiosk
        refuses any other key at enrollment (no trust on first contact)."""
        pin = f"#{central_key_fingerprint}" if central_key_fingerprint else ""
        return f"KENROLL1:{self.code}@{central_url.rstrip('/')}{pin}"


def issue_code(
    db: sessionmaker[Session], agency: str, *, ttl_s: int = DEFAULT_CODE_TTL_S, at: float | None = None
) -> IssuedCode:
    at = time.time() if at is None else at
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LEN))
    code = raw[:4] + "-" + raw[4:]
    with db() as s:
        s.add(EnrollmentCode(code_hash=_code_hash(code), agency=agency, created_at=at, expires_at=at + ttl_s))
        audit(s, at, "enroll_code_issued", agency=agency, expires_at=at + ttl_s)
        s.commit()
    return IssuedCode(code=code, agency=agency, expires_at=at + ttl_s)


def default_config(kiosk_id: str, agency: str, central_url: str) -> dict[str, Any]:
    """Version 1 of a new kiosk's configuration (the technician edits it later)."""
    return {
        "kiosk": {"id": kiosk_id, "agency_code": agency, "default_language": "vi", "languages": ["vi", "en"]},
        "central": {"url": central_url},
        "provisioning": {"heartbeat_interval_s": DEFAULT_HEARTBEAT_S},
    }


def store_config(
    s: Session,
    state: Any,
    kiosk_id: str,
    version: int,
    config: dict[str, Any],
    at: float,
    *,
    approval: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Sign and keep a configuration; ``approval``: an admin's signed approval of a trust
    change (see :mod:`central.trust_approval`), carried beside the signed payload."""
    payload = {"kiosk_id": kiosk_id, "version": version, "issued_at": at, "config": config}
    doc = sign_document(central_signing_key(state.data_dir), "kiosk-config", payload)
    if approval is not None:
        doc["approval"] = approval
    s.add(KioskConfigVersion(kiosk_id=kiosk_id, version=version, signed=json.dumps(doc), created_at=at))
    return doc


def _new_kiosk_id(s: Session, agency: str) -> str:
    n = s.scalar(select(func.count()).select_from(FleetKiosk).where(FleetKiosk.agency == agency)) or 0
    while True:
        n += 1
        candidate = f"{agency}-K{n:04d}"
        if s.get(FleetKiosk, candidate) is None:
            return candidate


class EnrollBody(BaseModel):
    code: str = Field(min_length=4, max_length=32)
    public_key: str = Field(min_length=40, max_length=64, description="base64url raw Ed25519 public key")
    software_version: str = Field("", max_length=40)


def _refuse(status: int, reason: str, message: str) -> HTTPException:
    # The sandbox answers errors in Open311's shape [{"code", "description"}]: the reason
    # goes first in the description, "<reason>: <plain words>", so clients can act on it.
    return HTTPException(status, detail=f"{reason}: {message}")


@router.post("/kiosk/enroll", openapi_extra=access(Access.PUBLIC))
async def enroll(request: Request) -> dict[str, Any]:
    state = request.app.state.sandbox
    raw_body = await request.body()
    try:
        body = EnrollBody.model_validate_json(raw_body)
        public_raw = b64url_decode(body.public_key)
        if len(public_raw) != 32:
            raise ValueError("not 32 bytes")
    except ValueError as e:
        raise _refuse(422, "malformed", f"enrollment request is malformed: {e}") from None
    fingerprint = public_fingerprint(public_raw)
    at = now(request)
    db = state.db
    try:
        verify_request(
            request.method,
            str(request.url),
            request.headers.items(),
            raw_body,
            lambda kid: public_raw if kid == f"enroll:{fingerprint}" else None,
            lambda kid, nonce, exp: _remember_nonce(db, kid, nonce, exp, at),
        )
    except RequestRejected as e:
        with db() as s:
            audit(s, at, "enroll_refused", reason=e.reason, why=e.message, fingerprint=fingerprint)
            s.commit()
        raise _refuse(401, e.reason, e.message) from None
    with db() as s:
        row = s.get(EnrollmentCode, _code_hash(body.code))
        why = None
        if row is None:
            why = ("code_unknown", "this enrollment code does not exist (check for typing mistakes)")
        elif row.used_at is not None:
            why = ("code_used", "this enrollment code was already used; ask the central for a new one")
        elif row.expires_at < at:
            why = ("code_expired", "this enrollment code has expired; ask the central for a new one")
        elif (
            s.scalar(select(FleetKiosk).where(FleetKiosk.public_key == b64url_encode(public_raw))) is not None
        ):
            why = ("key_known", "this kiosk key is already enrolled; reset the kiosk to enroll it again")
        if why or row is None:
            reason, message = why or ("code_unknown", "")
            audit(s, at, "enroll_refused", reason=reason, why=message, fingerprint=fingerprint)
            s.commit()
            raise _refuse(403 if reason != "code_unknown" else 404, reason, message)
        kiosk_id = _new_kiosk_id(s, row.agency)
        row.used_at = at
        row.used_by = kiosk_id
        kiosk = FleetKiosk(
            id=kiosk_id,
            agency=row.agency,
            public_key=b64url_encode(public_raw),
            fingerprint=fingerprint,
            enrolled_at=at,
            status="active",
            heartbeat_interval_s=DEFAULT_HEARTBEAT_S,
            out_of_service=False,
        )
        s.add(kiosk)
        s.flush()
        central_url = str(request.base_url).rstrip("/")
        store_config(s, state, kiosk_id, 1, default_config(kiosk_id, row.agency, central_url), at)
        audit(s, at, "kiosk_enrolled", kiosk_id, agency=row.agency, fingerprint=fingerprint)
        try:
            s.commit()
        except IntegrityError:
            raise _refuse(409, "conflict", "enrollment raced with another; try again") from None
    ck = central_signing_key(state.data_dir)
    return {
        "kiosk_id": kiosk_id,
        "agency": kiosk.agency,
        "key_fingerprint": fingerprint,
        "central_public_key": b64url_encode(ck.public_raw),
        "central_key_fingerprint": ck.fingerprint,
        "heartbeat_interval_s": kiosk.heartbeat_interval_s,
        "enrolled_at": at,
        "config_version": 1,
    }


def _remember_nonce(db: sessionmaker[Session], key_id: str, nonce: str, expires: int, at: float) -> bool:
    with db() as s:
        s.execute(delete(RequestNonce).where(RequestNonce.expires_at < at - 600))
        s.add(RequestNonce(key_id=key_id, nonce=nonce, expires_at=float(expires)))
        try:
            s.commit()
        except IntegrityError:
            return False
    return True


async def verify_kiosk_request(request: Request) -> FleetKiosk:
    """Authenticate an enrolled kiosk by its RFC 9421 signature; raise :class:`RequestRejected`."""
    state = request.app.state.sandbox
    db = state.db
    at = now(request)
    body = await request.body()

    def key_for(kid: str) -> bytes | None:
        with db() as s:
            k = s.get(FleetKiosk, kid)
            return b64url_decode(k.public_key) if k is not None and k.status == "active" else None

    verified = verify_request(
        request.method,
        str(request.url),
        request.headers.items(),
        body,
        key_for,
        lambda kid, nonce, exp: _remember_nonce(db, kid, nonce, exp, at),
    )
    with db() as s:
        kiosk = s.get(FleetKiosk, verified.key_id)
        if kiosk is None or kiosk.status != "active":
            raise RequestRejected("unknown_key", "this kiosk is not enrolled (or was decommissioned)")
        return kiosk


async def signed_kiosk(request: Request) -> FleetKiosk:
    """FastAPI dependency: the enrolled kiosk that signed this request, or 401 with the reason.

    Verified once per request: the access check and the route both ask, and a second check
    would see the request's own nonce as a replay."""
    state_dict = request.scope.setdefault("state", {})
    if isinstance(state_dict.get("signed_kiosk"), FleetKiosk):
        return state_dict["signed_kiosk"]  # type: ignore[no-any-return]
    try:
        kiosk = await verify_kiosk_request(request)
        state_dict["signed_kiosk"] = kiosk
        return kiosk
    except RequestRejected as e:
        state = request.app.state.sandbox
        with state.db() as s:
            audit(s, now(request), "request_refused", reason=e.reason, why=e.message, path=request.url.path)
            s.commit()
        raise HTTPException(
            401,
            detail=f"signature.{e.reason}: {e.message}",
            headers={"WWW-Authenticate": 'Signature realm="kiosk"'},
        ) from None
