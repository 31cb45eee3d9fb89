"""Camera controller: frames processed off the GUI thread, outline + hint, pages captured."""

from __future__ import annotations

import pytest

from devices.camera.session import DocumentSession
from devices.camera.simulated import simulated_source
from ui.devices.camera import CameraController, PreviewInfo

pytestmark = pytest.mark.qt


def test_simulated_camera_previews_and_auto_captures_a_page(qtbot):
    cam = CameraController(preview_width=640)
    pages = []
    cam.pageCaptured.connect(pages.append)
    infos: list[PreviewInfo] = []
    cam.frameReady.connect(lambda img, info: infos.append(info))
    try:
        # the generated desk scene at its demo rate (15 fps): the page rests 3 s, then a card
        # comes; a loaded machine drops frames but must still catch the page while it rests
        cam.start(simulated_source(loop=True), DocumentSession("page", max_pages=1))
        qtbot.waitUntil(lambda: len(pages) == 1, timeout=30_000)
    finally:
        cam.close()
    page = pages[0]
    assert page.number == 1 and page.auto
    assert page.image.shape[0] > page.image.shape[1]  # A4 portrait at 200 dpi
    assert any(i.result is not None and i.result.detection is not None for i in infos)
    assert all(abs(i.scale - 0.5) < 1e-6 for i in infos)


def test_manual_capture_without_a_document_keeps_the_whole_frame(qtbot):
    cam = CameraController()
    pages = []
    cam.pageCaptured.connect(pages.append)
    try:
        cam.start(simulated_source(loop=True), DocumentSession("page"))  # an empty desk for 1 s
        qtbot.waitUntil(lambda: cam.frames >= 2, timeout=10_000)
        with qtbot.waitSignal(cam.pageCaptured, timeout=10_000):
            cam.capture_now()  # taken on the capture thread with the next frame
    finally:
        cam.close()
    assert len(pages) == 1 and not pages[0].auto
    assert pages[0].image.shape[:2] == (720, 1280)  # the empty desk: no outline, the whole frame
