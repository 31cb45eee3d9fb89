"""People at the central: accounts from the command line, sign-in with lockout, sessions that
end (sign-out, idle, password change), agencies that bound what an officer sees, and the audit
of who did what, when and from where."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.cli import main as central_main
from central.hardening import Settings
from central.people.accounts import MAX_FAILURES, AccountError, add_person, check_sign_in
from central.people.models import PersonAccount, PersonSession
from central.settings import CentralSettings
from kiosk.submission import Applicant, Submission
from kiosk.tracking import new_tracking_code
from tests.peers import people
from tests.peers.sandbox import TEST_KIOSK_ID

PASSWORD = "correct horse battery staple"
BASE = "https://testserver"


@pytest.fixture
def app(tmp_path: Path, central_db_url: str):
    app = create_app(CentralSettings(data_dir=tmp_path / "central", db_url=central_db_url, profile="demo"))
    yield app
    app.state.sandbox.db.kw["bind"].dispose()


def browser(app) -> TestClient:
    c = TestClient(app, base_url=BASE, follow_redirects=False)
    c.headers["Origin"] = BASE
    return c


def sign_in(c: TestClient, username: str, password: str = PASSWORD):
    return c.post("/signin", data={"username": username, "password": password, "next": "/console"})


def test_user_add_list_passwd_from_the_command_line(tmp_path, monkeypatch, capsys):
    data = tmp_path / "central"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    rc = central_main(
        [
            "user",
            "add",
            "binh",
            "--name",
            "Trần Thị Bình",
            "--role",
            "officer",
            "--agency",
            "hn-hk",
            "--data",
            str(data),
            "--json",
        ]
    )
    assert rc == 0
    assert json.loads(capsys.readouterr().out) == {
        "username": "binh",
        "role": "officer",
        "agencies": ["HN-HK"],
    }
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    rc = central_main(
        ["user", "add", "an", "--name", "An", "--role", "admin", "--agency", "*", "--data", str(data)]
    )
    assert rc != 0 and "at least 12 characters" in capsys.readouterr().err
    central_main(["user", "list", "--data", str(data), "--json"])
    (row,) = json.loads(capsys.readouterr().out)
    assert row["username"] == "binh" and row["locked"] is False
    # The password is never an argument and never stored in clear
    db_bytes = b"".join(f.read_bytes() for f in data.glob("central.sqlite3*"))  # with the WAL
    assert PASSWORD.encode() not in db_bytes and b"$argon2id$" in db_bytes
    monkeypatch.setattr("sys.stdin", io.StringIO("another long passphrase\n"))
    assert central_main(["user", "passwd", "binh", "--data", str(data)]) == 0
    app = create_app(data, security=Settings(profile="demo"))
    assert check_sign_in(app.state.sandbox.db, "binh", PASSWORD).person is None
    assert check_sign_in(app.state.sandbox.db, "binh", "another long passphrase").person is not None
    app.state.sandbox.db.kw["bind"].dispose()


def test_accounts_refuse_bad_fields_with_the_field_named(app):
    db = app.state.sandbox.db
    for kwargs, field in (
        (dict(role="mayor"), "role"),
        (dict(agencies=[]), "agency"),
        (dict(agencies=["hn hk!"]), "agency"),
        (dict(password="short"), "password"),
    ):
        args = dict(name="X", role="officer", agencies=["DEMO"], password=PASSWORD) | kwargs
        with pytest.raises(AccountError, match=f"^{field}:"):
            add_person(db, "someone", **args)  # type: ignore[arg-type]
    with pytest.raises(AccountError, match="^username:"):
        add_person(db, "Bad Name", name="X", role="officer", agencies=["DEMO"], password=PASSWORD)


def test_wrong_passwords_lock_the_account_and_the_message_does_not_tell_which_was_wrong(app):
    add_person(
        app.state.sandbox.db, "binh", name="Bình", role="officer", agencies=["DEMO"], password=PASSWORD
    )
    c = browser(app)
    unknown = sign_in(c, "nobody", "whatever password")
    wrong = sign_in(c, "binh", "whatever password")
    assert unknown.status_code == wrong.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in unknown.text and 'id="error"' in wrong.text
    for _ in range(MAX_FAILURES - 2):
        sign_in(c, "binh", "whatever password")
    locked = sign_in(c, "binh", "whatever password")
    assert locked.status_code == 423 and "tạm khóa" in locked.text
    # Now even the right password is refused until the lock ends
    assert sign_in(c, "binh").status_code == 423
    with app.state.sandbox.db() as s, s.begin():
        row = s.get(PersonAccount, "binh")
        row.locked_until = row.locked_until - timedelta(hours=1)
    assert sign_in(c, "binh").status_code == 303


def test_sessions_end_on_sign_out_idle_and_password_change(app):
    from central.people.accounts import set_password
    from central.people.sessions import COOKIE, IDLE

    add_person(
        app.state.sandbox.db, "binh", name="Bình", role="officer", agencies=["DEMO"], password=PASSWORD
    )
    c = browser(app)
    r = sign_in(c, "binh")
    assert r.status_code == 303 and r.headers["location"] == "/console"
    cookie = r.headers["set-cookie"]
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    assert c.get("/console").status_code == 200
    csrf = c.get("/people/me.json").json()["csrf"]
    token = c.cookies.get(COOKIE)
    assert c.post("/signout", data={"csrf": csrf}).status_code == 303
    stale = browser(app)
    stale.cookies.set(COOKIE, token, domain="testserver.local")
    assert (
        stale.get("/console", headers={"Cookie": f"{COOKIE}={token}"}).status_code == 401
    )  # signed out for good

    sign_in(c, "binh")
    assert c.get("/console").status_code == 200
    with app.state.sandbox.db() as s, s.begin():
        for row in s.query(PersonSession).all():
            row.last_seen_at -= IDLE + timedelta(seconds=1)
    assert c.get("/console").status_code == 401  # idle too long

    sign_in(c, "binh")
    assert c.get("/console").status_code == 200
    set_password(app.state.sandbox.db, "binh", "a brand new passphrase")
    assert c.get("/console").status_code == 401  # a new password ends every session


def _dossier(central_client, sandbox, agency: str) -> int:
    from central.models import DossierRow

    sub = Submission(
        "certified_copy",
        new_tracking_code(),
        TEST_KIOSK_ID,
        Applicant("001203004567", "Lê Văn Tám"),
        attributes={"document_title": "Bằng", "pages": "2", "copies": "3"},
    )
    rid = int(central_client.submit(sub).service_request_id)
    with sandbox.state.db() as s, s.begin():
        s.get(DossierRow, rid).agency_code = agency
    return rid


def test_an_officer_sees_and_moves_only_their_agencys_dossiers_and_every_action_is_audited(
    central_client, sandbox
):
    mine, theirs = _dossier(central_client, sandbox, "HN-HK"), _dossier(central_client, sandbox, "LS-CL")
    c = people.sign_in(sandbox, people.make_person(sandbox, "officer", ["HN-HK"], username="binh"))
    url = sandbox.url.rstrip("/")
    listing = c.get(f"{url}/console", timeout=5).text
    assert f"dossier-{mine}" in listing and f"dossier-{theirs}" not in listing
    assert c.get(f"{url}/console/dossiers/{theirs}", timeout=5).status_code == 404
    assert c.get(f"{url}/console/attachments/{theirs}/{'0' * 64}", timeout=5).status_code == 404
    move = {"to_state": "in_processing"}
    r = c.post(f"{url}/console/dossiers/{theirs}/transition", data=move, timeout=5, allow_redirects=False)
    assert r.status_code == 404
    r = c.post(f"{url}/console/dossiers/{mine}/transition", data=move, timeout=5, allow_redirects=False)
    assert r.status_code == 303

    admin = people.signed_in(sandbox, "admin")
    events = admin.get(f"{url}/people/audit.json", params={"username": "binh"}, timeout=5).json()["events"]
    actions = [(e["action"], e["target"], e["outcome"]) for e in reversed(events)]
    assert actions[0] == ("signin", "", "ok")
    assert ("GET /console/dossiers/{dossier_id}", f"/console/dossiers/{theirs}", "404") in actions
    assert (
        "POST /console/dossiers/{dossier_id}/transition",
        f"/console/dossiers/{mine}/transition",
        "303",
    ) in actions
    assert all(e["client"] == "127.0.0.1" and e["at"] for e in events)  # who, what, when, from where
    # An officer may not read the audit
    assert c.get(f"{url}/people/audit.json", timeout=5).status_code == 403


def test_help_requests_show_to_the_officers_of_the_kiosks_agency(app):
    from central.fleet_models import FleetKiosk

    with app.state.sandbox.db() as s, s.begin():
        s.add(FleetKiosk(id="HN-HK-K0001", agency="HN-HK", public_key="x", fingerprint="x", enrolled_at=0.0))
    key = {"X-Api-Key": app.state.sandbox.extra["site_api_key"]}
    with TestClient(app, base_url=BASE) as k:
        # (the demo site key stands in for the kiosk; an enrolled kiosk would sign)
        ours = k.post(
            "/staff/v1/help-requests", json={"screen": "x"}, headers={**key, "X-Kiosk-Id": "k-elsewhere"}
        )
        assert ours.status_code == 201
    from datetime import datetime

    from central.staff_models import HelpRequestRecord

    with app.state.sandbox.db() as s, s.begin():  # asked at an enrolled kiosk of HN-HK
        s.add(
            HelpRequestRecord(id="h-hn", kiosk_id="HN-HK-K0001", screen="x", created_at=datetime(2026, 12, 7))
        )
    add_person(
        app.state.sandbox.db, "binh", name="Bình", role="officer", agencies=["HN-HK"], password=PASSWORD
    )
    c = browser(app)
    sign_in(c, "binh")
    page = c.get("/console").text
    assert "help-h-hn" in page and f"help-{ours.json()['id']}" not in page
    csrf = c.get("/people/me.json").json()["csrf"]
    assert c.post(f"/console/help/{ours.json()['id']}/close", data={"csrf": csrf}).status_code == 404
    assert c.post("/console/help/h-hn/close", data={"csrf": csrf}).status_code == 303
