"""Candidate quadrilaterals from a working copy of the frame: edge contours, pale regions, straight lines."""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.docscan.geometry import following, intersect, line_through
from devices.camera.docscan.quantile import percentile

MAX_SEGMENTS = 200  # line segments merged into lines, longest first
THREE_SIDE_RANK = 0.6  # a three-sided line candidate ranks as a full one with this much of its cover
_LSD = cv2.createLineSegmentDetector(cv2.LSD_REFINE_NONE)
# the colour-opponent planes, stretched to full range, carry mostly noise at fine scale (LSD
# spends twice the lightness plane's time growing regions in it); a card's tint against
# paper is a broad step: found at a coarser scale in half the lightness plane's time
_LSD_CHROMA = cv2.createLineSegmentDetector(cv2.LSD_REFINE_NONE, 0.5)


def _evidence(poly: np.ndarray, pts: np.ndarray, tol: float = 1.5) -> np.ndarray:
    """For each edge of ``poly``: how many outline points lie on it (within ``tol`` pixels).

    An edge of the convex hull that bridges a gap (a thumb's notch, a missing corner) has
    few points under it; a sheet's side has many, a thumb's curve only a few per edge.
    """
    p = poly
    d = following(poly) - p  # n×2
    length = np.hypot(d[:, 0], d[:, 1])
    u = d / np.maximum(length, 1e-6)[:, None]
    # x and y apart: the same sums as over an n×m×2 array, without building and reducing it
    rx = pts[None, :, 0] - p[:, 0, None]  # n×m
    ry = pts[None, :, 1] - p[:, 1, None]
    along = rx * u[:, 0, None] + ry * u[:, 1, None]
    across = np.abs(rx * u[:, 1, None] - ry * u[:, 0, None])
    hit = (across <= tol) & (along >= 0) & (along <= length[:, None])
    return np.where(length >= 1e-6, hit.sum(axis=1), 0).astype(np.float64)


def quad_from_outline(poly: np.ndarray, pts: np.ndarray | None = None) -> np.ndarray | None:
    """Four corners from a convex outline: its four best-supported edges, extended and intersected."""
    n = len(poly)
    if n < 4:
        return None
    if n == 4:
        return poly.astype(np.float64)
    weight = _evidence(poly, pts) if pts is not None else np.linalg.norm(following(poly) - poly, axis=1)
    keep = np.sort(np.argsort(weight, kind="stable")[-4:]).tolist()
    lines = [line_through(poly[i], poly[(i + 1) % n]) for i in keep]
    out = []
    for i in range(4):
        x = intersect(lines[i - 1], lines[i])
        if x is None:
            return None
        out.append(x)
    return np.array(out)


def quads_from_long_edges(poly: np.ndarray, keep: int = 6) -> list[np.ndarray]:
    """Quadrilaterals from every choice of four among the ``keep`` longest edges, in outline order."""
    from itertools import combinations

    n = len(poly)
    lengths = np.linalg.norm(following(poly) - poly, axis=1)
    longest = np.sort(np.argsort(lengths, kind="stable")[-keep:]).tolist()
    lines = {i: line_through(poly[i], poly[(i + 1) % n]) for i in longest}
    out = []
    for combo in combinations(longest, 4):
        pts = []
        for k in range(4):
            x = intersect(lines[combo[k - 1]], lines[combo[k]])
            if x is None:
                break
            pts.append(x)
        if len(pts) == 4:
            out.append(np.array(pts))
    return out


def pale_region_contours(lab: np.ndarray, edges: np.ndarray, min_area: float) -> list[np.ndarray]:
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
        top = percentile(plane[::2, ::2], 99)
        for t in (otsu, otsu + 0.33 * (top - otsu), otsu + 0.66 * (top - otsu)):
            # above t: on whole-number levels, above t's floor (OpenCV's threshold, one pass)
            _, above = cv2.threshold(plane, t, 255, cv2.THRESH_BINARY)
            mask = cv2.bitwise_and(above, cut)
            mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)  # cut thin bridges to the desk
            contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
            # no larger than its box, which spans at most half the chain's length plus one each way
            out += [
                c for c in contours if (len(c) / 2 + 1) ** 2 >= min_area and cv2.contourArea(c) >= min_area
            ]
    return out


def plane_segments(lab: np.ndarray, ch: int) -> np.ndarray | None:
    """LSD's segments (N×4: x0, y0, x1, y1) on one Lab plane; None where it has none or is flat."""
    plane = lab[:, :, ch]
    if ch:
        plane = cv2.normalize(plane, np.zeros_like(plane), 0, 255, cv2.NORM_MINMAX)
        if float(plane.std()) < 4:
            return None
    found = (_LSD_CHROMA if ch else _LSD).detect(plane)[0]
    return None if found is None else found.reshape(-1, 4)


def lab_segments(lab: np.ndarray) -> np.ndarray:
    """LSD's segments on the lightness and both colour-opponent planes together (N×4, float64; 0×4 where none)."""
    parts = [p for p in (plane_segments(lab, ch) for ch in range(3)) if p is not None]
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros((0, 4))


def _along_hand(seg: np.ndarray, hidden: np.ndarray, off: float = 3.0) -> np.ndarray:
    """Which segments (N×4) have the hand on one side along most of their length."""
    h, w = hidden.shape
    d = seg[:, 2:] - seg[:, :2]
    n = np.stack([-d[:, 1], d[:, 0]], axis=1) / np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)[:, None]
    t = np.linspace(0.1, 0.9, 9)
    base = seg[:, None, :2] + t[None, :, None] * d[:, None, :]  # N×9×2
    on = []
    for s in (off, -off):
        p = np.round(base + s * n[:, None, :]).astype(np.int32)
        on.append(hidden[np.clip(p[..., 1], 0, h - 1), np.clip(p[..., 0], 0, w - 1)] > 0)
    return (on[0] | on[1]).mean(axis=1) >= 0.5


def line_quads(
    lab: np.ndarray,
    max_lines: int = 20,
    max_quads: int = 40,
    hidden: np.ndarray | None = None,
    min_area: float = 0.03,
    segments: np.ndarray | None = None,
) -> list[np.ndarray]:
    """Quadrilaterals from straight lines: a third candidate source, for outlines no contour follows.

    Where a sheet lies across another sheet, or fingers break a side, the edge contour of
    the sheet runs into the other outline and no contour is the sheet; its four sides are
    still straight lines. Segments (OpenCV's LSD, on lightness and on both colour-opponent
    channels: a tinted card on white paper differs in colour only) on one line are merged,
    the longest lines kept, and every two roughly parallel pairs crossing at a plausible
    angle make a quadrilateral. Those whose sides are best covered by segments go on to
    the verifier.

    ``hidden``: a hand's mask (:mod:`.hand`): segments along its outline (a finger's sides run
    straight too) are left out, so the sheet's own sides are among the lines kept.
    ``min_area``: of the frame, the least a quadrilateral may cover. ``segments``: the frame's
    :func:`lab_segments` where already found.
    """
    h, w = lab.shape[:2]
    seg = lab_segments(lab) if segments is None else segments
    if not len(seg):
        return []
    if hidden is not None:
        seg = seg[~_along_hand(seg, hidden)]
    d = seg[:, 2:] - seg[:, :2]
    length = np.hypot(d[:, 0], d[:, 1])
    keep = length >= 0.04 * max(w, h)
    seg, d, length = seg[keep], d[keep], length[keep]
    theta = np.arctan2(d[:, 1], d[:, 0]) % np.pi
    order = np.argsort(-length)[:MAX_SEGMENTS]  # the longest: short ones rarely make a side
    lines: list[list] = []  # [theta, rho, support, segments]
    # a segment joins the first line (founded by an earlier, longer segment) it lies along;
    # which segment lies along which founder is one S×S comparison, the greedy pass after it
    # only reads booleans (a numpy pass per segment was a tenth of the detector's time)
    t_o, s_o = theta[order], seg[order]
    dt = np.abs(t_o[:, None] - t_o[None, :])
    dt = np.minimum(dt, np.pi - dt)
    n2x, n2y = -np.sin(t_o), np.cos(t_o)
    rho = np.array(
        [-math.sin(t) * x + math.cos(t) * y for t, x, y in zip(t_o, s_o[:, 0], s_o[:, 1], strict=True)]
    )
    r0 = s_o[None, :, 0] * n2x[:, None] + s_o[None, :, 1] * n2y[:, None]  # founder × segment
    r1 = s_o[None, :, 2] * n2x[:, None] + s_o[None, :, 3] * n2y[:, None]
    along = (dt < math.radians(4)) & (np.abs(r0 - rho[:, None]) < 3) & (np.abs(r1 - rho[:, None]) < 3)
    along &= np.triu(np.ones_like(along), 1)  # founders come before
    # for each segment, the earlier ones it lies along, in order (a few: plain lists beat numpy here)
    later, earlier = np.nonzero(along.T)
    near: dict[int, list[int]] = {}
    for j, f in zip(later.tolist(), earlier.tolist(), strict=True):
        near.setdefault(j, []).append(f)
    founder = [False] * len(order)
    line_of = [0] * len(order)
    for j, i in enumerate(order):
        first = next((f for f in near.get(j, ()) if founder[f]), None)
        if first is not None:
            ln = lines[line_of[first]]
            ln[2] += length[i]
            ln[3].append(seg[i])
            continue
        founder[j] = True
        line_of[j] = len(lines)
        lines.append([t_o[j], rho[j], length[i], [seg[i]]])
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
        homog[idx] = line_through(np.array([x0, y0]), np.array([x0 + vx, y0 + vy]))
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
        return finite & (area >= min_area * h * w)

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
