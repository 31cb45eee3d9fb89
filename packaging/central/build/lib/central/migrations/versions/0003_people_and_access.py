"""People accounts, their sessions and audit; configurations waiting for a second admin

Revision ID: 0003_people_access
Revises: 0002_blobs_out
Create Date: 2026-12-07 01:00:00

Tables of central.people.models and central.trust_approval (issue 16, access half).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_people_access"
down_revision = "0002_blobs_out"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_accounts",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("agencies", sa.String(400), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "person_sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column(
            "username",
            sa.String(64),
            sa.ForeignKey("person_accounts.username", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
    )
    op.create_index("ix_person_sessions_username", "person_sessions", ["username"])
    op.create_table(
        "person_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_person_audit_at", "person_audit", ["at"])
    op.create_index("ix_person_audit_username", "person_audit", ["username"])
    op.create_table(
        "pending_trust_changes",
        sa.Column("kiosk_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("config_json", sa.Text(), nullable=False),
        sa.Column("changes", sa.String(200), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("requested_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pending_trust_changes")
    op.drop_index("ix_person_audit_username", "person_audit")
    op.drop_index("ix_person_audit_at", "person_audit")
    op.drop_table("person_audit")
    op.drop_index("ix_person_sessions_username", "person_sessions")
    op.drop_table("person_sessions")
    op.drop_table("person_accounts")
