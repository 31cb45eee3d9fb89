"""Builds the drivers' plain settings from the kiosk configuration."""

from __future__ import annotations

from devices.settings import DeviceSettings
from kiosk.config import KioskConfig
from kiosk.paths import data_dir


def device_settings(cfg: KioskConfig) -> DeviceSettings:
    d = cfg.devices
    return DeviceSettings(
        card_reader=d.card_reader,
        printer=d.printer,
        printer_width_mm=d.printer_width_mm,
        scanner=d.scanner,
        camera=d.camera,
        csca_dir=d.csca_dir,
        data_dir=str(data_dir()),
    )
