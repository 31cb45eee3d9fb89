"""Cards shown on the overlay: the timeout warning and the staff exit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import label
from ui.widgets.keyboard import VietKeyboard
from ui.widgets.words import message


class TimeoutCard(QWidget):
    more_time = Signal()
    finish_now = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TimeoutCard")
        lay = QVBoxLayout(self)
        lay.setSpacing(28)
        self.title = label("title", name="timeout_title", align=Qt.AlignmentFlag.AlignCenter)
        self.count = label("countdown", name="timeout_seconds", align=Qt.AlignmentFlag.AlignCenter)
        self.explain = label("lead", name="timeout_explain", align=Qt.AlignmentFlag.AlignCenter)
        self.more = QPushButton()
        self.more.setObjectName("more_time")
        self.more.setProperty("role", "start")
        self.end = QPushButton()
        self.end.setObjectName("finish_now")
        self.more.clicked.connect(self.more_time)
        self.end.clicked.connect(self.finish_now)
        for w in (self.title, self.count, self.explain, self.more, self.end):
            lay.addWidget(w)
        self._seconds = 0
        self.retranslate()

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


class StaffExitCard(QWidget):
    """Staff type the exit code on a numeric pad; nothing is shown of what they type."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StaffExitCard")
        lay = QVBoxLayout(self)
        lay.setSpacing(20)
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
        row = QHBoxLayout()
        self.cancel = QPushButton()
        self.cancel.setObjectName("exit_cancel")
        self.cancel.clicked.connect(self.cancelled)
        row.addStretch(1)
        row.addWidget(self.cancel)
        for w in (self.title, self.hint, self.code, self.pad):
            lay.addWidget(w)
        lay.addLayout(row)
        self.retranslate()

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


class FinishCard(QWidget):
    """ "Finish" asks once: a stray touch must not throw away a half-filled dossier."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FinishCard")
        lay = QVBoxLayout(self)
        lay.setSpacing(28)
        self.title = label("title", name="finish_title", align=Qt.AlignmentFlag.AlignCenter)
        self.explain = label("lead", name="finish_explain", align=Qt.AlignmentFlag.AlignCenter)
        self.yes = QPushButton()
        self.yes.setObjectName("finish_yes")
        # "Continue" is the big, first answer: a stray touch keeps the citizen's work.
        self.no = QPushButton()
        self.no.setObjectName("finish_no")
        self.no.setProperty("role", "start")
        self.yes.clicked.connect(self.confirmed)
        self.no.clicked.connect(self.cancelled)
        for w in (self.title, self.explain, self.no, self.yes):
            lay.addWidget(w)
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
