"""Seventh document set (issue #20): a kiosk's document tray ray-traced by POV-Ray.

Written by other hands, blind to the detector and to the other six generators; nobody tunes
or trains on it. A fixed camera 30–40 cm above a tray (a few degrees of tilt) sees CCCD
cards (front or back), driving licences, passports open at the data page, thermal receipts
and A4/A5 forms, under a ceiling panel, a ring light round the camera, a desk lamp or
daylight through blinds (area lights, soft shadows, glossy laminate). Some frames show the
document held up by a hand. Post-processing adds blur, sensor noise, exposure errors, JPEG.

    python -m bench.datasets.doc_seventh [--seed 7] [--count 150] [--save DIR]

``samples(seed, count)`` yields ``Sample(name, condition, kind, image, corners)``; corners are
TL, TR, BR, BL as the document reads upright (float32, OpenCV pixel centres) or None on a
negative. For rounded card corners the truth is where the straight edges meet. Frames are
cached under ``$KIOSK_BENCH_CACHE/doc_seventh/`` (default ``~/.cache/kiosk-bench/doc_seventh/``)
keyed by seed, index, frame size and ``CODE_VERSION``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from bench.datasets import seventh_paper as paper
from bench.datasets import seventh_props as props
from bench.datasets.seventh_pov import (
    HEIGHT,
    WIDTH,
    Camera,
    Pose,
    make_camera,
    pose_on_tray,
    render,
    rot,
    vec,
)

CODE_VERSION = 1

POSITIVE = (
    "plain_tray",
    "card_dark_tray",
    "card_light_tray",
    "card_glare",
    "held_fingers",
    "two_cards",
    "card_on_form",
    "passport_open",
    "blinds_shadow",
    "blur",
    "noise_jpeg",
    "exposure",
    "steep_held",
    "rotated",
    "curled_receipt",
    "clutter",
    "metal_lamp",
    "logo_mat",
)
CONDITIONS = (*POSITIVE, "negative")
KINDS = ("a4", "a5", "id_card", "licence", "passport", "receipt", "none")
NEGATIVES = (
    "empty_tray",
    "logo_mat",
    "phone_screen",
    "wallet",
    "passport_closed",
    "keys_coins",
    "hand",
    "brochure",
    "tablet",
    "pens_clutter",
)
SIZES = {"a4": (210.0, 297.0), "a5": (148.0, 210.0)}
# kinds for the conditions that take any document: two of three large (the constrained
# conditions are mostly cards), so that about half of all documents are small
FREE_KINDS = ("a4", "a5", "id_card", "a4", "a5", "receipt", "a4", "a5", "passport", "a4", "a5", "licence")
CARD_KINDS = ("id_card", "licence", "id_card")


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray | None


@dataclass
class Scene:
    name: str
    condition: str
    kind: str
    camera: Camera
    objects: list[str] = field(default_factory=list)
    lights: list[str] = field(default_factory=list)
    textures: dict[str, np.ndarray] = field(default_factory=dict)
    corners: np.ndarray | None = None  # world (4, 3), TL TR BR BL upright
    target: str = ""  # the document alone, flat, for the truth check ("" when bent / none)
    effects: dict[str, float] = field(default_factory=dict)


def where(index: int) -> tuple[str, int]:
    """Every seventh frame is a negative; the others cycle through the positive conditions.
    Returns (condition, how many times that condition came before)."""
    if index % 7 == 6:
        return "negative", index // 7
    p = index - index // 7
    return POSITIVE[p % len(POSITIVE)], p // len(POSITIVE)


def kind_for(condition: str, k: int, rng: np.random.Generator) -> str:
    if condition in ("card_dark_tray", "card_light_tray", "card_glare", "two_cards"):
        return CARD_KINDS[k % len(CARD_KINDS)]
    if condition == "card_on_form":
        return "id_card"
    if condition == "passport_open":
        return "passport"
    if condition == "curled_receipt":
        return "receipt"
    if condition == "blinds_shadow":
        return ("a4", "a5")[k % 2]
    if condition == "held_fingers":
        return ("id_card", "passport", "a5", "licence", "receipt")[k % 5]
    return FREE_KINDS[(k + POSITIVE.index(condition)) % len(FREE_KINDS)]


# --- documents ----------------------------------------------------------------------------

PAPER = "finish { diffuse 0.88 specular 0.03 roughness 0.2 }"
LAMINATE = "finish { diffuse 0.75 specular 0.7 roughness 0.004 reflection 0.04 phong 0.2 phong_size 120 }"


def document_face(kind: str, rng: np.random.Generator) -> tuple[np.ndarray, float, float, str]:
    """(texture, width mm, height mm, variant) for a kind."""
    if kind in SIZES:
        img, w, h = paper.form(rng, kind)
        return img, w, h, kind
    if kind == "id_card":
        if rng.random() < 0.35:
            img, w, h = paper.cccd_back(rng)
            return img, w, h, "cccd_back"
        img, w, h = paper.cccd_front(rng)
        return img, w, h, "cccd_front"
    if kind == "licence":
        img, w, h = paper.licence(rng)
        return img, w, h, "licence"
    if kind == "receipt":
        width = 58.0 if rng.random() < 0.5 else 80.0
        img, w, h = paper.receipt(rng, width)
        return img, w, h, f"receipt{int(width)}"
    raise ValueError(kind)


def textured(shape: str, tex: str, w: float, h: float, finish: str, pose: Pose) -> str:
    return (
        f'object {{ {shape} texture {{ pigment {{ image_map {{ png "{tex}" interpolate 2 }} }} {finish} '
        f"scale <{w:.3f},{h:.3f},1> }} {pose.pov()} }}\n"
    )


def card_shape(w: float, h: float, t: float = 0.76) -> str:
    """ISO/IEC 7810 ID-1: corner radius 3.18 mm."""
    return props.rounded_slab(w, h, t, 3.18) + "}"


def sheet_shape(w: float, h: float, t: float) -> str:
    return f"box {{ <0,0,0>, <{w:.3f},{h:.3f},{t:.3f}> }}"


def upright_corners(w: float, h: float, top: float) -> np.ndarray:
    return np.array([[0, h, top], [w, h, top], [w, 0, top], [0, 0, top]], float)


def sentinel_object(w: float, h: float, top: float, pose: Pose) -> str:
    """The document as a flat sharp-cornered sheet lit from inside: green, its top-left quarter
    red, for comparing the projected quad with the rendered pixels."""
    return (
        f'box {{ <0,0,0>, <{w:.3f},{h:.3f},{top:.3f}> texture {{ pigment {{ image_map {{ png "sentinel.png" }} }} '
        f"finish {{ ambient 1 diffuse 0 emission 0 }} scale <{w:.3f},{h:.3f},1> }} {pose.pov()} }}\n"
    )


def curled_mesh(
    w: float, h: float, curl_len: float, radius: float, at_top: bool, n: int = 48
) -> tuple[str, np.ndarray]:
    """A sheet flat on the tray whose top (or bottom) ``curl_len`` mm roll up on a cylinder of
    ``radius``; returns the uv-mapped mesh2 and the four upright corners (local)."""
    ys = np.linspace(0.0, h, n + 1)
    flat_end = h - curl_len if at_top else curl_len

    def lift(y: float) -> tuple[float, float]:
        s = (y - flat_end) if at_top else (flat_end - y)
        if s <= 0:
            return y, 0.05
        a = s / radius
        dy = radius * np.sin(a)
        return (flat_end + dy if at_top else flat_end - dy), 0.05 + radius * (1 - np.cos(a))

    verts, uvs = [], []
    for y in ys:
        yy, z = lift(float(y))
        for x in (0.0, w):
            verts.append((x, yy, z))
            uvs.append((x / w, y / h))
    faces = []
    for i in range(n):
        a, b, c, d = 2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3
        faces += [(a, b, d), (a, d, c)]
    sdl = (
        "mesh2 { vertex_vectors { " + f"{len(verts)}, " + ", ".join(vec(v) for v in verts) + " } "
        "uv_vectors { " + f"{len(uvs)}, " + ", ".join(f"<{u:.5f},{v:.5f}>" for u, v in uvs) + " } "
        "face_indices { " + f"{len(faces)}, " + ", ".join(f"<{a},{b},{c}>" for a, b, c in faces) + " } "
        "uv_indices { " + f"{len(faces)}, " + ", ".join(f"<{a},{b},{c}>" for a, b, c in faces) + " } "
    )
    top_y, top_z = lift(h)
    bot_y, bot_z = lift(0.0)
    corners = np.array([[0, top_y, top_z], [w, top_y, top_z], [w, bot_y, bot_z], [0, bot_y, bot_z]], float)
    return sdl, corners


# --- lights -----------------------------------------------------------------------------


def ceiling(rng: np.random.Generator, power: float = 1.0) -> str:
    x, y = rng.uniform(-300, 300, 2)
    c = np.array([1.0, 0.98, 0.95]) * power * rng.uniform(0.85, 1.05)
    return (
        f"light_source {{ <{x:.0f},{y:.0f},1500> rgb {vec(c)} area_light <600,0,0>, <0,600,0>, 3, 3 adaptive 0 "
        "fade_distance 1500 fade_power 0 }\n"
    )


def ring_light(camera: Camera, rng: np.random.Generator, power: float = 0.8) -> str:
    c = np.array([1.0, 1.0, 1.0]) * power * rng.uniform(0.9, 1.1)
    loc = camera.location + np.array([0, 0, 5.0])
    return f"light_source {{ {vec(loc)} rgb {vec(c)} area_light <150,0,0>, <0,150,0>, 3, 3 circular orient adaptive 0 }}\n"


def desk_lamp(rng: np.random.Generator, power: float = 0.9) -> str:
    a = rng.uniform(0, 2 * np.pi)
    r = rng.uniform(300, 500)
    loc = np.array([r * np.cos(a), r * np.sin(a), rng.uniform(280, 450)])
    c = np.array([1.0, 0.86, 0.68]) * power
    return (
        f"light_source {{ {vec(loc)} rgb {vec(c)} spotlight point_at <0,0,0> radius 35 falloff 70 tightness 2 "
        "area_light <50,0,0>, <0,50,0>, 3, 3 adaptive 0 }\n"
    )


def fill(rng: np.random.Generator, level: float) -> str:
    return f"light_source {{ <0,0,2000> rgb {level * rng.uniform(0.8, 1.1):.3f} shadowless }}\n"


# --- scene plan ------------------------------------------------------------------------------


def tray_kind(condition: str, rng: np.random.Generator) -> str:
    if condition == "card_dark_tray":
        return "black"
    if condition == "card_light_tray":
        return str(rng.choice(["beige", "white"]))
    if condition == "metal_lamp":
        return "metal"
    if condition == "logo_mat":
        return "mat"
    return str(rng.choice(["grey", "black", "beige", "grey", "wood", "fabric", "metal"]))


def inside(q: np.ndarray, margin: float, width: int, height: int) -> bool:
    return bool(
        np.all(q[:, 0] >= margin)
        and np.all(q[:, 0] <= width - 1 - margin)
        and np.all(q[:, 1] >= margin)
        and np.all(q[:, 1] <= height - 1 - margin)
    )


def build(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT) -> Scene:
    condition, k = where(index)
    rng = np.random.default_rng([seed, index, 7007])
    if condition == "negative":
        return build_negative(seed, index, NEGATIVES[k % len(NEGATIVES)], rng, width, height)
    kind = kind_for(condition, k, rng)
    large = kind in SIZES
    cam_h = rng.uniform(370, 400) if large else rng.uniform(300, 400)
    hfov = rng.uniform(64, 70) if large else rng.uniform(56, 68)
    camera = make_camera(
        cam_h, hfov, rng.uniform(-4, 4), rng.uniform(-4, 4), rng.uniform(-3, 3), width, height
    )
    sc = Scene(name="", condition=condition, kind=kind, camera=camera)

    tray = tray_kind(condition, rng)
    if tray == "mat":
        sc.textures["mat.png"] = props.mat_texture(rng)
    sc.objects.append(props.tray(tray, rng))

    # --- the document
    if kind == "passport":
        face, facing, w, h = paper.passport_pages(rng)
        variant = "passport_data_page"
        sc.textures["facing.png"] = facing
    else:
        face, w, h, variant = document_face(kind, rng)
    sc.textures["doc.png"] = face
    card = kind in ("id_card", "licence")
    thick = 0.76 if card else (0.6 if kind == "passport" else 0.1)
    finish = LAMINATE if card or kind == "passport" else PAPER
    if kind == "passport" and rng.random() < 0.5:
        finish = PAPER

    held = condition in ("held_fingers", "steep_held")
    curled = condition == "curled_receipt"
    base_z = 0.0
    if condition == "card_on_form":
        base_z = 0.12
    if kind == "passport":
        base_z = 3.0  # the cover and the pages under the data page
    for _attempt in range(60):
        if condition == "rotated":
            angle = float(rng.choice([90.0, 180.0, 270.0, rng.uniform(-180, 180)]))
        elif large:
            angle = float(rng.choice([0.0, 0.0, 90.0, 180.0]) + rng.uniform(-7, 7))
        else:
            angle = float(rng.uniform(-25, 25) + rng.choice([0.0, 0.0, 0.0, 180.0, 90.0]))
        spread = 0.35 * (1.0 - _attempt / 60)
        cx, cy = rng.uniform(-spread, spread) * 250, rng.uniform(-spread, spread) * 180
        if condition == "card_glare":
            cx, cy = rng.uniform(-20, 20, 2)
        lift, tilt, taxis = base_z, 0.0, 0.0
        if held:
            lift = rng.uniform(40, 100) if condition == "held_fingers" else rng.uniform(60, 120)
            tilt = rng.uniform(12, 30) if condition == "held_fingers" else rng.uniform(35, 52)
            if large and condition == "steep_held":
                tilt *= 0.7
            taxis = rng.uniform(0, 360)
        pose = pose_on_tray(w, h, cx, cy, angle, lift, tilt, taxis)
        if curled:
            curl_len = rng.uniform(0.18, 0.32) * h
            radius = curl_len / np.radians(rng.uniform(50, 100))
            mesh, local = curled_mesh(w, h, curl_len, radius, bool(rng.random() < 0.5))
            corners = pose.apply(local)
        else:
            corners = pose.apply(upright_corners(w, h, thick))
        q = camera.project(corners)
        extent = [camera.project(pose.apply(np.array([[0, 0, 0], [w, 0, 0], [w, h, 0], [0, h, 0]], float)))]
        if kind == "passport":  # the facing page and the cover stay in view too
            extent.append(
                camera.project(
                    pose.apply(
                        np.array(
                            [[-4, -4, 0], [w + 4, -4, 0], [w + 4, 2 * h + 4, 0], [-4, 2 * h + 4, 0]], float
                        )
                    )
                )
            )
        if inside(q, 12, width, height) and all(inside(e, 2, width, height) for e in extent):
            break
    else:
        raise RuntimeError(f"seventh set: no placement keeps {kind} in view (seed {seed}, index {index})")
    sc.corners = corners

    if curled:
        sc.objects.append(
            f'object {{ {mesh} texture {{ uv_mapping pigment {{ image_map {{ png "doc.png" interpolate 2 }} }} {PAPER} }} '
            f"{pose.pov()} }} }}\n"
        )
    else:
        shape = card_shape(w, h, thick) if card else sheet_shape(w, h, thick)
        sc.objects.append(textured(shape, "doc.png", w, h, finish, pose))
        sc.target = sentinel_object(w, h, thick, pose)

    n = pose.rotation @ np.array([0.0, 0.0, 1.0])
    if kind == "passport":
        # the facing page, opened a few degrees off flat, and the cover round both
        open_deg = rng.uniform(0, 10)
        hinge = Pose(rot("x", open_deg), np.array([0.0, h, 0.0]))
        fp = Pose(pose.rotation @ hinge.rotation, pose.apply(hinge.translation[None])[0])
        sc.objects.append(textured(sheet_shape(w, h, thick), "facing.png", w, h, PAPER, fp))
        cover_c = "<0.30,0.05,0.06>" if rng.random() < 0.6 else "<0.08,0.12,0.28>"
        sc.objects.append(
            f"box {{ <-3,-3,{-base_z:.2f}>, <{w + 3},{h},0> pigment {{ rgb {cover_c} }} finish {{ specular 0.1 }} {pose.pov()} }}\n"
            f"box {{ <-3,0,{-base_z:.2f}>, <{w + 3},{h + 3},0> pigment {{ rgb {cover_c} }} finish {{ specular 0.1 }} {fp.pov()} }}\n"
        )
    if condition == "card_on_form":
        form, fw, fh = paper.form(rng, "a4")
        sc.textures["form.png"] = form
        fpose = pose_on_tray(fw, fh, cx + rng.uniform(-40, 40), cy + rng.uniform(-60, 60), rng.uniform(-8, 8))
        sc.objects.append(textured(sheet_shape(fw, fh, 0.1), "form.png", fw, fh, PAPER, fpose))
    if condition == "two_cards":
        # beside the document, a blank plastic access card: card-shaped, no document (truth:
        # the document card)
        side = pose.rotation @ np.array([1.0, 0.0, 0.0])
        off = side * (w + rng.uniform(12, 30)) * (1 if rng.random() < 0.5 else -1)
        other = pose_on_tray(w, h, cx + off[0], cy + off[1], angle + rng.uniform(-15, 15))
        colour = rng.uniform(0.2, 0.95, 3)
        sc.objects.append(
            f"object {{ {card_shape(w, h)} pigment {{ rgb {vec(colour)} }} {LAMINATE} {other.pov()} }}\n"
            f"cylinder {{ <{w / 2 - 6},{h - 6},0.77>, <{w / 2 + 6},{h - 6},0.77>, 1.6 pigment {{ rgb 0.1 }} {other.pov()} }}\n"
        )
    if held:
        # a thumb on the face over one edge, the other fingers beneath
        edge = int(rng.integers(0, 4))
        mids = np.array([[w / 2, h, 0], [w, h / 2, 0], [w / 2, 0, 0], [0, h / 2, 0]])
        inward = np.array([[0, -1, 0], [-1, 0, 0], [0, 1, 0], [1, 0, 0]], float)
        along = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0]], float)
        span = w if edge in (0, 2) else h
        tip_l = mids[edge] + along[edge] * rng.uniform(-0.3, 0.3) * span + inward[edge] * rng.uniform(6, 16)
        tip_l[2] = thick
        d = pose.rotation @ inward[edge]
        tip = pose.apply(tip_l[None])[0]
        skin = int(rng.integers(0, len(props.SKIN)))
        sc.objects.append(props.hand(tip, d, n, rng, fingers=1, skin=skin))
        sc.objects.append(props.hand(tip - d * 2 - n * 2, d, -n, rng, fingers=3, skin=skin))

    # --- clutter round the document
    if condition == "clutter":
        centre = np.array([cx, cy])
        placed = 0
        for _ in range(40):
            if placed >= int(rng.integers(3, 6)):
                break
            p = rng.uniform([-260, -190], [260, 190])
            if np.linalg.norm(p - centre) < 0.5 * np.hypot(w, h) + 70:
                continue
            what = int(rng.integers(0, 4))
            if what == 0:
                sc.objects.append(props.pen(p[0], p[1], rng.uniform(0, 360), rng))
            elif what == 1:
                sc.textures["screen.png"] = props.photo_crop(rng, 320, 660, art=True)
                sc.objects.append(props.phone(p[0], p[1], rng.uniform(0, 360), "screen.png"))
            elif what == 2:
                sc.objects.append(props.keys(p[0], p[1], rng.uniform(0, 360), rng))
            else:
                for _c in range(int(rng.integers(1, 4))):
                    sc.objects.append(
                        props.coin(p[0] + rng.uniform(-25, 25), p[1] + rng.uniform(-25, 25), rng)
                    )
            placed += 1

    # --- light
    if condition in ("card_glare",):
        sc.lights += [ring_light(camera, rng, 0.75), fill(rng, 0.25)]
    elif condition == "blinds_shadow":
        ld = np.array([rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(1.2, 2.0)])
        sc.lights += [
            f"light_source {{ {vec(ld / np.linalg.norm(ld) * 3000)} rgb <1.15,1.08,0.95> parallel point_at <0,0,0> }}\n",
            fill(rng, 0.5),
        ]
        sc.objects.append(props.blinds(ld, rng))
    elif condition == "metal_lamp":
        sc.lights += [desk_lamp(rng, 1.1), fill(rng, 0.3)]
    else:
        choice = int(rng.integers(0, 3))
        if choice == 0:
            sc.lights += [ceiling(rng, 0.9), fill(rng, 0.3)]
        elif choice == 1:
            sc.lights += [ring_light(camera, rng, 0.7), fill(rng, 0.3)]
        else:
            sc.lights += [desk_lamp(rng, 0.9), fill(rng, 0.4)]

    sc.effects = camera_effects(condition, rng)
    sc.name = f"seventh_{seed}_{index:03d}_{condition}_{variant}"
    return sc


def build_negative(
    seed: int, index: int, what: str, rng: np.random.Generator, width: int, height: int
) -> Scene:
    camera = make_camera(
        rng.uniform(300, 400),
        rng.uniform(56, 70),
        rng.uniform(-4, 4),
        rng.uniform(-4, 4),
        rng.uniform(-3, 3),
        width,
        height,
    )
    sc = Scene(
        name=f"seventh_{seed}_{index:03d}_negative_{what}", condition="negative", kind="none", camera=camera
    )
    tray = (
        "mat"
        if what == "logo_mat"
        else str(rng.choice(["grey", "black", "beige", "wood", "fabric", "metal"]))
    )
    if tray == "mat":
        sc.textures["mat.png"] = props.mat_texture(rng)
    sc.objects.append(props.tray(tray, rng))
    a = rng.uniform(0, 360)
    x, y = rng.uniform(-60, 60, 2)
    if what in ("phone_screen", "tablet"):
        big = what == "tablet"
        sc.textures["screen.png"] = props.photo_crop(
            rng, 480 if big else 320, 720 if big else 660, art=bool(rng.random() < 0.6)
        )
        sc.objects.append(props.phone(x, y, a, "screen.png", big=big))
    elif what == "wallet":
        sc.objects.append(props.wallet(x, y, a, rng))
    elif what == "passport_closed":
        sc.objects.append(props.closed_passport(x, y, a, rng))
    elif what == "keys_coins":
        sc.objects.append(props.keys(x, y, a, rng))
        for _ in range(int(rng.integers(2, 6))):
            sc.objects.append(props.coin(rng.uniform(-150, 150), rng.uniform(-110, 110), rng))
    elif what == "hand":
        tip = np.array([x, y, 0.0])
        d = np.array([np.cos(np.radians(a)), np.sin(np.radians(a)), 0.0])
        sc.objects.append(props.hand(tip, d, np.array([0.0, 0.0, 1.0]), rng, fingers=int(rng.integers(2, 5))))
    elif what == "brochure":
        img, w, h = paper.brochure(rng)
        sc.textures["brochure.png"] = img
        # folded in two: the right panel lifted on its fold
        half = w / 2
        pose = pose_on_tray(w, h, x, y, a)
        fold = rng.uniform(10, 35)
        left_tex = img[:, : img.shape[1] // 2]
        right_tex = img[:, img.shape[1] // 2 :]
        sc.textures["b_left.png"] = left_tex
        sc.textures["b_right.png"] = right_tex
        sc.objects.append(textured(sheet_shape(half, h, 0.15), "b_left.png", half, h, PAPER, pose))
        hinge = Pose(rot("y", -fold), np.array([half, 0.0, 0.0]))
        rp = Pose(pose.rotation @ hinge.rotation, pose.apply(hinge.translation[None])[0])
        sc.objects.append(textured(sheet_shape(half, h, 0.15), "b_right.png", half, h, PAPER, rp))
    elif what == "pens_clutter":
        for _ in range(int(rng.integers(2, 4))):
            sc.objects.append(
                props.pen(rng.uniform(-150, 150), rng.uniform(-100, 100), rng.uniform(0, 360), rng)
            )
        sc.objects.append(
            props.keys(rng.uniform(-150, 150), rng.uniform(-100, 100), rng.uniform(0, 360), rng)
        )
    # "empty_tray" and "logo_mat": the surface alone
    choice = int(rng.integers(0, 3))
    sc.lights += [
        [ceiling(rng, 0.9), ring_light(camera, rng, 0.7), desk_lamp(rng, 0.9)][choice],
        fill(rng, 0.3),
    ]
    sc.effects = camera_effects("negative", rng)
    return sc


def camera_effects(condition: str, rng: np.random.Generator) -> dict[str, float]:
    fx: dict[str, float] = {
        "gain": rng.uniform(0.9, 1.1),
        "noise": rng.uniform(1.0, 3.0),
        "jpeg": float(rng.integers(84, 96)),
        "soft": 0.6,
    }
    if condition == "blur":
        if rng.random() < 0.5:
            fx["defocus"] = rng.uniform(1.8, 4.0)
        else:
            fx["motion"] = float(rng.integers(7, 17))
            fx["motion_angle"] = rng.uniform(0, 180)
    elif condition == "noise_jpeg":
        fx["noise"] = rng.uniform(7, 14)
        fx["jpeg"] = float(rng.integers(35, 61))
        fx["gain"] = rng.uniform(0.65, 0.9)
    elif condition == "exposure":
        fx["gain"] = rng.uniform(0.32, 0.5) if rng.random() < 0.5 else rng.uniform(1.7, 2.4)
    return fx


def develop(img: np.ndarray, fx: dict[str, float], rng: np.random.Generator) -> np.ndarray:
    """What the camera does after the lens: defocus or shake, exposure, noise, JPEG."""
    f: np.ndarray = img.astype(np.float32)
    k: np.ndarray
    if fx.get("defocus"):
        r = fx["defocus"]
        size = int(2 * np.ceil(r) + 1)
        k = np.zeros((size, size), np.float32)
        cv2.circle(k, (size // 2, size // 2), int(round(r)), 1.0, -1)
        f = cv2.filter2D(f, -1, k / k.sum())
    elif fx.get("motion"):
        n = int(fx["motion"])
        k = np.zeros((n, n), np.float32)
        k[n // 2, :] = 1.0
        m = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), fx["motion_angle"], 1.0)
        k = cv2.warpAffine(k, m, (n, n))
        f = cv2.filter2D(f, -1, k / k.sum())
    else:
        f = cv2.GaussianBlur(f, (0, 0), fx["soft"])
    f = f * fx["gain"]
    f = f + rng.normal(0, fx["noise"], f.shape).astype(np.float32) * np.sqrt(np.clip(f, 16, 255) / 128)
    out = np.clip(f, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(fx["jpeg"])])
    assert ok
    decoded: np.ndarray | None = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert decoded is not None
    return decoded


def scene_text(sc: Scene) -> str:
    return (
        "#version 3.7;\nglobal_settings { assumed_gamma 1.0 max_trace_level 5 ambient_light rgb 0 }\n"
        "#default { finish { ambient 0 diffuse 0.8 } }\nbackground { rgb 0 }\n"
        + sc.camera.pov()
        + "".join(sc.lights)
        + "".join(sc.objects)
    )


def render_sample(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT) -> Sample:
    """Render one frame (no cache)."""
    props.check_photos()
    sc = build(seed, index, width, height)
    img = render(scene_text(sc), sc.textures, width, height, "full")
    img = develop(img, sc.effects, np.random.default_rng([seed, index, 77]))
    corners = None if sc.corners is None else sc.camera.project(sc.corners)
    return Sample(sc.name, sc.condition, sc.kind, img, corners)


def sentinel(
    seed: int, index: int, width: int = WIDTH, height: int = HEIGHT
) -> tuple[np.ndarray, np.ndarray]:
    """The same camera and document pose, the document alone as a flat green sheet (its
    top-left quarter red) lit from inside on black, one ray a pixel: (picture, corners)."""
    sc = build(seed, index, width, height)
    if not sc.target or sc.corners is None:
        raise ValueError(f"frame {index} of seed {seed} has no flat document")
    tex = np.zeros((200, 200, 3), np.uint8)
    tex[:] = (0, 255, 0)
    tex[:100, :100] = (0, 0, 255)
    text = (
        "#version 3.7;\nglobal_settings { assumed_gamma 1.0 }\nbackground { rgb 0 }\n"
        + sc.camera.pov()
        + sc.target
    )
    img = render(text, {"sentinel.png": tex}, width, height, "flat")
    return img, sc.camera.project(sc.corners)


def cache_dir() -> Path:
    root = os.environ.get("KIOSK_BENCH_CACHE") or str(Path.home() / ".cache" / "kiosk-bench")
    return Path(root) / "doc_seventh"


def cached_sample(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT) -> Sample:
    d = cache_dir()
    key = f"s{seed}_i{index:04d}_{width}x{height}_v{CODE_VERSION}"
    png, meta = d / f"{key}.png", d / f"{key}.json"
    if png.exists() and meta.exists():
        info = json.loads(meta.read_text())
        img = cv2.imread(str(png), cv2.IMREAD_COLOR)
        if img is not None:
            corners = None if info["corners"] is None else np.array(info["corners"], np.float32)
            return Sample(info["name"], info["condition"], info["kind"], img, corners)
    s = render_sample(seed, index, width, height)
    d.mkdir(parents=True, exist_ok=True)
    tmp = png.with_suffix(".tmp.png")
    cv2.imwrite(str(tmp), s.image)
    tmp.replace(png)
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
    return s


def samples(seed: int, count: int) -> Iterator[Sample]:
    for i in range(count):
        yield cached_sample(seed, i)


def truth_iou(img: np.ndarray, q: np.ndarray, ss: int = 8) -> tuple[float, bool]:
    """IoU of the lit sentinel pixels with the projected quad (rasterised ``ss``× finer), and
    whether the red quarter lies nearest the corner called TL."""
    h, w = img.shape[:2]
    big = np.zeros((h * ss, w * ss), np.uint8)
    cv2.fillPoly(big, [np.round((q.astype(np.float64) + 0.5) * ss - 0.5).astype(np.int32)], 1)
    quad = cv2.resize(big.astype(np.float32), (w, h), interpolation=cv2.INTER_AREA) > 0.5
    sheet = img.max(axis=2) > 100
    iou = float((sheet & quad).sum() / max(1, (sheet | quad).sum()))
    ys, xs = np.nonzero((img[:, :, 2] > 128) & (img[:, :, 1] < 100))
    tl = len(xs) > 0 and int(np.argmin(np.linalg.norm(q - np.array([xs.mean(), ys.mean()]), axis=1))) == 0
    return iou, bool(tl)


def check_truth(seed: int, count: int) -> int:
    ious: list[float] = []
    tl_ok = 0
    for i in range(count):
        sc = build(seed, i)
        if not sc.target:
            continue
        img, q = sentinel(seed, i)
        iou, tl = truth_iou(img, q)
        ious.append(iou)
        tl_ok += tl
    print(
        f"truth vs pixels on {len(ious)} flat documents (seed {seed}): IoU min {min(ious):.4f}, "
        f"mean {float(np.mean(ious)):.4f}; red quarter at TL in {tl_ok}/{len(ious)}"
    )
    return 0 if min(ious) >= 0.98 and tl_ok == len(ious) else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--save", type=Path, help="also write each frame (with its truth drawn) here")
    ap.add_argument(
        "--check-truth",
        action="store_true",
        help="render every flat document as a sentinel and print the IoU of truth and pixels",
    )
    args = ap.parse_args(argv)
    if args.check_truth:
        return check_truth(args.seed, args.count)
    t0 = time.perf_counter()
    conds: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for s in samples(args.seed, args.count):
        conds[s.condition] += 1
        kinds[s.kind] += 1
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            img = s.image.copy()
            if s.corners is not None:
                cv2.polylines(img, [np.round(s.corners).astype(np.int32)], True, (0, 0, 255), 2)
                cv2.circle(img, tuple(int(v) for v in np.round(s.corners[0])), 8, (0, 255, 255), 2)
            cv2.imwrite(str(args.save / f"{s.name}.png"), img)
    dt = time.perf_counter() - t0
    print(
        f"seventh set, seed {args.seed}: {args.count} frames in {dt:.1f} s ({dt / max(1, args.count):.2f} s a frame)"
    )
    print("conditions:", ", ".join(f"{c} {conds[c]}" for c in CONDITIONS))
    print("kinds:", ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
