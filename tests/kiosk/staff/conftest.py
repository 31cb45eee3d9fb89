from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kiosk.staff.central import Central, run_central
from tests.peers.postgres import pg_server, pg_url  # noqa: F401
from tests.peers.sandbox import DATABASES, db_url_for


@pytest.fixture(params=DATABASES)
def central_db_url(request: pytest.FixtureRequest) -> str:
    return db_url_for(request)


@pytest.fixture
def central(tmp_path: Path, central_db_url: str) -> Iterator[Central]:
    """The staff tests' central, on SQLite and on PostgreSQL."""
    yield from run_central(tmp_path / "central", central_db_url)
