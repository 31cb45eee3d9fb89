"""Inactivity timeout logic, driven by a clock so that it is tested without waiting.

The session expires ``timeout_s`` after the last touch; the last ``warning_s`` of that are a
visible (and, in speech mode, spoken) countdown ("I need more time" touches again). The Qt
side polls :meth:`phase` once a second and on every input event calls :meth:`touch`;
actions through assistive technology and the keypad count as touches too.

WCAG 2.2.1 (timing adjustable): the warning comes at least :data:`MIN_WARNING_S` ahead and
the citizen may extend as often as they like (never fewer than ten times). Speech mode
multiplies both limits (``[speech] speech_timeout_factor``): listening takes longer than
reading.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable

MIN_WARNING_S = 20.0


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
        self._factor = 1.0
        self._base = (float(timeout_s), float(warning_s))
        self.timeout_s = 0.0
        self.warning_s = 0.0
        self.extensions = 0  # "more time" granted in this session
        self.configure(timeout_s, warning_s)

    def configure(self, timeout_s: float, warning_s: float) -> None:
        """Change the limits (staff sessions use their own). The warning comes at least
        MIN_WARNING_S ahead, and leaves at least 5 s of the session before it."""
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self._base = (float(timeout_s), float(warning_s))
        self._apply()

    def set_factor(self, factor: float) -> None:
        """Lengthen (speech mode) or restore (1.0) both limits."""
        if factor < 1.0:
            raise ValueError("factor must be at least 1.0")
        self._factor = float(factor)
        self._apply()

    @property
    def factor(self) -> float:
        return self._factor

    def _apply(self) -> None:
        timeout_s, warning_s = self._base
        self.timeout_s = timeout_s * self._factor
        warning = max(warning_s * self._factor, MIN_WARNING_S)
        self.warning_s = float(max(0.0, min(warning, self.timeout_s - 5)))

    def start(self) -> None:
        self._running = True
        self.extensions = 0
        self._last = self._now()

    def stop(self) -> None:
        self._running = False

    def touch(self) -> None:
        if self._running:
            self._last = self._now()

    def extend(self) -> None:
        """The citizen asked for more time: there is no limit on how often."""
        if self._running:
            self.extensions += 1
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
