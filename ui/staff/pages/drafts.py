"""Unfinished dossiers kept on this kiosk (drafts after a power cut, a crash, a citizen who left):
listed without anything personal (procedure, step, how long ago), resumed with the citizen
present, or discarded. Resuming opens the procedure; the draft comes back only when that
citizen's own chip card is read (the kiosk offers it then), so staff never see its contents
here. Every discard and resume is audited."""

from __future__ import annotations

from typing import Any

from kiosk.logs import get_logger
from ui.staff.pages.base import StaffPage, button, fill, table

log = get_logger(__name__)


class DraftsPage(StaffPage):
    def __init__(self, *a: Any) -> None:
        super().__init__(*a)
        self.setObjectName("staff_page_drafts")
        self.table = table("staff_drafts_table", 3)
        self.lay.addWidget(self.table, 1)
        self.lay.addWidget(self.note)
        self.resume_b = button("staff_drafts_resume", True)
        self.resume_b.clicked.connect(self.resume)
        self.discard_b = button("staff_drafts_discard")
        self.discard_b.clicked.connect(self.discard)
        self.lay.addWidget(self.resume_b)
        self.lay.addWidget(self.discard_b)
        self._drafts: list[Any] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unfinished dossiers on this kiosk"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Procedure"), self.tr("Step reached"), self.tr("Last saved")]
        )
        self.resume_b.setText(self.tr("Resume with the citizen (their card opens it)"))
        self.discard_b.setText(self.tr("Discard"))

    def refresh(self) -> None:
        store = self.services.store
        if store is None:
            self.note.setText(self.tr("The kiosk's store is not open."))
            return
        now = self.services.now().timestamp()
        self._drafts = store.drafts.list_resumable()
        fill(
            self.table,
            [
                [d.procedure_code or "—", d.step, self.age(max(0.0, now - d.updated_at.timestamp()))]
                for d in self._drafts
            ],
            [d.session_id for d in self._drafts],
        )
        self.note.setText(
            self.tr("No unfinished dossier.")
            if not self._drafts
            else self.tr(
                "To continue, the citizen reads their own chip card; nothing of a draft is shown here."
            )
        )

    def _selected(self) -> Any | None:
        row = self.table.currentRow()
        return self._drafts[row] if 0 <= row < len(self._drafts) else None

    def resume(self) -> None:
        d = self._selected()
        if d is None or self.services.start_procedure is None:
            self.note.setText(self.tr("Choose a dossier first."))
            return
        self.services.audit.append(
            self.actor(), "staff.draft_resume", {"procedure": d.procedure_code, "step": d.step}
        )
        self.services.start_procedure(d.procedure_code or "")

    def discard(self) -> None:
        d = self._selected()
        if d is None:
            self.note.setText(self.tr("Choose a dossier first."))
            return
        self.services.store.drafts.wipe(d.session_id)
        self.services.audit.append(
            self.actor(), "staff.draft_discard", {"procedure": d.procedure_code, "step": d.step}
        )
        log.info("staff_draft_discarded", step=d.step)
        self.refresh()
