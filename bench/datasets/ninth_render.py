"""Render a ninth-set scene with VTK's physically based rasteriser, offscreen.

PBR materials (metallic/roughness, normal maps, a clear coat for laminate), image-based
lighting from the scene's panorama, shadow maps, SSAO and FXAA. One render window per process,
reused frame after frame: its shaders are compiled once. Without a display VTK opens an EGL
context on Mesa's llvmpipe; it is held to one thread (the machine is shared).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

os.environ.setdefault("LP_NUM_THREADS", "1")
os.environ.setdefault("VTK_SMP_MAX_THREADS", "1")
# EGL always, display or not: under a display VTK would take GLX, and a GLX context in a process
# that already holds an EGL one (moderngl's, the fifth set's renderer, in the same test run)
# aborted the process.
os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import numpy as np  # noqa: E402
import vtk  # noqa: E402
from vtk.util.numpy_support import numpy_to_vtk, vtk_to_numpy  # noqa: E402

from bench.datasets import ninth_geometry as g  # noqa: E402
from bench.datasets.ninth_projection import project_with, vtk_camera  # noqa: E402
from bench.datasets.ninth_scene import Part, Scene  # noqa: E402

vtk.vtkObject.GlobalWarningDisplayOff()
vtk.vtkLogger.SetStderrVerbosity(vtk.vtkLogger.VERBOSITY_ERROR)


@dataclass
class Rendered:
    rgb: np.ndarray  # H x W x 3 uint8, sRGB, top row first
    depth: np.ndarray  # H x W float32, distance along the view axis in mm (inf: nothing)
    corners: np.ndarray | None  # 4 x 2 float32 pixels, TL TR BR BL


_window: vtk.vtkRenderWindow | None = None
#: Image-based light takes seconds to prefilter on llvmpipe, and a renderer keeps its maps only
#: as long as it lives: one renderer per panorama, all in the window, only one drawing.
_renderers: dict[bytes, vtk.vtkRenderer] = {}
#: Past about 26 renderers in one window textures stop binding (faces came out as red-green
#: texture coordinates: some per-context resource runs out). The scenes use at most 12
#: panoramas (6 offices, 2 strengths); beyond this many the least recently used is released.
MAX_RENDERERS = 12


def available() -> str | None:
    """None when VTK can render offscreen here, else why not."""
    try:
        win = _get_window(64)
        win.Render()
    except Exception as exc:  # VTK raises nothing specific: any failure means no backend
        return f"VTK offscreen rendering unavailable: {exc}"
    if not win.SupportsOpenGL():
        return "VTK found no OpenGL 3.2 context (EGL/OSMesa/X)"
    return None


def _get_window(size: int) -> vtk.vtkRenderWindow:
    global _window
    if _window is None:
        _window = vtk.vtkRenderWindow()
        _window.SetOffScreenRendering(1)
        _window.SetMultiSamples(0)  # FXAA instead: multisampling does not survive render passes
    if tuple(_window.GetSize()) != (size, size):
        _window.SetSize(size, size)
    return _window


def _texture(rgb: np.ndarray, srgb: bool) -> vtk.vtkTexture:
    h, w, c = rgb.shape
    img = vtk.vtkImageData()
    img.SetDimensions(w, h, 1)
    flat = np.ascontiguousarray(rgb[::-1]).reshape(-1, c)
    img.GetPointData().SetScalars(numpy_to_vtk(flat, deep=1, array_type=vtk.VTK_UNSIGNED_CHAR))
    t = vtk.vtkTexture()
    t.SetInputData(img)
    t.InterpolateOn()
    t.MipmapOn()
    t.SetMaximumAnisotropicFiltering(8)
    t.SetUseSRGBColorSpace(srgb)
    t.SetColorModeToDirectScalars()
    t.RepeatOn()
    t.EdgeClampOff()
    return t


def _actor(part: Part) -> vtk.vtkActor:
    pd = g.to_polydata(part.mesh, part.smooth)
    if part.normal_map is not None:
        tangents = vtk.vtkPolyDataTangents()
        tangents.SetInputData(pd)
        tangents.Update()
        pd = tangents.GetOutput()
    mapper = vtk.vtkPolyDataMapper()
    mapper.SetInputData(pd)
    actor = vtk.vtkActor()
    actor.SetMapper(mapper)
    prop = actor.GetProperty()
    prop.SetInterpolationToPBR()
    prop.SetColor(*part.colour)
    prop.SetRoughness(float(np.clip(part.roughness, 0.02, 1.0)))
    prop.SetMetallic(part.metallic)
    prop.BackfaceCullingOff()
    if part.coat > 0:
        prop.SetCoatStrength(part.coat)
        prop.SetCoatRoughness(part.coat_roughness)
        prop.SetCoatIOR(1.5)
    if part.repeat != (1.0, 1.0):
        tc = pd.GetPointData().GetTCoords()
        arr = vtk_to_numpy(tc) * np.array(part.repeat)
        repeated = numpy_to_vtk(np.ascontiguousarray(arr, dtype=np.float32), deep=1)
        pd.GetPointData().SetTCoords(repeated)
    if part.texture is not None:
        prop.SetColor(1.0, 1.0, 1.0)
        prop.SetBaseColorTexture(_texture(part.texture, True))
        if part.emissive > 0:
            prop.SetEmissiveTexture(_texture(part.texture, True))
            prop.SetEmissiveFactor(part.emissive, part.emissive, part.emissive)
    if part.normal_map is not None:
        prop.SetNormalTexture(_texture(part.normal_map, False))
    return actor


def _light(spec) -> vtk.vtkLight:
    light = vtk.vtkLight()
    light.SetLightTypeToSceneLight()
    light.SetPosition(*spec.position)
    light.SetFocalPoint(*spec.focal)
    light.SetColor(*spec.colour)
    light.SetIntensity(spec.intensity)
    light.SetPositional(spec.kind != "directional")
    if spec.kind == "spot":
        light.SetConeAngle(spec.cone)
        light.SetExponent(12.0 if spec.cone < 50 else 1.0)  # a lamp's pool of light fades; it has no hard rim
    else:
        light.SetConeAngle(90.0)
    if spec.kind != "directional":
        light.SetAttenuationValues(1.0, 0.0, 0.0)
    light.SetShadowAttenuation(1.0 if spec.shadows else 0.0)
    return light


def _passes(renderer: vtk.vtkRenderer, shadows: bool, ssao: bool, size: int) -> None:
    if shadows:
        shadow = vtk.vtkShadowMapPass()
        shadow.GetShadowMapBakerPass().SetResolution(2048)
        seq = vtk.vtkSequencePass()
        coll = vtk.vtkRenderPassCollection()
        coll.AddItem(shadow.GetShadowMapBakerPass())
        coll.AddItem(shadow)
        seq.SetPasses(coll)
        inner: vtk.vtkRenderPass = seq
    else:
        inner = vtk.vtkRenderStepsPass()
    cam_pass = vtk.vtkCameraPass()
    cam_pass.SetDelegatePass(inner)
    top: vtk.vtkRenderPass = cam_pass
    if ssao:
        occlusion = vtk.vtkSSAOPass()
        occlusion.SetDelegatePass(cam_pass)
        occlusion.SetRadius(8.0)
        occlusion.SetBias(0.6)
        occlusion.SetKernelSize(16)
        occlusion.BlurOn()
        top = occlusion
    renderer.SetPass(top)
    renderer.UseFXAAOn()


def render(scene: Scene, width: int, height: int) -> Rendered:
    size = width
    win = _get_window(size)
    ren = _renderer_for(win, scene)
    try:
        for part in scene.parts:
            ren.AddActor(_actor(part))
        for spec in scene.lights:
            ren.AddLight(_light(spec))
        ren.SetActiveCamera(vtk_camera(scene.camera, width, height))
        _passes(ren, any(s.shadows for s in scene.lights), scene.ssao, size)
        win.Render()
        rgb, z = _read(win, size)
        cam = ren.GetActiveCamera()
        near, far = cam.GetClippingRange()
        top = (size - height) // 2
        rgb = rgb[top : top + height]
        z = z[top : top + height]
        zn = z.astype(np.float64) * 2 - 1
        depth = np.where(z < 1.0, 2 * near * far / (far + near - zn * (far - near)), np.inf).astype(
            np.float32
        )
        corners = None
        if scene.corners is not None:
            corners = project_with(cam, scene.corners, width, height).astype(np.float32)
        return Rendered(rgb, depth, corners)
    finally:
        for actor in list(ren.GetActors()):
            actor.ReleaseGraphicsResources(win)
        ren.RemoveAllViewProps()
        ren.RemoveAllLights()
        # A dropped pass keeps its framebuffers (SSAO's are ~150 MB at 1920 x 1920): release them,
        # or 130 frames fill 24 GB.
        if ren.GetPass() is not None:
            ren.GetPass().ReleaseGraphicsResources(win)
            ren.SetPass(None)


def _renderer_for(win: vtk.vtkRenderWindow, scene: Scene) -> vtk.vtkRenderer:
    # VTK's image-based light has no intensity of its own: the panorama's brightness is it.
    panorama = (scene.environment * scene.environment_strength).astype(np.uint8)
    key = panorama.tobytes()
    if key in _renderers:
        _renderers[key] = _renderers.pop(key)  # most recently used last
    else:
        while len(_renderers) >= MAX_RENDERERS:
            oldest = _renderers.pop(next(iter(_renderers)))
            oldest.ReleaseGraphicsResources(win)
            win.RemoveRenderer(oldest)
        ren = vtk.vtkRenderer()
        ren.SetBackground(0.3, 0.3, 0.3)
        ren.AutomaticLightCreationOff()
        ren.UseImageBasedLightingOn()
        ren.SetEnvironmentTexture(_texture(panorama, True), True)
        ren.SetEnvironmentUp(0.0, 0.0, 1.0)
        ren.SetEnvironmentRight(1.0, 0.0, 0.0)
        win.AddRenderer(ren)
        _renderers[key] = ren
    for k, r in _renderers.items():
        r.SetDraw(k == key)
    ren = _renderers[key]
    ren.RemoveAllViewProps()
    ren.RemoveAllLights()
    return ren


def _read(win: vtk.vtkRenderWindow, size: int) -> tuple[np.ndarray, np.ndarray]:
    grab = vtk.vtkWindowToImageFilter()
    grab.SetInput(win)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.Update()
    rgb = vtk_to_numpy(grab.GetOutput().GetPointData().GetScalars()).reshape(size, size, 3)[::-1]
    zarr = vtk.vtkFloatArray()
    win.GetZbufferData(0, 0, size - 1, size - 1, zarr)
    z = vtk_to_numpy(zarr).reshape(size, size)[::-1]
    return np.ascontiguousarray(rgb), np.ascontiguousarray(z)
