"""The technician screen's tray-contrast button: a blank sheet on a white counter (a rendered
picture played as the camera) fails with the advice to lay a dark mat, in the report table."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from kiosk.config import parse_config
from tests.devices.camera.tray_scenes import TRAYS, tray_scene
from tests.ui.technician.test_screen import finish, kiosk_env, make_screen  # noqa: F401 - the fixture

pytestmark = pytest.mark.qt


@pytest.mark.parametrize(("tray", "word"), [("white", "Fail"), ("dark_blue", "Pass")])
def test_the_tray_button_reports_the_contrast(qtbot, kiosk_env, tmp_path: Path, tray, word):  # noqa: F811
    picture = tmp_path / "tray.png"
    cv2.imwrite(str(picture), tray_scene(TRAYS[tray], seed=4)[0])
    env = {**kiosk_env, "cfg": parse_config({"devices": {"camera": str(picture)}})}
    screen, audits = make_screen(qtbot, env)
    screen.show()
    try:
        button = screen.findChild(object, "tech_check_tray")
        assert button.isVisible() and button.text() == "Tray check (blank A4 sheet)"
        button.click()
        qtbot.waitUntil(lambda: screen.report is not None, timeout=20000)
        table = screen.findChild(object, "tech_report_table")
        rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
        r = rows["Tray contrast"]
        assert table.item(r, 1).text() == word
        assert table.item(r, 2).text().startswith("ΔE ")
        if tray == "white":
            assert "dark matte mat" in table.item(r, 3).text()
        assert ("technician_action", {"action": "tray", "staff_id": "KT0031"}) in audits
    finally:
        finish(screen)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_tray_line_shows_the_kept_verdict_and_what_to_do(qtbot, kiosk_env, tmp_path: Path, lang):  # noqa: F811
    """Never checked, then failed on a white counter: the enrollment box's tray line says so, with
    the date and what to do, Vietnamese first; it stays after the screen is opened again."""
    from ui.i18n.translator import Languages, ensure_built

    ensure_built()
    langs = Languages()
    assert langs.set(lang)
    try:
        tray_line_kept(qtbot, kiosk_env, tmp_path, lang)
    finally:
        langs.set("en")


def tray_line_kept(qtbot, kiosk_env, tmp_path: Path, lang: str) -> None:  # noqa: F811
    picture = tmp_path / "tray.png"
    cv2.imwrite(str(picture), tray_scene(TRAYS["white"], seed=4)[0])
    env = {**kiosk_env, "cfg": parse_config({"devices": {"camera": str(picture)}})}
    screen, _ = make_screen(qtbot, env, lang=lang)
    screen.show()
    line = screen.findChild(object, "tech_enroll_tray")
    try:
        qtbot.waitUntil(lambda: screen.status_data.get("tray") is not None, timeout=10000)
        first = line.text()
        assert (
            ("chưa kiểm tra" in first and "tờ A4 trắng" in first)
            if lang == "vi"
            else ("never checked" in first and "blank A4 sheet" in first)
        )
        assert screen.findChild(object, "tech_check_tray").text() == (
            "Kiểm tra khay (tờ A4 trắng)" if lang == "vi" else "Tray check (blank A4 sheet)"
        )
        screen.findChild(object, "tech_check_tray").click()
        qtbot.waitUntil(
            lambda: (screen.status_data.get("tray") or {}).get("standing") == "fail", timeout=20000
        )
    finally:
        finish(screen)
    screen, _ = make_screen(qtbot, env, lang=lang)  # opened again: the verdict was kept
    screen.show()
    line = screen.findChild(object, "tech_enroll_tray")
    try:
        qtbot.waitUntil(lambda: screen.status_data.get("tray") is not None, timeout=10000)
        text = line.text()
        day = screen.status_data["tray"]["checked_on"]
        assert day and day in text and "ΔE" in text
        if lang == "vi":
            assert text.startswith("Lỗi") and "kiểm tra ngày" in text and "tấm lót" in text
        else:
            assert text.startswith("Fail") and "checked on" in text and "dark matte mat" in text
        assert "#fde0e0" in line.styleSheet()
    finally:
        finish(screen)
