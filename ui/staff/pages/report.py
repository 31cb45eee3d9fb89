"""The end-of-day report page (supervisor): on screen, as PDF, printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout

from kiosk.logs import get_logger
from kiosk.report import DayReport, channel_words, outcome_words
from ui.runner import BackgroundCall
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class ReportPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_report")
        self.table = table("staff_report_table", 2)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        row = QHBoxLayout()
        self.pdf_b = button("staff_report_pdf")
        self.print_b = button("staff_report_print", True)
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
        fill(self.table, rows)

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
