"""The characters of a machine-readable zone, read from a captured page, kept only when every check digit holds.

The zone's place is known (along the bottom of the upright page), and so are its line count,
its character count and roughly its pitch (:data:`.mrz_band.FORMATS`): no general OCR is needed.
Each line is cut into its cells at the pitch its own ink shows, and each cell is matched
(normalised cross-correlation, a pixel or two of play) against the 37 characters of OCR-B,
the typeface Doc 9303 part 3 prescribes, rendered from Debian's ``fonts-ocr-b`` and squeezed
into the cell the same way as the page's glyphs (cap height by pitch): a monospaced face of
other proportions is still matched by shape. Every place in a zone allows a known class of
characters (dates and check digits are digits, names are letters), so a cell is read as the
best character its place allows.

The reading is returned only when the format's parser (:mod:`devices.card.mrz`) finds every
check digit right and no place is in doubt; otherwise None, and the person types the zone as
before. Look-alikes a check digit tells apart (0/O, 1/I, 8/B…) are decided by it, when exactly one
way of reading them passes; twins it cannot tell apart (0/U, 8/S: the same value mod 10) and the
places no check digit covers (a TD3's first line) must be read without a close runner-up, or
lean clearly to the character read. So a zone is read less often than it is found, and a reading
is not a guess. A reading is personal data: its ``repr`` hides the text, and nothing here logs it.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from devices.camera.docscan.mrz_band import FORMATS, PITCH_MM
from devices.card.errors import BadMrz
from devices.card.mrz import MrzKey, check_digit, parse_td1, parse_td3

OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
ALPHABET = string.digits + string.ascii_uppercase + "<"
PX_MM = 8.0  # the zone is read at this scale (a cell about 20 px wide)
CELL = (16, 24)  # a cell's size when compared (width, height): OCR-B's cap height is about 1.4 pitches
HEIGHTS = (0.8, 0.88, 0.96, 1.04)  # a line's capitals as tall as these shares of its inked rows, tried
PLAY = 2  # pixels a cell may sit off its place, each way, when compared
ZONE_DEPTH_MM = {"TD3": 26.0, "TD1": 21.0}  # the band read above the bottom edge
KERNEL = cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25))  # larger than a glyph at PX_MM

_DIGITS = string.digits
_LETTERS = string.ascii_uppercase + "<"
_CHECK = string.digits + "<"  # an empty optional field's check digit may be a filler
_ANY = ALPHABET


def _td3_classes() -> tuple[str, ...]:
    line1 = [_LETTERS] * 44
    line2 = (
        [_ANY] * 9
        + [_CHECK]
        + [_LETTERS] * 3
        + [_DIGITS] * 7
        + ["MF<"]
        + [_DIGITS] * 7
        + [_ANY] * 14
        + [_CHECK, _DIGITS]
    )
    return tuple(line1 + line2)


def _td1_classes() -> tuple[str, ...]:
    line1 = [_LETTERS] * 5 + [_ANY] * 9 + [_CHECK] + [_ANY] * 15
    # the expiry may be fillers on a card that never expires (devices.card.mrz.NO_EXPIRY)
    line2 = [_DIGITS] * 7 + ["MF<"] + [_CHECK] * 7 + [_LETTERS] * 3 + [_ANY] * 11 + [_DIGITS]
    return tuple(line1 + line2 + [_LETTERS] * 30)


CLASSES = {"TD3": _td3_classes(), "TD1": _td1_classes()}


@dataclass(frozen=True)
class ZoneReading:
    """A zone read with every check digit right. ``text``: its lines joined by newlines."""

    fmt: str
    text: str

    def __repr__(self) -> str:  # personal data: never in logs
        return f"ZoneReading({self.fmt}, checks_ok=True)"

    def key(self) -> MrzKey:
        """The chip's BAC key (document number, birth, expiry)."""
        return (parse_td3 if self.fmt == "TD3" else parse_td1)(self.text).key()


@functools.cache
def _templates() -> tuple[np.ndarray, ...] | None:
    """Each character of :data:`ALPHABET` in OCR-B, its advance by its cap height, at :data:`CELL` plus the play; None without the font."""
    if not OCRB.exists():
        return None
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(OCRB), 96)
    advance = font.getlength("<")
    top, bottom = font.getbbox("H")[1], font.getbbox("H")[3]
    w, h = CELL
    out = []
    for ch in ALPHABET:
        im = Image.new("L", (int(advance * 3), 200), 255)
        ImageDraw.Draw(im).text((advance, 0), ch, font=font, fill=0)
        glyph = np.asarray(im, np.float32)[top:bottom, int(advance) : int(2 * advance)]
        cell = cv2.resize(glyph, (w, h), interpolation=cv2.INTER_AREA)
        cell = cv2.GaussianBlur(cell, (0, 0), 0.8)  # a print and a lens never give a sharp edge
        out.append(255 - cell)
    return tuple(out)


def _zone(page: np.ndarray, fmt: str) -> np.ndarray:
    """The band along the bottom of the upright page at :data:`PX_MM`, grey."""
    along_mm, across_mm, _, _ = FORMATS[fmt]
    h, w = page.shape[:2]
    depth = ZONE_DEPTH_MM[fmt] / across_mm
    band = page[int(h * (1 - depth)) :, :]
    size = (round(along_mm * PX_MM), round(ZONE_DEPTH_MM[fmt] * PX_MM))
    band = cv2.resize(band, size, interpolation=cv2.INTER_CUBIC)
    return cv2.cvtColor(band, cv2.COLOR_BGR2GRAY) if band.ndim == 3 else band


def _ink(grey: np.ndarray) -> np.ndarray:
    """Dark marks against their surroundings, 0..1 (black-hat, scaled to the strongest ink)."""
    bh = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, KERNEL).astype(np.float32)
    return bh / max(float(np.percentile(bh, 99.5)), 1.0)


def _line_rows(ink: np.ndarray, count: int) -> list[tuple[int, int]] | None:
    """The rows (top, bottom) of the zone's ``count`` lines, top line first: runs of inked rows, lowest first."""
    profile = (ink > 0.35).mean(axis=1)
    inked = profile > 0.25 * float(profile.max())
    runs: list[tuple[int, int]] = []
    y = len(inked) - 1
    while y >= 0 and len(runs) < count:
        if inked[y]:
            bottom = y
            while y >= 0 and inked[y]:
                y -= 1
            if bottom - y >= 0.7 * PITCH_MM * PX_MM:  # a glyph is taller than most of a pitch
                runs.append((y + 1, bottom + 1))
        y -= 1
    if len(runs) != count:
        return None
    # each run widened to the rows with any ink: an E's or a Z's foot is one thin row
    faint = profile > 0.06 * float(profile.max())
    out: list[tuple[int, int]] = []
    for top, bottom in runs[::-1]:
        while top > 0 and faint[top - 1] and not any(top - 1 < b and top - 1 >= t for t, b in out):
            top -= 1
        while bottom < len(faint) and faint[bottom] and bottom - top < 2 * PITCH_MM * PX_MM:
            bottom += 1
        out.append((top, bottom))
    return out


def _cells(line: np.ndarray, chars: int) -> tuple[float, float] | None:
    """The first cell's left edge and the pitch: the cut of ``chars`` cells whose borders cross the least ink."""
    cols = line.sum(axis=0)
    inked = np.flatnonzero(cols > 0.15 * float(cols.max()))
    if len(inked) < 2:
        return None
    # the line is the longest run of ink with no gap wider than a pitch (a page's rim or a mark
    # beyond the zone's margin stands apart)
    breaks = np.flatnonzero(np.diff(inked) > PITCH_MM * PX_MM)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(inked) - 1]])
    k = int(np.argmax(inked[ends] - inked[starts]))
    left, right = float(inked[starts[k]]), float(inked[ends[k]] + 1)
    # the ink runs from the first glyph's left to the last one's right: a little less than the cells
    guess = (right - left) / (chars - 0.25)
    best: tuple[float, float, float] | None = None
    xs = np.arange(len(cols), dtype=np.float32)
    for pitch in np.linspace(guess * 0.96, guess * 1.04, 17):
        for start in np.linspace(left - 0.4 * pitch, left, 9):
            edges = start + pitch * np.arange(chars + 1)
            if edges[-1] > len(cols) + 0.3 * pitch:
                continue
            cost = float(np.interp(edges, xs, cols).sum())
            if best is None or cost < best[0]:
                best = (cost, float(start), float(pitch))
    return None if best is None else (best[1], best[2])


def _scores(cell: np.ndarray, templates: tuple[np.ndarray, ...]) -> np.ndarray:
    """Each character's best normalised correlation with the cell, within the play."""
    return np.array(
        [float(cv2.matchTemplate(cell, t, cv2.TM_CCOEFF_NORMED).max()) for t in templates], np.float32
    )


# the fields a check digit guards: (first place, last place + 1, the check digit's place), places
# counted through the zone's lines joined (Doc 9303 parts 4 and 5)
GUARDED = {
    "TD3": ((44, 53, 53), (57, 63, 63), (65, 71, 71), (72, 86, 86)),
    "TD1": ((5, 14, 14), (30, 36, 36), (38, 44, 44)),
}
# the places some check digit covers: TD3's second line; TD1's number and optional data, and its
# second line but the nationality (the composite takes the rest)
COVERED = {
    "TD3": tuple(range(44, 88)),
    "TD1": tuple(range(5, 30)) + tuple(range(30, 45)) + tuple(range(48, 60)),
}
GAP = 0.04  # a look-alike runner-up this close to a cell's best may be what is printed there
MAX_AMBIGUOUS = 4  # look-alike places a check digit is asked to decide among at once
# the look-alikes OCR-B tells apart by a detail (Doc 9303 part 3 draws them apart for this reason);
# each pair's values differ by other than a multiple of 10, so a swap always moves the check digit
LOOKALIKE = {frozenset(p) for p in ("0O", "0Q", "0D", "1I", "8B", "5S", "2Z")}


# a check digit weighs each character by its value (digits 0-9, A=10 … Z=35, '<'=0) mod 10, so a
# letter read for a digit of the same value mod 10 (0/U, 0/A, 1/L, 8/S…) leaves every check digit
# right: where the best and the runner-up of a guarded place are such twins and this close, the
# zone is not taken as read
TWIN_GAP = 0.06
SURE_GAP = 0.03  # any other place read this close to its runner-up is unsure unless it leans
TWIN_LEAN = 0.2  # ... unless it leans this far to the best (a real zone's 0 against U: 0.25-0.66)


def _value(c: str) -> int:
    return 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55


def _leaning(cell: Cell, a: str, b: str) -> float:
    """How far the cell leans to ``a`` rather than ``b`` where their templates differ: +0.5 is ``a``'s own look, -0.5 ``b``'s.

    The two scores differ by the cell's correlation with the templates' difference; divided by that
    difference's own size, a small gap between two near-identical characters still says which.
    """
    templates = _templates()
    assert templates is not None
    ta, tb = (_unit(templates[ALPHABET.index(c)]) for c in (a, b))
    d = ta - tb
    h, w = d.shape
    leans = []
    for t in (ta, tb):
        r = cv2.matchTemplate(cell.window, t, cv2.TM_CCOEFF_NORMED)
        y, x = np.unravel_index(int(np.argmax(r)), r.shape)
        leans.append(
            float((_unit(cell.window[y : y + h, x : x + w]) * d).sum() / max(float((d * d).sum()), 1e-9))
        )
    return float(np.mean(leans))


def _unit(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float32) - float(x.mean())
    return x / max(float(np.linalg.norm(x)), 1e-9)


@dataclass(frozen=True)
class Cell:
    """One place of the zone: the characters its class allows, their scores, and the cell as compared."""

    allowed: str
    score: np.ndarray
    window: np.ndarray

    def ranked(self) -> tuple[str, str, float]:
        """The best character, the runner-up and how far apart they score."""
        order = np.argsort(self.score)[::-1]
        if len(order) < 2:
            return self.allowed[int(order[0])], "", 1.0
        a, b = int(order[0]), int(order[1])
        return self.allowed[a], self.allowed[b], float(self.score[a] - self.score[b])


def _cells_read(page: np.ndarray, fmt: str) -> list[Cell] | None:
    """Each place of the zone, its lines joined: the characters its class allows and their scores."""
    templates = _templates()
    if templates is None or fmt not in CLASSES:
        return None
    _, _, count, chars = FORMATS[fmt]
    ink = _ink(_zone(page, fmt))
    rows = _line_rows(ink, count)
    if rows is None:
        return None
    w, h = CELL
    classes = CLASSES[fmt]
    out = []
    for k, (top, bottom) in enumerate(rows):
        cut = _cells(ink[top:bottom], chars)
        if cut is None:
            return None
        scaled = _line_at_scale(ink, top, bottom, *cut, chars, templates)
        for i in range(chars):
            allowed = classes[k * chars + i]
            window = scaled[:, i * w : (i + 1) * w + 2 * PLAY]
            score = _scores(window, templates)
            out.append(Cell(allowed, score[[ALPHABET.index(c) for c in allowed]], window))
    return out


def _line_at_scale(
    ink: np.ndarray,
    top: int,
    bottom: int,
    start: float,
    pitch: float,
    chars: int,
    templates: tuple[np.ndarray, ...],
) -> np.ndarray:
    """The line at the templates' scale: a pitch to CELL's width, its capitals' height to CELL's height.

    The rows the ink shows include the blur's halo (or lose a faint foot), so the height is
    taken among a few round the shown one, as every third cell matches best.
    """
    w, h = CELL
    sx = w / pitch
    middle, shown = (top + bottom) / 2, bottom - top
    best: tuple[float, np.ndarray] | None = None
    for f in HEIGHTS:
        sy = h / (shown * f)
        m = np.array([[sx, 0, PLAY - start * sx], [0, sy, PLAY + h / 2 - middle * sy]], np.float32)
        scaled = cv2.warpAffine(ink, m, (chars * w + 2 * PLAY, h + 2 * PLAY), flags=cv2.INTER_AREA)
        fit = float(
            np.mean(
                [
                    _scores(scaled[:, i * w : (i + 1) * w + 2 * PLAY], templates).max()
                    for i in range(0, chars, 3)
                ]
            )
        )
        if best is None or fit > best[0]:
            best = (fit, scaled)
    assert best is not None
    return best[1]


def _composite(text: str, fmt: str) -> tuple[str, str]:
    """The composite check digit's field and digit (Doc 9303 part 4 §4.2.2.2, part 5 §4.2.2.2)."""
    if fmt == "TD3":
        return text[44:54] + text[57:64] + text[65:87], text[87]
    return text[5:30] + text[30:37] + text[38:45] + text[48:59], text[59]


def _holds(text: str, first: int, end: int, check: int) -> bool:
    field, digit = text[first:end], text[check]
    if digit == "<":  # an empty optional field may leave its check digit a filler
        return field.strip("<") == ""
    return check_digit(field) == digit


def _field_holds(text: str, span: tuple[int, int, int]) -> bool:
    return _holds(text, *span)


def _composite_holds(text: str, fmt: str) -> bool:
    field, digit = _composite(text, fmt)
    return check_digit(field) == digit


def _resolved(
    text: str, cells: list[Cell], places: tuple[int, ...], holds: Callable[[str], bool]
) -> str | None:
    """The one way of reading ``places`` that makes ``holds`` true, each ambiguous place its best or its look-alike runner-up.

    A place is ambiguous where its runner-up scores within :data:`GAP` and the two are a
    :data:`LOOKALIKE` pair. Every combination is tried; a wrong one passes a check digit one time
    in ten, so when two pass (or none) there is no reading.
    """
    ambiguous = []
    for p in places:
        best, second, gap = cells[p].ranked()
        if second and gap < GAP and frozenset((best, second)) in LOOKALIKE:
            ambiguous.append((p, second))
    if len(ambiguous) > MAX_AMBIGUOUS:
        return None
    passing = []
    for mask in range(1 << len(ambiguous)):
        chars = list(text)
        for k, (p, second) in enumerate(ambiguous):
            if mask >> k & 1:
                chars[p] = second
        tried = "".join(chars)
        if holds(tried):
            passing.append(tried)
    return passing[0] if len(passing) == 1 else None


def _checked(text: str, cells: list[Cell], fmt: str) -> str | None:
    """The zone with its look-alikes decided by the check digits (each field, then the composite's own places), or None."""
    fields = GUARDED[fmt]
    for first, end, check in fields:
        found = _resolved(
            text,
            cells,
            tuple(range(first, end + 1)),
            functools.partial(_field_holds, span=(first, end, check)),
        )
        if found is None:
            return None
        text = found
    in_fields = {p for first, end, _ in fields for p in range(first, end + 1)}
    rest = tuple(p for p in COVERED[fmt] if p not in in_fields)
    return _resolved(text, cells, rest, functools.partial(_composite_holds, fmt=fmt))


def _unsure(cells: list[Cell], text: str, fmt: str) -> bool:
    """A place read as one of two close characters it does not lean to, where no check digit can tell them apart.

    Twins (the same value mod 10) pass every check digit alike; the first line of a TD3 and the
    names of a TD1 have no check digit at all; and a wrong character the composite alone covers
    passes it one time in ten.
    """
    covered = set(COVERED[fmt])
    for p, cell in enumerate(cells):
        best, second, gap = cell.ranked()
        if not second or text[p] != best:
            continue  # a place the check digits decided
        twins = p in covered and _value(best) % 10 == _value(second) % 10
        close = TWIN_GAP if twins else SURE_GAP
        if gap < close and _leaning(cell, best, second) < TWIN_LEAN:
            return True
    return False


def read_lines(page: np.ndarray, fmt: str) -> list[str] | None:
    """The zone's lines as best read, cell by cell (each place's class of characters), check digits not asked."""
    cells = _cells_read(page, fmt)
    if cells is None:
        return None
    _, _, count, chars = FORMATS[fmt]
    text = "".join(c.ranked()[0] for c in cells)
    return [text[k * chars : (k + 1) * chars] for k in range(count)]


def read_zone_text(page: np.ndarray, fmt: str) -> ZoneReading | None:
    """The zone of an upright, flattened page (the zone along its bottom), or None unless every check digit holds."""
    cells = _cells_read(page, fmt)
    if cells is None:
        return None
    _, _, count, chars = FORMATS[fmt]
    text = _checked("".join(c.ranked()[0] for c in cells), cells, fmt)
    if text is None or _unsure(cells, text, fmt):
        return None
    lines = "\n".join(text[k * chars : (k + 1) * chars] for k in range(count))
    try:
        (parse_td3 if fmt == "TD3" else parse_td1)(lines)
    except BadMrz:
        return None
    return ZoneReading(fmt, lines)
