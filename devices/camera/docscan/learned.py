"""The learned segmenter: a small convolutional net says which pixels are document; four lines fitted to its mask.

The net (``docseg.onnx`` beside this module, 479,128 bytes, SHA-256 in ``MODEL_SHA256``; 119,137
parameters; trained by ``bench/docseg/train.py``, which says how to reproduce it, on all four
scene generators) takes the frame resized to ``IN_W``×``IN_H`` (BGR, 0..1) and returns the
probability of "document" per pixel at the same size. It is run with ONNX Runtime on one thread
(its fused graph takes 1.2-1.5 ms of CPU a pass here, where OpenCV's DNN module took 2.7-3.0 ms
on two threads for the same probabilities to 1e-6; int8 quantisation of the same graph saved nothing
more and moved them by 0.04). It is loaded once, lazily; a missing or damaged file, or a
missing runtime, is logged once and the detector goes on with its classic pipeline alone.

:func:`quad_from_mask` turns the probability map into a quadrilateral: the largest confident
component, its outline where it is convex (a bite taken by a finger is not the page's side),
four sides fitted robustly (Huber) to the outline points nearest each side of a first
four-point simplification, corners where the sides meet. :class:`MaskQuad` carries what the
detector's acceptance rests on: the mean probability inside and just outside, how much of the
outline lies on the four lines, and how well the quadrilateral covers the mask.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from devices.camera.docscan.geometry import following, intersect, line_through
from devices.camera.docscan.refine import snap_sides

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("docseg.onnx")
MODEL_SHA256 = (
    "649594a0eea731a2cb0985721ca30870eccb0d77dbf84e4c79983013e9d6cf22"  # 479,128 bytes; checked by the tests
)
IN_W, IN_H = 160, 128  # the net's input and output size (width × height)
UP = 2  # the probability map is enlarged this much before its outline is traced
THRESHOLD = 0.5
OPEN = 0.06  # opening radius, as a fraction of the region's square root of area
SNAP = 4.0  # net pixels: how far each fitted side may move onto the mask's edge


@dataclass(frozen=True)
class MaskQuad:
    corners: np.ndarray  # 4×2 float64, in the probability map's pixels (not ordered)
    inside: float  # mean probability inside the quadrilateral (its rim excluded)
    outside: float  # mean probability in a band just outside it
    fit: float  # fraction of the convex outline within a pixel of the four lines
    cover: float  # IoU of the quadrilateral with the thresholded mask
    area: float  # quadrilateral area / map area

    @property
    def confidence(self) -> float:
        """One figure in 0..1: a clear page, a clean outline, and four straight sides."""
        return float(max(0.0, self.inside - self.outside) * self.fit * self.cover)


class Segmenter:
    """The ONNX net, loaded on first use; ``None`` from :meth:`probability` if it cannot be."""

    def __init__(self, path: Path = MODEL_PATH):
        self.path = path
        self._session: InferenceSession | None = None
        self._input = ""
        self._failed = False
        self._lock = threading.Lock()  # one load; ONNX Runtime's run is itself safe across threads

    def _load(self) -> InferenceSession | None:
        if self._session is None and not self._failed:
            try:
                import onnxruntime as ort

                options = ort.SessionOptions()
                # one thread: the pass is too small to split (two threads cost twice the CPU for
                # little less wall time), and the kiosk's other work shares the two cores
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
                options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                options.log_severity_level = 3  # its warnings go to stderr, not to the kiosk's log
                session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
                name = session.get_inputs()[0].name
                # a damaged file can load and fail only on its first pass: try it now
                out = session.run(None, {name: np.zeros((1, 3, IN_H, IN_W), np.float32)})[0]
                if out.shape != (1, 1, IN_H, IN_W):
                    raise ValueError(f"output shape {out.shape}, expected (1, 1, {IN_H}, {IN_W})")
                self._session, self._input = session, name
            except Exception as e:  # noqa: BLE001 - ONNX Runtime raises its own types, or ImportError
                self._failed = True
                log.error(
                    "docscan_model_unusable path=%s error=%s: the document detector goes on without the "
                    "learned segmenter (classic pipeline only); reinstall the package or restore the file",
                    self.path,
                    str(e).strip().splitlines()[-1] if str(e).strip() else e.__class__.__name__,
                )
        return self._session

    @property
    def available(self) -> bool:
        with self._lock:
            return self._load() is not None

    def probability(self, bgr: np.ndarray) -> np.ndarray | None:
        """P(document) per pixel of the frame resized to IN_W×IN_H; None without a usable model."""
        small = bgr
        if small.shape[1] != IN_W or small.shape[0] != IN_H:
            small = cv2.resize(bgr, (IN_W, IN_H), interpolation=cv2.INTER_AREA)
        blob = cv2.dnn.blobFromImage(small, 1.0 / 255.0)
        with self._lock:
            session = self._load()
        if session is None:
            return None
        out = session.run(None, {self._input: blob})[0]
        return out.reshape(IN_H, IN_W)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _four_points(hull: np.ndarray) -> np.ndarray | None:
    """A first four-corner simplification of a convex outline: the largest simplification to four."""
    peri = cv2.arcLength(hull, True)
    lo, hi = 0.0, 0.2
    poly = None
    for _ in range(20):
        eps = (lo + hi) / 2
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) > 4:
            lo = eps
        elif len(approx) < 4:
            hi = eps
        else:
            poly = approx
            break
    if poly is None:
        # jumps from five to three: drop, from the five, the corner whose loss costs least area
        approx = cv2.approxPolyDP(hull, lo * peri, True).reshape(-1, 2).astype(np.float64)
        while len(approx) > 4:
            areas = [
                cv2.contourArea(np.delete(approx, k, axis=0).astype(np.float32)) for k in range(len(approx))
            ]
            approx = np.delete(approx, int(np.argmax(areas)), axis=0)
        if len(approx) != 4:
            return None
        return approx
    return poly.reshape(4, 2).astype(np.float64)


def _distances(pts: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Distance of every point to each of the quadrilateral's four sides (as segments): N×4."""
    a = q
    b = following(q)
    ab = b - a  # 4×2
    t = ((pts[:, None, :] - a[None]) * ab[None]).sum(2) / np.maximum((ab * ab).sum(1), 1e-9)[None]
    t = np.clip(t, 0, 1)
    near = a[None] + t[:, :, None] * ab[None]
    return np.linalg.norm(pts[:, None, :] - near, axis=2)


def _hull_distance(pts: np.ndarray, hull: np.ndarray) -> np.ndarray:
    """Distance of points inside a convex polygon to its boundary (the nearest edge's line)."""
    a = hull
    b = following(hull)
    ab = b - a
    length = np.maximum(np.linalg.norm(ab, axis=1), 1e-9)
    cross = ab[None, :, 0] * (pts[:, None, 1] - a[None, :, 1]) - ab[None, :, 1] * (
        pts[:, None, 0] - a[None, :, 0]
    )
    return np.abs(cross / length[None]).min(axis=1)


def _opened(region: np.ndarray, box: tuple[int, int, int, int], r: int) -> np.ndarray:
    """``region`` opened by a disc of radius ``r``, computed only over its box and ``r + 1`` pixels round it.

    Beyond that margin the region is empty and stays so (the erosion keeps nothing outside it,
    the dilation reaches ``r`` beyond what is kept); where the box meets the map's edge the crop
    meets it too, so the edge is treated as over the whole map. The same result, a fraction of
    the pixels.
    """
    x, y, bw, bh = box
    h, w = region.shape
    x0, y0 = max(x - r - 1, 0), max(y - r - 1, 0)
    x1, y1 = min(x + bw + r + 1, w), min(y + bh + r + 1, h)
    opened = np.zeros_like(region)
    opened[y0:y1, x0:x1] = cv2.morphologyEx(
        region[y0:y1, x0:x1],
        cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1)),
    )
    return opened


def quad_from_mask(prob: np.ndarray, min_area: float = 0.02) -> MaskQuad | None:
    """The document's quadrilateral in ``prob``'s pixels, or None when no large confident region."""
    h, w = prob.shape
    big = cv2.resize(prob, (w * UP, h * UP), interpolation=cv2.INTER_LINEAR)
    binary = (big > THRESHOLD).astype(np.uint8)
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    areas = [cv2.contourArea(c) for c in contours]
    k = int(np.argmax(areas))
    if areas[k] < min_area * big.size:
        return None
    cnt = contours[k]
    region = np.zeros_like(binary)
    cv2.drawContours(region, contours, k, 1, -1)
    # thin things joined to the page (a pen, a finger, a cable) are opened away before the outline
    # is traced; what remains is the page and anything as broad as a fraction of it
    r = max(2, int(round(OPEN * np.sqrt(areas[k]))))
    bx, by, bw, bh = cv2.boundingRect(cnt)
    opened = _opened(region, (bx, by, bw, bh), r)
    found, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if found:
        cnt = max(found, key=cv2.contourArea)
        if cv2.contourArea(cnt) >= min_area * big.size:
            region = np.zeros_like(binary)
            cv2.drawContours(region, [cnt], 0, 1, -1)
        else:
            cnt = contours[k]
    hull = cv2.convexHull(cnt)
    first = _four_points(hull)
    if first is None:
        return None
    pts = cnt.reshape(-1, 2).astype(np.float64)
    # the outline where it is convex: a bite out of a side is not that side
    pts = pts[:: max(1, len(pts) // 400)]
    pts = pts[_hull_distance(pts, hull.reshape(-1, 2).astype(np.float64)) < 1.5]
    d = _distances(pts, first)
    side = d.argmin(axis=1)
    dmin = d.min(axis=1)
    lines = []
    centre = first.mean(axis=0)
    for i in range(4):
        a, b = first[i], first[(i + 1) % 4]
        length = float(np.linalg.norm(b - a))
        sel = pts[(side == i) & (dmin < max(3.0, 0.08 * length))]
        if len(sel) >= 2:
            # away from the corners, where a mask rounds off
            t = ((sel - a) @ (b - a)) / max(length * length, 1e-9)
            inner = sel[(t > 0.1) & (t < 0.9)]
            if len(inner) >= 2:
                sel = inner
        if len(sel) < 2:
            line = line_through(a, b)
        else:
            vx, vy, x0, y0 = cv2.fitLine(
                sel.reshape(-1, 1, 2).astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01
            ).ravel()
            line = line_through(np.array([x0, y0]), np.array([x0 + vx, y0 + vy]))
        # the traced outline runs through the region's edge pixels: the edge itself is half a pixel out
        norm = float(np.hypot(line[0], line[1]))
        line = line / norm
        if line[0] * centre[0] + line[1] * centre[1] + line[2] > 0:
            line = -line
        line[2] -= 0.5
        lines.append(line)
    corners = []
    for i in range(4):
        x = intersect(lines[i - 1], lines[i])
        if x is None:
            return None
        corners.append(x)
    q = np.array(corners)
    if np.linalg.norm(q - first, axis=1).max() > 0.25 * max(w, h) * UP:
        q = first  # a side fitted to the wrong points: keep the simplification
    # each side onto the mask's own edge (its 0.5 crossing, where most of the side agrees)
    q = snap_sides(q, big, SNAP * UP, samples=24, floor=0.05)
    # how well four lines explain the outline
    allpts = cnt.reshape(-1, 2).astype(np.float64)[:: max(1, len(cnt) // 400)]
    fit = float((_distances(allpts, q).min(axis=1) < 1.5 + 0.5).mean())
    qi = np.zeros_like(region)
    cv2.fillPoly(qi, [np.round(q * 4).astype(np.int32)], 1, shift=2)
    inter = float((qi & region).sum())
    cover = inter / max(float((qi | region).sum()), 1.0)
    # mean probability inside (rim excluded) and in a band outside, on the net's own grid
    qs = (q + 0.5) / UP - 0.5
    inner = np.zeros((h, w), np.uint8)
    cv2.fillPoly(inner, [np.round(qs * 4).astype(np.int32)], 1, shift=2)
    ring = cv2.dilate(inner, np.ones((7, 7), np.uint8)) - inner
    core = cv2.erode(inner, np.ones((3, 3), np.uint8))
    inside = float(prob[core > 0].mean()) if core.any() else 0.0
    outside = float(prob[ring > 0].mean()) if ring.any() else 0.0
    area = float(abs(cv2.contourArea(q.astype(np.float32)))) / float(big.size)
    return MaskQuad(qs, inside, outside, fit, cover, area)
