"""A plain information screen: a title, an honest notice of what works yet, and what the
citizen can do now. Used for the choices whose journeys are not built yet; each is replaced
by its area's real screen through the registry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout

from ui.screens.base import Screen, ScrollPage, WrapButton, label
from ui.widgets.icons import IconLabel


class InfoScreen(Screen):
    icon = ""

    def __init__(self, shell, parent=None):
        super().__init__(shell, parent)
        self._outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.page = ScrollPage()
        self._outer.addWidget(self.page, 1)
        body = self.page.body
        head = QHBoxLayout()
        head.setSpacing(24)
        icon = IconLabel(self.icon, 96)
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
        self.home_btn = WrapButton()
        self.home_btn.setObjectName(f"{self.screen_id}_home")
        self.home_btn.clicked.connect(lambda: self.shell.navigate("home"))
        body.addSpacing(12)
        body.addWidget(self.home_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.build_extra()
        self.retranslate()

    def build_extra(self) -> None:
        """Subclasses add widgets to ``self.extra`` (in the page) or ``dock`` one below it."""

    def dock(self, widget) -> None:
        """Put ``widget`` beside the scrolling page: under it at full width in portrait, on
        its right in landscape (the on-screen keyboard)."""
        self._docked = widget
        self._outer.addWidget(widget, 0)

    def relayout(self, portrait: bool) -> None:
        self._outer.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        docked = getattr(self, "_docked", None)
        if docked is not None:
            docked.setMaximumWidth(16777215 if portrait else 1060)

    def retranslate(self) -> None:
        self.home_btn.setText(self.m("screen.common.back_to_choices"))
