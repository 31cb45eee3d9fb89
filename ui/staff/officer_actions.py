"""What only an officer in control may do on a citizen screen, as a panel the wizard's screens
embed: skip a step the procedure's rules allow, accept a document "seen in original at the
counter", and choose the competent agency against the jurisdiction answer. Each needs a reason
where the record demands one; each is recorded on the assisted record (and audited) by
:class:`kiosk.staff.assist.AssistTracker`, then announced by a signal for the screen to act on.

    panel = OfficerActions(shell.staff_mode)
    panel.set_context("documents", can_skip=False, document_code="giay_chung_sinh")
    panel.seen_in_original.connect(self.mark_seen)      # (step, document_code)

Hidden while the citizen is in control.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.staff.assist import StepAction
from ui.screens.base import label


class OfficerActions(QFrame):
    skipped = Signal(str, str)  # step, reason
    seen_in_original = Signal(str, str)  # step, document code
    jurisdiction_overridden = Signal(str, str)  # agency code, reason

    def __init__(self, mode: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StaffOfficerActions")
        self.mode = mode
        self.step = ""
        self.can_skip = False
        self.document_code: str | None = None
        self.agency_code: str | None = None
        lay = QVBoxLayout(self)
        lay.setSpacing(12)
        self.title = label("lead", name="staff_actions_title")
        lay.addWidget(self.title)
        self.reason = QLineEdit()
        self.reason.setObjectName("staff_actions_reason")
        self.reason.setMinimumHeight(90)
        self.reason.setMaxLength(200)
        lay.addWidget(self.reason)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.presets: list[QPushButton] = []
        for i in range(2):
            b = QPushButton()
            b.setObjectName(f"staff_actions_preset_{i}")
            b.setMinimumHeight(96)
            b.clicked.connect(lambda _=False, b=b: self.reason.setText(b.text()))
            self.presets.append(b)
            grid.addWidget(b, 0, i)
        self.skip_b = self._button("staff_actions_skip")
        self.skip_b.clicked.connect(self._skip)
        self.seen_b = self._button("staff_actions_seen")
        self.seen_b.clicked.connect(self._seen)
        self.override_b = self._button("staff_actions_override")
        self.override_b.clicked.connect(self._override)
        grid.addWidget(self.skip_b, 1, 0)
        grid.addWidget(self.seen_b, 1, 1)
        grid.addWidget(self.override_b, 2, 0, 1, 2)
        lay.addLayout(grid)
        self.error = label("body", name="staff_actions_error")
        self.error.hide()
        lay.addWidget(self.error)
        mode.control_changed.connect(lambda _staff: self._update())
        self.retranslate()
        self._update()

    def _button(self, name: str) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.setMinimumHeight(96)
        return b

    def set_context(
        self,
        step: str,
        *,
        can_skip: bool = False,
        document_code: str | None = None,
        agency_code: str | None = None,
    ) -> None:
        """What the current step allows: skipping (by the procedure's rules), a document that may
        be seen in original, an agency the officer may choose instead of the resolver's."""
        self.step, self.can_skip, self.document_code, self.agency_code = (
            step,
            can_skip,
            document_code,
            agency_code,
        )
        self.reason.clear()
        self.error.hide()
        self._update()

    def _update(self) -> None:
        self.setVisible(self.mode.staff is not None and bool(self.step))
        self.skip_b.setVisible(self.can_skip)
        self.seen_b.setVisible(self.document_code is not None)
        self.override_b.setVisible(self.agency_code is not None)

    def _record(self, action: StepAction, detail: str = "") -> bool:
        try:
            self.mode.tracker.step(self.step, action, reason=self.reason.text(), detail=detail)
        except KioskError as e:
            self.error.setText(e.user_text(self.mode.lang()))
            self.error.show()
            return False
        self.mode.activity()
        self.error.hide()
        return True

    def _skip(self) -> None:
        reason = self.reason.text().strip()
        if self._record(StepAction.SKIPPED):
            self.skipped.emit(self.step, reason)

    def _seen(self) -> None:
        if self.document_code and self._record(StepAction.SEEN_IN_ORIGINAL, self.document_code):
            self.seen_in_original.emit(self.step, self.document_code)

    def _override(self) -> None:
        reason = self.reason.text().strip()
        if self.agency_code and self._record(StepAction.JURISDICTION_OVERRIDE, self.agency_code):
            self.jurisdiction_overridden.emit(self.agency_code, reason)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Officer only"))
        self.reason.setPlaceholderText(self.tr("Reason (needed to skip or to choose another agency)"))
        self.presets[0].setText(self.tr("Not needed in this case"))
        self.presets[1].setText(self.tr("Checked by the officer in person"))
        self.skip_b.setText(self.tr("Skip this step"))
        self.seen_b.setText(self.tr("Seen in original at the counter"))
        self.override_b.setText(self.tr("File with this agency instead"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
