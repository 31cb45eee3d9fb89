"""Tables of the central's Open311 area: dossiers, their history and attachments (which hash a
dossier cites; the bytes are in :mod:`central.blobstore`), idempotency records, kiosk API keys,
the dossier-code counter."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central.db import Base

if TYPE_CHECKING:
    from central.handover_models import HandoverRow

# Detailed workflow states (extension ``x_state``) and their Open311 ``status``.
STATES = (
    "needs_completion",  # handed over by a kiosk incomplete: an officer completes it (central.handover)
    "received",
    "in_processing",
    "more_documents_needed",
    "ready_for_pickup",
    "returned",
    "rejected",
)
CLOSED_STATES = frozenset({"returned", "rejected"})
# Which moves an officer may make (the console offers exactly these).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    # Completed and registered only through the hand-over page, which checks completeness.
    "needs_completion": (),
    "received": ("in_processing", "more_documents_needed", "rejected"),
    "in_processing": ("more_documents_needed", "ready_for_pickup", "rejected"),
    "more_documents_needed": ("in_processing", "rejected"),
    "ready_for_pickup": ("returned",),
    "returned": (),
    "rejected": (),
}


class DossierRow(Base):
    __tablename__ = "o311_dossiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The kiosk's provisional code: unique, it is what the receipt's QR carries.
    tracking_code: Mapped[str] = mapped_column(String(10), unique=True, index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    # Set when the central answered with a GeoReport v2 token instead of an ID (fault switch).
    token: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    token_reads: Mapped[int] = mapped_column(Integer, default=0)
    service_code: Mapped[str] = mapped_column(String(64), index=True)
    agency_code: Mapped[str] = mapped_column(String(32), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(32), default="received")
    channel: Mapped[str] = mapped_column(String(16), default="self_service")
    assisting_officer: Mapped[str | None] = mapped_column(String(64), nullable=True)
    officer: Mapped[str | None] = mapped_column(String(64), nullable=True)  # responsible officer
    status_notes: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="vi")
    # Personal data: JSON of the applicant block and attribute values. Never logged.
    applicant_json: Mapped[str] = mapped_column(Text, default="{}")
    attributes_json: Mapped[str] = mapped_column(Text, default="{}")
    control_changes_json: Mapped[str] = mapped_column(Text, default="[]")
    kiosk_created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    appointment_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    events: Mapped[list[StatusEventRow]] = relationship(
        back_populates="dossier", order_by="StatusEventRow.id", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[AttachmentRow]] = relationship(
        back_populates="dossier", order_by="AttachmentRow.id", cascade="all, delete-orphan"
    )
    # A kiosk's hand-over to the counter (central.handover_models), loaded with the row.
    handover: Mapped[HandoverRow | None] = relationship(lazy="selectin", viewonly=True)


class StatusEventRow(Base):
    __tablename__ = "o311_status_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("o311_dossiers.id"), index=True)
    state: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    officer: Mapped[str] = mapped_column(String(64), default="")
    agency_code: Mapped[str] = mapped_column(String(32), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    dossier: Mapped[DossierRow] = relationship(back_populates="events")


class AttachmentRow(Base):
    __tablename__ = "o311_attachments"
    __table_args__ = (UniqueConstraint("dossier_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("o311_dossiers.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    document_code: Mapped[str | None] = mapped_column(String(64), nullable=True)

    dossier: Mapped[DossierRow] = relationship(back_populates="attachments")


class IdempotencyRow(Base):
    """First answer to each (kiosk, Idempotency-Key); the unique constraint is what makes a
    concurrent duplicate fail instead of creating a second dossier."""

    __tablename__ = "o311_idempotency"
    __table_args__ = (UniqueConstraint("kiosk_id", "scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(32))  # which POST: "requests", "help_requests"
    key: Mapped[str] = mapped_column(String(200))
    body_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    response_json: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKeyRow(Base):
    __tablename__ = "o311_api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # None: a site key shared by the demo's kiosks, which then name themselves (X-Kiosk-Id).
    kiosk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DossierCounterRow(Base):
    """Per agency and day, the last number used in ``<agency>-<YYMMDD>-<NNNN>``."""

    __tablename__ = "o311_dossier_counters"

    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(6), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
