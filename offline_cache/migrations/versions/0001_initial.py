"""Initial schema: drafts, attachments, outbox, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("procedure_code", sa.String(64)),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_drafts_updated_at", "drafts", ["updated_at"])
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Float),
        sa.Column("last_error", sa.Text),
        sa.Column("request_id", sa.String(128)),
        sa.Column("token", sa.String(128)),
        sa.Column("reasons", sa.Text),
        sa.Column("finished_at", sa.Float),
        sa.CheckConstraint(
            "state IN ('queued','sending','accepted','rejected','needs-staff')", name="ck_outbox_state"
        ),
    )
    op.create_table(
        "outbox_attachments",
        sa.Column("outbox_id", sa.String(64), sa.ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
    )
    op.create_index("ix_outbox_attachments_sha256", "outbox_attachments", ["sha256"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_log", "outbox_attachments", "outbox", "attachments", "drafts"):
        op.drop_table(table)
