"""A signed-in staff member at this kiosk, and the shorter timeout that ends it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

VerifiedBy = Literal["central", "cache"]


@dataclass(frozen=True)
class StaffSession:
    staff_id: str
    name: str  # as on the signed card; printed on the receipt ("Assisted by …")
    role: str  # officer | supervisor | technician
    agency: str
    credential_id: str
    verified_by: VerifiedBy
    started_at: datetime

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"

    def can(self, action: str) -> bool:
        """What each role may do from the staff menu."""
        return action in PERMISSIONS.get(self.role, frozenset())

    def to_dict(self) -> dict[str, str]:
        return {
            "staff_id": self.staff_id,
            "name": self.name,
            "role": self.role,
            "agency": self.agency,
            "verified_by": self.verified_by,
            "started_at": self.started_at.isoformat(),
        }


_COMMON = frozenset({"assist", "outbox", "reprint", "devices", "help_requests"})
PERMISSIONS: dict[str, frozenset[str]] = {
    "officer": _COMMON,
    "supervisor": _COMMON | {"report", "unlock", "exit_to_desktop"},
    "technician": frozenset({"outbox", "devices", "help_requests", "provision"}),
}


class InactivityTimer:
    """Counts down from the last touch; the UI polls :meth:`expired` from a QTimer.

    ``clock`` is monotonic seconds (``time.monotonic`` by default; tests pass their own).
    """

    def __init__(self, timeout_s: float, clock: Callable[[], float] = time.monotonic):
        self.timeout_s = timeout_s
        self._clock = clock
        self._last = clock()

    def touch(self) -> None:
        self._last = self._clock()

    def remaining(self) -> float:
        return max(0.0, self.timeout_s - (self._clock() - self._last))

    def expired(self) -> bool:
        return self.remaining() <= 0.0
