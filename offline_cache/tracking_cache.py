"""The last known status of each dossier looked up at this kiosk ("Where is my file?" offline).

One row per tracking code: the central's answer (JSON, as the central sent it) and when it
was fetched. When the central cannot be reached, the kiosk shows this answer, clearly marked
with its age. The answer names the officer and may quote the officer's note about the
citizen's documents, so it is encrypted like the rest of the store (AES-GCM,
:mod:`offline_cache.crypto`), and the row is keyed by a keyed hash of the code, never the
code itself: the file alone does not tell which receipts were looked up here.

Old answers are purged on every write (``max_age_s``, default 60 days): a status that old
is no help to anyone. Table ``tracking_cache``, added by migration revision 0004.

    cache = TrackingCache(store)
    cache.put("K7M4QX9T2R", {...}, fetched_at=time.time())
    snap = cache.get("K7M4QX9T2R")   # TrackingSnapshot(code, data, fetched_at) or None
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, LargeBinary, String, delete
from sqlalchemy.orm import Mapped, mapped_column

from offline_cache.errors import DecryptionError
from offline_cache.models import Base

if TYPE_CHECKING:
    from offline_cache.store import Store

DEFAULT_MAX_AGE_S = 60 * 86400.0


class TrackingRow(Base):
    """Revision 0004: the last status the central gave for one tracking code."""

    __tablename__ = "tracking_cache"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # keyed hash of the code
    fetched_at: Mapped[float] = mapped_column(Float, index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted JSON, AAD = "tracking:" + key


@dataclass(frozen=True)
class TrackingSnapshot:
    code: str
    data: dict[str, Any]
    fetched_at: float  # epoch seconds


class TrackingCache:
    def __init__(self, store: Store, *, max_age_s: float = DEFAULT_MAX_AGE_S):
        self._store = store
        self.max_age_s = max_age_s

    def _key(self, code: str) -> str:
        return self._store.cipher.mac(b"tracking-code:" + code.encode("ascii", "replace"))

    def put(self, code: str, data: dict[str, Any], fetched_at: float | None = None) -> None:
        """Remember ``data`` (JSON-serialisable) as the newest status of ``code``."""
        when = self._store.now() if fetched_at is None else float(fetched_at)
        key = self._key(code)
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        blob = self._store.cipher.encrypt_field(plain, "tracking:" + key)
        with self._store.write(durable=False) as s:  # a lost answer is fetched again next time
            s.merge(TrackingRow(key=key, fetched_at=when, data=blob))
            s.execute(delete(TrackingRow).where(TrackingRow.fetched_at < self._store.now() - self.max_age_s))

    def get(self, code: str) -> TrackingSnapshot | None:
        """The last status known for ``code``, or None (never looked up, too old, or unreadable)."""
        key = self._key(code)
        with self._store.read() as s:
            row = s.get(TrackingRow, key)
            if row is None or row.fetched_at < self._store.now() - self.max_age_s:
                return None
            blob, fetched = bytes(row.data), float(row.fetched_at)
        try:
            data = json.loads(self._store.cipher.decrypt_field(blob, "tracking:" + key))
        except (DecryptionError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        return TrackingSnapshot(code, data, fetched)

    def forget(self, code: str) -> None:
        with self._store.write() as s:
            s.execute(delete(TrackingRow).where(TrackingRow.key == self._key(code)))

    def count(self) -> int:
        from sqlalchemy import func, select

        with self._store.read() as s:
            return int(s.scalar(select(func.count()).select_from(TrackingRow)) or 0)
