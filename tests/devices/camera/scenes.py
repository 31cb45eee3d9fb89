"""Test pictures for the document camera: a sheet drawn into a desk scene with known corners."""

from __future__ import annotations

import cv2
import numpy as np


def desk(w: int = 1280, h: int = 720, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    grain = np.sin(xx * 0.02 + 3 * np.sin(yy * 0.01)) * 12
    img = np.dstack([70 + grain, 90 + grain, 120 + grain]) + rng.normal(0, 3, (h, w, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


def sheet(w: int = 420, h: int = 594, tint=(236, 238, 240)) -> np.ndarray:
    img = np.full((h, w, 3), tint, np.uint8)
    for y in range(40, h - 40, 22):
        cv2.line(img, (40, y), (w - 40 - (y * 7) % 120, y), (40, 40, 40), 2)
    return img


def place(frame: np.ndarray, doc: np.ndarray, corners) -> np.ndarray:
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, np.asarray(corners, np.float32))
    out = frame.copy()
    cv2.warpPerspective(doc, m, (frame.shape[1], frame.shape[0]), dst=out, borderMode=cv2.BORDER_TRANSPARENT)
    return out


# TL, TR, BR, BL of the sheet as seen upright, tilted and rotated by ~10°
PAGE = np.array([[480, 90], [820, 140], [770, 640], [400, 600]], np.float32)
