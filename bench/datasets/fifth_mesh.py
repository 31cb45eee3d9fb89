"""Triangle meshes for the fifth document set: bent sheets, boxes, ellipsoids, capsules, cylinders.

Every builder returns a :class:`~bench.datasets.fifth_gl.Mesh` in world metres (z up, the
counter top at z = 0). A sheet is a parametric grid: its four corner vertices are exactly the
points the ground truth projects, so whatever bend is applied, truth and pixels share them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bench.datasets.fifth_gl import Mesh

Deform = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (u, v) in metres → (…, 3) local xyz


def rot_z(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])


def rot_x(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[1.0, 0, 0], [0, c, -s], [0, s, c]])


def rot_y(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s], [0, 1.0, 0], [-s, 0, c]])


def _grid_indices(nu: int, nv: int) -> np.ndarray:
    i = np.arange(nu - 1)
    j = np.arange(nv - 1)
    jj, ii = np.meshgrid(j, i, indexing="ij")
    a = (jj * nu + ii).ravel()
    b, c, d = a + 1, a + nu, a + nu + 1
    return np.concatenate([np.stack([a, b, d], 1), np.stack([a, d, c], 1)]).astype(np.uint32)


def surface(points: np.ndarray, uv: np.ndarray) -> Mesh:
    """A mesh from a (nv, nu, 3) grid of points and its (nv, nu, 2) texture coordinates."""
    nv, nu = points.shape[:2]
    du = np.gradient(points, axis=1)
    dv = np.gradient(points, axis=0)
    n = np.cross(dv, du)  # +z for a flat sheet whose v runs towards −y (the page read upright)
    n /= np.linalg.norm(n, axis=2, keepdims=True) + 1e-12
    return Mesh(
        points.reshape(-1, 3).astype(np.float32),
        n.reshape(-1, 3).astype(np.float32),
        uv.reshape(-1, 2).astype(np.float32),
        _grid_indices(nu, nv),
    )


def sheet(
    width: float, height: float, deform: Deform, pose_r: np.ndarray, pose_t: np.ndarray, nu: int, nv: int
):
    """The sheet's mesh and its corner points (TL, TR, BR, BL as the page reads) in world space."""
    us = np.linspace(0.0, width, nu)
    vs = np.linspace(0.0, height, nv)
    uu, vv = np.meshgrid(us, vs)
    local = deform(uu, vv)
    world = local @ pose_r.T + pose_t
    uv = np.stack([uu / width, vv / height], axis=2)
    cu = np.array([0.0, width, width, 0.0])
    cv = np.array([0.0, 0.0, height, height])
    corners = deform(cu, cv) @ pose_r.T + pose_t
    return surface(world, uv), corners


def merge(meshes: list[Mesh]) -> Mesh:
    off = 0
    idx = []
    for m in meshes:
        idx.append(m.indices + off)
        off += len(m.positions)
    return Mesh(
        np.concatenate([m.positions for m in meshes]),
        np.concatenate([m.normals for m in meshes]),
        np.concatenate([m.uvs for m in meshes]),
        np.concatenate(idx).astype(np.uint32),
    )


def _quad(p0, ex, ey, normal, uv=((0, 0), (1, 0), (1, 1), (0, 1))) -> Mesh:  # type: ignore[no-untyped-def]
    pts = np.array([p0, p0 + ex, p0 + ex + ey, p0 + ey], np.float32)
    nrm = np.tile(np.asarray(normal, np.float32), (4, 1))
    return Mesh(pts, nrm, np.array(uv, np.float32), np.array([[0, 1, 2], [0, 2, 3]], np.uint32))


def box(center, size, yaw: float = 0.0) -> tuple[Mesh, Mesh]:  # type: ignore[no-untyped-def]
    """(top face, the other five) of a box standing on its base; the top's texture reads upright
    with its rows along −y before the yaw."""
    sx, sy, sz = size
    r = rot_z(yaw)
    c = np.asarray(center, float)
    ex, ey, ez = r[:, 0] * sx, r[:, 1] * sy, r[:, 2] * sz
    base = c - ex / 2 - ey / 2  # bottom-left-front corner at the base
    top = _quad(base + ez + ey, ex, -ey, r[:, 2])
    sides = [
        _quad(base, ex, ez, -r[:, 1]),
        _quad(base + ey + ex, -ex, ez, r[:, 1]),
        _quad(base + ey, -ey, ez, -r[:, 0]),
        _quad(base + ex, ey, ez, r[:, 0]),
        _quad(base + ey, ex, -ey, -r[:, 2]),
    ]
    return top, merge(sides)


def ellipsoid(center, radii, rot: np.ndarray | None = None, n: int = 16) -> Mesh:  # type: ignore[no-untyped-def]
    th = np.linspace(0, np.pi, n)
    ph = np.linspace(0, 2 * np.pi, 2 * n)
    pp, tt = np.meshgrid(ph, th)
    unit = np.stack([np.sin(tt) * np.cos(pp), np.sin(tt) * np.sin(pp), np.cos(tt)], axis=2)
    rad = np.asarray(radii, float)
    rot = np.eye(3) if rot is None else rot
    pts = (unit * rad) @ rot.T + np.asarray(center, float)
    nrm = (unit / rad) @ rot.T
    nrm /= np.linalg.norm(nrm, axis=2, keepdims=True)
    uv = np.stack([pp / (2 * np.pi), tt / np.pi], axis=2)
    return Mesh(
        pts.reshape(-1, 3).astype(np.float32),
        nrm.reshape(-1, 3).astype(np.float32),
        uv.reshape(-1, 2).astype(np.float32),
        _grid_indices(2 * n, n),
    )


def _frame(axis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = axis / np.linalg.norm(axis)
    helper = np.array([0.0, 0.0, 1.0]) if abs(a[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    x = np.cross(a, helper)
    x /= np.linalg.norm(x)
    return x, np.cross(a, x)


def capsule(p0, p1, r0: float, r1: float, n: int = 14) -> Mesh:  # type: ignore[no-untyped-def]
    """A tapered cylinder from p0 (radius r0) to p1 (radius r1) with round ends (a finger bone)."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    axis = p1 - p0
    x, y = _frame(axis)
    ang = np.linspace(0, 2 * np.pi, 2 * n)
    ring = np.cos(ang)[:, None] * x + np.sin(ang)[:, None] * y
    rows = []
    nrms = []
    for t in np.linspace(0, 1, 4):
        r = r0 + (r1 - r0) * t
        rows.append(p0 + axis * t + ring * r)
        nrms.append(ring)
    pts = np.stack(rows)
    nrm = np.stack(nrms)
    uv = np.zeros(pts.shape[:2] + (2,))
    tube = Mesh(
        pts.reshape(-1, 3).astype(np.float32),
        nrm.reshape(-1, 3).astype(np.float32),
        uv.reshape(-1, 2).astype(np.float32),
        _grid_indices(2 * n, 4),
    )
    return merge([tube, ellipsoid(p0, (r0, r0, r0), n=n // 2 + 2), ellipsoid(p1, (r1, r1, r1), n=n // 2 + 2)])


def cylinder(center, radius: float, height: float, n: int = 32) -> tuple[Mesh, Mesh]:  # type: ignore[no-untyped-def]
    """(top disc, side wall) of an upright cylinder standing on ``center``."""
    c = np.asarray(center, float)
    ang = np.linspace(0, 2 * np.pi, n + 1)
    ring = np.stack([np.cos(ang), np.sin(ang), np.zeros_like(ang)], 1)
    bottom = c + ring * radius
    top = bottom + np.array([0, 0, height])
    pts = np.stack([bottom, top])
    nrm = np.stack([ring, ring])
    uv = np.zeros(pts.shape[:2] + (2,))
    uv[..., 0] = (ang / (2 * np.pi))[None]
    uv[1, :, 1] = 1
    side = Mesh(
        pts.reshape(-1, 3).astype(np.float32),
        nrm.reshape(-1, 3).astype(np.float32),
        uv.reshape(-1, 2).astype(np.float32),
        _grid_indices(n + 1, 2),
    )
    centre = c + np.array([0, 0, height])
    disc_pts = np.vstack([centre[None], top]).astype(np.float32)
    disc_uv = np.vstack([[0.5, 0.5], 0.5 + 0.5 * ring[:, :2] * np.array([1, -1])]).astype(np.float32)
    tri = np.stack([np.zeros(n), np.arange(1, n + 1), np.arange(2, n + 2)], 1).astype(np.uint32)
    disc = Mesh(disc_pts, np.tile(np.array([0, 0, 1], np.float32), (n + 2, 1)), disc_uv, tri)
    return disc, side


def rounded_outline(
    width: float, height: float, radius: float, per_arc: int = 6
) -> tuple[np.ndarray, np.ndarray]:
    """(u, v) of a rounded rectangle's outline, clockwise as the page reads (v runs down)."""
    centres = (
        (radius, radius),
        (width - radius, radius),
        (width - radius, height - radius),
        (radius, height - radius),
    )
    us, vs = [], []
    for k, (cu, cv) in enumerate(centres):
        a = np.linspace(np.pi + k * np.pi / 2, np.pi + (k + 1) * np.pi / 2, per_arc)
        us.append(cu + radius * np.cos(a))
        vs.append(cv + radius * np.sin(a))
    return np.concatenate(us), np.concatenate(vs)


def rim(
    u: np.ndarray, v: np.ndarray, deform: Deform, pose_r: np.ndarray, pose_t: np.ndarray, thickness: float
) -> Mesh:
    """The edge of a sheet with thickness (a card's 0.76 mm): a strip from the outline down."""
    top = deform(u, v) @ pose_r.T + pose_t
    down = pose_r[:, 2] * thickness
    loop = np.vstack([top, top[:1]])
    tangent = np.roll(loop, -1, axis=0) - np.roll(loop, 1, axis=0)
    tangent[0] = tangent[-1] = loop[1] - loop[-2]
    out = np.cross(tangent, pose_r[:, 2])
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    if ((loop - loop.mean(0)) * out).sum() < 0:
        out = -out
    pts = np.stack([loop, loop - down])
    nrm = np.stack([out, out])
    uv = np.zeros(pts.shape[:2] + (2,))
    return Mesh(
        pts.reshape(-1, 3).astype(np.float32),
        nrm.reshape(-1, 3).astype(np.float32),
        uv.reshape(-1, 2).astype(np.float32),
        _grid_indices(len(loop), 2),
    )
