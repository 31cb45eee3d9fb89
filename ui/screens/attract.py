"""The attract screen: what the kiosk offers, in large type; a touch anywhere starts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen, label
from ui.screens.registry import ScreenRegistry, ScreenSpec

OFFERS = ("submit", "track", "find", "help")
ICONS = {"submit": "✎", "track": "⌕", "find": "☰", "help": "☎"}


class AttractScreen(Screen):
    screen_id = "attract"

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(72, 56, 72, 56)
        self._outer.setSpacing(36)
        self.title = label("display", name="attract_title")
        self.lead = label("lead", name="attract_lead")
        self._outer.addWidget(self.title)
        self._outer.addWidget(self.lead)
        self._offers_box = QFrame()
        self._offers_box.setObjectName("Card")
        self._offers_layout = QVBoxLayout(self._offers_box)
        self._offers_layout.setContentsMargins(40, 32, 40, 32)
        self._offers_layout.setSpacing(24)
        self.offer_labels = {}
        for key in OFFERS:
            row = QHBoxLayout()
            row.setSpacing(28)
            icon = label("icon", ICONS[key], align=Qt.AlignmentFlag.AlignCenter)
            icon.setWordWrap(False)
            icon.setFixedWidth(96)
            text = label("lead", name=f"offer_{key}")
            row.addWidget(icon)
            row.addWidget(text, 1)
            self._offers_layout.addLayout(row)
            self.offer_labels[key] = text
        self._outer.addWidget(self._offers_box)
        self._outer.addStretch(1)
        self.start = QPushButton()
        self.start.setObjectName("start")
        self.start.setProperty("role", "start")
        self.start.clicked.connect(self._start)
        self._outer.addWidget(self.start)
        self.note = label("muted", name="attract_note", align=Qt.AlignmentFlag.AlignCenter)
        self._outer.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Public services, self-service"))
        self.lead.setText(self.tr("At this kiosk you can:"))
        self.offer_labels["submit"].setText(self.tr("Submit a dossier for an administrative procedure"))
        self.offer_labels["track"].setText(self.tr("See where your dossier is, with your receipt"))
        self.offer_labels["find"].setText(self.tr("Find a procedure and where to apply"))
        self.offer_labels["help"].setText(self.tr("Ask a staff member for help"))
        self.start.setText(self.tr("Touch here to start"))
        self.note.setText(self.tr("Free of charge. Choose your language and text size below."))

    def _start(self) -> None:
        self.shell.navigate("home")

    def mouseReleaseEvent(self, event) -> None:
        # A touch anywhere on the attract screen starts, not just on the button.
        if event.button() == Qt.MouseButton.LeftButton:
            self._start()
        super().mouseReleaseEvent(event)


def register(registry: ScreenRegistry) -> None:
    registry.add(ScreenSpec("attract", AttractScreen, in_session=False))


__all__ = ["AttractScreen", "register", "QWidget"]
