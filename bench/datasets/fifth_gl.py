"""A small OpenGL rasteriser for the fifth document set: meshes, textures, lights, soft shadows.

Rendering runs headless on Mesa's llvmpipe through EGL (``moderngl`` + ``glcontext``), so it
needs no GPU and no display. Shading happens in linear light and the frame comes back as
floating point, so the camera model (:mod:`bench.datasets.fifth_camera`) applies exposure,
noise and the tone curve the way a sensor would. Shadows come from a distance map rendered
from the key light, filtered with percentage-closer soft shadows (PCSS): the penumbra widens
with the gap between the caster and the receiver, as under a real area light or window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import cv2
import numpy as np

SHADOW_SIZE = 2048
ANISOTROPY = 2.0

_VERT = """
#version 330
uniform mat4 mvp;
uniform mat4 light_vp;
uniform mat4 view;
in vec3 in_pos; in vec3 in_nrm; in vec2 in_uv;
out vec3 v_pos; out vec3 v_nrm; out vec2 v_uv; out vec4 v_lpos; out float v_depth;
void main() {
    v_pos = in_pos; v_nrm = in_nrm; v_uv = in_uv;
    v_lpos = light_vp * vec4(in_pos, 1.0);
    v_depth = -(view * vec4(in_pos, 1.0)).z;
    gl_Position = mvp * vec4(in_pos, 1.0);
}
"""

_FRAG = """
#version 330
uniform sampler2D tex;
uniform sampler2D shadow_map;
uniform int has_tex;
uniform vec3 base_color;
uniform vec3 back_color;
uniform int has_back;
uniform float spec_strength;
uniform float shininess;
uniform float emissive;
uniform int flat_mode;
uniform vec3 cam_pos;
uniform vec3 sky;
uniform vec3 ground;
uniform int key_point;
uniform vec3 key_pos;
uniform vec3 key_dir;
uniform vec3 key_color;
uniform float key_size;
uniform int key_shadow;
uniform float shadow_scale;
uniform int n_fill;
uniform vec3 fill_pos[8];
uniform vec3 fill_color[8];
in vec3 v_pos; in vec3 v_nrm; in vec2 v_uv; in vec4 v_lpos; in float v_depth;
layout(location = 0) out vec4 frag;
layout(location = 1) out float depth_out;

const vec2 DISC[16] = vec2[](
    vec2(-0.942, -0.399), vec2(0.946, -0.769), vec2(-0.094, -0.929), vec2(0.345, 0.294),
    vec2(-0.916, 0.458), vec2(-0.815, -0.879), vec2(-0.383, 0.277), vec2(0.975, 0.756),
    vec2(0.443, -0.975), vec2(0.537, -0.474), vec2(-0.265, -0.419), vec2(0.792, 0.191),
    vec2(-0.242, 0.997), vec2(-0.814, 0.914), vec2(0.200, 0.786), vec2(0.144, -0.141));

float light_distance(vec3 p) {
    return key_point == 1 ? length(p - key_pos) : dot(p, key_dir);
}

float visibility(vec3 p, float ndl) {
    if (key_shadow == 0) return 1.0;
    vec2 uv = v_lpos.xy / v_lpos.w * 0.5 + 0.5;
    if (uv.x < 0.0 || uv.x > 1.0 || uv.y < 0.0 || uv.y > 1.0) return 1.0;
    float d = light_distance(p);
    // a random rotation of the taps per pixel turns penumbra banding into fine noise
    float ang = 6.2831853 * fract(sin(dot(gl_FragCoord.xy, vec2(12.9898, 78.233))) * 43758.5453);
    mat2 spin = mat2(cos(ang), sin(ang), -sin(ang), cos(ang));
    float bias = 0.0015 + 0.003 * (1.0 - ndl);
    // blocker search: the mean distance of what lies between this point and the light
    float search = key_size * shadow_scale;
    float sum = 0.0; float n = 0.0;
    for (int i = 0; i < 16; i += 2) {
        float s = texture(shadow_map, uv + spin * DISC[i] * search).r;
        if (s < d - bias) { sum += s; n += 1.0; }
    }
    if (n == 0.0) return 1.0;
    float blocker = sum / n;
    float gap = d - blocker;
    float pen = key_point == 1 ? key_size * gap / max(blocker, 1e-3) : key_size * gap;
    float radius = clamp(pen * shadow_scale, 0.6 / 2048.0, 0.02);
    float lit = 0.0;
    for (int i = 0; i < 16; i++) {
        float s = texture(shadow_map, uv + spin * DISC[i] * radius).r;
        lit += (s < d - bias) ? 0.0 : 1.0;
    }
    return lit / 16.0;
}

void main() {
    vec4 t = has_tex == 1 ? texture(tex, v_uv) : vec4(1.0);
    if (t.a < 0.5) discard;
    vec3 n = normalize(v_nrm);
    vec3 v = normalize(cam_pos - v_pos);
    bool back = dot(n, v) < 0.0;
    if (back) n = -n;
    vec3 albedo = pow(t.rgb, vec3(2.2)) * base_color;
    if (back && has_back == 1) albedo = back_color;
    depth_out = v_depth;
    if (flat_mode == 1) { frag = vec4(back && has_back == 1 ? back_color : t.rgb * base_color, 1.0); return; }
    vec3 hemi = mix(ground, sky, 0.5 + 0.5 * n.z);
    vec3 col = albedo * hemi;
    // key light
    vec3 l; vec3 rad;
    if (key_point == 1) { vec3 dl = key_pos - v_pos; float dd = dot(dl, dl); l = dl / sqrt(dd); rad = key_color / dd; }
    else { l = -key_dir; rad = key_color; }
    float ndl = max(dot(n, l), 0.0);
    if (ndl > 0.0) {
        float vis = visibility(v_pos, ndl);
        vec3 h = normalize(l + v);
        float spec = spec_strength * pow(max(dot(n, h), 0.0), shininess) * (shininess + 8.0) / 25.0;
        col += vis * rad * (albedo * ndl + spec * ndl);
    }
    for (int i = 0; i < n_fill; i++) {
        vec3 dl = fill_pos[i] - v_pos; float dd = dot(dl, dl); vec3 fl = dl / sqrt(dd);
        float fn = max(dot(n, fl), 0.0);
        vec3 h = normalize(fl + v);
        float spec = spec_strength * pow(max(dot(n, h), 0.0), shininess) * (shininess + 8.0) / 25.0;
        col += fill_color[i] / dd * (albedo * fn + spec * fn);
    }
    col += emissive * albedo;
    frag = vec4(col, 1.0);
}
"""

_SHADOW_VERT = """
#version 330
uniform mat4 light_vp;
in vec3 in_pos;
out vec3 v_pos;
void main() { v_pos = in_pos; gl_Position = light_vp * vec4(in_pos, 1.0); }
"""

_SHADOW_FRAG = """
#version 330
uniform int key_point;
uniform vec3 key_pos;
uniform vec3 key_dir;
in vec3 v_pos;
out float dist;
void main() { dist = key_point == 1 ? length(v_pos - key_pos) : dot(v_pos, key_dir); }
"""


@dataclass
class Mesh:
    positions: np.ndarray  # (N, 3) float32, world metres
    normals: np.ndarray  # (N, 3) float32
    uvs: np.ndarray  # (N, 2) float32; v = 0 at the texture's first row
    indices: np.ndarray  # (M, 3) uint32


@dataclass
class Material:
    texture: np.ndarray | None = None  # RGB or RGBA uint8, first row = v 0 (sRGB)
    color: tuple[float, ...] = (1.0, 1.0, 1.0)  # linear multiplier of the albedo (RGB)
    back: tuple[float, ...] | None = None  # albedo of the back face (paper's reverse)
    specular: float = 0.0
    shininess: float = 16.0
    emissive: float = 0.0  # self-lit (a phone's screen)
    sentinel: np.ndarray | None = None  # RGB uint8 texture shown unlit in the sentinel render


@dataclass
class Item:
    mesh: Mesh
    material: Material
    visible: bool = True  # False: casts a shadow only (a window frame or a head out of view)
    casts_shadow: bool = True
    is_sheet: bool = False  # the document itself (kept in the sentinel render)


@dataclass
class Light:
    point: bool  # point light at ``position``; otherwise directional along ``direction``
    position: tuple[float, float, float] = (0.0, 0.0, 1.0)
    direction: tuple[float, float, float] = (0.0, 0.0, -1.0)
    color: tuple[float, float, float] = (1.0, 1.0, 1.0)  # radiance (point: intensity at 1 m)
    size: float = 0.02  # point: emitter radius (m); directional: angular radius (rad)
    shadow: bool = True


@dataclass
class Lighting:
    key: Light
    sky: tuple[float, float, float] = (0.3, 0.3, 0.3)
    ground: tuple[float, float, float] = (0.1, 0.1, 0.1)
    fills: list[tuple[tuple[float, float, float], tuple[float, float, float]]] = field(default_factory=list)


@dataclass
class View:
    """An OpenCV camera: x_pix = K @ (R @ X + t), pixel centres at integer coordinates."""

    K: np.ndarray  # 3×3
    R: np.ndarray  # 3×3 world→camera
    t: np.ndarray  # (3,)
    width: int
    height: int
    near: float = 0.02
    far: float = 5.0

    @property
    def position(self) -> np.ndarray:
        return -self.R.T @ self.t

    def project(self, pts: np.ndarray) -> np.ndarray:
        cam = pts @ self.R.T + self.t
        uvw = cam @ self.K.T
        return (uvw[:, :2] / uvw[:, 2:3]).astype(np.float32)

    def gl_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """(view, projection) for OpenGL; the GL pixel grid is offset half a pixel from OpenCV's."""
        cv2gl = np.diag([1.0, -1.0, -1.0])
        view = np.eye(4)
        view[:3, :3] = cv2gl @ self.R
        view[:3, 3] = cv2gl @ self.t
        fx, fy = self.K[0, 0], self.K[1, 1]
        cx, cy = self.K[0, 2] + 0.5, self.K[1, 2] + 0.5
        w, h, n, f = self.width, self.height, self.near, self.far
        proj = np.array(
            [
                [2 * fx / w, 0, 1 - 2 * cx / w, 0],
                [0, 2 * fy / h, 2 * cy / h - 1, 0],
                [0, 0, -(f + n) / (f - n), -2 * f * n / (f - n)],
                [0, 0, -1, 0],
            ]
        )
        return view, proj


class RendererUnavailable(RuntimeError):
    pass


@cache
def _context():  # type: ignore[no-untyped-def]
    try:
        import moderngl
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise RendererUnavailable(
            "moderngl is not installed: pip install moderngl (pyproject's dev extra)"
        ) from exc
    try:
        ctx = moderngl.create_standalone_context(backend="egl")  # type: ignore[arg-type]
    except Exception as exc:  # pragma: no cover - depends on the machine
        raise RendererUnavailable(
            f"no headless OpenGL context ({exc}): apt-get install libegl-mesa0 libgl1-mesa-dri (setup.sh)"
        ) from exc
    prog = ctx.program(vertex_shader=_VERT, fragment_shader=_FRAG)
    sprog = ctx.program(vertex_shader=_SHADOW_VERT, fragment_shader=_SHADOW_FRAG)
    smap = ctx.texture((SHADOW_SIZE, SHADOW_SIZE), 1, dtype="f4")
    smap.filter = (ctx.NEAREST, ctx.NEAREST)
    smap.repeat_x = smap.repeat_y = False
    sdepth = ctx.depth_renderbuffer((SHADOW_SIZE, SHADOW_SIZE))
    sfbo = ctx.framebuffer(color_attachments=[smap], depth_attachment=sdepth)
    return ctx, prog, sprog, smap, sfbo


@cache
def _targets(w: int, h: int, samples: int):  # type: ignore[no-untyped-def]
    """The multisampled frame (colour, camera depth, z-buffer) and its resolve target, kept per
    size: a frame's size is one of a few, and allocating ~100 MB of buffers per frame is slow."""
    ctx = _context()[0]
    color_rb = ctx.renderbuffer((w, h), 4, samples=samples, dtype="f4")
    depth_rb = ctx.renderbuffer((w, h), 1, samples=samples, dtype="f4")
    zrb = ctx.depth_renderbuffer((w, h), samples=samples)
    fbo = ctx.framebuffer(color_attachments=[color_rb, depth_rb], depth_attachment=zrb)
    out_c = ctx.renderbuffer((w, h), 4, dtype="f4")
    out_d = ctx.renderbuffer((w, h), 1, dtype="f4")
    return fbo, ctx.framebuffer(color_attachments=[out_c, out_d])


def _mat(m: np.ndarray) -> bytes:
    return np.asarray(m, dtype="f4").T.tobytes()  # GL wants column-major


def _light_matrix(light: Light, focus: np.ndarray, extent: float) -> tuple[np.ndarray, float]:
    """The key light's view-projection and the factor from world size to shadow-map UV."""
    if light.point:
        eye = np.asarray(light.position, float)
        fwd = focus - eye
        dist = float(np.linalg.norm(fwd))
        fwd /= dist
    else:
        fwd = np.asarray(light.direction, float)
        fwd /= np.linalg.norm(fwd)
        dist = 2.0
        eye = focus - fwd * dist
    up = np.array([0.0, 1.0, 0.0]) if abs(fwd[1]) < 0.9 else np.array([1.0, 0.0, 0.0])
    x = np.cross(fwd, up)
    x /= np.linalg.norm(x)
    y = np.cross(x, fwd)
    view = np.eye(4)
    view[0, :3], view[1, :3], view[2, :3] = x, y, -fwd
    view[:3, 3] = -view[:3, :3] @ eye
    n, f = 0.01, dist + 3.0
    if light.point:
        half = np.arctan(extent / dist)
        s = 1.0 / np.tan(half)
        proj = np.array(
            [[s, 0, 0, 0], [0, s, 0, 0], [0, 0, -(f + n) / (f - n), -2 * f * n / (f - n)], [0, 0, -1, 0]]
        )
        scale = 0.5 * s / dist  # uv per metre at the focus distance
    else:
        proj = np.array(
            [
                [1 / extent, 0, 0, 0],
                [0, 1 / extent, 0, 0],
                [0, 0, -2 / (f - n), -(f + n) / (f - n)],
                [0, 0, 0, 1],
            ]
        )
        scale = 0.5 / extent
        if light.size < 1:  # an angular radius: the penumbra grows by tan(size) per metre of gap
            scale *= float(np.tan(light.size)) / max(light.size, 1e-6)
    return proj @ view, scale


def _vao(ctx, prog, mesh: Mesh, attrs: tuple[str, ...]):  # type: ignore[no-untyped-def]
    cols = {"in_pos": mesh.positions, "in_nrm": mesh.normals, "in_uv": mesh.uvs}
    data = np.hstack([cols[a] for a in attrs]).astype("f4")
    fmt = " ".join({"in_pos": "3f", "in_nrm": "3f", "in_uv": "2f"}[a] for a in attrs)
    vbo = ctx.buffer(data.tobytes())
    ibo = ctx.buffer(mesh.indices.astype("u4").tobytes())
    return ctx.vertex_array(prog, [(vbo, fmt, *attrs)], index_buffer=ibo), vbo, ibo


def _pow2(n: int) -> int:
    return int(min(2048, max(4, 2 ** round(np.log2(n)))))


def _texture(ctx, img: np.ndarray):  # type: ignore[no-untyped-def]
    # llvmpipe builds mipmaps ~15× faster for power-of-two sizes; UVs run 0–1, so a resample is free
    h, w = img.shape[:2]
    if (_pow2(w), _pow2(h)) != (w, h):
        interp = cv2.INTER_AREA if _pow2(w) * _pow2(h) < w * h else cv2.INTER_CUBIC
        img = cv2.resize(img, (_pow2(w), _pow2(h)), interpolation=interp)
    img = np.ascontiguousarray(img)
    comps = img.shape[2]
    tex = ctx.texture((img.shape[1], img.shape[0]), comps, img.tobytes())
    tex.build_mipmaps()
    tex.anisotropy = ANISOTROPY
    tex.repeat_x = tex.repeat_y = False
    return tex


def render(
    items: list[Item], lighting: Lighting, view: View, *, sentinel: bool = False, samples: int = 4
) -> tuple[np.ndarray, np.ndarray]:
    """Linear RGB float32 (H, W, 3) and camera depth in metres (H, W; 0 where nothing was drawn).

    ``sentinel``: only the sheet, unlit, in its material's sentinel colour (or its texture),
    on black: the pixels the ground truth is checked against.
    """
    ctx, prog, sprog, smap, sfbo = _context()
    released: list = []
    try:
        # every texture first: uploading between draws would stall llvmpipe's deferred rendering
        textures: dict[int, object] = {}
        for k, it in enumerate(items):
            if not it.visible or (sentinel and not it.is_sheet):
                continue
            img = (
                it.material.sentinel
                if (sentinel and it.material.sentinel is not None)
                else it.material.texture
            )
            if img is not None:
                textures[k] = _texture(ctx, img)
                released.append(textures[k])
        key = lighting.key
        focus = np.array([0.0, 0.0, 0.0])
        light_vp, sscale = _light_matrix(key, focus, 0.6)
        shadow_on = key.shadow and not sentinel
        ctx.enable(ctx.DEPTH_TEST)
        ctx.disable(ctx.CULL_FACE)
        if shadow_on:
            sfbo.use()
            sfbo.clear(1e6, 1e6, 1e6, 1e6, depth=1.0)
            sprog["light_vp"].write(_mat(light_vp))
            sprog["key_point"].value = int(key.point)
            sprog["key_pos"].value = tuple(key.position)
            kd = np.asarray(key.direction, float)
            sprog["key_dir"].value = tuple(kd / np.linalg.norm(kd))
            for it in items:
                if not it.casts_shadow:
                    continue
                vao, vbo, ibo = _vao(ctx, sprog, it.mesh, ("in_pos",))
                released += [vao, vbo, ibo]
                vao.render()
        w, h = view.width, view.height
        fbo, res = _targets(w, h, samples)
        fbo.use()
        fbo.clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
        vmat, pmat = view.gl_matrices()
        prog["mvp"].write(_mat(pmat @ vmat))
        prog["view"].write(_mat(vmat))
        prog["light_vp"].write(_mat(light_vp))
        prog["cam_pos"].value = tuple(view.position)
        prog["flat_mode"].value = int(sentinel)
        prog["sky"].value = tuple(lighting.sky)
        prog["ground"].value = tuple(lighting.ground)
        prog["key_point"].value = int(key.point)
        prog["key_pos"].value = tuple(key.position)
        kd = np.asarray(key.direction, float)
        prog["key_dir"].value = tuple(kd / np.linalg.norm(kd))
        prog["key_color"].value = tuple(key.color)
        prog["key_size"].value = float(key.size)
        prog["key_shadow"].value = int(shadow_on)
        prog["shadow_scale"].value = float(sscale)
        fills = lighting.fills[:8]
        prog["n_fill"].value = len(fills)
        if fills:
            pos = [p for p, _ in fills] + [(0.0, 0.0, 0.0)] * (8 - len(fills))
            col = [c for _, c in fills] + [(0.0, 0.0, 0.0)] * (8 - len(fills))
            prog["fill_pos"].write(np.asarray(pos, "f4").tobytes())
            prog["fill_color"].write(np.asarray(col, "f4").tobytes())
        prog["tex"].value = 0
        prog["shadow_map"].value = 1
        smap.use(location=1)
        for k, it in enumerate(items):
            if not it.visible or (sentinel and not it.is_sheet):
                continue
            m = it.material
            if k in textures:
                textures[k].use(location=0)  # type: ignore[attr-defined]
            prog["has_tex"].value = int(k in textures)
            base = (1.0, 1.0, 1.0) if (sentinel and m.sentinel is not None) else m.color
            prog["base_color"].value = tuple(base)
            prog["has_back"].value = int(m.back is not None)
            prog["back_color"].value = tuple(m.back if m.back is not None else (0.0, 0.0, 0.0))
            prog["spec_strength"].value = float(m.specular)
            prog["shininess"].value = float(m.shininess)
            prog["emissive"].value = float(m.emissive)
            vao, vbo, ibo = _vao(ctx, prog, it.mesh, ("in_pos", "in_nrm", "in_uv"))
            released += [vao, vbo, ibo]
            vao.render()
        ctx.copy_framebuffer(res, fbo)  # resolves the multisampling
        rgb = np.frombuffer(res.read(components=4, dtype="f4", attachment=0), "f4").reshape(h, w, 4)[
            ::-1, :, :3
        ]
        depth = np.frombuffer(res.read(components=1, dtype="f4", attachment=1), "f4").reshape(h, w)[::-1]
        return np.ascontiguousarray(rgb), np.ascontiguousarray(depth)
    finally:
        for r in released:
            r.release()
