"""A blank white A4 sheet on an empty document tray, as the camera sees it: the tray's colour
under an uneven lamp, a slightly tilted sheet, lens blur and sensor noise. Known sheet corners."""

from __future__ import annotations

import cv2
import numpy as np

PAPER = (246, 246, 245)  # BGR: office paper under the tray light
TRAYS = {  # BGR
    "white": (243, 243, 241),  # a white laminate counter: 2-4 grey levels below the paper
    "cream": (205, 228, 238),
    "light_grey": (200, 200, 198),
    "grey": (150, 150, 150),
    "dark_grey": (70, 70, 72),
    "dark_blue": (105, 62, 40),
}


def tray_scene(
    tray: tuple[int, int, int],
    seed: int = 0,
    size: tuple[int, int] = (1280, 720),
    noise: float = 3.0,
    sheet: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """(BGR frame, 4×2 sheet corners TL TR BR BL); ``sheet=False``: the empty tray."""
    rng = np.random.default_rng(seed)
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # the lamp: brighter on one side, by 5-12 %, in a random direction
    ang = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(ang) * (xx / w - 0.5) + np.sin(ang) * (yy / h - 0.5)) * rng.uniform(0.05, 0.12)
    light = (0.95 + ramp)[..., None]
    grain = cv2.GaussianBlur(rng.normal(0, 1.5, (h, w)).astype(np.float32), (0, 0), 6)[..., None]
    frame = np.asarray(tray, np.float32)[None, None, :] + grain
    # the sheet: A4 upright or across, 45-60 % of the frame's height on its long side, turned ±20°
    long_side = rng.uniform(0.45, 0.6) * h * (1.414 if rng.random() < 0.5 else 1.0)
    sw, sh = (long_side / 1.414, long_side) if rng.random() < 0.5 else (long_side, long_side / 1.414)
    sw, sh = min(sw, 0.8 * w), min(sh, 0.85 * h)
    cx, cy = w / 2 + rng.uniform(-0.12, 0.12) * w, h / 2 + rng.uniform(-0.08, 0.08) * h
    rot = cv2.getRotationMatrix2D((0, 0), rng.uniform(-20, 20), 1.0)[:, :2]
    base = np.array([[-sw / 2, -sh / 2], [sw / 2, -sh / 2], [sw / 2, sh / 2], [-sw / 2, sh / 2]])
    corners = (base @ rot.T + (cx, cy)).astype(np.float32)
    corners += rng.normal(0, 4, corners.shape).astype(np.float32)  # a touch of perspective
    mask = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(mask, np.round(corners * 16).astype(np.int32), 255, cv2.LINE_AA, 4)
    alpha = (mask.astype(np.float32) / 255.0)[..., None] * (1.0 if sheet else 0.0)
    paper = np.asarray(PAPER, np.float32)[None, None, :] + grain * 0.3
    frame = (frame * (1 - alpha) + paper * alpha) * light
    frame = cv2.GaussianBlur(frame, (0, 0), 1.0)
    frame += rng.normal(0, noise, frame.shape)
    return np.clip(frame, 0, 255).astype(np.uint8), corners
