"""The outbox page: dossiers waiting to be sent, retry, reasons, export for the hand-over."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout

from kiosk.logs import get_logger
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class OutboxPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_outbox")
        self.table = table("staff_outbox_table", 6)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        row = QGridLayout()
        row.setSpacing(12)
        self.refresh_b = button("staff_outbox_refresh")
        self.retry_b = button("staff_outbox_retry", True)
        self.reasons_b = button("staff_outbox_reasons")
        self.export_b = button("staff_outbox_export")
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
        fill(self.table, rows, [e.id for e in entries])
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
