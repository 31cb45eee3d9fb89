"""Which way up is the captured page? Quarter turns from the print itself, no OCR.

The flattened page comes out as the camera saw it: a sheet laid on its side or upside down
stays so. Two cues from the print, on a binarised copy about 800 px long:

1. **sideways**: lines of text run along the page: the ink profile across them (row sums
   when upright) alternates line/gap strongly, the profile along them hardly does. The
   axis with the stronger alternation is the one text lines are stacked along.
2. **upside down**: in Latin script, and more so in Vietnamese with its tone marks and
   circumflexes, more ink rises above a line's x-height band (ascenders, capitals, marks)
   than hangs below it (descenders, the dot below); and lines start at a common left
   margin while their right ends are ragged. Both flip with a half turn.

A cue that is not clearly one way leaves the page as it is (``turns`` 0): a page turned
wrongly is worse than one left as captured.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_LONG = 800
MIN_LINES = 3  # fewer text lines than this: too little print to judge


@dataclass(frozen=True)
class Orientation:
    turns: int  # quarter turns clockwise that make the page upright (0–3)
    sideways_ratio: float  # alternation across / along the upright text direction
    upright_score: float  # > 0: upright as (after the sideways turn); < 0: upside down


def _ink(gray: np.ndarray) -> np.ndarray:
    """Print as 1: darker than the local paper by a clear margin."""
    k = max(15, (min(gray.shape) // 20) | 1)
    thr = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, k, 15)
    m = max(2, min(gray.shape) // 40)  # the rim may hold desk or the sheet's shadow
    thr[:m, :] = 0
    thr[-m:, :] = 0
    thr[:, :m] = 0
    thr[:, -m:] = 0
    return thr


def _alternation(profile: np.ndarray) -> float:
    """How strongly a profile alternates between ink and gaps (mean absolute step, normalised)."""
    p = profile.astype(np.float64)
    if p.max() <= 0:
        return 0.0
    smooth = np.asarray(cv2.GaussianBlur(p.reshape(-1, 1), (1, 5), 0), np.float64).ravel()  # no 1 px noise
    return float(np.abs(np.diff(smooth)).sum() / (smooth.sum() + 1e-9))


def _lines(rows: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows with ink: text lines (start, end), in the upright orientation."""
    on = rows > max(1.0, 0.15 * float(np.percentile(rows[rows > 0], 90))) if (rows > 0).any() else rows > 0
    out, start = [], None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start >= 3:
                out.append((start, i))
            start = None
    if start is not None and len(on) - start >= 3:
        out.append((start, len(on)))
    return out


def _upright_score(ink: np.ndarray) -> tuple[float, int]:
    """> 0 when the text reads upright, < 0 when upside down; and how many lines were judged."""
    rows = ink.sum(axis=1).astype(np.float64)
    lines = _lines(rows)
    above = below = 0.0
    starts, ends = [], []
    judged = 0
    for a, b in lines:
        prof = rows[a:b]
        if b - a < 5 or prof.max() <= 0:
            continue
        core = np.nonzero(prof >= 0.5 * prof.max())[0]
        top, bot = a + int(core[0]), a + int(core[-1]) + 1
        above += float(rows[a:top].sum())
        below += float(rows[bot:b].sum())
        cols = np.nonzero(ink[a:b].any(axis=0))[0]
        if len(cols):
            starts.append(cols[0])
            ends.append(cols[-1])
        judged += 1
    if judged < MIN_LINES:
        return 0.0, judged
    marks = (above - below) / (above + below + 1e-9)  # ascenders and tone marks above
    # a common left margin: starts spread less than ends (ragged right)
    spread_s, spread_e = float(np.std(starts)), float(np.std(ends))
    margin = (spread_e - spread_s) / (spread_e + spread_s + 1e-9)
    return float(marks + margin), judged


def detect_orientation(page: np.ndarray) -> Orientation:
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    f = WORK_LONG / max(gray.shape)
    if f < 1:
        gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    ink = _ink(gray)
    if ink.sum() < 0.002 * ink.size:
        return Orientation(0, 1.0, 0.0)  # blank: nothing to read
    across_rows = _alternation(ink.sum(axis=1))  # text lines stacked down the page
    across_cols = _alternation(ink.sum(axis=0))
    ratio = across_rows / (across_cols + 1e-9)
    turns = 0
    if ratio < 0.89:  # lines run down the page: on its side
        ink = np.ascontiguousarray(np.rot90(ink, -1))  # a quarter turn clockwise
        turns = 1
    elif ratio < 1.12:
        return Orientation(0, ratio, 0.0)  # no clear line direction (a photo, a table)
    score, _ = _upright_score(ink)
    if score < -0.15:
        turns += 2
    elif score <= 0.15 and turns == 1:
        # on its side, but which side is unclear: leave the page as captured
        return Orientation(0, ratio, score)
    return Orientation(turns % 4, ratio, score)


def upright(page: np.ndarray) -> tuple[np.ndarray, int]:
    """The page turned upright, and the quarter turns clockwise applied."""
    o = detect_orientation(page)
    if o.turns == 0:
        return page, 0
    # np.rot90 turns anticlockwise for positive k
    return np.ascontiguousarray(np.rot90(page, -o.turns)), o.turns
