"""Alembic environment of the central: always run with a connection handed over by central.db.

``config.attributes``: ``connection`` (in a transaction, the migration lock held) and
``blob_store`` (for revisions that move attachment bytes; None when only the schema matters).
"""

from __future__ import annotations

from alembic import context

from central.db import Base, import_models

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the central's migrations run through central.db.upgrade (or `central migrate`)")

import_models()
# SQLite cannot ALTER most things in place: batch mode copies the table there (no-op on PostgreSQL).
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
