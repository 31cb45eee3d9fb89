"""The central indicator against a real HTTP peer (a local server), through QtNetwork."""

from __future__ import annotations

import http.server
import threading

import pytest

from ui.monitors import Monitors
from ui.status import StatusModel

pytestmark = pytest.mark.qt


class Central(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's API
        self.send_response(self.server.answer if self.path.endswith("/discovery.json") else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args):
        pass


@pytest.fixture
def central():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Central)
    server.answer = 200
    t = threading.Thread(target=server.serve_forever, name="fake-central")
    t.start()
    yield server
    server.shutdown()
    server.server_close()
    t.join(5)


def test_central_ok_then_down(qtbot, central):
    status = StatusModel()
    m = Monitors(status, interval_ms=60_000)
    assert status.get("central").state == "connecting"
    url = f"http://127.0.0.1:{central.server_address[1]}/open311/v2"
    with qtbot.waitSignal(status.changed, check_params_cb=lambda n: n == "central", timeout=5000):
        m.set_central(url)
    assert status.get("central").state == "ok"
    assert status.get("network").state in ("ok", "down")
    central.answer = 503
    with qtbot.waitSignal(status.changed, check_params_cb=lambda n: n == "central", timeout=5000):
        m.check()
    assert status.get("central").state == "down"
    m.stop()


def test_unreachable_central_is_down(qtbot):
    status = StatusModel()
    m = Monitors(status, interval_ms=60_000, timeout_ms=2000)
    with qtbot.waitSignal(status.changed, check_params_cb=lambda n: n == "central", timeout=5000):
        m.set_central("http://127.0.0.1:9")  # discard port: nothing listens
    assert status.get("central").state == "down"
    m.stop()
