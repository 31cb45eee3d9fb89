"""Alembic environment: always run with a connection handed over by the store."""

from __future__ import annotations

from alembic import context

from offline_cache.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("offline_cache migrations run through offline_cache.store.Store.open")

# SQLite cannot ALTER most things in place: batch mode copies the table.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
