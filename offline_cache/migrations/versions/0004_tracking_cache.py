"""Tracking cache: the last known status per tracking code (offline "Where is my file?").

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tracking_cache",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("fetched_at", sa.Float, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_tracking_cache_fetched_at", "tracking_cache", ["fetched_at"])


def downgrade() -> None:
    op.drop_index("ix_tracking_cache_fetched_at", "tracking_cache")
    op.drop_table("tracking_cache")
