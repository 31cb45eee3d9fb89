"""The real sandbox central as this directory's peer (fixture ``sandbox``), on SQLite and on a
real PostgreSQL server: monitoring batches are stored exactly once on both."""

import pytest

from tests.peers.postgres import pg_server, pg_url  # noqa: F401
from tests.peers.sandbox import DATABASES, db_url_for


@pytest.fixture(params=DATABASES)
def central_db_url(request: pytest.FixtureRequest) -> str:
    return db_url_for(request)
