"""Supervised mode in the real main window: take over without data loss, hand back, finish,
staff timeout, and nothing of a staff session surviving into the next citizen session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.config import KioskConfig
from kiosk.staff.assist import Channel, ControlAction, StepAction
from ui.main_window import MainWindow
from ui.staff.menu import StaffServices
from ui.staff.mode import MENU, SIGN_IN, install_staff

pytestmark = pytest.mark.qt


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def window(qtbot, rig):
    from ui.i18n.translator import ensure_built

    ensure_built()
    w = MainWindow(KioskConfig(), kiosk_mode=False, install_safety_net=False)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    yield w
    mode = getattr(w, "staff_mode", None)
    if mode is not None:
        mode.shutdown()
    w.allow_close()
    w.close()


def sign_in(qtbot, mode, credential: str, pin: str):
    qtbot.mouseClick(mode.banner.help, Qt.MouseButton.LeftButton)
    assert mode.overlay.name == SIGN_IN
    card = mode.sign_in_card
    assert card.offer_scan(credential)
    for d in pin:
        qtbot.mouseClick(card.findChild(QPushButton, f"staff_pin_key_{d}"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(mode.control_changed, timeout=10_000):
        qtbot.mouseClick(card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)


def test_take_over_and_hand_back_keep_the_citizen_session(qtbot, window, rig):
    cred = rig.central.add("CB001", "2468", name="Nguyễn Thị Lan")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit, store=rig.store))
    # Given a citizen in the middle of a session
    window.navigate("home")
    window.session.data["draft"] = {"step": "documents"}
    screen_before = window.controller.machine.current
    ref = window.session.ref
    assert mode.banner.who.text() == "Ông/bà đang thao tác"  # the kiosk starts in Vietnamese
    # When an officer signs in on the overlay
    sign_in(qtbot, mode, cred, "2468")
    # Then the citizen's session is untouched and the banner names the officer
    assert window.overlay.name != SIGN_IN
    assert (window.controller.machine.current, window.session.ref) == (screen_before, ref)
    assert window.session.data["draft"] == {"step": "documents"}
    assert mode.banner.who.text() == "Cán bộ Nguyễn Thị Lan (CB001) đang thao tác"
    assert mode.banner.property("controller") == "staff"
    mode.tracker.step("documents", StepAction.SEEN_IN_ORIGINAL, detail="giay_chung_sinh")
    # When the officer hands back
    qtbot.mouseClick(mode.banner.back, Qt.MouseButton.LeftButton)
    assert mode.staff is None and mode.banner.property("controller") == "citizen"
    assert window.session.data["draft"] == {"step": "documents"} and window.session.ref == ref
    rec = mode.record()
    assert rec.channel is Channel.ASSISTED and rec.officer_id == "CB001"
    assert [c.action for c in rec.control_changes] == [ControlAction.TAKE_OVER, ControlAction.HAND_BACK]
    assert rec.receipt_line("en") == "Assisted by Nguyễn Thị Lan (CB001)"
    actions = [e.action for e in rig.store.audit.entries()]
    assert actions[-5:] == [
        "staff.sign_in",
        "staff.take_over",
        "staff.step",
        "staff.hand_back",
        "staff.sign_out",
    ]
    assert window.session.assisted


def test_staff_session_times_out_sooner_than_the_citizen_one(qtbot, window, rig):
    cred = rig.central.add("CB002", "2468")
    clock = Clock()
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit), clock=clock)
    assert window.config.session.staff_timeout_s < window.config.session.inactivity_timeout_s
    window.navigate("home")
    sign_in(qtbot, mode, cred, "2468")
    clock.t += window.config.session.staff_timeout_s - 5
    mode.activity()  # a touch restarts the count
    clock.t += window.config.session.staff_timeout_s - 5
    mode.tick()
    assert mode.staff is not None
    clock.t += 6
    mode.tick()
    assert mode.staff is None and mode.banner.property("controller") == "citizen"
    assert window.controller.machine.current == "home"  # the citizen carries on
    assert mode.record().control_changes[-1].action is ControlAction.TIMEOUT
    signouts = [e.details for e in rig.store.audit.entries() if e.action == "staff.sign_out"]
    assert signouts[-1]["reason"] == "timeout"


def test_nothing_of_a_staff_session_survives_into_the_next_citizen(qtbot, window, rig):
    cred = rig.central.add("GS001", "2468", role="supervisor")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit, store=rig.store))
    window.navigate("home")
    sign_in(qtbot, mode, cred, "2468")
    mode.open_menu()
    assert window.overlay.name == MENU
    # The citizen session ends (finish, timeout, reset: all go through the same wipe)
    window.controller.finish("finish")
    assert mode.staff is None and mode.menu is None and window.overlay.name != MENU
    assert mode.record().channel is Channel.SELF_SERVICE and mode.record().officer_id is None
    # The next citizen starts self-service, with the staff help button offered
    window.navigate("home")
    assert not mode.banner.help.isHidden() and mode.banner.back.isHidden()
    assert mode.banner.property("controller") == "citizen"


def test_finish_for_the_citizen_hands_the_record_to_the_screen(qtbot, window, rig):
    cred = rig.central.add("CB003", "2468")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit))
    window.navigate("home")
    sign_in(qtbot, mode, cred, "2468")
    mode.tracker.step("review", StepAction.COMPLETED)
    finished = []
    window.current_screen.staff_finish = finished.append  # what the wizard's screens provide
    records = []
    mode.finish_requested.connect(records.append)
    qtbot.mouseClick(mode.banner.finish, Qt.MouseButton.LeftButton)
    # The screen got the record while the citizen's session goes on (the dossier is not lost)
    assert finished and finished[0].control_changes[-1].action is ControlAction.FINISH
    assert finished[0].officer_steps[0].step == "review" and records == finished
    assert window.controller.machine.current == "home" and window.session.active
    assert mode.staff is None and mode.banner.property("controller") == "citizen"


def test_scanning_a_staff_card_anywhere_opens_the_sign_in(qtbot, window, rig):
    cred = rig.central.add("CB004", "2468")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit))
    assert not mode.offer_scan("1234567890")
    assert mode.offer_scan(cred)
    assert window.overlay.name == SIGN_IN and not mode.sign_in_card.waiting_for_card


def test_locked_card_is_unlocked_by_a_supervisor_on_the_same_overlay(qtbot, window, rig):
    from ui.staff.mode import UNLOCK

    cred = rig.central.add("CB005", "1111")
    sup = rig.central.add("GS005", "9999", role="supervisor")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit))
    window.navigate("home")
    card = mode.open_sign_in()
    for _ in range(3):
        card.offer_scan(cred)
        for d in "0000":
            card.pad.press(d)
        qtbot.mouseClick(card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: card.pad.isEnabled(), timeout=10_000)
    unlock = card.findChild(QPushButton, "staff_signin_unlock")
    qtbot.waitUntil(lambda: not unlock.isHidden(), timeout=10_000)
    qtbot.mouseClick(unlock, Qt.MouseButton.LeftButton)
    assert window.overlay.name == UNLOCK
    sup_card = mode.sign_in_card
    assert sup_card.offer_scan(sup)
    for d in "9999":
        sup_card.pad.press(d)
    qtbot.mouseClick(sup_card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.name == SIGN_IN, timeout=10_000)
    assert "CB005" in mode.sign_in_card.error.text()
    assert mode.staff is None  # the supervisor only unlocked; nobody took over
    card = mode.sign_in_card
    card.offer_scan(cred)
    for d in "1111":
        card.pad.press(d)
    with qtbot.waitSignal(mode.control_changed, timeout=10_000):
        qtbot.mouseClick(card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)
    assert mode.staff.staff_id == "CB005"


def test_officer_signs_in_with_own_chip_id_card_while_the_overlay_is_open(qtbot, window, rig):
    rig.central.add("CB006", "2468", name="Đỗ Văn Hùng", id_card="001088012345")
    mode = install_staff(window, rig.auth, StaffServices(audit=rig.store.audit))
    window.navigate("home")
    assert not mode.offer_id_card("001088012345")  # a card on the reader outside the overlay is the citizen's
    qtbot.mouseClick(mode.banner.help, Qt.MouseButton.LeftButton)
    card = mode.sign_in_card
    assert mode.offer_id_card("001088012345") and not card.waiting_for_card
    for d in "2468":
        card.pad.press(d)
    with qtbot.waitSignal(mode.control_changed, timeout=10_000):
        qtbot.mouseClick(card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)
    assert mode.staff.staff_id == "CB006" and "Đỗ Văn Hùng" in mode.banner.who.text()
