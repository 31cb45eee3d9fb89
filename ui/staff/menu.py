"""The staff menu, only for a signed-in staff member: outbox, reprint, device status, help
requests waiting here, end-of-day report (supervisor), exit to desktop (supervisor).

Every data source is injected through :class:`StaffServices` (plain callables and the offline
store), so the menu runs against the real stores in tests and screenshots. Slow calls (the
central, the printer) run through :class:`BackgroundCall`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.logs import get_logger
from kiosk.report import DayReport, channel_words, outcome_words
from kiosk.staff.audit import AuditSink
from kiosk.staff.session import StaffSession
from ui.runner import BackgroundCall
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
    export_dir: Path = field(default_factory=lambda: Path.home())
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def _table(name: str, columns: int) -> QTableWidget:
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


def _button(name: str, primary: bool = False) -> QPushButton:
    b = QPushButton()
    b.setObjectName(name)
    b.setMinimumHeight(96)
    if primary:
        b.setProperty("role", "primary")
    return b


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


class _Page(QWidget):
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


class OutboxPage(_Page):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_outbox")
        self.table = _table("staff_outbox_table", 6)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        row = QGridLayout()
        row.setSpacing(12)
        self.refresh_b = _button("staff_outbox_refresh")
        self.retry_b = _button("staff_outbox_retry", True)
        self.reasons_b = _button("staff_outbox_reasons")
        self.export_b = _button("staff_outbox_export")
        for i, b in enumerate((self.retry_b, self.reasons_b, self.export_b, self.refresh_b)):
            row.addWidget(b, i // 2, i % 2)
        self.lay.addLayout(row)
        self.refresh_b.clicked.connect(self.refresh)
        self.retry_b.clicked.connect(self.retry)
        self.reasons_b.clicked.connect(self.reasons)
        self.export_b.clicked.connect(self.export)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dossiers waiting to be sent"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Procedure"),
                self.tr("State"),
                self.tr("Age"),
                self.tr("Attempts"),
                self.tr("Last error"),
            ]
        )
        self.refresh_b.setText(self.tr("Refresh"))
        self.retry_b.setText(self.tr("Retry now"))
        self.reasons_b.setText(self.tr("Why refused?"))
        self.export_b.setText(self.tr("Export for carrying by hand"))

    def refresh(self) -> None:
        store = self.services.store
        if store is None:
            self.note.setText(self.tr("The offline store is not available."))
            return
        now = self.services.now()
        entries = store.outbox.list(limit=200)
        states = {
            "queued": self.tr("Waiting"),
            "sending": self.tr("Sending"),
            "accepted": self.tr("Accepted"),
            "rejected": self.tr("Refused"),
            "needs-staff": self.tr("Needs staff"),
        }
        rows = [
            [
                e.tracking_code or e.id[:8],
                e.procedure_code,
                states.get(str(e.state), str(e.state)),
                self.age((now - e.created_at).total_seconds()),
                str(e.attempts),
                e.last_error or "",
            ]
            for e in entries
        ]
        _fill(self.table, rows, [e.id for e in entries])
        st = store.outbox.status()
        self.note.setText(self.tr("%1 waiting to be sent.").replace("%1", str(st.pending)))

    def _selected(self) -> str | None:
        items = self.table.selectedItems()
        if not items:
            self.note.setText(self.tr("Choose a dossier in the list first."))
            return None
        first = self.table.item(items[0].row(), 0)
        return str(first.data(Qt.ItemDataRole.UserRole))

    def retry(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        try:
            self.services.store.outbox.retry(entry, actor=self.actor())
        except Exception as e:  # noqa: BLE001 - shown to staff in words, logged by type
            log.warning("staff_outbox_retry_failed", entry=entry, error_type=type(e).__name__)
            self.note.setText(self.tr("This dossier cannot be retried now."))
            return
        self.refresh()
        self.note.setText(self.tr("The dossier will be sent again at once."))

    def reasons(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        e = self.services.store.outbox.get(entry)
        if not e.reasons:
            self.note.setText(self.tr("The central gave no reasons for this dossier."))
        else:
            self.note.setText(self.tr("Reasons: %1").replace("%1", "; ".join(e.reasons)))

    def export(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        try:
            path = self.services.store.outbox.export(entry, self.services.export_dir, actor=self.actor())
        except Exception as e:  # noqa: BLE001 - shown to staff in words, logged by type
            log.warning("staff_outbox_export_failed", entry=entry, error_type=type(e).__name__)
            self.note.setText(self.tr("The dossier could not be exported."))
            return
        self.note.setText(self.tr("Exported to %1").replace("%1", str(path)))


class ReprintPage(_Page):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_reprint")
        self.table = _table("staff_reprint_table", 3)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        self.reprint_b = _button("staff_reprint_button", True)
        self.reprint_b.clicked.connect(self.reprint)
        self.lay.addWidget(self.reprint_b)
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(self._printed)
        self.call.failed.connect(self._failed)
        self._waiting_for: str | None = None
        self.printer = self.services.printer() if callable(self.services.printer) else self.services.printer
        if self.printer is not None:
            self.printer.jobDone.connect(self._job_done)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reprint a receipt"))
        self.table.setHorizontalHeaderLabels([self.tr("Receipt"), self.tr("Printed at"), self.tr("Reprints")])
        self.reprint_b.setText(self.tr("Reprint (marked as a copy)"))

    def _printed_jobs(self) -> list[Any] | None:
        if self.printer is not None and self.services.jobs_folder is not None:
            return [j for j in read_jobs(self.services.jobs_folder) if j.state == "printed"]
        if self.services.print_jobs is not None:
            return list(self.services.print_jobs.jobs("printed"))
        return None

    def refresh(self) -> None:
        jobs = self._printed_jobs()
        if jobs is None:
            self.note.setText(self.tr("No printer is set up."))
            return
        printed = [j for j in jobs if j.kind == "receipt"][-50:][::-1]
        _fill(
            self.table,
            [
                [j.label or j.job_id, (j.printed_at or "")[:16].replace("T", " "), str(j.reprints)]
                for j in printed
            ],
            [j.job_id for j in printed],
        )

    def reprint(self) -> None:
        items = self.table.selectedItems()
        if not items:
            self.note.setText(self.tr("Choose a receipt in the list first."))
            return
        job_id = str(self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        self.services.audit.append(self.actor(), "staff.reprint", {"job": job_id})
        self.note.setText(self.tr("Printing…"))
        if self.printer is not None:
            self._waiting_for = job_id
            self.printer.reprint(job_id)  # its worker prints; jobDone comes back queued
        else:
            self.call.start(lambda: self.services.print_jobs.reprint(job_id), name="staff-reprint")

    def _job_done(self, result: Any) -> None:
        job = getattr(result, "job", None)
        if self._waiting_for is not None and getattr(job, "job_id", None) == self._waiting_for:
            self._waiting_for = None
            self._printed(result)

    def _printed(self, result: Any) -> None:
        if getattr(result, "printed", False):
            self.note.setText(self.tr("Reprinted. The copy says REPRINT."))
        else:
            self.note.setText(self.tr("Not printed: %1").replace("%1", str(getattr(result, "code", ""))))
        self.refresh()

    def _failed(self, exc: object) -> None:
        log.warning("staff_reprint_failed", error_type=type(exc).__name__)
        self.note.setText(self.tr("The printer did not print. Check paper and cover."))


def read_jobs(folder: Path) -> list[Any]:
    """The print jobs' records (``job.json``, no personal data) from their folder, oldest first."""
    import json

    from devices.printer.jobs import JobInfo

    out = []
    for d in sorted(folder.iterdir()) if folder.exists() else []:
        try:
            out.append(JobInfo(**json.loads((d / "job.json").read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return sorted(out, key=lambda j: j.created_at)


class DevicesPage(_Page):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_devices")
        self.table = _table("staff_devices_table", 3)
        self.lay.addWidget(self.table, 1)
        self.refresh_b = _button("staff_devices_refresh")
        self.refresh_b.clicked.connect(self.refresh)
        self.lay.addWidget(self.refresh_b)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Device status"))
        self.table.setHorizontalHeaderLabels([self.tr("Device"), self.tr("State"), self.tr("Details")])
        self.refresh_b.setText(self.tr("Check again"))

    def refresh(self) -> None:
        names = {
            "card_reader": self.tr("ID card reader"),
            "printer": self.tr("Receipt printer"),
            "scanner": self.tr("QR scanner"),
            "camera": self.tr("Document camera"),
            "network": self.tr("Network"),
            "central": self.tr("Central system"),
            "outbox": self.tr("Oldest dossier waiting"),
        }
        states = {
            "ok": self.tr("Working"),
            "warn": self.tr("Needs attention"),
            "fail": self.tr("Not working"),
            "absent": self.tr("Not connected"),
            "down": self.tr("Not working"),
            "connecting": self.tr("Connecting"),
            "unknown": self.tr("Unknown"),
            "demo": self.tr("Demo"),
        }
        rows: list[list[str]] = []
        for d in self.services.device_health() if self.services.device_health else []:
            detail = d.detail
            if d.kind == "printer" and d.figures.get("paper_end"):
                detail = self.tr("Out of paper") + (f" · {detail}" if detail else "")
            elif d.kind == "printer" and d.figures.get("paper_near_end"):
                detail = self.tr("Paper near end") + (f" · {detail}" if detail else "")
            rows.append([names.get(d.kind, d.kind), states.get(d.state, d.state), detail])
        for kind, (state, detail) in (
            self.services.connectivity() if self.services.connectivity else {}
        ).items():
            rows.append([names.get(kind, kind), states.get(state, state), detail])
        store = self.services.store
        if store is not None:
            st = store.outbox.status()
            age = self.age(st.oldest_pending_age_s) if st.oldest_pending_age_s is not None else "—"
            rows.append([names["outbox"], age, self.tr("%1 waiting").replace("%1", str(st.pending))])
        _fill(self.table, rows)


class HelpRequestsPage(_Page):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_help")
        self.table = _table("staff_help_table", 2)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        self.refresh_b = _button("staff_help_refresh")
        self.refresh_b.clicked.connect(self.refresh)
        self.lay.addWidget(self.refresh_b)
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(self._show)
        self.call.failed.connect(self._failed)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Help requests waiting at this kiosk"))
        self.table.setHorizontalHeaderLabels([self.tr("Asked at"), self.tr("Screen")])
        self.refresh_b.setText(self.tr("Refresh"))

    def refresh(self) -> None:
        if self.services.help_requests is None:
            self.note.setText(self.tr("The central system is not configured."))
            return
        self.note.setText(self.tr("Asking the central system…"))
        self.call.start(self.services.help_requests, name="staff-help-requests")

    def _show(self, items: Any) -> None:
        _fill(self.table, [[h.created_at.astimezone().strftime("%H:%M"), h.screen] for h in items])
        self.note.setText(
            self.tr("Nobody is waiting.")
            if not items
            else self.tr("%1 waiting.").replace("%1", str(len(items)))
        )

    def _failed(self, exc: object) -> None:
        log.info("staff_help_requests_failed", error_type=type(exc).__name__)
        self.note.setText(self.tr("The central system cannot be reached now."))


class ReportPage(_Page):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_report")
        self.table = _table("staff_report_table", 2)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        row = QHBoxLayout()
        self.pdf_b = _button("staff_report_pdf")
        self.print_b = _button("staff_report_print", True)
        row.addWidget(self.pdf_b)
        row.addWidget(self.print_b)
        self.lay.addLayout(row)
        self.pdf_b.clicked.connect(self.save_pdf)
        self.print_b.clicked.connect(self.print_report)
        self.report: DayReport | None = None
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(lambda r: self.note.setText(self.tr("Printed.")))
        self.call.failed.connect(lambda e: self.note.setText(self.tr("The printer did not print.")))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("End-of-day report"))
        self.table.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.pdf_b.setText(self.tr("Save as PDF"))
        self.print_b.setText(self.tr("Print"))
        if self.report is not None:
            self._show(self.report)

    def refresh(self) -> None:
        if self.services.day_report is None:
            return
        self.report = self.services.day_report(self.services.now().astimezone().date())
        self._show(self.report)

    def _show(self, r: DayReport) -> None:
        lang = self.lang()
        rows = [[self.tr("Date"), r.day.isoformat()], [self.tr("Dossiers"), str(r.dossiers)]]
        rows += [[f"  {channel_words(k, lang)}", str(v)] for k, v in r.by_channel.items()]
        rows += [[f"  {outcome_words(k, lang)}", str(v)] for k, v in r.by_outcome.items()]
        rows += [[f"  {code}", str(sum(p["outcome"].values()))] for code, p in r.by_procedure.items()]
        avg = f"{r.rating_average:.1f} / 5" if r.rating_average is not None else "—"
        answered = self.tr("answered: %1").replace("%1", str(r.help_requests_answered))
        reprints = self.tr("%1 reprints").replace("%1", str(r.reprints))
        rows += [
            [self.tr("Help requests"), f"{r.help_requests} ({answered})"],
            [self.tr("Ratings"), f"{r.ratings} · {avg}"],
            [self.tr("Receipts printed"), f"{r.receipts} (+{reprints})"],
            [self.tr("Paper used"), f"{r.paper_mm / 1000:.2f} m"],
        ]
        _fill(self.table, rows)

    def report_text(self) -> str:
        return self.report.as_text(self.lang()) if self.report else ""

    def save_pdf(self) -> Path | None:
        if self.report is None:
            return None
        from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

        out = self.services.export_dir / f"report-{self.report.day.isoformat()}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        writer = QPdfWriter(str(out))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(f"{self.tr('End-of-day report')} {self.report.day.isoformat()}")
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setPlainText(self.report_text())
        doc.print_(writer)
        self.services.audit.append(self.actor(), "staff.report_pdf", {"day": self.report.day.isoformat()})
        self.note.setText(self.tr("Saved to %1").replace("%1", str(out)))
        return out

    def print_report(self) -> None:
        jobs = self.services.print_jobs
        printer = self.services.printer() if callable(self.services.printer) else self.services.printer
        if self.report is not None and printer is not None:
            from kiosk.receipt import InfoSlip

            day = self.report.day.isoformat()
            lines = self.report_text().splitlines()
            slip = InfoSlip(title=lines[0], sections=(("", "\n".join(lines[1:])),))
            self.services.audit.append(self.actor(), "staff.report_print", {"day": day})
            printer.print_slip(slip, f"report-{day}-{self.services.now().strftime('%H%M%S')}")
            self.note.setText(self.tr("Printing…"))
            return
        if self.report is None or jobs is None:
            self.note.setText(self.tr("No printer is set up."))
            return
        from kiosk.staff.card import report_image

        img = report_image(self.report_text())
        job_id = f"report-{self.report.day.isoformat()}-{self.services.now().strftime('%H%M%S')}"
        self.services.audit.append(self.actor(), "staff.report_print", {"day": self.report.day.isoformat()})
        self.note.setText(self.tr("Printing…"))
        self.call.start(
            lambda: jobs.submit(job_id, img, kind="slip", label=job_id), name="staff-report-print"
        )


MENU_STYLE = """
#StaffMenu QPushButton { font-size: 27px; padding: 6px 14px; min-height: 96px; }
#StaffMenu QTableWidget { min-height: 520px; }
"""


class TechnicianPage(_Page):
    """The technician's tools (ui/technician), inside the staff menu for the technician role."""

    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        from ui.technician.screen import TechnicianScreen

        self.tools: TechnicianScreen | None = None
        if self.services.technician is not None:
            self.tools = TechnicianScreen(self.services.technician(), self.staff, self.lang)
            self.lay.addWidget(self.tools, 1)
        else:
            self.unavailable = label("body", name="staff_technician_unavailable")
            self.lay.addWidget(self.unavailable)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Technician tools"))
        self.note.setText("")
        if self.tools is None:
            self.unavailable.setText(self.tr("Technician tools are not available on this kiosk."))


PAGES: list[tuple[str, str, type[_Page]]] = [
    ("outbox", "outbox", OutboxPage),
    ("reprint", "reprint", ReprintPage),
    ("devices", "devices", DevicesPage),
    ("help_requests", "help", HelpRequestsPage),
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
        self.close_b = _button("staff_menu_close", True)
        self.close_b.clicked.connect(self.closed)
        head.addWidget(self.close_b)
        lay.addLayout(head)
        nav = QGridLayout()
        nav.setSpacing(12)
        self.stack = QStackedWidget()
        self.pages: dict[str, _Page] = {}
        self.nav_buttons: dict[str, QPushButton] = {}
        for permission, key, cls in PAGES:
            if not staff.can(permission):
                continue
            page = cls(services, staff, lang)
            self.pages[key] = page
            self.stack.addWidget(page)
            b = _button(f"staff_menu_{key}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, k=key: self.show_page(k))
            n = len(self.nav_buttons)
            self.nav_buttons[key] = b
            nav.addWidget(b, n // 2, n % 2)
        self.exit_b = _button("staff_menu_exit")
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
