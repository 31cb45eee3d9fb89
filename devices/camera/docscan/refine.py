"""The winner made exact: a side pushed out onto the sheet's real edge, then every side re-fitted at full resolution."""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.docscan.geometry import intersect, line_through, plausible, side_arrays, sides_of
from devices.camera.docscan.quantile import percentile
from devices.camera.docscan.verifier import MIN_STEP, outside_colours, outside_colours_shifted, side_steps


def expand(q: np.ndarray, lab: np.ndarray, w: int, h: int) -> np.ndarray:
    """Push a side outwards onto a clearly better edge parallel to it, or onto the sheet's border.

    A card's photo or a printed frame can give a strong straight edge inside the sheet;
    when a parallel line a little further out has a clearly stronger colour step all along
    it, that is the sheet's real side. A card's coloured header band gives a side with a
    step as strong as the card's own edge; there, what lies just outside the side is not
    what lies outside the other sides (the desk), and the outermost strong line further out
    whose outside is the desk is the card's edge.
    """
    q = q.copy()
    outs: list[np.ndarray] | None = None  # what lies just outside each side, until a side moves
    for i in range(4):
        _, p, r, _, _, nrm = next(sides_of(q[[i, (i + 1) % 4, (i + 2) % 4, (i + 3) % 4]]))
        span = min(
            float(np.linalg.norm(q[(i + 2) % 4] - q[(i + 1) % 4])), float(np.linalg.norm(q[i - 1] - q[i]))
        )
        offsets = np.arange(2.0, max(3.0, 0.3 * span), 1.0)
        # the side where it is first: the lines further out are measured only when needed
        # (a well-seen side facing the desk, the usual case, needs none of them)
        base = float(side_steps(p, r, nrm, lab, np.zeros(1))[0])
        best_t = 0.0
        if base < 0.9:
            steps = side_steps(p, r, nrm, lab, offsets)
            k = int(np.argmax(steps))  # the first of the best
            if steps[k] > base and steps[k] >= max(0.7, base + 0.2):
                best_t = float(offsets[k])
        else:
            if outs is None:
                outs = [outside_colours(pp, rr, nn, lab) for _, pp, rr, _, _, nn in sides_of(q)]
            around = np.concatenate([o for k, o in enumerate(outs) if k != i])
            here = outs[i]
            if len(around) < 8 or len(here) < 8:
                continue
            desk = np.median(around, axis=0)
            gap = float(np.linalg.norm(np.median(here, axis=0) - desk))
            if gap < 2 * MIN_STEP:
                continue  # the desk lies just outside this side too
            shifts = offsets[side_steps(p, r, nrm, lab, offsets) >= 0.9]
            if len(shifts):
                # what lies outside each strong line further out, all shifts in one gather
                out, ok = outside_colours_shifted(p, r, nrm, lab, shifts)
                # each shift's median over its points in the frame: those beyond it sort last
                out[~ok] = np.inf
                out.sort(axis=1)
                cnt = ok.sum(axis=1)
                rows = np.arange(len(shifts))
                lo, hi = np.maximum((cnt - 1) // 2, 0), np.minimum(cnt // 2, out.shape[1] - 1)
                med = (out[rows, lo] + out[rows, hi]) / np.float32(2)
                with np.errstate(invalid="ignore"):  # rows with no point in the frame: never near
                    near = (cnt >= 8) & (np.linalg.norm(med - desk, axis=1) < 0.5 * gap)
                if near.any():
                    best_t = float(shifts[int(np.argmax(near))])
        if best_t:
            # move the side: its corners slide along the neighbouring sides
            l_side = line_through(p - best_t * nrm, r - best_t * nrm)
            a = intersect(line_through(q[i - 1], q[i]), l_side)
            b = intersect(line_through(q[(i + 1) % 4], q[(i + 2) % 4]), l_side)
            if a is not None and b is not None:
                cand = q.copy()
                cand[i], cand[(i + 1) % 4] = a, b
                if plausible(cand, w, h):
                    q = cand
                    outs = None
    return q


def grey_at(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The image's grey at float32 points (xs, ys): bilinear, the border replicated, as ``cv2.remap`` gives it.

    A BGR image is turned grey only over the box the points need (a side's profiles span a
    thin strip): converting a whole 1920×1080 frame cost more than the rest of the refinement.
    The grey of a crop is the crop of the grey, the box reaches the pixel past the farthest
    point (which bilinear reads) and is clipped where the frame ends (where the border is
    replicated, in the crop as in the frame); shifting the maps by whole pixels is exact in
    float32 and leaves remap's 1/32-pixel sampling unchanged. So the values are the whole
    grey frame's, to the bit.
    """
    if image.ndim == 2:
        return cv2.remap(image, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    h, w = image.shape[:2]
    lo_x, hi_x, lo_y, hi_y = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    if not math.isfinite(lo_x + hi_x + lo_y + hi_y):
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        return cv2.remap(grey, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    x0 = min(max(math.floor(lo_x) - 1, 0), w - 1)
    y0 = min(max(math.floor(lo_y) - 1, 0), h - 1)
    x1 = max(min(math.ceil(hi_x) + 2, w), x0 + 1)
    y1 = max(min(math.ceil(hi_y) + 2, h), y0 + 1)
    grey = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)
    return cv2.remap(
        grey, xs - np.float32(x0), ys - np.float32(y0), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def refine_sides(q: np.ndarray, image: np.ndarray, reach: float) -> np.ndarray:
    """Re-fit each side to the strongest grey step near it, at full resolution (``image``: BGR or grey)."""
    h, w = image.shape[:2]
    offs = np.arange(-reach, reach + 1, 1.0, dtype=np.float32)
    t = np.linspace(0.1, 0.9, 24, dtype=np.float32)[:, None]
    # the four sides at once (4×24×offsets), as in snap_sides
    p, r, d, _, nrm = side_arrays(q)
    base = (p[:, None, :] + d[:, None, :] * t[None]).astype(np.float32)  # 4×24×2
    xs = base[:, :, 0:1] + offs * nrm[:, 0, None, None]  # float64, as the sides' normals
    ys = base[:, :, 1:2] + offs * nrm[:, 1, None, None]
    xs32, ys32 = xs.astype(np.float32), ys.astype(np.float32)
    prof = np.stack([grey_at(image, xs32[i], ys32[i]) for i in range(4)]).astype(np.float32)
    grad = np.abs(np.diff(prof, axis=2))
    k = grad.argmax(axis=2)  # 4×24
    peak = np.take_along_axis(grad, k[..., None], axis=2)[..., 0]
    inside_img = (xs[:, :, 0] >= 0) & (xs[:, :, -1] < w) & (ys[:, :, 0] >= 0) & (ys[:, :, -1] < h)
    lines = []
    for i in range(4):
        keep = (peak[i] >= max(6.0, 0.3 * float(grad[i].max()))) & inside_img[i]
        if keep.sum() < 6:
            lines.append(line_through(p[i], r[i]))
            continue
        pts = base[i][keep] + ((offs[k[i][keep]] + 0.5)[:, None] * nrm[i][None, :]).astype(np.float32)
        lines.append(_huber_line(pts))
    return _corners(lines, q, 3 * reach)


def snap_sides(
    q: np.ndarray, image: np.ndarray, reach: float, samples: int = 32, floor: float = 3.0
) -> np.ndarray:
    """Move each side of a rough outline (the net's) onto the sheet's edge near it.

    Along each side, the grey profile across it at ``samples`` points within ``reach``
    pixels either way; the step that the side shows as a whole (the same sign all along, as
    a sheet's edge against the desk does) is looked for at each point, nearer offsets preferred,
    and a line fitted through the points where it is clear (Huber: a finger or a shadow over
    part of the side does not pull it). A side with too few clear points stays where it was.
    """
    h, w = image.shape[:2]
    offs = np.arange(-reach, reach + 1.0, 1.0, dtype=np.float32)
    mid = (offs[:-1] + offs[1:]) / 2  # where each difference of the profile sits
    prior = np.exp(-0.5 * (mid / max(1.0, reach / 1.5)) ** 2)
    t = np.linspace(0.06, 0.94, samples, dtype=np.float32)[:, None]
    # the four sides at once (4×samples×offsets): the per-side numpy calls were most of the cost
    p, r, d, _, nrm = side_arrays(q)
    base = (p[:, None, :] + d[:, None, :] * t[None]).astype(np.float32)  # 4×S×2
    n32 = nrm.astype(np.float32)
    xs = base[:, :, 0:1] + offs * n32[:, 0, None, None]  # 4×S×K
    ys = base[:, :, 1:2] + offs * n32[:, 1, None, None]
    prof = np.stack([grey_at(image, xs[i], ys[i]) for i in range(4)]).astype(np.float32)
    grad = np.diff(prof, axis=2)  # along the inward normal
    col = grad.mean(axis=1) * prior  # 4×(K-1)
    sign = np.sign(col[np.arange(4), np.abs(col).argmax(axis=1)])
    g = grad * np.where(sign == 0, np.float32(1.0), sign)[:, None, None]
    k = (g * prior).argmax(axis=2)  # 4×S
    strength = np.take_along_axis(g, k[..., None], axis=2)[..., 0]
    inside_img = (xs.min(axis=2) >= 0) & (xs.max(axis=2) < w) & (ys.min(axis=2) >= 0) & (ys.max(axis=2) < h)
    # the step's position to a fraction of a sample: a parabola through the peak and its neighbours
    last = g.shape[2] - 1
    a = np.take_along_axis(g, np.clip(k - 1, 0, last)[..., None], axis=2)[..., 0]
    c = np.take_along_axis(g, np.clip(k + 1, 0, last)[..., None], axis=2)[..., 0]
    den = a - 2 * strength + c
    frac = np.where((k > 0) & (k < last) & (den < 0), 0.5 * (a - c) / np.where(den < 0, den, -1), 0)
    at = mid[k] + np.clip(frac, -0.5, 0.5)
    lines = []
    for i in range(4):
        keep = inside_img[i] & (strength[i] >= max(floor, 0.4 * percentile(strength[i], 75)))
        if keep.sum() < max(6, 0.3 * samples):
            lines.append(line_through(p[i], r[i]))
            continue
        pts = base[i][keep] + (at[i][keep][:, None] * nrm[i][None, :]).astype(np.float32)
        lines.append(_huber_line(pts))
    return _corners(lines, q, 2 * reach)


def _huber_line(pts: np.ndarray) -> np.ndarray:
    """The line through edge points, robust to a few far off (a finger over part of a side)."""
    vx, vy, x0, y0 = cv2.fitLine(pts.reshape(-1, 1, 2), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return line_through(np.array([x0, y0]), np.array([x0 + vx, y0 + vy]))


def _corners(lines: list[np.ndarray], q: np.ndarray, max_move: float) -> np.ndarray:
    """Adjacent sides re-intersected; a corner that would move further than ``max_move`` stays."""
    out = []
    for i in range(4):
        x = intersect(lines[i - 1], lines[i])
        out.append(q[i] if x is None or np.linalg.norm(x - q[i]) > max_move else x)
    return np.array(out)
