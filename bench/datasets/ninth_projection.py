"""World points to frame pixels with VTK's own camera matrices.

VTK's shadow maps mis-cover non-square windows, so the renderer draws a square frame as wide as
the output and keeps its middle rows: the square's vertical view angle is the output's
horizontal one. Pixel centres are at integers (OpenCV's convention): GL's pixel i spans
[i, i + 1), hence the half-pixel shift; rows count down, GL's count up, hence the flip.
"""

from __future__ import annotations

import numpy as np
import vtk

from bench.datasets.ninth_scene import CameraSpec

WIDTH, HEIGHT = 1920, 1080


def square_view_angle(spec: CameraSpec, width: int = WIDTH, height: int = HEIGHT) -> float:
    half = np.radians(spec.view_angle) / 2
    return float(np.degrees(2 * np.arctan(np.tan(half) * width / height)))


def vtk_camera(spec: CameraSpec, width: int = WIDTH, height: int = HEIGHT) -> vtk.vtkCamera:
    """The camera of the square render (its view angle widened to the frame's width)."""
    cam = vtk.vtkCamera()
    cam.SetPosition(*spec.position)
    cam.SetFocalPoint(*spec.focal)
    cam.SetViewUp(*spec.up)
    cam.OrthogonalizeViewUp()
    cam.SetViewAngle(square_view_angle(spec, width, height))
    # A tight depth range: SSAO bands on flat trays when the depth buffer is spread thin.
    cam.SetClippingRange(80.0, 1600.0)
    return cam


def project_with(cam: vtk.vtkCamera, points: np.ndarray, width: int, height: int) -> np.ndarray:
    """Pixels (x, y) in the width x height frame cut from the middle of a width x width render."""
    m = cam.GetCompositeProjectionTransformMatrix(1.0, -1.0, 1.0)
    mat = np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])
    h = np.c_[np.asarray(points, float), np.ones(len(points))] @ mat.T
    ndc = h[:, :3] / h[:, 3:4]
    x = (ndc[:, 0] + 1) / 2 * width - 0.5
    y = (1 - ndc[:, 1]) / 2 * width - 0.5 - (width - height) / 2
    return np.c_[x, y]


def project(spec: CameraSpec, points: np.ndarray, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    return project_with(vtk_camera(spec, width, height), points, width, height)
