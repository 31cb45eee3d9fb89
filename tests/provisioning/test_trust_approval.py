"""Changing whom a kiosk trusts (its central's URL, its ID-card trust roots) takes two admins:
the central keeps such a configuration pending until a second admin approves, and the kiosk
refuses one that carries no approval, even when the central's key signed it."""

from __future__ import annotations

import json

from central.fleet import sign_config
from provisioning import config as signed_config
from tests.peers.people import signed_in
from tests.provisioning.helpers import audit_actions, data_dir, enroll, kiosk

EVIL = "https://central.evil.example"


def test_a_new_central_url_waits_for_a_second_admin_then_the_kiosk_follows_it(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    first, second = signed_in(central, "admin"), signed_in(central, "admin")
    url = central.url + f"fleet/kiosks/{kid}/config"
    moved = {"kiosk": {"id": kid}, "central": {"url": central.url.rstrip("/") + "/v2"}}

    r = first.put(url, json={"config": moved}, timeout=5)
    assert r.status_code == 202 and r.json()["changes"] == ["central.url"]
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert out["config_version"] == 1  # nothing signed yet: nothing to fetch

    r = first.post(url + "/2/approve", timeout=5)
    assert r.status_code == 403 and "another administrator" in r.json()[0]["description"]
    r = second.post(url + "/2/approve", timeout=5)
    assert r.status_code == 200 and r.json()["approved_by"]
    assert second.post(url + "/2/approve", timeout=5).status_code == 404  # approved once

    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0 and out["config_applied"] == 2, out  # the kiosk checked the approval and took it
    events = [e["event"] for e in first.get(central.url + "fleet/audit.json", timeout=5).json()["events"]]
    assert "trust_change_requested" in events and "trust_change_approved" in events


def test_the_kiosk_refuses_a_trust_change_without_approval(central, capsys):
    kid = enroll(capsys, central)["kiosk_id"]
    # As if the central's signing key were used directly (a stolen key, a careless script):
    # signed, newer, for this kiosk, and pointing it elsewhere.
    sign_config(central.state, kid, 2, {"kiosk": {"id": kid}, "central": {"url": EVIL}})
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert out["config_version"] == 1
    refusals = [d for a, d in audit_actions(data_dir()) if a == "config_refused"]
    assert refusals and refusals[-1]["reason"] == "trust_change_unapproved"
    assert "central.url" in refusals[-1]["why"]


def test_an_approval_for_another_configuration_does_not_count(central, capsys):
    from central.central_key import central_signing_key
    from provisioning.signing import sign_document

    kid = enroll(capsys, central)["kiosk_id"]
    key = central_signing_key(central.data_dir)
    approved = {"kiosk": {"id": kid}, "central": {"url": central.url.rstrip("/") + "/v2"}}
    wanted = {"kiosk": {"id": kid}, "central": {"url": EVIL}}
    doc = sign_document(
        key, "kiosk-config", {"kiosk_id": kid, "version": 2, "issued_at": 0, "config": wanted}
    )
    doc["approval"] = sign_document(
        key, signed_config.APPROVAL_KIND, signed_config.approval_payload(kid, 2, approved, "admin1")
    )
    f = data_dir() / "usb.json"
    f.write_text(json.dumps(doc))
    rc, out = kiosk(capsys, "provision", "apply-config", str(f), "--json")
    assert rc != 0
    refusals = [d for a, d in audit_actions(data_dir()) if a == "config_refused"]
    assert (
        refusals[-1]["reason"] == "trust_change_unapproved" and "another configuration" in refusals[-1]["why"]
    )


def test_changes_that_keep_the_trust_settings_need_no_approval():
    old = {"central": {"url": "https://c.example"}, "devices": {"csca_dir": "/etc/csca"}}
    assert signed_config.trust_changes(old, {"session": {"warning_s": 30}}) == []
    assert signed_config.trust_changes(old, {"central": {"url": "https://c.example"}}) == []
    assert signed_config.trust_changes(old, {"devices": {"csca_dir": "/tmp/mine"}}) == ["devices.csca_dir"]
    assert signed_config.trust_changes(old, {"trust": {"extra_root": "x"}}) == ["trust"]
    assert signed_config.trust_changes(None, {"central": {"url": EVIL}}) == []
