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
