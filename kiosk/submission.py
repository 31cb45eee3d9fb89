"""The dossier a kiosk submits: plain, frozen, Qt-free data every area shares.

The wizard builds a :class:`Submission`, the offline outbox stores it (as
:meth:`Submission.to_dict` JSON, attachments by SHA-256 in its own blob store), the
central client sends it, and the receipt prints from it. Nothing here touches the network,
the disk or Qt.

Personal data lives only in :class:`Applicant`; never log it (``kiosk.logs.mask_id``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from kiosk import tracking

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

# One attribute value as Open311 carries it: a string, or several strings for a multivaluelist.
AttributeValue = str | tuple[str, ...]


class Channel(StrEnum):
    """Who drove the session: the citizen alone, or counter staff helping (recorded for reports)."""

    SELF_SERVICE = "self_service"
    ASSISTED = "assisted"


class Verification(StrEnum):
    """How sure the kiosk is of the applicant's identity, weakest first.

    ``declared``: typed in. ``qr_hint``: read from the card's printed QR (unsigned, a hint
    only). ``chip_read``: read from the chip with BAC/PACE but the document signature was
    not checked. ``chip_verified``: chip read and passive authentication (SOD against a
    trusted CSCA) succeeded. ``staff_checked``: an officer compared the person with the card.
    """

    DECLARED = "declared"
    QR_HINT = "qr_hint"
    CHIP_READ = "chip_read"
    CHIP_VERIFIED = "chip_verified"
    STAFF_CHECKED = "staff_checked"


class ControlAction(StrEnum):
    TAKE_OVER = "take_over"  # an officer took over the session
    HAND_BACK = "hand_back"  # the officer gave it back to the citizen


@dataclass(frozen=True)
class ControlChange:
    at: datetime
    officer_id: str
    action: ControlAction

    def to_dict(self) -> dict[str, Any]:
        return {"at": _iso(self.at), "officer_id": self.officer_id, "action": self.action.value}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ControlChange:
        return cls(at=_parse_dt(d["at"]), officer_id=str(d["officer_id"]), action=ControlAction(d["action"]))


@dataclass(frozen=True)
class Applicant:
    """The applicant's identity block. Personal data: never logged, never printed unmasked."""

    id_number: str  # 12-digit citizen ID (CCCD) or other document number
    full_name: str
    verification: Verification = Verification.DECLARED
    birth_date: str | None = None  # ISO date "YYYY-MM-DD"
    sex: str | None = None  # "M" | "F" as on the chip (ICAO)
    address: str | None = None  # place of residence as on the card or as declared
    residence_ward_code: str | None = None  # administrative unit code (vietnam-provinces), if known
    phone: str | None = None
    email: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id_number": self.id_number,
            "full_name": self.full_name,
            "verification": self.verification.value,
        }
        for key in ("birth_date", "sex", "address", "residence_ward_code", "phone", "email"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Applicant:
        return cls(
            id_number=str(d["id_number"]),
            full_name=str(d["full_name"]),
            verification=Verification(d.get("verification", "declared")),
            birth_date=d.get("birth_date"),
            sex=d.get("sex"),
            address=d.get("address"),
            residence_ward_code=d.get("residence_ward_code"),
            phone=d.get("phone"),
            email=d.get("email"),
        )


@dataclass(frozen=True)
class Attachment:
    """A scanned or uploaded document, referenced by the SHA-256 of its bytes (hex, lower case).

    The bytes themselves live in the offline store; the client asks for them by hash when
    it sends. ``document_code`` names the catalog's required document it satisfies.
    """

    sha256: str
    name: str
    mime: str
    size: int
    document_code: str | None = None

    def __post_init__(self) -> None:
        if not SHA256_RE.match(self.sha256):
            raise ValueError("attachment sha256 must be 64 lower-case hex digits")
        if self.size < 0:
            raise ValueError("attachment size must not be negative")

    @classmethod
    def of_bytes(cls, data: bytes, name: str, mime: str, document_code: str | None = None) -> Attachment:
        return cls(hashlib.sha256(data).hexdigest(), name, mime, len(data), document_code)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"sha256": self.sha256, "name": self.name, "mime": self.mime, "size": self.size}
        if self.document_code is not None:
            d["document_code"] = self.document_code
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Attachment:
        return cls(
            sha256=str(d["sha256"]),
            name=str(d["name"]),
            mime=str(d["mime"]),
            size=int(d["size"]),
            document_code=d.get("document_code"),
        )


@dataclass(frozen=True)
class Submission:
    """One dossier as the kiosk sends it.

    ``tracking_code`` (kiosk/tracking.py) is issued on the kiosk before sending, printed on
    the receipt, and is also the idempotency key: one dossier, one code, sent at most once.
    """

    procedure_code: str
    tracking_code: str
    kiosk_id: str
    applicant: Applicant
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()
    channel: Channel = Channel.SELF_SERVICE
    officer_id: str | None = None  # the officer who assisted (channel == assisted)
    control_changes: tuple[ControlChange, ...] = ()
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    language: str = "vi"
    agency_code: str | None = None  # competent agency chosen by the jurisdiction resolver
    description: str | None = None
    # A hand-over to the counter (issue 19): sent as it is, the officer completes it.
    needs_completion: bool = False

    def __post_init__(self) -> None:
        code = tracking.normalize(self.tracking_code)
        if code is None or not tracking.is_valid(code):
            raise ValueError("tracking_code is not a valid kiosk tracking code")
        object.__setattr__(self, "tracking_code", code)
        if self.created_at.tzinfo is None:
            raise ValueError("created_at must carry a time zone")
        if self.channel is Channel.ASSISTED and not self.officer_id:
            raise ValueError("an assisted submission names its officer_id")
        # Freeze the mapping's values so equal submissions hash and compare equal.
        attrs = {
            str(k): (tuple(v) if isinstance(v, list | tuple) else str(v)) for k, v in self.attributes.items()
        }
        object.__setattr__(self, "attributes", attrs)

    @property
    def idempotency_key(self) -> str:
        """Stable across retries, restarts and re-sends from the outbox."""
        return f"{self.kiosk_id}:{self.tracking_code}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the outbox stores this; :meth:`from_dict` reads it back)."""
        d: dict[str, Any] = {
            "procedure_code": self.procedure_code,
            "tracking_code": self.tracking_code,
            "kiosk_id": self.kiosk_id,
            "applicant": self.applicant.to_dict(),
            "attributes": {k: list(v) if isinstance(v, tuple) else v for k, v in self.attributes.items()},
            "attachments": [a.to_dict() for a in self.attachments],
            "channel": self.channel.value,
            "officer_id": self.officer_id,
            "control_changes": [c.to_dict() for c in self.control_changes],
            "created_at": _iso(self.created_at),
            "language": self.language,
            "agency_code": self.agency_code,
            "description": self.description,
        }
        if self.needs_completion:  # absent otherwise: older queued entries keep their exact JSON
            d["needs_completion"] = True
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Submission:
        return cls(
            procedure_code=str(d["procedure_code"]),
            tracking_code=str(d["tracking_code"]),
            kiosk_id=str(d["kiosk_id"]),
            applicant=Applicant.from_dict(d["applicant"]),
            attributes=dict(d.get("attributes") or {}),
            attachments=tuple(Attachment.from_dict(a) for a in d.get("attachments") or ()),
            channel=Channel(d.get("channel", "self_service")),
            officer_id=d.get("officer_id"),
            control_changes=tuple(ControlChange.from_dict(c) for c in d.get("control_changes") or ()),
            created_at=_parse_dt(d["created_at"]),
            language=str(d.get("language", "vi")),
            agency_code=d.get("agency_code"),
            description=d.get("description"),
            needs_completion=bool(d.get("needs_completion", False)),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Submission:
        return cls.from_dict(json.loads(text))


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_dt(value: str) -> datetime:
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        raise ValueError(f"date-time without a time zone: {value!r}")
    return dt
