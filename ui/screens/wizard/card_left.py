"""The card-left-behind reminder shown over the attract screen when a session ends (Finish,
timeout) with an ID card still on the reader. In both languages: the citizen's language
choice has just been reset with the rest of the session. It closes when the card is taken
or on "OK"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.messages import text
from ui.screens.base import WrapButton, label

OVERLAY_NAME = "card_left"


class CardLeftCard(QWidget):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardLeftCard")
        lay = QVBoxLayout(self)
        lay.setSpacing(24)
        center = Qt.AlignmentFlag.AlignCenter
        for lang in ("vi", "en"):
            lay.addWidget(
                label("lead", text("wizard.card_left", lang), name=f"card_left_title_{lang}", align=center)
            )
            lay.addWidget(
                label(
                    "body", text("wizard.card_left_hint", lang), name=f"card_left_hint_{lang}", align=center
                )
            )
        self.ok = WrapButton("OK")
        self.ok.setObjectName("card_left_ok")
        self.ok.setProperty("role", "primary")
        self.ok.clicked.connect(self.dismissed)
        lay.addWidget(self.ok)
