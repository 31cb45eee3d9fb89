"""What a screen reader asks does not crash the kiosk. It died natively in the AT-SPI hand-over
walk, in ``QAccessibleCache::idForObject``: a scroll area asked for child 1 when it had one
child left (three cores: the screen reader counted the children before the scroll bar went
away). Qt's interface reads past its list there; the kiosk's answers nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import repo_root
from tests.ui.a11y.atspi import available, exit_status

pytestmark = [pytest.mark.qt, pytest.mark.skipif(available() is not None, reason=str(available()))]
SCROLL_CHILD = Path(__file__).with_name("scroll_area_child.py")


def test_a_scroll_area_asked_past_its_last_child_answers_nothing() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(repo_root()), PYTHONFAULTHANDLER="1")
    child = subprocess.run(
        [sys.executable, str(SCROLL_CHILD)], cwd=repo_root(), env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    said = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    assert child.returncode == 0, (
        f"the process ended with {exit_status(child.returncode)} after {said}:\n{child.stderr[-4000:]}"
    )
    children, past_end = said[0], said[1]["past_end_is_nothing"]
    # The same children as Qt presents (the viewport and the shown scroll bar's container) …
    assert children["kiosk"] == children["qt"], children
    assert "qt_scrollarea_vcontainer" in children["kiosk"], "the scroll bar did not show: nothing was tested"
    # … and nothing, not a read past the end, for an index it does not have.
    assert past_end == [True, True, True]
