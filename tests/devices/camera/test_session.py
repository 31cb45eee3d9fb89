"""Document session over the simulated camera: auto-capture, ID front/back, retake, JPEG + PDF."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from devices.camera.capture import Frame
from devices.camera.health import probe
from devices.camera.session import AutoCapture, DocumentSession
from devices.camera.simulated import FPS, LOOP_FRAMES, simulated_source
from devices.settings import DeviceSettings

CARD_START = 90  # the simulated loop shows a page first, then an ID card's front and back


def _play(session: DocumentSession, n: int = LOOP_FRAMES, start: int = 0):
    src = simulated_source(loop=False)
    results = []
    for i in range(n):
        img = src.read()
        if img is None:
            break
        if i >= start:
            results.append(session.process(Frame(img, i, i / FPS)))
    return results


def test_pages_are_captured_once_each_when_steady():
    s = DocumentSession(None)
    results = _play(s)
    captured = [r for r in results if r.page is not None]
    assert len(captured) == 3  # the page, the card's front, its back: one capture each
    assert [p.number for p in s.pages] == [1, 2, 3]
    assert all(p.auto for p in s.pages)
    first = captured[0]
    assert first.state == "captured" and first.quality.ok
    steady_before = [r for r in results[: first.index] if r.state == "steady"]
    assert steady_before and (first.t - steady_before[0].t) >= 0.8 - 1e-6


def test_id_card_asks_for_front_then_back_and_stops():
    s = DocumentSession("card")
    assert s.prompt() == "camera.id_front"
    results = _play(s, start=CARD_START)
    assert [p.side for p in s.pages] == ["front", "back"]
    assert s.done and results[-1].state == "done"
    front, back = s.pages
    assert front.image.shape[:2] == (425, 674) and back.image.shape[:2] == (425, 674)  # ID-1 at 200 dpi


def test_retake_replaces_the_page_in_place():
    s = DocumentSession("card")
    _play(s, start=CARD_START)
    s.retake(1)
    assert [p.side for p in s.pages] == ["back"] and s.prompt() == "camera.id_front"
    src = simulated_source(loop=False)
    frames = [src.read() for _ in range(LOOP_FRAMES)]
    for i, img in enumerate(frames[100:140]):  # the card front lies there again
        s.process(Frame(img, i, i / FPS))
    assert [p.side for p in s.pages] == ["front", "back"]


def test_manual_capture_and_save_jpeg_and_pdf(tmp_path):
    s = DocumentSession("page", auto=False)
    results = _play(s, 60)
    assert not s.pages  # auto capture off
    assert results[-1].detection is not None
    page = s.capture_now()
    assert page is not None and not page.auto
    saved = s.save(tmp_path, "giay-khai-sinh")
    assert [p.name for p in saved.pages] == ["giay-khai-sinh-1.jpg"]
    assert Image.open(saved.pages[0]).size == (1654, 2339)
    pdf = saved.pdf.read_bytes()
    assert (
        pdf.startswith(b"%PDF")
        and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 1
    )


def test_save_without_pages_is_refused(tmp_path):
    with pytest.raises(ValueError):
        DocumentSession().save(tmp_path)


def test_autocapture_needs_a_steady_outline():
    from devices.camera.docscan import Detection
    from devices.camera.quality import Quality

    a = AutoCapture(hold_s=0.5, stable_iou=0.96)
    good = Quality(())
    sq = np.array([[100, 100], [500, 100], [500, 400], [100, 400]], np.float32)
    d = Detection(sq, 1.0, 0.2)
    moved = Detection(sq + 60, 1.0, 0.2)
    states = [a.update(d, good, 0.0)[0], a.update(moved, good, 0.1)[0], a.update(d, good, 0.2)[0]]
    assert "captured" not in states
    state, progress, fire = a.update(d, good, 0.3)  # steady since 0.2
    assert state == "steady" and progress == pytest.approx(0.2) and not fire
    assert a.update(d, good, 0.65)[2] is False
    assert a.update(d, good, 0.75)[2] is True
    assert a.update(d, good, 1.0)[0] == "move_on"
    assert a.update(None, good, 1.1)[0] == "searching"  # taken away: ready for the next page


def test_camera_health():
    assert probe(DeviceSettings(camera="sim")).state == "ok"
    assert probe(DeviceSettings(camera="/nonexistent/clip.mp4")).state == "fail"
    assert probe(DeviceSettings(camera="none")).state == "absent"


def test_the_words_stop_saying_place_the_document_when_the_detector_does_not_see_one():
    from devices.camera.session import UNSEEN_HELP_S

    s = DocumentSession("page", max_pages=1)
    blank = np.full((720, 1280, 3), 200, np.uint8)  # white paper filling a pale tray looks like this
    hints = [s.process(Frame(blank, i, i * 0.5)).hint for i in range(int(UNSEEN_HELP_S * 2) + 2)]
    assert hints[0] == "camera.no_document"
    assert hints[int(UNSEEN_HELP_S * 2) - 1] == "camera.no_document"
    assert hints[-1] == "camera.not_found_press"  # "if it is already there, press Take it now"
    src = simulated_source(loop=False)
    page = src.read()
    while s.detector.detect(page) is None:  # the simulated loop slides a page in
        page = src.read()
    seen = s.process(Frame(page, 100, 100 * 0.5))
    assert seen.detection is not None and seen.hint != "camera.not_found_press"
    again = s.process(Frame(blank, 101, 101 * 0.5))
    assert again.hint == "camera.no_document"  # the clock starts again once a document was seen


def test_an_open_passport_upside_down_is_stored_as_its_data_page_upright():
    """The zone (mrz_band) is the page's bottom: the stored page reads upright, at the data page's size."""
    import cv2

    from devices.camera.docscan.mrz_band import find_band
    from tests.devices.camera.docscan import mrz_pages as P

    spread, _ = P.spread()
    frame, _ = P.place(spread, P.quad(640, 480, 131 * 2.6, 182 * 2.6, 180))
    s = DocumentSession("page", auto=False)
    s.process(Frame(frame, 0, 0.0))
    page = s.capture_now()
    assert page is not None
    h, w = page.image.shape[:2]
    assert (w, h) == (984, 693)  # 125 × 88 mm at 200 dpi
    small = cv2.resize(page.image, (w // 3, h // 3), interpolation=cv2.INTER_AREA)
    band = find_band(small, np.array([[0, 0], [w // 3, 0], [w // 3, h // 3], [0, h // 3]], np.float32))
    assert band is not None and band.fmt == "TD3" and band.side == 2  # along the bottom


def test_on_a_pale_tray_the_words_point_to_the_manual_button_at_once():
    s = DocumentSession("page", max_pages=1, unseen_help_s=0.0)
    blank = np.full((720, 1280, 3), 200, np.uint8)
    assert [s.process(Frame(blank, i, i * 0.5)).hint for i in range(3)] == ["camera.no_document"] + [
        "camera.not_found_press"
    ] * 2
