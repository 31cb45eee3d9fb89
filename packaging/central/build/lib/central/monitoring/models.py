"""Tables of the monitoring area (same declarative Base as every area of the central).

``mon_events`` keeps every event as the kiosk sent it (allow-listed fields only, day not
time); the unique (kiosk, session, seq) makes a batch sent twice under two keys count once.
``mon_sessions`` is one summary row per session, kept up to date at ingest so that a page
over a year reads one row per citizen rather than every tap. ``mon_answers``: an agency's
published answer to a rating reason for one month.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from central.db import Base


class MonEvent(Base):
    __tablename__ = "mon_events"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "session", "seq", name="uq_mon_events_session_seq"),
        Index("ix_mon_events_agency_kind_day", "agency", "kind", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str] = mapped_column(String(32))
    session: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
    screen: Mapped[str | None] = mapped_column(String(32), nullable=True)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    wait_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    procedure: Mapped[str | None] = mapped_column(String(40), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    face: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reasons: Mapped[str | None] = mapped_column(String(80), nullable=True)  # comma-separated codes
    code: Mapped[str | None] = mapped_column(String(160), nullable=True)
    device: Mapped[str | None] = mapped_column(String(16), nullable=True)
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    text_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    speech: Mapped[str | None] = mapped_column(String(4), nullable=True)
    assisted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class MonSession(Base):
    __tablename__ = "mon_sessions"
    __table_args__ = (Index("ix_mon_sessions_agency_day", "agency", "day"),)

    session: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    procedure: Mapped[str | None] = mapped_column(String(40), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)  # None until the summary came
    last_step: Mapped[str | None] = mapped_column(String(32), nullable=True)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    submit_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assisted: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    text_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    speech: Mapped[str | None] = mapped_column(String(4), nullable=True)
    back_steps: Mapped[int] = mapped_column(Integer, default=0)
    help_requests: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    faults: Mapped[int] = mapped_column(Integer, default=0)
    face: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reasons: Mapped[str | None] = mapped_column(String(80), nullable=True)


class MonAnswer(Base):
    __tablename__ = "mon_answers"
    __table_args__ = (UniqueConstraint("agency", "reason", "month", name="uq_mon_answers"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(16))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
