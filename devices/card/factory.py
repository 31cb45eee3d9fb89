"""The card reader the settings ask for: simulated (demo profile) or PC/SC."""

from __future__ import annotations

from devices.card.base import CardReader
from devices.card.passive import load_csca_store
from devices.settings import DeviceSettings


def open_card_reader(
    settings: DeviceSettings, reader: str | None = None, extended: str = "auto"
) -> CardReader:
    """``reader`` overrides ``settings.card_reader``: "sim", "sim:N" (sample card N), "auto" or a name part."""
    wanted = reader or settings.card_reader
    if wanted.startswith("sim"):
        from devices.card.simulated import SimulatedCardReader

        _, _, index = wanted.partition(":")
        return SimulatedCardReader(int(index) if index.isdigit() else 0)
    from devices.card.pcsc import PcscCardReader

    return PcscCardReader(wanted, load_csca_store(settings.csca_dir), extended=extended)
