"""The staff-only exit: who may close the kiosk program.

In kiosk mode the usual ways out (Ctrl+Q, Alt+F4 …) do nothing. A staff member presses the
key chord (Ctrl+Alt+Shift+X) and types the exit code from ``[ui] exit_code``; with no code
configured, only the demo profile accepts its documented code (``DEMO_EXIT_CODE``) and a
production kiosk cannot be closed this way at all. After five wrong codes the guard refuses
everything for a minute. Staff sign-in replaces the check through :attr:`ExitGuard.authorizer`.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from kiosk.logs import get_logger

log = get_logger(__name__)

DEMO_EXIT_CODE = "000000"
MAX_ATTEMPTS = 5
LOCK_S = 60.0


class ExitGuard:
    def __init__(self, code: str | None, *, demo: bool, now: Callable[[], float] = time.monotonic) -> None:
        self._code = code if code else (DEMO_EXIT_CODE if demo else None)
        self._now = now
        self._failures = 0
        self._locked_until = 0.0
        # Staff sign-in will set this to a check of the signed-in staff member's rights.
        self.authorizer: Callable[[str], bool] | None = None

    @property
    def available(self) -> bool:
        return self._code is not None or self.authorizer is not None

    def locked(self) -> bool:
        return self._now() < self._locked_until

    def check(self, entered: str) -> bool:
        if self.locked():
            log.warning("staff_exit_refused", why="locked")
            return False
        if self.authorizer is not None:
            ok = bool(self.authorizer(entered))
        elif self._code is None:
            ok = False
        else:
            ok = hmac.compare_digest(entered.encode(), self._code.encode())
        if ok:
            self._failures = 0
            log.info("staff_exit_granted")
            return True
        self._failures += 1
        log.warning("staff_exit_refused", why="wrong_code", failures=self._failures)
        if self._failures >= MAX_ATTEMPTS:
            self._failures = 0
            self._locked_until = self._now() + LOCK_S
        return False
