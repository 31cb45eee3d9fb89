"""``kiosk devices calibrate-camera`` on OpenCV's real chessboard photographs, its refusals,
and the printable board it writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.camera.calibration import Board, find_board, load_calibration
from kiosk.cli import main
from kiosk.paths import data_dir
from tests.devices.camera.test_calibration import photos


def run(capsys, *argv: str) -> tuple[int, dict]:
    rc = main(["devices", "calibrate-camera", "--json", *argv])
    out = capsys.readouterr().out.strip().splitlines()
    return rc, json.loads(out[-1])


@pytest.fixture
def left(tmp_path) -> Path:
    d = tmp_path / "left"
    d.mkdir()
    for f in photos("left", tmp_path):
        shutil.copy(f, d / f.name)
    return d


def test_calibrating_on_real_photographs_saves_the_result(capsys, left):
    rc, d = run(capsys, "--images", str(left), "--allow-uncovered-corners")
    assert rc == 0
    assert (d["views"], d["seen"], d["duplicates"], d["without_board"]) == (13, 13, 0, 0)
    assert d["frame"] == [640, 480] and 0.1 < d["rms_px"] < 0.5
    assert d["coverage"]["corners"] == {
        "top_left": False,
        "top_right": True,
        "bottom_left": False,
        "bottom_right": True,
    }
    assert Path(d["saved"]).parent == data_dir() / "devices" / "camera"
    cal = load_calibration(data_dir(), (640, 480))
    assert cal is not None and cal.rms_px == d["rms_px"] and cal.views == 13


def test_uncovered_corners_are_refused_in_words_and_nothing_is_kept(capsys, left):
    rc, d = run(capsys, "--images", str(left))
    assert rc == 1
    assert d["error"]["code"] == "camera.calibration.corners_uncovered"
    assert "these corners of the picture: top left, bottom left." in d["error"]["message"]
    assert "bring the board" in d["error"]["message"]
    assert d["saved"] is None and not (data_dir() / "devices").exists()


def test_too_few_views_in_vietnamese(capsys, left, tmp_path):
    few = tmp_path / "few"
    few.mkdir()
    for f in sorted(left.iterdir())[:4]:
        shutil.copy(f, few / f.name)
    rc, d = run(capsys, "--images", str(few), "--lang", "vi")
    assert rc == 1 and d["error"]["code"] == "camera.calibration.too_few_views"
    assert "Mới có 4 tư thế" in d["error"]["message"]


def test_the_simulated_camera_is_not_calibrated(capsys):
    rc, d = run(capsys, "--camera", "sim")
    assert rc == 1 and d["error"]["code"] == "camera.calibration.simulated"


def test_a_bad_board_option_says_what_to_give(capsys, left):
    rc, d = run(capsys, "--images", str(left), "--board", "9by6")
    assert rc == 2 and "COLSxROWS" in d["error"]["message"]


def test_the_printed_board_is_found_and_has_true_size_squares(capsys, tmp_path):
    rc, d = run(capsys, "--print-target", str(tmp_path / "board.png"))
    assert rc == 0
    img = cv2.imread(d["target"], cv2.IMREAD_GRAYSCALE)
    assert img.shape == (2480, 3508)  # A4 landscape at 300 dpi
    small = cv2.resize(img, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    corners = find_board(small, Board())
    assert corners is not None
    spacing = np.linalg.norm(np.diff(corners.reshape(6, 9, 2), axis=1), axis=2).mean() * 4
    assert spacing == pytest.approx(25.0 / 25.4 * 300, rel=0.01)  # 25 mm at 300 dpi
    rc, d = run(capsys, "--print-target", str(tmp_path / "board.pdf"), "--board", "7x5", "--square-mm", "28")
    assert rc == 0 and Path(d["target"]).read_bytes()[:5] == b"%PDF-"
    rc, d = run(capsys, "--print-target", str(tmp_path / "big.png"), "--square-mm", "40")
    assert rc == 2 and "does not fit on A4" in d["error"]["message"]


def test_a_video_of_the_poses_is_calibrated_with_repeats_dropped(capsys, left, tmp_path):
    video = tmp_path / "poses.avi"
    out = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10.0, (640, 480))
    for f in sorted(left.iterdir()):
        img = cv2.imread(str(f))
        for _ in range(8):  # each pose held for 0.8 s, as a technician would
            out.write(img)
    out.release()
    rc, d = run(capsys, "--images", str(video), "--allow-uncovered-corners", "--dry-run")
    assert rc == 0 and d["saved"] is None
    assert d["views"] == 13 and d["duplicates"] >= 13  # every pose kept once, its repeats dropped
    assert 0.1 < d["rms_px"] < 0.5
