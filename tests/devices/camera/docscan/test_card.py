"""A card lying on a form is the card, the form counted among the others; a card-sized box printed on a form is not a card.

The frames are made here (``card_scenes``: numpy/OpenCV, a Hershey-font form, a card with a
soft shadow), not by any benchmark generator; main's detector returns the form on all of them.
The seeds (500 and up) were never looked at while the thresholds were set (those were 100-107).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.docscan.card import card_on_page
from tests.devices.camera.docscan.card_scenes import card_on_form

SEEDS = range(500, 506)


@pytest.fixture(scope="module")
def detector() -> DocumentDetector:
    return DocumentDetector()


def _halved(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2), interpolation=cv2.INTER_AREA)


@pytest.mark.parametrize("back", [False, True], ids=["front", "back"])
def test_a_card_on_a_form_is_the_card_and_the_form_is_another_document(detector, back):
    found = 0
    for seed in SEEDS:
        scene = card_on_form(seed, back=back)
        d = detector.detect(scene.image)
        assert d is not None
        if quad_iou(d.corners, scene.card) >= 0.85:
            assert d.others >= 1 and d.source == "card"
            found += 1
        else:
            assert d.source != "card"  # where the card is not seen, the page search's answer as before
    assert found >= 4, f"{found} of {len(SEEDS)} cards found"


def test_a_smaller_card_further_away(detector):
    found = sum(
        quad_iou(d.corners, s.card) >= 0.8
        for s in (card_on_form(seed, size=0.6) for seed in SEEDS)
        if (d := detector.detect(s.image)) is not None
    )
    assert found >= 3, f"{found} of {len(SEEDS)} cards found"


def test_a_card_sized_box_printed_on_a_form_is_part_of_the_form(detector):
    flagged = 0
    for seed in SEEDS:
        scene = card_on_form(seed, printed_photo=True)
        d = detector.detect(scene.image)
        assert d is not None
        flagged += d.source == "card"
        if d.source != "card":
            assert d.others == 0
    assert flagged <= 1, f"{flagged} of {len(SEEDS)} printed boxes taken for a card"


def test_the_card_search_returns_nothing_on_a_plain_page():
    scene = card_on_form(501, printed_photo=True)
    page = np.zeros((720, 1280, 3), np.uint8)
    q = np.array([[400, 100], [900, 120], [880, 650], [380, 630]], np.float32)
    cv2.fillConvexPoly(page, q.astype(np.int32), (235, 238, 240))
    assert card_on_page(q, _halved(page), 0.5) is None
    # and a page too small to hold a card that could be judged is not searched
    assert card_on_page(scene.form * 0.05, _halved(scene.image), 0.5) is None


def test_the_card_search_finds_the_card_inside_the_page_it_is_given():
    scene = card_on_form(502)
    card = card_on_page(scene.form, _halved(scene.image), 0.5)
    assert card is not None and quad_iou(card, scene.card) >= 0.85
