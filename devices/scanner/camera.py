"""QR codes from camera frames, accepted only after they repeat in consecutive frames.

One frame's decode can be a fluke (a half-seen code, a reflection); a code that decodes to
the same bytes in ``needed`` consecutive frames is real. Once accepted it is not reported
again until it has been out of sight for ``release`` frames, so a citizen holding a receipt
under the camera produces one scan, not thirty (Electrum's ``QrReaderValidatorCounted``,
with the counts kept per instance).
"""

from __future__ import annotations

import threading
import time

import numpy as np

from devices.camera.capture import CameraCapture, Frame, open_camera
from devices.errors import DeviceError
from devices.scanner.base import ErrorCallback, ScanCallback, ScanEvent
from devices.scanner.decode import DecodedQr, QrDecoder


class ConsecutiveValidator:
    def __init__(self, needed: int = 2, release: int = 5):
        self.needed = needed
        self.release = release
        self._streak: dict[bytes, int] = {}
        self._absent: dict[bytes, int] = {}  # accepted codes -> frames since last seen

    def feed(self, payloads: list[bytes]) -> list[bytes]:
        """Payloads seen in this frame -> those accepted now."""
        seen = set(payloads)
        self._streak = {p: self._streak.get(p, 0) + 1 for p in seen}
        for p in list(self._absent):
            if p in seen:
                self._absent[p] = 0
            else:
                self._absent[p] += 1
                if self._absent[p] >= self.release:
                    del self._absent[p]
        accepted = []
        for p in payloads:
            if p not in self._absent and self._streak.get(p, 0) >= self.needed:
                self._absent[p] = 0
                accepted.append(p)
        return accepted


class FrameQrReader:
    """Decoder + validator for a stream of frames, driven by whoever owns the camera."""

    def __init__(self, decoder: QrDecoder | None = None, validator: ConsecutiveValidator | None = None):
        self.decoder = decoder or QrDecoder("live")
        self.validator = validator or ConsecutiveValidator()
        self.last: list[DecodedQr] = []  # this frame's raw decodes (for drawing outlines)

    def feed(self, image: np.ndarray) -> list[bytes]:
        self.last = self.decoder.decode(image)
        return self.validator.feed([d.data for d in self.last])


class CameraQrScanner:
    """A :class:`~devices.scanner.base.Scanner` over a camera: frames in, validated scans out."""

    driver = "camera"

    def __init__(self, source: str, realtime: bool = True):
        self.source_spec = source
        self.name = f"camera {source}"
        self.realtime = realtime
        self.reader = FrameQrReader()
        self._capture: CameraCapture | None = None
        self._lock = threading.Lock()

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback | None = None) -> None:
        if self._capture is not None:
            raise RuntimeError("scanner already started")
        src = open_camera(self.source_spec)

        def frame(f: Frame) -> None:
            for data in self.reader.feed(f.image):
                on_scan(ScanEvent(data, "camera", time.monotonic()))

        def end(error: Exception | None) -> None:
            if on_error is not None:
                on_error(DeviceError(str(error or "source ended"), code="camera.ended"))

        self._capture = CameraCapture(src, frame, end, realtime=self.realtime)
        self._capture.start()

    def stop(self) -> None:
        cap, self._capture = self._capture, None
        if cap is not None:
            cap.stop()
