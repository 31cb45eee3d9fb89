"""What a kiosk keeps about staff, and nothing more: per staff member the credential last
seen, its role and agency (to list and unlock), the count of wrong PINs and the lock; the
offline verifier from the last online sign-in; and the central's pinned public key.

No names, no PINs. One SQLite file, ``<data dir>/staff/staff.sqlite3`` (0600 in a 0700
folder). Times are UTC epoch seconds.

What an attacker holding the disk could use is not kept in clear:

- **Offline verifiers** (an argon2id hash of the PIN signed by the central). With a TPM the
  token is encrypted with a random key sealed in a TPM object whose authValue is derived
  from the PIN (the same argon2id, salt and cost as the central's hash): only the TPM can
  say whether a PIN is right, and it counts every wrong one against its dictionary-attack
  lockout. Kept on disk: the salt and cost, the TPM blob and the ciphertext. Without a TPM
  (demo profile) the token is AES-GCM encrypted with the offline store's key.
- **The pinned central key** carries a MAC: by a key generated inside the TPM (never
  exportable) or, in the demo profile, a sub-key of the offline store's key. A key written
  into the file by someone else does not authenticate and is ignored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.logs import get_logger
from kiosk.paths import secure_dir
from kiosk.staff.errors import StaffAuthError
from kiosk.staff.pins import argon2_parts, argon2_raw, register_sealed_check
from kiosk.staff.verifier import (
    OfflineVerifier,
    VerifierError,
    decode_verifier,
    encode_sealed_reference,
)
from offline_cache.crypto import Cipher, derive_key, load_or_create_key
from offline_cache.errors import DecryptionError
from provisioning.secrets import ensure_backend
from provisioning.tpm import (
    SealedBlob,
    Tpm,
    TpmAuthFailed,
    TpmError,
    TpmLockedOut,
    create_file_once,
    keys_dir,
)

log = get_logger(__name__)
TRUST_KEY_FILE = "staff_trust_hmac.tpm"
_ENC = "enc1:"  # token encrypted with the offline store's field key (no TPM)
_TPM = "tpm1:"  # token encrypted with a key sealed in a PIN-authorised TPM object

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
    expires_at REAL NOT NULL,
    kdf TEXT,
    guard BLOB
);
CREATE TABLE IF NOT EXISTS offline_failures (
    staff_id TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS trust (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    saved_at REAL NOT NULL,
    mac BLOB
);
"""
# Columns added after the first release: (table, column, declaration).
_ADDED_COLUMNS = (("verifiers", "kdf", "TEXT"), ("verifiers", "guard", "BLOB"), ("trust", "mac", "BLOB"))


def _trust_data(name: str, value: bytes) -> bytes:
    return b"onestop-kiosk/staff-trust/v1\0" + name.encode() + b"\0" + value


def _pin_auth(raw: bytes) -> bytes:
    """The TPM authValue for a PIN: its argon2id output, domain-separated, 32 bytes."""
    return hashlib.sha256(b"onestop-kiosk/offline-pin/v1\0" + raw).digest()


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
    def __init__(self, path: Path, *, data_dir: Path | None = None):
        """``data_dir`` holds the keys (default: two levels up, as :meth:`open` lays it out)."""
        secure_dir(path.parent)
        self.path = path
        self.data_dir = data_dir or path.parent.parent
        record = ensure_backend(self.data_dir)
        self.backend = record.backend
        self._tcti = record.tcti if record.backend == "tpm" else None
        self._pcrs = record.pcrs
        master = load_or_create_key(self.data_dir)
        self._cipher = Cipher(master)
        self._file_mac_key = derive_key(master, "staff-trust-mac")
        self._tpm_lock = threading.Lock()
        self._trusted: set[tuple[str, bytes, bytes]] = set()  # trust rows whose MAC verified
        new = not path.exists()
        self._db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        if new:
            os.chmod(path, 0o600)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        # Freed pages are zeroed, so a dropped verifier does not linger in the file.
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.executescript(SCHEMA)
        self._upgrade()

    def _upgrade(self) -> None:
        for table, column, decl in _ADDED_COLUMNS:
            have = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
                if column == "mac":
                    # Once, at this upgrade: the key pinned by the earlier version is taken as
                    # it stands (it was the trust anchor until now); later rows need the MAC.
                    for name, value in self._db.execute("SELECT name, value FROM trust").fetchall():
                        self._db.execute(
                            "UPDATE trust SET mac = ? WHERE name = ?",
                            (self._trust_mac(str(name), bytes(value)), name),
                        )
        if self._tcti is not None:
            self._move_to_tpm()
        # Verifiers kept in clear by an earlier version: protect them now (or drop them).
        clear = self._db.execute(
            "SELECT staff_id, credential_id, token, received_at, expires_at FROM verifiers"
            " WHERE token NOT LIKE 'enc1:%' AND token NOT LIKE 'tpm1:%'"
        ).fetchall()
        for r in clear:
            self.drop_verifier(r[0])
            self.save_verifier(CachedVerifier(r[0], r[1], r[2], _dt(r[3]), _dt(r[4])))  # type: ignore[arg-type]
        if clear:
            # The clear tokens' old pages must not survive in the file or in the WAL.
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _move_to_tpm(self) -> None:
        """A kiosk that moved from file keys to its TPM: the trust rows' MACs (by the master
        key's sub-key, which the TPM now seals) are redone with the TPM-held key, and the
        verifiers encrypted with the store key become PIN-guarded TPM objects."""
        for name, value, mac in self._db.execute("SELECT name, value, mac FROM trust").fetchall():
            by_file = hmac.new(
                self._file_mac_key, _trust_data(str(name), bytes(value)), hashlib.sha256
            ).digest()
            if mac is not None and hmac.compare_digest(bytes(mac), by_file):
                self._db.execute(
                    "UPDATE trust SET mac = ? WHERE name = ?",
                    (self._trust_mac(str(name), bytes(value)), name),
                )
        rows = self._db.execute("SELECT staff_id FROM verifiers WHERE token LIKE 'enc1:%'").fetchall()
        for (sid,) in rows:
            v = self.verifier(str(sid))  # decrypted with the store key
            if v is not None:
                self.save_verifier(v)
            else:
                self.drop_verifier(str(sid))

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
        """Keep a central-signed verifier token, protected (see the module's docstring). A token
        that does not verify against the pinned key is not kept."""
        try:
            decoded = decode_verifier(v.token, self.central_keys(), allow_sealed=False)
            kdf, _, raw = argon2_parts(decoded.pin_hash)
        except (VerifierError, ValueError):
            log.warning("staff_verifier_not_kept", staff_id=v.staff_id)
            return
        aad = f"staff-verifier:{v.staff_id}:{v.credential_id}".encode()
        guard: bytes | None = None
        if self._tcti is not None:
            with self._tpm_lock, Tpm(self._tcti) as tpm:
                secret = tpm.random(32)
                guard = tpm.seal(secret, auth=_pin_auth(raw), da_protected=True, pcrs=self._pcrs).to_bytes()
            nonce = os.urandom(12)
            token = (
                _TPM + base64.b64encode(nonce + AESGCM(secret).encrypt(nonce, v.token.encode(), aad)).decode()
            )
            stored_kdf: str | None = kdf
        else:
            token = (
                _ENC + base64.b64encode(self._cipher.encrypt_field(v.token.encode(), aad.decode())).decode()
            )
            stored_kdf = None
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO verifiers (staff_id, credential_id, token, received_at, expires_at, kdf, guard)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    v.staff_id,
                    v.credential_id,
                    token,
                    _ts(v.received_at),
                    _ts(v.expires_at),
                    stored_kdf,
                    guard,
                ),
            )

    def verifier(self, staff_id: str) -> CachedVerifier | None:
        """The cached verifier: the central's token (demo profile), or a sealed reference whose
        one check runs in the TPM (see :mod:`kiosk.staff.verifier`)."""
        r = self._db.execute(
            "SELECT staff_id, credential_id, token, received_at, expires_at, guard FROM verifiers WHERE staff_id = ?",
            (staff_id,),
        ).fetchone()
        if r is None:
            return None
        sid, cid, stored, received, expires = r[0], r[1], str(r[2]), _dt(r[3]), _dt(r[4])
        assert received is not None and expires is not None
        if stored.startswith(_TPM) and r[5] is not None:
            ref = register_sealed_check(lambda pin: self._check_sealed(sid, cid, pin))
            token = encode_sealed_reference(OfflineVerifier(sid, cid, ref, received, expires))
            return CachedVerifier(sid, cid, token, received, expires)
        if stored.startswith(_ENC):
            try:
                aad = f"staff-verifier:{sid}:{cid}"
                token = self._cipher.decrypt_field(base64.b64decode(stored[len(_ENC) :]), aad).decode()
            except (DecryptionError, ValueError):
                log.warning("staff_verifier_unreadable", staff_id=sid)
                return None
            return CachedVerifier(sid, cid, token, received, expires)
        return None  # a TPM verifier on a kiosk without its TPM, or an unknown format

    def _check_sealed(self, staff_id: str, credential_id: str, pin: str) -> bool:
        """The offline PIN check through the TPM: the TPM releases the token's key only for the
        right PIN and counts wrong ones; the token must then verify against the central's key."""
        r = self._db.execute(
            "SELECT token, kdf, guard FROM verifiers WHERE staff_id = ? AND credential_id = ?",
            (staff_id, credential_id),
        ).fetchone()
        if r is None or r[1] is None or r[2] is None or self._tcti is None:
            return False
        raw = argon2_raw(pin, str(r[1]))
        try:
            with self._tpm_lock, Tpm(self._tcti) as tpm:
                secret = tpm.unseal(SealedBlob.from_bytes(bytes(r[2])), _pin_auth(raw))
        except TpmAuthFailed:
            return False
        except TpmLockedOut:
            log.warning("staff_tpm_lockout", staff_id=staff_id)
            raise StaffAuthError("locked", "the TPM's PIN lockout is active") from None
        except TpmError as e:
            log.error("staff_tpm_verifier_unusable", staff_id=staff_id, error=str(e))
            self.drop_verifier(staff_id)
            raise StaffAuthError(
                "central_unreachable_no_cache", "the offline verifier cannot be used"
            ) from None
        try:
            blob = base64.b64decode(str(r[0])[len(_TPM) :])
            aad = f"staff-verifier:{staff_id}:{credential_id}".encode()
            token = AESGCM(secret).decrypt(blob[:12], blob[12:], aad).decode()
            v = decode_verifier(token, self.central_keys(), allow_sealed=False)
            expected = argon2_parts(v.pin_hash)[2]
        except (InvalidTag, ValueError, VerifierError):
            log.error("staff_tpm_verifier_forged", staff_id=staff_id)
            return False
        return (
            v.staff_id == staff_id and v.credential_id == credential_id and hmac.compare_digest(raw, expected)
        )

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
        """The pinned keys whose MAC verifies; a row written by anyone else is ignored."""
        rows = self._db.execute(
            "SELECT name, value, mac FROM trust WHERE name LIKE 'central_key%' ORDER BY name"
        ).fetchall()
        keys = []
        for name, value, mac in rows:
            row = (str(name), bytes(value), bytes(mac) if mac is not None else b"")
            if row not in self._trusted:  # keyed on the row's content: an edited row is checked anew
                expected = self._trust_mac(row[0], row[1])
                if not (mac is not None and hmac.compare_digest(row[2], expected)):
                    log.warning("staff_central_key_unauthenticated", row=row[0])
                    continue
                self._trusted.add(row)
            keys.append(row[1])
        return keys

    def pin_central_key(self, raw: bytes, now: datetime) -> None:
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
        mac = self._trust_mac("central_key", raw)
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO trust (name, value, saved_at, mac) VALUES ('central_key', ?, ?, ?)",
                (raw, _ts(now), mac),
            )

    def _trust_mac(self, name: str, value: bytes) -> bytes:
        data = _trust_data(name, value)
        if self._tcti is None:
            return hmac.new(self._file_mac_key, data, hashlib.sha256).digest()
        path = keys_dir(self.data_dir) / TRUST_KEY_FILE
        with self._tpm_lock, Tpm(self._tcti) as tpm:
            if not path.exists():
                create_file_once(path, tpm.create_hmac_key(pcrs=self._pcrs).to_bytes())
            return tpm.hmac(SealedBlob.from_bytes(path.read_bytes()), data)
