"""A layer above every screen: dims what is below and shows one card in the middle.

Used by the timeout warning and the staff exit; staff sign-in will use it too
(``shell.overlay.show_card(widget, "staff_signin")``). Only one card at a time: showing a
new one replaces the old (the old card widget is deleted).

The card is modal, as a dialog is: what lies below is disabled while it is open (Tab, the
keypad and a screen reader reach only the card), focus moves to the card's first control,
and goes back where it was when the card closes.

The card is placed by hand rather than by a layout: as wide as ``max_width`` allows and as tall
as its content asks at that width, but never taller than the window. A card whose content
scrolls (``height_for(width)``, see ui/widgets/cards.py) then scrolls its body and keeps its
answers in view; a layout would have made the height its content wants a minimum and pushed
the answers off the window at 200 % text.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

MARGIN = 32  # px of dimmed screen around the card, and inside the card around its content


class OverlayLayer(QWidget):
    closed = Signal(str)
    opened = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("OverlayBackdrop")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._card: QFrame | None = None
        self._content: QWidget | None = None
        self._blocked: list[QWidget] = []
        self._return_focus: QWidget | None = None
        self.name = ""
        # True while a card takes focus on opening: what the card is comes first, then the
        # control focused in it (as on a screen's arrival), not the control alone.
        self.opening = False
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())
            self._place()
        elif watched is self._card and event.type() == QEvent.Type.LayoutRequest:
            # Its words changed (countdown, language, text size): its height may have too.
            self._place()
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
        # The frame's maximum width is the card's limit; its content may change it later
        # (the card-left reminder widens itself in landscape).
        card.setMaximumWidth(max_width)
        title = getattr(content, "title", None)
        if title is not None and hasattr(title, "text"):
            card.setAccessibleName(title.text())
        lay = QVBoxLayout(card)
        lay.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        lay.addWidget(content)
        self._card = card
        self._content = content
        self.name = name
        self.setGeometry(self.parent().rect())
        card.show()
        self._place()
        card.installEventFilter(self)
        self.show()
        self._place()
        self.raise_()
        self.opening = True
        try:
            self.focus_first()
        finally:
            self.opening = False
        self.opened.emit(name)

    def _place(self) -> None:
        card, content = self._card, self._content
        if card is None or content is None or not shiboken6.isValid(card):
            return
        card.ensurePolished()  # the style sheet's fonts, which the height depends on
        room = self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        # A card may ask to be wider than the caller's maximum (its words at 200 % text).
        card_width = getattr(content, "card_width", None)
        widest = card.maximumWidth()
        if card_width is not None and card_width() > widest:
            widest = card_width()
            card.setMaximumWidth(widest)
        width = max(0, min(widest, room.width()))
        # The card's padding and its style-sheet border, both sides.
        frame = 2 * (MARGIN + card.frameWidth())
        inner = width - frame
        height_for = getattr(content, "height_for", None)
        if height_for is not None:
            want = height_for(inner)
        elif content.hasHeightForWidth():
            want = content.heightForWidth(inner)
        else:
            want = content.sizeHint().height()
        height = max(0, min(room.height(), want + frame))
        geo = QRect(0, 0, width, height)
        geo.moveCenter(room.center())
        if card.geometry() != geo:
            card.setGeometry(geo)

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
            self._card.removeEventFilter(self)
            self._card.hide()
            self._card.deleteLater()
            self._card = None
            self._content = None
            self.name = ""


def _refocus(widget: QWidget) -> None:
    if shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.PopupFocusReason)
