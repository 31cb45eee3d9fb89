"""What every receipt printer offers: real-time status and printing of one raster image.

Two implementations: :class:`devices.printer.escpos.EscposPrinter` (python-escpos over USB,
serial, TCP 9100 or a file) and :class:`devices.printer.simulated.SimulatedPrinter` (writes
PNGs, for the demo profile). Both print only images: the kiosk renders receipts itself, so
Vietnamese never meets a printer code page. Jobs, persistence and reprints live in
:mod:`devices.printer.jobs`, above this protocol.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PIL import Image

from devices.errors import DeviceError
from devices.printer.status import PrinterStatus

WIDTH_DOTS = {58: 384, 80: 576}  # 203 dpi heads: 48 mm and 72 mm printable


def width_dots(width_mm: int) -> int:
    try:
        return WIDTH_DOTS[width_mm]
    except KeyError:
        raise PrinterError(
            f"unsupported paper width {width_mm} mm (58 or 80)", code="printer.bad_uri"
        ) from None


class PrinterError(DeviceError):
    """Printer failures. Codes (texts in kiosk/messages/printer.py):

    printer.unreachable  no connection to the printer at all
    printer.offline      connected, but it reports offline or does not answer status
    printer.paper_end    out of paper
    printer.cover_open   cover open
    printer.error        mechanical / cutter / unrecoverable error
    printer.interrupted  the connection broke while a job was being sent
    printer.bad_uri      the printer setting cannot be understood
    """

    code = "printer.error"


@runtime_checkable
class ReceiptPrinter(Protocol):
    name: str  # for staff and logs, e.g. "tcp://10.0.0.5:9100"
    driver: str  # "escpos-network", "escpos-usb", "escpos-serial", "escpos-file", "simulated"
    width_dots: int  # 384 (58 mm) or 576 (80 mm)

    def open(self) -> None:
        """Connect. Raises PrinterError(code="printer.unreachable")."""

    def close(self) -> None:
        """Disconnect; safe to call twice."""

    def status(self) -> PrinterStatus:
        """Real-time status (DLE EOT 1..4). Never raises for a silent printer: returns offline."""
        ...

    def print_image(self, image: Image.Image) -> None:
        """Print one image (already ``width_dots`` wide or narrower) and cut.

        Raises PrinterError(code="printer.interrupted") when the transport fails mid-way.
        """
