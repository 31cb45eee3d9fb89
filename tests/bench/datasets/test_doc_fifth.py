"""The fifth document set: its plan, determinism, and a ground truth that agrees with its pixels."""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np
import pytest

from bench.datasets import doc_fifth, fifth_props

SEED = 5  # the reporting seed
COUNT = 150


def test_plan_covers_every_condition_and_kind() -> None:
    plans = [doc_fifth.plan(i) for i in range(COUNT)]
    conditions = Counter(c for c, _, _ in plans)
    assert set(conditions) == set(doc_fifth.CONDITIONS)
    assert conditions["negative"] >= 15
    assert min(conditions[c] for c in doc_fifth.CONDITIONS if c != "negative") >= 8
    pairs = {(c, k) for c, k, _ in plans if c != "negative"}
    assert pairs == {(c, k) for c in doc_fifth.CONDITIONS[:-1] for k in doc_fifth.KINDS}
    assert {n for c, _, n in plans if c == "negative"} == set(doc_fifth.NEGATIVES)
    assert all(k == "none" for c, k, _ in plans if c == "negative")


def test_every_positive_has_its_corners_in_view_and_negatives_have_none() -> None:
    for i in range(COUNT):
        condition = doc_fifth.plan(i)[0]
        corners, (w, h), _ = doc_fifth.geometry(SEED, i)
        if condition == "negative":
            assert corners is None, i
            continue
        assert corners is not None and corners.shape == (4, 2), i
        assert (
            (corners >= -5).all()
            and (corners[:, 0] <= w - 1 + 5).all()
            and (corners[:, 1] <= h - 1 + 5).all()
        ), (i, corners)
        # TL, TR, BR, BL go round the quad one way (the document is seen from its front)
        q = np.vstack([corners, corners[:1]])
        area = 0.5 * float(np.sum(q[:-1, 0] * q[1:, 1] - q[1:, 0] * q[:-1, 1]))
        assert area > 0, (i, "corners not in reading order")


def test_frames_are_deterministic() -> None:
    a, b = doc_fifth.sample(SEED, 3), doc_fifth.sample(SEED, 3)
    assert a.name == b.name and np.array_equal(a.image, b.image)
    assert a.corners is not None and b.corners is not None and np.array_equal(a.corners, b.corners)
    assert a.image.dtype == np.uint8 and a.image.ndim == 3 and a.image.shape[2] == 3
    assert a.corners.dtype == np.float32
    c = doc_fifth.sample(SEED + 1, 3)
    assert not np.array_equal(a.image, c.image)


def test_a_negative_frame_has_no_corners() -> None:
    s = doc_fifth.sample(SEED, 7)
    assert s.condition == "negative" and s.kind == "none" and s.corners is None


def _masks(img: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sheet = img.astype(int).sum(2) > 200
    green = (img[..., 1] > 128) & (img[..., 0] < 100) & (img[..., 2] < 100)
    quad = np.zeros(img.shape[:2], np.uint8)
    cv2.fillPoly(quad, [np.round(corners * 16).astype(np.int32)], 1, lineType=cv2.LINE_8, shift=4)
    return sheet, green, quad.astype(bool)


def _edge_error(img: np.ndarray, corners: np.ndarray) -> float:
    """Mean |rendered − exact| coverage over the pixels the quad's outline crosses."""
    cov = np.clip((img[..., 0].astype(np.float32) + img[..., 1].astype(np.float32)) / 255.0, 0, 1)
    h, w = cov.shape
    s = 8  # the quad rasterised at 8× and averaged down: each pixel's covered fraction
    big = np.zeros((h * s, w * s), np.uint8)
    pts = np.round(((corners + 0.5) * s - 0.5) * 16).astype(np.int32)
    cv2.fillPoly(big, [pts], 255, lineType=cv2.LINE_8, shift=4)
    exact = cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    band = (exact > 0.01) & (exact < 0.99)
    # leave out the corners themselves: a card's are rounded (3 mm), the truth is where its edges meet
    yy, xx = np.mgrid[0:h, 0:w]
    for cx, cy in corners:
        band &= (xx - cx) ** 2 + (yy - cy) ** 2 > 12**2
    return float(np.abs(cov - exact)[band].mean())


# flat frames of several conditions and all kinds: steep, rotated, cards with round corners
FLAT = [
    i
    for i in range(48)
    if doc_fifth.plan(i)[0] in ("plain_counter", "steep", "rotated", "window_shadow", "overlap", "clutter")
]


@pytest.mark.parametrize("index", FLAT)
def test_truth_agrees_with_the_rendered_sheet(index: int) -> None:
    corners, _, flat = doc_fifth.geometry(SEED, index)
    img, corners2 = doc_fifth.sentinel(SEED, index)
    assert corners is not None and corners2 is not None and np.allclose(corners, corners2)
    sheet, green, quad = _masks(img, corners)
    if flat:
        iou = (sheet & quad).sum() / (sheet | quad).sum()
        assert iou >= 0.98, (index, iou)
        # sub-pixel: the rendered coverage of edge pixels matches the quad's exact coverage
        # (0.08–0.11 on all 97 flat frames of the 150; a quarter-pixel error in the truth: 0.11–0.19, mean 0.16)
        assert _edge_error(img, corners) <= 0.12, index
    # the green quarter is the sheet's own top-left: nearest the corner called TL
    gy, gx = np.nonzero(green)
    assert len(gx) > 50
    centre = np.array([gx.mean(), gy.mean()])
    assert int(np.argmin(np.linalg.norm(corners - centre, axis=1))) == 0, index


@pytest.mark.parametrize(
    "index", [i for i in range(48) if doc_fifth.plan(i)[0] in ("curled_sag", "held_fingers")]
)
def test_bent_and_held_sheets_keep_their_own_top_left(index: int) -> None:
    img, corners = doc_fifth.sentinel(SEED, index)
    assert corners is not None
    sheet, green, quad = _masks(img, corners)
    gy, gx = np.nonzero(green)
    centre = np.array([gx.mean(), gy.mean()])
    assert int(np.argmin(np.linalg.norm(corners - centre, axis=1))) == 0, index
    # a bent sheet leaves its quad only a little: its corners are its own vertices
    iou = (sheet & quad).sum() / (sheet | quad).sum()
    assert iou >= 0.8, (index, iou)


def test_missing_photographs_name_the_package(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fifth_props, "WALLPAPERS", tmp_path)
    fifth_props.photo.cache_clear()
    try:
        with pytest.raises(fifth_props.MissingPhotographs, match="plasma-workspace-wallpapers"):
            fifth_props.photo("Path")
    finally:
        fifth_props.photo.cache_clear()


def test_the_command_says_which_package_is_missing(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fifth_props, "WALLPAPERS", tmp_path)
    fifth_props.photo.cache_clear()
    try:
        # frame 1 lies on a photographic surface
        assert doc_fifth.main(["--count", "2"]) == 1
    finally:
        fifth_props.photo.cache_clear()
    err = capsys.readouterr().err
    assert "plasma-workspace-wallpapers" in err and "Traceback" not in err
