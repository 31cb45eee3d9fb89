"""A blind's shadow over a test scene: straight hard-edged stripes that dim the page and the desk alike."""

from __future__ import annotations

import math

import cv2
import numpy as np


def blinds(
    frame: np.ndarray,
    period: float,
    angle_deg: float,
    dark: float = 0.45,
    soft: float = 1.0,
    lit: float = 0.5,
) -> np.ndarray:
    """``frame`` under a blind: stripes ``period`` px apart across ``angle_deg``, the shadowed ones at ``dark`` of the light."""
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = math.radians(angle_deg)
    t = xx * math.cos(a) + yy * math.sin(a)
    light = (np.mod(t / period, 1.0) < lit).astype(np.float32)
    if soft > 0:
        light = cv2.GaussianBlur(light, (0, 0), soft)
    gain = light + (1 - light) * dark
    return np.clip(frame.astype(np.float32) * gain[..., None], 0, 255).astype(np.uint8)
