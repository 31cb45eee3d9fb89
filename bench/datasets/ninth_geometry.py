"""The ninth set's meshes, in millimetres, as numpy triangle soups turned into vtkPolyData.

Paper bends only isometrically (a curl rolls a strip round a cylinder, a fold turns one side of
a crease), so a sheet's corners stay where the paper's own corners are: the truth is the
deformed mesh's corner vertices, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import vtk
from vtk.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray


@dataclass
class Mesh:
    points: np.ndarray  # N x 3 float
    triangles: np.ndarray  # M x 3 int
    tcoords: np.ndarray | None = None  # N x 2, (0, 0) the face's bottom left

    def transformed(self, m: np.ndarray) -> Mesh:
        p = np.c_[self.points, np.ones(len(self.points))] @ m.T
        return Mesh(p[:, :3], self.triangles, self.tcoords)


def merge(meshes: list[Mesh]) -> Mesh:
    pts, tris, off = [], [], 0
    for m in meshes:
        pts.append(m.points)
        tris.append(m.triangles + off)
        off += len(m.points)
    return Mesh(np.vstack(pts), np.vstack(tris))


def to_polydata(mesh: Mesh, smooth: bool = True) -> vtk.vtkPolyData:
    pd = vtk.vtkPolyData()
    pts = vtk.vtkPoints()
    pts.SetData(numpy_to_vtk(np.ascontiguousarray(mesh.points, dtype=np.float64), deep=1))
    pd.SetPoints(pts)
    cells = vtk.vtkCellArray()
    tri = np.ascontiguousarray(mesh.triangles, dtype=np.int64)
    offsets = np.arange(0, 3 * len(tri) + 1, 3, dtype=np.int64)
    cells.SetData(numpy_to_vtkIdTypeArray(offsets, deep=1), numpy_to_vtkIdTypeArray(tri.ravel(), deep=1))
    pd.SetPolys(cells)
    if mesh.tcoords is not None:
        tc = numpy_to_vtk(np.ascontiguousarray(mesh.tcoords, dtype=np.float32), deep=1)
        tc.SetName("tcoords")
        pd.GetPointData().SetTCoords(tc)
    normals = vtk.vtkPolyDataNormals()
    normals.SetInputData(pd)
    normals.SetSplitting(not smooth)
    normals.SetFeatureAngle(50)
    normals.ConsistencyOn()
    normals.AutoOrientNormalsOff()
    normals.Update()
    return normals.GetOutput()


def from_vtk(source: vtk.vtkAlgorithm) -> Mesh:
    """A VTK source's triangles as a Mesh, so everything is posed the same way."""
    tri = vtk.vtkTriangleFilter()
    tri.SetInputConnection(source.GetOutputPort())
    tri.Update()
    out = tri.GetOutput()
    from vtk.util.numpy_support import vtk_to_numpy

    pts = vtk_to_numpy(out.GetPoints().GetData()).astype(np.float64)
    conn = vtk_to_numpy(out.GetPolys().GetConnectivityArray()).reshape(-1, 3)
    return Mesh(pts, conn.astype(np.int64))


# --- poses -----------------------------------------------------------------------------------


def rot_x(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[1, 0, 0, 0], [0, c, -s, 0], [0, s, c, 0], [0, 0, 0, 1.0]])


def rot_y(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s, 0], [0, 1, 0, 0], [-s, 0, c, 0], [0, 0, 0, 1.0]])


def rot_z(a: float) -> np.ndarray:
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1.0]])


def translate(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def scale(x: float, y: float, z: float) -> np.ndarray:
    return np.diag([x, y, z, 1.0])


# --- paper -----------------------------------------------------------------------------------


def sheet(w: float, h: float, step: float = 4.0) -> Mesh:
    """A flat sheet from (0, 0) to (w, h) at z = 0, its texture upright."""
    nx, ny = max(2, int(np.ceil(w / step))), max(2, int(np.ceil(h / step)))
    u, v = np.meshgrid(np.linspace(0, 1, nx + 1), np.linspace(0, 1, ny + 1))
    pts = np.c_[u.ravel() * w, v.ravel() * h, np.zeros(u.size)]
    idx = np.arange((nx + 1) * (ny + 1)).reshape(ny + 1, nx + 1)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    tris = np.vstack([np.c_[a, b, c], np.c_[a, c, d]])
    return Mesh(pts, tris, np.c_[u.ravel(), v.ravel()])


def curl(mesh: Mesh, axis: int, start: float, radius: float, upward_from_high: bool = True) -> Mesh:
    """Roll the part of the sheet beyond ``start`` along ``axis`` round a cylinder of ``radius``.

    Arc length is kept: a point at distance s past the start lands at angle s / radius.
    """
    p = mesh.points.copy()
    coord = p[:, axis]
    s = coord - start if upward_from_high else start - coord
    beyond = s > 0
    theta = s[beyond] / radius
    sign = 1.0 if upward_from_high else -1.0
    p[beyond, axis] = start + sign * radius * np.sin(theta)
    p[beyond, 2] += radius * (1 - np.cos(theta))
    return Mesh(p, mesh.triangles, mesh.tcoords)


def fold(mesh: Mesh, point: np.ndarray, direction: np.ndarray, angle: float) -> Mesh:
    """Turn the part of the sheet left of a crease line by ``angle`` about the crease (lifting it)."""
    p = mesh.points.copy()
    d = np.asarray(direction, float) / np.linalg.norm(direction)
    normal = np.array([-d[1], d[0]])
    dist = (p[:, :2] - point) @ normal
    left = dist > 0
    # Rotation about the crease: the distance from it goes partly into height.
    p[left, 0] -= normal[0] * dist[left] * (1 - np.cos(angle))
    p[left, 1] -= normal[1] * dist[left] * (1 - np.cos(angle))
    p[left, 2] += dist[left] * np.sin(angle)
    return Mesh(p, mesh.triangles, mesh.tcoords)


def sag(mesh: Mesh, depth: float) -> Mesh:
    """A gentle dome or dip over the whole sheet (paper that was stacked or held)."""
    p = mesh.points.copy()
    lo, hi = p[:, :2].min(0), p[:, :2].max(0)
    q = (p[:, :2] - lo) / np.maximum(hi - lo, 1e-6) * 2 - 1
    p[:, 2] += depth * (1 - q[:, 0] ** 2) * (1 - q[:, 1] ** 2)
    return Mesh(p, mesh.triangles, mesh.tcoords)


# --- cards -----------------------------------------------------------------------------------


def rounded_outline(w: float, h: float, r: float, per_corner: int = 8) -> np.ndarray:
    pts = []
    for cx, cy, a0 in ((w - r, r, -np.pi / 2), (w - r, h - r, 0), (r, h - r, np.pi / 2), (r, r, np.pi)):
        for a in np.linspace(a0, a0 + np.pi / 2, per_corner):
            pts.append((cx + r * np.cos(a), cy + r * np.sin(a)))
    return np.array(pts)


def card(w: float, h: float, thickness: float, r: float = 3.18) -> tuple[Mesh, Mesh]:
    """An ID-1 card lying on z = 0: its printed top face (textured) and its edge and back."""
    ring = rounded_outline(w, h, r)
    n = len(ring)
    top_pts = np.vstack([[w / 2, h / 2], ring])
    top = Mesh(
        np.c_[top_pts, np.full(n + 1, thickness)],
        np.array([[0, 1 + i, 1 + (i + 1) % n] for i in range(n)]),
        np.c_[top_pts[:, 0] / w, top_pts[:, 1] / h],
    )
    bottom = np.c_[ring, np.zeros(n)]
    upper = np.c_[ring, np.full(n, thickness)]
    side_tris = []
    for i in range(n):
        j = (i + 1) % n
        side_tris += [[i, j, n + j], [i, n + j, n + i]]
    body = Mesh(np.vstack([bottom, upper]), np.array(side_tris))
    return top, body


def box(x0: float, y0: float, z0: float, x1: float, y1: float, z1: float) -> Mesh:
    cube = vtk.vtkCubeSource()
    cube.SetBounds(x0, x1, y0, y1, z0, z1)
    return from_vtk(cube)


# --- people and things -----------------------------------------------------------------------


def _tube(points: np.ndarray, radius: float, sides: int = 14) -> Mesh:
    line = vtk.vtkLineSource()
    vp = vtk.vtkPoints()
    for q in points:
        vp.InsertNextPoint(*q)
    line.SetPoints(vp)
    spline = vtk.vtkSplineFilter()
    spline.SetInputConnection(line.GetOutputPort())
    spline.SetNumberOfSubdivisions(12)
    tube = vtk.vtkTubeFilter()
    tube.SetInputConnection(spline.GetOutputPort())
    tube.SetRadius(radius)
    tube.SetNumberOfSides(sides)
    tube.CappingOn()
    tips = [_sphere(points[0], radius), _sphere(points[-1], radius)]
    return merge([from_vtk(tube), *tips])


def _sphere(c: np.ndarray, r: float, res: int = 16) -> Mesh:
    s = vtk.vtkSphereSource()
    s.SetCenter(*c)
    s.SetRadius(r)
    s.SetThetaResolution(res)
    s.SetPhiResolution(res)
    return from_vtk(s)


def hand(rng: np.random.Generator, grip: float) -> Mesh:
    """A right hand, palm down, fingertips towards +x at the origin, the forearm towards -x.

    ``grip`` 0 is a flat hand pressing on a surface, 1 fingers curled round an edge.
    """
    palm = _sphere(np.zeros(3), 1.0, 24).transformed(translate(-55, 0, 14) @ scale(48, 42, 14))
    parts = [palm]
    spread = rng.uniform(0.8, 1.2)
    lengths = (70, 78, 74, 60)
    for k, (dy, length) in enumerate(zip((-27, -9, 9, 25), lengths, strict=True)):
        a = np.deg2rad((k - 1.5) * 5 * spread)
        curl_z = -grip * length * 0.45
        pts = np.array(
            [
                [-20, dy, 14],
                [-20 + length * 0.45 * np.cos(a), dy + length * 0.45 * np.sin(a), 12],
                [-20 + length * 0.8 * np.cos(a), dy + length * 0.8 * np.sin(a), 10 + curl_z * 0.5],
                [-20 + length * np.cos(a), dy + length * np.sin(a), 8 + curl_z],
            ]
        )
        parts.append(_tube(pts, 8.5 - k * 0.6))
    thumb = np.array([[-70, -38, 10], [-45, -58, 6], [-20, -62, 3 + grip * 14], [-5, -58, 2 + grip * 16]])
    parts.append(_tube(thumb, 10.0))
    parts.append(_tube(np.array([[-90, 0, 16], [-200, 5, 40], [-420, 10, 90]]), 33.0, 20))
    return merge(parts)


def pen(length: float = 140.0, radius: float = 4.5) -> tuple[Mesh, Mesh]:
    """A ballpoint lying along +x: its barrel and its cap/tip."""
    barrel = vtk.vtkCylinderSource()
    barrel.SetRadius(radius)
    barrel.SetHeight(length)
    barrel.SetResolution(20)
    body = from_vtk(barrel).transformed(translate(0, 0, radius) @ rot_z(np.pi / 2))
    cone = vtk.vtkConeSource()
    cone.SetRadius(radius)
    cone.SetHeight(14)
    cone.SetResolution(20)
    tip = from_vtk(cone).transformed(translate(length / 2 + 7, 0, radius))
    return body, tip


def cylinder(radius: float, height: float, res: int = 40) -> Mesh:
    """Standing on z = 0."""
    c = vtk.vtkCylinderSource()
    c.SetRadius(radius)
    c.SetHeight(height)
    c.SetResolution(res)
    return from_vtk(c).transformed(translate(0, 0, height / 2) @ rot_x(np.pi / 2))


def cup(radius: float = 40.0, height: float = 90.0) -> Mesh:
    torus = vtk.vtkParametricTorus()
    torus.SetRingRadius(22)
    torus.SetCrossSectionRadius(5)
    src = vtk.vtkParametricFunctionSource()
    src.SetParametricFunction(torus)
    handle = from_vtk(src).transformed(translate(radius + 10, 0, height * 0.55) @ rot_x(np.pi / 2))
    return merge([cylinder(radius, height), handle])


def rounded_slab(w: float, h: float, thickness: float, r: float) -> tuple[Mesh, Mesh]:
    """A phone or a wallet: a rounded rectangle with thickness, centred on the origin."""
    top, body = card(w, h, thickness, r)
    m = translate(-w / 2, -h / 2, 0)
    return top.transformed(m), body.transformed(m)
