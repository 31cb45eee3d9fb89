"""A citizen's session: what it holds, and how every trace of it is wiped at the end.

Areas keep session data either in :attr:`Session.data` (cleared here) or in their own
objects, in which case they call :meth:`Session.register_wipe` once with a function that
clears them. At the end of every session each wipe function runs; one that fails is logged
(type only: its message might quote personal data) and the others still run.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.logs import get_logger

log = get_logger(__name__)

Wipe = Callable[[], None]


@dataclass(frozen=True)
class WipeReport:
    session_ref: str
    reason: str
    ran: int
    failed: tuple[str, ...] = field(default=())  # names of wipe functions that raised


class Session:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._wipes: list[tuple[str, Wipe]] = []
        self.data: dict[str, Any] = {}
        self.active = False
        # A random reference for logs and staff; never derived from the citizen.
        self.ref = ""
        self.started_at = 0.0
        self.assisted = False

    def start(self) -> None:
        if self.active:
            return
        self.active = True
        self.ref = secrets.token_hex(4)
        self.started_at = self._now()
        self.assisted = False
        log.info("session_started", session=self.ref)

    def register_wipe(self, wipe: Wipe, name: str | None = None) -> Callable[[], None]:
        """Run ``wipe`` at the end of every session. Returns a function that unregisters it."""
        label: str = name or str(getattr(wipe, "__qualname__", repr(wipe)))
        entry = (label, wipe)
        self._wipes.append(entry)

        def unregister() -> None:
            if entry in self._wipes:
                self._wipes.remove(entry)

        return unregister

    def end(self, reason: str) -> WipeReport:
        """Wipe everything, whether or not a session was active (a wipe is always safe)."""
        failed: list[str] = []
        for name, wipe in list(self._wipes):
            try:
                wipe()
            except Exception as e:  # noqa: BLE001 - one broken wipe must not keep the others from running
                failed.append(name)
                log.error("session_wipe_failed", wipe=name, error_type=type(e).__name__)
        self.data.clear()
        report = WipeReport(self.ref, reason, len(self._wipes), tuple(failed))
        if self.active:
            log.info(
                "session_ended",
                session=self.ref,
                reason=reason,
                duration_s=round(self._now() - self.started_at, 1),
                assisted=self.assisted,
                wipes=len(self._wipes),
                wipe_failures=len(failed),
            )
        self.active = False
        self.ref = ""
        self.assisted = False
        return report
