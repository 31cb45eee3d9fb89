from __future__ import annotations

from kiosk.app_state.exit_guard import DEMO_EXIT_CODE, MAX_ATTEMPTS, ExitGuard
from tests.kiosk.app_state.test_inactivity import FakeClock


def test_production_without_code_cannot_exit():
    g = ExitGuard(None, demo=False)
    assert not g.available
    assert not g.check(DEMO_EXIT_CODE)


def test_demo_accepts_documented_code_and_configured_code_wins():
    assert ExitGuard(None, demo=True).check(DEMO_EXIT_CODE)
    g = ExitGuard("482913", demo=True)
    assert not g.check(DEMO_EXIT_CODE)
    assert g.check("482913")


def test_lockout_after_repeated_wrong_codes():
    now = FakeClock()
    g = ExitGuard("482913", demo=False, now=now)
    for _ in range(MAX_ATTEMPTS):
        assert not g.check("000001")
    assert g.locked()
    assert not g.check("482913")  # even the right code waits
    now.t += 61
    assert g.check("482913")


def test_authorizer_hook_replaces_code():
    g = ExitGuard(None, demo=False)
    g.authorizer = lambda entered: entered == "staff-ok"
    assert g.available and g.check("staff-ok") and not g.check("482913")
