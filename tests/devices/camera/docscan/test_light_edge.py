"""A side that is a shadow's edge: its step runs on past the outline's corners; a sheet's own side stops there."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from devices.camera.docscan.light_edge import light_sides
from tests.devices.camera.blinds import blinds
from tests.devices.camera.scenes import PAGE, desk, place, sheet

PERIOD, ANGLE = 90.0, 130.0


def _lit_stripe(k: int) -> np.ndarray:
    """The part of PAGE in the blind's ``k``-th lit stripe (four corners where the stripe crosses two sides)."""
    a = math.radians(ANGLE)
    n = np.array([math.cos(a), math.sin(a)])
    u = np.array([-n[1], n[0]])
    lo, hi = k * PERIOD, k * PERIOD + PERIOD / 2
    band = np.array([lo * n - 3000 * u, lo * n + 3000 * u, hi * n + 3000 * u, hi * n - 3000 * u], np.float32)
    _, inside = cv2.intersectConvexConvex(PAGE.astype(np.float32), band)
    assert inside is not None and len(inside) == 4
    return inside.reshape(4, 2).astype(np.float64)


@pytest.fixture(scope="module")
def striped() -> np.ndarray:
    return blinds(place(desk(), sheet(), PAGE), PERIOD, ANGLE, dark=0.35)


@pytest.mark.parametrize("k", [-2, -1, 0])
def test_a_lit_stripe_of_the_page_has_sides_running_on_past_its_corners(striped, k):
    # its shadow edges, and the stretches of the page's own sides, which run on past it
    assert light_sides(_lit_stripe(k), striped) >= 2


def test_the_page_itself_has_none_under_the_blind_or_without_it(striped):
    assert light_sides(PAGE, striped) == 0
    assert light_sides(PAGE, place(desk(), sheet(), PAGE)) == 0


def test_a_sheet_half_in_a_window_shadow_its_lit_half_has_the_shadow_edge_for_a_side():
    frame = place(desk(), sheet(), PAGE)
    h, w = frame.shape[:2]
    shade = np.ones((h, w, 1), np.float32)
    shade[:, 640:] = 0.4  # a window's frame: one straight edge down the whole frame
    frame = (frame * shade).astype(np.uint8)
    _, lit = cv2.intersectConvexConvex(
        PAGE.astype(np.float32), np.array([[0, 0], [640, 0], [640, h], [0, h]], np.float32)
    )
    assert light_sides(lit.reshape(-1, 2).astype(np.float64), frame) >= 1
    assert light_sides(PAGE, frame) == 0
