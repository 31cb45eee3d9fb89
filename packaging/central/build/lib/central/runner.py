"""Start the sandbox central in the background: for the demo profile and for tests.

:func:`start_local_sandbox` binds a loopback socket first (port 0 = any free port, so there
is no race between choosing a port and using it), runs uvicorn on a daemon thread of this
process and returns once it accepts connections (typically well under a second). The
handle's ``stop()`` shuts it down and joins the thread. Nothing here blocks a GUI thread
longer than the start itself; call it from a worker thread (ui/demo.py does).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from central.app import SandboxState, create_app
from central.faults import Faults
from central.settings import CentralSettings


class SandboxStartError(RuntimeError):
    pass


@dataclass
class SandboxHandle:
    url: str  # base URL, with a trailing slash: the Open311 endpoint
    api_key: str  # the site API key (any kiosk ID, sent as X-Kiosk-Id)
    data_dir: Path
    app: Any
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def state(self) -> SandboxState:
        return self.app.state.sandbox  # type: ignore[no-any-return]

    @property
    def faults(self) -> Faults:
        """Flip fault switches: ``handle.faults.set(latency_ms=200, drop_after_commit=1)``."""
        return Faults(self.state.faults)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self.app.state.sandbox.db.kw["bind"].dispose()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_local_sandbox(
    data_dir: Path,
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    agency_code: str = "DEMO",
    start_timeout: float = 15.0,
    db_url: str = "",
) -> SandboxHandle:
    """Run the sandbox on ``host:port`` (0 = a free port) with its data under ``data_dir``.

    ``db_url``: the database (SQLAlchemy URL); empty = SQLite in ``data_dir``.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    # The demo and the tests: the demo profile (site key accepted), loopback names only.
    app = create_app(
        CentralSettings(data_dir=data_dir, db_url=db_url, agency_code=agency_code, profile="demo")
    )
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say so; without it every
    # answer waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise SandboxStartError(f"cannot listen on {host}:{port}: {e.strerror}") from None
    bound_port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="off",
        access_log=False,
        timeout_graceful_shutdown=2,
        proxy_headers=False,  # no proxy in front of the demo's central: forwarded headers are lies
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="sandbox-central", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(2)
            sock.close()
            raise SandboxStartError("the sandbox central did not start")
        thread.join(timeout=0.01)  # returns early only if the server thread died
    return SandboxHandle(
        url=f"http://{host}:{bound_port}/",
        api_key=str(app.state.sandbox.extra["site_api_key"]),
        data_dir=data_dir,
        app=app,
        _server=server,
        _thread=thread,
    )
