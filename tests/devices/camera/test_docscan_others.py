"""More than one document in view: two cards side by side are flagged; a single page (with a printed box, or a card on a book) is not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from tests.devices.camera.scenes import PAGE, desk, place, sheet
from tests.devices.camera.test_docscan_nested import BOOK, CARD, _card, _cover, _page_with_a_box

# two ID cards (ID-1 proportions) side by side on the desk, a little apart and a little tilted
LEFT = np.array([[250, 240], [560, 252], [553, 450], [243, 438]], np.float32)
RIGHT = np.array([[660, 256], [970, 268], [963, 466], [653, 454]], np.float32)


def _id_card(seed: int) -> np.ndarray:
    """A printed card: pale ground, a photo box, lines of print."""
    rng = np.random.default_rng(seed)
    card = np.full((270, 428, 3), (228, 236, 240), np.uint8)
    cv2.rectangle(card, (24, 60), (124, 190), (150, 120, 110), -1)
    for y in range(60, 230, 24):
        cv2.line(card, (150, y), (int(rng.integers(280, 400)), y), (50, 50, 60), 3)
    return card


def _two_cards() -> np.ndarray:
    return place(place(desk(), _id_card(1), LEFT), _id_card(2), RIGHT)


@pytest.mark.parametrize("learned", [True, False], ids=["with-the-net", "classic-alone"])
def test_two_cards_side_by_side_are_flagged(learned):
    det = DocumentDetector() if learned else DocumentDetector(segmenter=None)
    d = det.detect(_two_cards())
    assert d is not None
    assert d.others == 1


@pytest.mark.parametrize("learned", [True, False], ids=["with-the-net", "classic-alone"])
@pytest.mark.parametrize(
    "scene",
    [
        lambda: place(desk(), sheet(), PAGE),
        lambda: place(desk(), _page_with_a_box(), BOOK),
        lambda: place(place(desk(), _cover(), BOOK), _card(), CARD),
        lambda: place(desk(), _id_card(3), LEFT),
    ],
    ids=["page", "page-with-a-printed-box", "card-on-a-plain-book-cover", "one-card"],
)
def test_one_document_is_not_flagged(scene, learned):
    det = DocumentDetector() if learned else DocumentDetector(segmenter=None)
    d = det.detect(scene())
    assert d is not None
    assert d.others == 0


def test_the_net_takes_two_cards_for_one_outline_and_the_seam_says_so():
    # the case the seam is for: with the net, the outline returned is round both cards
    d = DocumentDetector().detect(_two_cards())
    assert d is not None and d.source == "learned"
    both = np.array([LEFT[0], RIGHT[1], RIGHT[2], LEFT[3]], np.float32)
    assert quad_iou(d.corners, both) > 0.9 and d.others == 1


def test_a_long_receipt_with_a_ruled_line_across_is_one_document():
    receipt = np.full((600, 200, 3), (238, 240, 242), np.uint8)
    for y in range(30, 570, 20):
        cv2.line(receipt, (20, y), (20 + (y * 13) % 150, y), (40, 40, 40), 2)
    cv2.line(receipt, (10, 300), (190, 300), (30, 30, 30), 3)  # a rule across the whole width
    corners = np.array([[560, 60], [760, 70], [745, 660], [545, 650]], np.float32)
    d = DocumentDetector().detect(place(desk(), receipt, corners))
    assert d is not None and quad_iou(d.corners, corners) > 0.9
    assert d.others == 0


def test_the_classic_pipeline_returns_one_of_the_two_cards():
    d = DocumentDetector(segmenter=None).detect(_two_cards())
    assert d is not None
    assert max(quad_iou(d.corners, LEFT), quad_iou(d.corners, RIGHT)) > 0.9
