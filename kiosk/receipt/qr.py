"""The receipt's signed QR: a URL a phone can open and a kiosk can check offline (format in :mod:`kiosk.receipt`), and the QR image itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qs, quote, urlsplit

import numpy as np
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image

from common.b64 import b64url_decode, b64url_encode
from kiosk import tracking
from kiosk.errors import KioskError
from kiosk.logs import get_logger
from kiosk.receipt.model import Receipt
from kiosk.vntime import VN_TZ
from provisioning.keys import KioskKey

log = get_logger(__name__)


QR_VERSION = "1"
_SIG_PREFIX = "KR1"


@dataclass(frozen=True)
class ReceiptQr:
    base: str  # central public base, e.g. "https://dvc.example.gov.vn"
    tracking_code: str  # canonical 10 symbols
    procedure_code: str
    masked_id: str
    received_at: datetime  # Vietnam time, to the minute
    appointment: date
    kiosk_id: str
    signature: bytes

    @property
    def signed_message(self) -> bytes:
        return _message(
            self.tracking_code,
            self.procedure_code,
            self.masked_id,
            _fmt_time(self.received_at),
            _fmt_date(self.appointment),
            self.kiosk_id,
        )


def _fmt_time(t: datetime) -> str:
    return t.astimezone(VN_TZ).strftime("%y%m%d%H%M")


def _fmt_date(d: date) -> str:
    return d.strftime("%y%m%d")


def _message(*fields: str) -> bytes:
    return "|".join((_SIG_PREFIX, *fields)).encode("utf-8")


def receipt_qr_text(receipt: Receipt, key: KioskKey, public_base: str) -> str:
    """The signed URL put in the receipt's QR code."""
    code = tracking.normalize(receipt.tracking_code)
    if code is None or not tracking.is_valid(code):
        raise KioskError(f"bad tracking code {receipt.tracking_code!r}", code="receipt.qr_invalid")
    if receipt.received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    fields = (
        code,
        receipt.procedure_code,
        receipt.masked_id,
        _fmt_time(receipt.received_at),
        _fmt_date(receipt.appointment),
        receipt.kiosk_id,
    )
    sig = key.sign(_message(*fields))
    q = "&".join(
        f"{k}={quote(v, safe='*-._~')}"
        for k, v in (("v", QR_VERSION), *zip("pardk", fields[1:], strict=True), ("s", b64url_encode(sig)))
    )
    return f"{public_base.rstrip('/')}/t/{code}?{q}"


def parse_receipt_qr(text_: str) -> ReceiptQr:
    """Parse a scanned receipt QR; KioskError(code="receipt.qr_invalid") if it is not one."""

    def bad(why: str) -> KioskError:
        return KioskError(why, code="receipt.qr_invalid")

    parts = urlsplit(text_.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise bad("not an http(s) URL")
    head, sep, code = parts.path.rpartition("/t/")
    if not sep or "/" in code:
        raise bad("no /t/<code> path")
    canonical = tracking.normalize(code)
    if canonical is None or not tracking.is_valid(canonical):
        raise bad("tracking code fails its check symbol")
    q = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    if q.get("v") != QR_VERSION:
        raise bad(f"unknown receipt QR version {q.get('v')!r}")
    missing = [k for k in "pardks" if k not in q]
    if missing:
        raise bad(f"missing fields {missing}")
    try:
        received = datetime.strptime(q["r"], "%y%m%d%H%M").replace(tzinfo=VN_TZ)
        appointment = datetime.strptime(q["d"], "%y%m%d").date()
        sig = b64url_decode(q["s"])
    except ValueError:
        raise bad("bad date, time or signature encoding") from None
    if len(sig) != 64:
        raise bad("signature is not 64 bytes")
    return ReceiptQr(
        base=f"{parts.scheme}://{parts.netloc}{head}",
        tracking_code=canonical,
        procedure_code=q["p"],
        masked_id=q["a"],
        received_at=received,
        appointment=appointment,
        kiosk_id=q["k"],
        signature=sig,
    )


def verify_receipt_qr(text_: str, public_key: bytes | Ed25519PublicKey) -> ReceiptQr:
    """Parse and check the signature with the issuing kiosk's public key (raw 32 bytes or key).

    Returns the parsed receipt; raises KioskError ``receipt.qr_invalid`` (not a receipt) or
    ``receipt.qr_forged`` (signature does not match: altered, or another kiosk's key).
    """
    from cryptography.exceptions import InvalidSignature

    qr = parse_receipt_qr(text_)
    pub = (
        public_key
        if isinstance(public_key, Ed25519PublicKey)
        else Ed25519PublicKey.from_public_bytes(public_key)
    )
    try:
        pub.verify(qr.signature, qr.signed_message)
    except InvalidSignature:
        raise KioskError(f"receipt {qr.tracking_code}: bad signature", code="receipt.qr_forged") from None
    return qr


def qr_image(payload: str, max_width: int, module_dots: int) -> Image.Image:
    """The QR (byte mode, ECI UTF-8, error level M or better), quiet zone included.

    Each module is ``module_dots`` dots (5 on 58 mm = 0.63 mm, 6 on 80 mm = 0.75 mm: phones read
    these at arm's length), smaller only if the symbol would not fit ``max_width``.
    """
    qr = segno.make(payload, encoding="utf-8", eci=True, error="m", micro=False)
    matrix = np.array([list(row) for row in qr.matrix_iter(scale=1, border=4)], dtype=bool)
    n = int(matrix.shape[0])
    scale = max(2, min(module_dots, max_width // n))
    img = Image.fromarray(np.where(matrix, 0, 255).astype(np.uint8), mode="L")
    return img.resize((n * scale, n * scale), Image.Resampling.NEAREST)
