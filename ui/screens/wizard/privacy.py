"""The card-reading privacy notice in full, on a card over the identify step.

The step itself shows a one-sentence summary above the card prompt (what is read, why, how
long it is kept) and a "read it in full" button: the whole notice under the steps and their
pictures was twice a page at large text, and the card prompt went under the fold. The full
words open here, on the overlay's card (modal, so a screen reader reaches them and then the
one answer that closes them); the summary never leaves the step, so the card is not read
before the citizen has seen what reading it means.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.screens.base import label
from ui.screens.wizard.base import button
from ui.widgets.cards import OverlayCardContent

OVERLAY_NAME = "privacy"


class PrivacyCard(OverlayCardContent):
    """The full notice: a title, the words (they scroll at 200 %), one answer back."""

    closed = Signal()

    def __init__(self, shell: Any, parent: QWidget | None = None) -> None:
        super().__init__("PrivacyCard", 28, parent)
        self.shell = shell
        self.title = label("title", name="privacy_title", align=Qt.AlignmentFlag.AlignCenter)
        self.words = label("body", name="privacy_full")  # the size it had on the step
        # A wrapped label's own minimum width (its longest words at 200 %) would make the words
        # wider than the card's viewport: it wraps to the width it is given.
        self.words.setMinimumWidth(1)
        self.body.addWidget(self.title)
        self.body.addWidget(self.words)
        self.back = button("privacy_close", "primary")
        self.back.clicked.connect(self.closed)
        self.answers.addWidget(self.back)
        self.retranslate()

    def card_width(self) -> int:
        # Landscape: wider, so that the words take fewer lines of the height there is (at
        # 150 % the card's body scrolled at the 900 px of a portrait card).
        shell = self.shell
        if isinstance(shell, QWidget) and shell.width() > shell.height():
            return min(1400, shell.width() - 96)
        return super().card_width()

    def retranslate(self) -> None:
        m = self.shell.message
        self.title.setText(m("wizard.privacy.title"))
        self.words.setText(m("wizard.privacy.card"))
        self.back.setText(m("wizard.privacy.close"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def show_privacy(shell: Any) -> PrivacyCard:
    """Open the full notice over the current screen; its answer closes it."""
    card = PrivacyCard(shell)
    card.closed.connect(shell.overlay.close_card)
    shell.overlay.show_card(card, OVERLAY_NAME)
    return card


# --- screenshots and the layout audit ----------------------------------------------------------


def _capture_full(window: Any) -> None:
    window.navigate("submit_identify")
    show_privacy(window)


def register(registry: Any) -> None:
    from ui.screens.registry import Capture
    from ui.screens.wizard.captures import _settled

    registry.add_capture(Capture("wizard-3-privacy-full", _settled(_capture_full)))
