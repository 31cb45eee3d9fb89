"""The document camera seen from Qt: preview frames, outlines, hints and captured pages as signals.

    cam = CameraController(preview_width=960)
    cam.frameReady.connect(preview.show_frame)     # (QImage, PreviewInfo): picture + outline + hint
    cam.pageCaptured.connect(screen.on_page)       # devices.camera.session.Page
    cam.qrScanned.connect(screen.on_scan)          # optional: QR codes seen by this camera (routed)
    cam.start("sim", DocumentSession("card"))      # or "0", a video file, an image folder
    cam.capture_now()                              # the manual button
    cam.close()

All the work (detection, quality, auto-capture, QR decoding, scaling the preview) runs on
the capture thread; the GUI thread only paints. Frames are dropped rather than queued when
the GUI is busy: at most one preview frame is queued at a time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.scan_routing import route
from ui.devices.base import DeviceController

if TYPE_CHECKING:
    # OpenCV, NumPy and the detector load when a camera starts, not with the first screen
    # (bench/startup.py: they were a fifth of the kiosk's cold start).
    import numpy as np

    from devices.camera.capture import CameraCapture, Frame, FrameSource
    from devices.camera.session import DocumentSession, FrameResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewInfo:
    scale: float  # preview pixels per frame pixel
    result: FrameResult | None  # detection, quality, state, hint (None when only previewing)
    qr_outlines: tuple[tuple[tuple[int, int], ...], ...] = ()  # in preview pixels


def to_qimage(bgr: np.ndarray) -> QImage:
    import cv2

    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB) if bgr.ndim == 3 else cv2.cvtColor(bgr, cv2.COLOR_GRAY2RGB)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888).copy()


class CameraController(DeviceController):
    frameReady = Signal(QImage, object)  # preview picture, PreviewInfo
    pageCaptured = Signal(object)  # Page
    qrScanned = Signal(object)  # ScanRoute (accepted or not: check .accepted)
    ended = Signal(str)  # "" at a clean end, else a message code

    def __init__(self, preview_width: int = 960, parent: QObject | None = None):
        super().__init__(parent)
        self.preview_width = preview_width
        self._capture: CameraCapture | None = None
        self._session: DocumentSession | None = None
        self._qr: Any = None
        self._capture_requested = threading.Event()
        self._in_flight = threading.BoundedSemaphore(1)
        # runs on the GUI thread when the queued frame arrives: the next one may then be sent
        self.frameReady.connect(self._delivered)
        self.frames = 0

    @property
    def session(self) -> DocumentSession | None:
        return self._session

    @property
    def running(self) -> bool:
        return self._capture is not None and self._capture.running

    def start(
        self,
        source: str | FrameSource,
        session: DocumentSession | None = None,
        read_qr: bool = False,
        realtime: bool = True,
    ) -> None:
        from devices.camera.capture import CameraCapture, open_camera

        self.close()
        if isinstance(source, str):
            if source.strip().startswith("sim"):
                from devices.camera.simulated import simulated_source

                source = simulated_source(loop=True)
            else:
                from kiosk.paths import data_dir

                source = open_camera(source, loop=True, data_dir=data_dir())  # lens calibration
        self._session = session
        if read_qr:
            from devices.scanner.camera import FrameQrReader

            self._qr = FrameQrReader()
        else:
            self._qr = None
        self._capture = CameraCapture(source, self._on_frame, self._on_end, realtime=realtime)
        self._capture.start()

    def capture_now(self) -> None:
        """The manual capture button: the page is taken (and flattened) on the capture thread
        with the next frame, and arrives through ``pageCaptured``."""
        if self._session is None:
            return
        if self.running:
            self._capture_requested.set()
        else:  # the source has ended: take the last frame it gave
            page = self._session.capture_now()
            if page is not None:
                self.pageCaptured.emit(page)

    def close(self) -> None:
        cap, self._capture = self._capture, None
        if cap is not None:
            cap.stop()

    # -- capture thread: compute, then emit (queued to the GUI thread) --------------------
    def _on_frame(self, frame: Frame) -> None:
        import cv2

        result = self._session.process(frame) if self._session is not None else None
        if result is not None and result.page is not None:
            self.pageCaptured.emit(result.page)
        if self._capture_requested.is_set() and self._session is not None:
            self._capture_requested.clear()
            page = self._session.capture_now()
            if page is not None:
                self.pageCaptured.emit(page)
        outlines: tuple[tuple[tuple[int, int], ...], ...] = ()
        h, w = frame.image.shape[:2]
        scale = min(1.0, self.preview_width / float(w))
        if self._qr is not None:
            for data in self._qr.feed(frame.image):
                self.qrScanned.emit(route(data, "camera"))
            outlines = tuple(
                tuple((round(x * scale), round(y * scale)) for x, y in d.points) for d in self._qr.last
            )
        self.frames += 1
        if not self._in_flight.acquire(blocking=False):
            return  # the GUI thread has not taken the last one yet: drop this preview
        small = (
            frame.image
            if scale == 1.0
            else cv2.resize(frame.image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        )
        self.frameReady.emit(to_qimage(small), PreviewInfo(scale, result, outlines))

    def _delivered(self, *_args: object) -> None:
        try:
            self._in_flight.release()
        except ValueError:
            pass

    def _on_end(self, error: Exception | None) -> None:
        code = getattr(error, "code", "camera.unavailable") if error is not None else ""
        if code:
            self.failed.emit(code, type(error).__name__)
        self.ended.emit(code)
