"""The verifier's paper look: a laminated card under a warm lamp is paper when it is an ID-1 card seen all round, and only then.
A hand over a side or a corner counts neither for nor against the sheet under it, and gives its own outline nothing."""

from __future__ import annotations

import cv2
import numpy as np

from devices.camera.docscan.quantile import percentile
from devices.camera.docscan.verifier import contrast, corners_seen, paper_look

CARD = np.array([[60, 60], [146, 60], [146, 114], [60, 114]], np.float64)  # ID-1, working pixels


def _tray(card_lab: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray, float]:
    """A dark tray (Lab, working copy) with a lamp's hot spot far from a printed card of ``card_lab``; its ink plane and white."""
    lab = np.zeros((300, 400, 3), np.uint8)
    lab[:] = (45, 136, 142)  # dark brown wood
    cv2.circle(lab, (320, 220), 60, (243, 132, 140), -1)  # the lamp's spot
    cv2.fillConvexPoly(lab, CARD.astype(np.int32), card_lab)
    for y in range(72, 108, 6):  # lines of print
        cv2.line(lab, (90, y), (138, y), (60, 130, 135), 2)
    ink = cv2.morphologyEx(lab[:, :, 0], cv2.MORPH_BLACKHAT, np.ones((5, 5), np.uint8)) > 8
    return lab, ink, percentile(lab[::2, ::2, 0], 99)


def test_a_cream_card_under_a_warm_lamp_is_paper_where_it_is_a_card():
    # chroma 30 (a cream card under a 2700 K lamp), L 140: far from the hot spot's 243
    lab, ink, white = _tray((140, 134, 157))
    assert not paper_look(CARD, lab, ink, white)[0]  # as any tinted thing
    assert paper_look(CARD, lab, ink, white, card=True)[0]


def test_a_card_shaped_thing_as_colourful_as_skin_is_not_paper():
    lab, ink, white = _tray((140, 150, 165))  # chroma 42
    assert not paper_look(CARD, lab, ink, white, card=True)[0]


def test_a_tinted_card_no_lighter_than_the_tray_is_not_paper():
    lab, ink, white = _tray((140, 134, 157))
    lab[:] = (130, 134, 150)  # a tray as light and nearly as tinted (cork, pale wood)
    cv2.fillConvexPoly(lab, CARD.astype(np.int32), (140, 134, 157))
    assert not paper_look(CARD, lab, ink, white, card=True)[0]


# a sheet on a dark tray, a hand (a skin-coloured band, the fingers' direction up) over its lower side
SHEET = np.array([[100, 40], [300, 40], [300, 200], [100, 200]], np.float64)  # working pixels


def _hand_over_sheet(corner: bool = False) -> tuple[np.ndarray, np.ndarray]:
    lab = np.zeros((260, 400, 3), np.uint8)
    lab[:] = (60, 128, 128)  # grey tray
    cv2.fillConvexPoly(lab, SHEET.astype(np.int32), (235, 128, 130))
    hand = np.zeros(lab.shape[:2], np.uint8)
    if corner:
        cv2.rectangle(hand, (260, 170), (340, 259), 255, -1)  # over the lower right corner
    else:
        cv2.rectangle(hand, (150, 170), (260, 259), 255, -1)  # over the middle of the lower side
    lab[hand > 0] = (170, 145, 150)  # skin
    return lab, hand


def test_a_hand_over_a_side_counts_neither_for_nor_against_the_sheet():
    lab, hand = _hand_over_sheet()
    q = SHEET[None]
    seen, sides = contrast(q, lab)
    seen_h, sides_h = contrast(q, lab, hidden=hand)
    assert seen[0] < 0.9 and sides[0] == 3  # the covered stretch has no step: held against it
    assert seen_h[0] > 0.97 and sides_h[0] == 4  # left out: the rest of the side is seen


def test_a_corner_under_a_hand_is_not_held_against_the_sheet():
    lab, hand = _hand_over_sheet(corner=True)
    q = SHEET[None]
    assert corners_seen(q, lab)[0] == 3
    assert corners_seen(q, lab, hidden=hand)[0] == 4


def test_the_hands_own_outline_gets_no_support_from_being_left_out():
    lab, hand = _hand_over_sheet()
    # the hand's outline over the sheet: every point of it on the hand (the mask is its own)
    finger = np.array([[150, 170], [260, 170], [260, 250], [150, 250]], np.float64)[None]
    assert contrast(finger, lab, hidden=hand)[0][0] <= contrast(finger, lab)[0][0]
