"""The demo profile's document camera: a generated desk scene played at 15 frames per second.

No bundled video is needed: a short loop is drawn on the fly (a sheet slides onto a wooden
desk, rests long enough for auto-capture, slides away; then an ID card front and back).
Every frame is a pure function of its index, so a test sees the same pictures each run.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from devices.camera.capture import ArraySource

W, H = 1280, 720
FPS = 15.0

# (what, frames): empty desk, sheet in, rest, out; card front in, rest, out; card back …
_SCRIPT = (
    ("empty", 15),
    ("page_in", 15),
    ("page_rest", 45),
    ("page_out", 15),
    ("card_front_in", 10),
    ("card_front_rest", 35),
    ("card_front_out", 10),
    ("card_back_in", 10),
    ("card_back_rest", 35),
    ("card_back_out", 10),
)
LOOP_FRAMES = sum(n for _, n in _SCRIPT)


def _desk() -> np.ndarray:
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    grain = np.sin(xx * 0.03 + 5 * np.sin(yy * 0.004)) * 14
    img = np.dstack([95 + grain, 120 + grain * 0.8, 150 + grain * 0.5])
    return np.clip(img, 0, 255).astype(np.uint8)


def _sheet(w: int, h: int, tint: tuple[int, int, int], seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), tint, np.uint8)
    y = int(0.08 * h)
    while y < 0.92 * h:
        x1 = int(0.08 * w + rng.uniform(0.4, 0.84) * w)
        cv2.line(img, (int(0.08 * w), y), (min(x1, int(0.92 * w)), y), (50, 50, 50), max(1, h // 120))
        y += max(6, h // 28)
    return img


def _locate(i: int) -> tuple[str, int, int]:
    """(script step, index within it, its length) of loop frame ``i``."""
    i %= LOOP_FRAMES
    for step, n in _SCRIPT:
        if i < n:
            return step, i, n
        i -= n
    return "empty", 0, 1


class _Scene:
    def __init__(self) -> None:
        self.desk = _desk()
        self.page = _sheet(420, 594, (238, 240, 242), 1)
        self.card_front = _sheet(428, 270, (214, 228, 240), 2)
        cv2.rectangle(self.card_front, (20, 70), (120, 220), (120, 110, 100), -1)
        self.card_back = _sheet(428, 270, (220, 232, 236), 3)

    def frame(self, i: int) -> np.ndarray:
        what, i, n = _locate(i)
        if what == "empty":
            return self.desk.copy()
        doc = self.page
        if what.startswith("card_front"):
            doc = self.card_front
        elif what.startswith("card_back"):
            doc = self.card_back
        phase = what.rsplit("_", 1)[1]
        t = i / max(n - 1, 1)
        offset = {"in": (1 - t) * 900, "rest": 0.0, "out": -t * 900}[phase]
        h, w = doc.shape[:2]
        cx, cy = W / 2 + offset, H / 2
        ang = math.radians(8 + (0.15 * math.sin(i / 7) if phase == "rest" else 0))  # a hand's tremor
        c, s = math.cos(ang), math.sin(ang)
        pts = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
        pts = pts @ np.array([[c, s], [-s, c]]) + [cx, cy]
        pts[2:, 0] += 12  # a little perspective
        m = cv2.getPerspectiveTransform(
            np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32), pts.astype(np.float32)
        )
        out = self.desk.copy()
        cv2.warpPerspective(doc, m, (W, H), dst=out, borderMode=cv2.BORDER_TRANSPARENT)
        return out


def simulated_source(loop: bool = True, fps: float = FPS) -> ArraySource:
    scene = _Scene()

    def frames(i: int) -> np.ndarray | None:
        if not loop and i >= LOOP_FRAMES:
            return None
        return scene.frame(i)

    return ArraySource(frames, fps, name="simulated camera")
