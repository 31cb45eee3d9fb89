"""An ID-1 card lying on a larger page (a CCCD or a licence on a form): found inside the page's outline.

The page's outline wins every other test (it is larger, seen all round, and its middle is
paper), and a white card's edge on a white form is faint and lost among the form's print. What
tells the card from the form's print:

- **Print is thin, a card is a solid patch.** A morphological closing (per colour channel, the
  paper being the brightest in each) erases the form's text, rules, stamp and signature; the
  card's ground survives it, and so does its outline against the paper: a tint, a grey, or the
  shadow its thickness casts.
- **The card's proportions:** ISO/IEC 7810 ID-1, 85.60 × 53.98 mm (1.586), and no larger than a
  share of the page it lies on.
- **Its thickness:** a printed box (an ID photo on a form) steps once from paper to print; a
  card lying on paper casts a thin shadow beyond one or more of its sides (a darker line
  between the card and the paper), or shows a bright rim, and its outline steps on all four sides
  against the page's own ground.

Everything is looked at on the detector's halved copy of the frame (``small``), inside the
page's outline only, so the search costs a closing of the page's box and a few contours.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.docscan.candidates import quad_from_outline
from devices.camera.docscan.flat import dims
from devices.camera.docscan.geometry import order_corners, plausible

ID1_ASPECT = 85.60 / 53.98
ASPECT_SLACK = 0.14  # of ID1_ASPECT either way: the view's own stretch of a card lying nearly flat
SHARE = (0.03, 0.45)  # of the page's area (A4 0.074, A5 0.15; a page cut by the frame shows less of it)
MIN_PAGE_PX = 4000  # the page's area in the halved copy below which a card on it is too small to judge
FILL = 0.88  # of the quadrilateral covered by the patch: a card is solid, a ring of print is not
STEP = 7.0  # Lab distance from the page's ground for a pixel to be off the paper (after the closing)
MIN_SIDES_STEP = 0.6  # share of points on each side whose inside differs from the paper beyond it
SHADOW = 3.0  # lightness (0-255) by which the thin line beyond a side is darker than both its neighbours
MIN_SHADOW_SIDE = 0.5  # share of a side's points with that line for the side to cast a shadow


def card_on_page(page: np.ndarray, small: np.ndarray, scale: float) -> np.ndarray | None:
    """The corners (frame pixels) of an ID-1 card lying on the page ``page`` (frame pixels, in order), or None.

    ``small``: the frame scaled by ``scale``.
    """
    q = np.asarray(page, np.float64) * scale
    h, w = small.shape[:2]
    area = abs(cv2.contourArea(q.astype(np.float32)))
    if area < MIN_PAGE_PX:
        return None
    x0, y0 = np.clip(np.floor(q.min(axis=0)).astype(int), 0, [w - 1, h - 1])
    x1, y1 = np.clip(np.ceil(q.max(axis=0)).astype(int) + 1, 1, [w, h])
    crop = small[y0:y1, x0:x1]
    inside = np.zeros(crop.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(q - (x0, y0)).astype(np.int32), 255)
    # off the page's own edge and the shadow along it
    edge = max(3, int(0.02 * math.sqrt(area)))
    inside = cv2.erode(inside, np.ones((2 * edge + 1, 2 * edge + 1), np.uint8))
    if np.count_nonzero(inside) < 0.5 * area:
        return None
    k = int(np.clip(round(math.sqrt(area) / 70), 2, 4)) * 2 + 1  # wider than a stroke of print
    plain = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    lab = cv2.cvtColor(plain, cv2.COLOR_BGR2Lab).astype(np.float32)
    ground = _ground(plain, area)
    off = np.sqrt(((lab - ground) ** 2).sum(axis=2))
    patch = ((off >= STEP) & (inside > 0)).astype(np.uint8)
    patch = cv2.morphologyEx(patch, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(patch, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    best: tuple[float, np.ndarray] | None = None
    for cnt in contours:
        a = cv2.contourArea(cnt)
        if not SHARE[0] * area <= a <= SHARE[1] * area:
            continue
        card = _card_outline(cnt, a, w, h, (x0, y0))
        if card is None:
            continue
        ok, strength = _stands_on_paper(card - (x0, y0), lab, ground, crop)
        if ok and (best is None or strength > best[0]):
            best = (strength, card)
    return None if best is None else order_corners(best[1] / scale)


def _ground(plain: np.ndarray, area: float) -> np.ndarray:
    """The paper's colour round every pixel (Lab): the brightest of each channel within reach, smoothed.

    Paper is the brightest thing on a form in every channel; the reach is wider than half a
    card's short side, so that the paper round a card is reached from its middle. Taken
    locally, a light falling off across the page leaves the paper paper.
    """
    r = int(0.16 * math.sqrt(area)) | 1
    bright = cv2.dilate(plain, np.ones((r, r), np.uint8))
    bright = cv2.blur(bright, (r, r))
    return cv2.cvtColor(bright, cv2.COLOR_BGR2Lab).astype(np.float32)


def _card_outline(
    cnt: np.ndarray, patch_area: float, w: int, h: int, at: tuple[int, int]
) -> np.ndarray | None:
    """A patch's four sides (crop pixels shifted to the halved copy's), where they make an ID-1 card."""
    hull = cv2.convexHull(cnt)
    peri = cv2.arcLength(hull, True)
    outline = cnt.reshape(-1, 2).astype(np.float64)
    for eps in (0.02, 0.04):
        poly = cv2.approxPolyDP(hull, eps * peri, True).reshape(-1, 2).astype(np.float64)
        if not 4 <= len(poly) <= 10:
            continue
        q = quad_from_outline(poly, outline)
        if q is None:
            continue
        q = q + at
        if not plausible(q, w, h):
            continue
        qa = abs(cv2.contourArea(q.astype(np.float32)))
        if qa <= 0 or patch_area < FILL * qa:
            continue
        long_side, short_side = sorted(dims(order_corners(q)), reverse=True)
        if abs(long_side / max(short_side, 1e-9) / ID1_ASPECT - 1) > ASPECT_SLACK:
            continue
        return q
    return None


def _stands_on_paper(
    q: np.ndarray, lab: np.ndarray, ground: np.ndarray, crop: np.ndarray
) -> tuple[bool, float]:
    """Whether the outline ``q`` (crop pixels) is a card lying on the paper, and how clearly.

    Every side must step from the card to paper (``lab``: the closed crop; ``ground``: the
    paper), and at least one side must show the card's thickness in the unclosed ``crop``: a
    line just beyond it darker than both the card's edge and the paper further out (its shadow),
    or a rim just inside it brighter than both (a lit edge).
    """
    h, w = lab.shape[:2]
    grey = cv2.cvtColor(crop, cv2.COLOR_BGR2Lab)[:, :, 0].astype(np.float32)
    c = q.mean(axis=0)
    steps, thick = [], []
    for i in range(4):
        p, r = q[i], q[(i + 1) % 4]
        d = r - p
        n = np.array([-d[1], d[0]]) / (math.hypot(*d) + 1e-9)
        if np.dot(c - (p + r) / 2, n) < 0:
            n = -n  # inward
        t = np.linspace(0.15, 0.85, max(8, int(math.hypot(*d) / 2)))[:, None]
        base = p + d * t

        def at(off: float, plane: np.ndarray, base: np.ndarray = base, n: np.ndarray = n) -> np.ndarray:
            pts = np.round(base + off * n).astype(int)
            return plane[np.clip(pts[:, 1], 0, h - 1), np.clip(pts[:, 0], 0, w - 1)]

        card_side = at(3.0, lab)
        paper_side = at(-4.0, lab)
        steps.append(
            float(np.mean(np.sqrt(((card_side - paper_side) ** 2).sum(axis=1)) >= STEP))
            if len(card_side)
            else 0.0
        )
        near_in, edge_out, far_out = at(1.5, grey), at(-1.5, grey), at(-5.0, grey)
        shadow = (edge_out <= np.minimum(near_in, far_out) - SHADOW).mean()
        rim = (near_in >= np.maximum(at(4.0, grey), edge_out) + SHADOW).mean()
        thick.append(float(max(shadow, rim)))
    ok = min(steps) >= MIN_SIDES_STEP and max(thick) >= MIN_SHADOW_SIDE
    return ok, float(np.mean(steps) + max(thick))
