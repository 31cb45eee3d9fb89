"""A printable calibration chessboard on A4 landscape, at its true size.

Squares are drawn for ``dpi`` so that, printed at 100 % ("actual size", not "fit to page"),
each measures ``square_mm``; the caption says so, because a board printed at the wrong scale
still calibrates the lens (distortion does not depend on the scale) but a technician checking
a square with a ruler catches a printer that also stretches one axis.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from devices.camera.calibration import Board

A4_MM = (297.0, 210.0)  # landscape
CAPTION_MM = 14.0  # two lines of caption below the board, and the printer's own margin
FONTS = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
MARGIN_MM = 12.0  # white quiet zone the board finder needs around the outer squares


def render_target(board: Board, dpi: int = 300) -> Image.Image:
    px = dpi / 25.4
    page_w, page_h = round(A4_MM[0] * px), round(A4_MM[1] * px)
    sq_w, sq_h = board.cols + 1, board.rows + 1  # squares = inner corners + 1
    need_w, need_h = (
        sq_w * board.square_mm + 2 * MARGIN_MM,
        sq_h * board.square_mm + MARGIN_MM + CAPTION_MM + 5,
    )
    if need_w > A4_MM[0] or need_h > A4_MM[1]:
        raise ValueError(
            f"a {board.cols}x{board.rows} board of {board.square_mm:g} mm squares "
            f"needs {need_w:.0f}×{need_h:.0f} mm: it does not fit on A4; use smaller squares"
        )
    page = np.full((page_h, page_w), 255, np.uint8)
    x0 = (A4_MM[0] - sq_w * board.square_mm) / 2
    y0 = MARGIN_MM
    for r in range(sq_h):
        for c in range(sq_w):
            if (r + c) % 2 == 0:
                xa, ya = round((x0 + c * board.square_mm) * px), round((y0 + r * board.square_mm) * px)
                xb, yb = (
                    round((x0 + (c + 1) * board.square_mm) * px),
                    round((y0 + (r + 1) * board.square_mm) * px),
                )
                page[ya:yb, xa:xb] = 0
    img = Image.fromarray(page, "L")
    captions = (
        f"Hiệu chỉnh camera kiosk: bàn cờ {board.cols}x{board.rows} góc trong, ô {board.square_mm:g} mm. "
        "In đúng tỉ lệ 100%; đo một ô bằng thước; dán phẳng lên bìa cứng.",
        f"Kiosk camera calibration: {board.cols}x{board.rows} inner corners, squares {board.square_mm:g} mm. "
        "Print at 100% (actual size); check one square with a ruler; glue flat on card.",
    )
    draw = ImageDraw.Draw(img)
    font = _font(round(3.0 * px))
    for i, caption in enumerate(captions):
        y = round((y0 + sq_h * board.square_mm + 3 + i * 4.5) * px)
        draw.text((round(x0 * px), y), caption, fill=0, font=font)
    return img


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font with Vietnamese letters (setup.sh installs both), else Pillow's own."""
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def write_target(path: Path, board: Board, dpi: int = 300) -> Path:
    suffix = path.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise ValueError(f"{path.name}: the printable board is written as .png or .pdf")
    img = render_target(board, dpi)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        img.convert("RGB").save(path, "PDF", resolution=float(dpi))
    else:
        img.save(path, "PNG", dpi=(dpi, dpi))
    return path
