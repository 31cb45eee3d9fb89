from __future__ import annotations

import pytest

from kiosk.app_state.screens import ScreenInfo, ScreenMachine, UnknownScreen


def machine() -> ScreenMachine:
    m = ScreenMachine("attract")
    for sid, in_session in [
        ("attract", False),
        ("error", False),
        ("home", True),
        ("submit", True),
        ("find", True),
    ]:
        m.register(ScreenInfo(sid, in_session))
    return m


def test_back_retraces_session_screens_then_returns_to_safe_screen():
    m = machine()
    m.go("attract")
    m.go("home")
    m.go("find")
    m.go("submit")
    assert m.back().current == "find"
    assert m.back().current == "home"
    t = m.back()
    assert (t.current, t.reason) == ("attract", "back")


def test_non_session_screens_are_not_in_history():
    m = machine()
    m.go("attract")
    m.go("home")
    assert m.history == ()  # attract is not a place to go back to within a session


def test_to_safe_clears_history_and_notifies_listeners():
    m = machine()
    seen = []
    m.subscribe(seen.append)
    m.go("home")
    m.go("submit")
    t = m.to_safe("timeout")
    assert (t.previous, t.current, t.reason) == ("submit", "attract", "timeout")
    assert m.history == ()
    assert [s.current for s in seen] == ["home", "submit", "attract"]


def test_unknown_screen_is_refused_and_state_unchanged():
    m = machine()
    m.go("home")
    with pytest.raises(UnknownScreen):
        m.go("nowhere")
    assert m.current == "home"


def test_registering_same_id_with_other_settings_is_an_error():
    m = machine()
    m.register(ScreenInfo("home", True))  # same again is fine (idempotent)
    with pytest.raises(ValueError):
        m.register(ScreenInfo("home", False))
