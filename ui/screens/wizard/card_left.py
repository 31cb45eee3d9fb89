"""The card-left-behind reminder shown over the attract screen when a session ends (Finish,
timeout) with an ID card still on the reader. In both languages: the citizen's language
choice has just been reset with the rest of the session. It closes when the card is taken
or on "OK"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.messages import text
from ui.screens.base import WrapButton, label

OVERLAY_NAME = "card_left"


class CardLeftCard(QWidget):
    """Both languages, one under the other in portrait; side by side in landscape, where at
    200 % the four texts one under the other are taller than the window (issue 17)."""

    dismissed = Signal()
    WIDE = 1600  # px the card may take in landscape, for two columns

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CardLeftCard")
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(48)
        self.grid.setVerticalSpacing(24)
        center = Qt.AlignmentFlag.AlignCenter
        self.texts: list[tuple[QWidget, QWidget]] = []
        for lang in ("vi", "en"):
            title = label(
                "lead", text("wizard.card_left", lang), name=f"card_left_title_{lang}", align=center
            )
            hint = label(
                "body", text("wizard.card_left_hint", lang), name=f"card_left_hint_{lang}", align=center
            )
            self.texts.append((title, hint))
        self.ok = WrapButton("OK")
        self.ok.setObjectName("card_left_ok")
        self.ok.setProperty("role", "primary")
        self.ok.clicked.connect(self.dismissed)
        self._wide: bool | None = None
        self.arrange(False)

    def arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        for w in (*(x for pair in self.texts for x in pair), self.ok):
            self.grid.removeWidget(w)
        for i, (title, hint) in enumerate(self.texts):
            row, col = (0, i) if wide else (2 * i, 0)
            self.grid.addWidget(title, row, col)
            self.grid.addWidget(hint, row + 1, col)
        self.grid.addWidget(self.ok, 2 if wide else 4, 0, 1, 2 if wide else 1)
        # The overlay's card frame holds this content: in landscape it may be wide.
        frame = self.parentWidget()
        if frame is not None:
            frame.setMaximumWidth(self.WIDE if wide else 900)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        window = self.window()
        self.arrange(window.width() > window.height())
        super().showEvent(event)
