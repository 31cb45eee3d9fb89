from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.runner import SandboxHandle
from central.settings import ENV_DB
from tests.peers.postgres import pg_server, pg_url  # noqa: F401
from tests.peers.sandbox import DATABASES, db_url_for, running_sandbox


@pytest.fixture(params=DATABASES)
def central_db_url(request: pytest.FixtureRequest) -> str:
    return db_url_for(request)


@pytest.fixture
def central(tmp_path: Path, central_db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxHandle]:
    """The real sandbox central on loopback (every router, fresh data dir), on SQLite and on
    PostgreSQL; the central's commands run by the tests (enroll-code …) use the same database."""
    if central_db_url:
        monkeypatch.setenv(ENV_DB, central_db_url)
    with running_sandbox(tmp_path / "central", db_url=central_db_url) as handle:
        yield handle
