"""What can go wrong talking to the central, as a small set of domain exceptions.

Callers decide by type (and ``retryable``), never by HTTP status: the outbox retries
:class:`CentralOffline` and :class:`CentralServerError` later, sends :class:`CentralRejected`
to staff with its reasons, and reports :class:`CentralAuthError` to a technician.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import KioskError


@dataclass(frozen=True)
class Open311Error:
    """One entry of an Open311 error answer: ``[{"code": 400, "description": "..."}]``."""

    code: int | str
    description: str


class CentralError(KioskError):
    """Base of every failure reaching or using the central."""

    code = "central.error"
    retryable = False


class CentralOffline(CentralError):
    """The central could not be reached, timed out, or something else answered in its place
    (a captive portal's HTML page, a proxy). Nothing is known to have been stored: retry later
    with the same idempotency key."""

    code = "central.offline"
    retryable = True


class CentralDeadline(CentralOffline):
    """No complete answer within the call's deadline (``[central] call_deadline_s``): a dead
    link, or something trickling the answer. Not retried within the call; later, as offline."""

    code = "central.deadline"


class CentralTooLarge(CentralOffline):
    """The answer was larger than ``[central] max_response_bytes``: not the central's answer
    (or a misconfigured cap). Reading stopped at the cap."""

    code = "central.too_large"


class CentralInsecureUrl(CentralError):
    """The central URL is not https (plain http is allowed only to this machine)."""

    code = "central.insecure_url"


class CentralServerError(CentralError):
    """The central answered 5xx (or 429): it may or may not have stored the request. Retry later
    with the same idempotency key."""

    code = "central.server_error"
    retryable = True

    def __init__(
        self,
        detail: str = "",
        *,
        status: int = 500,
        retry_after_s: float | None = None,
        code: str | None = None,
        **values: object,
    ):
        super().__init__(detail, code=code, **values)
        self.status = status
        self.retry_after_s = retry_after_s  # the central's Retry-After (seconds), if it sent one


class CentralAuthError(CentralError):
    """The central refused this kiosk's credentials (401/403): a technician must act."""

    code = "central.auth"


class CentralRejected(CentralError):
    """The central refused the request itself; retrying the same thing will not help.

    ``reasons`` are the Open311 error entries, worded by the central (show them to staff).
    """

    code = "central.rejected"

    def __init__(
        self,
        detail: str = "",
        *,
        reasons: tuple[Open311Error, ...] = (),
        status: int = 400,
        code: str | None = None,
        **values: object,
    ):
        said = "; ".join(r.description for r in reasons)
        values.setdefault("reasons", said or detail)  # fills {reasons} in the catalog message
        super().__init__(detail or said, code=code, **values)
        self.reasons = reasons
        self.status = status


class CentralNotFound(CentralRejected):
    """No such service, request, token or tracking code at the central."""

    code = "central.not_found"


class IdempotencyConflict(CentralRejected):
    """The idempotency key was already used with a different body (409)."""

    code = "central.idempotency_conflict"


class ExtensionUnavailable(CentralError):
    """The central is a plain Open311 server without the extension this call needs."""

    code = "central.extension_unavailable"
