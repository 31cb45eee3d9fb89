"""The layout audit finds what it is meant to find (so that its silence means something)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import WrapButton
from ui.screens.layout_audit import clipping_problems, contrast_problems, primary_problems

pytestmark = pytest.mark.qt


class _Window(QWidget):
    """Stands in for the kiosk window: the audit looks at ``current_screen``."""

    def __init__(self) -> None:
        super().__init__()
        self.current_screen = QWidget(self)
        self.lay = QVBoxLayout(self.current_screen)
        self.setStyleSheet("QWidget { background: #FFFFFF; font-size: 32px; }")

    def settle(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.current_screen.setGeometry(self.rect())
        self.show()
        qtbot.waitExposed(self)


def test_faint_text_and_faint_outlines_are_measured_on_pixels(qtbot):
    w = _Window()
    qtbot.addWidget(w)
    faint = QLabel("Chữ nhạt quá")
    faint.setStyleSheet("color: #B0B0B0;")
    strong = QLabel("Chữ rõ")
    strong.setStyleSheet("color: #10182B;")
    ghost = QPushButton("Nút mờ")
    ghost.setStyleSheet("QPushButton { border: 3px solid #E0E0E0; background: #FFFFFF; color: #10182B; }")
    for x in (faint, strong, ghost):
        w.lay.addWidget(x)
    w.resize(800, 600)
    w.settle(qtbot)
    found = contrast_problems(w, high_contrast=False)
    assert any(p.kind == "text_contrast" and "Chữ nhạt" in p.widget for p in found)
    assert any(p.kind == "component_contrast" and "Nút mờ" in p.widget for p in found)
    assert not any("Chữ rõ" in p.widget for p in found)


def test_cut_text_and_a_primary_below_the_window_are_found(qtbot):
    w = _Window()
    qtbot.addWidget(w)
    cut = QPushButton("Một nút có chữ rất dài không vừa")
    cut.setFixedWidth(120)
    wraps = WrapButton("Một nút có chữ rất dài nhưng xuống dòng")
    w.lay.addWidget(cut)
    w.lay.addWidget(wraps)
    low = QPushButton("Tiếp tục", w.current_screen)
    low.setProperty("role", "primary")
    w.resize(500, 600)
    w.settle(qtbot)
    low.setGeometry(20, 700, 200, 100)  # below the window's bottom edge
    clipped = clipping_problems(w)
    assert any(p.kind == "clipped" and "không vừa" in p.widget for p in clipped)
    assert not any("xuống dòng" in p.widget for p in clipped)  # the wrapping button fits
    assert any(p.kind == "outside" and "Tiếp tục" in p.widget for p in clipped)
    assert any(p.kind == "primary" and "Tiếp tục" in p.widget for p in primary_problems(w))
