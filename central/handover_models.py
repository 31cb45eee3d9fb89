"""Tables of the hand-over to the counter (issue 19): which dossiers a kiosk handed over
incomplete, the queue number printed on the citizen's slip, and who completed them.

The dossier itself is an ordinary :class:`central.models.DossierRow` in state
``needs_completion``; this table holds what only a hand-over has.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from central.db import Base


class HandoverRow(Base):
    __tablename__ = "o311_handovers"
    __table_args__ = (UniqueConstraint("agency_code", "queue_day", "queue_number"),)

    dossier_id: Mapped[int] = mapped_column(ForeignKey("o311_dossiers.id"), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(32))
    queue_day: Mapped[str] = mapped_column(String(6))  # YYMMDD, Vietnam time
    queue_number: Mapped[str] = mapped_column(String(16))  # "Q-017": what the counter calls
    handed_over_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # username
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class QueueCounterRow(Base):
    """Per agency and local day, the last queue number handed out."""

    __tablename__ = "o311_queue_counters"

    agency_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(6), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
