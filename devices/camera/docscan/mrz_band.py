"""The machine-readable zone (ICAO 9303) along a side of a found outline, by its look alone (no OCR).

An MRZ is two or three lines of OCR-B at a fixed pitch of 2.54 mm (ten characters to the inch),
with ``<`` filling every unused place, so each line runs unbroken across about nine tenths of
the side it lies along, close to that side (Doc 9303 parts 4-6):

- TD3, a passport's data page (125 × 88 mm): 2 lines of 44 along a 125 mm side;
- TD1, a card's back (85.6 × 54 mm, the CCCD's): 3 lines of 30 along the 85.6 mm side.

So, against the side it lies along, the pitch is fixed by the format (125/44 mm … 85.6/30 mm of
side per character, less the margins): the strip along each side is warped to a fixed length
and the test needs no scale. In it, glyphs darker than their surroundings (a black-hat), joined
along the side into bars: a line is a bar spanning most of the side whose ink, column by column,
repeats at the format's pitch (the strongest frequency of its profile, near the expected one,
holds a large share of its power: proportional print, a dotted leader or a table rule does
not). The format is the one whose pitch and line count the bars show.

Cheap by design (a 240 × 60 strip per side; a fraction of a millisecond per outline): the
detector asks only for outlines whose proportions a spread, a data page or a card can have.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from devices.camera.docscan.flat import dims

PITCH_MM = 2.54  # OCR-B size 1, ten characters to the inch (Doc 9303 part 3)
# TD2 (105 × 74 mm, 2 × 36) is not looked for: the kiosk meets none (the passport is TD3, the
# CCCD TD1, a visa MRV-A of TD3's width), and its proportions are A4's, whose print seen end-on
# along a side was taken for one (heldout 145)
# format: (side the MRZ runs along in mm, the other side in mm, lines, characters per line)
FORMATS: dict[str, tuple[float, float, int, int]] = {
    "TD3": (125.0, 88.0, 2, 44),
    "TD1": (85.6, 54.0, 3, 30),
}
ALONG = 240  # pixels the side is warped to (TD3: 4.9 px a character; TD1: 7.1)
DEPTH = 0.25  # the strip's depth, of the side's length (TD3: 31 mm; the zone is 23 mm tall)
MIN_SPAN = 0.72  # a line covers at least this share of the side (an MRZ line: 0.87-0.89)
CHARS_SLACK = 0.12  # characters per line within this share of the format's count
# share of a line's profile power at its pitch (periods over two pitches, a word's density or a
# shadow's edge, left out of the whole): zones 0.105 and up on the eighth set's denoised renders,
# 0.2 and up on sharp prints; what keeps print out is the line's height and its neighbour
MIN_PEAK = 0.09
# a line's bar at least this many pitches tall: OCR-B's capitals are 0.95 of a pitch, blur only
# adds (zones seen: 1.23-2.3); the ends of a form's lines seen along its side make bars of 0.8
MIN_HEIGHT = 0.9
INK_FLOOR = 18  # grey levels: a glyph at least this much darker than round it
HEIGHT_PX = (2, 14)  # a line's bar height in strip pixels (TD3's glyphs about 5, TD1's about 7)
# a dark run this long along the side (five TD3 characters) or across it (twice a TD1 glyph's
# height) is a rule or a rim, not glyphs (longer across, a form's lines seen end-on stayed)
RULE_ALONG = np.ones((1, 25), np.uint8)
RULE_ACROSS = np.ones((15, 1), np.uint8)
RULE_THICK = np.ones((4, 1), np.uint8)  # a rule or a rim is thinner than this; a TD3 glyph is 5+ tall
GLYPH_KERNEL = np.ones((11, 11), np.uint8)  # larger than any MRZ glyph in the strip
JOIN = np.ones((1, 9), np.uint8)  # the gap between two glyphs of a line (TD1's pitch and more)
# the screen: rows of the strip (pixels up from the side) read before any other look; a zone's
# lines lie 3-17 mm in (TD3: 6-33 px here; TD1: 8-45, of which the lower two lines suffice)
SCREEN_STEP = 2
SCREEN_ROWS = tuple(range(6, 43, SCREEN_STEP))
SCREEN_ALONG = 160  # points a screened row holds (TD3: 3.3 a character)
# share of a row's power at a format's pitch (one bin; periods over two characters left out of the
# whole) for the row to count: 41 of the 43 zone sides of seventh and eighth pass (below: a held-up
# page's blur, 0.06, and an outline cut short, 0.11); 2 % of other sides pass too, which only costs
# the full look at them
SCREEN_SHARE = 0.14


@dataclass(frozen=True)
class Band:
    """An MRZ found along side ``side`` of an outline (corners ``side`` → ``side + 1``)."""

    side: int
    fmt: str  # "TD1", "TD3"
    lines: int  # lines of that pitch found side by side
    peak: float  # the weakest line's share of profile power at the pitch
    span: float  # the shortest line's share of the side


def upright_from(corners: np.ndarray, side: int) -> np.ndarray:
    """The outline's corners TL, TR, BR, BL with ``side`` at the bottom (clockwise corners in)."""
    return np.roll(np.asarray(corners), -((side + 2) % 4), axis=0)


def _to_strip(corners: np.ndarray, side: int) -> np.ndarray:
    """The homography from the frame to the strip along ``side`` (ALONG wide, the side at its bottom row ``ALONG·DEPTH``)."""
    up = upright_from(corners, side).astype(np.float32)
    along, across = dims(up)
    a = ALONG * across / max(along, 1.0)
    d = ALONG * DEPTH
    dst = np.array([[0, d - a], [ALONG, d - a], [ALONG, d], [0, d]], np.float32)
    return cv2.getPerspectiveTransform(up, dst)


def strip(image: np.ndarray, corners: np.ndarray, side: int) -> np.ndarray:
    """The band of the outline along ``side``, flattened: ALONG wide, that side at the bottom, grey."""
    size = (ALONG, int(round(ALONG * DEPTH)))
    flat = cv2.warpPerspective(
        image, _to_strip(corners, side), size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY) if flat.ndim == 3 else flat


def _pitch_px(fmt: str) -> float:
    along_mm, _, _, _ = FORMATS[fmt]
    return ALONG * PITCH_MM / along_mm


def _peak(block: np.ndarray, pitch: float) -> tuple[float, float]:
    """A line's strongest period near ``pitch`` (±15 %) and its share of the line's power.

    The power is summed over the line's top, middle and bottom thirds, each profiled column
    by column: a ``<`` filler has about as much ink in every column of its place, but its
    point is at the left of its middle third and its arms' ends at the right of the others.
    """
    n = block.shape[1]
    power = np.zeros(n // 2 + 1)
    for part in np.array_split(block, 3, axis=0):
        p = part.sum(axis=0, dtype=np.float64)
        power += np.abs(np.fft.rfft(p - p.mean())) ** 2
    lo, hi = int(np.floor(n / (pitch * 1.15))), int(np.ceil(n / (pitch * 0.85)))
    total = float(power[max(2, lo // 2) :].sum())
    if hi + 1 >= len(power) or total <= 0:
        return 0.0, 0.0
    k = lo + int(np.argmax(power[lo : hi + 1]))
    share = (
        float(power[k - 1 : k + 2].sum()) / total
    )  # the peak and its two neighbours (a line's ends blur it)
    return n / k, share


def _lines(bh: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bars of glyphs spanning most of the strip (x, y, width, height), nearest the side first.

    ``bh``: the strip's black-hat (dark marks against what is round them).
    """
    otsu, _ = cv2.threshold(bh, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    marks = (bh > max(INK_FLOOR, otsu)).astype(np.uint8)
    # long unbroken dark runs, along the side or across it, are rules, the page's rim or the
    # zone's own background edge, not glyphs: taken out, so that they do not join lines into one
    along = cv2.morphologyEx(marks, cv2.MORPH_OPEN, RULE_ALONG)
    # but a run of fillers (``<<<<``) in a bold or soft print is as long and as tall as a glyph: kept
    along = cv2.subtract(along, cv2.morphologyEx(along, cv2.MORPH_OPEN, RULE_THICK))
    glyphs = cv2.subtract(marks, along)
    glyphs = cv2.subtract(glyphs, cv2.morphologyEx(glyphs, cv2.MORPH_OPEN, RULE_ACROSS))
    # glyphs joined along the line: an MRZ's widest gap is a glyph's own margin (``<`` fills the rest)
    bars = cv2.morphologyEx(glyphs, cv2.MORPH_CLOSE, JOIN)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(bars, connectivity=8)
    out: list[tuple[int, int, int, int]] = []
    for k in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[k])
        if w < MIN_SPAN * ALONG:
            continue
        # two lines set close, or blurred, touch: parted where their rows thin out (a taller block is
        # a form's print seen end-on, not a zone)
        if HEIGHT_PX[1] < h <= 2 * HEIGHT_PX[1]:
            out += _parted(labels[y : y + h, x : x + w] == k, x, y)
        elif h >= HEIGHT_PX[0]:
            out.append((x, y, w, h))
    out.sort(key=lambda b: -(b[1] + b[3]))
    return out


def _parted(mask: np.ndarray, x0: int, y0: int) -> list[tuple[int, int, int, int]]:
    """The lines within one tall bar: cut at its thinnest row (under half its fullest), again while a part is too tall."""
    rows = mask.sum(axis=1)
    lo = HEIGHT_PX[0]
    if len(rows) > HEIGHT_PX[1]:
        cut = lo + int(np.argmin(rows[lo : len(rows) - lo]))
        if rows[cut] < rows.max() / 2:
            return _parted(mask[cut + 1 :], x0, y0 + cut + 1) + _parted(mask[:cut], x0, y0)
    inked = np.flatnonzero(rows > 0)
    if len(inked) == 0:
        return []
    top, bottom = int(inked[0]), int(inked[-1]) + 1
    cols = np.flatnonzero(mask[top:bottom].any(axis=0))
    w, h = int(cols[-1] - cols[0] + 1), bottom - top
    if w >= MIN_SPAN * ALONG and HEIGHT_PX[0] <= h <= HEIGHT_PX[1]:
        return [(x0 + int(cols[0]), y0 + top, w, h)]
    return []


def band_along(grey: np.ndarray, side: int = 0) -> Band | None:
    """The MRZ in a strip from :func:`strip` (its side at the bottom), or None."""
    bh = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, GLYPH_KERNEL)
    bars = _lines(bh)
    if len(bars) < 2:
        return None
    found: Band | None = None
    for fmt, (_, _, count, chars) in FORMATS.items():
        pitch = _pitch_px(fmt)
        good: list[tuple[float, float]] = []
        for x, y, w, h in bars:
            period, share = _peak(bh[y : y + h, x : x + w], pitch)
            tall = h >= MIN_HEIGHT * pitch
            if tall and share >= MIN_PEAK and abs(w / period - chars) <= CHARS_SLACK * chars:
                good.append((share, w / ALONG))
            elif good:
                break  # the lines must be consecutive, from the side inwards
        if len(good) >= count and (found is None or min(s for s, _ in good) > found.peak):
            found = Band(side, fmt, len(good), min(s for s, _ in good), min(w for _, w in good))
    return found


def _bins() -> tuple[int, int]:
    """The Fourier bins of a screened row (``SCREEN_ALONG`` points) that any format's pitch (±15 %) falls in."""
    n = SCREEN_ALONG
    pitches = [_pitch_px(f) * SCREEN_ALONG / ALONG for f in FORMATS]
    return int(np.floor(n / (max(pitches) * 1.15))), int(np.ceil(n / (min(pitches) * 0.85)))


# the screen's rows in the strip: SCREEN_ALONG points across it, rows SCREEN_ROWS up from the side
_ROWS_OF_STRIP = np.array(
    [
        [SCREEN_ALONG / ALONG, 0, 0],
        [0, -1 / SCREEN_STEP, (ALONG * DEPTH - SCREEN_ROWS[0]) / SCREEN_STEP],
        [0, 0, 1],
    ]
)
_UNIT = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], np.float32)
# the unit square turned so that side ``s`` is at its bottom (as upright_from turns the corners)
_TURN = np.stack(
    [cv2.getPerspectiveTransform(np.roll(_UNIT, -((s + 2) % 4), axis=0), _UNIT) for s in range(4)]
)


def _screen_transforms(corners: np.ndarray) -> np.ndarray:
    """The four frame-to-rows homographies (4×3×3): :func:`_to_strip`'s, then the screen's rows, from one homography."""
    wdt, hgt = dims(corners)
    to_unit = cv2.getPerspectiveTransform(np.asarray(corners, np.float32), _UNIT)
    d = ALONG * DEPTH
    strips = []
    for along, across in ((wdt, hgt), (hgt, wdt)):
        a = ALONG * across / max(along, 1.0)
        strips.append(_ROWS_OF_STRIP @ np.array([[ALONG, 0, 0], [0, a, d - a], [0, 0, 1]]))
    return np.stack(strips * 2) @ _TURN @ to_unit


def screen(image: np.ndarray, corners: np.ndarray, sides: tuple[int, ...] = (0, 1, 2, 3)) -> tuple[int, ...]:
    """Those of ``sides`` that may hold a zone: a few rows along each, read at once, repeat at a format's pitch.

    A small warp per side (its rows only) and one Fourier transform for all: most outlines (a
    form, a card's front) end here, for a fraction of what the full look at one side costs.
    """
    size = (SCREEN_ALONG, len(SCREEN_ROWS))
    every = _screen_transforms(corners)
    rows = np.vstack(
        [
            cv2.warpPerspective(
                image, every[s], size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
            )
            for s in sides
        ]
    )
    if rows.ndim == 3:
        rows = cv2.cvtColor(rows, cv2.COLOR_BGR2GRAY)
    spectrum = np.fft.rfft(rows.astype(np.float32), axis=1)  # its mean is bin 0, left out below
    power = spectrum.real**2 + spectrum.imag**2
    share = power[:, _LO : _HI + 1].max(axis=1) / (power[:, _LO // 2 :].sum(axis=1) + 1e-9)
    counted = (share >= SCREEN_SHARE).reshape(len(sides), len(SCREEN_ROWS)).sum(axis=1)
    return tuple(s for s, n in zip(sides, counted.tolist(), strict=True) if n >= 2)


def find_band(image: np.ndarray, corners: np.ndarray, sides: tuple[int, ...] = (0, 1, 2, 3)) -> Band | None:
    """The MRZ along one of ``sides`` of the outline (clockwise ``corners`` in frame pixels), or None."""
    best: Band | None = None
    for s in screen(image, corners, sides):
        b = band_along(strip(image, corners, s), s)
        if b is not None and (best is None or b.peak > best.peak):
            best = b
    return best


_LO, _HI = _bins()
