"""The detector as a whole: a passport's spread read by its machine-readable zone (``by_zone``) gives its
data page; under a blind's shadow the page is found whole, not a lit stripe of it, and nothing on an
empty desk; a card under a desk lamp, and a card beside a queue ticket (cached eighth frames)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.docscan.detector import Detection, by_zone, read_zone
from tests.devices.camera.blinds import blinds
from tests.devices.camera.docscan import hand_scenes as H
from tests.devices.camera.docscan import mrz_pages as P
from tests.devices.camera.scenes import PAGE, desk, place, sheet

DET = DocumentDetector()
MM = 2.6  # frame pixels a millimetre: a kiosk camera at the tray sees 2.5-4


@pytest.mark.parametrize("degrees", [0, 90, 180, 270, 30])
def test_an_open_passport_gives_its_data_page_in_reading_order(degrees):
    spread, page = P.spread()
    frame, m = P.place(spread, P.quad(640, 480, 131 * MM, 182 * MM, degrees))
    truth = cv2.perspectiveTransform(page[None], m)[0]  # TL, TR, BR, BL of the page as read
    whole = DET._outline(frame)
    assert whole is not None and quad_iou(whole.corners, truth) < 0.6  # the spread, without the zone
    det = DET.detect(frame)
    assert det is not None and det.mrz == "TD3"
    assert quad_iou(det.corners, truth) > 0.97
    assert np.linalg.norm(det.corners - truth, axis=1).max() < 6  # each corner where it reads
    assert det.area_frac == pytest.approx(cv2.contourArea(det.corners) / (960 * 1280), rel=1e-3)


def test_a_data_page_alone_keeps_its_outline_and_is_read_in_reading_order_at_capture():
    corners = P.quad(640, 480, 125 * 3.0, 88 * 3.0, 180)
    frame, _ = P.place(P.data_page(), corners)
    det = DET.detect(frame)
    assert det is not None and det.mrz == ""  # per frame only a spread's short sides are looked at
    read = read_zone(det, frame)
    assert read.mrz == "TD3"
    assert quad_iou(read.corners, corners) > 0.97
    assert np.linalg.norm(read.corners - corners, axis=1).max() < 6


def test_a_card_back_is_read_upside_down_at_capture():
    corners = P.quad(640, 480, 85.6 * 4.0, 54 * 4.0, 180)
    frame, _ = P.place(P.data_page(P.TD1, (85.6, 54.0)), corners)
    det = DET.detect(frame)
    assert det is not None
    read = read_zone(det, frame)
    assert read.mrz == "TD1" and np.linalg.norm(read.corners - corners, axis=1).max() < 6


def test_a_form_of_a_spreads_proportions_is_left_as_found():
    frame, _ = P.place(P.form(), P.quad(640, 480, 210 * 2.6, 297 * 2.6, 8))
    whole = DET._outline(frame)
    assert whole is not None
    assert by_zone(whole, frame) is whole


def test_outlines_no_zone_can_fit_are_not_looked_at(monkeypatch):
    import devices.camera.docscan.detector as detector

    def never(*_a, **_k):
        raise AssertionError("looked for a zone on a receipt's proportions")

    monkeypatch.setattr(detector, "find_band", never)
    receipt = Detection(np.array([[0, 0], [80, 0], [80, 300], [0, 300]], np.float32), 1.0, 0.02)
    assert by_zone(receipt, P.desk()) is receipt


def test_a_cached_seventh_frame_open_passport():
    """Seventh set, frame 8 (passport_open): rendered by POV-Ray into the shared cache, never here."""
    from bench.datasets import doc_seventh

    key = f"s7_i0008_{doc_seventh.WIDTH}x{doc_seventh.HEIGHT}_v{doc_seventh.CODE_VERSION}"
    if not (doc_seventh.cache_dir() / f"{key}.png").exists():
        pytest.skip("seventh frame 8 is not cached (bench/docscan.py --set seventh renders it)")
    s = doc_seventh.cached_sample(7, 8)
    assert s.condition == "passport_open"
    det = DET.detect(s.image)
    assert det is not None and det.mrz == "TD3"
    assert quad_iou(det.corners, s.corners) > 0.95
    assert np.linalg.norm(det.corners - s.corners, axis=1).max() < 10


def _eighth(index: int):
    from bench.datasets import doc_eighth

    s = doc_eighth.load_or_render(8, index, render=False)
    if s is None:
        pytest.skip(f"eighth frame {index} is not cached (bench/docscan.py --set eighth renders it)")
    return s


@pytest.mark.parametrize("index", [37, 93])
def test_a_cached_eighth_frame_card_under_a_desk_lamp(index):
    """Eighth set (Blender Cycles), a licence and an ID card alone on a steel tray under a warm desk
    lamp whose hot spot lies elsewhere: a card's tint, and far darker than the spot. Main: nothing."""
    s = _eighth(index)
    d = DET.detect(s.image)
    assert d is not None and quad_iou(d.corners, s.corners) > 0.9 and d.others == 0


def test_a_cached_eighth_frame_card_beside_a_queue_ticket():
    """Eighth set, frame 62: an ID card on a cork mat, a queue ticket ("SỐ THỨ TỰ 0075") beside it,
    of which the net is sure. Main: the ticket, no other document counted."""
    s = _eighth(62)
    d = DET.detect(s.image)
    assert d is not None and quad_iou(d.corners, s.corners) > 0.95 and d.others == 1


# stripes of several widths, angles and depths; on main's detector each of these found nothing
# or a part of the page (IoU 0.74 at 90 px, 15°)
@pytest.mark.parametrize(
    ("period", "angle", "dark"),
    [(24, 70, 0.35), (40, 15, 0.35), (60, 70, 0.35), (90, 130, 0.35), (90, 15, 0.35), (90, 15, 0.55)],
)
def test_a_page_under_a_blind_is_found_whole(period, angle, dark):
    found = DET.detect(blinds(place(desk(), sheet(), PAGE), period, angle, dark=dark))
    assert found is not None
    assert quad_iou(found.corners, PAGE) >= 0.97


@pytest.mark.parametrize(("period", "angle"), [(40, 15), (90, 130)])
def test_an_empty_desk_under_a_blind_holds_no_document(period, angle):
    assert DET.detect(blinds(desk(), period, angle, dark=0.35)) is None


# frames drawn with OpenCV (hand_scenes): a hand over a document's side or corner, a card held
# with the fingers over its lower part. The seeds are those main missed (IoU 0.45-0.65) of the
# first twenty; seeds 100-159, never looked at, are counted in the report of issue #20.
@pytest.mark.parametrize(("scene", "seed"), [("hand_on_document", 1), ("held_card", 8), ("held_card", 15)])
def test_a_document_under_a_hand_is_found_whole(scene, seed):
    sc = getattr(H, scene)(seed)
    det = DET.detect(sc.image)
    assert det is not None and quad_iou(det.corners, sc.corners) > 0.85


@pytest.mark.parametrize("seed", range(5))
def test_a_hand_alone_on_the_tray_is_no_document(seed):
    assert DET.detect(H.hand_alone(seed).image) is None
