"""Keypad-only operation: move in reading order, activate, ask for help, repeat.

The reference is the numeric keypad of an ATM: with NumLock off its 8/2/4/6 are arrows and 5
is Clear; with it on they are digits carrying Qt's KeypadModifier. Keys:

- Tab / Down / Right: next control;  Shift+Tab / Up / Left: previous (in a text field Left
  and Right move the cursor, as expected);
- Enter (either), Space: activate the focused control (buttons and tiles alike);
- keypad 5 or Clear: repeat what was last said;  keypad * : help (the screen's instructions);
- keypad 0 or Insert: read the whole screen, top to bottom (a result, a receipt);
- keypad + / - : louder / softer;  keypad / : slower or normal speech.

Reading order is computed from the widgets' places (rows top to bottom, left to right),
walking the current screen and the bars around it, or only the overlay card while one is
open: Qt's own focus chain follows creation order, and screens are created after the bars.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from ui.widgets.accessible import is_panel

_NEXT = {Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Right}
_PREV = {Qt.Key.Key_Backtab, Qt.Key.Key_Up, Qt.Key.Key_Left}
_ACTIVATE = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}
ROW_PX = 24  # controls whose tops differ by less are on one row


def _editable(w: QWidget | None) -> bool:
    return isinstance(w, QLineEdit | QTextEdit) and not (isinstance(w, QLineEdit) and w.isReadOnly())


def focusable(w: QWidget) -> bool:
    if isinstance(w, QAbstractScrollArea) and not isinstance(w, QTextEdit):
        return False  # a scroll area is a container to the citizen, never a stop
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isEnabled()


def reading_order(roots: list[QWidget]) -> list[QWidget]:
    """Focusable, visible, enabled widgets under ``roots``, in reading order."""
    out: list[QWidget] = []

    def walk(w: QWidget) -> None:
        if not w.isVisible():
            return
        if focusable(w) and w not in roots:
            out.append(w)
            if isinstance(w, QAbstractButton) or is_panel(w):
                return  # a tile's labels are part of it
        kids = [
            c
            for c in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if not c.isWindow()
        ]
        kids.sort(
            key=lambda c: (
                c.mapTo(w.window(), c.rect().topLeft()).y() // ROW_PX,
                c.mapTo(w.window(), c.rect().topLeft()).x(),
            )
        )
        for c in kids:
            walk(c)

    for r in roots:
        walk(r)
    return out


AUTO_NAME = "a11yAutoName"  # set on fields this module named (renamed on language change)


def prepare(root: QWidget) -> None:
    """Make a screen usable without sight: clickable panels (QFrame tiles with a ``clicked``
    signal) become keyboard stops, and text fields nobody named are named after what the
    screen writes just above them (their placeholder, else the nearest label before them)."""
    for w in root.findChildren(QWidget):
        if is_panel(w) and w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif isinstance(w, QAbstractScrollArea) and not isinstance(w, QTextEdit):
            # A nameless scroll area must not take focus on arrival; it scrolls to the focus.
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    win = root.window()

    def pos(w: QWidget) -> tuple[int, int]:
        p = w.mapTo(win, w.rect().topLeft())
        return (p.y() // ROW_PX, p.x())

    labels = None
    for field in root.findChildren(QLineEdit):
        if field.accessibleName() and not field.property(AUTO_NAME):
            continue
        name = field.placeholderText().strip()
        if not name:
            if labels is None:
                labels = sorted(
                    (lab for lab in root.findChildren(QLabel) if lab.isVisible() and lab.text().strip()),
                    key=pos,
                )
            before = [lab for lab in labels if pos(lab) <= pos(field)]
            name = before[-1].text().strip() if before else ""
        if name:
            field.setAccessibleName(name)
            field.setProperty(AUTO_NAME, True)


def ensure_visible(w: QWidget) -> None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            p.ensureWidgetVisible(w, 40, 40)
        p = p.parentWidget()


def activate(w: QWidget) -> bool:
    if isinstance(w, QAbstractButton):
        w.click()
        return True
    if is_panel(w):
        w.clicked.emit()  # type: ignore[attr-defined]
        return True
    return False


class KeypadNavigator(QObject):
    """Application event filter for one window; ``roots()`` says where focus may go now."""

    used = Signal()  # a navigation key was pressed: the citizen works without touching
    repeat = Signal()
    help = Signal()
    louder = Signal()
    softer = Signal()
    slower = Signal()
    read_all = Signal()

    def __init__(
        self, window: QWidget, roots: Callable[[], list[QWidget]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.roots = roots

    def move(self, step: int) -> QWidget | None:
        order = reading_order(self.roots())
        if not order:
            return None
        cur = QApplication.focusWidget()
        if cur in order:
            i = (order.index(cur) + step) % len(order)
        else:
            i = 0 if step > 0 else len(order) - 1
        target = order[i]
        ensure_visible(target)
        target.setFocus(Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason)
        return target

    def focus_first(self, root: QWidget, *, skip_editable: bool = True) -> QWidget | None:
        for w in reading_order([root]):
            if skip_editable and _editable(w):
                continue
            ensure_visible(w)
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            return w
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window or event.isAutoRepeat():
            return False
        key = Qt.Key(event.key())
        mods = event.modifiers()
        keypad = bool(mods & Qt.KeyboardModifier.KeypadModifier)
        focus = QApplication.focusWidget()
        in_text = _editable(focus)
        if key == Qt.Key.Key_Clear or (keypad and key == Qt.Key.Key_5 and not in_text):
            self.used.emit()
            self.repeat.emit()
            return True
        if (key == Qt.Key.Key_Insert and not in_text) or (keypad and key == Qt.Key.Key_0 and not in_text):
            self.used.emit()
            self.read_all.emit()
            return True
        if keypad and not in_text:
            signal = {
                Qt.Key.Key_Asterisk: self.help,
                Qt.Key.Key_Plus: self.louder,
                Qt.Key.Key_Minus: self.softer,
                Qt.Key.Key_Slash: self.slower,
            }.get(key)
            if signal is not None:
                self.used.emit()
                signal.emit()
                return True
        if mods & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return False
        if key in _NEXT or key in _PREV:
            if in_text and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                return False
            self.used.emit()
            step = (
                -1
                if (key in _PREV or (key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier))
                else 1
            )
            self.move(step)
            return True
        if key in _ACTIVATE and focus is not None and not in_text:
            self.used.emit()
            return activate(focus)
        return False
