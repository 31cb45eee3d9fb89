"""What the kiosk says and when, read from the transcript (engine off: the words are the same)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.speech.scripts import Utterance, script

pytestmark = pytest.mark.qt
SILENT = {"speech": {"engine": "none"}}


def active(qtbot, w):  # type: ignore[no-untyped-def]
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def test_nothing_is_said_until_asked(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    assert not w.speech.active and w.speech.transcript == []


def test_listen_reads_the_screen_then_the_focused_control(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    qtbot.mouseClick(w.access_bar.listen_btn, Qt.MouseButton.LeftButton)
    s = script("home", "vi")
    assert w.speech.transcript[:3] == [s.title, s.instruction, s.keys]
    assert w.controller.clock.factor == w.config.speech.speech_timeout_factor


def test_focus_change_says_name_role_and_state(make_window, qtbot):
    w = active(qtbot, make_window(SILENT))
    w.navigate("home")
    w.speech.activate()
    w.access_bar.lang_buttons["en"].setFocus()
    assert w.speech.transcript[-1] == "English, chưa chọn"
    w.session_bar.finish_btn.setFocus()
    assert w.speech.transcript[-1].endswith(", nút") and "Kết thúc" in w.speech.transcript[-1]


def test_english_script_after_the_language_switch(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    w.prefs.set_language("en")
    w.listen()
    assert w.speech.transcript[0] == "What would you like to do?"


def test_personal_data_only_through_headphones(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    w.speech.activate()
    said = w.speech.speak([Utterance("Họ và tên: Lê Thị Hoa", personal=True)])
    assert said == ["Đã đọc thẻ của ông bà."]
    assert "Lê Thị Hoa" not in " ".join(w.speech.transcript)


def test_personal_labels_are_recognised(make_window, qtbot):
    from ui.speech.controller import visible_texts

    w = make_window(SILENT)
    page = QWidget()
    qtbot.addWidget(page)
    name = QLabel("Lê Thị Hoa", page)
    name.setObjectName("identify_name")
    idn = QLabel("Số định danh: 001203004567", page)
    status = QLabel("Hồ sơ đang được giải quyết", page)
    status.setObjectName("track_headline")
    name.move(0, 0)
    idn.move(0, 50)
    status.move(0, 100)
    page.show()
    got = dict(visible_texts(page))
    assert got == {
        "Lê Thị Hoa": True,
        "Số định danh: 001203004567": True,
        "Hồ sơ đang được giải quyết": False,
    }
    assert w is not None


def test_volume_three_steps_and_slower_reset_at_session_end(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    click = lambda b: qtbot.mouseClick(b, Qt.MouseButton.LeftButton)  # noqa: E731
    click(w.access_bar.volume_btn)
    assert w.speech.volume_step == 3 and w.access_bar.volume_btn.text() == "Âm lượng 3/3"
    click(w.access_bar.volume_btn)
    assert w.speech.volume_step == 1
    assert w.speech.transcript[-1] == "Âm lượng một trên ba"
    click(w.access_bar.slow_btn)
    assert w.speech.slow and w.access_bar.slow_btn.isChecked()
    w.finish()
    assert w.speech.volume_step == 2 and not w.speech.slow and not w.access_bar.slow_btn.isChecked()
    assert not w.speech.active and w.controller.clock.factor == 1.0


def test_overlay_is_modal_takes_focus_and_gives_it_back(make_window, qtbot):
    w = active(qtbot, make_window(SILENT))
    w.navigate("home")
    tile = w.page("home").tiles["find"]
    tile.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tile)
    w.speech.activate()
    qtbot.mouseClick(w.session_bar.finish_btn, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget().objectName() == "finish_no"  # the safe answer first: "No, continue"
    assert not w.stack.isEnabled() and not w.access_bar.isEnabled()
    assert script("finish", "vi").title in w.speech.transcript
    qtbot.mouseClick(w.findChild(QPushButton, "finish_no"), Qt.MouseButton.LeftButton)
    assert w.stack.isEnabled() and w.access_bar.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.session_bar.finish_btn)


def test_the_full_privacy_notice_is_read_when_it_opens(make_window, qtbot):
    from ui.screens.wizard.privacy import show_privacy

    w = active(qtbot, make_window(SILENT))
    w.navigate("home")
    w.speech.activate()
    before = len(w.speech.transcript)
    card = show_privacy(w)
    said = w.speech.transcript[before:]
    s = script("privacy", "vi")
    # What the card is, its words, then the control focused in it (not the button first).
    assert said[:2] == [s.title, s.instruction] and said[-1] == "Đã hiểu, quay lại, nút"
    assert s.instruction.startswith("Khi ông bà đặt thẻ")  # the notice's own words, not its summary
    qtbot.mouseClick(card.back, Qt.MouseButton.LeftButton)
    assert w.stack.isEnabled()


def test_activity_through_assistive_technology_counts(make_window, qtbot):
    from PySide6.QtGui import QAccessible

    t = [1000.0]
    w = make_window(SILENT, clock=lambda: t[0])
    w.navigate("home")
    t[0] += 90
    iface = QAccessible.queryAccessibleInterface(w.access_bar.contrast)
    action = iface.actionInterface()
    assert action.actionNames()[0] == "Press"
    action.doAction("Press")
    assert not w.prefs.high_contrast  # the click runs after the call returns, as Qt's own does
    qtbot.waitUntil(lambda: w.prefs.high_contrast)  # the real click ran: the choice is registered
    assert w.controller.clock.remaining() == pytest.approx(w.controller.clock.timeout_s)


def test_status_and_errors_are_said_as_they_change(make_window, qtbot):
    """A result or error that appears on screen is spoken at once in speech mode (a live
    region), once per change, and not at all when speech is off."""
    w = make_window(SILENT)
    w.navigate("home")
    w.navigate("track")
    result = w.current_screen.findChild(QLabel, "track_result")
    result.show()
    result.setText("Không tìm thấy hồ sơ với mã này.")
    assert w.speech.transcript == []  # speech off: silent
    w.speech.activate()
    before = len(w.speech.transcript)
    result.setText("Mã theo dõi không đúng. Xin nhập lại.")
    assert w.speech.transcript[before:] == ["Mã theo dõi không đúng. Xin nhập lại."]
    result.setText("Mã theo dõi không đúng. Xin nhập lại.")  # unchanged: not said again
    assert len(w.speech.transcript) == before + 1


def test_a_result_set_while_hidden_is_said_when_it_appears(make_window, qtbot):
    w = make_window(SILENT)
    w.navigate("home")
    w.navigate("track")
    w.speech.activate()
    result = w.current_screen.findChild(QLabel, "track_result")
    result.hide()
    before = len(w.speech.transcript)
    result.setText("Hồ sơ đang được giải quyết.")
    assert len(w.speech.transcript) == before
    result.show()
    assert w.speech.transcript[before:] == ["Hồ sơ đang được giải quyết."]
