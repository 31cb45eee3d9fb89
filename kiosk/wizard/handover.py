"""Hand over to the counter (issue 19): a citizen who cannot or will not finish at the kiosk
asks staff to finish. What is entered (the chip's data, the answers so far, the photos taken)
goes to the central as an incomplete dossier through the outbox — same exactly-once path and
idempotency key as a submission, with ``needs_completion`` set — and a slip with a queue
number tells the citizen where to go.

The queue number comes from the central (``Q-017``, per agency and day) once it has the
dossier; when it cannot be reached the kiosk prints its own number, ``<kiosk>-NNN``, counted
from the dossiers this kiosk queued today, and says the counter will call it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.catalog import agencies
from kiosk.catalog.model import Procedure
from kiosk.receipt.model import HandoverSlip
from kiosk.submission import SLIP_NUMBER, Submission, Verification
from kiosk.vntime import VN_TZ
from kiosk.wizard.journey import Journey, appointment, build_submission

if TYPE_CHECKING:
    from offline_cache import Store  # the encrypted store (SQLAlchemy) loads after the first screen
    from provisioning.keys import KioskKey  # cryptography loads with the key, not the screen

# The steps that offer the hand-over: the citizen is identified, nothing is submitted yet.
HANDOVER_STEPS = ("form", "documents", "review")
# The central takes a hand-over only for a citizen the chip identified.
CHIP = (Verification.CHIP_READ.value, Verification.CHIP_VERIFIED.value)


def can_hand_over(j: Journey, step: str) -> bool:
    return (
        step in HANDOVER_STEPS
        and j.procedure is not None
        and j.applicant is not None
        and j.applicant.verification in CHIP
        and j.submitted_at is None
    )


def build_handover(
    procedure: Procedure,
    j: Journey,
    *,
    tracking_code: str,
    kiosk_id: str,
    agency_code: str | None,
    language: str,
    slip_number: str | None = None,
    now: datetime | None = None,
) -> Submission:
    """The journey as it is, as an incomplete dossier (missing answers and papers allowed).
    ``slip_number``: the kiosk's own number (:func:`local_queue_number`), sent along so that
    the counter knows it when it is the one printed; dropped if the protocol cannot carry it."""
    if j.applicant is None or j.applicant.verification not in CHIP:
        raise ValueError("a hand-over needs the citizen identified from the chip card")
    sub = build_submission(
        procedure,
        j,
        tracking_code=tracking_code,
        kiosk_id=kiosk_id,
        agency_code=agency_code,
        language=language,
        now=now,
    )
    carried = slip_number if slip_number and SLIP_NUMBER.fullmatch(slip_number) else None
    return replace(sub, needs_completion=True, slip_number=carried)


def local_queue_number(store: Store, kiosk_id: str, entry_id: str, now: datetime | None = None) -> str:
    """The kiosk's own number for ``entry_id``: its place among the dossiers this kiosk queued
    since midnight, Vietnam time, e.g. ``K-07-003`` (the next place when it is not queued yet:
    the number is decided before the hand-over is queued, so that it travels with it)."""
    today = (now or datetime.now(UTC)).astimezone(VN_TZ).date()
    ids = [e.id for e in store.outbox.list(limit=10_000) if e.created_at.astimezone(VN_TZ).date() == today]
    n = ids.index(entry_id) + 1 if entry_id in ids else len(ids) + 1
    return f"{kiosk_id}-{n:03d}"


def build_slip(
    procedure: Procedure,
    sub: Submission,
    agency: agencies.AgencyInfo | None,
    *,
    queue_number: str,
    local_number: bool,
    queued_offline: bool,
    where: str,
    key: KioskKey,
    public_base: str,
    lang: str,
) -> HandoverSlip:
    """The slip; its QR is the dossier's signed receipt QR (appointment: as if completed today)."""
    from kiosk.receipt.model import Receipt

    as_receipt = Receipt(
        tracking_code=sub.tracking_code,
        agency_name="",
        agency_address="",
        agency_phone="",
        ask_where=where,
        procedure_name=procedure.name(lang),
        procedure_code=procedure.identifier,
        applicant_name="",
        applicant_id=sub.applicant.id_number,
        documents=(),
        received_at=sub.created_at,
        appointment=appointment(procedure, sub.created_at),
        fee_vnd=0,
        kiosk_id=sub.kiosk_id,
    )
    from kiosk.receipt import qr  # the signature and segno load with the first slip

    return HandoverSlip(
        tracking_code=sub.tracking_code,
        queue_number=queue_number,
        local_number=local_number,
        queued_offline=queued_offline,
        where=where,
        agency_name=agency.name(lang) if agency else "",
        agency_address=agency.contact.address if agency else "",
        procedure_name=procedure.name(lang),
        procedure_code=procedure.identifier,
        applicant_id=sub.applicant.id_number,
        handed_over_at=sub.created_at,
        qr_text=qr.receipt_qr_text(as_receipt, key, public_base),
        lang=lang,
    )
