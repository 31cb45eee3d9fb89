"""A real PostgreSQL server from Debian's binaries, as a test peer (and for bench/central.py).

:class:`PostgresServer` runs ``initdb`` and ``pg_ctl`` (as the ``postgres`` user when this
process is root: the server refuses to run as root) on a private Unix socket directory, no
TCP port, so concurrent test sessions never collide. Fixtures:

- ``pg_server`` (session): the running server; its ``template`` database is migrated once
  to the central's head revision.
- ``pg_url`` (function): a fresh database cloned from that template (``CREATE DATABASE …
  TEMPLATE``, milliseconds), dropped afterwards; a SQLAlchemy URL for psycopg 3.
- ``pg_module_url`` (module): the same, shared by a module's tests.

Test servers run with ``fsync=off`` (a crash of a test database loses nothing of value);
``durable=True`` keeps PostgreSQL's defaults, for benchmarks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_VERSIONS = ("17", "16", "15")
TEMPLATE_DB = "central_template"


class PostgresUnavailable(RuntimeError):
    pass


def pg_bindir() -> Path:
    env = os.environ.get("PG_BINDIR")
    candidates = [Path(env)] if env else []
    candidates += [Path(f"/usr/lib/postgresql/{v}/bin") for v in PG_VERSIONS]
    for c in candidates:
        if (c / "pg_ctl").is_file() and (c / "initdb").is_file():
            return c
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (/usr/lib/postgresql/N/bin): install Debian's "
        "`postgresql` package (bash setup.sh install does), or set PG_BINDIR"
    )


class PostgresServer:
    def __init__(self, *, durable: bool = False, port: int = 5432) -> None:
        self.bindir = pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="kpg-"))  # short: a socket path has ≤ 107 bytes
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.port = port
        self.durable = durable
        self._as_postgres = os.geteuid() == 0
        self.started = False

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / argv[0]), *argv[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> PostgresServer:
        self.sockdir.mkdir()
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.sockdir, "postgres", "postgres")
        r = self._run(
            "initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"
        )
        if r.returncode:
            raise PostgresUnavailable(f"initdb failed: {r.stderr.strip()[-500:]}")
        opts = [f"-k {self.sockdir}", f"-p {self.port}", "-c listen_addresses=''", "-c max_connections=200"]
        if not self.durable:
            opts += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        r = self._run(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-l",
            str(self.root / "server.log"),
            "-o",
            " ".join(opts),
            "-w",
            "start",
        )
        if r.returncode:
            log = (self.root / "server.log").read_text(errors="replace")[-800:]
            raise PostgresUnavailable(f"pg_ctl start failed: {r.stderr.strip()[-300:]} {log}")
        self.started = True
        return self

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.sockdir}&port={self.port}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.sockdir), port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as c:
            c.execute(sql)  # type: ignore[arg-type]

    def create_database(self, template: str | None = None) -> str:
        name = "t_" + uuid.uuid4().hex[:16]
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def migrate_template(server: PostgresServer) -> None:
    """The central's schema at head in TEMPLATE_DB, cloned by every test database."""
    from central.blobstore import FileBlobStore
    from central.db import make_engine, upgrade

    server.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
    engine = make_engine(server.url(TEMPLATE_DB))
    with tempfile.TemporaryDirectory() as blobs:
        upgrade(engine, FileBlobStore(Path(blobs), os.urandom(32)))  # the template holds no blob
    engine.dispose()  # a template must have no open connection when it is cloned


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer().start()
    except PostgresUnavailable as e:
        pytest.fail(str(e))  # never a skip: CI must run the PostgreSQL half
    try:
        migrate_template(server)
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    name = pg_server.create_database(TEMPLATE_DB)
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(scope="module")
def pg_module_url(pg_server: PostgresServer) -> Iterator[str]:
    name = pg_server.create_database(TEMPLATE_DB)
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


def database_dump(url: str) -> bytes:
    """Everything a PostgreSQL database holds, as ``pg_dump`` writes it (for "is X stored?" checks)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    r = subprocess.run(
        [str(pg_bindir() / "pg_dump"), "-h", str(u.query["host"]), "-p", str(u.query["port"])]
        + ["-U", u.username or "postgres", "--data-only", str(u.database)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return r.stdout
