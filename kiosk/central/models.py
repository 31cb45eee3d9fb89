"""Typed results of central calls: plain frozen dataclasses for the rest of the kiosk, validated
at the HTTP edge by pydantic models of the JSON the central sends.

Standard GeoReport v2 fields keep their Open311 names; our extensions arrive as ``x_*`` keys and
are optional, so a plain Open311 server fills only the standard part. A malformed answer (a
required field missing, a list where an object belongs) raises :class:`CentralBadAnswer`, which
names the field, instead of a ``KeyError`` deep in the client.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from kiosk.catalog.agencies import Contact
from kiosk.central.errors import CentralError


class CentralBadAnswer(CentralError):
    """The central's answer does not have the shape the protocol promises; ``detail`` names the field."""

    code = "central.bad_answer"
    retryable = True  # a proxy or a half-deployed central; the same request may succeed later


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


def _text(value: Any) -> str:
    """Open311 servers send numbers, nulls and strings for the same field: text, or empty."""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _required_text(value: Any) -> str:
    if value is None or isinstance(value, dict | list) or str(value) == "":
        raise ValueError("a non-empty text is required")
    return str(value)


Text = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_required_text)]
When = Annotated[datetime | None, BeforeValidator(parse_datetime)]
Day = Annotated[date | None, BeforeValidator(parse_date)]
Flag = Annotated[bool, BeforeValidator(bool)]


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


OptInt = Annotated[int | None, BeforeValidator(_int_or_none)]
Order = Annotated[int, BeforeValidator(lambda v: _int_or_none(v) or 0)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


W = TypeVar("W", bound=_Wire)


def _validate(model: type[W], data: Any, what: str) -> W:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(answer)"
        raise CentralBadAnswer(f"{what}: field {where!r}: {first['msg']}") from None


class _ServiceWire(_Wire):
    service_code: Id
    service_name: Text = ""
    description: Text = ""
    metadata: Flag = False
    type: Text = ""
    keywords: Text = ""
    group: Text = ""


class _ValueWire(_Wire):
    key: Id
    name: Text = ""


class _AttributeWire(_Wire):
    code: Id
    datatype: Text = ""
    required: Flag = False
    description: Text = ""
    order: Order = 0
    variable: Flag = True
    datatype_description: Text = ""
    values: list[_ValueWire] | None = None


class _DefinitionWire(_Wire):
    service_code: Id
    attributes: list[_AttributeWire] | None = None


class _ContactWire(_Wire):
    address: Text = ""
    phone: Text = ""
    email: Text = ""
    hours: Text = ""


class _AgencyWire(_Wire):
    code: Id
    name: Text = ""
    name_vi: Text = ""
    name_en: Text = ""
    contact: _ContactWire | None = None
    province_code: OptInt = None
    ward_code: OptInt = None


class _EventWire(_Wire):
    state: Text = ""
    at: When = None
    note: Text = ""
    officer: Text = ""
    agency_code: Text = ""


class _RequestWire(_Wire):
    service_request_id: Id
    status: Text = ""
    service_code: Text = ""
    service_name: Text = ""
    status_notes: Text = ""
    description: Text = ""
    agency_responsible: Text = ""
    service_notice: Text = ""
    requested_datetime: When = None
    updated_datetime: When = None
    expected_datetime: When = None
    # Extensions, named as ServiceRequest names them (the central sends x_<name>).
    state: Text = Field("", validation_alias="x_state")
    tracking_code: Text = Field("", validation_alias="x_tracking_code")
    dossier_code: Text = Field("", validation_alias="x_dossier_code")
    officer: Text = Field("", validation_alias="x_officer")
    channel: Text = Field("", validation_alias="x_channel")
    appointment_date: Day = Field(None, validation_alias="x_appointment_date")
    agency: _AgencyWire | None = Field(None, validation_alias="x_agency")
    history: list[_EventWire] | None = Field(None, validation_alias="x_history")
    queue_number: Text = Field("", validation_alias="x_queue_number")


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
        w = _validate(_ServiceWire, d, "services")
        return cls(
            service_code=w.service_code,
            service_name=w.service_name or w.service_code,
            description=w.description,
            metadata=w.metadata,
            type=w.type or "realtime",
            keywords=tuple(k.strip() for k in w.keywords.split(",") if k.strip()),
            group=w.group,
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
        return cls._from_wire(_validate(_AttributeWire, d, "attribute"))

    @classmethod
    def _from_wire(cls, w: _AttributeWire) -> ServiceAttribute:
        return cls(
            code=w.code,
            datatype=w.datatype or "string",
            required=w.required,
            description=w.description or w.code,
            order=w.order,
            variable=w.variable,
            datatype_description=w.datatype_description,
            values=tuple(AttributeValueOption(v.key, v.name or v.key) for v in w.values or ()),
        )


@dataclass(frozen=True)
class ServiceDefinition:
    service_code: str
    attributes: tuple[ServiceAttribute, ...]

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ServiceDefinition:
        w = _validate(_DefinitionWire, d, "service definition")
        attrs = sorted((ServiceAttribute._from_wire(a) for a in w.attributes or ()), key=lambda a: a.order)
        return cls(service_code=w.service_code, attributes=tuple(attrs))


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
        return cls._from_wire(_validate(_AgencyWire, d, "agency"))

    @classmethod
    def _from_wire(cls, w: _AgencyWire) -> Agency:
        c = w.contact or _ContactWire()
        return cls(
            code=w.code,
            name_vi=w.name_vi or w.name or w.code,
            name_en=w.name_en or w.name or w.code,
            contact=Contact(address=c.address, phone=c.phone, email=c.email, hours=c.hours),
            province_code=w.province_code,
            ward_code=w.ward_code,
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
    def _from_wire(cls, w: _EventWire) -> StatusEvent:
        return cls(**w.model_dump())


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
    queue_number: str = ""  # a hand-over's number at the counter ("Q-017")

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ServiceRequest:
        w = _validate(_RequestWire, d, "service request")
        return cls(
            **w.model_dump(exclude={"agency", "history"}),
            agency=Agency._from_wire(w.agency) if w.agency else None,
            history=tuple(StatusEvent._from_wire(e) for e in w.history or ()),
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
