"""Enrollment end to end against the sandbox central on loopback, and RFC 9421 over real HTTP."""

from __future__ import annotations

import json
import time

import requests

from central.central_key import central_signing_key
from central.enrollment import issue_code as sandbox_issue_code
from provisioning.enroll import link_for, load_enrollment, parse_enroll_qr
from provisioning.keys import load_or_create_kiosk_key
from provisioning.signing import KioskRequestSigner
from tests.peers.people import session_as
from tests.peers.postgres import database_dump
from tests.provisioning.helpers import audit_actions, data_dir, enroll, issue_code, kiosk


def fleet_audit(central) -> list[dict]:
    return session_as(central, "technician").get(central.url + "fleet/audit.json", timeout=5).json()["events"]


def test_enroll_with_a_code_then_status(central, capsys):
    # Given a one-time code from the central, when the kiosk enrolls with it
    out = enroll(capsys, central)
    # Then it gets a kiosk ID in the code's agency, bound to its own key
    key = load_or_create_kiosk_key(data_dir())
    assert out["kiosk_id"] == "DEMO-K0001"
    assert out["agency"] == "DEMO"
    assert out["key_fingerprint"] == key.fingerprint
    # and the central's first signed configuration is in force
    assert out["config_version"] == 1
    rc, st = kiosk(capsys, "provision", "status", "--json")
    assert rc == 0
    assert st["kiosk_id"] == "DEMO-K0001"
    assert st["key_fingerprint"] == key.fingerprint
    assert st["config_version"] == 1 and st["config_source"] == "central"
    assert ("enrolled", "DEMO-K0001") in [(a, d.get("kiosk_id")) for a, d in audit_actions(data_dir())]
    # The private key never went to the central: only its public half is in its database.
    settings = central.state.settings
    if settings.is_sqlite:
        raw = (central.data_dir / "central.sqlite3").read_bytes()
    else:
        raw = database_dump(settings.database_url)
    pem = (data_dir() / "keys" / "kiosk_ed25519.pem").read_bytes()
    assert pem.split(b"-----")[2].strip()[:40] not in raw


def test_reused_code_is_refused(central, capsys, tmp_path, monkeypatch):
    code = issue_code(capsys, central, agency="HN-Q1")
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", code, "--json")
    assert rc == 0 and out["agency"] == "HN-Q1" and out["kiosk_id"] == "HN-Q1-K0001"
    # A second kiosk (its own data dir and key) tries the same code
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "second-kiosk"))
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", code, "--json")
    assert rc != 0
    assert out["error"]["code"] == "provisioning.code_used"
    assert "already used" in out["error"]["message"]
    assert load_enrollment(tmp_path / "second-kiosk") is None
    refused = [e for e in fleet_audit(central) if e["event"] == "enroll_refused"]
    assert refused and refused[0]["detail"]["reason"] == "code_used"


def test_expired_and_unknown_codes_are_refused(central, capsys):
    old = sandbox_issue_code(central.state.db, "DEMO", ttl_s=3600, at=time.time() - 7200)
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", old.code, "--json")
    assert rc != 0 and out["error"]["code"] == "provisioning.code_expired"
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", "ZZZZ-ZZZZ", "--json")
    assert rc != 0 and out["error"]["code"] == "provisioning.code_unknown"
    # Both refusals are in the kiosk's audit log with the reason
    reasons = [d.get("reason") for a, d in audit_actions(data_dir()) if a == "enroll_refused"]
    assert reasons == ["code_expired", "code_unknown"]


def test_enroll_from_the_qr_text(central, capsys):
    code = issue_code(capsys, central)
    qr = f"KENROLL1:{code}@{central.url}"
    assert parse_enroll_qr(qr) == (code, central.url)
    rc, out = kiosk(capsys, "provision", "enroll", "--qr", qr, "--json")
    assert rc == 0 and out["kiosk_id"].startswith("DEMO-K")


def test_signed_requests_accepted_tampered_unsigned_and_replayed_refused(central, capsys):
    enroll(capsys, central)
    with link_for(data_dir()) as link:
        assert link.call("GET", "kiosk/ping").body["kiosk_id"] == "DEMO-K0001"
    e = load_enrollment(data_dir())
    signer = KioskRequestSigner(load_or_create_kiosk_key(data_dir()), e.kiosk_id)
    url = central.url + "kiosk/heartbeat"
    body = json.dumps({"software_version": "t"}).encode()
    s = requests.Session()

    def prepared():
        r = requests.Request("POST", url, data=body, headers={"Content-Type": "application/json"}).prepare()
        return signer(r)

    ok = s.send(prepared(), timeout=5)
    assert ok.status_code == 200, ok.text
    # Tampered body after signing
    t = prepared()
    t.body = json.dumps({"software_version": "evil"}).encode()
    t.headers["Content-Length"] = str(len(t.body))
    r = s.send(t, timeout=5)
    assert r.status_code == 401 and r.json()[0]["description"].startswith("signature.bad_signature:")
    # Unsigned
    r = s.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=5)
    assert r.status_code == 401 and r.json()[0]["description"].startswith("signature.unsigned:")
    # Replayed: the very same signed request sent twice
    once = prepared()
    assert s.send(once, timeout=5).status_code == 200
    r = s.send(once, timeout=5)
    assert r.status_code == 401 and r.json()[0]["description"].startswith("signature.replayed:")
    assert "replay" in r.json()[0]["description"]
    # Signed by a key the central does not know, claiming this kiosk's ID
    from provisioning.keys import load_or_create_kiosk_key as mk

    intruder = KioskRequestSigner(mk(data_dir() / "intruder"), e.kiosk_id)
    r = s.send(intruder(requests.Request("GET", central.url + "kiosk/ping").prepare()), timeout=5)
    assert r.status_code == 401 and r.json()[0]["description"].startswith("signature.bad_signature:")
    refusals = [ev["detail"]["reason"] for ev in fleet_audit(central) if ev["event"] == "request_refused"]
    # Requests with no credentials at all are refused before any work, and not written to the
    # database (anonymous noise must not grow it); signed-but-wrong ones are audited.
    assert sorted(refusals) == ["bad_signature", "bad_signature", "replayed"]
    s.close()


def test_enrolling_twice_is_refused_locally(central, capsys):
    enroll(capsys, central)
    code = issue_code(capsys, central)
    rc, out = kiosk(capsys, "provision", "enroll", "--central", central.url, "--code", code, "--json")
    assert rc != 0 and out["error"]["code"] == "provisioning.already_enrolled"


def test_open311_posts_pass_kiosk_auth_by_signature_and_the_api_key_no_longer_speaks_for_the_kiosk(
    central, capsys
):
    out = enroll(capsys, central)
    e = load_enrollment(data_dir())
    signer = KioskRequestSigner(load_or_create_kiosk_key(data_dir()), e.kiosk_id)
    form = {"service_code": ""}
    with requests.Session() as s:
        # Signed: kiosk_auth accepts the kiosk, so the route's own validation answers (400, not 401)
        r = s.post(central.url + "requests.json", data=form, auth=signer, timeout=5)
        assert r.status_code == 400 and "service_code" in r.json()[0]["description"]
        # Signed, then tampered: refused by kiosk_auth with the reason
        t = signer(requests.Request("POST", central.url + "requests.json", data=form).prepare())
        t.body = "service_code=X"
        t.headers["Content-Length"] = str(len(t.body))
        r = s.send(t, timeout=5)
        assert r.status_code == 401 and r.json()[0]["description"].startswith("signature.bad_signature:")
        # The demo API key claiming the enrolled kiosk's ID is refused: it must sign
        r = s.post(
            central.url + "requests.json",
            data=form,
            headers={"X-Api-Key": central.api_key, "X-Kiosk-Id": out["kiosk_id"]},
            timeout=5,
        )
        assert r.status_code == 401 and "must be signed" in r.json()[0]["description"]
        # The API key path still works for the demo profile's unenrolled kiosk
        r = s.post(
            central.url + "requests.json", data=form, headers={"X-Api-Key": central.api_key}, timeout=5
        )
        assert r.status_code == 400


def test_enroll_code_as_a_qr_image_decodes_to_the_enrollment_text(central, capsys, tmp_path):
    import zxingcpp
    from PIL import Image

    png = tmp_path / "code.png"
    rc, out = kiosk(
        capsys, "sandbox", "enroll-code", "--data", str(central.data_dir), "--central", central.url,
        "--qr-png", str(png), "--json",
    )  # fmt: skip
    assert rc == 0
    [decoded] = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
    fingerprint = central_signing_key(central.data_dir).fingerprint  # pinned by the QR itself
    assert decoded.text == out["qr"] == f"KENROLL1:{out['code']}@{central.url.rstrip('/')}#{fingerprint}"
    rc, res = kiosk(capsys, "provision", "enroll", "--qr", decoded.text, "--json")
    assert rc == 0 and res["kiosk_id"].startswith("DEMO-K")


def test_status_of_a_kiosk_not_yet_enrolled(capsys):
    rc, st = kiosk(capsys, "provision", "status", "--json")
    assert rc == 0
    assert st["enrolled"] is False and st["kiosk_id"] is None
    assert st["config_version"] is None and st["config_source"] == "file"
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc != 0 and out["error"]["code"] == "provisioning.not_enrolled"
