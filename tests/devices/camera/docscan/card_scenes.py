"""Test frames of an ID-1 card lying on a printed form, made here (numpy/OpenCV), not by any benchmark generator.

The scene is laid out flat on the tray's plane in millimetres (a form, the card on it with its
rounded corners and a soft shadow on the side away from the light), then seen through a random
homography, with a light falling off across the frame and sensor noise. The card is a pastel
front (a tint, a fine wave pattern, a photo box, lines of print, a QR-like block) or a pale back
(a gold chip, three lines of machine-readable print). ``printed_photo`` draws instead a box of the
card's own proportions printed on the form: square corners, no shadow, no rim.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CARD_MM = (85.6, 53.98)
CARD_RADIUS_MM = 3.18
PX_PER_MM = 4.0  # of the flat layout, before the camera's view


@dataclass(frozen=True)
class Scene:
    image: np.ndarray
    card: np.ndarray | None  # 4×2, frame pixels, where the straight sides meet (None: no card)
    form: np.ndarray  # 4×2, frame pixels


def _form(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A form: an off-white ground, a title, label lines with filled-in words, a ruled table, a stamp."""
    tone = int(rng.integers(232, 250))
    page = np.full((h, w, 3), (tone - int(rng.integers(0, 8)), tone, tone), np.uint8)
    font = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX)
    ink = (30, 30, 30)
    cv2.putText(page, "DON DE NGHI CAP BAN SAO", (int(0.18 * w), int(0.07 * h)), font[1], 1.6, ink, 3)
    y = int(0.13 * h)
    while y < 0.62 * h:
        words = "".join(chr(int(c)) for c in rng.integers(97, 123, int(rng.integers(8, 30))))
        cv2.putText(page, "Muc " + words, (int(0.08 * w), y), font[int(rng.integers(0, 3))], 0.9, ink, 2)
        filled = (140, 40, 30) if rng.random() < 0.5 else ink
        cv2.putText(page, words[::-1], (int(0.5 * w), y), font[0], 0.9, filled, 2)
        y += int(rng.integers(34, 48))
    top, left, right = int(0.66 * h), int(0.08 * w), int(0.92 * w)
    for k in range(5):
        cv2.line(page, (left, top + 40 * k), (right, top + 40 * k), ink, 2)
    for x in (left, int(0.2 * w), int(0.7 * w), right):
        cv2.line(page, (x, top), (x, top + 160), ink, 2)
    cv2.circle(page, (int(0.72 * w), int(0.92 * h)), 60, (40, 40, 200), 4)
    return page


def _card_face(rng: np.random.Generator, w: int, h: int, back: bool) -> np.ndarray:
    if back:
        face = np.full((h, w, 3), (222, 226, 224), np.uint8)
        cv2.rectangle(
            face, (int(0.08 * w), int(0.18 * h)), (int(0.22 * w), int(0.38 * h)), (60, 170, 210), -1
        )
        for k in range(3):
            text = "".join(chr(int(c)) for c in rng.integers(65, 91, 30)).replace("Q", "<")
            cv2.putText(
                face,
                text,
                (int(0.05 * w), int((0.68 + 0.1 * k) * h)),
                cv2.FONT_HERSHEY_PLAIN,
                1.5,
                (40, 40, 40),
                2,
            )
        return face
    tint = np.array([rng.integers(200, 236), rng.integers(215, 240), rng.integers(170, 215)], np.float32)
    if rng.random() < 0.5:
        tint = tint[::-1].copy()
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    wave = 10 * np.sin(xx * 0.11 + 6 * np.sin(yy * 0.05)) * np.sin(yy * 0.07)
    face = np.clip(tint[None, None, :] + wave[..., None], 0, 255).astype(np.uint8)
    cv2.rectangle(face, (int(0.05 * w), int(0.3 * h)), (int(0.28 * w), int(0.8 * h)), (120, 130, 150), -1)
    cv2.rectangle(face, (int(0.05 * w), int(0.83 * h)), (int(0.2 * w), int(0.97 * h)), (20, 20, 20), -1)
    for k in range(6):
        y = int((0.3 + 0.1 * k) * h)
        cv2.line(face, (int(0.34 * w), y), (int((0.6 + 0.3 * rng.random()) * w), y), (50, 40, 90), 3)
    return face


def _rounded_mask(w: int, h: int, r: int) -> np.ndarray:
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 255, -1)
    cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (w - 1 - r, h - 1 - r), (r, h - 1 - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    return mask


def card_on_form(seed: int, back: bool = False, printed_photo: bool = False, size: float = 1.0) -> Scene:
    """A card (or, ``printed_photo``, a card-sized box printed on the form) on an A4 form on a dark tray.

    ``size``: the whole scene's scale in the frame (1.0: the form about 80 % of the frame's height).
    """
    rng = np.random.default_rng(seed)
    mm = PX_PER_MM
    tray_w, tray_h = int(480 * mm), int(360 * mm)
    grey = int(rng.integers(45, 95))
    tray = np.full((tray_h, tray_w, 3), (grey, grey + 4, grey + 8), np.float32)
    tray += rng.normal(0, 4, tray.shape).astype(np.float32)
    fw, fh = int(210 * mm), int(297 * mm)
    form = _form(rng, fw, fh).astype(np.float32)
    cw, ch = int(CARD_MM[0] * mm), int(CARD_MM[1] * mm)
    # the card somewhere on the form's upper two thirds, turned a little
    angle = float(rng.uniform(-25, 25))
    cx, cy = float(rng.uniform(0.35, 0.65) * fw), float(rng.uniform(0.25, 0.6) * fh)
    rot = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
    rot[:, 2] += (cx - cw / 2, cy - ch / 2)
    card_corners = cv2.transform(np.array([[[0, 0], [cw, 0], [cw, ch], [0, ch]]], np.float32), rot)[0]
    if printed_photo:
        face = _card_face(rng, cw, ch, back=False).astype(np.float32)
        square = np.full((ch, cw), 255, np.uint8)
        cv2.warpAffine(face, rot, (fw, fh), dst=form, borderMode=cv2.BORDER_TRANSPARENT)
        inside = cv2.warpAffine(square, rot, (fw, fh)) > 0
        form[inside] = form[inside] * 0.9 + 20  # print is a little darker and duller than a card
        card_at = None
    else:
        mask = _rounded_mask(cw, ch, int(round(CARD_RADIUS_MM * mm)))
        # its shadow: the card's outline moved away from the light, blurred, darkening the form
        shift = rng.uniform(0.6, 1.6, 2) * mm * rng.choice([-1, 1], 2)
        moved = rot.copy()
        moved[:, 2] += shift
        shadow = cv2.GaussianBlur(
            cv2.warpAffine(mask, moved, (fw, fh)).astype(np.float32) / 255, (0, 0), 1.2 * mm
        )
        form *= (1 - 0.45 * shadow)[..., None]
        face = _card_face(rng, cw, ch, back).astype(np.float32)
        alpha = cv2.warpAffine(mask, rot, (fw, fh)).astype(np.float32)[..., None] / 255
        warped = cv2.warpAffine(face, rot, (fw, fh))
        form = form * (1 - alpha) + warped * alpha
        card_at = card_corners
    fx, fy = float(rng.uniform(0.2, 0.35) * tray_w), float(rng.uniform(0.01, 0.15) * tray_h)
    tray[int(fy) : int(fy) + fh, int(fx) : int(fx) + fw] = form
    form_corners = np.array([[0, 0], [fw, 0], [fw, fh], [0, fh]], np.float32) + (fx, fy)
    # the camera: the tray's plane to a 1280×960 frame, tilted and turned a little
    W, H = 1280, 960
    src = np.array([[0, 0], [tray_w, 0], [tray_w, tray_h], [0, tray_h]], np.float32)
    spread = 0.5 * (1 - size)
    dst = np.array([[0, 0], [W, 0], [W, H], [0, H]], np.float32)
    dst = dst * size + np.array([W, H], np.float32) * spread
    dst += rng.uniform(-0.05, 0.05, (4, 2)).astype(np.float32) * np.array([W, H], np.float32) * size
    m = cv2.getPerspectiveTransform(src, dst)
    frame = cv2.warpPerspective(tray, m, (W, H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1.0 - 0.25 * ((xx - rng.uniform(0, W)) ** 2 + (yy - rng.uniform(0, H)) ** 2) / (W * W)
    frame = frame * light[..., None] + rng.normal(0, 2.5, frame.shape).astype(np.float32)
    image = np.clip(frame, 0, 255).astype(np.uint8)
    to_frame = lambda q: cv2.perspectiveTransform(q.reshape(1, 4, 2).astype(np.float32), m)[0]  # noqa: E731
    return Scene(image, None if card_at is None else to_frame(card_at + (fx, fy)), to_frame(form_corners))
