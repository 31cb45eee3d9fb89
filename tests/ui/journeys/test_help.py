"""Ask for staff help: from any journey screen (the overlay keeps the screen as it was) and
from the home choice; the request reaches the sandbox's staff console with its number, and
waits when the central cannot be reached until it can."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.peers.sandbox import sandbox  # noqa: F401
from tests.ui.journeys.helpers import console, wire

pytestmark = pytest.mark.qt


def text(w, name: str) -> str:  # type: ignore[no-untyped-def]
    return w.findChild(QLabel, name).text()


def test_help_from_the_track_screen_keeps_what_the_citizen_typed(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("track")
    w.current_screen.code.setText("K7M4Q-X9")
    qtbot.mouseClick(w.findChild(QPushButton, "session_help"), Qt.MouseButton.LeftButton)
    assert w.overlay.name == "help"
    qtbot.waitUntil(lambda: text(w, "help_number") == "01", timeout=15000)
    assert text(w, "help_state") == "Đã báo cán bộ. Sẽ có người đến giúp ông/bà."
    # The kiosk's id goes to staff (the console below), never onto the citizen's card.
    assert w.findChild(QLabel, "help_kiosk") is None
    assert all(w.config.kiosk.id not in lab.text() for lab in w.overlay.findChildren(QLabel))
    page = console(sandbox)
    assert "track #01" in page and w.config.kiosk.id in page
    qtbot.mouseClick(w.findChild(QPushButton, "help_card_close"), Qt.MouseButton.LeftButton)
    assert w.overlay.name == "" and w.controller.machine.current == "track"
    assert w.current_screen.code.text() == "K7M4Q-X9"  # the session is as it was
    # Asking again in the same session shows the same request: staff are not called twice.
    qtbot.mouseClick(w.findChild(QPushButton, "session_help"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(w, "help_number") == "01", timeout=15000)
    assert console(sandbox).count("#01") == 1


def test_help_choice_on_the_home_screen(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("find")
    qtbot.mouseClick(w.findChild(QPushButton, "session_help"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(w, "help_number") == "01", timeout=15000)
    qtbot.mouseClick(w.findChild(QPushButton, "help_card_close"), Qt.MouseButton.LeftButton)
    w.finish()  # the next citizen
    w.navigate("home")
    w.navigate("help")
    qtbot.waitUntil(lambda: text(w, "help_number") == "02", timeout=15000)
    assert "home #02" in console(sandbox) and "find #01" in console(sandbox)
    qtbot.mouseClick(w.findChild(QPushButton, "help_back"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "home"


def test_offline_help_waits_and_reaches_staff_when_the_central_is_back(make_window, qtbot, sandbox):  # noqa: F811
    w = make_window()  # no central known yet: as a kiosk whose network is down
    w.services.override(scanner="none")
    w.navigate("home")
    w.navigate("help")
    qtbot.waitUntil(lambda: text(w, "help_number") == "01", timeout=15000)
    assert text(w, "help_state").startswith("Máy chưa liên lạc được với hệ thống của cơ quan")
    assert "#01" not in console(sandbox)
    # The central answers again: the status model says so, the request goes out.
    w.services.set_central(sandbox.url, sandbox.api_key)
    w.status.set("central", "ok")
    qtbot.waitUntil(
        lambda: text(w, "help_state") == "Đã báo được cán bộ. Sẽ có người đến giúp ông/bà.", timeout=15000
    )
    assert "home #01" in console(sandbox)


def test_help_card_says_the_place_in_the_queue_and_cancel_withdraws_it(make_window, qtbot, sandbox):  # noqa: F811
    console(sandbox)  # an officer of every agency is signed in at the central
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("find")
    qtbot.mouseClick(w.findChild(QPushButton, "session_help"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.findChild(QLabel, "help_wait").isVisibleTo(w.overlay), timeout=15000)
    assert text(w, "help_wait").startswith("Ông/bà là người thứ ")
    ticket = w.session.data["journeys.help_ticket"]
    assert f"help-{ticket.request_id}" in console(sandbox)
    qtbot.mouseClick(w.findChild(QPushButton, "help_cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(w, "help_wait").startswith("Đã huỷ yêu cầu."), timeout=15000)
    assert f"help-{ticket.request_id}" not in console(sandbox)
    assert "journeys.help_ticket" not in w.session.data  # touching "help" again raises a new one
    assert not w.findChild(QPushButton, "help_cancel").isVisibleTo(w.overlay)


def test_offline_help_promises_no_wait_and_cancel_drops_the_waiting_request(make_window, qtbot, sandbox):  # noqa: F811
    w = make_window()  # no central known yet
    w.services.override(scanner="none")
    w.navigate("home")
    w.navigate("help")
    qtbot.waitUntil(lambda: text(w, "help_number") == "01", timeout=15000)
    assert not w.findChild(QLabel, "help_wait").isVisibleTo(w.current_screen)
    qtbot.mouseClick(w.findChild(QPushButton, "help_cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(w, "help_wait").startswith("Đã huỷ yêu cầu."), timeout=15000)
    w.services.set_central(sandbox.url, sandbox.api_key)
    w.status.set("central", "ok")
    assert "home #01" not in console(sandbox)


@pytest.mark.parametrize(
    "standing, words",
    [
        ((3, 2, 9), "Ông/bà là người thứ 3 đang chờ. Thời gian chờ ước tính: khoảng 9 phút."),
        ((1, 1, None), "Ông/bà là người thứ 1 đang chờ; có 1 cán bộ đang trực."),
        ((1, 0, None), "Lúc này chưa có cán bộ nào trực trên hệ thống. Xin ông/bà đến quầy tiếp nhận"),
        (None, "Máy chưa liên lạc được với hệ thống của cơ quan"),
    ],
)
def test_each_answer_of_the_central_has_its_honest_words(make_window, standing, words):
    import time

    from kiosk.help_request import HelpStanding, HelpTicket
    from ui.screens.journeys_common import HelpPanel

    w = make_window()
    panel = HelpPanel(w)
    panel.show_standing(None if standing is None else HelpStanding("x", "open", *standing), pin=True)
    panel.show_ticket(HelpTicket(4, "home", time.time(), "x"), ask_standing=False)
    assert panel.wait.text().startswith(words) and not panel.wait.isHidden()
    panel.deleteLater()


def test_opening_help_again_asks_the_central_afresh(make_window, qtbot, sandbox):  # noqa: F811
    import re

    import requests

    console(sandbox)  # an officer of every agency is signed in
    headers = {"X-Api-Key": sandbox.api_key, "X-Kiosk-Id": "another-kiosk"}
    ahead = requests.post(
        f"{sandbox.url}staff/v1/help-requests", json={"screen": "x"}, headers=headers, timeout=5
    )
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("find")

    def place() -> int:
        qtbot.mouseClick(w.findChild(QPushButton, "session_help"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.findChild(QLabel, "help_wait").isVisibleTo(w.overlay), timeout=15000)
        n = int(re.search(r"người thứ (\d+)", text(w, "help_wait")).group(1))  # type: ignore[union-attr]
        qtbot.mouseClick(w.findChild(QPushButton, "help_card_close"), Qt.MouseButton.LeftButton)
        return n

    first = place()
    requests.post(
        f"{sandbox.url}staff/v1/help-requests/{ahead.json()['id']}/cancel", headers=headers, timeout=5
    )
    assert place() == first - 1  # the one ahead withdrew: the card says so when opened again
