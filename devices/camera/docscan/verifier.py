"""What makes a quadrilateral a sheet: steps across its outline and corners, a plain margin, a paper-like inside."""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.docscan.quantile import median, median_along

MIN_STEP = 10.0  # mean colour difference across a side (Lab units) for a side to count
WEAK_STEP = 4.0  # a smaller step counts where it is the same along most of a side
WEAK_AGREE = 0.7  # that share of the side
INK_STEP = 8  # lightness below the 5 px neighbourhood's for a mark to count as print
INK_FULL = 0.04  # share of print marks inside from which a sheet counts as printed
MAX_PAPER_CHROMA = 26.0  # median colourfulness (Lab) inside a sheet: tinted cards ~20, skin ~30+
MAX_PASTEL_CHROMA = 36.0  # the same for a tinted card, light and lighter than what surrounds it
PASTEL_LIGHT = 0.9  # of the frame's 99th percentile of lightness
PASTEL_ABOVE = 20.0  # lightness (0-255) above its surroundings
MIN_PAPER_LIGHT = 0.5  # a sheet's median lightness, of the frame's 99th percentile
BLANK_PAPER_LIGHT = 0.75  # the same, for a sheet without print (INK_SOME)
MAX_BANDED = 0.5  # share of the outline that may be a thin band of another colour
MAX_RIM_ROUGHNESS = 3.5  # median lightness jump just inside the outline: a margin is plain
BLANK_SUPPORT = 0.95  # a sheet without print must show a step along this much of its outline
INK_SOME = 0.005  # share of print marks below which a sheet counts as blank
MAX_DARKER = 30.0  # a sheet may be this much darker (L, 0-255) than what lies around it
MIN_VISIBLE = 0.5  # share of an outline's points clear of a hand for the hand's to be left out
SIDE_VISIBLE = 0.25  # share of a side's points clear of a hand for the side to count as seen


def _hid(hidden: np.ndarray | None, pts: np.ndarray) -> np.ndarray:
    """Which points (…×2, int, clipped or not) lie on ``hidden`` (a hand's mask); all False without one."""
    if hidden is None:
        return np.zeros(pts.shape[:-1], bool)
    h, w = hidden.shape
    return hidden[np.clip(pts[..., 1], 0, h - 1), np.clip(pts[..., 0], 0, w - 1)] > 0


def _norm3(x: np.ndarray) -> np.ndarray:
    """``np.linalg.norm(x, axis=-1)`` for a last axis of three (Lab differences): the same sums in the same
    order, without the general path (a fifth of its time on a few thousand points)."""
    a, b, c = x[..., 0], x[..., 1], x[..., 2]
    return np.sqrt(a * a + b * b + c * c)


def corners_seen(
    qs: np.ndarray, lab: np.ndarray, off: float = 5.0, hidden: np.ndarray | None = None
) -> np.ndarray:
    """Corners with a colour step across them (inside vs outside along the bisector), for each of Q×4×2 quadrilaterals.

    A sheet's corner is paper inside and desk outside; a quadrilateral drawn around a round
    object has desk on both sides of its corners. Corners beyond the frame do not count: a
    pale wall cut by the frame's border makes a fine "sheet" whose corners lie on the
    border, and a page that shows fewer than three corners is not yet a capture anyway.
    A batch at a time: the detector asks it of every candidate that is plausible.
    ``hidden``: a hand's mask; a corner under it (the corner or just inside it) is not held
    against the outline: counted as seen.
    """
    h, w = lab.shape[:2]
    a = np.roll(qs, 1, axis=1) - qs
    b = np.roll(qs, -1, axis=1) - qs
    bis = a / (np.hypot(a[..., 0], a[..., 1]) + 1e-9)[..., None]
    bis = bis + b / (np.hypot(b[..., 0], b[..., 1]) + 1e-9)[..., None]
    bis /= (np.hypot(bis[..., 0], bis[..., 1]) + 1e-9)[..., None]
    pin = np.round(qs + off * bis).astype(int)
    pout = np.round(qs - off * bis).astype(int)
    ok = (
        (pout[..., 0] >= 0) & (pout[..., 0] < w) & (pout[..., 1] >= 0) & (pout[..., 1] < h)
        & (pin[..., 0] >= 0) & (pin[..., 0] < w) & (pin[..., 1] >= 0) & (pin[..., 1] < h)
    )  # fmt: skip
    inside = lab[np.clip(pin[..., 1], 0, h - 1), np.clip(pin[..., 0], 0, w - 1)].astype(np.float32)
    outside = lab[np.clip(pout[..., 1], 0, h - 1), np.clip(pout[..., 0], 0, w - 1)].astype(np.float32)
    d = inside - outside  # Q×4×3
    seen = (np.sqrt((d * d).sum(axis=2)) >= MIN_STEP) & ok
    if hidden is not None:
        seen |= ok & (_hid(hidden, np.round(qs).astype(np.int32)) | _hid(hidden, pin))
    return seen.sum(axis=1)


def _along(q: np.ndarray, per: float, least: int, lo: float, hi: float) -> tuple[np.ndarray, ...]:
    """Sample points along every side at once: ``max(length / per, least)`` of them from ``lo`` to ``hi`` of each side.

    ``q``: one quadrilateral (4×2) or a stack (Q×4×2). Returns the points, the inward normal
    and the side index of each (quadrilateral × 4 + side: one gather for all outlines instead
    of one per side).
    """
    qs = q.reshape(-1, 4, 2)
    r = np.concatenate((qs[:, 1:], qs[:, :1]), axis=1)
    d = r - qs
    length = np.hypot(d[..., 0], d[..., 1])
    nrm = np.stack([-d[..., 1], d[..., 0]], axis=2) / (length + 1e-9)[..., None]
    inward = ((qs.mean(axis=1)[:, None, :] - (qs + r) / 2) * nrm).sum(axis=2) >= 0
    nrm = np.where(inward[..., None], nrm, -nrm).reshape(-1, 2)  # as side_arrays, for every quadrilateral
    p, d, length = qs.reshape(-1, 2), d.reshape(-1, 2), length.ravel()
    n = np.maximum((length / per).astype(int), least)
    side = np.repeat(np.arange(len(p)), n)
    k = np.arange(len(side)) - np.repeat(np.cumsum(n) - n, n)
    t = lo + k * ((hi - lo) / (n - 1))[side]
    return p[side] + d[side] * t[:, None], nrm[side], side


def contrast(
    qs: np.ndarray, lab: np.ndarray, off: float = 3.0, hidden: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Colour step across the outline, for each of Q×4×2 quadrilaterals: (fraction of points with a step, sides with a step).

    Points are sampled along each side; a point counts when the colour just inside differs
    from the colour just outside by at least ``MIN_STEP`` (Lab). A printed grid, a tile
    joint or a drawn line has the same colour on both sides; a sheet on a desk does not. A
    hand over a corner only removes the points it covers. Sides on the frame's border count.

    ``hidden``: a hand's mask. Points with a sample on it count neither for nor against (the
    fraction is of the others), where at least ``MIN_VISIBLE`` of the outline is clear of it; a
    side counts when ``SIDE_VISIBLE`` of it is clear and half of that has a step.
    """
    h, w = lab.shape[:2]
    nq = len(qs)
    base, nrm_all, side = _along(qs, 3.0, 8, 0.04, 0.96)
    pts = np.stack([np.round(base + k * off * nrm_all).astype(np.int32) for k in (1, 2, -1, -2)])
    ok = ((pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)).all(axis=0)
    v = lab[np.clip(pts[..., 1], 0, h - 1), np.clip(pts[..., 0], 0, w - 1)].astype(np.float32)  # 4×N×3
    step = _stepped(v[0] - v[2], v[1] - v[3], side) & ok
    if hidden is not None:
        return _contrast_beside(hidden, base, pts, step, ok, side, nq)
    n_side = np.bincount(side, minlength=4 * nq)
    seen = np.bincount(side, weights=step, minlength=4 * nq)
    quad = side // 4
    # beyond the frame: cut off, not absent
    hits = np.bincount(quad, weights=step, minlength=nq) + np.bincount(quad, weights=~ok, minlength=nq)
    sides = (seen >= 0.5 * n_side).reshape(nq, 4).sum(axis=1)  # a side only counts when it is seen
    return hits / np.bincount(quad, minlength=nq), sides


def _contrast_beside(
    hidden: np.ndarray,
    base: np.ndarray,
    pts: np.ndarray,
    step: np.ndarray,
    ok: np.ndarray,
    side: np.ndarray,
    nq: int,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`contrast`'s counts with the points under a hand left out, where enough of the outline is clear of it."""
    quad = side // 4
    total = np.bincount(quad, minlength=nq).astype(np.float64)
    n_side = np.bincount(side, minlength=4 * nq)
    # covered: the side itself or just inside it under the hand (a hand just outside it,
    # a card held in the palm, is what the side is seen against: that step counts)
    hid = (_hid(hidden, np.round(base).astype(np.int32)) | _hid(hidden, pts[:2]).any(axis=0)) & ok
    clear = np.bincount(quad, weights=~hid, minlength=nq)
    counted = ~(hid & (clear >= MIN_VISIBLE * total)[quad])
    step = step & counted
    seen = np.bincount(side, weights=step, minlength=4 * nq)
    side_counted = np.bincount(side, weights=counted, minlength=4 * nq)
    hits = np.bincount(quad, weights=step, minlength=nq) + np.bincount(
        quad, weights=~ok & counted, minlength=nq
    )
    seen_sides = (seen >= 0.5 * side_counted) & (side_counted >= SIDE_VISIBLE * n_side)
    return hits / np.bincount(quad, weights=counted, minlength=nq), seen_sides.reshape(nq, 4).sum(axis=1)


def _stepped(d_near: np.ndarray, d_far: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Which points show a colour step across a side, from the Lab differences inside - outside at two depths.

    A step of ``MIN_STEP`` at both depths counts anywhere. White on white gives a smaller
    step, but the same one all along the side (a texture's or a gradient's differences
    wander): where most of a side agrees with its median difference, those points count.
    """
    strong = np.minimum(_norm3(d_near), _norm3(d_far)) >= MIN_STEP
    # every side's median at once: the sides' points padded to one length (with +inf, which
    # sorts last) and sorted; the middle of each side's own count is its median
    n = np.bincount(side)
    k = np.arange(len(side)) - np.repeat(np.cumsum(n) - n, n)  # sides are contiguous
    pad = np.full((len(n), int(n.max()), 3), np.inf, np.float32)
    pad[side, k] = d_near
    pad.sort(axis=1)
    rows = np.arange(len(n))
    med = (pad[rows, (n - 1) // 2] + pad[rows, n // 2]) / np.float32(2)  # sides×3
    size = _norm3(med)
    at = med[side]
    agree = (_norm3(d_near - at) < 0.4 * size[side]) & (_norm3(d_far - at) < 0.4 * size[side])
    steady = (size >= WEAK_STEP) & (
        np.bincount(side, weights=agree, minlength=len(n)) / np.maximum(n, 1) >= WEAK_AGREE
    )
    return strong | (agree & steady[side])


def banded(
    q: np.ndarray, lab: np.ndarray, near: float = 3.0, far: float = 10.0, hidden: np.ndarray | None = None
) -> float:
    """Share of the outline that runs along a thin band: a step across it, and the same surface on both sides of the band.

    Mortar round a brick, a tile joint, a printed frame: the step across the outline is a
    strip of another colour (just outside or just inside), and beyond the strip lies the
    same surface as on the outline's other side. Beyond a sheet's side lies the desk, and
    inside it plain paper (or another sheet: then there was no step across). A finger across a
    side is such a band: points on ``hidden`` (a hand's mask) are left out.
    """
    h, w = lab.shape[:2]
    base, nrm, _ = _along(q, 4.0, 6, 0.1, 0.9)
    pts = np.stack([np.round(base + k * nrm).astype(np.int32) for k in (near, -near, -far, far)])
    ok = ((pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)).all(axis=0)
    if hidden is not None:
        ok &= ~_hid(hidden, pts).any(axis=0)
    if not ok.any():
        return 0.0
    v = lab[pts[:, ok, 1], pts[:, ok, 0]].astype(np.float32)  # inside, outside, far outside, far inside
    across = _norm3(v[0] - v[1])
    step = across >= MIN_STEP
    # beyond the strip, the colour of the outline's other side comes back
    back = (_norm3(v[2] - v[0]) < 0.5 * across) | (_norm3(v[3] - v[1]) < 0.5 * across)
    return int((step & back).sum()) / len(base)


def rim_roughness(
    q: np.ndarray, lab: np.ndarray, off: float = 4.0, hidden: np.ndarray | None = None
) -> float:
    """How much the lightness jumps from point to point just inside the outline (median, L units).

    A sheet has a margin: just inside its sides lies plain paper, even under uneven light
    (smooth) or sensor noise (smoothed away at this scale). A quadrilateral found in grass,
    gravel, fur or a brick wall has texture right inside its sides. Measured on the tuning
    set: documents at most 3 (2 with heavy noise and JPEG 45 added), textures mostly 4-15.
    Fingers over the margin are no texture: points on ``hidden`` (a hand's mask) are left out.
    """
    h, w = lab.shape[:2]
    base, nrm, side = _along(q, 3.0, 8, 0.08, 0.92)
    pts = np.round(base + off * nrm).astype(int)
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    if hidden is not None:
        ok &= ~_hid(hidden, pts)
    v = lab[pts[ok, 1], pts[ok, 0], 0].astype(np.float32)
    side = side[ok]
    # jumps between neighbours on one side, on sides with more than two points in the frame
    keep = (side[1:] == side[:-1]) & (np.bincount(side, minlength=4)[side[1:]] > 2)
    jumps = np.abs(np.diff(v))[keep]
    return median(jumps) if len(jumps) else 0.0


def side_steps(
    p: np.ndarray, r: np.ndarray, inward: np.ndarray, lab: np.ndarray, shifts: np.ndarray, off: float = 3.0
) -> np.ndarray:
    """For segment p–r moved outwards by each of ``shifts`` (pixels): the share of its points with a colour step across it.

    The same measure as :func:`contrast` (two depths each side, the weak but steady step
    of white on white), for all shifts at once; less than half the segment in the frame
    counts as no step.
    """
    h, w = lab.shape[:2]
    n = max(int(math.hypot(float(r[0] - p[0]), float(r[1] - p[1])) / 3), 8)
    base = p + (r - p) * np.linspace(0.1, 0.9, n)[:, None]  # n×2
    depth = np.array([1, 2, -1, -2]) * off
    at = depth[None, :] - shifts[:, None]  # T×4: how far along the inward normal each row lies
    # shifts a pixel apart share most of these distances (depth 3 at shift 3 is depth 0 at shift 0):
    # each distinct one is gathered once, the same points to the bit
    uniq, row = np.unique(at, return_inverse=True)
    upts = np.round(base[None] + uniq[:, None, None] * inward).astype(np.int32)  # U×n×2
    uok = (upts[..., 0] >= 0) & (upts[..., 0] < w) & (upts[..., 1] >= 0) & (upts[..., 1] < h)
    uv = lab[np.clip(upts[..., 1], 0, h - 1), np.clip(upts[..., 0], 0, w - 1)].astype(np.float32)  # U×n×3
    row = row.reshape(at.shape)
    ok = uok[row].all(axis=1)  # T×n
    v = uv[row]  # T×4×n×3
    d_near, d_far = v[:, 0] - v[:, 2], v[:, 1] - v[:, 3]
    step = np.minimum(_norm3(d_near), _norm3(d_far)) >= MIN_STEP
    med = median_along(d_near, 1)  # T×3 (points beyond the frame are few where it matters)
    size = _norm3(med)
    agree = (_norm3(d_near - med[:, None]) < 0.4 * size[:, None]) & (
        _norm3(d_far - med[:, None]) < 0.4 * size[:, None]
    )
    steady = (size >= WEAK_STEP) & (agree.mean(axis=1) >= WEAK_AGREE)
    step = (step | (agree & steady[:, None])) & ok
    return np.where(ok.sum(axis=1) < n // 2, 0.0, step.sum(axis=1) / n)


def outside_colours(
    p: np.ndarray, r: np.ndarray, inward: np.ndarray, lab: np.ndarray, depth: float = 6.0
) -> np.ndarray:
    """Lab colours just outside segment p–r (those in the frame), one row per point."""
    h, w = lab.shape[:2]
    n = max(int(math.hypot(float(r[0] - p[0]), float(r[1] - p[1])) / 3), 8)
    pts = np.round(p + (r - p) * np.linspace(0.1, 0.9, n)[:, None] - depth * inward).astype(np.int32)
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    return lab[pts[ok, 1], pts[ok, 0]].astype(np.float32)


def outside_colours_shifted(
    p: np.ndarray, r: np.ndarray, inward: np.ndarray, lab: np.ndarray, shifts: np.ndarray, depth: float = 6.0
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`outside_colours` of segment p–r moved outwards by each of ``shifts``: T×n×3 colours and which are in the frame."""
    h, w = lab.shape[:2]
    n = max(int(math.hypot(float(r[0] - p[0]), float(r[1] - p[1])) / 3), 8)
    base = p + (r - p) * np.linspace(0.1, 0.9, n)[:, None]
    pts = np.round(base[None] - (shifts[:, None, None] + depth) * inward).astype(np.int32)  # T×n×2
    ok = (pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)
    v = lab[np.clip(pts[..., 1], 0, h - 1), np.clip(pts[..., 0], 0, w - 1)].astype(np.float32)
    return v, ok


def clear_share(q: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """Share of each outline's points clear of ``hidden`` (a hand's mask), for one (4×2) or a stack (Q×4×2).

    A side carried on over the hand is a guess; an outline all clear of it is not under it.
    """
    qs = q.reshape(-1, 4, 2)
    base, _, side = _along(qs, 2.0, 8, 0.0, 1.0)
    quad = side // 4
    on = _hid(hidden, np.round(base).astype(np.int32))
    return 1.0 - np.bincount(quad, weights=on, minlength=len(qs)) / np.bincount(quad, minlength=len(qs))


def edge_support(q: np.ndarray, edges: np.ndarray) -> float:
    """Fraction of points along the sides that lie on a detected edge."""
    h, w = edges.shape
    base, _, side = _along(q, 2.0, 8, 0.05, 0.95)
    pts = np.round(base).astype(int)
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    return int(np.count_nonzero(edges[pts[ok, 1], pts[ok, 0]])) / len(side)


def paper_look(
    q: np.ndarray,
    lab: np.ndarray,
    ink: np.ndarray,
    white: float,
    *,
    card: bool = False,
    hidden: np.ndarray | None = None,
) -> tuple[bool, float]:
    """Does the inside look like a sheet of paper, and how much print does it carry?

    Fingers side by side make a fine quadrilateral with a step all round it; their colour
    gives them away (median colourfulness over the inner part, print being a minority).
    A brick, an eye or a patch of lawn between a jacket and a tripod can pass every
    geometric check; paper is light: not far darker than the lightest of the frame
    (``white``, its 99th percentile of lightness), nor much darker than what surrounds it,
    and a sheet with no print at all must be nearly as light as the lightest. The share of
    thin dark marks (``ink``) inside also breaks ties towards the printed document.

    ``card``: the outline is an ID-1 card's, seen all round. A laminated card under a warm lamp
    is as tinted as a pastel card but far from the frame's lightest (the lamp's hot spot lies
    elsewhere on the tray); lighter than its surroundings by as much, it may be as tinted.

    ``hidden``: a hand's mask; the hand over the sheet is no part of its inside or its surroundings.
    """
    h, w = lab.shape[:2]
    c = q.mean(axis=0)
    inner = (c + 0.8 * (q - c)).astype(np.int32)
    outer = (c + 1.25 * (q - c)).astype(np.int32)
    lo, hi = outer.min(axis=0), outer.max(axis=0)
    x0, y0 = min(max(int(lo[0]), 0), w - 1), min(max(int(lo[1]), 0), h - 1)
    x1, y1 = min(max(int(hi[0]) + 1, 1), w), min(max(int(hi[1]) + 1, 1), h)
    # the masks drawn over the outer box only, not a whole frame per candidate
    at = np.array([x0, y0], np.int32)
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillConvexPoly(mask, outer - at, 2)
    cv2.fillConvexPoly(mask, q.astype(np.int32) - at, 0)
    cv2.fillConvexPoly(mask, inner - at, 1)
    if hidden is not None:
        # the hand and the dark gaps between its fingers (no print) left out
        mask[cv2.dilate(hidden[y0:y1, x0:x1], np.ones((5, 5), np.uint8)) > 0] = 3
    sub = mask[::2, ::2]
    sel = sub == 1
    px = lab[y0:y1:2, x0:x1:2][sel]
    if len(px) < 10:
        return False, 0.0
    marks = float(np.count_nonzero(ink[y0:y1:2, x0:x1:2][sel])) / len(px)
    light = median(px[:, 0])  # the median of uint8 values, as of their float32 copies
    ring = lab[y0:y1:2, x0:x1:2, 0][sub == 2]
    around = median(ring) if ring.size >= 10 else light
    # a pastel card (tinted ~30) is as light as the lightest of the frame and lighter than
    # its surroundings; skin, a cup or fingers that colourful are not both
    pastel = (card or light >= PASTEL_LIGHT * white) and light >= around + PASTEL_ABOVE
    paper = (
        light >= MIN_PAPER_LIGHT * white
        and light >= around - MAX_DARKER
        and (marks >= INK_SOME or light >= BLANK_PAPER_LIGHT * white)
    )
    if paper:  # the colourfulness last: the costliest look
        ab = px[:, 1:].astype(np.float32)
        chroma = np.hypot(ab[:, 0] - 128.0, ab[:, 1] - 128.0)
        paper = median(chroma) <= (MAX_PASTEL_CHROMA if pastel else MAX_PAPER_CHROMA)
    return paper, marks
