"""Staff accounts at the (sandbox) central: accounts, signed cards, PIN verification,
lockout and unlock, offline verifiers, and help requests raised at kiosks.

HTTP API (JSON, prefix ``/staff/v1``). Every call but the public key needs kiosk credentials
(:func:`central.kiosk_auth.kiosk_identity`: API key or RFC 9421 signature); the
``kiosk_id`` recorded is the authenticated kiosk's, whatever the body says.

- ``GET  /staff/v1/public-key`` → ``{"alg": "Ed25519", "key_id", "public_key": base64url}``
- ``POST /staff/v1/verify`` ``{"credential", "pin", "kiosk_id", "nonce"}`` → 200 ``{"staff_id",
  "name", "role", "agency", "credential_id", "verifier", "closed_help_requests", "attestation"}``;
  errors as ``{"error": {"code", "message", "attestation", …}}``: 400 ``invalid``/``pin_format``,
  401 ``wrong_pin`` (``attempts_left``), 404 ``unknown``, 410 ``expired`` (expired, revoked or
  disabled), 423 ``locked`` (``locked_until``).
- ``attestation`` (verify, verify-id-card and unlock, successes and refusals alike): the
  central's signed statement of the outcome for the kiosk's ``nonce``, the authenticated kiosk,
  the credential and staff ID (:mod:`kiosk.staff.attestation`), signed with the central key the
  kiosk pinned at enrollment. Kiosks believe no answer without it.
- ``POST /staff/v1/verify-id-card`` ``{"id_number", "pin", "nonce"}``: the same with the officer's own chip
  ID card instead of the QR (online only); the answer adds ``credential`` (a session credential).
- ``POST /staff/v1/unlock`` ``{"staff_id", "supervisor_credential", "supervisor_pin", "kiosk_id",
  "nonce"}`` → 200 ``{"staff_id", "unlocked": true, "by", "attestation"}``; a supervisor's wrong PIN counts against the
  supervisor; 403 ``not_supervisor`` when the signer is not a supervisor of the same agency.
- ``POST /staff/v1/offline-failures`` ``{"staff_id", "failures", "locked", "kiosk_id"}`` → 200
  ``{"staff_id", "locked"}``: wrong PINs counted by a kiosk while offline, reported later.
- ``POST /staff/v1/help-requests`` ``{"kiosk_id", "screen"}`` → 201 ``{"id", "status", "position",
  "staff_on_duty", "estimated_wait_min"}`` (:mod:`central.help_queue`);
  ``GET /staff/v1/help-requests?kiosk_id=…&status=open`` → ``{"help_requests": […]}``;
  ``GET /staff/v1/help-requests/{id}`` → the same standing, now; ``POST …/{id}/cancel`` → the
  request is ``cancelled`` (the console stops listing it). Both for the kiosk that raised it
  only (another kiosk gets 404).

Administration (``kiosk sandbox staff add|card``) calls :func:`add_staff` and
:func:`issue_card` on the data directory directly.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central import help_queue
from central.access import Access, access
from central.central_key import central_signing_key
from central.errors import Open311Problem
from central.kiosk_auth import KioskIdentity, kiosk_identity
from central.staff_models import (
    HelpRequestRecord,
    StaffAccount,
    StaffCredentialRecord,
    StaffEventRecord,
)
from kiosk.errors import KioskError
from kiosk.logs import get_logger
from kiosk.staff.attestation import sign_outcome
from kiosk.staff.credential import (
    ROLES,
    CredentialError,
    StaffCredential,
    b64url_encode,
    decode_credential,
    encode_credential,
)
from kiosk.staff.pins import (
    DEFAULT_PARAMS,
    HashParams,
    PinFormatError,
    check_pin_format,
    hash_pin,
    pin_matches,
)
from kiosk.staff.verifier import OfflineVerifier, encode_verifier

MODELS_MODULE = "central.staff_models"
MAX_ATTEMPTS = 3
DEFAULT_LOCK_MINUTES = 30
CARD_VALID_DAYS = 365
VERIFIER_MAX_DAYS = 90

log = get_logger(__name__)
router = APIRouter(prefix="/staff/v1", tags=["staff"])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


# ---------------------------------------------------------------- administration


@dataclass(frozen=True)
class StaffInfo:
    staff_id: str
    name: str
    role: str
    agency: str
    status: str
    locked: bool


def add_staff(
    db: sessionmaker[Session],
    staff_id: str,
    *,
    name: str,
    role: str,
    agency: str,
    pin: str,
    params: HashParams = DEFAULT_PARAMS,
    id_card_mac: str | None = None,
) -> StaffInfo:
    """Create (or replace the PIN, name, role and agency of) a staff account.

    ``id_card_mac``: :func:`id_card_mac` of the officer's chip ID card number, to allow
    sign-in with that card (online only)."""
    staff_id = staff_id.strip()
    if not staff_id or len(staff_id) > 64 or "." in staff_id:
        raise KioskError("staff ID must be 1-64 characters without dots", code="staff.bad_id")
    if role not in ROLES:
        raise KioskError(f"unknown role {role!r}", code="staff.bad_role")
    if not name.strip():
        raise KioskError("name is empty", code="staff.bad_name")
    check_pin_format(pin)
    now = _now()
    with db() as s, s.begin():
        acc = s.get(StaffAccount, staff_id)
        if acc is None:
            acc = StaffAccount(staff_id=staff_id, created_at=now)
            s.add(acc)
        acc.name = name.strip()
        acc.role = role
        acc.agency = agency
        acc.status = "active"
        acc.pin_hash = hash_pin(pin, params)
        if id_card_mac is not None:
            acc.id_card_mac = id_card_mac
        acc.failed_attempts = 0
        acc.locked_until = None
        acc.updated_at = now
        s.add(StaffEventRecord(at=now, staff_id=staff_id, event="account_saved", detail=role))
    log.info("staff_account_saved", staff_id=staff_id, role=role, agency=agency)
    return StaffInfo(staff_id, name.strip(), role, agency, "active", False)


def id_card_mac(data_dir: Path, id_number: str) -> str:
    """HMAC-SHA256 of a chip ID card number under a key derived from the central's own key, so
    a copy of the table alone cannot be searched for a 12-digit number."""
    from cryptography.hazmat.primitives import serialization

    number = "".join(c for c in id_number if c.isdigit())
    if len(number) not in (9, 12):
        raise KioskError("an ID card number has 12 digits (9 for the old card)", code="staff.bad_id_card")
    raw = central_signing_key(data_dir).private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    key = hashlib.sha256(b"staff-id-card-mac\x00" + raw).digest()
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()


def issue_card(
    db: sessionmaker[Session],
    data_dir: Path,
    staff_id: str,
    *,
    days: int = CARD_VALID_DAYS,
    session: bool = False,
) -> str:
    """Issue a new signed credential for ``staff_id``. A new card revokes the older cards of that
    person; a ``session`` credential (handed to a kiosk after a chip ID card sign-in) does not."""
    now = _now()
    with db() as s, s.begin():
        acc = s.get(StaffAccount, staff_id)
        if acc is None:
            raise KioskError(f"no staff account {staff_id!r}", code="staff.unknown")
        if not session:
            for old in s.scalars(
                select(StaffCredentialRecord).where(StaffCredentialRecord.staff_id == staff_id)
            ):
                old.revoked = True
        cred = StaffCredential(
            credential_id=secrets.token_hex(8),
            staff_id=acc.staff_id,
            name=acc.name,
            agency=acc.agency,
            role=acc.role,
            issued_at=_aware(now),
            expires_at=_aware(now + timedelta(days=days)),
        )
        s.add(
            StaffCredentialRecord(
                credential_id=cred.credential_id,
                staff_id=staff_id,
                issued_at=now,
                expires_at=now + timedelta(days=days),
                revoked=False,
            )
        )
        s.add(StaffEventRecord(at=now, staff_id=staff_id, event="card_issued", detail=cred.credential_id))
    return encode_credential(cred, central_signing_key(data_dir).private)


def list_staff(db: sessionmaker[Session]) -> list[StaffInfo]:
    now = _now()
    with db() as s:
        return [
            StaffInfo(
                a.staff_id, a.name, a.role, a.agency, a.status, bool(a.locked_until and a.locked_until > now)
            )
            for a in s.scalars(select(StaffAccount).order_by(StaffAccount.staff_id))
        ]


# ---------------------------------------------------------------- HTTP


class VerifyBody(BaseModel):
    credential: str = Field(max_length=2048)
    pin: str = Field(max_length=32)
    kiosk_id: str = Field("", max_length=64)
    nonce: str = Field("", max_length=64)


class IdCardBody(BaseModel):
    id_number: str = Field(min_length=9, max_length=20)
    pin: str = Field(max_length=32)
    nonce: str = Field("", max_length=64)


class UnlockBody(BaseModel):
    staff_id: str = Field(max_length=64)
    supervisor_credential: str = Field(max_length=2048)
    supervisor_pin: str = Field(max_length=32)
    kiosk_id: str = Field("", max_length=64)
    nonce: str = Field("", max_length=64)


class OfflineFailuresBody(BaseModel):
    staff_id: str = Field(min_length=1, max_length=64)
    failures: int = Field(ge=0, le=100)
    locked: bool = False
    kiosk_id: str = Field("", max_length=64)


class HelpRequestBody(BaseModel):
    kiosk_id: str = Field("", max_length=64)
    screen: str = Field("", max_length=64)


MESSAGES = {
    "invalid": "not a valid staff credential",
    "pin_format": "the PIN must be 4 to 8 digits",
    "wrong_pin": "wrong PIN",
    "unknown": "no such staff account",
    "expired": "the staff card has expired or was withdrawn",
    "locked": "this staff account is locked",
    "not_supervisor": "only a supervisor of the same agency can unlock",
}


def _error(status: int, code: str, **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": MESSAGES.get(code, code), **extra}}, status_code=status
    )


def _state(request: Request) -> Any:
    return request.app.state.sandbox


def _settings(state: Any) -> tuple[int, HashParams]:
    lock_minutes = int(state.extra.get("staff_lock_minutes", DEFAULT_LOCK_MINUTES))
    params = state.extra.get("staff_hash_params", DEFAULT_PARAMS)
    return lock_minutes, params


def _event(s: Session, staff_id: str, kiosk_id: str, event: str, detail: str = "") -> None:
    s.add(StaffEventRecord(at=_now(), staff_id=staff_id, kiosk_id=kiosk_id, event=event, detail=detail))


class _Refused(Exception):
    """A verification refused: ``status``, error ``code`` and what is known of whom it was about."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        credential_id: str = "",
        staff_id: str = "",
        attempts_left: int | None = None,
        locked_until: datetime | None = None,
    ):
        super().__init__(code)
        self.status = status
        self.code = code
        self.credential_id = credential_id
        self.staff_id = staff_id
        self.attempts_left = attempts_left
        self.locked_until = locked_until

    def response(
        self, state: Any, nonce: str, kiosk_id: str, *, public_staff_id: bool = False
    ) -> JSONResponse:
        """The signed refusal. ``public_staff_id``: name the staff ID in the body too (the chip
        ID card path, where the kiosk learns it only from the answer)."""
        extra: dict[str, Any] = {}
        if self.attempts_left is not None:
            extra["attempts_left"] = self.attempts_left
        if self.locked_until is not None:
            extra["locked_until"] = _aware(self.locked_until).isoformat()
        if public_staff_id and self.staff_id:
            extra["staff_id"] = self.staff_id
        extra["attestation"] = sign_outcome(
            central_signing_key(state.data_dir).private,
            nonce=nonce,
            kiosk_id=kiosk_id,
            credential_id=self.credential_id,
            staff_id=self.staff_id,
            result=self.code,
            attempts_left=self.attempts_left,
            locked_until=_aware(self.locked_until) if self.locked_until else None,
        )
        return _error(self.status, self.code, **extra)


def _locked(acc: StaffAccount, cred: StaffCredential) -> _Refused:
    return _Refused(
        423, "locked", locked_until=acc.locked_until, credential_id=cred.credential_id, staff_id=cred.staff_id
    )


def _check_pin(
    s: Session, state: Any, credential_text: str, pin: str, kiosk_id: str
) -> tuple[StaffAccount, StaffCredential]:
    """The shared core of verify and unlock: credential, account state, lockout, PIN."""
    now = _now()
    lock_minutes, _params = _settings(state)
    key = central_signing_key(state.data_dir)
    try:
        cred = decode_credential(credential_text, [key.public_raw])
    except CredentialError:
        raise _Refused(400, "invalid") from None
    acc = s.get(StaffAccount, cred.staff_id)
    if acc is None:
        raise _Refused(404, "unknown", credential_id=cred.credential_id, staff_id=cred.staff_id)
    record = s.get(StaffCredentialRecord, cred.credential_id)
    if (
        record is None
        or record.revoked
        or record.expires_at <= now
        or acc.status != "active"
        or cred.expires_at <= _aware(now)
    ):
        _event(s, acc.staff_id, kiosk_id, "refused_expired")
        raise _Refused(410, "expired", credential_id=cred.credential_id, staff_id=cred.staff_id)
    if acc.locked_until is not None:
        if acc.locked_until > now:
            _event(s, acc.staff_id, kiosk_id, "refused_locked")
            raise _locked(acc, cred)
        acc.locked_until = None  # the lock ran out
        acc.failed_attempts = 0
        _event(s, acc.staff_id, kiosk_id, "lock_expired")
    try:
        check_pin_format(pin)
    except PinFormatError:
        raise _Refused(400, "pin_format", credential_id=cred.credential_id, staff_id=cred.staff_id) from None
    if not pin_matches(acc.pin_hash, pin):
        acc.failed_attempts += 1
        left = max(0, MAX_ATTEMPTS - acc.failed_attempts)
        _event(s, acc.staff_id, kiosk_id, "wrong_pin", f"attempts_left={left}")
        if left == 0:
            acc.locked_until = now + timedelta(minutes=lock_minutes)
            _event(s, acc.staff_id, kiosk_id, "locked", f"minutes={lock_minutes}")
            log.info("staff_locked", staff_id=acc.staff_id, kiosk_id=kiosk_id)
            raise _locked(acc, cred)
        raise _Refused(
            401, "wrong_pin", attempts_left=left, credential_id=cred.credential_id, staff_id=cred.staff_id
        )
    acc.failed_attempts = 0
    return acc, cred


@router.get(
    "/public-key",
    openapi_extra=access(Access.PUBLIC),
)
def public_key(request: Request) -> dict[str, str]:
    key = central_signing_key(_state(request).data_dir)
    return {"alg": "Ed25519", "key_id": key.key_id, "public_key": b64url_encode(key.public_raw)}


@router.post(
    "/verify",
    openapi_extra=access(Access.KIOSK),
)
def verify(
    body: VerifyBody, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> JSONResponse:
    return _verify(body, request, kiosk)


def _verify(
    body: VerifyBody, request: Request, kiosk: KioskIdentity, *, public_staff_id: bool = False
) -> JSONResponse:
    state = _state(request)
    body = body.model_copy(update={"kiosk_id": kiosk.kiosk_id})  # who is asking: the authenticated kiosk
    _lock, params = _settings(state)
    with state.db() as s, s.begin():
        try:
            acc, cred = _check_pin(s, state, body.credential, body.pin, body.kiosk_id)
        except _Refused as r:
            s.commit()  # keep the counted attempt and the event even though we refuse
            return r.response(state, body.nonce, body.kiosk_id, public_staff_id=public_staff_id)
        now = datetime.now(UTC)
        verifier = OfflineVerifier(
            staff_id=acc.staff_id,
            credential_id=cred.credential_id,
            pin_hash=hash_pin(body.pin, params),  # a salt of its own, not the stored hash
            issued_at=now,
            expires_at=now + timedelta(days=VERIFIER_MAX_DAYS),
        )
        closed = []
        if body.kiosk_id:
            for hr in s.scalars(
                select(HelpRequestRecord).where(
                    HelpRequestRecord.kiosk_id == body.kiosk_id, HelpRequestRecord.status == "open"
                )
            ):
                hr.status, hr.closed_at, hr.closed_by = "closed", _now(), acc.staff_id
                closed.append(hr.id)
        _event(s, acc.staff_id, body.kiosk_id, "signed_in", f"help_closed={len(closed)}")
        key = central_signing_key(state.data_dir).private
        token = encode_verifier(verifier, key)
        result = {
            "staff_id": acc.staff_id,
            "name": acc.name,
            "role": acc.role,
            "agency": acc.agency,
            "credential_id": cred.credential_id,
            "verifier": token,
            "closed_help_requests": closed,
            "attestation": sign_outcome(
                key,
                nonce=body.nonce,
                kiosk_id=body.kiosk_id,
                credential_id=cred.credential_id,
                staff_id=acc.staff_id,
                result="ok",
                verifier=token,
            ),
        }
    log.info("staff_signed_in", staff_id=acc.staff_id, kiosk_id=body.kiosk_id)
    return JSONResponse(result)


@router.post(
    "/verify-id-card",
    openapi_extra=access(Access.KIOSK),
)
def verify_id_card(
    body: IdCardBody, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> JSONResponse:
    """Sign-in with the officer's own chip ID card (read and verified by the kiosk) and PIN:
    answers like ``/verify`` plus ``credential``, a session credential valid for 12 hours.
    Errors carry ``staff_id`` once the card is known, so the kiosk can count and lock."""
    state = _state(request)
    try:
        mac = id_card_mac(state.data_dir, body.id_number)
    except KioskError:
        return _Refused(400, "invalid").response(state, body.nonce, kiosk.kiosk_id)
    with state.db() as s:
        acc = s.scalar(select(StaffAccount).where(StaffAccount.id_card_mac == mac))
        staff_id = acc.staff_id if acc is not None else None
    if staff_id is None:
        return _Refused(404, "unknown").response(state, body.nonce, kiosk.kiosk_id)
    text = issue_card(state.db, state.data_dir, staff_id, days=1, session=True)
    answer = _verify(
        VerifyBody(credential=text, pin=body.pin, kiosk_id=kiosk.kiosk_id, nonce=body.nonce),
        request,
        kiosk,
        public_staff_id=True,
    )
    if answer.status_code != 200:
        return answer
    result = json.loads(bytes(answer.body))
    result["credential"] = text
    return JSONResponse(result)


@router.post(
    "/unlock",
    openapi_extra=access(Access.KIOSK),
)
def unlock(
    body: UnlockBody, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> JSONResponse:
    state = _state(request)
    body = body.model_copy(update={"kiosk_id": kiosk.kiosk_id})
    with state.db() as s, s.begin():
        try:
            sup, cred = _check_pin(s, state, body.supervisor_credential, body.supervisor_pin, body.kiosk_id)
        except _Refused as r:
            s.commit()
            return r.response(state, body.nonce, body.kiosk_id)
        target = s.get(StaffAccount, body.staff_id)
        if target is None:
            return _Refused(
                404, "unknown", credential_id=cred.credential_id, staff_id=body.staff_id
            ).response(state, body.nonce, body.kiosk_id)
        if sup.role != "supervisor" or sup.agency != target.agency:
            _event(s, target.staff_id, body.kiosk_id, "unlock_refused", f"by={sup.staff_id}")
            s.commit()
            return _Refused(
                403, "not_supervisor", credential_id=cred.credential_id, staff_id=body.staff_id
            ).response(state, body.nonce, body.kiosk_id)
        target.locked_until = None
        target.failed_attempts = 0
        _event(s, target.staff_id, body.kiosk_id, "unlocked", f"by={sup.staff_id}")
    log.info("staff_unlocked", staff_id=body.staff_id, by=sup.staff_id)
    attestation = sign_outcome(
        central_signing_key(state.data_dir).private,
        nonce=body.nonce,
        kiosk_id=body.kiosk_id,
        credential_id=cred.credential_id,
        staff_id=body.staff_id,
        result="unlocked",
    )
    return JSONResponse(
        {"staff_id": body.staff_id, "unlocked": True, "by": sup.staff_id, "attestation": attestation}
    )


@router.post(
    "/offline-failures",
    openapi_extra=access(Access.KIOSK),
)
def offline_failures(
    body: OfflineFailuresBody, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> JSONResponse:
    """Wrong PINs a kiosk counted while it could not reach the central: they count here too,
    and a lock made offline becomes a lock here."""
    state = _state(request)
    body = body.model_copy(update={"kiosk_id": kiosk.kiosk_id})
    lock_minutes, _params = _settings(state)
    now = _now()
    with state.db() as s, s.begin():
        acc = s.get(StaffAccount, body.staff_id)
        if acc is None:
            return _error(404, "unknown")
        if acc.locked_until is not None and acc.locked_until <= now:
            acc.locked_until, acc.failed_attempts = None, 0
        acc.failed_attempts = min(MAX_ATTEMPTS, acc.failed_attempts + body.failures)
        _event(s, acc.staff_id, body.kiosk_id, "offline_failures", f"n={body.failures} locked={body.locked}")
        if (body.locked or acc.failed_attempts >= MAX_ATTEMPTS) and acc.locked_until is None:
            acc.locked_until = now + timedelta(minutes=lock_minutes)
            _event(s, acc.staff_id, body.kiosk_id, "locked", "reported by kiosk")
        locked = acc.locked_until is not None and acc.locked_until > now
    return JSONResponse({"staff_id": body.staff_id, "locked": locked})


@router.post("/help-requests", openapi_extra=access(Access.KIOSK), status_code=201)
def create_help_request(
    body: HelpRequestBody, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> dict[str, Any]:
    state = _state(request)
    body = body.model_copy(update={"kiosk_id": kiosk.kiosk_id})
    hid = secrets.token_hex(8)
    with state.db() as s, s.begin():
        row = HelpRequestRecord(id=hid, kiosk_id=body.kiosk_id, screen=body.screen, created_at=_now())
        s.add(row)
        s.flush()
        return help_queue.standing(s, row).to_json()


def _own_help_request(s: Session, help_id: str, kiosk: KioskIdentity) -> HelpRequestRecord:
    """The request, if the calling kiosk raised it: another kiosk's reads as unknown."""
    row = s.get(HelpRequestRecord, help_id)
    if row is None or row.kiosk_id != kiosk.kiosk_id:
        raise Open311Problem(404, "no such help request")
    return row


@router.get("/help-requests/{help_id}", openapi_extra=access(Access.KIOSK))
def help_request_standing(
    help_id: str, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> dict[str, Any]:
    """Where the request stands: place in the queue, staff on duty, estimated wait (minutes)."""
    with _state(request).db() as s:
        return help_queue.standing(s, _own_help_request(s, help_id, kiosk)).to_json()


@router.post("/help-requests/{help_id}/cancel", openapi_extra=access(Access.KIOSK))
def cancel_help_request(
    help_id: str, request: Request, kiosk: KioskIdentity = Depends(kiosk_identity)
) -> dict[str, Any]:
    """The citizen no longer needs help: the request leaves the staff console's list."""
    with _state(request).db() as s, s.begin():
        row = _own_help_request(s, help_id, kiosk)
        if row.status == "open":
            row.status, row.closed_at, row.closed_by = "cancelled", _now(), None
        return help_queue.standing(s, row).to_json()


@router.get(
    "/help-requests",
    openapi_extra=access(Access.KIOSK),
)
def list_help_requests(
    request: Request,
    kiosk_id: str = "",
    status: str = "open",
    _kiosk: KioskIdentity = Depends(kiosk_identity),
) -> dict[str, Any]:
    state = _state(request)
    with state.db() as s:
        q = select(HelpRequestRecord).where(HelpRequestRecord.status == status)
        if kiosk_id:
            q = q.where(HelpRequestRecord.kiosk_id == kiosk_id)
        rows = s.scalars(q.order_by(HelpRequestRecord.created_at)).all()
        return {
            "help_requests": [
                {
                    "id": r.id,
                    "kiosk_id": r.kiosk_id,
                    "screen": r.screen,
                    "created_at": _aware(r.created_at).isoformat(),
                    "status": r.status,
                    "closed_by": r.closed_by,
                }
                for r in rows
            ]
        }


def events(db: sessionmaker[Session], staff_id: str | None = None) -> list[dict[str, str]]:
    """The central's staff event log (for tests and the console)."""
    with db() as s:
        q = select(StaffEventRecord).order_by(StaffEventRecord.id)
        if staff_id:
            q = q.where(StaffEventRecord.staff_id == staff_id)
        return [
            {
                "at": _aware(e.at).isoformat(),
                "staff_id": e.staff_id,
                "kiosk_id": e.kiosk_id,
                "event": e.event,
                "detail": e.detail,
            }
            for e in s.scalars(q)
        ]
