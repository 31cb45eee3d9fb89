"""When something other than the central answers (captive portal, login redirect, a plain
Open311 server without our extensions), the client never takes it for success."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralOffline, ExtensionUnavailable
from kiosk.submission import Applicant, Attachment, Submission
from kiosk.tracking import new_tracking_code

PLAIN_SERVICES = [{"service_code": "001", "service_name": "Pothole", "metadata": False, "type": "realtime"}]


class Peer(BaseHTTPRequestHandler):
    """A hotel-wifi captive portal on /portal/, a plain Open311 server elsewhere."""

    posts: list[str] = []

    def log_message(self, *_args) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/portal/"):
            self._send(200, b"<html><body>Please log in to the Wi-Fi</body></html>", "text/html")
        elif self.path.startswith("/redirect/"):
            self._send(302, b"", "text/html", {"Location": "/portal/login"})
        elif self.path == "/plain/services.json":
            self._send(200, json.dumps(PLAIN_SERVICES).encode(), "application/json")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.posts.append(self.rfile.read(length).decode())
        if self.path.startswith("/plain/"):
            self._send(
                200,
                json.dumps([{"service_request_id": "77", "service_notice": ""}]).encode(),
                "application/json",
            )
        else:
            self._send(200, b"<html>login</html>", "text/html")


@pytest.fixture
def peer() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Peer)
    thread = threading.Thread(target=server.serve_forever, name="fake-portal")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _sub(**over) -> Submission:
    values = dict(
        procedure_code="001",
        tracking_code=new_tracking_code(),
        kiosk_id="k1",
        applicant=Applicant("001203004567", "Đỗ Văn Giang"),
    )
    values.update(over)
    return Submission(**values)


def test_captive_portal_200_html_is_offline_not_success(peer):
    with CentralClient(peer + "/portal/", retries=0) as c:
        with pytest.raises(CentralOffline, match="not JSON"):
            c.services()
        with pytest.raises(CentralOffline):
            c.submit(_sub())


def test_redirect_to_a_login_page_is_offline(peer):
    with CentralClient(peer + "/redirect/", retries=0) as c, pytest.raises(CentralOffline):
        c.services()


def test_plain_open311_server_works_without_extensions(peer):
    Peer.posts.clear()
    with CentralClient(peer + "/plain/", retries=3) as c:
        assert c.discovery().extensions == frozenset()
        assert [s.service_code for s in c.services()] == ["001"]
        result = c.submit(_sub())
        assert result.service_request_id == "77"
        # No x_* fields to a server that did not ask for them, and no retry of a POST that
        # the server cannot deduplicate.
        assert len(Peer.posts) == 1 and "x_applicant" not in Peer.posts[0]
        with pytest.raises(ExtensionUnavailable):
            c.track(new_tracking_code())
        pdf = b"%PDF-1.4"
        with pytest.raises(ExtensionUnavailable):
            c.submit(
                _sub(attachments=(Attachment.of_bytes(pdf, "a.pdf", "application/pdf"),)), lambda _h: pdf
            )


def test_nothing_listening_is_offline():
    with CentralClient("http://127.0.0.1:9/", retries=0, connect_timeout=0.5) as c:
        with pytest.raises(CentralOffline):
            c.services()
