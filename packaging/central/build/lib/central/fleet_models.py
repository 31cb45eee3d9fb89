"""Tables of the central's kiosk fleet: enrollment codes, kiosks, signed configurations,
heartbeats, remote commands, self-test reports, seen request nonces and the fleet audit.

Nothing here holds personal data: kiosks report device states and counts only.
Times are UTC epoch seconds (floats), which SQLite keeps exactly.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from central.db import Base


class EnrollmentCode(Base):
    __tablename__ = "fleet_enrollment_codes"
    # SHA-256 of the normalised code: the database never holds a usable code.
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)
    used_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    used_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class FleetKiosk(Base):
    __tablename__ = "fleet_kiosks"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(32), index=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)  # base64url raw Ed25519
    fingerprint: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | decommissioned
    heartbeat_interval_s: Mapped[int] = mapped_column(Integer, default=60)
    last_seen_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_heartbeat: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    out_of_service: Mapped[bool] = mapped_column(Boolean, default=False)


class KioskConfigVersion(Base):
    __tablename__ = "fleet_config_versions"
    __table_args__ = (UniqueConstraint("kiosk_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("fleet_kiosks.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    signed: Mapped[str] = mapped_column(Text)  # the signed envelope, JSON
    created_at: Mapped[float] = mapped_column(Float)


class KioskCommand(Base):
    __tablename__ = "fleet_commands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("fleet_kiosks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    signed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)
    delivered_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    done_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON


class SelftestReport(Base):
    __tablename__ = "fleet_selftests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("fleet_kiosks.id"), index=True)
    received_at: Mapped[float] = mapped_column(Float)
    overall: Mapped[str] = mapped_column(String(8))
    report: Mapped[str] = mapped_column(Text)


class DiagnosticBundle(Base):
    __tablename__ = "fleet_diagnostics"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("fleet_kiosks.id"), index=True)
    received_at: Mapped[float] = mapped_column(Float)
    bundle: Mapped[str] = mapped_column(Text)


class RequestNonce(Base):
    """Nonces of accepted signed requests, kept until the signature expires (replay guard)."""

    __tablename__ = "fleet_request_nonces"
    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(80), primary_key=True)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class FleetAudit(Base):
    __tablename__ = "fleet_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[float] = mapped_column(Float)
    kiosk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    event: Mapped[str] = mapped_column(String(48))
    detail: Mapped[str] = mapped_column(Text, default="{}")
