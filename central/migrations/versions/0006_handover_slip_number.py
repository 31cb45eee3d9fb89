"""Hand-over slip number (issue 19): o311_handovers.slip_number

The number a kiosk printed itself when it could not reach the central (``K-07-003``), so that
the counter finds the dossier by the number the citizen holds. Nullable: hand-overs stored
before, and those sent online without one, have none.

Revision ID: 0006_handover_slip_number
Revises: 0005_handover
Create Date: 2026-12-07 04:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_handover_slip_number"
down_revision = "0005_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("o311_handovers") as batch:
        batch.add_column(sa.Column("slip_number", sa.String(length=40), nullable=True))
        batch.create_index(batch.f("ix_o311_handovers_slip_number"), ["slip_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("o311_handovers") as batch:
        batch.drop_index(batch.f("ix_o311_handovers_slip_number"))
        batch.drop_column("slip_number")
