"""How assistive technology sees the kiosk's controls, and what its actions do.

Qt's own interface for a checkable button offers "Toggle" first, and Toggle flips the box
without the ``clicked`` signal the kiosk acts on: a screen reader using the default action
checked "Cho con tôi" and the kiosk never heard of it. Here every button's default action is
Press (a real ``click()``), checkable choices are check boxes, and exclusive groups
(language, text size, dates, faces) radio buttons. Large clickable panels (QFrame with a
``clicked`` signal) are buttons with a Press action; the overlay card is a dialog.

A Press runs from the event loop just after the screen reader's call returns, as Qt's own
button interface does (``animateClick``): a click that changes the page rebuilds the
accessibility tree, and it must not do that inside the D-Bus call that asked for it (the
screen reader would wait on a page being torn down; the kiosk's one native crash in that
tree came from such a race).

Every action that comes through assistive technology is reported on :data:`hub`
(``activity``), so that it counts as activity for the inactivity timeout: it arrives
through no input event.

Scroll areas: Qt 6.11's interface for a scroll area answers ``child(i)`` without checking
``i``. A screen reader counts a node's children, then asks for each; when a scroll bar went
away in between (the page's content changed), it asked for one past the end, Qt read past its
list and the kiosk died (``QAccessibleCache::idForObject``; reproduced in the AT-SPI hand-over
walk). :class:`ScrollAreaAccessible` presents the same children and checks the index.

Lifetimes (a native crash too): PySide keeps every interface a Python factory
returns alive until the process ends, while Qt deletes the C++ side with its widget. An
interface that held its widget's Python wrapper kept that wrapper, and the binding's map from
the widget's address to it, alive after the widget was freed; a widget made later at the same
address then came back to Python as the old type (a QLabel as a button) and the process died
in Qt or shiboken, at once or on exit. So the interfaces reach their widget through
``widget()`` (a guarded pointer: None once it is gone) and keep no wrapper; and, as Qt's own
factory refuses a widget in its destructor, ours answers only for widgets the kiosk made whose
Python side still lives (in the destructor it is already gone).
"""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAccessibleWidget,
    QFrame,
    QScrollArea,
    QWidget,
)

# What only the eye needs in a control's text: arrows, icons, bullets.
_DECORATION = re.compile(r"[›‹«»→←•·●○◐◌✓✔⌨📷🖨🔊🔈🔉⌫⇧…]|\s{2,}")


def spoken_name(text: str) -> str:
    return _DECORATION.sub(" ", text).strip(" ,")


class _Hub(QObject):
    activity = Signal()


hub = _Hub()


def _exclusive(b: QAbstractButton) -> bool:
    group = b.group()
    return bool(b.autoExclusive() or (group is not None and group.exclusive()) or b.property("a11y_radio"))


class ButtonAccessible(QAccessibleWidget):
    """A push button, check box or radio button whose default action is a real click."""

    def __init__(self, button: QAbstractButton) -> None:
        if button.isCheckable():
            role = QAccessible.Role.RadioButton if _exclusive(button) else QAccessible.Role.CheckBox
        else:
            role = QAccessible.Role.Button
        super().__init__(button, role, "")  # no reference kept: see the module's docstring

    def _button(self) -> QAbstractButton | None:
        b = self.widget()
        return b if isinstance(b, QAbstractButton) else None

    def role(self) -> QAccessible.Role:
        b = self._button()
        if b is not None and b.isCheckable():
            return QAccessible.Role.RadioButton if _exclusive(b) else QAccessible.Role.CheckBox
        return QAccessible.Role.Button

    def text(self, t: QAccessible.Text) -> str:
        b = self._button()
        if t == QAccessible.Text.Name and b is not None:
            return spoken_name(b.accessibleName() or b.text() or b.toolTip())
        return super().text(t)

    def state(self):  # type: ignore[no-untyped-def]
        s = super().state()
        b = self._button()
        if b is not None and b.isCheckable():
            s.checkable = True
            s.checked = b.isChecked()
        return s

    def actionNames(self) -> list[str]:  # noqa: N802
        b = self._button()
        return [self.pressAction(), self.setFocusAction()] if b is not None and b.isEnabled() else []

    def doAction(self, name: str) -> None:  # noqa: N802
        hub.activity.emit()
        b = self._button()
        if name == self.pressAction() and b is not None and b.isEnabled():
            QTimer.singleShot(0, b, b.click)  # cancelled if the button goes first
        else:
            super().doAction(name)


class PanelAccessible(QAccessibleWidget):
    """A QFrame tile with a ``clicked`` signal: a button named by its accessible name."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel, QAccessible.Role.Button, "")  # no reference kept (docstring)

    def text(self, t: QAccessible.Text) -> str:
        panel = self.widget()
        if t == QAccessible.Text.Name and panel is not None:
            return spoken_name(panel.accessibleName())
        return super().text(t)

    def actionNames(self) -> list[str]:  # noqa: N802
        return [self.pressAction(), self.setFocusAction()]

    def doAction(self, name: str) -> None:  # noqa: N802
        hub.activity.emit()
        panel = self.widget()
        if name == self.pressAction() and panel is not None and is_panel(panel):
            QTimer.singleShot(0, panel, panel.clicked.emit)  # type: ignore[attr-defined]
        else:
            super().doAction(name)


class DialogAccessible(QAccessibleWidget):
    """The overlay's card: a modal dialog named by its title."""

    def __init__(self, card: QWidget) -> None:
        super().__init__(card, QAccessible.Role.Dialog, "")  # no reference kept (docstring)

    def state(self):  # type: ignore[no-untyped-def]
        s = super().state()
        s.modal = True
        return s


class ScrollAreaAccessible(QAccessibleWidget):
    """A scroll area as Qt presents one (its viewport, each scroll bar's container while the
    bar shows, the corner widget), whose ``child(i)`` answers None for an index it does not
    have instead of reading past the end of its list (see the module's docstring)."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area, QAccessible.Role.Client, "")  # Qt's role for it

    def _children(self) -> list[QWidget]:
        area = self.widget()
        if not isinstance(area, QAbstractScrollArea):
            return []
        out = [area.viewport()]
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            if bar.isVisible() and bar.parentWidget() is not None:
                out.append(bar.parentWidget())
        corner = area.cornerWidget()
        if corner is not None and corner.isVisible():
            out.append(corner)
        return [w for w in out if w is not None]

    def childCount(self) -> int:  # noqa: N802
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface | None:
        children = self._children()
        if 0 <= index < len(children):
            return QAccessible.queryAccessibleInterface(children[index])
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        obj = child.object() if child is not None else None
        if obj is None:
            return -1
        ptr = shiboken6.getCppPointer(obj)[0]
        for i, w in enumerate(self._children()):
            if shiboken6.getCppPointer(w)[0] == ptr:
                return i
        return -1


def is_panel(obj: QObject) -> bool:
    return isinstance(obj, QFrame) and hasattr(obj, "clicked") and not isinstance(obj, QAbstractButton)


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    try:
        if not shiboken6.createdByPython(obj):
            # Not the kiosk's widget, or one in its destructor (its Python side is gone first):
            # Qt's own interface, or none, as Qt's factory does for a widget being destroyed.
            return None
        if isinstance(obj, QAbstractButton):
            return ButtonAccessible(obj)
        if obj.objectName() == "OverlayCard" and isinstance(obj, QWidget):
            return DialogAccessible(obj)
        if is_panel(obj):
            return PanelAccessible(obj)  # type: ignore[arg-type]
        if isinstance(obj, QScrollArea):  # not item views or text edits: their own interfaces
            return ScrollAreaAccessible(obj)
    except RuntimeError:  # the widget is being destroyed
        return None
    return None


_installed = False


def install() -> None:
    """Once per process, before the first window is shown."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
