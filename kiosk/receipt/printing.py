"""Printing receipts and slips through the print jobs, and the no-printer fallback (a PDF for staff, shown on screen)."""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from devices.printer.jobs import JobResult, JobSealer, PrintJobs
from kiosk import tracking
from kiosk.logs import get_logger
from kiosk.messages import text
from kiosk.paths import data_dir
from kiosk.receipt.handover import HandoverSlip, render_handover_slip
from kiosk.receipt.model import InfoSlip, Receipt
from kiosk.receipt.qr import receipt_qr_text
from kiosk.receipt.render import Rendered, render_receipt, render_slip, with_banner
from provisioning.keys import KioskKey

log = get_logger(__name__)


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


def print_slip(jobs: PrintJobs, slip: InfoSlip | HandoverSlip, job_id: str) -> JobResult:
    """Print an information slip or a hand-over slip (no PDF fallback: the same text is on screen)."""
    if isinstance(slip, HandoverSlip):
        image = render_handover_slip(slip, jobs.printer.width_dots).image
        return jobs.submit(job_id, image, kind="slip", label=tracking.display(slip.tracking_code))
    return jobs.submit(
        job_id, render_slip(slip, jobs.printer.width_dots).image, kind="slip", label=slip.title[:40]
    )
