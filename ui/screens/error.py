"""The safety net's screen: calm words, a reference number to show staff, and the way back.

It is outside any session (the session was wiped before it appears) and returns to the
attract screen by itself after ``[ui] error_screen_s`` seconds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout

from ui.screens.base import Screen, WrapButton, label, scroll_page
from ui.screens.registry import ScreenRegistry, ScreenSpec


class ErrorScreen(Screen):
    screen_id = "error"

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        outer = scroll_page(self, fill=True)
        outer.setSpacing(36)
        self.title = label("display", name="error_title")
        self.ask = label("lead", name="error_ask")
        card = QFrame()
        card.setObjectName("Card")
        cl = QVBoxLayout(card)
        cl.setContentsMargins(40, 32, 40, 32)
        self.ref_caption = label("muted", name="error_ref_caption", align=Qt.AlignmentFlag.AlignCenter)
        self.reference = label("reference", name="error_reference", align=Qt.AlignmentFlag.AlignCenter)
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        cl.addWidget(self.ref_caption)
        cl.addWidget(self.reference)
        self.cleared = label("body", name="error_cleared")
        self.returning = label("muted", name="error_returning")
        self.home = WrapButton()
        self.home.setObjectName("error_home")
        self.home.setProperty("role", "primary")
        self.home.clicked.connect(self._go_attract)
        for w in (self.title, self.ask, card, self.cleared):
            outer.addWidget(w)
        outer.addStretch(1)
        outer.addWidget(self.returning)
        self._outer = outer
        self.actions.addWidget(self.home)
        shell.prefs.changed.connect(self._text_size_changed)
        self._seconds = 0
        self.retranslate()

    def _text_size_changed(self) -> None:
        self.relayout(self.portrait)

    def relayout(self, portrait: bool) -> None:
        """Landscape: "your details were wiped" and "back to the start in N s" stand in the
        action column above the button they are about; the page keeps what to show staff
        (at 150 % the page had not the height for all of it: the English page 226 px over)."""
        side = self.frame.area.side  # type: ignore[attr-defined]
        # Up to 150 % (at 200 % the column, which does not scroll, has not the height).
        beside = not portrait and self.shell.prefs.scale <= 150
        if beside == (side.indexOf(self.cleared) >= 0):
            return
        for w in (self.cleared, self.returning):
            was = not w.isHidden()  # a widget given a new parent is hidden
            if not beside:
                self._outer.insertWidget(self._outer.count() if w is self.returning else 3, w)
            else:
                side.addWidget(w)
            w.setVisible(was)

    def on_enter(self) -> None:
        # Nothing may cover the reference number the citizen is asked to show staff.
        if self.shell.overlay.name == "help":
            self.shell.overlay.close_card()

    def show_incident(self, reference: str, seconds: int) -> None:
        self.reference.setText(reference)
        self.set_seconds(seconds)

    def set_seconds(self, seconds: int) -> None:
        self._seconds = seconds
        self.returning.setText(self.m("screen.error.returning", n=seconds))

    def _go_attract(self) -> None:
        self.shell.controller.machine.to_safe("reset")

    def retranslate(self) -> None:
        self.title.setText(self.m("screen.error.title"))
        self.ask.setText(self.m("screen.error.please_ask_a_staff"))
        self.ref_caption.setText(self.m("screen.error.reference_number"))
        self.cleared.setText(self.m("screen.error.for_your_privacy_what"))
        self.home.setText(self.m("screen.error.back_to_the_start"))
        self.set_seconds(self._seconds)


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("error", ErrorScreen, in_session=False, capture=False))
