"""Receipt printer: ESC/POS driver, simulated printer, raster, status, print jobs.

``open_printer(uri, width_mm, data_dir)`` picks the implementation from the URI
(``sim://…`` or usb/serial/tcp/file); ``PrintJobs`` (jobs.py) is what the kiosk prints through.
"""

from __future__ import annotations

from pathlib import Path

from devices.printer.base import PrinterError, ReceiptPrinter


def open_printer(uri: str, width_mm: int = 80, data_dir: str | Path | None = None) -> ReceiptPrinter:
    if uri.startswith("sim"):
        from devices.printer.simulated import SimulatedPrinter

        out = Path(data_dir) / "printer" / "simulated" if data_dir else None
        return SimulatedPrinter(uri, width_mm, out)
    from devices.printer.escpos import EscposPrinter

    return EscposPrinter(uri, width_mm)


def jobs_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / "printer" / "jobs"


__all__ = ["PrinterError", "ReceiptPrinter", "jobs_dir", "open_printer"]
