"""What every screen is: a QWidget that retranslates itself, adapts to orientation, and
forgets everything about a session when asked.

A screen reaches the rest of the kiosk only through the :class:`Shell` it is given
(navigate, back, finish, overlay, status, prefs, session), never through globals.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.words import message
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


_JOINED_SLASH = re.compile(r"(?<=\w)/(?=\w)")


class FitLabel(QLabel):
    """A wrapped title that keeps the height its lines need at the width it was given.

    Qt's box layouts share out height by size hints, not always by height-for-width: a title
    that wraps onto a third line at 150/200 % got the height of two (issue 17). The label
    asks for what it needs as its minimum, whenever its width, text or font changes.

    Titles only: with Python 3.11, PySide 6.12 takes one reference from ``None`` on every
    call of a Python override and every void call (see the issue 17 report); an override on
    every label of every screen made a process run out of them within one layout-test cell."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plain = ""
        self.setText(text)

    def _fit(self) -> None:
        if not self.wordWrap() or self.width() <= 0:
            return
        # QLabel's height-for-width is never below the label's minimum height: measured with
        # the minimum set at a narrower width (three lines), a title widened to one line kept
        # the height of three, its line centred in an empty band (the cards at 200 %).
        floor = self.minimumHeight()
        if floor:
            self.setMinimumHeight(0)
        need = self.heightForWidth(self.width())
        self.setMinimumHeight(need if need > 0 else floor)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        # "ông/bà" broke after the slash at 150 % ("Xin cảm ơn ông/" | "bà"): Unicode line
        # breaking allows a break after "/". The painted text joins a slash between letters to
        # the word after it; ``text()`` and the accessible name keep the words as given.
        self._plain = text
        shown = _JOINED_SLASH.sub("/\u2060", text)
        super().setText(shown)
        self.setAccessibleName(text if shown != text else "")
        self._fit()

    def text(self) -> str:
        return self._plain

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


class LiveLabel(QLabel):
    """Text that changes while its screen is shown (an error, a status, a result): said aloud as it
    changes when the citizen uses speech (EN 301 549 5.1.3: status changes are spoken too)."""

    _unsaid = False  # changed while hidden: said when it appears

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        changed = text != self.text()
        super().setText(text)
        if changed and text:
            self._unsaid = True
            self._say()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._say()

    def _say(self) -> None:
        if not self._unsaid or not self.isVisible():
            return
        self._unsaid = False
        speech = getattr(self.window(), "speech", None)
        if speech is not None:
            speech.announce(self)


class CodeLabel(QLabel):
    """A code in large type (tracking code, queue number, error reference): when it wraps, it
    breaks after a dash and never inside a group. Qt follows Unicode line breaking, which
    allows no break between a dash and a digit: "K7M4Q-X9…" broke, "K7M4Q-9X…" did not and
    stuck out of a landscape page at 200 % (by 0 to 94 px, as the random code fell). The
    painted text carries a zero-width space after each dash; ``text()`` and the accessible
    name are the code as given, which is what is spoken, tested and compared."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._code = text
        super().setText(text.replace("-", "-\u200b"))
        self.setAccessibleName(text)

    def text(self) -> str:
        return self._code


def label(
    role: str, text: str = "", *, name: str | None = None, align=None, live: bool = False, fit: bool = False
) -> QLabel:
    """A wrapped plain-text label in a theme ``role``; ``fit``: it keeps the height its lines
    need (:class:`FitLabel`, as titles do) where a layout shares out a fixed height."""
    if live:
        lab: QLabel = LiveLabel(text)
    elif role == "title" or fit:
        lab = FitLabel(text)
    elif role == "reference":
        lab = CodeLabel(text)
    else:
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
    spaces_own_page = False  # True: the screen sets its page's spacing and margins itself

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName(f"screen_{self.screen_id}")
        # The stack must not grow to the tallest screen's minimum: each screen fits itself
        # to what it gets (scrolling when text at 200 % does not fit).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._portrait: bool | None = None
        prefs = getattr(shell, "prefs", None)
        if prefs is not None and hasattr(prefs, "changed"):
            prefs.changed.connect(self._fit_page)

    # --- hooks -------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every visible text; called at start and on each language change."""

    def on_enter(self) -> None:
        """The screen becomes current."""

    def on_leave(self) -> None:
        """Another screen becomes current."""

    def relayout(self, portrait: bool) -> None:
        """Arrange for portrait or landscape; called when the orientation changes."""

    def m(self, code: str, **values: object) -> str:
        """The screen text ``code`` from the domain catalog (kiosk/messages) in the language shown."""
        return str(self.shell.message(code, **values))

    def wipe(self) -> None:
        """Forget the session: by default clears every input and every session-data label."""
        wipe_tree(self)

    # --- plumbing ----------------------------------------------------------------------
    def _fit_page(self, *_: object) -> None:
        """At 150 and 200 % the text needs the height that the page's airy spacing took at
        100 %: the next step lands under the fold for a few tens of pixels (help's "I no longer
        need help", track's "back to the choices"), and so does every landscape page."""
        page = getattr(self, "page", None)
        prefs = getattr(self.shell, "prefs", None)
        if self.spaces_own_page or not isinstance(page, ScrollPage) or prefs is None:
            return
        # Landscape too: 1,080 px less the bars is the height of a portrait page at 150 %.
        roomy = int(getattr(prefs, "scale", 100)) <= 100 and self.portrait
        page.body.setSpacing(28 if roomy else 20)
        # Landscape: the page stands between the session rail and the action column, whose own
        # margins already part it from them; 48 px a side there made a row of ten keys at 200 %
        # wider than the page.
        side = 48 if self.portrait else 24
        page.widget().layout().setContentsMargins(side, 40 if roomy else 24, side, 40 if roomy else 24)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        self._fit_page()
        super().showEvent(event)

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
            frame = getattr(self, "frame", None)
            if isinstance(frame, ScreenFrame):
                frame.arrange(portrait, self.width())
            self._fit_page()
            self.relayout(portrait)
        super().resizeEvent(event)


def scroll_page(screen: QWidget, *, max_width: int = 1200, fill: bool = False) -> QVBoxLayout:
    """Give ``screen`` the kiosk's screen frame and return the scrolling column's layout to fill.

    The frame's pinned action area is ``screen.actions`` (a box layout): the screen's way on
    goes there, primary action last, so that it is in view whatever the text size.
    """
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    frame = ScreenFrame(max_width=max_width, fill=fill)
    outer.addWidget(frame)
    screen.frame = frame  # type: ignore[attr-defined]
    screen.page = frame.page  # type: ignore[attr-defined]
    screen.actions = frame.actions  # type: ignore[attr-defined]
    return frame.page.body


class ActionArea(QWidget):
    """The pinned action area: never scrolls away. Portrait: a row under the page, primary
    action last (right); landscape: a column beside the page, primary action at the bottom.
    Hidden while none of its actions is shown, so it costs no room on a screen without one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActionArea")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(48, 20, 48, 20)
        self._outer.setSpacing(0)
        # Landscape only: a screen may stand part of its page here, above its actions (the
        # question and the typed answer beside a keyboard that fills the page's height).
        self.side = QVBoxLayout()
        self.side.setSpacing(24)
        self._outer.addLayout(self.side)
        self._outer.addStretch(1)
        self.box = _WatchedBox(self)
        self.box.setSpacing(24)
        self._outer.addLayout(self.box)

    def sync(self) -> None:
        shown = any(
            (w := self.box.itemAt(i).widget()) is not None and not w.isHidden()
            for i in range(self.box.count())
        )
        if shown == self.isHidden():
            self.setVisible(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.sync()
        return False


class _WatchedBox(QBoxLayout):
    """A box layout that tells its area when a widget is added, shown or hidden."""

    def __init__(self, area: ActionArea) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)
        self._area = area

    def addWidget(self, w: QWidget, stretch: int = 0, alignment=Qt.AlignmentFlag(0)) -> None:  # type: ignore[override]
        super().addWidget(w, stretch, alignment)
        self._watch(w)

    def insertWidget(self, index: int, w: QWidget, stretch: int = 0, alignment=Qt.AlignmentFlag(0)) -> None:  # type: ignore[override]
        super().insertWidget(index, w, stretch, alignment)
        self._watch(w)

    def _watch(self, w: QWidget) -> None:
        w.installEventFilter(self._area)
        self._area.sync()


class ScreenFrame(QWidget):
    """Every citizen screen's frame: a scrolling page with a "more below" cue, and the pinned
    action area. Landscape is two columns (the page, and the actions beside it at full height)
    rather than the portrait layout re-flowed: the page keeps the whole height."""

    def __init__(self, parent: QWidget | None = None, *, max_width: int = 1200, fill: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenFrame")
        self._lay = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(0)
        col = QVBoxLayout()
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.page = ScrollPage(max_width=max_width, fill=fill)
        self.more = MoreBelow(self.page)
        col.addWidget(self.page, 1)
        col.addWidget(self.more)
        self._lay.addLayout(col, 1)
        self.area = ActionArea()
        self.actions: QBoxLayout = self.area.box
        self._lay.addWidget(self.area)
        self.area.sync()
        # Landscape: a screen that stands part of its page in the action column may ask for
        # a wider one (the rating's reasons two a row).
        self.side_floor = 0
        self._width = 1080
        self.arrange(True, 1080)

    def set_side_floor(self, px: int) -> None:
        if px != self.side_floor:
            self.side_floor = px
            if self.area.property("side") == "right":
                self.arrange(False, self._width)

    def arrange(self, portrait: bool, width: int) -> None:
        self._width = width
        if portrait:
            self._lay.setDirection(QBoxLayout.Direction.TopToBottom)
            self.actions.setDirection(QBoxLayout.Direction.LeftToRight)
            self.area.setProperty("side", "bottom")
            self.area.setMinimumWidth(0)
            self.area.setMaximumWidth(16777215)
            self.area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        else:
            self._lay.setDirection(QBoxLayout.Direction.LeftToRight)
            self.actions.setDirection(QBoxLayout.Direction.TopToBottom)
            self.area.setProperty("side", "right")
            side = max(480, min(640, width // 3), self.side_floor)
            self.area.setFixedWidth(side)
            self.area.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.area.style().unpolish(self.area)
        self.area.style().polish(self.area)


class ScrollPage(QScrollArea):
    """A content column that scrolls when text at 200 % does not fit, centred in landscape."""

    def __init__(self, parent: QWidget | None = None, max_width: int = 1200, *, fill: bool = False) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so that the page's width never changes when content grows past the
        # fold: a scroll bar appearing after layout re-wraps text into heights already given.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # ... but only its gutter while the page does not scroll: a full-height bar invites an
        # elderly citizen to drag something that does nothing.
        self.verticalScrollBar().rangeChanged.connect(self._sync_bar)
        self._sync_bar(0, 0)
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

    def _sync_bar(self, _lo: int, hi: int) -> None:
        bar = self.verticalScrollBar()
        idle = hi <= 0
        if bar.property("idle") == idle:
            return
        bar.setProperty("idle", idle)
        bar.setEnabled(not idle)
        # The gutter keeps the page's background; no handle, nothing to drag.
        bar.setStyleSheet(
            "QScrollBar::handle:vertical { background: transparent; min-height: 0px; }" if idle else ""
        )


def _wrap_line(line: str, fm: QFontMetrics, width: int) -> list[str]:
    out: list[str] = []
    cur = ""
    for word in line.split(" "):
        trial = f"{cur} {word}" if cur else word
        if cur and fm.horizontalAdvance(trial) > width:
            out.append(cur)
            cur = word
        else:
            cur = trial
    out.append(cur)
    return out


def wrap_text(text: str, fm: QFontMetrics, width: int) -> str:
    """``text`` with line breaks where a line would be wider than ``width`` px (words stay whole)."""
    return "\n".join(part for line in text.split("\n") for part in _wrap_line(line, fm, max(1, width)))


class WrapButton(QPushButton):
    """A push button whose text goes onto more lines rather than being cut off when the
    button is narrower than its text (Qt's QPushButton never wraps): long procedure names,
    Vietnamese at 200 %, a narrow landscape column. The text stays as set (``text()``, the
    accessible name); only the painting wraps it, at the width and font of the moment."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.set_policy(self.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)

    def set_policy(self, horizontal: QSizePolicy.Policy, vertical: QSizePolicy.Policy) -> None:
        """Like ``setSizePolicy``, keeping the height-for-width that wrapping needs. A fixed
        height becomes a minimum one: a layout caps a fixed item at the size hint it asked
        for before the width was known, which would cut a wrapped second line off."""
        if vertical == QSizePolicy.Policy.Fixed:
            vertical = QSizePolicy.Policy.Minimum
        # Narrower than its one-line text is what wrapping is for (Qt's default makes the
        # one-line width a minimum).
        if horizontal in (QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum):
            horizontal = QSizePolicy.Policy.Preferred
        sp = QSizePolicy(horizontal, vertical)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)

    def _chrome(self) -> tuple[int, int]:
        """Width the style adds beside the text, and the height for one line of it, measured
        on Qt's own size hint (no style objects held in Python)."""
        fm = self.fontMetrics()
        lines = (self.text() or " ").split("\n")
        hint = QPushButton.sizeHint(self)
        return (
            hint.width() - max(fm.horizontalAdvance(x) for x in lines),
            hint.height() - (len(lines) - 1) * fm.lineSpacing(),
        )

    def _lines_high(self, chrome: tuple[int, int], lines: int) -> int:
        return max(self.minimumHeight(), chrome[1] + (lines - 1) * self.fontMetrics().lineSpacing())

    def wrapped(self, width: int | None = None) -> str:
        """The text as painted at ``width`` (default: the button's width now)."""
        w = self.width() if width is None else width
        return wrap_text(self.text(), self.fontMetrics(), w - self._chrome()[0])

    def heightForWidth(self, width: int) -> int:
        return self._lines_high(self._chrome(), self.wrapped(width).count("\n") + 1)

    def sizeHint(self) -> QSize:
        # At the width the button has now: a layout that keeps a button's height fixed (its
        # policy) still makes room for a wrapped second line.
        chrome = self._chrome()
        fm = self.fontMetrics()
        width = chrome[0] + max(fm.horizontalAdvance(x) for x in self.text().split("\n"))
        if 0 < self.width() < width:
            return QSize(width, self.heightForWidth(self.width()))
        return QSize(width, self._lines_high(chrome, self.text().count("\n") + 1))

    def minimumSizeHint(self) -> QSize:
        chrome = self._chrome()
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(w) for w in self.text().split()), default=0)
        return QSize(chrome[0] + widest, self._lines_high(chrome, 1))

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QStylePainter(self)
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = self.wrapped()
        painter.drawControl(QStyle.ControlElement.CE_PushButton, opt)
        painter.end()


class MoreBelow(WrapButton):
    """The "more below" cue under a scrolling page: shown while there is content below the
    fold (a scroll bar alone is too faint a hint for an elderly citizen); a touch scrolls on.
    Its words wrap rather than being cut where the page is narrow (landscape at 200 %)."""

    def __init__(self, page: QScrollArea, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("more_below")
        self.setProperty("role", "more")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_policy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._page = page
        bar = page.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, _hi: self.sync())
        bar.valueChanged.connect(lambda _v: self.sync())
        self.clicked.connect(self._scroll_on)
        self.retranslate()
        self.hide()

    def sync(self) -> None:
        bar = self._page.verticalScrollBar()
        below = bar.value() < bar.maximum()
        # The cue takes its own height from the page: a page that scrolls by no more than
        # that only scrolls because the cue is there (it once kept the last home tile 35 px
        # under a fold that hiding the cue removes).
        if self.isVisible() and bar.maximum() <= self.height():
            below = False
        self.setVisible(below)

    def _scroll_on(self) -> None:
        bar = self._page.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + round(bar.pageStep() * 0.8)))

    def retranslate(self) -> None:
        self.setText(message("screen.frame.more_below"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
