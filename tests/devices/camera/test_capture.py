"""Capture plays files and image sequences at their frame rate, on its own thread."""

from __future__ import annotations

import queue
import threading
import time

import cv2
import numpy as np
import pytest

from devices.camera.capture import CameraCapture, Frame, open_camera
from devices.errors import DeviceError


def _numbered(i: int) -> np.ndarray:
    img = np.zeros((120, 160, 3), np.uint8)
    img[:, :] = (i * 10) % 256
    return img


def _run(source, realtime=True, consumer=None):
    frames: queue.Queue[Frame] = queue.Queue()
    ended: queue.Queue = queue.Queue()
    threads = set()

    def on_frame(f: Frame) -> None:
        threads.add(threading.current_thread().name)
        if consumer:
            consumer(f)
        frames.put(f)

    cap = CameraCapture(source, on_frame, ended.put, realtime=realtime)
    t0 = time.monotonic()
    cap.start()
    end = ended.get(timeout=20)
    elapsed = time.monotonic() - t0
    cap.stop()
    out = []
    while not frames.empty():
        out.append(frames.get())
    return out, end, elapsed, threads, cap


def test_video_file_plays_at_its_frame_rate(tmp_path):
    path = str(tmp_path / "clip.avi")
    w = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 25.0, (160, 120))
    for i in range(20):
        w.write(_numbered(i))
    w.release()
    src = open_camera(path)
    assert src.fps == pytest.approx(25.0)
    frames, end, elapsed, threads, cap = _run(src)
    assert end is None and threads == {"camera-capture"}
    assert len(frames) + cap.dropped == 20
    assert elapsed >= 19 / 25 * 0.95  # paced like a live camera, not as fast as it decodes
    assert [f.index for f in frames] == list(range(len(frames)))


def test_image_folder_is_a_sequence(tmp_path):
    for i in range(5):
        cv2.imwrite(str(tmp_path / f"f{i:03d}.png"), _numbered(i))
    (tmp_path / "notes.txt").write_text("not an image")
    frames, end, _, _, _ = _run(open_camera(str(tmp_path), fps=100), realtime=False)
    assert [int(f.image[0, 0, 0]) for f in frames] == [0, 10, 20, 30, 40]


def test_glob_pattern(tmp_path):
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"shot{i}.jpg"), _numbered(i))
    frames, _, _, _, _ = _run(open_camera(str(tmp_path / "shot*.jpg")), realtime=False)
    assert len(frames) == 3


def test_slow_consumer_drops_frames_instead_of_queueing(tmp_path):
    for i in range(30):
        cv2.imwrite(str(tmp_path / f"f{i:03d}.png"), _numbered(i))
    gate = threading.Event()

    def slow(_f: Frame) -> None:
        gate.wait(0.05)  # the consumer takes 50 ms; the source runs at 100 fps

    frames, _, _, _, cap = _run(open_camera(str(tmp_path), fps=100), consumer=slow)
    assert cap.dropped > 0 and len(frames) + cap.dropped == 30


def test_missing_sources_are_device_errors(tmp_path):
    for bad in (str(tmp_path / "nope.mp4"), str(tmp_path / "empty-dir-*.png")):
        with pytest.raises(DeviceError) as e:
            open_camera(bad)
        assert e.value.code == "camera.unavailable"


def test_a_failing_consumer_ends_the_capture_with_the_error(tmp_path):
    cv2.imwrite(str(tmp_path / "a.png"), _numbered(1))

    def boom(_f: Frame) -> None:
        raise RuntimeError("consumer bug")

    frames, end, _, _, _ = _run(open_camera(str(tmp_path / "a.png")), consumer=boom)
    assert isinstance(end, RuntimeError)


def test_stop_ends_an_endless_source_promptly():
    from devices.camera.simulated import simulated_source

    got = threading.Event()
    cap = CameraCapture(simulated_source(loop=True), lambda f: got.set())
    cap.start()
    assert got.wait(10)
    cap.stop()
    assert not cap.running
