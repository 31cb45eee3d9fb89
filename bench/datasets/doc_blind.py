"""The blind document set: scenes written apart from the detector and from the two other generators.

Nobody tunes on this set (issue #20). Everything differs from ``doc_set``/``doc_heldout`` on
purpose: 1440×960 (3:2) frames; a real pinhole camera with a focal length range and lens
distortion (``blind_camera``), every frame pixel traced back to the desk or to the sheet; the
sheet may be curled or crumpled (a height field, the ray meets it by fixed-point iteration);
backgrounds from the photographs of the Debian package ``mate-backgrounds``; documents, desk
objects, hands and pens drawn by ``blind_props``. Ground truth corners are the document's
3-D corners projected forwards with the same camera (``cv2.projectPoints``), in the order
TL, TR, BR, BL as the document reads upright, whatever its rotation.

    samples(seed, count) -> Iterator[Sample]      # same call as doc_set / doc_heldout
    sample(seed, index) -> Sample
    truth(seed, index) -> corners or None          # without rendering
    sentinel(seed, index) -> (Sample, tl, outline) # same geometry, flat colours: for checking the truth
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from bench.datasets import blind_props as props
from bench.datasets.blind_camera import Camera, hit_heightfield, look_at, remap

SIZE = (1440, 960)
KINDS = ("a4", "id_card", "receipt")
POSITIVE = (
    "plain_desk",
    "photo_background",
    "hand_edge",
    "pen_edge",
    "lighting",
    "cast_shadow",
    "clutter",
    "low_contrast",
    "blur",
    "noise_jpeg",
    "steep",
    "rotation",
    "curled",
    "glare",
)
CONDITIONS = (*POSITIVE, "negative")
NEGATIVES = ("clutter_only", "blank_wall", "book", "monitor", "hand_only", "textured_photo")
_CYCLE = len(POSITIVE) + 2  # two negatives in every cycle of 16 frames: 18 in 150
SENTINEL_DOC = (255, 0, 255)  # BGR magenta; the quarter at the document's own top left is green
SENTINEL_TL = (0, 255, 0)


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str  # one of KINDS, or "none" for a negative
    image: np.ndarray  # BGR uint8, SIZE
    corners: np.ndarray | None  # 4×2 float64: TL, TR, BR, BL as the document reads upright


@dataclass(frozen=True)
class _Scene:
    """Everything geometric about a frame, drawn before any texture so a sentinel shares it."""

    condition: str
    kind: str
    negative: str | None
    cam: Camera
    doc_size: tuple[float, float]  # mm
    doc_pose: tuple[float, float, float]  # centre X, Y (mm) and rotation (rad) on the desk
    curl: tuple | None  # parameters of the height field, or None for a flat sheet


def schedule(index: int) -> tuple[str, str, str | None]:
    """(condition, kind, negative type) of frame ``index``: conditions cycle, kinds rotate across cycles."""
    cycle, slot = divmod(index, _CYCLE)
    if slot >= len(POSITIVE):
        neg = cycle * 2 + slot - len(POSITIVE)
        return "negative", "none", NEGATIVES[neg % len(NEGATIVES)]
    return POSITIVE[slot], KINDS[(slot + cycle) % len(KINDS)], None


# ---------------------------------------------------------------- geometry

_DOC_MM = {"a4": (210.0, 297.0), "id_card": (85.6, 54.0)}
_AREA = {"a4": (0.16, 0.45), "id_card": (0.06, 0.2), "receipt": (0.05, 0.18)}


def _lift(curl: tuple | None, u: np.ndarray, v: np.ndarray, size: tuple[float, float]) -> np.ndarray:
    """Height of the sheet above the desk (mm, towards the camera) at local (u, v) mm."""
    if curl is None:
        return np.zeros_like(np.asarray(u, np.float64))
    w, h = size
    kind, p = curl
    if kind == "edge":  # one edge rolls up, as thermal paper and a page fresh from a folder do
        axis, start, amount = p
        s = {0: u / w, 1: 1 - u / w, 2: v / h, 3: 1 - v / h}[axis]
        return amount * np.clip((s - start) / (1 - start), 0, None) ** 2
    # crumpled: a few soft folds
    out = np.zeros_like(np.asarray(u, np.float64))
    for amp, fu, fv, ph in p:
        out = out + amp * (1 + np.sin(2 * np.pi * (fu * u / w + fv * v / h) + ph)) / 2
    return out


def _doc_points(scene: _Scene, uv: np.ndarray) -> np.ndarray:
    """World coordinates of local document points (mm from its top-left corner)."""
    (w, h), (cx, cy, a) = scene.doc_size, scene.doc_pose
    c, s = np.cos(a), np.sin(a)
    lu, lv = uv[:, 0] - w / 2, uv[:, 1] - h / 2
    X, Y = cx + c * lu - s * lv, cy + s * lu + c * lv
    return np.stack([X, Y, -_lift(scene.curl, uv[:, 0], uv[:, 1], scene.doc_size)], 1)


def _to_local(scene: _Scene, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    (w, h), (cx, cy, a) = scene.doc_size, scene.doc_pose
    c, s = np.cos(a), np.sin(a)
    dx, dy = X - cx, Y - cy
    return c * dx + s * dy + w / 2, -s * dx + c * dy + h / 2


def _corners(scene: _Scene) -> np.ndarray:
    w, h = scene.doc_size
    return scene.cam.project(_doc_points(scene, np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)))


def _outline(scene: _Scene, per_side: int = 200) -> np.ndarray:
    """The sheet's border in the frame, sampled densely (the lens and the curl bend it)."""
    w, h = scene.doc_size
    t = np.linspace(0, 1, per_side, endpoint=False)[:, None]
    sq = np.array([(0, 0), (w, 0), (w, h), (0, h)], np.float64)
    border = np.concatenate([sq[i] + (sq[(i + 1) % 4] - sq[i]) * t for i in range(4)])
    return scene.cam.project(_doc_points(scene, border))


def _roi(scene: _Scene, margin: int) -> tuple[slice, slice]:
    """Rows and columns of the frame that can see the sheet, with a margin for its contact shadow."""
    o = _outline(scene, 40)
    x0, y0 = np.floor(o.min(0)).astype(int) - margin
    x1, y1 = np.ceil(o.max(0)).astype(int) + margin
    return slice(max(y0, 0), min(y1, SIZE[1])), slice(max(x0, 0), min(x1, SIZE[0]))


def _scene(seed: int, index: int) -> _Scene:
    condition, kind, negative = schedule(index)
    rng = np.random.default_rng([seed, index, 0xB11D])
    W, H = SIZE
    focal = rng.uniform(0.75, 1.35) * W
    dist = np.array(
        [rng.uniform(-0.2, 0.06), rng.uniform(-0.05, 0.08), *rng.uniform(-0.0015, 0.0015, 2), 0.0]
    )
    pp = tuple(rng.uniform(-25, 25, 2))
    tilt = rng.uniform(34, 50) if condition == "steep" else rng.uniform(0, 22)
    azimuth, roll = rng.uniform(0, 360), rng.normal(0, 4)
    size = _DOC_MM.get(kind, (0.0, 0.0))
    if kind == "receipt":
        size = (float(rng.choice([58.0, 80.0])), 0.0)
        size = (size[0], size[0] * rng.uniform(2.0, 3.4))
    if condition == "rotation":
        angle = rng.choice([90.0, 180.0, 270.0, rng.uniform(0, 360)]) + rng.uniform(-12, 12)
    else:
        angle = rng.uniform(-18, 18) + (90 if kind == "receipt" and rng.random() < 0.3 else 0)
    curl = None
    if condition == "curled":
        if rng.random() < 0.6:
            amount = rng.uniform(0.04, 0.09) * min(size) if kind != "id_card" else rng.uniform(1.0, 2.5)
            curl = ("edge", (int(rng.integers(4)), rng.uniform(0.55, 0.8), amount))
        else:
            curl = (
                "crumple",
                tuple(
                    (
                        rng.uniform(1.0, 4.0),
                        rng.uniform(-2.5, 2.5),
                        rng.uniform(-2.5, 2.5),
                        rng.uniform(0, 6.3),
                    )
                    for _ in range(3)
                ),
            )
    pose = (0.0, 0.0, float(np.radians(angle)))
    if negative is not None:
        field = rng.uniform(380, 750)  # mm across the frame
        cam = look_at(np.zeros(3), focal * field / W, tilt, azimuth, roll, focal, dist, SIZE, pp)
        return _Scene(condition, kind, negative, cam, (0.0, 0.0), pose, None)
    lo, hi = _AREA[kind]
    frac = rng.uniform(lo, hi)
    offset = rng.uniform(-0.15, 0.15, 2) * np.array(size)
    for _ in range(40):
        target = np.array([offset[0], offset[1], 0.0])
        d = 600.0
        for _ in range(3):  # the projected area goes as 1/d² (nearly: perspective and lens bend it a little)
            cam = look_at(target, d, tilt, azimuth, roll, focal, dist, SIZE, pp)
            scene = _Scene(condition, kind, None, cam, size, pose, curl)
            area = cv2.contourArea(_corners(scene).astype(np.float32))
            d *= np.sqrt(area / (frac * W * H))
        c = _corners(scene)
        if c.min() > 12 and c[:, 0].max() < W - 12 and c[:, 1].max() < H - 12:
            return scene
        frac *= 0.93
        offset *= 0.8
    return scene


# ---------------------------------------------------------------- rendering


def _desk_layer(
    scene: _Scene, rays: np.ndarray, rng: np.random.Generator, style: str, objects: list[str], sentinel: bool
) -> np.ndarray:
    X, Y = scene.cam.hit_plane(rays, 0.0)
    reach = 6 * max(np.hypot(*scene.doc_size), 150.0)
    x0, x1 = np.clip(np.nanpercentile(X[::8, ::8], [0.5, 99.5]), -reach, reach)
    y0, y1 = np.clip(np.nanpercentile(Y[::8, ::8], [0.5, 99.5]), -reach, reach)
    ppm = min(3.5, 1500 / max(x1 - x0, y1 - y0, 1.0))
    tw, th = int((x1 - x0) * ppm) + 2, int((y1 - y0) * ppm) + 2
    if sentinel:
        tex = np.zeros((th, tw, 3), np.uint8)
    else:
        tex = props.desk(rng, style, tw, th)
        taken = []
        for name in objects:
            patch, mask = {
                "phone": props.phone,
                "book": props.book,
                "keyboard": props.keyboard,
                "monitor": props.monitor,
            }[name](rng, ppm)
            for _ in range(20):  # keep clear of the document (and of each other), as on a real desk
                c = (
                    rng.uniform([0.1 * tw, 0.1 * th], [0.9 * tw, 0.9 * th])
                    if scene.negative in (None, "clutter_only")
                    else np.array([tw, th]) / 2 + rng.normal(0, 0.06, 2) * [tw, th]
                )
                cw = (-x0 * ppm, -y0 * ppm)
                r_obj = 0.5 * np.hypot(*patch.shape[:2])
                r_doc = 0.5 * np.hypot(*scene.doc_size) * ppm
                if scene.negative in ("book", "monitor") and not taken:
                    break
                if np.hypot(c[0] - cw[0], c[1] - cw[1]) > r_doc + 0.7 * r_obj and all(
                    np.hypot(*(c - t)) > 0.6 * (r_obj + rt) for t, rt in taken
                ):
                    break
            taken.append((c, r_obj))
            props.place(tex, rng, patch, mask, c, ppm)
        if style != "wall" and (objects or rng.random() < 0.3):
            props.small_things(tex, rng, ppm, int(rng.integers(1, 5)))
    return remap(tex, (X - x0) * ppm - 0.5, (Y - y0) * ppm - 0.5, cv2.BORDER_REFLECT_101)


def _px_per_mm(scene: _Scene) -> float:
    area = cv2.contourArea(_corners(scene).astype(np.float32))
    return float(np.sqrt(area / (scene.doc_size[0] * scene.doc_size[1])))


def _doc_layer(
    scene: _Scene, rays: np.ndarray, rng: np.random.Generator, sentinel: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sheet seen by the camera: colour, coverage (0..1) and a shading factor from its bends."""
    w, h = scene.doc_size
    ppm = float(np.clip(1.4 * _px_per_mm(scene), 3.0, 12.0))  # texture a little finer than the frame
    tex, alpha, _ = props.DOCUMENTS[scene.kind](rng, ppm, scene.doc_size)
    if sentinel:
        tex = np.empty_like(tex)
        tex[:] = SENTINEL_DOC
        tex[: tex.shape[0] // 2, : tex.shape[1] // 2] = SENTINEL_TL
    if scene.curl is None:
        X, Y = scene.cam.hit_plane(rays, 0.0)
        u, v = _to_local(scene, X, Y)
        shade = np.ones(u.shape, np.float32)
    else:
        u, v = hit_heightfield(
            scene.cam,
            rays,
            lambda X, Y: _to_local(scene, X, Y),
            lambda u, v: -_lift(scene.curl, u, v, scene.doc_size),
        )
        # light from the top of the frame: slopes facing it brighten, the others darken
        uu, vv = np.nan_to_num(u), np.nan_to_num(v)
        gu = _lift(scene.curl, uu + 1, vv, scene.doc_size) - _lift(scene.curl, uu, vv, scene.doc_size)
        gv = _lift(scene.curl, uu, vv + 1, scene.doc_size) - _lift(scene.curl, uu, vv, scene.doc_size)
        shade = np.clip(1 - 1.2 * (0.6 * gu - 0.8 * gv), 0.6, 1.15).astype(np.float32)
    mx, my = u * tex.shape[1] / w - 0.5, v * tex.shape[0] / h - 0.5
    colour = remap(tex, mx, my, cv2.BORDER_CONSTANT)
    cover = remap(alpha, mx, my, cv2.BORDER_CONSTANT)
    return colour, cover, shade


def _lighting(shape: tuple[int, int], rng: np.random.Generator, strength: float) -> np.ndarray:
    """Illumination field: a linear fall-off across the frame, cos⁴-like vignetting, a colour cast."""
    h, w = shape
    # the field is smooth: build it at 1/8 and let cv2 interpolate
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    a = rng.uniform(0, 2 * np.pi)
    g = ((xx - w / 2) * np.cos(a) + (yy - h / 2) * np.sin(a)) / (0.5 * np.hypot(w, h))
    low = 1 - strength * rng.uniform(0.4, 0.65)
    field = (1 + low) / 2 + (1 - low) / 2 * g
    r2 = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / (0.5 * np.hypot(w, h)) ** 2
    field = field * (1 - strength * rng.uniform(0.15, 0.35) * r2)
    cast = (1 + strength * rng.uniform(-0.12, 0.12, 3)).astype(np.float32)
    field = cv2.resize(field.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    return field[..., None] * cast


def _shadow(shape: tuple[int, int], rng: np.random.Generator, through: np.ndarray) -> np.ndarray:
    """A soft cast shadow (a person or the kiosk's hood) whose border crosses the document."""
    h, w = shape
    c = through.mean(0)
    a = rng.uniform(0, 2 * np.pi)
    d = np.array([np.cos(a), np.sin(a)])
    n = np.array([-d[1], d[0]])
    edge = c + d * rng.uniform(-0.2, 0.2) * np.ptp(through, 0).max()
    wob = [edge + n * t + d * rng.normal(0, 40) for t in np.linspace(-2500, 2500, 9)]
    poly = np.array([*wob, wob[-1] + d * 4000, wob[0] + d * 4000], np.int32)
    m = np.zeros((h // 4, w // 4), np.float32)  # soft anyway: drawn and blurred at ¼ scale
    cv2.fillPoly(m, [poly // 4], 1.0)
    m = cv2.resize(cv2.GaussianBlur(m, (0, 0), rng.uniform(2, 9)), (w, h), interpolation=cv2.INTER_LINEAR)
    dark = rng.uniform(0.35, 0.6)
    tint = np.array([1.0, 0.97, 0.92], np.float32)  # shade is lit by the sky/ceiling: a little bluer
    return 1 - m[..., None] * (1 - dark * tint)


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    k = np.zeros((int(length) | 1, int(length) | 1), np.float32)
    c = k.shape[0] // 2
    d = np.array([np.cos(angle), np.sin(angle)]) * length / 2
    cv2.line(
        k,
        (int(round(c - d[0])), int(round(c - d[1]))),
        (int(round(c + d[0])), int(round(c + d[1]))),
        1.0,
        1,
        cv2.LINE_AA,
    )
    return k / k.sum()


def _disc_kernel(radius: float) -> np.ndarray:
    r = int(np.ceil(radius))
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
    k = np.clip(radius + 0.5 - np.hypot(xx, yy), 0, 1).astype(np.float32)
    return k / k.sum()


def _edge_entry(
    rng: np.random.Generator, corners: np.ndarray, depth: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """A point ``depth`` px inside the document from a random side, and the inward direction."""
    i = int(rng.integers(4))
    a, b = corners[i], corners[(i + 1) % 4]
    p = a + (b - a) * rng.uniform(0.2, 0.8)
    n = np.array([-(b - a)[1], (b - a)[0]])
    n /= np.linalg.norm(n)
    if (corners.mean(0) - p) @ n < 0:
        n = -n
    return p + n * rng.uniform(*depth), n


def _render(scene: _Scene, seed: int, index: int, sentinel: bool) -> np.ndarray:
    cond, neg = scene.condition, scene.negative
    tex_rng = np.random.default_rng([seed, index, 0x7E4])
    fx = np.random.default_rng([seed, index, 0xF4])
    rays = scene.cam.rays()
    if cond == "photo_background" or neg == "textured_photo":
        style = "photo"
    elif cond == "low_contrast":
        style = str(tex_rng.choice(["white", "wood_photo"]))
    elif neg == "blank_wall":
        style = "wall"
    elif cond == "plain_desk":
        style = str(tex_rng.choice(["laminate", "wood"]))
    else:
        style = str(
            tex_rng.choice(
                ["laminate", "wood", "wood_photo", "photo", "white"], p=[0.35, 0.15, 0.15, 0.25, 0.1]
            )
        )
    objects: list[str] = []
    if cond == "clutter":
        objects = list(tex_rng.permutation(["phone", "book", "keyboard"])[: tex_rng.integers(2, 4)])
    elif neg == "clutter_only":
        objects = list(tex_rng.permutation(["phone", "book", "keyboard"]))
    elif neg in ("book", "monitor"):
        objects = [neg]
    img = _desk_layer(scene, rays, tex_rng, style, objects, sentinel).astype(np.float32)
    if neg is None:
        roi = _roi(scene, 16)  # only these pixels can see the sheet (or its contact shadow)
        colour, cover, shade = _doc_layer(scene, rays[roi], tex_rng, sentinel)
        part = img[roi]
        if not sentinel:
            if cond == "low_contrast":
                # a white page on a pale desk: the page is barely brighter than what it lies on
                colour = (colour.astype(np.float32) * 0.93).astype(np.uint8)
            contact = cv2.GaussianBlur(cover, (0, 0), 4)
            part *= 1 - 0.18 * contact[..., None]
            colour = colour.astype(np.float32) * shade[..., None]
        img[roi] = part * (1 - cover[..., None]) + colour * cover[..., None]
    if sentinel:
        return np.clip(img, 0, 255).astype(np.uint8)
    corners = _corners(scene) if neg is None else None
    ppm = _px_per_mm(scene) if corners is not None else SIZE[0] / 550
    img = np.clip(img, 0, 255).astype(np.uint8)
    if cond == "hand_edge" and corners is not None:
        tip, n = _edge_entry(fx, corners, (15, 70))
        props.hand(img, fx, tip, n + fx.normal(0, 0.25, 2), ppm * fx.uniform(0.85, 1.15))
    elif cond == "pen_edge" and corners is not None:
        tip, n = _edge_entry(fx, corners, (20, 120))
        rot = fx.uniform(-0.7, 0.7)
        n = np.array([n[0] * np.cos(rot) - n[1] * np.sin(rot), n[0] * np.sin(rot) + n[1] * np.cos(rot)])
        props.pen(img, fx, tip, n, ppm * fx.uniform(1.0, 1.4))
    elif neg == "hand_only":
        tip = fx.uniform([0.3 * SIZE[0], 0.3 * SIZE[1]], [0.7 * SIZE[0], 0.7 * SIZE[1]])
        props.hand(img, fx, tip, fx.normal(0, 1, 2), fx.uniform(1.6, 2.8))
    f = img.astype(np.float32)
    if cond == "lighting" or neg == "blank_wall":
        f *= _lighting(f.shape[:2], fx, 1.0)
    else:
        f *= _lighting(f.shape[:2], fx, 0.25)  # every lens vignettes a little
    if cond == "cast_shadow" and corners is not None:
        f *= _shadow(f.shape[:2], fx, corners)
    if cond == "glare" and corners is not None:
        # a specular highlight of a ceiling lamp on the sheet: an elongated blown-out spot
        c = corners.mean(0) + (corners[fx.integers(4)] - corners.mean(0)) * fx.uniform(0, 0.7)
        yy, xx = np.mgrid[0 : f.shape[0], 0 : f.shape[1]].astype(np.float32, copy=False)
        a = fx.uniform(0, np.pi)
        rx, ry = fx.uniform(40, 140), fx.uniform(20, 70)
        du, dv = (
            (xx - c[0]) * np.cos(a) + (yy - c[1]) * np.sin(a),
            -(xx - c[0]) * np.sin(a) + (yy - c[1]) * np.cos(a),
        )
        g = np.exp(-((du / rx) ** 2 + (dv / ry) ** 2)).astype(np.float32)
        f += (300 - f) * (fx.uniform(0.75, 1.0) * g)[..., None]
    f *= (fx.uniform(0.85, 1.1) * fx.uniform(0.94, 1.06, 3)).astype(np.float32)  # exposure and white balance
    img = np.clip(f, 0, 255).astype(np.uint8)
    if cond == "blur":
        img = cv2.filter2D(img, -1, _motion_kernel(fx.uniform(6, 18), fx.uniform(0, np.pi)))
        img = cv2.filter2D(img, -1, _disc_kernel(fx.uniform(1.5, 4.0)))
    else:
        img = cv2.GaussianBlur(img, (0, 0), fx.uniform(0.5, 0.9))  # optics are never perfectly sharp
    # sensor noise: shot noise grows with the signal, read noise does not
    f = img.astype(np.float32)
    read, shot = (
        (fx.uniform(5, 12), fx.uniform(0.5, 1.0)) if cond == "noise_jpeg" else (fx.uniform(1.0, 2.5), 0.15)
    )
    f += fx.standard_normal(f.shape, dtype=np.float32) * np.sqrt(read**2 + shot * f)
    img = np.clip(f, 0, 255).astype(np.uint8)
    quality = int(fx.integers(40, 91)) if cond == "noise_jpeg" else int(fx.integers(82, 96))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def sample(seed: int, index: int) -> Sample:
    scene = _scene(seed, index)
    image = _render(scene, seed, index, sentinel=False)
    corners = None if scene.negative is not None else _corners(scene)
    tag = scene.negative or scene.kind
    return Sample(
        f"blind-s{seed}-{index:04d}-{scene.condition}-{tag}", scene.condition, scene.kind, image, corners
    )


def truth(seed: int, index: int) -> np.ndarray | None:
    """The ground-truth corners of frame ``index`` without rendering it (None for a negative)."""
    scene = _scene(seed, index)
    return None if scene.negative is not None else _corners(scene)


def sentinel(seed: int, index: int) -> tuple[Sample, np.ndarray | None, np.ndarray | None]:
    """Frame ``index``'s geometry with a flat magenta sheet (green top-left quarter) on black, nothing else.

    Also returns, projected with the forward camera model: the centre of the document's own
    top-left quarter, and its outline sampled every few millimetres (the border as the lens
    bends it), so a test can check the area, the bend and the corner order against the pixels.
    """
    scene = _scene(seed, index)
    image = _render(scene, seed, index, sentinel=True)
    if scene.negative is not None:
        return Sample(f"sentinel-{index}", scene.condition, scene.kind, image, None), None, None
    w, h = scene.doc_size
    tl = scene.cam.project(_doc_points(scene, np.array([[w / 4, h / 4]])))[0]
    outline = _outline(scene)
    return Sample(f"sentinel-{index}", scene.condition, scene.kind, image, _corners(scene)), tl, outline


def samples(seed: int, count: int) -> Iterator[Sample]:
    """Frames 0..count-1 of ``seed`` (the same pictures on every machine)."""
    props.check_assets()
    for i in range(count):
        yield sample(seed, i)


def main() -> int:
    """Generate a set, print its counts by condition and kind and the time it took; optionally save it."""
    import argparse
    import time
    from collections import Counter
    from pathlib import Path

    ap = argparse.ArgumentParser(description="The blind document set (bench/datasets/README.md)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument(
        "--save", type=Path, help="write every frame here as PNG (ground truth in the name's .txt)"
    )
    args = ap.parse_args()
    by_cond: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_neg: Counter[str] = Counter()
    gen = 0.0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    it = samples(args.seed, args.count)
    while True:
        t0 = time.perf_counter()
        s = next(it, None)
        gen += time.perf_counter() - t0
        if s is None:
            break
        by_cond[s.condition] += 1
        by_kind[s.kind] += 1
        if s.corners is None:
            by_neg[s.name.rsplit("-", 1)[1]] += 1
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(args.save / f"{s.name}.png"), s.image)
            truth = "none" if s.corners is None else " ".join(f"{v:.2f}" for v in s.corners.ravel())
            (args.save / f"{s.name}.txt").write_text(truth + "\n")
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(
        f"blind set, seed {args.seed}: {args.count} frames {SIZE[0]}×{SIZE[1]} generated in {gen:.1f} s "
        f"({gen / args.count * 1000:.0f} ms/frame; CPU {cpu:.1f} s; total with any saving {wall:.1f} s)"
    )
    print("by condition: " + ", ".join(f"{c} {by_cond[c]}" for c in CONDITIONS))
    print("by kind:      " + ", ".join(f"{k} {by_kind[k]}" for k in (*KINDS, "none")))
    print("negatives:    " + ", ".join(f"{n} {by_neg[n]}" for n in NEGATIVES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
