"""A pale document on a pale tray (:mod:`devices.camera.docscan.tray_ground`): the regions that stand out
from the tray by a small step, the checks on their outlines, and the detector's last look with them.

The frames are made here (``pale_tray_scenes``: numpy and Pillow, a plate filling the view, a card,
a receipt or a page at ΔE 5–14), not by any benchmark generator. Seeds 1000–1039 were looked at while
the path was written; the figures in the report are of seeds 5000–5099, never looked at.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.docscan.halve import halvings
from devices.camera.docscan.tray_ground import (
    document_shaped,
    off_border,
    one_step_all_round,
    plate_share,
    region_contours,
    tray_ground_contours,
    windows,
)
from tests.devices.camera.docscan.pale_tray_scenes import pale_document, plate_only

DET = DocumentDetector()
H, W = 200, 360


def _plate(seed: int = 0, slope: float = 30.0, noise: float = 1.5) -> np.ndarray:
    """A pale Lab plate (OpenCV's 8-bit scale) whose lightness falls off by ``slope`` across it, with noise smoothed as in a working copy."""
    rng = np.random.default_rng(seed)
    lab = np.empty((H, W, 3), np.float32)
    lab[:] = (200.0, 128.0, 131.0)
    lab[:, :, 0] -= np.linspace(0, slope, W, dtype=np.float32)[None, :]
    lab += cv2.GaussianBlur(rng.normal(0, noise, lab.shape).astype(np.float32), (5, 5), 0)
    return np.clip(lab, 0, 255).astype(np.uint8)


def _rect(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)


def _card(lab: np.ndarray, q: np.ndarray, step=(9.0, 0.0, -4.0)) -> np.ndarray:
    """``lab`` with the quadrilateral ``q`` moved by ``step`` (a pale card: a few units lighter, a little bluer)."""
    mask = np.zeros(lab.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(q).astype(np.int32), 1)
    out = lab.astype(np.float32)
    out[mask > 0] += np.array(step, np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


CARD = _rect(140, 70, 64, 40)


def test_a_card_a_few_units_off_a_sloping_plate_is_one_region_and_the_empty_plate_none():
    empty = _plate()
    assert tray_ground_contours(empty, 0.008 * H * W) == []
    found = tray_ground_contours(_card(empty, CARD), 0.008 * H * W)
    assert found, "the card stands out from the tray round it"
    x, y, w, h = cv2.boundingRect(max(found, key=cv2.contourArea))
    assert abs(x - 140) <= 4 and abs(y - 70) <= 4 and abs(w - 64) <= 6 and abs(h - 40) <= 6


def test_a_region_darker_than_asked_is_left_out():
    dark = _card(_plate(), CARD, step=(-60.0, 0.0, 0.0))  # a phone on the tray
    assert tray_ground_contours(dark, 0.008 * H * W)
    assert tray_ground_contours(dark, 0.008 * H * W, least_light=150.0) == []


def test_the_card_is_what_differs_from_the_windows_border():
    window = _card(_plate(slope=5.0), CARD)[40:140, 100:250]
    regions = region_contours(off_border(window), 0.04 * window.shape[0] * window.shape[1])
    assert len(regions) == 1
    x, y, w, h = cv2.boundingRect(regions[0])
    assert abs(x - 40) <= 3 and abs(y - 30) <= 3


def test_one_step_all_round_holds_for_a_card_and_not_for_a_lit_patch_between_shadows():
    card = _card(_plate(slope=5.0), CARD)
    assert one_step_all_round(CARD, card)
    # a lit patch of the same tray between two shadows, the tray as lit beyond a third side and
    # a dark phone's edge inside the fourth
    lit = _plate(slope=5.0).astype(np.float32)
    lit[:, :140, 0] -= 60
    lit[:, 204:, 0] -= 60
    lit[95:110, 140:204, 0] = 40
    patch = np.clip(lit, 0, 255).astype(np.uint8)
    assert not one_step_all_round(_rect(140, 40, 64, 70), patch)


def test_a_documents_shape_is_nearly_a_parallelogram_and_not_a_strip():
    assert document_shaped(_rect(0, 0, 86, 54))
    assert document_shaped(_rect(0, 0, 80, 230))  # a receipt of a few lines
    assert not document_shaped(_rect(0, 0, 40, 200))  # a pen, a cable
    assert not document_shaped(_rect(0, 0, 70, 76))  # a queue ticket
    trapezoid = np.array([[0, 0], [30, 0], [60, 100], [-30, 100]], np.float64)
    assert not document_shaped(trapezoid)


def test_a_plate_fills_the_view_a_busy_picture_does_not():
    plate = _plate()
    assert plate_share(plate, 200.0) > 0.9
    rng = np.random.default_rng(1)
    blocks = cv2.resize(
        rng.integers(0, 256, (6, 10, 3), dtype=np.uint8), (W, H), interpolation=cv2.INTER_NEAREST
    )
    assert plate_share(cv2.cvtColor(blocks, cv2.COLOR_BGR2Lab), 250.0) < 0.3


def test_windows_are_centred_on_each_region_once_and_never_over_half_the_frame():
    small = np.round(_rect(40, 30, 20, 12)).astype(np.int32).reshape(-1, 1, 2)
    same = small + 1  # the same card at the other scale
    tray = np.round(_rect(2, 2, 150, 90)).astype(np.int32).reshape(-1, 1, 2)
    found = windows([small, same, tray], scale=0.25, width=640, height=400, margin=2.0)
    assert len(found) == 1
    x0, y0, x1, y1, short = found[0]
    assert abs((x0 + x1) / 2 - 200) <= 8 and abs((y0 + y1) / 2 - 144) <= 8
    assert x1 - x0 == pytest.approx(160, abs=8) and short == pytest.approx(48, abs=6)


# pale documents on a grainy plate that the detector on main missed (nothing, or not the document:
# IoU 0.0), from the seeds looked at while writing the path: a receipt at ΔE 12.9 found whole, a
# card at 7.3 and a receipt at 5.2 found in part (their outline runs along a print band or a
# shadowed edge)
FOUND_WHOLE = (1033,)
FOUND_IN_PART = (1003, 1030)


@pytest.mark.parametrize("seed", FOUND_WHOLE + FOUND_IN_PART)
def test_a_pale_document_on_a_pale_plate_is_found(seed):
    s = pale_document(seed)
    found = DET.detect(s.image)
    assert found is not None
    assert quad_iou(found.corners, s.corners) > (0.9 if seed in FOUND_WHOLE else 0.5)


def test_the_last_look_reports_nothing_on_a_plate_without_a_document():
    # the plate alone, a pale coaster, a pen, a shadow's soft edge (the look itself: whatever the
    # rest of the detector says of these frames)
    for seed in range(1000, 1024):
        frame = plate_only(seed).image
        assert DET._on_plain_tray(frame, halvings(frame, 2 * DET.work_side)[-1]) is None, seed


def test_pale_documents_are_found_as_often_as_measured():
    # seeds 1000-1039 at IoU 0.5: 24 of 40 on main, 27 on this branch (at 0.8: 20 and 21)
    found = 0
    for seed in range(1000, 1040):
        s = pale_document(seed)
        d = DET.detect(s.image)
        found += d is not None and quad_iou(d.corners, s.corners) >= 0.5
    assert found >= 27
