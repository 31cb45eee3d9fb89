"""Lens calibration on real photographs (Debian's opencv-doc), on a distortion we apply to a
rendered board, and its refusals, storage and application to live frames."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.camera.calibration import (
    Board,
    Calibration,
    CalibrationRefused,
    UndistortedSource,
    Undistorter,
    ViewCollector,
    calibrate,
    calibration_file,
    find_board,
    load_calibration,
    save_calibration,
)
from devices.camera.capture import ImageSequenceSource, open_camera

OPENCV_DATA = Path("/usr/share/doc/opencv-doc/examples/data")
BOARD = Board(9, 6, 25.0)


def photos(side: str, tmp: Path) -> list[Path]:
    """OpenCV's stereo sample photographs of a 9×6 board (two real cameras, 13 poses each)."""
    plain = sorted(OPENCV_DATA.glob(f"{side}[0-9][0-9].jpg"))
    if plain:
        return plain
    out = []
    for gz in sorted(OPENCV_DATA.glob(f"{side}[0-9][0-9].jpg.gz")):  # some Debian releases compress docs
        dst = tmp / gz.name[:-3]
        with gzip.open(gz) as src, open(dst, "wb") as f:
            shutil.copyfileobj(src, f)
        out.append(dst)
    assert out, "the opencv-doc photographs are missing: apt-get install opencv-doc (setup.sh does)"
    return out


def collect(images: list[np.ndarray]) -> ViewCollector:
    c = ViewCollector(BOARD)
    for im in images:
        c.add(im)
    return c


@pytest.mark.parametrize("side", ["left", "right"])
def test_real_photographs_calibrate_with_a_sane_error(side, tmp_path):
    files = photos(side, tmp_path)
    c = collect([cv2.imread(str(f)) for f in files])
    assert len(c.views) == len(files) == 13  # 13 distinct poses: none taken for a duplicate
    assert c.size == (640, 480)
    cal = calibrate(c.views, c.size, BOARD, require_corners=False)
    # OpenCV's tutorial reports 0.39 px on the left set with the classic finder; the sector finder does better
    assert 0.1 < cal.rms_px < 0.5
    k = np.asarray(cal.camera_matrix)
    assert 500 < k[0, 0] < 570 and 500 < k[1, 1] < 570  # OpenCV's shipped left_intrinsics.yml: 535.9
    assert 300 < k[0, 2] < 380 and 200 < k[1, 2] < 280
    assert cal.dist_coeffs[0] < -0.2  # strong barrel distortion, as in left_intrinsics.yml (-0.27)


def test_rows_of_held_out_photographs_become_straight(tmp_path):
    """Calibrate on 10 photos; on the 3 it never saw, undistort the picture, find the board
    again, and measure how far its rows are from straight lines."""
    files = photos("left", tmp_path)
    # held out: the three poses with the board reaching furthest from the centre
    images = [cv2.imread(str(f)) for f in files]
    spread = [float(np.abs(find_board(im, BOARD) - (320, 240)).max()) for im in images]
    held = set(np.argsort(spread)[-3:].tolist())
    train = collect([im for i, im in enumerate(images) if i not in held])
    cal = calibrate(train.views, train.size, BOARD, min_views=10, require_corners=False)
    und = Undistorter(cal)
    before, after = [], []
    for i in sorted(held):
        raw = find_board(images[i], BOARD)
        fixed = find_board(und.apply(images[i]), BOARD)
        assert raw is not None and fixed is not None
        before.append(BOARD.row_residual(raw))
        after.append(BOARD.row_residual(fixed))
    # bench/camera_calibration.py, leave-one-out over all 13: 0.77 px before, 0.08 px after (mean)
    assert np.mean(before) > 1.0
    assert np.mean(after) < 0.35 * np.mean(before)
    assert max(after) < 0.5


# ---------------------------------------------------------------- a distortion we apply

K_TRUE = np.array([[700.0, 0, 650.0], [0, 700.0, 355.0], [0, 0, 1]])
D_TRUE = np.array([-0.32, 0.12, 0.0, 0.0, 0.0])
SIZE = (1280, 720)


def undistort(pts: np.ndarray, k: np.ndarray, d: np.ndarray, p: np.ndarray) -> np.ndarray:
    # cv2.undistortPoints stops after 5 iterations, short of convergence near the corners of
    # a strongly bent frame: iterate to convergence
    crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 200, 1e-10)
    return cv2.undistortPointsIter(np.asarray(pts, np.float64).reshape(-1, 1, 2), k, d, None, p, crit)


def board_picture(square_px: int = 60) -> np.ndarray:
    cols, rows = BOARD.cols + 1, BOARD.rows + 1
    m = square_px
    img = np.full((rows * m + 2 * m, cols * m + 2 * m), 255, np.uint8)
    for r in range(rows):
        for c in range(cols):
            if (r + c) % 2 == 0:
                img[m + r * m : m + (r + 1) * m, m + c * m : m + (c + 1) * m] = 0
    return img


def distorted_view(rvec, tvec, rng: np.random.Generator) -> np.ndarray:
    """The board seen by a pinhole camera K_TRUE at pose (rvec, tvec), then bent by D_TRUE."""
    pic = board_picture()
    m = 60.0
    mm_per_px = BOARD.square_mm / m
    # picture pixel (x, y) is the board point ((x - m) mm_per_px, (y - m) mm_per_px, 0): the
    # inner corner (0, 0) sits at picture pixel (2m, 2m)
    plane = np.array([[0, 0], [pic.shape[1], 0], [pic.shape[1], pic.shape[0]], [0, pic.shape[0]]], np.float64)
    world = np.c_[(plane - 2 * m) * mm_per_px, np.zeros(4)]
    img_pts, _ = cv2.projectPoints(world, rvec, tvec, K_TRUE, None)
    # barrel distortion pulls in rays from outside the ideal frame: render the ideal picture
    # with a margin so those rays see the board, not an empty border
    pad = 800
    h = cv2.getPerspectiveTransform(
        plane.astype(np.float32), (img_pts.reshape(4, 2) + pad).astype(np.float32)
    )
    ideal = cv2.warpPerspective(pic, h, (SIZE[0] + 2 * pad, SIZE[1] + 2 * pad), borderValue=200)
    # each distorted pixel samples the ideal picture where its undistorted ray lands
    xs, ys = np.meshgrid(np.arange(SIZE[0], dtype=np.float64), np.arange(SIZE[1], dtype=np.float64))
    src = undistort(np.c_[xs.ravel(), ys.ravel()], K_TRUE, D_TRUE, K_TRUE)
    mx = (src[:, 0, 0] + pad).reshape(SIZE[1], SIZE[0]).astype(np.float32)
    my = (src[:, 0, 1] + pad).reshape(SIZE[1], SIZE[0]).astype(np.float32)
    bent = cv2.remap(ideal, mx, my, cv2.INTER_LINEAR, borderValue=200)
    noisy = bent.astype(np.float32) + rng.normal(0, 2.0, bent.shape)
    return cv2.cvtColor(np.clip(noisy, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def synthetic_views(n: int = 14) -> list[np.ndarray]:
    rng = np.random.default_rng(20)
    out = []
    # poses spread over the frame, corners included, each tilted differently
    centres = [
        (-260, -140),
        (260, -140),
        (-260, 140),
        (260, 140),
        (0, 0),
        (-130, 0),
        (130, 0),
        (0, -120),
        (0, 120),
    ]
    for i in range(n):
        cx, cy = centres[i % len(centres)]
        tilt = rng.uniform(-0.35, 0.35, 3) * (1, 1, 0.5)
        z = rng.uniform(430, 520)
        t = np.array([cx - 100.0 + rng.uniform(-20, 20), cy - 62.5 + rng.uniform(-20, 20), z])
        out.append(distorted_view(tilt, t, rng))
    return out


def test_a_distortion_applied_to_a_rendered_board_is_recovered():
    c = collect(synthetic_views())
    assert len(c.views) >= 12
    cal = calibrate(c.views, c.size, BOARD)  # corners covered: the strict default passes
    k = np.asarray(cal.camera_matrix)
    assert cal.rms_px < 0.5
    assert abs(k[0, 0] - 700) < 10 and abs(k[1, 1] - 700) < 10
    assert abs(k[0, 2] - 650) < 5 and abs(k[1, 2] - 355) < 5
    # compare the effect, not the coefficients (k1..k3 trade off against each other): where a
    # grid of frame points lands once undistorted by each model. A slightly different K only
    # shifts and scales the straightened picture (an affine map), so that part is fitted away;
    # what remains is bending the estimate gets wrong.
    xs, ys = np.meshgrid(np.linspace(40, 1240, 13), np.linspace(40, 680, 9))
    pts = np.c_[xs.ravel(), ys.ravel()].reshape(-1, 1, 2)
    want = undistort(pts, K_TRUE, D_TRUE, K_TRUE).reshape(-1, 2)
    got = undistort(pts, k, np.asarray(cal.dist_coeffs), k).reshape(-1, 2)
    a, *_ = np.linalg.lstsq(np.c_[got, np.ones(len(got))], want, rcond=None)
    err = np.linalg.norm(np.c_[got, np.ones(len(got))] @ a - want, axis=1)
    shift = np.linalg.norm(want - pts.reshape(-1, 2), axis=1)
    # judged where the board has been: a fit says nothing about where it never saw a corner
    hull = cv2.convexHull(np.concatenate(c.views).astype(np.float32))
    seen = np.array(
        [cv2.pointPolygonTest(hull, (float(x), float(y)), False) >= 0 for x, y in pts.reshape(-1, 2)]
    )
    assert seen.sum() >= 60  # of the 117-point grid
    assert shift[seen].max() > 40  # the applied distortion moves points that far
    assert err[seen].max() < 0.6, err[seen].max()
    assert err.max() < 1.5  # and beyond, out to the frame's corners


# ---------------------------------------------------------------- refusals


def test_too_few_views_is_refused_with_the_counts(tmp_path):
    files = photos("left", tmp_path)[:6]
    c = collect([cv2.imread(str(f)) for f in files])
    with pytest.raises(CalibrationRefused) as e:
        calibrate(c.views, c.size, BOARD)
    assert e.value.code == "camera.calibration.too_few_views"
    assert e.value.values == {"views": 6, "need": 10}


def test_pictures_without_a_board_are_counted_and_refused():
    blank = [np.full((480, 640, 3), v, np.uint8) for v in (30, 120, 220)]
    c = collect(blank)
    assert (len(c.views), c.without_board) == (0, 3)
    with pytest.raises(CalibrationRefused) as e:
        calibrate(c.views, (640, 480), BOARD)
    assert e.value.code == "camera.calibration.too_few_views"


def test_the_same_pose_twice_is_kept_once(tmp_path):
    im = cv2.imread(str(photos("left", tmp_path)[0]))
    shifted = np.roll(im, 3, axis=1)  # a board held still: a few pixels of hand tremor
    c = collect([im, shifted, im])
    assert (len(c.views), c.duplicates) == (1, 2)


def test_a_smeared_board_fails_the_rms_bound(tmp_path):
    c = collect([cv2.imread(str(f)) for f in photos("left", tmp_path)])
    rng = np.random.default_rng(1)
    smeared = [v + rng.normal(0, 2.5, v.shape).astype(np.float32) for v in c.views]
    with pytest.raises(CalibrationRefused) as e:
        calibrate(smeared, c.size, BOARD, require_corners=False)
    assert e.value.code == "camera.calibration.rms_high" and e.value.values["rms"] > 1.0


def test_uncovered_frame_corners_are_named(tmp_path):
    c = collect([cv2.imread(str(f)) for f in photos("left", tmp_path)])
    with pytest.raises(CalibrationRefused) as e:
        calibrate(c.views, c.size, BOARD)
    # OpenCV's left camera never saw the board near its left-hand corners
    assert e.value.code == "camera.calibration.corners_uncovered"
    assert e.value.values["corners"] == "top_left, bottom_left"


# ---------------------------------------------------------------- storage and live frames


@pytest.fixture(scope="module")
def real_cal(tmp_path_factory) -> Calibration:
    files = photos("left", tmp_path_factory.mktemp("gz"))
    c = collect([cv2.imread(str(f)) for f in files])
    return calibrate(c.views, c.size, BOARD, require_corners=False)


def test_saved_calibration_loads_back_for_its_frame_size_only(tmp_path, real_cal, caplog):
    path = save_calibration(tmp_path, real_cal)
    assert path == calibration_file(tmp_path, (640, 480))
    assert json.loads(path.read_text())["version"] == 1
    assert load_calibration(tmp_path, (640, 480)) == real_cal
    with caplog.at_level(logging.WARNING):
        assert load_calibration(tmp_path, (1280, 720)) is None
    assert "camera_calibration_other_size frame=1280x720" in caplog.text


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "camera_calibration_corrupt"),
        ('{"version": 9}', "version 9"),
        ('{"version": 1, "width": 640}', "'camera_matrix' missing"),
        (
            '{"version": 1, "width": 640, "height": 480, "camera_matrix": [[0,0,0],[0,0,0],[0,0,1]],'
            ' "dist_coeffs": [0,0,0,0,0], "rms_px": 0.3, "views": 12, "coverage": 1}',
            "positive focal lengths",
        ),
    ],
)
def test_a_corrupt_file_gives_raw_frames_and_a_clear_log_line(tmp_path, caplog, content, reason):
    f = calibration_file(tmp_path, (640, 480))
    f.parent.mkdir(parents=True)
    f.write_text(content)
    with caplog.at_level(logging.WARNING):
        assert load_calibration(tmp_path, (640, 480)) is None
    assert reason in caplog.text and "calibrate-camera" in caplog.text


def test_live_frames_are_undistorted_once_calibrated_and_raw_otherwise(tmp_path, real_cal):
    files = [str(f) for f in photos("left", tmp_path)][:3]
    raw_src = UndistortedSource(ImageSequenceSource(files), tmp_path / "nothing-here")
    raw = raw_src.read()
    assert raw is not None and np.array_equal(raw, cv2.imread(files[0]))
    save_calibration(tmp_path, real_cal)
    src = UndistortedSource(ImageSequenceSource(files), tmp_path)
    und = Undistorter(real_cal)
    for f in files:
        frame = src.read()
        assert frame is not None and np.array_equal(frame, und.apply(cv2.imread(f)))
    assert src.read() is None
    src.close()


def test_undistortion_keeps_every_corner_of_the_frame(real_cal):
    """alpha=1: the raw frame's corners (where a sheet reaching the edge has its corners) stay inside."""
    und = Undistorter(real_cal)
    w, h = real_cal.size
    edge = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1], [w / 2, 0], [0, h / 2]], np.float64)
    moved = und.points(edge)
    assert np.all(moved[:, 0] >= -0.5) and np.all(moved[:, 0] <= w - 0.5)
    assert np.all(moved[:, 1] >= -0.5) and np.all(moved[:, 1] <= h - 0.5)


def test_files_and_folders_are_never_undistorted(tmp_path, real_cal):
    save_calibration(tmp_path, real_cal)
    files = photos("left", tmp_path)
    src = open_camera(str(files[0].parent), data_dir=tmp_path)
    assert not isinstance(src, UndistortedSource)
    src.close()
