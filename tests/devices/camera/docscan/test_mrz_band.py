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
