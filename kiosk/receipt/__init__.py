"""Tracking receipts and information slips (Pillow, no Qt): content (:mod:`.model`), the signed QR
(:mod:`.qr`), the layout engine (:mod:`.layout`), rendering (:mod:`.render`), printing and the
no-printer fallback (:mod:`.printing`). This package's names are imported from here.

The receipt follows the shape of Vietnam's "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": agency
and address; procedure and code; the kiosk's provisional tracking code in large type;
applicant and masked ID number; documents received; time received; appointment date; fee;
channel (self-service or assisted, by whom); where to ask and the agency's phone; what
happens next; a QR code. It is rendered as one 1-bit image as wide as the printer's head
(384 dots for 58 mm, 576 for 80 mm) so Vietnamese never meets a printer code page.

**Receipt QR** — a URL a phone can open and a kiosk can check offline::

    <central public base>/t/<TRACKING>?v=1&p=<procedure code>&a=<masked ID>&r=<YYMMDDHHMM>
        &d=<YYMMDD>&k=<kiosk ID>&s=<signature>

``r`` is the time received and ``d`` the appointment date, Vietnam time (UTC+7, no DST);
``s`` is the kiosk's Ed25519 signature (base64url, no padding) over the UTF-8 bytes of
``KR1|<TRACKING>|<p>|<a>|<r>|<d>|<k>``. The base URL is not signed (the central may move);
a kiosk routing a scan compares it with its configured central itself. The QR carries an
ECI marker (UTF-8) so any non-ASCII field decodes correctly.

Journeys print with :func:`print_receipt` (through :class:`devices.printer.jobs.PrintJobs`,
job ID ``R-<TRACKING>``: a second call prints nothing). When the printer cannot print, the
receipt is saved as a PDF under ``<data dir>/receipts/unprinted/`` for staff and the caller
shows it on screen with its QR.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.lazy import lazy_attributes
from kiosk.vntime import VN_TZ, fmt_date, fmt_time

if TYPE_CHECKING:
    from kiosk.receipt.handover import render_handover_slip
    from kiosk.receipt.layout import Style, TextLine, fit_size, logo_image, nfc, style_for, wrap
    from kiosk.receipt.model import HandoverSlip, InfoSlip, Receipt, sample_receipt
    from kiosk.receipt.printing import (
        DPI,
        ReceiptOutcome,
        print_receipt,
        print_slip,
        save_pdf,
        tidy_unprinted,
        unprinted_dir,
    )
    from kiosk.receipt.qr import (
        QR_VERSION,
        ReceiptQr,
        parse_receipt_qr,
        qr_image,
        receipt_qr_text,
        verify_receipt_qr,
    )
    from kiosk.receipt.render import Rendered, fmt_fee, render_receipt, render_slip, with_banner

# Pillow, NumPy and segno load with the first receipt, not with every screen that names a slip.
_HOMES = {
    **dict.fromkeys(("render_handover_slip",), "kiosk.receipt.handover"),
    **dict.fromkeys(
        ("Style", "TextLine", "fit_size", "logo_image", "nfc", "style_for", "wrap"), "kiosk.receipt.layout"
    ),
    **dict.fromkeys(("HandoverSlip", "InfoSlip", "Receipt", "sample_receipt"), "kiosk.receipt.model"),
    **dict.fromkeys(
        (
            "DPI",
            "ReceiptOutcome",
            "print_receipt",
            "print_slip",
            "save_pdf",
            "tidy_unprinted",
            "unprinted_dir",
        ),
        "kiosk.receipt.printing",
    ),
    **dict.fromkeys(
        ("QR_VERSION", "ReceiptQr", "parse_receipt_qr", "qr_image", "receipt_qr_text", "verify_receipt_qr"),
        "kiosk.receipt.qr",
    ),
    **dict.fromkeys(
        ("Rendered", "fmt_fee", "render_receipt", "render_slip", "with_banner"), "kiosk.receipt.render"
    ),
}
__getattr__, __dir__ = lazy_attributes(__name__, _HOMES, eager=("VN_TZ", "fmt_date", "fmt_time"))

__all__ = [
    "DPI", "HandoverSlip", "render_handover_slip", "QR_VERSION", "VN_TZ", "InfoSlip", "Receipt", "ReceiptOutcome", "ReceiptQr", "Rendered",
    "Style", "TextLine", "fit_size", "fmt_date", "fmt_fee", "fmt_time", "logo_image", "nfc",
    "parse_receipt_qr", "print_receipt", "print_slip", "qr_image", "receipt_qr_text", "render_receipt",
    "render_slip", "sample_receipt", "save_pdf", "style_for", "tidy_unprinted", "unprinted_dir",
    "verify_receipt_qr", "with_banner", "wrap",
]  # fmt: skip
