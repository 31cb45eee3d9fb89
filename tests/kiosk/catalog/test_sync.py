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


def test_an_edited_catalog_at_the_central_reaches_the_kiosk(central_client, sandbox, tmp_path):
    import json

    from central.catalog_state import reload_catalog
    from kiosk.catalog.model import packaged_catalog_json

    store = open_store(tmp_path)
    try:
        before = sync_catalog(central_client, store.catalog)
        edited = packaged_catalog_json()
        edited["version"] = "2099-01-01.1"
        edited["procedures"] = edited["procedures"][:12]
        (sandbox.data_dir / "catalog.json").write_text(
            json.dumps(edited, ensure_ascii=False), encoding="utf-8"
        )
        reload_catalog(sandbox.state)
        after = sync_catalog(central_client, store.catalog)
        assert after.source == "central" and after.catalog.version == "2099-01-01.1"
        assert len(after.catalog.procedures) == 12 < len(before.catalog.procedures)
        assert store.catalog.get().version == "2099-01-01.1"
    finally:
        store.close()
