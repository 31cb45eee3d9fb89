"""The scanner Protocol every QR/barcode input implements, and the factory from the setting.

A scanner delivers :class:`ScanEvent` objects (raw bytes: the routing decides what they
mean) to ``on_scan`` on its own thread, and reports a lost device once to ``on_error``. It
never decides anything about the payload and never logs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable
from urllib.parse import parse_qs, urlsplit

from devices.errors import DeviceError

MAX_SCAN_BYTES = 8192  # longer input is cut here (and then refused by routing as too long)


@dataclass(frozen=True)
class ScanEvent:
    data: bytes = field(repr=False)  # the payload as read: personal data, never log it
    source: str  # "hid" | "serial" | "camera" | "sim"
    t: float  # time.monotonic() when complete
    truncated: bool = False

    def __repr__(self) -> str:
        return f"ScanEvent(source={self.source!r}, bytes={len(self.data)}, truncated={self.truncated})"


ScanCallback = Callable[[ScanEvent], None]
ErrorCallback = Callable[[DeviceError], None]


@runtime_checkable
class Scanner(Protocol):
    name: str  # for staff and logs: "/dev/ttyACM0", "simulated scanner" …
    driver: str  # "hid-evdev" | "serial" | "camera" | "simulated"

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback | None = None) -> None:
        """Begin delivering scans on the scanner's own thread."""

    def stop(self) -> None:
        """Stop and release the device; idempotent; joins the thread."""


def open_scanner(setting: str) -> Scanner | None:
    """The scanner for a ``devices.scanner`` setting; None for "none".

    ``sim`` · ``none`` · ``hid:/dev/input/event5`` · ``serial:///dev/ttyACM0?baudrate=9600&terminator=CR``
    · ``camera:0`` / ``camera:/path/clip.mp4`` (decode QR codes from camera frames).
    """
    s = setting.strip()
    if s.startswith("sim"):
        from devices.scanner.simulated import SimulatedScanner

        return SimulatedScanner()
    if s in ("", "none"):
        return None
    if s.startswith("hid:"):
        from devices.scanner.hid import HidScanner

        return HidScanner(s[len("hid:") :])
    if s.startswith("serial:"):
        from devices.scanner.serial import SerialScanner

        u = urlsplit(s)
        q = {k: v[-1] for k, v in parse_qs(u.query).items()}
        try:
            baud = int(q.get("baudrate", "9600"))
        except ValueError:
            raise DeviceError(f"bad baudrate {q.get('baudrate')!r}", code="scanner.bad_setting") from None
        return SerialScanner(u.path or u.netloc, baudrate=baud, terminator=q.get("terminator", "auto"))
    if s.startswith("camera:"):
        from devices.scanner.camera import CameraQrScanner

        return CameraQrScanner(s[len("camera:") :])
    raise DeviceError(f"unknown scanner setting {s[:40]!r}", code="scanner.bad_setting")
