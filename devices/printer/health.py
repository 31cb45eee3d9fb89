"""Health probe for the printer: open it, read its real-time status, close it."""

from __future__ import annotations

from devices.printer import PrinterError, open_printer
from devices.registry import DeviceHealth, State
from devices.settings import DeviceSettings

_STATE: dict[str, State] = {
    "ready": "ok",
    "unknown": "ok",
    "near_end": "warn",
    "paper_end": "fail",
    "cover_open": "fail",
    "offline": "fail",
    "error": "fail",
}


def probe(settings: DeviceSettings) -> DeviceHealth:
    try:
        printer = open_printer(settings.printer, settings.printer_width_mm, settings.data_dir)
    except PrinterError as e:
        return DeviceHealth("printer", settings.printer, "?", "fail", e.detail)
    try:
        s = printer.status()
    finally:
        printer.close()
    return DeviceHealth(
        "printer",
        printer.name,
        printer.driver,
        _STATE[s.condition],
        f"{s.condition}; {s.detail}".strip("; "),
        {"width_dots": printer.width_dots, **s.as_dict()},
    )
