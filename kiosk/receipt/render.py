"""Receipts and slips rendered to one 1-bit image as wide as the printer's head."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PIL import Image

from devices.printer import raster
from kiosk import tracking
from kiosk.fonts import print_font as font
from kiosk.logs import get_logger
from kiosk.messages import text
from kiosk.receipt.layout import Flow, TextLine, fit_size, logo_image, style_for
from kiosk.receipt.model import InfoSlip, Receipt
from kiosk.receipt.qr import qr_image
from kiosk.vntime import fmt_date, fmt_time

log = get_logger(__name__)


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
    fl = Flow(width_dots, st.margin)
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
    fl.label_value(t("receipt.fee"), receipt.fee_text or fmt_fee(receipt.fee_vnd, lang), st.body)
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
    fl = Flow(width, st.margin)
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
    fl = Flow(width_dots, st.margin)
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
