"""A code in large type breaks after its dash, never inside a group, whatever symbol follows."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from ui.screens.base import CodeLabel, label

pytestmark = pytest.mark.qt


@pytest.mark.parametrize("code", ["K7M4Q-X9RTW", "K7M4Q-9XRTW", "demo-kiosk-01-004"])
def test_a_code_too_wide_for_its_line_breaks_after_a_dash(qapp, code):
    lab = label("reference", code)
    assert isinstance(lab, CodeLabel)
    font = QFont(lab.font())
    font.setPixelSize(108)
    font.setBold(True)
    lab.setFont(font)
    fm = QFontMetrics(font)
    widest_group = max(fm.horizontalAdvance(g + "-") for g in code.split("-"))
    width = widest_group + 20  # room for any one group, not for the whole code
    assert fm.horizontalAdvance(code) > width
    # Wrapped at this width, it takes more than one line and no line is wider than the label.
    assert lab.heightForWidth(width) >= 2 * fm.lineSpacing()
    lab.resize(width, lab.heightForWidth(width))
    assert lab.minimumSizeHint().width() <= width
    # What is read, spoken and compared is the code as given.
    assert lab.text() == code and lab.accessibleName() == code
