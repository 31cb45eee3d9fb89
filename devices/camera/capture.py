"""Frames from a camera, a video file or an image sequence, delivered on a worker thread.

``open_camera("0")`` is the first camera (OpenCV VideoCapture by index);
``open_camera("clip.mp4")`` a video file and ``open_camera("shots/*.png")`` (or a folder, or
an OpenCV ``%04d`` pattern) an image sequence, both played at their frame rate as if live:
this is the simulated camera of the demo profile and of the tests. :class:`CameraCapture`
owns one thread that reads frames and hands each to a callback; the callback runs on that
thread (the Qt side re-emits it as a signal), never on the GUI thread. A slow consumer
makes frames drop, never queue up: a camera shows what is there now.
"""

from __future__ import annotations

import glob
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from devices.errors import DeviceError

log = logging.getLogger(__name__)

IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp")
DEFAULT_SEQUENCE_FPS = 10.0


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, uint8
    index: int  # 0, 1, 2 … in delivery order
    t: float  # seconds, time.monotonic() based: when read (live), or the file's clock (not realtime)


class FrameSource:
    """Where frames come from. ``read()`` returns the next BGR frame or None at the end."""

    fps: float = 0.0  # playback rate for files; 0 for a live camera (its own pace)
    name: str = ""

    def read(self) -> np.ndarray | None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass


class VideoSource(FrameSource):
    """cv2.VideoCapture over a device index or a video file / OpenCV image pattern."""

    def __init__(self, target: int | str, fps: float | None = None, loop: bool = False):
        self.target = target
        self.loop = loop
        self.live = isinstance(target, int)
        self.name = f"camera {target}" if self.live else os.path.basename(str(target))
        self._cap = cv2.VideoCapture(target)
        if not self._cap.isOpened():
            self._cap.release()
            raise DeviceError(f"cannot open {self.name}", code="camera.unavailable")
        if self.live:
            self.fps = 0.0
        else:
            reported = float(self._cap.get(cv2.CAP_PROP_FPS) or 0.0)
            self.fps = fps or (reported if 0 < reported <= 240 else 25.0)

    def read(self) -> np.ndarray | None:
        ok, frame = self._cap.read()
        if not ok and self.loop and not self.live:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._cap.read()
        if not ok or frame is None:
            return None
        return frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)

    def close(self) -> None:
        self._cap.release()


class ImageSequenceSource(FrameSource):
    """A sorted list of image files played at ``fps``."""

    def __init__(self, files: list[str], fps: float = DEFAULT_SEQUENCE_FPS, loop: bool = False):
        if not files:
            raise DeviceError("no images in the sequence", code="camera.unavailable")
        self.files = files
        self.fps = fps
        self.loop = loop
        self.name = os.path.basename(os.path.dirname(files[0]) or files[0])
        self._i = 0

    def read(self) -> np.ndarray | None:
        while True:
            if self._i >= len(self.files):
                if not self.loop:
                    return None
                self._i = 0
            path = self.files[self._i]
            self._i += 1
            img = cv2.imread(path, cv2.IMREAD_COLOR)
            if img is not None:
                return img
            log.warning("camera_sequence_unreadable index=%d", self._i - 1)


class ArraySource(FrameSource):
    """Frames generated in memory (the demo profile's simulated camera)."""

    def __init__(self, frames: Callable[[int], np.ndarray | None], fps: float, name: str = "generated"):
        self._frames = frames
        self.fps = fps
        self.name = name
        self._i = 0

    def read(self) -> np.ndarray | None:
        frame = self._frames(self._i)
        self._i += 1
        return frame


def open_camera(
    spec: str, fps: float | None = None, loop: bool = False, data_dir: str | os.PathLike[str] | None = None
) -> FrameSource:
    """A device index ("0"), a video file, a folder or glob of images, or a ``%04d`` pattern.

    With ``data_dir``, a real camera's frames are undistorted with the lens calibration stored
    there for their frame size (``kiosk devices calibrate-camera``); files and the simulated
    camera are played as they are.
    """
    spec = spec.strip()
    if spec.isdigit():
        source: FrameSource = VideoSource(int(spec))
        if data_dir is not None:
            from devices.camera.calibration import UndistortedSource

            source = UndistortedSource(source, data_dir)
        return source
    if os.path.isdir(spec):
        files = sorted(f for f in glob.glob(os.path.join(spec, "*")) if f.lower().endswith(IMAGE_EXTS))
        return ImageSequenceSource(files, fps or DEFAULT_SEQUENCE_FPS, loop)
    if any(ch in spec for ch in "*?["):
        files = sorted(f for f in glob.glob(spec) if f.lower().endswith(IMAGE_EXTS))
        return ImageSequenceSource(files, fps or DEFAULT_SEQUENCE_FPS, loop)
    if "%" not in spec and not os.path.exists(spec):
        raise DeviceError(f"no such camera or file: {os.path.basename(spec)}", code="camera.unavailable")
    if spec.lower().endswith(IMAGE_EXTS) and "%" not in spec:
        return ImageSequenceSource([spec], fps or DEFAULT_SEQUENCE_FPS, loop)
    return VideoSource(spec, fps=fps, loop=loop)


class CameraCapture:
    """Reads a :class:`FrameSource` on its own thread and calls ``on_frame`` for each frame.

    Files are paced at their frame rate (a frame is skipped when the consumer fell behind,
    as a live camera would). ``on_end`` is called once when the source ends or fails (with
    the error, or None at a clean end). ``stop()`` ends the thread and releases the source.
    """

    def __init__(
        self,
        source: FrameSource,
        on_frame: Callable[[Frame], None],
        on_end: Callable[[Exception | None], None] | None = None,
        realtime: bool = True,
    ):
        self.source = source
        self.on_frame = on_frame
        self.on_end = on_end
        self.realtime = realtime
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.dropped = 0

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("capture already started")
        self._thread = threading.Thread(target=self._run, name="camera-capture", daemon=False)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout)

    def _run(self) -> None:
        error: Exception | None = None
        period = 1.0 / self.source.fps if self.realtime and self.source.fps > 0 else 0.0
        start = time.monotonic()
        n = 0  # frames read from the source
        try:
            while not self._stop.is_set():
                frame = self.source.read()
                if frame is None:
                    break
                n += 1
                if period:
                    due = start + (n - 1) * period
                    now = time.monotonic()
                    if now > due + period:  # we are a whole frame late: drop this one
                        self.dropped += 1
                        continue
                    if due > now and self._stop.wait(due - now):
                        break
                # realtime: when it was read; as fast as possible: the file's own clock
                t = time.monotonic() if period or self.source.fps <= 0 else start + (n - 1) / self.source.fps
                self.on_frame(Frame(frame, self.delivered, t))
                self.delivered += 1
        except Exception as e:  # noqa: BLE001 - reported through on_end, never lost
            error = e
            log.warning("camera_capture_failed error=%s", e.__class__.__name__)
        finally:
            self.source.close()
        if self.on_end is not None:
            self.on_end(error)
