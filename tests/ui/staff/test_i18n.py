"""Every staff string has a Vietnamese translation that reaches the widgets at run time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.staff.session import StaffSession
from tests.conftest import repo_root
from tests.kiosk.staff.recorder import RecordingAudit
from ui.i18n.build import build
from ui.staff.banner import ControlBanner
from ui.staff.menu import StaffMenu, StaffServices
from ui.staff.pin_pad import PinPad

pytestmark = pytest.mark.qt
TS = repo_root() / "ui" / "i18n" / "vi" / "staff.ts"


def test_ts_has_a_translation_for_every_source():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    empty = [m.find("source").text for m in messages if not (m.find("translation").text or "").strip()]
    assert empty == []


@pytest.fixture
def vietnamese(qapp):
    build()
    tr = QTranslator()
    assert tr.load(str(repo_root() / "ui" / "i18n" / "kiosk_vi.qm"))
    QCoreApplication.installTranslator(tr)
    yield
    QCoreApplication.removeTranslator(tr)


def test_widgets_speak_vietnamese(qtbot, vietnamese):
    banner = ControlBanner()
    qtbot.addWidget(banner)
    assert banner.who.text() == "Ông/bà đang thao tác" and banner.help.text() == "Cán bộ hỗ trợ"
    banner.set_staff(StaffSession("CB1", "Lan", "officer", "DEMO", "c", "central", datetime.now(UTC)))
    assert banner.who.text() == "Cán bộ Lan (CB1) đang thao tác"
    pad = PinPad()
    qtbot.addWidget(pad)
    assert pad.ok.text() == "Xác nhận"
    staff = StaffSession("GS1", "Minh", "supervisor", "DEMO", "c", "central", datetime.now(UTC))
    menu = StaffMenu(StaffServices(audit=RecordingAudit()), staff, lambda: "vi")
    qtbot.addWidget(menu)
    assert menu.nav_buttons["outbox"].text() == "Hồ sơ chờ gửi"
    assert menu.pages["outbox"].age(125 * 60) == "2 giờ 5 phút"
    assert menu.pages["devices"].age(5 * 60) == "5 phút"
