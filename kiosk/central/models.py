"""Typed results of central calls (frozen dataclasses, built from the JSON the central sends).

Standard GeoReport v2 fields keep their Open311 names; our extensions arrive as ``x_*``
keys and are optional, so a plain Open311 server fills only the standard part.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


def parse_datetime(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Service:
    """One entry of ``GET services``: in our central, one administrative procedure."""

    service_code: str
    service_name: str
    description: str = ""
    metadata: bool = False
    type: str = "realtime"
    keywords: tuple[str, ...] = ()
    group: str = ""

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Service:
        kw = d.get("keywords") or ""
        return cls(
            service_code=str(d["service_code"]),
            service_name=str(d.get("service_name") or d["service_code"]),
            description=str(d.get("description") or ""),
            metadata=bool(d.get("metadata")),
            type=str(d.get("type") or "realtime"),
            keywords=tuple(k.strip() for k in str(kw).split(",") if k.strip()),
            group=str(d.get("group") or ""),
        )


@dataclass(frozen=True)
class AttributeValueOption:
    key: str
    name: str


@dataclass(frozen=True)
class ServiceAttribute:
    """One attribute of a service definition (GeoReport v2 ``attributes[]``)."""

    code: str
    datatype: str  # string | number | datetime | text | singlevaluelist | multivaluelist
    required: bool
    description: str
    order: int = 0
    variable: bool = True
    datatype_description: str = ""
    values: tuple[AttributeValueOption, ...] = ()

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ServiceAttribute:
        return cls(
            code=str(d["code"]),
            datatype=str(d.get("datatype") or "string"),
            required=bool(d.get("required")),
            description=str(d.get("description") or d["code"]),
            order=int(d.get("order") or 0),
            variable=bool(d.get("variable", True)),
            datatype_description=str(d.get("datatype_description") or ""),
            values=tuple(
                AttributeValueOption(str(v["key"]), str(v.get("name") or v["key"]))
                for v in d.get("values") or ()
            ),
        )


@dataclass(frozen=True)
class ServiceDefinition:
    service_code: str
    attributes: tuple[ServiceAttribute, ...]

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ServiceDefinition:
        attrs = sorted(
            (ServiceAttribute.from_json(a) for a in d.get("attributes") or ()), key=lambda a: a.order
        )
        return cls(service_code=str(d["service_code"]), attributes=tuple(attrs))


@dataclass(frozen=True)
class SubmitResult:
    """Answer to ``POST requests``: a ``service_request_id`` now, or a ``token`` to resolve later.

    ``pending`` means "accepted, ID pending": keep the token and ask ``request_id_for_token``
    in a later sync; never poll in a loop.
    """

    service_request_id: str | None
    token: str | None = None
    service_notice: str = ""
    account_id: str | None = None
    replayed: bool = False  # the central answered from its idempotency record
    tracking_code: str | None = None
    expected_datetime: datetime | None = None

    @property
    def pending(self) -> bool:
        return self.service_request_id is None


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Agency:
    code: str
    name_vi: str
    name_en: str
    contact: Contact = field(default_factory=Contact)
    province_code: int | None = None
    ward_code: int | None = None

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Agency:
        c = d.get("contact") or {}
        return cls(
            code=str(d["code"]),
            name_vi=str(d.get("name_vi") or d.get("name") or d["code"]),
            name_en=str(d.get("name_en") or d.get("name") or d["code"]),
            contact=Contact(
                address=str(c.get("address") or ""),
                phone=str(c.get("phone") or ""),
                email=str(c.get("email") or ""),
                hours=str(c.get("hours") or ""),
            ),
            province_code=d.get("province_code"),
            ward_code=d.get("ward_code"),
        )


@dataclass(frozen=True)
class StatusEvent:
    """One step of a dossier's history (extension ``x_history``)."""

    state: str  # received | in_processing | more_documents_needed | ready_for_pickup | returned | rejected
    at: datetime | None
    note: str = ""
    officer: str = ""
    agency_code: str = ""

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> StatusEvent:
        return cls(
            state=str(d.get("state") or ""),
            at=parse_datetime(d.get("at")),
            note=str(d.get("note") or ""),
            officer=str(d.get("officer") or ""),
            agency_code=str(d.get("agency_code") or ""),
        )


@dataclass(frozen=True)
class ServiceRequest:
    """``GET requests/{id}`` (standard fields) plus our extensions when the central has them."""

    service_request_id: str
    status: str  # Open311: open | closed
    service_code: str = ""
    service_name: str = ""
    status_notes: str = ""
    description: str = ""
    agency_responsible: str = ""
    service_notice: str = ""
    requested_datetime: datetime | None = None
    updated_datetime: datetime | None = None
    expected_datetime: datetime | None = None
    # Extensions (x_*): absent on a plain Open311 server.
    state: str = ""
    tracking_code: str = ""
    dossier_code: str = ""
    officer: str = ""
    channel: str = ""
    appointment_date: date | None = None
    agency: Agency | None = None
    history: tuple[StatusEvent, ...] = ()

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ServiceRequest:
        agency = d.get("x_agency")
        return cls(
            service_request_id=str(d["service_request_id"]),
            status=str(d.get("status") or ""),
            service_code=str(d.get("service_code") or ""),
            service_name=str(d.get("service_name") or ""),
            status_notes=str(d.get("status_notes") or ""),
            description=str(d.get("description") or ""),
            agency_responsible=str(d.get("agency_responsible") or ""),
            service_notice=str(d.get("service_notice") or ""),
            requested_datetime=parse_datetime(d.get("requested_datetime")),
            updated_datetime=parse_datetime(d.get("updated_datetime")),
            expected_datetime=parse_datetime(d.get("expected_datetime")),
            state=str(d.get("x_state") or ""),
            tracking_code=str(d.get("x_tracking_code") or ""),
            dossier_code=str(d.get("x_dossier_code") or ""),
            officer=str(d.get("x_officer") or ""),
            channel=str(d.get("x_channel") or ""),
            appointment_date=parse_date(d.get("x_appointment_date")),
            agency=Agency.from_json(agency) if isinstance(agency, Mapping) else None,
            history=tuple(StatusEvent.from_json(e) for e in d.get("x_history") or ()),
        )


@dataclass(frozen=True)
class Discovery:
    """The central's discovery document: Open311's standard part plus our extension list."""

    changeset: str = ""
    contact: str = ""
    endpoints: tuple[Mapping[str, Any], ...] = ()
    extensions: frozenset[str] = frozenset()
    extension_version: int = 0
    extension_paths: Mapping[str, str] = field(default_factory=dict)
    central_public_key: str = ""  # base64 Ed25519 (verifies staff credentials, configs)
    max_attachment_bytes: int = 0
    attachment_types: tuple[str, ...] = ()

    def has(self, feature: str) -> bool:
        return feature in self.extensions


@dataclass(frozen=True)
class CatalogFetch:
    """Result of a conditional catalog fetch: new JSON with its ETag, or ``not_modified``."""

    not_modified: bool
    etag: str | None
    data: Mapping[str, Any] | None = None
