"""A service manager's stop: SIGTERM (or Ctrl+C) ends the kiosk cleanly, in kiosk mode too.

The kiosk runs as a real process (kiosk mode, demo profile: its central is a child process).
After SIGTERM it must exit 0 within 5 s, leave no child behind (demo central, dbus-launch),
and log that the session was wiped. A kiosk killed outright (SIGKILL) takes its demo central
with it too.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.conftest import repo_root

pytestmark = [pytest.mark.qt, pytest.mark.slow]

CODE = (
    "import sys, types; from ui.app import run_app; "
    "sys.exit(run_app(types.SimpleNamespace(config=None, windowed=False, landscape=False, lang=None)))"
)


def _events(data: Path) -> list[str]:
    path = data / "logs" / "kiosk.log"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line).get("event", ""))
        except ValueError:
            continue
    return out


def _wait_for(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # another process: nothing to wait on but its log


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(data))
    env["KIOSK_CONFIG"] = str(tmp_path / "none.toml")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as under a bare service manager
    proc = subprocess.Popen(
        [sys.executable, "-c", CODE], cwd=repo_root(), env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_for(lambda: "demo_central_started" in _events(data), 60, "the kiosk and its demo central")
    return proc, data


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_exits_0_quickly_and_leaves_nothing_running(tmp_path: Path, sig: signal.Signals):
    proc, data = _start(tmp_path)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "the demo central runs as a child process"
    sent = time.monotonic()
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=15)
    took = time.monotonic() - sent
    assert proc.returncode == 0, err
    assert took < 5.0, f"stopping took {took:.1f} s"
    assert "Traceback" not in err
    gone, alive = psutil.wait_procs(children, timeout=5)
    assert not alive, f"left running: {[p.name() for p in alive]}"
    events = _events(data)
    assert "stop_requested" in events and "kiosk_stopped" in events


def test_a_killed_kiosk_takes_its_demo_central_with_it(tmp_path: Path):
    proc, _data = _start(tmp_path)
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()
    proc.communicate(timeout=10)
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"orphaned: {[p.name() for p in alive]}"
