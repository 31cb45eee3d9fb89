"""Help requests waiting at this kiosk (from the central)."""

from __future__ import annotations

from typing import Any

from kiosk.logs import get_logger
from ui.runner import BackgroundCall
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class HelpRequestsPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_help")
        self.table = table("staff_help_table", 2)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        self.refresh_b = button("staff_help_refresh")
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
        fill(self.table, [[h.created_at.astimezone().strftime("%H:%M"), h.screen] for h in items])
        self.note.setText(
            self.tr("Nobody is waiting.")
            if not items
            else self.tr("%1 waiting.").replace("%1", str(len(items)))
        )

    def _failed(self, exc: object) -> None:
        log.info("staff_help_requests_failed", error_type=type(exc).__name__)
        self.note.setText(self.tr("The central system cannot be reached now."))
