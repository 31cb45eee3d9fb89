"""Find a procedure: forgiving search on the on-screen keyboard, browse by area, the detail
page, "Print this" on the TCP 9100 test printer, and "Start this procedure"."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.receipt import render_slip
from kiosk.wizard import PRESET_KEY
from tests.peers.printer_server import PrinterServer
from ui.screens.find import PROCEDURE_KEY

pytestmark = pytest.mark.qt


def text(w, name: str) -> str:  # type: ignore[no-untyped-def]
    return w.findChild(QLabel, name).text()


def tile(w, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    t = w.findChild(QWidget, name)
    assert t is not None, name
    return t


def hits(w) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.removeprefix("find_hit_") for n in w.current_screen.tiles if n.startswith("find_hit_")]


def open_find(w) -> None:  # type: ignore[no-untyped-def]
    w.navigate("home")
    w.navigate("find")


def test_search_forgives_missing_accents_and_telex_typed_on_the_keyboard(make_window, qtbot):
    w = make_window()
    open_find(w)
    kb = w.current_screen.keyboard
    assert not kb.isVisible()  # the areas first; touching the field brings the keyboard
    qtbot.mouseClick(w.current_screen.query, Qt.MouseButton.LeftButton)
    assert kb.isVisible()
    for ch in "ket hon":
        qtbot.mouseClick(kb.key("space" if ch == " " else ch), Qt.MouseButton.LeftButton)
    assert hits(w)[0] == "marriage_registration"
    qtbot.mouseClick(kb.key("done"), Qt.MouseButton.LeftButton)
    assert not kb.isVisible() and hits(w)[0] == "marriage_registration"
    w.current_screen.query.setText("ddawng kys khai sinh")  # raw Telex keystrokes
    assert hits(w)[0] == "birth_registration"
    w.current_screen.query.setText("Đăng ký tạm trú")
    assert hits(w)[0] == "temporary_residence_registration"
    w.current_screen.query.setText("xyzzy qwerty")
    assert hits(w) == []
    assert "Không tìm thấy thủ tục nào" in text(w, "find_status")
    assert any(n.startswith("find_sector_") for n in w.current_screen.tiles)  # a way on: browse


def test_browse_by_area_then_detail_and_back_keeps_the_list(make_window, qtbot):
    w = make_window()
    open_find(w)
    sectors = [n for n in w.current_screen.tiles if n.startswith("find_sector_")]
    assert len(sectors) >= 5
    area = tile(w, "find_sector_0")
    area_name = area.findChild(QLabel, "find_sector_0_title").text()
    qtbot.mouseClick(area, Qt.MouseButton.LeftButton)
    assert text(w, "find_status") == area_name == "Hộ tịch"
    assert "birth_registration" in hits(w) and "permanent_residence_registration" not in hits(w)
    qtbot.mouseClick(tile(w, "find_hit_birth_registration"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "procedure"
    assert text(w, "procedure_name") == "Đăng ký khai sinh"
    assert "Giấy chứng sinh" in text(w, "procedure_documents")
    assert "máy đọc từ căn cước gắn chip" in text(w, "procedure_documents")
    assert "Miễn lệ phí" in text(w, "procedure_fee")
    assert text(w, "procedure_time")
    where = text(w, "procedure_where")
    assert "nơi cư trú của người cha hoặc người mẹ" in where and "Điện thoại:" in where
    assert "Luật Hộ tịch" in text(w, "procedure_legal")
    qtbot.mouseClick(w.findChild(QPushButton, "procedure_back"), Qt.MouseButton.LeftButton)
    assert w.controller.machine.current == "find" and "birth_registration" in hits(w)


def test_print_this_prints_the_page_as_a_slip_on_the_tcp_printer(make_window, qtbot):
    with PrinterServer() as printer:
        w = make_window()
        w.services.override(printer=printer.uri)
        open_find(w)
        w.current_screen.open("certified_copy")
        screen = w.current_screen
        qtbot.mouseClick(w.findChild(QPushButton, "procedure_print"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: text(w, "procedure_print_status").startswith("Đã in xong"), timeout=15000)
        expected = np.asarray(render_slip(screen.slip(), 576).image.convert("L")) < 128  # in Vietnamese
        w.prefs.set_language("en")  # the note follows the citizen's language
        qtbot.waitUntil(lambda: text(w, "procedure_print_status").startswith("Printed."))
        pages = printer.wait_pages(1)
        printed = np.asarray(pages[0].image(576).convert("L")) < 128
        # The raster that came out is the slip of this page (same ink, same height give or take feed).
        assert abs(printed.sum() - expected.sum()) <= 0.01 * expected.sum()
        assert abs(printed.shape[0] - expected.shape[0]) < 200
        w.services.stop()


def test_print_without_a_printer_says_the_page_stays_on_screen(make_window, qtbot):
    w = make_window()
    w.services.override(printer="tcp://127.0.0.1:9")  # nothing listens there
    open_find(w)
    w.current_screen.open("certified_copy")
    qtbot.mouseClick(w.findChild(QPushButton, "procedure_print"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text(w, "procedure_print_status").startswith("Chưa in được"), timeout=20000)
    assert w.findChild(QPushButton, "procedure_print").isEnabled()  # try again is possible
    w.services.stop()


def test_start_this_procedure_hands_over_to_the_wizard(make_window, qtbot):
    w = make_window()
    open_find(w)
    w.current_screen.open("marriage_registration")
    assert w.session.data[PROCEDURE_KEY] == "marriage_registration"
    qtbot.mouseClick(w.findChild(QPushButton, "procedure_start"), Qt.MouseButton.LeftButton)
    # The wizard skips choosing the procedure and opens at "where to apply" for this one.
    assert w.controller.machine.current.startswith("submit")
    assert (
        w.controller.machine.current != "submit" or w.session.data.get(PRESET_KEY) == "marriage_registration"
    )
    labels = [lab.text() for lab in w.current_screen.findChildren(QLabel)]
    assert any("kết hôn" in t for t in labels), labels
