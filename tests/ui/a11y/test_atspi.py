"""A screen reader's view of the kiosk, through Qt's AT-SPI bridge and pyatspi.

On the main screens (attract, home, find, track, help, the first wizard step, the finish
dialog) every interactive control a screen reader can reach has a name in the current
language (no internal id) and an action; language and text size are radio buttons; focus
lands on a named control on arrival; the finish confirmation is a modal dialog: while it is
open nothing behind it can be used. Navigation between screens is by the controls' default
actions only, as a screen reader would do it.

In the wizard: the identify step's pictures (where the card and its QR go) are read by name
and by where the device is on this kiosk; the hand-over question is a modal card whose words
are read and whose answers are named, and the slip screen after it reads the queue number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.messages.handover import MESSAGES
from tests.ui.a11y.atspi import Control, ScreenReader, available

pytestmark = [pytest.mark.qt, pytest.mark.skipif(available() is not None, reason=str(available()))]

INTERNAL_ID = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^(submit|track|find|help)$")


def _check_screen(sr: ScreenReader, screen: str, *, usable_only: bool = False) -> list[Control]:
    """``usable_only``: under a modal card, what lies behind it is disabled (and has no action)."""
    controls = [c for c in sr.controls() if c.sensitive or not usable_only]
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


def _press_starting(sr: ScreenReader, prefix: str) -> None:
    """Press the usable control whose name starts with ``prefix`` ("Tiếp tục  ›")."""
    import time

    deadline = time.monotonic() + 15
    while True:
        hits = [c for c in sr.controls() if c.name.startswith(prefix) and c.sensitive]
        if hits:
            sr.act(hits[0])
            return
        assert time.monotonic() < deadline, f"no usable control named {prefix!r}…"
        time.sleep(0.2)  # AT-SPI has no event to wait on from the probe


def _scroll_to(sr: ScreenReader, name: str, tries: int = 6) -> None:
    """Press "more below" until ``name`` is in view, as a screen reader user would."""
    for _ in range(tries):
        names = {c.name for c in sr.controls()}
        if name in names:
            return
        cue = [n for n in names if n.startswith("▼")]
        assert cue, f"{name!r} is not on the page: {sorted(names)}"
        _press(sr, cue[0])
    sr.wait_for(name)


def _read(sr: ScreenReader, name: str, timeout: float = 15, *, pattern: bool = False) -> Control:
    """Wait until a screen reader can read an object called ``name`` (any role); ``pattern``:
    ``name`` is a regular expression the whole name must match."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        named = sr.controls(everything=True)
        hits = [c for c in named if (re.fullmatch(name, c.name) if pattern else c.name == name)]
        if hits:
            return hits[0]
        assert time.monotonic() < deadline, (
            f"nothing a screen reader reads as {name!r}: {[c.name for c in named]}"
        )
        time.sleep(0.2)


def test_identify_pictures_and_the_hand_over_as_a_screen_reader_meets_them(tmp_path: Path) -> None:
    with ScreenReader(tmp_path) as sr:
        _press(sr, "Chạm vào đây để bắt đầu")
        _press(sr, "Nộp hồ sơ")
        _press_starting(sr, "Đăng ký khai sinh\n")
        _press(sr, "Có")
        _press_starting(sr, "Tiếp tục")

        # The identify step: each picture is a stop with a name that says what it shows and a
        # description that says where the device is on this kiosk.
        card = _read(sr, "Hình: Đặt thẻ lên đầu đọc")
        qr = _read(sr, "Hình: Đưa mã QR vào máy quét")
        for picture in (card, qr):
            assert picture.description.startswith("Ở kiosk này: "), picture
            assert picture.focusable, f"{picture.name!r} is not a stop for keypad and speech users"
        # The layered privacy notice: "read it in full" is a usable control, named for what it opens.
        more = "Đọc đầy đủ: máy đọc gì từ thẻ và giữ đến khi nào"
        assert any(c.name == more and c.sensitive for c in sr.controls()), more
        _check_screen(sr, "identify")

        # The sample card's chip read (demo profile), then the form, where staff can take over.
        _scroll_to(sr, "Thử nghiệm: quét mã QR của thẻ mẫu")
        _press(sr, "Thử nghiệm: quét mã QR của thẻ mẫu")
        _press(sr, "Cho con tôi (cha, mẹ nộp)")
        _press_starting(sr, "Tiếp tục")
        sr.wait_for("Câu tiếp")  # the form's first question
        _scroll_to(sr, "Nhờ cán bộ hoàn thành")
        _press(sr, "Nhờ cán bộ hoàn thành")

        # The question: a modal card; its words are read, its two answers are named and usable,
        # nothing behind it is, and focus is on the big answer.
        sr.wait_for("Tiếp tục tại máy này")
        _wait_until_gone_sensitive(sr, "Quay lại")
        _read(sr, "Nhờ cán bộ hoàn thành hồ sơ?")
        words = _read(sr, MESSAGES["handover.ask.body"][0])
        assert words.extents and words.extents[2] > 0 and words.extents[3] > 0
        usable = {c.name for c in sr.controls() if c.sensitive}
        assert {"Tiếp tục tại máy này", "Nhờ cán bộ hoàn thành"} <= usable
        _check_screen(sr, "hand-over question", usable_only=True)
        _focus_on_named(sr, "hand-over question")
        assert (sr.focused() or {}).get("name") == "Tiếp tục tại máy này"

        # Handed over: the slip screen says where to go and reads the queue number.
        _press_starting(sr, "Nhờ cán bộ hoàn thành")
        _read(sr, "Mời ông/bà đến quầy", timeout=30)
        _read(sr, "Số thứ tự của ông/bà")
        # The number comes from the central, or from the kiosk after 8 s without an answer: on a
        # loaded machine it appears after its caption.
        _read(sr, r"(Q|[A-Za-z0-9-]+)-\d{3}", timeout=30, pattern=True)
        _check_screen(sr, "hand-over slip")
