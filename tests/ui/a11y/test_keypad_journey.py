"""Where is my file? by a citizen who cannot see the screen: key events only (an ATM-style
numeric keypad), the receipt held to the scanner, everything heard through speech (read
from the speech transcript: the engine is off, what would be said is the same)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.peers.sandbox import sandbox  # noqa: F401
from tests.ui.journeys.helpers import NOTE, file_dossier, officer_moves, receipt_qr, wire

pytestmark = pytest.mark.qt
KP = Qt.KeyboardModifier.KeypadModifier


def key(qtbot, w, k: Qt.Key, mods=KP) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget() or w
    qtbot.keyClick(target, k, mods)


def move_to(qtbot, w, name: str, *, step: Qt.Key = Qt.Key.Key_Down, limit: int = 60) -> QWidget:  # type: ignore[no-untyped-def]
    """Arrow through the controls (as a keypad user does) until ``name`` has focus."""
    for _ in range(limit):
        f = QApplication.focusWidget()
        if f is not None and f.objectName() == name:
            return f
        key(qtbot, w, step)
    raise AssertionError(f"{name!r} never got focus; at {QApplication.focusWidget()}")


def said(w) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(w.speech.transcript)


def test_where_is_my_file_by_keypad_and_speech(make_window, qtbot, sandbox):  # noqa: F811
    from ui.screens.track import attach_receipt_scans

    w = wire(make_window({"speech": {"engine": "none"}}), sandbox)
    w.activateWindow()
    attach_receipt_scans(w)
    filed = file_dossier(sandbox, w.config.kiosk.id)
    officer_moves(sandbox, filed, "in_processing")
    officer_moves(sandbox, filed, "more_documents_needed", NOTE)

    # Attract: focus is on the start button; Enter starts and turns speech on.
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().objectName() == "start"
    )
    key(qtbot, w, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: w.controller.machine.current == "home")
    assert w.speech.active
    qtbot.waitUntil(lambda: "Ông bà cần làm gì?" in said(w))
    assert "Phím năm để nghe lại" in said(w)

    # Down to "Where is my file?", hearing each choice; Enter.
    move_to(qtbot, w, "ChoiceTile")
    tile = w.page("home").tiles["track"]
    for _ in range(6):
        if QApplication.focusWidget() is tile:
            break
        key(qtbot, w, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is tile
    assert "Hồ sơ của tôi đến đâu rồi?, nút" in said(w)
    key(qtbot, w, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: w.controller.machine.current == "track")
    qtbot.waitUntil(lambda: "Đưa mã kiu a trên giấy biên nhận" in said(w))

    # The receipt to the scanner; keypad 0 reads the answer from the top.
    w.services.scanner.deliver(receipt_qr(w, filed, sandbox.url), "hid")
    answer = w.findChild(QWidget, "track_answer")
    qtbot.waitUntil(answer.isVisible, timeout=15_000)
    key(qtbot, w, Qt.Key.Key_0)
    assert "Hồ sơ của ông bà cần thêm giấy tờ" in said(w)
    assert NOTE in said(w)
    # Keypad 5 repeats the last thing said.
    before = len(w.speech.transcript)
    key(qtbot, w, Qt.Key.Key_5)
    assert (
        w.speech.transcript[before:]
        == w.speech.transcript[before - len(w.speech.transcript[before:]) : before]
    )

    # Finish: to the bar's button, Enter; the dialog takes focus on its safe answer ("No,
    # continue"), then to "Yes" and Enter.
    move_to(qtbot, w, "finish", step=Qt.Key.Key_Up)
    key(qtbot, w, Qt.Key.Key_Enter)
    assert w.overlay.name == "finish"
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None and QApplication.focusWidget().objectName() == "finish_no"
        )
    )
    assert "Mọi thông tin ông bà đã nhập sẽ bị xoá" in said(w)
    # Tab stays inside the dialog.
    seen = set()
    for _ in range(4):
        key(qtbot, w, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        seen.add(QApplication.focusWidget().objectName())
    assert seen == {"finish_yes", "finish_no"}
    move_to(qtbot, w, "finish_yes")
    key(qtbot, w, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: w.controller.machine.current == "attract")
    # Session over: speech mode off, nothing of what was said kept, volume back to the middle.
    assert not w.speech.active and w.speech.transcript == [] and w.speech.volume_step == 2
