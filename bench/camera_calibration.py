"""Lens calibration on real photographs, and what undistorting each live frame costs.

* RMS reprojection error of ``devices.camera.calibration.calibrate`` on Debian's opencv-doc
  stereo photographs (two real cameras, 13 poses of a 9×6 board each), beside the figure
  OpenCV ships for the left camera (``left_intrinsics.yml``).
* Straightness, leave-one-out: calibrate on 12 of the left photos, undistort the 13th, find
  the board again and measure the RMS distance of each row's corners from its fitted line —
  before and after.
* Cost per frame of ``Undistorter.apply`` (one ``cv2.remap`` with precomputed maps) at
  1280×720 and 1920×1080, and of building the maps once.
* What straightening does for the document detector, on scenes nobody here made: the blind
  document set (``bench/datasets/doc_blind.py``, seed 2) renders every frame through a real lens
  model (k1 from -0.2 to +0.06) whose parameters it knows. Each page is detected in the raw frame
  and in the frame straightened with that lens (a perfect calibration: the best case a
  technician's calibration approaches), and scored against the true corners (moved with the
  same straightening for the second).

* End to end through a wide-angle lens stronger than the blind set's (k1 -0.32 at f = 0.55 W,
  1280×720, like OpenCV's sample camera): a calibration *estimated* from 14 rendered chessboard
  views through that lens, then printed A4 pages on a dark desk placed anywhere in the frame
  (corners included), detected raw and straightened.

    .venv/bin/python bench/camera_calibration.py [--frames 200] [--blind 150] [--wide 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devices.camera.calibration import (  # noqa: E402 - after the path set-up
    Board,
    Calibration,
    Undistorter,
    ViewCollector,
    calibrate,
    find_board,
)

DATA = Path("/usr/share/doc/opencv-doc/examples/data")
BOARD = Board(9, 6, 25.0)


def collect(images: list[np.ndarray]) -> ViewCollector:
    c = ViewCollector(BOARD)
    for im in images:
        c.add(im)
    return c


def real_photos() -> None:
    for side in ("left", "right"):
        files = sorted(DATA.glob(f"{side}[0-9][0-9].jpg"))
        if not files:
            print(f"{side}: opencv-doc photographs missing (apt-get install opencv-doc)")
            return
        c = collect([cv2.imread(str(f)) for f in files])
        t0 = time.perf_counter()
        cal = calibrate(c.views, c.size, BOARD, require_corners=False)
        ms = (time.perf_counter() - t0) * 1000
        k = np.asarray(cal.camera_matrix)
        print(
            f"{side:5}  {len(c.views)} views  RMS {cal.rms_px:.3f} px  fx {k[0, 0]:.1f}  "
            f"k1 {cal.dist_coeffs[0]:+.3f}  coverage {cal.coverage:.0%}  calibrateCamera {ms:.0f} ms"
        )
    fs = cv2.FileStorage(str(DATA / "left_intrinsics.yml"), cv2.FILE_STORAGE_READ)
    if fs.isOpened():
        print(
            f"OpenCV's shipped left_intrinsics.yml: RMS {fs.getNode('avg_reprojection_error').real():.3f} px"
        )

    images = [cv2.imread(str(f)) for f in sorted(DATA.glob("left[0-9][0-9].jpg"))]
    before, after = [], []
    for i, im in enumerate(images):
        c = collect([x for j, x in enumerate(images) if j != i])
        cal = calibrate(c.views, c.size, BOARD, require_corners=False)
        raw, fixed = find_board(im, BOARD), find_board(Undistorter(cal).apply(im), BOARD)
        if raw is None or fixed is None:
            print(f"  left photo {i + 1}: board not found again after undistortion")
            continue
        before.append(BOARD.row_residual(raw))
        after.append(BOARD.row_residual(fixed))
    print(
        f"row straightness, leave-one-out on {len(before)} left photos (RMS px from the fitted line): "
        f"before mean {statistics.mean(before):.2f} max {max(before):.2f}; "
        f"after mean {statistics.mean(after):.2f} max {max(after):.2f}"
    )


def remap_cost(frames: int) -> None:
    rng = np.random.default_rng(0)
    for w, h in ((1280, 720), (1920, 1080)):
        f = 0.55 * w  # a wide-angle lens (~85° horizontal)
        cal = Calibration(w, h, [[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]], [-0.3, 0.1, 0, 0, 0], 0.3, 15, 1.0)
        t0 = time.perf_counter()
        und = Undistorter(cal)
        build_ms = (time.perf_counter() - t0) * 1000
        img = rng.integers(0, 256, (h, w, 3), np.uint8)
        for _ in range(10):
            und.apply(img)
        times = []
        for _ in range(frames):
            t0 = time.perf_counter()
            und.apply(img)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            f"undistort {w}x{h} BGR: median {statistics.median(times):.2f} ms/frame, "
            f"p95 {times[int(0.95 * len(times))]:.2f} ms; maps built once in {build_ms:.0f} ms"
        )


def blind(count: int) -> None:
    from bench.datasets import doc_blind
    from devices.camera.docscan import DocumentDetector, quad_iou

    det = DocumentDetector()
    rows: list[tuple[float, float, float]] = []  # k1, IoU raw, IoU straightened
    for i in range(count):
        s = doc_blind.sample(2, i)
        if s.corners is None:
            continue
        cam = doc_blind._scene(2, i).cam  # the lens the frame was rendered through
        cal = Calibration(*cam.size, cam.K.tolist(), cam.dist.ravel().tolist(), 0.0, 0, 1.0)
        und = Undistorter(cal)
        truth = s.corners.astype(np.float32)
        d_raw = det.detect(s.image)
        d_und = det.detect(und.apply(s.image))
        raw = quad_iou(d_raw.corners, truth) if d_raw is not None else 0.0
        fixed = quad_iou(d_und.corners, und.points(truth).astype(np.float32)) if d_und is not None else 0.0
        rows.append((float(cam.dist.ravel()[0]), raw, fixed))
    if not rows:
        return
    print(f"\nblind set (seed 2, {len(rows)} documents in {count} frames): detector IoU raw → straightened")
    for name, sel in (
        ("all", rows),
        ("k1 < -0.1 (strong barrel)", [r for r in rows if r[0] < -0.1]),
        ("k1 ≥ -0.1", [r for r in rows if r[0] >= -0.1]),
    ):
        if sel:
            r = statistics.mean(x[1] for x in sel)
            f = statistics.mean(x[2] for x in sel)
            hr = sum(x[1] >= 0.9 for x in sel)
            hf = sum(x[2] >= 0.9 for x in sel)
            print(f"  {name:26} {len(sel):3} documents: mean IoU {r:.3f} → {f:.3f}; IoU ≥ 0.9 {hr} → {hf}")


def _bend(ideal: np.ndarray, k: np.ndarray, d: np.ndarray, pad: int) -> np.ndarray:
    """The picture a lens (k, d) makes of ``ideal`` (a pinhole picture with ``pad`` px margins)."""
    h, w = ideal.shape[0] - 2 * pad, ideal.shape[1] - 2 * pad
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float64), np.arange(h, dtype=np.float64))
    crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 100, 1e-10)
    src = cv2.undistortPointsIter(np.c_[xs.ravel(), ys.ravel()].reshape(-1, 1, 2), k, d, None, k, crit)
    mx = (src[:, 0, 0] + pad).reshape(h, w).astype(np.float32)
    my = (src[:, 0, 1] + pad).reshape(h, w).astype(np.float32)
    return cv2.remap(ideal, mx, my, cv2.INTER_LINEAR)


def wide(count: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from devices.camera.docscan import DocumentDetector, quad_iou
    from tests.devices.camera.scenes import desk, place, sheet
    from tests.devices.camera.test_calibration import D_TRUE, K_TRUE, SIZE, synthetic_views

    c = collect(synthetic_views())
    cal = calibrate(c.views, c.size, BOARD)
    und = Undistorter(cal)
    det = DocumentDetector()
    rng = np.random.default_rng(7)
    pad = 600
    raw_iou, fixed_iou = [], []
    crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 100, 1e-10)
    for i in range(count):
        w, h = SIZE
        big = cv2.copyMakeBorder(desk(w, h, seed=i), pad, pad, pad, pad, cv2.BORDER_REFLECT)
        long_side = rng.uniform(0.55, 0.8) * h
        sw, sh = long_side / 1.414, long_side
        cx, cy = rng.uniform(0.25, 0.75) * w, rng.uniform(0.3, 0.7) * h
        turn = cv2.getRotationMatrix2D((0, 0), rng.uniform(-25, 25), 1.0)[:, :2]
        quad = np.array([[-sw / 2, -sh / 2], [sw / 2, -sh / 2], [sw / 2, sh / 2], [-sw / 2, sh / 2]]) @ turn.T
        ideal_corners = quad + (cx, cy)
        frame = _bend(place(big, sheet(), ideal_corners + pad), K_TRUE, D_TRUE, pad)
        frame = np.clip(frame + rng.normal(0, 3, frame.shape), 0, 255).astype(np.uint8)
        # true corners in the bent frame: the lens applied to the pinhole corners
        norm = cv2.undistortPoints(ideal_corners.reshape(-1, 1, 2), K_TRUE, None)
        pts3 = np.c_[norm.reshape(-1, 2), np.ones(4)]
        truth, _ = cv2.projectPoints(pts3, np.zeros(3), np.zeros(3), K_TRUE, D_TRUE)
        truth = truth.reshape(4, 2).astype(np.float32)
        if not (np.all(truth >= 0) and np.all(truth[:, 0] < w) and np.all(truth[:, 1] < h)):
            continue
        d0 = det.detect(frame)
        d1 = det.detect(und.apply(frame))
        raw_iou.append(quad_iou(d0.corners, truth) if d0 is not None else 0.0)
        moved = cv2.undistortPointsIter(
            truth.reshape(-1, 1, 2).astype(np.float64),
            und.camera_matrix,
            und.dist_coeffs,
            None,
            und.new_matrix,
            crit,
        ).reshape(4, 2)
        fixed_iou.append(quad_iou(d1.corners, moved.astype(np.float32)) if d1 is not None else 0.0)
    print(
        f"\nwide-angle lens (k1 {D_TRUE[0]}, f {K_TRUE[0, 0]:.0f} px at {SIZE[0]}×{SIZE[1]}), calibration "
        f"estimated from {len(c.views)} rendered board views (RMS {cal.rms_px:.2f} px), {len(raw_iou)} pages: "
        f"mean IoU raw {statistics.mean(raw_iou):.3f} → straightened {statistics.mean(fixed_iou):.3f}; "
        f"IoU ≥ 0.95: {sum(v >= 0.95 for v in raw_iou)} → {sum(v >= 0.95 for v in fixed_iou)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    ap.add_argument("--blind", type=int, default=150, help="frames of the blind document set (0: skip)")
    ap.add_argument("--wide", type=int, default=40, help="pages through a strong wide-angle lens (0: skip)")
    a = ap.parse_args()
    print(f"OpenCV {cv2.__version__}, {cv2.getNumThreads()} threads")
    real_photos()
    remap_cost(a.frames)
    if a.blind:
        blind(a.blind)
    if a.wide:
        wide(a.wide)


if __name__ == "__main__":
    main()
