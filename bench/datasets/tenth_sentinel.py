"""Proof that the tenth set's truth is where LuxCore draws the document.

A flat white page with a red top-left square lies on a black counter under a uniform sky;
the rendered page's outline is compared with the corners `CameraPose.project` gives (IoU) and
the red square must sit at the projected top-left corner. Run in the rendering process only
(see tenth_worker): it loads LuxCore.
"""

from __future__ import annotations

import cv2
import numpy as np

from bench.datasets.tenth_geometry import Mesh, Sheet, rot_z
from bench.datasets.tenth_layout import camera_pose
from bench.datasets.tenth_render import Stage, Thing, render


def _page(ppm: int = 4) -> tuple[np.ndarray, float, float]:
    w, h = 0.148, 0.105  # A6, landscape
    img = np.full((round(h * 1000 * ppm), round(w * 1000 * ppm), 3), 245, np.uint8)
    img[: img.shape[0] // 4, : img.shape[1] // 5] = (230, 20, 20)  # RGB: red at the top-left
    return img, w, h


def _coverage(corners: np.ndarray, shape: tuple[int, ...], k: int = 8) -> np.ndarray:
    """Pixels more than half inside the quadrilateral (pixel i spans i - 0.5 .. i + 0.5)."""
    fine = np.zeros((shape[0] * k, shape[1] * k), np.uint8)
    pts = (corners + 0.5) * k - 0.5  # into the fine grid's own pixel-centre coordinates
    cv2.fillPoly(fine, [np.round(pts * 16).astype(np.int32)], 255, lineType=cv2.LINE_8, shift=4)
    return (cv2.resize(fine, (shape[1], shape[0]), interpolation=cv2.INTER_AREA) >= 128).astype(np.uint8)


def check(seed: int, size: tuple[int, int], cases: int = 3) -> dict[str, object]:
    rng = np.random.default_rng([30_010, seed])
    results = []
    for case in range(cases):
        camera = camera_pose(rng, "tilted_camera" if case == cases - 1 else "ceiling_panels", size)
        img, w, h = _page()
        sheet = Sheet(w, h, 5, 5)
        rot = rot_z(rng.uniform(0, 2 * np.pi))
        target = np.asarray(camera.target)
        trans = np.array([target[0], target[1], 0.001]) - rot @ np.array([w / 2, -h / 2, 0.0])
        corners = sheet.corners(rot, trans)
        floor = Mesh(
            np.array([[-2, -2, 0], [2, -2, 0], [2, 2, 0], [-2, 2, 0]], float),
            np.array([[0, 1, 2], [0, 2, 3]]),
        )
        stage = Stage(
            [
                Thing("floor", floor, {"type": "matte", "kd": "0.02 0.02 0.02"}),
                Thing("page", sheet.mesh(rot, trans), {"type": "matte"}, texture=img),
            ],
            "scene.lights.sky.type = constantinfinite\nscene.lights.sky.color = 1 1 1\n",
        )
        linear, _ = render(stage, camera, 2)
        bright = linear.max(axis=2)
        level = float(np.percentile(bright, 99))
        page = (bright > 0.5 * level).astype(np.uint8)
        truth_px = camera.project(corners)
        truth = _coverage(truth_px, page.shape)
        iou = float((page & truth).sum() / max(1, (page | truth).sum()))
        red = (linear[..., 2] > 0.4 * level) & (linear[..., 1] < 0.25 * linear[..., 2])
        ys, xs = np.nonzero(red)
        red_centre = np.array([xs.mean(), ys.mean()]) if len(xs) else np.array([np.nan, np.nan])
        nearest = int(np.argmin(np.linalg.norm(truth_px - red_centre, axis=1)))
        ys_p, xs_p = np.nonzero(page)
        ys_t, xs_t = np.nonzero(truth)
        offset = (np.array([xs_p.mean() - xs_t.mean(), ys_p.mean() - ys_t.mean()])).round(2).tolist()
        results.append(
            {
                "iou": round(iou, 4),
                "tl_ok": nearest == 0,
                "nearest": nearest,
                "offset": offset,
                "area_ratio": round(float(page.sum() / truth.sum()), 4),
                "corners": truth_px.round(2).tolist(),
            }
        )
    return {
        "cases": results,
        "min_iou": min(r["iou"] for r in results),
        "tl_ok": all(r["tl_ok"] for r in results),
    }
