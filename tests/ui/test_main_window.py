"""The shell: screens as a state machine, found by objectName; both orientations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ui.screens.registry import ScreenSpec, default_registry
from ui.widgets.choice_tile import ChoiceTile

pytestmark = pytest.mark.qt


def tile(w, name: str) -> ChoiceTile:
    return w.page("home").tiles[name]


def test_starts_on_attract_with_no_session(make_window):
    w = make_window()
    assert w.controller.machine.current == "attract"
    assert w.stack.currentWidget().objectName() == "screen_attract"
    assert not w.session.active
    assert not w.session_bar.isVisible()


def test_touch_anywhere_on_attract_starts_a_session_at_home(make_window, qtbot):
    w = make_window()
    attract = w.findChild(QWidget, "screen_attract")
    qtbot.mouseClick(attract.findChild(QLabel, "attract_title"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "home"
    assert w.session.active and w.session_bar.isVisible()


@pytest.mark.parametrize("choice", ["submit", "track", "find", "help"])
def test_each_home_choice_opens_its_screen_and_back_returns(make_window, qtbot, choice):
    w = make_window()
    qtbot.mouseClick(w.findChild(QPushButton, "start"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tile(w, choice), Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget().objectName() == f"screen_{choice}"
    title = w.findChild(QLabel, f"{choice}_title")
    assert title is not None and title.text()  # every screen says plainly where the citizen is
    qtbot.mouseClick(w.findChild(QPushButton, "back"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "home"


def test_finish_returns_to_attract_and_ends_session(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    w.navigate("find")
    qtbot.mouseClick(w.findChild(QPushButton, "finish"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "find"  # asks first: a stray touch loses nothing
    qtbot.mouseClick(w.findChild(QPushButton, "finish_no"), Qt.MouseButton.LeftButton)
    assert w.overlay.name == "" and w.session.active
    qtbot.mouseClick(w.findChild(QPushButton, "finish"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.findChild(QPushButton, "finish_yes"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "attract"
    assert not w.session.active
    assert "find" not in w.screens  # session screens are rebuilt for the next citizen


def test_home_tiles_stack_in_portrait_and_pair_in_landscape(make_window):
    portrait = make_window()
    portrait.navigate("home")
    grid = portrait.page("home").grid
    assert [grid.getItemPosition(grid.indexOf(t))[:2] for t in portrait.page("home").tiles.values()] == [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 0),
    ]
    landscape = make_window(landscape=True)
    landscape.navigate("home")
    grid = landscape.page("home").grid
    assert [grid.getItemPosition(grid.indexOf(t))[:2] for t in landscape.page("home").tiles.values()] == [
        (0, 0),
        (0, 1),
        (1, 0),
        (1, 1),
    ]


def test_touch_targets_are_at_least_90_px(make_window):
    w = make_window()
    w.navigate("home")
    w.navigate("track")
    small = [
        b.objectName()
        for b in w.findChildren(QPushButton)
        if b.isVisible() and (b.height() < 90 or b.width() < 90)
    ]
    assert small == []
    assert all(t.height() >= 90 for t in w.page("home").tiles.values())


def test_kiosk_mode_ignores_close_windowed_mode_closes(make_window):
    kiosk = make_window(kiosk_mode=True)
    kiosk._exit_allowed = False
    kiosk.close()
    assert kiosk.isVisible()
    windowed = make_window()
    windowed.close()
    assert not windowed.isVisible()


def test_registry_lets_an_area_replace_a_screen(make_window):
    from ui.screens.base import Screen

    class RealSubmit(Screen):
        screen_id = "submit"

    reg = default_registry()
    with pytest.raises(ValueError):
        reg.add(ScreenSpec("submit", RealSubmit))
    reg.add(ScreenSpec("submit", RealSubmit), replace=True)
    w = make_window()
    w2 = type(w)(w.config, kiosk_mode=False, registry=reg, install_safety_net=False)
    try:
        w2.navigate("home")
        w2.navigate("submit")
        assert isinstance(w2.current_screen, RealSubmit)
    finally:
        w2.allow_close()
        w2.close()
        w2.deleteLater()


def test_overlay_covers_the_window_and_closes(make_window, qtbot):
    w = make_window()
    card = QLabel("staff sign-in goes here")
    w.overlay.show_card(card, "staff_signin")
    assert w.overlay.isVisible() and w.overlay.geometry() == w.rect()
    with qtbot.waitSignal(w.overlay.closed) as blocker:
        w.overlay.close_card()
    assert blocker.args == ["staff_signin"] and not w.overlay.isVisible()


def test_status_indicators_follow_the_model(make_window):
    w = make_window()
    w.prefs.set_language("en")
    w.status.set("central", "down")
    assert "not connected" in w.findChild(QLabel, "status_central").text()
    outbox = w.findChild(QLabel, "status_outbox")
    assert not outbox.isVisible()  # nobody reported the outbox: nothing is claimed
    w.status.set_outbox(3)
    assert outbox.isVisible() and "3" in outbox.text()
    with pytest.raises(KeyError):
        w.status.set("printer", "ok")
