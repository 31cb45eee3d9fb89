"""People accounts: create, list, change password, and check a sign-in (with lockout).

Roles nest: an admin may do what anyone may; a supervisor what an officer may. A technician
sees the fleet but no dossier. Every account is scoped to agencies ("*" for all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.people.models import PersonAccount

ROLES = ("officer", "supervisor", "technician", "admin")
# Which roles satisfy a route's required level.
SATISFIES: dict[str, frozenset[str]] = {
    "person": frozenset(ROLES),
    "officer": frozenset({"officer", "supervisor", "admin"}),
    "supervisor": frozenset({"supervisor", "admin"}),
    "technician": frozenset({"technician", "admin"}),
    "admin": frozenset({"admin"}),
}
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 12
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
AGENCY_RE = re.compile(r"^(\*|[A-Z0-9][A-Z0-9-]{0,31})$")

# OWASP's argon2id recommendation for passwords (19 MiB, t=2, p=1): a sign-in costs tens of
# milliseconds, not a second of a shared CPU.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)
# Verified against when the account does not exist, so that timing does not reveal which
# usernames exist.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """A refused account operation; the message names the field and what to do."""


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    role: str
    agencies: tuple[str, ...]

    def may(self, level: str) -> bool:
        return self.role in SATISFIES.get(level, frozenset())

    def works_for(self, agency: str) -> bool:
        return "*" in self.agencies or agency in self.agencies


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def person_of(row: PersonAccount) -> Person:
    return Person(row.username, row.name, row.role, tuple(a for a in row.agencies.split(",") if a))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters, please choose a longer one")
    if len(password) > 256:
        raise AccountError("password: at most 256 characters")


def _agencies(agencies: list[str]) -> str:
    codes = [a.strip().upper() if a.strip() != "*" else "*" for a in agencies if a.strip()]
    if not codes:
        raise AccountError("agency: give at least one agency code (or * for every agency)")
    for a in codes:
        if not AGENCY_RE.match(a):
            raise AccountError(f"agency: {a!r} is not an agency code (letters, digits, '-')")
    return ",".join(dict.fromkeys(codes))


def add_person(
    db: sessionmaker[Session], username: str, *, name: str, role: str, agencies: list[str], password: str
) -> Person:
    if not USERNAME_RE.match(username):
        raise AccountError("username: 2-64 characters, lower-case letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise AccountError(f"role: one of {', '.join(ROLES)}")
    if not name.strip() or len(name.strip()) > 64:
        # 64: the name is what a dossier's history records as the officer who moved it.
        raise AccountError("name: 1-64 characters (as it will show on dossiers' history)")
    check_password_rules(password)
    now = _now()
    row = PersonAccount(
        username=username,
        name=name.strip(),
        role=role,
        agencies=_agencies(agencies),
        password_hash=_HASHER.hash(password),
        status="active",
        failed_attempts=0,
        created_at=now,
        password_changed_at=now,
    )
    with db() as s, s.begin():
        if s.get(PersonAccount, username) is not None:
            raise AccountError(f"username: {username!r} already exists (use `central user passwd`)")
        s.add(row)
    return person_of(row)


def set_password(db: sessionmaker[Session], username: str, password: str) -> None:
    """New password; also unlocks the account and ends its sessions."""
    from central.people.sessions import end_all_sessions

    check_password_rules(password)
    with db() as s, s.begin():
        row = s.get(PersonAccount, username)
        if row is None:
            raise AccountError(f"username: no account {username!r} (see `central user list`)")
        row.password_hash = _HASHER.hash(password)
        row.password_changed_at = _now()
        row.failed_attempts = 0
        row.locked_until = None
    end_all_sessions(db, username)


def list_people(db: sessionmaker[Session]) -> list[dict[str, object]]:
    with db() as s:
        rows = s.scalars(select(PersonAccount).order_by(PersonAccount.username)).all()
    now = _now()
    return [
        {
            "username": r.username,
            "name": r.name,
            "role": r.role,
            "agencies": r.agencies.split(","),
            "status": r.status,
            "locked": bool(r.locked_until and r.locked_until > now),
        }
        for r in rows
    ]


@dataclass(frozen=True)
class SignInResult:
    person: Person | None
    reason: str = ""  # "" | "bad_credentials" | "locked" | "disabled"
    locked_until: datetime | None = None


def check_sign_in(db: sessionmaker[Session], username: str, password: str) -> SignInResult:
    """The person, or why not. Wrong passwords count; MAX_FAILURES in a row lock the account."""
    now = _now()
    with db() as s, s.begin():
        row = s.get(PersonAccount, username, with_for_update=True) if USERNAME_RE.match(username) else None
        if row is None:
            _verify(_DUMMY_HASH, password)
            return SignInResult(None, "bad_credentials")
        if row.locked_until and row.locked_until > now:
            return SignInResult(None, "locked", row.locked_until)
        if not _verify(row.password_hash, password):
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_FAILURES:
                row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                row.failed_attempts = 0
                return SignInResult(None, "locked", row.locked_until)
            return SignInResult(None, "bad_credentials")
        if row.status != "active":
            return SignInResult(None, "disabled")
        row.failed_attempts = 0
        row.locked_until = None
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        return SignInResult(person_of(row))


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
