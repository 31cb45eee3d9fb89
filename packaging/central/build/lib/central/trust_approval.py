"""Configurations that change whom a kiosk trusts wait for a second administrator.

An admin's ``PUT /fleet/kiosks/{id}/config`` whose tables change the central URL or trust
roots (:data:`provisioning.config.TRUST_KEYS`) is not signed at once: it is kept here as
pending. Another admin approves it (``POST …/config/{version}/approve``); only then is it
signed, with the approval (kind ``kiosk-trust-approval``) attached to the envelope, which the
kiosk requires for such a change. Nobody approves their own request.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from central.db import Base
from central.fleet_models import KioskConfigVersion
from common.b64 import b64url_decode


class PendingTrustChange(Base):
    __tablename__ = "pending_trust_changes"

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    config_json: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(String(200))  # comma-separated trust keys
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[float] = mapped_column(Float)


def config_in_force(s: Session, kiosk_id: str) -> dict[str, Any] | None:
    """The tables of the newest configuration signed for this kiosk, or None."""
    row = (
        s.query(KioskConfigVersion)
        .filter(KioskConfigVersion.kiosk_id == kiosk_id)
        .order_by(KioskConfigVersion.version.desc())
        .first()
    )
    if row is None:
        return None
    config = json.loads(b64url_decode(json.loads(row.signed)["payload"])).get("config")
    return config if isinstance(config, dict) else None
