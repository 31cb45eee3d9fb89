"""The kiosk's small HTTP client for the central's staff API (``/staff/v1``, see
:mod:`central.staff` for the contract).

Kept apart from :mod:`kiosk.central` on purpose: sign-in is interactive and must fail fast
(short timeouts, no retries) so the kiosk falls back to the offline verifier at once. Only
the documented answers count: anything else (an HTML page from a captive portal, a proxy's
502) is :class:`CentralUnreachable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests
from requests.auth import AuthBase

from common.b64 import b64url_decode
from kiosk.staff.errors import CentralRefused, CentralUnreachable


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


class StaffCentralClient:
    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout_s: float = 3.0,
        read_timeout_s: float = 10.0,
        auth: AuthBase | None = None,
        session: requests.Session | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout_s, read_timeout_s)
        self._http = session or requests.Session()
        # The central's kiosk credentials (kiosk.central.client.ApiKeyAuth, or the provisioning
        # area's RFC 9421 signer once enrolled), the same as the Open311 client uses.
        self._http.auth = auth

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, ok: tuple[int, ...], **kw: Any) -> dict[str, Any]:
        try:
            r = self._http.request(method, f"{self.base_url}{path}", timeout=self.timeout, **kw)
        except requests.RequestException as e:
            raise CentralUnreachable(e.__class__.__name__) from None
        try:
            body = r.json()
        except ValueError:
            raise CentralUnreachable(f"http {r.status_code}, not JSON") from None
        if isinstance(body, list) and r.status_code in (401, 403):
            body = {}  # Open311's error shape: [{"code": 401, "description": …}]
        if not isinstance(body, dict):
            raise CentralUnreachable(f"http {r.status_code}, unexpected body")
        if r.status_code in ok:
            return body
        if r.status_code in (401, 403) and "error" not in body:
            raise CentralRefused(r.status_code, "kiosk_auth", None, None)  # this kiosk's credentials
        err = body.get("error")
        if isinstance(err, dict) and err.get("code") in KNOWN_ERRORS and 400 <= r.status_code < 500:
            left = err.get("attempts_left")
            until = err.get("locked_until")
            sid = err.get("staff_id")
            raise CentralRefused(
                r.status_code,
                str(err["code"]),
                int(left) if isinstance(left, int) else None,
                datetime.fromisoformat(until) if isinstance(until, str) else None,
                sid if isinstance(sid, str) else None,
            )
        raise CentralUnreachable(f"http {r.status_code}")

    def public_key(self) -> bytes:
        body = self._call("GET", "/staff/v1/public-key", (200,))
        try:
            raw = b64url_decode(str(body["public_key"]))
        except (KeyError, ValueError):
            raise CentralUnreachable("public key answer malformed") from None
        if body.get("alg") != "Ed25519" or len(raw) != 32:
            raise CentralUnreachable("public key is not Ed25519")
        return raw

    def verify(self, credential: str, pin: str, kiosk_id: str) -> VerifiedStaff:
        b = self._call(
            "POST",
            "/staff/v1/verify",
            (200,),
            json={"credential": credential, "pin": pin, "kiosk_id": kiosk_id},
        )
        return self._verified(b)

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

    def verify_id_card(self, id_number: str, pin: str) -> tuple[VerifiedStaff, str]:
        """Sign-in with the officer's chip ID card number (read from the chip) and PIN; also
        returns the session credential the central issued for it."""
        b = self._call("POST", "/staff/v1/verify-id-card", (200,), json={"id_number": id_number, "pin": pin})
        text = b.get("credential")
        if not isinstance(text, str):
            raise CentralUnreachable("verify-id-card answer lacks the credential")
        return self._verified(b), text

    def unlock(self, staff_id: str, supervisor_credential: str, supervisor_pin: str, kiosk_id: str) -> str:
        b = self._call(
            "POST",
            "/staff/v1/unlock",
            (200,),
            json={
                "staff_id": staff_id,
                "supervisor_credential": supervisor_credential,
                "supervisor_pin": supervisor_pin,
                "kiosk_id": kiosk_id,
            },
        )
        if b.get("unlocked") is not True:
            raise CentralUnreachable("unlock answer malformed")
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
