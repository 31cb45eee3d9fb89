"""Every call to the central is bounded (a total deadline, a byte cap, streamed) and goes only to
an https central (http to loopback for the demo and tests), with the CA bundle from the
configuration. Peers: tests/peers/fake_central.py (a real HTTP server) and a real TLS server."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralDeadline, CentralInsecureUrl, CentralOffline, CentralTooLarge
from kiosk.central.factory import client_from_config
from kiosk.config import KioskConfig
from tests.peers.fake_central import FakeCentral, RssSampler

DEADLINE_S = 1.5
CAP = 1024 * 1024


def client(url: str, **kw: object) -> CentralClient:
    return CentralClient(
        url + "/", call_deadline_s=DEADLINE_S, read_timeout=5, max_response_bytes=CAP, backoff_s=0.01, **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("behaviour", ["trickle", "trickle_headers"])
def test_a_trickling_answer_fails_at_the_deadline(behaviour: str):
    """One byte every 0.1 s keeps every socket read alive; only the total deadline stops it."""
    with FakeCentral(behaviour, interval_s=0.1) as fake:
        c = client(fake.url)
        try:
            t0 = time.monotonic()
            with pytest.raises(CentralDeadline) as e:
                c.services()
            took = time.monotonic() - t0
        finally:
            c.close()
        assert fake.sent_bytes > 3  # it really was trickling while we waited
    # Never before the deadline; after it, no bound but the fake's own (a loaded CI machine may
    # be late): ended by the deadline, not by the fake giving up after trickle_for_s.
    assert DEADLINE_S - 0.1 < took < fake.trickle_for_s, took
    assert len(fake.requests) == 1  # not retried: the call already used its whole budget
    assert "1.5" in e.value.user_text("vi") and "giây" in e.value.user_text("vi")
    assert e.value.retryable  # the outbox tries again later


@pytest.mark.parametrize("behaviour", ["oversized", "oversized_declared"])
def test_a_300_mb_answer_is_cut_at_the_cap_and_memory_stays_flat(behaviour: str):
    with FakeCentral(behaviour, size=300 * 1024 * 1024) as fake:
        c = client(fake.url)
        try:
            with RssSampler() as rss:
                with pytest.raises(CentralTooLarge) as e:  # the cap cut it, not the deadline
                    c.services()
        finally:
            c.close()
        sent = fake.sent_bytes
    assert rss.growth < 8 * CAP, rss.growth  # a few times the cap at most, never the answer
    assert sent < 100 * 1024 * 1024  # the kiosk hung up long before the end
    assert "too large" in e.value.user_text("en")


def test_an_answer_nested_100k_deep_is_not_json_not_a_crash():
    with FakeCentral("deep_json") as fake:
        c = client(fake.url)
        try:
            with pytest.raises(CentralOffline, match="nested"):
                c.services()
        finally:
            c.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://central.example.gov.vn/open311/v2/",
        "http://10.0.0.5/open311/v2/",
        "ftp://central.example.gov.vn/",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://user:pw@central.example.gov.vn/",
        "https:///nohost",
    ],
)
def test_only_https_centrals(url: str):
    with pytest.raises(CentralInsecureUrl):
        CentralClient(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/", "http://localhost:1/x/", "http://[::1]:9/"])
def test_plain_http_only_to_this_machine(url: str):
    CentralClient(url).close()


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "central.pem", tmp / "central.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_central(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain Open311 server over real TLS with a certificate of its own CA."""
    cert, key = _self_signed(tmp_path)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_a: object) -> None:
            pass

        def do_GET(self) -> None:
            body = b'[{"service_code": "001", "service_name": "x", "metadata": false, "type": "realtime"}]'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, name="tls-central", kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://localhost:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_the_ca_bundle_from_the_configuration_is_what_is_trusted(tls_central: tuple[str, Path]):
    url, ca = tls_central
    # Not in the system's trust store: refused
    c = CentralClient(url + "/", retries=0)
    try:
        with pytest.raises(CentralOffline, match="SSLError"):
            c.services()
    finally:
        c.close()
    # Trusted through [central] ca_bundle
    cfg = KioskConfig.model_validate({"central": {"url": url + "/", "ca_bundle": str(ca), "api_key": "k"}})
    c = client_from_config(cfg)
    try:
        assert [s.service_code for s in c.services()] == ["001"]
        assert c.limits.deadline_s == cfg.central.call_deadline_s
        assert c.limits.max_response_bytes == cfg.central.max_response_bytes
    finally:
        c.close()


def test_kiosk_track_against_a_trickling_central_ends_at_the_deadline(tmp_path: Path):
    """Issue 21's case: ``kiosk track`` used to wait past 150 s; now the configured deadline."""
    import json
    import os
    import subprocess
    import sys

    from kiosk.tracking import display, new_tracking_code
    from tests.conftest import repo_root

    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[central]\ncall_deadline_s = 2\n")
    env = {**os.environ, "PYTHONPATH": str(repo_root()), "KIOSK_CONFIG": str(cfg)}
    with FakeCentral("trickle", interval_s=0.1) as fake:
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "track",
                display(new_tracking_code()),
                "--url",
                fake.url + "/",
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert r.returncode != 0 and "Traceback" not in r.stderr
    err = json.loads(r.stdout.strip().splitlines()[-1])["error"]
    assert err["code"] == "central.deadline"  # the configured deadline ended it, not the fake
    # and a URL that is not https is refused before any call
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "track",
            display(new_tracking_code()),
            "--url",
            "http://c.example/",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert json.loads(r.stdout.strip().splitlines()[-1])["error"]["code"] == "central.insecure_url"
