"""Discovery and health of every peripheral, one probe per kind.

Each device package provides ``health.probe(settings) -> DeviceHealth``; the registry asks
them all. Used by ``kiosk devices list``, the staff device screen, self-test and heartbeat.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Literal

from devices.settings import DeviceSettings

State = Literal["ok", "warn", "fail", "absent"]


@dataclass(frozen=True)
class DeviceHealth:
    kind: str  # card_reader | printer | scanner | camera
    name: str  # e.g. "Virtual PCD 00 00", "tcp://10.0.0.5:9100"
    driver: str  # e.g. "pcsc", "escpos-network", "simulated"
    state: State
    detail: str = ""  # technical, for staff and technicians; no personal data
    figures: dict[str, Any] = field(default_factory=dict)


KINDS: dict[str, str] = {
    "card_reader": "devices.card.health",
    "printer": "devices.printer.health",
    "scanner": "devices.scanner.health",
    "camera": "devices.camera.health",
}


def list_devices(settings: DeviceSettings) -> list[DeviceHealth]:
    out = []
    for kind, module in KINDS.items():
        try:
            out.append(importlib.import_module(module).probe(settings))
        except Exception as e:  # noqa: BLE001 - one broken probe must not hide the others
            out.append(DeviceHealth(kind, "?", "?", "fail", f"probe failed: {e.__class__.__name__}: {e}"))
    return out
