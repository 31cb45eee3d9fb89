"""Quality reasons on the same sheet made dark, blurred, glaring, cut off or far away."""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan import DocumentDetector
from devices.camera.quality import assess
from tests.devices.camera.scenes import PAGE, desk, place, sheet


def _frame():
    return place(desk(), sheet(), PAGE)


def test_good_frame_has_no_reason():
    f = _frame()
    q = assess(f, DocumentDetector().detect(f))
    assert q.ok and q.hint is None, q


def test_no_document():
    assert assess(desk(), None).reasons == ("camera.no_document",)


def test_dark():
    f = _frame()
    d = DocumentDetector().detect(f)
    assert "camera.too_dark" in assess((f * 0.2).astype(np.uint8), d).reasons


def test_blur():
    f = _frame()
    d = DocumentDetector().detect(f)
    assert "camera.blur" in assess(cv2.GaussianBlur(f, (0, 0), 4), d).reasons


def test_glare():
    f = _frame()
    d = DocumentDetector().detect(f)
    g = f.astype(np.float32)
    yy, xx = np.mgrid[0 : f.shape[0], 0 : f.shape[1]]
    g += 255 * 0.9 * np.exp(-((xx - 600) ** 2 + (yy - 380) ** 2) / 90.0**2)[..., None]
    assert "camera.glare" in assess(np.clip(g, 0, 255).astype(np.uint8), d).reasons


def test_cut_off_at_the_edge():
    corners = PAGE + np.array([-400, 0], np.float32)  # slid off the left edge
    f = place(desk(), sheet(), corners)
    d = DocumentDetector().detect(f)
    assert d is not None
    assert "camera.cut_off" in assess(f, d).reasons


def test_too_small():
    small = (PAGE - PAGE.mean(axis=0)) * 0.3 + np.array([640, 360], np.float32)
    f = place(desk(), sheet(), small)
    d = DocumentDetector(min_area=0.005).detect(f)
    assert d is not None
    assert "camera.too_small" in assess(f, d).reasons


def test_a_card_small_in_the_frame_but_legible_is_not_too_small():
    # a CCCD lying on a tray seen whole by a 1920×1080 camera: ~7 % of the frame, 300 px across
    card = np.array([[700, 400], [1176, 400], [1176, 700], [700, 700]], np.float32)
    f = place(desk(1920, 1080, seed=1), sheet(476, 300), card)
    d = DocumentDetector().detect(f)
    assert d is not None and d.area_frac < 0.08
    assert "camera.too_small" not in assess(f, d).reasons


def _blank_frame():
    return place(desk(), np.full((594, 420, 3), (236, 238, 240), np.uint8), PAGE)


def test_blank_sheet_is_not_called_blurred():
    # Given a sharp picture of a sheet with no print at all (the blank back of a form)
    f = _blank_frame()
    d = DocumentDetector().detect(f)
    assert d is not None
    q = assess(f, d)
    # Then it is judged by its outline, and is sharp
    assert "camera.blur" not in q.reasons and q.sharpness > 0.3, q


def test_blank_sheet_out_of_focus_is_blurred():
    f = _blank_frame()
    d = DocumentDetector().detect(f)
    assert "camera.blur" in assess(cv2.GaussianBlur(f, (0, 0), 2.5), d).reasons
