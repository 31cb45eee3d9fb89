"""What a scanned code is, so the current screen can react: receipt, CCCD, staff, enrollment, unknown.

Every scanner (HID wedge, serial, camera) ends here with the same text (or bytes). The
classification is this module's own and depends only on the shared formats in
docs/CONTRIBUTING.md; the detailed parsers of the owning areas (``kiosk.receipt``,
``devices.card.cccd_qr``, ``provisioning.enroll``) fill ``parsed``; a parser refusing a
payload leaves ``parsed`` empty and is logged, it never turns the kind into a crash.

Hostile or malformed input (too long, not UTF-8, control characters, a tracking code whose
check symbol is wrong, a CCCD-shaped text with broken fields) comes back as
``ScanKind.REJECTED`` with a message code from ``kiosk/messages/scanner.py``. Nothing here
logs the payload: a CCCD code carries a name, an ID number and an address.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from kiosk import tracking
from kiosk.logs import get_logger

log = get_logger(__name__)

MAX_LEN = 2048  # characters; a version-40 QR holds 2953 bytes, none of our codes nears this
STAFF_PREFIX = "KSTAFF1."
ENROLL_PREFIX = "KENROLL1:"

# A bare code as printed (and as a scanner reads it): upper-case Crockford symbols, optional dash.
_TRACKING_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}-?[0-9A-HJKMNP-TV-Z]{5}$")
_B64URL_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_ENROLL_RE = re.compile(r"^KENROLL1:([A-Za-z0-9-]{4,32})@(https?://[^\s@]+)$")
_DATE_RE = re.compile(r"^\d{8}$")
# Invisible characters that can disguise text (bidi overrides, zero-width), besides C0/C1 controls.
_HIDDEN = (
    {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF}
    | set(range(0x202A, 0x202F))
    | set(range(0x2066, 0x206A))
)


class ScanKind(StrEnum):
    RECEIPT = "receipt"  # our receipt QR (URL …/t/<code>) or a bare tracking code
    CCCD = "cccd"  # the QR on the front of a chip ID card
    STAFF = "staff"  # KSTAFF1. staff or technician credential (verified by kiosk.staff)
    ENROLLMENT = "enrollment"  # KENROLL1: provisioning code
    UNKNOWN = "unknown"  # readable, harmless, not ours
    REJECTED = "rejected"  # malformed or hostile; ``reason`` says why


@dataclass(frozen=True)
class ScanRoute:
    kind: ScanKind
    reason: str | None = None  # message code when REJECTED or UNKNOWN
    tracking_code: str | None = None  # canonical 10 symbols, for RECEIPT
    source: str = ""  # "hid" | "serial" | "camera" | "keyboard" | "sim"
    text: str = field(default="", repr=False)  # the cleaned payload: personal data, never log it
    parsed: Any = field(default=None, repr=False)  # the owning area's parse result, when available

    @property
    def accepted(self) -> bool:
        return self.kind not in (ScanKind.REJECTED, ScanKind.UNKNOWN)


def _rejected(reason: str, source: str) -> ScanRoute:
    return ScanRoute(ScanKind.REJECTED, reason=reason, source=source)


def clean(payload: str | bytes) -> tuple[str | None, str | None]:
    """(text, None) for a usable payload, or (None, reason code)."""
    if isinstance(payload, bytes | bytearray):
        if len(payload) > 4 * MAX_LEN:
            return None, "scanner.too_long"
        try:
            payload = bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            return None, "scanner.binary"
    if len(payload) > 4 * MAX_LEN:
        return None, "scanner.too_long"
    text = payload.strip(" \r\n\t")  # scanners end lines with CR, LF or TAB
    if not text:
        return None, "scanner.empty"
    if len(text) > MAX_LEN:
        return None, "scanner.too_long"
    for ch in text:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o < 0xA0 or o in _HIDDEN:
            return None, "scanner.control_chars"
        if 0xD800 <= o < 0xE000 or o in (0xFFFD, 0xFFFE, 0xFFFF):
            return None, "scanner.binary"
    return unicodedata.normalize("NFC", text), None


def _try_parse(parser: Callable[[str], Any], text: str, refusal: type[Exception]) -> Any:
    """The owning area's parse of ``text``; None when that parser refuses it (its own error)."""
    try:
        return parser(text)
    except refusal as e:  # a refusal: the kind stays, without detail; anything else is a bug
        log.info("scan_detail_parse_failed", parser=parser.__qualname__, error=e.__class__.__name__)
        return None


def _receipt_url(text: str) -> str | None | bool:
    """The tracking code in ``…/t/<code>``; False if not such a URL; None if the code is bad."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    _head, sep, code = parts.path.rpartition("/t/")
    if not sep or "/" in code or not code:
        return False
    canonical = tracking.normalize(code)
    if canonical is None or not tracking.is_valid(canonical):
        return None
    return canonical


def _cccd_shape(text: str) -> bool | None:
    """True for a well-formed CCCD front QR, None for a broken one, False if not CCCD-like."""
    fields = text.split("|")
    if len(fields) < 3 or not re.fullmatch(r"\d{12}", fields[0]):
        return False
    if len(fields) not in (6, 7):
        return None
    if len(fields) == 7:
        _id, old, name, dob, sex, address, issued = fields
        if old and not re.fullmatch(r"\d{9}", old):
            return None
    else:
        _id, name, dob, sex, address, issued = fields
    if not name.strip() or not address.strip() or not _DATE_RE.match(dob) or not _DATE_RE.match(issued):
        return None
    if sex not in ("Nam", "Nữ"):
        return None
    return True


def route(payload: str | bytes, source: str = "") -> ScanRoute:
    """Classify one scanned payload. Never raises on any input."""
    try:
        return _route(payload, source)
    except Exception as e:  # noqa: BLE001 - a scan must never take the screen down
        log.warning("scan_route_failed", error=e.__class__.__name__, source=source)
        return _rejected("scanner.unreadable", source)


def _route(payload: str | bytes, source: str) -> ScanRoute:
    text, reason = clean(payload)
    if text is None:
        log.info("scan_rejected", reason=reason, source=source)
        return _rejected(reason or "scanner.unreadable", source)

    if text.startswith(STAFF_PREFIX):
        parts = text.split(".")
        if len(parts) != 3 or not all(_B64URL_RE.match(p) for p in parts[1:]):
            return _rejected("scanner.malformed_staff", source)
        # Verification needs the central's keys: the staff sign-in screen does it.
        return ScanRoute(ScanKind.STAFF, source=source, text=text)

    if text.startswith(ENROLL_PREFIX):
        if not _ENROLL_RE.match(text):
            return _rejected("scanner.malformed_enrollment", source)
        from provisioning.enroll import parse_enroll_qr  # imported when needed: start-up stays light
        from provisioning.errors import ProvisioningError

        parsed = _try_parse(parse_enroll_qr, text, ProvisioningError)
        return ScanRoute(ScanKind.ENROLLMENT, source=source, text=text, parsed=parsed)

    code = _receipt_url(text)
    if code is None:
        return _rejected("scanner.bad_check_digit", source)
    if isinstance(code, str):
        from kiosk.errors import KioskError
        from kiosk.receipt import parse_receipt_qr  # Pillow: imported when a receipt is scanned

        parsed = _try_parse(parse_receipt_qr, text, KioskError)
        return ScanRoute(ScanKind.RECEIPT, source=source, text=text, tracking_code=code, parsed=parsed)

    if _TRACKING_RE.match(text):
        canonical = tracking.normalize(text)
        if canonical is not None and tracking.is_valid(canonical):
            return ScanRoute(ScanKind.RECEIPT, source=source, text=text, tracking_code=canonical)
        if canonical is not None and not text.isdigit():  # ten digits: a phone number, not ours
            return _rejected("scanner.bad_check_digit", source)

    shape = _cccd_shape(text)
    if shape is None:
        return _rejected("scanner.malformed_cccd", source)
    if shape:
        from devices.card import cccd_qr
        from devices.card.errors import BadQr

        parsed = _try_parse(cccd_qr.parse, text, BadQr)
        return ScanRoute(ScanKind.CCCD, source=source, text=text, parsed=parsed)

    return ScanRoute(ScanKind.UNKNOWN, reason="scanner.unknown_code", source=source, text=text)
