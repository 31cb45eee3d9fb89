"""Camera frames (1280×720) of documents on desks, with ground-truth corners, plus negatives.

``Sample(name, condition, image, corners)``: ``corners`` is a 4×2 float array of the
document's corners in the frame (TL, TR, BR, BL of the document as seen upright: the order
of ``devices.camera.docscan.order_corners``), or None for a negative. Documents: A4 pages,
ID-1 cards (85.6×54 mm, tinted), long receipts (80 mm wide). Conditions: clean, rotated (any
angle), perspective (tilt up to 35°), busy (cluttered background), low_contrast (white
paper on a pale desk), shadow, hand (a hand over one corner), mixed, photo (a real photograph
as the desk), gradient (strong uneven light), finger (fingers across a side), paper (paper on
paper); negatives: empty desks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from bench.datasets import scene

W, H = 1280, 720
CONDITIONS = (
    "clean",
    "rotated",
    "perspective",
    "busy",
    "low_contrast",
    "shadow",
    "hand",
    "mixed",
    "photo",
    "gradient",
    "finger",
    "paper",
)
NEGATIVES = ("empty",)
KINDS = {"page": (210.0, 297.0), "card": (85.6, 54.0), "receipt": (80.0, 220.0)}


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray | None


def _document(rng: np.random.Generator, kind: str, px_per_mm: float) -> np.ndarray:
    w_mm, h_mm = KINDS[kind]
    if kind == "receipt":
        h_mm = float(rng.uniform(150, 320))
    w, h = int(w_mm * px_per_mm), int(h_mm * px_per_mm)
    if kind == "card":
        tint = (float(rng.uniform(190, 235)), float(rng.uniform(205, 240)), float(rng.uniform(215, 250)))
        doc = scene.paper(rng, w, h, tint=tint)
        cv2.rectangle(doc, (int(0.05 * w), int(0.3 * h)), (int(0.3 * w), int(0.88 * h)), (140, 130, 120), -1)
    else:
        doc = scene.paper(rng, w, h)
        if rng.random() < 0.5:  # a photo or a stamp
            x0, y0 = int(rng.uniform(0.1, 0.5) * w), int(rng.uniform(0.1, 0.6) * h)
            cv2.rectangle(
                doc,
                (x0, y0),
                (x0 + w // 4, y0 + h // 6),
                tuple(float(c) for c in rng.uniform(60, 200, 3)),
                -1,
            )
    return doc


def sample(seed: int, index: int) -> Sample:
    rng = np.random.default_rng([seed, index, 7])
    all_conditions = CONDITIONS + NEGATIVES
    condition = all_conditions[index % len(all_conditions)]
    kind = str(rng.choice(list(KINDS), p=[0.5, 0.3, 0.2]))
    bg_kind = None
    if condition in ("busy", "mixed"):
        bg_kind = str(rng.choice(["clutter", "wood", "tiles"]))
    elif condition in ("low_contrast", "paper"):
        bg_kind = "lowcontrast"
    elif condition in ("photo", "finger"):
        bg_kind = "photo"
    elif condition == "empty":  # a desk, or a photograph (people, a cat, a brick wall: not a sheet)
        bg_kind = str(
            rng.choice(["plain", "wood", "cloth", "clutter", "lowcontrast", "tiles", "photo", "photo"])
        )
    elif condition in ("clean", "rotated", "perspective"):
        bg_kind = str(rng.choice(["plain", "wood", "cloth"]))
    frame = scene.background(rng, W, H, bg_kind)
    corners = None
    if condition != "empty":
        fill = {"page": (0.6, 0.95), "card": (0.35, 0.7), "receipt": (0.7, 0.95)}[kind]
        doc = _document(rng, kind, px_per_mm=4.0)
        tilt = 35.0 if condition in ("perspective", "mixed") else 10.0
        rotate = condition not in ("clean",)
        corners = scene.project(
            rng, doc.shape[1], doc.shape[0], W, H, float(rng.uniform(*fill)), max_tilt_deg=tilt, rotate=rotate
        )
        if condition == "low_contrast":
            doc = cv2.addWeighted(doc, 0.5, np.full_like(doc, int(frame.mean())), 0.5, 20)
        if condition == "paper":  # a blank sheet under the document, paper on paper
            under = scene.project(rng, 210, 297, W, H, float(rng.uniform(0.7, 1.0)), max_tilt_deg=10.0)
            frame = scene.paste(frame, scene.paper(rng, 210, 297, lines=False), under)
        frame = scene.paste(frame, doc, corners)
        if condition == "finger":
            frame = scene.fingers(rng, frame, corners)
        if condition in ("hand", "mixed"):
            i = int(rng.integers(0, 4))
            sides = np.linalg.norm(np.roll(corners, -1, axis=0) - corners, axis=1)
            size = float(rng.uniform(0.3, 0.45)) * float(sides.min())  # a thumb and palm over one corner
            frame = scene.hand(rng, frame, corners[i], max(size, 50.0))
    if condition in ("shadow", "mixed"):
        frame = scene.shadow(rng, frame, float(rng.uniform(0.3, 0.6)))
    if condition == "gradient":
        frame = scene.gradient(rng, frame)
    frame = scene.camera(
        rng,
        frame,
        blur=float(rng.uniform(0, 1.2)),
        noise=float(rng.uniform(1, 5)),
        light=float(rng.uniform(0.8, 1.05)),
        jpeg=int(rng.integers(75, 95)),
    )
    if corners is not None:
        from devices.camera.docscan import order_corners

        corners = order_corners(corners)
    return Sample(f"doc-{seed}-{index:05d}", condition, kind, frame, corners)


def samples(seed: int = 1, count: int = 180) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed, i)


def photo_negative(seed: int, index: int) -> Sample:
    """A crop of a tuning-share photograph at 1-3x, maybe turned and shadowed: no document in it."""
    from bench.datasets.photos import TUNING, photo

    rng = np.random.default_rng([seed, index, 11])
    src = photo(TUNING[index % len(TUNING)])
    if rng.random() < 0.5:
        src = cv2.rotate(src, cv2.ROTATE_90_CLOCKWISE)
    f = max(W / src.shape[1], H / src.shape[0]) * float(rng.uniform(1.0, 3.0))
    big = cv2.resize(src, None, fx=f, fy=f, interpolation=cv2.INTER_LINEAR)
    y0, x0 = int(rng.integers(0, big.shape[0] - H + 1)), int(rng.integers(0, big.shape[1] - W + 1))
    frame = np.ascontiguousarray(big[y0 : y0 + H, x0 : x0 + W])
    if rng.random() < 0.3:
        frame = scene.shadow(rng, frame, float(rng.uniform(0.3, 0.6)))
    frame = scene.camera(
        rng,
        frame,
        blur=float(rng.uniform(0, 1.2)),
        noise=float(rng.uniform(1, 6)),
        jpeg=int(rng.integers(50, 92)),
    )
    return Sample(f"photo-neg-{seed}-{index:04d}", "photo_negative", "none", frame, None)
