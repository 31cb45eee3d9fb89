"""pyzbar in binary mode returns the exact bytes, UTF-8 Vietnamese and NUL bytes included."""

from __future__ import annotations

import numpy as np
import pytest

from devices.scanner.zbar import scan_qr
from tests.devices.scanner.qr_images import CCCD, qr_gray


def test_vietnamese_without_eci_comes_back_as_the_exact_utf8_bytes():
    found = scan_qr(qr_gray(CCCD))
    assert [s.data for s in found] == [CCCD.encode("utf-8")]
    assert found[0].data.decode("utf-8") == CCCD


def test_binary_payload_with_nul_is_not_truncated():
    payload = b"ab\x00cd\xff\xfe"
    assert [s.data for s in scan_qr(qr_gray(payload))] == [payload]


def test_outline_is_reported_in_pixels():
    found = scan_qr(qr_gray("hello", scale=5))
    xs = [x for x, _ in found[0].points]
    assert min(xs) >= 4 * 5 - 2 and max(xs) <= qr_gray("hello", scale=5).shape[1]


def test_blank_and_noise_images_give_nothing():
    rng = np.random.default_rng(3)
    assert scan_qr(np.full((480, 640), 255, np.uint8)) == []
    assert scan_qr(rng.integers(0, 256, size=(480, 640), dtype=np.uint8)) == []


def test_wrong_image_type_is_refused():
    with pytest.raises(ValueError):
        scan_qr(np.zeros((10, 10, 3), np.uint8))
