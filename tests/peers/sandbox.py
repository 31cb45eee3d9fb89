"""The real sandbox central on loopback, as a test peer.

``sandbox`` fixture (or :func:`running_sandbox` as a context manager): uvicorn on a free
127.0.0.1 port, a fresh data dir, every router of central.app. It yields a
:class:`central.runner.SandboxHandle`:

- ``.url`` base URL (Open311 endpoint, trailing slash), ``.api_key`` the site key,
  ``.data_dir``, ``.app`` / ``.state`` (the FastAPI app and its SandboxState);
- ``.faults.set(latency_ms=…, error_rate=…, drop_after_commit=N, answer_with_token=True,
  token_pending_reads=N)`` and ``.faults.clear()``.

``central_client`` fixture: a kiosk/central CentralClient bound to it (kiosk id "test-kiosk").
Use in a test module with ``from tests.peers.sandbox import sandbox, central_client  # noqa: F401``.

The database is SQLite in the data dir unless the ``central_db_url`` fixture says otherwise: a
conftest that overrides it, parametrized over ``DATABASES`` with :func:`db_url_for` (and
imports ``pg_server``, ``pg_url`` from :mod:`tests.peers.postgres`), runs its directory's
tests on SQLite and on a real PostgreSQL server, each test with a fresh database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from central.runner import SandboxHandle, start_local_sandbox
from kiosk.central.client import ApiKeyAuth, CentralClient

TEST_KIOSK_ID = "test-kiosk"


DATABASES = ("sqlite", "postgresql")


@contextmanager
def running_sandbox(data_dir: Path, agency_code: str = "DEMO", db_url: str = "") -> Iterator[SandboxHandle]:
    handle = start_local_sandbox(data_dir, agency_code=agency_code, db_url=db_url)
    try:
        yield handle
    finally:
        handle.stop()


def db_url_for(request: pytest.FixtureRequest) -> str:
    """For a fixture parametrized over DATABASES: "" (SQLite) or a fresh PostgreSQL database
    (needs ``pg_server`` and ``pg_url`` from tests.peers.postgres in scope)."""
    return "" if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))


@pytest.fixture
def sandbox(tmp_path: Path, central_db_url: str) -> Iterator[SandboxHandle]:
    """On the database ``central_db_url`` names: SQLite by default (tests/conftest.py), both
    databases where a directory's conftest parametrizes it."""
    with running_sandbox(tmp_path / "sandbox-central", db_url=central_db_url) as handle:
        yield handle


@pytest.fixture
def central_client(sandbox: SandboxHandle) -> Iterator[CentralClient]:
    client = CentralClient(
        sandbox.url, auth=ApiKeyAuth(sandbox.api_key, TEST_KIOSK_ID), read_timeout=10, backoff_s=0.01
    )
    try:
        yield client
    finally:
        client.close()
