"""The staff menu, only for a signed-in staff member: outbox, reprint, device status, help
requests waiting here, end-of-day report (supervisor), exit to desktop (supervisor).

Every data source is injected through :class:`StaffServices` (plain callables and the offline
store), so the menu runs against the real stores in tests and screenshots. Slow calls (the
central, the printer) run through :class:`ui.runner.BackgroundCall`. Each page is a module of
:mod:`ui.staff.pages`; this module only assembles them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.logs import get_logger
from kiosk.staff.session import StaffSession
from ui.screens.base import label
from ui.staff.pages.base import StaffPage, StaffServices, button
from ui.staff.pages.devices import DevicesPage
from ui.staff.pages.drafts import DraftsPage
from ui.staff.pages.help_requests import HelpRequestsPage
from ui.staff.pages.outbox import OutboxPage
from ui.staff.pages.report import ReportPage
from ui.staff.pages.reprint import ReprintPage
from ui.staff.pages.technician import TechnicianPage

log = get_logger(__name__)


MENU_STYLE = """
#StaffMenu QPushButton { font-size: 27px; padding: 6px 14px; min-height: 96px; }
#StaffMenu QTableWidget { min-height: 520px; }
"""

PAGES: list[tuple[str, str, type[StaffPage]]] = [
    ("outbox", "outbox", OutboxPage),
    ("reprint", "reprint", ReprintPage),
    ("devices", "devices", DevicesPage),
    ("help_requests", "help", HelpRequestsPage),
    ("assist", "drafts", DraftsPage),
    ("report", "report", ReportPage),
    ("provision", "technician", TechnicianPage),
]


class StaffMenu(QWidget):
    closed = Signal()
    exit_to_desktop = Signal()

    def __init__(
        self,
        services: StaffServices,
        staff: StaffSession,
        lang: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StaffMenu")
        self.staff = staff
        lay = QVBoxLayout(self)
        lay.setSpacing(16)
        head = QHBoxLayout()
        self.who = label("muted", name="staff_menu_who")
        head.addWidget(self.who, 1)
        self.close_b = button("staff_menu_close", True)
        self.close_b.clicked.connect(self.closed)
        head.addWidget(self.close_b)
        lay.addLayout(head)
        nav = QGridLayout()
        nav.setSpacing(12)
        self.stack = QStackedWidget()
        self.pages: dict[str, StaffPage] = {}
        self.nav_buttons: dict[str, QPushButton] = {}
        for permission, key, cls in PAGES:
            if not staff.can(permission):
                continue
            page = cls(services, staff, lang)
            self.pages[key] = page
            self.stack.addWidget(page)
            b = button(f"staff_menu_{key}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, k=key: self.show_page(k))
            n = len(self.nav_buttons)
            self.nav_buttons[key] = b
            nav.addWidget(b, n // 2, n % 2)
        self.exit_b = button("staff_menu_exit")
        self.exit_b.setVisible(staff.can("exit_to_desktop"))
        self.exit_b.clicked.connect(self.exit_to_desktop)
        n = len(self.nav_buttons)
        nav.addWidget(self.exit_b, n // 2, n % 2)
        lay.addLayout(nav)
        lay.addWidget(self.stack, 1)
        self.setStyleSheet(MENU_STYLE)
        self.retranslate()
        if self.pages:
            self.show_page(next(iter(self.pages)))

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        for k, b in self.nav_buttons.items():
            b.setChecked(k == key)
        page.refresh()

    @property
    def current_key(self) -> str:
        for k, p in self.pages.items():
            if p is self.stack.currentWidget():
                return k
        return ""

    def wait(self) -> None:
        for p in self.pages.values():
            call = getattr(p, "call", None)
            if call is not None:
                call.wait()

    def retranslate(self) -> None:
        self.who.setText(
            self.tr("Signed in: %1 (%2)").replace("%1", self.staff.name).replace("%2", self.staff.staff_id)
        )
        words = {
            "outbox": self.tr("Outbox"),
            "reprint": self.tr("Reprint receipt"),
            "devices": self.tr("Device status"),
            "help": self.tr("Help requests"),
            "drafts": self.tr("Unfinished dossiers"),
            "report": self.tr("End-of-day report"),
            "technician": self.tr("Technician tools"),
        }
        for k, b in self.nav_buttons.items():
            b.setText(words[k])
        self.exit_b.setText(self.tr("Exit to desktop"))
        self.close_b.setText(self.tr("Back to the citizen"))
        for p in self.pages.values():
            p.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
