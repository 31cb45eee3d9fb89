"""The decoding pipeline: both decoders, retries, exact UTF-8, no false positives."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.errors import DeviceError
from devices.scanner.decode import QrDecoder, decode_file
from tests.devices.scanner.qr_images import CCCD, on_canvas, qr_gray

RECEIPT = "https://dvc.example.gov.vn/t/K7M4QX9T2R?v=1&p=1.001193"


@pytest.mark.parametrize("use_zxing", [True, False])
@pytest.mark.parametrize("profile", ["live", "thorough"])
def test_cccd_without_eci_decodes_to_exact_vietnamese(use_zxing, profile):
    frame = on_canvas(qr_gray(CCCD, scale=4), angle=20)
    found = QrDecoder(profile, use_zxing=use_zxing).decode(frame)
    assert [d.text for d in found] == [CCCD]
    assert found[0].utf8


def test_receipt_with_eci_and_two_codes_in_one_frame():
    frame = on_canvas(qr_gray(RECEIPT, scale=4, eci=True))
    code2 = qr_gray(CCCD, scale=4)
    frame[500 : 500 + code2.shape[0], 1200 : 1200 + code2.shape[1]] = code2
    texts = sorted(d.text for d in QrDecoder().decode(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)))
    assert texts == sorted([RECEIPT, CCCD])


def test_binary_payload_is_kept_as_bytes_and_flagged():
    payload = b"\x00\x01\xff\xfe" * 8
    (d,) = QrDecoder().decode(on_canvas(qr_gray(payload, scale=4)))
    assert d.data == payload and not d.utf8 and "\ufffd" in d.text


def test_blurred_code_needs_the_retry_pass():
    # Given a code blurred and shrunk past what the first zxing pass reads
    code = cv2.resize(qr_gray(CCCD, scale=3), None, fx=0.9, fy=0.9, interpolation=cv2.INTER_AREA)
    frame = cv2.GaussianBlur(on_canvas(code), (0, 0), 1.3)
    found = QrDecoder("thorough").decode(frame)
    assert [d.text for d in found] == [CCCD]


def test_points_map_back_to_the_input_image():
    frame = on_canvas(qr_gray(RECEIPT, scale=4), at=(600, 1000))
    (d,) = QrDecoder().decode(frame)
    xs, ys = zip(*d.points, strict=True)
    assert 1000 <= min(xs) <= 1000 + 4 * 4 + 3 and 600 <= min(ys) <= 600 + 4 * 4 + 3


def test_negatives_give_no_code():
    rng = np.random.default_rng(5)
    dec = QrDecoder("thorough")
    noise = rng.integers(0, 256, size=(720, 1280), dtype=np.uint8)
    checker = (np.indices((720, 1280)).sum(axis=0) // 40 % 2 * 255).astype(np.uint8)
    for img in (np.zeros((720, 1280), np.uint8), noise, checker):
        assert dec.decode(img) == []


def test_degenerate_images_do_not_crash():
    dec = QrDecoder("thorough")
    assert dec.decode(np.zeros((0, 0), np.uint8)) == []
    assert dec.decode(np.zeros((1, 1, 3), np.uint8)) == []
    assert dec.decode(np.zeros((5, 5000), np.uint8)) == []


def test_huge_image_is_scaled_down_and_still_read():
    frame = np.full((6000, 6000), 200, np.uint8)
    code = qr_gray(RECEIPT, scale=12)
    frame[3000 : 3000 + code.shape[0], 3000 : 3000 + code.shape[1]] = code
    (d,) = QrDecoder("live").decode(frame)
    assert d.text == RECEIPT and min(x for x, _ in d.points) >= 2900


def test_decode_file_reads_png_and_refuses_garbage(tmp_path):
    good = tmp_path / "q.png"
    cv2.imwrite(str(good), on_canvas(qr_gray(CCCD, scale=4)))
    assert [d.text for d in decode_file(str(good))] == [CCCD]
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png at all")
    with pytest.raises(DeviceError) as e:
        decode_file(str(bad))
    assert e.value.code == "scanner.image_unreadable"
    with pytest.raises(DeviceError):
        decode_file(str(tmp_path / "missing.png"))


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    from PIL import Image

    bomb = tmp_path / "bomb.png"
    Image.new("1", (20_000, 20_000)).save(bomb)  # small file, 400 MP once decoded
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DeviceError) as e:
        decode_file(str(bomb))
    assert e.value.code == "scanner.image_too_large"
