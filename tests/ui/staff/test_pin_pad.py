from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ui.staff.pin_pad import PinPad

pytestmark = pytest.mark.qt


def test_pad_shows_dots_never_digits_and_hands_the_pin_over_once(qtbot):
    pad = PinPad()
    qtbot.addWidget(pad)
    ok = pad.findChild(QPushButton, "staff_pin_ok")
    assert not ok.isEnabled()
    for d in "2468":
        qtbot.mouseClick(pad.findChild(QPushButton, f"staff_pin_key_{d}"), Qt.MouseButton.LeftButton)
    shown = pad.dots.text()
    assert not re.search(r"\d", shown) and shown.count("●") == 4
    assert ok.isEnabled()
    with qtbot.waitSignal(pad.submitted, timeout=1000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert pad.take() == "2468"
    assert pad.length == 0 and pad.take() == ""


def test_erase_and_limits(qtbot):
    pad = PinPad()
    qtbot.addWidget(pad)
    for d in "1234567890":
        pad.press(d)
    assert pad.length == 8  # at most 8 digits
    qtbot.mouseClick(pad.findChild(QPushButton, "staff_pin_clear"), Qt.MouseButton.LeftButton)
    assert pad.length == 7
    keys = [pad.findChild(QPushButton, f"staff_pin_key_{d}") for d in "0123456789"]
    assert all(k.minimumHeight() >= 90 and k.minimumWidth() >= 90 for k in keys)
