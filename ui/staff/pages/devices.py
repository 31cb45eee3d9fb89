"""The device status page: every peripheral, the network and the central, as staff need them."""

from __future__ import annotations

from typing import Any

from kiosk.logs import get_logger
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class DevicesPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_devices")
        self.table = table("staff_devices_table", 3)
        self.lay.addWidget(self.table, 1)
        self.refresh_b = button("staff_devices_refresh")
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
        fill(self.table, rows)
