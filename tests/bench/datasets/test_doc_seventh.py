"""The seventh (POV-Ray) document set: deterministic frames, truth inside the frame, negatives
without truth, and the projected truth checked against the ray tracer's own pixels."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from bench.datasets import doc_seventh, seventh_pov, seventh_props

SEED = 7


def _quad_mask(q: np.ndarray, width: int, height: int, ss: int = 8) -> np.ndarray:
    """The quad's coverage, rasterised 8× finer and averaged (pixel centres at integers)."""
    big = np.zeros((height * ss, width * ss), np.uint8)
    pts = np.round((q.astype(np.float64) + 0.5) * ss - 0.5).astype(np.int32)
    cv2.fillPoly(big, [pts], 1)
    return cv2.resize(big.astype(np.float32), (width, height), interpolation=cv2.INTER_AREA) > 0.5


def test_conditions_kinds_and_negatives_by_index() -> None:
    plan = [doc_seventh.where(i) for i in range(150)]
    conds = [c for c, _ in plan]
    assert conds.count("negative") >= 20
    assert set(conds) == set(doc_seventh.CONDITIONS)
    for c in doc_seventh.POSITIVE:
        assert conds.count(c) >= 7, c


@pytest.mark.parametrize("index", [0, 6, 8, 13, 16, 19, 22, 26, 29, 33, 41, 55])
def test_positives_have_their_corners_in_the_frame_and_negatives_none(index: int) -> None:
    sc = doc_seventh.build(SEED, index)
    if sc.condition == "negative":
        assert sc.corners is None and sc.kind == "none"
        return
    assert sc.kind in doc_seventh.KINDS and sc.kind != "none"
    q = sc.camera.project(sc.corners)
    assert q.shape == (4, 2) and q.dtype == np.float32
    assert np.all(q[:, 0] > 0) and np.all(q[:, 0] < seventh_pov.WIDTH - 1)
    assert np.all(q[:, 1] > 0) and np.all(q[:, 1] < seventh_pov.HEIGHT - 1)
    # TL, TR, BR, BL go round the quad clockwise in image axes (y down)
    a, b, c = q, np.roll(q, -1, axis=0), np.roll(q, -2, axis=0)
    cross = (b[:, 0] - a[:, 0]) * (c[:, 1] - b[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - b[:, 0])
    assert np.all(cross > 0)


@pytest.mark.parametrize(
    "index", [0, 4, 8, 14]
)  # flat A4 turned, a held tilted card, an open passport, a steep page
def test_projected_truth_matches_the_rendered_sheet(index: int) -> None:
    img, q = doc_seventh.sentinel(SEED, index)
    h, w = img.shape[:2]
    sheet = img.max(axis=2) > 100
    quad = _quad_mask(q, w, h)
    iou = (sheet & quad).sum() / (sheet | quad).sum()
    assert iou >= 0.98, iou
    red = (img[:, :, 2] > 128) & (img[:, :, 1] < 100)
    ys, xs = np.nonzero(red)
    centre = np.array([xs.mean(), ys.mean()])
    # the red quarter is the document's own top-left: nearest the corner called TL
    assert int(np.argmin(np.linalg.norm(q - centre, axis=1))) == 0


@pytest.mark.parametrize("index", [3, 16])  # glare on a laminated card (area light), a curled receipt
def test_a_frame_renders_the_same_twice(index: int) -> None:
    a = doc_seventh.render_sample(SEED, index, 320, 240)
    b = doc_seventh.render_sample(SEED, index, 320, 240)
    assert a.name == b.name and a.image.shape == (240, 320, 3)
    assert np.array_equal(a.image, b.image)
    assert np.array_equal(a.corners, b.corners)
    assert a.image.std() > 5  # a scene, not a blank frame


def test_missing_photographs_name_their_package(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(seventh_props, "PHOTO_DIR", tmp_path)
    seventh_props._load.cache_clear()
    try:
        with pytest.raises(seventh_props.PhotosMissing, match="apt-get install -y lomiri-wallpapers-20.04"):
            seventh_props.check_photos()
    finally:
        seventh_props._load.cache_clear()


def test_missing_renderer_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seventh_pov.shutil, "which", lambda _name: None)
    with pytest.raises(seventh_pov.RendererMissing, match="apt-get install -y povray"):
        seventh_pov.povray_binary()
