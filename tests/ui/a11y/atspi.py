"""A screen reader's view of the running kiosk, for tests: a private session bus, the
accessibility bus, the kiosk started as on a kiosk (xcb, Qt's AT-SPI bridge on) and a
pyatspi probe (system python3) that lists controls and performs their actions.

Needs an X display (the test runs under xvfb-run) and Debian's at-spi2-core, dbus-daemon and
python3-pyatspi (setup.sh installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("atspi_probe.py")
# The registry can miss a live application for a moment on a loaded machine (its own calls
# time out): a walk that does not find the kiosk is tried again for this long.
REGISTRY_GRACE_S = 10.0
DEATH_GRACE_S = 2.0  # how long a failed request waits to learn whether the kiosk is ending
APP_NAME = "onestop-kiosk"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def available() -> str | None:
    """Why the AT-SPI test cannot run here, or None."""
    if not os.environ.get("DISPLAY"):
        return "no X display (run under xvfb-run)"
    if shutil.which("dbus-daemon") is None or not Path(LAUNCHER).exists():
        return "dbus-daemon / at-spi2-core not installed (setup.sh)"
    if subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True).returncode != 0:
        return "python3-pyatspi not installed (setup.sh)"
    return None


def _stop(proc: subprocess.Popen[Any] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def start_buses() -> tuple[subprocess.Popen[str], subprocess.Popen[bytes], dict[str, str]]:
    """A private session bus and the accessibility bus: the two processes, and the
    environment (this one's, minus any other bus) that reaches them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "AT_SPI"))}
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    if not address:
        _stop(bus)
        raise RuntimeError("dbus-daemon gave no address")
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    env["NO_AT_BRIDGE"] = "0"
    launcher = subprocess.Popen(
        [LAUNCHER, "--launch-immediately"], env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    return bus, launcher, env


@contextmanager
def accessibility_buses() -> Iterator[dict[str, str]]:
    """:func:`start_buses` for a ``with`` block: yields the environment, stops both after."""
    bus, launcher, env = start_buses()
    try:
        yield env
    finally:
        _stop(launcher)
        _stop(bus)


class KioskDied(AssertionError):
    """The kiosk process ended while a test was using it (a native crash, most often)."""


def exit_status(returncode: int) -> str:
    """``killed by SIGSEGV`` / ``exit status 1``."""
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def crash_stack(data_dir: Path) -> str:
    """The Python stacks the kiosk's fault handler wrote (kiosk/crash_record.py), if any."""
    from kiosk import crash_record

    crash = crash_record.last_crash(data_dir / "logs")
    if crash is None:
        return "(no crash record)"
    return f"{crash.what} in {crash.where}\n{crash.stack}"


@dataclass
class Control:
    name: str
    role: str
    description: str
    actions: list[str]
    focusable: bool
    focused: bool
    checked: bool
    sensitive: bool
    extents: list[int] | None
    path: list[int]


class ScreenReader:
    """Starts the buses and the kiosk; ``controls()`` and ``act()`` go through AT-SPI."""

    def __init__(self, tmp: Path, kiosk_args: list[str] | None = None, config: str | None = None) -> None:
        self.tmp = tmp
        self.kiosk_args = kiosk_args or ["--windowed"]
        self.config = config
        self.bus: subprocess.Popen[str] | None = None
        self.launcher: subprocess.Popen[bytes] | None = None
        self.kiosk: subprocess.Popen[bytes] | None = None
        self.probe: subprocess.Popen[str] | None = None
        self.env: dict[str, str] = {}

    def __enter__(self) -> ScreenReader:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        died_before = self.kiosk is not None and self.kiosk.poll() is not None
        self.close()
        if exc_type is not None or self.kiosk is None:
            return
        rc = self.kiosk.returncode
        if died_before or (rc < 0 and rc != -signal.SIGKILL):  # gone early, or crashed on its way out
            raise KioskDied(
                f"the kiosk {'died during the test' if died_before else 'crashed when stopped'} "
                f"({exit_status(rc)}).\nIts Python stack:\n{crash_stack(self.tmp / 'data')}\n"
                f"Its last output:\n{self.log()}"
            )

    def _start(self) -> None:
        self.bus, self.launcher, env = start_buses()
        data = self.tmp / "data"
        data.mkdir(exist_ok=True)
        kenv = dict(env)
        kenv.update(
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            KIOSK_DATA_DIR=str(data),
            QT_LOGGING_RULES="qt.accessibility.atspi*=false;qt.qpa.*=false;qt.multimedia*=false",
            PYTHONPATH=str(Path(__file__).resolve().parents[3]),
        )
        if self.config:
            cfg = self.tmp / "kiosk.toml"
            cfg.write_text(self.config, encoding="utf-8")
            kenv["KIOSK_CONFIG"] = str(cfg)
        self.kiosk_log = (self.tmp / "kiosk.log").open("wb")
        exe = Path(sys.executable).with_name("kiosk")
        self.kiosk = subprocess.Popen(
            [str(exe), *self.kiosk_args],
            env=kenv,
            start_new_session=True,
            stdout=self.kiosk_log,
            stderr=subprocess.STDOUT,
        )
        self.env = env
        self.probe = subprocess.Popen(
            ["/usr/bin/python3", str(PROBE)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if not self.ask({"cmd": "wait_app", "name": APP_NAME, "timeout": 40})["ok"]:
            self.check_alive()
            raise RuntimeError(f"the kiosk never appeared on the accessibility bus; log: {self.log()}")

    def log(self) -> str:
        p = self.tmp / "kiosk.log"
        return p.read_text(errors="replace")[-3000:] if p.exists() else ""

    def check_alive(self) -> None:
        """Raise :class:`KioskDied` (how it ended, its Python stack, its last output) if the
        kiosk is gone: a failure that says so, not a timeout waiting for a control."""
        if self.kiosk is None or self.kiosk.poll() is None:
            return
        raise KioskDied(
            f"the kiosk died ({exit_status(self.kiosk.returncode)}, pid {self.kiosk.pid}).\n"
            f"Its Python stack:\n{crash_stack(self.tmp / 'data')}\n"
            f"Its last output:\n{self.log()}"
        )

    def ask(self, req: dict[str, Any]) -> dict[str, Any]:
        self.check_alive()
        assert self.probe is not None and self.probe.stdin and self.probe.stdout
        self.probe.stdin.write(json.dumps(req) + "\n")
        self.probe.stdin.flush()
        line = self.probe.stdout.readline()
        if not line:
            self.check_alive()
            raise RuntimeError(f"the AT-SPI probe died ({exit_status(self.probe.wait(10))})")
        res = dict(json.loads(line))
        if not res["ok"] and self.kiosk is not None:
            # An error because the kiosk is gone says so. The bus may tell of its end a moment
            # before the process can be reaped (its stack is still being written): wait a little.
            try:
                self.kiosk.wait(timeout=DEATH_GRACE_S)
            except subprocess.TimeoutExpired:
                pass
            self.check_alive()
        return res

    def ask_app(self, req: dict[str, Any]) -> dict[str, Any]:
        """``ask`` about the kiosk: again while the registry does not list it and it runs."""
        deadline = time.monotonic() + REGISTRY_GRACE_S
        while True:
            res = self.ask({**req, "name": APP_NAME})
            if res["ok"] or res.get("error") != "absent" or time.monotonic() > deadline:
                return res
            time.sleep(0.2)  # the kiosk runs (checked in ask) but was not listed: look again

    def controls(self, *, everything: bool = False) -> list[Control]:
        """Interactive controls; ``everything``: every named object a screen reader can read."""
        res = self.ask_app({"cmd": "dump", "everything": everything})
        if not res["ok"]:
            raise RuntimeError(res.get("error"))
        return [Control(**c) for c in res["controls"]]

    def find(self, name: str) -> Control:
        hits = [c for c in self.controls() if c.name == name]
        if not hits:
            raise LookupError(f"no visible control named {name!r}: {[c.name for c in self.controls()]}")
        return hits[0]

    def act(self, control: Control, action: int = 0) -> None:
        res = self.ask_app({"cmd": "act", "path": control.path, "action": action})
        if not res["ok"]:
            raise RuntimeError(res.get("error"))

    def wait_for(self, name: str, timeout: float = 15.0) -> Control:
        """Poll the tree until a control called ``name`` is visible (AT-SPI has no wait)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.find(name)
            except LookupError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)

    def focused(self) -> dict[str, str] | None:
        return self.ask_app({"cmd": "focused"}).get("focused")

    def close(self) -> None:
        if self.probe is not None and self.probe.stdin:
            try:
                self.probe.stdin.close()
            except OSError:
                pass
        for p in (self.probe, self.kiosk, self.launcher, self.bus):
            _stop(p)
        if getattr(self, "kiosk_log", None):
            self.kiosk_log.close()
