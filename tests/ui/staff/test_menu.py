"""The staff menu on the real stores: outbox, device status, report (screen, PDF), roles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

from devices.registry import list_devices
from kiosk.config import KioskConfig
from kiosk.devices_setup import device_settings
from kiosk.report import day_report_from_kiosk
from kiosk.staff.session import StaffSession
from ui.staff.menu import StaffMenu, StaffServices

pytestmark = pytest.mark.qt


def staff(role: str) -> StaffSession:
    return StaffSession("S1", "Phạm Văn Minh", role, "DEMO", "c1", "central", datetime.now(UTC))


def services(rig, tmp_path: Path) -> StaffServices:
    cfg = KioskConfig()
    return StaffServices(
        audit=rig.store.audit,
        store=rig.store,
        device_health=lambda: list_devices(device_settings(cfg)),
        connectivity=lambda: {"network": ("ok", ""), "central": ("down", "timeout")},
        day_report=lambda day: day_report_from_kiosk(cfg, rig.data, day),
        export_dir=tmp_path / "export",
    )


def rows(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_officer_sees_no_report_and_no_exit(qtbot, rig, tmp_path):
    menu = StaffMenu(services(rig, tmp_path), staff("officer"), lambda: "en")
    qtbot.addWidget(menu)
    assert set(menu.pages) == {"outbox", "reprint", "devices", "help", "drafts"}
    assert menu.findChild(QPushButton, "staff_menu_exit").isHidden()
    sup = StaffMenu(services(rig, tmp_path), staff("supervisor"), lambda: "en")
    qtbot.addWidget(sup)
    assert "report" in sup.pages and not sup.findChild(QPushButton, "staff_menu_exit").isHidden()
    with qtbot.waitSignal(sup.exit_to_desktop, timeout=1000):
        qtbot.mouseClick(sup.findChild(QPushButton, "staff_menu_exit"), Qt.MouseButton.LeftButton)


def test_outbox_lists_retries_and_exports(qtbot, rig, tmp_path):
    entry = rig.store.outbox.enqueue(
        {"channel": "assisted"}, procedure_code="1.001", tracking_code="K7M4QX9T2R"
    )
    menu = StaffMenu(services(rig, tmp_path), staff("officer"), lambda: "en")
    qtbot.addWidget(menu)
    table = menu.findChild(QTableWidget, "staff_outbox_table")
    got = rows(table)
    assert len(got) == 1 and got[0][0] == "K7M4QX9T2R" and got[0][1] == "1.001" and got[0][4] == "0"
    table.selectRow(0)
    qtbot.mouseClick(menu.findChild(QPushButton, "staff_outbox_export"), Qt.MouseButton.LeftButton)
    exported = list((tmp_path / "export").rglob("*"))
    assert exported, "export wrote nothing"
    assert "Exported to" in menu.pages["outbox"].note.text()
    actions = [(e.actor, e.action) for e in rig.store.audit.entries()]
    assert ("staff:S1", "outbox.export") in actions
    assert rig.store.outbox.get(entry).state.value == "queued"


def test_devices_page_shows_every_device_network_central_and_outbox(qtbot, rig, tmp_path):
    menu = StaffMenu(services(rig, tmp_path), staff("officer"), lambda: "en")
    qtbot.addWidget(menu)
    menu.show_page("devices")
    names = [r[0] for r in rows(menu.findChild(QTableWidget, "staff_devices_table"))]
    for n in (
        "ID card reader",
        "Receipt printer",
        "QR scanner",
        "Document camera",
        "Network",
        "Central system",
    ):
        assert n in names
    assert "Oldest dossier waiting" in names


def test_report_on_screen_and_as_pdf(qtbot, rig, tmp_path):
    rig.store.outbox.enqueue({"channel": "assisted"}, procedure_code="1.001")
    rig.store.audit.append("citizen", "rating.given", {"score": 5})
    menu = StaffMenu(services(rig, tmp_path), staff("supervisor"), lambda: "vi")
    qtbot.addWidget(menu)
    menu.show_page("report")
    got = dict((r[0].strip(), r[1]) for r in rows(menu.findChild(QTableWidget, "staff_report_table")))
    assert got["Dossiers"] == "1" and got["Có cán bộ hỗ trợ"] == "1" and got["1.001"] == "1"
    assert got["Ratings"].startswith("1")
    pdf = menu.pages["report"].save_pdf()
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert any(e.action == "staff.report_pdf" for e in rig.store.audit.entries())


def test_reprint_is_audited_and_marked(qtbot, rig, tmp_path):
    from PIL import Image

    from devices.printer import jobs_dir, open_printer
    from devices.printer.jobs import PrintJobs

    jobs = PrintJobs(open_printer("sim://", 80, rig.data), jobs_dir(rig.data))
    first = jobs.submit(
        "R1", Image.new("1", (576, 400), 1), reprint_image=Image.new("1", (576, 440), 1), label="K7M4Q-X9T2R"
    )
    assert first.printed
    svc = services(rig, tmp_path)
    svc.print_jobs = jobs
    menu = StaffMenu(svc, staff("officer"), lambda: "en")
    qtbot.addWidget(menu)
    menu.show_page("reprint")
    table = menu.findChild(QTableWidget, "staff_reprint_table")
    assert rows(table)[0][0] == "K7M4Q-X9T2R"
    table.selectRow(0)
    qtbot.mouseClick(menu.findChild(QPushButton, "staff_reprint_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Reprinted" in menu.pages["reprint"].note.text(), timeout=10_000)
    menu.wait()
    assert jobs.get("R1").reprints == 1
    assert [e.details for e in rig.store.audit.entries() if e.action == "staff.reprint"] == [{"job": "R1"}]


def test_devices_page_says_paper_near_end_and_out_from_a_real_printer(qtbot, rig, tmp_path):
    from tests.peers.printer_server import PrinterServer

    with PrinterServer() as printer:
        cfg = KioskConfig.model_validate({"devices": {"printer": printer.uri}})
        svc = services(rig, tmp_path)
        svc.device_health = lambda: list_devices(device_settings(cfg))
        menu = StaffMenu(svc, staff("officer"), lambda: "en")
        qtbot.addWidget(menu)
        printer.state.near_end = True
        menu.show_page("devices")
        table = menu.findChild(QTableWidget, "staff_devices_table")
        row = next(r for r in rows(table) if r[0] == "Receipt printer")
        assert row[1] == "Needs attention" and row[2].startswith("Paper near end")
        printer.state.paper_end = True
        menu.pages["devices"].refresh()
        row = next(r for r in rows(table) if r[0] == "Receipt printer")
        assert row[1] == "Not working" and row[2].startswith("Out of paper")


def test_technician_gets_the_technician_tools_and_nobody_else_does(qtbot, rig, tmp_path):
    from ui.technician.screen import TechnicianScreen
    from ui.technician.services import from_kiosk

    svc = services(rig, tmp_path)
    svc.technician = lambda: from_kiosk(KioskConfig(), rig.data, send_reports=False)
    tech = StaffMenu(svc, staff("technician"), lambda: "en")
    qtbot.addWidget(tech)
    assert "technician" in tech.pages and "report" not in tech.pages
    tech.show_page("technician")
    assert tech.findChild(TechnicianScreen) is not None
    for role in ("officer", "supervisor"):
        other = StaffMenu(svc, staff(role), lambda: "en")
        qtbot.addWidget(other)
        assert "technician" not in other.pages


def test_drafts_page_lists_without_personal_data_discards_and_resumes_audited(qtbot, isolated_kiosk_env):
    """Unfinished dossiers: procedure, step and age only; discard wipes the draft and its pages;
    resume opens the procedure (the citizen's card brings the draft back); both audited."""
    from kiosk.staff.session import StaffSession
    from offline_cache import Store
    from ui.staff.menu import StaffMenu

    store = Store.open(isolated_kiosk_env)
    try:
        store.drafts.save_step(
            "s1", "documents", {"name": "Nguyễn Thị Lan"}, step_index=4, procedure_code="birth_registration"
        )
        store.drafts.add_page("s1", b"\xff\xd8\xff" + b"page" * 100)
        store.drafts.save_step(
            "s2",
            "form",
            {"name": "Trần Văn Bình"},
            step_index=3,
            procedure_code="residence_information_confirmation",
        )
        audit: list[tuple[str, str, dict]] = []
        started: list[str] = []

        class Audit:
            def append(self, actor, action, details):
                audit.append((actor, action, details))

        services = StaffServices(audit=Audit(), store=store, start_procedure=started.append)
        staff = StaffSession("CB1", "Lan", "officer", "DEMO", "c", "central", datetime.now(UTC))
        menu = StaffMenu(services, staff, lambda: "en")
        qtbot.addWidget(menu)
        menu.show_page("drafts")
        page = menu.pages["drafts"]
        cells = [page.table.item(r, c).text() for r in range(page.table.rowCount()) for c in range(3)]
        assert page.table.rowCount() == 2
        assert not any("Lan" in x or "Bình" in x for x in cells)
        page.table.selectRow([d.session_id for d in page._drafts].index("s1"))
        page.discard()
        assert store.drafts.load("s1") is None and store.drafts.pages("s1") == {}
        assert page.table.rowCount() == 1
        page.table.selectRow(0)
        page.resume()
        assert started == ["residence_information_confirmation"]
        actions = [a for _, a, _ in audit]
        assert actions == ["staff.draft_discard", "staff.draft_resume"]
        assert "Lan" not in str(audit) and "Bình" not in str(audit)
    finally:
        store.close()
