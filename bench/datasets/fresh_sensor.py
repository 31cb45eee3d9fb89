"""From light on the sensor to the JPEG a kiosk camera streams: optics, Bayer sensor, ISP.

The order follows a real camera: the lens blurs and splits colours (lateral chromatic
aberration, a radial scale of red and blue about the principal point), auto-exposure sets a
gain (and sometimes gets it wrong), the colour filter array keeps one channel per photosite,
photon (shot) and read noise are added in that raw domain, the white balance is estimated
badly, the raw is clipped and quantised to 12 bits, demosaiced by OpenCV, tone-mapped with a
gamma + shoulder curve, sharpened as ISPs do, and compressed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Develop:
    blur_sigma: float = 0.6  # the lens's own softness, px
    defocus_radius: float = 0.0  # a disc, px
    motion: tuple[float, float] = (0.0, 0.0)  # length px, angle degrees
    chroma: float = 0.0  # lateral CA: red scaled by 1 + chroma, blue by 1 - chroma
    exposure: float = 1.0  # gain after auto exposure (1 = well exposed)
    wb: tuple[float, float, float] = (1.0, 1.0, 1.0)  # residual white-balance error, B G R
    shot: float = 0.004  # variance per unit signal (photon noise)
    read: float = 0.003  # read noise σ, fraction of full scale
    demosaic: str = "bilinear"  # or "edge"
    sharpen: float = 0.4
    jpeg: int = 90


def _disc(radius: float) -> np.ndarray:
    r = int(np.ceil(radius))
    y, x = np.mgrid[-r : r + 1, -r : r + 1]
    k = np.clip(radius + 0.5 - np.sqrt(x * x + y * y), 0, 1).astype(np.float32)
    return k / k.sum()


def _line(length: float, angle: float) -> np.ndarray:
    n = int(np.ceil(length)) | 1
    k = np.zeros((n, n), np.float32)
    c = n // 2
    dx, dy = np.cos(np.radians(angle)) * length / 2, np.sin(np.radians(angle)) * length / 2
    cv2.line(
        k,
        (int(round((c - dx) * 16)), int(round((c - dy) * 16))),
        (int(round((c + dx) * 16)), int(round((c + dy) * 16))),
        1.0,
        1,
        cv2.LINE_AA,
        4,
    )
    return k / max(k.sum(), 1e-6)


def _radial_scale(ch: np.ndarray, scale: float, cx: float, cy: float) -> np.ndarray:
    M = np.array([[scale, 0, (1 - scale) * cx], [0, scale, (1 - scale) * cy]], np.float32)
    return cv2.warpAffine(
        ch, M, (ch.shape[1], ch.shape[0]), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
    )


_TONE: np.ndarray | None = None


def _tone_lut() -> np.ndarray:
    """12-bit linear → 8-bit display: sRGB-like gamma with a soft shoulder near white."""
    global _TONE
    if _TONE is None:
        x = np.linspace(0, 1, 4096)
        g = np.where(x < 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)
        g = g + 0.06 * np.sin(np.pi * g) * (g - 0.5)  # a mild S: deeper shadows, rolled-off highlights
        _TONE = np.clip(np.round(g * 255), 0, 255).astype(np.uint8)
    return _TONE


def develop(
    linear: np.ndarray, d: Develop, rng: np.random.Generator, principal: tuple[float, float]
) -> np.ndarray:
    """Linear scene radiance (float32 BGR, 1.0 ≈ white paper well lit) → BGR uint8 frame."""
    img = linear
    if d.blur_sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), d.blur_sigma)
    if d.defocus_radius > 0.6:
        img = cv2.filter2D(img, -1, _disc(d.defocus_radius), borderType=cv2.BORDER_REFLECT)
    if d.motion[0] > 1.5:
        img = cv2.filter2D(img, -1, _line(*d.motion), borderType=cv2.BORDER_REFLECT)
    b, g, r = cv2.split(img)
    if abs(d.chroma) > 1e-5:
        cx, cy = principal
        r = _radial_scale(r, 1 + d.chroma, cx, cy)
        b = _radial_scale(b, 1 - d.chroma, cx, cy)
    h, w = g.shape
    # BGGR colour filter array: one colour per photosite
    raw = np.empty((h, w), np.float32)
    raw[0::2, 0::2] = b[0::2, 0::2] * (d.exposure * d.wb[0])
    raw[0::2, 1::2] = g[0::2, 1::2] * (d.exposure * d.wb[1])
    raw[1::2, 0::2] = g[1::2, 0::2] * (d.exposure * d.wb[1])
    raw[1::2, 1::2] = r[1::2, 1::2] * (d.exposure * d.wb[2])
    np.maximum(raw, 0, out=raw)
    sigma = cv2.sqrt(cv2.add(cv2.multiply(raw, d.shot), d.read * d.read))
    raw += sigma * rng.standard_normal((h, w), dtype=np.float32)
    # clipped at full well, quantised to 12 bits (convertTo saturates and rounds)
    raw16 = cv2.multiply(raw, 4095.0).astype(np.float32)
    raw16 = np.clip(raw16, 0, 4095, out=raw16).astype(np.uint16)
    code = cv2.COLOR_BayerRG2BGR_EA if d.demosaic == "edge" else cv2.COLOR_BayerRG2BGR
    # OpenCV names the pattern by the 2×2 block starting at the second row/column: BGGR is "RG"
    rgb16 = cv2.cvtColor(raw16, code)
    out = np.take(_tone_lut(), np.minimum(rgb16, 4095))
    if d.sharpen > 0:
        soft = cv2.GaussianBlur(out, (0, 0), 1.2)
        out = cv2.addWeighted(out, 1 + d.sharpen, soft, -d.sharpen, 0)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(d.jpeg)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)
