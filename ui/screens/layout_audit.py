"""What a citizen sees, checked on the running widgets and on grabbed pixels.

For the window in its current state: the screen's primary action is inside the window and
in view without scrolling; no label or button text is cut off; no widget sticks out of its
parent; text and controls stand out from what is behind them (WCAG contrast measured on the
pixels Qt painted, not on the colours the style sheet asked for).

Used by the layout test over every screen state × text size × orientation × language and by
``bench/layout_audit.py``.
"""

from __future__ import annotations

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
    kind: str  # "primary" | "clipped" | "outside" | "text_contrast" | "component_contrast" | "primaries"
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


def clipping_problems(window: QWidget) -> list[Problem]:
    problems: list[Problem] = []
    for root in surfaces(window):
        for w in [root, *root.findChildren(QWidget)]:
            if not _shown(w, window):
                continue
            parent = w.parentWidget()
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
    problems = primary_problems(window) + clipping_problems(window)
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
