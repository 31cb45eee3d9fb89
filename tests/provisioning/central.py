"""A real sandbox central on loopback (uvicorn in a thread) for the provisioning tests.

Replace with ``tests/peers/sandbox.py`` once that fixture exists and serves every router.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from kiosk.sandbox.app import create_app


@dataclass
class Central:
    url: str
    data_dir: Path
    app: Any

    @property
    def state(self) -> Any:
        return self.app.state.sandbox


def run_central(data_dir: Path) -> Iterator[Central]:
    app = create_app(data_dir)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="provisioning-sandbox", daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started:
            break
        thread.join(timeout=0.01)  # waits on the server thread, returns early when it is up
    assert server.started, "sandbox did not start"
    try:
        yield Central(f"http://127.0.0.1:{port}/", data_dir, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
