"""Test frames of an ID-1 card alone on a textured tray, and of a card beside a queue ticket, made here (numpy/OpenCV).

Made apart from every benchmark generator and from ``card_scenes`` (a card on a form): the tray is
one of five textures drawn from noise (wood grain, brushed metal, cork, woven fabric, speckled
stone), the card a tinted laminated ID-1 card (white, cream, pale blue, pink, pale green) with
rounded corners, a printed header, a photo, lines of text and a QR-like block, the thickness shown
by a soft shadow on the side away from the light and a lit rim on the other. The card covers
2-4 % of a 1280 × 960 frame, as under a kiosk camera whose view must also take an A4 page. The
light is a lamp (warm or neutral) whose bright spot lies anywhere on the tray, over a dimmer room
light, then sensor noise and a slight blur. ``ticket`` lays a paper queue ticket beside the card:
a thermal slip 58-80 mm wide and 60-120 mm long, a line of small print, a big number, a line
under it, its own faint shadow.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CARD_MM = (85.6, 53.98)
CARD_RADIUS_MM = 3.18
W, H = 1280, 960
TEXTURES = ("wood", "brushed_metal", "cork", "fabric", "speckled_stone")
TINTS = {  # BGR of the card's ground under white light
    "white": (240, 242, 242),
    "cream": (205, 232, 244),
    "pale_blue": (242, 226, 206),
    "pink": (222, 214, 246),
    "pale_green": (212, 238, 218),
}


@dataclass(frozen=True)
class Scene:
    image: np.ndarray
    card: np.ndarray  # 4×2 frame pixels, where the card's straight sides meet (TL TR BR BL of its face)
    ticket: np.ndarray | None  # 4×2 frame pixels of the ticket, where one lies beside the card


def _smooth_noise(rng: np.random.Generator, h: int, w: int, sigma: float) -> np.ndarray:
    n = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigma)
    return n / max(float(n.std()), 1e-6)


def texture(name: str, rng: np.random.Generator, h: int = H, w: int = W) -> np.ndarray:
    """One tray surface, BGR float32 (0-255)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if name == "wood":
        # growth rings bent by slow noise, fine fibres along the grain; dark or mid brown
        bend = 25 * _smooth_noise(rng, h, w, 60) + 6 * _smooth_noise(rng, h, w, 12)
        period = float(rng.uniform(14, 30))
        rings = 0.5 + 0.5 * np.sin(2 * np.pi * (yy + bend) / period)
        fibre = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigmaX=9, sigmaY=0.6)
        base = np.array(rng.choice([(30, 48, 78), (45, 75, 120), (60, 95, 140)]), np.float32)
        tone = 0.75 + 0.3 * rings + 0.08 * fibre / max(float(fibre.std()), 1e-6)
        return base[None, None] * tone[..., None]
    if name == "brushed_metal":
        streak = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigmaX=25, sigmaY=0.7)
        streak /= max(float(streak.std()), 1e-6)
        grey = float(rng.uniform(110, 175))
        # a bump pattern too (hammered, as a steel tray's anti-slip finish)
        bumps = _smooth_noise(rng, h, w, 2.5)
        g = grey + 10 * streak + 9 * bumps
        return np.dstack([g + 3, g + 1, g - 2])
    if name == "cork":
        base = np.array((70, 120, 165), np.float32) * float(rng.uniform(0.8, 1.1))
        low = _smooth_noise(rng, h, w, 6)
        tone = 1 + 0.08 * low
        img = base[None, None] * tone[..., None]
        # granules: dark and light specks of 1-3 pixels
        for shade, count in ((0.55, 9000), (1.25, 6000)):
            ys, xs = rng.integers(0, h, count), rng.integers(0, w, count)
            r = rng.integers(1, 3, count)
            for x, y, rr in zip(xs, ys, r, strict=True):
                cv2.circle(img, (int(x), int(y)), int(rr), tuple(float(v) for v in base * shade), -1)
        return img
    if name == "fabric":
        p = float(rng.uniform(4, 7))
        weave = np.sin(2 * np.pi * xx / p) * np.sin(2 * np.pi * yy / p)
        threads = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), sigmaX=3, sigmaY=0.5)
        base = np.array(rng.choice([(90, 80, 70), (70, 95, 60), (120, 110, 105), (60, 50, 110)]), np.float32)
        tone = 1 + 0.12 * weave + 0.05 * threads / max(float(threads.std()), 1e-6)
        return base[None, None] * tone[..., None]
    if name == "speckled_stone":
        grey = float(rng.uniform(95, 185))
        g = grey + 12 * _smooth_noise(rng, h, w, 18) + 8 * _smooth_noise(rng, h, w, 3)
        img = np.dstack([g, g, g + 4]).astype(np.float32)
        for shade, count in ((0.35, 7000), (1.35, 4000)):
            ys, xs = rng.integers(0, h, count), rng.integers(0, w, count)
            img[ys, xs] = img[ys, xs] * shade
        return cv2.GaussianBlur(img, (0, 0), 0.7)
    raise ValueError(name)


def _rounded_mask(w: int, h: int, r: int) -> np.ndarray:
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 255, -1)
    cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (w - 1 - r, h - 1 - r), (r, h - 1 - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    return mask


def _card_face(rng: np.random.Generator, w: int, h: int, tint: tuple[int, int, int]) -> np.ndarray:
    face = np.empty((h, w, 3), np.float32)
    face[:] = tint
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    face += (4 * np.sin(xx * 0.2 + 3 * np.sin(yy * 0.09)))[..., None]  # a guilloche's faint waves
    red, dark = (40, 40, 190), (50, 45, 40)
    cv2.circle(face, (int(0.1 * w), int(0.16 * h)), int(0.08 * h), (30, 160, 220), -1)
    for k in range(2):
        y = int((0.1 + 0.08 * k) * h)
        cv2.line(face, (int(0.22 * w), y), (int(0.8 * w), y), red, max(1, h // 60))
    cv2.rectangle(face, (int(0.05 * w), int(0.34 * h)), (int(0.28 * w), int(0.86 * h)), (140, 150, 170), -1)
    for k in range(6):
        y = int((0.36 + 0.09 * k) * h)
        x1 = int((0.55 + 0.35 * rng.random()) * w)
        cv2.line(face, (int(0.33 * w), y), (x1, y), dark, max(1, h // 70))
    qx, qy, qs = int(0.8 * w), int(0.62 * h), int(0.16 * w)
    block = rng.random((7, 7)) < 0.5
    cell = max(1, qs // 7)
    for i in range(7):
        for j in range(7):
            if block[i, j]:
                face[qy + i * cell : qy + (i + 1) * cell, qx + j * cell : qx + (j + 1) * cell] = dark
    return face


def _fitted(face: np.ndarray, text: str, font: int, width: float, top: float, ink, weight: float) -> int:
    """Writes ``text`` centred across ``width`` of the face's width, its top at ``top`` of its height; returns its bottom row."""
    h, w = face.shape[:2]
    (tw, _), _ = cv2.getTextSize(text, font, 1.0, 1)
    scale = width * w / tw
    thick = max(1, int(round(weight * scale)))
    (tw, th), _ = cv2.getTextSize(text, font, scale, thick)
    y = int(top * h) + th
    cv2.putText(face, text, ((w - tw) // 2, y), font, scale, ink, thick, cv2.LINE_AA)
    return y


def _ticket_face(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A thermal queue ticket: a heading, a big number, the counter's name and a line of small print."""
    face = np.full((h, w, 3), (244, 246, 246), np.float32)
    ink = (45, 45, 45)
    _fitted(face, "SO THU TU", cv2.FONT_HERSHEY_SIMPLEX, 0.55, 0.08, ink, 1.5)
    bottom = _fitted(face, f"{int(rng.integers(1, 999)):04d}", cv2.FONT_HERSHEY_DUPLEX, 0.75, 0.25, ink, 2.5)
    _fitted(face, "Quay 3 - Tu phap", cv2.FONT_HERSHEY_SIMPLEX, 0.6, bottom / h + 0.08, ink, 1.2)
    _fitted(face, "Vui long cho goi so", cv2.FONT_HERSHEY_SIMPLEX, 0.65, bottom / h + 0.2, ink, 1.0)
    return face


def _place(
    frame: np.ndarray,
    face: np.ndarray,
    mask: np.ndarray,
    centre: tuple[float, float],
    angle: float,
    shadow: tuple[float, float],
    rim: float,
) -> np.ndarray:
    """Lays ``face`` (its ``mask``) turned by ``angle`` at ``centre``, a soft shadow moved by ``shadow``; its corners."""
    h, w = mask.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot[:, 2] += (centre[0] - w / 2, centre[1] - h / 2)
    fh, fw = frame.shape[:2]
    moved = rot.copy()
    moved[:, 2] += shadow
    sh = cv2.warpAffine(mask, moved, (fw, fh)).astype(np.float32) / 255
    sh = cv2.GaussianBlur(sh, (0, 0), 3.0)
    frame *= (1 - 0.5 * sh)[..., None]
    alpha = cv2.warpAffine(mask, rot, (fw, fh), flags=cv2.INTER_LINEAR).astype(np.float32) / 255
    warped = cv2.warpAffine(face, rot, (fw, fh), flags=cv2.INTER_LINEAR)
    if rim:
        # the lit edge of the card's thickness: a thin bright line round it
        edge = cv2.morphologyEx((alpha > 0.5).astype(np.uint8), cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
        warped = warped + rim * cv2.GaussianBlur(edge.astype(np.float32), (0, 0), 0.7)[..., None]
    frame[:] = frame * (1 - alpha[..., None]) + warped * alpha[..., None]
    return cv2.transform(np.array([[[0, 0], [w, 0], [w, h], [0, h]]], np.float32), rot)[0]


def tray_card(
    seed: int,
    texture_name: str,
    tint: str,
    share: float = 0.03,
    ticket: bool = False,
    warm: bool = True,
    lamp_away: bool = False,
) -> Scene:
    """A card of ``tint`` alone on ``texture_name``, ``share`` of the frame (or beside a queue ticket).

    ``lamp_away``: a desk lamp's bright spot on the far side of the tray from the card.
    """
    rng = np.random.default_rng(seed)
    frame = texture(texture_name, rng).astype(np.float32)
    long_px = float(np.sqrt(share * W * H * CARD_MM[0] / CARD_MM[1]))
    mm = long_px / CARD_MM[0]
    cw, ch = int(round(CARD_MM[0] * mm)), int(round(CARD_MM[1] * mm))
    light_dir = rng.uniform(-1, 1, 2)
    light_dir /= max(float(np.linalg.norm(light_dir)), 1e-6)
    shadow = tuple(float(v) for v in -light_dir * 1.5 * mm)
    # the card in the frame's left or right half, the ticket (if any) in the other
    left = rng.random() < 0.5
    cx = float(rng.uniform(0.18, 0.38) if left else rng.uniform(0.62, 0.82)) * W
    cy = float(rng.uniform(0.25, 0.75)) * H
    ticket_at = None
    if ticket:
        tw, th = int(float(rng.uniform(58, 80)) * mm), int(float(rng.uniform(60, 120)) * mm)
        tx = float(rng.uniform(0.62, 0.8) if left else rng.uniform(0.2, 0.38)) * W
        ty = float(rng.uniform(0.3, 0.7)) * H
        ticket_at = _place(
            frame, _ticket_face(rng, tw, th), np.full((th, tw), 255, np.uint8), (tx, ty),
            float(rng.uniform(-40, 40)), tuple(0.4 * v for v in shadow), 0.0,
        )  # fmt: skip
    face = _card_face(rng, cw, ch, TINTS[tint])
    card = _place(
        frame, face, _rounded_mask(cw, ch, int(round(CARD_RADIUS_MM * mm))), (cx, cy),
        float(rng.uniform(-30, 30)), shadow, 25.0,
    )  # fmt: skip
    # the light: a room's dim level, a lamp's bright spot somewhere on the tray (warm or neutral)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    lx, ly = float(rng.uniform(0.1, 0.9)) * W, float(rng.uniform(0.1, 0.9)) * H
    if lamp_away:
        lx, ly = W - cx + float(rng.uniform(-0.1, 0.1)) * W, H - cy
    spot = np.exp(-((xx - lx) ** 2 + (yy - ly) ** 2) / (2 * (float(rng.uniform(0.12, 0.3)) * W) ** 2))
    level = float(rng.uniform(0.45, 0.75)) + float(rng.uniform(0.35, 1.2)) * spot
    # a warm lamp (about 2700 K) tints the whole tray, the card with it
    colour = np.array((0.62, 0.86, 1.12) if warm else (1.0, 1.0, 1.0), np.float32)
    frame = frame * level[..., None] * colour[None, None]
    frame = cv2.GaussianBlur(frame, (0, 0), 0.8) + rng.normal(0, 2.5, frame.shape).astype(np.float32)
    image = np.clip(frame, 0, 255).astype(np.uint8)
    return Scene(image, card.astype(np.float32), None if ticket_at is None else ticket_at.astype(np.float32))
