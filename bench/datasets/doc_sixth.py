"""The sixth document set: path-traced scenes (Mitsuba 3) of documents on a kiosk's tray.

Written blind to the detector and to the other five sets. A fixed camera 30-45 cm above a tray
(mostly top-down, some tilt) sees an A4 form, a CCCD-like card, a thermal receipt or a
passport data page lying on a counter (laminate, wood, fabric, glass, metal, a photograph), held
up by a hand, under window, ceiling-panel or desk-lamp light, path-traced with soft and hard
shadows, glossy coats and a thin lens. Ground truth: the sheet mesh's own corner vertices,
projected by the scene's sensor. See bench/datasets/README.md.

    samples(seed, count) -> Iterator[Sample]

Rendering one 960x720 frame takes seconds, so frames are cached on disk (see ``cache_dir``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from bench.datasets import sixth_docs as docs
from bench.datasets import sixth_photos as photos
from bench.datasets import sixth_scene as S
from bench.datasets.sixth_camera import develop

CODE_VERSION = 5  # bump when a change alters any frame: the cache is keyed by it
WIDTH, HEIGHT = 960, 720
SPP = 8

POSITIVE = (
    "plain_counter",
    "photo_surface",
    "held_up",
    "edge_objects",
    "window_shadow",
    "clutter",
    "low_contrast",
    "blur",
    "noise_jpeg",
    "steep",
    "rotated",
    "curled_folded",
    "card_glare",
    "exposure",
    "overlap",
    "on_book",
)
CONDITIONS = (*POSITIVE, "negative")
CYCLE = (*POSITIVE[:6], "negative", *POSITIVE[6:11], "negative", *POSITIVE[11:], "negative")
KINDS = ("a4", "id_card", "receipt", "passport")
NEGATIVES = (
    "empty_tray",
    "clutter",
    "closed_books",
    "magazines",
    "phone_tablet",
    "hand",
    "photo_surface",
    "envelope_folder",
    "keyboard",
    "picture_frame",
    "tray_mat",
    "calculator",
    "laptop_lid",
)


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str  # a KINDS entry; "none" on negatives (the name says what they show)
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None  # 4x2 float32, TL TR BR BL as the document reads upright


def cache_dir() -> Path:
    """Where rendered frames are kept: $KIOSK_BENCH_CACHE/doc_sixth, else ~/.cache/kiosk-bench/doc_sixth."""
    root = os.environ.get("KIOSK_BENCH_CACHE") or str(Path.home() / ".cache" / "kiosk-bench")
    return Path(root) / "doc_sixth"


# ---- documents ----------------------------------------------------------------------------


@dataclass
class Doc:
    kind: str
    face: np.ndarray  # BGR
    width: float
    height: float
    bsdf: dict[str, Any]


def make_doc(kind: str, rng: np.random.Generator, gloss: float | None = None) -> Doc:
    portrait = photos.photo(str(rng.choice(photos.COVER_PHOTOS)), 512)
    if kind == "a4":
        face, (w, h) = docs.a4_form(rng)
        face = face[:, :, ::-1]
        return Doc(kind, face, w, h, S.paper(S.texture(face)))
    if kind == "receipt":
        face, (w, h) = docs.receipt(rng)
        face = face[:, :, ::-1]
        return Doc(kind, face, w, h, S.paper(S.texture(face)))
    if kind == "id_card":
        face, (w, h) = docs.id_card(rng, portrait)
    else:
        face, (w, h) = docs.passport_page(rng, portrait)
    face = face[:, :, ::-1]
    alpha = gloss if gloss is not None else float(rng.uniform(0.06, 0.2))
    bsdf = S.laminated(S.texture(face), alpha)
    if kind == "id_card":  # ID-1 corners are rounded (3.18 mm); truth stays the edges' intersection
        hp, wp = face.shape[:2]
        bsdf = S.masked(bsdf, S.rounded_mask(wp, hp, int(round(3.18 / 85.6 * wp))))
    return Doc(kind, face, w, h, bsdf)


def curl(rng: np.random.Generator) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A sheet's lift off its plane: a roll along one edge, a bow, or a folded-back crease."""
    mode = int(rng.integers(0, 3))
    amp = float(rng.uniform(0.008, 0.025))
    along_s = bool(rng.integers(0, 2))
    edge = float(rng.uniform(0.55, 0.75))

    def bend(s: np.ndarray, t: np.ndarray) -> np.ndarray:
        u = s if along_s else t
        if mode == 0:
            return amp * np.clip((u - edge) / (1 - edge), 0, None) ** 2
        if mode == 1:
            return amp * 0.8 * (1 - (2 * u - 1) ** 2)
        return amp * 1.3 * np.clip((u - edge) / (1 - edge), 0, None)

    return bend


# ---- surfaces and props -------------------------------------------------------------------


def surface(rng: np.random.Generator, choice: str) -> dict[str, Any]:
    big = 1.8
    if choice == "photo":
        img = photos.photo(str(rng.choice(photos.SURFACE_PHOTOS)))
        # the photograph is the tray's print, filling the view; plain counter beyond it
        return {
            "counter": S.rect(0, 0, 0, 0.9, 0.7, S.diffuse(S.texture(img)), float(rng.choice([0.0, 180.0]))),
            "counter_rest": S.rect(0, 0, -0.001, big, big, S.diffuse(S.rgb((0.3, 0.28, 0.25)))),
        }
    if choice in ("white", "cream", "laminate"):
        img = photos.laminate(rng, cream=choice != "laminate")
        if choice == "white":
            img = np.clip(img.astype(np.int16) + 20, 0, 255).astype(np.uint8)
        return {
            "counter": S.rect(0, 0, 0, big, big, S.glossy(S.texture(img, 4.0), float(rng.uniform(0.2, 0.45))))
        }
    if choice == "wood":
        return {
            "counter": S.rect(
                0,
                0,
                0,
                big,
                big,
                S.glossy(S.texture(photos.wood(rng), 2.0), float(rng.uniform(0.25, 0.5))),
                float(rng.uniform(0, 180)),
            )
        }
    if choice == "fabric":
        return {"counter": S.rect(0, 0, 0, big, big, S.diffuse(S.texture(photos.fabric(rng), 3.0)))}
    if choice == "metal":
        return {
            "counter": S.rect(
                0, 0, 0, big, big, S.metal(float(rng.uniform(0.12, 0.3)), str(rng.choice(["Al", "Cr"])))
            )
        }
    # glass top over a dark wood or fabric base: reflections of the room on top of the base
    base = photos.wood(rng) if rng.random() < 0.5 else photos.fabric(rng)
    base = (base * 0.6).astype(np.uint8)
    return {
        "counter_base": S.rect(0, 0, -0.008, big, big, S.diffuse(S.texture(base, 2.0))),
        "counter": S.rect(0, 0, 0, big, big, S.glass()),
    }


PLAIN = ("white", "cream", "laminate", "wood", "fabric", "glass", "metal")


def lights(rng: np.random.Generator, which: str | None = None, bars: bool = False) -> dict[str, Any]:
    which = which or str(rng.choice(["ceiling", "window", "lamp"]))
    out: dict[str, Any] = {}
    if which == "ceiling":
        out |= S.ceiling_panel(rng, float(rng.uniform(0.8, 1.2))) | S.ambient(float(rng.uniform(0.05, 0.15)))
    elif which == "window":
        out |= S.window(rng, float(rng.uniform(0.8, 1.2)), bars)[0]
    else:
        out |= S.desk_lamp(rng, float(rng.uniform(0.8, 1.2))) | S.ambient(float(rng.uniform(0.08, 0.2)))
    return out


def _c(v: np.ndarray) -> dict[str, Any]:
    return S.rgb((float(v[0]), float(v[1]), float(v[2])))


def phone(
    rng: np.random.Generator, cx: float, cy: float, z: float, rot: float, name: str, tablet: bool = False
) -> dict[str, Any]:
    w, h = (0.17, 0.24) if tablet else (0.072, 0.15)
    body = S.glossy(S.rgb((0.02, 0.02, 0.025)), 0.08)
    screen = photos.screen(str(rng.choice(photos.SCREENS)), 600)
    lit = bool(rng.random() < 0.6)
    out = {name + "_body": S.box(cx, cy, z + 0.004, w, h, 0.008, body, rot)}
    scr = S.rect(
        cx,
        cy,
        z + 0.0081,
        w * 0.9,
        h * 0.88,
        S.glossy(S.texture(screen) if lit else S.rgb((0.01, 0.01, 0.012)), 0.03),
        rot,
    )
    if lit:
        scr["emitter"] = {"type": "area", "radiance": S.texture((screen * 0.5).astype(np.uint8))}
    out[name + "_screen"] = scr
    return out


def book(
    rng: np.random.Generator,
    cx: float,
    cy: float,
    rot: float,
    name: str,
    magazine: bool = False,
    w: float | None = None,
    h: float | None = None,
) -> tuple[dict[str, Any], float]:
    w = w or float(rng.uniform(0.15, 0.22))
    h = h or float(rng.uniform(0.21, 0.29))
    thick = float(rng.uniform(0.003, 0.008) if magazine else rng.uniform(0.015, 0.045))
    cover_photo = (
        photos.photo(str(rng.choice(photos.COVER_PHOTOS)), 700) if magazine or rng.random() < 0.5 else None
    )
    title = str(
        rng.choice(
            ["TẠP CHÍ", "NHÀ ĐẸP", "DU LỊCH", "SỨC KHỎE"]
            if magazine
            else ["LUẬT DÂN SỰ", "TIẾNG VIỆT", "LỊCH SỬ", "TOÁN HỌC"]
        )
    )
    color = tuple(int(v) for v in rng.integers(30, 200, 3))
    cover = docs.blank_with_text(rng, 500, int(500 * h / w), color, title, cover_photo)[:, :, ::-1]
    pages = S.diffuse(S.rgb((0.75, 0.72, 0.65)))
    out = {
        name + "_block": S.box(cx, cy, thick / 2, w, h, thick, pages, rot),
        name + "_cover": S.rect(
            cx,
            cy,
            thick + 0.0004,
            w * 1.01,
            h * 1.01,
            S.glossy(S.texture(cover), 0.15 if magazine else 0.4),
            rot,
        ),
    }
    return out, thick + 0.0004


def hand(
    rng: np.random.Generator,
    base: np.ndarray,
    toward: np.ndarray,
    normal: np.ndarray,
    name: str,
    fingers: int = 4,
    skin: tuple[float, float, float] | None = None,
) -> dict[str, Any]:
    """A palm at base and fingers reaching toward a direction, lying on a plane of the given normal."""
    bsdf = S.diffuse(S.rgb(skin or photos.skin(rng)))
    toward = toward / np.linalg.norm(toward)
    side = np.cross(normal, toward)
    side /= np.linalg.norm(side)
    out: dict[str, Any] = {}
    rot = math.degrees(math.atan2(toward[1], toward[0]))
    out[name + "_palm"] = S.ellipsoid(name + "_palm", base - toward * 0.045, (0.052, 0.042, 0.014), rot, bsdf)
    # the forearm leaves the palm away from the fingers, usually out of the frame: a hand, not a disc
    wrist = base - toward * 0.09 - normal * 0.004
    out |= S.capsule(wrist, wrist - toward * 0.3 - normal * 0.02, 0.03, bsdf, name + "_arm")
    for k in range(fingers):
        off = (k - (fingers - 1) / 2) * 0.019
        length = float(rng.uniform(0.06, 0.085)) * (0.85 if k in (0, fingers - 1) else 1.0)
        p0 = base + side * off
        p1 = p0 + toward * length + side * off * 0.3
        out |= S.capsule(p0, p1, float(rng.uniform(0.0075, 0.0095)), bsdf, f"{name}_f{k}")
    return out


def clutter(rng: np.random.Generator, avoid: np.ndarray | None, n: int) -> dict[str, Any]:
    """Non-document things with straight edges: sticky notes, a phone, a calculator, a box, tape, pens."""
    out: dict[str, Any] = {}
    for k in range(n):
        for _ in range(30):
            cx, cy = rng.uniform(-0.22, 0.22), rng.uniform(-0.16, 0.16)
            if (
                avoid is None
                or np.min(np.hypot(avoid[:, 0] - cx, avoid[:, 1] - cy)) > 0.06
                and not _inside(avoid, cx, cy)
            ):
                break
        rot = float(rng.uniform(0, 360))
        what = int(rng.integers(0, 6))
        name = f"clutter{k}"
        if what == 0:
            col = rng.choice([(0.9, 0.85, 0.2), (0.95, 0.5, 0.6), (0.4, 0.85, 0.5)])
            s = float(rng.uniform(0.06, 0.08))
            out[name] = S.rect(cx, cy, 0.0004, s, s, S.diffuse(S.rgb(tuple(col))), rot)
        elif what == 1:
            out |= phone(rng, cx, cy, 0.0, rot, name)
        elif what == 2:
            out |= calculator(rng, cx, cy, rot, name)
        elif what == 3:
            out[name] = S.box(
                cx,
                cy,
                0.02,
                float(rng.uniform(0.05, 0.1)),
                float(rng.uniform(0.05, 0.12)),
                0.04,
                S.glossy(_c(rng.uniform(0.05, 0.7, 3)), 0.3),
                rot,
            )
        elif what == 4:
            out[name] = {
                "type": "cylinder",
                "p0": [cx, cy, 0.0],
                "p1": [cx, cy, 0.025],
                "radius": 0.03,
                "bsdf": S.glossy(_c(rng.uniform(0.1, 0.8, 3)), 0.2),
            }
            out[name + "_top"] = S.disk(cx, cy, 0.025, 0.03, S.diffuse(S.rgb((0.6, 0.55, 0.4))))
        else:
            a = math.radians(rot)
            d = np.array([math.cos(a), math.sin(a), 0.0]) * 0.07
            c = np.array([cx, cy, 0.0045])
            out |= S.capsule(c - d, c + d, 0.0045, S.glossy(_c(rng.uniform(0.02, 0.6, 3)), 0.2), name)
    return out


def _inside(quad: np.ndarray, x: float, y: float) -> bool:
    return cv2.pointPolygonTest(quad[:, :2].astype(np.float32), (float(x), float(y)), False) >= 0


def calculator(rng: np.random.Generator, cx: float, cy: float, rot: float, name: str) -> dict[str, Any]:
    w, h = 0.08, 0.15
    pad = docs.keypad(400, 520, 4, 5, (30, 30, 35), (70, 70, 80), "789÷456×123-0.=+")[:, :, ::-1]
    out = {
        name + "_body": S.box(cx, cy, 0.006, w, h, 0.012, S.glossy(S.rgb((0.03, 0.03, 0.035)), 0.3), rot),
        name + "_keys": S.rect(cx, cy, 0.0121, w * 0.9, h * 0.62, S.diffuse(S.texture(pad)), rot),
    }
    a = math.radians(rot)
    off = np.array([-math.sin(a), math.cos(a)]) * h * 0.35
    out[name + "_lcd"] = S.rect(
        cx + off[0], cy + off[1], 0.0121, w * 0.8, h * 0.15, S.diffuse(S.rgb((0.35, 0.4, 0.32))), rot
    )
    return out


# ---- one frame ----------------------------------------------------------------------------


def make_camera(
    rng: np.random.Generator, kind: str, width: int, height: int, tilt_max: float = 14.0
) -> S.Camera:
    h = float(rng.uniform(0.30, 0.40) if kind == "id_card" else rng.uniform(0.38, 0.45))
    tilt = float(rng.uniform(4, tilt_max)) if rng.random() < 0.35 else 0.0
    az = float(rng.uniform(0, 2 * math.pi))
    off = h * math.tan(math.radians(tilt))
    origin = np.array([off * math.cos(az), off * math.sin(az), h])
    target = np.array([0.0, 0.0, 0.0])
    roll = math.radians(float(rng.uniform(-4, 4)))
    return S.Camera(
        origin,
        target,
        np.array([math.sin(roll), math.cos(roll), 0.0]),
        float(rng.uniform(58, 66)),
        width,
        height,
    )


def _in_frame(px: np.ndarray, cam: S.Camera, margin: float) -> bool:
    return bool(
        np.all(px[:, 0] >= margin)
        and np.all(px[:, 0] <= cam.width - 1 - margin)
        and np.all(px[:, 1] >= margin)
        and np.all(px[:, 1] <= cam.height - 1 - margin)
    )


def place(
    rng: np.random.Generator,
    cam: S.Camera,
    doc: Doc,
    base_z: float,
    rot_range: tuple[float, float],
    tilt_range: tuple[float, float],
    bend: S.Bend = S.flat,
    spread: float = 0.12,
    lift: tuple[float, float] | None = None,
    name: str = "doc",
) -> tuple[Any, np.ndarray, np.ndarray]:
    """Pose the sheet so its four corners are in view; returns mesh, world corners, world pose."""
    margin = 0.03 * cam.width
    n = 24 if bend is not S.flat else 2
    for attempt in range(60):
        shrink = max(0.15, 1 - attempt / 40)
        rot = float(rng.uniform(*rot_range))
        if attempt >= 40 and doc.height > doc.width:  # long sheets fit the 4:3 frame lying across it
            rot = float(rng.choice([90.0, -90.0]) + rng.uniform(-10, 10))
        tilt = float(rng.uniform(*tilt_range))
        axis = float(rng.uniform(0, 360))
        z0 = base_z if lift is None else float(rng.uniform(*lift))
        if attempt >= 40:  # the last tries: lower and flatter as well
            tilt *= 0.5
            z0 = base_z if lift is None else lift[0] * 0.5
        world = S.pose(
            float(rng.uniform(-spread, spread)) * shrink,
            float(rng.uniform(-spread, spread)) * shrink * 0.75,
            0.0,
            rot,
            tilt,
            axis,
        )
        local = np.array([[sx * doc.width / 2, sy * doc.height / 2, 0.0] for sx in (-1, 1) for sy in (-1, 1)])
        zmin = float(np.min((world[:3, :3] @ local.T)[2]))
        world[2, 3] = z0 - zmin + 0.0006
        s_c, t_c = np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0, 1.0])
        lifted = np.stack([(s_c - 0.5) * doc.width, (0.5 - t_c) * doc.height, bend(s_c, t_c)], axis=-1)
        px = S.project(cam, (world[:3, :3] @ lifted.T).T + world[:3, 3])
        if _in_frame(px, cam, margin):
            mesh, corners = S.sheet_mesh(name, doc.width, doc.height, world, doc.bsdf, bend, n, n)
            return mesh, corners, world
    raise RuntimeError(f"could not fit a {doc.kind} in view")  # the last tries are small, low and centred


def local_point(world: np.ndarray, x: float, y: float, z: float) -> np.ndarray:
    return world[:3, :3] @ np.array([x, y, z]) + world[:3, 3]


def edge_point(
    rng: np.random.Generator, doc: Doc, world: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A point on one of the sheet's edges, the outward direction there and the sheet normal (world)."""
    e = int(rng.integers(0, 4))
    u = float(rng.uniform(0.2, 0.8))
    hw, hh = doc.width / 2, doc.height / 2
    pts = {
        0: ((u * 2 - 1) * hw, hh, 0, 1),
        1: (hw, (u * 2 - 1) * hh, 1, 0),
        2: ((u * 2 - 1) * hw, -hh, 0, -1),
        3: (-hw, (u * 2 - 1) * hh, -1, 0),
    }
    x, y, ox, oy = pts[e]
    p = local_point(world, x, y, 0.0)
    out = world[:3, :3] @ np.array([ox, oy, 0.0])
    normal = world[:3, :3] @ np.array([0.0, 0.0, 1.0])
    return p, out, normal


def build(seed: int, index: int, width: int, height: int) -> tuple[S.Scene, str, str, dict[str, Any]]:
    """The scene of one frame, its condition, its kind and the camera effects to apply."""
    rng = np.random.default_rng([seed, index, 6])
    condition = CYCLE[index % len(CYCLE)]
    fx: dict[str, Any] = {
        "exposure": float(rng.uniform(0.85, 1.15)),
        "noise": float(rng.uniform(0.002, 0.008)),
        "motion_px": 0.0,
        "jpeg_quality": int(rng.integers(82, 96)),
    }
    if condition == "negative":
        return build_negative(rng, seed, index, width, height, fx)
    # each pass over the cycle moves every condition on to the next kind
    kind = KINDS[(index % len(CYCLE) + index // len(CYCLE)) % len(KINDS)]
    if condition == "card_glare":
        kind = "id_card" if index % 2 == 0 else "passport"
    if condition == "low_contrast" and kind in ("id_card", "passport"):
        kind = "receipt" if index % 2 else "a4"  # white paper on a white counter
    cam = make_camera(rng, kind, width, height, 25.0 if condition == "steep" else 14.0)
    doc = make_doc(kind, rng, gloss=float(rng.uniform(0.02, 0.05)) if condition == "card_glare" else None)
    sc = S.Scene(cam)
    surf = "photo" if condition == "photo_surface" else str(rng.choice(PLAIN))
    if condition == "low_contrast":
        surf = str(rng.choice(["white", "cream"]))
    sc.objects |= surface(rng, surf)
    rot_range = (-25.0, 25.0) if rng.random() < 0.6 else (0.0, 360.0)
    tilt_range = (0.0, 6.0)
    base_z = 0.0
    bend: S.Bend = S.flat
    lift = None
    light = None
    if condition == "rotated":
        rot_range = (150.0, 210.0) if index % 2 else (0.0, 360.0)
    elif condition == "steep":
        cam_tilt = math.degrees(math.atan2(float(np.hypot(*cam.origin[:2])), float(cam.origin[2])))
        tilt_range = (max(35.0, 53.0 - cam_tilt), max(38.0, 57.0 - cam_tilt))
    elif condition == "curled_folded":
        bend = curl(rng)
    elif condition == "held_up":
        lift = (0.03, 0.07) if kind == "a4" else (0.05, 0.11)
        tilt_range = (15.0, 30.0) if kind == "a4" else (20.0, 45.0)
        bend = curl(rng) if rng.random() < 0.5 else S.flat
    elif condition == "on_book":
        magazine = bool(rng.random() < 0.5)
        book_seed = [seed, index, 7]
        book_args = (
            float(rng.uniform(-20, 20)),
            "book",
            magazine,
            max(doc.width, doc.height) * 1.05 + 0.02,
            max(doc.width, doc.height) * 1.15 + 0.03,
        )
        base_z = book(np.random.default_rng(book_seed), 0.0, 0.0, *book_args)[1]
    elif condition == "low_contrast":
        light = "ceiling"
    elif condition == "card_glare":
        light = "none"
    elif condition == "window_shadow":
        light = "window_bars"
    mesh, corners, world = place(
        rng,
        cam,
        doc,
        base_z,
        rot_range,
        tilt_range,
        bend,
        spread=0.03 if condition == "on_book" else 0.12,
        lift=lift,
    )
    if condition == "on_book":
        # the book lies under the sheet wherever the sheet went (same draws, so the same book)
        sc.objects |= book(
            np.random.default_rng(book_seed), float(world[0, 3]), float(world[1, 3]), *book_args
        )[0]
    sc.objects["doc"] = mesh
    sc.truth_world = corners
    if light == "window_bars":
        sc.objects |= S.window(rng, 1.0, True)[0]
    elif light == "none":
        # a ceiling panel where the card mirrors it into the camera: glare by construction
        centre = corners.mean(axis=0)
        normal = world[:3, :3] @ np.array([0.0, 0.0, 1.0])
        view = cam.origin - centre
        refl = 2 * np.dot(view, normal) * normal - view
        refl /= np.linalg.norm(refl)
        # aimed a little off the card's centre so the highlight covers part of it, not all
        pos = centre + refl * float(rng.uniform(0.9, 1.3)) + rng.normal(0, 0.05, 3)
        sc.objects["glare_panel"] = {
            "type": "rectangle",
            "to_world": S.T()
            .look_at(
                origin=[float(v) for v in pos],
                target=[float(v) for v in centre],
                up=[0.0, 1.0, 0.0] if abs(refl[1]) < 0.9 else [1.0, 0.0, 0.0],
            )
            .scale([0.05, 0.09, 1]),
            "emitter": {"type": "area", "radiance": S.rgb((60.0, 60.0, 56.0))},
        }
        sc.objects |= S.ambient(0.25)
    else:
        sc.objects |= lights(rng, light)
    if condition == "held_up":
        p, out, normal = edge_point(rng, doc, world)
        r = 0.0085
        tone = photos.skin(rng)  # thumb and hand are one person's
        thumb_tip = p - out * float(rng.uniform(0.012, 0.025)) + normal * r
        sc.objects |= S.capsule(p + out * 0.035 + normal * r, thumb_tip, r, S.diffuse(S.rgb(tone)), "thumb")
        sc.objects |= hand(rng, p + out * 0.03 - normal * 0.02, -out, normal, "hold", 4, tone)
    elif condition == "edge_objects":
        for k in range(int(rng.integers(1, 3))):
            p, out, normal = edge_point(rng, doc, world)
            what = int(rng.integers(0, 3))
            if what == 0:
                sideways = np.cross(normal, out) * float(rng.uniform(-0.6, 0.6))
                d = out + sideways
                d /= np.linalg.norm(d)
                c = p + normal * 0.0045
                sc.objects |= S.capsule(
                    c - d * 0.05,
                    c + d * 0.08,
                    0.0045,
                    S.glossy(_c(rng.uniform(0.02, 0.7, 3)), 0.2),
                    f"pen{k}",
                )
            elif what == 1:
                c = p + out * 0.04
                sc.objects |= phone(
                    rng, float(c[0]), float(c[1]), float(p[2]), float(rng.uniform(0, 360)), f"phone{k}"
                )
            else:
                c = p + out * 0.005
                sc.objects[f"coin{k}"] = S.disk(
                    float(c[0]), float(c[1]), float(p[2]) + 0.002, 0.012, S.metal(0.2, "Cu")
                )
    elif condition == "clutter":
        sc.objects |= clutter(rng, corners, int(rng.integers(3, 6)))
    elif condition == "overlap":
        other = make_doc(str(rng.choice(["a4", "receipt", "id_card"])), rng)
        p, out, normal = edge_point(rng, doc, world)
        c = p + out * min(other.width, other.height) * 0.3
        ow = S.pose(float(c[0]), float(c[1]), 0.0003, float(rng.uniform(0, 360)))
        om, _ = S.sheet_mesh("under", other.width, other.height, ow, other.bsdf)
        sc.objects["under"] = om
        # the document on top is whole: lift it just over the one underneath
        above = world.copy()
        above[2, 3] += 0.0008
        sc.objects["doc"], sc.truth_world = S.sheet_mesh("doc", doc.width, doc.height, above, doc.bsdf)
    if condition == "blur":
        if index % 2 == 0:
            dist = float(np.linalg.norm(cam.origin - corners.mean(axis=0)))
            cam.aperture = float(rng.uniform(0.004, 0.008))
            cam.focus = dist + float(rng.choice([-1, 1]) * rng.uniform(0.07, 0.12))
        else:
            fx["motion_px"] = float(rng.uniform(7, 15)) * width / 960
    elif condition == "noise_jpeg":
        fx |= {
            "noise": float(rng.uniform(0.03, 0.06)),
            "jpeg_quality": int(rng.integers(25, 50)),
            "exposure": float(rng.uniform(0.5, 0.75)),
        }
    elif condition == "exposure":
        fx["exposure"] = float(rng.uniform(0.28, 0.42)) if index % 2 else float(rng.uniform(1.8, 2.7))
    return sc, condition, kind, fx


def build_negative(
    rng: np.random.Generator, seed: int, index: int, width: int, height: int, fx: dict[str, Any]
) -> tuple[S.Scene, str, str, dict[str, Any]]:
    what = NEGATIVES[
        (
            index // len(CYCLE) * 3
            + [i for i, c in enumerate(CYCLE) if c == "negative"].index(index % len(CYCLE))
        )
        % len(NEGATIVES)
    ]
    cam = make_camera(rng, "negative", width, height)
    sc = S.Scene(cam)
    sc.objects |= surface(rng, "photo" if what == "photo_surface" else str(rng.choice(PLAIN)))
    rot = float(rng.uniform(0, 360))
    cx, cy = float(rng.uniform(-0.05, 0.05)), float(rng.uniform(-0.04, 0.04))
    if what == "clutter":
        sc.objects |= clutter(rng, None, int(rng.integers(4, 7)))
    elif what == "closed_books":
        for k in range(int(rng.integers(1, 3))):
            sc.objects |= book(rng, cx + k * 0.12 - 0.06, cy, rot + k * 15, f"book{k}")[0]
    elif what == "magazines":
        sc.objects |= book(rng, cx, cy, rot, "mag", magazine=True)[0]
    elif what == "phone_tablet":
        sc.objects |= phone(rng, cx, cy, 0.0, rot, "dev", tablet=bool(rng.random() < 0.5))
    elif what == "hand":
        a = math.radians(rot)
        sc.objects |= hand(
            rng,
            np.array([cx, cy, 0.012]),
            np.array([math.cos(a), math.sin(a), 0.0]),
            np.array([0.0, 0.0, 1.0]),
            "hand",
            4,
        )
    elif what == "envelope_folder":
        if rng.random() < 0.5:
            w, h = 0.22, 0.11
            kraft = S.diffuse(
                S.rgb(tuple(float(v) for v in rng.uniform([0.45, 0.3, 0.15], [0.6, 0.42, 0.25])))
            )
            sc.objects["envelope"] = S.box(cx, cy, 0.0015, w, h, 0.003, kraft, rot)
            sc.objects["flap"] = {
                "type": "disk",
                "to_world": S.T()
                .translate([cx, cy, 0.0031])
                .rotate([0, 0, 1], rot)
                .scale([w / 2, h * 0.45, 1]),
                "bsdf": S.diffuse(S.rgb((0.4, 0.27, 0.13))),
            }
        else:
            sc.objects["folder"] = S.box(
                cx, cy, 0.003, 0.24, 0.32, 0.006, S.glossy(_c(rng.uniform(0.05, 0.6, 3)), 0.12), rot
            )
    elif what == "keyboard":
        keys = docs.keypad(
            1400, 450, 15, 5, (25, 25, 28), (45, 45, 50), "QWERTYUIOPASDFGHJKLZXCVBNM1234567890"
        )[:, :, ::-1]
        sc.objects["kb"] = S.box(
            cx, cy, 0.01, 0.44, 0.14, 0.02, S.glossy(S.rgb((0.02, 0.02, 0.022)), 0.4), rot
        )
        sc.objects["kb_keys"] = S.rect(cx, cy, 0.0201, 0.42, 0.13, S.diffuse(S.texture(keys)), rot)
    elif what == "picture_frame":
        img = photos.photo(str(rng.choice(photos.COVER_PHOTOS)), 600)
        w, h = 0.18, 0.13
        sc.objects["frame"] = S.box(
            cx, cy, 0.008, w + 0.04, h + 0.04, 0.016, S.glossy(_c(rng.uniform(0.05, 0.5, 3)), 0.3), rot
        )
        sc.objects["frame_pic"] = S.rect(cx, cy, 0.0161, w, h, S.glossy(S.texture(img), 0.05), rot)
    elif what == "tray_mat":
        mat = docs.mat_with_border(rng, 900, 640)[:, :, ::-1]
        sc.objects["mat"] = S.rect(
            cx, cy, 0.0005, 0.42, 0.3, S.diffuse(S.texture(mat)), float(rng.uniform(-10, 10))
        )
    elif what == "calculator":
        sc.objects |= calculator(rng, cx, cy, rot, "calc")
    elif what == "laptop_lid":
        sc.objects["lid"] = S.box(cx, cy, 0.01, 0.32, 0.22, 0.02, S.metal(0.25, "Al"), rot)
        sc.objects["logo"] = S.disk(cx, cy, 0.0201, 0.02, S.glossy(S.rgb((0.8, 0.8, 0.82)), 0.05))
    if what not in ("empty_tray", "photo_surface") and rng.random() < 0.5:
        sc.objects |= clutter(rng, None, int(rng.integers(1, 3)))
    sc.objects |= lights(rng)
    sc.subject = what
    return sc, "negative", "none", fx


def render_sample(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT, spp: int = SPP) -> Sample:
    sc, condition, kind, fx = build(seed, index, width, height)
    linear = sc.render(spp, seed=int(np.random.default_rng([seed, index, 66]).integers(0, 2**31)))
    image = develop(linear, np.random.default_rng([seed, index, 67]), **fx)
    corners = None if sc.truth_world is None else S.project(sc.camera, sc.truth_world).astype(np.float32)
    name = f"sixth-{seed}-{index:04d}-{condition}" + (f"-{sc.subject}" if sc.subject else f"-{kind}")
    return Sample(name, condition, kind, image, corners)


def samples(
    seed: int, count: int, width: int = WIDTH, height: int = HEIGHT, spp: int = SPP, cache: bool = True
) -> Iterator[Sample]:
    """count frames of seed; rendered once, then read from the disk cache."""
    photos.check_installed()
    folder = cache_dir() / f"v{CODE_VERSION}-{width}x{height}-{spp}spp"
    for index in range(count):
        png = folder / f"{seed}-{index:04d}.png"
        meta = png.with_suffix(".json")
        if cache and png.exists() and meta.exists():
            m = json.loads(meta.read_text())
            image = cv2.imread(str(png), cv2.IMREAD_COLOR)
            corners = None if m["corners"] is None else np.array(m["corners"], np.float32)
            yield Sample(m["name"], m["condition"], m["kind"], image, corners)
            continue
        s = render_sample(seed, index, width, height, spp)
        if cache:
            folder.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(png), s.image)
            meta.write_text(
                json.dumps(
                    {
                        "name": s.name,
                        "condition": s.condition,
                        "kind": s.kind,
                        "corners": None if s.corners is None else s.corners.tolist(),
                    }
                )
            )
        yield s


def main() -> None:
    """Render (or read from the cache) a set and print its counts and the time it took."""
    import argparse
    import time
    from collections import Counter

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--count", type=int, default=150)
    args = parser.parse_args()
    start = time.perf_counter()
    conditions: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for s in samples(args.seed, args.count):
        conditions[s.condition] += 1
        kinds[s.kind] += 1
    print(
        f"{args.count} frames of seed {args.seed} in {time.perf_counter() - start:.1f} s (cache: {cache_dir()})"
    )
    print("conditions:", ", ".join(f"{c} {conditions[c]}" for c in CONDITIONS))
    print("kinds:", ", ".join(f"{k} {kinds[k]}" for k in (*KINDS, "none")))


if __name__ == "__main__":
    main()
