"""A layer above every screen: dims what is below and shows one card in the middle.

Used by the timeout warning and the staff exit; staff sign-in will use it too
(``shell.overlay.show_card(widget, "staff_signin")``). Only one card at a time: showing a
new one replaces the old (the old card widget is deleted).

The card is modal, as a dialog is: what lies below is disabled while it is open (Tab, the
keypad and a screen reader reach only the card), focus moves to the card's first control,
and goes back where it was when the card closes.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget


class OverlayLayer(QWidget):
    closed = Signal(str)
    opened = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OverlayBackdrop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(48, 48, 48, 48)
        self._card: QFrame | None = None
        self._blocked: list[QWidget] = []
        self._return_focus: QWidget | None = None
        self.name = ""
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())
        return False

    @property
    def card(self) -> QWidget | None:
        return self._card

    def show_card(self, content: QWidget, name: str, *, max_width: int = 900) -> None:
        if self._card is None:
            focus = QApplication.focusWidget()
            self._return_focus = focus
            self._block_below(True)
        self._remove_card()
        card = QFrame(self)
        card.setObjectName("OverlayCard")
        card.setMaximumWidth(max_width)
        title = getattr(content, "title", None)
        if title is not None and hasattr(title, "text"):
            card.setAccessibleName(title.text())
        lay = QVBoxLayout(card)
        lay.setContentsMargins(48, 48, 48, 48)
        lay.addWidget(content)
        self._layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self._card = card
        self.name = name
        self.setGeometry(self.parent().rect())
        self.show()
        self.raise_()
        self.focus_first()
        self.opened.emit(name)

    def focus_first(self) -> None:
        """Focus the card's first control (a card may focus its own input afterwards)."""
        if self._card is None:
            return
        for w in self._card.findChildren(QWidget):
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and not w.isHidden():
                w.setFocus(Qt.FocusReason.PopupFocusReason)
                return

    def close_card(self) -> None:
        if self._card is None:
            return
        name = self.name
        self._remove_card()
        self.hide()
        self._block_below(False)
        back = self._return_focus
        self._return_focus = None
        if back is not None:
            # After the card's own widgets are gone from the focus chain.
            QTimer.singleShot(0, lambda: _refocus(back))
        self.closed.emit(name)

    def _block_below(self, block: bool) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        if block:
            self._blocked = [
                w
                for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if w is not self and w.isEnabled()
            ]
            for w in self._blocked:
                w.setEnabled(False)
        else:
            for w in self._blocked:
                if shiboken6.isValid(w):
                    w.setEnabled(True)
            self._blocked = []

    def _remove_card(self) -> None:
        if self._card is not None:
            self._card.hide()
            self._layout.removeWidget(self._card)
            self._card.deleteLater()
            self._card = None
            self.name = ""


def _refocus(widget: QWidget) -> None:
    if shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.PopupFocusReason)
