"""A service manager's stop: SIGTERM (or Ctrl+C) ends the kiosk cleanly, in kiosk mode too.

The kiosk runs as a real process (kiosk mode, demo profile: its central is a child process).
After SIGTERM it must exit 0 with no traceback, every thread it started stopped, its offline
store closed cleanly, no child left behind (demo central, dbus-launch), and the stop logged.
A kiosk killed outright (SIGKILL) takes its demo central with it too.

How fast it stops is not asserted here (a loaded CI machine makes any bound flaky); the
timeouts below only keep a hung kiosk from hanging the test run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
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


HANG_GUARD_S = 60  # only against a hung kiosk: the stop itself takes a second or two


def _records(data: Path) -> list[dict[str, object]]:
    path = data / "logs" / "kiosk.log"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def _events(data: Path) -> list[str]:
    return [str(r.get("event", "")) for r in _records(data)]


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
def test_a_stop_signal_exits_0_and_leaves_nothing_running(tmp_path: Path, sig: signal.Signals):
    proc, data = _start(tmp_path)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "the demo central runs as a child process"
    proc.send_signal(sig)
    try:
        _out, err = proc.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        stopped = [r for r in _records(data) if r.get("event") == "kiosk_stopped"]
        raise AssertionError(f"the kiosk never exited; its last words: {stopped}") from None
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    _gone, alive = psutil.wait_procs(children, timeout=HANG_GUARD_S)
    assert not alive, f"left running: {[p.name() for p in alive]}"
    events = _events(data)
    assert events.index("stop_requested") < events.index("kiosk_stopped")
    stopped = next(r for r in _records(data) if r.get("event") == "kiosk_stopped")
    # Every worker running when the stop came (device simulators, offline sync, ...) was joined.
    assert stopped["threads_at_stop"], "nothing was running: the check below would prove nothing"
    assert stopped["threads_left"] == [], stopped["threads_left"]
    # SQLite folds its write-ahead log into the database and removes it when the last connection
    # closes: what the kiosk wrote is in the database file itself, and the file is sound.
    store = data / "offline" / "offline.sqlite3"
    assert store.exists()
    assert not store.with_name(store.name + "-wal").exists(), "the offline store was not closed"
    con = sqlite3.connect(store)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_a_killed_kiosk_takes_its_demo_central_with_it(tmp_path: Path):
    proc, _data = _start(tmp_path)
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()
    proc.communicate(timeout=HANG_GUARD_S)
    _gone, alive = psutil.wait_procs(children, timeout=HANG_GUARD_S)
    assert not alive, f"orphaned: {[p.name() for p in alive]}"
