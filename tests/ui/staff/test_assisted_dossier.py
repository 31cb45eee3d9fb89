"""An assisted birth registration end to end, as far as it can go before the citizen journey
screens exist: the real sandbox central (Open311 + staff), the real main window with supervised
mode, the real outbox audit, the real central client, the receipt renderer and the TCP 9100
printer peer. The citizen asks for help, an officer signs in on the overlay (card + PIN pad),
does the documents step, hands back; the dossier the kiosk sends carries channel ``assisted``
and the officer's ID at the central, and the printed receipt is the one with the
"Assisted by" line. (The journey screens themselves are replaced by direct calls: see the
staff report.)"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from central.staff import add_staff, issue_card
from devices.printer import open_printer
from devices.printer.jobs import PrintJobs
from kiosk import tracking
from kiosk.central.client import ApiKeyAuth, CentralClient
from kiosk.config import KioskConfig
from kiosk.receipt import Receipt, render_receipt
from kiosk.staff.assist import StepAction, apply_to_submission, receipt_fields
from kiosk.staff.auth import StaffAuth
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.help import request_help
from kiosk.staff.store import StaffStore
from kiosk.submission import Applicant, Channel, Submission, Verification
from tests.kiosk.staff.central import FAST
from tests.peers.printer_server import PrinterServer
from tests.peers.sandbox import running_sandbox
from ui.main_window import MainWindow
from ui.staff.menu import StaffServices
from ui.staff.mode import SIGN_IN, install_staff

pytestmark = pytest.mark.qt
KIOSK = "K-ASSIST-01"


def test_assisted_birth_registration(qtbot, tmp_path: Path, isolated_kiosk_env: Path):
    from offline_cache.store import Store

    with running_sandbox(tmp_path / "central") as sb, PrinterServer() as printer:
        sb.state.extra["staff_hash_params"] = FAST
        add_staff(
            sb.state.db,
            "CB0142",
            name="Nguyễn Thị Lan",
            role="officer",
            agency="DEMO",
            pin="2468",
            params=FAST,
        )
        card = issue_card(sb.state.db, sb.data_dir, "CB0142")
        auth_header = ApiKeyAuth(sb.api_key, KIOSK)
        staff_store, store = StaffStore.open(isolated_kiosk_env), Store.open(isolated_kiosk_env)
        staff_client = StaffCentralClient(sb.url, auth=auth_header)
        central = CentralClient(sb.url, auth=auth_header, read_timeout=10)
        window = MainWindow(KioskConfig(), kiosk_mode=False, install_safety_net=False)
        qtbot.addWidget(window)
        mode = install_staff(
            window,
            StaffAuth(staff_store, store.audit, kiosk_id=KIOSK, client=staff_client),
            StaffServices(audit=store.audit),
        )
        try:
            # The citizen starts, then asks for help
            window.navigate("home")
            raised = request_help(store.audit, staff_client, KIOSK, "documents")
            assert raised.on_central
            # An officer signs in on the overlay: card to the scanner, PIN on the pad
            assert mode.offer_scan(card) and window.overlay.name == SIGN_IN
            for d in "2468":
                qtbot.mouseClick(
                    mode.sign_in_card.findChild(QPushButton, f"staff_pin_key_{d}"), Qt.MouseButton.LeftButton
                )
            with qtbot.waitSignal(mode.control_changed, timeout=10_000):
                qtbot.mouseClick(
                    mode.sign_in_card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton
                )
            assert staff_client.help_requests(KIOSK) == []  # the central closed the help request
            # The officer finishes the documents step, then hands back
            mode.tracker.step("documents", StepAction.COMPLETED)
            mode.tracker.step("documents", StepAction.SEEN_IN_ORIGINAL, detail="giay_chung_sinh")
            qtbot.mouseClick(mode.banner.back, Qt.MouseButton.LeftButton)
            record = mode.record()
            # The citizen submits: the dossier carries the assisted record
            code = tracking.new_tracking_code()
            submission = apply_to_submission(
                record,
                Submission(
                    "birth_registration",
                    code,
                    KIOSK,
                    Applicant("001203004567", "Lê Thị Hoa", Verification.CHIP_READ),
                    attributes={
                        "child_full_name": "Lê Minh An",
                        "child_birth_date": "2026-11-20T00:00:00+07:00",
                        "child_sex": "M",
                        "applicant_relation": "mother",
                    },
                ),
            )
            assert submission.channel is Channel.ASSISTED
            result = central.submit(submission)
            held = central.get_request(result.service_request_id)
            assert held.channel == "assisted"
            from sqlalchemy import select

            from central.models import DossierRow  # the central's own record

            with sb.state.db() as s:
                row = s.scalars(select(DossierRow)).one()
                assert (row.channel, row.assisting_officer) == ("assisted", "CB0142")
            # The receipt names the officer: the printer peer prints exactly the assisted rendering
            receipt = Receipt(
                tracking_code=code,
                agency_name="UBND phường (mẫu)",
                agency_address="-",
                agency_phone="-",
                ask_where="Quầy 3",
                procedure_name="Đăng ký khai sinh",
                procedure_code="birth_registration",
                applicant_name="Lê Thị Hoa",
                applicant_id="001203004567",
                documents=("Giấy chứng sinh",),
                received_at=datetime.now(UTC),
                appointment=date(2026, 11, 25),
                fee_vnd=0,
                kiosk_id=KIOSK,
                **receipt_fields(record),
            )
            assert receipt.officer_name == "Nguyễn Thị Lan" and receipt.officer_id == "CB0142"
            qr = f"{sb.url}t/{code}"
            assisted_img = render_receipt(receipt, qr).image
            plain_img = render_receipt(
                Receipt(**{**receipt.__dict__, "officer_name": None, "officer_id": None}), qr
            ).image
            jobs = PrintJobs(open_printer(printer.uri, 80), tmp_path / "jobs")
            assert jobs.submit(receipt.job_id, assisted_img, label=code).printed
            page = printer.wait_pages(1)[0].image(576).convert("1")
            assert _same_raster(page, assisted_img) and not _same_raster(page, plain_img)
        finally:
            mode.shutdown()
            window.allow_close()
            window.close()
            central.close()
            staff_client.close()
            store.close()
            staff_store.close()


def _same_raster(printed, rendered) -> bool:
    """The printed page holds the rendered receipt (the page may carry feed rows below it)."""
    r = rendered.convert("1")
    if printed.width != r.width or printed.height < r.height:
        return False
    return printed.crop((0, 0, r.width, r.height)).tobytes() == r.tobytes()
