"""The CAN prompt opens with its six-digit field in view, in portrait where it opens below the
fold (docs/screenshots/wizard-3-identify-can-vi-portrait.png before the fix)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLineEdit

from ui.screens.layout_audit import visible_rect

pytestmark = pytest.mark.qt


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_the_can_field_is_in_view_when_the_prompt_opens(make_window, qtbot, landscape):
    from ui.screens.wizard.captures import identify_wait

    w = make_window(landscape=landscape)
    identify_wait(w)
    s = w.current_screen
    field = s.findChild(QLineEdit, "identify_can_input")
    s._open_can()
    whole = QRect(field.mapTo(w, QPoint(0, 0)), field.size())
    qtbot.waitUntil(lambda: visible_rect(field, w) == whole, timeout=2000)
