"""Four-corner document detection in a camera frame and the warp to a flat, upright scan.

Detection works on a small copy of the frame (long side 400 px). Three sources propose
quadrilaterals and one verifier judges them all:

1. edges: Canny on the lightness and on both colour-opponent channels (Lab), thresholds
   above the texture's own gradient level (a noisy cloth must not drown the outline), closed
   by a small dilation; every large contour's convex hull and the contour itself,
   simplified and reduced to four sides (the longest, or the best supported by outline
   points) that are extended and intersected: this restores a corner hidden under a thumb;
2. pale regions (when the edges give no outline seen all round): lightness, and lightness
   less colourfulness, split at Otsu's level and above, edges cut out, outer contours as
   in 1 — on a photograph the outline drowns among stronger edges, the paper does not;
3. straight lines (when still no outline is seen all round): LSD segments on the three Lab
   planes merged into lines, two near-parallel pairs crossing at a plausible angle, ranked
   by how much of each side segments cover — for sheets lying across other sheets and
   fingers breaking a side, where no contour follows the sheet.

The verifier: a plausible quadrilateral (convex, at most 4 % beyond the frame, angles a
35° tilt can produce, at least ``MIN_AREA`` of the frame); a colour step across the
outline, measured at two depths on each side, along most of it and on at least three
sides (a tile joint or a drawn line has the same colour on both sides); a step across at
least three corners; a plain margin just inside the outline (no texture: grass, gravel, a
brick wall); an inside that looks like paper (not as colourful as skin or a cup,
light against the frame and its surroundings, nearly the lightest if it carries no print).
The best by support, straightness, size and print wins. Then a side is pushed outwards
onto a clearly stronger parallel edge (a card's photo box is not its side), and each side
is re-fitted at full resolution to the strongest grey step along its normal at 24 points
(robust line fit) and the corners re-intersected.

Measured with bench/docscan.py on two generators (tuning and held-out): see the figures
in the benchmark's output and bench/datasets/README.md.

Corners are returned TL, TR, BR, BL as seen upright: clockwise, starting from the corner
whose next side is the most nearly horizontal left-to-right (see :func:`order_corners`).
Which way up the text runs is not read here: the flattened page is turned upright by
:mod:`devices.camera.orientation` (the document session does so).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIDE = 400  # long side of the working copy, pixels
MIN_AREA = 0.03  # of the frame
MIN_SUPPORT = 0.55  # fraction of the perimeter on detected edges
MIN_STEP = 10.0  # mean colour difference across a side (Lab units) for a side to count
WEAK_STEP = 4.0  # a smaller step counts where it is the same along most of a side
WEAK_AGREE = 0.7  # that share of the side
MAX_SIDE_RATIO = 7.0  # long receipts in perspective
MAX_SEGMENTS = 200  # line segments merged into lines, longest first
THREE_SIDE_RANK = 0.6  # a three-sided line candidate ranks as a full one with this much of its cover
DECISIVE = (
    0.99  # a printed sheet with this much of its outline seen, all sides and corners: search no further
)
DUP_PX = 2.0  # candidates whose corners all lie this close (working pixels) are judged once
LINES_BELOW = 0.97  # the line candidates are sought when the best outline is less supported
INK_STEP = 8  # lightness below the 5 px neighbourhood's for a mark to count as print
INK_FULL = 0.04  # share of print marks inside from which a sheet counts as printed
MAX_PAPER_CHROMA = 26.0
MAX_PASTEL_CHROMA = 36.0  # the same for a tinted card, light and lighter than what surrounds it
PASTEL_LIGHT = 0.9  # of the frame's 99th percentile of lightness
PASTEL_ABOVE = 20.0  # lightness (0-255) above its surroundings
MIN_PAPER_LIGHT = 0.5  # a sheet's median lightness, of the frame's 99th percentile
BLANK_PAPER_LIGHT = 0.75  # the same, for a sheet without print (INK_SOME)
MAX_BANDED = 0.5  # share of the outline that may be a thin band of another colour
MAX_RIM_ROUGHNESS = 3.5  # median lightness jump just inside the outline: a margin is plain
BLANK_SUPPORT = 0.95  # a sheet without print must show a step along this much of its outline
INK_SOME = 0.005  # share of print marks below which a sheet counts as blank
MAX_DARKER = 30.0  # a sheet may be this much darker (L, 0-255) than what lies around it  # median colourfulness (Lab) inside a sheet: tinted cards ~20, skin ~30+


@dataclass(frozen=True)
class Detection:
    corners: np.ndarray  # 4×2 float32, TL, TR, BR, BL, in frame pixels
    support: float  # fraction of the outline on edges
    area_frac: float  # quadrilateral area / frame area

    def as_list(self) -> list[list[float]]:
        return [[round(float(x), 1), round(float(y), 1)] for x, y in self.corners]


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


def _line(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Homogeneous line through two points (their cross product, written out: np.cross is slow on 3-vectors)."""
    p0, p1, q0, q1 = float(p[0]), float(p[1]), float(q[0]), float(q[1])
    return np.array([p1 - q1, q0 - p0, p0 * q1 - p1 * q0])


def _intersect(l1: np.ndarray, l2: np.ndarray) -> np.ndarray | None:
    a0, a1, a2 = float(l1[0]), float(l1[1]), float(l1[2])
    b0, b1, b2 = float(l2[0]), float(l2[1]), float(l2[2])
    z = a0 * b1 - a1 * b0
    if abs(z) < 1e-9:
        return None
    return np.array([(a1 * b2 - a2 * b1) / z, (a2 * b0 - a0 * b2) / z])


def _sides(q: np.ndarray) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray, float, np.ndarray]]:
    """Each side of a quadrilateral: index, start, end, direction, length and the unit normal pointing inwards."""
    c = q.mean(axis=0)
    for i in range(len(q)):
        p, r = q[i], q[(i + 1) % len(q)]
        d = r - p
        length = float(math.hypot(float(d[0]), float(d[1])))
        nrm = np.array([-d[1], d[0]]) / (length + 1e-9)
        if (c - (p + r) / 2) @ nrm < 0:
            nrm = -nrm
        yield i, p, r, d, length, nrm


def _evidence(poly: np.ndarray, pts: np.ndarray, tol: float = 1.5) -> np.ndarray:
    """For each edge of ``poly``: how many outline points lie on it (within ``tol`` pixels).

    An edge of the convex hull that bridges a gap (a thumb's notch, a missing corner) has
    few points under it; a sheet's side has many, a thumb's curve only a few per edge.
    """
    p = poly
    d = np.roll(poly, -1, axis=0) - p  # n×2
    length = np.hypot(d[:, 0], d[:, 1])
    u = d / np.maximum(length, 1e-6)[:, None]
    rel = pts[None, :, :] - p[:, None, :]  # n×m×2
    along = (rel * u[:, None, :]).sum(axis=2)
    across = np.abs(rel[..., 0] * u[:, None, 1] - rel[..., 1] * u[:, None, 0])
    hit = (across <= tol) & (along >= 0) & (along <= length[:, None])
    return np.where(length >= 1e-6, hit.sum(axis=1), 0).astype(np.float64)


def _quad_from_outline(poly: np.ndarray, pts: np.ndarray | None = None) -> np.ndarray | None:
    """Four corners from a convex outline: its four best-supported edges, extended and intersected."""
    n = len(poly)
    if n < 4:
        return None
    if n == 4:
        return poly.astype(np.float64)
    weight = (
        _evidence(poly, pts) if pts is not None else np.linalg.norm(np.roll(poly, -1, axis=0) - poly, axis=1)
    )
    keep = sorted(np.argsort(weight, kind="stable")[-4:])
    lines = [_line(poly[i], poly[(i + 1) % n]) for i in keep]
    out = []
    for i in range(4):
        x = _intersect(lines[i - 1], lines[i])
        if x is None:
            return None
        out.append(x)
    return np.array(out)


def _quads_from_long_edges(poly: np.ndarray, keep: int = 6) -> list[np.ndarray]:
    """Quadrilaterals from every choice of four among the ``keep`` longest edges, in outline order."""
    from itertools import combinations

    n = len(poly)
    lengths = np.linalg.norm(np.roll(poly, -1, axis=0) - poly, axis=1)
    longest = sorted(np.argsort(lengths, kind="stable")[-keep:])
    lines = {i: _line(poly[i], poly[(i + 1) % n]) for i in longest}
    out = []
    for combo in combinations(longest, 4):
        pts = []
        for k in range(4):
            x = _intersect(lines[combo[k - 1]], lines[combo[k]])
            if x is None:
                break
            pts.append(x)
        if len(pts) == 4:
            out.append(np.array(pts))
    return out


def _plausible(q: np.ndarray, w: int, h: int) -> bool:
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
    sides = np.linalg.norm(np.roll(q, -1, axis=0) - q, axis=1)
    if sides.min() < 0.04 * max(w, h) or sides.max() / sides.min() > MAX_SIDE_RATIO:
        return False
    for i in range(4):
        a, b = q[i - 1] - q[i], q[(i + 1) % 4] - q[i]
        cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
        if abs(cos) > 0.6:  # interior angles between ~53° and ~127°
            return False
    return True


def _corners_seen(q: np.ndarray, lab: np.ndarray, off: float = 5.0) -> int:
    """Corners with a colour step across them (inside vs outside along the bisector).

    A sheet's corner is paper inside and desk outside; a quadrilateral drawn around a round
    object has desk on both sides of its corners. Corners beyond the frame do not count: a
    pale wall cut by the frame's border makes a fine "sheet" whose corners lie on the
    border, and a page that shows fewer than three corners is not yet a capture anyway.
    """
    h, w = lab.shape[:2]
    seen = 0
    for i in range(4):
        p = q[i]
        a = q[i - 1] - p
        b = q[(i + 1) % 4] - p
        bis = a / (np.linalg.norm(a) + 1e-9) + b / (np.linalg.norm(b) + 1e-9)
        bis /= np.linalg.norm(bis) + 1e-9
        pin = np.round(p + off * bis).astype(int)
        pout = np.round(p - off * bis).astype(int)
        if not (0 <= pout[0] < w and 0 <= pout[1] < h and 0 <= pin[0] < w and 0 <= pin[1] < h):
            continue
        d = lab[pin[1], pin[0]].astype(np.float32) - lab[pout[1], pout[0]].astype(np.float32)
        if float(np.linalg.norm(d)) >= MIN_STEP:
            seen += 1
    return seen


def _contrast(q: np.ndarray, lab: np.ndarray, off: float = 3.0) -> tuple[float, int]:
    """Colour step across the outline: (fraction of points with a step, sides with a step).

    Points are sampled along each side; a point counts when the colour just inside differs
    from the colour just outside by at least ``MIN_STEP`` (Lab). A printed grid, a tile
    joint or a drawn line has the same colour on both sides; a sheet on a desk does not. A
    hand over a corner only removes the points it covers. Sides on the frame's border count.
    """
    h, w = lab.shape[:2]
    # all four sides' sample points at once (one gather instead of one per side)
    bases, nrms, which = [], [], []
    for i, p, r, _, length, nrm in _sides(q):
        n = max(int(length / 3), 8)
        bases.append(p + (r - p) * np.linspace(0.04, 0.96, n)[:, None])
        nrms.append(np.broadcast_to(nrm, (n, 2)))
        which.append(np.full(n, i))
    base, nrm_all, side = np.concatenate(bases), np.concatenate(nrms), np.concatenate(which)
    pts = np.stack([np.round(base + k * off * nrm_all).astype(np.int32) for k in (1, 2, -1, -2)])
    ok = ((pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)).all(axis=0)
    v = lab[np.clip(pts[..., 1], 0, h - 1), np.clip(pts[..., 0], 0, w - 1)].astype(np.float32)  # 4×N×3
    step = _stepped(v[0] - v[2], v[1] - v[3], side) & ok
    n_side = np.bincount(side, minlength=4)
    seen = np.bincount(side, weights=step, minlength=4)
    hits = float(step.sum()) + float((~ok).sum())  # beyond the frame: cut off, not absent
    return hits / len(step), int((seen >= 0.5 * n_side).sum())  # a side only counts when it is seen


def _stepped(d_near: np.ndarray, d_far: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Which points show a colour step across a side, from the Lab differences inside - outside at two depths.

    A step of ``MIN_STEP`` at both depths counts anywhere. White on white gives a smaller
    step, but the same one all along the side (a texture's or a gradient's differences
    wander): where most of a side agrees with its median difference, those points count.
    """
    strong = np.minimum(np.linalg.norm(d_near, axis=1), np.linalg.norm(d_far, axis=1)) >= MIN_STEP
    for i in np.unique(side):
        sel = side == i
        med = np.median(d_near[sel], axis=0)
        size = float(np.linalg.norm(med))
        if size < WEAK_STEP:
            continue
        agree = (np.linalg.norm(d_near[sel] - med, axis=1) < 0.4 * size) & (
            np.linalg.norm(d_far[sel] - med, axis=1) < 0.4 * size
        )
        if agree.mean() >= WEAK_AGREE:
            strong[sel] |= agree
    return strong


def _banded(q: np.ndarray, lab: np.ndarray, near: float = 3.0, far: float = 10.0) -> float:
    """Share of the outline that runs along a thin band: a step across it, and the same surface on both sides of the band.

    Mortar round a brick, a tile joint, a printed frame: the step across the outline is a
    strip of another colour (just outside or just inside), and beyond the strip lies the
    same surface as on the outline's other side. Beyond a sheet's side lies the desk, and
    inside it plain paper (or another sheet: then there was no step across).
    """
    h, w = lab.shape[:2]
    banded = total = 0
    for _, p, r, _, length, nrm in _sides(q):
        n = max(int(length / 4), 6)
        base = p + (r - p) * np.linspace(0.1, 0.9, n)[:, None]
        pts = np.stack([np.round(base + k * nrm).astype(np.int32) for k in (near, -near, -far, far)])
        ok = ((pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)).all(axis=0)
        total += n
        if not ok.any():
            continue
        v = lab[pts[:, ok, 1], pts[:, ok, 0]].astype(np.float32)  # inside, outside, far outside, far inside
        across = np.linalg.norm(v[0] - v[1], axis=1)
        step = across >= MIN_STEP
        # beyond the strip, the colour of the outline's other side comes back
        back = (np.linalg.norm(v[2] - v[0], axis=1) < 0.5 * across) | (
            np.linalg.norm(v[3] - v[1], axis=1) < 0.5 * across
        )
        banded += int((step & back).sum())
    return banded / total if total else 0.0


def _rim_roughness(q: np.ndarray, lab: np.ndarray, off: float = 4.0) -> float:
    """How much the lightness jumps from point to point just inside the outline (median, L units).

    A sheet has a margin: just inside its sides lies plain paper, even under uneven light
    (smooth) or sensor noise (smoothed away at this scale). A quadrilateral found in grass,
    gravel, fur or a brick wall has texture right inside its sides. Measured on the tuning
    set: documents at most 3 (2 with heavy noise and JPEG 45 added), textures mostly 4-15.
    """
    h, w = lab.shape[:2]
    light = lab[:, :, 0]
    jumps = []
    for _, p, _, d, length, nrm in _sides(q):
        pts = np.round(p + d * np.linspace(0.08, 0.92, max(int(length / 3), 8))[:, None] + off * nrm).astype(
            int
        )
        ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
        v = light[pts[ok, 1], pts[ok, 0]].astype(np.float32)
        if len(v) > 2:
            jumps.append(np.abs(np.diff(v)))
    return float(np.median(np.concatenate(jumps))) if jumps else 0.0


def _side_steps(
    p: np.ndarray, r: np.ndarray, inward: np.ndarray, lab: np.ndarray, shifts: np.ndarray, off: float = 3.0
) -> np.ndarray:
    """For segment p–r moved outwards by each of ``shifts`` (pixels): the share of its points with a colour step across it.

    The same measure as :func:`_contrast` (two depths each side, the weak but steady step
    of white on white), for all shifts at once; less than half the segment in the frame
    counts as no step.
    """
    h, w = lab.shape[:2]
    n = max(int(math.hypot(float(r[0] - p[0]), float(r[1] - p[1])) / 3), 8)
    base = p + (r - p) * np.linspace(0.1, 0.9, n)[:, None]  # n×2
    depth = np.array([1, 2, -1, -2]) * off
    pos = base[None, None] + (depth[None, :, None, None] - shifts[:, None, None, None]) * inward  # T×4×n×2
    pts = np.round(pos).astype(np.int32)
    ok = ((pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)).all(axis=1)  # T×n
    v = lab[np.clip(pts[..., 1], 0, h - 1), np.clip(pts[..., 0], 0, w - 1)].astype(np.float32)  # T×4×n×3
    d_near, d_far = v[:, 0] - v[:, 2], v[:, 1] - v[:, 3]
    step = np.minimum(np.linalg.norm(d_near, axis=2), np.linalg.norm(d_far, axis=2)) >= MIN_STEP
    med = np.median(d_near, axis=1)  # T×3 (points beyond the frame are few where it matters)
    size = np.linalg.norm(med, axis=1)
    agree = (np.linalg.norm(d_near - med[:, None], axis=2) < 0.4 * size[:, None]) & (
        np.linalg.norm(d_far - med[:, None], axis=2) < 0.4 * size[:, None]
    )
    steady = (size >= WEAK_STEP) & (agree.mean(axis=1) >= WEAK_AGREE)
    step = (step | (agree & steady[:, None])) & ok
    return np.where(ok.sum(axis=1) < n // 2, 0.0, step.sum(axis=1) / n)


def _outside(
    p: np.ndarray, r: np.ndarray, inward: np.ndarray, lab: np.ndarray, depth: float = 6.0
) -> np.ndarray:
    """Lab colours just outside segment p–r (those in the frame), one row per point."""
    h, w = lab.shape[:2]
    n = max(int(math.hypot(float(r[0] - p[0]), float(r[1] - p[1])) / 3), 8)
    pts = np.round(p + (r - p) * np.linspace(0.1, 0.9, n)[:, None] - depth * inward).astype(np.int32)
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    return lab[pts[ok, 1], pts[ok, 0]].astype(np.float32)


def _expand(q: np.ndarray, lab: np.ndarray, w: int, h: int) -> np.ndarray:
    """Push a side outwards onto a clearly better edge parallel to it, or onto the sheet's border.

    A card's photo or a printed frame can give a strong straight edge inside the sheet;
    when a parallel line a little further out has a clearly stronger colour step all along
    it, that is the sheet's real side. A card's coloured header band gives a side with a
    step as strong as the card's own edge; there, what lies just outside the side is not
    what lies outside the other sides (the desk), and the outermost strong line further out
    whose outside is the desk is the card's edge.
    """
    q = q.copy()
    for i in range(4):
        _, p, r, _, _, nrm = next(_sides(q[[i, (i + 1) % 4, (i + 2) % 4, (i + 3) % 4]]))
        span = min(
            float(np.linalg.norm(q[(i + 2) % 4] - q[(i + 1) % 4])), float(np.linalg.norm(q[i - 1] - q[i]))
        )
        offsets = np.arange(2.0, max(3.0, 0.3 * span), 1.0)
        steps = _side_steps(p, r, nrm, lab, np.concatenate([[0.0], offsets]))
        base, steps = float(steps[0]), steps[1:]
        best_t = 0.0
        if base < 0.9:
            k = int(np.argmax(steps))  # the first of the best
            if steps[k] > base and steps[k] >= max(0.7, base + 0.2):
                best_t = float(offsets[k])
        else:
            others = [_outside(pp, rr, nn, lab) for k, pp, rr, _, _, nn in _sides(q) if k != i]
            around = np.concatenate(others)
            here = _outside(p, r, nrm, lab)
            if len(around) < 8 or len(here) < 8:
                continue
            desk = np.median(around, axis=0)
            gap = float(np.linalg.norm(np.median(here, axis=0) - desk))
            if gap < 2 * MIN_STEP:
                continue  # the desk lies just outside this side too
            for t in offsets[steps >= 0.9]:
                out = _outside(p - t * nrm, r - t * nrm, nrm, lab)
                if len(out) >= 8 and float(np.linalg.norm(np.median(out, axis=0) - desk)) < 0.5 * gap:
                    best_t = float(t)
                    break
        if best_t:
            # move the side: its corners slide along the neighbouring sides
            l_side = _line(p - best_t * nrm, r - best_t * nrm)
            a = _intersect(_line(q[i - 1], q[i]), l_side)
            b = _intersect(_line(q[(i + 1) % 4], q[(i + 2) % 4]), l_side)
            if a is not None and b is not None:
                cand = q.copy()
                cand[i], cand[(i + 1) % 4] = a, b
                if _plausible(cand, w, h):
                    q = cand
    return q


def _edge_support(q: np.ndarray, edges: np.ndarray) -> float:
    """Fraction of points along the sides that lie on a detected edge."""
    h, w = edges.shape
    hits = total = 0
    for i in range(4):
        p, r = q[i], q[(i + 1) % 4]
        n = max(int(np.linalg.norm(r - p) / 2), 8)
        pts = np.round(p + (r - p) * np.linspace(0.05, 0.95, n)[:, None]).astype(int)
        ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
        total += n
        hits += int(edges[pts[ok, 1], pts[ok, 0]].astype(bool).sum())
    return hits / total if total else 0.0


def _paper_look(q: np.ndarray, lab: np.ndarray, ink: np.ndarray, white: float) -> tuple[bool, float]:
    """Does the inside look like a sheet of paper, and how much print does it carry?

    Fingers side by side make a fine quadrilateral with a step all round it; their colour
    gives them away (median colourfulness over the inner part, print being a minority).
    A brick, an eye or a patch of lawn between a jacket and a tripod can pass every
    geometric check; paper is light: not far darker than the lightest of the frame
    (``white``, its 99th percentile of lightness), nor much darker than what surrounds it,
    and a sheet with no print at all must be nearly as light as the lightest. The share of
    thin dark marks (``ink``) inside also breaks ties towards the printed document.
    """
    h, w = lab.shape[:2]
    c = q.mean(axis=0)
    inner = (c + 0.8 * (q - c)).astype(np.int32)
    outer = (c + 1.25 * (q - c)).astype(np.int32)
    x0, y0 = np.clip(outer.min(axis=0), 0, [w - 1, h - 1])
    x1, y1 = np.clip(outer.max(axis=0) + 1, 1, [w, h])
    mask = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(mask, outer, 2)
    cv2.fillConvexPoly(mask, q.astype(np.int32), 0)
    cv2.fillConvexPoly(mask, inner, 1)
    sub = mask[y0:y1:2, x0:x1:2]
    sel = sub == 1
    px = lab[y0:y1:2, x0:x1:2][sel].astype(np.float32)
    if len(px) < 10:
        return False, 0.0
    chroma = np.hypot(px[:, 1] - 128.0, px[:, 2] - 128.0)
    marks = float(np.count_nonzero(ink[y0:y1:2, x0:x1:2][sel])) / len(px)
    light = float(np.median(px[:, 0]))
    ring = lab[y0:y1:2, x0:x1:2, 0][sub == 2]
    around = float(np.median(ring)) if ring.size >= 10 else light
    # a pastel card (tinted ~30) is as light as the lightest of the frame and lighter than
    # its surroundings; skin, a cup or fingers that colourful are not both
    pastel = light >= PASTEL_LIGHT * white and light >= around + PASTEL_ABOVE
    paper = (
        float(np.median(chroma)) <= (MAX_PASTEL_CHROMA if pastel else MAX_PAPER_CHROMA)
        and light >= MIN_PAPER_LIGHT * white
        and light >= around - MAX_DARKER
        and (marks >= INK_SOME or light >= BLANK_PAPER_LIGHT * white)
    )
    return paper, marks


def _segment_contours(lab: np.ndarray, edges: np.ndarray, min_area: float) -> list[np.ndarray]:
    """Outlines of pale, weakly coloured regions: a second source of candidates beside the edges.

    On a photograph or a busy desk the outline drowns among stronger edges, but the sheet is
    still a pale, weakly coloured region. Lightness, and lightness less colourfulness, are
    split at Otsu's level and at two levels above it (the sheet is often the palest thing
    but shares Otsu's side with a cup's rim or the sky), with the detected edges cut out so
    regions that merely touch come apart. A notch where a finger crosses a side is bridged
    later by the four-line fit, as for the edge contours.
    """
    light = lab[:, :, 0]
    chroma = cv2.magnitude(lab[:, :, 1].astype(np.float32) - 128.0, lab[:, :, 2].astype(np.float32) - 128.0)
    white = np.clip(light.astype(np.float32) - 2.0 * chroma, 0, 255).astype(np.uint8)
    out = []
    kernel = np.ones((3, 3), np.uint8)
    cut = cv2.bitwise_not(edges)
    for plane in (light, white):
        otsu, _ = cv2.threshold(plane, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        top = float(np.percentile(plane[::2, ::2], 99))
        for t in (otsu, otsu + 0.33 * (top - otsu), otsu + 0.66 * (top - otsu)):
            mask = cv2.bitwise_and((plane > t).astype(np.uint8) * 255, cut)
            mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)  # cut thin bridges to the desk
            contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
            out += [c for c in contours if cv2.contourArea(c) >= min_area]
    return out


def _refine(q: np.ndarray, gray: np.ndarray, reach: float) -> np.ndarray:
    """Re-fit each side to the strongest grey step near it, at full resolution."""
    h, w = gray.shape
    lines = []
    offs = np.arange(-reach, reach + 1, 1.0, dtype=np.float32)
    for _, p, r, d, _, nrm in _sides(q):
        t = np.linspace(0.1, 0.9, 24, dtype=np.float32)[:, None]
        base = (p + d * t).astype(np.float32)
        xs = base[:, 0:1] + offs[None, :] * nrm[0]
        ys = base[:, 1:2] + offs[None, :] * nrm[1]
        prof = cv2.remap(gray, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE).astype(np.float32)  # fmt: skip
        grad = np.abs(np.diff(prof, axis=1))
        k = grad.argmax(axis=1)
        strong = grad[np.arange(len(k)), k] >= max(6.0, 0.3 * float(grad.max()))
        inside_img = (xs[:, 0] >= 0) & (xs[:, -1] < w) & (ys[:, 0] >= 0) & (ys[:, -1] < h)
        keep = strong & inside_img
        if keep.sum() < 6:
            lines.append(_line(p, r))
            continue
        pts = base[keep] + ((offs[k[keep]] + 0.5)[:, None] * nrm[None, :]).astype(np.float32)
        vx, vy, x0, y0 = cv2.fitLine(pts.reshape(-1, 1, 2), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append(_line(np.array([x0, y0]), np.array([x0 + vx, y0 + vy])))
    out = []
    for i in range(4):
        x = _intersect(lines[i - 1], lines[i])
        if x is None or np.linalg.norm(x - q[i]) > 3 * reach:
            x = q[i]
        out.append(x)
    return np.array(out)


def _line_quads(lab: np.ndarray, max_lines: int = 20, max_quads: int = 40) -> list[np.ndarray]:
    """Quadrilaterals from straight lines: a third candidate source, for outlines no contour follows.

    Where a sheet lies across another sheet, or fingers break a side, the edge contour of
    the sheet runs into the other outline and no contour is the sheet; its four sides are
    still straight lines. Segments (OpenCV's LSD, on lightness and on both colour-opponent
    channels: a tinted card on white paper differs in colour only) on one line are merged,
    the longest lines kept, and every two roughly parallel pairs crossing at a plausible
    angle make a quadrilateral. Those whose sides are best covered by segments go on to
    the verifier.
    """
    h, w = lab.shape[:2]
    parts = []
    for ch in range(3):
        plane = lab[:, :, ch]
        if ch:
            plane = cv2.normalize(plane, np.zeros_like(plane), 0, 255, cv2.NORM_MINMAX)
            if float(plane.std()) < 4:
                continue
        found = _LSD.detect(plane)[0]
        if found is not None:
            parts.append(found.reshape(-1, 4))
    if not parts:
        return []
    seg = np.concatenate(parts).astype(np.float64)
    d = seg[:, 2:] - seg[:, :2]
    length = np.hypot(d[:, 0], d[:, 1])
    keep = length >= 0.04 * max(w, h)
    seg, d, length = seg[keep], d[keep], length[keep]
    theta = np.arctan2(d[:, 1], d[:, 0]) % np.pi
    order = np.argsort(-length)[:MAX_SEGMENTS]  # the longest: short ones rarely make a side
    lines: list[list] = []  # [theta, rho, support, segments]
    l_theta = np.zeros(len(order))
    l_rho = np.zeros(len(order))
    for i in order:
        t = theta[i]
        m = len(lines)
        if m:
            dt = np.abs(l_theta[:m] - t)
            dt = np.minimum(dt, np.pi - dt)
            n2x, n2y = -np.sin(l_theta[:m]), np.cos(l_theta[:m])
            r0 = seg[i, 0] * n2x + seg[i, 1] * n2y
            r1 = seg[i, 2] * n2x + seg[i, 3] * n2y
            hit = np.flatnonzero(
                (dt < math.radians(4)) & (np.abs(r0 - l_rho[:m]) < 3) & (np.abs(r1 - l_rho[:m]) < 3)
            )
            if len(hit):
                ln = lines[hit[0]]
                ln[2] += length[i]
                ln[3].append(seg[i])
                continue
        l_theta[m] = t
        l_rho[m] = -math.sin(t) * seg[i, 0] + math.cos(t) * seg[i, 1]
        lines.append([t, l_rho[m], length[i], [seg[i]]])
    lines.sort(key=lambda ln: -ln[2])
    lines = lines[:max_lines]
    n = len(lines)
    if n < 4:
        return []
    homog = np.zeros((n, 3))
    origin = np.zeros((n, 2))
    direction = np.zeros((n, 2))
    merged: list[list[tuple[float, float]]] = []
    for idx, ln in enumerate(lines):
        pts = np.array(ln[3], np.float32).reshape(-1, 2)
        vx, vy, x0, y0 = cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        homog[idx] = _line(np.array([x0, y0]), np.array([x0 + vx, y0 + vy]))
        origin[idx], direction[idx] = (x0, y0), (vx, vy)
        iv = np.sort(((pts - origin[idx]) @ direction[idx]).reshape(-1, 2), axis=1)
        union: list[tuple[float, float]] = []  # overlapping segments (three channels) counted once
        for a, b in iv[np.argsort(iv[:, 0])]:
            if union and a <= union[-1][1]:
                union[-1] = (union[-1][0], max(union[-1][1], float(b)))
            else:
                union.append((float(a), float(b)))
        merged.append(union)
    k_max = max(len(u) for u in merged)
    spans = np.zeros((n, k_max, 2))
    for idx, u in enumerate(merged):
        spans[idx, : len(u)] = u
    # every line with every other: intersection points, all at once
    x = np.cross(homog[:, None, :], homog[None, :, :])
    z = x[..., 2]
    ok = np.abs(z) > 1e-9
    pts_all = np.where(ok[..., None], x[..., :2] / np.where(ok, z, 1.0)[..., None], np.nan)
    th = np.array([ln[0] for ln in lines])
    ii, jj = np.triu_indices(n, 1)
    dt = np.abs(th[ii] - th[jj])
    par = np.minimum(dt, np.pi - dt) < math.radians(30)
    pi_, pj_ = ii[par], jj[par]
    if not len(pi_):
        return []

    def cover_of(q: np.ndarray, order: np.ndarray, sides: tuple[int, ...]) -> np.ndarray:
        """Least share of a side covered by its line's segments, over ``sides`` (side c: corner c-1 to c)."""
        cover = np.ones(len(q))
        for c in sides:
            line = order[:, c - 1]
            o, u = origin[line], direction[line]
            t_a = ((q[:, c - 1] - o) * u).sum(axis=1)
            t_b = ((q[:, c] - o) * u).sum(axis=1)
            t0, t1 = np.minimum(t_a, t_b)[:, None], np.maximum(t_a, t_b)[:, None]
            iv = spans[line]
            got = (np.clip(iv[:, :, 1], t0, t1) - np.clip(iv[:, :, 0], t0, t1)).sum(axis=1)
            cover = np.minimum(cover, got / np.maximum(t1[:, 0] - t0[:, 0], 1.0))
        return cover

    def big_enough(q: np.ndarray) -> np.ndarray:
        finite = np.isfinite(q).all(axis=(1, 2))
        q = np.where(finite[:, None, None], q, 0.0)
        xs, ys = q[..., 0], q[..., 1]
        area = 0.5 * np.abs((xs * np.roll(ys, -1, axis=1) - np.roll(xs, -1, axis=1) * ys).sum(axis=1))
        return finite & (area >= 0.03 * h * w)

    ranked: list[tuple[float, np.ndarray]] = []
    a, b = np.triu_indices(len(pi_), 1)
    i, j, k, m = pi_[a], pj_[a], pi_[b], pj_[b]
    dt = np.abs(th[i] - th[k])
    keep = (np.minimum(dt, np.pi - dt) >= math.radians(45)) & (i != k) & (i != m) & (j != k) & (j != m)
    i, j, k, m = i[keep], j[keep], k[keep], m[keep]
    order = np.stack([i, k, j, m], axis=1)  # side c lies on line order[c-1], from corner c-1 to c
    q = np.stack([pts_all[order[:, c - 1], order[:, c]] for c in range(4)], axis=1)  # Q×4×2
    big = big_enough(q)
    q, order = q[big], order[big]
    cover = cover_of(q, order, (0, 1, 2, 3))
    ranked += [(float(cv), qq) for cv, qq in zip(cover, q, strict=True) if cv >= 0.3]
    # three sides seen, the fourth under a hand: a parallel pair and a line across both; the
    # fourth side joins the far ends of the pair's segments (the corners the hand left visible)
    lo = spans[:, :, 0].min(axis=1, initial=np.inf, where=spans[:, :, 1] > spans[:, :, 0])
    hi = spans[:, :, 1].max(axis=1, initial=-np.inf, where=spans[:, :, 1] > spans[:, :, 0])
    i3, k3 = np.repeat(pi_, n), np.tile(np.arange(n), len(pi_))
    j3 = np.repeat(pj_, n)
    dt = np.abs(th[i3] - th[k3])
    keep = (np.minimum(dt, np.pi - dt) >= math.radians(45)) & (k3 != i3) & (k3 != j3)
    i3, j3, k3 = i3[keep], j3[keep], k3[keep]
    if len(i3):
        c1, c2 = pts_all[i3, k3], pts_all[j3, k3]

        def far_end(line: np.ndarray, corner: np.ndarray) -> np.ndarray:
            t = ((corner - origin[line]) * direction[line]).sum(axis=1)
            end = np.where(np.abs(lo[line] - t) > np.abs(hi[line] - t), lo[line], hi[line])
            return origin[line] + end[:, None] * direction[line]

        q3 = np.stack([c1, far_end(i3, c1), far_end(j3, c2), c2], axis=1)
        order3 = np.stack([i3, i3, j3, k3], axis=1)  # side 2 (the hidden one) has no line
        big = big_enough(q3)
        q3, order3 = q3[big], order3[big]
        cover3 = cover_of(q3, order3, (0, 1, 3))
        # ranked below a quadrilateral seen all round with the same cover
        ranked += [(THREE_SIDE_RANK * float(cv), qq) for cv, qq in zip(cover3, q3, strict=True) if cv >= 0.6]
    ranked.sort(key=lambda f: -f[0])
    return [qq for _, qq in ranked[:max_quads]]


_LSD = cv2.createLineSegmentDetector(cv2.LSD_REFINE_NONE)


class _Frame:
    """One frame's working planes, and the candidates already judged (sources overlap)."""

    def __init__(self, lab: np.ndarray, closed: np.ndarray, ink: np.ndarray, white: float):
        self.lab, self.closed, self.ink, self.white = lab, closed, ink, white
        self._judged = np.empty((64, 4, 2))
        self._count = 0
        self.decided = False

    def seen_before(self, q: np.ndarray) -> bool:
        """Whether a quadrilateral with every corner within ``DUP_PX`` of this one's was judged; records it if not."""
        m = self._count
        if m:
            d = np.abs(self._judged[:m, :, None, :] - q[None, None, :, :]).max(axis=3)  # M×4×4
            if (d.min(axis=1) <= DUP_PX).all(axis=1).any():
                return True
        if m == len(self._judged):
            self._judged = np.concatenate([self._judged, np.empty_like(self._judged)])
        self._judged[m] = q
        self._count = m + 1
        return False


class DocumentDetector:
    """Finds the document in a frame. Holds no state between frames; cheap to construct."""

    def __init__(self, work_side: int = WORK_SIDE, min_area: float = MIN_AREA):
        self.work_side = work_side
        self.min_area = min_area

    def _judge_all(
        self, quads: list[np.ndarray], fr: _Frame, best: tuple[float, np.ndarray, float] | None = None
    ) -> tuple[float, np.ndarray, float] | None:
        """The one verifier every candidate source goes through; returns the best so far."""
        lab, closed, ink, white = fr.lab, fr.closed, fr.ink, fr.white
        h, w = closed.shape
        frame_area = float(h * w)
        for q in quads:
            if fr.seen_before(q):
                continue
            if not _plausible(q, w, h):
                continue
            area = cv2.contourArea(q.astype(np.float32))
            if area < self.min_area * frame_area:
                continue
            corners = _corners_seen(q, lab)  # the cheapest look at the picture first
            if corners < 3:
                continue
            sup, sides = _contrast(q, lab)
            if sup < MIN_SUPPORT or sides < 3:
                continue
            if _rim_roughness(q, lab) > MAX_RIM_ROUGHNESS or _banded(q, lab) > MAX_BANDED:
                continue
            paper, marks = _paper_look(q, lab, ink, white)
            if not paper:
                continue
            if marks < INK_SOME and (sup < BLANK_SUPPORT or sides < 4 or corners < 4):
                continue  # a blank sheet only with its outline seen all round: sky, walls are blank too
            # straight edges under the sides: a hand's curved outline is not a sheet's side
            score = sup * (0.5 + _edge_support(q, closed)) * math.sqrt(area / frame_area)
            score *= 0.4 + 0.6 * min(1.0, marks / INK_FULL)
            if best is None or score > best[0]:
                best = (score, q, sup)
            if sup >= DECISIVE and sides == 4 and corners == 4 and marks >= INK_FULL:
                fr.decided = True  # a printed sheet seen all round: no other candidate will beat it
                break
        return best

    def _best(
        self, contours: list[np.ndarray], fr: _Frame, thorough: bool
    ) -> tuple[float, np.ndarray, float] | None:
        """The best-scoring quadrilateral drawn from these outlines."""
        best: tuple[float, np.ndarray, float] | None = None
        for cnt in contours:
            if fr.decided:
                break
            hull = cv2.convexHull(cnt)
            outline = cnt.reshape(-1, 2).astype(np.float64)
            peri = cv2.arcLength(hull, True)
            tried: list[np.ndarray] = []
            if not thorough:
                for eps in (0.01, 0.02, 0.04):
                    poly = cv2.approxPolyDP(hull, eps * peri, True).reshape(-1, 2).astype(np.float64)
                    if len(poly) > 12:
                        continue
                    for q in (_quad_from_outline(poly), _quad_from_outline(poly, outline)):
                        if q is not None:
                            tried.append(q)
            for eps in (0.01, 0.02):
                # the outline itself, not its hull: with a thumb over a corner the sides'
                # remaining stretches keep their direction, the hull's bridge does not
                poly = cv2.approxPolyDP(cnt, eps * peri, True).reshape(-1, 2).astype(np.float64)
                if 4 < len(poly) <= 16:
                    tried += _quads_from_long_edges(poly, keep=6 if thorough else 4)
            best = self._judge_all(tried, fr, best)
        return best

    def detect(self, frame: np.ndarray) -> Detection | None:
        if frame is None or frame.size == 0 or min(frame.shape[:2]) < 16:
            return None
        bgr = frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        H, W = bgr.shape[:2]
        small = bgr
        while max(small.shape[:2]) >= 2 * self.work_side:
            # exact halving by pixel averaging: OpenCV's fast path (0.3 ms at 1280×960, against
            # 2.3 ms for pyrDown and 3.7 ms for INTER_AREA at an odd factor)
            hh, ww = small.shape[:2]
            small = cv2.resize(
                small[: hh - hh % 2, : ww - ww % 2], (ww // 2, hh // 2), interpolation=cv2.INTER_AREA
            )
        f2 = self.work_side / max(small.shape[:2])
        if f2 < 1:
            small = cv2.resize(small, None, fx=f2, fy=f2, interpolation=cv2.INTER_LINEAR)  # blurred below
        f = small.shape[1] / W
        h, w = small.shape[:2]
        lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2Lab)
        edges: np.ndarray = np.zeros((h, w), np.uint8)
        for ch, floor in ((0, 20.0), (1, 8.0), (2, 8.0)):
            plane = lab[:, :, ch]
            # above the texture's own gradients: a noisy cloth must not drown the outline
            gx = cv2.Sobel(plane, cv2.CV_16S, 1, 0)
            gy = cv2.Sobel(plane, cv2.CV_16S, 0, 1)
            mag = np.abs(gx[::3, ::3]).astype(np.int32) + np.abs(gy[::3, ::3])
            noise = float(np.percentile(mag, 75))
            lo = max(floor, 1.5 * noise)
            edges = cv2.bitwise_or(edges, cv2.Canny(gx, gy, lo, lo * 2.5, L2gradient=False))
        closed = cv2.dilate(edges, np.ones((3, 3), np.uint8))
        # thin dark marks (print at this scale): darker than their 5 px neighbourhood
        ink = cv2.morphologyEx(lab[:, :, 0], cv2.MORPH_BLACKHAT, np.ones((5, 5), np.uint8)) > INK_STEP
        contours, _ = cv2.findContours(closed, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        frame_area = float(h * w)
        hull_area = [cv2.contourArea(cv2.convexHull(c)) for c in contours]
        # largest first: the sheet's outline is among the largest, and a decisive one ends the search
        big = [contours[i] for i in np.argsort(hull_area)[::-1] if hull_area[i] >= self.min_area * frame_area]
        fr = _Frame(lab, closed, ink, float(np.percentile(lab[::2, ::2, 0], 99)))
        best = self._best(big, fr, False)
        if best is None or best[2] < 0.9:
            # no clean outline among the edges (a photograph behind, fingers across a side):
            # pale regions as further candidates, judged by the same checks
            seg = self._best(_segment_contours(lab, closed, self.min_area * frame_area), fr, False)
            if seg is not None and (best is None or seg[0] > best[0]):
                best = seg
        if best is None or best[2] < 0.9:
            # a sheet touching another object: its sides are four of the longest few edges of
            # the merged outline, not always the four longest (slower, so only when needed)
            second = self._best(big, fr, True)
            if second is not None and (best is None or second[0] > best[0]):
                best = second
        if best is None or best[2] < LINES_BELOW:
            # no outline seen all round: sheets across each other, fingers over a side
            best = self._judge_all(_line_quads(lab), fr, best)
        if best is None:
            return None
        _, q, sup = best
        q = _expand(q, lab, w, h)
        full = q / f
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        full = _refine(full, gray, reach=max(3.0, 1.5 / f))
        corners = order_corners(full)
        return Detection(corners, float(sup), float(cv2.contourArea(corners) / (H * W)))


# -- the flat scan ------------------------------------------------------------------------------
DPI = 200
FORMATS_MM = {"page": (210.0, 297.0), "card": (85.6, 53.98)}


def _dims(c: np.ndarray) -> tuple[float, float]:
    """Mean width and height of an ordered quadrilateral."""
    wdt = (float(np.linalg.norm(c[1] - c[0])) + float(np.linalg.norm(c[2] - c[3]))) / 2
    hgt = (float(np.linalg.norm(c[3] - c[0])) + float(np.linalg.norm(c[2] - c[1]))) / 2
    return wdt, hgt


def guess_kind(corners: np.ndarray) -> str:
    """From the outline's proportions alone (the capture step usually knows better)."""
    wdt, hgt = _dims(order_corners(corners))
    r = max(wdt, hgt) / max(min(wdt, hgt), 1e-6)
    if r < 1.5:
        return "page"  # A4: 1.414
    if r < 1.8:
        return "card"  # ID-1: 1.586
    return "receipt"


def output_size(corners: np.ndarray, kind: str | None = None, dpi: int = DPI) -> tuple[int, int]:
    """Width and height of the flat scan: the known format at ``dpi``, or measured for receipts."""
    c = order_corners(corners)
    wdt, hgt = _dims(c)
    kind = kind or guess_kind(c)
    px = dpi / 25.4
    if kind in FORMATS_MM:
        a, b = FORMATS_MM[kind]
        short, long_ = round(min(a, b) * px), round(max(a, b) * px)
        return (long_, short) if wdt >= hgt else (short, long_)
    width_px = round(80.0 * px)  # a receipt: 80 mm wide, as long as it looks
    if hgt >= wdt:
        return width_px, round(width_px * hgt / max(wdt, 1.0))
    return round(width_px * wdt / max(hgt, 1.0)), width_px


def warp(
    frame: np.ndarray,
    corners: np.ndarray,
    size: tuple[int, int] | None = None,
    kind: str | None = None,
    interpolation: int = cv2.INTER_CUBIC,
) -> np.ndarray:
    """The document flattened to ``size`` (width, height); by default the known format at 200 dpi."""
    c = order_corners(corners)
    w, h = size or output_size(c, kind)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(c.astype(np.float32), dst)
    return cv2.warpPerspective(frame, m, (w, h), flags=interpolation, borderMode=cv2.BORDER_REPLICATE)
