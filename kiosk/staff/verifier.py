"""The offline PIN verifier a kiosk receives at a staff member's online sign-in.

``KSTAFFV1.<base64url JSON>.<base64url Ed25519 signature by the central>`` over the ASCII
``KSTAFFV1.<base64url JSON>``, JSON fields ``v`` (1), ``sid`` (staff ID), ``cid`` (the
credential it goes with), ``hash`` (argon2id of the PIN with a salt of its own, not the
central's stored hash), ``iat`` and ``exp``. The signature stops anyone with access to the
kiosk's disk from planting a verifier for a PIN of their choosing. The kiosk keeps it until
the earlier of ``exp`` and its own ``[staff].offline_verifier_days``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.b64 import b64url_decode, b64url_encode
from kiosk.staff.credential import _iso, _parse_time, _verify

PREFIX = "KSTAFFV1"


class VerifierError(ValueError):
    pass


@dataclass(frozen=True)
class OfflineVerifier:
    staff_id: str
    credential_id: str
    pin_hash: str
    issued_at: datetime
    expires_at: datetime


def encode_verifier(v: OfflineVerifier, key: Ed25519PrivateKey) -> str:
    body = {
        "v": 1,
        "sid": v.staff_id,
        "cid": v.credential_id,
        "hash": v.pin_hash,
        "iat": _iso(v.issued_at),
        "exp": _iso(v.expires_at),
    }
    payload = b64url_encode(json.dumps(body, separators=(",", ":")).encode("utf-8"))
    sig = key.sign(f"{PREFIX}.{payload}".encode("ascii"))
    return f"{PREFIX}.{payload}.{b64url_encode(sig)}"


def decode_verifier(text: str, public_keys: list[bytes]) -> OfflineVerifier:
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise VerifierError("not a KSTAFFV1 verifier")
    try:
        sig = b64url_decode(parts[2])
        body = json.loads(b64url_decode(parts[1]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise VerifierError("verifier is damaged") from None
    if not any(_verify(k, sig, f"{PREFIX}.{parts[1]}".encode("ascii")) for k in public_keys):
        raise VerifierError("verifier signature does not match the central's key")
    try:
        if body.get("v") != 1 or not str(body["hash"]).startswith("$argon2id$"):
            raise ValueError("unsupported verifier")
        return OfflineVerifier(
            staff_id=str(body["sid"]),
            credential_id=str(body["cid"]),
            pin_hash=str(body["hash"]),
            issued_at=_parse_time(body["iat"]),
            expires_at=_parse_time(body["exp"]),
        )
    except (KeyError, ValueError, AttributeError) as e:
        raise VerifierError(f"verifier body invalid: {e.__class__.__name__}") from None


def utcnow() -> datetime:
    return datetime.now(UTC)
