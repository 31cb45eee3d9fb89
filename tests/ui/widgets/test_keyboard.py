from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ui.widgets.keyboard import VietKeyboard

pytestmark = pytest.mark.qt


@pytest.fixture
def kb(qtbot):
    edit = QLineEdit()
    kb = VietKeyboard(edit)
    qtbot.addWidget(edit)
    qtbot.addWidget(kb)
    kb.show()
    return kb, edit


def press(qtbot, kb, *names):
    for n in names:
        qtbot.mouseClick(kb.key(n), Qt.MouseButton.LeftButton)


def test_types_vietnamese_with_diacritic_and_tone_keys(qtbot, kb):
    k, edit = kb
    press(qtbot, k, "shift", "v", "i", "ê", "t", "tone_nang", "space", "shift", "n", "a", "m")
    assert edit.text() == "Việt Nam"


def test_tone_applies_at_the_cursor_not_the_end(qtbot, kb):
    k, edit = kb
    edit.setText("ha noi")
    edit.setCursorPosition(2)
    press(qtbot, k, "tone_huyen")
    assert edit.text() == "hà noi" and edit.cursorPosition() == 2


def test_backspace_clear_and_done(qtbot, kb):
    k, edit = kb
    press(qtbot, k, "đ", "ư", "ơ", "n", "g", "backspace")
    assert edit.text() == "đươn"
    with qtbot.waitSignal(k.done):
        press(qtbot, k, "done")
    press(qtbot, k, "clear")
    assert edit.text() == ""


def test_numeric_pad(qtbot, kb):
    k, edit = kb
    press(qtbot, k, "numeric")
    assert k.mode == "numeric" and not k.key("q").isVisible() and k.key("num_5").isVisible()
    press(qtbot, k, "num_0", "num_9", "num_1", "num_2", "num_backspace")
    assert edit.text() == "091"
    k.allow_letters(False)
    assert not k.key("letters").isVisible()


def test_keys_are_large_and_a_touch_never_takes_focus(qtbot, kb):
    k, edit = kb
    k.resize(1080, 800)
    k.show()
    qtbot.waitExposed(k)
    k.activateWindow()
    edit.setFocus()
    sizes = [(b.width(), b.height()) for b in k.findChildren(type(k.key("a"))) if b.isVisible()]
    assert sizes and min(min(s) for s in sizes) >= 90
    # Tab and the keypad reach the keys (a blind citizen types with them); a touch does not.
    assert all(b.focusPolicy() == Qt.FocusPolicy.TabFocus for b in k.findChildren(type(k.key("a"))))


def test_symbol_keys_have_names_in_words(qtbot, kb):
    k, _ = kb
    assert k.key("backspace").accessibleName() == "Delete"
    assert k.key("shift").accessibleName().startswith("Shift")
    assert k.key("tone_nga").accessibleName() == "tone mark ngã"
    assert k.key("numeric").accessibleName() == "Numbers"


def test_keyboard_fits_the_portrait_column_with_keys_above_15_mm(qtbot, kb):
    # 1080 px portrait panel minus the screens' side margins (2 × 40 px): the keyboard must fit,
    # or every screen that shows it is pushed past the right edge.
    k, _ = kb
    assert k.minimumSizeHint().width() <= 1000
    mm_per_px = 0.248  # 21.5" 1080×1920
    for name in ("q", "backspace", "tone_nga", "space"):
        key = k.key(name)
        assert key.minimumWidth() * mm_per_px >= 15 and key.minimumHeight() * mm_per_px >= 15
