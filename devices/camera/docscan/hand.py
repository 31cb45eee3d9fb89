"""A document under a hand: its visible paper joined across the fingers that split it, as candidate outlines.

Fingers over a card or a receipt split its outline: the edge contour follows the fingers, and
the pale region (:func:`.candidates.pale_region_contours`) takes the hand with the paper (a
hand is as light as a card under most lights) or breaks into the strips between the fingers.
Skin is more colourful than paper (its median chroma 12-22 against paper's 3-8 on the sets'
hands, white balance and lamps included), so lightness less five times the chroma keeps the
paper and drops the hand. The paper's pieces that a skin-coloured region joins are one
document; the convex hull of the paper alone (not the hand's: the arm runs on past the page)
bridges the fingers' notches, and the four-line fit (:func:`.candidates.quad_from_outline`)
finds its sides.
"""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan.quantile import percentile

CHROMA_WEIGHT = 5.0  # lightness less this many times the chroma: paper stays light, skin does not
SKIN_CHROMA = (10.0, 30.0)  # Lab chroma of skin (a wooden counter is more colourful, paper less)
SKIN_HUE = (-20.0, 100.0)  # degrees in the a-b plane: red through yellow (a lamp's cast included)
SKIN_LIGHT = 60  # lightness (0-255) below which nothing is called skin (shadow, a dark counter)
MIN_HAND = 0.01  # of the frame: a skin region smaller than this is no hand


def skin(lab: np.ndarray) -> np.ndarray:
    """Skin-coloured pixels of a Lab working copy (uint8 mask, 255 where skin)."""
    a = lab[:, :, 1].astype(np.float32) - 128.0
    b = lab[:, :, 2].astype(np.float32) - 128.0
    chroma = cv2.magnitude(a, b)
    hue = np.degrees(np.arctan2(b, a))
    mask = (
        (chroma >= SKIN_CHROMA[0])
        & (chroma <= SKIN_CHROMA[1])
        & (hue >= SKIN_HUE[0])
        & (hue <= SKIN_HUE[1])
        & (lab[:, :, 0] >= SKIN_LIGHT)
    )
    return mask.astype(np.uint8) * 255


def paper_plane(lab: np.ndarray) -> np.ndarray:
    """Lightness less ``CHROMA_WEIGHT`` times the chroma (uint8): paper light, skin and colour dark."""
    a = lab[:, :, 1].astype(np.float32) - 128.0
    b = lab[:, :, 2].astype(np.float32) - 128.0
    plane = lab[:, :, 0].astype(np.float32) - CHROMA_WEIGHT * cv2.magnitude(a, b)
    return np.clip(plane, 0, 255).astype(np.uint8)


def hand_mask(lab: np.ndarray) -> np.ndarray | None:
    """A hand's pixels in a Lab working copy, a pixel wider than the skin (its outline's blur); None where no hand is in view."""
    h, w = lab.shape[:2]
    kernel = np.ones((3, 3), np.uint8)
    hand = cv2.morphologyEx(skin(lab), cv2.MORPH_OPEN, kernel)
    if cv2.countNonZero(hand) < MIN_HAND * h * w:
        return None
    return cv2.dilate(hand, kernel)


def hand_bridged_contours(
    lab: np.ndarray, edges: np.ndarray, min_area: float, hand: np.ndarray
) -> list[np.ndarray]:
    """Hulls of the paper a hand lies on (``hand``: :func:`hand_mask`): each piece of paper it touches, and the pieces smaller than it together.

    ``edges``: the detector's closed edge map; paper is cut along it so a sheet does not merge
    with a pale tray it lies on.
    """
    plane = paper_plane(lab)
    otsu, _ = cv2.threshold(plane, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    top = percentile(plane[::2, ::2], 99)
    kernel = np.ones((3, 3), np.uint8)
    near_hand = cv2.dilate(hand, kernel)
    # paper is cut along the edges (a sheet must not merge with a pale tray), but not beside the
    # hand: the strips of paper between two fingers are no wider than the fingers' edges
    cut = cv2.bitwise_or(cv2.bitwise_not(edges), near_hand)
    hand_area = cv2.countNonZero(hand)
    out: list[np.ndarray] = []
    for t in (otsu, otsu + 0.33 * (top - otsu), otsu + 0.66 * (top - otsu)):
        _, paper = cv2.threshold(plane, t, 255, cv2.THRESH_BINARY)
        paper = cv2.morphologyEx(cv2.bitwise_and(paper, cut), cv2.MORPH_OPEN, kernel)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=8)
        touching = np.unique(labels[(near_hand > 0) & (paper > 0)]).tolist()
        pieces = [k for k in touching if k and stats[k, cv2.CC_STAT_AREA] >= 3]
        outlines = {k: _outline(labels == k) for k in pieces}
        out += [c for c in outlines.values() if cv2.contourArea(cv2.convexHull(c)) >= min_area]
        # the pieces a hand splits a card or a receipt into, each smaller than the hand: their
        # outlines together (the four-line fit weighs a side by the outline points along it, so
        # the hull's bridges over the fingers count for little)
        small = [outlines[k] for k in pieces if stats[k, cv2.CC_STAT_AREA] < hand_area]
        if len(small) > 1:
            joined = np.concatenate(small)
            if cv2.contourArea(cv2.convexHull(joined)) >= min_area:
                out.append(joined)
    return out


def _outline(mask: np.ndarray) -> np.ndarray:
    """A region's outer outline, every pixel of it (N×1×2)."""
    contours, _ = cv2.findContours(mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    return max(contours, key=len)
