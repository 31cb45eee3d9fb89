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
# an outline counts as a card alone on the tray within this of ID-1's proportions either way (the
# view's own stretch of a card lying flat under the kiosk's camera is a few per cent); an A-series
# page (1.414, 11 % short of it) and a passport's spread (1.41) lie beyond
ID1_SLACK = 0.1
SHARE = (0.03, 0.45)  # of the page's area (A4 0.074, A5 0.15; a page cut by the frame shows less of it)
EDGE = 0.04  # of the page's size, left out round its outline
ROUND = 0.3  # of the card's short side: the page's paper beyond each corner (16 mm)
MIN_PAGE_PX = 4000  # the page's area in the halved copy below which a card on it is too small to judge
# (share of the quadrilateral covered by the patch: a card is solid, a ring of print is not;
# its aspect's departure from ID-1's either way: the view's own stretch of a card lying nearly flat)
STRICT = (0.88, 0.14)  # the close look
LOOSE = (0.8, 0.2)  # the coarse look, a few pixels a side
STEP = 7.0  # Lab distance from the page's ground for a pixel to be off the paper (after the closing)
MIN_SIDES_STEP = 0.6  # share of points on each side whose inside differs from the paper beyond it
# lightness (0-255) by which a line along a side is darker (or lighter) than both the paper and the
# card: on the test scenes of seeds 100-107 a card's most-marked side 22-110, a printed box's 4 or
# less but one (60: a ruled line beyond it)
SHADOW = 10.0
# pixels (of the halved copy) across a side where the shadow or the rim is sought: the closing
# rounds the patch and moves its sides by a pixel or two
VALLEY = (-4.0, 1.0)
PAPER_AT, CARD_AT = (-9.0, -8.0, -7.0), (3.0, 4.0, 5.0, 6.0)
CARD_STEP_AT = 3.0  # where the card's ground is compared with the paper's (PAPER_AT's middle)
UNEVEN = 0.5  # the least-marked side's dip or crest, at most this share of the most-marked one's
COARSE = 110  # the page's size (square root of its area, pixels) where patches are sought
_PRINT_HALVED = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))  # the same on the halved copy
PAPER_LIGHT = 0.9  # of the paper's lightness round the card: beyond a side, paper rather than print
ALONG = 0.8  # share of a side's points the shadow's dip (or the rim's crest) must hold at


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
    # off the page's own edge and the shadow along it: the outline drawn a little smaller
    c = q.mean(axis=0)
    inside = np.zeros(crop.shape[:2], np.uint8)
    shrunk = c + (q - c) * (1 - EDGE) - (x0, y0)
    cv2.fillConvexPoly(inside, np.round(shrunk).astype(np.int32), 255)
    # first a coarse look (a page about COARSE pixels across: a card is then tens of pixels, print
    # a blur of a pixel or two), then a close one round each card-like patch on the halved copy
    step = max(1, math.ceil(math.sqrt(area) / COARSE))
    best: tuple[float, np.ndarray] | None = None
    for rough, rough_area in _patches(crop, inside, step, 0.0, LOOSE):
        ox, oy = (rough * step).min(axis=0) + step // 2
        ex, ey = np.ptp(rough * step, axis=0)
        mx, my = int(0.4 * ex) + step + 2, int(0.4 * ey) + step + 2
        wx0, wy0 = max(int(ox) - mx, 0), max(int(oy) - my, 0)
        wx1, wy1 = int(ox + ex) + mx + 1, int(oy + ey) + my + 1
        card_px = rough_area * step * step
        for q, _ in _patches(crop[wy0:wy1, wx0:wx1], inside[wy0:wy1, wx0:wx1], 1, card_px, STRICT):
            card = q + (wx0 + x0, wy0 + y0)  # in the halved copy
            if not plausible(card, w, h) or not _on_the_page(card - (x0, y0), inside):
                continue
            ok, card, strength = _stands_on_paper(card, small)
            if ok and (best is None or strength > best[0]):
                best = (strength, card)
    return None if best is None else order_corners(best[1] / scale)


def id1_shaped(q: np.ndarray, slack: float) -> bool:
    """Whether the outline ``q`` has ID-1's proportions within ``slack`` either way."""
    long_side, short_side = sorted(dims(order_corners(q)), reverse=True)
    return abs(long_side / max(short_side, 1e-9) / ID1_ASPECT - 1) <= slack


def _on_the_page(q: np.ndarray, inside: np.ndarray) -> bool:
    """Whether paper lies beyond every corner of ``q`` (pixels of ``inside``, the page's inner part).

    A card on a form has the form round it, a form's margin at least; a shaded strip along a
    page's own edge (a receipt's curl, a fold) has the desk beyond it, and the photo printed on a
    card lies a few millimetres from the card's edge.
    """
    c = q.mean(axis=0)
    reach = max(-PAPER_AT[0], ROUND * min(dims(order_corners(q))))
    away = q + (q - c) / np.linalg.norm(q - c, axis=1)[:, None] * reach
    h, w = inside.shape
    pts = np.round(away).astype(int)
    if ((pts < 0) | (pts >= (w, h))).any():
        return False
    return bool((inside[pts[:, 1], pts[:, 0]] > 0).all())


def _patches(
    bgr: np.ndarray, inside: np.ndarray, step: int, size: float, slack: tuple[float, float]
) -> list[tuple[np.ndarray, float]]:
    """Card-shaped patches off the paper in ``bgr`` (where ``inside``), looked at every ``step`` pixels.

    Print is erased by a closing (paper is the brightest in every channel): the brightest of
    each block of ``step`` taken, then the brightest within a stroke's width, then the darkest.
    ``size``: the patch's expected area (pixels of ``bgr``) for a close look; below 1 for the
    coarse look over the whole page (``inside``), where a card is a share of the page (SHARE).
    Returns each patch's four corners (pixels of the looked-at copy) and its area there.
    """
    if step > 1:
        bgr = cv2.dilate(bgr, np.ones((step + 2, step + 2), np.uint8))[step // 2 :: step, step // 2 :: step]
        inside = inside[step // 2 :: step, step // 2 :: step]
    if size < 1:  # the coarse look: the page is ``inside``
        page = float(np.count_nonzero(inside))
        k, reach, lo, hi = (3 if step > 1 else 5), 0.16 * math.sqrt(page), SHARE[0] * page, SHARE[1] * page
    else:  # the close look round a patch of about ``size`` pixels: a card's print is a tenth of its side
        k, reach, lo, hi = (
            max(3, int(0.1 * math.sqrt(size)) | 1),
            0.57 * math.sqrt(size),
            0.6 * size,
            1.6 * size,
        )
    plain = cv2.morphologyEx(bgr, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    lab = cv2.cvtColor(plain, cv2.COLOR_BGR2Lab).astype(np.float32)
    off = np.sqrt(((lab - _ground(plain, reach)) ** 2).sum(axis=2))
    patch = ((off >= STEP) & (inside > 0)).astype(np.uint8)
    patch = cv2.morphologyEx(patch, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(patch, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    out = []
    for cnt in contours:
        a = cv2.contourArea(cnt)
        if lo <= a <= hi:
            q = _card_outline(cnt, a, *slack)
            if q is not None:
                out.append((q, a))
    return out


def _ground(plain: np.ndarray, reach: float) -> np.ndarray:
    """The paper's colour round every pixel (Lab): the brightest of each channel within reach, smoothed.

    Paper is the brightest thing on a form in every channel; the reach (a fifth of the page's
    side) is wider than half a card's short side, so that the paper round a card is reached from
    its middle. Taken locally, a light falling off across the page leaves the paper paper.
    """
    r = int(reach) | 1
    bright = cv2.blur(cv2.dilate(plain, np.ones((r, r), np.uint8)), (r, r))
    return cv2.cvtColor(bright, cv2.COLOR_BGR2Lab).astype(np.float32)


def _card_outline(cnt: np.ndarray, patch_area: float, fill: float, aspect_slack: float) -> np.ndarray | None:
    """A patch's four sides (coarse pixels), where they make an ID-1 card."""
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
        qa = abs(cv2.contourArea(q.astype(np.float32)))
        if qa <= 0 or patch_area < fill * qa:
            continue
        if not id1_shaped(q, aspect_slack):
            continue
        return q
    return None


def _stands_on_paper(q: np.ndarray, small: np.ndarray) -> tuple[bool, np.ndarray, float]:
    """Whether the outline ``q`` (pixels of the halved copy ``small``) is a card lying on paper, and how clearly.

    Every side must step from the card to the paper beyond it, print erased (a closing of the
    card's neighbourhood), and the card's thickness must show in the picture itself: along a
    side, a line darker than both the card's ground and the paper beyond (its shadow), or lighter
    than both (a lit rim).
    """
    reach = int(-PAPER_AT[0]) + 2
    lo = np.maximum(np.floor(q.min(axis=0)).astype(int) - reach, 0)
    hi = np.minimum(np.ceil(q.max(axis=0)).astype(int) + reach + 1, (small.shape[1], small.shape[0]))
    window = small[lo[1] : hi[1], lo[0] : hi[0]]
    q = q - lo
    h, w = window.shape[:2]
    raw = cv2.cvtColor(window, cv2.COLOR_BGR2Lab)
    grey = raw[:, :, 0].astype(np.float32)
    plain = cv2.morphologyEx(window, cv2.MORPH_CLOSE, _PRINT_HALVED)
    lab = cv2.cvtColor(plain, cv2.COLOR_BGR2Lab).astype(np.float32)
    light = float(np.percentile(grey, 95))  # the paper's, round the card
    c = q.mean(axis=0)
    valley = np.arange(VALLEY[0], VALLEY[1] + 1.0)
    offs = np.concatenate(([CARD_STEP_AT], PAPER_AT, valley, CARD_AT))
    steps, thick = [], []
    for i in range(4):
        p, r = q[i], q[(i + 1) % 4]
        d = r - p
        n = np.array([-d[1], d[0]]) / (math.hypot(*d) + 1e-9)
        if np.dot(c - (p + r) / 2, n) < 0:
            n = -n  # inward
        t = np.linspace(0.15, 0.85, max(8, int(math.hypot(*d) / 2)))[:, None]
        pts = np.round((p + d * t)[None] + offs[:, None, None] * n).astype(int)  # offsets × points × 2
        xs, ys = np.clip(pts[..., 0], 0, w - 1), np.clip(pts[..., 1], 0, h - 1)
        at_lab, at_grey = lab[ys, xs], grey[ys, xs]
        # the card's ground against the paper beyond a shadow along the side, print erased
        diff = at_lab[0] - at_lab[2]
        steps.append(float(np.mean(np.sqrt((diff * diff).sum(axis=1)) >= STEP)))
        # the side's profile across it: a shadow is a dip below both the paper beyond the side and
        # the card's own ground, along nearly all the side (a line of print beside a printed box
        # has gaps between its letters: the dip is taken at the side's lighter points); a lit rim
        # is a crest above both, along nearly all the side
        k = 1 + len(PAPER_AT)
        paper = float(np.median(at_grey[1:k]))
        across = at_grey[k : k + len(valley)]
        inner = float(np.median(at_grey[k + len(valley) :]))
        dip = min(paper, inner) - float(np.percentile(across.min(axis=0), 100 * ALONG))
        crest = float(np.percentile(across.max(axis=0), 100 * (1 - ALONG))) - max(paper, inner)
        # judged only where the paper beyond is plain paper (not a line of the form's print)
        thick.append(max(dip, crest) if paper >= PAPER_LIGHT * light else 0.0)
    # a light from one side shades or lights some sides more than others; a line printed round a
    # box is the same all round
    ok = min(steps) >= MIN_SIDES_STEP and SHADOW <= max(thick) and min(thick) < UNEVEN * max(thick)
    return ok, q + lo, float(np.mean(steps)) + max(thick) / SHADOW
