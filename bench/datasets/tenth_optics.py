"""The document camera of the tenth set: LuxCore's perspective projection, and the sensor after it.

LuxCore's perspective camera spans its field of view across the image's longer side (its
screen window is [-1, 1] x [-h/w, h/w] for a landscape film) and its film is stored bottom row
first; `project` follows both, with pixel centres at integer coordinates (OpenCV's convention),
and the one-row offset the sentinel pages show (tenth_sentinel).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class CameraPose:
    eye: tuple[float, float, float]
    target: tuple[float, float, float]
    up: tuple[float, float, float]
    fov_deg: float  # across the longer image side
    width: int
    height: int
    lens_radius: float = 0.0
    focal_distance: float = 0.0

    def basis(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        eye, target, up = (np.asarray(v, float) for v in (self.eye, self.target, self.up))
        forward = target - eye
        forward /= np.linalg.norm(forward)
        right = np.cross(forward, up)
        right /= np.linalg.norm(right)
        return right, np.cross(right, forward), forward

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points (N, 3) to pixel coordinates (N, 2), pixel centres at integers."""
        right, up, forward = self.basis()
        d = np.asarray(points, float) - np.asarray(self.eye, float)
        z = d @ forward
        t = np.tan(np.radians(self.fov_deg) / 2)
        x, y = (d @ right) / (z * t), (d @ up) / (z * t)
        long_side = max(self.width, self.height)
        # the screen window's unit is half the longer side, in pixels
        half = long_side / 2
        px = self.width / 2 + x * half - 0.5
        # LuxCore 2.11's film lands one row lower than its screen window says (measured with
        # flat sentinel pages at 640x480 and 1600x1200: +1.0 px in y, 0.0 in x, at every pose)
        py = self.height / 2 - y * half - 0.5 + 1.0
        return np.column_stack([px, py]).astype(np.float32)

    def depth(self, points: np.ndarray) -> np.ndarray:
        _, _, forward = self.basis()
        return (np.asarray(points, float) - np.asarray(self.eye, float)) @ forward

    def luxcore_props(self) -> str:
        e, t, u = self.eye, self.target, self.up
        lines = [
            'scene.camera.type = "perspective"',
            f"scene.camera.lookat.orig = {e[0]:.6f} {e[1]:.6f} {e[2]:.6f}",
            f"scene.camera.lookat.target = {t[0]:.6f} {t[1]:.6f} {t[2]:.6f}",
            f"scene.camera.up = {u[0]:.6f} {u[1]:.6f} {u[2]:.6f}",
            f"scene.camera.fieldofview = {self.fov_deg:.6f}",
        ]
        if self.lens_radius > 0:
            lines += [
                f"scene.camera.lensradius = {self.lens_radius:.6f}",
                f"scene.camera.focaldistance = {self.focal_distance:.6f}",
            ]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Sensor:
    """What the webcam's pipeline does to the light: exposure, colour, blur, noise, compression."""

    exposure_key: float  # target of the 60th luminance percentile in linear light
    white_balance: tuple[float, float, float]  # per-channel gains (B, G, R)
    vignette: float  # fall-off at the corners, 0..0.5
    motion_px: float  # length of a linear motion blur
    motion_angle: float
    defocus_px: float  # extra Gaussian blur (sigma) beyond the renderer's own lens
    read_noise: float  # sigma in 8-bit units of the dark floor
    shot_noise: float  # scale of the signal-dependent noise
    sharpen: float  # unsharp-mask amount the webcam's ISP applies
    jpeg_quality: int  # 0 = no JPEG
    stream_blocks: bool  # a low-bitrate H.264-like stream: 16 px macroblocks, smeared chroma


def develop(linear_bgr: np.ndarray, sensor: Sensor, rng: np.random.Generator) -> np.ndarray:
    """Linear HDR BGR float (rows top first) to the camera's BGR uint8 frame."""
    img = linear_bgr.astype(np.float32)
    # auto white balance: most of the way to grey-world, then the camera's own bias
    means = img.reshape(-1, 3)[::7].mean(axis=0) + 1e-6
    awb = (means.mean() / means) ** 0.75
    img = img * (awb * np.asarray(sensor.white_balance, np.float32)).astype(np.float32)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / ((w / 2) ** 2 + (h / 2) ** 2)
    img *= (1 - sensor.vignette * r2)[..., None]
    lum = img @ np.array([0.114, 0.587, 0.299], np.float32)
    key = float(np.percentile(lum[::4, ::4], 60))
    img *= sensor.exposure_key / max(key, 1e-6)
    if sensor.defocus_px > 0.3:
        img = cv2.GaussianBlur(img, (0, 0), sensor.defocus_px)
    if sensor.motion_px >= 1.5:
        n = int(np.ceil(sensor.motion_px)) | 1
        kernel = np.zeros((n, n), np.float32)
        c = n // 2
        dx, dy = np.cos(sensor.motion_angle), np.sin(sensor.motion_angle)
        for s in np.linspace(-sensor.motion_px / 2, sensor.motion_px / 2, 4 * n):
            kernel[int(round(c + s * dy)), int(round(c + s * dx))] += 1
        img = cv2.filter2D(img, -1, kernel / kernel.sum())
    # shot noise in linear light, read noise after the tone curve, like a small sensor
    signal = np.clip(img, 0, None)
    img = signal + rng.normal(0, 1, img.shape).astype(np.float32) * np.sqrt(
        signal * sensor.shot_noise / 255.0
    )
    img = np.clip(img, 0, 1)
    srgb = np.where(img <= 0.0031308, 12.92 * img, 1.055 * np.power(img, 1 / 2.4) - 0.055) * 255
    srgb += rng.normal(0, sensor.read_noise, srgb.shape).astype(np.float32)
    if sensor.sharpen > 0:
        soft = cv2.GaussianBlur(srgb, (0, 0), 1.2)
        srgb = srgb + sensor.sharpen * (srgb - soft)
    out = np.clip(srgb + 0.5, 0, 255).astype(np.uint8)
    if sensor.stream_blocks:
        out = _stream(out, rng)
    if sensor.jpeg_quality > 0:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, sensor.jpeg_quality])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out


def _stream(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Coarse quantisation of 16 px macroblocks' DCT, 4:2:0 chroma: what a 1 Mbit/s stream leaves."""
    ycc = cv2.cvtColor(img, cv2.COLOR_BGR2YCrCb).astype(np.float32)
    h, w = img.shape[:2]
    q = float(rng.uniform(18, 40))
    luma = ycc[..., 0]
    for y in range(0, h - 15, 16):
        for x in range(0, w - 15, 16):
            block = cv2.dct(luma[y : y + 16, x : x + 16] - 128)
            fy, fx = np.mgrid[0:16, 0:16]
            step = q * (1 + (fx + fy) / 4)
            luma[y : y + 16, x : x + 16] = cv2.idct(np.round(block / step) * step) + 128
    small = cv2.resize(ycc[..., 1:], (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    ycc[..., 1:] = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.cvtColor(np.clip(ycc, 0, 255).astype(np.uint8), cv2.COLOR_YCrCb2BGR)
