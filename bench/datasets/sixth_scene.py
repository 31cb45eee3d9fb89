"""Mitsuba 3 building blocks of the sixth document set: materials, shapes, lights, the camera.

World: metres, z up, the tray's surface is z = 0. The renderer is Mitsuba 3's ``scalar_rgb``
variant (a CPU path tracer that needs no LLVM, and renders the same bits on every run: each
image block is summed in a fixed order). Documents are triangle meshes whose four corner
vertices are the sheet's own corners; ground truth is those vertices projected by the scene's
own sensor (``Sensor.sample_direction``), never a projection written here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import cv2
import mitsuba as mi
import numpy as np

mi.set_variant("scalar_rgb")

T = mi.ScalarTransform4f

Bend = Callable[[np.ndarray, np.ndarray], np.ndarray]


def srgb_to_linear(img_bgr: np.ndarray) -> np.ndarray:
    x = img_bgr[:, :, ::-1].astype(np.float32) / 255.0
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4).astype(np.float32)


def texture(img_bgr: np.ndarray, scale: float = 1.0) -> dict[str, Any]:
    """A bitmap texture from a BGR uint8 picture (converted to linear RGB here, once)."""
    t: dict[str, Any] = {
        "type": "bitmap",
        "bitmap": mi.Bitmap(np.ascontiguousarray(srgb_to_linear(img_bgr))),
        "filter_type": "bilinear",
        "wrap_mode": "mirror",  # drawn textures do not tile: mirrored repeats have no seam
    }
    if scale != 1.0:
        t["to_uv"] = T().scale([scale, scale, 1])
    return t


def rgb(c: tuple[float, float, float]) -> dict[str, Any]:
    return {"type": "rgb", "value": [float(v) for v in c]}


def diffuse(refl: dict[str, Any]) -> dict[str, Any]:
    return {"type": "twosided", "bsdf": {"type": "diffuse", "reflectance": refl}}


def paper(refl: dict[str, Any]) -> dict[str, Any]:
    """Paper: diffuse on both faces (this Mitsuba build has no diffuse-transmission plugin)."""
    return {"type": "twosided", "bsdf": {"type": "diffuse", "reflectance": refl}}


def laminated(refl: dict[str, Any], alpha: float) -> dict[str, Any]:
    """A printed card under a glossy plastic coat: the coat mirrors lights (glare)."""
    return {
        "type": "twosided",
        "bsdf": {
            "type": "roughplastic",
            "distribution": "ggx",
            "alpha": alpha,
            "diffuse_reflectance": refl,
            "int_ior": 1.5,
        },
    }


def glossy(refl: dict[str, Any], alpha: float = 0.25) -> dict[str, Any]:
    return {"type": "roughplastic", "distribution": "ggx", "alpha": alpha, "diffuse_reflectance": refl}


def metal(alpha: float = 0.15, material: str = "Al") -> dict[str, Any]:
    return {"type": "roughconductor", "material": material, "alpha": alpha}


def glass() -> dict[str, Any]:
    return {"type": "thindielectric", "int_ior": 1.5}


def masked(bsdf: dict[str, Any], opacity_img: np.ndarray) -> dict[str, Any]:
    """Cut a shape (a card's rounded corners) out of a sheet with an opacity map."""
    op = np.repeat(opacity_img.astype(np.float32)[..., None], 3, axis=2)
    return {
        "type": "mask",
        "opacity": {
            "type": "bitmap",
            "bitmap": mi.Bitmap(np.ascontiguousarray(op)),
            "filter_type": "bilinear",
            "raw": True,
        },
        "bsdf": bsdf,
    }


def rounded_mask(w_px: int, h_px: int, radius_px: int) -> np.ndarray:
    m = np.zeros((h_px, w_px), np.uint8)
    r = radius_px
    cv2.rectangle(m, (r, 0), (w_px - 1 - r, h_px - 1), 1, -1)
    cv2.rectangle(m, (0, r), (w_px - 1, h_px - 1 - r), 1, -1)
    for cx, cy in ((r, r), (w_px - 1 - r, r), (r, h_px - 1 - r), (w_px - 1 - r, h_px - 1 - r)):
        cv2.circle(m, (cx, cy), r, 1, -1, lineType=cv2.LINE_AA)
    return m


# ---- shapes -------------------------------------------------------------------------------


def pose(
    tx: float, ty: float, tz: float, rot_z_deg: float = 0.0, tilt_deg: float = 0.0, tilt_axis_deg: float = 0.0
) -> np.ndarray:
    """A 4x4 rigid transform: tilt about a horizontal axis, then turn about z, then move."""
    a = math.radians(tilt_axis_deg)
    axis = np.array([math.cos(a), math.sin(a), 0.0])
    t = math.radians(tilt_deg)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    r_tilt = np.eye(3) + math.sin(t) * k + (1 - math.cos(t)) * k @ k
    z = math.radians(rot_z_deg)
    r_z = np.array([[math.cos(z), -math.sin(z), 0], [math.sin(z), math.cos(z), 0], [0, 0, 1]])
    m = np.eye(4)
    m[:3, :3] = r_z @ r_tilt
    m[:3, 3] = (tx, ty, tz)
    return m


def flat(s: np.ndarray, t: np.ndarray) -> np.ndarray:
    return np.zeros_like(s)


def sheet_mesh(
    name: str,
    width: float,
    height: float,
    world: np.ndarray,
    bsdf: dict[str, Any],
    bend: Bend = flat,
    nx: int = 2,
    ny: int = 2,
    grid: np.ndarray | None = None,
) -> tuple[Any, np.ndarray]:
    """A sheet as a grid mesh; returns the mesh and its corner vertices TL, TR, BR, BL (world).

    (s, t) run over the printed face from its top-left (0, 0) to its bottom-right (1, 1); the
    bend gives each grid point's lift off the sheet's plane (metres) and may also pull it in.
    """
    if grid is not None:  # any other grid-shaped surface (a palm)
        ny, nx = grid.shape[:2]
    s, t = np.meshgrid(np.linspace(0, 1, nx), np.linspace(0, 1, ny))
    local = (
        np.stack([(s - 0.5) * width, (0.5 - t) * height, bend(s, t)], axis=-1) if grid is None else grid
    ).reshape(-1, 3)
    pts = (world[:3, :3] @ local.T).T + world[:3, 3]
    uv = np.stack([s, t], axis=-1).reshape(-1, 2)
    faces = []
    for j in range(ny - 1):
        for i in range(nx - 1):
            a = j * nx + i
            faces += [a, a + nx, a + 1, a + 1, a + nx, a + nx + 1]
    props = mi.Properties()
    props["bsdf"] = mi.load_dict(bsdf)
    mesh = mi.Mesh(
        name, nx * ny, len(faces) // 3, has_vertex_normals=False, has_vertex_texcoords=True, props=props
    )
    p = mi.traverse(mesh)
    p["vertex_positions"] = type(p["vertex_positions"])(pts.astype(np.float32).ravel())
    p["faces"] = type(p["faces"])(np.asarray(faces, np.uint32))
    p["vertex_texcoords"] = type(p["vertex_texcoords"])(uv.astype(np.float32).ravel())
    p.update()
    grid = pts.reshape(ny, nx, 3)
    corners = np.array([grid[0, 0], grid[0, -1], grid[-1, -1], grid[-1, 0]], np.float64)
    return mesh, corners


def box(
    cx: float, cy: float, cz: float, sx: float, sy: float, sz: float, bsdf: dict[str, Any], rot_z: float = 0.0
) -> dict[str, Any]:
    """An axis box of full size (sx, sy, sz) centred at (cx, cy, cz), turned about z."""
    return {
        "type": "cube",
        "to_world": T().translate([cx, cy, cz]).rotate([0, 0, 1], rot_z).scale([sx / 2, sy / 2, sz / 2]),
        "bsdf": bsdf,
    }


def rect(
    cx: float, cy: float, cz: float, sx: float, sy: float, bsdf: dict[str, Any], rot_z: float = 0.0
) -> dict[str, Any]:
    """A horizontal rectangle facing up (its texture upright when rot_z = 0)."""
    return {
        "type": "rectangle",
        "to_world": T().translate([cx, cy, cz]).rotate([0, 0, 1], rot_z).scale([sx / 2, sy / 2, 1]),
        "bsdf": bsdf,
    }


def capsule(
    p0: np.ndarray, p1: np.ndarray, radius: float, bsdf: dict[str, Any], prefix: str
) -> dict[str, dict[str, Any]]:
    """A finger, a pen: a cylinder with a sphere at each end."""
    return {
        prefix + "_c": {
            "type": "cylinder",
            "p0": [float(v) for v in p0],
            "p1": [float(v) for v in p1],
            "radius": radius,
            "bsdf": bsdf,
        },
        prefix + "_a": {"type": "sphere", "center": [float(v) for v in p0], "radius": radius, "bsdf": bsdf},
        prefix + "_b": {"type": "sphere", "center": [float(v) for v in p1], "radius": radius, "bsdf": bsdf},
    }


def disk(cx: float, cy: float, cz: float, r: float, bsdf: dict[str, Any]) -> dict[str, Any]:
    return {"type": "disk", "to_world": T().translate([cx, cy, cz]).scale([r, r, 1]), "bsdf": bsdf}


def ellipsoid(
    name: str, c: np.ndarray, radii: tuple[float, float, float], rot_z: float, bsdf: dict[str, Any]
) -> Any:
    """A palm: an ellipsoid mesh (Mitsuba's sphere takes no non-uniform scale)."""
    th, ph = np.meshgrid(np.linspace(0, math.pi, 13), np.linspace(0, 2 * math.pi, 25), indexing="ij")
    local = np.stack(
        [np.sin(th) * np.cos(ph) * radii[0], np.sin(th) * np.sin(ph) * radii[1], np.cos(th) * radii[2]], -1
    )
    return sheet_mesh(name, 1.0, 1.0, pose(float(c[0]), float(c[1]), float(c[2]), rot_z), bsdf, grid=local)[0]


# ---- lights -------------------------------------------------------------------------------


def ceiling_panel(rng: np.random.Generator, power: float) -> dict[str, dict[str, Any]]:
    """A fluorescent ceiling panel, 1.1-1.6 m up, slightly off the camera's axis."""
    z = rng.uniform(1.1, 1.6)
    tint = (1.0, rng.uniform(0.97, 1.02), rng.uniform(0.95, 1.08))
    return {
        "panel": {
            "type": "rectangle",
            "to_world": T()
            .translate([rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4), z])
            .rotate([1, 0, 0], 180)
            .scale([0.3, 0.6, 1]),
            "emitter": {"type": "area", "radiance": rgb(tuple(power * 12 * v for v in tint))},
        }
    }


def desk_lamp(rng: np.random.Generator, power: float) -> dict[str, dict[str, Any]]:
    """A warm desk lamp bulb to one side, above the camera's height (out of view)."""
    ang = rng.uniform(0, 2 * math.pi)
    r = rng.uniform(0.25, 0.45)
    return {
        "lamp": {
            "type": "sphere",
            "center": [r * math.cos(ang), r * math.sin(ang), rng.uniform(0.5, 0.7)],
            "radius": 0.03,
            "emitter": {"type": "area", "radiance": rgb((power * 160, power * 130, power * 95))},
        }
    }


def window(
    rng: np.random.Generator, power: float, bars: bool
) -> tuple[dict[str, dict[str, Any]], np.ndarray]:
    """Sun through a window plus sky light; with bars, the window frame's hard shadow falls on the tray.

    The frame's bars sit along the sun's ray, ~1.3 m away and higher than the camera, so they
    are never in view: only their shadow is.
    """
    elev = math.radians(rng.uniform(30, 55))
    az = rng.uniform(0, 2 * math.pi)
    to_sun = np.array([math.cos(elev) * math.cos(az), math.cos(elev) * math.sin(az), math.sin(elev)])
    out: dict[str, dict[str, Any]] = {
        "sun": {
            "type": "directional",
            "direction": [float(v) for v in -to_sun],
            "irradiance": rgb((power * 3.2, power * 3.0, power * 2.6)),
        },
        "sky": {"type": "constant", "radiance": rgb((power * 0.22, power * 0.26, power * 0.33))},
    }
    if bars:
        dist = 1.3
        centre = np.array([rng.uniform(-0.08, 0.08), rng.uniform(-0.08, 0.08), 0.0]) + to_sun * dist
        side = np.cross(to_sun, [0.0, 0.0, 1.0])
        side /= np.linalg.norm(side)
        up = np.cross(side, to_sun)
        frame = np.eye(4)
        frame[:3, 0], frame[:3, 1], frame[:3, 2], frame[:3, 3] = side, up, to_sun, centre
        occ = diffuse(rgb((0.1, 0.1, 0.1)))
        # a mullion, a transom and the wall beside the window, in the window's plane
        pieces = [
            (rng.uniform(-0.08, 0.08), 0.0, 0.035, 1.2),
            (0.0, rng.uniform(-0.1, 0.1), 1.2, 0.03),
            (rng.choice([-1.0, 1.0]) * rng.uniform(0.22, 0.3) + 0.0, 0.0, 0.3, 1.2),
        ]
        for k, (ox, oy, w, h) in enumerate(pieces):
            world = frame @ np.array([[w / 2, 0, 0, ox], [0, h / 2, 0, oy], [0, 0, 1, 0], [0, 0, 0, 1]])
            out[f"window_bar{k}"] = {
                "type": "rectangle",
                "to_world": mi.ScalarTransform4f(world.tolist()),
                "bsdf": occ,
            }
    return out, to_sun


def ambient(level: float) -> dict[str, dict[str, Any]]:
    return {"room": {"type": "constant", "radiance": rgb((level, level, level * 1.02))}}


# ---- camera -------------------------------------------------------------------------------


@dataclass
class Camera:
    origin: np.ndarray
    target: np.ndarray
    up: np.ndarray
    fov_x: float
    width: int
    height: int
    aperture: float = 0.0  # thin-lens radius (m); 0 = pinhole
    focus: float = 0.4

    def sensor(self, spp: int, pinhole: bool = False) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "perspective" if pinhole or self.aperture <= 0 else "thinlens",
            "fov": self.fov_x,
            "fov_axis": "x",
            "to_world": T().look_at(
                origin=[float(v) for v in self.origin],
                target=[float(v) for v in self.target],
                up=[float(v) for v in self.up],
            ),
            "sampler": {"type": "independent", "sample_count": spp},
            "film": {
                "type": "hdrfilm",
                "width": self.width,
                "height": self.height,
                "rfilter": {"type": "gaussian", "stddev": 0.4},
                "pixel_format": "rgb",
            },
        }
        if s["type"] == "thinlens":
            s["aperture_radius"] = self.aperture
            s["focus_distance"] = self.focus
        return s


def project(camera: Camera, points: np.ndarray) -> np.ndarray:
    """World points to pixel coordinates (OpenCV's: pixel centres at integers) by the scene's sensor.

    A thin lens images a point through its centre where a pinhole with the same pose would, so
    the pinhole sensor of the same camera gives the truth for both.
    """
    sensor = mi.load_dict(camera.sensor(1, pinhole=True))
    out = np.zeros((len(points), 2), np.float32)
    it = mi.Interaction3f()
    for k, p in enumerate(points):
        it.p = mi.Point3f(*[float(v) for v in p])
        ds, w = sensor.sample_direction(it, mi.Point2f(0.5, 0.5))
        if w[0] <= 0:  # behind the camera or outside the film
            out[k] = (-1e4, -1e4)
        else:
            out[k] = (ds.uv[0] - 0.5, ds.uv[1] - 0.5)
    return out


@dataclass
class Scene:
    """Everything one frame needs: objects (Mitsuba dicts or meshes), camera, truth."""

    camera: Camera
    objects: dict[str, Any] = field(default_factory=dict)
    truth_world: np.ndarray | None = None
    max_depth: int = 4
    subject: str = ""  # what a negative frame shows (names the frame)

    def render(self, spp: int, seed: int) -> np.ndarray:
        """Linear RGB float32 (H, W, 3)."""
        d: dict[str, Any] = {
            "type": "scene",
            "integrator": {"type": "path", "max_depth": self.max_depth},
            "sensor": self.camera.sensor(spp),
        }
        d.update(self.objects)
        scene = mi.load_dict(d)
        img = mi.render(scene, spp=spp, seed=seed)
        return np.array(img, dtype=np.float32)
