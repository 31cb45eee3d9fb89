"""Kiosk mode eats the usual ways out; the staff chord plus the exit code closes the program."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from kiosk.app_state.exit_guard import DEMO_EXIT_CODE
from ui.input_guard import InputGuard, is_escape_key

pytestmark = pytest.mark.qt

M = Qt.KeyboardModifier


def key(k, mods=M.NoModifier, t=QEvent.Type.KeyPress) -> QKeyEvent:
    return QKeyEvent(t, k, mods)


@pytest.mark.parametrize(
    ("k", "mods"),
    [
        (Qt.Key.Key_F4, M.AltModifier),
        (Qt.Key.Key_Tab, M.AltModifier),
        (Qt.Key.Key_Q, M.ControlModifier),
        (Qt.Key.Key_W, M.ControlModifier),
        (Qt.Key.Key_Escape, M.NoModifier),
        (Qt.Key.Key_Super_L, M.NoModifier),
        (Qt.Key.Key_F11, M.NoModifier),
    ],
)
def test_escape_keys_are_eaten_in_kiosk_mode_only(qapp, k, mods):
    assert is_escape_key(k, mods)
    target = QLabel()
    assert InputGuard(kiosk_mode=True).eventFilter(target, key(k, mods))
    assert not InputGuard(kiosk_mode=False).eventFilter(target, key(k, mods))


def test_ordinary_typing_passes(qapp):
    guard = InputGuard(kiosk_mode=True)
    assert not guard.eventFilter(QLabel(), key(Qt.Key.Key_A))
    assert not guard.eventFilter(QLabel(), key(Qt.Key.Key_A, M.ShiftModifier))


def chord(qtbot, w) -> None:
    qtbot.keyClick(w, Qt.Key.Key_X, M.ControlModifier | M.AltModifier | M.ShiftModifier)


def test_staff_exit_with_demo_code_closes_kiosk(make_window, qtbot):
    w = make_window(kiosk_mode=True)
    w._exit_allowed = False
    chord(qtbot, w)
    assert w.overlay.name == "staff_exit"
    code = w.findChild(QLineEdit, "exit_code")
    assert code.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(code, "123456")
    with qtbot.assertNotEmitted(w.exit_requested):
        qtbot.keyClick(code, Qt.Key.Key_Return)
    assert w.isVisible() and "Mã không đúng" in w.findChild(QLabel, "exit_hint").text()
    qtbot.keyClicks(code, DEMO_EXIT_CODE)
    with qtbot.waitSignal(w.exit_requested):
        qtbot.keyClick(code, Qt.Key.Key_Return)
    assert not w.isVisible()


def test_configured_code_replaces_demo_code(make_window, qtbot):
    w = make_window(config={"ui": {"exit_code": "482913"}}, kiosk_mode=True)
    w._exit_allowed = False
    chord(qtbot, w)
    code = w.findChild(QLineEdit, "exit_code")
    qtbot.keyClicks(code, DEMO_EXIT_CODE)
    qtbot.keyClick(code, Qt.Key.Key_Return)
    assert w.isVisible()
    qtbot.mouseClick(w.findChild(QPushButton, "exit_cancel"), Qt.MouseButton.LeftButton)
    assert w.overlay.name == ""


def test_production_without_code_has_no_exit(make_window, qtbot):
    w = make_window(config={"central": {"url": "https://central.example"}}, kiosk_mode=True)
    chord(qtbot, w)
    assert w.overlay.name == ""
