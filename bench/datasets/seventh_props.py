"""Things on and around the seventh set's tray, as POV-Ray objects: tray surfaces, pens,
phones, keys, coins, wallets, a closed passport, a tablet, hands; and the photographs of
``lomiri-wallpapers-20.04`` that no other set uses (phone screens, brochure pictures, mats).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from bench.datasets.seventh_pov import vec

PHOTO_PACKAGE = "lomiri-wallpapers-20.04"
PHOTO_DIR = Path("/usr/share/backgrounds")
# Kleiber is a photograph (a nuthatch on a tree trunk, CC-BY-SA-3.0); the three others are
# digital artwork (CC-BY-SA-3.0) shown only where artwork belongs: phone and tablet screens.
PHOTOGRAPHS = ("Kleiber_by_Lukas_Baubkus.jpg",)
SCREEN_ART = (
    "Infinite-Sea_by_Aury88.jpg",
    "Fossa_by_Jasper_Roks.jpg",
    "Painting-Colors_by__herobrine7gamer.jpg",
)


class PhotosMissing(RuntimeError):
    pass


@lru_cache(maxsize=8)
def _load(name: str) -> np.ndarray:
    path = PHOTO_DIR / name
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise PhotosMissing(
            f"{path} is missing: the seventh document set shows the pictures of the Debian package "
            f"{PHOTO_PACKAGE}; run `apt-get install -y {PHOTO_PACKAGE}` (it is in setup.sh's APT_PACKAGES)"
        )
    scale = 1600 / max(img.shape[:2])
    return cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def photo_crop(rng: np.random.Generator, w: int, h: int, art: bool = False) -> np.ndarray:
    names = SCREEN_ART if art else PHOTOGRAPHS
    img = _load(str(names[int(rng.integers(0, len(names)))]))
    H, W = img.shape[:2]
    frac = rng.uniform(0.35, 0.9)
    cw = int(min(W, H * w / h) * frac)
    ch = int(cw * h / w)
    x0 = int(rng.integers(0, W - cw + 1))
    y0 = int(rng.integers(0, H - ch + 1))
    return cv2.resize(img[y0 : y0 + ch, x0 : x0 + cw], (w, h), interpolation=cv2.INTER_AREA)


def check_photos() -> None:
    for n in PHOTOGRAPHS + SCREEN_ART:
        _load(n)


# --- surfaces -------------------------------------------------------------------------------

TRAYS = {
    "grey": (0.42, 0.43, 0.45),
    "black": (0.05, 0.05, 0.055),
    "beige": (0.80, 0.74, 0.62),
    "white": (0.88, 0.88, 0.86),
}


def tray(kind: str, rng: np.random.Generator) -> str:
    """The surface under the document: a big slab at z ≤ 0 with a raised rim out of view."""
    base = "box { <-900, -900, -20>, <900, 900, 0> "
    if kind in TRAYS:
        c = np.array(TRAYS[kind]) * rng.uniform(0.9, 1.1)
        tex = (
            f"texture {{ pigment {{ rgb {vec(c)} }} normal {{ granite 0.08 scale 3 }} "
            "finish { diffuse 0.85 specular 0.05 roughness 0.1 } }"
        )
    elif kind == "metal":
        tex = (
            "texture { pigment { rgb <0.62, 0.63, 0.65> } normal { bumps 0.15 scale <40, 0.05, 1> } "
            "finish { metallic diffuse 0.55 specular 0.6 roughness 0.02 reflection 0.12 brilliance 2 } }"
        )
    elif kind == "wood":
        c1 = np.array([0.55, 0.34, 0.18]) * rng.uniform(0.7, 1.2)
        tex = (
            f"texture {{ pigment {{ wood turbulence 0.08 color_map {{ [0 rgb {vec(c1)}] [0.6 rgb {vec(c1 * 0.75)}] "
            f"[1 rgb {vec(c1 * 1.1)}] }} scale 6 rotate <0, 90, {rng.uniform(0, 180):.1f}> }} "
            "finish { diffuse 0.8 specular 0.15 roughness 0.05 } }"
        )
    elif kind == "fabric":
        c = rng.uniform(0.15, 0.6, 3)
        tex = (
            f"texture {{ pigment {{ rgb {vec(c)} }} normal {{ quilted 0.5 scale 1.2 }} "
            "finish { diffuse 0.9 } }"
        )
    else:  # "mat": a rubber mat with a printed logo, textured by the caller's image
        tex = (
            'texture { pigment { image_map { png "mat.png" interpolate 2 } } scale <600, 450, 1> translate <-300, -225, 0> '
            "normal { bumps 0.06 scale 0.8 } finish { diffuse 0.8 specular 0.08 roughness 0.2 } }"
        )
    return base + tex + " }\n"


def mat_texture(rng: np.random.Generator) -> np.ndarray:
    """A dark rubber mat with a printed logo and slogan (Vietnamese)."""
    from PIL import Image, ImageDraw

    from bench.datasets.seventh_paper import font

    W, H = 1200, 900
    base = tuple(int(v) for v in rng.integers(25, 70, 3))
    im = Image.new("RGB", (W, H), base)
    d = ImageDraw.Draw(im)
    ink = (230, 200, 60) if rng.random() < 0.5 else (220, 230, 235)
    cx, cy = int(rng.integers(250, 950)), int(rng.integers(200, 700))
    d.ellipse([cx - 130, cy - 130, cx + 130, cy + 130], outline=ink, width=14)
    d.polygon([(cx, cy - 90), (cx + 80, cy + 60), (cx - 80, cy + 60)], outline=ink, width=10)
    d.text((cx, cy + 190), "DỊCH VỤ CÔNG TRỰC TUYẾN", font=font("sans_bold", 54), fill=ink, anchor="mt")
    d.rectangle([30, 30, W - 30, H - 30], outline=ink, width=6)
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


# --- objects -------------------------------------------------------------------------------


def pen(x: float, y: float, angle: float, rng: np.random.Generator) -> str:
    c = rng.uniform(0.05, 0.8, 3)
    L = rng.uniform(120, 145)
    return (
        f"union {{ cylinder {{ <0,0,0>, <{L:.1f},0,0>, 4.5 }} cone {{ <{L:.1f},0,0>, 4.5, <{L + 14:.1f},0,0>, 0.6 }} "
        f"box {{ <10,-1,3>, <55,1,8> }} "
        f"texture {{ pigment {{ rgb {vec(c)} }} finish {{ specular 0.5 roughness 0.02 phong 0.3 }} }} "
        f"translate <0,0,4.5> rotate <0,0,{angle:.1f}> translate <{x:.1f},{y:.1f},0> }}\n"
    )


def rounded_slab(w: float, h: float, t: float, r: float) -> str:
    """A w×h×t slab with rounded vertical edges, lying with its corner at the origin."""
    return (
        f"union {{ box {{ <{r},0,0>, <{w - r},{h},{t}> }} box {{ <0,{r},0>, <{w},{h - r},{t}> }} "
        + " ".join(
            f"cylinder {{ <{cx},{cy},0>, <{cx},{cy},{t}>, {r} }}"
            for cx, cy in ((r, r), (w - r, r), (w - r, h - r), (r, h - r))
        )
        + " "
    )


def phone(x: float, y: float, angle: float, screen: str | None, big: bool = False) -> str:
    """A phone (or, big, a tablet) face up; ``screen`` names a texture file lit from inside."""
    w, h, t = (160.0, 240.0, 7.0) if big else (72.0, 150.0, 8.0)
    body = rounded_slab(w, h, t, 9 if not big else 12) + (
        "texture { pigment { rgb 0.03 } finish { specular 0.8 roughness 0.005 reflection 0.1 } } }"
    )
    if screen:
        glass = (
            f'box {{ <0,0,0>, <1,1,0.2> texture {{ pigment {{ image_map {{ png "{screen}" interpolate 2 }} }} '
            "finish { ambient 0.9 emission 0.35 diffuse 0.1 specular 0.9 roughness 0.003 reflection 0.06 } } "
            f"scale <{w - 8},{h - 16},1> translate <4,8,{t}> }}"
        )
    else:
        glass = ""
    return f"union {{ {body} {glass} translate <{-w / 2},{-h / 2},0> rotate <0,0,{angle:.1f}> translate <{x:.1f},{y:.1f},0> }}\n"


def coin(x: float, y: float, rng: np.random.Generator) -> str:
    r = rng.uniform(9, 13)
    gold = rng.random() < 0.5
    col = "<0.85,0.65,0.3>" if gold else "<0.75,0.75,0.78>"
    return (
        f"cylinder {{ <{x:.1f},{y:.1f},0>, <{x:.1f},{y:.1f},1.8>, {r:.1f} texture {{ pigment {{ rgb {col} }} "
        "normal { bumps 0.3 scale 0.7 } finish { metallic specular 0.7 roughness 0.02 reflection 0.25 diffuse 0.5 } } }\n"
    )


def keys(x: float, y: float, angle: float, rng: np.random.Generator) -> str:
    parts = ["torus { 14, 1.6 rotate <90,0,0> translate <0,0,2> }"]
    for k in range(int(rng.integers(2, 4))):
        a = rng.uniform(-60, 60) + k * 40
        parts.append(
            f"union {{ cylinder {{ <0,0,0>, <0,0,2.2>, 12 }} box {{ <8,-4,0>, <62,4,2.2> }} "
            f"box {{ <40,-7,0>, <44,-4,2.2> }} box {{ <50,-8,0>, <54,-4,2.2> }} translate <26,0,0> rotate <0,0,{a:.1f}> }}"
        )
    return (
        "union { "
        + " ".join(parts)
        + " texture { pigment { rgb <0.78,0.74,0.6> } finish { metallic specular 0.8 "
        f"roughness 0.01 reflection 0.3 diffuse 0.5 }} }} rotate <0,0,{angle:.1f}> translate <{x:.1f},{y:.1f},0> }}\n"
    )


def wallet(x: float, y: float, angle: float, rng: np.random.Generator) -> str:
    c = np.array([0.25, 0.14, 0.07]) * rng.uniform(0.6, 1.5)
    return (
        rounded_slab(110, 92, 14, 10)
        + f"texture {{ pigment {{ rgb {vec(c)} }} normal {{ granite 0.25 scale 2 }} finish {{ specular 0.25 roughness 0.05 }} }} "
        f"translate <-55,-46,0> rotate <0,0,{angle:.1f}> translate <{x:.1f},{y:.1f},0> }}\n"
    )


def closed_passport(x: float, y: float, angle: float, rng: np.random.Generator) -> str:
    cover = "<0.32,0.05,0.06>" if rng.random() < 0.5 else "<0.08,0.12,0.28>"
    return (
        "union { "
        + rounded_slab(88, 125, 5, 4)
        + f"texture {{ pigment {{ rgb {cover} }} normal {{ granite 0.2 scale 1.5 }} finish {{ specular 0.15 roughness 0.06 }} }} }} "
        "difference { cylinder { <44,78,4.9>, <44,78,5.3>, 18 } cylinder { <44,78,4>, <44,78,6>, 14 } "
        "texture { pigment { rgb <0.85,0.7,0.3> } finish { metallic specular 0.6 roughness 0.02 } } } "
        "box { <22,30,4.9>, <66,36,5.3> texture { pigment { rgb <0.85,0.7,0.3> } finish { metallic specular 0.6 } } } "
        f"translate <-44,-62.5,0> rotate <0,0,{angle:.1f}> translate <{x:.1f},{y:.1f},0> }}\n"
    )


SKIN = ((0.87, 0.70, 0.58), (0.78, 0.58, 0.45), (0.62, 0.44, 0.32), (0.45, 0.30, 0.22), (0.92, 0.78, 0.68))


def finger(p0: np.ndarray, p1: np.ndarray, r: float) -> str:
    return f"sphere {{ {vec(p0)}, {r:.2f} }} cylinder {{ {vec(p0)}, {vec(p1)}, {r:.2f} }} sphere {{ {vec(p1)}, {r * 0.95:.2f} }}"


def hand(
    tip: np.ndarray,
    direction: np.ndarray,
    normal: np.ndarray,
    rng: np.random.Generator,
    fingers: int = 1,
    skin: int | None = None,
) -> str:
    """A hand whose thumb (or ``fingers`` fingers) end at ``tip``, reaching along ``direction``
    (unit, in the plane the fingers lie on), the palm and forearm behind, lifted along
    ``normal`` so nothing passes through the sheet the fingers rest on."""
    colour = SKIN[int(rng.integers(0, len(SKIN)))] if skin is None else SKIN[skin]
    d = direction / np.linalg.norm(direction)
    n = normal / np.linalg.norm(normal)
    side = np.cross(n, d)
    parts = []
    r = rng.uniform(7.5, 9.5)
    for k in range(fingers):
        off = (k - (fingers - 1) / 2) * 2.2 * r
        t = tip + side * off - d * (abs(off) * 0.25) + n * r
        parts.append(finger(t, t - d * rng.uniform(45, 60) + n * 6, r))
    palm_c = tip - d * 88 + n * (r + 10)
    parts.append(f"sphere {{ <0,0,0>, 1 scale <42, 38, 13> {orient(d, side, n)} translate {vec(palm_c)} }}")
    arm_end = palm_c - d * 280
    arm_end[2] = max(arm_end[2], palm_c[2] + 20)
    parts.append(f"cone {{ {vec(palm_c - d * 20)}, 24, {vec(arm_end)}, 30 }}")
    return (
        "union { "
        + " ".join(parts)
        + f" texture {{ pigment {{ rgb {vec(colour)} }} normal {{ bumps 0.08 scale 2 }} "
        "finish { diffuse 0.8 specular 0.12 roughness 0.08 } } }\n"
    )


def orient(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> str:
    """POV-Ray matrix taking the local axes to x, y, z."""
    vals = [*x, *y, *z, 0, 0, 0]
    return "matrix <" + ", ".join(f"{v:.6f}" for v in vals) + ">"


def blinds(light_dir: np.ndarray, rng: np.random.Generator) -> str:
    """Venetian-blind slats between a sun-like light and the tray: invisible to the camera,
    they throw parallel hard shadows across the scene."""
    gap = rng.uniform(22, 40)
    thick = gap * rng.uniform(0.45, 0.65)
    slats = []
    for k in range(-30, 31):
        slats.append(f"box {{ <-2000, {k * gap:.1f}, -1>, <2000, {k * gap + thick:.1f}, 1> }}")
    ld = light_dir / np.linalg.norm(light_dir)
    centre = ld * 700
    # slats lie in a plane facing the light
    z = ld
    x = np.cross([0.0, 0.0, 1.0], z)
    if np.linalg.norm(x) < 1e-6:
        x = np.array([1.0, 0.0, 0.0])
    x = x / np.linalg.norm(x)
    y = np.cross(z, x)
    return (
        "union { "
        + " ".join(slats)
        + f" pigment {{ rgb 0.5 }} no_image no_reflection rotate <0,0,{rng.uniform(-25, 25):.1f}> "
        f"{orient(x, y, z)} translate {vec(centre)} }}\n"
    )
