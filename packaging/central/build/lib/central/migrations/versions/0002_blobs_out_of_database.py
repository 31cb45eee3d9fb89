"""Attachment bytes move from the o311_blobs table to the content-addressed blob store

Revision ID: 0002_blobs_out
Revises: 0001_base
Create Date: 2026-12-07 00:35:00

The bytes are copied (and their hashes checked) before the table is dropped, in the same
transaction as the drop on PostgreSQL; a failure leaves the database at 0001 with its blobs.
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0002_blobs_out"
down_revision = "0001_base"
branch_labels = None
depends_on = None

_blobs = sa.table("o311_blobs", sa.column("sha256", sa.String), sa.column("data", sa.LargeBinary))
_attachments = sa.table("o311_attachments", sa.column("sha256", sa.String))


def _store():  # type: ignore[no-untyped-def]
    store = context.config.attributes.get("blob_store")
    if store is None:
        raise RuntimeError(
            "revision 0002 moves attachments to the blob store: run it through `central migrate`, "
            "which knows where the blob store is"
        )
    return store


def upgrade() -> None:
    conn = op.get_bind()
    if conn.execute(sa.select(sa.func.count()).select_from(_blobs)).scalar():
        store = _store()
        # One blob at a time: a province's scans do not fit in memory together.
        for (sha,) in conn.execute(sa.select(_blobs.c.sha256)).all():
            data = conn.execute(sa.select(_blobs.c.data).where(_blobs.c.sha256 == sha)).scalar_one()
            store.put(sha, bytes(data))
    op.drop_table("o311_blobs")


def downgrade() -> None:
    op.create_table(
        "o311_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_o311_blobs")),
    )
    conn = op.get_bind()
    shas = conn.execute(sa.select(_attachments.c.sha256).distinct()).scalars().all()
    if not shas:
        return
    store = _store()
    for sha in shas:
        data = store.get(sha)
        if data is None:
            raise RuntimeError(f"blob {sha[:12]}… is cited by an attachment but missing from the blob store")
        conn.execute(_blobs.insert().values(sha256=sha, data=data))
