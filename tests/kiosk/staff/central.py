"""A real sandbox central on loopback (uvicorn in a thread) for the staff tests, plus helpers
to create staff accounts and cards in it. Cheap argon2 costs keep the tests quick; the
algorithm, salts and checks are the production ones.

Replace with ``tests/peers/sandbox.py`` once that fixture covers the staff router.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from central.app import create_app
from central.settings import CentralSettings
from central.staff import add_staff, id_card_mac, issue_card
from kiosk.central.client import ApiKeyAuth
from kiosk.staff.client import StaffCentralClient
from kiosk.staff.pins import HashParams

FAST = HashParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


@dataclass
class Central:
    url: str
    data_dir: Path
    app: object

    @property
    def api_key(self) -> str:
        return str(self.state.extra["site_api_key"])

    def client(self, kiosk_id: str = "K1", url: str | None = None) -> StaffCentralClient:
        """A kiosk's client with this sandbox's site key (``url``: somewhere else, e.g. a dead port)."""
        return StaffCentralClient(
            url or self.url, connect_timeout_s=1, read_timeout_s=5, auth=ApiKeyAuth(self.api_key, kiosk_id)
        )

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.app.state.sandbox  # type: ignore[attr-defined]

    def add(
        self,
        staff_id: str,
        pin: str,
        role: str = "officer",
        agency: str = "DEMO",
        name: str = "",
        id_card: str | None = None,
    ) -> str:
        add_staff(
            self.state.db,
            staff_id,
            name=name or f"Cán bộ {staff_id}",
            role=role,
            agency=agency,
            pin=pin,
            params=FAST,
            id_card_mac=id_card_mac(self.data_dir, id_card) if id_card else None,
        )
        return issue_card(self.state.db, self.data_dir, staff_id)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_central(data_dir: Path, db_url: str = "") -> Iterator[Central]:
    app = create_app(CentralSettings(data_dir=data_dir, db_url=db_url, profile="demo"))
    app.state.sandbox.extra["staff_hash_params"] = FAST
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="staff-sandbox", daemon=True)
    thread.start()
    ready = threading.Event()
    for _ in range(500):
        if server.started:
            ready.set()
            break
        thread.join(timeout=0.01)
    assert ready.is_set(), "sandbox did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Central(f"http://127.0.0.1:{port}", data_dir, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.sandbox.db.kw["bind"].dispose()
