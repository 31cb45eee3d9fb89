"""The staff commands, run in-process like the console script, against a loopback sandbox."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from central.cli import main as central_main
from kiosk.cli import main
from kiosk.staff.credential import looks_like_credential
from tests.kiosk.staff.central import Central, free_port


def configure(central: Central, kiosk_id: str = "demo-kiosk-01") -> None:
    """The kiosk's configuration file (KIOSK_CONFIG, set per test) with the sandbox's API key."""
    import os

    Path(os.environ["KIOSK_CONFIG"]).write_text(
        f'[kiosk]\nid = "{kiosk_id}"\n[central]\napi_key = "{central.api_key}"\n', encoding="utf-8"
    )


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = ""
):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    # "sandbox …" administration is the central's own command line (``central staff …``).
    rc = central_main(argv[1:]) if argv[:1] == ["sandbox"] else main(argv)
    out = capsys.readouterr().out.strip().splitlines()
    # The JSON answer is the last line (unconfigured structlog may print events before it).
    return rc, json.loads(out[-1]) if out else None


def test_sandbox_add_and_card(tmp_path: Path, monkeypatch, capsys):
    data = tmp_path / "central"
    rc, out = run(
        monkeypatch,
        capsys,
        [
            "sandbox",
            "staff",
            "add",
            "CB100",
            "--name",
            "Trần Văn Bình",
            "--role",
            "supervisor",
            "--data",
            str(data),
            "--json",
        ],
        "8642\n",
    )
    assert rc == 0 and out == {
        "staff_id": "CB100",
        "role": "supervisor",
        "agency": "DEMO",
        "status": "active",
    }
    png = tmp_path / "card.png"
    rc, out = run(
        monkeypatch,
        capsys,
        ["sandbox", "staff", "card", "CB100", "--data", str(data), "--json", "--out", str(png)],
    )
    assert rc == 0 and out["staff_id"] == "CB100" and looks_like_credential(out["credential"])
    # The printed card's QR carries exactly the credential
    import zxingcpp
    from PIL import Image

    decoded = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [d.text for d in decoded] == [out["credential"]]
    # The PIN is neither in the database in clear nor in the output
    assert b"8642" not in (data / "central.sqlite3").read_bytes()


def test_add_refuses_a_pin_given_badly(tmp_path: Path, monkeypatch, capsys):
    argv = [
        "sandbox",
        "staff",
        "add",
        "CB1",
        "--name",
        "A",
        "--role",
        "officer",
        "--data",
        str(tmp_path),
        "--json",
    ]
    rc, out = run(monkeypatch, capsys, argv, "")
    assert rc != 0 and out["error"]["code"] == "staff.no_pin"
    rc, out = run(monkeypatch, capsys, argv, "12ab\n")
    assert rc != 0 and out["error"]["code"] == "staff.pin_format"


def test_login_list_unlock(central: Central, monkeypatch, capsys):
    configure(central)
    cred = central.add("CB200", "1234")
    sup = central.add("GS200", "5678", role="supervisor")
    login = ["staff", "login", "--credential", cred, "--central", central.url, "--json"]
    rc, out = run(monkeypatch, capsys, login, "1234\n")
    assert rc == 0
    assert out == {"staff_id": "CB200", "role": "officer", "agency": "DEMO", "verified_by": "central"}
    rc, out = run(monkeypatch, capsys, login, "0000\n")
    assert rc == 1 and out["error"]["code"] == "wrong_pin" and out["error"]["attempts_left"] == 2
    assert "2" in out["error"]["message"]
    run(monkeypatch, capsys, login, "0000\n")
    rc, out = run(monkeypatch, capsys, login, "0000\n")
    assert rc == 1 and out["error"]["code"] == "locked"
    rc, out = run(monkeypatch, capsys, ["staff", "list", "--json"])
    assert rc == 0 and [(r["staff_id"], r["locked"]) for r in out] == [("CB200", True)]
    assert out[0]["offline_until"] is not None  # the verifier from the first sign-in
    rc, out = run(
        monkeypatch,
        capsys,
        ["staff", "unlock", "CB200", "--supervisor-credential", sup, "--central", central.url, "--json"],
        "5678\n",
    )
    assert rc == 0 and out["by"] == "GS200"
    rc, out = run(monkeypatch, capsys, login, "1234\n")
    assert rc == 0 and out["verified_by"] == "central"
    # Offline: the cached verifier
    offline = [
        "staff",
        "login",
        "--credential",
        cred,
        "--central",
        f"http://127.0.0.1:{free_port()}",
        "--json",
    ]
    rc, out = run(monkeypatch, capsys, offline, "1234\n")
    assert rc == 0 and out["verified_by"] == "cache"


def test_login_offline_without_cache_and_unknown_text(central: Central, monkeypatch, capsys):
    configure(central)
    cred = central.add("CB300", "1234")
    rc, out = run(
        monkeypatch,
        capsys,
        ["staff", "login", "--credential", cred, "--central", central.url, "--json"],
        "1234\n",
    )
    other = central.add("CB301", "1234")
    dead = f"http://127.0.0.1:{free_port()}"
    rc, out = run(
        monkeypatch, capsys, ["staff", "login", "--credential", other, "--central", dead, "--json"], "1234\n"
    )
    assert rc == 1 and out["error"]["code"] == "central_unreachable_no_cache"
    rc, out = run(
        monkeypatch,
        capsys,
        ["staff", "login", "--credential", "KSTAFF1.x.y", "--central", dead, "--json"],
        "1234\n",
    )
    assert rc == 1 and out["error"]["code"] == "invalid"


def test_every_attempt_lands_in_the_hash_chained_audit_log(
    central: Central, monkeypatch, capsys, isolated_kiosk_env
):
    configure(central)
    from offline_cache.store import Store

    cred = central.add("CB400", "1234")
    login = ["staff", "login", "--credential", cred, "--central", central.url, "--json"]
    run(monkeypatch, capsys, login, "9999\n")
    run(monkeypatch, capsys, login, "1234\n")
    store = Store.open(isolated_kiosk_env)
    try:
        entries = store.audit.entries()
        assert store.audit.verify().ok
    finally:
        store.close()
    staff = [(e.actor, e.action, dict(e.details)) for e in entries if e.action.startswith("staff.")]
    assert (
        "staff:CB400",
        "staff.sign_in_refused",
        {"kiosk_id": "demo-kiosk-01", "reason": "wrong_pin", "attempts_left": 2},
    ) in staff
    assert any(a == "staff.sign_in" and d["verified_by"] == "central" for _, a, d in staff)
    assert any(a == "staff.sign_out" for _, a, _ in staff)
    assert "9999" not in json.dumps([d for _, _, d in staff]) and "1234" not in json.dumps(
        [d for _, _, d in staff]
    )


def test_sandbox_add_with_the_officers_id_card(tmp_path: Path, monkeypatch, capsys):
    from central.db import open_database
    from central.staff import id_card_mac
    from central.staff_models import StaffAccount

    data = tmp_path / "central"
    argv = [
        "sandbox",
        "staff",
        "add",
        "CB9",
        "--name",
        "A",
        "--role",
        "officer",
        "--with-id-card",
        "--data",
        str(data),
        "--json",
    ]
    rc, out = run(monkeypatch, capsys, argv, "2468\n001088012345\n")
    assert rc == 0
    with open_database(data)() as s:
        assert s.get(StaffAccount, "CB9").id_card_mac == id_card_mac(data, "001088012345")
    rc, out = run(monkeypatch, capsys, argv, "2468\n12345\n")
    assert rc != 0 and out["error"]["code"] == "staff.bad_id_card"
