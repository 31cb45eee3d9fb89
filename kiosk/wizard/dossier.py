"""Steps 6–7: what still stops the submission, the :class:`Submission` the kiosk sends, and the
receipt it prints."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kiosk.catalog import agencies, facts, workdays
from kiosk.catalog.model import Catalog, Procedure
from kiosk.jurisdiction import Outcome
from kiosk.receipt import Receipt
from kiosk.submission import Attachment, Channel, Submission
from kiosk.wizard.documents import checklist
from kiosk.wizard.form import form_problems, open311_value, questions
from kiosk.wizard.state import How, Journey


def missing(procedure: Procedure, j: Journey, today: date | None = None) -> list[str]:
    """What still stops the submission, as step names: identify, form, documents, consent."""
    out = []
    if j.applicant is None:
        out.append("identify")
    if form_problems(procedure, j, today):
        out.append("form")
    if any(i.required and not i.done for i in checklist(procedure, j)):
        out.append("documents")
    if not j.consent:
        out.append("consent")
    return out


def _documents_line(procedure: Procedure, j: Journey) -> str:
    parts = []
    for item in checklist(procedure, j):
        if item.state.how is None:
            continue
        how = item.state.how
        detail = f"{how} ({len(item.state.pages)})" if how == How.CAMERA.value else how
        parts.append(f"{item.code}={detail}")
    return "documents: " + "; ".join(parts)


def attachments(j: Journey) -> tuple[Attachment, ...]:
    """Each photographed page once: the same bytes taken twice (the same sheet under two
    checklist items) are one attachment — a central keeps one file per hash per dossier."""
    out = []
    seen: set[str] = set()
    for code, state in j.docs.items():
        if state.how != How.CAMERA.value:
            continue
        for n, sha in enumerate(state.pages, 1):
            if sha in seen:
                continue
            seen.add(sha)
            data = j.blobs[sha]
            out.append(Attachment.of_bytes(data, f"{code}-{n}.jpg", "image/jpeg", document_code=code))
    return tuple(out)


def build_submission(
    procedure: Procedure,
    j: Journey,
    *,
    tracking_code: str,
    kiosk_id: str,
    agency_code: str | None,
    language: str,
    now: datetime | None = None,
    channel: Channel = Channel.SELF_SERVICE,
    officer_id: str | None = None,
) -> Submission:
    if j.applicant is None:
        raise ValueError("no applicant identified")
    attrs: dict[str, str | tuple[str, ...]] = {}
    for q in questions(procedure, j):
        value = j.values.get(q.code)
        if value is None or value == "" or value == []:
            continue
        attrs[q.code] = open311_value(q, value)
    description = _documents_line(procedure, j)
    if j.second is not None:
        description += f"; second person: {j.second.verification}"
    return Submission(
        procedure_code=procedure.identifier,
        tracking_code=tracking_code,
        kiosk_id=kiosk_id,
        applicant=j.applicant.applicant(),
        attributes=attrs,
        attachments=attachments(j),
        channel=channel,
        officer_id=officer_id,
        created_at=now or datetime.now(UTC),
        language=language,
        agency_code=agency_code,
        description=description,
    )


def competent_agency(catalog: Catalog, j: Journey, site_code: str) -> agencies.AgencyInfo | None:
    """The agency the dossier goes to (this site's, when the resolver accepts it here)."""
    r = j.resolution(catalog, site_code)
    if r.outcome in (Outcome.ACCEPTED_HERE, Outcome.ANYWHERE):
        return r.agency or agencies.agency(site_code, samples=catalog.samples)
    return None


def appointment(procedure: Procedure, received_at: datetime) -> date:
    return workdays.appointment_date(received_at, procedure.working_days)


def document_names(procedure: Procedure, j: Journey, lang: str) -> tuple[str, ...]:
    """The documents given, for the receipt: "Giấy chứng sinh (ảnh, 1 trang)"."""
    from kiosk.messages import text

    out = []
    for item in checklist(procedure, j):
        how = item.state.how
        if how is None:
            continue
        if how == How.CAMERA.value:
            out.append(f"{item.name(lang)} ({text('wizard.receipt.photo', lang, n=len(item.state.pages))})")
        elif how == How.CHIP.value:
            out.append(f"{item.name(lang)} ({text('wizard.receipt.chip', lang)})")
        else:
            out.append(f"{item.name(lang)} ({text('wizard.receipt.counter', lang)})")
    return tuple(out)


def ask_where(lang: str, counter: str | None = None) -> str:
    """Where to go with a question or a handed-over dossier: the configured counter when there is
    one (``[ui] counter``), else the one-stop counter."""
    from kiosk.messages import text

    if counter:
        return text("wizard.receipt.ask_where_counter", lang, counter=counter)
    return text("wizard.receipt.ask_where", lang)


def build_receipt(
    procedure: Procedure,
    j: Journey,
    submission: Submission,
    agency: agencies.AgencyInfo | None,
    *,
    lang: str,
    queued_offline: bool,
    counter: str | None = None,
) -> Receipt:
    a = agency
    return Receipt(
        tracking_code=submission.tracking_code,
        agency_name=a.name(lang) if a else "",
        agency_address=a.contact.address if a else "",
        agency_phone=a.contact.phone if a else "",
        ask_where=ask_where(lang, counter),
        procedure_name=procedure.name(lang),
        procedure_code=procedure.identifier,
        applicant_name=submission.applicant.full_name,
        applicant_id=submission.applicant.id_number,
        documents=document_names(procedure, j, lang),
        received_at=submission.created_at,
        appointment=appointment(procedure, submission.created_at),
        fee_vnd=procedure.cost.value or 0,
        fee_text=facts.fee_text(procedure, lang),  # the same words as "find" and the wizard
        kiosk_id=submission.kiosk_id,
        queued_offline=queued_offline,
    )
