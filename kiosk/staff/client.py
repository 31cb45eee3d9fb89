"""The kiosk's small HTTP client for the central's staff API (``/staff/v1``, see
:mod:`central.staff` for the contract).

Kept apart from :mod:`kiosk.central` on purpose: sign-in is interactive and must fail fast
(short timeouts, a short total deadline, no retries) so the kiosk falls back to the offline
verifier at once. Only the documented answers count: anything else (an HTML page from a
captive portal, a proxy's 502) is :class:`CentralUnreachable`.

Every call goes through :class:`common.transport.BoundedSession` (https only, a total
deadline, a byte cap). Verification answers (verify, verify-id-card, unlock), refusals
included, must carry the central's signed statement (:mod:`kiosk.staff.attestation`) for the
fresh nonce this client sent, this kiosk and this credential; an answer without one, or with
one that does not check out, is :class:`CentralUntrusted` and is never believed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import requests
from requests.auth import AuthBase

from common.b64 import b64url_decode
from common.transport import DeadlineExceeded, Limits, ResponseTooLarge, open_central
from kiosk.central.errors import CentralInsecureUrl
from kiosk.staff.attestation import (
    Attestation,
    AttestationError,
    new_nonce,
    open_attestation,
    verifier_digest,
)
from kiosk.staff.errors import CentralRefused, CentralUnreachable, CentralUntrusted
from kiosk.staff.standing import HelpStanding

#: Staff answers are a few hundred bytes; anything near this is not the central's.
MAX_STAFF_ANSWER = 256 * 1024


@dataclass(frozen=True)
class VerifiedStaff:
    staff_id: str
    name: str
    role: str
    agency: str
    credential_id: str
    verifier: str
    closed_help_requests: tuple[str, ...] = ()


@dataclass(frozen=True)
class HelpRequest:
    id: str
    kiosk_id: str
    screen: str
    created_at: datetime
    status: str


KNOWN_ERRORS = {"invalid", "pin_format", "wrong_pin", "unknown", "expired", "locked", "not_supervisor"}


@dataclass(frozen=True)
class _Expect:
    """What a verification answer's signed statement must say (besides nonce and kiosk)."""

    nonce: str
    keys: list[bytes]
    kiosk_id: str
    credential_id: str | None  # None: not known before the answer (chip ID card sign-in)
    success: str  # the ``res`` of a success: "ok" or "unlocked"


class StaffCentralClient:
    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout_s: float = 3.0,
        read_timeout_s: float = 10.0,
        call_deadline_s: float = 10.0,
        max_response_bytes: int = MAX_STAFF_ANSWER,
        ca_bundle: str | None = None,
        auth: AuthBase | None = None,
        session: requests.Session | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.limits = Limits(
            connect_timeout_s, read_timeout_s, call_deadline_s, min(max_response_bytes, MAX_STAFF_ANSWER)
        )
        # The central's kiosk credentials (kiosk.central.client.ApiKeyAuth, or the provisioning
        # area's RFC 9421 signer once enrolled), the same as the Open311 client uses.
        self._http = open_central(
            base_url, self.limits, CentralInsecureUrl, auth=auth, ca_bundle=ca_bundle, session=session
        )

    def close(self) -> None:
        self._http.close()

    def _call(
        self, method: str, path: str, ok: tuple[int, ...], *, expect: _Expect | None = None, **kw: Any
    ) -> dict[str, Any]:
        try:
            r = self._http.request(method, f"{self.base_url}{path}", **kw)
        except DeadlineExceeded as e:
            raise CentralUnreachable(f"deadline: {e}") from None
        except ResponseTooLarge as e:
            raise CentralUnreachable(f"too large: {e}") from None
        except (requests.RequestException, OSError) as e:
            raise CentralUnreachable(e.__class__.__name__) from None
        try:
            body = r.json()
        except ValueError:
            raise CentralUnreachable(f"http {r.status}, not JSON") from None
        if isinstance(body, list) and r.status in (401, 403):
            body = {}  # Open311's error shape: [{"code": 401, "description": …}]
        if not isinstance(body, dict):
            raise CentralUnreachable(f"http {r.status}, unexpected body")
        if r.status in (401, 403) and "error" not in body:
            # The central refuses this kiosk's credentials (before it looks at any staff data:
            # nothing to sign); a technician must act, nobody is signed in.
            raise CentralRefused(r.status, "kiosk_auth", None, None)
        if r.status in ok:
            if expect is not None:
                body["_attestation"] = self._attested(body, expect, expect.success, r.status)
            return body
        err = body.get("error")
        if isinstance(err, dict) and err.get("code") in KNOWN_ERRORS and 400 <= r.status < 500:
            code = str(err["code"])
            if expect is not None:
                # A refusal is believed only when signed, too: a forged "locked" or "wrong PIN"
                # would lock a person out everywhere once reported.
                a = self._attested(err, expect, code, r.status)
                raise CentralRefused(r.status, code, a.attempts_left, a.locked_until, a.staff_id or None)
            left = err.get("attempts_left")
            until = err.get("locked_until")
            sid = err.get("staff_id")
            raise CentralRefused(
                r.status,
                code,
                int(left) if isinstance(left, int) else None,
                datetime.fromisoformat(until) if isinstance(until, str) else None,
                sid if isinstance(sid, str) else None,
            )
        raise CentralUnreachable(f"http {r.status}")

    @staticmethod
    def _attested(holder: dict[str, Any], expect: _Expect, result: str, status: int) -> Attestation:
        try:
            a = open_attestation(
                holder.get("attestation"),
                expect.keys,
                nonce=expect.nonce,
                kiosk_id=expect.kiosk_id,
                now=datetime.now(UTC),
            )
        except AttestationError as e:
            raise CentralUntrusted(f"http {status}: {e}") from None
        if a.result != result:
            raise CentralUntrusted(f"http {status}: the signed result is {a.result!r}, not {result!r}")
        if expect.credential_id is not None and a.credential_id and a.credential_id != expect.credential_id:
            raise CentralUntrusted(f"http {status}: the signed answer is for another card")
        if expect.credential_id is not None and result in ("ok", "unlocked") and not a.credential_id:
            raise CentralUntrusted(f"http {status}: the signed answer names no card")
        return a

    def public_key(self) -> bytes:
        body = self._call("GET", "/staff/v1/public-key", (200,))
        try:
            raw = b64url_decode(str(body["public_key"]))
        except (KeyError, ValueError):
            raise CentralUnreachable("public key answer malformed") from None
        if body.get("alg") != "Ed25519" or len(raw) != 32:
            raise CentralUnreachable("public key is not Ed25519")
        return raw

    def verify(
        self, credential: str, pin: str, kiosk_id: str, *, keys: list[bytes], credential_id: str
    ) -> VerifiedStaff:
        """The central's verdict on ``pin`` for ``credential``, believed only when signed by one
        of ``keys`` for this request (``credential_id``: the decoded credential's)."""
        nonce = new_nonce()
        b = self._call(
            "POST",
            "/staff/v1/verify",
            (200,),
            json={"credential": credential, "pin": pin, "kiosk_id": kiosk_id, "nonce": nonce},
            expect=_Expect(nonce, keys, kiosk_id, credential_id, "ok"),
        )
        v = self._verified(b)
        self._bound(b, v, credential_id)
        return v

    @staticmethod
    def _bound(b: dict[str, Any], v: VerifiedStaff, credential_id: str | None) -> None:
        """The unsigned fields of a success agree with its signed statement."""
        a = b["_attestation"]
        if a.staff_id != v.staff_id or a.credential_id != v.credential_id:
            raise CentralUntrusted("the answer's staff or card differs from its signed statement")
        if credential_id is not None and v.credential_id != credential_id:
            raise CentralUntrusted("the central answered for another card")
        if a.verifier_sha256 != verifier_digest(v.verifier):
            raise CentralUntrusted("the offline verifier is not the one the central signed")

    @staticmethod
    def _verified(b: dict[str, Any]) -> VerifiedStaff:
        try:
            return VerifiedStaff(
                staff_id=str(b["staff_id"]),
                name=str(b["name"]),
                role=str(b["role"]),
                agency=str(b["agency"]),
                credential_id=str(b["credential_id"]),
                verifier=str(b.get("verifier") or ""),
                closed_help_requests=tuple(str(x) for x in b.get("closed_help_requests") or ()),
            )
        except KeyError as e:
            raise CentralUnreachable(f"verify answer lacks {e}") from None

    def verify_id_card(
        self, id_number: str, pin: str, *, keys: list[bytes], kiosk_id: str
    ) -> tuple[VerifiedStaff, str]:
        """Sign-in with the officer's chip ID card number (read from the chip) and PIN; also
        returns the session credential the central issued for it."""
        nonce = new_nonce()
        b = self._call(
            "POST",
            "/staff/v1/verify-id-card",
            (200,),
            json={"id_number": id_number, "pin": pin, "nonce": nonce},
            expect=_Expect(nonce, keys, kiosk_id, None, "ok"),
        )
        text = b.get("credential")
        if not isinstance(text, str):
            raise CentralUnreachable("verify-id-card answer lacks the credential")
        v = self._verified(b)
        self._bound(b, v, None)
        return v, text

    def unlock(
        self,
        staff_id: str,
        supervisor_credential: str,
        supervisor_pin: str,
        kiosk_id: str,
        *,
        keys: list[bytes],
        credential_id: str,
    ) -> str:
        nonce = new_nonce()
        b = self._call(
            "POST",
            "/staff/v1/unlock",
            (200,),
            json={
                "staff_id": staff_id,
                "supervisor_credential": supervisor_credential,
                "supervisor_pin": supervisor_pin,
                "kiosk_id": kiosk_id,
                "nonce": nonce,
            },
            expect=_Expect(nonce, keys, kiosk_id, credential_id, "unlocked"),
        )
        if b.get("unlocked") is not True or b["_attestation"].staff_id != staff_id:
            raise CentralUntrusted("the unlock answer is not for this staff member")
        return str(b.get("by") or "")

    def report_offline_failures(self, staff_id: str, failures: int, locked: bool, kiosk_id: str) -> bool:
        b = self._call(
            "POST",
            "/staff/v1/offline-failures",
            (200,),
            json={"staff_id": staff_id, "failures": failures, "locked": locked, "kiosk_id": kiosk_id},
        )
        return bool(b.get("locked"))

    def raise_help_request(self, kiosk_id: str, screen: str = "") -> str:
        b = self._call(
            "POST", "/staff/v1/help-requests", (201,), json={"kiosk_id": kiosk_id, "screen": screen}
        )
        return str(b["id"])

    def help_standing(self, request_id: str) -> HelpStanding:
        b = self._call("GET", f"/staff/v1/help-requests/{quote(request_id, safe='')}", (200,))
        return HelpStanding.from_json(b)

    def cancel_help_request(self, request_id: str) -> HelpStanding:
        b = self._call("POST", f"/staff/v1/help-requests/{quote(request_id, safe='')}/cancel", (200,))
        return HelpStanding.from_json(b)

    def help_requests(self, kiosk_id: str) -> list[HelpRequest]:
        b = self._call(
            "GET", "/staff/v1/help-requests", (200,), params={"kiosk_id": kiosk_id, "status": "open"}
        )
        out = []
        for h in b.get("help_requests") or ():
            out.append(
                HelpRequest(
                    id=str(h["id"]),
                    kiosk_id=str(h["kiosk_id"]),
                    screen=str(h.get("screen") or ""),
                    created_at=datetime.fromisoformat(str(h["created_at"])),
                    status=str(h["status"]),
                )
            )
        return out
