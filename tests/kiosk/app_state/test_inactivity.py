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


# --- WCAG 2.2.1: warned at least 20 s ahead, extendable at least ten times, longer with speech


class _Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_warning_comes_at_least_20_seconds_ahead_even_if_configured_shorter() -> None:
    from kiosk.app_state.inactivity import InactivityClock, Phase

    now = _Clock()
    c = InactivityClock(120, 5, now)
    c.start()
    now.t += 120 - 20 - 0.5
    assert c.phase() is Phase.ACTIVE
    now.t += 1
    assert c.phase() is Phase.WARNING and c.seconds_shown() >= 19


def test_more_time_can_be_asked_for_ten_times_and_more() -> None:
    from kiosk.app_state.inactivity import InactivityClock, Phase

    now = _Clock()
    c = InactivityClock(60, 20, now)
    c.start()
    for _ in range(12):
        now.t += 45
        assert c.phase() is Phase.WARNING
        c.extend()
        assert c.phase() is Phase.ACTIVE
    assert c.extensions == 12
    now.t += 61
    assert c.phase() is Phase.EXPIRED


def test_speech_mode_lengthens_both_limits_and_restores() -> None:
    from kiosk.app_state.inactivity import InactivityClock, Phase

    now = _Clock()
    c = InactivityClock(120, 20, now)
    c.set_factor(2.0)
    assert (c.timeout_s, c.warning_s) == (240, 40)
    c.start()
    now.t += 199
    assert c.phase() is Phase.ACTIVE
    now.t += 2
    assert c.phase() is Phase.WARNING
    c.set_factor(1.0)
    assert (c.timeout_s, c.warning_s) == (120, 20)
