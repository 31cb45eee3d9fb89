"""Language, text size and contrast switch on every screen, by touch, and reset per session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

pytestmark = pytest.mark.qt

SCREENS = ["attract", "home", "submit", "track", "find", "help"]


def go(w, sid: str) -> None:
    if sid != "attract":
        w.navigate(sid)


@pytest.mark.parametrize("sid", SCREENS)
def test_language_switch_on_every_screen(make_window, qtbot, sid):
    w = make_window()
    go(w, sid)
    title = w.current_screen.findChild(QLabel, f"{sid}_title")
    vi = title.text()
    qtbot.mouseClick(w.findChild(QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    en = title.text()
    assert w.prefs.language == "en" and en != vi and en.isascii()
    qtbot.mouseClick(w.findChild(QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    assert title.text() == vi


def test_vietnamese_is_the_default_with_diacritics(make_window):
    w = make_window()
    w.navigate("home")
    assert w.findChild(QLabel, "home_title").text() == "Ông/bà cần làm gì?"
    assert w.findChild(QPushButton, "finish").text() == "Kết thúc, xoá thông tin"


def test_english_default_from_config(make_window):
    w = make_window(config={"kiosk": {"default_language": "en"}})
    assert w.findChild(QLabel, "attract_title").text() == "Public service kiosk"


@pytest.mark.parametrize("scale", [150, 200])
def test_text_size_scales_content_fully_and_bars_somewhat(make_window, qtbot, scale):
    """Content follows the text size; the bars grow too (issue 17: readable at 200 %), less, so
    the page keeps its room."""
    w = make_window()
    w.navigate("home")
    title = w.findChild(QLabel, "home_title")
    finish = w.findChild(QPushButton, "finish")
    base_title, base_finish = title.font().pixelSize(), finish.font().pixelSize()
    qtbot.mouseClick(w.findChild(QPushButton, f"text_size_{scale}"), Qt.MouseButton.LeftButton)
    assert title.font().pixelSize() == round(base_title * scale / 100)
    assert base_finish < finish.font().pixelSize() < round(base_finish * scale / 100)
    assert w.findChild(QPushButton, f"text_size_{scale}").isChecked()


def test_high_contrast_theme(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    title = w.findChild(QLabel, "home_title")
    normal = title.palette().color(title.foregroundRole()).name()
    qtbot.mouseClick(w.findChild(QPushButton, "high_contrast"), Qt.MouseButton.LeftButton)
    assert w.prefs.high_contrast
    assert title.palette().color(title.foregroundRole()).name() == "#ffffff" != normal


def test_contrast_from_config_and_reset_after_session(make_window, qtbot):
    w = make_window(config={"ui": {"high_contrast": True, "text_scale": 150}})
    assert w.prefs.high_contrast and w.prefs.scale == 150
    w.navigate("home")
    w.prefs.set_high_contrast(False)
    w.prefs.set_scale(100)
    w.finish()
    assert w.prefs.high_contrast and w.prefs.scale == 150
