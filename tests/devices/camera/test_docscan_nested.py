"""A page lying on a larger outline (a card on a closed book) is the page; a box printed on a page is not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.docscan import detector as detector_module
from devices.camera.docscan.paper import ground_between
from tests.devices.camera.scenes import desk, place, sheet

BOOK = np.array([[430, 110], [860, 150], [830, 650], [400, 620]], np.float32)  # a closed book, tilted
CARD = np.array([[500, 200], [790, 226], [772, 540], [478, 512]], np.float32)  # a passport's page, on it
BOX = np.array([[520, 300], [740, 318], [730, 470], [510, 452]], np.float32)  # where a box is printed


def _cover(w: int = 430, h: int = 510) -> np.ndarray:
    """A plain cloth cover with its title: seen all round, a page's ground nowhere."""
    cover = np.full((h, w, 3), (40, 45, 130), np.uint8)
    cv2.putText(cover, "LICH SU", (90, h - 60), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (190, 200, 215), 3)
    return cover


def _card() -> np.ndarray:
    return sheet(290, 320)


def _page_with_a_box() -> np.ndarray:
    """A printed form: text round a large ruled table."""
    page = sheet()
    cv2.rectangle(page, (90, 170), (330, 420), (235, 236, 238), -1)
    cv2.rectangle(page, (90, 170), (330, 420), (30, 30, 30), 3)
    for y in range(210, 420, 40):
        cv2.line(page, (90, y), (330, y), (30, 30, 30), 2)
    return page


def _halved(frame: np.ndarray) -> np.ndarray:
    return cv2.resize(frame, (frame.shape[1] // 2, frame.shape[0] // 2), interpolation=cv2.INTER_AREA)


def test_the_band_round_a_card_on_a_cover_is_not_its_ground_but_round_a_box_on_a_page_it_is():
    on_book = place(place(desk(), _cover(), BOOK), _card(), CARD)
    assert ground_between(BOOK, CARD, _halved(on_book), 0.5) < detector_module.NEST_BAND
    page = place(desk(), _page_with_a_box(), BOOK)
    inner = np.array([[90, 170], [330, 170], [330, 420], [90, 420]], np.float32)
    m = cv2.getPerspectiveTransform(np.array([[0, 0], [419, 0], [419, 593], [0, 593]], np.float32), BOOK)
    box = cv2.perspectiveTransform(inner[None], m)[0]
    assert ground_between(BOOK, box, _halved(page), 0.5) > 0.5


@pytest.mark.parametrize("learned", [True, False], ids=["with-the-net", "classic-alone"])
def test_a_card_on_a_closed_book_is_the_card(learned):
    frame = place(place(desk(), _cover(), BOOK), _card(), CARD)
    det = DocumentDetector() if learned else DocumentDetector(segmenter=None)
    d = det.detect(frame)
    assert d is not None and quad_iou(d.corners, CARD) > 0.9


def test_without_the_nesting_the_classic_pipeline_answers_with_the_book(monkeypatch):
    # the scene above is the case the nesting is for: the book's outline wins on its own
    monkeypatch.setattr(detector_module, "NEST_BAND", 0.0)
    frame = place(place(desk(), _cover(), BOOK), _card(), CARD)
    d = DocumentDetector(segmenter=None).detect(frame)
    assert d is not None and quad_iou(d.corners, BOOK) > 0.9


@pytest.mark.parametrize("learned", [True, False], ids=["with-the-net", "classic-alone"])
def test_a_page_with_a_large_printed_box_is_the_page(learned):
    frame = place(desk(), _page_with_a_box(), BOOK)
    det = DocumentDetector() if learned else DocumentDetector(segmenter=None)
    d = det.detect(frame)
    assert d is not None and quad_iou(d.corners, BOOK) > 0.9
