"""The last procedure catalog received from the central, with its version and ETag.

Lets the kiosk start and show procedures while the central is unreachable, and ask the
central "changed since ETag X?" when it is back. Public data: stored in clear.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from offline_cache.models import CatalogRow
from offline_cache.records import CatalogSnapshot, from_epoch

if TYPE_CHECKING:
    from offline_cache.store import Store


class CatalogCache:
    def __init__(self, store: Store):
        self._store = store

    def get(self, name: str = "procedures") -> CatalogSnapshot | None:
        with self._store.read() as s:
            row = s.get(CatalogRow, name)
            if row is None:
                return None
            return CatalogSnapshot(
                version=row.version,
                etag=row.etag,
                fetched_at=from_epoch(row.fetched_at),  # type: ignore[arg-type]
                data=json.loads(row.data),
            )

    def put(
        self, data: Any, *, version: str | None = None, etag: str | None = None, name: str = "procedures"
    ) -> None:
        """Replace the cached catalog (``data`` JSON-serialisable)."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with self._store.write() as s:
            s.merge(
                CatalogRow(name=name, version=version, etag=etag, fetched_at=self._store.now(), data=text)
            )

    def mark_fresh(self, name: str = "procedures") -> None:
        """The central answered 304 Not Modified: the cached copy is current as of now."""
        with self._store.write() as s:
            s.execute(update(CatalogRow).where(CatalogRow.name == name).values(fetched_at=self._store.now()))
