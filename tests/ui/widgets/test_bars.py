"""The bars around the screens: landscape leaves the content most of the height (a session rail,
one-line header and access bar where the words fit), targets stay large, words stay live."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.messages import text
from ui.theme.theme import MIN_TOUCH_PX

pytestmark = pytest.mark.qt


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _share(w) -> float:  # type: ignore[no-untyped-def]
    return w.stack.height() / w.height()


def test_landscape_gives_the_content_at_least_70_percent_at_100(make_window):
    w = make_window(landscape=True)
    w.navigate("home")
    _settle()
    assert w.session_bar.isVisible()
    assert _share(w) >= 0.70
    # The session bar is a rail beside the screen, as high as the screen.
    assert w.session_bar.height() == w.stack.height()
    assert w.session_bar.geometry().right() < w.stack.geometry().left()


def test_portrait_keeps_the_bars_as_rows_under_the_screen(make_window):
    w = make_window()
    w.navigate("home")
    _settle()
    assert w.session_bar.width() == w.width()
    assert w.session_bar.geometry().top() >= w.stack.geometry().bottom()


@pytest.mark.parametrize("scale", [100, 200])
def test_bar_targets_stay_large_in_landscape(make_window, scale):
    w = make_window(landscape=True)
    w.navigate("home")
    w.prefs.set_scale(scale)
    _settle()
    small = [
        (b.objectName(), b.width(), b.height())
        for bar in (w.session_bar, w.access_bar)
        for b in bar.findChildren(QPushButton)
        if b.isVisible() and (b.height() < MIN_TOUCH_PX or b.width() < MIN_TOUCH_PX)
    ]
    assert small == []


def test_at_200_percent_the_bars_grow_and_keep_every_word(make_window):
    w = make_window(landscape=True)
    w.navigate("home")
    _settle()
    at_100 = w.height() - w.stack.height()
    w.prefs.set_scale(200)
    _settle()
    assert w.height() - w.stack.height() > at_100
    cut = [
        b.objectName()
        for bar in (w.session_bar, w.access_bar)
        for b in bar.findChildren(QPushButton)
        if b.isVisible() and b.text() and b.sizeHint().width() - 16 > b.width()
    ]
    assert cut == []


def test_bar_words_follow_the_language_live(make_window):
    w = make_window(landscape=True)
    w.navigate("home")
    w.prefs.set_language("vi")
    _settle()
    assert w.session_bar.finish_btn.text() == text("screen.session.finish_clear_my_data", "vi")
    assert w.page("home").title.text() == text("screen.home.title", "vi")
    w.prefs.set_language("en")
    _settle()
    assert w.session_bar.finish_btn.text() == text("screen.session.finish_clear_my_data", "en")
    assert w.page("home").title.text() == text("screen.home.title", "en")
    assert w.access_bar.listen_btn.text() == text("screen.access.listen", "en")
