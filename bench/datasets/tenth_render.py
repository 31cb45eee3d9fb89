"""Path-trace a tenth-set scene with LuxCoreRender (pyluxcore), one CPU thread.

One sample a pixel (two for the sentinel pages), then a denoiser of our own: the radiance is
divided by the first-hit albedo LuxCore writes alongside (so print and texture stay sharp),
the quotient (the light) is smoothed at an eighth of the size with an edge-preserving filter,
and multiplied back. Lights are picked uniformly (one a path vertex): LuxCore's default, by log
power, picked the ceiling panels so rarely that one sample in a hundred carried them, and paper
came out blotched. LuxCore's built-in Intel OIDN denoiser runs here too, but took 26 s for a
2 MP frame on one thread (load ~3.4); this one takes under a second.

pyluxcore replaces the process's allocator (TBB's malloc proxy): numpy and OpenCV must be
imported before it, so it is imported here, late, and only by the process that renders.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from bench.datasets.tenth_geometry import Mesh
from bench.datasets.tenth_optics import CameraPose


@dataclass
class Thing:
    """One object: its mesh, its LuxCore material properties, an optional colour texture."""

    name: str
    mesh: Mesh
    material: dict[str, str]
    texture: np.ndarray | None = None  # RGB uint8, replaces the material's `kd`
    texture_gain: float = 1.0


@dataclass
class Stage:
    things: list[Thing]
    lights: str  # LuxCore scene properties of the lights
    images: dict[str, np.ndarray] = field(default_factory=dict)  # extra image files the lights name


def luxcore_available() -> bool:
    """Whether pyluxcore is installed, without loading it (loading it swaps the allocator)."""
    return importlib.util.find_spec("pyluxcore") is not None


_INITIALISED = False


def _lux():  # type: ignore[no-untyped-def]
    global _INITIALISED
    import pyluxcore

    if not _INITIALISED:
        pyluxcore.Init(lambda _msg: None)
        _INITIALISED = True
    return pyluxcore


def _props(lux, text: str):  # type: ignore[no-untyped-def]
    p = lux.Properties()
    p.SetFromString(text)
    return p


def render(stage: Stage, camera: CameraPose, spp: int) -> tuple[np.ndarray, dict[str, float]]:
    """Linear BGR float32, top row first, and timings in seconds."""
    lux = _lux()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tenth-") as tmp:
        scene = lux.Scene()
        lines = [camera.luxcore_props()]
        for key, img in stage.images.items():
            cv2.imwrite(str(Path(tmp) / f"{key}.png"), img[..., ::-1])
        lights = stage.lights
        for key in stage.images:
            lights = lights.replace("{" + key + "}", str(Path(tmp) / f"{key}.png"))
        for i, thing in enumerate(stage.things):
            mat = f"m{i}"
            props = dict(thing.material)
            slot = props.pop("texture_slot", "kd")
            if props.get("type") in ("glossy2", "metal2"):
                # below ~0.05 LuxCore treats the lobe as a mirror and its ALBEDO output turns to
                # zero (measured: 0.02 gives 0, 0.06 gives the texture); the denoiser needs it
                for key in ("uroughness", "vroughness"):
                    if key in props:
                        props[key] = f"{max(float(props[key]), _MIN_ROUGHNESS):.4f}"
            if thing.texture is not None:
                path = Path(tmp) / f"t{i}.png"
                cv2.imwrite(str(path), thing.texture[..., ::-1])
                lines += [
                    f"scene.textures.t{i}.type = imagemap",
                    f'scene.textures.t{i}.file = "{path}"',
                    f"scene.textures.t{i}.gamma = 2.2",
                    f"scene.textures.t{i}.gain = {thing.texture_gain:.4f}",
                ]
                props[slot] = f"t{i}"
            lines += [f"scene.materials.{mat}.{k} = {v}" for k, v in props.items()]
        scene.Parse(_props(lux, "\n".join(lines) + "\n" + lights))
        for i, thing in enumerate(stage.things):
            m = thing.mesh
            verts = [tuple(map(float, v)) for v in m.vertices]
            faces = [tuple(map(int, f)) for f in m.faces]
            uvs = [tuple(map(float, uv)) for uv in m.uvs] if m.uvs is not None else None
            scene.DefineMesh(f"s{i}", verts, faces, None, uvs, None, None)
            scene.Parse(_props(lux, f"scene.objects.o{i}.shape = s{i}\nscene.objects.o{i}.material = m{i}\n"))
        w, h = camera.width, camera.height
        config = lux.RenderConfig(
            _props(
                lux,
                f"""
renderengine.type = PATHCPU
lightstrategy.type = UNIFORM
sampler.type = SOBOL
native.threads.count = 1
path.pathdepth.total = 4
path.pathdepth.diffuse = 2
path.pathdepth.glossy = 2
path.pathdepth.specular = 4
path.clamping.variance.maxvalue = 20
film.width = {w}
film.height = {h}
film.filter.type = NONE
film.imagepipelines.0.0.type = NOP
film.outputs.0.type = RGB
film.outputs.0.filename = rgb.exr
film.outputs.1.type = ALBEDO
film.outputs.1.filename = albedo.exr
film.outputs.2.type = DEPTH
film.outputs.2.filename = depth.exr
batch.haltspp = {spp}
""",
            ),
            scene,
        )
        t1 = time.perf_counter()
        session = lux.RenderSession(config)
        session.Start()
        while not session.HasDone():
            time.sleep(0.05)
            session.UpdateStats()
        session.Stop()
        t2 = time.perf_counter()
        film = session.GetFilm()
        rgb = np.zeros((h, w, 3), np.float32)
        albedo = np.zeros((h, w, 3), np.float32)
        film.GetOutputFloat(lux.FilmOutputType.RGB, rgb)
        film.GetOutputFloat(lux.FilmOutputType.ALBEDO, albedo)
        depth = np.zeros((h, w, 1), np.float32)
        film.GetOutputFloat(lux.FilmOutputType.DEPTH, depth)
    # film rows are bottom first
    rgb, albedo = np.ascontiguousarray(rgb[::-1, :, ::-1]), np.ascontiguousarray(albedo[::-1, :, ::-1])
    out = denoise(rgb, albedo, np.ascontiguousarray(depth[::-1, :, 0]))
    t3 = time.perf_counter()
    return out, {"prepare_s": t1 - t0, "trace_s": t2 - t1, "denoise_s": t3 - t2}


_ALBEDO_FLOOR = 0.04
_MIN_ROUGHNESS = 0.06


def denoise(rgb: np.ndarray, albedo: np.ndarray, depth: np.ndarray) -> np.ndarray:
    # at one sample a pixel a glossy surface's albedo is itself a coin toss between its lobes:
    # a 3 x 3 median takes the speckle out and keeps print strokes (2 px and wider)
    # (and a slight blur, as edges seen at one sample a pixel are a coin toss between surfaces)
    a = np.maximum(cv2.GaussianBlur(cv2.medianBlur(albedo.astype(np.float32), 3), (0, 0), 0.6), 0.01)
    # the light is the radiance over the albedo of the same sample (the film has no pixel
    # filter, so both come from one point); dividing by the cleaned albedo instead would
    # leave a step at every edge, and the blocks below would turn it into dashes
    # A floor under the albedo: a laminate's reflection (LuxCore files all of glossy2 as
    # glossy, so it cannot be split off) does not follow the print, and over dark print
    # radiance / albedo would blow up and, smoothed, glow round the card and wash its print out
    light = (rgb / (albedo + _ALBEDO_FLOOR)).astype(np.float32)
    # fireflies (a glossy bounce found by one sample in thousands) are cut to a few times
    # their neighbourhood's mean; a real highlight raises that mean and survives
    level = float(np.median(light)) + 1e-4
    light = np.minimum(light, 4.0 * cv2.GaussianBlur(light, (0, 0), 6) + 0.2 * level)
    # one light is sampled a path vertex, so the light is noisy at every scale below ~8 px:
    # average 8 x 8 blocks, then smooth in log space (edges of shadows are ratios, not steps)
    h, w = light.shape[:2]
    shrink = (w // 8, h // 8)
    small = cv2.resize(light, shrink, interpolation=cv2.INTER_AREA)
    bias = 0.02 * level
    # the background's depth is capped so that a sky or a far wall stays one surface
    z = np.log(np.clip(np.nan_to_num(depth, nan=10.0, posinf=10.0), 0.01, 10.0)).astype(np.float32)
    small_a = cv2.resize(a, shrink, interpolation=cv2.INTER_AREA)
    small_z = cv2.resize(z, shrink, interpolation=cv2.INTER_AREA)
    log_light = _joint_bilateral(np.log(small + bias), _log_luma(small_a), small_z)
    smooth = joint_upsample(np.exp(log_light) - bias, (a, small_a), (z, small_z))
    return np.maximum(smooth, 0.0) * (a + _ALBEDO_FLOOR)


def _joint_bilateral(
    log_light: np.ndarray,
    guide: np.ndarray,
    log_depth: np.ndarray,
    radius: int = 4,
    sigma_space: float = 2.0,
    sigma_light: float = 0.35,
    sigma_albedo: float = 0.4,
    sigma_depth: float = 0.01,
) -> np.ndarray:
    """Smooth the coarse light among cells of like light, albedo and depth: a plain bilateral
    filter let a glossy card's bright cells lift the counter's next to them (a glow)."""
    h, w = guide.shape
    pad = radius
    lp = np.pad(log_light, ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    gp = np.pad(guide, pad, mode="edge")
    zp = np.pad(log_depth, pad, mode="edge")
    luma = log_light.mean(axis=2)
    lup = np.pad(luma, pad, mode="edge")
    total = np.zeros_like(log_light)
    weight = np.zeros((h, w), np.float32)
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            ys, xs = slice(pad + dy, pad + dy + h), slice(pad + dx, pad + dx + w)
            d2 = (
                (dx * dx + dy * dy) / sigma_space**2
                + ((lup[ys, xs] - luma) / sigma_light) ** 2
                + ((gp[ys, xs] - guide) / sigma_albedo) ** 2
                + ((zp[ys, xs] - log_depth) / sigma_depth) ** 2
            )
            wgt = np.exp(-d2 / 2).astype(np.float32)
            total += wgt[..., None] * lp[ys, xs]
            weight += wgt
    return total / weight[..., None]


def _log_luma(bgr: np.ndarray) -> np.ndarray:
    return np.log(bgr @ np.array([0.114, 0.587, 0.299], np.float32) + 0.02)


def joint_upsample(
    small: np.ndarray,
    albedo: tuple[np.ndarray, np.ndarray],
    log_depth: tuple[np.ndarray, np.ndarray],
    sigma_albedo: float = 0.4,
    sigma_depth: float = 0.01,
) -> np.ndarray:
    """Bring the coarse light back to full size, each pixel drawing on the coarse cells whose
    albedo and depth look like its own (joint bilateral upsampling, Kopf et al. 2007): a plain
    resize would bleed the light of a card held up onto the tray below, in 8 px steps.
    `albedo` and `log_depth` are (full size, coarse) pairs."""
    h, w = albedo[0].shape[:2]
    sh, sw = small.shape[:2]
    guide, small_guide = _log_luma(albedo[0]), _log_luma(albedo[1])
    z, small_z = log_depth
    uy = (np.arange(h, dtype=np.float32) + 0.5) * sh / h - 0.5
    ux = (np.arange(w, dtype=np.float32) + 0.5) * sw / w - 0.5
    y0, x0 = np.floor(uy).astype(np.int32), np.floor(ux).astype(np.int32)
    total = np.zeros((h, w, small.shape[2]), np.float32)
    weight = np.zeros((h, w), np.float32)
    for dy in (-1, 0, 1, 2):
        qy = np.clip(y0 + dy, 0, sh - 1)
        wy = np.exp(-((uy - (y0 + dy)) ** 2) / 2.0)
        for dx in (-1, 0, 1, 2):
            qx = np.clip(x0 + dx, 0, sw - 1)
            wx = np.exp(-((ux - (x0 + dx)) ** 2) / 2.0)
            g = small_guide[qy[:, None], qx[None, :]]
            dz = z - small_z[qy[:, None], qx[None, :]]
            similar = ((guide - g) / sigma_albedo) ** 2 + (dz / sigma_depth) ** 2
            wgt = wy[:, None] * wx[None, :] * np.exp(-similar / 2)
            total += wgt[..., None] * small[qy[:, None], qx[None, :]]
            weight += wgt
    return total / np.maximum(weight, 1e-12)[..., None]
