"""A blind's or a window's straight shadows taken out of a frame: the light along one direction estimated and divided out.

Hard shadows from a blind's slats or a window's frame are straight and parallel, so the light
falling on the tray is, to a fair approximation, a function of one coordinate only: the
distance ``t`` across the shadows. Light multiplies what it falls on, so in log-brightness a
shadow adds the same amount to paper and tray alike; the change of log-brightness across the
shadows, taken at each ``t`` as the median over the whole line (paper, tray and print differ
from point to point along it, the light does not), is the change of the light itself, and its
running sum is the light's profile (as destriping does for a scanner's banding). Dividing the
frame by that profile leaves the page on its tray as under even light.

The direction is among the commonest orientations of strong log-brightness steps in the frame
(a blind's edges are many and long), the one across which the light drops most; where no step
as sharp as a shadow's edge (``MIN_DROP``) crosses the frame along it, or the profile is not a
shadow's (:func:`_shadow_like`), there is nothing to take out (``None``).

The document scanner apps' trick (a large closing or median as the background, then divide)
was weighed and not taken: a closing wide enough to bridge the print is wider than a slat's
shadow, so it keeps the stripes' edges, which are what misleads the finder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from devices.camera.docscan.halve import halved
from devices.camera.docscan.quantile import median_along

MIN_DROP = 0.2  # log-brightness change within DROP_SPAN pixels that only a shadow's edge makes
DROP_SPAN = 6
ALONG = 192  # points sampled along each line of constant t (the medians are over these)
BANDS = 4  # bands along the shadows, each with its own profile
STRONG = 0.03  # log-brightness gradient (per pixel) that counts as a step for the direction
WORK_LONG = 800  # the light is estimated on a copy halved to this or under (640×480 for 1280×960, 480×360 for 960×720)
TRIED = 3  # directions tried at the glance, the commonest first
APART = 4  # degrees between them
AIM = (3.0, 1.0, 0.4)  # degrees either way the direction is searched, finer each time
AIM_ALONG = 96  # points along each line while aiming
GLANCE_ALONG = 40
GLANCE_SPAN = 3  # DROP_SPAN at the glance's scale
GLANCE_SHARE = 0.5  # of the full look's spread the glance asks
GLANCE_STRIPED = (
    0.05  # the striped share it asks where nothing was found (fresh's empty counters: up to 0.047)
)
GLANCE_DROP = 0.2  # a little under MIN_DROP: the glance's coarser steps are a little smaller
SAME_HUE = 0.6  # each channel's step at a shadow's edge, of the largest (a sky-lit shade is a little bluer)
MAX_SHADE = 1.6  # log units: the darkest shadow against full light (5x darker; indoors the room fills it)
MIN_SPREAD = 0.35  # log units: the least a shadow dims (a brick wall's rows of mortar: 0.30)
STRIPED = 0.08  # share of t at a sharp step for a blind (seventh's 0.11-0.35; one window edge 0.02)
LIT = 95  # percentile of the profile taken as full light (those parts of the frame stay as they are)


@dataclass(frozen=True)
class Shading:
    """The light across the frame: log-brightness per band and channel at each ``t`` (working pixels from ``t0``).

    ``angle`` is the normal to the shadows' edges. The frame is cut along the shadows into
    ``BANDS`` bands, each with its own profile: a light near the window fans its shadows out,
    so a stripe lies a few pixels further along at one end of the tray than at the other.
    """

    angle: float
    t0: float
    u0: float  # where the first band starts along the shadows, working pixels
    band: float  # each band's width
    profile: np.ndarray  # BANDS×T×3, log units, 0 where fully lit
    striped: float  # share of t where the light changes by MIN_DROP within DROP_SPAN: a blind's many edges


def _directions(grey: np.ndarray, n: int) -> list[float]:
    """The ``n`` commonest orientations (radians, 0..π) of strong steps, weighted by their size, at least ``APART`` degrees apart.

    A blind's many edges make the commonest; a window's one edge may come after a page's sides.
    """
    gx = cv2.Sobel(grey, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(grey, cv2.CV_32F, 0, 1, ksize=3) / 8
    mag = cv2.magnitude(gx, gy)
    strong = mag > STRONG
    ang = np.arctan2(gy[strong], gx[strong]) % np.pi
    # quarter degrees: the peaks are found by the degree, then placed within one by these
    fine = np.bincount((ang * (720 / np.pi)).astype(np.int64) % 720, weights=mag[strong], minlength=720)
    counts = fine.reshape(180, 4).sum(axis=1)
    hist = np.convolve(np.r_[counts[-2:], counts, counts[:2]], np.ones(5), "valid")  # wraps round at π
    peaks: list[float] = []
    for k in np.argsort(-hist, kind="stable"):
        if hist[k] <= 0 or len(peaks) == n:
            break
        if all(abs((float(k) - f + 90) % 180 - 90) >= APART for f in peaks):
            peaks.append(float(k))
    # each to a fraction of a degree: the size-weighted mean of the doubled angles within half
    # of APART of it, from the quarter-degree bins (a degree off, a line across the frame is ten
    # pixels off at its end: a slat's width)
    half = int(APART * 2)
    out = []
    for f in peaks:
        idx = np.arange(int(f) * 4 + 2 - half, int(f) * 4 + 2 + half) % 720
        double = np.exp(2j * (idx + 0.5) * np.pi / 720)
        out.append(float(np.angle((double * fine[idx]).sum())) / 2 % np.pi)
    return out


def _medians(v: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's median of its finite values (NaN: off the frame), and whether it had ``least`` of them."""
    # off-frame points as +inf and -inf in turn: the median of the rest
    pad = np.where(np.arange(v.shape[1]) % 2 == 0, np.float32(np.inf), np.float32(-np.inf))
    seen = np.count_nonzero(~np.isnan(v), axis=1)
    with np.errstate(invalid="ignore"):  # a row wholly off the frame: its +inf and -inf make NaN, not used
        return median_along(np.where(np.isnan(v), pad[None, :], v), 1), seen >= least


def _gradients(log: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The log-brightness planes' x and y gradients, taken once for all the directions tried on them."""
    return cv2.Sobel(log, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(log, cv2.CV_32F, 0, 1, ksize=3)


def _profiles(
    grads: tuple[np.ndarray, np.ndarray], angle: float, bands: int, along: int
) -> tuple[float, float, float, np.ndarray, np.ndarray]:
    """The light's log profile across ``angle`` in each of ``bands`` bands, per plane (``grads``: :func:`_gradients` of h×w×C).

    Returns where ``t`` and the first band start, the bands' width, the profiles (bands×T×C) and
    the whole lines' profile (1×T×C).
    """
    gx, gy = grads
    h, w = gx.shape[:2]
    c, s = math.cos(angle), math.sin(angle)
    box = np.array([(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)], np.float64)
    ts, us = box @ np.array([c, s]), box @ np.array([-s, c])
    t = np.arange(ts.min(), ts.max() + 1.0, 1.0, dtype=np.float32)
    u = np.linspace(us.min(), us.max(), along, dtype=np.float32)
    # each row a line of constant t across the frame; points beyond the frame are NaN
    map_x = (t[:, None] * c - u[None, :] * s).astype(np.float32)
    map_y = (t[:, None] * s + u[None, :] * c).astype(np.float32)
    across = cv2.addWeighted(gx, c / 8, gy, s / 8, 0.0)
    v = cv2.remap(
        across, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(math.nan,) * 4
    )
    v = v.reshape(len(t), along, -1).transpose(2, 0, 1)  # C×T×along
    per = along // bands
    profile = np.empty((bands, len(t), len(v)), np.float32)
    overall = np.empty((1, len(t), len(v)), np.float32)
    for ch, plane in enumerate(v):
        whole, enough = _medians(plane, 8)
        whole = np.where(enough, whole, 0.0)
        overall[0, :, ch] = np.cumsum(whole)
        if bands == 1:
            profile[0, :, ch] = overall[0, :, ch]
            continue
        for b in range(bands):
            part, fine = _medians(plane[:, b * per : (b + 1) * per], per // 4)
            profile[b, :, ch] = np.cumsum(np.where(fine, part, whole))
    return float(t[0]), float(u[0]), float(u[-1] - u[0]) / bands, profile, overall


def _drop(overall: np.ndarray, span: int) -> float:
    """The largest change of the light (along whole lines: 1×T×C) across ``span`` steps of ``t`` that lasts on both sides.

    The light's mean over ``span`` steps just before against its mean over ``span`` steps just
    after a gap of ``span``: a shadow's edge changes the light for a slat's width, a thin bright
    line (mortar between bricks, a tile's joint) only within the gap. Along whole lines, not
    bands: a band's line is short enough for a page's side to fill it.
    """
    grey = overall.mean(axis=2)[0]
    if len(grey) <= 3 * span:
        return 0.0
    run = np.concatenate([[0.0], np.cumsum(grey, dtype=np.float64)])
    mean = (run[span:] - run[:-span]) / span  # mean over [t, t + span)
    return float(np.abs(mean[2 * span :] - mean[: -2 * span]).max())


def _sharpest(
    grads: tuple[np.ndarray, np.ndarray], angle: float, spread: float, known: dict[float, float]
) -> float:
    """The angle within ``spread`` degrees either way (five tried) along which the light's steps are largest.

    Off the shadows' own direction a line of constant ``t`` crosses an edge at one end before the
    other, and the median of the steps along it shrinks: the total of the steps (the profile's
    variation) is largest along the shadows. The orientation of the frame's gradients alone is
    pulled a few degrees by the print and the tray's grain. ``known``: each angle's variation
    already measured (a finer search starts at the coarser one's best).
    """
    tried = [angle + math.radians(spread * k / 2) for k in range(-2, 3)]
    for a in tried:
        if a not in known:
            known[a] = float(np.abs(np.diff(_profiles(grads, a, 1, AIM_ALONG)[4], axis=1)).sum())
    return tried[int(np.argmax([known[a] for a in tried]))]


def _shadow_like(overall: np.ndarray) -> bool:
    """Whether the light's profile (along whole lines) is a shadow's: its steepest step dims all three channels alike, and it dims by at most ``MAX_SHADE``.

    A photograph's edges pass the tests above (a long, straight colour edge across the frame), but
    a colour edge steps the channels by different amounts, and its running sum wanders far (the
    astronaut of a held-out frame: steps 2.4, 1.7 and 0.7, a range of 3.8; a purple board across
    a blind-set frame: a range of 2.0). The step
    and the spread are taken along whole lines: a band's line is short enough for a page's side
    to fill it.
    """
    grey = overall.mean(axis=2)
    for band, g in zip(overall, grey, strict=True):
        d = g[DROP_SPAN:] - g[:-DROP_SPAN]
        k = int(np.argmax(np.abs(d)))
        step = (band[k + DROP_SPAN] - band[k]) * np.sign(d[k])
        if float(step.min()) < SAME_HUE * float(step.max()):
            return False
    spread = float((np.percentile(overall, 95, axis=1) - np.percentile(overall, 5, axis=1)).max())
    # and it stays dimmed: a brick wall's mortar steps sharply, up and down again within a line's width
    return MIN_SPREAD <= spread <= MAX_SHADE


def _log(bgr: np.ndarray) -> np.ndarray:
    return cv2.GaussianBlur(np.log(bgr.astype(np.float32) + np.float32(4.0)), (0, 0), 1.0)


def _striped(overall: np.ndarray, span: int) -> float:
    """Share of ``t`` where the light (along whole lines) changes by ``MIN_DROP`` within ``span``: a blind's many edges."""
    g = overall.mean(axis=2)[0]
    return float((np.abs(g[span:] - g[:-span]) >= MIN_DROP).mean()) if len(g) > span else 0.0


def shading(bgr: np.ndarray, blind: bool = False) -> Shading | None:
    """The light's profile across the frame's straight shadows (``bgr``: a working copy); None where none crosses it.

    A first look at the copy halved (320 pixels wide for 1280), in grey, unblurred (the resize has averaged
    it), says whether any shadow's edge crosses the frame at all (most frames: none), whether it
    stays dimmed (``MIN_SPREAD``) and, with ``blind``, whether there are a blind's many edges
    (``STRIPED``), at a fraction of the cost of the full estimate.
    """
    # the working copy halved once more, exactly (a fractional area resize cost more than the
    # rest of the glance)
    half = halved(bgr)
    grey = cv2.cvtColor(half, cv2.COLOR_BGR2GRAY)
    tiny = np.log(grey.astype(np.float32) + np.float32(4.0))
    # a blind's many edges are the commonest orientation: where nothing was found, only that one is tried
    tried = _directions(tiny, 1 if blind else TRIED)
    steps = _gradients(tiny[..., None])
    looks = {a: _profiles(steps, a, 1, GLANCE_ALONG)[4] for a in tried}
    drops = {a: _drop(p, GLANCE_SPAN) for a, p in looks.items()}
    if not drops or max(drops.values()) < GLANCE_DROP:
        return None
    angle = max(drops, key=lambda a: drops[a])
    rough = looks[angle]
    # the glance's coarse lines see less of both: a fanned blind smears along a whole line
    if float(np.percentile(rough, 95) - np.percentile(rough, 5)) < GLANCE_SHARE * MIN_SPREAD:
        return None
    if blind and _striped(rough, GLANCE_SPAN) < GLANCE_STRIPED:
        return None
    log = _log(bgr)
    grey_steps = _gradients(cv2.cvtColor(log, cv2.COLOR_BGR2GRAY)[..., None])
    known: dict[float, float] = {}
    for spread in AIM:
        angle = _sharpest(grey_steps, angle, spread, known)
    t0, u0, band, profile, overall = _profiles(_gradients(log), angle, BANDS, ALONG)
    if _drop(overall, DROP_SPAN) < MIN_DROP or not _shadow_like(overall):
        return None
    profile -= np.percentile(profile, LIT, axis=1)[:, None, :]
    return Shading(angle, t0, u0, band, profile, _striped(overall, DROP_SPAN))


def unshaded(frame: np.ndarray, light: Shading, scale: float) -> np.ndarray:
    """``frame`` (BGR) as under even light: divided by ``light`` (estimated on a copy scaled by ``scale``)."""
    h, w = frame.shape[:2]
    c, s = math.cos(light.angle), math.sin(light.angle)
    x = (np.arange(w, dtype=np.float32) + 0.5) * np.float32(scale) - 0.5
    y = (np.arange(h, dtype=np.float32) + 0.5) * np.float32(scale) - 0.5
    map_t = x[None, :] * np.float32(c) + y[:, None] * np.float32(s) - np.float32(light.t0)
    map_b = (-x[None, :] * np.float32(s) + y[:, None] * np.float32(c) - np.float32(light.u0)) / np.float32(
        light.band
    ) - np.float32(0.5)
    gain = np.exp(-light.profile).astype(np.float32)  # BANDS×T×3: the profiles as an image
    per_pixel = cv2.remap(gain, map_t, map_b, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    # the product in one pass (a gain is positive: only the top is clipped, in place; np.clip's
    # general path cost as much as the rest of this function)
    out = cv2.multiply(frame, per_pixel, dtype=cv2.CV_32F)
    np.minimum(out, 255, out=out)
    return out.astype(np.uint8)


def even_light(
    frame: np.ndarray, blind: bool = False, copies: Sequence[np.ndarray] = ()
) -> np.ndarray | None:
    """``frame`` (BGR) with its straight shadows divided out; None where no shadow's edge crosses it.

    ``blind``: only a blind's pattern (``STRIPED``: many edges), not a single long straight edge.

    The light is estimated on a copy halved down to ``WORK_LONG`` pixels or under (exact halvings by
    pixel averaging, as the detector makes its own). ``copies``: the frame's halvings the caller
    has made already (the frame first, each the halving of the one before), not made again.
    """
    small = next((c for c in copies if max(c.shape[:2]) <= WORK_LONG), None)
    if small is None:
        small = copies[-1] if copies else frame
        while max(small.shape[:2]) > WORK_LONG:
            small = halved(small)
    light = shading(small, blind)
    if light is None or (blind and light.striped < STRIPED):
        return None
    return unshaded(frame, light, small.shape[1] / frame.shape[1])
