"""The officer-only panel: hidden for the citizen; skip needs a reason; each action is recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.staff.assist import StepAction
from kiosk.staff.session import StaffSession
from tests.kiosk.staff.recorder import RecordingAudit
from ui.overlay import OverlayLayer
from ui.staff.menu import StaffServices
from ui.staff.mode import StaffMode
from ui.staff.officer_actions import OfficerActions

pytestmark = pytest.mark.qt


@pytest.fixture
def mode(qtbot, rig):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    m = StaffMode(
        rig.auth, StaffServices(audit=RecordingAudit()), OverlayLayer(host), lambda: "en", timeout_s=90
    )
    yield m
    m.shutdown()


def officer() -> StaffSession:
    from datetime import UTC, datetime

    return StaffSession("CB1", "Lan", "officer", "DEMO", "c", "central", datetime.now(UTC))


def click(qtbot, panel, name):
    qtbot.mouseClick(panel.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_panel_is_for_the_officer_only_and_records_each_action(qtbot, mode):
    panel = OfficerActions(mode)
    qtbot.addWidget(panel)
    panel.set_context("documents", can_skip=True, document_code="giay_chung_sinh", agency_code="BG-01")
    assert panel.isHidden()  # the citizen is in control
    mode._signed_in(officer())
    assert not panel.isHidden()
    # A skip without a reason is refused, in words
    click(qtbot, panel, "staff_actions_skip")
    assert not panel.error.isHidden() and mode.record().officer_steps == ()
    click(qtbot, panel, "staff_actions_preset_0")
    with qtbot.waitSignal(panel.skipped, timeout=1000) as skipped:
        click(qtbot, panel, "staff_actions_skip")
    assert skipped.args == ["documents", "Not needed in this case"]
    with qtbot.waitSignal(panel.seen_in_original, timeout=1000) as seen:
        click(qtbot, panel, "staff_actions_seen")
    assert seen.args == ["documents", "giay_chung_sinh"]
    panel.reason.setText("Tạm trú dài hạn tại Bắc Giang")
    with qtbot.waitSignal(panel.jurisdiction_overridden, timeout=1000) as over:
        click(qtbot, panel, "staff_actions_override")
    assert over.args == ["BG-01", "Tạm trú dài hạn tại Bắc Giang"]
    steps = mode.record().officer_steps
    assert [(s.action, s.detail) for s in steps] == [
        (StepAction.SKIPPED, ""),
        (StepAction.SEEN_IN_ORIGINAL, "giay_chung_sinh"),
        (StepAction.JURISDICTION_OVERRIDE, "BG-01"),
    ]
    mode.hand_back()
    assert panel.isHidden()


def test_only_what_the_step_allows_is_offered(qtbot, mode):
    panel = OfficerActions(mode)
    qtbot.addWidget(panel)
    mode._signed_in(officer())
    panel.set_context("form")
    for name in ("staff_actions_skip", "staff_actions_seen", "staff_actions_override"):
        assert panel.findChild(QPushButton, name).isHidden()
