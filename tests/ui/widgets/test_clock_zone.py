"""The header clock shows the kiosk's time zone (Asia/Ho_Chi_Minh, as receipts and tracking
do), whatever zone the machine itself is set to."""

from __future__ import annotations

import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.qt


@pytest.fixture
def machine_in_new_york():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_header_clock_is_vietnam_time_on_a_machine_set_elsewhere(qtbot, machine_in_new_york):
    from ui.display import DisplayPrefs
    from ui.status import StatusModel
    from ui.widgets.bars import TopBar

    prefs = DisplayPrefs("vi", 100, False)
    bar = TopBar("", StatusModel(), prefs)
    qtbot.addWidget(bar)
    for _ in range(3):  # a minute may turn between the two readings: try again
        bar.tick()
        hanoi = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M")
        if bar.clock.text().startswith(hanoi):
            break
    assert bar.clock.text().startswith(hanoi)
    assert datetime.now().strftime("%H:%M") != hanoi  # the machine's own clock says otherwise
    prefs.close()
