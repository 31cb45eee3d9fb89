"""Where is my file? on the kiosk window, against the real sandbox central on loopback."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from kiosk import tracking
from tests.peers.sandbox import sandbox  # noqa: F401
from tests.ui.journeys.helpers import NOTE, OFFICER, file_dossier, officer_moves, receipt_qr, wire
from ui.screens.track import attach_receipt_scans

pytestmark = pytest.mark.qt


def text(w, name: str) -> str:  # type: ignore[no-untyped-def]
    return w.findChild(QLabel, name).text()


def type_on_keyboard(w, qtbot, chars: str) -> None:  # type: ignore[no-untyped-def]
    kb = w.current_screen.keyboard
    if not kb.isVisible():  # it comes when the field is touched
        qtbot.mouseClick(w.current_screen.code, Qt.MouseButton.LeftButton)
        assert kb.isVisible()
    for ch in chars.lower():
        qtbot.mouseClick(kb.key(ch), Qt.MouseButton.LeftButton)


def answer_shown(w) -> bool:  # type: ignore[no-untyped-def]
    return w.findChild(QWidget, "track_answer").isVisible()


def test_a_typo_is_caught_on_the_kiosk_and_said_plainly(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    w.navigate("track")
    body = "K7M4QX9T2"
    good = body + tracking.check_symbol(body)
    wrong = good[:3] + good[4] + good[3] + good[5:]  # two neighbours swapped
    type_on_keyboard(w, qtbot, wrong)
    qtbot.mouseClick(w.findChild(QPushButton, "track_check"), Qt.MouseButton.LeftButton)
    assert "ký tự sai" in text(w, "track_result")
    assert not answer_shown(w)
    w.findChild(QLineEdit, "track_code").setText("K7M4Q")
    qtbot.mouseClick(w.findChild(QPushButton, "track_check"), Qt.MouseButton.LeftButton)
    assert text(w, "track_result").startswith("Mã có 10 ký tự") and "5" in text(w, "track_result")


def test_typed_code_shows_where_the_file_is_after_the_officer_moved_it(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    filed = file_dossier(sandbox, w.config.kiosk.id)
    officer_moves(sandbox, filed, "in_processing")
    officer_moves(sandbox, filed, "more_documents_needed", NOTE)
    w.navigate("home")
    w.navigate("track")
    type_on_keyboard(w, qtbot, filed.code)
    qtbot.mouseClick(w.current_screen.keyboard.key("done"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answer_shown(w), timeout=15000)
    assert text(w, "track_headline").startswith("Hồ sơ của ông/bà cần thêm giấy tờ")
    assert text(w, "track_note") == NOTE
    assert "Ủy ban nhân dân" in text(w, "track_must_do_after")
    assert text(w, "track_officer") == OFFICER
    assert text(w, "track_appointment").startswith("Thứ") and "/20" in text(w, "track_appointment")
    assert text(w, "track_agency").startswith("Ủy ban nhân dân")
    assert "Điện thoại:" in text(w, "track_contacts")
    assert text(w, "track_procedure") == "Đăng ký khai sinh"
    assert tracking.display(filed.code) in text(w, "track_code")
    timeline = text(w, "track_timeline")
    assert timeline.count("\n\n") == 2 and "Cần bổ sung giấy tờ" in timeline and NOTE in timeline
    assert not w.findChild(QWidget, "NoticeCard").isVisible()  # fresh: no offline warning
    assert not w.current_screen.keyboard.isVisible()
    # Vietnamese first; the same answer in English on request.
    w.prefs.set_language("en")
    qtbot.waitUntil(lambda: text(w, "track_headline").startswith("Your file needs more documents"))
    assert text(w, "track_procedure") == "Birth registration"
    assert "(The officer wrote this in Vietnamese.)" in text(w, "track_must_do")
    # Another code: back to typing.
    qtbot.mouseClick(w.findChild(QPushButton, "track_again"), Qt.MouseButton.LeftButton)
    assert not answer_shown(w) and w.findChild(QLineEdit, "track_code").text() == ""


def test_unknown_code_says_it_may_not_be_sent_yet(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("track")
    w.current_screen.code.setText(tracking.new_tracking_code())
    w.current_screen.check()
    qtbot.waitUntil(lambda: "Chưa tìm thấy hồ sơ" in text(w, "track_result"), timeout=15000)
    assert not answer_shown(w)


def test_a_receipt_scanned_at_home_opens_its_status(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    attach_receipt_scans(w)
    filed = file_dossier(sandbox, w.config.kiosk.id)
    officer_moves(sandbox, filed, "in_processing")
    w.navigate("home")
    w.services.scanner.deliver(receipt_qr(w, filed, sandbox.url), "camera")
    qtbot.waitUntil(lambda: w.controller.machine.current == "track" and answer_shown(w), timeout=15000)
    assert text(w, "track_headline") == "Cán bộ đang giải quyết hồ sơ của ông/bà."
    assert text(w, "track_must_do").startswith("Ông/bà chưa cần làm gì. Ngày hẹn trả kết quả: Thứ")
    assert not w.findChild(QLabel, "track_altered").isVisible()  # this kiosk's signature checks


def test_an_altered_receipt_of_this_kiosk_is_flagged_and_still_looked_up(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    filed = file_dossier(sandbox, w.config.kiosk.id)
    qr = urlsplit(receipt_qr(w, filed, sandbox.url))
    fields = dict(parse_qsl(qr.query))
    fields["d"] = "991231"  # someone "moved" the appointment printed in the QR
    forged = urlunsplit(qr._replace(query=urlencode(fields)))
    w.navigate("home")
    w.navigate("track")
    w.services.scanner.deliver(forged, "hid")
    qtbot.waitUntil(lambda: answer_shown(w), timeout=15000)
    assert w.findChild(QLabel, "track_altered").isVisible()
    assert "không khớp với chữ ký" in text(w, "track_altered")
    assert text(w, "track_headline").startswith("Hồ sơ của ông/bà đã được tiếp nhận")


def test_a_scan_that_is_not_a_receipt_says_so(make_window, qtbot, sandbox):  # noqa: F811
    w = wire(make_window(), sandbox)
    w.navigate("home")
    w.navigate("track")
    body = "K7M4QX9T2"
    bad = body + ("A" if tracking.check_symbol(body) != "A" else "B")
    w.services.scanner.deliver(bad, "hid")
    qtbot.waitUntil(lambda: "ký tự" in text(w, "track_result"))
    w.services.scanner.deliver("001203004567|123456789|Lê Thị Hoa|01011990|Nữ|Hà Nội|01012021", "hid")
    qtbot.waitUntil(lambda: "không phải mã trên giấy biên nhận" in text(w, "track_result"))
    assert not answer_shown(w)


def test_the_document_camera_reads_the_receipt_qr(make_window, qtbot, sandbox, tmp_path):  # noqa: F811
    from PIL import Image

    from kiosk.receipt import qr_image

    w = wire(make_window(), sandbox)
    filed = file_dossier(sandbox, w.config.kiosk.id)
    # The receipt held up to the camera: its QR on a white sheet, as a folder of frames.
    frames = tmp_path / "frames"
    frames.mkdir()
    sheet = Image.new("L", (1280, 720), 255)
    qr = qr_image(receipt_qr(w, filed, sandbox.url), 520, 6).convert("L")
    sheet.paste(qr, ((1280 - qr.width) // 2, (720 - qr.height) // 2))
    for i in range(3):
        sheet.save(frames / f"{i:02d}.png")
    w.services.override(camera=str(frames))
    w.navigate("home")
    w.navigate("track")
    qtbot.mouseClick(w.findChild(QPushButton, "track_camera"), Qt.MouseButton.LeftButton)
    assert w.findChild(QWidget, "track_preview").isVisible()
    qtbot.waitUntil(lambda: answer_shown(w), timeout=20000)
    assert text(w, "track_headline").startswith("Hồ sơ của ông/bà đã được tiếp nhận")
    assert not w.findChild(QWidget, "track_preview").isVisible()  # the camera is off again
    assert not w.services.camera.running
    w.services.stop()


def test_no_camera_says_so_and_typing_still_works(make_window, qtbot):
    w = make_window()
    w.services.override(camera="/nonexistent/camera.avi")
    w.navigate("home")
    w.navigate("track")
    qtbot.mouseClick(w.findChild(QPushButton, "track_camera"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Máy ảnh đang không dùng được" in text(w, "track_result"), timeout=10000)
    assert not w.findChild(QWidget, "track_preview").isVisible()
    assert w.findChild(QLineEdit, "track_code").isEnabled()
    w.services.stop()


def test_a_message_follows_the_language_switch(make_window, qtbot):
    w = make_window()
    w.navigate("home")
    w.navigate("track")
    w.current_screen.code.setText("K7M4Q")
    w.current_screen.check()
    assert text(w, "track_result").startswith("Mã có 10 ký tự")
    w.prefs.set_language("en")
    qtbot.waitUntil(lambda: text(w, "track_result").startswith("The code has 10 characters"))
    assert "You have typed 5" in text(w, "track_result")
