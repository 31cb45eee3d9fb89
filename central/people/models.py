"""Tables for people accounts, their sign-in sessions and the audit of what they did.

Passwords are argon2id hash strings; sessions are kept as SHA-256 of their token (a stolen
database does not hand out live sessions). Times are naive UTC, as elsewhere in the central.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from central.db import Base, LockableAccount


class PersonAccount(LockableAccount, Base):
    __tablename__ = "person_accounts"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Comma-separated agency codes this person works for; "*" = every agency (admins).
    agencies: Mapped[str] = mapped_column(String(400))
    password_hash: Mapped[str] = mapped_column(String(200))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime)


class PersonSession(Base):
    __tablename__ = "person_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(
        String(64), ForeignKey("person_accounts.username", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    client: Mapped[str] = mapped_column(String(64))


class PersonAudit(Base):
    __tablename__ = "person_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(64), index=True)  # "" when nobody signed in
    action: Mapped[str] = mapped_column(String(64))  # e.g. "signin", "POST /console/…"
    target: Mapped[str] = mapped_column(String(300), default="")
    client: Mapped[str] = mapped_column(String(64))  # the caller's address as the central saw it
    outcome: Mapped[str] = mapped_column(String(32))  # HTTP status or "ok" / "refused:<reason>"
    detail: Mapped[str] = mapped_column(Text, default="")
