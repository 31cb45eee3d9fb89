"""Lens calibration on real photographs, and what undistorting each live frame costs.

* RMS reprojection error of ``devices.camera.calibration.calibrate`` on Debian's opencv-doc
  stereo photographs (two real cameras, 13 poses of a 9×6 board each), beside the figure
  OpenCV ships for the left camera (``left_intrinsics.yml``).
* Straightness, leave-one-out: calibrate on 12 of the left photos, undistort the 13th, find
  the board again and measure the RMS distance of each row's corners from its fitted line —
  before and after.
* Cost per frame of ``Undistorter.apply`` (one ``cv2.remap`` with precomputed maps) at
  1280×720 and 1920×1080, and of building the maps once.

    .venv/bin/python bench/camera_calibration.py [--frames 200]
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


def row_residual(corners: np.ndarray) -> float:
    res: list[float] = []
    for row in corners.reshape(BOARD.rows, BOARD.cols, 2).astype(np.float64):
        c = row - row.mean(axis=0)
        res.extend(c @ np.linalg.svd(c)[2][1])
    return float(np.sqrt(np.mean(np.square(res))))


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
        before.append(row_residual(raw))
        after.append(row_residual(fixed))
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=200)
    a = ap.parse_args()
    print(f"OpenCV {cv2.__version__}, {cv2.getNumThreads()} threads")
    real_photos()
    remap_cost(a.frames)


if __name__ == "__main__":
    main()
