from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.staff.auth import StaffAuth, StaffPolicy
from kiosk.staff.store import StaffStore
from tests.kiosk.staff.central import Central, run_central


@dataclass
class StaffRig:
    central: Central
    auth: StaffAuth
    store: object  # offline_cache Store (the real audit log and outbox)
    data: Path


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    yield from run_central(tmp_path / "central")


@pytest.fixture
def rig(central: Central, isolated_kiosk_env: Path) -> Iterator[StaffRig]:
    from offline_cache.store import Store

    staff_store = StaffStore.open(isolated_kiosk_env)
    store = Store.open(isolated_kiosk_env)
    client = central.client()
    auth = StaffAuth(staff_store, store.audit, kiosk_id="K1", client=client, policy=StaffPolicy())
    try:
        yield StaffRig(central, auth, store, isolated_kiosk_env)
    finally:
        client.close()
        store.close()
        staff_store.close()
