"""The edge contrast of ``bench/docseg/contrast_table.py``: ΔE*ab between the bands just inside and just outside a true outline."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from bench.docseg.contrast_table import band_of, edge_delta_e


def _frame(inside_lab, outside_lab, corners: np.ndarray) -> np.ndarray:
    """A BGR frame of one L*a*b* colour with a quadrilateral of another."""

    def bgr(lab):
        px = np.array(lab, np.float32).reshape(1, 1, 3)
        return cv2.cvtColor(px, cv2.COLOR_LAB2BGR)[0, 0] * 255.0

    img = np.empty((240, 320, 3), np.float32)
    img[:] = bgr(outside_lab)
    cv2.fillConvexPoly(img, np.round(corners).astype(np.int32), bgr(inside_lab).tolist())
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


QUAD = np.array([[80, 60], [240, 70], [230, 180], [90, 170]], np.float32)


@pytest.mark.parametrize("step", [(6.0, 0.0, 0.0), (0.0, 5.0, -5.0), (3.0, 4.0, 10.0)])
def test_the_step_across_the_outline_is_measured_in_cie_units(step):
    tray = np.array([78.0, 1.0, 4.0])
    frame = _frame(tray + step, tray, QUAD)
    assert edge_delta_e(frame, QUAD) == pytest.approx(float(np.linalg.norm(step)), abs=0.8)


def test_print_away_from_the_edge_does_not_count():
    tray = np.array([80.0, 0.0, 2.0])
    frame = _frame(tray + (8.0, 0.0, 0.0), tray, QUAD)
    cv2.rectangle(frame, (120, 100), (200, 140), (30, 30, 30), -1)  # a photo box in the middle
    assert edge_delta_e(frame, QUAD) == pytest.approx(8.0, abs=0.8)


def test_an_outline_too_thin_for_its_bands_has_no_contrast():
    sliver = np.array([[100, 100], [200, 100], [200, 104], [100, 104]], np.float32)
    assert edge_delta_e(_frame((90.0, 0, 0), (70.0, 0, 0), sliver), sliver) is None


def test_the_bands_are_the_tray_self_tests_verdicts():
    assert [band_of(x) for x in (0.0, 4.49, 4.5, 13.9, 14.0, 60.0)] == [0, 0, 1, 1, 2, 2]
