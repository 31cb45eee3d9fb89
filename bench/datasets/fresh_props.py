"""What lies on or over the counter of the fresh set: surfaces, photographs, objects, hands.

Photographs come from the Debian package ``lomiri-wallpapers-16.04`` (Ubuntu Touch's
wallpapers: a red bowl on concrete, paint brushes, a living room, a bridge, leaves,
mountains, dandelions, a clock, dogs at a wooden fence, a stream; CC-BY-4.0, CC-BY-SA-4.0
and CC0-1.0 per /usr/share/doc/lomiri-wallpapers-16.04/copyright). No other document set
uses them. Everything else is procedural: laminate, woven mat, granite, brushed-metal tray,
glass with window reflections, melamine; boxes (phone, book, keyboard, tablet) with visible
sides, flat envelopes and folders, pens, loose sheets; hands made of ellipse chains with
nails, knuckle creases and shading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

from bench.datasets.fresh_paper import font

PHOTO_PACKAGE = "lomiri-wallpapers-16.04"
PHOTO_DIR = Path("/usr/share/backgrounds")
# photographs only: the package's two abstract pictures (umang, analogpattern) are left out
PHOTOS = (
    "Picture_0B_by_freespace.jpg",
    "Picture_1A_by_freespace.jpg",
    "Wine_by_Jakkub_Mede.jpg",
    "Bridge_by_Sander_Klootwijk.jpg",
    "Dragonfly_by_Bolly.jpg",
    "aitzgorri_by_Aitzol_Berasategi.jpg",
    "free_by_Peter_Nerlich.jpg",
    "friends_by_Aitzol_Berasategi.jpg",
    "greentock_by_Peter_Nerlich.jpg",
    "life_by_Aitzol_Berasategi.jpg",
    "picosdeeuropa_by_Aitzol_Berasategi.jpg",
    "seeding_by_Clements_Engelhardt.jpg",
    "sunset_by_Aitzol_Berasategi.jpg",
)

# the ones that pass for a room behind the counter
INDOOR = (
    "Wine_by_Jakkub_Mede.jpg",
    "free_by_Peter_Nerlich.jpg",
    "friends_by_Aitzol_Berasategi.jpg",
    "greentock_by_Peter_Nerlich.jpg",
    "Picture_1A_by_freespace.jpg",
)

SKIN = (
    (120, 150, 200),
    (105, 140, 190),
    (90, 125, 175),
    (70, 100, 150),
    (55, 80, 125),
    (40, 60, 95),
    (135, 165, 215),
)


@cache
def photo(name: str) -> np.ndarray:
    """One photograph, BGR, long side at most 1800 px (read once per process)."""
    p = PHOTO_DIR / name
    img = cv2.imread(str(p), cv2.IMREAD_COLOR)
    if img is None:
        raise FileNotFoundError(
            f"{p}: missing. The fresh document set needs the photographs of the Debian package "
            f"{PHOTO_PACKAGE}: apt-get install -y {PHOTO_PACKAGE} (setup.sh installs it)"
        )
    k = 1800 / max(img.shape[:2])
    if k < 1:
        img = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    return img


def check_photos() -> None:
    missing = [n for n in PHOTOS if not (PHOTO_DIR / n).exists()]
    if missing:
        raise FileNotFoundError(
            f"{len(missing)} photograph(s) missing from {PHOTO_DIR} (e.g. {missing[0]}): "
            f"install the Debian package {PHOTO_PACKAGE} (apt-get install -y {PHOTO_PACKAGE})"
        )


def photo_crop(rng: np.random.Generator, h: int, w: int, name: str | None = None) -> np.ndarray:
    """A random crop (zoom 1–2.2×, possibly mirrored or turned) of a photograph, resized to h × w."""
    img = photo(name or str(rng.choice(PHOTOS)))
    if rng.random() < 0.3:
        img = np.ascontiguousarray(np.rot90(img, int(rng.integers(1, 4))))
    if rng.random() < 0.5:
        img = img[:, ::-1]
    ih, iw = img.shape[:2]
    aspect = w / h
    zoom = rng.uniform(1.0, 2.2)
    ch = ih / zoom
    cw = ch * aspect
    if cw > iw:
        cw = iw
        ch = cw / aspect
    y0 = rng.uniform(0, ih - ch)
    x0 = rng.uniform(0, iw - cw)
    crop = img[int(y0) : int(y0 + ch), int(x0) : int(x0 + cw)]
    return cv2.resize(crop, (w, h), interpolation=cv2.INTER_AREA if cw > w else cv2.INTER_CUBIC)


def _noise(rng: np.random.Generator, h: int, w: int, cell: float) -> np.ndarray:
    """Smooth value noise with features about ``cell`` px across, zero mean, unit-ish std."""
    gh, gw = max(2, int(h / cell) + 2), max(2, int(w / cell) + 2)
    n = cv2.resize(rng.standard_normal((gh, gw)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    return n / max(float(n.std()), 1e-6)


def surface(kind: str, rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A counter surface as a BGR uint8 texture, h × w."""
    if kind == "photo":
        return photo_crop(rng, h, w)
    if kind in ("fabric", "granite"):
        return _surface(kind, rng, h, w)
    # smooth surfaces are made at half size: the camera's own blur hides the difference
    return cv2.resize(_surface(kind, rng, (h + 1) // 2, (w + 1) // 2), (w, h), interpolation=cv2.INTER_LINEAR)


def _surface(kind: str, rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    if kind == "laminate":
        # printed wood-grain laminate: long streaks along one axis, a low-frequency figure
        base = np.array(
            rng.choice([(70, 110, 160), (95, 140, 185), (60, 85, 120), (150, 170, 190)]), np.float32
        )
        streak = cv2.resize(
            rng.standard_normal((h // 3 + 1, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR
        )
        figure = _noise(rng, h, w, 220)
        lum = 1 + 0.06 * streak + 0.05 * np.sin(figure * 3 + np.linspace(0, 9, w)[None, :])
        img = base * lum[..., None]
        if rng.random() < 0.5:
            img = np.ascontiguousarray(np.transpose(img, (1, 0, 2)))
            img = cv2.resize(img, (w, h))
    elif kind == "fabric":
        base = np.array(
            rng.choice([(60, 40, 30), (40, 70, 40), (110, 60, 50), (80, 80, 85), (50, 50, 120)]), np.float32
        )
        period = rng.uniform(3.5, 7)
        y = np.arange(h, dtype=np.float32)[:, None]
        x = np.arange(w, dtype=np.float32)[None, :]
        ang = rng.uniform(0, np.pi)
        u = x * np.float32(np.cos(ang)) + y * np.float32(np.sin(ang))
        v = y * np.float32(np.cos(ang)) - x * np.float32(np.sin(ang))
        su, sv = np.sin(u * np.float32(2 * np.pi / period)), np.sin(v * np.float32(2 * np.pi / period))
        # over-under weave: threads alternate, each rounded across its width
        lum = 0.82 + 0.1 * np.sign(su * sv) * (0.5 + 0.5 * np.abs(su)) + 0.05 * _noise(rng, h, w, 40)
        img = base * lum[..., None]
    elif kind == "granite":
        base = np.array([rng.uniform(90, 190)] * 3, np.float32) * np.array([1, 1.02, 1.05], np.float32)
        img = base * (1 + 0.08 * _noise(rng, h, w, 60))[..., None]
        grains = rng.random((h // 2, w // 2)).astype(np.float32)
        grains = cv2.resize(grains, (w, h), interpolation=cv2.INTER_NEAREST)
        img[grains > 0.93] *= 0.35
        img[grains < 0.05] = img[grains < 0.05] * 0.5 + 120
        img = cv2.GaussianBlur(img, (0, 0), 0.7)
    elif kind == "metal":
        # brushed stainless tray: fine streaks in one direction, a broad sheen across
        lvl = rng.uniform(110, 175)
        brushed = cv2.resize(
            rng.standard_normal((h, max(2, w // 40))).astype(np.float32),
            (w, h),
            interpolation=cv2.INTER_LINEAR,
        )
        sheen = np.exp(-(((np.linspace(-1, 1, w) - rng.uniform(-0.6, 0.6)) / rng.uniform(0.25, 0.6)) ** 2))
        lum = lvl * (1 + 0.05 * brushed) + 60 * sheen[None, :]
        img = np.repeat(lum[..., None], 3, 2) * np.array([1.03, 1.0, 0.97], np.float32)
        if rng.random() < 0.5:
            img = cv2.resize(np.ascontiguousarray(np.transpose(img, (1, 0, 2))), (w, h))
    elif kind == "glass":
        # dark glass counter top: what is below is dim, windows reflect as soft bright slabs
        img = photo_crop(rng, h, w).astype(np.float32) * rng.uniform(0.15, 0.35) + np.array(
            [30, 35, 25], np.float32
        )
        for _ in range(int(rng.integers(1, 4))):
            poly = np.array([[rng.uniform(0, w), rng.uniform(0, h)] for _ in range(4)], np.float32)
            c = poly.mean(0)
            poly = c + (poly - c) * np.array([rng.uniform(0.3, 0.8), rng.uniform(0.3, 0.8)])
            m = np.zeros((h, w), np.float32)
            cv2.fillPoly(m, [poly.astype(np.int32)], 1.0, cv2.LINE_AA)
            m = cv2.GaussianBlur(m, (0, 0), rng.uniform(4, 30))
            img += m[..., None] * rng.uniform(60, 140)
    elif kind == "melamine":
        # white or cream counter (for paper on a pale surface)
        c = rng.choice([(238, 242, 245), (215, 232, 240), (225, 235, 238), (200, 222, 235)])
        img = (
            np.array(c, np.float32)
            * (1 + 0.012 * _noise(rng, h, w, 90) + 0.006 * rng.standard_normal((h, w)).astype(np.float32))[
                ..., None
            ]
        )
    elif kind == "grey_tray":
        lvl = rng.uniform(140, 180)
        img = np.full((h, w, 3), lvl, np.float32) * (1 + 0.02 * _noise(rng, h, w, 50))[..., None]
    else:
        raise ValueError(f"unknown surface {kind!r}")
    return np.clip(img, 0, 255).astype(np.uint8)


def rgba(bgr: np.ndarray, alpha: np.ndarray | None = None) -> np.ndarray:
    """Premultiplied RGBA from BGR and an optional 0..255 alpha."""
    if alpha is None:
        return np.concatenate([np.asarray(bgr, np.uint8), np.full((*bgr.shape[:2], 1), 255, np.uint8)], 2)
    a = alpha.astype(np.float32)[..., None] / 255
    return np.concatenate([np.round(bgr.astype(np.float32) * a).astype(np.uint8), alpha[..., None]], 2)


def _round_rect(h: int, w: int, r: int) -> np.ndarray:
    m = np.zeros((h, w), np.uint8)
    r = max(1, min(r, h // 2 - 1, w // 2 - 1))
    cv2.rectangle(m, (r, 0), (w - 1 - r, h - 1), 255, -1)
    cv2.rectangle(m, (0, r), (w - 1, h - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (w - 1 - r, h - 1 - r), (r, h - 1 - r)):
        cv2.circle(m, (cx, cy), r, 255, -1, cv2.LINE_AA)
    return m


# --- objects: (top texture BGR+alpha, size mm (w, h), height mm, side colour) ------------------
PPM_OBJ = 3.0


def phone(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(68, 78), rng.uniform(140, 162)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    img = np.full((H, W, 3), rng.choice([15, 30, 200]), np.float32)
    sx, sy = int(3 * PPM_OBJ), int(6 * PPM_OBJ)
    if rng.random() < 0.5:  # screen on: a photo
        img[sy : H - sy, sx : W - sx] = photo_crop(rng, H - 2 * sy, W - 2 * sx) * rng.uniform(0.6, 1.0)
    else:
        img[sy : H - sy, sx : W - sx] = 12
        g = np.linspace(0, 1, W - 2 * sx)[None, :, None] * rng.uniform(10, 50)
        img[sy : H - sy, sx : W - sx] += g
    return (
        rgba(np.clip(img, 0, 255), _round_rect(H, W, int(9 * PPM_OBJ))),
        (w, h),
        rng.uniform(7, 10),
        (40, 40, 45),
    )


def book(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(130, 170), rng.uniform(190, 240)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    col = np.array([rng.uniform(20, 200), rng.uniform(20, 200), rng.uniform(20, 200)], np.float32)
    img = np.ones((H, W, 3), np.float32) * col
    if rng.random() < 0.5:
        ph = int(H * 0.45)
        img[int(H * 0.3) : int(H * 0.3) + ph, int(W * 0.1) : int(W * 0.9)] = photo_crop(
            rng, ph, int(W * 0.9) - int(W * 0.1)
        )
    im = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)[..., ::-1].copy())
    d = ImageDraw.Draw(im)
    title = str(rng.choice(("LUẬT HỘ TỊCH", "SỔ TAY CÔNG DÂN", "TIẾNG VIỆT 5", "LỊCH SỬ", "NẤU ĂN")))
    f = font("NotoSans-Bold.ttf", 26)
    d.text((W * 0.1, H * 0.1), title, font=f, fill=(250, 250, 240) if col.mean() < 120 else (20, 20, 20))
    return rgba(np.array(im)[..., ::-1]), (w, h), rng.uniform(12, 35), (235, 238, 240)


def keyboard(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(360, 440), rng.uniform(115, 140)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    dark = rng.random() < 0.6
    body = 35 if dark else 210
    img = np.full((H, W, 3), body, np.uint8)
    k = int(17 * PPM_OBJ)
    g = int(2 * PPM_OBJ)
    for r in range(6):
        for c in range(int((W - g) // (k + g))):
            x, y = g + c * (k + g) + (r % 2) * g, g + r * (k + g)
            if y + k > H or x + k > W:
                continue
            cv2.rectangle(img, (x, y), (x + k, y + k), (55,) * 3 if dark else (240,) * 3, -1)
            cv2.rectangle(img, (x + 2, y + k - 4), (x + k - 2, y + k), (25,) * 3 if dark else (190,) * 3, -1)
    return (
        rgba(img, _round_rect(H, W, int(4 * PPM_OBJ))),
        (w, h),
        rng.uniform(18, 28),
        (30, 30, 30) if dark else (200, 200, 200),
    )


def tablet(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(170, 250), rng.uniform(240, 330)
    if rng.random() < 0.5:
        w, h = h, w
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    img = np.full((H, W, 3), 20, np.float32)
    b = int(10 * PPM_OBJ)
    img[b : H - b, b : W - b] = photo_crop(rng, H - 2 * b, W - 2 * b) * rng.uniform(0.5, 0.95)
    return (
        rgba(np.clip(img, 0, 255), _round_rect(H, W, int(10 * PPM_OBJ))),
        (w, h),
        rng.uniform(7, 12),
        (60, 60, 65),
    )


def envelope(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.choice([(220, 110), (229, 162), (250, 353)])
    w, h = float(w), float(h)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    col = np.array(rng.choice([(95, 150, 190), (120, 170, 205), (160, 200, 230), (70, 140, 200)]), np.float32)
    img = (np.ones((H, W, 3), np.float32) * col).astype(np.uint8)
    cv2.line(img, (0, 0), (W // 2, int(H * 0.55)), tuple(int(v * 0.8) for v in col), 2, cv2.LINE_AA)
    cv2.line(img, (W, 0), (W // 2, int(H * 0.55)), tuple(int(v * 0.8) for v in col), 2, cv2.LINE_AA)
    return rgba(img), (w, h), 1.5, tuple(int(v) for v in col)


def folder(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(235, 250), rng.uniform(315, 330)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    col = np.array(
        rng.choice([(200, 90, 30), (40, 40, 200), (40, 160, 40), (30, 200, 230), (150, 60, 150)]), np.float32
    )
    img = np.ones((H, W, 3), np.float32) * col
    img *= (1 + 0.04 * _noise(rng, H, W, 60))[..., None]
    cv2.circle(
        img, (W // 2, int(H * 0.92)), int(4 * PPM_OBJ), tuple(float(v * 0.6) for v in col), -1, cv2.LINE_AA
    )
    return (
        rgba(np.clip(img, 0, 255).astype(np.uint8), _round_rect(H, W, int(6 * PPM_OBJ))),
        (w, h),
        3.0,
        tuple(int(v * 0.8) for v in col),
    )


def loose_sheet(
    rng: np.random.Generator,
) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = (210.0, 297.0) if rng.random() < 0.6 else (148.0, 210.0)
    W, H = int(w * PPM_OBJ), int(h * PPM_OBJ)
    c = rng.uniform(225, 250)
    img = np.full((H, W, 3), c, np.float32) * np.array([1.0, 1.0, rng.uniform(0.97, 1.02)])
    img = img.astype(np.uint8)
    for y in range(int(25 * PPM_OBJ), H - int(25 * PPM_OBJ), int(rng.uniform(6, 9) * PPM_OBJ)):
        if rng.random() < 0.8:
            x1 = int(W * rng.uniform(0.4, 0.88))
            cv2.line(img, (int(20 * PPM_OBJ), y), (x1, y), (90, 90, 90), 2)
    return rgba(img), (w, h), 0.3, (int(c),) * 3


def pen(rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, float], float, tuple[int, int, int]]:
    w, h = rng.uniform(130, 150), rng.uniform(8, 11)
    W, H = int(w * 6), int(h * 6)
    col = np.array(rng.choice([(160, 60, 20), (20, 20, 20), (30, 30, 170), (220, 220, 220)]), np.float32)
    y = np.linspace(-1, 1, H)[:, None]
    shade = 0.55 + 0.6 * np.sqrt(np.clip(1 - y * y, 0, 1)) + 0.5 * np.exp(-(((y + 0.35) / 0.12) ** 2))
    img = col * np.ones((H, W, 3), np.float32) * shade[..., None]
    alpha = np.full((H, W), 255, np.uint8)
    tip = int(W * 0.1)
    xs = np.arange(tip)
    half = (xs / tip) * H / 2
    for x in range(tip):
        alpha[: max(0, int(H / 2 - half[x])), x] = 0
        alpha[int(H / 2 + half[x]) :, x] = 0
    img[:, : tip // 3] = 200 * shade[..., None]  # metal point
    return rgba(np.clip(img, 0, 255).astype(np.uint8), alpha), (w, h), rng.uniform(4, 8), (0, 0, 0)


MAKERS = {
    "phone": phone,
    "book": book,
    "keyboard": keyboard,
    "tablet": tablet,
    "envelope": envelope,
    "folder": folder,
    "sheet": loose_sheet,
    "pen": pen,
}


# --- hands ---------------------------------------------------------------------------------
PPM_HAND = 3.0


@dataclass
class Hand:
    """A right or left hand seen from above, in its own millimetre frame (fingers along +x).

    ``top`` holds what lies over the document (the thumb, or every finger when they cross the
    sheet); ``under`` the rest of the hand when the fingers hold the sheet from below (drawn
    before the sheet, so the sheet hides them). ``anchor``/``heading``: the point (mm) to put
    on the sheet and the direction (radians, in the hand's frame) that must point inwards.
    """

    top: np.ndarray
    under: np.ndarray | None
    anchor: np.ndarray
    heading: float


def _phalanges(mask: np.ndarray, pts: list[np.ndarray], widths: list[float]) -> None:
    """A finger as a chain of ellipses (one per phalanx) over a rounded core, slight knuckle waists."""
    k = PPM_HAND * 4  # texels per mm in quarter-texel fixed point (shift=2)
    for p0, p1, wd in zip(pts[:-1], pts[1:], widths, strict=False):
        c = (p0 + p1) / 2
        ln = float(np.hypot(*(p1 - p0)))
        ang = float(np.degrees(np.arctan2(*(p1 - p0)[::-1])))
        cv2.ellipse(
            mask,
            (int(c[0] * k), int(c[1] * k)),
            (int((ln / 2 + wd * 0.3) * k), int(wd / 2 * k)),
            ang,
            0,
            360,
            255,
            -1,
            cv2.LINE_AA,
            2,
        )
        q0, q1 = (p0 * PPM_HAND).astype(int), (p1 * PPM_HAND).astype(int)
        cv2.line(mask, tuple(q0), tuple(q1), 255, max(1, int(wd * 0.86 * PPM_HAND)), cv2.LINE_AA)


def _finger_chain(base: np.ndarray, ang: float, lengths: list[float], curl: float) -> list[np.ndarray]:
    pts = [base]
    p = base.copy()
    for ln in lengths:
        p = p + ln * np.array([np.cos(ang), np.sin(ang)])
        pts.append(p)
        ang += curl
    return pts


def _skin(mask: np.ndarray, skin: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Rounded shading from the distance to the outline, a faint mottling."""
    dist = cv2.distanceTransform((mask > 127).astype(np.uint8), cv2.DIST_L2, 3) / PPM_HAND
    shade = 0.6 + 0.4 * np.clip(dist / 8.0, 0, 1) ** 0.5
    img = skin[None, None, :] * shade[..., None]
    mott = cv2.GaussianBlur(rng.standard_normal(mask.shape).astype(np.float32), (0, 0), 3)
    return img * (1 + 0.25 * mott)[..., None]


def _nail(img: np.ndarray, p0: np.ndarray, p1: np.ndarray, wd: float, skin: np.ndarray) -> None:
    d = (p1 - p0) / np.linalg.norm(p1 - p0)
    c = p1 - d * wd * 0.25
    ang = float(np.degrees(np.arctan2(d[1], d[0])))
    k = PPM_HAND
    cv2.ellipse(
        img,
        tuple((c * k).astype(int)),
        (int(wd * 0.5 * k), int(wd * 0.36 * k)),
        ang,
        0,
        360,
        tuple(float(v) for v in np.minimum(skin * 1.2 + 25, 255)),
        -1,
        cv2.LINE_AA,
    )
    cv2.ellipse(
        img,
        tuple((c * k).astype(int)),
        (int(wd * 0.5 * k), int(wd * 0.36 * k)),
        ang,
        0,
        360,
        tuple(float(v) for v in skin * 0.7),
        1,
        cv2.LINE_AA,
    )
    tip = c + d * wd * 0.38
    cv2.ellipse(
        img,
        tuple((tip * k).astype(int)),
        (int(wd * 0.12 * k), int(wd * 0.33 * k)),
        ang,
        -90,
        90,
        (230, 238, 245),
        -1,
        cv2.LINE_AA,
    )


def hand(rng: np.random.Generator, grip: str) -> Hand:
    """grip: "fingers" (2–4 fingers over the sheet), "thumb" (thumb on top, fingers below) or "rest"."""
    Wmm, Hmm = 420.0, 240.0
    W, H = int(Wmm * PPM_HAND), int(Hmm * PPM_HAND)
    cy = Hmm / 2
    side = 1 if rng.random() < 0.5 else -1  # right or left hand: which side the thumb is on
    skin = np.array(SKIN[int(rng.integers(len(SKIN)))], np.float32) * rng.uniform(0.92, 1.08)
    body = np.zeros((H, W), np.uint8)
    kx = 290.0  # knuckle line
    wrist, arm = rng.uniform(27, 32), rng.uniform(33, 40)
    poly = np.array(
        [
            [0, cy - arm],
            [190, cy - wrist],
            [kx, cy - 42],
            [kx + 6, cy - 20],
            [kx + 6, cy + 20],
            [kx, cy + 42],
            [190, cy + wrist],
            [0, cy + arm],
        ]
    )
    cv2.fillPoly(body, [(poly * PPM_HAND).astype(np.int32)], 255, cv2.LINE_AA)
    body = cv2.threshold(cv2.GaussianBlur(body, (0, 0), 6 * PPM_HAND), 110, 255, cv2.THRESH_BINARY)[1]
    fingers = np.zeros_like(body)
    nails: list[tuple[np.ndarray, np.ndarray, float]] = []
    creases: list[tuple[np.ndarray, float, float]] = []
    tips = []
    offsets = np.array([-28.5, -9.5, 9.5, 28.5]) * side * -1
    lens = (0.92, 1.0, 0.95, 0.78)
    n_f = {"fingers": int(rng.integers(2, 5)), "thumb": 4, "rest": 4}[grip]
    spread = rng.uniform(0.05, 0.3)
    for i in range(4):
        L = rng.uniform(72, 86) * lens[i]
        curl = 0.0 if grip != "thumb" else 0.9  # fingers bent under the sheet
        if grip == "fingers" and i >= n_f:
            curl = 1.2  # folded back into the palm
        base = np.array([kx - 4, cy + offsets[i]])
        ang = offsets[i] / 30 * spread * side * -1 * -1 + rng.normal(0, 0.04)
        wd = rng.uniform(16, 19) * (0.85 if i == 3 else 1)
        seg = [0.45 * L, 0.3 * L, 0.25 * L] if curl < 1 else [0.45 * L * 0.6, 0.2 * L]
        pts = _finger_chain(base, ang, seg, curl * 0.5)
        _phalanges(fingers, pts, [wd, wd * 0.93, wd * 0.86])
        if curl < 1:
            tips.append(pts[-1])
            nails.append((pts[-2], pts[-1], wd * 0.86))
            creases += [(pts[1], ang, wd), (pts[2], ang + curl * 0.5, wd * 0.93)]
    thumb = np.zeros_like(body)
    tb = np.array([215.0, cy + side * 28])
    t_ang = side * rng.uniform(0.35, 0.8)  # out to the thumb's own side of the hand
    tl = rng.uniform(60, 72)
    tpts = _finger_chain(tb, t_ang, [0.5 * tl, 0.28 * tl, 0.22 * tl], -side * 0.25)
    _phalanges(thumb, tpts, [27, 23, 21])
    nails_t = [(tpts[-2], tpts[-1], 19.0)]

    def paint(mask: np.ndarray, nl: list) -> np.ndarray:
        img = _skin(mask, skin, rng)
        for p0, p1, wd in nl:
            _nail(img, p0, p1, wd, skin)
        for p, a, w0 in creases:
            n = np.array([-np.sin(a), np.cos(a)]) * w0 * 0.3
            cv2.line(
                img,
                tuple(((p - n) * PPM_HAND).astype(int)),
                tuple(((p + n) * PPM_HAND).astype(int)),
                tuple(float(v) for v in skin * 0.6),
                1,
                cv2.LINE_AA,
            )
        m = cv2.GaussianBlur(mask, (0, 0), 0.7)
        return rgba(np.clip(img, 0, 255).astype(np.uint8), m)

    if grip == "thumb":
        rest = np.maximum(body, fingers)
        rest[thumb > 0] = 0
        top = paint(thumb, nails_t)
        under = paint(rest, [])
        d = tpts[-1] - tpts[-2]
        return Hand(top, under, tpts[-1], float(np.arctan2(d[1], d[0])))
    allm = np.maximum(np.maximum(body, fingers), thumb)
    top = paint(allm, nails + nails_t)
    anchor = np.mean(tips, 0) if tips else tpts[-1]
    return Hand(top, None, anchor, 0.0)
