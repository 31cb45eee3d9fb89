"""``central serve --workers 4`` on PostgreSQL: four processes, one database, and still exactly
once — concurrent twins of a submission (one Idempotency-Key) make one dossier, and a signed
request replayed to other workers is refused (the nonce store is the database, not a process);
and every worker applies the same access rules (profile, host names) and knows every session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import psycopg
import pytest
import requests

from common.b64 import b64url_encode
from kiosk.tracking import new_tracking_code
from provisioning.keys import load_or_create_kiosk_key
from provisioning.signing import KioskRequestSigner
from tests.peers.central_serve import ROOT, Served, central_command, serving
from tests.peers.people import PASSWORD

pytestmark = pytest.mark.slow
WORKERS = 4


@pytest.fixture
def served(tmp_path: Path, pg_url: str) -> Iterator[Served]:
    # The demo profile: the twins below use the site key, which only that profile accepts.
    options = ("--db", pg_url, "--workers", str(WORKERS), "--profile", "demo")
    with serving(tmp_path / "central", *options, "--allowed-host", "central.example.gov.vn") as s:
        yield s


def sql(db_url: str, query: str) -> list[tuple]:
    from sqlalchemy.engine import make_url

    u = make_url(db_url)
    with psycopg.connect(
        host=u.query["host"], port=int(u.query["port"]), user="postgres", dbname=u.database
    ) as c:
        return c.execute(query).fetchall()  # type: ignore[arg-type]


def workers_of(served: Served) -> list[psutil.Process]:
    # multiprocessing's resource tracker is a child too, but serves nothing.
    kids = psutil.Process(served.proc.pid).children()
    return [p for p in kids if "resource_tracker" not in " ".join(p.cmdline())]


def form(code: str) -> dict[str, str]:
    return {
        "service_code": "certified_copy",
        "x_tracking_code": code,
        "x_applicant": json.dumps({"id_number": "001203004567", "full_name": "Lê Văn Tám"}),
        "attribute[document_title]": "Bằng",
        "attribute[pages]": "2",
        "attribute[copies]": "1",
    }


def test_concurrent_twins_on_four_workers_make_one_dossier(served: Served, pg_url: str):
    assert len(workers_of(served)) == WORKERS
    body = form(new_tracking_code())
    headers = {"X-Api-Key": served.api_key, "X-Kiosk-Id": "K-twins", "Idempotency-Key": "twin-1"}

    def send(_i: int) -> requests.Response:
        # A new connection each time: the kernel spreads them over the workers.
        return requests.post(f"{served.url}requests.json", data=body, headers=headers, timeout=30)

    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(send, range(48)))
    assert {r.status_code for r in answers} == {201}, [r.text for r in answers if r.status_code != 201]
    assert len({r.json()[0]["service_request_id"] for r in answers}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") != "true" for r in answers) == 1
    assert sql(pg_url, "SELECT count(*) FROM o311_dossiers") == [(1,)]
    assert sql(pg_url, "SELECT count(*) FROM o311_idempotency") == [(1,)]
    # More than one worker served them (each names its pid to PostgreSQL).
    names = {n for (n,) in sql(pg_url, "SELECT DISTINCT application_name FROM pg_stat_activity")}
    pids = {f"central:{p.pid}" for p in workers_of(served)}
    assert len(names & pids) >= 2, (names, pids)


def test_a_signed_request_replayed_to_other_workers_is_accepted_once(
    served: Served, pg_url: str, tmp_path: Path
):
    r = central_command("enroll-code", "--data", str(served.data), "--db", pg_url, "--json")
    assert r.returncode == 0, r.stderr
    code = json.loads(r.stdout.strip().splitlines()[-1])["code"]
    key = load_or_create_kiosk_key(tmp_path / "kiosk")
    answer = requests.post(
        f"{served.url}kiosk/enroll",
        json={"code": code, "public_key": b64url_encode(key.public_raw)},
        auth=KioskRequestSigner(key, f"enroll:{key.fingerprint}"),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    kiosk_id = answer.json()["kiosk_id"]

    prepared = requests.Request(
        "POST", f"{served.url}requests.json", data=form(new_tracking_code())
    ).prepare()
    prepared = KioskRequestSigner(key, kiosk_id)(prepared)

    def replay(_i: int) -> requests.Response:
        with requests.Session() as s:  # one connection per copy
            return s.send(prepared.copy(), timeout=30)

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(replay, range(32)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses.count(201) == 1, [r.text for r in answers]
    assert statuses.count(401) == 31
    assert all("replay" in r.text for r in answers if r.status_code == 401)
    assert sql(pg_url, "SELECT count(*) FROM o311_dossiers") == [(1,)]


def fresh(method: str, url: str, **kw) -> requests.Response:  # type: ignore[no-untyped-def]
    """One request on its own connection: the kernel spreads connections over the workers."""
    with requests.Session() as s:
        return s.request(method, url, timeout=30, allow_redirects=False, **kw)


def test_every_worker_has_the_same_rules_and_knows_every_session(served: Served, pg_url: str):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    made = subprocess.run(
        [sys.executable, "-m", "central", "user", "add", "quantri", "--name", "Quản trị", "--role",
         "admin", "--agency", "*", "--data", str(served.data), "--db", pg_url],
        input=PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    base = served.url.rstrip("/")
    with ThreadPoolExecutor(8) as pool:
        # Host allow-list and the demo profile's Starlette host: the same on every worker.
        hosts = list(pool.map(lambda _i: fresh("GET", f"{base}/discovery.json", headers={"Host": "evil.example"}), range(16)))  # fmt: skip
        named = list(pool.map(lambda _i: fresh("GET", f"{base}/discovery.json", headers={"Host": "central.example.gov.vn"}), range(16)))  # fmt: skip
        anon = list(pool.map(lambda _i: fresh("GET", f"{base}/people/me.json"), range(16)))
    assert {r.status_code for r in hosts} == {400}, [r.text for r in hosts]
    assert {r.status_code for r in named} == {200}
    assert {r.status_code for r in anon} == {401}

    signin = fresh("POST", f"{base}/signin", data={"username": "quantri", "password": PASSWORD},
                   headers={"Origin": base})  # fmt: skip
    assert signin.status_code == 303, signin.text
    cookie = signin.headers["set-cookie"].split(";")[0]
    headers = {"Cookie": cookie, "Origin": base}
    with ThreadPoolExecutor(8) as pool:
        mine = list(pool.map(lambda _i: fresh("GET", f"{base}/people/me.json", headers=headers), range(24)))
    assert {r.status_code for r in mine} == {200}, [r.text for r in mine]
    assert len({r.json()["csrf"] for r in mine}) == 1  # the token is the session's, in the database
    csrf = mine[0].json()["csrf"]
    # Served by several workers (each names its pid to PostgreSQL), all of them knew the session.
    names = {n for (n,) in sql(pg_url, "SELECT DISTINCT application_name FROM pg_stat_activity")}
    assert len(names & {f"central:{p.pid}" for p in workers_of(served)}) >= 2
    # A state change with the token works on whichever worker receives it; without, on none.
    refused = fresh("POST", f"{base}/signout", headers=headers)
    assert refused.status_code == 403 and "csrf" in refused.text
    out = fresh("POST", f"{base}/signout", headers={**headers, "X-CSRF-Token": csrf})
    assert out.status_code in (200, 303), out.text
    with ThreadPoolExecutor(8) as pool:
        after = list(pool.map(lambda _i: fresh("GET", f"{base}/people/me.json", headers=headers), range(16)))
    assert {r.status_code for r in after} == {401}  # signed out on every worker at once
