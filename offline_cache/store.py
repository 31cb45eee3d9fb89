"""The offline store: one SQLite database plus an encrypted attachment folder under the data dir.

Layout (``<data dir>/offline/``): ``offline.sqlite3`` (WAL, ``synchronous=FULL`` so a
committed write survives a power cut), ``attachments/`` (encrypted, content-addressed),
``backups/`` (a copy taken before every schema upgrade), ``audit.head``. The master key
lives in ``<data dir>/keys/`` for the demo profile (see :mod:`offline_cache.crypto`).

One writer: every write goes through :meth:`Store.write`, which holds a process-wide lock
and opens ``BEGIN IMMEDIATE`` on the single writer connection, so two threads never
interleave a read-modify-write and another process (``kiosk outbox retry`` while the
kiosk runs) waits on SQLite's busy timeout instead of failing half-way. Reads use their
own ``query_only`` connections and never block on the writer (WAL).

Usage::

    store = Store.open(data_dir)            # migrates (after a backup) or refuses
    store.drafts.save_step(session, "address", {...})
    entry_id = store.outbox.enqueue(submission, [NewAttachment(jpeg, "image/jpeg", "id-front")],
                                     procedure_code="1.001", draft_session_id=session)
    store.audit.append("staff:0042", "staff.sign_in", {"method": "qr"})
    store.close()
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from common.durable import fsync_path
from offline_cache.crypto import Cipher, load_or_create_key
from offline_cache.errors import (
    DiskFullError,
    OfflineCacheError,
    SchemaTooNewError,
    StoreCorruptError,
    StoreLockedError,
)
from offline_cache.migrations import HEAD, REVISIONS, SCRIPT_LOCATION

if TYPE_CHECKING:
    from offline_cache.attachments import AttachmentStore
    from offline_cache.audit import AuditLog
    from offline_cache.catalog import CatalogCache
    from offline_cache.drafts import Drafts
    from offline_cache.outbox import Outbox
    from offline_cache.retention import Retention

DB_FILE = "offline.sqlite3"
KEEP_BACKUPS = 5
_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def translate_error(exc: BaseException) -> OfflineCacheError | None:
    """Map a low-level failure to the error staff can act on (None: not one we know)."""
    if isinstance(exc, OfflineCacheError):
        return exc
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
        return DiskFullError(f"{exc.__class__.__name__}: {exc.strerror}")
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.Error):
        msg = str(orig).lower()
        code = getattr(orig, "sqlite_errorcode", None)
        if "disk is full" in msg or code == sqlite3.SQLITE_FULL:
            return DiskFullError("SQLite: database or disk is full")
        if "locked" in msg or "busy" in msg:
            return StoreLockedError("SQLite: database is locked by another process")
        if (
            "malformed" in msg
            or "not a database" in msg
            or code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
        ):
            return StoreCorruptError(f"SQLite: {orig}")
        if code is not None and (code & 0xFF) == sqlite3.SQLITE_IOERR:
            # A write refused by the file-size limit surfaces as an I/O error.
            return DiskFullError(f"SQLite I/O error: {orig}")
    return None


@contextlib.contextmanager
def translated() -> Iterator[None]:
    try:
        yield
    except OfflineCacheError:
        raise
    except (DBAPIError, sqlite3.Error, OSError) as e:
        mapped = translate_error(e)
        if mapped is None:
            raise
        raise mapped from e


def _connect_pragmas(query_only: bool) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Autocommit at the driver level; SQLAlchemy's "begin" event below issues BEGIN itself,
        # so the writer can ask for BEGIN IMMEDIATE (the documented pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=10000")
        if not query_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        if query_only:
            cur.execute("PRAGMA query_only=ON")
        cur.close()

    return on_connect


def _engine(path: Path, *, writer: bool, durable: Callable[[], bool] = lambda: True) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    if writer:
        kwargs["poolclass"] = StaticPool  # the one writer connection, guarded by Store._lock
    engine = create_engine(f"sqlite:///{path}", **kwargs)
    event.listen(engine, "connect", _connect_pragmas(query_only=not writer))
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    def on_begin(conn: Connection) -> None:
        if writer:
            # Per transaction: FULL fsyncs the WAL at commit (survives a power cut); NORMAL
            # leaves it to the next FULL commit or checkpoint (survives a crash, may roll
            # back on a power cut, never corrupts).
            conn.exec_driver_sql("PRAGMA synchronous=FULL" if durable() else "PRAGMA synchronous=NORMAL")
        conn.exec_driver_sql(begin_sql)

    event.listen(engine, "begin", on_begin)
    return engine


class Store:
    """Open with :meth:`open`; close with :meth:`close` (or use as a context manager)."""

    def __init__(self, root: Path, cipher: Cipher, clock: Callable[[], float]):
        self.root = root
        self.db_path = root / DB_FILE
        self.cipher = cipher
        self.clock = clock
        self._lock = threading.RLock()
        self._durable = True
        self._writer = _engine(self.db_path, writer=True, durable=lambda: self._durable)
        self._reader = _engine(self.db_path, writer=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)
        self._closed = False

        from offline_cache.attachments import AttachmentStore
        from offline_cache.audit import AuditLog
        from offline_cache.catalog import CatalogCache
        from offline_cache.drafts import Drafts
        from offline_cache.outbox import Outbox
        from offline_cache.retention import Retention

        self.attachments: AttachmentStore = AttachmentStore(self)
        self.audit: AuditLog = AuditLog(self)
        self.drafts: Drafts = Drafts(self)
        self.outbox: Outbox = Outbox(self)
        self.catalog: CatalogCache = CatalogCache(self)
        self.retention: Retention = Retention(self)

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        key: bytes | None = None,
        clock: Callable[[], float] = time.time,
        check_integrity: bool = True,
    ) -> Store:
        """Open (creating or upgrading) the store under ``data_dir``.

        ``key``: the 32-byte master key from provisioning; ``None`` uses the demo profile's
        key file. Raises :class:`SchemaTooNewError`, :class:`StoreCorruptError`,
        :class:`DiskFullError` with a message a technician can act on.
        """
        root = Path(data_dir) / "offline"
        with translated():
            root.mkdir(parents=True, exist_ok=True)
            root.chmod(0o700)
            cipher = Cipher(key if key is not None else load_or_create_key(Path(data_dir)))
        store = cls(root, cipher, clock)
        try:
            with translated():
                store._prepare(check_integrity)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, check_integrity: bool) -> None:
        existed = self.db_path.exists() and self.db_path.stat().st_size > 0
        with self._writer.connect() as conn:
            if existed and check_integrity:
                result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                if result != "ok":
                    raise StoreCorruptError(
                        f"{self.db_path} failed its integrity check ({result}); "
                        f"restore the newest copy from {self.root / 'backups'}"
                    )
            current = self._revision(conn)
        if current == HEAD:
            return
        if current is not None and current not in REVISIONS:
            raise SchemaTooNewError(
                f"{self.db_path} has schema revision {current!r}, newer than this program "
                f"(which knows up to {HEAD!r}); install the newer kiosk version or restore a backup"
            )
        if existed:
            self._backup(current)
        self._upgrade()

    @staticmethod
    def _revision(conn: Connection) -> str | None:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
        if not has_table:
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None

    def _backup(self, revision: str | None) -> Path:
        backups = self.root / "backups"
        backups.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        dest = backups / f"offline-{revision or 'none'}-{stamp}.sqlite3"
        tmp = dest.with_suffix(".tmp")
        # SQLite's online backup copies a consistent snapshot, WAL included.
        src = sqlite3.connect(self.db_path)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        fsync_path(tmp)
        tmp.rename(dest)
        old = sorted(backups.glob("offline-*.sqlite3"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP_BACKUPS]:
            stale.unlink(missing_ok=True)
        return dest

    def _upgrade(self, target: str = "head") -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", SCRIPT_LOCATION)
        with self._lock, self._writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)

    def schema_revision(self) -> str | None:
        with self._reader.connect() as conn:
            return self._revision(conn)

    # --- sessions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Session]:
        """The single writer: one ``BEGIN IMMEDIATE`` transaction, committed on exit.

        ``durable=True`` (the default, for everything a citizen or staff did) commits with
        ``synchronous=FULL``: on disk when this returns. ``durable=False`` is for
        bookkeeping that is safe to lose on a power cut because it can be redone (the sync
        engine's "sending" mark and the central's answer: the entry is sent again with the
        same idempotency key and the central answers the same). Functions in
        ``session.info["after_commit"]`` run after the commit.
        """
        self._check_open()
        with self._lock, translated():
            self._durable = durable
            with self._write_sessions() as session:
                session.info["after_commit"] = []
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
                hooks = session.info["after_commit"]
            for hook in hooks:
                hook()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        self._check_open()
        with translated(), self._read_sessions() as session:
            yield session

    def now(self) -> float:
        return self.clock()

    def _check_open(self) -> None:
        if self._closed:
            raise OfflineCacheError("the offline store is closed", code="offline.closed")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self._reader.dispose()
            self._writer.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- small helpers shared by the parts ---------------------------------------------

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.root).free
