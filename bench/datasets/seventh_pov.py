"""POV-Ray for the seventh document set: the camera (written out as explicit vectors, so the
ground truth projects with the very numbers the ray tracer uses), poses, and the render call.

Units are millimetres. The tray is the plane z = 0, the camera looks down from z > 0. A
document's local frame has x along its printed width and y up its printed height (an
``image_map`` puts the picture's top row at y = 1), so its top-left corner is (0, h, top).
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

WIDTH, HEIGHT = 1280, 960


class RendererMissing(RuntimeError):
    """POV-Ray is not installed."""


@dataclass(frozen=True)
class Camera:
    location: np.ndarray  # (3,)
    forward: np.ndarray  # unit, POV-Ray's ``direction``
    right: np.ndarray  # scaled: the whole image width at unit distance
    up: np.ndarray  # scaled: the whole image height at unit distance
    width: int
    height: int

    def pov(self) -> str:
        return (
            "camera { perspective "
            f"location {vec(self.location)} direction {vec(self.forward)} "
            f"right {vec(self.right)} up {vec(self.up)} }}\n"
        )

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points (N, 3) → pixel coordinates (N, 2), OpenCV's convention (pixel centres
        at integers). POV-Ray shoots ray D + x·R + y·U with x, y in [-0.5, 0.5], x = -0.5 at the
        left edge of the image and y = +0.5 at its top edge."""
        basis = np.stack([self.forward, self.right, self.up], axis=1)
        coeff = np.linalg.solve(basis, (np.asarray(points, float) - self.location).T).T
        x = coeff[:, 1] / coeff[:, 0]
        y = coeff[:, 2] / coeff[:, 0]
        u = (x + 0.5) * self.width - 0.5
        v = (0.5 - y) * self.height - 0.5
        return np.stack([u, v], axis=1).astype(np.float32)


def vec(v: np.ndarray | tuple[float, ...]) -> str:
    return "<" + ", ".join(f"{float(c):.6f}" for c in v) + ">"


def rot(axis: str, deg: float) -> np.ndarray:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]], float)
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]], float)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]], float)


def make_camera(
    height_mm: float,
    hfov_deg: float,
    tilt_x: float,
    tilt_y: float,
    roll: float,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Camera:
    """A camera above the tray centre looking down (−z), image right along +x, image up
    along +y, then tilted a few degrees about x and y and rolled about its axis."""
    r = rot("x", tilt_x) @ rot("y", tilt_y) @ rot("z", roll)
    forward = r @ np.array([0.0, 0.0, -1.0])
    right_dir = r @ np.array([1.0, 0.0, 0.0])
    up_dir = r @ np.array([0.0, 1.0, 0.0])
    span = 2.0 * math.tan(math.radians(hfov_deg) / 2.0)
    return Camera(
        location=np.array([0.0, 0.0, height_mm]),
        forward=forward,
        right=right_dir * span,
        up=up_dir * span * height / width,
        width=width,
        height=height,
    )


@dataclass(frozen=True)
class Pose:
    """Local → world: p_world = rotation @ p_local + translation."""

    rotation: np.ndarray
    translation: np.ndarray

    def apply(self, pts: np.ndarray) -> np.ndarray:
        return (self.rotation @ np.asarray(pts, float).T).T + self.translation

    def pov(self) -> str:
        m = self.rotation
        t = self.translation
        # POV-Ray's matrix is row-vector form: p' = p · M (the transpose of ours).
        vals = [m[0, 0], m[1, 0], m[2, 0], m[0, 1], m[1, 1], m[2, 1], m[0, 2], m[1, 2], m[2, 2], *t]
        return "matrix <" + ", ".join(f"{v:.6f}" for v in vals) + ">"


def pose_on_tray(
    w: float,
    h: float,
    cx: float,
    cy: float,
    angle: float,
    lift: float = 0.0,
    tilt: float = 0.0,
    tilt_axis: float = 0.0,
) -> Pose:
    """A w×h sheet centred at (cx, cy), turned by ``angle`` degrees (counter-clockwise seen
    from above), optionally tilted by ``tilt`` about a horizontal axis at ``tilt_axis`` degrees
    and raised by ``lift``."""
    centre = np.array([w / 2.0, h / 2.0, 0.0])
    r = rot("z", tilt_axis) @ rot("x", tilt) @ rot("z", -tilt_axis) @ rot("z", angle)
    return Pose(r, np.array([cx, cy, lift]) - r @ centre)


def povray_binary() -> str:
    exe = shutil.which("povray")
    if exe is None:
        raise RendererMissing(
            "bench/datasets/doc_seventh.py renders with POV-Ray, which is not installed: "
            "run `apt-get install -y povray` (it is in setup.sh's APT_PACKAGES)"
        )
    return exe


def render(
    scene: str, textures: dict[str, np.ndarray], width: int, height: int, quality: str = "full"
) -> np.ndarray:
    """Trace ``scene`` (POV-Ray SDL) with the given textures written beside it as PNG files;
    return the picture as BGR uint8. ``quality``: "full" (anti-aliased, area lights) or
    "flat" (one ray a pixel, for the truth check)."""
    exe = povray_binary()
    with tempfile.TemporaryDirectory(prefix="seventh_") as tmp:
        d = Path(tmp)
        for name, tex in textures.items():
            cv2.imwrite(str(d / name), tex)
        (d / "scene.pov").write_text(scene, encoding="utf-8")
        args = [
            exe,
            "+Iscene.pov",
            "+Oout.png",
            "+FN8",
            f"+W{width}",
            f"+H{height}",
            "-D",
            "-V",
            "-GA",
            "+WT2",
            "-J",  # no jitter: a seed renders the same pixels on every run
            "+Q9",
        ]
        if quality == "full":
            args += ["+A0.3", "+AM1", "+R2"]
        else:
            args += ["-A"]
        proc = subprocess.run(args, cwd=d, capture_output=True, text=True, check=False)
        out = d / "out.png"
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"POV-Ray failed ({proc.returncode}): {proc.stderr[-2000:]}")
        img: np.ndarray | None = cv2.imread(str(out), cv2.IMREAD_COLOR)
    if img is None or img.shape[:2] != (height, width):
        raise RuntimeError("POV-Ray wrote no picture of the expected size")
    return img
