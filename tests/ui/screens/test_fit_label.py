"""A title never breaks "ông/bà" after its slash; what is read and spoken is the text as given."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from ui.screens.base import FitLabel, label

pytestmark = pytest.mark.qt


def _lines(text: str, font: QFont, width: int) -> list[str]:
    """The lines Qt makes of ``text`` wrapped at word boundaries, as a QLabel wraps it."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def test_a_title_keeps_ong_ba_on_one_line(qapp):
    title = "Xin cảm ơn ông/bà"
    lab = label("title", title)
    assert isinstance(lab, FitLabel)
    font = QFont(lab.font())
    font.setPixelSize(72)
    lab.setFont(font)
    fm = QFontMetrics(font)
    # Room for "Xin cảm ơn ông/" but not for the whole title: where plain text breaks after "/".
    width = fm.horizontalAdvance("Xin cảm ơn ông/") + 4
    assert fm.horizontalAdvance(title) > width
    assert any(line.rstrip().endswith("/") for line in _lines(title, font, width)), "the case this guards"
    shown = super(FitLabel, lab).text()  # what Qt paints
    lines = _lines(shown, font, width)
    assert not any(line.rstrip().endswith("/") for line in lines), lines
    assert any("ông/\u2060bà" in line for line in lines)
    assert lab.text() == title and lab.accessibleName() == title


def test_text_without_a_slash_is_painted_and_named_as_given(qapp):
    lab = FitLabel("Xin cảm ơn ông/bà")
    lab.setText("Hồ sơ đã được gửi")
    assert super(FitLabel, lab).text() == "Hồ sơ đã được gửi" == lab.text()
    assert lab.accessibleName() == ""  # Qt then names it by its text, as any label
