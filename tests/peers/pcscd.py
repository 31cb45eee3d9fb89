"""pcscd with the vsmartcard-vpcd driver, for tests that need a real PC/SC stack.

``ensure_pcscd()`` reuses a pcscd that already shows the "Virtual PCD" readers, or starts one
(``pcscd --foreground``, as root) and waits until the readers appear. Several pytest processes
may call it at once: starting is serialised by an fcntl lock, and every user holds a shared
lock on :data:`USERS_LOCK` while it uses pcscd; ``release()`` stops pcscd only when this process
started it *and* nobody else holds the users' lock (otherwise pcscd is left running, harmless).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from typing import IO

START_LOCK = "/tmp/kiosk-pcscd-start.lock"  # noqa: S108 - a well-known lock path shared by test processes
USERS_LOCK = "/tmp/kiosk-pcscd-users.lock"  # noqa: S108
VPCD_READER = "Virtual PCD"


class PcscdUnavailable(RuntimeError):
    pass


def virtual_readers() -> list[str]:
    """Reader names containing "Virtual PCD", [] when pcscd is not answering."""
    try:
        from smartcard.System import readers

        return [str(r) for r in readers() if VPCD_READER in str(r)]
    except Exception:  # noqa: BLE001 - no service, no readers: both mean "not yet"
        return []


def wait_for(condition, timeout: float, interval: float = 0.05):
    """Poll ``condition`` until truthy or ``timeout`` seconds pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)  # polling interval of a condition wait, not a blind sleep


@dataclass
class Pcscd:
    started: bool
    readers: list[str]
    process: subprocess.Popen | None = None
    _users: IO | None = field(default=None, repr=False)

    def release(self) -> None:
        if self._users is not None:
            fcntl.flock(self._users, fcntl.LOCK_UN)
            if self.started and self.process is not None:
                try:
                    fcntl.flock(self._users, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass  # another process still uses pcscd: leave it running
                else:
                    self.process.terminate()
                    try:
                        self.process.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        self.process.kill()
                        self.process.wait(timeout=5)
                    fcntl.flock(self._users, fcntl.LOCK_UN)
            self._users.close()
            self._users = None


def ensure_pcscd(timeout: float = 15.0) -> Pcscd:
    """A pcscd showing the vpcd readers, started if need be. Call ``release()`` when done."""
    users = open(USERS_LOCK, "a+")  # noqa: SIM115 - held for the lifetime of the handle
    fcntl.flock(users, fcntl.LOCK_SH)
    found = virtual_readers()
    if found:
        return Pcscd(False, found, None, users)
    with open(START_LOCK, "a+") as start:
        fcntl.flock(start, fcntl.LOCK_EX)
        found = virtual_readers()  # someone else may have started it while we waited
        if found:
            return Pcscd(False, found, None, users)
        exe = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if not os.path.exists(exe):
            users.close()
            raise PcscdUnavailable("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)")
        os.makedirs("/run/pcscd", exist_ok=True)
        proc = subprocess.Popen(
            [exe, "--foreground"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        found = wait_for(lambda: proc.poll() is not None or virtual_readers(), timeout)
        if proc.poll() is not None or not found:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=5)
            users.close()
            raise PcscdUnavailable(
                "pcscd did not show the 'Virtual PCD' readers "
                f"(exit {proc.returncode}); is vsmartcard-vpcd installed and are we root?"
            )
        return Pcscd(True, virtual_readers(), proc, users)
