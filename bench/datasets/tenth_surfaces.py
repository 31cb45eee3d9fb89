"""Photographic textures of the tenth document set, read from Sweet Home 3D's texture catalogue.

Debian's ``sweethome3d`` package (GPL-2+, © Emmanuel Puybaret / eTeks) ships photographs of
floors, walls and skies inside its jar; no other document set uses them. The counter tops of a
one-stop shop are granite, marble, stone tile or wood, which that catalogue has, and its skies
light the window scenes as an environment map.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

JAR = Path("/usr/share/sweethome3d/sweethome3d.jar")
_PREFIX = "com/eteks/sweethome3d/io/resources/textures/"

# Surfaces a counter or a tray is made of, by the catalogue's own file names.
COUNTER_PHOTOS: tuple[str, ...] = (
    "darkBlueTile",  # speckled granite, the usual counter top of a ward office
    "greyTile",
    "marbleWall",
    "oldWoodenFloor",
    "woodenFloor",
    "lightBlueTile",
    "wallBeigeTile",
    "beigeTile",
    "roughcast",
)
SKY_PHOTOS: tuple[str, ...] = ("cloudy", "veryCloudy", "blueSky")


def available() -> bool:
    return JAR.is_file()


@lru_cache(maxsize=32)
def photo(name: str) -> np.ndarray:
    """The named photograph as RGB uint8; raises FileNotFoundError without the package."""
    if not JAR.is_file():
        raise FileNotFoundError(f"{JAR} is missing: apt-get install sweethome3d")
    with zipfile.ZipFile(JAR) as jar:
        data = jar.read(f"{_PREFIX}{name}.jpg")
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
