"""The procedure catalog as typed, frozen data (field names after EU CPSV-AP).

Built from JSON: the packaged ``data/catalog/procedures.json`` or the copy the kiosk last
fetched from the central (the offline store keeps it with its ETag). Qt-free, no I/O here
except in :func:`load_catalog`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "catalog"
RULES = ("anywhere", "place", "any_of")


@dataclass(frozen=True)
class Text:
    vi: str
    en: str

    def __call__(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    @classmethod
    def of(cls, d: Any) -> Text:
        if isinstance(d, Mapping):
            return cls(str(d.get("vi") or d.get("en") or ""), str(d.get("en") or d.get("vi") or ""))
        return cls(str(d or ""), str(d or ""))


@dataclass(frozen=True)
class Option:
    key: str
    name: Text


@dataclass(frozen=True)
class Attribute:
    """An Open311 attribute the citizen fills in (GeoReport v2 service definition)."""

    code: str
    datatype: str
    required: bool
    order: int
    description: Text
    values: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Document:
    """A required (or optional) input document; ``from_chip``: the chip card supplies it."""

    identifier: str
    name: Text
    required: bool
    from_chip: bool


@dataclass(frozen=True)
class CompetentAuthority:
    kind: str  # "ubnd" (People's Committee) | "police"
    level: str  # "commune"
    rule: str  # anywhere | place | any_of
    facts: tuple[str, ...]
    note: Text


@dataclass(frozen=True)
class Cost:
    value: int | None  # VND; None when set locally (provincial council)
    currency: str
    description: Text


@dataclass(frozen=True)
class LegalResource:
    title: str
    url: str


@dataclass(frozen=True)
class Procedure:
    identifier: str
    name: Text
    description: Text
    keywords_vi: tuple[str, ...]
    keywords_en: tuple[str, ...]
    sector: Text
    authority: CompetentAuthority
    inputs: tuple[Document, ...]
    cost: Cost
    working_days: int
    processing_time: Text
    legal: tuple[LegalResource, ...]
    channels: tuple[str, ...]
    attributes: tuple[Attribute, ...]
    sources: tuple[str, ...]
    simplifications: Text


@dataclass(frozen=True)
class Fact:
    """A question the jurisdiction resolver may ask (``{place}`` is filled in)."""

    key: str
    question: Text
    here_question: Text


@dataclass(frozen=True)
class Catalog:
    version: str
    procedures: tuple[Procedure, ...]
    facts: Mapping[str, Fact]
    disclaimer: Text
    # The reader's profile: the demo's sample agency contacts are shown (kiosk.catalog.agencies).
    samples: bool = False

    def get(self, code: str) -> Procedure | None:
        return next((p for p in self.procedures if p.identifier == code), None)

    def require(self, code: str) -> Procedure:
        p = self.get(code)
        if p is None:
            raise KioskError(f"unknown procedure {code!r}", code="catalog.unknown_procedure", procedure=code)
        return p


class CatalogInvalid(KioskError):
    code = "catalog.invalid"


def _procedure(d: Mapping[str, Any]) -> Procedure:
    auth = d["hasCompetentAuthority"]
    if auth["rule"] not in RULES:
        raise ValueError(f"{d['identifier']}: unknown competence rule {auth['rule']!r}")
    kw = d.get("keyword") or {}
    cost = d.get("hasCost") or {}
    ptime = d.get("processingTime") or {}
    return Procedure(
        identifier=str(d["identifier"]),
        name=Text.of(d["name"]),
        description=Text.of(d.get("description")),
        keywords_vi=tuple(kw.get("vi") or ()),
        keywords_en=tuple(kw.get("en") or ()),
        sector=Text.of(d.get("sector")),
        authority=CompetentAuthority(
            kind=str(auth.get("kind") or "ubnd"),
            level=str(auth.get("level") or "commune"),
            rule=str(auth["rule"]),
            facts=tuple(auth.get("facts") or ()),
            note=Text.of(auth.get("note")),
        ),
        inputs=tuple(
            Document(
                str(i["identifier"]), Text.of(i["name"]), bool(i.get("required")), bool(i.get("from_chip"))
            )
            for i in d.get("hasInput") or ()
        ),
        cost=Cost(cost.get("value"), str(cost.get("currency") or "VND"), Text.of(cost.get("description"))),
        working_days=int(ptime.get("working_days") or 0),
        processing_time=Text.of(ptime.get("description")),
        legal=tuple(
            LegalResource(str(r["title"]), str(r.get("url") or "")) for r in d.get("hasLegalResource") or ()
        ),
        channels=tuple(d.get("hasChannel") or ()),
        attributes=tuple(
            sorted(
                (
                    Attribute(
                        code=str(a["code"]),
                        datatype=str(a["datatype"]),
                        required=bool(a.get("required")),
                        order=int(a.get("order") or 0),
                        description=Text.of(a.get("description")),
                        values=tuple(
                            Option(str(v["key"]), Text.of(v.get("name"))) for v in a.get("values") or ()
                        ),
                    )
                    for a in d.get("attributes") or ()
                ),
                key=lambda a: a.order,
            )
        ),
        sources=tuple(d.get("source") or ()),
        simplifications=Text.of(d.get("simplifications")),
    )


def parse_catalog(data: Mapping[str, Any]) -> Catalog:
    """A catalog from its JSON form; :class:`CatalogInvalid` (never KeyError) if malformed."""
    try:
        procedures = tuple(_procedure(p) for p in data["procedures"])
        facts = {
            k: Fact(k, Text(v["vi"], v["en"]), Text(v.get("here_vi", v["vi"]), v.get("here_en", v["en"])))
            for k, v in (data.get("facts") or {}).items()
        }
    except (KeyError, TypeError, ValueError) as e:
        raise CatalogInvalid(f"catalog JSON is malformed: {e.__class__.__name__}: {e}") from None
    codes = [p.identifier for p in procedures]
    if len(set(codes)) != len(codes):
        raise CatalogInvalid("catalog JSON lists a procedure twice")
    for p in procedures:
        missing = [f for f in p.authority.facts if f not in facts]
        if missing:
            raise CatalogInvalid(f"{p.identifier}: facts without questions: {missing}")
    return Catalog(
        version=str(data.get("version") or ""),
        procedures=procedures,
        facts=facts,
        disclaimer=Text.of(data.get("disclaimer")),
    )


def packaged_catalog_json() -> dict[str, Any]:
    return json.loads((DATA_DIR / "procedures.json").read_text(encoding="utf-8"))


def load_catalog(cached_json: str | bytes | Mapping[str, Any] | None = None) -> Catalog:
    """The catalog the kiosk should use: the cached copy from the central when there is one
    (``CatalogFetch.data`` as kept by the offline store), else the packaged data."""
    if cached_json is None:
        return parse_catalog(packaged_catalog_json())
    if isinstance(cached_json, Mapping):
        return parse_catalog(cached_json)
    try:
        data = json.loads(cached_json)
    except ValueError as e:
        raise CatalogInvalid(f"cached catalog is not JSON: {e}") from None
    if not isinstance(data, Mapping):
        raise CatalogInvalid("cached catalog is not a JSON object")
    return parse_catalog(data)
