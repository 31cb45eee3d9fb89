"""What the ninth set's webcam does to the light the renderer hands it.

Defocus from the depth buffer (thin lens), motion blur of whatever is lifted off the tray (a
hand, a held document), vignetting, auto-exposure, white balance, shot and read noise, the
webcam's sharpening, and JPEG or a downscaled low-bitrate stream. None of it moves a pixel's
position on average, so the renderer's corners stay the truth.
"""

from __future__ import annotations

import cv2
import numpy as np

from bench.datasets.ninth_render import Rendered
from bench.datasets.ninth_scene import CameraSpec, Look

cv2.setNumThreads(1)

#: A 1080p webcam's lens: about 3.6 mm at f/2.
APERTURE_MM = 1.8


def srgb_to_linear(x: np.ndarray) -> np.ndarray:
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return np.where(x <= 0.0031308, x * 12.92, 1.055 * np.power(x, 1 / 2.4) - 0.055)


def tray_depth(cam: CameraSpec, width: int, height: int) -> np.ndarray:
    """Each pixel's depth (along the view axis) of the tray's plane z = 0."""
    pos, focal, up = (np.asarray(v, float) for v in (cam.position, cam.focal, cam.up))
    fwd = focal - pos
    fwd /= np.linalg.norm(fwd)
    right = np.cross(fwd, up)
    right /= np.linalg.norm(right)
    true_up = np.cross(right, fwd)
    f_px = (height / 2) / np.tan(np.radians(cam.view_angle) / 2)
    xs = (np.arange(width) + 0.5 - width / 2) / f_px
    ys = (height / 2 - np.arange(height) - 0.5) / f_px
    rz = fwd[2] + xs[None, :] * right[2] + ys[:, None] * true_up[2]
    with np.errstate(divide="ignore"):
        t = np.where(rz < -1e-6, -pos[2] / rz, np.inf)
    return t.astype(np.float32)  # rays are (fwd + ...), so t is the depth along fwd


def _defocus(lin: np.ndarray, depth: np.ndarray, cam: CameraSpec, look: Look, focus: float) -> np.ndarray:
    h, w = depth.shape
    f_px = (h / 2) / np.tan(np.radians(cam.view_angle) / 2)
    d = np.where(np.isfinite(depth), depth, 3000.0)
    sigma = APERTURE_MM * look.aperture * f_px * np.abs(d - focus) / (d * focus) / 2.0
    levels = np.array([0.0, 0.6, 1.2, 2.4, 4.8]) * w / 1920
    sigma = np.clip(sigma, 0, levels[-1])
    out = lin.copy()
    prev = lin
    for lo, hi in zip(levels[:-1], levels[1:], strict=True):
        blurred = cv2.GaussianBlur(lin, (0, 0), hi)
        wgt = np.clip((sigma - lo) / (hi - lo), 0, 1)[..., None]
        band = (sigma > lo)[..., None]
        out = np.where(band, prev * (1 - wgt) + blurred * wgt, out)
        prev = blurred
    return out


def _motion(lin: np.ndarray, moving: np.ndarray, length: float, angle: float) -> np.ndarray:
    n = max(3, int(round(length)) | 1)
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    for t in np.linspace(-length / 2, length / 2, 4 * n):
        k[int(round(c + t * dy)) % n, int(round(c + t * dx)) % n] = 1
    k /= k.sum()
    smeared = cv2.filter2D(lin, -1, k)
    mask = cv2.filter2D(moving.astype(np.float32), -1, k)[..., None]
    return lin * (1 - mask) + smeared * mask


def develop(r: Rendered, cam: CameraSpec, look: Look, rng: np.random.Generator) -> np.ndarray:
    """The frame as the webcam delivers it: BGR uint8."""
    h, w = r.depth.shape
    lin = srgb_to_linear(r.rgb.astype(np.float32) / 255.0).astype(np.float32)
    plane = tray_depth(cam, w, h)
    centre = plane[h // 2 - h // 8 : h // 2 + h // 8, w // 2 - w // 8 : w // 2 + w // 8]
    focus = float(np.median(centre[np.isfinite(centre)])) - look.focus_offset
    lin = _defocus(lin, r.depth, cam, look, focus)
    if look.motion_px > 0.5:
        lifted = r.depth < plane - 3.0
        lin = _motion(lin, lifted, look.motion_px * w / 1920, look.motion_angle)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rr = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / ((w / 2) ** 2 + (h / 2) ** 2)
    lin *= (1 - look.vignette * rr)[..., None]
    lum = lin @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    metered = float(lum[h // 5 : 4 * h // 5, w // 5 : 4 * w // 5].mean())
    lin *= np.clip(0.2 * look.exposure / max(metered, 1e-4), 0.2, 12.0)
    lin *= np.array(look.white_balance, np.float32)
    noise_var = lin * (look.gain / 4000.0) + (look.noise * look.gain) ** 2
    noise = rng.standard_normal(lin.shape).astype(np.float32)
    noise = cv2.GaussianBlur(noise, (0, 0), 0.6) * 1.6  # demosaicing spreads the noise a little
    lin = lin + noise * np.sqrt(noise_var)
    out = linear_to_srgb(lin).astype(np.float32)
    soft = cv2.GaussianBlur(out, (0, 0), 1.2 * w / 1920)
    out = np.clip(out + look.sharpen * (out - soft), 0, 1)
    bgr = (out[..., ::-1] * 255 + 0.5).astype(np.uint8)
    return _encode(bgr, look)


def _encode(bgr: np.ndarray, look: Look) -> np.ndarray:
    h, w = bgr.shape[:2]
    if look.stream_scale < 1.0:
        small = cv2.resize(
            bgr, (round(w * look.stream_scale), round(h * look.stream_scale)), interpolation=cv2.INTER_AREA
        )
        ok, buf = cv2.imencode(
            ".jpg",
            small,
            [
                cv2.IMWRITE_JPEG_QUALITY,
                look.jpeg_quality,
                cv2.IMWRITE_JPEG_SAMPLING_FACTOR,
                cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420,
            ],
        )
        assert ok
        decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        assert decoded is not None
        return cv2.resize(decoded, (w, h), interpolation=cv2.INTER_LINEAR)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, look.jpeg_quality])
    assert ok
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    return decoded
