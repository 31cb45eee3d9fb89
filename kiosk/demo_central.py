"""The demo profile's central, run as a separate process (``python -m central serve``).

The kiosk never imports the central: it starts the central's own program, waits for the one
line that says it is ready (URL and site key as JSON on standard error), and stops it again.
This is what ``kiosk sandbox`` and the demo profile (``ui/demo.py``, ``kiosk track`` without
a configured central) use. Start-up takes a second or two: call it off the GUI thread.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.errors import KioskError

#: The central prints this, then a JSON object, on standard error once it accepts connections.
READY_PREFIX = "central ready: "


class CentralStartError(KioskError):
    def __init__(self, why: str):
        super().__init__(f"the demo central did not start: {why}", code="central.demo_failed")


@dataclass
class DemoCentralProcess:
    url: str  # base URL with a trailing slash: the Open311 endpoint
    api_key: str  # the site API key (demo profile only)
    data_dir: Path
    _proc: subprocess.Popen[bytes] = field(repr=False)

    @property
    def pid(self) -> int:
        return self._proc.pid

    def stop(self, timeout: float = 1.5) -> None:
        """Graceful first; then killed, since the kiosk's own stop must end within seconds (its
        SQLite store commits atomically, so a kill loses nothing that was answered)."""
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
            try:
                self._proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout)

    def __enter__(self) -> DemoCentralProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def central_command(*args: str) -> list[str]:
    """The argv that runs the central's own command line with this Python."""
    return [sys.executable, "-m", "central", *args]


def start_demo_central(
    data_dir: Path, port: int = 0, *, agency_code: str = "DEMO", start_timeout: float = 30.0
) -> DemoCentralProcess:
    """Run ``central serve`` on loopback with its data under ``data_dir``; return once it listens."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    argv = central_command(
        "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data_dir), "--agency", agency_code,
        "--profile", "demo",
        "--exit-with-parent",  # a kiosk killed outright (SIGKILL, power) leaves no central behind
    )  # fmt: skip
    # The central's standard error goes to a file beside its data (nobody has to drain a pipe);
    # its ready line is read back from there.
    log_path = data_dir / "central.log"
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        proc = subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=fd,
            env=os.environ,
        )
    except OSError as e:
        raise CentralStartError(e.strerror or type(e).__name__) from None
    finally:
        os.close(fd)
    deadline = time.monotonic() + start_timeout
    try:
        while True:
            for line in log_path.read_text("utf-8", "replace").splitlines():
                if line.startswith(READY_PREFIX):
                    info = json.loads(line[len(READY_PREFIX) :])
                    return DemoCentralProcess(
                        url=str(info["url"]), api_key=str(info["api_key"]), data_dir=data_dir, _proc=proc
                    )
            if proc.poll() is not None:
                raise CentralStartError(f"exited with status {proc.returncode} (see {log_path})")
            if time.monotonic() > deadline:
                raise CentralStartError(f"no answer in {start_timeout:.0f} s (see {log_path})")
            time.sleep(0.05)  # a child process's start-up: nothing to wait on but its file
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
