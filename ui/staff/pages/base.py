"""What every staff menu page shares: the injected services, the page frame, tables and buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.logs import get_logger
from kiosk.report import DayReport
from kiosk.staff.audit import AuditSink
from kiosk.staff.session import StaffSession
from ui.screens.base import label

log = get_logger(__name__)


@dataclass
class StaffServices:
    audit: AuditSink
    store: Any = None  # offline_cache.store.Store: outbox list/retry/export/status
    print_jobs: Any = None  # devices.printer.jobs.PrintJobs, used from this menu's own worker
    # ui.devices.printer.PrinterController (the running kiosk's: its worker owns the printer) and
    # the jobs folder it prints from; preferred over print_jobs when set
    printer: Any = None  # or a zero-argument callable returning it (built on first use)
    jobs_folder: Path | None = None
    device_health: Callable[[], list[Any]] | None = None  # devices.registry.list_devices bound to settings
    connectivity: Callable[[], dict[str, tuple[str, str]]] | None = None  # {"network": (state, detail), …}
    help_requests: Callable[[], list[Any]] | None = None  # StaffCentralClient.help_requests bound to kiosk ID
    day_report: Callable[[date], DayReport] | None = None
    # ui.technician.services.TechnicianServices for the technician's tools (self-test, test page, ATR…)
    technician: Callable[[], Any] | None = None
    # Opens a procedure for the citizen at the counter (resuming a draft: their card brings it back)
    start_procedure: Callable[[str], None] | None = None
    export_dir: Path = field(default_factory=lambda: Path.home())
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def table(name: str, columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setObjectName(name)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(72)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.setStyleSheet("font-size: 26px;")
    return t


def button(name: str, primary: bool = False) -> QPushButton:
    b = QPushButton()
    b.setObjectName(name)
    b.setMinimumHeight(96)
    if primary:
        b.setProperty("role", "primary")
    return b


def fill(table: QTableWidget, rows: list[list[str]], keys: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


class StaffPage(QWidget):
    def __init__(self, services: StaffServices, staff: StaffSession, lang: Callable[[], str]) -> None:
        super().__init__()
        self.services = services
        self.staff = staff
        self.lang = lang
        self.lay = QVBoxLayout(self)
        self.lay.setSpacing(18)
        self.title = label("title")
        self.lay.addWidget(self.title)
        self.note = label("body")
        self.note.setObjectName(f"{type(self).__name__}_note")

    def refresh(self) -> None:
        pass

    def age(self, seconds: float) -> str:
        minutes = int(seconds // 60)
        if minutes < 60:
            return self.tr("%1 min").replace("%1", str(minutes))
        return self.tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", str(minutes % 60))

    def actor(self) -> str:
        return f"staff:{self.staff.staff_id}"
