"""Migrations: a database at every earlier revision upgrades to head and keeps its data."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from offline_cache import NewAttachment, OutboxState, Store
from offline_cache.audit import GENESIS, _canonical
from offline_cache.crypto import Cipher, load_or_create_key
from offline_cache.migrations import HEAD, REVISIONS, SCRIPT_LOCATION
from offline_cache.models import Base
from offline_cache.tracking_cache import TrackingCache  # registers its table on Base


def _cfg() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def _db_at(data_dir: Path, revision: str) -> Path:
    root = data_dir / "offline"
    root.mkdir(parents=True, exist_ok=True)
    db = root / "offline.sqlite3"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        cfg = _cfg()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    return db


def _fill_like_revision(revision: str, data_dir: Path, db: Path) -> dict:
    """Rows as the program at ``revision`` wrote them (same key, same encryption)."""
    cipher = Cipher(load_or_create_key(data_dir))
    store_dir = data_dir / "offline"
    # The attachment file, as AttachmentStore writes it.
    import hashlib

    blob = b"scan from an older kiosk" * 10
    sha = hashlib.sha256(blob).hexdigest()
    (store_dir / "attachments" / sha[:2]).mkdir(parents=True)
    (store_dir / "attachments" / sha[:2] / sha).write_bytes(cipher.encrypt_file(blob, sha))
    con = sqlite3.connect(db)
    payload = cipher.encrypt_field(json.dumps({"submission": {"n": 1}}).encode(), "outbox:old-1")
    con.execute(
        "INSERT INTO outbox (id, idempotency_key, procedure_code, state, payload, created_at, updated_at, attempts,"
        " next_attempt_at) VALUES ('old-1', 'key-old-1', '1.001', 'queued', ?, 1.0, 1.0, 2, 1.0)",
        (payload,),
    )
    con.execute("INSERT INTO attachments VALUES (?, ?, 'image/jpeg', 1.0)", (sha, len(blob)))
    con.execute("INSERT INTO outbox_attachments VALUES ('old-1', 0, ?, 'scan')", (sha,))
    draft = cipher.encrypt_field(json.dumps({"step": "data"}).encode(), "draft:sess-old")
    con.execute("INSERT INTO drafts VALUES ('sess-old', '1.001', 'address', 2, ?, 1.0, 1.0)", (draft,))
    details = json.dumps({"method": "qr"}, sort_keys=True, separators=(",", ":"))
    digest = cipher.mac(_canonical(1, 1.0, "staff:1", "staff.sign_in", details, GENESIS))
    con.execute(
        "INSERT INTO audit_log VALUES (1, 1.0, 'staff:1', 'staff.sign_in', ?, ?, ?)",
        (details, GENESIS, digest),
    )
    if revision >= "0002":  # tracking codes, the catalog cache and sync facts exist from 0002
        con.execute("UPDATE outbox SET tracking_code='K7M4QX9T2R' WHERE id='old-1'")
        con.execute(
            "INSERT INTO catalog_cache VALUES ('procedures', 'v0', '\"old\"', 1.0, '{\"procedures\": []}')"
        )
        con.execute("INSERT INTO sync_meta VALUES ('last_success_at', '1.0')")
    con.commit()
    con.close()
    return {"sha": sha, "blob": blob}


def test_revision_list_matches_the_script_directory():
    script = ScriptDirectory.from_config(_cfg())
    walked = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(walked) == REVISIONS
    assert script.get_current_head() == HEAD
    assert len(REVISIONS) >= 2


def test_models_match_the_migrated_schema(isolated_kiosk_env: Path):
    db = _db_at(isolated_kiosk_env, "head")
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


@pytest.mark.parametrize("revision", [r for r in REVISIONS if r != HEAD])
def test_every_earlier_revision_upgrades_and_keeps_data(isolated_kiosk_env: Path, revision: str):
    db = _db_at(isolated_kiosk_env, revision)
    # 0003 added triggers only, 0004 a table: the rows of 0002 stand for 0003 and 0004 too.
    assert revision in ("0001", "0002", "0003", "0004"), (
        "teach _fill_like_revision what this revision's program wrote"
    )
    old = _fill_like_revision(revision, isolated_kiosk_env, db)
    with Store.open(isolated_kiosk_env) as store:
        assert store.schema_revision() == HEAD
        entry = store.outbox.get("old-1")
        assert entry.state is OutboxState.QUEUED and entry.attempts == 2
        assert entry.tracking_code == (None if revision == "0001" else "K7M4QX9T2R")
        if revision >= "0002":
            assert store.catalog.get().etag == '"old"'  # type: ignore[union-attr]
            assert store.outbox.status().last_success_at is not None
        assert entry.idempotency_key == "key-old-1"
        assert store.outbox.submission("old-1") == {"n": 1}
        assert store.attachments.read(entry.attachments[0]) == old["blob"]
        draft = store.drafts.load("sess-old")
        assert draft is not None and draft.data == {"step": "data"} and draft.step_index == 2
        assert store.audit.verify().ok and store.audit.verify().entries == 1
        con = sqlite3.connect(store.db_path)
        with pytest.raises(sqlite3.IntegrityError):  # 0003: history cannot be rewritten
            con.execute("DELETE FROM audit_log")
        con.close()
        # The new revision's features work on the upgraded database.
        store.catalog.put({"procedures": []}, version="v1", etag='"abc"')
        assert store.catalog.get().etag == '"abc"'  # type: ignore[union-attr]
        store.outbox.enqueue(
            {"n": 2}, [NewAttachment(b"x")], procedure_code="1.002", tracking_code="K7M4QX9T2R"
        )
        tracking = TrackingCache(store)
        tracking.put("K7M4QX9T2R", {"x_state": "received"})
        assert tracking.get("K7M4QX9T2R").data == {"x_state": "received"}  # type: ignore[union-attr]
        # 0005: an old draft has no card binding; it takes one and keeps pages from now on.
        tag = store.drafts.card_tag("001089012345")
        assert store.drafts.find_for_card(tag) is None
        store.drafts.save_step("sess-old", "documents", {"step": "data"}, step_index=4, card_tag=tag)
        page = store.drafts.add_page("sess-old", b"\xff\xd8\xffpage")
        assert store.drafts.find_for_card(tag).session_id == "sess-old"  # type: ignore[union-attr]
        assert store.drafts.pages("sess-old") == {page: b"\xff\xd8\xffpage"}
    backups = list((isolated_kiosk_env / "offline" / "backups").glob(f"offline-{revision}-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    assert con.execute("SELECT id FROM outbox").fetchall() == [("old-1",)]
    con.close()


def test_head_database_is_not_backed_up_again(isolated_kiosk_env: Path):
    Store.open(isolated_kiosk_env).close()
    Store.open(isolated_kiosk_env).close()
    assert not list((isolated_kiosk_env / "offline" / "backups").glob("*.sqlite3"))
