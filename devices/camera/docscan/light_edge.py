"""Is an outline's side a shadow's edge: the same brightness step running on past the outline's corners.

A blind's slats or a window's frame throw hard straight shadows across the page and the tray
alike. An edge-based finder, and the learned net (which never saw stripes), then take a lit
stripe of the page for the page: two of its sides are shadow edges. A sheet's own side ends
at its corners (beyond them lies tray on both sides of the line); a shadow's edge runs on,
dimming the tray beyond by the same ratio it dims the paper (a shadow multiplies whatever it
falls on). So a side whose step in log-lightness is seen again, the same sign and about the
same size, along the line beyond either corner is light, not material.
"""

from __future__ import annotations

import numpy as np

from devices.camera.docscan.geometry import side_arrays
from devices.camera.docscan.quantile import median_along

MIN_STEP = 0.15  # log-lightness step across the side (ratio 1.16) for it to be looked at
SAME = 0.4  # the step beyond a corner within this share of the side's own
MIN_SHARE = 0.6  # of the points beyond a corner (those in the frame) that must show it
REACH = 0.5  # how far beyond a corner the line is followed, of the side's length
DEPTHS = (2.0, 4.0)  # pixels either side of the line, averaged (a blurred edge's width)
POINTS = 8


def _steps(bgr: np.ndarray, base: np.ndarray, nrm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-brightness step across the line at each point (inward side minus outward), and which points are in the frame.

    ``base``: S×P×2 points; ``nrm``: S×2 inward normals. Only the points are read (the frame is
    not converted as a whole): brightness as the channels' sum (a constant factor, which the
    step's log cancels).
    """
    h, w = bgr.shape[:2]
    off = np.concatenate([np.array(DEPTHS), -np.array(DEPTHS)])  # inward depths, then outward
    at = base[:, :, None, :] + off[None, None, :, None] * nrm[:, None, None, :]  # S×P×2D×2
    xi = np.rint(at[..., 0]).astype(np.intp)
    yi = np.rint(at[..., 1]).astype(np.intp)
    ok = ((xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)).all(axis=2)
    np.clip(xi, 0, w - 1, out=xi)
    np.clip(yi, 0, h - 1, out=yi)
    v = np.log(bgr[yi, xi].sum(axis=-1, dtype=np.float32) + np.float32(12.0))  # S×P×2D
    n = len(DEPTHS)
    return (v[..., :n].sum(axis=-1) - v[..., n:].sum(axis=-1)) / n, ok


def light_sides(corners: np.ndarray, bgr: np.ndarray) -> int:
    """How many sides of ``corners`` (pixels of ``bgr``, in order round the outline) are shadow edges.

    Run on every answer, so all points (the sides, and the lines past both ends) are read in
    one gather.
    """
    p, r, d, length, nrm = side_arrays(np.asarray(corners, np.float64))
    # a few pixels either side, whatever the frame's size: at a blurred edge the step is wider
    # than DEPTHS at full resolution, so the depths are scaled to a 640-pixel view
    nrm = nrm * max(1.0, max(bgr.shape[:2]) / 640)
    t = np.linspace(0.15, 0.85, POINTS)
    unit = d / np.maximum(length, 1e-9)[:, None]
    reach = length[:, None] * np.linspace(0.05, REACH, POINTS)[None, :]
    base = np.concatenate(
        [
            p[:, None, :] + d[:, None, :] * t[None, :, None],  # along the side
            r[:, None, :] + unit[:, None, :] * reach[:, :, None],  # past its end
            p[:, None, :] - unit[:, None, :] * reach[:, :, None],  # past its start
        ],
        axis=1,
    )  # 4×3P×2
    step, ok = _steps(bgr, base, nrm)
    side, seen = step[:, :POINTS], ok[:, :POINTS]
    # the median over all the side's points (those beyond the frame read its edge): few where it counts
    s = np.where(seen.sum(axis=1) >= POINTS // 2, median_along(side, 1), 0.0)
    past = step[:, POINTS:].reshape(4, 2, POINTS)
    fine = ok[:, POINTS:].reshape(4, 2, POINTS)
    agree = (np.abs(past - s[:, None, None]) < SAME * np.abs(s)[:, None, None]) & fine
    share = agree.sum(axis=2) / np.maximum(fine.sum(axis=2), 1)
    runs_on = ((share >= MIN_SHARE) & (fine.sum(axis=2) >= POINTS // 2)).any(axis=1)
    return int((runs_on & (np.abs(s) >= MIN_STEP)).sum())
