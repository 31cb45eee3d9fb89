"""Append-only audit log, each entry chained to the previous one by a keyed hash.

``hash = HMAC(audit key, canonical JSON of {seq, at, actor, action, details, prev})``.
Changing an entry breaks its hash; deleting one breaks the sequence or the next link;
rewriting the whole chain needs the key. Cutting entries off the end is caught by
``audit.head`` (the last sequence number and hash, written after each commit, outside the
database). Details must be facts, not people: keys that name personal data and strings
that look like ID or phone numbers are refused (:class:`PersonalDataError`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.durable import atomic_write
from common.personal import PERSONAL_KEYS as COMMON_PERSONAL_KEYS
from offline_cache.errors import PersonalDataError
from offline_cache.models import AuditRow
from offline_cache.records import AuditEntry, AuditVerification, from_epoch

if TYPE_CHECKING:
    from offline_cache.store import Store

GENESIS = "0" * 64
# Unlike the logs, no ID number at all (not even masked): the chain keeps what it is given.
AUDIT_REFUSED_KEYS = COMMON_PERSONAL_KEYS | {
    "id_number",
    "citizen_id",
    "cccd",
    "document_number",
    "submission",
}
# 9 (old ID card) to 12 (CCCD) digits, or a phone number: never in the audit log in clear.
# A standalone run of digits: hex IDs that happen to contain digit runs are not numbers.
_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])\+?\d{9,12}(?![0-9A-Za-z])")


def _check_clean(value: Any, path: str = "details") -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            if str(k).lower() in AUDIT_REFUSED_KEYS:
                raise PersonalDataError(f"{path}.{k}: personal data cannot go into the audit log")
            _check_clean(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            _check_clean(v, f"{path}[{i}]")
    elif isinstance(value, str) and _NUMBER_RE.search(value):
        raise PersonalDataError(f"{path}: looks like an ID or phone number; mask it before auditing")


def _canonical(seq: int, at: float, actor: str, action: str, details: str, prev: str) -> bytes:
    return json.dumps(
        {"seq": seq, "at": repr(at), "actor": actor, "action": action, "details": details, "prev": prev},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=from_epoch(row.at),  # type: ignore[arg-type]
        actor=row.actor,
        action=row.action,
        details=json.loads(row.details),
        hash=row.hash,
    )


class AuditLog:
    def __init__(self, store: Store):
        self._store = store
        self.head_path = store.root / "audit.head"

    def append(self, actor: str, action: str, details: Mapping[str, Any] | None = None) -> AuditEntry:
        """Add one entry (who, what; when is now). Durable when this returns."""
        with self._store.write() as s:
            return self.append_in(s, actor, action, details)

    def sink(self, actor: str) -> Callable[[str, dict[str, Any]], None]:
        """An ``(event, fields)`` callable for code that takes an audit sink (provisioning)."""

        def write(event: str, fields: dict[str, Any]) -> None:
            self.append(actor, event, fields)

        return write

    def append_in(
        self, session: Session, actor: str, action: str, details: Mapping[str, Any] | None = None
    ) -> AuditEntry:
        """Append inside the caller's write transaction, so the audited change and its entry
        commit together (or neither does)."""
        if not actor or not action:
            raise ValueError("an audit entry needs an actor and an action")
        details = dict(details or {})
        _check_clean(details)
        _check_clean(actor, "actor")
        last = session.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one_or_none()
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else GENESIS
        at = self._store.now()
        text = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        digest = self._store.cipher.mac(_canonical(seq, at, actor, action, text, prev))
        row = AuditRow(seq=seq, at=at, actor=actor, action=action, details=text, prev_hash=prev, hash=digest)
        session.add(row)
        session.flush()
        session.info.setdefault("after_commit", []).append(lambda: self._write_head(seq, digest))
        return _entry(row)

    def _write_head(self, seq: int, digest: str) -> None:
        try:
            atomic_write(self.head_path, f"{seq} {digest}\n".encode())
        except OSError:
            # The entry itself is committed; a stale head only weakens tail-cut detection
            # until the next append, so a full disk must not turn an audited action into an error.
            pass

    def entries(self, since_seq: int = 0, limit: int = 1000) -> list[AuditEntry]:
        with self._store.read() as s:
            rows = s.scalars(
                select(AuditRow).where(AuditRow.seq > since_seq).order_by(AuditRow.seq).limit(limit)
            )
            return [_entry(r) for r in rows]

    def verify(self) -> AuditVerification:
        """Walk the whole chain; the first changed, missing or forged entry is reported."""
        prev = GENESIS
        expected_seq = 1
        count = 0
        head = self._read_head()
        with self._store.read() as s:
            for row in s.execute(select(AuditRow).order_by(AuditRow.seq)).scalars().yield_per(500):
                if row.seq != expected_seq:
                    return AuditVerification(
                        False, count, f"entry {expected_seq} is missing (next is {row.seq})", expected_seq
                    )
                if row.prev_hash != prev:
                    return AuditVerification(
                        False, count, f"entry {row.seq} does not link to the one before", row.seq
                    )
                digest = self._store.cipher.mac(
                    _canonical(row.seq, row.at, row.actor, row.action, row.details, row.prev_hash)
                )
                if digest != row.hash:
                    return AuditVerification(False, count, f"entry {row.seq} was changed", row.seq)
                if head is not None and row.seq == head[0] and row.hash != head[1]:
                    return AuditVerification(
                        False, count, f"entry {row.seq} differs from the recorded head", row.seq
                    )
                prev = row.hash
                expected_seq += 1
                count += 1
        if head is not None and head[0] > count:
            return AuditVerification(
                False, count, f"entries {count + 1}–{head[0]} were removed from the end", count + 1
            )
        return AuditVerification(True, count)

    def _read_head(self) -> tuple[int, str] | None:
        try:
            seq_text, digest = self.head_path.read_text().split()
            return int(seq_text), digest
        except (OSError, ValueError):
            return None
