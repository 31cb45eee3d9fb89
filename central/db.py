"""The central's database: one SQLAlchemy URL (SQLite or PostgreSQL), one declarative Base.

Every area adding tables subclasses :class:`Base` in its own models module; the schema is
made and changed only by the Alembic revisions in ``central/migrations`` (see its README).
:func:`open_database` brings the database to the newest revision first (``upgrade=True``, what
``central serve`` and the commands do) or only checks that it is there (worker processes,
which must not race each other to migrate).

A database made by the central before migrations existed (``create_all``) is adopted: if it
has every table and column of the base revision it is stamped with it, then upgraded.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Integer, MetaData, String, create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from central.blobstore import FILE_MODE, private_dir
from central.settings import CentralSettings, redact_url

if TYPE_CHECKING:
    from central.blobstore import BlobStore

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")
BASE_REVISION = "0001_base"
# Any number both the schema's users agree on: serialises concurrent migrations on PostgreSQL.
_MIGRATION_LOCK = 0x6B696F736B  # "kiosk"


class Base(DeclarativeBase):
    # Named constraints: a later revision can drop or alter them by name on PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class LockableAccount:
    """The columns every kind of account shares: who, what role, and the wrong-secret lockout
    (a person's password on the console, an officer's PIN at a kiosk)."""

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # officer | supervisor | technician (| admin: people)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | disabled
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SchemaError(RuntimeError):
    """The database cannot be used by this central; the message says why and what to do."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (the driver this project installs)."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            private_dir(Path(path).parent)
            # Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the
            # database file's mode, so they are private too.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Every timestamp in UTC whatever the server's zone; pre-ping: a restarted database
    # server costs one reconnect, not an error on the first request after it.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        # The worker's pid in pg_stat_activity: a DBA (and the tests) see which process holds what.
        connect_args={"options": "-c timezone=UTC", "application_name": f"central:{os.getpid()}"},
    )


def import_models() -> None:
    import central.app as app_module

    app_module.import_models()


def _alembic_config(conn: Connection, blobs: BlobStore | None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    cfg.attributes["connection"] = conn
    cfg.attributes["blob_store"] = blobs
    return cfg


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    heads = ScriptDirectory.from_config(cfg).get_heads()
    if len(heads) != 1:
        raise SchemaError(f"central/migrations has {len(heads)} heads {heads}: merge them (alembic merge)")
    return heads[0]


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


@functools.cache
def _base_schema() -> dict[str, frozenset[str]]:
    """Tables and columns the base revision makes (built in memory, so never out of date)."""
    from alembic import command

    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn, None), BASE_REVISION)
        insp = inspect(conn)
        out = {t: frozenset(c["name"] for c in insp.get_columns(t)) for t in insp.get_table_names()}
    engine.dispose()
    out.pop("alembic_version", None)
    return out


def _adopt(conn: Connection, cfg: Any) -> None:
    """A database made by ``create_all`` (no ``alembic_version``): stamp it if it is the base schema."""
    from alembic import command

    insp = inspect(conn)
    have = set(insp.get_table_names())
    mine = [t for t in have if t in _base_schema()]
    if not mine:
        return  # empty (or someone else's tables only): the revisions create everything
    missing = []
    for table, columns in _base_schema().items():
        if table not in have:
            missing.append(f"table {table}")
            continue
        present = {c["name"] for c in insp.get_columns(table)}
        missing += [f"column {table}.{c}" for c in sorted(columns - present)]
    if missing:
        raise SchemaError(
            "this database was made by an older central that cannot be adopted automatically "
            f"(missing: {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}); "
            "export its dossiers with that version, or restore a newer backup"
        )
    command.stamp(cfg, BASE_REVISION)


def upgrade(engine: Engine, blobs: BlobStore | None) -> str:
    """Bring the schema to the head revision (adopting a pre-migration database); return it."""
    from alembic import command

    import_models()
    head = head_revision()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Held to the end of this transaction: a second starter waits, then finds head.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        cfg = _alembic_config(conn, blobs)
        current = current_revision(conn)
        if current is None:
            _adopt(conn, cfg)
            current = current_revision(conn)
        if current != head:
            _check_known(current)
            command.upgrade(cfg, "head")
    return head


def _check_known(revision: str | None) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    if revision is None:
        return
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    try:
        ScriptDirectory.from_config(cfg).get_revision(revision)
    except CommandError:
        raise SchemaError(
            f"the database has schema revision {revision!r}, which this central does not know "
            "(it was made by a newer version): install that version or restore a backup"
        ) from None


def check_at_head(engine: Engine) -> None:
    head = head_revision()
    with engine.connect() as conn:
        current = current_revision(conn)
    if current != head:
        raise SchemaError(
            f"database {redact_url(str(engine.url))} is at schema revision {current!r}, not {head!r}: "
            "run `central migrate` (or start `central serve`, which migrates before its workers start)"
        )


def open_database(
    where: Path | CentralSettings, *, upgrade_schema: bool = True, blobs: BlobStore | None = None
) -> sessionmaker[Session]:
    """Sessions on the central's database, its schema at the newest revision.

    ``where``: the settings, or just a data directory (SQLite in it, the demo's default).
    """
    settings = where if isinstance(where, CentralSettings) else CentralSettings(data_dir=Path(where))
    private_dir(settings.data_dir)
    engine = make_engine(settings.database_url)
    if upgrade_schema:
        if blobs is None:
            from central.blobstore import open_blob_store

            blobs = open_blob_store(settings.blobs, settings.data_dir)
        upgrade(engine, blobs)
    else:
        import_models()
        check_at_head(engine)
    return sessionmaker(engine, expire_on_commit=False)


def insert(s: Session | Connection, table: Any) -> Any:
    """The dialect's INSERT (SQLite's and PostgreSQL's both have ON CONFLICT and RETURNING;
    typed Any because the two classes share those methods but no base class declares them)."""
    bind = s.get_bind() if isinstance(s, Session) else s
    if bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as s:
        yield s
