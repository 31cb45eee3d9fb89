"""Pages under light stripes: a blind's or a window's hard shadow across a page and its tray, numpy/Pillow.

Written to test the document detector against shadows it was not tuned on, at periods, angles,
depths and softness the ray-traced seventh set does not have. A flat page (form, card or
receipt, drawn with Pillow) is warped onto a tray (plain or grained, any colour, pale ones
included) by a random homography; then the whole scene is multiplied by a shading field: a
blind's slats (period 8–160 px, any angle, lit share 0.3–0.7, shadow 0.25–0.75 of the light,
penumbra 0–8 px, the shadow a little bluer as skylight fills it, the period changing across
the frame as perspective makes it) or a window's single straight edge. Camera effects last:
blur, noise, JPEG.

    python -m bench.datasets.doc_stripes [--seed 11] [--count 60] [--save DIR]

``samples(seed, count)`` yields ``Sample(name, condition, kind, image, corners)`` as the other
sets do (corners TL, TR, BR, BL as seen upright, or None on a negative).
"""

from __future__ import annotations

import argparse
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

W, H = 1280, 960
CONDITIONS = (
    "blinds_page",
    "blinds_card",
    "blinds_receipt",
    "blinds_fine",
    "blinds_wide",
    "window_edge",
    "negative",
)
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
_WORDS = (
    "Số",
    "hồ sơ",
    "Họ và tên",
    "Địa chỉ",
    "Ngày",
    "tháng",
    "năm",
    "xác nhận",
    "UBND",
    "phường",
    "ký tên",
)


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None


def _face(rng: np.random.Generator, kind: str) -> np.ndarray:
    """The flat document, RGB, about 4 px/mm."""
    if kind == "card":
        w, h = 342, 216
        ground = tuple(int(v) for v in rng.integers(205, 245, 3))
    elif kind == "receipt":
        w, h = 240, int(rng.integers(500, 900))
        ground = (int(rng.integers(232, 250)),) * 3
    else:
        w, h = 840, 1188
        ground = tuple(int(v) for v in rng.integers(235, 256, 3))
    img = Image.new("RGB", (w, h), ground)
    d = ImageDraw.Draw(img)
    size = 14 if kind != "a4" else 24
    font = ImageFont.truetype(_FONT, size)
    margin = w // 12
    y = margin
    if kind == "card":
        d.rectangle([margin, margin, margin + 70, margin + 90], fill=(150, 140, 130))  # the photo box
    while y < h - margin - size:
        words = " ".join(str(rng.choice(_WORDS)) for _ in range(int(rng.integers(2, 9))))
        x = margin + (90 if kind == "card" and y < margin + 100 else 0)
        d.text((x, y), words, font=font, fill=(25, 25, 35))
        y += int(size * rng.uniform(1.4, 2.2))
        if kind == "a4" and rng.random() < 0.1:
            d.rectangle([margin, y, w - margin, y + 3 * size], outline=(40, 40, 40), width=2)
            y += 4 * size
    return np.asarray(img)


def _tray(rng: np.random.Generator) -> np.ndarray:
    """A tray, RGB float: one colour (pale ones too), a grain or not, a gentle light gradient."""
    colour = rng.choice(
        [
            (40, 42, 48),
            (90, 95, 100),
            (150, 160, 110),
            (200, 190, 160),
            (215, 215, 210),
            (60, 90, 140),
            (120, 70, 50),
        ]
    ).astype(np.float32)
    colour *= rng.uniform(0.85, 1.1)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    img = np.broadcast_to(colour, (H, W, 3)).copy()
    if rng.random() < 0.5:  # a grain (wood, brushed plastic)
        a = rng.uniform(0, math.pi)
        t = xx * math.cos(a) + yy * math.sin(a)
        img *= (1 + 0.06 * np.sin(t * rng.uniform(0.05, 0.3) + 2 * np.sin(t * 0.01)))[..., None]
    g = 1 + rng.uniform(-0.15, 0.15) * (xx / W - 0.5) + rng.uniform(-0.15, 0.15) * (yy / H - 0.5)
    return img * g[..., None]


def _placement(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Where the page's corners land: a random size, rotation, place and a little perspective."""
    area = rng.uniform(0.06, 0.35) * W * H
    s = math.sqrt(area / (w * h))
    a = rng.uniform(-math.pi, math.pi)
    c, n = math.cos(a), math.sin(a)
    pts = np.array([[0, 0], [w, 0], [w, h], [0, h]], float) - [w / 2, h / 2]
    pts = pts * s @ np.array([[c, n], [-n, c]])
    pts *= 1 + rng.uniform(-0.06, 0.06, (4, 1))  # perspective's uneven scale
    span = pts.max(axis=0) - pts.min(axis=0)
    lo = -pts.min(axis=0) + 20
    hi = np.array([W, H]) - pts.max(axis=0) - 20
    centre = (
        rng.uniform(lo, np.maximum(hi, lo + 1))
        if (span < [W - 40, H - 40]).all()
        else np.array([W / 2, H / 2])
    )
    return pts + centre


def _shading(rng: np.random.Generator, condition: str) -> np.ndarray:
    """The light reaching each pixel, H×W×3 (1 lit): a blind's slats or a window's edge."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    a = rng.uniform(0, math.pi)
    t = (xx - W / 2) * math.cos(a) + (yy - H / 2) * math.sin(a)
    dark = rng.uniform(0.25, 0.75)
    soft = rng.uniform(0.0, 8.0)
    if condition == "window_edge":
        lit = (t > rng.uniform(-200, 200)).astype(np.float32)
    else:
        period = {"blinds_fine": (8, 20), "blinds_wide": (80, 160)}.get(condition, (18, 80))
        p = rng.uniform(*period)
        # perspective: the period grows across the frame, along the slats' normal or not
        grow = rng.uniform(-0.15, 0.15)
        phase = t / p * (1 + grow * t / max(W, H))
        lit = (np.mod(phase + rng.uniform(0, 1), 1.0) < rng.uniform(0.3, 0.7)).astype(np.float32)
    if soft > 0.5:
        lit = cv2.GaussianBlur(lit, (0, 0), soft)
    sky = np.array([1.0, 1.0, 1.0]) + np.array([-0.06, 0.0, 0.08]) * rng.uniform(0, 1)  # RGB: bluer shade
    shade = dark * sky
    return lit[..., None] + (1 - lit[..., None]) * shade[None, None, :].astype(np.float32)


def sample(seed: int, index: int) -> Sample:
    rng = np.random.default_rng([seed, index, 73])
    condition = CONDITIONS[index % len(CONDITIONS)]
    kind = {"blinds_card": "card", "blinds_receipt": "receipt"}.get(condition, "a4")
    if condition in ("blinds_fine", "blinds_wide", "window_edge"):
        kind = str(rng.choice(["a4", "card", "receipt"]))
    img = _tray(rng)
    corners = None
    if condition != "negative":
        face = _face(rng, kind)
        h, w = face.shape[:2]
        corners = _placement(rng, w, h).astype(np.float32)
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        m = cv2.getPerspectiveTransform(src, corners)
        warped = cv2.warpPerspective(face.astype(np.float32), m, (W, H), flags=cv2.INTER_AREA)
        cover = cv2.warpPerspective(np.ones((h, w), np.float32), m, (W, H), flags=cv2.INTER_LINEAR)
        img = img * (1 - cover[..., None]) + warped * cover[..., None]
    exposure = rng.uniform(0.85, 1.15)
    img = img * _shading(rng, "blinds_page" if condition == "negative" else condition) * exposure
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.2))
    img += rng.normal(0, rng.uniform(1.5, 5.0), img.shape).astype(np.float32)
    rgb = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    rgb.save(buf, "JPEG", quality=int(rng.integers(75, 93)))
    buf.seek(0)
    bgr = np.ascontiguousarray(np.asarray(Image.open(buf).convert("RGB"))[:, :, ::-1])
    if corners is not None:
        from devices.camera.docscan import order_corners

        corners = order_corners(corners)
    return Sample(f"stripes-{seed}-{index:04d}", condition, kind, bgr, corners)


def samples(seed: int = 11, count: int = 70) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed, i)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--count", type=int, default=14)
    ap.add_argument("--save", type=Path, default=Path("/tmp/doc_stripes"))
    args = ap.parse_args()
    args.save.mkdir(parents=True, exist_ok=True)
    for s in samples(args.seed, args.count):
        cv2.imwrite(str(args.save / f"{s.name}-{s.condition}.png"), s.image)


if __name__ == "__main__":
    main()
