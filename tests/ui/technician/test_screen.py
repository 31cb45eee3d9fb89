"""The technician screen against real peers: an enrolled kiosk at the sandbox central, the TCP
9100 test printer, a video file as camera. Widgets are found by objectName."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from central.enrollment import issue_code
from kiosk.config import parse_config
from kiosk.provision import fetch_and_apply
from kiosk.staff.session import StaffSession
from provisioning.audit import FileAudit
from provisioning.enroll import enroll
from tests.peers.printer_server import PrinterServer
from tests.peers.sandbox import running_sandbox
from tests.provisioning.test_selftest import write_video
from ui.technician.screen import TechnicianScreen
from ui.technician.services import from_kiosk

pytestmark = pytest.mark.qt

TECH = StaffSession("KT0031", "Phạm Quốc Huy", "technician", "DEMO", "c", "central", datetime.now(UTC))
OFFICER = StaffSession("CB0142", "Nguyễn Thị Lan", "officer", "DEMO", "c", "central", datetime.now(UTC))


@pytest.fixture
def kiosk_env(tmp_path: Path, isolated_kiosk_env: Path):
    with running_sandbox(tmp_path / "central") as central, PrinterServer() as printer:
        code = issue_code(central.state.db, "DEMO").code
        e = enroll(isolated_kiosk_env, central.url, code, audit=FileAudit.under(isolated_kiosk_env))
        fetch_and_apply(isolated_kiosk_env, None)  # the central's version 1, as `kiosk provision enroll` does
        video = write_video(tmp_path / "camera.avi")
        cfg = parse_config({"devices": {"printer": printer.uri, "camera": video}})
        yield {
            "central": central,
            "printer": printer,
            "cfg": cfg,
            "data": isolated_kiosk_env,
            "kiosk_id": e.kiosk_id,
        }


def make_screen(qtbot, env, staff=TECH, lang="en"):
    audits: list[tuple[str, dict]] = []
    services = from_kiosk(env["cfg"], env["data"])
    real_audit = services.audit

    def audit(event: str, fields: dict) -> None:
        audits.append((event, fields))
        real_audit(event, fields)

    services.audit = audit
    screen = TechnicianScreen(services, staff, lambda: lang)
    qtbot.addWidget(screen)
    screen.resize(1080, 1920)
    return screen, audits


def finish(screen) -> None:
    screen.shutdown()
    screen.hide()


def test_enrollment_state_and_live_devices(qtbot, kiosk_env):
    screen, audits = make_screen(qtbot, kiosk_env)
    screen.show()
    try:
        qtbot.waitUntil(
            lambda: screen.findChild(object, "tech_enroll_kiosk_id").text() == kiosk_env["kiosk_id"],
            timeout=10000,
        )
        assert screen.findChild(object, "tech_enroll_key").text().startswith("SHA256:")
        assert "version 1" in screen.findChild(object, "tech_enroll_config").text()
        table = screen.findChild(object, "tech_devices_table")
        qtbot.waitUntil(lambda: table.rowCount() == 4, timeout=10000)
        printer_row = [r for r in range(4) if table.item(r, 0).text() == "Printer"][0]
        assert table.item(printer_row, 2).text() == "OK"
        assert screen.timer.isActive()  # live: probed again every few seconds while shown
        assert ("technician_screen_opened", {"staff_id": "KT0031"}) in audits
    finally:
        finish(screen)


def test_self_test_report_shows_a_printer_fault_and_what_to_do(qtbot, kiosk_env):
    kiosk_env["printer"].state.cover_open = True
    screen, _ = make_screen(qtbot, kiosk_env)
    screen.show()
    try:
        qtbot.mouseClick(screen.findChild(object, "tech_run_selftest"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: screen.report is not None, timeout=30000)
        table = screen.findChild(object, "tech_report_table")
        rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
        assert set(rows) == {
            "Card reader",
            "Printer",
            "Camera",
            "QR scanner",
            "Network and central",
            "Storage",
            "Outbox",
            "Key store",
            "Voice guidance",
            "Crashes",
            "Tray contrast",  # the kept tray check: never run with this camera
            "Tray in use",
        }
        assert table.item(rows["Crashes"], 1).text() == "Pass"  # this test's kiosk never crashed
        tray = rows["Tray contrast"]
        assert table.item(tray, 1).text() == "Warning" and "blank A4 sheet" in table.item(tray, 3).text()
        keys = rows["Key store"]  # the demo profile: files, said plainly
        assert table.item(keys, 1).text() == "Warning" and table.item(keys, 2).text() == "FILE"
        r = rows["Printer"]
        assert table.item(r, 1).text() == "Fail"
        assert "close the cover" in table.item(r, 3).text()
        cam = rows["Camera"]
        assert "fps" in table.item(cam, 2).text() and "focus" in table.item(cam, 2).text()
        assert table.item(rows["Network and central"], 1).text() == "Pass"
        assert screen.findChild(object, "tech_overall").text() == "Overall: Fail"
        assert screen.report["report_id"]  # sent to the central
    finally:
        finish(screen)


def test_print_test_page_reaches_the_printer(qtbot, kiosk_env):
    screen, audits = make_screen(qtbot, kiosk_env)
    screen.show()
    try:
        assert screen.run_checks(("printer",), True, "test_page")
        qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)
        printer = kiosk_env["printer"]
        assert sum(len(p.rows) for p in (printer.pages or [printer.current])) > 300
        assert screen.report["checks"][0]["figures"]["test_page_s"] > 0
        assert ("technician_action", {"action": "test_page", "staff_id": "KT0031"}) in audits
    finally:
        finish(screen)


def test_camera_preview_shows_the_focus_figure_and_stops_cleanly(qtbot, kiosk_env):
    screen, _ = make_screen(qtbot, kiosk_env)
    screen.show()
    try:
        button = screen.findChild(object, "tech_camera_preview")
        button.setChecked(True)
        qtbot.waitUntil(lambda: screen.focus is not None, timeout=10000)
        qtbot.waitUntil(lambda: screen.camera is not None and screen.camera.frames >= 3, timeout=10000)
        text = screen.findChild(object, "tech_camera_focus").text()
        assert text.startswith("Focus: ") and "(sharp)" in text
        assert screen.findChild(object, "tech_camera_image").pixmap() is not None
        assert button.text() == "Stop camera preview"
        button.setChecked(False)
        assert screen.camera is None and not screen.camera_box.isVisible()
    finally:
        finish(screen)


def test_a_non_technician_is_told_why_and_gets_no_controls(qtbot, kiosk_env):
    screen, audits = make_screen(qtbot, kiosk_env, staff=OFFICER)
    screen.show()
    try:
        assert "Only a technician" in screen.findChild(object, "tech_refusal").text()
        assert not screen.findChild(object, "tech_run_selftest").isVisible()
        assert not screen.run_checks((), False, "selftest")
        assert not screen.timer.isActive()
        assert audits[0][0] == "technician_screen_refused" and audits[0][1]["role"] == "officer"
    finally:
        finish(screen)


def test_vietnamese_first(qtbot, kiosk_env):
    from ui.i18n.translator import Languages, ensure_built

    ensure_built()
    langs = Languages()
    assert langs.set("vi")
    try:
        kiosk_env["printer"].state.paper_end = True
        screen, _ = make_screen(qtbot, kiosk_env, lang="vi")
        screen.show()
        assert screen.findChild(object, "tech_run_selftest").text() == "Chạy tự kiểm tra"
        assert screen.run_checks(("printer",), False, "printer")
        qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)
        table = screen.findChild(object, "tech_report_table")
        assert table.item(0, 0).text() == "Máy in" and table.item(0, 1).text() == "Lỗi"
        assert "lắp cuộn giấy mới" in table.item(0, 3).text()
        finish(screen)
    finally:
        langs.set("en")


@pytest.mark.pcsc
def test_read_a_cards_atr_with_the_virtual_card(qtbot, kiosk_env):
    from tests.peers.pcscd import PcscdUnavailable, ensure_pcscd
    from tests.peers.vcard import VirtualCard, personalise

    try:
        pcscd = ensure_pcscd()
    except PcscdUnavailable as e:
        pytest.skip(f"pcscd with vpcd not available: {e}")
    try:
        kiosk_env["cfg"] = parse_config({"devices": {"card_reader": "Virtual PCD 00 00"}})
        card = personalise()
        screen, _ = make_screen(qtbot, kiosk_env)
        screen.show()
        with VirtualCard(card.files, card.key):
            qtbot.mouseClick(screen.findChild(object, "tech_read_atr"), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)
        table = screen.findChild(object, "tech_report_table")
        assert table.item(0, 0).text() == "Card reader" and table.item(0, 1).text() == "Pass"
        assert table.item(0, 2).text().startswith("ATR 3B") and "SELECT 9000" in table.item(0, 2).text()
        finish(screen)
    finally:
        pcscd.release()
