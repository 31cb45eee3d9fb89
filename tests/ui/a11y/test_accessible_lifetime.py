"""Widgets made and destroyed under the AT-SPI bridge do not crash the kiosk (issue: the kiosk
died natively in the AT-SPI hand-over walk, in ``QAccessibleCache::idForObject`` and in
shiboken's ``releaseWrapper``).

The kiosk's accessibility factory (ui/widgets/accessible.py) answered for a widget in its
destructor and its interfaces held their widget's Python wrapper, which PySide keeps alive for
the whole process: the overlay's card closed with its answer focused, a few times over, and
the process died with SIGSEGV on its way out (5 runs of 5 before the fix, none after).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import repo_root
from tests.ui.a11y.atspi import accessibility_buses, available, exit_status

pytestmark = [pytest.mark.qt, pytest.mark.skipif(available() is not None, reason=str(available()))]
CHILD = Path(__file__).with_name("overlay_churn_child.py")


def test_cards_opened_and_closed_under_the_bridge_leave_a_process_that_exits_cleanly() -> None:
    with accessibility_buses() as env:
        env.update(
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            QT_LOGGING_RULES="qt.accessibility.atspi*=false;qt.qpa.*=false",
            PYTHONPATH=str(repo_root()),
            PYTHONFAULTHANDLER="1",
        )
        child = subprocess.run(
            [sys.executable, str(CHILD), "20"],
            cwd=repo_root(),
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
    said = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    assert child.returncode == 0, (
        f"the process ended with {exit_status(child.returncode)} after {said}:\n{child.stderr[-4000:]}"
    )
    assert child.returncode != -signal.SIGSEGV
    # Not vacuous: every round ran, the bridge was live and a screen reader's walk read the window.
    assert said and said[0]["rounds"] == 20 and said[0]["bridge"] is True, said
    assert said[0]["objects_read"] > 40 * 5, said
