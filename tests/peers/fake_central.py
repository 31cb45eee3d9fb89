"""Something answering at the central's URL that is not an honest central: a real HTTP server on
127.0.0.1 (a thread of this test process), for the kiosk's trust-path tests.

Behaviours (``FakeCentral(behaviour, …)``):

- ``unsigned``: answers every staff verification ``200`` "PIN OK" for whatever card it is
  shown (the fields copied from the credential), without a signed statement;
- ``wrong_signature``: the same with a well-formed statement for the right nonce and kiosk,
  signed with a key that is not the central's;
- ``replay``: a man in the middle in front of a real central (``upstream``): forwards
  everything, records the first successful verification answer and sends that recorded
  answer back for every later verification (the "yes" another request received);
- ``trickle``: headers at once, then the body one byte every ``interval_s`` (never done);
- ``trickle_headers``: the status line and headers one byte every ``interval_s``;
- ``oversized``: a ``200 application/json`` body of ``size`` bytes, streamed without a
  ``Content-Length`` (the cap must stop the read); ``oversized_declared`` declares it;
- ``deep_json``: a ``200 application/json`` answer nested 100 000 levels deep;
- ``proxy``: forwards everything to ``upstream`` (a control).

:class:`RssSampler` measures the resident memory of this process while a call runs (the peak
growth over the baseline), from ``/proc/self/status``.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.staff.attestation import sign_outcome

BEHAVIOURS = (
    "unsigned",
    "wrong_signature",
    "replay",
    "trickle",
    "trickle_headers",
    "oversized",
    "oversized_declared",
    "deep_json",
    "proxy",
)
_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "server",
    "date",
}


def _credential_fields(text: str) -> dict[str, Any]:
    """The JSON of a KSTAFF1 credential, read without checking it (a fake central would)."""
    try:
        part = text.split(".")[1]
        return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))
    except (IndexError, ValueError):
        return {}


class FakeCentral:
    def __init__(
        self,
        behaviour: str,
        *,
        upstream: str | None = None,
        forged_key: Ed25519PrivateKey | None = None,
        size: int = 300 * 1024 * 1024,
        interval_s: float = 0.2,
        trickle_for_s: float = 15.0,
    ):
        assert behaviour in BEHAVIOURS, behaviour
        assert upstream or behaviour not in ("replay", "proxy"), "replay and proxy need an upstream"
        self.behaviour = behaviour
        self.upstream = upstream.rstrip("/") if upstream else None
        self.forged_key = forged_key or Ed25519PrivateKey.generate()
        self.size = size
        self.interval_s = interval_s
        self.trickle_for_s = trickle_for_s
        self.requests: list[tuple[str, str]] = []
        self.recorded: tuple[int, dict[str, str], bytes] | None = None
        self.replayed = 0
        self.sent_bytes = 0
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeCentral:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5  # an idle kept-alive connection must not hold a handler thread for ever

            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self, b"")

            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                fake._handle(self, self.rfile.read(n) if n else b"")

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = False  # server_close() joins every handler: nothing leaks
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="fake-central", kwargs={"poll_interval": 0.05}
        )
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stopping.set()
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    # ---- answers --------------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        self.requests.append((h.command, h.path))
        b = self.behaviour
        try:
            if b == "trickle":
                self._trickle(h, headers_too=False)
            elif b == "trickle_headers":
                self._trickle(h, headers_too=True)
            elif b in ("oversized", "oversized_declared"):
                self._oversized(h, declared=b == "oversized_declared")
            elif b == "deep_json":
                self._send(h, 200, {"Content-Type": "application/json"}, b"[" * 100_000 + b"]" * 100_000)
            elif b in ("unsigned", "wrong_signature") and h.path.startswith("/staff/v1/verify"):
                self._fake_yes(h, body, signed=b == "wrong_signature")
            elif b == "replay" and h.path.startswith("/staff/v1/verify") and self.recorded is not None:
                self.replayed += 1
                self._send(h, *self.recorded)
            elif self.upstream is not None:
                status, headers, content = self._forward(h, body)
                if b == "replay" and h.path.startswith("/staff/v1/verify") and status == 200:
                    self.recorded = (status, headers, content)
                self._send(h, status, headers, content)
            else:
                self._send(h, 404, {"Content-Type": "application/json"}, b'{"error": {"code": "unknown"}}')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the kiosk hung up (its deadline or its cap): what we wanted

    def _send(self, h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], content: bytes) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(content)))
        h.send_header("Connection", "close")  # one request per connection: stop() joins at once
        h.end_headers()
        h.wfile.write(content)
        h.close_connection = True

    def _forward(self, h: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, str], bytes]:
        assert self.upstream is not None
        headers = {k: v for k, v in h.headers.items() if k.lower() not in _HOP and k.lower() != "host"}
        r = requests.request(
            h.command, self.upstream + h.path, data=body or None, headers=headers, timeout=10
        )
        out = {k: v for k, v in r.headers.items() if k.lower() not in _HOP}
        return r.status_code, out, r.content

    def _fake_yes(self, h: BaseHTTPRequestHandler, body: bytes, *, signed: bool) -> None:
        req = json.loads(body or b"{}")
        cred = _credential_fields(str(req.get("credential") or ""))
        answer: dict[str, Any] = {
            "ok": True,
            "staff_id": cred.get("sid", "CB999"),
            "name": cred.get("name", "Cán bộ"),
            "role": cred.get("role", "officer"),
            "agency": cred.get("agency", "DEMO"),
            "credential_id": cred.get("cid", ""),
            "verifier": "",
            "closed_help_requests": [],
        }
        if signed:
            answer["attestation"] = sign_outcome(
                self.forged_key,
                nonce=str(req.get("nonce") or ""),
                kiosk_id=h.headers.get("X-Kiosk-Id") or str(req.get("kiosk_id") or ""),
                credential_id=answer["credential_id"],
                staff_id=answer["staff_id"],
                result="ok",
                now=datetime.now(UTC),
            )
        self._send(h, 200, {"Content-Type": "application/json"}, json.dumps(answer).encode())

    def _trickle(self, h: BaseHTTPRequestHandler, *, headers_too: bool) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        if not headers_too:
            h.wfile.write(head)
            h.wfile.flush()
            head = b""
        data = head + b"[" + b" " * 1_000_000
        # Gives up after ``trickle_for_s``: a kiosk without a deadline then fails its test
        # (slow, with an incomplete answer) instead of hanging it for ever.
        until = time.monotonic() + self.trickle_for_s
        for i in range(len(data)):
            if self.stopping.wait(self.interval_s) or time.monotonic() > until:
                return
            h.wfile.write(data[i : i + 1])
            h.wfile.flush()
            self.sent_bytes += 1

    def _oversized(self, h: BaseHTTPRequestHandler, *, declared: bool) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        if declared:
            h.send_header("Content-Length", str(self.size))
        else:
            h.send_header("Connection", "close")  # close-delimited: no length to refuse up front
        h.end_headers()
        chunk = b"[" + b"0," * (64 * 1024)
        sent = 0
        while sent < self.size and not self.stopping.is_set():
            h.wfile.write(chunk)
            sent += len(chunk)
            self.sent_bytes = sent
        h.close_connection = True


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class RssSampler:
    """``with RssSampler() as s: call()``, then ``s.growth``: the highest resident memory seen
    during the call minus the memory before it (sampled every ``every_s``)."""

    def __init__(self, every_s: float = 0.005):
        self.every_s = every_s
        self.baseline = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler")

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self) -> RssSampler:
        self.baseline = self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth(self) -> int:
        return max(0, self.peak - self.baseline)
