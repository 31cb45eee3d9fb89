"""The running kiosk's side: the heartbeat loop posts to the central, and a signed
out-of-service command puts the calm cover up (and back in service takes it down)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from central.enrollment import issue_code
from central.fleet import issue_command
from kiosk.config import KioskConfig
from kiosk.provision import fetch_and_apply
from provisioning.audit import FileAudit
from provisioning.enroll import enroll
from tests.peers.people import session_as
from tests.peers.sandbox import running_sandbox
from ui.technician.attach import attach_provisioning

pytestmark = pytest.mark.qt


class Window(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.config = KioskConfig()
        self.resize(1080, 1920)


def test_out_of_service_cover_follows_the_central(qtbot, tmp_path: Path, isolated_kiosk_env: Path):
    with running_sandbox(tmp_path / "central") as central:
        e = enroll(isolated_kiosk_env, central.url, issue_code(central.state.db, "DEMO").code,
                   audit=FileAudit.under(isolated_kiosk_env))  # fmt: skip
        fetch_and_apply(isolated_kiosk_env, None)
        issue_command(central.state, e.kiosk_id, "out_of_service", at=time.time())
        window = Window()
        qtbot.addWidget(window)
        window.show()
        att = attach_provisioning(window)
        try:
            qtbot.waitUntil(lambda: att.cover.isVisible(), timeout=15000)
            assert "vui lòng đến quầy" in att.cover.vi.text() or "đến quầy" in att.cover.vi.text()
            assert "Please go to the counter" in att.cover.en.text()
            assert att.cover.geometry() == window.rect()

            def fleet_state() -> str:
                technician = session_as(central, "technician")
                return technician.get(central.url + "fleet.json", timeout=5).json()["kiosks"][0]["state"]

            # The result reaches the central right after the command ran
            qtbot.waitUntil(lambda: fleet_state() == "out_of_service", timeout=15000)
            issue_command(central.state, e.kiosk_id, "in_service", at=time.time())
            att.beat_now()
            qtbot.waitUntil(lambda: not att.cover.isVisible(), timeout=15000)
            assert att.errors == []
        finally:
            att.shutdown()
            window.hide()


def test_not_enrolled_no_heartbeat(qtbot, isolated_kiosk_env: Path):
    window = Window()
    qtbot.addWidget(window)
    att = attach_provisioning(window)
    assert att.loop is None and not att.cover.isVisible()
    att.shutdown()
