"""A card beside another paper (a queue ticket, a receipt, a form): the card is the answer, the other is counted.

A queue ticket (a thermal slip 58-80 mm wide, 60-120 mm long, a heading, a big number) is as pale
and plain as a page and as large as an ID-1 card or larger: the net is often sure of it and the
classic pipeline scores it above the card (its score grows with the outline's size). The citizen
came with the card; the ticket is what the counter gave them. So the card is the answer where it
lies beside another paper, and the other paper is counted in ``Detection.others`` (the camera
screen asks for one document at a time).

- **Where the card is looked for.** On the net's path, each region of its map not under the
  answer (:func:`other_regions`, at least ``MIN_SHARE`` of the largest region) is fitted as the
  net's page would be (the same outline fit, the same closer look where it is small). On the
  classic path, among the outlines the verifier already took: seen all round, beside the best
  one (:func:`.detector._looked_card_beside`); it replaces the best only where the gate takes
  both (a card beside something the gate refuses is no card beside a paper).
- **What makes it the answer** (:func:`card_first`): an ID-1 card's proportions
  (:func:`.card.id1_shaped`, ``ID1_SLACK``) beside a paper that has not them, or one larger by
  ``TICKET_LARGER`` (a ticket cut to a card's proportions is 58 × 92 mm or more), with tray
  between them (:func:`clear_of`: a blank note half under a receipt touches it), and its ground a
  card's (:func:`.paper.holds_paper`).
- **Counted** (:func:`apart`): any paper beside the answer, neither's middle inside the other.
"""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan.card import ID1_SLACK, id1_shaped
from devices.camera.docscan.learned import THRESHOLD

# of the largest region's area: a card beside an 80 × 120 mm ticket is half of it, beside a
# 58 × 60 mm one larger; specks of a lit tray are a few per cent
MIN_SHARE = 0.3
OVERLAP = 0.1  # of the smaller of two outlines: beside each other where they share at most this much
# a card-shaped paper at least this much larger than the card beside it is not a card (a ticket
# of ID-1's proportions is 58 × 92 mm or more: 1.15 × the card's area; the view's stretch a few %)
TICKET_LARGER = 1.1
# of the card's size (square root of its area): the tray between the card and the paper beside it. An
# outline touching the paper is as likely a sheet half under it (a note, the next page) as a card
GAP = 0.1


def other_regions(prob: np.ndarray, min_area: float, found: np.ndarray) -> list[np.ndarray]:
    """The net's map ``prob`` once for each region not under ``found`` (4×2, the map's pixels), with only that region kept.

    Largest first; a region counts from ``MIN_SHARE`` of the largest's area and ``min_area`` of
    the map's, and lies under ``found`` where half of it does.
    """
    binary = (prob > THRESHOLD).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n <= 1:
        return []
    areas = stats[1:, cv2.CC_STAT_AREA]
    order = np.argsort(areas, kind="stable")[::-1] + 1
    least = max(MIN_SHARE * float(areas.max()), min_area * prob.size)
    under = np.zeros(prob.shape, np.uint8)
    cv2.fillConvexPoly(under, np.round(found * 4).astype(np.int32), 1, shift=2)
    out = []
    for i in order:
        if stats[i, cv2.CC_STAT_AREA] < least:
            break
        region = labels == i
        if 2 * np.count_nonzero(under[region]) >= stats[i, cv2.CC_STAT_AREA]:
            continue
        # the region's own soft rim kept (the outline is fitted to the map's half-way level)
        keep = cv2.dilate(region.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        out.append(np.where(keep, prob, 0).astype(prob.dtype))
    return out


def apart(a: np.ndarray, b: np.ndarray, overlap: float = OVERLAP) -> bool:
    """Whether two convex outlines (N×1×2 or N×2, float32) lie beside each other: neither's middle inside the other, little shared.

    The overlap alone is not enough: OpenCV's convex intersection can come out empty for a
    quadrilateral round another.
    """
    a, b = a.reshape(-1, 1, 2).astype(np.float32), b.reshape(-1, 1, 2).astype(np.float32)
    for inner, outer in ((a, b), (b, a)):
        mid = inner.reshape(-1, 2).mean(axis=0)
        if cv2.pointPolygonTest(outer, (float(mid[0]), float(mid[1])), False) >= 0:
            return False
    shared = cv2.intersectConvexConvex(a, b)[0]
    return shared <= overlap * min(cv2.contourArea(a), cv2.contourArea(b))


def clear_of(card: np.ndarray, other: np.ndarray) -> bool:
    """Whether tray shows between two outlines (4×2 or N×1×2): each corner at least ``GAP`` of the card's size from the other outline."""
    a, b = card.reshape(-1, 1, 2).astype(np.float32), other.reshape(-1, 1, 2).astype(np.float32)
    gap = GAP * float(np.sqrt(abs(cv2.contourArea(a))))
    for pts, poly in ((a, b), (b, a)):
        hull = cv2.convexHull(poly)
        if any(cv2.pointPolygonTest(hull, (float(x), float(y)), True) > -gap for x, y in pts.reshape(-1, 2)):
            return False
    return True


def card_first(card: np.ndarray, other: np.ndarray) -> bool:
    """Whether ``card`` (an outline beside ``other``) is the answer rather than ``other``: an ID-1 card beside a paper that is not one.

    A queue ticket can have a card's proportions (58 × 92 mm is 1.59), but then it is larger
    than the card: its short side is at least 58 mm against the card's 54 (``TICKET_LARGER``).
    Two cards of one size side by side: the one found stays the answer.
    """
    if not id1_shaped(card, ID1_SLACK):
        return False
    if not id1_shaped(other, ID1_SLACK):
        return True
    return abs(cv2.contourArea(other.astype(np.float32))) >= TICKET_LARGER * abs(
        cv2.contourArea(card.astype(np.float32))
    )
