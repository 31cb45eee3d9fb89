"""attach_staff on the real main window and its live services (store, central, scanner, card)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from devices.card.base import CardRead, Verification
from kiosk.config import KioskConfig
from kiosk.scan_routing import ScanKind, ScanRoute
from kiosk.staff.errors import StaffAuthError
from ui.main_window import MainWindow
from ui.staff.attach import attach_staff
from ui.staff.mode import SIGN_IN, _row_of

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot):
    w = MainWindow(KioskConfig(), kiosk_mode=False, install_safety_net=False)
    qtbot.addWidget(w)
    yield w
    mode = getattr(w, "staff_mode", None)
    if mode is not None:
        mode.shutdown()
    w.allow_close()
    w.close()
    w.shutdown()


def test_attach_then_the_central_arrives_through_the_services(qtbot, central, window):
    cred = central.add("CB001", "2468")
    mode = attach_staff(window)
    lay = window.layout()
    # Right under the screen's row, above the bottom bars.
    assert lay.indexOf(mode.banner) == _row_of(lay, window.stack) + 1
    with pytest.raises(StaffAuthError) as e:  # demo profile before its sandbox is up
        mode.auth.sign_in(cred, "2468")
    assert e.value.reason == "central_unreachable_no_cache"
    window.services.set_central(central.url, central.api_key)
    assert mode.auth.sign_in(cred, "2468").verified_by == "central"
    assert mode.services.store is window.services.store  # one offline store, the services'
    assert mode.services.day_report(date.today()).dossiers == 0


def test_a_staff_qr_from_the_scanner_opens_the_sign_in(qtbot, central, window):
    cred = central.add("CB002", "2468")
    mode = attach_staff(window)
    window.services.set_central(central.url, central.api_key)
    window.navigate("home")
    window.services.scanner.scanned.emit(ScanRoute(ScanKind.STAFF, source="sim", text=cred))
    assert window.overlay.name == SIGN_IN and not mode.sign_in_card.waiting_for_card
    for d in "2468":
        mode.sign_in_card.pad.press(d)
    with qtbot.waitSignal(mode.control_changed, timeout=10_000):
        qtbot.mouseClick(mode.sign_in_card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)
    assert mode.staff.staff_id == "CB002"


def test_a_chip_verified_read_signs_in_only_while_the_overlay_is_open(qtbot, central, window):
    central.add("CB003", "2468", id_card="001088012345")
    mode = attach_staff(window)
    window.services.set_central(central.url, central.api_key)
    window.navigate("home")

    def read(level: str, source: str) -> CardRead:
        return CardRead(
            "C01234567",
            "001088012345",
            "ĐỖ VĂN HÙNG",
            "ĐỖ",
            "VĂN HÙNG",
            None,
            None,
            "M",
            "VNM",
            "VNM",
            verification=Verification(level=level, source=source),
        )

    window.services.card.readFinished.emit(read("verified", "chip"))
    assert window.overlay.name != SIGN_IN  # a card outside the staff overlay is the citizen's
    mode.open_sign_in()
    window.services.card.readFinished.emit(read("unverified", "chip"))
    assert mode.sign_in_card.waiting_for_card  # an unverified chip read is not enough
    window.services.card.readFinished.emit(read("verified", "chip"))
    assert not mode.sign_in_card.waiting_for_card
