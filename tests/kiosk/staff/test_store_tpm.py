"""The staff store's secrets: offline PIN checks through a TPM (swtpm), nothing usable in clear."""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.staff.auth import StaffAuth, StaffPolicy
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.errors import StaffAuthError
from kiosk.staff.pins import argon2_raw
from kiosk.staff.store import StaffStore
from kiosk.staff.verifier import decode_verifier
from provisioning.tpm import Tpm
from tests.kiosk.staff.central import Central, free_port
from tests.kiosk.staff.recorder import RecordingAudit
from tests.peers.swtpm import Swtpm, start_swtpm, write_tpm_config

MAX_TRIES = 4


class Clock:
    def __init__(self) -> None:
        self.t = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.t


def make_auth(
    store: StaffStore, where: Central | str, audit: RecordingAudit, clock: Clock, **policy
) -> StaffAuth:
    """A kiosk's StaffAuth talking to the sandbox ``where`` (with its API key) or to a dead URL."""
    client = (
        where.client()
        if isinstance(where, Central)
        else StaffCentralClient(where, connect_timeout_s=1, read_timeout_s=5)
    )
    return StaffAuth(store, audit, kiosk_id="K1", client=client, policy=StaffPolicy(**policy), now=clock)


def dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def swtpm(tmp_path: Path) -> Iterator[Swtpm]:
    t = start_swtpm(tmp_path / "tpm")
    yield t
    t.stop()


@pytest.fixture
def tpm_store(
    isolated_kiosk_env: Path, tmp_path: Path, swtpm: Swtpm, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StaffStore]:
    config = write_tpm_config(tmp_path / "kiosk.toml", swtpm.tcti, max_tries=MAX_TRIES, recovery_s=3600)
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    s = StaffStore.open(isolated_kiosk_env)
    yield s
    s.close()


@pytest.fixture
def file_store(isolated_kiosk_env: Path) -> Iterator[StaffStore]:
    s = StaffStore.open(isolated_kiosk_env)
    yield s
    s.close()


def test_offline_pin_check_locks_after_the_configured_tries_through_the_tpm(
    central: Central, tpm_store: StaffStore, swtpm: Swtpm
):
    assert tpm_store.backend == "tpm"
    cred = central.add("CB101", "2468")
    audit, clock = RecordingAudit(), Clock()
    make_auth(tpm_store, central, audit, clock).sign_in(cred, "2468")  # online: the verifier arrives
    # The kiosk itself would lock the card after 3; set it high so only the TPM stands in the way
    offline = make_auth(tpm_store, dead_url(), audit, clock, max_attempts=100)
    assert offline.sign_in(cred, "2468").verified_by == "cache"  # the TPM releases it for the right PIN
    for n in range(1, MAX_TRIES + 1):
        with pytest.raises(StaffAuthError) as e:
            offline.sign_in(cred, f"{1110 + n}")
        assert e.value.reason == "wrong_pin"
        with Tpm(swtpm.tcti) as tpm:
            assert tpm.lockout_state()["failures"] == n  # counted by the TPM, not by the kiosk
    # Now even the right PIN is refused: the TPM is in lockout
    with pytest.raises(StaffAuthError) as e:
        offline.sign_in(cred, "2468")
    assert e.value.reason == "locked"
    with Tpm(swtpm.tcti) as tpm:
        assert tpm.lockout_state() == {
            "failures": MAX_TRIES,
            "max_tries": MAX_TRIES,
            "recovery_s": 3600,
            "lockout_recovery_s": 86400,
        }
    # and nobody, the kiosk included, holds the lockout authorisation to reset the counter
    from tpm2_pytss import TSS2_Exception

    with Tpm(swtpm.tcti) as tpm, pytest.raises(TSS2_Exception):
        tpm._esys.dictionary_attack_lock_reset()


def test_the_verifier_is_not_on_disk_in_a_form_that_can_be_brute_forced(
    central: Central, tpm_store: StaffStore
):
    cred = central.add("CB102", "1357")
    make_auth(tpm_store, central, RecordingAudit(), Clock()).sign_in(cred, "1357")
    # The kiosk hands out a sealed reference, not the central's token
    cached = tpm_store.verifier("CB102")
    assert cached is not None and cached.token.startswith("KSTAFFVT.")
    # The TPM-held key decrypts the real token only for the right PIN (the reference is one-shot)
    from kiosk.staff.pins import pin_matches

    ref = decode_verifier(cached.token, []).pin_hash
    assert pin_matches(ref, "1357") and not pin_matches(ref, "1357")
    db = sqlite3.connect(tpm_store.path)
    token, kdf, guard = db.execute(
        "SELECT token, kdf, guard FROM verifiers WHERE staff_id='CB102'"
    ).fetchone()
    db.close()
    assert token.startswith("tpm1:") and "KSTAFFV1" not in token and guard
    assert kdf.startswith("$argon2id$") and kdf.count("$") == 4  # salt and cost only, no hash
    # Neither the token nor the PIN's argon2id output (what a brute force would compare with) is on disk
    raw = argon2_raw("1357", kdf)
    disk = b"".join(p.read_bytes() for p in tpm_store.data_dir.rglob("*") if p.is_file())
    assert b"KSTAFFV1" not in disk and raw not in disk
    assert base64.b64encode(raw).rstrip(b"=") not in disk


def test_file_profile_encrypts_the_verifier_and_macs_the_pinned_key(central: Central, file_store: StaffStore):
    assert file_store.backend == "file"
    cred = central.add("CB103", "8642")
    make_auth(file_store, central, RecordingAudit(), Clock()).sign_in(cred, "8642")
    cached = file_store.verifier("CB103")
    assert cached is not None and cached.token.startswith("KSTAFFV1.")  # decrypted for the caller
    hash_b64 = cached.token.split(".")[1]
    disk = b"".join(p.read_bytes() for p in file_store.data_dir.rglob("*") if p.is_file())
    assert b"KSTAFFV1" not in disk and hash_b64[:40].encode() not in disk
    # A key written into the file by someone else is ignored (its MAC does not verify)
    assert len(file_store.central_keys()) == 1
    db = sqlite3.connect(file_store.path)
    db.execute("UPDATE trust SET value = ? WHERE name = 'central_key'", (b"\x01" * 32,))
    db.commit()
    db.close()
    assert file_store.central_keys() == []


def test_a_planted_key_is_ignored_with_the_tpm_too(central: Central, tpm_store: StaffStore):
    cred = central.add("CB104", "2468")
    make_auth(tpm_store, central, RecordingAudit(), Clock()).sign_in(cred, "2468")
    good = tpm_store.central_keys()
    assert len(good) == 1
    db = sqlite3.connect(tpm_store.path)
    db.execute(
        "INSERT INTO trust (name, value, saved_at, mac) VALUES ('central_key_2', ?, 0, ?)",
        (b"\x02" * 32, base64.b64decode("AAAA")),
    )
    db.commit()
    db.close()
    assert tpm_store.central_keys() == good


OLD_SCHEMA = """
CREATE TABLE staff_state (staff_id TEXT PRIMARY KEY, credential_id TEXT NOT NULL, role TEXT NOT NULL,
    agency TEXT NOT NULL, credential_expires REAL NOT NULL, last_seen REAL NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, locked_until REAL);
CREATE TABLE verifiers (staff_id TEXT PRIMARY KEY, credential_id TEXT NOT NULL, token TEXT NOT NULL,
    received_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE offline_failures (staff_id TEXT PRIMARY KEY, failures INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE trust (name TEXT PRIMARY KEY, value BLOB NOT NULL, saved_at REAL NOT NULL);
"""


@pytest.mark.parametrize("backend", ["file", "tpm"])
def test_a_store_written_by_the_earlier_version_is_protected_when_opened(
    central: Central, tmp_path: Path, swtpm: Swtpm, monkeypatch: pytest.MonkeyPatch, backend: str
):
    # A verifier and a pinned key as the earlier version kept them: in clear, no MAC
    source = tmp_path / "source"
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "none.toml"))
    s = StaffStore.open(source)
    cred = central.add("CB105", "2468")
    make_auth(s, central, RecordingAudit(), Clock()).sign_in(cred, "2468")
    cached, key = s.verifier("CB105"), s.central_keys()[0]
    s.close()
    assert cached is not None
    old = tmp_path / "old-kiosk"
    (old / "staff").mkdir(parents=True)
    db = sqlite3.connect(old / "staff" / "staff.sqlite3")
    db.executescript(OLD_SCHEMA)
    db.execute(
        "INSERT INTO verifiers VALUES ('CB105', ?, ?, ?, ?)",
        (cached.credential_id, cached.token, cached.received_at.timestamp(), cached.expires_at.timestamp()),
    )
    db.execute("INSERT INTO trust VALUES ('central_key', ?, 0)", (key,))
    db.commit()
    db.close()
    if backend == "tpm":
        monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "kiosk.toml", swtpm.tcti)))
    # When this version opens it
    upgraded = StaffStore.open(old)
    try:
        assert upgraded.backend == backend
        # Then the key pinned before the upgrade is kept (and now carries a MAC)
        assert upgraded.central_keys() == [key]
        # the verifier is no longer in clear, and it still signs the person in offline
        disk = (old / "staff" / "staff.sqlite3").read_bytes() + b"".join(
            p.read_bytes() for p in (old / "staff").glob("*-wal")
        )
        assert cached.token.split(".")[1][:40].encode() not in disk
        offline = make_auth(upgraded, dead_url(), RecordingAudit(), Clock())
        assert offline.sign_in(cred, "2468").verified_by == "cache"
    finally:
        upgraded.close()


def test_a_file_kiosk_told_to_use_its_tpm_moves_everything_there(
    central: Central, isolated_kiosk_env: Path, tmp_path: Path, swtpm: Swtpm, monkeypatch: pytest.MonkeyPatch
):
    from offline_cache.crypto import load_or_create_key
    from provisioning.keys import load_or_create_kiosk_key
    from provisioning.tpm import read_record

    # A demo kiosk (file keys) with a pinned key and a cached verifier
    s = StaffStore.open(isolated_kiosk_env)
    assert s.backend == "file"
    cred = central.add("CB106", "2468")
    make_auth(s, central, RecordingAudit(), Clock()).sign_in(cred, "2468")
    key, master = s.central_keys(), load_or_create_key(isolated_kiosk_env)
    kiosk_key = load_or_create_kiosk_key(isolated_kiosk_env)
    s.close()
    # The technician sets key_store = "tpm"
    monkeypatch.setenv("KIOSK_CONFIG", str(write_tpm_config(tmp_path / "kiosk.toml", swtpm.tcti)))
    moved = StaffStore.open(isolated_kiosk_env)
    try:
        assert moved.backend == "tpm" and read_record(isolated_kiosk_env).backend == "tpm"  # type: ignore[union-attr]
        keys = sorted(p.name for p in (isolated_kiosk_env / "keys").iterdir())
        assert keys == ["keystore.json", "kiosk_ed25519.tpm", "offline_store.tpm", "staff_trust_hmac.tpm"]
        assert load_or_create_key(isolated_kiosk_env) == master  # same keys, now sealed
        assert load_or_create_kiosk_key(isolated_kiosk_env).public_raw == kiosk_key.public_raw
        assert moved.central_keys() == key  # its MAC is now the TPM's
        cached = moved.verifier("CB106")
        assert cached is not None and cached.token.startswith("KSTAFFVT.")  # now a TPM-guarded check
        offline = make_auth(moved, dead_url(), RecordingAudit(), Clock())
        assert offline.sign_in(cred, "2468").verified_by == "cache"
    finally:
        moved.close()
