"""A screen reader's view of the kiosk, through Qt's AT-SPI bridge and pyatspi.

On the main screens (attract, home, find, track, help, the first wizard step, the finish
dialog) every interactive control a screen reader can reach has a name in the current
language (no internal id) and an action; language and text size are radio buttons; focus
lands on a named control on arrival; the finish confirmation is a modal dialog: while it is
open nothing behind it can be used. Navigation between screens is by the controls' default
actions only, as a screen reader would do it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ui.a11y.atspi import Control, ScreenReader, available

pytestmark = [pytest.mark.qt, pytest.mark.skipif(available() is not None, reason=str(available()))]

INTERNAL_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^(submit|track|find|help)$")


def _check_screen(sr: ScreenReader, screen: str) -> list[Control]:
    controls = sr.controls()
    assert controls, f"{screen}: no controls visible to a screen reader"
    problems = []
    for c in controls:
        if not c.name.strip():
            problems.append(f"{c.role} without a name at {c.extents}")
        elif INTERNAL_ID.match(c.name):
            problems.append(f"{c.role} named by an internal id {c.name!r}")
        if not c.actions:
            problems.append(f"{c.role} {c.name!r} has no action")
        elif (
            c.role in ("push button", "check box", "radio button", "toggle button")
            and c.actions[0] != "Press"
        ):
            problems.append(f"{c.role} {c.name!r}: default action is {c.actions[0]!r}, not Press")
        if not c.focusable:
            problems.append(f"{c.role} {c.name!r} is not focusable")
    assert not problems, f"{screen}: " + "; ".join(problems)
    return controls


def _press(sr: ScreenReader, name: str) -> None:
    sr.act(sr.wait_for(name))


def _focus_on_named(sr: ScreenReader, screen: str) -> None:
    import time

    deadline = time.monotonic() + 5
    focused = sr.focused()
    while (focused is None or not focused.get("name")) and time.monotonic() < deadline:
        time.sleep(0.1)  # AT-SPI has no event to wait on from the probe
        focused = sr.focused()
    assert focused and focused["name"], f"{screen}: focus is not on a named control ({focused})"


def test_main_screens_as_a_screen_reader_meets_them(tmp_path: Path) -> None:
    with ScreenReader(tmp_path) as sr:
        attract = _check_screen(sr, "attract")
        radios = {c.name: c.role for c in attract}
        assert radios["Tiếng Việt"] == radios["English"] == "radio button"
        assert radios["Chữ lớn"] == "radio button"
        assert "Nghe hướng dẫn" in radios

        _press(sr, "Chạm vào đây để bắt đầu")
        sr.wait_for("Tìm thủ tục")
        home = _check_screen(sr, "home")
        tiles = {c.name for c in home if c.role == "push button"}
        assert {"Nộp hồ sơ", "Hồ sơ của tôi đến đâu rồi?", "Tìm thủ tục", "Nhờ cán bộ hỗ trợ"} <= tiles
        _focus_on_named(sr, "home")

        for tile, landmark in [
            ("Tìm thủ tục", "Hộ tịch"),
            ("Hồ sơ của tôi đến đâu rồi?", "Tra cứu"),
            ("Nhờ cán bộ hỗ trợ", "Quay về các lựa chọn"),
            ("Nộp hồ sơ", "Bàn phím"),  # the wizard's first step
        ]:
            _press(sr, tile)
            sr.wait_for(landmark)
            _wait_until_gone(sr, "Nộp hồ sơ")
            _check_screen(sr, tile)
            _focus_on_named(sr, tile)
            _press(sr, "Quay lại")
            sr.wait_for("Nộp hồ sơ")

        # The finish confirmation: a modal dialog that takes focus; nothing behind it works.
        _press(sr, "Kết thúc, xoá thông tin")
        _wait_until_gone_sensitive(sr, "Tìm thủ tục")
        in_dialog = [c for c in sr.controls() if c.sensitive]
        assert in_dialog and all(c.name for c in in_dialog)
        assert "Tìm thủ tục" not in {c.name for c in in_dialog}
        _focus_on_named(sr, "finish dialog")
        focused = sr.focused()
        assert focused is not None and focused["name"] in {c.name for c in in_dialog}


def _wait_until_gone(sr: ScreenReader, name: str, timeout: float = 10) -> None:
    import time

    deadline = time.monotonic() + timeout
    while any(c.name == name for c in sr.controls()):
        assert time.monotonic() < deadline, f"{name!r} is still on screen"
        time.sleep(0.1)


def _wait_until_gone_sensitive(sr: ScreenReader, name: str, timeout: float = 10) -> None:
    import time

    deadline = time.monotonic() + timeout
    while any(c.name == name and c.sensitive for c in sr.controls()):
        assert time.monotonic() < deadline, f"{name!r} can still be used"
        time.sleep(0.1)
