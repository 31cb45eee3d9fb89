"""Camera QR: a code counts only after consecutive frames, once per showing; through a real video file."""

from __future__ import annotations

import queue

import cv2
import numpy as np

from devices.scanner.base import ScanEvent
from devices.scanner.camera import CameraQrScanner, ConsecutiveValidator, FrameQrReader
from tests.devices.scanner.qr_images import CCCD, on_canvas, qr_gray


def test_validator_needs_consecutive_frames_and_reports_once():
    v = ConsecutiveValidator(needed=2, release=3)
    assert v.feed([b"A"]) == []
    assert v.feed([]) == []  # streak broken
    assert v.feed([b"A"]) == []
    assert v.feed([b"A"]) == [b"A"]
    assert v.feed([b"A"]) == []  # still held up: not again
    assert v.feed([]) == [] and v.feed([]) == [] and v.feed([]) == []  # gone for 3 frames
    assert v.feed([b"A"]) == []
    assert v.feed([b"A"]) == [b"A"]  # shown again: a new scan


def test_a_one_frame_fluke_is_never_reported():
    v = ConsecutiveValidator(needed=2)
    assert [v.feed([bytes([i])]) for i in range(20)] == [[]] * 20


def test_reader_on_frames():
    r = FrameQrReader()
    frame = on_canvas(qr_gray(CCCD, scale=4))
    blank = np.full_like(frame, 170)
    got = [r.feed(f) for f in (frame, blank, frame, frame, frame)]
    assert got == [[], [], [], [CCCD.encode("utf-8")], []]


def test_camera_scanner_reads_a_video_file_played_at_its_rate(tmp_path):
    # Given a 20 fps MJPG clip: 4 empty frames, 6 with a CCCD code, 4 empty
    path = str(tmp_path / "clip.avi")
    w = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 20.0, (1280, 720))
    code = cv2.cvtColor(on_canvas(qr_gray(CCCD, scale=4), 1280, 720), cv2.COLOR_GRAY2BGR)
    blank = np.full_like(code, 170)
    for f in [blank] * 4 + [code] * 6 + [blank] * 4:
        w.write(f)
    w.release()
    scans: queue.Queue[ScanEvent] = queue.Queue()
    ended: queue.Queue = queue.Queue()
    s = CameraQrScanner(path)
    s.start(scans.put, ended.put)
    try:
        end = ended.get(timeout=20)
    finally:
        s.stop()
    assert end.code == "camera.ended"
    got = []
    while not scans.empty():
        got.append(scans.get())
    assert [g.data.decode("utf-8") for g in got] == [CCCD]
    assert got[0].source == "camera"
