"""The ninth set's staging: where the camera hangs, which lights burn, where the document lies,
and what the camera does afterwards, for each condition of the plan.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bench.datasets import ninth_geometry as g
from bench.datasets import ninth_scene as sc
from bench.datasets.ninth_plan import FramePlan
from bench.datasets.ninth_projection import project

#: Frames are 16:9; a frame's corners must be this far (fraction of the short side) inside.
MARGIN = 0.03


def kelvin(t: float) -> tuple[float, float, float]:
    """An approximate white for a colour temperature (normalised so the brightest channel is 1)."""
    t = t / 100.0
    r = 1.0 if t <= 66 else min(1.0, 1.292936 * (t - 60) ** -0.1332047)
    gr = 0.3900816 * np.log(t) - 0.6318414 if t <= 66 else 1.1298909 * (t - 60) ** -0.0755148
    b = 1.0 if t >= 66 else (0.0 if t <= 19 else 0.5432068 * np.log(t - 10) - 1.1962541)
    c = np.clip([r, gr, b], 0.05, 1.0)
    return sc.rgb(c / c.max())


def camera(plan: FramePlan, rng: np.random.Generator) -> sc.CameraSpec:
    height = float(rng.uniform(300, 450))
    visible = float(rng.uniform(300, 380))  # mm of tray seen top to bottom
    view = float(np.degrees(2 * np.arctan(visible / 2 / height)))
    tilt = np.radians(rng.uniform(15, 30) if plan.condition == "tilted_camera" else rng.uniform(0, 6))
    azimuth = float(rng.uniform(-0.5, 0.5)) + (np.pi if rng.random() < 0.15 else 0.0)
    focal = np.array([rng.uniform(-20, 20), rng.uniform(-20, 20), 0.0])
    # The camera leans back along -y (towards the citizen) by the tilt, still aimed at the tray.
    offset = (
        np.array([np.sin(tilt) * np.sin(azimuth), -np.sin(tilt) * np.cos(azimuth), np.cos(tilt)]) * height
    )
    up = np.array([-np.sin(azimuth), np.cos(azimuth), 0.0])
    return sc.CameraSpec(tuple(focal + offset), tuple(focal), tuple(up), view)


def lights(
    plan: FramePlan, rng: np.random.Generator, cam: sc.CameraSpec
) -> tuple[list[sc.Light], list[sc.Part]]:
    """The condition's lights and the things outside the frame that cast shadows into it."""
    cond = plan.condition
    out: list[sc.Light] = []
    occluders: list[sc.Part] = []
    white = kelvin(float(rng.uniform(3800, 6500)))
    dim = 0.35 if cond == "dim_evening" else 1.0
    # Ceiling panels: always there, but the main light only where nothing else is.
    n = int(rng.integers(1, 4))
    for k in range(n):
        pos = (float(rng.uniform(-900, 900)), float(rng.uniform(-700, 900)), float(rng.uniform(1700, 2400)))
        # A shadow map needs a cone under 90 degrees: the panels are spots aimed at the tray.
        out.append(
            sc.Light(
                "spot",
                pos,
                colour=white,
                intensity=dim * float(rng.uniform(0.5, 0.9)) / n**0.5,
                cone=55.0,
                shadows=k == 0
                and cond in ("tray_ceiling", "clutter", "person_shadow", "hand_held", "hand_on_document"),
            )
        )
    if cond == "window_sun":
        elev, az = np.radians(rng.uniform(25, 50)), float(rng.uniform(0, 2 * np.pi))
        direction = np.array([np.cos(elev) * np.cos(az), np.cos(elev) * np.sin(az), np.sin(elev)])
        out.append(
            sc.Light(
                "directional",
                tuple(direction * 1000),
                colour=kelvin(float(rng.uniform(4500, 5800))),
                intensity=float(rng.uniform(1.6, 2.6)),
                shadows=True,
            )
        )
        # The window's frame and mullions, far along the sun's direction, above the camera.
        dist = (cam.position[2] + 150) / direction[2]
        centre = direction * dist
        side = np.cross(direction, [0, 0, 1.0])
        side /= np.linalg.norm(side)
        upv = np.cross(side, direction)
        spacing = float(rng.uniform(90, 180))
        for k in range(-4, 5):
            a = centre + side * k * spacing
            bar = g.box(-8, -8, -400, 8, 8, 400)
            m = np.eye(4)
            m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = side, direction, upv, a
            occluders.append(sc.Part(bar.transformed(m), colour=(0.3, 0.3, 0.3)))
        cross = g.box(-600, -8, -10, 600, 8, 10)
        for k in (-1, 1):
            m = np.eye(4)
            m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = (
                side,
                direction,
                upv,
                centre + upv * k * float(rng.uniform(60, 200)),
            )
            occluders.append(sc.Part(cross.transformed(m), colour=(0.3, 0.3, 0.3)))
    elif cond == "desk_lamp":
        ang = float(rng.uniform(0, 2 * np.pi))
        pos = (
            float(np.cos(ang) * rng.uniform(250, 400)),
            float(np.sin(ang) * rng.uniform(250, 400)),
            float(rng.uniform(280, 420)),
        )
        aim = (float(rng.uniform(-80, 80)), float(rng.uniform(-60, 60)), 0.0)
        out.append(
            sc.Light(
                "spot",
                pos,
                aim,
                kelvin(float(rng.uniform(2700, 3300))),
                float(rng.uniform(2.0, 3.5)),
                float(rng.uniform(30, 45)),
                True,
            )
        )
        for light in out[:-1]:
            light.intensity *= 0.3
    elif cond == "ring_light_glare":
        cp = np.array(cam.position)
        radius = float(rng.uniform(60, 110))
        for k in range(10):
            a = 2 * np.pi * k / 10
            pos = cp + np.array([np.cos(a) * radius, np.sin(a) * radius, 15.0])
            out.append(
                sc.Light(
                    "positional", tuple(pos), cam.focal, kelvin(5600), float(rng.uniform(0.09, 0.16)), 80.0
                )
            )
    elif cond == "person_shadow":
        # The citizen's head and shoulders between the main ceiling light and the tray.
        main = out[0]
        main.intensity = max(main.intensity, 0.8)
        main.position = (
            float(rng.uniform(-200, 200)),
            float(rng.uniform(-1400, -900)),
            float(rng.uniform(1500, 1900)),
        )
        target = np.array([rng.uniform(-120, 120), rng.uniform(-140, 20), 0.0])
        lp = np.array(main.position)
        t = float(rng.uniform(0.6, 0.72))
        head = target + (lp - target) * t
        body = g.merge(
            [
                g._sphere(head, 1.0, 20).transformed(
                    g.translate(*head) @ g.scale(80, 95, 110) @ g.translate(*-head)
                ),
                g._sphere(head - [0, 120, 260], 1.0, 20).transformed(
                    g.translate(*(head - [0, 120, 260]))
                    @ g.scale(230, 120, 200)
                    @ g.translate(*-(head - [0, 120, 260]))
                ),
            ]
        )
        occluders.append(sc.Part(body, colour=(0.2, 0.2, 0.25)))
    return out, occluders


def look(plan: FramePlan, rng: np.random.Generator) -> sc.Look:
    cond = plan.condition
    lk = sc.Look(
        exposure=float(rng.uniform(0.85, 1.15)),
        noise=float(rng.uniform(0.0008, 0.0025)),
        gain=float(rng.uniform(1, 2)),
        focus_offset=float(rng.uniform(-10, 10)),
        aperture=float(rng.uniform(0.5, 1.5)),
        sharpen=float(rng.uniform(0.2, 1.0)),
        jpeg_quality=int(rng.integers(70, 93)),
        white_balance=(float(rng.uniform(0.92, 1.08)), 1.0, float(rng.uniform(0.92, 1.08))),
        vignette=float(rng.uniform(0.1, 0.4)),
    )
    if cond == "dim_evening":
        lk.exposure, lk.gain, lk.noise = (
            float(rng.uniform(0.35, 0.6)),
            float(rng.uniform(4, 8)),
            float(rng.uniform(0.0015, 0.004)),
        )
    elif cond == "overexposed":
        lk.exposure = float(rng.uniform(1.9, 3.2))
    elif cond == "hand_held":
        lk.motion_px, lk.motion_angle = float(rng.uniform(2, 14)), float(rng.uniform(0, 180))
        lk.focus_offset = float(rng.uniform(-20, 40))
    elif cond == "hand_on_document":
        lk.motion_px, lk.motion_angle = float(rng.uniform(0, 6)), float(rng.uniform(0, 180))
    elif cond == "low_bitrate_stream":
        lk.stream_scale, lk.jpeg_quality = float(rng.choice([0.5, 0.667])), int(rng.integers(12, 30))
        lk.motion_px = float(rng.uniform(0, 3))
    elif cond == "desk_lamp":
        lk.white_balance = (float(rng.uniform(0.85, 1.0)), 1.0, float(rng.uniform(1.0, 1.25)))
    return lk


def _in_view(points: np.ndarray, cam: sc.CameraSpec) -> bool:
    px = project(cam, points)
    margin = MARGIN * 1080
    return bool(
        np.all(px[:, 0] > margin)
        and np.all(px[:, 0] < 1920 - margin)
        and np.all(px[:, 1] > margin)
        and np.all(px[:, 1] < 1080 - margin)
    )


def place(
    plan: FramePlan,
    rng: np.random.Generator,
    cam: sc.CameraSpec,
    footprint: tuple[float, float],
    corners: np.ndarray,
) -> np.ndarray:
    """A pose (4 x 4) for the document that keeps its corners (and its footprint) in view."""
    w, h = footprint
    held = plan.condition == "hand_held"
    for attempt in range(60):
        r = rng.random()
        if r < 0.6:
            theta = float(rng.normal(0, 0.12))
        elif r < 0.85:
            theta = float(rng.uniform(-np.pi, np.pi))
        else:
            theta = float(rng.choice([np.pi / 2, np.pi, -np.pi / 2]) + rng.normal(0, 0.08))
        if plan.kind in ("a4", "a5") and attempt > 30:
            theta = float(rng.choice([0.0, np.pi])) + float(rng.normal(0, 0.03))
        centre = rng.uniform([-90, -60], [90, 60]) * (1 - attempt / 60)
        pose = g.translate(centre[0], centre[1], 0) @ g.rot_z(theta) @ g.translate(-w / 2, -h / 2, 0)
        if held:
            lift = float(rng.uniform(50, 150))
            tilt = g.rot_x(float(rng.uniform(-0.35, 0.35))) @ g.rot_y(float(rng.uniform(-0.35, 0.35)))
            pose = (
                g.translate(centre[0], centre[1], lift)
                @ tilt
                @ g.rot_z(theta)
                @ g.translate(-w / 2, -h / 2, 0)
            )
        box = np.array([[0, 0, 0], [w, 0, 0], [w, h, 0], [0, h, 0]], float)
        world = np.c_[np.vstack([corners, box]), np.ones(8)] @ pose.T
        if _in_view(world[:, :3], cam):
            return pose
    raise ValueError("no pose keeps the document in view")


def build(plan: FramePlan) -> sc.Scene:
    rng = plan.rng()
    cam = camera(plan, rng)
    parts = sc.surroundings(plan, rng)
    light_list, occluders = lights(plan, rng, cam)
    parts += occluders
    corners_world = None
    notes = {"condition": plan.condition}
    if plan.kind == "none":
        subject = sc.pick_negative(plan)
        notes["subject"] = subject
        parts += sc.negative_subject(rng, subject)
        if plan.condition == "clutter" and subject not in ("cup_and_coins", "pens_and_ticket"):
            parts += sc.clutter(rng, 3, None, (380, 280))
    else:
        doc_parts, corners, footprint = sc.document(plan, rng)
        for _ in range(4):
            try:
                pose = place(plan, rng, cam, footprint, corners)
                break
            except ValueError:
                # A wide A4 at a low camera: the arm goes up a little.
                p = np.array(cam.position)
                f = np.array(cam.focal)
                cam.position = tuple(f + (p - f) * 1.15)
        else:
            raise ValueError(f"{plan.name}: no pose in view")
        corners_world = (np.c_[corners, np.ones(4)] @ pose.T)[:, :3]
        parts += [replace(p, mesh=p.mesh.transformed(pose)) for p in doc_parts]
        centre = corners_world.mean(axis=0)
        radius = float(np.linalg.norm(corners_world[0] - corners_world[2]) / 2)
        if plan.condition in ("hand_held", "hand_on_document"):
            parts.append(_hand_on(plan, rng, corners_world, pose))
        if plan.condition == "clutter":
            parts += sc.clutter(rng, int(rng.integers(3, 7)), (centre, radius), (420, 300))
        elif rng.random() < 0.2:
            parts += sc.clutter(rng, 1, (centre, radius), (420, 300))
    return sc.Scene(
        parts=parts,
        lights=light_list,
        camera=cam,
        environment=sc.environment(plan, rng),
        environment_strength=0.15 if plan.condition == "dim_evening" else 0.5,
        look=look(plan, rng),
        corners=corners_world,
        notes=notes,
    )


def _hand_on(plan: FramePlan, rng: np.random.Generator, corners: np.ndarray, pose: np.ndarray) -> sc.Part:
    """The citizen's hand on the document's edge nearest to them (lowest y), fingers inwards."""
    edges = [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    a, b = min(edges, key=lambda e: e[0][1] + e[1][1])
    t = float(rng.uniform(0.25, 0.75))
    at = a + (b - a) * t
    along = (b - a) / np.linalg.norm(b - a)
    normal = pose[:3, 2]
    inward = np.cross(normal, along)
    if np.dot(inward, corners.mean(axis=0) - at) < 0:
        inward = -inward
    reach = float(rng.uniform(15, 45))
    held = plan.condition == "hand_held"
    m = np.eye(4)
    m[:3, 0], m[:3, 1], m[:3, 2] = inward, np.cross(normal, inward), normal
    m[:3, 3] = at + inward * reach + normal * (0.5 if not held else 1.0)
    hp = sc.hand_part(rng, 0.7 if held else 0.1)
    # The hand's origin is its fingertips: drop it so the pads rest on the paper.
    return replace(hp, mesh=hp.mesh.transformed(m @ g.translate(0, 0, -2)))
