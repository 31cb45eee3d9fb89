"""Is this frame good enough to keep? Plain reasons a citizen can act on.

Each check returns a message code (``kiosk/messages/scanner.py``): ``camera.no_document``,
``camera.one_at_a_time`` (the detector saw another document beside this one: it asks rather than
guesses which is meant, and it comes first, being the one the citizen can act on at once),
``camera.cut_off`` (a corner at or beyond the frame's edge), ``camera.too_small`` (too far: small in the frame and too few pixels across to read),
``camera.too_dark``, ``camera.blur``, ``camera.glare``. Measured on the flattened document at
a fixed working size so a page and an ID card are judged alike.

Sharpness is the re-blur measure (see :func:`sharpness`), judged on the flattened sheet at
its size in the frame. Measured on the generated document set (bench/datasets): 0.25–0.6 for
frames as taken (5th–95th percentile), at most 0.23 once a 1.5 px Gaussian blur is added and
0.17 at 2 px; the threshold is 0.2. A blank sheet (or the blank back of a card) has no
print to judge by: it is judged instead by the same measure on a band across its outline in
the frame, the step from paper to desk (:func:`outline_sharpness`), so a blank sheet is not
called blurred for being blank. Glare is a hot spot: cells of the sheet whose paper white is clipped (≥ 252) and
clearly brighter than the rest of the sheet; a sheet that is simply very white is not glare.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from devices.camera.docscan import Detection, warp
from devices.camera.docscan.flat import dims

MAX_LONG = 800  # the flattened copy is judged at its size in the frame, at most this long
EDGE_MARGIN = 0.01  # of the frame's size: a corner closer than this to the edge is cut off
MIN_AREA = 0.08  # document area / frame area
# ...unless its short side already spans this many frame pixels: on a fixed tray camera an ID card
# is ~6 % of the frame and cannot come closer, yet at 1920×1080 over a ~34 cm field its 54 mm side
# is ~300 px (about 140 dpi, its print legible); a card or receipt that small in a wide view is not
MIN_SHORT_PX = 240
MIN_BRIGHTNESS = 70.0  # mean grey of the document, 0-255
MIN_SHARPNESS = 0.2
MAX_GLARE = 0.02  # fraction of the document's pixels blown out


@dataclass(frozen=True)
class Quality:
    reasons: tuple[str, ...]  # empty when good
    sharpness: float = 0.0
    brightness: float = 0.0
    glare: float = 0.0
    area_frac: float = 0.0
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def hint(self) -> str | None:
        """The one reason to show first (most actionable first)."""
        return self.reasons[0] if self.reasons else None


BLANK_GRADIENT = 4.0  # strong gradients below this: no print to judge sharpness by


def sharpness(gray: np.ndarray) -> float:
    """How much a further slight blur takes away (Crété et al., "The blur effect", 2007).

    Blurring a sharp picture by σ = 1 px flattens its strongest gradients a lot; blurring an
    already blurred one hardly changes them. The result, 1 − (strong gradients after) /
    (before), does not depend on how much print or how much contrast the sheet has.
    """
    g = gray.astype(np.float32)
    before = _strong_gradient(g)
    if before < BLANK_GRADIENT:  # a flat, empty picture: nothing to judge by
        return 0.0
    after = _strong_gradient(cv2.GaussianBlur(g, (0, 0), 1.0))
    return float(max(0.0, 1.0 - after / before))


def _strong_gradient(g: np.ndarray) -> float:
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    return float(np.percentile(cv2.magnitude(gx, gy), 99)) / 4.0


def outline_sharpness(frame_gray: np.ndarray, corners: np.ndarray, band: int = 6) -> float:
    """The re-blur measure on a band across the sheet's outline: the paper-to-desk step.

    For a sheet without print. A sheet whose colour matches the desk gives no step; then
    there is nothing to judge by and the answer is 0 (as for :func:`sharpness`).
    """
    h, w = frame_gray.shape
    c = np.asarray(corners, np.float32)
    x0, y0 = np.maximum(np.floor(c.min(axis=0)).astype(int) - 4 * band, 0)
    x1, y1 = np.minimum(np.ceil(c.max(axis=0)).astype(int) + 4 * band, [w, h])
    if x1 - x0 < 8 or y1 - y0 < 8:
        return 0.0
    g = frame_gray[y0:y1, x0:x1].astype(np.float32)
    mask = np.zeros(g.shape, np.uint8)
    pts = np.round(c - [x0, y0]).astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(mask, [pts], True, 255, 2 * band + 1)
    border = np.zeros(g.shape, np.uint8)  # the frame's own edge is not the sheet's
    border[1:-1, 1:-1] = 255
    sel = (mask > 0) & (border > 0)
    if np.count_nonzero(sel) < 50:
        return 0.0

    def strong(img: np.ndarray) -> float:
        gx = cv2.Sobel(img, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(img, cv2.CV_32F, 0, 1, ksize=3)
        return float(np.percentile(cv2.magnitude(gx, gy)[sel], 95)) / 4.0

    before = strong(g)
    if before < BLANK_GRADIENT:
        return 0.0
    return float(max(0.0, 1.0 - strong(cv2.GaussianBlur(g, (0, 0), 1.0)) / before))


def glare_fraction(gray: np.ndarray, cell: int = 16) -> float:
    """Share of the document covered by hot spots: blown-out cells clearly brighter than its paper.

    A page that is simply white (even at 250) is not glare; a patch that washes the print
    out, brighter than the paper around it, is.
    """
    h, w = gray.shape
    h2, w2 = h - h % cell, w - w % cell
    if h2 == 0 or w2 == 0:
        return 0.0
    blocks = gray[:h2, :w2].reshape(h2 // cell, cell, w2 // cell, cell).transpose(0, 2, 1, 3)
    # each cell's paper white (its 90th percentile: print and photos are darker than paper)
    white = np.percentile(blocks.reshape(blocks.shape[0], blocks.shape[1], -1), 90, axis=2)
    paper = float(np.percentile(white, 25))  # most of the sheet is not under the hot spot
    hot = (white >= 252) & (white >= paper + 8)
    return float(hot.mean())


def assess(frame: np.ndarray, det: Detection | None) -> Quality:
    if det is None:
        return Quality(("camera.no_document",))
    h, w = frame.shape[:2]
    reasons: list[str] = ["camera.one_at_a_time"] if det.others else []
    c = det.corners
    mx, my = EDGE_MARGIN * w, EDGE_MARGIN * h
    if (
        (c[:, 0] < mx).any()
        or (c[:, 1] < my).any()
        or (c[:, 0] > w - 1 - mx).any()
        or (c[:, 1] > h - 1 - my).any()
    ):
        reasons.append("camera.cut_off")
    wdt, hgt = dims(c)
    if det.area_frac < MIN_AREA and min(wdt, hgt) < MIN_SHORT_PX:
        reasons.append("camera.too_small")
    f = min(1.0, MAX_LONG / max(wdt, hgt, 1.0))  # blur is judged in the frame's own pixels
    size = (max(16, round(wdt * f)), max(16, round(hgt * f)))
    flat = warp(frame, c, size=size, interpolation=cv2.INTER_LINEAR)
    gray = cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY) if flat.ndim == 3 else flat
    mh, mw = gray.shape[0] // 25, gray.shape[1] // 25  # judge the sheet, not the desk at its rim
    gray = gray[mh : gray.shape[0] - mh, mw : gray.shape[1] - mw]
    bright = float(gray.mean())
    sharp = sharpness(gray)
    if _strong_gradient(gray.astype(np.float32)) < BLANK_GRADIENT:  # blank: judge the outline
        frame_gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
        sharp = outline_sharpness(frame_gray, c)
    glare = glare_fraction(gray)
    if bright < MIN_BRIGHTNESS:
        reasons.append("camera.too_dark")
    if glare > MAX_GLARE:
        reasons.append("camera.glare")
    if sharp < MIN_SHARPNESS and "camera.too_dark" not in reasons:
        reasons.append("camera.blur")
    return Quality(tuple(reasons), sharp, bright, glare, det.area_frac)
