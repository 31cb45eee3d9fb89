"""The journey state: one object per session, plain data, serialisable at every step.

:class:`Journey` holds what the citizen chose and gave, and forgets what depended on an
earlier choice when that choice changes. Personal data lives here; it is saved only to the
encrypted draft store, never logged, and the whole object is dropped at the end of the session.

Captured document pages are kept as bytes in :attr:`Journey.blobs` (by SHA-256) and are not
part of :meth:`Journey.to_dict`: the draft lists their hashes; the bytes go to the outbox's
encrypted attachment store at submission.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.catalog.model import Catalog
from kiosk.jurisdiction import Place, Resolution, resolve
from kiosk.submission import Applicant, Verification

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


PREFILLED = (
    "applicant_relation",
    "partner_full_name",
    "partner_id_number",
)  # forgotten with the person they came from

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
