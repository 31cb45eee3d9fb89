"""The machine-readable zone found by its look, on pages drawn here (tests/devices/camera/docscan/mrz_pages.py)."""

from __future__ import annotations

import numpy as np
import pytest

from devices.camera.docscan.mrz_band import band_along, find_band, strip, upright_from
from tests.devices.camera.docscan import mrz_pages as P


@pytest.mark.parametrize("degrees", [0, 90, 180, 270, -20])
def test_a_data_page_shows_its_td3_zone_along_its_bottom_whichever_way_it_lies(degrees):
    frame, _ = P.place(P.data_page(), P.quad(640, 480, 125 * 3.0, 88 * 3.0, degrees))
    corners = P.quad(640, 480, 125 * 3.0, 88 * 3.0, degrees)  # TL, TR, BR, BL: the zone along BR-BL, side 2
    band = find_band(frame, corners)
    assert band is not None and band.fmt == "TD3" and band.lines == 2
    assert band.side == 2
    assert np.allclose(upright_from(corners, band.side), corners)


def test_the_side_found_follows_the_corners_given():
    corners = P.quad(640, 480, 125 * 3.0, 88 * 3.0, 0)
    frame, _ = P.place(P.data_page(), corners)
    band = find_band(frame, np.roll(corners, 1, axis=0))  # BL, TL, TR, BR: the zone along side 3
    assert band is not None and band.side == 3


def test_a_card_back_shows_three_lines_of_thirty():
    corners = P.quad(640, 480, 85.6 * 4.0, 54 * 4.0, 180)
    frame, _ = P.place(P.data_page(P.TD1, (85.6, 54.0)), corners)
    band = find_band(frame, corners)
    assert band is not None and band.fmt == "TD1" and band.lines == 3


def test_print_and_dotted_leaders_across_a_form_are_no_zone():
    corners = P.quad(640, 480, 210 * 2.6, 297 * 2.6, 8)
    frame, _ = P.place(P.form(), corners)
    assert find_band(frame, corners) is None


def test_a_zone_with_a_finger_across_it_is_not_claimed():
    corners = P.quad(640, 480, 125 * 3.0, 88 * 3.0, 0)
    frame, _ = P.place(P.data_page(), corners)
    frame[560:700, 600:640] = (120, 150, 200)  # a finger over the middle of both lines
    assert find_band(frame, corners) is None


def test_the_strip_is_the_sides_band_flattened():
    corners = P.quad(640, 480, 125 * 3.0, 88 * 3.0, 0)
    frame, _ = P.place(P.data_page(), corners)
    g = strip(frame, corners, 2)
    assert g.ndim == 2 and g.shape == (60, 240)
    assert band_along(g, 2) is not None
    assert band_along(strip(frame, corners, 0), 0) is None  # the top holds the title, not a zone


# zones set another way than the tests above: a wider pitch (2.7 mm, as some printers set it), a
# bold monospaced face, a soft focus, JPEG and a lamp's glare (none of these was found before)
@pytest.mark.parametrize(
    ("face", "pitch_mm", "mm", "harm"),
    [
        (P.OCRB, 2.7, 3.6, {}),
        (P.MONO_BOLD, 2.7, 2.6, {"blur": 1.2}),
        (P.MONO_BOLD, 2.7, 3.0, {"blur": 1.0, "jpeg": 50, "glare": 50}),
    ],
)
def test_a_zone_set_wider_bolder_or_softer_is_found(face, pitch_mm, mm, harm):
    corners = P.quad(640, 480, 125 * mm, 88 * mm, 12)
    frame, _ = P.place(P.data_page(face=face, pitch_mm=pitch_mm), corners)
    band = find_band(P.spoil(frame, **harm), corners)
    assert band is not None and band.fmt == "TD3" and band.side == 2


@pytest.mark.parametrize("harm", [{}, {"blur": 1.0, "jpeg": 50}])
def test_the_lines_of_a_form_seen_end_on_are_no_zone(harm):
    """Along a form's long side its printed lines end side by side, as far apart as a zone's characters."""
    corners = P.quad(640, 480, 210 * 2.6, 297 * 2.6, 8)
    frame, _ = P.place(P.form(), corners)
    assert find_band(P.spoil(frame, **harm), corners) is None
