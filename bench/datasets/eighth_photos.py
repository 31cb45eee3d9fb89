"""Photographic tiles from GIMP's pattern library (Debian package ``gimp-data``), as RGB images.

The eighth document set uses them for counter tops, tray mats and the phone's screen; no other
set uses this package. A ``.pat`` file is a big-endian header (header size, version, width,
height, bytes per pixel, the magic ``GPAT``, a name) followed by raw pixels; Pillow reads GIMP
brushes but not patterns, hence this reader.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PIL import Image

PATTERNS = Path("/usr/share/gimp/2.0/patterns")

#: Tiles that look like something a counter, a tray or a mat is made of (photographs, not drawings).
SURFACES = {
    "wood": (
        "Wood/wood1.pat",
        "Wood/wood2.pat",
        "Wood/wood4.pat",
        "Wood/walnut.pat",
        "Wood/pine.pat",
        "Wood/parque1.pat",
    ),
    "stone": (
        "Stone/granite1.pat",
        "Stone/marble1.pat",
        "Stone/marble2.pat",
        "Stone/slate.pat",
        "Stone/pink_marble.pat",
    ),
    "cork": ("Wood/corkboard.pat",),
    "fabric": ("Fabric/burlap.pat", "Animal/leather.pat"),
}
#: Pictures for a phone's screen or a printed flyer.
PICTURES = (
    "Plant/leaves.pat",
    "Sky/sky.pat",
    "Water/pool.pat",
    "Stone/rock.pat",
    "Wood/bark.pat",
    "Food/java.pat",
)


class MissingPhotographs(RuntimeError):
    """gimp-data is not installed (setup.sh installs it)."""


def read_pattern(path: Path) -> Image.Image:
    data = path.read_bytes()
    header_size, version, width, height, depth = struct.unpack(">5I", data[:20])
    if data[20:24] != b"GPAT" or version != 1:
        raise ValueError(f"{path} is not a GIMP pattern")
    mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[depth]
    pixels = data[header_size : header_size + width * height * depth]
    return Image.frombytes(mode, (width, height), pixels).convert("RGB")


def pattern_png(relative: str, cache_dir: Path, repeat: int = 1) -> Path:
    """The tile as a PNG Blender can load, tiled ``repeat`` × ``repeat`` with mirrored copies.

    Mirroring hides the seams of tiles that were not made to repeat.
    """
    src = PATTERNS / relative
    if not src.exists():
        raise MissingPhotographs(f"{src} is missing: apt-get install gimp-data")
    out = cache_dir / f"{relative.replace('/', '_').removesuffix('.pat')}_x{repeat}.png"
    if out.exists():
        return out
    tile = read_pattern(src)
    w, h = tile.size
    sheet = Image.new("RGB", (w * repeat, h * repeat))
    for j in range(repeat):
        for i in range(repeat):
            t = tile
            if i % 2:
                t = t.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            if j % 2:
                t = t.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
            sheet.paste(t, (i * w, j * h))
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.png")
    sheet.save(tmp)
    tmp.replace(out)
    return out
