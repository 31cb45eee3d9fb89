"""Camera preview for the technician: frames from the camera driver's capture thread, reduced
to a preview image and the focus figure (variance of the Laplacian) and mean brightness, and
re-emitted as a queued signal. Nothing is stored."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ui.devices.base import DeviceController


class CameraPreview(DeviceController):
    frame = Signal(QImage, float, float)  # preview, focus, brightness
    ended = Signal(str)  # "" at a clean end, else the error's words

    def __init__(self, source_spec: str, width: int = 480, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source_spec = source_spec
        self.width = width
        self._capture: Any = None
        self.frames = 0

    @property
    def running(self) -> bool:
        return self._capture is not None and self._capture.running

    def start(self) -> None:
        from devices.camera.capture import CameraCapture, open_camera

        if self.running:
            return
        from kiosk.paths import data_dir

        source = open_camera(self.source_spec, loop=True, data_dir=data_dir())  # lens calibration
        self._capture = CameraCapture(source, self._on_frame, self._on_end)
        self._capture.start()

    def close(self) -> None:
        if self._capture is not None:
            self._capture.stop()
            self._capture = None

    # Runs on the capture thread: only computes and emits (queued to the GUI thread).
    def _on_frame(self, frame: Any) -> None:
        import cv2

        img = frame.image
        grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
        focus = float(cv2.Laplacian(grey, cv2.CV_64F).var())
        brightness = float(grey.mean())
        h, w = img.shape[:2]
        scale = self.width / float(w)
        small = cv2.resize(img, (self.width, max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
        rgb = (
            cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
            if small.ndim == 3
            else cv2.cvtColor(small, cv2.COLOR_GRAY2RGB)
        )
        qimg = QImage(
            rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
        ).copy()
        self.frames += 1
        self.frame.emit(qimg, focus, brightness)

    def _on_end(self, error: Exception | None) -> None:
        if error is not None:
            self.failed.emit(getattr(error, "code", "camera.unavailable"), type(error).__name__)
        self.ended.emit("" if error is None else f"{error.__class__.__name__}: {error}")
