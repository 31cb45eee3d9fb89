"""What the kiosk's camera does to the path-traced light: exposure, sensor noise, shake, JPEG.

The renderer gives linear radiance; a camera meters it (auto-exposure on a high percentile),
adds shot and read noise in linear light, applies its sRGB curve and compresses. Focus blur is
not here: the renderer's thin lens makes it. Motion blur is a line kernel (the renderer has
no moving shapes).
"""

from __future__ import annotations

import cv2
import numpy as np


def develop(
    linear: np.ndarray,
    rng: np.random.Generator,
    exposure: float = 1.0,
    noise: float = 0.004,
    motion_px: float = 0.0,
    jpeg_quality: int = 92,
) -> np.ndarray:
    """Linear RGB (H, W, 3) -> BGR uint8 as the camera would deliver it."""
    img = np.nan_to_num(linear.astype(np.float32), nan=0.0, posinf=4.0)
    # a path tracer at a few samples per pixel leaves fireflies (rare paths through glass and
    # glossy coats) and grain: a median clamp, then a non-local-means pass of our own
    med = cv2.medianBlur(img, 5)
    lum = img @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    lum_med = med @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    firefly = lum > 2.0 * lum_med + 0.03
    img[firefly] = med[firefly]
    # auto-exposure: a mid-grey average unless that would blow out the brightest 1 %
    scale = min(0.2 / (float(lum_med.mean()) + 1e-4), 0.92 / (float(np.percentile(lum_med, 99)) + 1e-4))
    img = np.clip(img * scale, 0, 1)
    srgb8 = np.clip(_oetf(img) * 255 + 0.5, 0, 255).astype(np.uint8)
    srgb8 = cv2.fastNlMeansDenoisingColored(srgb8, None, 4, 4, 5, 13)
    img = _eotf(srgb8.astype(np.float32) / 255) * exposure
    if motion_px > 0:
        k = int(max(3, round(motion_px)))
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), float(rng.uniform(0, 180)), 1.0)
        kernel = cv2.warpAffine(kernel, rot, (k, k))
        kernel /= kernel.sum()
        img = cv2.filter2D(img, -1, kernel)
    shot = np.sqrt(np.clip(img, 0, None) * noise * 0.5)
    img = img + rng.standard_normal(img.shape).astype(np.float32) * (shot + noise * 0.5)
    img = np.clip(img, 0, 1)
    out = np.clip(_oetf(img) * 255 + 0.5, 0, 255).astype(np.uint8)[:, :, ::-1]
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def _oetf(x: np.ndarray) -> np.ndarray:
    return np.where(
        x <= 0.0031308, x * 12.92, 1.055 * np.power(np.clip(x, 0.0031308, None), 1 / 2.4) - 0.055
    ).astype(np.float32)


def _eotf(x: np.ndarray) -> np.ndarray:
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4).astype(np.float32)
