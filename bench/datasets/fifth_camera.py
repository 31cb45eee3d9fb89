"""The fifth set's camera: where it stands, its lens, and what its sensor does to the light.

The pose and intrinsics are an OpenCV pinhole (no distortion), the very matrices the ground
truth projects with. The rendered frame comes in as linear radiance with a depth per pixel,
and :func:`develop` turns it into the JPEG a document camera would send: thin-lens defocus from
the depth (the focus falls off above and below the tray), camera shake, cos⁴ vignetting,
auto-exposure, white balance, shot and read noise, a tone curve, sharpening and JPEG.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from bench.datasets.fifth_gl import View


def intrinsics(rng: np.random.Generator, width: int, height: int, hfov_deg: float) -> np.ndarray:
    f = width / 2 / np.tan(np.radians(hfov_deg) / 2)
    cx = (width - 1) / 2 + rng.uniform(-0.02, 0.02) * width
    cy = (height - 1) / 2 + rng.uniform(-0.02, 0.02) * height
    return np.array([[f, 0, cx], [0, f * rng.uniform(0.998, 1.002), cy], [0, 0, 1.0]])


def look_at(
    position: np.ndarray, target: np.ndarray, up_hint: np.ndarray, roll: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """World→camera (R, t), OpenCV axes: x right, y down, z forward; ``up_hint`` shows up."""
    z = target - position
    z = z / np.linalg.norm(z)
    y = -(up_hint - z * up_hint.dot(z))
    y /= np.linalg.norm(y)
    x = np.cross(y, z)
    r = np.stack([x, y, z])
    c, s = np.cos(roll), np.sin(roll)
    r = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]]) @ r
    return r, -r @ position


@dataclass
class Develop:
    """How the sensor and the image pipeline treat one frame."""

    exposure: float = 1.0  # × the auto-exposure
    wb: tuple[float, float, float] = (1.0, 1.0, 1.0)  # gains on R, G, B (a white-balance error)
    aperture: float = 0.0015  # lens aperture diameter (m): the defocus blur off the focus plane
    focus: float = 0.35  # focus distance (m)
    motion: float = 0.0  # length of the shake (px)
    motion_angle: float = 0.0
    vignette: float = 1.0  # 1: the lens' natural cos⁴ fall-off; more: a cheaper lens
    shot: float = 0.004  # shot-noise variance per unit of signal
    read: float = 0.004  # read-noise σ (fraction of full scale)
    jpeg: int = 90
    sharpen: float = 0.4


def _disc(radius: float) -> np.ndarray:
    r = int(np.ceil(radius))
    y, x = np.mgrid[-r : r + 1, -r : r + 1]
    k = np.clip(radius + 0.5 - np.sqrt(x * x + y * y), 0, 1).astype(np.float32)
    return k / k.sum()


def _defocus(img: np.ndarray, coc: np.ndarray) -> np.ndarray:
    """Blur each pixel by a disc of its own circle-of-confusion radius (a blend between a stack)."""
    top = float(np.percentile(coc[::4, ::4], 99.5))
    if top < 0.35:
        return img
    radii = [0.0] + [r for r in (0.5, 1.0, 2.0, 3.5, 5.5, 8.0, 12.0) if r < top * 1.5 + 0.5]
    layers = [img] + [cv2.filter2D(img, -1, _disc(r), borderType=cv2.BORDER_REFLECT) for r in radii[1:]]
    out = np.zeros_like(img)
    c = np.clip(coc, 0, radii[-1])
    for k in range(len(radii) - 1):
        lo, hi = radii[k], radii[k + 1]
        w = np.clip(1 - np.abs(c - lo) / (hi - lo), 0, 1) if k > 0 else np.clip(1 - c / hi, 0, 1)
        out += layers[k] * w[..., None]
    w_last = np.clip((c - radii[-2]) / (radii[-1] - radii[-2]), 0, 1)
    out += layers[-1] * w_last[..., None]
    return out


def _motion(img: np.ndarray, length: float, angle: float) -> np.ndarray:
    if length < 1:
        return img
    n = int(np.ceil(length)) | 1
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = np.cos(angle) * length / 2, np.sin(angle) * length / 2
    cv2.line(
        k,
        (int(round(c - dx)), int(round(c - dy))),
        (int(round(c + dx)), int(round(c + dy))),
        1.0,
        1,
        cv2.LINE_AA,
    )
    return cv2.filter2D(img, -1, k / k.sum(), borderType=cv2.BORDER_REFLECT)


def _tone_curve(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0, None)
    x = x * (1 + x / 4.0) / (1 + x)  # a soft shoulder, so highlights roll off before clipping
    x = np.clip(x / 0.625, 0, 1)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)


_LUT_MAX = 2.0
_LUT = _tone_curve(np.linspace(0, _LUT_MAX, 8192)).astype(np.float32)


def _tone(x: np.ndarray) -> np.ndarray:
    """The tone curve (shoulder, then sRGB) through a fine look-up table: it is most of a frame's cost otherwise."""
    idx = np.clip(x * np.float32((len(_LUT) - 1) / _LUT_MAX), 0, len(_LUT) - 1).astype(np.int32)
    return _LUT[idx]


def develop(
    rgb: np.ndarray, depth: np.ndarray, view: View, p: Develop, rng: np.random.Generator
) -> np.ndarray:
    """The camera's JPEG, decoded, as BGR uint8."""
    h, w = depth.shape
    img = rgb.astype(np.float32)
    fpx = float(view.K[0, 0])
    z = np.where(depth > 0, depth, view.far).astype(np.float32)
    coc = 0.5 * p.aperture * fpx * np.abs(1 / z - 1 / p.focus)  # the radius of the blur disc (px)
    img = _defocus(img, coc)
    img = _motion(img, p.motion, p.motion_angle)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((x - view.K[0, 2]) ** 2 + (y - view.K[1, 2]) ** 2) / fpx**2
    img *= ((1 / (1 + r2) ** 2) ** (0.35 * p.vignette))[..., None]  # cos⁴ in part: the lens corrects the rest
    # auto-exposure on the centre-weighted mean, as a camera's metering does
    lum = img[::4, ::4] @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    xs, ys = x[::4, ::4], y[::4, ::4]
    weight = np.exp(-(((xs - w / 2) / (0.35 * w)) ** 2 + ((ys - h / 2) / (0.35 * h)) ** 2))
    mean = float((lum * weight).sum() / weight.sum())
    img *= np.float32(0.22 / max(mean, 1e-4) * p.exposure)
    img *= np.array(p.wb, np.float32)
    sigma = np.sqrt(np.clip(img, 0, None) * p.shot + p.read**2)
    noise = rng.standard_normal(img.shape, dtype=np.float32) * sigma
    noise += rng.standard_normal((h, w, 1), dtype=np.float32) * sigma * 0.5  # luma-correlated
    img = img + noise
    out = _tone(img)
    if p.sharpen > 0:
        soft = cv2.GaussianBlur(out, (0, 0), 1.2)
        out = out + p.sharpen * (out - soft)
    bgr = np.clip(out[..., ::-1] * 255 + 0.5, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(p.jpeg)])
    assert ok
    decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    return decoded
