"""Straight shadows divided out: the light across a blind's stripes estimated from the frame alone."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from devices.camera.docscan import unshade
from devices.camera.docscan.unshade import even_light, shading
from tests.devices.camera.blinds import blinds
from tests.devices.camera.scenes import PAGE, desk, place, sheet


def _page_light(frame: np.ndarray, period: float, angle: float) -> tuple[float, float]:
    """Median brightness of the page's ground in the blind's lit stripes and in its shadowed ones."""
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY).astype(np.float32)
    h, w = grey.shape
    inside = np.zeros((h, w), np.uint8)
    c = PAGE.mean(axis=0)
    cv2.fillConvexPoly(inside, (c + 0.8 * (PAGE - c)).astype(np.int32), 1)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = math.radians(angle)
    phase = np.mod((xx * math.cos(a) + yy * math.sin(a)) / period, 1.0)
    # the middle of each stripe, off its soft edges
    lit_shade = (inside > 0) & (phase > 0.1) & (phase < 0.4)
    dark_shade = (inside > 0) & (phase > 0.6) & (phase < 0.9)
    # the page's ground is the brighter part of each stripe (print is darker): its upper quartile
    return float(np.percentile(grey[lit_shade], 75)), float(np.percentile(grey[dark_shade], 75))


def test_a_frame_without_straight_shadows_has_nothing_to_take_out():
    frame = place(desk(), sheet(), PAGE)
    assert shading(cv2.resize(frame, (640, 360), interpolation=cv2.INTER_AREA)) is None
    assert even_light(frame) is None


@pytest.mark.parametrize(
    ("period", "angle", "dark"), [(40, 15, 0.35), (90, 130, 0.35), (60, 70, 0.55), (150, 100, 0.3)]
)
def test_a_blind_shadow_is_found_across_its_stripes_and_divided_out(period, angle, dark):
    frame = blinds(place(desk(), sheet(), PAGE), period, angle, dark=dark)
    light = shading(cv2.resize(frame, (640, 360), interpolation=cv2.INTER_AREA))
    assert light is not None
    # the normal to the stripes, either way round
    off = abs((math.degrees(light.angle) - angle + 90) % 180 - 90)
    assert off <= 2
    lit, shaded = _page_light(frame, period, angle)
    assert shaded / lit < dark + 0.1  # as the blind makes it
    even = even_light(frame)
    assert even is not None
    lit, shaded = _page_light(even, period, angle)
    assert 0.9 <= shaded / lit <= 1.1  # the page as under even light


def test_a_window_shadow_one_straight_edge_across_the_frame_is_divided_out():
    # a page shorter than the frame along the edge (one nearly as long is taken for the light's step)
    c = PAGE.mean(axis=0)
    frame = place(desk(), sheet(), c + 0.6 * (PAGE - c))
    h, w = frame.shape[:2]
    frame[:, 600:] = (frame[:, 600:] * 0.4).astype(np.uint8)
    even = even_light(frame)
    assert even is not None
    grey = cv2.cvtColor(even, cv2.COLOR_BGR2GRAY).astype(np.float32)
    # the desk either side of the edge, away from the page, as bright as each other
    left, right = np.median(grey[650:, 300:560]), np.median(grey[650:, 640:900])
    assert abs(left - right) < 0.15 * left  # 0.4 of it before


def test_the_aim_measures_each_direction_once_and_keeps_the_sharpest():
    # the finer searches start at the coarser one's best: that direction is not measured again
    frame = blinds(place(desk(), sheet(), PAGE), 60, 70, dark=0.4)
    grey = cv2.cvtColor(cv2.resize(frame, (640, 360), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY)
    grads = unshade._gradients(np.log(grey.astype(np.float32) + 4)[..., None])
    known: dict[float, float] = {}
    angle = math.radians(72.0)
    for spread in unshade.AIM:
        angle = unshade._sharpest(grads, angle, spread, known)
    assert len(known) == 5 * len(unshade.AIM) - (len(unshade.AIM) - 1)
    assert known[angle] == max(known.values())
    assert abs(math.degrees(angle) - 70) <= 1
    # the same variations as each direction measured on its own
    for a, v in list(known.items())[:3]:
        alone = unshade._profiles(
            unshade._gradients(np.log(grey.astype(np.float32) + 4)[..., None]), a, 1, unshade.AIM_ALONG
        )[4]
        assert v == float(np.abs(np.diff(alone, axis=1)).sum())
