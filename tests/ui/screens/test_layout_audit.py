"""The layout audit finds what it is meant to find (so that its silence means something)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from ui.screens.base import WrapButton, label, scroll_page
from ui.screens.layout_audit import (
    FOLD_BELOW,
    LIVE_VIEW,
    audit,
    clipping_problems,
    contrast_problems,
    fold_problems,
    primary_problems,
)

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


class _Prefs:
    def __init__(self, scale: int) -> None:
        self.scale = scale


def _paged(qtbot, spacer: int, *, scale: int = 100, pinned: bool = False) -> tuple[_Window, QPushButton]:  # type: ignore[no-untyped-def]
    """A kiosk-sized screen with the kiosk's frame: a title, ``spacer`` px of nothing, and the
    primary action in the scrolling page (or pinned in the frame's action area)."""
    w = _Window()
    w.prefs = _Prefs(scale)  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.current_screen.hide()
    w.current_screen = QWidget(w)  # a screen of the kiosk's own kind: the frame is its layout
    page = scroll_page(w.current_screen)
    page.addWidget(label("title", "Đặt thẻ căn cước lên đầu đọc", name="probe_title"))
    page.addSpacerItem(QSpacerItem(10, spacer, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed))
    go = QPushButton("Tiếp tục")
    go.setObjectName("probe_next")
    go.setProperty("role", "primary")
    if pinned:
        w.current_screen.actions.addWidget(go)  # type: ignore[attr-defined]
    else:
        page.addWidget(go)
    w.resize(1080, 900)
    w.settle(qtbot)
    content = w.current_screen.page.widget()  # type: ignore[attr-defined]
    # Laid out: the button stands under the spacer (or in the action area, beside the page).
    qtbot.waitUntil(
        lambda: go.isVisible() and (pinned or go.mapTo(content, QPoint(0, 0)).y() > spacer), timeout=2000
    )
    return w, go


def test_a_primary_below_the_fold_of_a_scrolling_page_is_found_with_its_overshoot(qtbot):
    w, go = _paged(qtbot, spacer=1400)
    page = w.current_screen.page  # type: ignore[attr-defined]
    view = page.viewport().height()
    bottom = go.mapTo(page.widget(), go.rect().bottomLeft()).y() + 1
    found = fold_problems(w)
    fold = [p for p in found if p.kind == "fold"]
    assert len(fold) == 1 and "probe_next" in fold[0].widget and "primary" in fold[0].detail
    assert f"ends {bottom - view} px below the fold" in fold[0].detail
    assert bottom - view > 500  # the spacer, not a rounding error
    scrolls = [p for p in found if p.kind == "scrolls"]
    assert len(scrolls) == 1 and f"scrolls {page.verticalScrollBar().maximum()} px" in scrolls[0].detail
    assert any(p.kind == "fold" for p in audit(w, pixels=False))


def test_a_page_that_fits_passes(qtbot):
    w, _go = _paged(qtbot, spacer=40)
    assert w.current_screen.page.verticalScrollBar().maximum() == 0  # type: ignore[attr-defined]
    assert fold_problems(w) == []


def test_at_200_percent_a_page_may_scroll_when_its_primary_is_pinned(qtbot):
    w, _go = _paged(qtbot, spacer=1400, scale=200, pinned=True)
    assert w.current_screen.page.verticalScrollBar().maximum() > 0  # type: ignore[attr-defined]
    assert fold_problems(w) == []
    w2, _go2 = _paged(qtbot, spacer=1400, scale=200)
    found = fold_problems(w2)
    assert any(p.kind == "fold" and "probe_next" in p.widget for p in found)
    assert not any(p.kind == "scrolls" for p in found)  # no pixel bound at 200 %


def test_a_secondary_action_marked_for_the_foot_of_the_page_does_not_count_against_the_bound(qtbot):
    w, _go = _paged(qtbot, spacer=40, pinned=True)
    foot = QPushButton("Nhờ cán bộ hoàn tất")
    foot.setProperty(FOLD_BELOW, True)
    page = w.current_screen.page  # type: ignore[attr-defined]
    page.body.addSpacerItem(QSpacerItem(10, 1400, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed))
    page.body.addWidget(foot)
    foot.show()  # added to a shown page
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 500, timeout=2000)
    assert not any(p.kind == "scrolls" for p in fold_problems(w))
    foot.setProperty(FOLD_BELOW, False)  # the same button, unmarked: the page scrolls for it
    assert any(p.kind == "scrolls" for p in fold_problems(w))


def test_a_live_picture_reaching_under_the_fold_is_found(qtbot):
    # The document camera's picture once stood under the fold at 100 % text in landscape: the
    # citizen was told to wait for a green frame they could not see.
    w, _go = _paged(qtbot, spacer=40, pinned=True)
    page = w.current_screen.page  # type: ignore[attr-defined]
    picture = QWidget()
    picture.setObjectName("probe_picture")
    picture.setFixedHeight(page.viewport().height() // 2)
    page.body.addSpacerItem(
        QSpacerItem(10, page.viewport().height() // 2, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    )
    page.body.addWidget(picture)
    picture.show()
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0, timeout=2000)
    assert not any("probe_picture" in p.widget for p in fold_problems(w))  # not marked: not counted
    picture.setProperty(LIVE_VIEW, True)
    [found] = [p for p in fold_problems(w) if "probe_picture" in p.widget]
    assert found.kind == "fold" and "live view ends" in found.detail


def test_content_wider_than_its_page_is_found(qtbot):
    w, _go = _paged(qtbot, spacer=40)
    wide = QPushButton("Rất không hài lòng")
    wide.setMinimumWidth(1150)  # the window is 1080 wide: the page cannot show it all
    page = w.current_screen.page  # type: ignore[attr-defined]
    page.body.addWidget(wide)
    wide.show()  # added to a shown page
    qtbot.waitUntil(lambda: page.widget().width() > page.viewport().width(), timeout=2000)
    found = [p for p in fold_problems(w) if "cut off at the right edge" in p.detail]
    assert len(found) == 1
