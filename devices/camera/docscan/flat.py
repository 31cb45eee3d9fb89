"""The flat scan: the detected page warped to its known format (A4, ID-1) or measured (receipts)."""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.docscan.geometry import order_corners

# -- the flat scan ------------------------------------------------------------------------------
DPI = 200
# a passport's data page is ICAO 9303's TD3 (125 × 88 mm): found by its machine-readable zone
FORMATS_MM = {"page": (210.0, 297.0), "card": (85.6, 53.98), "passport": (125.0, 88.0)}


def dims(c: np.ndarray) -> tuple[float, float]:
    """Mean width (sides 0, 2) and height (sides 1, 3) of an ordered quadrilateral (plain floats: called per frame)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = np.asarray(c, np.float64).tolist()
    wdt = math.hypot(x1 - x0, y1 - y0) + math.hypot(x2 - x3, y2 - y3)
    hgt = math.hypot(x3 - x0, y3 - y0) + math.hypot(x2 - x1, y2 - y1)
    return wdt / 2, hgt / 2


def guess_kind(corners: np.ndarray) -> str:
    """From the outline's proportions alone (the capture step usually knows better)."""
    wdt, hgt = dims(order_corners(corners))
    r = max(wdt, hgt) / max(min(wdt, hgt), 1e-6)
    if r < 1.5:
        return "page"  # A4: 1.414
    if r < 1.8:
        return "card"  # ID-1: 1.586
    return "receipt"


def output_size(
    corners: np.ndarray, kind: str | None = None, dpi: int = DPI, ordered: bool = False
) -> tuple[int, int]:
    """Width and height of the flat scan: the known format at ``dpi``, or measured for receipts.

    ``ordered``: the corners are TL, TR, BR, BL as the page reads (its zone found), not as seen.
    """
    c = np.asarray(corners, np.float32) if ordered else order_corners(corners)
    wdt, hgt = dims(c)
    kind = kind or guess_kind(c)
    px = dpi / 25.4
    if kind in FORMATS_MM:
        a, b = FORMATS_MM[kind]
        short, long_ = round(min(a, b) * px), round(max(a, b) * px)
        return (long_, short) if wdt >= hgt else (short, long_)
    width_px = round(80.0 * px)  # a receipt: 80 mm wide, as long as it looks
    if hgt >= wdt:
        return width_px, round(width_px * hgt / max(wdt, 1.0))
    return round(width_px * wdt / max(hgt, 1.0)), width_px


def warp(
    frame: np.ndarray,
    corners: np.ndarray,
    size: tuple[int, int] | None = None,
    kind: str | None = None,
    interpolation: int = cv2.INTER_CUBIC,
    ordered: bool = False,
) -> np.ndarray:
    """The document flattened to ``size`` (width, height); by default the known format at 200 dpi.

    ``ordered``: the corners are TL, TR, BR, BL as the page reads (``Detection.mrz`` set), and the
    scan comes out upright; otherwise they are put in the order seen (:func:`order_corners`).
    """
    c = np.asarray(corners, np.float32) if ordered else order_corners(corners)
    w, h = size or output_size(c, kind, ordered=True)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(c.astype(np.float32), dst)
    return cv2.warpPerspective(frame, m, (w, h), flags=interpolation, borderMode=cv2.BORDER_REPLICATE)
