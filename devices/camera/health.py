"""Health probe for the camera (replaced by the real driver's check in its issue)."""

from __future__ import annotations

from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.camera)
    if value.startswith("sim"):
        return DeviceHealth("camera", "simulated camera", "simulated", "ok", "demo profile")
    return DeviceHealth("camera", value, "unknown", "absent", "no driver for this setting yet")
