"""Compose one tenth-set frame: counter, document, clutter, hand, camera, lights and sensor.

Everything is drawn from the frame's own random generator, so a frame is a function of
(seed, index). The document is placed after the camera and re-drawn until its four corners
project inside the frame with a margin (a document cut by the frame edge is not wanted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bench.datasets import tenth_surfaces, tenth_textures
from bench.datasets.tenth_geometry import Mesh, Sheet, box, capsule, card, cylinder, hand, rot_x, rot_y, rot_z
from bench.datasets.tenth_optics import CameraPose, Sensor
from bench.datasets.tenth_render import Stage, Thing
from bench.datasets.tenth_schedule import FramePlan

MARGIN_PX = 24
ID1 = (0.0856, 0.05398)


@dataclass
class Composition:
    stage: Stage
    camera: CameraPose
    sensor: Sensor
    corners_world: np.ndarray | None  # (4, 3) TL, TR, BR, BL as read
    spp: int


def _rgb(rng: np.random.Generator, lo: float, hi: float) -> str:
    v = rng.uniform(lo, hi, 3)
    return f"{v[0]:.3f} {v[1]:.3f} {v[2]:.3f}"


def _grey(v: float) -> str:
    return f"{v:.6g} {v:.6g} {v:.6g}"


def _paper_colour(rng: np.random.Generator) -> np.ndarray:
    return np.array([1.0, 1.0, 1.0]) - rng.uniform(0.0, 0.06, 3)


# ---------------------------------------------------------------- counter


def counter(rng: np.random.Generator, pale: bool) -> tuple[list[Thing], float]:
    """The counter top (a photographed surface) and, half the time, a plastic or steel tray on it.

    Returns the things and the height documents rest at.
    """
    things: list[Thing] = []
    names = (
        ("marbleWall", "beigeTile", "wallBeigeTile", "roughcast") if pale else tenth_surfaces.COUNTER_PHOTOS
    )
    photo = tenth_surfaces.photo(str(rng.choice(names)))
    tile = rng.uniform(0.12, 0.28)
    size = 2.0
    top = Mesh(
        np.array(
            [
                [-size / 2, -size / 2, 0],
                [size / 2, -size / 2, 0],
                [size / 2, size / 2, 0],
                [-size / 2, size / 2, 0],
            ]
        ),
        np.array([[0, 1, 2], [0, 2, 3]]),
        np.array([[0, 0], [size / tile, 0], [size / tile, size / tile], [0, size / tile]]),
    )
    rough = rng.uniform(0.04, 0.35)
    things.append(
        Thing(
            "counter",
            top,
            {
                "type": "glossy2",
                "ks": _grey(rng.uniform(0.02, 0.07)),
                "uroughness": f"{rough:.3f}",
                "vroughness": f"{rough:.3f}",
            },
            texture=photo,
            texture_gain=float(rng.uniform(0.75, 1.05)),
        )
    )
    if rng.random() < 0.5:
        return things, 0.0
    # a document tray: a shallow box of moulded plastic or brushed steel
    w, d, wall, floor = rng.uniform(0.40, 0.52), rng.uniform(0.32, 0.40), 0.006, 0.004
    rim = rng.uniform(0.012, 0.025)
    if rng.random() < 0.3:
        mat = {"type": "metal2", "preset": "aluminium", "uroughness": "0.25", "vroughness": "0.25"}
    else:
        colour = rng.choice(
            [[0.05, 0.05, 0.05], [0.55, 0.57, 0.6], [0.12, 0.2, 0.45], [0.8, 0.8, 0.78], [0.35, 0.22, 0.12]]
        )
        mat = {
            "type": "glossy2",
            "kd": " ".join(f"{c:.3f}" for c in colour),
            "ks": "0.04 0.04 0.04",
            "uroughness": "0.2",
            "vroughness": "0.2",
        }
    parts = [box(w, d, floor)]
    for sx, sy, x, y in (
        (w, wall, 0, d / 2),
        (w, wall, 0, -d / 2),
        (wall, d, w / 2, 0),
        (wall, d, -w / 2, 0),
    ):
        b = box(sx, sy, rim)
        b.vertices += [x, y, 0]
        parts.append(b)
    from bench.datasets.tenth_geometry import merge

    tray = merge(parts)
    tray.vertices += [rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02), 0]
    things.append(Thing("tray", tray, mat))
    return things, floor


# ---------------------------------------------------------------- documents


# (name, mesh in the document's frame, material, colour texture, the material slot it fills)
Part = tuple[str, Mesh, dict[str, str], np.ndarray | None, str]
# (mesh in the object's frame, material, colour texture)
PropPart = tuple[Mesh, dict[str, str], np.ndarray | None]


@dataclass
class Document:
    things_local: list[Part]
    corners_local: np.ndarray  # (4, 3)
    size: tuple[float, float]  # metres, the footprint to fit


def _laminate(rng: np.random.Generator) -> dict[str, str]:
    r = rng.uniform(0.015, 0.09)
    return {
        "type": "glossy2",
        "ks": _grey(rng.uniform(0.04, 0.09)),
        "uroughness": f"{r:.3f}",
        "vroughness": f"{r:.3f}",
    }


def _paper(rng: np.random.Generator, translucent: bool) -> tuple[dict[str, str], str]:
    if translucent:
        return {"type": "mattetranslucent", "kt": _grey(rng.uniform(0.08, 0.2))}, "kr"
    return {"type": "matte"}, "kd"


def _card_document(face: tenth_textures.Face, rng: np.random.Generator, bowed: bool) -> Document:
    w, h = ID1
    top, body = card(w, h, 0.00076, 0.00318)
    radius = float(rng.uniform(0.25, 0.6) * rng.choice([-1, 1])) if bowed else np.inf

    def bow(x: np.ndarray) -> np.ndarray:
        # a card bowed about its short axis; a downward bow rests on its middle, not its ends
        sag = (x - w / 2) ** 2 / (2 * radius)
        return sag - min(0.0, w**2 / (8 * radius))

    for m in (top, body):
        m.vertices[:, 2] += bow(m.vertices[:, 0])
    # the edge is the same polycarbonate or PET as the face, a shade darker than its print
    tone = face.image.reshape(-1, 3).mean(axis=0) / 255 * rng.uniform(0.75, 0.95)
    edge = {"type": "matte", "kd": " ".join(f"{(v**2.2):.4f}" for v in tone)}
    things: list[Part] = [
        ("card", top, _laminate(rng), face.image, "kd"),
        ("card_edge", body, edge, None, "kd"),
    ]
    # the truth: where the straight edges meet, on the printed face
    corners = np.array([[0, 0, 0], [w, 0, 0], [w, -h, 0], [0, -h, 0]], float)
    corners[:, 2] = 0.00076 + bow(corners[:, 0])
    return Document(things, corners, (w, h))


def _sheet_document(
    face: tenth_textures.Face, rng: np.random.Generator, deform: bool, translucent: bool, lift: float
) -> Document:
    w, h = face.width_mm / 1000, face.height_mm / 1000
    sheet = Sheet(w, h)
    sheet.local[:, 2] += lift
    if deform:
        mode = rng.choice(["curl", "crease", "corner", "thirds"])
        along = str(rng.choice(["u", "v"]))
        if mode == "curl":
            sheet.curl_edge(along, rng.uniform(0.55, 0.85), rng.uniform(0.02, 0.08), bool(rng.random() < 0.5))
        elif mode == "crease":
            sheet.crease(along, rng.uniform(0.4, 0.6), rng.uniform(0.1, 0.35))
        elif mode == "corner":
            sheet.lift_corner(int(rng.integers(0, 4)), rng.uniform(0.006, 0.02), rng.uniform(0.04, 0.09))
        else:
            sheet.crease("v", 0.333, rng.uniform(0.06, 0.2))
            sheet.crease("v", 0.667, -rng.uniform(0.04, 0.15))
            sheet.local[:, 2] -= min(0.0, float(sheet.local[:, 2].min()) - lift)
    sheet.ripple(rng.uniform(0.0003, 0.002), rng)
    mat, slot = _paper(rng, translucent)
    things: list[Part] = [("sheet", Mesh(sheet.local.copy(), sheet.faces, sheet.uvs), mat, face.image, slot)]
    # paper's underside, so a curled edge shows a back and does not let light through
    under = Mesh(sheet.local - [0, 0, 0.00012], sheet.faces[:, ::-1], sheet.uvs)
    things.append(("sheet_back", under, {"type": "matte", "kd": _grey(0.8)}, None, "kd"))
    return Document(things, sheet.local[sheet.corner_index].copy(), (w, h))


def _passport_document(rng: np.random.Generator, p: tenth_textures.Person) -> Document:
    """An open passport: the spine across the middle, the facing page above, the data page below."""
    pw, ph = 0.125, 0.088
    data = tenth_textures.passport_data_page(rng, p)
    facing = tenth_textures.passport_facing_page(rng)
    stack = rng.uniform(0.0015, 0.003)
    lift = rng.uniform(0.002, 0.006)
    things: list[Part] = []
    pages = []
    for which, face in (("facing", facing), ("data", data)):
        s = Sheet(pw, ph, 25, 21)
        # the page rises toward the spine; the data page's top edge is at the spine
        t = -s.local[:, 1] / ph
        spine_dist = t if which == "data" else 1 - t
        # on top of the cover (1 mm) and the page block (`stack`), rising near the spine
        s.local[:, 2] += 0.0012 + stack + lift * np.exp(-spine_dist * ph / 0.012)
        if which == "data":
            s.local[:, 1] -= ph
        pages.append(s)
        mat = _laminate(rng) if which == "data" else {"type": "matte"}
        things.append((f"page_{which}", Mesh(s.local.copy(), s.faces, s.uvs), mat, face.image, "kd"))
    cover_colour = rng.choice([[0.03, 0.06, 0.16], [0.04, 0.12, 0.07], [0.12, 0.03, 0.04]])
    cover = box(pw + 0.006, 2 * ph + 0.006, 0.001)
    cover.vertices += [pw / 2, -ph, 0]
    block = box(pw - 0.001, 2 * ph - 0.001, stack)
    block.vertices += [pw / 2, -ph, 0.001]
    things.append(
        (
            "cover",
            cover,
            {
                "type": "glossy2",
                "kd": " ".join(f"{c:.3f}" for c in cover_colour),
                "ks": "0.03 0.03 0.03",
                "uroughness": "0.3",
                "vroughness": "0.3",
            },
            None,
            "kd",
        )
    )
    things.append(("page_block", block, {"type": "matte", "kd": _grey(0.85)}, None, "kd"))
    corners = pages[1].local[pages[1].corner_index].copy()
    return Document(things, corners, (pw + 0.006, 2 * ph + 0.006))


def document(kind: str, rng: np.random.Generator, curled: bool, held: bool) -> Document:
    p = tenth_textures.person(rng)
    if kind in ("id_card", "licence"):
        if kind == "id_card":
            face = (
                tenth_textures.cccd_front(rng, p) if rng.random() < 0.6 else tenth_textures.cccd_back(rng, p)
            )
        else:
            face = tenth_textures.licence(rng, p)
        return _card_document(face, rng, bowed=curled)
    if kind == "passport":
        return _passport_document(rng, p)
    if kind == "receipt":
        return _sheet_document(tenth_textures.receipt(rng), rng, curled or rng.random() < 0.4, True, 0.0002)
    face = tenth_textures.form(rng, kind, p)
    return _sheet_document(face, rng, curled or (held and rng.random() < 0.6), False, 0.0002)


# ---------------------------------------------------------------- clutter


def _prop(kind: str, rng: np.random.Generator) -> tuple[list[PropPart], float]:
    """One object of the counter, in its own frame on z = 0; returns parts and footprint radius."""
    plastic = {"type": "glossy2", "ks": "0.05 0.05 0.05", "uroughness": "0.12", "vroughness": "0.12"}
    if kind == "pen":
        body = capsule(0.0045, rng.uniform(0.13, 0.15))
        body.vertices[:, 2] += 0.0045
        colour = rng.choice(["0.05 0.1 0.5", "0.02 0.02 0.02", "0.6 0.05 0.05", "0.8 0.8 0.8"])
        return [(body, {**plastic, "kd": str(colour)}, None)], 0.075
    if kind == "phone":
        body = box(0.072, 0.150, 0.008)
        screen = box(0.066, 0.140, 0.0002)
        screen.vertices[:, 2] += 0.008
        return [
            (body, {**plastic, "kd": "0.04 0.04 0.05"}, None),
            (
                screen,
                {
                    "type": "glossy2",
                    "kd": "0.01 0.01 0.012",
                    "ks": "0.08 0.08 0.08",
                    "uroughness": "0.01",
                    "vroughness": "0.01",
                },
                None,
            ),
        ], 0.085
    if kind == "cup":
        cup = cylinder(0.038, 0.09, 40, capped=False)  # open: the tea shows from above
        tea = cylinder(0.037, 0.001, 40)
        tea.vertices[:, 2] += 0.07
        return [
            (
                cup,
                {
                    "type": "glossy2",
                    "kd": _grey(rng.uniform(0.7, 0.9)),
                    "ks": "0.06 0.06 0.06",
                    "uroughness": "0.05",
                    "vroughness": "0.05",
                },
                None,
            ),
            (
                tea,
                {
                    "type": "glossy2",
                    "kd": "0.25 0.12 0.03",
                    "ks": "0.04 0.04 0.04",
                    "uroughness": "0.01",
                    "vroughness": "0.01",
                },
                None,
            ),
        ], 0.045
    if kind == "coins":
        parts: list[PropPart] = []
        for _ in range(int(rng.integers(2, 6))):
            c = cylinder(rng.uniform(0.009, 0.0125), 0.0018, 24)
            c.vertices += [rng.uniform(-0.03, 0.03), rng.uniform(-0.03, 0.03), 0]
            parts.append(
                (
                    c,
                    {
                        "type": "metal2",
                        "preset": str(rng.choice(["gold", "copper", "aluminium"])),
                        "uroughness": "0.15",
                        "vroughness": "0.15",
                    },
                    None,
                )
            )
        return parts, 0.045
    if kind == "wallet":
        w = box(0.11, 0.09, 0.014)
        return [
            (w, {**plastic, "kd": "0.18 0.08 0.03", "uroughness": "0.35", "vroughness": "0.35"}, None)
        ], 0.075
    if kind == "keys":
        parts = [
            (
                cylinder(0.014, 0.0015, 24),
                {"type": "metal2", "preset": "silver", "uroughness": "0.1", "vroughness": "0.1"},
                None,
            )
        ]
        for a in rng.uniform(0, 6.3, 3):
            k = box(0.055, 0.013, 0.002).transformed(
                rot_z(a), np.array([0.03 * np.cos(a), 0.03 * np.sin(a), 0.0])
            )
            parts.append(
                (k, {"type": "metal2", "preset": "aluminium", "uroughness": "0.2", "vroughness": "0.2"}, None)
            )
        return parts, 0.07
    # a queue ticket: a small slip of thermal paper
    face = tenth_textures.queue_ticket(rng)
    s = Sheet(face.width_mm / 1000, face.height_mm / 1000, 9, 11)
    s.local[:, 2] += 0.0003
    s.local[:, :2] -= [face.width_mm / 2000, -face.height_mm / 2000]
    return [(Mesh(s.local, s.faces, s.uvs), {"type": "matte"}, face.image)], 0.045


# ---------------------------------------------------------------- camera and light


def camera_pose(rng: np.random.Generator, condition: str, size: int | tuple[int, int]) -> CameraPose:
    w, h = (size, size * 3 // 4) if isinstance(size, int) else size
    height = rng.uniform(0.30, 0.45)
    tilt = np.radians(rng.uniform(15, 28)) if condition == "tilted_camera" else np.radians(rng.uniform(0, 6))
    heading = rng.uniform(0, 2 * np.pi)
    target = np.array([rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02), 0.0])
    offset = np.array([np.sin(tilt) * np.cos(heading), np.sin(tilt) * np.sin(heading), np.cos(tilt)]) * height
    roll = np.radians(rng.uniform(-4, 4))
    up = np.array([np.sin(roll), np.cos(roll), 0.0])
    fov = rng.uniform(56, 70)
    lens = rng.uniform(0.0005, 0.0012) if condition in ("held_in_hand", "tilted_camera") else 0.0
    eye = target + offset
    return CameraPose(tuple(eye), tuple(target), tuple(up), fov, w, h, lens, float(np.linalg.norm(offset)))


def _emitter(name: str, centre: np.ndarray, sx: float, sy: float, rgb: np.ndarray, gain: float) -> Thing:
    x, y = sx / 2, sy / 2
    v = np.array([[-x, -y, 0], [x, -y, 0], [x, y, 0], [-x, y, 0]]) + centre
    faces = np.array([[0, 2, 1], [0, 3, 2]])  # facing down
    e = rgb * gain
    return Thing(
        name,
        Mesh(v, faces),
        {"type": "matte", "kd": "0 0 0", "emission": f"{e[0]:.4f} {e[1]:.4f} {e[2]:.4f}"},
    )


def _kelvin(k: float) -> np.ndarray:
    """Rough linear RGB of a black body, normalised to its green."""
    t = k / 100
    r = 255 if t <= 66 else 329.7 * (t - 60) ** -0.1332
    g = 99.47 * np.log(t) - 161.1 if t <= 66 else 288.1 * (t - 60) ** -0.0755
    b = 255 if t >= 66 else (0 if t <= 19 else 138.5 * np.log(t - 10) - 305.0)
    rgb = (np.clip(np.array([r, g, b]), 1, 255) / 255) ** 2.2
    return rgb / rgb[1]


def lights(
    condition: str, rng: np.random.Generator, camera: CameraPose
) -> tuple[list[Thing], str, dict[str, np.ndarray]]:
    things: list[Thing] = []
    props: list[str] = []
    images: dict[str, np.ndarray] = {}
    ambient = rng.uniform(0.03, 0.12)
    if condition in ("window_sun",):
        elev = np.radians(rng.uniform(20, 50))
        az = rng.uniform(0, 2 * np.pi)
        d = np.array([np.cos(elev) * np.cos(az), np.cos(elev) * np.sin(az), np.sin(elev)])
        props += [
            "scene.lights.sun.type = sun",
            f"scene.lights.sun.dir = {d[0]:.4f} {d[1]:.4f} {d[2]:.4f}",
            f"scene.lights.sun.turbidity = {rng.uniform(2.2, 5):.2f}",
            f"scene.lights.sun.gain = {_grey(rng.uniform(0.5, 1.2) * 1e-4)}",
            "scene.lights.sky.type = sky2",
            f"scene.lights.sky.dir = {d[0]:.4f} {d[1]:.4f} {d[2]:.4f}",
            "scene.lights.sky.gain = 0.00004 0.00004 0.00004",
        ]
        # window blinds between the sun and the counter throw slatted shadows
        dist = rng.uniform(0.5, 0.9)
        centre = d * dist
        slat_gap = rng.uniform(0.03, 0.06)
        along = np.cross(d, [0, 0, 1])
        along /= np.linalg.norm(along)
        across = np.cross(along, d)
        for k in range(-12, 13):
            slat = box(1.2, 0.025, 0.002)
            r = np.column_stack([along, across, d])
            slat = slat.transformed(r, centre + across * k * slat_gap)
            things.append(Thing(f"slat{k}", slat, {"type": "matte", "kd": "0.7 0.7 0.7"}))
    elif condition == "desk_lamp":
        pos = np.array([rng.uniform(-0.35, 0.35), rng.uniform(-0.35, 0.35), rng.uniform(0.35, 0.6)])
        aim = np.array([rng.uniform(-0.12, 0.12), rng.uniform(-0.12, 0.12), 0])
        c = _kelvin(rng.uniform(2700, 3500))
        g = rng.uniform(0.4, 1.0)
        props += [
            "scene.lights.lamp.type = spot",
            f"scene.lights.lamp.position = {pos[0]:.4f} {pos[1]:.4f} {pos[2]:.4f}",
            f"scene.lights.lamp.target = {aim[0]:.4f} {aim[1]:.4f} {aim[2]:.4f}",
            f"scene.lights.lamp.coneangle = {rng.uniform(25, 45):.1f}",
            f"scene.lights.lamp.conedeltaangle = {rng.uniform(6, 15):.1f}",
            f"scene.lights.lamp.color = {c[0]:.3f} {c[1]:.3f} {c[2]:.3f}",
            f"scene.lights.lamp.gain = {g:.3f} {g:.3f} {g:.3f}",
        ]
        ambient *= 0.5
    elif condition == "ring_light":
        eye = np.asarray(camera.eye)
        r_in, r_out = rng.uniform(0.05, 0.08), rng.uniform(0.10, 0.15)
        # 16 segments: each triangle of an emitting mesh is a light LuxCore picks on its own,
        # and a finer ring would starve the other lights of samples
        n = 16
        a = np.linspace(0, 2 * np.pi, n, endpoint=False)
        ring = np.vstack(
            [
                np.column_stack([r_in * np.cos(a), r_in * np.sin(a)]),
                np.column_stack([r_out * np.cos(a), r_out * np.sin(a)]),
            ]
        )
        verts = np.column_stack([ring, np.zeros(2 * n)]) + eye + [0, 0, 0.01]
        faces = []
        for i in range(n):
            j = (i + 1) % n
            faces += [[i, j, n + j], [i, n + j, n + i]]  # facing down, at the tray
        e = _kelvin(rng.uniform(4500, 6500)) * rng.uniform(3, 8)
        things.append(
            Thing(
                "ring",
                Mesh(verts, np.array(faces)),
                {"type": "matte", "kd": "0 0 0", "emission": f"{e[0]:.3f} {e[1]:.3f} {e[2]:.3f}"},
            )
        )
    elif condition == "sky_photo":
        photo = tenth_surfaces.photo(str(rng.choice(tenth_surfaces.SKY_PHOTOS)))
        images["env"] = photo
        props += [
            "scene.lights.env.type = infinite",
            "scene.lights.env.file = {env}",
            "scene.lights.env.gamma = 2.2",
            f"scene.lights.env.gain = {_grey(rng.uniform(0.6, 1.2))}",
            f"scene.lights.env.transformation = {' '.join(f'{v:.5f}' for v in _rz4(rng.uniform(0, 6.28)).ravel())}",
        ]
        ambient = 0.0
    if condition not in ("window_sun", "sky_photo", "desk_lamp", "ring_light") or rng.random() < 0.5:
        # ceiling LED panels, 60 x 60 cm, 2.0-2.6 m up (the counter top is ~0.75 m from the floor)
        c = _kelvin(rng.uniform(3800, 6500))
        n = int(rng.integers(1, 4))
        for k in range(n):
            centre = np.array([rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0), rng.uniform(1.3, 1.9)])
            things.append(_emitter(f"panel{k}", centre, 0.6, 0.6, c, rng.uniform(4, 10)))
    if ambient > 0:
        props += ["scene.lights.amb.type = constantinfinite", f"scene.lights.amb.color = {_grey(ambient)}"]
    return things, "\n".join(props) + "\n", images


def _rz4(a: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, :3] = rot_z(a)
    return m


def sensor(condition: str, rng: np.random.Generator) -> Sensor:
    key = rng.uniform(0.16, 0.26)
    read, shot = rng.uniform(1.0, 2.5), rng.uniform(0.5, 2.0)
    if condition == "dim_evening":
        key, read, shot = rng.uniform(0.05, 0.11), rng.uniform(3.5, 7.0), rng.uniform(4.0, 10.0)
    if condition == "overexposed":
        key = rng.uniform(0.45, 0.75)
    wb = 1 + rng.uniform(-0.08, 0.08, 3)
    held = condition == "held_in_hand"
    stream = condition == "stream_blocky"
    return Sensor(
        exposure_key=float(key),
        white_balance=(float(wb[0]), float(wb[1]), float(wb[2])),
        vignette=float(rng.uniform(0.05, 0.35)),
        motion_px=float(rng.uniform(2, 9)) if held and rng.random() < 0.7 else 0.0,
        motion_angle=float(rng.uniform(0, np.pi)),
        defocus_px=float(rng.uniform(0.3, 1.2)),
        read_noise=float(read),
        shot_noise=float(shot),
        sharpen=float(rng.uniform(0.0, 0.9)),
        jpeg_quality=int(rng.integers(70, 95)) if not stream else 0,
        stream_blocks=stream,
    )


# ---------------------------------------------------------------- the frame


NEGATIVE_SUBJECTS = ("empty", "phone", "cup_pen", "wallet_coins", "hand", "keys_phone")


def _inside(camera: CameraPose, points: np.ndarray, margin: float) -> bool:
    px = camera.project(points)
    depth = camera.depth(points)
    return bool(
        np.all(depth > 0.02)
        and np.all(px[:, 0] >= margin)
        and np.all(px[:, 1] >= margin)
        and np.all(px[:, 0] <= camera.width - 1 - margin)
        and np.all(px[:, 1] <= camera.height - 1 - margin)
    )


def _placement(rng: np.random.Generator, kind: str, held: bool, base: float) -> tuple[np.ndarray, np.ndarray]:
    if kind in ("a4", "a5") and rng.random() < 0.7:
        angle = rng.choice([0.0, np.pi / 2, -np.pi / 2, np.pi], p=[0.55, 0.2, 0.15, 0.1]) + np.radians(
            rng.normal(0, 8)
        )
    else:
        angle = rng.uniform(0, 2 * np.pi)
    rot = rot_z(angle)
    z = base
    if held:
        rot = rot @ rot_x(np.radians(rng.uniform(-20, 20))) @ rot_y(np.radians(rng.uniform(-20, 20)))
        z = base + rng.uniform(0.05, 0.14)
    return rot, np.array([0.0, 0.0, z])


def compose(frame: FramePlan, size: int | tuple[int, int]) -> Composition:
    rng = frame.rng()
    cond, kind = frame.condition, frame.kind
    things, base = counter(rng, pale=cond == "overexposed")
    camera = camera_pose(rng, cond, size)
    held = cond == "held_in_hand"
    corners_world = None
    occupied: list[tuple[np.ndarray, float]] = []
    if kind != "none":
        doc = document(kind, rng, curled=cond == "curled_paper", held=held)
        w, h = doc.size
        centre_local = np.array([w / 2, -h / 2, 0.0])
        for attempt in range(60):
            rot, trans = _placement(rng, kind, held, base)
            spread = 0.12 * max(0.0, 1 - attempt / 40)
            target = np.asarray(camera.target)
            shift = np.array(
                [target[0] + rng.uniform(-spread, spread), target[1] + rng.uniform(-spread, spread), 0.0]
            )
            trans = trans + shift - rot @ centre_local * [1, 1, 0]
            world = doc.corners_local @ rot.T + trans
            if _inside(camera, world, MARGIN_PX):
                break
            if attempt % 10 == 9:
                # the bracket is higher than the document needs: raise the camera
                eye = np.asarray(camera.eye) + (np.asarray(camera.eye) - np.asarray(camera.target)) * 0.12
                camera = CameraPose(
                    tuple(eye),
                    camera.target,
                    camera.up,
                    camera.fov_deg,
                    camera.width,
                    camera.height,
                    camera.lens_radius,
                    float(np.linalg.norm(eye - target)),
                )
        else:
            raise RuntimeError(f"{frame.name}: no placement keeps the corners in view")
        corners_world = world
        for name, mesh, mat, tex, slot in doc.things_local:
            t = Thing(f"{name}", mesh.transformed(rot, trans), mat, texture=tex)
            if slot != "kd":
                t.material = {**mat, "texture_slot": slot}
            things.append(t)
        occupied.append((world[:, :2].mean(0), float(np.linalg.norm(world[0, :2] - world[2, :2]) / 2)))
        if held:
            things += _hand_holding(rng, rot, trans, w, h)
    else:
        subject = NEGATIVE_SUBJECTS[(frame.index // 7) % len(NEGATIVE_SUBJECTS)]
        things += _negative(subject, rng, base, camera)
    if cond == "clutter" or (kind != "none" and rng.random() < 0.25):
        n = int(rng.integers(2, 6)) if cond == "clutter" else 1
        things += _clutter(rng, n, base, camera, occupied, allow_ticket=kind != "none")
    light_things, light_props, images = lights(cond, rng, camera)
    stage = Stage(things + light_things, light_props, images)
    spp = 1
    return Composition(stage, camera, sensor(cond, rng), corners_world, spp)


def _hand_holding(
    rng: np.random.Generator, rot: np.ndarray, trans: np.ndarray, w: float, h: float
) -> list[Thing]:
    """A hand pinching the document at the middle of one edge, thumb on the face."""
    edge = int(rng.integers(0, 4))
    along = rng.uniform(0.3, 0.7)
    # grip point and the outward direction of that edge, in the document's frame
    grips = {
        0: (np.array([along * w, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])),
        1: (np.array([w, -along * h, 0.0]), np.array([1.0, 0.0, 0.0])),
        2: (np.array([along * w, -h, 0.0]), np.array([0.0, -1.0, 0.0])),
        3: (np.array([0.0, -along * h, 0.0]), np.array([-1.0, 0.0, 0.0])),
    }
    point, out = grips[edge]
    heading = np.arctan2(-out[1], -out[0])  # fingers point into the document
    # the palm sits 5.5 cm outside the edge so the thumb tip reaches ~1.5 cm onto the face
    local = hand(rng).transformed(rot_z(heading), point + out * 0.055)
    mesh = local.transformed(rot, trans)
    skin = rng.choice([[0.62, 0.42, 0.30], [0.50, 0.33, 0.22], [0.72, 0.53, 0.40], [0.40, 0.26, 0.17]])
    return [
        Thing(
            "hand",
            mesh,
            {
                "type": "glossy2",
                "kd": " ".join(f"{c:.3f}" for c in skin),
                "ks": "0.03 0.03 0.03",
                "uroughness": "0.45",
                "vroughness": "0.45",
            },
        )
    ]


def _place_prop(
    rng: np.random.Generator, radius: float, camera: CameraPose, occupied: list[tuple[np.ndarray, float]]
) -> np.ndarray | None:
    """A free spot for an object of `radius` whose centre the camera sees."""
    target = np.asarray(camera.target)
    for _ in range(60):
        c = target[:2] + rng.uniform(-0.22, 0.22, 2)
        px = camera.project(np.array([[c[0], c[1], 0.0]]))[0]
        seen = (
            0.05 * camera.width < px[0] < 0.95 * camera.width
            and 0.05 * camera.height < px[1] < 0.95 * camera.height
        )
        if seen and all(np.linalg.norm(c - o) > r + radius + 0.01 for o, r in occupied):
            occupied.append((c, radius))
            return c
    return None


def _clutter(
    rng: np.random.Generator,
    n: int,
    base: float,
    camera: CameraPose,
    occupied: list[tuple[np.ndarray, float]],
    allow_ticket: bool,
) -> list[Thing]:
    kinds = ["pen", "phone", "cup", "coins", "wallet", "keys"] + (["ticket"] if allow_ticket else [])
    out: list[Thing] = []
    for k in rng.choice(kinds, size=n, replace=False):
        parts, radius = _prop(str(k), rng)
        c = _place_prop(rng, radius, camera, occupied)
        if c is None:
            continue
        r = rot_z(rng.uniform(0, 2 * np.pi))
        for j, (mesh, mat, tex) in enumerate(parts):
            out.append(Thing(f"{k}{j}", mesh.transformed(r, np.array([c[0], c[1], base])), mat, texture=tex))
    return out


def _negative(subject: str, rng: np.random.Generator, base: float, camera: CameraPose) -> list[Thing]:
    occupied: list[tuple[np.ndarray, float]] = []
    if subject == "empty":
        return []
    if subject == "hand":
        target = np.asarray(camera.target)
        mesh = hand(rng).transformed(
            rot_z(rng.uniform(0, 6.3)), np.array([target[0], target[1], base + rng.uniform(0.03, 0.1)])
        )
        skin = rng.choice([[0.62, 0.42, 0.30], [0.50, 0.33, 0.22], [0.72, 0.53, 0.40]])
        return [
            Thing(
                "hand",
                mesh,
                {
                    "type": "glossy2",
                    "kd": " ".join(f"{c:.3f}" for c in skin),
                    "ks": "0.03 0.03 0.03",
                    "uroughness": "0.45",
                    "vroughness": "0.45",
                },
            )
        ]
    picks = {
        "phone": ["phone"],
        "cup_pen": ["cup", "pen"],
        "wallet_coins": ["wallet", "coins"],
        "keys_phone": ["keys", "phone"],
    }[subject]
    out: list[Thing] = []
    for k in picks:
        parts, radius = _prop(k, rng)
        c = _place_prop(rng, radius, camera, occupied)
        if c is None:
            continue
        r = rot_z(rng.uniform(0, 2 * np.pi))
        for j, (mesh, mat, tex) in enumerate(parts):
            out.append(Thing(f"{k}{j}", mesh.transformed(r, np.array([c[0], c[1], base])), mat, texture=tex))
    return out
