"""Lens calibration of the document camera: chessboard views in, intrinsics + distortion out.

Wide-angle kiosk cameras bend straight edges near the frame's border more than a document
detector's corner fit tolerates, so a technician calibrates the lens once per camera (``kiosk
devices calibrate-camera``) and the capture source undistorts every live frame before
detection (:class:`UndistortedSource`, applied by :func:`devices.camera.capture.open_camera`).

Why a plain chessboard and not ChArUco: it prints on any office printer at any scale with
nothing to match (no ArUco dictionary to get wrong), OpenCV's sector-based finder
(``findChessboardCornersSB``) locates its corners to a fraction of a pixel under uneven light,
and the real photographs we test against (Debian's ``opencv-doc``) are chessboards. What
ChArUco would add — views where part of the board is outside the frame — is asked of the
technician instead: the coverage check names the frame corners no view has reached.

A result is refused, with a code the message catalog turns into words a technician can act
on, when there are too few distinct views, the RMS reprojection error is above
:data:`MAX_RMS_PX`, or a corner of the frame was never covered by the board. A kept result is
stored per frame size under ``<data dir>/devices/camera/`` as versioned JSON written with
:func:`common.durable.write_json`.
"""

from __future__ import annotations

import json
import logging
import math
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from common.durable import write_json
from devices.camera.capture import FrameSource
from devices.errors import DeviceError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MIN_VIEWS = 10
MAX_VIEWS = 30  # more views add time to calibrateCamera, not accuracy
MAX_RMS_PX = 1.0  # OpenCV's own sample photos give 0.26-0.39 px; a smeared or bent print gives more
# Largest corner shift below this share of the frame diagonal: the same pose again (a board
# held still gives a few pixels; OpenCV's 13 sample poses differ by 29 px or more at 640×480).
DUPLICATE_FRACTION = 0.03
COVERAGE_GRID = (4, 3)  # columns, rows of the coverage map; its four corner cells must be reached
# Frame corners: how far from the frame's corner (share of width/height) a board corner must
# reach for that corner of the frame to count as covered.
CORNER_REACH = 0.25


class CalibrationRefused(DeviceError, code="camera.calibration.refused"):
    """A calibration the kiosk will not keep; ``values`` fill the message's placeholders."""

    def __init__(self, code: str, detail: str = "", **values: Any):
        super().__init__(detail, code=code)
        self.values = values


@dataclass(frozen=True)
class Board:
    cols: int = 9  # inner corners per row
    rows: int = 6  # inner corners per column
    square_mm: float = 25.0

    @property
    def size(self) -> tuple[int, int]:
        return (self.cols, self.rows)

    def object_points(self) -> np.ndarray:
        grid = np.zeros((self.cols * self.rows, 3), np.float32)
        grid[:, :2] = np.mgrid[0 : self.cols, 0 : self.rows].T.reshape(-1, 2) * self.square_mm
        return grid

    def row_residual(self, corners: np.ndarray) -> float:
        """RMS distance (px) of each row's corners from their own best straight line: how far a
        lens bends what is straight (the measure the bench and the tests judge straightening by)."""
        res: list[float] = []
        for row in corners.reshape(self.rows, self.cols, 2).astype(np.float64):
            c = row - row.mean(axis=0)
            res.extend(c @ np.linalg.svd(c)[2][1])
        return float(np.sqrt(np.mean(np.square(res))))


def find_board(image: np.ndarray, board: Board) -> np.ndarray | None:
    """The board's inner corners (N×2 float32, row by row) in ``image``, or None."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    ok, corners = cv2.findChessboardCornersSB(grey, board.size, flags=cv2.CALIB_CB_NORMALIZE_IMAGE)
    if not ok or corners is None:
        return None
    return np.asarray(corners, np.float32).reshape(-1, 2)


def _canonical(corners: np.ndarray, board: Board) -> np.ndarray:
    """The same corners whichever end the finder started from, so that two views of one pose
    compare equal — and calibrateCamera converges: on a rendered board with known distortion,
    views listed from mixed ends gave RMS 0.26 px and a focal length 6 % off, the same views in
    one order 0.14 px and 0.4 %. Only turns of the board in its plane (180°, and 90° for a
    square one) are candidates: a mirrored order would not match the board's points."""
    grid = corners.reshape(board.rows, board.cols, 2)
    candidates = [grid, grid[::-1, ::-1]]
    if board.rows == board.cols:
        candidates += [np.rot90(grid, 1), np.rot90(grid, 3)]
    # start from the corner nearest the frame's origin
    best = min(candidates, key=lambda g: float(g[0, 0, 0] + g[0, 0, 1]))
    return best.reshape(-1, 2)


@dataclass(frozen=True)
class Coverage:
    cells: float  # share of the COVERAGE_GRID cells holding at least one board corner
    corners: dict[str, bool]  # frame corner -> reached by some view

    @property
    def missing(self) -> list[str]:
        return [k for k, v in self.corners.items() if not v]


def coverage(views: Iterable[np.ndarray], width: int, height: int) -> Coverage:
    gx, gy = COVERAGE_GRID
    hit = np.zeros((gy, gx), bool)
    reach = {"top_left": False, "top_right": False, "bottom_left": False, "bottom_right": False}
    rx, ry = CORNER_REACH * width, CORNER_REACH * height
    for pts in views:
        xs = np.clip((pts[:, 0] / width * gx).astype(int), 0, gx - 1)
        ys = np.clip((pts[:, 1] / height * gy).astype(int), 0, gy - 1)
        hit[ys, xs] = True
        x, y = pts[:, 0], pts[:, 1]
        left, right, top, bottom = x < rx, x > width - rx, y < ry, y > height - ry
        reach["top_left"] |= bool(np.any(left & top))
        reach["top_right"] |= bool(np.any(right & top))
        reach["bottom_left"] |= bool(np.any(left & bottom))
        reach["bottom_right"] |= bool(np.any(right & bottom))
    return Coverage(round(float(hit.mean()), 3), reach)


@dataclass(frozen=True)
class Verdict:
    status: str  # "accepted", "duplicate", "no_board", "wrong_size", "full"
    views: int  # accepted so far


class ViewCollector:
    """Chessboard views of one frame size, near-duplicate poses dropped as they come."""

    def __init__(self, board: Board | None = None, max_views: int = MAX_VIEWS):
        self.board = board or Board()
        self.max_views = max_views
        self.size: tuple[int, int] | None = None  # (width, height) of the first frame
        self.views: list[np.ndarray] = []
        self.seen = 0
        self.duplicates = 0
        self.without_board = 0

    def add(self, image: np.ndarray) -> Verdict:
        self.seen += 1
        h, w = image.shape[:2]
        if self.size is None:
            self.size = (w, h)
        elif self.size != (w, h):
            return Verdict("wrong_size", len(self.views))
        if len(self.views) >= self.max_views:
            return Verdict("full", len(self.views))
        found = find_board(image, self.board)
        if found is None:
            self.without_board += 1
            return Verdict("no_board", len(self.views))
        pts = _canonical(found, self.board)
        limit = DUPLICATE_FRACTION * math.hypot(w, h)
        for v in self.views:
            if float(np.linalg.norm(v - pts, axis=1).max()) < limit:
                self.duplicates += 1
                return Verdict("duplicate", len(self.views))
        self.views.append(pts)
        return Verdict("accepted", len(self.views))


@dataclass(frozen=True)
class Calibration:
    width: int
    height: int
    camera_matrix: list[list[float]]
    dist_coeffs: list[float]
    rms_px: float
    views: int
    coverage: float
    board: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0
    version: int = FORMAT_VERSION

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Any) -> Calibration:
        """Raises ValueError naming the field when the stored data is not a calibration."""
        if not isinstance(d, dict):
            raise ValueError("not a JSON object")
        if d.get("version") != FORMAT_VERSION:
            raise ValueError(f"version {d.get('version')!r}, expected {FORMAT_VERSION}")
        try:
            k = np.asarray(d["camera_matrix"], np.float64)
            dist = np.asarray(d["dist_coeffs"], np.float64).ravel()
            cal = cls(
                width=int(d["width"]),
                height=int(d["height"]),
                camera_matrix=k.tolist(),
                dist_coeffs=dist.tolist(),
                rms_px=float(d["rms_px"]),
                views=int(d["views"]),
                coverage=float(d["coverage"]),
                board=dict(d.get("board") or {}),
                created_at=float(d.get("created_at") or 0.0),
            )
        except KeyError as e:
            raise ValueError(f"field {e.args[0]!r} missing") from None
        except (TypeError, ValueError) as e:
            raise ValueError(f"a field has the wrong type ({e})") from None
        if k.shape != (3, 3) or not np.all(np.isfinite(k)) or k[0, 0] <= 0 or k[1, 1] <= 0:
            raise ValueError("field 'camera_matrix' is not a 3×3 matrix with positive focal lengths")
        if dist.size not in (4, 5, 8, 12, 14) or not np.all(np.isfinite(dist)):
            raise ValueError("field 'dist_coeffs' must hold 4, 5, 8, 12 or 14 finite numbers")
        if cal.width <= 0 or cal.height <= 0:
            raise ValueError("fields 'width'/'height' must be positive")
        return cal


def calibrate(
    views: list[np.ndarray],
    size: tuple[int, int],
    board: Board | None = None,
    min_views: int = MIN_VIEWS,
    max_rms: float = MAX_RMS_PX,
    require_corners: bool = True,
) -> Calibration:
    """Run ``cv2.calibrateCamera`` on the views; refuse a result a technician should redo."""
    board = board or Board()
    width, height = size
    if len(views) < min_views:
        raise CalibrationRefused(
            "camera.calibration.too_few_views",
            f"{len(views)} distinct views, {min_views} needed",
            views=len(views),
            need=min_views,
        )
    cov = coverage(views, width, height)
    obj = [board.object_points() for _ in views]
    img = [v.reshape(-1, 1, 2).astype(np.float32) for v in views]
    rms, k, dist, _r, _t = cv2.calibrateCamera(obj, img, (width, height), None, None)
    cal = Calibration(
        width=width,
        height=height,
        camera_matrix=np.asarray(k).tolist(),
        dist_coeffs=np.asarray(dist).ravel().tolist(),
        rms_px=round(float(rms), 4),
        views=len(views),
        coverage=cov.cells,
        board=asdict(board),
        created_at=time.time(),
    )
    if not math.isfinite(cal.rms_px) or cal.rms_px > max_rms:
        raise CalibrationRefused(
            "camera.calibration.rms_high", f"RMS {cal.rms_px} px > {max_rms}", rms=cal.rms_px, limit=max_rms
        )
    if require_corners and cov.missing:
        raise CalibrationRefused(
            "camera.calibration.corners_uncovered",
            f"frame corners never reached: {', '.join(cov.missing)}",
            corners=", ".join(cov.missing),
        )
    return cal


# ---------------------------------------------------------------- storage


def calibration_dir(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / "devices" / "camera"


def calibration_file(data_dir: str | os.PathLike[str], size: tuple[int, int]) -> Path:
    return calibration_dir(data_dir) / f"calibration-{size[0]}x{size[1]}.json"


def save_calibration(data_dir: str | os.PathLike[str], cal: Calibration) -> Path:
    path = calibration_file(data_dir, cal.size)
    write_json(path, cal.to_dict())
    return path


def calibration_state(
    data_dir: str | os.PathLike[str], size: tuple[int, int]
) -> tuple[str, Calibration | None]:
    """What is stored for frames of ``size``: ``("calibrated", cal)``, ``("none", None)``,
    ``("other_size", None)`` (calibrated at another resolution only: the camera's mode changed
    since), or ``("damaged", None)`` (unreadable or not a calibration). Logged, with what to do."""
    path = calibration_file(data_dir, size)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        others = sorted(p.name for p in calibration_dir(data_dir).glob("calibration-*.json"))
        if not others:
            return "none", None
        log.warning(
            "camera_calibration_other_size frame=%dx%d stored=%s: frames are used raw; "
            "run `kiosk devices calibrate-camera` at this resolution",
            size[0], size[1], ",".join(others),
        )  # fmt: skip
        return "other_size", None
    except OSError as e:
        log.warning("camera_calibration_unreadable file=%s error=%s: frames are used raw", path, e)
        return "damaged", None
    try:
        cal = Calibration.from_dict(json.loads(raw))
    except (ValueError, json.JSONDecodeError) as e:
        log.warning(
            "camera_calibration_corrupt file=%s reason=%s: frames are used raw; "
            "run `kiosk devices calibrate-camera` again",
            path, e,
        )  # fmt: skip
        return "damaged", None
    if cal.size != size:
        log.warning(
            "camera_calibration_size_mismatch file=%s says %dx%d: frames are used raw", path, *cal.size
        )
        return "damaged", None
    return "calibrated", cal


def load_calibration(data_dir: str | os.PathLike[str], size: tuple[int, int]) -> Calibration | None:
    """The calibration for frames of ``size``, or None (logged: why) when there is none to use."""
    return calibration_state(data_dir, size)[1]


# ---------------------------------------------------------------- applying it


class Undistorter:
    """Remap tables computed once for one calibration; :meth:`apply` costs one ``cv2.remap``.

    ``alpha=1`` keeps every pixel the sensor saw (nothing at the frame's border is cropped, so
    a document reaching the edge keeps its corners); the border the straightening leaves
    empty is filled by repeating the edge, not black, so it draws no false edge.
    """

    def __init__(self, cal: Calibration, alpha: float = 1.0):
        k = np.asarray(cal.camera_matrix, np.float64)
        d = np.asarray(cal.dist_coeffs, np.float64)
        self.size = cal.size
        self.new_matrix, _roi = cv2.getOptimalNewCameraMatrix(k, d, cal.size, alpha, cal.size)
        self.map1, self.map2 = cv2.initUndistortRectifyMap(
            k, d, None, self.new_matrix, cal.size, cv2.CV_16SC2
        )
        self.camera_matrix, self.dist_coeffs = k, d

    def apply(self, image: np.ndarray) -> np.ndarray:
        return cv2.remap(image, self.map1, self.map2, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def points(self, pts: np.ndarray) -> np.ndarray:
        """Where pixel positions of the raw frame land in the undistorted one."""
        src = np.asarray(pts, np.float64).reshape(-1, 1, 2)
        # iterated to convergence: cv2.undistortPoints stops after 5 steps, pixels short of
        # the answer near the corners of a strongly bent frame
        crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 100, 1e-10)
        out = cv2.undistortPointsIter(
            src, self.camera_matrix, self.dist_coeffs, np.eye(3), self.new_matrix, crit
        )
        return out.reshape(-1, 2)


class UndistortedSource(FrameSource):
    """A live camera's frames, undistorted with the calibration stored for their size.

    The calibration is looked up on the first frame (the driver may not deliver the size it
    was asked for) and again if the size changes; no calibration, a wrong size or a corrupt
    file means raw frames and one logged line, never a failed camera.
    """

    def __init__(self, inner: FrameSource, data_dir: str | os.PathLike[str]):
        self.inner = inner
        self.data_dir = data_dir
        self.fps = inner.fps
        self.name = inner.name
        self._size: tuple[int, int] | None = None
        self.undistorter: Undistorter | None = None

    def read(self) -> np.ndarray | None:
        frame = self.inner.read()
        if frame is None:
            return None
        size = (frame.shape[1], frame.shape[0])
        if size != self._size:
            self._size = size
            cal = load_calibration(self.data_dir, size)
            self.undistorter = Undistorter(cal) if cal is not None else None
            if cal is not None:
                log.info("camera_undistorting frame=%dx%d rms_px=%s", size[0], size[1], cal.rms_px)
        return self.undistorter.apply(frame) if self.undistorter is not None else frame

    def close(self) -> None:
        self.inner.close()
