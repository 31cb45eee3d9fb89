"""Signed configuration end to end: signed by the sandbox, carried as a file or fetched, verified,
applied atomically; refusals say why and are audited."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

from central.fleet import sign_config
from kiosk.config import load_config
from provisioning import config as signed_config
from provisioning.audit import FileAudit
from provisioning.enroll import load_enrollment
from tests.peers.people import session_as
from tests.provisioning.helpers import audit_actions, data_dir, enroll, kiosk

TOML = """
[kiosk]
id = "{kid}"
agency_code = "DEMO"
languages = ["vi"]
enabled_procedures = ["1.001", "2.002"]

[devices]
printer_width_mm = 58

[provisioning]
heartbeat_interval_s = 30
"""


def sign_file(capsys, central, tmp: Path, kid: str, version: int, text: str | None = None) -> Path:
    src = tmp / f"cfg-{version}.toml"
    src.write_text(text if text is not None else TOML.format(kid=kid), encoding="utf-8")
    out = tmp / f"cfg-{version}.signed.json"
    rc, res = kiosk(
        capsys, "sandbox", "sign-config", "--data", str(central.data_dir), "--kiosk", kid,
        "--version", str(version), "--in", str(src), "--out", str(out), "--json",
    )  # fmt: skip
    assert rc == 0, res
    return out


def refused(capsys, path: Path) -> dict:
    rc, out = kiosk(capsys, "provision", "apply-config", str(path), "--json")
    assert rc != 0, out
    return out["error"]


def test_a_signed_file_is_applied_and_becomes_the_configuration_in_force(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    f = sign_file(capsys, central, tmp_path, kid, 2)
    rc, out = kiosk(capsys, "provision", "apply-config", str(f), "--json")
    assert rc == 0, out
    assert out["version"] == 2 and out["changed"] and out["source"] == f"file:{f.name}"
    cfg = load_config(Path(out["active_config"]))
    assert cfg.kiosk.id == kid and cfg.devices.printer_width_mm == 58
    assert cfg.kiosk.enabled_procedures == ["1.001", "2.002"]
    rc, st = kiosk(capsys, "provision", "status", "--json")
    assert st["config_version"] == 2 and st["config_source"].startswith("file:")
    # The previous (version 1 from enrollment) is kept as the last good one
    assert (data_dir() / "provisioning" / "config" / "previous" / "signed.json").exists()
    assert (data_dir() / "provisioning" / "config" / "current").is_symlink()
    # Applying the same file again changes nothing
    rc, out = kiosk(capsys, "provision", "apply-config", str(f), "--json")
    assert rc == 0 and out["changed"] is False


def test_tampered_unsigned_older_foreign_and_invalid_configurations_are_refused(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    good = sign_file(capsys, central, tmp_path, kid, 3)
    assert kiosk(capsys, "provision", "apply-config", str(good), "--json")[0] == 0

    # Tampered: one setting changed inside the signed payload
    doc = json.loads(good.read_text())
    payload = json.loads(base64.urlsafe_b64decode(doc["payload"] + "=="))
    payload["config"]["devices"]["printer_width_mm"] = 80
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    doc["payload"] = base64.urlsafe_b64encode(body).decode().rstrip("=")
    doc["version"] = 4
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(doc))
    err = refused(capsys, tampered)
    assert err["code"] == "provisioning.config_bad_signature"
    assert "signature" in err["message"] and "tampered" in err["message"]

    # Unsigned: a plain configuration, or a signed one with the signature removed
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"kiosk_id": kid, "version": 9, "config": {}}))
    assert refused(capsys, plain)["code"] == "provisioning.config_unsigned"
    nosig = tmp_path / "nosig.json"
    nosig.write_text(json.dumps({k: v for k, v in json.loads(good.read_text()).items() if k != "signature"}))
    assert refused(capsys, nosig)["code"] == "provisioning.config_unsigned"

    # Older than the one in force: no rollback
    older = sign_file(capsys, central, tmp_path, kid, 2)
    err = refused(capsys, older)
    assert err["code"] == "provisioning.config_rollback"
    assert "version 2 is older than version 3" in err["message"]

    # For another kiosk
    foreign = sign_file(capsys, central, tmp_path, "DEMO-K0999", 5, TOML.format(kid="DEMO-K0999"))
    err = refused(capsys, foreign)
    assert err["code"] == "provisioning.config_other_kiosk" and "DEMO-K0999" in err["message"]

    # Signed by the central but not valid against the schema (sign_config does not validate)
    bad = sign_config(
        central.state, kid, 6, {"devices": {"printer_width_mm": 70}, "kiosk": {"colour": "red"}}
    )
    badf = tmp_path / "bad.json"
    badf.write_text(json.dumps(bad))
    err = refused(capsys, badf)
    assert err["code"] == "provisioning.config_invalid"
    assert "devices.printer_width_mm" in err["message"] and "kiosk.colour" in err["message"]

    # Signed by someone else's key (a key that is not the central's)
    from provisioning.keys import load_or_create_kiosk_key
    from provisioning.signing import sign_document

    rogue = sign_document(load_or_create_kiosk_key(tmp_path / "rogue"), "kiosk-config",
                          {"kiosk_id": kid, "version": 7, "issued_at": 0, "config": {}})  # fmt: skip
    roguef = tmp_path / "rogue.json"
    roguef.write_text(json.dumps(rogue))
    assert refused(capsys, roguef)["code"] == "provisioning.config_bad_signature"

    # Still version 3 in force, and every refusal is in the audit log with its reason
    assert signed_config.current_version(data_dir()) == 3
    reasons = [d["reason"] for a, d in audit_actions(data_dir()) if a == "config_refused"]
    assert reasons == [
        "bad_signature", "unsigned", "unsigned", "rollback", "other_kiosk", "invalid", "bad_signature"
    ]  # fmt: skip


def test_a_configuration_edited_on_disk_is_not_trusted_and_the_last_good_one_returns(
    central, capsys, tmp_path
):
    kid = enroll(capsys, central)["kiosk_id"]
    assert (
        kiosk(
            capsys, "provision", "apply-config", str(sign_file(capsys, central, tmp_path, kid, 2)), "--json"
        )[0]
        == 0
    )
    cur = data_dir() / "provisioning" / "config" / "current" / "signed.json"
    doc = json.loads(cur.read_text())
    doc["signature"] = doc["signature"][::-1]
    cur.write_text(json.dumps(doc))
    e = load_enrollment(data_dir())
    audit = FileAudit.under(tmp_path)
    cfg = signed_config.load_in_force(
        data_dir(), signed_config.Trust(e.central_public_raw, kid, lambda c: c, audit)
    )
    assert (
        cfg is not None and cfg["kiosk"]["id"] == kid and "devices" not in cfg
    )  # version 1, from enrollment
    assert json.loads(cur.read_text())["signature"] != doc["signature"]  # current points to previous again
    assert [r["event"] for r in audit.records()][-2:] == ["config_on_disk_bad", "config_restored_last_good"]
    assert audit.verify_chain()


def test_a_newer_configuration_at_the_central_arrives_with_the_heartbeat(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    admin = session_as(central, "admin")
    r = admin.put(
        central.url + f"fleet/kiosks/{kid}/config",
        json={"config": {"kiosk": {"id": kid, "languages": ["vi", "en"]}, "session": {"warning_s": 30}}},
        timeout=5,
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    rc, out = kiosk(capsys, "provision", "heartbeat", "--once", "--json")
    assert rc == 0, out
    assert out["config_applied"] == 2 and out["config_version"] == 2
    assert load_config(signed_config.active_config_path(data_dir())).session.warning_s == 30
    # An operator cannot go back either: the central refuses a version that is not newer
    r = admin.put(central.url + f"fleet/kiosks/{kid}/config", json={"config": {}, "version": 2}, timeout=5)
    assert r.status_code == 409


def test_apply_config_on_an_unenrolled_kiosk_says_so(capsys, tmp_path):
    f = tmp_path / "x.json"
    f.write_text(json.dumps({"format": "onestop-signed/1"}))
    rc, out = kiosk(capsys, "provision", "apply-config", str(f), "--json")
    assert rc != 0 and out["error"]["code"] == "provisioning.not_enrolled"
    _ = time


def test_only_current_and_previous_versions_are_kept_and_an_edited_toml_is_undone(central, capsys, tmp_path):
    kid = enroll(capsys, central)["kiosk_id"]
    for v in (2, 3, 4):
        assert (
            kiosk(
                capsys,
                "provision",
                "apply-config",
                str(sign_file(capsys, central, tmp_path, kid, v)),
                "--json",
            )[0]
            == 0
        )
    cdir = data_dir() / "provisioning" / "config"
    assert sorted(p.name.split("-")[0] for p in (cdir / "versions").iterdir()) == ["v3", "v4"]
    assert (cdir / "current").resolve().name.startswith("v4-") and (
        cdir / "previous"
    ).resolve().name.startswith("v3-")
    toml = signed_config.active_config_path(data_dir())
    toml.write_text(toml.read_text().replace("printer_width_mm = 58", "printer_width_mm = 80"))
    e = load_enrollment(data_dir())
    audit = FileAudit.under(tmp_path)
    cfg = signed_config.load_in_force(
        data_dir(), signed_config.Trust(e.central_public_raw, kid, lambda c: c, audit)
    )
    assert cfg["devices"]["printer_width_mm"] == 58
    assert load_config(toml).devices.printer_width_mm == 58
    assert [r["event"] for r in audit.records()] == ["config_toml_rewritten"]


def test_sign_config_refuses_a_file_that_does_not_validate(central, capsys, tmp_path):
    src = tmp_path / "bad.toml"
    src.write_text("[devices]\nprinter_width_mm = 70\n", encoding="utf-8")
    rc, out = kiosk(
        capsys, "sandbox", "sign-config", "--data", str(central.data_dir), "--kiosk", "X",
        "--version", "2", "--in", str(src), "--out", str(tmp_path / "o.json"), "--json",
    )  # fmt: skip
    assert rc != 0 and "devices.printer_width_mm" in out["error"]["message"]
    assert not (tmp_path / "o.json").exists()
