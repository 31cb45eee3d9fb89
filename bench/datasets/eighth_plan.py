"""The eighth set's frame plans: a deterministic function of (seed, index, attempt) → a JSON-able scene.

Conditions come round in a fixed cycle and kinds by a smooth weighted round robin, so any
prefix of a run is balanced. Distances are metres, angles degrees; the tray top is z = 0 and
the camera looks down on it from 30–45 cm. The plan names what to print on the document
(``print``) and which photographs to use; bench/datasets/doc_eighth.py turns those into files
and eighth_blender.py builds and renders the scene.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

#: What a kiosk's document camera meets at a one-stop-shop counter.
CONDITIONS: tuple[str, ...] = (
    "ceiling_panels",  # the office's LED panels, the everyday case
    "panel_glare",  # a panel mirrored in the laminate or the glossy counter
    "window_side",  # daylight from a window beside the counter, long soft shadows
    "desk_lamp",  # a warm lamp close by, the rest of the room dim
    "ring_light",  # the kiosk's own ring light round the lens
    "dim_evening",  # lights half off at the end of the day: under-exposed, noisy
    "overexposed",  # auto-exposure fooled by a dark surround: paper washes out
    "curled_sheet",  # a sheet that was folded in a bag or rolled in a hand
    "tilted_camera",  # a camera on an arm looking in at an angle
    "cluttered_counter",  # pens, a phone, a cup of tea, coins, a queue ticket
    "hand_placing",  # the citizen's hand still on the document
    "held_up",  # held up towards the camera, moving, out of the focus plane
    "shadow_across",  # someone leaning over the counter shades part of it
    "on_other_papers",  # lying on other papers from the same file
)

KINDS: tuple[str, ...] = ("id_card", "licence", "passport", "receipt", "a4", "a5", "none")
#: Per 40 frames: cards 14 (35 % of all, 41 % of documents), passports 3, receipts 5, forms 12, negatives 6 (15 %).
KIND_WEIGHTS = {"id_card": 8, "licence": 6, "passport": 3, "receipt": 5, "a4": 7, "a5": 5, "none": 6}
SHEETS = ("receipt", "a4", "a5")
NEGATIVE_SUBJECTS = ("empty_tray", "clutter_only", "hand_only", "phone_on_tray", "keys_and_case")

#: Physical sizes (width × height as read upright), metres.
SIZES = {
    "id_card": (0.0856, 0.05398),
    "licence": (0.0856, 0.05398),
    "passport": (0.125, 0.088),
    "a4": (0.210, 0.297),
    "a5": (0.148, 0.210),
}
SENSOR_WIDTH_MM = 6.17  # a 1/2.3" sensor, common in document cameras

SURFACES: dict[str, dict[str, Any]] = {
    "wood_counter": {"photo": "wood", "roughness": 0.45, "colour": [1.0, 0.95, 0.9]},
    "stone_counter": {"photo": "stone", "roughness": 0.22, "colour": [1.0, 1.0, 1.0], "specular": 0.6},
    "cork_mat": {"photo": "cork", "roughness": 0.9, "colour": [1.0, 1.0, 1.0]},
    "fabric_mat": {"photo": "fabric", "roughness": 0.85, "colour": [0.9, 0.9, 0.9]},
    "brushed_steel_tray": {
        "roughness": 0.3,
        "metallic": 1.0,
        "anisotropic": 0.7,
        "colour": [0.62, 0.62, 0.64],
        "noise_bump": 400.0,
        "bump_strength": 0.03,
        "rim": True,
    },
    "black_plastic_tray": {
        "roughness": 0.45,
        "colour": [0.025, 0.025, 0.028],
        "noise_bump": 900.0,
        "bump_strength": 0.08,
        "rim": True,
    },
    "white_laminate": {"roughness": 0.3, "colour": [0.78, 0.78, 0.76], "specular": 0.5},
    "green_cutting_mat": {"roughness": 0.75, "colour": [0.06, 0.22, 0.12], "noise_bump": 600.0},
    "grey_felt": {"roughness": 0.95, "colour": [0.28, 0.29, 0.31], "noise_bump": 1500.0},
}


def kelvin(t: float) -> list[float]:
    """Linear RGB of a black body at t kelvin (Tanner Helland's fit), normalised to its brightest channel."""
    t = t / 100
    r = 255.0 if t <= 66 else 329.7 * (t - 60) ** -0.1332
    g = 99.47 * math.log(t) - 161.1 if t <= 66 else 288.1 * (t - 60) ** -0.0755
    b = 255.0 if t >= 66 else (0.0 if t <= 19 else 138.5 * math.log(t - 10) - 305.0)
    rgb = [min(max(c, 1.0), 255.0) / 255 for c in (r, g, b)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    m = max(lin)
    return [c / m for c in lin]


# ---------------------------------------------------------------- schedule


def schedule(seed: int, index: int) -> tuple[str, str, int]:
    """(condition, kind, negative number) of frame ``index``: balanced in every prefix.

    The kind sequence is a smooth weighted round robin (each step the kind furthest behind its
    share goes next); a curled sheet needs a sheet, so that condition takes the sheet kind (or
    negative) furthest behind instead.
    """
    offset = seed % len(CONDITIONS)
    total = sum(KIND_WEIGHTS.values())
    credit = {k: 0.0 for k in KINDS}
    # start the round robin from a seed-dependent phase so seeds differ
    for k in KINDS:
        credit[k] = ((seed * 7919 + KINDS.index(k) * 104729) % 1000) / 1000.0 * KIND_WEIGHTS[k] / total
    negatives = 0
    kind = "none"
    for i in range(index + 1):
        condition = CONDITIONS[(i + offset) % len(CONDITIONS)]
        for k in KINDS:
            credit[k] += KIND_WEIGHTS[k]
        allowed = SHEETS + ("none",) if condition == "curled_sheet" else KINDS
        kind = max(allowed, key=lambda k: (credit[k], -KINDS.index(k)))
        credit[kind] -= total
        if kind == "none" and i < index:
            negatives += 1
    return CONDITIONS[(index + offset) % len(CONDITIONS)], kind, negatives


# ---------------------------------------------------------------- geometry helpers


def euler_matrix(rot_deg: list[float]) -> np.ndarray:
    """Blender's XYZ Euler as a matrix (rotate about x, then y, then z)."""
    x, y, z = (math.radians(a) for a in rot_deg)
    rx = np.array([[1, 0, 0], [0, math.cos(x), -math.sin(x)], [0, math.sin(x), math.cos(x)]])
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rz = np.array([[math.cos(z), -math.sin(z), 0], [math.sin(z), math.cos(z), 0], [0, 0, 1]])
    return rz @ ry @ rx


def matrix_euler(m: np.ndarray) -> list[float]:
    """The XYZ Euler angles (degrees) of a rotation matrix."""
    y = math.asin(-max(-1.0, min(1.0, m[2, 0])))
    x = math.atan2(m[2, 1], m[2, 2])
    z = math.atan2(m[1, 0], m[0, 0])
    return [math.degrees(a) for a in (x, y, z)]


def _bbox_half(size: tuple[float, float], yaw: float) -> tuple[float, float]:
    w, h = size
    c, s = abs(math.cos(math.radians(yaw))), abs(math.sin(math.radians(yaw)))
    return (w * c + h * s) / 2, (w * s + h * c) / 2


def _yaw(rng: random.Random, kind: str) -> float:
    """How a document lands on a tray: mostly square to the counter, either way up, some askew."""
    base = rng.choices((0, 180, 90, 270), weights=(5, 2, 2, 1))[0]
    spread = 25 if kind in ("id_card", "licence") else 10
    if rng.random() < 0.15:
        spread = 45
    return base + rng.uniform(-spread, spread)


# ---------------------------------------------------------------- the plan


def frame_plan(
    seed: int, index: int, attempt: int = 0, width: int = 1280, height: int = 960
) -> dict[str, Any]:
    condition, kind, negatives = schedule(seed, index)
    rng = random.Random(f"eighth/{seed}/{index}/{attempt}")
    plan: dict[str, Any] = {
        "index": index,
        "condition": condition,
        "kind": kind,
        "width": width,
        "height": height,
        "samples": 8,
        "denoise": False,
        "seed": rng.randint(0, 2**20),
        "exposure": rng.uniform(-0.3, 0.3),
        "look": "None",
        "world": {"colour": [0.8, 0.8, 0.78], "strength": rng.uniform(0.15, 0.35)},
        "clutter": [],
        "hand": None,
        "document": None,
        "occluder": None,
    }
    # the camera: fixed over the tray, its field sized so an A4 page fits (kiosks are set up so)
    h = rng.uniform(0.30, 0.45)
    field_w = rng.uniform(0.44, 0.56)
    focal = SENSOR_WIDTH_MM * h / field_w
    tilt = rng.uniform(0.5, 6.0)
    if condition == "tilted_camera":
        tilt = rng.uniform(15.0, 32.0)
    azimuth = (
        rng.uniform(0, 360)
        if condition == "tilted_camera"
        else rng.choice((-90.0, 90.0)) + rng.uniform(-20, 20)
    )
    target = [rng.uniform(-0.02, 0.02), rng.uniform(-0.02, 0.02), 0.0]
    dist = h / math.cos(math.radians(tilt))
    loc = [
        target[0] + dist * math.sin(math.radians(tilt)) * math.cos(math.radians(azimuth)),
        target[1] + dist * math.sin(math.radians(tilt)) * math.sin(math.radians(azimuth)),
        h,
    ]
    plan["camera"] = {
        "location": loc,
        "target": target,
        "roll_deg": rng.uniform(-4, 4),
        "focal_mm": focal,
        "sensor_width_mm": SENSOR_WIDTH_MM,
        "shift": [0.0, 0.0],
        "focus_m": dist * rng.uniform(0.97, 1.03),
        "fstop": rng.uniform(2.4, 4.0),
    }
    plan["surface"] = _surface(rng, condition)
    plan["lights"], plan["exposure"], plan["world"] = _lighting(rng, condition, plan, loc, target)
    footprint = (field_w / 2 * 0.9, field_w * height / width / 2 * 0.9)

    if kind != "none":
        plan["document"] = _document(rng, kind, condition, footprint, target, h, field_w)
    else:
        subject = NEGATIVE_SUBJECTS[negatives % len(NEGATIVE_SUBJECTS)]
        plan["negative_subject"] = subject
        if subject == "hand_only" or condition in ("hand_placing", "held_up"):
            plan["hand"] = _free_hand(rng, target, footprint, condition)
        if subject == "phone_on_tray":
            plan["clutter"].append(_clutter_item(rng, "phone", target, footprint))
        if subject == "keys_and_case":
            plan["clutter"] += [
                _clutter_item(rng, "keys", target, footprint),
                _clutter_item(rng, "glasses_case", target, footprint),
            ]
        if subject == "clutter_only":
            for t in rng.sample(("pen", "cup", "coin", "coin", "ticket", "phone", "keys"), 4):
                plan["clutter"].append(_clutter_item(rng, t, target, footprint))

    if kind != "none" and condition == "panel_glare":
        # aim the mirrored panel at the document itself, where a kiosk meets it
        plan["lights"][0] = glare_panel(rng, loc, plan["document"]["location"])
    if kind != "none" and condition == "hand_placing":
        plan["hand"] = _hand_on(rng, plan["document"])
    if kind != "none" and condition == "held_up":
        plan["hand"] = _hand_holding(rng, plan["document"])
    if condition == "cluttered_counter":
        for t in rng.sample(
            ("pen", "pen", "cup", "coin", "coin", "ticket", "phone", "keys", "glasses_case"),
            rng.randint(4, 6),
        ):
            plan["clutter"].append(_clutter_item(rng, t, target, footprint, plan["document"]))
    elif kind != "none" and rng.random() < 0.35:
        plan["clutter"].append(
            _clutter_item(rng, rng.choice(("pen", "coin", "ticket")), target, footprint, plan["document"])
        )
    if condition == "on_other_papers" and plan["document"] is not None:
        plan["clutter"] += _papers_below(rng, plan["document"])
    if condition == "shadow_across":
        # between the panel above and the tray (above the camera, so out of its view), off to one
        # side: its shadow's edge crosses the field (placed 30-45 cm aside it cast nowhere in view)
        a = rng.uniform(0, 2 * math.pi)
        off = rng.uniform(0.12, 0.22)
        plan["occluder"] = {
            "size": [0.5, 0.35, 0.25],
            "location": [
                target[0] + off * math.cos(a),
                target[1] + off * math.sin(a),
                rng.uniform(0.58, 0.68),
            ],
            "rotation": [rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(0, 180)],
        }
    return plan


def _surface(rng: random.Random, condition: str) -> dict[str, Any]:
    names = list(SURFACES)
    if condition == "overexposed":
        # a dark surround is what fools auto-exposure into washing the paper out
        names = ["black_plastic_tray", "grey_felt", "green_cutting_mat", "stone_counter"]
    if condition == "panel_glare":
        names = [
            "stone_counter",
            "white_laminate",
            "black_plastic_tray",
            "brushed_steel_tray",
            "wood_counter",
        ]
    name = rng.choice(names)
    spec = dict(SURFACES[name])
    spec["name"] = name
    spec["colour"] = [c * rng.uniform(0.85, 1.1) for c in spec["colour"]]
    spec["tile"] = rng.uniform(8, 14)  # a 4 × 4 block of the photograph spans 14–25 cm of a 2 m plane
    spec["tile_rotation"] = rng.uniform(0, math.pi)
    if spec.pop("rim", False):
        spec["rim"] = {
            "colour": [c * 0.8 for c in spec["colour"]],
            "roughness": spec["roughness"],
            "half_w": rng.uniform(0.26, 0.32),
            "half_h": rng.uniform(0.2, 0.26),
        }
    return spec


def _area(
    location: list[float],
    target: list[float],
    size: tuple[float, float],
    energy: float,
    colour: list[float],
    shape: str = "RECTANGLE",
) -> dict[str, Any]:
    return {
        "location": location,
        "target": target,
        "size": list(size),
        "energy": energy,
        "colour": colour,
        "shape": shape,
    }


def _lighting(
    rng: random.Random, condition: str, plan: dict, cam: list[float], target: list[float]
) -> tuple[list[dict], float, dict]:
    lights: list[dict] = []
    exposure = rng.uniform(-0.3, 0.3)
    world = {"colour": [0.8, 0.8, 0.78], "strength": rng.uniform(0.1, 0.3)}

    def panel(x: float, y: float, z: float, energy: float) -> dict:
        return _area(
            [x, y, z],
            [x + rng.uniform(-0.05, 0.05), y + rng.uniform(-0.05, 0.05), 0.0],
            (0.6, 0.6),
            energy,
            kelvin(rng.uniform(4000, 6500)),
        )

    if condition in (
        "ceiling_panels",
        "curled_sheet",
        "cluttered_counter",
        "hand_placing",
        "held_up",
        "tilted_camera",
        "on_other_papers",
        "shadow_across",
        "overexposed",
    ):
        for _ in range(rng.randint(1, 3)):
            lights.append(
                panel(
                    rng.uniform(-1.2, 1.2), rng.uniform(-1.2, 1.2), rng.uniform(1.6, 2.2), rng.uniform(25, 50)
                )
            )
    if condition == "overexposed":
        exposure = rng.uniform(1.0, 1.8)
    if condition == "shadow_across":
        # one strong panel straight above, the light the person leaning in blocks; the room's
        # other panels still fill the shadow
        lights.append(
            panel(
                target[0] + rng.uniform(-0.1, 0.1),
                target[1] + rng.uniform(-0.1, 0.1),
                1.8,
                rng.uniform(100, 150),
            )
        )
    if condition == "panel_glare":
        lights.append(glare_panel(rng, cam, target))
        lights.append(panel(rng.uniform(-1, 1), rng.uniform(-1, 1), 2.0, rng.uniform(15, 30)))
    if condition == "window_side":
        ang = rng.uniform(0, 2 * math.pi)
        wx, wy = math.cos(ang) * rng.uniform(1.0, 1.8), math.sin(ang) * rng.uniform(1.0, 1.8)
        lights.append(
            _area(
                [wx, wy, rng.uniform(0.5, 1.0)],
                target,
                (1.4, 1.1),
                rng.uniform(120, 300),
                kelvin(rng.uniform(6000, 8000)),
            )
        )
        lights.append(panel(-wx * 0.5, -wy * 0.5, 2.0, rng.uniform(6, 15)))
        world = {"colour": [0.75, 0.82, 0.95], "strength": rng.uniform(0.2, 0.4)}
    if condition == "desk_lamp":
        ang = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0.25, 0.4)
        lx, ly = target[0] + math.cos(ang) * d, target[1] + math.sin(ang) * d
        lights.append(
            _area(
                [lx, ly, rng.uniform(0.35, 0.5)],
                [target[0] + rng.uniform(-0.05, 0.05), target[1], 0.0],
                (0.08, 0.08),
                rng.uniform(1.5, 3.0),
                kelvin(rng.uniform(2700, 3200)),
                "DISK",
            )
        )
        lights.append(panel(rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5), 2.2, rng.uniform(2, 6)))
        world = {"colour": [0.6, 0.6, 0.65], "strength": rng.uniform(0.03, 0.08)}
    if condition == "ring_light":
        radius = rng.uniform(0.07, 0.12)
        n = 10
        energy = rng.uniform(0.25, 0.5)
        for k in range(n):
            a = 2 * math.pi * k / n
            lights.append(
                _area(
                    [cam[0] + radius * math.cos(a), cam[1] + radius * math.sin(a), cam[2] + 0.01],
                    [cam[0] + radius * math.cos(a) * 0.5, cam[1] + radius * math.sin(a) * 0.5, 0.0],
                    (0.03, 0.015),
                    energy,
                    kelvin(5600),
                )
            )
        lights.append(panel(rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5), 2.2, rng.uniform(5, 15)))
    if condition == "dim_evening":
        lights.append(panel(rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5), 2.2, rng.uniform(5, 10)))
        world = {"colour": [0.5, 0.55, 0.7], "strength": rng.uniform(0.02, 0.06)}
        exposure = rng.uniform(-1.0, 0.0)
    return lights, exposure, world


def glare_panel(rng: random.Random, cam: list[float], spot: list[float]) -> dict[str, Any]:
    """A ceiling panel placed where a flat surface at ``spot`` mirrors it into the lens."""
    mirror = [spot[0] + rng.uniform(-0.04, 0.04), spot[1] + rng.uniform(-0.03, 0.03)]
    hl = rng.uniform(1.5, 2.2)
    k = (cam[2] + hl) / cam[2]
    lx, ly = cam[0] + (mirror[0] - cam[0]) * k, cam[1] + (mirror[1] - cam[1]) * k
    return _area(
        [lx, ly, hl], [lx, ly, 0.0], (0.6, 0.6), rng.uniform(35, 60), kelvin(rng.uniform(4500, 6500))
    )


def _print_spec(rng: random.Random, kind: str) -> dict[str, Any]:
    person = rng.randint(0, 2**31)
    if kind == "id_card":
        return {"what": rng.choice(("cccd_front", "cccd_front", "cccd_back")), "seed": person}
    if kind == "licence":
        return {"what": rng.choice(("licence_front", "licence_front", "licence_back")), "seed": person}
    if kind == "passport":
        return {"what": "passport_data_page", "seed": person}
    if kind == "receipt":
        return {
            "what": "receipt",
            "seed": person,
            "width_mm": rng.choice((58.0, 80.0)),
            "length_mm": rng.uniform(110, 220),
        }
    return {"what": "form", "seed": person, "size_mm": [SIZES[kind][0] * 1000, SIZES[kind][1] * 1000]}


def _document(
    rng: random.Random,
    kind: str,
    condition: str,
    footprint: tuple[float, float],
    target: list[float],
    cam_h: float,
    field_w: float,
) -> dict[str, Any]:
    size = SIZES.get(kind)
    printed = _print_spec(rng, kind)
    if kind == "receipt":
        size = (printed["width_mm"] / 1000, printed["length_mm"] / 1000)
    assert size is not None
    yaw = _yaw(rng, kind)
    bx, by = _bbox_half(size if kind != "passport" else (size[0], 2 * size[1]), yaw)
    ox = max(0.0, footprint[0] - bx) * 0.9
    oy = max(0.0, footprint[1] - by) * 0.9
    centre = [target[0] + rng.uniform(-ox, ox), target[1] + rng.uniform(-oy, oy)]
    doc: dict[str, Any] = {
        "kind": kind,
        "size": list(size),
        "print": printed,
        "material": {"roughness": rng.uniform(0.6, 0.85)},
    }
    z = 0.0003
    rot = [0.0, 0.0, yaw]
    if kind in ("id_card", "licence"):
        doc.update(thickness=0.00076, corner_radius=0.00318)
        doc["material"] = {"clearcoat": rng.uniform(0.6, 1.0), "clearcoat_roughness": rng.uniform(0.02, 0.12)}
    elif kind == "passport":
        # the data page sits below the spine; the booklet's centre is the spine
        off = np.array([0.0, size[1] / 2 + 0.002, 0.0])
        centre_xy = np.array([centre[0], centre[1], 0.0]) - euler_matrix(rot) @ off
        centre = [float(centre_xy[0]), float(centre_xy[1])]
        doc.update(
            grid=[12, 16],
            spine_lift=rng.uniform(0.003, 0.012),
            spine_gap=0.004,
            block_thickness=rng.uniform(0.002, 0.004),
        )
        doc["cover_colour"] = rng.choice(([0.02, 0.05, 0.15], [0.02, 0.12, 0.06]))
        doc["facing_print"] = {"what": "passport_facing_page", "seed": printed["seed"] + 1}
        doc["material"] = {"roughness": 0.6}
        z = doc["block_thickness"] + 0.0015
    else:
        doc["grid"] = [24, 32] if kind != "receipt" else [8, 40]
        doc["thickness"] = 0.0001
        doc["shape"] = _paper_shape(rng, kind, condition)
    if condition == "held_up":
        # lifted towards the lens, tilted in the hand; far enough away that all of it stays in view
        need = max(size) * 1.25 / (field_w * 0.75 / cam_h)
        z_max = max(0.03, min(0.2, cam_h - need))
        z = rng.uniform(0.03, z_max)
        # tilted no further than keeps its low edge (and the fingers under it) above the tray:
        # tilted freely, a page held 2 cm up went through the counter (eighth-3)
        half_diag = math.hypot(size[0], size[1]) / 2
        limit = math.degrees(math.asin(min(1.0, max(0.0, z - 0.028) / half_diag)))
        limit = min(20.0, limit / math.sqrt(2))
        rot = [rng.uniform(-limit, limit), rng.uniform(-limit, limit), yaw]
    elif condition == "on_other_papers":
        z += 0.0008
    doc["location"] = [centre[0], centre[1], z]
    doc["rotation"] = rot
    return doc


def _paper_shape(rng: random.Random, kind: str, condition: str) -> dict[str, Any]:
    strong = condition == "curled_sheet"
    shape: dict[str, Any] = {}
    if kind == "receipt":
        shape["roll"] = rng.uniform(0.1, 0.4) * (2.5 if strong else 1.0)
        return shape
    if strong or rng.random() < 0.4:
        shape["curl"] = {
            "edge": rng.choice(("left", "right", "top", "bottom")),
            "start": rng.uniform(0.6, 0.85),
            "amount": rng.uniform(0.05, 0.25) * (3 if strong else 1),
        }
    if strong and rng.random() < 0.6 or rng.random() < 0.2:
        thirds = rng.random() < 0.5
        shape["fold"] = {
            "axis": "h",
            "at": rng.choice((1 / 3, 2 / 3)) if thirds else 0.5,
            "height": rng.uniform(0.002, 0.012) * (2 if strong else 1),
            "width": rng.uniform(0.08, 0.2),
        }
    if rng.random() < 0.5:
        shape["wave"] = {
            "amount": rng.uniform(0.0005, 0.002),
            "fx": rng.uniform(0.5, 2),
            "fy": rng.uniform(0.5, 2),
            "phase": rng.uniform(0, math.pi),
        }
    return shape


def _skin(rng: random.Random) -> list[float]:
    # linear albedos (what the renderer takes), from light to dark
    return rng.choice(([0.5, 0.3, 0.2], [0.42, 0.25, 0.16], [0.33, 0.19, 0.12], [0.25, 0.14, 0.09]))


def _hand_common(rng: random.Random) -> dict[str, Any]:
    return {
        "scale": rng.uniform(0.9, 1.1),
        "tone": _skin(rng),
        "side": rng.choice((-1, 1)),
        "finger_curl": [rng.uniform(5, 20) for _ in range(4)],
        "thumb_dip": rng.uniform(-10, 10),
        "thumb_bend": rng.uniform(0, 20),
        "shutter": rng.uniform(0.3, 0.6),
    }


def _hand_on(rng: random.Random, doc: dict) -> dict[str, Any]:
    """A hand lying on the tray with its fingertips on the document's edge, still sliding it in."""
    hand = _hand_common(rng)
    yaw = doc["rotation"][2]
    side = rng.choice(("bottom", "left", "right"))
    w, h = doc["size"]
    local_dir = {"bottom": (0.0, -1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}[side]
    reach = (h / 2 if side == "bottom" else w / 2) + 0.12 * hand["scale"] - rng.uniform(0.01, 0.04)
    r = euler_matrix([0, 0, yaw])
    d = r @ np.array([local_dir[0], local_dir[1], 0.0])
    loc = np.array(doc["location"]) + d * reach
    hand["location"] = [float(loc[0]), float(loc[1]), 0.016 * hand["scale"]]
    hand["rotation"] = [rng.uniform(-3, 3), rng.uniform(-8, 8), math.degrees(math.atan2(-d[1], -d[0])) - 90]
    hand["motion"] = [rng.uniform(-0.004, 0.004), rng.uniform(-0.004, 0.004), 0.0]
    hand["holds"] = False
    return hand


def _hand_holding(rng: random.Random, doc: dict) -> dict[str, Any]:
    """A hand gripping the document's edge: fingers under it, thumb over the print; they move together."""
    hand = _hand_common(rng)
    w, h = doc["size"]
    edge = rng.choice(("bottom", "left", "right"))
    # in the document's own frame: outside the edge, fingers pointing in, a little below the page
    local = {
        "bottom": ([0.0, -h / 2 - 0.05, -0.014], 0.0),
        "left": ([-w / 2 - 0.05, 0.0, -0.014], -90.0),
        "right": ([w / 2 + 0.05, 0.0, -0.014], 90.0),
    }[edge]
    hand["attach"] = {
        "location": [local[0][0] + rng.uniform(-0.02, 0.02) * (edge == "bottom"), local[0][1], local[0][2]],
        "rotation": [0.0, 0.0, local[1]],
    }
    hand["thumb_dip"] = rng.uniform(25, 40)
    hand["thumb_bend"] = rng.uniform(-20, -5)
    hand["location"] = doc["location"]
    hand["rotation"] = doc["rotation"]
    hand["motion"] = [rng.uniform(-0.008, 0.008), rng.uniform(-0.008, 0.008), rng.uniform(-0.003, 0.003)]
    hand["holds"] = True
    doc["location"] = doc["location"]
    return hand


def _free_hand(
    rng: random.Random, target: list[float], footprint: tuple[float, float], condition: str
) -> dict[str, Any]:
    hand = _hand_common(rng)
    hand["location"] = [
        target[0] + rng.uniform(-footprint[0], footprint[0]) * 0.5,
        target[1] + rng.uniform(-footprint[1], footprint[1]) * 0.5,
        0.016 if condition != "held_up" else rng.uniform(0.05, 0.15),
    ]
    hand["rotation"] = [rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(0, 360)]
    hand["motion"] = [rng.uniform(-0.008, 0.008), rng.uniform(-0.008, 0.008), 0.0]
    hand["holds"] = False
    return hand


def _clutter_item(
    rng: random.Random,
    kind: str,
    target: list[float],
    footprint: tuple[float, float],
    doc: dict | None = None,
) -> dict[str, Any]:
    """Something left on the counter, put where it does not sit on the document (a pen may lie across it)."""
    for _ in range(30):
        x = target[0] + rng.uniform(-1.15, 1.15) * footprint[0]
        y = target[1] + rng.uniform(-1.15, 1.15) * footprint[1]
        if doc is None or kind == "pen" and rng.random() < 0.3:
            break
        half = max(doc["size"]) / 2 + 0.05 + (0.09 if doc["kind"] == "passport" else 0.0)
        if math.hypot(x - doc["location"][0], y - doc["location"][1]) > half + 0.04:
            break
    item: dict[str, Any] = {"type": kind, "location": [x, y, 0.0045], "angle": rng.uniform(0, 360)}
    if kind == "pen":
        item["colour"] = rng.choice(
            ([0.05, 0.1, 0.5], [0.9, 0.9, 0.9], [0.05, 0.05, 0.05], [0.7, 0.05, 0.05])
        )
        item["cap_colour"] = rng.choice(([0.05, 0.1, 0.5], [0.02, 0.02, 0.02]))
        if doc is not None:
            item["location"][2] = 0.0045 + doc["location"][2] + 0.0008
    elif kind == "phone":
        item["colour"] = rng.choice(([0.02, 0.02, 0.02], [0.6, 0.6, 0.62], [0.5, 0.4, 0.3]))
        item["screen_on"] = rng.choice((0.0, 0.6, 1.2))
        item["picture"] = rng.randint(0, 99)
    elif kind == "cup":
        item["colour"] = rng.choice(([0.9, 0.9, 0.88], [0.5, 0.1, 0.1], [0.1, 0.3, 0.5]))
    elif kind == "coin":
        item["radius"] = rng.uniform(0.009, 0.0125)
        item["colour"] = rng.choice(([0.85, 0.65, 0.35], [0.75, 0.75, 0.78]))
    elif kind == "ticket":
        item["size"] = [rng.uniform(0.05, 0.07), rng.uniform(0.06, 0.09)]
        item["ticket"] = rng.randint(1, 999)
        item["location"][2] = 0.0002
    elif kind == "glasses_case":
        item["colour"] = rng.choice(([0.1, 0.1, 0.1], [0.4, 0.2, 0.1], [0.2, 0.3, 0.5]))
    return item


def _papers_below(rng: random.Random, doc: dict) -> list[dict[str, Any]]:
    """Other pages of the same file under the document, pushed aside so the pile runs out of view."""
    out = []
    for k in range(rng.randint(1, 2)):
        a = rng.uniform(0, 2 * math.pi)
        push = rng.uniform(0.14, 0.22)
        out.append(
            {
                "type": "flyer",
                "size": list(rng.choice((SIZES["a4"], SIZES["a5"]))),
                "location": [
                    doc["location"][0] + push * math.cos(a),
                    doc["location"][1] + push * math.sin(a),
                    0.0002 + 0.0003 * k,
                ],
                "angle": rng.uniform(-25, 25) + rng.choice((0, 90)),
                "print": {"what": "form", "seed": rng.randint(0, 2**31), "size_mm": [210.0, 297.0]},
            }
        )
    return out


def sentinel_plan(
    kind: str, width: int, height: int, *, tilt: float = 20.0, yaw: float = 30.0
) -> dict[str, Any]:
    """A truth check: a flat high-contrast page on a black tray, evenly lit, seen at an angle.

    The page's visible outline must match the projected truth; its print (white with a black
    square at its top-left, see doc_eighth.sentinel_print) tells which corner is TL.
    """
    size = SIZES[kind]
    h = 0.2 if kind in ("id_card", "licence") else 0.42
    dist = h / math.cos(math.radians(tilt))
    loc = [dist * math.sin(math.radians(tilt)), 0.0, h]
    doc: dict[str, Any] = {
        "kind": kind,
        "size": list(size),
        "print": {"what": "sentinel", "seed": 0},
        "location": [0.0, 0.0, 0.0003],
        "rotation": [0.0, 0.0, yaw],
        "material": {"roughness": 0.9, "specular": 0.0},
    }
    if kind in ("id_card", "licence"):
        doc.update(thickness=0.00076, corner_radius=0.00318)
    else:
        doc.update(grid=[8, 8], thickness=0.0001, shape={})
    return {
        "index": -1,
        "condition": "sentinel",
        "kind": kind,
        "width": width,
        "height": height,
        "samples": 4,
        "denoise": False,
        "seed": 1,
        "exposure": 0.0,
        "look": "None",
        "world": {"colour": [1.0, 1.0, 1.0], "strength": 0.8},
        "camera": {
            "location": loc,
            "target": [0.0, 0.0, 0.0],
            "roll_deg": 7.0,
            "focal_mm": SENSOR_WIDTH_MM * h / (0.3 if h > 0.3 else 0.14),
            "sensor_width_mm": SENSOR_WIDTH_MM,
            "shift": [0.0, 0.0],
            "focus_m": dist,
            "fstop": 16.0,
        },
        "surface": {"name": "black", "roughness": 1.0, "colour": [0.005, 0.005, 0.005], "specular": 0.0},
        "lights": [],
        "clutter": [],
        "hand": None,
        "occluder": None,
        "document": doc,
    }
