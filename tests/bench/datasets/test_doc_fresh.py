"""The fresh document set: deterministic, complete, and its ground truth agrees with its pixels."""

from __future__ import annotations

import numpy as np
import pytest
from skimage.draw import polygon2mask

from bench.datasets import doc_fresh, fresh_props
from bench.datasets.fresh_camera import Camera, Lens, look_down

SEED = doc_fresh.DEFAULT_SEED
COUNT = 150

# No skip when the photographs are missing: setup.sh installs them, and the set itself stops
# with the package to install (test_missing_photographs_name_the_package).


def test_same_seed_same_frames_other_seed_other_frames() -> None:
    for i in (2, 9, 12, 33):
        a, b = doc_fresh.sample(SEED, i), doc_fresh.sample(SEED, i)
        assert a.name == b.name and a.condition == b.condition and a.kind == b.kind
        assert np.array_equal(a.image, b.image)
        assert (a.corners is None and b.corners is None) or np.array_equal(a.corners, b.corners)
    assert not np.array_equal(doc_fresh.sample(SEED, 3).image, doc_fresh.sample(SEED + 1, 3).image)


def test_samples_match_the_plan_and_the_geometry() -> None:
    for i, s in enumerate(doc_fresh.samples(SEED, 20)):
        condition, kind, _ = doc_fresh.plan(i)
        assert (s.condition, s.kind) == (condition, kind)
        assert s.image.dtype == np.uint8 and s.image.ndim == 3 and s.image.shape[2] == 3
        assert (s.image.shape[1], s.image.shape[0]) in doc_fresh.FRAMES.values()
        if condition == "negative":
            assert s.corners is None
        else:
            assert s.corners.shape == (4, 2) and s.corners.dtype == np.float32
            assert np.array_equal(s.corners, doc_fresh.geometry(SEED, i).corners)


def test_every_condition_and_kind_appears_and_corners_stay_in_view() -> None:
    seen: dict[str, set[str]] = {}
    negatives = 0
    for i in range(COUNT):
        condition, kind, _ = doc_fresh.plan(i)
        seen.setdefault(condition, set()).add(kind)
        if condition == "negative":
            negatives += 1
            assert kind == "none"
            continue
        g = doc_fresh.geometry(SEED, i)
        assert g.kind == kind
        w, h = g.cam.width, g.cam.height
        c = g.corners
        assert (c[:, 0] >= -5).all() and (c[:, 0] <= w - 1 + 5).all(), (i, c)
        assert (c[:, 1] >= -5).all() and (c[:, 1] <= h - 1 + 5).all(), (i, c)
    assert set(seen) == set(doc_fresh.CONDITIONS)
    assert negatives >= 15
    # every positive condition meets every kind
    for condition in doc_fresh.POSITIVE:
        assert seen[condition] == set(doc_fresh.KINDS), condition


def test_ground_truth_agrees_with_the_rendered_pixels() -> None:
    """Flat sentinel sheets (magenta, green top-left quarter, black counter), same camera and bend.

    The projected quad must cover the sheet's pixels (IoU ≥ 0.98, pixel centres inside the
    quad), and the corner called TL must be the sheet's own top left (the green quarter),
    whatever the rotation.
    """
    modes = set()
    worst = 1.0
    for i in range(COUNT):
        if doc_fresh.plan(i)[0] == "negative":
            continue
        img, q = doc_fresh.sentinel(SEED, i)
        modes.add(doc_fresh.geometry(SEED, i).bend.mode)
        sheet = img.max(axis=2) > 127
        quad = polygon2mask(sheet.shape, q[:, ::-1])
        iou = (sheet & quad).sum() / (sheet | quad).sum()
        worst = min(worst, iou)
        assert iou >= 0.98, (i, iou)
        centre = q.mean(axis=0)
        for k in range(4):
            x, y = np.round(q[k] + (centre - q[k]) * 0.2).astype(int)
            b, g, r = (int(v) for v in img[y, x])
            if k == 0:
                assert g > 200 and r < 60 and b < 60, (i, "TL is not the sheet's top left", (b, g, r))
            else:
                assert r > 200 and b > 200 and g < 60, (i, k, (b, g, r))
    # the bends the set claims are really exercised
    assert {"flat", "curl", "fold", "dogear", "bow"} <= modes
    assert worst < 0.999  # a lens that bends nothing would make this test trivial


def test_lens_runs_both_ways() -> None:
    R, C, f = look_down(1600, 1200, 60, np.zeros(3), 500, 20, 30)
    cam = Camera(1600, 1200, f, 812.0, 590.0, R, C, Lens(-0.09, 0.01, 0.001, -0.0012, (0.01, -0.008)))
    pts = np.array([[0.0, 0.0], [1599, 1199], [800, 600], [1500, 40], [10, 1100]])
    ideal = np.stack(cam.ideal_of(pts[:, 0], pts[:, 1]), 1)
    assert np.abs(cam.sensor_of(ideal) - pts).max() < 1e-5
    # and the map the renderer interpolates agrees with the model at its nodes
    iu, iv = cam.ideal_map()
    node = np.array([[4 * 37 + 1.5, 4 * 101 + 1.5]])
    u, v = cam.ideal_of(node[:, 0], node[:, 1])
    assert abs(iu[101, 37] - u[0]) < 1e-9 and abs(iv[101, 37] - v[0]) < 1e-9


def test_missing_photographs_name_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(fresh_props, "PHOTO_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="lomiri-wallpapers-16.04"):
        next(doc_fresh.samples(SEED, 1))
