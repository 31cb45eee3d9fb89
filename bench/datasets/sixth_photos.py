"""Photographs and surface textures of the sixth document set.

Photographs: Debian's ``opencv-doc`` sample pictures (real photographs only: no chessboards,
logos, drawings or paintings), used by no other document set. Phone and tablet screens show
``ukui-wallpapers`` artwork, as a real lock screen would. Wood, laminate and fabric are drawn
here from noise so that every surface is not a photograph.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

OPENCV_DATA = Path("/usr/share/doc/opencv-doc/examples/data")
UKUI_DIR = Path("/usr/share/backgrounds")

# surfaces a document may lie on (textures, large areas). Not the opencv-doc pictures that the
# real-photograph set (doc_real) shows as negatives: a desk, a notebook, a circuit board, a
# building, fruit, a street, graffiti, a car's plate (nor their second views).
SURFACE_PHOTOS = ("aloeL.jpg", "aero1.jpg", "aero3.jpg", "smarties.png", "orange.jpg", "apple.jpg")
# pictures printed on covers, in frames, or cropped as ID portraits
COVER_PHOTOS = (
    "messi5.jpg",
    "butterfly.jpg",
    "home.jpg",
    "baboon.jpg",
    "squirrel_cls.jpg",
    "rubberwhale1.png",
    "chicky_512.png",
    "basketball1.png",
)
SCREENS = (
    "2004default.jpg",
    "calla.png",
    "city.png",
    "desert.png",
    "fluent-color.png",
    "goldfish.png",
    "rhythm.jpg",
    "rollpaper.png",
    "string.jpg",
)


@lru_cache(maxsize=64)
def _load(path: Path, max_side: int) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        package = "opencv-doc" if path.parent == OPENCV_DATA else "ukui-wallpapers"
        raise FileNotFoundError(
            f"{path}: picture missing; the sixth document set needs the Debian package {package} (apt-get install {package}; setup.sh does)"
        )
    scale = max_side / max(img.shape[:2])
    if scale < 1:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    img.setflags(write=False)
    return img


def photo(name: str, max_side: int = 1024) -> np.ndarray:
    """A photograph (BGR uint8) from opencv-doc."""
    return _load(OPENCV_DATA / name, max_side)


def screen(name: str, max_side: int = 800) -> np.ndarray:
    """A ukui-wallpapers picture (BGR uint8), for phone and tablet screens."""
    return _load(UKUI_DIR / name, max_side)


def check_installed() -> None:
    """Fail early, naming the package, when a picture is missing."""
    for name in SURFACE_PHOTOS + COVER_PHOTOS:
        photo(name)
    for name in SCREENS:
        screen(name)


def _smooth_noise(rng: np.random.Generator, h: int, w: int, cell: int) -> np.ndarray:
    small = rng.random((max(2, h // cell + 2), max(2, w // cell + 2))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def wood(rng: np.random.Generator, h: int = 768, w: int = 1024) -> np.ndarray:
    """Plank grain: stretched noise bent by a low-frequency warp, in a brown chosen by rng."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    warp = _smooth_noise(rng, h, w, 160) * 40
    rings = np.sin((yy + warp) / rng.uniform(3, 7) + _smooth_noise(rng, h, w, 60) * 6)
    fine = cv2.resize(rng.random((h, max(2, w // 40))).astype(np.float32), (w, h))
    t = 0.55 + 0.25 * rings + 0.2 * fine
    light = np.array(rng.uniform([60, 110, 150], [110, 160, 210]), np.float32)
    dark = light * rng.uniform(0.45, 0.7)
    img = dark[None, None] + (light - dark)[None, None] * t[..., None]
    return np.clip(img, 0, 255).astype(np.uint8)


def laminate(rng: np.random.Generator, h: int = 512, w: int = 512, cream: bool = False) -> np.ndarray:
    """Counter laminate: a flat colour (white/cream or grey/blue) with faint speckle."""
    if cream:
        base = np.array(rng.uniform([205, 225, 232], [228, 240, 250]), np.float32)
    else:
        base = np.array(rng.uniform([90, 90, 90], [200, 200, 190]), np.float32)
    speck = (rng.random((h, w)).astype(np.float32) - 0.5) * rng.uniform(3, 8)
    blot = (_smooth_noise(rng, h, w, 90) - 0.5) * 10
    return np.clip(base[None, None] + (speck + blot)[..., None], 0, 255).astype(np.uint8)


def fabric(rng: np.random.Generator, h: int = 768, w: int = 1024) -> np.ndarray:
    """Woven cloth: two thread directions and a colour."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(3, 6)
    weave = (
        0.5
        + 0.25 * np.sin(xx * 2 * np.pi / period) * np.sign(np.sin(yy * np.pi / period))
        + 0.25 * _smooth_noise(rng, h, w, 8)
    )
    color = np.array(rng.uniform(25, 150, 3), np.float32)
    return np.clip(color[None, None] * (0.7 + 0.4 * weave[..., None]), 0, 255).astype(np.uint8)


def skin(rng: np.random.Generator) -> tuple[float, float, float]:
    """A linear-RGB skin albedo."""
    r = rng.uniform(0.35, 0.6)
    return (r, r * rng.uniform(0.62, 0.72), r * rng.uniform(0.5, 0.6))
