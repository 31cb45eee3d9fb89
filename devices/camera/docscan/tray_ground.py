"""Outlines of what stands out from the tray round it by a small but steady colour step: a pale card on a pale plate.

A white card on a light-grey tray, a cream licence on beige: the step at its edge is a few
ΔE, under the edge detector's thresholds wherever the tray is textured or the sensor noisy
(they are set above the frame's own gradients), yet the whole card differs from the tray by
that step, and a person sees it at once. Here every pixel is compared with the tray's colour
round it: the median over a window wider than twice the document (a card, a receipt fill
less than half the window, so the median is the tray's), a ΔE map thresholded above the
frame's typical departure from its surroundings (the tray's texture and noise), and the
regions above it outlined. The outlines are candidates like any other: the one verifier
judges them (``DocumentDetector._on_plain_tray``, the detector's last look). Beside them, what the
detector asks of such an outline besides the verifier: that a pale tray fills the view
(:func:`plate_share`), that the step across every side is the same step (:func:`one_step_all_round`)
and that the outline has a flat document's shape (:func:`document_shaped`).
"""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan.geometry import sides_of
from devices.camera.docscan.quantile import percentile
from devices.camera.docscan.verifier import outside_colours

WINDOWS = (0.15, 0.3)  # of the copy's long side: the tray's colour round a card, round a small page
ABOVE = 3.0  # the ΔE map's threshold: this many times its median (the frame's texture and noise) ...
LEAST = 4.0  # ... and at least this (Lab units of the working copy: a step nobody sees is not sought)
MAX_AREA = 0.25  # of the frame: a larger region is the tray's own light (a lamp's pool), not a thing on it
COARSE = 4  # the tray's colour is taken on a copy this many times smaller
COMPACT = 0.6  # of its rotated bounding box a region fills: a sheet fills it (a pen, a shadow's curve do not)
MAX_WINDOW = 0.5  # of the frame's area
SAME_WINDOW = 0.6  # IoU of two windows that look at the same thing
DEPTH = 5.0  # working pixels either side of an outline where its two colours are taken
SKEW = 1.4  # opposite sides of a document lying on the tray: the longer at most this many times the shorter
MIN_ASPECT, MAX_ASPECT = 1.2, 3.5  # a document's length against its width
SAME_STEP = 3.0  # of the step's size: how far one side's step may lie from theirs (print at an edge, glare: up to 2.6 on the ninth)
PLATE_LIGHT = 0.12  # of the frame's lightest: the tray's lightness round its median (a lamp's fall-off) ...
PLATE_TINT = 8.0  # ... and its tint (a, b)
_OPEN = np.ones((3, 3), np.uint8)


def tray_ground_contours(lab: np.ndarray, min_area: float, least_light: float = 0.0) -> list[np.ndarray]:
    """Outlines of regions whose colour differs from the tray's round them (``lab``: the working copy; ``min_area`` in its pixels).

    ``least_light``: the least mean lightness of a region kept (a phone, a cup, a pen on a pale
    tray stand out as much as a card, and are no paper).
    """
    h, w = lab.shape[:2]
    out: list[np.ndarray] = []
    most = MAX_AREA * h * w
    # the tray's colour from a copy COARSE times smaller: a median over a wide window costs
    # per pixel, and the tray's colour changes slowly
    coarse = cv2.resize(lab, (max(1, w // COARSE), max(1, h // COARSE)), interpolation=cv2.INTER_AREA)
    for share in WINDOWS:
        k = max(3, int(share * max(h, w) / COARSE) | 1)
        ground = cv2.merge([cv2.medianBlur(np.ascontiguousarray(coarse[:, :, c]), k) for c in range(3)])
        ground = cv2.resize(ground, (w, h), interpolation=cv2.INTER_LINEAR)
        d = lab.astype(np.float32) - ground.astype(np.float32)
        dist = cv2.magnitude(cv2.magnitude(d[:, :, 0], d[:, :, 1]), d[:, :, 2])
        t = max(LEAST, ABOVE * percentile(dist[::2, ::2], 50))
        mask = cv2.morphologyEx((dist > t).astype(np.uint8), cv2.MORPH_OPEN, _OPEN)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        for c in contours:
            area = cv2.contourArea(c)
            if min_area <= area <= most and area >= COMPACT * _rect_area(c) and _light(lab, c) >= least_light:
                out.append(c)
    return out


def off_border(lab: np.ndarray) -> np.ndarray:
    """Where the colour differs from that of the window's border (``lab``: a window round one region, the tray at its edges): a 0/1 mask."""
    ring = _border(lab)
    tray = np.median(ring, axis=0)
    d = lab.astype(np.float32) - tray
    dist = cv2.magnitude(cv2.magnitude(d[:, :, 0], d[:, :, 1]), d[:, :, 2])
    # the border's own spread is the tray's texture, noise and light across the window
    rd = ring - tray
    spread = percentile(np.sqrt((rd * rd).sum(axis=1)), 50)
    t = max(LEAST, ABOVE * spread)
    return cv2.morphologyEx((dist > t).astype(np.uint8), cv2.MORPH_OPEN, _OPEN)


def region_contours(mask: np.ndarray, min_area: float) -> list[np.ndarray]:
    """The outlines of a mask's regions of ``min_area`` pixels or more."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    return [c for c in contours if cv2.contourArea(c) >= min_area]


def document_shaped(q: np.ndarray) -> bool:
    """Whether ``q`` has a document's shape as it lies on the tray under the camera.

    Opposite sides within ``SKEW`` of each other's length: the camera looks down on the tray, so
    a card or a page keeps them nearly equal (a tilted camera changes a small document's little);
    an outline of a crumpled thing or a fold is a trapezoid. No longer than ``MAX_ASPECT`` times
    its width: a card, a page, a receipt of a few lines (the ninth set's, at most 2.5); a longer
    pale strip on a pale tray is a pen, a cable, a fold of cloth. No squarer than ``MIN_ASPECT``:
    ID-1 is 1.59, the A series 1.41, receipts longer, and a camera 30° askew squares them to 1.38
    and 1.22 at most; a squarer pale thing is a queue ticket, a sticky note, a coaster.
    """
    d = np.hypot(*(np.roll(q, -1, axis=0) - q).T)
    a, b = (d[0] + d[2]) / 2, (d[1] + d[3]) / 2
    return bool(
        max(d[0], d[2]) <= SKEW * min(d[0], d[2])
        and max(d[1], d[3]) <= SKEW * min(d[1], d[3])
        and MIN_ASPECT * min(a, b) <= max(a, b) <= MAX_ASPECT * min(a, b)
    )


def border_colour(lab: np.ndarray) -> np.ndarray:
    """The median Lab colour of a window's outermost pixels: the tray's, round the region it was cut for."""
    return np.median(_border(lab), axis=0)


def _border(lab: np.ndarray) -> np.ndarray:
    return np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]).astype(np.float32)


def windows(
    contours: list[np.ndarray], scale: float, width: int, height: int, margin: float
) -> list[tuple[int, int, int, int, float]]:
    """Square windows round each region, largest first, each once: (x0, y0, x1, y1) in frame pixels and the region's short side there.

    A window is ``margin`` times the long side of the region's box, centred on it.
    ``scale``: working pixels per frame pixel of the contours. A window over ``MAX_WINDOW`` of
    the frame is hardly a closer look (a page that large is the working copy's to find); one
    nearly the same as a window listed is not listed again (the two scales of
    :func:`tray_ground_contours` find the same card).
    """
    out: list[tuple[int, int, int, int, float]] = []
    for c in sorted(contours, key=lambda c: -cv2.contourArea(c)):
        x, y, bw, bh = cv2.boundingRect(c)
        cx, cy = (x + bw / 2) / scale, (y + bh / 2) / scale
        half = margin * max(bw, bh) / scale / 2
        x0, y0 = int(max(cx - half, 0)), int(max(cy - half, 0))
        x1, y1 = int(min(cx + half, width)), int(min(cy + half, height))
        if x1 - x0 < 16 or y1 - y0 < 16 or (x1 - x0) * (y1 - y0) > MAX_WINDOW * width * height:
            continue
        if any(_overlap((x0, y0, x1, y1), o[:4]) > SAME_WINDOW for o in out):
            continue
        out.append((x0, y0, x1, y1, min(cv2.minAreaRect(c)[1]) / scale))
    return out


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two boxes."""
    iw = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - iw * ih
    return iw * ih / union if union else 0.0


def _rect_area(contour: np.ndarray) -> float:
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
    return float(rw * rh)


def one_step_all_round(q: np.ndarray, lab: np.ndarray, depth: float = DEPTH) -> bool:
    """Whether the colour step across every side of ``q`` (working pixels) is the same step: one ground inside, one tray outside.

    A document on a tray steps from the tray's colour to its own on all four sides (under a
    slow light both change together). A lit patch of the tray between two shadows steps up on
    two sides and to whatever bounds it on the others (a phone's edge, the tray's rim).
    """
    steps = []
    for _, p, r, _, _, nrm in sides_of(q):
        outside = outside_colours(p, r, nrm, lab, depth)
        inside = outside_colours(p, r, -nrm, lab, depth)
        if len(outside) < 3 or len(inside) < 3:
            continue  # beyond the frame: seen on the other sides
        steps.append(np.median(inside, axis=0) - np.median(outside, axis=0))
    if len(steps) < 3:
        return False
    at = np.median(np.array(steps), axis=0)
    size = float(np.linalg.norm(at))
    return size > 0 and all(float(np.linalg.norm(s - at)) <= SAME_STEP * size for s in steps)


def _light(lab: np.ndarray, contour: np.ndarray) -> float:
    """The mean lightness inside ``contour``."""
    x, y, bw, bh = cv2.boundingRect(contour)
    mask = np.zeros((bh, bw), np.uint8)
    cv2.drawContours(mask, [contour - np.array([x, y], np.int32)], -1, 1, -1)
    return float(cv2.mean(np.ascontiguousarray(lab[y : y + bh, x : x + bw, 0]), mask)[0])


def plate_share(lab: np.ndarray, white: float) -> float:
    """The share of the view (``lab``: a small copy of it) within ``PLATE_LIGHT`` of ``white`` in lightness and ``PLATE_TINT`` in tint of its median colour.

    A tray under the camera fills most of the view with one colour (its light falling off
    across it); a photograph of a room, a wall with things on it, a desk does not.
    """
    px = lab.reshape(-1, 3).astype(np.float32)
    d = np.abs(px - np.median(px, axis=0))
    return float(np.mean((d[:, 0] < PLATE_LIGHT * white) & (np.hypot(d[:, 1], d[:, 2]) < PLATE_TINT)))
