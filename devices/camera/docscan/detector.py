"""The detector: candidate sources in order of cost, one verifier, the refinement of the winner."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar, overload

import cv2
import numpy as np

from devices.camera.docscan.candidates import (
    lab_segments,
    line_quads,
    pale_region_contours,
    quad_from_outline,
    quads_from_long_edges,
)
from devices.camera.docscan.card import ID1_SLACK, card_on_page, id1_shaped
from devices.camera.docscan.card_beside import apart, card_first, clear_of, other_regions
from devices.camera.docscan.flat import dims
from devices.camera.docscan.geometry import order_corners, plausible, plausible_all, quad_iou
from devices.camera.docscan.halve import halvings
from devices.camera.docscan.hand import hand_mask
from devices.camera.docscan.learned import IN_H, IN_W, MaskQuad, Segmenter, quad_from_mask
from devices.camera.docscan.light_edge import light_sides
from devices.camera.docscan.mrz_band import find_band, upright_from
from devices.camera.docscan.paper import MIN_PALE_SURE, ground_between, holds_paper
from devices.camera.docscan.quantile import percentile
from devices.camera.docscan.refine import expand, refine_sides, snap_sides
from devices.camera.docscan.seam import side_by_side
from devices.camera.docscan.tray_ground import (
    border_colour,
    document_shaped,
    off_border,
    one_step_all_round,
    plate_share,
    region_contours,
    tray_ground_contours,
    windows,
)
from devices.camera.docscan.unshade import even_light
from devices.camera.docscan.verifier import (
    BLANK_SUPPORT,
    INK_FULL,
    INK_SOME,
    INK_STEP,
    MAX_BANDED,
    MAX_RIM_ROUGHNESS,
    banded,
    clear_share,
    contrast,
    corners_seen,
    edge_support,
    paper_look,
    rim_roughness,
)

WORK_SIDE = 400  # long side of the working copy, pixels
MIN_AREA = 0.008  # of the frame: below what a capture takes (quality.MIN_AREA: "bring it closer")
MIN_SUPPORT = 0.55  # fraction of the perimeter on detected edges
DECISIVE = (
    0.99  # a printed sheet with this much of its outline seen, all sides and corners: search no further
)
CORNER_HIDDEN_SUPPORT = 0.75  # MIN_SUPPORT for an outline with a corner not in view
DUP_PX = 2.0  # candidates whose corners all lie this close (working pixels) are judged once
LINES_BELOW = 0.97  # the line candidates are sought when the best outline is less supported
# the learned path and the gate (see the package docstring): thresholds set on the four tuning sets
ACCEPT = 0.75  # the net's confidence above which its outline is taken without the classic pipeline
AGREE = 0.30  # IoU of a classic outline with the net's mask for it to count as the page the net sees
ALONE = 0.95  # a classic outline this well supported is taken whatever the net's mask says
SAME = 0.85  # two outlines with this IoU are the same page
FALLBACK = 0.40  # the net's outline when no classic one is taken, above this confidence
NOTHING = 0.5  # the net sees no page where its largest probability stays under this
SMALL_PAGE = (
    0.10  # the net's page smaller than this: the classic pipeline looks for outlines down to MIN_AREA ...
)
CLASSIC_MIN_AREA = 0.03  # ... else down to this
ZOOM_BELOW = 0.04  # a mask quad smaller than this (of the net's map) is looked at again, closer
ZOOM_MARGIN = 1.8  # the second pass's window: this many times the small page's extent
ZOOM_MAX_WINDOW = 0.5  # of the frame's area: a larger window is hardly a closer look
ZOOM_MIN_AREA = 0.02  # of the window
NEST_MAX = 0.7  # an outline inside the best one, at most this share of its area, may be the page on it
NEST_SLACK = 2.0  # working pixels an inner outline's corner may lie beyond the outer one
NEST_AWAY = 0.04  # of the outer outline's size: an inner side this far inside it has a band beyond
NEST_SIDES = 3  # sides of the inner outline that must have that band beyond them
NEST_BAND = 0.03  # share of the band between them that is the inner page's ground, below which it is the page
SNAP_REACH = 3.0  # how far (net pixels) from the net's outline the sheet's edge is looked for
# another document beside the one returned (two cards side by side): an outline the verifier took,
# about its size, seen nearly all round, hardly overlapping it (set on the seven sets: see _others)
OTHER_SIZE = (0.75, 1.35)  # its area against the returned outline's
OTHER_SUPPORT = 0.9  # its colour step along the outline (a shadow's or a fold's part is seen less)
OTHER_OVERLAP = 0.1  # of the smaller of the two: at most this much shared
# an MRZ is looked for (mrz_band) only on outlines a passport's spread (176/125), its data page
# (125/88) or a card (85.6/54) can project to
MRZ_ASPECT = (1.25, 1.75)
SPREAD_ASPECT = (
    1.25,
    1.6,
)  # a band along a short side of such an outline: a spread, its data page at the band
SPREAD_PX = (
    2.0  # pixels a millimetre of the flattened spread (coarse: the sides are re-fitted at full resolution)
)
RIM_MM = 5.0  # how far inside the outline the page's own edge is looked for (a cover's rim is 3 mm)
RIM_STEP = 20.0  # grey levels: the cover's rim to the page
PAGE_REACH = 4.0  # frame pixels: the data page's sides re-fitted this close (the fold's crease, the rim)

# a document on a plain tray, outlined by its colour against the tray (_on_plain_tray)
PLAIN_GLANCE = 50  # the first glance at the view: a copy under twice this many pixels across
PLAIN_SEEDS_SIDE = 200  # the regions are sought on a copy this size (where they are, not their outlines)
PLAIN_WINDOW = 2.0  # the window round a region: this many times its long side, ...
PLAIN_SIDE = 200  # ... looked at this many pixels a side, ...
PLAIN_SHORT = 80  # ... or more, up to PLAIN_MAX_SIDE, for the region's short side to be this many (a
# receipt's print then lies as far from its sides, in pixels, as a page's at WORK_SIDE)
PLAIN_MAX_SIDE = 320
PLAIN_LINES_SIDE = 160  # the window's lines are sought on a copy this size at most (the verifier needs the
# resolution, the line finder much less of it) ...
PLAIN_LINES = 20  # ... and the best this many of their quadrilaterals judged
PLAIN_WINDOWS = 2  # the largest regions only
PLAIN_MIN_AREA = 0.04  # of the window
PLAIN_SUPPORT = 0.6  # its colour step along the outline
# the tray round it, and the document, at least this light (of the frame's lightest): on the
# ninth set's pale trays (ΔE 4.5-14) trays 0.69 and more (mostly 0.8-1), documents 0.73 and more
PLAIN_TRAY = 0.6
# the share of the view in the tray's colour (.tray_ground.plate_share) at least: on the ninth set's
# frames with a document at ΔE 4.5-14, 0.37 and more; on the photo negatives 40 % are under 0.3
PLAIN_PLATE = 0.3

# a line candidate with less than this share of its outline clear of the hand lies under it
# (0.97 let a queue ticket beside the hand, or a passport's spread, displace the page held)
UNDER_HAND = 0.9
HAND_IN = 4  # working pixels: a hand this far inside an outline lies over it
HAND_LINES = 12  # lines the hand's candidates are made of, the fingers' own left out (20: a quarter more time on the ninth; 8 lost held cards)

T = TypeVar("T")
_SHARED = Segmenter()  # one model per process, loaded on first use


@dataclass(frozen=True)
class Detection:
    corners: np.ndarray  # 4×2 float32, TL, TR, BR, BL, in frame pixels
    support: float  # fraction of the outline on edges (classic), or the net's confidence (learned)
    area_frac: float  # quadrilateral area / frame area
    # which path found it: "learned" (the net's outline), "classic", or "card" (a card on the page found)
    source: str = "classic"
    # other documents seen beside this one (two cards side by side): the kiosk asks for one at a
    # time rather than guess; counted only where the classic pipeline ran (see _others)
    others: int = 0
    # the ICAO 9303 format of a machine-readable zone found along a side ("TD3", "TD1", ...; ""
    # none): the corners are then in reading order, the zone along BR-BL (the page's bottom)
    mrz: str = ""

    def as_list(self) -> list[list[float]]:
        return [[round(float(x), 1), round(float(y), 1)] for x, y in self.corners]


@dataclass(frozen=True)
class _NetOutline:
    corners: np.ndarray  # 4×2, frame pixels, unordered
    confidence: float  # MaskQuad.confidence (of the closer look where that was surer)
    usable: bool  # three corners in view, a quadrilateral a sheet can project to
    reach: float  # frame pixels per net pixel of the pass it came from (the snap's reach)
    area: float  # of the first pass's quadrilateral, as a fraction of the frame


class _Frame:
    """One frame's working planes, and the candidates already judged (sources overlap)."""

    def __init__(self, lab: np.ndarray, closed: np.ndarray, ink: np.ndarray, white: float, min_area: float):
        self.lab, self.closed, self.ink, self.white = lab, closed, ink, white
        self.min_area = min_area
        self._segments: np.ndarray | None = None
        self._judged = np.empty((64, 4, 2))
        self._count = 0
        self.decided = False
        # every outline past the verifier's batch checks, in the order judged: its verdict (score,
        # outline, support), None where it failed the rest, or not yet given (see _judge_all)
        self.looked: list[_Looked] = []

    @property
    def passed(self) -> list[tuple[float, np.ndarray, float]]:
        """Every outline the verifier took, in order (the deferred ones judged now)."""
        return [v for v in (self.verdict(k) for k in range(len(self.looked))) if v is not None]

    def verdict(self, k: int) -> tuple[float, np.ndarray, float] | None:
        """The ``k``-th looked-at outline's verdict, judged now if it was deferred."""
        seen = self.looked[k]
        if seen.pending:
            seen.verdict = _judged(seen, self)[0]
            seen.pending = False
        return seen.verdict

    @property
    def segments(self) -> np.ndarray:
        """The working copy's straight segments (:func:`.candidates.lab_segments`), found once."""
        if self._segments is None:
            self._segments = lab_segments(self.lab)
        return self._segments

    @property
    def recorded(self) -> int:
        return self._count

    def unseen(self, qs: np.ndarray) -> np.ndarray:
        """Which of a batch (Q×4×2) has no quadrilateral judged before it with every corner within ``DUP_PX``.

        "Before" is every quadrilateral of earlier batches and the earlier ones of this batch, in
        order, whether or not it passed; all are recorded (:meth:`keep_first` trims the record
        where a batch was cut short). One comparison for the batch, bounding boxes first: all
        corners against all, one candidate at a time, was an eighth of the detector's time.
        """
        m, b = self._count, len(qs)
        if m + b > len(self._judged):
            grown = np.empty((max(2 * len(self._judged), m + b), 4, 2))
            grown[:m] = self._judged[:m]
            self._judged = grown
        self._judged[m : m + b] = qs
        ref = self._judged[: m + b]
        # a reference can only be near when the candidate's bounding box lies within its own
        # widened by DUP_PX (each corner near one of its corners): a cheap test that leaves few
        # pairs (a hair wider than DUP_PX, so rounding never drops a pair the exact test keeps)
        reach = DUP_PX + 1e-6
        lo, hi = qs.min(axis=1), qs.max(axis=1)
        rlo, rhi = ref.min(axis=1) - reach, ref.max(axis=1) + reach
        # x first over all pairs (B×N), y only on the pairs x leaves
        maybe = (lo[:, 0, None] >= rlo[None, :, 0]) & (hi[:, 0, None] <= rhi[None, :, 0])
        maybe &= np.arange(m + b)[None, :] < (m + np.arange(b))[:, None]  # only those judged before it
        bi, ri = np.nonzero(maybe)
        ok = (lo[bi, 1] >= rlo[ri, 1]) & (hi[bi, 1] <= rhi[ri, 1])
        bi, ri = bi[ok], ri[ok]
        # the exact test on those: every corner within DUP_PX (Chebyshev) of one of the reference's
        d = np.abs(ref[ri][:, :, None, :] - qs[bi][:, None, :, :]).max(axis=3)  # P×4×4
        near = (d.min(axis=1) <= DUP_PX).all(axis=1)
        self._count = m + b
        return np.bincount(bi[near], minlength=b) == 0

    def keep_first(self, n: int) -> None:
        """Forget all but the first ``n`` recorded (a batch whose search ended at its ``n``-th)."""
        self._count = n


class _OnDemand(Sequence[T]):
    """A sequence whose items are made when first read (and kept)."""

    def __init__(self, n: int, make: Callable[[int], T]):
        self._n, self._make = n, make
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, k: int) -> T: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[T]: ...
    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self._n))]
        if not -self._n <= k < self._n:
            raise IndexError(k)
        k %= self._n
        if k not in self._made:
            self._made[k] = self._make(k)
        return self._made[k]


@dataclass
class _Looked:
    """An outline past the verifier's batch checks, and its verdict once the remaining ones are made."""

    q: np.ndarray  # working pixels
    sup: float  # colour step across the outline (contrast)
    sides: int  # sides with a step
    corners: int  # corners seen
    area: float  # of the working frame
    verdict: tuple[float, np.ndarray, float] | None = None  # (score, q, sup) where the verifier takes it
    pending: bool = True  # no verdict yet: it could neither win nor end the search when looked at
    hidden: np.ndarray | None = None  # the hand's mask it was looked at with (:mod:`.hand`), if any


def _judged(seen: _Looked, fr: _Frame) -> tuple[tuple[float, np.ndarray, float] | None, float]:
    """The verifier's per-outline checks: (score, outline, support) where it takes the outline, else None; and its print."""
    q, sup, lab, hidden = seen.q, seen.sup, fr.lab, seen.hidden
    if rim_roughness(q, lab, hidden=hidden) > MAX_RIM_ROUGHNESS or banded(q, lab, hidden=hidden) > MAX_BANDED:
        return None, 0.0
    # an ID-1 card seen all round, as clearly as an outline the gate takes alone (a card found less
    # clearly is left to the net, whose outline of it is often the better one)
    card = sup >= ALONE and seen.sides == 4 and seen.corners == 4 and id1_shaped(q, ID1_SLACK)
    paper, marks = paper_look(q, lab, fr.ink, fr.white, card=card, hidden=hidden)
    if not paper:
        return None, marks
    if marks < INK_SOME and (sup < BLANK_SUPPORT or seen.sides < 4 or seen.corners < 4 or hidden is not None):
        # a blank sheet only with its outline seen all round: sky, walls are blank too (and under a
        # hand it is not: a phone's screen held in the fingers is a blank panel)
        return None, marks
    # straight edges under the sides: a hand's curved outline is not a sheet's side
    score = sup * (0.5 + edge_support(q, fr.closed)) * math.sqrt(seen.area)
    score *= 0.4 + 0.6 * min(1.0, marks / INK_FULL)
    if hidden is not None:
        # of two outlines the hand leaves possible, the one it hides less of (its hidden part is a guess)
        score *= float(clear_share(q, hidden)[0]) ** 2
    return (score, q, sup), marks


def _hand_on(q: np.ndarray, hand: np.ndarray) -> bool:
    """Whether the hand lies over the outline ``q`` (working pixels): some of it well inside, not only beside it."""
    drawn = np.zeros(hand.shape, np.uint8)
    cv2.fillConvexPoly(drawn, np.round(q).astype(np.int32), 1)
    inside = cv2.erode(drawn, np.ones((2 * HAND_IN + 1, 2 * HAND_IN + 1), np.uint8))
    return cv2.countNonZero(cv2.bitwise_and(inside, hand)) >= HAND_IN * HAND_IN


def _box_area(contour: np.ndarray) -> int:
    _, _, bw, bh = cv2.boundingRect(contour)
    return bw * bh


def _working(small: np.ndarray, work_side: int, min_area: float) -> tuple[np.ndarray, _Frame]:
    """The classic pipeline's working copy (``small`` brought under ``work_side``) and its planes: Lab, edges, print."""
    small, lab = _working_lab(small, work_side)
    return small, _planes(lab, min_area)


def _working_lab(small: np.ndarray, work_side: int) -> tuple[np.ndarray, np.ndarray]:
    """``small`` brought under ``work_side``, and its Lab copy, smoothed."""
    f2 = work_side / max(small.shape[:2])
    if f2 < 1:
        small = cv2.resize(small, None, fx=f2, fy=f2, interpolation=cv2.INTER_LINEAR)  # blurred below
    return small, cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2Lab)


def _planes(lab: np.ndarray, min_area: float) -> _Frame:
    """The working copy's edges and print beside its Lab copy."""
    h, w = lab.shape[:2]
    edges: np.ndarray = np.zeros((h, w), np.uint8)
    for ch, floor in ((0, 20.0), (1, 8.0), (2, 8.0)):
        plane = lab[:, :, ch]
        # above the texture's own gradients: a noisy cloth must not drown the outline
        gx = cv2.Sobel(plane, cv2.CV_16S, 1, 0)
        gy = cv2.Sobel(plane, cv2.CV_16S, 0, 1)
        mag = np.abs(gx[::3, ::3]).astype(np.int32) + np.abs(gy[::3, ::3])
        noise = percentile(mag, 75)
        lo = max(floor, 1.5 * noise)
        edges = cv2.bitwise_or(edges, cv2.Canny(gx, gy, lo, lo * 2.5, L2gradient=False))
    closed = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    # thin dark marks (print at this scale): darker than their 5 px neighbourhood
    ink = cv2.morphologyEx(lab[:, :, 0], cv2.MORPH_BLACKHAT, np.ones((5, 5), np.uint8)) > INK_STEP
    return _Frame(lab, closed, ink, _white_of(lab), min_area)


def _white_of(lab: np.ndarray) -> float:
    """The frame's lightest (its 99th percentile of lightness): what paper is judged against."""
    return percentile(lab[::2, ::2, 0], 99)


class DocumentDetector:
    """Finds the document in a frame. Holds no state between frames; cheap to construct."""

    def __init__(
        self, work_side: int = WORK_SIDE, min_area: float = MIN_AREA, segmenter: Segmenter | None = _SHARED
    ):
        """``segmenter=None``: the classic pipeline alone (as when the model file cannot be used)."""
        self.work_side = work_side
        self.min_area = min_area
        self.segmenter = segmenter

    def _judge_all(
        self,
        quads: list[np.ndarray],
        fr: _Frame,
        best: tuple[float, np.ndarray, float] | None = None,
        floor: float = -math.inf,
        hidden: np.ndarray | None = None,
    ) -> tuple[float, np.ndarray, float] | None:
        """The one verifier every candidate source goes through; returns the best so far.

        ``floor``: the caller's best score, which only a better outline can displace: an outline
        that cannot score above it is not judged further now (the best returned is then the
        caller's to compare, and it is the same wherever it beats ``floor``).
        ``hidden``: a hand's mask (:mod:`.hand`), whose pixels count neither for nor against an outline.
        """
        lab, closed = fr.lab, fr.closed
        h, w = closed.shape
        frame_area = float(h * w)
        stack = np.array(quads, np.float64).reshape(-1, 4, 2)
        if not len(stack):
            return best
        start = fr.recorded
        fits = plausible_all(stack, w, h) & fr.unseen(stack)  # all at once
        # the cheap looks at the picture for the whole batch at once (numpy's per-call cost was
        # most of theirs): large enough, then corners seen, then the step across the outline
        areas = {k: cv2.contourArea(quads[k].astype(np.float32)) for k in np.flatnonzero(fits)}
        todo = [k for k, a in areas.items() if a >= fr.min_area * frame_area]
        corners_of = corners_seen(stack[todo], lab, hidden=hidden) if todo else np.zeros(0, int)
        todo = [k for k, c in zip(todo, corners_of, strict=True) if c >= 3]
        corners_of = corners_of[corners_of >= 3]
        sup_of, sides_seen = (
            contrast(stack[todo], lab, hidden=hidden) if todo else (np.zeros(0), np.zeros(0, int))
        )
        for k, c, sp, sd in zip(todo, corners_of, sup_of, sides_seen, strict=True):
            q, area, corners, sup, sides = quads[k], areas[k], int(c), float(sp), int(sd)
            if sup < (MIN_SUPPORT if corners == 4 else CORNER_HIDDEN_SUPPORT) or sides < 3:
                continue  # with a corner unseen (under a hand, beyond the frame) the outline must show more
            seen = _Looked(q, sup, sides, corners, area / frame_area, hidden=hidden)
            fr.looked.append(seen)
            could_decide = sup >= DECISIVE and sides == 4 and corners == 4
            # the score is at most this (full edge support, full print): an outline that cannot
            # beat the best so far nor end the search is judged only if the nesting asks for it
            bound = sup * 1.5 * math.sqrt(seen.area)
            if not could_decide and (bound <= floor or (best is not None and bound <= best[0])):
                continue
            verdict, marks = _judged(seen, fr)
            seen.verdict, seen.pending = verdict, False
            if verdict is None:
                continue
            if best is None or verdict[0] > best[0]:
                best = verdict
            if could_decide and marks >= INK_FULL:
                fr.decided = True  # a printed sheet seen all round: no other candidate will beat it
                fr.keep_first(start + int(k) + 1)  # those after it were never looked at
                break
        return best

    def _best(
        self,
        contours: list[np.ndarray],
        fr: _Frame,
        thorough: bool,
        floor: tuple[float, np.ndarray, float] | None = None,
        hidden: np.ndarray | None = None,
    ) -> tuple[float, np.ndarray, float] | None:
        """The best-scoring quadrilateral drawn from these outlines.

        Every outline's candidates are judged in one batch, in the outlines' order (largest
        first): the verifier's batch steps cost per call, and a decisive outline, which ends the
        search, is rare where the classic pipeline runs (the net takes the clear pages).
        """
        if fr.decided:
            return None
        tried: list[np.ndarray] = []
        for cnt in contours:
            tried += _quads_of(cnt, thorough)
        return self._judge_all(tried, fr, floor=-math.inf if floor is None else floor[0], hidden=hidden)

    def _under_hand(
        self, fr: _Frame, best: tuple[float, np.ndarray, float] | None
    ) -> tuple[float, np.ndarray, float] | None:
        """The sheet under a hand (:mod:`.hand`), where a hand is in view: the best outline judged again beside the outlines it lies under.

        Fingers over a side break the edge contour and make straight lines of their own, so
        the sheet's outline is often not among the candidates, or loses to one along the
        fingers. The line candidates are made again without the segments along the hand's
        outline, those the hand lies over (some of their outline on it, ``UNDER_HAND``) are
        judged with the hand's pixels counting neither for nor against them, and the best so
        far among them: the winner of that judgement is the answer.
        """
        hand = hand_mask(fr.lab)
        if hand is None or best is not None and not _hand_on(best[1], hand):
            return best  # no hand, or none over the outline taken (a skin-coloured thing beside it)
        fr.keep_first(0)  # outlines judged with the hand counted against them are looked at again
        quads = line_quads(fr.lab, HAND_LINES, hidden=hand, min_area=fr.min_area, segments=fr.segments)
        if quads:
            under = clear_share(np.array(quads), hand) < UNDER_HAND
            quads = [q for q, u in zip(quads, under, strict=True) if u]
        if best is not None:
            quads.insert(0, best[1])
        held = self._judge_all(quads, fr, hidden=hand)
        if held is None or best is not None and held[1] is best[1]:
            return best  # as it was judged first (its support with the hand counted)
        return held

    def _classic(
        self, bgr: np.ndarray, small: np.ndarray, image: np.ndarray, min_area: float, lines: bool = True
    ) -> Sequence[tuple[np.ndarray, float, int, tuple[np.ndarray, float] | None]]:
        """The hand-written pipeline: its best outline in frame pixels, its edge support and the other documents beside it (none: empty).

        With the best outline comes an ID-1 card beside it (its outline and support), or None: the
        card is the answer where the gate takes both (:mod:`.card_beside`).

        Where a page lies on a larger outline (:func:`_nested`) the page comes first and the
        outline under it second, for the gate to judge in that order.
        ``image``: the full-resolution frame the outline is refined on (BGR or grey).
        """
        H, W = bgr.shape[:2]
        small, fr = _working(small, self.work_side, min_area)
        f = small.shape[1] / W
        h, w = small.shape[:2]
        lab, closed = fr.lab, fr.closed
        contours, _ = cv2.findContours(closed, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        frame_area = float(h * w)
        least = min_area * frame_area
        # a hull is never larger than the bounding box: most contours (print, texture) end there;
        # a closed chain of neighbouring pixels spans at most half its length plus one each way,
        # which rules out most of them before their box is measured (a thousand on a textured desk)
        boxed = [c for c in contours if (len(c) / 2 + 1) ** 2 >= least and _box_area(c) >= least]
        hull_area = [cv2.contourArea(cv2.convexHull(c)) for c in boxed]
        # largest first: the sheet's outline is among the largest, and a decisive one ends the search
        big = [boxed[i] for i in np.argsort(hull_area)[::-1] if hull_area[i] >= least]
        best = self._best(big, fr, False)
        if best is None or best[2] < 0.9:
            # no clean outline among the edges (a photograph behind, fingers across a side):
            # pale regions as further candidates, judged by the same checks
            seg = self._best(pale_region_contours(lab, closed, least), fr, False, best)
            if seg is not None and (best is None or seg[0] > best[0]):
                best = seg
        if best is None or best[2] < 0.9:
            # a sheet touching another object: its sides are four of the longest few edges of
            # the merged outline, not always the four longest (slower, so only when needed)
            second = self._best(big, fr, True, best)
            if second is not None and (best is None or second[0] > best[0]):
                best = second
        edged = None  # an outline seen all round that a line candidate widened
        if lines and (best is None or best[2] < LINES_BELOW):
            # no outline seen all round: sheets across each other, fingers over a side
            # (the lightness plane's lines alone first, the colour planes only when those fail,
            # was tried: it saves little, and took a negative for a document on the held-out set)
            best = self._judge_all(line_quads(lab, segments=fr.segments), fr, best)
        elif lines and best is not None:
            # seen all round, the edge outline may still lie a little inside the sheet's own sides
            # (an edge closed round the print, a blurred rim): the same outline from the line
            # candidates, a little wider and better scored, is taken (one carrying three of its
            # sides on past a shadow's edge, or any line outline that scores better, was tried:
            # each took a negative on fifth, and a shadow's edge across a page leaves two sides)
            wider = self._judge_all(line_quads(lab, segments=fr.segments), fr, floor=best[0])
            if wider is not None and wider[0] > best[0] and quad_iou(wider[1], best[1]) >= SAME:
                edged, best = best, wider
        if lines and (best is None or best[2] < ALONE):
            best = self._under_hand(fr, best)
        if best is None:
            return ()
        ranked = [best] if edged is None or edged is best else [best, edged]
        inner = _nested(best, fr, small)
        if inner is not None:
            ranked.insert(0, inner)

        def outline(q: np.ndarray) -> np.ndarray:
            return refine_sides(expand(q, lab, w, h) / f, image, reach=max(3.0, 1.5 / f))

        def refined(k: int) -> tuple[np.ndarray, float, int, tuple[np.ndarray, float] | None]:
            _, q, sup = ranked[k]
            # an ID-1 card beside the best outline: the answer instead where the gate takes both
            card = _looked_card_beside(best, fr) if ranked[k] is best and inner is None else None
            beside = None if card is None else (outline(card[1]), float(card[2]))
            return outline(q), float(sup), _others(q, fr), beside

        # refined when the gate reaches it: it mostly takes the first (the others cost a refinement each)
        return _OnDemand(len(ranked), refined)

    def detect(self, frame: np.ndarray) -> Detection | None:
        found = self._outline(frame)
        return None if found is None else by_zone(found, frame)

    def _outline(self, frame: np.ndarray) -> Detection | None:
        """The page's outline, looked for again under even light where the first answer is a lit stripe or none."""
        if frame is None or frame.size == 0 or min(frame.shape[:2]) < 16 or frame.ndim != 3:
            return self._detect(frame)
        # the frame's halvings, made once: the detector's working copy is the last, the light's
        # estimate (the second look) starts from one of them
        copies = halvings(frame, 2 * self.work_side)
        found = self._detect(frame, copies[-1])
        lit = light_sides(found.corners, frame) if found is not None else 0
        if found is not None and not lit:
            return found
        found = self._under_even_light(frame, found, lit, copies)
        # neither look took an outline: a pale document on a pale tray, looked for once
        return found if found is not None else self._on_plain_tray(frame, copies[-1])

    def _under_even_light(
        self, frame: np.ndarray, found: Detection | None, lit: int, copies: Sequence[np.ndarray] = ()
    ) -> Detection | None:
        """The frame looked at again with its straight shadows divided out (:mod:`.unshade`), where the answer is a lit stripe or none.

        A blind's or a window's shadow across the page makes the strongest edges in view: the
        answer's sides are then shadow edges (:mod:`.light_edge`; ``lit`` of them), or nothing
        is found. The second look's answer is taken where it is found and fewer of its sides run
        on as shadow edges in the frame as seen (than the first answer's, or than two where
        there was none: a page's side can lie along a stripe's edge by chance, a lit stripe
        has two). ``copies``: the frame's halvings already made (the frame first).
        """
        # where nothing was found, a blind's many edges only: one long straight edge across an
        # empty view is a thing's more often than a window's shadow (a motorbike, a shelf)
        flat = even_light(frame, blind=found is None, copies=copies)
        if flat is None:
            return found
        again = self._detect(flat)
        if again is None or light_sides(again.corners, frame) >= (lit if found is not None else 2):
            return found
        return again

    def _detect(self, frame: np.ndarray, small: np.ndarray | None = None) -> Detection | None:
        """``small``: the frame's working copy where already made (its halvings down to under twice ``work_side``)."""
        if frame is None or frame.size == 0 or min(frame.shape[:2]) < 16:
            return None
        bgr = frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        H, W = bgr.shape[:2]
        if small is None:
            small = halvings(bgr, 2 * self.work_side)[-1]
        page = self._page(bgr, small)
        return None if page is None else _card_on(page, small, small.shape[1] / W, bgr)

    def _page(self, bgr: np.ndarray, small: np.ndarray) -> Detection | None:
        H, W = bgr.shape[:2]
        # no grey copy of the whole frame: the refinement converts only the strips it samples
        prob = self.segmenter.probability(small) if self.segmenter is not None else None
        scale = small.shape[1] / W
        if prob is None:
            # the classic pipeline alone: its outline must hold a page, as where the net is unsure
            for full, sup, others, card in self._classic(bgr, small, bgr, self.min_area):
                if holds_paper(order_corners(full), small, scale):
                    if card is not None and holds_paper(order_corners(card[0]), small, scale):
                        full, sup, others = card[0], card[1], max(others, 1)
                    return self._detection(full, sup, W, H, others=others)
            return None
        net = self._net_outline(bgr, small, prob)
        if net is not None and net.usable and net.confidence >= ACCEPT:
            # sure of the page: the classic pipeline is not run (most of the time saved is here);
            # an outline holding no plain pale ground at all is judged as if the net were unsure
            sure = self._learned(net, small, bgr)
            if holds_paper(sure.corners, small, scale, any_tint=True, least=MIN_PALE_SURE):
                return self._beside(self._net_card_beside(sure, bgr, small, prob), small, scale)
        # unsure: both paths' outlines, judged together; the net's mask is evidence, not a veto
        # where the net sees a large page, small outlines (print, a photo box) are not sought: they
        # cost time and are not the page; where it sees a small one or none, they are
        small_page = net is None or net.area < SMALL_PAGE
        # where the net sees no page, only an outline seen all round (ALONE) is taken: the line
        # candidates (for sides under fingers, the costliest source) are not sought
        found = self._classic(
            bgr,
            small,
            bgr,
            self.min_area if small_page else max(self.min_area, CLASSIC_MIN_AREA),
            lines=net is not None,
        )

        # where the net is unsure, an outline must also hold a page (a book's cover, a picture
        # frame or a keyboard is seen all round, and the net half agrees with some)
        def taken(full: np.ndarray, sup: float) -> bool:
            return (sup >= ALONE or _agreement(full, prob, W / IN_W, H / IN_H) >= AGREE) and holds_paper(
                order_corners(full), small, scale
            )

        for full, sup, others, card in found:
            if taken(full, sup):
                if card is not None and taken(*card):
                    full, sup, others = card[0], card[1], max(others, 1)
                return self._net_card_beside(
                    self._detection(full, sup, W, H, others=others), bgr, small, prob
                )
        if net is not None and net.usable and net.confidence >= FALLBACK:
            learned = self._learned(net, small, bgr)
            if holds_paper(learned.corners, small, scale, any_tint=True):
                return self._beside(self._net_card_beside(learned, bgr, small, prob), small, scale)
        return None

    def _on_plain_tray(self, bgr: np.ndarray, small: np.ndarray) -> Detection | None:
        """A pale document on a pale tray, where neither look took an outline (:mod:`.tray_ground`).

        Only where a pale tray fills the view (``PLAIN_TRAY``, ``PLAIN_PLATE``): on a dark counter a
        pale document's step is large, and the classic pipeline has looked. The regions whose
        colour stands out from the tray round them are looked at closer, one window each (a card
        is a few dozen working pixels across, its print within the verifier's reach of its
        sides): there the region's outline, what differs from the window's border (the tray) and
        the window's lines are the candidates, and the one verifier judges them. Of those it
        takes, the best with a step along ``PLAIN_SUPPORT`` of its outline, the same step on every
        side and a document's shape is the answer, where it is a capture's size and holds paper.
        """
        H, W = bgr.shape[:2]
        # a glance first (a copy some 60 pixels across): is there a pale tray filling the view?
        copies = halvings(small, 2 * PLAIN_GLANCE)
        glance = cv2.cvtColor(copies[-1], cv2.COLOR_BGR2Lab)
        lightest = percentile(glance[:, :, 0], 99)
        if (
            percentile(glance[:, :, 0], 50) < PLAIN_TRAY * lightest
            or plate_share(glance, lightest) < PLAIN_PLATE
        ):
            return None  # no pale tray fills the view: most of it is darker, or of many colours
        work, lab = _working_lab(
            next(c for c in copies if max(c.shape[:2]) < 2 * PLAIN_SEEDS_SIDE), PLAIN_SEEDS_SIDE
        )
        h, w = work.shape[:2]
        white = _white_of(lab)
        seeds = tray_ground_contours(lab, self.min_area * h * w, PLAIN_TRAY * white)
        best: tuple[float, np.ndarray, float] | None = None
        for x0, y0, x1, y1, short in windows(seeds, w / W, W, H, PLAIN_WINDOW)[:PLAIN_WINDOWS]:
            # the tray round it, on the copy the regions were found on (before any closer look)
            at = np.round(np.array([x0, y0, x1, y1]) * (w / W)).astype(int)
            if border_colour(lab[at[1] : at[3] + 1, at[0] : at[2] + 1])[0] < PLAIN_TRAY * white:
                continue  # a thing on a dark counter: the classic pipeline's, which has looked
            crop = bgr[y0:y1, x0:x1]
            side = int(
                min(PLAIN_MAX_SIDE, max(PLAIN_SIDE, max(crop.shape[:2]) * PLAIN_SHORT / max(short, 1.0)))
            )
            near, wlab = _working_lab(halvings(crop, 2 * side)[-1], side)
            wfr = _planes(wlab, PLAIN_MIN_AREA)
            nh, nw = near.shape[:2]
            to_near = np.array([nw / crop.shape[1], nh / crop.shape[0]])
            # the seeds' own outlines, in the window's pixels, and those seen against its border
            shift = np.array([x0, y0])
            seen_here = [
                ((c.reshape(-1, 2) + 0.5) / (w / W) - 0.5 - shift + 0.5) * to_near - 0.5 for c in seeds
            ]
            inside = [
                np.round(c).astype(np.int32).reshape(-1, 1, 2)
                for c in seen_here
                if (c.min(axis=0) >= 0).all() and (c.max(axis=0) < [nw, nh]).all()
            ]
            off = off_border(wlab)
            self._best(inside + region_contours(off, PLAIN_MIN_AREA * nh * nw), wfr, False)
            # its sides, where the regions' outlines are rough: the lines sought at PLAIN_LINES_SIDE
            # (the verifier needs the resolution, the line finder much less of it)
            f3 = min(1.0, PLAIN_LINES_SIDE / max(nh, nw))
            small_lab = (
                wlab if f3 == 1.0 else cv2.resize(wlab, None, fx=f3, fy=f3, interpolation=cv2.INTER_AREA)
            )
            self._judge_all([(q + 0.5) / f3 - 0.5 for q in line_quads(small_lab, max_quads=PLAIN_LINES)], wfr)
            for k, seen in enumerate(wfr.looked):
                if seen.sup < PLAIN_SUPPORT:
                    continue
                verdict = wfr.verdict(k)
                if verdict is None or not document_shaped(seen.q) or not one_step_all_round(seen.q, wlab):
                    continue
                score = verdict[0] * math.sqrt(
                    crop.shape[0] * crop.shape[1] / (H * W)
                )  # as of the frame's area
                if best is None or score > best[0]:
                    best = (score, (verdict[1] + 0.5) / to_near - 0.5 + shift, verdict[2])
        if best is None:
            return None
        full = refine_sides(best[1], bgr, reach=3.0)
        if cv2.contourArea(full.astype(np.float32)) < self.min_area * H * W:
            return None  # smaller than a capture takes (the window's own floor is of the window)
        if not holds_paper(order_corners(full), small, small.shape[1] / W):
            return None
        return self._detection(full, best[2], W, H)

    def _net_card_beside(
        self, found: Detection, bgr: np.ndarray, small: np.ndarray, prob: np.ndarray
    ) -> Detection:
        """The net's outline, or a card the net sees beside it (:mod:`.card_beside`); either way the other paper counted."""
        H, W = bgr.shape[:2]
        scale = small.shape[1] / W
        at = (found.corners + 0.5) * np.array([IN_W / W, IN_H / H]) - 0.5  # on the net's map
        for region in other_regions(prob, self.min_area, at):
            net = self._net_outline(bgr, small, region)
            if net is None or not net.usable or net.confidence < FALLBACK:
                continue
            other = self._learned(net, small, bgr)
            if not holds_paper(other.corners, small, scale):
                continue
            if not apart(other.corners, found.corners):
                continue
            # the other paper is counted once (the classic pipeline may have counted it already)
            if card_first(other.corners, found.corners) and clear_of(other.corners, found.corners):
                return replace(other, others=max(found.others, 1))
            return replace(found, others=max(found.others, 1))
        return found

    @staticmethod
    def _beside(det: Detection, small: np.ndarray, scale: float) -> Detection:
        """The net's outline, its ``others`` counted: two cards side by side may be one outline to the net."""
        return replace(det, others=1) if side_by_side(det.corners, small, scale) else det

    def _learned(self, net: _NetOutline, small: np.ndarray, image: np.ndarray) -> Detection:
        H, W = image.shape[:2]
        return self._detection(
            self._refined(net.corners, small, image, net.reach), net.confidence, W, H, "learned"
        )

    def _net_outline(self, bgr: np.ndarray, small: np.ndarray, prob: np.ndarray) -> _NetOutline | None:
        """The net's quadrilateral in frame pixels, looked at closer when small; None where it sees no page."""
        if float(prob.max()) < NOTHING:
            return None
        mq = quad_from_mask(prob, self.min_area)
        if mq is None:
            return None
        H, W = bgr.shape[:2]
        sx = W / IN_W
        full = self._to_frame(mq.corners, sx, H / IN_H)
        confidence, reach = mq.confidence, sx
        usable = _usable(full, W, H)
        if mq.area < ZOOM_BELOW:
            zoomed = self._zoomed(bgr, small, full)
            if zoomed is not None and zoomed[0].confidence > confidence:
                confidence = zoomed[0].confidence
                if not usable or quad_iou(full, zoomed[1]) < SAME:
                    # the closer look sees another outline: take its own (where the two agree the
                    # first one, refined at full resolution, is as good)
                    full, reach = zoomed[1], zoomed[2]
                    usable = _usable(full, W, H)
        return _NetOutline(full, confidence, usable, reach, mq.area)

    @staticmethod
    def _to_frame(q: np.ndarray, sx: float, sy: float) -> np.ndarray:
        return (q + 0.5) * np.array([sx, sy]) - 0.5

    def _zoomed(
        self, bgr: np.ndarray, small: np.ndarray, full: np.ndarray
    ) -> tuple[MaskQuad, np.ndarray, float] | None:
        """The net once more on a window round a small page: a receipt in a wide view is a few net pixels wide.

        Returns the second pass's mask quad, its outline in frame pixels, and the window's frame
        pixels per net pixel (for the snap's reach); None where the window would not be smaller.
        The window is cut from the halved copy where that still has the net's resolution (resizing
        a full-resolution window costs more than the net).
        """
        assert self.segmenter is not None
        H, W = bgr.shape[:2]
        (x0, y0), (x1, y1) = full.min(axis=0), full.max(axis=0)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        ww = min(max(x1 - x0, (y1 - y0) * IN_W / IN_H) * ZOOM_MARGIN, W)
        wh = min(ww * IN_H / IN_W, H)
        if ww * wh > ZOOM_MAX_WINDOW * W * H:
            return None  # hardly closer than the first look
        f = small.shape[1] / W
        src, scale = (small, f) if ww * f >= IN_W else (bgr, 1.0)
        sw, sh = min(ww * scale, src.shape[1]), min(wh * scale, src.shape[0])
        left = int(round(min(max(cx * scale - sw / 2, 0), src.shape[1] - sw)))
        top = int(round(min(max(cy * scale - sh / 2, 0), src.shape[0] - sh)))
        crop = src[top : top + int(round(sh)), left : left + int(round(sw))]
        prob = self.segmenter.probability(crop)
        if prob is None or float(prob.max()) < NOTHING:
            return None
        mq = quad_from_mask(prob, ZOOM_MIN_AREA)
        if mq is None:
            return None
        zx, zy = crop.shape[1] / IN_W, crop.shape[0] / IN_H
        at = (self._to_frame(mq.corners, zx, zy) + np.array([left, top]) + 0.5) / scale - 0.5
        return mq, at, zx / scale

    @staticmethod
    def _refined(full: np.ndarray, small: np.ndarray, image: np.ndarray, sx: float) -> np.ndarray:
        """The net's outline moved onto the sheet's own edges: near each side at half resolution, then exact.

        ``image``: the full-resolution frame, BGR or grey (both are sampled as grey).
        """
        f = small.shape[1] / image.shape[1]
        snapped = snap_sides(full * f, small, SNAP_REACH * sx * f) / f
        return refine_sides(snapped, image, reach=max(3.0, 1.5 / f))

    @staticmethod
    def _detection(
        full: np.ndarray, support: float, W: int, H: int, source: str = "classic", others: int = 0
    ) -> Detection:
        corners = order_corners(full)
        return Detection(corners, float(support), float(cv2.contourArea(corners) / (H * W)), source, others)


def _quads_of(cnt: np.ndarray, thorough: bool) -> list[np.ndarray]:
    """Candidate quadrilaterals from one outline: its hull simplified, and its own longest edges."""
    hull = cv2.convexHull(cnt)
    outline = cnt.reshape(-1, 2).astype(np.float64)
    peri = cv2.arcLength(hull, True)
    tried: list[np.ndarray] = []
    if not thorough:
        for eps in (0.01, 0.02, 0.04):
            poly = cv2.approxPolyDP(hull, eps * peri, True).reshape(-1, 2).astype(np.float64)
            if len(poly) > 12:
                continue
            for q in (quad_from_outline(poly), quad_from_outline(poly, outline)):
                if q is not None:
                    tried.append(q)
    for eps in (0.01, 0.02):
        # the outline itself, not its hull: with a thumb over a corner the sides'
        # remaining stretches keep their direction, the hull's bridge does not
        poly = cv2.approxPolyDP(cnt, eps * peri, True).reshape(-1, 2).astype(np.float64)
        if 4 < len(poly) <= 16:
            tried += quads_from_long_edges(poly, keep=6 if thorough else 4)
    return tried


def _nested(
    best: tuple[float, np.ndarray, float], fr: _Frame, small: np.ndarray
) -> tuple[float, np.ndarray, float] | None:
    """The best seen of the outlines the verifier took inside the best one where that is the page and it the thing under it.

    A card or a receipt on a closed book, a magazine, a glossy folder: the larger outline wins
    on size and is seen all round, and its middle (the card) is a page's ground, so the paper
    test passes it. The inner outline is the page where the band between the two is not its
    ground (:func:`.paper.ground_between`); a printed box on a page has the page round it.
    """
    outer = best[1].astype(np.float32)
    outer_area = cv2.contourArea(outer)
    reach = math.sqrt(outer_area)
    inner: tuple[float, np.ndarray, float] | None = None
    for k, seen in enumerate(fr.looked):
        q = seen.q.astype(np.float32)
        if cv2.contourArea(q) > NEST_MAX * outer_area:
            continue
        if min(cv2.pointPolygonTest(outer, (float(x), float(y)), True) for x, y in q) < -NEST_SLACK:
            continue
        # the band must go round it: a part of the page cut off by a printed line shares its sides
        mids = (q + np.roll(q, -1, axis=0)) / 2
        away = sum(
            cv2.pointPolygonTest(outer, (float(x), float(y)), True) > NEST_AWAY * reach for x, y in mids
        )
        if away < NEST_SIDES:
            continue
        if inner is not None and seen.sup <= inner[2]:
            continue  # the best seen of the inner outlines (the largest may take in a shadow)
        cand = fr.verdict(k)  # only the outlines the verifier takes (judged now if deferred)
        if cand is None:
            continue
        o, c = order_corners(outer), order_corners(q)
        share = ground_between(o, c, small, 1.0)
        if share < NEST_BAND and holds_paper(c, small, 1.0):
            inner = cand
    return inner


def _looked_card_beside(
    best: tuple[float, np.ndarray, float], fr: _Frame
) -> tuple[float, np.ndarray, float] | None:
    """The best seen of the ID-1 cards the verifier took beside the best outline, where a card is the answer rather than it (:mod:`.card_beside`).

    A card beside a queue ticket, a receipt or a form: the paper is larger, so it scores higher.
    Only outlines seen all round (every side and corner) are looked at.
    """
    card: tuple[float, np.ndarray, float] | None = None
    outer = cv2.convexHull(best[1].astype(np.float32))
    for k, seen in enumerate(fr.looked):
        if seen.sides < 4 or seen.corners < 4 or (card is not None and seen.sup <= card[2]):
            continue
        if not card_first(seen.q, best[1]) or not clear_of(seen.q, outer):
            continue
        if not apart(cv2.convexHull(seen.q.astype(np.float32)), outer):
            continue  # clear of each other's corners, yet crossing
        cand = fr.verdict(k)
        if cand is not None:
            card = cand
    return card


def _others(chosen: np.ndarray, fr: _Frame) -> int:
    """How many other documents lie beside ``chosen`` (working pixels): outlines the verifier took, not overlapping it or each other.

    Two cards side by side: each is an outline seen all round, of the same size, and the
    verifier takes both; the best wins and the other is not a part of it. Only outlines of
    about the chosen one's size count (``OTHER_SIZE``): a printed box, a photo box or a
    page's half cut by a fold or a shadow's edge is smaller or overlaps it. The candidates
    are those already looked at (no new search); a deferred verdict is given now only for
    the few that pass the cheap tests. Measured on the seven sets (``bench/docscan.py``,
    "more than one document flagged"): see the package docstring.
    """
    hull = cv2.convexHull(chosen.astype(np.float32))
    area = cv2.contourArea(hull)
    h, w = fr.closed.shape
    frame_area = float(h * w)
    counted: list[np.ndarray] = [hull]
    for k, seen in enumerate(fr.looked):
        if (
            seen.sup < OTHER_SUPPORT
            or not OTHER_SIZE[0] * area <= seen.area * frame_area <= OTHER_SIZE[1] * area
        ):
            continue
        q = cv2.convexHull(seen.q.astype(np.float32))
        if not all(apart(q, c, OTHER_OVERLAP) for c in counted):
            continue  # beside it, not round it nor on it
        if fr.verdict(k) is None:
            continue
        counted.append(q)
    return len(counted) - 1


def _card_on(page: Detection, small: np.ndarray, scale: float, image: np.ndarray) -> Detection:
    """A card lying on the page found (:mod:`.card`): the card, the page counted among the others (one at a time, please)."""
    card = card_on_page(page.corners, small, scale)
    if card is None:
        return page
    card = refine_sides(card, image, reach=max(3.0, 1.5 / scale))
    H, W = image.shape[:2]
    found = DocumentDetector._detection(card, page.support, W, H, "card")
    return replace(found, others=page.others + 1)


def by_zone(det: Detection, image: np.ndarray) -> Detection:
    """A passport's spread read by its machine-readable zone (:mod:`.mrz_band`): its data page.

    A passport open on the tray is one outline to the detector, the two pages and the cover
    round them; the citizen shows it for its data page, which carries a TD3 zone along its
    outer side (away from the fold), one of the spread's short sides. On an outline of a
    spread's proportions (``SPREAD_ASPECT``, A4's too: the zone decides, not the shape) only
    those two sides are looked at; a zone along one makes that half the answer, cut at the
    middle of the spread (:func:`_half`), its corners in reading order (``mrz`` set). A zone
    along a long side (a data page alone, a card's back) changes no outline: it is read when
    a page is captured (:func:`read_zone`), not on every frame.
    """
    c = det.corners
    wdt, hgt = dims(c)
    if not SPREAD_ASPECT[0] * min(wdt, hgt) <= max(wdt, hgt) <= SPREAD_ASPECT[1] * min(wdt, hgt):
        return det
    band = find_band(image, c, (0, 2) if wdt < hgt else (1, 3))
    if band is None or band.fmt != "TD3":
        return det
    up = upright_from(c, band.side).astype(np.float32)
    page = _half(up, image)
    H, W = image.shape[:2]
    return replace(det, corners=page, area_frac=float(cv2.contourArea(page) / (H * W)), mrz=band.fmt)


def read_zone(det: Detection, image: np.ndarray) -> Detection:
    """The outline's corners in reading order where a machine-readable zone lies along a long side (``mrz`` set).

    A passport's data page alone (TD3), a card's back (TD1, the CCCD's): the zone is the page's
    bottom, surer than the print's look (:mod:`devices.camera.orientation`; measured by
    ``bench/docseg/mrz_table.py``). Once per captured page, so its cost is not paid per frame.
    """
    if det.mrz:
        return det  # the data page of a spread: in reading order already
    c = det.corners
    wdt, hgt = dims(c)
    if not MRZ_ASPECT[0] * min(wdt, hgt) <= max(wdt, hgt) <= MRZ_ASPECT[1] * min(wdt, hgt):
        return det
    band = find_band(image, c, (1, 3) if wdt < hgt else (0, 2))
    if band is None:
        return det
    return replace(det, corners=upright_from(c, band.side).astype(np.float32), mrz=band.fmt)


def _half(up: np.ndarray, image: np.ndarray) -> np.ndarray:
    """The data page of an upright spread (TL, TR, BR, BL, the zone at the bottom): its lower half, on its own edges.

    In the spread flattened (``SPREAD_PX`` a millimetre as if 125 × 176 mm), the page's three
    outer sides move inwards onto a clear dark-to-pale step within ``RIM_MM`` (the cover's rim
    round the pages is seen with them; without a clear step a side stays), its top is the middle.
    """
    wpx, hpx = round(125 * SPREAD_PX), round(176 * SPREAD_PX)
    half = hpx // 2
    # only the lower half is flattened: rows half..hpx of the spread
    rect = np.array([[0, -half], [wpx, -half], [wpx, hpx - half], [0, hpx - half]], np.float32)
    m = cv2.getPerspectiveTransform(up, rect)
    flat = cv2.warpPerspective(
        image, m, (wpx, hpx - half), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    grey = (cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY) if flat.ndim == 3 else flat).astype(np.float32)
    rim = round(RIM_MM * SPREAD_PX)
    lower = grey[round(0.1 * hpx) : round(0.45 * hpx)]
    mid_cols = slice(round(0.1 * wpx), round(0.9 * wpx))
    left = _step_in(lower[:, : rim + 1].mean(axis=0))
    right = wpx - _step_in(lower[:, wpx - rim - 1 :].mean(axis=0)[::-1])
    bottom = hpx - half - _step_in(grey[-rim - 1 :, mid_cols].mean(axis=1)[::-1])
    # the fold: the middle (the cover's rim is as wide at both ends). Its own step was tried: the
    # page's header a few millimetres from it, or the guilloche, stepped as clearly (seventh 8, 50)
    top = hpx / 2 - half
    page = np.array([[left, top], [right, top], [right, bottom], [left, bottom]], np.float32)
    page = cv2.perspectiveTransform(page[None], np.linalg.inv(m))[0]
    # then exact, as every outline: each side on the strongest grey step next to it
    return refine_sides(page.astype(np.float64), image, reach=PAGE_REACH).astype(np.float32)


def _step_in(profile: np.ndarray) -> float:
    """Where a profile taken from a side inwards steps clearly from dark to pale (0: no clear step)."""
    steps = np.diff(profile)
    k = int(np.argmax(steps))
    return k + 1.0 if steps[k] >= RIM_STEP else 0.0


def _usable(q: np.ndarray, W: int, h: int) -> bool:
    """A pale wall or sky cut by the frame has "corners" on its border: a sheet shows three or more."""
    return _corners_in_view(q, W, h) >= 3 and plausible(q, W, h)


def _corners_in_view(q: np.ndarray, W: int, h: int) -> int:
    """Corners inside the frame, clear of its border (a region cut by the frame has "corners" on it)."""
    m = 0.01 * max(W, h)
    return int(((q[:, 0] > m) & (q[:, 0] < W - 1 - m) & (q[:, 1] > m) & (q[:, 1] < h - 1 - m)).sum())


def _agreement(full: np.ndarray, prob: np.ndarray, sx: float, sy: float) -> float:
    """IoU of a frame-pixel outline with the net's mask, on the net's grid."""
    q = (full + 0.5) / np.array([sx, sy]) - 0.5
    inside = np.zeros(prob.shape, np.uint8)
    cv2.fillPoly(inside, [np.round(q * 4).astype(np.int32)], 1, shift=2)
    mask = prob > 0.5
    union = int((mask | (inside > 0)).sum())
    return float((mask & (inside > 0)).sum()) / union if union else 0.0
