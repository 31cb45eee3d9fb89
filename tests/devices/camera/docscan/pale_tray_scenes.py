"""Test frames of a pale document on a pale plate, the step at its edge ΔE 5–14, made here (numpy and Pillow).

Made apart from every benchmark generator and from the other test scenes: the plate is one
pale colour (L* 70–90, barely tinted) filling the view, with a plaster's or a stucco's grain
(1–8 % of its level, 1–2 px) and a slow mottle; the
document is a card (ID-1, 2–4 % of the frame), a till receipt (80 mm wide, 2.2–3.5 times as
long, 3–7 %) or a page (A-series, 10–25 %), its ground the plate's colour moved by a chosen ΔE*ab
in a random direction (lighter, darker, warmer, bluer), printed with Pillow (lines of text, a
photo box and a header on a card). The view is a little oblique (each corner moved up to 3 % of
the frame), the light falls off across the plate (±8–18 %) with a lamp's pool somewhere, then
sensor noise (σ 1.5–4 grey levels), a slight blur and JPEG. ``plate_only`` is the same plate
with nothing on it, or a pale round coaster, a pen, a shadow's soft edge: no document.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

W, H = 1280, 720
KINDS = ("card", "receipt", "page")
SHARE = {"card": (0.02, 0.04), "receipt": (0.03, 0.07), "page": (0.10, 0.25)}
ASPECT = {"card": (1.586, 1.586), "receipt": (2.2, 3.5), "page": (1.414, 1.414)}


@dataclass(frozen=True)
class Scene:
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None  # 4×2 frame pixels, None: no document
    kind: str
    delta_e: float  # the step asked for (the document's ground against the plate, before light and noise)


def _lab_to_bgr(lab: np.ndarray) -> np.ndarray:
    """L* 0–100, a*, b* (float) to BGR 0–255 float."""
    px = np.asarray(lab, np.float32).reshape(1, -1, 3)
    return cv2.cvtColor(px, cv2.COLOR_LAB2BGR).reshape(np.shape(lab)) * 255.0


def _plate(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The plate's Lab colour and its BGR picture (float): a plaster's or a stucco's grain, a slow mottle.

    The plate fills the view, as a kiosk's tray does under its camera.
    """
    lab = np.array([rng.uniform(70, 90), rng.uniform(-4, 4), rng.uniform(-5, 8)])
    img = np.empty((H, W, 3), np.float32)
    img[:] = _lab_to_bgr(lab)
    grain = cv2.GaussianBlur(rng.normal(0, 1, (H, W)).astype(np.float32), (0, 0), rng.uniform(0.8, 2.0))
    mottle = cv2.resize(rng.normal(0, 1, (9, 16)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
    img *= (1 + rng.uniform(0.01, 0.08) * grain / grain.std() + 0.01 * mottle)[..., None]
    return lab, img


def _ground(plate_lab: np.ndarray, delta_e: float, rng: np.random.Generator) -> np.ndarray:
    """A document's ground: the plate's colour moved by ``delta_e`` (ΔE*ab), mostly lighter, sometimes tinted or darker."""
    while True:
        d = rng.normal(0, 1, 3) * np.array([1.0, 0.6, 0.8])
        if rng.random() < 0.7:
            d[0] = abs(d[0]) + 0.5  # paper is usually lighter than the plate
        d *= delta_e / np.linalg.norm(d)
        lab = plate_lab + d
        if lab[0] <= 97:
            return lab


def _face(kind: str, w: int, h: int, ground: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The document's face, upright, w × h, BGR float: its ground and its print (Pillow)."""
    bgr = _lab_to_bgr(ground)
    im = Image.new("RGB", (w, h), tuple(int(round(v)) for v in bgr[::-1]))
    draw = ImageDraw.Draw(im)
    ink = (40, 40, 48)
    m = max(3, int(0.07 * min(w, h)))
    if kind == "card":
        draw.rectangle([m, m, w - m, m + h // 9], fill=(170, 60, 60))  # the header band
        draw.rectangle([m, h // 3, m + w // 4, h - m], fill=(150, 155, 170))  # the photo
        for k in range(5):
            y = h // 3 + k * h // 9
            draw.line(
                [(m + w // 4 + m, y), (int(w * rng.uniform(0.6, 0.9)), y)], fill=ink, width=max(1, h // 60)
            )
    else:
        step = max(4, int(h / rng.uniform(25, 45)))
        for y in range(m + step, h - m, step):
            if rng.random() < 0.8:
                right = w - m - int(rng.uniform(0, 0.4) * w)
                draw.line([(m, y), (max(m + 2, right), y)], fill=ink, width=max(1, step // 4))
    return np.asarray(im, np.float32)[:, :, ::-1].copy()


def _light(rng: np.random.Generator) -> np.ndarray:
    """A multiplicative light across the frame: a slope and a lamp's pool."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    slope = (np.cos(angle) * (xx / W - 0.5) + np.sin(angle) * (yy / H - 0.5)) * rng.uniform(0.16, 0.36)
    cx, cy, r = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(0.3, 0.7) * W
    pool = rng.uniform(0.0, 0.12) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
    return 0.95 + slope + pool


def _develop(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.0))
    img = img + rng.normal(0, rng.uniform(1.5, 4.0), img.shape).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    ok, jpg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(75, 93))])
    assert ok
    return cv2.imdecode(jpg, cv2.IMREAD_COLOR)


def pale_document(seed: int, kind: str | None = None, delta_e: float | None = None) -> Scene:
    """One frame: a pale document (``kind``, else drawn) on a pale plate, the step ``delta_e`` (else drawn in 5–14)."""
    rng = np.random.default_rng(seed)
    kind = kind or str(rng.choice(KINDS))
    de = float(delta_e if delta_e is not None else rng.uniform(5, 14))
    plate_lab, frame = _plate(rng)
    share = rng.uniform(*SHARE[kind])
    aspect = rng.uniform(*ASPECT[kind])
    long_px = float(np.sqrt(share * W * H * aspect))
    w, h = int(round(long_px)), int(round(long_px / aspect))
    face = _face(kind, w, h, _ground(plate_lab, de, rng), rng)
    # the document turned anywhere, then the view a little oblique
    angle = rng.uniform(0, 180)
    cx, cy = rng.uniform(0.35, 0.65) * W, rng.uniform(0.35, 0.65) * H
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot[:, 2] += (cx - w / 2, cy - h / 2)
    src = np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32)
    view = cv2.getPerspectiveTransform(
        src, (src + rng.uniform(-0.03, 0.03, (4, 2)) * [W, H]).astype(np.float32)
    )
    m = view @ np.vstack([rot, [0, 0, 1]])
    alpha = cv2.warpPerspective(np.ones((h, w), np.float32), m, (W, H), flags=cv2.INTER_LINEAR)
    doc = cv2.warpPerspective(face, m, (W, H), flags=cv2.INTER_LINEAR)
    frame = cv2.warpPerspective(frame, view, (W, H), borderMode=cv2.BORDER_REFLECT)
    frame = frame * (1 - alpha[..., None]) + doc * alpha[..., None]
    frame *= _light(rng)[..., None]
    corners = cv2.perspectiveTransform(np.array([[[0, 0], [w, 0], [w, h], [0, h]]], np.float32), m)[0]
    return Scene(_develop(frame, rng), corners, kind, de)


def plate_only(seed: int) -> Scene:
    """The same plate with no document: empty, or a pale coaster, a pen, or a soft shadow's edge across it."""
    rng = np.random.default_rng(seed)
    plate_lab, frame = _plate(rng)
    what = int(rng.integers(0, 4))
    if what == 1:  # a round coaster, as pale against the plate as a document
        colour = _lab_to_bgr(_ground(plate_lab, rng.uniform(5, 14), rng))
        centre = (int(rng.uniform(0.3, 0.7) * W), int(rng.uniform(0.3, 0.7) * H))
        cv2.circle(
            frame, centre, int(rng.uniform(0.06, 0.12) * H), tuple(float(v) for v in colour), -1, cv2.LINE_AA
        )
    elif what == 2:  # a pen
        p = rng.uniform(0.2, 0.8, 2) * [W, H]
        q = p + rng.normal(0, 1, 2) / 1.0 * 0.2 * W
        cv2.line(frame, tuple(int(v) for v in p), tuple(int(v) for v in q), (140, 60, 30), 9, cv2.LINE_AA)
    elif what == 3:  # a soft shadow's edge across the plate
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        a = rng.uniform(0, np.pi)
        t = np.cos(a) * (xx - W / 2) + np.sin(a) * (yy - H / 2)
        frame *= (1 - 0.25 / (1 + np.exp(-t / rng.uniform(4, 20))))[..., None]
    frame *= _light(rng)[..., None]
    return Scene(_develop(frame, rng), None, "none", 0.0)
