"""Opening the store: created with the schema at head, WAL, FULL sync, key file 0600, refusals."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from offline_cache import SchemaTooNewError, Store, StoreCorruptError
from offline_cache.migrations import HEAD


def test_first_start_creates_schema_and_key(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        assert store.schema_revision() == HEAD
        key = isolated_kiosk_env / "keys" / "offline_store.key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
        with store._writer.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_key_is_reused_across_restarts(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        store.drafts.save_step("s1", "start", {"x": "Nguyễn"})
    with Store.open(isolated_kiosk_env) as store:
        draft = store.drafts.load("s1")
        assert draft is not None and draft.data == {"x": "Nguyễn"}


def test_newer_database_is_refused_with_a_clear_message(isolated_kiosk_env: Path):
    Store.open(isolated_kiosk_env).close()
    db = isolated_kiosk_env / "offline" / "offline.sqlite3"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNewError) as e:
        Store.open(isolated_kiosk_env)
    assert "9999" in e.value.detail and "newer" in e.value.detail
    assert e.value.code == "offline.schema_too_new"


def test_corrupt_database_is_refused_not_overwritten(isolated_kiosk_env: Path):
    Store.open(isolated_kiosk_env).close()
    db = isolated_kiosk_env / "offline" / "offline.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(str(db) + extra).unlink(missing_ok=True)
    raw = bytearray(db.read_bytes())
    raw[0:16] = b"garbage garbage!"
    db.write_bytes(bytes(raw))
    with pytest.raises(StoreCorruptError):
        Store.open(isolated_kiosk_env)
    assert db.read_bytes()[:16] == b"garbage garbage!"  # left for a technician, not replaced


def test_wrong_key_cannot_read_drafts(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        store.drafts.save_step("s1", "start", {"id": "001203004567"})
    with Store.open(isolated_kiosk_env, key=b"\x01" * 32) as other:
        from offline_cache import DecryptionError

        with pytest.raises(DecryptionError):
            other.drafts.load("s1")


def test_personal_data_is_not_in_the_database_file_in_clear(isolated_kiosk_env: Path):
    from offline_cache import NewAttachment

    with Store.open(isolated_kiosk_env) as store:
        store.drafts.save_step("s1", "start", {"name": "Nguyễn Thị Minh Khai", "id": "001203004567"})
        store.outbox.enqueue(
            {"name": "Nguyễn Thị Minh Khai", "id": "001203004567"},
            [NewAttachment(b"FACE-IMAGE-BYTES" * 100, "image/jpeg", "face")],
            procedure_code="1.001",
        )
    files = [p for p in (isolated_kiosk_env / "offline").rglob("*") if p.is_file()]
    assert files
    for f in files:
        raw = f.read_bytes()
        assert b"001203004567" not in raw
        assert "Nguyễn Thị Minh Khai".encode() not in raw
        assert b"FACE-IMAGE-BYTES" not in raw


def test_durable_writes_use_full_sync_and_bookkeeping_normal(isolated_kiosk_env: Path):
    with Store.open(isolated_kiosk_env) as store:
        with store.write() as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        with store.write(durable=False) as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        with store.write() as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_every_error_code_has_vietnamese_and_english_words():
    import offline_cache.errors as errors
    from kiosk.messages import catalog

    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.OfflineCacheError)
    ]
    codes = {c.code for c in classes} | {"offline.bad_key", "offline.closed"}
    for code in codes:
        vi, en = catalog()[code]
        assert vi and en and vi != en, code
