"""A large touch tile: an icon, a title and one line saying what it does.

A real button (not a painted frame): focusable, activated by Enter or Space, and seen by
assistive technology as a button named by its title with a Press action. Its size comes from
its content (the layout), not from QPushButton's text metrics, so wrapped titles at 200 %
text still fit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout

from ui.screens.base import label
from ui.widgets.icons import IconLabel


class ChoiceTile(QPushButton):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName("ChoiceTile")
        self.setProperty("choice", name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(200)
        sp = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
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
        for child in (self.icon, self.title, self.hint, self.arrow):
            # Clicks on the texts reach the button; the texts are not read twice.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def set_texts(self, title: str, hint: str) -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.layout().sizeHint().expandedTo(QSize(0, self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize().expandedTo(QSize(0, self.minimumHeight()))

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(self.minimumHeight(), self.layout().totalHeightForWidth(width))
