"""The reprint page: receipts printed today, printed again (marked as a reprint)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.logs import get_logger
from ui.runner import BackgroundCall
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class ReprintPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_reprint")
        self.table = table("staff_reprint_table", 3)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        self.reprint_b = button("staff_reprint_button", True)
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
        fill(
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
