"""Where a help request stands: the central's answer as a plain record.

Apart from the HTTP client so that the citizen screens, which show it, load without
``requests`` and the attestation's cryptography (they come with the first call).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HelpStanding:
    """Where a help request stands at the central (``GET /staff/v1/help-requests/{id}``)."""

    id: str
    status: str  # open | closed | cancelled
    position: int | None  # 1 = next; None once not open
    staff_on_duty: int  # officers signed in who serve this kiosk
    estimated_wait_min: int | None  # None: nobody on duty, or no history to estimate from

    @classmethod
    def from_json(cls, b: dict[str, Any]) -> HelpStanding:
        def count(v: Any) -> int | None:
            return int(v) if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None

        return cls(
            id=str(b.get("id") or ""),
            status=str(b.get("status") or "open"),
            position=count(b.get("position")),
            staff_on_duty=count(b.get("staff_on_duty")) or 0,
            estimated_wait_min=count(b.get("estimated_wait_min")),
        )
