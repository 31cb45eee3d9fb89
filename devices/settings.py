"""What the drivers need to know, as plain data (the kiosk builds it from its configuration)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceSettings:
    card_reader: str = "sim"  # "sim", "auto", or a reader-name substring
    printer: str = "sim://"  # printer URI
    printer_width_mm: int = 80
    scanner: str = "sim"  # "sim", "none", hid:/dev/input/eventN, serial:///dev/tty…?baudrate=…&terminator=…
    camera: str = "sim"  # "sim", device index, or a video file / image pattern
    csca_dir: str | None = None
    data_dir: str | None = None  # where simulated devices may write (e.g. printed PNGs)
