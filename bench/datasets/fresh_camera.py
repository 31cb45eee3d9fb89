"""The camera of the fresh document set: a lens whose model runs from the sensor to the scene.

Most synthetic sets distort forwards (ideal point → distorted pixel) and have to invert that
for every pixel they render. Here the lens is written the other way round, as a *division
model* (Fitzgibbon 2001) plus decentring terms, rolling-shutter drift and a principal point
off the centre: every sensor pixel says directly where its ray goes, so rendering needs no
iteration at all. Only the ground truth (four corners) goes forwards, by Newton's method on
the very same function, to 1e-6 px.

World: millimetres on the counter; X right, Y towards the customer, Z *into* the counter (so
heights above it are negative and a camera looking straight down has R = identity).

A scene is a list of planar layers (texture, origin, per-texel axes in 3-D); a bent sheet is
several planar facets. Each layer reaches the frame through one homography composed with the
lens map, sampled with ``cv2.remap`` inside the layer's own bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

STEP = 4  # lens and layer maps are computed every STEP pixels, then interpolated


@dataclass(frozen=True)
class Lens:
    """Sensor pixel → ideal (pinhole) pixel: division-model radial terms, decentring, rolling shutter."""

    lam1: float = 0.0  # division model: < 0 is barrel distortion
    lam2: float = 0.0
    q1: float = 0.0  # decentring (tangential) terms, in the inverse direction
    q2: float = 0.0
    shutter: tuple[float, float] = (0.0, 0.0)  # drift (normalised units) from the first row to the last


@dataclass
class Camera:
    width: int
    height: int
    f: float
    cx: float
    cy: float
    R: np.ndarray  # world → camera rotation (rows: image x, image y, optical axis)
    C: np.ndarray  # centre of projection, world mm
    lens: Lens = field(default_factory=Lens)
    _ideal: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    # -- the lens, sensor → ideal ------------------------------------------------------------
    def ideal_of(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where the ray of sensor pixel (u, v) would land on an ideal pinhole sensor."""
        ln = self.lens
        x = (u - self.cx) / self.f
        y = (v - self.cy) / self.f
        r2 = x * x + y * y
        s = 1.0 / (1.0 + ln.lam1 * r2 + ln.lam2 * r2 * r2)
        xu = x * s + 2 * ln.q1 * x * y + ln.q2 * (r2 + 2 * x * x)
        yu = y * s + ln.q1 * (r2 + 2 * y * y) + 2 * ln.q2 * x * y
        # rows are read out one after another while a hand-held camera turns
        t = v / self.height - 0.5
        xu = xu + ln.shutter[0] * t
        yu = yu + ln.shutter[1] * t
        return xu * self.f + self.cx, yu * self.f + self.cy

    def ideal_map(self) -> tuple[np.ndarray, np.ndarray]:
        """The lens map on a grid of every STEP-th pixel, placed so ``cv2.resize`` by STEP is exact.

        cv2.resize samples destination pixel x at source coordinate (x + 0.5)/STEP - 0.5, so
        grid node k stands for sensor pixel STEP·k + (STEP - 1)/2. Bilinear interpolation of
        this smooth map between nodes 4 px apart is off by less than 0.01 px.
        """
        if self._ideal is None:
            off = (STEP - 1) / 2
            v, u = np.mgrid[0 : self.height // STEP, 0 : self.width // STEP].astype(np.float64) * STEP + off
            iu, iv = self.ideal_of(u, v)
            self._ideal = (iu, iv)
        return self._ideal

    def sensor_of(self, ideal: np.ndarray, strict: bool = True) -> np.ndarray:
        """Inverse of :meth:`ideal_of` for a few points (Newton, numeric Jacobian)."""
        target = np.array(ideal, dtype=np.float64).reshape(-1, 2)
        out = target.copy()
        h = 1e-3
        for _ in range(80):
            p = np.stack(self.ideal_of(out[:, 0], out[:, 1]), 1)
            r = p - target
            if np.abs(r).max() < 1e-8:
                break
            du = (np.stack(self.ideal_of(out[:, 0] + h, out[:, 1]), 1) - p) / h
            dv = (np.stack(self.ideal_of(out[:, 0], out[:, 1] + h), 1) - p) / h
            det = du[:, 0] * dv[:, 1] - dv[:, 0] * du[:, 1]
            det = np.where(np.abs(det) < 1e-9, 1e-9, det)
            step_u = (dv[:, 1] * r[:, 0] - dv[:, 0] * r[:, 1]) / det
            step_v = (-du[:, 1] * r[:, 0] + du[:, 0] * r[:, 1]) / det
            out -= np.clip(np.stack([step_u, step_v], 1), -500, 500)
        err = np.abs(np.stack(self.ideal_of(out[:, 0], out[:, 1]), 1) - target).max()
        if strict and not err < 1e-5:
            raise ArithmeticError("lens model did not invert: distortion too strong for this point")
        return out

    # -- the pinhole -------------------------------------------------------------------------
    @property
    def K(self) -> np.ndarray:
        return np.array([[self.f, 0, self.cx], [0, self.f, self.cy], [0, 0, 1.0]])

    def to_ideal(self, pts: np.ndarray) -> np.ndarray:
        """World points (N×3) → ideal pixels (N×2); raises if a point is behind the camera."""
        pc = (np.asarray(pts, float).reshape(-1, 3) - self.C) @ self.R.T
        if (pc[:, 2] <= 1e-6).any():
            raise ValueError("point behind the camera")
        return np.stack([self.f * pc[:, 0] / pc[:, 2] + self.cx, self.f * pc[:, 1] / pc[:, 2] + self.cy], 1)

    def project(self, pts: np.ndarray) -> np.ndarray:
        """World points → sensor pixels through pinhole and lens: the ground truth path."""
        return self.sensor_of(self.to_ideal(pts))

    def desk_point(self, ideal: np.ndarray) -> np.ndarray:
        """Ideal pixels → the point of the counter (Z = 0) they see."""
        d = np.stack(
            [(ideal[:, 0] - self.cx) / self.f, (ideal[:, 1] - self.cy) / self.f, np.ones(len(ideal))], 1
        )
        dw = d @ self.R  # camera → world directions
        t = -self.C[2] / dw[:, 2]
        return self.C + dw * t[:, None]


def look_down(
    width: int,
    height: int,
    hfov_deg: float,
    target: np.ndarray,
    distance: float,
    tilt_deg: float,
    azimuth_deg: float,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Rotation, centre and focal length of a camera aimed at ``target`` from ``distance`` mm."""
    th, ph = np.radians(tilt_deg), np.radians(azimuth_deg)
    F = np.array([np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)])
    x = np.array([1.0, 0, 0]) - F[0] * F
    x /= np.linalg.norm(x)
    y = np.cross(F, x)
    R = np.stack([x, y, F])
    f = (width / 2) / np.tan(np.radians(hfov_deg) / 2)
    return R, np.asarray(target, float) - distance * F, float(f)


@dataclass
class Layer:
    """A planar, premultiplied RGBA texture; texel (s, t) sits at ``origin + s·a + t·b`` (world mm)."""

    tex: np.ndarray  # H×W×4 uint8, premultiplied alpha
    origin: np.ndarray
    a: np.ndarray
    b: np.ndarray
    shade: float = 1.0  # light falling on this facet relative to a flat sheet

    def corners3d(self) -> np.ndarray:
        h, w = self.tex.shape[:2]
        o, a, b = self.origin, self.a, self.b
        return np.array([o, o + a * w, o + a * w + b * h, o + b * h])

    def homography(self, cam: Camera) -> np.ndarray:
        return cam.K @ cam.R @ np.stack([self.a, self.b, self.origin - cam.C], 1)


def _roi(cam: Camera, layer: Layer) -> tuple[int, int, int, int] | None:
    """Bounding box of the layer in the frame: its outline sampled and run through the lens."""
    h, w = layer.tex.shape[:2]
    s = np.linspace(0, 1, 9)
    edge = np.concatenate(
        [
            np.stack([s * w, 0 * s], 1),
            np.stack([w + 0 * s, s * h], 1),
            np.stack([s * w, h + 0 * s], 1),
            np.stack([0 * s, s * h], 1),
        ]
    )
    pts = layer.origin + edge[:, :1] * layer.a + edge[:, 1:] * layer.b
    try:
        sensor = cam.sensor_of(cam.to_ideal(pts))
    except (ValueError, ArithmeticError):
        return 0, 0, cam.width, cam.height
    x0, y0 = sensor.min(0)
    x1, y1 = sensor.max(0)
    # straight edges bow between the sampled points: a few pixels of margin
    pad = 0.01 * max(x1 - x0, y1 - y0) + 4
    x0, y0, x1, y1 = int(x0 - pad), int(y0 - pad), int(x1 + pad) + 1, int(y1 + pad) + 1
    # aligned to the coarse grid so the interpolated maps line up with the full-frame ones
    x0, y0 = max(x0 // STEP * STEP, 0), max(y0 // STEP * STEP, 0)
    x1, y1 = min(-(-x1 // STEP) * STEP, cam.width), min(-(-y1 // STEP) * STEP, cam.height)
    if x0 >= x1 or y0 >= y1:
        return None
    return x0, y0, x1, y1


def render_layer(
    cam: Camera, layer: Layer, full_roi: bool = False
) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """The layer as seen by the camera: premultiplied float32 RGBA over its box, and the box."""
    box = (0, 0, cam.width, cam.height) if full_roi else _roi(cam, layer)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    iu, iv = cam.ideal_map()
    U, V = (
        iu[y0 // STEP : y1 // STEP, x0 // STEP : x1 // STEP],
        iv[y0 // STEP : y1 // STEP, x0 // STEP : x1 // STEP],
    )
    Hm = layer.homography(cam)
    Hi = np.linalg.inv(Hm)
    w = Hi[2, 0] * U + Hi[2, 1] * V + Hi[2, 2]
    w = np.where(np.abs(w) < 1e-12, 1e-12, w)
    s = (Hi[0, 0] * U + Hi[0, 1] * V + Hi[0, 2]) / w
    t = (Hi[1, 0] * U + Hi[1, 1] * V + Hi[1, 2]) / w
    tex = layer.tex
    # texels per frame pixel: shrink the texture first so bilinear sampling does not alias
    th, tw = tex.shape[:2]
    quad = cv2.perspectiveTransform(np.array([[[0, 0], [tw, 0], [tw, th], [0, th]]], np.float64), Hm)[0]
    area = abs(cv2.contourArea(quad.astype(np.float32)))
    k = np.sqrt(tw * th / max(area, 1.0))
    if k > 1.4:
        nw, nh = max(2, int(round(tw / k))), max(2, int(round(th / k)))
        tex = cv2.resize(tex, (nw, nh), interpolation=cv2.INTER_AREA)
        s = s * (nw / tw)
        t = t * (nh / th)
    # (s, t) measure from the texture's outer edge; texel centres sit at half-integers
    size = (x1 - x0, y1 - y0)
    s = cv2.resize((s - 0.5).astype(np.float32), size, interpolation=cv2.INTER_LINEAR)
    t = cv2.resize((t - 0.5).astype(np.float32), size, interpolation=cv2.INTER_LINEAR)
    out = cv2.remap(tex, s, t, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    out = out.astype(np.float32) * (1 / 255)
    if layer.shade != 1.0:
        out[..., :3] *= layer.shade ** (1 / 2.2)
    return out, box


def composite(canvas: np.ndarray, cam: Camera, layer: Layer) -> None:
    """Paint a layer over the canvas (float32 BGR in [0, 1], sRGB-encoded) in place."""
    r = render_layer(cam, layer)
    if r is None:
        return
    px, (x0, y0, x1, y1) = r
    dst = canvas[y0:y1, x0:x1]
    # premultiplied "over": dst = src + (1 - α)·dst
    keep = cv2.merge([1 - px[..., 3]] * 3)
    dst[...] = cv2.add(px[..., :3], cv2.multiply(dst, keep))


def alpha_of(cam: Camera, layer: Layer) -> np.ndarray:
    """The layer's coverage over the whole frame (float32 0..1)."""
    out = np.zeros((cam.height, cam.width), np.float32)
    r = render_layer(cam, layer)
    if r is not None:
        px, (x0, y0, x1, y1) = r
        out[y0:y1, x0:x1] = px[..., 3]
    return out


def drop_to_counter(layer: Layer, light: np.ndarray) -> Layer:
    """The layer's shadow: every texel slid along the light direction down to Z = 0."""
    light = np.asarray(light, float)

    def slide(p: np.ndarray) -> np.ndarray:
        return p + light * (-p[2] / light[2])

    return Layer(layer.tex, slide(layer.origin), slide(layer.a), slide(layer.b))
