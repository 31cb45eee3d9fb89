"""Plane geometry of quadrilaterals: corner order, overlap, homogeneous lines, plausibility."""

from __future__ import annotations

import math
from collections.abc import Iterator

import cv2
import numpy as np

MAX_SIDE_RATIO = 7.0  # long receipts in perspective
MIN_OPPOSITE = 0.4  # shorter / longer of two opposite sides (steep held-out views: 0.54)


def following(a: np.ndarray) -> np.ndarray:
    """Each row's successor, cyclically: ``np.roll(a, -1, axis=0)`` at a tenth of its overhead (hot in the verifier)."""
    return np.concatenate((a[1:], a[:1]))


def preceding(a: np.ndarray) -> np.ndarray:
    """Each row's predecessor, cyclically: ``np.roll(a, 1, axis=0)``."""
    return np.concatenate((a[-1:], a[:-1]))


def order_corners(pts: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL: clockwise (image y points down), starting where the top side runs most nearly rightwards."""
    p = np.asarray(pts, np.float32).reshape(4, 2)
    c = p.mean(axis=0)
    p = p[np.argsort(np.arctan2(p[:, 1] - c[1], p[:, 0] - c[0]))]  # clockwise on screen
    best, best_k = 10.0, 0
    for k in range(4):
        d = p[(k + 1) % 4] - p[k]
        a = abs(math.atan2(float(d[1]), float(d[0])))
        if a < best - 1e-6:
            best, best_k = a, k
    return np.roll(p, -best_k, axis=0)


def quad_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard index of two convex quadrilaterals (SmartDoc 2015 measure)."""
    a = order_corners(a)
    b = order_corners(b)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = cv2.contourArea(a) + cv2.contourArea(b) - inter
    return float(inter / union) if union > 0 else 0.0


def line_through(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Homogeneous line through two points (their cross product, written out: np.cross is slow on 3-vectors)."""
    p0, p1, q0, q1 = float(p[0]), float(p[1]), float(q[0]), float(q[1])
    return np.array([p1 - q1, q0 - p0, p0 * q1 - p1 * q0])


def intersect(l1: np.ndarray, l2: np.ndarray) -> np.ndarray | None:
    a0, a1, a2 = float(l1[0]), float(l1[1]), float(l1[2])
    b0, b1, b2 = float(l2[0]), float(l2[1]), float(l2[2])
    z = a0 * b1 - a1 * b0
    if abs(z) < 1e-9:
        return None
    return np.array([(a1 * b2 - a2 * b1) / z, (a2 * b0 - a0 * b2) / z])


def side_arrays(q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every side of a polygon at once: starts, ends, directions, lengths and unit normals pointing inwards.

    One numpy pass instead of one per side: the verifier asks this of every candidate, and
    per-side Python arithmetic was a tenth of the detector's time.
    """
    p = q
    r = following(q)
    d = r - p
    length = np.hypot(d[:, 0], d[:, 1])
    nrm = np.stack([-d[:, 1], d[:, 0]], axis=1) / (length + 1e-9)[:, None]
    inward = ((q.mean(axis=0) - (p + r) / 2) * nrm).sum(axis=1) >= 0
    nrm = np.where(inward[:, None], nrm, -nrm)
    return p, r, d, length, nrm


def sides_of(q: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray, float, np.ndarray]]:
    """Each side of a quadrilateral: index, start, end, direction, length and the unit normal pointing inwards."""
    p, r, d, length, nrm = side_arrays(q)
    for i in range(len(q)):
        yield i, p[i], r[i], d[i], float(length[i]), nrm[i]


def plausible(q: np.ndarray, w: int, h: int) -> bool:
    """Could this be a sheet in view: convex, in the frame, proportions and angles a tilted rectangle can take."""
    if not cv2.isContourConvex(q.astype(np.float32).reshape(-1, 1, 2)):
        return False
    margin = 0.04 * max(w, h)  # a little cut off is reported as such; far beyond is not a sheet
    if (
        q[:, 0].min() < -margin
        or q[:, 1].min() < -margin
        or q[:, 0].max() > w + margin
        or q[:, 1].max() > h + margin
    ):
        return False
    d = following(q) - q
    sides = np.hypot(d[:, 0], d[:, 1])
    if sides.min() < 0.04 * max(w, h) or sides.max() / sides.min() > MAX_SIDE_RATIO:
        return False
    # a rectangle in perspective: opposite sides shrink together, never one to a stub
    if min(sides[0], sides[2]) < MIN_OPPOSITE * max(sides[0], sides[2]) or min(sides[1], sides[3]) < (
        MIN_OPPOSITE * max(sides[1], sides[3])
    ):
        return False
    # the angle at corner i is between side i-1 reversed and side i
    cos = -(preceding(d) * d).sum(axis=1) / (preceding(sides) * sides)
    return bool((np.abs(cos) <= 0.6).all())  # interior angles between ~53° and ~127°


def plausible_all(qs: np.ndarray, w: int, h: int) -> np.ndarray:
    """:func:`plausible` for a stack of quadrilaterals (Q×4×2) in one pass.

    Convexity as the same turn at every corner: with every interior angle held between
    ~53° and ~127° no four corners can turn twice round, so this is the same test.
    """
    if not len(qs):
        return np.zeros(0, bool)
    margin = 0.04 * max(w, h)
    inside = (
        (qs[:, :, 0].min(axis=1) >= -margin)
        & (qs[:, :, 1].min(axis=1) >= -margin)
        & (qs[:, :, 0].max(axis=1) <= w + margin)
        & (qs[:, :, 1].max(axis=1) <= h + margin)
    )
    d = np.roll(qs, -1, axis=1) - qs  # Q×4×2, side i from corner i
    sides = np.hypot(d[..., 0], d[..., 1])
    short, long_ = sides.min(axis=1), sides.max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = inside & (short >= 0.04 * max(w, h)) & (long_ / short <= MAX_SIDE_RATIO)
        ok &= np.minimum(sides[:, 0], sides[:, 2]) >= MIN_OPPOSITE * np.maximum(sides[:, 0], sides[:, 2])
        ok &= np.minimum(sides[:, 1], sides[:, 3]) >= MIN_OPPOSITE * np.maximum(sides[:, 1], sides[:, 3])
        prev = np.roll(d, 1, axis=1)
        cos = -(prev * d).sum(axis=2) / (np.roll(sides, 1, axis=1) * sides)
        ok &= (np.abs(cos) <= 0.6).all(axis=1)
    turn = prev[..., 0] * d[..., 1] - prev[..., 1] * d[..., 0]
    return ok & ((turn > 0).all(axis=1) | (turn < 0).all(axis=1))
