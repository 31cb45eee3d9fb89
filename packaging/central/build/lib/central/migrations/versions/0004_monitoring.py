"""Monitoring tables (mon_events, mon_sessions, mon_answers)

Revision ID: 0004_monitoring
Revises: 0003_people_access
Create Date: 2026-12-07 01:14:10.819612

Tables of central.monitoring.models (issue 18), which made them with create_all before the
central had migrations. A pre-migration database adopted by 0001_base may therefore already
hold them (made by that create_all from the same models): such a table is kept as it is.
"""

import sqlalchemy as sa
from alembic import op


def _new(table: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(table)


revision = "0004_monitoring"
down_revision = "0003_people_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if _new("mon_answers"):
        op.create_table(
            "mon_answers",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("agency", sa.String(length=32), nullable=False),
            sa.Column("reason", sa.String(length=16), nullable=False),
            sa.Column("month", sa.String(length=7), nullable=False),
            sa.Column("text_vi", sa.Text(), nullable=False),
            sa.Column("text_en", sa.Text(), nullable=False),
            sa.Column("answered_by", sa.String(length=64), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_mon_answers")),
            sa.UniqueConstraint("agency", "reason", "month", name="uq_mon_answers"),
        )
    if _new("mon_events"):
        op.create_table(
            "mon_events",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("kiosk_id", sa.String(length=64), nullable=False),
            sa.Column("agency", sa.String(length=32), nullable=False),
            sa.Column("session", sa.String(length=32), nullable=False),
            sa.Column("seq", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("screen", sa.String(length=32), nullable=True),
            sa.Column("duration_s", sa.Integer(), nullable=True),
            sa.Column("wait_s", sa.Integer(), nullable=True),
            sa.Column("procedure", sa.String(length=40), nullable=True),
            sa.Column("outcome", sa.String(length=16), nullable=True),
            sa.Column("face", sa.Integer(), nullable=True),
            sa.Column("reasons", sa.String(length=80), nullable=True),
            sa.Column("code", sa.String(length=160), nullable=True),
            sa.Column("device", sa.String(length=16), nullable=True),
            sa.Column("language", sa.String(length=2), nullable=True),
            sa.Column("text_size", sa.Integer(), nullable=True),
            sa.Column("speech", sa.String(length=4), nullable=True),
            sa.Column("assisted", sa.Boolean(), nullable=True),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_mon_events")),
            sa.UniqueConstraint("kiosk_id", "session", "seq", name="uq_mon_events_session_seq"),
        )
        op.create_index("ix_mon_events_agency_kind_day", "mon_events", ["agency", "kind", "day"])

    if _new("mon_sessions"):
        op.create_table(
            "mon_sessions",
            sa.Column("session", sa.String(length=32), nullable=False),
            sa.Column("kiosk_id", sa.String(length=64), nullable=False),
            sa.Column("agency", sa.String(length=32), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("procedure", sa.String(length=40), nullable=True),
            sa.Column("outcome", sa.String(length=16), nullable=True),
            sa.Column("last_step", sa.String(length=32), nullable=True),
            sa.Column("duration_s", sa.Integer(), nullable=True),
            sa.Column("submit_s", sa.Integer(), nullable=True),
            sa.Column("assisted", sa.Boolean(), nullable=False),
            sa.Column("language", sa.String(length=2), nullable=True),
            sa.Column("text_size", sa.Integer(), nullable=True),
            sa.Column("speech", sa.String(length=4), nullable=True),
            sa.Column("back_steps", sa.Integer(), nullable=False),
            sa.Column("help_requests", sa.Integer(), nullable=False),
            sa.Column("errors", sa.Integer(), nullable=False),
            sa.Column("faults", sa.Integer(), nullable=False),
            sa.Column("face", sa.Integer(), nullable=True),
            sa.Column("reasons", sa.String(length=80), nullable=True),
            sa.PrimaryKeyConstraint("session", "kiosk_id", name=op.f("pk_mon_sessions")),
        )
        op.create_index("ix_mon_sessions_agency_day", "mon_sessions", ["agency", "day"])


def downgrade() -> None:
    op.drop_index("ix_mon_sessions_agency_day", table_name="mon_sessions")
    op.drop_table("mon_sessions")
    op.drop_index("ix_mon_events_agency_kind_day", table_name="mon_events")
    op.drop_table("mon_events")
    op.drop_table("mon_answers")
