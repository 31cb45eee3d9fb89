"""The sandbox's database: one SQLite file under its data dir, one declarative Base for all areas.

Every area adding tables (Open311 requests, staff, kiosks/fleet, help requests) subclasses
:class:`Base` in its own module; :func:`open_database` creates whatever is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    pass


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def open_database(data_dir: Path) -> sessionmaker[Session]:
    data_dir.mkdir(parents=True, exist_ok=True)
    engine: Engine = create_engine(f"sqlite:///{data_dir / 'central.sqlite3'}", future=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    import central.app as app_module  # noqa: F401 - imports every area's models

    app_module.import_models()
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)


def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as s:
        yield s
