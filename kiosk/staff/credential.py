"""The staff credential carried by a staff card's QR code.

Format (docs/CONTRIBUTING.md): ``KSTAFF1.<base64url JSON>.<base64url Ed25519 signature>``.
The signature is made by the central's signing key over the ASCII bytes
``KSTAFF1.<base64url JSON>`` (the prefix is signed too, so a signature for another kind of
token can never be replayed as a staff credential). Base64url without padding.

JSON fields: ``v`` (1), ``cid`` (credential serial; a reissued card gets a new one),
``sid`` (staff ID), ``name`` (the officer's name as printed on the card and the receipt),
``agency`` (agency code), ``role`` (officer | supervisor | technician), ``iat`` and ``exp``
(issue and expiry, UTC ISO-8601).

The credential proves who the card was issued to; it is never enough on its own: a PIN
verified by the central (or, offline, by the cached verifier) must go with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from common.b64 import b64url_decode, b64url_encode
from kiosk.errors import KioskError

PREFIX = "KSTAFF1"
Role = Literal["officer", "supervisor", "technician"]
ROLES: tuple[str, ...] = ("officer", "supervisor", "technician")
MAX_TEXT = 2048  # a QR code carries far less; anything longer is not ours


class CredentialError(KioskError):
    """The text is not a valid staff credential (``staff.credential_invalid``) or has expired."""

    code = "staff.credential_invalid"


@dataclass(frozen=True)
class StaffCredential:
    credential_id: str
    staff_id: str
    name: str
    agency: str
    role: str
    issued_at: datetime
    expires_at: datetime

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _parse_time(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("time is not a string")
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        raise ValueError("time without zone")
    return dt.astimezone(UTC)


def encode_credential(cred: StaffCredential, key: Ed25519PrivateKey) -> str:
    """The QR text for ``cred``, signed with the central's key (used by the central only)."""
    if cred.role not in ROLES:
        raise ValueError(f"unknown role {cred.role!r}")
    body = {
        "v": 1,
        "cid": cred.credential_id,
        "sid": cred.staff_id,
        "name": cred.name,
        "agency": cred.agency,
        "role": cred.role,
        "iat": _iso(cred.issued_at),
        "exp": _iso(cred.expires_at),
    }
    payload = b64url_encode(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    signing_input = f"{PREFIX}.{payload}".encode("ascii")
    return f"{PREFIX}.{payload}.{b64url_encode(key.sign(signing_input))}"


def looks_like_credential(text: str) -> bool:
    """Cheap test for routing scanner input: is this meant to be a staff credential?"""
    return text.strip().startswith(PREFIX + ".")


def peek_staff_id(text: str) -> str | None:
    """The staff ID a credential claims, WITHOUT checking the signature: only to say which lock
    a supervisor is about to lift (the unlock itself is authorised by the supervisor's own
    verified card and PIN). Never use it to decide who someone is."""
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    try:
        body = json.loads(b64url_decode(parts[1]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    sid = body.get("sid") if isinstance(body, dict) else None
    return sid if isinstance(sid, str) and sid else None


def decode_credential(text: str, public_keys: list[bytes], *, now: datetime | None = None) -> StaffCredential:
    """Parse and verify a credential against the central's public key(s) (raw 32-byte Ed25519).

    Raises :class:`CredentialError` with code ``staff.credential_invalid`` (not ours, damaged,
    wrong signature) or ``staff.expired`` (valid but past its expiry when ``now`` is given).
    """
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise CredentialError("credential too long")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise CredentialError("not a KSTAFF1 credential")
    try:
        signature = b64url_decode(parts[2])
        raw = b64url_decode(parts[1])
    except ValueError:
        raise CredentialError("credential is not base64url") from None
    signing_input = f"{PREFIX}.{parts[1]}".encode("ascii")
    if not any(_verify(k, signature, signing_input) for k in public_keys):
        raise CredentialError("signature does not match the central's key")
    try:
        body = json.loads(raw.decode("utf-8"))
        if not isinstance(body, dict) or body.get("v") != 1:
            raise ValueError("unsupported version")
        fields = {k: body[k] for k in ("cid", "sid", "name", "agency", "role")}
        if not all(isinstance(v, str) and v for v in fields.values()):
            raise ValueError("empty field")
        if fields["role"] not in ROLES:
            raise ValueError("unknown role")
        cred = StaffCredential(
            credential_id=fields["cid"],
            staff_id=fields["sid"],
            name=fields["name"],
            agency=fields["agency"],
            role=fields["role"],
            issued_at=_parse_time(body["iat"]),
            expires_at=_parse_time(body["exp"]),
        )
    except (ValueError, KeyError, UnicodeDecodeError) as e:
        # Signed by the central yet malformed: still refuse, and say why for the log.
        raise CredentialError(f"credential body invalid: {e.__class__.__name__}") from None
    if now is not None and cred.expired(now):
        raise CredentialError("credential expired", code="staff.expired")
    return cred


def _verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
