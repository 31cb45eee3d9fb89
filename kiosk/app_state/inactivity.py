"""Inactivity timeout logic, driven by a clock so that it is tested without waiting.

The session expires ``timeout_s`` after the last touch; the last ``warning_s`` of that are a
visible countdown ("I need more time" touches again). The Qt side polls :meth:`phase` once a
second and on every input event calls :meth:`touch`.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable


class Phase(enum.Enum):
    IDLE = "idle"  # no session: nothing to time out
    ACTIVE = "active"
    WARNING = "warning"  # countdown shown
    EXPIRED = "expired"


class InactivityClock:
    def __init__(self, timeout_s: float, warning_s: float, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._last = 0.0
        self._running = False
        self.timeout_s = 0.0
        self.warning_s = 0.0
        self.configure(timeout_s, warning_s)

    def configure(self, timeout_s: float, warning_s: float) -> None:
        """Change the limits (staff sessions use their own); keeps at least 5 s before the warning."""
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.timeout_s = float(timeout_s)
        self.warning_s = float(max(0.0, min(warning_s, timeout_s - 5)))

    def start(self) -> None:
        self._running = True
        self._last = self._now()

    def stop(self) -> None:
        self._running = False

    def touch(self) -> None:
        if self._running:
            self._last = self._now()

    @property
    def running(self) -> bool:
        return self._running

    def remaining(self) -> float:
        if not self._running:
            return math.inf
        return max(0.0, self.timeout_s - (self._now() - self._last))

    def seconds_shown(self) -> int:
        """Whole seconds for the countdown; never shows 0 while time is left."""
        r = self.remaining()
        return 0 if r <= 0 else math.ceil(r)

    def phase(self) -> Phase:
        if not self._running:
            return Phase.IDLE
        r = self.remaining()
        if r <= 0:
            return Phase.EXPIRED
        if r <= self.warning_s:
            return Phase.WARNING
        return Phase.ACTIVE
