"""The preview widget draws the outline in the right colour and shows the hint in words."""

from __future__ import annotations

import numpy as np
import pytest

from devices.camera.capture import Frame
from devices.camera.session import DocumentSession
from devices.camera.simulated import _Scene
from ui.devices.camera import PreviewInfo, to_qimage
from ui.widgets.camera_preview import ADJUST, GOOD, CameraPreview

pytestmark = pytest.mark.qt


def _result(image: np.ndarray, t: float = 0.0):
    return DocumentSession("page").process(Frame(image, 0, t))


def test_outline_colour_and_hint(qtbot):
    w = CameraPreview(lang="en")
    qtbot.addWidget(w)
    w.resize(640, 360)
    scene = _Scene()
    resting = scene.frame(40)  # the page lies still on the desk
    r = _result(resting)
    w.show_frame(to_qimage(resting), PreviewInfo(1.0, r))
    w.show()
    qtbot.waitExposed(w)
    assert w.outline_color() == GOOD
    grab = w.grab().toImage()
    assert grab.width() == 640

    dark = (resting * 0.2).astype(np.uint8)
    r2 = _result(dark)
    w.show_frame(to_qimage(dark), PreviewInfo(1.0, r2))
    if r2.detection is not None:
        assert w.outline_color() == ADJUST
        assert w.hint_text() == "The picture is too dark."

    empty = scene.frame(0)
    w.set_language("vi")
    w.show_frame(to_qimage(empty), PreviewInfo(1.0, _result(empty)))
    assert w.outline_color() is None
    assert w.hint_text().startswith("Chưa thấy giấy tờ")
    w.grab()  # paints without error
    w.hide()


def test_each_new_hint_is_announced_once_for_speech(qtbot):
    w = CameraPreview(lang="vi")
    qtbot.addWidget(w)
    heard: list[str] = []
    w.hint_changed.connect(heard.append)
    empty = _Scene().frame(0)
    for _ in range(3):  # the same hint frame after frame: said once
        w.show_frame(to_qimage(empty), PreviewInfo(1.0, _result(empty)))
    assert len(heard) == 1 and heard[0] == w.hint_text() and heard[0].startswith("Chưa thấy giấy tờ")
