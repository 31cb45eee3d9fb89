"""Health probe for the QR scanner: is the configured input there and usable?"""

from __future__ import annotations

import os

from devices.errors import DeviceError
from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.scanner).strip()
    if value.startswith("sim"):
        return DeviceHealth("scanner", "simulated scanner", "simulated", "ok", "demo profile")
    if value in ("", "none"):
        return DeviceHealth("scanner", "none", "none", "absent", "no scanner configured")
    from devices.scanner.base import open_scanner

    try:
        scanner = open_scanner(value)
    except DeviceError as e:
        return DeviceHealth("scanner", value[:60], "?", "fail", e.detail or e.code)
    if scanner is None:  # pragma: no cover - "none" handled above
        return DeviceHealth("scanner", "none", "none", "absent", "")
    if scanner.driver == "hid-evdev":
        path = value[len("hid:") :]
        if not os.path.exists(path):
            return DeviceHealth("scanner", path, scanner.driver, "absent", "device node not present")
        if not os.access(path, os.R_OK):
            return DeviceHealth(
                "scanner", path, scanner.driver, "fail", "no read permission (udev rule / input group)"
            )
        return DeviceHealth("scanner", path, scanner.driver, "ok", "readable")
    if scanner.driver == "serial":
        import serial as pyserial

        port = getattr(scanner, "port", value)
        try:
            pyserial.Serial(port, timeout=0).close()
        except (pyserial.SerialException, OSError, ValueError) as e:
            return DeviceHealth(
                "scanner", port, scanner.driver, "fail", f"cannot open: {e.__class__.__name__}"
            )
        return DeviceHealth("scanner", port, scanner.driver, "ok", "port opens")
    if scanner.driver == "camera":
        from devices.camera.capture import open_camera

        spec = value[len("camera:") :]
        try:
            src = open_camera(spec)
        except DeviceError as e:
            return DeviceHealth("scanner", scanner.name, scanner.driver, "fail", e.detail or e.code)
        try:
            ok = src.read() is not None
        finally:
            src.close()
        return DeviceHealth(
            "scanner",
            scanner.name,
            scanner.driver,
            "ok" if ok else "fail",
            "frame read" if ok else "no frame",
        )
    return DeviceHealth("scanner", scanner.name, scanner.driver, "warn", "not probed")
