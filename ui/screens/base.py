"""What every screen is: a QWidget that retranslates itself, adapts to orientation, and
forgets everything about a session when asked.

A screen reaches the rest of the kiosk only through the :class:`Shell` it is given
(navigate, back, finish, overlay, status, prefs, session), never through globals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ui.wipe import wipe_tree

if TYPE_CHECKING:
    from kiosk.app_state.controller import Controller
    from kiosk.app_state.session import Session
    from kiosk.config import KioskConfig
    from ui.display import DisplayPrefs
    from ui.overlay import OverlayLayer
    from ui.status import StatusModel


class Shell(Protocol):
    config: KioskConfig
    controller: Controller
    session: Session
    prefs: DisplayPrefs
    status: StatusModel
    overlay: OverlayLayer

    def navigate(self, screen_id: str) -> None: ...
    def back(self) -> None: ...
    def finish(self) -> None: ...
    def message(self, code: str, **values: object) -> str: ...


def label(role: str, text: str = "", *, name: str | None = None, align=None) -> QLabel:
    lab = QLabel(text)
    lab.setProperty("role", role)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    if align is not None:
        lab.setAlignment(align)
    if name:
        lab.setObjectName(name)
    return lab


class Screen(QWidget):
    """Subclasses set ``screen_id`` and build widgets in ``__init__``, texts in ``retranslate``."""

    screen_id = ""

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName(f"screen_{self.screen_id}")
        # The stack must not grow to the tallest screen's minimum: each screen fits itself
        # to what it gets (scrolling when text at 200 % does not fit).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._portrait: bool | None = None

    # --- hooks -------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every visible text; called at start and on each language change."""

    def on_enter(self) -> None:
        """The screen becomes current."""

    def on_leave(self) -> None:
        """Another screen becomes current."""

    def relayout(self, portrait: bool) -> None:
        """Arrange for portrait or landscape; called when the orientation changes."""

    def wipe(self) -> None:
        """Forget the session: by default clears every input and every session-data label."""
        wipe_tree(self)

    # --- plumbing ----------------------------------------------------------------------
    @property
    def portrait(self) -> bool:
        return self.height() >= self.width()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        portrait = self.portrait
        if portrait != self._portrait:
            self._portrait = portrait
            self.relayout(portrait)
        super().resizeEvent(event)


def scroll_page(screen: QWidget, *, max_width: int = 1200, fill: bool = False) -> QVBoxLayout:
    """Give ``screen`` a scrolling page and return the page's column layout to fill."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    page = ScrollPage(max_width=max_width, fill=fill)
    outer.addWidget(page)
    screen.page = page  # type: ignore[attr-defined]
    return page.body


class ScrollPage(QScrollArea):
    """A content column that scrolls when text at 200 % does not fit, centred in landscape."""

    def __init__(self, parent: QWidget | None = None, max_width: int = 1200, *, fill: bool = False) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("ScreenPage")
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(48, 40, 48, 40)
        self.column = QWidget()
        self.column.setMaximumWidth(max_width)
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.body = QVBoxLayout(self.column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(28)
        # Centred by stretches, not by alignment: an aligned widget gets only its size hint,
        # which squeezes wrapped text; this way the column grows up to max_width.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(0)
        row.addWidget(self.column, 1)
        row.addStretch(0)
        # fill: the column takes the full height, so its own stretches spread the content.
        outer.addLayout(row, 1 if fill else 0)
        if not fill:
            outer.addStretch(1)
        self.setWidget(inner)
