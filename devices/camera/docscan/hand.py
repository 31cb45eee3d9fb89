"""A hand in view: its pixels, which the verifier leaves out when it judges the sheet under it.

Fingers over a card or a receipt break its outline: the edge contour follows the fingers, a
finger's sides are straight lines too, and the points of the sheet's side under the fingers
show no step. Skin is more colourful than paper and less than a wooden counter (chroma 12-22
on the eighth's and ninth's hands, white balance and lamps included, against paper's 3-8 and
wood's 31-38), of a red-to-yellow hue; a hand is a region of such pixels of a hand's size (a
beige tray or a wooden counter of that colour is larger).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

SKIN_CHROMA = (10.0, 40.0)  # Lab chroma of skin, pale to dark tones (paper is less colourful)
SKIN_HUE = (-20.0, 100.0)  # degrees in the a-b plane: red through yellow (a lamp's cast included)
SKIN_LIGHT = 60  # lightness (0-255) below which nothing is called skin (shadow, a dark counter)
MIN_HAND = 0.01  # of the frame: a skin region smaller than this is no hand
MAX_HAND = 0.3  # nor one larger (a hand and forearm close to the lens cover about a sixth)


def skin(lab: np.ndarray) -> np.ndarray:
    """Skin-coloured pixels of a Lab working copy (uint8 mask, 255 where skin).

    The hue range is tested as two half-planes of the a-b plane (no angle computed: this runs
    on most frames the classic pipeline sees).
    """
    a = lab[:, :, 1].astype(np.int32) - 128
    b = lab[:, :, 2].astype(np.int32) - 128
    c2 = a * a + b * b
    lo, hi = math.radians(SKIN_HUE[0]), math.radians(SKIN_HUE[1])
    # counter-clockwise of the first bound and clockwise of the second (the range is under 180°)
    after_lo = math.cos(lo) * b - math.sin(lo) * a >= 0
    before_hi = math.sin(hi) * a - math.cos(hi) * b >= 0
    mask = (
        (c2 >= SKIN_CHROMA[0] ** 2)
        & (c2 <= SKIN_CHROMA[1] ** 2)
        & after_lo
        & before_hi
        & (lab[:, :, 0] >= SKIN_LIGHT)
    )
    return mask.astype(np.uint8) * 255


def hand_mask(lab: np.ndarray) -> np.ndarray | None:
    """A hand's pixels in a Lab working copy, a pixel wider than the skin (its outline's blur); None where no hand is in view.

    Found at half the working resolution (a hand is large; this runs on most frames the classic
    pipeline sees), the mask given at the working one.
    """
    h, w = lab.shape[:2]
    half = skin(lab[::2, ::2])
    least = MIN_HAND * half.size
    if cv2.countNonZero(half) < least:
        return None  # the common case, decided before any region is traced
    half = cv2.morphologyEx(half, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    # a skin-coloured region of a hand's size: a beige tray or a wooden counter is larger
    keep = (area >= least) & (area <= MAX_HAND * half.size)
    keep[0] = False
    if not keep.any():
        return None
    hand = cv2.resize(keep[labels].astype(np.uint8) * 255, (w, h), interpolation=cv2.INTER_NEAREST)
    return cv2.dilate(hand, np.ones((3, 3), np.uint8))
