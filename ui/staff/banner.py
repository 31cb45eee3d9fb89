"""The "who is in control" banner: always says who is driving the session.

Citizen in control: a calm line and the "Staff help" button that opens the sign-in overlay.
Officer in control: the officer's name and ID on a strong colour, time left before the staff
session ends, and "Hand back", "Finish for the citizen", "Staff menu".
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.staff.session import StaffSession
from ui.screens.base import label


class ControlBanner(QFrame):
    staff_help = Signal()
    hand_back = Signal()
    finish_for_citizen = Signal()
    open_menu = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StaffControlBanner")
        self.setProperty("controller", "citizen")
        self._staff: StaffSession | None = None
        self._seconds = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 10, 24, 10)
        outer.setSpacing(8)
        top = QHBoxLayout()
        self.who = label("body", name="staff_banner_who")
        self.left = label("body", name="staff_banner_time")
        top.addWidget(self.who, 1)
        top.addWidget(self.left)
        outer.addLayout(top)
        self.help = self._button("staff_banner_help")
        self.help.clicked.connect(self.staff_help)
        top.addWidget(self.help)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.back = self._button("staff_banner_hand_back")
        self.back.clicked.connect(self.hand_back)
        self.finish = self._button("staff_banner_finish")
        self.finish.clicked.connect(self.finish_for_citizen)
        self.menu = self._button("staff_banner_menu")
        self.menu.clicked.connect(self.open_menu)
        for b in (self.back, self.finish, self.menu):
            row.addWidget(b, 1)
        outer.addLayout(row)
        self.set_staff(None)

    def _button(self, name: str) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setMinimumHeight(96)
        return b

    @property
    def staff(self) -> StaffSession | None:
        return self._staff

    def set_staff(self, staff: StaffSession | None) -> None:
        self._staff = staff
        on = staff is not None
        self.setProperty("controller", "staff" if on else "citizen")
        self.help.setVisible(not on)
        for b in (self.back, self.finish, self.menu):
            b.setVisible(on)
        self.left.setVisible(on)
        self.style().unpolish(self)
        self.style().polish(self)
        self.retranslate()

    def set_seconds_left(self, seconds: int) -> None:
        self._seconds = seconds
        if self._staff is not None:
            self.left.setText(self.tr("%1 s left").replace("%1", str(seconds)))

    def retranslate(self) -> None:
        if self._staff is None:
            self.who.setText(self.tr("You are in control"))
        else:
            self.who.setText(
                self.tr("Officer %1 (%2) is in control")
                .replace("%1", self._staff.name)
                .replace("%2", self._staff.staff_id)
            )
        self.help.setText(self.tr("Staff help"))
        self.back.setText(self.tr("Hand back"))
        self.finish.setText(self.tr("Finish for the citizen"))
        self.menu.setText(self.tr("Staff menu"))
        self.set_seconds_left(self._seconds)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


STYLE = """
#StaffControlBanner[controller="citizen"] { background: #FFFFFF; border-top: 2px solid #B8C2D3; }
#StaffControlBanner[controller="staff"] { background: #0B4FA8; border-top: 4px solid #10182B; }
#StaffControlBanner[controller="staff"] QLabel { color: #FFFFFF; font-weight: bold; font-size: 30px; }
#StaffControlBanner QPushButton { font-size: 28px; min-height: 96px; padding: 6px 20px; }
QLabel#staff_signin_error { color: #B3141C; font-weight: bold; }
"""
