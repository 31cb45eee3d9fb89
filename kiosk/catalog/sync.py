"""Keep the kiosk's catalog in step with the central's, and usable offline.

:func:`sync_catalog` asks the central "changed since my ETag?" and stores a new copy in the
offline store's catalog cache (duck-typed: ``get()``, ``put(data, version=, etag=)``,
``mark_fresh()``, as in ``offline_cache.catalog.CatalogCache``). Whatever happens on the
network, it returns the best catalog available: the fresh one, the cached one, or the copy
packaged with the software. A damaged cache falls back too, never to a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.catalog.model import Catalog, CatalogInvalid, load_catalog, parse_catalog
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralError
from kiosk.logs import get_logger

log = get_logger(__name__)


class CatalogStore(Protocol):
    def get(self) -> Any: ...  # a snapshot with .etag and .data, or None

    def put(self, data: Any, *, version: str | None = None, etag: str | None = None) -> None: ...

    def mark_fresh(self) -> None: ...


@dataclass(frozen=True)
class SyncOutcome:
    catalog: Catalog
    source: str  # "central" (new copy), "cache" (304 or offline), "packaged"
    error: str = ""  # why the central was not used (technical, for logs and staff)


def cached_catalog(store: CatalogStore) -> Catalog | None:
    snap = store.get()
    if snap is None:
        return None
    try:
        return load_catalog(snap.data)
    except CatalogInvalid as e:
        log.warning("catalog_cache_invalid", error=e.detail)
        return None


def sync_catalog(client: CentralClient, store: CatalogStore) -> SyncOutcome:
    snap = store.get()
    cached = cached_catalog(store)
    try:
        fetched = client.fetch_catalog(etag=snap.etag if (snap is not None and cached is not None) else None)
        if fetched.not_modified and cached is not None:
            store.mark_fresh()
            return SyncOutcome(cached, "cache")
        if fetched.data is not None:
            catalog = parse_catalog(fetched.data)  # validate before replacing what works
            store.put(dict(fetched.data), version=catalog.version, etag=fetched.etag)
            log.info("catalog_synced", version=catalog.version, procedures=len(catalog.procedures))
            return SyncOutcome(catalog, "central")
        error = "central answered 304 without a usable cached copy"
    except (CentralError, CatalogInvalid) as e:
        error = f"{e.code}: {e.detail}"
    log.info("catalog_sync_skipped", error=error)
    if cached is not None:
        return SyncOutcome(cached, "cache", error)
    return SyncOutcome(load_catalog(), "packaged", error)
