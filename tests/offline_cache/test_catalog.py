"""Catalog cache: the last catalog with its version/ETag survives restarts; 304 refreshes the time."""

from __future__ import annotations

from offline_cache import Store


def test_put_get_and_mark_fresh(isolated_kiosk_env, clock):
    with Store.open(isolated_kiosk_env, clock=clock) as store:
        assert store.catalog.get() is None
        store.catalog.put(
            {"procedures": [{"code": "1.001", "name": "Đăng ký khai sinh"}]}, version="42", etag='"e1"'
        )
    with Store.open(isolated_kiosk_env, clock=clock) as store:
        snap = store.catalog.get()
        assert snap is not None and snap.version == "42" and snap.etag == '"e1"'
        assert snap.data["procedures"][0]["name"] == "Đăng ký khai sinh"
        before = snap.fetched_at
        clock.advance(600)
        store.catalog.mark_fresh()
        assert (store.catalog.get().fetched_at - before).total_seconds() == 600  # type: ignore[union-attr]
