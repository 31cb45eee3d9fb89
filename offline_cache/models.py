"""Tables of the offline store (the schema at the newest migration).

The schema itself is owned by the Alembic migrations in ``offline_cache/migrations``;
these classes describe the head revision for queries and must match it
(``tests/offline_cache/test_migrations.py`` compares them). Times are epoch seconds
(REAL): cheap to compare in SQL, turned into ``datetime`` in the records.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DraftRow(Base):
    __tablename__ = "drafts"
    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    procedure_code: Mapped[str | None] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(64))
    step_index: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON, AAD = "draft:" + session_id
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float, index=True)
    # Keyed hash of the card's document number: finds the draft when the same card comes back,
    # and reveals nothing without the store's key (never the number itself).
    card_tag: Mapped[str | None] = mapped_column(String(64), index=True)


class DraftPageRow(Base):
    """A photographed page of a draft (an encrypted attachment), kept as it is taken."""

    __tablename__ = "draft_pages"
    session_id: Mapped[str] = mapped_column(
        ForeignKey("drafts.session_id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), primary_key=True, index=True)


class AttachmentRow(Base):
    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[float] = mapped_column(Float)


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(
            "state IN ('queued','sending','accepted','rejected','needs-staff')", name="ck_outbox_state"
        ),
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    procedure_code: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON, AAD = "outbox:" + id
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float | None] = mapped_column(Float)
    last_error: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(String(128))
    token: Mapped[str | None] = mapped_column(String(128))
    reasons: Mapped[str | None] = mapped_column(Text)  # JSON list of the central's reasons
    finished_at: Mapped[float | None] = mapped_column(Float)
    # Added by revision 0002.
    tracking_code: Mapped[str | None] = mapped_column(String(32))


class OutboxAttachmentRow(Base):
    __tablename__ = "outbox_attachments"
    outbox_id: Mapped[str] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachments.sha256"), index=True)
    role: Mapped[str] = mapped_column(String(64))


class AuditRow(Base):
    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON, no personal data
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class CatalogRow(Base):
    """Revision 0002: the last procedure catalog received from the central (one row)."""

    __tablename__ = "catalog_cache"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[str | None] = mapped_column(String(128))
    etag: Mapped[str | None] = mapped_column(String(256))
    fetched_at: Mapped[float] = mapped_column(Float)
    data: Mapped[str] = mapped_column(Text)  # JSON


class MetaRow(Base):
    """Revision 0002: small key/value facts (last successful send, …)."""

    __tablename__ = "sync_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
