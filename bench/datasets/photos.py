"""Real photographs that ship inside scikit-image (no download), split between the two document sets.

The document sets must not share a background: the tuning set (``doc_set``) draws from
:data:`TUNING`, the held-out set (``doc_heldout``) from :data:`HELD_OUT`. Only images bundled
in the wheel are used (``skimage.data`` fetches the others through pooch, which would need
the network). Grey photographs are tinted so a desk is not always neutral.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np

# file names inside skimage/data; all are photographs (no drawings, no synthetic phantoms)
TUNING = ("coffee.png", "chelsea.png", "brick.png", "grass.png", "camera.png", "ihc.png", "moon.png")
HELD_OUT = (
    "astronaut.png",
    "rocket.jpg",
    "gravel.png",
    "coins.png",
    "motorcycle_left.png",
    "hubble_deep_field.jpg",
    "retina.jpg",
    "clock_motion.png",
)


def _data_dir() -> Path:
    import skimage.data

    return Path(skimage.data.__file__).parent


@cache
def photo(name: str) -> np.ndarray:
    """The bundled photograph as BGR uint8 (read once per process)."""
    img = cv2.imread(str(_data_dir() / name), cv2.IMREAD_UNCHANGED)
    if img is None:
        raise FileNotFoundError(f"{name}: not in this scikit-image install ({_data_dir()})")
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    elif img.shape[2] == 4:
        img = cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    return img
