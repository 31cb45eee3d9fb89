"""Why a staff sign-in or unlock did not succeed, as one exception with a stable reason.

``reason`` is the short code the CLI prints (``wrong_pin``, ``locked``, ``expired``,
``unknown``, ``central_unreachable_no_cache``, ``invalid``, ``pin_format``,
``not_supervisor``); :attr:`code` is the message-catalog code ``staff.<reason>``.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.errors import KioskError

REASONS = (
    "wrong_pin",
    "locked",
    "expired",
    "unknown",
    "central_unreachable_no_cache",
    "invalid",
    "pin_format",
    "not_supervisor",
    "central_error",
    "central_untrusted",
    "storage_full",
    "storage_error",
)


class StaffAuthError(KioskError):
    def __init__(
        self,
        reason: str,
        detail: str = "",
        *,
        attempts_left: int | None = None,
        locked_until: datetime | None = None,
    ):
        assert reason in REASONS, reason
        values: dict[str, object] = {}
        if attempts_left is not None:
            values["attempts_left"] = attempts_left
        if locked_until is not None:
            values["locked_until"] = locked_until.astimezone().strftime("%H:%M")
        super().__init__(detail or reason, code=f"staff.{reason}", **values)
        self.reason = reason
        self.attempts_left = attempts_left
        self.locked_until = locked_until

    def as_dict(self, lang: str = "en") -> dict[str, object]:
        d: dict[str, object] = {"code": self.reason, "message": self.user_text(lang)}
        if self.attempts_left is not None:
            d["attempts_left"] = self.attempts_left
        if self.locked_until is not None:
            d["locked_until"] = self.locked_until.isoformat()
        return d


class CentralUnreachable(Exception):
    """The central did not answer usefully (network, timeout, 5xx, not our JSON)."""


class CentralUntrusted(CentralUnreachable):
    """Something answered in the central's place that cannot be believed: no signed statement,
    a signature that is not the pinned central key's, an answer for another request (a replay),
    kiosk or card, or a URL that is not https. Never a success; sign-in is refused with
    ``central_untrusted`` so that a technician looks at the network."""


class CentralRefused(Exception):
    """The central answered with a staff error: ``{"error": {"code", "attempts_left"?, "locked_until"?}}``."""

    def __init__(
        self,
        status: int,
        code: str,
        attempts_left: int | None,
        locked_until: datetime | None,
        staff_id: str | None = None,
    ):
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.attempts_left = attempts_left
        self.locked_until = locked_until
        self.staff_id = staff_id  # known on the chip ID card path once the card is recognised
