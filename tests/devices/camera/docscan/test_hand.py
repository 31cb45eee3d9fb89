"""The hand's mask: skin of a hand's size is found on a tray, in five skin tones; paper, a beige tray
filling the view and a small skin-coloured thing are not a hand."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan.hand import hand_mask, skin
from tests.devices.camera.docscan import hand_scenes as S


def _lab(bgr: np.ndarray) -> np.ndarray:
    """The detector's working copy: 400 pixels wide, blurred, Lab."""
    small = cv2.resize(bgr, (400, round(400 * bgr.shape[0] / bgr.shape[1])), interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2Lab)


@pytest.mark.parametrize("tone", range(len(S.SKIN)))
def test_a_hand_on_the_tray_is_found_in_every_skin_tone(tone):
    rng = np.random.default_rng(tone)
    truth = S.hand_shape(np.array([640.0, 300.0]), -np.pi / 2, 170, 1.1)
    grey = np.full((S.H, S.W, 3), (66, 63, 60), np.float32) + rng.normal(0, 2.5, (S.H, S.W, 3))
    image = S.draw_hand(grey, truth, rng, 4.0, tone=tone)
    lab = _lab(np.clip(image, 0, 255).astype(np.uint8))
    found = hand_mask(lab)
    assert found is not None
    small_truth = cv2.resize(truth, (lab.shape[1], lab.shape[0])) > 0.5
    got = found > 0
    assert (got & small_truth).sum() / small_truth.sum() > 0.9  # the hand, fingers and all
    # and nothing else: none beyond its rim (a pixel wider, found at half resolution: a few pixels)
    near = cv2.dilate(small_truth.astype(np.uint8), np.ones((11, 11), np.uint8)) > 0
    assert (got & ~near).sum() / got.sum() < 0.01


def test_paper_and_a_grey_tray_are_not_skin():
    lab = _lab(np.full((720, 1280, 3), (70, 68, 66), np.uint8))
    cv2.rectangle(lab, (100, 50), (250, 150), (235, 129, 131), -1)  # a white sheet, a little warm
    assert not skin(lab).any()
    assert hand_mask(lab) is None


def test_a_tray_of_skin_colour_filling_the_view_is_no_hand():
    bgr = np.full((720, 1280, 3), (140, 170, 210), np.uint8)  # beige plastic, a skin tone's hue
    assert skin(_lab(bgr)).mean() > 0.9 * 255
    assert hand_mask(_lab(bgr)) is None


def test_a_small_skin_coloured_thing_is_no_hand():
    bgr = np.full((720, 1280, 3), (70, 68, 66), np.uint8)
    cv2.circle(bgr, (640, 360), 40, (120, 160, 210), -1)  # a coin-sized warm thing: under MIN_HAND
    assert hand_mask(_lab(bgr)) is None
