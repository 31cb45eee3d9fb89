from __future__ import annotations

from kiosk.app_state.controller import Controller
from kiosk.app_state.inactivity import InactivityClock, Phase
from kiosk.app_state.screens import ScreenInfo, ScreenMachine
from kiosk.app_state.session import Session
from tests.kiosk.app_state.test_inactivity import FakeClock


def make() -> tuple[Controller, FakeClock]:
    now = FakeClock()
    m = ScreenMachine("attract")
    for sid, ins in [("attract", False), ("error", False), ("home", True), ("track", True)]:
        m.register(ScreenInfo(sid, ins))
    c = Controller(m, Session(now), InactivityClock(60, 10, now))
    m.go("attract")
    return c, now


def test_entering_home_starts_session_and_clock():
    c, _ = make()
    assert not c.session.active
    c.navigate("home")
    assert c.session.active and c.clock.phase() is Phase.ACTIVE


def test_timeout_wipes_session_and_returns_to_attract():
    c, now = make()
    wiped = []
    c.session.register_wipe(lambda: wiped.append(True))
    c.navigate("home")
    c.navigate("track")
    c.session.data["x"] = "secret"
    now.t += 55
    assert c.tick() is Phase.WARNING
    now.t += 5
    assert c.tick() is Phase.EXPIRED
    assert c.machine.current == "attract" and wiped == [True]
    assert not c.session.active and c.session.data == {}
    assert c.tick() is Phase.IDLE


def test_back_from_first_session_screen_finishes_session():
    c, _ = make()
    c.navigate("home")
    c.back()
    assert c.machine.current == "attract" and not c.session.active


def test_error_screen_wipes_first_and_is_outside_session():
    c, _ = make()
    c.navigate("home")
    report = c.show_outside_session("error", "error")
    assert report.reason == "error"
    assert c.machine.current == "error" and not c.session.active
    assert c.clock.phase() is Phase.IDLE
