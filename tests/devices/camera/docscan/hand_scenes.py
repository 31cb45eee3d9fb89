"""Test frames of a document under a hand, drawn with OpenCV (no renderer, no photograph).

A hand is a palm (an ellipse), four fingers and a thumb (thick rounded strokes) and a forearm,
in one of five skin tones, lit from one side (a shading ramp across it) and casting a soft
shadow. It lies flat over one side or a corner of a card or a receipt on a plain or grained
tray, or holds a card tilted towards the camera, its fingers along the card's lower edge.
The same hand alone on the tray, or holding a phone, is a negative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

W, H = 1280, 720
SKIN = ((224, 172, 140), (198, 134, 96), (141, 85, 56), (241, 194, 160), (180, 120, 90))  # RGB
TRAYS = ((60, 62, 66), (35, 38, 48), (120, 122, 118), (40, 52, 80), (92, 80, 70))  # RGB


@dataclass
class Scene:
    image: np.ndarray  # BGR
    corners: np.ndarray | None  # TL, TR, BR, BL of the document; None for a negative
    kind: str


def tray(rng: np.random.Generator) -> np.ndarray:
    r, g, b = TRAYS[int(rng.integers(len(TRAYS)))]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1.0 + 0.15 * ((xx - W / 2) / W + (yy - H / 2) / H) * rng.choice([-1.0, 1.0])
    grain = rng.uniform(0, 6) * np.sin(xx * rng.uniform(0.01, 0.05) + 2 * np.sin(yy * 0.013))
    img = np.dstack([b + grain, g + grain, r + grain]) * light[..., None]
    img += rng.normal(0, 2.5, img.shape)
    return img.astype(np.float32)


def _document(rng: np.random.Generator, kind: str) -> np.ndarray:
    """The document's face, upright, BGR, print on a pale ground (a card 85.6 × 54, a receipt 80 × 170 mm)."""
    if kind == "card":
        w, h = 428, 270
        ground = (rng.uniform(215, 240), rng.uniform(222, 245), rng.uniform(228, 250))
    else:
        w, h = 320, 680
        ground = (rng.uniform(232, 248),) * 3
    img = np.zeros((h, w, 3), np.float32)
    img[:] = ground
    ink = (60, 50, 40) if kind == "receipt" else (110, 40, 30)
    for y in range(int(0.12 * h), int(0.9 * h), int(rng.integers(18, 28))):
        x1 = int(w * rng.uniform(0.4, 0.9))
        cv2.line(img, (int(0.08 * w), y), (x1, y), ink, 3)
    if kind == "card":
        cv2.rectangle(img, (int(0.06 * w), int(0.3 * h)), (int(0.3 * w), int(0.85 * h)), (150, 140, 130), -1)
    return img


def _place(frame: np.ndarray, doc: np.ndarray, corners: np.ndarray) -> np.ndarray:
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    out = frame.copy()
    cv2.warpPerspective(doc, m, (W, H), dst=out, borderMode=cv2.BORDER_TRANSPARENT, flags=cv2.INTER_LINEAR)
    return out


def _rect(cx: float, cy: float, w: float, h: float, angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    pts = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    return pts @ np.array([[c, s], [-s, c]]) + np.array([cx, cy])


def hand_shape(tip: np.ndarray, direction: float, size: float, spread: float) -> np.ndarray:
    """A flat hand whose middle fingertip is at ``tip``, the fingers pointing along ``direction`` (radians), float mask."""
    mask = np.zeros((H, W), np.uint8)
    u = np.array([math.cos(direction), math.sin(direction)])  # towards the fingertips
    v = np.array([-u[1], u[0]])
    finger_w = int(0.19 * size)
    palm_c = tip - u * 1.45 * size
    for k, (off, length) in enumerate(zip((-1.5, -0.5, 0.5, 1.5), (0.8, 0.95, 0.9, 0.72), strict=True)):
        base = palm_c + u * 0.45 * size + v * off * 0.24 * size * spread
        end = base + u * length * size + v * off * 0.05 * size * (spread - 1) * k / 3
        cv2.line(mask, tuple(np.int32(base)), tuple(np.int32(end)), 255, finger_w, cv2.LINE_AA)
    cv2.ellipse(
        mask, tuple(np.int32(palm_c)), (int(0.55 * size), int(0.5 * size)),
        math.degrees(direction), 0, 360, 255, -1, cv2.LINE_AA,
    )  # fmt: skip
    thumb0 = palm_c + v * 0.45 * size
    thumb1 = thumb0 + (u * 0.4 + v * 0.55) * size
    cv2.line(mask, tuple(np.int32(thumb0)), tuple(np.int32(thumb1)), 255, int(0.22 * size), cv2.LINE_AA)
    arm0 = palm_c - u * 0.3 * size
    arm1 = palm_c - u * 4.0 * size
    cv2.line(mask, tuple(np.int32(arm0)), tuple(np.int32(arm1)), 255, int(0.85 * size), cv2.LINE_AA)
    return mask.astype(np.float32) / 255.0


def draw_hand(
    frame: np.ndarray, mask: np.ndarray, rng: np.random.Generator, lift: float, tone: int | None = None
) -> np.ndarray:
    """The hand over ``frame``: its soft shadow first (offset by ``lift`` pixels), then the shaded skin (``SKIN[tone]``, else drawn)."""
    shift = np.float32([[1, 0, lift * 0.6], [0, 1, lift]])
    shadow = cv2.GaussianBlur(cv2.warpAffine(mask, shift, (W, H)), (0, 0), 3 + lift / 2)
    out = frame * (1 - 0.45 * shadow[..., None])
    r, g, b = SKIN[int(rng.integers(len(SKIN))) if tone is None else tone]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ramp = 0.85 + 0.25 * (xx / W if rng.random() < 0.5 else 1 - yy / H)
    # rounded fingers: darker towards the mask's rim
    rim = cv2.GaussianBlur(mask, (0, 0), 4)
    shade = (0.7 + 0.3 * np.clip(rim * 1.6, 0, 1)) * ramp
    skin = np.dstack([b * shade, g * shade, r * shade])
    alpha = cv2.GaussianBlur(mask, (0, 0), 0.8)[..., None]
    return out * (1 - alpha) + skin * alpha


def _finish(img: np.ndarray, rng: np.random.Generator, blur: float = 0.0) -> np.ndarray:
    if blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    img = img + rng.normal(0, 2.0, img.shape)
    out = np.clip(img, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(75, 92))])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def hand_on_document(seed: int) -> Scene:
    """A card or a receipt flat on the tray, a hand lying over one of its sides or corners."""
    rng = np.random.default_rng(seed)
    kind = "card" if rng.random() < 0.6 else "receipt"
    scale = rng.uniform(0.55, 0.8)
    dw, dh = (428 * scale, 270 * scale) if kind == "card" else (320 * scale, 680 * scale * 0.8)
    angle = rng.uniform(-0.5, 0.5)
    cx, cy = W / 2 + rng.uniform(-150, 150), H / 2 + rng.uniform(-60, 60)
    corners = _rect(cx, cy, dw, dh, angle)
    img = _place(tray(rng), _document(rng, kind), corners)
    # the hand comes from below (the citizen's side), its fingertips over the document: over
    # the lower side (covering up to two fifths of the document) or over a lower corner
    over_corner = rng.random() < 0.4
    bottom = (corners[2] + corners[3]) / 2
    if over_corner:
        bottom = corners[2] if rng.random() < 0.5 else corners[3]
    depth = rng.uniform(0.3, 0.7) * dh
    up = (corners[0] + corners[1]) / 2 - (corners[3] + corners[2]) / 2
    up /= np.linalg.norm(up)
    tip = bottom + up * depth
    direction = math.atan2(up[1], up[0]) + rng.uniform(-0.3, 0.3)
    # a hand's size against the document's: the palm about a card's width (85 mm), a receipt's (80 mm)
    size = rng.uniform(0.8, 1.0) * (dw if kind == "card" else 0.8 * dw)
    img = draw_hand(img, hand_shape(tip, direction, size, rng.uniform(1.0, 1.3)), rng, rng.uniform(2, 6))
    return Scene(_finish(img, rng), corners.astype(np.float32), kind)


def held_card(seed: int) -> Scene:
    """A card held up towards the camera: tilted, a little blurred, the fingers along its lower edge."""
    rng = np.random.default_rng(seed)
    scale = rng.uniform(0.7, 0.95)
    dw, dh = 428 * scale, 270 * scale
    cx, cy = W / 2 + rng.uniform(-150, 150), H / 2 + rng.uniform(-60, 40)
    flat = _rect(cx, cy, dw, dh, rng.uniform(-0.35, 0.35))
    # tilted about its horizontal axis: the far (top) side shorter than the near one
    squeeze = rng.uniform(0.8, 0.95)
    mid = flat.mean(axis=0)
    corners = flat.copy()
    corners[:2] = mid + (flat[:2] - mid) * np.array([squeeze, 0.9])
    ground = tray(rng)
    shadow = np.zeros((H, W), np.float32)
    cv2.fillConvexPoly(shadow, np.int32(corners + rng.uniform(15, 35)), 1.0)
    ground *= 1 - 0.35 * cv2.GaussianBlur(shadow, (0, 0), 12)[..., None]
    img = _place(ground, _document(rng, "card"), corners)
    low = (corners[2] + corners[3]) / 2
    up = (corners[0] + corners[1]) / 2 - low
    up /= np.linalg.norm(up)
    size = rng.uniform(0.8, 1.0) * dw
    # the fingertips over the lower part of the card, the hand below it
    tip = low + up * rng.uniform(0.2, 0.4) * dh + np.array([up[1], -up[0]]) * rng.uniform(-0.15, 0.15) * dw
    img = draw_hand(img, hand_shape(tip, math.atan2(up[1], up[0]), size, 1.0), rng, rng.uniform(8, 14))
    return Scene(_finish(img, rng, blur=rng.uniform(0.6, 1.6)), corners.astype(np.float32), "card")


def hand_alone(seed: int) -> Scene:
    """A negative: a hand on the empty tray, or holding a phone."""
    rng = np.random.default_rng(seed)
    img = tray(rng)
    tip = np.array([W / 2 + rng.uniform(-200, 200), H / 2 + rng.uniform(-100, 50)])
    direction = -math.pi / 2 + rng.uniform(-0.6, 0.6)
    if rng.random() < 0.5:
        phone = _rect(tip[0], tip[1] - 40, 150, 300, direction + math.pi / 2)
        cv2.fillConvexPoly(img, np.int32(phone), (25, 22, 20))
        inner = phone.mean(axis=0) + (phone - phone.mean(axis=0)) * 0.9
        cv2.fillConvexPoly(img, np.int32(inner), (120, 90, 60))
    size = rng.uniform(0.8, 1.1) * 170
    img = draw_hand(img, hand_shape(tip, direction, size, rng.uniform(1.0, 1.3)), rng, rng.uniform(2, 6))
    return Scene(_finish(img, rng), None, "none")
