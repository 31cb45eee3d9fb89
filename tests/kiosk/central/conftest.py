"""The real sandbox central as this directory's peer (fixtures ``sandbox``, ``central_client``),
on SQLite and on a real PostgreSQL server (Open311 submissions and idempotency on both)."""

import pytest

from tests.peers.postgres import pg_server, pg_url  # noqa: F401
from tests.peers.sandbox import DATABASES, central_client, db_url_for, sandbox  # noqa: F401


@pytest.fixture(params=DATABASES)
def central_db_url(request: pytest.FixtureRequest) -> str:
    return db_url_for(request)
