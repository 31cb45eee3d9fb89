"""When the kiosk under a screen-reader test dies, the test says so: how it ended (the
signal) and the Python stack its fault handler wrote, not a timeout waiting for a control."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kiosk import crash_record
from tests.ui.a11y.atspi import KioskDied, ScreenReader, available

pytestmark = [pytest.mark.qt, pytest.mark.skipif(available() is not None, reason=str(available()))]


def test_a_kiosk_that_dies_is_reported_with_its_signal_and_stack(tmp_path: Path) -> None:
    with pytest.raises(KioskDied) as died:
        with ScreenReader(tmp_path) as sr:
            assert sr.controls()  # it runs and a screen reader sees it
            assert sr.kiosk is not None
            os.kill(sr.kiosk.pid, signal.SIGSEGV)  # what a native fault in Qt delivers
            sr.kiosk.wait(60)
            sr.controls()
    message = str(died.value)
    assert "killed by SIGSEGV" in message
    assert "Fatal Python error: Segmentation fault" in message
    # Its stack: the kiosk was in Qt's event loop, called from the app's start (ui/app.py).
    assert "Current thread" in message and "ui/app.py" in message, message


def test_a_kiosk_stopped_cleanly_is_not_reported(tmp_path: Path) -> None:
    with ScreenReader(tmp_path) as sr:
        assert sr.controls()
    assert sr.kiosk is not None and sr.kiosk.returncode == 0
    # Its run is framed in the crash record, and a clean stop leaves nothing to report.
    logs = tmp_path / "data" / "logs"
    record = (logs / "crash.log").read_text()
    assert "--- kiosk start " in record and "--- kiosk stop " in record
    assert f"pid {sr.kiosk.pid}" in record
    assert crash_record.last_crash(logs) is None
