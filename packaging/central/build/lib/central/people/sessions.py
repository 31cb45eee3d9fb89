"""Sign-in sessions: a random token in a cookie, its SHA-256 in the database, a CSRF token.

A session ends on sign-out, after IDLE of inactivity, after ABSOLUTE since sign-in, or when
the password changes; the database row is the only truth (any worker can check it).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from central.people.accounts import Person, person_of
from central.people.models import PersonAccount, PersonSession

COOKIE = "__Host-central_session"
IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=10)
# Writing last_seen on every request would serialise all readers on SQLite; a minute is
# precise enough for a 30-minute idle limit.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SignedIn:
    person: Person
    csrf: str
    token_sha256: str


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: sessionmaker[Session], username: str, client: str) -> tuple[str, str]:
    """A new session for ``username``: (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    now = _now()
    with db() as s, s.begin():
        # Sessions nobody came back to are dropped here (they also die when next presented).
        s.execute(
            delete(PersonSession).where(
                (PersonSession.last_seen_at < now - IDLE) | (PersonSession.created_at < now - ABSOLUTE)
            )
        )
        s.add(
            PersonSession(
                token_sha256=_digest(token),
                username=username,
                csrf=csrf,
                created_at=now,
                last_seen_at=now,
                client=client[:64],
            )
        )
    return token, csrf


def session_for(db: sessionmaker[Session], token: str) -> SignedIn | None:
    """The signed-in person for a cookie token, or None (unknown, expired, account disabled)."""
    if not token or len(token) > 128:
        return None
    digest = _digest(token)
    now = _now()
    with db() as s, s.begin():
        row = s.get(PersonSession, digest)
        if row is None:
            return None
        account = s.get(PersonAccount, row.username)
        expired = now - row.last_seen_at > IDLE or now - row.created_at > ABSOLUTE
        if (
            expired
            or account is None
            or account.status != "active"
            or account.password_changed_at > row.created_at
        ):
            s.delete(row)
            return None
        if now - row.last_seen_at > TOUCH_EVERY:
            row.last_seen_at = now
        return SignedIn(person_of(account), row.csrf, digest)


def end_session(db: sessionmaker[Session], token_sha256: str) -> None:
    with db() as s, s.begin():
        s.execute(delete(PersonSession).where(PersonSession.token_sha256 == token_sha256))


def end_all_sessions(db: sessionmaker[Session], username: str) -> None:
    with db() as s, s.begin():
        s.execute(delete(PersonSession).where(PersonSession.username == username))
