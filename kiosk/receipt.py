"""Tracking receipts and information slips: content, signed QR, layout, rendering (Pillow, no Qt).

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

import base64
import io
import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import numpy as np
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image, ImageDraw, ImageFont

from devices.printer import raster
from devices.printer.jobs import JobResult, JobSealer, PrintJobs
from kiosk import tracking
from kiosk.errors import KioskError
from kiosk.fonts import print_font as font
from kiosk.logs import get_logger, mask_id
from kiosk.messages import text
from kiosk.paths import data_dir
from kiosk.vntime import VN_TZ, fmt_date, fmt_time
from provisioning.keys import KioskKey

log = get_logger(__name__)

QR_VERSION = "1"
_SIG_PREFIX = "KR1"


# ---------------------------------------------------------------------------------------
# content


@dataclass(frozen=True)
class Receipt:
    tracking_code: str
    agency_name: str
    agency_address: str
    agency_phone: str
    ask_where: str  # e.g. "Bộ phận Một cửa, quầy số 3"
    procedure_name: str
    procedure_code: str
    applicant_name: str
    applicant_id: str  # full number; only its masked form is printed or put in the QR
    documents: tuple[str, ...]
    received_at: datetime  # timezone-aware
    appointment: date
    fee_vnd: int
    kiosk_id: str
    officer_name: str | None = None  # set when staff assisted
    officer_id: str | None = None
    queued_offline: bool = False
    queued_reason: str = "network"  # why it waits (kiosk.delivery): "network" | "central"
    next_steps: str | None = None  # overrides the standard "what happens next" line
    logo_path: str | None = None  # agency logo (PNG/JPEG, greys or colour): printed dithered

    @property
    def masked_id(self) -> str:
        return mask_id(self.applicant_id)

    @property
    def job_id(self) -> str:
        return "R-" + (tracking.normalize(self.tracking_code) or self.tracking_code)


@dataclass(frozen=True)
class InfoSlip:
    """A printed information slip ("where to apply", procedure details); text already in one language."""

    title: str
    sections: tuple[tuple[str, str], ...]  # (heading, body)
    agency_name: str = ""
    agency_address: str = ""
    agency_phone: str = ""
    qr_url: str | None = None  # e.g. the procedure's public page
    qr_caption: str = ""
    footer: str = ""


def sample_receipt(now: datetime | None = None) -> Receipt:
    """The standard receipt used by ``kiosk receipt render --sample``, tests and the benchmark."""
    received = (now or datetime(2026, 11, 23, 10, 45, tzinfo=VN_TZ)).astimezone(VN_TZ)
    return Receipt(
        tracking_code="K7M4Q-X9T2" + tracking.check_symbol("K7M4QX9T2"),
        agency_name="UBND phường Hoàn Kiếm – Bộ phận Một cửa (mẫu)",
        agency_address="Số 1 phố Mẫu, phường Hoàn Kiếm, thành phố Hà Nội",
        agency_phone="024 3999 0000",
        ask_where="Quầy số 3, Bộ phận Một cửa",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        applicant_name="Nguyễn Thị Hoàng Ánh",
        applicant_id="001203004567",
        documents=(
            "Tờ khai đăng ký khai sinh",
            "Giấy chứng sinh (bản chính)",
            "Giấy chứng nhận kết hôn của cha mẹ (bản sao)",
        ),
        received_at=received,
        appointment=(received + timedelta(days=2)).date(),
        fee_vnd=0,
        kiosk_id="demo-kiosk-01",
    )


# ---------------------------------------------------------------------------------------
# QR payload


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


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


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
        for k, v in (("v", QR_VERSION), *zip("pardk", fields[1:], strict=True), ("s", _b64(sig)))
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
        sig = _unb64(q["s"])
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


def logo_image(path: str, max_width: int) -> Image.Image:
    """A logo scaled to ``max_width`` and dithered (Floyd–Steinberg), as 0/255 greys.

    Dithered here, before the receipt is thresholded, so its greys become dot patterns
    instead of black or white blobs; the final threshold leaves 0/255 pixels as they are.
    """
    with Image.open(path) as im:
        im.load()
        logo = im.copy()
    if logo.width > max_width:
        logo = logo.resize(
            (max_width, max(1, round(logo.height * max_width / logo.width))), Image.Resampling.LANCZOS
        )
    return raster.to_mono(logo, "dither").convert("L")


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


# ---------------------------------------------------------------------------------------
# layout


@dataclass(frozen=True)
class Style:
    body: int
    small: int
    title: int
    code_max: int
    margin: int
    qr_dots: int  # target QR module size


def style_for(width_dots: int) -> Style:
    if width_dots <= 384:
        return Style(body=24, small=20, title=25, code_max=64, margin=6, qr_dots=5)
    return Style(body=28, small=23, title=30, code_max=84, margin=14, qr_dots=6)


@dataclass(frozen=True)
class TextLine:
    """Where one line of text was drawn (tests compare it with the printed image)."""

    text: str
    kind: str
    size: int
    x: int
    y: int


@dataclass
class _Flow:
    width: int
    margin: int
    ops: list[Callable[[ImageDraw.ImageDraw, Image.Image, int], None]] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    def _add(self, h: int, op: Callable[[ImageDraw.ImageDraw, Image.Image, int], None]) -> None:
        self.ops.append(op)
        self.heights.append(h)

    def space(self, h: int) -> None:
        self._add(h, lambda d, im, y: None)

    def rule(self, thick: int = 2, dashed: bool = False) -> None:
        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            x0, x1 = self.margin, self.width - self.margin
            if dashed:
                for x in range(x0, x1, 12):
                    d.rectangle((x, y + 6, min(x + 6, x1), y + 6 + thick - 1), fill=0)
            else:
                d.rectangle((x0, y + 6, x1, y + 6 + thick - 1), fill=0)

        self._add(12 + thick, op)

    def text(
        self, s: str, kind: str, size: int, *, align: str = "left", indent: int = 0, hang: int = 0
    ) -> None:
        """A wrapped paragraph. ``hang``: extra indent of the 2nd+ lines (lists)."""
        f = font(kind, size)
        lines = wrap(nfc(s), f, self.inner - indent, self.inner - indent - hang)
        asc, desc = f.getmetrics()
        lh = asc + desc + max(2, size // 8)
        for i, line in enumerate(lines):
            x_off = indent + (hang if i else 0)
            self._line(line, f, kind, size, lh, align, x_off)

    def label_value(self, label: str, value: str, size: int) -> None:
        """``Label: value`` with the label bold, the value wrapping under itself."""
        bf, rf = font("bold", size), font("regular", size)
        lab = nfc(label) + ": "
        lw = int(bf.getlength(lab))
        if lw > self.inner * 3 // 5:
            self.text(nfc(label) + ":", "bold", size)
            self.text(value, "regular", size)
            return
        lines = wrap(nfc(value), rf, self.inner - lw, self.inner)
        asc, desc = rf.getmetrics()
        lh = asc + desc + max(2, size // 8)
        for i, line in enumerate(lines):
            if i == 0:  # the label takes no height of its own: it shares the first value line
                self._line(lab.rstrip(), bf, "bold", size, 0, "left", 0)
            self._line(line, rf, "regular", size, lh, "left", lw if i == 0 else 0)

    def _line(
        self, s: str, f: ImageFont.FreeTypeFont, kind: str, size: int, lh: int, align: str, x_off: int
    ) -> None:
        if not s.strip():
            self.space(lh)
            return
        w = int(f.getlength(s))
        if align == "center":
            x = self.margin + (self.inner - w) // 2
        elif align == "right":
            x = self.width - self.margin - w
        else:
            x = self.margin + x_off

        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            d.text((x, y), s, font=f, fill=0)
            self.lines.append(TextLine(s, kind, size, x, y))

        self._add(lh, op)

    def banner(self, s: str, size: int) -> None:
        """White text on a black band (reprint / offline markings)."""
        f = font("bold", size)
        asc, desc = f.getmetrics()
        h = asc + desc + 12
        w = int(f.getlength(s))

        def op(d: ImageDraw.ImageDraw, _im: Image.Image, y: int) -> None:
            d.rectangle((self.margin, y, self.width - self.margin - 1, y + h - 1), fill=0)
            d.text((self.margin + (self.inner - w) // 2, y + 6), s, font=f, fill=255)
            self.lines.append(TextLine(s, "banner", size, self.margin + (self.inner - w) // 2, y + 6))

        self._add(h, op)

    def image(self, img: Image.Image) -> None:
        def op(_d: ImageDraw.ImageDraw, im: Image.Image, y: int) -> None:
            im.paste(img.convert("L"), ((self.width - img.width) // 2, y))

        self._add(img.height, op)

    def render(self) -> Image.Image:
        self.lines.clear()
        img = Image.new("L", (self.width, sum(self.heights) + 8), 255)
        d = ImageDraw.Draw(img)
        y = 4
        for op, h in zip(self.ops, self.heights, strict=True):
            op(d, img, y)
            y += h
        return img


def nfc(s: str) -> str:
    """Precomposed form: decomposed Vietnamese marks would be placed by the font's basic layout."""
    return unicodedata.normalize("NFC", s)


def wrap(s: str, f: ImageFont.FreeTypeFont, first: int, rest: int) -> list[str]:
    """Greedy word wrap by pixel width; a word longer than a line is broken by characters."""
    out: list[str] = []
    for para in s.split("\n"):
        line = ""
        for word in (w for w in para.split(" ") if w):  # NBSP (U+00A0) keeps words together
            cand = f"{line} {word}" if line else word
            limit = first if not out else rest
            if f.getlength(cand) <= limit:
                line = cand
                continue
            if line:
                out.append(line)
                line = ""
            elif not out and first < rest and f.getlength(word) <= rest:
                out.append("")  # nothing fits beside the label: the value starts on the next line
            limit = first if not out else rest
            while f.getlength(word) > limit:
                cut = 1
                while cut < len(word) and f.getlength(word[: cut + 1]) <= limit:
                    cut += 1
                out.append(word[:cut])
                word = word[cut:]
                limit = rest
            line = word
        out.append(line)
    return out


def fit_size(s: str, kind: str, width: int, largest: int, smallest: int = 18) -> int:
    for size in range(largest, smallest - 1, -2):
        if font(kind, size).getlength(s) <= width:
            return size
    return smallest


# ---------------------------------------------------------------------------------------
# rendering


def fmt_fee(vnd: int, lang: str) -> str:
    if vnd <= 0:
        return text("receipt.free", lang)
    return f"{vnd:,} đồng".replace(",", ".") if lang == "vi" else f"{vnd:,} VND"


@dataclass(frozen=True)
class Rendered:
    image: Image.Image  # mode "1", ``width_dots`` wide
    lines: tuple[TextLine, ...]
    qr_box: tuple[int, int, int, int] | None  # left, top, right, bottom of the QR with its quiet zone


def render_receipt(
    receipt: Receipt, qr_text: str, width_dots: int = 576, lang: str = "vi", *, reprint: bool = False
) -> Rendered:
    """The receipt as a 1-bit image for a ``width_dots`` head (text thresholded, QR pixel-exact)."""
    st = style_for(width_dots)
    fl = _Flow(width_dots, st.margin)
    t = lambda code, **kw: text(code, lang, **kw)  # noqa: E731

    if receipt.queued_offline:
        fl.banner(
            t("receipt.offline_central" if receipt.queued_reason == "central" else "receipt.offline"),
            st.title,
        )
        fl.space(6)
    if receipt.logo_path:
        fl.image(logo_image(receipt.logo_path, width_dots // 3))
        fl.space(4)
    fl.text(receipt.agency_name, "bold", st.body, align="center")
    fl.text(receipt.agency_address, "regular", st.small, align="center")
    fl.rule()
    fl.text(t("receipt.title"), "bold", st.title, align="center")
    if lang != "vi":
        fl.text(text("receipt.title", "vi"), "regular", st.small, align="center")
    fl.space(4)
    fl.text(t("receipt.tracking"), "regular", st.small, align="center")
    shown = tracking.display(receipt.tracking_code)
    fl.text(shown, "code", fit_size(shown, "code", fl.inner, st.code_max), align="center")
    fl.text(t("receipt.tracking_note"), "regular", st.small, align="center")
    fl.rule()
    fl.label_value(t("receipt.procedure"), f"{receipt.procedure_name} ({receipt.procedure_code})", st.body)
    fl.label_value(t("receipt.applicant"), receipt.applicant_name, st.body)
    fl.label_value(t("receipt.id_number"), receipt.masked_id, st.body)
    fl.text(t("receipt.documents") + ":", "bold", st.body)
    for i, doc in enumerate(receipt.documents, 1):
        num = f"{i}. "
        fl.text(num + doc, "regular", st.body, indent=8, hang=int(font("regular", st.body).getlength(num)))
    fl.label_value(t("receipt.received"), fmt_time(receipt.received_at, lang), st.body)
    fl.rule(thick=3)
    fl.text(t("receipt.appointment"), "bold", st.body, align="center")
    fl.text(fmt_date(receipt.appointment, lang), "bold", st.title + 4, align="center")
    fl.rule(thick=3)
    fl.label_value(t("receipt.fee"), fmt_fee(receipt.fee_vnd, lang), st.body)
    if receipt.officer_name:
        channel = t("receipt.assisted", name=receipt.officer_name, id=receipt.officer_id or "?")
    else:
        channel = t("receipt.self_service", kiosk=receipt.kiosk_id)
    fl.label_value(t("receipt.channel"), channel, st.body)
    fl.rule(dashed=True)
    fl.text(t("receipt.next") + ":", "bold", st.body)
    next_text = receipt.next_steps or t("receipt.next_text")
    if receipt.queued_offline:
        why = "receipt.next_offline_central" if receipt.queued_reason == "central" else "receipt.next_offline"
        next_text = t(why) + " " + next_text
    fl.text(next_text, "regular", st.body)
    fl.space(4)
    fl.label_value(t("receipt.ask"), receipt.ask_where, st.body)
    fl.label_value(t("receipt.phone"), receipt.agency_phone, st.body)
    fl.rule(dashed=True)
    qr = qr_image(qr_text, fl.inner, st.qr_dots)
    qr_index = len(fl.heights)
    fl.image(qr)
    fl.text(t("receipt.scan"), "bold", st.body, align="center")
    fl.text(shown, "regular", st.small, align="center")
    fl.space(16)
    grey = fl.render()
    top = 4 + sum(fl.heights[:qr_index])
    left = (width_dots - qr.width) // 2
    mono = raster.to_mono(grey)
    out = Rendered(mono, tuple(fl.lines), (left, top, left + qr.width, top + qr.height))
    return with_banner(out, t("receipt.reprint")) if reprint else out


def with_banner(rendered: Rendered, label: str) -> Rendered:
    """The same receipt with a black marking band on top (a reprint is the original plus this)."""
    width = rendered.image.width
    st = style_for(width)
    fl = _Flow(width, st.margin)
    fl.banner(label, st.title)
    fl.space(6)
    band = fl.render()
    h = band.height - 4  # the flow's bottom padding
    img = Image.new("1", (width, h + rendered.image.height), 1)
    img.paste(raster.to_mono(band.crop((0, 0, width, h))), (0, 0))
    img.paste(rendered.image, (0, h))
    lines = tuple(fl.lines) + tuple(replace(line, y=line.y + h) for line in rendered.lines)
    box = rendered.qr_box
    return Rendered(img, lines, (box[0], box[1] + h, box[2], box[3] + h) if box else None)


def render_slip(slip: InfoSlip, width_dots: int = 576) -> Rendered:
    """An information slip ("where to apply", procedure details) in the journey's language."""
    st = style_for(width_dots)
    fl = _Flow(width_dots, st.margin)
    if slip.agency_name:
        fl.text(slip.agency_name, "bold", st.body, align="center")
    if slip.agency_address:
        fl.text(slip.agency_address, "regular", st.small, align="center")
    if slip.agency_name or slip.agency_address:
        fl.rule()
    fl.text(slip.title, "bold", st.title, align="center")
    fl.space(6)
    for heading, body in slip.sections:
        if heading:
            fl.text(heading, "bold", st.body)
        fl.text(body, "regular", st.body)
        fl.space(8)
    if slip.agency_phone:
        fl.text(slip.agency_phone, "bold", st.body, align="center")
    qr_box = None
    if slip.qr_url:
        fl.rule(dashed=True)
        qr = qr_image(slip.qr_url, fl.inner, st.qr_dots)
        qr_index = len(fl.heights)
        fl.image(qr)
        if slip.qr_caption:
            fl.text(slip.qr_caption, "regular", st.small, align="center")
    if slip.footer:
        fl.text(slip.footer, "regular", st.small, align="center")
    fl.space(16)
    grey = fl.render()
    if slip.qr_url:
        top = 4 + sum(fl.heights[:qr_index])
        left = (width_dots - qr.width) // 2
        qr_box = (left, top, left + qr.width, top + qr.height)
    return Rendered(raster.to_mono(grey), tuple(fl.lines), qr_box)


# ---------------------------------------------------------------------------------------
# printing and the no-printer fallback

DPI = 203  # thermal heads: 8 dots per mm


def save_pdf(image: Image.Image, path: Path, sealer: JobSealer | None = None) -> Path:
    """A one-page PDF at the printer's resolution, so it prints at the receipt's real size.
    With a ``sealer`` it is stored encrypted as ``<path>.enc`` (it carries the citizen's name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if sealer is not None:
        buf = io.BytesIO()
        image.convert("L").save(buf, format="PDF", resolution=DPI)
        path = path.with_name(path.name + ".enc")
        data = sealer.seal(buf.getvalue(), f"unprinted/{path.name}")
        fd, tmp_name = tempfile.mkstemp(prefix=".pdf-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp_name, path)
        return path
    tmp = path.with_suffix(".tmp")
    image.convert("L").save(tmp, format="PDF", resolution=DPI)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def unprinted_dir() -> Path:
    return data_dir() / "receipts" / "unprinted"


@dataclass(frozen=True)
class ReceiptOutcome:
    result: JobResult
    qr_text: str
    rendered: Rendered  # for the full-screen fallback
    pdf: Path | None  # saved for staff when the receipt did not print
    message_code: str  # what to tell the citizen: "" (printed) or "printer.citizen_held"


def print_receipt(
    jobs: PrintJobs,
    receipt: Receipt,
    key: KioskKey,
    public_base: str,
    *,
    lang: str = "vi",
) -> ReceiptOutcome:
    """Render, sign and print a receipt once; on trouble keep the job and save a PDF for staff."""
    width = jobs.printer.width_dots
    qr = receipt_qr_text(receipt, key, public_base)
    rendered = render_receipt(receipt, qr, width, lang)
    existing = jobs.get(receipt.job_id)
    reprint_img = None if existing else with_banner(rendered, text("receipt.reprint", lang)).image
    result = jobs.submit(
        receipt.job_id,
        rendered.image,
        reprint_image=reprint_img,
        kind="receipt",
        label=tracking.display(receipt.tracking_code),
    )
    if result.printed or result.code == "printer.already_printed":
        return ReceiptOutcome(result, qr, rendered, None, "")
    pdf = save_pdf(rendered.image, unprinted_dir() / f"{receipt.job_id}.pdf", jobs.sealer)
    log.warning("receipt_not_printed", job=receipt.job_id, code=result.code)
    return ReceiptOutcome(result, qr, rendered, pdf, "printer.citizen_held")


def tidy_unprinted(jobs: PrintJobs) -> int:
    """Delete the staff PDFs of receipts that have since printed (they hold personal data)."""
    n = 0
    d = unprinted_dir()
    for pdf in [*d.glob("*.pdf"), *d.glob("*.pdf.enc")]:
        job_id = pdf.name.split(".")[0]
        job = jobs.get(job_id) if job_id.startswith("R-") else None
        if job is not None and job.state == "printed":
            pdf.unlink(missing_ok=True)
            n += 1
    return n


def print_slip(jobs: PrintJobs, slip: InfoSlip, job_id: str) -> JobResult:
    """Print an information slip (no PDF fallback: the same text is on screen)."""
    return jobs.submit(
        job_id, render_slip(slip, jobs.printer.width_dots).image, kind="slip", label=slip.title[:40]
    )
