"""A zone's characters read from a captured, flattened page, kept only when every check digit holds (pages drawn in mrz_pages.py)."""

from __future__ import annotations

import numpy as np
import pytest

from devices.camera.docscan import DocumentDetector, warp
from devices.camera.docscan.detector import read_zone
from devices.camera.docscan.mrz_band import find_band, upright_from
from devices.camera.docscan.mrz_read import OCRB, read_lines, read_zone_text
from devices.card.mrz import MrzKey
from tests.devices.camera.docscan import mrz_pages as P

MADE_UP_READ = 4  # of 20 (6 read when written, none wrong): the reader prefers no reading to a doubtful one
pytestmark = pytest.mark.skipif(not OCRB.exists(), reason="the reader's templates need Debian fonts-ocr-b")


def _captured(
    doc: np.ndarray, mm: float, degrees: float, kind: str, harm: dict | None = None
) -> tuple[np.ndarray, str]:
    """The document put on the tray, found by its zone on its true outline, flattened as the session stores it."""
    h, w = doc.shape[:2]
    corners = P.quad(640, 480, w / P.PX * mm, h / P.PX * mm, degrees)
    frame, _ = P.place(doc, corners)
    frame = P.spoil(frame, **(harm or {}))
    band = find_band(frame, corners)
    assert band is not None
    return warp(frame, upright_from(corners, band.side), kind=kind, ordered=True), band.fmt


def test_the_icao_specimen_page_is_read_right_or_not_at_all_and_hides_its_text():
    page, fmt = _captured(P.data_page(), 3.0, 180, "passport")
    lines = read_lines(page, fmt)
    assert lines is not None and lines[0] == P.TD3[0]  # the names' line as printed, cell by cell
    reading = read_zone_text(page, fmt)
    if reading is not None:
        assert reading.text == "\n".join(P.TD3)
        assert reading.key() == MrzKey("L898902C3", "740812", "120415")
        assert "ERIKSSON" not in repr(reading) and "L898902C3" not in repr(reading)


def test_a_card_back_upside_down_is_read_after_read_zone_turns_it():
    doc = P.data_page(P.TD1, (85.6, 54.0))
    corners = P.quad(640, 480, 85.6 * 4.0, 54 * 4.0, 180)
    frame, _ = P.place(doc, corners)
    det = read_zone(DocumentDetector().detect(frame), frame)
    assert det.mrz == "TD1"
    reading = read_zone_text(warp(frame, det.corners, kind="card", ordered=True), "TD1")
    assert reading is not None and reading.text == "\n".join(P.TD1)
    assert reading.key() == MrzKey("D23145890", "740812", "120415")


SETTINGS = [
    ("TD3", 3.0, 2.54, {}),
    ("TD3", 3.4, 2.54, {"blur": 0.8, "jpeg": 60}),
    ("TD3", 3.6, 2.7, {}),
    ("TD1", 4.0, 2.54, {}),
    ("TD1", 4.0, 2.54, {"blur": 0.8}),
]


def test_zones_of_made_up_fields_are_read_right_or_not_at_all():
    """None is read wrong (a read is kept only when every check digit holds and no place is in doubt); some are read."""
    rng = np.random.default_rng(20)
    right = 0
    for fmt, mm, pitch_mm, harm in SETTINGS:
        size = (125.0, 88.0) if fmt == "TD3" else (85.6, 54.0)
        kind = "passport" if fmt == "TD3" else "card"
        for _ in range(4):
            lines = P.random_zone(rng, fmt)
            page, found = _captured(P.data_page(lines, size, P.OCRB, pitch_mm), mm, 12, kind, harm)
            assert found == fmt
            reading = read_zone_text(page, fmt)
            if reading is not None:
                assert reading.text == "\n".join(lines)
                right += 1
    assert right >= MADE_UP_READ


def test_a_zone_whose_check_digit_is_wrong_is_not_read():
    wrong = (P.TD3[0], P.TD3[1][:19] + "3" + P.TD3[1][20:])  # the birth date's check digit 2 → 3
    page, fmt = _captured(P.data_page(wrong), 3.0, 0, "passport")
    assert read_lines(page, fmt)[1][13:20] == "7408123"  # the birth date and its digit seen as printed
    assert read_zone_text(page, fmt) is None  # and still refused
