"""Staff sign-in believes only the central's signed answer for this request, and every call is
bounded: against a real sandbox central and a fake one (tests/peers/fake_central.py) that
answers unsigned, with a wrong signature, with a replayed answer, trickling, or oversized."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from central.central_key import central_signing_key
from common.b64 import b64url_encode
from common.durable import write_json
from kiosk.central.client import ApiKeyAuth
from kiosk.config import KioskConfig
from kiosk.staff.auth import StaffAuth
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.errors import CentralUntrusted, StaffAuthError
from kiosk.staff.lockclock import LockClock
from kiosk.staff.store import StaffStore
from kiosk.staff.wiring import trust_from
from provisioning.enroll import Enrollment, enrollment_path
from provisioning.signing import public_fingerprint
from tests.kiosk.staff.central import Central
from tests.kiosk.staff.recorder import RecordingAudit
from tests.peers.fake_central import FakeCentral, RssSampler

DEADLINE_S = 1.5


@pytest.fixture
def store(isolated_kiosk_env: Path):
    s = StaffStore.open(isolated_kiosk_env)
    yield s
    s.close()


def central_key(central: Central) -> bytes:
    return central_signing_key(central.data_dir).public_raw


def kiosk(store: StaffStore, url: str, central: Central, audit: RecordingAudit, **kw: object) -> StaffAuth:
    """An enrolled kiosk "K1": it trusts the sandbox central's key, pinned at enrollment."""
    client = StaffCentralClient(
        url,
        connect_timeout_s=1,
        read_timeout_s=5,
        call_deadline_s=DEADLINE_S,
        auth=ApiKeyAuth(central.api_key, "K1"),
    )
    return StaffAuth(
        store,
        audit,
        kiosk_id="K1",
        client=client,
        pinned_key=central_key(central),
        trust_on_first_use=False,
        **kw,  # type: ignore[arg-type]
    )


def unreachable_because(logs: list[dict[str, object]]) -> list[str]:
    """Why each call to the central failed, as the kiosk logged it ("deadline", "too large")."""
    return [str(r["error"]).split(":")[0] for r in logs if r["event"] == "staff_central_unreachable"]


def refused(auth: StaffAuth, cred: str, pin: str) -> StaffAuthError:
    with pytest.raises(StaffAuthError) as e:
        auth.sign_in(cred, pin)
    return e.value


def test_the_real_central_signs_and_the_kiosk_believes_it(central: Central, store: StaffStore):
    cred = central.add("CB100", "2468")
    audit = RecordingAudit()
    s = kiosk(store, central.url, central, audit).sign_in(cred, "2468")
    assert s.verified_by == "central"
    # A wrong PIN is a signed refusal, counted here and there
    e = refused(kiosk(store, central.url, central, audit), cred, "1111")
    assert (e.reason, e.attempts_left) == ("wrong_pin", 2)


@pytest.mark.parametrize("behaviour", ["unsigned", "wrong_signature"])
def test_a_fake_central_saying_yes_signs_nobody_in(behaviour: str, central: Central, store: StaffStore):
    cred = central.add("CB101", "2468")  # a real card: a photographed one is enough
    audit = RecordingAudit()
    with FakeCentral(behaviour) as fake:
        e = refused(kiosk(store, fake.url, central, audit), cred, "0000")
        assert fake.requests and fake.requests[-1] == ("POST", "/staff/v1/verify")
    assert e.reason == "central_untrusted"
    assert "verified" in e.user_text("en") and "technician" in e.user_text("en")
    assert "xác thực" in e.user_text("vi")
    assert audit.entries[-1][1] == "staff.sign_in_refused"
    assert audit.entries[-1][2]["reason"] == "central_untrusted"
    assert store.verifier("CB101") is None  # nothing from the fake was kept


def test_a_replayed_yes_does_not_sign_in_a_wrong_pin(central: Central, store: StaffStore):
    cred = central.add("CB102", "2468")
    audit = RecordingAudit()
    with FakeCentral("replay", upstream=central.url) as mitm:
        # The officer signs in through the man in the middle: he records the central's "yes" …
        assert kiosk(store, mitm.url, central, audit).sign_in(cred, "2468").verified_by == "central"
        assert mitm.recorded is not None
        # … and plays it back when someone tries the same card with a wrong PIN
        e = refused(kiosk(store, mitm.url, central, audit), cred, "0000")
        assert mitm.replayed == 1
    assert e.reason == "central_untrusted"


def test_the_answer_another_kiosk_received_is_refused(central: Central, store: StaffStore):
    """The central signs the kiosk it authenticated: a kiosk told it is "K2" refuses the answer."""
    cred = central.add("CB103", "2468")
    client = StaffCentralClient(central.url, auth=ApiKeyAuth(central.api_key, "K1"))
    try:
        with pytest.raises(CentralUntrusted, match="another kiosk"):
            client.verify(cred, "2468", "K2", keys=[central_key(central)], credential_id="x")
    finally:
        client.close()


def test_an_enrolled_kiosk_never_pins_a_key_on_first_contact(
    central: Central, store: StaffStore, isolated_kiosk_env: Path
):
    cred = central.add("CB104", "2468")
    # enrollment.json names the central's key: that key, and only it, is trusted
    e = Enrollment(
        kiosk_id="K1",
        agency="DEMO",
        central_url=central.url,
        central_public_key=b64url_encode(central_key(central)),
        central_key_fingerprint=public_fingerprint(central_key(central)),
        key_fingerprint="-",
        enrolled_at=time.time(),
    )
    write_json(enrollment_path(isolated_kiosk_env), asdict(e))
    trust = trust_from(isolated_kiosk_env, store)
    assert trust["pinned_key"] == central_key(central) and trust["trust_on_first_use"] is False
    audit = RecordingAudit()
    # A fake central with its own key is never asked for its key, and its yes is refused
    with FakeCentral("wrong_signature") as fake:
        client = StaffCentralClient(fake.url, auth=ApiKeyAuth(central.api_key, "K1"), call_deadline_s=2)
        auth = StaffAuth(store, audit, kiosk_id="K1", client=client, **trust)
        with pytest.raises(StaffAuthError) as err:
            auth.sign_in(cred, "0000")
        assert err.value.reason == "central_untrusted"
        assert ("GET", "/staff/v1/public-key") not in fake.requests
    # The store holds the enrollment key (its authenticated copy), never the fake's
    assert store.central_keys() == [central_key(central)]
    assert [d["how"] for _, a, d in audit.entries if a == "staff.central_key_pinned"] == ["enrollment"]


def test_the_demo_profile_pins_at_first_contact_and_says_so(central: Central, store: StaffStore):
    cred = central.add("CB105", "2468")
    audit = RecordingAudit()
    client = StaffCentralClient(central.url, auth=ApiKeyAuth(central.api_key, "K1"))
    auth = StaffAuth(store, audit, kiosk_id="K1", client=client)  # not enrolled
    assert auth.sign_in(cred, "2468").verified_by == "central"
    pinned = [d for _, a, d in audit.entries if a == "staff.central_key_pinned"]
    assert pinned and pinned[0]["how"] == "first_use"
    assert store.central_keys() == [central_key(central)]


@pytest.mark.parametrize("behaviour", ["trickle", "trickle_headers"])
def test_a_trickling_central_times_out_at_the_deadline(behaviour: str, central: Central, store: StaffStore):
    cred = central.add("CB106", "2468")
    audit = RecordingAudit()
    with FakeCentral(behaviour, interval_s=0.1) as fake:
        auth = kiosk(store, fake.url, central, audit)
        with capture_logs() as logs:
            t0 = time.monotonic()
            e = refused(auth, cred, "2468")
            took = time.monotonic() - t0
    # No cached verifier: the clear "central unreachable" reason, and the call's deadline (not
    # the fake giving up after trickle_for_s) is what ended it. No upper bound on a loaded CI.
    assert e.reason == "central_unreachable_no_cache"
    assert unreachable_because(logs) == ["deadline"], logs
    assert DEADLINE_S - 0.1 < took < fake.trickle_for_s, took


def test_an_oversized_answer_is_cut_at_the_cap_without_memory_growth(central: Central, store: StaffStore):
    cred = central.add("CB107", "2468")
    with FakeCentral("oversized", size=300 * 1024 * 1024) as fake:
        auth = kiosk(store, fake.url, central, RecordingAudit())
        with RssSampler() as rss, capture_logs() as logs:
            e = refused(auth, cred, "2468")
        sent = fake.sent_bytes
    assert e.reason == "central_unreachable_no_cache"
    assert unreachable_because(logs) == ["too large"], logs  # the cap cut it, not the deadline
    assert rss.growth < 16 * 1024 * 1024, rss.growth  # the 300 MB answer never reached memory
    assert sent < 300 * 1024 * 1024


def test_a_lock_does_not_lift_when_the_wall_clock_is_set_forward(central: Central, store: StaffStore):
    """The lock window runs on the monotonic clock (the wall clock is only the fallback)."""
    from datetime import UTC, datetime, timedelta

    cred = central.add("CB108", "2468")
    wall = [datetime.now(UTC)]
    mono = [5000.0]
    audit = RecordingAudit()
    locks = LockClock(store.path.with_name("locks.json"), monotonic=lambda: mono[0])
    auth = kiosk(store, central.url, central, audit, now=lambda: wall[0], locks=locks)
    for _ in range(3):
        last = refused(auth, cred, "0000")
    assert last.reason == "locked"
    # Someone sets the kiosk's clock two hours ahead: still locked here
    wall[0] += timedelta(hours=2)
    assert refused(auth, cred, "2468").reason == "locked"
    # Another process of the same boot sees the same lock
    other = LockClock(store.path.with_name("locks.json"), monotonic=lambda: mono[0])
    assert (other.remaining("CB108") or 0) > 0
    # After a reboot (another boot ID) the monotonic entry is void: the wall clock decides
    assert LockClock(store.path.with_name("locks.json"), boot_id="another-boot").remaining("CB108") is None
    # 31 minutes really pass: the kiosk's lock lifts (the central's too, by its own clock)
    mono[0] += 31 * 60
    assert locks.remaining("CB108") is not None and locks.remaining("CB108") <= 0  # type: ignore[operator]


@pytest.fixture
def full_disk(tmp_path: Path):
    """A real 1 MB tmpfs holding a staff store, then filled to the last byte (needs root)."""
    import os
    import subprocess

    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the disk-full case is also covered by offline_cache)")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mnt)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(mnt: Path) -> None:
    import os

    fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)


def test_sign_in_on_a_full_disk_is_a_clear_error(central: Central, full_disk: Path):
    """SQLite's "database or disk is full" on a really full file system: ``storage_full``."""
    from offline_cache.store import Store

    cred = central.add("CB109", "2468")
    store = StaffStore.open(full_disk)  # the staff store and the audit log, as on a kiosk
    cache = Store.open(full_disk)
    try:
        fill(full_disk)
        e = refused(kiosk(store, central.url, central, cache.audit), cred, "2468")  # type: ignore[arg-type]
    finally:
        cache.close()
        store.close()
    assert e.reason == "storage_full"
    assert "đầy" in e.user_text("vi") and "full" in e.user_text("en")


def test_offline_failures_reach_the_central_with_the_heartbeat(
    central: Central, store: StaffStore, isolated_kiosk_env: Path
):
    """A card locked on kiosk A while A was offline is locked on kiosk B as soon as A is back
    online, without waiting for the next sign-in at A."""
    from kiosk.staff.wiring import report_offline_failures

    cred = central.add("CB110", "2468")
    audit = RecordingAudit()
    kiosk(store, central.url, central, audit).sign_in(cred, "2468")  # a cached verifier on A
    dead = kiosk(store, "http://127.0.0.1:9", central, audit)  # A is offline
    for _ in range(3):
        last = refused(dead, cred, "0000")
    assert last.reason == "locked" and store.offline_failures() == [("CB110", 3, True)]
    store.close()
    cfg = KioskConfig.model_validate(
        {"kiosk": {"id": "K1"}, "central": {"url": central.url, "api_key": central.api_key}}
    )
    assert report_offline_failures(cfg, isolated_kiosk_env) == 1  # the heartbeat's call
    # Kiosk B, online, never saw the attempts: the central refuses, signed
    other = StaffStore(isolated_kiosk_env / "kiosk-b" / "staff.sqlite3")
    try:
        e = refused(kiosk(other, central.url, central, RecordingAudit()), cred, "2468")
    finally:
        other.close()
    assert e.reason == "locked"
    reopened = StaffStore.open(isolated_kiosk_env)
    try:
        assert reopened.offline_failures() == []
    finally:
        reopened.close()
    assert json.dumps(audit.entries).count("2468") == 0


def test_a_staff_client_for_plain_http_elsewhere_is_a_clear_error():
    from kiosk.central.errors import CentralInsecureUrl

    with pytest.raises(CentralInsecureUrl) as e:
        StaffCentralClient("http://central.example.gov.vn")
    assert "https://" in e.value.user_text("en")


def test_kiosk_staff_login_on_a_full_disk_says_so(full_disk: Path):
    """The command line, from opening the stores on: a message, no traceback."""
    import os
    import subprocess
    import sys

    from tests.conftest import repo_root

    env = {**os.environ, "PYTHONPATH": str(repo_root()), "KIOSK_DATA_DIR": str(full_disk)}
    cmd = [sys.executable, "-m", "kiosk", "staff"]
    subprocess.run(
        [*cmd, "list", "--json"], env=env, capture_output=True, timeout=60, check=True
    )  # stores made
    fill(full_disk)
    r = subprocess.run(
        [
            *cmd,
            "login",
            "--credential",
            "KSTAFF1.eyJ2IjoxfQ.AAAA",
            "--central",
            "http://127.0.0.1:9",
            "--json",
        ],
        input="2468\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0 and "Traceback" not in r.stderr
    err = json.loads(r.stdout.strip().splitlines()[-1])["error"]
    assert err["code"] == "staff.storage_full", err


def test_wrong_pins_on_two_kiosks_add_up_on_the_central(
    central: Central, store: StaffStore, isolated_kiosk_env: Path
):
    """Two wrong PINs on kiosk A and one on kiosk B lock the person: the central counts them,
    whichever kiosk they were typed at, and its signed answer carries the count."""
    cred = central.add("CB111", "2468")
    a = kiosk(store, central.url, central, RecordingAudit())
    assert [refused(a, cred, "0000").attempts_left for _ in range(2)] == [2, 1]
    other = StaffStore(isolated_kiosk_env / "kiosk-b" / "staff.sqlite3")
    try:
        b = kiosk(other, central.url, central, RecordingAudit())
        assert refused(b, cred, "0000").reason == "locked"  # B saw one wrong PIN, the central three
        assert refused(b, cred, "2468").reason == "locked"
    finally:
        other.close()
    assert refused(a, cred, "2468").reason == "locked"
