"""attach_staff on the real main window, with the real stores under the data dir."""

from __future__ import annotations

import pytest

from kiosk.config import KioskConfig
from kiosk.staff.errors import StaffAuthError
from ui.main_window import MainWindow
from ui.staff.attach import attach_staff

pytestmark = pytest.mark.qt


def test_attach_then_the_central_arrives(qtbot, central):
    cred = central.add("CB001", "2468")
    window = MainWindow(KioskConfig(), kiosk_mode=False, install_safety_net=False)
    qtbot.addWidget(window)
    mode = attach_staff(window)
    try:
        # The banner sits right above the bars at the bottom, below the screens
        lay = window.layout()
        assert lay.indexOf(mode.banner) == lay.indexOf(window.stack) + 1
        with pytest.raises(StaffAuthError) as e:  # demo profile before its sandbox is up
            mode.auth.sign_in(cred, "2468")
        assert e.value.reason == "central_unreachable_no_cache"
        mode.set_central_url(central.url, central.api_key)
        assert mode.auth.sign_in(cred, "2468").verified_by == "central"
        menu_services = mode.services
        assert (
            menu_services.day_report is not None
            and menu_services.day_report(__import__("datetime").date.today()).dossiers == 0
        )
    finally:
        mode.shutdown()
        window.allow_close()
        window.close()
