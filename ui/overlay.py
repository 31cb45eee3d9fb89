"""A layer above every screen: dims what is below and shows one card in the middle.

Used by the timeout warning and the staff exit; staff sign-in will use it too
(``shell.overlay.show_card(widget, "staff_signin")``). Only one card at a time: showing a
new one replaces the old (the old card widget is deleted).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget


class OverlayLayer(QWidget):
    closed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OverlayBackdrop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(48, 48, 48, 48)
        self._card: QFrame | None = None
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
        self._remove_card()
        card = QFrame(self)
        card.setObjectName("OverlayCard")
        card.setMaximumWidth(max_width)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(48, 48, 48, 48)
        lay.addWidget(content)
        self._layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self._card = card
        self.name = name
        self.setGeometry(self.parent().rect())
        self.show()
        self.raise_()

    def close_card(self) -> None:
        if self._card is None:
            return
        name = self.name
        self._remove_card()
        self.hide()
        self.closed.emit(name)

    def _remove_card(self) -> None:
        if self._card is not None:
            self._card.hide()
            self._layout.removeWidget(self._card)
            self._card.deleteLater()
            self._card = None
            self.name = ""
