"""``central serve`` believes forwarded headers only from the proxy it is told about."""

from __future__ import annotations

import requests

from tests.peers.central_serve import serving


def redirect_of(url: str) -> str:
    # Starlette answers "/console/" with an absolute redirect built from the request's URL,
    # so the scheme shows whether X-Forwarded-Proto was believed.
    r = requests.get(
        f"{url}console/",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 307
    return r.headers["location"]


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(tmp_path):
    with serving(tmp_path / "c") as served:
        assert redirect_of(served.url).startswith("http://127.0.0.1:")


def test_forwarded_headers_from_the_trusted_proxy_are_believed(tmp_path):
    with serving(tmp_path / "c", "--trusted-proxy", "127.0.0.1") as served:
        assert redirect_of(served.url).startswith("https://127.0.0.1:")
