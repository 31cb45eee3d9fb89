"""Health probe for the document camera: can a frame be read from the configured source?"""

from __future__ import annotations

import time

from devices.errors import DeviceError
from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.camera).strip()
    if value.startswith("sim"):
        from devices.camera.simulated import LOOP_FRAMES, simulated_source

        sim = simulated_source(loop=False)
        if sim.read() is None:
            return DeviceHealth("camera", "simulated camera", "simulated", "fail", "generator gave no frame")
        return DeviceHealth(
            "camera", "simulated camera", "simulated", "ok", "demo profile", {"frames": LOOP_FRAMES}
        )
    if value in ("", "none"):
        return DeviceHealth("camera", "none", "none", "absent", "no camera configured")
    from devices.camera.capture import open_camera

    driver = "opencv-index" if value.isdigit() else "opencv-file"
    t0 = time.monotonic()
    try:
        src = open_camera(value)
    except DeviceError as e:
        return DeviceHealth("camera", value, driver, "fail", e.detail or e.code)
    try:
        frame = src.read()
    finally:
        src.close()
    if frame is None:
        return DeviceHealth("camera", value, driver, "fail", "opened but gave no frame")
    h, w = frame.shape[:2]
    ms = round((time.monotonic() - t0) * 1000)
    return DeviceHealth(
        "camera", src.name, driver, "ok", f"{w}×{h}", {"width": w, "height": h, "open_ms": ms}
    )
