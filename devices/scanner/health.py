"""Health probe for the scanner (replaced by the real driver's check in its issue)."""

from __future__ import annotations

from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.scanner)
    if value.startswith("sim"):
        return DeviceHealth("scanner", "simulated scanner", "simulated", "ok", "demo profile")
    return DeviceHealth("scanner", value, "unknown", "absent", "no driver for this setting yet")
