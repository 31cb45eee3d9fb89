"""A large touch tile: an icon, a title and one line saying what it does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout

from ui.screens.base import label
from ui.widgets.icons import IconLabel


class ChoiceTile(QFrame):
    clicked = Signal()

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName("ChoiceTile")
        self.setProperty("choice", name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(name)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(36, 28, 36, 28)
        lay.setSpacing(32)
        self.icon = IconLabel(name, 104)
        lay.addWidget(self.icon)
        col = QVBoxLayout()
        col.setSpacing(8)
        self.title = label("choice", name=f"choice_{name}_title")
        self.hint = label("choice_hint", name=f"choice_{name}_hint")
        col.addStretch(1)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addStretch(1)
        lay.addLayout(col, 1)
        self.arrow = label("icon", "›", align=Qt.AlignmentFlag.AlignCenter)
        self.arrow.setWordWrap(False)
        lay.addWidget(self.arrow)

    def set_texts(self, title: str, hint: str) -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.setAccessibleDescription(hint)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)
