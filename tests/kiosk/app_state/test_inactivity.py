from __future__ import annotations

import pytest

from kiosk.app_state.inactivity import InactivityClock, Phase


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_phases_follow_time_since_last_touch():
    now = FakeClock()
    c = InactivityClock(120, 20, now)
    assert c.phase() is Phase.IDLE
    c.start()
    now.t += 99
    assert c.phase() is Phase.ACTIVE
    now.t += 2  # 101 s: 19 s left
    assert c.phase() is Phase.WARNING and c.seconds_shown() == 19
    c.touch()  # "I need more time"
    assert c.phase() is Phase.ACTIVE and c.seconds_shown() == 120
    now.t += 120
    assert c.phase() is Phase.EXPIRED and c.seconds_shown() == 0


def test_countdown_never_shows_zero_while_time_is_left():
    now = FakeClock()
    c = InactivityClock(30, 10, now)
    c.start()
    now.t += 29.9
    assert c.seconds_shown() == 1


def test_touch_without_session_does_not_start_one():
    now = FakeClock()
    c = InactivityClock(30, 10, now)
    c.touch()
    now.t += 100
    assert c.phase() is Phase.IDLE


def test_warning_never_swallows_the_whole_timeout():
    c = InactivityClock(15, 300)
    assert c.warning_s == 10
    with pytest.raises(ValueError):
        c.configure(0, 5)
