"""Staff lock windows measured on the monotonic clock, not the wall clock.

The wall clock of a kiosk can be set (by a technician, a bad NTP answer, or whoever has the
keyboard for a minute): a lock that ends at 14:30 wall time is lifted by setting the clock to
14:31. The monotonic clock only moves forward while the machine runs, so a lock kept as "until
monotonic T" ends when its minutes have really passed.

The monotonic clock restarts at boot, so each entry also records the boot it was taken in
(``/proc/sys/kernel/random/boot_id``); after a reboot the entry is void and the wall-clock lock
in the staff store decides (the fallback, no worse than before). Entries are kept in a small
JSON file next to the staff store so that every process of one boot (the GUI, ``kiosk staff``
commands) sees the same locks.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def current_boot_id() -> str:
    try:
        return _BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return f"pid-{os.getpid()}"  # no boot ID (not Linux): entries last this process only


class LockClock:
    """``lock(sid, seconds)``, then ``remaining(sid)``: seconds left, or None when this clock
    has no say (never locked here, or locked before the last reboot)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        boot_id: str | None = None,
    ):
        self.path = path
        self._mono = monotonic
        self._boot = boot_id or current_boot_id()
        self._memory: dict[str, float] = {}

    def _load(self) -> dict[str, float]:
        if self.path is None:
            return dict(self._memory)
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict) or raw.get("boot") != self._boot:
            return {}
        locks = raw.get("locks")
        return {str(k): float(v) for k, v in locks.items()} if isinstance(locks, dict) else {}

    def _save(self, locks: dict[str, float]) -> None:
        if self.path is None:
            self._memory = locks
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".locks-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"boot": self._boot, "locks": locks}, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def lock(self, staff_id: str, seconds: float) -> None:
        locks = self._load()
        locks[staff_id] = max(locks.get(staff_id, 0.0), self._mono() + max(0.0, seconds))
        self._save(locks)

    def remaining(self, staff_id: str) -> float | None:
        until = self._load().get(staff_id)
        return None if until is None else until - self._mono()

    def clear(self, staff_id: str) -> None:
        locks = self._load()
        if locks.pop(staff_id, None) is not None:
            self._save(locks)
