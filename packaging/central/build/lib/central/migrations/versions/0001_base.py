"""base: the schema create_all made before migrations

Revision ID: 0001_base
Revises: (none)
Create Date: 2026-12-07 00:12:54
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "fleet_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("event", sa.String(length=48), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_audit")),
    )
    op.create_table(
        "fleet_enrollment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("used_at", sa.Float(), nullable=True),
        sa.Column("used_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_fleet_enrollment_codes")),
    )
    op.create_table(
        "fleet_kiosks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("heartbeat_interval_s", sa.Integer(), nullable=False),
        sa.Column("last_seen_at", sa.Float(), nullable=True),
        sa.Column("last_heartbeat", sa.Text(), nullable=True),
        sa.Column("out_of_service", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_kiosks")),
        sa.UniqueConstraint("public_key", name=op.f("uq_fleet_kiosks_public_key")),
    )
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_kiosks_agency"), ["agency"], unique=False)

    op.create_table(
        "fleet_request_nonces",
        sa.Column("key_id", sa.String(length=80), nullable=False),
        sa.Column("nonce", sa.String(length=80), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", "nonce", name=op.f("pk_fleet_request_nonces")),
    )
    with op.batch_alter_table("fleet_request_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_request_nonces_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "o311_api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_o311_api_keys")),
        sa.UniqueConstraint("key_sha256", name=op.f("uq_o311_api_keys_key_sha256")),
    )
    op.create_table(
        "o311_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_o311_blobs")),
    )
    op.create_table(
        "o311_dossier_counters",
        sa.Column("agency_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=6), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "day", name=op.f("pk_o311_dossier_counters")),
    )
    op.create_table(
        "o311_dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_code", sa.String(length=10), nullable=False),
        sa.Column("dossier_code", sa.String(length=40), nullable=True),
        sa.Column("token", sa.String(length=64), nullable=True),
        sa.Column("token_reads", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=64), nullable=False),
        sa.Column("agency_code", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("assisting_officer", sa.String(length=64), nullable=True),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("status_notes", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("applicant_json", sa.Text(), nullable=False),
        sa.Column("attributes_json", sa.Text(), nullable=False),
        sa.Column("control_changes_json", sa.Text(), nullable=False),
        sa.Column("kiosk_created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("appointment_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_o311_dossiers")),
        sa.UniqueConstraint("dossier_code", name=op.f("uq_o311_dossiers_dossier_code")),
        sa.UniqueConstraint("token", name=op.f("uq_o311_dossiers_token")),
    )
    with op.batch_alter_table("o311_dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_o311_dossiers_agency_code"), ["agency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_o311_dossiers_service_code"), ["service_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_o311_dossiers_tracking_code"), ["tracking_code"], unique=True)

    op.create_table(
        "o311_idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response_json", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_o311_idempotency")),
        sa.UniqueConstraint("kiosk_id", "scope", "key", name=op.f("uq_o311_idempotency_kiosk_id_scope_key")),
    )
    op.create_table(
        "staff_accounts",
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("id_card_mac", sa.String(length=64), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("id_card_mac", name=op.f("uq_staff_accounts_id_card_mac")),
    )
    op.create_table(
        "staff_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_events")),
    )
    with op.batch_alter_table("staff_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_events_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "staff_help_requests",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("screen", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_help_requests")),
    )
    with op.batch_alter_table("staff_help_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_help_requests_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_help_requests_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "fleet_commands",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("signed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("delivered_at", sa.Float(), nullable=True),
        sa.Column("done_at", sa.Float(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["fleet_kiosks.id"], name=op.f("fk_fleet_commands_kiosk_id_fleet_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_commands")),
    )
    with op.batch_alter_table("fleet_commands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_commands_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "fleet_config_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("signed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["fleet_kiosks.id"], name=op.f("fk_fleet_config_versions_kiosk_id_fleet_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_config_versions")),
        sa.UniqueConstraint("kiosk_id", "version", name=op.f("uq_fleet_config_versions_kiosk_id_version")),
    )
    with op.batch_alter_table("fleet_config_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_config_versions_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "fleet_diagnostics",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("bundle", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["fleet_kiosks.id"], name=op.f("fk_fleet_diagnostics_kiosk_id_fleet_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_diagnostics")),
    )
    with op.batch_alter_table("fleet_diagnostics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_diagnostics_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "fleet_selftests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("overall", sa.String(length=8), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["fleet_kiosks.id"], name=op.f("fk_fleet_selftests_kiosk_id_fleet_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fleet_selftests")),
    )
    with op.batch_alter_table("fleet_selftests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fleet_selftests_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "o311_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("document_code", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["o311_dossiers.id"], name=op.f("fk_o311_attachments_dossier_id_o311_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_o311_attachments")),
        sa.UniqueConstraint("dossier_id", "sha256", name=op.f("uq_o311_attachments_dossier_id_sha256")),
    )
    with op.batch_alter_table("o311_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_o311_attachments_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "o311_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.Column("agency_code", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["o311_dossiers.id"], name=op.f("fk_o311_status_events_dossier_id_o311_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_o311_status_events")),
    )
    with op.batch_alter_table("o311_status_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_o311_status_events_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "staff_credentials",
        sa.Column("credential_id", sa.String(length=40), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_accounts.staff_id"],
            name=op.f("fk_staff_credentials_staff_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("credential_id", name=op.f("pk_staff_credentials")),
    )
    with op.batch_alter_table("staff_credentials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_credentials_staff_id"), ["staff_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("staff_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_credentials_staff_id"))

    op.drop_table("staff_credentials")
    with op.batch_alter_table("o311_status_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_o311_status_events_dossier_id"))

    op.drop_table("o311_status_events")
    with op.batch_alter_table("o311_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_o311_attachments_dossier_id"))

    op.drop_table("o311_attachments")
    with op.batch_alter_table("fleet_selftests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_selftests_kiosk_id"))

    op.drop_table("fleet_selftests")
    with op.batch_alter_table("fleet_diagnostics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_diagnostics_kiosk_id"))

    op.drop_table("fleet_diagnostics")
    with op.batch_alter_table("fleet_config_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_config_versions_kiosk_id"))

    op.drop_table("fleet_config_versions")
    with op.batch_alter_table("fleet_commands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_commands_kiosk_id"))

    op.drop_table("fleet_commands")
    with op.batch_alter_table("staff_help_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_help_requests_kiosk_id"))
        batch_op.drop_index(batch_op.f("ix_staff_help_requests_created_at"))

    op.drop_table("staff_help_requests")
    with op.batch_alter_table("staff_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_events_staff_id"))
        batch_op.drop_index(batch_op.f("ix_staff_events_at"))

    op.drop_table("staff_events")
    op.drop_table("staff_accounts")
    op.drop_table("o311_idempotency")
    with op.batch_alter_table("o311_dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_o311_dossiers_tracking_code"))
        batch_op.drop_index(batch_op.f("ix_o311_dossiers_service_code"))
        batch_op.drop_index(batch_op.f("ix_o311_dossiers_agency_code"))

    op.drop_table("o311_dossiers")
    op.drop_table("o311_dossier_counters")
    op.drop_table("o311_blobs")
    op.drop_table("o311_api_keys")
    with op.batch_alter_table("fleet_request_nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_request_nonces_expires_at"))

    op.drop_table("fleet_request_nonces")
    with op.batch_alter_table("fleet_kiosks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fleet_kiosks_agency"))

    op.drop_table("fleet_kiosks")
    op.drop_table("fleet_enrollment_codes")
    op.drop_table("fleet_audit")
