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

MIN_STEP = 0.15  # log-lightness step across the side (ratio 1.16) for it to be looked at
SAME = 0.4  # the step beyond a corner within this share of the side's own
MIN_SHARE = 0.6  # of the points beyond a corner (those in the frame) that must show it
REACH = 0.5  # how far beyond a corner the line is followed, of the side's length
DEPTHS = (2.0, 3.0, 4.0)  # pixels either side of the line, averaged (a blurred edge's width)
POINTS = 12


def _steps(bgr: np.ndarray, base: np.ndarray, nrm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-brightness step across the line at each point (inward side minus outward), and which points are in the frame.

    ``base``: S×P×2 points; ``nrm``: S×2 inward normals. Only the points are read (the frame is
    not converted as a whole): brightness as the mean of the three channels.
    """
    h, w = bgr.shape[:2]
    d = np.array(DEPTHS)
    at = base[:, :, None, :] + d[None, None, :, None] * nrm[:, None, None, :]  # S×P×D×2 inward
    away = base[:, :, None, :] - d[None, None, :, None] * nrm[:, None, None, :]
    both = np.stack([at, away])  # 2×S×P×D×2
    xi = np.round(both[..., 0]).astype(np.int32)
    yi = np.round(both[..., 1]).astype(np.int32)
    ok = ((xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)).all(axis=(0, 3))
    px = bgr[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)].astype(np.float32)
    v = np.log(px.mean(axis=-1) + 4.0).mean(axis=3)  # 2×S×P
    return v[0] - v[1], ok


def light_sides(corners: np.ndarray, bgr: np.ndarray) -> int:
    """How many sides of ``corners`` (pixels of ``bgr``, in order round the outline) are shadow edges."""
    p, r, d, length, nrm = side_arrays(np.asarray(corners, np.float64))
    # a few pixels either side, whatever the frame's size: at a blurred edge the step is wider
    # than DEPTHS at full resolution, so the depths are scaled to a 640-pixel view
    zoom = max(1.0, max(bgr.shape[:2]) / 640)
    nrm = nrm * zoom
    t = np.linspace(0.15, 0.85, POINTS)
    side, ok = _steps(bgr, p[:, None, :] + d[:, None, :] * t[None, :, None], nrm)
    ext = np.linspace(0.05, REACH, POINTS)
    unit = d / np.maximum(length, 1e-9)[:, None]
    reach = length[:, None] * ext[None, :]
    beyond = np.concatenate(
        [
            r[:, None, :] + unit[:, None, :] * reach[:, :, None],
            p[:, None, :] - unit[:, None, :] * reach[:, :, None],
        ],
        axis=1,
    )  # 4×2P×2: past the side's end, then past its start
    past, fine = _steps(bgr, beyond, nrm)
    count = 0
    for i in range(4):
        if ok[i].sum() < POINTS // 2:
            continue
        s = float(np.median(side[i][ok[i]]))
        if abs(s) < MIN_STEP:
            continue
        for half in (slice(0, POINTS), slice(POINTS, 2 * POINTS)):
            e, seen = past[i, half][fine[i, half]], int(fine[i, half].sum())
            if seen >= POINTS // 2 and float((np.abs(e - s) < SAME * abs(s)).mean()) >= MIN_SHARE:
                count += 1
                break
    return count
