"""Does an outline hold paper: a pale, plain ground across the middle of its inside, as a page has and a cover does not.

A closed book, a magazine, a picture frame or a keyboard has a clean rectangular outline,
often seen all round, and the outline checks of :mod:`verifier` pass it. What it lacks is a
page's ground: a sheet (A4, a receipt, an ID card, a passport's data page) is one pale,
barely coloured surface with print on it, and its middle is mostly that surface. A cover is
a photograph (the lightest of each part of it has many colours, or none of it is light), a
frame is a picture inside a mat, a keyboard is dark keys.

The inside is looked at flattened (the outline warped to a small square, so the measure
does not depend on the view), its lightness taken against the local brightest (a shadow
across a page leaves it paper), and only its middle counted (a frame's pale mat lies round
the picture; the middle of a page is its text on its ground).

Measured on the answers the detector's unsure path gave on the five sets (bench seeds 1-5;
``bench/docseg/paper_table.py`` prints the table): the share :func:`pale_middle` was at most 0.10 on
the negatives it took from ``fifth`` (closed books, magazines in clutter, picture frames, a
keyboard, a coloured label) and ``blind`` (a teal patch), and at least 0.22 on every document,
a finger-covered one included (``MIN_PALE``). Not caught: an outline round a magazine and the
sheet beside it whose middle is a grey title band (0.23, ``fifth`` 87), and ``blind``'s two
pale abstract shapes (0.83, 1.0): they are pale plain surfaces. Where the net is sure of the page (453 answers, no negative among them) the
least was 0.14 (a page under a shadow's edge), the next 0.29: ``MIN_PALE_SURE``, half the
least, would still turn away six of those eight negatives should the net ever be sure of one.
The net's outlines (sure, or its fallback) are judged with any tint (see :func:`holds_paper`):
on the stored cases that turns away the same negatives.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

SIDE = 64  # the flattened inside, pixels a side: enough for the ground, cheap
MARGIN = 0.08  # of each side left out: the outline's own edge and its shadow
LIT = 0.85  # of the local brightest: a pixel of the ground (print, pictures and edges are darker)
SAME_TINT = 8.0  # Lab (a, b) distance to the ground's tint for a lit pixel to be ground
MAX_TINT = 26.0  # the ground's colourfulness: paper, a tinted form (as verifier.MAX_PAPER_CHROMA)
MAX_CARD_TINT = 36.0  # a card-shaped outline may be a pastel card (as verifier.MAX_PASTEL_CHROMA) ...
CARD_ASPECT = 1.8  # ... when no longer than this (ID-1 1.59, A-series 1.41; a label, a spine are longer)
MIN_PALE = 0.15  # share of the middle that is ground, below which the outline holds no page
MIN_PALE_SURE = (
    0.07  # the same where the net is sure of the page: half the least of any document it was sure of
)
BAND_LIGHT = (
    0.8  # of the inner ground's lightness: the band round an inner outline is its ground if this light
)
_DISC = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (13, 13))  # the local brightest's reach
_MIDDLE = slice(int(SIDE * 0.22), int(SIDE * 0.78))  # the middle half (of each side) of the flattened inside


def flattened(corners: np.ndarray, bgr: np.ndarray, scale: float) -> np.ndarray:
    """The inside of ``corners`` (frame pixels, in order round the outline), margin left out, as a SIDE² BGR square.

    ``bgr``: the frame scaled by ``scale`` (the detector's working copy: a page is tens of its
    pixels across, more than SIDE).
    """
    q = corners.astype(np.float32) * np.float32(scale)
    # the outline maps onto a square larger than the output by the margin: the output is its inner part
    a = SIDE * MARGIN / (1 - 2 * MARGIN)
    square = np.array([[-a, -a], [SIDE + a, -a], [SIDE + a, SIDE + a], [-a, SIDE + a]], np.float32)
    m = cv2.getPerspectiveTransform(q, square)
    return cv2.warpPerspective(bgr, m, (SIDE, SIDE), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _lit(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The flattened inside in Lab, its lightness, and which pixels are lit (≥ LIT of the local brightest)."""
    lab = cv2.cvtColor(flat, cv2.COLOR_BGR2Lab)
    light = lab[:, :, 0].astype(np.float32)
    brightest = cv2.GaussianBlur(cv2.dilate(light, _DISC), (0, 0), 6)
    return lab, light, light >= LIT * np.maximum(brightest, 1.0)


def pale_middle(flat: np.ndarray, max_tint: float) -> float:
    """Share of the flattened inside's middle that is pale ground of one tint (0 where that tint is more colourful than ``max_tint``)."""
    lab, _, lit = _lit(flat)
    if np.count_nonzero(lit) < 10:
        return 0.0
    ab = lab[:, :, 1:].astype(np.float32) - np.float32(128.0)
    tint = _commonest(ab[lit])  # the ground's tint, from all the lit pixels
    if float(np.hypot(*tint)) > max_tint:
        return 0.0
    d = ab[_MIDDLE, _MIDDLE] - tint
    ground = lit[_MIDDLE, _MIDDLE] & ((d * d).sum(axis=2) < SAME_TINT**2)
    return float(ground.mean())


def ground_between(outer: np.ndarray, inner: np.ndarray, bgr: np.ndarray, scale: float) -> float:
    """Share of the band between ``outer`` and ``inner`` (frame pixels, in order) that is ``inner``'s own ground.

    A card on a closed book: the book's outline holds the card, and the band round the card is
    the cover (a picture, a colour, a dark cloth); a page with a printed box: the band round the
    box is the page's own ground. Ground here is as in :func:`pale_middle` (the commonest lit
    tint of ``inner``'s middle) and at least ``BAND_LIGHT`` of its lightness (a lit pixel of a
    dark cover is lit only against the cover). 1.0 where ``inner`` shows no ground.
    """
    lab, light, lit = _lit(flattened(inner, bgr, scale))
    lit = lit[_MIDDLE, _MIDDLE]
    if np.count_nonzero(lit) < 10:
        return 1.0
    ab = lab[_MIDDLE, _MIDDLE, 1:].astype(np.float32)[lit] - np.float32(128.0)
    tint = _commonest(ab)
    grounds = light[_MIDDLE, _MIDDLE][lit]
    level = float(np.median(grounds[((ab - tint) ** 2).sum(axis=1) < SAME_TINT**2]))
    # the band, in the outer's flattened square: the inner outline widened, cut out of it
    m = cv2.getPerspectiveTransform(
        outer.astype(np.float32) * np.float32(scale),
        np.array([[0, 0], [SIDE, 0], [SIDE, SIDE], [0, SIDE]], np.float32),
    )
    band_bgr = cv2.warpPerspective(
        bgr, m, (SIDE, SIDE), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    hole = cv2.perspectiveTransform(inner.astype(np.float32).reshape(1, 4, 2) * np.float32(scale), m)
    drawn = np.zeros((SIDE, SIDE), np.uint8)
    edge = max(2, int(SIDE * MARGIN / 2))
    drawn[edge:-edge, edge:-edge] = 1
    cv2.fillPoly(drawn, [np.round(hole.reshape(4, 2)).astype(np.int32)], 0)
    band = cv2.erode(drawn, np.ones((2 * edge + 1, 2 * edge + 1), np.uint8)) > 0  # off both outlines' edges
    if np.count_nonzero(band) < 20:
        return 1.0
    blab = cv2.cvtColor(band_bgr, cv2.COLOR_BGR2Lab)[band].astype(np.float32)
    d = blab[:, 1:] - np.float32(128.0) - tint
    ground = ((d * d).sum(axis=1) < SAME_TINT**2) & (blab[:, 0] >= BAND_LIGHT * level)
    return float(ground.mean())


def _commonest(ab: np.ndarray) -> np.ndarray:
    """The commonest tint among (a, b) pairs (4-unit bins), then their mean near it."""
    bins = np.round(ab / 4).astype(np.int64) + 64
    key = bins[:, 0] * 128 + bins[:, 1]
    tint = ab[key == np.bincount(key).argmax()].mean(axis=0)
    d = ab - tint
    return ab[(d * d).sum(axis=1) < SAME_TINT**2].mean(axis=0)


def card_shaped(corners: np.ndarray) -> bool:
    """No longer than CARD_ASPECT (opposite sides' mean lengths): the perspective's own stretch is small beside a label's."""
    d = np.linalg.norm(corners - np.roll(corners, -1, axis=0), axis=1)
    a, b = d[0] + d[2], d[1] + d[3]
    return bool(max(a, b) <= CARD_ASPECT * max(min(a, b), 1e-9))


def holds_paper(
    corners: np.ndarray, bgr: np.ndarray, scale: float, *, any_tint: bool = False, least: float = MIN_PALE
) -> bool:
    """Whether the outline ``corners`` (frame pixels) holds a page, seen in ``bgr`` (the frame scaled by ``scale``).

    ``any_tint`` for the net's own outlines: a lamp's or a window's colour cast tints a whole
    page, and the net has already told a page from a coloured thing (a hand-found outline has
    had no such look: its ground must have paper's tint, or a pastel card's where card-shaped).
    ``least``: the share of ground asked for (``MIN_PALE_SURE`` where the net is sure).
    """
    if any_tint:
        tint = math.inf
    else:
        tint = MAX_CARD_TINT if card_shaped(corners) else MAX_TINT
    return pale_middle(flattened(corners, bgr, scale), tint) >= least
