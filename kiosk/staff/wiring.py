"""Builds the kiosk's :class:`StaffAuth` from the configuration: the staff store, the offline
cache's hash-chained audit log, and a client for the central (``--central URL`` or
``[central] url``; none in the demo profile without a running sandbox: offline only)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from requests.auth import AuthBase

from kiosk.config import KioskConfig
from kiosk.staff.auth import StaffAuth, StaffPolicy
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.store import StaffStore


def policy_from(cfg: KioskConfig) -> StaffPolicy:
    return StaffPolicy(
        offline_verifier_days=cfg.staff.offline_verifier_days, lock_minutes=cfg.staff.lock_minutes
    )


def client_from(
    cfg: KioskConfig,
    central_url: str | None = None,
    *,
    auth: AuthBase | None = None,
    api_key: str | None = None,
) -> StaffCentralClient | None:
    """Like :func:`kiosk.central.factory.client_from_config`: ``auth`` wins (the provisioning
    area's request signer once enrolled), else the API key (``api_key`` or ``[central] api_key``)."""
    from kiosk.central.factory import enrolled_auth

    enrolled = enrolled_auth() if auth is None else None
    url = central_url or cfg.central.url or (enrolled[0] if enrolled else None)
    if not url:
        return None
    key = api_key or cfg.central.api_key
    if auth is None and enrolled is not None:
        auth = enrolled[1]
    elif auth is None and key:
        from kiosk.central.client import ApiKeyAuth

        auth = ApiKeyAuth(key, cfg.kiosk.id)
    return StaffCentralClient(
        url,
        connect_timeout_s=cfg.central.connect_timeout_s,
        read_timeout_s=min(cfg.central.read_timeout_s, 10.0),
        auth=auth,
    )


@contextmanager
def open_staff_auth(
    cfg: KioskConfig, data_dir: Path, *, central_url: str | None = None, api_key: str | None = None
) -> Iterator[StaffAuth]:
    from offline_cache.store import Store

    store = StaffStore.open(data_dir)
    cache = None
    client = None
    try:
        cache = Store.open(data_dir)
        client = client_from(cfg, central_url, api_key=api_key)
        yield StaffAuth(store, cache.audit, kiosk_id=cfg.kiosk.id, client=client, policy=policy_from(cfg))
    finally:
        if client is not None:
            client.close()
        if cache is not None:
            cache.close()
        store.close()
