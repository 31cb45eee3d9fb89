"""1-bit conversion and GS v 0 encoding."""

from __future__ import annotations

import numpy as np
from escpos.printer import Dummy
from PIL import Image, ImageDraw

from devices.printer import raster


def test_pack_rows_is_msb_first_with_1_as_black():
    img = Image.new("1", (16, 1), 1)
    img.putpixel((0, 0), 0)
    img.putpixel((9, 0), 0)
    wb, rows, data = raster.pack_rows(img)
    assert (wb, rows, data) == (2, 1, bytes([0x80, 0x40]))


def test_gs_v0_header_and_bands():
    img = Image.new("1", (576, 600), 1)
    bands = raster.gs_v0(img, band_rows=256)
    assert [len(b) for b in bands] == [8 + 72 * 256, 8 + 72 * 256, 8 + 72 * 88]
    assert bands[0][:8] == b"\x1dv0\x00" + bytes([72, 0, 0, 1])
    assert bands[2][:8] == b"\x1dv0\x00" + bytes([72, 0, 88, 0])


def test_same_bytes_as_python_escpos_for_one_band():
    # python-escpos's own GS v 0 (its Dummy only collects output; no status is read here)
    img = Image.new("L", (64, 40), 255)
    ImageDraw.Draw(img).ellipse((4, 4, 60, 36), outline=0, width=3)
    mono = raster.to_mono(img)
    d = Dummy()
    d.image(mono, impl="bitImageRaster")
    assert d.output == raster.gs_v0(mono)[0]


def test_round_trip():
    rng = np.random.default_rng(7)
    arr = np.where(rng.random((50, 384)) > 0.5, 255, 0).astype(np.uint8)
    mono = Image.fromarray(arr, mode="L").convert("1")
    wb, rows, data = raster.pack_rows(mono)
    back = raster.decode_gs_v0(wb, rows, data)
    assert np.array_equal(np.asarray(back), np.asarray(mono))


def test_dither_keeps_grey_as_grey_threshold_keeps_text_crisp():
    grey = Image.new("L", (64, 64), 128)
    dithered = np.asarray(raster.to_mono(grey, "dither"))
    thresholded = np.asarray(raster.to_mono(grey, "threshold"))
    assert 0.4 < 1 - dithered.mean() < 0.6  # half the dots print: mid grey
    assert thresholded.all() or not thresholded.any()  # one flat tone: no speckle


def test_transparent_is_white_paper():
    img = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    assert np.asarray(raster.to_mono(img)).all()


def test_fit_width_scales_down_and_pads_to_bytes():
    assert raster.fit_width(Image.new("L", (1000, 100)), 576).size == (576, 58)
    assert raster.fit_width(Image.new("L", (300, 10)), 576).size == (304, 10)
