from __future__ import annotations

import stat
from datetime import UTC, datetime

from kiosk.staff.credential import peek_staff_id
from kiosk.staff.session import InactivityTimer, StaffSession
from kiosk.staff.store import StaffStore


def test_roles():
    now = datetime.now(UTC)
    officer = StaffSession("A", "A", "officer", "D", "c", "central", now)
    sup = StaffSession("B", "B", "supervisor", "D", "c", "cache", now)
    tech = StaffSession("C", "C", "technician", "D", "c", "central", now)
    assert officer.can("assist") and not officer.can("report") and not officer.can("exit_to_desktop")
    assert sup.can("report") and sup.can("unlock") and sup.can("exit_to_desktop")
    assert not tech.can("exit_to_desktop") and not tech.can("assist") and tech.can("devices")
    assert tech.can("provision") and not officer.can("provision") and not sup.can("provision")


def test_inactivity_timer():
    t = [0.0]
    timer = InactivityTimer(90, lambda: t[0])
    t[0] = 89.0
    assert not timer.expired() and timer.remaining() == 1.0
    timer.touch()
    t[0] = 178.0
    assert not timer.expired()
    t[0] = 179.0
    assert timer.expired()


def test_peek_is_only_a_hint():
    assert peek_staff_id("KSTAFF1.eyJzaWQiOiJDQjEifQ.xx") == "CB1"  # unsigned: read, not trusted
    assert peek_staff_id("nonsense") is None and peek_staff_id("KSTAFF1.!!!.x") is None


def test_store_file_is_private(isolated_kiosk_env):
    store = StaffStore.open(isolated_kiosk_env)
    try:
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    finally:
        store.close()
