"""Cards shown on the overlay: the timeout warning, the finish confirmation and the staff exit.

Each card is a body that scrolls (title, words, the staff's keypad) above answers that never
do: at 200 % text in landscape the words no longer fit the window's height, and the citizen
must still see "I need more time" without looking for it. Answers wrap their words onto more
lines rather than being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.screens.base import MoreBelow, WrapButton, label
from ui.widgets.keyboard import VietKeyboard
from ui.widgets.words import message


class _Body(QScrollArea):
    """The scrolling part of a card: asks for the height of its words at its width now (a
    plain scroll area asks for a fixed guess), and never takes focus from the answers."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("CardBody")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        inner = QWidget()
        inner.setObjectName("CardBodyInner")
        self.layout_ = QVBoxLayout(inner)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.setWidget(inner)
        # The card's own surface shows through (a scroll area paints its page grey).
        self.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)

    cue: MoreBelow | None = None

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # the scroll bar's range follows the new height here
        # The cue follows the range: when the card grows to fit, it must go (it is part of
        # the height the card asked for, so, left up, it would keep the body scrolling).
        if self.cue is not None:
            self.cue.sync()

    def height_for(self, width: int) -> int:
        # At the width left beside the scroll bar: measured without it, words that wrap once
        # more beside it would be promised room they do not get.
        width -= self.verticalScrollBar().sizeHint().width()
        lay = self.layout_
        return lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = self.viewport().width() or self.layout_.totalSizeHint().width()
        return QSize(self.layout_.totalSizeHint().width(), self.height_for(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, 0)


class OverlayCardContent(QWidget):
    """A card's content: ``self.body`` (a layout that scrolls) above ``self.answers`` (pinned).

    Subclasses set ``self.title`` (a title label): the card grows wider with its size, 900 px
    at 100 % text, so that at 200 % it is not a narrow strip of one-word lines in landscape.
    """

    WIDTH_PER_TITLE_PX = 900 / 54  # the theme's title is 54 px at 100 %

    def __init__(self, name: str, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(spacing)
        self._scroll = _Body()
        self.body = self._scroll.layout_
        self.body.setSpacing(spacing)
        lay.addWidget(self._scroll, 1)
        self.cue = MoreBelow(self._scroll)
        self._scroll.cue = self.cue
        # The card's first control is its first answer, not the cue (the overlay focuses the
        # first control it finds); a screen reader reads the whole body anyway.
        self.cue.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.cue)
        self.answers = QVBoxLayout()
        self.answers.setSpacing(spacing)
        lay.addLayout(self.answers)

    def card_width(self) -> int:
        title = getattr(self, "title", None)
        size = title.fontInfo().pixelSize() if title is not None else 54
        return round(self.WIDTH_PER_TITLE_PX * size)

    def height_for(self, width: int) -> int:
        """The height that shows everything at ``width`` (the overlay gives less when the
        window is shorter; the body then scrolls)."""
        answers = self.answers
        pinned = (
            answers.totalHeightForWidth(width)
            if answers.hasHeightForWidth()
            else answers.totalSizeHint().height()
        )
        spacing = self.layout().spacing()
        # While the "more below" cue is up, room for it too: the card grows, the body then
        # fits, the cue goes and the card settles at the body's height (without this the cue
        # would take the body's last lines and keep itself up).
        cue = 0 if self.cue.isHidden() else self.cue.sizeHint().height() + spacing
        return self._scroll.height_for(width) + spacing + cue + pinned


def _answer(name: str, role: str | None = None) -> WrapButton:
    b = WrapButton()
    b.setObjectName(name)
    b.set_policy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if role:
        b.setProperty("role", role)
    return b


class TimeoutCard(OverlayCardContent):
    more_time = Signal()
    finish_now = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("TimeoutCard", 28, parent)
        self.title = label("title", name="timeout_title", align=Qt.AlignmentFlag.AlignCenter)
        self.count = label("countdown", name="timeout_seconds", align=Qt.AlignmentFlag.AlignCenter)
        self.explain = label("lead", name="timeout_explain", align=Qt.AlignmentFlag.AlignCenter)
        self.more = _answer("more_time", "start")
        self.end = _answer("finish_now")
        self.more.clicked.connect(self.more_time)
        self.end.clicked.connect(self.finish_now)
        # Landscape: the seconds beside the question, not under it (one under the other they
        # were up to 169 px taller than a landscape window at 150 %: "I need more time"
        # under the card's fold).
        self.head = QHBoxLayout()
        self.head.setSpacing(28)
        self.body.addLayout(self.head)
        self.body.addWidget(self.explain)
        self.answers.addWidget(self.more)
        self.answers.addWidget(self.end)
        self._wide: bool | None = None
        self.arrange(False)
        self._seconds = 0
        self.retranslate()

    def arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        self.head.removeWidget(self.title)
        self.head.removeWidget(self.count)
        self.body.removeWidget(self.title)
        self.body.removeWidget(self.count)
        if wide:
            self.head.addWidget(self.title, 1)
            self.head.addWidget(self.count, 0)
        else:
            self.body.insertWidget(0, self.title)
            self.body.insertWidget(1, self.count)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        window = self.window()
        self.arrange(window.width() > window.height())
        super().showEvent(event)

    def set_seconds(self, seconds: int) -> None:
        self._seconds = seconds
        self.count.setText(str(seconds))
        self.explain.setText(message("screen.timeout.ends_in", n=seconds))

    def retranslate(self) -> None:
        self.title.setText(message("screen.timeout.title"))
        self.more.setText(message("screen.timeout.i_need_more_time"))
        self.end.setText(message("screen.timeout.finish_now"))
        self.set_seconds(self._seconds)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class StaffExitCard(OverlayCardContent):
    """Staff type the exit code on a numeric pad; nothing is shown of what they type."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("StaffExitCard", 20, parent)
        self.title = label("title", name="exit_title")
        self.hint = label("body", name="exit_hint")
        self.code = QLineEdit()
        self.code.setObjectName("exit_code")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setMaxLength(12)
        self.pad = VietKeyboard(self.code, mode="numeric")
        self.pad.allow_letters(False)
        self.pad.done.connect(lambda: self.submitted.emit(self.code.text()))
        self.code.returnPressed.connect(lambda: self.submitted.emit(self.code.text()))
        self.cancel: QPushButton = _answer("exit_cancel")
        self.cancel.set_policy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.cancel.clicked.connect(self.cancelled)
        # Landscape: the keypad beside the title, the hint and the field (under them, its
        # last rows were up to 280 px under the card's fold); portrait: one column.
        self.cols = QHBoxLayout()
        self.cols.setSpacing(32)
        self.words = QVBoxLayout()
        self.words.setSpacing(20)
        for w in (self.title, self.hint, self.code):
            self.words.addWidget(w)
        self.words.addStretch(1)
        self.cols.addLayout(self.words, 3)
        self.body.addLayout(self.cols)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel)
        self.answers.addLayout(row)
        self._wide: bool | None = None
        self.arrange(False)
        self.retranslate()

    def arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        self.cols.removeWidget(self.pad)
        self.body.removeWidget(self.pad)
        if wide:
            self.cols.addWidget(self.pad, 2, Qt.AlignmentFlag.AlignTop)
        else:
            self.body.addWidget(self.pad)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        window = self.window()
        self.arrange(window.width() > window.height())
        super().showEvent(event)

    def refused(self, locked: bool) -> None:
        self.code.clear()
        self.hint.setText(
            message("screen.staff_exit.too_many_wrong_codes")
            if locked
            else message("screen.staff_exit.wrong_code_try_again")
        )

    def retranslate(self) -> None:
        self.title.setText(message("screen.staff_exit.title"))
        self.hint.setText(message("screen.staff_exit.enter_the_staff_exit"))
        self.cancel.setText(message("screen.staff_exit.cancel"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FinishCard(OverlayCardContent):
    """ "Finish" asks once: a stray touch must not throw away a half-filled dossier."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("FinishCard", 28, parent)
        self.title = label("title", name="finish_title", align=Qt.AlignmentFlag.AlignCenter)
        self.explain = label("lead", name="finish_explain", align=Qt.AlignmentFlag.AlignCenter)
        self.yes = _answer("finish_yes")
        # "Continue" is the big, first answer: a stray touch keeps the citizen's work.
        self.no = _answer("finish_no", "start")
        self.yes.clicked.connect(self.confirmed)
        self.no.clicked.connect(self.cancelled)
        self.body.addWidget(self.title)
        self.body.addWidget(self.explain)
        self.answers.addWidget(self.no)
        self.answers.addWidget(self.yes)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(message("screen.finish.title"))
        self.explain.setText(message("screen.finish.everything_you_entered_on"))
        self.yes.setText(message("screen.finish.yes_finish_and_clear"))
        self.no.setText(message("screen.finish.no_continue"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
