"""Fresh document frames (issue #20): a fourth generator, by other hands, for the final report only.

Written without reading the detector or the other document generators, and never run
through the detector. Nobody tunes or trains on it; the lead reports on it once.

A scene is built in millimetres on a counter and filmed by :mod:`fresh_camera` (pinhole +
division-model lens + rolling shutter) through :mod:`fresh_sensor` (chromatic aberration,
Bayer mosaic, shot/read noise, white balance, demosaic, tone curve, sharpening, JPEG).
Documents (:mod:`fresh_paper`) are bent as planar facets (a curled edge, a fold, a bowed
card) or dog-eared; their corners are projected through the very camera that renders
them. Surfaces, objects and hands come from :mod:`fresh_props`; photographs from the
Debian package ``lomiri-wallpapers-16.04``.

    python -m bench.datasets.doc_fresh [--seed 4] [--count 150] [--save DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from bench.datasets import fresh_paper as paper
from bench.datasets import fresh_props as props
from bench.datasets.fresh_camera import Camera, Layer, Lens, alpha_of, composite, drop_to_counter, look_down
from bench.datasets.fresh_sensor import Develop, develop

KINDS = ("a4", "id_card", "receipt")
POSITIVE = (
    "plain_counter",
    "photo_surface",
    "held_fingers",
    "edge_objects",
    "shadow_light",
    "clutter",
    "low_contrast",
    "blur",
    "noise_jpeg",
    "steep",
    "rotated",
    "curled_folded",
    "glare",
    "exposure",
    "glass_metal",
)
CONDITIONS = (*POSITIVE, "negative")
NEGATIVE_TYPES = ("clutter", "blank", "book", "tablet", "hand", "photo", "folder", "keyboard")
DEFAULT_SEED = 4
FRAMES = {"tray": (1600, 1200), "wide": (1920, 1080)}


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str  # "none" on negatives
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None  # 4×2 float32: TL, TR, BR, BL as the document reads upright


@dataclass
class Bend:
    """How the sheet leaves the counter: along local axis 0 (s) or 1 (t), at its far or near end."""

    mode: str = "flat"  # flat | curl | fold | bow | dogear
    axis: int = 1
    far_end: bool = True
    start: float = 0.0  # mm along the axis where the bend begins (curl, fold)
    amount: float = 0.0  # curl: radius mm; fold: angle rad; bow: edge lift mm; dogear: leg mm
    amount2: float = 0.0  # dogear: second leg mm
    corner: int = 0  # dogear: which corner (TL, TR, BR, BL)


@dataclass
class Geometry:
    cam: Camera
    kind: str
    size_mm: tuple[float, float]
    centre: np.ndarray
    psi: float  # in-plane rotation of the sheet on the counter, radians
    bend: Bend
    corners: np.ndarray


# --- plan ----------------------------------------------------------------------------------
def plan(index: int) -> tuple[str, str, str]:
    """(condition, kind, negative type) of a frame: every tenth is a negative; kinds rotate per condition."""
    cycle, pos = divmod(index, 10)
    if pos == 9:
        return "negative", "none", NEGATIVE_TYPES[cycle % len(NEGATIVE_TYPES)]
    j = cycle * 9 + pos
    c = j % len(POSITIVE)
    return POSITIVE[c], KINDS[(c + j // len(POSITIVE)) % 3], ""


# --- the sheet in 3-D ------------------------------------------------------------------------
def _axis_profile(q: np.ndarray, L: float, b: Bend) -> tuple[np.ndarray, np.ndarray]:
    """Position along the counter and height (negative = up) of the bent axis coordinate q."""
    q = np.asarray(q, float)
    qq = q if b.far_end else L - q
    h, z = qq.copy(), np.zeros_like(qq)
    if b.mode == "curl":
        ell = np.clip(qq - b.start, 0, None)
        R = b.amount
        h = np.where(qq > b.start, b.start + R * np.sin(ell / R), qq)
        z = -R * (1 - np.cos(ell / R))
    elif b.mode == "fold":
        ell = np.clip(qq - b.start, 0, None)
        h = np.where(qq > b.start, b.start + ell * np.cos(b.amount), qq)
        z = -ell * np.sin(b.amount)
    elif b.mode == "bow":
        z = -b.amount * ((qq - L / 2) / (L / 2)) ** 2
    if not b.far_end:
        h = L - h
    return h, z


def _breaks(L: float, b: Bend) -> list[float]:
    """Facet boundaries along the bent axis (in the sheet's own coordinate)."""
    if b.mode in ("flat", "dogear"):
        return [0.0, L]
    if b.mode == "bow":
        return list(np.linspace(0, L, 9))
    inner = list(np.linspace(b.start, L, 8 if b.mode == "curl" else 2))
    pts = [0.0, *inner]
    if not b.far_end:
        pts = sorted(L - p for p in pts)
    return pts


def _frame_axes(
    centre: np.ndarray, psi: float, size: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    e1 = np.array([np.cos(psi), np.sin(psi), 0.0])
    e2 = np.array([-np.sin(psi), np.cos(psi), 0.0])
    o = np.array([centre[0], centre[1], 0.0]) - e1 * size[0] / 2 - e2 * size[1] / 2
    return o, e1, e2


def embed(
    s: np.ndarray, t: np.ndarray, g_size: tuple[float, float], centre: np.ndarray, psi: float, b: Bend
) -> np.ndarray:
    """Sheet coordinates (mm from its own top left) → world points."""
    o, e1, e2 = _frame_axes(centre, psi, g_size)
    s, t = np.atleast_1d(np.asarray(s, float)), np.atleast_1d(np.asarray(t, float))
    if b.axis == 0:
        hs, z = _axis_profile(s, g_size[0], b)
        ht = t
    else:
        ht, z = _axis_profile(t, g_size[1], b)
        hs = s
    return o + hs[:, None] * e1 + ht[:, None] * e2 + z[:, None] * np.array([0, 0, 1.0])


def sheet_corners3d(size: tuple[float, float], centre: np.ndarray, psi: float, b: Bend) -> np.ndarray:
    w, h = size
    return embed(np.array([0, w, w, 0]), np.array([0, 0, h, h]), size, centre, psi, b)


def sheet_layers(
    tex: np.ndarray, size: tuple[float, float], centre: np.ndarray, psi: float, b: Bend, light: np.ndarray
) -> list[Layer]:
    """Planar facets of the (possibly bent) sheet, each with its share of the texture and its shading."""
    th, tw = tex.shape[:2]
    per = (size[0] / tw, size[1] / th)  # mm per texel along s and t
    L = size[b.axis]
    n_tex = (tw, th)[b.axis]
    brk = _breaks(L, b)
    out = []
    lvec = -np.asarray(light, float) / np.linalg.norm(light)  # towards the lamp
    flat_lit = max(-lvec[2], 0.2)
    for q0, q1 in zip(brk[:-1], brk[1:], strict=True):
        i0 = max(0, int(np.floor(q0 / per[b.axis])) - 1)
        i1 = min(n_tex, int(np.ceil(q1 / per[b.axis])) + 2)
        crop = tex[:, i0:i1] if b.axis == 0 else tex[i0:i1]
        # affine in the facet: interpolate the bent axis between its two ends
        ends = np.array([q0, q1])
        if b.axis == 0:
            p = embed(ends, np.zeros(2), size, centre, psi, b)
            p_other = embed(np.array([q0]), np.array([1.0]), size, centre, psi, b)[0] - p[0]
        else:
            p = embed(np.zeros(2), ends, size, centre, psi, b)
            p_other = embed(np.array([1.0]), np.array([q0]), size, centre, psi, b)[0] - p[0]
        along = (p[1] - p[0]) / (q1 - q0) * per[b.axis]  # world per texel along the bent axis
        other = p_other * per[1 - b.axis]
        origin = p[0] + along * (i0 - q0 / per[b.axis])
        a, bb = (along, other) if b.axis == 0 else (other, along)
        n = np.cross(a, bb)
        n = n / np.linalg.norm(n)
        if n[2] > 0:
            n = -n
        # Lambert: a facet turned towards the lamp is brighter than the flat sheet, away darker
        shade = (0.35 + 0.65 * max(float(n @ lvec), 0.0)) / (0.35 + 0.65 * flat_lit)
        out.append(Layer(np.ascontiguousarray(crop), origin, a, bb, shade=float(np.clip(shade, 0.4, 1.25))))
    return out


def _dogear_cut(
    tex: np.ndarray, size: tuple[float, float], b: Bend
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Remove the folded corner from the sheet; return the sheet, and the flap's triangle in sheet mm."""
    th, tw = tex.shape[:2]
    w, h = size
    corner = np.array([[0, 0], [w, 0], [w, h], [0, h]], float)[b.corner]
    nxt = np.array([[w, 0], [w, h], [0, h], [0, 0]], float)[b.corner]
    prv = np.array([[0, h], [0, 0], [w, 0], [w, h]], float)[b.corner]
    A = corner + (nxt - corner) / np.linalg.norm(nxt - corner) * b.amount
    B = corner + (prv - corner) / np.linalg.norm(prv - corner) * b.amount2
    # texel centres sit at half-integers of the sheet's texel coordinate; 8× fixed point
    tri = (np.array([corner, A, B]) / np.array([w / tw, h / th]) - 0.5) * 8
    cut = np.zeros((th, tw), np.uint8)
    cv2.fillPoly(cut, [np.round(tri).astype(np.int32)], 255, cv2.LINE_AA, 3)
    keep = tex.copy().astype(np.float32)
    keep *= (1 - cut.astype(np.float32) / 255)[..., None]
    return keep.astype(np.uint8), np.array([corner, A, B]), cut


# --- geometry ------------------------------------------------------------------------------
def _size(kind: str, rng: np.random.Generator) -> tuple[float, float]:
    if kind == "receipt":
        w = float(rng.choice(paper.RECEIPT_WIDTHS))
        return w, float(rng.uniform(2.0, 4.0) * w)
    return paper.SIZES_MM[kind]


def _bend(condition: str, kind: str, size: tuple[float, float], rng: np.random.Generator, index: int) -> Bend:
    if condition == "curled_folded":
        modes = {
            "a4": ("curl", "fold", "dogear"),
            "receipt": ("curl", "curl", "dogear"),
            "id_card": ("bow",),
        }[kind]
        mode = modes[(index // 10) % len(modes)]
    elif kind == "receipt" and rng.random() < 0.35:
        mode = "curl"  # thermal paper rarely lies flat
    elif kind == "a4" and rng.random() < 0.3:
        mode = "fold" if rng.random() < 0.7 else "dogear"  # forms come folded in thirds, or worn
    else:
        return Bend()
    axis = int(rng.integers(0, 2)) if kind != "receipt" else 1
    L = size[axis]
    far = bool(rng.random() < 0.5)
    if mode == "curl":
        # kept within what the quad of the sheet's own corners still describes (IoU ≥ 0.98)
        if condition != "curled_folded":
            band, sweep = L * rng.uniform(0.05, 0.1), rng.uniform(0.2, 0.45)
        elif kind == "receipt":
            band, sweep = L * rng.uniform(0.08, 0.15), rng.uniform(0.4, 0.8)
        else:
            band, sweep = L * rng.uniform(0.1, 0.2), rng.uniform(0.5, 1.0)
        return Bend("curl", axis, far, L - band, band / sweep)
    if mode == "fold":
        angle = rng.uniform(10, 26) if condition == "curled_folded" else rng.uniform(3, 7)
        return Bend("fold", axis, far, L * rng.uniform(0.3, 0.7), np.radians(angle))
    if mode == "bow":
        return Bend("bow", axis, far, 0, rng.uniform(1.0, 3.0))
    leg = min(size) * rng.uniform(0.08, 0.16)
    return Bend("dogear", axis, far, 0, leg, leg * rng.uniform(0.7, 1.3), int(rng.integers(0, 4)))


def geometry(seed: int, index: int) -> Geometry:
    """Camera, sheet pose and ground truth of a frame; the same for the frame and its sentinel."""
    condition, kind, _ = plan(index)
    rng = np.random.default_rng([seed, index, 0])
    if kind == "none":
        kind_for = str(rng.choice(KINDS))  # negatives keep a camera framed for some document
    else:
        kind_for = kind
    size = _size(kind_for, rng)
    bend = _bend(condition, kind_for, size, rng, index)
    handheld = condition == "steep" or rng.random() < 0.18
    frame = (
        "wide"
        if (rng.random() < 0.3 or (handheld and rng.random() < 0.5)) and condition != "curled_folded"
        else "tray"
    )
    W, H = FRAMES[frame]
    if condition == "rotated":
        psi = np.radians(float(rng.choice([90, 180, 270, rng.uniform(0, 360)])) + rng.normal(0, 4))
    else:
        psi = np.radians(rng.normal(0, 14 if handheld else 5))
    for attempt in range(60):
        if condition == "steep":
            tilt = rng.uniform(38, 55)
        elif handheld:
            tilt = rng.uniform(14, 32)
        else:
            tilt = rng.uniform(0, 11)
        hfov = rng.uniform(76, 94) if frame == "wide" else rng.uniform(50, 68)
        lam = rng.uniform(-0.09, -0.02) if frame == "wide" else rng.uniform(-0.06, 0.03)
        lens = Lens(
            lam1=lam,
            lam2=rng.uniform(-0.02, 0.02),
            q1=rng.uniform(-0.0015, 0.0015),
            q2=rng.uniform(-0.0015, 0.0015),
            shutter=tuple(rng.uniform(-0.012, 0.012, 2) if handheld else rng.uniform(-0.002, 0.002, 2)),
        )
        long_side = max(size)
        if frame == "tray":
            frac = {"a4": (0.6, 0.95), "id_card": (0.35, 0.75), "receipt": (0.55, 0.95)}[kind_for]
        else:
            frac = {"a4": (0.3, 0.55), "id_card": (0.2, 0.4), "receipt": (0.3, 0.55)}[kind_for]
        f_frac = rng.uniform(*frac) * (0.97**attempt)
        f = (W / 2) / np.tan(np.radians(hfov) / 2)
        dist = long_side * f / (f_frac * H)
        span = (W / f * dist, H / f * dist)  # mm seen across the frame at the target
        free = np.clip(np.array(span) - long_side * 1.1, 0, None) / 2
        target = np.array([rng.uniform(-1, 1) * free[0] * 0.8, rng.uniform(-1, 1) * free[1] * 0.8, 0.0])
        R, C, f = look_down(W, H, hfov, target, dist, tilt, rng.uniform(0, 360))
        cam = Camera(W, H, f, W / 2 + rng.normal(0, 0.01 * W), H / 2 + rng.normal(0, 0.01 * H), R, C, lens)
        c3 = sheet_corners3d(size, np.zeros(2), psi, bend)
        try:
            corners = cam.project(c3)
        except (ValueError, ArithmeticError):
            continue
        m = 4
        if (
            (corners[:, 0] >= m).all()
            and (corners[:, 0] <= W - 1 - m).all()
            and (corners[:, 1] >= m).all()
            and (corners[:, 1] <= H - 1 - m).all()
        ):
            return Geometry(cam, kind_for, size, np.zeros(2), psi, bend, corners.astype(np.float32))
    raise RuntimeError(f"frame {index} (seed {seed}): no camera placement keeps the document in view")


# --- scene ---------------------------------------------------------------------------------
def _border_rays(cam: Camera, n: int = 24) -> np.ndarray:
    """World directions of rays through the frame's border (4n of them)."""
    W, H = cam.width, cam.height
    s = np.linspace(0, 1, n)
    border = np.concatenate(
        [
            np.stack([s * W, 0 * s], 1),
            np.stack([W + 0 * s, s * H], 1),
            np.stack([s * W, H + 0 * s], 1),
            np.stack([0 * s, s * H], 1),
        ]
    )
    iu, iv = cam.ideal_of(border[:, 0], border[:, 1])
    d = np.stack([(iu - cam.cx) / cam.f, (iv - cam.cy) / cam.f, np.ones(len(iu))], 1)
    return d @ cam.R


def _counter_edge(cam: Camera, c3: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, float] | None:
    """Where the counter ends against the wall (horizontal direction u, distance from the sheet's
    centre), if an oblique camera sees that far; None when the whole frame looks at the counter."""
    dist = rng.uniform(350, 800)
    u = cam.R[2][:2].copy()
    if np.linalg.norm(u) < 1e-3:
        return None
    u /= np.linalg.norm(u)
    dist = max(dist, float((c3[:, :2] @ u).max()) + 80)
    rays = _border_rays(cam)
    far = 0.0
    for d in rays:
        if d[2] <= 1e-3:
            return u, dist  # a ray above the horizon: the wall must be there
        p = cam.C + d * (-cam.C[2] / d[2])
        far = max(far, float(p[:2] @ u))
    return (u, dist) if far > dist else None


def _desk_layer(
    cam: Camera, tex_bgr_fn, rng: np.random.Generator, edge: tuple[np.ndarray, float] | None
) -> Layer:
    """A counter texture covering all the frame sees of the plane Z = 0 (up to the wall, if any)."""
    W, H = cam.width, cam.height
    pts = []
    for d in _border_rays(cam):
        p = cam.C + d * (-cam.C[2] / d[2]) if d[2] > 1e-3 else None
        if edge is not None:
            u, dist = edge
            if p is None or float(p[:2] @ u) > dist:
                # follow the ray's track on the counter to the wall's foot
                h = d[:2] / max(np.linalg.norm(d[:2]), 1e-9)
                if float(h @ u) <= 1e-6:
                    continue
                p = np.array([*(cam.C[:2] + h * (dist - float(cam.C[:2] @ u)) / float(h @ u)), 0.0])
        if p is not None:
            pts.append(p[:2])
    xy = np.array(pts)
    x0, y0 = xy.min(0) - 30
    x1, y1 = xy.max(0) + 30
    ext = (x1 - x0, y1 - y0)
    k = 1.0 * max(W, H) / max(ext)
    tw, th = max(8, int(ext[0] * k)), max(8, int(ext[1] * k))
    bgr = tex_bgr_fn(th, tw)
    if edge is None:
        tex = props.rgba(bgr)
    else:
        u, dist = edge
        X = x0 + (np.arange(tw, dtype=np.float32) + 0.5) * (ext[0] / tw)
        Y = y0 + (np.arange(th, dtype=np.float32) + 0.5) * (ext[1] / th)
        gap = dist - (X[None, :] * u[0] + Y[:, None] * u[1])  # mm before the wall
        alpha = np.clip(gap / (ext[0] / tw) + 0.5, 0, 1)
        # less light reaches the corner where counter meets wall
        dim = 1 - 0.4 * np.exp(-np.clip(gap, 0, None) / 30)
        tex = props.rgba((bgr * dim[..., None]).astype(np.uint8), (alpha * 255).astype(np.uint8))
    return Layer(tex, np.array([x0, y0, 0.0]), np.array([ext[0] / tw, 0, 0]), np.array([0, ext[1] / th, 0]))


def _wall_layer(cam: Camera, edge: tuple[np.ndarray, float], rng: np.random.Generator) -> Layer:
    """The wall behind the counter: a painted wall or a photograph, 8 m wide, 3 m high."""
    u, dist = edge
    v = np.array([-u[1], u[0], 0.0])
    if v @ cam.R[0] < 0:
        v = -v  # the texture reads left to right as the camera sees it
    tw, th = 1600, 600
    if rng.random() < 0.5:
        bgr = props.photo_crop(rng, th, tw, str(rng.choice(props.INDOOR)))
    else:
        paint = np.array(
            rng.choice([(200, 215, 225), (170, 190, 200), (215, 225, 220), (150, 170, 190)]), np.float32
        )
        bgr = np.clip(paint * (1 + 0.04 * props._noise(rng, th, tw, 200))[..., None], 0, 255).astype(np.uint8)
    foot = np.array([*(u * dist), 0.0])
    origin = foot - v * 4000 + np.array([0, 0, -3000.0])
    return Layer(props.rgba(bgr), origin, v * (8000 / tw), np.array([0, 0, 3000.0 / th]))


def _box_layers(
    cam: Camera, obj: tuple, centre: np.ndarray, ang: float, lift: float = 0.0
) -> tuple[list[Layer], Layer]:
    """Visible side faces and the top of a box-shaped object; returns (sides, top)."""
    tex, (w, h), height, side = obj
    th, tw = tex.shape[:2]
    e1 = np.array([np.cos(ang), np.sin(ang), 0.0])
    e2 = np.array([-np.sin(ang), np.cos(ang), 0.0])
    up = np.array([0, 0, -1.0])
    o = np.array([centre[0], centre[1], 0.0]) - e1 * w / 2 - e2 * h / 2 + up * lift
    top = Layer(tex, o + up * height, e1 * w / tw, e2 * h / th)
    sides = []
    if height > 2:
        corners = [o, o + e1 * w, o + e1 * w + e2 * h, o + e2 * h]
        for k in range(4):
            p0, p1 = corners[k], corners[(k + 1) % 4]
            mid = (p0 + p1) / 2 + up * height / 2
            normal = np.cross(p1 - p0, up)
            normal /= np.linalg.norm(normal)
            if normal @ (mid - (o + e1 * w / 2 + e2 * h / 2 + up * height / 2)) < 0:
                normal = -normal
            if normal @ (cam.C - mid) <= 0:
                continue
            length = np.linalg.norm(p1 - p0)
            face = np.zeros((8, 16, 3), np.float32)
            face[:] = np.array(side, np.float32) * np.linspace(0.55, 0.85, 8)[:, None, None]
            if side == (235, 238, 240):  # book: page edges
                face[::2] *= 0.85
            sides.append(
                Layer(props.rgba(face.astype(np.uint8)), p0 + up * height, (p1 - p0) / 16, -up * height / 8)
            )
            del length
    return sides, top


def _place_clear(
    rng: np.random.Generator,
    keep_out: np.ndarray | None,
    span: tuple[float, float],
    size: tuple[float, float],
    tries: int = 40,
    edge: tuple[np.ndarray, float] | None = None,
) -> tuple[np.ndarray, float] | None:
    """A centre and angle for an object that stays clear of the polygon ``keep_out`` (world XY)."""
    for _ in range(tries):
        c = np.array([rng.uniform(-span[0], span[0]), rng.uniform(-span[1], span[1])])
        ang = rng.uniform(0, np.pi)
        e1, e2 = np.array([np.cos(ang), np.sin(ang)]), np.array([-np.sin(ang), np.cos(ang)])
        poly = np.array(
            [
                c + (sx * e1 * size[0] + sy * e2 * size[1]) / 2
                for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
            ],
            np.float32,
        )
        if edge is not None and float((poly @ edge[0]).max()) > edge[1] - 5:
            continue  # past the counter's far edge
        if keep_out is None:
            return c, ang
        inter, _ = cv2.intersectConvexConvex(poly, keep_out.astype(np.float32))
        if inter <= 1.0:
            return c, ang
    return None


def _inflate(poly: np.ndarray, mm: float) -> np.ndarray:
    c = poly.mean(0)
    d = poly - c
    n = np.linalg.norm(d, axis=1, keepdims=True)
    return c + d * (1 + mm / n)


def _surface_kind(condition: str, kind: str, rng: np.random.Generator) -> str:
    if condition == "photo_surface":
        return "photo"
    if condition == "glass_metal":
        return str(rng.choice(["glass", "metal"]))
    if condition == "low_contrast":
        return "grey_tray" if kind == "id_card" else "melamine"
    if condition == "plain_counter":
        return str(rng.choice(["laminate", "fabric", "granite", "melamine", "laminate"]))
    return str(rng.choice(["laminate", "fabric", "granite", "metal", "glass", "photo", "photo", "laminate"]))


def _hand_layers(
    rng: np.random.Generator, tip_at: np.ndarray, direction: float, height: float, grip: str
) -> tuple[Layer, Layer | None]:
    """The hand placed so its anchor lands on ``tip_at`` with its heading along ``direction``."""
    hd = props.hand(rng, grip)
    rot = direction - hd.heading
    e1 = np.array([np.cos(rot), np.sin(rot), 0.0])
    e2 = np.array([-np.sin(rot), np.cos(rot), 0.0])
    per = 1 / props.PPM_HAND
    o = np.array([tip_at[0], tip_at[1], -height]) - e1 * hd.anchor[0] - e2 * hd.anchor[1]
    top = Layer(hd.top, o, e1 * per, e2 * per)
    under = (
        Layer(hd.under, o + np.array([0, 0, height * 0.6]), e1 * per, e2 * per)
        if hd.under is not None
        else None
    )
    return top, under


def _edge_point(c3: np.ndarray, rng: np.random.Generator, near_corner: bool) -> tuple[np.ndarray, float]:
    """A point on one side of the sheet (world XY) and the inward direction there (radians)."""
    k = int(rng.integers(0, 4))
    p0, p1 = c3[k, :2], c3[(k + 1) % 4, :2]
    t = rng.uniform(0.08, 0.2) if near_corner else rng.uniform(0.25, 0.75)
    p = p0 + (p1 - p0) * t
    d = (p1 - p0) / np.linalg.norm(p1 - p0)
    inward = np.array([-d[1], d[0]])
    if inward @ (c3[:, :2].mean(0) - p) < 0:
        inward = -inward
    return p, float(np.arctan2(inward[1], inward[0]))


@dataclass
class Scene:
    desk: Layer
    under: list[Layer]
    flat: list[Layer]
    over_flat: list[Layer]
    raised: list[Layer]  # lifted facets, flaps
    boxes: list[Layer]
    hands: list[Layer]
    casters: list[tuple[Layer, float]]  # layer, its height (mm) for the penumbra
    wall: Layer | None = None
    edge: tuple[np.ndarray, float] | None = None  # where the counter meets the wall


def _objects(
    rng: np.random.Generator,
    scene: Scene,
    cam: Camera,
    names: list[str],
    keep_out: np.ndarray | None,
    span: tuple[float, float],
) -> None:
    for name in names:
        obj = props.MAKERS[name](rng)
        pos = _place_clear(rng, keep_out, span, obj[1], edge=scene.edge)
        if pos is None:
            continue
        sides, top = _box_layers(cam, obj, pos[0], pos[1])
        if obj[2] <= 3.5:
            scene.under.append(top)
        else:
            scene.boxes += [*sides, top]
            scene.casters.append((top, obj[2]))


def build(seed: int, index: int, g: Geometry) -> tuple[Scene, dict]:
    condition, kind, neg = plan(index)
    rng = np.random.default_rng([seed, index, 1])
    cam = g.cam
    light = np.array([rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), 1.0])
    surf = _surface_kind(condition, kind, rng)
    if condition == "negative" and neg == "photo":
        surf = "photo"
    if condition == "negative" and neg == "blank":
        surf = str(rng.choice(["melamine", "laminate", "granite", "grey_tray"]))
    c3 = sheet_corners3d(g.size_mm, g.centre, g.psi, g.bend)
    edge = _counter_edge(cam, c3, rng)
    desk = _desk_layer(cam, lambda h, w: props.surface(surf, rng, h, w), rng, edge)
    scene = Scene(desk, [], [], [], [], [], [], [], None, edge)
    if edge is not None:
        scene.wall = _wall_layer(cam, edge, rng)
    doc_poly: np.ndarray | None = _inflate(c3[:, :2], 6.0)
    span = tuple(
        np.abs(cam.desk_point(np.array([[0.0, 0.0], [cam.width, cam.height]]))[:, :2] - cam.C[:2]).max(0)
        * 0.9
    )
    info: dict = {"surface": surf}
    if condition != "negative":
        tex = paper.document(
            g.kind, np.random.default_rng([seed, index, 3]), g.size_mm, grey_card=(surf == "grey_tray")
        )
        if condition == "low_contrast" and g.kind != "id_card":
            # white paper on a white counter: the sheet's colour pulled towards the counter's
            t = tex.astype(np.float32)
            t[..., :3] = t[..., :3] * 0.85 + 0.15 * 235 * (t[..., 3:4] / 255)
            tex = t.astype(np.uint8)
        bend = g.bend
        if bend.mode == "fold":
            # the crease itself: paper fibres broken along the fold line
            q = bend.start if bend.far_end else g.size_mm[bend.axis] - bend.start
            n = tex.shape[1 - bend.axis]
            k = int(round(q / g.size_mm[bend.axis] * n))
            crease = np.array([0.93, 0.8, 0.8, 0.93], np.float32)
            if bend.axis == 0:
                tex[:, k - 2 : k + 2, :3] = (tex[:, k - 2 : k + 2, :3] * crease[None, :, None]).astype(
                    np.uint8
                )
            else:
                tex[k - 2 : k + 2, :, :3] = (tex[k - 2 : k + 2, :, :3] * crease[:, None, None]).astype(
                    np.uint8
                )
        if bend.mode == "dogear":
            sheet, tri, _ = _dogear_cut(tex, g.size_mm, bend)
            scene.flat += sheet_layers(sheet, g.size_mm, g.centre, g.psi, Bend(), light)
            scene.raised.append(_flap(tex, tri, g))
            scene.casters.append((scene.raised[-1], 1.0))
        else:
            for lay in sheet_layers(tex, g.size_mm, g.centre, g.psi, bend, light):
                lifted = min(p[2] for p in lay.corners3d())  # highest point (Z is negative upwards)
                if lifted < -0.5:
                    scene.raised.append(lay)
                    scene.casters.append((lay, -lifted))
                else:
                    scene.flat.append(lay)
    else:
        doc_poly = None
    # what lies around / over the sheet
    if condition == "clutter":
        names = list(
            rng.choice(
                ["phone", "book", "keyboard", "tablet", "envelope", "folder", "pen", "phone"],
                size=int(rng.integers(3, 6)),
                replace=False,
            )
        )
        _objects(rng, scene, cam, names, doc_poly, span)
    elif condition == "edge_objects":
        wanted = [
            str(w)
            for w in rng.choice(
                ["pen", "phone", "sheet_under", "sheet_over"], size=int(rng.integers(1, 3)), replace=False
            )
        ]
        placed = 0
        while wanted:
            what = wanted.pop(0)
            p, inward = _edge_point(c3, rng, near_corner=False)
            obj = props.MAKERS["sheet" if str(what).startswith("sheet") else str(what)](rng)
            depth = rng.uniform(8, 30) if what != "sheet_under" else rng.uniform(20, 80)
            d = np.array([np.cos(inward), np.sin(inward)])
            # the object's far end sits ``depth`` mm inside the sheet, the rest outside
            if what == "pen":
                ang = inward + np.pi + rng.normal(0, 0.5)
                # the tip (the texture's left end) inside the sheet, the body out over the counter
                centre = p + d * depth + np.array([np.cos(ang), np.sin(ang)]) * obj[1][0] / 2
                sides, top = _box_layers(cam, obj, centre, ang)
                scene.boxes.append(top)
                scene.casters.append((top, obj[2]))
                placed += 1
            else:
                # long side across the edge; an object over the sheet may hide an edge, not a corner
                w, h = obj[1]
                for _ in range(20):
                    ang = inward - np.pi / 2 + rng.normal(0, 0.25)
                    centre = p + d * (depth - h / 2)
                    e1 = np.array([np.cos(ang), np.sin(ang)])
                    e2 = np.array([-np.sin(ang), np.cos(ang)])
                    foot = np.array(
                        [
                            centre + (sx * e1 * w + sy * e2 * h) / 2
                            for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
                        ]
                    )
                    hides = any(
                        cv2.pointPolygonTest(foot.astype(np.float32), tuple(map(float, c)), True) > -8
                        for c in c3[:, :2]
                    )
                    if what == "sheet_under" or not hides:
                        break
                    p, inward = _edge_point(c3, rng, near_corner=False)
                    d = np.array([np.cos(inward), np.sin(inward)])
                    depth = rng.uniform(8, 30)
                else:
                    # nothing but a pen fits over a small card without hiding a corner
                    if not placed and not wanted:
                        wanted.append("pen")
                    continue
                placed += 1
                sides, top = _box_layers(cam, obj, centre, ang)
                if what == "sheet_under":
                    scene.under.append(top)
                elif what == "sheet_over":
                    top.origin = top.origin + np.array([0, 0, -0.4])
                    scene.over_flat.append(top)
                else:
                    scene.boxes += [*sides, top]
                    scene.casters.append((top, obj[2]))
    elif condition != "negative" and rng.random() < 0.3:
        _objects(rng, scene, cam, [str(rng.choice(["phone", "pen", "envelope", "book"]))], doc_poly, span)
    if condition == "held_fingers":
        grip = int(rng.integers(0, 3))
        p, inward = _edge_point(c3, rng, near_corner=grip == 2)
        depth = rng.uniform(6, 28)
        tip = p + np.array([np.cos(inward), np.sin(inward)]) * depth
        top, under = _hand_layers(
            rng, tip, inward + rng.normal(0, 0.3), rng.uniform(6, 22), ("thumb", "fingers", "thumb")[grip]
        )
        scene.hands.append(top)
        scene.casters.append((top, 15.0))
        if under is not None:
            scene.under.append(under)  # drawn before the sheet: the sheet hides the fingers below it
        info["grip"] = ("thumb at an edge", "fingers across an edge", "thumb near a corner")[grip]
    if condition == "negative":
        info["negative"] = neg
        centre = cam.desk_point(np.array([[cam.cx, cam.cy]]))[0, :2]
        if neg == "clutter":
            _objects(
                rng,
                scene,
                cam,
                list(
                    rng.choice(
                        ["phone", "pen", "envelope", "keyboard", "book", "tablet"], size=4, replace=False
                    )
                ),
                None,
                span,
            )
        elif neg in ("book", "tablet", "folder", "keyboard"):
            obj = props.MAKERS[neg](rng)
            sides, top = _box_layers(cam, obj, centre + rng.normal(0, 20, 2), rng.uniform(-0.4, 0.4))
            (scene.under if obj[2] <= 3.5 else scene.boxes).extend([*sides, top] if obj[2] > 3.5 else [top])
            if obj[2] > 3.5:
                scene.casters.append((top, obj[2]))
            if rng.random() < 0.5:
                _objects(
                    rng,
                    scene,
                    cam,
                    [str(rng.choice(["pen", "phone"]))],
                    _inflate(top.corners3d()[:, :2], 5),
                    span,
                )
        elif neg == "hand":
            lay, _ = _hand_layers(
                rng, centre + rng.normal(0, 30, 2), rng.uniform(0, 2 * np.pi), rng.uniform(3, 30), "rest"
            )
            scene.hands.append(lay)
            scene.casters.append((lay, 12.0))
    return scene, {**info, "light": light}


def _flap(tex: np.ndarray, tri: np.ndarray, g: Geometry) -> Layer:
    """The folded-over corner: the back of the paper, the triangle mirrored across the fold line."""
    th, tw = tex.shape[:2]
    per = np.array([g.size_mm[0] / tw, g.size_mm[1] / th])
    corner, A, B = tri
    lo = np.floor(np.minimum(np.minimum(corner, A), B) / per).astype(int) - 2
    hi = np.ceil(np.maximum(np.maximum(corner, A), B) / per).astype(int) + 2
    lo, hi = np.maximum(lo, 0), np.minimum(hi, [tw, th])
    back = paper.back_of(g.kind, tex[lo[1] : hi[1], lo[0] : hi[0]], np.random.default_rng(0))
    mask = np.zeros(back.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round((tri / per - lo - 0.5) * 8).astype(np.int32)], 255, cv2.LINE_AA, 3)
    back = (back.astype(np.float32) * (mask.astype(np.float32) / 255)[..., None]).astype(np.uint8)
    n = np.array([-(B - A)[1], (B - A)[0]])
    n /= np.linalg.norm(n)

    def refl_pt(p: np.ndarray) -> np.ndarray:
        return p - 2 * ((p - A) @ n) * n

    def refl_vec(v: np.ndarray) -> np.ndarray:
        return v - 2 * (v @ n) * n

    o2 = refl_pt(lo * per)
    a2 = refl_vec(np.array([per[0], 0.0]))
    b2 = refl_vec(np.array([0.0, per[1]]))
    o, e1, e2 = _frame_axes(g.centre, g.psi, g.size_mm)
    origin = o + e1 * o2[0] + e2 * o2[1] + np.array([0, 0, -0.6])
    return Layer(back, origin, e1 * a2[0] + e2 * a2[1], e1 * b2[0] + e2 * b2[1], shade=0.92)


# --- light and exposure --------------------------------------------------------------------
def _shadow_shape(
    rng: np.random.Generator, W: int, H: int, quad: np.ndarray | None
) -> tuple[np.ndarray, str]:
    """A person's head and shoulders, an arm or a lamp arm whose shadow edge crosses the sheet."""
    m = np.zeros((H, W), np.float32)
    what = str(rng.choice(["head", "arm", "lamp"]))
    if quad is None:
        quad = np.array([[W * 0.3, H * 0.3], [W * 0.7, H * 0.3], [W * 0.7, H * 0.7], [W * 0.3, H * 0.7]])
    c0 = quad.mean(0)
    size = float(np.sqrt(abs(cv2.contourArea(quad.astype(np.float32)))))
    side = rng.uniform(0, 2 * np.pi)
    out = np.array([np.cos(side), np.sin(side)])
    if what == "head":
        r = rng.uniform(0.45, 0.9) * size
        # the head's outline passes through the sheet: its centre off the sheet's centre by ~r
        c = c0 + out * r * rng.uniform(0.5, 1.1)
        cv2.ellipse(
            m, tuple(c.astype(int)), (int(r * 0.85), int(r)), np.degrees(side), 0, 360, 1.0, -1, cv2.LINE_AA
        )
        neck = c + out * r * 1.3
        cv2.line(m, tuple(c.astype(int)), tuple(neck.astype(int)), 1.0, int(r * 0.9), cv2.LINE_AA)
        shoulders = c + out * r * 2.3
        cv2.ellipse(
            m,
            tuple(shoulders.astype(int)),
            (int(r * 2.6), int(r * 1.2)),
            np.degrees(side) + 90,
            0,
            360,
            1.0,
            -1,
            cv2.LINE_AA,
        )
    elif what == "arm":
        tip = c0 - out * size * rng.uniform(-0.2, 0.35)
        start = tip + out * 3 * max(W, H)
        wd = rng.uniform(0.2, 0.45) * size
        cv2.line(m, tuple(start.astype(int)), tuple(tip.astype(int)), 1.0, max(3, int(wd)), cv2.LINE_AA)
        cv2.circle(m, tuple(tip.astype(int)), int(wd * 0.7), 1.0, -1, cv2.LINE_AA)
    else:
        # a lamp's arm: a straight, hard-edged band through the sheet, sometimes its shade too
        d = np.array([-out[1], out[0]])
        at = c0 + out * size * rng.uniform(-0.3, 0.3)
        wdt = rng.uniform(0.06, 0.18) * size
        p0, p1 = at - d * 3 * max(W, H), at + d * 3 * max(W, H)
        poly = np.array([p0 - out * wdt, p1 - out * wdt, p1 + out * wdt, p0 + out * wdt])
        cv2.fillPoly(m, [poly.astype(np.int32)], 1.0, cv2.LINE_AA)
        if rng.random() < 0.6:
            off = at + out * rng.uniform(0.3, 0.6) * size
            cone = np.array(
                [
                    off - d * 0.35 * size,
                    off + d * 0.35 * size,
                    off + d * 0.2 * size + out * 0.4 * size,
                    off - d * 0.2 * size + out * 0.4 * size,
                ]
            )
            cv2.fillPoly(m, [cone.astype(np.int32)], 1.0, cv2.LINE_AA)
    return m, what


def _penumbra(m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Hard on one side, soft on the other: two blurs blended along a random direction."""
    H, W = m.shape
    hard = cv2.GaussianBlur(m, (0, 0), rng.uniform(0.8, 2.5))
    small = cv2.resize(m, (W // 4, H // 4), interpolation=cv2.INTER_AREA)
    soft = cv2.resize(
        cv2.GaussianBlur(small, (0, 0), rng.uniform(3, 10)), (W, H), interpolation=cv2.INTER_LINEAR
    )
    ang = rng.uniform(0, 2 * np.pi)
    y = np.arange(H, dtype=np.float32)[:, None]
    x = np.arange(W, dtype=np.float32)[None, :]
    ramp = ((x - W / 2) * np.float32(np.cos(ang)) + (y - H / 2) * np.float32(np.sin(ang))) / max(W, H) + 0.5
    ramp = np.clip(ramp, 0, 1)
    return hard * (1 - ramp) + soft * ramp


def _illumination(
    cam: Camera, condition: str, rng: np.random.Generator, doc_px: np.ndarray | None
) -> np.ndarray:
    """Light falling on the counter (H×W×3 float32, linear): vignetting, gradient, colour, cast shadows.

    Smooth fields are computed on a quarter-size grid and enlarged; only the hard edge of a
    cast shadow is drawn at full size.
    """
    W, H = cam.width, cam.height
    q = 4
    y, x = np.mgrid[0 : H // q, 0 : W // q].astype(np.float32) * q + (q - 1) / 2
    r2 = ((x - cam.cx) ** 2 + (y - cam.cy) ** 2) / (cam.f**2)
    vign = 1 / (1 + r2) ** 2  # cos⁴ of the field angle
    vign = 1 - rng.uniform(0.3, 0.9) * (1 - vign)
    ang = rng.uniform(0, 2 * np.pi)
    ramp = ((x - W / 2) * np.cos(ang) + (y - H / 2) * np.sin(ang)) / np.hypot(W, H) + 0.5
    if condition == "shadow_light":
        low = rng.uniform(0.22, 0.5)
        grad = low + (1 - low) * np.clip(ramp, 0, 1) ** rng.uniform(0.7, 1.6)
        lamp = np.array([rng.uniform(-0.3, 1.3) * W, rng.uniform(-0.3, 1.3) * H])
        fall = 1 / (
            1 + (((x - lamp[0]) ** 2 + (y - lamp[1]) ** 2) / (rng.uniform(0.4, 0.9) * max(W, H)) ** 2)
        )
        grad = grad * (0.55 + 0.45 * fall / fall.max())
    else:
        grad = 1 + rng.uniform(-0.1, 0.1) * (ramp - 0.5) * 2
    light = cv2.resize((vign * grad).astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    light = cv2.merge([light, light, light])
    if condition == "shadow_light":
        m, _ = _shadow_shape(rng, W, H, doc_px)
        pen = _penumbra(m, rng)
        depth = rng.uniform(0.4, 0.72)
        # the shadow keeps the bluish sky/fill light and loses the warm key light
        tint = np.array([1.0 - depth * 0.75, 1.0 - depth * 0.9, 1.0 - depth], np.float32)
        light *= 1 - pen[..., None] * (1 - tint[None, None, :])
    return light


def _glare(cam: Camera, kind: str, doc_px: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A specular highlight on the sheet (linear radiance to add)."""
    W, H = cam.width, cam.height
    c = doc_px.mean(0) + (doc_px[rng.integers(0, 4)] - doc_px.mean(0)) * rng.uniform(0, 0.7)
    size = np.sqrt(abs(cv2.contourArea(doc_px.astype(np.float32))))
    sx = size * rng.uniform(0.08, 0.22) * (0.6 if kind == "id_card" else 1)
    sy = sx * rng.uniform(0.3, 1.0)
    a = rng.uniform(0, np.pi)
    q = 4
    y, x = np.mgrid[0 : H // q, 0 : W // q].astype(np.float32) * q + (q - 1) / 2
    u = (x - c[0]) * np.cos(a) + (y - c[1]) * np.sin(a)
    v = -(x - c[0]) * np.sin(a) + (y - c[1]) * np.cos(a)
    g = np.exp(-0.5 * ((u / sx) ** 2 + (v / sy) ** 2))
    core = np.exp(-0.5 * ((u / (sx * 0.35)) ** 2 + (v / (sy * 0.35)) ** 2))
    amp = rng.uniform(1.5, 4.0)
    spot = cv2.resize(((0.6 * g + core) * amp).astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    return spot[..., None] * np.array([1.0, 0.98, 0.95], np.float32)


def _develop_params(condition: str, frame_wide: bool, rng: np.random.Generator) -> Develop:
    kw: dict = {
        "blur_sigma": rng.uniform(0.45, 0.9),
        "chroma": rng.uniform(-1, 1) * (0.0025 if frame_wide else 0.0012),
        "exposure": rng.uniform(0.85, 1.12),
        "wb": tuple(np.exp(rng.normal(0, 0.05, 3))),
        "shot": rng.uniform(0.0015, 0.005),
        "read": rng.uniform(0.0015, 0.004),
        "demosaic": str(rng.choice(["bilinear", "edge"])),
        "sharpen": rng.uniform(0.2, 0.7),
        "jpeg": int(rng.integers(78, 96)),
    }
    if condition == "blur":
        mode = int(rng.integers(0, 3))
        if mode in (0, 2):
            kw["motion"] = (rng.uniform(6, 20), rng.uniform(0, 180))
        if mode in (1, 2):
            kw["defocus_radius"] = rng.uniform(2.0, 5.5)
        kw["sharpen"] = 0.2
    elif condition == "noise_jpeg":
        kw["shot"] = rng.uniform(0.008, 0.03)
        kw["read"] = rng.uniform(0.006, 0.02)
        kw["jpeg"] = int(rng.integers(35, 91))
        kw["exposure"] *= rng.uniform(0.6, 1.0)
    elif condition == "exposure":
        kw["exposure"] = rng.uniform(0.18, 0.42) if rng.random() < 0.5 else rng.uniform(1.7, 3.0)
    elif condition == "shadow_light":
        kw["wb"] = tuple(np.array(kw["wb"]) * np.array([rng.uniform(0.8, 1.05), 1.0, rng.uniform(0.95, 1.2)]))
    return Develop(**kw)


def _auto_exposure(linear: np.ndarray) -> float:
    """The camera's metering: centre-weighted mean luminance pulled part-way to mid-grey.

    A dark counter makes the page brighter (sometimes clipped), a page filling the frame
    makes it greyer, as with real webcams; the compensation is partial and bounded.
    """
    small = cv2.resize(linear, (64, 48), interpolation=cv2.INTER_AREA).mean(axis=2)
    y, x = np.mgrid[0:48, 0:64]
    w = np.exp(-(((x - 31.5) / 24) ** 2 + ((y - 23.5) / 18) ** 2))
    mean = float((small * w).sum() / w.sum())
    return float(np.clip((0.24 / max(mean, 1e-3)) ** 0.6, 0.6, 1.7))


# --- rendering -----------------------------------------------------------------------------
def _shadows(
    cam: Camera, casters: list[tuple[Layer, float]], light: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Darkening (0..1) the raised things throw onto what lies below them."""
    acc = np.zeros((cam.height, cam.width), np.float32)
    for lay, height in casters:
        a = alpha_of(cam, drop_to_counter(lay, light))
        # penumbra grows with the height of the caster above the counter
        sig = 1.0 + 0.5 * height * cam.f / max(abs(cam.C[2]), 1) * 0.06
        a = cv2.GaussianBlur(a, (0, 0), sig)
        acc = np.maximum(acc, a)
    return acc * rng.uniform(0.35, 0.55)


def render(seed: int, index: int) -> Sample:
    condition, kind, neg = plan(index)
    g = geometry(seed, index)
    scene, info = build(seed, index, g)
    cam = g.cam
    rng = np.random.default_rng([seed, index, 2])
    canvas = np.zeros((cam.height, cam.width, 3), np.float32)
    if scene.wall is not None:
        composite(canvas, cam, scene.wall)
    composite(canvas, cam, scene.desk)
    for lay in scene.under + scene.flat + scene.over_flat:
        composite(canvas, cam, lay)
    if scene.casters:
        shade = _shadows(cam, scene.casters, info["light"], rng)
        canvas *= (1 - shade)[..., None]
    for lay in sorted(scene.raised, key=lambda la: -min(p[2] for p in la.corners3d())):
        composite(canvas, cam, lay)
    for lay in scene.boxes + scene.hands:
        composite(canvas, cam, lay)
    linear = cv2.pow(np.clip(canvas, 0, 1), 2.2)
    doc_px = g.corners if condition != "negative" else None
    linear *= _illumination(cam, condition, rng, doc_px)
    if condition == "glare" and doc_px is not None:
        linear += _glare(cam, g.kind, doc_px, rng)
    d = _develop_params(condition, cam.width == FRAMES["wide"][0], rng)
    d = dataclasses.replace(d, exposure=d.exposure * _auto_exposure(linear))
    img = develop(linear, d, rng, (cam.cx, cam.cy))
    name = f"fresh_{seed}_{index:03d}_{condition}_{kind}" + (f"_{neg}" if neg else "")
    return Sample(name, condition, kind, img, None if condition == "negative" else g.corners.copy())


def sample(seed: int, index: int) -> Sample:
    props.check_photos()
    return render(seed, index)


def samples(seed: int = DEFAULT_SEED, count: int = 150) -> Iterator[Sample]:
    props.check_photos()
    for i in range(count):
        yield render(seed, i)


def sentinel(seed: int, index: int) -> tuple[np.ndarray, np.ndarray]:
    """The same camera and sheet geometry, rendered flat: magenta sheet, green top-left quarter, black counter.

    No objects, light or sensor: only the lens. Returns (BGR uint8 image, corners).
    """
    g = geometry(seed, index)
    cam = g.cam
    canvas = np.zeros((cam.height, cam.width, 3), np.float32)
    tex = paper.sentinel(g.kind, g.size_mm)
    bend = g.bend
    if bend.mode == "dogear":
        tex, _, _ = _dogear_cut(tex, g.size_mm, bend)
        bend = Bend()
    lays = sheet_layers(tex, g.size_mm, g.centre, g.psi, bend, np.array([0, 0, 1.0]))
    for lay in sorted(lays, key=lambda la: -min(p[2] for p in la.corners3d())):
        lay.shade = 1.0
        composite(canvas, cam, lay)
    return np.clip(canvas * 255 + 0.5, 0, 255).astype(np.uint8), g.corners.copy()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--save", type=Path, help="also write every frame there as PNG")
    a = ap.parse_args(argv)
    t0, c0 = time.perf_counter(), time.process_time()
    cond: Counter = Counter()
    kinds: Counter = Counter()
    both: Counter = Counter()
    sizes: Counter = Counter()
    for s in samples(a.seed, a.count):
        cond[s.condition] += 1
        kinds[s.kind] += 1
        both[(s.condition, s.kind)] += 1
        sizes[f"{s.image.shape[1]}×{s.image.shape[0]}"] += 1
        if a.save:
            a.save.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(a.save / f"{s.name}.png"), s.image)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = sum(cond.values())
    print(
        f"fresh document set, seed {a.seed}: {n} frames in {wall:.1f} s wall ({cpu / n * 1000:.0f} ms CPU a frame)"
    )
    print("frame sizes: " + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())))
    print(f"{'condition':16}" + "".join(f"{k:>9}" for k in (*KINDS, "none")) + f"{'total':>7}")
    for c in CONDITIONS:
        print(f"{c:16}" + "".join(f"{both[(c, k)]:>9}" for k in (*KINDS, "none")) + f"{cond[c]:>7}")
    print(f"{'total':16}" + "".join(f"{kinds[k]:>9}" for k in (*KINDS, "none")) + f"{n:>7}")
    bends = Counter(geometry(a.seed, i).bend.mode for i in range(n) if plan(i)[0] != "negative")
    print("sheets: " + ", ".join(f"{k} {v}" for k, v in sorted(bends.items())))
    print(
        "negatives: "
        + ", ".join(
            f"{k} {v}" for k, v in sorted(Counter(plan(i)[2] for i in range(n) if plan(i)[2]).items())
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
