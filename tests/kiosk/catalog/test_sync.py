"""Catalog sync with ETag into the kiosk's offline store, and fallbacks when the central is away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.catalog.sync import sync_catalog
from kiosk.central.client import ApiKeyAuth, CentralClient
from offline_cache import Store


def open_store(tmp_path: Path) -> Any:
    return Store.open(tmp_path / "kiosk-store", key=b"k" * 32)


def test_first_sync_stores_then_304_keeps_it(central_client, tmp_path):
    store = open_store(tmp_path)
    try:
        first = sync_catalog(central_client, store.catalog)
        assert first.source == "central" and len(first.catalog.procedures) >= 12
        snap = store.catalog.get()
        assert snap is not None and snap.etag and snap.version == first.catalog.version
        second = sync_catalog(central_client, store.catalog)
        assert second.source == "cache" and not second.error
    finally:
        store.close()


def test_offline_falls_back_to_cache_then_packaged(sandbox, tmp_path):
    store = open_store(tmp_path)
    try:
        with CentralClient(sandbox.url, auth=ApiKeyAuth(sandbox.api_key)) as c:
            sync_catalog(c, store.catalog)
        sandbox.faults.set(error_rate=1.0)
        with CentralClient(sandbox.url, retries=0) as c:
            out = sync_catalog(c, store.catalog)
        assert out.source == "cache" and "central.server_error" in out.error
    finally:
        store.close()

    class Empty:
        def get(self):
            return None

        def put(self, *_a, **_k):
            raise AssertionError("nothing to store while offline")

        def mark_fresh(self):
            raise AssertionError("nothing is fresh")

    with CentralClient("http://127.0.0.1:9/", retries=0, connect_timeout=0.5) as c:
        out = sync_catalog(c, Empty())
    assert out.source == "packaged" and "central.offline" in out.error
