"""Path-trace a tenth-set scene with LuxCoreRender (pyluxcore), one CPU thread.

One sample a pixel (two for the sentinel pages), then a denoiser of our own: the radiance is divided by the first-hit albedo
LuxCore writes alongside (so print and texture stay sharp), the quotient (the light) is
smoothed at quarter size with an edge-preserving filter, and multiplied back. LuxCore's own
Intel OIDN denoiser gave the same look at 25 s a 2 MP frame on this machine; this costs 1 s.

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
sampler.type = SOBOL
native.threads.count = 1
path.pathdepth.total = 4
path.pathdepth.diffuse = 2
path.pathdepth.glossy = 2
path.pathdepth.specular = 4
path.clamping.variance.maxvalue = 20
film.width = {w}
film.height = {h}
film.filter.type = BLACKMANHARRIS
film.filter.width = 1.5
film.imagepipelines.0.0.type = NOP
film.outputs.0.type = RGB
film.outputs.0.filename = rgb.exr
film.outputs.1.type = ALBEDO
film.outputs.1.filename = albedo.exr
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
    # film rows are bottom first
    rgb, albedo = np.ascontiguousarray(rgb[::-1, :, ::-1]), np.ascontiguousarray(albedo[::-1, :, ::-1])
    out = denoise(rgb, albedo)
    t3 = time.perf_counter()
    return out, {"prepare_s": t1 - t0, "trace_s": t2 - t1, "denoise_s": t3 - t2}


def denoise(rgb: np.ndarray, albedo: np.ndarray) -> np.ndarray:
    # at one sample a pixel a glossy surface's albedo is itself a coin toss between its lobes:
    # a 3 x 3 median takes the speckle out and keeps print strokes (2 px and wider)
    a = np.maximum(cv2.medianBlur(albedo.astype(np.float32), 3), 0.01)
    light = np.nan_to_num(rgb / a, nan=0.0, posinf=0.0).astype(np.float32)
    # fireflies (a glossy bounce found by one sample in thousands) are cut to a few times
    # their neighbourhood's mean; a real highlight raises that mean and survives
    level = float(np.median(light)) + 1e-4
    light = np.minimum(light, 4.0 * cv2.GaussianBlur(light, (0, 0), 6) + 0.2 * level)
    h, w = light.shape[:2]
    small = cv2.resize(light, (w // 4, h // 4), interpolation=cv2.INTER_AREA)
    small = cv2.bilateralFilter(small, 9, sigmaColor=0.8 * level, sigmaSpace=3.0)
    smooth = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return smooth * a
