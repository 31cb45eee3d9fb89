"""Exact halvings by pixel averaging, shared by the detector and the light's estimate."""

from __future__ import annotations

import numpy as np

from devices.camera.docscan.halve import halved, halvings


def test_each_pixel_is_the_mean_of_four_and_an_odd_edge_is_dropped():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (37, 50, 3)).astype(np.uint8)
    half = halved(image)
    assert half.shape == (18, 25, 3)
    blocks = image[:36].reshape(18, 2, 25, 2, 3).astype(np.int32).sum(axis=(1, 3))
    assert np.array_equal(half.astype(np.int32), (blocks + 2) // 4)


def test_halvings_stop_at_the_first_under_the_bound_each_from_the_one_before():
    image = np.zeros((960, 1600, 3), np.uint8)
    image[100:700, 300:1200] = 200
    chain = halvings(image, 800)
    assert [c.shape[:2] for c in chain] == [(960, 1600), (480, 800), (240, 400)]
    assert chain[0] is image
    assert np.array_equal(chain[2], halved(halved(image)))
    small = image[:500, :700]
    alone = halvings(small, 800)
    assert len(alone) == 1 and alone[0] is small  # already under the bound: nothing made
