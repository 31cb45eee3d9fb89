"""Staff sign-in against a real sandbox central on loopback, and offline from the cache."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.staff.auth import StaffAuth, StaffPolicy
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.errors import StaffAuthError
from kiosk.staff.store import StaffStore
from tests.kiosk.staff.central import Central, free_port
from tests.kiosk.staff.recorder import RecordingAudit


class Clock:
    def __init__(self) -> None:
        self.t = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


@pytest.fixture
def store(isolated_kiosk_env: Path):
    s = StaffStore.open(isolated_kiosk_env)
    yield s
    s.close()


def make_auth(
    store: StaffStore, where: Central | str, audit: RecordingAudit, clock: Clock, **policy
) -> StaffAuth:
    """A kiosk's StaffAuth talking to the sandbox ``where`` (with its API key) or to a URL."""
    if isinstance(where, Central):
        client = where.client()
    else:
        client = StaffCentralClient(where, connect_timeout_s=1, read_timeout_s=5)
    return StaffAuth(store, audit, kiosk_id="K1", client=client, policy=StaffPolicy(**policy), now=clock)


def dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


def test_online_sign_in_then_offline_from_the_cache(central: Central, store: StaffStore):
    cred = central.add("CB001", "2468")
    audit, clock = RecordingAudit(), Clock()
    # Given an online sign-in
    s = make_auth(store, central, audit, clock).sign_in(cred, "2468")
    assert (s.staff_id, s.role, s.verified_by, s.name) == ("CB001", "officer", "central", "Cán bộ CB001")
    # When the central is gone, the cached verifier signs the same person in
    offline = make_auth(store, dead_url(), audit, clock)
    assert offline.sign_in(cred, "2468").verified_by == "cache"
    # and a wrong PIN is still wrong offline
    with pytest.raises(StaffAuthError) as e:
        offline.sign_in(cred, "1111")
    assert (e.value.reason, e.value.attempts_left) == ("wrong_pin", 2)
    # The PIN is nowhere in the audit log or the kiosk's store
    assert "2468" not in json.dumps(audit.entries) and "1111" not in json.dumps(audit.entries)
    assert b"2468" not in store.path.read_bytes()
    assert audit.actions().count("staff.sign_in") == 2


def test_offline_verifier_expires_after_the_configured_days(central: Central, store: StaffStore):
    cred = central.add("CB002", "1357")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock, offline_verifier_days=2).sign_in(cred, "1357")
    offline = make_auth(store, dead_url(), audit, clock, offline_verifier_days=2)
    clock.advance(days=1, hours=23)
    assert offline.sign_in(cred, "1357").verified_by == "cache"
    clock.advance(hours=2)
    with pytest.raises(StaffAuthError) as e:
        offline.sign_in(cred, "1357")
    assert e.value.reason == "central_unreachable_no_cache"
    assert store.verifier("CB002") is None  # the expired verifier is gone, not just ignored


def test_no_cache_when_offline_days_is_zero(central: Central, store: StaffStore):
    cred = central.add("CB003", "1357")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock, offline_verifier_days=0).sign_in(cred, "1357")
    assert store.verifier("CB003") is None
    with pytest.raises(StaffAuthError) as e:
        make_auth(store, dead_url(), audit, clock).sign_in(cred, "1357")
    assert e.value.reason == "central_unreachable_no_cache"


def test_three_wrong_pins_lock_here_and_on_the_central(central: Central, store: StaffStore):
    cred = central.add("CB004", "5555")
    audit, clock = RecordingAudit(), Clock()
    auth = make_auth(store, central, audit, clock, lock_minutes=30)
    left = []
    for _ in range(2):
        with pytest.raises(StaffAuthError) as e:
            auth.sign_in(cred, "0000")
        left.append(e.value.attempts_left)
    assert left == [2, 1]
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(cred, "0000")
    assert e.value.reason == "locked"
    # The right PIN is refused now, here …
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(cred, "5555")
    assert e.value.reason == "locked"
    assert store.get("CB004").locked(clock())
    # … and on the central, even from another kiosk that never saw the attempts
    other = StaffStore(store.path.parent.parent / "other-kiosk" / "staff.sqlite3")
    try:
        with pytest.raises(StaffAuthError) as e:
            make_auth(other, central, RecordingAudit(), clock).sign_in(cred, "5555")
        assert e.value.reason == "locked"
    finally:
        other.close()
    assert {"staff.locked", "staff.sign_in_refused"} <= set(audit.actions())


def test_lock_lifts_by_itself_after_lock_minutes_offline(central: Central, store: StaffStore):
    cred = central.add("CB005", "4321")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock).sign_in(cred, "4321")
    offline = make_auth(store, dead_url(), audit, clock, lock_minutes=10)
    for _ in range(2):
        with pytest.raises(StaffAuthError):
            offline.sign_in(cred, "0000")
    with pytest.raises(StaffAuthError) as e:
        offline.sign_in(cred, "0000")
    assert e.value.reason == "locked"
    clock.advance(minutes=9)
    with pytest.raises(StaffAuthError) as e:
        offline.sign_in(cred, "4321")
    assert e.value.reason == "locked"
    clock.advance(minutes=2)
    assert offline.sign_in(cred, "4321").verified_by == "cache"
    assert "staff.lock_expired" in audit.actions()


def test_supervisor_unlocks_here_and_on_the_central(central: Central, store: StaffStore):
    cred = central.add("CB006", "1111")
    sup = central.add("GS001", "9999", role="supervisor")
    audit, clock = RecordingAudit(), Clock()
    auth = make_auth(store, central, audit, clock)
    for _ in range(3):
        with pytest.raises(StaffAuthError):
            auth.sign_in(cred, "2222")
    # An officer cannot unlock
    other = central.add("CB007", "3333")
    with pytest.raises(StaffAuthError) as e:
        auth.unlock("CB006", other, "3333")
    assert e.value.reason == "not_supervisor"
    # A supervisor with a wrong PIN cannot either
    with pytest.raises(StaffAuthError) as e:
        auth.unlock("CB006", sup, "0000")
    assert e.value.reason == "wrong_pin"
    # The supervisor with the right PIN can
    who = auth.unlock("CB006", sup, "9999")
    assert who.staff_id == "GS001"
    assert not store.get("CB006").locked(clock())
    assert auth.sign_in(cred, "1111").verified_by == "central"  # the central lifted its lock too
    unlocked = [d for actor, a, d in audit.entries if a == "staff.unlocked"]
    assert unlocked == [{"kiosk_id": "K1", "target": "CB006", "by": "GS001", "had_lock": True}]


def test_supervisor_unlocks_offline_with_the_cached_verifier(central: Central, store: StaffStore):
    cred = central.add("CB008", "1111")
    sup = central.add("GS002", "9999", role="supervisor")
    audit, clock = RecordingAudit(), Clock()
    online = make_auth(store, central, audit, clock)
    online.sign_in(cred, "1111")
    online.sign_in(sup, "9999")
    offline = make_auth(store, dead_url(), audit, clock)
    for _ in range(3):
        with pytest.raises(StaffAuthError):
            offline.sign_in(cred, "2222")
    assert store.offline_failures() == [("CB008", 3, True)]
    assert offline.unlock("CB008", sup, "9999").verified_by == "cache"
    assert offline.sign_in(cred, "1111").verified_by == "cache"
    # The supervisor's unlock stands: the offline failures are not reported to lock the central later
    assert store.offline_failures() == []
    assert make_auth(store, central, audit, clock).sign_in(cred, "1111").verified_by == "central"


def test_forged_expired_and_unknown_credentials(central: Central, store: StaffStore, tmp_path: Path):
    cred = central.add("CB009", "1111")
    audit, clock = RecordingAudit(), Clock()
    auth = make_auth(store, central, audit, clock)
    # A card signed by some other key
    from tests.kiosk.staff.central import run_central

    gen = run_central(tmp_path / "rogue")
    rogue = next(gen)
    try:
        forged = rogue.add("CB009", "1111")
    finally:
        gen.close()
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(forged, "1111")
    assert e.value.reason == "invalid"
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in("hello", "1111")
    assert e.value.reason == "invalid"
    # A reissued card withdraws the old one at the central
    central.add("CB009", "1111")
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(cred, "1111")
    assert e.value.reason == "expired"
    # A card past its expiry date
    clock.advance(days=400)
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(cred, "1111")
    assert e.value.reason == "expired"


def test_pin_format_is_refused_without_counting(central: Central, store: StaffStore):
    cred = central.add("CB010", "1111")
    auth = make_auth(store, central, RecordingAudit(), Clock())
    for bad in ("12", "12a4", "123456789"):
        with pytest.raises(StaffAuthError) as e:
            auth.sign_in(cred, bad)
        assert e.value.reason == "pin_format"
    assert store.get("CB010").failures == 0


def test_first_contact_pins_the_central_key_and_offline_needs_it(central: Central, store: StaffStore):
    cred = central.add("CB011", "1111")
    with pytest.raises(StaffAuthError) as e:
        make_auth(store, dead_url(), RecordingAudit(), Clock()).sign_in(cred, "1111")
    assert e.value.reason == "central_unreachable_no_cache"
    assert store.central_keys() == []
    make_auth(store, central, RecordingAudit(), Clock()).sign_in(cred, "1111")
    assert len(store.central_keys()) == 1


def test_wrong_pins_counted_offline_reach_the_central_later(central: Central, store: StaffStore):
    cred = central.add("CB020", "1111")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock).sign_in(cred, "1111")
    offline = make_auth(store, dead_url(), audit, clock)
    for _ in range(3):
        with pytest.raises(StaffAuthError):
            offline.sign_in(cred, "0000")
    assert store.offline_failures() == [("CB020", 3, True)]
    # Back online: the next contact with the central reports them, and the central locks too
    other = central.add("CB021", "2222")
    make_auth(store, central, audit, clock).sign_in(other, "2222")
    assert store.offline_failures() == []
    from central.staff import list_staff

    assert [s.locked for s in list_staff(central.state.db) if s.staff_id == "CB020"] == [True]
    assert "staff.offline_failures_reported" in audit.actions()


def test_a_kiosk_the_central_refuses_gets_a_clear_error_not_a_silent_offline_sign_in(
    central: Central, store: StaffStore
):
    cred = central.add("CB030", "1111")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock).sign_in(cred, "1111")  # a verifier is cached
    no_key = make_auth(store, central.url, audit, clock)  # the right central, no credentials
    with pytest.raises(StaffAuthError) as e:
        no_key.sign_in(cred, "1111")
    assert e.value.reason == "central_error"


class _Portal:
    """A captive portal: answers every request 200 with an HTML login page."""

    def __enter__(self) -> str:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def _page(self) -> None:
                body = b"<html><body>Wi-Fi login</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _page

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, name="portal")
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def test_a_captive_portal_is_not_the_central(central: Central, store: StaffStore):
    cred = central.add("CB040", "1111")
    audit, clock = RecordingAudit(), Clock()
    make_auth(store, central, audit, clock).sign_in(cred, "1111")
    with _Portal() as portal:
        # A 200 HTML page is no answer: the kiosk falls back to the cached verifier, and a wrong
        # PIN is still wrong
        assert make_auth(store, portal, audit, clock).sign_in(cred, "1111").verified_by == "cache"
        with pytest.raises(StaffAuthError) as e:
            make_auth(store, portal, audit, clock).sign_in(cred, "2222")
        assert e.value.reason == "wrong_pin"


def test_an_online_unlock_keeps_the_supervisors_offline_verifier(central: Central, store: StaffStore):
    cred = central.add("CB060", "1111")
    sup = central.add("GS060", "9999", role="supervisor")
    audit, clock = RecordingAudit(), Clock()
    auth = make_auth(store, central, audit, clock)
    auth.sign_in(sup, "9999")
    for _ in range(3):
        with pytest.raises(StaffAuthError):
            auth.sign_in(cred, "0000")
    auth.unlock("CB060", sup, "9999")
    assert store.verifier("GS060") is not None
    assert make_auth(store, dead_url(), audit, clock).sign_in(sup, "9999").verified_by == "cache"
