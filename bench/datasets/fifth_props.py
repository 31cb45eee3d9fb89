"""Surfaces and objects of the fifth set: counter tops, photographs, trays, clutter and hands.

Photographs come from Debian's ``plasma-workspace-wallpapers`` (KDE's wallpapers; only the
photographs among them), which no other document set uses. Everything else is procedural.
Objects are 3D: boxes with textured tops, cylinders, and hands built from capsules, so they
stand above the counter, occlude in depth and cast shadows like the real thing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np

from bench.datasets import fifth_mesh as fm
from bench.datasets.fifth_docs import font
from bench.datasets.fifth_gl import Item, Material

WALLPAPERS = Path("/usr/share/wallpapers")
PACKAGE = "plasma-workspace-wallpapers"
# photographs only: the package's other pictures are drawings or abstract renders
PHOTOS = (
    "BytheWater",
    "ColdRipple",
    "ColorfulCups",
    "EveningGlow",
    "FallenLeaf",
    "Grey",
    "OneStandsOut",
    "Path",
    "summer_1am",
    "Kite",
    "DarkestHour",
)


class MissingPhotographs(RuntimeError):
    pass


@cache
def photo(name: str) -> np.ndarray:
    """The photograph as RGB uint8, at most 1920 px wide."""
    folder = WALLPAPERS / name / "contents" / "images"
    files = sorted(folder.glob("*.jpg")) + sorted(folder.glob("*.png"))
    if not files:
        raise MissingPhotographs(
            f"{folder}: no photograph; install the Debian package {PACKAGE} (setup.sh lists it)"
        )
    pick = next((f for f in files if f.name.startswith("1920x1080")), files[-1])
    img = cv2.imread(str(pick), cv2.IMREAD_COLOR)
    if img is None:
        raise MissingPhotographs(f"{pick}: unreadable; reinstall the Debian package {PACKAGE}")
    if img.shape[1] > 1920:
        img = cv2.resize(img, (1920, round(img.shape[0] * 1920 / img.shape[1])), interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def photo_crop(rng: np.random.Generator, aspect: float, name: str | None = None) -> np.ndarray:
    img = photo(name or str(rng.choice(PHOTOS)))
    h, w = img.shape[:2]
    cw = int(min(w, h * aspect) * rng.uniform(0.55, 1.0))
    ch = int(cw / aspect)
    x, y = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
    out = img[y : y + ch, x : x + cw]
    return out[:, ::-1] if rng.random() < 0.5 else out


# ---------------------------------------------------------------- procedural surfaces (RGB)


def _noise(rng: np.random.Generator, h: int, w: int, scale: float) -> np.ndarray:
    small = rng.standard_normal((max(2, int(h / scale)), max(2, int(w / scale)))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def laminate(rng: np.random.Generator, colour: tuple[int, int, int], size: int = 512) -> np.ndarray:
    base = np.full((size, size, 3), colour, np.float32)
    base += (_noise(rng, size, size, 3) * 2.0 + _noise(rng, size, size, 40) * 3.0)[..., None]
    return np.clip(base, 0, 255).astype(np.uint8)


LAMINATES = {
    "white": (236, 236, 232),
    "cream": (238, 228, 205),
    "grey": (150, 152, 155),
    "beige": (205, 185, 150),
    "dark": (55, 55, 60),
    "teal": (70, 120, 125),
    "navy": (40, 52, 85),
    "red_brown": (120, 60, 45),
}


def wood(rng: np.random.Generator, size: int = 1024) -> np.ndarray:
    """Planks of wood veneer: grain lines along x, stretched noise, a seam between planks."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    streak = cv2.resize(
        rng.standard_normal((size, 8)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC
    )
    warp = (
        cv2.resize(
            rng.standard_normal((6, 4)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC
        )
        * 18
    )
    grain = np.sin((y + warp) * rng.uniform(0.25, 0.6)) * 0.5 + 0.5
    tone = np.array(
        rng.choice([(150, 100, 60), (185, 140, 95), (110, 70, 40), (200, 165, 120), (170, 120, 80)]),
        np.float32,
    )
    shade = 0.9 + 0.08 * grain**3 + 0.05 * streak
    img = tone * shade[..., None]
    plank = int(rng.integers(size // 6, size // 3))
    for y0 in range(0, size, plank):
        img[y0 : y0 + plank] *= float(rng.uniform(0.9, 1.08))
        img[y0 : y0 + 2] *= 0.55
    return np.clip(img, 0, 255).astype(np.uint8)


def granite(rng: np.random.Generator, size: int = 512) -> np.ndarray:
    base = np.array(rng.choice([(90, 90, 95), (170, 165, 160), (40, 40, 45)]), np.float32)
    img = np.tile(base, (size, size, 1))
    for _ in range(3):
        speck = rng.random((size, size)) < 0.08
        img[speck] += rng.uniform(-60, 60)
    return np.clip(cv2.GaussianBlur(img, (3, 3), 0.8), 0, 255).astype(np.uint8)


def tablecloth(rng: np.random.Generator, size: int = 1024) -> np.ndarray:
    kind = int(rng.integers(4))
    c1 = np.array(rng.integers(120, 250, 3), np.float32)
    c2 = np.array(rng.integers(20, 200, 3), np.float32)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    p = rng.uniform(30, 70)
    if kind == 0:  # gingham
        a = ((x // p) % 2).astype(np.float32)
        b = ((y // p) % 2).astype(np.float32)
        t = (a + b) / 2
    elif kind == 1:  # stripes
        t = ((x + y * rng.uniform(-0.3, 0.3)) // p % 2).astype(np.float32)
    elif kind == 2:  # polka dots
        t = ((((x % (2 * p)) - p) ** 2 + ((y % (2 * p)) - p) ** 2) < (p * 0.4) ** 2).astype(np.float32)
    else:  # flowers: petals of five circles around a centre
        t = np.zeros((size, size), np.float32)
        img_t = np.zeros((size, size), np.uint8)
        for _ in range(int(size * size / (p * p * 3))):
            cx, cy = rng.uniform(0, size, 2)
            r = p * rng.uniform(0.25, 0.45)
            for k in range(5):
                a = 2 * np.pi * k / 5
                cv2.circle(
                    img_t,
                    (int(cx + r * np.cos(a)), int(cy + r * np.sin(a))),
                    int(r * 0.7),
                    255,
                    -1,
                    cv2.LINE_AA,
                )
        t = img_t.astype(np.float32) / 255
    img = c1 * (1 - t[..., None]) + c2 * t[..., None]
    weave = (np.sin(x * 1.9) * np.sin(y * 1.9))[..., None] * 6
    return np.clip(img + weave, 0, 255).astype(np.uint8)


def counter_texture(rng: np.random.Generator, style: str) -> np.ndarray:
    if style == "wood":
        return wood(rng)
    if style == "granite":
        return granite(rng)
    if style == "tablecloth":
        return tablecloth(rng)
    if style == "photo":
        return photo_crop(rng, 4 / 3)
    return laminate(rng, LAMINATES[style])


# ---------------------------------------------------------------- object faces (RGB)


def keyboard_face(rng: np.random.Generator) -> np.ndarray:
    w, h = 880, 300
    body = int(rng.integers(20, 60)) if rng.random() < 0.7 else int(rng.integers(200, 235))
    img = np.full((h, w, 3), body, np.uint8)
    key = body + 25 if body < 128 else body - 25
    label = 220 if body < 128 else 40
    rows = ("1234567890-=", "QWERTYUIOP[]", "ASDFGHJKL;'", "ZXCVBNM,./")
    u = 56
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            x0, y0 = 20 + c * (u + 6) + r * 14, 20 + r * (u + 6)
            cv2.rectangle(img, (x0, y0), (x0 + u, y0 + u), (key,) * 3, -1, cv2.LINE_AA)
            cv2.putText(
                img, ch, (x0 + 8, y0 + 26), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (label,) * 3, 1, cv2.LINE_AA
            )
    cv2.rectangle(img, (200, 20 + 4 * (u + 6)), (600, 20 + 4 * (u + 6) + u), (key,) * 3, -1, cv2.LINE_AA)
    return img


def screen_face(rng: np.random.Generator, aspect: float) -> np.ndarray:
    """A phone or tablet seen from above: black bezel around a photograph with a status bar."""
    h = 800
    w = int(h * aspect)
    img = np.full((h, w, 3), 12, np.uint8)
    bez = int(w * 0.05)
    shot = cv2.resize(photo_crop(rng, (w - 2 * bez) / (h - 2 * bez)), (w - 2 * bez, h - 2 * bez))
    img[bez : h - bez, bez : w - bez] = shot
    cv2.rectangle(img, (bez, bez), (w - bez, bez + 24), (0, 0, 0), -1)
    cv2.putText(
        img,
        "10:2" + str(rng.integers(10)),
        (bez + 8, bez + 18),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.6,
        (255, 255, 255),
        1,
        cv2.LINE_AA,
    )
    return img


def cover_face(rng: np.random.Generator, aspect: float) -> np.ndarray:
    """A book or magazine cover: a photograph under a title band."""
    from PIL import Image, ImageDraw

    h = 900
    w = int(h * aspect)
    img = cv2.resize(photo_crop(rng, aspect), (w, h))
    pil = Image.fromarray(img)
    d = ImageDraw.Draw(pil)
    band = tuple(int(c) for c in rng.integers(0, 255, 3))
    top = int(rng.uniform(0.05, 0.6) * h)
    d.rectangle((0, top, w, top + h * 0.14), fill=band)
    title = str(rng.choice(("SỐNG XANH", "DU LỊCH VIỆT", "NHÀ ĐẸP", "TRUYỆN KIỀU", "KHOA HỌC", "ẨM THỰC")))
    d.text(
        (w / 2, top + h * 0.07),
        title,
        font=font("DejaVuSans-Bold.ttf", int(h * 0.08)),
        fill=(255, 255, 255),
        anchor="mm",
    )
    return np.asarray(pil)


def envelope_face(rng: np.random.Generator) -> np.ndarray:
    w, h = 880, 440
    colour = np.array(rng.choice([(200, 160, 110), (235, 232, 222), (180, 190, 210)]), np.uint8)
    img = colour * np.ones((h, w, 3), np.uint8)
    img = np.clip(img.astype(np.float32) + _noise(rng, h, w, 4)[..., None] * 5, 0, 255).astype(np.uint8)
    shade = tuple(int(c * 0.8) for c in img[0, 0])
    cv2.line(img, (0, 0), (w // 2, int(h * 0.55)), shade, 3, cv2.LINE_AA)
    cv2.line(img, (w, 0), (w // 2, int(h * 0.55)), shade, 3, cv2.LINE_AA)
    cv2.rectangle(img, (w - 130, 30), (w - 40, 130), tuple(int(c) for c in rng.integers(60, 200, 3)), -1)
    return img


def frame_face(rng: np.random.Generator, aspect: float) -> np.ndarray:
    h = 800
    w = int(h * aspect)
    frame = wood(rng, 256)
    img = cv2.resize(frame, (w, h))
    b = int(min(w, h) * rng.uniform(0.08, 0.14))
    mat = int(b * 0.6)
    img[b : h - b, b : w - b] = 240
    img[b + mat : h - b - mat, b + mat : w - b - mat] = cv2.resize(
        photo_crop(rng, (w - 2 * b - 2 * mat) / (h - 2 * b - 2 * mat)),
        (w - 2 * b - 2 * mat, h - 2 * b - 2 * mat),
    )
    return img


# ---------------------------------------------------------------- objects (Items)


def slab(
    center,
    size,
    yaw: float,
    top_texture: np.ndarray | None,
    side_colour,
    *,
    top_colour=(1.0, 1.0, 1.0),
    gloss: float = 0.05,
    emissive: float = 0.0,
) -> list[Item]:  # type: ignore[no-untyped-def]
    top, sides = fm.box(center, size, yaw)
    return [
        Item(
            top,
            Material(texture=top_texture, color=top_colour, specular=gloss, shininess=60, emissive=emissive),
        ),
        Item(sides, Material(color=side_colour, specular=gloss * 0.5)),
    ]


def phone(rng: np.random.Generator, xy, yaw: float, z: float = 0.0, tablet: bool = False) -> list[Item]:  # type: ignore[no-untyped-def]
    w, h = (0.17, 0.245) if tablet else (0.072, 0.152)
    return slab(
        (xy[0], xy[1], z),
        (w, h, 0.008),
        yaw,
        screen_face(rng, w / h),
        (0.02, 0.02, 0.025),
        gloss=0.5,
        emissive=float(rng.uniform(0.0, 0.6)),
    )


def book(rng: np.random.Generator, xy, yaw: float, z: float = 0.0, magazine: bool = False) -> list[Item]:  # type: ignore[no-untyped-def]
    w, h = (0.21, 0.28) if magazine else (float(rng.uniform(0.13, 0.17)), float(rng.uniform(0.19, 0.24)))
    thick = 0.004 if magazine else float(rng.uniform(0.015, 0.035))
    pages = (0.8, 0.78, 0.7)
    return slab(
        (xy[0], xy[1], z), (w, h, thick), yaw, cover_face(rng, w / h), pages, gloss=0.25 if magazine else 0.08
    )


def keyboard(rng: np.random.Generator, xy, yaw: float, z: float = 0.0) -> list[Item]:  # type: ignore[no-untyped-def]
    face = keyboard_face(rng)
    col = float(face[5, 5, 0]) / 255
    return slab((xy[0], xy[1], z), (0.44, 0.15, 0.022), yaw, face, (col**2.2,) * 3, gloss=0.1)


def envelope(rng: np.random.Generator, xy, yaw: float, z: float = 0.0, folder: bool = False) -> list[Item]:  # type: ignore[no-untyped-def]
    if folder:
        colour = tuple(float(c) for c in rng.uniform(0.05, 0.6, 3))
        return slab(
            (xy[0], xy[1], z),
            (0.24, 0.32, 0.003),
            yaw,
            laminate(rng, (230, 230, 230), 64),
            colour,
            top_colour=colour,
            gloss=0.3,
        )
    return slab((xy[0], xy[1], z), (0.22, 0.11, 0.002), yaw, envelope_face(rng), (0.5, 0.45, 0.4), gloss=0.02)


def picture_frame(rng: np.random.Generator, xy, yaw: float, z: float = 0.0) -> list[Item]:  # type: ignore[no-untyped-def]
    w, h = (0.2, 0.25) if rng.random() < 0.5 else (0.25, 0.2)
    return slab((xy[0], xy[1], z), (w, h, 0.018), yaw, frame_face(rng, w / h), (0.3, 0.18, 0.1), gloss=0.35)


def mug(rng: np.random.Generator, xy, z: float = 0.0) -> list[Item]:  # type: ignore[no-untyped-def]
    r = float(rng.uniform(0.035, 0.045))
    colour = tuple(float(c) for c in rng.uniform(0.05, 0.8, 3))
    top, side = fm.cylinder((xy[0], xy[1], z), r, float(rng.uniform(0.08, 0.1)))
    coffee = np.full((8, 8, 3), (60, 35, 20), np.uint8)
    return [
        Item(side, Material(color=colour, specular=0.4, shininess=40)),
        Item(top, Material(texture=coffee, specular=0.6, shininess=80)),
    ]


def pen(rng: np.random.Generator, tip, direction: float, z: float = 0.0) -> list[Item]:  # type: ignore[no-untyped-def]
    length = float(rng.uniform(0.13, 0.15))
    r = 0.0045
    tip3 = np.array([tip[0], tip[1], z + 0.0012])
    back = tip3 + length * np.array([np.cos(direction), np.sin(direction), 0.0]) + np.array([0, 0, r])
    body = fm.capsule(tip3 + (back - tip3) * 0.12, back, r, r, n=10)
    cone = fm.capsule(tip3, tip3 + (back - tip3) * 0.12, 0.0008, r * 0.9, n=10)
    colour = tuple(
        float(c)
        for c in rng.choice([(0.02, 0.05, 0.4), (0.5, 0.02, 0.02), (0.02, 0.02, 0.02), (0.7, 0.7, 0.7)])
    )
    return [
        Item(body, Material(color=colour, specular=0.5, shininess=60)),
        Item(cone, Material(color=(0.6, 0.6, 0.6), specular=0.8, shininess=80)),
    ]


def coin(rng: np.random.Generator, xy, z: float = 0.0) -> list[Item]:  # type: ignore[no-untyped-def]
    top, side = fm.cylinder((xy[0], xy[1], z), float(rng.uniform(0.01, 0.013)), 0.002, n=20)
    gold = (0.6, 0.45, 0.2) if rng.random() < 0.5 else (0.55, 0.55, 0.55)
    return [
        Item(top, Material(color=gold, specular=0.8, shininess=50)),
        Item(side, Material(color=gold, specular=0.8)),
    ]


SKIN = (
    (0.62, 0.42, 0.32),
    (0.55, 0.36, 0.25),
    (0.45, 0.28, 0.18),
    (0.32, 0.2, 0.13),
    (0.7, 0.5, 0.4),
    (0.22, 0.13, 0.09),
)


def hand(
    rng: np.random.Generator,
    wrist,
    direction: np.ndarray,
    plane_normal: np.ndarray,
    tips_on: float | None,
    *,
    spread: float = 0.25,
    fingers: int = 4,
    thumb_tip=None,
    scale: float = 1.0,
    arch_up: bool = True,
) -> list[Item]:  # type: ignore[no-untyped-def]
    """A hand from ``wrist`` pointing along ``direction`` over a surface with ``plane_normal``.

    The fingers curve down towards the surface: their tips rest on the plane n·p = ``tips_on``
    (``None``: in the air). ``thumb_tip``: where the thumb presses (on a sheet's face), if given.
    The forearm runs back out of the frame. All in metres, capsules with skin material.
    """
    skin = SKIN[int(rng.integers(len(SKIN)))]
    mat = Material(color=tuple(c * float(rng.uniform(0.9, 1.1)) for c in skin), specular=0.08, shininess=12)  # type: ignore[arg-type]
    nail = Material(color=tuple(min(1.0, c * 1.5 + 0.15) for c in skin), specular=0.4, shininess=40)  # type: ignore[arg-type]
    d = np.asarray(direction, float)
    n = np.asarray(plane_normal, float)
    d = d - n * d.dot(n)
    d /= np.linalg.norm(d)
    side = np.cross(n, d)
    w = np.asarray(wrist, float)
    s = scale * float(rng.uniform(0.9, 1.1))
    items: list[Item] = []
    palm_c = w + d * 0.045 * s + n * 0.012 * s
    rot = np.stack([d, side, n], 1)
    items.append(Item(fm.ellipsoid(palm_c, (0.05 * s, 0.042 * s, 0.016 * s), rot, n=14), mat))
    items.append(Item(fm.capsule(w - d * 0.35 + n * 0.08, w + n * 0.004, 0.03 * s, 0.026 * s, n=14), mat))
    lengths = np.array([0.075, 0.085, 0.08, 0.065]) * s
    for k in range(fingers):
        off = (k - (fingers - 1) / 2) * 0.019 * s
        ang = (k - (fingers - 1) / 2) * spread * 0.3
        fd = d * np.cos(ang) + side * np.sin(ang)
        base = palm_c + d * 0.04 * s + side * off + n * 0.004
        r = 0.0085 * s * (0.85 if k in (0, fingers - 1) else 1.0)
        le = lengths[k % 4]
        if tips_on is None:
            tip = base + fd * le - n * le * 0.25
        else:
            # the finger bends down so its tip touches the surface at height tips_on
            tip = base + fd * le * 0.95
            tip = tip - n * tip.dot(n) + n * (tips_on + r * 0.9)
        # knuckles arch up over a surface, or down when the fingers reach under a held sheet
        mid = base + (tip - base) * 0.55 + n * (0.012 if arch_up else -0.004) * s
        items.append(Item(fm.capsule(base, mid, r, r * 0.95, n=10), mat))
        items.append(Item(fm.capsule(mid, tip, r * 0.95, r * 0.85, n=10), mat))
        items.append(
            Item(
                fm.ellipsoid(
                    tip + (tip - mid) / np.linalg.norm(tip - mid) * r * 0.3 + n * r * 0.6,
                    (r * 0.7, r * 0.6, r * 0.25),
                    np.stack([fd, np.cross(n, fd), n], 1),
                    n=8,
                ),
                nail,
            )
        )
    if thumb_tip is not None:
        tb = palm_c - side * 0.035 * s + d * 0.01 * s
        tt = np.asarray(thumb_tip, float)
        tm = tb + (tt - tb) * 0.5 + n * 0.012 * s
        items.append(Item(fm.capsule(tb, tm, 0.011 * s, 0.0105 * s, n=10), mat))
        items.append(Item(fm.capsule(tm, tt, 0.0105 * s, 0.0095 * s, n=10), mat))
    return items
