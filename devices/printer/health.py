"""Health probe for the printer (replaced by the real driver's check in its issue)."""

from __future__ import annotations

from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.printer)
    if value.startswith("sim"):
        return DeviceHealth("printer", "simulated printer", "simulated", "ok", "demo profile")
    return DeviceHealth("printer", value, "unknown", "absent", "no driver for this setting yet")
