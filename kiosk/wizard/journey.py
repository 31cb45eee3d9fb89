"""The journey state: one object per session, plain data, serialisable at every step.

:class:`Journey` holds what the citizen chose and gave; the functions here derive what the
screens show (the form's questions with prefill, the documents checklist, what is missing)
and what the kiosk sends (:func:`build_submission`) and prints (:func:`build_receipt`).
Personal data lives in the journey; it is saved only to the encrypted draft store, never
logged, and the whole object is dropped at the end of the session.

Captured document pages are kept as bytes in :attr:`Journey.blobs` (by SHA-256) and are not
part of :meth:`Journey.to_dict`: the draft lists their hashes; the bytes go to the outbox's
encrypted attachment store at submission.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from kiosk.catalog import agencies, facts, units, workdays
from kiosk.catalog.model import Attribute, Catalog, Procedure
from kiosk.jurisdiction import Outcome, Place, Resolution, resolve
from kiosk.receipt import Receipt
from kiosk.submission import Applicant, Attachment, Channel, Submission, Verification

STEPS = ("procedure", "where", "identify", "form", "documents", "review", "submitted", "rated")


class How(StrEnum):
    """How a checklist document is provided."""

    CAMERA = "camera"  # photographed at the kiosk
    CHIP = "chip"  # the chip ID card supplies it (read in the identify step)
    COUNTER = "counter"  # the citizen brings the original to the counter


class Behalf(StrEnum):
    SELF = "self"
    CHILD = "child"  # a parent for a child
    FAMILY = "family"  # another family member


@dataclass(frozen=True)
class Person:
    """Someone identified by a card: the applicant or a second person (the other parent)."""

    id_number: str
    full_name: str
    birth_date: str | None = None  # ISO
    sex: str | None = None  # "M" | "F"
    address: str | None = None
    verification: str = Verification.CHIP_READ.value

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Person:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})  # type: ignore[arg-type]

    def applicant(self) -> Applicant:
        return Applicant(
            id_number=self.id_number,
            full_name=self.full_name,
            verification=Verification(self.verification),
            birth_date=self.birth_date,
            sex=self.sex,
            address=self.address,
        )


@dataclass
class DocState:
    how: str | None = None  # How value, None = not yet provided
    pages: list[str] = field(default_factory=list)  # SHA-256 of each JPEG page (camera)

    def to_dict(self) -> dict[str, Any]:
        return {"how": self.how, "pages": list(self.pages)}


EXTRA_DOC = "extra_document"  # "another paper" the citizen adds (e.g. the parents' marriage certificate)


@dataclass
class Journey:
    procedure: str | None = None
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # fact -> Place fields
    applicant: Person | None = None
    behalf: str | None = None  # Behalf value, None until the citizen chose
    second: Person | None = None
    values: dict[str, Any] = field(default_factory=dict)  # attribute code -> str | list[str]
    docs: dict[str, DocState] = field(default_factory=dict)
    consent: bool = False
    tracking_code: str | None = None
    submitted_at: str | None = None  # ISO, UTC
    rating: int | None = None
    rating_reason: str | None = None
    step: str = "procedure"
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)  # not serialised

    # --- serialisation ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "v": 1,
            "procedure": self.procedure,
            "facts": {k: dict(v) for k, v in self.facts.items()},
            "applicant": self.applicant.to_dict() if self.applicant else None,
            "behalf": self.behalf,
            "second": self.second.to_dict() if self.second else None,
            "values": {k: list(v) if isinstance(v, list | tuple) else v for k, v in self.values.items()},
            "docs": {k: v.to_dict() for k, v in self.docs.items()},
            "consent": self.consent,
            "tracking_code": self.tracking_code,
            "submitted_at": self.submitted_at,
            "rating": self.rating,
            "rating_reason": self.rating_reason,
            "step": self.step,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Journey:
        return cls(
            procedure=d.get("procedure"),
            facts={k: dict(v) for k, v in (d.get("facts") or {}).items()},
            applicant=Person.from_dict(d["applicant"]) if d.get("applicant") else None,
            behalf=d.get("behalf"),
            second=Person.from_dict(d["second"]) if d.get("second") else None,
            values=dict(d.get("values") or {}),
            docs={
                k: DocState(v.get("how"), list(v.get("pages") or ()))
                for k, v in (d.get("docs") or {}).items()
            },
            consent=bool(d.get("consent")),
            tracking_code=d.get("tracking_code"),
            submitted_at=d.get("submitted_at"),
            rating=d.get("rating"),
            rating_reason=d.get("rating_reason"),
            step=str(d.get("step") or "procedure"),
        )

    # --- step 1: procedure ------------------------------------------------------------------
    def choose(self, procedure_code: str) -> None:
        """A (new) procedure: everything that depended on the old one is forgotten."""
        if procedure_code != self.procedure:
            self.procedure = procedure_code
            self.facts.clear()
            self.values.clear()
            self.docs.clear()
            self.blobs.clear()
            self.consent = False
        self.step = "where"

    # --- step 2: where ----------------------------------------------------------------------
    def answer(self, fact: str, place: Place) -> None:
        self.facts[fact] = {k: v for k, v in place.__dict__.items() if v is not None}
        self.consent = False

    def places(self) -> dict[str, Place]:
        return {k: Place(**v) for k, v in self.facts.items()}

    def resolution(self, catalog: Catalog, site_code: str) -> Resolution:
        return resolve(catalog.require(self._code()), site_code, self.places(), catalog)

    def _code(self) -> str:
        if not self.procedure:
            raise ValueError("no procedure chosen yet")
        return self.procedure

    # --- step 3: identify -------------------------------------------------------------------
    def identify(self, person: Person) -> None:
        if self.applicant is None or self.applicant.id_number != person.id_number:
            self.values = {k: v for k, v in self.values.items() if k not in PREFILLED}
        self.applicant = person
        self.consent = False

    def set_behalf(self, behalf: Behalf) -> None:
        if behalf.value != self.behalf:
            self.values.pop("applicant_relation", None)  # proposed from the old choice
        self.behalf = behalf.value
        self.consent = False

    def add_second(self, person: Person | None) -> None:
        if person is None or self.second is None or person.id_number != self.second.id_number:
            self.values.pop("partner_full_name", None)
            self.values.pop("partner_id_number", None)
        self.second = person
        self.consent = False

    # --- step 5: documents ------------------------------------------------------------------
    def add_page(self, doc: str, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        state = self.docs.setdefault(doc, DocState())
        state.how = How.CAMERA.value
        state.pages.append(sha)
        self.blobs[sha] = data
        self.consent = False
        return sha

    def retake(self, doc: str, index: int) -> None:
        """Drop page ``index`` (0-based) of ``doc``; the document is missing again if it was the last."""
        state = self.docs.get(doc)
        if state is None or not 0 <= index < len(state.pages):
            return
        sha = state.pages.pop(index)
        if not any(sha in s.pages for s in self.docs.values()):
            self.blobs.pop(sha, None)
        if not state.pages and state.how == How.CAMERA.value:
            state.how = None
        self.consent = False

    def provide(self, doc: str, how: How) -> None:
        """From the chip card or "I will bring the original": any pages taken are dropped."""
        state = self.docs.setdefault(doc, DocState())
        for i in range(len(state.pages) - 1, -1, -1):
            self.retake(doc, i)
        state.how = how.value
        self.consent = False

    def wipe(self) -> None:
        """Forget everything (the session ends)."""
        fresh = Journey()
        self.__dict__.update(fresh.__dict__)


# ---- step 4: the form ----------------------------------------------------------------------

PREFILLED = ("applicant_relation", "partner_full_name", "partner_id_number")


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NAME = "name"
    ID_NUMBER = "id_number"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    MULTI = "multi"
    ADDRESS = "address"  # {"street": typed, "ward": unit code picked from the list}


@dataclass(frozen=True)
class Question:
    attribute: Attribute
    kind: Kind
    prefilled: Any = None  # the value the kiosk proposes (from the card or an earlier answer)
    source: str = ""  # "card" | "answer" | ""

    @property
    def code(self) -> str:
        return self.attribute.code


def kind_of(a: Attribute) -> Kind:
    if a.datatype == "datetime":
        return Kind.DATE
    if a.datatype == "number":
        return Kind.NUMBER
    if a.datatype == "singlevaluelist":
        return Kind.CHOICE
    if a.datatype == "multivaluelist":
        return Kind.MULTI
    if a.datatype == "text":
        return Kind.LONG_TEXT
    if a.code.endswith("_address"):
        return Kind.ADDRESS
    if a.code.endswith("_full_name") or a.code.endswith("_name") and "business" not in a.code:
        return Kind.NAME
    if a.code.endswith("_id_number"):
        return Kind.ID_NUMBER
    return Kind.TEXT


def _relation(j: Journey) -> str | None:
    """The applicant's relation to the child, from "on behalf of my child" and the card's sex."""
    if j.behalf != Behalf.CHILD.value or j.applicant is None:
        return None
    return {"F": "mother", "M": "father"}.get(j.applicant.sex or "")


def prefill(attr: Attribute, j: Journey) -> tuple[Any, str]:
    """What the kiosk already knows for ``attr`` (value, source) — never invents a value."""
    keys = {o.key for o in attr.values}
    if attr.code == "applicant_relation":
        rel = _relation(j)
        if rel and (not keys or rel in keys):
            return rel, "answer"
    if attr.code == "partner_full_name" and j.second is not None:
        return j.second.full_name, "card"
    if attr.code == "partner_id_number" and j.second is not None:
        return j.second.id_number, "card"
    return None, ""


def questions(procedure: Procedure, j: Journey) -> list[Question]:
    """One question per attribute, in the service definition's order, with prefill."""
    out = []
    for a in procedure.attributes:
        value, source = prefill(a, j)
        out.append(Question(a, kind_of(a), value, source))
    return out


def apply_prefill(procedure: Procedure, j: Journey) -> None:
    """Put the proposed values in the form where the citizen has not answered yet."""
    for q in questions(procedure, j):
        if q.prefilled is not None and q.code not in j.values:
            j.values[q.code] = q.prefilled


_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")


def normalise_name(s: str) -> str:
    """ "  lê   minh  an " -> "Lê Minh An" (Vietnamese names are written with each word capitalised)."""
    words = unicodedata.normalize("NFC", s).split()
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def validate(q: Question, value: Any, today: date | None = None) -> str | None:
    """A message code (kiosk/messages/wizard.py) saying in plain words what is wrong, or None."""
    today = today or datetime.now(UTC).date()
    a = q.attribute
    empty = value is None or value == "" or value == [] or value == ()
    if empty:
        return "wizard.form.required" if a.required else None
    if q.kind is Kind.NAME:
        v = normalise_name(str(value))
        if not _NAME_RE.match(v):
            return "wizard.form.name_letters"
        if len(v.split()) < 2:
            return "wizard.form.name_two_words"
        if len(v) > 100:
            return "wizard.form.too_long"
    elif q.kind is Kind.ID_NUMBER:
        if not re.fullmatch(r"\d{12}|\d{9}", str(value)):
            return "wizard.form.id_digits"
    elif q.kind is Kind.DATE:
        try:
            d = date.fromisoformat(str(value)[:10])
        except ValueError:
            return "wizard.form.date_invalid"
        if d > today:
            return "wizard.form.date_future"
        if d.year < 1900:
            return "wizard.form.date_too_old"
    elif q.kind is Kind.NUMBER:
        try:
            n = float(str(value))
        except ValueError:
            return "wizard.form.number"
        if n <= 0:
            return "wizard.form.number_positive"
    elif q.kind is Kind.CHOICE:
        if str(value) not in {o.key for o in a.values}:
            return "wizard.form.choose_one"
    elif q.kind is Kind.MULTI:
        keys = {o.key for o in a.values}
        if not all(str(v) in keys for v in value):
            return "wizard.form.choose_one"
    elif q.kind is Kind.ADDRESS:
        if not isinstance(value, Mapping) or units.ward(int(value.get("ward") or 0)) is None:
            return "wizard.form.address_ward"
        street = str(value.get("street") or "").strip()
        if not street:
            return "wizard.form.address_street"
        if len(street) > 200:
            return "wizard.form.too_long"
    elif len(str(value)) > 2000:
        return "wizard.form.too_long"
    return None


def form_problems(procedure: Procedure, j: Journey, today: date | None = None) -> dict[str, str]:
    out = {}
    for q in questions(procedure, j):
        problem = validate(q, j.values.get(q.code), today)
        if problem:
            out[q.code] = problem
    return out


def open311_value(q: Question, value: Any) -> str | tuple[str, ...]:
    """The value as the central takes it (dates as ISO date-times in Vietnam time)."""
    if q.kind is Kind.DATE:
        return f"{str(value)[:10]}T00:00:00+07:00"
    if q.kind is Kind.MULTI:
        return tuple(str(v) for v in value)
    if q.kind is Kind.NAME:
        return normalise_name(str(value))
    if q.kind is Kind.ADDRESS:
        return address_text(value, "vi")
    return str(value).strip()


def address_text(value: Any, lang: str) -> str:
    """ "Số 5 ngõ 12, Phường Hoàn Kiếm, Thành phố Hà Nội" from {"street", "ward"}."""
    if not isinstance(value, Mapping):
        return str(value or "")
    w = units.ward(int(value.get("ward") or 0))
    street = str(value.get("street") or "").strip()
    return ", ".join(x for x in (street, units.describe(w, lang) if w else "") if x)


# ---- step 5: documents ---------------------------------------------------------------------


@dataclass(frozen=True)
class DocItem:
    code: str
    name_vi: str
    name_en: str
    required: bool
    options: tuple[How, ...]  # what the citizen may choose, the best first
    state: DocState

    @property
    def done(self) -> bool:
        return self.state.how is not None

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en


def checklist(procedure: Procedure, j: Journey) -> list[DocItem]:
    """The procedure's documents, each with the ways it may be given.

    Rules: a document the chip holds (``from_chip``) is taken from the card once it was read;
    paper documents are photographed, or — where the law lets the original be shown at the
    counter (every paper document here: the officer checks originals at reception) — brought
    to the counter. An optional "another paper" slot takes anything else the citizen has
    (e.g. the parents' marriage certificate for a birth registration).
    """
    items = []
    for d in procedure.inputs:
        state = j.docs.get(d.identifier) or DocState()
        if d.from_chip:
            options: tuple[How, ...] = (How.CHIP, How.CAMERA) if j.applicant else (How.CAMERA,)
            if j.applicant and state.how is None:
                state = DocState(How.CHIP.value)
                j.docs[d.identifier] = state
        else:
            options = (How.CAMERA, How.COUNTER)
        items.append(DocItem(d.identifier, d.name.vi, d.name.en, d.required, options, state))
    extra = j.docs.get(EXTRA_DOC) or DocState()
    items.append(
        DocItem(
            EXTRA_DOC, "Giấy tờ khác (nếu có)", "Another paper (if you have one)", False, (How.CAMERA,), extra
        )
    )
    return items


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


# ---- step 7: submit ------------------------------------------------------------------------


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
        return r.agency or agencies.agency(site_code)
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


def build_receipt(
    procedure: Procedure,
    j: Journey,
    submission: Submission,
    agency: agencies.AgencyInfo | None,
    *,
    lang: str,
    queued_offline: bool,
) -> Receipt:
    from kiosk.messages import text

    a = agency
    return Receipt(
        tracking_code=submission.tracking_code,
        agency_name=a.name(lang) if a else "",
        agency_address=a.contact.address if a else "",
        agency_phone=a.contact.phone if a else "",
        ask_where=text("wizard.receipt.ask_where", lang),
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
