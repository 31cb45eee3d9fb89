"""Outbox kind: the outbox also carries batches of anonymous monitoring events.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Every existing entry is a dossier. Monitoring batches reuse the outbox's exactly-once
machinery (idempotency key, lease, crash recovery) instead of a second queue.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite supports it with a constant default): no table copy, so the
    # attachments' cascading foreign key to the outbox is never touched.
    op.add_column("outbox", sa.Column("kind", sa.String(16), nullable=False, server_default="dossier"))


def downgrade() -> None:
    op.drop_column("outbox", "kind")
