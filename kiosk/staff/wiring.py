"""Builds the kiosk's :class:`StaffAuth` from the configuration: the staff store, the offline
cache's hash-chained audit log, and a client for the central (``--central URL`` or
``[central] url``; none in the demo profile without a running sandbox: offline only)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from requests.auth import AuthBase

from kiosk.config import KioskConfig
from kiosk.logs import get_logger
from kiosk.staff.auth import StaffAuth, StaffPolicy, storage_error
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.errors import CentralRefused, CentralUnreachable
from kiosk.staff.lockclock import LockClock
from kiosk.staff.store import StaffStore

log = get_logger(__name__)


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
        call_deadline_s=min(cfg.central.call_deadline_s, 10.0),  # sign-in is interactive
        max_response_bytes=cfg.central.max_response_bytes,
        ca_bundle=cfg.central.ca_bundle,
        auth=auth,
    )


class Trust(TypedDict):
    pinned_key: bytes | None
    trust_on_first_use: bool
    locks: LockClock


def trust_from(data_dir: Path, store: StaffStore) -> Trust:
    """The :class:`StaffAuth` keywords for this kiosk's trust in the central: an enrolled kiosk
    trusts the key pinned at enrollment and nothing else (no trust on first use); the demo
    profile may pin at first contact. Also the monotonic lock clock next to the staff store."""
    from provisioning.enroll import load_enrollment

    e = load_enrollment(data_dir)
    locks = LockClock(store.path.with_name("monotonic_locks.json"))
    if e is None:
        return Trust(pinned_key=None, trust_on_first_use=True, locks=locks)
    return Trust(pinned_key=e.central_public_raw, trust_on_first_use=False, locks=locks)


def kiosk_id_for(cfg: KioskConfig, data_dir: Path) -> str:
    """The ID the central knows this kiosk by: the enrolled one, else ``[kiosk] id``."""
    from provisioning.enroll import load_enrollment

    e = load_enrollment(data_dir)
    return e.kiosk_id if e is not None else cfg.kiosk.id


def report_offline_failures(cfg: KioskConfig, data_dir: Path) -> int:
    """Report wrong PINs counted offline now; how many staff were reported (0 when none are
    pending or the central is still away). The heartbeat calls this so that a lock made on this
    kiosk while it was offline reaches the central, and so every kiosk, within one beat."""
    if not (data_dir / "staff").is_dir():
        return 0  # no staff store yet: nobody signed in on this kiosk, nothing to report
    store = StaffStore.open(data_dir)
    try:
        if not store.offline_failures():
            return 0
    finally:
        store.close()
    try:
        with open_staff_auth(cfg, data_dir) as auth:
            return auth.flush_offline_failures()
    except (CentralUnreachable, CentralRefused) as e:
        log.info("staff_offline_failures_kept", error_type=type(e).__name__)
        return 0


@contextmanager
def open_staff_auth(
    cfg: KioskConfig, data_dir: Path, *, central_url: str | None = None, api_key: str | None = None
) -> Iterator[StaffAuth]:
    from offline_cache.store import Store

    try:
        store = StaffStore.open(data_dir)
    except Exception as e:  # noqa: BLE001 - a full disk at opening: the same clear message
        clear = storage_error(e)
        if clear is None:
            raise
        raise clear from None
    cache = None
    client = None
    try:
        try:
            cache = Store.open(data_dir)
        except Exception as e:  # noqa: BLE001
            clear = storage_error(e)
            if clear is None:
                raise
            raise clear from None
        client = client_from(cfg, central_url, api_key=api_key)
        yield StaffAuth(
            store,
            cache.audit,
            kiosk_id=kiosk_id_for(cfg, data_dir),
            client=client,
            policy=policy_from(cfg),
            **trust_from(data_dir, store),
        )
    finally:
        if client is not None:
            client.close()
        if cache is not None:
            cache.close()
        store.close()
