"""Every route of the central, listed from the app itself, is tried without credentials and
with the wrong role: all but the declared public ones are refused, in Open311's error shape
(or sent to the sign-in page, for a browser). A route added without a rule fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from central.access import Access, access, app_routes, declared_level
from central.app import create_app
from central.hardening import Settings
from central.people.accounts import add_person
from central.settings import CentralSettings
from tests.peers.postgres import pg_module_url  # noqa: F401
from tests.peers.sandbox import DATABASES

PASSWORD = "correct horse battery staple"
BASE = "https://testserver"  # in-process; https so that the client's jar sends Secure cookies

# The only routes anyone may call. Adding a public route is a decision: it is made here too.
PUBLIC = {
    ("GET", "/openapi.json"),
    ("GET", "/discovery.json"),
    ("GET", "/discovery"),
    ("GET", "/services.json"),
    ("GET", "/services/{service_code}.json"),
    ("GET", "/procedures/{service_code}.json"),
    ("GET", "/catalog.json"),
    ("GET", "/agencies.json"),
    ("GET", "/t/{tracking_code}.json"),
    ("GET", "/t/{tracking_code}"),
    ("GET", "/staff/v1/public-key"),
    ("POST", "/kiosk/enroll"),
    ("GET", "/kiosk/time"),
    ("GET", "/signin"),
    ("POST", "/signin"),
    # Published service results (issue 18): k-anonymous figures, no personal data.
    ("GET", "/monitoring/{agency}"),
    ("GET", "/monitoring/{agency}/print"),
    ("GET", "/monitoring/{agency}/figures.json"),
    ("GET", "/monitoring/{agency}/figures.csv"),
}
# A role that does NOT satisfy each people level.
WRONG_ROLE = {
    Access.OFFICER: "technician",
    Access.SUPERVISOR: "officer",
    Access.TECHNICIAN: "officer",
    Access.ADMIN: "supervisor",
}


def endpoints(app: Any) -> list[tuple[str, str, Access | None]]:
    out = []
    for route in app_routes(app):
        level = declared_level(route)
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            if method != "HEAD":
                out.append((method, route.path, level))
    return out


def concrete(path: str) -> str:
    return re.sub(r"\{sha256\}", "0" * 64, re.sub(r"\{(?!sha256)[^}]+\}", "1", path))


@pytest.fixture(scope="module", params=DATABASES)
def app(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Any:
    url = "" if request.param == "sqlite" else str(request.getfixturevalue("pg_module_url"))
    data = tmp_path_factory.mktemp("central")
    app = create_app(CentralSettings(data_dir=data, db_url=url, profile="demo"))
    for role in ("officer", "supervisor", "technician", "admin"):
        add_person(app.state.sandbox.db, role, name=role, role=role, agencies=["*"], password=PASSWORD)
    return app


def signed_in(app: Any, role: str) -> TestClient:
    c = TestClient(app, base_url=BASE, follow_redirects=False)
    r = c.post("/signin", data={"username": role, "password": PASSWORD}, headers={"Origin": BASE})
    assert r.status_code == 303, r.text
    c.headers["X-CSRF-Token"] = c.get("/people/me.json").json()["csrf"]
    c.headers["Origin"] = BASE
    return c


@pytest.fixture
def anon(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE, follow_redirects=False) as c:
        yield c


def is_open311_error(r: Any, status: int) -> bool:
    body = r.json()
    return (
        r.status_code == status
        and isinstance(body, list)
        and body[0]["code"] == status
        and isinstance(body[0]["description"], str)
        and len(body[0]["description"]) > 10
    )


def test_every_route_declares_who_may_call_it(app):
    undeclared = [(m, p) for m, p, level in endpoints(app) if level is None]
    assert undeclared == []
    public = {(m, p) for m, p, level in endpoints(app) if level == Access.PUBLIC}
    assert public == PUBLIC
    # The rule is published in the schema too (x-access), for reviewers and clients.
    spec = app.openapi()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("x-access") in Access._value2member_map_, (method, path)


def test_a_route_added_without_a_rule_is_refused_and_caught(tmp_path: Path):
    app = create_app(tmp_path / "c", security=Settings(profile="demo"))
    extra = APIRouter()

    @extra.get("/forgotten")
    def forgotten() -> dict[str, str]:
        return {"secret": "yes"}

    @extra.get("/declared", openapi_extra=access(Access.PUBLIC))
    def declared() -> dict[str, str]:
        return {"ok": "yes"}

    app.include_router(extra)
    assert [(m, p) for m, p, level in endpoints(app) if level is None] == [("GET", "/forgotten")]
    with TestClient(app, base_url=BASE) as c:
        r = c.get("/forgotten")
        assert is_open311_error(r, 403) and "no access rule" in r.json()[0]["description"]
        assert c.get("/declared").status_code == 200


def test_every_non_public_route_refuses_the_unauthenticated(app, anon):
    tried = 0
    for method, path, level in endpoints(app):
        if level == Access.PUBLIC:
            continue
        r = anon.request(method, concrete(path))
        assert is_open311_error(r, 401), (method, path, r.status_code, r.text[:200])
        tried += 1
        if method == "GET" and level != Access.KIOSK:
            # A browser is sent to the sign-in page, and comes back to where it was going.
            r = anon.get(concrete(path), headers={"Accept": "text/html"})
            assert r.status_code == 303 and r.headers["location"].startswith("/signin?next=%2F"), path
    assert tried >= 30


def test_every_people_route_refuses_the_wrong_role(app):
    clients = {role: signed_in(app, role) for role in set(WRONG_ROLE.values())}
    tried = 0
    for method, path, level in endpoints(app):
        if level not in WRONG_ROLE:
            continue
        r = clients[WRONG_ROLE[level]].request(method, concrete(path))
        assert is_open311_error(r, 403) and "your role" in r.json()[0]["description"], (method, path, r.text)
        tried += 1
    assert tried >= 12  # console 6, fleet 6, people audit 1


def test_kiosk_routes_refuse_people_and_people_routes_refuse_kiosks(app):
    admin = signed_in(app, "admin")
    key = app.state.sandbox.extra["site_api_key"]
    with TestClient(app, base_url=BASE, follow_redirects=False) as kiosk:
        kiosk.headers["X-Api-Key"] = key
        for method, path, level in endpoints(app):
            if level == Access.KIOSK:
                # A person is not a kiosk, whatever their role.
                assert admin.request(method, concrete(path)).status_code == 401, path
            elif level not in (Access.PUBLIC, None):
                # A kiosk's key opens no person's page.
                assert kiosk.request(method, concrete(path)).status_code == 401, path


def test_the_site_key_speaks_only_in_the_demo_profile(tmp_path: Path):
    data = tmp_path / "c"
    data.mkdir()
    (data / "sandbox_api_key").write_text("left-over-demo-key")
    demo = create_app(data, security=Settings(profile="demo"))
    with TestClient(demo, base_url=BASE) as c:
        assert c.get("/requests.json", headers={"X-Api-Key": "left-over-demo-key"}).status_code == 200
    demo.state.sandbox.db.kw["bind"].dispose()
    prod = create_app(data, security=Settings(profile="production", allowed_hosts=("testserver",)))
    assert prod.state.sandbox.extra["site_api_key"] == ""
    with TestClient(prod, base_url=BASE) as c:
        r = c.get("/requests.json", headers={"X-Api-Key": "left-over-demo-key"})
        assert is_open311_error(r, 401) and "demo profile" in r.json()[0]["description"]


def test_a_key_bound_to_one_kiosk_speaks_for_that_kiosk_only(app, anon):
    from central.kiosk_auth import add_kiosk_key

    key = add_kiosk_key(app.state.sandbox.db, "HN-K0042")
    assert anon.get("/requests.json", headers={"X-Api-Key": key}).status_code == 200
    r = anon.get("/requests.json", headers={"X-Api-Key": key, "X-Kiosk-Id": "HN-K0001"})
    assert is_open311_error(r, 403)


def test_keys_in_the_query_string_are_refused(app, anon):
    key = app.state.sandbox.extra["site_api_key"]
    for url in (
        f"/requests.json?api_key={key}",
        f"/requests/1.json?api_key={key}",
        f"/discovery.json?API_KEY={key}",
    ):
        r = anon.get(url)
        assert is_open311_error(r, 400) and "X-Api-Key header" in r.json()[0]["description"], url
    # GeoReport v2's api_key in a POST body is not a credential here either: the header is.
    r = anon.post("/requests.json", data={"api_key": key, "service_code": "certified_copy"})
    assert is_open311_error(r, 401)


def test_requests_are_not_enumerable_without_credentials(anon):
    for url in ("/requests.json", "/requests.json?status=open", "/requests/1.json", "/tokens/abc.json"):
        assert is_open311_error(anon.get(url), 401), url
