"""The overlay's cards at every text size: the answers always whole and in view, the body
scrolling only when the window is too short for it, nothing cut off (the layout audit's own
checks, on the running window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from ui.screens.layout_audit import clipping_problems, primary_problems, visible_rect

pytestmark = pytest.mark.qt


def _whole(w, window) -> QRect:  # type: ignore[no-untyped-def]
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def _open(window, which: str):  # type: ignore[no-untyped-def]
    window.navigate("home")
    if which == "timeout":
        window._show_timeout_warning(15)
        content = window._timeout_card
        return content, (content.more, content.end)
    window.ask_finish()
    from ui.widgets.cards import FinishCard

    content = window.overlay.card.findChild(FinishCard)
    return content, (content.no, content.yes)


@pytest.mark.parametrize("which", ["timeout", "finish"])
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, 150, 200])
def test_answers_whole_and_in_view(make_window, qtbot, which, landscape, scale):
    w = make_window(landscape=landscape)
    w.ticker.stop()  # a tick must not close the warning while we look
    w.prefs.set_scale(scale)
    content, answers = _open(w, which)
    card = w.overlay.card
    qtbot.waitUntil(lambda: all(visible_rect(b, w) == _whole(b, w) for b in answers), timeout=3000)
    assert w.rect().contains(card.geometry())
    assert not clipping_problems(w) and not primary_problems(w)
    bar = content._scroll.verticalScrollBar()
    if scale == 100:
        # Room enough: the whole body shows, no scroll bar and no "more below" cue.
        qtbot.waitUntil(lambda: bar.maximum() == 0 and content.cue.isHidden(), timeout=3000)
    if landscape and scale == 200 and which == "timeout":
        # The window is too short for the warning's words: they scroll, the cue says so.
        assert bar.maximum() > 0 and content.cue.isVisible()


def test_cards_grow_wider_with_the_text(make_window, qtbot):
    w = make_window(landscape=True)
    w.ticker.stop()
    widths = {}
    for scale in (100, 200):
        w.overlay.close_card()
        w.prefs.set_scale(scale)
        _open(w, "finish")
        widths[scale] = w.overlay.card.width()
    assert widths[100] == 900 and widths[200] > 1500
