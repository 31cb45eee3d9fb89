"""Health probe for the card_reader (replaced by the real driver's check in its issue)."""

from __future__ import annotations

from devices.registry import DeviceHealth
from devices.settings import DeviceSettings


def probe(settings: DeviceSettings) -> DeviceHealth:
    value = str(settings.card_reader)
    if value.startswith("sim"):
        return DeviceHealth("card_reader", "simulated card_reader", "simulated", "ok", "demo profile")
    return DeviceHealth("card_reader", value, "unknown", "absent", "no driver for this setting yet")
