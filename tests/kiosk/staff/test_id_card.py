"""Sign-in with the officer's own chip ID card (online only) against a real sandbox."""

from __future__ import annotations

import json

import pytest

from kiosk.staff.auth import StaffAuth
from kiosk.staff.errors import StaffAuthError
from kiosk.staff.store import StaffStore
from tests.kiosk.staff.central import Central, free_port
from tests.kiosk.staff.recorder import RecordingAudit

ID = "001088012345"


@pytest.fixture
def store(isolated_kiosk_env):
    s = StaffStore.open(isolated_kiosk_env)
    yield s
    s.close()


def auth_for(central: Central, store: StaffStore, audit: RecordingAudit, url: str | None = None) -> StaffAuth:
    return StaffAuth(store, audit, kiosk_id="K1", client=central.client(url=url))


def test_chip_card_and_pin_sign_in(central: Central, store: StaffStore):
    central.add("CB050", "2468", name="Đỗ Văn Hùng", id_card=ID)
    audit = RecordingAudit()
    s = auth_for(central, store, audit).sign_in_with_id_card(ID, "2468")
    assert (s.staff_id, s.name, s.verified_by) == ("CB050", "Đỗ Văn Hùng", "central")
    assert ID not in json.dumps(audit.entries) and "012345" not in json.dumps(audit.entries)
    assert [d.get("method") for _, a, d in audit.entries if a == "staff.sign_in"] == ["id_card"]


def test_chip_card_lockout_unknown_and_offline(central: Central, store: StaffStore):
    central.add("CB051", "2468", id_card=ID)
    audit = RecordingAudit()
    auth = auth_for(central, store, audit)
    left = []
    for _ in range(2):
        with pytest.raises(StaffAuthError) as e:
            auth.sign_in_with_id_card(ID, "0000")
        left.append((e.value.reason, e.value.attempts_left))
    assert left == [("wrong_pin", 2), ("wrong_pin", 1)]
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in_with_id_card(ID, "0000")
    assert e.value.reason == "locked"
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in_with_id_card(ID, "2468")
    assert e.value.reason == "locked"
    assert any(actor == "staff:CB051" for actor, _, _ in audit.entries)  # counted against the right person
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in_with_id_card("001088099999", "2468")
    assert e.value.reason == "unknown"
    with pytest.raises(StaffAuthError) as e:
        auth_for(central, store, audit, url=f"http://127.0.0.1:{free_port()}").sign_in_with_id_card(
            ID, "2468"
        )
    assert e.value.reason == "central_unreachable_no_cache"


def test_the_central_keeps_only_a_keyed_hash_of_the_card_number(central: Central):
    central.add("CB052", "2468", id_card=ID)
    for f in central.data_dir.glob("central.sqlite3*"):  # the database and its WAL
        assert ID.encode() not in f.read_bytes()
