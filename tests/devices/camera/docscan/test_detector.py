"""The detector under a blind's shadow: the page found whole, not a lit stripe of it, and nothing on an empty desk."""

from __future__ import annotations

import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from tests.devices.camera.blinds import blinds
from tests.devices.camera.scenes import PAGE, desk, place, sheet


@pytest.fixture(scope="module")
def detector() -> DocumentDetector:
    return DocumentDetector()


# stripes of several widths, angles and depths; on main's detector each of these found nothing
# or a part of the page (IoU 0.74 at 90 px, 15°)
@pytest.mark.parametrize(
    ("period", "angle", "dark"),
    [(24, 70, 0.35), (40, 15, 0.35), (60, 70, 0.35), (90, 130, 0.35), (90, 15, 0.35), (90, 15, 0.55)],
)
def test_a_page_under_a_blind_is_found_whole(detector, period, angle, dark):
    found = detector.detect(blinds(place(desk(), sheet(), PAGE), period, angle, dark=dark))
    assert found is not None
    assert quad_iou(found.corners, PAGE) >= 0.97


@pytest.mark.parametrize(("period", "angle"), [(40, 15), (90, 130)])
def test_an_empty_desk_under_a_blind_holds_no_document(detector, period, angle):
    assert detector.detect(blinds(desk(), period, angle, dark=0.35)) is None
