"""A plain information screen: a title, an honest notice of what works yet, and what the
citizen can do now. Used for the choices whose journeys are not built yet; each is replaced
by its area's real screen through the registry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from ui.screens.base import Screen, ScrollPage, label


class InfoScreen(Screen):
    icon = ""

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page = ScrollPage()
        outer.addWidget(self.page)
        body = self.page.body
        head = QHBoxLayout()
        head.setSpacing(24)
        icon = label("icon", self.icon, align=Qt.AlignmentFlag.AlignCenter)
        icon.setWordWrap(False)
        icon.setFixedWidth(96)
        self.title = label("title", name=f"{self.screen_id}_title")
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        body.addLayout(head)
        self.notice_card = QFrame()
        self.notice_card.setObjectName("NoticeCard")
        nl = QVBoxLayout(self.notice_card)
        nl.setContentsMargins(36, 28, 36, 28)
        self.notice = label("lead", name=f"{self.screen_id}_notice")
        nl.addWidget(self.notice)
        body.addWidget(self.notice_card)
        self.now = label("body", name=f"{self.screen_id}_now")
        body.addWidget(self.now)
        self.extra = QVBoxLayout()
        self.extra.setSpacing(20)
        body.addLayout(self.extra)
        self.home_btn = QPushButton()
        self.home_btn.setObjectName(f"{self.screen_id}_home")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        body.addSpacing(12)
        body.addWidget(self.home_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.build_extra()
        self.retranslate()

    def build_extra(self) -> None:
        """Subclasses add widgets to ``self.extra``."""

    def retranslate(self) -> None:
        self.home_btn.setText(self.tr("Back to the choices"))
