"""Auto-orientation of the flattened page, on pages of Vietnamese text rendered with Pillow."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from devices.camera.orientation import detect_orientation, upright

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Tờ khai đăng ký thường trú của ông bà",
    "Họ và tên người khai: Nguyễn Văn Bình",
    "Nơi ở hiện tại: số nhà 14 đường Lê Lợi, Huế",
    "Tôi xin cam đoan những lời khai trên là đúng sự thật",
)


def _page(seed: int, size: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    im = Image.new("L", (840, 1188), 245)
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(FONT, size)
    y = 60
    while y < 1100:
        text = LINES[int(rng.integers(0, len(LINES)))]
        d.text((70, y), text[: int(rng.integers(15, len(text) + 1))], font=font, fill=20)
        y += int(size * rng.uniform(1.6, 2.4))
    return np.array(im)


@pytest.mark.parametrize("turned", [0, 1, 2, 3])
@pytest.mark.parametrize("seed,size", [(1, 16), (2, 22), (3, 28)])
def test_a_turned_page_comes_back_upright(seed, size, turned):
    page = _page(seed, size)
    seen = np.rot90(page, turned)  # as captured: turned anticlockwise
    fixed, turns = upright(seen)
    assert turns == turned
    assert np.array_equal(fixed, page)


def test_blank_or_pictures_are_left_alone():
    rng = np.random.default_rng(0)
    assert detect_orientation(np.full((600, 400), 240, np.uint8)).turns == 0
    noise = rng.integers(0, 256, (600, 400), dtype=np.uint8)
    assert detect_orientation(noise).turns == 0
