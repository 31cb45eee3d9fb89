"""The ninth set's scenes: a frame plan turned into meshes, materials, lights and a camera.

Everything is in millimetres, the tray's floor at z = 0, +y away from the citizen. A scene
knows its document's four corners in the world (TL, TR, BR, BL as the document is read); the
renderer projects them with the camera it renders with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from bench.datasets import ninth_geometry as g
from bench.datasets import ninth_textures as tex
from bench.datasets.ninth_plan import NEGATIVE_SUBJECTS, FramePlan

#: Photographic textures (GPL-2+) from Debian's neverball-data, used by no other set.
NEVERBALL = Path("/usr/share/games/neverball/textures/mtrl")
TRAY_PHOTOS = ("wood-light", "plank-small-light", "marble-grey-polished", "turf-grey", "chalk", "marble-grey")
COUNTER_PHOTOS = ("marble-brown-polished", "plank", "carpet", "wood", "marble-grey", "wood-light")
SOLID_TRAYS = (
    (0.16, 0.16, 0.17),
    (0.55, 0.56, 0.57),
    (0.78, 0.74, 0.66),
    (0.12, 0.2, 0.35),
    (0.85, 0.85, 0.83),
)


def rgb(values) -> tuple[float, float, float]:
    r, g_, b = (float(v) for v in values)
    return (r, g_, b)


@dataclass
class Part:
    mesh: g.Mesh
    colour: tuple[float, float, float] = (0.8, 0.8, 0.8)
    roughness: float = 0.6
    metallic: float = 0.0
    coat: float = 0.0
    coat_roughness: float = 0.1
    texture: np.ndarray | None = None  # RGB uint8, upright
    normal_map: np.ndarray | None = None  # RGB uint8, tangent space
    emissive: float = 0.0
    smooth: bool = True
    repeat: tuple[float, float] = (1.0, 1.0)  # times the texture repeats across the mesh (u, v)


@dataclass
class Light:
    kind: str  # "directional", "positional" or "spot"
    position: tuple[float, float, float]
    focal: tuple[float, float, float] = (0.0, 0.0, 0.0)
    colour: tuple[float, float, float] = (1.0, 1.0, 1.0)
    intensity: float = 1.0
    cone: float = 80.0
    shadows: bool = False


@dataclass
class CameraSpec:
    position: tuple[float, float, float]
    focal: tuple[float, float, float]
    up: tuple[float, float, float]
    view_angle: float  # vertical, degrees, of the 16:9 frame


@dataclass
class Look:
    """What the camera does after the light reaches it (see ninth_camera)."""

    exposure: float = 1.0  # multiplies auto-exposure's choice
    noise: float = 0.0015  # read noise at unity gain, fraction of full scale (a few electrons in thousands)
    gain: float = 1.0  # analogue gain: shot noise grows with it
    focus_offset: float = 0.0  # mm, focus plane above (+) the tray
    aperture: float = 1.0  # depth-of-field strength
    motion_px: float = 0.0  # blur length of what is above the tray
    motion_angle: float = 0.0
    sharpen: float = 0.5
    jpeg_quality: int = 85
    stream_scale: float = 1.0  # < 1: encoded smaller and upscaled (a low-bitrate stream)
    white_balance: tuple[float, float, float] = (1.0, 1.0, 1.0)
    vignette: float = 0.25


@dataclass
class Scene:
    parts: list[Part]
    lights: list[Light]
    camera: CameraSpec
    environment: np.ndarray
    environment_strength: float
    look: Look
    corners: np.ndarray | None  # 4 x 3 world points, TL TR BR BL as read
    ssao: bool = True
    notes: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=16)
def photo(name: str) -> np.ndarray:
    path = NEVERBALL / f"{name}.jpg"
    return np.asarray(Image.open(path).convert("RGB"))


def normal_map(rgb: np.ndarray, strength: float) -> np.ndarray:
    """A tangent-space normal map from a photograph's shading (dark = low)."""
    lum = rgb.astype(np.float32).mean(axis=2) / 255.0
    gy, gx = np.gradient(lum)
    n = np.dstack([-gx * strength, -gy * strength, np.ones_like(lum)])
    n /= np.linalg.norm(n, axis=2, keepdims=True)
    return ((n * 0.5 + 0.5) * 255).astype(np.uint8)


def tiled(rgb: np.ndarray, reps_x: int, reps_y: int, rng: np.random.Generator) -> np.ndarray:
    """A photograph repeated, every tile turned or mirrored so the repeat is not a grid."""
    rows = []
    for _ in range(reps_y):
        row = []
        for _ in range(reps_x):
            t = np.rot90(rgb, int(rng.integers(0, 4))) if rgb.shape[0] == rgb.shape[1] else rgb
            row.append(t[:, ::-1] if rng.random() < 0.5 else t)
        rows.append(np.hstack(row))
    return np.vstack(rows)


def plane(x0: float, y0: float, x1: float, y1: float, z: float) -> g.Mesh:
    m = g.sheet(x1 - x0, y1 - y0, step=max(x1 - x0, y1 - y0) / 8)
    return m.transformed(g.translate(x0, y0, z))


# --- surroundings ----------------------------------------------------------------------------


def surroundings(plan: FramePlan, rng: np.random.Generator) -> list[Part]:
    """The counter, and (except on a bare counter) the tray on it."""
    counter_rgb = tiled(photo(str(rng.choice(COUNTER_PHOTOS))), 2, 2, rng)
    tile = float(rng.uniform(200, 360))  # mm of counter per 2 x 2 photographs
    parts = []
    if plan.condition == "busy_surface":
        counter = plane(-900, -700, 900, 700, 0.0)
        parts.append(
            Part(
                counter,
                texture=counter_rgb,
                normal_map=normal_map(counter_rgb, 6),
                roughness=float(rng.uniform(0.25, 0.7)),
                repeat=(1800 / tile, 1400 / tile),
            )
        )
        return parts
    counter = plane(-1100, -1100, 1100, 1100, -6.0)
    parts.append(
        Part(
            counter,
            texture=counter_rgb,
            normal_map=normal_map(counter_rgb, 4),
            roughness=0.5,
            repeat=(2200 / tile, 2200 / tile),
        )
    )
    w, h, rim = float(rng.uniform(440, 520)), float(rng.uniform(330, 380)), float(rng.uniform(8, 16))
    if rng.random() < 0.55:
        floor = Part(
            plane(-w / 2, -h / 2, w / 2, h / 2, 0.0),
            colour=SOLID_TRAYS[int(rng.integers(len(SOLID_TRAYS)))],
            roughness=float(rng.uniform(0.35, 0.8)),
        )
    else:
        name = str(rng.choice(TRAY_PHOTOS))
        tray_rgb = tiled(photo(name), 2, 2, rng)
        tile = float(rng.uniform(160, 280))
        floor = Part(
            plane(-w / 2, -h / 2, w / 2, h / 2, 0.0),
            texture=tray_rgb,
            normal_map=normal_map(tray_rgb, 5),
            roughness=float(rng.uniform(0.3, 0.8)),
            repeat=(w / tile, h / tile),
        )
    parts.append(floor)
    rim_colour = rgb(np.array(floor.colour) * 0.8) if floor.texture is None else (0.2, 0.2, 0.22)
    height = float(rng.uniform(8, 18))
    for x0, y0, x1, y1 in (
        (-w / 2 - rim, -h / 2 - rim, w / 2 + rim, -h / 2),
        (-w / 2 - rim, h / 2, w / 2 + rim, h / 2 + rim),
        (-w / 2 - rim, -h / 2, -w / 2, h / 2),
        (w / 2, -h / 2, w / 2 + rim, h / 2),
    ):
        parts.append(Part(g.box(x0, y0, -6, x1, y1, height), colour=rim_colour, roughness=0.5, smooth=False))
    return parts


#: Offices drawn for the image-based light; few, because each costs seconds to prefilter and
#: holds a renderer (see ninth_render.MAX_RENDERERS). The first half have a window.
OFFICES = 6


def environment(plan: FramePlan, rng: np.random.Generator) -> np.ndarray:
    """An equirectangular panorama of the office round the counter (z up, row 0 the zenith)."""
    windowed = plan.condition == "window_sun"
    return office(int(rng.integers(OFFICES // 2 if windowed else OFFICES)))


@lru_cache(maxsize=OFFICES)
def office(number: int) -> np.ndarray:
    window = number < OFFICES // 2
    rng = np.random.default_rng([number, 99])
    h, w = 128, 256
    wall = np.array(rng.integers(120, 200, 3), dtype=np.uint8)
    env = np.empty((h, w, 3), np.uint8)
    env[:] = wall
    env[: h // 3] = (np.array(wall, float) * 0.9 + 20).astype(np.uint8)  # ceiling
    env[int(h * 0.6) :] = (np.array(wall, float) * 0.5).astype(np.uint8)  # floor and counter
    for _ in range(int(rng.integers(2, 6))):  # ceiling panels
        r0, c0 = int(rng.integers(4, h // 3 - 8)), int(rng.integers(0, w - 24))
        env[r0 : r0 + 6, c0 : c0 + 20] = 255
    if window:
        c0 = int(rng.integers(0, w - 60))
        env[int(h * 0.3) : int(h * 0.55), c0 : c0 + 50] = (235, 245, 255)
    return env


# --- documents -------------------------------------------------------------------------------


def corner_vertices(mesh: g.Mesh) -> np.ndarray:
    """The mesh's vertices at texture corners TL, TR, BR, BL (as the face is read)."""
    assert mesh.tcoords is not None
    targets = np.array([[0, 1], [1, 1], [1, 0], [0, 0]], float)
    idx = [int(np.argmin(np.linalg.norm(mesh.tcoords - t, axis=1))) for t in targets]
    return mesh.points[idx]


def paper_part(mesh: g.Mesh, face: np.ndarray, rng: np.random.Generator, gloss: float = 0.0) -> Part:
    return Part(mesh, texture=face, roughness=float(rng.uniform(0.55, 0.85)) - gloss)


def document(plan: FramePlan, rng: np.random.Generator) -> tuple[list[Part], np.ndarray, tuple[float, float]]:
    """The document's parts in its own frame (origin at its bottom-left corner, lying on z = 0),
    its four corners there, and its footprint (w, h)."""
    kind = plan.kind
    bent = plan.condition == "curled_folded"
    if kind in ("id_card", "licence"):
        variant = "back" if kind == "id_card" and rng.random() < 0.4 else "front"
        face = tex.document_face(kind, rng, variant)
        w, h = face.size_mm
        thickness = 0.76
        top, body = g.card(w, h, thickness)
        parts = [
            Part(
                top,
                texture=face.rgb,
                roughness=float(rng.uniform(0.3, 0.5)),
                coat=float(rng.uniform(0.5, 1.0)),
                coat_roughness=float(rng.uniform(0.03, 0.2)),
            ),
            Part(body, colour=(0.9, 0.9, 0.88), roughness=0.4),
        ]
        corners = np.array(
            [[0, h, thickness], [w, h, thickness], [w, 0, thickness], [0, 0, thickness]], float
        )
        return parts, corners, (w, h)
    if kind == "passport":
        return passport(rng)
    face = tex.document_face(kind, rng)
    w, h = face.size_mm
    mesh = g.sheet(w, h, step=3.0 if kind == "receipt" else 5.0)
    if kind == "receipt":
        # Thermal paper remembers its roll: one end (or both) curls up.
        radius = float(rng.uniform(12, 35) if bent else rng.uniform(60, 200))
        mesh = g.curl(mesh, 1, h - float(rng.uniform(15, 50)), radius, True)
        if bent or rng.random() < 0.4:
            mesh = g.curl(mesh, 1, float(rng.uniform(10, 40)), radius * float(rng.uniform(0.8, 2)), False)
    elif bent:
        crease = float(rng.uniform(0.3, 0.7)) * h
        mesh = g.fold(
            mesh,
            np.array([0.0, crease]),
            np.array([1.0, float(rng.uniform(-0.05, 0.05))]),
            float(np.deg2rad(rng.uniform(4, 14))),
        )
        if rng.random() < 0.6:
            mesh = g.curl(mesh, 0, w - float(rng.uniform(10, 40)), float(rng.uniform(25, 80)), True)
        mesh = g.sag(mesh, float(rng.uniform(-2, 6)))
    else:
        mesh = g.sag(mesh, float(rng.uniform(0, 2.5)))
    # Paper rests on its lowest point: a dip lifts the edges, it never sinks into the tray.
    mesh = g.Mesh(mesh.points + [0, 0, 0.15 - mesh.points[:, 2].min()], mesh.triangles, mesh.tcoords)
    gloss = 0.25 if kind == "receipt" else 0.0
    return [paper_part(mesh, face.rgb, rng, gloss)], corner_vertices(mesh), (w, h)


def passport(rng: np.random.Generator) -> tuple[list[Part], np.ndarray, tuple[float, float]]:
    """An open passport, spine horizontal: the data page below, the facing page lifting above."""
    face = tex.document_face("passport", rng)
    visa = tex.passport_visa_page(rng)
    w, h = face.size_mm
    cover = (0.08, 0.12, 0.3) if rng.random() < 0.7 else (0.12, 0.25, 0.16)
    block = float(rng.uniform(1.5, 3.0))
    lift = float(rng.uniform(150, 600))
    parts = [
        Part(g.box(-2.5, -2.5, 0, w + 2.5, 2 * h + 4.5, 0.8), colour=cover, roughness=0.7),
        Part(g.box(0, 0, 0.8, w, h, 0.8 + block), colour=(0.86, 0.86, 0.82), roughness=0.8, smooth=False),
        Part(
            g.box(0, h + 2, 0.8, w, 2 * h + 2, 0.8 + block * 0.7),
            colour=(0.86, 0.86, 0.82),
            roughness=0.8,
            smooth=False,
        ),
    ]
    spine = g.cylinder(2.5, w, 16).transformed(g.translate(0, h + 1, 0.8 + block * 0.5) @ g.rot_y(np.pi / 2))
    parts.append(Part(spine, colour=cover, roughness=0.6))
    data = g.sag(g.sheet(w, h, 5.0), float(rng.uniform(0, 1.5)))
    data = g.Mesh(data.points + [0, 0, 0.85 + block], data.triangles, data.tcoords)
    parts.append(
        Part(data, texture=face.rgb, roughness=0.45, coat=float(rng.uniform(0.2, 0.7)), coat_roughness=0.15)
    )
    page = g.curl(g.sheet(w, h, 5.0), 1, 0.0, lift, True)
    page = g.Mesh(page.points + [0, h + 2, 0.85 + block * 0.7], page.triangles, page.tcoords)
    parts.append(Part(page, texture=visa.rgb, roughness=0.75))
    return parts, corner_vertices(data), (w, 2 * h + 2)


def hand_part(rng: np.random.Generator, grip: float) -> Part:
    skin = (float(rng.uniform(0.55, 0.85)), float(rng.uniform(0.38, 0.6)), float(rng.uniform(0.28, 0.45)))
    return Part(g.hand(rng, grip), colour=skin, roughness=float(rng.uniform(0.45, 0.65)))


def clutter(
    rng: np.random.Generator, count: int, keep_out: tuple[np.ndarray, float] | None, area: tuple[float, float]
) -> list[Part]:
    """Things left on the tray: pens, a phone, a cup, coins, a queue ticket."""
    parts: list[Part] = []
    kinds = rng.choice(["pen", "phone", "cup", "coins", "ticket", "pen"], size=count)
    for what in kinds:
        for _ in range(20):
            x, y = rng.uniform(-area[0] / 2, area[0] / 2), rng.uniform(-area[1] / 2, area[1] / 2)
            if (
                keep_out is None
                or what in ("pen", "coins")
                or np.hypot(x - keep_out[0][0], y - keep_out[0][1]) > keep_out[1] + 50
            ):
                break
        pose = g.translate(x, y, 0) @ g.rot_z(float(rng.uniform(0, 2 * np.pi)))
        if what == "pen":
            body, tip = g.pen(float(rng.uniform(120, 150)))
            colour = rgb(rng.choice([(0.05, 0.1, 0.5), (0.9, 0.9, 0.9), (0.1, 0.1, 0.1), (0.7, 0.1, 0.1)]))
            parts += [
                Part(body.transformed(pose), colour=colour, roughness=0.3, coat=0.5),
                Part(tip.transformed(pose), colour=(0.7, 0.7, 0.72), metallic=1.0, roughness=0.25),
            ]
        elif what == "phone":
            top, body = g.rounded_slab(72, 150, 8, 9)
            parts += [
                Part(
                    top.transformed(pose),
                    texture=tex.phone_screen(rng),
                    roughness=0.1,
                    coat=1.0,
                    coat_roughness=0.02,
                    emissive=float(rng.uniform(0, 1)),
                ),
                Part(body.transformed(pose), colour=(0.15, 0.15, 0.17), metallic=0.8, roughness=0.35),
            ]
        elif what == "cup":
            colour = rgb(rng.choice([(0.92, 0.92, 0.9), (0.6, 0.15, 0.1), (0.2, 0.3, 0.5)]))
            parts.append(
                Part(
                    g.cup(float(rng.uniform(35, 45)), float(rng.uniform(80, 100))).transformed(pose),
                    colour=colour,
                    roughness=0.2,
                    coat=0.6,
                )
            )
        elif what == "coins":
            for _ in range(int(rng.integers(2, 6))):
                c = g.cylinder(float(rng.uniform(9, 13)), 1.8, 32).transformed(
                    g.translate(x + rng.uniform(-30, 30), y + rng.uniform(-30, 30), 0)
                )
                parts.append(
                    Part(
                        c,
                        colour=rgb(rng.choice([(0.95, 0.75, 0.4), (0.85, 0.85, 0.85)])),
                        metallic=1.0,
                        roughness=0.35,
                    )
                )
        else:
            ticket = tex.queue_ticket(rng)
            m = g.curl(g.sheet(*ticket.size_mm, step=4.0), 1, ticket.size_mm[1] - 10, 30, True).transformed(
                pose @ g.translate(-29, -20, 0.1)
            )
            parts.append(Part(m, texture=ticket.rgb, roughness=0.5))
    return parts


def negative_subject(rng: np.random.Generator, subject: str) -> list[Part]:
    if subject == "empty_tray":
        return []
    if subject == "phone":
        return _phone(rng)
    if subject == "hand":
        pose = g.translate(float(rng.uniform(-40, 60)), float(rng.uniform(-60, 60)), 2) @ g.rot_z(
            float(rng.uniform(-0.6, 0.6)) + np.pi / 2
        )
        hp = hand_part(rng, 0.2)
        return [replace(hp, mesh=hp.mesh.transformed(pose))]
    if subject == "wallet":
        top, body = g.rounded_slab(float(rng.uniform(95, 115)), float(rng.uniform(80, 95)), 14, 6)
        pose = g.translate(float(rng.uniform(-60, 60)), float(rng.uniform(-40, 40)), 0) @ g.rot_z(
            float(rng.uniform(0, np.pi))
        )
        leather = rgb(rng.choice([(0.25, 0.12, 0.06), (0.05, 0.05, 0.05), (0.45, 0.3, 0.18)]))
        return [
            Part(top.transformed(pose), colour=leather, roughness=0.55, coat=0.3),
            Part(body.transformed(pose), colour=leather, roughness=0.6),
        ]
    if subject == "cup_and_coins":
        return clutter(rng, 3, None, (220, 160))
    return clutter(rng, 4, None, (300, 220))


def _phone(rng: np.random.Generator) -> list[Part]:
    top, body = g.rounded_slab(72, 150, 8, 9)
    pose = g.translate(float(rng.uniform(-60, 60)), float(rng.uniform(-40, 40)), 0) @ g.rot_z(
        float(rng.uniform(0, np.pi))
    )
    return [
        Part(
            top.transformed(pose),
            texture=tex.phone_screen(rng),
            roughness=0.1,
            coat=1.0,
            coat_roughness=0.02,
            emissive=float(rng.uniform(0, 1)),
        ),
        Part(body.transformed(pose), colour=(0.15, 0.15, 0.17), metallic=0.8, roughness=0.35),
    ]


def pick_negative(plan: FramePlan) -> str:
    return NEGATIVE_SUBJECTS[int(plan.rng(5).integers(len(NEGATIVE_SUBJECTS)))]
