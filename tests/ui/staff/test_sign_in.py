"""The sign-in overlay card against a real sandbox central on loopback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ui.staff.sign_in import StaffSignInCard

pytestmark = pytest.mark.qt


def type_pin(qtbot, card: StaffSignInCard, pin: str) -> None:
    for d in pin:
        qtbot.mouseClick(card.findChild(QPushButton, f"staff_pin_key_{d}"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.findChild(QPushButton, "staff_pin_ok"), Qt.MouseButton.LeftButton)


def make(qtbot, rig, lang="vi") -> StaffSignInCard:
    card = StaffSignInCard(rig.auth.sign_in, lambda: lang)
    qtbot.addWidget(card)
    card.show()
    return card


def test_scan_then_pin_signs_in(qtbot, rig):
    cred = rig.central.add("CB001", "2468", name="Nguyễn Thị Lan")
    card = make(qtbot, rig)
    assert card.waiting_for_card
    assert not card.offer_scan("https://example.org/t/ABC")  # a receipt QR is not a staff card
    assert card.offer_scan(cred) and not card.waiting_for_card
    with qtbot.waitSignal(card.signed_in, timeout=10_000) as sig:
        type_pin(qtbot, card, "2468")
    assert sig.args[0].staff_id == "CB001" and sig.args[0].verified_by == "central"


def test_wrong_pins_then_lock_then_supervisor_unlock_on_screen(qtbot, rig):
    cred = rig.central.add("CB002", "1111")
    sup = rig.central.add("GS001", "9999", role="supervisor")
    card = make(qtbot, rig)
    error = card.findChild(type(card.error), "staff_signin_error")
    card.offer_scan(cred)
    type_pin(qtbot, card, "0000")
    qtbot.waitUntil(lambda: "Còn 2 lần thử" in error.text(), timeout=10_000)
    type_pin(qtbot, card, "0000")
    qtbot.waitUntil(lambda: "Còn 1 lần thử" in error.text(), timeout=10_000)
    type_pin(qtbot, card, "0000")
    qtbot.waitUntil(lambda: "khóa" in error.text(), timeout=10_000)
    assert card.waiting_for_card  # the card must be shown again
    unlock = card.findChild(QPushButton, "staff_signin_unlock")
    assert unlock.isVisible()
    with qtbot.waitSignal(card.unlock_wanted, timeout=1000) as wanted:
        qtbot.mouseClick(unlock, Qt.MouseButton.LeftButton)
    # The supervisor's card on the same kind of overlay
    sup_card = StaffSignInCard(
        lambda c, p: rig.auth.unlock("CB002", c, p), lambda: "vi", unlock_target="CB002"
    )
    qtbot.addWidget(sup_card)
    assert "CB002" in sup_card.title.text()
    sup_card.offer_scan(sup)
    with qtbot.waitSignal(sup_card.signed_in, timeout=10_000) as sig:
        type_pin(qtbot, sup_card, "9999")
    assert sig.args[0].staff_id == "GS001"
    assert wanted.args[0] == cred
    card.offer_scan(cred)
    with qtbot.waitSignal(card.signed_in, timeout=10_000):
        type_pin(qtbot, card, "1111")
    actions = [e.action for e in rig.store.audit.entries()]
    assert "staff.locked" in actions and "staff.unlocked" in actions
    assert rig.store.audit.verify().ok
