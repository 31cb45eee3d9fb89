"""What a citizen sees, checked on the running widgets and on grabbed pixels.

For the window in its current state: the screen's primary action is inside the window and
in view without scrolling; nothing the citizen must see to act lies below a scrolling page's
fold, and no page scrolls further than its kind of screen may (:func:`fold_problems`); no label or button text is cut off; no widget sticks out of its
parent; text and controls stand out from what is behind them (WCAG contrast measured on the
pixels Qt painted, not on the colours the style sheet asked for).

Used by the layout test over every screen state × text size × orientation × language and by
``bench/screens.py``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QPushButton, QWidget

from ui.screens.base import WrapButton
from ui.theme.theme import contrast

PRIMARY_ROLES = ("primary", "start")
TEXT_MIN = 4.5
COMPONENT_MIN = 3.0
HIGH_CONTRAST_MIN = 7.0
BUTTON_SLACK = 16  # px of a button's side padding that may go before its text is cut


@dataclass(frozen=True)
class Problem:
    # "primary" | "clipped" | "outside" | "text_contrast" | "component_contrast" | "primaries"
    # | "fold" | "scrolls"
    kind: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def _name(w: QWidget) -> str:
    parts = []
    cur: QWidget | None = w
    while cur is not None and len(parts) < 3:
        parts.append(cur.objectName() or type(cur).__name__)
        cur = cur.parentWidget()
    text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
    return "/".join(reversed(parts)) + (f" {text[:40]!r}" if text else "")


def _shown(w: QWidget, root: QWidget) -> bool:
    return w.isVisibleTo(root) and w.width() > 0 and w.height() > 0


def _in_keyboard(w: QWidget) -> bool:
    cur: QWidget | None = w
    while cur is not None:
        if cur.objectName() == "Keyboard":
            return True
        cur = cur.parentWidget()
    return False


def visible_rect(w: QWidget, root: QWidget) -> QRect:
    """The part of ``w`` (in ``root`` coordinates) that is really on screen: clipped by every
    ancestor, scroll viewports included."""
    rect = QRect(w.mapTo(root, QPoint(0, 0)), w.size())
    cur = w.parentWidget()
    while cur is not None and cur is not root:
        rect = rect.intersected(QRect(cur.mapTo(root, QPoint(0, 0)), cur.size()))
        cur = cur.parentWidget()
    return rect.intersected(root.rect())


def surfaces(window: QWidget) -> list[QWidget]:
    """What the citizen is looking at: the current screen, the bars, and the overlay card if any."""
    found: list[QWidget] = []
    overlay = getattr(window, "overlay", None)
    if overlay is not None and overlay.isVisible() and overlay.card is not None:
        return [overlay.card]
    screen = getattr(window, "current_screen", None)
    if screen is not None:
        found.append(screen)
    for name in ("top_bar", "session_bar", "access_bar"):
        bar = getattr(window, name, None)
        if bar is not None and bar.isVisible():
            found.append(bar)
    return found


def primary_problems(window: QWidget) -> list[Problem]:
    problems: list[Problem] = []
    surf = surfaces(window)
    main = surf[0] if surf else None
    if main is None:
        return problems
    primaries = [
        b
        for b in main.findChildren(QPushButton)
        if b.property("role") in PRIMARY_ROLES and _shown(b, window) and not _in_keyboard(b)
    ]
    if len(primaries) > 1:
        problems.append(
            Problem(
                "primaries", _name(main), f"{len(primaries)} filled actions: {[_name(b) for b in primaries]}"
            )
        )
    for b in primaries:
        full = QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        seen = visible_rect(b, window)
        if seen != full:
            problems.append(Problem("primary", _name(b), f"in view {seen.getRect()} of {full.getRect()}"))
    return problems


def _parent_widget(w: QWidget) -> QWidget | None:
    """``w.parentWidget()``, asked again after a garbage collection when PySide answers with a
    wrapper of another type: a layout item's wrapper that outlived its C++ object (in a reference
    cycle not yet collected) is found by address when a new widget is allocated there. Seen
    once in CI: the audit stopped on "'QWidgetItem' object has no attribute 'parentWidget'"."""
    parent = w.parentWidget()
    if parent is None or isinstance(parent, QWidget):
        return parent
    gc.collect()
    parent = w.parentWidget()
    if parent is not None and not isinstance(parent, QWidget):
        raise TypeError(f"{_name(w)}: parentWidget() is a {type(parent).__name__}, even after collecting")
    return parent


def clipping_problems(window: QWidget) -> list[Problem]:
    problems: list[Problem] = []
    for root in surfaces(window):
        for w in [root, *root.findChildren(QWidget)]:
            if not _shown(w, window):
                continue
            parent = _parent_widget(w)
            # Content of a scroll area is meant to be larger than its viewport.
            if (
                parent is not None
                and w is not root
                and not isinstance(parent.parentWidget(), QAbstractScrollArea)
            ):
                if not parent.rect().contains(w.geometry()):
                    problems.append(
                        Problem(
                            "outside", _name(w), f"{w.geometry().getRect()} not in {parent.rect().getRect()}"
                        )
                    )
            if isinstance(w, QLabel) and w.text():
                if w.wordWrap():
                    need = w.heightForWidth(w.width())
                    if need > w.height() + 2:
                        problems.append(
                            Problem("clipped", _name(w), f"needs {need} px high, has {w.height()}")
                        )
                elif w.sizeHint().width() > w.width() + 2:
                    problems.append(
                        Problem("clipped", _name(w), f"needs {w.sizeHint().width()} px wide, has {w.width()}")
                    )
            elif isinstance(w, WrapButton) and w.text():
                need_w = w.minimumSizeHint().width() - BUTTON_SLACK
                need_h = w.heightForWidth(w.width())
                if need_w > w.width() or need_h > w.height() + 2:
                    problems.append(
                        Problem("clipped", _name(w), f"needs {need_w}×{need_h}, has {w.width()}×{w.height()}")
                    )
            elif isinstance(w, QPushButton) and w.text():
                # The size hint carries the style's padding (28 px a side): a button squeezed
                # into part of its padding still shows all of its text.
                need_w = w.sizeHint().width() - BUTTON_SLACK
                need_h = w.fontMetrics().height() + 4
                if need_w > w.width() or need_h > w.height():
                    problems.append(
                        Problem("clipped", _name(w), f"needs {need_w}×{need_h}, has {w.width()}×{w.height()}")
                    )
    return problems


# --- below the fold -------------------------------------------------------------------------


@dataclass(frozen=True)
class Unseen:
    """Something the citizen must see to act that a scrolling page holds below its fold."""

    widget: QWidget
    why: str  # "primary" | "choice" | "key" | "instruction" | "error"
    overshoot: int  # px of it under the viewport's bottom edge, at scroll 0


@dataclass(frozen=True)
class FoldMeasure:
    """One visible scroll area of what the citizen is looking at, measured as laid out now."""

    area: QAbstractScrollArea
    viewport: int  # px high
    range: int  # the vertical scroll bar's maximum: how far the page scrolls
    needed: int  # how far it scrolls for what is not marked to stand below the fold
    listing: bool  # the page shows a list as long as its data (FOLD_LIST)
    too_wide: int  # px the page's content is wider than its viewport (cut off: none scroll sideways)
    unseen: tuple[Unseen, ...]
    cue_shown: bool  # the "more below" cue under the page is visible


# A widget property: a secondary way on that a screen puts at the foot of its page on
# purpose ("ask staff to finish" under a question); the page may scroll for it.
FOLD_BELOW = "fold_below"
# A widget property: a list as long as its data (the country's provinces and wards), shown
# in a page whose screen is otherwise bounded; while it is shown the page has no pixel bound.
FOLD_LIST = "fold_list"
# A widget property: what the citizen watches to act (the document camera's live picture, whose
# outline turns green before it takes the photo). Wholly in view at scroll 0, like a primary action.
LIVE_VIEW = "live_view"


def _must_see(w: QWidget) -> str | None:
    """Why the citizen must see ``w`` without scrolling to take the next step, if they must."""
    if _in_keyboard(w):
        return "key" if w.objectName() == "Keyboard" else None
    if w.property(LIVE_VIEW):
        return "live view"
    if isinstance(w, QAbstractButton):
        if w.property("role") in PRIMARY_ROLES:
            return "primary"
        if w.property("choice") is not None:
            return "choice"
        if w.property("compact") and w.isCheckable():
            return "key"  # a picker's keys (the date question's years, months, days)
        return None
    if isinstance(w, QLabel) and w.text().strip() and not isinstance(w.parentWidget(), QAbstractButton):
        if w.property("role") in ("title", "display"):
            return "instruction"
        if w.property("wizard_error"):
            return "error"
    return None


def fold_measures(window: QWidget) -> list[FoldMeasure]:
    """Every visible scroll area in what the citizen is looking at: how far it scrolls, and
    what they must see that lies under its fold at scroll 0 (whatever it is scrolled to now)."""
    found: list[FoldMeasure] = []
    for root in surfaces(window):
        for area in root.findChildren(QAbstractScrollArea):
            if not _shown(area, window) or _in_keyboard(area):
                continue
            content = area.widget() if hasattr(area, "widget") else None
            if content is None:
                continue
            view_h = area.viewport().height()
            unseen = []
            instruction: tuple[int, QWidget] | None = None
            widgets = [
                w for w in content.findChildren(QWidget) if _shown(w, window) and w.isVisibleTo(content)
            ]
            below = [w for w in widgets if w.property(FOLD_BELOW)]
            lowest = 0
            for w in widgets:
                if not any(b is w or b.isAncestorOf(w) or w.isAncestorOf(b) for b in below):
                    lowest = max(lowest, w.mapTo(content, QPoint(0, w.height())).y())
            for w in widgets:
                why = _must_see(w)
                if why is None:
                    continue
                top = w.mapTo(content, QPoint(0, 0)).y()
                if why == "instruction":
                    # The one instruction: the page's first title (later ones are content).
                    if instruction is None or top < instruction[0]:
                        instruction = (top, w)
                    continue
                if top + w.height() > view_h:
                    unseen.append(Unseen(w, why, top + w.height() - view_h))
            if instruction is not None and instruction[0] + instruction[1].height() > view_h:
                top, w = instruction
                unseen.append(Unseen(w, "instruction", top + w.height() - view_h))
            frame = area.parentWidget()
            cue = frame.findChild(QWidget, "more_below") if frame is not None else None
            found.append(
                FoldMeasure(
                    area,
                    view_h,
                    area.verticalScrollBar().maximum(),
                    max(0, lowest - view_h) if below else area.verticalScrollBar().maximum(),
                    any(w.property(FOLD_LIST) for w in widgets),
                    max(0, content.width() - area.viewport().width()),
                    tuple(unseen),
                    bool(cue is not None and cue.isVisibleTo(window)),
                )
            )
    return found


# How far a screen's page may scroll at 100 and 150 % text, by screen id (px of the page's
# vertical scroll range). 0 where what the screen shows is fixed and must all be in view at
# once: the attract and home screens (what the kiosk offers, and the four ways in: a choice
# below the fold is a choice an elderly citizen never makes), help and error (one message, one
# way out), identify (the card steps and their pictures: the citizen's hands are busy with the
# card and the QR, not with scrolling), the questions (where, the form: the question, its
# answer and every key or choice), the rating, the done screen and hand-over (the last thing
# the citizen reads before walking away). ``None`` where the page's length is the data's, not
# the screen's: a dossier's status history (track), the catalog's lists (find, the procedure,
# choose), a procedure's document checklist, the review of every answer: those pages scroll,
# with the "more below" cue, and the rule still wants their instruction, their error and
# every primary action in view at scroll 0. A screen not listed here must fit (bound 0).
# At 200 % text no page is bounded: the text no longer fits a screen by design, and the
# primary action must be pinned outside the page instead (the frame's action area).
FOLD_BOUNDS: dict[str, int | None] = {
    "attract": 0,
    "home": 0,
    "help": 0,
    "error": 0,
    "submit_identify": 0,
    "submit_where": 0,
    "submit_form": 0,
    "submit_rate": 0,
    "submit_done": 0,
    "submit_handover": 0,
    "track": None,
    "find": None,
    "procedure": None,
    "submit": None,
    "submit_documents": None,
    "submit_review": None,
}
FOLD_STRICT_UP_TO = 150  # % text: up to here bounds apply and everything to act on is in view


def fold_problems(window: QWidget) -> list[Problem]:
    """Below the fold: what the citizen must see to take the next step lies under a scrolling
    page's viewport at scroll 0 (``fold``: the widget and the px it overshoots), or the page
    scrolls further than its screen's bound (``scrolls``). At 200 % text only the instruction
    and the primary action count, and a scrolling page must not carry its primary action (it
    belongs in the pinned action area)."""
    prefs = getattr(window, "prefs", None)
    scale = int(getattr(prefs, "scale", 100))
    strict = scale <= FOLD_STRICT_UP_TO
    screen = getattr(window, "current_screen", None)
    overlay = getattr(window, "overlay", None)
    carded = overlay is not None and overlay.isVisible() and overlay.card is not None
    kind = "" if carded else str(getattr(screen, "screen_id", ""))
    bound = FOLD_BOUNDS.get(kind, 0)
    what = "a card" if carded else repr(kind) if kind else "an unlisted screen"
    problems: list[Problem] = []
    for m in fold_measures(window):
        worst: dict[str, list[Unseen]] = {}
        for u in m.unseen:
            if strict or u.why in ("primary", "instruction"):
                worst.setdefault(u.why, []).append(u)
        for why, items in worst.items():
            # One problem per kind of thing (a day grid is 31 keys), named by the deepest.
            u = max(items, key=lambda x: x.overshoot)
            more = f" (and {len(items) - 1} more {why})" if len(items) > 1 else ""
            problems.append(
                Problem(
                    "fold",
                    _name(u.widget),
                    f"{why} ends {u.overshoot} px below the fold of {_name(m.area)} "
                    f"({m.viewport} px high) at scroll 0{more}",
                )
            )
        if strict and bound is not None and not m.listing and m.needed > bound:
            problems.append(
                Problem(
                    "scrolls",
                    _name(m.area),
                    f"scrolls {m.needed} px at {scale} % text, {m.needed - bound} px over the "
                    f"{bound} px bound of {what}",
                )
            )
        if m.too_wide:
            problems.append(
                Problem(
                    "scrolls",
                    _name(m.area),
                    f"content {m.too_wide} px over its viewport's width: cut off at the right edge",
                )
            )
        if not strict and m.range > 0:
            content = m.area.widget() if hasattr(m.area, "widget") else None
            for b in content.findChildren(QPushButton) if content is not None else []:
                if b.property("role") in PRIMARY_ROLES and _shown(b, window) and not _in_keyboard(b):
                    problems.append(
                        Problem(
                            "fold",
                            _name(b),
                            f"primary action not pinned: scrolls with {_name(m.area)}, {m.range} px over "
                            f"the 0 px a page holding its primary action may scroll at {scale} % text",
                        )
                    )
    return problems


def _hex(rgb: int) -> str:
    return f"#{rgb & 0xFFFFFF:06X}"


def _pixels(img: QImage) -> np.ndarray:
    """The image as an H×W array of 0xRRGGBB (``img`` in Format_RGB32)."""
    # A copy, made while the image is alive: nothing may point into Qt's buffer afterwards.
    data = bytes(img.constBits())
    arr = np.frombuffer(data, dtype=np.uint32, count=img.bytesPerLine() // 4 * img.height())
    return arr.reshape(img.height(), img.bytesPerLine() // 4)[:, : img.width()] & 0xFFFFFF


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = np.stack([(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255], axis=-1) / 255.0
    lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * lin[..., 0] + 0.7152 * lin[..., 1] + 0.0722 * lin[..., 2]


def text_contrast(px: np.ndarray, rect: QRect) -> float | None:
    """Contrast of the text in ``rect``: the most common colour is the background; the text is
    the colour farthest from it (glyph cores are painted in the full text colour)."""
    sub = px[max(0, rect.top()) : rect.bottom() + 1, max(0, rect.left()) : rect.right() + 1].ravel()
    if sub.size == 0:
        return None
    values, counts = np.unique(sub, return_counts=True)
    if len(values) < 2:
        return None
    bg = _luminance(values[np.argmax(counts)])
    # Ignore stray pixels: the text colour must cover a few pixels.
    lum = _luminance(values[counts >= 3])
    if lum.size < 2:
        return None
    hi = np.maximum(lum, bg)
    lo = np.minimum(lum, bg)
    return float(((hi + 0.05) / (lo + 0.05)).max())


def component_contrast(img: QImage, w: QWidget, window: QWidget) -> float | None:
    """Contrast of a control's edge against what surrounds it, at the middle of each side
    (the median of the four): its border, or its fill where it has no border of its own."""
    top_left = w.mapTo(window, QPoint(0, 0))
    r = QRect(top_left, w.size())
    cx, cy = r.center().x(), r.center().y()
    pairs = [
        ((r.left() + 1, cy), (r.left() - 3, cy)),
        ((r.right() - 1, cy), (r.right() + 3, cy)),
        ((cx, r.top() + 1), (cx, r.top() - 3)),
        ((cx, r.bottom() - 1), (cx, r.bottom() + 3)),
    ]
    values = []
    for (ix, iy), (ox, oy) in pairs:
        if not (img.valid(ix, iy) and img.valid(ox, oy)):
            continue
        values.append(contrast(_hex(img.pixel(ix, iy)), _hex(img.pixel(ox, oy))))
    if not values:
        return None
    values.sort()
    return values[len(values) // 2]


def contrasts(window: QWidget) -> list[tuple[str, QWidget, float]]:
    """Every contrast measured on the window's pixels now: ``("text", label or button, ratio)``
    and ``("component", button, ratio)``."""
    img = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    px = _pixels(img)
    found: list[tuple[str, QWidget, float]] = []
    for root in surfaces(window):
        for w in root.findChildren(QWidget):
            if not _shown(w, window):
                continue
            seen = visible_rect(w, window)
            if seen.width() < 8 or seen.height() < 8:
                continue
            if isinstance(w, QLabel) and w.text().strip():
                c = text_contrast(px, seen)
                if c is not None:
                    found.append(("text", w, c))
            elif isinstance(w, QPushButton) and seen == QRect(w.mapTo(window, QPoint(0, 0)), w.size()):
                if w.property("role") == "more" or _in_keyboard(w):
                    continue
                c = component_contrast(img, w, window)
                if c is not None:
                    found.append(("component", w, c))
                if w.text().strip():
                    t = text_contrast(px, seen.adjusted(8, 8, -8, -8))
                    if t is not None:
                        found.append(("button_text", w, t))
    return found


def contrast_problems(window: QWidget, *, high_contrast: bool) -> list[Problem]:
    text_min = HIGH_CONTRAST_MIN if high_contrast else TEXT_MIN
    comp_min = HIGH_CONTRAST_MIN if high_contrast else COMPONENT_MIN
    problems: list[Problem] = []
    for kind, w, c in contrasts(window):
        least = comp_min if kind == "component" else text_min
        if c < least:
            what = "component_contrast" if kind == "component" else "text_contrast"
            problems.append(Problem(what, _name(w), f"{c:.2f}:1 < {least}:1"))
    return problems


def audit(window: QWidget, *, pixels: bool = True) -> list[Problem]:
    problems = primary_problems(window) + clipping_problems(window) + fold_problems(window)
    if pixels:
        hc = bool(getattr(getattr(window, "prefs", None), "high_contrast", False))
        problems += contrast_problems(window, high_contrast=hc)
    return problems


def lowest_contrast(window: QWidget) -> tuple[float, float]:
    """The lowest text contrast and the lowest control contrast measured in the window now
    (text inside buttons is checked by the audit, not counted here, as before)."""
    found = contrasts(window)
    text_min = min((c for kind, _w, c in found if kind == "text"), default=99.0)
    comp_min = min((c for kind, _w, c in found if kind == "component"), default=99.0)
    return text_min, comp_min


def audit_cell(orientation: str, lang: str, scale: int) -> list[tuple[str, Problem]]:
    """Every registered screen state at one orientation × language × text size, audited."""
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
    from ui.main_window import MainWindow
    from ui.screenshots import SIZES, show_state, states

    app = QApplication.instance() or QApplication([])
    cfg = KioskConfig()
    cfg = cfg.model_copy(update={"kiosk": cfg.kiosk.model_copy(update={"default_language": lang})})
    w = MainWindow(cfg, kiosk_mode=False, install_safety_net=False)
    w.ticker.stop()
    found: list[tuple[str, Problem]] = []
    try:
        w.resize(*SIZES[orientation])
        w.show()
        w.status.set("network", "ok")
        w.status.set("central", "connecting")
        for name, prepare in states(w):
            show_state(app, w, prepare, scale=scale)
            found += [(name, p) for p in audit(w, pixels=scale == 100 or w.prefs.high_contrast)]
            found.append((name, Problem("shown", "", "")))  # marks that the state was shown
    finally:
        w.allow_close()
        w.close()
        w.deleteLater()
    return found


if __name__ == "__main__":
    # python -m ui.screens.layout_audit ORIENTATION LANG SCALE: one JSON line per problem.
    import json
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.logs import configure_logging
    from ui.i18n.translator import ensure_built

    configure_logging()
    ensure_built()
    o, lg, sc = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for state, p in audit_cell(o, lg, sc):
        print(
            json.dumps(
                {"state": state, "kind": p.kind, "widget": p.widget, "detail": p.detail}, ensure_ascii=False
            )
        )
