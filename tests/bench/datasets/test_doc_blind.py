"""The blind document set: deterministic, complete, and its ground truth agrees with its pixels."""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np
import pytest

from bench.datasets import blind_props, doc_blind

SEED = 11
W, H = doc_blind.SIZE


def _quad_mask(points: np.ndarray) -> np.ndarray:
    """Pixels whose centre lies inside the polygon (sub-pixel vertices, 4× supersampled)."""
    big = np.zeros((H * 4, W * 4), np.uint8)
    cv2.fillPoly(big, [np.round((points * 4 + 1.5) * 16).astype(np.int32)], 1, cv2.LINE_8, 4)
    return cv2.resize(big.astype(np.float32), (W, H), interpolation=cv2.INTER_AREA) > 0.5


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max((a | b).sum(), 1))


def test_schedule_covers_every_condition_and_kind_with_enough_negatives() -> None:
    plan = [doc_blind.schedule(i) for i in range(150)]
    conditions = Counter(c for c, _, _ in plan)
    assert set(conditions) == set(doc_blind.CONDITIONS)
    assert conditions["negative"] >= 15
    assert {n for _, _, n in plan if n} == set(doc_blind.NEGATIVES)
    for condition in doc_blind.POSITIVE:  # every condition meets every kind of document
        assert {k for c, k, _ in plan if c == condition} == set(doc_blind.KINDS), condition
    assert all(k == "none" for c, k, _ in plan if c == "negative")


def test_same_seed_same_frames_other_seed_other_frames() -> None:
    for i in (2, 12, 15):
        a, b = doc_blind.sample(SEED, i), doc_blind.sample(SEED, i)
        assert a.name == b.name and a.condition == b.condition and a.kind == b.kind
        assert np.array_equal(a.image, b.image)
        assert (a.corners is None and b.corners is None) or np.array_equal(a.corners, b.corners)
    assert not np.array_equal(doc_blind.sample(SEED, 2).image, doc_blind.sample(SEED + 1, 2).image)


@pytest.mark.parametrize("seed", [SEED, 3])
def test_every_document_lies_inside_the_frame(seed: int) -> None:
    """All 150 frames' truth (geometry only, cheap): inside the frame, convex, a plausible size."""
    for i in range(150):
        corners = doc_blind.truth(seed, i)
        if doc_blind.schedule(i)[0] == "negative":
            assert corners is None
            continue
        assert corners is not None and corners.shape == (4, 2)
        assert corners.min() >= 0 and corners[:, 0].max() < W and corners[:, 1].max() < H, i
        quad = corners.astype(np.float32).reshape(-1, 1, 2)
        assert cv2.isContourConvex(quad), i  # TL, TR, BR, BL go round the sheet: never a bow tie
        assert 0.015 * W * H < cv2.contourArea(quad) < 0.6 * W * H, i


def test_frames_have_the_documented_shape_and_truth() -> None:
    for s in doc_blind.samples(SEED, 16):  # one full cycle: every condition once
        assert s.image.shape == (H, W, 3) and s.image.dtype == np.uint8
        assert s.condition in doc_blind.CONDITIONS
        if s.condition == "negative":
            assert s.corners is None and s.kind == "none"
            continue
        assert s.kind in doc_blind.KINDS
        assert np.array_equal(s.corners, doc_blind.truth(SEED, int(s.name.split("-")[2])))
        # (the truth's agreement with the pixels is the sentinel test's, below)


@pytest.mark.parametrize("start", [0, 16])
def test_ground_truth_agrees_with_the_rendered_pixels(start: int) -> None:
    """Same geometry, flat colours: the projected quad covers the sheet's pixels (IoU ≥ 0.98),
    the outline as the lens bends it (and the paper curls) is within a fraction of a pixel of
    them, and the corner called TL is the sheet's own top left (its green quarter)."""
    for i in range(start, start + 16):
        s, tl, outline = doc_blind.sentinel(SEED, i)
        img = s.image.astype(np.int16)
        green = (img[..., 1] > 127) & (img[..., 0] < 128) & (img[..., 2] < 128)
        sheet = img[..., 0] + img[..., 1] > 127  # magenta brings blue, green brings green: coverage > ½
        if s.corners is None:
            assert not sheet.any(), s.name
            continue
        assert _iou(_quad_mask(s.corners), sheet) >= 0.98, (s.condition, s.kind)
        # pixels that disagree, per pixel of border: the mean gap between truth and picture
        # (≈ 0.2 px; an ID card's rounded corners add ≈ 0.2, the truth being where its edges meet)
        perimeter = float(np.linalg.norm(np.diff(outline, axis=0, append=outline[:1]), axis=1).sum())
        gap = (_quad_mask(outline) ^ sheet).sum() / perimeter
        assert gap < 0.6, (s.condition, s.kind, gap)
        x, y = np.round(tl).astype(int)
        assert green[y, x], (s.condition, s.kind, "TL is not the document's own top left")
        # and the green quarter touches the corner called TL, not another one
        ys, xs = np.nonzero(green)
        near = np.linalg.norm(s.corners[:, None, :] - np.stack([xs, ys], 1)[None], axis=2).min(axis=1)
        assert near.argmin() == 0, (s.condition, s.kind)


def test_missing_photographs_name_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(blind_props, "PHOTO_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="apt-get install -y mate-backgrounds"):
        next(doc_blind.samples(SEED, 1))
