"""Step 4, the form: one question per attribute, what the kiosk proposes, and validation.

Validation answers with a message code (kiosk/messages/wizard.py), never with text, so the
screen says it in the citizen's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from kiosk.catalog import units
from kiosk.catalog.model import Attribute, Procedure
from kiosk.wizard.state import Behalf, Journey


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
