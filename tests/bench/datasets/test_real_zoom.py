"""The labelling aid shows the photograph's own pixels where its grid says they are."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from bench.datasets import real_zoom


def test_a_crop_shows_each_pixel_under_its_grid_label_and_the_cross_on_the_point() -> None:
    image = np.zeros((100, 120, 3), np.uint8)
    image[40, 50] = (0, 255, 0)  # one green pixel
    half, scale = 8, 12
    tile = real_zoom.crop(image, 50, 40, half, scale, mark=False)
    x0 = y0 = real_zoom.PAD
    # pixel (50, 40) sits at window index half, half: its enlarged square is green inside
    cy, cx = y0 + half * scale + scale // 2, x0 + half * scale + scale // 2
    assert tuple(tile[cy, cx]) == (0, 255, 0)
    assert tuple(tile[cy, cx + scale]) == (0, 0, 0)
    marked = real_zoom.crop(image, 50.5, 40, half, scale, mark=True)
    # the cross's horizontal arm lies on the row of the point's centre, right of x = 50.5
    row = marked[y0 + int((40 - 32 + 0.5) * scale), x0 + int((50.5 - 42 + 0.5) * scale) + 6]
    assert tuple(row) == real_zoom.CYAN


def test_a_window_off_the_photograph_is_magenta_not_invented() -> None:
    image = np.full((20, 20, 3), 80, np.uint8)
    tile = real_zoom.crop(image, 0, 0, 8, 8, mark=False)
    p = real_zoom.PAD
    assert tuple(tile[p + 4, p + 4]) == real_zoom.OUTSIDE  # (-8, -8) is outside
    assert tuple(tile[p + 8 * 12 + 4, p + 8 * 12 + 4]) == (80, 80, 80)  # (4, 4) is inside


def test_the_command_writes_a_sheet_and_refuses_bad_points(tmp_path: Path) -> None:
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), np.full((60, 80, 3), 200, np.uint8))
    out = tmp_path / "sheet.png"
    assert real_zoom.main([str(photo), str(out), "--at", "10,10", "--at", "70,50", "--half", "8"]) == 0
    sheet = cv2.imread(str(out))
    assert sheet is not None and sheet.shape[1] > 2 * (16 * 8)
    assert real_zoom.main([str(photo), "--overview", str(tmp_path / "o.png")]) == 0
    assert real_zoom.main([str(tmp_path / "missing.png"), str(out), "--at", "1,1"]) == 1
