"""The central's signed statement of a staff verification's outcome ("this PIN was right for
this card, asked by this kiosk, just now").

Format, like the credential and the verifier: ``KSTAFFA1.<base64url JSON>.<base64url Ed25519
signature>`` over the ASCII ``KSTAFFA1.<base64url JSON>``, signed with the central's key (the
one pinned at enrollment). JSON fields: ``v`` (1), ``nonce`` (the kiosk's, from the request),
``kid`` (the kiosk the central authenticated), ``cid`` (credential ID, "" when the credential
did not decode), ``sid`` (staff ID, "" when unknown), ``res`` (``ok``, ``unlocked`` or the
error code: ``wrong_pin``, ``locked`` …), ``left`` (attempts left or null), ``until``
(lock end, ISO-8601, or null), ``vh`` (SHA-256 hex of the offline verifier handed over, or ""),
``iat`` and ``exp`` (UTC ISO-8601; the central gives a short life).

Why each field: without ``nonce`` a recorded "yes" could be replayed for the same card with
a wrong PIN; without ``kid`` the "yes" another kiosk received; ``res`` and ``left`` stop a man
in the middle from turning a refusal into a success or hiding a lock; ``vh`` ties the offline
verifier to this answer.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.b64 import b64url_decode, b64url_encode
from kiosk.staff.credential import _iso, _parse_time, _verify

PREFIX = "KSTAFFA1"
LIFETIME = timedelta(minutes=2)
#: Clock difference between kiosk and central tolerated when checking ``exp``; the nonce,
#: not the clock, is what stops a replay.
MAX_SKEW = timedelta(minutes=5)
MAX_TEXT = 4096


class AttestationError(ValueError):
    """The answer's signed statement is missing, damaged, not the central's, or not for this request."""


@dataclass(frozen=True)
class Attestation:
    nonce: str
    kiosk_id: str
    credential_id: str
    staff_id: str
    result: str
    attempts_left: int | None
    locked_until: datetime | None
    verifier_sha256: str
    issued_at: datetime
    expires_at: datetime


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def verifier_digest(verifier: str) -> str:
    return hashlib.sha256(verifier.encode("utf-8")).hexdigest() if verifier else ""


def encode_attestation(a: Attestation, key: Ed25519PrivateKey) -> str:
    body = {
        "v": 1,
        "nonce": a.nonce,
        "kid": a.kiosk_id,
        "cid": a.credential_id,
        "sid": a.staff_id,
        "res": a.result,
        "left": a.attempts_left,
        "until": _iso(a.locked_until) if a.locked_until else None,
        "vh": a.verifier_sha256,
        "iat": _iso(a.issued_at),
        "exp": _iso(a.expires_at),
    }
    payload = b64url_encode(json.dumps(body, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    sig = key.sign(f"{PREFIX}.{payload}".encode("ascii"))
    return f"{PREFIX}.{payload}.{b64url_encode(sig)}"


def sign_outcome(
    key: Ed25519PrivateKey,
    *,
    nonce: str,
    kiosk_id: str,
    credential_id: str = "",
    staff_id: str = "",
    result: str,
    attempts_left: int | None = None,
    locked_until: datetime | None = None,
    verifier: str = "",
    now: datetime | None = None,
) -> str:
    """The central's side: the signed statement for one answer."""
    now = now or datetime.now(UTC)
    return encode_attestation(
        Attestation(
            nonce=nonce,
            kiosk_id=kiosk_id,
            credential_id=credential_id,
            staff_id=staff_id,
            result=result,
            attempts_left=attempts_left,
            locked_until=locked_until,
            verifier_sha256=verifier_digest(verifier),
            issued_at=now,
            expires_at=now + LIFETIME,
        ),
        key,
    )


def open_attestation(
    text: object, public_keys: list[bytes], *, nonce: str, kiosk_id: str, now: datetime
) -> Attestation:
    """The kiosk's side: the statement, once its signature (by one of ``public_keys``), nonce,
    kiosk and expiry check out; :class:`AttestationError` otherwise."""
    if not isinstance(text, str) or not text:
        raise AttestationError("the answer is not signed")
    if len(text) > MAX_TEXT:
        raise AttestationError("the signed statement is too long")
    if not public_keys:
        raise AttestationError("no central key is pinned to check the answer with")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise AttestationError("not a KSTAFFA1 statement")
    try:
        sig = b64url_decode(parts[2])
        body = json.loads(b64url_decode(parts[1]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise AttestationError("the signed statement is damaged") from None
    if not any(_verify(k, sig, f"{PREFIX}.{parts[1]}".encode("ascii")) for k in public_keys):
        raise AttestationError("the answer's signature is not the central's")
    try:
        if not isinstance(body, dict) or body.get("v") != 1:
            raise ValueError("unsupported version")
        left = body.get("left")
        until = body.get("until")
        a = Attestation(
            nonce=str(body["nonce"]),
            kiosk_id=str(body["kid"]),
            credential_id=str(body["cid"]),
            staff_id=str(body["sid"]),
            result=str(body["res"]),
            attempts_left=int(left) if isinstance(left, int) else None,
            locked_until=_parse_time(until) if until else None,
            verifier_sha256=str(body.get("vh") or ""),
            issued_at=_parse_time(body["iat"]),
            expires_at=_parse_time(body["exp"]),
        )
    except (KeyError, ValueError, TypeError) as e:
        raise AttestationError(f"the signed statement is malformed ({e.__class__.__name__})") from None
    if not secrets.compare_digest(a.nonce.encode(), nonce.encode()):
        raise AttestationError("the answer is for another request (nonce differs): a replay")
    if a.kiosk_id != kiosk_id:
        raise AttestationError("the answer was given to another kiosk")
    if now > a.expires_at + MAX_SKEW:
        raise AttestationError("the answer has expired")
    return a
