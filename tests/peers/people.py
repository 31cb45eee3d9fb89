"""People signed in to a running central (console, fleet pages), the way a browser would be.

``signed_in(central, role="admin")`` creates an account with that role, signs it in through
``POST /signin`` and returns a :class:`requests.Session` carrying the session cookie and the
CSRF token (``X-CSRF-Token``). The cookie is ``Secure``: requests' cookie jar will not send it
over the tests' plain http to 127.0.0.1 (a browser treats loopback as secure), so the helper
puts it in the session's jar without that flag.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from http.cookies import SimpleCookie
from typing import Any

import requests

from central.people.accounts import add_person
from central.people.sessions import COOKIE

PASSWORD = "correct horse battery staple"
_n = itertools.count(1)


def make_person(
    central: Any, role: str = "admin", agencies: Sequence[str] = ("*",), username: str = "", name: str = ""
) -> str:
    username = username or f"{role}{next(_n)}"
    add_person(
        central.state.db,
        username,
        name=name or f"Cán bộ {username}",
        role=role,
        agencies=list(agencies),
        password=PASSWORD,
    )
    return username


def sign_in(central: Any, username: str, password: str = PASSWORD) -> requests.Session:
    base = central.url.rstrip("/")
    r = requests.post(
        f"{base}/signin",
        data={"username": username, "password": password, "next": "/console"},
        headers={"Origin": base},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303, r.text[:300]
    jar: SimpleCookie = SimpleCookie()
    jar.load(r.headers["set-cookie"])
    s = requests.Session()
    s.cookies.set(COOKIE, jar[COOKIE].value)  # not marked Secure in this jar: see the module docstring
    s.headers["Origin"] = base
    me = s.get(f"{base}/people/me.json", timeout=10)
    assert me.status_code == 200, me.text[:300]
    s.headers["X-CSRF-Token"] = me.json()["csrf"]
    return s


def signed_in(central: Any, role: str = "admin", agencies: Sequence[str] = ("*",)) -> requests.Session:
    return sign_in(central, make_person(central, role, agencies))


def session_as(
    central: Any, role: str = "officer", name: str = "", agencies: Sequence[str] = ("*",)
) -> requests.Session:
    """One signed-in session per (role, name) and central, reused across a test's calls."""
    cache = central.state.extra.setdefault("_test_people_sessions", {})
    key = (role, name, tuple(agencies))
    if key not in cache:
        cache[key] = sign_in(central, make_person(central, role, agencies, name=name))
    return cache[key]  # type: ignore[no-any-return]
