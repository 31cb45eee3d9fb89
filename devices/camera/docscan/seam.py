"""Two documents side by side taken for one: a straight step across the outline's whole width.

The net, sure of a page, may be sure of one outline round two cards lying side by side (it
sees one pale region), and then the classic pipeline, which would see two outlines, is not
run. Such an outline is long (two ID cards end to end are over three times as long as wide,
a card or a page is under two) and is cut across, somewhere near its middle, by a straight
line where the colour steps over the whole short side: one card's edge against the other's, or
against the desk between them. A receipt is long too, but its print steps along part of a
line only, and a ruled line across it steps at one distance from the line, not at two.

Measured on the outlines the net returned on the seven sets' cached frames (all tuned on): the
share of rows stepping at the best line was 1.0 on both of the seventh set's pairs of cards it
took for one outline, and at most 0.95 on any one-document frame (sixth 42, a window's shadow
edge straight across a receipt), next 0.80, most receipts under 0.7. ``MIN_ROWS`` sits in that
narrow gap: a hard-edged shadow straight across a long receipt is the likely false alarm.
"""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan.flat import dims
from devices.camera.docscan.geometry import order_corners

LONG = 240  # the flattened outline's long side, pixels
MIN_ASPECT = 2.4  # outlines at least this long for their width are looked at (two ID-1 cards: 3.2)
MIDDLE = (0.3, 0.7)  # where along the long side the line between two documents is looked for
# pixels either side of the line whose colours are compared, near and further (a blurred edge's width left out)
REACH = ((2, 6), (6, 14))
STEP = 25.0  # Lab distance between the two sides of the line at a row for that row to step
MIN_ROWS = 0.98  # share of the rows (the short side, its ends left out) that must step


def side_by_side(corners: np.ndarray, bgr: np.ndarray, scale: float) -> bool:
    """Whether the outline ``corners`` (frame pixels) holds two documents side by side, seen in ``bgr`` (the frame scaled by ``scale``)."""
    outer = order_corners(np.asarray(corners, np.float64))
    w, h = dims(outer)
    if max(w, h) < MIN_ASPECT * max(min(w, h), 1e-9):
        return False
    short = max(16, round(LONG * min(w, h) / max(w, h)))
    # the long side laid along x whichever way the outline lies
    size = (LONG, short) if w >= h else (short, LONG)
    dst = np.array([[0, 0], [size[0], 0], [size[0], size[1]], [0, size[1]]], np.float32)
    m = cv2.getPerspectiveTransform((outer * scale).astype(np.float32), dst)
    flat = cv2.warpPerspective(bgr, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if w < h:
        flat = cv2.rotate(flat, cv2.ROTATE_90_CLOCKWISE)
    lab = cv2.cvtColor(flat, cv2.COLOR_BGR2Lab).astype(np.float32)
    end = short // 8  # the outline's own edges and corners left out
    lab = lab[end : short - end]
    # each row's mean colour over REACH on either side of every column, by running sums
    run = np.concatenate([np.zeros_like(lab[:, :1]), np.cumsum(lab, axis=1)], axis=1)
    xs = np.arange(int(MIDDLE[0] * LONG), int(MIDDLE[1] * LONG))
    steps = np.ones((lab.shape[0], len(xs)), bool)
    for near, far in REACH:
        # the step must hold at both distances: a ruled line steps at the nearer only
        left = (run[:, xs - near] - run[:, xs - far]) / (far - near)
        right = (run[:, xs + far] - run[:, xs + near]) / (far - near)
        steps &= ((left - right) ** 2).sum(axis=2) > STEP**2
    return bool(steps.mean(axis=0).max() >= MIN_ROWS)
