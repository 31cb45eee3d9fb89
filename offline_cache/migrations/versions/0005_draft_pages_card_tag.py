"""Drafts keep their photographed pages and are bound to the citizen's card by a keyed hash.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("card_tag", sa.String(64), nullable=True))
        batch.create_index("ix_drafts_card_tag", ["card_tag"])
    op.create_table(
        "draft_pages",
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("drafts.session_id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), primary_key=True),
    )
    op.create_index("ix_draft_pages_sha256", "draft_pages", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_draft_pages_sha256", "draft_pages")
    op.drop_table("draft_pages")
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index("ix_drafts_card_tag")
        batch.drop_column("card_tag")
