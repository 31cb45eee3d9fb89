"""The DG2 portrait as a picture: JPEG and JPEG 2000 decoded with Pillow (for the UI)."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from devices.card.errors import CorruptFile
from devices.card.lds import FaceImage


def decode_face(face: FaceImage) -> Image.Image:
    """An RGB image; CorruptFile when the bytes are not a decodable picture."""
    try:
        img = Image.open(io.BytesIO(face.data))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise CorruptFile(f"DG2 portrait does not decode ({face.format}): {e.__class__.__name__}") from None
    return img.convert("RGB")


def face_png(face: FaceImage, max_height: int | None = None) -> bytes:
    """The portrait as PNG bytes, optionally scaled down to ``max_height`` pixels."""
    img = decode_face(face)
    if max_height and img.height > max_height:
        img = img.resize((round(img.width * max_height / img.height), max_height))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()
