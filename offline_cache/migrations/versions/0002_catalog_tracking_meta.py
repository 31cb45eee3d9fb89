"""Catalog cache, sync facts, tracking code on outbox entries, due-entry index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("tracking_code", sa.String(32)))
    op.create_index("ix_outbox_state_next", "outbox", ["state", "next_attempt_at"])
    op.create_table(
        "catalog_cache",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(128)),
        sa.Column("etag", sa.String(256)),
        sa.Column("fetched_at", sa.Float, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_meta")
    op.drop_table("catalog_cache")
    op.drop_index("ix_outbox_state_next", "outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("tracking_code")
