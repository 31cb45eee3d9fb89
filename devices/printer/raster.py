"""1-bit raster images for thermal heads and the ESC/POS ``GS v 0`` command that prints them.

``GS v 0 m xL xH yL yH d1…dk`` (``1D 76 30``): m = 0 normal size (1 double width, 2 double
height, 3 both); x = bytes per row, y = rows; each byte is 8 dots left to right, most
significant bit first, 1 = print (black). Printers cap y and buffer size, so long images go
out in bands.

Two ways to reach 1 bit: text and QR codes are *thresholded* (crisp edges, no speckle);
photos, logos and line art with grey are *dithered* (Floyd–Steinberg), or they would turn
into black blobs.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from PIL import Image, ImageOps

GS_V0 = b"\x1dv0"
BAND_ROWS = 256  # rows per GS v 0 command: small enough for every printer's buffer
Mode = Literal["threshold", "dither"]


def to_mono(image: Image.Image, mode: Mode = "threshold", threshold: int = 160) -> Image.Image:
    """A mode-"1" image (white = 1 in Pillow's sense) ready to print.

    Transparent pixels count as white paper. ``threshold``: grey levels below it print.
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(bg, rgba)
    grey = image.convert("L")
    if mode == "dither":
        return grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG)
    return grey.point(lambda v: 255 if v >= threshold else 0, mode="1")


def fit_width(image: Image.Image, width_dots: int) -> Image.Image:
    """Scale down (never up) to the head's width, then pad to a multiple of 8 dots, centred."""
    img = image
    if img.width > width_dots:
        h = max(1, round(img.height * width_dots / img.width))
        img = img.convert("L").resize((width_dots, h), Image.Resampling.LANCZOS)
    pad = (-img.width) % 8
    if pad:
        img = ImageOps.expand(img.convert("L"), border=(pad // 2, 0, pad - pad // 2, 0), fill=255)
    return img


def pack_rows(mono: Image.Image) -> tuple[int, int, bytes]:
    """(bytes per row, rows, data) with 1 = black dot, MSB = leftmost."""
    if mono.mode != "1":
        raise ValueError("pack_rows needs a mode-1 image")
    black = ~np.asarray(mono, dtype=bool)  # Pillow: True = white
    pad = (-black.shape[1]) % 8
    if pad:
        black = np.pad(black, ((0, 0), (0, pad)), constant_values=False)
    packed = np.packbits(black, axis=1)
    return packed.shape[1], packed.shape[0], packed.tobytes()


def gs_v0(mono: Image.Image, band_rows: int = BAND_ROWS) -> list[bytes]:
    """GS v 0 commands (one per band of ``band_rows`` rows) printing ``mono`` at normal size."""
    width_bytes, rows, data = pack_rows(mono)
    if width_bytes > 0xFFFF or band_rows > 0xFFFF:
        raise ValueError("image too large for GS v 0")
    out = []
    for top in range(0, rows, band_rows):
        n = min(band_rows, rows - top)
        header = GS_V0 + bytes([0, width_bytes & 0xFF, width_bytes >> 8, n & 0xFF, n >> 8])
        out.append(header + data[top * width_bytes : (top + n) * width_bytes])
    return out


def decode_gs_v0(width_bytes: int, rows: int, data: bytes) -> Image.Image:
    """The inverse of :func:`pack_rows`: raster data back to a mode-1 image (for tests and peers)."""
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8).reshape(rows, width_bytes), axis=1)
    return Image.fromarray((bits == 0).astype(np.uint8) * 255, mode="L").convert("1")
