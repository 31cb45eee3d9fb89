"""The camera of the blind set: a pinhole with radial/tangential lens distortion, looking at a desk.

World frame: the desk is the plane Z = 0, X to the right and Y "down" as rows of a picture lying
on it, so Z points *into* the desk and the camera sits at negative Z (right-handed, no mirror).
Rendering goes backwards (every frame pixel → undistorted ray → point on a surface), while
ground truth goes forwards (``cv2.projectPoints`` of the 3-D corners with the same K and
distortion): the two only meet through the camera model, which is what the tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

_GRID = 8  # undistortion is smooth: solve it every 8 px and interpolate (error ≪ 0.01 px)


@dataclass(frozen=True)
class Camera:
    K: np.ndarray  # 3×3 intrinsics
    dist: np.ndarray  # k1, k2, p1, p2, k3 (OpenCV order)
    R: np.ndarray  # world → camera rotation (rows: camera x, y, z axes in world coordinates)
    C: np.ndarray  # camera centre in world coordinates
    size: tuple[int, int]  # frame width, height

    def project(self, pts3d: np.ndarray) -> np.ndarray:
        """Frame pixel coordinates of world points (lens distortion included)."""
        rvec, _ = cv2.Rodrigues(self.R)
        tvec = -self.R @ self.C
        out, _ = cv2.projectPoints(
            np.asarray(pts3d, np.float64).reshape(-1, 1, 3), rvec, tvec, self.K, self.dist
        )
        return out.reshape(-1, 2)

    def rays(self) -> np.ndarray:
        """Unit-free world directions of the ray through every frame pixel, shape (H, W, 3)."""
        w, h = self.size
        xs = np.arange(0, w + _GRID, _GRID, dtype=np.float64)
        ys = np.arange(0, h + _GRID, _GRID, dtype=np.float64)
        gx, gy = np.meshgrid(xs, ys)
        pts = np.stack([gx, gy], -1).reshape(-1, 1, 2)
        crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 30, 1e-12)
        und = cv2.undistortPointsIter(pts, self.K, self.dist, None, None, crit).reshape(len(ys), len(xs), 2)
        # bilinear interpolation between the knots: the knot of pixel x sits at x / _GRID exactly
        mx = np.broadcast_to((np.arange(w, dtype=np.float32) / _GRID)[None, :], (h, w))
        my = np.broadcast_to((np.arange(h, dtype=np.float32) / _GRID)[:, None], (h, w))
        n = cv2.remap(
            und.astype(np.float32), np.ascontiguousarray(mx), np.ascontiguousarray(my), cv2.INTER_LINEAR
        )
        R = self.R.astype(np.float32)
        # world direction R^T (x, y, 1) of every pixel, one component at a time (float32: fast enough, 1e-4 px)
        return np.stack([n[..., 0] * R[0, k] + n[..., 1] * R[1, k] + R[2, k] for k in range(3)], -1)

    def hit_plane(self, rays: np.ndarray, z: float | np.ndarray = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """X, Y where each ray meets the horizontal plane Z = z (rays pointing away give NaN)."""
        cx, cy, cz = (float(v) for v in self.C)  # python floats keep the float32 rays float32
        t = (z - cz) / rays[..., 2]
        t = np.where(t > 0, t, np.float32(np.nan))
        return cx + t * rays[..., 0], cy + t * rays[..., 1]


def look_at(
    target: np.ndarray,
    distance: float,
    tilt_deg: float,
    azimuth_deg: float,
    roll_deg: float,
    focal: float,
    dist: np.ndarray,
    size: tuple[int, int],
    principal_offset: tuple[float, float] = (0.0, 0.0),
) -> Camera:
    """A camera ``distance`` mm from ``target``, its axis ``tilt_deg`` off the desk's normal."""
    t, a = np.radians(tilt_deg), np.radians(azimuth_deg)
    C = np.asarray(target, np.float64) + distance * np.array(
        [np.sin(t) * np.cos(a), np.sin(t) * np.sin(a), -np.cos(t)]
    )
    z = np.asarray(target, np.float64) - C
    z /= np.linalg.norm(z)
    up = np.array([0.0, 1.0, 0.0])  # picture rows go down the frame when the camera looks straight down
    y = up - (up @ z) * z
    if np.linalg.norm(y) < 1e-6:
        y = np.array([1.0, 0.0, 0.0]) - z[0] * z
    y /= np.linalg.norm(y)
    x = np.cross(y, z)
    r = np.radians(roll_deg)
    x, y = np.cos(r) * x + np.sin(r) * y, -np.sin(r) * x + np.cos(r) * y
    w, h = size
    K = np.array(
        [[focal, 0, w / 2 + principal_offset[0]], [0, focal, h / 2 + principal_offset[1]], [0, 0, 1.0]]
    )
    return Camera(K=K, dist=np.asarray(dist, np.float64), R=np.stack([x, y, z]), C=C, size=size)


def remap(texture: np.ndarray, mx: np.ndarray, my: np.ndarray, border: int) -> np.ndarray:
    """Sample ``texture`` at pixel coordinates (mx, my); NaNs (no hit) read as the border."""
    mx = np.nan_to_num(mx, nan=-1e5).astype(np.float32)
    my = np.nan_to_num(my, nan=-1e5).astype(np.float32)
    return cv2.remap(texture, mx, my, cv2.INTER_LINEAR, borderMode=border, borderValue=0)


def hit_heightfield(
    cam: Camera,
    rays: np.ndarray,
    to_local: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
    height: Callable[[np.ndarray, np.ndarray], np.ndarray],
    iterations: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """Local (u, v) where rays meet a gently bent sheet Z = height(u, v) (fixed-point iteration)."""
    z: float | np.ndarray = 0.0
    u = v = np.zeros(rays.shape[:2])
    for _ in range(iterations):
        X, Y = cam.hit_plane(rays, z)
        u, v = to_local(X, Y)
        z = height(np.nan_to_num(u), np.nan_to_num(v))
    return u, v
