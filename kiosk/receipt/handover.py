"""The hand-over slip (issue 19): what a citizen takes to the counter after asking staff to
finish the dossier. The queue number in large type (the central's ``Q-017``, or the kiosk's
own number when it could not reach the central), the words "take this slip to the counter",
the tracking code and the same signed QR as a receipt (:func:`kiosk.receipt.receipt_qr_text`),
so any kiosk's track screen or a phone opens the dossier's status. Only the masked ID number is
printed: the slip may be left on a counter.
"""

from __future__ import annotations

from devices.printer import raster
from kiosk import tracking
from kiosk.logs import mask_id
from kiosk.messages import text
from kiosk.receipt.layout import Flow, fit_size, style_for
from kiosk.receipt.model import HandoverSlip
from kiosk.receipt.qr import qr_image
from kiosk.receipt.render import Rendered
from kiosk.vntime import fmt_time


def render_handover_slip(slip: HandoverSlip, width_dots: int = 576) -> Rendered:
    """The slip as a 1-bit image for a ``width_dots`` head (text thresholded, QR pixel-exact)."""
    st = style_for(width_dots)
    fl = Flow(width_dots, st.margin)
    lang = slip.lang
    t = lambda code, **kw: text(code, lang, **kw)  # noqa: E731
    if slip.queued_offline:
        fl.banner(t("receipt.offline"), st.title)
        fl.space(6)
    if slip.agency_name:
        fl.text(slip.agency_name, "bold", st.body, align="center")
    if slip.agency_address:
        fl.text(slip.agency_address, "regular", st.small, align="center")
    fl.rule()
    fl.text(t("handover.slip.title"), "bold", st.title, align="center")
    fl.space(4)
    fl.text(t("handover.slip.queue"), "regular", st.body, align="center")
    fl.text(
        slip.queue_number,
        "code",
        fit_size(slip.queue_number, "code", fl.inner, st.code_max + 40),
        align="center",
    )
    if slip.local_number:
        fl.text(t("handover.slip.local"), "regular", st.small, align="center")
    fl.rule(thick=3)
    fl.text(t("handover.go", where=slip.where), "bold", st.title, align="center")
    fl.rule(thick=3)
    fl.label_value(t("handover.slip.procedure"), f"{slip.procedure_name} ({slip.procedure_code})", st.body)
    fl.label_value(t("handover.slip.id_number"), mask_id(slip.applicant_id), st.body)
    fl.label_value(t("handover.slip.at"), fmt_time(slip.handed_over_at, lang), st.body)
    fl.text(t("handover.slip.state"), "regular", st.body)
    fl.rule(dashed=True)
    fl.text(t("receipt.tracking"), "regular", st.small, align="center")
    shown = tracking.display(slip.tracking_code)
    fl.text(shown, "code", fit_size(shown, "code", fl.inner, st.code_max), align="center")
    qr = qr_image(slip.qr_text, fl.inner, st.qr_dots)
    qr_index = len(fl.heights)
    fl.image(qr)
    fl.text(t("handover.slip.scan"), "bold", st.body, align="center")
    fl.space(16)
    grey = fl.render()
    top = 4 + sum(fl.heights[:qr_index])
    left = (width_dots - qr.width) // 2
    return Rendered(raster.to_mono(grey), tuple(fl.lines), (left, top, left + qr.width, top + qr.height))
