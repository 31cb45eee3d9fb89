"""The technician's tools inside the staff menu (self-test, test page, ATR …)."""

from __future__ import annotations

from typing import Any

from kiosk.logs import get_logger
from ui.screens.base import label
from ui.staff.pages.base import StaffPage

log = get_logger(__name__)


class TechnicianPage(StaffPage):
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
