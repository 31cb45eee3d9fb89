"""The fifth document set (issue #20): scenes rendered in 3D, by hands that never saw the detector.

Each frame is a scene of meshes rasterised with OpenGL (Mesa's llvmpipe, headless EGL): a
counter and sometimes a tray as boxes, the document as a grid mesh that can curl, fold, sag
over the counter's edge or be held up in the air, objects and hands as boxes, cylinders and
capsules standing in 3D, lit by a ceiling panel, a window or a desk lamp with soft shadows
from a shadow map. The camera is a pinhole 30–50 cm above the counter; the sensor model
(:mod:`bench.datasets.fifth_camera`) adds defocus from the depth, shake, vignetting, noise and
JPEG. The ground truth is the sheet's own four corner vertices projected by the same camera.

    python -m bench.datasets.doc_fifth [--seed 5] [--count 150] [--save DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from bench.datasets import fifth_camera as cam
from bench.datasets import fifth_docs as docs
from bench.datasets import fifth_mesh as fm
from bench.datasets import fifth_props as props
from bench.datasets.fifth_gl import Item, Light, Lighting, Material, RendererUnavailable, View, render

CONDITIONS = (
    "plain_counter",
    "photo_surface",
    "held_fingers",
    "edge_objects",
    "window_shadow",
    "clutter",
    "low_contrast",
    "blur",
    "noise_jpeg",
    "steep",
    "rotated",
    "curled_sag",
    "glare",
    "exposure",
    "overlap",
    "tablecloth",
    "negative",
)
KINDS = ("a4", "id_card", "receipt", "passport")
NEGATIVES = (
    "empty_tray",
    "clutter_only",
    "closed_book",
    "phone_tablet",
    "hand_alone",
    "photo_only",
    "envelope_folder",
    "keyboard",
    "picture_frame",
)
SIZES = ((1280, 960), (1440, 1080), (1024, 768), (1280, 720))
PAPER_LIFT = 0.0003  # a sheet rests a hair above what it lies on (no z-fighting)


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str  # "none" on negatives
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None  # 4×2 float32: TL, TR, BR, BL as the document reads upright


@dataclass
class Scene:
    items: list[Item]
    lighting: Lighting
    view: View
    corners: np.ndarray | None  # world, (4, 3)
    develop: cam.Develop


def plan(index: int) -> tuple[str, str, str]:
    """(condition, kind, negative type) of frame ``index``: one negative in eight, the others
    cycle through the conditions while the kind rotates so each condition meets every kind."""
    if index % 8 == 7:
        return "negative", "none", NEGATIVES[(index // 8) % len(NEGATIVES)]
    p = index - index // 8
    cond = CONDITIONS[p % 16]
    return cond, KINDS[(p // 16 + p) % len(KINDS)], ""


# ---------------------------------------------------------------- the sheet


def _flat(w: float, h: float) -> fm.Deform:
    def f(u, v):  # type: ignore[no-untyped-def]
        return np.stack([u - w / 2, -(v - h / 2), np.zeros_like(u)], -1)

    return f


def _curl(w: float, h: float, rng: np.random.Generator) -> fm.Deform:
    """One edge rolls up on a cylinder of radius r over the last ``span`` of the sheet."""
    edge = int(rng.integers(4))
    length = (h, h, w, w)[edge]
    span = length * rng.uniform(0.12, 0.3)
    r = span / rng.uniform(0.6, 1.2)  # the rolled part turns through span/r radians (< 70°)

    def f(u, v):  # type: ignore[no-untyped-def]
        s = (v, h - v, u, w - u)[edge]  # distance from the curling edge
        inside = np.clip(span - s, 0, None)  # how far into the curl
        phi = inside / r
        along = (span - r * np.sin(phi)) - (span - inside)  # shortening towards the edge
        lift = r * (1 - np.cos(phi))
        uu, vv = u.astype(float).copy(), v.astype(float).copy()
        if edge == 0:
            vv = v + along
        elif edge == 1:
            vv = v - along
        elif edge == 2:
            uu = u + along
        else:
            uu = u - along
        return np.stack([uu - w / 2, -(vv - h / 2), lift], -1)

    return f


def _fold(w: float, h: float, rng: np.random.Generator) -> fm.Deform:
    """A fold line across the sheet (a letter folded in three, opened): the far part rises."""
    horizontal = rng.random() < 0.7
    pos = (h if horizontal else w) * rng.choice([1 / 3, 1 / 2, 2 / 3])
    angle = np.radians(rng.uniform(6, 18))
    crease = 0.004

    def f(u, v):  # type: ignore[no-untyped-def]
        s = (v if horizontal else u) - pos
        beyond = np.clip(s, 0, None)
        # a rounded crease: the slope grows over a few millimetres
        t = np.clip(beyond / crease, 0, 1)
        eff = np.where(beyond < crease, beyond * t * 0.5, beyond - crease * 0.5)
        lift = eff * np.sin(angle)
        short = eff * (1 - np.cos(angle))
        uu, vv = u.astype(float), v.astype(float)
        if horizontal:
            vv = v - short
        else:
            uu = u - short
        return np.stack([uu - w / 2, -(vv - h / 2), lift], -1)

    return f


def _bow(w: float, h: float, depth: float, along_u: bool = True) -> fm.Deform:
    """A gentle cylindrical bow (a card that is not flat, a sheet held by one edge)."""

    def f(u, v):  # type: ignore[no-untyped-def]
        s = (u - w / 2) / (w / 2) if along_u else (v - h / 2) / (h / 2)
        return np.stack([u - w / 2, -(v - h / 2), depth * (1 - s**2)], -1)

    return f


def _sag(w: float, h: float, rng: np.random.Generator, edge_x: float) -> tuple[fm.Deform, float]:
    """The sheet overhangs the counter's front edge and droops past it (local x beyond edge_x)."""
    k = rng.uniform(3.0, 9.0)  # curvature of the droop (1/m)

    def f(u, v):  # type: ignore[no-untyped-def]
        x = u - w / 2
        over = np.clip(x - edge_x, 0, None)
        phi = np.minimum(over * k, np.radians(50))
        # arc of curvature k, then straight on at the final angle
        arc_len = np.minimum(over, np.radians(50) / k)
        xs = edge_x + np.sin(arc_len * k) / k + (over - arc_len) * np.cos(phi)
        zs = -(1 - np.cos(arc_len * k)) / k - (over - arc_len) * np.sin(phi)
        xx = np.where(x > edge_x, xs, x)
        zz = np.where(x > edge_x, zs, 0.0)
        return np.stack([xx, -(v - h / 2), zz], -1)

    return f, k


def _document(
    rng: np.random.Generator,
    kind: str,
    deform: fm.Deform | None,
    rot: np.ndarray,
    pos: np.ndarray,
    face: docs.Face | None = None,
) -> tuple[list[Item], np.ndarray, docs.Face]:
    face = face or docs.BUILDERS[kind](rng)
    w, h = face.width, face.height
    deform = deform or _flat(w, h)
    nu = 36 if kind == "a4" else 20
    nv = max(8, int(nu * h / w))
    mesh, corners = fm.sheet(w, h, deform, rot, pos, nu, nv)
    material = Material(
        texture=face.texture,
        back=face.back,
        specular=face.gloss,
        shininess=90 if face.gloss > 0.3 else 20,
        sentinel=docs.sentinel_texture(face),
    )
    items = [Item(mesh, material, is_sheet=True)]
    if kind in ("id_card", "passport"):  # a card's edge (0.76 mm) and a laminated page's (0.5 mm)
        ou, ov = fm.rounded_outline(w, h, 0.00318 if kind == "id_card" else 0.003)
        edge = fm.rim(ou, ov, deform, rot, pos, 0.00076 if kind == "id_card" else 0.0005)
        items.append(Item(edge, Material(color=tuple(0.85 * c for c in face.back), specular=0.2)))
    return items, corners, face


# ---------------------------------------------------------------- the room


def _counter(
    rng: np.random.Generator, style: str, edge: np.ndarray | None = None, edge_dir: float = 0.0
) -> list[Item]:
    """The counter top (z = 0) as a box. ``edge``: a point of its front edge, which faces
    ``edge_dir`` (radians from +x); by default the front edge runs 45 cm in front of the origin."""
    tex = props.counter_texture(rng, style)
    gloss = {"dark": 0.25, "white": 0.12, "granite": 0.3, "photo": 0.2}.get(style, 0.06)
    size = (1.0, 0.8) if style != "photo" else (0.64, 0.48)
    d = np.array([np.cos(edge_dir), np.sin(edge_dir), 0.0])
    edge = np.array([0.45, 0.0, 0.0]) if edge is None else np.asarray(edge, float)
    centre = edge - d * size[0] / 2
    if style == "photo" and edge is not None:
        centre = edge - d * size[0] * 0.35
    top, sides = fm.box(
        (centre[0], centre[1], -0.03), (size[0], size[1], 0.03), edge_dir + float(rng.choice([0.0, np.pi]))
    )
    items = [
        Item(top, Material(texture=tex, specular=gloss, shininess=30)),
        Item(sides, Material(color=(0.3, 0.3, 0.3))),
    ]
    if style == "photo":  # a photographic mat or poster under glass, on a plain counter
        c2 = edge - d * 0.5
        under_top, under_sides = fm.box((c2[0], c2[1], -0.031), (1.0, 0.8, 0.03), edge_dir)
        items += [
            Item(
                under_top,
                Material(
                    texture=props.laminate(
                        rng, props.LAMINATES[str(rng.choice(["grey", "beige", "dark"]))], 256
                    )
                ),
            ),
            Item(under_sides, Material(color=(0.3, 0.3, 0.3))),
        ]
    # a floor far below and a wall behind, for oblique views that see past the counter
    floor, _ = fm.box((0, 0, -0.95), (4, 4, 0.01))
    items.append(
        Item(floor, Material(texture=props.granite(rng, 256), color=(0.6, 0.6, 0.6)), casts_shadow=False)
    )
    wall_col = tuple(float(c) for c in rng.uniform(0.3, 0.8, 3))
    wall = fm.surface(
        np.array([[[-2, 0.9, 1.5], [2, 0.9, 1.5]], [[-2, 0.9, -1], [2, 0.9, -1]]], float),
        np.array([[[0, 0], [1, 0]], [[0, 1], [1, 1]]], float),
    )
    wall.normals[:] = (0, -1, 0)
    items.append(
        Item(
            wall,
            Material(texture=props.photo_crop(rng, 1.6) if rng.random() < 0.4 else None, color=wall_col),
            casts_shadow=False,
        )
    )
    return items


def _tray(rng: np.random.Generator) -> tuple[list[Item], float]:
    """A shallow document tray on the counter; returns its items and the height of its floor."""
    w, h, base, rim, t = 0.44, 0.36, 0.006, 0.02, 0.014
    colour = tuple(
        float(c)
        for c in rng.choice([(0.03, 0.03, 0.035), (0.25, 0.26, 0.28), (0.6, 0.6, 0.62), (0.5, 0.45, 0.4)])
    )
    items: list[Item] = []
    floor_tex = props.laminate(rng, tuple(int(255 * c ** (1 / 2.2)) for c in colour), 128)  # type: ignore[arg-type]
    top, sides = fm.box((0, 0, 0), (w, h, base))
    items += [
        Item(top, Material(texture=floor_tex, specular=0.15, shininess=25)),
        Item(sides, Material(color=colour)),
    ]
    for cx, cy, sx, sy in (
        (0, h / 2 - t / 2, w, t),
        (0, -h / 2 + t / 2, w, t),
        (w / 2 - t / 2, 0, t, h),
        (-w / 2 + t / 2, 0, t, h),
    ):
        a, b = fm.box((cx, cy, 0), (sx, sy, rim))
        items += [
            Item(a, Material(color=colour, specular=0.2)),
            Item(b, Material(color=colour, specular=0.2)),
        ]
    return items, base


def _lighting(rng: np.random.Generator, style: str, focus: np.ndarray) -> tuple[Lighting, list[Item]]:
    """Lights, and shadow-only occluders (a window's bars, a head) that stand outside the view."""
    warm = np.array([1.0, 0.93, 0.82])
    cool = np.array([0.9, 0.96, 1.05])
    extra: list[Item] = []
    if style == "ceiling":
        p = np.array([rng.uniform(-0.6, 0.6), rng.uniform(-0.6, 0.6), rng.uniform(1.4, 2.0)])
        tint = cool if rng.random() < 0.5 else np.ones(3)
        key = Light(True, tuple(p), color=tuple(tint * rng.uniform(2.0, 3.5)), size=rng.uniform(0.15, 0.35))
        axis = np.array([np.cos(a := rng.uniform(0, np.pi)), np.sin(a), 0.0])
        fills = [(tuple(p + axis * s), tuple(tint * 0.35)) for s in (-0.5, 0.5)]
        return Lighting(key, sky=tuple(tint * 0.25), ground=tuple(tint * 0.08), fills=fills), extra
    if style == "window":
        az = rng.uniform(0, 2 * np.pi)
        el = np.radians(rng.uniform(25, 55))
        d = -np.array([np.cos(az) * np.cos(el), np.sin(az) * np.cos(el), np.sin(el)])
        key = Light(
            False,
            direction=tuple(d),
            color=tuple(warm * rng.uniform(2.5, 4.0)),
            size=rng.uniform(0.004, 0.02),
        )
        # window bars between the sun and the document: they shadow it, the camera never sees them
        dist = rng.uniform(0.35, 0.7)
        centre = focus - d * dist
        side = np.cross(d, [0, 0, 1.0])
        side /= np.linalg.norm(side)
        up = np.cross(side, d)
        for k in range(int(rng.integers(1, 3))):
            off = (k - 0.5) * rng.uniform(0.12, 0.25)
            bar = fm.capsule(
                centre + side * off - up * 0.6, centre + side * off + up * 0.6, 0.012, 0.012, n=6
            )
            extra.append(Item(bar, Material(), visible=False))
        if rng.random() < 0.7:  # a transom
            extra.append(
                Item(
                    fm.capsule(
                        centre - side * 0.6 + up * rng.uniform(-0.1, 0.1),
                        centre + side * 0.6,
                        0.015,
                        0.015,
                        n=6,
                    ),
                    Material(),
                    visible=False,
                )
            )
        return Lighting(key, sky=tuple(cool * rng.uniform(0.2, 0.45)), ground=tuple(warm * 0.06)), extra
    if style == "lamp":
        az = rng.uniform(0, 2 * np.pi)
        p = focus + np.array(
            [
                np.cos(az) * rng.uniform(0.25, 0.45),
                np.sin(az) * rng.uniform(0.25, 0.45),
                rng.uniform(0.35, 0.55),
            ]
        )
        key = Light(True, tuple(p), color=tuple(warm * rng.uniform(0.35, 0.6)), size=rng.uniform(0.01, 0.03))
        return Lighting(key, sky=tuple(np.ones(3) * rng.uniform(0.04, 0.1)), ground=(0.02, 0.02, 0.02)), extra
    raise ValueError(style)


def _head_shadow(rng: np.random.Generator, lighting: Lighting, focus: np.ndarray) -> list[Item]:
    """A citizen leaning over the counter: head and shoulder between the light and the sheet."""
    key = lighting.key
    if key.point:
        d = focus - np.asarray(key.position)
        d /= np.linalg.norm(d)
    else:
        d = np.asarray(key.direction, float)
    c = focus - d * rng.uniform(0.25, 0.5) + rng.uniform(-0.08, 0.08, 3) * np.array([1, 1, 0])
    return [
        Item(fm.ellipsoid(c, (0.08, 0.1, 0.11)), Material(), visible=False),
        Item(fm.ellipsoid(c + np.array([0.0, 0.18, -0.12]), (0.22, 0.1, 0.08)), Material(), visible=False),
    ]


# ---------------------------------------------------------------- the camera


def _camera(
    rng: np.random.Generator,
    corners: np.ndarray | None,
    target: np.ndarray,
    tilt_deg: float,
    size: tuple[int, int],
    hfov: float,
    height: float,
) -> View:
    w, h = size
    up_yaw = rng.uniform(-0.12, 0.12)
    up = np.array([np.sin(up_yaw), np.cos(up_yaw), 0.0])
    az = rng.uniform(0, 2 * np.pi)
    for _ in range(40):
        tilt = np.radians(tilt_deg)
        dist = height / np.cos(tilt)
        pos = target + np.array([np.cos(az) * np.sin(tilt) * dist, np.sin(az) * np.sin(tilt) * dist, height])
        look = target + rng.uniform(-0.015, 0.015, 3) * np.array([1, 1, 0])
        K = cam.intrinsics(rng, w, h, hfov)
        R, t = cam.look_at(pos, look, up, rng.uniform(-0.04, 0.04))
        view = View(K, R, t, w, h)
        if corners is None:
            return view
        q = view.project(corners)
        m = 0.02 * w
        inside = (
            (q[:, 0] > m).all()
            and (q[:, 0] < w - 1 - m).all()
            and (q[:, 1] > m).all()
            and (q[:, 1] < h - 1 - m).all()
        )
        if inside and ((corners - pos) @ R[2] > 0.05).all():
            return view
        height *= 1.07
    raise RuntimeError("no camera pose keeps the document in view")


def _defaults(rng: np.random.Generator) -> cam.Develop:
    return cam.Develop(
        exposure=rng.uniform(0.85, 1.15),
        wb=tuple(rng.uniform(0.93, 1.07, 3)),  # type: ignore[arg-type]
        aperture=rng.uniform(0.0008, 0.0018),
        motion=0.0,
        vignette=rng.uniform(0.6, 1.6),
        shot=rng.uniform(0.001, 0.004),
        read=rng.uniform(0.002, 0.006),
        jpeg=int(rng.integers(80, 96)),
        sharpen=rng.uniform(0.2, 0.7),
    )


# ---------------------------------------------------------------- scenes


def _clutter(rng: np.random.Generator, around: np.ndarray, keep_out: float, z: float, n: int) -> list[Item]:
    """n objects around ``around`` but at least ``keep_out`` from it (so they do not cover it)."""
    # (maker, the object's radius on the counter): an object stands clear of the keep-out circle
    makers: list[tuple[Callable[[np.ndarray, float], list[Item]], float]] = [
        (lambda xy, yaw: props.phone(rng, xy, yaw, z), 0.085),
        (lambda xy, yaw: props.book(rng, xy, yaw, z), 0.14),
        (lambda xy, yaw: props.keyboard(rng, xy, yaw, z), 0.23),
        (lambda xy, yaw: props.phone(rng, xy, yaw, z, tablet=True), 0.15),
        (lambda xy, yaw: props.mug(rng, xy, z), 0.045),
        (lambda xy, yaw: props.coin(rng, xy, z), 0.013),
        (lambda xy, yaw: props.envelope(rng, xy, yaw, z), 0.125),
        (lambda xy, yaw: props.book(rng, xy, yaw, z, magazine=True), 0.175),
    ]
    items: list[Item] = []
    for k in rng.permutation(len(makers))[:n]:
        make, radius = makers[k]
        a = rng.uniform(0, 2 * np.pi)
        r = (
            keep_out + radius * rng.uniform(0.75, 1.0) + rng.uniform(0.0, 0.06)
            if keep_out > 0
            else rng.uniform(0, 0.12)
        )
        xy = around[:2] + r * np.array([np.cos(a), np.sin(a)])
        items += make(xy, float(rng.uniform(0, np.pi)))
    if rng.random() < 0.6:  # a pen pointing away from the document
        a = rng.uniform(0, 2 * np.pi)
        tip = around[:2] + (keep_out + 0.02) * np.array([np.cos(a), np.sin(a)])
        items += props.pen(rng, tip, float(a + rng.uniform(-0.5, 0.5)), z)
    return items


def _build(seed: int, index: int) -> tuple[Scene, str, str, str]:
    condition, kind, negative = plan(index)
    rng = np.random.default_rng([seed, index, 5])
    size = SIZES[int(rng.integers(len(SIZES)))]
    dev = _defaults(rng)
    items: list[Item] = []
    style = "ceiling"
    counter_style = str(rng.choice(list(props.LAMINATES) + ["wood", "wood", "granite"]))
    if condition == "photo_surface" or negative == "photo_only":
        counter_style = "photo"
    elif condition == "tablecloth":
        counter_style = "tablecloth"
    elif condition == "low_contrast":
        counter_style = str(rng.choice(["white", "cream"]))
    use_tray = (
        condition in ("plain_counter", "noise_jpeg", "blur", "exposure", "rotated")
        and rng.random() < 0.6
        or negative == "empty_tray"
    )
    surface = 0.0
    if use_tray:
        tray, surface = _tray(rng)
        items += tray
    target = np.array([rng.uniform(-0.03, 0.03), rng.uniform(-0.03, 0.03), surface])
    counter_edge: tuple[np.ndarray | None, float] = (None, 0.0)
    corners = None
    doc_face = None

    if condition == "negative":
        scene_items, target = _negative(rng, negative, surface)
        items += scene_items
    else:
        theta = rng.uniform(-0.25, 0.25)
        if condition == "rotated":
            theta = float(rng.choice([np.pi / 2, np.pi, 3 * np.pi / 2, rng.uniform(0, 2 * np.pi)]))
        elif rng.random() < 0.2:
            theta += np.pi / 2 * int(rng.integers(1, 4))
        rot = fm.rot_z(theta)
        face = docs.BUILDERS[kind](rng)
        doc_face = face
        w, h = face.width, face.height
        lift = surface + PAPER_LIFT + (0.0007 if kind in ("id_card", "passport") else 0.0)
        pos = target + np.array([0, 0, lift - surface])
        deform: fm.Deform | None = None
        if kind in ("receipt",) and rng.random() < 0.4:
            deform = _bow(w, h, h * rng.uniform(0.01, 0.04), along_u=False)
        if kind == "id_card" and rng.random() < 0.3:
            deform = _bow(w, h, rng.uniform(0.0005, 0.002))
        if condition == "curled_sag":
            pick = int(rng.integers(3))
            if pick == 0:
                deform = _curl(w, h, rng)
            elif pick == 1 and kind in ("a4", "receipt"):
                deform = _fold(w, h, rng)
            elif pick == 1:
                deform = _bow(w, h, rng.uniform(0.002, 0.005))
            else:
                # over the counter's front edge: the counter ends under the sheet and it droops
                edge_local = rng.uniform(0.15, 0.3) * w
                deform, _ = _sag(w, h, rng, edge_local)
                droop = rot[:, 0]  # the droop runs along the sheet's own x
                counter_edge = (target + droop * edge_local, float(np.arctan2(droop[1], droop[0])))
        if condition == "held_fingers" and rng.random() < 0.55:
            # held up to the camera: the sheet in the air, tilted, bowed by its own weight
            tilt = np.radians(rng.uniform(12, 38))
            axis_yaw = rng.uniform(0, 2 * np.pi)
            rot = fm.rot_z(axis_yaw) @ fm.rot_x(tilt) @ fm.rot_z(-axis_yaw) @ fm.rot_z(theta)
            pos = target + np.array([0, 0, rng.uniform(0.06, 0.14)])
            deform = _bow(w, h, min(w, h) * rng.uniform(0.01, 0.04), along_u=bool(rng.random() < 0.5))
        doc_items, corners, _ = _document(rng, kind, deform, rot, pos, face)
        items += doc_items
        if condition == "held_fingers":
            items += _held_hand(rng, corners, rot, w, h)
        if condition == "edge_objects":
            items += _edge_objects(rng, corners, pos[2])
        if condition == "clutter":
            items += _clutter(rng, target, float(np.hypot(w, h)) / 2 + 0.01, surface, int(rng.integers(3, 7)))
        if condition == "overlap":
            items += _under_sheet(rng, kind, corners, rot, surface)
        if condition == "window_shadow":
            style = "window"
        elif condition in ("glare",):
            style = "ceiling"
        elif condition == "noise_jpeg" or (condition == "exposure" and rng.random() < 0.3):
            style = str(rng.choice(["lamp", "ceiling"]))
        elif rng.random() < 0.25:
            style = str(rng.choice(["window", "lamp"]))

    items += _counter(rng, counter_style, *counter_edge)
    lighting, extra = _lighting(rng, style, target)
    items += extra
    if condition == "window_shadow" and rng.random() < 0.35:
        items += _head_shadow(rng, lighting, target)

    # the camera
    tilt = rng.uniform(0, 12)
    if condition == "steep":
        tilt = rng.uniform(38, 55)
    elif condition in ("held_fingers", "glare") or rng.random() < 0.15:
        tilt = rng.uniform(8, 28)
    hfov = rng.uniform(52, 74) if kind in ("a4", "none") else rng.uniform(44, 64)
    height = rng.uniform(0.30, 0.45)
    if kind == "a4":
        height *= 1.15
    if condition == "steep":
        height *= np.cos(np.radians(tilt)) * 1.2  # the same distance to the sheet, seen from the side
    view = _camera(rng, corners, target, tilt, size, hfov, height)

    if condition == "glare":
        lighting.fills = lighting.fills[:1]
        # a lamp where the sheet mirrors the camera: its highlight lands on the document
        centre = corners.mean(0) if corners is not None else target
        c = view.position
        mirror = np.array([c[0], c[1], 2 * centre[2] - c[2]])
        towards = centre + (centre - mirror) * rng.uniform(0.6, 1.0)
        towards[:2] += rng.uniform(-0.04, 0.04, 2)
        lighting.fills.append((tuple(towards), tuple(np.ones(3) * rng.uniform(0.25, 0.5))))
        if doc_face is not None:
            for it in items:
                if it.is_sheet:
                    it.material.specular = max(it.material.specular, 0.6)
                    it.material.shininess = 120
    if condition == "blur":
        pick = int(rng.integers(3))
        if pick in (0, 2):
            dev.aperture = rng.uniform(0.003, 0.006)
            dev.focus = float(view.position[2] * rng.choice([rng.uniform(0.45, 0.7), rng.uniform(1.6, 3.0)]))
        if pick in (1, 2):
            dev.motion = rng.uniform(6, 20)
            dev.motion_angle = rng.uniform(0, np.pi)
    else:
        dev.focus = float(np.linalg.norm(view.position - target)) * rng.uniform(0.97, 1.03)
    if condition == "noise_jpeg":
        dev.shot = rng.uniform(0.01, 0.04)
        dev.read = rng.uniform(0.008, 0.025)
        dev.jpeg = int(rng.integers(35, 70))
        dev.exposure *= rng.uniform(0.7, 1.0)
    if condition == "exposure":
        dev.exposure = rng.uniform(0.15, 0.35) if rng.random() < 0.5 else rng.uniform(2.0, 3.5)
    if condition == "low_contrast":
        dev.sharpen = 0.1
    return Scene(items, lighting, view, corners, dev), condition, kind, negative


def _held_hand(
    rng: np.random.Generator, corners: np.ndarray, rot: np.ndarray, w: float, h: float
) -> list[Item]:
    """A hand at one side of the sheet: the thumb on its face near the edge, fingers below or
    across it, the palm and forearm outside."""
    side = int(rng.integers(4))
    a, b = corners[side], corners[(side + 1) % 4]
    centre = corners.mean(0)
    normal = rot[:, 2]
    t = rng.uniform(0.3, 0.7)
    edge_pt = a + (b - a) * t
    outward = edge_pt - centre
    outward -= normal * outward.dot(normal)
    outward /= np.linalg.norm(outward)
    # fingers reach under the sheet (hidden) when it is held up, or over it onto the counter
    under = bool(np.linalg.norm(normal - np.array([0, 0, 1.0])) > 0.05 or centre[2] > 0.03)
    small = min(w, h) < 0.1
    if under:
        # the palm and fingers below the sheet's plane by more than a finger's thickness
        wrist = edge_pt + outward * rng.uniform(0.07, 0.1) - normal * 0.03
    else:
        # fingertips reach only 1–3.5 cm onto the sheet (less on a card): wrist to tip is ~16 cm
        reach = rng.uniform(0.006, 0.018) if small else rng.uniform(0.01, 0.035)
        wrist = edge_pt + outward * (0.16 - reach) + normal * 0.02
    thumb = (
        edge_pt
        - outward * (rng.uniform(0.006, 0.015) if small else rng.uniform(0.012, 0.03))
        + normal * 0.009
    )
    sheet_h = float(centre.dot(normal))
    tips = sheet_h - 0.025 if under else sheet_h
    fingers = int(rng.integers(1, 5)) if not under else 4
    return props.hand(
        rng,
        wrist,
        -outward,
        normal,
        tips,
        fingers=fingers,
        thumb_tip=thumb if under else None,  # on the counter the fingers press, the thumb stays off
        spread=rng.uniform(0.1, 0.5),
        arch_up=not under,
    )


def _edge_objects(rng: np.random.Generator, corners: np.ndarray, z: float) -> list[Item]:
    items: list[Item] = []
    centre = corners.mean(0)
    for _ in range(int(rng.integers(1, 3))):
        side = int(rng.integers(4))
        a, b = corners[side], corners[(side + 1) % 4]
        p = a + (b - a) * rng.uniform(0.2, 0.8)
        out = p - centre
        out[2] = 0
        out /= np.linalg.norm(out)
        pick = int(rng.integers(3))
        if pick == 0:  # a pen with its tip on the sheet and its body off it
            tip = p[:2] - out[:2] * rng.uniform(0.01, 0.05)
            items += props.pen(rng, tip, float(np.arctan2(out[1], out[0]) + rng.uniform(-0.6, 0.6)), z)
        elif pick == 1:  # a phone lying over the edge, its long side along it, 5–20 mm onto the sheet
            yaw = float(np.arctan2(out[1], out[0]))
            xy = p[:2] + out[:2] * (0.036 - rng.uniform(0.005, 0.02))
            items += props.phone(rng, xy, yaw, z + 0.0005)
        else:  # a coin on the edge, or a mug beside it whose rim leans over the edge in perspective
            xy = p[:2] + out[:2] * rng.uniform(-0.005, 0.01)
            items += (
                props.coin(rng, xy, z + 0.0004)
                if rng.random() < 0.5
                else props.mug(rng, p[:2] + out[:2] * 0.048, z - PAPER_LIFT)
            )
    return items


def _under_sheet(
    rng: np.random.Generator, kind: str, corners: np.ndarray, rot: np.ndarray, surface: float
) -> list[Item]:
    """A second document partly under the top one (the truth stays the top, whole one)."""
    other = str(rng.choice([k for k in KINDS if k != "passport"]))
    face = docs.BUILDERS[other](rng)
    centre = corners.mean(0)
    a = rng.uniform(0, 2 * np.pi)
    shift = np.array([np.cos(a), np.sin(a), 0.0]) * rng.uniform(0.35, 0.6) * max(face.width, face.height)
    pos = np.array([centre[0], centre[1], surface + PAPER_LIFT * 0.3]) + shift
    items, _, _ = _document(rng, other, None, fm.rot_z(rng.uniform(0, 2 * np.pi)), pos, face)
    for it in items:
        it.is_sheet = False  # not the document the truth is about
    return items


def _negative(rng: np.random.Generator, negative: str, surface: float) -> tuple[list[Item], np.ndarray]:
    target = np.array([rng.uniform(-0.03, 0.03), rng.uniform(-0.03, 0.03), surface])
    xy = target[:2]
    yaw = float(rng.uniform(0, np.pi))
    z = surface
    if negative == "empty_tray" or negative == "photo_only":
        return [], target
    if negative == "clutter_only":
        return _clutter(rng, target, 0.0, z, int(rng.integers(3, 6))), target
    if negative == "closed_book":
        return props.book(rng, xy, yaw, z), target
    if negative == "phone_tablet":
        return props.phone(rng, xy, yaw, z, tablet=bool(rng.random() < 0.5)), target
    if negative == "hand_alone":
        d = np.array([np.cos(yaw), np.sin(yaw), 0.0])
        return props.hand(
            rng,
            target - d * 0.08 + np.array([0, 0, 0.03]),
            d,
            np.array([0, 0, 1.0]),
            z,
            fingers=int(rng.integers(2, 5)),
        ), target
    if negative == "envelope_folder":
        return props.envelope(rng, xy, yaw, z, folder=bool(rng.random() < 0.5)), target
    if negative == "keyboard":
        return props.keyboard(rng, xy, yaw, z), target
    if negative == "picture_frame":
        return props.picture_frame(rng, xy, yaw, z), target
    raise ValueError(negative)


# ---------------------------------------------------------------- the public face


def sample(seed: int, index: int) -> Sample:
    scene, condition, kind, negative = _build(seed, index)
    rgb, depth = render(scene.items, scene.lighting, scene.view)
    rng = np.random.default_rng([seed, index, 55])
    image = cam.develop(rgb, depth, scene.view, scene.develop, rng)
    corners = None if scene.corners is None else scene.view.project(scene.corners)
    label = negative if condition == "negative" else kind
    return Sample(f"fifth-{seed}-{index:03d}-{condition}-{label}", condition, kind, image, corners)


def sentinel(seed: int, index: int) -> tuple[np.ndarray, np.ndarray | None]:
    """The same scene with only the sheet, unlit and flat-coloured (magenta, its top-left
    quarter green) on black, through the same camera: (RGB uint8 image, projected corners)."""
    scene, *_ = _build(seed, index)
    rgb, _ = render(scene.items, scene.lighting, scene.view, sentinel=True)
    corners = None if scene.corners is None else scene.view.project(scene.corners)
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8), corners


def geometry(seed: int, index: int) -> tuple[np.ndarray | None, tuple[int, int], bool]:
    """Without rendering: the projected corners, the frame's (width, height), and whether the
    sheet lies flat (no curl, fold, sag, bow, nor held up)."""
    scene, *_ = _build(seed, index)
    corners = None if scene.corners is None else scene.view.project(scene.corners)
    sheets = [it for it in scene.items if it.is_sheet]
    flat = bool(sheets) and float(np.ptp(sheets[0].mesh.positions[:, 2])) < 1e-6
    return corners, (scene.view.width, scene.view.height), flat


def samples(seed: int, count: int) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed, i)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument(
        "--save", type=Path, help="write each frame as a JPEG with its corners drawn into this folder"
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    by_cond: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    try:
        for s in samples(args.seed, args.count):
            by_cond[s.condition] += 1
            by_kind[s.kind] += 1
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                img = s.image.copy()
                if s.corners is not None:
                    cv2.polylines(img, [np.round(s.corners).astype(np.int32)], True, (0, 255, 0), 2)
                    cv2.circle(img, tuple(int(v) for v in np.round(s.corners[0])), 8, (0, 0, 255), -1)
                cv2.imwrite(str(args.save / f"{s.name}.jpg"), img)
    except (props.MissingPhotographs, RendererUnavailable, FileNotFoundError) as exc:
        print(f"doc_fifth: {exc}", file=sys.stderr)  # what is missing and which package brings it
        return 1
    wall = time.perf_counter() - t0
    print(
        f"{args.count} frames (seed {args.seed}) in {wall:.1f} s wall, {time.process_time() - cpu0:.1f} s CPU of this process"
    )
    print("by condition: " + ", ".join(f"{c} {by_cond[c]}" for c in CONDITIONS))
    print("by kind: " + ", ".join(f"{k} {by_kind[k]}" for k in (*KINDS, "none")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
