"""Sandbox tables for staff accounts, their issued credentials and help requests.

PINs are kept only as argon2id hash strings (random salt per staff member); nothing here
holds a PIN in clear. Times are naive UTC (SQLite has no time zones).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from central.db import Base, LockableAccount


class StaffAccount(LockableAccount, Base):
    __tablename__ = "staff_accounts"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(32))
    pin_hash: Mapped[str] = mapped_column(String(200))
    # HMAC-SHA256 (central secret) of the officer's own chip ID card number, for sign-in with
    # the card instead of the QR; never the number itself.
    id_card_mac: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StaffCredentialRecord(Base):
    """One issued card. Issuing a new card revokes the older ones of the same person."""

    __tablename__ = "staff_credentials"

    credential_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_accounts.staff_id"), index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffEventRecord(Base):
    """The central's own log of sign-in attempts, locks and unlocks (never the PIN)."""

    __tablename__ = "staff_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), default="")
    event: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(200), default="")


class HelpRequestRecord(Base):
    """A citizen's "Ask for staff help" at a kiosk; closed when staff sign in at that kiosk."""

    __tablename__ = "staff_help_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    screen: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
