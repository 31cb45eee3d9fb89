"""What a kiosk keeps about staff, and nothing more: per staff member the credential last
seen, its role and agency (to list and unlock), the count of wrong PINs and the lock; the
offline verifier from the last online sign-in; and the central's pinned public key.

No names, no PINs: a verifier is an argon2id hash signed by the central. One SQLite file,
``<data dir>/staff/staff.sqlite3`` (0600 in a 0700 folder). Times are UTC epoch seconds.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.paths import secure_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_state (
    staff_id TEXT PRIMARY KEY,
    credential_id TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    credential_expires REAL NOT NULL,
    last_seen REAL NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL
);
CREATE TABLE IF NOT EXISTS verifiers (
    staff_id TEXT PRIMARY KEY,
    credential_id TEXT NOT NULL,
    token TEXT NOT NULL,
    received_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS offline_failures (
    staff_id TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS trust (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    saved_at REAL NOT NULL
);
"""


_SELECT = (
    "SELECT s.staff_id, s.credential_id, s.role, s.agency, s.credential_expires, s.last_seen,"
    " s.failures, s.locked_until, v.expires_at FROM staff_state s"
    " LEFT JOIN verifiers v ON v.staff_id = s.staff_id"
)
_SELECT_ALL = _SELECT + " ORDER BY s.staff_id"
_SELECT_ONE = _SELECT + " WHERE s.staff_id = ?"


def _ts(dt: datetime) -> float:
    return dt.timestamp()


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


@dataclass(frozen=True)
class KnownStaff:
    staff_id: str
    credential_id: str
    role: str
    agency: str
    credential_expires: datetime
    last_seen: datetime
    failures: int
    locked_until: datetime | None
    offline_until: datetime | None  # the cached verifier's end, if any

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class CachedVerifier:
    staff_id: str
    credential_id: str
    token: str
    received_at: datetime
    expires_at: datetime


class StaffStore:
    def __init__(self, path: Path):
        secure_dir(path.parent)
        self.path = path
        new = not path.exists()
        self._db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        if new:
            os.chmod(path, 0o600)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> StaffStore:
        return cls(data_dir / "staff" / "staff.sqlite3")

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------ staff state

    def seen(
        self, staff_id: str, credential_id: str, role: str, agency: str, expires: datetime, now: datetime
    ) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO staff_state (staff_id, credential_id, role, agency, credential_expires, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(staff_id) DO UPDATE SET credential_id=excluded.credential_id,"
                " role=excluded.role, agency=excluded.agency, credential_expires=excluded.credential_expires,"
                " last_seen=excluded.last_seen",
                (staff_id, credential_id, role, agency, _ts(expires), _ts(now)),
            )

    def get(self, staff_id: str) -> KnownStaff | None:
        rows = self._rows(self._db.execute(_SELECT_ONE, (staff_id,)))
        return rows[0] if rows else None

    def all(self) -> list[KnownStaff]:
        return self._rows(self._db.execute(_SELECT_ALL))

    @staticmethod
    def _rows(cur: sqlite3.Cursor) -> list[KnownStaff]:
        return [
            KnownStaff(
                staff_id=r[0],
                credential_id=r[1],
                role=r[2],
                agency=r[3],
                credential_expires=_dt(r[4]) or datetime.min.replace(tzinfo=UTC),
                last_seen=_dt(r[5]) or datetime.min.replace(tzinfo=UTC),
                failures=int(r[6]),
                locked_until=_dt(r[7]),
                offline_until=_dt(r[8]),
            )
            for r in cur.fetchall()
        ]

    def add_failure(self, staff_id: str) -> int:
        with self._tx() as db:
            db.execute("UPDATE staff_state SET failures = failures + 1 WHERE staff_id = ?", (staff_id,))
            row = db.execute("SELECT failures FROM staff_state WHERE staff_id = ?", (staff_id,)).fetchone()
        return int(row[0]) if row else 0

    def lock(self, staff_id: str, until: datetime) -> None:
        with self._tx() as db:
            db.execute("UPDATE staff_state SET locked_until = ? WHERE staff_id = ?", (_ts(until), staff_id))

    def clear_lock(self, staff_id: str) -> bool:
        """Reset failures and lift any lock; True if there was something to clear."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE staff_state SET failures = 0, locked_until = NULL"
                " WHERE staff_id = ? AND (failures > 0 OR locked_until IS NOT NULL)",
                (staff_id,),
            )
        return cur.rowcount > 0

    # ------------------------------------------------------------ failures to tell the central

    def note_offline_failure(self, staff_id: str, locked: bool) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO offline_failures (staff_id, failures, locked) VALUES (?, 1, ?)"
                " ON CONFLICT(staff_id) DO UPDATE SET failures = failures + 1, locked = MAX(locked, excluded.locked)",
                (staff_id, int(locked)),
            )

    def offline_failures(self) -> list[tuple[str, int, bool]]:
        rows = self._db.execute("SELECT staff_id, failures, locked FROM offline_failures ORDER BY staff_id")
        return [(r[0], int(r[1]), bool(r[2])) for r in rows.fetchall()]

    def forget_offline_failures(self, staff_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM offline_failures WHERE staff_id = ?", (staff_id,))

    # ------------------------------------------------------------ offline verifiers

    def save_verifier(self, v: CachedVerifier) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO verifiers (staff_id, credential_id, token, received_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (v.staff_id, v.credential_id, v.token, _ts(v.received_at), _ts(v.expires_at)),
            )

    def verifier(self, staff_id: str) -> CachedVerifier | None:
        r = self._db.execute(
            "SELECT staff_id, credential_id, token, received_at, expires_at FROM verifiers WHERE staff_id = ?",
            (staff_id,),
        ).fetchone()
        if r is None:
            return None
        return CachedVerifier(r[0], r[1], r[2], _dt(r[3]), _dt(r[4]))  # type: ignore[arg-type]

    def drop_verifier(self, staff_id: str) -> bool:
        with self._tx() as db:
            cur = db.execute("DELETE FROM verifiers WHERE staff_id = ?", (staff_id,))
        return cur.rowcount > 0

    def purge_expired_verifiers(self, now: datetime) -> int:
        with self._tx() as db:
            cur = db.execute("DELETE FROM verifiers WHERE expires_at <= ?", (_ts(now),))
        return cur.rowcount

    # ------------------------------------------------------------ trust

    def central_keys(self) -> list[bytes]:
        rows = self._db.execute(
            "SELECT value FROM trust WHERE name LIKE 'central_key%' ORDER BY name"
        ).fetchall()
        return [bytes(r[0]) for r in rows]

    def pin_central_key(self, raw: bytes, now: datetime) -> None:
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO trust (name, value, saved_at) VALUES ('central_key', ?, ?)",
                (raw, _ts(now)),
            )
