"""QR images for scanner tests, drawn with segno (no decoder involved in making them)."""

from __future__ import annotations

import cv2
import numpy as np
import segno

CCCD = "001089012345|123456789|Nguyễn Thị Hồng Nhung|01011990|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021"


def qr_gray(payload: str | bytes, scale: int = 6, eci: bool = False, border: int = 4) -> np.ndarray:
    data = payload.encode("utf-8") if isinstance(payload, str) and not eci else payload
    q = segno.make_qr(data, error="m", eci=eci)
    m = np.array(q.matrix, dtype=np.uint8)
    img = np.where(np.pad(m, border) > 0, 0, 255).astype(np.uint8)
    return np.kron(img, np.ones((scale, scale), np.uint8))


def on_canvas(
    code: np.ndarray, w: int = 1920, h: int = 1080, at: tuple[int, int] = (300, 200), angle: float = 0
) -> np.ndarray:
    canvas = np.full((h, w), 170, np.uint8)
    y, x = at
    canvas[y : y + code.shape[0], x : x + code.shape[1]] = code
    if angle:
        c = (x + code.shape[1] / 2, y + code.shape[0] / 2)
        canvas = cv2.warpAffine(canvas, cv2.getRotationMatrix2D(c, angle, 1.0), (w, h), borderValue=170)
    return canvas
