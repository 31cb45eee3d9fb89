"""The provisioning calls to the central: one bounded session, signed requests.

Endpoints are resolved relative to the central's base URL (``<base>/kiosk/heartbeat``), the
URL a technician gives with ``--central`` or scans from the enrollment QR. Every answer other
than the documented status with a JSON body is an error with a plain reason (a captive
portal's ``200 text/html`` is not a success). Calls go through
:class:`common.transport.BoundedSession`: https only (http to loopback for the demo and
tests), a total deadline per call and a byte cap per answer.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests
from requests.auth import AuthBase

from common.transport import DeadlineExceeded, InsecureUrl, Limits, ResponseTooLarge, open_central
from provisioning.errors import ProvisioningError

#: Provisioning answers (configurations, commands, the catalog) stay far below this.
DEFAULT_LIMITS = Limits(
    connect_timeout_s=3.0, read_timeout_s=15.0, deadline_s=30.0, max_response_bytes=16 << 20
)


def _insecure(reason: str) -> ProvisioningError:
    return ProvisioningError(reason, code="provisioning.insecure_url")


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    elapsed_s: float
    sent_at: float  # local clock, just before sending
    received_at: float  # local clock, answer read


class CentralLink:
    def __init__(
        self,
        base_url: str,
        auth: AuthBase | None,
        *,
        timeout: tuple[float, float] = (3.0, 15.0),
        session: requests.Session | None = None,
        limits: Limits | None = None,
        ca_bundle: str | None = None,
    ):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.limits = limits or Limits(
            timeout[0], timeout[1], DEFAULT_LIMITS.deadline_s, DEFAULT_LIMITS.max_response_bytes
        )
        self.timeout = (self.limits.connect_timeout_s, self.limits.read_timeout_s)
        self.http = open_central(
            base_url,
            self.limits,
            _insecure,
            auth=auth,
            ca_bundle=ca_bundle,
            session=session,
            headers={"Accept": "application/json", "User-Agent": "onestop-kiosk-provisioning"},
        )
        self.session = self.http.session

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CentralLink:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    def call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> Answer:
        data = None
        headers = {}
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        sent = time.time()
        t0 = time.monotonic()
        try:
            r = self.http.request(method, self.url(path), data=data, params=params, headers=headers)
        except DeadlineExceeded as e:
            raise ProvisioningError(str(e), code="provisioning.central_timeout") from None
        except ResponseTooLarge as e:
            raise ProvisioningError(str(e), code="provisioning.central_unexpected") from None
        except InsecureUrl as e:
            raise ProvisioningError(f"{method} {path}: {e}", code="provisioning.insecure_url") from None
        except requests.Timeout as e:
            raise ProvisioningError(
                f"{method} {path}: timed out ({e})", code="provisioning.central_timeout"
            ) from None
        except requests.RequestException as e:
            raise ProvisioningError(
                f"{method} {path}: {e.__class__.__name__}", code="provisioning.central_unreachable"
            ) from None
        elapsed = time.monotonic() - t0
        received = time.time()
        body: Any = None
        if r.content:
            if "json" not in r.headers.get("Content-Type", ""):
                raise ProvisioningError(
                    f"{method} {path}: HTTP {r.status} {r.headers.get('Content-Type', '')} is not the central's"
                    " JSON (a captive portal or proxy page?)",
                    code="provisioning.central_unexpected",
                )
            try:
                body = r.json()
            except ValueError as e:  # TooDeep included
                raise ProvisioningError(
                    f"{method} {path}: HTTP {r.status}, body is not usable JSON ({e})",
                    code="provisioning.central_unexpected",
                ) from None
        if r.status not in expect:
            reason, message = _problem(body, r.reason)
            code = {
                401: "provisioning.central_refused_signature",
                403: "provisioning.central_refused",
                404: "provisioning.central_refused",
                409: "provisioning.central_refused",
                422: "provisioning.central_refused",
            }.get(r.status, "provisioning.central_error")
            raise CentralRefusal(
                f"{method} {path}: HTTP {r.status} {reason or ''} {message or ''}".strip(),
                code=code,
                status=r.status,
                reason=str(reason or ""),
                message=str(message or ""),
            )
        return Answer(status=r.status, body=body, elapsed_s=elapsed, sent_at=sent, received_at=received)


def _problem(body: Any, fallback: str) -> tuple[str, str]:
    """(reason, words) from an error answer: Open311's ``[{"code", "description"}]`` (the
    central puts ``"<reason>: <words>"`` in the description) or FastAPI's ``{"detail": …}``."""
    text = ""
    if isinstance(body, list) and body and isinstance(body[0], dict):
        text = str(body[0].get("description") or "")
    elif isinstance(body, dict):
        d = body.get("detail")
        if isinstance(d, dict):
            return str(d.get("code") or ""), str(d.get("message") or "")
        text = str(d or "")
    head, sep, rest = text.partition(": ")
    if sep and head and " " not in head:
        return head, rest
    return "", text or fallback


class CentralRefusal(ProvisioningError):
    def __init__(self, detail: str, *, code: str, status: int, reason: str, message: str):
        super().__init__(detail, code=code)
        self.status = status
        self.reason = reason
        self.message = message
