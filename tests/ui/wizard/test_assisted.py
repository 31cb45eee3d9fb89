"""An officer helps with the wizard: the real staff mode signs in on the overlay (card + PIN
against the sandbox central), and the dossier the wizard queues carries channel "assisted",
the officer, and the receipt names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from central.staff import add_staff, issue_card
from kiosk.central.client import ApiKeyAuth
from kiosk.staff.auth import StaffAuth
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.store import StaffStore
from tests.kiosk.staff.central import FAST
from tests.peers.sandbox import running_sandbox
from tests.ui.wizard.test_wizard import at, tap
from tests.ui.wizard.test_wizard_helpers import fill_to_review
from ui.screens.wizard.review import RECEIPT_KEY
from ui.staff.menu import StaffServices
from ui.staff.mode import install_staff

pytestmark = pytest.mark.qt
KIOSK = "K-WIZ-ASSIST"


def test_assisted_dossier_names_the_officer(make_window, qtbot, tmp_path: Path, isolated_kiosk_env: Path):
    with running_sandbox(tmp_path / "central") as sb:
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
        w = make_window(
            {
                "kiosk": {"id": KIOSK},
                "devices": {"card_reader": "sim:1", "scanner": "sim", "printer": "sim://"},
            }
        )
        staff_store = StaffStore.open(isolated_kiosk_env)
        client = StaffCentralClient(sb.url, auth=ApiKeyAuth(sb.api_key, KIOSK))
        mode = install_staff(
            w,
            StaffAuth(staff_store, w.services.store.audit, kiosk_id=KIOSK, client=client),
            StaffServices(audit=w.services.store.audit),
        )
        try:
            fill_to_review(w, qtbot)
            assert mode.offer_scan(card)
            for d in "2468":
                qtbot.mouseClick(
                    mode.sign_in_card.findChild(QPushButton, f"staff_pin_key_{d}"), Qt.MouseButton.LeftButton
                )
            with qtbot.waitSignal(mode.control_changed, timeout=10_000):
                qtbot.mouseClick(
                    mode.sign_in_card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton
                )
            tap(qtbot, w, "review_consent")
            tap(qtbot, w, "review_submit")
            at(qtbot, w, "submit_done")
            code = w.session.data["wizard.journey"].tracking_code
            stored = w.services.store.outbox.submission(code)
            assert stored["channel"] == "assisted" and stored["officer_id"] == "CB0142"
            receipt = w.session.data[RECEIPT_KEY]
            assert (receipt.officer_name, receipt.officer_id) == ("Nguyễn Thị Lan", "CB0142")
        finally:
            mode.shutdown()
            client.close()
            staff_store.close()
