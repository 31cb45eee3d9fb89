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
        # The width a layout may squeeze a key to is its minimum size hint (a key never goes
        # narrower than its longest word, nor than KEY_MIN_WIDTH_PX).
        assert key.minimumSizeHint().width() * mm_per_px >= 15 and key.minimumHeight() * mm_per_px >= 15


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_every_key_shows_all_its_words_at_every_text_size(qtbot, scale):
    """At 200 % the tone keys ("`  huyền") and "Xoá hết" are wider than their share of the
    portrait column: their words go onto a second line and the key grows taller, never cut."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.screens.layout_audit import BUTTON_SLACK
    from ui.theme.theme import STANDARD, stylesheet

    column = QWidget()
    column.setStyleSheet(stylesheet(STANDARD, scale))
    lay = QVBoxLayout(column)
    lay.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit()
    k = VietKeyboard(edit)
    lay.addWidget(k)
    lay.addStretch(1)  # as on a page: the keyboard gets the height it asks for
    qtbot.addWidget(column)
    qtbot.addWidget(edit)
    column.resize(956, 1600)  # the portrait page's column: 1080 − 2 × 48 margin − 28 scroll bar
    column.show()
    qtbot.waitExposed(column)
    lay.activate()
    keys = [b for b in k.findChildren(type(k.key("a"))) if b.isVisible()]
    assert len(keys) > 40
    cut = [
        (b.objectName(), b.width(), b.height())
        for b in keys
        if b.minimumSizeHint().width() - BUTTON_SLACK > b.width()
        or b.heightForWidth(b.width()) > b.height() + 2
    ]
    assert not cut
    assert k.geometry().right() < column.width()
    if scale == 200:  # the words really did wrap: the tone row is taller than a letter row
        assert k.key("tone_huyen").height() > k.key("q").height()
