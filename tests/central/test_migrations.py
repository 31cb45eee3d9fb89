"""The central's schema comes only from its Alembic revisions, on SQLite and PostgreSQL: one
head, an upgrade from empty that matches the models, the adoption of a database made by the
pre-migration ``create_all`` (a dump made by that version's own code), clear refusals."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from central.app import create_app
from central.blobstore import open_blob_store
from central.db import (
    BASE_REVISION,
    Base,
    SchemaError,
    current_revision,
    head_revision,
    import_models,
    make_engine,
    open_database,
    upgrade,
)
from central.models import AttachmentRow, DossierRow
from central.settings import CentralSettings

LEGACY = Path(__file__).parent / "data" / "legacy_create_all.sql"
LEGACY_SHA = "890ced934948b585e7d8ea1523c416d66b4e118b1b412a75d0ab1c8ea85c557f"


def legacy_db(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "central.sqlite3"
    con = sqlite3.connect(path)
    con.executescript(LEGACY.read_text(encoding="utf-8"))
    con.close()
    return path


def test_one_head_and_the_base_is_its_root():
    assert head_revision() != BASE_REVISION  # 0002 at least
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from central.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    bases = ScriptDirectory.from_config(cfg).get_bases()
    assert bases == [BASE_REVISION]


def test_upgrade_from_empty_matches_the_models(tmp_path, central_db_url):
    settings = CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url)
    engine = make_engine(settings.database_url)
    if central_db_url:  # the template is migrated already: start this one truly empty
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    with engine.connect() as conn:
        assert current_revision(conn) is None
    assert upgrade(engine, open_blob_store(settings.blobs, settings.data_dir)) == head_revision()
    import_models()
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    # Every table, column, type, index and constraint of the models is what the revisions made.
    assert diff == []


def test_upgrading_at_head_again_changes_nothing(tmp_path, central_db_url):
    settings = CentralSettings(data_dir=tmp_path / "c", db_url=central_db_url)
    open_database(settings).kw["bind"].dispose()
    engine = make_engine(settings.database_url)
    assert upgrade(engine, open_blob_store(settings.blobs, settings.data_dir)) == head_revision()
    engine.dispose()


def test_concurrent_first_starts_migrate_once(pg_server, tmp_path):
    # Two centrals starting at once on an empty PostgreSQL database: one migrates, the other
    # waits on the advisory lock and finds the schema at head.
    name = pg_server.create_database()
    try:
        url = pg_server.url(name)
        errors: list[BaseException] = []

        def start(i: int) -> None:
            try:
                open_database(CentralSettings(data_dir=tmp_path / f"c{i}", db_url=url)).kw["bind"].dispose()
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=start, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        engine = make_engine(url)
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        engine.dispose()
    finally:
        pg_server.drop_database(name)


def test_a_create_all_database_is_adopted_and_its_blobs_move_to_the_store(tmp_path):
    data = tmp_path / "c"
    legacy_db(data)
    app = create_app(data)
    state = app.state.sandbox
    engine = state.db.kw["bind"]
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert "o311_blobs" not in inspect(conn).get_table_names()
    with state.db() as s:
        dossier = s.scalar(select(DossierRow))
        assert dossier is not None and dossier.tracking_code == "238143P59V"
        assert "Nguyễn Văn Cũ" in dossier.applicant_json
        att = s.scalar(select(AttachmentRow))
        assert att is not None and att.sha256 == LEGACY_SHA
    data_bytes = state.blobs.get(LEGACY_SHA)
    assert data_bytes is not None and hashlib.sha256(data_bytes).hexdigest() == LEGACY_SHA
    blob_file = data / "blobs" / LEGACY_SHA[:2] / LEGACY_SHA[2:4] / LEGACY_SHA
    assert stat.S_IMODE(blob_file.stat().st_mode) == 0o600
    engine.dispose()


def test_downgrade_to_the_base_puts_the_blobs_back(tmp_path):
    from alembic import command

    from central.db import _alembic_config

    data = tmp_path / "c"
    legacy_db(data)
    settings = CentralSettings(data_dir=data)
    open_database(settings).kw["bind"].dispose()
    engine = make_engine(settings.database_url)
    with engine.begin() as conn:
        command.downgrade(
            _alembic_config(conn, open_blob_store(settings.blobs, settings.data_dir)), BASE_REVISION
        )
    with engine.connect() as conn:
        assert current_revision(conn) == BASE_REVISION
        row = conn.execute(text("SELECT data FROM o311_blobs WHERE sha256 = :s"), {"s": LEGACY_SHA}).one()
        assert hashlib.sha256(row[0]).hexdigest() == LEGACY_SHA
    engine.dispose()


def test_an_older_schema_that_cannot_be_adopted_is_refused_and_left_alone(tmp_path):
    data = tmp_path / "c"
    path = legacy_db(data)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE staff_help_requests")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="missing: table staff_help_requests"):
        open_database(data)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM o311_blobs").fetchone() == (1,)  # nothing lost
    assert con.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchone() is None
    con.close()


def test_a_newer_revision_is_refused_with_what_to_do(tmp_path):
    data = tmp_path / "c"
    open_database(data).kw["bind"].dispose()
    con = sqlite3.connect(data / "central.sqlite3")
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="newer version"):
        open_database(data)


def test_workers_never_migrate_they_need_the_schema_at_head(tmp_path):
    data = tmp_path / "c"
    with pytest.raises(SchemaError, match="central migrate"):
        create_app(CentralSettings(data_dir=data), upgrade_schema=False)


def test_data_files_are_private(tmp_path):
    data = tmp_path / "c"
    app = create_app(data)
    app.state.sandbox.blobs.put(hashlib.sha256(b"x").hexdigest(), b"x")
    app.state.sandbox.db.kw["bind"].dispose()
    for p in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), f"{p.relative_to(tmp_path)} is {oct(mode)}"


def test_central_migrate_command_reports_from_and_to(tmp_path, central_db_url, capsys):
    from central.cli import main

    data = tmp_path / "c"
    legacy = [] if central_db_url else [legacy_db(data)]
    argv = ["migrate", "--data", str(data), "--json"] + (["--db", central_db_url] if central_db_url else [])
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    # SQLite: a create_all database (no revision yet); PostgreSQL: the test template, at head.
    assert first["from"] == (None if legacy else head_revision()) and first["to"] == head_revision()
    assert "password" not in first["database"]
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert again["from"] == again["to"] == head_revision()


def test_bad_database_url_is_a_clear_error(tmp_path, capsys):
    from central.cli import main

    rc = main(["migrate", "--data", str(tmp_path / "c"), "--db", "mysql://x@y/z", "--json"])
    assert rc != 0
    out = capsys.readouterr()
    assert "not supported" in out.out + out.err and "Traceback" not in out.out + out.err
