"""The sandbox central's staff API (central/staff.py), in-process through ASGI."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from central.app import create_app
from central.central_key import central_signing_key
from central.settings import CentralSettings
from central.staff import add_staff, events, issue_card, list_staff
from central.staff_models import StaffAccount
from kiosk.staff.credential import decode_credential
from kiosk.staff.pins import HashParams, pin_matches
from kiosk.staff.verifier import decode_verifier

FAST = HashParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def app(tmp_path: Path, central_db_url: str):
    app = create_app(CentralSettings(data_dir=tmp_path / "central", db_url=central_db_url, profile="demo"))
    app.state.sandbox.extra["staff_hash_params"] = FAST
    return app


@pytest.fixture
def http(app):
    with TestClient(app) as c:
        c.headers["X-Api-Key"] = app.state.sandbox.extra["site_api_key"]
        c.headers["X-Kiosk-Id"] = "K1"
        yield c


def add(app, sid: str, pin: str, role: str = "officer", agency: str = "DEMO") -> str:
    st = app.state.sandbox
    add_staff(st.db, sid, name=f"Cán bộ {sid}", role=role, agency=agency, pin=pin, params=FAST)
    return issue_card(st.db, st.data_dir, sid)


def test_pins_are_argon2id_with_a_salt_per_person(app):
    add(app, "A1", "1234")
    add(app, "A2", "1234")
    with app.state.sandbox.db() as s:
        h1, h2 = s.get(StaffAccount, "A1").pin_hash, s.get(StaffAccount, "A2").pin_hash
    assert h1.startswith("$argon2id$") and h2.startswith("$argon2id$")
    assert h1 != h2 and h1.split("$")[4] != h2.split("$")[4]  # different salts, same PIN
    assert pin_matches(h1, "1234") and not pin_matches(h1, "1235")


def test_card_is_signed_by_the_central_key(app):
    text = add(app, "A1", "1234", role="supervisor", agency="HN-01")
    key = central_signing_key(app.state.sandbox.data_dir)
    cred = decode_credential(text, [key.public_raw], now=datetime.now(UTC))
    assert (cred.staff_id, cred.role, cred.agency) == ("A1", "supervisor", "HN-01")
    assert cred.expires_at - cred.issued_at == timedelta(days=365)
    # One changed character of the body breaks the signature
    head, body, sig = text.split(".")
    tampered = f"{head}.{body[:-2]}{'A' if body[-2] != 'A' else 'B'}{body[-1]}.{sig}"
    with pytest.raises(Exception) as e:
        decode_credential(tampered, [key.public_raw])
    assert getattr(e.value, "code", "") == "staff.credential_invalid"


def test_public_key_matches_the_signing_key(app, http):
    body = http.get("/staff/v1/public-key").json()
    assert (
        body["alg"] == "Ed25519" and body["key_id"] == central_signing_key(app.state.sandbox.data_dir).key_id
    )


def test_verify_issues_a_fresh_offline_verifier(app, http):
    text = add(app, "A1", "2468")
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "2468", "kiosk_id": "K1"})
    assert r.status_code == 200
    b = r.json()
    assert (b["staff_id"], b["role"], b["agency"]) == ("A1", "officer", "DEMO")
    key = central_signing_key(app.state.sandbox.data_dir).public_raw
    v = decode_verifier(b["verifier"], [key])
    assert v.staff_id == "A1" and pin_matches(v.pin_hash, "2468")
    with app.state.sandbox.db() as s:
        assert v.pin_hash != s.get(StaffAccount, "A1").pin_hash  # not the central's own hash
    assert "2468" not in r.text


def test_three_wrong_pins_lock_then_a_supervisor_unlocks(app, http):
    text = add(app, "A1", "1111")
    sup = add(app, "S1", "9999", role="supervisor")
    other_agency_sup = add(app, "S2", "8888", role="supervisor", agency="OTHER")
    answers = [
        http.post("/staff/v1/verify", json={"credential": text, "pin": "0000", "kiosk_id": "K1"})
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [401, 401, 423]
    assert [a.json()["error"].get("attempts_left") for a in answers[:2]] == [2, 1]
    assert "locked_until" in answers[2].json()["error"]
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "1111", "kiosk_id": "K1"})
    assert r.status_code == 423
    assert [s.locked for s in list_staff(app.state.sandbox.db) if s.staff_id == "A1"] == [True]
    # Not a supervisor of the same agency
    r = http.post(
        "/staff/v1/unlock",
        json={"staff_id": "A1", "supervisor_credential": other_agency_sup, "supervisor_pin": "8888"},
    )
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_supervisor"
    r = http.post(
        "/staff/v1/unlock", json={"staff_id": "A1", "supervisor_credential": sup, "supervisor_pin": "9999"}
    )
    answer = r.json()
    attestation = answer.pop("attestation")  # the central signs its answer (kiosk/staff/attestation.py)
    assert r.status_code == 200 and answer == {"staff_id": "A1", "unlocked": True, "by": "S1"}
    assert attestation.startswith("KSTAFFA1.")
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "1111", "kiosk_id": "K1"})
    assert r.status_code == 200
    ev = [e["event"] for e in events(app.state.sandbox.db, "A1")]
    assert ev.count("wrong_pin") == 3 and "locked" in ev and "unlocked" in ev and ev[-1] == "signed_in"


def test_lock_runs_out_after_the_configured_minutes(app, http):
    text = add(app, "A1", "1111")
    for _ in range(3):
        http.post("/staff/v1/verify", json={"credential": text, "pin": "0000"})
    with app.state.sandbox.db() as s, s.begin():
        s.get(StaffAccount, "A1").locked_until = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=1)
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "1111"})
    assert r.status_code == 200


def test_unknown_revoked_invalid(app, http):
    text = add(app, "A1", "1111")
    add(app, "A1", "1111")  # re-added: the account is kept
    issue_card(app.state.sandbox.db, app.state.sandbox.data_dir, "A1")  # a new card withdraws the old
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "1111"})
    assert r.status_code == 410 and r.json()["error"]["code"] == "expired"
    r = http.post("/staff/v1/verify", json={"credential": "KSTAFF1.abc.def", "pin": "1111"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid"
    other = create_app(
        CentralSettings(data_dir=Path(str(app.state.sandbox.data_dir) + "-other"), profile="demo")
    )
    other.state.sandbox.extra["staff_hash_params"] = FAST
    foreign = add(other, "A1", "1111")
    r = http.post("/staff/v1/verify", json={"credential": foreign, "pin": "1111"})
    assert r.status_code == 400
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "12"})
    assert r.status_code in (400, 410)


def test_help_requests_close_when_staff_sign_in_at_that_kiosk(app, http):
    text = add(app, "A1", "1111")
    h1 = http.post("/staff/v1/help-requests", json={"kiosk_id": "K1", "screen": "documents"}).json()["id"]
    # The kiosk is the authenticated one, whatever the body claims
    http.post("/staff/v1/help-requests", json={"kiosk_id": "K1"}, headers={"X-Kiosk-Id": "K2"})
    waiting = http.get("/staff/v1/help-requests", params={"kiosk_id": "K1"}).json()["help_requests"]
    assert [h["id"] for h in waiting] == [h1]
    r = http.post("/staff/v1/verify", json={"credential": text, "pin": "1111", "kiosk_id": "K1"})
    assert r.json()["closed_help_requests"] == [h1]
    assert http.get("/staff/v1/help-requests", params={"kiosk_id": "K1"}).json()["help_requests"] == []
    assert len(http.get("/staff/v1/help-requests", params={"kiosk_id": "K2"}).json()["help_requests"]) == 1
    closed = http.get("/staff/v1/help-requests", params={"kiosk_id": "K1", "status": "closed"}).json()
    assert closed["help_requests"][0]["closed_by"] == "A1"


def test_every_call_but_the_public_key_needs_kiosk_credentials(app):
    text = add(app, "A1", "1111")
    with TestClient(app) as anon:
        assert anon.get("/staff/v1/public-key").status_code == 200
        for path, body in (
            ("/staff/v1/verify", {"credential": text, "pin": "1111"}),
            ("/staff/v1/unlock", {"staff_id": "A1", "supervisor_credential": text, "supervisor_pin": "1111"}),
            ("/staff/v1/offline-failures", {"staff_id": "A1", "failures": 3, "locked": True}),
            ("/staff/v1/help-requests", {"screen": "x"}),
        ):
            assert anon.post(path, json=body).status_code == 401, path
        assert anon.get("/staff/v1/help-requests").status_code == 401
        anon.headers["X-Api-Key"] = "not-the-key"
        assert anon.post("/staff/v1/verify", json={"credential": text, "pin": "1111"}).status_code == 401
    assert [s.locked for s in list_staff(app.state.sandbox.db)] == [False]  # nothing counted
