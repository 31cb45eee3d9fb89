"""The central's shell against a real uvicorn on loopback: oversized and chunked bodies are
refused while streaming (memory stays flat), Host and X-Forwarded-For cannot be spoofed,
state changes need the session's CSRF token and a same-origin page, rate limits hold, and
every answer carries the security headers."""

from __future__ import annotations

import select
import socket
from pathlib import Path

import pytest
import requests
from fastapi.testclient import TestClient

from central.app import create_app
from central.hardening import Settings
from kiosk.submission import Applicant, Submission
from kiosk.tracking import new_tracking_code
from tests.peers.people import PASSWORD, make_person, session_as
from tests.peers.sandbox import TEST_KIOSK_ID

MIB = 1024 * 1024


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def stream_chunked(
    port: int, path: str, total: int, headers: dict[str, str] | None = None
) -> tuple[int, int]:
    """POST ``total`` bytes with Transfer-Encoding: chunked, stopping as soon as the server
    answers; returns (HTTP status, bytes sent). The same 1 MiB buffer is sent each time."""
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n{extra}\r\n"
    frame = f"{MIB:x}\r\n".encode() + b"x" * MIB + b"\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        while sent < total:
            readable, _, _ = select.select([s], [], [], 0)  # has the server answered yet?
            if readable:
                break
            try:
                s.sendall(frame)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += MIB
        answer = b""
        try:
            while b"\r\n" not in answer:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except ConnectionResetError:
            pass
    assert answer.startswith(b"HTTP/1.1 "), answer[:100]
    return int(answer.split()[1]), sent


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        # public routes: their small limits, counted while streaming
        ("/kiosk/enroll", {"Content-Type": "application/json"}, 413),
        ("/signin", {"Content-Type": "application/x-www-form-urlencoded"}, 413),
        # no credentials: refused before a byte of the body is read
        ("/requests.json", {"Content-Type": "multipart/form-data; boundary=b"}, 401),
        # a signature by a key that is no enrolled kiosk's: refused before the body as well
        (
            "/requests.json",
            {
                "Content-Type": "multipart/form-data; boundary=b",
                "Signature-Input": 'kiosk=("@method" "@target-uri");keyid="HN-K9999";created=1',
                "Signature": "kiosk=:AAAA:",
            },
            401,
        ),
    ],
)
def test_a_400_mb_chunked_post_is_cut_short_and_memory_stays_flat(sandbox, path, headers, status):
    before = rss_bytes()
    code, sent = stream_chunked(sandbox.port, path, 400 * MIB, headers)
    assert code == status
    assert sent < 64 * MIB  # the server answered long before the 400 MB were through
    assert rss_bytes() - before < 40 * MIB


def test_a_declared_oversized_body_is_refused_before_it_is_sent(sandbox):
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=10) as s:
        s.sendall(
            f"POST /kiosk/enroll HTTP/1.1\r\nHost: 127.0.0.1:{sandbox.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {400 * MIB}\r\n\r\n".encode()
        )
        answer = b""
        while chunk := s.recv(4096):
            answer += chunk
            if answer.endswith(b"]"):
                break
    assert answer.startswith(b"HTTP/1.1 413")
    assert b'"description": "request body too large: at most 4 KB for this address"' in answer


def test_a_spoofed_host_is_refused(sandbox):
    r = requests.get(sandbox.url + "discovery.json", headers={"Host": "central.evil.example"}, timeout=5)
    assert r.status_code == 400 and "unknown Host" in r.json()[0]["description"]
    r = requests.get(
        sandbox.url + "console", headers={"Host": "evil.example", "Accept": "text/html"}, timeout=5
    )
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")


def test_x_forwarded_for_neither_escapes_rate_limits_nor_forges_the_audit(sandbox):
    url = sandbox.url + "signin"
    codes = [
        requests.post(
            url,
            data={"username": "nobody", "password": "x" * 12},
            headers={"X-Forwarded-For": f"203.0.113.{i}", "Origin": sandbox.url.rstrip("/")},
            timeout=5,
            allow_redirects=False,
        ).status_code
        for i in range(11)
    ]
    assert codes[:10] == [401] * 10 and codes[10] == 429
    from central.people.audit import recent

    assert {e["client"] for e in recent(sandbox.state.db)} == {"127.0.0.1"}


def _dossier(central_client) -> str:
    sub = Submission(
        "certified_copy",
        new_tracking_code(),
        TEST_KIOSK_ID,
        Applicant("001203004567", "Lê Văn Tám"),
        attributes={"document_title": "Bằng tốt nghiệp", "pages": "2", "copies": "3"},
    )
    return str(central_client.submit(sub).service_request_id)


def test_state_changes_need_the_csrf_token_and_a_same_origin_page(central_client, sandbox):
    rid = _dossier(central_client)
    url = f"{sandbox.url}console/dossiers/{rid}/transition"
    officer = session_as(sandbox, "officer", "Trần Thị Bình")
    token = officer.headers.pop("X-CSRF-Token")
    move = {"to_state": "in_processing"}

    r = officer.post(url, data=move, timeout=5, allow_redirects=False)  # no token
    assert r.status_code == 403 and r.json()[0]["description"].startswith("csrf:")
    other = session_as(sandbox, "officer", "Another Officer")  # another session's token
    r = officer.post(
        url, data={**move, "csrf": other.headers["X-CSRF-Token"]}, timeout=5, allow_redirects=False
    )
    assert r.status_code == 403
    # A foreign page posting with the browser's cookie (the token is not readable cross-site,
    # but even with it): refused on Origin.
    for headers in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "", "Referer": "https://evil.example/page"},
        {"Origin": "", "Sec-Fetch-Site": "cross-site"},
    ):
        sent = {k: v for k, v in headers.items() if v}
        s = requests.Session()
        s.cookies = officer.cookies
        r = s.post(url, data={**move, "csrf": token}, headers=sent, timeout=5, allow_redirects=False)
        assert r.status_code == 403 and "cross-origin" in r.json()[0]["description"], headers
    assert central_client.get_request(rid).state == "received"  # nothing moved
    r = officer.post(url, data={**move, "csrf": token}, timeout=5, allow_redirects=False)
    assert r.status_code == 303
    assert central_client.get_request(rid).state == "in_processing"


def test_sign_in_from_a_foreign_page_is_refused(sandbox):
    user = make_person(sandbox, "officer")
    r = requests.post(
        sandbox.url + "signin",
        data={"username": user, "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
        timeout=5,
        allow_redirects=False,
    )
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert "không đến từ trang đăng nhập" in r.text


def test_security_headers_on_every_answer(central_client, sandbox):
    rid = _dossier(central_client)
    officer = session_as(sandbox)
    for r in (
        requests.get(sandbox.url + "discovery.json", timeout=5),
        requests.get(sandbox.url + "signin", timeout=5),
        requests.get(sandbox.url + "t/ABCDEFGHJK", timeout=5),
        requests.get(sandbox.url + "requests.json", timeout=5),  # a refusal too
        officer.get(f"{sandbox.url}console/dossiers/{rid}", timeout=5),
    ):
        h = r.headers
        assert (
            "frame-ancestors 'none'" in h["content-security-policy"]
            and "default-src 'none'" in h["content-security-policy"]
        ), r.url
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff", r.url
    assert (
        "no-store" in officer.get(f"{sandbox.url}console/dossiers/{rid}", timeout=5).headers["cache-control"]
    )
    assert "no-store" in requests.get(sandbox.url + "t/ABCDEFGHJK", timeout=5).headers["cache-control"]
    # The public catalogue stays cacheable (ETag, conditional GET)
    assert "no-store" not in requests.get(sandbox.url + "catalog.json", timeout=5).headers.get(
        "cache-control", ""
    )


@pytest.fixture
def local_app(tmp_path: Path):
    return create_app(tmp_path / "c", security=Settings(profile="demo"))


def test_enrollment_codes_cannot_be_guessed_fast(local_app):
    with TestClient(local_app) as c:
        codes = [c.post("/kiosk/enroll", content=b"{}").status_code for _ in range(11)]
    assert 429 not in codes[:10] and codes[10] == 429


def test_tracking_lookups_are_rate_limited_per_client(local_app):
    with TestClient(local_app) as c:
        codes = [c.get("/t/ABCDEFGHJK.json").status_code for _ in range(61)]
        assert set(codes[:60]) <= {400, 404} and codes[60] == 429
        r = c.get("/t/ABCDEFGHJK")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        # Other addresses are not affected: the catalogue is not rate limited
        assert c.get("/catalog.json").status_code == 200


def test_production_answers_to_its_names_and_loopback_only(tmp_path: Path):
    app = create_app(
        tmp_path / "p", security=Settings(profile="production", allowed_hosts=("central.example.vn",))
    )
    with TestClient(app, base_url="http://central.example.vn") as c:
        assert c.get("/discovery.json").status_code == 200
        assert c.get("/discovery.json", headers={"Host": "127.0.0.1:8311"}).status_code == 200
        assert c.get("/discovery.json", headers={"Host": "testserver"}).status_code == 400  # demo only
        assert (
            c.get("/discovery.json", headers={"Host": "central.example.vn.evil.example"}).status_code == 400
        )
