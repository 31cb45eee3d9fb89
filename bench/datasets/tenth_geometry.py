"""Meshes of the tenth document set, in metres, z up, the counter top at z = 0.

Documents are built in their own frame (u right along the top edge, v down the left edge, both
from the document's top-left as read), deformed there, then placed; the corners the truth uses
are vertices of the very mesh the renderer draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Mesh:
    vertices: np.ndarray  # (N, 3) float
    faces: np.ndarray  # (M, 3) int, counter-clockwise seen from outside
    uvs: np.ndarray | None = None  # (N, 2); LuxCore puts v = 0 on the image's top row

    def transformed(self, rotation: np.ndarray, translation: np.ndarray) -> Mesh:
        return Mesh(self.vertices @ rotation.T + translation, self.faces, self.uvs)


def rot_z(angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def rot_x(angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def rot_y(angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])


def merge(meshes: list[Mesh]) -> Mesh:
    verts: list[np.ndarray] = []
    faces: list[np.ndarray] = []
    uvs: list[np.ndarray] = []
    offset = 0
    for m in meshes:
        verts.append(m.vertices)
        faces.append(m.faces + offset)
        uvs.append(m.uvs if m.uvs is not None else np.zeros((len(m.vertices), 2)))
        offset += len(m.vertices)
    return Mesh(np.vstack(verts), np.vstack(faces), np.vstack(uvs))


def grid(nu: int, nv: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parameters s, t in [0, 1] of an nu x nv vertex grid and its faces (normal +z when s->x, t->-y)."""
    s, t = np.meshgrid(np.linspace(0, 1, nu), np.linspace(0, 1, nv))
    idx = np.arange(nu * nv).reshape(nv, nu)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, 1:], idx[1:, :-1]
    faces = np.concatenate([np.stack([a, d, c], -1).reshape(-1, 3), np.stack([a, c, b], -1).reshape(-1, 3)])
    return s.ravel(), t.ravel(), faces


@dataclass
class Sheet:
    """A sheet in its own frame: local (x, y, z) = (u, -v, lift); corners TL, TR, BR, BL."""

    width: float
    height: float
    nu: int = 33
    nv: int = 45
    local: np.ndarray = field(init=False)
    faces: np.ndarray = field(init=False)
    uvs: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        s, t, self.faces = grid(self.nu, self.nv)
        self.local = np.stack([s * self.width, -t * self.height, np.zeros_like(s)], -1)
        self.uvs = np.stack([s, t], -1)

    @property
    def corner_index(self) -> np.ndarray:
        n = self.nu * self.nv
        return np.array([0, self.nu - 1, n - 1, n - self.nu])

    def mesh(self, rotation: np.ndarray, translation: np.ndarray) -> Mesh:
        return Mesh(self.local @ rotation.T + translation, self.faces, self.uvs)

    def corners(self, rotation: np.ndarray, translation: np.ndarray) -> np.ndarray:
        return self.local[self.corner_index] @ rotation.T + translation

    # Deformations keep arc length along the bent direction (paper does not stretch).
    def curl_edge(self, along: str, start: float, radius: float, from_far_end: bool) -> None:
        """Roll one edge up round a cylinder of `radius`, from `start` (fraction of the length
        measured from the opposite, flat edge); the far edge (right or bottom) or the near one."""
        axis = 0 if along == "u" else 1
        sign = 1.0 if axis == 0 else -1.0
        length = self.width if axis == 0 else self.height
        coord = self.local[:, axis] * sign  # 0 .. length from the top-left edge
        flip = not from_far_end
        if flip:
            coord = length - coord
        s0 = start * length
        arc = np.clip(coord - s0, 0, None)
        bent = arc > 0
        new_coord = np.where(bent, s0 + radius * np.sin(arc / radius), coord)
        lift = np.where(bent, radius * (1 - np.cos(arc / radius)), 0.0)
        if flip:
            new_coord = length - new_coord
        self.local[:, axis] = new_coord * sign
        self.local[:, 2] += lift

    def crease(self, along: str, at: float, angle: float) -> None:
        """A fold line across the sheet at fraction `at`; the far part rises by `angle`."""
        axis = 0 if along == "u" else 1
        sign = 1.0 if axis == 0 else -1.0
        length = self.width if axis == 0 else self.height
        coord = self.local[:, axis] * sign
        s0 = at * length
        beyond = coord > s0
        d = coord - s0
        self.local[:, axis] = np.where(beyond, (s0 + d * np.cos(angle)) * sign, self.local[:, axis])
        self.local[:, 2] += np.where(beyond, d * np.sin(angle), 0.0)

    def lift_corner(self, which: int, height: float, reach: float) -> None:
        c = self.local[self.corner_index[which], :2]
        dist = np.linalg.norm(self.local[:, :2] - c, axis=1)
        self.local[:, 2] += height * np.clip(1 - dist / reach, 0, None) ** 2

    def ripple(self, amplitude: float, rng: np.random.Generator) -> None:
        k1, k2 = rng.uniform(4, 14, 2)
        p1, p2 = rng.uniform(0, 6, 2)
        x, y = self.local[:, 0] / self.width, self.local[:, 1] / self.height
        self.local[:, 2] += amplitude * (np.sin(k1 * x + p1) * np.sin(k2 * y + p2) + 1) / 2

    def bow(self, along: str, radius: float) -> None:
        """Bend the whole sheet about its middle (a card bowed in a wallet, a page sagging)."""
        axis = 0 if along == "u" else 1
        sign = 1.0 if axis == 0 else -1.0
        length = self.width if axis == 0 else self.height
        d = self.local[:, axis] * sign - length / 2
        self.local[:, axis] = (length / 2 + radius * np.sin(d / radius)) * sign
        self.local[:, 2] += radius * (1 - np.cos(d / radius))


def rounded_rect_outline(w: float, h: float, r: float, per_corner: int = 8) -> np.ndarray:
    """The outline of an ID-1 card in its own frame (x right, y down negated), counter-clockwise."""
    pts = []
    centres = ((w - r, -h + r, -np.pi / 2), (w - r, -r, 0.0), (r, -r, np.pi / 2), (r, -h + r, np.pi))
    for cx, cy, a0 in centres:
        for a in np.linspace(a0, a0 + np.pi / 2, per_corner):
            pts.append((cx + r * np.cos(a), cy + r * np.sin(a)))
    return np.array(pts)


def card(w: float, h: float, thickness: float, radius: float) -> tuple[Mesh, Mesh]:
    """(printed top face, white edge band + bottom) of a card; local frame as Sheet's."""
    ring = rounded_rect_outline(w, h, radius)
    n = len(ring)
    centre = np.array([[w / 2, -h / 2]])
    top_xy = np.vstack([centre, ring])
    top = np.column_stack([top_xy, np.full(n + 1, thickness)])
    uv = np.column_stack([top_xy[:, 0] / w, -top_xy[:, 1] / h])
    fan = np.array([[0, 1 + i, 1 + (i + 1) % n] for i in range(n)])
    face = Mesh(top, fan, uv)
    lo = np.column_stack([ring, np.zeros(n)])
    hi = np.column_stack([ring, np.full(n, thickness)])
    verts = np.vstack([lo, hi, [[w / 2, -h / 2, 0.0]]])
    side = []
    for i in range(n):
        j = (i + 1) % n
        side += [[i, j, n + j], [i, n + j, n + i]]
    bottom = [[2 * n, (i + 1) % n, i] for i in range(n)]
    return face, Mesh(verts, np.array(side + bottom))


def box(sx: float, sy: float, sz: float) -> Mesh:
    """Axis-aligned box, base centred on the origin, from z = 0 to sz."""
    x, y = sx / 2, sy / 2
    v = np.array(
        [[-x, -y, 0], [x, -y, 0], [x, y, 0], [-x, y, 0], [-x, -y, sz], [x, -y, sz], [x, y, sz], [-x, y, sz]],
        float,
    )
    f = np.array(
        [
            [0, 2, 1],
            [0, 3, 2],
            [4, 5, 6],
            [4, 6, 7],
            [0, 1, 5],
            [0, 5, 4],
            [1, 2, 6],
            [1, 6, 5],
            [2, 3, 7],
            [2, 7, 6],
            [3, 0, 4],
            [3, 4, 7],
        ]
    )
    uv = np.array([[0, 0], [1, 0], [1, 1], [0, 1]] * 2, float)
    return Mesh(v, f, uv)


def cylinder(radius: float, height: float, segments: int = 32, capped: bool = True) -> Mesh:
    a = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    ring = np.column_stack([radius * np.cos(a), radius * np.sin(a)])
    lo = np.column_stack([ring, np.zeros(segments)])
    hi = np.column_stack([ring, np.full(segments, height)])
    verts = np.vstack([lo, hi, np.array([[0.0, 0.0, 0.0], [0.0, 0.0, height]])])
    faces = []
    for i in range(segments):
        j = (i + 1) % segments
        faces += [[i, j, segments + j], [i, segments + j, segments + i]]
        if capped:
            faces += [[2 * segments, j, i], [2 * segments + 1, segments + i, segments + j]]
    uv = np.column_stack([verts[:, 0] / (2 * radius) + 0.5, verts[:, 1] / (2 * radius) + 0.5])
    return Mesh(verts, np.array(faces), uv)


def ellipsoid(rx: float, ry: float, rz: float, nu: int = 24, nv: int = 14) -> Mesh:
    s, t, faces = grid(nu, nv)
    phi, theta = s * 2 * np.pi, t * np.pi
    v = np.column_stack(
        [rx * np.sin(theta) * np.cos(phi), ry * np.sin(theta) * np.sin(phi), rz * np.cos(theta)]
    )
    return Mesh(v, faces[:, ::-1], np.column_stack([s, t]))


def capsule(radius: float, length: float) -> Mesh:
    """A finger or a pen: an ellipsoid stretched along x, from x = 0 to x = length."""
    m = ellipsoid(length / 2, radius, radius, 20, 10)
    m.vertices[:, 0] += length / 2
    return m


def hand(rng: np.random.Generator) -> Mesh:
    """A right hand in its own frame: palm centred at the origin, fingers along +x, back up (+z).

    The thumb lies on top (z > 0) along +x so it can pinch a sheet whose edge runs along y at
    x ~ 0.06 m; the four fingers run under it. Proportions of an adult hand, scaled by +-8 %.
    """
    k = rng.uniform(0.92, 1.08)
    parts = [ellipsoid(0.048 * k, 0.042 * k, 0.014 * k)]
    for i, (length, y) in enumerate(((0.075, -0.028), (0.085, -0.009), (0.082, 0.010), (0.066, 0.028))):
        f = capsule(0.0085 * k, length * k)
        bend = rot_y(rng.uniform(0.05, 0.25) + 0.05 * i)
        parts.append(f.transformed(bend, np.array([0.035 * k, y * k, -0.012 * k])))
    thumb = capsule(0.0105 * k, 0.062 * k)
    parts.append(thumb.transformed(rot_z(-0.35) @ rot_y(-0.12), np.array([0.012 * k, -0.040 * k, 0.010 * k])))
    wrist = capsule(0.030 * k, 0.18).transformed(rot_z(np.pi), np.array([-0.02 * k, 0.0, 0.0]))
    parts.append(wrist)
    return merge(parts)
